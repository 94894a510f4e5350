"""Where a thing came from: a file position or a spreadsheet cell, with its text."""

from __future__ import annotations

from typing import NamedTuple


class Source(NamedTuple):
    """A location in an input: ``file:line:col`` for text, ``file:sheet!cell`` for workbooks.

    ``text`` is the whole (normalised) input line or cell text, so a finding can show it
    with a caret under ``col`` without reopening the file. A NamedTuple: every number of a
    plan gets one, and tuples are the cheapest immutable records Python builds.
    """

    file: str
    line: int | None = None
    col: int | None = None  # 1-based column in ``text``
    cell: str | None = None  # "Sheet!B7"
    text: str = ""

    def at(self, col: int | None) -> Source:
        """The same line at another column (1-based)."""
        return Source(self.file, self.line, col, self.cell, self.text)

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
