"""The Python API beside the command: load a plan, check it, get one report.

>>> from budget import load_plan, check_plan
>>> plan, findings = load_plan("examples/ha-dong-267-kh-ubnd.txt")
>>> evaluation, more = check_plan(plan)
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from budget.checks import run_checks
from budget.evaluate import Evaluation, evaluate
from budget.findings import Finding, has_errors, sort_key
from budget.model import Plan
from budget.parse import parse
from budget.read.document import Document, Kind, read_document
from budget.settled import settle


def load_plan(path: str | Path, name: str | None = None) -> tuple[Plan, list[Finding]]:
    """Read and parse a plan. Raises ``InputError`` only when the file cannot be read at all."""
    return plan_of(read_document(path, name))


def plan_of(doc: Document) -> tuple[Plan, list[Finding]]:
    """The plan of a document read once (``read_document``): its lines parsed, or its sheets read.

    The workbook and CSV readers (and openpyxl under them) are imported only for those
    formats: a text plan is checked without them (``budget.lazy_imports``).
    """
    if doc.kind is Kind.WORKBOOK:
        from budget.sheets.workbook import read_workbook  # lazy-import point

        return read_workbook(doc.path, doc.name)
    if doc.kind is Kind.XLS:
        from budget.read.xls import read_xls  # lazy-import point: python-calamine
        from budget.sheets.grid import grid_plan
        from budget.sheets.grid_sheets import xls_sheets

        findings: list[Finding] = []
        return grid_plan(doc.name, xls_sheets(doc.name, read_xls(doc.path, doc.name)), findings), findings
    if doc.kind is Kind.CSV:
        from budget.sheets.delimited import read_csv  # lazy-import point

        return read_csv(doc.path, doc.name)
    return parse(doc.lines, doc.name)


def check_plan(plan: Plan, strict_units: bool = False) -> tuple[Evaluation, list[Finding]]:
    """Compute every product, sum and total; collect what does not add up.

    ``strict_units`` makes unit warnings (residual units, mixed năm/tháng) errors.
    """
    evaluation = evaluate(plan)
    return evaluation, run_checks(evaluation, strict_units=strict_units)


@dataclass(frozen=True)
class Report:
    plan: Plan
    evaluation: Evaluation
    findings: tuple[Finding, ...]

    @property
    def has_errors(self) -> bool:
        return has_errors(self.findings)


def check_file(path: str | Path, name: str | None = None, strict_units: bool = False) -> Report:
    """``load_plan`` then ``check_plan``, with all findings of the document in order."""
    return check_read(read_document(path, name), strict_units)


def check_read(doc: Document, strict_units: bool = False) -> Report:
    """The check of a document already read: its plan, evaluation and every finding in order."""
    plan, findings = plan_of(doc)
    evaluation, more = check_plan(plan, strict_units)
    # the ambiguity warnings of figures whose every relation agrees become notes (budget.settled)
    return Report(plan, evaluation, tuple(sorted(settle([*findings, *more], evaluation), key=sort_key)))
