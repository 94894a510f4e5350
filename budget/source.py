"""Where a thing came from: a file position or a spreadsheet cell, with its text."""

from __future__ import annotations

from typing import NamedTuple

_new = tuple.__new__

# How much of a long line a finding shows around its column.
WINDOW = 110


class Source(NamedTuple):
    """A location in an input: ``file:line:col`` for text, ``file:sheet!cell`` for workbooks.

    ``text`` is the whole (normalised) input line or cell text, shared by reference with
    every other record of that line, so a finding can show it with a caret without
    reopening the file. ``col`` counts characters in the line *as given in the file*;
    ``pos`` is the index of the same character in ``text`` (they differ when
    normalisation composed NFD letters or removed invisible characters), and ``colmap``
    maps every index of ``text`` to its 0-based column in the file (None: the same).
    A NamedTuple: every number of a plan gets one, and tuples are the cheapest
    immutable records Python builds.
    """

    file: str
    line: int | None = None
    col: int | None = None  # 1-based column in the file
    cell: str | None = None  # "Sheet!B7", or a place in a .docx/PDF ("bảng 2, dòng 5, cột 3")
    text: str = ""
    pos: int | None = None  # 0-based index in ``text`` of the character at ``col``
    colmap: tuple[int, ...] | None = None

    def at(self, col: int | None) -> Source:
        """The same line at another column, given 1-based in ``text``."""
        if col is None:
            return self._replace(col=None, pos=None)
        file, line, _, cell, text, _, colmap = self  # one unpacking, not a lookup a field
        index = col - 1
        file_col = col
        if colmap is not None and 0 <= index < len(colmap):
            file_col = colmap[index] + 1
        # built as the tuple it is (``Source(...)`` would add a call): one per number of a plan
        return _new(Source, (file, line, file_col, cell, text, index, colmap))

    @property
    def caret(self) -> int | None:
        """0-based index in ``text`` to put the caret under (None when it would fall outside it)."""
        at = self.pos if self.pos is not None else None if self.col is None else self.col - 1
        return at if at is not None and 0 <= at <= len(self.text) else None

    def window(self, width: int = WINDOW) -> tuple[str, int | None]:
        """A piece of ``text`` around the caret (never a whole 30 KB line) and the caret in it."""
        text, caret = self.text, self.caret
        if len(text) <= width:
            return text, caret
        at = 0 if caret is None else caret
        start = max(0, min(at - width // 3, len(text) - width))
        end = start + width
        piece = ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")
        return piece, None if caret is None else caret - start + (1 if start else 0)

    @property
    def where(self) -> str:
        """``file:line`` or ``file:sheet!cell``: what a reader types to find it."""
        if self.cell is not None:
            return f"{self.file}:{self.cell}"
        if self.line is not None:
            return f"{self.file}:{self.line}"
        return self.file

    def __str__(self) -> str:
        if self.line is not None and self.col is not None and self.cell is None:
            return f"{self.where}:{self.col}"
        return self.where
