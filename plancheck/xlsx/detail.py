"""The detail sheet: every cost line with its factors, live product formulas and status."""

from __future__ import annotations

from xlsxwriter.utility import xl_col_to_name, xl_rowcol_to_cell
from xlsxwriter.workbook import Workbook

from budget import layout
from budget.numbers import round_to
from budget.plan_table import BudgetTable, LineRow
from plancheck.projection import Status
from plancheck.xlsx.formats import Formats
from plancheck.xlsx.formulas import detail_formulas, line_status_formula
from plancheck.xlsx.sheet import Sheet, Titles
from plancheck.xlsx.statuses import Statuses
from plancheck.xlsx.words import Words


# Chi tiết: narrow enough to print one page wide on A4 landscape at a readable size.
def detail_widths(cols: layout.DetailColumns) -> list[float]:
    widths = [4.0, 5.0, 6.0, 28.0]
    for _ in range(cols.slots):
        widths += [8.0, 10.0]
    return [*widths, 8.0, 12.0, 12.0, 10.0, 8.0]


def write_detail(
    wb: Workbook,
    fmt: Formats,
    w: Words,
    table: BudgetTable,
    cols: layout.DetailColumns,
    info: Titles,
    heading: str,
    unit_line: str,
    statuses: Statuses,
) -> None:
    s = Sheet(wb, w.detail, fmt, detail_widths(cols))
    ws = s.ws
    decimals = table.unit.exponent
    s.titles(w, info, heading, unit_line, cols.count - 1)
    header_row = layout.TITLE_ROWS
    s.header(header_row, w.detail_headers(cols, table.unit.name))
    for i, (line, status) in enumerate(zip(table.lines, statuses.lines(), strict=True)):
        _detail_row(s, w, header_row + 1 + i, i + 1, line, cols, decimals, table.unit.exponent, status)
    first, last = header_row + 1, header_row + len(table.lines)
    if table.lines:
        status_col = xl_col_to_name(cols.status)
        diff_col = xl_col_to_name(cols.difference)
        area = f"A{first + 1}:{status_col}{last + 1}"
        bad = {"type": "formula", "criteria": f'=${status_col}{first + 1}="{w.status[Status.ERROR]}"',
               "format": fmt.bad}  # fmt: skip
        ws.conditional_format(area, bad)
        ws.conditional_format(
            f"{diff_col}{first + 1}:{diff_col}{last + 1}",
            {"type": "cell", "criteria": "!=", "value": 0, "format": fmt.bad},
        )
        first_value = xl_rowcol_to_cell(first, cols.first_factor)
        ws.conditional_format(
            f"{xl_col_to_name(cols.first_factor)}{first + 1}:{diff_col}{last + 1}",
            {"type": "formula", "criteria": f"=AND(ISNUMBER({first_value}),MOD({first_value},1)<>0)",
             "format": fmt.decimals_shown},
        )  # fmt: skip
    s.print_setup(header_row, cols.count - 1, info.number, landscape=True, last_row=max(last, header_row))
    ws.freeze_panes(header_row + 1, cols.label + 1)


def _detail_row(
    s: Sheet,
    w: Words,
    r: int,
    no: int,
    line: LineRow,
    cols: layout.DetailColumns,
    decimals: int,
    unit_exponent: int,
    status: tuple[Status, bool],
) -> None:
    fmt = s.fmt
    label = line.result.line.label or line.result.line.tail
    s.height(
        r,
        [(label, s.width(cols.label)), (line.section, s.width(cols.section))]
        + [(q.unit_text, s.width(cols.unit(k))) for k, q in enumerate(line.factors[: cols.slots])],
    )
    f = detail_formulas(r, cols, decimals, unit_exponent, w.units, line.result.converted)
    cells = {
        cols.no: s.number_cell(no, fmt.number(0)),
        cols.section: s.text_cell(line.section),
        cols.line: s.number_cell(line.result.line.source.line or 0, fmt.number(0)),
        cols.label: s.text_cell(label),
    }
    for k, q in enumerate(line.factors):
        cells[cols.value(k)] = s.number_cell(q.value)
        cells[cols.unit(k)] = s.text_cell(q.unit_text)
    for k in range(len(line.factors), cols.slots):  # empty slots keep the grid
        cells[cols.value(k)] = cells[cols.unit(k)] = s.blank_cell()
    if any(q.money is not None for q in line.factors):
        cells[cols.coefficient] = s.formula_cell(f["coefficient"], line.coefficient)
    else:
        cells[cols.coefficient] = s.number_cell(line.coefficient)  # no money unit: as assumed, fixed
    computed = round_to(line.computed, decimals)
    cells[cols.computed] = s.formula_cell(f["computed"], computed)
    cells[cols.stated] = s.number_cell(line.stated)
    cells[cols.difference] = s.formula_cell(f["difference"], line.stated - computed)
    word, live = status
    if live:
        cells[cols.status] = s.formula_cell(line_status_formula(r, cols, decimals, w), w.status[word])
    else:
        cells[cols.status] = s.text_cell(w.status[word])
    s.put(r, cells)
