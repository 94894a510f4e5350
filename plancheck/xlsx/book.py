"""The fast row writer: XlsxWriter's worksheet taught to write a whole row of cells at once
(``rows.row_xml``), numbers as exact Decimal text, formulas with their stored values."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import xlsxwriter
from xlsxwriter.worksheet import (
    CellFormulaTuple,
    Worksheet,
)

from budget.layout import WORKBOOK_OPTIONS
from budget.numbers import plain
from plancheck.xlsx.rows import row_xml

FONT = {"font_name": "Arial", "font_size": 10}


class StoredNumber:
    """A formula's stored value as XlsxWriter wants it: not a ``str`` (that would mark the
    cell as text), formatted exactly from Decimal rather than through float."""

    __slots__ = ("text",)

    def __init__(self, value: Decimal):
        self.text = plain(value)

    def __str__(self) -> str:
        return self.text

    def __format__(self, spec: str) -> str:
        return self.text


class _EmptyText(str):
    """A formula's stored result that is the empty text (``IF(...,"",...)``), typed as text.

    XlsxWriter writes a plain ``""`` result untyped (to make some programs recalculate),
    which the reader rightly reports as a formula without a stored value; this one compares
    unequal to ``""`` so XlsxWriter marks it ``t="str"``: computed, and empty.
    """

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        return False

    def __ne__(self, other: object) -> bool:
        return True

    __hash__ = str.__hash__


EMPTY = _EmptyText("")


def stored_formula(formula: str) -> str:
    """A formula as the file stores it: without its leading ``=``."""
    return formula[1:] if formula.startswith("=") else formula


class FastWorksheet(Worksheet):  # type: ignore[misc]
    """XlsxWriter's worksheet without its formula rewriting.

    For every formula XlsxWriter runs some thirty ``re.sub`` calls that add ``_xlfn.``
    prefixes to Excel 365 functions; our formulas use none of them (SUM, PRODUCT, ROUND,
    IF, COUNT, COUNTIF, OR, AND, MOD, IFERROR, VLOOKUP, TRIM, LEFT, FIND), and the rewriting
    was most of the time spent writing a large budget. Only the leading ``=`` is removed.
    """

    previous_row: int  # set by XlsxWriter: the row being filled in constant memory

    def _prepare_formula(self, formula: str, expand_future_functions: bool = False) -> str:
        return stored_formula(formula)

    def _write_formula(self, row: int, col: int, formula: str, cell_format: Any = None, value: Any = 0) -> int:
        """XlsxWriter's ``_write_formula`` without its search for dynamic-array functions
        (FILTER, SORT, XLOOKUP ...): ours use none (a test holds them to it), and searching
        every formula of a large sheet took a tenth of writing it."""
        if self._check_dimensions(row, col):
            return -1
        if not formula or (formula.startswith("{") and formula.endswith("}")):
            return int(super()._write_formula(row, col, formula, cell_format, value))
        formula = self._prepare_formula(formula)
        if self.constant_memory and row > self.previous_row:
            self._write_single_row(row)
        self.table[row][col] = CellFormulaTuple(formula, cell_format, value)
        return 0

    def put_row(self, row: int, cells: dict[int, Any]) -> None:
        """A row's cells, made by ``Sheet``'s ``*_cell`` methods, stored at once: what
        ``write_string``/``write_number``/``write_formula`` do for each cell (bounds, the
        sheet's dimensions, streaming the previous row) done once for the row. On a large
        budget those per-cell calls cost more than building the cells themselves."""
        if not cells:
            return
        low, high = min(cells), max(cells)
        if self._check_dimensions(row, low) or self._check_dimensions(row, high):
            raise ValueError(f"row {row} of sheet {self.name} is outside the sheet or already written")
        if self.constant_memory and row > self.previous_row:
            self._write_single_row(row)
        self.table[row].update(cells)

    def _write_single_row(self, current_row_num: int = 0) -> None:
        """XlsxWriter's constant-memory row writer, with the row's XML built as one string
        (``xlsx_rows.row_xml``: the same bytes, a fraction of the time); rows it does not
        handle are written by XlsxWriter."""
        row = self.previous_row
        cells = self.table.get(row)
        xml = None if not cells or row in self.comments else row_xml(self, row, cells)
        if xml is None:
            super()._write_single_row(current_row_num)
            return
        self.previous_row = current_row_num
        self.fh.write(xml)
        self.table.clear()

    def set_row(self, row: int, height: float | None = None, cell_format: Any = None, options: Any = None) -> int:
        """XlsxWriter's ``set_row``, forgetting the heights of rows already streamed to the file.

        It keeps every row's height for placing images and charts (these sheets have none);
        in constant memory a row is written once the next one starts, so its height is no
        longer needed, and keeping it would make the writer's memory grow with the rows.
        """
        done = super().set_row(row, height, cell_format, options)
        if self.constant_memory:
            streamed = self.__dict__.setdefault("_sized", [])
            while streamed and streamed[0] < self.previous_row:
                old = streamed.pop(0)
                self.row_info.pop(old, None)
                self.row_sizes.pop(old, None)
            streamed.append(row)
        return int(done)


class FastWorkbook(xlsxwriter.Workbook):  # type: ignore[misc]
    worksheet_class = FastWorksheet


def workbook_options() -> dict[str, Any]:
    return {**WORKBOOK_OPTIONS, "default_format_properties": dict(FONT)}
