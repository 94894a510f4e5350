"""One sheet being written: cells, text made safe (no formula injection, Excel's length limit),
rows with their heights."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import (
    CellBlankTuple,
    CellFormulaTuple,
    CellNumberTuple,
    CellStringTuple,
    Worksheet,
    _utf16_len,
    _utf16_truncate,
)

from budget.model import DocumentInfo
from budget.numbers import plain
from budget.plan_table import too_precise
from plancheck.xlsx.book import EMPTY, StoredNumber, stored_formula
from plancheck.xlsx.formats import LINE_HEIGHT, Formats, row_height
from plancheck.xlsx.words import Words

_RISKY_START = ("=", "+", "-", "@", "\t", "\r", "\n")
MAX_TEXT = 32_767


class Sheet:
    """One worksheet written row by row (constant memory needs strict row order)."""

    def __init__(self, wb: Workbook, name: str, fmt: Formats, widths: Sequence[float]):
        self.ws: Worksheet = wb.add_worksheet(name)
        self.name = name
        self.fmt = fmt
        self.widths = list(widths)
        for col, width in enumerate(widths):
            self.ws.set_column(col, col, width)

    def width(self, first: int, last: int | None = None) -> float:
        last = first if last is None else last
        return sum(self.widths[first : last + 1]) if first < len(self.widths) else 10.0

    def height(self, row: int, cells: Sequence[tuple[str, float]], line_height: float = LINE_HEIGHT) -> None:
        """Set the row's height when its text wraps (a one-line row keeps the default height:
        XlsxWriter remembers every height it is given, which would grow with the rows)."""
        height = row_height(cells, line_height)
        if line_height != LINE_HEIGHT or height > row_height([], line_height):
            self.ws.set_row(row, height)

    # Cells are made here and stored a row at a time (``put``): one place decides how a text,
    # a figure or a formula is written, whatever the sheet.

    def text_cell(self, value: str, fmt: Any = None) -> Any:
        value = value if len(value) <= MAX_TEXT else value[: MAX_TEXT - 1] + "…"
        if len(value) > MAX_TEXT // 2 and _utf16_len(value) > MAX_TEXT:  # as ``write_string``
            value = _utf16_truncate(value, MAX_TEXT)
        if value.startswith(_RISKY_START):
            fmt = self.fmt.text_quoted
        return CellStringTuple(value, fmt or self.fmt.text)

    def number_cell(self, value: Decimal | int, fmt: Any = None, bold: bool = False) -> Any:
        if isinstance(value, Decimal) and too_precise(value):
            return CellStringTuple(plain(value), self.fmt.text)  # finding XLSX_PRECISION says so
        if fmt is None:
            fmt = self.fmt.of(Decimal(value), bold)
        return CellNumberTuple(value, fmt)  # Decimal, see the module doc

    def formula_cell(self, formula: str, value: Decimal | str, fmt: Any = None) -> Any:
        formula = stored_formula(formula)
        if isinstance(value, str):
            return CellFormulaTuple(formula, fmt or self.fmt.text, value or EMPTY)
        return CellFormulaTuple(formula, fmt or self.fmt.of(value), StoredNumber(value))

    def blank_cell(self) -> Any:
        return CellBlankTuple(self.fmt.text)

    def put(self, row: int, cells: dict[int, Any]) -> None:
        self.ws.put_row(row, cells)

    def text(self, row: int, col: int, value: str, fmt: Any = None) -> None:
        self.put(row, {col: self.text_cell(value, fmt)})

    def number(self, row: int, col: int, value: Decimal, fmt: Any = None, bold: bool = False) -> None:
        self.put(row, {col: self.number_cell(value, fmt, bold)})

    def formula(self, row: int, col: int, formula: str, value: Decimal | str, fmt: Any = None) -> None:
        self.put(row, {col: self.formula_cell(formula, value, fmt)})

    def merged(self, row: int, first: int, last: int, value: str, fmt: Any) -> None:
        value = value if len(value) <= MAX_TEXT else value[: MAX_TEXT - 1] + "…"
        if first == last:
            self.ws.write_string(row, first, value, fmt)
        else:
            self.ws.merge_range(row, first, row, last, value, fmt)

    def titles(self, w: Words, info: DocumentInfo, heading: str, unit_line: str, last_col: int) -> None:
        ident = " ".join(
            x for x in (f"số {info.number}" if info.number else "", f"ngày {info.date}" if info.date else "") if x
        )
        title = f"{w.title} {('— ' + ident) if ident else ''}".strip()
        width = self.width(0, last_col)
        self.height(0, [(title, width * 0.75)], 18)
        self.merged(0, 0, last_col, title, self.fmt.title)
        subtitle = info.title or heading
        self.height(1, [(subtitle, width)])
        self.merged(1, 0, last_col, subtitle, self.fmt.subtitle)
        self.height(2, [(unit_line, width)])
        self.merged(2, 0, last_col, unit_line, self.fmt.subtitle)

    def header(self, row: int, names: Sequence[str]) -> None:
        self.height(row, [(n, self.width(i) - 1) for i, n in enumerate(names)])
        for col, name in enumerate(names):
            self.ws.write_string(row, col, name, self.fmt.header)

    def print_setup(
        self, header_row: int, last_col: int, number: str | None, landscape: bool, last_row: int | None = None
    ) -> None:
        ws = self.ws
        if landscape:
            ws.set_landscape()
        else:
            ws.set_portrait()
        ws.set_paper(9)  # A4
        ws.fit_to_pages(1, 0)  # one page wide, as many pages down as needed
        ws.repeat_rows(header_row)
        ws.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
        ws.set_header(f"&L{(number or '').replace('&', '&&')}&R&P/&N")
        ws.freeze_panes(header_row + 1, 0)
        if last_row is not None:
            ws.print_area(0, 0, last_row, last_col)
