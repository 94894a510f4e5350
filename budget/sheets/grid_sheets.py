"""Sheets of any layout as grids of raw cell values, for the grid reader (``read_grid``).

A workbook's sheets (hidden ones too, in workbook order) and a CSV file's rows become
``GridSheet``s: only the cells that hold something, their rows hidden in Excel, their merged
ranges, and how a cell is named in a finding (``Sheet!F12`` for a workbook, ``file:row:col``
for a CSV file). Values stay as the file stores them: numbers exact (``xlsx_io.load_exact``),
dates as dates, a percent-formatted number marked as such, text as text. A formula whose
value the file does not store gets the value the formula recomputation gives
(``budget.formulas.recompute``, which also reports every stored value that differs from its
recomputation); one it cannot evaluate is ``NotEvaluated``, never 0. ``cell_text`` gives the text
the table reader reads for a cell: stored numbers written back in Vietnamese form exactly,
and what is no number where a number belongs a finding at the cell, never a number.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from typing import Any

from openpyxl.utils.cell import get_column_letter

from budget.findings import Finding, Severity
from budget.formulas.recompute import recompute_workbook
from budget.numbers import format_vn, shift
from budget.read.xls import XlsSheet
from budget.sheets.template import in_exact_range  # the workbook reader's limit: one definition
from budget.source import Source
from budget.text import clean_line

_COMMA_THREE = re.compile(r"-?[0-9]{1,3},[0-9]{3}")


@dataclass(frozen=True)
class NotEvaluated:
    """A formula with no stored value and no recomputed one: its value is unknown (the
    recomputation said so at the cell, ``XLSX_FORMULA_NOT_EVALUATED``)."""


@dataclass(frozen=True)
class Percent:
    """A number shown as a percent by its cell format: 0.05 stored, 5% meant."""

    value: Decimal


CellValue = str | Decimal | int | bool | datetime.date | datetime.time | datetime.timedelta | Percent | NotEvaluated


@dataclass(frozen=True)
class GridSheet:
    """One sheet (or a CSV file): its non-empty cells by row and column, 1-based."""

    file: str
    title: str  # the sheet's name; "" for a CSV file
    cells: dict[int, dict[int, CellValue]]
    hidden: frozenset[int] = frozenset()  # rows hidden in Excel (read all the same)
    merged: tuple[tuple[int, int, int, int], ...] = ()  # (first row, first col, last row, last col)
    csv: bool = False
    hidden_sheet: bool = False  # hidden (or very hidden) in Excel: read all the same

    def source(self, row: int, col: int, text: str = "") -> Source:
        """Where a cell is: ``file:Sheet!F12``, or ``file:row:col`` for CSV (caret at the cell's start)."""
        if self.csv:
            return Source(self.file, row, col, None, text, 0)
        return Source(self.file, None, None, f"{self.title}!{get_column_letter(col)}{row}", text)

    def row(self, r: int) -> dict[int, CellValue]:
        return self.cells.get(r, {})

    @cached_property
    def last_column(self) -> int:
        """The last column holding a value (0 when none): what a merged range declares past it
        covers nothing."""
        return max((max(row) for row in self.cells.values() if row), default=0)


def _is_percent(cell: Any) -> bool:
    fmt = getattr(cell, "number_format", "") or ""
    return isinstance(fmt, str) and fmt.rstrip().endswith("%")


def workbook_sheets(
    formulas: Any, values: Any, name: str, states: dict[str, dict[str, bool]], findings: list[Finding]
) -> list[GridSheet]:
    """Every worksheet of a loaded workbook (formulas and stored values of one file)."""
    missing = {(sheet, coordinate) for sheet, cells in states.items() for coordinate, ok in cells.items() if not ok}
    # every formula cell is recomputed: a stored value that differs is reported (stale), a
    # missing one is replaced by the recomputation or reported as not evaluated
    recomputed = _recompute(formulas, values, name, states, findings) if any(states.values()) else {}
    unknown = NotEvaluated()
    out = []
    for ws in values.worksheets:
        cells: dict[int, dict[int, CellValue]] = {}
        for (r, c), cell in list(ws._cells.items()):  # only the cells that exist
            value = cell.value
            if (ws.title, cell.coordinate) in missing:
                value = recomputed.get((ws.title, cell.coordinate), unknown)
            elif value is None or (isinstance(value, str) and not value.strip()):
                continue
            elif isinstance(value, Decimal | int) and not isinstance(value, bool) and _is_percent(cell):
                value = Percent(Decimal(value))
            cells.setdefault(r, {})[c] = value
        hidden = frozenset(r for r, d in ws.row_dimensions.items() if d.hidden)
        merged = tuple((m.min_row, m.min_col, m.max_row, m.max_col) for m in ws.merged_cells.ranges)
        concealed = getattr(ws, "sheet_state", "visible") != "visible"
        out.append(GridSheet(name, ws.title, cells, hidden, merged, hidden_sheet=concealed))
    return out


def _recompute(
    formulas: Any, values: Any, name: str, states: dict[str, dict[str, bool]], findings: list[Finding]
) -> dict[tuple[str, str], Decimal]:
    """Recomputed values of the workbook's formulas (``budget.formulas.recompute``), with its findings."""
    result = recompute_workbook(formulas, values, name, states=states)
    findings.extend(result.findings)
    return dict(result.values)


# --------------------------------------------------------------------------- cell texts


def number_text(value: Decimal) -> str:
    """A stored number as Vietnamese text that reads back to exactly it, with no choice to
    report: ``1,125`` (read as 1,125 with a warning that it may be 1125) is written ``1,1250``."""
    text = format_vn(value)
    return text + "0" if _COMMA_THREE.fullmatch(text) else text


def plain_text(value: CellValue) -> str:
    """A cell's text for finding headers and titles (no findings: nothing is read as a number)."""
    if isinstance(value, str):
        return clean_line(value).strip()
    if isinstance(value, bool | NotEvaluated):
        return ""
    if isinstance(value, Percent | Decimal | int):
        number = value.value if isinstance(value, Percent) else Decimal(value)
        if not in_exact_range(number):
            return f"{number:.6E}"  # no budget figure: shown, never read (see ``_cell_text``)
        return number_text(shift(number, 2)) + "%" if isinstance(value, Percent) else number_text(number)
    if isinstance(value, datetime.datetime | datetime.date):
        return value.strftime("%d/%m/%Y")
    return str(value)


def cell_text(sheet: GridSheet, row: int, col: int, value: CellValue | None, numeric: bool, out: list[Finding]) -> str:
    """The text ``tables`` reads for a data cell; in a numeric column, what is no number is a
    finding at the cell and an empty cell, never a guess."""
    if value is None:
        return ""
    if isinstance(value, datetime.date | datetime.time | datetime.timedelta) and numeric:
        shown = str(value) if isinstance(value, datetime.timedelta) else value.isoformat()
        out.append(
            Finding(sheet.source(row, col, plain_text(value)), "XLSX_DATE_AS_NUMBER", Severity.ERROR, {"date": shown})
        )
        return ""
    if isinstance(value, NotEvaluated):  # already said at the cell by the recomputation
        return ""
    number = value.value if isinstance(value, Percent) else value
    if isinstance(number, Decimal | int) and not isinstance(number, bool) and not in_exact_range(Decimal(number)):
        out.append(Finding(sheet.source(row, col), "NUMBER_OUT_OF_RANGE", Severity.ERROR, {"text": plain_text(value)}))
        return ""
    return plain_text(value)


def csv_sheet(name: str, rows: Sequence[Sequence[str | None]]) -> GridSheet:
    """A CSV file's rows as one sheet: every cell text, read Vietnamese-style later."""
    cells: dict[int, dict[int, CellValue]] = {}
    for r, row in enumerate(rows, 1):
        for c, text in enumerate(row, 1):
            if text is not None and text.strip():
                cells.setdefault(r, {})[c] = text
    return GridSheet(name, "", cells, csv=True)


def xls_sheets(name: str, sheets: Sequence[XlsSheet]) -> list[GridSheet]:
    """An Excel 97-2003 workbook's sheets (``budget.read.xls``) as grids: cells named
    ``Sheet!F12`` as in an xlsx, values as the file stores them."""
    out = []
    for sheet in sheets:
        cells: dict[int, dict[int, CellValue]] = {}
        for r, row in enumerate(sheet.rows, 1):
            for c, value in enumerate(row, 1):
                if value is not None and not (isinstance(value, str) and not value.strip()):
                    cells.setdefault(r, {})[c] = value
        out.append(GridSheet(name, sheet.title, cells, merged=sheet.merged))
    return out
