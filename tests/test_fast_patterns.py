"""The patterns rewritten for speed find exactly what their readable forms find.

A pattern that opens with a character class lets the matcher skip to the characters that can
start a match; one that opens with a look-behind, an alternation of groups or a case-blind
letter makes it try every position of every line. Each pattern below was rewritten to open with
its first character's class (the character before it, and which alternative it started, then
tested behind it); the readable form it replaced is written here, and both must give the same
matches, at the same places, on any text. The same for the tokenizer (whose alternatives open
with their first character outside their group) and for the tests made before a search (a line
with no letter an odd number needs is not searched; one with no parenthesis and no ``chữ`` is
not searched for amounts in words).
"""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from budget.costline import RELATION_WORD
from budget.expr import _EXAMPLE_WORDS, _ODD_NUMBER, _SUSPECT, _amounts, _odd_numbers, scan
from budget.findings import Finding
from budget.grammar.tokens import _BY_INDEX, _KIND, _fold_word, tokenize
from budget.numbers import NUMBER_TOKEN
from budget.resolve import _DECIMAL_COMMA, _DOT_DECIMAL
from budget.source import Source

READABLE = {
    "odd": re.compile(
        r"(?<![\w.,])(?:nan|infinity|inf|[0-9]+(?:[.,][0-9]+)?e[+-]?[0-9]+|[0-9]+(?:_[0-9]+)+|[０-９][０-９.,]*)(?![\w])",
        re.IGNORECASE,
    ),
    "suspect": re.compile(r"[x×*](?<=[^\W\d_][x×*])\s*[0-9]|[x×X*]\s*[.+][0-9]|＝|[０-９]"),
    "relation": re.compile(r"(?i)\b(?:là|bằng)\s+[0-9]"),
    "example": re.compile(r"v(?<![^\W\d_]v)í\s{1,3}dụ(?:\s{1,3}[0-9]{1,2})?\s{0,3}[:：]", re.IGNORECASE),
    "comma": re.compile(
        r"(?<![0-9.,])[0-9]{1,3}(?:\.[0-9]{3})+,[0-9]+(?![0-9.,])|(?<![0-9.,])[0-9]+,[0-9]{1,2}(?![0-9.,])"
    ),
    "dot": re.compile(r"(?<![0-9.,])[0-9]+\.[0-9]{1,2}(?![0-9.,])"),
}
FAST = {
    "odd": _ODD_NUMBER,
    "suspect": _SUSPECT,
    "relation": RELATION_WORD,
    "example": _EXAMPLE_WORDS,
    "comma": _DECIMAL_COMMA,
    "dot": _DOT_DECIMAL,
}

# The characters and pieces these patterns turn on: digits and their separators, the letters of
# nan/inf/infinity/e in both cases (and the two i's a case-blind i matches), the signs, the
# full-width forms, the words là/bằng/ví dụ in both cases, brackets, spaces.
_PIECES = [
    *"0123456789.,_eEnNaAiIİıfFtTyYxX×*·%:/+-–−=＝()[]{}０９ \t;",
    "là ",
    "LÀ 5",
    "bằng ",
    "Bằng 2",
    "ví dụ:",
    "VÍ DỤ 2:",
    "aví dụ:",
    "nan",
    "INF",
    "infinity",
    "İnf",
    "ınfinity",
    "1e5",
    "1_000",
    "1.234,5",
    "0, 5",
    "800. 000",
    "x 3",
    "xã",
    "nghìn đồng",
]
texts = st.lists(st.sampled_from(_PIECES), max_size=14).map("".join)


def _spans(pattern: re.Pattern[str], text: str, pos: int = 0) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text, pos)]


@given(texts, st.integers(0, 3))
def test_each_pattern_matches_where_its_readable_form_does(text: str, pos: int) -> None:
    for name, readable in READABLE.items():
        assert _spans(FAST[name], text, pos) == _spans(readable, text, pos), name


def test_the_readable_forms_meet_matches() -> None:
    """The pieces make matches of every pattern (the test above compares something)."""
    samples = {
        "odd": "giá 1e5 đồng, NaN, 1_000, ０９, İnf, ınfinity",
        "suspect": "a x3 = 5x.5 ＝",
        "relation": "Tổng là 5 triệu, BẰNG 2",
        "example": "Ví dụ 2: tính",
        "comma": "là 1.234,5 và 2,5",
        "dot": "là 9.88 đồng",
    }
    for name, text in samples.items():
        assert _spans(READABLE[name], text) == _spans(FAST[name], text) != [], name


@given(texts)
def test_a_line_is_searched_for_odd_numbers_when_it_may_hold_one(text: str) -> None:
    assert [m.span() for m in _odd_numbers(text)] == _spans(READABLE["odd"], text)


# The tokenizer's pattern as it was written first: each kind in its own group, its first
# character inside it, and the token read from the group's text.
_READABLE_TOKENS = re.compile(
    r"\s*+(?:"
    r"(?P<mul>(?:(?<=[\s0-9%)\]}])|^)[x×X*·](?=\s{0,3}[0-9(\[{]))"
    r"|(?P<word>[^\W\d_]+)"
    r"|(?P<num>(?:[0-9]{1,3},\x20(?=[0-9]+(?![0-9.,]))[0-9]+(?![0-9.,]))|" + NUMBER_TOKEN.pattern + r")"
    r"|(?P<pct>%)"
    r"|(?P<colon>:)"
    r"|(?P<slash>/)"
    r"|(?P<add>\+)"
    r"|(?P<sub>[-–−])"
    r"|(?P<eq>=)"
    r"|(?P<open>[(\[{])"
    r"|(?P<close>[)\]}])"
    r"|(?P<punct>[.,;!?…\"“”'‘’])"
    r"|(?P<other>\S))",
    re.VERBOSE | re.DOTALL,
)


def _readable_tokens(text: str, start: int, end: int) -> list[tuple[object, ...]]:
    stop = start + len(text[start:end].rstrip())
    out: list[tuple[object, ...]] = []
    last = -1
    for m in _READABLE_TOKENS.finditer(text, start, stop):
        name = m.lastgroup
        assert name is not None
        a, b = m.span(name)
        kind = _KIND[name]
        out.append((kind, a, b, m.group(name), a != last, _fold_word(m.group(name)) if name == "word" else ""))
        last = b
    return out


@given(texts, st.integers(0, 2), st.integers(0, 2))
def test_tokens_are_those_of_the_readable_pattern(text: str, cut_start: int, cut_end: int) -> None:
    start, end = min(cut_start, len(text)), max(min(cut_start, len(text)), len(text) - cut_end)
    assert [tuple(t) for t in tokenize(text, start, end)] == _readable_tokens(text, start, end)
    assert len(_BY_INDEX) > len(_KIND)  # a kind for every group (none left OTHER by mistake)


def _words_of(text: str) -> list[tuple[str, object]]:
    source = Source("f.txt", 1, 1, None, text, 0, None)
    return [(w.text, w.value) for w in scan(text, source).words]


def test_amounts_in_words_are_read_in_any_case_and_form() -> None:
    """With no parenthesis, the words behind ``Bằng chữ`` are looked for in NFC text holding
    ``chữ`` in any case, and in any text that is not NFC."""
    text = "Tổng kinh phí: 2.000.000 đồng. Bằng chữ: Hai triệu đồng"
    expected = [("Hai triệu đồng", 2000000)]
    assert _words_of(text) == expected
    assert _words_of(text.replace("Bằng chữ", "BẰNG CHỮ")) == expected
    nfd = unicodedata.normalize("NFD", text)
    assert [(unicodedata.normalize("NFC", t), v) for t, v in _words_of(nfd)] == expected
    assert _words_of("Tổng kinh phí: 2.000.000 đồng. Chức danh: Hai triệu đồng") == []


@given(texts.map(lambda t: t + " 5 triệu đồng"), st.integers(0, 20), st.integers(0, 40))
def test_amounts_outside_one_span_are_those_the_general_pass_finds(text: str, a: int, b: int) -> None:
    """With one span taken, a text with no digit outside it holds no amount: the same as looking
    at every figure (the span given twice takes the general pass, with the same answer)."""
    source = Source("f.txt", 1, 1, None, text, 0, None)
    fast: list[Finding] = []
    general: list[Finding] = []
    assert _amounts(text, text, [(a, b)], source, fast) == _amounts(text, text, [(a, b)] * 2, source, general)
    assert fast == general


def test_one_span_holding_every_figure_leaves_no_amount_and_one_that_does_not_leaves_it() -> None:
    computation = "Chi: 2 người x 5 triệu đồng = 10 triệu đồng."
    span = (computation.index("2 người"), computation.index(" triệu đồng."))  # its figures, all of them
    more = computation + " Thêm 3 triệu đồng"
    for text, amounts in ((computation, []), (more, [(more.index("3 triệu"), "3")])):
        source = Source("f.txt", 1, 1, None, text, 0, None)
        assert [(a, str(v)) for a, _, v, _, _ in _amounts(text, text, [span], source, [])] == amounts
    # the result left outside the span is an amount of the text
    text = computation
    source = Source("f.txt", 1, 1, None, text, 0, None)
    found = _amounts(text, text, [(span[0], text.index("10"))], source, [])
    assert [(a, str(v)) for a, _, v, _, _ in found] == [(text.index("10"), "10")]
