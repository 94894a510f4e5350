"""Sheets of any layout as grids of raw cell values, for the grid reader (``read_grid``).

A workbook's sheets (hidden ones too, in workbook order) and a CSV file's rows become
``GridSheet``s: only the cells that hold something, their rows hidden in Excel, their merged
ranges, and how a cell is named in a finding (``Sheet!F12`` for a workbook, ``file:row:col``
for a CSV file). Values stay as the file stores them: numbers exact (``xlsx_io.load_exact``),
dates as dates, a percent-formatted number marked as such, text as text. A formula whose
value the file does not store gets the value the formula recomputation gives, when that
module is there; otherwise it is ``NOT_EVALUATED``, never 0.
"""

from __future__ import annotations

import datetime
import importlib
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from openpyxl.utils.cell import get_column_letter

from budget.findings import Finding
from budget.source import Source


@dataclass(frozen=True)
class NotEvaluated:
    """A formula with no stored value and no recomputed one: its value is unknown. ``reported``
    when the recomputation already said so at the cell."""

    reported: bool = False


NOT_EVALUATED = NotEvaluated()


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

    def source(self, row: int, col: int, text: str = "") -> Source:
        """Where a cell is: ``file:Sheet!F12``, or ``file:row:col`` for CSV (caret at the cell's start)."""
        if self.csv:
            return Source(self.file, row, col, None, text, 0)
        return Source(self.file, None, None, f"{self.title}!{get_column_letter(col)}{row}", text)

    def row(self, r: int) -> dict[int, CellValue]:
        return self.cells.get(r, {})


def _is_percent(cell: Any) -> bool:
    fmt = getattr(cell, "number_format", "") or ""
    return isinstance(fmt, str) and fmt.rstrip().endswith("%")


def workbook_sheets(
    formulas: Any, values: Any, name: str, states: dict[str, dict[str, bool]], findings: list[Finding]
) -> list[GridSheet]:
    """Every worksheet of a loaded workbook (formulas and stored values of one file)."""
    missing = {(sheet, coordinate) for sheet, cells in states.items() for coordinate, ok in cells.items() if not ok}
    recomputed = _recompute(formulas, values, name, states, findings) if missing else None
    unknown = NOT_EVALUATED if recomputed is None else NotEvaluated(reported=True)
    out = []
    for ws in values.worksheets:
        cells: dict[int, dict[int, CellValue]] = {}
        for (r, c), cell in list(ws._cells.items()):  # only the cells that exist
            value = cell.value
            if (ws.title, cell.coordinate) in missing:
                value = (recomputed or {}).get((ws.title, cell.coordinate), unknown)
            elif value is None or (isinstance(value, str) and not value.strip()):
                continue
            elif isinstance(value, Decimal | int) and not isinstance(value, bool) and _is_percent(cell):
                value = Percent(Decimal(value))
            cells.setdefault(r, {})[c] = value
        hidden = frozenset(r for r, d in ws.row_dimensions.items() if d.hidden)
        merged = tuple((m.min_row, m.min_col, m.max_row, m.max_col) for m in ws.merged_cells.ranges)
        out.append(GridSheet(name, ws.title, cells, hidden, merged))
    return out


def _recompute(
    formulas: Any, values: Any, name: str, states: dict[str, dict[str, bool]], findings: list[Finding]
) -> dict[tuple[str, str], Decimal] | None:
    """Recomputed values of the workbook's formulas (``budget.formulas``, with its findings);
    None when that module is not there."""
    try:
        module = importlib.import_module("budget.formulas")
    except ImportError:
        return None
    recompute = getattr(module, "recompute_workbook", None)
    if recompute is None:
        return None
    result = recompute(formulas, values, name, states=states)
    findings.extend(result.findings)
    return dict(result.values)


def csv_sheet(name: str, rows: Sequence[Sequence[str | None]]) -> GridSheet:
    """A CSV file's rows as one sheet: every cell text, read Vietnamese-style later."""
    cells: dict[int, dict[int, CellValue]] = {}
    for r, row in enumerate(rows, 1):
        for c, text in enumerate(row, 1):
            if text is not None and text.strip():
                cells.setdefault(r, {})[c] = text
    return GridSheet(name, "", cells, csv=True)
