"""The grammar of written arithmetic: what a clause is read as, and the verdicts that follow.

Every case is a text of our own in a form real plans use (not a copy of any document):
a relation is judged only when every token of it was read; anything else is unread, a
warning, never an error.
"""

from __future__ import annotations

import time
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from budget.api import Report, check_file
from budget.costline import parse_cost_line
from budget.evaluate import evaluate_line
from budget.findings import Severity
from budget.grammar.expression import BinOp, Node, ParseError, is_date, is_note, parse_expression, parse_prefix
from budget.grammar.relation import Relation, Unread, computation_kind, read_relation, relation_marks
from budget.grammar.tokens import Kind, Token, tokenize
from budget.numbers import EXACT, format_vn
from budget.source import Source
from tests.helpers import assert_message


def check(tmp_path: Path, text: str) -> Report:
    path = tmp_path / "p.txt"
    path.write_text(text, encoding="utf-8")
    return check_file(path)


def found(report: Report) -> list[tuple[str, str, Decimal | None]]:
    """Error and warning findings as (code, severity, figure)."""
    return [
        (f.code, f.severity.value, f.actual)
        for f in report.findings
        if f.severity in (Severity.ERROR, Severity.WARNING) and not f.code.startswith("UNIT_")
    ]


def lines(report: Report) -> list[tuple[Decimal, Decimal, bool]]:
    return [(r.stated, r.computed, r.ok) for r in report.evaluation.lines()]


# (form, correct text, its lines, wrong text, the error code, the wrong figure)
CORRECT_AND_WRONG = [
    (
        "sum of products",
        "Thuê phòng họp = 2 ngày x 150.000 đồng/ngày + 1 ngày x 90.000 đồng/ngày = 390.000 đồng",
        [(Decimal(390000), Decimal(390000), True)],
        "Thuê phòng họp = 2 ngày x 150.000 đồng/ngày + 1 ngày x 90.000 đồng/ngày = 400.000 đồng",
        Decimal(400000),
    ),
    (
        "braces",
        "Mua dụng cụ: { 12 bộ x 30.000 đồng/bộ + 8 bộ x 20.000 đồng/bộ } x 10% = 52.000 đồng",
        [(Decimal(52000), Decimal(52000), True)],
        "Mua dụng cụ: { 12 bộ x 30.000 đồng/bộ + 8 bộ x 20.000 đồng/bộ } x 10% = 54.000 đồng",
        Decimal(54000),
    ),
    (
        "bracketed difference",
        "Tiền phạt: (15.000.000 đồng – 11.000.000 đ) x 20% = 800.000 đồng",
        [(Decimal(800000), Decimal(800000), True)],
        "Tiền phạt: (15.000.000 đồng – 11.000.000 đ) x 20% = 880.000 đồng",
        Decimal(880000),
    ),
    (
        "quotient with a colon",
        "Bình quân mỗi tháng = 360 triệu đồng : 12 tháng = 30 triệu đồng",
        [(Decimal(30), Decimal(30), True)],
        "Bình quân mỗi tháng = 360 triệu đồng : 12 tháng = 32 triệu đồng",
        Decimal(32),
    ),
    (
        "fraction of a month",
        "Tiền ăn 12/30 tháng x 450.000 đồng = 180.000 đồng",
        [(Decimal(180000), Decimal(180000), True)],
        "Tiền ăn 12/30 tháng x 450.000 đồng = 190.000 đồng",
        Decimal(190000),
    ),
    (
        "word operators",
        "Hỗ trợ 25 người nhân với 400.000 đồng/người là 10.000.000 đồng",
        [(Decimal(10000000), Decimal(10000000), True)],
        "Hỗ trợ 25 người nhân với 400.000 đồng/người là 11.000.000 đồng",
        Decimal(11000000),
    ),
    (
        "percent result",
        "Tỷ lệ đạt: 2 x 20% = 40%",
        [(Decimal(40), Decimal(40), True)],
        "Tỷ lệ đạt: 3 x 20% = 65%",
        Decimal(65),
    ),
    (
        "tr abbreviation",
        "Hỗ trợ 20 x 15tr x 0,02% = 0,06 trđ",
        [(Decimal("0.06"), Decimal("0.06"), True)],
        "Hỗ trợ 20 x 15tr x 0,02% = 0,6 trđ",
        Decimal("0.6"),
    ),
    (
        "prose product",
        "Hỗ trợ mức 250.000 đồng/học sinh cho 1.300 học sinh = 325.000.000 đồng",
        [(Decimal(325000000), Decimal(325000000), True)],
        "Hỗ trợ mức 250.000 đồng/học sinh cho 1.300 học sinh = 352.000.000 đồng",
        Decimal(352000000),
    ),
    (
        "prose product with a period",
        "Hỗ trợ 120 hộ với mức 50.000 đồng/hộ/tháng, thời gian 3 tháng, với tổng kinh phí là 18.000.000 đồng.",
        [(Decimal(18000000), Decimal(18000000), True)],
        "Hỗ trợ 120 hộ với mức 50.000 đồng/hộ/tháng, thời gian 3 tháng, với tổng kinh phí là 15.000.000 đồng.",
        Decimal(15000000),
    ),
    (
        "prose product, the words of a total before the result",
        "Hỗ trợ 85 học sinh với mức 300.000 đồng/học sinh/tháng, thời gian 8 tháng, tổng kinh phí 204.000.000 đồng.",
        [(Decimal(204000000), Decimal(204000000), True)],
        "Hỗ trợ 85 học sinh với mức 300.000 đồng/học sinh/tháng, thời gian 8 tháng, tổng kinh phí 240.000.000 đồng.",
        Decimal(240000000),
    ),
    (
        "prose product, thành tiền with a colon",
        "Mua 40 bộ đồ dùng, đơn giá 125.000 đồng/bộ, thành tiền: 5.000.000 đồng",
        [(Decimal(5000000), Decimal(5000000), True)],
        "Mua 40 bộ đồ dùng, đơn giá 125.000 đồng/bộ, thành tiền: 5.500.000 đồng",
        Decimal(5500000),
    ),
    (
        "result first, parts in brackets",
        "Chi hội nghị 3.450.000 đồng (3.000.000 đồng + 450.000 đồng)",
        [(Decimal(3450000), Decimal(3450000), True)],
        "Chi hội nghị 3.550.000 đồng (3.000.000 đồng + 450.000 đồng)",
        Decimal(3550000),
    ),
    (
        "equation in brackets after its result",
        "Tiền lãi chậm nộp 90.000 đồng (3.000.000 đồng x 1%/tháng x 3 tháng = 90.000 đồng)",
        [(Decimal(90000), Decimal(90000), True)],
        "Tiền lãi chậm nộp 95.000 đồng (3.000.000 đồng x 1%/tháng x 3 tháng = 90.000 đồng)",
        Decimal(95000),
    ),
]


@pytest.mark.parametrize(("form", "correct", "read", "wrong", "figure"), CORRECT_AND_WRONG, ids=lambda v: str(v)[:30])
def test_a_form_read_whole_is_judged(
    tmp_path: Path, form: str, correct: str, read: list[tuple[Decimal, Decimal, bool]], wrong: str, figure: Decimal
) -> None:
    ok = check(tmp_path, correct + "\n")
    assert lines(ok) == read, form
    assert [f for f in found(ok) if f[1] == "error"] == [], form
    bad = check(tmp_path, wrong + "\n")
    errors = [f for f in found(bad) if f[1] == "error"]
    assert errors == [("PRODUCT_MISMATCH", "error", figure)], form


def test_two_relations_of_one_clause_are_one_line(tmp_path: Path) -> None:
    text = (
        "Thuê âm thanh = 2 buổi x 1.500.000 đồng = 3.000.000 đồng; "
        "còn phải trả 3.000.000 đồng - 500.000 đồng = 2.500.000 đồng\n"
    )
    r = check(tmp_path, text)
    (line,) = r.evaluation.lines()
    assert [(s.stated, s.computed) for s in line.steps] == [(3000000, 3000000), (2500000, 2500000)]
    assert found(r) == []
    wrong = check(tmp_path, text.replace("= 2.500.000", "= 2.600.000"))
    assert found(wrong) == [("PRODUCT_MISMATCH", "error", Decimal(2600000))]


def test_a_product_rounded_to_its_written_digits_is_a_warning(tmp_path: Path) -> None:
    r = check(tmp_path, "Vốn đối ứng: 3,15 tỷ đồng x 23% = 0,725 tỷ đồng\n")  # 0,7245
    assert found(r) == [("PRODUCT_ROUNDING", "warning", Decimal("0.725"))]
    # one more digit than the product has: no slack
    r = check(tmp_path, "Vốn đối ứng: 3,15 tỷ đồng x 20% = 0,640 tỷ đồng\n")  # 0,630
    assert found(r) == [("PRODUCT_MISMATCH", "error", Decimal("0.640"))]
    # a half rounds away from zero: 319,5 is written 320, never 319
    r = check(tmp_path, "In tài liệu: 639 bộ x 0,5 triệu đồng/bộ = 320 triệu đồng\n")
    assert found(r) == [("PRODUCT_ROUNDING", "warning", Decimal(320))]
    r = check(tmp_path, "In tài liệu: 639 bộ x 0,5 triệu đồng/bộ = 319 triệu đồng\n")
    assert found(r) == [("PRODUCT_MISMATCH", "error", Decimal(319))]
    # a result the text says is rounded may be a whole unit off
    r = check(tmp_path, "Số lớp: B = (2.000 x 100) / 300 = 666 lớp (làm tròn).\n")  # 666,67
    assert found(r) == [("PRODUCT_ROUNDING", "warning", Decimal(666))]


def test_a_decimal_comma_followed_by_a_space(tmp_path: Path) -> None:
    r = check(tmp_path, "Chi phí = 3 người x 0,25 triệu đồng = 0, 75 triệu đồng\n")
    assert lines(r) == [(Decimal("0.75"), Decimal("0.75"), True)]
    # read as 0,75 (not 0): the product agrees under that reading, which settles it (a note)
    assert [(f.code, f.args["value"]) for f in r.findings if f.code.startswith("NUMBER_")] == [
        ("NUMBER_SETTLED", Decimal("0.75"))
    ]


UNREAD = [
    ("operator glued to another", "- Ăn: 10 người x 30.000 đồng x+ 1 = 300.000 đồng"),
    ("a number right after the result", "- Ăn: 10 người x 30.000 đồng = 300.000 đồng x 2"),
    (
        "money in a note that splits nothing",
        "Hỗ trợ 20 người x 700.000 đồng/người (tỉnh hỗ trợ 500.000 đồng thêm) = 14.000.000 đồng",
    ),
    ("unclosed bracket", "Chi: (20 người x 50.000 đồng = 1.000.000 đồng"),
    ("two results without an operator", "Chi: 20 người x 50.000 đồng = 1.000.000 đồng 900.000 đồng"),
]


@pytest.mark.parametrize(("form", "text"), UNREAD, ids=[u[0] for u in UNREAD])
def test_a_reading_with_leftovers_is_unread_never_an_error(tmp_path: Path, form: str, text: str) -> None:
    r = check(tmp_path, text + "\n")
    assert [f for f in found(r) if f[1] == "error"] == [], form
    assert any(f.code in ("COSTLINE_UNREADABLE", "UNCHECKED_AMOUNT") for f in r.findings), form
    assert all(not res.ok or res.line.unread for res in r.evaluation.lines()) or lines(r) == [], form


def test_a_number_left_in_the_label_makes_a_disagreeing_line_unread(tmp_path: Path) -> None:
    # "2 đợt" may be a factor: 2 x 30 x 100.000 = 6.000.000 agrees with it, not without it
    r = check(tmp_path, "Tổ chức 2 đợt tập huấn: 30 người x 100.000 đồng = 6.000.000 đồng\n")
    assert [(f.code, f.severity.value, f.source.col) for f in r.findings if f.code == "COSTLINE_LOOSE"] == [
        ("COSTLINE_LOOSE", "warning", 9)
    ]
    assert not r.has_errors
    # an identifier in the label is no factor: the line is judged
    r = check(tmp_path, "Lớp 5: 30 người x 100.000 đồng = 3.100.000 đồng\n")
    assert found(r) == [("PRODUCT_MISMATCH", "error", Decimal(3100000))]


def test_dates_and_periods_are_no_arithmetic(tmp_path: Path) -> None:
    text = (
        "Thời gian công tác từ tháng 3/1961 đến 8/1964 là 03 năm.\n"
        "Giai đoạn 2021 - 2025 là 5 năm.\n"
        "Hạn nộp trước ngày 15/12 là 20 ngày.\n"
    )
    r = check(tmp_path, text)
    assert lines(r) == [] and not r.has_errors


def test_a_note_with_a_year_range_after_an_amount_stays_a_note(tmp_path: Path) -> None:
    r = check(tmp_path, "Tổng kinh phí: 500 triệu đồng (giai đoạn 2021 - 2025)\n")
    assert not r.has_errors and lines(r) == []


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        ("2.000.000 đồng + 600.000 đồng", "product"),
        ("300 người x 5 triệu đồng/người", "product"),
        ("2.000.000 đồng x 1,5%/tháng x 4 tháng = 120.000 đồng", "equation"),
        ("nhiệm kỳ 2020 - 2025", "note"),
        ("Luật số 39/2024/QH15 ngày 28/6/2024", "note"),
        ("trung bình mỗi cấp trên 30 triệu", "note"),
        ("khai mạc + bế mạc", "note"),
    ],
)
def test_what_a_bracket_after_a_figure_holds(content: str, kind: str) -> None:
    assert computation_kind(content) == kind


# -- properties -------------------------------------------------------------------------

_MUL = ("x", "X", "×", "*", "nhân với")
_DIV = (":", "/", "chia cho")
_ADD = ("+", "cộng")
_SUB = ("-", "–", "trừ")


@st.composite
def expressions(draw: st.DrawFn, depth: int = 0) -> tuple[str, Fraction]:
    """A random expression as officers write it, and its exact value; a compound part is
    bracketed (with any of the brackets plans use), so the value does not hang on precedence."""
    if depth >= 3 or (depth > 0 and draw(st.booleans())):  # the whole is always a computation
        whole = draw(st.integers(1, 999_999))
        places = draw(st.sampled_from([0, 0, 1, 2]))
        return format_vn(Decimal(whole).scaleb(-places)), Fraction(whole, 10**places)
    op = draw(st.sampled_from(["*", "/", "+", "-"]))
    left, lv = draw(expressions(depth + 1))
    if op == "/":
        divisor = draw(st.sampled_from([2, 4, 5, 8, 10, 20, 25]))
        right, rv = str(divisor), Fraction(divisor)
    else:
        right, rv = draw(expressions(depth + 1))
    if op == "-" and rv > lv:
        left, lv, right, rv = right, rv, left, lv
    sign = draw(st.sampled_from({"*": _MUL, "/": _DIV, "+": _ADD, "-": _SUB}[op]))
    # only the drawn operation is computed: a bracketed difference may be zero
    value = {"*": lambda: lv * rv, "/": lambda: lv / rv, "+": lambda: lv + rv, "-": lambda: lv - rv}[op]()
    text = f"{left} {sign} {right}"
    if depth > 0:
        opening, closing = draw(st.sampled_from([("(", ")"), ("[", "]"), ("{", "}")]))
        text = f"{opening}{text}{closing}"
    return text, value


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(expressions(), st.sampled_from(["Chi phí", "Kinh phí hội nghị:", "- Tiền ăn", "a) Thuê xe ="]))
def test_any_expression_is_computed_exactly(expr: tuple[str, Fraction], label: str) -> None:
    text, value = expr
    if value <= 0 or (value * 10**6).denominator != 1:
        return  # results officers write are positive and finite
    # exactly: the default context keeps 28 digits, and these values may have more
    result = EXACT.divide(Decimal(value.numerator), Decimal(value.denominator))
    line_text = f"{label} {text} = {format_vn(result)} đồng"
    line, findings = parse_cost_line(Source("p.txt", 1, 1, None, line_text))
    assert line is not None, line_text
    r = evaluate_line(line)
    assert r.ok, (line_text, r.computed)
    assert not [f for f in findings if f.code == "COSTLINE_UNREADABLE"]
    # a wrong result is never read as right
    wrong = f"{label} {text} = {format_vn(EXACT.add(result, 7))} đồng"
    line, _ = parse_cost_line(Source("p.txt", 1, 1, None, wrong))
    assert line is not None and not evaluate_line(line).ok


@settings(max_examples=150, deadline=None)
@given(expressions(), st.sampled_from(["x 2", "+ 5", "= 7 đồng", "- 3", ": 4", "5"]))
def test_anything_numeric_after_the_result_leaves_the_line_unread(expr: tuple[str, Fraction], after: str) -> None:
    text, value = expr
    if value <= 0 or (value * 10**6).denominator != 1:
        return
    # exactly: the default context keeps 28 digits, and these values may have more
    result = EXACT.divide(Decimal(value.numerator), Decimal(value.denominator))
    line_text = f"Chi phí: {text} = {format_vn(result)} đồng {after}"
    line, findings = parse_cost_line(Source("p.txt", 1, 1, None, line_text))
    if line is not None:  # ``= 7 đồng`` is one more step of a chain, read whole
        assert after.startswith("="), line_text
    else:
        assert [f.code for f in findings if f.code == "COSTLINE_UNREADABLE"] == ["COSTLINE_UNREADABLE"], line_text


def test_tokens_cover_the_operators_officers_type() -> None:
    kinds = [t.kind for t in tokenize("{3 x 2} × (4 : 2) / 5 * 6 – 1 + 7% = 0, 5")]
    assert kinds == [
        Kind.OPEN, Kind.NUM, Kind.MUL, Kind.NUM, Kind.CLOSE, Kind.MUL, Kind.OPEN, Kind.NUM, Kind.COLON,
        Kind.NUM, Kind.CLOSE, Kind.SLASH, Kind.NUM, Kind.MUL, Kind.NUM, Kind.SUB, Kind.NUM, Kind.ADD,
        Kind.NUM, Kind.PCT, Kind.EQ, Kind.NUM,
    ]  # fmt: skip
    # the x of a word is no operator
    assert [t.kind for t in tokenize("xã x 3")] == [Kind.WORD, Kind.MUL, Kind.NUM]


def test_whitespace_before_and_after_tokens_is_dropped_and_spaces_are_marked() -> None:
    spans = [(t.text, t.start, t.end, t.space_before) for t in tokenize("Chi phí:5x 3 ,  = 15\t  ")]
    assert spans == [
        ("Chi", 0, 3, True), ("phí", 4, 7, True), (":", 7, 8, False), ("5", 8, 9, False), ("x", 9, 10, False),
        ("3", 11, 12, True), (",", 13, 14, True), ("=", 16, 17, True), ("15", 18, 20, True),
    ]  # fmt: skip
    # a span that ends in whitespace: its tokens, offsets in the whole text
    text = "Mục: 5 x 3     = 15"
    assert [(t.text, t.start) for t in tokenize(text, 5, 12)] == [("5", 5), ("x", 7), ("3", 9)]
    assert tokenize("  \t ") == [] and tokenize("a b", 1, 2) == []


def test_trailing_whitespace_is_tokenized_in_linear_time() -> None:
    """A clause that ends in a long run of spaces (a padded cell): each space is stepped over once."""

    def cost(n: int) -> float:
        text = "Chi phí: 5 x 3 = 15" + " " * n
        start = time.perf_counter()
        assert [t.text for t in tokenize(text)][-1] == "15"
        return time.perf_counter() - start

    cost(1000)
    small, large = min(cost(20_000) for _ in range(3)), min(cost(160_000) for _ in range(3))
    assert large < 8 * 8 * max(small, 1e-4), (small, large)  # 8x the text: far below 64x


def test_relation_marks_are_outside_brackets_only() -> None:
    def marks(text: str) -> list[str]:
        tokens = tokenize(text)
        return [f"{tokens[i].text}@{i}" for i in relation_marks(tokens)]

    assert marks("(a = 5) b = 3 (c là 4) là 7") == ["=@6", "là@13"]
    assert marks("a ) = 5 là 2") == ["=@2", "là@4"]  # a stray closing bracket opens nothing
    assert marks("là 5 [bằng 3 {= 2}] bằng 4 = 1") == ["bằng@10", "=@12"]  # the first word starts the clause
    assert marks("Chi phí: 3 người x 20.000 đồng") == []


def test_the_parser_refuses_leftovers() -> None:
    tokens = tokenize("3 người x 20.000 đồng 5")
    with pytest.raises(Exception) as e:
        parse_expression(tokens, 0, len(tokens))
    assert getattr(e.value, "reason", "") == "leftover"


@pytest.mark.parametrize(
    "unit",
    [
        "(1%, ",
        "(1 x ",
        "{2 + ",
        "= 5 triệu đồng ",
        "3 x (",
        "1.000.000 đồng/người (tỉnh ",
    ],
)
def test_adversarial_clauses_read_in_linear_time(unit: str) -> None:
    """Repeats of a clause's own alternatives, unclosed: time grows with the length only."""

    def cost(n: int) -> float:
        text = "Mục tiêu " + unit * n + " x 2 = 4"
        start = time.perf_counter()
        parse_cost_line(Source("p.txt", 1, 1, None, text))
        return time.perf_counter() - start

    cost(50)  # warm the caches
    small, large = min(cost(200) for _ in range(3)), min(cost(1600) for _ in range(3))
    assert large < 8 * 8 * max(small, 1e-4), (small, large)  # 8x the text: far below 64x


def test_a_quantity_restated_in_a_bracket_then_computed(tmp_path: Path) -> None:
    # ``(6 ngày làm việc = 48 giờ x 25.000 đồng/giờ)``: the group is worth its last side; the
    # restated figure is a note, and a wrong result with it is unread, never a guess
    text = "- Chi phí thẩm định: (6 ngày làm việc = 48 giờ x 25.000 đồng/giờ) x 12 hồ sơ/năm = 14.400.000 đồng/năm\n"
    r = check(tmp_path, text)
    assert lines(r) == [(Decimal(14_400_000), Decimal(14_400_000), True)]
    assert [line.notes for line in r.plan.side] == [("6 ngày làm việc",)]  # a rate: checked beside the budget
    r = check(tmp_path, text.replace("14.400.000", "15.400.000"))  # with the 6 it could be anything
    assert [f.code for f in r.findings if f.severity is not Severity.INFO] == ["COSTLINE_LOOSE"]
    # the restatement must be a single quantity: a computation before the ``=`` is unread
    r = check(tmp_path, "- Chi phí: (2 x 3 ngày = 48 giờ x 25.000 đồng/giờ) x 12 hồ sơ = 14.400.000 đồng\n")
    assert "COSTLINE_UNREADABLE" in [f.code for f in r.findings]


def test_a_prose_product_whose_factor_is_stated_with_la(tmp_path: Path) -> None:
    text = (
        "- Hỗ trợ nước sạch cho 2.150 hộ dân với mức 40.000 đồng/hộ/tháng, thời gian hỗ trợ là 04 tháng, "
        "với tổng kinh phí hỗ trợ là {result} đồng.\n"
    )
    assert lines(check(tmp_path, text.format(result="344.000.000"))) == [
        (Decimal(344_000_000), Decimal(344_000_000), True)
    ]
    r = check(tmp_path, text.format(result="334.000.000"))
    assert found(r) == [("PRODUCT_MISMATCH", "error", Decimal(334_000_000))]


def test_a_figure_then_its_computation_after_an_equals_sign(tmp_path: Path) -> None:
    # a count: checked beside the budget
    r = check(tmp_path, "Số lượt khách mỗi năm: 14.600 (= 80 phòng x 50% x 365 đêm)\n")
    assert [(x.stated, x.ok) for x in r.evaluation.side] == [(Decimal(14_600), True)]
    r = check(tmp_path, "Số lượt khách mỗi năm: 14.800 (= 80 phòng x 50% x 365 đêm)\n")
    assert found(r) == [("PRODUCT_MISMATCH", "error", Decimal(14_800))]
    # money: the figure's own computation
    r = check(tmp_path, "- Tiền ăn: 2.400.000 đồng (= 40 người x 60.000 đồng/người)\n")
    assert lines(r) == [(Decimal(2_400_000), Decimal(2_400_000), True)]


def test_an_example_figure_and_its_equation_in_brackets_after_la(tmp_path: Path) -> None:
    text = (
        "Điều 5. Mức hỗ trợ\nVí dụ: Gia đình ông A được hỗ trợ tiền tàu xe là {r} đồng "
        "((3.000 đồng x 600 km) x 2 người = {r} đồng).\n"
    )
    r = check(tmp_path, text.format(r="3.600.000"))
    assert [(x.stated, x.ok) for x in r.evaluation.side] == [(Decimal(3_600_000), True)]
    assert [f.code for f in r.findings if f.code == "COSTLINE_UNREADABLE"] == []
    r = check(tmp_path, text.format(r="3.800.000"))
    assert [f.code for f in r.findings if f.severity is Severity.ERROR] == ["PRODUCT_MISMATCH"]


def test_a_label_note_that_restates_a_factor_is_no_loose_number(tmp_path: Path) -> None:
    # ``(03 đợt)`` in the label is the ``3 đợt`` of the product: a wrong result is an error
    text = "- Thuê hội trường (03 đợt): 80.000 đồng/đợt x 3 đợt = {r} đồng\n"
    assert lines(check(tmp_path, text.format(r="240.000"))) == [(Decimal(240_000), Decimal(240_000), True)]
    assert found(check(tmp_path, text.format(r="250.000"))) == [("PRODUCT_MISMATCH", "error", Decimal(250_000))]
    # another figure in the label may be a factor: the wrong result is unread, never an error
    r = check(tmp_path, "- Thuê hội trường (04 đợt): 80.000 đồng/đợt x 3 đợt = 250.000 đồng\n")
    assert [code for code, *_ in found(r)] == ["COSTLINE_LOOSE"]


def test_a_figure_split_in_its_note_is_a_sum_of_its_parts(tmp_path: Path) -> None:
    text = "- Hỗ trợ: 750.000 đồng/người (tỉnh {a} đồng; huyện 250.000 đồng) x 30 người = 22.500.000 đồng\n"
    r = check(tmp_path, text.format(a="500.000"))
    assert found(r) == [] and [(x.stated, x.computed, x.ok) for x in r.evaluation.side] == [
        (Decimal(750_000), Decimal(750_000), True)
    ]
    r = check(tmp_path, text.format(a="450.000"))
    (f,) = [f for f in r.findings if f.severity is Severity.ERROR]
    assert (f.code, f.message_key, f.expected, f.actual, f.source.col) == (
        "PRODUCT_MISMATCH",
        "PRODUCT_MISMATCH.split",
        Decimal(700_000),
        Decimal(750_000),
        11,  # the figure the parts split: ``- Hỗ trợ: 750.000``
    )
    assert lines(r)[0] == (Decimal(22_500_000), Decimal(22_500_000), True)  # the product itself agrees


def test_a_cap_in_the_label_is_no_factor(tmp_path: Path) -> None:
    # ``(tối đa 4 người)`` caps who may go; it is not a factor, so a wrong result is an error
    text = "- Công tác phí (tối đa 4 người): 6 ngày x 350.000 đồng/ngày = {r} đồng\n"
    assert lines(check(tmp_path, text.format(r="2.100.000"))) == [(Decimal(2_100_000), Decimal(2_100_000), True)]
    assert found(check(tmp_path, text.format(r="2.400.000"))) == [("PRODUCT_MISMATCH", "error", Decimal(2_400_000))]
    # without the cap's words the number may be a factor: the wrong result is unread
    r = check(tmp_path, "- Công tác phí (4 người): 6 ngày x 350.000 đồng/ngày = 2.400.000 đồng\n")
    assert [code for code, *_ in found(r)] == ["COSTLINE_LOOSE"]


def _shape(tokens: list[Token], node: Node) -> str:
    """A parse written out: ``(a * b)``, each operand with ``[its unit]`` and ``{its notes}``."""
    if isinstance(node, BinOp):
        return f"({_shape(tokens, node.left)} {node.op} {_shape(tokens, node.right)})"
    assert node.number is not None or node.group is not None
    text = node.number.text if node.number is not None else f"{node.bracket}{_shape(tokens, node.group)})"  # type: ignore[arg-type]
    text += "%" if node.percent else ""
    if node.unit is not None:
        text += "[" + " ".join(t.text for t in tokens[node.unit[0] : node.unit[1]]) + "]"
    return text + "".join("{" + " ".join(t.text for t in tokens[a:b]) + "}" for a, b in node.notes)


def _parsed(text: str) -> str:
    tokens = tokenize(text)
    try:
        return _shape(tokens, parse_expression(tokens, 0, len(tokens)).node)
    except ParseError as e:
        return f"unread at {e.at}: {e.reason}"


@pytest.mark.parametrize(
    ("text", "parsed"),
    [
        ("3 a b c d e f g h", "3[a b c d e f g h]"),  # eight words: the longest unit phrase
        ("3 a b c d e f g h i", "unread at 9: unit"),
        ("3 người x 5 tr.đ/người", "(3[người] * 5[tr . đ / người])"),
        ("3 người x 5 tr. đ/người", "unread at 5: leftover"),  # ``tr. đ``: a full stop, then a word
        ("5 chứng chỉ khóa, học", "5[chứng chỉ khóa , học]"),
        ("5 chứng chỉ khóa, học x 3", "(5[chứng chỉ khóa , học] * 3)"),
        ("10 người (ghi chú) x 2", "(10[người]{( ghi chú )} * 2)"),
        ("10 người (5 x 2)", "unread at 2: leftover"),  # a computation in brackets is no note
        ("2 người - 1 người", "(2[người] - 1[người])"),
    ],
)
def test_units_and_notes_of_operands(text: str, parsed: str) -> None:
    assert _parsed(text) == parsed


def test_a_prefix_stops_before_an_operator_at_the_regions_end() -> None:
    tokens = tokenize("2 - 3")
    assert parse_prefix(tokens, 0, 2).end == 1


@pytest.mark.parametrize(
    ("text", "note"),
    [
        ("(20/30 ngày)", False),  # between numbers, arithmetic
        ("(2 + 3 ngày)", False),
        ("(20)", False),  # no word: a number, not prose
        ("(Hà Nội - Hải Phòng)", True),  # between words, prose
        ("(ghi chú)", True),
        ("(5 người/30 ngày)", True),
    ],
)
def test_what_a_bracket_of_prose_is(text: str, note: bool) -> None:
    tokens = tokenize(text)
    assert is_note(tokens, 1, len(tokens) - 1) is note


@pytest.mark.parametrize(
    ("text", "j", "date"),
    [
        ("5/2024", 1, True),
        ("ngày 30/11", 2, True),
        ("24/3/2024", 1, True),
        ("2020 - 2025", 1, True),
        ("20/30", 1, False),
    ],
)
def test_what_joins_the_parts_of_a_date(text: str, j: int, date: bool) -> None:
    assert is_date(tokenize(text), j) is date


def test_bang_stands_for_equals_before_a_number(tmp_path: Path) -> None:
    text = "- Ăn trưa: 3 người x 5 triệu đồng/người bằng {r} triệu đồng\n"
    assert lines(check(tmp_path, text.format(r="15"))) == [(Decimal(15), Decimal(15), True)]
    assert found(check(tmp_path, text.format(r="16"))) == [("PRODUCT_MISMATCH", "error", Decimal(16))]


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        # a number after ``Lớp`` names the class: no factor left aside, the wrong result is an error
        ("- Học sinh Lớp 5: 30 em x 200.000 đồng/em = 6.100.000 đồng", [("PRODUCT_MISMATCH", "error", 6_100_000)]),
        # ``không quá 4 người`` is a cap, not a factor
        (
            "- Công tác phí (không quá 4 người): 6 ngày x 350.000 đồng/ngày = 2.400.000 đồng",
            [("PRODUCT_MISMATCH", "error", 2_400_000)],
        ),
        # ``(02 đợt)`` and ``(0 đợt)`` restate the factor: no loose number
        (
            "- Thuê hội trường (02 đợt): 80.000 đồng/đợt x 2 đợt = 170.000 đồng",
            [("PRODUCT_MISMATCH", "error", 170_000)],
        ),
        ("- Thuê hội trường (0 đợt): 80.000 đồng/đợt x 0 đợt = 10.000 đồng", [("PRODUCT_MISMATCH", "error", 10_000)]),
        # something computed after the result: the line is not read, never judged
        (
            "- Khoản A: 3 người x 100.000 đồng/người = 300.000 đồng trừ 50.000 đồng tạm ứng",
            [
                ("UNCHECKED_AMOUNT", "warning", 300_000),
                ("COSTLINE_UNREADABLE", "warning", None),
                ("UNCHECKED_AMOUNT", "warning", 50_000),
            ],
        ),
        (
            "- Khoản A: 3 người x 100.000 đồng/người = 300.000 đồng nhân 2",
            [("UNCHECKED_AMOUNT", "warning", 300_000), ("COSTLINE_UNREADABLE", "warning", None)],
        ),
        # a number glued to a word (table cells run together) starts no expression
        (
            "- Khoản A: Tháng520 3 người x 100.000 đồng/người = 300.000 đồng",
            [("COSTLINE_UNREADABLE", "warning", None), ("UNCHECKED_AMOUNT", "warning", 300_000)],
        ),
        # a money figure in a note inside a group: not read
        (
            "- Khoản A: (3 người (tỉnh 600.000 đồng) x 2) x 100.000 đồng = 600.000 đồng",
            [("COSTLINE_UNREADABLE", "warning", None), ("UNCHECKED_AMOUNT", "warning", 600_000)],
        ),
        # notes of a later side of a chain are read as those of the first: a money figure in one
        # leaves the line unread; a number in one is loose (the line agrees without it, or is
        # judged only as agreeing with it)
        (
            "- Khoản A: 2 người x 100.000 đồng = 200.000 đồng x 2 ngày (hỗ trợ 50.000 đồng) = 400.000 đồng",
            [("COSTLINE_UNREADABLE", "warning", None), ("UNCHECKED_AMOUNT", "warning", 400_000)],
        ),
        ("- Khoản A: 2 người x 100.000 đồng = 200.000 đồng x 2 ngày (3 buổi) = 400.000 đồng", []),
        (
            "- Khoản A: 2 người x 100.000 đồng = 200.000 đồng x 2 ngày (3 buổi) = 1.200.000 đồng",
            [("COSTLINE_LOOSE", "warning", None)],
        ),
    ],
)
def test_numbers_beside_a_product_and_after_its_result(
    tmp_path: Path, text: str, verdict: list[tuple[str, str, int | None]]
) -> None:
    assert found(check(tmp_path, text + "\n")) == [(c, s, None if v is None else Decimal(v)) for c, s, v in verdict]


def test_the_start_of_a_span_counts_as_a_space() -> None:
    tokens = tokenize("3 người x5")
    assert [(t.kind, t.text, t.space_before) for t in tokens] == [
        (Kind.NUM, "3", True),
        (Kind.WORD, "người", True),
        (Kind.MUL, "x", True),
        (Kind.NUM, "5", False),
    ]
    assert tokenize("ab 3 người", 3)[0].space_before is True


@pytest.mark.parametrize(
    ("text", "findings", "judged"),
    [
        # no result after ``=``: unread, the warning at the last token read
        ("- Khoản A: 3 người x 100.000 đồng/người =", [("COSTLINE_UNREADABLE", 41)], []),
        ("- Khoản A: 3 người x 100.000 đồng/người = đồng", [("COSTLINE_UNREADABLE", 43)], []),
        ("Tổng là 300.000 đồng = 3 người x 100.000 đồng/người", [("COSTLINE_UNREADABLE", 32)], []),
        # a year in the label names the event: not a factor, so the wrong result is an error
        (
            "- Hội nghị 2024 tổng kết: 3 người x 100.000 đồng/người = 400.000 đồng",
            [("PRODUCT_MISMATCH", 58)],
            [(400_000, False)],
        ),
        # ``là`` before the figure, its computation in brackets after it
        ("- Hỗ trợ đi lại là 5.400.000 đồng ((2.000 đồng x 900 km) x 3 người)", [], [(5_400_000, True)]),
        # ``là`` at the end, an equation inside a note: neither is a relation of the line
        ("- Khoản A: 3 người x 100.000 đồng/người = 300.000 đồng, tổng là", [], [(300_000, True)]),
        ("- Khoản A: 3 người x 100.000 đồng/người = 300.000 đồng ((ghi chú) = 5)", [], [(300_000, True)]),
    ],
)
def test_where_reading_stops_and_what_is_judged(
    tmp_path: Path, text: str, findings: list[tuple[str, int]], judged: list[tuple[int, bool]]
) -> None:
    r = check(tmp_path, text + "\n")
    assert [(f.code, f.source.col) for f in r.findings if not f.code.startswith("UNIT_")] == findings
    assert [(x.stated, x.ok) for x in r.evaluation.lines()] == [(Decimal(v), ok) for v, ok in judged]


@pytest.mark.parametrize(
    "text",
    [
        "- Chi A3 người x 100.000 đồng/người = 300.000 đồng",
        "Tháng520 người x 100.000 đồng/người = 52.000.000 đồng",
    ],
)
def test_a_number_glued_to_a_word_starts_no_product(tmp_path: Path, text: str) -> None:
    # ``A3``, ``Tháng520``: cells run together; the product is not guessed from half a token
    r = check(tmp_path, text + "\n")
    assert [code for code, _, _ in found(r)] == ["COSTLINE_UNREADABLE", "UNCHECKED_AMOUNT"]
    assert r.evaluation.lines() == []


def test_a_class_number_in_the_label_is_no_factor(tmp_path: Path) -> None:
    r = check(tmp_path, "- Học sinh lớp 5 trường A: 30 em x 200.000 đồng/em = 6.100.000 đồng\n")
    assert found(r) == [("PRODUCT_MISMATCH", "error", Decimal(6_100_000))]


def test_a_money_rate_in_the_label_leaves_the_line_unread(tmp_path: Path) -> None:
    # ``50.000 đồng/người`` before the product may be its real rate: which one is meant is unknown
    r = check(tmp_path, "- Ăn trưa 50.000 đồng/người: 3 người x 100.000 đồng/người = 300.000 đồng\n")
    # the warning stands at the rate, where reading stopped
    assert [(f.code, f.source.col) for f in r.findings if not f.code.startswith("UNIT_")] == [
        ("COSTLINE_UNREADABLE", 11),
        ("UNCHECKED_AMOUNT", 61),
    ]
    assert r.evaluation.lines() == []


def test_an_operand_is_never_read_beyond_its_region() -> None:
    tokens = tokenize("3 x 5")
    with pytest.raises(ParseError) as e:
        parse_prefix(tokens, 0, 2)
    assert (e.value.at, e.value.reason) == (2, "end")


@pytest.mark.parametrize(
    ("text", "hi", "end"),
    [
        ("3 nhân 5", 2, 2),  # ``nhân`` with no number after it in the region: a word of the unit
        ("3 người là 5", 4, 2),  # ``là`` before a number ends the unit: a relation
        ("3 người x+ 1", 5, 2),  # an ``x`` not before a number: no unit word, no sign
    ],
)
def test_where_a_prefix_ends(text: str, hi: int, end: int) -> None:
    assert parse_prefix(tokenize(text), 0, hi).end == end


def test_brackets_nest_twelve_deep_at_most() -> None:
    assert _parsed("(" * 12 + "3" + ")" * 12) == "(" * 12 + "3" + ")" * 12
    assert _parsed("(" * 13 + "3" + ")" * 13) == "unread at 12: depth"


@pytest.mark.parametrize(
    ("text", "j", "date"),
    [("số 5/12", 2, True), ("5/12 ngày", 1, False), ("người/2024", 1, False), ("3/4/", 1, True)],
)
def test_more_dates_and_what_is_not_one(text: str, j: int, date: bool) -> None:
    assert is_date(tokenize(text), j) is date


def test_an_operator_between_a_number_and_words_is_prose() -> None:
    tokens = tokenize("(5 - ghi chú)")
    assert is_note(tokens, 1, len(tokens) - 1) is True


@pytest.mark.parametrize(
    "word",
    "Lớp Khu Năm Khối Tổ Đội Số Phòng Tháng Ngày Mục Điều Khoản Điểm Giải Đoạn Đợt Tuần Kỳ Quý Tiết Bài Phụ Lục "
    "Biểu Mẫu Hàng Cấp Vòng".split(),
)
def test_a_number_that_names_something_in_the_label_is_no_factor(tmp_path: Path, word: str) -> None:
    # ``Tổ 3 trường A``: the number names the group; the wrong result is an error, not a loose line
    r = check(tmp_path, f"- Học sinh {word} 5 trường A: 30 em x 200.000 đồng/em = 6.100.000 đồng\n")
    assert found(r) == [("PRODUCT_MISMATCH", "error", Decimal(6_100_000))]
    # any other word before it: the 5 may be a factor, the line is not judged
    r = check(tmp_path, "- Học sinh nhóm 5 trường A: 30 em x 200.000 đồng/em = 6.100.000 đồng\n")
    assert [code for code, _, _ in found(r)] == ["COSTLINE_LOOSE"]


@pytest.mark.parametrize("limit", ["tối đa", "tối thiểu", "không quá", "ít nhất", "vượt quá"])
def test_a_cap_or_floor_in_the_label_is_no_factor(tmp_path: Path, limit: str) -> None:
    r = check(tmp_path, f"- Công tác phí ({limit} 4 người): 6 ngày x 350.000 đồng/ngày = 2.400.000 đồng\n")
    assert found(r) == [("PRODUCT_MISMATCH", "error", Decimal(2_400_000))]


def test_a_label_figure_with_another_word_is_not_the_factor_restated(tmp_path: Path) -> None:
    # ``(02 đợt)`` is not ``2 ngày``: it may be a factor, the wrong result is not judged
    r = check(tmp_path, "- Thuê hội trường (02 đợt): 80.000 đồng/ngày x 2 ngày = 170.000 đồng\n")
    assert [(f.code, f.source.col) for f in r.findings if not f.code.startswith("UNIT_")] == [("COSTLINE_LOOSE", 20)]


@pytest.mark.parametrize(
    ("note", "findings"),
    [
        ("(tỉnh: 500.000 đồng; huyện: 250.000 đồng)", []),
        ("(tỉnh 500.000 đồng, huyện 250.000 đồng)", []),
        ("(tỉnh: 450.000 đồng; huyện: 250.000 đồng)", [("PRODUCT_MISMATCH", 11)]),
        # a part without a name: not a split of the figure, the line is not read
        ("(tỉnh 500.000 đồng; 250.000 đồng)", [("COSTLINE_UNREADABLE", 36), ("UNCHECKED_AMOUNT", 77)]),
        ("(500.000 đồng; huyện 250.000 đồng)", [("COSTLINE_UNREADABLE", 31), ("UNCHECKED_AMOUNT", 78)]),
        # a sign between the parts, a name with no figure, a figure with no unit: no split
        ("(tỉnh 500.000 đồng - huyện 250.000 đồng)", [("COSTLINE_UNREADABLE", 36), ("UNCHECKED_AMOUNT", 84)]),
        ("(tỉnh 500.000 đồng; huyện 250.000 đồng; xã)", [("COSTLINE_UNREADABLE", 36), ("UNCHECKED_AMOUNT", 87)]),
        ("(tỉnh 500.000 đồng; huyện 250.000 đồng, 3)", [("COSTLINE_UNREADABLE", 36), ("UNCHECKED_AMOUNT", 86)]),
    ],
)
def test_a_figure_split_in_named_parts(tmp_path: Path, note: str, findings: list[tuple[str, int]]) -> None:
    r = check(tmp_path, f"- Hỗ trợ: 750.000 đồng/người {note} x 30 người = 22.500.000 đồng\n")
    assert [(f.code, f.source.col) for f in r.findings if not f.code.startswith("UNIT_")] == findings


def test_tru_di_is_a_difference(tmp_path: Path) -> None:
    text = "- Khoản A: 300.000 đồng trừ đi 50.000 đồng = {r} đồng\n"
    assert lines(check(tmp_path, text.format(r="250.000"))) == [(Decimal(250_000), Decimal(250_000), True)]
    assert found(check(tmp_path, text.format(r="260.000"))) == [("PRODUCT_MISMATCH", "error", Decimal(260_000))]


@pytest.mark.parametrize("sign", ["/", ":"])
def test_a_division_sign_at_the_regions_end_ends_the_prefix(sign: str) -> None:
    assert parse_prefix(tokenize(f"3 {sign} 5"), 0, 2).end == 1


@pytest.mark.parametrize("word", ["ngày", "tháng", "năm", "số", "kỳ", "quý"])
def test_a_date_word_before_two_numbers_makes_a_date(word: str) -> None:
    assert is_date(tokenize(f"{word} 5/12"), 2) is True
    assert is_date(tokenize("lớp 5/12"), 2) is False


@pytest.mark.parametrize("after", ["nhân 2", "chia 3", "cộng 5", "trừ 5"])
def test_a_word_operator_after_the_result_leaves_the_line_unread(tmp_path: Path, after: str) -> None:
    r = check(tmp_path, f"- Khoản A: 3 người x 100.000 đồng/người = 300.000 đồng {after}\n")
    assert [code for code, _, _ in found(r)] == ["UNCHECKED_AMOUNT", "COSTLINE_UNREADABLE"]
    assert r.evaluation.lines() == []


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        ("2.000 đồng x 900 km", "product"),
        ("2 - 3 người", "product"),
        ("3 người : 2", "product"),
        ("2 + 3", "product"),
        ("Hà Nội - 3 ngày x 2", "product"),
        ("tổng 2 x 3", "product"),
        ("2 x 3 = 6", "equation"),
        ("tỉnh 2 - huyện 3", "note"),  # a sign between a word and a number: prose
        ("2 người/3 ngày", "note"),  # a slash after a word is a unit's
        ("2020 - 2025 x 3", "note"),  # a period
        ("3 x", "note"),
    ],
)
def test_signs_that_make_a_bracket_a_computation(content: str, kind: str) -> None:
    assert computation_kind(content) == kind


@pytest.mark.parametrize("word", ["nhân", "chia", "trừ", "cộng"])
def test_an_operator_word_ending_the_clause_is_a_word_of_the_unit(word: str) -> None:
    assert _parsed(f"3 người chưa {word}") == f"3[người chưa {word}]"


def test_an_operator_with_nothing_after_the_result_leaves_the_line_unread(tmp_path: Path) -> None:
    # ``= 3 x``: the line was cut short after an operator; the ``3`` is no result to judge
    text = "KẾ HOẠCH\nTổng kinh phí: 300.000 đồng\n- Khoản A: 3 người x 100.000 đồng/người = 300.000 đồng = 3 x\n"
    path = tmp_path / "t.txt"
    path.write_text(text, encoding="utf-8")
    report = check_file(path)
    assert [f.code for f in report.findings if f.severity is Severity.ERROR] == []
    assert "COSTLINE_UNREADABLE" in [f.code for f in report.findings]


def _relation(text: str) -> Relation | Unread | None:
    """The relation of a clause, with no money units and no rates (each number stands alone)."""
    return read_relation(tokenize(text), lambda end: end, lambda i: False)


def test_a_relation_of_400_tokens_is_read_and_one_of_401_is_not() -> None:
    # the words after the result count: ``3 x 5 = 15`` is 5 tokens
    read = _relation("3 x 5 = 15" + " a" * 395)
    assert isinstance(read, Relation) and read.result.number == 4
    assert _relation("3 x 5 = 15" + " a" * 396) == Unread(0, "too long")


def test_sixteen_starts_are_tried_for_one_expression_at_most() -> None:
    # each ``(a)`` after a unit word may start an expression; the leftmost start, the product's
    # own, is the 17th from the ``=`` when 16 of them stand between
    def product(notes: int) -> str:
        return "10 người (a)" + " x 1 người (a)" * (notes - 1) + " = 10"

    read = _relation(product(15))
    assert isinstance(read, Relation) and read.start == 0
    assert _relation(product(16)) == Unread(5, "no expression")


def test_a_sign_after_a_closed_bracket_with_no_expression_is_unread() -> None:
    assert _relation("Chi (a) x 3 = 3") == Unread(4, "no expression")
    assert _relation("Chi (a x 3) = 3") is None  # a sign in brackets is the group's


def test_a_word_at_the_clauses_end_after_the_result_is_harmless(tmp_path: Path) -> None:
    r = check(tmp_path, "- Khoản A: 3 người x 100.000 đồng/người = 300.000 đồng chẵn\n")
    assert found(r) == []
    assert lines(r) == [(Decimal(300_000), Decimal(300_000), True)]


@pytest.mark.parametrize(
    "text",
    [
        "5 lớp: 3 x 100 = 400 tối đa",  # ``tối đa`` ends the clause, nothing is before the 5
        "5 nhóm: 3 x 100 = 400 mỗi tháng",  # ``tháng`` ends the clause, no word is before the 5
    ],
)
def test_a_number_opening_the_clause_is_loose(text: str) -> None:
    read = _relation(text)
    assert isinstance(read, Relation) and (read.start, read.loose) == (3, (0,))


def test_a_later_side_that_is_no_expression_leaves_the_chain_unread() -> None:
    assert _relation("3 x 5 = 15 người x = 30") == Unread(6, "chain")


def test_a_product_right_after_la_glued_to_its_first_number() -> None:
    # ``là2``: the word before the product is the relation mark, not a word the number is glued to
    read = _relation("Tổng là2 x 3 = 6")
    assert isinstance(read, Relation) and (read.start, read.result.number) == (2, 6)


def test_a_rate_in_the_label_then_its_counts_multiplied_is_a_prose_product(tmp_path: Path) -> None:
    # ``30 người x 2 ngày`` alone would leave the rate before it aside: the line is the rate
    # times its counts, 40.000 x 30 x 2
    r = check(tmp_path, "- Hỗ trợ 40.000 đồng/người/ngày cho 30 người x 2 ngày là 2.500.000 đồng\n")
    assert [(f.code, f.source.col) for f in r.findings if not f.code.startswith("UNIT_")] == [("PRODUCT_MISMATCH", 58)]
    assert lines(r) == [(Decimal(2_500_000), Decimal(2_400_000), False)]


@pytest.mark.parametrize(
    ("text", "col"),
    [
        ("Đợt 2 hỗ trợ 640 hộ với mức 40.000 đồng/hộ là 25.700.000 đồng", 47),  # ``Đợt 2`` opens the line
        ("Hỗ trợ 640 hộ với mức 40.000 đồng/hộ theo phương án 3 là 25.700.000 đồng", 58),  # nothing after the 3
    ],
)
def test_a_number_that_names_something_in_a_prose_product_is_no_count(tmp_path: Path, text: str, col: int) -> None:
    r = check(tmp_path, text + "\n")
    assert [(f.code, f.source.col) for f in r.findings if not f.code.startswith("UNIT_")] == [("PRODUCT_MISMATCH", col)]
    assert lines(r) == [(Decimal(25_700_000), Decimal(25_600_000), False)]


def test_a_number_glued_to_a_word_in_a_note_is_passed_over_for_the_start() -> None:
    # ``đợt2`` starts nothing; the product still starts at the 3, the 2 is a number of its note
    read = _relation("3 x 5 ngày (đợt2) = 15")
    assert isinstance(read, Relation) and (read.start, read.loose) == (0, (6,))


def test_a_note_without_numbers_leaves_nothing_aside() -> None:
    read = _relation("3 người (cả ban) x 100 = 300")
    assert isinstance(read, Relation) and (read.start, read.loose) == (0, ())


def test_a_number_between_an_equals_sign_of_the_label_and_the_product_is_loose() -> None:
    # the first ``=`` has no product before it: it belongs to the label, and the 5 after it may be a factor
    read = _relation("Kinh phí = 5 nhóm: 3 x 100 = 400")
    assert isinstance(read, Relation) and (read.start, read.loose) == (6, (3,))


def test_the_words_of_a_total_after_factors_that_do_not_make_money_state_no_product(tmp_path: Path) -> None:
    """``tổng kinh phí`` before a figure states a product's result only when the rate and its
    counts make money exactly: without the months the rate is per, nothing is read (the figures
    are reported not checked, never an error); a total of items is still a total."""
    r = check(tmp_path, "Hỗ trợ 120 học sinh với mức 500.000 đồng/học sinh/tháng, tổng kinh phí 540.000.000 đồng.\n")
    assert lines(r) == []
    assert [(code, sev) for code, sev, _ in found(r)] == [("UNCHECKED_AMOUNT", "warning")] * 2
    text = "1. Tập huấn 200 giáo viên, tổng kinh phí 150.000.000 đồng.\n2. Mua sắm: 50.000.000 đồng.\n"
    r = check(tmp_path, text + "Tổng cộng 200.000.000 đồng.\n")
    assert (lines(r), found(r), r.evaluation.total.stated) == ([], [], Decimal(200_000_000))


@pytest.mark.parametrize(
    ("text", "read", "codes"),
    [
        # the opening bracket left out: read with it opened at the first number, as it agrees
        ("- Chi phí: 05 ngày = 40 giờ x 50.000 đồng/giờ) x 12 hồ sơ = 24.000.000 đồng\n", True, ["BRACKET_IMPLIED"]),
        ("- Tiền ăn: 3 ngày x 2 bữa) x 40.000 đồng/bữa = 240.000 đồng\n", True, ["BRACKET_IMPLIED"]),
        # a guess that does not agree is no error: the clause stays unread
        (
            "- Chi phí: 05 ngày = 40 giờ x 50.000 đồng/giờ) x 12 hồ sơ = 25.000.000 đồng\n",
            False,
            ["COSTLINE_UNREADABLE"],
        ),
        # two closing brackets, or one with an opening one: no guess
        ("- Chi phí: 2 x 3) x 4) = 24 đồng\n", False, ["COSTLINE_UNREADABLE"]),
    ],
)
def test_a_computation_that_lost_its_opening_bracket(tmp_path: Path, text: str, read: bool, codes: list[str]) -> None:
    r = check(tmp_path, text)
    assert [ln.ok for ln in r.evaluation.lines()] == ([True] if read else [])
    assert [f.code for f in r.findings if not f.code.startswith(("UNIT_", "UNCHECKED"))] == codes
    assert [f for f in r.findings if f.severity is Severity.ERROR] == []


def test_the_note_of_an_implied_bracket_says_where_it_was_assumed(tmp_path: Path) -> None:
    r = check(tmp_path, "- Tiền ăn: 3 ngày x 2 bữa) x 40.000 đồng/bữa = 240.000 đồng\n")
    (note,) = [f for f in r.findings if f.code == "BRACKET_IMPLIED"]
    assert (note.severity, note.source.line, note.source.col) == (Severity.INFO, 1, 12)
    assert_message(
        note,
        "BRACKET_IMPLIED",
        "Phép tính thiếu dấu mở ngoặc “(” cho dấu đóng ngoặc “)” của nó: đã đọc với ngoặc mở từ số đầu tiên, "
        "và cách đọc này khớp với số ghi.",
        en="The computation lacks the opening bracket “(” of its closing one “)”: read with the bracket opened "
        "at its first number, and read so it agrees with the stated figure.",
    )


@pytest.mark.parametrize(
    ("text", "read"),
    [
        # a colon before the clause's last figure states the product's result when it agrees
        ("Hỗ trợ 120 học sinh, mức 500.000 đồng/học sinh/tháng, 9 tháng: 540.000.000 đồng.", True),
        # a percentage of the product among the factors (``50% học phí``), likewise
        ("Hỗ trợ 50% học phí cho 200 học sinh, mức 300.000 đồng/học sinh/tháng, 9 tháng: 270.000.000 đồng.", True),
        ("Hỗ trợ 70% học phí cho 40 em với mức 150.000 đồng/em/tháng trong 9 tháng là 37.800.000 đồng", True),
        # a guess that does not agree is no error: unread (the colon may name a part; the percentage
        # may be a rate of something else)
        ("Hỗ trợ 120 học sinh, mức 500.000 đồng/học sinh/tháng, 9 tháng: 560.000.000 đồng.", False),
        ("Hỗ trợ 200 học sinh đạt 95%, mức 300.000 đồng/học sinh/tháng, 9 tháng: 540.000.000 đồng.", False),
        ("Hỗ trợ 70% học phí cho 40 em với mức 150.000 đồng/em/tháng trong 9 tháng là 54.000.000 đồng", False),
        # a colon that names a part of the figure before it reads nothing
        ("Hỗ trợ 120 học sinh, mức 500.000 đồng/học sinh/tháng, 9 tháng: ngân sách tỉnh 300.000.000 đồng.", False),
    ],
)
def test_a_prose_product_read_only_as_it_agrees(tmp_path: Path, text: str, read: bool) -> None:
    r = check(tmp_path, "KẾ HOẠCH\n" + text + "\n")
    assert [ln.ok for ln in r.evaluation.lines()] == ([True] if read else [])
    assert [f for f in r.findings if f.severity is Severity.ERROR] == []
    assert any(f.code == "UNCHECKED_AMOUNT" for f in r.findings) is not read
