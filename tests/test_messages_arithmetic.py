"""The exact words of the arithmetic findings and their likely causes, in Vietnamese and English:
one small invented plan each, with the place, the figures and the cause's place asserted too."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from budget.findings import Finding, Severity
from tests.helpers import assert_message, check_text, only


def _at(f: Finding) -> tuple[Severity, int | None, int | None, Decimal | None, Decimal | None]:
    return f.severity, f.source.line, f.source.col, f.expected, f.actual


def _cause_at(f: Finding) -> tuple[int | None, int | None]:
    assert f.cause is not None and f.cause.source is not None
    return f.cause.source.line, f.cause.source.col


_TWO_ITEMS = "KẾ HOẠCH\n1. Chi hội nghị: 2 ngày x 1.000.000 đồng/ngày = 2.000.000 đồng.\n"


def test_total_missing(tmp_path: Path) -> None:
    r = check_text(tmp_path, _TWO_ITEMS + "2. Thuê xe: 4 chuyến x 2.500.000 đồng/chuyến = 10.000.000 đồng.\n")
    f = only(r.findings, "TOTAL_MISSING")
    assert (f.severity, f.source.line, f.source.col) == (Severity.INFO, 2, 18)
    assert_message(
        f,
        "TOTAL_MISSING",
        "Không thấy dòng tổng kinh phí; cộng các mục được 12.000.000 đồng.",
        en="No grand total found; the sections add up to 12,000,000 đồng.",
    )


def test_chain_restated_and_its_wrong_side(tmp_path: Path) -> None:
    line = "2. Thuê xe: 2.500.000 đồng x 4 = 10.000.000 đồng = 5.000.000 đồng x 2 = 11.000.000 đồng.\n"
    r = check_text(tmp_path, _TWO_ITEMS + line)
    f = only(r.findings, "CHAIN_RESTATED")
    assert (f.severity, f.source.line, f.source.col) == (Severity.INFO, 3, 13)
    assert_message(
        f,
        "CHAIN_RESTATED",
        "Các vế của “2.500.000 đồng x 4 = 10.000.000 đồng = 5.000.000 đồng x 2 = 11.000.000 đồng” là những cách "
        "tính lại cùng một kết quả (không phải các bước nối tiếp): mỗi vế được đối chiếu riêng với kết quả.",
        en="The sides of “2.500.000 đồng x 4 = 10.000.000 đồng = 5.000.000 đồng x 2 = 11.000.000 đồng” are ways "
        "of computing the same result again (not steps one after another): each side is checked against the "
        "result on its own.",
    )
    wrong = only(r.findings, "PRODUCT_MISMATCH")
    assert _at(wrong) == (Severity.ERROR, 3, 73, Decimal(10_000_000), Decimal(11_000_000))
    assert_message(
        wrong,
        "PRODUCT_MISMATCH",
        "Phép nhân không khớp: 2.500.000 × 4 = 10.000.000 đồng, nhưng văn bản ghi 11.000.000 đồng "
        "(chênh lệch 1.000.000 đồng).",
        en="Product does not match: 2,500,000 × 4 = 10,000,000 đồng, but the document states 11,000,000 đồng "
        "(difference 1,000,000 đồng).",
    )


def test_a_wrong_step_of_a_chain_is_named_at_its_step(tmp_path: Path) -> None:
    text = (
        "KẾ HOẠCH\nIII. KINH PHÍ\n"
        "1. Bồi dưỡng: 27 người x 5 triệu đồng/người/năm = 136 triệu đồng/năm x 5 năm = 680 triệu đồng.\n"
    )
    r = check_text(tmp_path, text)
    f = only(r.findings, "PRODUCT_MISMATCH")
    assert _at(f) == (Severity.ERROR, 3, 51, Decimal(135), Decimal(136))  # the first step; the second agrees
    assert_message(
        f,
        "PRODUCT_MISMATCH",
        "Phép nhân không khớp: 27 × 5 = 135 triệu đồng, nhưng văn bản ghi 136 triệu đồng (chênh lệch 1 triệu đồng).",
        en="Product does not match: 27 × 5 = 135 triệu đồng, but the document states 136 triệu đồng "
        "(difference 1 triệu đồng).",
    )
    assert f.cause is not None and f.cause.source is None
    assert_message(
        f.cause,
        "CAUSE_SOME_FACTOR",
        "Kết quả ghi 136 triệu đồng khớp với bước sau của chuỗi phép tính, nên nhiều khả năng sai ở một thừa số.",
        en="The stated result 136 triệu đồng matches the next step of the chain, so most likely a factor is wrong.",
    )


def test_a_number_read_by_the_arithmetic(tmp_path: Path) -> None:
    r = check_text(tmp_path, "KẾ HOẠCH\nIII. KINH PHÍ\n1. Hội nghị: 10 người x 66,000 đồng/người = 660.000 đồng\n")
    assert [f.code for f in r.findings if f.is_error] == []  # 66,000 read as 66.000: a note, not an error
    f = only(r.findings, "NUMBER_READ_BY_ARITHMETIC")
    assert (f.severity, f.source.line, f.source.col) == (Severity.INFO, 3, 25)
    assert_message(
        f,
        "NUMBER_READ_BY_ARITHMETIC",
        "Đọc “66,000” là 66.000 (không phải 66) vì với cách đọc này mọi phép tính của dòng đều khớp.",
        en="Read “66,000” as 66,000 (not 66) because under this reading every step of the line agrees.",
    )


def test_a_result_with_no_unit(tmp_path: Path) -> None:
    r = check_text(tmp_path, "KẾ HOẠCH\nIII. KINH PHÍ\n1. Hội nghị: 10 người x 2 triệu đồng/người = 20\n")
    assert [f.code for f in r.findings] == ["RESULT_NO_UNIT"]  # a warning, not a total mismatch
    f = r.findings[0]
    assert (f.severity, f.source.line, f.source.col) == (Severity.WARNING, 3, 46)
    assert_message(
        f,
        "RESULT_NO_UNIT",
        "Kết quả 20 không ghi đơn vị tiền; đã coi là triệu đồng theo thừa số tiền của dòng.",
        en="The result 20 has no money unit; taken as triệu đồng, the unit of the line's money factor.",
    )


def test_no_money_factor(tmp_path: Path) -> None:
    r = check_text(tmp_path, "KẾ HOẠCH\nIII. KINH PHÍ\n1. Hội nghị: 10 người x 2 ngày = 20 triệu đồng\n")
    f = only(r.findings, "NO_MONEY_FACTOR")
    assert (f.severity, f.source.line, f.source.col) == (Severity.WARNING, 3, 14)
    assert_message(
        f,
        "NO_MONEY_FACTOR",
        "Không thừa số nào mang đơn vị tiền; đã coi tích các thừa số có cùng đơn vị với kết quả (triệu đồng).",
        en="No factor carries a money unit; the product was taken in the result's unit (triệu đồng).",
    )
    assert only(r.findings, "UNIT_NOT_MONEY").is_error


def test_total_within_rounding_is_a_warning(tmp_path: Path) -> None:
    text = (
        "KẾ HOẠCH\nIII. KINH PHÍ THỰC HIỆN\n1. Tập huấn: 20 triệu đồng\n"
        "a) Giảng viên: 4 người x 2 triệu đồng/người = 8 triệu đồng\n"
        "b) Học viên: 60 người x 0,2 triệu đồng/người = 12 triệu đồng\n"
        "2. Tuyên truyền: 130 triệu đồng\nTổng kinh phí: 151 triệu đồng\n"
    )
    r = check_text(tmp_path, text)
    assert [f.code for f in r.findings] == ["TOTAL_ROUNDING"]
    f = r.findings[0]
    assert _at(f) == (Severity.WARNING, 7, 16, Decimal(150), Decimal(151))
    assert_message(
        f,
        "TOTAL_ROUNDING",
        "Tổng kinh phí ghi 151 triệu đồng, cộng các mục được 150 triệu đồng (chênh 1 triệu đồng), trong phạm vi làm "
        "tròn ± 1 triệu đồng của số ghi và 1 khoản ghi số tròn; không phải lỗi cộng nếu các số được làm tròn.",
        en="The grand total states 151 triệu đồng, the sections add up to 150 triệu đồng (difference 1 triệu đồng), "
        "within the ± 1 triệu đồng rounding of the stated figure and 1 rounded item; not an addition error if the "
        "figures were rounded.",
    )


def test_a_section_with_no_figure_keeps_the_rounding_of_its_items(tmp_path: Path) -> None:
    text = (
        "KẾ HOẠCH\nIII. KINH PHÍ THỰC HIỆN\n1. Tập huấn\na) Hội trường: 120 triệu đồng\nb) Tài liệu: 130 triệu đồng\n"
        "2. Tuyên truyền: 130 triệu đồng\nTổng kinh phí: {total} triệu đồng\n"
    )
    # 382 against 380: within ± 2 (half a triệu for the total and for each of the three rounded figures)
    r = check_text(tmp_path, text.format(total=382))
    assert [f.code for f in r.findings] == ["TOTAL_ROUNDING"]
    assert _at(r.findings[0]) == (Severity.WARNING, 7, 16, Decimal(380), Decimal(382))
    assert_message(
        r.findings[0],
        "TOTAL_ROUNDING",
        "Tổng kinh phí ghi 382 triệu đồng, cộng các mục được 380 triệu đồng (chênh 2 triệu đồng), trong phạm vi làm "
        "tròn ± 2 triệu đồng của số ghi và 2 khoản ghi số tròn; không phải lỗi cộng nếu các số được làm tròn.",
        en="The grand total states 382 triệu đồng, the sections add up to 380 triệu đồng (difference 2 triệu đồng), "
        "within the ± 2 triệu đồng rounding of the stated figure and 2 rounded items; not an addition error if the "
        "figures were rounded.",
    )
    wrong = check_text(tmp_path, text.format(total=383))
    assert [(f.code, f.severity) for f in wrong.findings] == [("TOTAL_MISMATCH", Severity.ERROR)]


def test_section_within_rounding_is_a_warning(tmp_path: Path) -> None:
    text = (
        "NGHỊ QUYẾT\nĐiều 2. Phân bổ dự toán\nTổng dự toán chi: 7.432 triệu đồng, gồm:\n"
        "- Chi đầu tư phát triển: 2.000 triệu đồng\n"
        "- Chi thường xuyên chưa phân bổ: 5.432 triệu đồng; bao gồm:\n"
        "+ Kinh phí sự nghiệp giáo dục: 1.201 triệu đồng\n+ Kinh phí sự nghiệp y tế: 3.100 triệu đồng\n"
        "+ Kinh phí quản lý hành chính: 1.130 triệu đồng\n"
    )
    f = only(check_text(tmp_path, text).findings, "SECTION_SUM_ROUNDING")
    assert _at(f) == (Severity.WARNING, 5, 34, Decimal(5431), Decimal(5432))
    assert_message(
        f,
        "SECTION_SUM_ROUNDING",
        "Mục “Chi thường xuyên chưa phân bổ”: cộng các khoản được 5.431 triệu đồng, mục ghi 5.432 triệu đồng "
        "(chênh 1 triệu đồng), trong phạm vi làm tròn ± 2 triệu đồng của số ghi và 3 khoản ghi số tròn; không phải "
        "lỗi cộng nếu các số được làm tròn.",
        en="Section “Chi thường xuyên chưa phân bổ”: its items add up to 5,431 triệu đồng, the section states "
        "5,432 triệu đồng (difference 1 triệu đồng), within the ± 2 triệu đồng rounding of the stated figure and "
        "3 rounded items; not an addition error if the figures were rounded.",
    )


_SHARES = (
    "III. KINH PHÍ THỰC HIỆN: {total} triệu đồng\n1. Sửa chữa phòng học: 820 triệu đồng\n"
    "2. Mua bàn ghế học sinh: 414 triệu đồng\n3. Chi phí dự phòng (5%): {share} triệu đồng\n"
)


def test_a_share_names_its_base_figure(tmp_path: Path) -> None:
    correct = check_text(tmp_path, _SHARES.format(total="1.296", share="62"))  # 5% of 1.234 is 61,7: 62 rounded
    assert [f.code for f in correct.findings] == []
    r = check_text(tmp_path, _SHARES.format(total="1.297", share="63"))
    f = only(r.findings, "SHARE_MISMATCH")
    assert _at(f) == (Severity.ERROR, 4, 27, Decimal("61.7"), Decimal(63))
    assert f.args["base"] == Decimal(1234)
    assert_message(
        f,
        "SHARE_MISMATCH",
        "Khoản “Chi phí dự phòng (5%)” ghi 63 triệu đồng, nhưng 5% của các khoản còn lại (1.234 triệu đồng) là "
        "61,7 triệu đồng.",
        en="Item “Chi phí dự phòng (5%)” states 63 triệu đồng, but 5% of the other items (1,234 triệu đồng) is "
        "61.7 triệu đồng.",
    )


def _one_error(tmp_path: Path, text: str) -> Finding:
    errors = [f for f in check_text(tmp_path, text).findings if f.is_error]
    assert len(errors) == 1, [f.message for f in errors]
    return errors[0]


def test_scale_slip_by_a_thousand(tmp_path: Path) -> None:
    f = _one_error(tmp_path, "Khoản A: 25 người x 100.000 đồng/người = 2.500.000.000 đồng\n")
    assert _at(f) == (Severity.ERROR, 1, 42, Decimal(2_500_000), Decimal(2_500_000_000))
    assert_message(
        f,
        "PRODUCT_MISMATCH",
        "Phép nhân không khớp: 25 × 100.000 = 2.500.000 đồng, nhưng văn bản ghi 2.500.000.000 đồng "
        "(chênh lệch 2.497.500.000 đồng).",
        en="Product does not match: 25 × 100,000 = 2,500,000 đồng, but the document states 2,500,000,000 đồng "
        "(difference 2,497,500,000 đồng).",
    )
    assert f.cause is not None and _cause_at(f) == (1, 42)
    assert_message(
        f.cause,
        "CAUSE_SCALE_SLIP",
        "Có thể nhầm dấu thập phân hoặc đơn vị: ghi 2.500.000.000 đồng, gấp 1.000 lần số tính được 2.500.000 đồng.",
        en="Perhaps a decimal point or unit slip: 2,500,000,000 đồng is 1,000 times the computed 2,500,000 đồng.",
    )


def test_transposed_digits_of_a_total(tmp_path: Path) -> None:
    text = (
        "Tổng kinh phí: 1.405 triệu đồng.\n1. Đào tạo: 1.000 triệu đồng\n"
        "- Giáo viên: 100 người x 10 triệu đồng/người = 1.000 triệu đồng\n2. Hội nghị: 450 triệu đồng\n"
        "- Hội nghị: 9 cuộc x 50 triệu đồng/cuộc = 450 triệu đồng\n"
    )
    f = _one_error(tmp_path, text)
    assert _at(f) == (Severity.ERROR, 1, 16, Decimal(1450), Decimal(1405))
    assert_message(
        f,
        "TOTAL_MISMATCH",
        "Tổng kinh phí ghi 1.405 triệu đồng, nhưng cộng các mục được 1.450 triệu đồng (chênh lệch -45 triệu đồng).",
        en="The grand total states 1,405 triệu đồng, but the sections add up to 1,450 triệu đồng "
        "(difference -45 triệu đồng).",
    )
    assert f.cause is not None and _cause_at(f) == (1, 16)
    assert_message(
        f.cause,
        "CAUSE_TRANSPOSED",
        "Có thể hai chữ số bị đảo (05 ↔ 50): 1.405 thay vì 1.450 triệu đồng.",
        en="Perhaps two digits were swapped (05 ↔ 50): 1,405 instead of 1,450 triệu đồng.",
    )


def test_part_left_out(tmp_path: Path) -> None:
    text = (
        "Tổng kinh phí: 800 triệu đồng.\n1. Đào tạo: 300 triệu đồng\n"
        "- Giáo viên: 30 người x 10 triệu đồng/người = 300 triệu đồng\n"
        "- Nhân viên: 20 người x 10 triệu đồng/người = 200 triệu đồng\n2. Hội nghị: 500 triệu đồng\n"
        "- Hội nghị: 10 cuộc x 50 triệu đồng/cuộc = 500 triệu đồng\n"
    )
    f = _one_error(tmp_path, text)
    assert _at(f) == (Severity.ERROR, 2, 13, Decimal(500), Decimal(300))
    assert f.cause is not None and _cause_at(f) == (4, 47)
    assert_message(
        f.cause,
        "CAUSE_PART_LEFT_OUT",
        "Có thể bỏ sót dòng 4 (Nhân viên): 200 triệu đồng; cộng các khoản trừ khoản này được đúng 300 triệu đồng.",
        en="Perhaps line 4 (Nhân viên) was left out: 200 triệu đồng; the items without it add up to exactly "
        "300 triệu đồng.",
    )


def test_part_counted_twice(tmp_path: Path) -> None:
    text = (
        "Tổng kinh phí: 2.000 triệu đồng.\n1. Đào tạo: 1.000 triệu đồng\n"
        "- Giáo viên: 30 người x 10 triệu đồng/người = 300 triệu đồng\n"
        "- Nhân viên: 70 người x 10 triệu đồng/người = 700 triệu đồng\n2. Hội nghị: 500 triệu đồng\n"
        "- Hội nghị: 10 cuộc x 50 triệu đồng/cuộc = 500 triệu đồng\n"
    )
    f = _one_error(tmp_path, text)
    assert _at(f) == (Severity.ERROR, 1, 16, Decimal(1500), Decimal(2000))
    assert f.cause is not None and _cause_at(f) == (5, 14)
    assert_message(
        f.cause,
        "CAUSE_PART_TWICE",
        "Có thể mục 2 bị cộng hai lần: 1.500 + 500 = 2.000 triệu đồng.",
        en="Perhaps section 2 was counted twice: 1,500 + 500 = 2,000 triệu đồng.",
    )


def test_monthly_figure_for_the_whole_period(tmp_path: Path) -> None:
    f = _one_error(tmp_path, "Thuê xe: 2 xe x 6 tháng x 5 triệu đồng/xe/tháng = 10 triệu đồng\n")
    assert _at(f) == (Severity.ERROR, 1, 51, Decimal(60), Decimal(10))
    assert f.cause is not None and _cause_at(f) == (1, 51)
    assert_message(
        f.cause,
        "CAUSE_MONTHLY_FOR_YEARLY",
        "Có thể ghi số của một tháng thay vì cả kỳ: 60 triệu đồng chia 6 được đúng 10 triệu đồng.",
        en="Perhaps a monthly figure where the whole period is due: 60 triệu đồng divided by 6 is exactly "
        "10 triệu đồng.",
    )


def test_total_of_only_some_parts(tmp_path: Path) -> None:
    text = (
        "Tổng kinh phí: 400 triệu đồng.\n1. Khoản A: 100 triệu đồng\n2. Khoản B: 200 triệu đồng\n"
        "3. Khoản C: 300 triệu đồng\n4. Khoản D: 400 triệu đồng\n"
    )
    f = _one_error(tmp_path, text)
    assert _at(f) == (Severity.ERROR, 1, 16, Decimal(1000), Decimal(400))
    assert f.cause is not None and _cause_at(f) == (3, 13)
    assert_message(
        f.cause,
        "CAUSE_SUBSET",
        "Có thể tổng chỉ tính một phần các khoản: bỏ mục 2 và mục 4 thì cộng được đúng 400 triệu đồng.",
        en="Perhaps the total covers only some items: without section 2 and section 4 they add up to exactly "
        "400 triệu đồng.",
    )


def test_a_child_section_explains_the_total(tmp_path: Path) -> None:
    text = (
        "Tổng kinh phí: 1.500 triệu đồng.\n1. Đào tạo: 1.100 triệu đồng\n"
        "- Giáo viên: 30 người x 10 triệu đồng/người = 300 triệu đồng\n"
        "- Nhân viên: 70 người x 10 triệu đồng/người = 700 triệu đồng\n2. Hội nghị: 500 triệu đồng\n"
        "- Hội nghị: 10 cuộc x 50 triệu đồng/cuộc = 500 triệu đồng\n"
    )
    r = check_text(tmp_path, text)
    total = only(r.findings, "TOTAL_MISMATCH")
    assert _at(total) == (Severity.ERROR, 1, 16, Decimal(1600), Decimal(1500))
    assert total.cause is not None and total.cause.source is not None and total.cause.source.line == 2
    assert_message(
        total.cause,
        "CAUSE_CHILD_SECTION",
        "Nhiều khả năng do mục 1: ghi 1.100 triệu đồng nhưng cộng các khoản bên trong được 1.000 triệu đồng; "
        "với 1.000 triệu đồng thì tổng khớp.",
        en="Most likely section 1: it states 1,100 triệu đồng but its items add up to 1,000 triệu đồng; "
        "with 1,000 triệu đồng the sum matches.",
    )


_LUMP = (
    "KẾ HOẠCH\nTổng kinh phí: 95.300 nghìn đồng, gồm:\n1. Chi chuyên môn: 95.300 nghìn đồng\n"
    "- Văn phòng phẩm: {lump} nghìn đồng\n- Tập huấn: 120 nghìn đồng/người x 780 người = 93.600 nghìn đồng\n"
)


def test_a_lump_sum_with_swapped_digits_or_a_slipped_decimal(tmp_path: Path) -> None:
    f = _one_error(tmp_path, _LUMP.format(lump="1.070"))
    assert _at(f) == (Severity.ERROR, 3, 20, Decimal(94670), Decimal(95300))
    assert f.cause is not None and _cause_at(f) == (4, 19)
    assert_message(
        f.cause,
        "CAUSE_PART_TRANSPOSED",
        "Có thể hai chữ số của mục “Văn phòng phẩm” bị đảo (07 ↔ 70): ghi 1.070 thay vì 1.700 nghìn đồng; với "
        "1.700 nghìn đồng thì cộng các khoản khớp.",
        en="Perhaps two digits of section “Văn phòng phẩm” were swapped (07 ↔ 70): 1,070 instead of 1,700 nghìn "
        "đồng, with which the items add up.",
    )
    f = _one_error(tmp_path, _LUMP.format(lump="170"))
    assert _at(f) == (Severity.ERROR, 3, 20, Decimal(93770), Decimal(95300))
    assert f.cause is not None and _cause_at(f) == (4, 19)
    assert_message(
        f.cause,
        "CAUSE_PART_SCALE_SLIP",
        "Có thể mục “Văn phòng phẩm” bị ghi lệch dấu thập phân: 170 thay vì 1.700 nghìn đồng; với 1.700 nghìn "
        "đồng thì cộng các khoản khớp.",
        en="Perhaps section “Văn phòng phẩm” slipped a decimal place: 170 instead of 1,700 nghìn đồng, with which "
        "the items add up.",
    )


def test_the_one_figure_without_a_computation(tmp_path: Path) -> None:
    text = (
        "KẾ HOẠCH\nTổng kinh phí: 8.350 nghìn đồng, gồm:\n1. Chi A: 2.000 nghìn đồng\n"
        "- Thuê xe: 4 chuyến x 500 nghìn đồng/chuyến = 2.000 nghìn đồng\n2. Chi B: 6.350 nghìn đồng\n"
        "- In tài liệu: 5.450 nghìn đồng\n- Tiền ăn: 240 nghìn đồng/tháng x 5 tháng = 1.200 nghìn đồng\n"
    )
    f = _one_error(tmp_path, text)
    assert _at(f) == (Severity.ERROR, 5, 11, Decimal(6650), Decimal(6350))
    assert f.cause is not None and _cause_at(f) == (6, 16)
    assert_message(
        f.cause,
        "CAUSE_LUMP_FIGURE",
        "Tổng mục khớp với cấp trên và các phép tính bên trong đều đúng; số duy nhất không có phép tính là mục "
        "“In tài liệu” (5.450 nghìn đồng), nhiều khả năng ghi sai: cần 5.150 nghìn đồng thì cộng các khoản khớp.",
        en="The section agrees with the level above and its computations are right; the only figure with no "
        "computation, section “In tài liệu” (5,450 nghìn đồng), is the likely slip: 5,150 nghìn đồng would make "
        "the items add up.",
    )


def test_a_difference_or_a_quotient_is_named_a_computation_and_shown_as_written(tmp_path: Path) -> None:
    report = check_text(
        tmp_path,
        "KẾ HOẠCH\n- Khoản A: 300.000 đồng trừ đi 50.000 đồng = 260.000 đồng\n"
        "- Khoản B: 480 triệu đồng : 12 tháng = 45 triệu đồng\n",
    )
    a, b = [f for f in report.findings if f.code == "PRODUCT_MISMATCH"]
    assert (a.source.line, a.expected, a.actual) == (2, Decimal(250_000), Decimal(260_000))
    assert_message(
        a,
        "PRODUCT_MISMATCH",
        "Phép tính không khớp: 300.000 đồng trừ đi 50.000 đồng = 250.000 đồng, nhưng văn bản ghi 260.000 đồng "
        "(chênh lệch 10.000 đồng).",
        en="Computation does not match: 300.000 đồng trừ đi 50.000 đồng = 250,000 đồng, but the document states "
        "260,000 đồng (difference 10,000 đồng).",
    )
    assert_message(
        b,
        "PRODUCT_MISMATCH",
        "Phép tính không khớp: 480 triệu đồng : 12 tháng = 40 triệu đồng, nhưng văn bản ghi 45 triệu đồng "
        "(chênh lệch 5 triệu đồng).",
    )
