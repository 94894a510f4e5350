"""Tables of figures by column (a budget resolution's revenue or spending by year: ``STT | Nội
dung | Dự toán 2025 | Ước thực hiện | Năm 2026 ...``): the row numbers (``I``, ``1``, ``1.1``,
``- Thuế GTGT``) make a tree, and in every column of figures each row with rows under it is
the sum of them, the total row (``TỔNG THU (I+II+III)``) the sum of the rows it names.

Trust comes from the columns agreeing with each other. A row that adds up in no column is
not a sum the reader can vouch for (a partial list without ``Trong đó``, a second breakdown,
a tree read wrongly): it is reported not checked, never an error. A column where most rows
do not add up is no column of sums (prices, rates, indices): it is not checked. Only a row
that adds up in another column, in a column of sums, is an error where it does not.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from decimal import Decimal

from budget.findings import Finding, Severity
from budget.model import Amount, Item, Quantity, Section
from budget.numbers import total
from budget.source import Source
from budget.tables.cells import TOTAL_LABEL, is_marker, is_total_row, kind, numeric_count, sequence_of
from budget.tables.columns import GROUP_MARK, column_role, scale_in
from budget.tables.groups import formula_parts, lump, rank_sequence
from budget.tables.records import Cell, TableRow
from budget.tables.values import BlockReading, read_quantity
from budget.text import fold
from budget.units import DONG, Money

_BULLETS = "-–+•*"
_DASHES = ("-", "–", "—")  # a cell that writes nothing in a column of figures
_COMMA_GROUPS = re.compile(r"-?[0-9]{1,3}(?:,[0-9]{3})+")  # ``37,423``, ``1,642,409``
_PARTIAL = ("trong do", "trong so", "bao gom", "gom co")  # a list of some parts only
_RATE_ROW = ("ty le", "ti le", "toc do", "chi so", "so sanh")  # a row of rates is no part of a sum
_BY_WAY = ("theo ", "phan theo ", "chia theo ")  # ``Theo nguồn vay``: one breakdown of several
_NOT_SUMMED = ("%", "ty le", "ti le", "so sanh", "toc do", "tang giam", "binh quan", "chi so")


@dataclass
class _Row:
    number: str
    style: str
    label: str
    label_cell: Cell
    values: dict[int, Cell]  # figure column → cell written with a figure
    total: bool
    partial: bool
    cells: tuple[Cell, ...] = ()  # the whole row, for the sums across it
    children: list[_Row] = field(default_factory=list)
    # a total row whose label names its parts (``(I+II+III)``): every row it could close, in
    # case the figures add up over all of them and the label named too few
    all_parts: list[_Row] = field(default_factory=list)
    partial_children: bool = False


def figure_columns(rows: list[TableRow], start: int = 2, sparse: bool = False) -> tuple[int, list[int]]:
    """(the width of the rows of figures, the positions holding figures in most of them; with
    ``sparse``, in any of them when the others leave it empty)."""
    least = 1 if sparse else 2  # figures a row of the table's full width writes at least
    widths = Counter(len(r.cells) for r in rows if sum(1 for c in r.cells if kind(c.text) == "num") >= least)
    if not widths:
        return 0, []
    width = widths.most_common(1)[0][0]
    full = [r for r in rows if len(r.cells) == width]
    out = []
    for p in range(start, width):
        written = [r.cells[p].text for r in full if kind(r.cells[p].text) == "num"]
        # a column of percentages (rates, shares, growth) is no column of amounts
        if sum(1 for t in written if "%" in t) * 2 >= len(written):
            continue
        words = any(kind(r.cells[p].text) == "text" and r.cells[p].text.strip() not in _DASHES for r in full)
        if len(written) * 2 >= len(full) or (sparse and not words):
            out.append(p)
    return width, out


# a column's number under a header: ``A``, ``B``, ``3``, ``(4)``, ``5=3+4``, ``6=4/3``
_COLUMN_NUMBER = re.compile(r"[A-ZĐ]{1,2}|\(?[0-9]{1,2}\)?|[0-9]{1,2}\s*=\s*[0-9()+\-*/x:\s]{1,30}")


def is_column_numbers(row: TableRow) -> bool:
    """The row under a header that numbers its columns: ``A | B | 1 | 2 | 3=1+2 ...``."""
    texts = [c.text.strip() for c in row.cells if c.text.strip()]
    return len(texts) >= 3 and all(_COLUMN_NUMBER.fullmatch(t) for t in texts)


def spanned(rows: list[TableRow], width: int, sparse: bool = False) -> list[TableRow]:
    """Rows whose first cells span down from the row above, written with fewer cells (``1 | Bộ
    A | Tổng | 7 | 3`` then ``Đã thực hiện | 2 | 1`` under it), given empty cells in front so
    their figures stand in their columns. Only when that leaves no doubt: the rows ``width``
    wide put figures in the same columns, and the short row, aligned to the right, puts words
    only where they write words and figures only where they write figures; any other short row
    is left as it is (reported not checked). ``sparse``: rows of one figure count too, and a
    column of figures may be written in few of them (a ledger's)."""
    full = [r for r in rows if len(r.cells) == width and numeric_count(r.cells) >= (1 if sparse else 2)]
    _, columns = figure_columns(full, 1 if sparse else 2, sparse) if len(full) >= (1 if sparse else 2) else (0, [])
    if not columns:
        return rows
    first = min(columns)
    out = []
    for r in rows:
        pad = width - len(r.cells)
        if 0 < pad <= first and numeric_count(r.cells) and _fits(r.cells, pad, first, set(columns)):
            blank = Cell("", r.cells[0].source.at(None))
            r = replace(r, cells=(*(blank,) * pad, *r.cells))
        out.append(r)
    return out


def _fits(cells: tuple[Cell, ...], pad: int, first: int, columns: set[int]) -> bool:
    if kind(cells[0].text) != "text":
        return False  # a short row opens with its label, never with a figure or a gap
    for k, cell in enumerate(cells):
        p, what = k + pad, kind(cell.text)
        if p < first and what in ("num", "frac", "range"):
            return False
        if p in columns and what not in ("num", "empty") and cell.text.strip() not in ("-", "–", "—"):
            return False
    return True


class ColumnSums:
    """The sums of each column of figures of a table, as a tree of sections per column."""

    def __init__(
        self, reader: BlockReading, rows: list[TableRow], titles: list[str], source: Source, ledger: bool = False
    ):
        """``ledger``: a table of names and figures closed by one total row (``ledger.py``): its
        figures may start in its second column, and its total row, once trusted, totals every
        column it writes in."""
        self.reader = reader
        self.source = source
        self.ledger = ledger
        numbers = next((r for r in rows if is_column_numbers(r)), None)
        data = [r for r in rows if r is not numbers]
        if titles and any(len(r.cells) < len(titles) for r in data):
            data = spanned(data, len(titles), ledger)
        self.width, self.columns = figure_columns(data, 1 if ledger else 2, ledger)
        self.titles = titles
        if numbers is not None and len(numbers.cells) == self.width:
            derived = {p for p in self.columns if set("=/x*%") & set(numbers.cells[p].text)}
            self.columns = [p for p in self.columns if p not in derived]
        # columns that add into no total: derived ones (``4=3/2``), rates, shares, notes
        self.not_summed = set(derived) if numbers is not None and len(numbers.cells) == self.width else set()
        self.not_summed |= {
            p for p in range(self.width) if any(w in fold(self._title(p)) for w in (*_NOT_SUMMED, "ghi chu"))
        }
        self.columns = [p for p in self.columns if p not in self.not_summed]
        self.rows = [r for r in (self._row(t) for t in data) if r is not None]
        if len(self.rows) >= 3:
            last, before = self.rows[-1], self.rows[-2]
            # the last row, numbered on from the rows above it (``37 | Tổng cộng`` after 36 of
            # them), is their total all the same
            if last.number and TOTAL_LABEL.match(last.label) and last.style == before.style:
                last.total = True
        self.across_used: set[int] = set()
        self._grouping: bool | None = None
        placed = self._placed_total(data) if ledger else None
        if placed is not None:
            row = self._row(placed[1])
            if row is not None:
                self.rows.append(row)
                data = [t for t in data if t is not placed[0]]
        self.odd = [t for t in data if len(t.cells) != self.width and any(kind(c.text) == "num" for c in t.cells)]

    def _placed_total(self, data: list[TableRow]) -> tuple[TableRow, TableRow] | None:
        """A ledger's last row, a total with fewer figures than columns (its empty cells lost,
        one cell per line): (that row, the row with its figures in their columns) when exactly
        one way of putting them in columns, in order, makes every figure its column's sum; None
        when no way or several do (which column each figure totals is then not known)."""
        if not data or len(data[-1].cells) >= self.width or not is_total_row(data[-1]):
            return None
        row = data[-1]
        figures = row.cells[1:]
        if not figures or any(kind(c.text) != "num" for c in figures):
            return None
        sums: dict[int, Decimal] = {}
        for p in self.columns:
            parts = [r.cells[p] for r in self.rows]
            values = [self._value(c) for c in parts if c.text.strip() not in ("", *_DASHES)]
            if all(v is not None for v in values):
                sums[p] = total(v for v in values if v is not None)
        stated = [self._value(c) for c in figures]
        fits = [
            places
            for places in itertools.combinations(self.columns, len(figures))
            if all(p in sums and sums[p] == v for p, v in zip(places, stated, strict=True))
        ]
        if len(fits) != 1:
            return None
        blank = Cell("", row.cells[0].source.at(None))
        cells = [row.cells[0], *([blank] * (self.width - 1))]
        for p, cell in zip(fits[0], figures, strict=True):
            cells[p] = cell
        return row, replace(row, cells=tuple(cells))

    def qualifies(self) -> bool:
        return len(self.columns) >= (1 if self.ledger else 2) and len(self.rows) >= 2

    def _title(self, p: int) -> str:
        return self.titles[p] if p < len(self.titles) and self.titles[p] else f"cột {p + 1}"

    def _row(self, t: TableRow) -> _Row | None:
        if len(t.cells) != self.width:
            return None
        first = t.cells[0].text.strip()
        number = first.rstrip(".)") if first and is_marker(first) else ""
        label_cell = next((c for c in t.cells[1 if number else 0 :] if c.text.strip()), None)
        if self.ledger:
            # rows of names, all alike (``A``, ``B`` are names, not row numbers): the first words
            number = ""
            label_cell = next((c for c in t.cells if kind(c.text) == "text" and c.text.strip() not in _DASHES), None)
            if label_cell is None and t.cells[0].text.strip() and 0 not in self.columns:
                label_cell = t.cells[0]  # a row labelled by a figure of its own: its year (``2006``)
        if label_cell is None or (kind(label_cell.text) == "num" and label_cell is not t.cells[0]):
            return None
        label = label_cell.text.strip()
        values = {p: t.cells[p] for p in self.columns if kind(t.cells[p].text) == "num" and "%" not in t.cells[p].text}
        style = sequence_of(number) if number else f"lead{label[0]}" if label[0] in _BULLETS else "label"
        if fold(label.lstrip(_BULLETS + " ")).startswith(_RATE_ROW):
            return None  # a rate among the rows of sums (``Tỷ lệ dư nợ so với mức tối đa (%)``)
        partial = fold(label.lstrip(_BULLETS + " ")).startswith(_PARTIAL)
        # a total row with a number of its own (``A TỔNG CHI``) stands where its number puts it
        is_total = TOTAL_LABEL.match(label) is not None and not number
        return _Row(number, style, label, label_cell, values, is_total, partial, t.cells)

    # ------------------------------------------------------------------ the tree

    def _tree(self) -> list[_Row]:
        """The rows as a tree by their numbers: the top rows (a total row holds what it adds)."""
        top: list[_Row] = []
        stack: list[_Row] = []
        ranks: list[str] = []
        pending_total: _Row | None = None
        for row in self.rows:
            if row.total:
                named = formula_parts(row.label)
                if stack or top:  # a total under the rows it closes
                    row.children = [r for r in top if not named or r.number in named]
                    row.all_parts = list(top) if named else []
                    top = [r for r in top if r not in row.children]
                    top.append(row)
                    stack = []
                else:
                    pending_total = row
                    top.append(row)
                continue
            if row.style not in ranks:
                rank_sequence(ranks, row.style)
                if "label" in ranks:  # a row with no number is a detail: never above a numbered row
                    ranks.remove("label")
                    ranks.append("label")
            while stack and ranks.index(stack[-1].style) >= ranks.index(row.style):
                stack.pop()
            if row.partial and stack:
                stack[-1].partial_children = True
            parent = stack[-1].children if stack else top
            parent.append(row)
            stack.append(row)
        if pending_total is not None:
            named = formula_parts(pending_total.label)
            rest = [r for r in top if r is not pending_total]
            pending_total.children = [r for r in rest if not named or r.number in named]
            pending_total.all_parts = list(rest) if named else []
            top = [pending_total, *[r for r in rest if r not in pending_total.children]]
        self._named_too_few(top)
        _block_totals(top)
        _each_way(top)
        return top

    def _named_too_few(self, top: list[_Row]) -> None:
        """A total whose label names some parts (``TỔNG THU (I+II+III)``) but whose figures add up,
        in every column, over all the rows it could close (I to VI) and in none over those
        named: the label named too few; the figures, agreeing column after column, decide."""
        for t in top:
            if not t.all_parts or len(t.all_parts) == len(t.children):
                continue
            named = t.children
            t.children = t.all_parts
            wide = [self._miss(t, p) for p in self.columns]
            t.children = named
            narrow = [self._miss(t, p) for p in self.columns]
            if sum(1 for m in wide if m == 0) >= 2 and all(m in (None, 0) for m in wide) and 0 not in narrow:
                t.children = t.all_parts
                top[:] = [r for r in top if r is t or r not in t.all_parts]

    # ------------------------------------------------------------------ checking

    def items(self) -> list[Item]:
        tree = self._tree()
        groups = [g for g in _walk(tree) if g.children and not g.partial_children]
        # each row's sum in each column: True (adds up), False (does not), absent (not checkable)
        verdicts: dict[int, dict[int, bool]] = {}
        for g in groups:
            for p in self.columns:
                ok = self._adds_up(g, p)
                if ok is not None:
                    verdicts.setdefault(id(g), {})[p] = ok
        # a column of sums: rows of two parts or more add up in it, and the rows that do not are
        # few enough for typos (one wrong figure fails its own row and the row above)
        sums_column = {}
        misses: dict[int, set[Decimal]] = {}
        for p in self.columns:
            evidence = sum(1 for g in groups if verdicts.get(id(g), {}).get(p) and self._parts(g, p) >= 2)
            misses[p] = {abs(d) for g in groups for d in [self._miss(g, p)] if d}
            fails = sum(1 for v in verdicts.values() if v.get(p) is False)
            sums_column[p] = evidence >= 1 and fails <= 2 * evidence
        # a column that no row adds up in is still one of sums beside other such columns when its
        # one or two misses are by the same amount: one figure written wrong, as a typo leaves it
        others = any(sums_column.values())
        for p in self.columns:
            fails = sum(1 for v in verdicts.values() if v.get(p) is False)
            if not sums_column[p] and others and 1 <= fails <= 2 and len(misses[p]) == 1:
                sums_column[p] = True
        # a row is vouched for by adding up in all its columns, or in a column of sums from two parts
        # or more (one part restating its row proves nothing about the others)
        trusted = {
            id(g)
            for g in groups
            for v in [verdicts.get(id(g), {})]
            if v and (all(v.values()) or any(ok and sums_column[p] and self._parts(g, p) >= 2 for p, ok in v.items()))
        }
        if self.ledger:
            # one total row over rows of names, nothing between (``ledger.py``): no tree to read
            # wrongly, so it totals every column it writes in (one row's figure as much as several)
            trusted |= {id(g) for g in groups if g.total and not g.partial_children}
            for p in self.columns:
                sums_column[p] = sums_column[p] or any(p in verdicts.get(id(g), {}) for g in groups if id(g) in trusted)
        # a ledger's part that is no figure leaves its total unread (other tables: see _miss)
        unread = _unread_parts(groups, self.columns) if self.ledger else {}
        findings = self.reader.findings
        for g in groups:
            v = verdicts.get(id(g), {})
            if id(g) not in trusted and any(not ok for ok in v.values()):
                cell = next(iter(g.values.values()), g.label_cell)
                findings.append(
                    Finding(cell.source, "TABLE_SUM_NOT_CHECKED", Severity.WARNING, {"label": g.label[:60]})
                )
        for t in self.odd:
            first = next((c for c in t.cells if c.text.strip()), t.cells[0])
            findings.append(
                Finding(
                    first.source,
                    "TABLE_SUM_NOT_CHECKED",
                    Severity.WARNING,
                    {"label": first.text[:60]},
                    message_key="TABLE_SUM_NOT_CHECKED.row",
                )
            )
        across = self._across()
        across_used = self.across_used  # the columns whose figures the sums across the rows check
        out: list[Item] = []
        for p in self.columns:
            if p in unread:  # a part that is no figure: the sums it is a part of are not read
                args = {"column": self._title(p)[:60], "cell": unread[p].text[:40]}
                findings.append(
                    Finding(unread[p].source, "TABLE_COLUMN_NOT_CHECKED", Severity.WARNING, args,
                            message_key="TABLE_COLUMN_NOT_CHECKED.cell")
                )  # fmt: skip
            if not sums_column[p]:
                if p in unread:
                    continue  # said at the cell that is no figure
                if self.ledger and not any(p in v for v in verdicts.values()):
                    continue  # no total of it was read: its total row says so (fewer cells)
                written = next((r.values[p] for r in self.rows if p in r.values), None)
                if written is not None and p not in across_used:  # its figures add into no sum
                    args = {"column": self._title(p)[:60]}
                    findings.append(Finding(written.source, "TABLE_COLUMN_NOT_CHECKED", Severity.WARNING, args))
                continue
            items = [s for s in (self._section(r, p, trusted) for r in tree) if s is not None]
            if items:
                out.append(Section("", f"{self._title(p)}", self.source, None, tuple(items), alternatives=True))
        self._parts_within(tree, sums_column)
        out.extend(across)
        if self._counts():
            for column in out:
                if isinstance(column, Section):
                    self._count_sums(column, column.title)
            return []
        return out

    def _counts(self) -> bool:
        """A table that nothing says is money (no ``Đơn vị tính: triệu đồng`` above it, no
        ``Kinh phí`` or ``(đồng)`` in its header): its figures are counts (offices, schools,
        documents), checked as plain numbers, never shown as đồng."""
        if self.reader.context.money is not None:
            return False
        for t in self.titles:
            words = fold(t).split()
            if column_role(t)[0] in ("amount", "per_amount", "price") or scale_in(t) is not None:
                return False
            if "dong" in words or "usd" in words:
                return False
        return True

    def _count_sums(self, section: Section, column: str) -> None:
        """Each sum of a count table's tree as a count stated as the sum of its parts."""
        for row in section.items:
            if not isinstance(row, Section):
                continue
            parts = [c.stated.value for c in row.items if isinstance(c, Section) and c.stated is not None]
            if row.stated is not None and parts and len(parts) == len(row.items):
                label = (f"{row.number}. {row.title}" if row.number else row.title) + f"{GROUP_MARK}{column}"
                stated = Quantity(row.stated.value, "", None, row.stated.source)
                self.reader.count_sum(label if len(label) <= 160 else label[:159] + "…", stated, parts)
            self._count_sums(row, column)

    def _parts_within(self, tree: list[_Row], sums_column: dict[int, bool]) -> None:
        """Rows listed under ``Trong đó`` (of which) name some parts only: no sum to check, but
        none of them can be more than the row it is a part of (in a column of sums)."""
        for g in _walk(tree):
            if not g.partial_children:
                continue
            for p in self.columns:
                whole = self._value(g.values[p]) if p in g.values and sums_column[p] else None
                if whole is None or whole < 0:
                    continue
                for c in g.children:
                    part = self._value(c.values[p]) if p in c.values else None
                    if part is None or part <= whole:
                        continue
                    args = {
                        "label": c.label[:60],
                        "part": part,
                        "whole": whole,
                        "parent": g.label[:60],
                        "unit": self._money().name,
                    }
                    self.reader.findings.append(
                        Finding(c.values[p].source, "TABLE_PART_EXCEEDS_WHOLE", Severity.ERROR, args,
                                expected=whole, actual=part)
                    )  # fmt: skip

    def _across(self) -> list[Section]:
        """A column that totals the others across each row (``Tổng cộng | NS tỉnh | NS huyện``):
        each row's total the sum of its other figures. Under a header of column groups (``Năm
        2024 | Năm 2025 | Tổng số`` over the same sub-columns, ``GROUP_MARK`` between a group's
        and a sub-column's names) each sub-column of the total group adds the same sub-column of
        the others. Trusted like a column of sums: rows of two parts or more add up, and the rows
        that do not are few enough for typos; otherwise it is reported not checked."""
        named = [p for p in self.columns if p < len(self.titles) and _totals(self.titles[p])]
        # every column of figures but the total is a part, sparse ones too (``-`` where a task
        # does not apply): a column left out would make every row that writes in it a false miss
        first = min(self.columns)
        others = [p for p in range(first, self.width) if p not in named and p not in self.not_summed]
        if len(named) == 1:
            # a total sub-column adds the sub-columns of its own group (``Số lượng — Tổng số`` the
            # ``Số lượng — Cấp tỉnh`` and ``— Cấp xã``), a total column all the others
            group, mark, _ = self._title(named[0]).partition(GROUP_MARK)
            same = [p for p in others if self._title(p).partition(GROUP_MARK)[0] == group] if mark else others
            pairs = [(named[0], same)]
        elif named:
            subs = {p: self._title(p).partition(GROUP_MARK)[2] for p in range(first, self.width)}
            pairs = [(t, [p for p in others if subs[p] == subs[t]]) for t in named if subs[t]]
        else:
            pairs = self._unnamed_total()
        out = []
        for t, parts in pairs:
            section = self._across_one(t, parts) if len(parts) >= 2 else None
            if section is not None:
                out.append(section)
        return out

    def _unnamed_total(self) -> list[tuple[int, list[int]]]:
        """A first or last column of figures that no header names a total but that adds the
        other columns in every row (``Số chứng từ phải cung cấp | đã cung cấp | chưa cung
        cấp``): the figures, agreeing row after row, name it. Nothing when any row misses."""
        figures = [p for p in self.columns if p not in self.not_summed]
        if len(figures) < 3:
            return []
        for t in (figures[0], figures[-1]):
            parts = [p for p in figures if p != t]
            holds = 0
            for row in self.rows:
                stated = self._value(row.values[t]) if t in row.values else None
                present = self._across_parts(row, parts)
                if stated is None or not present or any(v is None for _p, v in present):
                    continue
                if stated != total(v for _p, v in present if v is not None):
                    holds = 0
                    break
                holds += sum(1 for _p, v in present if v) >= 2
            if holds >= 3:
                return [(t, parts)]
        return []

    def _across_one(self, t: int, parts: list[int]) -> Section | None:
        rows = []
        evidence = fails = 0
        for row in self.rows:
            stated = self._value(row.values[t]) if t in row.values else None
            present = self._across_parts(row, parts)
            if stated is None or not present or any(v is None for _p, v in present):
                continue
            miss = stated - total(v for _p, v in present if v is not None)
            evidence += miss == 0 and sum(1 for _p, v in present if v) >= 2
            fails += miss != 0
            rows.append((row, present))
        if not rows or evidence == 0 or fails > 2 * evidence:
            if fails:
                args = {"column": self._title(t)[:60]}
                self.reader.findings.append(
                    Finding(rows[0][0].values[t].source, "TABLE_COLUMN_NOT_CHECKED", Severity.WARNING, args)
                )
            return None
        money = self._money()
        sections = []
        for row, present in rows:
            cell = row.values[t]
            value = self._value(cell)
            assert value is not None
            where = row.label_cell.source._replace(col=None, pos=None)
            items = tuple(
                lump(self._title(p), Quantity(v, money.name, money, row.cells[p].source, row.cells[p].text))
                for p, v in present
                if v is not None
            )
            sections.append(Section(row.number, row.label, where, Amount(value, money, cell.source), items))
        group, mark, _ = self._title(t).partition(GROUP_MARK)
        shared = group + mark if mark and all(self._title(p).startswith(group + mark) for p in parts) else ""
        # parts of the total's own group by their sub-column's name: ``Số lượng — Tổng số = Cấp
        # tỉnh + Cấp xã``
        title = f"{self._title(t)} = " + " + ".join(self._title(p).removeprefix(shared) for p in parts)
        self.across_used |= {t, *parts}
        return Section("", title[:120], self.source, None, tuple(sections), alternatives=True)

    def _across_parts(self, row: _Row, parts: list[int]) -> list[tuple[int, Decimal | None]]:
        """The row's figures in the part columns; a cell holding what is no figure (a word, a
        rate) makes the row unread (None in its place). ``-`` and empty cells hold nothing."""
        out: list[tuple[int, Decimal | None]] = []
        for p in parts:
            text = row.cells[p].text.strip()
            if text in ("", "-", "–", "—"):
                continue
            out.append((p, self._value(row.cells[p]) if kind(text) == "num" and "%" not in text else None))
        return out

    def _parts(self, g: _Row, p: int) -> int:
        return sum(1 for c in g.children if p in c.values)

    def _miss(self, g: _Row, p: int) -> Decimal | None:
        """The row's figure in column ``p`` less the sum of the rows under it (None: not checkable)."""
        if p not in g.values or any(_unread_cell(c, p) for c in g.children):
            return None  # a part that is no figure (``4(1)``, a word): the sum is not read
        parts = [self._value(c.values[p]) for c in g.children if p in c.values]
        stated = self._value(g.values[p])
        if not parts or stated is None or any(x is None for x in parts):
            return None
        return stated - total(x for x in parts if x is not None)

    def _adds_up(self, g: _Row, p: int) -> bool | None:
        miss = self._miss(g, p)
        return None if miss is None else miss == 0

    def _value(self, cell: Cell) -> Decimal | None:
        text = cell.text.strip()
        if _COMMA_GROUPS.fullmatch(text) and self._comma_groups():
            return Decimal(text.replace(",", ""))
        q = read_quantity(text, cell.source, "amount", self._money(), self.reader.english, [])
        return None if q is None else q.value

    def _comma_groups(self) -> bool:
        """Does the table group thousands with commas (``37,423`` thirty-seven thousand): it
        writes a figure no other way can read (``1,642,409``), or its figures are counts,
        which are whole?"""
        if self._grouping is None:
            texts = [c.text.strip() for r in self.rows for c in r.values.values()]
            self._grouping = any(_COMMA_GROUPS.fullmatch(t) and t.count(",") >= 2 for t in texts) or self._counts()
        return self._grouping

    def _money(self) -> Money:
        return self.reader.context.money or DONG

    def _section(self, row: _Row, p: int, trusted: set[int]) -> Section | None:
        cell = row.values.get(p)
        stated = None
        if cell is not None:
            value = self._value(cell)
            if value is not None:
                stated = Amount(value, self._money(), cell.source)
        source = row.label_cell.source._replace(col=None, pos=None)
        children: tuple[Item, ...] = ()
        # a heading row with no figure of its own (``C KẾ HOẠCH VAY, TRẢ NỢ GỐC``) states no sum:
        # the rows under it, with theirs, stand under it all the same
        heading = stated is None and p not in row.values and not row.partial_children
        if self.ledger and any(_unread_cell(c, p) for c in row.children):
            children = ()  # a part that is no figure: the sum is not read, its figure shown as written
        elif row.children and (heading or (id(row) in trusted and not row.partial_children)):
            children = tuple(s for s in (self._section(c, p, trusted) for c in row.children) if s is not None)
        if stated is None and not children:
            return None
        return Section(row.number, row.label, source, stated, children)


def _unread_parts(groups: list[_Row], columns: list[int]) -> dict[int, Cell]:
    """Each column with a part of a sum that writes something other than a figure (``4(1)``,
    ``1.2OO.000``, a word), with the first such cell: no sum that holds it is read."""
    out: dict[int, Cell] = {}
    for g in groups:
        for p in columns:
            cell = next((c.cells[p] for c in g.children if _unread_cell(c, p)), None)
            if cell is not None and p not in out:
                out[p] = cell
    return out


def _unread_cell(row: _Row, p: int) -> bool:
    """Does the row write something in column ``p`` that is not read as its figure?"""
    if p in row.values or p >= len(row.cells) or row.cells[p] is row.label_cell:
        return False
    return row.cells[p].text.strip() not in ("", *_DASHES)


def _totals(title: str) -> bool:
    """Does a column's title name a total: itself, or its sub-column under a group's name
    (``Kinh phí 2025-2026 — Tổng số``)?"""
    sub = title.partition(GROUP_MARK)[2]
    return column_role(title)[0] == "total" or (bool(sub) and column_role(sub)[0] == "total")


def _each_way(rows: list[_Row]) -> None:
    """A row whose rows under it each break it down one way (``Theo mục đích vay``, ``Theo
    nguồn vay``): it is each of them, never their sum; one copy of it per way, each with its one
    breakdown under it (each breakdown adds its own rows)."""
    k = 0
    while k < len(rows):
        g = rows[k]
        _each_way(g.children)
        ways = g.children
        if len(ways) >= 2 and all(fold(c.label.lstrip(_BULLETS + " ")).startswith(_BY_WAY) for c in ways):
            rows[k : k + 1] = [replace(g, children=[c]) for c in ways]
            k += len(ways)
            continue
        k += 1


def _block_totals(top: list[_Row]) -> None:
    """A total row over blocks of rows (``1 | Bộ A | Tổng``, then ``Đã thực hiện``, ``Chưa thực
    hiện`` under it, for each body) whose own block goes on with rows labelled as each block's
    (``Tổng số | Tổng``, ``Đã thực hiện``, ``Chưa thực hiện``): each of those rows is the sum of
    the rows so labelled in the blocks, and the total row, besides the sum of the blocks, the
    sum of them. Only when every block has exactly one row of each label."""
    k = 0
    while k < len(top):
        t = top[k]
        k += 1
        if not t.total or not t.children or any(not b.children for b in t.children):
            continue
        after = []
        for r in top[k:]:
            if r.total or r.number or r.children:
                break
            after.append(r)
        matched: list[tuple[_Row, list[_Row]]] = []
        for r in after:
            alike = [[x for x in b.children if fold(x.label) == fold(r.label)] for b in t.children]
            if any(len(x) != 1 for x in alike):
                break
            matched.append((r, [x[0] for x in alike]))
        if not after or len(matched) != len(after):
            continue
        for r, rows in matched:
            r.children = rows
        top[k : k + len(after)] = [replace(t, children=after, all_parts=[])]
        k += 1


def _walk(rows: list[_Row]) -> list[_Row]:
    out = []
    for r in rows:
        out.append(r)
        out.extend(_walk(r.children))
    return out
