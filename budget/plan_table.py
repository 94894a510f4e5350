"""Evaluation → the budget as a table in one money unit: what workbooks and reports lay out.

Every figure is converted here, exactly, into the table's unit (the unit of the grand
total), and each cost line gets the coefficient that turns the product of its written
factors into that unit. Writers only place these numbers; they compute nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

from budget.evaluate import Evaluation, LineResult, Result, SectionResult, scaled
from budget.findings import Finding, Severity
from budget.model import Quantity
from budget.numbers import product, shift, total
from budget.source import Source
from budget.units import Money

EXCEL_DIGITS = 15  # Excel keeps 15 significant digits of a number, no more


class LineRow(NamedTuple):
    """One cost line of the table (a tuple: one per line of a 100.000-line plan)."""

    result: LineResult
    section: str  # number of the section holding the line, "" at top level
    factors: tuple[Quantity, ...]
    coefficient: Decimal  # product of factor values × coefficient = amount in the table's unit
    computed: Decimal
    stated: Decimal


@dataclass(frozen=True)
class SectionRow:
    result: SectionResult
    depth: int
    stated: Decimal | None
    stated_sum: Decimal | None  # children's stated (or effective) amounts
    recomputed_sum: Decimal | None  # children's amounts recomputed from factors
    lines: tuple[int, ...]  # indices into BudgetTable.lines of the direct child lines
    sections: tuple[int, ...]  # indices into BudgetTable.sections of the direct child sections
    slack: Decimal = Decimal(0)  # in the table's unit: the difference its figures' rounding explains

    @property
    def effective(self) -> Decimal | None:
        """The figure the section adds to its parent: its own, else its parts' sum; breakdowns
        of it that are not added (by source and by year; columns of a table) add only its own."""
        if self.stated is not None or self.result.section.alternatives:
            return self.stated
        return self.stated_sum

    @property
    def recomputed(self) -> Decimal | None:
        """What the section comes to with every product recomputed: its parts' sum, or its
        own figure when nothing inside it computes (a lump sum is as stated) or when its parts
        are breakdowns of it that are not added (by source and by year; columns of a table)."""
        if self.result.section.alternatives:
            return self.effective
        return self.recomputed_sum if self.recomputed_sum is not None else self.effective


@dataclass(frozen=True)
class TotalRow:
    stated: Decimal | None
    stated_sum: Decimal | None
    recomputed_sum: Decimal | None
    lines: tuple[int, ...]
    sections: tuple[int, ...]
    slack: Decimal = Decimal(0)  # in the table's unit, as for a section


@dataclass(frozen=True)
class BudgetTable:
    unit: Money
    lines: tuple[LineRow, ...]
    sections: tuple[SectionRow, ...]
    total: TotalRow
    slots: int  # factor columns needed


def _coefficient(factors: tuple[Quantity, ...], r: LineResult, unit: Money) -> Decimal:
    """What the plain product of the written factor values is multiplied by to give ``unit``."""
    exponent, money, percents = 0, False, 0
    for f in factors:
        if f.money is not None:
            money = True
            exponent += f.money.exponent
        percents += f.percent
    return shift(_ONE, (exponent if money else r.exponent) - unit.exponent - 2 * percents)


_ONE = Decimal(1)


def line_amount(r: LineResult, unit: Money) -> tuple[Decimal, Decimal]:
    """A cost line's coefficient and its amount recomputed from its factors, in ``unit``."""
    factors = r.line.factors
    coefficient = _coefficient(factors, r, unit)
    computed = product([*[f.value for f in factors], coefficient])
    if r.converted != 1:  # months and years, or kg and tấn, mixed: the product as its units say
        computed = scaled(computed, r.converted)
        coefficient = scaled(coefficient, r.converted)
    return coefficient, computed


def _sum(values: Sequence[Decimal | None]) -> Decimal | None:
    present = [v for v in values if v is not None]
    return total(present) if present else None  # exact: the default context keeps 28 digits


class _Builder:
    def __init__(self, unit: Money):
        self.unit = unit
        self.lines: list[LineRow] = []
        self.sections: list[SectionRow | None] = []

    def to_unit(self, value: Decimal, exponent: int) -> Decimal:
        return shift(value, exponent - self.unit.exponent)

    def children(self, items: tuple[Result, ...], section: str, depth: int) -> tuple[list[int], list[int]]:
        lines, sections = [], []
        for r in items:
            if isinstance(r, LineResult):
                coefficient, computed = line_amount(r, self.unit)
                last = r.steps[-1]  # the line's stated result and its unit
                row = LineRow(
                    r, section, r.line.factors, coefficient, computed, self.to_unit(last.stated, last.exponent)
                )
                lines.append(len(self.lines))
                self.lines.append(row)
            else:
                sections.append(self.section(r, depth))
        return lines, sections

    def section(self, r: SectionResult, depth: int) -> int:
        index = len(self.sections)
        self.sections.append(None)  # parents before children, as the summary sheet lists them
        lines, sections = self.children(r.children, r.section.number, depth + 1)
        stated = None if r.stated is None else self.to_unit(r.stated, r.money.exponent)
        row = SectionRow(
            r,
            depth,
            stated,
            _sum([self.lines[i].stated for i in lines] + [self._done(i).effective for i in sections]),
            _sum([self.lines[i].computed for i in lines] + [self._done(i).recomputed for i in sections]),
            tuple(lines),
            tuple(sections),
            self.to_unit(r.slack, 0) if r.within_rounding else Decimal(0),
        )
        self.sections[index] = row
        return index

    def _done(self, i: int) -> SectionRow:
        row = self.sections[i]
        assert row is not None
        return row


def build_table(ev: Evaluation) -> tuple[BudgetTable, list[Finding]]:
    """The table in the unit of the grand total; findings for figures Excel cannot hold."""
    table = table_of(ev)
    return table, precision_findings(table)


def table_of(ev: Evaluation) -> BudgetTable:
    """The table in the unit of the grand total."""
    b = _Builder(ev.total.money)
    lines, sections = b.children(ev.items, "", 0)
    rows = tuple(b._done(i) for i in range(len(b.sections)))
    stated = ev.total.stated
    total = TotalRow(
        stated,
        _sum([b.lines[i].stated for i in lines] + [rows[i].effective for i in sections]),
        _sum([b.lines[i].computed for i in lines] + [rows[i].recomputed for i in sections]),
        tuple(lines),
        tuple(sections),
        b.to_unit(ev.total.slack, 0) if ev.total.within_rounding else Decimal(0),
    )
    slots = max([3, *(len(row.factors) for row in b.lines)])
    return BudgetTable(ev.total.money, tuple(b.lines), rows, total, slots)


def _amount(r: LineResult, unit: Money) -> Decimal:
    """``line_amount``'s amount; for a line of one step whose units mix no months and years and
    whose result is no percentage (most lines), the evaluation's own product moved to ``unit``:
    the same product of the same factors, so the same digits, without multiplying again."""
    steps = r.steps
    if len(steps) == 1 and r.scale == 1 and not r.line.stated.percent:
        return shift(r.computed, steps[0].exponent - unit.exponent)
    return line_amount(r, unit)[1]


def recomputed_sums(ev: Evaluation) -> tuple[dict[int, Decimal | None], Decimal | None]:
    """The sum of the parts of each section (by the ``id`` of its result) and of the grand total
    with every product recomputed, in the unit of the grand total: ``recomputed_sum`` of
    ``table_of``'s rows, without building the table (the text and JSON show these figures
    only; the workbook's table is built when a workbook is written)."""
    unit = ev.total.money
    out: dict[int, Decimal | None] = {}

    def walk(items: tuple[Result, ...]) -> Decimal | None:
        values: list[Decimal] = []
        for r in items:
            if isinstance(r, LineResult):
                values.append(_amount(r, unit))
                continue
            inner = walk(r.children)
            stated = None if r.stated is None else shift(r.stated, r.money.exponent - unit.exponent)
            # as ``SectionRow.recomputed``: breakdowns not added count as stated; a section with
            # nothing inside that computes counts as stated (its parts' stated sum is then empty)
            value = stated if r.section.alternatives or inner is None else inner
            out[id(r)] = inner
            if value is not None:
                values.append(value)
        return total(values) if values else None

    return out, walk(ev.items)


def too_precise(value: Decimal) -> bool:
    """More significant digits than Excel keeps: such a figure is written as text."""
    digits = value.normalize().as_tuple().digits
    return len(digits) > EXCEL_DIGITS


def precision_findings(table: BudgetTable) -> list[Finding]:
    out = []
    for row in table.lines:
        for f in row.factors:
            if too_precise(f.value):
                out.append(_precision(f.source, f.value, ""))
        for value in (row.computed, row.stated):
            if too_precise(value):
                out.append(_precision(row.result.line.stated.source, value, table.unit.name))
    return out


def _precision(source: Source, value: Decimal, unit: str) -> Finding:
    return Finding(source, "XLSX_PRECISION", Severity.WARNING, {"value": value, "unit": unit})
