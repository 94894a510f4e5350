"""Sizes a file declares in a few bytes, bounded by what it really holds before anything is made
or looped over (issue 23): merged ranges, shared and array formula ranges, a sheet's dimension,
column spans, validation ranges, cells past Excel's last row or column, Word's vertical merges
and list numbering. Every file is built by hand (``tests/packages.py``); each run is bounded by
the command's own time budget (``--time-limit 20``), so a hang fails as ``INPUT_TIME_LIMIT``."""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest

from budget.findings import InputError
from budget.read.word import read_docx
from budget.source import Source
from tests.helpers import assert_message, run_in_process
from tests.packages import (
    budget_rows,
    docx,
    list_levels,
    number_cell,
    paragraph,
    table,
    table_cell,
    text_cell,
    xlsx,
)

HANG_GUARD = ("--time-limit", "20")  # seconds: far above any of these runs (under a second each)
SOUND_SUMMARY = "Tóm tắt: 1 dòng chi phí, 1 mục, 1 số tiền tìm thấy (1 đã kiểm tra)."


def check(path: Path, *extra: str) -> tuple[int, str, str]:
    from plancheck.cli import main

    ran = run_in_process(main, ["check", str(path), *HANG_GUARD, *extra])
    return ran.returncode, ran.stdout, ran.stderr


def saved(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


# workbooks: what is refused -----------------------------------------------------------------


def test_one_merged_range_over_millions_of_cells_the_sheet_reaches_is_refused(tmp_path: Path) -> None:
    # a cell at Z1048576 makes the whole range lie inside the sheet: cutting it to the sheet's
    # cells leaves 27 million to make (the narrow sheet passes the guard's area limit)
    far = f'<row r="1048576">{number_cell("Z1048576", 1)}</row>'
    merge = '<mergeCells count="1"><mergeCell ref="A3:Z1048575"/></mergeCells>'
    path = saved(tmp_path, "gop.xlsx", xlsx(budget_rows() + far, after=merge))
    assert check(path) == (
        2,
        "",
        f"{path}:A!A3:Z1048575: lỗi [XLSX_MERGES_TOO_LARGE] Các vùng gộp ô của bảng tính phủ 27.262.898 ô (tính "
        "đến vùng A3:Z1048575 của trang “A”), vượt giới hạn 2.000.000 ô; tệp có thể bị hỏng hoặc cố ý làm sai, "
        "không đọc.\n",
    )


def test_thousands_of_merged_ranges_over_the_same_cells_are_refused(tmp_path: Path) -> None:
    # 3.000 ranges of 99.980 cells each, 90 KB of XML: 300 million cells to make
    corner = f'<row r="10000">{number_cell("J10000", 1)}</row>'
    merges = "<mergeCells>" + '<mergeCell ref="A3:J10000"/>' * 3000 + "</mergeCells>"
    path = saved(tmp_path, "gop-nhieu.xlsx", xlsx(budget_rows() + corner, after=merges))
    code, out, err = check(path)
    assert (code, out) == (2, "")
    assert err.startswith(f"{path}:A!A3:J10000: lỗi [XLSX_MERGES_TOO_LARGE] Các vùng gộp ô của bảng tính phủ 2.099.580")


def test_the_merged_cells_message_in_both_languages() -> None:
    args = {"sheet": "Dự toán", "range": "A3:J10000", "cells": Decimal(2099580), "limit": Decimal(2000000)}
    assert_message(
        InputError(Source("du-toan.xlsx", None, None, "Dự toán!A3:J10000"), "XLSX_MERGES_TOO_LARGE", args),
        "XLSX_MERGES_TOO_LARGE",
        "Các vùng gộp ô của bảng tính phủ 2.099.580 ô (tính đến vùng A3:J10000 của trang “Dự toán”), vượt giới hạn "
        "2.000.000 ô; tệp có thể bị hỏng hoặc cố ý làm sai, không đọc.",
        en="The workbook's merged ranges cover 2,099,580 cells (counted up to the range A3:J10000 of the sheet "
        "“Dự toán”), over the limit of 2,000,000 cells; the file may be damaged or made wrong on purpose, and is "
        "not read.",
    )


def _shared(master: str, cells: int) -> str:
    """A formula in F3 shared (``si="0"``) by the ``cells`` rows below it, each storing a value."""
    first = f'<row r="3"><c r="F3"><f t="shared" ref="F3:F{cells + 3}" si="0">{master}</f><v>1</v></c></row>'
    return first + "".join(
        f'<row r="{r}"><c r="F{r}"><f t="shared" si="0"/><v>1</v></c></row>' for r in range(4, cells + 4)
    )


def test_a_long_formula_shared_by_thousands_of_cells_is_refused(tmp_path: Path) -> None:
    # 6.000 characters shared by 2.000 cells of 50 bytes: 12 million characters from a 12 KB file
    path = saved(tmp_path, "chia-se.xlsx", xlsx(budget_rows() + _shared("C2+" * 2000 + "1", 2000)))
    code, out, err = check(path)
    assert (code, out) == (2, "")
    head, _, said = err.partition(": lỗi [XLSX_SHARED_FORMULA_TOO_LARGE] ")
    assert head.startswith(f"{path}:A!F")  # at the cell where the count passed the limit
    assert said.startswith("Công thức dùng chung (shared formula) trải ra quá 1.2")  # 1 million + twice the XML
    assert said.endswith("quá nhiều so với kích thước tệp; tệp có thể bị hỏng hoặc cố ý làm sai, không đọc.\n")


def test_the_shared_formula_message_in_both_languages() -> None:
    args = {"sheet": "Dự toán", "cell": "F216", "limit": Decimal(1276404)}
    assert_message(
        InputError(Source("du-toan.xlsx", None, None, "Dự toán!F216"), "XLSX_SHARED_FORMULA_TOO_LARGE", args),
        "XLSX_SHARED_FORMULA_TOO_LARGE",
        "Công thức dùng chung (shared formula) trải ra quá 1.276.404 ký tự công thức (tính đến ô F216 của trang "
        "“Dự toán”), quá nhiều so với kích thước tệp; tệp có thể bị hỏng hoặc cố ý làm sai, không đọc.",
        en="Shared formulas spread to more than 1,276,404 characters of formulas (counted up to cell F216 of the "
        "sheet “Dự toán”), far more than the file's size holds; the file may be damaged or made wrong on purpose, "
        "and is not read.",
    )


@pytest.mark.parametrize(
    ("cell", "code", "said"),
    [
        ("A99999999", "XLSX_TOO_MANY_ROWS", "Trang “xl/worksheets/sheet1.xml” khai báo 99.999.999 dòng, vượt giới "
         "hạn 1.048.576 dòng của một trang tính; không đọc."),
        ("ZZZ3", "XLSX_BAD_REFERENCE", "Phần “xl/worksheets/sheet1.xml” ghi địa chỉ ô một cách bất thường (“ZZZ3”), "
         "điều Excel không bao giờ làm; tệp có thể độc hại, không đọc."),
    ],
)  # fmt: skip
def test_a_cell_past_excels_last_row_or_column_is_refused(tmp_path: Path, cell: str, code: str, said: str) -> None:
    # a one-letter column escapes the guard's scan of far columns; the row says 3, the cell elsewhere
    path = saved(tmp_path, "xa.xlsx", xlsx(budget_rows() + f'<row r="3">{number_cell(cell, 1)}</row>'))
    assert check(path) == (2, "", f"{path}: lỗi [{code}] {said}\n")


@pytest.mark.parametrize("ref", ["XFD1048576:A3", "A0:B3", "A3:XFE99999999", "A1:", "1:A"])
def test_a_malformed_merged_range_is_a_damaged_workbook(tmp_path: Path, ref: str) -> None:
    path = saved(tmp_path, "hong.xlsx", xlsx(budget_rows(), after=f'<mergeCells><mergeCell ref="{ref}"/></mergeCells>'))
    code, out, err = check(path)
    assert (code, out) == (2, "")
    assert err.startswith(f"{path}: lỗi [XLSX_BROKEN] Bảng tính bị hỏng, không đọc được: "), err


# workbooks: what is read as it is -----------------------------------------------------------------

_EVERYWHERE = "A1:XFD1048576"


@pytest.mark.parametrize(
    ("before", "rows", "after"),
    [
        (f'<dimension ref="{_EVERYWHERE}"/>', "", ""),
        ('<cols><col min="1" max="16384" width="9"/><col min="3" max="99999999999" width="9"/></cols>', "", ""),
        ("", "", f'<dataValidations count="1"><dataValidation type="whole" sqref="{_EVERYWHERE} {_EVERYWHERE}">'
         "<formula1>1</formula1></dataValidation></dataValidations>"),
        ("", "", f'<conditionalFormatting sqref="{_EVERYWHERE}"><cfRule type="cellIs" priority="1" operator="equal">'
         "<formula>1</formula></cfRule></conditionalFormatting>"),
        ("", f'<row r="3"><c r="G3"><f t="shared" ref="{_EVERYWHERE}" si="0">C2*D2</f><v>10000</v></c>'
         '<c r="H3"><f t="shared" si="0"/><v>10000000</v></c></row>', ""),
        ("", f'<row r="3"><c r="G3"><f t="array" ref="{_EVERYWHERE}">C2:C3*D2:D3</f><v>1</v></c></row>', ""),
        ("", "", '<mergeCells count="1"><mergeCell ref="A3:XFD1048576"/></mergeCells>'),
    ],
    ids=["dimension", "columns", "validation", "conditional-format", "shared-formula-ref", "array-ref", "merge"],
)  # fmt: skip
def test_ranges_declared_over_the_whole_sheet_are_read_by_the_cells_it_holds(
    tmp_path: Path, before: str, rows: str, after: str
) -> None:
    """17 billion cells declared in a few bytes: nothing is made or looped over for them."""
    path = saved(tmp_path, "toan-trang.xlsx", xlsx(budget_rows() + rows, before=before, after=after))
    code, out, err = check(path)
    assert (code, err) == (0, ""), out
    assert SOUND_SUMMARY in out


def test_a_short_formula_shared_down_a_long_sheet_is_read(tmp_path: Path) -> None:
    """What Excel writes for a column filled down: far under the limit, however many rows."""
    head = "".join(text_cell(f"{c}1", t) for c, t in zip("ABCDE", ("STT", "Nội dung", "Số lượng", "Đơn giá",
                                                                    "Thành tiền"), strict=True))  # fmt: skip
    rows = [f'<row r="1">{head}</row>']
    for r in range(2, 3002):
        formula = '<f t="shared" ref="E2:E3001" si="0">C2*D2</f>' if r == 2 else '<f t="shared" si="0"/>'
        rows.append(
            f'<row r="{r}">{number_cell(f"A{r}", r - 1)}{text_cell(f"B{r}", "Giấy in")}{number_cell(f"C{r}", 10)}'
            f'{number_cell(f"D{r}", 1000)}<c r="E{r}">{formula}<v>10000</v></c></row>'
        )
    path = saved(tmp_path, "dai.xlsx", xlsx("".join(rows)))
    code, out, err = check(path)
    assert (code, err) == (0, ""), out
    assert "Tóm tắt: 3000 dòng chi phí, 1 mục, 3000 số tiền tìm thấy (3000 đã kiểm tra)." in out


def test_many_small_merged_ranges_are_read(tmp_path: Path) -> None:
    """Merged labels down a long table: thousands of ranges, far under the limit."""
    merges = "<mergeCells>" + "".join(f'<mergeCell ref="G{r}:H{r}"/>' for r in range(1, 5001)) + "</mergeCells>"
    path = saved(tmp_path, "gop-nho.xlsx", xlsx(budget_rows(), after=merges))
    code, out, err = check(path)
    assert (code, err) == (0, ""), out
    assert SOUND_SUMMARY in out


# a task register: read as every workbook is ---------------------------------------------------------


def _register(tmp_path: Path) -> Path:
    from indicators.cli import main

    plan = tmp_path / "ke-hoach.txt"
    plan.write_text(
        "STT | Nội dung | Cơ quan chủ trì | Thời gian\n1 | Rà soát văn bản | Sở Tư pháp | Tháng 10/2025\n",
        encoding="utf-8",
    )
    register = tmp_path / "so.xlsx"
    ran = run_in_process(main, ["tasks", str(plan), "--xlsx", str(register)], timeout=60)
    assert ran.returncode in (0, 1), ran.stderr
    return register


def _with_sheet_xml(path: Path, change: Callable[[bytes], bytes]) -> Path:
    import zipfile

    out = path.with_name("hong-" + path.name)
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = change(data)
            dst.writestr(item, data)
    return out


def test_a_register_with_a_merged_range_over_its_sheet_is_read_at_once(tmp_path: Path) -> None:
    from indicators.cli import main

    register = _register(tmp_path)
    plain = run_in_process(main, ["tasks", str(register)], timeout=60)
    merged = _with_sheet_xml(
        register,
        lambda d: d.replace(b"</sheetData>", b'</sheetData><mergeCells><mergeCell ref="A50:XFD1048576"/></mergeCells>'),
    )
    # openpyxl, which read registers, made the 17 billion cells: minutes, gigabytes
    ran = run_in_process(main, ["tasks", str(merged)], timeout=20)
    assert (ran.returncode, ran.stdout, ran.stderr) == (plain.returncode, plain.stdout, plain.stderr)
    assert ran.stdout.startswith("Sổ nhiệm vụ: 1 nhiệm vụ")
    many = _with_sheet_xml(
        register,
        lambda d: d.replace(b"</sheetData>", b'<row r="9000"><c r="J9000"><v>1</v></c></row></sheetData><mergeCells>'
                            + b'<mergeCell ref="A20:J9000"/>' * 300 + b"</mergeCells>"),
    )  # fmt: skip
    ran = run_in_process(main, ["tasks", str(many)], timeout=20)
    assert ran.returncode == 2
    assert f"{many}:Nhiệm vụ!A20:J9000: lỗi [XLSX_MERGES_TOO_LARGE] " in ran.stderr


def test_a_register_that_declares_a_dtd_is_refused_as_any_workbook_is(tmp_path: Path) -> None:
    from indicators.cli import main

    register = _register(tmp_path)
    hostile = _with_sheet_xml(register, lambda d: b'<?xml version="1.0"?><!DOCTYPE x>' + d.split(b"?>", 1)[1])
    ran = run_in_process(main, ["tasks", str(hostile)], timeout=20)
    assert (ran.returncode, ran.stderr) == (
        2,
        f"{hostile}: lỗi [XLSX_XML_DECLARATION] Phần “xl/worksheets/sheet1.xml” có khai báo DOCTYPE/ENTITY, điều "
        "Excel không bao giờ ghi; tệp có thể độc hại, không đọc.\n",
    )


# Word: vertical merges and list numbering ------------------------------------------------------------

_KINH_PHI = paragraph("IV. KINH PHÍ")
_TABLE_HEAD = [table_cell(t) for t in ("Nội dung", "Số lượng", "Đơn giá", "Thành tiền")]


def _table_line(label: str, merge: str | None) -> list[str]:
    props = "" if merge is None else (f'<w:vMerge w:val="{merge}"/>' if merge else "<w:vMerge/>")
    return [table_cell(label, props), table_cell("10"), table_cell("1.000"), table_cell("10.000")]


@pytest.mark.parametrize(
    ("merges", "lines"),
    [
        (["restart"] * 3000, 3000),  # every row restarts a merge none continues
        (["restart"] + [""] * 2000, 2001),  # one merge continued over two thousand rows
        (["", "continue", "bogus", "-1", "99999999999999999999", "restart"], 6),  # continue with nothing to continue
    ],
    ids=["restart-only", "continued-2000-rows", "odd-values"],
)
def test_vertical_merges_of_any_shape_are_read_row_by_row(tmp_path: Path, merges: list[str], lines: int) -> None:
    rows = [_TABLE_HEAD] + [_table_line("Giấy in", m) for m in merges]
    path = saved(tmp_path, "gop-doc.docx", docx(_KINH_PHI + table(rows, 4)))
    read = read_docx(path)
    assert len(read) == 1 + 1 + len(merges)  # the heading, the header row, each row once
    code, out, err = check(path, "--format", "json")
    assert (code, err) == (0, ""), out
    assert len(json.loads(out)["lines"]) == lines


@pytest.mark.parametrize(
    ("fmt", "start", "first"),
    [
        ("decimal", "100000000000", "100000000000."),
        ("upperRoman", "2147483648", "2147483648."),  # no Roman numeral that far: in figures
        ("upperRoman", "3999", "MMMCMXCIX."),
        ("lowerLetter", "100000000000", "100000000000."),
        ("decimal", "-5", "-5."),
        ("decimal", "9" * 4300, "1."),  # counted on by one, 4.301 digits: more than Python prints (exit 3)
        ("decimalZero", "9" * 30, "01."),  # past any start Word stores: unreadable, as "abc" is
        ("decimal", "abc", "1."),
    ],
    ids=["decimal-1e11", "roman-2^31", "roman-3999", "letter-1e11", "negative", "4300-digits", "30-digits", "text"],
)
def test_list_numbers_that_start_far_out_are_shown_at_once(tmp_path: Path, fmt: str, start: str, first: str) -> None:
    levels = [(str(i), start, fmt, f"%{i + 1}.") for i in range(9)]
    body = "".join(paragraph("Mục", "1", "0") for _ in range(2))
    path = saved(tmp_path, "so.docx", docx(_KINH_PHI + body, list_levels("1", levels)))
    shown = [rl.text for rl in read_docx(path)][1:]
    assert shown[0] == f"{first} Mục"
    code, _out, err = check(path)
    assert code in (0, 1), err


def test_list_levels_past_the_ninth_count_at_the_ninth(tmp_path: Path) -> None:
    """Word has levels 0 to 8: a deeper ``ilvl`` (9, 100, 2⁴⁰) counts at level 8, a negative or
    unreadable one at level 0; a level defined past 8 is never shown."""
    levels = [(str(i), "1", "decimal", f"%{i + 1}.") for i in range(9)] + [("99999", "7", "decimal", "%9.")]
    levels = [(i, s, f, "%1." if i == "0" else "(%9)" if i == "8" else t) for i, s, f, t in levels]
    kinds = ["0", "8", "9", "100", str(2**40), "-1", "abc", "0"]
    body = "".join(paragraph(f"Mục {k}", "1", k) for k in kinds)
    path = saved(tmp_path, "cap.docx", docx(body, list_levels("1", levels)))
    assert [rl.text for rl in read_docx(path)] == [
        "1. Mục 0", "(1) Mục 8", "(2) Mục 9", "(3) Mục 100", f"(4) Mục {2**40}", "2. Mục -1", "3. Mục abc", "4. Mục 0",
    ]  # fmt: skip


# Excel 97-2003: a cell far out ---------------------------------------------------------------------


def test_an_old_excel_sheet_with_one_cell_far_out_is_not_made_dense(tmp_path: Path) -> None:
    """One cell at IV65536 (the last of the format) in a 6 KB .xls: its rows were made whole
    from A1 to it, 16,7 million values (6 s, 1,4 GB); now each row only as far as it holds
    something, and the plan reads as the same workbook without that cell."""
    from budget.read.xls import read_xls
    from tests.office import convert

    far = f'<row r="65536">{number_cell("IV65536", 1)}</row>'
    book = saved(tmp_path, "xa.xlsx", xlsx(budget_rows() + far))
    (old,) = convert(book, tmp_path, "xls")
    (sheet,) = read_xls(old, old.name)
    assert len(sheet.rows) == 65536
    assert [(r, len(row)) for r, row in enumerate(sheet.rows, 1) if row] == [(1, 5), (2, 5), (65536, 256)]
    assert sheet.rows[1] == (Decimal(1), "Giấy in", Decimal(10), Decimal(1000), Decimal(10000))
    code, out, err = check(old)
    assert (code, err) == (0, ""), out
    assert SOUND_SUMMARY in out


@pytest.mark.parametrize("before", ["-1180591620717411303424", "-5", "0", "abc", "-" + "9" * 5000, "3"])
def test_grid_positions_skipped_before_a_row_of_any_value_are_read(tmp_path: Path, before: str) -> None:
    """``gridBefore`` of -2⁷⁰ (found by the structural fuzzer) was an exit 3: a list of a negative
    size Python cannot make. A negative or unreadable count skips nothing (a positive one of
    thousands of digits is a row too wide: ``test_a_span_of_thousands_of_digits_is_a_table_too_wide``)."""
    line = [f'<w:trPr><w:gridBefore w:val="{before}"/></w:trPr>', *_table_line("Giấy in", None)]
    path = saved(tmp_path, "truoc.docx", docx(_KINH_PHI + table([_TABLE_HEAD, line], 4)))
    skipped = 3 if before == "3" else 0
    assert read_docx(path)[2].text == "| " + " | ".join([""] * skipped + ["Giấy in", "10", "1.000", "10.000"]) + " |"
    code, out, err = check(path, "--format", "json")
    assert (code, err) == (0, ""), out


# formulas over ranges declared past the sheet -------------------------------------------------------


def _row_sums(rows: int, last: str) -> bytes:
    """``SUM(Gr:{last}r)`` in F of each row, shared down from F3, beside a number in G."""
    body = []
    for r in range(3, rows + 3):
        formula = (
            f'<f t="shared" ref="F3:F{rows + 2}" si="0">SUM(G3:{last}3)</f>' if r == 3 else '<f t="shared" si="0"/>'
        )
        body.append(f'<row r="{r}"><c r="F{r}">{formula}<v>{r}</v></c>{number_cell(f"G{r}", r)}</row>')
    return xlsx(budget_rows() + "".join(body))


def test_a_formula_over_a_row_to_the_last_column_looks_only_as_far_as_the_sheet(tmp_path: Path) -> None:
    """``SUM(G5:XFD5)`` on each of 5.000 rows of a sheet that ends at column G: each sum looked
    over 16.378 declared columns, more than the sheet's cells, so it scanned every cell of the
    sheet (quadratic: 20.000 rows took a minute; 5.000, nine times the narrow sum). Now no
    slower than ``SUM(G5:G5)``."""
    import time

    wide = saved(tmp_path, "toan-dong.xlsx", _row_sums(5000, "XFD"))
    narrow = saved(tmp_path, "mot-o.xlsx", _row_sums(5000, "G"))
    seconds = {}
    for path in (wide, narrow):
        best = float("inf")
        for _ in range(2):
            start = time.perf_counter()
            code, out, err = check(path)
            best = min(best, time.perf_counter() - start)
            assert (code, err) == (0, ""), out
            assert SOUND_SUMMARY in out
        seconds[path] = best
    assert seconds[wide] < 2 * seconds[narrow] + 0.3, seconds


# Word: a grid far larger than its cells -----------------------------------------------------------


def _sparse_table(rows: int) -> bytes:
    """``rows`` rows of one cell each under one row spanning 256 columns: every row is written
    out 256 columns wide."""
    wide = [table_cell("Bảng kê", '<w:gridSpan w:val="256"/>')]
    return docx(_KINH_PHI + table([wide] + [[table_cell(f"Dòng {k}")] for k in range(rows)], 3))


def test_a_word_table_far_wider_than_its_cells_is_refused(tmp_path: Path) -> None:
    # 2.000 rows of one cell: 512.256 positions to write out (20.000 rows, 150 KB, took 10 s)
    path = saved(tmp_path, "thua.docx", _sparse_table(2000))
    assert check(path) == (
        2,
        "",
        f"{path}:bảng 1: lỗi [DOCX_TABLE_TOO_LARGE] Bảng khai báo 512.256 vị trí ô (2.001 dòng × 256 cột) mà chỉ có "
        "2.001 ô, vượt giới hạn 100.000 vị trí; tệp có thể bị hỏng hoặc cố ý làm sai, không đọc.\n",
    )
    # 300 rows: 77.056 positions, under the limit any table has: read
    code, out, err = check(saved(tmp_path, "vua.docx", _sparse_table(300)))
    assert (code, err) == (1, ""), out


def test_the_sparse_table_message_in_both_languages() -> None:
    args = {"positions": 512256, "rows": 2001, "columns": 256, "cells": 2001, "limit": 100000}
    assert_message(
        InputError(Source("ke-hoach.docx", None, None, "bảng 1"), "DOCX_TABLE_TOO_LARGE", {k: Decimal(v) for k, v in
                                                                                         args.items()}),
        "DOCX_TABLE_TOO_LARGE",
        "Bảng khai báo 512.256 vị trí ô (2.001 dòng × 256 cột) mà chỉ có 2.001 ô, vượt giới hạn 100.000 vị trí; tệp "
        "có thể bị hỏng hoặc cố ý làm sai, không đọc.",
        en="The table declares 512,256 cell positions (2,001 rows × 256 columns) for only 2,001 cells, over the limit "
        "of 100,000 positions; the file may be damaged or made wrong on purpose, and is not read.",
    )  # fmt: skip


# a data workbook for targets: merged ranges beside a stray cell far out ----------------------------------


def _data_workbook(extra_cell: str = "", merges: str = "") -> bytes:
    """``examples/indicators/so-lieu-minh-hoa.csv`` as a workbook of text cells."""
    import csv

    from openpyxl.utils import get_column_letter

    from tests.helpers import EXAMPLES

    path = EXAMPLES / "indicators" / "so-lieu-minh-hoa.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        table = list(csv.reader(fh))
    rows = []
    for r, values in enumerate(table, 1):
        cells = "".join(text_cell(f"{get_column_letter(c)}{r}", v) for c, v in enumerate(values, 1) if v)
        rows.append(f'<row r="{r}">{cells}{extra_cell if r == 1 else ""}</row>')
    return xlsx("".join(rows), after=f"<mergeCells>{merges}</mergeCells>" if merges else "")


def test_a_data_header_beside_a_far_cell_and_many_merged_ranges_is_read_at_once(tmp_path: Path) -> None:
    """A stray cell at XFD1 makes the header 16.384 columns wide; each column looked through
    every merged range of the sheet (20.000 of them: 8 s for a 30 KB workbook). Now each
    column is filled once: the same result, in about the time of the same workbook without the
    far cell."""
    import time

    from indicators.cli import main
    from tests.helpers import EXAMPLES

    targets = EXAMPLES / "indicators" / "chi-tieu-hai-phong.csv"
    merges = "".join(f'<mergeCell ref="A{r}:A{r}"/>' for r in range(100, 20100))
    plain = saved(tmp_path, "so-lieu.xlsx", _data_workbook(merges=merges))
    hostile = saved(tmp_path, "so-lieu-xa.xlsx", _data_workbook(text_cell("XFD1", "ghi chú"), merges))
    seconds, said = {}, {}
    for path in (plain, hostile):
        start = time.perf_counter()
        ran = run_in_process(main, ["check", str(targets), str(path), "--as-of", "2024"], timeout=60)
        seconds[path] = time.perf_counter() - start
        assert ran.returncode == 1, ran.stderr
        said[path] = ran.stdout.replace(str(path), "X")
    assert said[hostile] == said[plain]
    assert "Tóm tắt: 4 chỉ tiêu; 3 đạt hoặc đúng lộ trình, 1 chưa đạt hoặc chệch lộ trình." in said[plain]
    assert seconds[hostile] < 3 * seconds[plain] + 0.3, seconds  # was 19 times


def test_a_header_cell_merged_to_the_last_column_widens_no_row(tmp_path: Path) -> None:
    """``Thành tiền`` merged over E1:XFD1 made every line of the table 16.384 cells wide (2.000
    lines ran past the time budget); the table is as wide as the cells the sheet holds."""
    merged = '<mergeCells><mergeCell ref="E1:XFD1"/></mergeCells>'
    path = saved(tmp_path, "tieu-de-rong.xlsx", xlsx(budget_rows(2000), after=merged))
    code, out, err = check(path)
    assert (code, err) == (0, ""), out
    assert "Tóm tắt: 2000 dòng chi phí, 1 mục, 2000 số tiền tìm thấy (2000 đã kiểm tra)." in out


def test_a_span_of_thousands_of_digits_is_a_table_too_wide(tmp_path: Path) -> None:
    """A ``gridSpan`` of 5.000 digits (found by the long structural fuzz run: Python would not
    print the count, an exit 3) is refused as any too wide a row is, its size said in words."""
    huge = "9" * 5000
    rows = [[table_cell("Nội dung", f'<w:gridSpan w:val="{huge}"/>'), table_cell("Thành tiền")]]
    path = saved(tmp_path, "rong.docx", docx(_KINH_PHI + table(rows, 2)))
    code, out, err = check(path)
    assert code == 2 and out == "" and "[DOCX_TABLE_TOO_WIDE]" in err, err
    from budget import messages

    said = messages.render("DOCX_TABLE_TOO_WIDE", {"columns": 10**5000, "limit": 256})
    assert said.startswith("Một dòng của bảng khai báo ≈10^5000 cột, vượt giới hạn 256 cột")
