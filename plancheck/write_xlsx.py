"""The checked budget as an Excel workbook: live formulas that also store their values.

Writer: XlsxWriter, not openpyxl. openpyxl always writes an empty value beside a formula,
so every viewer that does not recalculate (pandas, file previews, mail viewers) shows
nothing or 0; XlsxWriter stores the value we give (``write_formula(..., value=)``) and
streams rows with constant memory. Numbers are handed over as ``Decimal`` (written with
Decimal's own formatting, never through float), formula results as exact text.

This module lays out what ``table.build_table`` computed; it computes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.utility import xl_col_to_name, xl_rowcol_to_cell
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from budget import layout
from budget.findings import Finding
from budget.layout import WORKBOOK_OPTIONS
from budget.messages import SEVERITY
from budget.model import DocumentInfo
from budget.numbers import plain, read_number, round_to, shift
from budget.table import BudgetTable, LineRow, too_precise
from budget.units import Money, money_scales, suggested_units
from indicators.extract import Extracted
from indicators.write_targets import add_targets_sheet

_RISKY_START = ("=", "+", "-", "@", "\t", "\r", "\n")
_UNITS_RANGE = "'" + layout.UNITS + "'!$A$2:$B$100"
_MAX_TEXT = 32_767


@dataclass(frozen=True)
class Provenance:
    """Where the data came from, for the ``Nguồn`` sheet."""

    file: str
    sha256: str
    checked_at: str  # ISO date and time
    tool: str  # "budget 0.1.0"


class _Result:
    """A formula's stored value as XlsxWriter wants it: not a ``str`` (that would mark the
    cell as text), formatted exactly from Decimal rather than through float."""

    __slots__ = ("text",)

    def __init__(self, value: Decimal):
        self.text = plain(value)

    def __str__(self) -> str:
        return self.text

    def __format__(self, spec: str) -> str:
        return self.text


class _Worksheet(Worksheet):  # type: ignore[misc]
    """XlsxWriter's worksheet without its formula rewriting.

    For every formula XlsxWriter runs some thirty ``re.sub`` calls that add ``_xlfn.``
    prefixes to Excel 365 functions; our formulas use none of them (SUM, PRODUCT, ROUND,
    IF, COUNT, OR, IFERROR, VLOOKUP, TRIM, LEFT, FIND), and the rewriting was most of the
    time spent writing a large budget. Only the leading ``=`` is removed, as it does.
    """

    def _prepare_formula(self, formula: str, expand_future_functions: bool = False) -> str:
        return formula[1:] if formula.startswith("=") else formula


class _Workbook(xlsxwriter.Workbook):  # type: ignore[misc]
    worksheet_class = _Worksheet


def _quote(sheet: str) -> str:
    return "'" + sheet.replace("'", "''") + "'"


class _Formats:
    def __init__(self, wb: Workbook, decimals: int):
        amount = "#,##0" + ("." + "#" * decimals if decimals else "")
        self.title = wb.add_format({"bold": True, "font_size": 14})
        self.subtitle = wb.add_format({"italic": True})
        self.header = wb.add_format(
            {
                "bold": True,
                "text_wrap": True,
                "valign": "vcenter",
                "align": "center",
                "border": 1,
                "bg_color": "#D9E1F2",
            }
        )
        self.text = wb.add_format({"text_wrap": True, "valign": "top", "border": 1})
        self.text_quoted = wb.add_format({"text_wrap": True, "valign": "top", "border": 1, "quote_prefix": True})
        self.bold_text = wb.add_format({"text_wrap": True, "valign": "top", "border": 1, "bold": True})
        self.number = wb.add_format({"num_format": "#,##0.##########", "valign": "top", "border": 1})
        self.amount = wb.add_format({"num_format": amount, "valign": "top", "border": 1})
        self.bold_amount = wb.add_format({"num_format": amount, "valign": "top", "border": 1, "bold": True})
        self.bad = wb.add_format({"bg_color": "#FFC7CE", "font_color": "#9C0006"})
        self.good = wb.add_format({"font_color": "#006100"})


class _Sheet:
    """One worksheet written row by row (constant memory needs strict row order)."""

    def __init__(self, wb: Workbook, name: str, fmt: _Formats):
        self.ws: Worksheet = wb.add_worksheet(name)
        self.fmt = fmt

    def text(self, row: int, col: int, value: str, fmt: Any = None) -> None:
        value = value if len(value) <= _MAX_TEXT else value[: _MAX_TEXT - 1] + "…"
        if value.startswith(_RISKY_START):
            fmt = self.fmt.text_quoted
        self.ws.write_string(row, col, value, fmt or self.fmt.text)

    def number(self, row: int, col: int, value: Decimal, fmt: Any) -> None:
        if too_precise(value):
            self.ws.write_string(row, col, plain(value), self.fmt.text)  # finding XLSX_PRECISION says so
        else:
            self.ws.write_number(row, col, value, fmt)  # Decimal, see the module doc

    def formula(self, row: int, col: int, formula: str, value: Decimal | str, fmt: Any) -> None:
        stored: Any = value if isinstance(value, str) else _Result(value)
        self.ws.write_formula(row, col, formula, fmt, stored)

    def titles(self, info: DocumentInfo, heading: str, unit_line: str) -> None:
        ident = " ".join(
            x for x in (f"số {info.number}" if info.number else "", f"ngày {info.date}" if info.date else "") if x
        )
        self.ws.write_string(
            0, 0, f"KIỂM TRA DỰ TOÁN KINH PHÍ {('— ' + ident) if ident else ''}".strip(), self.fmt.title
        )
        self.ws.write_string(1, 0, info.title or heading, self.fmt.subtitle)
        self.ws.write_string(2, 0, unit_line, self.fmt.subtitle)

    def header(self, row: int, names: list[str]) -> None:
        for col, name in enumerate(names):
            self.ws.write_string(row, col, name, self.fmt.header)
        self.ws.set_row(row, 45)

    def print_setup(self, header_row: int, last_col: int, number: str | None) -> None:
        ws = self.ws
        ws.set_landscape()
        ws.set_paper(9)  # A4
        ws.fit_to_pages(1, 0)
        ws.repeat_rows(header_row)
        ws.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
        ws.set_header(f"&L{number or ''}&R&P/&N")
        ws.freeze_panes(header_row + 1, 0)
        ws.autofilter(header_row, 0, header_row, last_col)


def _ref(sheet: str | None, row: int, col: int) -> str:
    cell = xl_rowcol_to_cell(row, col)
    return f"{_quote(sheet)}!{cell}" if sheet else cell


def _ranges(sheet: str | None, rows: list[int], col: int) -> list[str]:
    """``A5:A9``-style references covering ``rows`` of one column, one per run of consecutive rows."""
    out: list[str] = []
    start = prev = None
    for r in sorted(rows):
        if start is None:
            start = prev = r
        elif r == prev + 1:  # type: ignore[operator]
            prev = r
        else:
            out.append(_span(sheet, start, prev, col))  # type: ignore[arg-type]
            start = prev = r
    if start is not None:
        out.append(_span(sheet, start, prev, col))  # type: ignore[arg-type]
    return out


def _span(sheet: str | None, first: int, last: int, col: int) -> str:
    cells = xl_rowcol_to_cell(first, col) + ("" if first == last else ":" + xl_rowcol_to_cell(last, col))
    return f"{_quote(sheet)}!{cells}" if sheet else cells


def _sum_of(refs: list[str]) -> str:
    return "SUM(" + ",".join(refs) + ")" if refs else "0"


def write_workbook(
    path: Path,
    table: BudgetTable,
    findings: list[Finding],
    info: DocumentInfo,
    heading: str,
    provenance: Provenance,
    workbook: Callable[[str, dict[str, bool]], Any] | None = None,
    targets: Sequence[Extracted] = (),
) -> None:
    """Write the four sheets to ``path`` (the caller makes the write safe: temp file, move).

    ``workbook`` is XlsxWriter's; the benchmark passes a recorder to replay the same cells bare.
    """
    decimals = table.unit.exponent  # amounts kept to the đồng
    wb = (workbook or _Workbook)(str(path), WORKBOOK_OPTIONS)
    fmt = _Formats(wb, decimals)
    cols = layout.DetailColumns(table.slots)
    detail_first = layout.TITLE_ROWS + 1
    summary_first = layout.TITLE_ROWS + 2  # total row, then sections
    unit_line = f"Đơn vị tính: {table.unit.name}"

    _write_summary(wb, fmt, table, cols, detail_first, summary_first, info, heading, unit_line, decimals)
    _write_detail(wb, fmt, table, cols, info, heading, unit_line, decimals)
    _write_findings(wb, fmt, findings, info, heading)
    _write_sources(wb, fmt, table, provenance, detail_first, info, heading)
    if targets:
        add_targets_sheet(wb, list(targets))  # the plan's own targets, to track
    _write_units(wb, fmt)
    wb.close()


def _status_formula(stated: str, summed: str, decimals: int, blank_status: bool) -> str:
    core = f'IF(ROUND({stated}-{summed},{decimals})=0,"{layout.STATUS_OK}","{layout.STATUS_BAD}")'
    return f'IF({stated}="","{layout.STATUS_NONE}",{core})' if blank_status else core


def _status_value(stated: Decimal | None, summed: Decimal | None) -> str:
    if stated is None:
        return layout.STATUS_NONE
    return layout.STATUS_OK if stated == (summed or Decimal(0)) else layout.STATUS_BAD


def _write_summary(
    wb: Workbook,
    fmt: _Formats,
    table: BudgetTable,
    cols: layout.DetailColumns,
    detail_first: int,
    summary_first: int,
    info: DocumentInfo,
    heading: str,
    unit_line: str,
    decimals: int,
) -> None:
    s = _Sheet(wb, layout.SUMMARY, fmt)
    ws = s.ws
    s.titles(info, heading, unit_line)
    header_row = layout.TITLE_ROWS
    s.header(header_row, [*layout.SUMMARY_HEADERS, layout.SUMMARY_HELPER])
    ws.set_column(0, 0, 8)
    ws.set_column(1, 1, 60)
    ws.set_column(2, 5, 18)
    ws.set_column(6, 6, 12)
    C, D, E = 2, 3, 4

    H = len(layout.SUMMARY_HEADERS)  # helper column: what a section adds to the one above it

    def children_refs(lines: tuple[int, ...], sections: tuple[int, ...], recomputed: bool) -> list[str]:
        """Ranges over runs of consecutive rows: a SUM takes at most 255 arguments and a formula
        8.192 characters, and a section may hold thousands of lines."""
        line_col = cols.computed if recomputed else cols.stated
        refs = _ranges(layout.DETAIL, [detail_first + i for i in lines], line_col)
        refs += _ranges(None, [summary_first + i for i in sections], E if recomputed else H)
        return refs

    def row(
        r: int,
        number: str,
        title: str,
        stated: Decimal | None,
        stated_sum: Decimal | None,
        recomputed: Decimal | None,
        lines: tuple[int, ...],
        sections: tuple[int, ...],
        bold: bool,
    ) -> None:
        amount = fmt.bold_amount if bold else fmt.amount
        s.text(r, 0, number, fmt.bold_text if bold else None)
        s.text(r, 1, title, fmt.bold_text if bold else None)
        if stated is not None:
            s.number(r, C, stated, amount)
        else:
            ws.write_blank(r, C, None, amount)
        if lines or sections:
            s.formula(r, D, _sum_of(children_refs(lines, sections, False)), stated_sum or Decimal(0), amount)
            s.formula(r, E, _sum_of(children_refs(lines, sections, True)), recomputed or Decimal(0), amount)
        else:  # nothing inside: no sum at all, not a sum of zero
            ws.write_blank(r, D, None, amount)
            ws.write_blank(r, E, None, amount)
        c, d = _ref(None, r, C), _ref(None, r, D)
        diff = "" if stated is None else _Result(stated - (stated_sum or Decimal(0)))
        ws.write_formula(r, 5, f'IF({c}="","",ROUND({c}-{d},{decimals}))', amount, diff)
        s.formula(r, 6, _status_formula(c, d, decimals, True), _status_value(stated, stated_sum), fmt.text)
        effective = stated if stated is not None else stated_sum
        s.formula(r, H, f'IF({c}="",N({d}),{c})', effective or Decimal(0), amount)

    t = table.total
    row(header_row + 1, "", layout.TOTAL_LABEL, t.stated, t.stated_sum, t.recomputed_sum, t.lines, t.sections, True)
    for i, sec in enumerate(table.sections):
        title = ("    " * sec.depth) + sec.result.section.title
        row(
            summary_first + i,
            sec.result.section.number,
            title,
            sec.stated,
            sec.stated_sum,
            sec.recomputed_sum,
            sec.lines,
            sec.sections,
            sec.depth == 0,
        )
    last = header_row + 1 + len(table.sections)
    status = f"G{header_row + 2}:G{last + 1}"
    ws.conditional_format(
        status, {"type": "cell", "criteria": "==", "value": f'"{layout.STATUS_BAD}"', "format": fmt.bad}
    )
    s.print_setup(header_row, 6, info.number)


def _write_detail(
    wb: Workbook,
    fmt: _Formats,
    table: BudgetTable,
    cols: layout.DetailColumns,
    info: DocumentInfo,
    heading: str,
    unit_line: str,
    decimals: int,
) -> None:
    s = _Sheet(wb, layout.DETAIL, fmt)
    ws = s.ws
    s.titles(info, heading, unit_line)
    header_row = layout.TITLE_ROWS
    s.header(header_row, cols.headers(table.unit.name))
    ws.set_column(cols.no, cols.no, 5)
    ws.set_column(cols.section, cols.section, 7)
    ws.set_column(cols.line, cols.line, 9)
    ws.set_column(cols.label, cols.label, 45)
    for k in range(cols.slots):
        ws.set_column(cols.value(k), cols.value(k), 10)
        ws.set_column(cols.unit(k), cols.unit(k), 16)
    ws.set_column(cols.coefficient, cols.coefficient, 10)
    ws.set_column(cols.computed, cols.difference, 16)
    ws.set_column(cols.status, cols.status, 11)
    for i, line in enumerate(table.lines):
        _detail_row(s, header_row + 1 + i, i + 1, line, cols, decimals, table.unit.exponent)
    first, last = header_row + 1, header_row + len(table.lines)
    if table.lines:
        status_col = xl_col_to_name(cols.status)
        diff_col = xl_col_to_name(cols.difference)
        bad = {"type": "cell", "criteria": "==", "value": f'"{layout.STATUS_BAD}"', "format": fmt.bad}
        ws.conditional_format(f"{status_col}{first + 1}:{status_col}{last + 1}", bad)
        ws.conditional_format(
            f"{diff_col}{first + 1}:{diff_col}{last + 1}",
            {"type": "cell", "criteria": "!=", "value": 0, "format": fmt.bad},
        )
    s.print_setup(header_row, cols.count - 1, info.number)
    ws.freeze_panes(header_row + 1, cols.label + 1)


def _unit_lookup(unit_cell: str) -> str:
    """Money scale (power of ten of đồng) of the unit written in ``unit_cell``, 0 if none."""
    head = f'TRIM(LEFT({unit_cell},FIND("/",{unit_cell}&"/")-1))'
    return f"IFERROR(VLOOKUP({head},{_UNITS_RANGE},2,FALSE),0)"


def _formulas(r: int, cols: layout.DetailColumns, decimals: int, unit_exponent: int) -> dict[str, str]:
    """The live formulas of one ``Chi tiết`` row: coefficient, amount, difference, status."""
    values = ",".join(xl_rowcol_to_cell(r, cols.value(k)) for k in range(cols.slots))
    scales = "+".join(_unit_lookup(xl_rowcol_to_cell(r, cols.unit(k))) for k in range(cols.slots))
    coefficient = xl_rowcol_to_cell(r, cols.coefficient)
    computed = xl_rowcol_to_cell(r, cols.computed)
    stated = xl_rowcol_to_cell(r, cols.stated)
    both_blank = f'OR({computed}="",{stated}="")'
    return {
        "coefficient": f"10^({scales}-{unit_exponent})",
        "computed": f'IF(COUNT({values})=0,"",ROUND(PRODUCT({values},{coefficient}),{decimals}))',
        "difference": f'IF({both_blank},"",ROUND({stated}-{computed},{decimals}))',
        "status": f'IF({both_blank},"",{_status_formula(stated, computed, decimals, False)})',
    }


def _detail_row(
    s: _Sheet, r: int, no: int, line: LineRow, cols: layout.DetailColumns, decimals: int, unit_exponent: int
) -> None:
    fmt = s.fmt
    ws = s.ws
    f = _formulas(r, cols, decimals, unit_exponent)
    ws.write_number(r, cols.no, no, fmt.number)
    s.text(r, cols.section, line.section)
    ws.write_number(r, cols.line, line.result.line.source.line or 0, fmt.number)
    s.text(r, cols.label, line.result.line.label or line.result.line.tail)
    for k, q in enumerate(line.factors):
        s.number(r, cols.value(k), q.value, fmt.number)
        s.text(r, cols.unit(k), q.unit_text)
    if any(q.money is not None for q in line.factors):
        s.formula(r, cols.coefficient, f["coefficient"], line.coefficient, fmt.number)
    else:
        s.number(r, cols.coefficient, line.coefficient, fmt.number)  # no money unit: as assumed, fixed
    computed = round_to(line.computed, decimals)
    s.formula(r, cols.computed, f["computed"], computed, fmt.amount)
    s.number(r, cols.stated, line.stated, fmt.amount)
    s.formula(r, cols.difference, f["difference"], line.stated - computed, fmt.amount)
    s.formula(r, cols.status, f["status"], _status_value(line.stated, computed), fmt.text)


def _write_units(wb: Workbook, fmt: _Formats) -> None:
    """Hidden sheet: money spellings and their scales (for the coefficient formula), and the
    unit names offered in the unit columns' drop-down lists."""
    ws = wb.add_worksheet(layout.UNITS)
    ws.write_row(0, 0, ["Cách viết", "Lũy thừa của 10 (đồng)", "", "Đơn vị gợi ý"], fmt.header)
    scales = money_scales()
    names = suggested_units()
    for i in range(max(len(scales), len(names))):
        if i < len(scales):
            ws.write_string(i + 1, 0, scales[i][0])
            ws.write_number(i + 1, 1, scales[i][1])
        if i < len(names):
            ws.write_string(i + 1, 3, names[i])
    ws.hide()


def _write_findings(wb: Workbook, fmt: _Formats, findings: list[Finding], info: DocumentInfo, heading: str) -> None:
    s = _Sheet(wb, layout.FINDINGS, fmt)
    ws = s.ws
    s.titles(info, heading, f"{len(findings)} phát hiện")
    header_row = layout.TITLE_ROWS
    s.header(header_row, layout.FINDING_HEADERS)
    for col, width in enumerate((20, 10, 28, 14, 14, 14, 12, 70, 60)):
        ws.set_column(col, col, width)
    for i, f in enumerate(findings):
        r = header_row + 1 + i
        s.text(r, 0, f.code)
        s.text(r, 1, SEVERITY[f.severity.value])
        s.text(r, 2, str(f.source))
        for col, value in ((3, f.expected), (4, f.actual), (5, f.difference)):
            if value is not None:
                s.number(r, col, value, fmt.number)
            else:
                ws.write_blank(r, col, None, fmt.text)
        s.text(r, 6, f.unit or "")
        s.text(r, 7, f.message)
        s.text(r, 8, f.cause.message if f.cause else "")
    if findings:
        last = header_row + len(findings) + 1
        ws.conditional_format(
            f"B{header_row + 2}:B{last}",
            {"type": "cell", "criteria": "==", "value": f'"{SEVERITY["error"]}"', "format": fmt.bad},
        )
    s.print_setup(header_row, len(layout.FINDING_HEADERS) - 1, info.number)


def _write_sources(
    wb: Workbook,
    fmt: _Formats,
    table: BudgetTable,
    provenance: Provenance,
    detail_first: int,
    info: DocumentInfo,
    heading: str,
) -> None:
    s = _Sheet(wb, layout.SOURCES, fmt)
    ws = s.ws
    s.titles(info, heading, "Nguồn dữ liệu của bảng tính")
    ws.set_column(0, 0, 22)
    ws.set_column(1, 1, 22)
    ws.set_column(2, 2, 110)
    r = layout.TITLE_ROWS
    for name, value in (
        ("Tệp đầu vào", provenance.file),
        ("SHA-256", provenance.sha256),
        ("Thời điểm kiểm tra", provenance.checked_at),
        ("Công cụ", provenance.tool),
    ):
        s.text(r, 0, name, fmt.bold_text)
        s.text(r, 1, value)
        r += 1
    r += 1
    s.header(r, ["Dòng trong Chi tiết", "Vị trí trong tệp", "Văn bản gốc"])
    header_row = r
    for i, line in enumerate(table.lines):
        r += 1
        source = line.result.line.source
        s.text(r, 0, _ref(layout.DETAIL, detail_first + i, 0))
        s.text(r, 1, str(source.where))
        s.text(r, 2, source.text)
    s.print_setup(header_row, 2, info.number)


TEMPLATE_ROWS = 200
_EXAMPLE = ("1", "Ví dụ: Giáo viên", [("200", "người"), ("1,5", "triệu đồng/người/năm"), ("5", "năm")], "1500")


def write_template(path: Path, unit: Money, rows: int = TEMPLATE_ROWS) -> None:
    """A blank estimate workbook: the ``Chi tiết`` columns with formulas ready on every row,
    a drop-down of units, one example row, and a ``Tổng hợp`` total that sums them all."""
    decimals = unit.exponent
    wb = _Workbook(str(path), WORKBOOK_OPTIONS)
    fmt = _Formats(wb, decimals)
    cols = layout.DetailColumns(4)
    info = DocumentInfo(title="Dự toán kinh phí (mẫu để điền)")
    unit_line = (
        f"Đơn vị tính: {unit.name}. Điền mỗi khoản chi một dòng: thừa số và đơn vị của nó; không sửa các cột công thức."
    )
    header_row = layout.TITLE_ROWS
    first, last = header_row + 1, header_row + rows

    summary = _Sheet(wb, layout.SUMMARY, fmt)
    summary.titles(info, "", unit_line)
    summary.header(header_row, layout.SUMMARY_HEADERS)
    summary.ws.set_column(1, 1, 50)
    summary.ws.set_column(2, 6, 18)
    r = header_row + 1

    def detail_range(col: int) -> str:
        return f"{_quote(layout.DETAIL)}!{xl_rowcol_to_cell(first, col)}:{xl_rowcol_to_cell(last, col)}"

    summary.text(r, 1, layout.TOTAL_LABEL, fmt.bold_text)
    summary.ws.write_blank(r, 2, None, fmt.bold_amount)
    example = Decimal(_EXAMPLE[3])
    summary.formula(r, 3, f"SUM({detail_range(cols.stated)})", example, fmt.bold_amount)
    summary.formula(r, 4, f"SUM({detail_range(cols.computed)})", example, fmt.bold_amount)
    c, d = xl_rowcol_to_cell(r, 2), xl_rowcol_to_cell(r, 3)
    summary.ws.write_formula(r, 5, f'IF({c}="","",ROUND({c}-{d},{decimals}))', fmt.bold_amount, "")
    summary.formula(r, 6, _status_formula(c, d, decimals, True), layout.STATUS_NONE, fmt.text)
    summary.print_setup(header_row, 6, None)

    s = _Sheet(wb, layout.DETAIL, fmt)
    s.titles(info, "", unit_line)
    s.header(header_row, cols.headers(unit.name))
    ws = s.ws
    ws.set_column(cols.label, cols.label, 45)
    for k in range(cols.slots):
        ws.set_column(cols.unit(k), cols.unit(k), 22)
    ws.set_column(cols.computed, cols.difference, 16)
    for i in range(rows):
        r = first + i
        f = _formulas(r, cols, decimals, unit.exponent)
        ws.write_number(r, cols.no, i + 1, fmt.number)
        if i == 0:
            section, label, factors, stated = _EXAMPLE
            s.text(r, cols.section, section)
            s.text(r, cols.label, label)
            for k, (value, unit_text) in enumerate(factors):
                ws.write_number(r, cols.value(k), read_number(value).value, fmt.number)
                s.text(r, cols.unit(k), unit_text)
            s.formula(r, cols.coefficient, f["coefficient"], Decimal(1), fmt.number)
            s.formula(r, cols.computed, f["computed"], Decimal(stated), fmt.amount)
            ws.write_number(r, cols.stated, Decimal(stated), fmt.amount)
            s.formula(r, cols.difference, f["difference"], Decimal(0), fmt.amount)
            s.formula(r, cols.status, f["status"], layout.STATUS_OK, fmt.text)
        else:
            s.formula(r, cols.coefficient, f["coefficient"], shift(Decimal(1), -unit.exponent), fmt.number)
            s.formula(r, cols.computed, f["computed"], "", fmt.amount)
            s.formula(r, cols.difference, f["difference"], "", fmt.amount)
            s.formula(r, cols.status, f["status"], "", fmt.text)
    units_list = f"={_quote(layout.UNITS)}!$D$2:$D${len(suggested_units()) + 1}"
    for k in range(cols.slots):
        ws.data_validation(
            first,
            cols.unit(k),
            last,
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
    ws.conditional_format(
        f"{status_col}{first + 1}:{status_col}{last + 1}",
        {"type": "cell", "criteria": "==", "value": f'"{layout.STATUS_BAD}"', "format": fmt.bad},
    )
    s.print_setup(header_row, cols.count - 1, None)
    _write_units(wb, fmt)
    wb.close()
