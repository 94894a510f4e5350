"""The sources sheet: where the figures came from (file, digest, time, tool) and where each one stands."""

from __future__ import annotations

from dataclasses import dataclass

from xlsxwriter.workbook import Workbook

from budget import layout
from budget.model import DocumentInfo
from budget.plan_table import BudgetTable
from plancheck.xlsx.formats import Formats
from plancheck.xlsx.formulas import cell_ref
from plancheck.xlsx.sheet import Sheet
from plancheck.xlsx.words import Words


@dataclass(frozen=True)
class Provenance:
    """Where the data came from, for the ``Nguồn`` sheet."""

    file: str
    sha256: str
    checked_at: str  # ISO date and time
    tool: str  # "budget 0.1.0"


def write_sources(
    wb: Workbook,
    fmt: Formats,
    w: Words,
    table: BudgetTable,
    provenance: Provenance,
    detail_first: int,
    info: DocumentInfo,
    heading: str,
) -> None:
    s = Sheet(wb, w.sources, fmt, (20, 24, 90))
    title = w.t("XL.sources_title")
    s.titles(w, info, heading, title, 2)
    r = layout.TITLE_ROWS
    names = w.t("XL.provenance").split("|")
    values = (provenance.file, provenance.sha256, provenance.checked_at, provenance.tool)
    for name, value in zip(names, values, strict=True):
        s.height(r, [(name, s.width(0)), (value, s.width(1, 2))])
        s.text(r, 0, name, fmt.bold_text)
        s.merged(r, 1, 2, value, fmt.text)
        r += 1
    r += 1
    headers = w.t("XL.sources_headers").split("|")
    s.header(r, headers)
    header_row = r
    for i, line in enumerate(table.lines):
        r += 1
        source = line.result.line.source
        where = str(source.where)
        s.height(r, [(where, s.width(1)), (source.text, s.width(2))])
        link = cell_ref(w.detail, detail_first + i, 0)
        s.put(r, {0: s.text_cell(link), 1: s.text_cell(where), 2: s.text_cell(source.text)})
    s.print_setup(header_row, 2, info.number, landscape=True, last_row=r)
