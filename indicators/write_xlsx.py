"""Indicator results → a workbook officers print and hand on: sheet ``Chỉ tiêu`` (statuses
in the colours their words say), ``Số liệu cần xem lại`` (every finding on the data, next
door to the verdicts it qualifies), ``Biểu đồ`` (a native line chart per target with a
deadline or a history, on its own sheet), ``Xếp hạng`` and the charts' figures.

Every sheet prints on A4 landscape, one page wide, its header repeated on every page and
frozen on screen; rows are as tall as their wrapped text (LibreOffice does not grow them).
Lays out what the views hold; computes nothing. XlsxWriter, as for the budget workbook."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import xlsxwriter

from budget.findings import Finding
from budget.layout import WORKBOOK_OPTIONS, number_format, places, row_height
from budget.messages import SEVERITY
from budget.numbers import plain
from budget.plan_table import too_precise
from indicators.api import IndicatorReport
from indicators.evaluate import Status
from indicators.view import (
    CONTRIBUTION_TEXT,
    PACE_TEXT,
    STATUS_TEXT,
    ChartLine,
    ChartView,
    RowView,
    TargetView,
    Tone,
    chart_of,
    describe_bounds,
    rounded,
    status_text,
)

SHEET = "Chỉ tiêu"
FINDINGS = "Số liệu cần xem lại"
CHARTS = "Biểu đồ"
CHART_DATA = "Số liệu biểu đồ"
SCORECARD = "Xếp hạng"
SOURCE_WORD = "Nguồn"
YEAR = -1  # the decimals of a year: a plain number, no thousands separator
HEADER_ROW = 2  # 0-based: the title, the line on the data's findings, then the header
# (header, width): 175 units, printed one page wide at about 85% (a 10-point text at 8,5 points)
COLUMNS: tuple[tuple[str, float], ...] = (
    ("Mã", 13),
    ("Chỉ tiêu (nguồn)", 30),
    ("Mức cần đạt", 16),
    ("Hạn", 6),
    ("Năm", 6),
    ("Phạm vi", 13),
    ("Phần", 8),
    ("Giá trị", 9),
    ("Trạng thái", 17),
    ("Cần thêm (+) / giảm (−)", 11),
    ("Đơn vị", 10),
    ("Lộ trình", 12),
    ("Đơn vị báo cáo", 7),
    ("Cần mỗi năm từ nay", 8),
    ("Dự báo đến hạn (tuyến tính)", 9),
)
HEADERS = [name for name, _ in COLUMNS]
SCORE_COLUMNS: tuple[tuple[str, float], ...] = (
    ("Mã", 15),
    ("Chỉ tiêu", 30),
    ("Hạng", 6),
    ("Phạm vi", 18),
    ("Giá trị", 10),
    ("Cách mức chỉ tiêu", 11),
    ("Cần thêm (+) / giảm (−)", 13),
    ("Đơn vị", 10),
    ("Trạng thái", 24),
    ("Lộ trình", 14),
)
SCORE_HEADERS = [name for name, _ in SCORE_COLUMNS]
FINDING_COLUMNS: tuple[tuple[str, float], ...] = (
    ("Mã", 24),
    ("Mức độ", 9),
    ("Tệp", 22),
    ("Ô / dòng", 16),
    ("Nội dung", 80),
)
CHART_COLUMNS: tuple[tuple[str, float], ...] = (("Năm", 8), *((("", 18),) * 6))
FONT = {"font_name": "Arial", "font_size": 10}
TONES = {  # (fill, font colour)
    Tone.MET: ("#C6EFCE", "#006100"),
    Tone.NOT_DUE: ("#FFEB9C", "#9C5700"),
    Tone.NOT_MET: ("#FFC7CE", "#9C0006"),
    Tone.NONE: ("#EDEDED", "#404040"),
}
SEVERITY_FILL = {"error": "#FFC7CE", "warning": "#FFEB9C", "info": None}
WIDTH_HEADER = "Độ rộng khoảng (cận trên − cận dưới)"  # the band's shaded part, stacked on its lower edge
ACTUAL_COLOURS = ("#2F5597", "#C55A11", "#7030A0", "#BF9000", "#00B0F0", "#FF0066")  # a split's shares apart
CHART_SIZE = (500, 280)  # pixels: two across an A4 landscape page, two down (with the title, at full size)
CHART_COLUMN_STEP = 8  # default columns (64 pixels) from one chart to the next across
CHART_ROW_STEP = 16  # default rows (20 pixels) from one chart to the next down
CHART_ROWS_PER_PAGE = 2


class _Formats:
    """Cell formats made once each, by their properties."""

    def __init__(self, wb: Any) -> None:
        self.wb = wb
        self._made: dict[tuple[tuple[str, object], ...], Any] = {}

    def __call__(self, **props: object) -> Any:
        key = tuple(sorted(props.items()))
        if key not in self._made:
            self._made[key] = self.wb.add_format({**FONT, **props})
        return self._made[key]

    def cell(self, first: bool = False, **props: object) -> Any:
        """A bordered table cell, top-aligned; ``first``: the first row of a target's block."""
        return self(border=1, valign="top", text_wrap=True, **({"top": 2} if first else {}), **props)

    def title(self) -> Any:
        return self(bold=True, font_size=13)

    def header(self) -> Any:
        return self(bold=True, text_wrap=True, border=1, bg_color="#D9E1F2", valign="vcenter", align="center")


def write_targets_workbook(path: Path, report: IndicatorReport) -> None:
    wb = xlsxwriter.Workbook(str(path), {**WORKBOOK_OPTIONS, "constant_memory": False})
    fmt = _Formats(wb)
    _targets_sheet(wb, fmt, report)
    _findings_sheet(wb, fmt, report.findings)
    charts = [(v, c) for v in report.views if (c := chart_of(v)) is not None]
    sheet = wb.add_worksheet(CHARTS) if charts else None
    _scorecard(wb, fmt, report)
    if sheet is not None:  # the charts' figures last: what a reader turns to least
        _charts(wb, fmt, sheet, charts)
    wb.close()


def _print_setup(ws: Any, columns: Sequence[tuple[str, float]], header_row: int | None, freeze_col: int = 0) -> None:
    """A4 landscape, one page wide and as many down as the rows need, the header on every page."""
    for col, (_, width) in enumerate(columns):
        ws.set_column(col, col, width)
    if header_row is not None:
        ws.set_row(header_row, row_height([(n, w) for n, w in columns]))
        ws.freeze_panes(header_row + 1, freeze_col)
        ws.repeat_rows(header_row)
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.set_margins(left=0.3, right=0.3, top=0.5, bottom=0.5)
    ws.fit_to_pages(1, 0)
    ws.set_footer("&CTrang &P/&N")


def _header(ws: Any, fmt: _Formats, row: int, names: Sequence[str]) -> None:
    for col, name in enumerate(names):
        ws.write_string(row, col, name, fmt.header())


def findings_line(findings: Sequence[Finding]) -> str:
    """The line under the title of ``Chỉ tiêu``: what the data's findings are and where to read them."""
    if not findings:
        return "Số liệu: không có điều gì cần xem lại."
    counts = [(sum(1 for f in findings if f.severity.value == s), SEVERITY[s]) for s in ("error", "warning", "info")]
    said = ", ".join(f"{n} {word}" for n, word in counts if n)
    return f"Số liệu có {said}: xem sheet “{FINDINGS}” trước khi dùng các kết quả dưới đây."


# --- the targets ------------------------------------------------------------------------------


def _targets_sheet(wb: Any, fmt: _Formats, report: IndicatorReport) -> None:
    ws = wb.add_worksheet(SHEET)
    ws.write_string(0, 0, "ĐÁNH GIÁ THỰC HIỆN CHỈ TIÊU", fmt.title())
    worst = any(f.is_error for f in report.findings)
    warn = fmt(bold=True, font_color="#9C0006") if worst else fmt(bold=bool(report.findings), italic=True)
    ws.write_string(1, 0, findings_line(report.findings), warn)
    _header(ws, fmt, HEADER_ROW, HEADERS)
    _print_setup(ws, COLUMNS, HEADER_ROW, 2)
    r = HEADER_ROW + 1
    for v in report.views:
        rows = ([v.aggregate] if v.aggregate else []) + list(v.units)
        if not rows:
            _row(ws, fmt, r, v, None, None, True)
            r += 1
        first = True
        for row in rows:
            for i in range(len(row.parts)):
                _row(ws, fmt, r, v, row, i, first)
                first = False
                r += 1


def _row(ws: Any, fmt: _Formats, r: int, v: TargetView, row: RowView | None, part: int | None,
         first: bool) -> None:  # fmt: skip
    """One row of a target's block; its name, source, level and deadline on the block's first row."""
    t = v.target
    lead = row is not None and row.unit == ""
    cells: dict[int, str] = {0: t.id}
    numbers: dict[int, tuple[Decimal | None, int | None]] = {}
    styles = {0: fmt.cell(first, bold=True)} if lead or row is None else {}
    if first:
        cells.update({1: t.name + (f"\n{SOURCE_WORD}: {t.reference}" if t.reference else ""), 2: describe_bounds(t)})
        numbers[3] = (Decimal(t.deadline) if t.deadline else None, YEAR)
    if row is None or part is None:
        cells[8] = STATUS_TEXT[Status.NO_DATA]
        styles[8] = _tone(fmt, Tone.NONE, first)
    else:
        p = row.parts[part]
        decimals = 2 if t.is_percent or t.is_ratio else 0
        contribution = t.for_the_whole and not lead
        cells.update({5: row.unit or "Toàn bộ", 6: p.label if len(row.parts) > 1 else "", 10: t.measure_unit or t.unit})
        cells[8] = CONTRIBUTION_TEXT if contribution else p.word or status_text(t, p.status)
        styles[8] = fmt.cell(first) if contribution else _tone(fmt, p.tone, first)
        if lead:
            styles[5] = fmt.cell(first, bold=True)
        numbers.update({4: (Decimal(row.year), YEAR), 7: (rounded(p.value, decimals), decimals)})
        if p.gap is not None and p.gap.required and not contribution:  # above a range: nothing to add or reduce
            numbers[9] = (p.gap.amount if p.gap.direction > 0 else p.gap.amount.copy_negate(), None)
        tr = v.trajectory if lead else row.trajectory
        if tr is not None:
            cells[11] = PACE_TEXT[tr.pace] if tr.pace is not None else f"đã đến hạn {tr.deadline}"
            if tr.remaining is not None and not tr.met:
                numbers[13] = (rounded(tr.remaining), 2)
            if tr.linear_projection is not None:
                numbers[14] = (rounded(tr.linear_projection), 2)
        if row.coverage is not None:
            cells[12] = f"{row.coverage[0]}/{row.coverage[1]}"
    for col in range(len(COLUMNS)):
        if col in numbers:
            _number(ws, fmt, r, col, *numbers[col], first)
        elif col == 1 and first:
            _name(ws, fmt, r, t.name, t.reference)
        elif col in cells:
            ws.write_string(r, col, cells[col], styles.get(col, fmt.cell(first)))
        else:
            ws.write_blank(r, col, None, fmt.cell(first))  # bordered like the others
    ws.set_row(r, row_height([(value, COLUMNS[col][1]) for col, value in cells.items()]))


def _name(ws: Any, fmt: _Formats, r: int, name: str, reference: str) -> None:
    """The target's name in bold, its source under it (a block's first row)."""
    style = fmt.cell(True)
    if reference:
        ws.write_rich_string(r, 1, fmt(bold=True), name, fmt(italic=True), f"\n{SOURCE_WORD}: {reference}", style)
    else:
        ws.write_string(r, 1, name, fmt.cell(True, bold=True))


def _tone(fmt: _Formats, tone: Tone, first: bool) -> Any:
    fill, colour = TONES[tone]
    return fmt.cell(first, bg_color=fill, font_color=colour)


def _number(ws: Any, fmt: _Formats, r: int, c: int, value: Decimal | None, decimals: int | None = None,
            first: bool = False) -> None:  # fmt: skip
    """A number Excel keeps exactly (15 significant digits) as a number, any other as text;
    ``decimals`` shown (by default the places it has: whole figures with no separator; ``YEAR``: none)."""
    if value is None:
        ws.write_blank(r, c, None, fmt.cell(first))
    elif too_precise(value):
        ws.write_string(r, c, plain(value), fmt.cell(first, align="right"))
    elif decimals == YEAR:
        ws.write_number(r, c, value, fmt.cell(first, num_format="0"))
    else:
        shown = places(value) if decimals is None else decimals
        ws.write_number(r, c, value, fmt.cell(first, num_format=number_format(shown)))


# --- the data's findings ----------------------------------------------------------------------


def _findings_sheet(wb: Any, fmt: _Formats, findings: Sequence[Finding]) -> None:
    """Every finding of the report: its code, severity, place (file, then cell or line) and message."""
    ws = wb.add_worksheet(FINDINGS)
    ws.write_string(0, 0, "SỐ LIỆU CẦN XEM LẠI", fmt.title())
    said = f"{len(findings)} điều cần xem lại" if findings else "Không có điều gì cần xem lại."
    ws.write_string(1, 0, said, fmt(italic=True))
    _header(ws, fmt, HEADER_ROW, [name for name, _ in FINDING_COLUMNS])
    _print_setup(ws, FINDING_COLUMNS, HEADER_ROW, 0)
    for r, f in enumerate(findings, HEADER_ROW + 1):
        message = f.message
        if f.cause is not None:
            where = f" ({f.cause.source})" if f.cause.source is not None else ""
            message += f" → {f.cause.message}{where}"
        cells = [f.code, SEVERITY[f.severity.value], f.source.file, place(f), message]
        fill = SEVERITY_FILL[f.severity.value]
        for col, value in enumerate(cells):
            style = fmt.cell(bg_color=fill) if col == 1 and fill else fmt.cell()
            ws.write_string(r, col, value, style)
        ws.set_row(r, row_height(list(zip(cells, (w for _, w in FINDING_COLUMNS), strict=True))))


def place(f: Finding) -> str:
    """Where in its file a finding is: ``Sheet!B7``, ``dòng 3, cột 5`` or ``dòng 3``; empty for the whole file."""
    s = f.source
    if s.cell is not None:
        return s.cell
    if s.line is None:
        return ""
    return f"dòng {s.line}" + (f", cột {s.col}" if s.col is not None else "")


# --- charts -----------------------------------------------------------------------------------


def _charts(wb: Any, fmt: _Formats, sheet: Any, charts: Sequence[tuple[TargetView, ChartView]]) -> None:
    """One chart per target on ``sheet`` (``Biểu đồ``), two across and two down a printed page,
    none over another; their figures on ``Số liệu biểu đồ``, a block per target."""
    sheet.write_string(0, 0, "BIỂU ĐỒ THỰC HIỆN CHỈ TIÊU", fmt.title())
    data = wb.add_worksheet(CHART_DATA)
    data.write_string(0, 0, "SỐ LIỆU CÁC BIỂU ĐỒ", fmt.title())
    _print_setup(data, CHART_COLUMNS, None)
    row = 2
    for k, (v, c) in enumerate(charts):
        row, chart = _chart(wb, fmt, data, row, v, c)
        down, across = divmod(k, 2)
        sheet.insert_chart(2 + down * CHART_ROW_STEP, across * CHART_COLUMN_STEP, chart)
    down = (len(charts) + 1) // 2
    # a page break before every third row of charts: one page wide by as many tall as needed
    # keeps horizontal page breaks (fitted to a number of pages tall, they would be ignored)
    breaks = [2 + n * CHART_ROW_STEP for n in range(CHART_ROWS_PER_PAGE, down, CHART_ROWS_PER_PAGE)]
    if breaks:
        sheet.set_h_pagebreaks(breaks)
    sheet.set_landscape()
    sheet.set_paper(9)
    sheet.set_margins(left=0.3, right=0.3, top=0.5, bottom=0.5)
    sheet.fit_to_pages(1, 0)
    sheet.print_area(0, 0, 1 + down * CHART_ROW_STEP, 2 * CHART_COLUMN_STEP - 1)
    sheet.set_footer("&CTrang &P/&N")


def _chart(wb: Any, fmt: _Formats, data: Any, row: int, v: TargetView, c: ChartView) -> tuple[int, Any]:
    """The block of one target on ``Số liệu biểu đồ`` (title, header, a row a year) and its chart:
    the observed values up to the as-of year only, the bounds (a range as a shaded band, stacked
    on its lower edge), the path from the base year to the deadline."""
    t = v.target
    data.write_string(row, 0, f"{t.id}: {t.name}", fmt(bold=True))
    width = [c.width] if c.width is not None else []
    lines = [*c.actual, *c.bounds, *width, *([c.path] if c.path is not None else [])]
    names = ["Năm", *(f"{line.name} ({c.units_note})" for line in c.actual), *(line.name for line in c.bounds)]
    names += [WIDTH_HEADER] * len(width) + ([c.path.name] if c.path is not None else [])
    _header(data, fmt, row + 1, names)
    data.set_row(row + 1, row_height([(n, CHART_COLUMNS[1][1]) for n in names]))
    first = row + 2
    for i, year in enumerate(c.years):
        data.write_number(first + i, 0, year, fmt.cell(num_format="0"))
        for col, line in enumerate(lines, 1):
            _number(data, fmt, first + i, col, rounded(line.values[i], 2), 2)
    last = first + len(c.years) - 1
    seen = first + c.observed - 1  # the as-of year's row: nothing observed is drawn after it
    years = [CHART_DATA, first, 0, last, 0]
    column = {id(line): col for col, line in enumerate(lines, 1)}

    def values(line: ChartLine, end: int = last) -> list[object]:
        return [CHART_DATA, first, column[id(line)], end, column[id(line)]]

    chart = wb.add_chart({"type": "line"})
    for a, colour in zip(c.actual, ACTUAL_COLOURS, strict=False):
        chart.add_series({"name": a.name, "categories": years, "values": values(a, seen),
                          "marker": {"type": "circle", "fill": {"color": colour}, "border": {"color": colour}},
                          "line": {"width": 2.25, "color": colour}})  # fmt: skip
    if c.path is not None:
        chart.add_series({"name": c.path.name, "categories": years, "values": values(c.path),
                          "line": {"color": "#7F7F7F", "dash_type": "dash", "width": 1.5}})  # fmt: skip
    if c.band and c.width is not None:  # the range as a band: its lower edge unseen, the width shaded on it
        lower = c.bounds[0]
        band = wb.add_chart({"type": "area", "subtype": "stacked"})
        band.add_series({"name": lower.name, "categories": years, "values": values(lower), "fill": {"none": True},
                         "border": {"none": True}})  # fmt: skip
        band.add_series({"name": c.width.name, "categories": years, "values": values(c.width),
                         "fill": {"color": "#C6EFCE"}, "border": {"color": "#548235"}})  # fmt: skip
        band.combine(chart)
        band.set_legend({"position": "bottom", "font": {"size": 8}, "delete_series": [0]})
        chart = band
    else:
        for b in c.bounds:
            chart.add_series({"name": b.name, "categories": years, "values": values(b),
                              "line": {"color": "#548235", "width": 2, "dash_type": "dash"}})  # fmt: skip
        chart.set_legend({"position": "bottom", "font": {"size": 8}})
    chart.set_title({"name": f"{t.id}: {t.name}"[:90], "name_font": {"size": 10, "bold": True}})
    axis: dict[str, object] = {"name": "%" if t.is_percent else t.unit, "major_gridlines": {"visible": True}}
    if c.floor is not None:
        axis["min"] = c.floor
    chart.set_y_axis(axis)
    chart.set_x_axis({"name": "Năm"})
    chart.set_size({"width": CHART_SIZE[0], "height": CHART_SIZE[1]})
    return last + 2, chart


# --- the scorecard ----------------------------------------------------------------------------


def _scorecard(wb: Any, fmt: _Formats, report: IndicatorReport) -> None:
    """Units ranked by their distance to each target, with a colour scale over the distances."""
    ws = wb.add_worksheet(SCORECARD)
    ws.write_string(0, 0, "XẾP HẠNG ĐƠN VỊ THEO KHOẢNG CÁCH ĐẾN CHỈ TIÊU", fmt.title())
    _header(ws, fmt, HEADER_ROW, SCORE_HEADERS)
    _print_setup(ws, SCORE_COLUMNS, HEADER_ROW, 4)
    r = HEADER_ROW + 1
    for v in report.views:
        first = r
        for s in v.scorecard:
            top = r == first
            text = fmt.cell(top)
            gap = None
            if s.gap is not None and s.gap.required:
                gap = s.gap.amount if s.gap.direction > 0 else s.gap.amount.copy_negate()
            cells = {0: v.target.id, 1: v.target.name if top else "", 3: s.unit,
                     7: v.target.measure_unit or v.target.unit, 8: s.word,
                     9: "" if s.pace is None else PACE_TEXT[s.pace]}  # fmt: skip
            for col, value in cells.items():
                ws.write_string(r, col, value, _tone(fmt, s.tone, top) if col == 8 else text)
            ws.write_number(r, 2, s.rank, text)
            _number(ws, fmt, r, 4, rounded(s.value, 2), 2, top)
            _number(ws, fmt, r, 5, rounded(s.distance, 2) or Decimal(0), 2, top)
            _number(ws, fmt, r, 6, gap, None, top)
            ws.set_row(r, row_height([(value, SCORE_COLUMNS[col][1]) for col, value in cells.items()]))
            r += 1
        if r > first:  # one scale per target: distances of different targets are not comparable
            ws.conditional_format(first, 5, r - 1, 5, {"type": "3_color_scale", "min_color": "#63BE7B",
                                                       "mid_color": "#FFEB84", "max_color": "#F8696B"})  # fmt: skip
