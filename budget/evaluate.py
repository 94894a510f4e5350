"""Plan → Evaluation: every product, section sum and total computed exactly.

Computed values are expressed in the unit of the figure they are compared with, so
a result in ``triệu đồng`` is compared with factors in ``nghìn đồng`` exactly. Each
step of a chain starts from the previous *stated* result, so a typo is located at
the step where it was made; the line's ``computed`` value instead runs the chain from
the factors alone, which is what the line would be worth if its factors are right.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from budget.model import CostLine, Plan, Quantity, Section, Step
from budget.numbers import product, shift, total
from budget.units import TRIEU, Money


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

    @property
    def stated(self) -> Decimal:
        return self.step.stated.value

    @property
    def ok(self) -> bool:
        return self.computed == self.stated


@dataclass(frozen=True)
class LineResult:
    line: CostLine
    steps: tuple[StepResult, ...]
    computed: Decimal  # from the factors alone, in the final stated unit

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

    @property
    def stated(self) -> Decimal | None:
        return None if self.section.stated is None else self.section.stated.value

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


Result = LineResult | SectionResult


@dataclass(frozen=True)
class TotalResult:
    stated: Decimal | None
    money: Money
    children_sum: Decimal | None

    @property
    def ok(self) -> bool | None:
        if self.stated is None or self.children_sum is None:
            return None
        return self.stated == self.children_sum


@dataclass(frozen=True)
class Evaluation:
    plan: Plan
    items: tuple[Result, ...]
    total: TotalResult

    def lines(self) -> list[LineResult]:
        return [r for r in walk(self.items) if isinstance(r, LineResult)]

    def sections(self) -> list[SectionResult]:
        return [r for r in walk(self.items) if isinstance(r, SectionResult)]


def walk(items: Iterable[Result]) -> list[Result]:
    out: list[Result] = []
    for r in items:
        out.append(r)
        if isinstance(r, SectionResult):
            out.extend(walk(r.children))
    return out


def evaluate_line(line: CostLine) -> LineResult:
    results: list[StepResult] = []
    chain: _Value | None = None
    start: _Value | None = None
    for i, step in enumerate(line.steps):
        v = _multiply(start, step.factors)
        computed, exponent, assumed = _as_stated(v, step.stated)
        results.append(StepResult(i + 1, step, computed, exponent, assumed))
        # the next step starts from what this step states, in the unit it was compared in
        start = _Value(step.stated.value, exponent, v.money or step.stated.money is not None)
        chain = _multiply(chain, step.factors)
    assert chain is not None
    final, _, _ = _as_stated(chain, line.stated)
    return LineResult(line, tuple(results), final)


def _sum_dong(children: Iterable[Result]) -> Decimal | None:
    values = [c.stated_dong for c in children]
    present = [v for v in values if v is not None]
    return total(present) if present else None


def _unit_of(children: Iterable[Result]) -> Money:
    for c in children:
        if isinstance(c, LineResult) and c.line.stated.money is not None:
            return c.line.stated.money
        if isinstance(c, SectionResult):
            return c.money
    return TRIEU


def evaluate_section(section: Section) -> SectionResult:
    children = tuple(_evaluate(i) for i in section.items)
    money = section.stated.money if section.stated is not None else _unit_of(children)
    # alternative breakdowns are each checked against the stated amount, never added
    s = None if section.alternatives else _sum_dong(children)
    return SectionResult(section, children, money, None if s is None else shift(s, -money.exponent))


def _evaluate(item: CostLine | Section) -> Result:
    return evaluate_line(item) if isinstance(item, CostLine) else evaluate_section(item)


def evaluate(plan: Plan) -> Evaluation:
    items = tuple(_evaluate(i) for i in plan.items)
    money = plan.total.money if plan.total is not None else _unit_of(items)
    s = _sum_dong(items)
    stated = None if plan.total is None else plan.total.value
    return Evaluation(plan, items, TotalResult(stated, money, None if s is None else shift(s, -money.exponent)))
