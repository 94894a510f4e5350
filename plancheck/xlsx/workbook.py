"""The checked budget as an Excel workbook: live formulas that also store their values,
laid out to be printed and signed. ``write_workbook`` writes the sheets, one module each.

Writer: XlsxWriter, not openpyxl. openpyxl always writes an empty value beside a formula,
so every viewer that does not recalculate (pandas, file previews, mail viewers) shows
nothing or 0; XlsxWriter stores the value we give (``write_formula(..., value=)``) and
streams rows with constant memory. Numbers are handed over as ``Decimal`` (written with
Decimal's own formatting, never through float), formula results as exact text.

This package lays out what ``plan_table.build_table`` and ``projection.project`` computed: the
figures, each row's status and the verdict. A status is written as a live formula when
that formula gives the projection's status, and as a fixed value otherwise (a finding no
formula can see, such as a stale stored value).

Printing: LibreOffice does not grow row heights for wrapped text in a workbook written by
XlsxWriter, so every row with wrapped text gets a height here; every sheet is set up for
A4 (landscape where wide), one page wide, with its header repeated.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from budget import layout
from budget.findings import Finding
from budget.model import DocumentInfo
from budget.plan_table import BudgetTable
from indicators.extract import Extracted
from plancheck.projection import Projection
from plancheck.xlsx.book import FastWorkbook, workbook_options
from plancheck.xlsx.detail import write_detail
from plancheck.xlsx.findings_sheet import write_findings
from plancheck.xlsx.formats import Formats
from plancheck.xlsx.sources_sheet import Provenance, write_sources
from plancheck.xlsx.statuses import Statuses
from plancheck.xlsx.summary import write_summary
from plancheck.xlsx.targets_sheet import write_targets
from plancheck.xlsx.units_sheet import write_units
from plancheck.xlsx.words import Words


def write_workbook(
    path: Path,
    table: BudgetTable,
    findings: list[Finding],
    info: DocumentInfo,
    heading: str,
    provenance: Provenance,
    projection: Projection,
    workbook: Callable[[str, dict[str, Any]], Any] | None = None,
    targets: Sequence[Extracted] = (),
) -> None:
    """Write the sheets to ``path`` (the caller makes the write safe: temp file, move).

    ``projection`` gives the statuses, the verdict, the words of the total and the language;
    the writer decides none of them. ``workbook`` is XlsxWriter's; the benchmark passes a
    recorder to replay the same cells bare.
    """
    w = Words(projection.lang)
    wb = (workbook or FastWorkbook)(str(path), workbook_options())
    fmt = Formats(wb)
    cols = layout.DetailColumns(table.slots)
    detail_first = layout.TITLE_ROWS + 1
    statuses = Statuses(projection)
    unit_line = w.unit_line(table.unit.name)
    shown = {sf.index: sf for sf in projection.findings}

    write_summary(wb, fmt, w, table, cols, detail_first, info, heading, unit_line, statuses, projection)
    write_detail(wb, fmt, w, table, cols, info, heading, unit_line, statuses)
    write_findings(wb, fmt, w, findings, info, heading, shown)
    write_sources(wb, fmt, w, table, provenance, detail_first, info, heading)
    if targets:
        write_targets(wb, fmt, w, targets)  # the plan's own targets, to track
    write_units(wb, fmt, w)
    wb.close()
