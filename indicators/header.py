"""Where a data table's header is in a sheet, and what each of its columns holds.

Statistics offices and EMIS exports put title rows and a unit line (``Đơn vị tính: triệu
đồng``) above the header, merge a group cell over sub-columns (``Chi ngân sách`` over
``Tổng chi | Chi sự nghiệp giáo dục``) and cells down over two header rows (``Đơn vị``), and
put years as columns (a yearbook). The header is the first row, with the row under it when
that one names sub-columns (or the row above when it groups them), whose columns say where
each value's unit, year and measure are: a column of units (``Đơn vị``, ``Huyện``), of years
(``Năm``, ``Năm học``), of measures (``Chỉ số``, ``Chỉ tiêu``) and of values (``Giá trị``),
or a data column that names its measure (``Tổng chi``), its year (``2024``, ``2024-2025``),
or both (``2024`` over ``Tổng chi``). A data row takes from its columns what the data
column does not say.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from budget.text import fold
from indicators.read_table import Cells, Grid, StoredNumber
from indicators.years import read_year

MAX_TITLE_ROWS = 40  # rows looked at for a header before the table is said to have none
_ROLES = {  # role: names, folded, punctuation as spaces (a bracketed part left aside)
    "skip": ("stt", "tt", "so tt", "so thu tu", "ghi chu", "don vi tinh", "dvt", "don vi do", "note", "notes"),
    "unit": (
        "don vi",
        "ten don vi",
        "don vi bao cao",
        "don vi hanh chinh",
        "dia phuong",
        "ten dia phuong",
        "huyen",
        "quan huyen",
        "huyen thi xa thanh pho",
        "quan huyen thi xa thanh pho",
        "ten huyen",
        "ten quan huyen",
        "xa phuong",
        "phuong xa",
        "ten xa",
        "ten truong",
        "unit",
    ),
    "year": ("nam", "nam hoc", "nam bao cao", "year", "school year"),
    "measure": ("chi so", "ten chi so", "chi tieu", "ten chi tieu", "noi dung", "measure", "indicator"),
    "value": ("gia tri", "so lieu", "value"),
}
_ROLE_OF = {name: role for role, names in _ROLES.items() for name in names}
_BRACKETS = re.compile(r"\([^()]*\)")
_NOT_WORD = re.compile(r"[^a-z0-9]+")
_UNIT_LINE = re.compile(r"(?:don vi tinh|dvt|don vi)\s*:")  # ``Đơn vị tính: triệu đồng``
_COLUMN_NUMBER = re.compile(r"\(?(?:[0-9]{1,2}|[A-Z])\)?(?:\s*=.*)?")


def role_name(text: str) -> str:
    return _NOT_WORD.sub(" ", fold(_BRACKETS.sub(" ", text))).strip()


def role_of(text: str) -> str | None:
    return _ROLE_OF.get(role_name(text))


@dataclass(frozen=True)
class Column:
    index: int  # 0-based position in the row's cells
    parts: tuple[str, ...]  # header texts from the top row down (a group, then its sub-column)
    role: str | None  # unit, year, measure, value, skip; None: a data column
    year: int | None = None  # the year a data column names
    year_text: str = ""  # as written (``2024-2025``: said once as a school year)
    school: bool = False

    @property
    def name(self) -> str:
        return " ".join(self.parts)


@dataclass(frozen=True)
class Layout:
    """A header found: its rows and columns; the data rows are the grid's rows below it."""

    top: int  # position in ``grid.rows`` of the first header row
    bottom: int  # ... and of the last
    columns: tuple[Column, ...]

    def role(self, role: str) -> int | None:
        return next((c.index for c in self.columns if c.role == role), None)

    @property
    def data(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.role is None)


def _texts(cells: Cells) -> list[str]:
    return [t for t, _ in cells]


def _is_text_row(cells: Cells) -> bool:
    """Only words (years allowed: a header of years): no figure."""
    for t, _ in cells:
        if t and read_year(t) is None and (isinstance(t, StoredNumber) or _looks_numeric(t)):
            return False
    return True


def _looks_numeric(t: str) -> bool:
    return bool(t) and t.replace(".", "").replace(",", "").replace(" ", "").lstrip("-").isdigit()


def _merges_in_row(grid: Grid, r: int, width: int) -> dict[int, tuple[int, int, int, int]]:
    """Column (1 to ``width``) → the first merged range covering it in row ``r``. Each column is
    filled once, whatever the ranges declare (a stray cell at XFD1 beside 20.000 merged ranges
    made 16.384 columns look through all of them: 8 s for a 30 KB workbook): ``ahead[c]`` leads
    to the first column from ``c`` on that is still free."""
    ahead = list(range(width + 2))

    def free(c: int) -> int:
        while ahead[c] != c:
            ahead[c] = ahead[ahead[c]]
            c = ahead[c]
        return c

    out: dict[int, tuple[int, int, int, int]] = {}
    for m in grid.merged:
        if m[0] <= r <= m[2] and m[1] <= width:
            c = free(max(m[1], 1))
            while c <= min(m[3], width):
                out[c] = m
                ahead[c] = c + 1
                c = free(c + 1)
    return out


def _names(grid: Grid, rows: Sequence[int]) -> list[list[str]]:
    """Each column's header texts, from the top header row down: a cell merged across counts
    in every column it spans, a cell merged down once; without merges (CSV), a group cell's
    text is carried right over the empty cells beside it that have a sub-column name under them."""
    width = max(len(grid.rows[i][1]) for i in rows)
    parts: list[list[str]] = [[] for _ in range(width)]
    for k, i in enumerate(rows):
        r, cells = grid.rows[i]
        under = rows[k + 1 :]
        carried = ""
        merged = _merges_in_row(grid, r, width)
        for c in range(width):
            text = cells[c][0] if c < len(cells) else ""
            if text:
                carried = text if under and _below(grid, under, c) else ""
            else:
                m = merged.get(c + 1)
                if m is not None and m[0] == r and m[1] <= c:  # spanned across from its left in this row
                    text = cells[m[1] - 1][0] if m[1] - 1 < len(cells) else ""
                elif m is None and not grid.merged and carried and _below(grid, under, c):
                    text = carried
                else:
                    carried = ""
            if text:
                parts[c].append(text)
    return parts


def _below(grid: Grid, rows: Sequence[int], c: int) -> bool:
    return any(c < len(grid.rows[i][1]) and grid.rows[i][1][c][0] for i in rows)


def _columns(parts: list[list[str]]) -> list[Column]:
    out = []
    for c, p in enumerate(parts):
        named = tuple(p)
        role = role_of(named[-1]) if named else None
        if role is None and len(named) > 1 and role_of(named[0]) in ("unit", "year", "measure", "skip"):
            role = role_of(named[0])  # a role cell merged down, or over sub-columns of its own
        if role is not None and not (role == "year" and len(named) > 1 and read_year(named[-1])):
            out.append(Column(c, named, role))
            continue
        year = school = None
        text = ""
        rest = []
        for t in named:
            y = read_year(t)
            if y is not None and year is None:
                (year, school), text = y, t
            elif role_of(t) != "year":  # ``Năm`` over ``2023 | 2024`` says nothing more
                rest.append(t)
        out.append(Column(c, tuple(rest), None, year, text, bool(school)))
    return out


def _usable(columns: list[Column]) -> bool:
    """A header: some column of units, years or measures, and data columns that, with them,
    say each value's year and measure."""
    roles = {c.role for c in columns}
    if "value" in roles:
        return "year" in roles and "measure" in roles
    data = [c for c in columns if c.role is None and (c.parts or c.year is not None)]
    if not data or not roles & {"unit", "year", "measure"}:
        return False
    years = [c for c in data if c.year is not None]
    if "year" not in roles and not years:
        return False
    if "measure" not in roles and any(not c.parts for c in data):
        return False
    return True


def _label_as_measure(columns: list[Column]) -> list[Column]:
    """A yearbook whose first column, left of the years, names no role: its rows' labels are
    the measures (``Tổng chi``, ``Chi sự nghiệp giáo dục``)."""
    roles = {c.role for c in columns}
    if "measure" in roles or "value" in roles or not any(c.year is not None and not c.parts for c in columns):
        return columns
    first_year = min(c.index for c in columns if c.year is not None)
    for c in columns:
        if c.index < first_year and c.role is None and c.year is None:
            return [Column(c.index, c.parts, "measure") if x is c else x for x in columns]
    return columns


def _group_above(grid: Grid, i: int, columns: list[Column]) -> bool:
    """Row ``i - 1`` groups the header's sub-columns: it stands right above, holds only words,
    none at the header's first column nor over a column of units or years, none a unit line."""
    if i == 0 or grid.rows[i - 1][0] != grid.rows[i][0] - 1:
        return False
    r, cells = grid.rows[i - 1]
    if not _is_text_row(cells):
        return False
    filled = [c for c, (t, _) in enumerate(cells) if t]
    if not filled or filled[0] == 0:
        return False
    width = len(grid.rows[i][1])
    merged = _merges_in_row(grid, r, len(cells))
    for c in filled:
        t = cells[c][0]
        m = merged.get(c + 1)
        if _UNIT_LINE.match(fold(t).strip()):
            return False
        if c >= width or not grid.rows[i][1][c][0] or (m is not None and m[1] == 1 and m[3] >= width):
            return False
    return True


def _sub_below(grid: Grid, i: int, columns: list[Column]) -> bool:
    """Row ``i + 1`` names sub-columns: it stands right under, holds only words (or years), and
    leaves empty the columns of units, years and measures (merged down from the header)."""
    if i + 1 >= len(grid.rows) or grid.rows[i + 1][0] != grid.rows[i][0] + 1:
        return False
    cells = grid.rows[i + 1][1]
    if not _is_text_row(cells) or _column_numbers(cells):
        return False
    keyed = [c.index for c in columns if c.role in ("unit", "year", "measure")]
    if not keyed:
        return False
    return all(k >= len(cells) or not cells[k][0] for k in keyed) and any(t for t, _ in cells)


def _column_numbers(cells: Cells) -> bool:
    """``(1) (2) (3)`` or ``A B 1 2`` under a header: the columns' numbers, no data."""
    texts = [t for t, _ in cells if t]
    return len(texts) >= 3 and all(_COLUMN_NUMBER.fullmatch(t) for t in texts)


def find_header(grid: Grid) -> Layout | None:
    """The first header of the sheet, or None when no row within the first ones is one."""
    for i in range(min(len(grid.rows), MAX_TITLE_ROWS)):
        cells = grid.rows[i][1]
        if not _is_text_row(cells) or sum(1 for t, _ in cells if t) < 2:
            continue
        rows = [i]
        columns = _columns(_names(grid, rows))
        if _sub_below(grid, i, columns):
            rows.append(i + 1)
        elif _group_above(grid, i, columns):
            rows.insert(0, i - 1)
        if len(rows) > 1:
            columns = _columns(_names(grid, rows))
        columns = _label_as_measure(columns)
        if _usable(columns):
            bottom = rows[-1]
            if bottom + 1 < len(grid.rows) and _column_numbers(grid.rows[bottom + 1][1]):
                bottom += 1
            return Layout(rows[0], bottom, tuple(columns))
    return None
