"""Ledgers: small tables of names and figures closed by a total row, as circulars and tax
letters write their worked examples (``Họ tên | Số thuế đã nộp | Số thuế phải nộp`` over rows
``A | 5.000.000 | | 3.000.000`` ... and ``Tổng cộng | 6.000.000 | ...``). No header word names a
role, so such a table is known by its shape alone: a row of names (maybe over a second row of
names and a row numbering the columns), rows of a label and figures, and a total row. Several
stand one after the other in one run of bars; each is a table of its own.

Written one cell per line with no bars (a Word table converted to plain lines), a ledger loses
its empty cells: only rows whose every cell is written (a label, a year, then figures) are
rows of it, and its total row keeps what it writes, its figures' columns found by its reader.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from budget.read.text import RawLine
from budget.tables.cells import TOTAL_LABEL, is_marker, is_total_row, kind, line_cell, lines_above, numeric_count
from budget.tables.records import Cell, TableBlock, TableRow
from budget.tables.sums import is_column_numbers

_HEADER_ROWS = 3  # rows of a ledger's header: names, names under merged cells, column numbers
_HEADER_CELL = 250  # characters: a longer cell is prose, never a column's name
_LABELS = 2  # cells of words a ledger's row may hold (a code or number, and a name)
_BLANK = frozenset({"", "-", "–", "—"})
_YEAR = re.compile(r"(?:19|20)[0-9]{2}")  # a row labelled by its year (``2006``)
_MOST_COLUMNS = 12  # more names in a row is a list of words, not a header
_NAME_LINE = 120  # characters: a longer line is prose, never a column's name
_TITLE_CELL = 120  # characters: a longer row of text above a ledger is a paragraph, not its title


def names_row(cells: Sequence[Cell]) -> bool:
    """A row of column names: two written cells or more, all words, none a total label, a row
    number, a dash (a row's empty figure) or as long as prose."""
    texts = [c.text.strip() for c in cells if c.text.strip()]
    if len(texts) < 2 or is_marker(texts[0]) or any(t in _BLANK for t in texts):
        return False
    return all(kind(t) == "text" and len(t) <= _HEADER_CELL and TOTAL_LABEL.match(t) is None for t in texts)


def _ledger_row(row: TableRow) -> bool:
    """A row of a ledger: a label (a name, a code), then figures or empty cells. A cell with
    digits that is no clean figure (``1.2OO.000``) still stands where a figure stands: the row is
    the ledger's, that column is not read."""
    words = [c for c in row.cells if c.text.strip() not in _BLANK and not any(ch.isdigit() for ch in c.text)]
    return 1 <= len(words) <= _LABELS and all(kind(c.text) == "text" for c in words)


def ledger_end(rows: Sequence[TableRow], k: int) -> int | None:
    """The index of the total row that closes the ledger whose header starts at ``rows[k]``,
    or None when no ledger starts there: its header rows, two rows of a label and figures at
    least, and a total row with a figure, nothing else between."""
    if not names_row(rows[k].cells):
        return None
    j = k + 1
    while j < len(rows) and j - k < _HEADER_ROWS and (names_row(rows[j].cells) or is_column_numbers(rows[j])):
        j += 1
    data = 0
    while j < len(rows):
        row = rows[j]
        if is_total_row(row):
            return j if data >= 2 and numeric_count(row.cells) >= 1 else None
        if not _ledger_row(row):
            return None
        data += 1
        j += 1
    return None


def ledger_parts(rows: list[TableRow]) -> list[list[TableRow]]:
    """The rows of a run of bars with no header naming a role cut into its ledgers, each from
    the rows of text just above its header (its title) to its total row; what stands between
    two ledgers is a part of its own."""
    cuts = [0]
    k = 0
    while k < len(rows):
        end = ledger_end(rows, k)
        if end is None:
            k += 1
            continue
        back = k
        while back > cuts[-1] and k - back < 2 and numeric_count(rows[back - 1].cells) == 0:
            if any(len(c.text) > _TITLE_CELL for c in rows[back - 1].cells):
                break  # a paragraph is the text's, never a title row
            back -= 1
        if back > cuts[-1]:
            cuts.append(back)
        k = end + 1
        cuts.append(k)  # what follows its total row is none of its rows
    return [rows[a:b] for a, b in zip(cuts, [*cuts[1:], len(rows)], strict=True) if b > a]


def ledger_header(rows: Sequence[TableRow]) -> int | None:
    """The index of the header of the first ledger among ``rows``."""
    return next((k for k in range(len(rows)) if ledger_end(rows, k) is not None), None)


def _cell_label(text: str) -> bool:
    """A row's first cell in a ledger of lines: words, a row number or a year; never a total."""
    if _YEAR.fullmatch(text) or is_marker(text):
        return True
    return kind(text) == "text" and TOTAL_LABEL.match(text) is None and text not in _BLANK


def lines_ledger_at(lines: Sequence[RawLine], i: int, floor: int) -> tuple[TableBlock, int] | None:
    """A ledger written one cell per line from ``lines[i]`` (and the index after it): three
    names or more on lines of their own, rows of as many lines (a label, then figures), two
    at least, and a total row with a figure or more; None when the lines are anything else."""
    n = len(lines)
    # three short lines in a row at least, before any cell is weighed (most lines of a document
    # are none: a check reads every line here)
    if i + 3 > n or any(not (t := lines[k].text.strip()) or len(t) > _NAME_LINE for k in range(i, i + 3)):
        return None
    j = i
    while j < n and j - i <= _MOST_COLUMNS:
        text = lines[j].text.strip()
        if not text or len(text) > _NAME_LINE or kind(text) != "text" or TOTAL_LABEL.match(text):
            break
        j += 1
    width = j - i
    if width < 3 or width > _MOST_COLUMNS:
        return None
    head = tuple(line_cell(rl) for rl in lines[i:j])
    rows = [TableRow(head, head[0].source.line or 0, head[-1].source.line or 0, header=True)]
    while j + width <= n:
        cells = tuple(line_cell(rl) for rl in lines[j : j + width])
        if not _cell_label(cells[0].text) or any(kind(c.text) != "num" for c in cells[1:]):
            break
        rows.append(TableRow(cells, cells[0].source.line or 0, cells[-1].source.line or 0))
        j += width
    if len(rows) < 3 or j >= n or TOTAL_LABEL.match(lines[j].text.strip()) is None:
        return None
    end = j + 1
    while end < n and end - j < width and kind(lines[end].text.strip()) == "num":
        end += 1
    if end == j + 1:
        return None
    total = tuple(line_cell(rl) for rl in lines[j:end])
    rows.append(TableRow(total, total[0].source.line or 0, total[-1].source.line or 0))
    first, last = rows[0].first, rows[-1].last
    return TableBlock("cells", first, last, tuple(rows), lines_above(lines, i, floor), ledger=True), end
