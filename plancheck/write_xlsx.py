"""The checked budget as an Excel workbook: live formulas that also store their values,
laid out to be printed and signed.

Writer: XlsxWriter, not openpyxl. openpyxl always writes an empty value beside a formula,
so every viewer that does not recalculate (pandas, file previews, mail viewers) shows
nothing or 0; XlsxWriter stores the value we give (``write_formula(..., value=)``) and
streams rows with constant memory. Numbers are handed over as ``Decimal`` (written with
Decimal's own formatting, never through float), formula results as exact text.

This module lays out what ``table.build_table`` and ``projection.project`` computed: the
figures, each row's status and the verdict. A status is written as a live formula when
that formula gives the projection's status, and as a fixed value otherwise (a finding no
formula can see, such as a stale stored value).

Printing: LibreOffice does not grow row heights for wrapped text in a workbook written by
XlsxWriter, so every row with wrapped text gets a height here; every sheet is set up for
A4 (landscape where wide), one page wide, with its header repeated.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.utility import xl_col_to_name, xl_rowcol_to_cell
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import (
    CellBlankTuple,
    CellFormulaTuple,
    CellNumberTuple,
    CellStringTuple,
    Worksheet,
    _utf16_len,
    _utf16_truncate,
)

from budget import layout, messages
from budget.findings import Finding
from budget.layout import WORKBOOK_OPTIONS
from budget.model import DocumentInfo
from budget.numbers import plain, read_number, round_to
from budget.plan_table import BudgetTable, LineRow, too_precise
from budget.units import Money, money_scales, suggested_units
from indicators.extract import Extracted
from indicators.write_targets import HEADERS as TARGET_HEADERS
from indicators.write_targets import row_of as target_row
from plancheck.projection import Projection, Status, VerdictKind
from plancheck.xlsx_rows import row_xml

_RISKY_START = ("=", "+", "-", "@", "\t", "\r", "\n")
_MAX_TEXT = 32_767
_FONT = {"font_name": "Arial", "font_size": 10}
_LINE_HEIGHT = 13.5  # points per line of 10-point text (taller fallback fonts included)
_MAX_HEIGHT = 409  # Excel's largest row height
_CHARS_PER_WIDTH = 1.1  # characters of 10-point text per unit of column width, conservatively
_EXCEL_ROWS = 1_048_576


@dataclass(frozen=True)
class Provenance:
    """Where the data came from, for the ``Nguồn`` sheet."""

    file: str
    sha256: str
    checked_at: str  # ISO date and time
    tool: str  # "budget 0.1.0"


class StoredNumber:
    """A formula's stored value as XlsxWriter wants it: not a ``str`` (that would mark the
    cell as text), formatted exactly from Decimal rather than through float."""

    __slots__ = ("text",)

    def __init__(self, value: Decimal):
        self.text = plain(value)

    def __str__(self) -> str:
        return self.text

    def __format__(self, spec: str) -> str:
        return self.text


class _EmptyText(str):
    """A formula's stored result that is the empty text (``IF(...,"",...)``), typed as text.

    XlsxWriter writes a plain ``""`` result untyped (to make some programs recalculate),
    which the reader rightly reports as a formula without a stored value; this one compares
    unequal to ``""`` so XlsxWriter marks it ``t="str"``: computed, and empty.
    """

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        return False

    def __ne__(self, other: object) -> bool:
        return True

    __hash__ = str.__hash__


EMPTY = _EmptyText("")


def _stored_formula(formula: str) -> str:
    """A formula as the file stores it: without its leading ``=``."""
    return formula[1:] if formula.startswith("=") else formula


class _Worksheet(Worksheet):  # type: ignore[misc]
    """XlsxWriter's worksheet without its formula rewriting.

    For every formula XlsxWriter runs some thirty ``re.sub`` calls that add ``_xlfn.``
    prefixes to Excel 365 functions; our formulas use none of them (SUM, PRODUCT, ROUND,
    IF, COUNT, COUNTIF, OR, AND, MOD, IFERROR, VLOOKUP, TRIM, LEFT, FIND), and the rewriting
    was most of the time spent writing a large budget. Only the leading ``=`` is removed.
    """

    previous_row: int  # set by XlsxWriter: the row being filled in constant memory

    def _prepare_formula(self, formula: str, expand_future_functions: bool = False) -> str:
        return _stored_formula(formula)

    def _write_formula(self, row: int, col: int, formula: str, cell_format: Any = None, value: Any = 0) -> int:
        """XlsxWriter's ``_write_formula`` without its search for dynamic-array functions
        (FILTER, SORT, XLOOKUP ...): ours use none (a test holds them to it), and searching
        every formula of a large sheet took a tenth of writing it."""
        if self._check_dimensions(row, col):
            return -1
        if not formula or (formula.startswith("{") and formula.endswith("}")):
            return int(super()._write_formula(row, col, formula, cell_format, value))
        formula = self._prepare_formula(formula)
        if self.constant_memory and row > self.previous_row:
            self._write_single_row(row)
        self.table[row][col] = CellFormulaTuple(formula, cell_format, value)
        return 0

    def put_row(self, row: int, cells: dict[int, Any]) -> None:
        """A row's cells, made by ``_Sheet``'s ``*_cell`` methods, stored at once: what
        ``write_string``/``write_number``/``write_formula`` do for each cell (bounds, the
        sheet's dimensions, streaming the previous row) done once for the row. On a large
        budget those per-cell calls cost more than building the cells themselves."""
        if not cells:
            return
        low, high = min(cells), max(cells)
        if self._check_dimensions(row, low) or self._check_dimensions(row, high):
            raise ValueError(f"row {row} of sheet {self.name} is outside the sheet or already written")
        if self.constant_memory and row > self.previous_row:
            self._write_single_row(row)
        self.table[row].update(cells)

    def _write_single_row(self, current_row_num: int = 0) -> None:
        """XlsxWriter's constant-memory row writer, with the row's XML built as one string
        (``xlsx_rows.row_xml``: the same bytes, a fraction of the time); rows it does not
        handle are written by XlsxWriter."""
        row = self.previous_row
        cells = self.table.get(row)
        xml = None if not cells or row in self.comments else row_xml(self, row, cells)
        if xml is None:
            super()._write_single_row(current_row_num)
            return
        self.previous_row = current_row_num
        self.fh.write(xml)
        self.table.clear()

    def set_row(self, row: int, height: float | None = None, cell_format: Any = None, options: Any = None) -> int:
        """XlsxWriter's ``set_row``, forgetting the heights of rows already streamed to the file.

        It keeps every row's height for placing images and charts (these sheets have none);
        in constant memory a row is written once the next one starts, so its height is no
        longer needed, and keeping it would make the writer's memory grow with the rows.
        """
        done = super().set_row(row, height, cell_format, options)
        if self.constant_memory:
            streamed = self.__dict__.setdefault("_sized", [])
            while streamed and streamed[0] < self.previous_row:
                old = streamed.pop(0)
                self.row_info.pop(old, None)
                self.row_sizes.pop(old, None)
            streamed.append(row)
        return int(done)


class _Workbook(xlsxwriter.Workbook):  # type: ignore[misc]
    worksheet_class = _Worksheet


def _options() -> dict[str, Any]:
    return {**WORKBOOK_OPTIONS, "default_format_properties": dict(_FONT)}


def _quote(sheet: str) -> str:
    return "'" + sheet.replace("'", "''") + "'"


def places(value: Decimal) -> int:
    """Decimals a figure has (``1,50`` has 1, ``1500`` has 0)."""
    if value == value.to_integral_value():
        return 0
    exponent = value.normalize().as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def number_format(decimals: int) -> str:
    """``#,##0`` for whole figures, exactly ``decimals`` places otherwise: never a trailing separator."""
    return "#,##0" + ("." + "0" * decimals if decimals > 0 else "")


# Shown when a live formula's result gains decimals after an edit (conditional format).
_DECIMALS_SHOWN = "#,##0.0#########"


def text_lines(text: str, width: float) -> int:
    """How many lines ``text`` takes wrapped in a column ``width`` units wide (word wrap, conservatively)."""
    per_line = max(1, int((width - 0.5) * _CHARS_PER_WIDTH))
    if len(text) <= per_line and "\n" not in text:
        return 1  # all its words fit on one line: most cells of a large sheet

    def start(word: int) -> tuple[int, int]:  # (extra lines, length on the last line) for a word on a new line
        return (word - 1) // per_line if word else 0, (word % per_line or per_line) if word else 0

    lines = 0
    for paragraph in text.split("\n"):
        count, length = 1, 0
        for word in (len(x) for x in paragraph.split(" ")):
            if length and length + 1 + word <= per_line:
                length += 1 + word
                continue
            if length:
                count += 1
            extra, length = start(word)
            count += extra
        lines += count
    return lines


def row_height(cells: Sequence[tuple[str, float]], line_height: float = _LINE_HEIGHT) -> float:
    """The height (points) that shows every wrapped text of a row: ``(text, column width)`` pairs."""
    lines = max([1, *(text_lines(text, width) for text, width in cells if text)])
    return min(_MAX_HEIGHT, math.ceil(lines * line_height + 3))


class _Formats:
    def __init__(self, wb: Workbook):
        self.wb = wb

        def fmt(**props: Any) -> Any:
            return wb.add_format({**_FONT, **props})

        self.fmt = fmt
        self.title = fmt(bold=True, font_size=13, text_wrap=True, valign="top")
        self.subtitle = fmt(italic=True, text_wrap=True, valign="top")
        self.header = fmt(bold=True, text_wrap=True, valign="vcenter", align="center", border=1, bg_color="#D9E1F2")
        self.hint = fmt(italic=True, align="center", valign="vcenter", border=1, bg_color="#FFF2CC", text_wrap=True)
        self.text = fmt(text_wrap=True, valign="top", border=1)
        self.text_quoted = fmt(text_wrap=True, valign="top", border=1, quote_prefix=True)
        self.bold_text = fmt(text_wrap=True, valign="top", border=1, bold=True)
        self.plain = fmt(text_wrap=True, valign="top")
        self.words = fmt(italic=True, text_wrap=True, valign="top")
        self.sign_title = fmt(bold=True, align="center", valign="top", text_wrap=True)
        self.sign_hint = fmt(italic=True, align="center", valign="top", text_wrap=True)
        self.sign_place = fmt(italic=True, align="center", valign="top", text_wrap=True)
        self.input_text = fmt(text_wrap=True, valign="top", border=1, bg_color="#FFF2CC")
        self.input_number = fmt(valign="top", border=1, bg_color="#FFF2CC")  # General: exact until formatted
        self.computed = fmt(valign="top", border=1, bg_color="#F2F2F2")
        self.computed_text = fmt(valign="top", border=1, bg_color="#F2F2F2", text_wrap=True)
        self.bad = wb.add_format({"bg_color": "#FFC7CE", "font_color": "#9C0006"})
        self.inner = wb.add_format({"bg_color": "#FCE4D6"})
        self.decimals_shown = wb.add_format({"num_format": _DECIMALS_SHOWN})
        self.grouped = wb.add_format({"num_format": "#,##0"})
        verdict = {"bold": True, "font_size": 12, "text_wrap": True, "valign": "vcenter", "border": 2}
        self.verdict = {
            VerdictKind.OK: fmt(**verdict, bg_color="#C6EFCE", font_color="#006100"),
            VerdictKind.ERRORS: fmt(**verdict, bg_color="#FFC7CE", font_color="#9C0006"),
            VerdictKind.INCOMPLETE: fmt(**verdict, bg_color="#FFEB9C", font_color="#9C5700"),
            VerdictKind.NO_BUDGET: fmt(**verdict, bg_color="#FFEB9C", font_color="#9C5700"),
        }
        self._numbers: dict[tuple[int, bool], Any] = {}

    def number(self, decimals: int, bold: bool = False) -> Any:
        key = (decimals, bold)
        if key not in self._numbers:
            self._numbers[key] = self.fmt(num_format=number_format(decimals), valign="top", border=1, bold=bold)
        return self._numbers[key]

    def of(self, value: Decimal | None, bold: bool = False) -> Any:
        return self.number(0 if value is None else places(value), bold)


class _Words:
    """The workbook's words in one language, from the message table (its Vietnamese sheet names and
    headers are the words of ``layout``, by which the reader finds the sheets and columns)."""

    def __init__(self, lang: str):
        self.lang = lang

        def t(code: str, **args: object) -> str:
            return messages.render(code, args, lang)

        self.t = t

        def sheet(name: str) -> str:
            return t(f"XL.SHEET.{name}")

        self.summary = sheet(layout.SUMMARY)
        self.detail = sheet(layout.DETAIL)
        self.findings = sheet(layout.FINDINGS)
        self.sources = sheet(layout.SOURCES)
        self.units = sheet(layout.UNITS)
        self.targets = sheet("Chỉ tiêu")
        summary = t("XL.summary_headers").split("|")
        self.summary_headers, self.summary_helper = summary[:7], summary[7]
        self.finding_headers = t("XL.finding_headers").split("|")
        self.total_label = t("R.total_row")
        self.title = t("XL.title")
        self.status = {
            Status.OK: t("STATUS.ok"),
            Status.ERROR: t("STATUS.error"),
            Status.INNER: t("STATUS.inner"),
            Status.STATED: t("STATUS.stated"),
            Status.NONE: t("STATUS.none"),
        }

    def detail_headers(self, cols: layout.DetailColumns, unit: str) -> list[str]:
        names = self.t("XL.detail_headers", unit=unit).split("|")
        out = names[:4]
        for k in range(1, cols.slots + 1):
            out += [names[4].replace("{k}", str(k)), names[5].replace("{k}", str(k))]
        return out + names[6:]

    def unit_line(self, unit: str) -> str:
        return self.t("XL.unit_line", unit=unit)

    def severity(self, value: str) -> str:
        return messages.severity(value, self.lang)


class _Sheet:
    """One worksheet written row by row (constant memory needs strict row order)."""

    def __init__(self, wb: Workbook, name: str, fmt: _Formats, widths: Sequence[float]):
        self.ws: Worksheet = wb.add_worksheet(name)
        self.name = name
        self.fmt = fmt
        self.widths = list(widths)
        for col, width in enumerate(widths):
            self.ws.set_column(col, col, width)

    def width(self, first: int, last: int | None = None) -> float:
        last = first if last is None else last
        return sum(self.widths[first : last + 1]) if first < len(self.widths) else 10.0

    def height(self, row: int, cells: Sequence[tuple[str, float]], line_height: float = _LINE_HEIGHT) -> None:
        """Set the row's height when its text wraps (a one-line row keeps the default height:
        XlsxWriter remembers every height it is given, which would grow with the rows)."""
        height = row_height(cells, line_height)
        if line_height != _LINE_HEIGHT or height > row_height([], line_height):
            self.ws.set_row(row, height)

    # Cells are made here and stored a row at a time (``put``): one place decides how a text,
    # a figure or a formula is written, whatever the sheet.

    def text_cell(self, value: str, fmt: Any = None) -> Any:
        value = value if len(value) <= _MAX_TEXT else value[: _MAX_TEXT - 1] + "…"
        if len(value) > _MAX_TEXT // 2 and _utf16_len(value) > _MAX_TEXT:  # as ``write_string``
            value = _utf16_truncate(value, _MAX_TEXT)
        if value.startswith(_RISKY_START):
            fmt = self.fmt.text_quoted
        return CellStringTuple(value, fmt or self.fmt.text)

    def number_cell(self, value: Decimal | int, fmt: Any = None, bold: bool = False) -> Any:
        if isinstance(value, Decimal) and too_precise(value):
            return CellStringTuple(plain(value), self.fmt.text)  # finding XLSX_PRECISION says so
        if fmt is None:
            fmt = self.fmt.of(Decimal(value), bold)
        return CellNumberTuple(value, fmt)  # Decimal, see the module doc

    def formula_cell(self, formula: str, value: Decimal | str, fmt: Any = None) -> Any:
        formula = _stored_formula(formula)
        if isinstance(value, str):
            return CellFormulaTuple(formula, fmt or self.fmt.text, value or EMPTY)
        return CellFormulaTuple(formula, fmt or self.fmt.of(value), StoredNumber(value))

    def blank_cell(self) -> Any:
        return CellBlankTuple(self.fmt.text)

    def put(self, row: int, cells: dict[int, Any]) -> None:
        self.ws.put_row(row, cells)

    def text(self, row: int, col: int, value: str, fmt: Any = None) -> None:
        self.put(row, {col: self.text_cell(value, fmt)})

    def number(self, row: int, col: int, value: Decimal, fmt: Any = None, bold: bool = False) -> None:
        self.put(row, {col: self.number_cell(value, fmt, bold)})

    def formula(self, row: int, col: int, formula: str, value: Decimal | str, fmt: Any = None) -> None:
        self.put(row, {col: self.formula_cell(formula, value, fmt)})

    def merged(self, row: int, first: int, last: int, value: str, fmt: Any) -> None:
        value = value if len(value) <= _MAX_TEXT else value[: _MAX_TEXT - 1] + "…"
        if first == last:
            self.ws.write_string(row, first, value, fmt)
        else:
            self.ws.merge_range(row, first, row, last, value, fmt)

    def titles(self, w: _Words, info: DocumentInfo, heading: str, unit_line: str, last_col: int) -> None:
        ident = " ".join(
            x for x in (f"số {info.number}" if info.number else "", f"ngày {info.date}" if info.date else "") if x
        )
        title = f"{w.title} {('— ' + ident) if ident else ''}".strip()
        width = self.width(0, last_col)
        self.height(0, [(title, width * 0.75)], 18)
        self.merged(0, 0, last_col, title, self.fmt.title)
        subtitle = info.title or heading
        self.height(1, [(subtitle, width)])
        self.merged(1, 0, last_col, subtitle, self.fmt.subtitle)
        self.height(2, [(unit_line, width)])
        self.merged(2, 0, last_col, unit_line, self.fmt.subtitle)

    def header(self, row: int, names: Sequence[str]) -> None:
        self.height(row, [(n, self.width(i) - 1) for i, n in enumerate(names)])
        for col, name in enumerate(names):
            self.ws.write_string(row, col, name, self.fmt.header)

    def print_setup(
        self, header_row: int, last_col: int, number: str | None, landscape: bool, last_row: int | None = None
    ) -> None:
        ws = self.ws
        if landscape:
            ws.set_landscape()
        else:
            ws.set_portrait()
        ws.set_paper(9)  # A4
        ws.fit_to_pages(1, 0)  # one page wide, as many pages down as needed
        ws.repeat_rows(header_row)
        ws.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
        ws.set_header(f"&L{(number or '').replace('&', '&&')}&R&P/&N")
        ws.freeze_panes(header_row + 1, 0)
        if last_row is not None:
            ws.print_area(0, 0, last_row, last_col)


def _ref(sheet: str | None, row: int, col: int) -> str:
    cell = xl_rowcol_to_cell(row, col)
    return f"{_quote(sheet)}!{cell}" if sheet else cell


def _ranges(sheet: str | None, rows: Sequence[int], col: int) -> list[str]:
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
        out.append(f"{_quote(sheet)}!{cells}" if sheet else cells)
    return out


def _sum_of(refs: list[str]) -> str:
    return "SUM(" + ",".join(refs) + ")" if refs else "0"


class _Statuses:
    """What to write in each status cell: the status, and whether the live formula gives it.

    Read in the order the sheets are written (sections, then lines), one at a time: a list
    per line would make the writer's memory grow with the lines.
    """

    def __init__(self, table: BudgetTable, p: Projection | None):
        self.table = table
        self.p = p
        self.decimals = table.unit.exponent
        if p is not None:
            self.total = (p.total.status, p.total.status == p.total.sheet_status)
            return
        # Without a projection (the benchmark writes bare tables): what the live formulas give.
        self._sections: list[Status] = [Status.NONE] * len(table.sections)
        for i in range(len(table.sections) - 1, -1, -1):  # children come after their parents
            sec = table.sections[i]
            self._sections[i] = self._formula(sec.stated, sec.stated_sum, sec.lines, sec.sections)
        t = table.total
        self.total = (self._formula(t.stated, t.stated_sum, t.lines, t.sections), True)

    def _line(self, line: LineRow) -> Status:
        computed = round_to(line.computed, self.decimals)
        return Status.ERROR if round_to(line.stated - computed, self.decimals) != 0 else Status.OK

    def _formula(
        self, stated: Decimal | None, summed: Decimal | None, lines: Sequence[int], secs: Sequence[int]
    ) -> Status:
        if stated is not None and summed is not None and (lines or secs) and round_to(stated - summed, self.decimals):
            return Status.ERROR
        below = [self._line(self.table.lines[i]) for i in lines] + [self._sections[i] for i in secs]
        if any(c in (Status.ERROR, Status.INNER) for c in below):
            return Status.INNER
        if stated is None:
            return Status.NONE
        return Status.OK if summed is not None and (lines or secs) else Status.STATED

    def sections(self) -> Iterator[tuple[Status, bool, bool]]:
        """(status, written as a live formula, alternative breakdowns) of each section in order."""
        if self.p is not None:
            for r in self.p.rows:
                if r.kind == "section":
                    yield r.status, r.status == r.sheet_status, r.alternatives
        else:
            for i, sec in enumerate(self.table.sections):
                yield self._sections[i], True, sec.result.section.alternatives

    def lines(self) -> Iterator[tuple[Status, bool]]:
        if self.p is not None:
            for r in self.p.rows:
                if r.kind == "line":
                    yield r.status, r.status == r.sheet_status
        else:
            for line in self.table.lines:
                yield self._line(line), True


def write_workbook(
    path: Path,
    table: BudgetTable,
    findings: list[Finding],
    info: DocumentInfo,
    heading: str,
    provenance: Provenance,
    workbook: Callable[[str, dict[str, Any]], Any] | None = None,
    targets: Sequence[Extracted] = (),
    projection: Projection | None = None,
    lang: str = "vi",
) -> None:
    """Write the sheets to ``path`` (the caller makes the write safe: temp file, move).

    ``projection`` gives the statuses, the verdict and the words of the total (without it,
    as for the benchmark's bare tables, the statuses are what the formulas give).
    ``workbook`` is XlsxWriter's; the benchmark passes a recorder to replay the same cells bare.
    """
    lang = projection.lang if projection is not None else lang
    w = _Words(lang)
    wb = (workbook or _Workbook)(str(path), _options())
    fmt = _Formats(wb)
    cols = layout.DetailColumns(table.slots)
    detail_first = layout.TITLE_ROWS + 1
    statuses = _Statuses(table, projection)
    unit_line = w.unit_line(table.unit.name)
    shown = None if projection is None else {sf.index: sf for sf in projection.findings}

    _write_summary(wb, fmt, w, table, cols, detail_first, info, heading, unit_line, statuses, projection)
    _write_detail(wb, fmt, w, table, cols, info, heading, unit_line, statuses)
    _write_findings(wb, fmt, w, findings, info, heading, shown)
    _write_sources(wb, fmt, w, table, provenance, detail_first, info, heading)
    if targets:
        _write_targets(wb, fmt, w, targets)  # the plan's own targets, to track
    _write_units(wb, fmt, w)
    wb.close()


def _status_refs(sheet: str | None, rows: Sequence[int], col: int, words: Sequence[str]) -> str:
    """How many of ``rows`` (in column ``col``) say one of ``words``: COUNTIF over each run."""
    refs = _ranges(sheet, rows, col)
    return "+".join(f'COUNTIF({ref},"{word}")' for ref in refs for word in words) or "0"


_BOLD_WIDTH = 0.88  # of a column's width in characters (a layout measure, no amount) that a bold line fills
# Summary columns: number, title, stated, sum as stated, sum recomputed, difference, status, helper.
_C, _D, _E, _F, _G, _H = 2, 3, 4, 5, 6, 7
_SUMMARY_WIDTHS = (7, 40, 13, 13, 13, 12, 12, 14)


def _write_summary(
    wb: Workbook,
    fmt: _Formats,
    w: _Words,
    table: BudgetTable,
    cols: layout.DetailColumns,
    detail_first: int,
    info: DocumentInfo,
    heading: str,
    unit_line: str,
    statuses: _Statuses,
    p: Projection | None,
) -> None:
    s = _Sheet(wb, w.summary, fmt, _SUMMARY_WIDTHS)
    ws = s.ws
    decimals = table.unit.exponent
    s.titles(w, info, heading, unit_line, _G)
    header_row = layout.TITLE_ROWS
    summary_first = header_row + 2  # total row, then sections
    if p is not None:  # the verdict, above the table, where the eye starts
        verdict = f"{p.verdict.headline}\n{p.verdict.detail}"
        s.height(header_row - 1, [(verdict, s.width(0, _G) * 0.8)], 16)
        s.merged(header_row - 1, 0, _G, verdict, fmt.verdict[p.verdict.kind])
    s.header(header_row, [*w.summary_headers, w.summary_helper])
    bad, inner = w.status[Status.ERROR], w.status[Status.INNER]

    def children_refs(lines: Sequence[int], sections: Sequence[int], recomputed: bool) -> list[str]:
        """Ranges over runs of consecutive rows: a SUM takes at most 255 arguments and a formula
        8.192 characters, and a section may hold thousands of lines."""
        line_col = cols.computed if recomputed else cols.stated
        refs = _ranges(w.detail, [detail_first + i for i in lines], line_col)
        refs += _ranges(None, [summary_first + i for i in sections], _E if recomputed else _H)
        return refs

    def row(
        r: int,
        number: str,
        title: str,
        stated: Decimal | None,
        stated_sum: Decimal | None,
        recomputed: Decimal | None,
        lines: Sequence[int],
        sections: Sequence[int],
        bold: bool,
        status: tuple[Status, bool],
        alternatives: bool,
        slack: Decimal = Decimal(0),
    ) -> None:
        # bold letters are about a tenth wider: a bold title wraps sooner than its width says
        narrow = _BOLD_WIDTH if bold else 1.0
        s.height(r, [(number, s.width(0) * narrow), (title, s.width(1) * narrow)])
        s.text(r, 0, number, fmt.bold_text if bold else None)
        s.text(r, 1, title, fmt.bold_text if bold else None)
        if stated is not None:
            s.number(r, _C, stated, bold=bold)
        else:
            ws.write_blank(r, _C, None, fmt.number(0, bold))
        summed = (lines or sections) and not alternatives
        if summed:
            value = stated_sum or Decimal(0)
            s.formula(r, _D, _sum_of(children_refs(lines, sections, False)), value, fmt.of(value, bold))
            value = recomputed or Decimal(0)
            s.formula(r, _E, _sum_of(children_refs(lines, sections, True)), value, fmt.of(value, bold))
        elif stated is not None and not alternatives:  # a lump sum: nothing to add, its recomputed figure is its own
            ws.write_blank(r, _D, None, fmt.number(0, bold))
            s.formula(r, _E, _ref(None, r, _C), stated, fmt.of(stated, bold))
        else:  # nothing inside (or breakdowns that are not added): no sum at all, not a sum of zero
            ws.write_blank(r, _D, None, fmt.number(0, bold))
            ws.write_blank(r, _E, None, fmt.number(0, bold))
        c, d = _ref(None, r, _C), _ref(None, r, _D)
        diff: Decimal | None = None if stated is None or not summed else stated - (stated_sum or Decimal(0))
        difference = f'IF(OR({c}="",{d}=""),"",ROUND({c}-{d},{decimals}))'
        ws.write_formula(r, _F, difference, fmt.of(diff, bold), EMPTY if diff is None else StoredNumber(diff))
        word, live = status
        if live:
            # a difference the rounding of the figures explains is no error (the check says so)
            gap = f"ROUND(N({c})-N({d}),{decimals})"
            wrong = f"{gap}<>0" if not slack else f"ABS({gap})>{plain(slack)}"
            own_bad = f'AND({c}<>"",{d}<>"",{wrong})'
            below = (
                "+".join(
                    x
                    for x in (
                        _status_refs(w.detail, [detail_first + i for i in lines], cols.status, [bad]),
                        _status_refs(None, [summary_first + i for i in sections], _G, [bad, inner]),
                    )
                    if x != "0"
                )
                or "0"
            )
            formula = (
                f'IF({own_bad},"{bad}",IF({below}>0,"{inner}",'
                f'IF({c}="","{w.status[Status.NONE]}",IF({d}="","{w.status[Status.STATED]}","{w.status[Status.OK]}"))))'
            )
            s.formula(r, _G, formula, w.status[word], fmt.bold_text if bold else fmt.text)
        else:
            s.text(r, _G, w.status[word], fmt.bold_text if bold else fmt.text)
        effective = stated if stated is not None else stated_sum
        s.formula(r, _H, f'IF({c}="",N({d}),{c})', effective or Decimal(0), fmt.of(effective))

    t = table.total
    total_row = header_row + 1
    row(total_row, "", w.total_label, t.stated, t.stated_sum, t.recomputed_sum, t.lines, t.sections, True,
        statuses.total, False, t.slack)  # fmt: skip
    for i, (sec, (word, live, alternatives)) in enumerate(zip(table.sections, statuses.sections(), strict=True)):
        title = ("    " * sec.depth) + sec.result.section.title
        row(summary_first + i, sec.result.section.number, title, sec.stated, sec.stated_sum, sec.recomputed_sum,
            sec.lines, sec.sections, sec.depth == 0, (word, live), alternatives, sec.slack)  # fmt: skip
    last = summary_first + len(table.sections) - 1 if table.sections else total_row
    first_data = total_row
    # errors and errors inside, whole row; a live figure that gains decimals shows them
    g = xl_col_to_name(_G)
    area = f"A{first_data + 1}:{g}{last + 1}"
    ws.conditional_format(area, {"type": "formula", "criteria": f'=${g}{first_data + 1}="{bad}"', "format": fmt.bad})
    ws.conditional_format(
        area, {"type": "formula", "criteria": f'=${g}{first_data + 1}="{inner}"', "format": fmt.inner}
    )
    numbers = f"C{first_data + 1}:F{last + 1}"
    ws.conditional_format(
        numbers,
        {"type": "formula", "criteria": f"=AND(ISNUMBER(C{first_data + 1}),MOD(C{first_data + 1},1)<>0)",
         "format": fmt.decimals_shown},
    )  # fmt: skip
    end = _summary_footer(s, fmt, w, last + 2, info, p)
    s.print_setup(header_row, _G, info.number, landscape=False, last_row=end)


def _summary_footer(s: _Sheet, fmt: _Formats, w: _Words, r: int, info: DocumentInfo, p: Projection | None) -> int:
    """Under the table: the grand total in words, then the signature block. Columns A and C stay
    empty (the reader takes A for section numbers and C for stated amounts)."""
    if p is not None and p.total_words:
        words = w.t("XL.words", words=p.total_words)
        s.height(r, [(words, s.width(1, 6))])
        s.merged(r, 1, 6, words, fmt.words)
        r += 2
    place = (info.place or "").strip() or "......"
    s.merged(r, 5, 6, w.t("SIGN.place_date", place=place), fmt.sign_place)
    s.height(r, [(w.t("SIGN.place_date", place=place), s.width(5, 6))])
    r += 1
    titles = ((1, 1, "SIGN.preparer", "SIGN.hint"), (3, 4, "SIGN.accountant", "SIGN.hint"),
              (5, 6, "SIGN.head", "SIGN.hint_seal"))  # fmt: skip
    s.height(r, [(w.t(code), s.width(a, b)) for a, b, code, _ in titles])
    for a, b, code, _ in titles:
        s.merged(r, a, b, w.t(code), fmt.sign_title)
    r += 1
    s.height(r, [(w.t(hint), s.width(a, b)) for a, b, _, hint in titles])
    for a, b, _, hint in titles:
        s.merged(r, a, b, w.t(hint), fmt.sign_hint)
    r += 5  # room to sign
    s.ws.write_blank(r, 1, None)
    return r


# Chi tiết: narrow enough to print one page wide on A4 landscape at a readable size.
def _detail_widths(cols: layout.DetailColumns) -> list[float]:
    widths = [4.0, 5.0, 6.0, 28.0]
    for _ in range(cols.slots):
        widths += [8.0, 10.0]
    return [*widths, 8.0, 12.0, 12.0, 10.0, 8.0]


def _write_detail(
    wb: Workbook,
    fmt: _Formats,
    w: _Words,
    table: BudgetTable,
    cols: layout.DetailColumns,
    info: DocumentInfo,
    heading: str,
    unit_line: str,
    statuses: _Statuses,
) -> None:
    s = _Sheet(wb, w.detail, fmt, _detail_widths(cols))
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


def _unit_lookup(unit_cell: str, units: str) -> str:
    """Money scale (power of ten of đồng) of the unit written in ``unit_cell``, 0 if none."""
    head = f'TRIM(LEFT({unit_cell},FIND("/",{unit_cell}&"/")-1))'
    return f"IFERROR(VLOOKUP({head},{_quote(units)}!$A$2:$B$100,2,FALSE),0)"


def _formulas(r: int, cols: layout.DetailColumns, decimals: int, unit_exponent: int, units: str) -> dict[str, str]:
    """The live formulas of one ``Chi tiết`` row: coefficient, amount, difference, status.
    A row with no factor shows nothing (not a coefficient of 0,000001 on every empty row)."""
    values = ",".join(xl_rowcol_to_cell(r, cols.value(k)) for k in range(cols.slots))
    scales = "+".join(_unit_lookup(xl_rowcol_to_cell(r, cols.unit(k)), units) for k in range(cols.slots))
    coefficient = xl_rowcol_to_cell(r, cols.coefficient)
    computed = xl_rowcol_to_cell(r, cols.computed)
    stated = xl_rowcol_to_cell(r, cols.stated)
    both_blank = f'OR({computed}="",{stated}="")'
    return {
        "coefficient": f'IF(COUNT({values})=0,"",10^({scales}-{unit_exponent}))',
        "computed": f'IF(COUNT({values})=0,"",ROUND(PRODUCT({values},{coefficient}),{decimals}))',
        "difference": f'IF({both_blank},"",ROUND({stated}-{computed},{decimals}))',
    }


def _line_status_formula(r: int, cols: layout.DetailColumns, decimals: int, w: _Words) -> str:
    computed = xl_rowcol_to_cell(r, cols.computed)
    stated = xl_rowcol_to_cell(r, cols.stated)
    ok, bad = w.status[Status.OK], w.status[Status.ERROR]
    return f'IF(OR({computed}="",{stated}=""),"",IF(ROUND({stated}-{computed},{decimals})<>0,"{bad}","{ok}"))'


def _detail_row(
    s: _Sheet,
    w: _Words,
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
    f = _formulas(r, cols, decimals, unit_exponent, w.units)
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
        cells[cols.status] = s.formula_cell(_line_status_formula(r, cols, decimals, w), w.status[word])
    else:
        cells[cols.status] = s.text_cell(w.status[word])
    s.put(r, cells)


def _write_units(wb: Workbook, fmt: _Formats, w: _Words) -> None:
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


_FINDING_WIDTHS = (21, 8, 18, 11, 11, 11, 10, 42, 34)


def _write_findings(
    wb: Workbook,
    fmt: _Formats,
    w: _Words,
    findings: list[Finding],
    info: DocumentInfo,
    heading: str,
    shown: dict[int, Any] | None,
) -> None:
    s = _Sheet(wb, w.findings, fmt, _FINDING_WIDTHS)
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


def _write_sources(
    wb: Workbook,
    fmt: _Formats,
    w: _Words,
    table: BudgetTable,
    provenance: Provenance,
    detail_first: int,
    info: DocumentInfo,
    heading: str,
) -> None:
    s = _Sheet(wb, w.sources, fmt, (20, 24, 90))
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
        link = _ref(w.detail, detail_first + i, 0)
        s.put(r, {0: s.text_cell(link), 1: s.text_cell(where), 2: s.text_cell(source.text)})
    s.print_setup(header_row, 2, info.number, landscape=True, last_row=r)


_TARGET_WIDTHS = (14, 36, 9, 9, 9, 8, 8, 6, 10, 10, 16, 8, 24)


def _write_targets(wb: Workbook, fmt: _Formats, w: _Words, targets: Sequence[Extracted]) -> None:
    """Sheet ``Chỉ tiêu``: the targets table (``indicators``' columns, header on the first row so
    ``indicators check`` reads it), laid out to print."""
    s = _Sheet(wb, w.targets, fmt, _TARGET_WIDTHS)
    s.header(0, TARGET_HEADERS)
    for r, e in enumerate(targets, 1):
        values = target_row(e)
        s.height(r, [(v, s.width(c)) for c, v in enumerate(values)])
        for col, value in enumerate(values):
            s.text(r, col, value)
    s.print_setup(0, len(TARGET_HEADERS) - 1, None, landscape=True, last_row=len(targets))


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
    w = _Words("vi")
    wb = _Workbook(str(path), _options())
    fmt = _Formats(wb)
    cols = layout.DetailColumns(4)
    info = DocumentInfo(title=w.t("XL.template_title"))
    help_line = w.t("XL.template_help", unit=unit.name)
    header_row = layout.TITLE_ROWS
    first, last = header_row + 1, header_row + rows

    summary = _Sheet(wb, w.summary, fmt, _SUMMARY_WIDTHS)
    summary.titles(w, info, "", help_line, _G)
    summary.header(header_row, w.summary_headers)
    r = header_row + 1

    def whole_column(col: int) -> str:
        top, bottom = xl_rowcol_to_cell(first, col), xl_rowcol_to_cell(_EXCEL_ROWS - 1, col)
        return f"{_quote(w.detail)}!{top}:{bottom}"

    summary.text(r, 1, w.total_label, fmt.bold_text)
    summary.ws.write_blank(r, _C, None, fmt.number(0, True))
    example = Decimal(_EXAMPLE[3])
    summary.formula(r, _D, f"SUM({whole_column(cols.stated)})", example, fmt.number(0, True))
    summary.formula(r, _E, f"SUM({whole_column(cols.computed)})", example, fmt.number(0, True))
    c, d = xl_rowcol_to_cell(r, _C), xl_rowcol_to_cell(r, _D)
    summary.ws.write_formula(r, _F, f'IF(OR({c}="",{d}=""),"",ROUND({c}-{d},{decimals}))', fmt.number(0, True), EMPTY)
    ok, bad, none = w.status[Status.OK], w.status[Status.ERROR], w.status[Status.NONE]
    summary.formula(r, _G, f'IF({c}="","{none}",IF(ROUND({c}-{d},{decimals})<>0,"{bad}","{ok}"))', none, fmt.bold_text)
    end = _summary_footer(summary, fmt, w, r + 2, info, None)
    summary.print_setup(header_row, _G, None, landscape=False, last_row=end)

    widths = _detail_widths(cols)
    for k in range(cols.slots):
        widths[cols.unit(k)] = 14
    s = _Sheet(wb, w.detail, fmt, widths)
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
        f = _formulas(r, cols, decimals, unit.exponent, w.units)
        status = _line_status_formula(r, cols, decimals, w)
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
    units_list = f"={_quote(w.units)}!$D$2:$D${len(suggested_units()) + 1}"
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
    _write_units(wb, fmt, w)
    wb.close()
