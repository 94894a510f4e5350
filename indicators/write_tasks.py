"""A plan's tasks → the register officers fill (sheet ``Nhiệm vụ``), and the tasks as text or
JSON. Lays out only: the register's words are Vietnamese, as officers write them.

The sheet prints on A4 landscape, fitted to the page's width, its header repeated on every page
and frozen on screen; rows are as tall as their wrapped text (LibreOffice does not grow them).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from budget.findings import Finding, finding_to_json, format_finding
from budget.layout import WORKBOOK_OPTIONS, row_height
from budget.messages import render
from indicators.read_tasks import Review
from indicators.tasks import SHEET, STATUSES, Due, Task, day

TITLE = "SỔ THEO DÕI THỰC HIỆN NHIỆM VỤ"
HEADER_ROW = 2  # 0-based: the title, the plan's name, then the header
# (header, width): the task as the plan states it, then what the officer fills
COLUMNS: tuple[tuple[str, float], ...] = (
    ("STT", 6),
    ("Nhiệm vụ", 40),
    ("Cơ quan chủ trì", 16),
    ("Cơ quan phối hợp", 16),
    ("Thời hạn theo kế hoạch", 12),
    ("Hạn hoàn thành", 11),
    ("Nguồn", 8),
    ("Trạng thái", 14),
    ("Ngày hoàn thành", 11),
    ("Ghi chú", 16),
)
PRODUCT = ("Sản phẩm", 14)  # only when the plan names products
DATE_FORMAT = "dd/mm/yyyy"


def columns_for(tasks: Sequence[Task]) -> tuple[tuple[str, float], ...]:
    if any(t.product for t in tasks):
        return (*COLUMNS[:4], PRODUCT, *COLUMNS[4:])
    return COLUMNS


def _cells(t: Task, with_product: bool) -> list[str]:
    line = f"dòng {t.source.line}" if t.source.line else ""
    cells = [t.number, t.text, t.lead, t.partners, t.deadline.text, "", line, STATUSES[0], "", ""]
    return [*cells[:4], t.product, *cells[4:]] if with_product else cells


def write_tasks_xlsx(path: Path, tasks: Sequence[Task], plan: str) -> None:
    import xlsxwriter  # lazy-import point: budget.lazy_imports

    wb = xlsxwriter.Workbook(str(path), WORKBOOK_OPTIONS)
    font = {"font_name": "Times New Roman", "font_size": 10}
    title = wb.add_format({**font, "bold": True, "font_size": 13})
    note = wb.add_format({**font, "italic": True})
    header = wb.add_format(
        {**font, "bold": True, "text_wrap": True, "valign": "vcenter", "align": "center", "border": 1,
         "bg_color": "#D9E1F2"}
    )  # fmt: skip
    text = wb.add_format({**font, "text_wrap": True, "valign": "top", "border": 1, "quote_prefix": True})
    fill = wb.add_format({**font, "text_wrap": True, "valign": "top", "border": 1, "bg_color": "#FFF2CC"})
    when = wb.add_format({**font, "valign": "top", "border": 1, "num_format": DATE_FORMAT, "align": "center"})
    fill_when = wb.add_format(
        {**font, "valign": "top", "border": 1, "num_format": DATE_FORMAT, "align": "center", "bg_color": "#FFF2CC"}
    )
    columns = columns_for(tasks)
    names = [name for name, _ in columns]
    ws = wb.add_worksheet(SHEET)
    ws.write_string(0, 0, TITLE, title)
    ws.write_string(1, 0, f"Kế hoạch: {plan}. Cán bộ điền các cột Trạng thái, Ngày hoàn thành, Ghi chú.", note)
    for col, (name, width) in enumerate(columns):
        ws.set_column(col, col, width)
        ws.write_string(HEADER_ROW, col, name, header)
    ws.set_row(HEADER_ROW, row_height([(n, w) for n, w in columns]))
    due_col, status_col, done_col = (names.index(n) for n in ("Hạn hoàn thành", "Trạng thái", "Ngày hoàn thành"))
    filled = {status_col, done_col, names.index("Ghi chú")}
    r = HEADER_ROW
    for t in tasks:
        r += 1
        values = _cells(t, len(columns) > len(COLUMNS))
        for col, value in enumerate(values):
            style = fill_when if col == done_col else when if col == due_col else fill if col in filled else text
            if col == due_col and t.deadline.due is not None:
                ws.write_datetime(r, col, datetime(t.deadline.due.year, t.deadline.due.month, t.deadline.due.day), when)
            elif value:
                ws.write_string(r, col, value, style)
            else:
                ws.write_blank(r, col, None, style)
        ws.set_row(r, row_height(list(zip(values, (w for _, w in columns), strict=True))))
    if r > HEADER_ROW:
        ws.data_validation(
            HEADER_ROW + 1, status_col, r, status_col,
            {"validate": "list", "source": list(STATUSES), "error_title": "Trạng thái",
             "error_message": "Chọn: " + ", ".join(STATUSES)},
        )  # fmt: skip
        ws.data_validation(
            HEADER_ROW + 1, done_col, r, done_col,
            {"validate": "date", "criteria": ">", "value": datetime(1990, 1, 1), "error_title": "Ngày hoàn thành",
             "error_message": "Ghi ngày/tháng/năm"},
        )  # fmt: skip
    ws.freeze_panes(HEADER_ROW + 1, 0)
    ws.repeat_rows(HEADER_ROW)
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.5)
    ws.fit_to_pages(1, 0)  # the page's width, as many pages down as the rows need
    ws.set_footer("&CTrang &P/&N")
    wb.close()


# --- text and JSON ----------------------------------------------------------------------------


def task_dict(t: Task) -> dict[str, Any]:
    return {
        "number": t.number,
        "task": t.text,
        "lead": t.lead,
        "partners": t.partners,
        "product": t.product,
        "deadline": {
            "text": t.deadline.text,
            "kind": t.deadline.kind.value,
            "due": None if t.deadline.due is None else t.deadline.due.isoformat(),
        },
        "line": t.source.line,
        "column": t.source.col,
        "location": str(t.source),
    }


def counts(tasks: Sequence[Task]) -> dict[str, int]:
    kinds = [t.deadline.kind for t in tasks]
    recurring, unread = kinds.count(Due.RECURRING), kinds.count(Due.UNREAD)
    return {"count": len(tasks), "dated": len(tasks) - recurring - unread, "recurring": recurring, "unread": unread}


def task_line(t: Task, lang: str = "vi") -> str:
    parts = [render("TASKS.line_lead", {"lead": t.lead}, lang)] if t.lead else []
    if t.partners:
        parts.append(render("TASKS.line_partners", {"partners": t.partners}, lang))
    if t.deadline.due is not None:
        parts.append(render("TASKS.line_due", {"due": day(t.deadline.due)}, lang) + f" ({t.deadline.text})")
    elif t.deadline.kind is Due.RECURRING:
        parts.append(render("TASKS.line_recurring", {}, lang) + f" ({t.deadline.text})")
    else:
        parts.append(render("TASKS.line_unread", {}, lang))
    number = f"[{t.number}] " if t.number else ""
    return f"{t.source}: {number}{t.text} — " + "; ".join(parts)


def tasks_text(tasks: Sequence[Task], findings: Sequence[Finding], lang: str = "vi") -> str:
    out = [task_line(t, lang) for t in tasks]
    out += [format_finding(f) if lang == "vi" else _finding_en(f) for f in findings]
    out.append(render("TASKS.found", counts(tasks), lang))
    return "\n".join(out) + "\n"


def _finding_en(f: Finding) -> str:
    return f"{f.source}: [{f.code}] {render(f.message_key or f.code, f.args, 'en')}"


def tasks_json(tasks: Sequence[Task], findings: Sequence[Finding]) -> str:
    doc = {"tasks": [task_dict(t) for t in tasks], "findings": [finding_to_json(f) for f in findings]}
    doc["summary"] = counts(tasks)  # type: ignore[assignment]
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def register_text(done: Review, lang: str = "vi") -> str:
    out = [format_finding(f) if lang == "vi" else _finding_en(f) for f in done.findings]
    s = done.summary
    if done.as_of is None:
        out.append(render("TASKS.summary_open", s, lang))
    else:
        out.append(render("TASKS.summary", {**s, "as_of": str(done.as_of)}, lang))
    return "\n".join(out) + "\n"


def register_json(done: Review) -> str:
    entries = [
        {"number": e.number, "task": e.task, "due": None if e.due is None else e.due.isoformat(),
         "kind": e.kind.value, "status": e.status, "done_on": None if e.done_on is None else e.done_on.isoformat(),
         "cell": e.source.cell, "readable": e.readable}
        for e in done.entries
    ]  # fmt: skip
    doc = {
        "as_of": None if done.as_of is None else done.as_of.when.isoformat(),
        "tasks": entries,
        "findings": [finding_to_json(f) for f in done.findings],
        "summary": done.summary,
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
