"""The units sheet: the money units and their scales, for the detail's unit lookup."""

from __future__ import annotations

from xlsxwriter.workbook import Workbook

from budget.units import money_scales, suggested_units
from plancheck.xlsx.formats import Formats
from plancheck.xlsx.words import Words


def write_units(wb: Workbook, fmt: Formats, w: Words) -> None:
    """Hidden sheet: money spellings and their scales (for the coefficient formula), and the
    unit names offered in the unit columns' drop-down lists."""
    ws = wb.add_worksheet(w.units)
    names_row = w.t("XL.units_headers").split("|")
    ws.write_row(0, 0, names_row, fmt.header)
    scales = money_scales()
    names = suggested_units()
    for i in range(max(len(scales), len(names))):
        if i < len(scales):
            ws.write_string(i + 1, 0, scales[i][0])
            ws.write_number(i + 1, 1, scales[i][1])
        if i < len(names):
            ws.write_string(i + 1, 3, names[i])
    ws.hide()
