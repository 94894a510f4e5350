"""One line of plan text → a ``CostLine`` (or nothing), with findings about its numbers.

Grammar, as plans write it::

    [label[:]] [TB] NUMBER unit (x|×|X|* NUMBER unit)+ = NUMBER unit [(x NUMBER unit)+ = NUMBER unit]* [tail]

Parenthetical notes are cut out first (kept as notes, never read as factors). A
multiplication sign counts only before a number and after a space or a digit, so the
``x`` of ``xã`` is never an operator. Dates, document numbers and years cannot form
this shape, which is what keeps whole documents safe.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Protocol

from budget.arith import evaluate_group
from budget.findings import Finding, Severity
from budget.model import CostLine, Quantity, Step
from budget.numbers import NUMBER_TOKEN, Ambiguity, NumberError, alternatives, format_vn, read_number, shift
from budget.source import Source
from budget.units import Money, read_money


class Locator(Protocol):
    """Turns a 1-based column of the text being read into a ``Source`` in the file."""

    def at(self, col: int | None) -> Source: ...


_PAREN = re.compile(r"\([^()]*\)")
_OP = re.compile(r"(?:(?<=\s)|(?<=[0-9%)]))[x×X*](?=\s*[0-9(])")
_FREE_NUMBER = re.compile(r"(?<![\w.,])" + NUMBER_TOKEN.pattern, re.VERBOSE)
_PER_PARTS = re.compile(r"(?:\s*/\s*[^\W\d_]+)*")
_PREFIXES = ("TB", "BQ")
MAX_DIGITS = 30  # digits a figure may carry and still be computed exactly (products of a few)
MAX_FACTORS = 20  # factors in one product (20 × 30 digits stay within exact precision); more is reported
_TRIM = " \t,;:.-–+"


@dataclass(frozen=True)
class _Piece:
    start: int  # offset in the line
    text: str


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
    """``(2,34 + 0,5)``, ``(15/30)``: a group of numbers and operators is a factor, not a note."""
    return _ARITH_GROUP.fullmatch(content) is not None and len(NUMBER_TOKEN.findall(content)) >= 2


_ARITH_GROUP = re.compile(r"[\s0-9.,%()]*[0-9][\s0-9.,%()]*(?:[-+x×X*/:][\s0-9.,%()]*[0-9][\s0-9.,%()]*)+")


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


def _split(text: str, start: int, end: int) -> list[_Piece]:
    """Pieces of ``text[start:end]`` between multiplication signs."""
    pieces = []
    pos = start
    for m in _OP.finditer(text, start, end):
        pieces.append(_Piece(pos, text[pos : m.start()]))
        pos = m.end()
    pieces.append(_Piece(pos, text[pos:end]))
    return pieces


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
    key = f"NUMBER_AMBIGUOUS.{reading.ambiguity}"
    return reading.value, [Finding(where, "NUMBER_AMBIGUOUS", Severity.WARNING, args, message_key=key)]


class _Unreadable(Exception):
    def __init__(self, text: str, col: int):
        self.text = text
        self.col = col


class _LineReader:
    """Reads the numbers of one line, collecting findings about how they were read."""

    def __init__(self, source: Locator):
        self.source = source
        self.findings: list[Finding] = []
        self.end = 0  # where the last quantity read ended (its unit included)

    def number(self, token: str, col: int, where: Source) -> Decimal:
        # a token no longer than the limit cannot hold more digits than it: no count needed
        if len(token) > MAX_DIGITS and sum(ch.isdigit() for ch in token) > MAX_DIGITS:
            raise _Unreadable(token[:40], col)  # too long to compute exactly: reported, not read
        try:
            value, findings = read_number_at(token, where)
        except NumberError:
            raise _Unreadable(token, col) from None
        if findings:
            self.findings.extend(findings)
        return value

    def _group(self, piece: _Piece, lead: int) -> tuple[Decimal, str, int]:
        """An arithmetic group ``(2,34 + 0,5)`` as one factor: its exact value, text, end."""
        text = piece.text
        depth = 0
        for i in range(lead, len(text)):
            if text[i] == "(":
                depth += 1
            elif text[i] == ")":
                depth -= 1
                if depth == 0:
                    value = evaluate_group(text[lead + 1 : i])
                    if value is None:
                        break
                    return value, text[lead : i + 1], i + 1
        raise _Unreadable(text[lead:].strip(), piece.start + lead + 1)

    def quantity(self, piece: _Piece, offset: int, *, result: bool, final: bool) -> tuple[Quantity, str]:
        """The quantity starting at ``offset`` of a piece, and the text left after it."""
        text = piece.text
        lead = len(text) - len(text[offset:].lstrip()) if offset == 0 else offset
        alts: tuple[Decimal, ...] = ()
        if not result and text.startswith("(", lead):
            value, written, end = self._group(piece, lead)
            col = piece.start + lead + 1
            where = self.source.at(col)
            rest = text[end:]
            token = written
        else:
            m = NUMBER_TOKEN.match(text, lead)
            if m is None:
                raise _Unreadable(text.strip() or text, piece.start + lead + 1)
            token = m.group()
            col = piece.start + m.start() + 1
            where = self.source.at(col)  # one Source per number, shared by its findings
            value = self.number(token, col, where)
            alts = alternatives(token)
            rest = text[m.end() :]
        unit_text, money, percent, tail_length = _unit_after(rest, final and result)
        tail = rest[len(rest) - tail_length :]
        self.end = piece.start + len(text) - tail_length
        q = Quantity(value, unit_text, money, where, token, percent, alts)
        return q, tail


@lru_cache(maxsize=4096)
def _unit_after(rest: str, final_result: bool) -> tuple[str, Money | None, bool, int]:
    """What follows a number: its unit text (spaces unified), money unit, whether it is a
    percentage, and the length of the text left after the unit (only a line's final result
    leaves any). Cached: the same few texts follow most numbers of a plan; the unit text is
    interned, so one copy of each is kept however many lines write it."""
    percent = rest.lstrip().startswith("%")
    if percent:
        tail = rest.lstrip()[1:]
        unit_text = "%"
    elif final_result:
        money, span = read_money(rest)
        if money is not None:
            per = _PER_PARTS.match(rest, span)
            end = per.end() if per else span
            unit_text, tail = rest[:end], rest[end:]
        else:
            unit_text, tail = "", rest
    else:
        unit_text, tail = rest, ""
    unit_text = sys.intern(" ".join(unit_text.split()).strip(_TRIM))
    money = None if percent else read_money(unit_text[:40])[0]
    return unit_text, money, percent, len(tail)


def parse_cost_line(source: Source) -> tuple[CostLine | None, list[Finding]]:
    """The cost line on this source line, or None when the line is not one."""
    text = source.text
    if "=" not in text:
        return None, []
    masked, notes = _mask_notes(text)
    chain = read_chain(text, masked, notes, 0, len(text), source)
    return chain.line, chain.findings


@dataclass(frozen=True)
class Chain:
    """What one clause holds: a cost line (or None), findings, and the span it consumed."""

    line: CostLine | None
    findings: list[Finding]
    start: int = 0
    end: int = 0


def read_chain(
    text: str,
    masked: str,
    notes: tuple[tuple[int, str], ...],
    start: int,
    end: int,
    locate: Locator,
    label_from: int | None = None,
) -> Chain:
    """The cost line in ``text[start:end]`` (one clause), or None when it holds none.

    ``masked`` is ``text`` with notes blanked; columns given to ``locate`` are 1-based in
    ``text``.
    """
    first_op = _OP.search(masked, start, end)
    if first_op is None:
        return Chain(None, [])
    # an "=" before the first multiplication belongs to the label, not to the arithmetic
    eq_at = masked.find("=", first_op.start(), end)
    if eq_at < 0:
        return Chain(None, [])
    eqs = []
    while 0 <= eq_at < end:
        eqs.append(eq_at)
        eq_at = masked.find("=", eq_at + 1, end)
    reader = _LineReader(locate)
    try:
        line, first = _read(reader, text, masked, eqs, notes, start, end, label_from)
    except _Unreadable as e:
        finding = Finding(locate.at(e.col), "COSTLINE_UNREADABLE", Severity.WARNING, {"text": e.text[:60]})
        return Chain(None, [finding, *reader.findings], first_op.start(), end)
    return Chain(line, reader.findings, first, reader.end)


def _first_factor(piece: _Piece) -> int:
    """Offset in ``piece`` of the first factor: the last free-standing number, or the
    arithmetic group ``(1.200 : 12)`` that holds it."""
    matches = list(_FREE_NUMBER.finditer(piece.text))
    if not matches:
        raise _Unreadable(piece.text.strip(), piece.start + 1)
    at = matches[-1].start()
    groups = [(a, b) for a, b in paren_groups(piece.text) if a < at < b]
    return groups[0][0] if groups else at


def _read(
    reader: _LineReader,
    text: str,
    masked: str,
    eqs: list[int],
    notes: tuple[tuple[int, str], ...],
    start: int,
    end: int,
    label_from: int | None = None,
) -> tuple[CostLine, int]:
    bounds = [*eqs, end]
    head = _split(masked, start, eqs[0])
    first = head[0]
    at = _first_factor(first)
    # the label is the text as written, parentheses included; notes are those of the arithmetic
    label_start = start if label_from is None else min(label_from, start)
    label = " ".join(text[label_start : first.start + at].split()).strip(_TRIM)
    prefix = ""
    for p in _PREFIXES:
        if label == p or label.endswith((" " + p, ":" + p)):
            prefix = p
            label = label[: -len(p)].strip(_TRIM)
            break
    if len(head) > MAX_FACTORS or len(eqs) > MAX_FACTORS:
        raise _Unreadable(text[start:end].strip()[:60], first.start + at + 1)
    factors = [reader.quantity(first, at, result=False, final=False)[0]]
    factors += [reader.quantity(p, 0, result=False, final=False)[0] for p in head[1:]]
    steps: list[Step] = []
    tail = ""
    for i, eq in enumerate(eqs):
        final = i == len(eqs) - 1
        seg = _split(masked, eq + 1, bounds[i + 1])
        stated, rest = reader.quantity(seg[0], 0, result=True, final=final)
        steps.append(Step(tuple(factors), stated))
        if final:
            tail = (rest + "".join(masked[p.start - 1 : p.start + len(p.text)] for p in seg[1:])).strip(_TRIM)
            tail = " ".join(tail.split())
        else:
            if len(seg) > MAX_FACTORS:
                raise _Unreadable(text[start:end].strip()[:60], seg[0].start + 1)
            factors = [reader.quantity(p, 0, result=False, final=False)[0] for p in seg[1:]]
    kept = tuple(n for offset, n in notes if first.start + at <= offset < end)
    source = reader.source.at(first.start + at + 1)
    return CostLine(source, label, tuple(steps), prefix, kept, tail), first.start + at
