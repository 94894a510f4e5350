"""Targets × data → statuses, gaps and trajectories, exactly, at any magnitude.

Decisions are integer comparisons: ``num/den ≥ p%`` is ``num·100·10^k ≥ P·den`` with
``p = P/10^k``, vectorised over every unit-year; a boundary value therefore meets its
target (20,00% meets tối thiểu 20%). No integer wraps around: every product and sum runs
on int64 only when the bounds of its operands prove that it fits, and on Python integers
otherwise (``indicators.exact``). Aggregates over units are ratios of sums, never
means of ratios. Gaps are in the measures' own units: how many more schools, how much
more spending (with the total fixed, and with the addition raising the total too).
Trajectories (``indicators.progress``) compare the pace achieved since the base year with
the pace needed, for the province and for each unit.

Only sound rows count. A row whose figures cannot be true (a zero denominator, a numerator
above its denominator; a cell that is not a number never became a value) keeps its finding
at its cell and is left out of every aggregate. Every aggregate counts the units it sums
against the units expected (``indicators.coverage``): below the officer's minimum share the
verdict is withheld. The yearly history behind a trajectory sums, in every year, the same
units: those with sound data in each year compared.

Policy. Exceeding a range of attainment (``80 - 85%`` of schools, ``từ 3 đến 5 trường``)
is not a shortfall: it is reported as above the range and never asks a unit to do less;
exceeding a maximum (``tối đa``) is a shortfall, with the gap to come down. From its
deadline year on a target is due: it is met or not, and pace no longer matters. An as-of
year without data gives no verdict, and a finding names the last year with data.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from fractions import Fraction
from functools import cached_property
from typing import Any

import numpy as np

from budget.findings import Finding, Severity
from indicators.coverage import DEFAULT_RULE, CoverageRule, too_few
from indicators.dataset import Dataset
from indicators.exact import (
    Ints,
    added,
    block_sums,
    compared,
    decimals,
    from_scaled,
    masked,
    scaled,
    scaled_int,
    to_decimal,
)
from indicators.model import Kind, Target
from indicators.progress import Pace, Trajectory, plan_year, trajectory


class Status(enum.IntEnum):
    MET = 0
    NOT_MET = 1
    BELOW = 2  # below range (or below a split share)
    ABOVE = 3  # above range (or above a split share)
    NO_DATA = 4
    ZERO_DENOMINATOR = 5
    UNSOUND = 6  # a numerator above its denominator: the row is left out of every aggregate
    INSUFFICIENT = 7  # an aggregate over too few of the expected units: no verdict


NO_VERDICT = (Status.NO_DATA, Status.ZERO_DENOMINATOR, Status.UNSOUND, Status.INSUFFICIENT)
__all__ = ["Pace", "Trajectory"]  # defined in indicators.progress, imported from here too


def shortfall(kind: Kind, status: Status) -> bool:
    """Whether a status falls short of the target. Above a range of attainment (or a
    count's range) is not; above a share of a split is (another share is then below)."""
    if status in (Status.NOT_MET, Status.BELOW):
        return True
    return status is Status.ABOVE and kind is Kind.SPLIT


@dataclass(frozen=True)
class Part:
    """One compared quantity of a target (the target itself, or one share of a split)."""

    label: str
    num: np.ndarray  # scaled integers (int64, or Python ints when large), per row
    status: np.ndarray  # Status codes (int8), per row
    lower: Decimal | None
    upper: Decimal | None
    tolerance: Decimal | None = None  # a split's share: half a unit of its last stated digit


def split_tolerance(percent: Decimal) -> Decimal:
    """Half a unit of the share's last written digit: ``70`` tolerates ±0,5 point, ``70,5`` ±0,05."""
    return from_scaled(5, decimals(percent) + 1)


@dataclass(frozen=True)
class Rows:
    """One evaluation over some rows: per unit-year, or per year for the aggregate."""

    unit_codes: np.ndarray  # index into unit_names per row (-1 for the aggregate of all units)
    unit_names: np.ndarray
    years: np.ndarray
    den: np.ndarray | None  # scaled integers (int64, or Python ints when large); None for counts
    parts: tuple[Part, ...]
    status: np.ndarray  # overall status per row
    scale: int  # decimals of num and den
    reported: np.ndarray | None = None  # aggregates: the units summed, per row
    expected: int = 0  # aggregates: the units expected

    def value(self, part: int, row: int) -> Fraction | None:
        """The percentage (or the count) of one part at one row, exactly."""
        num = int(self.parts[part].num[row])
        if self.den is None:
            return Fraction(num, 10**self.scale)
        den = int(self.den[row])
        return None if den == 0 else Fraction(num * 100, den)

    def unit(self, row: int) -> str:
        code = int(self.unit_codes[row])
        return "" if code < 0 else str(self.unit_names[code])

    def index(self, year: int, unit: str | None = None) -> int | None:
        match = self.years == year
        if unit is not None:
            codes = np.nonzero(self.unit_names == unit)[0]
            match &= self.unit_codes == (int(codes[0]) if len(codes) else -2)
        hits = np.nonzero(match)[0]
        return int(hits[0]) if len(hits) else None


@dataclass(frozen=True)
class Gap:
    """How far a part is from its bound, in the measures' unit."""

    direction: int  # +1: more is needed, -1: less is needed (or, when not required, above the range)
    amount: Decimal  # with the denominator fixed (counts: whole units, rounded up)
    amount_rising_total: Decimal | None = None  # money: the addition also raises the total
    required: bool = True  # False above a range of attainment: an excess, nothing to reduce


@dataclass(frozen=True)
class TargetResult:
    target: Target
    units: Rows
    aggregate: Rows
    as_of: int | None
    trajectory: Trajectory | None
    findings: tuple[Finding, ...] = field(default_factory=tuple)
    last_year: int | None = None  # the last year with data for this target
    history: Rows | None = None  # by year, over the units with sound data in every year compared
    history_units: int = 0  # how many units the history sums
    base_year: int | None = None  # the plan's year, when the target's source names one
    missing_years: tuple[tuple[str, tuple[int, ...]], ...] = ()  # (unit, years it lacks)

    @property
    def coverage(self) -> tuple[int, int] | None:
        """(units reported, units expected) for the aggregate in the as-of year."""
        i = None if self.as_of is None else self.aggregate.index(self.as_of)
        if i is None or self.aggregate.reported is None:
            return None
        return int(self.aggregate.reported[i]), self.aggregate.expected

    @cached_property
    def unit_trajectories(self) -> dict[str, Trajectory]:
        """Each unit's progress from the base year to the as-of year, computed when asked for."""
        return unit_trajectories(self)

    @property
    def status(self) -> Status:
        """The aggregate's status in the as-of year."""
        if self.as_of is None:
            return Status.NO_DATA
        i = self.aggregate.index(self.as_of)
        return Status.NO_DATA if i is None else Status(int(self.aggregate.status[i]))

    @property
    def evaluated(self) -> bool:
        """A verdict exists: the as-of year has data, a denominator that is not 0, and enough
        of the expected units reported."""
        return self.status not in NO_VERDICT

    @property
    def due(self) -> bool:
        """No deadline, or the as-of year is the deadline or later: judged met or not met."""
        deadline = self.target.deadline
        return deadline is None or (self.as_of is not None and self.as_of >= deadline)

    @property
    def beyond_data(self) -> bool:
        """The as-of year is after the last year with data."""
        return self.as_of is not None and (self.last_year is None or self.as_of > self.last_year)

    @property
    def failing(self) -> bool:
        """Short of the target when due, or off track before the deadline. A target without
        a verdict is neither failing nor met (``evaluated`` says so)."""
        if not self.evaluated:
            return False
        if self.due:
            return shortfall(self.target.kind, self.status)
        return self.trajectory is not None and self.trajectory.pace is not Pace.ON_TRACK

    def gap(self, part: int, row: int, rows: Rows | None = None) -> Gap | None:
        return gap_of(self.target, rows or self.aggregate, part, row)


def _status(
    kind: Kind, num: Ints, den: Ints | None, lower: Decimal | None, upper: Decimal | None, scale: int, percent: bool,
) -> np.ndarray:  # fmt: skip
    """Exact comparisons: num·100·10^k vs P·den for a percent ``P/10^k``, num·10^k vs C·10^scale
    for a count; both bounds share one scaling of the numerator. Products are int64 only
    where their bounds fit (``indicators.exact``)."""
    status = np.zeros(len(num.values), dtype=np.int8)
    bounds = [(role, scaled_int(b, decimals(b)), decimals(b)) for role, b in (("lower", lower), ("upper", upper))
              if b is not None]  # fmt: skip
    if not bounds:
        return status
    k = max(kb for _, _, kb in bounds)
    lhs = scaled(num, 100 * 10**k if percent else 10**k)
    for role, b, kb in bounds:
        factor = b * 10 ** (k - kb)
        rhs = scaled(den, factor) if percent and den is not None else factor * 10**scale
        # a value cannot be both below the lower and above the upper bound: codes add up
        if role == "lower":
            code = Status.NOT_MET if kind is Kind.MINIMUM else Status.BELOW
            status += compared(np.less, lhs, rhs).view(np.int8) * np.int8(code)
        else:
            code = Status.NOT_MET if kind is Kind.MAXIMUM else Status.ABOVE
            status += compared(np.greater, lhs, rhs).view(np.int8) * np.int8(code)
    return status


def _rows(target: Target, units: tuple[np.ndarray, np.ndarray], years: np.ndarray, nums: list[Ints],
          den: Ints | None, missing: np.ndarray, scale: int, unsound: np.ndarray | None = None) -> Rows:  # fmt: skip
    percent = target.is_percent
    parts: list[Part] = []
    if target.kind is Kind.SPLIT:
        total = den if den is not None else added(nums)
        for share, num in zip(target.shares, nums, strict=True):
            tol = split_tolerance(share.percent)
            low, high = share.percent - tol, share.percent + tol  # exact: few digits
            st = _status(Kind.RANGE, num, total, low, high, scale, True)
            parts.append(Part(share.label, num.values, st, low, high, tol))
        den = total
        overall = np.where(np.any(np.stack([p.status for p in parts]) != 0, axis=0), Status.NOT_MET, Status.MET)
        overall = overall.astype(np.int8)
    else:
        num = added(nums)
        st = _status(target.kind, num, den, target.lower, target.upper, scale, percent)
        parts.append(Part(target.name, num.values, st, target.lower, target.upper))
        overall = st.copy()  # the part's status and the overall one diverge for no data
    # rare conditions: test once over the column, mark rows only when present
    if den is not None and not bool(np.all(den.values)):
        zero = np.asarray(den.values == 0, dtype=bool)
        overall[zero] = Status.ZERO_DENOMINATOR
        for p in parts:
            p.status[zero] = Status.ZERO_DENOMINATOR
    if unsound is not None and unsound.any():
        overall[unsound] = Status.UNSOUND
        for p in parts:
            p.status[unsound] = Status.UNSOUND
    if missing.any():
        overall[missing] = Status.NO_DATA
        for p in parts:
            p.status[missing] = Status.NO_DATA
    kept_den = den.values if den is not None and (percent or target.kind is Kind.SPLIT) else None
    return Rows(units[0], units[1], years, kept_den, tuple(parts), overall, scale)


# The kinds beyond levels (approximate, per year, change, from-to, direction, ratio, build):
# ``indicators.kinds`` registers its evaluator here when imported (the API imports it).
LEVELS = (Kind.MINIMUM, Kind.MAXIMUM, Kind.RANGE, Kind.SPLIT, Kind.COUNT)
KIND_EVALUATORS: list[Callable[[Target, Dataset, int | None], TargetResult | None]] = []


def evaluate_target(
    target: Target, data: Dataset, as_of: int | None = None, rule: CoverageRule = DEFAULT_RULE
) -> TargetResult:
    for special in KIND_EVALUATORS:
        if (result := special(target, data, as_of)) is not None:
            return result
    if target.kind not in LEVELS or target.per_year or target.is_ratio:  # judged as a level, it would be wrong
        raise RuntimeError(f"target {target.id} of kind {target.kind.value}: import indicators.kinds to judge it")
    measures = [*target.numerator] + ([target.denominator] if target.denominator else [])
    findings: list[Finding] = []
    absent = [m for m in measures if m not in data.values]
    if absent:
        findings.append(
            Finding(
                target.source,
                "TARGET_MEASURE_MISSING",
                Severity.ERROR,
                {"id": target.id, "measures": ", ".join(absent)},
            )
        )
        empty = np.array([], dtype=np.int64)
        rows = Rows(empty, data.unit_names, empty, None, (), np.array([], dtype=np.int8), 0)
        return TargetResult(target, rows, rows, None, None, tuple(findings))
    scale = max(data.scale[m] for m in measures)
    nums: list[Ints] = []
    presents = []
    for m in target.numerator:
        v, p = data.measure(m, scale)
        nums.append(v)
        presents.append(p)
    den = None
    if target.denominator:
        den, p = data.measure(target.denominator, scale)
        presents.append(p)
    present = np.logical_and.reduce(presents) if presents else np.ones(len(data), bool)
    missing = ~present
    zero, over = _unusable(target, nums, den)
    unsound = None if zero is None and over is None else _or(zero, over) & present
    units_rows = _rows(target, (data.unit_codes, data.unit_names), data.years, nums, den, missing, scale, over)
    findings += _data_findings(target, data, nums, den, missing, zero, over)
    sound = present if unsound is None else present & ~unsound

    # aggregate: ratio of sums over the units with sound data that year
    years = data.year_values
    all_sound = bool(sound.all())

    def by_year(values: Ints, keep: np.ndarray = sound, every: bool = all_sound) -> Ints:
        return _group_sum(values if every else masked(values, keep), data)

    agg_nums = [by_year(n) for n in nums]
    agg_den = None if den is None else by_year(den)
    counted = data.rows_per_year() if all_sound else by_year(Ints(sound.astype(np.int64), 1)).values
    counted = np.asarray(counted, dtype=np.int64)
    expected = rule.expected_of(len(data.unit_names))
    everyone = (np.full(len(years), -1, dtype=np.int64), data.unit_names)
    aggregate = _rows(target, everyone, years, agg_nums, agg_den, counted == 0, scale)
    aggregate = _withheld(aggregate, counted, expected, rule)
    observed = [int(y) for y, s in zip(years, aggregate.status, strict=True) if s != Status.NO_DATA]
    last = max(observed) if observed else None
    year = as_of if as_of is not None else last
    base = plan_year(target.reference)
    history, history_units = aggregate, int(np.count_nonzero(data.rows_per_unit()))
    tr = None
    if year is not None and year in observed:
        window = [y for y in observed if y <= year and (base is None or y >= base)]
        if len(window) < 2:  # no history from the base year: from the first year (as the trajectory does)
            window = [y for y in observed if y <= year]
        if not (all_sound and len(data) == len(data.unit_names) * len(years)):  # not every unit every year
            history, history_units = _common_history(target, data, nums, den, sound, window, scale, expected, by_year)
        i = aggregate.index(year)
        assert i is not None
        if aggregate.status[i] == Status.INSUFFICIENT:
            findings.append(_coverage_finding(target, year, int(counted[i]), expected, rule))
        elif target.deadline is not None:
            tr = _trajectory(target, history, year, base)
    else:  # no verdict without data in the as-of year: say why, never count it as met
        findings.append(_horizon_finding(target, year, observed))
    lacking = _missing_years(data, present)
    return TargetResult(target, units_rows, aggregate, year, tr, tuple(findings), last, history, history_units, base,
                        lacking)  # fmt: skip


def _or(a: np.ndarray | None, b: np.ndarray | None) -> np.ndarray:
    if a is None:
        assert b is not None
        return b
    return a if b is None else a | b


def _unusable(target: Target, nums: list[Ints], den: Ints | None) -> tuple[np.ndarray | None, np.ndarray | None]:
    """Rows whose figures cannot be true: a zero denominator; a numerator above its denominator
    (a share of it: not for a split, whose parts' sum is checked against the total with a
    warning, nor for a ratio of two measures, ``học sinh/lớp``, whose bounds pass 100% of
    the denominator: its numerator is above it by nature)."""
    if den is None:
        return None, None
    zero = None if bool(np.all(den.values)) else np.asarray(den.values == 0, dtype=bool)
    over = None
    share = all(b is None or b <= 100 for b in (target.lower, target.upper))
    if target.kind is not Kind.SPLIT and not target.is_ratio and share:
        above = compared(np.greater, added(nums), den)
        if zero is not None:
            above &= ~zero  # a zero denominator is its own reason
        over = above if bool(above.any()) else None
    return zero, over


def _withheld(rows: Rows, reported: np.ndarray, expected: int, rule: CoverageRule) -> Rows:
    """The aggregate with its coverage, and no verdict where too few units reported."""
    few = too_few(reported, expected, rule.minimum)
    if few.any():
        rows.status[few] = Status.INSUFFICIENT
        for p in rows.parts:
            p.status[few] = Status.INSUFFICIENT
    return replace(rows, reported=reported, expected=expected)


def _coverage_finding(target: Target, year: int, reported: int, expected: int, rule: CoverageRule) -> Finding:
    share = to_decimal(rule.minimum * 100, 2, up=True)
    args = {"id": target.id, "year": year, "reported": reported, "expected": expected, "minimum": share}
    return Finding(target.source, "TARGET_LOW_COVERAGE", Severity.WARNING, args)


def _common_history(target: Target, data: Dataset, nums: list[Ints], den: Ints | None, sound: np.ndarray,
                    window: list[int], scale: int, expected: int, by_year: Any) -> tuple[Rows, int]:  # fmt: skip
    """Sums by year over the units with sound data in every year of ``window``."""
    in_window = np.isin(data.years, np.asarray(window, dtype=np.int64))
    per_unit = np.bincount(data.unit_codes[sound & in_window], minlength=len(data.unit_names))
    common = per_unit == len(window)
    keep = sound & common[data.unit_codes]
    hist_nums = [by_year(n, keep, False) for n in nums]
    hist_den = None if den is None else by_year(den, keep, False)
    counted = np.asarray(by_year(Ints(keep.astype(np.int64), 1), keep, False).values, dtype=np.int64)
    everyone = (np.full(len(data.year_values), -1, dtype=np.int64), data.unit_names)
    rows = _rows(target, everyone, data.year_values, hist_nums, hist_den, counted == 0, scale)
    return replace(rows, reported=counted, expected=expected), int(np.count_nonzero(common))


def _horizon_finding(target: Target, year: int | None, observed: list[int]) -> Finding:
    if not observed:
        measures = ", ".join([*target.numerator, *([target.denominator] if target.denominator else [])])
        return Finding(target.source, "TARGET_NO_DATA", Severity.WARNING, {"id": target.id, "measures": measures})
    last = max(observed)
    if year is not None and year > last:
        args: dict[str, object] = {"id": target.id, "year": year, "last": last}
        return Finding(target.source, "TARGET_AFTER_DATA", Severity.WARNING, args)
    args = {"id": target.id, "year": year, "years": ", ".join(map(str, observed))}
    return Finding(target.source, "TARGET_NO_DATA_YEAR", Severity.WARNING, args)


def _group_sum(values: Ints, data: Dataset) -> Ints:
    """Exact sums by year: rows sorted by year once, then contiguous reductions, int64 only
    when (largest value) × (most rows in a year) fits."""
    order, starts = data.by_year()
    if not len(values.values):
        return Ints(np.zeros(0, dtype=np.int64), 0)
    return block_sums(values, None if data.year_sorted else order, starts, data.most_rows_per_year())


def _data_findings(target: Target, data: Dataset, nums: list[Ints], den: Ints | None, missing: np.ndarray,
                   zero: np.ndarray | None, over: np.ndarray | None) -> list[Finding]:  # fmt: skip
    """Each unusable row, at its cell, with its reason (the aggregates leave it out)."""
    out: list[Finding] = []
    present = ~missing if bool(missing.any()) else None

    def rows_where(condition: np.ndarray) -> np.ndarray:
        return np.nonzero(condition & present if present is not None else condition)[0]

    def at(i: int, measure: str) -> tuple[str, int, Any]:
        u, y = data.unit(i), int(data.years[i])
        return u, y, data.where.get((u, y, measure), target.source)

    if den is None:
        return out
    if zero is not None:
        for i in rows_where(zero):
            u, y, where = at(i, target.denominator or "")
            args = {"id": target.id, "unit": u, "year": y}
            out.append(Finding(where, "DATA_ZERO_DENOMINATOR", Severity.WARNING, args))
    if over is not None:
        for i in rows_where(over):
            u, y, where = at(i, target.numerator[0])
            out.append(Finding(where, "DATA_NUMERATOR_OVER", Severity.ERROR, {"id": target.id, "unit": u, "year": y}))
    if target.kind is Kind.SPLIT and target.denominator:
        total = added(nums)
        for i in rows_where(compared(np.not_equal, total, den) & np.asarray(den.values != 0, dtype=bool)):
            u, y, where = at(i, target.denominator)
            share = Fraction(int(total.values[i]) * 100, int(den.values[i]))
            args = {"id": target.id, "unit": u, "year": y, "total": share}
            out.append(Finding(where, "SPLIT_NOT_100", Severity.WARNING, args))
    return out


def _missing_years(data: Dataset, present: np.ndarray) -> tuple[tuple[str, tuple[int, ...]], ...]:
    """Each unit without the data of a year that other units have: one (unit × year) table of
    presence filled at once, never a pass over the rows per unit (10⁵ units)."""
    n_units, n_years = len(data.unit_names), len(data.year_values)
    if bool(present.all()) and len(data) == n_units * n_years:
        return ()
    seen = np.zeros((n_units, n_years), dtype=bool)
    seen[data.unit_codes[present], data.year_codes[present]] = True
    some = np.asarray(seen.any(axis=1), dtype=bool)
    units, years = np.nonzero(~seen & some[:, None])  # by unit, then year
    if not len(units):
        return ()
    starts = np.flatnonzero(np.diff(units)) + 1
    names = data.unit_names[units[np.concatenate(([0], starts))]].tolist()
    lacking = np.split(data.year_values[years], starts)
    return tuple((str(n), tuple(ys.tolist())) for n, ys in zip(names, lacking, strict=True))


def _with_value(rows: Rows, as_of: int) -> np.ndarray:
    """Rows with a verdict (sound, enough units), up to ``as_of`` (vectorised, once)."""
    return (rows.years <= as_of) & ~np.isin(rows.status, np.array([int(s) for s in NO_VERDICT], dtype=np.int8))


def _points(rows: Rows, as_of: int, where: np.ndarray | None = None,
            usable: np.ndarray | None = None) -> list[tuple[int, Fraction]]:  # fmt: skip
    """(year, value) of the rows with a value, up to ``as_of``, in year order."""
    usable = _with_value(rows, as_of) if usable is None else usable
    chosen = np.flatnonzero(usable) if where is None else where[usable[where]]
    out = []
    for i in chosen.tolist():
        value = rows.value(0, i)
        if value is not None:
            out.append((int(rows.years[i]), value))
    return sorted(out)


def _direction(target: Target) -> tuple[Decimal, int] | None:
    """The bound progress aims at, and +1 (more is better) or −1; None for splits and unbounded."""
    bound = target.lower if target.lower is not None else target.upper
    if bound is None or target.kind is Kind.SPLIT or target.deadline is None:
        return None
    return bound, 1 if target.lower is not None else -1  # for a maximum, progress is going down


def _trajectory(target: Target, history: Rows, as_of: int, base: int | None) -> Trajectory | None:
    """Pace before the deadline; from the deadline year on, the history only (pace None)."""
    aim = _direction(target)
    if aim is None:
        return None
    assert target.deadline is not None
    return trajectory(_points(history, as_of), aim[0], aim[1], target.deadline, as_of, base)


def unit_trajectories(result: TargetResult) -> dict[str, Trajectory]:
    """Each unit's trajectory over its own sound rows (not for counts: units only contribute)."""
    target, rows, as_of = result.target, result.units, result.as_of
    aim = _direction(target)
    if aim is None or as_of is None or target.kind is Kind.COUNT or not len(rows.years):
        return {}
    assert target.deadline is not None
    order = np.lexsort((rows.years, rows.unit_codes))
    codes = rows.unit_codes[order]
    bounds = np.flatnonzero(np.diff(codes)) + 1
    out: dict[str, Trajectory] = {}
    base = result.base_year
    usable = _with_value(rows, as_of)
    for block in np.split(order, bounds):
        points = _points(rows, as_of, block, usable)
        if not points or points[-1][0] != as_of:
            continue  # no value in the as-of year: nothing to say of its pace
        tr = trajectory(points, aim[0], aim[1], target.deadline, as_of, base)
        if tr is not None:
            out[rows.unit(int(block[0]))] = tr
    return out


def gap_of(target: Target, rows: Rows, part: int, row: int) -> Gap | None:
    """How far one part is from its bound at one row; None when it is met or cannot be said.

    Above a range of attainment the amount is the excess, marked not required. Counted things
    are whole units and money whole đồng, both rounded up (no fraction of a đồng is asked for)."""
    st = Status(int(rows.parts[part].status[row]))
    if st is Status.MET or st in NO_VERDICT:
        return None
    p = rows.parts[part]
    num = Fraction(int(p.num[row]), 10**rows.scale)
    low = st in (Status.BELOW,) or (st is Status.NOT_MET and target.kind is not Kind.MAXIMUM)
    required = shortfall(target.kind, st)
    bound = p.lower if low else p.upper
    assert bound is not None
    dong = _dong_places(target.measure_unit)
    if rows.den is None:  # a count
        diff = (Fraction(bound) - num) if low else (num - Fraction(bound))
        amount = _to_decimal(diff, up=True) if dong is None else _whole(diff, dong)
        return Gap(1 if low else -1, amount, required=required)
    den = Fraction(int(rows.den[row]), 10**rows.scale)
    share = Fraction(bound) / 100
    needed = share * den
    places = 0 if dong is None else dong  # counted things: whole units
    if low:
        diff = needed - num
        rising = None if dong is None or share >= 1 else diff / (1 - share)
        return Gap(1, _whole(diff, places), None if rising is None else _whole(rising, places))
    return Gap(-1, _whole(num - needed, places), required=required)


def _dong_places(unit: str) -> int | None:
    """For a money unit, the decimals that make whole đồng (``triệu đồng``: 6); else None."""
    from budget.units import read_money

    money = read_money(unit)[0]
    return None if money is None else max(money.exponent, 0)


def _whole(value: Fraction, places: int) -> Decimal:
    """Rounded up to ``places`` decimals (whole units at 0), exactly."""
    scaled_up = -((-value.numerator * 10**places) // value.denominator)
    return from_scaled(scaled_up, places)


def _to_decimal(value: Fraction, up: bool, places: int = 6) -> Decimal:
    """Exact when the fraction has a finite decimal form; otherwise rounded up at ``places``."""
    return to_decimal(value, places, up)


def evaluate(targets: list[Target], data: Dataset, as_of: int | None = None,
             rule: CoverageRule = DEFAULT_RULE) -> list[TargetResult]:  # fmt: skip
    return [evaluate_target(t, data, as_of, rule) for t in targets]
