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

from budget.findings import Finding
from budget.source import Source
from indicators.exact import Ints, decimals, measured, scaled, scaled_int
from indicators.intake import read_observations
from indicators.measures import Measures


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


def read_data(
    path: Path, name: str | None = None, measures: Measures | None = None, wanted: frozenset[str] = frozenset()
) -> tuple[Dataset, list[Finding]]:
    """A data file as it arrives (``intake``: long, wide or yearbook form, header anywhere,
    every sheet) → the dataset and what could not be read. ``measures``: the spellings that
    fill measures (the package's by default); ``wanted``: the measures the targets use, kept
    when a column is named after one."""
    rows, findings = read_observations(path, name or str(path), measures, wanted)
    return build(rows), findings
