"""Tables of figures by column (a budget resolution's revenue or spending by year: ``STT | Nội
dung | Dự toán 2025 | Ước thực hiện | Năm 2026 ...``): the row numbers (``I``, ``1``, ``1.1``,
``- Thuế GTGT``) make a tree, and in every column of figures each row with rows under it is
the sum of them, the total row (``TỔNG THU (I+II+III)``) the sum of the rows it names.

Trust comes from the columns agreeing with each other. A row that adds up in no column is
not a sum the reader can vouch for (a partial list without ``Trong đó``, a second breakdown,
a tree read wrongly): it is reported not checked, never an error. A column where most rows
do not add up is no column of sums (prices, rates, indices): it is not checked. Only a row
that adds up in another column, in a column of sums, is an error where it does not.

Lists under a row say how whole they are: ``Trong đó`` names some parts (no sum; none is more
than the row), ``Bao gồm`` all of them (a sum only where every column agrees), and a ``Trong
đó: X`` row beside numbered rows is an aside to them. The rows under a row whose sum is not
vouched for are checked on their own. A cell that writes digits reading as no figure (``3O0``)
leaves every sum it is a part of unread, reported where it stands.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal

from budget.evaluate import half_unit
from budget.findings import Finding, Severity
from budget.model import Amount, Item, Quantity, Section
from budget.numbers import EXACT, shift, total
from budget.source import Source
from budget.tables.cells import TOTAL_LABEL, is_marker, is_total_row, kind, numeric_count, sequence_of
from budget.tables.columns import GROUP_MARK, column_role, scale_in
from budget.tables.groups import formula_parts, lump, rank_sequence
from budget.tables.ratios import RatioRow, check_comparison, compares
from budget.tables.records import Cell, TableRow
from budget.tables.values import BlockReading, read_quantity
from budget.text import fold
from budget.units import DONG, Money

_BULLETS = "-–+•*"
_DASHES = ("-", "–", "—")  # a cell that writes nothing in a column of figures
_COMMA_GROUPS = re.compile(r"-?[0-9]{1,3}(?:,[0-9]{3})+")  # ``37,423``, ``1,642,409``
_PARTIAL = ("trong do", "trong so")  # a list of some parts only
_LISTING = ("bao gom", "gom co")  # a list of the parts (``Bao gồm:``): all of them, when the figures agree
# the words that open such a list, and the part a row may write after them (``Bao gồm: - Phí A``)
_INTRO = re.compile(r"(?:trong\s{1,3}(?:đó|số)|bao\s{1,3}gồm|gồm\s{1,3}có)\s{0,3}:?\s{0,3}", re.IGNORECASE)
# a figure with a footnote's mark glued to it (``3(1)``): the figure is the cell's
_FOOTNOTED = re.compile(r"([0-9][0-9.,]{0,15})\([0-9]{1,2}\)")
_DASHES = ("-", "–", "—")
_FOREIGN = re.compile(r"(?<![a-z])(?:usd|eur|cny|jpy)(?![a-z])")  # currencies with no money unit here (folded)
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
    listing: bool = False  # the row opens a list of all the parts (``Bao gồm: ...``)
    unread: frozenset[int] = frozenset()  # figure columns where it writes what reads as no figure (``3O0``)
    inline: bool = False  # the row writes a part of its own after the words that open the list
    children: list[_Row] = field(default_factory=list)
    # a total row whose label names its parts (``(I+II+III)``): every row it could close, in
    # case the figures add up over all of them and the label named too few
    all_parts: list[_Row] = field(default_factory=list)
    partial_children: bool = False
    listed_children: bool = False  # the rows under it are listed as all its parts (``Bao gồm``)
    # a ``Trong đó: X`` row under it stating one part X, until numbered rows give all of them
    aside: _Row | None = None
    notes: list[_Row] = field(default_factory=list)  # such rows set aside: parts of it, never all of them
    way_of: int | None = None  # a copy of a row broken down several ways (``Theo ...``): the row's id


def _words(title: str) -> str:
    """A column's title folded, its signs and brackets taken out: ``Tăng (+), giảm (-)`` reads
    ``tang giam``; ``%`` stays."""
    return " ".join(re.sub(r"[^a-z0-9%]+", " ", fold(title)).split())


def _walk_sections(items: Sequence[Item]) -> list[Section]:
    out = []
    for i in items:
        if isinstance(i, Section):
            out.append(i)
            out.extend(_walk_sections(i.items))
    return out


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
        written = [t for r in full for t in [figure_text(r.cells[p].text)] if kind(t) == "num"]
        # ``-`` writes nothing (a zero, a task that does not apply): the figures are counted
        # among the cells that write something
        dashes = sum(1 for r in full if r.cells[p].text.strip() in _DASHES)
        # a column of percentages (rates, shares, growth) is no column of amounts
        if sum(1 for t in written if "%" in t) * 2 >= len(written):
            continue  # no figure, or a column of percentages
        enough = len(written) * 2 >= len(full) - dashes and len(written) >= min(2, len(full))
        words = any(kind(r.cells[p].text) == "text" and r.cells[p].text.strip() not in _DASHES for r in full)
        if enough or (sparse and not words):
            out.append(p)
    return width, out


def figure_text(text: str) -> str:
    """The figure a cell writes: ``3(1)`` (a footnote's mark glued to it) writes 3."""
    t = text.strip()
    m = _FOOTNOTED.fullmatch(t)
    return m.group(1) if m is not None else t


# a column's number under a header: ``A``, ``B``, ``3``, ``(4)``, ``5=3+4``, ``6=4/3``
_COLUMN_NUMBER = re.compile(r"[A-ZĐ]{1,2}|\(?[0-9]{1,2}\)?|[0-9]{1,2}\s*=\s*[0-9()+\-*/x:\s]{1,30}")


def is_column_numbers(row: TableRow) -> bool:
    """The row under a header that numbers its columns: ``A | B | 1 | 2 | 3=1+2 ...``."""
    texts = [c.text.strip() for c in row.cells if c.text.strip()]
    return len(texts) >= 3 and all(_COLUMN_NUMBER.fullmatch(t) for t in texts)


def spanned(rows: list[TableRow], width: int, ends_lost: bool = False, sparse: bool = False) -> list[TableRow]:
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
        if 0 < pad and numeric_count(r.cells):
            blank = Cell("", r.cells[0].source.at(None))
            if pad <= first and _fits(r.cells, pad, first, set(columns)):
                r = replace(r, cells=(*(blank,) * pad, *r.cells))
            elif ends_lost:
                # a row of cells between bar lines that lost empty cells at both ends (``| |
                # Tổng số | 1.885 | ... | |``; empty cells inside a row are kept): placed only
                # when one shift alone puts its words and figures where theirs stand
                shifts = [k for k in range(min(pad, first + 1)) if _lands(r.cells, k, first, set(columns))]
                if len(shifts) == 1:
                    k = shifts[0]
                    r = replace(r, cells=(*(blank,) * k, *r.cells, *(blank,) * (pad - k)))
        out.append(r)
    return out


def _lands(cells: tuple[Cell, ...], shift: int, first: int, columns: set[int]) -> bool:
    """Do the cells, moved right by ``shift``, put the row's label (its first written cell)
    before the columns of figures and only figures in them?"""
    label = next((c for c in cells if c.text.strip()), None)
    if label is None or kind(label.text) != "text":
        return False
    return _fits(cells[cells.index(label) :], shift + cells.index(label), first, columns)


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
        # the header's width, or (a header of merged cells) the width of most rows of figures
        wide = len(titles) if titles else figure_columns(data)[0]
        if wide and any(len(r.cells) < wide for r in data):
            data = spanned(data, wide, ends_lost=reader.block.shape == "bars", sparse=ledger)
        self.width, self.columns = figure_columns(data, 1 if ledger else 2, ledger)
        self.titles = titles
        if numbers is not None and len(numbers.cells) == self.width:
            derived = {p for p in self.columns if set("=/x*%") & set(numbers.cells[p].text)}
            self.columns = [p for p in self.columns if p not in derived]
        # columns that add into no total: derived ones (``4=3/2``), rates, shares, notes
        self.not_summed = set(derived) if numbers is not None and len(numbers.cells) == self.width else set()
        self.not_summed |= {
            p for p in range(self.width) if any(w in _words(self._title(p)) for w in (*_NOT_SUMMED, "ghi chu"))
        }
        self.columns = [p for p in self.columns if p not in self.not_summed]
        self.rows = [r for r in (self._row(t) for t in data) if r is not None]
        for r, after in zip(self.rows, self.rows[1:], strict=False):
            # ``Bao gồm: - Phí A`` over ``- | Phí B`` (the mark in the number's cell): one list
            if r.style.startswith("lead") and (r.partial or r.listing) and after.number == r.style[4:]:
                r.style = after.style
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
        when no way or several do (which column each figure totals is then not known). When no
        way does exactly, the one way (if only one) that puts every figure within the rounding
        its column's figures may hide (rounded to thousands: ``(ĐVT: 1000đ)``) of their sum, as
        the sums are judged: the total is then read, its gap a rounding, never an error."""
        if not data or len(data[-1].cells) >= self.width or not is_total_row(data[-1]):
            return None
        row = data[-1]
        figures = row.cells[1:]
        if not figures or any(kind(c.text) != "num" for c in figures):
            return None
        sums: dict[int, Decimal] = {}
        slack: dict[int, Decimal] = {}  # in đồng: the rounding a column's figures may hide
        money = self._money()
        for p in self.columns:
            parts = [r.cells[p] for r in self.rows]
            values = [self._value(c) for c in parts if c.text.strip() not in ("", *_DASHES)]
            if all(v is not None for v in values):
                sums[p] = total(v for v in values if v is not None)
                slack[p] = total(half_unit(Amount(v, money, self.source)) for v in values if v is not None)
        stated = [self._value(c) for c in figures]
        if any(v is None for v in stated):
            return None

        def within(p: int, v: Decimal | None) -> bool:
            assert v is not None
            gap = abs(shift(EXACT.subtract(v, sums[p]), money.exponent))
            return gap <= slack[p] + half_unit(Amount(v, money, self.source))

        combos = list(itertools.combinations(self.columns, len(figures)))
        fits = [c for c in combos if all(p in sums and sums[p] == v for p, v in zip(c, stated, strict=True))]
        if not fits:
            fits = [c for c in combos if all(p in sums and within(p, v) for p, v in zip(c, stated, strict=True))]
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
        values = {
            p: t.cells[p]
            for p in self.columns
            for text in [figure_text(t.cells[p].text)]
            if kind(text) == "num" and "%" not in text
        }
        if fold(label.lstrip(_BULLETS + " ")).startswith(_RATE_ROW):
            return None  # a rate among the rows of sums (``Tỷ lệ dư nợ so với mức tối đa (%)``)
        opening = fold(label.lstrip(_BULLETS + " "))
        partial, listing = opening.startswith(_PARTIAL), opening.startswith(_LISTING)
        # ``Bao gồm: - Phí A`` (the first part after the words that open the list) stands as
        # the parts after it do: a ``-`` row like them
        intro = _INTRO.match(label.lstrip(_BULLETS + " ")) if partial or listing else None
        rest = label.lstrip(_BULLETS + " ")[intro.end() :].strip() if intro is not None else label
        lead = rest if intro is not None and rest else label
        style = sequence_of(number) if number else f"lead{lead[0]}" if lead[0] in _BULLETS else "label"
        # a total row with a number of its own (``A TỔNG CHI``) stands where its number puts it
        is_total = TOTAL_LABEL.match(label) is not None and not number
        inline = intro is not None and bool(rest) and bool(values)
        unread = frozenset(p for p in self.columns if p not in values and _misread(figure_text(t.cells[p].text)))
        return _Row(
            number,
            style,
            label,
            label_cell,
            values,
            is_total,
            partial,
            t.cells,
            listing=listing,
            inline=inline,
            unread=unread,
        )

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
            if stack:
                _attach(stack[-1], row)
            else:
                top.append(row)
            stack.append(row)
        if pending_total is not None:
            named = formula_parts(pending_total.label)
            rest = [r for r in top if r is not pending_total]
            pending_total.children = [r for r in rest if not named or r.number in named]
            pending_total.all_parts = list(rest) if named else []
            top = [pending_total, *[r for r in rest if r not in pending_total.children]]
        self._named_too_few(top)
        _block_totals(top)
        self._label_heads(top)
        _each_way(top)
        return top

    def _label_heads(self, rows: list[_Row]) -> None:
        """A row with no number followed by rows of one numbered sequence (``Chi đầu tư phân
        theo nguồn vốn`` over ``a``, ``b``, ``c``): the rows under it when, in every column
        where it has a figure and they have theirs, they add up to it (in two columns at least,
        each from two parts or more). A row with no number never heads rows otherwise: the
        figures, agreeing column after column, decide. When they agree in some columns and not
        in others, whether it heads them is not known: its sum is reported not checked."""
        for r in rows:
            self._label_heads(r.children)
        k = 0
        while k < len(rows):
            head = rows[k]
            k += 1
            if head.style != "label" or head.children or not head.values or head.total or head.partial:
                continue
            run: list[_Row] = []
            for r in rows[k:]:
                if r.total or r.style in ("label", head.style) or r.style.startswith("lead"):
                    break
                if run and r.style != run[0].style:
                    break
                run.append(r)
            if len(run) < 2:
                continue
            agree, differ = self._heads(head, run)
            if agree >= 2 and not differ:
                head.children = run
                del rows[k : k + len(run)]
            elif agree and differ:
                cell = next(iter(head.values.values()))
                args = {"label": head.label[:60]}
                self.reader.findings.append(Finding(cell.source, "TABLE_SUM_NOT_CHECKED", Severity.WARNING, args))

    def _heads(self, head: _Row, parts: list[_Row]) -> tuple[int, int]:
        """(columns where the rows add up to the head's figure from two parts or more, columns
        where they do not)."""
        agree = differ = 0
        for p, cell in head.values.items():
            written = [self._value(r.values[p]) for r in parts if p in r.values]
            stated = self._value(cell)
            if not written or stated is None or any(v is None for v in written) or any(p in r.unread for r in parts):
                continue
            if stated != total(v for v in written if v is not None):
                differ += 1
            else:  # (zeros adding up to zero prove nothing)
                agree += len(written) >= 2 and stated != 0
        return agree, differ

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
                # (a figure below one of the figures it would add is no typo of their sum: a
                # column of rates or indices, ``69,87`` over rows of ``100`` and ``94,29``)
                sums_column[p] = not any(self._below_a_part(g, p) for g in groups)
        # a row is vouched for by adding up in all its columns, or in a column of sums from two parts
        # or more (one part restating its row proves nothing about the others)
        # (a list that says it names all the parts, ``Bao gồm``, only by adding up in every column)
        trusted = {
            id(g)
            for g in groups
            for v in [verdicts.get(id(g), {})]
            if v
            and (
                all(v.values())
                or (
                    not g.listed_children
                    and any(ok and sums_column[p] and self._parts(g, p) >= 2 for p, ok in v.items())
                )
            )
        }
        trusted |= _other_way(groups, verdicts, trusted)
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
        # digits that read as no figure: the sums they are parts of are unread (a ledger's column
        # says so once, below)
        for r in [] if self.ledger else self.rows:
            for p in sorted(r.unread):
                cell = r.cells[p]
                args = {"cell": cell.text.strip()[:30], "label": r.label[:60], "column": self._title(p)[:60]}
                findings.append(
                    Finding(
                        cell.source,
                        "TABLE_SUM_NOT_CHECKED",
                        Severity.WARNING,
                        args,
                        message_key="TABLE_SUM_NOT_CHECKED.cell",
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
                written = next((r.values[p] for r in self.rows if p in r.values), None)
                if written is not None and p not in across_used:  # its figures add into no sum
                    args = {"column": self._title(p)[:60]}
                    # a ledger's total row that writes fewer cells states no total of this column
                    untotalled = self.ledger and not any(p in v for v in verdicts.values())
                    key = "TABLE_COLUMN_NOT_CHECKED.untotalled" if untotalled else None
                    findings.append(
                        Finding(written.source, "TABLE_COLUMN_NOT_CHECKED", Severity.WARNING, args, message_key=key)
                    )
                continue
            orphans: list[Section] = []
            items = [s for s in (self._section(r, p, trusted, orphans) for r in tree) if s is not None]
            items.extend(orphans)
            if items:
                out.append(Section("", f"{self._title(p)}", self.source, None, tuple(items), alternatives=True))
        self._parts_within(tree, sums_column)
        # figures in a sum that fails: a comparison of them may be off because of that figure
        doubted = {
            (id(r), p) for g in groups for p, ok in verdicts.get(id(g), {}).items() if not ok for r in (g, *g.children)
        }
        out.extend(across)
        if self._counts():
            for column in out:
                if isinstance(column, Section):
                    self._count_sums(column, column.title)
            self._comparisons(doubted, across)
            return []
        self._comparisons(doubted, across)
        return out

    def _comparisons(self, doubted: set[tuple[int, int]], across: list[Section]) -> None:
        """Columns comparing the money columns (``So sánh (%)``, ``Tỷ lệ (%)``): each row's figure
        the same relation of its figures (``ratios.py``), checked, or reported not checked.
        ``doubted``: (row, column) of figures in a sum that fails; so are figures reported wrong
        already and those of a sum across a row that fails."""
        wrong = {
            (f.source.line, f.source.col, f.source.cell) for f in self.reader.findings if f.severity is Severity.ERROR
        }
        for s in _walk_sections(across):
            parts = [c.stated for c in s.items if isinstance(c, Section)]
            if s.stated is None or not parts or any(c is None for c in parts):
                continue
            if total(c.value for c in parts if c is not None) != s.stated.value:
                wrong |= {(a.source.line, a.source.col, a.source.cell) for a in (s.stated, *parts) if a is not None}
        for p in sorted(self.not_summed):
            if p >= self.width or p < min(self.columns, default=p) or not compares(self._title(p)):
                continue
            rows = []
            for r in self.rows:
                cell = r.cells[p]
                if not cell.text.strip() or cell.text.strip() in _DASHES:
                    continue
                figures = {q: v for q, c in r.values.items() for v in [self._value(c)] if v is not None}
                doubt = frozenset(
                    q
                    for q, c in r.values.items()
                    if (id(r), q) in doubted or (c.source.line, c.source.col, c.source.cell) in wrong
                )
                is_total = r.total or TOTAL_LABEL.match(r.label) is not None
                rows.append((RatioRow(r.label, figures, is_total, doubt), cell))
            check_comparison(p, self._title(p), rows, self.columns, self._money().name, self.reader.findings)

    def _counts(self) -> bool:
        """A table that nothing says is money (no ``Đơn vị tính: triệu đồng`` above it, no
        ``Kinh phí`` or ``(đồng)`` in its header): its figures are counts (offices, schools,
        documents), checked as plain numbers, never shown as đồng. So are the figures of a table
        whose header names a currency the checker has no unit for (``Giá trị (Nghìn USD)``)
        and no đồng: plain figures in the header's unit, never đồng."""
        if self.reader.context.money is not None:
            return False
        if any(scale_in(t) is not None or "dong" in fold(t).split() for t in self.titles):
            return False
        if any(_FOREIGN.search(fold(t)) for t in self.titles):
            return True
        return not any(column_role(t)[0] in ("amount", "per_amount", "price") for t in self.titles)

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
        none of them can be more than the row it is a part of (in a column of sums); nor can a
        ``Trong đó: X`` row set aside beside the numbered rows."""
        for g in _walk(tree):
            if not g.partial_children and not g.notes:
                continue
            parts = [*(g.children if g.partial_children else ()), *g.notes]
            for p in self.columns:
                whole = self._value(g.values[p]) if p in g.values and sums_column[p] else None
                if whole is None or whole < 0:
                    continue
                for c in parts:
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
        cấp``): the figures, agreeing row after row, name it. Nothing when any row misses.
        A list whose rows each repeat their whole figure in one part column (``Số đã khấu trừ |
        Số đã nộp | Số được bù trừ``: a person's 3.000.000 under one of the two), the total row
        split over several, is named so when every part column holds some row's whole figure."""
        figures = [p for p in self.columns if p not in self.not_summed]
        if len(figures) < 3:
            return []
        for t in (figures[0], figures[-1]):
            parts = [p for p in figures if p != t]
            holds = splits = 0
            alone: set[int] = set()
            for row in self.rows:
                stated = self._value(row.values[t]) if t in row.values else None
                present = self._across_parts(row, parts)
                if stated is None or not present or any(v is None for _p, v in present):
                    continue
                if stated != total(v for _p, v in present if v is not None):
                    holds = splits = 0
                    break
                written = {p for p, v in present if v}
                holds += bool(written)
                splits += len(written) >= 2
                alone |= written if len(written) == 1 else set()
            # three rows split over two parts or more; or a split row and every part column
            # holding some row's whole figure alone
            if splits >= 3 or (holds >= 3 and splits and alone == set(parts)):
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
            text = figure_text(row.cells[p].text)
            if text in ("", *_DASHES):
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
        if not parts or stated is None or any(x is None for x in parts) or self._unread_part(g, p):
            return None
        return stated - total(x for x in parts if x is not None)

    def _unread_part(self, g: _Row, p: int) -> bool:
        """Does a row under ``g`` write in column ``p`` digits that read as no figure? Then the
        sum of that column is not read whole."""
        return any(p in c.unread for c in g.children)

    def _below_a_part(self, g: _Row, p: int) -> bool:
        """Is the row's figure in column ``p`` less than one of the figures under it, all of
        them positive or zero?"""
        stated = self._value(g.values[p]) if p in g.values else None
        parts = [self._value(c.values[p]) for c in g.children if p in c.values]
        if stated is None or not parts or any(x is None or x < 0 for x in parts):
            return False
        return any(x is not None and stated < x for x in parts)

    def _adds_up(self, g: _Row, p: int) -> bool | None:
        miss = self._miss(g, p)
        return None if miss is None else miss == 0

    def _value(self, cell: Cell) -> Decimal | None:
        text = figure_text(cell.text)
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

    def _section(self, row: _Row, p: int, trusted: set[int], orphans: list[Section]) -> Section | None:
        """The row's figure in column ``p`` with the rows under it when its sum is vouched for;
        when it is not, the sums of the rows under it, which stand on their own, go to
        ``orphans`` (checked beside the tree, never as parts of a sum above them)."""
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
        whole = not self._unread_part(row, p)
        if self.ledger and any(_unread_cell(c, p) for c in row.children):
            children = ()  # a part that is no figure: the sum is not read, its figure shown as written
        elif row.children and whole and (heading or (id(row) in trusted and not row.partial_children)):
            children = tuple(s for s in (self._section(c, p, trusted, orphans) for c in row.children) if s is not None)
        elif row.children:
            for c in row.children:
                s = self._section(c, p, trusted, orphans)
                if s is not None and s.items:
                    orphans.append(s)
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
    return _names_total(title) or (bool(sub) and _names_total(sub))


def _names_total(title: str) -> bool:
    """``Tổng``, ``Tổng số``; and an amount that says it is the total (``Tổng kinh phí``,
    ``Tổng dự toán`` beside ``NS tỉnh | NS huyện``): when no header named it a total, one wrong
    row made the column of totals go unchecked, and the table passed."""
    role = column_role(title)[0]
    return role == "total" or (role == "amount" and fold(title).split()[:1] == ["tong"])


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
            rows[k : k + 1] = [
                replace(g, children=[c], way_of=id(g), notes=g.notes if i == 0 else []) for i, c in enumerate(ways)
            ]
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


def _other_way(groups: list[_Row], verdicts: dict[int, dict[int, bool]], trusted: set[int]) -> set[int]:
    """Copies of a row broken down several ways (``Theo mục đích vay``, ``Theo nguồn vay``):
    one that restates its one breakdown (a single part) is vouched for when another copy agrees
    with its breakdown in every column and its own breakdown adds up from its parts: the row's
    figure, and the breakdown's, are both read whole."""
    out = set()
    for g in groups:
        if g.way_of is None or id(g) in trusted or len(g.children) != 1 or id(g.children[0]) not in trusted:
            continue
        if any(
            o is not g and o.way_of == g.way_of and (v := verdicts.get(id(o), {})) and all(v.values())
            for o in groups
            if len(o.children) == 1 and id(o.children[0]) in trusted
        ):
            out.add(id(g))
    return out


def _misread(text: str) -> bool:
    """Does a cell write digits that read as no one figure (``3O0``, ``1.2OO``, ``5-7``)?"""
    return any(ch.isdigit() for ch in text) and kind(text) != "num"


def _attach(parent: _Row, row: _Row) -> None:
    """``row`` under ``parent``. A list of some parts (``Trong đó``) leaves the parent's sum
    unchecked, and a list of the parts (``Bao gồm``) checks it only where it adds up in every
    column; but a ``Trong đó: X`` row that states its one part X and is followed by numbered
    rows under the same parent is an aside: the numbered rows are all the parts."""
    if row.partial:
        parent.partial_children = True
        parent.aside = row if row.inline and row.style == "label" else None
    elif row.listing:
        parent.listed_children = True
    elif parent.aside is not None and row.number and row.style != "label" and not row.style.startswith("lead"):
        if row.number not in _BULLETS and parent.aside in parent.children:
            parent.children.remove(parent.aside)
            parent.notes.append(parent.aside)
            parent.partial_children = any(c.partial for c in parent.children)
        parent.aside = None
    parent.children.append(row)


def _walk(rows: list[_Row]) -> list[_Row]:
    out = []
    for r in rows:
        out.append(r)
        out.extend(_walk(r.children))
    return out
