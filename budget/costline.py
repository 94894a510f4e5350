"""One clause of plan text → a ``CostLine`` (or nothing, or unread), with findings.

The clause is read by the grammar (``budget.grammar``): a relation ``expr = result``
is built only when every token of it was consumed. A plain product ``a x b x c`` keeps
its factors (each with its unit, for the unit check and the workbook's formulas); any
other expression (sums of products, differences, quotients, bracketed sums) becomes one
factor holding its exact value, with the expression as written. A clause the grammar
could not read completely is reported unread (``COSTLINE_UNREADABLE``) at the token
where reading stopped, and none of its arithmetic is judged.
"""

from __future__ import annotations

import itertools
import re
import sys
from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache
from typing import NamedTuple, Protocol

from budget.evaluate import evaluate_line
from budget.findings import Finding, Severity
from budget.grammar.expression import BinOp, Node, Operand, ParseError, Parser, operands, top_product
from budget.grammar.relation import (
    Relation,
    Split,
    Unread,
    final_result,
    is_identifier,
    read_relation,
    relation_marks,
)
from budget.grammar.relation import Result as RelationResult
from budget.grammar.tokens import CLOSE, COLON, EQ, NUM, OPEN, PUNCT, SLASH, WORD, Token, tokenize
from budget.model import CostLine, Quantity, Step
from budget.numbers import EXACT, NUMBER_TOKEN, Ambiguity, NumberError, alternatives, format_vn, read_number, shift
from budget.source import Source
from budget.text import excerpt, fold
from budget.unitcheck import verdict
from budget.units import DONG, Money, measure_words, read_money


class Locator(Protocol):
    """Turns a 1-based column of the text being read into a ``Source`` in the file."""

    def at(self, col: int | None) -> Source: ...


_PER_PARTS = re.compile(r"(?:\s*/\s*[^\W\d_]+)*")
_PREFIXES = ("TB", "BQ")
MAX_DIGITS = 30  # digits a figure may carry and still be computed exactly (products of a few)
MAX_FACTORS = 20  # factors in one product (20 × 30 digits stay within exact precision); more is reported
_TRIM = " \t,;:.-–+"


_BRACKET = re.compile(r"[()]")


def paren_groups(text: str) -> list[tuple[int, int]]:
    """Top-level ``( ... )`` spans, in one pass; an unclosed ``(`` or a stray ``)`` is text."""
    groups: list[tuple[int, int]] = []
    depth = 0
    start = 0
    for m in _BRACKET.finditer(text):
        if m.group() == "(":
            if depth == 0:
                start = m.start()
            depth += 1
        elif depth:
            depth -= 1
            if depth == 0:
                groups.append((start, m.end()))
    return groups


def is_arithmetic(content: str) -> bool:
    """``(2,34 + 0,5)``, ``(15/30)``: a group of numbers and operators is a factor, not a note.
    Its operands, between single operators, each hold a figure and nothing but figures,
    spaces, ``.,%`` and brackets. Split at the operators rather than matched by one pattern: a
    run of digits can be cut into an operand in as many ways as it has digits, and a pattern
    trying them took seconds on a long group."""
    parts = _ARITH_OPERATOR.split(content)
    if len(parts) < 2 or not all(_ARITH_OPERAND.fullmatch(p) for p in parts):
        return False
    return len(NUMBER_TOKEN.findall(content)) >= 2


_ARITH_OPERATOR = re.compile(r"[-+x×X*/:]")
_ARITH_OPERAND = re.compile(r"[\s.,%()]*+[0-9][\s0-9.,%()]*+")  # possessive: one way to read it


def _mask_notes(text: str) -> tuple[str, tuple[tuple[int, str], ...]]:
    """Blank out parenthetical notes (same length, so columns stay valid); notes with offsets.

    A group of numbers and operators (``(2,34 + 0,5)``) is arithmetic and stays.
    """
    if "(" not in text:
        return text, ()  # most lines: no group, nothing to blank
    notes: list[tuple[int, str]] = []
    parts: list[str] = []
    pos = 0
    for a, b in paren_groups(text):
        content = text[a + 1 : b - 1]
        if is_arithmetic(content):
            continue
        parts.append(text[pos:a])
        parts.append(" " * (b - a))
        pos = b
        notes.append((a, content.strip()))
    parts.append(text[pos:])
    return "".join(parts), tuple((at, n) for at, n in notes if n)


def read_number_at(token: str, where: Source) -> tuple[Decimal, list[Finding]]:
    """Read a number found at ``where``; a reading that was a choice becomes a warning there.

    Raises ``NumberError`` when the token is no number at all.
    """
    reading = read_number(token)
    if reading.ambiguity is None:
        return reading.value, []
    args: dict[str, object] = {"text": token, "value": reading.value}
    if reading.ambiguity == Ambiguity.COMMA_THREE:
        args["alternative"] = format_vn(shift(reading.value, 3))
    finding = Finding(
        where, "NUMBER_AMBIGUOUS", Severity.WARNING, args, message_key=f"NUMBER_AMBIGUOUS.{reading.ambiguity}"
    )
    return reading.value, [finding]


class _Unreadable(Exception):
    def __init__(self, text: str, col: int, reason: str = ""):
        self.text = text
        self.col = col
        self.reason = reason


@lru_cache(maxsize=4096)
def _unit_text(raw: str) -> str:
    """The unit as written, spaces collapsed; cached: a plan repeats a few hundred units."""
    return sys.intern(" ".join(raw.split()).strip(_TRIM))


@lru_cache(maxsize=4096)
def _unit_money(raw: str) -> tuple[str, Money | None]:
    """The unit as written (``_unit_text``) and the money unit it starts with, if any."""
    unit = _unit_text(raw)
    return unit, read_money(unit[:40])[0]


@lru_cache(maxsize=4096)
def _money_span(rest: str) -> int:
    """Characters of ``rest`` taken by a money unit and its ``/per`` parts (0 when none)."""
    money, span = read_money(rest)
    if money is None:
        return 0
    per = _PER_PARTS.match(rest, span)
    return per.end() if per else span


class _Builder:
    """Turns a relation the grammar read into model records, collecting number findings."""

    def __init__(self, text: str, tokens: list[Token], locate: Locator):
        self.text = text
        self.t = tokens
        self.locate = locate
        self.findings: list[Finding] = []

    # -- numbers ---------------------------------------------------------------------
    def number(self, tok: Token) -> tuple[Decimal, Source]:
        col = tok.start + 1
        where = self.locate.at(col)
        token = tok.text
        if len(token) > MAX_DIGITS and sum(ch.isdigit() for ch in token) > MAX_DIGITS:
            raise _Unreadable(token[:40], col, "long")  # too long to compute exactly
        try:
            reading = read_number(token)
        except NumberError:
            raise _Unreadable(token, col, "number") from None
        if reading.ambiguity is not None:  # a reading that was a choice: said where it stands
            self.findings.extend(read_number_at(token, where)[1])
        return reading.value, where

    def unit_of(self, op: Operand) -> str:
        return self.unit_money(op)[0]

    def unit_money(self, op: Operand) -> tuple[str, Money | None]:
        """The unit written after an operand and the money unit it names (none for a percentage)."""
        if op.unit is None:
            return ("%" if op.percent else ""), None
        a, b = op.unit
        unit, money = _unit_money(self.text[self.t[a].start : self.t[b - 1].end])
        return ("%" + unit, None) if op.percent else (unit, money)  # ``1,5%/tháng``

    def quantity(self, op: Operand) -> Quantity:
        """A plain factor: a number, or a group whose exact value terminates."""
        unit, money = self.unit_money(op)
        tok = op.number
        if money is not None and "/" not in unit and not op.percent:
            unit += self._each_before(op.start)  # ``mỗi xã 50 triệu đồng``: 50 triệu đồng/xã
        if tok is not None:
            value, where = self.number(tok)
            return Quantity(value, unit, money, where, tok.text, op.percent, alternatives(tok.text))
        assert op.group is not None
        exact, degree = self.value(op.group)
        terminating = _terminating(exact)
        if terminating is None:
            raise _Unreadable(self._span_text(op.start, op.end), self.t[op.start].start + 1, "quotient")
        value = terminating
        close = self._group_close(op)
        written = self.text[self.t[op.start].start : self.t[close].end]
        where = self.locate.at(self.t[op.start].start + 1)
        if not unit and degree == 1:  # ``{ 50 bộ x 40.000 đồng/bộ + ... }``: money, in đồng
            return Quantity(value, DONG.name, DONG, where, written)
        if unit and degree:
            raise _Unreadable(self._span_text(op.start, op.end), self.t[op.start].start + 1, "units")
        return Quantity(value, unit, money, where, written, op.percent)

    def _each_before(self, at: int) -> str:
        """``/xã`` when the words right before token ``at`` are ``mỗi xã`` (one to three words
        after ``mỗi``): a money figure said to be for each of something; else ``""``."""
        words: list[str] = []
        i = at - 1
        while i >= 0 and self.t[i].kind is WORD and len(words) < 4:
            if self.t[i].folded == "moi" and words and self.t[i].text.lower() == "mỗi":
                return "/" + " ".join(reversed(words))
            words.append(self.t[i].text)
            i -= 1
        return ""

    def _group_close(self, op: Operand) -> int:
        depth = 0
        for j in range(op.start, op.end):
            if self.t[j].kind is OPEN:
                depth += 1
            elif self.t[j].kind is CLOSE:
                depth -= 1
                if depth == 0:
                    return j
        return op.end - 1

    def _span_text(self, lo: int, hi: int) -> str:
        return " ".join(self.text[self.t[lo].start : self.t[hi - 1].end].split())

    # -- exact values of compound expressions ----------------------------------------
    def value(self, node: Node) -> tuple[Fraction, int | None]:
        """Exact value (money in đồng) and money degree (1 money, 0 count, None unknown)."""
        if isinstance(node, Operand):
            if node.group is not None:
                value, degree = self.value(node.group)
            else:
                assert node.number is not None
                number, _ = self.number(node.number)
                value, degree = Fraction(number), None
            if node.percent:
                return value / 100, degree
            unit = self.unit_of(node)
            money = read_money(unit[:40])[0] if unit else None
            if money is not None:
                return value * Fraction(10) ** money.exponent, (degree or 0) + 1
            return value, degree if not unit else (degree or 0)
        left, dl = self.value(node.left)
        right, dr = self.value(node.right)
        at = self.t[node.at].start + 1
        if node.op == "*":
            return left * right, None if dl is None and dr is None else (dl or 0) + (dr or 0)
        if node.op == "/":
            if right == 0:
                raise _Unreadable(self.text[self.t[node.at].start :][:40], at, "division by zero")
            return left / right, None if dl is None and dr is None else (dl or 0) - (dr or 0)
        if dl is not None and dr is not None and dl != dr:
            raise _Unreadable(self.text[self.t[node.at].start :][:40], at, "units")
        return (left + right if node.op == "+" else left - right), dl if dl is not None else dr

    def compound(self, node: Node, lo: int, hi: int) -> Quantity:
        """One factor holding the exact value of an expression that is no plain product."""
        exact, degree = self.value(node)
        if degree not in (None, 0, 1):
            raise _Unreadable(self._span_text(lo, hi), self.t[lo].start + 1, "units")
        value = _terminating(exact)
        if value is None:
            value = _rounded(exact)
        written = self._span_text(lo, hi)
        where = self.locate.at(self.t[lo].start + 1)
        if degree == 1:
            return Quantity(value, DONG.name, DONG, where, written)
        return Quantity(value, "", None, where, written)

    # -- a relation ------------------------------------------------------------------
    def factors(self, node: Node, lo: int, hi: int, skip_first: bool) -> tuple[tuple[Quantity, ...], bool]:
        """A side's factors (its first operand left out on later sides) and whether the step
        restarts from the written figures (a compound side)."""
        plain = top_product(node)
        if plain is not None and all(self._terminates(op) for op in plain if op.group is not None):
            ops = plain[1:] if skip_first else plain
            if len(ops) > MAX_FACTORS:
                raise _Unreadable(self._span_text(lo, hi)[:60], self.t[lo].start + 1, "factors")
            quantity = self.quantity
            return tuple([quantity(op) for op in ops]), False
        return (self.compound(node, lo, hi),), skip_first

    def _terminates(self, op: Operand) -> bool:
        assert op.group is not None
        return _terminating(self.value(op.group)[0]) is not None

    def result(self, r: RelationResult) -> Quantity:
        tok = self.t[r.number]
        value, where = self.number(tok)
        if r.percent:
            return Quantity(value, "%", None, where, tok.text, True, alternatives(tok.text))
        unit, money = _unit_money(self.text[tok.end : r.unit_end])
        if money is None and not unit:  # ``= 4,5 tấn``: a measure, in the unit it is written in
            unit = self._measure_after(r.number)
        return Quantity(value, unit, money, where, tok.text, False, alternatives(tok.text))

    def _measure_after(self, at: int) -> str:
        """The unit of measure written right after token ``at`` (``tấn``, ``kg``, ``ha``), or ``""``."""
        words = []
        for tok in self.t[at + 1 : at + 4]:
            if tok.kind is not WORD:
                break
            words.append(tok)
        n = measure_words([w.text for w in words])
        return "" if n == 0 else self.text[words[0].start : words[n - 1].end]

    def stated(self, node: Node) -> Quantity:
        """The figure an intermediate side starts with: the result of the step before."""
        first = node
        while isinstance(first, BinOp):
            first = first.left
        assert first.number is not None
        value, where = self.number(first.number)
        unit, money = self.unit_money(first)
        return Quantity(value, unit, money, where, first.number.text, first.percent, alternatives(first.number.text))


def _terminating(value: Fraction) -> Decimal | None:
    """``value`` as an exact Decimal, or None when its decimal expansion does not end."""
    den = value.denominator
    for p in (2, 5):
        while den % p == 0:
            den //= p
    if den != 1:
        return None
    return EXACT.divide(Decimal(value.numerator), Decimal(value.denominator))


def _rounded(value: Fraction) -> Decimal:
    """A quotient that does not terminate, to 12 decimals (its rounding is the text's)."""
    scaled = value * 10**12
    q = scaled.numerator // scaled.denominator
    if (scaled - q) * 2 >= 1:
        q += 1
    return Decimal(q).scaleb(-12)


def parse_cost_line(source: Source) -> tuple[CostLine | None, list[Finding]]:
    """The cost line on this source line, or None when the line is not one."""
    text = source.text
    if "=" not in text:
        return None, []
    chain = read_chain(text, text, (), 0, len(text), source)
    return chain.line, chain.findings


class Chain(NamedTuple):
    """What one clause holds: a cost line (or None), findings, and the span it consumed. A
    named tuple, as the grammar's records: one per clause read."""

    line: CostLine | None
    findings: list[Finding]
    start: int = 0
    end: int = 0
    # the first number of the computation as written, its value and money unit: a clause
    # that starts from the result of the one before is its continuation
    lead: tuple[str, Decimal, Money | None] | None = None
    # figures split in their notes, each as parts = figure: checked, never added to a sum
    splits: tuple[CostLine, ...] = ()


def _is_rate(text: str, tokens: list[Token]) -> Callable[[int], bool]:
    def test(i: int) -> bool:
        tok = tokens[i]
        rest = text[tok.end : tok.end + 60]
        span = _money_span(rest)
        return span > 0 and "/" in rest[:span]

    return test


def read_chain(
    text: str,
    masked: str,
    notes: tuple[tuple[int, str], ...],
    start: int,
    end: int,
    locate: Locator,
    label_from: int | None = None,
) -> Chain:
    """The relation in ``text[start:end]`` (one clause): a cost line, unread, or nothing.

    ``masked`` and ``notes`` are accepted for the callers' convenience; the grammar reads
    the text itself and decides what a bracket holds. Columns given to ``locate`` are
    1-based in ``text``.
    """
    if not may_relate(text, start, end):
        return Chain(None, [])
    tokens = tokenize(text, start, end)
    money_end = _money_end(text)
    rel = read_relation(tokens, money_end, _is_rate(text, tokens))
    builder = _Builder(text, tokens, locate)
    if rel is None or (isinstance(rel, Unread) and rel.reason == "rate in label"):
        prose = _prose_product(builder, money_end, start, label_from) or _result_first_prose(builder, start, label_from)
        if prose is not None:
            return prose
    if rel is None:
        return Chain(None, [])
    if isinstance(rel, Unread):
        implied = _with_implied_open(text, tokens, money_end, start, locate, label_from)
        if implied is not None:
            return implied
        return _unread(text, tokens, rel.at, start, end, locate, builder.findings)
    try:
        line = _line(builder, rel, text, tokens, start, label_from)
        chained = len(rel.sides) > 1  # most lines have one side: nothing restated to look for
        if chained and any(not isinstance(side.parsed.node, Operand) for side in rel.sides[1:]) and not _holds(line):
            restated = _restated(builder, rel, line)
            if restated is not None and (_holds(restated) or _agree(restated)):
                line = restated
                args = {"text": " ".join(text[tokens[rel.start].start : rel.result.unit_end].split())[:80]}
                builder.findings.append(Finding(line.source, "CHAIN_RESTATED", Severity.INFO, args))
    except _Unreadable as e:
        return _unread(text, tokens, None, start, end, locate, builder.findings, e)
    first = rel.sides[0].parsed.node
    while isinstance(first, BinOp):
        first = first.left
    lead = None
    if first.number is not None and not first.percent:
        try:
            lead = (first.number.text, read_number(first.number.text).value, builder.unit_money(first)[1])
        except NumberError:
            lead = None
    try:
        splits = tuple(_split_line(builder, s) for s in rel.splits) if rel.splits else ()
    except _Unreadable as e:
        return _unread(text, tokens, None, start, end, locate, builder.findings, e)
    return Chain(line, builder.findings, tokens[rel.start].start, rel.result.unit_end, lead, splits)


def _split_line(b: _Builder, split: Split) -> CostLine:
    """``900.000 đồng/người (tỉnh 700.000 đồng; huyện 200.000 đồng)`` as ``700.000 đồng + 200.000
    đồng = 900.000 đồng/người``: one sum, its parts in đồng, compared with the figure."""
    figure_tok = b.t[split.figure]
    value, where = b.number(figure_tok)
    after = figure_tok.end
    unit = _unit_text(b.text[after : after + _money_span(b.text[after : after + 60])])
    money = read_money(unit[:40])[0]
    assert money is not None  # a split is of a money figure
    parts = [b.number(b.t[i]) for i in split.parts]
    moneys = [read_money(b.text[b.t[i].end : b.t[i].end + 40])[0] for i in split.parts]
    total = sum((shift(v, m.exponent) for (v, _w), m in zip(parts, moneys, strict=True) if m is not None), Decimal(0))
    written = " + ".join(b.t[i].text for i in split.parts)
    summed = Quantity(total, DONG.name, DONG, parts[0][1], written)
    stated = Quantity(value, unit, money, where, figure_tok.text)
    return CostLine(parts[0][1], "", (Step((summed,), stated),), "", (), "", split=True)


def _money_end(text: str) -> Callable[[int], int]:
    return lambda offset: offset + _money_span(text[offset : offset + 60])


def _prose_product(b: _Builder, money_end: Callable[[int], int], start: int, label_from: int | None) -> Chain | None:
    """A product written as prose: one money rate and the counts it is per, then the result
    (``mức 300.000 đồng/người cho 1.240 người = ...``; ``hỗ trợ 640 hộ với mức 40.000
    đồng/hộ/tháng, thời gian 6 tháng, với tổng kinh phí là ...``). Read only when every
    number before the result is the rate or one of its counts, and their units cancel to
    money exactly; otherwise nothing is read here."""
    tokens = b.t
    marks = relation_marks(tokens)
    # the last ``là`` states the result; one before it states a factor (``thời gian hỗ trợ là
    # 03 tháng``); an ``=`` before it is a relation of its own
    if not marks:  # ``..., tổng kinh phí 540.000.000 đồng``: the words of a total state the result
        marks = _result_phrase_marks(b.text, tokens)
    # ``..., thời gian 9 tháng: 270.000.000 đồng``: a colon before the clause's last figure may state
    # the result or name a part (``: ngân sách tỉnh 300.000.000 đồng``), so the reading, like one
    # with a percentage among its factors (``hỗ trợ 50% học phí ...``), is taken only when it agrees
    guess = False
    if not marks:
        marks = _colon_marks(tokens)
        guess = bool(marks)
    if not marks or any(tokens[m].kind is EQ for m in marks[:-1]):
        return None
    mark = marks[-1]
    final = final_result(tokens, mark + 1, len(tokens), money_end)
    if final is None or final.percent or money_end(tokens[final.number].end) == tokens[final.number].end:
        return None
    found: list[Operand] = []
    asides: list[Finding] = []
    i = 0
    while i < mark:
        tok = tokens[i]
        if tok.kind is OPEN and (after := _aside_end(tokens, i, mark)) is not None:
            # ``, tương đương mức ... (4,5% x 1.150.000 đồng)``: what the rate equals, no factor;
            # not read, and said so
            aside = b.text[tok.start : tokens[after - 1].end]
            asides.append(Finding(b.locate.at(tok.start + 1), "COSTLINE_UNREADABLE", Severity.WARNING,
                                  {"text": excerpt(aside, 60)}))  # fmt: skip
            i = after
            continue
        if tok.kind is not NUM or (money_end(tok.end) == tok.end and is_identifier(tokens, i, mark)):
            i += 1
            continue
        try:
            op = Parser(tokens, i, mark).operand()
        except ParseError:
            return None
        if op.percent and op.group is None:
            guess = True  # ``hỗ trợ 50% học phí``: a share of the product, maybe; taken if it agrees
        elif op.percent or op.unit is None or op.group is not None:
            return None
        found.append(op)
        i = op.end
    rates = [op for op in found if "/" in b.unit_of(op) and read_money(b.unit_of(op)[:40])[0] is not None]
    if len(rates) != 1 or len(found) < 2 or len(found) > MAX_FACTORS:
        return None
    try:
        factors = tuple(b.quantity(op) for op in found)
        stated = b.result(final)
    except _Unreadable:
        return None
    units = verdict(tuple(q.unit_text for q in factors))
    if not units.is_money or units.residual or units.time_factor != 1 or units.new_words:
        return None
    first = tokens[found[0].start]
    label_start = start if label_from is None else min(label_from, start)
    label = " ".join(b.text[label_start : first.start].split()).strip(_TRIM)
    tail = " ".join(b.text[final.unit_end : _clause_end(tokens, b.text)].split()).strip(_TRIM)
    line = CostLine(b.locate.at(first.start + 1), label, (Step(factors, stated),), "", (), tail)
    if guess and not _holds(line):
        return None
    return Chain(line, [*b.findings, *asides], first.start, final.unit_end)


def _colon_marks(tokens: list[Token]) -> list[int]:
    """The colon right before the last figure of a clause, when nothing but that figure's unit
    (and a full stop) follows it: a product's result, maybe."""
    for i in range(len(tokens) - 2, 0, -1):
        if tokens[i].kind is COLON and tokens[i + 1].kind is NUM:
            rest = tokens[i + 2 :]
            return [i] if all(t.kind in (WORD, SLASH, PUNCT) for t in rest) and len(rest) <= 6 else []
    return []


# the verbs that give a figure before what it is computed from: ``hỗ trợ 405 tấn gạo cho ...``
_GIVES = frozenset({("ho", "tro"), ("xuat", "cap")})


def _result_first_prose(b: _Builder, start: int, label_from: int | None) -> Chain | None:
    """A prose product written result first (``hỗ trợ 405 tấn gạo từ nguồn dự trữ cho 8.989
    người với mức 15 kg gạo/người/tháng, thời gian hỗ trợ là 3 tháng``): the figure after a verb
    of giving, then the count, the rate for each of it and the periods, every number to the
    clause's end one of them, their units giving the result's (``kg`` to ``tấn`` as the units
    convert). Nothing is read here otherwise."""
    tokens = b.t
    n = len(tokens)
    at = next(
        (i for i in range(2, n) if tokens[i].kind is NUM and (tokens[i - 2].folded, tokens[i - 1].folded) in _GIVES),
        None,
    )
    if at is None or any(tok.kind is EQ for tok in tokens[at:]):
        return None
    marks = set(relation_marks(tokens))
    try:
        result = Parser(tokens, at, _phrase_end(tokens, at)).operand()
        found: list[Operand] = []
        i = result.end
        while i < n:
            if tokens[i].kind is not NUM:
                i += 1
                continue
            op = Parser(tokens, i, _phrase_end(tokens, i)).operand()
            if op.percent or op.unit is None or op.group is not None:
                return None
            found.append(op)
            i = op.end
    except ParseError:
        return None
    if result.percent or result.unit is None or result.group is not None or not 2 <= len(found) <= MAX_FACTORS:
        return None
    # ``là`` may only say a period (``thời gian hỗ trợ là 3 tháng``), never a result
    if any(m - 1 >= at and tokens[m + 1].kind is NUM and not _is_period(b.unit_of(_at(found, m + 1))) for m in marks):
        return None
    if sum(1 for op in found if "/" in b.unit_of(op)) != 1:
        return None
    try:
        factors = tuple(b.quantity(op) for op in found)
        stated = b.quantity(result)
    except _Unreadable:
        return None
    units = verdict(tuple(q.unit_text for q in factors))
    own = verdict((stated.unit_text,))
    if units.new_words or own.new_words or units.time_factor != 1 or not own.dimensionality:
        return None
    if units.dimensionality != own.dimensionality or not units.product or not own.product:
        return None
    first = tokens[found[0].start]
    label_start = start if label_from is None else min(label_from, start)
    label = " ".join(b.text[label_start : tokens[at].start].split()).strip(_TRIM)
    line = CostLine(b.locate.at(first.start + 1), label, (Step(factors, stated),), "", (), "")
    return Chain(line, b.findings, tokens[at].start, tokens[found[-1].end - 1].end)


# words that end a figure's unit in prose: what follows is about it, not its unit
_PHRASE_STOPS = frozenset({"tu", "cho", "voi", "trong", "thoi", "tai", "de", "va", "theo"})


def _phrase_end(tokens: list[Token], i: int) -> int:
    """Where the unit after the number at ``i`` ends in prose (``405 tấn gạo`` before ``từ
    nguồn``, ``15 kg gạo/người/tháng`` before ``,``)."""
    j = i + 1
    while j < len(tokens) and (
        (tokens[j].kind is WORD and tokens[j].folded not in _PHRASE_STOPS) or tokens[j].kind is SLASH
    ):
        j += 1
    return j


def _at(found: list[Operand], i: int) -> Operand:
    return next((op for op in found if op.start == i), found[-1])


def _is_period(unit: str) -> bool:
    return fold(unit).strip() in ("thang", "nam", "ngay", "quy")


def _aside_end(tokens: list[Token], i: int, stop: int) -> int | None:
    """A bracket at ``i`` in a clause that says the figure before it equals something (``50.000
    đồng/người/tháng, tương đương mức hỗ trợ người nghèo (4,5% x 1.150.000 đồng/người/tháng)``):
    the index after its closing bracket; None for any other bracket, or one not closed."""
    j = i - 1
    words: list[str] = []
    while j >= 0 and tokens[j].kind is WORD:
        words.append(tokens[j].folded)
        j -= 1
    words.reverse()
    if ("tuong", "duong") not in itertools.pairwise(words):
        return None
    depth = 0
    for k in range(i, stop):
        kind = tokens[k].kind
        depth += (kind is OPEN) - (kind is CLOSE)
        if depth == 0:
            return k + 1
    return None


# ``là``/``bằng`` (in either case) before a number, at the start of a word; opened by the class
# of its first letters (the word's start tested behind), so the matcher skips to candidates.
RELATION_WORD = re.compile(r"[lLbB](?<!\w[lLbB])(?:(?<=[lL])[àÀ]|(?<=[bB])[ằẰ][nN][gG])\s+[0-9]")


# The words of a total right before a figure (``tổng kinh phí 540.000.000 đồng``, ``thành tiền:
# 2.700.000 đồng``): the result of a prose product written without ``là`` or ``=``.
RESULT_PHRASE = re.compile(
    r"[tT](?<![^\W\d_][tT])(?i:ổng\s{1,3}(?:kinh\s{1,3}phí|số\s{1,3}tiền|chi\s{1,3}phí|cộng)|hành\s{1,3}tiền)"
    r"\s{0,3}:?\s{0,3}(?=[0-9])"
)


def may_relate(text: str, start: int, end: int) -> bool:
    """Can ``text[start:end]`` hold a relation: an ``=``, ``là``/``bằng`` before a number, or the
    words of a total before one. A cheap test before a clause is tokenized."""
    return (
        text.find("=", start, end) >= 0
        or RELATION_WORD.search(text, start, end) is not None
        or RESULT_PHRASE.search(text, start, end) is not None
        or (text.find("/", start, end) >= 0 and COLON_FIGURE.search(text, start, end) is not None)
    )


# a colon before a figure, in a clause that writes a rate (``.../học sinh/tháng, 9 tháng: 270.000.000``)
COLON_FIGURE = re.compile(r":\s{0,3}[0-9]")


def _result_phrase_marks(text: str, tokens: list[Token]) -> list[int]:
    """The token before the figure the last total's words state (as a relation mark)."""
    if not tokens:
        return []
    found = [m.end() for m in RESULT_PHRASE.finditer(text, tokens[0].start, tokens[-1].end)]
    if not found:
        return []
    at = found[-1]
    i = next((i for i, tok in enumerate(tokens) if tok.start == at and tok.kind is NUM), None)
    return [] if i is None or i == 0 else [i - 1]


def _unread(
    text: str,
    tokens: list[Token],
    at: int | None,
    start: int,
    end: int,
    locate: Locator,
    findings: list[Finding],
    error: _Unreadable | None = None,
) -> Chain:
    """A clause whose relation could not be read whole: a warning at the place reading
    stopped; the span up to its last stated figure is taken (the figure itself stays an
    amount of the text, for the sums it belongs to)."""
    marks = relation_marks(tokens)
    col = error.col if error is not None else (tokens[at].start + 1 if at is not None and tokens else start + 1)
    clause = text[start:end].strip()
    finding = Finding(locate.at(col), "COSTLINE_UNREADABLE", Severity.WARNING, {"text": excerpt(clause, 60)})
    first = next((i for i, t in enumerate(tokens) if t.kind in (NUM, OPEN)), None)
    if first is None:
        return Chain(None, [finding, *findings])
    stop = end
    if marks and marks[-1] + 1 < len(tokens) and tokens[marks[-1] + 1].kind is NUM:
        stop = tokens[marks[-1] + 1].start
    return Chain(None, [finding, *findings], tokens[first].start, max(stop, tokens[first].start))


def _line(b: _Builder, rel: Relation, text: str, tokens: list[Token], start: int, label_from: int | None) -> CostLine:
    first_tok = tokens[rel.start]
    label_start = start if label_from is None else min(label_from, start)
    label = " ".join(text[label_start : first_tok.start].split()).strip(_TRIM)
    prefix = ""
    for p in _PREFIXES if label.endswith(_PREFIXES) else ():  # most labels end with neither
        if label == p or label.endswith((" " + p, ":" + p)):
            prefix = p
            label = label[: -len(p)].strip(_TRIM)
            break
    steps: list[Step] = []
    side0 = rel.sides[0]
    factors, _ = b.factors(side0.parsed.node, side0.lo, side0.hi, skip_first=False)
    restart = False
    for k in range(1, len(rel.sides)):
        side = rel.sides[k]
        stated = b.stated(side.parsed.node)
        steps.append(Step(factors, stated, restart))
        if isinstance(side.parsed.node, Operand):
            factors, restart = (), False
        else:
            factors, restart = b.factors(side.parsed.node, side.lo, side.hi, skip_first=True)
    if len(steps) >= MAX_FACTORS:
        raise _Unreadable(text[start:][:60], first_tok.start + 1, "steps")
    tail = " ".join(text[rel.result.unit_end : _clause_end(tokens, text)].split()).strip(_TRIM)
    steps.append(Step(factors, b.result(rel.result), restart, rounded="lam tron" in fold(tail)))
    noted = [s for s in rel.sides if s.parsed.noted]  # most sides hold no note at any depth
    notes = (
        tuple(
            " ".join(text[tokens[a].start + 1 : tokens[z - 1].start].split())
            for s in noted
            for op in operands(s.parsed.node)
            for a, z in op.notes
        )
        if noted
        else ()
    )
    loose = tuple(b.locate.at(tokens[i].start + 1) for i in rel.loose) if rel.loose else ()
    return CostLine(b.locate.at(first_tok.start + 1), label, tuple(steps), prefix, notes, tail, loose=loose)


def _with_implied_open(
    text: str,
    tokens: list[Token],
    money_end: Callable[[int], int],
    start: int,
    locate: Locator,
    label_from: int | None,
) -> Chain | None:
    """A computation whose opening bracket was left out (``09 ngày = 72 giờ x 40.000 đồng/giờ)
    x 10 hồ sơ = ...``): one closing bracket and no opening one, read with the bracket opened
    before its first number. A guess, so taken only when the whole reads and every step gives
    its stated figure (a note says where it was assumed); otherwise the clause stays unread."""
    closes = [i for i, t in enumerate(tokens) if t.kind is CLOSE]
    first = next((i for i, t in enumerate(tokens) if t.kind is NUM), None)
    if len(closes) != 1 or first is None or first > closes[0] or any(t.kind is OPEN for t in tokens):
        return None
    at = tokens[first]
    fixed = [*tokens[:first], Token(OPEN, at.start, at.start, "(", True), *tokens[first:]]
    rel = read_relation(fixed, money_end, _is_rate(text, fixed))
    if not isinstance(rel, Relation):
        return None
    builder = _Builder(text, fixed, locate)
    try:
        line = _line(builder, rel, text, fixed, start, label_from)
    except _Unreadable:
        return None
    if not _holds(line):
        return None
    builder.findings.append(Finding(locate.at(at.start + 1), "BRACKET_IMPLIED", Severity.INFO, {}))
    return Chain(line, builder.findings, fixed[rel.start].start, rel.result.unit_end)


def _holds(line: CostLine) -> bool:
    """Does every step of the line give its stated figure, exactly or as written rounded?"""
    return all(s.ok or s.within_rounding for s in evaluate_line(line).steps)


def _agree(line: CostLine) -> bool:
    """Do the sides of a restated chain all compute the same figure (only the result differs)?"""
    return len({s.computed for s in evaluate_line(line).steps}) == 1


def _restated(b: _Builder, rel: Relation, line: CostLine) -> CostLine | None:
    """A chain whose sides are each a whole computation of the one result (``6/(12+6) x 100% =
    6/18 x 100% = 33,33%``; ``2.000.000 đồng x 3 = 6.000.000 đồng = 1.000.000 đồng x 6 = ...``),
    not steps that go on from the figure before: every side computed alone against the result.
    Asked only when the chain does not hold as steps; taken when it holds so, or when its sides
    all compute one figure and only the result differs (a note says so either way)."""
    steps = []
    for k, side in enumerate(rel.sides):
        factors, _ = b.factors(side.parsed.node, side.lo, side.hi, skip_first=False)
        steps.append(Step(factors, line.stated, restart=k > 0))
    return replace(line, steps=tuple(steps))


def _clause_end(tokens: list[Token], text: str) -> int:
    return tokens[-1].end if tokens else len(text)
