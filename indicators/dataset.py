"""Actual data: (unit, year) × measure, held as exact scaled integers for vectorised checks.

Every value is read exactly (Decimal from its text), then stored per measure as an integer
count of 10**-decimals (``12,5`` with one decimal is 125). Sums and comparisons on these
integers are exact and run at numpy speed; Decimal and Fraction appear only where a
figure is shown. Values too large for int64 keep Python integers (exact, slower); each
measure carries its bound (``indicators.exact``), so that every later sum and scaling
proves it fits before it runs on int64.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import numpy as np
import pandas as pd

from budget.costline import read_number_at
from budget.findings import Finding, Severity
from budget.numbers import NumberError, from_xml
from budget.source import Source
from indicators.exact import Ints, decimals, measured, scaled, scaled_int
from indicators.read_table import Table, read_table
from indicators.read_targets import columns_of

LONG = {"unit": "don vi", "year": "nam", "measure": "chi so", "value": "gia tri"}
LONG_EN = {"unit": "unit", "year": "year", "measure": "measure", "value": "value"}


@dataclass
class Dataset:
    """Measures aligned on (unit, year) rows, sorted by year then unit.

    Units are integer codes into ``unit_names`` (as a database would hold them); their
    names are looked up only for what is shown.
    """

    unit_codes: np.ndarray  # int64 index into unit_names, per row
    unit_names: np.ndarray  # object
    years: np.ndarray  # int64
    values: dict[str, np.ndarray]  # scaled integers (int64, or object for huge values)
    present: dict[str, np.ndarray]  # bool: the value exists for this unit-year
    scale: dict[str, int]  # decimals of each measure
    where: dict[tuple[str, int, str], Source] = field(default_factory=dict)  # cell of each value
    year_codes: np.ndarray = field(default_factory=lambda: np.array([], dtype=np.int64))  # year index per row
    year_values: np.ndarray = field(default_factory=lambda: np.array([], dtype=np.int64))
    _by_year: tuple[np.ndarray, np.ndarray] | None = field(default=None, repr=False, compare=False)
    _year_sorted: bool = field(default=False, repr=False, compare=False)
    _per_unit: np.ndarray | None = field(default=None, repr=False, compare=False)
    _per_year: np.ndarray | None = field(default=None, repr=False, compare=False)
    _bounds: dict[str, Ints] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        if len(self.year_codes) != len(self.years):
            codes, values = pd.factorize(self.years, sort=True)
            self.year_codes, self.year_values = codes.astype(np.int64), np.asarray(values, dtype=np.int64)

    def unit(self, row: int) -> str:
        return str(self.unit_names[self.unit_codes[row]])

    @property
    def year_sorted(self) -> bool:
        self.by_year()
        return self._year_sorted

    def by_year(self) -> tuple[np.ndarray, np.ndarray]:
        """Row order that groups rows by year, and where each year's block starts (cached)."""
        if self._by_year is None:
            sorted_already = bool(np.all(self.year_codes[1:] >= self.year_codes[:-1]))
            order = np.arange(len(self.year_codes)) if sorted_already else np.argsort(self.year_codes, kind="stable")
            counts = np.bincount(self.year_codes, minlength=len(self.year_values))
            starts = np.concatenate(([0], np.cumsum(counts)[:-1])).astype(np.int64)
            self._by_year = (order, starts)
            self._year_sorted = sorted_already
        return self._by_year

    def rows_per_unit(self) -> np.ndarray:
        if self._per_unit is None:
            self._per_unit = np.bincount(self.unit_codes, minlength=len(self.unit_names))
        return self._per_unit

    def rows_per_year(self) -> np.ndarray:
        if self._per_year is None:
            self._per_year = np.bincount(self.year_codes, minlength=len(self.year_values))
        return self._per_year

    def __len__(self) -> int:
        return len(self.years)

    def most_rows_per_year(self) -> int:
        per_year = self.rows_per_year()
        return int(per_year.max()) if len(per_year) else 0

    def measure(self, name: str, scale: int) -> tuple[Ints, np.ndarray]:
        """The measure at ``scale`` decimals (never fewer than its own), with its bound
        (measured once), and its presence."""
        if name not in self._bounds:
            self._bounds[name] = measured(self.values[name])
        return scaled(self._bounds[name], 10 ** (scale - self.scale[name])), self.present[name]


def _scaled(values: list[Decimal]) -> tuple[Ints, int]:
    places = max((decimals(v) for v in values), default=0)
    ints = np.empty(len(values), dtype=object)
    ints[:] = [scaled_int(v, places) for v in values]
    return measured(ints), places


def build(rows: list[tuple[str, int, str, Decimal, Source]]) -> Dataset:
    """Observations (unit, year, measure, value, source) → aligned, scaled measures."""
    frame = pd.DataFrame(rows, columns=["unit", "year", "measure", "value", "source"])
    # year-major: each year's rows are contiguous, so sums by year need no gather
    keys = frame[["unit", "year"]].drop_duplicates().sort_values(["year", "unit"]).reset_index(drop=True)
    index = pd.MultiIndex.from_frame(keys)
    values: dict[str, np.ndarray] = {}
    present: dict[str, np.ndarray] = {}
    scale: dict[str, int] = {}
    bounds: dict[str, Ints] = {}
    for measure, group in frame.groupby("measure", sort=True):
        ints, places = _scaled(list(group["value"]))
        # placed by position, never through a float column (pandas' NaN for gaps would round)
        at = index.get_indexer(pd.MultiIndex.from_frame(group[["unit", "year"]]))
        filled = np.zeros(len(index), dtype=ints.values.dtype)
        filled[at] = ints.values
        mask = np.zeros(len(index), dtype=bool)
        mask[at] = True
        name = str(measure)
        values[name], present[name], scale[name] = filled, mask, places
        bounds[name] = Ints(filled, ints.bound)
    where = {(u, y, m): s for u, y, m, _, s in rows}
    codes, names = pd.factorize(keys["unit"], sort=True)
    data = Dataset(
        codes.astype(np.int64),
        np.asarray(names, dtype=object),
        keys["year"].to_numpy(dtype=np.int64),
        values,
        present,
        scale,
        where,
    )
    data._bounds.update(bounds)
    return data


def _number(table: Table, text: str, where: Source, findings: list[Finding]) -> Decimal | None:
    t = text.strip()
    if not t:
        return None
    try:
        if table.numeric and not any(ch in t for ch in ", "):
            return from_xml(t)
        value, fs = read_number_at(t, where)
        findings.extend(fs)
        return value
    except NumberError:
        findings.append(Finding(where, "DATA_NOT_A_NUMBER", Severity.ERROR, {"text": text}))
        return None


def read_data(path: Path, name: str | None = None) -> tuple[Dataset, list[Finding]]:
    """Long form (Đơn vị, Năm, Chỉ số, Giá trị) or wide form (Đơn vị, Năm, one column per measure)."""
    shown = name or str(path)
    table = read_table(path, shown, ("Số liệu",))
    cols = columns_of(table.header, LONG) or {}
    if "measure" not in cols:
        cols = {**columns_of(table.header, LONG_EN), **cols}
    findings: list[Finding] = []
    rows: list[tuple[str, int, str, Decimal, Source]] = []
    seen: dict[tuple[str, int, str], Source] = {}
    if "unit" not in cols or "year" not in cols:
        findings.append(Finding(Source(shown, 1), "DATA_NO_HEADER", Severity.ERROR, {}))
        return build([]), findings
    if "measure" in cols and "value" in cols:
        cells_of = [(cells, [(cells[cols["measure"]][0], cols["value"])]) for cells in table.rows]
    else:
        measure_cols = [
            i for i in range(len(table.header)) if i not in (cols["unit"], cols["year"]) and table.header[i]
        ]
        cells_of = [(cells, [(table.header[i], i) for i in measure_cols]) for cells in table.rows]
    for cells, items in cells_of:
        unit = cells[cols["unit"]][0].strip() if cols["unit"] < len(cells) else ""
        year_text, year_where = cells[cols["year"]] if cols["year"] < len(cells) else ("", cells[0][1])
        try:
            year = int(Decimal(year_text.strip()))
            if not 1900 <= year <= 2200:
                raise ValueError(year_text)
        except (ValueError, ArithmeticError):
            findings.append(Finding(year_where, "DATA_BAD_YEAR", Severity.ERROR, {"text": year_text}))
            continue
        for measure, i in items:
            if i >= len(cells) or not measure.strip():
                continue
            text, where = cells[i]
            value = _number(table, text, where, findings)
            if value is None:
                if not text.strip():
                    continue
                continue  # reported by _number
            if value < 0:
                findings.append(Finding(where, "DATA_NEGATIVE", Severity.ERROR, {"text": text, "measure": measure}))
                continue
            key = (unit, year, measure.strip())
            if key in seen:
                args = {"unit": unit, "year": year, "measure": measure.strip(), "first": str(seen[key])}
                findings.append(Finding(where, "DATA_DUPLICATE", Severity.ERROR, args))
                continue
            seen[key] = where
            rows.append((unit, year, measure.strip(), value, where))
    return build(rows), findings
