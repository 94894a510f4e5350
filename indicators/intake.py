"""A department's data file, as it arrives, → observations (unit, year, measure, value).

Every sheet of a workbook is looked at (``header.find_header``): a sheet with no data table
is skipped and named in a note, unless no sheet has one (``DATA_NO_HEADER``). Long form
(``Đơn vị | Năm | Chỉ số | Giá trị``), wide form (a column per measure), a yearbook (a column
per year, a row per measure or per unit and measure) and both at once (years over measures)
are one reading: each value takes its unit, year and measure from its column when the column
names them, else from its row. Column and measure names fill the measures the targets use
(``measures``). What cannot be read is a finding at its cell, never a guess: a value that is
no number, a year that is none, a measure two columns claim.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from budget.costline import read_number_at
from budget.findings import Finding, InputError, Severity
from budget.numbers import NumberError, from_xml
from budget.source import Source
from indicators.header import Column, Layout, find_header, role_name, role_of
from indicators.measures import Measures, package_measures
from indicators.read_table import Grid, StoredNumber, read_grids
from indicators.years import read_year

Observation = tuple[str, int, str, Decimal, Source]
_TOTALS = frozenset(
    ("tong", "tong cong", "tong so", "cong", "toan tinh", "toan thanh pho", "chung", "toan huyen", "total")
)


def cell_number(text: str, where: Source, findings: list[Finding]) -> Decimal | None:
    """A value as every format gives it: a workbook's stored number exactly, a text (CSV, or
    a workbook cell typed as text) the Vietnamese way, with the number reader's warnings."""
    t = text.strip()
    if not t:
        return None
    try:
        if isinstance(text, StoredNumber):
            return from_xml(t)
        value, fs = read_number_at(t, where)
        findings.extend(fs)
        return value
    except NumberError:
        findings.append(Finding(where, "DATA_NOT_A_NUMBER", Severity.ERROR, {"text": text}))
        return None


class _Reading:
    """What one file's reading gathers across its sheets."""

    def __init__(self, name: str, measures: Measures, wanted: frozenset[str]):
        self.name = name
        self.measures = measures
        self.wanted = wanted
        self.rows: list[Observation] = []
        self.seen: dict[tuple[str, int, str], Source] = {}
        self.findings: list[Finding] = []
        self.school_said = False
        self.unmatched: dict[str, Source] = {}  # name → its header cell, in reading order
        self.named: dict[tuple[str, ...], str] = {}  # each name is looked up once per file

    def measure(self, names: tuple[str, ...], where: Source) -> str:
        """The measure a name fills: a name the targets use, or written as a measure name
        (``chi_giao_duc``), is itself; else the first spelling known, the sub-column's own
        name before the group's with it; else the name as written, with a note (once) when
        the targets use other measures: the officer may name it in ``--measures``."""
        known = self.named.get(names)
        if known is not None:
            return known
        self.named[names] = found = self._measure(names, where)
        return found

    def _measure(self, names: tuple[str, ...], where: Source) -> str:
        names = tuple(n.strip() for n in names if n.strip())
        for n in names:
            if n in self.wanted or "_" in n:
                return n
        for n in names:
            found = self.measures.of(n)
            if found:
                return found
        name = names[-1] if names else ""
        if name and self.wanted and name not in self.unmatched:
            self.unmatched[name] = where
        return name

    def unmatched_notes(self) -> None:
        """The columns that filled no measure, said only when a measure the targets use is
        missing for a unit of the data (the officer may name one of them in ``--measures``): a
        data file with more columns than the targets use is no matter for a note."""
        filled: dict[str, set[str]] = {}
        for unit, _year, measure, _value, _where in self.rows:
            filled.setdefault(unit, set()).add(measure)
        if all(self.wanted <= measures for measures in filled.values()):
            return
        for name, where in self.unmatched.items():
            self.findings.append(Finding(where, "DATA_MEASURE_UNMATCHED", Severity.INFO, {"name": name}))

    def year(self, text: str, where: Source) -> int | None:
        found = read_year(text)
        if found is None:
            return None
        year, school = found
        if school and not self.school_said:
            self.school_said = True
            self.findings.append(Finding(where, "DATA_SCHOOL_YEAR", Severity.INFO, {"text": text, "year": year}))
        return year

    def add(self, unit: str, year: int, measure: str, text: str, where: Source) -> None:
        value = cell_number(text, where, self.findings)
        if value is None:
            return
        if value < 0:
            self.findings.append(Finding(where, "DATA_NEGATIVE", Severity.ERROR, {"text": text, "measure": measure}))
            return
        key = (unit, year, measure)
        if key in self.seen:
            args = {"unit": unit, "year": year, "measure": measure, "first": str(self.seen[key])}
            self.findings.append(Finding(where, "DATA_DUPLICATE", Severity.ERROR, args))
            return
        self.seen[key] = where
        self.rows.append((unit, year, measure, value, where))


def _header_cell(grid: Grid, layout: Layout, index: int) -> Source:
    for i in range(layout.bottom, layout.top - 1, -1):
        cells = grid.rows[i][1]
        if index < len(cells) and cells[index][0]:
            return cells[index][1]
    return grid.rows[layout.top][1][0][1]


def _data_columns(grid: Grid, layout: Layout, reading: _Reading) -> list[tuple[int, str | None, int | None, Column]]:
    """Each data column with the measure and year it names (None: its row says); two columns
    naming one measure and year fill neither, with a finding at the second."""
    out: list[tuple[int, str | None, int | None, Column]] = []
    first: dict[tuple[str, int | None], Column] = {}
    doubled: set[tuple[str, int | None]] = set()
    for col in layout.data:
        where = _header_cell(grid, layout, col.index)
        measure = reading.measure((col.parts[-1], col.name), where) if col.parts else None
        if measure is not None:
            key = (measure, col.year)
            if key in first:
                doubled.add(key)
                args = {
                    "measure": measure,
                    "first": str(_header_cell(grid, layout, first[key].index)),
                }
                reading.findings.append(Finding(where, "DATA_MEASURE_TWICE", Severity.WARNING, args))
                continue
            first[key] = col
        out.append((col.index, measure, col.year, col))
    return [c for c in out if c[1] is None or (c[1], c[2]) not in doubled]


def _read_grid(grid: Grid, layout: Layout, reading: _Reading) -> None:
    unit_i, year_i = layout.role("unit"), layout.role("year")
    measure_i, value_i = layout.role("measure"), layout.role("value")
    if value_i is not None:
        columns: list[tuple[int, str | None, int | None, Column | None]] = [(value_i, None, None, None)]
    else:
        columns = list(_data_columns(grid, layout, reading))
    for *_, col in columns:
        if col is not None and col.school and not reading.school_said:
            reading.year(col.year_text, _header_cell(grid, layout, col.index))
    # a note, a section title, a blank: no value to read
    body = [cells for _, cells in grid.rows[layout.bottom + 1 :] if any(_text(cells, i) for i, *_ in columns)]
    default_unit = ""
    if unit_i is None:
        default_unit = grid.sheet or Path(grid.name).stem
        args = {"unit": default_unit}
        reading.findings.append(Finding(_header_cell(grid, layout, 0), "DATA_UNIT_FROM_SHEET", Severity.INFO, args))
    # a total row is left out only beside the units it adds up (a file of the province alone keeps it)
    named = {_text(c, unit_i) for c in body} - {""} if unit_i is not None else set()
    parts_listed = any(role_name(u) not in _TOTALS for u in named)
    unit_above = ""
    for cells in body:
        unit = _text(cells, unit_i) if unit_i is not None else default_unit
        if unit_i is not None and not unit and measure_i is not None:
            unit = unit_above  # merged down over the unit's measure rows
        unit_above = unit
        if parts_listed and unit_i is not None and role_name(unit) in _TOTALS:
            if _text(cells, unit_i):  # said once, where it is written (not on the rows it spans down)
                reading.findings.append(Finding(cells[unit_i][1], "DATA_TOTAL_ROW", Severity.INFO, {"text": unit}))
            continue
        row_year: int | None = None
        if year_i is not None:
            text, where = _cell(cells, year_i)
            if role_of(text) == "year":
                continue  # the header repeated (a page break)
            row_year = reading.year(text, where)
            if row_year is None:
                reading.findings.append(Finding(where, "DATA_BAD_YEAR", Severity.ERROR, {"text": text}))
                continue
        row_measure = ""
        if measure_i is not None and _text(cells, measure_i):
            row_measure = reading.measure((_text(cells, measure_i),), cells[measure_i][1])
        for i, measure, year, _ in columns:
            if i >= len(cells) or not cells[i][0].strip():
                continue
            name = measure or row_measure
            at = year if year is not None else row_year
            if not name or at is None:
                continue
            text, where = cells[i]
            reading.add(unit, at, name, text, where)


def _text(cells: list[tuple[str, Source]], i: int | None) -> str:
    return cells[i][0].strip() if i is not None and i < len(cells) else ""


def _cell(cells: list[tuple[str, Source]], i: int) -> tuple[str, Source]:
    return cells[i] if i < len(cells) else ("", cells[-1][1])


def read_observations(
    path: Path, name: str, measures: Measures | None = None, wanted: frozenset[str] = frozenset()
) -> tuple[list[Observation], list[Finding]]:
    """Every value of the file with its cell; ``InputError`` when the file cannot be read."""
    grids = read_grids(path, name)
    if not any(g.rows for g in grids):
        raise InputError(Source(name), "TABLE_EMPTY")
    reading = _Reading(name, measures or package_measures(), wanted)
    skipped = []
    read_any = False
    for grid in grids:
        if not grid.rows:
            continue
        layout = find_header(grid)
        if layout is None:
            skipped.append(grid)
            continue
        read_any = True
        _read_grid(grid, layout, reading)
    if not read_any:
        reading.findings.append(Finding(Source(name, 1), "DATA_NO_HEADER", Severity.ERROR, {}))
        return [], reading.findings
    for grid in skipped:
        where = Source(name, None, None, f"{grid.sheet}!A1")
        reading.findings.append(Finding(where, "DATA_SHEET_SKIPPED", Severity.INFO, {"sheet": grid.sheet}))
    reading.unmatched_notes()
    return reading.rows, reading.findings
