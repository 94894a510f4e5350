"""A column of a table that is a rate written in the text above it applied to an earlier column
(``rates.py``): worked examples in circulars, one cell per line. Invented texts; exact verdicts,
codes, figures and lines."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from budget.api import Report
from budget.model import CostLine
from budget.numbers import format_vn
from tests.helpers import check_text, errors_at, verdict_of


def _table(prose: str, unit: str, header: list[str], rows: list[list[str]], total: list[str] | None = None) -> str:
    lines = ["PHỤ LỤC", prose, unit, *header]
    for row in rows:
        lines += row
    if total is not None:
        lines += total
    return "\n".join([*lines, "", "Người lập biểu"]) + "\n"


def _allowance(third: str = "1.050.000", rate: str = "15%") -> str:
    """Years, a salary, the allowance at ``rate`` of it, a factor, the amount paid: a table of đồng."""
    return _table(
        f"Phụ cấp trách nhiệm của mỗi người bằng {rate} tiền lương, điều chỉnh theo hệ số hằng năm.",
        "(ĐVT: đồng)",
        ["Năm", "Tiền lương", "Phụ cấp trách nhiệm", "Hệ số điều chỉnh", "Thành tiền"],
        [
            ["2021", "6.000.000", "900.000", "1,05", "945.000"],
            ["2022", "6.400.000", "960.000", "1,05", "1.008.000"],
            ["2023", "7.000.000", third, "1,1", "1.155.000"],
            ["2024", "7.500.000", "1.125.000", "1,1", "1.237.500"],
        ],
        ["Tổng cộng", "4.345.500"],
    )


def _profit(cells: list[str]) -> str:
    """A valuation example in thousands: the extra profit is 30% of the profit without the new
    process (the third column), the present value beside it, a total of the last column."""
    years = ["2019", "2020", "2021", "2022", "2023"]
    base = ["20.000", "35.000", "42.000", "51.000", "64.000"]
    present = [int(c.replace(".", "")) * 9 // 10 for c in cells]
    rows = [[y, b, c, "0,9", format_vn(Decimal(v))] for y, b, c, v in zip(years, base, cells, present, strict=True)]
    return _table(
        "- Quy trình mới làm lợi nhuận của doanh nghiệp tăng thêm 30% so với khi không áp dụng.",
        "(ĐVT: 1000đ)",
        ["Năm", "Lợi nhuận khi không áp dụng", "Lợi nhuận tăng thêm", "Hệ số chiết khấu", "Giá trị hiện tại"],
        rows,
        ["Tổng cộng", format_vn(Decimal(sum(present)))],
    )


def _rate_lines(report: Report) -> list[tuple[int | None, Decimal, Decimal, Decimal, bool]]:
    """Each side computation: (line of its figure, rate, base, stated, whether it agrees)."""
    out = []
    for line, result in zip(report.plan.side, report.evaluation.side, strict=True):
        assert isinstance(line, CostLine)
        rate, base = line.steps[0].factors
        assert rate.percent
        out.append((line.source.line, rate.value, base.value, line.stated.value, bool(result.ok)))
    return out


def _line_of(text: str, cell: str) -> int:
    return text.split("\n").index(cell) + 1


def test_a_column_at_the_rate_the_text_states_is_read_row_by_row(tmp_path: Path) -> None:
    text = _allowance()
    report = check_text(tmp_path, text)
    assert errors_at(report) == []
    # the rate's columns are checked by its products; the adjustment factors, and the last column
    # they give, are read by nothing: said once, so the verdict is never KHỚP
    unread = [(f.code, f.source.line) for f in report.findings if f.severity.value == "warning"]
    assert unread == [("TABLE_COLUMN_NOT_CHECKED", _line_of(text, "1,05"))]
    assert verdict_of(report) == "incomplete"
    assert _rate_lines(report) == [
        (_line_of(text, "900.000"), Decimal(15), Decimal(6000000), Decimal(900000), True),
        (_line_of(text, "960.000"), Decimal(15), Decimal(6400000), Decimal(960000), True),
        (_line_of(text, "1.050.000"), Decimal(15), Decimal(7000000), Decimal(1050000), True),
        (_line_of(text, "1.125.000"), Decimal(15), Decimal(7500000), Decimal(1125000), True),
    ]
    # the rate's own place: the text above the table
    assert {line.steps[0].factors[0].source.line for line in report.plan.side} == {2}


def test_one_row_off_the_rate_every_other_row_follows_is_an_error_at_its_figure(tmp_path: Path) -> None:
    text = _allowance(third="1.005.000")
    report = check_text(tmp_path, text)
    assert errors_at(report) == [("PRODUCT_MISMATCH", _line_of(text, "1.005.000"), Decimal(1005000))]
    error = next(f for f in report.findings if f.code == "PRODUCT_MISMATCH")
    assert error.expected == Decimal(1050000)
    assert verdict_of(report) == "errors"


def test_a_rate_with_decimals_in_a_table_of_thousands(tmp_path: Path) -> None:
    cells = ["6.000", "10.500", "12.600", "15.300", "19.200"]
    text = _profit(cells)
    report = check_text(tmp_path, text)
    assert errors_at(report) == []
    assert [(r[1], r[3], r[4]) for r in _rate_lines(report)] == [
        (Decimal(30), Decimal(c.replace(".", "")), True) for c in cells
    ]
    wrong = _profit(["6.000", "10.500", "12.600", "15.800", "19.200"])
    report = check_text(tmp_path, wrong)
    assert errors_at(report) == [("PRODUCT_MISMATCH", _line_of(wrong, "15.800"), Decimal(15800))]


def test_two_rows_off_or_no_rate_above_reads_nothing_and_judges_nothing(tmp_path: Path) -> None:
    # two rows off the rate: no relation the rows establish; a rate no row follows; no rate at all
    two_off = _profit(["6.000", "10.500", "12.900", "15.800", "19.200"])
    other_rate = _allowance(rate="20%")
    no_rate = _allowance().replace("bằng 15% tiền lương", "theo tiền lương")
    for text in (two_off, other_rate, no_rate):
        report = check_text(tmp_path, text)
        assert errors_at(report) == [], text
        assert report.plan.side == (), text


def test_too_few_rows_to_establish_a_rate_read_nothing(tmp_path: Path) -> None:
    text = _table(
        "Phụ cấp bằng 15% tiền lương.",
        "(ĐVT: đồng)",
        ["Năm", "Tiền lương", "Phụ cấp", "Hệ số", "Thành tiền"],
        [["2021", "6.000.000", "900.000", "1,05", "945.000"], ["2022", "6.400.000", "960.000", "1,05", "1.008.000"]],
        ["Tổng cộng", "1.953.000"],
    )
    report = check_text(tmp_path, text)
    assert report.plan.side == ()
    assert errors_at(report) == []
