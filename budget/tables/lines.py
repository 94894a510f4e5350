"""Tables written one cell per line (a flattened HTML or Word table): a header of role words,
then rows of as many lines, or rows cut at the next row number (``A``, ``1``, ``2`` ...) when
they stop short of the header; cells maybe one blank line apart.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from budget.read.text import RawLine
from budget.tables.cells import (
    BIG_NUMBER,
    NUMERIC_KINDS,
    TOTAL_LABEL,
    follows,
    is_marker,
    joined,
    kind,
    line_cell,
    lines_above,
    numeric_count,
    of_which,
    sequence_of,
    units_line,
)
from budget.tables.columns import (
    FACTORS,
    NUMERIC_ROLES,
    Column,
    cell_column,
    column_role,
    roles_in,
    settle_columns,
    settle_numbers,
)
from budget.tables.records import Cell, TableBlock, TableRow

_MAX_HEADER_CELLS = 12  # more column names in a row is a list of words, not a header (and bounds the walk)


def _names_table(roles: Sequence[str]) -> bool:
    """Roles enough for a header of one cell per line: three or more, an amount or total among
    them, and a factor or a label."""
    named = set(roles)
    return len(roles) >= 3 and bool({"amount", "total"} & named) and bool({*FACTORS, "label"} & named)


def cells_header_at(lines: Sequence[RawLine], i: int) -> int:
    """Lines ``i..`` are a header of one cell per line: the number of cells, else 0."""
    n = len(lines)
    roles = []
    j = i
    while j < n and lines[j].text.strip() and len(lines[j].text.strip()) <= 40:
        found = roles_in(lines[j].text)
        if len(found) != 1 or BIG_NUMBER.search(lines[j].text):
            break
        roles.append(column_role(lines[j].text)[0])
        if len(roles) > _MAX_HEADER_CELLS:
            return 0
        j += 1
    return len(roles) if _names_table(settle_numbers(roles)) else 0


def _cells_fit(cells: Sequence[Cell], columns: Sequence[Column]) -> bool:
    """Do the lines of one row of a one-cell-per-line table fit the columns' roles?"""
    numbers = 0
    for cell, col in zip(cells, columns, strict=True):
        k = kind(cell.text)
        if col.role in NUMERIC_ROLES:
            if k not in ("empty", *NUMERIC_KINDS):
                return False
            numbers += k in ("num", "frac")
        elif col.role == "number":
            if k not in ("empty", "num") and not is_marker(cell.text):
                return False
        elif col.role == "label" and k == "num" and not is_marker(cell.text):
            return False
    return numbers >= 1


def cells_block(lines: Sequence[RawLine], i: int, count: int, floor: int) -> tuple[TableBlock | None, int]:
    n = len(lines)
    head = [line_cell(rl) for rl in lines[i : i + count]]
    columns = settle_columns([cell_column(c) for c in head])
    rows = [TableRow(tuple(head), head[0].source.line or 0, head[-1].source.line or 0, header=True)]
    j = i + count
    while j + count <= n:
        group = lines[j : j + count]
        if not group[0].text.strip() and not group[1].text.strip():
            break
        cells = tuple(line_cell(rl) for rl in group)
        if not _cells_fit(cells, columns):
            break
        rows.append(TableRow(cells, group[0].source.line or 0, group[-1].source.line or 0))
        j += count
    if len(rows) < 2:
        return None, i + 1
    return TableBlock("cells", rows[0].first, rows[-1].last, tuple(rows), lines_above(lines, i, floor)), j


@dataclass(frozen=True)
class _CellHeader:
    """A header of one cell per line: its cells, the blank lines between two cells, where it ends."""

    cells: tuple[Cell, ...]
    gap: int  # 0: cells on consecutive lines; 1: one blank line between two cells
    end: int  # index of the line after its last cell


def words_header_at(lines: Sequence[RawLine], i: int, header: Callable[[Sequence[Cell]], bool]) -> _CellHeader | None:
    """Lines ``i..`` are a header of one cell per line that the caller's ``header`` accepts (the
    columns of a table of words, which no role word of a budget names), cells on consecutive lines."""
    n = len(lines)
    cells: list[Cell] = []
    j = i
    while j < n and len(cells) <= _MAX_HEADER_CELLS:
        text = lines[j].text.strip()
        if not text or len(text) > 60 or BIG_NUMBER.search(text):
            break
        cells.append(line_cell(lines[j]))
        j += 1
    if len(cells) < 3 or len(cells) > _MAX_HEADER_CELLS or not header(cells):
        return None
    return _CellHeader(tuple(cells), 0, j)


def spaced_header_at(lines: Sequence[RawLine], i: int) -> _CellHeader | None:
    """Lines ``i..`` are a header of one cell per line whose first column numbers the rows
    (``STT``), cells maybe one blank line apart (an HTML table flattened to text), a cell
    wrapped onto a second line when that line is a unit in brackets (``(Đồng)``)."""
    n = len(lines)
    gap = 1 if i + 2 < n and not lines[i + 1].text.strip() and lines[i + 2].text.strip() else 0
    cells: list[Cell] = []
    roles: list[str] = []
    j = i
    while j < n:
        text = lines[j].text.strip()
        if not text or len(text) > 40 or BIG_NUMBER.search(text):
            break
        if cells and units_line(text):
            cells[-1] = joined([cells[-1], line_cell(lines[j])])
        else:
            found = roles_in(text)
            if len(found) != 1:
                break
            cells.append(line_cell(lines[j]))
            roles.append(column_role(text)[0])
            if len(cells) > _MAX_HEADER_CELLS:
                return None
        j += 1
        if gap:
            if j + 1 >= n or lines[j].text.strip() or not lines[j + 1].text.strip():
                break
            j += 1
    roles = settle_numbers(roles)
    if not _names_table(roles) or roles[0] != "number":
        return None
    end = min(j, n)
    while end > i and not lines[end - 1].text.strip():
        end -= 1
    return _CellHeader(tuple(cells), gap, end)


def _cell_stream(
    lines: Sequence[RawLine], start: int, gap: int, width: int, most: int | None = None
) -> Iterator[tuple[int, Cell]]:
    """The cells after a header, with the index of their line: each written line, and an empty
    cell for each blank line beyond the gap (``gap`` + 1 of them per empty cell). A run of
    blank lines holding more empty cells than a row can (``most``, by default ``width - 2``: the
    table's end) stops it. Lazy: the reader stops where the table does, never reading the rest
    of the document."""
    n = len(lines)
    j = start
    started = False
    while j < n:
        blank = j
        while j < n and not lines[j].text.strip():
            j += 1
        run = j - blank
        empty = run if gap == 0 else max(0, (run - 1) // 2)
        if started and empty > (width - 2 if most is None else most):
            return
        if started:
            for _ in range(empty):
                yield blank, Cell("", lines[blank].source.at(1))
        if j >= n:
            return
        started = True
        yield j, line_cell(lines[j])
        j += 1


class _Lookahead:
    """An iterator of cells that can tell the next written cell without consuming it."""

    def __init__(self, cells: Iterator[tuple[int, Cell]]):
        self.cells = cells
        self.held: deque[tuple[int, Cell]] = deque()

    def __iter__(self) -> Iterator[tuple[int, Cell]]:
        return self

    def __next__(self) -> tuple[int, Cell]:
        return self.held.popleft() if self.held else next(self.cells)

    def next_cell(self) -> str:
        """The text of the next cell, empty or not, without consuming it."""
        if not self.held:
            item = next(self.cells, None)
            if item is None:
                return ""
            self.held.append(item)
        return self.held[0][1].text

    def next_written(self) -> str:
        for _at, cell in self.held:
            if cell.text:
                return cell.text
        for item in self.cells:
            self.held.append(item)
            if item[1].text:
                return item[1].text
        return ""


def marker_block(
    lines: Sequence[RawLine], i: int, head: _CellHeader, floor: int, words: bool = False
) -> tuple[TableBlock | None, int]:
    """A one-cell-per-line table whose rows have different numbers of cells: a row starts at the
    next number of the ``STT`` sequence (``A``, ``B``, ``1``, ``2`` ...), so a row may stop short
    of the header (a group row, a row with no per-unit figure). ``words``: a table of words (a
    plan's tasks), whose rows need no figure, whose group rows leave every cell after their
    label empty and whose rows a blank line parts (so a row's blank cells and that line may
    make a run as long as the row)."""
    width = len(head.cells)
    labelled = cell_column(head.cells[1]).role == "label"  # ``STT | Nội dung | ...``
    stream = _Lookahead(_cell_stream(lines, head.end, head.gap, width, width if words else None))
    rows: list[list[tuple[int, Cell]]] = []
    last: dict[str, str] = {}
    spare: tuple[int, Cell] | None = None  # an empty cell after a full row: a total row's number
    for at, cell in stream:
        text = cell.text
        full = bool(rows) and len(rows[-1]) >= width
        if full and labelled and (TOTAL_LABEL.match(text) is not None or of_which(text)):
            # ``Cộng`` (or ``Trong đó:``) under the last row: a row of its own, its number cell empty
            rows.append([spare or (at, Cell("", cell.source.at(1))), (at, cell)])
            spare = None
            continue
        spare = (at, cell) if full and not text else None
        if text and is_marker(text) and (not rows or follows(text, last.get(sequence_of(text), ""))):
            # a row number is followed by its label, at once; a ``Cộng`` after it makes it the last
            # figure of the row before (a total row's number cell is empty), and so does an empty
            # cell after it (``3`` closing the last row, then the signature's ``Người lập``)
            following = stream.next_cell()
            full = bool(rows) and len(rows[-1]) >= width
            label_next = kind(following) == "text" and not is_marker(following) and not TOTAL_LABEL.match(following)
            if not rows or full or (labelled and label_next):
                last[sequence_of(text)] = text
                rows.append([(at, cell)])
                continue
        if not rows:
            return None, i + 1
        if len(rows[-1]) < width:
            rows[-1].append((at, cell))
            continue
        if text:
            break
    while rows and len(rows[-1]) == 1:
        rows.pop()  # a row number alone (the next paragraph's) is no row
    body = [[c for _a, c in r] for r in rows]
    if len(body) < (1 if words else 2) or not (words or any(numeric_count(r[1:]) for r in body)):
        return None, i + 1
    header = TableRow(head.cells, head.cells[0].source.line or 0, head.cells[-1].source.line or 0, header=True)
    out = [header]
    for r in rows:
        written = [lines[a].source.line or 0 for a, c in r if c.text]
        out.append(TableRow(tuple(c for _a, c in r), written[0], written[-1]))
    end = max(a for a, c in rows[-1] if c.text) + 1
    return TableBlock("cells", out[0].first, out[-1].last, tuple(out), lines_above(lines, i, floor)), end
