"""A share in prose of the figure the line before states as its result: ``... = 18.000.000
nghìn đồng`` then ``Hai bên chia nhau 40% phần lợi nhuận này. Như vậy phần của bên A (làm
tròn) là: 7.200.000 nghìn đồng``. The sentence names neither its base nor a sign: the rate,
and the figure it ends with, are all it writes.

So the reading is taken only when it leaves nothing over and agrees: the line writes exactly
two figures (one percentage, then the amount that ends it), the line just before ends with the
result of a computation that was read, and the amount is that rate of that result to its last
written digit. The amount is then a computation checked beside the budget (never summed); any
other line keeps its amount unchecked, as it was: never an error, since the base is the
reader's, not the text's.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from budget.evaluate import half_unit
from budget.model import Amount, CostLine, Plan, Quantity, Step, walk_lines
from budget.numbers import EXACT, NUMBER_TOKEN, NumberError, read_number, shift
from budget.units import read_money

_PERCENT = re.compile(r"(?<![0-9.,])([0-9]{1,3}(?:,[0-9]{1,4})?)\s?%")
_HUNDRED = Decimal(100)
_END = " .;"  # what may follow a line's last figure and its unit


def _ends_line(q: Quantity | Amount) -> bool:
    """Does the figure, with its money unit, end the text of its line?"""
    src = q.source
    if src.pos is None or src.cell is not None:
        return False
    m = NUMBER_TOKEN.match(src.text, src.pos)
    if m is None:
        return False
    rest = src.text[m.end() :]
    money, span = read_money(rest.lstrip())
    return money is not None and not rest.lstrip()[span:].strip(_END)


def _share(amount: Amount, base: CostLine) -> CostLine | None:
    """The amount as ``rate x base``, when its line reads so completely and agrees."""
    src = amount.source
    text = src.text
    numbers = list(NUMBER_TOKEN.finditer(text))
    rates = list(_PERCENT.finditer(text))
    if len(numbers) != 2 or len(rates) != 1 or not _ends_line(amount):
        return None
    rate_m = rates[0]
    if numbers[0].start() != rate_m.start(1) or numbers[1].start() != src.pos:
        return None  # the percentage first, the amount last, nothing else numeric
    try:
        rate = read_number(rate_m.group(1)).value
    except NumberError:
        return None
    stated = base.stated
    if stated.money is None or not 0 < rate < _HUNDRED:
        return None
    whole = shift(stated.value, stated.money.exponent)
    part = shift(amount.value, amount.money.exponent)
    computed = EXACT.divide(EXACT.multiply(rate, whole), _HUNDRED)
    if abs(computed - part) > half_unit(amount):
        return None
    factor = Quantity(rate, "%", None, src.at(rate_m.start(1) + 1), rate_m.group(1) + "%", True)
    of = Quantity(stated.value, stated.unit_text, stated.money, stated.source, stated.text)
    written = NUMBER_TOKEN.match(text, src.pos)
    result = Quantity(amount.value, amount.money.name, amount.money, src, written.group() if written else "")
    label = text[: rate_m.start()].strip(" :,;")[:120]
    return CostLine(src.at(rate_m.start(1) + 1), label, (Step((factor, of), result),))


def shares_of_previous(plan: Plan) -> Plan:
    """The plan with each unchecked amount that is a share of the line before's result (see the
    module) read as that computation, beside the budget."""
    if not plan.unchecked:
        return plan
    results: dict[int, CostLine] = {}
    for line in (*walk_lines(plan.items), *plan.side):
        at = line.stated.source.line
        if at is not None and line.stated.money is not None and _ends_line(line.stated):
            results[at] = line
    kept: list[Amount] = []
    side: list[CostLine] = []
    for amount in plan.unchecked:
        at = amount.source.line
        base = results.get(at - 1) if at is not None else None
        share = _share(amount, base) if base is not None else None
        if share is None:
            kept.append(amount)
        else:
            side.append(share)
    if not side:
        return plan
    return replace(plan, unchecked=tuple(kept), side=plan.side + tuple(side))
