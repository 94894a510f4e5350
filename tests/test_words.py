"""Amounts in words: the formal writing, every variant officers write read back, spans in lines."""

from __future__ import annotations

import time
import unicodedata
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from budget.numbers import format_vn
from budget.words import WordsReading, WordsSpan, find_words, from_words, scale_words, to_words

# Checked by hand against the formal style (not produced by the code under test).
AMOUNTS = [
    (0, "Không đồng"),
    (1, "Một đồng"),
    (5, "Năm đồng"),
    (10, "Mười đồng"),
    (11, "Mười một đồng"),
    (14, "Mười bốn đồng"),
    (15, "Mười lăm đồng"),
    (20, "Hai mươi đồng"),
    (21, "Hai mươi mốt đồng"),
    (24, "Hai mươi tư đồng"),
    (25, "Hai mươi lăm đồng"),
    (41, "Bốn mươi mốt đồng"),
    (55, "Năm mươi lăm đồng"),
    (99, "Chín mươi chín đồng"),
    (100, "Một trăm đồng"),
    (101, "Một trăm linh một đồng"),
    (104, "Một trăm linh bốn đồng"),
    (105, "Một trăm linh năm đồng"),
    (110, "Một trăm mười đồng"),
    (115, "Một trăm mười lăm đồng"),
    (121, "Một trăm hai mươi mốt đồng"),
    (999, "Chín trăm chín mươi chín đồng"),
    (1_000, "Một nghìn đồng"),
    (1_001, "Một nghìn không trăm linh một đồng"),
    (1_010, "Một nghìn không trăm mười đồng"),
    (2_015, "Hai nghìn không trăm mười lăm đồng"),
    (10_000, "Mười nghìn đồng"),
    (15_000, "Mười lăm nghìn đồng"),
    (24_024, "Hai mươi tư nghìn không trăm hai mươi tư đồng"),
    (100_500, "Một trăm nghìn năm trăm đồng"),
    (1_000_000, "Một triệu đồng"),
    (1_000_004, "Một triệu không trăm linh bốn đồng"),
    (1_005_000, "Một triệu không trăm linh năm nghìn đồng"),
    (1_500_000, "Một triệu năm trăm nghìn đồng"),
    (21_000_000, "Hai mươi mốt triệu đồng"),
    (500_000_000, "Năm trăm triệu đồng"),
    (1_000_000_000, "Một tỷ đồng"),
    (1_000_000_005, "Một tỷ, không trăm linh năm đồng"),
    (1_005_000_000, "Một tỷ, không trăm linh năm triệu đồng"),
    (46_375_000_000, "Bốn mươi sáu tỷ, ba trăm bảy mươi lăm triệu đồng"),
    (1_000_000_000_000, "Một nghìn tỷ đồng"),
    (1_000_000_001_000, "Một nghìn tỷ, không trăm linh một nghìn đồng"),
    (1_001_000_000_000, "Một nghìn không trăm linh một tỷ đồng"),
    (3_790_000_000_000, "Ba nghìn bảy trăm chín mươi tỷ đồng"),
    (6_131_420_000_000, "Sáu nghìn một trăm ba mươi mốt tỷ, bốn trăm hai mươi triệu đồng"),
    (7_093_800_000_000, "Bảy nghìn không trăm chín mươi ba tỷ, tám trăm triệu đồng"),
    (375_500_000_000_000, "Ba trăm bảy mươi lăm nghìn năm trăm tỷ đồng"),
    (500_000_000_000_000, "Năm trăm nghìn tỷ đồng"),
    (1_000_000_000_000_000, "Một triệu tỷ đồng"),
    (2_300_000_000_000_000, "Hai triệu ba trăm nghìn tỷ đồng"),
    (100_000_000_000_000_000, "Một trăm triệu tỷ đồng"),
    (
        123_456_789_012_345_678,
        "Một trăm hai mươi ba triệu bốn trăm năm mươi sáu nghìn bảy trăm tám mươi chín tỷ, "
        "không trăm mười hai triệu ba trăm bốn mươi lăm nghìn sáu trăm bảy mươi tám đồng",
    ),
    (1_000_000_000_000_000_000, "Một tỷ tỷ đồng"),
    (1_200_000_000_000_000_000, "Một tỷ tỷ, hai trăm triệu tỷ đồng"),
    (-5_000_000, "Âm năm triệu đồng"),
    (-2_015, "Âm hai nghìn không trăm mười lăm đồng"),
]


@pytest.mark.parametrize(("value", "words"), AMOUNTS)
def test_written_in_the_formal_style(value: int, words: str) -> None:
    assert to_words(value) == words
    assert to_words(Decimal(value)) == words


@pytest.mark.parametrize(("value", "words"), AMOUNTS)
def test_read_back_to_the_same_value(value: int, words: str) -> None:
    r = from_words(words)
    assert r is not None
    assert r.value == Decimal(value)
    assert r.currency == "đồng"


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (21, "Hai mươi mốt"),
        (25, "Hai mươi lăm"),
        (15, "Mười lăm"),
        (14, "Mười bốn"),
        (24, "Hai mươi tư"),
        (0, "Không"),
    ],
)
def test_without_a_unit(value: int, words: str) -> None:
    assert to_words(value, unit="") == words
    assert to_words(value, "") == words


def test_other_unit_is_appended_verbatim() -> None:
    assert to_words(500, "triệu đồng") == "Năm trăm triệu đồng"
    assert to_words(Decimal("12.000"), "USD") == "Mười hai USD"


@pytest.mark.parametrize(
    "bad", [Decimal("1.5"), Decimal("0.001"), Decimal("NaN"), Decimal("Infinity"), Decimal("-Inf")]
)
def test_fractional_or_special_values_are_refused(bad: Decimal) -> None:
    with pytest.raises(ValueError):
        to_words(bad)


def test_only_numbers_are_written() -> None:
    with pytest.raises(TypeError):
        to_words(True)
    with pytest.raises(TypeError):
        to_words(1.5)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Một trăm lẻ năm đồng", 105),
        ("một trăm linh tư đồng", 104),
        ("Hai ngàn không trăm mười lăm đồng", 2_015),
        ("hai nghìn lẻ mười lăm", 2_015),  # what num2words writes
        ("Hai nghìn không trăm mười năm đồng", 2_015),
        ("Bẩy nghìn không trăm chín mươi ba tỉ, tám trăm triệu đồng", 7_093_800_000_000),
        ("bảy nghìn không trăm chín mươi ba tỷ tám trăm triệu đồng", 7_093_800_000_000),
        ("BẢY NGHÌN KHÔNG TRĂM CHÍN MƯƠI BA TỶ, TÁM TRĂM TRIỆU ĐỒNG", 7_093_800_000_000),
        ("Bảy nghìn tỷ, không trăm chín mươi ba tỷ, tám trăm triệu đồng", 7_093_800_000_000),
        ("Hai mươi nhăm nghìn đồng", 25_000),
        ("Hai mươi bốn đồng", 24),
        ("hai mươi một đồng", 21),
        ("hai mươi năm", 25),
        ("Một trăm mươi đồng", 110),
        ("Mươi lăm đồng", 15),
        ("hai mười đồng", 20),
        ("Một triệu, không trăm linh năm nghìn đồng", 1_005_000),
        ("Một tỷ, năm triệu đồng", 1_005_000_000),
        ("Bốn mươi sáu tỉ ba trăm bẩy mươi lăm triệu đồng", 46_375_000_000),
        ("Bằng chữ: Bốn mươi sáu tỷ, ba trăm bảy mươi lăm triệu đồng chẵn./.", 46_375_000_000),
        ("(Bằng chữ: Ba nghìn bảy trăm chín mươi tỷ đồng)", 3_790_000_000_000),
        ("Số tiền bằng chữ: Năm trăm triệu đồng chẳn.", 500_000_000),
        ("Mười lăm triệu đồng chẵn", 15_000_000),
        ("  một triệu Việt Nam đồng  ", 1_000_000),
        ("Âm ba trăm nghìn đồng", -300_000),
        ("mười tám", 18),
        ("Không đồng chẵn", 0),
    ],
)
def test_variants_read_to_the_same_value(text: str, value: int) -> None:
    for form in (text, unicodedata.normalize("NFD", text), text.lower(), text.replace(",", "")):
        r = from_words(form)
        assert r is not None, form
        assert r.value == Decimal(value), form


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "đồng",
        "tỷ đồng",
        "chẵn",
        "Bằng chữ:",
        "ba con mèo",
        "mười tám tuổi",
        "Năm trăm triệu đồng năm 2024",
        "500 triệu đồng",
        "một trăm năm",  # 150 in speech, 105 by the letter: refused
        "hai triệu năm",  # 2.500.000 in speech
        "một nghìn năm tỷ",
        "hai tỷ ba tỷ",
        "hai nghìn ba triệu",
        "một tỷ, hai tỷ tỷ",
        "không trăm năm mươi nghìn",
        "lẻ năm",
        "không nghìn",
        "không không",
        "một một",
        "một trăm linh",
        "mốt",
        "lăm nghìn",
        "mười mốt",
        "một mươi",
        "tư",
        "trăm",
        "nghìn triệu",
        "hai mươi mười",
        "một tỷ" + " tỷ" * 10,
        "một phẩy năm",
        "đồng một triệu",
        "một triệu đồng đồng",
    ],
)
def test_not_a_number_in_words(text: str) -> None:
    assert from_words(text) is None


@pytest.mark.parametrize(
    ("text", "exponent", "unit", "scaled"),
    [
        ("năm trăm triệu đồng", 6, "triệu đồng", "500"),
        ("Ba nghìn bảy trăm chín mươi tỷ đồng", 9, "tỷ đồng", "3790"),
        ("Một nghìn tỷ đồng", 12, "nghìn tỷ đồng", "1"),
        ("Bốn mươi sáu tỷ, ba trăm bảy mươi lăm triệu đồng", 6, "triệu đồng", "46375"),
        ("Hai nghìn không trăm mười lăm đồng", 0, "đồng", "2015"),
        ("Hai triệu ba trăm nghìn tỷ đồng", 12, "nghìn tỷ đồng", "2300"),
        ("Một tỷ tỷ đồng", 18, "tỷ tỷ đồng", "1"),
        ("năm trăm triệu", 6, "triệu", "500"),
        ("mười tám", 0, "", "18"),
    ],
)
def test_the_unit_found_at_the_end(text: str, exponent: int, unit: str, scaled: str) -> None:
    r = from_words(text)
    assert r is not None
    assert r.scale_exponent == exponent
    assert r.unit == unit
    assert r.scaled == Decimal(scaled)


def test_reading_is_a_frozen_record() -> None:
    r = from_words("năm trăm triệu đồng")
    assert r == WordsReading(Decimal(500_000_000), "đồng", 6)
    with pytest.raises(AttributeError):
        r.value = Decimal(1)  # type: ignore[misc]


@pytest.mark.parametrize(
    ("exponent", "words"), [(0, ""), (3, "nghìn"), (6, "triệu"), (9, "tỷ"), (12, "nghìn tỷ"), (18, "tỷ tỷ")]
)
def test_scale_words(exponent: int, words: str) -> None:
    assert scale_words(exponent) == words


def test_no_scale_words_for_other_powers() -> None:
    with pytest.raises(ValueError):
        scale_words(4)


# --- finding ---------------------------------------------------------------------------


def _only(line: str) -> WordsSpan:
    spans = find_words(line)
    assert len(spans) == 1, spans
    return spans[0]


def test_words_in_parentheses_behind_the_label() -> None:
    line = "Tổng dự toán: 3.790 tỷ đồng (Bằng chữ: Ba nghìn bảy trăm chín mươi tỷ đồng)."
    s = _only(line)
    assert line[s.start : s.end] == "Ba nghìn bảy trăm chín mươi tỷ đồng" == s.text
    assert s.value == Decimal(3_790_000_000_000)
    assert s.unit_exponent == 0


def test_label_to_the_end_of_the_sentence() -> None:
    line = "Bằng chữ: Bốn mươi sáu tỷ, ba trăm bảy mươi lăm triệu đồng. Nguồn: ngân sách tỉnh."
    s = _only(line)
    assert s.start == len("Bằng chữ: ")
    assert s.text == "Bốn mươi sáu tỷ, ba trăm bảy mươi lăm triệu đồng"
    assert s.value == Decimal(46_375_000_000)


def test_amount_label_and_chan_outside_the_span() -> None:
    line = "Số tiền bằng chữ: Năm trăm triệu đồng chẵn./."
    s = _only(line)
    assert s.text == "Năm trăm triệu đồng"
    assert s.value == Decimal(500_000_000)
    assert s.unit_exponent == 0  # words are the full amount even when they end in triệu đồng


def test_parenthesis_ending_in_chan() -> None:
    line = "Kinh phí thực hiện 500.000.000 đồng (Năm trăm triệu đồng chẵn)"
    s = _only(line)
    assert line[s.start : s.end] == "Năm trăm triệu đồng"
    assert s.value == Decimal(500_000_000)


def test_words_end_at_dong() -> None:
    s = _only("Bằng chữ: Năm trăm triệu đồng năm 2024 theo kế hoạch")
    assert s.text == "Năm trăm triệu đồng"


def test_label_variants() -> None:
    assert _only("Tổng số tiền (viết bằng chữ): Một tỷ đồng").value == Decimal(10**9)
    assert _only("BẰNG CHỮ: MỘT TỶ ĐỒNG").value == Decimal(10**9)
    assert _only("bằng chữ - một triệu Việt Nam đồng chẵn").text == "một triệu Việt Nam đồng"
    assert _only("(Bằng chữ: Âm năm triệu đồng)").value == Decimal(-5_000_000)


def test_two_amounts_in_one_line() -> None:
    line = "Thu 2.015 đồng (Bằng chữ: Hai nghìn không trăm mười lăm đồng), chi (Một trăm linh năm đồng chẵn)."
    spans = find_words(line)
    assert [(s.text, s.value) for s in spans] == [
        ("Hai nghìn không trăm mười lăm đồng", Decimal(2_015)),
        ("Một trăm linh năm đồng", Decimal(105)),
    ]
    assert all(line[s.start : s.end] == s.text for s in spans)


def test_offsets_are_into_nfd_text() -> None:
    line = unicodedata.normalize("NFD", "Tổng cộng: (Bằng chữ: Ba nghìn bảy trăm chín mươi tỷ đồng) xong")
    s = _only(line)
    assert line[s.start : s.end] == s.text
    assert unicodedata.normalize("NFC", s.text) == "Ba nghìn bảy trăm chín mươi tỷ đồng"
    assert s.value == Decimal(3_790_000_000_000)


@pytest.mark.parametrize(
    "line",
    [
        "Có mười tám người tham gia, năm trăm triệu đồng được cấp.",
        "ba con mèo",
        "mười tám tuổi",
        "Kinh phí (năm trăm triệu đồng) đã cấp",  # a parenthesis without chẵn
        "(ba con mèo chẵn)",
        "Bằng chữ: ba con mèo",
        "Bằng chữ: hai tỷ ba tỷ đồng",
        "Bằng chữ:",
        "Chữ ký: Nguyễn Văn Năm",
        "",
    ],
)
def test_nothing_reported_without_a_marker_or_without_an_amount(line: str) -> None:
    assert find_words(line) == []


# --- properties --------------------------------------------------------------------------

_VARIANTS = [
    ("nghìn", "ngàn"),
    ("tỷ", "tỉ"),
    ("linh", "lẻ"),
    ("bảy", "bẩy"),
    ("lăm", "nhăm"),
    ("mươi tư", "mươi bốn"),
    ("mươi mốt", "mươi một"),
    (",", ""),
]


@settings(max_examples=300)
@given(st.integers(min_value=0, max_value=10**18))
@example(10**18)
@example(999_999_999_999_999_999)
def test_every_amount_reads_back(n: int) -> None:
    words = to_words(n)
    r = from_words(words)
    assert r is not None
    assert r.value == Decimal(n)
    assert r.currency == "đồng"
    assert r.scaled * 10**r.scale_exponent == n


@settings(max_examples=200)
@given(st.integers(min_value=-(10**18), max_value=10**18), st.lists(st.sampled_from(_VARIANTS), unique=True))
def test_variant_spellings_read_back(n: int, variants: list[tuple[str, str]]) -> None:
    words = to_words(n)
    for formal, variant in variants:
        words = words.replace(formal, variant)
    for form in (words, words.lower(), words.upper(), unicodedata.normalize("NFD", words)):
        r = from_words(form)
        assert r is not None, form
        assert r.value == Decimal(n)


_NUMBER_TOKENS = [
    *"không một hai ba bốn tư năm lăm nhăm sáu bảy bẩy tám chín mươi mười mốt trăm linh lẻ".split(),
    *"nghìn ngàn triệu tỷ tỉ đồng chẵn âm việt nam".split(),
    ",",
    "(",
    ")",
    ":",
    "bằng chữ:",
    "con",
    "5",
]


@settings(max_examples=500)
@given(st.lists(st.sampled_from(_NUMBER_TOKENS), max_size=14))
def test_any_string_of_number_words_reads_or_is_refused(tokens: list[str]) -> None:
    text = " ".join(tokens)
    r = from_words(text)
    if r is not None:
        # whatever is read is a well-formed amount: writing it formally reads back to it
        again = from_words(to_words(r.value))
        assert again is not None
        assert again.value == r.value
    for span in find_words(text):
        assert text[span.start : span.end] == span.text
        assert from_words(span.text) is not None


@settings(max_examples=300)
@given(st.text())
def test_never_raises_on_arbitrary_text(text: str) -> None:
    r = from_words(text)
    assert r is None or isinstance(r.value, Decimal)
    for span in find_words(text):
        assert 0 <= span.start < span.end <= len(text)
        assert text[span.start : span.end] == span.text


_PROSE = "Kinh phí thực hiện năm 2024 cho xã Năm Căn gồm các khoản: chi mười tám người (ghi chú) theo kế hoạch".split()


@settings(max_examples=200)
@given(
    st.integers(min_value=0, max_value=10**18),
    st.lists(st.sampled_from(_PROSE), max_size=8),
    st.lists(st.sampled_from(_PROSE), max_size=8),
    st.booleans(),
)
def test_span_found_in_generated_sentences(n: int, before: list[str], after: list[str], nfd: bool) -> None:
    words = to_words(n)
    head = " ".join(before) + f" {format_vn(Decimal(n))} đồng (Bằng chữ: "
    line = head + words + ") " + " ".join(after)
    start = len(head)
    if nfd:
        line = unicodedata.normalize("NFD", line)
        start = len(unicodedata.normalize("NFD", head))
    spans = find_words(line)
    assert len(spans) == 1
    s = spans[0]
    assert (s.start, s.end) == (start, start + len(unicodedata.normalize("NFD", words) if nfd else words))
    assert s.value == Decimal(n)
    assert s.unit_exponent == 0
    assert line[s.start : s.end] == s.text


@pytest.mark.parametrize(
    "text",
    [
        "một " * 200_000,
        "một tỷ" + " tỷ" * 200_000,
        "bằng chữ: " * 100_000,
        "(một " * 100_000,
        "Bằng chữ: " + "hai mươi, " * 100_000 + "đồng",
        "a" + "\u0301" * 200_000,
        " " * 400_000 + "x",
        "số tiền" + " " * 200_000 + "x",
        "tổng" + " " * 200_000 + "số" + " " * 200_000 + "tiền" + " " * 200_000 + "viết" + " " * 200_000 + "x",
        "bằng" + " " * 200_000 + "x",
        "bằng chữ" + " " * 200_000 + ")" + " " * 200_000 + "x",
        "(" * 400_000,
        "mười " + ", " * 200_000 + "x",
    ],
)
def test_linear_time_on_long_garbage(text: str) -> None:
    t0 = time.perf_counter()
    assert from_words(text) is None
    assert find_words(text) == []
    assert time.perf_counter() - t0 < 10.0  # quadratic behaviour would take minutes


# --- amounts in words in a plan, through the whole check (invented plans) -----------------

from budget.api import check_plan  # noqa: E402
from budget.findings import Finding, Severity  # noqa: E402
from budget.parse import parse  # noqa: E402
from budget.read.text import split_lines  # noqa: E402

_PLAN = """KẾ HOẠCH TỔ CHỨC HỘI THI VẼ TRANH
IV. KINH PHÍ
Tổng kinh phí: {total}
1. Giấy vẽ, màu: 60 bộ x 35.000 đồng = 2.100.000 đồng
2. Giải thưởng: 12 giải x 100.000 đồng = 1.200.000 đồng
"""


def _words_findings(text: str) -> list[tuple[str, Severity, int | None, int | None, Decimal | None, Decimal | None]]:
    """The words findings of an invented plan: (code, severity, line, col, expected, actual)."""
    plan, findings = parse(split_lines(text, "ke-hoach.txt"), "ke-hoach.txt")
    _, more = check_plan(plan)
    return [
        (f.code, f.severity, f.source.line, f.source.col, f.expected, f.actual)
        for f in [*findings, *more]
        if f.code.startswith("WORDS_")
    ]


def _all(text: str) -> list[Finding]:
    plan, findings = parse(split_lines(text, "ke-hoach.txt"), "ke-hoach.txt")
    return [*findings, *check_plan(plan)[1]]


def test_plain_parenthesis_after_the_total_is_checked() -> None:
    text = _PLAN.format(total="3.300.000 đồng (ba triệu bốn trăm nghìn đồng)")
    col = len("Tổng kinh phí: 3.300.000 đồng (") + 1
    assert _words_findings(text) == [("WORDS_MISMATCH", Severity.ERROR, 3, col, Decimal(3_300_000), Decimal(3_400_000))]
    assert _words_findings(_PLAN.format(total="3.300.000 đồng (ba triệu ba trăm nghìn đồng)")) == []


def test_the_example_of_the_issue() -> None:
    line = "Tổng kinh phí: 2.400.000 đồng ({words})"
    plan = "KẾ HOẠCH\nIV. KINH PHÍ\n{line}\n1. Tài liệu: 40 bộ x 60.000 đồng = 2.400.000 đồng\n"
    wrong = plan.format(line=line.format(words="hai triệu năm trăm nghìn đồng"))
    assert _words_findings(wrong) == [("WORDS_MISMATCH", Severity.ERROR, 3, 32, Decimal(2_400_000), Decimal(2_500_000))]
    right = plan.format(line=line.format(words="hai triệu bốn trăm nghìn đồng"))
    assert _words_findings(right) == []


@pytest.mark.parametrize(
    ("total", "line", "col"),
    [
        # after the figure, on a line of its own
        ("3.300.000 đồng\nBằng chữ: Ba triệu bốn trăm nghìn đồng chẵn./.", 4, 11),
        # after the figure, on a line of its own, in parentheses, "Viết bằng chữ"
        ("3.300.000 đồng\n(Viết bằng chữ: Ba triệu bốn trăm nghìn đồng)", 4, 17),
        # "Số tiền bằng chữ" after the figure on its line
        ("3.300.000 đồng. Số tiền bằng chữ: Ba triệu bốn trăm ngàn đồng", 3, 50),
        # before the figure, which stands in parentheses after the words
        ("Bằng chữ: Ba triệu bốn trăm nghìn đồng (3.300.000 đồng)", 3, 26),
        # before the figure, without parentheses
        ("bằng chữ: ba triệu bốn trăm nghìn đồng chẵn - 3.300.000 đồng", 3, 26),
    ],
)
def test_words_in_any_position_are_checked(total: str, line: int, col: int) -> None:
    assert _words_findings(_PLAN.format(total=total)) == [
        ("WORDS_MISMATCH", Severity.ERROR, line, col, Decimal(3_300_000), Decimal(3_400_000))
    ]
    right = total.replace("bốn trăm", "ba trăm")
    assert _words_findings(_PLAN.format(total=right)) == []


def test_words_after_a_product_spell_its_result() -> None:
    text = _PLAN.replace("= 1.200.000 đồng", "= 1.200.000 đồng (Một triệu hai trăm nghìn đồng chẵn)").format(
        total="3.300.000 đồng"
    )
    assert _words_findings(text) == []
    wrong = text.replace("Một triệu hai trăm", "Một triệu ba trăm")
    col = len("2. Giải thưởng: 12 giải x 100.000 đồng = 1.200.000 đồng (") + 1
    assert _words_findings(wrong) == [
        ("WORDS_MISMATCH", Severity.ERROR, 5, col, Decimal(1_200_000), Decimal(1_300_000))
    ]


def test_words_on_a_line_far_from_any_figure_are_not_checked() -> None:
    # words that spell no figure of the budget, far from all of them: never paired by a guess
    text = _PLAN.format(total="3.300.000 đồng") + "\nGhi chú chung\nBằng chữ: Ba triệu bốn trăm nghìn đồng\n"
    assert _words_findings(text) == [("WORDS_NOT_CHECKED", Severity.WARNING, 8, 11, None, None)]
    # words that spell the grand total exactly are its words, wherever they stand
    text = _PLAN.format(total="3.300.000 đồng") + "\nGhi chú chung\nBằng chữ: Ba triệu ba trăm nghìn đồng\n"
    assert _words_findings(text) == []


@pytest.mark.parametrize(
    ("figure", "words"),
    [
        ("2.104.021 đồng", "Hai triệu một trăm linh bốn nghìn không trăm hai mươi mốt đồng"),
        ("2.104.021 đồng", "Hai triệu một trăm lẻ tư ngàn không trăm hai mươi mốt đồng chẵn"),
        ("2.104.021 đồng", "hai triệu một trăm lẻ bốn nghìn không trăm hai mươi một đồng chẵn./."),
        ("1.055.000 đồng", "Một triệu không trăm năm mươi lăm nghìn đồng chẵn"),
        ("1.055.000 đồng", "Một triệu không trăm năm mươi năm nghìn đồng"),
        ("1.055.000 đồng", "Một triệu lẻ năm mươi nhăm nghìn đồng"),
        ("87.000.000 đồng", "Tám bảy triệu đồng"),  # colloquial tens, one meaning
        ("2.400.000 đồng", "hai triệu tư"),  # colloquial shortening, one meaning
        ("2.500.000 đồng", "Hai triệu rưỡi đồng"),
        ("46,375 tỷ đồng", "Bốn mươi sáu tỷ, ba trăm bảy mươi lăm triệu đồng"),
    ],
)
def test_variants_officers_write_agree_with_their_figure(figure: str, words: str) -> None:
    text = f"KẾ HOẠCH\nIV. KINH PHÍ\nTổng kinh phí: {figure} ({words})\n1. Tập huấn: {figure}\n"
    findings = _all(text)
    assert [f.code for f in findings if f.code.startswith("WORDS_")] == []
    assert [f for f in findings if f.severity is Severity.ERROR] == []


@pytest.mark.parametrize(
    "words",
    [
        "Bảy tám triệu đồng",  # 78 triệu or "7 to 8 triệu"
        "hai triệu năm",  # 2.000.005 by the letter, 2.500.000 in speech
        "Một hai triệu đồng",
        "hai tỷ ba tỷ đồng",
    ],
)
def test_words_with_two_meanings_are_unread_never_an_error(words: str) -> None:
    text = f"KẾ HOẠCH\nIV. KINH PHÍ\nTổng kinh phí: 78.000.000 đồng (Bằng chữ: {words})\n1. Tập huấn: 78.000.000 đồng\n"
    findings = _all(text)
    col = len("Tổng kinh phí: 78.000.000 đồng (Bằng chữ: ") + 1
    assert [(f.code, f.severity, f.source.line, f.source.col) for f in findings if f.code.startswith("WORDS_")] == [
        ("WORDS_UNREADABLE", Severity.WARNING, 3, col)
    ]
    assert [f for f in findings if f.severity is Severity.ERROR] == []


def test_unread_words_keep_the_verdict_from_khop(tmp_path: Path) -> None:
    from budget.api import check_file
    from plancheck.projection import VerdictKind, project

    path = tmp_path / "ke-hoach.txt"
    path.write_text(_PLAN.format(total="3.300.000 đồng (Bằng chữ: ba triệu ba)"), encoding="utf-8")
    assert project(check_file(path)).verdict.kind is VerdictKind.INCOMPLETE
    path.write_text(_PLAN.format(total="3.300.000 đồng (Bằng chữ: ba triệu ba trăm nghìn đồng)"), encoding="utf-8")
    assert project(check_file(path)).verdict.kind is VerdictKind.OK


@pytest.mark.parametrize(
    "line",
    [
        "Kinh phí (năm trăm triệu đồng) đã cấp",  # a parenthesis with no figure before it
        "Mức chi 500.000 đồng (năm) cho mỗi người",  # "(năm)": a year, not words of the figure
        "Chi 500.000 đồng (năm trăm nghìn đồng/người)",  # a rate in words, not the figure
        "Ghi số tiền bằng chữ và bằng số vào ô trống",  # a label in prose, no colon
    ],
)
def test_no_words_read_where_none_are_meant(line: str) -> None:
    assert find_words(line, unread=True) == []


_SPELLINGS = [
    ("nghìn", "ngàn"),
    ("linh", "lẻ"),
    ("không trăm linh", "lẻ"),
    ("mươi tư", "mươi bốn"),
    ("mươi mốt", "mươi một"),
    ("mươi lăm", "mươi năm"),
    ("lăm", "nhăm"),
    ("tỷ", "tỉ"),
    (",", ""),
]
_ENDINGS = ["", " chẵn", " chẵn./.", "./."]
_PLACES = ["paren", "label_after", "label_line", "label_before"]


def _placed(figure: str, words: str, place: str) -> str:
    if place == "paren":
        return f"Tổng kinh phí: {figure} ({words})"
    if place == "label_after":
        return f"Tổng kinh phí: {figure} (Bằng chữ: {words})"
    if place == "label_line":
        return f"Tổng kinh phí: {figure}\nSố tiền bằng chữ: {words}"
    return f"Tổng kinh phí bằng chữ: {words} ({figure})"


@settings(max_examples=150, deadline=None)
@given(
    st.integers(min_value=0, max_value=10**15),
    st.lists(st.sampled_from(_SPELLINGS), unique=True),
    st.sampled_from(_ENDINGS),
    st.sampled_from(_PLACES),
    st.booleans(),
)
def test_round_trip_through_the_check(
    n: int, spellings: list[tuple[str, str]], ending: str, place: str, off: bool
) -> None:
    """Any amount up to 10^15 đồng, written in words in any spelling officers use and at any
    place, agrees with its figure; a figure one đồng off is an error at the words."""
    words = to_words(n)
    for formal, variant in spellings:
        words = words.replace(formal, variant)
    if place == "paren" and " " not in to_words(n, ""):
        words = to_words(n)  # a plain parenthesis needs "đồng" or a scale word: "(Một đồng)" keeps it
    figure = format_vn(Decimal(n + 1 if off else n)) + " đồng"
    text = "KẾ HOẠCH\nIV. KINH PHÍ\n" + _placed(figure, words + ending, place) + "\n"
    got = [(f.code, f.expected, f.actual) for f in _all(text) if f.code.startswith("WORDS_")]
    if off:
        assert got == [("WORDS_MISMATCH", Decimal(n + 1), Decimal(n))]
    else:
        assert got == []


_TABLE = """KẾ HOẠCH TỔ CHỨC NGÀY HỘI ĐỌC SÁCH
| STT | Nội dung | Số lượng | Đơn giá | Thành tiền |
| 1 | Phần thưởng | 30 | 40.000 | 1.200.000 |
| 2 | Sách tặng | 50 | 36.000 | 1.800.000 |
| | Tổng cộng | | | 3.000.000 |
Bằng chữ: {words}
"""


def test_words_under_a_table_spell_its_total_row() -> None:
    assert _words_findings(_TABLE.format(words="Ba triệu đồng chẵn./.")) == []
    assert _words_findings(_TABLE.format(words="Ba triệu hai trăm nghìn đồng chẵn./.")) == [
        ("WORDS_MISMATCH", Severity.ERROR, 6, 11, Decimal(3_000_000), Decimal(3_200_000))
    ]
    # a blank line between the table and the words: still the words of the table's total
    text = _TABLE.format(words="Ba triệu đồng").replace("\nBằng chữ", "\n\nBằng chữ")
    assert _words_findings(text) == []
    text = _TABLE.format(words="Ba triệu hai trăm nghìn đồng").replace("\nBằng chữ", "\n\nBằng chữ")
    assert _words_findings(text) == [("WORDS_MISMATCH", Severity.ERROR, 7, 11, Decimal(3_000_000), Decimal(3_200_000))]


def test_words_after_a_breakdown_spell_the_figure_they_name() -> None:
    text = (
        "KẾ HOẠCH\nIV. KINH PHÍ\n"
        "Tổng kinh phí: 5.000.000 đồng, trong đó ngân sách xã 3.000.000 đồng (Bằng chữ: {words}).\n"
        "1. Tập huấn: 50 người x 100.000 đồng = 5.000.000 đồng\n"
    )
    assert _words_findings(text.format(words="Năm triệu đồng")) == []
    assert _words_findings(text.format(words="Ba triệu đồng")) == []
    col = len("Tổng kinh phí: 5.000.000 đồng, trong đó ngân sách xã 3.000.000 đồng (Bằng chữ: ") + 1
    assert _words_findings(text.format(words="Bốn triệu đồng")) == [
        ("WORDS_MISMATCH", Severity.ERROR, 3, col, Decimal(3_000_000), Decimal(4_000_000))
    ]
