"""The blank template officers fill in (``budget template``), read back by ``budget.sheets.template``."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from xlsxwriter.utility import xl_col_to_name, xl_rowcol_to_cell

from budget import layout
from budget.model import DocumentInfo
from budget.numbers import read_number
from budget.units import Money, suggested_units
from plancheck.projection import Status
from plancheck.xlsx.book import EMPTY, FastWorkbook, workbook_options
from plancheck.xlsx.detail import detail_widths
from plancheck.xlsx.formats import Formats
from plancheck.xlsx.formulas import detail_formulas, line_status_formula, quote_sheet
from plancheck.xlsx.sheet import Sheet
from plancheck.xlsx.summary import COL_C, COL_D, COL_E, COL_F, COL_G, SUMMARY_WIDTHS, summary_footer
from plancheck.xlsx.units_sheet import write_units
from plancheck.xlsx.words import Words

_EXCEL_ROWS = 1_048_576


# Rows prepared with formulas: a form that prints on two pages. More rows are added by copying
# the last one down; the totals run over the whole columns, so none is left out.
TEMPLATE_ROWS = 50
_EXAMPLE = ("1", "Ví dụ: Giáo viên", [("200", "người"), ("1,5", "triệu đồng/người/năm"), ("5", "năm")], "1500")


def write_template(path: Path, unit: Money, rows: int = TEMPLATE_ROWS) -> None:
    """A blank estimate workbook: the ``Chi tiết`` columns with formulas ready on ``rows`` rows,
    input cells marked (yellow, bordered) under the words an officer uses (Số lượng, Đơn giá,
    Thời gian), a drop-down of units, one example row, and a ``Tổng hợp`` total over the whole
    columns, so a row added below the prepared ones is still in the total."""
    decimals = unit.exponent
    w = Words("vi")
    wb = FastWorkbook(str(path), workbook_options())
    fmt = Formats(wb)
    cols = layout.DetailColumns(4)
    info = DocumentInfo(title=w.t("XL.template_title"))
    help_line = w.t("XL.template_help", unit=unit.name)
    header_row = layout.TITLE_ROWS
    first, last = header_row + 1, header_row + rows

    summary = Sheet(wb, w.summary, fmt, SUMMARY_WIDTHS)
    summary.titles(w, info, "", help_line, COL_G)
    summary.header(header_row, w.summary_headers)
    r = header_row + 1

    def whole_column(col: int) -> str:
        top, bottom = xl_rowcol_to_cell(first, col), xl_rowcol_to_cell(_EXCEL_ROWS - 1, col)
        return f"{quote_sheet(w.detail)}!{top}:{bottom}"

    summary.text(r, 1, w.total_label, fmt.bold_text)
    summary.ws.write_blank(r, COL_C, None, fmt.number(0, True))
    example = Decimal(_EXAMPLE[3])
    summary.formula(r, COL_D, f"SUM({whole_column(cols.stated)})", example, fmt.number(0, True))
    summary.formula(r, COL_E, f"SUM({whole_column(cols.computed)})", example, fmt.number(0, True))
    c, d = xl_rowcol_to_cell(r, COL_C), xl_rowcol_to_cell(r, COL_D)
    summary.ws.write_formula(
        r, COL_F, f'IF(OR({c}="",{d}=""),"",ROUND({c}-{d},{decimals}))', fmt.number(0, True), EMPTY
    )
    ok, bad, none = w.status[Status.OK], w.status[Status.ERROR], w.status[Status.NONE]
    summary.formula(
        r, COL_G, f'IF({c}="","{none}",IF(ROUND({c}-{d},{decimals})<>0,"{bad}","{ok}"))', none, fmt.bold_text
    )
    end = summary_footer(summary, fmt, w, r + 2, info, None)
    summary.print_setup(header_row, COL_G, None, landscape=False, last_row=end)

    widths = detail_widths(cols)
    for k in range(cols.slots):
        widths[cols.unit(k)] = 14
    s = Sheet(wb, w.detail, fmt, widths)
    ws = s.ws
    s.titles(w, info, "", help_line, cols.count - 1)
    # the words an officer uses, over the factor columns the reader knows as Thừa số 1, 2, 3
    hints = [w.t("XL.hint_quantity"), w.t("XL.hint_price"), w.t("XL.hint_time")]
    hints += [w.t("XL.hint_other")] * (cols.slots - len(hints))
    s.height(header_row - 1, [(h, s.width(cols.value(k), cols.unit(k))) for k, h in enumerate(hints)])
    for k, hint in enumerate(hints):
        s.merged(header_row - 1, cols.value(k), cols.unit(k), hint, fmt.hint)
    s.header(header_row, w.detail_headers(cols, unit.name))
    for i in range(rows):
        r = first + i
        f = detail_formulas(r, cols, decimals, unit.exponent, w.units)
        status = line_status_formula(r, cols, decimals, w)
        ws.write_number(r, cols.no, i + 1, fmt.number(0))
        if i == 0:
            section, label, factors, stated = _EXAMPLE
            s.height(
                r, [(label, s.width(cols.label))] + [(u, s.width(cols.unit(k))) for k, (_, u) in enumerate(factors)]
            )
            s.text(r, cols.section, section, fmt.input_text)
            s.text(r, cols.label, label, fmt.input_text)
            for k, (value, unit_text) in enumerate(factors):
                number = read_number(value).value
                ws.write_number(r, cols.value(k), number, fmt.input_number)
                s.text(r, cols.unit(k), unit_text, fmt.input_text)
            for k in range(len(factors), cols.slots):
                ws.write_blank(r, cols.value(k), None, fmt.input_number)
                ws.write_blank(r, cols.unit(k), None, fmt.input_text)
            s.formula(r, cols.coefficient, f["coefficient"], Decimal(1), fmt.computed)
            s.formula(r, cols.computed, f["computed"], Decimal(stated), fmt.computed)
            ws.write_number(r, cols.stated, Decimal(stated), fmt.input_number)
            s.formula(r, cols.difference, f["difference"], Decimal(0), fmt.computed)
            s.formula(r, cols.status, status, w.status[Status.OK], fmt.computed_text)
        else:
            for col in (cols.section, cols.label, *(cols.unit(k) for k in range(cols.slots))):
                ws.write_blank(r, col, None, fmt.input_text)
            for col in (*(cols.value(k) for k in range(cols.slots)), cols.stated):
                ws.write_blank(r, col, None, fmt.input_number)
            s.formula(r, cols.coefficient, f["coefficient"], "", fmt.computed)
            s.formula(r, cols.computed, f["computed"], "", fmt.computed)
            s.formula(r, cols.difference, f["difference"], "", fmt.computed)
            s.formula(r, cols.status, status, "", fmt.computed_text)
    units_list = f"={quote_sheet(w.units)}!$D$2:$D${len(suggested_units()) + 1}"
    for k in range(cols.slots):
        ws.data_validation(
            first,
            cols.unit(k),
            _EXCEL_ROWS - 1,
            cols.unit(k),
            {
                "validate": "list",
                "source": units_list,
                "error_type": "information",  # other units are allowed: new nouns become counts
                "error_title": "Đơn vị",
                "error_message": "Đơn vị này không có trong danh sách gợi ý; công cụ vẫn đọc được.",
            },
        )
    status_col = xl_col_to_name(cols.status)
    diff_col = xl_col_to_name(cols.difference)
    ws.conditional_format(
        f"{status_col}{first + 1}:{status_col}{last + 1}",
        {"type": "cell", "criteria": "==", "value": f'"{w.status[Status.ERROR]}"', "format": fmt.bad},
    )
    # typed figures show their grouping, and their decimals when they have some
    value_area = f"{xl_col_to_name(cols.first_factor)}{first + 1}:{diff_col}{_EXCEL_ROWS}"
    top_left = xl_rowcol_to_cell(first, cols.first_factor)
    ws.conditional_format(
        value_area,
        {"type": "formula", "criteria": f"=AND(ISNUMBER({top_left}),MOD({top_left},1)<>0)",
         "format": fmt.decimals_shown},
    )  # fmt: skip
    ws.conditional_format(value_area, {"type": "formula", "criteria": f"=ISNUMBER({top_left})", "format": fmt.grouped})
    s.print_setup(header_row, cols.count - 1, None, landscape=True)
    ws.freeze_panes(header_row + 1, cols.label + 1)
    write_units(wb, fmt, w)
    wb.close()
