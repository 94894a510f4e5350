"""TargetResult → what the reports show: the as-of year, aggregate and each unit, by year.

Exact values stay Fractions and Decimals here; rounding for display happens in the
writers. Words for statuses and paces live here, in Vietnamese, in one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import numpy as np

from indicators.evaluate import Gap, Pace, Rows, Status, TargetResult, Trajectory
from indicators.model import Kind, Target

STATUS_TEXT = {
    Status.MET: "đạt",
    Status.NOT_MET: "chưa đạt",
    Status.BELOW: "dưới mức",
    Status.ABOVE: "vượt mức",
    Status.NO_DATA: "thiếu số liệu",
    Status.ZERO_DENOMINATOR: "mẫu số bằng 0",
}
PACE_TEXT = {
    Pace.ON_TRACK: "đúng lộ trình",
    Pace.NEEDS_ACCELERATION: "cần đẩy nhanh",
    Pace.LIMITED_PROGRESS: "tiến bộ hạn chế",
    Pace.MOVING_AWAY: "đi ngược mục tiêu",
}
KIND_TEXT = {
    Kind.MINIMUM: "tối thiểu",
    Kind.MAXIMUM: "tối đa",
    Kind.RANGE: "trong khoảng",
    Kind.SPLIT: "cơ cấu",
    Kind.COUNT: "số lượng",
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
    """For display only: decisions are taken on the exact value."""
    if value is None:
        return None
    d = Decimal(value.numerator) / Decimal(value.denominator)
    return d.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def describe_bounds(t: Target) -> str:
    unit = "%" if t.is_percent else f" {t.unit}"
    from budget.numbers import format_vn

    if t.kind is Kind.SPLIT:
        return " / ".join(f"{format_vn(s.percent)}% {s.label}" for s in t.shares)
    if t.lower is not None and t.upper is not None and t.lower != t.upper:
        return f"{KIND_TEXT[Kind.RANGE]} {format_vn(t.lower)} - {format_vn(t.upper)}{unit}"
    if t.lower is not None:
        word = KIND_TEXT[Kind.MINIMUM] if t.kind is not Kind.COUNT else "ít nhất"
        return f"{word} {format_vn(t.lower)}{unit}"
    assert t.upper is not None
    return f"{KIND_TEXT[Kind.MAXIMUM]} {format_vn(t.upper)}{unit}"


def _row(result: TargetResult, rows: Rows, i: int) -> RowView:
    parts = tuple(
        PartView(
            p.label,
            rows.value(j, i),
            Status(int(p.status[i])),
            result.gap(j, i, rows),
            Decimal(int(p.num[i])).scaleb(-rows.scale),
        )
        for j, p in enumerate(rows.parts)
    )
    den = None if rows.den is None else Decimal(int(rows.den[i])).scaleb(-rows.scale)
    return RowView(rows.unit(i), int(rows.years[i]), Status(int(rows.status[i])), parts, den)


def view(result: TargetResult) -> TargetView:
    agg = result.aggregate
    by_year = tuple(_row(result, agg, i) for i in range(len(agg.years)))
    aggregate = next((r for r in by_year if r.year == result.as_of), None)
    rows = result.units
    units = tuple(_row(result, rows, int(i)) for i in np.nonzero(rows.years == result.as_of)[0])
    return TargetView(result, result.as_of, aggregate, by_year, units)
