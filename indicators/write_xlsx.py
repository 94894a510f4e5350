"""Indicator results → a workbook: sheet ``Chỉ tiêu`` with status colours, and a native
Excel line chart per target with a deadline (actual values by year, the target line).
Lays out what the views hold; computes nothing. XlsxWriter, as for the budget workbook."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import xlsxwriter

from budget.layout import WORKBOOK_OPTIONS
from budget.numbers import plain
from budget.plan_table import too_precise
from indicators.api import IndicatorReport
from indicators.evaluate import Status
from indicators.view import (
    ABOVE_RANGE_TEXT,
    NOT_DUE_BEHIND,
    NOT_DUE_ON_TRACK,
    NOT_DUE_TEXT,
    PACE_TEXT,
    STATUS_TEXT,
    RowView,
    TargetView,
    describe_bounds,
    rounded,
    status_text,
)

SHEET = "Chỉ tiêu"
CHART_DATA = "Số liệu biểu đồ"
SCORECARD = "Xếp hạng"
HEADERS = ["Mã", "Chỉ tiêu", "Mức cần đạt", "Hạn", "Năm", "Phạm vi", "Phần", "Giá trị", "Trạng thái",
           "Cần thêm (+) / giảm (−)", "Đơn vị", "Lộ trình", "Nguồn", "Đơn vị báo cáo", "Cần mỗi năm từ nay",
           "Dự báo đến hạn (tuyến tính)"]  # fmt: skip
SCORE_HEADERS = ["Mã", "Chỉ tiêu", "Hạng", "Phạm vi", "Giá trị", "Cách mức chỉ tiêu", "Cần thêm (+) / giảm (−)",
                 "Đơn vị", "Trạng thái", "Lộ trình"]  # fmt: skip


def write_targets_workbook(path: Path, report: IndicatorReport) -> None:
    wb = xlsxwriter.Workbook(str(path), {**WORKBOOK_OPTIONS, "constant_memory": False})
    title = wb.add_format({"bold": True, "font_size": 14})
    header = wb.add_format({"bold": True, "text_wrap": True, "border": 1, "bg_color": "#D9E1F2", "valign": "vcenter"})
    text = wb.add_format({"text_wrap": True, "valign": "top", "border": 1})
    bold = wb.add_format({"text_wrap": True, "valign": "top", "border": 1, "bold": True})
    number = wb.add_format({"num_format": "#,##0.##", "valign": "top", "border": 1})
    good = wb.add_format({"bg_color": "#C6EFCE", "font_color": "#006100"})
    bad = wb.add_format({"bg_color": "#FFC7CE", "font_color": "#9C0006"})
    grey = wb.add_format({"bg_color": "#EDEDED"})
    amber = wb.add_format({"bg_color": "#FFEB9C", "font_color": "#9C5700"})

    ws = wb.add_worksheet(SHEET)
    ws.write_string(0, 0, "ĐÁNH GIÁ THỰC HIỆN CHỈ TIÊU", title)
    for col, name in enumerate(HEADERS):
        ws.write_string(2, col, name, header)
    for col, width in enumerate((12, 40, 22, 7, 7, 16, 14, 11, 14, 18, 12, 30, 30, 10, 12, 14)):
        ws.set_column(col, col, width)
    data = wb.add_worksheet(CHART_DATA)
    data_row = 0
    r = 3
    for v in report.views:
        rows = ([v.aggregate] if v.aggregate else []) + list(v.units)
        if not rows:
            _cells(ws, r, v, None, None, text, bold, number)
            r += 1
        for row in rows:
            for i in range(len(row.parts)):
                _cells(ws, r, v, row, i, text, bold if row.unit == "" else text, number)
                r += 1
        if v.target.deadline is not None and len(v.by_year) > 1:
            data_row = _chart(wb, ws, data, data_row, v, r)
    last = max(r, 4)
    status_range = f"I4:I{last}"
    ok_words = [STATUS_TEXT[Status.MET], ABOVE_RANGE_TEXT, PACE_TEXT[next(iter(PACE_TEXT))]]
    for word in ok_words:
        ws.conditional_format(status_range, {"type": "text", "criteria": "begins with", "value": word, "format": good})
    # before the deadline a shortfall is never red: on track green, behind amber
    ws.conditional_format(
        status_range, {"type": "cell", "criteria": "==", "value": f'"{NOT_DUE_ON_TRACK}"', "format": good}
    )
    for word in (NOT_DUE_BEHIND, NOT_DUE_TEXT):
        ws.conditional_format(status_range, {"type": "text", "criteria": "begins with", "value": word, "format": amber})
    ws.conditional_format(
        status_range,
        {"type": "cell", "criteria": "==", "value": f'"{STATUS_TEXT[Status.INSUFFICIENT]}"', "format": grey},
    )
    ws.conditional_format(
        status_range, {"type": "cell", "criteria": "==", "value": f'"{STATUS_TEXT[Status.NO_DATA]}"', "format": grey}
    )
    ws.conditional_format(status_range, {"type": "no_blanks", "format": bad})
    ws.freeze_panes(3, 2)
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(2)
    _scorecard(wb, report, header, text, number)
    wb.close()


def _scorecard(wb: Any, report: IndicatorReport, header: Any, text: Any, number: Any) -> None:
    """Units ranked by their distance to each target, with a colour scale over the distances."""
    ws = wb.add_worksheet(SCORECARD)
    ws.write_string(
        0, 0, "XẾP HẠNG ĐƠN VỊ THEO KHOẢNG CÁCH ĐẾN CHỈ TIÊU", wb.add_format({"bold": True, "font_size": 14})
    )
    for col, name in enumerate(SCORE_HEADERS):
        ws.write_string(2, col, name, header)
    for col, width in enumerate((12, 36, 6, 22, 11, 12, 18, 12, 26, 18)):
        ws.set_column(col, col, width)
    r = 3
    for v in report.views:
        first = r
        for s in v.scorecard:
            ws.write_string(r, 0, v.target.id, text)
            ws.write_string(r, 1, v.target.name, text)
            ws.write_number(r, 2, s.rank, text)
            ws.write_string(r, 3, s.unit, text)
            value = rounded(s.value, 2)
            if value is not None:
                _number(ws, r, 4, value, number, text)
            _number(ws, r, 5, rounded(s.distance, 2) or Decimal(0), number, text)
            if s.gap is not None and s.gap.required:
                signed = s.gap.amount if s.gap.direction > 0 else s.gap.amount.copy_negate()
                _number(ws, r, 6, signed, number, text)
            ws.write_string(r, 7, v.target.measure_unit or v.target.unit, text)
            ws.write_string(r, 8, s.word, text)
            ws.write_string(r, 9, "" if s.pace is None else PACE_TEXT[s.pace], text)
            r += 1
        if r > first:  # one scale per target: distances of different targets are not comparable
            ws.conditional_format(first, 5, r - 1, 5, {"type": "3_color_scale", "min_color": "#63BE7B",
                                                       "mid_color": "#FFEB84", "max_color": "#F8696B"})  # fmt: skip
    ws.freeze_panes(3, 4)
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(2)


def _cells(ws: Any, r: int, v: TargetView, row: RowView | None, part: int | None, text: Any, lead: Any,
           number: Any) -> None:  # fmt: skip
    t = v.target
    ws.write_string(r, 0, t.id, lead)
    ws.write_string(r, 1, t.name, lead)
    ws.write_string(r, 2, describe_bounds(t), text)
    if t.deadline:
        ws.write_number(r, 3, t.deadline, text)
    if row is None or part is None:
        ws.write_string(r, 8, STATUS_TEXT[Status.NO_DATA], text)
        return
    p = row.parts[part]
    ws.write_number(r, 4, row.year, text)
    ws.write_string(r, 5, row.unit or "Toàn bộ", lead)
    ws.write_string(r, 6, p.label if len(row.parts) > 1 else "", text)
    value = rounded(p.value, 2 if t.is_percent or t.is_ratio else 0)
    if value is not None:
        _number(ws, r, 7, value, number, text)
    ws.write_string(r, 8, p.word or status_text(t, p.status), text)
    if p.gap is not None and p.gap.required:  # above a range of attainment: nothing to add or reduce
        signed = p.gap.amount if p.gap.direction > 0 else p.gap.amount.copy_negate()  # exact, no context
        _number(ws, r, 9, signed, number, text)
    ws.write_string(r, 10, t.measure_unit or t.unit, text)
    tr = v.trajectory if row.unit == "" else row.trajectory
    if tr is not None:
        ws.write_string(r, 11, PACE_TEXT[tr.pace] if tr.pace is not None else f"đã đến hạn {tr.deadline}", text)
        if tr.remaining is not None and not tr.met:
            _number(ws, r, 14, rounded(tr.remaining) or Decimal(0), number, text)
        if tr.linear_projection is not None:
            _number(ws, r, 15, rounded(tr.linear_projection) or Decimal(0), number, text)
    ws.write_string(r, 12, t.reference, text)
    if row.coverage is not None:
        ws.write_string(r, 13, f"{row.coverage[0]}/{row.coverage[1]}", text)


def _number(ws: Any, r: int, c: int, value: Decimal, number: Any, text: Any) -> None:
    """A number Excel keeps exactly (15 significant digits) as a number, any other as text."""
    if too_precise(value):
        ws.write_string(r, c, plain(value), text)
    else:
        ws.write_number(r, c, value, number)  # Decimal, written by its own formatting


def _chart(wb: Any, ws: Any, data: Any, data_row: int, v: TargetView, anchor_row: int) -> int:
    """Actual values by year and the target line, as a native line chart beside the table."""
    t = v.target
    bound = t.lower if t.lower is not None else t.upper
    data.write_string(data_row, 0, f"{t.id}: năm")
    data.write_string(data_row, 1, "thực tế")
    data.write_string(data_row, 2, "chỉ tiêu")
    first = data_row + 1
    years = [r for r in v.by_year if r.parts]
    for i, row in enumerate(years):
        data.write_number(first + i, 0, row.year)
        value = rounded(row.parts[0].value, 2)
        if value is not None:
            data.write_number(first + i, 1, value)
        if bound is not None:
            data.write_number(first + i, 2, bound)
    last = first + len(years) - 1
    chart = wb.add_chart({"type": "line"})
    chart.add_series({"name": "Thực tế", "categories": [CHART_DATA, first, 0, last, 0],
                      "values": [CHART_DATA, first, 1, last, 1], "marker": {"type": "circle"}})  # fmt: skip
    chart.add_series({"name": f"Chỉ tiêu đến {t.deadline}", "categories": [CHART_DATA, first, 0, last, 0],
                      "values": [CHART_DATA, first, 2, last, 2], "line": {"dash_type": "dash"}})  # fmt: skip
    chart.set_title({"name": f"{t.id}: {t.name}"[:80]})
    chart.set_y_axis({"name": "%" if t.is_percent else t.unit})
    chart.set_size({"width": 520, "height": 260})
    ws.insert_chart(max(anchor_row - 1, 3), 17, chart)
    return last + 2
