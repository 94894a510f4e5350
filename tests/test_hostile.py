"""Hostile and extreme inputs: short texts that once took exponential time, numbers of any
length through every output. Invented inputs; each asserts the exit code and what is said."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from budget.findings import InputError
from budget.messages import Phrase, render
from budget.numbers import EXACT, format_vn
from budget.read.text import split_lines
from budget.source import Source
from indicators.extract import extract
from tests.helpers import assert_message, check_text, errors_at, run_in_process, run_process, verdict_of


# An unclosed bracket of percentages: the split pattern once nested two lazy repeats of the
# same text, so each ``, 1%`` doubled the ways to fail (26 of them, 118 bytes, took 15 s).
@pytest.mark.parametrize("count", [26, 28, 400])
def test_an_unclosed_bracket_of_percentages_is_read_at_once(tmp_path: Path, count: int) -> None:
    text = "Mục tiêu (" + ", ".join(["1%"] * count) + " x\n"
    path = tmp_path / "muc-tieu.txt"
    path.write_text(text, encoding="utf-8")
    # a limit far above a healthy run (a fraction of a second) and far below the old one
    ran = run_process([sys.executable, "-m", "plancheck", "check", path], timeout=30)
    assert ran.returncode == 1, ran.stderr  # nothing to check: never an internal error
    assert "KHÔNG CÓ DỰ TOÁN ĐỂ KIỂM TRA" in ran.stdout


def test_a_closed_bracket_of_percentages_is_still_a_split() -> None:
    lines = split_lines("Phân luồng học sinh sau THCS (70% vào THPT, 30% học nghề).\n", "t.txt")
    found = extract(lines, set())
    assert [(e.target.kind.value, [(s.label, s.percent) for s in e.target.shares]) for e in found] == [
        ("split", [("vào THPT", 70), ("học nghề", 30)])
    ]


@pytest.mark.parametrize("written", ["triu đồng", "trệu đồng", "tiệu đồng"])
def test_a_subtotal_in_a_misspelt_unit_is_never_passed_over(tmp_path: Path, written: str) -> None:
    text = (
        "IV. KINH PHÍ\n1. Hỗ trợ: 20 xã x 100 triệu đồng/xã = 2.000 triệu đồng\n"
        f"2. Chi khác: 9.999 {written}\nTổng cộng: 2.000 triệu đồng\n"
    )
    report = check_text(tmp_path, text)
    (f,) = [f for f in report.findings if f.code == "NUMBER_UNIT_UNREADABLE"]
    assert (f.source.line, f.source.col) == (3, 14)  # at the figure
    assert_message(
        f,
        "NUMBER_UNIT_UNREADABLE",
        f"Số 9.999 đứng trước “{written.split()[0]}”: có thể là đơn vị tiền viết sai (triệu đồng); số này chưa được "
        "đọc, chưa kiểm tra.",
        en=f"The figure 9.999 stands before “{written.split()[0]}”, perhaps a misspelt money unit (triệu đồng); it "
        "was not read or checked.",
    )
    assert verdict_of(report) == "incomplete"  # never KHỚP over a figure not read


def test_words_near_a_scale_word_are_no_misspelt_unit(tmp_path: Path) -> None:
    text = (
        "IV. KINH PHÍ\n1. Hỗ trợ: 20 xã x 100 triệu đồng/xã = 2.000 triệu đồng, theo 75 Nghị định, 3 công trình,"
        " 9 vòng thi, 500 ngàn đồng là mức cũ\nTổng cộng: 2.000 triệu đồng\n"
    )
    report = check_text(tmp_path, text)
    assert [f.code for f in report.findings if f.code == "NUMBER_UNIT_UNREADABLE"] == []


def test_a_quotient_with_a_rate_result_is_checked(tmp_path: Path) -> None:
    report = check_text(tmp_path, "IV. KINH PHÍ\n1. Thuê: 1.200 triệu đồng : 12 tháng = 110 triệu đồng/tháng\n")
    assert errors_at(report) == [("PRODUCT_MISMATCH", 2, Decimal(110))]
    assert verdict_of(report) == "errors"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="a system without /dev/full")
@pytest.mark.parametrize("program", ["plancheck", "indicators"])
def test_a_full_device_on_standard_output_is_a_users_error(tmp_path: Path, program: str) -> None:
    plan = tmp_path / "ke-hoach.txt"
    plan.write_text("IV. KINH PHÍ\n1. Hỗ trợ: 20 xã x 100 triệu đồng/xã = 2.000 triệu đồng\n", encoding="utf-8")
    args = ["check", str(plan)] if program == "plancheck" else ["extract", str(plan)]
    with open("/dev/full", "w", encoding="utf-8") as full:
        ran = subprocess.run(
            [sys.executable, "-m", program, *args], stdout=full, stderr=subprocess.PIPE, timeout=60, check=False
        )
    err = ran.stderr.decode("utf-8")
    prog = "budget" if program == "plancheck" else "indicators"
    assert (ran.returncode, err) == (
        2,
        f"{prog}: Không ghi được kết quả ra đầu ra chuẩn (ổ đĩa đã hết chỗ trống; hãy giải phóng dung lượng rồi chạy"
        " lại); kết quả chưa được ghi trọn.\n",
    )


def test_the_standard_output_message_in_english() -> None:
    args = {"reason": Phrase("OS_REASON.ENOSPC", {})}
    assert render("OUTPUT_STDOUT_FAILED", args, "en") == (
        "The result could not be written to standard output (the disk is full; free some space and run again); "
        "it is not complete."
    )


@pytest.mark.parametrize("form", ["folder", "pattern"])
def test_a_report_named_over_a_document_of_the_folder_is_refused_whatever_force_says(tmp_path: Path, form: str) -> None:
    folder = tmp_path / "du-toan"
    folder.mkdir()
    wrong = "IV. KINH PHÍ\n1. Hỗ trợ: 20 xã x 100 triệu đồng/xã = 2.100 triệu đồng\n"
    (folder / "a.txt").write_text(wrong, encoding="utf-8")
    (folder / "b.txt").write_text(wrong.replace("2.100", "2.000"), encoding="utf-8")
    before = (folder / "a.txt").read_bytes()
    where = str(folder) if form == "folder" else str(folder / "*.txt")
    ran = run_process([sys.executable, "-m", "plancheck", "check", where, "--html", folder / "a.txt", "--force", "-q"])
    assert (ran.returncode, ran.stderr) == (
        2,
        f"{folder / 'a.txt'}: lỗi [OUTPUT_IS_INPUT] Tệp kết quả trùng với tệp đầu vào; hãy chọn tên khác.\n",
    )
    assert (folder / "a.txt").read_bytes() == before
    # a report of a kind the tool does not read, in the same folder, is the run's own output
    ran = run_process([sys.executable, "-m", "plancheck", "check", where, "--html", folder / "bao-cao.html", "-q"])
    assert ran.returncode == 1, ran.stderr
    assert (folder / "bao-cao.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_a_merged_range_over_the_whole_sheet_is_cut_to_the_cells_it_holds(tmp_path: Path) -> None:
    import zipfile

    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["STT", "Nội dung", "Số lượng", "Đơn giá", "Thành tiền"])
    ws.append([1, "Giấy in", 10, 1000, 10000])
    plain = tmp_path / "plain.xlsx"
    wb.save(plain)
    hostile = tmp_path / "gop-o.xlsx"
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(hostile, "w") as out:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":  # 17 billion cells declared in a few bytes
                merge = b'<mergeCells count="1"><mergeCell ref="A3:XFD1048576"/></mergeCells>'
                data = data.replace(b"</sheetData>", b"</sheetData>" + merge)
            out.writestr(item, data)
    ran = run_process([sys.executable, "-m", "plancheck", "check", hostile], timeout=60)
    assert ran.returncode == 0, ran.stderr
    assert "1 dòng chi phí" in ran.stdout


def _long_plan(path: Path) -> Path:
    lines = ["IV. KINH PHÍ"] + [f"- Dòng {i}: 3 người x 2 triệu đồng/người = 6 triệu đồng" for i in range(20_000)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_check_past_its_time_budget_stops_where_it_stood(tmp_path: Path) -> None:
    plan = _long_plan(tmp_path / "dai.txt")
    # a budget far below what 20.000 lines take (seconds): the check stops, says where, exit 2
    ran = run_process([sys.executable, "-m", "plancheck", "check", plan, "--time-limit", "0.5"], timeout=120)
    assert ran.returncode == 2, ran.stderr
    head, _, text = ran.stderr.partition(": lỗi [INPUT_TIME_LIMIT] ")
    assert head.startswith(str(plan))  # with the line it stood at, once a line was reached
    assert text == (
        "Việc kiểm tra văn bản vượt quá 0,5 giây và đã dừng tại đây; không có kết luận cho văn bản này "
        "(tăng --time-limit, hoặc gửi tệp cho người phát triển).\n"
    )
    # in a batch the document is a row that could not be read; the others are checked
    other = tmp_path / "ngan.txt"
    other.write_text("IV. KINH PHÍ\n1. Hỗ trợ: 20 xã x 100 triệu đồng/xã = 2.000 triệu đồng\n", encoding="utf-8")
    ran = run_process(
        [sys.executable, "-m", "plancheck", "check", plan, other, "--time-limit", "0.05", "-q", "-j", "1"], timeout=120
    )
    assert ran.returncode == 2
    assert "Kết quả chung: 2 văn bản (1 khớp, 1 không đọc được)" in ran.stdout


def test_the_time_budget_message_in_both_languages() -> None:
    assert_message(
        InputError(Source("ke-hoach.txt", 12), "INPUT_TIME_LIMIT", {"seconds": Decimal(600)}),
        "INPUT_TIME_LIMIT",
        "Việc kiểm tra văn bản vượt quá 600 giây và đã dừng tại đây; không có kết luận cho văn bản này (tăng "
        "--time-limit, hoặc gửi tệp cho người phát triển).",
        en="Checking the document took longer than 600 seconds and stopped here; there is no verdict for it "
        "(raise --time-limit, or send the file to the developers).",
    )


_OUTPUTS = ("text", "json", "html", "xlsx")


@pytest.mark.parametrize("digits", [1, 28, 29, 30, 31, 100, 200])
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_figures_of_any_length_in_every_output_and_language(tmp_path: Path, digits: int, lang: str) -> None:
    """A figure the reader accepts is shown in every output whatever its length; a longer one is
    a finding at its place. Never an internal error (exit 3)."""
    from plancheck.cli import main

    rate = "9" * digits
    stated = format_vn(EXACT.multiply(Decimal(rate), Decimal(2)))  # exact: 28 digits is only the default
    rate = format_vn(Decimal(rate))
    text = f"IV. KINH PHÍ\n1. Hỗ trợ: 2 người x {rate} đồng/người = {stated} đồng\nTổng cộng: {stated} đồng\n"
    plan = tmp_path / "so-dai.txt"
    plan.write_text(text, encoding="utf-8")
    for output in _OUTPUTS:
        args = ["--lang", lang, "check", str(plan)]
        if output == "json":
            args += ["--format", "json"]
        elif output in ("html", "xlsx"):
            args += [f"--{output}", str(tmp_path / f"kq-{digits}-{lang}.{output}"), "--force"]
        ran = run_in_process(main, args)
        assert ran.returncode in (0, 1, 2), (output, ran.stderr)
        assert "Traceback" not in ran.stderr and "(InvalidOperation)" not in ran.stderr, output


def test_a_long_fraction_in_a_message_keeps_its_digits() -> None:
    from fractions import Fraction

    said = render("UNIT_TIME_CONVERTED", {"factor": Fraction(10**40, 7), "unit": "đồng"}, "vi")
    # 41 digits, none of them made up (a 28-digit context left zeros at the end)
    assert said.startswith(
        "Đơn vị có cả năm và tháng: tích các thừa số đã được nhân thêm "
        "≈1.428.571.428.571.428.571.428.571.428.571.428.571.428,57 "
    )


def test_a_word_table_declaring_a_billion_columns_is_an_input_error(tmp_path: Path) -> None:
    import zipfile

    import docx

    d = docx.Document()
    d.add_paragraph("DỰ TOÁN KINH PHÍ")
    t = d.add_table(rows=2, cols=3)
    for k, text in enumerate(["Nội dung", "Số lượng", "Thành tiền"]):
        t.cell(0, k).text = text
    plain = tmp_path / "bang.docx"
    d.save(str(plain))
    hostile = tmp_path / "bang-rong.docx"
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(hostile, "w") as out:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/document.xml":
                data = data.replace(b"<w:tcPr>", b'<w:tcPr><w:gridSpan w:val="1000000000"/>', 1)
            out.writestr(item, data)
    ran = run_process([sys.executable, "-m", "plancheck", "check", hostile], timeout=60)
    assert (ran.returncode, ran.stderr) == (
        2,
        f"{hostile}:bảng 1: lỗi [DOCX_TABLE_TOO_WIDE] Một dòng của bảng khai báo 1000000000 cột, vượt giới hạn 256 "
        "cột (Word cho tối đa 63); tệp có thể bị hỏng hoặc cố ý làm sai, không đọc.\n",
    )
    assert_message(
        InputError(Source(str(hostile)), "DOCX_TABLE_TOO_WIDE", {"columns": 1000000000, "limit": 256}),
        "DOCX_TABLE_TOO_WIDE",
        "Một dòng của bảng khai báo 1000000000 cột, vượt giới hạn 256 cột (Word cho tối đa 63); tệp có thể bị hỏng "
        "hoặc cố ý làm sai, không đọc.",
        en="A row of the table declares 1000000000 columns, over the limit of 256 (Word allows 63); the file may be "
        "damaged or made wrong on purpose, and is not read.",
    )
