"""Checks: plain functions ``(Evaluation) -> list[Finding]``, listed in ``CHECKS``.

Every mismatch names its most likely cause when the figures around it tell: a stated
figure that disagrees with its own computation *and* whose computed value would make
the level above add up is the likely typo; a figure confirmed by the level above
points at the factors or the children instead.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from types import MappingProxyType

from budget.balance import find_balances
from budget.causes import (
    GENERIC,
    decimal_places,
    line_name,
    lone_lump,
    product_pattern_cause,
    ratio,
    section_name,
    sum_pattern_cause,
)
from budget.evaluate import (
    Evaluation,
    LineResult,
    Result,
    SectionResult,
    StepResult,
    half_unit,
    plausible_slack,
    within,
)
from budget.findings import Cause, Finding, Severity
from budget.messages import Factors, Phrase
from budget.model import Amount, Quantity
from budget.numbers import EXACT, EXACT_ROUNDING, round_to, shift, total
from budget.plan_table import table_of
from budget.shares import funds_rates, rate_before, share_after, share_in_title, split_rates
from budget.source import Source
from budget.text import fold
from budget.unitcheck import UnitVerdict, describe, verdict
from budget.units import Money, has_measure


@dataclass(frozen=True)
class _Anchor:
    """The nearest figure above an item that is stated and can confirm or refute it."""

    stated_dong: Decimal
    computed_dong: Decimal
    phrase: Phrase

    def fits(self, delta: Decimal) -> bool:
        """Would the level above add up if the item's value changed by ``delta`` đồng?"""
        return EXACT.add(self.computed_dong, delta) == self.stated_dong


def _section_anchor(r: SectionResult, outer: _Anchor | None) -> _Anchor | None:
    if r.stated_dong is None or r.computed_dong is None or r.stated is None:
        return outer
    return _Anchor(r.stated_dong, r.computed_dong, Phrase("PARENT_SECTION", {"number": section_name(r.section)}))


def _total_anchor(ev: Evaluation) -> _Anchor | None:
    t = ev.total
    if t.stated is None or t.children_sum is None:
        return None
    e = t.money.exponent
    return _Anchor(shift(t.stated, e), shift(t.children_sum, e), Phrase("PARENT_TOTAL", {}))


def _walk(items: tuple[Result, ...], anchor: _Anchor | None) -> Iterator[tuple[Result, _Anchor | None]]:
    for r in items:
        yield r, anchor
        if isinstance(r, SectionResult):
            yield from _walk(r.children, _section_anchor(r, anchor))


def _factor_cause(step: StepResult, unit: str, confirmed_by: Phrase) -> Cause:
    """Which factor, changed to a number written with no more decimals, gives the stated result."""
    candidates: list[tuple[Quantity, Decimal]] = []
    for f in step.step.factors:
        needed = ratio(f.value, step.stated, step.computed)
        if needed is None or needed <= 0 or needed == f.value:
            continue
        needed = needed.normalize(context=EXACT)
        if decimal_places(needed) <= decimal_places(f.value):
            candidates.append((f, needed))
    args: dict[str, object] = {"stated": step.stated, "unit": unit, "parent": confirmed_by}
    if len(candidates) == 1:
        f, needed = candidates[0]
        args.update(text=f"{f.text} {f.unit_text}".strip(), value=needed)
        return Cause("CAUSE_FACTOR", args, f.source)
    return Cause("CAUSE_SOME_FACTOR", args)


def _unit_name(r: LineResult) -> str:
    stated = r.line.stated
    if stated.money is not None:
        return stated.money.name
    return stated.unit_text


def _computation(r: LineResult, s: StepResult) -> tuple[Decimal | Phrase, ...]:
    values: list[Decimal | Phrase] = [
        Phrase("NUMBER.percent", {"value": f.value}) if f.percent else f.value for f in s.step.factors
    ]
    if s.index > 1 and not s.step.restart:  # a step that restarts holds its whole computation
        values.insert(0, r.line.steps[s.index - 2].stated.value)
    if r.scale != 1:  # months and years: ``2 × 12 × 24 × 1/12 (1 năm = 12 tháng)``
        values.append(Phrase("NUMBER.time_scale", {"factor": r.scale}))
    if s.measure != 1:  # ``2,5 × 20.000 × 1000 (quy đổi đơn vị đo: tấn, đồng/kg)``
        before = r.line.steps[s.index - 2].stated.unit_text if s.index > 1 and not s.step.restart else ""
        written = (before, *(f.unit_text for f in s.step.factors), s.step.stated.unit_text)
        units = ", ".join(dict.fromkeys(u for u in written if u and has_measure(u)))
        values.append(Phrase("NUMBER.measure_scale", {"factor": s.measure, "units": units}))
    return tuple(values)


def _unconverted(r: LineResult, s: StepResult, unit: str) -> Cause | None:
    """A product whose units mix months and years, stated as it is without the conversion
    (``60 triệu đồng/năm x 6 tháng = 360``): a rate per month written per year, or the reverse."""
    if r.scale == 1:
        return None
    raw = EXACT_ROUNDING.divide(EXACT.multiply(s.computed, Decimal(r.scale.denominator)), Decimal(r.scale.numerator))
    if raw != s.stated:
        return None
    return Cause("CAUSE_TIME_UNIT", {"stated": s.stated, "unit": unit}, s.step.stated.source)


def _time_unconverted(r: LineResult) -> bool:
    """A money amount computed in a chain whose units mix months and years: converted nowhere,
    as which of its steps did it is not written (``2 người x 12 tháng = 24 x 2 triệu
    đồng/người/năm = ...``: 4 by the units, 48 as multiplied), so its figures are not judged."""
    line = r.line
    money = line.stated.money
    if r.scale != 1 or money is None or not line.is_amount or all(t in ("", "%") for t in line.unit_texts):
        return False
    v = _unit_findings(line.unit_texts, money.name).verdict
    return v.is_money and v.time_factor != 1


def check_products(ev: Evaluation) -> list[Finding]:
    """Each ``=`` of each cost line: the product against the stated result."""
    out: list[Finding] = []
    beside: list[tuple[Result, _Anchor | None]] = [(r, None) for r in ev.side]
    for r, anchor in [*_walk(ev.items, _total_anchor(ev)), *beside]:
        if not isinstance(r, LineResult) or r.ok:
            continue
        if r.line.unread:
            out.append(_loose_finding(r))
            continue
        if _time_unconverted(r):
            continue  # a chain mixing months and years: not judged, its unit finding says so
        steps = r.steps
        skip_next = False
        said: set[tuple[int, Decimal]] = set()  # (figure, computed) already reported on this line
        for i, s in enumerate(steps):
            if s.ok or skip_next or (id(s.step.stated), s.computed) in said:
                skip_next = False
                continue  # sides restating one result that compute the same: one finding at it
            said.add((id(s.step.stated), s.computed))
            stated_q = s.step.stated
            unit = stated_q.money.name if stated_q.money is not None else stated_q.unit_text
            cause: Cause | None = None
            if i + 1 < len(steps):
                nxt = steps[i + 1]
                replayed = ratio(nxt.computed, s.computed, s.stated)
                if replayed is not None and replayed == nxt.stated:
                    cause = Cause(
                        "CAUSE_INTERMEDIATE",
                        {"stated": s.stated, "computed": s.computed, "unit": unit},
                        stated_q.source,
                    )
                    skip_next = True
                elif nxt.ok:
                    cause = _factor_cause(s, unit, Phrase("PARENT_NEXT_STEP", {}))
            elif anchor is not None:
                delta = EXACT.subtract(shift(s.computed, s.exponent), shift(s.stated, s.exponent))
                if anchor.fits(Decimal(0)):
                    cause = _factor_cause(s, unit, anchor.phrase)
                elif anchor.fits(delta):
                    cause = Cause(
                        "CAUSE_STATED_RESULT",
                        {"computed": s.computed, "unit": unit, "parent": anchor.phrase},
                        stated_q.source,
                    )
            if s.within_rounding:
                out.append(_rounding_product(r, s, unit))
                continue
            if cause is None or cause.code in GENERIC:
                cause = _unconverted(r, s, unit) or product_pattern_cause(s, unit) or cause
            out.append(
                Finding(
                    stated_q.source,
                    "PRODUCT_MISMATCH",
                    Severity.ERROR,
                    {
                        "computation": s.step.factors[0].text if _group_key(r, s) else _computation(r, s),
                        "computed": s.computed,
                        "stated": s.stated,
                        "difference": EXACT.subtract(s.stated, s.computed),
                        "unit": unit,
                    },
                    expected=s.computed,
                    actual=s.stated,
                    unit=unit,
                    cause=cause,
                    message_key="PRODUCT_MISMATCH.split" if r.line.split else _group_key(r, s),
                )
            )
    return out


# an operator between two numbers (``300.000 đồng - 50.000 đồng``, ``480 triệu : 12``), in figures
# or in words; a ``/`` before a unit (``đồng/người``) is no operator
_OPERATOR = re.compile(r"\d\D{0,40}?(?:\s[+\-−–:×*x]\s*[\d(]|/\s*[\d(])|\b(?:trừ|cộng|chia|nhân)\b", re.IGNORECASE)


def _group_key(r: LineResult, s: StepResult) -> str | None:
    """A step whose one factor is a whole computation (a difference, a sum, a quotient) is
    no product: its message names it a computation and shows it as written."""
    factors = s.step.factors
    if len(factors) != 1 or (s.index > 1 and not s.step.restart) or not _OPERATOR.search(factors[0].text):
        return None
    return "PRODUCT_MISMATCH.group"


def _loose_finding(r: LineResult) -> Finding:
    """A line that agrees neither as read nor with the number its sentence leaves aside."""
    s = next(s for s in r.steps if not s.ok)
    where = r.line.loose[0]
    text = where.text[where.caret :] if where.caret is not None else ""
    written = text.split()[0] if text.split() else ""
    args = {
        "computation": _computation(r, s),
        "computed": s.computed,
        "stated": s.stated,
        "unit": _unit_name(r),
        "text": written.strip(",.;:()"),
    }
    return Finding(where, "COSTLINE_LOOSE", Severity.WARNING, args)


def _rounding_product(r: LineResult, s: StepResult, unit: str) -> Finding:
    """A result written with fewer digits than its exact product, within half its last digit."""
    exponent = s.stated.as_tuple().exponent
    assert isinstance(exponent, int)
    args = {
        "computation": _computation(r, s),
        "computed": s.computed,
        "stated": s.stated,
        "difference": EXACT.subtract(s.stated, s.computed),
        "slack": Decimal(1).scaleb(exponent) if s.step.rounded else Decimal(5).scaleb(exponent - 1),
        "unit": unit,
    }
    return Finding(
        s.step.stated.source,
        "PRODUCT_ROUNDING",
        Severity.WARNING,
        args,
        expected=s.computed,
        actual=s.stated,
        unit=unit,
    )


def _child_cause(
    container_stated: Decimal, container_computed: Decimal, children: tuple[Result, ...], money: Money
) -> Cause | None:
    """The one inconsistent child whose own computed value would make the container add up."""
    fits: list[Cause] = []
    for c in children:
        if c.stated_dong is None or c.computed_dong is None or c.ok is not False:
            continue
        delta = EXACT.subtract(c.computed_dong, c.stated_dong)
        if EXACT.add(container_computed, delta) != container_stated:
            continue
        if isinstance(c, LineResult):
            unit = _unit_name(c)
            args: dict[str, object] = {
                "line": c.line.source.line or "",
                "label": line_name(c.line),
                "stated": c.stated,
                "computed": c.computed,
                "unit": unit,
            }
            fits.append(Cause("CAUSE_CHILD_LINE", args, c.line.stated.source))
        else:
            assert c.stated is not None and c.children_sum is not None
            args = {
                "number": section_name(c.section),
                "stated": c.stated,
                "computed": c.children_sum,
                "unit": c.money.name,
            }
            fits.append(Cause("CAUSE_CHILD_SECTION", args, c.section.source))
    return fits[0] if len(fits) == 1 else None


def check_sections(ev: Evaluation) -> list[Finding]:
    """Each section's stated amount against the sum of its children."""
    out: list[Finding] = []
    # a breakdown whose figure another breakdown of it confirms (by source, then by use)
    confirmed = {
        id(c)
        for p in ev.sections()
        if p.section.alternatives
        for c in p.children
        if any(o is not c and o.ok for o in p.children)
    }
    for r, anchor in _walk(ev.items, _total_anchor(ev)):
        if not isinstance(r, SectionResult) or r.ok is not False:
            continue
        assert r.stated is not None and r.children_sum is not None
        assert r.stated_dong is not None and r.computed_dong is not None
        unit = r.money.name
        where = r.section.stated.source if r.section.stated is not None else r.section.source
        if r.within_rounding:
            args = {"number": section_name(r.section), **_rounding_args(r.stated, r.children_sum, r.money, r.slack)}
            plausible = plausible_slack(r.section.stated, r.children)
            if not within(r.stated, r.children_sum, r.money, plausible):
                out.append(_coarse_rounding(where, "section", args, r.money, plausible))
                continue
            out.append(
                _rounding_finding(where, "SECTION_SUM_ROUNDING", args, r.children_sum, r.stated, r.rounded_parts)
            )
            continue
        twice = _stated_twice(where, r.stated, r.money, r.children, anchor)
        if twice is not None:
            out.append(twice)
            continue
        cause = _child_cause(r.stated_dong, r.computed_dong, r.children, r.money)
        own = {"stated": r.stated, "computed": r.children_sum, "unit": unit}
        if cause is None and id(r) in confirmed:
            cause = Cause("CAUSE_OTHER_BREAKDOWN", own, r.section.stated.source if r.section.stated else None)
        elif cause is None and all(c.ok is not False for c in r.children):
            if anchor is None:
                cause = Cause("CAUSE_OWN_FIGURE_TOP", own, r.section.stated.source if r.section.stated else None)
            elif anchor.fits(EXACT.subtract(r.computed_dong, r.stated_dong)):
                cause = Cause(
                    "CAUSE_OWN_FIGURE",
                    {**own, "parent": anchor.phrase},
                    r.section.stated.source if r.section.stated else None,
                )
            elif anchor.fits(Decimal(0)):
                cause = lone_lump(r)
        if cause is None or cause.code in GENERIC:
            cause = sum_pattern_cause(r.stated, r.children_sum, r.children, r.money, where) or cause
        out.append(
            Finding(
                where,
                "SECTION_SUM_MISMATCH",
                Severity.ERROR,
                {
                    "number": section_name(r.section),
                    "computed": r.children_sum,
                    "stated": r.stated,
                    "difference": EXACT.subtract(r.stated, r.children_sum),
                    "unit": unit,
                },
                expected=r.children_sum,
                actual=r.stated,
                unit=unit,
                cause=cause,
            )
        )
    return out


def _rounding_args(stated: Decimal, computed: Decimal, money: Money, slack: Decimal) -> dict[str, object]:
    return {
        "stated": stated,
        "computed": computed,
        "difference": EXACT.subtract(stated, computed),
        "slack": shift(slack, -money.exponent),
        "unit": money.name,
    }


def _rounding_finding(
    where: Source, code: str, args: dict[str, object], computed: Decimal, stated: Decimal, parts: int
) -> Finding:
    """A sum that differs by no more than the rounding of its figures explains: a warning
    that says so and gives the interval, never an error."""
    unit = str(args["unit"])
    args = {**args, "parts": parts, "rounded": Phrase(f"ROUNDED_PARTS.{'some' if parts else 'own'}", {"count": parts})}
    return Finding(where, code, Severity.WARNING, args, expected=computed, actual=stated, unit=unit)


def _coarse_rounding(where: Source, kind: str, args: dict[str, object], money: Money, plausible: Decimal) -> Finding:
    """A sum within rounding only if its figures were rounded to fewer than three significant
    digits (``5 tỷ`` stated, ``3 tỷ`` and ``3 tỷ`` summed): a mistake as likely as a rounding,
    so not checked, never an error and never agreeing."""
    args = {**args, "cap": shift(plausible, -money.exponent)}
    return Finding(
        where,
        "SUM_ROUNDING_NOT_CHECKED",
        Severity.WARNING,
        args,
        expected=args["computed"],  # type: ignore[arg-type]
        actual=args["stated"],  # type: ignore[arg-type]
        unit=money.name,
        message_key=f"SUM_ROUNDING_NOT_CHECKED.{kind}",
    )


def _stated_twice(
    where: Source, stated: Decimal, money: Money, children: tuple[Result, ...], anchor: _Anchor | None = None
) -> Finding | None:
    """A figure whose only part is a section stating its own figure: the same amount written
    twice (the text's total and the table's ``Tổng cộng``, a heading and its one item). When
    the two differ, the conflict is reported with both places; which one is right is not
    guessed, unless the level above adds up with the outer figure (``anchor``) and nothing
    below confirms the item's: then the item's figure is the odd one of three and the finding
    stands at it."""
    if len(children) != 1 or not isinstance(children[0], SectionResult):
        return None
    child = children[0]
    if child.section.stated is None or child.stated_dong is None or child.stated is None:
        return None
    other = shift(child.stated_dong, -money.exponent)
    # the item's own parts adding up to it confirm it as much: then nothing tells the two apart
    if anchor is not None and anchor.fits(Decimal(0)) and not (child.has_computation and child.ok):
        inner = child.section.stated.source
        args = {"stated": child.stated, "other": stated, "unit": child.money.name, "where": where.where}
        args["above"] = anchor.phrase
        return Finding(
            inner,
            "FIGURE_STATED_TWICE",
            Severity.ERROR,
            args,
            expected=shift(EXACT.multiply(stated, Decimal(1)), money.exponent - child.money.exponent),
            actual=child.stated,
            unit=child.money.name,
            message_key="FIGURE_STATED_TWICE.confirmed",
        )
    args = {"stated": stated, "other": other, "unit": money.name, "where": child.section.stated.source.where}
    return Finding(where, "FIGURE_STATED_TWICE", Severity.ERROR, args, expected=other, actual=stated, unit=money.name)


def check_total(ev: Evaluation) -> list[Finding]:
    """The grand total against its sections; a missing total is noted."""
    t = ev.total
    plan = ev.plan
    unit = t.money.name
    if t.stated is None:
        if t.children_sum is not None and len(ev.items) > 1:
            where = (
                plan.heading.source
                if plan.heading is not None
                else ev.items[0].section.source
                if isinstance(ev.items[0], SectionResult)
                else ev.items[0].line.source
            )
            return [Finding(where, "TOTAL_MISSING", Severity.INFO, {"computed": t.children_sum, "unit": unit})]
        return []
    if t.ok is not False:
        return []
    assert plan.total is not None and t.children_sum is not None
    if t.within_rounding:
        args = _rounding_args(t.stated, t.children_sum, t.money, t.slack)
        plausible = plausible_slack(plan.total, ev.items)
        if not within(t.stated, t.children_sum, t.money, plausible):
            return [_coarse_rounding(plan.total.source, "total", args, t.money, plausible)]
        return [_rounding_finding(plan.total.source, "TOTAL_ROUNDING", args, t.children_sum, t.stated, t.rounded_parts)]
    twice = _stated_twice(plan.total.source, t.stated, t.money, ev.items)
    if twice is not None:
        return [twice]
    e = t.money.exponent
    cause = _child_cause(shift(t.stated, e), shift(t.children_sum, e), ev.items, t.money)
    if cause is None and all(c.ok is not False for c in ev.items):
        cause = Cause("CAUSE_OWN_FIGURE_TOP", {"stated": t.stated, "unit": unit}, plan.total.source)
    if cause is None or cause.code in GENERIC:
        cause = sum_pattern_cause(t.stated, t.children_sum, ev.items, t.money, plan.total.source) or cause
    return [
        Finding(
            plan.total.source,
            "TOTAL_MISMATCH",
            Severity.ERROR,
            {
                "stated": t.stated,
                "computed": t.children_sum,
                "difference": EXACT.subtract(t.stated, t.children_sum),
                "unit": unit,
            },
            expected=t.children_sum,
            actual=t.stated,
            unit=unit,
            cause=cause,
        )
    ]


def check_empty_sections(ev: Evaluation) -> list[Finding]:
    """A section with neither an amount nor items is reported as having none, not as zero."""
    return [
        Finding(r.section.source, "SECTION_NO_AMOUNT", Severity.INFO, {"number": section_name(r.section)})
        for r in ev.sections()
        if r.section.stated is None and not r.section.items
    ]


def _assumed_money(r: LineResult, s: StepResult) -> str:
    """The money unit a result written without one was taken in: its step's money factor, else
    the unit of the result the step goes on from (``66.000 đồng x 4 tháng = 264.000``)."""
    for step in reversed(r.line.steps[: s.index]):
        if step is not s.step and step.stated.money is not None:
            return step.stated.money.name
        money = next((f.money for f in step.factors if f.money is not None), None)
        if money is not None:
            return money.name
    return ""


def check_assumed_units(ev: Evaluation) -> list[Finding]:
    """Results computed under an assumed money unit are flagged, never passed silently."""
    out: list[Finding] = []
    for r in ev.lines():
        for s in r.steps:
            if not s.assumed_unit:
                continue
            stated = s.step.stated
            if stated.money is None:
                unit = _assumed_money(r, s)
                out.append(
                    Finding(stated.source, "RESULT_NO_UNIT", Severity.WARNING, {"stated": s.stated, "unit": unit})
                )
            else:
                out.append(
                    Finding(s.step.factors[0].source, "NO_MONEY_FACTOR", Severity.WARNING, {"unit": stated.money.name})
                )
    return out


@dataclass(frozen=True)
class _UnitFindings:
    """What to report for one signature, built once and shared by every line that has it."""

    verdict: UnitVerdict
    args: Mapping[str, object]
    clean: bool
    residual_key: str | None = None  # the wording of UNIT_RESIDUAL for this residual


@lru_cache(maxsize=4096)
def _unit_findings(texts: tuple[str, ...], unit: str) -> _UnitFindings:
    v = verdict(texts)
    args: dict[str, object] = {"product": describe(v.product), "unit": unit}
    key = None
    if v.residual:
        args["residual"] = describe(v.residual)
        # in words an officer reads: the units the product still goes "per" (a count missing)
        # and those left over (a count taken twice)
        per = [describe({n: -p}) for n, p in v.residual if p < 0]
        extra = [describe({n: p}) for n, p in v.residual if p > 0]
        args["per"] = ", ".join(per)
        args["extra"] = ", ".join(extra)
        key = "UNIT_RESIDUAL." + ("both" if per and extra else "per" if per else "extra")
    if v.time_factor != 1:
        args["factor"] = v.time_factor
    return _UnitFindings(v, MappingProxyType(args), v.clean, key)


def check_units(ev: Evaluation) -> list[Finding]:
    """Each line's units must cancel to money; residuals, non-money and năm/tháng mixes are named.

    pint runs once per distinct signature (cached); a line costs a tuple and a lookup.
    """
    out: list[Finding] = []
    named: set[str] = set()  # an unknown noun is said once in a document, where it first counts
    for r in ev.lines():
        line = r.line
        money = line.stated.money
        if money is None or not line.is_amount:
            continue  # no money stated (RESULT_NO_UNIT says so), or a rate: nothing to cancel against
        if all(t in ("", "%") for t in line.unit_texts):
            continue  # bare numbers: NO_MONEY_FACTOR says the result's unit was assumed
        u = _unit_findings(line.unit_texts, money.name)
        if u.clean:
            continue
        v = u.verdict
        factors = line.unit_factors
        for i, word in v.new_words:  # said once, where the word first counts (``300 em x … đồng/em``)
            if word not in named:
                named.add(word)
                out.append(Finding(factors[i].source, "UNIT_NEW_COUNT", Severity.INFO, {"word": word}))
        if not v.is_money:
            out.append(Finding(factors[0].source, "UNIT_NOT_MONEY", Severity.ERROR, u.args, unit=money.name))
            continue
        if v.residual and r.measure == 1:  # a measure converted (kg into tấn) leaves no residual
            suspects = tuple(factors[i] for i in v.suspects)
            cause = Cause("CAUSE_UNIT_FACTOR", {"factors": Factors(suspects)}, suspects[0].source) if suspects else None
            where = suspects[0].source if suspects else factors[0].source
            out.append(
                Finding(
                    where, "UNIT_RESIDUAL", Severity.WARNING, u.args, unit=money.name, cause=cause,
                    message_key=u.residual_key,
                )
            )  # fmt: skip
        if v.time_factor != 1 and r.scale == 1:
            out.append(Finding(factors[0].source, "UNIT_TIME_SCALE", Severity.WARNING, u.args, unit=money.name))
        elif v.time_factor != 1:  # the product was converted (one step): said, not doubted
            out.append(Finding(factors[0].source, "UNIT_TIME_CONVERTED", Severity.INFO, u.args, unit=money.name))
    return out


def check_stored_values(ev: Evaluation) -> list[Finding]:
    """A workbook's stored formula values against our computation (stale after an edit?)."""
    claims = ev.plan.claims
    if not claims:
        return []
    decimals = ev.total.money.exponent
    unit = ev.total.money.name
    table = table_of(ev)
    ours: dict[tuple[str, str], Decimal | None] = {}
    for line in table.lines:
        ours[("line", str(line.result.line.source.cell))] = line.computed
    for sec in table.sections:
        ours[("sum", sec.result.section.number)] = sec.stated_sum
        ours[("recomputed", sec.result.section.number)] = sec.recomputed_sum
    ours[("sum", "")] = table.total.stated_sum
    ours[("recomputed", "")] = table.total.recomputed_sum
    out = []
    for c in claims:
        value = ours.get((c.target, c.key))
        if c.stored is None or value is None:
            continue
        computed = round_to(value, decimals)
        if round_to(c.stored, decimals) != computed:
            args = {"stored": c.stored, "computed": computed, "unit": unit}
            out.append(
                Finding(
                    c.source, "XLSX_STALE_VALUE", Severity.ERROR, args, expected=computed, actual=c.stored, unit=unit
                )
            )
    return out


def stated_unchecked(ev: Evaluation) -> list[Amount]:
    """Stated figures no judged relation uses: the grand total or a section's amount with no
    computation of its own (nothing below it adds up to compare with), that is not a part of a
    sum compared above it, not spelt out in words, not a side of a balance and not a share or
    the base of one. Such a figure is read, but nothing checks it."""
    used: set[Source] = {w.amount.source for w in ev.plan.words if w.amount is not None}
    for b in find_balances(ev.plan.items):
        used.update(s.stated.source for s in (b.revenue, b.spending) if s.stated is not None)
    for children, parent in _lists(ev):
        shares, others = _judged_shares(children, parent)
        for c in [*(s.item for s in shares), *others]:
            if isinstance(c, SectionResult) and c.section.stated is not None:
                used.add(c.section.stated.source)
    out: list[Amount] = []

    def visit(children: tuple[Result, ...], summed_above: bool) -> None:
        for r in children:
            if isinstance(r, LineResult):
                continue
            stated = r.section.stated
            if stated is not None and not r.has_computation and not summed_above and stated.source not in used:
                out.append(stated)
            # a section's parts are compared with its figure, or add up into the sum above it
            visit(r.children, summed_above or r.stated is not None)

    t = ev.total
    if ev.plan.total is not None and t.stated is not None and t.children_sum is None:
        if ev.plan.total.source not in used:
            out.append(ev.plan.total)
    visit(ev.items, t.stated is not None)
    return out


def _applied_rates(ev: Evaluation) -> set[Decimal]:
    """In đồng: the money factors of the computations judged (the rates they apply)."""
    return {
        shift(q.value, q.money.exponent)
        for r in ev.lines()
        for q in r.line.factors
        if q.money is not None and not q.percent
    }


def check_coverage(ev: Evaluation) -> list[Finding]:
    """Every money amount the reader found but no check used is reported where it stands: an
    amount it could not place, and a stated figure nothing computes or compares (a lone total).
    A money rate stated on its own (``Mức thu: 90.000 đồng/tháng``) that a judged computation
    applies as a factor is the norm it was checked with: not reported."""
    unchecked = ev.plan.unchecked
    if any(a.per for a in unchecked):
        applied = _applied_rates(ev)
        unchecked = tuple(a for a in unchecked if not (a.per and shift(a.value, a.money.exponent) in applied))
    placed = [(a, None) for a in unchecked]
    alone = [(a, "UNCHECKED_AMOUNT.stated_only") for a in stated_unchecked(ev)]
    return [
        Finding(
            a.source,
            "UNCHECKED_AMOUNT",
            Severity.WARNING,
            {"value": a.value, "unit": a.unit},
            actual=a.value,
            unit=a.unit,
            message_key=key,
        )
        for a, key in [*placed, *alone]
    ]


def check_words(ev: Evaluation) -> list[Finding]:
    """Every amount in words against the figure it spells (``Bằng chữ: ...``).

    Words that do not read as one amount, or stand beside no figure, are reported as not
    checked (a warning): never compared, never an error.
    """
    out = []
    for w in ev.plan.words:
        if w.value is None:
            out.append(Finding(w.source, "WORDS_UNREADABLE", Severity.WARNING, {"words": w.text}))
            continue
        if w.amount is None:
            out.append(Finding(w.source, "WORDS_NOT_CHECKED", Severity.WARNING, {"words": w.text, "said": w.value}))
            continue
        money = w.amount.money
        said = shift(w.value, -money.exponent)
        if said == w.amount.value:
            continue
        args = {"words": w.text, "said": said, "figure": w.amount.value, "unit": money.name}
        out.append(
            Finding(
                w.source, "WORDS_MISMATCH", Severity.ERROR, args, expected=w.amount.value, actual=said, unit=money.name
            )
        )
    return out


@dataclass(frozen=True)
class _Share:
    """An item stated as a share: the rate, and whether the rate was worked out from the amounts
    (written after the amount: rounded to its own last digit) or the amount from the rate."""

    item: SectionResult
    rate: Decimal
    derived: bool = False
    places: int = 0  # digits of the rate after its decimal mark, for a derived rate
    at: Source | None = None  # where a derived rate is written


def _judged_shares(children: tuple[Result, ...], parent: Decimal | None) -> tuple[list[_Share], list[Result]]:
    """The lump items of ``children`` stated as a share, with their rates, and the other items
    with an amount they are a share of; no shares when there is nothing to take them of (no
    other item and no parent figure: ``tỉnh (70%) là ...; huyện (30%) là ...`` under a total
    are shares of it)."""
    shares: list[_Share] = []
    for c in children:
        if isinstance(c, SectionResult) and not c.children and c.section.stated is not None:
            rate = share_in_title(c.section.title)
            if rate is not None:
                shares.append(_Share(c, rate))
            elif (after := share_after(c.section.stated)) is not None:
                shares.append(_Share(c, after.rate, True, after.places, after.at))
    if not shares:
        shares = _split(children)
    share_ids = {id(s.item) for s in shares}
    others = [c for c in children if id(c) not in share_ids and c.stated_dong is not None]
    # rates worked out from the amounts split the list's sum when nothing above states it
    whole = others or parent is not None or (len(children) > 1 and all(s.derived for s in shares))
    return (shares, others) if shares and whole else ([], [])


def _split(children: tuple[Result, ...]) -> list[_Share]:
    """Items each of whose titles ends with its share of the whole (``Ngân sách tỉnh hỗ trợ 70%``,
    ``Ngân sách huyện hỗ trợ 30%``): shares of the figure above, when the rates add up to 100."""
    items = [c for c in children if isinstance(c, SectionResult) and not c.children and c.section.stated is not None]
    if len(items) != len(children):
        return []
    rates = split_rates([fold(c.section.title) for c in items])
    return [] if rates is None else [_Share(c, rate) for c, rate in zip(items, rates, strict=True)]


def _split_not_shares(children: tuple[Result, ...]) -> list[Finding]:
    """Items each of whose titles ends with a source of funds' rate (``ngân sách tỉnh 70%``,
    ``ngân sách huyện 40%``) where the rates do not add up to 100: they split no whole, or one of
    them is written wrong; not checked (never an error: which one is not known)."""
    items = [c for c in children if isinstance(c, SectionResult) and not c.children and c.section.stated is not None]
    if len(items) != len(children):
        return []
    rates = funds_rates([fold(c.section.title) for c in items])
    if rates is None or sum(rates) == 100:
        return []
    first = items[0].section
    where = (rate_before(first.stated) if first.stated is not None else None) or first.source
    return [
        Finding(
            where, "SHARE_NOT_CHECKED", Severity.WARNING, {"sum": total(rates)}, message_key="SHARE_NOT_CHECKED.split"
        )
    ]


def _lists(ev: Evaluation) -> list[tuple[tuple[Result, ...], Decimal | None]]:
    """Every list of sibling items with the figure of the item above it (in đồng, if stated):
    the top level and each section's children."""
    top = None if ev.total.stated is None else shift(ev.total.stated, ev.total.money.exponent)
    return [
        (ev.items, top),
        *((r.children, r.stated_dong if r.section.stated is not None else None) for r in ev.sections()),
    ]


def judged_shares(ev: Evaluation) -> list[SectionResult]:
    """Every lump item stated as a share that has other items to be a share of (each is checked)."""
    return [s.item for children, parent in _lists(ev) for s in _judged_shares(children, parent)[0]]


def _rate_agrees(share: _Share, bases: list[Decimal]) -> bool:
    """A rate worked out from the amounts agrees when the amount's share of some base, rounded
    to the rate's digits, is the rate: ``4.500 / 18.425 = 24,42%``, written ``24,4%``."""
    half = Decimal(5).scaleb(-share.places - 1)
    stated = share.item.stated_dong
    assert stated is not None
    return any(
        b > 0 and abs(EXACT.subtract(EXACT.multiply(stated, 100), EXACT.multiply(share.rate, b))) <= half * b
        for b in bases
    )


def _shares_of(children: tuple[Result, ...], parent_dong: Decimal | None, parent_text: str = "") -> list[Finding]:
    shares, others = _judged_shares(children, parent_dong)
    if not shares:
        return _split_not_shares(children)
    # the share of the other items, or of the parent's figure (``5% tổng kinh phí``); a list of
    # shares only splits the parent's figure
    base = total(c.stated_dong for c in others if c.stated_dong is not None) if others else parent_dong
    # a rate written after the amount is its part of the whole the list splits: the figure above
    # it, or all the items together
    stated = [c.stated_dong for c in children if c.stated_dong is not None]
    wholes = [w for w in (parent_dong, total(stated) if len(stated) == len(children) else None) if w is not None]
    out = []
    bases = [b for b in (base, parent_dong) if b is not None]

    def agrees(share: _Share) -> bool:
        c = share.item
        assert c.section.stated is not None and c.stated_dong is not None
        slack = half_unit(c.section.stated)
        if any(abs(EXACT.subtract(c.stated_dong, shift(EXACT.multiply(b, share.rate), -2))) <= slack for b in bases):
            return True
        return share.derived and (not wholes or _rate_agrees(share, [*wholes, *bases]))

    # rates after the amounts that two or more items break are no shares of the list: rates of
    # the same kind as one the text compares with (``đạt 97% dự toán``) or with a figure it does
    # not give. One item that breaks them is a rate written wrong when two others or more agree;
    # beside a single other (``8.900 tỷ (97%); 300 tỷ (80%)``: a dominant part's share near any
    # high rate) which of the two is odd is not known
    derived = [s for s in shares if s.derived]
    wrong = [s for s in derived if not agrees(s)]
    compared = _COMPARED.search(fold(parent_text)) is not None or len(wrong) >= 2
    compared = compared or (len(wrong) == 1 and len(derived) - 1 < 2)
    for share in shares:
        c, rate = share.item, share.rate
        if agrees(share):
            continue
        money = c.money
        if share.derived:
            if compared:
                out.append(_rates_not_shares(share, shares))
                break  # said once for the list
            out.append(_rate_mismatch(share, wholes[0], money))
            continue
        assert base is not None  # a rate the amount is worked out from has other items or a parent
        assert c.section.stated is not None
        expected = shift(shift(EXACT.multiply(base, rate), -2), -money.exponent)
        args = {
            "title": c.section.title[:60],
            "rate": rate,
            "base": shift(base, -money.exponent),
            "computed": expected,
            "stated": c.stated,
            "unit": money.name,
        }
        where = c.section.stated.source
        out.append(
            Finding(
                where,
                "SHARE_MISMATCH",
                Severity.ERROR,
                args,
                expected=expected,
                actual=c.stated,
                unit=money.name,
                message_key=None if others else "SHARE_MISMATCH.parent",
            )
        )
    return out


# a rate the figure above the list is compared with (``9.200 tỷ đồng, đạt 96% dự toán``): the
# rates after its parts' amounts are rates of the same kind, no shares of it
_COMPARED = re.compile(
    r"(?:\bdat|\bbang|\btang|\bgiam)\s{0,3}[0-9]{1,3}(?:[,.][0-9]{1,4})?\s{0,2}%"
    r"|%\s{0,3}(?:so voi|du toan|ke hoach|cung ky)"
)


def _rates_not_shares(share: _Share, shares: list[_Share]) -> Finding:
    """Rates after the amounts of a list whose figure above is compared with another (``đạt 96%
    dự toán``) that do not agree with the amounts: rates of achievement, not checked (never an
    error)."""
    assert share.at is not None
    return Finding(share.at, "SHARE_NOT_CHECKED", Severity.WARNING, {"sum": total(s.rate for s in shares)})


def _rate_mismatch(share: _Share, whole: Decimal, money: Money) -> Finding:
    """A rate written after an amount that is not the amount's part of the whole: the rate is
    reported, at its place, with the share the amounts give (one digit more than written)."""
    c = share.item
    assert c.stated_dong is not None and share.at is not None
    computed = (c.stated_dong * 100 / whole).quantize(Decimal(1).scaleb(-share.places - 1), context=EXACT_ROUNDING)
    args = {
        "title": c.section.title[:60],
        "rate": share.rate,
        "base": shift(whole, -money.exponent),
        "computed": computed,
        "stated": c.stated,
        "unit": money.name,
    }
    return Finding(
        share.at,
        "SHARE_MISMATCH",
        Severity.ERROR,
        args,
        expected=computed,
        actual=share.rate,
        unit="%",
        message_key="SHARE_MISMATCH.rate",
    )


def check_shares(ev: Evaluation) -> list[Finding]:
    """Lump items stated as a share (``Dự phòng (5%): 60 triệu đồng``): the rate times the
    other items of the same list (or the figure the list totals), within the rounding the
    stated figure's precision allows."""
    texts = {id(r.children): r.section.stated.source.text or "" for r in ev.sections() if r.section.stated is not None}
    if ev.plan.total is not None:
        texts[id(ev.items)] = ev.plan.total.source.text or ""
    return [f for children, parent in _lists(ev) for f in _shares_of(children, parent, texts.get(id(children), ""))]


def check_balances(ev: Evaluation) -> list[Finding]:
    """Revenue and spending stated for the same budget: a difference is a warning (a deficit
    or surplus may be intended, but a resolution adopts its budget balanced)."""
    out = []
    for b in find_balances(ev.plan.items):
        if b.ok:
            continue
        assert b.revenue.stated is not None and b.spending.stated is not None
        money = b.revenue.stated.money
        revenue = shift(b.revenue_dong, -money.exponent)
        spending = shift(b.spending_dong, -money.exponent)
        args = {
            "subject": b.subject,
            "revenue": revenue,
            "spending": spending,
            "difference": EXACT.subtract(spending, revenue),
            "unit": money.name,
        }
        where = b.spending.stated.source
        unit = money.name
        out.append(
            Finding(where, "BALANCE_DIFFERS", Severity.WARNING, args, expected=revenue, actual=spending, unit=unit)
        )
    return out


Check = Callable[[Evaluation], list[Finding]]
ARITHMETIC: tuple[Check, ...] = (
    check_products,
    check_sections,
    check_total,
    check_empty_sections,
    check_assumed_units,
    check_coverage,
    check_words,
    check_balances,
    check_shares,
)
CHECKS: tuple[Check, ...] = (*ARITHMETIC, check_units, check_stored_values)

# Unit findings that are warnings by default (plans are loose with units) and errors
# under --strict-units.
UNIT_WARNINGS = frozenset({"UNIT_RESIDUAL", "UNIT_TIME_SCALE"})


def run_checks(ev: Evaluation, checks: tuple[Check, ...] = CHECKS, strict_units: bool = False) -> list[Finding]:
    found = [f for check in checks for f in check(ev)]
    if strict_units:
        found = [f._replace(severity=Severity.ERROR) if f.code in UNIT_WARNINGS else f for f in found]
    return found
