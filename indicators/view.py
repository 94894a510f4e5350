"""TargetResult → what the reports show: the as-of year, aggregate and each unit, by year.

Exact values stay Fractions and Decimals here; rounding for display happens in the
writers. Words for statuses and paces live here, in Vietnamese, in one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, localcontext
from fractions import Fraction

import numpy as np

from budget.numbers import format_vn, format_vn_fixed
from indicators.evaluate import Gap, Pace, Rows, Status, TargetResult, Trajectory, shortfall
from indicators.exact import from_scaled, half_up
from indicators.model import KIND_WORD, Kind, Target

STATUS_TEXT = {
    Status.MET: "đạt",
    Status.NOT_MET: "chưa đạt",
    Status.BELOW: "dưới mức",
    Status.ABOVE: "vượt mức",
    Status.NO_DATA: "thiếu số liệu",
    Status.ZERO_DENOMINATOR: "mẫu số bằng 0",
}
ABOVE_RANGE_TEXT = "trên khoảng"  # above a range of attainment: not a shortfall
PACE_TEXT = {
    Pace.ON_TRACK: "đúng lộ trình",
    Pace.NEEDS_ACCELERATION: "cần đẩy nhanh",
    Pace.LIMITED_PROGRESS: "tiến bộ hạn chế",
    Pace.MOVING_AWAY: "đi ngược mục tiêu",
}


@dataclass(frozen=True)
class PartView:
    label: str
    value: Fraction | None  # percent, or the count
    status: Status
    gap: Gap | None
    numerator: Decimal


@dataclass(frozen=True)
class RowView:
    unit: str  # "" for the aggregate of all units
    year: int
    status: Status
    parts: tuple[PartView, ...]
    denominator: Decimal | None


@dataclass(frozen=True)
class TargetView:
    result: TargetResult
    as_of: int | None
    aggregate: RowView | None
    by_year: tuple[RowView, ...]
    units: tuple[RowView, ...]

    @property
    def target(self) -> Target:
        return self.result.target

    @property
    def trajectory(self) -> Trajectory | None:
        return self.result.trajectory


def rounded(value: Fraction | None, places: int = 2) -> Decimal | None:
    """For display only (half away from zero, exact at any size): decisions are taken on
    the exact value."""
    return None if value is None else half_up(value, places)


def status_text(target: Target, status: Status) -> str:
    """The word for a status; above a range of attainment is not a shortfall and says so."""
    if status is Status.ABOVE and not shortfall(target.kind, status):
        return ABOVE_RANGE_TEXT
    return STATUS_TEXT[status]


def _precision(value: Decimal, places: int = 0) -> int:
    _, digits, exponent = value.as_tuple()
    return len(digits) + (abs(exponent) if isinstance(exponent, int) else 0) + places + 2


def vn(value: Decimal) -> str:
    """``format_vn`` at any size (Babel rounds in the decimal context, 28 digits by default)."""
    with localcontext() as ctx:
        ctx.prec = max(ctx.prec, _precision(value))
        return format_vn(value)


def vn_fixed(value: Decimal, places: int) -> str:
    """``format_vn_fixed`` at any size."""
    with localcontext() as ctx:
        ctx.prec = max(ctx.prec, _precision(value, places))
        return format_vn_fixed(value, places)


def describe_bounds(t: Target) -> str:
    unit = "%" if t.is_percent else f" {t.unit}"
    if t.kind is Kind.SPLIT:
        return " / ".join(f"{vn(s.percent)}% {s.label}" for s in t.shares)
    if t.lower is not None and t.upper is not None and t.lower != t.upper:
        return f"trong {KIND_WORD[Kind.RANGE]} {vn(t.lower)} - {vn(t.upper)}{unit}"
    if t.lower is not None:
        word = KIND_WORD[Kind.MINIMUM] if t.kind is not Kind.COUNT else "ít nhất"
        return f"{word} {vn(t.lower)}{unit}"
    assert t.upper is not None
    return f"{KIND_WORD[Kind.MAXIMUM]} {vn(t.upper)}{unit}"


def _row(result: TargetResult, rows: Rows, i: int) -> RowView:
    parts = tuple(
        PartView(
            p.label,
            rows.value(j, i),
            Status(int(p.status[i])),
            result.gap(j, i, rows),
            from_scaled(int(p.num[i]), rows.scale),
        )
        for j, p in enumerate(rows.parts)
    )
    den = None if rows.den is None else from_scaled(int(rows.den[i]), rows.scale)
    return RowView(rows.unit(i), int(rows.years[i]), Status(int(rows.status[i])), parts, den)


def view(result: TargetResult) -> TargetView:
    agg = result.aggregate
    by_year = tuple(_row(result, agg, i) for i in range(len(agg.years)))
    aggregate = next((r for r in by_year if r.year == result.as_of), None)
    rows = result.units
    units = tuple(_row(result, rows, int(i)) for i in np.nonzero(rows.years == result.as_of)[0])
    return TargetView(result, result.as_of, aggregate, by_year, units)
