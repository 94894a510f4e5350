"""The targets sheet: the plan's own targets, to track."""

from __future__ import annotations

from collections.abc import Sequence

from xlsxwriter.workbook import Workbook

from indicators.extract import Extracted
from indicators.write_targets import HEADERS as TARGET_HEADERS
from indicators.write_targets import row_of as target_row
from plancheck.xlsx.formats import Formats
from plancheck.xlsx.sheet import Sheet
from plancheck.xlsx.words import Words

_TARGET_WIDTHS = (14, 36, 9, 9, 9, 8, 8, 6, 10, 10, 16, 8, 24)


def write_targets(wb: Workbook, fmt: Formats, w: Words, targets: Sequence[Extracted]) -> None:
    """Sheet ``Chỉ tiêu``: the targets table (``indicators``' columns, header on the first row so
    ``indicators check`` reads it), laid out to print."""
    s = Sheet(wb, w.targets, fmt, _TARGET_WIDTHS)
    s.header(0, TARGET_HEADERS)
    for r, e in enumerate(targets, 1):
        values = target_row(e)
        s.height(r, [(v, s.width(c)) for c, v in enumerate(values)])
        for col, value in enumerate(values):
            s.text(r, col, value)
    s.print_setup(0, len(TARGET_HEADERS) - 1, None, landscape=True, last_row=len(targets))
