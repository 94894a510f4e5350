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
from dataclasses import dataclass
from decimal import Decimal

from budget.findings import Finding, Severity
from budget.model import CostLine, Quantity, Step
from budget.numbers import NUMBER_TOKEN, Ambiguity, NumberError, format_vn, read_number, shift
from budget.source import Source
from budget.units import read_money

_PAREN = re.compile(r"\([^()]*\)")
_OP = re.compile(r"(?:(?<=\s)|(?<=[0-9%]))[x×X*](?=\s*[0-9])")
_FREE_NUMBER = re.compile(r"(?<![\w.,])" + NUMBER_TOKEN.pattern, re.VERBOSE)
_PER_PARTS = re.compile(r"(?:\s*/\s*[^\W\d_]+)*")
_PREFIXES = ("TB", "BQ")
_TRIM = " \t,;:.-–+"


@dataclass(frozen=True)
class _Piece:
    start: int  # offset in the line
    text: str


def _mask_notes(text: str) -> tuple[str, tuple[tuple[int, str], ...]]:
    """Blank out parenthetical notes (same length, so columns stay valid); notes with offsets."""
    notes: list[tuple[int, str]] = []
    masked = text
    while True:
        m = _PAREN.search(masked)
        if m is None:
            break
        notes.append((m.start(), text[m.start() + 1 : m.end() - 1].strip()))
        masked = masked[: m.start()] + " " * (m.end() - m.start()) + masked[m.end() :]
    notes.sort()
    return masked, tuple((at, n) for at, n in notes if n)


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

    def __init__(self, source: Source):
        self.source = source
        self.findings: list[Finding] = []

    def number(self, token: str, col: int) -> Decimal:
        try:
            value, findings = read_number_at(token, self.source.at(col))
        except NumberError:
            raise _Unreadable(token, col) from None
        self.findings.extend(findings)
        return value

    def quantity(self, piece: _Piece, offset: int, *, result: bool, final: bool) -> tuple[Quantity, str]:
        """The quantity starting at ``offset`` of a piece, and the text left after it."""
        text = piece.text
        lead = len(text) - len(text[offset:].lstrip()) if offset == 0 else offset
        m = NUMBER_TOKEN.match(text, lead)
        if m is None:
            raise _Unreadable(text.strip() or text, piece.start + lead + 1)
        col = piece.start + m.start() + 1
        value = self.number(m.group(), col)
        rest = text[m.end() :]
        percent = rest.lstrip().startswith("%")
        if percent:
            rest = rest.lstrip()[1:]
            unit_text, tail = "%", rest
        else:
            money, span = read_money(rest)
            if final and result:
                if money is not None:
                    per = _PER_PARTS.match(rest, span)
                    end = per.end() if per else span
                    unit_text, tail = rest[:end], rest[end:]
                else:
                    unit_text, tail = "", rest
            else:
                unit_text, tail = rest, ""
        unit_text = " ".join(unit_text.split()).strip(_TRIM)
        money = None if percent else read_money(unit_text)[0]
        q = Quantity(value, unit_text, money, self.source.at(col), m.group(), percent)
        return q, tail


def parse_cost_line(source: Source) -> tuple[CostLine | None, list[Finding]]:
    """The cost line on this source line, or None when the line is not one."""
    text = source.text
    if "=" not in text:
        return None, []
    masked, notes = _mask_notes(text)
    first_op = _OP.search(masked)
    if first_op is None:
        return None, []
    # an "=" before the first multiplication belongs to the label, not to the arithmetic
    eqs = [i for i, ch in enumerate(masked) if ch == "=" and i > first_op.start()]
    if not eqs:
        return None, []
    reader = _LineReader(source)
    try:
        line = _read(reader, source, masked, eqs, notes)
    except _Unreadable as e:
        finding = Finding(source.at(e.col), "COSTLINE_UNREADABLE", Severity.WARNING, {"text": e.text})
        return None, [finding, *reader.findings]
    return line, reader.findings


def _first_factor(piece: _Piece) -> int:
    """Offset in ``piece`` of the first factor: the last free-standing number."""
    matches = list(_FREE_NUMBER.finditer(piece.text))
    if not matches:
        raise _Unreadable(piece.text.strip(), piece.start + 1)
    return matches[-1].start()


def _read(
    reader: _LineReader, source: Source, masked: str, eqs: list[int], notes: tuple[tuple[int, str], ...]
) -> CostLine:
    bounds = [*eqs, len(masked)]
    head = _split(masked, 0, eqs[0])
    first = head[0]
    at = _first_factor(first)
    # the label is the text as written, parentheses included; notes are those of the arithmetic
    label = " ".join(source.text[: first.start + at].split()).strip(_TRIM)
    prefix = ""
    for p in _PREFIXES:
        if label == p or label.endswith((" " + p, ":" + p)):
            prefix = p
            label = label[: -len(p)].strip(_TRIM)
            break
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
            factors = [reader.quantity(p, 0, result=False, final=False)[0] for p in seg[1:]]
    kept = tuple(n for offset, n in notes if offset >= first.start + at)
    return CostLine(source, label, tuple(steps), prefix, kept, tail)
