"""The likely cause read from the figures alone: one small plan of our own per cause.

Each plan is written for the test; each asserts the finding's code and line, the cause's
code and line, and the exact Vietnamese message of the cause.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from budget.api import check_file
from budget.causes import decimal_places, joined, scale, transposed
from budget.findings import Finding
from budget.messages import Phrase, render


def mismatch(tmp_path: Path, text: str) -> Finding:
    path = tmp_path / "p.txt"
    path.write_text(text, encoding="utf-8")
    errors = [f for f in check_file(path).findings if f.is_error]
    assert len(errors) == 1, [f.message for f in errors]
    return errors[0]


def cause_of(f: Finding) -> tuple[str, int | None, str, int | None, str]:
    assert f.cause is not None
    return f.code, f.source.line, f.cause.code, f.cause.source.line if f.cause.source else None, f.cause.message


def test_transposed_digits(tmp_path: Path) -> None:
    f = mismatch(tmp_path, "Khoản A: 25 người x 10 triệu đồng/người = 520 triệu đồng\n")
    assert cause_of(f) == (
        "PRODUCT_MISMATCH",
        1,
        "CAUSE_TRANSPOSED",
        1,
        "Có thể hai chữ số bị đảo (52 ↔ 25): 520 thay vì 250 triệu đồng.",
    )
    assert f.cause is not None
    assert (
        render(f.cause.code, f.cause.args, "en")
        == "Perhaps two digits were swapped (52 ↔ 25): 520 instead of 250 triệu đồng."
    )


def test_transposed_digits_of_a_grouped_total(tmp_path: Path) -> None:
    text = (
        "Tổng kinh phí: 1.405 triệu đồng.\n"
        "1. Đào tạo: 1.000 triệu đồng\n"
        "- Giáo viên: 100 người x 10 triệu đồng/người = 1.000 triệu đồng\n"
        "2. Hội nghị: 450 triệu đồng\n"
        "- Hội nghị: 9 cuộc x 50 triệu đồng/cuộc = 450 triệu đồng\n"
    )
    assert cause_of(mismatch(tmp_path, text)) == (
        "TOTAL_MISMATCH",
        1,
        "CAUSE_TRANSPOSED",
        1,
        "Có thể hai chữ số bị đảo (05 ↔ 50): 1.405 thay vì 1.450 triệu đồng.",
    )


def test_decimal_slip(tmp_path: Path) -> None:
    f = mismatch(tmp_path, "Khoản A: 25 người x 10 triệu đồng/người = 2.500 triệu đồng\n")
    assert cause_of(f) == (
        "PRODUCT_MISMATCH",
        1,
        "CAUSE_SCALE_SLIP",
        1,
        "Có thể nhầm dấu thập phân hoặc đơn vị: ghi 2.500 triệu đồng, gấp 10 lần số tính được 250 triệu đồng.",
    )


def test_scale_slip_by_a_thousandth(tmp_path: Path) -> None:
    f = mismatch(tmp_path, "Khoản A: 25 người x 100 triệu đồng/người = 2,5 triệu đồng\n")
    assert cause_of(f)[2:] == (
        "CAUSE_SCALE_SLIP",
        1,
        "Có thể nhầm dấu thập phân hoặc đơn vị: ghi 2,5 triệu đồng, gấp 0,001 lần số tính được 2.500 triệu đồng.",
    )


def test_part_left_out_of_a_section(tmp_path: Path) -> None:
    text = (
        "Tổng kinh phí: 800 triệu đồng.\n"
        "1. Đào tạo: 300 triệu đồng\n"
        "- Giáo viên: 30 người x 10 triệu đồng/người = 300 triệu đồng\n"
        "- Nhân viên: 20 người x 10 triệu đồng/người = 200 triệu đồng\n"
        "2. Hội nghị: 500 triệu đồng\n"
        "- Hội nghị: 10 cuộc x 50 triệu đồng/cuộc = 500 triệu đồng\n"
    )
    assert cause_of(mismatch(tmp_path, text)) == (
        "SECTION_SUM_MISMATCH",
        2,
        "CAUSE_PART_LEFT_OUT",
        4,
        "Có thể bỏ sót dòng 4 (Nhân viên): 200 triệu đồng; cộng các khoản trừ khoản này được đúng 300 triệu đồng.",
    )


def test_subtotal_counted_twice(tmp_path: Path) -> None:
    text = (
        "Tổng kinh phí: 2.000 triệu đồng.\n"
        "1. Đào tạo: 1.000 triệu đồng\n"
        "- Giáo viên: 30 người x 10 triệu đồng/người = 300 triệu đồng\n"
        "- Nhân viên: 70 người x 10 triệu đồng/người = 700 triệu đồng\n"
        "2. Hội nghị: 500 triệu đồng\n"
        "- Hội nghị: 10 cuộc x 50 triệu đồng/cuộc = 500 triệu đồng\n"
    )
    assert cause_of(mismatch(tmp_path, text)) == (
        "TOTAL_MISMATCH",
        1,
        "CAUSE_PART_TWICE",
        5,
        "Có thể mục 2 bị cộng hai lần: 1.500 + 500 = 2.000 triệu đồng.",
    )


def test_monthly_for_yearly(tmp_path: Path) -> None:
    f = mismatch(tmp_path, "Thuê xe: 2 xe x 12 tháng x 5 triệu đồng/xe/tháng = 10 triệu đồng\n")
    assert cause_of(f) == (
        "PRODUCT_MISMATCH",
        1,
        "CAUSE_MONTHLY_FOR_YEARLY",
        1,
        "Có thể ghi số của một tháng thay vì cả kỳ: 120 triệu đồng chia 12 được đúng 10 triệu đồng.",
    )


def test_months_among_the_factors(tmp_path: Path) -> None:
    # 6 tháng: the figure for one month of the six the formula counts
    f = mismatch(tmp_path, "Thuê xe: 2 xe x 6 tháng x 5 triệu đồng/xe/tháng = 10 triệu đồng\n")
    assert cause_of(f)[2:] == (
        "CAUSE_MONTHLY_FOR_YEARLY",
        1,
        "Có thể ghi số của một tháng thay vì cả kỳ: 60 triệu đồng chia 6 được đúng 10 triệu đồng.",
    )


def test_total_of_only_some_parts(tmp_path: Path) -> None:
    text = (
        "Tổng kinh phí: 400 triệu đồng.\n"
        "1. Khoản A: 100 triệu đồng\n"
        "2. Khoản B: 200 triệu đồng\n"
        "3. Khoản C: 300 triệu đồng\n"
        "4. Khoản D: 400 triệu đồng\n"
    )
    assert cause_of(mismatch(tmp_path, text)) == (
        "TOTAL_MISMATCH",
        1,
        "CAUSE_SUBSET",
        3,
        "Có thể tổng chỉ tính một phần các khoản: bỏ mục 2 và mục 4 thì cộng được đúng 400 triệu đồng.",
    )


def test_a_typo_pattern_refines_the_confirmed_figure(tmp_path: Path) -> None:
    # the section confirms 250, and 520 is 250 with two digits swapped: the transposition is named,
    # at the same figure the confirmed cause pointed at
    text = (
        "1. Đào tạo: 350 triệu đồng\n"
        "- Giáo viên: 25 người x 10 triệu đồng/người = 520 triệu đồng\n"
        "- Nhân viên: 10 người x 10 triệu đồng/người = 100 triệu đồng\n"
    )
    path = tmp_path / "p.txt"
    path.write_text(text, encoding="utf-8")
    errors = [f for f in check_file(path).findings if f.is_error]
    assert [(f.code, f.source.line, f.cause.code if f.cause else None) for f in errors] == [
        ("TOTAL_MISMATCH", 1, "CAUSE_CHILD_LINE"),
        ("PRODUCT_MISMATCH", 2, "CAUSE_TRANSPOSED"),
    ]
    product = next(f for f in errors if f.code == "PRODUCT_MISMATCH")
    assert product.cause is not None and product.cause.source is not None
    assert (product.cause.source.line, product.cause.source.col) == (2, text.split("\n")[1].index("520") + 1)


def test_a_lump_sum_with_two_digits_swapped(tmp_path: Path) -> None:
    text = (
        "KẾ HOẠCH\nTổng kinh phí: 95.300 nghìn đồng, gồm:\n1. Chi chuyên môn: 95.300 nghìn đồng\n"
        "- Văn phòng phẩm: 1.070 nghìn đồng\n"
        "- Tập huấn: 120 nghìn đồng/người x 780 người = 93.600 nghìn đồng\n"
    )
    assert cause_of(mismatch(tmp_path, text)) == (
        "SECTION_SUM_MISMATCH",
        3,
        "CAUSE_PART_TRANSPOSED",
        4,
        "Có thể hai chữ số của mục “Văn phòng phẩm” bị đảo (07 ↔ 70): ghi 1.070 thay vì 1.700 nghìn đồng; "
        "với 1.700 nghìn đồng thì cộng các khoản khớp.",
    )


def test_the_one_figure_without_a_computation_under_a_confirmed_section(tmp_path: Path) -> None:
    text = (
        "KẾ HOẠCH\nTổng kinh phí: 8.350 nghìn đồng, gồm:\n"
        "1. Chi A: 2.000 nghìn đồng\n- Thuê xe: 4 chuyến x 500 nghìn đồng/chuyến = 2.000 nghìn đồng\n"
        "2. Chi B: 6.350 nghìn đồng\n- In tài liệu: 5.450 nghìn đồng\n"
        "- Tiền ăn: 240 nghìn đồng/tháng x 5 tháng = 1.200 nghìn đồng\n"
    )
    assert cause_of(mismatch(tmp_path, text)) == (
        "SECTION_SUM_MISMATCH",
        5,
        "CAUSE_LUMP_FIGURE",
        6,
        "Tổng mục khớp với cấp trên và các phép tính bên trong đều đúng; số duy nhất không có phép tính là "
        "mục “In tài liệu” (5.450 nghìn đồng), nhiều khả năng ghi sai: cần 5.150 nghìn đồng thì cộng các khoản khớp.",
    )


def test_a_figure_ten_times_its_product_is_a_decimal_slip_not_a_swap_with_a_leading_zero(tmp_path: Path) -> None:
    # ``50`` with its digits swapped is ``05``: a leading zero is no figure anyone writes
    f = mismatch(tmp_path, "Khoản A: 5 người x 1 triệu đồng/người = 50 triệu đồng\n")
    assert cause_of(f) == (
        "PRODUCT_MISMATCH",
        1,
        "CAUSE_SCALE_SLIP",
        1,
        "Có thể nhầm dấu thập phân hoặc đơn vị: ghi 50 triệu đồng, gấp 10 lần số tính được 5 triệu đồng.",
    )


def test_a_part_counted_twice_deep_inside_a_section(tmp_path: Path) -> None:
    text = (
        "Tổng kinh phí: 1.300 triệu đồng\n"
        "I. Chi A: 1.000 triệu đồng\n"
        "1. Mục A1: 600 triệu đồng\n"
        "- Khoản x: 10 người x 10 triệu đồng/người = 100 triệu đồng\n"
        "- Khoản y: 10 người x 50 triệu đồng/người = 500 triệu đồng\n"
        "2. Mục A2: 400 triệu đồng\n"
        "II. Chi B: 200 triệu đồng\n"
    )
    assert cause_of(mismatch(tmp_path, text)) == (
        "TOTAL_MISMATCH",
        1,
        "CAUSE_PART_TWICE",
        4,
        "Có thể dòng 4 (Khoản x) bị cộng hai lần: 1.200 + 100 = 1.300 triệu đồng.",
    )


def test_a_wrong_total_above_a_wrong_line_is_not_blamed_on_its_own_figure(tmp_path: Path) -> None:
    # the line is wrong too, and its product does not make the total add up: no cause is named
    text = (
        "Tổng kinh phí: 1.000 triệu đồng\n"
        "1. Khoản A: 10 người x 5 triệu đồng/người = 60 triệu đồng\n"
        "2. Khoản B: 500 triệu đồng\n"
    )
    path = tmp_path / "p.txt"
    path.write_text(text, encoding="utf-8")
    errors = [f for f in check_file(path).findings if f.is_error]
    assert [(f.code, f.source.line, f.cause) for f in errors] == [
        ("TOTAL_MISMATCH", 1, None),
        ("PRODUCT_MISMATCH", 2, None),
    ]


def test_a_total_that_leaves_out_three_parts(tmp_path: Path) -> None:
    text = (
        "Tổng kinh phí: 300 triệu đồng\n"
        "1. Văn phòng phẩm: 100 triệu đồng\n"
        "2. Nước uống: 7 triệu đồng\n"
        "3. Hoa: 11 triệu đồng\n"
        "4. Khánh tiết: 13 triệu đồng\n"
        "5. Thuê xe: 200 triệu đồng\n"
    )
    assert cause_of(mismatch(tmp_path, text)) == (
        "TOTAL_MISMATCH",
        1,
        "CAUSE_SUBSET",
        3,
        "Có thể tổng chỉ tính một phần các khoản: bỏ mục 2, mục 3 và mục 4 thì cộng được đúng 300 triệu đồng.",
    )


def test_a_part_under_one_unit_counted_twice(tmp_path: Path) -> None:
    text = "Tổng kinh phí: 100,5 triệu đồng\n1. Văn phòng phẩm: 99,5 triệu đồng\n2. Nước uống: 0,5 triệu đồng\n"
    assert cause_of(mismatch(tmp_path, text)) == (
        "TOTAL_MISMATCH",
        1,
        "CAUSE_PART_TWICE",
        3,
        "Có thể mục 2 bị cộng hai lần: 100 + 0,5 = 100,5 triệu đồng.",
    )


def test_a_total_that_covers_one_of_three_parts(tmp_path: Path) -> None:
    text = (
        "Tổng kinh phí: 100 triệu đồng.\n"
        "1. Khoản A: 100 triệu đồng\n2. Khoản B: 200 triệu đồng\n3. Khoản C: 300 triệu đồng\n"
    )
    assert cause_of(mismatch(tmp_path, text)) == (
        "TOTAL_MISMATCH",
        1,
        "CAUSE_SUBSET",
        3,
        "Có thể tổng chỉ tính một phần các khoản: bỏ mục 2 và mục 3 thì cộng được đúng 100 triệu đồng.",
    )


def test_half_a_month_is_no_month_count(tmp_path: Path) -> None:
    # 10 is twice the product 5: no figure for "one month of 0,5"
    f = mismatch(tmp_path, "Khoản A: 0,5 tháng x 10 triệu đồng/tháng = 10 triệu đồng\n")
    assert (f.code, f.actual, f.cause) == ("PRODUCT_MISMATCH", Decimal(10), None)


def test_the_figure_patterns_on_their_own() -> None:
    # a figure equal to its computation, or a negative one, has no swapped digits
    assert transposed(Decimal(250), Decimal(250)) is False
    assert transposed(Decimal(-520), Decimal(-250)) is False
    assert transposed(Decimal(520), Decimal(250)) is True
    assert transposed(Decimal("0.52"), Decimal("0.25")) is True  # a figure under 1
    # a computed 1 slipped to a stated 10
    assert scale(Decimal(10), Decimal(1)) == Decimal(10)
    assert scale(Decimal(5), Decimal(0)) is None
    assert [decimal_places(Decimal(t)) for t in ("520", "5E+2", "5.25", "0.001")] == [0, 0, 2, 3]
    one = Phrase("PART_SECTION", {"number": "2"})
    assert joined([one]) is one


def test_a_line_without_a_label_is_named_by_the_first_40_characters_after_its_result(tmp_path: Path) -> None:
    text = (
        "KẾ HOẠCH\nTổng kinh phí: 60 triệu đồng\n"
        "2 lớp x 10 triệu đồng/lớp = 20 triệu đồng, thiết bị dạy học cho hai lớp học mới của trường\n"
        "- Mua sắm bàn ghế: 60 triệu đồng\n"
    )
    assert cause_of(mismatch(tmp_path, text)) == (
        "TOTAL_MISMATCH",
        2,
        "CAUSE_PART_LEFT_OUT",
        3,
        "Có thể bỏ sót dòng 3 (thiết bị dạy học cho hai lớp học mới của): 20 triệu đồng; cộng các khoản trừ "
        "khoản này được đúng 60 triệu đồng.",
    )


def test_a_yearly_rate_stated_for_one_month(tmp_path: Path) -> None:
    # no ``tháng`` factor: the twelve months of a year
    f = mismatch(tmp_path, "Khoản A: 2 người x 60 triệu đồng/người/năm = 10 triệu đồng\n")
    assert cause_of(f) == (
        "PRODUCT_MISMATCH",
        1,
        "CAUSE_MONTHLY_FOR_YEARLY",
        1,
        "Có thể ghi số của một tháng thay vì cả kỳ: 120 triệu đồng chia 12 được đúng 10 triệu đồng.",
    )


def test_parts_left_out_are_searched_among_20_parts_at_most(tmp_path: Path) -> None:
    # 1 + 2 + ... + 21 is 231; 190 leaves out 20 and 21, but 21 parts are too many to search
    parts = "".join(f"{k}. Khoản {k}: {k} triệu đồng\n" for k in range(1, 22))
    f = mismatch(tmp_path, "KẾ HOẠCH\nTổng kinh phí: 190 triệu đồng\n" + parts)
    assert cause_of(f) == (
        "TOTAL_MISMATCH",
        2,
        "CAUSE_OWN_FIGURE_TOP",
        2,
        "Các khoản bên trong tự khớp: nhiều khả năng ghi nhầm chính số 190 triệu đồng.",
    )


def test_a_lump_sum_after_a_computed_part_with_two_digits_swapped(tmp_path: Path) -> None:
    text = (
        "KẾ HOẠCH\nTổng kinh phí: 2.820 triệu đồng\n"
        "1. Khoản A: 2 lớp x 10 triệu đồng/lớp = 20 triệu đồng\n2. Khoản B: 2.080 triệu đồng\n"
    )
    assert cause_of(mismatch(tmp_path, text)) == (
        "TOTAL_MISMATCH",
        2,
        "CAUSE_PART_TRANSPOSED",
        4,
        "Có thể hai chữ số của mục 2 bị đảo (08 ↔ 80): ghi 2.080 thay vì 2.800 triệu đồng; với 2.800 triệu đồng "
        "thì cộng các khoản khớp.",
    )


def test_a_total_of_none_of_its_parts_is_no_partial_total(tmp_path: Path) -> None:
    # 0 leaves out all three parts: a partial total keeps one at least
    text = (
        "KẾ HOẠCH\nTổng kinh phí: 0 triệu đồng\n"
        "1. Khoản A: 10 triệu đồng\n2. Khoản B: 20 triệu đồng\n3. Khoản C: 40 triệu đồng\n"
    )
    assert cause_of(mismatch(tmp_path, text))[2] == "CAUSE_OWN_FIGURE_TOP"
