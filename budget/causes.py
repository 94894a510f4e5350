"""Likely causes read from the figures alone: why a stated figure and its computation differ
when no level above confirms either. Each pattern is one function returning a ``Cause`` (a
code, its arguments and the figure it points at) or None; ``checks`` ranks them after the
causes the level above confirms. To add a cause: a function here, its ``CAUSE_*`` words in
both catalogues of ``messages``, and a plan with that mistake in ``tests/test_causes.py``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from decimal import Decimal, DivisionByZero, Inexact, InvalidOperation
from itertools import combinations, pairwise

from budget.evaluate import LineResult, Result, SectionResult, StepResult
from budget.findings import Cause
from budget.messages import Phrase
from budget.model import CostLine, Section
from budget.numbers import EXACT, D, plain, shift, total
from budget.source import Source
from budget.units import Money


def ratio(value: Decimal, num: Decimal, den: Decimal) -> Decimal | None:
    """``value × num / den`` if exact, else None."""
    try:
        return EXACT.divide(EXACT.multiply(value, num), den)
    except (Inexact, InvalidOperation, DivisionByZero):
        return None


def decimal_places(d: Decimal) -> int:
    exp = d.as_tuple().exponent
    return -exp if isinstance(exp, int) and exp < 0 else 0


def section_name(section: Section) -> str:
    """How messages name a section: its number, or its title when it has none (a ``-`` item)."""
    if section.number:
        return section.number
    title = section.title if len(section.title) <= 50 else section.title[:49] + "…"
    return f"“{title}”"


SCALES = (Decimal(10), Decimal("0.1"), Decimal(1000), Decimal("0.001"))
TWELVE = Decimal(12)
SUBSET_LIMIT = 20  # children searched for a total that covers only some of them
# Causes a named typo pattern refines: "the figure is wrong" (confirmed by the level above)
# becomes "two digits of the figure are transposed" when a pattern explains the figure; the
# cause still points at the same figure.
GENERIC = frozenset(
    {"CAUSE_SOME_FACTOR", "CAUSE_OWN_FIGURE_TOP", "CAUSE_STATED_RESULT", "CAUSE_OWN_FIGURE", "CAUSE_LUMP_FIGURE"}
)


def transposed(stated: Decimal, computed: Decimal) -> bool:
    """Does swapping two adjacent digits of ``stated`` (as written) give ``computed``?"""
    return swapped_digits(stated, computed) is not None


def swapped_digits(stated: Decimal, computed: Decimal) -> str | None:
    """The two adjacent digits of ``stated`` whose swap gives ``computed``, as written and as
    they should be (``65 ↔ 56``); None when no such swap gives it."""
    diff = EXACT.subtract(stated, computed)
    if diff == 0 or stated < 0:
        return None
    digits = plain(stated)
    scaled = EXACT.scaleb(diff, decimal_places(stated))  # whole units of the figure's last digit
    if scaled != scaled.to_integral_value() or EXACT.remainder(scaled, Decimal(9)) != 0:
        return None
    pos = [i for i, c in enumerate(digits) if c.isdigit()]
    for a, b in pairwise(pos):
        if digits[a] == digits[b] or (a == 0 and digits[b] == "0" and len(pos) > 1):
            continue
        chars = list(digits)
        chars[a], chars[b] = chars[b], chars[a]
        if D("".join(chars)) == computed:
            return f"{digits[a]}{digits[b]} ↔ {digits[b]}{digits[a]}"
    return None


def scale(stated: Decimal, computed: Decimal) -> Decimal | None:
    """The power of ten (10, 0,1, 1.000, 0,001) by which ``stated`` is ``computed`` slipped."""
    if computed == 0:
        return None
    for k in SCALES:
        if EXACT.multiply(computed, k) == stated:
            return k
    return None


def figure_cause(stated: Decimal, computed: Decimal, unit: str, where: Source | None) -> Cause | None:
    args: dict[str, object] = {"stated": stated, "computed": computed, "unit": unit}
    pair = swapped_digits(stated, computed)
    if pair is not None:
        return Cause("CAUSE_TRANSPOSED", {**args, "digits": pair}, where)
    k = scale(stated, computed)
    if k is not None:
        return Cause("CAUSE_SCALE_SLIP", {**args, "ratio": k}, where)
    return None


def product_pattern_cause(s: StepResult, unit: str) -> Cause | None:
    """Transposed digits, a decimal slip, or a monthly figure where the product is yearly."""
    where = s.step.stated.source
    cause = figure_cause(s.stated, s.computed, unit, where)
    if cause is not None:
        return cause
    months = [f.value for f in s.step.factors if "tháng" in f.unit_text.lower() and f.value > 1]
    for m in (TWELVE, *months):
        if ratio(s.computed, Decimal(1), m) == s.stated:
            return Cause(
                "CAUSE_MONTHLY_FOR_YEARLY",
                {"stated": s.stated, "computed": s.computed, "months": m, "unit": unit},
                where,
            )
    return None


def line_name(line: CostLine) -> str:
    """How a message names a cost line: its label, or the start of what follows its figures."""
    return line.label or line.tail[:40]


def part(c: Result) -> Phrase:
    if isinstance(c, LineResult):
        return Phrase("PART_LINE", {"line": c.line.source.line or "", "label": line_name(c.line)})
    return Phrase("PART_SECTION", {"number": section_name(c.section)})


def part_source(c: Result) -> Source:
    if isinstance(c, LineResult):
        return c.line.stated.source
    return c.section.stated.source if c.section.stated is not None else c.section.source


def valued(children: Iterable[Result], money: Money) -> list[tuple[Result, Decimal]]:
    """Each child with the amount it contributes, in the container's unit."""
    out = []
    for c in children:
        if c.stated_dong is not None:
            out.append((c, shift(c.stated_dong, -money.exponent)))
    return out


def descendants(children: tuple[Result, ...]) -> Iterator[Result]:
    for c in children:
        yield c
        if isinstance(c, SectionResult):
            yield from descendants(c.children)


def joined(parts: list[Phrase]) -> Phrase:
    if len(parts) == 1:
        return parts[0]
    if len(parts) == 2:
        return Phrase("PARTS_AND", {"first": parts[0], "second": parts[1]})
    return Phrase("PARTS_COMMA", {"first": parts[0], "second": joined(parts[1:])})


def sum_pattern_cause(
    stated: Decimal, computed: Decimal, children: tuple[Result, ...], money: Money, where: Source | None
) -> Cause | None:
    """Transposed digits, a decimal slip, a part left out or counted twice, or a partial total."""
    unit = money.name
    cause = figure_cause(stated, computed, unit, where)
    if cause is not None:
        return cause
    diff = EXACT.subtract(stated, computed)
    direct = valued(children, money)
    if diff < 0:
        for c, v in direct:
            if EXACT.add(v, diff) == 0:
                args = {"part": part(c), "value": v, "stated": stated, "unit": unit}
                return Cause("CAUSE_PART_LEFT_OUT", args, part_source(c))
    elif diff > 0:
        deeper = [d for c in children if isinstance(c, SectionResult) for d in descendants(c.children)]
        for c, v in direct + valued(deeper, money):
            if v == diff:
                args = {"part": part(c), "value": v, "computed": computed, "stated": stated, "unit": unit}
                return Cause("CAUSE_PART_TWICE", args, part_source(c))
    if diff < 0 and 2 < len(direct) <= SUBSET_LIMIT:
        left_out = parts_left_out(direct, EXACT.minus(diff))
        if left_out is not None:
            args = {"parts": joined([part(c) for c in left_out]), "stated": stated, "unit": unit}
            return Cause("CAUSE_SUBSET", args, part_source(left_out[0]))
    return lump_slip(children, diff, money)


def lone_lump(r: SectionResult) -> Cause | None:
    """A section the level above confirms, whose parts are computations that agree but one
    figure stated without a computation (a lump sum): that figure is the likely slip, and the
    value that makes the section add up is named."""
    lumps = [c for c in r.children if isinstance(c, SectionResult) and not c.children and c.stated is not None]
    checked = [c for c in r.children if isinstance(c, LineResult) or c.has_computation]
    if len(lumps) != 1 or len(lumps) + len(checked) != len(r.children) or any(c.ok is False for c in checked):
        return None
    assert r.stated_dong is not None and r.computed_dong is not None
    lump = lumps[0]
    assert lump.stated is not None and lump.section.stated is not None
    needed = EXACT.add(lump.stated, shift(EXACT.subtract(r.stated_dong, r.computed_dong), -lump.money.exponent))
    args = {"part": part(lump), "stated": lump.stated, "computed": needed, "unit": lump.money.name}
    return Cause("CAUSE_LUMP_FIGURE", args, lump.section.stated.source)


def lump_slip(children: tuple[Result, ...], diff: Decimal, money: Money) -> Cause | None:
    """The one part stated without a computation of its own (a lump sum) whose figure, with two
    digits swapped or a decimal slip, would make the sum right: ``2.080`` for ``2.800``."""
    fits: list[Cause] = []
    for c in children:
        if not isinstance(c, SectionResult) or c.children or c.stated is None or c.section.stated is None:
            continue
        needed = EXACT.add(c.stated, shift(diff, money.exponent - c.money.exponent))
        cause = figure_cause(c.stated, needed, c.money.name, c.section.stated.source)
        if cause is not None:
            code = "CAUSE_PART_TRANSPOSED" if cause.code == "CAUSE_TRANSPOSED" else "CAUSE_PART_SCALE_SLIP"
            fits.append(Cause(code, {**cause.args, "part": part(c)}, cause.source))
    return fits[0] if len(fits) == 1 else None


def parts_left_out(valued: list[tuple[Result, Decimal]], missing: Decimal) -> list[Result] | None:
    """The fewest children (two or three, at least one kept) whose amounts add up to ``missing``."""
    n = len(valued)
    for size in (2, 3):
        if size >= n:
            break
        for combo in combinations(range(n), size):
            if total(valued[i][1] for i in combo) == missing:
                return [valued[i][0] for i in combo]
    return None
