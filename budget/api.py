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
from budget.findings import Finding, InputError, has_errors, sort_key
from budget.model import Plan
from budget.parse import parse
from budget.read_office import DOCUMENT_SUFFIXES, document_lines
from budget.read_text import read_bytes, read_text_lines
from budget.source import Source


def load_plan(path: str | Path, name: str | None = None) -> tuple[Plan, list[Finding]]:
    """Read and parse a plan. Raises ``InputError`` only when the file cannot be read at all.

    The workbook and CSV readers (and openpyxl under them) are imported only for those
    formats: a text plan is checked without them (``budget.lazy_imports``).
    """
    p = Path(path)
    shown = name or str(path)
    suffix = p.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        from budget.read_xlsx import read_workbook  # lazy-import point

        read_bytes(p, shown)  # missing / not a file: the same messages as for text
        return read_workbook(p, shown)
    if suffix == ".xls":
        read_bytes(p, shown)
        raise InputError(Source(shown), "XLSX_IS_XLS")
    if suffix == ".csv":
        from budget.read_csv import read_csv  # lazy-import point

        return read_csv(p, shown)
    if suffix in DOCUMENT_SUFFIXES:  # Word, PDF, .doc/.odt through LibreOffice: lines for the text pipeline
        return parse(document_lines(p, shown), shown)
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
