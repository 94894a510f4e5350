"""Plan → Evaluation: every product, section sum and total computed exactly.

Computed values are expressed in the unit of the figure they are compared with, so
a result in ``triệu đồng`` is compared with factors in ``nghìn đồng`` exactly. Each
step of a chain starts from the previous *stated* result, so a typo is located at
the step where it was made; the line's ``computed`` value instead runs the chain from
the factors alone, which is what the line would be worth if its factors are right.

Rounding, as XBRL Calculation 1.1 treats it: a figure stated in a unit larger than đồng
stands for the interval its last written digit allows (``258.758 triệu đồng`` is
258.758 ± 0,5 triệu), while a product of exact factors, and a sum whose parts are all
exact, has no slack at all. A section is consistent within rounding when the interval of
its stated figure overlaps the interval of the sum of its parts; ``slack`` says how far.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, Inexact
from fractions import Fraction

from budget.model import Amount, CostLine, Plan, Quantity, Section, Step
from budget.numbers import EXACT, EXACT_ROUNDING, product, shift, total
from budget.text import fold
from budget.units import SCALES, TRIEU, Money, measure_scale, time_scale

# the words that say a figure is about so much, right before it (``khoảng 500 triệu đồng``)
_ABOUT = re.compile(r"(?<![^\W\d_])(?:khoang|xap xi|chung|gan)\s{1,3}(?:la\s{1,3})?:?\s{0,3}$")


def _approximate(amount: Amount) -> bool:
    src = amount.source
    at = getattr(src, "caret", None)  # (a figure built by hand may carry no place)
    return at is not None and src.cell is None and _ABOUT.search(fold(src.text[max(0, at - 24) : at])) is not None


def half_unit(amount: Amount | None) -> Decimal:
    """Half of the last written digit of a stated figure, in đồng: the rounding it may hide.

    ``258.758 triệu`` → 500.000 đ; ``1.617,352 tỷ`` → 500.000 đ; ``12.500 nghìn`` → 500 đ.
    A figure whose last digit is a whole đồng or finer hides no rounding (0).
    """
    if amount is None:
        return Decimal(0)
    written = amount.value.as_tuple().exponent
    assert isinstance(written, int)  # stated figures are finite
    last: int = written
    if _approximate(amount):
        # ``khoảng 500 triệu đồng``: a figure said to be about so much is as precise as its last
        # digit that is not a zero (500: to the hundred)
        shown = amount.value.normalize(context=EXACT).as_tuple().exponent
        assert isinstance(shown, int)
        last = max(written, shown)
    place = amount.money.exponent + last
    return shift(Decimal(5), place - 1) if place > 0 else Decimal(0)


@dataclass(frozen=True)
class _Value:
    value: Decimal  # in units of 10**exponent đồng when money, else a plain number
    exponent: int
    money: bool


def _multiply(start: _Value | None, factors: Iterable[Quantity]) -> _Value:
    values = [] if start is None else [start.value]
    exponent = 0 if start is None else start.exponent
    money = False if start is None else start.money
    for f in factors:
        values.append(shift(f.value, -2) if f.percent else f.value)
        exponent += f.exponent
        money = money or f.money is not None
    return _Value(product(values), exponent, money)


def _as_stated(v: _Value, stated: Quantity) -> tuple[Decimal, int, bool]:
    """``v`` in the unit of ``stated``; and whether a unit had to be assumed."""
    if stated.percent and not v.money:
        return shift(v.value, 2), 0, False  # a share stated as a percentage: 3 x 15% = 45%
    if stated.money is not None and v.money:
        return shift(v.value, v.exponent - stated.exponent), stated.exponent, False
    if stated.money is None and v.money:
        return v.value, v.exponent, True  # result written without unit: same scale as the rate
    if stated.money is not None and not v.money:
        return v.value, stated.exponent, True  # no money factor: factors taken in the result's unit
    return v.value, 0, False


@dataclass(frozen=True)
class StepResult:
    index: int  # 1-based
    step: Step
    computed: Decimal  # previous stated × this step's factors, in the stated unit
    exponent: int  # unit of computed/stated as a power of ten of đồng
    assumed_unit: bool
    measure: Fraction = Fraction(1)  # the step's conversion of a measure (``tấn x đồng/kg``: 1000)

    @property
    def stated(self) -> Decimal:
        return self.step.stated.value

    @property
    def ok(self) -> bool:
        return self.computed == self.stated

    @property
    def within_rounding(self) -> bool:
        """The result is the exact product rounded to the digits it was written with:
        ``2,46 tỷ x 37% = 0,910 tỷ`` (0,9102). A product that has no more digits than its
        result has no slack at all."""
        if self.ok:
            return False
        stated = self.step.stated.value
        exponent = stated.as_tuple().exponent
        assert isinstance(exponent, int)
        if self.computed == self.computed.quantize(Decimal(1).scaleb(exponent), ROUND_HALF_UP, EXACT_ROUNDING):
            return False  # the product has no digit beyond the result's: no rounding to explain
        difference = abs(EXACT.subtract(self.computed, stated))
        if self.step.rounded:  # the text says it rounded: any way, to one unit of its last digit
            return difference <= Decimal(1).scaleb(exponent)
        # rounded to the nearest; a half rounds away from zero, as Excel's ROUND does
        # (0,7245 is written 0,725; 319,5 is written 320, never 319)
        half = Decimal(5).scaleb(exponent - 1)
        return difference < half or (difference == half and abs(stated) > abs(self.computed))


@dataclass(frozen=True)
class LineResult:
    line: CostLine
    steps: tuple[StepResult, ...]
    computed: Decimal  # from the factors alone, in the final stated unit
    # what the product was multiplied by because its units mix months and years (1/12 for
    # ``tháng x đồng/năm``): the product as its units say
    scale: Fraction = Fraction(1)
    # what it was multiplied by because a measure is written in two of its units (``2 tấn x
    # 20.000 đồng/kg``: 1000): the product as its units say
    measure: Fraction = Fraction(1)

    @property
    def converted(self) -> Fraction:
        """Everything the plain product of the factors was multiplied by (time and measure)."""
        return self.scale * self.measure

    @property
    def ok(self) -> bool:
        return all(s.ok for s in self.steps)

    @property
    def exponent(self) -> int:
        return self.steps[-1].exponent

    @property
    def stated(self) -> Decimal:
        return self.line.stated.value

    @property
    def stated_dong(self) -> Decimal:
        return shift(self.stated, self.exponent)

    @property
    def computed_dong(self) -> Decimal:
        return shift(self.computed, self.exponent)


@dataclass(frozen=True)
class SectionResult:
    section: Section
    children: tuple[Result, ...]
    money: Money  # the unit its figures are shown in
    children_sum: Decimal | None  # in ``money``; None when no child has an amount
    children_slack: Decimal = Decimal(0)  # in đồng: the rounding its parts' figures may hide
    rounded_parts: int = 0  # how many parts hide some rounding

    @property
    def stated(self) -> Decimal | None:
        return None if self.section.stated is None else self.section.stated.value

    @property
    def own_slack(self) -> Decimal:
        """In đồng: the rounding the stated figure itself may hide."""
        return half_unit(self.section.stated)

    @property
    def slack(self) -> Decimal:
        """In đồng: how far stated and summed may differ by rounding alone (0 when exact)."""
        return EXACT.add(self.own_slack, self.children_slack)

    @property
    def part_slack(self) -> Decimal:
        """In đồng: the rounding this section's value hides as a part of its parent.

        Its value lies in the interval of its stated figure and, when it has parts, in the
        interval of their sum too: the narrower bounds it (0 when its parts are exact).
        """
        if self.section.stated is None:
            return self.children_slack
        if self.children_sum is None:
            return self.own_slack
        return min(self.own_slack, self.children_slack)

    @property
    def within_rounding(self) -> bool:
        """Stated and summed differ, by no more than the rounding of the figures explains."""
        return self.ok is False and within(self.stated, self.children_sum, self.money, self.slack)

    @property
    def ok(self) -> bool | None:
        """None when there is nothing to compare (no stated amount or no children)."""
        if self.stated is None or self.children_sum is None:
            return None
        return self.stated == self.children_sum

    @property
    def stated_dong(self) -> Decimal | None:
        """What this section contributes upwards: its stated amount, else its children's sum."""
        value = self.stated if self.stated is not None else self.children_sum
        return None if value is None else shift(value, self.money.exponent)

    @property
    def computed_dong(self) -> Decimal | None:
        return None if self.children_sum is None else shift(self.children_sum, self.money.exponent)

    @property
    def has_computation(self) -> bool:
        """Does something below give a figure to compare its own with: the sum of its parts or,
        for alternative breakdowns, any breakdown's figure?"""
        if self.children_sum is not None:
            return True
        return self.section.alternatives and any(c.stated_dong is not None for c in self.children)


Result = LineResult | SectionResult


@dataclass(frozen=True)
class TotalResult:
    stated: Decimal | None
    money: Money
    children_sum: Decimal | None
    slack: Decimal = Decimal(0)  # in đồng: the stated total's own rounding plus its parts'
    rounded_parts: int = 0

    @property
    def ok(self) -> bool | None:
        if self.stated is None or self.children_sum is None:
            return None
        return self.stated == self.children_sum

    @property
    def within_rounding(self) -> bool:
        return self.ok is False and within(self.stated, self.children_sum, self.money, self.slack)


def within(stated: Decimal | None, summed: Decimal | None, money: Money, slack: Decimal) -> bool:
    """The intervals overlap: |stated − summed| (in đồng) ≤ the slack of both sides."""
    assert stated is not None and summed is not None
    return abs(shift(EXACT.subtract(stated, summed), money.exponent)) <= slack


def rounding_cap(whole: Amount | None) -> Decimal | None:
    """In đồng: the most rounding a figure of a sum may plausibly hide, half the place of the
    third significant digit of the figure the sum is stated as (``5 tỷ`` → 5 triệu đ); None
    when nothing bounds it (no stated figure, zero, or one said to be about so much).

    Budgets are not rounded to fewer than three significant digits: ``3 tỷ`` and ``3 tỷ`` under
    ``5 tỷ đồng``, or ``8 triệu`` beside ``4,2 triệu`` under ``12,5 triệu``, are round amounts,
    not amounts rounded to the tỷ or the triệu, whatever their last written digit allows.
    """
    if whole is None or whole.value == 0 or _approximate(whole):
        return None
    return shift(Decimal(5), whole.value.adjusted() + whole.money.exponent - 3)


def plausible_slack(whole: Amount | None, parts: Iterable[Result]) -> Decimal:
    """In đồng: the slack of a sum (its stated figure's and its parts' rounding) with each
    figure's rounding bounded by ``rounding_cap``."""
    cap = rounding_cap(whole)
    if cap is None:
        return total([half_unit(whole), *(part_slack(p) for p in parts)])
    return total([min(half_unit(whole), cap), *(_capped_part_slack(p, cap) for p in parts)])


def _capped_part_slack(r: Result, cap: Decimal) -> Decimal:
    """``part_slack`` with each figure's rounding bounded by ``cap`` (a section without a figure
    hides the rounding of each of its parts' figures)."""
    if not isinstance(r, SectionResult):
        return Decimal(0)
    own = min(r.own_slack, cap)
    if r.children_sum is None:
        return own
    inner = total(_capped_part_slack(c, cap) for c in r.children)
    return inner if r.section.stated is None else min(own, inner)


@dataclass(frozen=True)
class Evaluation:
    plan: Plan
    items: tuple[Result, ...]
    total: TotalResult
    side: tuple[LineResult, ...] = ()  # the plan's computations of counts and rates

    def lines(self) -> list[LineResult]:
        """Every computation judged: the budget tree's lines, then those beside it."""
        return [r for r in walk(self.items) if isinstance(r, LineResult)] + list(self.side)

    def sections(self) -> list[SectionResult]:
        return [r for r in walk(self.items) if isinstance(r, SectionResult)]


def walk(items: Iterable[Result]) -> list[Result]:
    out: list[Result] = []
    for r in items:
        out.append(r)
        if isinstance(r, SectionResult):
            out.extend(walk(r.children))
    return out


def _time_scale(line: CostLine) -> Fraction:
    """The months-to-years factor of a one-step amount whose units mix them (``2 người x 12
    tháng x 24 triệu đồng/người/năm = 48 triệu đồng``: 1/12): the product as its units say."""
    if len(line.steps) != 1 or line.stated.money is None or not line.is_amount:
        return Fraction(1)
    return time_scale(line.unit_texts)


def scaled(value: Decimal, scale: Fraction) -> Decimal:
    """``value × scale``: exact when it terminates, else to 1000 digits (more than any stated
    figure is written with, so the rounding check still decides)."""
    top = EXACT.multiply(value, Decimal(scale.numerator))
    try:
        return EXACT.divide(top, Decimal(scale.denominator))
    except Inexact:
        return EXACT_ROUNDING.divide(top, Decimal(scale.denominator))


def evaluate_line(line: CostLine) -> LineResult:
    results: list[StepResult] = []
    chain: _Value | None = None
    start: _Value | None = None
    scale = _time_scale(line)
    # a measure written in two of its units (``kg`` into ``tấn``) converts as the units say: each
    # step from the unit of the figure it goes on from, the whole from its factors' units
    before = ""  # the unit of the result the next step goes on from
    units: list[str] = []  # the units of the factors the whole product multiplies
    own = Fraction(1)
    for i, step in enumerate(line.steps):
        if step.restart:
            start = chain = None  # the step's factors hold its whole computation
            units = []
        written = line.unit_texts if len(line.steps) == 1 else tuple(f.unit_text for f in step.factors)
        own = measure_scale((before, *written) if start is not None else written, step.stated.unit_text)
        v = _multiply(start, step.factors)
        if scale * own != 1:
            v = _Value(scaled(v.value, scale * own), v.exponent, v.money)
        computed, exponent, assumed = _as_stated(v, step.stated)
        results.append(StepResult(i + 1, step, computed, exponent, assumed, own))
        # the next step starts from what this step states, in the unit it was compared in
        start = _Value(step.stated.value, exponent, v.money or step.stated.money is not None)
        before = step.stated.unit_text
        chain = _multiply(chain, step.factors)
        units += written
    assert chain is not None
    # one step (most lines): the whole is that step
    measure = own if len(line.steps) == 1 else measure_scale(tuple(units), line.stated.unit_text)
    if scale * measure != 1:
        chain = _Value(scaled(chain.value, scale * measure), chain.exponent, chain.money)
    final, _, _ = _as_stated(chain, line.stated)
    return LineResult(line, tuple(results), final, scale, measure)


def _sum_dong(children: Iterable[Result]) -> Decimal | None:
    values = [c.stated_dong for c in children]
    present = [v for v in values if v is not None]
    return total(present) if present else None


def part_slack(r: Result) -> Decimal:
    """In đồng: the rounding a part hides; a cost line is an exact product (no slack)."""
    return r.part_slack if isinstance(r, SectionResult) else Decimal(0)


def _slack(children: Iterable[Result]) -> tuple[Decimal, int]:
    slacks = [part_slack(c) for c in children]
    return total(slacks), sum(1 for v in slacks if v)


def _unit_of(children: Iterable[Result]) -> Money:
    """The unit a sum of ``children`` is shown in: that of its first part with money (a line
    whose result names no unit counts in the unit its check assumed, đồng as RESULT_NO_UNIT
    says), else triệu đồng."""
    children = tuple(children)
    for c in children:
        if isinstance(c, LineResult) and c.line.stated.money is not None:
            return c.line.stated.money
        if isinstance(c, SectionResult):
            return c.money
    for c in children:  # none names its money: the unit the first line's check assumed
        if isinstance(c, LineResult) and (assumed := _SCALE_BY_EXPONENT.get(c.exponent)) is not None:
            return assumed
    return TRIEU


_SCALE_BY_EXPONENT = {m.exponent: m for m in SCALES}


def evaluate_section(section: Section) -> SectionResult:
    children = tuple(_evaluate(i) for i in section.items)
    money = section.stated.money if section.stated is not None else _unit_of(children)
    # alternative breakdowns are each checked against the stated amount, never added
    s = None if section.alternatives else _sum_dong(children)
    slack, rounded = _slack(children)
    return SectionResult(section, children, money, None if s is None else shift(s, -money.exponent), slack, rounded)


def _evaluate(item: CostLine | Section) -> Result:
    return evaluate_line(item) if isinstance(item, CostLine) else evaluate_section(item)


# ``Tổng thu ngân sách ...``, ``Tổng chi ngân sách ...``: a total of one side of a budget
_SIDE_TOTAL = re.compile(r"\s*tong (?:so )?(thu|chi)\b")


def _sides_only(plan: Plan) -> bool:
    """Top-level items that are a revenue total and a spending total, and no grand total:
    figures of two sides of a budget, never added together."""
    if plan.total is not None or len(plan.items) < 2:
        return False
    sides = set()
    for item in plan.items:
        m = _SIDE_TOTAL.match(fold(item.title)) if isinstance(item, Section) and item.stated is not None else None
        if m is None:
            return False
        sides.add(m.group(1))
    return sides == {"thu", "chi"}


def _breakdowns_of_total(plan: Plan) -> bool:
    """The plan's items are breakdowns of its total, each stating it (by source in brackets, then
    by the items below): each is checked against the total, and the total is their common figure."""
    if not plan.alternatives or plan.total is None:
        return False
    whole = shift(plan.total.value, plan.total.money.exponent)
    return all(
        isinstance(i, Section) and i.stated is not None and shift(i.stated.value, i.stated.money.exponent) == whole
        for i in plan.items
    )


def evaluate(plan: Plan) -> Evaluation:
    items = tuple(_evaluate(i) for i in plan.items)
    money = plan.total.money if plan.total is not None else _unit_of(items)
    s = None if _sides_only(plan) else _sum_dong(items)
    if _breakdowns_of_total(plan):
        s = shift(plan.total.value, plan.total.money.exponent)  # type: ignore[union-attr]
    stated = None if plan.total is None else plan.total.value
    slack, rounded = _slack(items)
    summed = None if s is None else shift(s, -money.exponent)
    result = TotalResult(stated, money, summed, EXACT.add(half_unit(plan.total), slack), rounded)
    return Evaluation(plan, items, result, tuple(evaluate_line(line) for line in plan.side))
