"""A clause's tokens → its relation ``expr = result [op ... = result]*``, unread, or none.

A relation is read only when the grammar consumes every token from the start of its
expression to its final result, with nothing numeric or operator-like right after it.
What is not consumed must be harmless to be judged:

* the label before the expression: words, identifiers (``Lớp 5``, ``năm 2025``); a
  quantity there (``Tổ chức 2 đợt: ...``) or a parenthesised note with a number between
  factors (``(hỗ trợ 50% kinh phí)``) is *loose*: the relation is judged only if it
  agrees without it, since the text may mean it as a factor;
* a money rate in the label (``mức 300.000 đồng/người cho 1.240 người = ...``) is never
  loose: the relation is a prose product (``prose``) or unread.

Anything else (two results, an operator after the result, an unbalanced bracket, a
unit phrase running into the next formula) makes the clause *unread*, with the token
where reading stopped.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

from budget.grammar.expression import (
    RELATION_WORDS,
    Node,
    Operand,
    Parsed,
    ParseError,
    has_operator,
    is_date,
    is_note,
    operands,
    parse_expression,
)
from budget.grammar.tokens import ADD, CLOSE, COLON, EQ, MUL, NUM, OPEN, PCT, PUNCT, SLASH, SUB, WORD, Token, tokenize

# Where the money unit (and its ``/per`` parts) after a number ending at an offset ends.
MoneyEnd = Callable[[int], int]
# Whether the number at a token index is a money rate (``300.000 đồng/người``).
RateTest = Callable[[int], bool]

MAX_TOKENS = 400  # tokens of one relation; a longer "formula" is reported, not read
MAX_STARTS = 16  # candidate starts tried for one expression
_YEAR = re.compile(r"(?:19|20)[0-9]{2}")


class Side(NamedTuple):  # the grammar's records are named tuples, as ``Operand``
    """One side of a relation: ``node`` (side 0: the expression; later sides start with the
    result stated by the ``=`` before them)."""

    parsed: Parsed
    lo: int  # token range
    hi: int


class Result(NamedTuple):
    """The final stated result: a number, its percent sign, and the money unit after it."""

    number: int  # token index
    percent: bool
    unit_end: int  # offset in the text where its unit ends (its start is the number's end)
    after: int  # token index after the result


class Split(NamedTuple):
    """A money figure split in the note after it: ``900.000 đồng/người (tỉnh 700.000 đồng; huyện
    200.000 đồng)``; the parts must add up to the figure."""

    figure: int  # token index of the figure
    parts: tuple[int, ...]  # token indices of the parts' figures


class Relation(NamedTuple):
    sides: tuple[Side, ...]  # side 0 and the intermediate sides (each ends at an "=")
    result: Result
    start: int  # token index of the expression's first token
    loose: tuple[int, ...]  # token indices of numbers the relation leaves aside
    splits: tuple[Split, ...] = ()


class Unread(NamedTuple):
    at: int  # token index where reading stopped
    reason: str


# The records of every clause read built as the tuples they are (see ``expression._new``).
_new = tuple.__new__


def _outside_brackets(tokens: list[Token]) -> list[int]:
    """Indices of the tokens at bracket depth 0 (the brackets themselves left out)."""
    out = []
    depth = 0
    for i, tok in enumerate(tokens):
        kind = tok.kind
        if kind is OPEN:
            depth += 1
        elif kind is CLOSE:
            depth = max(0, depth - 1)
        elif not depth:
            out.append(i)
    return out


def relation_marks(tokens: list[Token]) -> list[int]:
    """Token indices of ``=`` and of ``là``/``bằng`` used as ``=`` (before a number), outside
    brackets (an equation in brackets is a clause of its own). Run on every clause read: the
    candidates and the brackets are gathered by comprehensions (a word's ``folded`` is its only
    non-empty one), then the walk of ``_outside_brackets`` over those alone."""
    eq, num, open_, close, words = EQ, NUM, OPEN, CLOSE, RELATION_WORDS
    last = len(tokens) - 1
    marks = [
        i
        for i, tok in enumerate(tokens)
        if tok.kind is eq or (tok.folded in words and 0 < i < last and tokens[i + 1].kind is num)
    ]
    if not marks:
        return marks
    brackets = [i for i, tok in enumerate(tokens) if tok.kind is open_ or tok.kind is close]
    if not brackets:
        return marks
    out = []
    depth = 0
    b = 0
    for i in marks:
        while b < len(brackets) and brackets[b] < i:
            depth = depth + 1 if tokens[brackets[b]].kind is open_ else max(0, depth - 1)
            b += 1
        if not depth:
            out.append(i)
    return out


def _arithmetic_sign(tokens: list[Token], j: int) -> bool:
    """An operator between numbers (or brackets): ``x 3``, ``5 + 2``, ``20/30``, ``12 : 4``."""
    tok = tokens[j]
    before = tokens[j - 1] if j > 0 else None
    after = tokens[j + 1] if j + 1 < len(tokens) else None
    if tok.kind is MUL:
        return True
    if tok.kind in (ADD, SUB, SLASH, COLON):
        return (
            before is not None
            and after is not None
            and after.kind in (NUM, OPEN)
            and (before.kind in (NUM, PCT, CLOSE) or (before.kind is WORD and tok.kind is not SLASH))
        )
    return False


def computation_kind(content: str) -> str:
    """What a bracketed group after a figure holds: ``equation`` (a relation of its own),
    ``product`` (a computation whose result is the figure before it), or ``note``."""
    tokens = tokenize(content)
    signs = any(_arithmetic_sign(tokens, j) for j in range(len(tokens)))
    numbers = sum(1 for t in tokens if t.kind is NUM)
    if not signs or numbers < 2 or _dates(tokens):
        return "note"
    if relation_marks(tokens):
        return "equation"
    start = next(i for i, t in enumerate(tokens) if t.kind in (NUM, OPEN))
    try:
        parsed = parse_expression(tokens, start, len(tokens))
    except ParseError:
        return "note"
    if any(t.kind is NUM for t in tokens[:start]) or not has_operator(parsed.node):
        return "note"
    return "product"


def _dates(tokens: list[Token]) -> bool:
    """Dates and periods: ``2020 - 2025``, ``24/3/2024``, ``39/2024/QH15``, ``ngày 30/11``."""
    return any(t.kind in (SUB, SLASH) and is_date(tokens, j) for j, t in enumerate(tokens))


_BEFORE_NO_START = (MUL, ADD, SUB, SLASH, OPEN, NUM)  # a tuple: see ``expression._OPERAND_STARTS``


def _starts(tokens: list[Token], lo: int, hi: int) -> list[int]:
    """Where an expression ending at ``hi`` may start: a number or bracket not preceded by
    an operator or a number (leftmost first, at most ``MAX_STARTS``)."""
    out = []
    num, open_ = NUM, OPEN
    for i in range(hi - 1, lo - 1, -1):
        tok = tokens[i]
        if tok.kind is not num and tok.kind is not open_:
            continue
        prev = tokens[i - 1] if i > lo else None
        if prev is not None and prev.kind in _BEFORE_NO_START:
            continue
        if tok.kind is num and prev is not None and prev.kind is WORD and not tok.space_before:
            continue  # glued to a word (``Tháng520``): table cells run together
        out.append(i)
        if len(out) >= MAX_STARTS:
            break
    return out[::-1]


def _expression(tokens: list[Token], lo: int, hi: int) -> tuple[int, Parsed] | ParseError:
    """The longest expression with an operator filling ``tokens[s:hi]`` for some ``s >= lo``."""
    last: ParseError | None = None  # built only when no start gives an expression (most clauses have one)
    for s in _starts(tokens, lo, hi):
        try:
            parsed = parse_expression(tokens, s, hi)
        except ParseError as e:
            last = e
            continue
        return s, parsed
    return last if last is not None else ParseError(hi, "no expression")


def final_result(tokens: list[Token], i: int, hi: int, money_end: MoneyEnd) -> Result | None:
    """The final result at token ``i``, or None when there is none or something follows it."""
    r = _final(tokens, i, hi, money_end)
    return r if isinstance(r, Result) else None


def _final(tokens: list[Token], i: int, hi: int, money_end: MoneyEnd) -> Result | Unread:
    """The final result at token ``i``: number, ``%`` or money unit; nothing numeric after."""
    if i >= hi or tokens[i].kind is not NUM:
        return Unread(min(i, hi - 1), "result")
    j = i + 1
    percent = j < hi and tokens[j].kind is PCT
    if percent:
        j += 1
        unit_end = tokens[j - 1].end
    else:
        unit_end = money_end(tokens[i].end)
        while j < hi and tokens[j].start < unit_end:
            j += 1
    if j < hi and _numeric_next(tokens, j, hi):
        return Unread(j, "after result")
    return _new(Result, (i, percent, unit_end, j))


def _numeric_next(tokens: list[Token], j: int, hi: int) -> bool:
    """Something numeric or operator-like right after a result."""
    tok = tokens[j]
    nxt = tokens[j + 1] if j + 1 < hi else None
    if tok.kind in (NUM, MUL, EQ, PCT):
        return True
    if tok.kind in (ADD, SUB, SLASH, COLON) and nxt is not None and nxt.kind in (NUM, OPEN):
        return True
    if tok.kind is WORD and tok.folded in ("x", "nhan", "chia", "cong", "tru"):
        # an operator before a number, or with nothing after it (a line cut short: ``= 3 x``)
        return nxt is None or nxt.kind is NUM
    return False


def _loose_in_label(tokens: list[Token], lo: int, start: int, is_rate: RateTest) -> list[int] | Unread:
    """Numbers in the label that could be factors; a money rate there makes it unread."""
    loose: list[int] = []
    for i in range(lo, start):
        tok = tokens[i]
        if tok.kind is not NUM:
            continue
        if is_rate(i):
            return Unread(i, "rate in label")
        if is_identifier(tokens, i, start, lo) or is_limit(tokens, i):
            continue
        loose.append(i)
    return loose


# A cap or a floor written before a number (``tối đa 3 người``, ``không quá 5 ngày``): a limit,
# never a factor. Matched with the marks: ``tôi đã`` folds to the letters of ``tối đa``.
_LIMITS = frozenset({("tối", "đa"), ("tối", "thiểu"), ("không", "quá"), ("ít", "nhất"), ("vượt", "quá")})


def is_limit(tokens: list[Token], i: int) -> bool:
    """Is the number at ``i`` a cap or a floor (``tối đa 3 người``)?"""
    if i < 2 or tokens[i - 1].kind is not WORD or tokens[i - 2].kind is not WORD:
        return False
    return (tokens[i - 2].text.lower(), tokens[i - 1].text.lower()) in _LIMITS


def is_identifier(tokens: list[Token], i: int, hi: int, lo: int = 0) -> bool:
    """A number that names rather than counts: a year, ``Lớp 5``, ``khu 2``, one not
    followed by a word (``Điều 3.``)."""
    tok = tokens[i]
    nxt = tokens[i + 1] if i + 1 < hi else None
    if nxt is None or nxt.kind not in (WORD, PCT):
        return True
    if _YEAR.fullmatch(tok.text):
        return True
    prev = tokens[i - 1] if i > lo else None
    return prev is not None and prev.kind is WORD and prev.folded in _IDENTIFIER_WORDS


# Words after which a number names something rather than counting it.
_IDENTIFIER_WORDS = frozenset(
    {
        "lop",
        "khu",
        "nam",
        "khoi",
        "to",
        "doi",
        "so",
        "phong",
        "thang",
        "ngay",
        "muc",
        "dieu",
        "khoan",
        "diem",
        "giai",
        "doan",
        "dot",
        "tuan",
        "ky",
        "quy",
        "tiet",
        "bai",
        "phu",
        "luc",
        "bieu",
        "mau",
        "hang",
        "cap",
        "vong",
    }
)


def _notes_loose(tokens: list[Token], node: Node, money_end: MoneyEnd, splits: list[Split]) -> list[int] | Unread:
    """Numbers in the notes of an expression. A money figure split in the note after it
    (``800.000 đồng/người (tỉnh 600.000 đồng; huyện 200.000 đồng)``) is a ``Split`` to check;
    any other money amount in a note is a breakdown no one can check: unread."""
    out: list[int] = []
    for op in operands(node):
        for a, b in op.notes:
            money = [i for i in range(a, b) if tokens[i].kind is NUM and money_end(tokens[i].end) > tokens[i].end]
            if money:
                parts = _split_parts(tokens, a, b, money_end)
                if op.number is None or money_end(op.number.end) == op.number.end or parts is None:
                    return Unread(money[0], "money in note")
                splits.append(Split(op.start, parts))
                continue
            out += [i for i in range(a, b) if tokens[i].kind is NUM]
        if op.group is not None:
            inner = _notes_loose(tokens, op.group, money_end, splits)
            if isinstance(inner, Unread):
                return inner
            out += inner
    return out


def _split_parts(tokens: list[Token], a: int, b: int, money_end: MoneyEnd) -> tuple[int, ...] | None:
    """The figures of a note made only of named money parts (``(tỉnh 600.000 đồng; huyện
    200.000 đồng)``): words, then one money figure, a part, separated by ``;`` or ``,``; two
    parts or more. None for any other note."""
    parts: list[int] = []
    named = False
    i = a + 1  # after the opening bracket
    while i < b - 1:
        tok = tokens[i]
        if tok.kind is WORD:
            named = True
            i += 1
        elif tok.kind is NUM and named and money_end(tok.end) > tok.end:
            parts.append(i)
            end = money_end(tok.end)
            i += 1
            while i < b - 1 and tokens[i].start < end:
                i += 1  # the money unit
            named = False
        elif tok.kind is PUNCT and tok.text in ";," and not named:
            i += 1
        elif tok.kind is COLON and named:
            i += 1  # ``tỉnh: 600.000 đồng``
        else:
            return None
    return tuple(parts) if len(parts) >= 2 and not named else None


def read_relation(tokens: list[Token], money_end: MoneyEnd, is_rate: RateTest) -> Relation | Unread | None:
    """The relation of one clause's tokens; None when the clause states none."""
    marks = relation_marks(tokens)
    if not marks:
        return None
    hi = len(tokens)
    # "=" marks before the first expression belong to the label (``Kinh phí = 3 x ...``)
    first = None
    for k, m in enumerate(marks):
        lo = marks[k - 1] + 1 if k else 0
        found = _expression(tokens, lo, m)
        if isinstance(found, tuple) and has_operator(found[1].node):
            first = k
            start, parsed = found
            break
    if first is None:
        # a sign outside brackets with no expression to hold it; a group's own signs are the
        # group's (read by what it holds: ``là 5.400.000 đồng ((2.000 đồng x 900 km) x 3 ...)``)
        sign = _outer_sign(tokens)
        return None if sign is None else Unread(sign, "no expression")
    m0 = marks[first]
    lo0 = marks[first - 1] + 1 if first else 0
    if hi - start > MAX_TOKENS:
        return Unread(start, "too long")
    sides = [_new(Side, (parsed, start, m0))]
    rest = marks[first + 1 :]
    prev = m0
    for m in rest:
        try:
            p = parse_expression(tokens, prev + 1, m)
        except ParseError as e:
            return Unread(e.at, "chain")
        sides.append(_new(Side, (p, prev + 1, m)))
        prev = m
    final = _final(tokens, prev + 1, hi, money_end)
    if isinstance(final, Unread):
        return final
    loose = _loose_in_label(tokens, lo0, start, is_rate)
    if isinstance(loose, Unread):
        return loose
    # a figure of the label written again in the computation, with the same unit word
    # (``450 nghìn đồng, bình quân 450 nghìn đồng : 3 lớp``; ``Thuê hội trường (02 đợt): 70
    # nghìn đồng/đợt x 2 đợt``) is that operand, not another factor
    if loose:
        written = {_restated(tokens, op.start) for s in sides for op in operands(s.parsed.node) if op.number}
        loose = [i for i in loose if _restated(tokens, i) not in written]
    splits: list[Split] = []
    for s in sides:
        if not s.parsed.noted:
            continue  # no note in it at any depth
        in_notes = _notes_loose(tokens, s.parsed.node, money_end, splits)
        if isinstance(in_notes, Unread):
            return in_notes
        loose += in_notes
    for s in sides[1:]:
        first_op = s.parsed.node
        while not isinstance(first_op, Operand):
            first_op = first_op.left
        if first_op.number is None:
            return Unread(s.lo, "chain")  # a later side starts with its stated result
    return _new(Relation, (tuple(sides), final, start, tuple(loose), tuple(splits)))


def _restated(tokens: list[Token], i: int) -> tuple[str, str]:
    """A number as its digits without leading zeros and the first word after it (``02 đợt``
    and ``2 đợt`` are one quantity written twice)."""
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    return tokens[i].text.lstrip("0") or "0", nxt.folded if nxt is not None and nxt.kind is WORD else ""


def _outer_sign(tokens: list[Token]) -> int | None:
    """The first multiplication sign outside brackets."""
    return next((i for i in _outside_brackets(tokens) if tokens[i].kind is MUL), None)


def group_is_note(tokens: list[Token], lo: int, hi: int) -> bool:
    return is_note(tokens, lo, hi)
