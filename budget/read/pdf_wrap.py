"""Rows of an unruled PDF table whose narrow columns wrap cells over lines, rebuilt from the
words' positions.

A table printed without rules reads as text lines; where a column is too narrow, a cell goes
on over the next lines (``500.`` then ``000``; ``1.0``, ``00.``, ``000``; ``Thà``, ``nh``,
``tiền``), each piece standing in its cell's column band. A line is such a continuation when
the line above it is a table row (its words fall in three or more cells, apart by gaps much
wider than a space) and every word of it stands in the band of one of those cells, aligned with
it (left, right or centred), and, under a row of fewer than four cells (a letterhead, the
signatures), some piece of it is a piece of a figure. Its words then join their cells (a figure's pieces by
``read_pdf.cell_text``'s rule, never guessed) and the line itself is gone. Page coordinates are
pdfplumber's floats: they place words, never an amount.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

_ALIGN = 2.0  # points: a piece aligned with its cell (left, right or centre)
_WIDE_GAP = 2.5  # a gap this many times the line's narrowest is one between cells
_MIN_CELLS = 2
_TEXT_CELLS = 4  # a line goes on in text only under a row of this many cells (a table's, not a letterhead's)
_FIGURE_PIECE = re.compile(r"[0-9.,]{1,40}")
_SPACE = 0.35  # a space is about this part of a line's height
_TIGHTER = 3.0  # points: a cell's next line stands this much closer than the row stands to the line above it


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    x1: float


@dataclass
class _Cell:
    x0: float
    x1: float
    lines: list[str] = field(default_factory=list)

    def overlaps(self, w: Word) -> bool:
        return w.x1 > self.x0 and w.x0 < self.x1

    def aligned(self, x0: float, x1: float) -> bool:
        """Do pieces from ``x0`` to ``x1`` stand in this cell as its text does (left, right, centre)?"""
        centre = abs((x0 + x1) / 2 - (self.x0 + self.x1) / 2)
        return abs(x0 - self.x0) <= _ALIGN or abs(x1 - self.x1) <= _ALIGN or centre <= _ALIGN


def _cells(words: Sequence[Word], height: float) -> list[_Cell]:
    """The words of a line grouped into cells at the gaps much wider than a space (its narrowest
    gap, or a third of its height when it has no narrower one)."""
    if len(words) < 2:
        return []
    gaps = [b.x0 - a.x1 for a, b in itertools.pairwise(words)]
    narrow = max(min([*gaps, _SPACE * height]), 0.5)
    cells = [_Cell(words[0].x0, words[0].x1, [words[0].text])]
    for w, gap in zip(words[1:], gaps, strict=True):
        if gap >= _WIDE_GAP * narrow:
            cells.append(_Cell(w.x0, w.x1, [w.text]))
        else:
            cells[-1].x1 = w.x1
            cells[-1].lines[-1] += " " + w.text
    return cells


@dataclass(frozen=True)
class Line:
    text: str
    top: float
    bottom: float
    words: tuple[Word, ...]  # left to right


def merge_wrapped(lines: Sequence[Line], join: Callable[[str], str]) -> list[tuple[int, int, str]]:
    """(first and last index, text) of each line kept: a table row with the continuation
    lines below it merged in (a continuation stands closer to the line above it than the row
    stands to the line above the row: the space between rows is a cell's padding); ``join``: a
    cell's text from its lines."""
    out: list[tuple[int, int, str]] = []
    k = 0
    while k < len(lines):
        text = lines[k].text
        cells = _cells(lines[k].words, lines[k].bottom - lines[k].top)
        j = k + 1
        if len(cells) >= _MIN_CELLS and k > 0:
            above = lines[k].top - lines[k - 1].bottom
            while j < len(lines) and lines[j].top - lines[j - 1].bottom <= above - _TIGHTER:
                pieces = _pieces(lines[j].words, cells)
                if pieces is None:
                    break
                if len(cells) < _TEXT_CELLS and not any(_FIGURE_PIECE.fullmatch(p) for p in pieces.values()):
                    break  # ``(Ký, ghi rõ họ tên)`` under three signatures: no cell of a table goes on
                for i, piece in pieces.items():
                    cells[i].lines.append(piece)
                j += 1
        if j > k + 1:
            out.append((k, j - 1, " ".join(join("\n".join(c.lines)) for c in cells)))
        else:
            out.append((k, k, text))
        k = j
    return out


def _pieces(words: Sequence[Word], cells: Sequence[_Cell]) -> dict[int, str] | None:
    """The text a line adds to each cell of the row above, when every word of it stands in the
    band of one cell and the words of each cell align with it; None when the line is no
    continuation of the row."""
    if not words:
        return None
    found: dict[int, list[Word]] = {}
    for w in words:
        at = [i for i, c in enumerate(cells) if c.overlaps(w)]
        if len(at) != 1:
            return None
        found.setdefault(at[0], []).append(w)
    for i, ws in found.items():
        if not cells[i].aligned(ws[0].x0, ws[-1].x1):
            return None
    return {i: " ".join(w.text for w in ws) for i, ws in found.items()}
