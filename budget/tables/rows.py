"""Reading one table block into model items: its parts (a header starts one), each part's
columns, and its rows: groups, data rows (products of their role cells), totals, formulas in a
cell, and counts stated as sums. Cross tables go to ``table_cross``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from decimal import Decimal

from budget import messages
from budget.evaluate import evaluate_line
from budget.findings import Finding, Severity
from budget.headings import may_name, plain
from budget.model import Amount, CostLine, CountSum, Item, Quantity, Section, WordsCheck, walk_lines
from budget.numbers import EXACT, shift, total
from budget.read.text import RawLine
from budget.source import Source
from budget.tables.cells import (
    TOTAL_LABEL,
    is_marker,
    is_total_row,
    kind,
    label_text,
    numeric_count,
    of_which,
    sequence_of,
    starts_sequence,
)
from budget.tables.columns import FACTORS, NUMERIC_ROLES, Column, header_columns, names_columns, period_of
from budget.tables.cross import CrossTable
from budget.tables.formula import formula_row
from budget.tables.groups import (
    Entry,
    Group,
    Numbering,
    Share,
    build_item,
    close_group,
    close_with_total,
    entry_dong,
    keep,
    lump,
    product_line,
    settle_scales,
)
from budget.tables.place import PlacedRow, cell_rest, last_index, place
from budget.tables.rates import rate_columns, rates_above
from budget.tables.ratios import RatioRow, check_comparison, compares
from budget.tables.records import Cell, TableBlock, TableRow
from budget.tables.row_totals import RowTotals
from budget.tables.sums import ColumnSums
from budget.tables.values import (
    column_money,
    context_above,
    english_grouping,
    label_multipliers,
    label_products,
    read_quantity,
)
from budget.tables.words import WordsText, is_words, words_checks
from budget.text import fold
from budget.units import read_money

# a heading's number glued to its words: ``1.Dự kiến thu``, ``II.Chi thường xuyên``
_GLUED_MARKER = re.compile(r"([0-9]{1,3}(?:\.[0-9]{1,2})*|[IVXL]{1,6})[.)]\s*(?=[^\W\d_])")
# what a table says of a row it could not read
_ROW_UNREAD = ("TABLE_ROW_NO_AMOUNT", "TABLE_ROW_NOT_CHECKED", "TABLE_CELLS_GLUED")


class BlockReader:
    """Reads one block; ``found``, ``counts`` and ``last_total`` (the base of a share in the next
    table) are what the document reader gathers from it."""

    def __init__(
        self,
        block: TableBlock,
        findings: list[Finding],
        previous_total: Amount | None,
        index: int = 1,
        front: Callable[[int | None], bool] | None = None,
        caption: str = "",
    ):
        """``index``: the table's number in its document (``Bảng 2`` when nothing above names it);
        ``front``: the document's lines that identify it (letterhead, title), never its title;
        ``caption``: the caption over it beyond the lines just above (an annex's ``DỰ TOÁN …``)."""
        self.block = block
        self.findings = findings
        self.english = english_grouping(block)
        self.index = index
        self.front = front
        self.context = context_above(block.above, self.english, front)
        if not self.context.title and caption:
            self.context = replace(self.context, title=caption)
        self.last_total = previous_total
        self.found = 0
        self.counts: list[CountSum] = []  # counts the table states as sums (pupils, classes)
        self.spans: list[tuple[int, int]] | None = None  # columns of a space-aligned part
        self.words: list[WordsCheck] = []  # the total in words under the table (``Bằng chữ``)
        self._words_text = [WordsText(rl.text, rl.source.at(1)) for rl in block.below]
        self.side: list[CostLine] = []  # products of a rate the text above states (``rates.py``)

    # ---------------------------------------------------------------- parts

    def items(self) -> list[Item]:
        if self.block.unread:
            sums = self._merged_sums()
            if sums is not None:
                self.words = words_checks(self._words_text, sums, self.findings)
                return sums
            head = next((c for r in self.block.rows for c in r.cells if c.text), None)
            where = head.source if head is not None else Source("")
            args = {"reason": self.block.unread, "first": self.block.first, "last": self.block.last}
            self.findings.append(Finding(where, "TABLE_NOT_CHECKED", Severity.WARNING, args))
            return []
        before = len(self.findings)
        items = self._items()
        if not walk_lines(tuple(items)):
            # a table with no product its header names: a column may be a rate the text states
            self.side = rate_columns(
                self.block.rows, len(self.block.rows[0].cells), rates_above(self.block.above), self.context.money
            )
            self.found += len(self.side)
            # the columns those products use are checked by them: no column of them is unread
            used = {q.source for line in self.side for step in line.steps for q in (*step.factors, step.stated)}
            self.findings[before:] = [
                f for f in self.findings[before:] if f.code != "TABLE_COLUMN_NOT_CHECKED" or f.source not in used
            ]
        # a row left unread leaves the table's sum unknown: words under it then compare with nothing
        complete = not any(f.code in _ROW_UNREAD for f in self.findings[before:])
        self.words = words_checks(self._words_text, items, self.findings, complete)
        return items

    def _items(self) -> list[Item]:
        parts = self._parts()
        sections: list[Section] = []
        for k, (title_rows, header, rows) in enumerate(parts, 1):
            part = self._part(title_rows, header, rows, k if len(parts) > 1 else 0)
            if part is not None:
                sections.append(part)
        if not sections:
            return []
        first = self.block.rows[0].cells[0].source if self.block.rows[0].cells else Source("")
        source = first._replace(col=None, pos=None)
        # the table is named by the caption above it, else by its number: never by its first
        # part's heading (the part would then stand inside a copy of itself)
        title = self.context.title
        if len(sections) == 1:
            only = sections[0]
            if title or not only.title:
                return [replace(only, title=title or self._neutral(), source=source, number="")]
            return [replace(only, source=source)]  # named by its own heading (``III. Dự toán chi``)
        return [Section("", title or self._neutral(), source, None, tuple(sections))]

    def _neutral(self, part: int = 0) -> str:
        """``Bảng 2`` (or ``Bảng 2, phần 1``): the name of a table no heading names."""
        if part:
            return messages.render("TABLE_VIEW.part", {"n": self.index, "part": part})
        return messages.render("TABLE_VIEW.table", {"n": self.index})

    def _merged_sums(self) -> list[Item] | None:
        """A table whose header merges cells (so which column is which is not known) read as
        columns of sums, when its rows are: their sums need no column's name."""
        rows = [r for r in self.block.rows if not r.header]
        first = next((c for r in self.block.rows for c in r.cells if c.text), None)
        source = first.source._replace(col=None, pos=None) if first is not None else Source("")
        sums = ColumnSums(self, rows, [], source)
        if not sums.qualifies():
            return None
        items = sums.items()
        if not items:
            return None
        return [Section("", self.context.title or self._neutral(), source, None, tuple(items))]

    def _parts(self) -> list[tuple[list[TableRow], list[TableRow], list[TableRow]]]:
        """(title rows, header rows, rows) of each part: a header starts a part."""
        parts: list[tuple[list[TableRow], list[TableRow], list[TableRow]]] = []
        pending: list[TableRow] = []
        rows = self.block.rows
        k = 0
        while k < len(rows):
            written = [c for c in rows[k].cells if c.text.strip()]
            if not rows[k].header and written and is_words(written[0].text):
                # ``Bằng chữ`` in a row of the table (a merged cell under it): no row of it
                text = " ".join(c.text.strip() for c in written)
                self._words_text.append(WordsText(text, written[0].source, columns=False))
                k += 1
                continue
            if rows[k].header:
                header = []
                while k < len(rows) and rows[k].header:
                    header.append(rows[k])
                    k += 1
                # label-only rows just above the header title the part
                above = parts[-1][2] if parts else pending
                titles: list[TableRow] = []
                while above and numeric_count(above[-1].cells) == 0 and not is_total_row(above[-1]):
                    titles.insert(0, above.pop())
                pending = []
                parts.append((titles, header, []))
                continue
            if parts:
                parts[-1][2].append(rows[k])
            else:
                pending.append(rows[k])
            k += 1
        if parts and pending:
            parts[-1][2].extend(pending)
        return parts

    def _part(self, title_rows: list[TableRow], header: list[TableRow], rows: list[TableRow], k: int) -> Section | None:
        outer = self.context
        if title_rows and outer.money is None:
            # rows of text over a part's header (an annex's ``Đơn vị tính: triệu đồng`` in the
            # same run of bars) say its unit as the lines above a table do
            cells = [c for r in reversed(title_rows) for c in r.cells if c.text]
            own = context_above([RawLine(c.source._replace(text=c.text, colmap=None)) for c in cells], self.english)
            self.context = replace(outer, money=own.money)
        try:
            return self._read_part(title_rows, header, rows, k)
        finally:
            self.context = outer

    def _read_part(
        self, title_rows: list[TableRow], header: list[TableRow], rows: list[TableRow], k: int
    ) -> Section | None:
        """One part of the table (``k``: its number among several, 0 when it is the only one)."""
        columns, self.spans = header_columns(self.block.shape, header, rows)
        number, title = next((h for h in map(self._heading, title_rows) if h is not None), ("", ""))
        if not title:
            title = self._neutral(k) if k else ""  # never the header's words
        source = header[0].cells[0].source._replace(col=None, pos=None)
        roles = {c.role for c in columns}
        stated = None
        # a table of figures by column names no factor of a product, and an amount or a total
        # (counts beside a total with no price or amount column multiply nothing: their sums)
        priced = bool({"price", "category", "per_amount"} & roles) or "amount" in roles
        # a header naming no figure's role (``Số chứng từ phải cung cấp | ... đã cung cấp``)
        # holds figures whose only relations can be their sums
        unnamed = not (NUMERIC_ROLES & roles)
        products = not unnamed and (
            (priced and bool({*FACTORS, "category", "per_amount"} & roles)) or {"amount", "total"}.isdisjoint(roles)
        )
        ledger = self.block.ledger
        sums = None if products and not ledger else ColumnSums(self, rows, [c.title for c in columns], source, ledger)
        if sums is not None and sums.qualifies():
            items = sums.items()
        elif "category" in roles or ("total" in roles and not ({*FACTORS, "amount", "per_amount"} & roles)):
            # a cross table has groups of rows; rows with no groups may total across (``Tổng
            # cộng | Nguồn A | Nguồn B``, blank cells invisible)
            items = CrossTable(self, columns, rows).items() or RowTotals(self, columns, rows).items()
        else:
            items, stated = self._role_table(columns, rows, title, source)
        if not items and stated is None:
            return None
        return Section(number, title, source, stated, tuple(items))

    def _heading(self, row: TableRow) -> tuple[str, str] | None:
        """(number, title) of a row over a part's header that names it: one text, after its
        number if it has one (``III. | Dự toán chi``, ``1.Dự kiến thu``); None for a row of
        several texts (a header's first row), a letterhead or title line, or words naming columns."""
        texts = [c.text.strip() for c in row.cells if c.text.strip()]
        number = ""
        if len(texts) >= 2 and is_marker(texts[0]):
            number, texts = texts[0].rstrip(".)"), texts[1:]
        if len(texts) != 1:
            return None
        text = texts[0]
        if not number and (glued := _GLUED_MARKER.match(text)) is not None:
            number, text = glued.group(1), text[glued.end() :]
        if (self.front is not None and self.front(row.first)) or not may_name(text) or names_columns(text):
            return None
        return number, plain(text)[:200]

    def count_sum(self, label: str, stated: Quantity, parts: Sequence[Quantity | Decimal]) -> None:
        """A count stated as the sum of ``parts``: recorded, and reported at its cell when it is not."""
        values = tuple(p.value if isinstance(p, Quantity) else p for p in parts)
        check = CountSum(stated.source, label, stated.value, values)
        self.counts.append(check)
        if not check.ok:
            args = {
                "label": label if len(label) <= 80 else label[:79] + "…",
                "stated": check.stated,
                "computed": check.computed,
            }
            self.findings.append(
                Finding(
                    stated.source,
                    "COUNT_SUM_MISMATCH",
                    Severity.ERROR,
                    {**args, "difference": EXACT.subtract(check.stated, check.computed)},
                    expected=check.computed,
                    actual=check.stated,
                )
            )

    # ---------------------------------------------------------------- role tables

    def _role_table(
        self, columns: list[Column], rows: list[TableRow], title: str, source: Source
    ) -> tuple[list[Item], Amount | None]:
        part = Group("", title, source, "part")
        stack = [part]
        amount_col = last_index(columns, "amount")
        if amount_col is None:
            amount_col = last_index(columns, "total")
        products: list[tuple[Entry, dict[str, Quantity], Quantity, PlacedRow]] = []
        counted: list[dict[int, Quantity]] = []  # the count cells of each data row, in order
        since = 0  # the rows after the last total row start here
        numbering = Numbering(_label_groups(rows))
        aside: Entry | Group | None = None  # the row a bare ``Trong đó:`` lists some parts of
        beside: dict[int, Cell] = {}  # the first figure of each column no role names after the amount
        for k, row in enumerate(rows):
            formula = (
                None
                if is_total_row(row)
                else formula_row(row, columns, self.block.shape, self.spans, self.context, self.findings)
            )
            if formula is not None:
                stack[-1].entries.append(Entry(*formula))
                self.found += len(formula[1].steps)
                continue
            placed = place(row, columns, self.block.shape, self.spans)
            if placed is None:
                continue
            _figures_beside(beside, row, placed, amount_col)
            label = placed.label.text if placed.label is not None else ""
            amount_cell = placed.cells.get(amount_col) if amount_col is not None else None
            is_total = TOTAL_LABEL.match(label) is not None or (not label and is_total_row(row))
            numbers = [c for i, c in placed.cells.items() if columns[i].role in NUMERIC_ROLES]
            if is_total and placed.number:
                # ``A | TỔNG THU NGÂN SÁCH | 5.450.000`` over ``I``, ``II``, then ``B | TỔNG CHI``:
                # a numbered total heading the rows below is the group of its block
                group = self._group_row(placed, columns, amount_col, _next_number(rows, k), numbering)
                if group is not None:
                    numbering.open(stack, group)
                    continue
            if is_total:
                self._count_column_totals(label or label_text(row.cells), placed, columns, counted, since)
                since = len(counted)
                last = all(is_total_row(r) or not label_text(r.cells) for r in rows[k + 1 :])
                self._total(stack, placed, amount_cell, columns, amount_col, last)
                continue
            if of_which(label) or (aside is not None and placed.number in ("", *_BULLETS)):
                # ``Trong đó: Quỹ lương`` under a row (or ``- Quỹ lương`` rows under a bare
                # ``Trong đó:``): some of its parts, no item beside it; none more than it
                aside = self._aside_part(stack, placed, amount_cell, columns, amount_col, aside)
                continue
            aside = None
            counted.append(self._count_cells(placed, columns))
            if not numbers and not placed.odd and not placed.loose:
                if not label:
                    continue
                src = placed.label.source if placed.label is not None else source
                numbering.open(stack, Group(placed.number, label, src, _style(placed.number)))
                continue
            group = self._group_row(placed, columns, amount_col, _next_number(rows, k), numbering)
            if group is not None:
                numbering.open(stack, group)
                continue
            numbering.item(stack, placed.number)
            self._data_row(stack[-1], placed, columns, amount_cell, products)
        settle_scales(products, self.findings)
        for at, cell in beside.items():
            args = {"column": columns[at].title[:60]}
            self.findings.append(
                Finding(cell.source, "TABLE_COLUMN_NOT_CHECKED", Severity.WARNING, args,
                        message_key="TABLE_COLUMN_NOT_CHECKED.beside")
            )  # fmt: skip
        self._comparisons(columns, rows)
        for group in reversed(stack):
            close_group(group, self.findings, self.last_total)
        return [build_item(e) for e in part.entries if keep(e)], part.stated

    def _comparisons(self, columns: list[Column], rows: list[TableRow]) -> None:
        """A note column comparing the amounts (``Số tiền | Tỷ lệ (%)``: each row's share of the
        total), checked as tables of figures by column check theirs (``ratios.py``); rows whose
        cells do not stand one under each header cell are not placed, and then neither is the column."""
        money = [i for i, c in enumerate(columns) if c.role in ("amount", "total")]
        compared = [
            i for i, c in enumerate(columns) if c.role == "note" and compares(c.title) and i > min(money, default=i)
        ]
        for at in compared:
            placed: list[tuple[RatioRow, Cell]] = []
            for row in rows:
                if len(row.cells) != len(columns) or at >= len(row.cells):
                    if any(kind(c.text) == "num" for c in row.cells[min(money) :]):
                        placed = []
                        break
                    continue
                cell = row.cells[at]
                if not cell.text.strip():
                    continue
                figures = {}
                for i in money:
                    q = read_quantity(row.cells[i].text, row.cells[i].source, "amount", None, self.english, [])
                    if q is not None:
                        figures[i] = q.value
                label = label_text(row.cells)
                placed.append((RatioRow(label, figures, is_total_row(row)), cell))
            money_name = column_money(columns[money[-1]], self.context)[0]
            unit = money_name.name if money_name is not None else ""
            check_comparison(at, columns[at].title, placed, money, unit, self.findings)

    def _aside_part(
        self,
        stack: list[Group],
        row: PlacedRow,
        amount_cell: Cell | None,
        columns: list[Column],
        amount_col: int | None,
        aside: Entry | Group | None,
    ) -> Entry | Group | None:
        """A row listing a part of the row above it (``Trong đó``): not added to the group, but
        reported when it states more than that row. Returns the row whose parts follow."""
        parent: Entry | Group = (
            aside if aside is not None else stack[-1].entries[-1] if stack[-1].entries else stack[-1]
        )
        whole = entry_dong(parent.item if isinstance(parent, Entry) else parent)
        if amount_cell is None or whole is None:
            return parent
        money, _ = column_money(columns[amount_col] if amount_col is not None else None, self.context)
        q = read_quantity(amount_cell.text, amount_cell.source, "amount", money, self.english, [])
        if q is None or q.money is None or q.percent:
            return parent
        part = shift(q.value, q.money.exponent)
        if part > whole:
            item = parent.item if isinstance(parent, Entry) else parent
            scaled = EXACT.scaleb(whole, -q.money.exponent)
            args = {
                "label": (row.label.text if row.label is not None else "")[:60],
                "part": q.value,
                "whole": scaled,
                "parent": (item.label if isinstance(item, CostLine) else item.title)[:60],
                "unit": q.money.name,
            }
            self.findings.append(
                Finding(q.source, "TABLE_PART_EXCEEDS_WHOLE", Severity.ERROR, args, expected=scaled, actual=q.value)
            )
        return parent

    def _group_row(
        self,
        row: PlacedRow,
        columns: list[Column],
        amount_col: int | None,
        following: str,
        numbering: Numbering,
    ) -> Group | None:
        """A group row with its own amount (``I | Chi hội nghị | | | 2.500.000``, often a
        ``=SUM`` of the rows below): a group whose stated amount its items must add up to."""
        if row.odd or not row.label or not row.label.text:
            return None
        if row.cells:
            if amount_col is None or list(row.cells) != [amount_col]:
                return None
            cell = row.cells[amount_col]
        elif len(row.loose) == 1:
            cell = row.loose[0]
        else:
            return None
        if not numbering.heads(row.number, following):
            return None
        money, explicit = column_money(columns[amount_col] if amount_col is not None else None, self.context)
        read: list[Finding] = []
        q = read_quantity(cell.text, cell.source, "amount", money, self.english, read)
        if q is None or q.money is None or q.percent:
            return None
        self.findings.extend(read)
        self.found += 1
        stated = Amount(q.value, q.money, q.source)
        return Group(row.number, row.label.text, row.label.source, _style(row.number), stated=stated, explicit=explicit)

    def _count_cells(self, row: PlacedRow, columns: list[Column]) -> dict[int, Quantity]:
        """The row's figures in count columns (``Số lớp``, ``Số học sinh``)."""
        out = {}
        for i, cell in row.cells.items():
            if columns[i].role == "quantity":
                q = read_quantity(cell.text, cell.source, "quantity", None, self.english, [])
                if q is not None and not q.percent:
                    out[i] = q
        return out

    def _count_column_totals(
        self, label: str, row: PlacedRow, columns: list[Column], counted: list[dict[int, Quantity]], since: int
    ) -> None:
        """A total row writing a figure in a count column: the count of the rows it closes (those
        since the last total row, or all the rows above when that is what it adds up)."""
        for i, stated in self._count_cells(row, columns).items():
            recent = [r[i] for r in counted[since:] if i in r]
            every = [r[i] for r in counted if i in r]
            if not every:
                continue
            # the rows since the last total row, unless only all the rows above add up to it
            adds_up = total(q.value for q in recent) == stated.value
            parts = recent if recent and (adds_up or total(q.value for q in every) != stated.value) else every
            if total(q.value for q in parts) != stated.value and _counts_again(stated.value, [q.value for q in parts]):
                # the same pupils under several fees (``Tiền ăn`` 40 + 160, ``Nước uống`` 200): the
                # total row writes how many there are, no sum of the rows; not checked
                continue
            self.count_sum(f"{label} – {columns[i].title}", stated, parts)

    def _data_row(
        self,
        group: Group,
        row: PlacedRow,
        columns: list[Column],
        amount_cell: Cell | None,
        products: list[tuple[Entry, dict[str, Quantity], Quantity, PlacedRow]],
    ) -> None:
        label = row.label.text if row.label is not None else ""
        findings = self.findings
        if row.odd or row.loose:
            candidates = [c for c in [*row.loose] if kind(c.text) == "num"]
            target = amount_cell if amount_cell is not None else candidates[-1] if candidates else None
            for c in row.odd:
                if kind(c.text) == "glued":
                    findings.append(Finding(c.source, "TABLE_CELLS_GLUED", Severity.WARNING, {"text": c.text}))
            if target is None:
                return
            money, _ = column_money(None, self.context)
            q = read_quantity(target.text, target.source, "amount", money, self.english, findings)
            if q is None:
                return
            if len(row.loose) == 1 and not row.odd:
                group.entries.append(Entry(row.number, lump(label, q, row.number)))
                self.found += 1
                return
            reason = "range" if any(kind(c.text) == "range" for c in row.odd) else "missing"
            if any(kind(c.text) in ("mixed", "glued") for c in row.odd):
                reason = "unclear"
            self._unchecked_row(group, row.number, label, q, reason)
            return
        if amount_cell is None:
            if row.cells:  # figures but an empty amount cell: nothing to check them against
                first = row.cells[min(row.cells)]
                findings.append(Finding(first.source, "TABLE_ROW_NO_AMOUNT", Severity.WARNING, {"label": label[:60]}))
            return
        amount_col = next(i for i, c in row.cells.items() if c is amount_cell)
        money, explicit = column_money(columns[amount_col], self.context)
        stated = read_quantity(amount_cell.text, amount_cell.source, "amount", money, self.english, findings)
        if stated is None:
            return
        group.explicit = group.explicit and explicit
        factors: dict[str, Quantity] = {}
        per: Quantity | None = None
        spare = list(row.spare)  # figures no factor of the product takes
        for i, cell in row.cells.items():
            col = columns[i]
            if i == amount_col:
                continue
            if col.role == "per_amount":
                m, _ = column_money(col, self.context)
                per = read_quantity(cell.text, cell.source, "per_amount", m or money, self.english, findings)
                continue
            if col.role in factors:
                spare.append(cell)
            if col.role not in FACTORS or col.role in factors:
                continue
            m, _ = column_money(col, self.context) if col.role == "price" else (None, False)
            q = read_quantity(cell.text, cell.source, col.role, m, self.english, findings)
            if q is not None:
                factors[col.role] = q
        wanted = [c.role for c in columns if c.role in FACTORS]
        missing = [r for r in wanted if r not in factors]
        if not factors:
            group.entries.append(Entry(row.number, lump(label, stated, row.number)))
            self.found += 1
            return
        if missing:
            counted = _counted_quantity(label, row, columns, factors, per, stated, missing)
            if counted is not None:
                entry = Entry(row.number, counted)
                group.entries.append(entry)
                self.found += len(counted.steps)
                return
            blank = not row.odd and all(i not in row.cells for i, c in enumerate(columns) if c.role in missing)
            if (
                blank
                and len(factors) >= 2
                and evaluate_line(line := product_line(label, row, factors, [], per, stated)).ok
            ):
                # a factor column the row leaves empty (``Số ngày`` for a fee by session): the
                # product of the factors it writes, read only when that is its amount
                group.entries.append(Entry(row.number, line))
                self.found += len(line.steps)
                return
            self._unchecked_row(group, row.number, label, stated, "missing")
            return
        if set(factors) == {"rate"} and factors["rate"].percent:
            share = Share(label, row.label.source if row.label else stated.source, factors["rate"], stated)
            group.entries.append(Entry(row.number, lump(label, stated, row.number), share))
            self.found += 1
            return
        # a price per year is not multiplied by a number of months
        price = factors.get("price")
        duration = factors.get("duration")
        if price is not None and duration is not None:
            price_col = next(c for i, c in enumerate(columns) if c.role == "price" and i in row.cells)
            period = period_of(row.cells[columns.index(price_col)].text) or price_col.period
            dur_col = next(c for c in columns if c.role == "duration")
            dur_unit = dur_col.unit or ("thang" if "thang" in fold(dur_col.title) else "")
            if period == "nam" and fold(dur_unit) == "thang":
                del factors["duration"]
                findings.append(
                    Finding(duration.source, "TABLE_DURATION_NOT_APPLIED", Severity.INFO, {"text": duration.text})
                )
        line = product_line(label, row, factors, [], per, stated)
        if row.label is not None:
            line = self._label_terms(line, row, factors, per, stated)
        if spare and not evaluate_line(line).ok:
            counted = _counted_quantity(label, row, columns, factors, per, stated, [])
            if counted is None:
                counted = _other_column(label, row, columns, factors, per, stated, spare, self.english)
            if counted is None:
                self._unchecked_row(group, row.number, label, stated, "spare")
                return
            line = counted
        entry = Entry(row.number, line)
        group.entries.append(entry)
        self.found += len(line.steps)
        # a price whose unit neither the header nor its cell writes may be in nghìn đồng
        written = any(c.role == "price" and c.money is not None for c in columns)
        written = written or read_money(cell_rest(row, columns, "price"))[0] is not None
        if price is not None and not written and price.money is not None:
            products.append((entry, factors, stated, row))

    def _unchecked_row(self, group: Group, number: str, label: str, stated: Quantity, reason: str) -> None:
        """A row whose product cannot be read: its amount kept as a part of its group, and a
        warning that says why its product was not checked."""
        args = {"label": label[:60], "value": stated.value, "unit": stated.unit_text}
        self.findings.append(
            Finding(
                stated.source,
                "TABLE_ROW_NOT_CHECKED",
                Severity.WARNING,
                args,
                message_key=f"TABLE_ROW_NOT_CHECKED.{reason}",
            )
        )
        group.entries.append(Entry(number, lump(label, stated, number)))

    def _label_terms(
        self, line: CostLine, row: PlacedRow, factors: dict[str, Quantity], per: Quantity | None, stated: Quantity
    ) -> CostLine:
        """What a row's label writes beside its columns. A product of figures (``Nước uống (30
        người x 2 ngày)``) is a note on how a column was counted: never a factor; a warning when
        it equals none of the row's figures. A lone factor (``đóng 1/2``, ``x 2 buổi``) counts
        only when the row's amount is its columns' product times it, and not the columns' alone."""
        assert row.label is not None
        label, where = row.label.text, row.label.source
        figures = {q.value for q in factors.values()}
        for note in label_products(label, where):
            if note.value not in figures:
                args = {"text": note.text, "value": note.value, "figures": ", ".join(q.text for q in factors.values())}
                self.findings.append(Finding(note.source, "TABLE_LABEL_PRODUCT", Severity.WARNING, args))
        extra = label_multipliers(label, where, self.findings)
        if not extra or evaluate_line(line).ok:
            return line
        counted = product_line(label, row, factors, extra, per, stated)
        return counted if evaluate_line(counted).ok else line

    def _total(
        self,
        stack: list[Group],
        row: PlacedRow,
        amount_cell: Cell | None,
        columns: list[Column],
        amount_col: int | None,
        last: bool,
    ) -> None:
        """A ``Cộng`` row: the stated amount of the group it closes (the formula ``(1+2+3)`` says which rows)."""
        label = row.label.text if row.label is not None else ""
        cell = amount_cell
        if cell is None and row.loose:
            cell = row.loose[-1]
        amount: Amount | None = None
        explicit = True
        if cell is not None:
            money, explicit = column_money(columns[amount_col] if amount_col is not None else None, self.context)
            q = read_quantity(cell.text, cell.source, "amount", money, self.english, self.findings)
            if q is not None and q.money is not None:
                amount = Amount(q.value, q.money, q.source)
                self.found += 1
                self.last_total = amount
        where = row.label.source if row.label is not None else None
        close_with_total(stack, label, where, amount, explicit, self.findings, self.last_total, last)


def _figures_beside(beside: dict[int, Cell], row: TableRow, placed: PlacedRow, amount_col: int | None) -> None:
    """Figures in columns after the amount that the header gives no role (``Thành tiền | NS
    tỉnh | NS huyện``): no product or sum reads them, so their columns are said not checked
    (a wrong source figure beside a right product passed as KHỚP)."""
    if amount_col is None:
        return
    for cell in placed.spare:
        at = next((i for i, c in enumerate(row.cells) if c is cell), None)
        if at is not None and at > amount_col:
            beside.setdefault(at, cell)


def _counts_again(stated: Decimal, counts: Sequence[Decimal]) -> bool:
    """Is ``stated`` the count of one row, or the sum of a run of rows, among rows adding up to
    more (the same people counted again under another heading)?"""
    for start in range(len(counts)):
        run = Decimal(0)
        for value in counts[start:]:
            run += value
            if run == stated:
                return True
            if run > stated:
                break
    return False


def _other_column(
    label: str,
    row: PlacedRow,
    columns: list[Column],
    factors: dict[str, Quantity],
    per: Quantity | None,
    stated: Quantity,
    spare: Sequence[Cell],
    english: bool,
) -> CostLine | None:
    """A row with two columns of one factor's role (``Số lớp | Số học sinh``, both counts):
    the product with the other one in place of the first, read only when exactly one such
    choice gives the stated amount; otherwise None (the row is not fully read, never an error)."""
    at = {id(c): i for i, c in row.cells.items()}
    found = []
    for cell in spare:
        i = at.get(id(cell))
        role = columns[i].role if i is not None else ""
        if role not in factors:
            continue
        q = read_quantity(cell.text, cell.source, role, None, english, [])
        if q is None:
            continue
        line = product_line(label, row, {**factors, role: q}, [], per, stated)
        if evaluate_line(line).ok:
            found.append(line)
    return found[0] if len(found) == 1 else None


def _counted_quantity(
    label: str,
    row: PlacedRow,
    columns: list[Column],
    factors: dict[str, Quantity],
    per: Quantity | None,
    stated: Quantity,
    missing: Sequence[str],
) -> CostLine | None:
    """A row whose quantity column is counted from the columns before it (``Số điểm | Số mẫu |
    Số đợt | Số lượng | Đơn giá | Thành tiền``, the count columns filled or not): the amount is
    the quantity times the factors after it. Read so only when the factors before the quantity
    are the ones left out (figures or empty cells) and that product is the stated amount;
    otherwise the row is not fully read (None), never an error."""
    quantity_at = next((i for i, c in enumerate(columns) if c.role == "quantity"), None)
    if quantity_at is None or "quantity" not in factors:
        return None
    counts_before = [i for i in range(quantity_at) if columns[i].role in ("", *FACTORS)]
    if not counts_before:
        return None
    at: dict[str, int] = {}  # the column of each factor (the first, as the row reads it)
    for i, c in enumerate(columns):
        if c.role in FACTORS:
            at.setdefault(c.role, i)
    if any(at.get(r, quantity_at) > quantity_at for r in missing):
        return None
    kept = {r: q for r, q in factors.items() if r == "quantity" or at[r] > quantity_at}
    if kept == factors and not missing:
        return None
    line = product_line(label, row, kept, [], per, stated)
    return line if evaluate_line(line).ok else None


def _style(number: str) -> str:
    """The numbering sequence of a row (``label`` for a row without a number)."""
    return sequence_of(number) if number else "label"


def _label_groups(rows: Sequence[TableRow]) -> bool:
    """Does the numbering restart (``1``, ``a``) under two rows or more that have no number of
    their own? Then such rows are the table's groups, even unnumbered."""
    heads = 0
    for k, row in enumerate(rows):
        first = next((c.text.strip() for c in row.cells if c.text.strip()), "")
        if first and not is_marker(first) and not is_total_row(row) and starts_sequence(_next_number(rows, k)):
            heads += 1
    return heads >= 2


_BULLETS = ("-", "–", "+", "•", "*")


def _next_number(rows: Sequence[TableRow], k: int) -> str:
    """The row number of the row after ``rows[k]`` ("" when it has none or is a total); rows
    listing some parts of it (``Trong đó: ...``) are passed over."""
    k += 1
    while k < len(rows) and of_which(label_text(rows[k].cells)):
        k += 1
    if k >= len(rows):
        return ""
    row = rows[k]
    first = next((c.text.strip() for c in row.cells if c.text.strip()), "")
    if is_total_row(row) or not is_marker(first):
        return ""
    return first.rstrip(".)")
