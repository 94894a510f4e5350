"""Workbooks in the tool's own template (.xlsx, and CSV in its columns) → (Plan, findings),
every figure located as ``sheet!cell``.

Reads the layout the tool writes (``layout``), found by header names, so a workbook an
officer edited (rows added, columns moved) reads the same. Files are opened through
``xlsx_io`` (safety checks first, numbers kept exact).

Only the cells that exist are visited (a stray cell at XFD300 costs one cell, not the
rectangle up to it). Limits are findings at the cell, not crashes: a number outside what
the exact arithmetic holds (``1E+400``, 80 digits), a line whose product would be, a
date where a number belongs. Section numbers nested deeper than ``MAX_DEPTH`` are refused.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Context, Decimal
from typing import Any

from openpyxl.utils.cell import coordinate_to_tuple
from openpyxl.worksheet.worksheet import Worksheet

from budget import layout
from budget.costline import read_number_at
from budget.findings import Finding, InputError, Severity
from budget.formulas.recompute import MoneyOf, recompute_workbook
from budget.model import Amount, Claim, CostLine, DocumentInfo, Item, Plan, Quantity, Section, Step
from budget.numbers import NumberError, format_vn
from budget.source import Source
from budget.tables.groups import lump
from budget.text import clean_line, fold
from budget.units import TRIEU, Money, read_money

# levels of section numbers (1.2.3 is 3) a workbook may nest: real plans use up to 5 or 6, a
# sound one may go far deeper without being hostile; only the pathological (hundreds of levels
# in a few kilobytes) is refused. The text reader keeps as many (``budget.outline``).
MAX_DEPTH = 60
MAX_INTEGER_DIGITS = 18  # |number| < 10^18: far beyond any budget, in đồng
MAX_DECIMALS = 18  # digits after the decimal point (a float stored by Excel has up to 17)
# The product of a line, in the unit it is compared in: below 10^20 (so that sums of a
# million lines stay below the 28 digits that number formatting handles) and at most 24
# decimals (so that sums and differences stay within the 60 digits of exact arithmetic).
MAX_LINE_POWER = 20
MAX_LINE_DECIMALS = 24
MAX_FACTOR_DIGITS = 54  # significant digits of all factors of a line together (arithmetic keeps 60)


def _window(value: Decimal) -> tuple[int, int, int]:
    """(significant digits, power of the first digit, power of the last non-zero digit)."""
    _, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)  # finite: numbers are built from validated text
    stripped = len(digits)
    while stripped > 1 and digits[stripped - 1] == 0:
        stripped -= 1
    last = exponent + len(digits) - stripped
    return stripped, value.adjusted(), last


def in_exact_range(value: Decimal) -> bool:
    """A number the exact arithmetic can use: below 10^18, at most 18 decimals."""
    if not value.is_finite():
        return False
    if value.is_zero():
        return True
    _, first, last = _window(value)
    return first < MAX_INTEGER_DIGITS and last >= -MAX_DECIMALS


def _line_digits(factors: list[Quantity], stated: Quantity) -> int | None:
    """Digits the line's product needs in the unit of its stated amount, when too many to be
    computed and summed exactly; None when it fits."""
    if sum(_window(f.value)[0] for f in factors if not f.value.is_zero()) > MAX_FACTOR_DIGITS:
        return sum(_window(f.value)[0] for f in factors)
    wide = Context(prec=MAX_FACTOR_DIGITS * 2)
    value = Decimal(1)
    exponent = 0
    for f in factors:
        value = wide.multiply(value, f.value)
        exponent += f.exponent - (2 if f.percent else 0)
    if value.is_zero():
        return None
    _, first, last = _window(value)
    shift = exponent - stated.exponent
    first, last = first + shift, last + shift
    if first >= MAX_LINE_POWER or last < -MAX_LINE_DECIMALS:
        return max(first, 0) - min(last, 0) + 1
    return None


def _rows(ws: Worksheet, min_row: int = 1, max_row: int | None = None) -> Iterator[tuple[int, dict[int, Any]]]:
    """(row number, {column: cell}) for the rows that have cells, in order: only the cells
    that exist, so the size of the sheet's rectangle does not matter."""
    cells = ws._cells
    width = ws.max_column
    if max_row is not None and (max_row - min_row + 1) * width < len(cells):
        # a few rows at the top of a large sheet: looked up, not found by scanning every cell
        for r in range(min_row, max_row + 1):
            found = {c: cells[(r, c)] for c in range(1, width + 1) if (r, c) in cells}
            if found:
                yield r, found
        return
    by_row: dict[int, dict[int, Any]] = {}
    for (r, c), cell in list(cells.items()):
        if r >= min_row and (max_row is None or r <= max_row):
            by_row.setdefault(r, {})[c] = cell
    for r in sorted(by_row):
        row = by_row[r]
        yield r, {c: row[c] for c in sorted(row)}


def _header_map(ws: Worksheet, roles: dict[str, str], must: tuple[str, ...]) -> tuple[int, dict[str, Any]] | None:
    """Find the header row (within the first 20) and the column of each role, by name."""
    for row_number, row in _rows(ws, 1, 20):
        found: dict[str, Any] = {}
        for cell in row.values():
            if not isinstance(cell.value, str):
                continue
            text = fold(cell.value).strip()
            for role, prefix in roles.items():
                if role in ("value", "unit"):
                    m = re.fullmatch(prefix + r"\s*([0-9]+)", text)
                    if m:
                        found.setdefault(role, {})[int(m.group(1))] = cell.column
                elif text.startswith(prefix) and role not in found:
                    found[role] = cell.column
                    found[role + "_text"] = cell.value
        if all(r in found for r in must):
            return row_number, found
    return None


@dataclass
class _SectionDraft:
    number: str
    title: str
    source: Source
    stated: Amount | None = None
    items: list[Any] = field(default_factory=list)


class _Reader:
    def __init__(self, name: str, formulas: Any, values: Any, csv: bool = False, states: Any = None):
        self.states: dict[str, dict[str, bool]] = states or {}
        self.csv = csv  # cells of a CSV file: located as file:row:column, numbers are text by nature
        self.name = name
        self.formulas = formulas
        self.values = values
        self.findings: list[Finding] = []
        self.claims: list[Claim] = []
        self.filled: dict[tuple[str, str], Decimal] = {}  # formula cells stale or without stored value
        self.stale: set[str] = set()  # cells ``recompute_workbook`` found stale: never claimed again

    def recompute(self, sheets: list[str], money: MoneyOf) -> None:
        """Every formula cell of ``sheets`` recomputed (``budget.formulas.recompute``): stale values and
        formulas that cannot be evaluated are reported, recomputed values fill the cells the file
        stores none for."""
        states = self.states if self.states else None
        result = recompute_workbook(self.formulas, self.values, self.name, states, self.csv, money, sheets)
        self.findings.extend(result.findings)
        self.stale = {str(f.source.cell) for f in result.findings if f.code == "XLSX_STALE_VALUE"}
        for (sheet, coordinate), value in result.values.items():
            if self.values[sheet][coordinate].value is None or f"{sheet}!{coordinate}" in self.stale:
                self.filled[(sheet, coordinate)] = value  # what the formula gives, not what the file shows

    def source(self, sheet: str, coordinate: str, text: str = "") -> Source:
        if self.csv:
            col, row = coordinate_to_tuple(coordinate)[::-1]
            return Source(self.name, row, col, None, text)
        return Source(self.name, None, None, f"{sheet}!{coordinate}", text)

    def number(self, sheet: str, cell: Any, text: str = "") -> Decimal | None:
        """A cell's number, exactly; numbers typed as text are read Vietnamese-style, with a note."""
        value = self.filled.get((sheet, cell.coordinate), cell.value) if self.filled else cell.value
        where = self.source(sheet, cell.coordinate, text)
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, bool):
            self.findings.append(Finding(where, "XLSX_NOT_A_NUMBER", Severity.ERROR, {"text": str(value)}))
            return None
        if isinstance(value, datetime.date | datetime.time | datetime.timedelta):
            date = value.isoformat() if not isinstance(value, datetime.timedelta) else str(value)
            self.findings.append(Finding(where, "XLSX_DATE_AS_NUMBER", Severity.ERROR, {"date": date}))
            return None
        if isinstance(value, Decimal | int):
            return self.in_range(Decimal(value), where, str(value))
        if isinstance(value, str):
            try:
                number, fs = read_number_at(value.strip(), where)
            except NumberError:
                self.findings.append(Finding(where, "XLSX_NOT_A_NUMBER", Severity.ERROR, {"text": value}))
                return None
            self.findings.extend(fs)
            if not self.csv:
                self.findings.append(Finding(where, "XLSX_NUMBER_AS_TEXT", Severity.INFO, {"text": value}))
            return self.in_range(number, where, value.strip())
        self.findings.append(Finding(where, "XLSX_NOT_A_NUMBER", Severity.ERROR, {"text": str(value)}))
        return None

    def in_range(self, value: Decimal, where: Source, text: str) -> Decimal | None:
        """The number, or None with a finding when exact arithmetic cannot hold it."""
        if in_exact_range(value):
            return value
        shown = text if text and len(text) <= 40 else _short(value)
        self.findings.append(Finding(where, "NUMBER_OUT_OF_RANGE", Severity.ERROR, {"text": shown}))
        return None

    def claim(self, sheet: str, row: int, col: int, target: str, key: str) -> None:
        """Record a formula cell's stored value (or its absence) for ``check_stored_values``."""
        f = self.formulas[sheet].cell(row=row, column=col)
        if not (isinstance(f.value, str) and f.value.startswith("=")):
            return
        v = self.values[sheet].cell(row=row, column=col)
        where = self.source(sheet, f.coordinate)
        if str(where.cell) in self.stale:
            return  # reported by the recomputation, with the value the formula gives
        if v.value is None:
            self.claims.append(Claim(where, target, key, None))  # not evaluated, or blank: nothing to compare
        elif isinstance(v.value, Decimal | int):
            value = self.in_range(Decimal(v.value), where, "")
            if value is not None:
                self.claims.append(Claim(where, target, key, value))


def _short(value: Decimal) -> str:
    """A number too long to show whole: its first digits and its size (``9999…E+79``)."""
    digits = "".join(map(str, value.as_tuple().digits))
    sign = "-" if value.is_signed() else ""
    return f"{sign}{digits[:6]}…E{value.adjusted():+d}" if len(digits) > 6 else f"{value:E}"


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f") if in_exact_range(value) else _short(value)
    return clean_line(str(value)).strip()


def _unit_of(header: str | None) -> Money:
    m = re.search(r"\(([^)]+)\)", header or "")
    if m:
        money, _ = read_money(m.group(1))
        if money is not None:
            return money
    return TRIEU


def _parent_number(number: str) -> str | None:
    return number.rsplit(".", 1)[0] if "." in number else None


def is_template(values: Any) -> bool:
    """Whether loaded stored values are the tool's own template: sheet ``Chi tiết`` with its header."""
    return layout.DETAIL in values.sheetnames and (
        _header_map(values[layout.DETAIL], layout.DETAIL_ROLES, ("value", "computed")) is not None
    )


def read_loaded(
    name: str, formulas: Any, values: Any, csv: bool = False, states: dict[str, dict[str, bool]] | None = None
) -> tuple[Plan, list[Finding]]:
    """The plan in loaded workbooks of the tool's own layout (``is_template``); the formulas
    and the stored values of the same file."""
    r = _Reader(name, formulas, values, csv, states)
    detail_v: Worksheet = values[layout.DETAIL]
    head = _header_map(detail_v, layout.DETAIL_ROLES, ("value", "computed"))
    if head is None:  # a caller's bug: any other layout goes to the grid reader
        raise ValueError(f"{name}: not the tool's layout")
    header_row, cols = head
    unit = _unit_of(cols.get("computed_text") or cols.get("stated_text"))
    shead = None
    if layout.SUMMARY in values.sheetnames:
        shead = _header_map(values[layout.SUMMARY], layout.SUMMARY_ROLES, ("section", "stated"))
    amounts = {layout.DETAIL: (header_row, {cols["computed"], cols.get("stated")})}
    if shead is not None:
        amounts[layout.SUMMARY] = (shead[0], {shead[1].get(role) for role in ("stated", "sum", "recomputed")})

    def money_of(sheet: str, coordinate: str) -> Money | None:
        """The unit of the amounts of the computed, stated and summed columns."""
        below, columns = amounts.get(sheet, (0, set()))
        row, col = coordinate_to_tuple(coordinate)
        return unit if row > below and col in columns else None

    r.recompute([s for s in (layout.SUMMARY, layout.DETAIL) if s in formulas.sheetnames], money_of)
    sections: dict[str, _SectionDraft] = {}
    order: list[str] = []
    total: Amount | None = None
    top_items: list[Any] = []

    def section(number: str, title: str = "", where: Source | None = None) -> _SectionDraft:
        if number not in sections:
            sections[number] = _SectionDraft(number, title, where or Source(name))
            order.append(number)
        return sections[number]

    # Tổng hợp: sections, their stated amounts and the grand total
    if layout.SUMMARY in values.sheetnames:
        sv: Worksheet = values[layout.SUMMARY]
        if shead is not None:
            srow, scols = shead
            for row_number, cells in _rows(sv, srow + 1):
                number = _text(cells[scols["section"]].value) if scols["section"] in cells else ""
                title = _text(cells[scols["title"]].value) if "title" in scols and scols["title"] in cells else ""
                stated_cell = cells.get(scols["stated"])
                if stated_cell is None:
                    stated_cell = sv.cell(row=row_number, column=scols["stated"])
                stated = r.number(layout.SUMMARY, stated_cell, title)
                where = r.source(layout.SUMMARY, stated_cell.coordinate, title)
                amount = Amount(stated, unit, where) if stated is not None else None
                if not number and fold(title).startswith(fold(layout.TOTAL_LABEL)):
                    total = amount
                    key = ""
                elif number:
                    d = section(number, title, r.source(layout.SUMMARY, f"A{row_number}", title))
                    d.stated = amount
                    key = number
                else:
                    continue
                for role in ("sum", "recomputed"):
                    if role in scols:
                        r.claim(layout.SUMMARY, row_number, scols[role], role, key)

    # Chi tiết: one cost line per row with at least one factor
    for row_number, cells in _rows(detail_v, header_row + 1):
        label = _text(cells[cols["label"]].value) if "label" in cols and cols["label"] in cells else ""
        factors: list[Quantity] = []
        unreadable = False  # a factor cell holds what is no number: the product cannot be read whole
        for k in sorted(cols["value"]):
            vcell = cells.get(cols["value"][k])
            if vcell is None:
                continue
            value = r.number(layout.DETAIL, vcell, label)
            if value is None:
                unreadable = unreadable or not (vcell.value is None or str(vcell.value).strip() == "")
                continue
            ucol = cols.get("unit", {}).get(k)
            unit_text = _text(cells[ucol].value) if ucol in cells else ""
            money, _ = read_money(unit_text)
            percent = unit_text.strip() == "%"
            where = r.source(layout.DETAIL, vcell.coordinate, label)
            shown = format_vn(value) if not isinstance(vcell.value, str) else vcell.value.strip()
            factors.append(Quantity(value, unit_text, None if percent else money, where, shown, percent))
        if not factors:
            continue
        stated_cell = cells.get(cols.get("stated", -1))
        computed_cell = cells.get(cols["computed"])
        if computed_cell is None:  # only existing cells are visited: the column's cell, empty
            computed_cell = detail_v.cell(row=row_number, column=cols["computed"])
        stated = r.number(layout.DETAIL, stated_cell, label) if stated_cell is not None else None
        anchor = (
            stated_cell if stated_cell is not None and (stated is not None or computed_cell is None) else computed_cell
        )
        if stated is None and computed_cell is not None:
            stated = r.number(layout.DETAIL, computed_cell, label)  # the workbook's own figure
        if stated is None:
            r.findings.append(
                Finding(r.source(layout.DETAIL, anchor.coordinate, label), "XLSX_NO_AMOUNT", Severity.WARNING)
            )
            continue
        where = r.source(layout.DETAIL, anchor.coordinate, label)
        result = Quantity(stated, unit.name, unit, where)
        digits = _line_digits(factors, result)
        if digits is not None:
            r.findings.append(Finding(where, "LINE_OUT_OF_RANGE", Severity.ERROR, {"digits": digits}))
            continue
        number = _text(cells[cols["section"]].value) if "section" in cols and cols["section"] in cells else ""
        if unreadable:
            # the row's amount still counts in its section's sum; its product is not judged from
            # the factors that could be read (a finding at the unreadable cell says why)
            (section(number).items if number else top_items).append(lump(label, result))
            continue
        line = CostLine(where, label, (Step(tuple(factors), result),))
        r.claim(layout.DETAIL, row_number, cols["computed"], "line", str(where.cell))
        if number.count(".") >= MAX_DEPTH:  # refused where it is written
            at = r.source(layout.DETAIL, cells[cols["section"]].coordinate)
            _check_depth(name, {number: _SectionDraft(number, "", at)})
        (section(number).items if number else top_items).append(line)

    return _plan(name, sections, order, top_items, total, tuple(r.claims)), r.findings


def _check_depth(name: str, sections: dict[str, _SectionDraft]) -> None:
    for number, d in sections.items():
        depth = number.count(".") + 1
        if depth > MAX_DEPTH:
            shown = number if len(number) <= 40 else number[:37] + "…"
            raise InputError(d.source, "INPUT_TOO_DEEP", {"number": shown, "depth": depth, "limit": MAX_DEPTH})


def _plan(
    name: str,
    sections: dict[str, _SectionDraft],
    order: list[str],
    top_items: list[Any],
    total: Amount | None,
    claims: tuple[Claim, ...],
) -> Plan:
    _check_depth(name, sections)
    children: dict[str | None, list[str]] = {}
    for number in order:
        parent = _parent_number(number)
        while parent is not None and parent not in sections:
            parent = _parent_number(parent)
        children.setdefault(parent, []).append(number)

    def freeze(number: str) -> Section:
        d = sections[number]
        items: list[Item] = [*d.items, *(freeze(c) for c in children.get(number, []))]
        return Section(number, d.title, d.source, d.stated, tuple(items))

    items: tuple[Item, ...] = (*top_items, *(freeze(n) for n in children.get(None, [])))
    return Plan(name, DocumentInfo(), None, total, items, claims)
