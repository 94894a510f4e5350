"""Notes over every target: one line per unit listing the years it lacks, not one per target."""

from __future__ import annotations

from collections.abc import Sequence

from budget.findings import Finding, Severity
from budget.source import Source
from indicators.evaluate import TargetResult


def missing_years(results: Sequence[TargetResult], where: Source) -> list[Finding]:
    """``B thiếu số liệu các năm 2023, 2024``: once per unit. When targets lack different years
    (their measures differ), each year names the targets that lack it: ``2023 (GD, TC); 2024 (PL)``."""
    lacking: dict[str, dict[int, list[str]]] = {}
    for r in results:
        for unit, years in r.missing_years:
            for y in years:
                lacking.setdefault(unit, {}).setdefault(y, []).append(r.target.id)
    every = [r.target.id for r in results if r.missing_years or r.units.years.size]
    out = []
    for unit in sorted(lacking):
        by_year = lacking[unit]
        if all(ids == every for ids in by_year.values()):
            said = ", ".join(str(y) for y in sorted(by_year))
        else:
            said = "; ".join(f"{y} ({', '.join(by_year[y])})" for y in sorted(by_year))
        out.append(Finding(where, "DATA_MISSING_YEARS", Severity.INFO, {"unit": unit, "years": said}))
    return out
