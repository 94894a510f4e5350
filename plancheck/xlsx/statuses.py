"""What each status cell shows: the projection's status, and whether the live formula gives it."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal

from budget.numbers import round_to
from budget.plan_table import BudgetTable, LineRow
from plancheck.projection import Projection, Status


class Statuses:
    """What to write in each status cell: the status, and whether the live formula gives it.

    Read in the order the sheets are written (sections, then lines), one at a time: a list
    per line would make the writer's memory grow with the lines.
    """

    def __init__(self, table: BudgetTable, p: Projection | None):
        self.table = table
        self.p = p
        self.decimals = table.unit.exponent
        if p is not None:
            self.total = (p.total.status, p.total.status == p.total.sheet_status)
            return
        # Without a projection (the benchmark writes bare tables): what the live formulas give.
        self._sections: list[Status] = [Status.NONE] * len(table.sections)
        for i in range(len(table.sections) - 1, -1, -1):  # children come after their parents
            sec = table.sections[i]
            self._sections[i] = self._formula(sec.stated, sec.stated_sum, sec.lines, sec.sections)
        t = table.total
        self.total = (self._formula(t.stated, t.stated_sum, t.lines, t.sections), True)

    def _line(self, line: LineRow) -> Status:
        computed = round_to(line.computed, self.decimals)
        return Status.ERROR if round_to(line.stated - computed, self.decimals) != 0 else Status.OK

    def _formula(
        self, stated: Decimal | None, summed: Decimal | None, lines: Sequence[int], secs: Sequence[int]
    ) -> Status:
        if stated is not None and summed is not None and (lines or secs) and round_to(stated - summed, self.decimals):
            return Status.ERROR
        below = [self._line(self.table.lines[i]) for i in lines] + [self._sections[i] for i in secs]
        if any(c in (Status.ERROR, Status.INNER) for c in below):
            return Status.INNER
        if stated is None:
            return Status.NONE
        return Status.OK if summed is not None and (lines or secs) else Status.STATED

    def sections(self) -> Iterator[tuple[Status, bool, bool]]:
        """(status, written as a live formula, alternative breakdowns) of each section in order."""
        if self.p is not None:
            for r in self.p.rows:
                if r.kind == "section":
                    yield r.status, r.status == r.sheet_status, r.alternatives
        else:
            for i, sec in enumerate(self.table.sections):
                yield self._sections[i], True, sec.result.section.alternatives

    def lines(self) -> Iterator[tuple[Status, bool]]:
        if self.p is not None:
            for r in self.p.rows:
                if r.kind == "line":
                    yield r.status, r.status == r.sheet_status
        else:
            for line in self.table.lines:
                yield self._line(line), True
