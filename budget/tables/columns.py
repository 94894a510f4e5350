"""Column roles, as data (``columns.txt``): the role words a header names, and the columns of a
header (role, title, the money scale and period written in it, ``/HS`` amounts per unit) for
each shape of table: cells, aligned runs of text, or role words in reading order.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from budget.source import Source
from budget.tables.cells import CHUNK, runs_of, span_of, trimmed_cells
from budget.tables.records import Cell, TableRow
from budget.text import fold
from budget.units import DONG, NGHIN, TRIEU, TY, Money, read_money


@dataclass(frozen=True)
class _Spelling:
    role: str
    letters: str  # folded, without spaces: it matches folded text with any spacing
    word: bool  # must stand as a whole word (no letter or digit just before or after)
    unit: str
    marked: str = ""  # as written in the file, lower case, without spaces: its tone marks

    def same_marks(self, written: str, marked: bool) -> bool:
        """In a text written with tone marks (``marked``) a whole word is this spelling only
        with its marks: ``gia`` in ``quốc gia`` is no ``Giá``, ``Công`` no ``Cộng``. Text
        typed without marks matches any."""
        return not self.word or not marked or _SPACE.sub("", written.lower()) == self.marked

    @property
    def size(self) -> int:  # letters: the longest spelling wins
        return len(self.letters)


@cache
def _spellings() -> tuple[_Spelling, ...]:
    """The roles file, read once. Spellings are matched as plain strings in folded text with
    its spaces taken out, not as one regular expression each (``o\\s*n\\s*e``): compiling
    those cost more than the rest of a small plan's check."""
    out = []
    text = Path(__file__).with_name("columns.txt").read_text(encoding="utf-8")
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        role, spelled = (p.strip() for p in line.split(";", 1))
        for item in spelled.split(","):
            s, _, unit = item.strip().partition("=")
            letters = _SPACE.sub("", fold(s.strip().rstrip("~")))
            marked = _SPACE.sub("", s.strip().rstrip("~").lower())
            out.append(_Spelling(role, letters, s.strip().endswith("~"), unit.strip(), marked))
    return tuple(out)


_SPACE = re.compile(r"\s+")
_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyz")
_WORD_CHARS = _LETTERS | frozenset("0123456789")  # ``Đơn giản`` is no ``Đơn giá``


@cache
def _any_letters() -> re.Pattern[str]:
    """The letters of every spelling, one alternation over text without spaces: a role word
    can be in a text only where one of them is."""
    return re.compile("|".join(re.escape(s.letters) for s in sorted(_spellings(), key=lambda s: -s.size)))


def has_role(text: str) -> bool:
    """Does ``text`` name a column role anywhere?"""
    return bool(roles_in(text))


@dataclass(frozen=True)
class _Match:
    start: int
    end: int
    role: str
    unit: str


@lru_cache(maxsize=4096)
def roles_in(text: str) -> tuple[_Match, ...]:
    """Role words in ``text``, longest first where they overlap, in reading order (cached: the
    header finders ask about the same lines again and again)."""
    folded = fold(text)
    squeezed = _SPACE.sub("", folded)
    if _any_letters().search(squeezed) is None:
        return ()
    at = [i for i, ch in enumerate(folded) if not ch.isspace()]  # squeezed[k] is folded[at[k]]
    found = []
    for sp in _spellings():
        k = squeezed.find(sp.letters)
        while k >= 0:
            start, end = at[k], at[k + sp.size - 1] + 1
            edge = _WORD_CHARS if sp.word else _LETTERS  # a role word never starts or ends inside a word
            inside = (start > 0 and folded[start - 1] in edge) or (end < len(folded) and folded[end] in edge)
            if inside or (len(folded) == len(text) and not sp.same_marks(text[start:end], folded != text.lower())):
                k = squeezed.find(sp.letters, k + 1)
                continue
            found.append((start, end, sp))
            k = squeezed.find(sp.letters, k + sp.size)
    found.sort(key=lambda f: (-f[2].size, f[0]))
    taken: list[tuple[int, int, _Spelling]] = []
    for f in found:
        if all(f[1] <= t[0] or f[0] >= t[1] for t in taken):
            taken.append(f)
    return tuple(_Match(a, b, sp.role, sp.unit) for a, b, sp in sorted(taken, key=lambda t: t[0]))


FACTORS = ("quantity", "price", "duration", "rate")

# Between a column group's name and its sub-column's, in the title of a column under a header
# of two rows (``Năm 2025 — Thu``): the group names the column's place, the sub-column its role.
GROUP_MARK = " — "


NUMERIC_ROLES = frozenset({*FACTORS, "amount", "per_amount", "total", "category"})


_TIME_WORDS = {"thang", "nam", "ngay", "buoi", "nam hoc", "ky", "hoc ky", "gio", "tiet"}


@dataclass(frozen=True)
class Column:
    """A column of a table: its role, its title as written, and what the header says of its numbers."""

    role: str  # a role of columns.txt, "per_amount" (an amount per unit), "category", or "" (unknown)
    title: str
    source: Source
    money: Money | None = None  # the scale written in the header: ``Đơn giá (nghìn đồng)``
    period: str = ""  # ``/tháng`` or ``/năm`` in the header: "thang", "nam"
    unit: str = ""  # the unit of its numbers when the header says it (``Số tháng`` → tháng)


_PAREN = re.compile(r"\(([^()]*)\)")


_THOUSANDS = re.compile(r"^\s*1(?:[.,\s]?000)+\s*")


def scale_in(text: str) -> Money | None:
    """A money scale written in a header: ``(nghìn đồng)``, ``(1.000 đ)``, ``triệu đồng``."""
    pieces = [m.group(1) for m in _PAREN.finditer(text)]
    pieces.append(text)
    for piece in pieces:
        for start in range(len(piece)):
            if start and piece[start - 1].isalnum():
                continue
            rest = piece[start:]
            m = _THOUSANDS.match(rest)
            zeros = 0
            if m is not None:
                zeros = 3 * sum(1 for _ in re.finditer("000", m.group()))
                rest = rest[m.end() :]
            money, span = read_money(rest)
            if money is not None and span:
                exponent = money.exponent + zeros
                return next((s for s in (DONG, NGHIN, TRIEU, TY) if s.exponent == exponent), None)
    return None


def period_of(text: str) -> str:
    """``thang`` or ``nam`` when the text says per month or per year (one of them only)."""
    folded = fold(text)
    found = set()
    for m in re.finditer(r"/\s*([a-z ]+)", folded):
        words = m.group(1).split()
        for w in words[:2]:
            if w in ("thang", "nam"):
                found.add(w)
                break
    return found.pop() if len(found) == 1 else ""


def _column(role: str, title: str, source: Source, unit: str = "") -> Column:
    """A column from its role word and its whole title (units and ``/HS`` read from the title)."""
    if role == "amount" and (m := re.search(r"/\s*([^\W\d_][^/()]*)", title)) is not None:
        if fold(m.group(1)).strip() not in _TIME_WORDS:
            role = "per_amount"  # ``Số tiền thu /HS``: the amount for one unit of the quantity
    if not unit and role == "duration":
        inner = " ".join(fold(m.group(1)) for m in _PAREN.finditer(title)).split()
        unit = next((w for w in inner if w in ("thang", "nam", "ngay", "buoi")), "")
    return Column(role, " ".join(title.split()), source, scale_in(title), period_of(title), unit)


def column_role(text: str) -> tuple[str, str]:
    """The role one header cell names and the unit it says (``Số tháng`` → tháng). ``TT`` is
    both the row numbers and ``Thành tiền`` abbreviated: with a money unit (``TT (đồng)``) it is
    the amount (a ``TT`` after the factors, with no amount column, is settled by ``settle_numbers``)."""
    found = roles_in(text.strip())
    if not found:
        return "", ""
    best = max(found, key=lambda m: m.end - m.start)
    if best.role == "label" and best.start > found[0].start == 0:
        best = found[0]  # ``Kinh phí hỗ trợ cho các địa phương``: what the cell starts with names it
    if best.role in FACTORS and found[0].role == "total" and found[0].start == 0:
        best = found[0]  # ``Tổng mức chi``: a total of the other columns, never a factor
    if best.role == "number" and scale_in(text) is not None:
        return "amount", best.unit
    return best.role, best.unit


def settle_numbers(roles: Sequence[str]) -> list[str]:
    """The roles of a header with ``TT`` read by position: when no column names an amount, a
    ``TT`` standing after a factor column (``TT | Nội dung | SL | ĐG | TT``) is ``Thành tiền``."""
    out = list(roles)
    money = [i for i, role in enumerate(out) if role in ("amount", "total")]
    if money:
        # a rate after the last amount is no factor of it (a product's factors stand before
        # its result): ``Số tiền | Tỷ lệ (%)`` is each row's share, ``Dự toán 2025 | Tỷ lệ (%)``
        # the comparison of two years; a note, as ``So sánh`` is
        return [("note" if role == "rate" and i > money[-1] else role) for i, role in enumerate(out)]
    if "per_amount" in out:
        return out
    factor = False
    for i, role in enumerate(out):
        factor = factor or role in FACTORS
        if role == "number" and factor:
            out[i] = "amount"
    return out


def settle_columns(columns: list[Column]) -> list[Column]:
    """``settle_numbers`` over a header's columns (the amount's title keeps its scale and period)."""
    roles = settle_numbers([c.role for c in columns])
    return [c if c.role == r else _column(r, c.title, c.source, c.unit) for c, r in zip(columns, roles, strict=True)]


def cell_column(cell: Cell) -> Column:
    """The role of one header cell (pipe, aligned, one per line)."""
    text = cell.text.strip()
    group, mark, sub = text.partition(GROUP_MARK)
    # a sub-column under a group's name (``Số lượng — Tổng số``): its own name says its role
    # first, as the lower cell of a header of two rows does
    role, unit = column_role(sub) if mark else ("", "")
    if not role:
        role, unit = column_role(group if mark else text)
    if not role:
        return Column("", text, cell.source)
    return _column(role, text, cell.source, unit)


def names_columns(text: str) -> bool:
    """Does a line of text name a table's columns (``STT Nội dung Số lượng Đơn giá Thành tiền``,
    ``Diễn giải Tỷ lệ Số tiền Ghi chú``): two roles or more besides amounts and totals? A
    caption (``BẢNG TỔNG HỢP DỰ TOÁN KINH PHÍ``) names one at most."""
    roles = {m.role for m in roles_in(text)} - {"amount", "total"}
    return len(roles) >= 2


def header_roles(text: str) -> list[str]:
    """The roles a header text names, in order (for tests and for detection); a ``TT`` after
    the factors of a header naming no amount is ``Thành tiền`` (``settle_numbers``)."""
    return settle_numbers([m.role for m in roles_in(text)])


def _aligned(header: list[TableRow], rows: list[TableRow]) -> tuple[list[Column], list[tuple[int, int]]] | None:
    """Columns of a table aligned by spaces, as ``pandas.read_fwf(colspecs="infer")`` sees them:
    the runs of character positions some row writes in, one run under each header cell."""
    if not header or not header[0].cells or not all(r.cells for r in header):
        return None
    lines = [r.cells[0].source for r in header]
    head = [Cell(m.group(), lines[0].at(m.start() + 1)) for m in CHUNK.finditer(lines[0].text)]
    below = [Cell(m.group(), s.at(m.start() + 1)) for s in lines[1:] for m in CHUNK.finditer(s.text)]
    if len(head) < 3:
        return None
    spans = [span_of(c) for c in (*head, *below)]
    for r in rows:
        if r.first == r.last:
            spans.extend(span_of(c) for c in runs_of(r))
    runs: list[list[int]] = []
    for a, b in sorted(spans):
        if runs and a <= runs[-1][1]:
            runs[-1][1] = max(runs[-1][1], b)
        else:
            runs.append([a, b])
    if len(runs) != len(head):
        return None
    for c, (a, b) in zip(head, runs, strict=True):
        start, end = span_of(c)
        if not (a <= start and end <= b):
            return None
    columns = [cell_column(c) for c in head]
    for c in below:  # a second header line: units, or the words of a merged cell's columns
        at = next(i for i, (a, b) in enumerate(runs) if a <= span_of(c)[0] < b)
        upper = columns[at]
        lower = cell_column(c)
        columns[at] = _column(
            lower.role or upper.role, f"{upper.title} {c.text}", upper.source, lower.unit or upper.unit
        )
    return columns, [(a, b) for a, b in runs]


def _text_header_columns(cells: list[Cell]) -> list[Column]:
    """Columns of a text header (one or more lines): explicit cells when its one line is aligned
    by runs of spaces, else the role words in reading order, the words between two roles
    being the annotation of the first (``thu/ HS/tháng``) or column titles (``Khối NT Khối 3 tuổi``)."""
    text = ""
    marks: list[tuple[int, Cell]] = []
    for c in cells:
        if text:
            text += " "
        marks.append((len(text), c))
        text += c.text

    def where(pos: int) -> Source:
        at, cell = next((m for m in reversed(marks) if m[0] <= pos), marks[0])
        return cell.source.at((cell.source.pos or 0) + pos - at + 1)

    found = roles_in(text)
    columns: list[Column] = []
    titles: list[list[int]] = []  # start and end of each column's title in ``text``
    prev_end = 0
    for m in found:
        gap = text[prev_end : m.start]
        stripped = gap.strip()
        if stripped and columns and stripped[0].isupper() and not stripped.startswith("("):
            columns.append(Column("category", stripped, where(prev_end + gap.index(stripped[0]))))
            titles.append([-1, -1])
        elif stripped and columns:
            titles[-1][1] = m.start
        elif stripped and not columns and fold(stripped).replace(" ", "").endswith("tt"):
            columns.append(Column("number", stripped, where(0)))
            titles.append([-1, -1])
        columns.append(Column(m.role, text[m.start : m.end], where(m.start), unit=m.unit))
        titles.append([m.start, m.end])
        prev_end = m.end
    if columns and text[prev_end:].strip():
        titles[-1][1] = len(text)
    out = []
    for col, (a, b) in zip(columns, titles, strict=True):
        if a < 0:
            out.append(col)
            continue
        out.append(_column(col.role, text[a:b], col.source, col.unit))
    return out


def header_columns(
    shape: str, header: list[TableRow], rows: list[TableRow]
) -> tuple[list[Column], list[tuple[int, int]] | None]:
    """The columns a part's header names, and for a table aligned by spaces the character
    positions of each column (None when its rows are read in order, not by position)."""
    if shape == "text":
        aligned = _aligned(header, rows)
        if aligned is not None:
            return settle_columns(aligned[0]), aligned[1]
        return settle_columns(_text_header_columns([c for r in header for c in r.cells])), None
    width = max(len(trimmed_cells(r.cells)) for r in header)
    first = list(header[0].cells[:width])
    while len(first) < width:
        first.append(Cell("", header[0].cells[-1].source))
    columns = [cell_column(c) for c in first]
    for sub in header[1:]:
        merged = []
        for idx, col in enumerate(columns):
            below = sub.cells[idx] if idx < len(sub.cells) else None
            if below is None or not below.text:
                merged.append(col)
                continue
            lower = cell_column(below)
            title = f"{col.title} {below.text}".strip()
            role = lower.role or col.role
            if not col.title and not lower.role:
                role = next((c.role for c in reversed(columns[:idx]) if c.title), "")
            merged.append(_column(role, title, col.source if col.title else below.source, lower.unit or col.unit))
        columns = merged
    return settle_columns(columns), None
