"""CSV, xlsx or xls tables → grids of cell texts with their locations. Reading only.

Every format ends as the same shape: per sheet, its non-empty rows (row number, cells of
(text, Source)) and its merged ranges. CSV cells are text. A workbook cell that stores a
number arrives exact (``budget.read.xlsx_io``; an .xls stores a binary double, read as the
shortest digits that give it back) and becomes a ``StoredNumber``: plain digits, read with
``from_xml``. A workbook cell that stores text stays text and is read the Vietnamese way,
as a CSV cell is (``184.000`` typed as text is one hundred eighty-four thousand), so one
number reader (``budget.numbers``) builds every value from every format.
"""

from __future__ import annotations

import csv
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl.utils.cell import get_column_letter, range_boundaries

from budget.findings import InputError
from budget.read.text import decode, read_bytes
from budget.read.xls import read_xls
from budget.read.xlsx_io import broken, guard, load_exact
from budget.source import Source
from budget.text import clean_line

Cells = list[tuple[str, Source]]
Merge = tuple[int, int, int, int]  # first row, first column, last row, last column (1-based)
_MERGE_REF = re.compile(rb'<(?:[\w.-]+:)?mergeCell\s[^>]{0,256}?\bref\s*=\s*["\']([A-Za-z$0-9:]{1,32})["\']')


class StoredNumber(str):
    """The digits of a number a workbook cell stores as a number (exact): read with
    ``from_xml``, never the Vietnamese way (``12.5`` stored is twelve and a half)."""

    __slots__ = ()


@dataclass(frozen=True)
class Grid:
    """One sheet (or a CSV file): its non-empty rows, each from column A, and its merges."""

    name: str  # the file as findings name it
    sheet: str  # the sheet's name; "" for a CSV file
    rows: tuple[tuple[int, Cells], ...]  # (row number, cells from the first column)
    merged: tuple[Merge, ...] = ()


@dataclass(frozen=True)
class Table:
    name: str
    header: list[str]
    rows: list[Cells]
    numeric: bool  # read from a workbook: cells may hold ``StoredNumber``s


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, Decimal):
        return StoredNumber(format(value, "f"))
    if isinstance(value, int):
        return StoredNumber(str(value))
    if isinstance(value, float):  # .xls: the double the file stores, as its shortest exact digits
        return StoredNumber(format(Decimal(repr(value)), "f")) if value == value and abs(value) != float("inf") else ""
    return clean_line(str(value)).strip()


def _workbook_cell(name: str, sheet: str, row: int, col: int) -> Source:
    return Source(name, None, None, f"{sheet}!{get_column_letter(col)}{row}")


def _rows(
    name: str, sheet: str, values: Iterable[tuple[int, Sequence[tuple[int, Any]]]]
) -> tuple[tuple[int, Cells], ...]:
    """Non-empty rows as cells from column A (gaps filled with empty cells at their place)."""
    out = []
    for r, row in values:
        texts = [(c, _cell_text(v)) for c, v in row]
        if not any(t for _, t in texts):
            continue
        width = max(c for c, t in texts if t)
        by_col = dict(texts)
        out.append((r, [(by_col.get(c, ""), _workbook_cell(name, sheet, r, c)) for c in range(1, width + 1)]))
    return tuple(out)


def _xlsx_merges(path: Path, member: str | None) -> tuple[Merge, ...]:
    """The merged ranges of a sheet: read-only openpyxl does not load them."""
    if not member:
        return ()
    with zipfile.ZipFile(path) as z:
        try:
            data = z.read(member.lstrip("/"))
        except KeyError:
            return ()
    out = []
    for ref in _MERGE_REF.findall(data):
        try:
            c1, r1, c2, r2 = range_boundaries(ref.decode())
        except (ValueError, TypeError):
            continue
        if None not in (c1, r1, c2, r2):
            out.append((int(r1), int(c1), int(r2), int(c2)))
    return tuple(out)


def _xlsx_grids(path: Path, name: str) -> list[Grid]:
    read_bytes(path, name)
    guard(path, name)
    _, values = load_exact(path, name, formulas=False)
    grids = []
    try:
        for ws in values.worksheets:
            ws.reset_dimensions()  # read-only mode believes the stored dimension and would drop rows
            # read-only mode yields EmptyCell fillers without a position: a row is placed by its others
            placed = ([c for c in row if hasattr(c, "column")] for row in ws.iter_rows())
            rows = ((cells[0].row, [(c.column, c.value) for c in cells]) for cells in placed if cells)
            merges = _xlsx_merges(path, getattr(ws, "_worksheet_path", None))
            grids.append(Grid(name, ws.title, _rows(name, ws.title, rows), merges))
    except InputError:
        raise
    except Exception as e:  # a damaged sheet: one clear message, never a traceback
        raise broken(name, e) from None
    finally:
        values.close()
    return grids


def _xls_grids(path: Path, name: str) -> list[Grid]:
    """An Excel 97-2003 workbook (``budget.read.xls``: values only, an .xls keeps the value of
    every formula)."""
    grids = []
    for sheet in read_xls(path, name):
        rows = ((r, list(enumerate(row, 1))) for r, row in enumerate(sheet.rows, 1))
        grids.append(Grid(name, sheet.title, _rows(name, sheet.title, rows), sheet.merged))
    return grids


def _csv_grid(path: Path, name: str) -> Grid:
    text = decode(read_bytes(path, name), name)
    try:
        dialect: Any = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = []
    for i, row in enumerate(csv.reader(text.splitlines(), dialect), 1):
        cells = [(clean_line(cell).strip(), Source(name, i, j)) for j, cell in enumerate(row, 1)]
        if any(t for t, _ in cells):
            rows.append((i, cells))
    return Grid(name, "", tuple(rows))


def read_grids(path: Path, name: str) -> list[Grid]:
    """Every sheet of a workbook (in workbook order), or the one grid of a CSV file.
    ``InputError`` when the file cannot be read."""
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _xlsx_grids(path, name)
    if suffix == ".xls":
        return _xls_grids(path, name)
    return [_csv_grid(path, name)]


def read_table(path: Path, name: str, sheet_names: tuple[str, ...] = ()) -> Table:
    """The first non-empty row is the header (of the first sheet named in ``sheet_names``,
    else the first sheet). ``InputError`` when the file cannot be read."""
    grids = read_grids(path, name)
    grid = next((g for s in sheet_names for g in grids if g.sheet == s), grids[0])
    rows = [cells for _, cells in grid.rows]
    if not rows:
        raise InputError(Source(name), "TABLE_EMPTY")
    header = [t for t, _ in rows[0]]
    return Table(name, header, rows[1:], numeric=bool(grid.sheet))
