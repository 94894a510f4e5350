"""Indicator evaluation: 10 targets over 50.000 units × 10 years, beside a bare pandas groupby
computing the same ratios (per unit-year and per year, in float) in the same run.

Run: python benchmarks/bench_indicators.py [N_UNITS]
Goal (issue 5): within 2x of the bare pandas computation. Ours is exact: scaled integers,
integer comparisons, ratio of sums; the baseline divides floats. Ours also proves, from
each measure's largest value, that no int64 product or sum can wrap around (issue 9).
A second run, for information, gives the money measures large figures (10^15 đồng a
unit): the sums by year pass int64 and are done exactly (split into 32-bit halves, then
Python integers for the few aggregate rows); the goal applies to the usual figures only.
"""

from __future__ import annotations

import sys
from decimal import Decimal
from typing import Any

import numpy as np
import pandas as pd
from timing import timed  # benchmarks/timing.py, beside this script

from budget.source import Source
from indicators.dataset import Dataset
from indicators.evaluate import evaluate
from indicators.model import Kind, Share, Target

GOAL = 2.0
YEARS = 10
S = Source("bench")
TARGETS = [
    Target(
        "GD",
        "chi giáo dục",
        Kind.MINIMUM,
        S,
        Decimal(20),
        numerator=("gd",),
        denominator="chi",
        measure_unit="triệu đồng",
    ),
    Target(
        "GDY",
        "giảng dạy",
        Kind.MINIMUM,
        S,
        Decimal(19),
        numerator=("gday",),
        denominator="tx",
        measure_unit="triệu đồng",
    ),
    Target(
        "TC",
        "trường chuẩn",
        Kind.RANGE,
        S,
        Decimal(80),
        Decimal(85),
        numerator=("dat",),
        denominator="tr",
        measure_unit="trường",
    ),
    Target(
        "TC66", "trường chuẩn 2025", Kind.MINIMUM, S, Decimal(66), numerator=("dat",), denominator="tr", deadline=2030
    ),
    Target("LD", "lao động đào tạo", Kind.RANGE, S, Decimal(75), Decimal(80), numerator=("ldt",), denominator="ld"),
    Target("BC", "bằng cấp", Kind.RANGE, S, Decimal(55), Decimal(60), numerator=("bc",), denominator="ld"),
    Target(
        "PL",
        "phân luồng",
        Kind.SPLIT,
        S,
        shares=(Share("thpt", Decimal(70)), Share("nghe", Decimal(30))),
        numerator=("thpt", "nghe"),
        denominator="tn",
    ),
    Target("KC", "kiên cố", Kind.MINIMUM, S, Decimal(100), numerator=("kc",), denominator="ph", deadline=2032),
    Target("DN", "đào tạo nghề", Kind.COUNT, S, Decimal(230000), unit="lượt người", numerator=("dn",)),
    Target("BO", "bỏ học", Kind.MAXIMUM, S, upper=Decimal(1), numerator=("bo",), denominator="hs"),
]
PAIRS = [("gd", "chi"), ("gday", "tx"), ("dat", "tr"), ("dat", "tr"), ("ldt", "ld"), ("bc", "ld"), ("thpt", "tn"),
         ("kc", "ph"), ("dn", None), ("bo", "hs")]  # fmt: skip


MONEY = ("gd", "chi", "gday", "tx")


def _data(n_units: int, money_factor: int = 1) -> tuple[Dataset, pd.DataFrame]:
    rng = np.random.default_rng(7)
    n = n_units * YEARS
    # year-major, as indicators.dataset.build arranges data read from files
    names = np.array([f"U{i:06d}" for i in range(n_units)], dtype=object)
    units = np.tile(np.arange(n_units, dtype=np.int64), YEARS)
    years = np.repeat(np.arange(2021, 2021 + YEARS, dtype=np.int64), n_units)
    den = {m: rng.integers(1000, 100000, n, dtype=np.int64) for m in ("chi", "tx", "tr", "ld", "tn", "ph", "hs")}
    values = dict(den)
    for num, d in (
        ("gd", "chi"),
        ("gday", "tx"),
        ("dat", "tr"),
        ("ldt", "ld"),
        ("bc", "ld"),
        ("kc", "ph"),
        ("bo", "hs"),
    ):
        values[num] = (den[d] * rng.integers(0, 100, n) // 100).astype(np.int64)
    values["thpt"] = (den["tn"] * 70 // 100).astype(np.int64)
    values["nghe"] = den["tn"] - values["thpt"]
    values["dn"] = rng.integers(0, 50, n, dtype=np.int64)
    for m in MONEY:
        values[m] = values[m] * money_factor
    present = {m: np.ones(n, dtype=bool) for m in values}
    data = Dataset(units, names, years, values, present, {m: 0 for m in values})
    frame = pd.DataFrame({"unit": units, "year": years, **values})
    return data, frame


def _ours(data: Dataset) -> None:
    """A fresh dataset each run: unit and year codes and every cache are built inside the timing."""
    fresh = Dataset(data.unit_codes, data.unit_names, data.years, data.values, data.present, data.scale)
    evaluate(TARGETS, fresh)


def _bare(frame: pd.DataFrame) -> list[Any]:
    """What a pandas user writes: ratios per unit-year and per year, in float."""
    out = []
    by_year = frame.groupby("year").sum(numeric_only=True)
    for num, den in PAIRS:
        if den is None:
            out.append((frame[num], by_year[num]))
        else:
            out.append((frame[num] / frame[den] * 100, by_year[num] / by_year[den] * 100))
    return out


def main() -> int:
    n_units = int(sys.argv[1]) if len(sys.argv) > 1 else 50_000
    data, frame = _data(n_units)
    ours, bare = [], []
    for _ in range(3):
        ours.append(timed(lambda: _ours(data)))
        bare.append(timed(lambda: _bare(frame)))
    ratio = min(ours) / min(bare)
    print(f"targets: {len(TARGETS)}  units: {n_units}  years: {YEARS}  rows: {len(data)}")
    print(f"exact evaluation (codes, statuses, aggregates, trajectories): {min(ours):.3f} s")
    print(f"bare pandas groupby, float ratios:                          {min(bare):.3f} s")
    print(f"ratio: {ratio:.2f}  (goal <= {GOAL})  {'OK' if ratio <= GOAL else 'OVER GOAL'}")
    large, large_frame = _data(n_units, 10**10)
    big = min(timed(lambda: _ours(large)) for _ in range(3))
    big_bare = min(timed(lambda: _bare(large_frame)) for _ in range(3))
    print(f"large figures (sums past int64), for information: {big:.3f} s, ratio {big / big_bare:.2f}")
    return 0 if ratio <= GOAL else 1


if __name__ == "__main__":
    sys.exit(main())
