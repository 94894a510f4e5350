"""The Python API beside the command: load a plan, check it, get one report.

>>> from budget import load_plan, check_plan
>>> plan, findings = load_plan("examples/ha-dong-267-kh-ubnd.txt")
>>> evaluation, more = check_plan(plan)
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from budget.checks import run_checks
from budget.evaluate import Evaluation, evaluate
from budget.findings import Finding, InputError, has_errors, sort_key
from budget.model import Plan
from budget.output import write_safely
from budget.parse import parse
from budget.read_csv import read_csv
from budget.read_text import read_bytes, read_text_lines
from budget.read_xlsx import read_workbook
from budget.source import Source
from budget.table import BudgetTable, build_table
from budget.write_xlsx import Provenance, write_workbook


def load_plan(path: str | Path, name: str | None = None) -> tuple[Plan, list[Finding]]:
    """Read and parse a plan. Raises ``InputError`` only when the file cannot be read at all."""
    p = Path(path)
    shown = name or str(path)
    suffix = p.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        read_bytes(p, shown)  # missing / not a file: the same messages as for text
        return read_workbook(p, shown)
    if suffix == ".xls":
        read_bytes(p, shown)
        raise InputError(Source(shown), "XLSX_IS_XLS")
    if suffix == ".csv":
        return read_csv(p, shown)
    lines = read_text_lines(p, shown)
    return parse(lines, shown)


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
    plan, findings = load_plan(path, name)
    evaluation, more = check_plan(plan, strict_units)
    return Report(plan, evaluation, tuple(sorted([*findings, *more], key=sort_key)))


def provenance(path: str | Path, shown: str | None = None) -> Provenance:
    """Input file, its SHA-256, the time of the check and the tool, for the ``Nguồn`` sheet."""
    from budget import __version__

    data = Path(path).read_bytes()
    return Provenance(
        shown or str(path),
        hashlib.sha256(data).hexdigest(),
        datetime.now().astimezone().isoformat(timespec="seconds"),
        f"budget {__version__}",
    )


def with_workbook_findings(report: Report) -> tuple[Report, BudgetTable]:
    """The report plus what writing it to Excel must say (figures Excel cannot hold)."""
    table, extra = build_table(report.evaluation)
    findings = tuple(sorted([*report.findings, *extra], key=sort_key))
    return replace(report, findings=findings), table


def save_workbook(
    report: Report, table: BudgetTable, out: str | Path, force: bool = False, targets: Sequence[Any] = ()
) -> None:
    """Write the checked budget to ``out`` safely (see ``output.write_safely``)."""
    plan = report.plan
    heading = "" if plan.heading is None else f"{plan.heading.number}. {plan.heading.title}"
    origin = provenance(plan.file)
    write_safely(
        Path(out),
        [Path(plan.file)],
        force,
        lambda tmp: write_workbook(tmp, table, list(report.findings), plan.document, heading, origin, targets=targets),
    )
