"""A total column beside part columns whose blank cells leave no mark (``Tổng cộng | Nguồn
NS | Nguồn thỏa thuận`` over rows ``Học phí   50.000 50.000``), as a table aligned by spaces
reads once flattened to text: an empty cell is only a longer run of spaces, so which part
column a figure stands in is not known.

The sum across a row does not need it: the row's total is the sum of the part figures it
writes, whichever part columns hold them. So each row is read as its total (the first figure
when the header names the total before the parts, else the last) and its parts (the other
figures). A row writing more figures than the columns hold, or only one, is not read (a
warning). Like every sum of a table the rows vouch for the reading: two rows at least must add
up, and more than the rows that do not; otherwise the column is reported not checked, never
an error. A figure that is no grouped amount (``5``, maybe the label's) leaves a row that does
not add up unread, not wrong. A total row (``Cộng``) adds the columns down, which the unknown
columns of the parts do not allow: such a table is left to the other readers.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from budget import messages
from budget.findings import Finding, Severity
from budget.model import Amount, Item, Quantity, Section
from budget.numbers import total
from budget.tables.cells import BIG_NUMBER, TOTAL_LABEL, is_marker, label_text
from budget.tables.columns import NUMERIC_ROLES, Column
from budget.tables.groups import lump
from budget.tables.records import Cell, TableRow
from budget.tables.values import BlockReading, column_money, read_quantity
from budget.units import DONG

_FIGURE = re.compile(r"-?[0-9]{1,3}(?:([.,])[0-9]{3}(?:\1[0-9]{3})*)?|-?[0-9]+")
_MIN_AGREEING = 2  # rows that add up before the reading is trusted


def part_names(title: str) -> list[str]:
    """``Nguồn thu theo quy định Nguồn thu theo thỏa thuận`` → the two names (cut before each
    repeat of the first word); one name when no word repeats."""
    words = title.split()
    if not words:
        return []
    cuts = [i for i, w in enumerate(words) if w == words[0]]
    return [" ".join(words[a:b]) for a, b in zip(cuts, [*cuts[1:], len(words)], strict=True)]


def _layout(columns: Sequence[Column]) -> tuple[bool, list[str]] | None:
    """(the total stands before the parts, the parts' names) of a header whose figures are one
    total column and one run of part columns named together; None for any other header."""
    numeric = [c for c in columns if c.role in NUMERIC_ROLES]
    roles = [c.role for c in numeric]
    if sorted(roles) != ["category", "total"]:
        return None
    names = part_names(next(c.title for c in numeric if c.role == "category"))
    if len(names) < 2:
        return None
    return roles[0] == "total", names


def _trailing_figures(cells: Sequence[Cell]) -> tuple[list[Cell], str]:
    """The figures that end a row, in order, and the label before them (a row number dropped)."""
    written = [c for c in cells if c.text.strip()]
    if written and is_marker(written[0].text) and len(written) > 1:
        written = written[1:]
    k = len(written)
    while k > 0 and _FIGURE.fullmatch(written[k - 1].text.strip()) is not None:
        k -= 1
    label = " ".join(c.text.strip() for c in written[:k])
    return written[k:], label


@dataclass(frozen=True)
class _Across:
    """One row read across: its label, its total, its parts, all its figures grouped amounts."""

    label: str
    stated: Quantity
    parts: tuple[Quantity, ...]
    grouped: bool

    @property
    def adds_up(self) -> bool:
        return self.stated.value == total(q.value for q in self.parts)


class RowTotals:
    """Reads the rows of such a table as sums across them; ``items`` is empty when the table is
    not of this form."""

    def __init__(self, reader: BlockReading, columns: list[Column], rows: list[TableRow]):
        self.reader = reader
        self.columns = columns
        self.rows = rows

    def items(self) -> list[Item]:
        layout = _layout(self.columns)
        if layout is None or any(TOTAL_LABEL.match(label_text(r.cells)) for r in self.rows):
            return []
        total_first, names = layout
        read: list[_Across] = []
        unread: list[tuple[str, Cell]] = []  # a row's label and its last figure
        for row in self.rows:
            figures, label = _trailing_figures(row.cells)
            if not figures:
                continue
            quantities = [self._quantity(c) for c in figures]
            qs = [q for q in quantities if q is not None]
            if not 2 <= len(figures) <= len(names) + 1 or len(qs) < len(figures):
                unread.append((label, figures[-1]))
                continue
            stated, parts = (qs[0], qs[1:]) if total_first else (qs[-1], qs[:-1])
            grouped = all(BIG_NUMBER.fullmatch(c.text.strip()) for c in figures)
            read.append(_Across(label, stated, tuple(parts), grouped))
        agree = sum(1 for a in read if a.adds_up)
        if agree < _MIN_AGREEING or agree <= len(read) - agree:
            first = read[0].stated.source if read else unread[0][1].source if unread else None
            if first is not None:
                args = {"column": self._total_title()[:60]}
                self.reader.findings.append(Finding(first, "TABLE_COLUMN_NOT_CHECKED", Severity.WARNING, args))
            return []
        either = messages.render("TABLE_VIEW.either", {"names": " / ".join(names)})
        sections: list[Item] = []
        for a in read:
            if not a.adds_up and not a.grouped:
                self._unread_row(a.label, a.stated)  # a small figure may be the label's
                continue
            money = a.stated.money or DONG
            where = a.stated.source._replace(col=None, pos=None)
            amount = Amount(a.stated.value, money, a.stated.source)
            sections.append(Section("", a.label[:120], where, amount, tuple(lump(either, q) for q in a.parts)))
            self.reader.found += 1
        for label, cell in unread:
            q = self._quantity(cell)
            if q is not None:
                self._unread_row(label, q)
        title = f"{self._total_title()} = " + " + ".join(names)
        return [Section("", title[:120], sections[0].source, None, tuple(sections), alternatives=True)]

    def _total_title(self) -> str:
        return next(c.title for c in self.columns if c.role == "total")

    def _quantity(self, cell: Cell) -> Quantity | None:
        money, _ = column_money(None, self.reader.context)
        r = self.reader
        return read_quantity(cell.text, cell.source, "total", money, r.english, r.findings)

    def _unread_row(self, label: str, stated: Quantity) -> None:
        args = {"label": label[:60], "value": stated.value, "unit": stated.unit_text}
        self.reader.findings.append(
            Finding(
                stated.source,
                "TABLE_ROW_NOT_CHECKED",
                Severity.WARNING,
                args,
                message_key="TABLE_ROW_NOT_CHECKED.across",
            )
        )
