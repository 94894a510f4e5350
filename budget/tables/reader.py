"""Budget tables in plan text → cost lines and sections: products implied by columns.

Most estimates that schools publish are tables (``STT | Nội dung | Số lượng | Đơn giá |
Thời gian | Thành tiền``, a ``Cộng`` row, ``Đơn vị tính: đồng`` above) flattened to text:
pipe rows, columns aligned by spaces, one cell per line, or cells separated by single
spaces as PDF converters leave them. ``find_tables`` finds the blocks and their cells;
``table_items`` reads a block with its header's column roles (``columns.txt``, data)
into the model: a row's product is a ``CostLine`` whose factors are its role cells, group
rows open ``Section``s, ``Cộng`` rows are their stated amounts, share rows (``Trích
40%``) are checked as shares of the total they split, and a cross table (categories as
columns, a count group and a money group as rows) gives the products of its cells and
its row and column sums. A product written in one cell with no ``=`` (``4,5% x 1.210.000
x 12 tháng``) is a cost line whose figure is the next cell, under an amount column; rows of
a one-cell-per-line table may stop short of the header (rows start at the next row number).
Counts (pupils, classes) a table states as totals are ``CountSum``s: plain numbers, never
money. Whatever the table does not tell is a finding at its cell, never a guess: a factor
missing, a range, cells glued together, an amount of a table with no total (unchecked).

The parts live in ``table_*`` modules: ``table_records`` (records), ``table_columns`` (column
roles), ``table_cells`` (what a cell holds), ``table_find`` with ``table_lines`` and
``table_aligned`` (finding blocks), ``table_rows`` with ``table_place``, ``table_values``,
``table_formula`` and ``table_groups`` (reading a block), ``table_cross`` (cross tables). This
module reads a document's tables and joins them to the plan; it re-exports the names other
modules use.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from budget.findings import Finding
from budget.headings import FrontMatter
from budget.model import Amount, CostLine, CountSum, Item, Plan, Section, WordsCheck
from budget.read.text import RawLine
from budget.tables.cells import kind
from budget.tables.columns import header_roles
from budget.tables.find import find_tables
from budget.tables.loose import loose_figures
from budget.tables.records import Cell, TableBlock, TableRow, Tables
from budget.tables.rows import BlockReader
from budget.tables.words import is_words

__all__ = [
    "BlockReader",
    "Cell",
    "TableBlock",
    "TableRow",
    "Tables",
    "checkable",
    "find_tables",
    "header_roles",
    "kind",
    "read_tables",
    "table_items",
    "table_line_numbers",
    "table_total",
    "with_tables",
]


def table_line_numbers(lines: Sequence[RawLine]) -> set[int]:
    """Physical line numbers inside table blocks (for readers that must skip them, such as targets)."""
    out: set[int] = set()
    for b in find_tables(lines):
        out.update(range(b.first, b.last + 1))
    return out


def table_items(block: TableBlock, findings: list[Finding], previous_total: Amount | None = None) -> list[Item]:
    """The model items of one table: a Section titled by the line above it (nothing when it holds no money)."""
    return BlockReader(block, findings, previous_total).items()


def read_tables(lines: Sequence[RawLine], findings: list[Finding]) -> Tables:
    """The tables of a document as model items, and its lines with the table lines emptied."""
    blocks = find_tables(lines)
    if not blocks:
        findings.extend(loose_figures(lines, ()))
        return Tables(list(lines), [], 0)
    blocks = _with_words_below(lines, blocks)
    items: list[Item] = []
    whole: list[Item] = []
    unchecked: list[Amount] = []
    counts: list[CountSum] = []
    words: list[WordsCheck] = []
    side: list[CostLine] = []
    found = 0
    previous: Amount | None = None
    # the lines that identify the document (letterhead, title) never name a table
    head = FrontMatter([rl.text for rl in lines])
    at = {rl.source.line: i for i, rl in enumerate(lines)}

    def front(line: int | None) -> bool:
        k = at.get(line)
        return k is not None and k in head

    for index, block in enumerate(blocks, 1):
        caption = head.caption_above(at.get(block.first, 0))
        reader = BlockReader(block, findings, previous, index, front, caption)
        read = reader.items()
        whole.extend(read)
        items.extend(checkable(read, unchecked))
        found += reader.found
        counts.extend(reader.counts)
        words.extend(reader.words)
        side.extend(reader.side)
        previous = reader.last_total
    inside = {n for b in blocks for n in range(b.first, b.last + 1)}
    inside.update(rl.source.line for b in blocks for rl in b.below if rl.source.line is not None)
    findings.extend(loose_figures(lines, inside))
    outside = [
        replace(rl, source=rl.source._replace(text="", colmap=None)) if rl.source.line in inside else rl for rl in lines
    ]
    return Tables(
        outside,
        items,
        found,
        tuple(unchecked),
        tuple(whole),
        tuple(counts),
        tuple(words),
        frozenset(inside),
        tuple(side),
    )


_WORDS_REACH = 2  # non-empty lines under a table where its total in words may stand


def _with_words_below(lines: Sequence[RawLine], blocks: list[TableBlock]) -> list[TableBlock]:
    """Each block with the lines just under it that write its total in words (``Bằng chữ: ...``),
    before the next block."""
    index = {rl.source.line: i for i, rl in enumerate(lines) if rl.source.line is not None}
    out = []
    for k, block in enumerate(blocks):
        end = blocks[k + 1].first if k + 1 < len(blocks) else None
        below: list[RawLine] = []
        seen = 0
        i = index.get(block.last, len(lines)) + 1
        while i < len(lines) and seen < _WORDS_REACH:
            rl = lines[i]
            if end is not None and rl.source.line is not None and rl.source.line >= end:
                break
            if rl.text.strip():
                seen += 1
                if is_words(rl.text):
                    below.append(rl)
                    break
            i += 1
        out.append(replace(block, below=tuple(below)) if below else block)
    return out


def checkable(read: Sequence[Item], unchecked: list[Amount]) -> list[Item]:
    """A table's items as the plan checks them: all of them when the table states a total
    (a ``Cộng`` row, a group's amount) that checks its rows; else without its lone amounts
    (a row's amount with no product and no total above it), which go to ``unchecked``."""
    if any(_states_amount(i) for i in read):
        return list(read)
    return _without_lone_amounts(read, unchecked)


def _is_lone_amount(item: Item) -> bool:
    """A row's amount alone, no product behind it (what ``lump`` builds)."""
    return isinstance(item, Section) and not item.items and item.stated is not None


def _states_amount(item: Item) -> bool:
    """Does a table item state a total (a ``Cộng`` row, a group's amount) that checks its rows?"""
    if not isinstance(item, Section) or _is_lone_amount(item):
        return False
    return item.stated is not None or any(_states_amount(i) for i in item.items)


def _without_lone_amounts(items: Sequence[Item], out: list[Amount]) -> list[Item]:
    """``items`` with their lone amounts taken out (into ``out``), and sections left empty dropped."""
    kept: list[Item] = []
    for item in items:
        if _is_lone_amount(item):
            assert isinstance(item, Section) and item.stated is not None
            out.append(item.stated)
        elif isinstance(item, Section):
            inner = _without_lone_amounts(item.items, out)
            if inner:
                kept.append(replace(item, items=tuple(inner)))
        else:
            kept.append(item)
    return kept


def table_total(items: Sequence[Item]) -> Amount | None:
    """The total a budget made of one table states: the figure of its ``Cộng``/``Tổng cộng``
    row (the table's own stated figure), None when the budget is more than one table."""
    if len(items) == 1 and isinstance(items[0], Section) and items[0].stated is not None:
        return items[0].stated
    return None


def with_tables(plan: Plan, tables: Tables) -> Plan:
    """The plan with the document's tables: their Sections are its items when the text holds
    no other budget (a total stated alone in the text is then the tables' total), else they
    follow the text's items. A total stated in the text beside items of its own stays the
    total of those items (a section of its own), never of the tables."""
    if tables.counts:
        plan = replace(plan, counts=plan.counts + tables.counts)
    if tables.words:
        plan = replace(plan, words=plan.words + tables.words)
    if tables.side:
        plan = replace(plan, side=plan.side + tables.side)
    if not tables.items and not tables.unchecked:
        return plan
    found = plan.amounts_found + tables.found
    if plan.total is not None and not plan.items and tables.whole:
        # ``Tổng kinh phí: 3.900.000 đồng`` and the table that details it: the total of the tables
        return replace(plan, items=tables.whole, amounts_found=found)
    items = tuple(tables.items)
    plan = replace(plan, unchecked=plan.unchecked + tables.unchecked)
    if not plan.has_budget or not plan.items:
        total = plan.total if plan.total is not None else table_total(items)
        return replace(plan, items=items, amounts_found=found, total=total)
    if plan.total is None:
        return replace(plan, items=plan.items + items, amounts_found=found)
    heading = plan.heading
    text = Section(
        heading.number if heading else "",
        heading.title if heading else "",
        plan.total.source._replace(col=None, pos=None) if heading is None else heading.source,
        plan.total,
        plan.items,
    )
    return replace(plan, total=None, items=(text, *items), amounts_found=found)
