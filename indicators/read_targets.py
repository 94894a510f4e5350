"""A targets table (``Chỉ tiêu``: CSV or xlsx) → (targets, findings). Never raises on bad rows.

Columns, found by name: Mã, Chỉ tiêu, Loại (tối thiểu, tối đa, khoảng, cơ cấu, số lượng),
Giá trị (``20``, ``80 - 85``, ``từ 3 đến 5``, ``230.000``), Cơ cấu (``70; 30``), Đơn vị
(``%`` or the counted unit), Đơn vị đo (what the measures count, for gaps), Hạn (year),
Tử số (measures, ``a + b`` summed, ``a; b`` for the parts of a split), Mẫu số, Nguồn.

The kinds beyond levels (``indicators.kinds``): Loại ``xấp xỉ`` with Giá trị ``230.000``
(a band of half its rounding, ± 5.000) or ``230.000 ± 10.000``; ``mức thay đổi`` with
Giá trị ``10`` or ``1 - 2`` (percent), Chiều ``tăng``/``giảm`` and Năm gốc or Mỗi năm;
``từ mức gốc`` with Giá trị (the goal), Giá trị gốc and Năm gốc; ``xu hướng`` with Chiều
only; ``xây mới`` (counted up to Hạn from Năm gốc); a ratio by an Đơn vị ``học sinh/lớp``
with a Mẫu số. Mỗi năm (``có``, ``x``, ``mỗi năm``) marks a flow judged each year.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

from budget.costline import read_number_at
from budget.findings import Finding, Severity
from budget.numbers import NumberError, from_xml
from budget.source import Source
from budget.text import fold
from indicators.model import Kind, Share, Target, band, kind_named
from indicators.read_table import StoredNumber, Table, read_table

COLUMNS = {  # role: folded header prefix (longest first where they share a start)
    "measure_unit": "don vi do",
    "baseline": "gia tri goc",
    "base_year": "nam goc",
    "direction": "chieu",
    "per_year": "moi nam",
    "id": "ma",
    "name": "chi tieu",
    "kind": "loai",
    "bounds": "gia tri",
    "shares": "co cau",
    "unit": "don vi",
    "deadline": "han",
    "numerator": "tu so",
    "denominator": "mau so",
    "reference": "nguon",
}
_RANGE_SPLIT = re.compile(r"\s*(?:-|–|—|đến|den)\s*")
_BAND = re.compile(r"\s*(?:±|\+/-|\+-)\s*")
_UP, _DOWN = ("tang", "len", "nang cao", "up", "+"), ("giam", "xuong", "ha", "down", "-")
_YES = ("co", "x", "moi nam", "hang nam", "yes", "1")


def columns_of(header: list[str], roles: dict[str, str]) -> dict[str, int]:
    """Column index of each role, by folded header prefix; the first match wins."""
    found: dict[str, int] = {}
    for i, name in enumerate(header):
        text = fold(name).strip()
        for role, prefix in roles.items():
            if role not in found and (text == prefix or text.startswith(prefix + " ") or text.startswith(prefix + "(")):
                found[role] = i
                break
    return found


class _Row:
    def __init__(self, table: Table, cells: list[tuple[str, Source]], cols: dict[str, int]):
        self.table = table
        self.cells = cells
        self.cols = cols
        self.findings: list[Finding] = []

    def text(self, role: str) -> str:
        i = self.cols.get(role)
        return self.cells[i][0] if i is not None and i < len(self.cells) else ""

    def where(self, role: str) -> Source:
        i = self.cols.get(role, 0)
        return self.cells[min(i, len(self.cells) - 1)][1]

    def number(self, text: str, role: str) -> Decimal | None:
        t = text.strip().rstrip("%").strip()
        if not t:
            return None
        try:
            # a number the workbook stores (exact digits); a text cell is read as CSV reads it
            if isinstance(self.text(role), StoredNumber) and re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", t):
                return from_xml(t)
            value, fs = read_number_at(t, self.where(role))
        except NumberError:
            self.findings.append(Finding(self.where(role), "TARGET_BAD_NUMBER", Severity.ERROR, {"text": text}))
            return None
        self.findings.extend(fs)
        return value


def _measures(text: str, sep: str) -> tuple[str, ...]:
    return tuple(m.strip() for m in text.split(sep) if m.strip())


def read_targets(path: Path, name: str | None = None) -> tuple[list[Target], list[Finding]]:
    shown = name or str(path)
    table = read_table(path, shown, ("Chỉ tiêu",))
    cols = columns_of(table.header, COLUMNS)
    targets: list[Target] = []
    findings: list[Finding] = []
    for cells in table.rows:
        row = _Row(table, cells, cols)
        target = _target(row)
        findings.extend(row.findings)
        if target is not None:
            targets.append(target)
    return targets, findings


def _target(row: _Row) -> Target | None:
    tid = row.text("id") or row.text("name")
    where = row.where("id")
    kind_text = fold(row.text("kind")).strip()
    kind = kind_named(kind_text)
    if kind is None:
        row.findings.append(Finding(row.where("kind"), "TARGET_BAD_KIND", Severity.ERROR, {"text": row.text("kind")}))
        return None
    unit = row.text("unit") or "%"
    unit = "%" if unit.strip() in ("%", "phần trăm", "phan tram") else unit.strip()
    extra = _kind_fields(row, kind, tid)
    if extra is None:
        return None
    band_text = _BAND.split(row.text("bounds"))
    if kind is Kind.APPROXIMATE and len(band_text) == 2:
        figure, half = row.number(band_text[0], "bounds"), row.number(band_text[1], "bounds")
        if figure is None or half is None:
            return None
        extra.update(stated=figure, lower=figure - half, upper=figure + half)
    bounds_text = band_text[0] if "stated" in extra else row.text("bounds")
    bounds = [row.number(p, "bounds") for p in _RANGE_SPLIT.split(bounds_text.replace("từ", "").strip()) if p]
    values = [b for b in bounds if b is not None]
    if kind is Kind.APPROXIMATE and "stated" not in extra and len(values) == 1:
        half = band(values[0], unit == "%")
        extra.update(stated=values[0], lower=values[0] - half, upper=values[0] + half)
    if kind is Kind.DIRECTION:
        values = [Decimal(0)]  # no level: the direction is the target
    lower = upper = None
    shares: tuple[Share, ...] = ()
    numerator = _measures(row.text("numerator"), ";" if kind is Kind.SPLIT else "+")
    if kind is Kind.SPLIT:
        parts = [row.number(p, "shares") for p in row.text("shares").split(";") if p.strip()]
        if len(parts) != len(numerator) or any(p is None for p in parts) or not parts:
            row.findings.append(
                Finding(
                    row.where("shares"),
                    "TARGET_SPLIT_SHAPE",
                    Severity.ERROR,
                    {"shares": len(parts), "measures": len(numerator)},
                )
            )
            return None
        shares = tuple(Share(m, p) for m, p in zip(numerator, parts, strict=True) if p is not None)
        total = sum((s.percent for s in shares), Decimal(0))
        if total != 100:
            row.findings.append(
                Finding(row.where("shares"), "TARGET_SHARES_NOT_100", Severity.WARNING, {"total": total})
            )
    elif not values:
        row.findings.append(Finding(row.where("bounds"), "TARGET_NO_BOUNDS", Severity.ERROR, {"id": tid}))
        return None
    elif kind is Kind.APPROXIMATE:
        low, high = extra.pop("lower", None), extra.pop("upper", None)
        lower = low if isinstance(low, Decimal) else None
        upper = high if isinstance(high, Decimal) else None
    elif kind is Kind.DIRECTION:
        pass
    elif kind is Kind.FROM_TO:  # the goal above the baseline is reached upwards, below it downwards
        up = values[0] > Decimal(str(extra["baseline"]))
        extra["direction"] = 1 if up else -1
        lower, upper = (values[0], None) if up else (None, values[0])
    elif kind is Kind.MINIMUM:
        lower = values[0]
    elif kind is Kind.MAXIMUM:
        upper = values[0]
    else:  # range, or a count that is one figure (a minimum) or a range
        lower = values[0]
        upper = values[-1] if len(values) > 1 or kind is Kind.RANGE else None
    if not numerator:
        row.findings.append(Finding(row.where("numerator"), "TARGET_NO_MEASURE", Severity.ERROR, {"id": tid}))
        return None
    denominator = row.text("denominator").strip() or None
    if ((unit == "%" and kind not in (Kind.SPLIT, Kind.CHANGE)) or "/" in unit) and denominator is None:
        row.findings.append(Finding(row.where("denominator"), "TARGET_NO_DENOMINATOR", Severity.ERROR, {"id": tid}))
        return None
    deadline = None
    if row.text("deadline").strip():
        m = re.fullmatch(r"(?:năm\s*)?([0-9]{4})(?:\.0)?", row.text("deadline").strip())
        if m is None:
            row.findings.append(
                Finding(row.where("deadline"), "TARGET_BAD_DEADLINE", Severity.ERROR, {"text": row.text("deadline")})
            )
        else:
            deadline = int(m.group(1))
    return Target(
        tid,
        row.text("name") or tid,
        kind,
        where,
        lower,
        upper,
        shares,
        unit,
        row.text("measure_unit").strip() or ("" if unit == "%" else unit),
        deadline,
        numerator,
        denominator,
        row.text("reference"),
        **extra,  # type: ignore[arg-type]
    )


def _kind_fields(row: _Row, kind: Kind, tid: str) -> dict[str, object] | None:
    """Chiều, Năm gốc, Giá trị gốc, Mỗi năm → the target's fields; None (with a finding) when
    a kind lacks what it needs: a direction for a change or a direction target, a baseline
    for a from-to target."""
    out: dict[str, object] = {}
    word = fold(row.text("direction")).strip()
    if word:
        if word.startswith(_UP):
            out["direction"] = 1
        elif word.startswith(_DOWN):
            out["direction"] = -1
    if fold(row.text("per_year")).strip() in _YES:
        out["per_year"] = True
    year = row.text("base_year").strip()
    if year:
        m = re.fullmatch(r"(?:năm\s*)?([0-9]{4})(?:\.0)?", year)
        if m is None:
            row.findings.append(Finding(row.where("base_year"), "TARGET_BAD_DEADLINE", Severity.ERROR, {"text": year}))
            return None
        out["base_year"] = int(m.group(1))
    if row.text("baseline").strip():
        baseline = row.number(row.text("baseline"), "baseline")
        if baseline is None:
            return None
        out["baseline"] = baseline
    if kind in (Kind.CHANGE, Kind.DIRECTION) and "direction" not in out:
        row.findings.append(Finding(row.where("kind"), "TARGET_NO_DIRECTION", Severity.ERROR, {"id": tid}))
        return None
    if kind is Kind.FROM_TO and "baseline" not in out:
        row.findings.append(Finding(row.where("kind"), "TARGET_NO_BASELINE", Severity.ERROR, {"id": tid}))
        return None
    return out
