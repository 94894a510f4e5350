"""The kinds of target people write beyond a level, evaluated exactly on the data.

Each kind is either brought back to a level the evaluation already judges, on the same or
on derived data, or compared with a base year here, with Fractions:

- ``khoảng`` N (approximate): the range of its band, N ± half its rounding (``band``);
  the band is said with the result.
- a flow per year (``mỗi năm``): judged each year on that year's figure, never cumulated;
  it has no pace (every year is due).
- a ratio of two measures (``không quá 35 học sinh/lớp``): num ≤ 35·den, exactly.
- things to build (``xây mới 2.000 phòng học trước năm 2026``): the yearly figures added
  from the base year (else the first year of the data) to each year, per unit; a unit with
  a year missing has no total from that year on.
- from-to (``từ 60% năm 2020 lên 75% năm 2025``): the level 75% by 2025; the data's value
  in the base year is compared with the stated baseline (a note when they differ).
- a change (``tăng 10% so với năm 2020``; ``mỗi năm tăng 1 - 2%``; ``giảm 1,5%/năm``):
  against the same unit's value in the base year (per year: the year before). A measure
  with a denominator is a rate and changes in percentage points; a count or an amount
  changes relatively, in percent. Aggregates add the units that have both years.
- a direction only (``nâng cao tỷ lệ``): met when the value moved that way since the base
  year (else the first year of the data); the same value is not met. Never a level.

``evaluate.KIND_EVALUATORS`` calls ``evaluate_kind`` first for every target; it answers
None for the levels the evaluation judges itself.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from fractions import Fraction

import numpy as np

from budget.findings import Finding, Severity
from indicators import evaluate as ev
from indicators.dataset import Dataset
from indicators.exact import added, boxed, decimals, measured, scaled_int, to_decimal
from indicators.model import Kind, Target, band


@dataclass(frozen=True)
class Reading:
    """What a kind compared, for the writers: the band, the base year, the stated baseline."""

    band: Decimal | None = None  # approximate: half the band around the stated figure
    base_year: int | None = None  # change, direction, from-to, build: the year compared with (or added from)
    base_value: Fraction | None = None  # the data's value in the base year (aggregate)
    per_point: bool = False  # a change of a rate: percentage points, not percent


@dataclass(frozen=True)
class KindResult(ev.TargetResult):
    reading: Reading = Reading()

    @property
    def due(self) -> bool:
        if self.target.per_year:
            return True  # every year is its own period
        return super().due

    def gap(self, part: int, row: int, rows: ev.Rows | None = None) -> ev.Gap | None:
        rows = rows or self.aggregate
        if isinstance(rows, BaseRows):
            return rows.gap(self.target, part, row)
        if self.target.is_ratio:
            return _ratio_gap(self.target, rows, row)
        return ev.gap_of(_plain(self.target), rows, part, row)


@dataclass(frozen=True)
class RatioRows(ev.Rows):
    """Rows of a ratio evaluated as a percentage of the denominator: values shown per unit."""

    def value(self, part: int, row: int) -> Fraction | None:
        v = super().value(part, row)
        return None if v is None else v / 100


@dataclass(frozen=True)
class BaseRows(ev.Rows):
    """Rows compared with a base row (the same unit's base year, or year before): scaled
    integers per row, the numerator (``parts[0].num``), the denominator of a rate (``rate``)
    and the same at the base (``base_num``, ``base_rate``; ``paired`` false without a base).
    The value shown is the change (for a direction, the difference), computed when shown."""

    rate: np.ndarray | None = None
    base_num: np.ndarray | None = None
    base_rate: np.ndarray | None = None
    paired: np.ndarray | None = None
    relative: bool = False  # a change of a count or an amount: in percent of the base

    def level(self, row: int, base: bool = False) -> Fraction | None:
        """The percentage (a rate) or the count at a row, or at its base."""
        num = self.base_num if base else self.parts[0].num
        den = self.base_rate if base else self.rate
        assert num is not None
        if den is None:
            return Fraction(int(num[row]), 10**self.scale)
        d = int(den[row])
        return None if d == 0 else Fraction(int(num[row]) * 100, d)

    def value(self, part: int, row: int) -> Fraction | None:
        if self.paired is None or not self.paired[row]:
            return None
        level, base = self.level(row), self.level(row, True)
        if level is None or base is None or (self.relative and base == 0):
            return None
        return (level - base) * 100 / base if self.relative else level - base

    def gap(self, target: Target, part: int, row: int) -> ev.Gap | None:
        """How much more (or less) of the numerator the change needs, in the measures' unit."""
        st = ev.Status(int(self.status[row]))
        if target.kind is Kind.DIRECTION or st in (ev.Status.MET, ev.Status.NO_DATA, ev.Status.ZERO_DENOMINATOR):
            return None
        level, base = self.level(row), self.level(row, True)
        if level is None or base is None:
            return None
        low = st in (ev.Status.BELOW, ev.Status.NOT_MET) and target.lower is not None
        bound = target.lower if low else target.upper
        assert bound is not None
        step = Fraction(bound) * target.direction
        needed = base * (1 + step / 100) if self.relative else base + step
        diff = needed - level
        if self.rate is not None:  # a rate: the numerator that reaches it with the denominator fixed
            diff = diff * Fraction(int(self.rate[row]), 10**self.scale) / 100
        amount = abs(diff)
        if not _is_money(target):
            amount = Fraction(-((-amount.numerator) // amount.denominator))
        return ev.Gap(1 if diff > 0 else -1, to_decimal(amount, 6, True), required=ev.shortfall(target.kind, st))


def _is_money(target: Target) -> bool:
    from budget.units import read_money

    return read_money(target.measure_unit)[0] is not None


def evaluate_kind(target: Target, data: Dataset, as_of: int | None) -> ev.TargetResult | None:
    """The result of a kind beyond the levels; None for a level (judged by ``evaluate``)."""
    if target.kind in ev.LEVELS and not target.per_year and not target.is_ratio:
        return None
    if target.kind in (Kind.CHANGE, Kind.DIRECTION):
        return _against_base(target, data, as_of)
    if target.kind is Kind.BUILD:
        return _built(target, data, as_of)
    plain = _plain(target)
    reading = Reading(band=None if target.stated is None or target.lower is None else target.stated - target.lower)
    result = ev.evaluate_target(plain, data, as_of)
    findings = list(result.findings)
    if target.kind is Kind.FROM_TO:
        reading, more = _baseline(target, result)
        findings += more
    units, aggregate, trajectory = result.units, result.aggregate, result.trajectory
    if target.is_ratio:  # a ratio may pass 1: its numerator above its denominator is no error
        units, aggregate = _ratio_rows(units), _ratio_rows(aggregate)
        findings = [f for f in findings if f.code != "DATA_NUMERATOR_OVER"]
        trajectory = None if trajectory is None else _scaled_trajectory(trajectory, target)
    if target.per_year:
        trajectory = None  # each year is judged on its own figure: no pace towards a deadline
    return KindResult(
        target, units, aggregate, result.as_of, trajectory, tuple(findings), result.last_year, reading=reading
    )


def _plain(target: Target) -> Target:
    """The level a kind is judged as: a band as a range, a from-to as its goal, a ratio as a
    percentage of its denominator (×100); no per-year flag, no deadline for a flow per year."""
    kind = {Kind.APPROXIMATE: Kind.RANGE, Kind.BUILD: Kind.COUNT}.get(target.kind, target.kind)
    if target.kind is Kind.FROM_TO:
        kind = Kind.MINIMUM if target.direction >= 0 else Kind.MAXIMUM
    if target.kind is Kind.APPROXIMATE and not target.is_percent and not target.is_ratio:
        kind = Kind.COUNT  # a count about N is for the whole: units contribute
    fields: dict[str, object] = {"kind": kind, "per_year": False, "stated": None, "baseline": None}
    if target.per_year:
        fields["deadline"] = None
    if target.is_ratio:
        fields.update(
            unit="%",
            lower=None if target.lower is None else target.lower * 100,
            upper=None if target.upper is None else target.upper * 100,
        )
    return replace(target, **fields)  # type: ignore[arg-type]


def _ratio_rows(rows: ev.Rows) -> RatioRows:
    return RatioRows(
        rows.unit_codes, rows.unit_names, rows.years, rows.den, rows.parts, rows.status, rows.scale,
        rows.reported, rows.expected,
    )  # fmt: skip


def _scaled_trajectory(tr: ev.Trajectory, target: Target) -> ev.Trajectory:
    bound = target.upper if target.lower is None else target.lower
    assert bound is not None
    r = Fraction(1, 100)
    return replace(
        tr,
        values=tuple(v * r for v in tr.values),
        target=bound,
        achieved=tr.achieved * r,
        required=tr.required * r,
        remaining=None if tr.remaining is None else tr.remaining * r,
    )


def _ratio_gap(target: Target, rows: ev.Rows, row: int) -> ev.Gap | None:
    """A ratio off its bound: the numerator to remove (or add) with the denominator fixed,
    in whole units."""
    st = ev.Status(int(rows.parts[0].status[row]))
    if st in (ev.Status.MET, ev.Status.NO_DATA, ev.Status.ZERO_DENOMINATOR) or rows.den is None:
        return None
    num = Fraction(int(rows.parts[0].num[row]), 10**rows.scale)
    den = Fraction(int(rows.den[row]), 10**rows.scale)
    over = target.upper is not None and num > Fraction(target.upper) * den
    bound = target.upper if over else target.lower
    assert bound is not None
    diff = abs(num - Fraction(bound) * den)
    whole = Fraction(-((-diff.numerator) // diff.denominator))
    return ev.Gap(-1 if over else 1, to_decimal(whole, 6, True))


def _baseline(target: Target, result: ev.TargetResult) -> tuple[Reading, list[Finding]]:
    """The data's value in the base year beside the plan's stated baseline."""
    if target.base_year is None or target.baseline is None:
        return Reading(), []
    i = result.aggregate.index(target.base_year)
    value = None if i is None or result.aggregate.status[i] == ev.Status.NO_DATA else result.aggregate.value(0, i)
    reading = Reading(base_year=target.base_year, base_value=value)
    if value is None:
        args: dict[str, object] = {"id": target.id, "year": target.base_year}
        return reading, [Finding(target.source, "TARGET_NO_BASE_YEAR", Severity.WARNING, args)]
    half = Fraction(band(target.baseline, target.is_percent))
    if abs(value - Fraction(target.baseline)) > half:
        args = {
            "id": target.id,
            "year": target.base_year,
            "stated": target.baseline,
            "value": value,
            "unit": "%" if target.is_percent else f" {target.unit}",
        }
        return reading, [Finding(target.source, "TARGET_BASELINE_DIFFERS", Severity.INFO, args)]
    return reading, []


def _built(target: Target, data: Dataset, as_of: int | None) -> ev.TargetResult:
    """Things built: each unit's yearly figures added up from the start year."""
    start = target.base_year if target.base_year is not None else _first_year(data)
    values: dict[str, np.ndarray] = dict(data.values)
    present: dict[str, np.ndarray] = dict(data.present)
    for name in target.numerator:
        if name not in data.values:
            continue
        values[name], present[name] = _cumulated(data, name, start)
    keep = data.years >= start if start is not None else np.ones(len(data), dtype=bool)
    cumulated = replace(
        data,
        unit_codes=data.unit_codes[keep],
        years=data.years[keep],
        values={k: v[keep] for k, v in values.items()},
        present={k: v[keep] for k, v in present.items()},
        year_codes=np.array([], dtype=np.int64),  # recounted: the years before the start are left out
        year_values=np.array([], dtype=np.int64),
        _bounds={},
        _by_year=None,
        _per_unit=None,
        _per_year=None,
    )
    result = ev.evaluate_target(_plain(target), cumulated, as_of)
    return KindResult(
        target,
        result.units,
        result.aggregate,
        result.as_of,
        result.trajectory,
        result.findings,
        result.last_year,
        reading=Reading(base_year=start),
    )


def _first_year(data: Dataset) -> int | None:
    return int(data.year_values[0]) if len(data.year_values) else None


def _cumulated(data: Dataset, name: str, start: int | None) -> tuple[np.ndarray, np.ndarray]:
    """Running totals per unit from ``start``, exact (Python integers); a unit's total is
    missing from its first year without a figure on (a gap would make it look final)."""
    raw, here = data.values[name], data.present[name]
    out = np.zeros(len(raw), dtype=object)
    mask = np.zeros(len(raw), dtype=bool)
    if start is None:
        return measured(out).values, mask
    rows = np.nonzero(data.years >= start)[0]
    order = rows[np.lexsort((data.years[rows], data.unit_codes[rows]))]  # by unit, then year
    units = data.unit_codes[order]
    first = np.r_[True, units[1:] != units[:-1]] if len(order) else np.zeros(0, dtype=bool)
    at = np.arange(len(order))
    head = np.maximum.accumulate(np.where(first, at, 0)) if len(order) else at
    # a row counts while every year from ``start`` to it has a figure for its unit
    fine = here[order] & (data.years[order] - start == at - head)
    lost = np.cumsum(~fine)
    valid = lost - (lost[head] - (~fine)[head]) == 0
    values = np.where(fine, boxed(raw[order]), 0).astype(object)
    total = np.cumsum(values)
    running = total - (total[head] - values[head])
    out[order] = np.where(valid, running, 0)
    mask[order] = valid
    return measured(out).values, mask


def _against_base(target: Target, data: Dataset, as_of: int | None) -> ev.TargetResult:
    """A change or a direction: each unit-year against the same unit's base (the base year,
    or the year before for a change per year); the aggregate over the units with both.
    Decisions are integer comparisons over the rows (Python integers: products of three
    figures may pass int64); Fractions only for what is shown."""
    measures = [*target.numerator, *([target.denominator] if target.denominator else [])]
    if any(m not in data.values for m in measures) or not len(data):  # said by the level's findings
        return replace(ev.evaluate_target(_plain_for_missing(target), data, as_of), target=target)
    base_year = target.base_year if target.base_year is not None or target.per_year else _first_year(data)
    scale = max(data.scale[m] for m in measures)
    parts = [data.measure(m, scale) for m in target.numerator]
    num = boxed(added([v for v, _ in parts]).values)
    ok = np.logical_and.reduce([p for _, p in parts])
    den = None
    if target.denominator:
        d, p = data.measure(target.denominator, scale)
        den, ok = boxed(d.values), ok & p
    codes, ycodes, years = data.unit_codes, data.year_codes, data.year_values
    table = np.full((len(data.unit_names), len(years)), -1, dtype=np.int64)
    table[codes[ok], ycodes[ok]] = np.nonzero(ok)[0]
    if target.per_year:  # the year before, when the data have it
        prev = np.maximum(ycodes - 1, 0)
        has = (ycodes > 0) & (years[prev] == years[ycodes] - 1)
        base_at = np.where(has & ok, table[codes, prev], -1)
    else:
        hit = np.nonzero(years == base_year)[0]
        code = int(hit[0]) if len(hit) else -1
        later = data.years > (base_year if base_year is not None else 10**6)
        base_at = np.where(later & ok, table[codes, code], -1) if code >= 0 else np.full(len(data), -1)
    paired = base_at >= 0
    b = np.where(paired, base_at, 0)
    relative = target.kind is Kind.CHANGE and den is None
    units = _base_rows(target, codes, data.unit_names, data.years, num, den, num[b],
                       None if den is None else den[b], paired, scale, relative)  # fmt: skip
    # aggregate per year: the units that have the year and its base
    sums: dict[str, list[int]] = {"num": [], "den": [], "bnum": [], "bden": []}
    for y in range(len(years)):
        rows = paired & (ycodes == y)
        sums["num"].append(int(num[rows].sum()))
        sums["bnum"].append(int(num[b[rows]].sum()))
        if den is not None:
            sums["den"].append(int(den[rows].sum()))
            sums["bden"].append(int(den[b[rows]].sum()))
    have = np.array([bool((paired & (ycodes == y)).any()) for y in range(len(years))], dtype=bool)

    def column(name: str) -> np.ndarray:
        out = np.empty(len(years), dtype=object)
        out[:] = sums[name]
        return out

    aggregate = _base_rows(target, np.full(len(years), -1, dtype=np.int64), data.unit_names, years, column("num"),
                           None if den is None else column("den"), column("bnum"),
                           None if den is None else column("bden"), have, scale, relative)  # fmt: skip
    observed = [int(y) for j, y in enumerate(years) if aggregate.status[j] != ev.Status.NO_DATA]
    last = max(observed) if observed else None
    year = as_of if as_of is not None else last
    findings: list[Finding] = []
    if year is None or year not in observed:
        findings.append(ev._horizon_finding(target, year, observed))
    base_value = None
    if base_year is not None and base_year in years:  # the base year's level over every unit that has it
        rows = ok & (data.years == base_year)
        total_den = None if den is None else int(den[rows].sum())
        base_value = _level(int(num[rows].sum()), total_den, scale) if rows.any() else None
    elif not target.per_year and base_year is not None:
        args: dict[str, object] = {"id": target.id, "year": base_year}
        findings.append(Finding(target.source, "TARGET_NO_BASE_YEAR", Severity.WARNING, args))
    reading = Reading(base_year=None if target.per_year else base_year, base_value=base_value,
                      per_point=target.denominator is not None)  # fmt: skip
    return KindResult(target, units, aggregate, year, None, tuple(findings), last, reading=reading)


def _plain_for_missing(target: Target) -> Target:
    return replace(target, kind=Kind.MINIMUM, lower=Decimal(0), upper=None, per_year=False)


def _level(num: int, den: int | None, scale: int) -> Fraction | None:
    if den is None:
        return Fraction(num, 10**scale)
    return None if den == 0 else Fraction(num * 100, den)


def _base_rows(target: Target, codes: np.ndarray, names: np.ndarray, years: np.ndarray, num: np.ndarray,
               den: np.ndarray | None, bnum: np.ndarray, bden: np.ndarray | None, paired: np.ndarray, scale: int,
               relative: bool) -> BaseRows:  # fmt: skip
    """Rows with their status against the paired base row, all rows at once."""
    status = _judged(target, num, den, bnum, bden, paired, relative)
    part = ev.Part(target.name, num, status.copy(), target.lower, target.upper)
    shown = bnum if relative else None  # a relative change shows (value / base)
    return BaseRows(codes.astype(np.int64), names, np.asarray(years, dtype=np.int64), shown, (part,), status, scale,
                    rate=den, base_num=bnum, base_rate=bden, paired=paired, relative=relative)  # fmt: skip


def _judged(target: Target, num: np.ndarray, den: np.ndarray | None, bnum: np.ndarray, bden: np.ndarray | None,
            paired: np.ndarray, relative: bool) -> np.ndarray:  # fmt: skip
    """Status codes by exact integer comparisons. The change, signed in the stated direction,
    is ``d·(n − b)/b`` (percent ×100) for a count, ``d·100·(n·B − b·D)/(D·B)`` (points) for a
    rate ``n/D`` against ``b/B``; each side is multiplied by the positive denominators."""
    d = target.direction or 1
    if den is None or bden is None:
        moved, scale_of = (num - bnum) * d, bnum  # change·base/100 for a relative change
        zero = paired & (bnum == 0) if relative else np.zeros(len(num), dtype=bool)
        per = 100 if relative else 1  # a direction of a count: units, compared with 0 only
    else:
        moved, scale_of = (num * bden - bnum * den) * d, den * bden
        zero = paired & ((den == 0) | (bden == 0))
        per = 100
    status = np.full(len(num), ev.Status.NO_DATA, dtype=np.int8)
    live = paired & ~zero
    status[paired & zero] = ev.Status.ZERO_DENOMINATOR
    if target.kind is Kind.DIRECTION:
        up = np.asarray(moved > 0, dtype=bool)
        status[live & up] = ev.Status.MET
        status[live & ~up] = ev.Status.NOT_MET
        return status
    status[live] = ev.Status.MET
    lhs = moved * per  # the change ×(base, or both denominators), ×100 for percent or points
    for bound, below in ((target.lower, True), (target.upper, False)):
        if bound is None:
            continue
        k = decimals(bound)
        rhs = scale_of * scaled_int(bound, k)
        off = np.asarray(lhs * 10**k < rhs if below else lhs * 10**k > rhs, dtype=bool) & live
        both = target.lower is not None and target.upper is not None
        code = (ev.Status.BELOW if below else ev.Status.ABOVE) if both else ev.Status.NOT_MET
        status[off] = code
    return status


ev.KIND_EVALUATORS.append(evaluate_kind)
KINDS_REGISTERED = True
