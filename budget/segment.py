"""Lines → items: text cut at list markers, wherever they stand, and wrapped lines joined.

A person reads a plan by its list markers (``I.``, ``1.``, ``2.1``, ``a)``, ``-``, ``+``),
not by its physical lines: text copied from a PDF wraps one item over several lines, and
a page flattened by a web site holds a whole document on one line. An item starts at a
marker at the start of a line, or inside a run-on line after ``;``, ``:`` or ``.`` and a
space. A line with no marker continues the item above when it cannot start one (it
starts in lower case or with an operator, or the line above ends inside an expression);
otherwise it is an unmarked paragraph of its own.

Each item keeps the pieces of physical lines it was made of, so every offset in its
text maps back to ``file:line:col``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field

from budget.read.text import RawLine
from budget.source import Source
from budget.units import read_money

_ROMAN_OK = re.compile(r"(?:XL|X{0,3})(?:IX|IV|V?I{0,3})")
_MARKER = re.compile(
    r"""
    (?P<dieu>(?:Điều|ĐIỀU|điều)\s+(?P<dieu_n>[0-9]{1,3})\s?[.:])(?=\s|$)
  | (?P<roman>(?P<roman_n>[IVXL]{1,6})\s?[.:/)])(?=\s)
  | (?P<num>(?P<num_n>[0-9]{1,4}(?:\s?\.\s?[0-9]{1,2}(?![0-9]))*)
        (?P<num_end>\s?\.(?![0-9])|\)|\s[-–](?=\s)|(?<=[0-9])(?=\s)))
        (?=\s+[^\W\d_])
  | (?P<letter>(?P<letter_n>[a-zđ])\s?\))(?=\s)
  | (?P<letter_dot>(?P<letter_dot_n>[a-zđ])\s?\.)(?=\s+[^\W\d_])
  | (?P<upper>(?P<upper_n>[A-ZĐ])\s?[./)])(?=\s+[^\W\d_])
  | (?P<bullet>[-+•–—·])(?=\s*[^\W\d_(“"]|[ \t]+[0-9])
    """,
    re.VERBOSE,
)
# Where a marker may start inside a line: after a sentence or clause end and a space.
_INLINE_CUT = re.compile(r"[.;:]\s+(?=\S)")
_CONTINUES = re.compile(r"^(?:[=×*]|[xX]\s*[0-9(])")
# Word-segmented text joins the syllables of a word with ``_`` (``Tổng_vốn``, ``kinh_phí``).
_JOINED = re.compile(r"(?<=[^\W\d_])_(?=[^\W\d_])")
_OPEN_END = re.compile(r"(?:[x×X*=+,(/]|\bvà|\bvới)\s*$")
# A figure with its money unit opening a line: ``1.364.329.243 đồng/năm.``
_FIGURE_LEAD = re.compile(r"[0-9]{1,3}(?:[.,][0-9]{3})+\s+")
_REACH = 200  # characters of an item looked at for how it ends


def _amount_of(line: str, above: str) -> bool:
    """A line that opens with an amount in money under an item ending in ``:`` or in a word
    (``- Thu và phân tích mẫu:`` over ``1.364.329.243 đồng/năm.``; ``chi các chương trình``
    over ``2.250,5 tỷ đồng.``): the amount the item's words name, wrapped onto the next line."""
    tail = above[-_REACH:].rstrip()  # the item's last words: a bounded look, however long it grew
    end = tail[-1:]
    if not (end == ":" or end.isalpha() or (end == ")" and tail.count("(") > tail.count(")"))):
        return False
    m = _FIGURE_LEAD.match(line)
    return m is not None and read_money(line[m.end() : m.end() + 20])[0] is not None


@dataclass(frozen=True)
class Piece:
    """A run of one physical line that belongs to an item."""

    line: RawLine
    start: int  # in the line's text
    end: int
    at: int  # where it starts in the item's text


@dataclass
class Item:
    """Text from one marker to the next (or one unmarked paragraph)."""

    marker: str  # as written (``2.1.``, ``a)``, ``-``), "" when unmarked
    style: str | None  # what ranks it in the outline: "num2", "letter", "-" ... None when unmarked
    number: str  # the marker's own name: "2.1", "a", "IV", "-"
    pieces: list[Piece] = field(default_factory=list)
    text: str = ""  # the item's text after its marker, pieces joined by one space
    marker_source: Source | None = None
    _starts: list[int] = field(default_factory=list, repr=False)

    def add(self, line: RawLine, start: int, end: int, text: str | None = None) -> None:
        """Append ``line``'s characters ``start:end`` (taken from ``text``, the line as read, when given)."""
        if self.pieces:
            self.text += " "
        self.pieces.append(Piece(line, start, end, len(self.text)))
        self.text += (line.text if text is None else text)[start:end]

    def source(self, offset: int) -> Source:
        """Where the character at ``offset`` of the item's text stands in the file."""
        return self.at(offset + 1)

    def at(self, col: int | None) -> Source:
        """Where the character at 1-based column ``col`` of the item's text stands in the file:
        an item is the ``Locator`` of its own text (asked for every figure read in it)."""
        offset = 0 if col is None or col < 1 else col - 1
        pieces = self.pieces
        if len(pieces) == 1:
            p = pieces[0]
            width = p.end - p.start  # the offset kept within the piece (no ``min``/``max`` calls: every figure asks)
            return p.line.source.at(p.start + (offset if offset < width else width) + 1)
        if len(self._starts) != len(pieces):
            self._starts = [p.at for p in pieces]
        piece = pieces[max(0, bisect_right(self._starts, offset) - 1)]
        col = piece.start + min(max(offset - piece.at, 0), piece.end - piece.start) + 1
        return piece.line.source.at(col)

    @property
    def first(self) -> Source:
        return self.marker_source or self.source(0)


def _style(m: re.Match[str]) -> tuple[str, str] | None:
    """(style, number) of a marker match, or None when it is not a marker after all."""
    if m["dieu"]:
        return "dieu", m["dieu_n"]
    if m["roman"]:
        n = m["roman_n"]
        return ("roman", n) if _ROMAN_OK.fullmatch(n) else None
    if m["num"]:
        written = m["num_n"]
        if not m["num_end"].strip() and "." not in written:
            return None  # "300 người": a count, not a marker
        number = re.sub(r"\s", "", written)
        return f"num{number.count('.') + 1}", number
    if m["letter"]:
        return "letter", m["letter_n"]
    if m["letter_dot"]:
        return "letter", m["letter_dot_n"]
    if m["upper"]:
        return "upper", m["upper_n"]
    bullet = m["bullet"]
    return ("-" if bullet in "–—" else bullet), bullet


def _marker_at(text: str, pos: int, inline: bool = False) -> tuple[re.Match[str], str, str] | None:
    m = _MARKER.match(text, pos)
    if m is None:
        return None
    styled = _style(m)
    if styled is None:
        return None
    if m["letter_dot"] and inline and not text[m.end() :].lstrip()[:1].isupper():
        return None  # inside a sentence "đ. tiền" is no list: an inline "a." opens a capitalised item
    if m["num"]:
        if inline and not m["num_end"].strip() and not text[m.end() :].lstrip()[:1].isupper():
            return None  # inside a sentence "1.5 triệu" is a number; "2.1.", "2.1 -", "2.1 Ngân" are markers
        if read_money(text[m.end() : m.end() + 20].lstrip())[0] is not None:
            return None  # "1.5 triệu đồng"
    return m, styled[0], styled[1]


def _continues(text: str) -> bool:
    """A line that cannot start an item: it starts in lower case or with an operator."""
    first = text[:1]
    return (first.isalpha() and first.islower() and first not in "x") or _CONTINUES.match(text) is not None


def _ends_sentence(text: str) -> bool:
    end = text.rstrip()
    return end.endswith((";", ":")) or (end.endswith(".") and not end.endswith(".."))


def marker(text: str) -> tuple[str, str] | None:
    """(style, number) of the list marker that starts ``text``, if it starts with one."""
    found = _marker_at(text, len(text) - len(text.lstrip()))
    return None if found is None else (found[1], found[2])


def _cuts(text: str) -> list[tuple[int, int, str, str, str]]:
    """Markers in one line: (start, end of marker, marker text, style, number)."""
    out = []
    start = len(text) - len(text.lstrip())
    found = _marker_at(text, start)
    if found is not None:
        m, style, number = found
        out.append((start, m.end(), m.group().strip(), style, number))
    for c in _INLINE_CUT.finditer(text):
        pos = c.end()
        if out and pos < out[-1][1]:
            continue
        found = _marker_at(text, pos, inline=True)
        if found is None:
            continue
        m, style, number = found
        if style in ("+", "-", "•", "·") and text[m.end() : m.end() + 1] not in (" ", "\u00a0"):
            continue  # inside a line, a bullet is followed by a space ("; -5%" is a number)
        out.append((pos, m.end(), m.group().strip(), style, number))
    return out


def _spaced(text: str) -> str:
    """Word-segmented text read as written by hand: ``Tổng_vốn`` is ``Tổng vốn`` (one
    character for one, so columns stay)."""
    return _JOINED.sub(" ", text) if "_" in text else text


def segment(lines: Sequence[RawLine]) -> list[Item]:
    """Every item of the document, in order."""
    items: list[Item] = []
    current: Item | None = None
    previous_blank = True
    for rl in lines:
        text = _spaced(rl.text)
        if not text.strip():
            previous_blank = True
            continue
        cuts = _cuts(text)
        lead = len(text) - len(text.lstrip())
        starts_marked = bool(cuts) and cuts[0][0] == lead
        if not starts_marked:
            end = cuts[0][0] if cuts else len(text)
            joins = (
                current is not None
                and (not previous_blank or _OPEN_END.search(current.text) is not None)
                and (
                    _continues(text[lead:])
                    or _amount_of(text[lead:], current.text)
                    or _OPEN_END.search(current.text) is not None
                    or (text[lead:].startswith("(") and not _ends_sentence(current.text))
                )
            )
            if joins and current is not None:
                current.add(rl, lead, end, text)
            else:
                current = Item("", None, "")
                current.add(rl, lead, end, text)
                items.append(current)
        for i, (start, mend, marker, style, number) in enumerate(cuts):
            end = cuts[i + 1][0] if i + 1 < len(cuts) else len(text)
            body = mend + (len(text[mend:end]) - len(text[mend:end].lstrip()))
            current = Item(marker, style, number, marker_source=rl.source.at(start + 1))
            current.add(rl, body, len(text[:end].rstrip()), text)
            items.append(current)
        previous_blank = False
    return items
