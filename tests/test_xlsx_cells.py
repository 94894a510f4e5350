"""The one-pass reader (``budget.read.xlsx_cells``) reads what openpyxl with ``xlsx_io``'s exact
numbers reads: every cell's value, formula, type and number format, merged ranges, hidden
rows and sheets, and which formula cells store a value, for random workbooks written by
openpyxl and by XlsxWriter."""

from __future__ import annotations

import datetime
import warnings
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import xlsxwriter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.utils.cell import get_column_letter

import budget.read.xlsx_io as xlsx_io
from budget.findings import InputError
from budget.read.xlsx_cells import read_book
from tests import packages

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def _states_by_hand(path: Path) -> dict[str, dict[str, bool]]:
    """What ``xlsx_io.formula_states`` computed before the one-pass reader: the reference."""
    import defusedxml.ElementTree as SafeET

    states: dict[str, dict[str, bool]] = {}
    with zipfile.ZipFile(path) as z:
        book = SafeET.fromstring(z.read("xl/workbook.xml"))
        rels = SafeET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
        targets = {r.get("Id"): r.get("Target", "") for r in rels.iter(f"{_PKG}Relationship")}
        for sheet in book.iter(f"{_MAIN}sheet"):
            target = targets.get(sheet.get(f"{_REL}id"), "")
            member = target.lstrip("/") if target.startswith("/") else "xl/" + target
            cells: dict[str, bool] = {}
            with z.open(member) as fh:
                for _, el in SafeET.iterparse(fh):
                    if el.tag == f"{_MAIN}c" and el.find(f"{_MAIN}f") is not None:
                        v = el.find(f"{_MAIN}v")
                        cells[el.get("r", "")] = v is not None and (bool(v.text) or el.get("t") == "str")
            states[sheet.get("name", "")] = cells
    return states


def _same_as_openpyxl(path: Path) -> None:
    formulas, values, states = read_book(path, xlsx_io._exact_cast, xlsx_io._date_from_serial)
    with xlsx_io._exact_numbers():
        theirs = (openpyxl.load_workbook(path, data_only=False), openpyxl.load_workbook(path, data_only=True))
    assert states == _states_by_hand(path)
    for mine, wb in zip((formulas, values), theirs, strict=True):
        assert mine.sheetnames == wb.sheetnames
        for ours, ws in zip(mine.worksheets, wb.worksheets, strict=True):
            assert (ours.title, ours.sheet_state) == (ws.title, ws.sheet_state)
            assert set(ours._cells) == set(ws._cells), ws.title
            for spot, cell in ws._cells.items():
                got = ours._cells[spot]
                expected = (cell.value, cell.coordinate, cell.number_format, cell.data_type)
                assert (got.value, got.coordinate, got.number_format, got.data_type) == expected, spot
                assert type(got.value) is type(cell.value)
            spans = sorted((m.min_row, m.min_col, m.max_row, m.max_col) for m in ws.merged_cells.ranges)
            assert sorted((m.min_row, m.min_col, m.max_row, m.max_col) for m in ours.merged_cells.ranges) == spans
            hidden = {r for r, d in ws.row_dimensions.items() if d.hidden}
            assert {r for r, d in ours.row_dimensions.items() if d.hidden} == hidden


_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cc", "Cs")), max_size=12).filter(
    lambda t: not t.startswith("=") and t == t.strip()
)
_NUMBER = st.decimals(allow_nan=False, allow_infinity=False, places=None).filter(
    lambda d: len(d.normalize().as_tuple().digits) <= 15 and -300 < d.adjusted() < 300
)
_DATE = st.datetimes(min_value=datetime.datetime(1901, 1, 1), max_value=datetime.datetime(2099, 12, 31)).map(
    lambda d: d.replace(microsecond=0)
)
_FORMULA = st.sampled_from(["=A1+1", "=SUM(A1:A3)", '=IF(B1="","x",B1)', "=A1&B2", "=ROUND(A1*2,2)"])
_CELL = st.one_of(
    st.tuples(st.just("number"), _NUMBER),
    st.tuples(st.just("percent"), _NUMBER),
    st.tuples(st.just("text"), _TEXT),
    st.tuples(st.just("bool"), st.booleans()),
    st.tuples(st.just("date"), _DATE),
    st.tuples(st.just("formula"), _FORMULA),
    st.tuples(st.just("cached"), st.tuples(_FORMULA, st.one_of(_NUMBER, _TEXT, st.booleans()))),
)
_SHEET = st.fixed_dictionaries(
    {
        "cells": st.dictionaries(st.tuples(st.integers(1, 12), st.integers(1, 6)), _CELL, max_size=25),
        "merged": st.lists(st.tuples(st.integers(1, 12), st.integers(1, 6), st.integers(0, 2), st.integers(0, 2))),
        "hidden": st.sets(st.integers(1, 14), max_size=3),
        "hidden_sheet": st.booleans(),
    }
)
_BOOK = st.lists(_SHEET, min_size=1, max_size=3)


def _merges(sheet: dict[str, Any]) -> list[str]:
    """Merged ranges that do not overlap (both writers refuse or garble overlaps)."""
    taken: set[tuple[int, int]] = set()
    out = []
    for r, c, dr, dc in sheet["merged"][:3]:
        spots = {(r + i, c + j) for i in range(dr + 1) for j in range(dc + 1)}
        if len(spots) > 1 and not spots & taken:
            taken |= spots
            out.append(f"{get_column_letter(c)}{r}:{get_column_letter(c + dc)}{r + dr}")
    return out


def _write_openpyxl(path: Path, book: list[dict[str, Any]]) -> None:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for i, sheet in enumerate(book):
        ws = wb.create_sheet(f"Trang {i + 1}")
        for (r, c), (kind, value) in sheet["cells"].items():
            cell = ws.cell(row=r, column=c)
            if kind in ("number", "percent"):
                cell.value = float(value)
                cell.number_format = "0.00%" if kind == "percent" else "General"
            elif kind == "date":
                cell.value = value
                cell.number_format = "dd/mm/yyyy"
            elif kind == "cached":
                cell.value = value[0]
            else:
                cell.value = value
        for ref in _merges(sheet):
            ws.merge_cells(ref)
        for r in sheet["hidden"]:
            ws.row_dimensions[r].hidden = True
        if sheet["hidden_sheet"] and i > 0:
            ws.sheet_state = "hidden"
    wb.save(path)


def _write_xlsxwriter(path: Path, book: list[dict[str, Any]]) -> None:
    wb = xlsxwriter.Workbook(str(path))
    percent, date = wb.add_format({"num_format": "0.00%"}), wb.add_format({"num_format": "dd/mm/yyyy"})
    for i, sheet in enumerate(book):
        ws = wb.add_worksheet(f"Trang {i + 1}")
        merged = _merges(sheet)
        for (r, c), (kind, value) in sheet["cells"].items():
            if kind in ("number", "percent"):
                ws.write_number(r - 1, c - 1, float(value), percent if kind == "percent" else None)
            elif kind == "date":
                ws.write_datetime(r - 1, c - 1, value, date)
            elif kind == "text":
                ws.write_string(r - 1, c - 1, value)
            elif kind == "bool":
                ws.write_boolean(r - 1, c - 1, value)
            elif kind == "formula":
                ws.write_formula(r - 1, c - 1, value)  # XlsxWriter stores 0 beside it
            else:
                shown = float(value[1]) if isinstance(value[1], Decimal) else value[1]
                ws.write_formula(r - 1, c - 1, value[0], None, shown)
        for ref in merged:
            ws.merge_range(ref, None)
        for r in sheet["hidden"]:
            ws.set_row(r - 1, None, None, {"hidden": True})
        if sheet["hidden_sheet"] and i > 0:
            ws.hide()
    wb.close()


_SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@_SETTINGS
@given(book=_BOOK)
def test_openpyxl_workbooks_read_alike(tmp_path: Path, book: list[dict[str, Any]]) -> None:
    path = tmp_path / "o.xlsx"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        _write_openpyxl(path, book)
    _same_as_openpyxl(path)


@_SETTINGS
@given(book=_BOOK)
def test_xlsxwriter_workbooks_read_alike(tmp_path: Path, book: list[dict[str, Any]]) -> None:
    path = tmp_path / "x.xlsx"
    _write_xlsxwriter(path, book)
    _same_as_openpyxl(path)


_HEAD = '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'


def test_shared_formulas_rich_strings_and_odd_cells(tmp_path: Path) -> None:
    rows = (
        '<row r="1"><c r="A1"><v>1.10</v></c><c r="B1"><f t="shared" si="0" ref="B1:B3">A1*2</f>'
        '<v>2.2</v></c><c r="C1" t="s"><v>0</v></c><c r="D1" t="str"><f>""&amp;""</f><v></v></c></row>'
        '<row r="2" hidden="1"><c r="A2"><v>1E-7</v></c><c r="B2"><f t="shared" si="0"/><v>2E-7</v></c>'
        '<c r="C2" t="inlineStr"><is><r><t>in</t></r><r><t>line</t></r></is></c><c r="D2" t="e"><v>#N/A</v></c></row>'
        '<row><c><v>3</v></c><c><f t="shared" si="0"/></c><c t="b"><v>1</v></c></row>'
    )
    merged = '<mergeCells count="1"><mergeCell ref="E1:F2"/></mergeCells>'
    strings = "<si><r><t>giá</t></r><r><t>_x005F_x</t></r><rPh sb='0' eb='1'><t>no</t></rPh></si>"
    path = tmp_path / "s.xlsx"
    path.write_bytes(packages.xlsx(rows, after=merged, strings=strings))
    _same_as_openpyxl(path)
    formulas, values, _ = read_book(path, xlsx_io._exact_cast, xlsx_io._date_from_serial)
    assert formulas["A"]["B2"].value == "=A2*2"  # translated from B1
    assert values["A"]["A1"].value == Decimal("1.10") and values["A"]["C1"].value == "giá_x"


def test_load_exact_and_formula_states_parse_once(tmp_path: Path) -> None:
    path = tmp_path / "x.xlsx"
    _write_xlsxwriter(
        path, [{"cells": {(1, 1): ("formula", "=1+1")}, "merged": [], "hidden": set(), "hidden_sheet": False}]
    )
    formulas, values = xlsx_io.load_exact(path, "x.xlsx")
    assert formulas["Trang 1"]["A1"].value == "=1+1" and values["Trang 1"]["A1"].value == Decimal(0)
    assert xlsx_io.formula_states(path) == {"Trang 1": {"A1": True}} == _states_by_hand(path)
    assert xlsx_io.formula_states(path) == {"Trang 1": {"A1": True}}  # read again when not just loaded


def test_dtd_is_refused_even_past_the_guard(tmp_path: Path) -> None:
    path = tmp_path / "d.xlsx"
    sheet = '<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY a "1">]>' + _HEAD[21:] + "<sheetData/></worksheet>"
    path.write_bytes(packages.xlsx("", sheet=sheet))
    with pytest.raises(InputError) as e:
        xlsx_io.load_exact(path, "d.xlsx")
    assert e.value.code == "XLSX_XML_DECLARATION"
