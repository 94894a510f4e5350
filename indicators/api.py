"""The Python API of the indicators: read targets and data, evaluate, view."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from budget.findings import Finding, has_errors, sort_key
from indicators.dataset import read_data
from indicators.evaluate import evaluate
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


def check_targets(targets_path: str | Path, data_path: str | Path, as_of: int | None = None) -> IndicatorReport:
    """Evaluate every target of the targets file on the data file. ``InputError`` if unreadable."""
    targets, f1 = read_targets(Path(targets_path), str(targets_path))
    data, f2 = read_data(Path(data_path), str(data_path))
    results = evaluate(targets, data, as_of)
    findings = [*f1, *f2, *(f for r in results for f in r.findings)]
    return IndicatorReport(tuple(view(r) for r in results), tuple(sorted(findings, key=sort_key)))
