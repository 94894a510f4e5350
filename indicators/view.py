"""TargetResult → what the reports show: the as-of year, aggregate and each unit, by year.

Exact values stay Fractions and Decimals here; rounding for display happens in the
writers. Words for statuses and paces live here, in Vietnamese, in one place.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from decimal import Decimal, localcontext
from fractions import Fraction

import numpy as np

from budget.numbers import format_vn, format_vn_fixed
from indicators.evaluate import (
    NO_VERDICT,
    Gap,
    Pace,
    Rows,
    Status,
    TargetResult,
    Trajectory,
    shortfall,
    split_tolerance,
)
from indicators.exact import from_scaled, half_up
from indicators.model import KIND_WORD, Kind, Target

STATUS_TEXT = {
    Status.MET: "đạt",
    Status.NOT_MET: "chưa đạt",
    Status.BELOW: "dưới mức",
    Status.ABOVE: "vượt mức",
    Status.NO_DATA: "thiếu số liệu",
    Status.ZERO_DENOMINATOR: "mẫu số bằng 0",
    Status.UNSOUND: "số liệu sai, không tính",
    Status.INSUFFICIENT: "không đủ số liệu",
}
# before the deadline a shortfall is no verdict yet: never "chưa đạt" (nor red)
NOT_DUE_TEXT = "chưa đến hạn"
NOT_DUE_ON_TRACK = "chưa đến hạn, đang đúng hướng"
NOT_DUE_BEHIND = "chưa đến hạn, cần tăng tốc"
ABOVE_RANGE_TEXT = "trên khoảng"  # above a range of attainment: not a shortfall
CONTRIBUTION_TEXT = "phần đóng góp"  # a unit's share of a count for the whole: no verdict of its own
PACE_TEXT = {
    Pace.ON_TRACK: "đúng lộ trình",
    Pace.NEEDS_ACCELERATION: "cần đẩy nhanh",
    Pace.LIMITED_PROGRESS: "tiến bộ hạn chế",
    Pace.MOVING_AWAY: "đi ngược mục tiêu",
}


class Tone(enum.StrEnum):
    """The colour a status is shown in, as its words say: met (or on track before the deadline)
    green, short of the target when due red, short before the deadline amber, no verdict grey."""

    MET = "met"
    NOT_DUE = "not_due"
    NOT_MET = "not_met"
    NONE = "none"


@dataclass(frozen=True)
class PartView:
    label: str
    value: Fraction | None  # percent, or the count
    status: Status
    gap: Gap | None
    numerator: Decimal
    word: str = ""  # the status as shown: not yet due, qualified by coverage
    tone: Tone = Tone.NONE  # the colour of ``word``


@dataclass(frozen=True)
class RowView:
    unit: str  # "" for the aggregate of all units
    year: int
    status: Status
    parts: tuple[PartView, ...]
    denominator: Decimal | None
    coverage: tuple[int, int] | None = None  # aggregates: (units reported, units expected)
    trajectory: Trajectory | None = None  # units: their own progress to the deadline


@dataclass(frozen=True)
class TargetView:
    result: TargetResult
    as_of: int | None
    aggregate: RowView | None
    by_year: tuple[RowView, ...]
    units: tuple[RowView, ...]
    history: tuple[RowView, ...] = ()  # by year over the same units in every year (``history_units``)
    history_units: int = 0
    scorecard: tuple[ScoreRow, ...] = ()

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
    words = _kind_words(t, unit)
    return words + (" mỗi năm" if t.per_year and t.kind is not Kind.CHANGE else "")


def _kind_words(t: Target, unit: str) -> str:
    """The kinds beyond levels in officers' words: ``xấp xỉ 230.000 lượt người (225.000 - 235.000)``,
    ``tăng ít nhất 10% so với năm 2020``, ``từ 60% năm 2020 lên tối thiểu 75%``, ``xu hướng tăng``."""
    way = "tăng" if t.direction > 0 else "giảm"
    if t.kind is Kind.APPROXIMATE and t.stated is not None and t.lower is not None and t.upper is not None:
        return f"{KIND_WORD[Kind.APPROXIMATE]} {vn(t.stated)}{unit} ({vn(t.lower)} - {vn(t.upper)}{unit})"
    if t.kind is Kind.DIRECTION:
        since = f" so với năm {t.base_year}" if t.base_year else " so với năm đầu của số liệu"
        return f"{KIND_WORD[Kind.DIRECTION]} {way}{since}"
    if t.kind is Kind.CHANGE:
        per = " điểm %" if t.denominator else "%"
        if t.lower is not None and t.upper is not None:
            amount = f"{vn(t.lower)} - {vn(t.upper)}{per}"
        elif t.lower is not None:
            amount = f"ít nhất {vn(t.lower)}{per}"
        else:
            amount = f"không quá {vn(t.upper or Decimal(0))}{per}"
        since = " mỗi năm (so với năm trước)" if t.per_year else f" so với năm {t.base_year}" if t.base_year else ""
        return f"{way} {amount}{since or ' so với năm đầu của số liệu'}"
    if t.kind is Kind.FROM_TO and t.baseline is not None:
        goal = t.lower if t.lower is not None else t.upper
        since = f" năm {t.base_year}" if t.base_year else ""
        to = "lên" if t.direction > 0 else "xuống"
        return f"{way} từ {vn(t.baseline)}{unit}{since} {to} {vn(goal or Decimal(0))}{unit}"
    if t.kind is Kind.BUILD:
        since = f" từ năm {t.base_year}" if t.base_year else ""
        return f"{KIND_WORD[Kind.BUILD]} {_level_words(t, unit)} (cộng dồn{since})"
    return _level_words(t, unit)


def _level_words(t: Target, unit: str) -> str:
    if t.kind is Kind.SPLIT:
        shares = " / ".join(f"{vn(s.percent)}% {s.label}" for s in t.shares)
        tolerances = sorted({split_tolerance(s.percent) for s in t.shares})
        said = ", ".join(f"±{vn(e)}" for e in tolerances)
        return f"{shares} (mỗi phần {said} điểm %, theo cách làm tròn của tỷ lệ ghi)"
    if t.lower is not None and t.upper is not None and t.lower != t.upper:
        return f"trong {KIND_WORD[Kind.RANGE]} {vn(t.lower)} - {vn(t.upper)}{unit}"
    if t.lower is not None:
        word = KIND_WORD[Kind.MINIMUM] if t.kind not in (Kind.COUNT, Kind.BUILD) else "ít nhất"
        return f"{word} {vn(t.lower)}{unit}"
    assert t.upper is not None
    return f"{KIND_WORD[Kind.MAXIMUM]} {vn(t.upper)}{unit}"


@dataclass(frozen=True)
class ScoreRow:
    """One unit in the ranking of a target: the largest distance to the target first."""

    rank: int
    unit: str
    value: Fraction | None
    distance: Fraction  # to the bound, in the target's unit (points for a percentage); 0 when met
    gap: Gap | None
    word: str
    pace: Pace | None
    tone: Tone = Tone.NONE


def word_of(result: TargetResult, status: Status, trajectory: Trajectory | None,
            coverage: tuple[int, int] | None = None) -> str:  # fmt: skip
    """The status as a reader sees it: before the deadline a shortfall says how the pace goes;
    a verdict over fewer units than expected says over how many."""
    t = result.target
    word = status_text(t, status)
    if not result.due and shortfall(t.kind, status):
        if trajectory is None or trajectory.pace is None:
            word = NOT_DUE_TEXT
        else:
            word = NOT_DUE_ON_TRACK if trajectory.pace is Pace.ON_TRACK else NOT_DUE_BEHIND
    if coverage is not None and coverage[0] < coverage[1] and status not in NO_VERDICT:
        word += f" trên {coverage[0]}/{coverage[1]} đơn vị báo cáo"
    return word


def tone_of(result: TargetResult, status: Status, trajectory: Trajectory | None) -> Tone:
    """The colour of a status word (``word_of``): never red before the deadline."""
    if status in NO_VERDICT:
        return Tone.NONE
    if not shortfall(result.target.kind, status):
        return Tone.MET
    if result.due:
        return Tone.NOT_MET
    on_track = trajectory is not None and trajectory.pace is Pace.ON_TRACK
    return Tone.MET if on_track else Tone.NOT_DUE


def _row(result: TargetResult, rows: Rows, i: int, trajectory: Trajectory | None = None) -> RowView:
    cover = None if rows.reported is None else (int(rows.reported[i]), rows.expected)
    parts = tuple(
        PartView(
            p.label,
            rows.value(j, i),
            Status(int(p.status[i])),
            result.gap(j, i, rows),
            from_scaled(int(p.num[i]), rows.scale),
            word_of(result, Status(int(p.status[i])), trajectory, cover),
            tone_of(result, Status(int(p.status[i])), trajectory),
        )
        for j, p in enumerate(rows.parts)
    )
    den = None if rows.den is None else from_scaled(int(rows.den[i]), rows.scale)
    return RowView(rows.unit(i), int(rows.years[i]), Status(int(rows.status[i])), parts, den, cover, trajectory)


def scorecard(result: TargetResult, units: tuple[RowView, ...]) -> tuple[ScoreRow, ...]:
    """Units ranked by their distance to the target in the as-of year, the largest first."""
    if result.target.kind is Kind.COUNT:
        return ()  # a count target is for the whole: units only contribute
    bounds = [(p.lower, p.upper) for p in result.units.parts]
    scored = []
    for r in units:
        far = Fraction(0)
        for p, (low, high) in zip(r.parts, bounds, strict=True):
            if p.value is None or p.gap is None or not p.gap.required:
                continue
            edge = low if p.gap.direction > 0 else high
            if edge is not None:
                far = max(far, abs(p.value - Fraction(edge)))
        scored.append((far, r))
    scored.sort(key=lambda x: (-x[0], x[1].unit))
    return tuple(
        ScoreRow(
            i + 1,
            r.unit,
            r.parts[0].value,
            far,
            r.parts[0].gap,
            r.parts[0].word,
            None if r.trajectory is None else r.trajectory.pace,
            r.parts[0].tone,
        )
        for i, (far, r) in enumerate(scored)
    )


def view(result: TargetResult) -> TargetView:
    agg = result.aggregate
    by_year = tuple(_row(result, agg, i, result.trajectory) for i in range(len(agg.years)))
    aggregate = next((r for r in by_year if r.year == result.as_of), None)
    rows = result.units
    paths = result.unit_trajectories
    units = tuple(
        _row(result, rows, int(i), paths.get(rows.unit(int(i)))) for i in np.nonzero(rows.years == result.as_of)[0]
    )
    history: tuple[RowView, ...] = ()
    if result.history is not None and result.as_of is not None:
        h = result.history
        history = tuple(_row(result, h, i) for i in range(len(h.years)) if int(h.years[i]) <= result.as_of)
    return TargetView(result, result.as_of, aggregate, by_year, units, history, result.history_units,
                      scorecard(result, units))  # fmt: skip


def kind_notes(v: TargetView) -> list[str]:
    """What a kind beyond a level says with its result, in words (Vietnamese)."""
    t, out = v.target, []
    reading = getattr(v.result, "reading", None)
    if t.kind is Kind.APPROXIMATE and reading is not None and reading.band is not None and t.stated is not None:
        unit = "%" if t.is_percent else f" {t.unit}"
        out.append(
            f"xấp xỉ: dải {vn(t.stated)}{unit} ± {vn(reading.band)} (một nửa đơn vị làm tròn của số nêu); "
            "trên dải không phải là thiếu hụt"
        )
    if t.per_year:
        out.append("mỗi năm: đánh giá từng năm theo số liệu của năm đó, không cộng dồn")
    if t.kind is Kind.CHANGE:
        per = "điểm phần trăm (chỉ số là tỷ lệ)" if t.denominator else "phần trăm của giá trị năm gốc"
        out.append(f"mức thay đổi tính bằng {per}")
    if reading is not None and reading.base_year is not None and t.kind in (Kind.CHANGE, Kind.DIRECTION, Kind.FROM_TO):
        value = rounded(reading.base_value, 2 if t.is_percent or t.denominator else 0)
        unit = "%" if t.is_percent and t.denominator else f" {t.unit}" if not t.is_percent else ""
        shown = "không có số liệu" if value is None else f"{vn(value)}{unit}"
        out.append(f"năm gốc {reading.base_year}: {shown} (toàn bộ)")
    if t.kind is Kind.BUILD and reading is not None and reading.base_year is not None:
        out.append(f"cộng dồn số liệu từng năm từ năm {reading.base_year}")
    if t.deadline_from_period and t.deadline:
        out.append(f"hạn {t.deadline}: hết giai đoạn của kế hoạch (câu chỉ tiêu không ghi hạn)")
    return out


def shown_value(t: Target, value: Fraction | None) -> str:
    """A row's value as the writers print it: a change or a direction signed, with its unit
    (``+7,67%``, ``-0,24 điểm %``, ``+3 trường``); a ratio with two decimals; a percentage with
    two; a count whole."""
    if value is None:
        return "—"
    if t.kind in (Kind.CHANGE, Kind.DIRECTION):
        points = t.denominator is not None
        unit = " điểm %" if points else "%" if t.kind is Kind.CHANGE else f" {t.unit}".rstrip()
        v = rounded(value, 2 if points or t.kind is Kind.CHANGE else 0) or Decimal(0)
        text = vn_fixed(v, 2) if points or t.kind is Kind.CHANGE else vn(v)
        return f"{'+' if value > 0 else ''}{text}{unit}"
    if t.is_ratio:
        return vn_fixed(rounded(value, 2) or Decimal(0), 2)
    if t.is_percent:
        return f"{vn_fixed(rounded(value, 2) or Decimal(0), 2)}%"
    return vn(rounded(value, 0) or Decimal(0))


# --- charts: what a target's chart plots, year by year ------------------------------------


@dataclass(frozen=True)
class ChartLine:
    name: str
    values: tuple[Fraction | None, ...]  # one per year of the chart; None: nothing drawn that year


@dataclass(frozen=True)
class ChartView:
    """A target's chart: the observed values up to the as-of year, its bounds (a range as a
    band: the lower and the upper line), and the path from the base year to the deadline."""

    years: tuple[int, ...]  # every year from the first observed (or the base year) to the last drawn
    observed: int  # the first ``observed`` years carry observed values: up to the as-of year, no further
    actual: tuple[ChartLine, ...]  # one per part (a split's shares)
    bounds: tuple[ChartLine, ...]  # a level: one line; a range: its lower and upper lines; a split: each share
    path: ChartLine | None  # straight from the base year's value to the target at the deadline
    band: bool  # ``bounds`` are the two edges of one range
    units_note: str  # over whom the observed values are: every unit, or the same units every year
    width: ChartLine | None = None  # a band's upper minus lower edge: drawn stacked on the lower edge
    floor: Decimal | None = None  # where the value axis starts (None: at 0)


def chart_of(v: TargetView) -> ChartView | None:
    """The chart of a target with a deadline or a history of two years or more; None otherwise.
    Observed values are the history over the same units every year, never after the as-of year."""
    t = v.target
    seen = [r for r in (v.history or v.by_year) if r.parts and r.status is not Status.NO_DATA]
    if v.as_of is not None:
        seen = [r for r in seen if r.year <= v.as_of]
    if not seen or (len(seen) < 2 and t.deadline is None):
        return None
    tr = v.trajectory
    first = min(seen[0].year, tr.base_year if tr is not None else seen[0].year)
    last = max(seen[-1].year, t.deadline or seen[-1].year)
    years = tuple(range(first, last + 1))
    by_year = {r.year: r for r in seen}
    actual = tuple(
        ChartLine(part.label if len(seen[-1].parts) > 1 else "Thực tế",
                  tuple(by_year[y].parts[j].value if y in by_year else None for y in years))
        for j, part in enumerate(seen[-1].parts)
    )  # fmt: skip
    observed = years.index(seen[-1].year) + 1
    unit = "%" if t.is_percent else f" {t.unit}"
    bounds: tuple[ChartLine, ...] = ()
    band = False
    if t.kind is Kind.SPLIT:
        bounds = tuple(ChartLine(f"{s.label}: {vn(s.percent)}%", (Fraction(s.percent),) * len(years)) for s in t.shares)
    elif t.lower is not None and t.upper is not None and t.lower != t.upper:
        band = True
        bounds = (
            ChartLine(f"Cận dưới {vn(t.lower)}{unit}", (Fraction(t.lower),) * len(years)),
            ChartLine(f"Cận trên {vn(t.upper)}{unit}", (Fraction(t.upper),) * len(years)),
        )
    elif t.lower is not None or t.upper is not None:
        bound = t.lower if t.lower is not None else t.upper
        assert bound is not None
        bounds = (ChartLine(f"Chỉ tiêu {_level_words(t, unit)}", (Fraction(bound),) * len(years)),)
    path = None
    if tr is not None and tr.deadline > tr.base_year:
        start, goal, span = tr.values[0], Fraction(tr.target), tr.deadline - tr.base_year
        path = ChartLine(
            f"Lộ trình {tr.base_year}–{tr.deadline}",
            tuple(start + (goal - start) * (y - tr.base_year) / span if tr.base_year <= y <= tr.deadline else None
                  for y in years),
        )  # fmt: skip
    expected = v.result.aggregate.expected
    note = "toàn bộ" if v.history_units >= expected or not v.history else f"cùng {v.history_units}/{expected} đơn vị"
    width = None
    if band:
        assert t.lower is not None and t.upper is not None
        name = f"Khoảng chỉ tiêu {vn(t.lower)} - {vn(t.upper)}{unit}"
        width = ChartLine(name, (Fraction(t.upper - t.lower),) * len(years))
    drawn = [x for line in (*actual, *bounds, *([path] if path else [])) for x in line.values if x is not None]
    return ChartView(years, observed, actual, bounds, path, band, note, width, axis_floor(drawn))


def axis_floor(values: list[Fraction]) -> Decimal | None:
    """A round value below everything drawn, so that a chart of 66–85% does not start at 0: a
    multiple of the power of ten under the values' spread (at least a tenth of the largest)."""
    if not values or min(values) <= 0:
        return None
    low, high = min(values), max(values)
    spread = max(high - low, high / 10)
    step = Fraction(10) ** (len(str(int(spread))) - 1)
    floor = ((low - spread / 10) // step) * step
    return None if floor <= 0 else Decimal(int(floor))
