"""The text of cells and lines: what a cell holds (``kind``), row numbers (markers), total
labels, cutting a row into runs and joining cells again, and the lines just above a block.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from budget.numbers import NUMBER_TOKEN
from budget.read.text import RawLine
from budget.tables.records import Cell, TableRow
from budget.text import fold
from budget.units import catalogue, read_money

# a row number: ``1``, ``1.2.``, ``IV``, ``B.``, ``c)``, a bare early letter (``a``, ``đ``: letters
# further on are words too, ``y``), or a bullet
_MARKER = re.compile(r"(?:[0-9]{1,3}(?:\.[0-9]{1,2})*\.?|[IVXL]{1,6}\.?|[A-ZĐ]\.?|[a-zđ]\)|[a-hđ]\.?|[-–+•*])")

BULLETS = frozenset("-–+•*")  # an item's mark in a list of rows: all rows alike, no order


_ROMAN = re.compile(r"(?:XL|X{0,3})(?:IX|IV|V?I{0,3})")


GLUED = re.compile(r"[^\W\d_]{2,}[0-9]")


_RANGE_REST = re.compile(r"^(?:[-–]|đến|den|tới|toi)\s*[0-9]", re.IGNORECASE)


UNIT_WORDS = frozenset({" ".join(s.words) for s in catalogue().spellings if len(s.words) == 1} | {"hs", "chau", "tre"})


def kind(text: str) -> str:
    """What a cell holds: num, frac, range, glued, mixed (digits in text), text or empty."""
    t = text.strip()
    if not t:
        return "empty"
    lead = t.lstrip("-–").lstrip()
    m = NUMBER_TOKEN.match(lead)
    if m is not None:
        rest = lead[m.end() :].strip()
        if not rest or rest == "%":
            return "num"
        if _RANGE_REST.match(rest):
            return "range"
        if rest.startswith("/") and rest[1:].lstrip()[:1].isdigit():
            return "frac"
        if not any(ch.isdigit() for ch in rest):
            if rest[0] in "/(%" or read_money(rest)[0] is not None:
                return "num"
            words = rest.split()
            if len(words) <= 3 and (rest[0].islower() or fold(words[0]) in UNIT_WORDS):
                return "num"
            return "text"
        return "mixed"
    if GLUED.match(t):
        return "glued"
    if any(ch.isdigit() for ch in t) and re.search(r"[:]\s?[0-9]", t):
        return "mixed"
    return "text"


NUMERIC_KINDS = frozenset({"num", "frac", "range", "glued", "mixed"})


def is_marker(text: str) -> bool:
    t = text.strip()
    if not _MARKER.fullmatch(t):
        return False
    letters = t.rstrip(".")
    if letters and letters[0] in "IVXL" and letters.isalpha():
        return _ROMAN.fullmatch(letters) is not None
    return True


def marker_style(text: str) -> str:
    t = text.strip().rstrip(".)")
    if t in BULLETS:
        return "bullet"
    if t and t.isalpha() and t.isupper():
        return "roman" if _ROMAN.fullmatch(t) and t[0] in "IVXL" else "upper"
    if t and t.isalpha():
        return "letter"
    return "num"


def sequence_of(text: str) -> str:
    """The sequence a row number belongs to: roman, upper, letter, or numbers with as many
    parts (``1`` and ``2.1`` are two sequences, one under the other)."""
    style = marker_style(text)
    if style == "bullet" and text.strip() == "+":
        return "bullet+"  # ``+`` rows stand under a ``-`` row, as officers nest their lists
    if style == "num":
        return f"num{len([p for p in text.strip().rstrip('.)').split('.') if p])}"
    return style


def starts_sequence(text: str) -> bool:
    """Is ``text`` the first number of its sequence: ``1``, ``2.1``, ``a``, ``A``, ``I``?"""
    t = text.strip().rstrip(".)")
    if not is_marker(text) or not t:
        return False
    if t in BULLETS:
        return True
    if t.isalpha():
        return t.lower() == "a" or t == "I"
    parts = [p for p in t.split(".") if p]
    return bool(parts) and parts[-1] == "1"


_LETTERS = ("abcdđeghiklmnopqrstuvxy", "abcdefghijklmnopqrstuvwxyz")  # Vietnamese order, then English


_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50}


def _roman_value(text: str) -> int:
    values = [_ROMAN_VALUES[c] for c in text]
    return sum(-v if b > v else v for v, b in zip(values, [*values[1:], 0], strict=True))


def follows(text: str, before: str) -> bool:
    """Is ``text`` the first number of its sequence (``1``, ``I``, ``A``, ``2.1``) or the one
    after ``before`` (the last number written in that sequence, "" for none)?"""
    t = text.strip().rstrip(".)")
    style = sequence_of(text)
    before = before.strip().rstrip(".)")
    if style.startswith("bullet"):
        return True
    if style == "roman":
        return _roman_value(t) in (1, (_roman_value(before) if before else 0) + 1)
    if style in ("upper", "letter"):
        c, p = t.lower(), before.lower()
        return any(c in a and a.index(c) in (0, a.index(p) + 1 if p and p in a else 0) for a in _LETTERS)
    parts = [int(x) for x in t.split(".") if x]
    if parts[-1] == 1:
        return True
    prev = [int(x) for x in before.split(".") if x]
    return bool(prev) and prev[:-1] == parts[:-1] and prev[-1] + 1 == parts[-1]


def is_pipe(text: str) -> bool:
    return text.count("|") >= 2 or (text.lstrip().startswith("|") and text.count("|") >= 1)


def trimmed_cells(cells: Sequence[Cell]) -> list[Cell]:
    out = list(cells)
    while out and not out[-1].text:
        out.pop()
    return out


CHUNK = re.compile(r"\S+(?: \S+)*")


def numeric_count(cells: Iterable[Cell]) -> int:
    return sum(1 for c in cells if kind(c.text) in ("num", "frac"))


BIG_NUMBER = re.compile(r"[0-9]+(?:[.,][0-9]{3})+|[0-9]{5,}")


PRODUCT = re.compile(r"(?:(?<=\s)|(?<=[0-9%]))[x×X*](?=\s*[0-9(])")


TOTAL_LABEL = re.compile(r"^\s*(?:cộng|tổng)(?![^\W\d_])", re.IGNORECASE)
_OF_WHICH = re.compile(r"[-–+•*\s]*trong\s+(?:do|so)(?![a-z])")  # folded: ``Trong đó``, ``- Trong số``


def of_which(label: str) -> bool:
    """A row listing some parts of the row above it (``Trong đó: Quỹ lương``, ``Trong số``)."""
    return _OF_WHICH.match(fold(label)) is not None


def units_line(text: str) -> bool:
    chunks = [m.group() for m in CHUNK.finditer(text)]
    return bool(chunks) and all(c.startswith("(") and c.endswith(")") for c in chunks)


def lines_above(lines: Sequence[RawLine], start: int, floor: int) -> tuple[RawLine, ...]:
    """Up to six non-empty lines above index ``start`` (nearest first), not below ``floor``: the
    block right above, and the one above it too when that block only says the unit (``Đơn vị
    tính: triệu đồng`` a blank line under the table's title)."""
    out: list[RawLine] = []
    j = start - 1
    while j >= floor and len(out) < 6:
        if lines[j].text.strip():
            out.append(lines[j])
        elif out and not all(_UNIT_LINE.match(fold(rl.text)) for rl in out):
            break
        j -= 1
    return tuple(out)


_UNIT_LINE = re.compile(r"\W{0,3}don vi(?: tinh)?\s{0,3}:")


def line_cell(rl: RawLine) -> Cell:
    """A whole line as one cell, where its first character stands (a blank line: an empty cell at its start)."""
    text = rl.text
    if not text.strip():
        return Cell("", rl.source.at(1))
    lead = len(text) - len(text.lstrip())
    return Cell(text.strip(), rl.source.at(lead + 1))


def label_text(cells: Sequence[Cell]) -> str:
    for c in cells:
        if kind(c.text) == "text" and not is_marker(c.text):
            return c.text
    return ""


def runs_of(row: TableRow) -> list[Cell]:
    """A text row's runs between two or more spaces, each one cell (the cuts at single spaces undone)."""
    out: list[Cell] = []
    for c in row.cells:
        if c.split and out and out[-1].source.line == c.source.line:
            out[-1] = joined([out[-1], c])
        else:
            out.append(c)
    return out


def span_of(cell: Cell) -> tuple[int, int]:
    start = cell.source.pos or 0
    return start, start + len(cell.text)


def joined(cells: Sequence[Cell]) -> Cell:
    first = cells[0]
    last = cells[-1]
    text = first.source.text
    a = first.source.pos if first.source.pos is not None else 0
    b = (last.source.pos if last.source.pos is not None else 0) + len(last.text)
    if first.source.line == last.source.line and text[a:b].startswith(first.text):
        return Cell(text[a:b], first.source, first.split)
    return Cell(" ".join(c.text for c in cells), first.source, first.split)


def is_total_row(row: TableRow) -> bool:
    return TOTAL_LABEL.match(label_text(row.cells)) is not None
