"""The resolve stage: a number's other reading is taken only when the arithmetic then agrees.

``66,000`` is 66 in Vietnamese convention but may be 66.000 in English grouping; ``1.015``
is 1015 but may be 1,015 where the document uses dots as decimal marks. Each plan is our
own, small, and asserts what the officer reads: the note, or the error when no reading fits.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from budget.findings import Severity
from budget.messages import render
from budget.resolve import Conventions, conventions
from tests.helpers import check_text, findings_said


def test_english_grouping_read_by_the_arithmetic(tmp_path: Path) -> None:
    r = check_text(tmp_path, "- Ăn trưa: 10 người x 66,000 đồng/người = 660.000 đồng\n")
    assert findings_said(r) == [
        (
            "NUMBER_READ_BY_ARITHMETIC",
            "info",
            1,
            "Đọc “66,000” là 66.000 (không phải 66) vì với cách đọc này mọi phép tính của dòng đều khớp.",
        )
    ]
    (f,) = r.findings
    assert (f.source.col, f.args["value"], f.args["preferred"]) == (23, Decimal(66_000), Decimal(66))
    assert render(f.code, f.args, "en").startswith("Read “66,000” as 66,000 (not 66)")
    assert [(x.stated, x.computed, x.ok) for x in r.evaluation.lines()] == [(Decimal(660_000), Decimal(660_000), True)]


def test_a_document_with_decimal_commas_keeps_66_comma_000_as_66(tmp_path: Path) -> None:
    # ``2,5 nghìn`` shows the comma is this document's decimal mark: 66,000 is 66, the product is wrong
    text = (
        "Tổng kinh phí: 662,5 nghìn đồng\n"
        "- Ăn trưa: 10 người x 66,000 đồng/người = 660.000 đồng\n"
        "- Nước uống: 2,5 nghìn đồng\n"
    )
    r = check_text(tmp_path, text)
    errors = [f for f in r.findings if f.severity is Severity.ERROR]
    assert [(f.code, f.source.line, f.expected, f.actual) for f in errors] == [
        ("PRODUCT_MISMATCH", 2, Decimal(660), Decimal(660_000))
    ]
    assert "NUMBER_READ_BY_ARITHMETIC" not in [f.code for f in r.findings]
    # the stated result is 1.000 times the product: a scale slip, said so
    (f,) = errors
    assert f.cause is not None and (f.cause.code, f.cause.message) == (
        "CAUSE_SCALE_SLIP",
        "Có thể nhầm dấu thập phân hoặc đơn vị: ghi 660.000 đồng, gấp 1.000 lần số tính được 660 đồng.",
    )


def test_a_dot_read_as_decimal_mark_only_where_the_document_writes_one(tmp_path: Path) -> None:
    line = "- Nhiên liệu: 2 lít x 1.015 nghìn đồng/lít = 2,03 nghìn đồng\n"
    r = check_text(tmp_path, "Chiều dài tuyến: 9.88 km\n" + line)
    assert findings_said(r) == [
        (
            "NUMBER_READ_BY_ARITHMETIC",
            "info",
            2,
            "Đọc “1.015” là 1,015 (không phải 1.015) vì với cách đọc này mọi phép tính của dòng đều khớp.",
        )
    ]
    # without a dot-decimal figure elsewhere, 1.015 is one thousand and fifteen: the product is wrong
    r = check_text(tmp_path, line)
    assert [(f.code, f.expected, f.actual) for f in r.findings if f.severity is Severity.ERROR] == [
        ("PRODUCT_MISMATCH", Decimal("2030"), Decimal("2.03"))
    ]


def test_a_line_that_agrees_as_read_is_not_reread(tmp_path: Path) -> None:
    # 2 x 1.015 = 2.030 as written: no other reading is tried, no note
    r = check_text(tmp_path, "Chiều dài tuyến: 9.88 km\n- Nhiên liệu: 2 lít x 1.015 đồng/lít = 2.030 đồng\n")
    assert findings_said(r) == []


def test_a_chain_is_reread_as_a_whole(tmp_path: Path) -> None:
    r = check_text(tmp_path, "- Ăn trưa: 10 người x 66,000 đồng/người x 2 ngày = 1.320.000 đồng\n")
    assert [(f.code, f.args["value"]) for f in r.findings if f.code == "NUMBER_READ_BY_ARITHMETIC"] == [
        ("NUMBER_READ_BY_ARITHMETIC", Decimal(66_000))
    ]
    assert [f for f in r.findings if f.severity is Severity.ERROR] == []


def test_no_reading_that_agrees_leaves_the_line_as_read(tmp_path: Path) -> None:
    r = check_text(tmp_path, "- Ăn trưa: 10 người x 66,000 đồng/người = 650.000 đồng\n")
    assert findings_said(r) == [
        (
            "NUMBER_AMBIGUOUS",
            "warning",
            1,
            "Số “66,000” có thể là 66.000 nếu dấu phẩy ngăn cách hàng nghìn; đã đọc theo quy ước Việt Nam là 66.",
        ),
        (
            "PRODUCT_MISMATCH",
            "error",
            1,
            "Phép nhân không khớp: 10 × 66 = 660 đồng, nhưng văn bản ghi 650.000 đồng (chênh lệch 649.340 đồng).",
        ),
    ]


def test_conventions_of_a_document() -> None:
    assert conventions(["Tổng: 1.617,352 tỷ đồng"]) == Conventions(decimal_comma=True, dot_decimal=False)
    assert conventions(["Hệ số 2,5", "dài 9.88 km"]) == Conventions(decimal_comma=True, dot_decimal=True)
    assert conventions(["46.375 đồng", "66,000 đồng", "1.015"]) == Conventions(decimal_comma=False, dot_decimal=False)
    assert conventions([]) == Conventions(decimal_comma=False, dot_decimal=False)


def test_a_line_with_a_number_left_aside_is_unread_when_it_disagrees(tmp_path: Path) -> None:
    # ``(04 đợt)`` may be a factor: 80.000 x 3 = 240.000 is not what is written, so which is meant is unknown
    text = "- Thuê hội trường (04 đợt): 80.000 đồng/đợt x 3 đợt = {r} đồng\n"
    r = check_text(tmp_path, text.format(r="250.000"))
    assert [(f.code, f.severity.value) for f in r.findings] == [("COSTLINE_LOOSE", "warning")]
    assert [line.line.unread for line in r.evaluation.lines()] == ["loose"]
    # as written it agrees: judged, and right
    r = check_text(tmp_path, text.format(r="240.000"))
    assert findings_said(r) == []
    assert [(x.stated, x.ok, x.line.unread) for x in r.evaluation.lines()] == [(Decimal(240_000), True, "")]


def test_at_most_four_ambiguous_numbers_of_a_line_are_reread(tmp_path: Path) -> None:
    # only the fifth number's other reading (2.500 as 2,5: the document writes 9.88) makes it agree,
    # and the search stops at four: the line stays as read, wrong
    r = check_text(tmp_path, "Chiều dài 9.88 km\nGhi chú: 1,000 x 1,000 x 1,000 x 1,000 x 2.500 đồng = 2.5 đồng\n")
    assert [f.code for f in r.findings] == ["NUMBER_AMBIGUOUS"] * 5 + ["PRODUCT_MISMATCH"]
    assert r.findings[-1].message == (
        "Phép nhân không khớp: 1 × 1 × 1 × 1 × 2.500 = 2.500 đồng, nhưng văn bản ghi 2,5 đồng "
        "(chênh lệch -2.497,5 đồng)."
    )
