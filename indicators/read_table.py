"""CSV or xlsx tables → rows of cell texts with their locations. Reading only.

Both formats end as the same shape: a header and rows of (text, Source). CSV cells are
text; xlsx numbers arrive exact (``budget.read.xlsx_io``) and are turned into plain digit
strings, so one number reader (``budget.numbers``) builds every value.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl.utils.cell import get_column_letter

from budget.findings import InputError
from budget.read.text import decode, read_bytes
from budget.read.xlsx_io import guard, load_exact
from budget.source import Source
from budget.text import clean_line


@dataclass(frozen=True)
class Table:
    name: str
    header: list[str]
    rows: list[list[tuple[str, Source]]]
    numeric: bool  # cells that were numbers in a workbook: plain digits, not Vietnamese text


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, int):
        return str(value)
    return clean_line(str(value)).strip()


def read_table(path: Path, name: str, sheet_names: tuple[str, ...] = ()) -> Table:
    """The first non-empty row is the header. ``InputError`` when the file cannot be read."""
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        read_bytes(path, name)
        guard(path, name)
        _, values = load_exact(path, name, formulas=False)
        ws = next((values[s] for s in sheet_names if s in values.sheetnames), values.worksheets[0])
        ws.reset_dimensions()  # read-only mode believes the stored dimension and would drop rows
        rows: list[list[tuple[str, Source]]] = []
        for row in ws.iter_rows():
            cells = [
                (_cell_text(c.value), Source(name, None, None, f"{ws.title}!{get_column_letter(c.column)}{c.row}"))
                for c in row
                if hasattr(c, "column")  # read-only mode yields EmptyCell fillers without a position
            ]
            if any(t for t, _ in cells):
                rows.append(cells)
        values.close()
        return _table(name, rows, numeric=True)
    if suffix == ".xls":
        read_bytes(path, name)
        raise InputError(Source(name), "XLSX_IS_XLS")
    text = decode(read_bytes(path, name), name)
    try:
        dialect: Any = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = []
    for i, row in enumerate(csv.reader(text.splitlines(), dialect), 1):
        cells = [(clean_line(cell).strip(), Source(name, i, j)) for j, cell in enumerate(row, 1)]
        if any(t for t, _ in cells):
            rows.append(cells)
    return _table(name, rows, numeric=False)


def _table(name: str, rows: list[list[tuple[str, Source]]], numeric: bool) -> Table:
    if not rows:
        raise InputError(Source(name), "TABLE_EMPTY")
    header = [t for t, _ in rows[0]]
    return Table(name, header, rows[1:], numeric)
