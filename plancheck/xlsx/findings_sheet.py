"""The findings sheet: every finding with its place, expected and actual values."""

from __future__ import annotations

from typing import Any

from xlsxwriter.workbook import Workbook

from budget import layout, messages
from budget.findings import Finding
from budget.model import DocumentInfo
from plancheck.xlsx.formats import Formats
from plancheck.xlsx.sheet import Sheet
from plancheck.xlsx.words import Words

_FINDING_WIDTHS = (21, 8, 18, 11, 11, 11, 10, 42, 34)


def write_findings(
    wb: Workbook,
    fmt: Formats,
    w: Words,
    findings: list[Finding],
    info: DocumentInfo,
    heading: str,
    shown: dict[int, Any] | None,
) -> None:
    s = Sheet(wb, w.findings, fmt, _FINDING_WIDTHS)
    ws = s.ws
    count = w.t("XL.findings_count", count=len(findings))
    s.titles(w, info, heading, count, len(_FINDING_WIDTHS) - 1)
    header_row = layout.TITLE_ROWS
    s.header(header_row, w.finding_headers)
    for i, f in enumerate(findings):
        r = header_row + 1 + i
        sf = None if shown is None else shown.get(i)
        if sf is not None and sf.finding is not f:
            sf = None
        message = sf.message if sf is not None else messages.render(f.message_key or f.code, f.args, w.lang)
        if sf is not None:
            cause = sf.cause
        else:
            cause = "" if f.cause is None else messages.render(f.cause.code, f.cause.args, w.lang)
        where = str(f.source)
        s.height(r, [(f.code, s.width(0)), (where, s.width(2)), (message, s.width(7)), (cause, s.width(8))])
        cells = {0: s.text_cell(f.code), 1: s.text_cell(w.severity(f.severity.value)), 2: s.text_cell(where)}
        for col, value in ((3, f.expected), (4, f.actual), (5, f.difference)):
            cells[col] = s.number_cell(value) if value is not None else s.blank_cell()
        cells.update({6: s.text_cell(f.unit or ""), 7: s.text_cell(message), 8: s.text_cell(cause)})
        s.put(r, cells)
    last = header_row + len(findings)
    if findings:
        ws.conditional_format(
            f"A{header_row + 2}:I{last + 1}",
            {"type": "formula", "criteria": f'=$B{header_row + 2}="{w.severity("error")}"', "format": fmt.bad},
        )
    s.print_setup(header_row, len(_FINDING_WIDTHS) - 1, info.number, landscape=True, last_row=last)
