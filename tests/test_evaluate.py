"""Exact products, chains, assumed units and rounding slack: small plans of our own.

Each plan asserts what the officer reads (the finding's code, severity, line and message)
and the figures the evaluation computed, so a change to the arithmetic shows as a changed
verdict.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

from budget.evaluate import half_unit
from budget.model import Amount
from budget.units import DONG, NGHIN
from tests.helpers import check_text, findings_said


def test_a_result_without_unit_is_taken_in_the_rates_unit(tmp_path: Path) -> None:
    text = "Tổng kinh phí: 60 triệu đồng\n1. Khoản A: 10 người x 5 triệu đồng/người = 50\n2. Khoản B: 10 triệu đồng\n"
    r = check_text(tmp_path, text)
    assert findings_said(r) == [
        (
            "RESULT_NO_UNIT",
            "warning",
            2,
            "Kết quả 50 không ghi đơn vị tiền; đã coi là triệu đồng theo thừa số tiền của dòng.",
        )
    ]
    (line,) = r.evaluation.lines()
    assert (line.stated_dong, line.computed_dong, line.ok) == (Decimal(50_000_000), Decimal(50_000_000), True)
    assert (r.evaluation.total.stated, r.evaluation.total.children_sum, r.evaluation.total.ok) == (
        Decimal(60),
        Decimal(60),
        True,
    )


def test_a_chain_result_without_unit_is_taken_in_the_unit_it_goes_on_from(tmp_path: Path) -> None:
    # the second step has no money factor of its own: it goes on from 66.000 đồng
    r = check_text(tmp_path, "- Trực: 3000đ/h x22 ngày = 66,000đ/ tháng x4 tháng = 264,000/năm\n")
    assert [(code, line, message) for code, severity, line, message in findings_said(r) if severity == "warning"] == [
        ("RESULT_NO_UNIT", 1, "Kết quả 264.000 không ghi đơn vị tiền; đã coi là đồng theo thừa số tiền của dòng.")
    ]
    (line,) = r.evaluation.lines()
    assert [(s.computed, s.exponent, s.assumed_unit) for s in line.steps] == [
        (Decimal(66_000), 0, False),
        (Decimal(264_000), 0, True),
    ]


def test_no_money_factor_takes_the_results_unit(tmp_path: Path) -> None:
    r = check_text(tmp_path, "Khoản A: 10 x 5 = 50 triệu đồng\n")
    assert findings_said(r) == [
        (
            "NO_MONEY_FACTOR",
            "warning",
            1,
            "Không thừa số nào mang đơn vị tiền; đã coi tích các thừa số có cùng đơn vị với kết quả (triệu đồng).",
        )
    ]
    assert r.findings[0].source.col == 10  # at the first factor
    (line,) = r.evaluation.lines()
    assert (line.steps[0].computed, line.steps[0].exponent, line.steps[0].assumed_unit) == (Decimal(50), 6, True)


def test_each_step_of_a_chain_starts_from_the_previous_stated_result(tmp_path: Path) -> None:
    r = check_text(tmp_path, "- Trực: 3.000 đồng/giờ x 22 giờ = 68.000 đồng x 4 tháng = 272.000 đồng\n")
    (f,) = [f for f in r.findings if f.is_error]
    assert (f.code, f.source.line, f.source.col, f.message) == (
        "PRODUCT_MISMATCH",
        1,
        35,  # the 68.000 written
        "Phép nhân không khớp: 3.000 × 22 = 66.000 đồng, nhưng văn bản ghi 68.000 đồng (chênh lệch 2.000 đồng).",
    )
    assert f.cause is not None and (f.cause.code, f.cause.message) == (
        "CAUSE_SOME_FACTOR",
        "Kết quả ghi 68.000 đồng khớp với bước sau của chuỗi phép tính, nên nhiều khả năng sai ở một thừa số.",
    )
    (line,) = r.evaluation.lines()
    # the second step goes on from the 68.000 written, and agrees; the line from its factors is 264.000
    assert [(s.computed, s.ok) for s in line.steps] == [(Decimal(66_000), False), (Decimal(272_000), True)]
    assert line.computed == Decimal(264_000)


def test_a_wrong_second_step_is_reported_at_that_step(tmp_path: Path) -> None:
    r = check_text(tmp_path, "- Trực: 3.000 đồng/giờ x 22 giờ = 66.000 đồng x 4 tháng = 284.000 đồng\n")
    (f,) = [f for f in r.findings if f.is_error]
    assert (f.code, f.source.col, f.expected, f.actual, f.message) == (
        "PRODUCT_MISMATCH",
        59,  # the 284.000 written
        Decimal(264_000),
        Decimal(284_000),
        "Phép nhân không khớp: 66.000 × 4 = 264.000 đồng, nhưng văn bản ghi 284.000 đồng (chênh lệch 20.000 đồng).",
    )


def test_a_section_without_figure_passes_its_parts_rounding_up(tmp_path: Path) -> None:
    # ``1,45 triệu`` stands for 1.445.000–1.455.000 đồng: two of them may add up to 2.910.000
    plan = (
        "Tổng kinh phí: {total} đồng\n"
        "I. Chi tổ chức\n"
        "1. Thuê hội trường: 1,45 triệu đồng\n"
        "2. Nước uống: 1,45 triệu đồng\n"
    )
    r = check_text(tmp_path, plan.format(total="2.910.000"))
    assert findings_said(r) == [
        (
            "TOTAL_ROUNDING",
            "warning",
            1,
            "Tổng kinh phí ghi 2.910.000 đồng, cộng các mục được 2.900.000 đồng (chênh 10.000 đồng), trong phạm vi "
            "làm tròn ± 10.000 đồng của số ghi và 1 khoản ghi số tròn; không phải lỗi cộng nếu các số được làm tròn.",
        )
    ]
    (section,) = r.evaluation.sections()[:1]
    assert (section.part_slack, section.children_slack, section.rounded_parts) == (
        Decimal(10_000),
        Decimal(10_000),
        2,
    )
    # beyond the rounding both parts may hide: an error
    r = check_text(tmp_path, plan.format(total="3.200.000"))
    assert [(f.code, f.severity.value, f.expected, f.actual) for f in r.findings] == [
        ("TOTAL_MISMATCH", "error", Decimal(2_900_000), Decimal(3_200_000))
    ]


def test_a_middle_result_without_unit_is_taken_in_its_own_steps_unit(tmp_path: Path) -> None:
    # 66.000 comes from 3.000 đồng x 22: đồng, though the next step states triệu đồng
    r = check_text(tmp_path, "- Trực: 3.000 đồng/giờ x 22 giờ = 66.000 x 4 tháng = 0,264 triệu đồng\n")
    assert [message for code, _, _, message in findings_said(r) if code == "RESULT_NO_UNIT"] == [
        "Kết quả 66.000 không ghi đơn vị tiền; đã coi là đồng theo thừa số tiền của dòng."
    ]
    assert [f for f in r.findings if f.is_error] == []


def test_a_percentage_factor_is_shown_as_a_percentage(tmp_path: Path) -> None:
    r = check_text(tmp_path, "Khoản A: 200 triệu đồng x 5% = 12 triệu đồng\n")
    assert [(code, message) for code, _, _, message in findings_said(r)] == [
        (
            "PRODUCT_MISMATCH",
            "Phép nhân không khớp: 200 × 5% = 10 triệu đồng, nhưng văn bản ghi 12 triệu đồng "
            "(chênh lệch 2 triệu đồng).",
        )
    ]


def test_a_percentage_among_bare_numbers_is_no_unit_error(tmp_path: Path) -> None:
    # no factor has a unit (``%`` is none): the result's unit is assumed, said so, and nothing else
    r = check_text(tmp_path, "Khoản A: 200 x 5% = 10 triệu đồng\n")
    assert [(code, severity) for code, severity, _, _ in findings_said(r)] == [("NO_MONEY_FACTOR", "warning")]


def test_a_count_computed_beside_the_budget_assumes_no_money(tmp_path: Path) -> None:
    text = (
        "KẾ HOẠCH\nSố học sinh: 10 lớp x 30 em/lớp = 300 em\nTổng kinh phí: 300 em x 2 triệu đồng/em = 600 triệu đồng\n"
    )
    r = check_text(tmp_path, text)
    assert [(code, line) for code, severity, line, _ in findings_said(r) if severity != "info"] == []
    assert [(x.stated, x.steps[0].exponent, x.steps[0].assumed_unit) for x in r.evaluation.lines()] == [
        (Decimal(600), 6, False),
        (Decimal(300), 0, False),
    ]


def test_rounded_as_the_text_says_only_where_the_product_has_more_digits(tmp_path: Path) -> None:
    # 3 x 3,3 = 9,9 written 10 (làm tròn): within one unit of the last digit, a warning
    r = check_text(tmp_path, "Khoản A: 3 người x 3,3 triệu đồng/người = 10 triệu đồng (làm tròn)\n")
    assert [(code, severity) for code, severity, _, _ in findings_said(r)] == [("PRODUCT_ROUNDING", "warning")]
    # said to be rounded: any way, to one unit of its last digit (9,3 written 10 is 0,7 off)
    r = check_text(tmp_path, "Khoản A: 3 người x 3,1 triệu đồng/người = 10 triệu đồng (làm tròn)\n")
    assert [(code, severity, message) for code, severity, _, message in findings_said(r)] == [
        (
            "PRODUCT_ROUNDING",
            "warning",
            "Phép tính 3 × 3,1 = 9,3 triệu đồng; văn bản ghi 10 triệu đồng (chênh 0,7 triệu đồng), trong phạm vi "
            "làm tròn ± 1 triệu đồng của chữ số cuối được ghi; không phải lỗi nếu kết quả được làm tròn.",
        )
    ]
    # 10 x 10 = 100 has no digit to round: 101 "làm tròn" is a wrong product
    r = check_text(tmp_path, "Khoản A: 10 người x 10 triệu đồng/người = 101 triệu đồng (làm tròn)\n")
    assert [(code, severity, message) for code, severity, _, message in findings_said(r)] == [
        (
            "PRODUCT_MISMATCH",
            "error",
            "Phép nhân không khớp: 10 × 10 = 100 triệu đồng, nhưng văn bản ghi 101 triệu đồng "
            "(chênh lệch 1 triệu đồng).",
        )
    ]


@pytest.mark.parametrize(
    ("product", "code", "message"),
    [
        (
            "3 người x 3,33 triệu đồng/người = 10 triệu đồng",
            "PRODUCT_ROUNDING",
            "Phép tính 3 × 3,33 = 9,99 triệu đồng; văn bản ghi 10 triệu đồng (chênh 0,01 triệu đồng), trong phạm vi "
            "làm tròn ± 0,5 triệu đồng của chữ số cuối được ghi; không phải lỗi nếu kết quả được làm tròn.",
        ),
        # a half rounds away from zero, as Excel's ROUND does: 319,5 is written 320, never 319
        (
            "3 người x 106,5 triệu đồng/người = 320 triệu đồng",
            "PRODUCT_ROUNDING",
            "Phép tính 3 × 106,5 = 319,5 triệu đồng; văn bản ghi 320 triệu đồng (chênh 0,5 triệu đồng), trong phạm vi "
            "làm tròn ± 0,5 triệu đồng của chữ số cuối được ghi; không phải lỗi nếu kết quả được làm tròn.",
        ),
        (
            "3 người x 106,5 triệu đồng/người = 319 triệu đồng",
            "PRODUCT_MISMATCH",
            "Phép nhân không khớp: 3 × 106,5 = 319,5 triệu đồng, nhưng văn bản ghi 319 triệu đồng "
            "(chênh lệch -0,5 triệu đồng).",
        ),
        # 9,45 is 9 to the nearest triệu, not 10: beyond half a unit
        (
            "3 người x 3,15 triệu đồng/người = 10 triệu đồng",
            "PRODUCT_MISMATCH",
            "Phép nhân không khớp: 3 × 3,15 = 9,45 triệu đồng, nhưng văn bản ghi 10 triệu đồng "
            "(chênh lệch 0,55 triệu đồng).",
        ),
        (
            "3 lớp x 15% = 40%",
            "PRODUCT_MISMATCH",
            "Phép nhân không khớp: 3 × 15% = 45%, nhưng văn bản ghi 40% (chênh lệch -5%).",
        ),
        (
            "10 lớp x 30 em/lớp = 310 em",
            "PRODUCT_MISMATCH",
            "Phép nhân không khớp: 10 × 30 = 300, nhưng văn bản ghi 310 (chênh lệch 10).",
        ),
    ],
)
def test_a_product_within_and_beyond_its_results_rounding(
    tmp_path: Path, product: str, code: str, message: str
) -> None:
    r = check_text(tmp_path, f"Khoản A: {product}\n")
    assert [(c, m) for c, _, _, m in findings_said(r) if c.startswith("PRODUCT_")] == [(code, message)]


def test_half_the_last_written_digit_of_a_figure() -> None:
    assert half_unit(Amount(Decimal("1.25"), NGHIN, None)) == Decimal(5)  # type: ignore[arg-type]
    assert half_unit(Amount(Decimal("1.5"), NGHIN, None)) == Decimal(50)  # type: ignore[arg-type]
    assert half_unit(Amount(Decimal("12"), DONG, None)) == 0  # type: ignore[arg-type]


def test_a_chain_that_states_a_money_result_goes_on_in_money(tmp_path: Path) -> None:
    # the first step has no money factor (said once); the second goes on from 50 triệu đồng
    r = check_text(tmp_path, "Khoản A: 10 x 5 = 50 triệu đồng x 2 = 100 triệu đồng\n")
    assert [(f.code, f.source.col) for f in r.findings] == [("NO_MONEY_FACTOR", 10)]


def test_a_chain_ending_in_another_unit_is_summed_in_that_unit(tmp_path: Path) -> None:
    text = (
        "Tổng kinh phí: 0,264 triệu đồng\n"
        "- Trực: 3.000 đồng/giờ x 22 giờ = 66.000 đồng x 4 tháng = 0,264 triệu đồng\n"
        "- Khoản B: 0 triệu đồng\n"
    )
    r = check_text(tmp_path, text)
    line = r.evaluation.lines()[0]
    assert (line.exponent, line.stated_dong, line.computed_dong) == (6, Decimal(264_000), Decimal(264_000))
    assert (r.evaluation.total.children_sum, r.evaluation.total.ok) == (Decimal("0.264"), True)
    assert [f for f in r.findings if f.is_error] == []


def test_a_measure_in_two_of_its_units_is_converted_as_the_units_say(tmp_path: Path) -> None:
    """``2,5 tấn x 20.000 đồng/kg``: × 1.000 as the units say; ``15 kg/người`` for 300 people in tấn:
    ÷ 1.000; in a chain each step from the unit of the figure it goes on from."""
    report = check_text(
        tmp_path,
        "KẾ HOẠCH\n"
        "1. Mua gạo: 2,5 tấn x 20.000 đồng/kg = 50.000.000 đồng\n"
        "2. Gạo cấp: 300 người x 15 kg/người = 4,5 tấn\n"
        "3. Mua muối: 2 tấn x 3 = 6 tấn x 5.000 đồng/kg = 30.000.000 đồng\n",
    )
    got = [(r.computed, r.measure, [s.measure for s in r.steps], r.ok) for r in report.evaluation.lines()]
    assert got == [
        (Decimal(50_000_000), 1000, [1000], True),
        # a chain: its second step goes on from 6 tấn into đồng/kg
        (Decimal(30_000_000), 1000, [1, 1000], True),
        # a measure computed beside the budget, written in tấn from kg
        (Decimal("4.5"), Fraction(1, 1000), [Fraction(1, 1000)], True),
    ]


_SIDES = "KẾ HOẠCH\n1. Tổng thu ngân sách: {a} tỷ đồng\n2. Tổng {b} ngân sách: 2.300 tỷ đồng\n"


@pytest.mark.parametrize(
    ("text", "summed"),
    [
        # a revenue total and a spending total: two sides of a budget, never added together
        (_SIDES.format(a="2.500", b="chi"), None),
        # two revenue totals, or a grand total stated, or a third item: an ordinary list
        (_SIDES.format(a="2.500", b="thu"), Decimal(4800)),
        ("Tổng cộng: 4.800 tỷ đồng\n" + _SIDES.format(a="2.500", b="chi").removeprefix("KẾ HOẠCH\n"), Decimal(4800)),
        (_SIDES.format(a="2.500", b="chi") + "3. Dự phòng: 100 tỷ đồng\n", Decimal(4900)),
    ],
)
def test_revenue_and_spending_totals_are_never_summed(tmp_path: Path, text: str, summed: Decimal | None) -> None:
    report = check_text(tmp_path, text if text.startswith("KẾ") else "KẾ HOẠCH\n" + text)
    assert report.evaluation.total.children_sum == summed


def test_a_result_without_unit_takes_the_money_of_the_figure_it_goes_on_from(tmp_path: Path) -> None:
    """The second step goes on from 6 triệu đồng, not from the đồng of the first step's rate."""
    r = check_text(tmp_path, "- Trực: 200.000 đồng/ngày x 30 ngày = 6 triệu đồng/tháng x 4 tháng = 24/năm\n")
    assert [(code, message) for code, severity, _line, message in findings_said(r) if severity == "warning"] == [
        ("RESULT_NO_UNIT", "Kết quả 24 không ghi đơn vị tiền; đã coi là triệu đồng theo thừa số tiền của dòng.")
    ]
