"""Estimate tables as CSV → (Plan, findings), located file:row:col.

The tool's own columns (those of ``Chi tiết``) are put in an in-memory sheet and read by the
workbook reader; any other layout (a title line, the header on any line, columns in any
order) by the grid reader, as a workbook of any layout is: CSV and xlsx are understood by
one piece of code. Numbers in CSV are text and are read in Vietnamese
convention (with a warning when the reading was a choice). Control characters, which a
sheet cannot hold, are removed from the cell they are in, with a finding there.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook

from budget import layout
from budget.findings import Finding, InputError, Severity
from budget.messages import Phrase
from budget.model import Plan
from budget.read.text import decode, read_bytes
from budget.sheets.grid import grid_plan
from budget.sheets.grid_sheets import csv_sheet
from budget.sheets.template import is_template, read_loaded
from budget.source import Source

# what openpyxl (and the xlsx format) cannot hold in a cell: C0 controls but tab, LF, CR
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_DELIMITERS = ",;\t"
_FIELD_LIMIT = 1_000_000  # characters in one cell (the csv module's default is 131.072)


def _codes(text: str) -> str:
    return ", ".join(sorted({f"U+{ord(ch):04X}" for ch in _CONTROL.findall(text)}))


def _dialect(sample: str) -> type[csv.Dialect] | csv.Dialect:
    """The delimiter as the csv module sniffs it; when a title line above the table defeats
    the sniffer, the one of ``,;`` and tab that splits the most lines into the same number
    of cells (two or more)."""
    try:
        return csv.Sniffer().sniff(sample, delimiters=_DELIMITERS)
    except csv.Error:
        pass
    best, score = ",", 0
    for delimiter in _DELIMITERS:
        try:
            rows = list(csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter))
        except csv.Error:  # a stray quote or line break the sample cut: this delimiter scores nothing
            continue
        widths = Counter(len(row) for row in rows if len(row) > 1)
        count = max(widths.values(), default=0)
        if count > score:
            best, score = delimiter, count
    return _Sniffed(best)


class _Sniffed(csv.excel):
    def __init__(self, delimiter: str) -> None:
        super().__init__()
        self.delimiter = delimiter


def _rows(text: str, name: str, findings: list[Finding]) -> list[list[str | None]]:
    """The CSV's rows (delimiter sniffed), control characters removed with a finding at their cell."""
    dialect = _dialect(text[:4096])
    rows: list[list[str | None]] = []
    limit = csv.field_size_limit()
    csv.field_size_limit(_FIELD_LIMIT)
    try:
        for i, row in enumerate(csv.reader(io.StringIO(text, newline=""), dialect), 1):
            cells: list[str | None] = []
            for j, cell in enumerate(row, 1):
                if _CONTROL.search(cell):
                    where = Source(name, i, j, None, _CONTROL.sub("", cell))
                    findings.append(Finding(where, "CSV_CONTROL_CHARACTER", Severity.WARNING, {"codes": _codes(cell)}))
                    cell = _CONTROL.sub("", cell)
                cells.append(cell if cell.strip() else None)  # stays text: never a formula
            rows.append(cells)
    except csv.Error as e:
        reason = (
            Phrase("CSV_REASON.field_too_long", {"limit": Decimal(_FIELD_LIMIT)})
            if "field larger" in str(e)
            else Phrase("CSV_REASON.other", {"kind": type(e).__name__})
        )
        raise InputError(Source(name), "CSV_BROKEN", {"reason": reason}) from None
    finally:
        csv.field_size_limit(limit)
    return rows


def read_csv(path: Path, name: str) -> tuple[Plan, list[Finding]]:
    """The tool's own columns (``Thừa số 1`` ...) by their layout; any other table by its header words."""
    findings: list[Finding] = []
    rows = _rows(decode(read_bytes(path, name), name), name, findings)
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = layout.DETAIL
    for row in rows:
        ws.append(row)
    if not is_template(wb):  # any other table, found by its header words
        return grid_plan(name, [csv_sheet(name, rows)], findings), findings
    plan, more = read_loaded(name, wb, wb, csv=True)
    return plan, [*findings, *more]
