"""Hostile and extreme inputs: short texts that once took exponential time, numbers of any
length through every output. Invented inputs; each asserts the exit code and what is said."""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

import pytest

from budget.read.text import split_lines
from indicators.extract import extract
from tests.helpers import assert_message, check_text, errors_at, run_process, verdict_of


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
