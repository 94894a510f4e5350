"""Tables in sheets of any layout → the table blocks ``tables`` reads → the plan.

Officers' own estimate workbooks put a title block above the table, ``Đơn vị tính: đồng``
somewhere, the header on any row (two rows when ``Kinh phí`` is merged over ``Đơn giá |
Thành tiền``), columns in any order, several tables on a sheet and several sheets. The
header is found by its words (``columns.txt``, as for text tables): a row naming two
columns or more, one of them an amount. Its rows down to a blank run, the next header or
the end become a ``TableBlock`` of cells already split by position, each located at its
own cell, and ``tables.table_items`` reads it exactly as it reads a pipe table of text:
products, groups, ``Cộng`` rows, shares, scales. What a cell holds that is no number where
a number belongs (a date, a formula whose value is unknown) is a finding at the cell and
never a number; the stated amount comes only from the column whose header names one.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from budget.findings import Finding, Severity
from budget.model import Amount, CostLine, Item, Plan, Section, WordsCheck, walk_lines, walk_sections
from budget.read.text import RawLine
from budget.sheets.grid_sheets import (
    CellValue,
    GridSheet,
    NotEvaluated,
    Percent,
    cell_text,
    plain_text,
    workbook_sheets,
)
from budget.tables.columns import column_role, settle_numbers
from budget.tables.reader import BlockReader, Cell, TableBlock, TableRow, checkable, kind, table_total
from budget.tables.words import is_words
from budget.units import read_money

_FACTORS = frozenset({"quantity", "price", "duration", "rate"})
_MONEY = frozenset({"amount", "total"})
_NUMERIC = _FACTORS | _MONEY
_TOTAL_LABEL = re.compile(r"^\s*(?:cộng|tổng)(?![^\W\d_])", re.IGNORECASE)
_COLUMN_NUMBER = re.compile(r"\(?\s*(?:[0-9]{1,2}|[A-Z])\s*\)?(?:\s*[=x×*+/-]\s*\(?\s*[0-9]{1,2}\s*\)?)*")
_MAX_HEADER_ROWS = 3
_LED_HEADER = 4  # names in a header led by ``STT``: row numbers, a label and two columns at least
_MAX_ABOVE = 6
_SUB_HEADER_CELL = 40  # characters: a longer cell is a row's label, not a column's name
_MAX_EXTRA_COLUMNS = 3  # columns of figures right of a header's last named cell, taken as the table's
_TITLE_GAP = 3  # blank rows that end a title block
_WORDS_GAP = 2  # blank rows between a table and its total in words


# --------------------------------------------------------------------------- cells


def _role(text: str) -> str:
    return column_role(text)[0]


def _texts(row: dict[int, CellValue]) -> list[str] | None:
    """The texts of a row that holds only text (a header candidate), else None."""
    if not row or not all(isinstance(v, str) for v in row.values()):
        return None
    texts = [plain_text(v) for v in row.values()]
    if any(kind(t) in ("num", "frac", "range") for t in texts):
        return None
    return texts


def is_header(row: dict[int, CellValue]) -> bool:
    """A row naming two columns or more, one of them an amount (as ``tables`` asks of text)."""
    texts = _texts(row)
    if texts is None:
        return False
    roles = settle_numbers([_role(t) for t in texts])
    if roles[0] == "number" and len(texts) >= _LED_HEADER and "label" in roles and not _FACTORS & set(roles):
        # ``STT | Chỉ tiêu | Thực hiện năm 2024 | Kế hoạch năm 2025``: columns of figures no role
        # word names, led by the row numbers, as text tables read them (by their sums)
        return True
    return bool(_MONEY & set(roles)) and len(set(roles) - {"", "note", "unit", "number"}) >= 2


def _is_sub_header(row: dict[int, CellValue], above: dict[int, CellValue] | None = None) -> bool:
    """A second header row: only role words and units (``(đồng)``, ``nghìn đồng``); or words
    naming the columns under a group's merged cell (``Trong đó`` over ``NS tỉnh | NS huyện``):
    short words, none in the header's first two columns (row numbers, labels), one at least
    under a cell the header leaves empty."""
    texts = _texts(row)
    if texts is None:
        return False
    if all(_role(t) or t.startswith("(") or read_money(t)[0] is not None for t in texts):
        return True
    if above is None or len(texts) < 2 or any(len(t) > _SUB_HEADER_CELL for t in texts):
        return False
    first = sorted(above)[:2]
    return all(c not in first and c > min(above) for c in row) and any(not above.get(c) for c in row)


def _is_upper_header(sheet: GridSheet, r: int, below: dict[int, CellValue]) -> bool:
    """The row above a header is its first row when it names columns over cells the header
    leaves empty (``STT``, ``Nội dung`` merged down over two rows); a title is one cell."""
    row = sheet.row(r)
    texts = _texts(row)
    if texts is None or len(texts) < 2 or not any(_role(t) not in ("", "unit", "note") for t in texts):
        return False
    return any(c not in below for c in row)


def _column_numbers(row: dict[int, CellValue]) -> bool:
    """``(1) (2) (3) (4)=(2)x(3)`` or ``A B 1 2 3`` under a header: the columns' numbers, no row."""
    texts = [plain_text(v) for v in row.values()]
    if len(texts) < 3 or not all(_COLUMN_NUMBER.fullmatch(t) for t in texts):
        return False
    lone = [int(t.strip("() ")) for t in texts if t.strip("() ").isdigit()]
    return len(lone) >= 2 and all(b == a + 1 for a, b in itertools.pairwise(lone))


# --------------------------------------------------------------------------- blocks


def _has_number(row: dict[int, CellValue], roles: dict[int, str]) -> bool:
    """Does the row hold a number (or a formula) in a column whose header names a number?"""
    for c, v in row.items():
        if roles.get(c, "") not in _NUMERIC:
            continue
        if isinstance(v, NotEvaluated | Percent) or (isinstance(v, Decimal | int) and not isinstance(v, bool)):
            return True
        if isinstance(v, str) and kind(v) in ("num", "frac"):
            return True
    return False


def _any_number(row: dict[int, CellValue]) -> bool:
    return any(_is_figure(v) for v in row.values())


def _is_figure(v: CellValue) -> bool:
    return not isinstance(v, str) or kind(v) in ("num", "frac")


def _header_ahead(sheet: GridSheet, r: int) -> bool:
    """A header within the next rows, only text between: this row titles the next table."""
    for k in range(r + 1, r + _MAX_HEADER_ROWS + 1):
        row = sheet.row(k)
        if is_header(row):
            return True
        if _any_number(row):
            return False
    return False


def _header_rows(sheet: GridSheet, r: int, floor: int) -> list[int]:
    """The rows of the header found at row ``r``: the row above when it is the header's first,
    and the rows below that name columns or units."""
    rows = [r]
    if r - 1 > floor and _is_upper_header(sheet, r - 1, sheet.row(r)):
        rows.insert(0, r - 1)
    while (
        len(rows) < _MAX_HEADER_ROWS
        and sheet.row(rows[-1] + 1)
        and _is_sub_header(sheet.row(rows[-1] + 1), sheet.row(rows[-1]))
    ):
        rows.append(rows[-1] + 1)
    return rows


def _span(sheet: GridSheet, rows: Sequence[int]) -> tuple[int, int]:
    """The header's first and last column, merged cells included."""
    cols = [c for r in rows for c in sheet.row(r)]
    for r1, c1, r2, c2 in sheet.merged:
        if any(r1 <= r <= r2 for r in rows) and c1 in cols:
            # only as far as the sheet holds values: a header cell merged to XFD made every row of
            # the table 16.384 cells wide (5.000 lines: minutes)
            cols.extend((c1, min(c2, max(sheet.last_column, c1))))
    return min(cols), max(cols)


def _roles(sheet: GridSheet, rows: Sequence[int], lo: int, hi: int) -> dict[int, str]:
    """Each column's role: the lowest header cell naming one (``Đơn giá`` under ``Kinh phí``)."""
    out: dict[int, str] = {}
    for c in range(lo, hi + 1):
        for r in rows:
            v = sheet.row(r).get(c)
            role = _role(plain_text(v)) if v is not None else ""
            if role:
                out[c] = role
    columns = sorted(out)
    return dict(zip(columns, settle_numbers([out[c] for c in columns]), strict=True))


def _amount_column(roles: dict[int, str]) -> int | None:
    for role in ("amount", "total"):
        found = [c for c, r in roles.items() if r == role]
        if found:
            return max(found)
    return None


def _above(sheet: GridSheet, top: int, floor: int) -> tuple[RawLine, ...]:
    """Up to six non-empty rows above the header (nearest first) as lines: title, units. A
    sheet's title block has blank rows between its lines; three blank rows end it."""
    out: list[RawLine] = []
    blank = 0
    for r in range(top - 1, floor, -1):
        row = sheet.row(r)
        texts = [plain_text(v) for v in row.values()]
        text = " ".join(t for t in texts if t)
        if not text:
            blank += 1
            if out and blank >= _TITLE_GAP:
                break
            continue
        blank = 0
        out.append(RawLine(sheet.source(r, min(row), text)))
        if len(out) == _MAX_ABOVE:
            break
    return tuple(out)


def _data_rows(sheet: GridSheet, start: int, lo: int, hi: int, roles: dict[int, str]) -> list[int]:
    """The table's rows from ``start``: until two blank rows, a blank row not followed by
    figures, the next header (or a title just above it), or the end of the sheet."""
    rows: list[int] = []
    previous = start - 1
    for r in sorted(k for k in sheet.cells if k >= start):
        row = {c: v for c, v in sheet.row(r).items() if lo <= c <= hi}
        if not row:
            continue  # cells beside the table only: blank for the table
        gap = r - previous - 1
        first = next((v for v in row.values() if isinstance(v, str) and v.strip()), "")
        if rows and gap <= _WORDS_GAP and isinstance(first, str) and is_words(first):
            rows.append(r)  # ``Bằng chữ: ...`` under the table (a merged cell): its total in words
            break
        if gap >= 2 or is_header(sheet.row(r)):
            break
        if gap == 1 and not _has_number(row, roles):
            break
        if not _any_number(row) and _header_ahead(sheet, r):
            break
        if not rows and _column_numbers(row):
            previous = r
            continue
        rows.append(r)
        previous = r
    return rows


def _block(
    sheet: GridSheet, header: list[int], data: list[int], span: tuple[int, int], roles: dict[int, str], floor: int
) -> tuple[TableBlock, list[Finding]]:
    lo, hi = span
    findings: list[Finding] = []
    amount = _amount_column(roles)
    out = []
    for r in header:
        cells = tuple(
            Cell(plain_text(v), sheet.source(r, c, plain_text(v)))
            for c in range(lo, hi + 1)
            for v in [sheet.row(r).get(c, "")]
        )
        out.append(TableRow(cells, r, r, header=True))
    for r in data:
        row = sheet.row(r)
        texts = {
            c: cell_text(sheet, r, c, row.get(c), roles.get(c, "") in _NUMERIC, findings) for c in range(lo, hi + 1)
        }
        cells = tuple(Cell(t, sheet.source(r, c, t)) for c, t in texts.items())
        if amount is not None:
            stated = texts[amount]
            if not stated and any(kind(texts[c]) == "num" for c in texts if roles.get(c) in _NUMERIC):
                # no amount stated: its factors say nothing checkable, and no other column stands in
                total = any(_TOTAL_LABEL.match(t) for t in texts.values())
                if not total and not isinstance(row.get(amount), NotEvaluated):
                    findings.append(Finding(sheet.source(r, amount), "XLSX_NO_AMOUNT", Severity.WARNING))
                continue
            if stated and r in sheet.hidden:
                findings.append(Finding(sheet.source(r, amount, stated), "GRID_HIDDEN_ROW", Severity.INFO, {"row": r}))
        out.append(TableRow(cells, r, r))
    last = data[-1] if data else header[-1]
    return TableBlock("pipe", header[0], last, tuple(out), _above(sheet, header[0], floor)), findings


def _no_amount_column(sheet: GridSheet, r: int) -> Finding | None:
    """A header naming factors but no amount column, figures below it: its rows are not checked."""
    texts = _texts(sheet.row(r))
    if texts is None:
        return None
    roles = {_role(t) for t in texts}
    if roles & _MONEY or len(roles & _FACTORS) < 2:
        return None
    if not any(_any_number(sheet.row(k)) for k in range(r + 1, r + _MAX_HEADER_ROWS + 1)):
        return None
    first = min(sheet.row(r))
    shown = " | ".join(texts)[:160]
    return Finding(sheet.source(r, first, shown), "GRID_NO_AMOUNT_COLUMN", Severity.WARNING, {"columns": shown})


def sheet_blocks(sheet: GridSheet, findings: list[Finding]) -> list[TableBlock]:
    """Every table of a sheet, top to bottom."""
    blocks: list[TableBlock] = []
    floor = 0  # the last row of the previous table
    rows = sorted(sheet.cells)
    i = 0
    while i < len(rows):
        r = rows[i]
        if r <= floor:
            i += 1
            continue
        if not is_header(sheet.row(r)):
            missing = _no_amount_column(sheet, r)
            if missing is not None:
                findings.append(missing)
            i += 1
            continue
        header = _header_rows(sheet, r, floor)
        lo, hi = _span(sheet, header)
        roles = _roles(sheet, header, lo, hi)
        data = _data_rows(sheet, header[-1] + 1, lo, hi, roles)
        # figures to the right of the header's last cell (a column whose name the header leaves
        # to a merged cell or to no cell) are the table's too: read, or reported unread
        wide = max((c for k in data for c, v in sheet.row(k).items() if c > hi and _is_figure(v)), default=hi)
        if wide > hi and wide - hi <= _MAX_EXTRA_COLUMNS:
            hi = wide
        block, found = _block(sheet, header, data, (lo, hi), roles, floor)
        findings.extend(found)
        blocks.append(block)
        floor = block.last
        i += 1
    return blocks


# --------------------------------------------------------------------------- the plan


def _amounts(items: tuple[Item, ...]) -> int:
    lines: list[CostLine] = walk_lines(items)
    return sum(len(line.steps) for line in lines) + sum(s.stated is not None for s in walk_sections(items))


def grid_plan(name: str, sheets: Sequence[GridSheet], findings: list[Finding]) -> Plan:
    """The plan of every table in the sheets, in order; an empty plan when there is none."""
    items: list[Item] = []
    unchecked: list[Amount] = []
    words: list[WordsCheck] = []
    previous: Amount | None = None
    tables: list[TableBlock] = []  # the tables read so far, for the number of the next one
    for sheet in sheets:
        blocks = sheet_blocks(sheet, findings)
        if blocks and sheet.hidden_sheet:
            where = sheet.source(blocks[0].first, 1)
            findings.append(Finding(where, "GRID_HIDDEN_SHEET", Severity.INFO, {"sheet": sheet.title}))
        for block in blocks:
            reader = BlockReader(block, findings, previous, index=len(tables) + 1)
            tables.append(block)
            read = reader.items()
            words.extend(reader.words)
            items.extend(checkable(read, unchecked))
            stated = [i.stated for i in read if isinstance(i, Section) and i.stated is not None]
            previous = stated[-1] if stated else previous
    found = _amounts(tuple(items)) + len(unchecked)
    return Plan(
        name, total=table_total(items), items=tuple(items), amounts_found=found, unchecked=tuple(unchecked),
        words=tuple(words),
    )  # fmt: skip


def read_grid_workbook(
    name: str, formulas: Any, values: Any, states: dict[str, dict[str, bool]]
) -> tuple[Plan, list[Finding]]:
    """A loaded workbook of any layout: every table of every sheet (``read_workbook`` sends
    here what is not the tool's own template)."""
    findings: list[Finding] = []
    sheets = workbook_sheets(formulas, values, name, states, findings)
    return grid_plan(name, sheets, findings), findings
