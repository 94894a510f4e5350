"""Saving a checked budget as a workbook: the budget's sheets plus the plan's targets."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

from budget.api import Report
from budget.findings import sort_key
from budget.output import write_safely
from budget.plan_table import BudgetTable, build_table
from plancheck.projection import Projection, project
from plancheck.xlsx.sources_sheet import Provenance
from plancheck.xlsx.workbook import write_workbook


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
    report: Report,
    table: BudgetTable,
    out: str | Path,
    force: bool = False,
    targets: Sequence[Any] = (),
    projection: Projection | None = None,
    lang: str = "vi",
) -> None:
    """Write the checked budget to ``out`` safely (see ``output.write_safely``).

    The statuses, the verdict and the words come from ``projection`` (made here unless given),
    the same projection the text, JSON and report of the run lay out.
    """
    plan = report.plan
    p = projection or project(report, targets, lang, table=table)
    if p.table is None:  # projected for the text and JSON only: the sheets' statuses need the table
        p = project(report, targets, p.lang, p.identity.checked_at, table, p.identity.sha256)
    ident = p.identity
    heading = ident.heading  # named once, in the projection
    origin = Provenance(ident.file, ident.sha256, ident.checked_at, ident.tool)
    write_safely(
        Path(out),
        [Path(plan.file)],
        force,
        lambda tmp: write_workbook(
            tmp, table, list(report.findings), plan.document, heading, origin, targets=targets, projection=p
        ),
        p.lang,
    )
