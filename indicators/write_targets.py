"""Extracted targets → a targets table (CSV or xlsx) that ``indicators check`` reads back,
with the data columns (Tử số, Mẫu số) left for the officer to map. Lays out only."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

from budget.layout import WORKBOOK_OPTIONS
from budget.messages import render
from budget.numbers import format_vn, plain
from indicators.extract import Extracted
from indicators.model import KIND_WORD, Kind, Target

HEADERS = ["Mã", "Chỉ tiêu", "Loại", "Giá trị", "Cơ cấu", "Đơn vị", "Đơn vị đo", "Hạn", "Tử số", "Mẫu số", "Nguồn",
           "Độ tin cậy", "Lý do", "Chiều", "Năm gốc", "Giá trị gốc", "Mỗi năm"]  # fmt: skip
# Cells a spreadsheet would take as a formula when they start so (OWASP, CSV injection);
# a plain number (``-5``, ``+1,5``) calls nothing and stays as it is.
RISKY_START = ("=", "+", "-", "@", "\t", "\r", "\n")
_PLAIN_NUMBER = re.compile(r"[+-]?\s*[0-9][0-9.,\s]*%?")


def defused(cell: str) -> str:
    """``'`` before a cell that would start a formula in Excel or LibreOffice."""
    if cell.startswith(RISKY_START) and not _PLAIN_NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


def row_of(e: Extracted) -> list[str]:
    t = e.target
    if t.kind is Kind.SPLIT:
        value, shares = "", "; ".join(format_vn(s.percent) for s in t.shares)
        numerator = "; ".join("" for _ in t.shares)
    elif t.stated is not None:  # an approximate figure: its band is read back from its rounding
        value, shares, numerator = format_vn(t.stated), "", ""
    else:
        bounds = [b for b in (t.lower, t.upper) if b is not None]
        value, shares, numerator = " - ".join(format_vn(b) for b in bounds), "", ""
    return [t.id, t.name, KIND_WORD[t.kind], value, shares, t.unit, "", str(t.deadline or ""), numerator, "",
            t.reference, confidence_word(e), reason_words(e), *kind_cells(t)]  # fmt: skip


def kind_cells(t: Target) -> list[str]:
    """Chiều, Năm gốc, Giá trị gốc, Mỗi năm: what the kinds beyond levels need, in officers' words."""
    direction = {1: render("TARGET_LINE.up", {}), -1: render("TARGET_LINE.down", {})}.get(t.direction, "")
    baseline = "" if t.baseline is None else format_vn(t.baseline)
    per_year = render("TARGET_LINE.per_year", {}).strip() if t.per_year else ""
    return [direction, str(t.base_year or ""), baseline, per_year]


def to_csv(found: list[Extracted]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(HEADERS)
    for e in found:
        w.writerow([defused(cell) for cell in row_of(e)])
    return buf.getvalue()


def to_json(found: list[Extracted]) -> str:
    return json.dumps({"targets": to_dicts(found)}, ensure_ascii=False, indent=2)


def to_dicts(found: list[Extracted]) -> list[dict[str, Any]]:
    def one(e: Extracted) -> dict[str, Any]:
        t = e.target
        return {
            "id": t.id,
            "kind": t.kind.value,
            "lower": None if t.lower is None else plain(t.lower),
            "upper": None if t.upper is None else plain(t.upper),
            "shares": [{"label": s.label, "percent": plain(s.percent)} for s in t.shares],
            "unit": t.unit,
            "deadline": t.deadline,
            "deadline_from_period": t.deadline_from_period,
            "per_year": t.per_year,
            "direction": t.direction or None,
            "base_year": t.base_year,
            "baseline": None if t.baseline is None else plain(t.baseline),
            "stated": None if t.stated is None else plain(t.stated),
            "subject": e.subject,
            "line": t.source.line,
            "column": t.source.col,
            "confidence": confidence_word(e),
            "reason": reason_words(e),
        }

    return [one(e) for e in found]


def confidence_word(e: Extracted, lang: str = "vi") -> str:
    return render(f"TARGET_CONFIDENCE.{e.confidence}", {}, lang)


def reason_words(e: Extracted, lang: str = "vi") -> str:
    return render(e.reason.code, e.reason.args, lang)


def target_line(e: Extracted, where: str | None = None, lang: str = "vi") -> str:
    """One target as a line of text, placed at ``where`` (its source, ``file:line:col``, by default)."""
    t = e.target
    bounds = bounds_words(e, lang)
    period = "TARGET_LINE.period_deadline" if t.deadline_from_period else "TARGET_LINE.deadline"
    deadline = render(period, {"year": t.deadline}, lang) if t.deadline else ""
    place = str(t.source) if where is None else where
    kind = render(f"TARGET_KIND.{t.kind.value}", {}, lang)
    why = f"{confidence_word(e, lang)}: {reason_words(e, lang)}"
    return f"{place}: [{t.id}] {kind} {bounds}{deadline} — {e.subject} ({why})"


def bounds_words(e: Extracted, lang: str = "vi") -> str:
    """The value a target asks for, with its unit and what its kind adds (``230.000 lượt người
    (225.000 - 235.000) mỗi năm``, ``10% (tăng), so với năm 2020``); a direction has no value."""
    t, row = e.target, row_of(e)
    if t.kind is Kind.SPLIT:  # a structure: each share with its sign (``70% / 30%``)
        return " / ".join(f"{format_vn(s.percent)}%" for s in t.shares) + kind_words(t, lang)
    value = row[3] or row[4]
    bounds = value + ("%" if t.unit == "%" else f" {t.unit}" if t.unit else "") if value else ""
    if t.stated is not None and t.lower is not None and t.upper is not None:
        bounds += f" ({format_vn(t.lower)} - {format_vn(t.upper)})"
    # a direction has no value: its words stand alone (``(tăng)``), not after a space
    return (bounds + kind_words(t, lang)).lstrip()


def kind_words(t: Target, lang: str = "vi") -> str:
    """What a kind adds after its bounds: per year, up or down, against a base year, from a baseline."""
    out = render("TARGET_LINE.per_year", {}, lang) if t.per_year else ""
    if t.direction and t.kind in (Kind.CHANGE, Kind.DIRECTION):
        out = f" ({render('TARGET_LINE.up' if t.direction > 0 else 'TARGET_LINE.down', {}, lang)})" + out
    if t.baseline is not None:
        value = format_vn(t.baseline) + ("%" if t.unit == "%" else "")
        code = "TARGET_LINE.baseline" if t.base_year else "TARGET_LINE.baseline_no_year"
        out += render(code, {"value": value, "year": t.base_year}, lang)
    elif t.base_year:
        out += render("TARGET_LINE.base_year", {"year": t.base_year}, lang)
    return out


def to_text(found: list[Extracted], lang: str = "vi") -> str:
    out = [target_line(e, lang=lang) for e in found]
    out.append(render("TARGET_LINE.found", {"count": len(found)}, lang))
    return "\n".join(out) + "\n"


def write_targets_xlsx(path: Path, found: list[Extracted]) -> None:
    import xlsxwriter  # lazy-import point: budget.lazy_imports

    wb = xlsxwriter.Workbook(str(path), WORKBOOK_OPTIONS)
    add_targets_sheet(wb, found)
    wb.close()


def add_targets_sheet(wb: Any, found: list[Extracted]) -> None:
    """Sheet ``Chỉ tiêu``: the targets table, in a workbook of its own or beside the budget."""
    ws = wb.add_worksheet("Chỉ tiêu")
    header = wb.add_format({"bold": True, "bg_color": "#D9E1F2", "border": 1, "text_wrap": True})
    quoted = wb.add_format({"quote_prefix": True})  # text that looks like a formula stays text when edited
    for col, name in enumerate(HEADERS):
        ws.write_string(0, col, name, header)
    for r, e in enumerate(found, 1):
        for col, value in enumerate(row_of(e)):
            ws.write_string(r, col, value, quoted if value.startswith(RISKY_START) else None)
    ws.set_column(1, 1, 60)
    ws.freeze_panes(1, 0)
