"""A total column beside part columns in a table aligned by spaces, flattened to text, where a
blank cell is only a longer run of spaces: each row's total is the sum of the parts it writes,
whichever part columns hold them. Every table here is invented for these tests."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from budget.api import Report
from budget.findings import Severity
from tests.helpers import assert_message, check_text, errors_at, line_of, only, verdict_of

_ABOVE = "THÔNG BÁO CÁC KHOẢN THU NĂM HỌC 2025 - 2026\n\n"


def _total_first(rows: list[str]) -> str:
    head = "STT Khoản thu Tổng số  Vốn tỉnh giao Vốn tự nguyện Ghi chú"
    return _ABOVE + head + "\n" + "\n".join(rows) + "\n\nNgười lập\n"


def _total_last(rows: list[str]) -> str:
    head = "TT Nội dung Quỹ chung Quỹ riêng Quỹ khác   Cộng cả năm Ghi chú"
    return _ABOVE + head + "\n" + "\n".join(rows) + "\n\nNgười lập\n"


def _sums(report: Report) -> list[tuple[str, Decimal, bool | None]]:
    return [
        (r.section.title, r.section.stated.value, r.ok)
        for r in report.evaluation.sections()
        if r.section.stated is not None and r.section.items
    ]


def _warnings(report: Report) -> list[str]:
    return [f.code for f in report.findings if f.severity is Severity.WARNING]


_ROWS = [
    "1 Tiền học thêm   120.000 120.000    ",
    "2 Tiền nước uống 01 em / tháng 12.000   12.000  ",
    "3 Tiền sửa bàn ghế  450.000   300.000 150.000  ",
    "4 Tiền vệ sinh lớp 01 em / tháng 25.000   25.000  ",
]


def test_each_row_totals_the_one_part_it_writes_whichever_column_holds_it(tmp_path: Path) -> None:
    report = check_text(tmp_path, _total_first(_ROWS))
    assert errors_at(report) == []
    assert _warnings(report) == []
    assert verdict_of(report) == "ok"
    assert _sums(report) == [
        ("Tiền học thêm", Decimal(120000), True),
        ("Tiền nước uống 01 em / tháng", Decimal(12000), True),
        ("Tiền sửa bàn ghế", Decimal(450000), True),
        ("Tiền vệ sinh lớp 01 em / tháng", Decimal(25000), True),
    ]
    row = next(r for r in report.evaluation.sections() if r.section.title == "Tiền học thêm")
    part = row.children[0].section
    assert part.title == "Vốn tỉnh giao / Vốn tự nguyện (một trong các cột)"


@pytest.mark.parametrize(("written", "figure"), [("30.000", Decimal(30000)), ("1.250.000", Decimal(1250000))])
def test_a_row_whose_total_is_not_its_one_part_is_the_same_amount_written_twice(
    tmp_path: Path, written: str, figure: Decimal
) -> None:
    rows = [*_ROWS, f"5 Tiền quỹ lớp 01 em / năm {written}   20.000  "]
    text = _total_first(rows)
    report = check_text(tmp_path, text)
    # one part: two figures of one amount that differ, neither known to be the right one
    assert errors_at(report) == [("FIGURE_STATED_TWICE", line_of(text, "Tiền quỹ lớp"), figure)]
    assert verdict_of(report) == "errors"


def test_a_row_whose_total_is_not_the_sum_of_its_two_parts_is_an_error_at_its_total(tmp_path: Path) -> None:
    text = _total_first([*_ROWS[:2], "3 Tiền sửa bàn ghế  460.000   300.000 150.000  ", _ROWS[3]])
    report = check_text(tmp_path, text)
    assert errors_at(report) == [("SECTION_SUM_MISMATCH", line_of(text, "Tiền sửa bàn ghế"), Decimal(460000))]
    found = only(report.findings, "SECTION_SUM_MISMATCH")
    assert (found.expected, found.args["difference"]) == (Decimal(450000), Decimal(10000))
    assert verdict_of(report) == "errors"


def test_the_total_may_stand_after_the_parts(tmp_path: Path) -> None:
    rows = [
        "1 Mua sách   80.000   80.000",
        "2 Đồng phục 150.000 90.000   240.000",
        "3 Bảo hiểm   60.000 60.000",
    ]
    report = check_text(tmp_path, _total_last(rows))
    assert errors_at(report) == []
    assert verdict_of(report) == "ok"
    assert [(t, v) for t, v, ok in _sums(report) if ok] == [
        ("Mua sách", Decimal(80000)),
        ("Đồng phục", Decimal(240000)),
        ("Bảo hiểm", Decimal(60000)),
    ]
    wrong = _total_last([*rows[:2], "3 Bảo hiểm   60.000 66.000"])
    report = check_text(tmp_path, wrong)
    assert errors_at(report) == [("FIGURE_STATED_TWICE", line_of(wrong, "Bảo hiểm"), Decimal(66000))]
    assert verdict_of(report) == "errors"


def test_a_row_wrapped_over_lines_with_its_figures_alone_under_it(tmp_path: Path) -> None:
    rows = [
        *_ROWS[:2],
        "3 Tiền thuê bảo vệ + trông xe",
        " cho học sinh bán trú 01 em / tháng",
        "35.000   35.000  ",
        _ROWS[3],
    ]
    text = _total_first(rows)
    report = check_text(tmp_path, text)
    assert errors_at(report) == []
    assert verdict_of(report) == "ok"
    wrapped = [s for s in report.evaluation.sections() if s.section.title.startswith("Tiền thuê bảo vệ")]
    assert [(s.section.title, s.section.stated.value, s.ok) for s in wrapped] == [
        ("Tiền thuê bảo vệ + trông xe cho học sinh bán trú 01 em / tháng", Decimal(35000), True)
    ]
    assert wrapped[0].section.stated.source.line == line_of(text, "35.000   35.000")


def test_a_row_with_more_figures_than_columns_is_not_read(tmp_path: Path) -> None:
    text = _total_first([*_ROWS, "5 Tiền in ấn 90.000 30.000 30.000 30.000"])
    report = check_text(tmp_path, text)
    assert errors_at(report) == []
    found = only(report.findings, "TABLE_ROW_NOT_CHECKED")
    assert found.source.line == line_of(text, "Tiền in ấn")
    assert_message(
        found,
        "TABLE_ROW_NOT_CHECKED",
        "Dòng “Tiền in ấn” của bảng ghi số không khớp với một cột tổng và các cột thành phần (ô trống không "
        "thấy được); số 30.000 đồng không được kiểm tra phép cộng.",
        en="Row “Tiền in ấn” of the table writes figures that do not fit one total column and its part columns "
        "(blank cells leave no mark); its figure 30,000 đồng is not checked as a sum.",
    )
    assert verdict_of(report) != "ok"


def test_a_small_figure_that_may_be_the_labels_leaves_its_row_unread_not_wrong(tmp_path: Path) -> None:
    text = _total_first([*_ROWS, "5 Tiền học lớp 5 30.000"])
    report = check_text(tmp_path, text)
    assert errors_at(report) == []
    assert only(report.findings, "TABLE_ROW_NOT_CHECKED").source.line == line_of(text, "Tiền học lớp 5")
    assert verdict_of(report) != "ok"


def test_rows_that_mostly_do_not_add_up_are_no_sums_across(tmp_path: Path) -> None:
    rows = [
        "1 Tiền học thêm   120.000 100.000    ",
        "2 Tiền nước uống   12.000   15.000  ",
        "3 Tiền vệ sinh   25.000   25.000  ",
    ]
    report = check_text(tmp_path, _total_first(rows))
    assert errors_at(report) == []
    assert "TABLE_COLUMN_NOT_CHECKED" in _warnings(report)
    assert verdict_of(report) != "ok"
