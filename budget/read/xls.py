"""Excel 97-2003 workbooks (``.xls``), still common in district offices, read by python-calamine:
every sheet's values (an ``.xls`` keeps the value of each formula) with its merged ranges, for
the budget's grid reader and the targets' data reader alike. Numbers come as the binary
doubles the format stores: each is taken at its shortest decimal form (the digits Excel
shows), never computed on as a float."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from budget.findings import InputError
from budget.read.text import read_bytes
from budget.read.xlsx_io import broken

XlsValue = str | Decimal | bool | datetime.date | datetime.datetime | datetime.time | None


@dataclass(frozen=True)
class XlsSheet:
    title: str
    rows: tuple[tuple[XlsValue, ...], ...]  # row by row from A1, empty cells None
    merged: tuple[tuple[int, int, int, int], ...]  # (first row, first col, last row, last col), 1-based


def _value(v: object) -> XlsValue:
    if isinstance(v, bool) or v is None:
        return v
    if isinstance(v, float):
        return Decimal(repr(v)) if v == v and v not in (float("inf"), float("-inf")) else None
    if isinstance(v, int):
        return Decimal(v)
    if isinstance(v, datetime.date | datetime.time | datetime.timedelta):
        return v if not isinstance(v, datetime.timedelta) else str(v)
    text = str(v)
    return text if text.strip() else None


def read_xls(path: Path, name: str) -> list[XlsSheet]:
    """Every sheet of the workbook; ``InputError`` (``XLSX_BROKEN``) when it cannot be read."""
    read_bytes(path, name)  # missing, a folder, unreadable: the messages of every input
    try:
        from python_calamine import CalamineWorkbook  # lazy-import point: only for .xls

        book = CalamineWorkbook.from_path(str(path))
        out = []
        for title in book.sheet_names:
            sheet = book.get_sheet_by_name(title)
            rows = _rows(sheet)
            ranges = sheet.merged_cell_ranges or ()
            merged = tuple((r1 + 1, c1 + 1, r2 + 1, c2 + 1) for (r1, c1), (r2, c2) in ranges)
            out.append(XlsSheet(title, rows, merged))
        return out
    except InputError:
        raise
    except Exception as e:  # calamine raises its own kinds for a damaged file
        raise broken(name, e) from None


def _rows(sheet: Any) -> tuple[tuple[XlsValue, ...], ...]:
    """The sheet's rows from A1, each up to its last value: an empty row is ``()``. The sheet
    is not made dense to its farthest cell (one cell at IV65536 in a 6 KB file made 16,7
    million values, 6 s and 1,4 GB); calamine's rows start at row 1 and at the first used column."""
    first_col = sheet.start[1] if sheet.start else 0
    out: list[tuple[XlsValue, ...]] = []
    for row in sheet.iter_rows():
        if row.count("") == len(row):  # nothing in it (a 0 or False is something: == "" is exact)
            out.append(())
            continue
        while row[-1] == "":
            row.pop()
        out.append((None,) * first_col + tuple(_value(v) for v in row))
    return tuple(out)
