"""Report → the readable tree and summary printed by ``budget check``. Lays out only."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from budget.api import Report
from budget.evaluate import LineResult, Result
from budget.findings import format_finding
from budget.numbers import format_vn
from indicators.extract import Extracted
from indicators.write_targets import to_text

_OK, _BAD, _NONE = "✓", "✗", "·"
_LABEL = 56


def _num(v: Decimal | None) -> str:
    return "—" if v is None else format_vn(v)


def _mark(ok: bool | None) -> str:
    return _NONE if ok is None else (_OK if ok else _BAD)


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _row(label: str, stated: str, computed: str, unit: str, mark: str) -> str:
    return f"{_cut(label, _LABEL):<{_LABEL}} {stated:>12} {computed:>12}  {mark}  {unit}"


def _rows(items: tuple[Result, ...], depth: int) -> list[str]:
    pad = "  " * depth
    out: list[str] = []
    for r in items:
        if isinstance(r, LineResult):
            line = r.line
            where = line.source.cell if line.source.cell else f"dòng {line.source.line}"
            label = f"{pad}{where}: {line.label or line.tail}"
            unit = line.stated.money.name if line.stated.money else line.stated.unit_text
            out.append(_row(label, _num(r.stated), _num(r.computed), unit, _mark(r.ok)))
        else:
            s = r.section
            label = f"{pad}{s.number}. {s.title}" if s.number else f"{pad}{s.title}"
            stated = _num(r.stated) if r.stated is not None else "không ghi"
            out.append(_row(label, stated, _num(r.children_sum), r.money.name, _mark(r.ok)))
            out.extend(_rows(r.children, depth + 1))
    return out


def write_text(report: Report, targets: Sequence[Extracted] = ()) -> str:
    plan, ev = report.plan, report.evaluation
    info = plan.document
    out: list[str] = []
    ident = ", ".join(x for x in (info.number, info.place, info.date) if x)
    out.append(f"Tệp: {plan.file}" + (f"  ({ident})" if ident else ""))
    if info.title:
        out.append(info.title)
    if not plan.has_budget:
        out.append("Không tìm thấy dự toán kinh phí (dòng chi phí, mục có kinh phí, tổng kinh phí) trong văn bản.")
    else:
        if plan.heading is not None:
            out.append(f"{plan.heading.number}. {plan.heading.title}".lstrip(". "))
        out.append(_row("", "ghi", "tính", "đơn vị", " "))
        t = ev.total
        stated = _num(t.stated) if t.stated is not None else "không ghi"
        out.append(_row("Tổng kinh phí", stated, _num(t.children_sum), t.money.name, _mark(t.ok)))
        out.extend(_rows(ev.items, 1))
    if targets:
        out.append("")
        out.append(f"Chỉ tiêu nêu trong văn bản ({len(targets)}), để theo dõi bằng lệnh indicators check:")
        out.extend("  " + line for line in to_text(list(targets)).splitlines()[:-1])
    if report.findings:
        out.append("")
        out.extend(format_finding(f) for f in report.findings)
    n_lines = len(ev.lines())
    n_sections = len(ev.sections())
    errors = sum(1 for f in report.findings if f.severity.value == "error")
    warnings = sum(1 for f in report.findings if f.severity.value == "warning")
    notes = sum(1 for f in report.findings if f.severity.value == "info")
    out.append("")
    summary = f"Tóm tắt: {n_lines} dòng chi phí, {n_sections} mục"
    if ev.total.stated is not None:
        summary += f", tổng kinh phí ghi {format_vn(ev.total.stated)} {ev.total.money.name}"
    out.append(summary + ".")
    if errors:
        verdict = f"Kết quả: {errors} lỗi"
    elif plan.has_budget:
        verdict = "Kết quả: khớp, không có lỗi"
    else:
        verdict = "Kết quả: không có dự toán để kiểm tra"
    out.append(f"{verdict}; {warnings} cảnh báo, {notes} ghi chú.")
    return "\n".join(out) + "\n"
