"""The Python API of the indicators: read targets and data, evaluate, view."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from budget.api import plan_of
from budget.findings import Finding, InputError, has_errors, sort_key
from budget.read.document import read_document
from budget.source import Source
from indicators.coverage import DEFAULT_RULE, CoverageRule
from indicators.dataset import read_data
from indicators.evaluate import evaluate
from indicators.extract import Extracted, targets_of
from indicators.kinds import KINDS_REGISTERED
from indicators.measures import read_measures
from indicators.notes import missing_years
from indicators.read_targets import read_targets
from indicators.view import TargetView, view


@dataclass(frozen=True)
class IndicatorReport:
    views: tuple[TargetView, ...]
    findings: tuple[Finding, ...]

    @property
    def failing(self) -> bool:
        """A target not met when due, or off track, or without a verdict (no data in the
        as-of year), or data with error-level findings: not everything is known to be met."""
        return any(v.result.failing or not v.result.evaluated for v in self.views) or has_errors(self.findings)


def check_targets(
    targets_path: str | Path,
    data_path: str | Path,
    as_of: int | None = None,
    measures_path: str | Path | None = None,
    coverage: CoverageRule = DEFAULT_RULE,
) -> IndicatorReport:
    """Evaluate every target of the targets file on the data file. ``InputError`` if unreadable.
    ``measures_path``: the officer's own column names of measures (``tên cột ; chỉ số``);
    ``coverage``: how many units must report for a verdict."""
    targets, f1 = read_targets(Path(targets_path), str(targets_path))
    measures, f0 = read_measures(Path(measures_path), str(measures_path)) if measures_path else (None, [])
    wanted = frozenset(m for t in targets for m in (*t.numerator, t.denominator) if m)
    data, f2 = read_data(Path(data_path), str(data_path), measures, wanted)
    assert KINDS_REGISTERED  # the kinds beyond levels, registered with ``evaluate`` on import
    results = evaluate(targets, data, as_of, coverage)
    notes = missing_years(results, Source(str(data_path)))
    findings = [*f0, *f1, *f2, *(f for r in results for f in r.findings), *notes]
    return IndicatorReport(tuple(view(r) for r in results), tuple(sorted(findings, key=sort_key)))


def plan_targets(path: str | Path, name: str | None = None) -> list[Extracted]:
    """The targets a plan states (``indicators extract``): its lines read once, the budget's
    own lines (tables, computations) left to the budget reader. ``InputError`` if unreadable."""
    document = read_document(path, name)
    if not document.has_lines:  # a workbook's or CSV file's figures are data, not target prose
        raise InputError(Source(name or str(path)), "EXTRACT_NOT_TEXT")
    plan, _ = plan_of(document)
    return targets_of(document, plan.budget_lines)
