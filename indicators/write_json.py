"""Target views → JSON (decimals as strings; percentages also as exact fractions)."""

from __future__ import annotations

import json
from decimal import Decimal
from fractions import Fraction
from typing import Any

from budget.findings import Finding, finding_to_json
from budget.numbers import plain
from indicators.evaluate import Trajectory, split_tolerance
from indicators.model import Kind
from indicators.view import RowView, TargetView, kind_notes, rounded


def _d(v: Decimal | None) -> str | None:
    return None if v is None else plain(v)


def _exact(v: Fraction | None) -> str | None:
    return None if v is None else f"{v.numerator}/{v.denominator}"


def _trajectory(tr: Trajectory | None) -> dict[str, Any] | None:
    if tr is None:
        return None
    return {
        "years": list(tr.years),
        "values": [_d(rounded(x, 4)) for x in tr.values],
        "target": _d(tr.target),
        "deadline": tr.deadline,
        "base_year": tr.base_year,
        "plan_base_year": tr.asked_base_year,  # the plan's year, when the history could not start there
        "achieved_per_year": _d(rounded(tr.achieved, 4)),
        "achieved_per_year_exact": _exact(tr.achieved),
        "required_per_year": _d(rounded(tr.required, 4)),  # from the base year
        "remaining_per_year": _d(rounded(tr.remaining, 4)),  # from the as-of year: the pace needed from now
        "remaining_per_year_exact": _exact(tr.remaining),
        "projection": {
            "linear": _d(rounded(tr.linear_projection, 4)),
            "linear_exact": _exact(tr.linear_projection),
            "linear_reaches_target": tr.linear_reaches,
            "compound": _d(tr.compound_projection),
            "compound_reaches_target": tr.compound_reaches,
        },
        "linear_ratio": _d(rounded(tr.linear_ratio, 4)),
        "cagr_ratio": _d(tr.cagr_ratio),
        "method": None if tr.method is None else tr.method.value,
        "pace": None if tr.pace is None else tr.pace.value,  # None: due, judged by the status
        "met": tr.met,
        "due": tr.due,
    }


def _row(r: RowView) -> dict[str, Any]:
    return {
        "unit": r.unit or None,
        "year": r.year,
        "status": r.status.name.lower(),
        "status_text": r.parts[0].word if r.parts else None,
        "coverage": None if r.coverage is None else {"reported": r.coverage[0], "expected": r.coverage[1]},
        "progress": _trajectory(r.trajectory) if r.unit else None,
        "denominator": _d(r.denominator),
        "parts": [
            {
                "label": p.label,
                "status_text": p.word,
                "value": _d(rounded(p.value, 4)),
                "value_exact": _exact(p.value),
                "numerator": _d(p.numerator),
                "status": p.status.name.lower(),
                "gap": None
                if p.gap is None
                else {
                    # over_range: above a range of attainment, an excess that nothing asks to reduce
                    "direction": "over_range" if not p.gap.required else "more" if p.gap.direction > 0 else "less",
                    "amount": _d(p.gap.amount),
                    "amount_if_total_rises": _d(p.gap.amount_rising_total),
                },
            }
            for p in r.parts
        ],
    }


def _contribution(r: RowView) -> dict[str, Any]:
    return {"unit": r.unit, "year": r.year, "value": _d(r.parts[0].numerator), "status": "contribution"}


def _target(v: TargetView) -> dict[str, Any]:
    t = v.target
    tr = v.trajectory
    return {
        "id": t.id,
        "name": t.name,
        "kind": t.kind.value,
        "unit": t.unit,
        "lower": _d(t.lower),
        "upper": _d(t.upper),
        "shares": [
            {"label": s.label, "percent": _d(s.percent), "tolerance": _d(split_tolerance(s.percent))} for s in t.shares
        ],
        "deadline": t.deadline,
        "numerator": list(t.numerator),
        "denominator": t.denominator,
        "source": t.reference,
        "as_of": v.as_of,
        "status": v.result.status.name.lower(),
        "failing": v.result.failing,
        "evaluated": v.result.evaluated,
        "last_year_with_data": v.result.last_year,
        "due": v.result.due,
        "base_year": None if tr is None else tr.base_year,
        "plan_year": v.result.base_year,
        "coverage": None
        if v.result.coverage is None
        else {"reported": v.result.coverage[0], "expected": v.result.coverage[1]},
        "history_units": v.history_units,
        "history": [_row(r) for r in v.history],
        "aggregate": None if v.aggregate is None else _row(v.aggregate),
        # a count target is for the whole: units only contribute, they have no status of their own
        "units": [_row(r) for r in v.units] if not t.for_the_whole else [_contribution(r) for r in v.units],
        "kind_reading": _reading(v),
        "by_year": [_row(r) for r in v.by_year],
        "trajectory": _trajectory(tr),
        "scorecard": [
            {
                "rank": s.rank,
                "unit": s.unit,
                "value": _d(rounded(s.value, 4)),
                "distance": _d(rounded(s.distance, 4)),  # to the target, points for a percentage
                "distance_exact": _exact(s.distance),
                "gap": None if s.gap is None or not s.gap.required else _d(s.gap.amount),
                "status_text": s.word,
                "pace": None if s.pace is None else s.pace.value,
            }
            for s in v.scorecard
        ],
    }


def _reading(v: TargetView) -> dict[str, Any]:
    """What a kind beyond a level compared: per year, direction, base year and values, band."""
    t = v.target
    reading = getattr(v.result, "reading", None)
    return {
        "per_year": t.per_year,
        "direction": {1: "up", -1: "down"}.get(t.direction),
        "base_year": t.base_year if reading is None or reading.base_year is None else reading.base_year,
        "baseline_stated": _d(t.baseline),
        "base_value": None if reading is None else _d(rounded(reading.base_value, 4)),
        "stated": _d(t.stated),
        "band": None if reading is None else _d(reading.band),
        "change_in": None if t.kind is not Kind.CHANGE else ("points" if t.denominator else "percent"),
        "deadline_from_period": t.deadline_from_period,
        "notes": kind_notes(v),
    }


def write_json(views: list[TargetView], findings: list[Finding]) -> str:
    doc = {
        "targets": [_target(v) for v in views],
        "findings": [finding_to_json(f) for f in findings],
        "summary": {
            "targets": len(views),
            "failing": sum(1 for v in views if v.result.failing),
            "not_evaluated": sum(1 for v in views if not v.result.evaluated),
        },
    }
    return json.dumps(doc, ensure_ascii=False, indent=2)
