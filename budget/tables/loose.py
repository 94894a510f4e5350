"""Figures standing alone on their lines outside every table read: the cells of a table written
one cell per line that no header made a table of (a column no role word names, a header cut
by an empty cell). Nothing reads them, so they are said unread, never passed over: a wrong
one among them would otherwise leave the verdict ``KHỚP``.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from budget.findings import Finding, Severity
from budget.read.text import RawLine

# a figure alone on its line, written as a table's cell is: thousands grouped (``1.380``), a
# decimal comma (``107,4``), maybe a sign, brackets or a percent; never a bare small number
# (a row number, a page number) or a year
_CELL_FIGURE = re.compile(r"[-+(]?\s?(?:[0-9]{1,3}(?:\.[0-9]{3})+(?:,[0-9]+)?|[0-9]+,[0-9]+)\s?\)?\s?%?")
_GAP = 3  # lines of words in a row that end a run of cells (a row's number and label take two)
_LEAST = 4  # figures in a run: fewer is a figure or two of prose set apart


def loose_figures(lines: Sequence[RawLine], inside: Collection[int]) -> list[Finding]:
    """A finding at the first of each run of lone figures outside the tables read."""
    out: list[Finding] = []
    run: list[RawLine] = []
    words = 0

    def close() -> None:
        if len(run) >= _LEAST:
            first, last = run[0].source, run[-1].source
            args = {"first": first.line or 0, "last": last.line or 0, "count": len(run)}
            out.append(Finding(first.at(1), "TABLE_CELLS_NOT_CHECKED", Severity.WARNING, args))
        run.clear()

    for rl in lines:
        if rl.source.line in inside:
            close()
            words = 0
            continue
        text = rl.text.strip()
        if not text:
            continue
        if _CELL_FIGURE.fullmatch(text):
            run.append(rl)
            words = 0
            continue
        if text.isdigit():
            continue  # a row number, or a figure too small to group: neither a cell counted nor words
        words += 1
        if words > _GAP:
            close()
    close()
    return out
