"""What each status cell shows: the projection's status, and whether the live formula gives it.

The statuses are the projection's (``plancheck.projection``, the only place a status is
decided); here they are only read in the order the sheets are written."""

from __future__ import annotations

from collections.abc import Iterator

from plancheck.projection import Projection, Status


class Statuses:
    """What to write in each status cell: the status, and whether the live formula gives it
    (when it does not, a finding no formula can see, the status is written as a value).

    Read in the order the sheets are written (sections, then lines), one at a time: a list
    per line would make the writer's memory grow with the lines.
    """

    def __init__(self, p: Projection):
        if p.table is None:  # its rows' ``sheet_status`` were not decided
            raise ValueError("a workbook needs the projection made with its table (project(..., table=...))")
        self.p = p
        self.total = (p.total.status, p.total.status == p.total.sheet_status)

    def sections(self) -> Iterator[tuple[Status, bool, bool]]:
        """(status, written as a live formula, alternative breakdowns) of each section in order."""
        for r in self.p.rows:
            if r.kind == "section":
                yield r.status, r.status == r.sheet_status, r.alternatives

    def lines(self) -> Iterator[tuple[Status, bool]]:
        for r in self.p.rows:
            if r.kind == "line":
                yield r.status, r.status == r.sheet_status
