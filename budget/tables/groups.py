"""Groups of a role table while it is read: entries under row numbers, ``Cộng`` rows closing
the group whose content they equal, shares (``Trích 40%``) built once their base is known,
implied scales (prices in nghìn đồng, a column mixing đồng and nghìn đồng), then model items.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field, replace
from decimal import Decimal

from budget.evaluate import evaluate_line
from budget.findings import Finding, Severity
from budget.model import Amount, CostLine, Item, Quantity, Section, Step
from budget.numbers import NUMBER_TOKEN, shift, total
from budget.source import Source
from budget.tables.cells import follows, is_marker, sequence_of, starts_sequence
from budget.tables.columns import FACTORS
from budget.tables.place import PlacedRow
from budget.text import fold
from budget.units import DONG, NGHIN, TRIEU, Money


@dataclass
class Entry:
    """An item being built inside a group, with the row number it was written under."""

    number: str
    item: Item | Group
    share: Share | None = None


@dataclass
class Share:
    """``Trích 40%`` of a total: built once the total it splits is known."""

    label: str
    source: Source
    rate: Quantity
    amount: Quantity


@dataclass
class Group:
    number: str
    title: str
    source: Source
    style: str
    entries: list[Entry] = field(default_factory=list)
    stated: Amount | None = None
    explicit: bool = True  # the amounts' scale was written (header, unit line or cell)
    alternatives: bool = False


# a total naming the group it closes: ``Cộng I``, ``Cộng mục II:``, ``Tổng cộng phần A``
_TOTAL_OF = re.compile(
    r"\s*(?i:cộng|tổng\s+cộng|tổng\s+số|tổng)\s+(?i:(?:mục|phần|nhóm)\s+)?([IVXLC]{1,5}|[A-Z]|[0-9]{1,2}(?:\.[0-9]{1,2}){0,2})\.?\s*:?\s*$"
)


def formula_parts(label: str) -> list[str]:
    """``Cộng (1+2+3)`` → ["1", "2", "3"]; ``Tổng (I+II)`` → ["I", "II"]."""
    m = re.search(r"\(\s*([0-9IVXA-Z]{1,4}(?:\s*\+\s*[0-9IVXA-Z]{1,4})+)\s*\)", label)
    if m is None:
        return []
    return [p.strip() for p in m.group(1).split("+")]


@dataclass
class Numbering:
    """What a table's row numbers have said so far, to place each row in the groups: the
    ranks of the group sequences (first seen ranks higher; ``2.1.1`` right under ``2.1``),
    the sequences item rows use, and the last number written in each sequence."""

    label_groups: bool = False  # rows with no number head groups (the numbering restarts under each)
    ranks: list[str] = field(default_factory=list)
    item_styles: set[str] = field(default_factory=set)
    last: dict[str, Group | str] = field(default_factory=dict)  # the last group or item number of each sequence

    def heads(self, number: str, following: str) -> bool:
        """Does a row that states an amount and no factor head the rows below it, as officers
        lay out groups (``I | Chi hội nghị | | | 2.500.000`` above items ``1``, ``2``, then ``II``)?

        Only when the numbers say so: the next row's number extends this one's (``2`` above
        ``2.1``); or the next row restarts a sequence already written above (``1`` or ``a``
        again: a new list, under this row); or the next row is numbered in another sequence
        than this one (``label`` when this row has no number), a sequence no item row of the
        table used, ranked above the next row's. A row with no number heads a group only when
        the next row starts a sequence and the table has more such rows (``label_groups``).
        The amounts never decide it: a wrong figure is reported, never read as another layout.
        """
        if not following or not is_marker(following):
            return False
        if number and following.startswith(number + "."):
            return True
        style = sequence_of(number) if number else "label"
        below = sequence_of(following)
        if below == style or style in self.item_styles:
            return False
        if style == "label":
            return self.label_groups and starts_sequence(following)
        if below in self.last and not below.startswith("bullet") and starts_sequence(following):
            return True
        ranks = self.ranks
        if style in ranks and below in ranks:
            return ranks.index(style) < ranks.index(below)
        return style in ranks or below not in ranks

    def open(self, stack: list[Group], group: Group) -> None:
        """A group row: closes the open groups of its rank or below, and opens ``group``."""
        if group.style not in self.ranks:
            rank_sequence(self.ranks, group.style)
        self.close_to(stack, group.style)
        stack[-1].entries.append(Entry(group.number, group))
        stack.append(group)
        if group.number:
            self.last[group.style] = group

    def item(self, stack: list[Group], number: str) -> None:
        """An item row numbered ``number``: when it is the next after an open group's number,
        with no row of that sequence written since the group (``III`` after group ``II``, not
        ``2`` after item ``1``), it stands at that group's level, beside it."""
        if not number:
            return
        style = sequence_of(number)
        group = next((g for g in reversed(stack) if g.style == style and g.number), None)
        beside = (
            group is not None
            and self.last.get(style) is group
            and follows(number, group.number)
            and (style.startswith("bullet") or not starts_sequence(number))
        )
        if beside:
            self.close_to(stack, style)
        elif style not in self.ranks:
            # a row of a group sequence with no rows under it (``I | Chi đầu tư | 1.000`` over
            # ``II | Chi thường xuyên`` and its items) is a group of its own, empty: its
            # sequence still heads the rows that follow
            self.item_styles.add(style)
        self.last[style] = number

    def close_to(self, stack: list[Group], style: str) -> None:
        """Closes the open groups of the rank of ``style`` or below."""
        ranks = self.ranks
        while len(stack) > 1 and ranks.index(stack[-1].style) >= ranks.index(style):
            stack.pop()


def rank_sequence(ranks: list[str], style: str) -> None:
    """A new numbering sequence: ranked below those seen, a dotted one (``num3``) right under
    the one with a part less (``num2``)."""
    if style.startswith("num") and style[3:].isdigit():
        parent = f"num{int(style[3:]) - 1}"
        if parent in ranks:
            ranks.insert(ranks.index(parent) + 1, style)
            return
    ranks.append(style)


def lump(label: str, q: Quantity, number: str = "") -> Section:
    """A row's amount alone (no product behind it), under its row number as written."""
    money = q.money or DONG
    return Section(number, label, q.source._replace(col=None, pos=None), Amount(q.value, money, q.source))


def product_line(
    label: str,
    row: PlacedRow,
    factors: dict[str, Quantity],
    extra: list[Quantity],
    per: Quantity | None,
    stated: Quantity,
) -> CostLine:
    """The row's product: quantity × price × duration × rate (× what the label says) = amount;
    with an amount per unit stated (``Số tiền thu /HS``), two steps: the rest = per unit, × quantity = amount."""
    ordered = [factors[r] for r in FACTORS if r in factors] + extra
    source = row.label.source if row.label is not None else ordered[0].source
    if per is not None and "quantity" in factors and len(ordered) > 1:
        quantity = factors["quantity"]
        first = tuple(q for q in ordered if q is not quantity)
        return CostLine(source, label, (Step(first, per), Step((quantity,), stated)), number=row.number)
    return CostLine(source, label, (Step(tuple(ordered), stated),), number=row.number)


def _rescale_price(line: CostLine) -> CostLine:
    """The line with its price read in nghìn đồng."""
    steps = []
    done = False
    for step in line.steps:
        factors = []
        for q in step.factors:
            if not done and q.money is not None and q.money.exponent == 0:
                q = replace(q, money=NGHIN, unit_text=NGHIN.name)
                done = True
            factors.append(q)
        steps.append(Step(tuple(factors), step.stated))
    return replace(line, steps=tuple(steps))


def entry_dong(item: Item | Group) -> Decimal | None:
    """The amount an entry states, in đồng (a group's own stated amount, else none)."""
    if isinstance(item, CostLine):
        return shift(item.stated.value, item.stated.exponent)
    if item.stated is not None:
        return shift(item.stated.value, item.stated.money.exponent)
    return None


def _content_dong(group: Group) -> Decimal | None:
    values = []
    for e in group.entries:
        item = e.item
        if isinstance(item, Group):
            if item.stated is not None:
                values.append(shift(item.stated.value, item.stated.money.exponent))
            else:
                inner = _content_dong(item)
                if inner is not None:
                    values.append(inner)
        elif isinstance(item, CostLine):
            s = item.stated
            values.append(shift(s.value, s.exponent))
        elif item.stated is not None:
            values.append(shift(item.stated.value, item.stated.money.exponent))
    return total(values) if values else None


_MAX_MIXED = 12


def _settle_mixed_scale(group: Group, findings: list[Finding]) -> None:
    """A column of amounts written partly in đồng, partly in nghìn đồng (``600`` beside ``9.88``).

    Tried only when no unit is written and a figure has decimals (no amount in đồng has):
    each figure may be đồng or nghìn đồng (a figure with decimals nghìn or triệu); when
    exactly one choice makes the total agree it is taken, and an info finding says so.
    """
    stated = group.stated
    assert stated is not None
    lumps = [
        e
        for e in group.entries
        if isinstance(e.item, Section) and not e.item.items and e.item.stated is not None and e.share is None
    ]
    if len(lumps) != len(group.entries) or not lumps or len(lumps) + 1 > _MAX_MIXED:
        return
    amounts = [e.item.stated for e in lumps if isinstance(e.item, Section) and e.item.stated is not None]
    every = [*amounts, stated]
    if all(a.value == a.value.to_integral_value() for a in every):
        return
    if total(shift(a.value, a.money.exponent) for a in amounts) == shift(stated.value, stated.money.exponent):
        return

    def options(a: Amount) -> tuple[Money, ...]:
        return (NGHIN, TRIEU) if a.value != a.value.to_integral_value() else (DONG, NGHIN)

    solutions = []
    for combo in itertools.product(*(options(a) for a in every)):
        parts = total(shift(a.value, m.exponent) for a, m in zip(amounts, combo[:-1], strict=True))
        if parts == shift(stated.value, combo[-1].exponent):
            solutions.append(combo)
            if len(solutions) > 1:
                return
    if len(solutions) != 1:
        return
    combo = solutions[0]
    for e, money in zip(lumps, combo[:-1], strict=True):
        assert isinstance(e.item, Section) and e.item.stated is not None
        e.item = replace(e.item, stated=replace(e.item.stated, money=money))
    group.stated = replace(stated, money=combo[-1])
    scaled = [a for a, m in zip(every, combo, strict=True) if m is not DONG]
    findings.append(
        Finding(
            stated.source,
            "TABLE_SCALE_MIXED",
            Severity.INFO,
            {"figures": ", ".join(_written(a.source) for a in scaled), "count": len(scaled)},
        )
    )


def _written(source: Source) -> str:
    """The number as written at ``source``."""
    m = NUMBER_TOKEN.match(source.text, source.pos or 0)
    return m.group() if m is not None else ""


def keep(entry: Entry) -> bool:
    item = entry.item
    if isinstance(item, Group):
        return item.stated is not None or any(keep(e) for e in item.entries)
    return True


def build_item(entry: Entry) -> Item:
    item = entry.item
    if isinstance(item, Group):
        inner = tuple(build_item(e) for e in item.entries if keep(e))
        return Section(
            item.number, item.title, item.source._replace(col=None, pos=None), item.stated, inner, item.alternatives
        )
    if not entry.number or item.number:
        return item
    return replace(item, number=entry.number)  # a row's ``STT`` as written, shown in the report's Mục


def settle_scales(
    products: list[tuple[Entry, dict[str, Quantity], Quantity, PlacedRow]], findings: list[Finding]
) -> None:
    """Prices written in nghìn đồng beside amounts in đồng: the scale the arithmetic implies.

    A row that agrees as written keeps its reading; a row that agrees only with the price
    in nghìn đồng is read so (an info finding says it once per table); a row that agrees
    with neither is read as most rows of the table are, and its mismatch is reported.
    """
    if not products:
        return
    as_written: list[bool] = []
    as_thousands: list[bool] = []
    scaled_lines: list[CostLine] = []
    for entry, _factors, _stated, _row in products:
        line = entry.item
        assert isinstance(line, CostLine)
        scaled = _rescale_price(line)
        scaled_lines.append(scaled)
        as_written.append(evaluate_line(line).ok)
        as_thousands.append(evaluate_line(scaled).ok)
    thousands = sum(t and not w for w, t in zip(as_written, as_thousands, strict=True))
    units = sum(w and not t for w, t in zip(as_written, as_thousands, strict=True))
    majority_thousands = thousands > units
    first: Quantity | None = None
    count = 0
    for (entry, _f, _s, _r), w, t, scaled in zip(products, as_written, as_thousands, scaled_lines, strict=True):
        if w:
            continue
        if t or majority_thousands:
            entry.item = scaled
            count += 1
            if first is None:
                first = next(q for q in scaled.factors if q.money is not None)
    if first is not None:
        findings.append(
            Finding(first.source, "TABLE_SCALE_IMPLIED", Severity.INFO, {"count": count, "unit": NGHIN.name})
        )


def close_group(group: Group, findings: list[Finding], last_total: Amount | None) -> None:
    """A group is complete: shares get their base, a mixed-scale column is settled."""
    shares = [e for e in group.entries if e.share is not None]
    if shares:
        _shares(group, shares, findings, last_total)
    if group.stated is not None and not group.explicit:
        _settle_mixed_scale(group, findings)


def _shares(group: Group, entries: list[Entry], findings: list[Finding], last_total: Amount | None) -> None:
    base = group.stated or last_total
    percents = [e.share.rate.value for e in entries if e.share is not None]
    first = entries[0].share
    assert first is not None
    if total(percents) != 100 and len(percents) > 1:
        findings.append(Finding(first.rate.source, "TABLE_SHARES_NOT_100", Severity.WARNING, {"sum": total(percents)}))
    for e in entries:
        share = e.share
        assert share is not None
        if base is None:
            findings.append(
                Finding(
                    share.amount.source,
                    "TABLE_ROW_NOT_CHECKED",
                    Severity.WARNING,
                    {"label": share.label[:60], "value": share.amount.value, "unit": share.amount.unit_text},
                    message_key="TABLE_ROW_NOT_CHECKED.share",
                )
            )
            continue
        base_q = Quantity(base.value, base.money.name, base.money, base.source, _written(base.source))
        e.item = CostLine(share.source, share.label, (Step((base_q, share.rate), share.amount),), number=e.number)
        e.share = None


def close_with_total(
    stack: list[Group],
    label: str,
    where: Source | None,
    amount: Amount | None,
    explicit: bool,
    findings: list[Finding],
    last_total: Amount | None,
    last: bool = False,
) -> None:
    """A ``Cộng`` row's amount (``where``: its label's cell): the stated amount of the group it
    closes (the formula ``(1+2+3)`` says which rows). ``last``: no row but totals follows it."""
    formula = formula_parts(label)
    scope = stack[-1]
    if formula:
        chosen = [e for e in scope.entries if e.number in formula]
        if {e.number for e in chosen} == set(formula):
            src = where if where is not None else scope.source
            sub = Group("", label, src, "formula", chosen, amount, explicit)
            at = scope.entries.index(chosen[0])
            scope.entries = [e for e in scope.entries if e not in chosen]
            scope.entries.insert(at, Entry("", sub))
            close_group(sub, findings, last_total)
            return
    if amount is None:
        return
    # the group this total closes: the innermost open one whose content it equals, else by its word
    candidates = list(reversed(stack))
    target = None
    for g in candidates:
        if _content_dong(g) == shift(amount.value, amount.money.exponent):
            target = g
            break
    named = _TOTAL_OF.match(label)
    if target is None and named is not None:
        # ``Cộng II``, ``Cộng mục 2``: the group its label names, whatever its figure
        target = next((g for g in candidates if g.number and g.number == named.group(1).rstrip(".")), None)
    if target is None:
        # a ``Tổng cộng``, or the last total under several groups, is the whole table's; any
        # other the innermost open group's that states no amount of its own (a group row's)
        grand = fold(label).startswith(("tong cong", "tong so")) or last
        unstated = [g for g in stack if g.stated is None]
        if (grand and len(stack[0].entries) > 1) or not unstated:
            target = stack[0]
        else:
            target = unstated[-1]
    if target is stack[0] and target.stated is None and target.entries:
        # a total of the whole table with rows still to come (``Cộng`` 10.000.000, ``Thuế VAT
        # 10%`` 1.000.000, ``Tổng cộng`` 11.000.000): a subtotal, the rows above it one part of
        # the table (it was the table's total, and the rows added to it broke its sum); a plain
        # ``Cộng`` after a subtotal that the whole does not come to closes the rows since it
        done = [i for i, e in enumerate(target.entries) if isinstance(e.item, Group) and e.item.style == "subtotal"]
        tail = target.entries[done[-1] + 1 :] if done else target.entries
        grand = fold(label).startswith(("tong cong", "tong so"))
        whole = _content_dong(target) == shift(amount.value, amount.money.exponent)
        if tail and (not last or (done and not grand and not whole)):
            while len(stack) > 1:
                close_group(stack.pop(), findings, last_total)
            src = where if where is not None else target.source
            sub = Group("", label, src, "subtotal", tail, amount, explicit)
            target.entries = [*target.entries[: len(target.entries) - len(tail)], Entry("", sub)]
            close_group(sub, findings, last_total)
            return
    if target.stated is not None:
        # the same total written twice agrees; two different totals of one table are reported
        if shift(target.stated.value, target.stated.money.exponent) != shift(amount.value, amount.money.exponent):
            findings.append(
                Finding(
                    amount.source,
                    "TOTAL_STATED_TWICE",
                    Severity.ERROR,
                    {"first": target.stated.value, "second": amount.value, "unit": amount.money.name},
                    expected=target.stated.value,
                    actual=amount.value,
                    unit=amount.money.name,
                )
            )
        return
    target.stated = amount
    target.explicit = target.explicit and explicit
    while stack[-1] is not target:
        close_group(stack.pop(), findings, last_total)
    if len(stack) > 1:
        close_group(stack.pop(), findings, last_total)
