"""The one pipeline: a file → its checked plan, its targets and the projection every output
lays out. The command, the batch and the Python API all call ``check_document``, so one
document gets the same verdict, figures and words whichever way it was checked.

read (once) → plan → evaluation → checks → targets from the same lines → projection
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from budget.api import Report, check_read
from budget.findings import InputError
from budget.plan_table import BudgetTable
from budget.read.document import Document, read_document
from budget.source import Source
from budget.time_budget import TimeLimit, time_budget
from indicators.extract import Extracted, targets_of
from plancheck.projection import Projection, project


@dataclass(frozen=True)
class Options:
    lang: str = "vi"
    strict_units: bool = False
    workbook: bool = False  # a workbook will be written: what Excel cannot hold is said too
    time_limit: float | None = None  # seconds of real time the check may take (None: unbounded)


@dataclass(frozen=True)
class Checked:
    document: Document
    report: Report  # the plan, its evaluation and every finding
    targets: Sequence[Extracted]
    projection: Projection
    table: BudgetTable | None = field(default=None)  # the figures a workbook lays out, when asked


def check_document(path: str | Path, options: Options = Options(), name: str | None = None) -> Checked:
    """Check one document; ``InputError`` (with its place) when it cannot be read at all, or
    when its check runs past ``options.time_limit`` (``INPUT_TIME_LIMIT`` where it stood)."""
    try:
        with time_budget(options.time_limit):
            document = read_document(path, name)
            report = check_read(document, options.strict_units)
            targets = targets_of(document, report.plan.budget_lines)
    except TimeLimit as e:
        where = e.reached or Source(name or str(path))
        seconds = Decimal(repr(e.seconds))
        if seconds == seconds.to_integral_value():
            seconds = seconds.to_integral_value()  # ``600``, not ``600,0``
        raise InputError(where, "INPUT_TIME_LIMIT", {"seconds": seconds}) from None
    table = None
    if options.workbook:
        from plancheck.workbook import with_workbook_findings  # lazy-import point: XlsxWriter

        report, table = with_workbook_findings(report)
    projection = project(report, targets, options.lang, table=table)  # the file's SHA-256 in its identity
    return Checked(document, report, targets, projection, table)
