"""The layered reader on documents of our own shapes: items anywhere, outline, expressions, coverage.

Each case is a small plan written for the test (not a copy of the corpus); each asserts
the exact lines, sums and findings the reader must give.
"""

from __future__ import annotations

import time
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from budget.api import Report, check_file
from budget.evaluate import LineResult, SectionResult
from budget.numbers import format_vn


def check(tmp_path: Path, text: str, name: str = "p.txt") -> Report:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return check_file(path)


def lines(report: Report) -> list[tuple[int | None, Decimal, Decimal, bool]]:
    return [(r.line.stated.source.line, r.stated, r.computed, r.ok) for r in report.evaluation.lines()]


def sums(report: Report) -> list[tuple[str, Decimal | None, Decimal | None, bool | None]]:
    out = [(r.section.number or r.section.title, r.stated, r.children_sum, r.ok) for r in report.evaluation.sections()]
    t = report.evaluation.total
    out.append(("TOTAL", t.stated, t.children_sum, t.ok))
    return out


def codes(report: Report, severity: str | None = None) -> list[tuple[str, int | None]]:
    return [(f.code, f.source.line) for f in report.findings if severity is None or f.severity.value == severity]


def test_several_products_on_one_line(tmp_path: Path) -> None:
    text = (
        "Hội nghị tập huấn: 20 người x 200.000 đồng/người = 4.000.000 đồng; thuê hội trường 2 ngày x "
        "3.000.000 đồng/ngày = 6.000.000 đồng; in tài liệu 20 bộ x 50.000 đồng/bộ = 1.000.000 đồng.\n"
    )
    r = check(tmp_path, text)
    assert lines(r) == [
        (1, Decimal(4000000), Decimal(4000000), True),
        (1, Decimal(6000000), Decimal(6000000), True),
        (1, Decimal(1000000), Decimal(1000000), True),
    ]
    assert [line.label for line in (x.line for x in r.evaluation.lines())] == [
        "Hội nghị tập huấn",
        "thuê hội trường",
        "in tài liệu",
    ]
    assert codes(r, "error") == []


def test_a_wrong_product_among_several_on_one_line_is_named_at_its_column(tmp_path: Path) -> None:
    text = (
        "Chi: 2 lớp x 3 triệu đồng = 6 triệu đồng; 4 lớp x 5 triệu đồng = 21 triệu đồng; "
        "1 lớp x 2 triệu đồng = 2 triệu đồng\n"
    )
    r = check(tmp_path, text)
    errors = [f for f in r.findings if f.is_error]
    assert [(f.code, f.source.line, f.source.col, f.expected, f.actual) for f in errors] == [
        ("PRODUCT_MISMATCH", 1, text.index("21 triệu") + 1, Decimal(20), Decimal(21))
    ]


PLAN = """KẾ HOẠCH TỔ CHỨC HỘI THI
II. KINH PHÍ
Tổng kinh phí: 300 triệu đồng, gồm:
1. Tổ chức hội thi: 180 triệu đồng. Trong đó:
- Giải thưởng: 30 giải x 2 triệu đồng/giải = 60 triệu đồng;
- Ban giám khảo: 10 người x 3 ngày x 4 triệu đồng/người/ngày = 120 triệu đồng.
2. Tuyên truyền: 120 triệu đồng, gồm:
a) Phóng sự: 4 phóng sự x 15 triệu đồng/phóng sự = 60 triệu đồng;
b) Pa nô, áp phích: 60 triệu đồng.
III. TỔ CHỨC THỰC HIỆN
Phòng Giáo dục chủ trì.
"""


def test_plan_with_lines_sections_and_a_lump_sum(tmp_path: Path) -> None:
    r = check(tmp_path, PLAN)
    assert lines(r) == [
        (5, Decimal(60), Decimal(60), True),
        (6, Decimal(120), Decimal(120), True),
        (8, Decimal(60), Decimal(60), True),
    ]
    assert sums(r) == [
        ("1", Decimal(180), Decimal(180), True),
        ("2", Decimal(120), Decimal(120), True),
        ("b", Decimal(60), None, None),
        ("TOTAL", Decimal(300), Decimal(300), True),
    ]
    assert codes(r, "error") == [] and codes(r, "warning") == []


def test_a_lump_sum_left_out_of_a_total_is_caught(tmp_path: Path) -> None:
    r = check(tmp_path, PLAN.replace("b) Pa nô, áp phích: 60 triệu đồng.", "b) Pa nô, áp phích: 70 triệu đồng."))
    assert [(f.code, f.source.line, f.expected, f.actual) for f in r.findings if f.is_error] == [
        ("SECTION_SUM_MISMATCH", 7, Decimal(130), Decimal(120))
    ]


def test_one_line_document_reads_like_the_document_with_line_breaks(tmp_path: Path) -> None:
    broken = check(tmp_path, PLAN, "broken.txt")
    flat = check(tmp_path, " ".join(PLAN.split("\n")), "flat.txt")
    assert [(s, c, ok) for _, s, c, ok in lines(flat)] == [(s, c, ok) for _, s, c, ok in lines(broken)]
    assert sums(flat) == sums(broken)
    assert codes(flat, "error") == []


def test_wrapped_lines_are_joined_to_their_item(tmp_path: Path) -> None:
    text = (
        "1. Bồi dưỡng giáo viên: 1.500 triệu đồng. Trong đó:\n"
        "- Giáo viên cốt cán: 200 người x 1,5 triệu đồng/người/năm\n"
        "x 3 năm = 900 triệu đồng;\n"
        "- Giáo viên mới: 100 người x 2 triệu đồng/người/năm x 3 năm =\n"
        "600 triệu đồng;\n"
    )
    r = check(tmp_path, text)
    assert lines(r) == [(3, Decimal(900), Decimal(900), True), (5, Decimal(600), Decimal(600), True)]
    assert sums(r)[-1] == ("TOTAL", Decimal(1500), Decimal(1500), True)


def test_a_wrapped_product_that_is_wrong_is_reported_not_dropped(tmp_path: Path) -> None:
    text = "- Giáo viên: 200 người x 1,5 triệu đồng/người/năm x\n3 năm = 800 triệu đồng\n"
    r = check(tmp_path, text)
    assert [(f.code, f.source.line, f.expected) for f in r.findings if f.is_error] == [
        ("PRODUCT_MISMATCH", 2, Decimal(900))
    ]


NESTED = """Điều 2. Phân bổ dự toán chi năm 2026 như sau:
a) Chi thường xuyên: 300 triệu đồng, gồm:
- Chi lương: 200 triệu đồng, gồm:
+ Giáo viên: 150 triệu đồng;
+ Nhân viên: 50 triệu đồng;
- Chi hoạt động: 100 triệu đồng;
b) Chi đầu tư: 500 triệu đồng, gồm:
- Xây dựng phòng học: 400 triệu đồng;
- Mua sắm thiết bị: 100 triệu đồng.
"""


def test_dash_and_plus_are_levels_under_letters(tmp_path: Path) -> None:
    r = check(tmp_path, NESTED)
    assert r.plan.heading is not None and r.plan.heading.number == "Điều 2"
    assert sums(r)[:3] == [
        ("a", Decimal(300), Decimal(300), True),
        ("Chi lương", Decimal(200), Decimal(200), True),
        ("Giáo viên", Decimal(150), None, None),
    ]
    assert ("b", Decimal(500), Decimal(500), True) in sums(r)
    assert codes(r, "error") == []


def test_a_wrong_dash_subtotal_names_its_title(tmp_path: Path) -> None:
    r = check(tmp_path, NESTED.replace("- Chi lương: 200", "- Chi lương: 210"))
    errors = [f for f in r.findings if f.is_error]
    assert [(f.code, f.source.line) for f in errors] == [("SECTION_SUM_MISMATCH", 2), ("SECTION_SUM_MISMATCH", 3)]
    assert errors[1].message == (
        "Mục “Chi lương”: cộng các khoản bên trong được 200 triệu đồng, nhưng mục ghi 210 triệu đồng "
        "(chênh lệch 10 triệu đồng)."
    )


def test_unmarked_lines_under_an_item_are_its_children_when_they_add_up(tmp_path: Path) -> None:
    text = (
        "- Chi sự nghiệp: 90,5 tỷ đồng.\n"
        "Sự nghiệp giáo dục : 60,250 tỷ đồng .\n"
        "Sự nghiệp y tế : 30,250 tỷ đồng .\n"
        "- Chi khác: 2 tỷ đồng.\n"
    )
    r = check(tmp_path, text)
    assert sums(r)[0] == ("Chi sự nghiệp", Decimal("90.5"), Decimal("90.500"), True)
    assert [s.title for s in r.evaluation.sections()[0].section.sections] == ["Sự nghiệp giáo dục", "Sự nghiệp y tế"]
    assert codes(r, "warning") == [("UNCHECKED_AMOUNT", 4)]  # "Chi khác: 2 tỷ": nothing adds it up


def test_unmarked_lines_that_do_not_add_up_are_reported_unchecked(tmp_path: Path) -> None:
    text = "- Chi sự nghiệp: 90 tỷ đồng.\nSự nghiệp giáo dục : 60 tỷ đồng .\nSự nghiệp y tế : 20 tỷ đồng .\n"
    r = check(tmp_path, text)
    assert [(c, line) for c, line in codes(r) if c == "UNCHECKED_AMOUNT"] == [
        ("UNCHECKED_AMOUNT", 1),  # the item's own figure: nothing below it adds up to compare
        ("UNCHECKED_AMOUNT", 2),
        ("UNCHECKED_AMOUNT", 3),
    ]
    assert r.plan.amounts_found == 3 and len(r.plan.unchecked) == 2


@pytest.mark.parametrize("where", ["before", "after"])
def test_grand_total_before_or_after_its_sections(tmp_path: Path, where: str) -> None:
    body = "1. Hội nghị: 1.200 triệu đồng.\n2. Tập huấn: 800 triệu đồng.\n"
    total = "Tổng cộng: 2.100 triệu đồng.\n"
    text = "IV. KINH PHÍ\n" + (total + body if where == "before" else body + total)
    r = check(tmp_path, text)
    assert r.evaluation.total.stated == Decimal(2100)
    assert r.evaluation.total.children_sum == Decimal(2000)
    assert [(f.code, f.expected, f.actual) for f in r.findings if f.is_error] == [
        ("TOTAL_MISMATCH", Decimal(2000), Decimal(2100))
    ]


def test_total_stated_twice_with_two_figures_is_an_error(tmp_path: Path) -> None:
    text = (
        "IV. KINH PHÍ\nTổng kinh phí: 2.000 triệu đồng.\n1. Hội nghị: 1.200 triệu đồng.\n"
        "2. Tập huấn: 800 triệu đồng.\nTổng cộng: 2.100 triệu đồng.\n"
    )
    r = check(tmp_path, text)
    assert [(f.code, f.source.line) for f in r.findings if f.is_error] == [("TOTAL_STATED_TWICE", 5)]


def test_result_first_expression(tmp_path: Path) -> None:
    ok = check(tmp_path, "- Tập huấn: 1.500 triệu đồng (300 người x 5 triệu đồng/người).\n", "ok.txt")
    assert lines(ok) == [(1, Decimal(1500), Decimal(1500), True)]
    bad = check(tmp_path, "- Tập huấn: 1.600 triệu đồng (300 người x 5 triệu đồng/người).\n", "bad.txt")
    assert [(f.code, f.expected, f.actual) for f in bad.findings if f.is_error] == [
        ("PRODUCT_MISMATCH", Decimal(1500), Decimal(1600))
    ]


def test_parentheses_and_plus_inside_an_expression(tmp_path: Path) -> None:
    r = check(tmp_path, "- Phụ cấp: 450.000 đồng x (2,34 + 0,5) x 50% = 639.000 đồng\n")
    assert lines(r) == [(1, Decimal(639000), Decimal("639000.00"), True)]
    q = r.evaluation.lines()[0].line.factors[1]
    assert (q.text, q.value) == ("(2,34 + 0,5)", Decimal("2.84"))


def test_fraction_and_division_inside_parentheses(tmp_path: Path) -> None:
    r = check(tmp_path, "- Lương tháng 13: 12 người x 6 triệu đồng/người/tháng x (15/30) tháng = 36 triệu đồng\n")
    assert lines(r) == [(1, Decimal(36), Decimal("36.0"), True)]
    r = check(tmp_path, "- Bình quân: (1.200 : 12) triệu đồng/tháng x 3 tháng = 300 triệu đồng\n", "d.txt")
    assert lines(r) == [(1, Decimal(300), Decimal(300), True)]


def test_labels_with_numbers_and_plus_signs(tmp_path: Path) -> None:
    text = "1. Nước uống khu 2 cho BTC + trọng tài (4 ngày) 40 người x 5.000 đồng/người/ngày x 4 ngày = 800.000 đồng.\n"
    r = check(tmp_path, text)
    assert lines(r) == [(1, Decimal(800000), Decimal(800000), True)]
    assert [f.value for f in r.evaluation.lines()[0].line.factors] == [40, 5000, 4]


def test_alternative_breakdowns_of_one_total(tmp_path: Path) -> None:
    text = (
        "II. Tổng chi ngân sách năm 2026 là 1.000 tỷ đồng, trong đó:\n"
        "1. Theo nguồn:\n1.1. Ngân sách tỉnh: 700 tỷ đồng.\n1.2. Trung ương bổ sung: 300 tỷ đồng.\n"
        "2. Theo nội dung chi:\n2.1. Chi đầu tư: 400 tỷ đồng.\n2.2. Chi thường xuyên: 600 tỷ đồng.\n"
    )
    r = check(tmp_path, text)
    assert [s for s in sums(r) if s[0] in ("1", "2", "II")] == [
        ("II", Decimal(1000), None, None),
        ("1", Decimal(1000), Decimal(1000), True),
        ("2", Decimal(1000), Decimal(1000), True),
    ]
    assert codes(r, "error") == []
    wrong = check(tmp_path, text.replace("600 tỷ", "500 tỷ"), "w.txt")
    assert [(f.code, f.expected) for f in wrong.findings if f.is_error] == [("SECTION_SUM_MISMATCH", Decimal(900))]


def test_inline_breakdown_in_parentheses(tmp_path: Path) -> None:
    text = (
        "6. Các khoản chưa phân bổ 2.030 tỷ đồng (trong đó: vốn địa phương 1.954,9 tỷ đồng; "
        "vốn cấp tỉnh 75,1 tỷ đồng), giao Ủy ban.\n"
    )
    r = check(tmp_path, text)
    assert sums(r)[-1] == ("TOTAL", Decimal(2030), Decimal("2030.0"), True)
    assert [s.section.title for s in r.evaluation.sections()] == ["vốn địa phương", "vốn cấp tỉnh"]
    wrong = check(tmp_path, text.replace("75,1", "76,1"), "w.txt")
    assert [f.code for f in wrong.findings if f.is_error] == ["TOTAL_MISMATCH"]


def test_distractor_amount_is_reported_and_the_verdict_is_not_khop(tmp_path: Path) -> None:
    text = (
        "I. Tổng thu năm 2026\nTổng thu trên địa bàn : 10,5 tỷ đồng .\n1 . Thu nội địa : 10 tỷ đồng .\n"
        "2 . Thu khác : 0,5 tỷ đồng .\nNgoài ra, phấn đấu thu thêm 3 tỷ đồng tiền sử dụng đất.\n"
    )
    r = check(tmp_path, text)
    assert sums(r)[-1] == ("TOTAL", Decimal("10.5"), Decimal("10.5"), True)
    assert [(f.code, f.source.line, f.actual) for f in r.findings if f.code == "UNCHECKED_AMOUNT"] == [
        ("UNCHECKED_AMOUNT", 5, Decimal(3))
    ]
    from plancheck.projection import VerdictKind, project

    assert project(r).verdict.kind is VerdictKind.INCOMPLETE


@pytest.mark.parametrize(
    "spelling",
    ["triệu VNĐ", "triệu đ", "tr.đồng", "trđ", "triệuđồng", "triệu đồng", "Triệu Đồng"],
)
def test_every_spelling_of_million(tmp_path: Path, spelling: str) -> None:
    r = check(tmp_path, f"- Hỗ trợ: 20 người x 1,5 {spelling}/người = 30 {spelling}\n")
    assert lines(r) == [(1, Decimal(30), Decimal("30.0"), True)]


def test_money_scales_convert_exactly(tmp_path: Path) -> None:
    r = check(
        tmp_path,
        "- Nước uống: 40 người x 20 ngàn đồng/người x 25 buổi = 20 triệu đồng\n- Phô tô: 10 bộ x 500 VNĐ/bộ = 5 ng.đ\n",
    )
    assert [ok for *_, ok in lines(r)] == [True, True]


@pytest.mark.parametrize(
    ("line", "col"),
    [
        ("- Ăn: 10 ngườix 5 triệu đồng = 50 triệu đồng", 15),
        ("- Nước: 10 người x +5 triệu đồng = 50 triệu đồng", 18),
        ("- Xe: 10 người x .5 triệu đồng = 5 triệu đồng", 16),
        ("- Điện: 10 người x 5 triệu đồng ＝ 50 triệu đồng", 33),
        ("- Thuê xe: ２ xe x 3 triệu đồng = 6 triệu đồng", 12),
        ("- Ăn: NaN người x 3 triệu đồng = 6 triệu đồng", 7),
        ("- Ăn: 1e3 người x 3 triệu đồng = 3.000 triệu đồng", 7),
        ("- Ăn: 1_000 người x 3 triệu đồng = 3.000 triệu đồng", 7),
    ],
)
def test_lines_that_look_like_products_but_cannot_be_read_are_reported(tmp_path: Path, line: str, col: int) -> None:
    r = check(tmp_path, line + "\n")
    assert r.evaluation.lines() == []
    unreadable = [f for f in r.findings if f.code == "COSTLINE_UNREADABLE"]
    assert [(f.source.line, f.source.col) for f in unreadable] == [(1, col)]


def test_a_number_too_long_for_exact_arithmetic_is_a_finding(tmp_path: Path) -> None:
    r = check(tmp_path, "Tổng kinh phí: " + "9" * 40 + " triệu đồng\n")
    assert [(f.code, f.source.col) for f in r.findings] == [("NUMBER_TOO_LONG", 16)]


def test_columns_count_the_file_as_given_in_nfd(tmp_path: Path) -> None:
    import unicodedata

    text = unicodedata.normalize("NFD", "- Hỗ trợ học phí: 2 người x 3 triệu đồng = 7 triệu đồng\n")
    r = check(tmp_path, text)
    f = next(f for f in r.findings if f.code == "PRODUCT_MISMATCH")
    assert f.source.col == text.index("= 7 tri") + 3  # a column in the NFD file
    assert f.source.text[f.source.caret or 0] == "7"  # the caret in the shown line


def test_a_finding_on_a_huge_line_shows_a_window(tmp_path: Path) -> None:
    from budget.findings import format_finding

    text = "Ghi chú " * 5000 + "- Chi: 2 người x 3 triệu đồng = 7 triệu đồng\n"
    r = check(tmp_path, text)
    f = next(f for f in r.findings if f.code == "PRODUCT_MISMATCH")
    shown = format_finding(f).splitlines()
    assert len(shown[1]) < 130
    caret = shown[2].index("^")
    assert shown[1][caret] == "7"


def test_amount_in_words_that_disagrees_with_its_figure_is_an_error(tmp_path: Path) -> None:
    text = (
        "IV. KINH PHÍ\nTổng kinh phí: 2.000 triệu đồng (Bằng chữ: Hai tỷ năm trăm triệu đồng).\n"
        "1. Hội nghị: 1.200 triệu đồng.\n2. Tập huấn: 800 triệu đồng.\n"
    )
    r = check(tmp_path, text)
    (f,) = [f for f in r.findings if f.is_error]
    assert (f.code, f.source.line, f.source.col, f.expected, f.actual) == (
        "WORDS_MISMATCH",
        2,
        text.split("\n")[1].index("Hai") + 1,
        Decimal(2000),
        Decimal(2500),
    )
    right = check(tmp_path, text.replace("Hai tỷ năm trăm triệu đồng", "Hai tỷ đồng"), "ok.txt")
    assert [f.code for f in right.findings if f.is_error] == []
    assert [(w.value, w.amount.value) for w in right.plan.words] == [(Decimal(2_000_000_000), Decimal(2000))]


def test_amount_in_words_after_the_figure_without_parentheses(tmp_path: Path) -> None:
    text = "Tổng dự toán: 46.375.000.000 đồng. Bằng chữ: Bốn mươi sáu tỷ, ba trăm bảy mươi lăm triệu đồng chẵn.\n"
    r = check(tmp_path, text)
    assert [(w.value, w.amount.value) for w in r.plan.words] == [(Decimal(46_375_000_000), Decimal(46_375_000_000))]
    assert [f.code for f in r.findings if f.is_error] == []


# ---- linear reading: pathological inputs against a plain file of the same size -------


def _timed(tmp_path: Path, name: str, text: str) -> float:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    start = time.perf_counter()
    check_file(path)
    return time.perf_counter() - start


def _plain(size: int) -> str:
    words = "Phòng Giáo dục chủ trì phối hợp với các đơn vị triển khai kế hoạch năm học mới. "
    return (words * (size // len(words) + 1))[:size]


@pytest.mark.parametrize(
    "kind",
    ["digits", "equals", "open_paren", "deep", "big_plan"],
)
def test_pathological_inputs_read_in_linear_time(tmp_path: Path, kind: str) -> None:
    size = 1_000_000
    if kind == "digits":
        text = "1" * size
    elif kind == "equals":
        text = ("= 5 triệu đồng " * (size // 15))[:size]
    elif kind == "open_paren":
        text = ("(1%, " * (size // 5))[:size]
    elif kind == "big_plan":
        block = PLAN.replace("II. KINH PHÍ", "Mục kinh phí") * 4
        text = (block * (2_000_000 // len(block) + 1))[:2_000_000]
        size = len(text)
    else:
        parts = []
        number = ""
        for i in range(1, 400):
            number = f"{number}.1" if number else "1"
            parts.append(f"{number}. Mục {i}: 1 triệu đồng\n")
        text = "".join(parts)
        size = len(text)
    baseline = max(_timed(tmp_path, "plain.txt", _plain(size)), 0.05)
    took = _timed(tmp_path, "odd.txt", text)
    assert took / baseline < 60, (kind, took, baseline)


counts = st.integers(min_value=1, max_value=900)
prices = st.integers(min_value=1, max_value=9000)
markers = st.sampled_from(["- ", "+ ", "• ", "a) ", "1. ", "1 . ", "2.1. ", "2.1 - ", ""])
separators = st.sampled_from(["\n", " ", "; ", "\n\n"])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(counts, prices, markers, st.booleans()), min_size=1, max_size=6), separators)
def test_generated_items_in_many_shapes_are_all_read(items: list[tuple[int, int, str, bool]], sep: str) -> None:
    """Products written with markers of every style, on one line or many, wrong or right."""
    parts = []
    expected = []
    for i, (n, price, mark, wrong) in enumerate(items):
        result = n * price + (1 if wrong else 0)
        parts.append(
            f"{mark}Khoản {chr(65 + i)}: {n} người x {format_vn(Decimal(price))} nghìn đồng/người"
            f" = {format_vn(Decimal(result))} nghìn đồng"
        )
        expected.append((Decimal(result), Decimal(n * price), not wrong))
    text = sep.join(p + ("." if sep == " " else "") for p in parts) + "\n"
    import tempfile

    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "g.txt"
        path.write_text(text, encoding="utf-8")
        r = check_file(path)
    got = [(x.stated, x.computed, x.ok) for x in r.evaluation.lines()]
    assert got == expected, text
    assert [f.code for f in r.findings if f.is_error] == ["PRODUCT_MISMATCH"] * sum(1 for *_, w in items if w)


def _section_result(report: Report, number: str) -> SectionResult:
    return next(s for s in report.evaluation.sections() if s.section.number == number)


def _line_result(report: Report, line: int) -> LineResult:
    return next(x for x in report.evaluation.lines() if x.line.stated.source.line == line)


@pytest.mark.parametrize("encoding", ["cp1252", "ascii", "latin-1"])
def test_output_in_any_console_encoding_is_utf8(encoding: str) -> None:
    import os
    import subprocess
    import sys

    from tests.helpers import HA_DONG

    env = {**os.environ, "PYTHONIOENCODING": encoding}
    code = "from plancheck.cli import run; run()"
    p = subprocess.run([sys.executable, "-c", code, "check", str(HA_DONG)], capture_output=True, env=env)
    assert p.returncode == 0, p.stderr.decode("utf-8", "replace")
    assert "Tổng kinh phí" in p.stdout.decode("utf-8")
    assert b"Traceback" not in p.stderr
