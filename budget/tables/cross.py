"""Cross tables: categories as columns (``Khối NT | Khối 3 tuổi | ... | Tổng cộng``), groups of
rows for counts and for money. A money cell is count × rate × months × what the label says;
the total column adds each row and the total row each column; counts are ``CountSum``s.
"""

from __future__ import annotations

import itertools
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from budget import messages
from budget.findings import Finding, Severity
from budget.model import Amount, CostLine, Item, Quantity, Section, Step
from budget.numbers import EXACT, total
from budget.source import Source
from budget.tables.cells import TOTAL_LABEL, is_marker, joined, kind, marker_style
from budget.tables.columns import Column, roles_in
from budget.tables.groups import lump
from budget.tables.records import Cell, TableRow
from budget.tables.values import BlockReading, column_money, label_factors, read_quantity
from budget.text import fold
from budget.units import DONG


@dataclass
class _MatrixGroup:
    """A group of rows of a cross table: its title row (with the rate of each column, if it gives
    them), its money rows and its total row."""

    title: str
    cell: Cell | None
    number: str
    price: list[Quantity] | None
    rows: list[tuple[Cell, list[Quantity]]] = field(default_factory=list)
    totals: list[Quantity] | None = None


class CrossTable:
    """A cross table: categories as columns (``Khối NT | Khối 3 tuổi | ... | Tổng cộng``), groups of
    rows for counts (``I. Số học sinh``) and money (``II. Dự toán thu``, with its rate row). A money
    cell is the count of the row with the same label × the rate of its column × the months said
    above the table × what the label says (``đóng 1/2``); the total column adds each row, the
    total row each column."""

    def __init__(self, reader: BlockReading, columns: list[Column], rows: list[TableRow]):
        self.reader = reader
        self.rows = rows
        self.has_total = any(c.role == "total" for c in columns)
        placed = [self._split(r) for r in rows]
        counts = Counter(len(v) for _label, _number, v, _r in placed if len(v) >= 2)
        self.width = counts.most_common(1)[0][0] if counts else 0
        self.placed = placed
        cats = [c for c in columns if c.role == "category"]
        self.names = _category_names(cats[0].title if cats else "", self.width - (1 if self.has_total else 0))

    @staticmethod
    def _split(row: TableRow) -> tuple[Cell | None, str, list[Cell], TableRow]:
        cells = [c for c in row.cells if c.text]
        number = ""
        if cells and is_marker(cells[0].text) and len(cells) > 1 and kind(cells[1].text) == "text":
            number = cells[0].text
            cells = cells[1:]
        label: Cell | None = None
        values: list[Cell] = []
        for c in cells:
            k = kind(c.text)
            if k == "text" and not values:
                label = c if label is None else joined([label, c])
            elif k in ("num", "frac"):
                values.append(c)
            else:
                values.append(c)
        return label, number, values, row

    def items(self) -> list[Item]:
        if self.width < 2:
            return []
        r = self.reader
        counts: dict[str, list[Quantity]] = {}
        groups: list[_MatrixGroup] = []
        kind_of_group = ""
        full: list[tuple[str, list[Quantity]]] = []  # the count rows of the group, each column written
        short: list[tuple[str, list[Quantity]]] = []  # count rows writing fewer figures than columns
        for label, number, values, _row in self.placed:
            # numbers cut from the label at a single space beyond the columns are the label's (``đóng 1/2``)
            while len(values) > self.width and values[0].split and label is not None:
                label = joined([label, values[0]])
                values = values[1:]
            text = label.text if label is not None else ""
            roles = {m.role for m in roles_in(text)}
            is_total = TOTAL_LABEL.match(text) is not None
            if (number and marker_style(number) in ("roman", "upper")) or (not values and not is_total):
                kind_of_group = "money" if "amount" in roles else "count" if "quantity" in roles else ""
                price = None
                if len(values) == self.width and "price" in roles and all(kind(v.text) == "num" for v in values):
                    price = self._numbers(values, "price")
                groups.append(_MatrixGroup(text, label, number.strip().rstrip("."), price))
                full, short = [], []
                continue
            numbers = bool(values) and all(kind(v.text) == "num" for v in values)
            if kind_of_group == "count" and numbers and groups and not is_total and len(values) < self.width:
                quantities = self._numbers(values, "quantity")
                if quantities is not None:
                    short.append((text, quantities))
                continue
            if len(values) != self.width or not numbers or not groups:
                continue
            if kind_of_group == "count":
                quantities = self._numbers(values, "quantity")
                if quantities is None:
                    continue
                if is_total:
                    self._count_totals(text, quantities, full, short)
                else:
                    counts[fold(text).strip()] = quantities
                    full.append((text, quantities))
                    if self.has_total:
                        self.reader.count_sum(f"{text} – {self._name(self.width - 1)}", quantities[-1], quantities[:-1])
                continue
            qs = self._numbers(values, "amount") if kind_of_group == "money" else None
            if qs is None:
                continue
            if is_total:
                groups[-1].totals = qs
                r.last_total = Amount(qs[-1].value, qs[-1].money or DONG, qs[-1].source)
            else:
                groups[-1].rows.append((label if label is not None else values[0], qs))
        return [self._group(g, counts) for g in groups if g.rows]

    def _count_totals(
        self,
        label: str,
        totals: list[Quantity],
        full: list[tuple[str, list[Quantity]]],
        short: list[tuple[str, list[Quantity]]],
    ) -> None:
        """The total row of a count group: each column against the rows above it.

        A row writing fewer figures than there are columns (``Học sinh miễn 1 1``) does not say
        which columns they stand in: with a total column its last figure is its total (when
        the others add up to it); its other figures are placed where most column totals agree,
        and a note says where."""
        ncat = self.width - (1 if self.has_total else 0)
        pieces: list[tuple[str, list[Decimal], Decimal, Source]] = []  # label, figures to place, row total, where
        for text, qs in short:
            own = self.has_total and len(qs) >= 2 and total(q.value for q in qs[:-1]) == qs[-1].value
            figures = [q.value for q in (qs[:-1] if own else qs)][:ncat]
            if own:
                self.reader.count_sum(f"{text} – {self._name(self.width - 1)}", qs[-1], qs[:-1])
            pieces.append((text, figures, qs[-1].value if own else total(figures), qs[0].source))
        placed = _place_counts(
            [t.value for t in totals[:ncat]],
            [total(q[c].value for _t, q in full) for c in range(ncat)],
            [f for _t, f, _o, _s in pieces],
        )
        for c in range(ncat):
            extra = [
                f
                for (_t, figures, _o, _s), cols in zip(pieces, placed.columns, strict=True)
                for f, at in zip(figures, cols, strict=True)
                if at == c
            ]
            self.reader.count_sum(f"{label} – {self._name(c)}", totals[c], [*(q[c] for _t, q in full), *extra])
        if self.has_total:
            self.reader.count_sum(
                f"{label} – {self._name(self.width - 1)}",
                totals[-1],
                [*(q[-1] for _t, q in full), *(own for _t, _f, own, _s in pieces)],
            )
        for (text, figures, _own, source), cols in zip(pieces, placed.columns, strict=True):
            if not figures:
                continue
            where = ", ".join(self._name(c) for c in cols)
            self.reader.findings.append(
                Finding(
                    source,
                    "TABLE_COUNT_PLACED",
                    Severity.INFO,
                    {"label": text[:60], "count": len(figures), "columns": where},
                    message_key=f"TABLE_COUNT_PLACED.{placed.how}",
                )
            )

    def _numbers(self, values: list[Cell], role: str) -> list[Quantity] | None:
        """The row's figures, or None when one of them is no number after all."""
        r = self.reader
        money, _ = column_money(None, r.context)
        out = []
        for v in values:
            q = read_quantity(v.text, v.source, role, money, r.english, r.findings)
            if q is None:
                return None
            out.append(q)
        return out

    def _group(self, g: _MatrixGroup, counts: dict[str, list[Quantity]]) -> Section:
        r = self.reader
        title, cell, number, rows, price, totals = g.title, g.cell, g.number, g.rows, g.price, g.totals
        source = (cell.source if cell is not None else rows[0][0].source)._replace(col=None, pos=None)
        context_price = r.context.factor("price")
        duration = r.context.factor("duration")
        ncat = self.width - (1 if self.has_total else 0)
        row_items: list[Item] = []
        for label, values in rows:
            key = fold(label.text).strip()
            count = counts.get(key)
            extra = label_factors(label.text, label.source, r.findings)
            lines: list[Item] = []
            for c, stated in enumerate(values):
                rate = price[c] if price is not None else context_price
                if count is None or rate is None:
                    lines.append(lump(f"{label.text} – {self._name(c)}", stated))
                    r.found += 1
                    continue
                factors = (count[c], rate, *([duration] if duration is not None else []), *extra)
                lines.append(CostLine(label.source, f"{label.text} – {self._name(c)}", (Step(factors, stated),)))
                r.found += 1
            if self.has_total:
                cells, whole = lines[:ncat], lines[ncat]
                stated_total = values[ncat]
                amount = Amount(stated_total.value, stated_total.money or DONG, stated_total.source)
                if isinstance(whole, CostLine):
                    by_cols = Section("", label.text, label.source._replace(col=None, pos=None), amount, tuple(cells))
                    row_items.append(
                        Section("", label.text, by_cols.source, amount, (by_cols, whole), alternatives=True)
                    )
                else:
                    row_items.append(
                        Section("", label.text, label.source._replace(col=None, pos=None), amount, tuple(cells))
                    )
            else:
                row_items.append(Section("", label.text, label.source._replace(col=None, pos=None), None, tuple(lines)))
        if totals is None:
            return Section(number, title, source, None, tuple(row_items))
        r.found += len(totals)
        column_items: list[Item] = []
        for c in range(ncat):
            t = totals[c]
            parts = tuple(lump(label.text, values[c]) for label, values in rows)
            column_items.append(
                Section(
                    "",
                    self._name(c),
                    t.source._replace(col=None, pos=None),
                    Amount(t.value, t.money or DONG, t.source),
                    parts,
                )
            )
        if not self.has_total:
            return Section(number, title, source, None, (*row_items, *column_items))
        grand_q = totals[ncat]
        grand = Amount(grand_q.value, grand_q.money or DONG, grand_q.source)
        by_rows = Section("", messages.render("TABLE_VIEW.rows", {"title": title}), source, grand, tuple(row_items))
        by_columns = Section(
            "", messages.render("TABLE_VIEW.columns", {"title": title}), source, grand, tuple(column_items)
        )
        return Section(number, title, source, grand, (by_rows, by_columns), alternatives=True)

    def _name(self, c: int) -> str:
        return self.names[c] if c < len(self.names) else messages.render("TABLE_VIEW.total_column", {})


@dataclass(frozen=True)
class _Placement:
    columns: list[tuple[int, ...]]  # for each short row, the column of each of its figures
    how: str  # "only": the one placement under which every column total agrees; "best": most agree


_MAX_PLACEMENTS = 500


def _place_counts(stated: list[Decimal], summed: list[Decimal], rows: list[list[Decimal]]) -> _Placement:
    """Columns for the figures of rows shorter than the table (in their written order): the
    placement under which most column totals agree, the first such one in reading order."""
    n = len(stated)
    choices = [list(itertools.combinations(range(n), len(r))) for r in rows]
    best: tuple[tuple[int, ...], ...] | None = None
    best_score = -1
    agreeing = 0
    for k, combo in enumerate(itertools.product(*choices)):
        if k >= _MAX_PLACEMENTS:
            break
        sums = list(summed)
        for figures, cols in zip(rows, combo, strict=True):
            for f, c in zip(figures, cols, strict=True):
                sums[c] = EXACT.add(sums[c], f)
        score = sum(1 for a, b in zip(sums, stated, strict=True) if a == b)
        agreeing += score == n
        if score > best_score:
            best, best_score = combo, score
    columns: list[tuple[int, ...]] = list(best) if best is not None else [() for _ in rows]
    return _Placement(columns, "only" if agreeing == 1 and best_score == n else "best")


def _category_names(text: str, count: int) -> list[str]:
    """``Khối NT Khối 3 tuổi Khối 4 tuổi`` → three names (cut before each repeat of the first word)."""
    if count <= 0:
        return []
    words = text.split()
    if words:
        cuts = [i for i, w in enumerate(words) if w == words[0]]
        if len(cuts) == count:
            return [" ".join(words[a:b]) for a, b in itertools.pairwise([*cuts, len(words)])]
    return [messages.render("TABLE_VIEW.column", {"n": i + 1}) for i in range(count)]
