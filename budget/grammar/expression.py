"""Tokens → an expression tree, by precedence (``+ -`` below ``x : /``), or nothing.

The parser reads a region of tokens and either consumes all of it or fails: a failed
parse is never "the part that made sense". An operand is a number (with its percent
sign and the unit phrase written after it) or a bracketed sub-expression; a
parenthesised prose note after an operand (``(hỗ trợ 50% kinh phí)``) is recorded as a
note, never read and never silently dropped: the relation that holds it is judged only
if it agrees without it (see ``relation``).

Operators, decided by position: ``x X × * ·`` and ``nhân (với)``; ``/`` between numbers,
``:`` with the same spacing on both sides, ``chia (cho)``; ``+`` and ``cộng``; ``- – −``
and ``trừ``. A ``/`` before a word belongs to the unit (``đồng/người``).
"""

from __future__ import annotations

import re
from fractions import Fraction
from typing import NamedTuple

from budget.grammar.tokens import (
    ADD,
    CLOSE,
    COLON,
    EQ,
    MUL,
    NUM,
    OPEN,
    PCT,
    PUNCT,
    SLASH,
    SUB,
    WORD,
    Token,
    closing,
)

MAX_DEPTH = 12  # nested brackets in one expression
MAX_UNIT_WORDS = 8  # words of one unit phrase (``triệu đồng/người/năm`` is 4)

_MUL_WORDS = {"nhan": "voi"}
_DIV_WORDS = {"chia": "cho"}
_ADD_WORDS = {"cong": ""}
_SUB_WORDS = {"tru": "di"}
_OPERATOR_WORDS = frozenset([*_MUL_WORDS, *_DIV_WORDS, *_ADD_WORDS, *_SUB_WORDS])  # their first words
RELATION_WORDS = frozenset({"la", "bang"})
_SIGN_LETTERS = frozenset({"x", "X", "×"})


class ParseError(Exception):
    """The region is not one expression; ``at`` is the token index where reading stopped."""

    def __init__(self, at: int, reason: str):
        super().__init__(reason)
        self.at = at
        self.reason = reason


class Operand(NamedTuple):
    """A number or a bracketed group, with the unit written after it. The parser's records
    are named tuples: several are built for every clause read (faster than frozen dataclasses,
    as immutable)."""

    start: int  # token index of the number or the opening bracket
    number: Token | None  # None for a group
    percent: bool
    unit: tuple[int, int] | None  # token range of the unit phrase
    group: Node | None = None
    bracket: str = ""
    notes: tuple[tuple[int, int], ...] = ()  # token ranges of parenthesised notes after it
    end: int = 0  # token index after the operand (its unit and notes included)


class BinOp(NamedTuple):
    op: str  # "*", "/", "+", "-"
    left: Node
    right: Node
    at: int  # token index of the operator


Node = Operand | BinOp


class Parsed(NamedTuple):
    node: Node
    end: int  # token index after the expression
    # a parenthesised note stands after some operand, at any depth: only then are the notes
    # looked for (most expressions have none)
    noted: bool = False


# The parser's records built as the tuples they are: ``Operand(...)`` would add a call of the
# named tuple's ``__new__`` in Python, for every operand of every clause read.
_new = tuple.__new__


# kinds are tested in tuples: compared by identity, where a set would hash each member
# (``Enum.__hash__`` is Python code)
_OPERAND_STARTS = (NUM, OPEN)
_ADD_SIGNS = (ADD, SUB)


def _is_operand_start(tokens: list[Token], i: int) -> bool:
    return i < len(tokens) and tokens[i].kind in _OPERAND_STARTS


class Parser:
    """Recursive descent over ``tokens[lo:hi]``."""

    def __init__(self, tokens: list[Token], lo: int, hi: int):
        self.t = tokens
        self.i = lo
        self.hi = hi
        self.depth = 0
        self.noted = False  # a note was taken here or in a group (see ``Parsed.noted``)

    # -- operators ---------------------------------------------------------------------
    def _word_op(self, table: dict[str, str]) -> int:
        """Tokens taken by a word operator at ``i`` (0 when none): ``nhân với`` is 2."""
        tok = self.t[self.i]
        if tok.kind is not WORD or tok.folded not in table:
            return 0
        follow = table[tok.folded]
        n = 1
        if follow and self.i + 1 < self.hi and self.t[self.i + 1].folded == follow:
            n = 2
        return n if _is_operand_start(self.t, self.i + n) and self.i + n < self.hi else 0

    def _mul_op(self) -> tuple[str, int] | None:
        if self.i >= self.hi:
            return None
        tok = self.t[self.i]
        nxt = self.i + 1
        if tok.kind is MUL:
            return "*", 1
        if tok.kind is SLASH and nxt < self.hi and _is_operand_start(self.t, nxt):
            return None if is_date(self.t, self.i) else ("/", 1)
        if tok.kind is COLON and nxt < self.hi and _is_operand_start(self.t, nxt):
            if tok.space_before == self.t[nxt].space_before:
                return "/", 1
            return None
        if tok.kind is not WORD:  # what ``_word_op`` would say: asked after every operand
            return None
        if n := self._word_op(_MUL_WORDS):
            return "*", n
        if n := self._word_op(_DIV_WORDS):
            return "/", n
        return None

    def _add_op(self) -> tuple[str, int] | None:
        if self.i >= self.hi:
            return None
        tok = self.t[self.i]
        if tok.kind in _ADD_SIGNS and _is_operand_start(self.t, self.i + 1) and self.i + 1 < self.hi:
            if tok.kind is SUB and is_date(self.t, self.i):
                return None  # ``2020 - 2025``: a period, not a difference
            return ("+" if tok.kind is ADD else "-"), 1
        if tok.kind is not WORD:  # what ``_word_op`` would say: asked after every term
            return None
        if n := self._word_op(_ADD_WORDS):
            return "+", n
        if n := self._word_op(_SUB_WORDS):
            return "-", n
        return None

    # -- grammar -----------------------------------------------------------------------
    def expr(self) -> Node:
        node = self.term()
        while (op := self._add_op()) is not None:
            at = self.i
            self.i += op[1]
            node = _new(BinOp, (op[0], node, self.term(), at))
        return node

    def term(self) -> Node:
        node: Node = self.operand()
        while (op := self._mul_op()) is not None:
            at = self.i
            self.i += op[1]
            node = _new(BinOp, (op[0], node, self.operand(), at))
        return node

    def operand(self) -> Operand:
        if self.i >= self.hi:
            raise ParseError(self.i, "end")
        tok = self.t[self.i]
        start = self.i
        if tok.kind is NUM:
            self.i += 1
            percent, unit, notes = self._after()
            return _new(Operand, (start, tok, percent, unit, None, "", notes, self.i))
        if tok.kind is OPEN:
            if self.depth >= MAX_DEPTH:
                raise ParseError(self.i, "depth")
            close = self._matching(self.i)
            if close is None:
                raise ParseError(self.i, "unclosed")
            inner = Parser(self.t, self.i + 1, close)
            inner.depth = self.depth + 1
            node = inner.expr()
            restated: tuple[tuple[int, int], ...] = ()
            if inner.i < close and self.t[inner.i].kind is EQ and isinstance(node, Operand):
                # ``(10 ngày làm việc = 80 giờ x 40.000 đồng/giờ)``: a quantity said again in
                # other units, then computed; the group is worth its last side, the restated
                # figure is a note (a number the computation did not use)
                restated = ((self.i, inner.i + 1),)
                inner.i += 1
                node = inner.expr()
            if inner.i != close:
                raise ParseError(inner.i, "group")
            self.i = close + 1
            self.noted = self.noted or inner.noted or bool(restated)
            percent, unit, notes = self._after()
            return _new(Operand, (start, None, percent, unit, node, tok.text, restated + notes, self.i))
        raise ParseError(self.i, "operand")

    def _after(self) -> tuple[bool, tuple[int, int] | None, tuple[tuple[int, int], ...]]:
        """What follows an operand: its percent sign, unit phrase and notes. Each is read only
        where its first token stands (a unit starts with a word or ``/``, a note with a
        bracket): most operands stand right before an operator or the relation."""
        t, hi = self.t, self.hi
        percent = self.i < hi and t[self.i].kind is PCT
        if percent:
            self.i += 1
        unit = None
        if self.i < hi and t[self.i].kind in (WORD, SLASH):
            unit = self._unit()
        notes: tuple[tuple[int, int], ...] = ()
        if self.i < hi and t[self.i].kind is OPEN:
            notes = self._notes()
        return percent, unit, notes

    def _matching(self, i: int) -> int | None:
        """Index of the bracket closing the one at ``i``, within the region (one pass)."""
        want = [closing(self.t[i].text)]
        for j in range(i + 1, self.hi):
            tok = self.t[j]
            if tok.kind is OPEN:
                want.append(closing(tok.text))
            elif tok.kind is CLOSE:
                if tok.text != want[-1]:
                    return None
                want.pop()
                if not want:
                    return j
        return None

    def _unit(self) -> tuple[int, int] | None:
        """The unit phrase after an operand: words, ``/word``, ``tr.đ``; never a number."""
        t, hi, word = self.t, self.hi, WORD  # read on every operand: locals, for speed
        start = i = self.i
        words = 0
        while i < hi:
            tok = t[i]
            nxt = t[i + 1] if i + 1 < hi else None
            if tok.kind is word:
                if tok.text in _SIGN_LETTERS:
                    break  # a multiplication sign not before a number (``x+ 1``): not a unit
                if tok.folded in _OPERATOR_WORDS:
                    self.i = i  # ``_word_op`` reads at ``self.i``
                    if any(self._word_op(table) for table in (_MUL_WORDS, _DIV_WORDS, _ADD_WORDS, _SUB_WORDS)):
                        break
                if tok.folded in RELATION_WORDS and nxt is not None and nxt.kind is NUM:
                    break
                words += 1
                if words > MAX_UNIT_WORDS:
                    self.i = i
                    raise ParseError(i, "unit")
                i += 1
            elif tok.kind is SLASH and nxt is not None and nxt.kind is word:
                i += 1
            elif tok.kind is PUNCT and tok.text == "." and words and nxt is not None:
                if nxt.kind is word and not nxt.space_before and not tok.space_before:
                    i += 1  # tr.đ, ng.đồng
                else:
                    break
            elif tok.kind is PUNCT and tok.text == "," and words and nxt is not None and nxt.kind is word:
                # a comma inside a unit phrase (``chứng chỉ khóa, học``) only when words go on
                # to an operator or the relation; otherwise it ends the phrase
                j = i + 1
                while j < hi and t[j].kind is word and j - i <= MAX_UNIT_WORDS:
                    j += 1
                if j == hi or t[j].kind in (MUL, EQ):
                    i += 1
                else:
                    break
            else:
                break
        self.i = i
        return (start, i) if i > start else None

    def _notes(self) -> tuple[tuple[int, int], ...]:
        """Parenthesised prose after an operand: no operator, no relation inside."""
        notes: list[tuple[int, int]] = []
        while self.i < self.hi and self.t[self.i].kind is OPEN and self.t[self.i].text == "(":
            close = self._matching(self.i)
            if close is None or not is_note(self.t, self.i + 1, close):
                break
            notes.append((self.i, close + 1))
            self.i = close + 1
        if notes:
            self.noted = True
        return tuple(notes)


_YEAR = re.compile(r"(?:19|20)[0-9]{2}")
_DATE_WORDS = frozenset({"ngay", "thang", "nam", "so", "ky", "quy"})


def is_date(tokens: list[Token], j: int) -> bool:
    """The ``/`` or ``-`` at ``j`` joins the parts of a date, a period or a document number:
    a year beside it (``10/1960``, ``2020 - 2025``), a date word before it (``ngày 30/11``),
    or a third part after it (``24/3/2024``, ``39/2024/QH15``)."""
    before = tokens[j - 1] if j > 0 else None
    after = tokens[j + 1] if j + 1 < len(tokens) else None
    if before is None or after is None or before.kind is not NUM or after.kind is not NUM:
        return False
    if _YEAR.fullmatch(before.text) or _YEAR.fullmatch(after.text):
        return True
    word = tokens[j - 2] if j > 1 else None
    if word is not None and word.kind is WORD and word.folded in _DATE_WORDS:
        return True
    third = tokens[j + 2] if j + 2 < len(tokens) else None
    return third is not None and third.kind is tokens[j].kind and not third.space_before and not after.space_before


def is_note(tokens: list[Token], lo: int, hi: int) -> bool:
    """Prose in brackets: words, maybe numbers, but no operator and no relation."""
    has_word = False
    for j in range(lo, hi):
        tok = tokens[j]
        if tok.kind in (MUL, EQ, OPEN):
            return False
        if tok.kind in (SLASH, COLON, SUB, ADD):
            before = tokens[j - 1] if j > lo else None
            after = tokens[j + 1] if j + 1 < hi else None
            # between numbers it is arithmetic (``(20/30)``, ``(2 + 3)``); between words, prose
            if before is not None and after is not None and before.kind in (NUM, PCT):
                if after.kind is NUM:
                    return False
        if tok.kind is WORD and tok.folded not in _MUL_WORDS and tok.folded not in _DIV_WORDS:
            has_word = True
    return has_word


def parse_expression(tokens: list[Token], lo: int, hi: int) -> Parsed:
    """The expression filling ``tokens[lo:hi]`` exactly; ``ParseError`` otherwise."""
    p = Parser(tokens, lo, hi)
    node = p.expr()
    if p.i != hi:
        raise ParseError(p.i, "leftover")
    return _new(Parsed, (node, p.i, p.noted))


def parse_prefix(tokens: list[Token], lo: int, hi: int) -> Parsed:
    """The longest expression starting at ``lo`` (for a result and what follows it)."""
    p = Parser(tokens, lo, hi)
    node = p.expr()
    return _new(Parsed, (node, p.i, p.noted))


def operands(node: Node) -> list[Operand]:
    """The operands of ``node`` in written order."""
    out: list[Operand] = []
    stack: list[Node] = [node]
    while stack:
        n = stack.pop()
        if isinstance(n, BinOp):
            stack.append(n.right)
            stack.append(n.left)
        else:
            out.append(n)
    return out


def top_product(node: Node) -> list[Operand] | None:
    """The factors when ``node`` is a plain product ``a x b x c`` (groups allowed as factors)."""
    out: list[Operand] = []
    stack: list[Node] = [node]
    while stack:
        n = stack.pop()
        if isinstance(n, BinOp):
            if n.op != "*":
                return None
            stack.append(n.right)
            stack.append(n.left)
        else:
            out.append(n)
    return out


def has_operator(node: Node) -> bool:
    """A computation, not a figure alone: ``(5)`` has none, ``(2 + 3)`` has one."""
    if isinstance(node, BinOp):
        return True
    return node.group is not None and has_operator(node.group)


Value = Fraction
