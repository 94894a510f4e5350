"""Formula strings, as pure functions of rows and columns: references, sums, status counts, the
detail row's formulas."""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

from xlsxwriter.utility import xl_rowcol_to_cell

from budget import layout
from plancheck.projection import Status
from plancheck.xlsx.words import Words


def quote_sheet(sheet: str) -> str:
    return "'" + sheet.replace("'", "''") + "'"


def cell_ref(sheet: str | None, row: int, col: int) -> str:
    cell = xl_rowcol_to_cell(row, col)
    return f"{quote_sheet(sheet)}!{cell}" if sheet else cell


def column_ranges(sheet: str | None, rows: Sequence[int], col: int) -> list[str]:
    """``A5:A9``-style references covering ``rows`` of one column, one per run of consecutive rows."""
    out: list[str] = []
    runs: list[list[int]] = []
    for r in sorted(rows):
        if runs and r == runs[-1][1] + 1:
            runs[-1][1] = r
        else:
            runs.append([r, r])
    for first, last in runs:
        cells = xl_rowcol_to_cell(first, col) + ("" if first == last else ":" + xl_rowcol_to_cell(last, col))
        out.append(f"{quote_sheet(sheet)}!{cells}" if sheet else cells)
    return out


def sum_formula(refs: list[str]) -> str:
    return "SUM(" + ",".join(refs) + ")" if refs else "0"


def status_count(sheet: str | None, rows: Sequence[int], col: int, words: Sequence[str]) -> str:
    """How many of ``rows`` (in column ``col``) say one of ``words``: COUNTIF over each run."""
    refs = column_ranges(sheet, rows, col)
    return "+".join(f'COUNTIF({ref},"{word}")' for ref in refs for word in words) or "0"


def unit_lookup(unit_cell: str, units: str) -> str:
    """Money scale (power of ten of đồng) of the unit written in ``unit_cell``, 0 if none."""
    head = f'TRIM(LEFT({unit_cell},FIND("/",{unit_cell}&"/")-1))'
    return f"IFERROR(VLOOKUP({head},{quote_sheet(units)}!$A$2:$B$100,2,FALSE),0)"


def detail_formulas(
    r: int, cols: layout.DetailColumns, decimals: int, unit_exponent: int, units: str, scale: Fraction = Fraction(1)
) -> dict[str, str]:
    """The live formulas of one ``Chi tiết`` row: coefficient, amount, difference, status.
    A row with no factor shows nothing (not a coefficient of 0,000001 on every empty row)."""
    values = ",".join(xl_rowcol_to_cell(r, cols.value(k)) for k in range(cols.slots))
    scales = "+".join(unit_lookup(xl_rowcol_to_cell(r, cols.unit(k)), units) for k in range(cols.slots))
    coefficient = xl_rowcol_to_cell(r, cols.coefficient)
    computed = xl_rowcol_to_cell(r, cols.computed)
    stated = xl_rowcol_to_cell(r, cols.stated)
    both_blank = f'OR({computed}="",{stated}="")'
    return {
        # months and years mixed (``tháng x đồng/năm``): the units' own factor, ``*1/12``
        "coefficient": f'IF(COUNT({values})=0,"",10^({scales}-{unit_exponent}){_times(scale)})',
        "computed": f'IF(COUNT({values})=0,"",ROUND(PRODUCT({values},{coefficient}),{decimals}))',
        "difference": f'IF({both_blank},"",ROUND({stated}-{computed},{decimals}))',
    }


def _times(scale: Fraction) -> str:
    return "" if scale == 1 else f"*{scale.numerator}/{scale.denominator}"


def line_status_formula(r: int, cols: layout.DetailColumns, decimals: int, w: Words) -> str:
    computed = xl_rowcol_to_cell(r, cols.computed)
    stated = xl_rowcol_to_cell(r, cols.stated)
    ok, bad = w.status[Status.OK], w.status[Status.ERROR]
    return f'IF(OR({computed}="",{stated}=""),"",IF(ROUND({stated}-{computed},{decimals})<>0,"{bad}","{ok}"))'
