"""Progress towards a target with a deadline, as the SDG progress methods measure it.

From a base year (the plan's year when the target's source names one, else the first year
with data) to the as-of year: the pace achieved (points, or units, a year), the pace
required from the base year, the pace still needed from the as-of year to the deadline,
and two projections at the deadline, by linear trend and by compound growth (ESCAP's
anticipated progress: would the target be reached if the trend goes on?).

The pace word comes from a ratio of achieved to required growth compared with the
thresholds of ``progress_thresholds.csv`` (Open SDG's defaults: 0,95 on track, 0,6 needs
acceleration, 0 limited progress, below moving away). The ratio is Open SDG's: actual CAGR
over required CAGR (``indicators.growth``), when the base, the value now and the goal are
positive; otherwise (a zero base) the linear ratio, achieved over required points a year.
Every decision is exact.
"""

from __future__ import annotations

import csv
import enum
import re
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from functools import cache
from pathlib import Path

from indicators import growth
from indicators.exact import half_up


class Pace(enum.StrEnum):
    ON_TRACK = "on_track"
    NEEDS_ACCELERATION = "needs_acceleration"
    LIMITED_PROGRESS = "limited_progress"
    MOVING_AWAY = "moving_away"


class Method(enum.StrEnum):
    CAGR = "cagr"  # Open SDG: actual over required compound annual growth
    LINEAR = "linear"  # achieved over required points a year (a zero base has no growth rate)


THRESHOLDS_FILE = Path(__file__).with_name("progress_thresholds.csv")


@dataclass(frozen=True)
class Threshold:
    ratio: Fraction  # the pace holds from this ratio of achieved to required growth up
    pace: Pace


@cache
def thresholds() -> tuple[Threshold, ...]:
    """The thresholds of the package's table, highest first; below the last: moving away."""
    with THRESHOLDS_FILE.open(encoding="utf-8") as f:
        rows = [Threshold(Fraction(Decimal(r["ratio"])), Pace(r["pace"])) for r in csv.DictReader(f)]
    return tuple(sorted(rows, key=lambda t: -t.ratio))


_YEAR = re.compile(r"(?<![\d:/.-])(?:19|20)\d\d(?!\d)|(?<=[/.-])(?:19|20)\d\d(?!\d)")


def plan_year(reference: str) -> int | None:
    """The first year written in a target's source (``Kế hoạch 02/KH-UBND ngày 15/3/2021`` → 2021);
    a line number after the file name (``plan.docx:2021``) is not one."""
    m = _YEAR.search(reference)
    return int(m.group()) if m else None


@dataclass(frozen=True)
class Trajectory:
    years: tuple[int, ...]
    values: tuple[Fraction, ...]
    target: Decimal
    deadline: int
    achieved: Fraction  # points (or units) a year, from the base year to the last observed year
    required: Fraction  # points a year needed from the base year to reach the target in time
    remaining: Fraction | None  # points a year still needed from the as-of year (None once due)
    pace: Pace | None  # None once the deadline has come: the target is then met or not
    met: bool  # the last observed value already meets the target
    due: bool = False  # the as-of year is the deadline or later
    base_year: int = 0  # the first year of ``years``
    asked_base_year: int | None = None  # the base year asked for (the plan's), when it differs
    linear_projection: Fraction | None = None  # at the deadline, if the achieved pace goes on
    compound_projection: Decimal | None = None  # at the deadline, if the growth rate goes on (rounded)
    linear_reaches: bool | None = None
    compound_reaches: bool | None = None
    linear_ratio: Fraction | None = None  # achieved / required points a year
    cagr_ratio: Decimal | None = None  # actual / required CAGR (rounded at 4 decimals, for display)
    method: Method | None = None  # the ratio the pace word comes from


def trajectory(points: list[tuple[int, Fraction]], goal_bound: Decimal, direction: int, deadline: int, as_of: int,
               base_year: int | None = None) -> Trajectory | None:  # fmt: skip
    """Progress over ``points`` (year, value), sorted, observed up to ``as_of`` (the last at ``as_of``).

    ``direction`` is +1 when the target is a minimum (progress goes up), −1 for a maximum."""
    asked = base_year
    if base_year is not None:  # from the base year on; before it only when it leaves no history
        since = [(y, v) for y, v in points if y >= base_year]
        points = since if len(since) >= 2 else points
    if len(points) < 2:
        return None
    (y0, v0), (y1, v1) = points[0], points[-1]
    goal = Fraction(goal_bound)
    achieved = (v1 - v0) / (y1 - y0)
    required = (goal - v0) / (deadline - y0) if deadline > y0 else Fraction(0)
    remaining = (goal - v1) / (deadline - as_of) if deadline > as_of else None
    met = (v1 - goal) * direction >= 0
    due = as_of >= deadline
    ahead = deadline - y1
    linear = v1 + achieved * ahead if ahead > 0 else None
    growing = v0 > 0 and v1 >= 0 and goal > 0
    compound = compound_hit = None
    if growing and ahead > 0:
        compound = half_up(growth.compound_projection(v0, v1, y1 - y0, ahead).lo, 4)
        if direction > 0:
            compound_hit = growth.compound_reaches(v0, v1, y1 - y0, ahead, goal)
        else:
            compound_hit = _compound_at_most(v0, v1, y1 - y0, ahead, goal)
    linear_hit = None if linear is None else (linear - goal) * direction >= 0
    linear_ratio = achieved / required if required else None
    cagr_ratio = None
    method = Method.CAGR if growing and goal != v0 and deadline > y0 else Method.LINEAR
    if method is Method.CAGR:
        cagr_ratio = half_up(growth.ratio(v0, v1, y1 - y0, goal, deadline - y0).lo, 4)
    pace: Pace | None
    if due:
        pace = None
    elif met:
        pace = Pace.ON_TRACK
    elif direction * required <= 0:
        pace = Pace.MOVING_AWAY if direction * achieved < 0 else Pace.LIMITED_PROGRESS
    else:
        table = thresholds()
        if method is Method.CAGR:
            first = growth.first_reached(v0, v1, y1 - y0, goal, deadline - y0, [t.ratio for t in table])
        else:
            first = next((i for i, t in enumerate(table) if achieved / required >= t.ratio), None)
        pace = Pace.MOVING_AWAY if first is None else table[first].pace
    years = tuple(y for y, _ in points)
    values = tuple(v for _, v in points)
    return Trajectory(years, values, goal_bound, deadline, achieved, required, remaining, pace, met, due, y0,
                      asked if asked is not None and asked != y0 else None, linear, compound, linear_hit,
                      compound_hit, linear_ratio, cagr_ratio, method)  # fmt: skip


def _compound_at_most(base: Fraction, now: Fraction, years: int, ahead: int, goal: Fraction) -> bool:
    """Whether the compound projection comes down to ``goal`` or below (a maximum)."""
    if now == 0:
        return True
    return (now / base) ** ahead <= (goal / now) ** years
