"""Estimate tables as CSV (the ``Chi tiết`` columns) → (Plan, findings), located file:row:col.

The rows are put in an in-memory sheet and read by the workbook reader, so CSV and xlsx
are understood by one piece of code. Numbers in CSV are text and are read in Vietnamese
convention (with a warning when the reading was a choice).
"""

from __future__ import annotations

import csv
from pathlib import Path

from openpyxl import Workbook

from budget import layout
from budget.findings import Finding
from budget.model import Plan
from budget.read_text import decode, read_bytes
from budget.read_xlsx import read_loaded


def read_csv(path: Path, name: str) -> tuple[Plan, list[Finding]]:
    text = decode(read_bytes(path, name), name)
    sample = text[:4096]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = layout.DETAIL
    for row in csv.reader(text.splitlines(), dialect):
        ws.append([cell if cell.strip() else None for cell in row])  # stays text: never a formula
    return read_loaded(name, wb, wb, csv=True)
