"""Tables written one cell per line with a bar line between cells, as document converters
write Word tables (``|`` / ``**TT**`` / ``|`` / ``**Nội dung**`` / ``|`` ... ``|`` / ``|`` / ``1``).

Each cell's text stands between two bar lines, over one line or several; a row opens and
closes with a bar, so two rows meet at two bars with nothing between. An empty cell also
leaves nothing between two bars, and a row with merged cells (a group row ``I | Chi hội nghị
| 2.500.000``) has fewer cells than the header, so where a row ends is read from what
follows: a row ends at an empty gap when it already has as many cells as the widest row so
far, or when the next cell opens a row (a row number with its label, a total label, or an
empty number cell followed by a label). No pattern is used that could backtrack: the cells
are cut by comparing whole lines with ``|``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from budget.read.text import RawLine
from budget.source import Source
from budget.tables.cells import TOTAL_LABEL, is_marker, kind
from budget.tables.columns import cell_column
from budget.tables.records import Cell, TableRow

# Emphasis a converter wraps around cell text (``**1.364.329.243**``, ``*Nhiệt độ*``): asterisks
# touching text on one side only; ``2 * 3`` (spaced both sides) is kept.
_EMPHASIS = re.compile(r"\*+(?=\S)|(?<=\S)\*+")

MIN_BARS = 6  # a block with fewer bar lines is no table


def is_bar(text: str) -> bool:
    return text.strip() == "|"


@dataclass(frozen=True)
class _Piece:
    """The text between two bar lines: a cell, or the gap between two rows (empty)."""

    text: str
    place: Source | None  # where its first character stands, None when empty
    first: int
    last: int


def _clean(text: str) -> tuple[str, int]:
    """The text without emphasis marks, and the 1-based column of its first character."""
    plain = _EMPHASIS.sub(lambda m: " " * len(m.group()), text)
    stripped = plain.strip()
    return " ".join(stripped.split()), (len(plain) - len(plain.lstrip()) + 1 if stripped else 1)


def _pieces(lines: Sequence[RawLine], i: int, j: int) -> list[_Piece]:
    """The pieces between the bar lines of ``lines[i:j]`` (``lines[i]`` is a bar)."""
    out: list[_Piece] = []
    texts: list[str] = []
    first: Source | None = None
    first_line = last_line = 0
    for rl in lines[i + 1 : j]:
        if is_bar(rl.text):
            out.append(_Piece(" ".join(texts), first, first_line, last_line))
            texts, first = [], None
            continue
        text, col = _clean(rl.text)
        if not text:
            continue
        line = rl.source.line or 0
        if first is None:
            first = rl.source.at(col)
            first_line = line
        last_line = line
        texts.append(text)
    if texts:  # the text runs on after the last bar (the file ends there)
        out.append(_Piece(" ".join(texts), first, first_line, last_line))
    return out


def _opens_row(pieces: Sequence[_Piece], k: int) -> bool:
    """Does the piece at ``k`` start a row: a row number before its label, a total label, or
    an empty number cell before a label?"""
    if k >= len(pieces):
        return True
    text = pieces[k].text
    after = pieces[k + 1].text if k + 1 < len(pieces) else ""
    if text:
        if TOTAL_LABEL.match(text) or (text, after) in _COLUMN_NUMBERS:
            return True
        return _row_number(text) and _label(after)
    return _label(after)


# the row under a header that numbers its columns (``A | B | 1 | 2 ...``)
_COLUMN_NUMBERS = frozenset({("A", "B"), ("1", "2"), ("(1)", "(2)")})


def _last_blank(cells: Sequence[_Piece], width: int, pieces: Sequence[_Piece], k: int) -> bool:
    """Is the empty piece at ``k`` the last cell of a row one cell short, before the gap and a
    total row (``| E | 1.500.000 | | |`` then ``| Tổng cộng | ...``)? A total row spans its first
    cells, so the empty cell is the row's own, not the total row's."""
    if not width or len(cells) != width - 1 or k + 2 >= len(pieces) or pieces[k + 1].text:
        return False
    return TOTAL_LABEL.match(pieces[k + 2].text) is not None and any(kind(p.text) == "num" for p in cells)


def _total_ends(cells: Sequence[_Piece], pieces: Sequence[_Piece], k: int) -> bool:
    """Does a total row with its figures end before the piece at ``k``: words (a note under
    the table), never a figure or an empty cell of its own?"""
    if k >= len(pieces) or not pieces[k].text or kind(pieces[k].text) == "num" or not _is_total(cells):
        return False
    return any(kind(p.text) == "num" for p in cells)


def _is_prose(piece: _Piece) -> bool:
    """Text between two tables (a title, a note), not a cell: several lines or a long paragraph."""
    return piece.last - piece.first >= 2 or len(piece.text) > 160


def _after_prose(piece: _Piece, cells: Sequence[_Piece]) -> bool:
    """Is ``piece`` the header of a row-number column (``STT``, ``TT``) after text between two
    tables (the title over the next one): the first cell of the next table?"""
    heads = cell_column(Cell(piece.text, Source(""))).role == "number" and kind(piece.text) == "text"
    return heads and any(_is_prose(c) for c in cells)


def _row_number(text: str) -> bool:
    """A row number: ``1``, ``1.2``, ``I``, ``-``, ``a)``, and in a table a letter alone (``a``)."""
    return is_marker(text) or (len(text) == 1 and text.isalpha() and text.islower())


def _label(text: str) -> bool:
    """A row's label: words (with figures inside or not), never a row number or a figure alone."""
    return bool(text) and kind(text) in ("text", "mixed", "glued") and not _row_number(text)


def _sub_row(cells: Sequence[_Piece], pieces: Sequence[_Piece], k: int) -> bool:
    """Does the piece at ``k`` open a row whose first cells are merged with the rows above
    (``1 | Bộ A | Tổng | 7 | 3`` then ``Đã thực hiện | 2 | 1``): a label followed by a figure,
    after a row of figures at least as wide as the run of cells it opens?"""
    if k + 1 >= len(pieces) or not _label(pieces[k].text) or kind(pieces[k + 1].text) != "num":
        return False
    if not any(kind(p.text) == "num" for p in cells):
        return False
    run = k
    while run < len(pieces) and pieces[run].text and not _is_prose(pieces[run]):
        run += 1
    return len(cells) >= run - k


def bar_rows(lines: Sequence[RawLine], i: int, j: int) -> list[TableRow]:
    """The rows of the bar table in ``lines[i:j]``."""
    pieces = _pieces(lines, i, j)
    rows: list[TableRow] = []
    cells: list[_Piece] = []
    width = 0
    # has a row of this table opened with an empty cell (a number or code column left empty)?
    # Until one has, an empty piece that would make a row one cell short is its last cell
    blank_lead = False
    k = 0

    def close() -> None:
        nonlocal width
        written = [p for p in cells if p.place is not None]
        if written:
            blank = written[0].place.at(None) if written[0].place is not None else Source("")
            out = tuple(Cell(p.text, p.place if p.place is not None else blank) for p in cells)
            rows.append(TableRow(out, written[0].first, written[-1].last))
            width = max(width, len(cells))
        cells.clear()

    while k < len(pieces):
        piece = pieces[k]
        # a paragraph or a sentence ending in ``:`` before words (the next table's header): a row
        # of its own, after the text of a converted page's layout (before any row was closed)
        title = _is_title(piece) and k + 1 < len(pieces) and _label(pieces[k + 1].text)
        if title and cells and not width and not any(kind(p.text) == "num" for p in cells):
            close()
            width, blank_lead = 0, False
        if (
            not piece.text
            and cells
            and (
                not width
                or len(cells) >= width
                or _opens_row(pieces, k + 1)
                or _sub_row(cells, pieces, k + 1)
                or _total_ends(cells, pieces, k + 1)
            )
            and not _last_blank(cells, width, pieces, k)
            and not (len(cells) == width - 1 and not blank_lead and k + 1 < len(pieces) and not pieces[k + 1].text)
        ):
            blank_lead = blank_lead or not cells[0].text
            close()
            k += 1
            continue
        # a title under a row of figures, unless it is the one cell the row lacks (a long note);
        # a total row ends with its figures, never with a note
        figures = sum(1 for p in cells if kind(p.text) == "num")
        titled = (figures >= 2 and len(cells) + 1 != width) or (figures >= 1 and _is_total(cells))
        if (
            piece.text
            and cells
            and (
                ((_is_prose(piece) or _leads_in(piece)) and (len(cells) >= width > 0 or titled))
                or _after_prose(piece, cells)
            )
        ):
            close()  # the rows end here: the text between two tables, or the next table's header
            width, blank_lead = 0, False  # the next table's rows are as wide as its own
        cells.append(piece)
        k += 1
        if title and len(cells) == 1:
            close()
            width, blank_lead = 0, False
    close()
    return rows


_LEAD_IN_WORDS = 8  # a cell ending in ``:`` with this many words is the sentence before a table


_TITLE_WORDS = 15  # a paragraph of this many words over three lines or more is no header's cell


def _is_title(piece: _Piece) -> bool:
    """Text standing over a table, never one of its cells: a long paragraph or a lead-in."""
    long = _is_prose(piece) and (len(piece.text) > 160 or len(piece.text.split()) >= _TITLE_WORDS)
    return long or _leads_in(piece)


def _leads_in(piece: _Piece) -> bool:
    """The sentence that introduces the next table (``=> Công ty lập danh sách như sau:``)."""
    return piece.text.endswith(":") and len(piece.text.split()) >= _LEAD_IN_WORDS


def _is_total(cells: Sequence[_Piece]) -> bool:
    """A row opening with a total label (``Tổng cộng``), after an empty number cell or not."""
    first = next((p.text for p in cells if p.text), "")
    return TOTAL_LABEL.match(first) is not None


def bar_end(lines: Sequence[RawLine], i: int) -> int:
    """The index after the bar table starting at ``lines[i]``: the first blank line that no bar
    line follows (a blank line between two bars is an empty cell), or the end of the text."""
    n = len(lines)
    j = i + 1
    while j < n:
        if not lines[j].text.strip():
            k = j
            while k < n and not lines[k].text.strip():
                k += 1
            if k == n or not is_bar(lines[k].text):
                break
            j = k
        j += 1
    return j
