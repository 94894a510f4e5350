"""A batch run as one workbook: ``Tổng hợp các đơn vị`` (a row per document, with a link to
its sheet), then one sheet per document (its budget tree and its findings, each sheet
linking back). Lays out what ``batch_view`` decided; the only formulas are the totals per
money unit (``SUMIF``), which also store their values.

Each document's own live-formula workbook is what ``budget check FILE --xlsx`` writes;
this one is the consolidated view an office reads first.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import xlsxwriter
from xlsxwriter.utility import xl_rowcol_to_cell

from budget import messages
from budget.layout import WORKBOOK_OPTIONS
from budget.numbers import plain
from budget.plan_table import too_precise
from indicators.write_targets import HEADERS as TARGET_COLUMNS
from plancheck.batch_view import DocSheet, DocSummary, Overall, Status, counts_words
from plancheck.projection import Status as RowStatus
from plancheck.xlsx.book import StoredNumber

if TYPE_CHECKING:
    from plancheck.batch_view import Skipped

_COLUMNS = ("index", "file", "number", "date", "lines", "sections", "errors", "warnings", "targets", "stated",
            "computed", "difference", "unit", "verdict", "reason", "detail")  # fmt: skip
_STATED, _COMPUTED, _DIFFERENCE, _UNIT, _VERDICT, _REASON, _LINK = (
    _COLUMNS.index(c) for c in ("stated", "computed", "difference", "unit", "verdict", "reason", "detail")
)
_TREE_COLUMNS = ("where", "number", "label", "stated", "summed", "recomputed", "difference", "unit", "status")


@dataclass(frozen=True)
class Words:
    """The workbook's own words in one language: sheet names and column headers. A targets
    sheet keeps ``indicators``' columns (``Mã``, ``Chỉ tiêu`` ...): the table ``indicators check``
    reads back, in the same words whatever the language of the run."""

    lang: str
    summary: str
    targets: str
    headers: list[str]
    target_headers: list[str]
    tree_headers: list[str]  # a document's rows under the words its own report uses for them
    finding_headers: list[str]

    def __call__(self, key: str, **args: object) -> str:
        return messages.render(key, args, self.lang)


def words(lang: str = "vi") -> Words:
    def t(key: str) -> str:
        return messages.render(key, {}, lang)

    return Words(
        lang,
        t("BATCH.summary"),
        t("BATCH.sheet.targets"),
        [t(f"BATCH.col.{c}") for c in _COLUMNS],
        [t("BATCH.col.document"), t("BATCH.col.file"), *TARGET_COLUMNS],
        [t(f"R.col_{c}") for c in _TREE_COLUMNS],
        [t("R.col_where"), t("BATCH.col.severity"), t("BATCH.col.message"), t("BATCH.col.code")],
    )


VIETNAMESE = words()
SUMMARY = VIETNAMESE.summary
TARGETS = VIETNAMESE.targets
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\']")
_MAX_TEXT = 32_767
HEADER_ROW = 4
LABEL_WIDTH = 60  # the label and message column of a document's sheet
REASON_WIDTH = 40
FILE_WIDTH = 36


def _height(texts: list[tuple[str, int]]) -> float | None:
    """Row height for wrapped cells (text, column width): LibreOffice does not grow rows by itself."""
    lines = 1
    for text, width in texts:
        per_line = max(int(width * 1.1), 1)
        lines = max(lines, sum(max(1, -(-len(part) // per_line)) for part in text.split("\n")))
    return None if lines == 1 else 15.0 * lines


def sheet_name(index: int, file: str) -> str:
    """``007 truong-thcs-a``: unique by its number, at most 31 characters, none Excel forbids."""
    stem = _BAD_SHEET_CHARS.sub("_", Path(file).stem).strip() or "van-ban"
    return f"{index:03d} {stem}"[:31].rstrip()


def _quote(sheet: str) -> str:
    return "'" + sheet.replace("'", "''") + "'"


class _Writer:
    def __init__(self, path: Path, lang: str = "vi"):
        self.t = words(lang)
        self.wb = xlsxwriter.Workbook(str(path), WORKBOOK_OPTIONS)
        add = self.wb.add_format
        self.title = add({"bold": True, "font_size": 14})
        self.italic = add({"italic": True})
        self.header = add(
            {
                "bold": True,
                "text_wrap": True,
                "valign": "vcenter",
                "align": "center",
                "border": 1,
                "bg_color": "#D9E1F2",
            }
        )
        self.text = add({"valign": "top", "border": 1})
        self.wrap = add({"valign": "top", "border": 1, "text_wrap": True})
        # a finding's code in a figure's column: small, and shrunk rather than cut (no spaces to wrap at)
        self.code = add({"valign": "top", "border": 1, "shrink": True, "font_size": 8})
        self.fit = add({"valign": "top", "border": 1, "shrink": True})  # a status word, whole
        self.wrap_bold = add({"valign": "top", "border": 1, "text_wrap": True, "bold": True})
        self.bold = add({"valign": "top", "border": 1, "bold": True})
        self.int = add({"num_format": "#,##0", "valign": "top", "border": 1})
        self.bad = add({"bg_color": "#FFC7CE", "font_color": "#9C0006", "valign": "top", "border": 1})
        self.link = add({"font_color": "#0563C1", "underline": 1, "valign": "top", "border": 1})
        self._amounts: dict[tuple[int, bool], Any] = {}

    def amount_format(self, value: Decimal, bold: bool = False) -> Any:
        """``#,##0`` for whole numbers, and only the decimal places a figure has otherwise."""
        places = max(0, -int(value.normalize().as_tuple().exponent))
        key = (min(places, 10), bold)
        if key not in self._amounts:
            pattern = "#,##0" + ("." + "0" * key[0] if key[0] else "")
            self._amounts[key] = self.wb.add_format({"num_format": pattern, "valign": "top", "border": 1, "bold": bold})
        return self._amounts[key]

    def string(self, ws: Any, row: int, col: int, value: str | None, fmt: Any = None) -> None:
        if not value:
            ws.write_blank(row, col, None, fmt or self.text)
            return
        value = value if len(value) <= _MAX_TEXT else value[: _MAX_TEXT - 1] + "…"
        ws.write_string(row, col, value, fmt or self.text)

    def number(self, ws: Any, row: int, col: int, value: Decimal | int | None, bold: bool = False) -> None:
        if value is None:
            ws.write_blank(row, col, None, self.text)
        elif isinstance(value, int):
            ws.write_number(row, col, value, self.int)
        elif too_precise(value):
            ws.write_string(row, col, plain(value), self.text)  # more digits than Excel keeps
        else:
            ws.write_number(row, col, value, self.amount_format(value, bold))

    def headers(self, ws: Any, row: int, names: list[str]) -> None:
        for col, name in enumerate(names):
            ws.write_string(row, col, name, self.header)
        ws.set_row(row, 32)


class BatchWorkbook:
    """The consolidated workbook, written as the run goes: each document's sheet as soon as the
    document is in (XlsxWriter's constant memory: nothing is kept once written), the summary
    sheet, first in the tabs, filled when the run is over."""

    def __init__(self, path: Path, lang: str = "vi"):
        self.w = _Writer(path, lang)
        self.summary = self.w.wb.add_worksheet(self.w.t.summary)
        self.targets = self.w.wb.add_worksheet(self.w.t.targets)  # second in the tabs, filled at the end
        self.names: list[str] = []

    def document(self, s: DocSummary, sheet: DocSheet | None) -> None:
        name = sheet_name(s.index, s.file)
        self.names.append(name)
        _document(self.w, s, sheet, name)

    def finish(self, rows: Sequence[DocSummary], skipped: Sequence[Skipped], total: Overall) -> None:
        _summary(self.w, self.summary, rows, self.names, skipped, total)
        _targets(self.w, self.targets, rows, self.names)
        self.w.wb.close()


def _summary(
    w: _Writer, ws: Any, rows: Sequence[DocSummary], names: list[str], skipped: Sequence[Skipped], total: Overall
) -> None:
    t = w.t
    ws.write_string(0, 0, t("BATCH.xl.title", documents=total.documents), w.title)
    counts = counts_words(total.by_status, t.lang) or t("BATCH.counts_no_documents")
    ws.write_string(1, 0, t("BATCH.overall_counts", counts=counts) + ".", w.italic)
    ws.write_string(2, 0, t("BATCH.xl.hint"), w.italic)
    for col, width in enumerate((5, FILE_WIDTH, 14, 11, 9, 7, 6, 9, 8, 15, 15, 15, 11, 14, REASON_WIDTH, 26)):
        ws.set_column(col, col, width)
    w.headers(ws, HEADER_ROW, t.headers)
    first = HEADER_ROW + 1
    for i, (row, name) in enumerate(zip(rows, names, strict=True)):
        _summary_row(w, ws, first + i, row, name)
    last = first + len(rows) - 1
    r = last + 2
    if rows:
        stated, computed, unit = (xl_rowcol_to_cell(first, c) for c in (_STATED, _COMPUTED, _UNIT))
        ends = [xl_rowcol_to_cell(last, c) for c in (_STATED, _COMPUTED, _UNIT)]
        ranges = [f"{a}:{b}" for a, b in zip((stated, computed, unit), ends, strict=True)]
        for u in total.totals:
            note = t("BATCH.xl.unit_stating", stating=u.stating) if u.stating != u.documents else ""
            w.string(ws, r, 1, t("BATCH.xl.unit_total", documents=u.documents, unit=u.unit, stating=note), w.bold)
            unit_ref = xl_rowcol_to_cell(r, _UNIT)
            for col, rng, value in ((_STATED, ranges[0], u.stated), (_COMPUTED, ranges[1], u.computed)):
                ws.write_formula(  # its stored value a number, as the cells it adds
                    r, col, f"=SUMIF({ranges[2]},{unit_ref},{rng})", w.amount_format(value, True), StoredNumber(value)
                )
            w.string(ws, r, _UNIT, u.unit, w.bold)
            r += 1
    if skipped:
        r += 1
        ws.write_string(r, 1, t("BATCH.skipped", count=len(skipped)), w.italic)
        for s in skipped:
            r += 1
            ws.write_string(r, 1, s.path)
            ws.write_string(r, _REASON, s.reason)
    ws.freeze_panes(HEADER_ROW + 1, 2)
    ws.autofilter(HEADER_ROW, 0, max(last, HEADER_ROW), len(t.headers) - 1)
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(HEADER_ROW)


def _summary_row(w: _Writer, ws: Any, r: int, s: DocSummary, name: str) -> None:
    readable = s.status not in (Status.UNREADABLE, Status.BUG)
    ws.write_number(r, 0, s.index, w.int)
    w.string(ws, r, 1, s.file, w.wrap)  # a file's path printed whole, never cut
    w.string(ws, r, 2, s.number)
    w.string(ws, r, 3, s.date)
    for col, value in enumerate((s.lines, s.sections, s.errors, s.warnings, len(s.targets)), 4):
        w.number(ws, r, col, value if readable else None)
    w.number(ws, r, _STATED, s.stated)
    w.number(ws, r, _COMPUTED, s.computed)
    w.number(ws, r, _DIFFERENCE, s.difference)
    w.string(ws, r, _UNIT, s.unit)
    w.string(ws, r, _VERDICT, s.verdict, w.text if s.status in (Status.OK, Status.NO_BUDGET) else w.bad)
    w.string(ws, r, _REASON, s.reason, w.wrap)
    ws.write_url(r, _LINK, f"internal:{_quote(name)}!A1", w.link, name)
    height = _height([(s.reason or "", REASON_WIDTH), (s.file, FILE_WIDTH)])
    if height:
        ws.set_row(r, height)


def _targets(w: _Writer, ws: Any, rows: Sequence[DocSummary], names: list[str]) -> None:
    """``Chỉ tiêu các đơn vị``: every target the documents set, by document (its number links
    to the document's sheet), in the columns of ``indicators``' own ``Chỉ tiêu`` table."""
    t = w.t
    count = sum(len(s.targets) for s in rows)
    ws.write_string(0, 0, t("BATCH.xl.targets_title", count=count), w.title)
    ws.write_url(1, 0, f"internal:{_quote(t.summary)}!A1", w.link, f"← {t.summary}")
    for col, width in enumerate((8, 30, 7, 40, 10, 12, 10, 8, 8, 7, 8, 8, 30, 10, 40)):
        ws.set_column(col, col, width)
    w.headers(ws, HEADER_ROW, t.target_headers)
    r = HEADER_ROW
    for s, name in zip(rows, names, strict=True):
        for g in s.targets:
            r += 1
            ws.write_url(r, 0, f"internal:{_quote(name)}!A1", w.link, str(s.index))
            w.string(ws, r, 1, s.file)
            for col, cell in enumerate(g.cells, 2):
                w.string(ws, r, col, cell, w.wrap)
            height = _height([(g.cells[1], 40), (g.cells[-1], 40)])
            if height:
                ws.set_row(r, height)
    if count == 0:
        ws.write_string(HEADER_ROW + 1, 1, t("BATCH.no_targets"), w.italic)
    ws.freeze_panes(HEADER_ROW + 1, 2)
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(HEADER_ROW)


def _document(w: _Writer, s: DocSummary, sheet: DocSheet | None, name: str) -> None:
    t = w.t
    ws = w.wb.add_worksheet(name)
    ws.write_url(0, 0, f"internal:{_quote(t.summary)}!A1", w.link, f"← {t.summary}")
    ws.write_string(1, 0, t("T.file", file=s.file), w.title)
    ident = ", ".join(x for x in (s.number, s.date) if x)
    ws.write_string(2, 0, " — ".join(x for x in (ident, s.title or "") if x) or " ", w.italic)
    ws.write_string(3, 0, t("BATCH.verdict_of", verdict=s.verdict) + (f" — {s.reason}" if s.reason else ""), w.italic)
    for col, width in enumerate((18, 10, LABEL_WIDTH, 16, 16, 16, 16, 14, 14)):
        ws.set_column(col, col, width)
    if sheet is None:
        return
    r = HEADER_ROW
    if sheet.heading:
        ws.write_string(r, 0, sheet.heading, w.bold)
        r += 1
    if sheet.rows:
        w.headers(ws, r, t.tree_headers)
        for row in sheet.rows:
            r += 1
            bold = row.kind != "line"
            w.string(ws, r, 0, row.where)
            w.string(ws, r, 1, row.number, w.bold if bold else None)
            label = ("    " * max(row.depth - 1, 0)) + row.label
            w.string(ws, r, 2, label, w.wrap_bold if bold else w.wrap)  # a long label wraps, never cut
            height = _height([(label, LABEL_WIDTH)])
            if height:
                ws.set_row(r, height)
            w.number(ws, r, 3, row.stated, bold)
            w.number(ws, r, 4, None if row.kind == "line" else row.summed, bold)
            w.number(ws, r, 5, row.recomputed, bold)
            w.number(ws, r, 6, row.difference, bold)
            w.string(ws, r, 7, row.unit)
            w.string(ws, r, 8, row.status_word, w.bad if row.status is RowStatus.ERROR else w.fit)
    else:
        ws.write_string(r, 0, t("BATCH.no_budget"))
    if sheet.findings:
        r += 2
        w.headers(ws, r, t.finding_headers)
        for f in sheet.findings:
            r += 1
            w.string(ws, r, 0, f.location, w.wrap)  # a place printed whole, never cut
            w.string(ws, r, 1, f.severity, w.bad if f.level == "error" else None)
            text = f.message + (f"\n→ {f.cause}" if f.cause else "")
            w.string(ws, r, 2, text, w.wrap)
            w.string(ws, r, 3, f.code, w.code)
            height = _height([(text, LABEL_WIDTH)])
            if height:
                ws.set_row(r, height)
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
