"""One estimate table, seven forms: the same rows, the same verdicts, the wrong amount named.

The issue's acceptance property. A table drawn by ``tests.test_tables._tables`` (columns
in any order and spelling, prices in đồng or nghìn đồng, said in the header or implied,
one amount wrong or none) is written as pipe rows, columns aligned by spaces, one cell per
line, tab-separated text, CSV, a workbook whose header stands on any of rows 1 to 8 under
a merged title, and a real Word table. Each form must give the same rows (label, factors,
stated amount) and the same verdicts, and its only errors must be the wrong row's
``PRODUCT_MISMATCH``, located in that form's own style: ``file:line:col``, ``Sheet!F12``,
``bảng 1, dòng 3``. Tab-separated rows are cut at the file's tabs (the reader keeps where
they were), so a label with spaces stays one cell whatever column it is in.
"""

from __future__ import annotations

import csv
import io
import random
from collections.abc import Callable
from pathlib import Path

import docx
import openpyxl
from hypothesis import HealthCheck, given, settings
from openpyxl.utils.cell import get_column_letter

from budget.api import check_file
from budget.findings import Severity
from budget.model import walk_lines
from budget.numbers import read_number
from tests.test_tables import _TITLE, _aligned_text, _cells, _pipe, _Table, _tables

Where = tuple[int | None, int | None, str | None]  # line, column, cell (or place in a .docx)
_HEADING = _TITLE.strip()
_NUMERIC = frozenset({"number", "quantity", "price", "duration", "amount"})


def _text_form(
    render: Callable[[_Table], tuple[str, list[tuple[int, int]]]], suffix: str = ".txt"
) -> Callable[..., tuple[str, list[Where]]]:
    def form(t: _Table, path: Path, _rnd: random.Random) -> tuple[str, list[Where]]:
        text, where = render(t)
        path.with_suffix(suffix).write_text(text, encoding="utf-8")
        return path.with_suffix(suffix).name, [(line, col, None) for line, col in where]

    return form


def _tabs(t: _Table) -> tuple[str, list[tuple[int, int]]]:
    out = [_HEADING, "", "\t".join(t.titles)]
    amount = t.roles.index("amount")
    where = []
    for row in t.rows:
        where.append((len(out) + 1, len("\t".join(row[:amount])) + (1 if amount else 0) + 1))
        out.append("\t".join(row))
    return "\n".join(out) + "\n", where


def _csv(t: _Table, path: Path, rnd: random.Random) -> tuple[str, list[Where]]:
    delimiter = rnd.choice((",", ";", "\t"))
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\n")
    writer.writerow([_HEADING])
    writer.writerow([])
    writer.writerow(t.titles)
    writer.writerows(t.rows)
    target = path.with_suffix(".csv")
    target.write_text(buf.getvalue(), encoding="utf-8")
    amount = t.roles.index("amount") + 1
    return target.name, [(4 + i, amount, None) for i in range(len(t.rows))]


def _xlsx(t: _Table, path: Path, rnd: random.Random) -> tuple[str, list[Where]]:
    """The header on row 1 to 8, from column A to C; a merged title above it, sometimes the
    unit line; numbers stored as numbers, now and then typed as text."""
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = rnd.choice(("Sheet1", "Dự toán", "DT 2025"))
    top = rnd.randint(1, 8)
    left = rnd.randint(1, 3)
    right = left + len(t.roles) - 1
    if top >= 2:
        ws.cell(row=1, column=left, value=_HEADING)
        ws.merge_cells(start_row=1, start_column=left, end_row=1, end_column=right)
    if top >= 4 and rnd.random() < 0.5:
        ws.cell(row=top - 2, column=right, value="Đơn vị tính: đồng")
    for c, title in enumerate(t.titles):
        ws.cell(row=top, column=left + c, value=title)
    for r, row in enumerate(t.rows, top + 1):
        for c, text in enumerate(row):
            value: object = text
            if t.roles[c] in _NUMERIC and rnd.random() < 0.85:
                value = read_number(text).value
            ws.cell(row=r, column=left + c, value=value)
    target = path.with_suffix(".xlsx")
    wb.save(target)
    column = get_column_letter(left + t.roles.index("amount"))
    return target.name, [(None, None, f"{ws.title}!{column}{top + 1 + i}") for i in range(len(t.rows))]


def _docx(t: _Table, path: Path, _rnd: random.Random) -> tuple[str, list[Where]]:
    document = docx.Document()
    document.add_paragraph(_HEADING)
    table = document.add_table(rows=len(t.rows) + 1, cols=len(t.roles))
    for r, row in enumerate((t.titles, *t.rows)):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    target = path.with_suffix(".docx")
    document.save(str(target))
    return target.name, [(None, None, f"bảng 1, dòng {2 + i}") for i in range(len(t.rows))]


Form = Callable[[_Table, Path, random.Random], tuple[str, list[Where]]]
FORMS: dict[str, Form] = {
    "pipe": _text_form(_pipe),
    "tabs": _text_form(_tabs),
    "aligned": _text_form(_aligned_text),
    "cells": _text_form(_cells),
    "csv": _csv,
    "xlsx": _xlsx,
    "docx": _docx,
}


def _same_in_every_form(tmp_path: Path, table: _Table, forms: dict[str, Form]) -> None:
    truth = [(label, factors, stated) for label, factors, stated, _ok in table.truth]
    verdicts = [ok for *_rest, ok in table.truth]
    rnd = random.Random(len(table.rows) * 7919 + len(table.roles))
    for form, write in forms.items():
        name, where = write(table, tmp_path / form, rnd)
        report = check_file(tmp_path / name, name)
        got = [(x.label, tuple(q.value for q in x.factors), x.stated.value) for x in walk_lines(report.plan.items)]
        assert got == truth, (form, table)
        assert [r.ok for r in report.evaluation.lines()] == verdicts, (form, table)
        errors = [f for f in report.findings if f.severity is Severity.ERROR]
        assert all(f.code == "PRODUCT_MISMATCH" for f in errors), (form, errors)
        wrong = [where[i] for i, ok in enumerate(verdicts) if not ok]
        at = [
            (f.source.line, f.source.col, None) if f.source.cell is None else (None, None, f.source.cell)
            for f in errors
        ]
        assert at == wrong, (form, table, errors)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(_tables())
def test_one_table_seven_forms(tmp_path: Path, table: _Table) -> None:
    _same_in_every_form(tmp_path, table, FORMS)
