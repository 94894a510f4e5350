"""The cost-line grammar on the real lines of plan 267/KH-UBND and on crafted variants."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from budget.costline import parse_cost_line
from budget.numbers import format_vn
from budget.source import Source
from budget.text import clean_line
from budget.units import NGHIN, TRIEU


def parse(text: str):  # type: ignore[no-untyped-def]
    line, findings = parse_cost_line(Source("t.txt", 1, None, None, clean_line(text)))
    return line, findings


def values(line) -> list[Decimal]:  # type: ignore[no-untyped-def]
    return [f.value for f in line.factors]


def test_simple_line_with_label_and_units() -> None:
    line, findings = parse(
        "- Cán bộ quản lý đương chức: 300 người x 1,0 triệu đồng/người/năm x 5 năm = 1.500 triệu đồng."
    )
    assert findings == []
    assert line.label == "Cán bộ quản lý đương chức"
    assert values(line) == [Decimal("300"), Decimal("1.0"), Decimal("5")]
    assert [f.unit_text for f in line.factors] == ["người", "triệu đồng/người/năm", "năm"]
    assert [f.money for f in line.factors] == [None, TRIEU, None]
    assert line.stated.value == Decimal("1500")
    assert line.stated.unit_text == "triệu đồng"
    assert line.stated.money == TRIEU
    assert line.factors[0].source.col == 30


def test_prefix_and_note_are_not_factors() -> None:
    line, _ = parse(
        "- Đào tạo nâng chuẩn cho cán bộ, GV: TB 300 người/năm x 5 năm x 5 triệu đồng/năm "
        "(hỗ trợ 50% kinh phí NSNN cho người đi học) = 7.500 triệu đồng."
    )
    assert line.prefix == "TB"
    assert line.label == "Đào tạo nâng chuẩn cho cán bộ, GV"
    assert values(line) == [Decimal(300), Decimal(5), Decimal(5)]
    assert line.notes == ("hỗ trợ 50% kinh phí NSNN cho người đi học",)
    assert line.stated.value == Decimal(7500)


def test_chain_has_one_step_per_equals_sign() -> None:
    line, _ = parse(
        "- Bồi dưỡng Chứng chỉ sư phạm dạy nghề (cán bộ quản lý của Trung tâm theo Quy định): "
        "15 người x 3 chứng chỉ x 3,0 triệu đồng/ chứng chỉ khóa, học = 135 triệu đồng x 5 năm = 675 triệu đồng."
    )
    assert [len(s.factors) for s in line.steps] == [3, 1]
    assert [s.stated.value for s in line.steps] == [Decimal(135), Decimal(675)]
    assert line.steps[0].factors[2].unit_text == "triệu đồng/ chứng chỉ khóa, học"
    assert line.steps[1].factors[0].unit_text == "năm"
    assert line.notes == ()
    assert line.label == "Bồi dưỡng Chứng chỉ sư phạm dạy nghề (cán bộ quản lý của Trung tâm theo Quy định)"


def test_text_after_result_is_tail_not_unit() -> None:
    line, _ = parse("Dự kiến 50 triệu/năm x 5 năm = 250 triệu đồng dùng cho các việc khảo sát lấy số liệu")
    assert line.label == "Dự kiến"
    assert line.factors[0].money == TRIEU
    assert line.factors[0].unit_text == "triệu/năm"
    assert line.stated.unit_text == "triệu đồng"
    assert line.tail == "dùng cho các việc khảo sát lấy số liệu"


@pytest.mark.parametrize("sign", ["x", "X", "×", "*"])
def test_every_multiplication_sign(sign: str) -> None:
    line, _ = parse(f"Giáo viên: 200 người {sign} 1,5 triệu đồng/người/năm {sign} 5 năm = 1.500 triệu đồng")
    assert values(line) == [Decimal(200), Decimal("1.5"), Decimal(5)]


def test_glued_sign_and_dong_symbol() -> None:
    line, _ = parse("Phụ cấp: 3000đ/h x22 ngày = 66.000đ")
    assert values(line) == [Decimal(3000), Decimal(22)]
    assert line.stated.value == Decimal(66000)
    assert line.factors[0].unit_text == "đ/h"


def test_thousand_dong_factor_against_million_result() -> None:
    line, _ = parse("Nước uống: 40 người x 20 nghìn đồng/người x 25 buổi = 20 triệu đồng")
    assert line.factors[1].money == NGHIN
    assert line.stated.money == TRIEU


def test_percent_factor() -> None:
    line, _ = parse("Hỗ trợ học phí: 200 người x 5 triệu đồng x 70% = 700 triệu đồng")
    assert line.factors[2].percent
    assert line.factors[2].value == Decimal(70)


@pytest.mark.parametrize(
    "text",
    [
        "Căn cứ Kết luận số 51-KL/TW ngày 30/5/2019 của Ban Bí thư",
        "Thông tư 32/2018/TT-BGDĐT ngày 26/12/2018 của Bộ GDĐT",
        "giai đoạn 2020 - 2025, phấn đấu 100% xã đạt chuẩn",
        "tỷ lệ lao động qua đào tạo từ 75 - 80%; 70% vào trung học phổ thông",
        "Thực hiện lộ trình x năm 2025 cho 100% trường",
        "đánh giá theo công thức A = B",
    ],
)
def test_prose_is_not_a_cost_line(text: str) -> None:
    line, findings = parse(text)
    assert line is None
    assert findings == []


def test_unreadable_shape_is_reported_not_dropped() -> None:
    line, findings = parse("Kinh phí: 5 lớp x 12.34.5 triệu = 300 triệu đồng")
    assert line is None
    assert [f.code for f in findings] == ["COSTLINE_UNREADABLE"]
    assert findings[0].source.col == 19


def test_ambiguous_factor_is_warned_with_its_column() -> None:
    line, findings = parse("Tập huấn: 1.5 triệu đồng/người x 100 người = 150 triệu đồng")
    assert line is not None
    assert line.factors[0].value == Decimal("1.5")
    assert [(f.code, f.source.col) for f in findings] == [("NUMBER_AMBIGUOUS", 11)]
    assert findings[0].message == (
        "Số “1.5” dùng dấu chấm làm dấu thập phân; đã đọc là 1,5 "
        "(theo quy ước Việt Nam, dấu chấm ngăn cách hàng nghìn)."
    )


counts = st.integers(min_value=1, max_value=5000)
rates = st.decimals(min_value=Decimal("0.1"), max_value=Decimal(1000), places=1)


@given(counts, rates, st.integers(min_value=1, max_value=10), st.sampled_from(["x", "×", "X", "*"]))
def test_generated_lines_read_back(n: int, rate: Decimal, years: int, sign: str) -> None:
    stated = n * rate * years
    text = (
        f"- Hỗ trợ: {format_vn(Decimal(n))} người {sign} {format_vn(rate)} triệu đồng/người/năm "
        f"{sign} {years} năm = {format_vn(stated)} triệu đồng."
    )
    line, findings = parse(text)
    assert [f for f in findings if f.code != "NUMBER_AMBIGUOUS"] == []
    assert values(line) == [n, rate, years]
    assert line.stated.value == stated
