"""Targets × data → statuses, gaps and trajectories, exactly, at any magnitude.

Decisions are integer comparisons: ``num/den ≥ p%`` is ``num·100·10^k ≥ P·den`` with
``p = P/10^k``, vectorised over every unit-year; a boundary value therefore meets its
target (20,00% meets tối thiểu 20%). No integer wraps around: every product and sum runs
on int64 only when the bounds of its operands prove that it fits, and on Python integers
otherwise (``indicators.exact``). Aggregates over units are ratios of sums, never
means of ratios. Gaps are in the measures' own units: how many more schools, how much
more spending (with the total fixed, and with the addition raising the total too).
Trajectories compare the pace achieved (percentage points a year) with the pace needed
to reach the target by its deadline; growth rates, which break at 0% and near 100%, are
not used.

Policy. Exceeding a range of attainment (``80 - 85%`` of schools, ``từ 3 đến 5 trường``)
is not a shortfall: it is reported as above the range and never asks a unit to do less;
exceeding a maximum (``tối đa``) is a shortfall, with the gap to come down. From its
deadline year on a target is due: it is met or not, and pace no longer matters. An as-of
year without data gives no verdict, and a finding names the last year with data.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any

import numpy as np

from budget.findings import Finding, Severity
from indicators.dataset import Dataset
from indicators.exact import Ints, added, block_sums, compared, decimals, masked, scaled, scaled_int, to_decimal
from indicators.model import Kind, Target


class Status(enum.IntEnum):
    MET = 0
    NOT_MET = 1
    BELOW = 2  # below range (or below a split share)
    ABOVE = 3  # above range (or above a split share)
    NO_DATA = 4
    ZERO_DENOMINATOR = 5


class Pace(enum.StrEnum):
    ON_TRACK = "on_track"
    NEEDS_ACCELERATION = "needs_acceleration"
    LIMITED_PROGRESS = "limited_progress"
    MOVING_AWAY = "moving_away"


ON_TRACK_SHARE = Fraction(95, 100)  # of the required pace
ACCELERATION_SHARE = Fraction(1, 2)


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
class Trajectory:
    years: tuple[int, ...]
    values: tuple[Fraction, ...]
    target: Decimal
    deadline: int
    achieved: Fraction  # points (or units) a year, first to last observed year
    required: Fraction  # points a year needed from the first year to reach the target in time
    remaining: Fraction | None  # points a year still needed from the last year
    pace: Pace | None  # None once the deadline has come: the target is then met or not
    met: bool  # the last observed value already meets the target
    due: bool = False  # the as-of year is the deadline or later


@dataclass(frozen=True)
class TargetResult:
    target: Target
    units: Rows
    aggregate: Rows
    as_of: int | None
    trajectory: Trajectory | None
    findings: tuple[Finding, ...] = field(default_factory=tuple)
    last_year: int | None = None  # the last year with data for this target

    @property
    def status(self) -> Status:
        """The aggregate's status in the as-of year."""
        if self.as_of is None:
            return Status.NO_DATA
        i = self.aggregate.index(self.as_of)
        return Status.NO_DATA if i is None else Status(int(self.aggregate.status[i]))

    @property
    def evaluated(self) -> bool:
        """A verdict exists: the as-of year has data, and a denominator that is not 0."""
        return self.status not in (Status.NO_DATA, Status.ZERO_DENOMINATOR)

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
          den: Ints | None, missing: np.ndarray, scale: int) -> Rows:  # fmt: skip
    percent = target.is_percent
    parts: list[Part] = []
    if target.kind is Kind.SPLIT:
        total = den if den is not None else added(nums)
        for share, num in zip(target.shares, nums, strict=True):
            st = _status(Kind.RANGE, num, total, share.percent, share.percent, scale, True)
            parts.append(Part(share.label, num.values, st, share.percent, share.percent))
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


def evaluate_target(target: Target, data: Dataset, as_of: int | None = None) -> TargetResult:
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
    units_rows = _rows(target, (data.unit_codes, data.unit_names), data.years, nums, den, missing, scale)
    findings += _data_findings(target, data, units_rows, nums, den, missing)

    # aggregate: ratio of sums over the units that have every measure that year
    years = data.year_values
    all_present = bool(present.all())

    def by_year(values: Ints) -> Ints:
        return _group_sum(values if all_present else masked(values, present), data)

    agg_nums = [by_year(n) for n in nums]
    agg_den = None if den is None else by_year(den)
    counted = data.rows_per_year() if all_present else by_year(Ints(present.astype(np.int64), 1)).values
    no_rows = counted == 0
    everyone = (np.full(len(years), -1, dtype=np.int64), data.unit_names)
    aggregate = _rows(target, everyone, years, agg_nums, agg_den, no_rows, scale)
    observed = [int(y) for y, s in zip(years, aggregate.status, strict=True) if s != Status.NO_DATA]
    last = max(observed) if observed else None
    year = as_of if as_of is not None else last
    if year is not None and year in observed:
        trajectory = _trajectory(target, aggregate, year) if target.deadline is not None else None
    else:  # no verdict without data in the as-of year: say why, never count it as met
        trajectory = None
        findings.append(_horizon_finding(target, year, observed))
    return TargetResult(target, units_rows, aggregate, year, trajectory, tuple(findings), last)


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


def _data_findings(target: Target, data: Dataset, rows: Rows, nums: list[Ints], den: Ints | None,
                   missing: np.ndarray) -> list[Finding]:  # fmt: skip
    out: list[Finding] = []
    some_missing = bool(missing.any())
    present = ~missing if some_missing else None

    def rows_where(condition: np.ndarray) -> np.ndarray:
        return np.nonzero(condition & present if present is not None else condition)[0]

    def at(i: int, measure: str) -> tuple[str, int, Any]:
        u, y = data.unit(i), int(data.years[i])
        return u, y, data.where.get((u, y, measure), target.source)

    if den is not None:
        if not bool(np.all(den.values)):  # rare: test the column once, find the rows only then
            for i in rows_where(np.asarray(den.values == 0, dtype=bool)):
                u, y, where = at(i, target.denominator or "")
                args = {"id": target.id, "unit": u, "year": y}
                out.append(Finding(where, "DATA_ZERO_DENOMINATOR", Severity.WARNING, args))
        total = added(nums)
        if target.kind is not Kind.SPLIT:
            for i in rows_where(compared(np.greater, total, den)):
                u, y, where = at(i, target.numerator[0])
                out.append(
                    Finding(where, "DATA_NUMERATOR_OVER", Severity.ERROR, {"id": target.id, "unit": u, "year": y})
                )
        elif target.denominator:
            for i in rows_where(compared(np.not_equal, total, den) & np.asarray(den.values != 0, dtype=bool)):
                u, y, where = at(i, target.denominator)
                share = Fraction(int(total.values[i]) * 100, int(den.values[i]))
                args = {"id": target.id, "unit": u, "year": y, "total": share}
                out.append(Finding(where, "SPLIT_NOT_100", Severity.WARNING, args))
    # a unit without the data of a year that other units have (counted, not looped: 10⁵ units)
    n_years = len(data.year_values)
    if present is None:
        counts = data.rows_per_unit()
    else:
        counts = np.bincount(data.unit_codes[present], minlength=len(data.unit_names))
    for code in np.nonzero((counts > 0) & (counts < n_years))[0]:
        rows_of_unit = (data.unit_codes == code) & (present if present is not None else True)
        have = set(data.years[rows_of_unit].tolist())
        lacking = [int(y) for y in data.year_values if int(y) not in have]
        args = {"id": target.id, "unit": str(data.unit_names[code]), "years": ", ".join(map(str, lacking))}
        out.append(Finding(target.source, "DATA_MISSING_YEARS", Severity.INFO, args))
    return out


def _trajectory(target: Target, aggregate: Rows, as_of: int) -> Trajectory | None:
    """Pace before the deadline; from the deadline year on, the history only (pace None)."""
    assert target.deadline is not None
    bound = target.lower if target.lower is not None else target.upper
    if bound is None or target.kind is Kind.SPLIT:
        return None
    points = [
        (int(y), aggregate.value(0, i))
        for i, y in enumerate(aggregate.years)
        if y <= as_of and aggregate.status[i] != Status.NO_DATA and aggregate.value(0, i) is not None
    ]
    if len(points) < 2:
        return None
    (y0, v0), (y1, v1) = points[0], points[-1]
    assert v0 is not None and v1 is not None
    direction = 1 if target.lower is not None else -1  # for a maximum, progress is going down
    goal = Fraction(bound)
    achieved = (v1 - v0) / (y1 - y0)
    required = (goal - v0) / (target.deadline - y0) if target.deadline > y0 else Fraction(0)
    remaining = (goal - v1) / (target.deadline - y1) if target.deadline > y1 else None
    met_now = (v1 - goal) * direction >= 0
    due = as_of >= target.deadline
    pace: Pace | None
    if due:
        pace = None  # the target is judged met or not met, not by pace
    elif met_now:
        pace = Pace.ON_TRACK
    elif direction * required <= 0:
        pace = Pace.MOVING_AWAY if direction * achieved < 0 else Pace.LIMITED_PROGRESS
    else:
        ratio = achieved / required
        if ratio >= ON_TRACK_SHARE:
            pace = Pace.ON_TRACK
        elif ratio >= ACCELERATION_SHARE:
            pace = Pace.NEEDS_ACCELERATION
        elif ratio > 0:
            pace = Pace.LIMITED_PROGRESS
        else:
            pace = Pace.MOVING_AWAY
    values = tuple(v for _, v in points if v is not None)
    years_seen = tuple(y for y, _ in points)
    return Trajectory(years_seen, values, bound, target.deadline, achieved, required, remaining, pace, met_now, due)


def gap_of(target: Target, rows: Rows, part: int, row: int) -> Gap | None:
    """How far one part is from its bound at one row; None when it is met or cannot be said.

    Above a range of attainment the amount is the excess, marked not required."""
    st = Status(int(rows.parts[part].status[row]))
    if st in (Status.MET, Status.NO_DATA, Status.ZERO_DENOMINATOR):
        return None
    p = rows.parts[part]
    num = Fraction(int(p.num[row]), 10**rows.scale)
    low = st in (Status.BELOW,) or (st is Status.NOT_MET and target.kind is not Kind.MAXIMUM)
    required = shortfall(target.kind, st)
    bound = p.lower if low else p.upper
    assert bound is not None
    if rows.den is None:  # a count
        diff = (Fraction(bound) - num) if low else (num - Fraction(bound))
        return Gap(1 if low else -1, _to_decimal(diff, up=True), required=required)
    den = Fraction(int(rows.den[row]), 10**rows.scale)
    share = Fraction(bound) / 100
    needed = share * den
    counted = not _is_money(target.measure_unit)
    if low:
        diff = needed - num
        if counted:
            diff = Fraction(-((-diff.numerator) // diff.denominator))  # whole units, rounded up
        rising = None if counted or share >= 1 else diff / (1 - share)
        return Gap(
            1,
            _to_decimal(diff, up=True),
            None if rising is None else _to_decimal(rising, up=True, places=rows.scale + 3),
        )
    diff = num - needed
    if counted:
        diff = Fraction(-((-diff.numerator) // diff.denominator))
    return Gap(-1, _to_decimal(diff, up=True), required=required)


def _is_money(unit: str) -> bool:
    from budget.units import read_money

    return read_money(unit)[0] is not None


def _to_decimal(value: Fraction, up: bool, places: int = 6) -> Decimal:
    """Exact when the fraction has a finite decimal form; otherwise rounded up at ``places``."""
    return to_decimal(value, places, up)


def evaluate(targets: list[Target], data: Dataset, as_of: int | None = None) -> list[TargetResult]:
    return [evaluate_target(t, data, as_of) for t in targets]
