"""Finding table blocks in plan text: ``find_tables`` walks the lines and tries each shape in
turn: pipe rows, tab-separated rows, one cell per line, columns aligned by spaces.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import replace
from decimal import Decimal

from budget.numbers import NumberError, read_number
from budget.read.text import RawLine
from budget.source import Source
from budget.tables.aligned import text_block, text_header_at
from budget.tables.bars import MIN_BARS, bar_end, bar_rows, is_bar
from budget.tables.cells import TOTAL_LABEL, is_pipe, is_total_row, kind, lines_above, numeric_count
from budget.tables.columns import GROUP_MARK, cell_column, has_role, scale_in, settle_numbers
from budget.tables.ledger import ledger_end, ledger_header, ledger_parts, lines_ledger_at, names_row
from budget.tables.lines import cells_block, cells_header_at, marker_block, spaced_header_at, words_header_at
from budget.tables.records import Cell, TableBlock, TableRow
from budget.text import fold

_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")


def _cut(rl: RawLine, cuts: Sequence[int]) -> list[Cell]:
    """The cells of a row cut at the given positions (each cell where its first character stands)."""
    text = rl.text
    cells = []
    for a, b in itertools.pairwise([-1, *cuts, len(text)]):
        piece = text[a + 1 : b]
        lead = len(piece) - len(piece.lstrip())
        cells.append(Cell(piece.strip(), rl.source.at(a + 2 + lead if piece.strip() else a + 2)))
    return cells


def _pipe_cells(rl: RawLine) -> tuple[Cell, ...]:
    text = rl.text
    cells = _cut(rl, [i for i, ch in enumerate(text) if ch == "|"])
    if text.lstrip().startswith("|"):
        cells = cells[1:]
    if text.rstrip().endswith("|") and cells:
        cells = cells[:-1]
    return tuple(cells)


def _tab_cells(rl: RawLine) -> tuple[Cell, ...]:
    """A tab-separated row's cells, cut at the file's tabs only (a label keeps its spaces);
    a leading tab is an empty first cell."""
    return tuple(_cut(rl, rl.tabs))


_HEADER_CELL = 250  # characters: a longer cell is prose (a converted page's layout), never a column's name


def _header_texts(cells: Sequence[Cell], least: int) -> list[str] | None:
    """The written cells of a row that may name columns: ``least`` of them or more, no number,
    none as long as prose."""
    texts = [c.text for c in cells if c.text]
    if len(texts) < least or any(kind(t) in ("num", "frac", "range") or len(t) > _HEADER_CELL for t in texts):
        return None
    return texts


def _is_header_cells(cells: Sequence[Cell]) -> bool:
    """A row of cells that names columns: two or more roles, a money role, no numbers."""
    texts = _header_texts(cells, 2)
    if texts is None:
        return False
    if any(TOTAL_LABEL.match(t) for t in texts[:1]) and len(texts) <= 2:
        return False
    roles = settle_numbers([cell_column(c).role for c in cells if c.text])
    named = [r for r in roles if r]
    money = any(r in ("amount", "per_amount", "total") for r in roles)
    return money and len(set(named) - {"note", "unit", "number"}) >= 2


def _is_count_header(cells: Sequence[Cell]) -> bool:
    """A row naming the columns of a table of counts (``STT | Khối | Số lớp | Số học sinh``): a
    count role, row numbers or labels, no money, no numbers."""
    if _header_texts(cells, 3) is None:
        return False
    roles = {cell_column(c).role for c in cells if c.text}
    return "quantity" in roles and bool({"number", "label"} & roles) and not ({"amount", "per_amount", "total"} & roles)


def _is_numbered_header(cells: Sequence[Cell]) -> bool:
    """A row naming the columns of a table of figures by its row numbers and a total column
    (``STT | Loại văn bản | Tổng mức chi | Nhiệm vụ A | Nhiệm vụ B``): no role word names its
    figures, but the ``STT`` column numbers its rows and one column totals the others."""
    texts = _header_texts(cells, 3)
    if texts is None or cell_column(next(c for c in cells if c.text)).role != "number":
        return False
    # a total column, or a total sub-column of a group (``Văn bản cần sửa — Tổng``)
    return any(TOTAL_LABEL.match(t) or TOTAL_LABEL.match(t.partition(GROUP_MARK)[2]) for t in texts[2:])


def _is_led_header(cells: Sequence[Cell]) -> bool:
    """A row naming columns by words alone, led by the row numbers' ``STT``: three names or
    more, no figure."""
    texts = _header_texts(cells, 3)
    return texts is not None and cell_column(next(c for c in cells if c.text)).role == "number"


def _is_bars_header(cells: Sequence[Cell]) -> bool:
    """A header row in a converted Word document, where one run of bars may hold the whole page
    (its layout, then several annex tables): a row naming money columns, or one numbering its
    rows beside a total column; each such row starts a table of its own."""
    return _is_header_cells(cells) or _is_numbered_header(cells)


def _sub_header(cells: Sequence[Cell]) -> bool:
    """The second row of a two-row header: only role words and units in brackets."""
    texts = [c.text for c in cells if c.text]
    if not texts or any(kind(t) != "text" for t in texts):
        return False
    for t in texts:
        if cell_column(Cell(t, Source(""))).role:
            continue
        if t.startswith("(") or scale_in(t) is not None:
            continue
        return False
    return True


HeaderTest = Callable[[Sequence[Cell]], bool]


def find_tables(lines: Sequence[RawLine], header: HeaderTest | None = None) -> list[TableBlock]:
    """Every table block of the text, in order.

    Most lines of a plan are prose or written-out products; a cheap test on each line
    (blank, too long for a header, an ``=``) skips them before any role word is looked for.
    ``header``: the caller's test of a header row, for tables of words that no budget role
    names (a plan's task register); only tables under such a header are found then.
    """
    if header is not None:
        return _headed_tables(lines, header)
    blocks: list[TableBlock] = []
    texts = [rl.source.text for rl in lines]
    n = len(lines)
    i = 0
    last_end = 0
    while i < n:
        text = texts[i]
        if len(lines[i].tabs) >= 2:
            # tab-separated rows: cells cut at the tabs, read like a pipe table
            j = i
            while j < n and lines[j].tabs:
                j += 1
            block = _pipe_block(lines, i, j, last_end, _tab_cells)
            if block is not None:
                blocks.append(block)
                last_end = j
                i = j
                continue
        if is_bar(text):
            # one cell per line, a bar line between cells (a converted Word table)
            j = bar_end(lines, i)
            if sum(1 for rl in lines[i:j] if is_bar(rl.text)) >= MIN_BARS:
                found = [
                    b
                    for part in _bars_tables(_grouped_headers(bar_rows(lines, i, j)))
                    for table in _ledgers(part)
                    for b in [_header_block(table, lines, last_end, "bars")]
                    if b is not None
                ]
                if found:
                    blocks.extend(found)
                    last_end = j
                i = j
                continue
        if "|" in text and is_pipe(text):
            j = i
            while j < n and "|" in texts[j] and is_pipe(texts[j]):
                j += 1
            block = _pipe_block(lines, i, j, last_end)
            if block is not None:
                blocks.append(block)
                last_end = j
            i = j
            continue
        if text and (ledger := lines_ledger_at(lines, i, last_end)) is not None:
            # names, rows of a label and figures and a total row, one cell per line
            blocks.append(ledger[0])
            last_end = i = ledger[1]
            continue
        if not text or len(text) > 220 or "=" in text or not has_role(text):
            i += 1
            continue
        count = cells_header_at(lines, i)
        fixed, fixed_end = cells_block(lines, i, count, last_end) if count else (None, i + 1)
        head = spaced_header_at(lines, i)
        if head is not None:
            # rows of different lengths, or cells a blank line apart: rows cut at the row numbers
            block, end = marker_block(lines, i, head, last_end)
            if block is not None and (fixed is None or block.last > fixed.last):
                fixed, fixed_end = block, end
        if fixed is not None:
            blocks.append(fixed)
            last_end = i = fixed_end
            continue
        k = text_header_at(lines, i)
        if k:
            block, end = text_block(lines, i, k, last_end)
            if block is not None:
                blocks.append(block)
                last_end = i = end
                continue
        i += 1
    return blocks


def _headed_tables(lines: Sequence[RawLine], header: HeaderTest) -> list[TableBlock]:
    """The tables whose header row ``header`` accepts, in every shape but columns aligned by
    spaces: tab-separated and pipe rows, cells between bars, one cell per line cut at the row
    numbers."""
    blocks: list[TableBlock] = []
    n = len(lines)
    i = last_end = 0
    while i < n:
        text = lines[i].text
        block, j = None, i + 1
        if len(lines[i].tabs) >= 2:
            j = i
            while j < n and lines[j].tabs:
                j += 1
            block = _pipe_block(lines, i, j, last_end, _tab_cells, header)
        elif is_bar(text):
            j = bar_end(lines, i)
            if sum(1 for rl in lines[i:j] if is_bar(rl.text)) >= MIN_BARS:
                block = _header_block(bar_rows(lines, i, j), lines, last_end, "bars", header)
        elif "|" in text and is_pipe(text):
            j = i
            while j < n and "|" in lines[j].text and is_pipe(lines[j].text):
                j += 1
            block = _pipe_block(lines, i, j, last_end, header=header)
        elif (head := words_header_at(lines, i, header)) is not None:
            block, end = marker_block(lines, i, head, last_end, words=True)
            j = end if block is not None else i + 1
        if block is not None:
            blocks.append(block)
            last_end = j
        i = j
    return blocks


def _pipe_block(
    lines: Sequence[RawLine],
    i: int,
    j: int,
    floor: int,
    split: Callable[[RawLine], tuple[Cell, ...]] = _pipe_cells,
    header: HeaderTest | None = None,
) -> TableBlock | None:
    rows = []
    for rl in lines[i:j]:
        if _RULE.match(rl.text):
            continue
        cells = split(rl)
        line = rl.source.line or 0
        rows.append(TableRow(cells, line, line))
    if split is _tab_cells and rows:
        # a line loses its trailing tabs (empty last cells, a ``Ghi chú`` left blank): the row
        # has as many cells as the widest, the missing ones empty at its end
        width = max(len(r.cells) for r in rows)
        rows = [
            r
            if len(r.cells) == width
            else replace(r, cells=(*r.cells, *[_blank_after(r.cells[-1])] * (width - len(r.cells))))
            for r in rows
        ]
    return _header_block(rows, lines, floor, "pipe", header)


def _blank_after(cell: Cell) -> Cell:
    """An empty cell just after ``cell`` (where the row's lost trailing cells stood)."""
    return Cell("", cell.source.at((cell.source.pos or 0) + len(cell.text) + 1))


def _bars_tables(rows: list[TableRow]) -> list[list[TableRow]]:
    """The rows of one run of bars cut into its tables: a converted document may hold its whole
    page in one run (the layout of its heading and signatures, then annex after annex). A table
    starts at a header row that follows rows of figures, with the rows of text just above it
    (its title); the rows of a header of several rows stay together."""
    cuts = [0]
    figures_since = False
    for k, r in enumerate(rows):
        if numeric_count(r.cells) >= 2:
            figures_since = True
        elif _is_bars_header(r.cells) and figures_since:
            back = k
            while back > cuts[-1] and k - back < 2 and numeric_count(rows[back - 1].cells) == 0:
                back -= 1
            cuts.append(back)
            figures_since = False
    return [rows[a:b] for a, b in zip(cuts, [*cuts[1:], len(rows)], strict=True) if b > a]


def _ledgers(rows: list[TableRow]) -> list[list[TableRow]]:
    """A part of a run of bars whose header names no role cut into the ledgers it holds (worked
    examples: names and figures closed by a total row, one table after another)."""
    if any(_is_bars_header(r.cells) for r in rows):
        return [rows]
    return ledger_parts(rows)


def _header_block(
    rows: list[TableRow], lines: Sequence[RawLine], floor: int, shape: str, accepts: HeaderTest | None = None
) -> TableBlock | None:
    """The table of ``rows`` from its header on (a row naming money columns, or count columns
    when a total row closes them; or one the caller's test ``accepts``), or None when no row
    is a header."""
    if not rows:
        return None
    is_header = accepts or (_is_header_cells if shape != "bars" else _is_bars_header)
    ledger = False
    first_header = next((k for k, r in enumerate(rows) if is_header(r.cells)), None)
    if accepts is not None:
        if first_header is None:
            return None
    elif first_header is None:
        # a table of counts only: read when a total row states what they add up to
        is_header = _is_count_header
        first_header = next((k for k, r in enumerate(rows) if _is_count_header(r.cells)), None)
        if first_header is None or not any(is_total_row(r) for r in rows[first_header + 1 :]):
            # a table of figures numbered by row, one column the total of the others
            is_header = _is_numbered_header
            first_header = next((k for k, r in enumerate(rows) if _is_numbered_header(r.cells)), None)
            if first_header is None:
                # a table of figures whose header names no role at all (``STT | Cơ quan | Số
                # chứng từ phải cung cấp | ... đã cung cấp``): read when a total row closes it
                is_header = _is_led_header
                first_header = next((k for k, r in enumerate(rows) if _is_led_header(r.cells)), None)
                if first_header is None or not any(is_total_row(r) for r in rows[first_header + 1 :]):
                    # a ledger: names over rows of a label and figures, closed by a total row
                    is_header = names_row
                    first_header = ledger_header(rows) if shape == "bars" else None
                    if first_header is None:
                        return None
                    ledger = True
    if shape == "bars":
        rows = _grouped_headers(_rejoined_header(rows, first_header))
        # the header nearest above the first row of figures: rows of text above it (a converted
        # page's layout, an annex title) may use header words too
        figures = next((k for k, r in enumerate(rows) if numeric_count(r.cells) >= 2), len(rows))
        nearest = [k for k, r in enumerate(rows[:figures]) if is_header(r.cells)]
        first_header = nearest[-1] if nearest else first_header
        if ledger:  # the names over the rows, however many rows of words they take, to its total row
            first_header = ledger_header(rows) or 0
            end = ledger_end(rows, first_header)
            rows = rows[: end + 1] if end is not None else rows
    start = first_header
    while start > 0 and numeric_count(rows[start - 1].cells) == 0 and start > first_header - 2:
        if ledger and any(len(c.text) > _TITLE_CELL for c in rows[start - 1].cells):
            break  # a paragraph above a ledger is the text's, read as prose, never its title row
        start -= 1
    marked = []
    previous_header = False
    for r in rows[start:]:
        header = is_header(r.cells) or (previous_header and _sub_header(r.cells))
        marked.append(replace(r, header=header))
        previous_header = header
    first = marked[0].first
    index = next(k for k, rl in enumerate(lines) if rl.source.line == first)
    while index > 0 and is_bar(lines[index - 1].text):
        index -= 1  # the bar that opens the header row is the table's, not a line above it
    unread = (
        _merged_header(_header_rows(rows, start, first_header), rows[first_header + 1 :]) if shape == "bars" else ""
    )
    above = lines_above(lines, index, floor)
    return TableBlock(shape, first, marked[-1].last, tuple(marked), above, unread=unread, ledger=ledger)


_REJOIN_REACH = 2  # rows of text a converted header row may have been cut into, after the first


def _rejoined_header(rows: list[TableRow], at: int) -> list[TableRow]:
    """The header row at ``at`` whole again when the converter's row cuts left its last cells on
    rows of their own: the rows of text right under it whose cells, with its own, make exactly
    the width of the first row of figures under it (``STT | Loại | Tổng mức chi | A | B | C`` then
    ``D`` over rows of seven figures). Anything else is left as it is."""
    figures = next((r for r in rows[at + 1 : at + 2 + _REJOIN_REACH] if numeric_count(r.cells) >= 2), None)
    if figures is None:
        return rows
    width = len(figures.cells)  # the first row of figures under it: the table's own width
    head = rows[at]
    count = len(head.cells)
    for k in range(at + 1, min(at + 1 + _REJOIN_REACH, len(rows))):
        nxt = rows[k]
        if numeric_count(nxt.cells) or any(kind(c.text) != "text" for c in nxt.cells if c.text):
            return rows
        count += len(nxt.cells)
        if count == width:
            cells = tuple(c for r in rows[at : k + 1] for c in r.cells)
            return [*rows[:at], TableRow(cells, head.first, nxt.last, head.header), *rows[k + 1 :]]
        if count > width:
            return rows
    return rows


def _grouped_headers(rows: list[TableRow]) -> list[TableRow]:
    """Each header of column groups made one row: ``STT | Bộ | Năm 2024 | Năm 2025 | Tổng số``
    over ``Thu | Chi | Thu | Chi | Thu | Chi`` (the merged group cells dropped by the converter)
    over rows of eight figures becomes ``STT | Bộ | Năm 2024 — Thu | ... | Tổng số — Chi``. Only
    when the counts leave no doubt: the rows of figures as wide as the lead cells and the
    sub-columns, the sub-columns split evenly among the groups, and each group naming the same
    sub-columns in the same order."""
    out = list(rows)
    k = 0
    while k + 2 < len(out):
        head, sub, figures = out[k], out[k + 1], out[k + 2]
        joined = _group_cells(head, sub, figures, out[k + 2 :])
        if joined is not None:
            out[k : k + 2] = [TableRow(joined, head.first, sub.last, head.header)]
        k += 1
    return out


def _group_cells(head: TableRow, sub: TableRow, figures: TableRow, body: Sequence[TableRow]) -> tuple[Cell, ...] | None:
    names = [c for c in head.cells if c.text]
    subs = [c for c in sub.cells if c.text]
    if numeric_count(head.cells) or numeric_count(sub.cells) or numeric_count(figures.cells) < 2:
        return None
    if len(subs) != len(sub.cells) or len(subs) < 2:
        return None
    lead = len(figures.cells) - len(subs)
    groups = len(names) - lead
    # one group over all the sub-columns, or several naming the same sub-columns
    if lead < 1 or groups < 1 or len(subs) % groups or (groups > 1 and len(subs) < 4):
        return None
    size = len(subs) // groups
    if groups == 1:
        return _one_group(names, subs, figures, body)
    labels = [fold(c.text) for c in subs]
    if any(labels[i] != labels[i % size] for i in range(len(labels))):
        return None
    grouped = tuple(Cell(f"{names[lead + i // size].text}{GROUP_MARK}{c.text}", c.source) for i, c in enumerate(subs))
    return (*names[:lead], *grouped)


def _one_group(
    names: list[Cell], subs: list[Cell], figures: TableRow, body: Sequence[TableRow]
) -> tuple[Cell, ...] | None:
    """A header with one merged cell over all the sub-columns (``STT | Bộ | Tình hình | Văn bản
    cần sửa`` over ``Tổng | Luật | Nghị định``). Which name is the group is read from the rows
    of figures: the one place that puts the sub-columns over figures and the other names over
    words; where several could, the one where a total sub-column (``Tổng số | Cấp tỉnh | Cấp
    xã``) adds the others in every row of figures. Otherwise nothing is joined."""
    width = len(figures.cells)
    places = [
        g
        for g in range(len(names))
        if cell_column(names[g]).role != "number"
        and all(_figure_or_blank(figures.cells[p].text) for p in range(g, g + len(subs)))
    ]
    if len(places) > 1:
        places = [g for g in places if _sub_total_holds(subs, g, width, body)]
    if len(places) != 1:
        return None
    g = places[0]
    grouped = tuple(Cell(f"{names[g].text}{GROUP_MARK}{c.text}", c.source) for c in subs)
    return (*names[:g], *grouped, *names[g + 1 :])


def _figure_or_blank(text: str) -> bool:
    return kind(text) == "num" or text.strip() in ("", "-", "–")


def _figure(text: str) -> Decimal | None:
    """A cell's figure for comparing sub-columns: ``-`` and an empty cell hold nothing (0)."""
    t = text.strip()
    if t in ("", "-", "–"):
        return Decimal(0)
    try:
        return read_number(t.rstrip("%").strip()).value
    except NumberError:
        return None


def _sub_total_holds(subs: list[Cell], g: int, width: int, body: Sequence[TableRow]) -> bool:
    """Does the first or last sub-column, named a total, add the others in the rows of figures
    as wide as the table (all but a few wrong figures, two rows at least) when the
    sub-columns start at ``g``?"""
    first = TOTAL_LABEL.match(subs[0].text) is not None
    if not first and TOTAL_LABEL.match(subs[-1].text) is None:
        return False
    holds = fails = 0
    for row in body:
        if len(row.cells) != width:
            continue
        texts = [row.cells[p].text for p in range(g, g + len(subs))]
        values = [_figure(t) for t in texts]
        if any(v is None for v in values):
            continue
        whole, parts = (values[0], values[1:]) if first else (values[-1], values[:-1])
        if whole == sum(p for p in parts if p is not None):
            holds += 1
        else:
            fails += 1
    # a wrong figure or two of the document's own fail their row; the place is still plain
    return holds >= 2 and fails * 2 < holds


_TITLE_CELL = 120  # characters: a longer cell above a header is a title or prose, not a header's row


def _header_rows(rows: Sequence[TableRow], start: int, first_header: int) -> list[TableRow]:
    """The header row and the rows of a header of several rows just above it (not the title or
    the converted page's prose above the table)."""
    head = [rows[first_header]]
    for r in reversed(rows[start:first_header]):
        if len(r.cells) < 2 or any(len(c.text) > _TITLE_CELL for c in r.cells):
            break
        head.insert(0, r)
    return head


def _merged_header(head: Sequence[TableRow], body: Sequence[TableRow]) -> str:
    """ "merged" when a header row that names columns has fewer cells than the table's rows of
    figures (cells merged across columns or rows, which a converted table drops): which
    column is which cannot be known. "" when every header row is as wide as the rows."""
    widths = Counter(len(r.cells) for r in body if numeric_count(r.cells) >= 2)
    if not widths:
        return ""
    width = widths.most_common(1)[0][0]
    named = [
        r
        for r in head
        if _header_texts(r.cells, 2) is not None and sum(1 for c in r.cells if c.text and cell_column(c).role) >= 2
    ]
    named += [r for r in body[:3] if _sub_header(r.cells)]
    return "merged" if any(len(r.cells) < width for r in named) else ""
