"""The one pipeline: a file → its checked plan, its targets and the projection every output
lays out. The command, the batch and the Python API all call ``check_document``, so one
document gets the same verdict, figures and words whichever way it was checked.

read (once) → plan → evaluation → checks → targets from the same lines → projection
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from budget.api import Report, check_read
from budget.plan_table import BudgetTable
from budget.read.document import Document, read_document
from indicators.extract import Extracted, targets_of
from plancheck.projection import Projection, project


@dataclass(frozen=True)
class Options:
    lang: str = "vi"
    strict_units: bool = False
    workbook: bool = False  # a workbook will be written: what Excel cannot hold is said too


@dataclass(frozen=True)
class Checked:
    document: Document
    report: Report  # the plan, its evaluation and every finding
    targets: Sequence[Extracted]
    projection: Projection
    table: BudgetTable | None = field(default=None)  # the figures a workbook lays out, when asked


def check_document(path: str | Path, options: Options = Options(), name: str | None = None) -> Checked:
    """Check one document; ``InputError`` (with its place) when it cannot be read at all."""
    document = read_document(path, name)
    report = check_read(document, options.strict_units)
    targets = targets_of(document, report.plan.budget_lines)
    table = None
    if options.workbook:
        from plancheck.workbook import with_workbook_findings  # lazy-import point: XlsxWriter

        report, table = with_workbook_findings(report)
    projection = project(report, targets, options.lang, table=table)  # the file's SHA-256 in its identity
    return Checked(document, report, targets, projection, table)
