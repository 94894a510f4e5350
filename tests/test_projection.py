"""The projection: statuses, sums and verdict decided once, from the checks; text, JSON,
workbook and report laying out the same thing for plans with each kind of finding."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import openpyxl
import pytest

from budget import check_file, layout
from budget.api import Report, check_plan, load_plan
from budget.findings import Finding, Severity, sort_key
from budget.model import Amount, Plan, Section
from budget.plan_table import table_of
from budget.source import Source
from budget.units import TRIEU
from budget.words import from_words
from plancheck.projection import Projection, Status, VerdictKind, is_unread, project
from plancheck.report import render_html
from plancheck.workbook import save_workbook, with_workbook_findings
from plancheck.write_json import report_to_dict
from plancheck.write_text import write_text
from tests.helpers import HA_DONG, replace_once

CHECKED_AT = "2020-12-25T09:00:00+07:00"

# Three errors put into a copy of Hà Đông: a product's result, a subtotal and the total.
THREE_ERRORS = (
    ("x 5 năm = 11.000 triệu", "x 5 năm = 11.100 triệu"),
    ("trong 5 năm: 10.200 triệu", "trong 5 năm: 10.300 triệu"),
    ("46.375 triệu", "46.475 triệu"),
)


def three_errors(tmp_path: Path) -> Path:
    text = HA_DONG.read_text(encoding="utf-8")
    for old, new in THREE_ERRORS:
        text = replace_once(text, old, new)
    path = tmp_path / "ha-dong-267-ba-loi.txt"
    path.write_text(text, encoding="utf-8")
    return path


def statuses(p: Projection) -> dict[str, str]:
    return {r.key: r.status.value for r in p.rows}


def test_ha_dong_matches() -> None:
    p = project(check_file(HA_DONG, "ha-dong.txt"), checked_at=CHECKED_AT)
    assert p.verdict.kind is VerdictKind.OK
    assert p.verdict.headline == "KẾT QUẢ: KHỚP"
    assert p.verdict.text == (
        "KẾT QUẢ: KHỚP. Mọi phép nhân, tổng mục và tổng kinh phí đều khớp; 5 cảnh báo, 1 ghi chú."
    )
    st = statuses(p)
    assert set(st.values()) == {"ok", "none"}
    assert [k for k, v in st.items() if v == "none"] == ["s-1", "s-2.6", "s-2.7", "s-2.8", "s-2.9"]
    assert [(s.kind, s.number, s.stated, s.computed, s.ok) for s in p.sums] == [
        ("section", "2.1", 14500, 14500, True),
        ("section", "2.2", 10200, 10200, True),
        ("section", "2.3", 12500, 12500, True),
        ("section", "2.4", 2250, 2250, True),
        ("section", "2.5", 4925, 4925, True),
        ("section", "2", 46125, 46125, True),
        ("total", "", 46375, 46375, True),
    ]
    s = p.summary
    assert (s.lines, s.sections, s.errors, s.warnings, s.notes, s.unread) == (16, 11, 0, 5, 1, 0)
    assert s.amounts_checked == s.amounts_found - len(check_file(HA_DONG).plan.unchecked)
    assert p.total_words == "Bốn mươi sáu tỷ, ba trăm bảy mươi lăm triệu đồng"
    reading = from_words(p.total_words)
    assert reading is not None and reading.value == Decimal(46_375_000_000) == p.total_words_value
    # warnings stand at the lines they are about
    assert {f.code: f.row for f in p.findings if f.code == "SECTION_NO_AMOUNT"} == {"SECTION_NO_AMOUNT": "s-2.9"}
    assert sorted(f.row or "" for f in p.findings if f.code == "UNIT_RESIDUAL") == [
        "l-37", "l-39", "l-61", "l-63", "l-65"
    ]  # fmt: skip


def test_three_errors_each_at_its_row(tmp_path: Path) -> None:
    p = project(check_file(three_errors(tmp_path)), checked_at=CHECKED_AT)
    assert p.verdict.kind is VerdictKind.ERRORS
    assert p.verdict.headline == "KẾT QUẢ: 5 lỗi"
    wrong = [k for k, v in statuses(p).items() if v == "error"]
    # the three figures changed, and the two sums that no longer add up because of them
    assert wrong == ["total", "s-2", "s-2.2", "s-2.3", "l-45"]
    by_row = {f.row: f.code for f in p.findings if f.severity == "error"}
    assert by_row == {
        "total": "TOTAL_MISMATCH",
        "s-2": "SECTION_SUM_MISMATCH",
        "s-2.2": "SECTION_SUM_MISMATCH",
        "s-2.3": "SECTION_SUM_MISMATCH",
        "l-45": "PRODUCT_MISMATCH",
    }
    total = p.total
    assert (total.stated, total.summed, total.recomputed, total.difference) == (46475, 46375, 46375, 100)
    assert [(s.number, s.ok) for s in p.sums if not s.ok] == [("2.2", False), ("2.3", False), ("2", False), ("", False)]
    # the words say what the document states, and read back to it
    assert p.total_words == "Bốn mươi sáu tỷ, bốn trăm bảy mươi lăm triệu đồng"


def test_an_error_below_marks_every_row_above() -> None:
    report = check_file(HA_DONG.with_name("ha-dong-267-mot-so-sai.txt"))
    p = project(report)
    st = statuses(p)
    assert (st["l-45"], st["s-2.3"], st["s-2"], st["total"]) == ("error", "error", "inner", "inner")
    # the workbook's live formula says the same (decided when the workbook's table is given)
    assert project(report, table=table_of(report.evaluation)).row("s-2").sheet_status is Status.INNER
    assert p.table is None and p.row("s-2").sheet_status is Status.NONE  # no workbook: not decided


def test_the_figures_are_the_same_with_the_workbook_table_or_without() -> None:
    """Without a workbook the table is not built: the recomputed sums come from the evaluation
    alone, and are the table's own figures."""
    report = check_file(HA_DONG.with_name("ha-dong-267-mot-so-sai.txt"))
    lean, full = project(report), project(report, table=table_of(report.evaluation))
    assert [r._replace(sheet_status=Status.NONE) for r in full.rows] == list(lean.rows)
    assert lean.total.recomputed == 46375 and lean.row("s-2.3").recomputed == full.row("s-2.3").recomputed


def test_a_wrong_line_never_leaves_its_section_khop(tmp_path: Path) -> None:
    """The issue's case: the line recomputes to 2.000 beside a stated 2.100 and the section
    states 2.100 (its items add up as stated): the section and the total are not ``Khớp``."""
    path = tmp_path / "plan.txt"
    path.write_text(
        "IV. KINH PHÍ THỰC HIỆN\nTổng kinh phí: 2.100 triệu đồng.\n1. Đào tạo: 2.100 triệu đồng.\n"
        "- Giáo viên: 200 người x 2 triệu đồng/người/năm x 5 năm = 2.100 triệu đồng.\n",
        encoding="utf-8",
    )
    report = check_file(path)
    p = project(report)
    st = statuses(p)
    assert [v for k, v in st.items() if k.startswith("l-")] == ["error"]
    assert st["s-1"] == "inner" and st["total"] == "inner"
    line = next(r for r in p.rows if r.kind == "line")
    assert (line.stated, line.recomputed) == (2100, 2000)
    assert p.verdict.headline == "KẾT QUẢ: 1 lỗi"
    out = tmp_path / "plan.xlsx"
    book, table = with_workbook_findings(report)
    save_workbook(book, table, out)
    ws = openpyxl.load_workbook(out, data_only=True)[layout.SUMMARY]
    rows = {ws.cell(r, 1).value or ws.cell(r, 2).value: ws.cell(r, 7).value for r in range(6, 8)}
    assert rows == {layout.TOTAL_LABEL: "Có khoản sai", "1": "Có khoản sai"}
    assert ws["A4"].value.startswith("KẾT QUẢ: 1 lỗi\n")


def _with(report: Report, *extra: Finding) -> Report:
    return replace(report, findings=tuple(sorted([*report.findings, *extra], key=sort_key)))


def test_unread_amounts_are_never_khop() -> None:
    plan, found = load_plan(HA_DONG)
    where = Source(str(HA_DONG), 81, 5, None, "Dự phòng: 300 triệu đồng")
    plan = replace(plan, unchecked=(Amount(Decimal(300), TRIEU, where),), amounts_found=plan.amounts_found + 1)
    ev, more = check_plan(plan)
    report = Report(plan, ev, tuple(sorted([*found, *more], key=sort_key)))
    p = project(report)
    assert p.verdict.kind is VerdictKind.INCOMPLETE
    assert p.verdict.headline == "CHƯA KIỂM TRA HẾT: 1 số tiền chưa được kiểm tra"
    assert p.summary.amounts_found - p.summary.amounts_checked == 1
    # any finding saying something went unread counts, whatever its origin
    cells = [
        Finding(
            Source("x.xlsx", cell=f"Chi tiết!M{r}"),
            "XLSX_FORMULA_NOT_EVALUATED",
            Severity.WARNING,
            {"reason": "hàm FOO", "origin": ""},
        )
        for r in (6, 7)
    ]
    other = Finding(Source(str(HA_DONG), 3), "COSTLINE_UNREADABLE", Severity.WARNING, {"text": "x 2 ="})
    row = Finding(Source(str(HA_DONG), 4), "TABLE_ROW_NO_AMOUNT", Severity.WARNING, {"label": "Loa"})
    p = project(_with(report, *cells, other, row))
    assert p.verdict.headline == ("CHƯA KIỂM TRA HẾT: 1 số tiền, 2 dòng phép tính, 2 ô công thức chưa được kiểm tra")
    # one place said twice (a table row not checked, its amount unplaced) counts once
    row = Finding(
        where,
        "TABLE_ROW_NOT_CHECKED",
        Severity.WARNING,
        {"label": "Dự phòng", "value": Decimal(300), "unit": "triệu đồng"},
        message_key="TABLE_ROW_NOT_CHECKED.missing",
    )
    assert project(_with(report, row)).verdict.headline == "CHƯA KIỂM TRA HẾT: 1 dòng phép tính chưa được kiểm tra"
    # formulas saved without a value and recomputed by the tool are no unread cells
    recomputed = Finding(Source("x.xlsx", cell="Chi tiết!M6"), "XLSX_NOT_EVALUATED", Severity.WARNING,
                         {"count": 58, "sheet": "Chi tiết", "first": "M6"})  # fmt: skip
    assert project(_with(report, recomputed)).verdict.headline == "CHƯA KIỂM TRA HẾT: 1 số tiền chưa được kiểm tra"
    assert is_unread("COSTLINE_UNREADABLE") and is_unread("PDF_PAGE_UNREADABLE") and not is_unread("UNIT_RESIDUAL")
    # with an error too, the errors lead and the unread are still said
    args = {"stored": Decimal(11100), "computed": Decimal(11000), "unit": "triệu đồng"}
    wrong = Finding(Source(str(HA_DONG), 45, 61), "XLSX_STALE_VALUE", Severity.ERROR, args)
    with_wrong = _with(report, wrong)
    p = project(with_wrong, table=table_of(with_wrong.evaluation))
    assert p.verdict.kind is VerdictKind.ERRORS
    assert p.verdict.detail.startswith("Ngoài ra 1 số tiền chưa được kiểm tra;")
    # an error no formula can see: the status is right, the workbook writes it as a value
    line = p.row("l-45")
    assert (line.status, line.sheet_status) == (Status.ERROR, Status.OK)
    assert (p.row("s-2.3").status, p.row("s-2.3").sheet_status) == (Status.INNER, Status.INNER)


def test_no_budget_says_so(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_text("KẾ HOẠCH\nNâng cao chất lượng giáo dục.\nTổ chức thực hiện.\n", encoding="utf-8")
    p = project(check_file(path))
    assert p.verdict.kind is VerdictKind.NO_BUDGET
    assert p.verdict.headline == "KHÔNG CÓ DỰ TOÁN ĐỂ KIỂM TRA"
    assert p.total_words is None


def test_alternative_breakdowns_are_each_a_sum() -> None:
    where = Source("plan.txt", 3, 1, None, "")
    by_source = Section("a", "Theo nguồn", where, Amount(Decimal(500), TRIEU, where))
    by_use = Section("b", "Theo nội dung", where, Amount(Decimal(450), TRIEU, where))
    parent = Section("1", "Kinh phí", where, Amount(Decimal(500), TRIEU, where), (by_source, by_use), alternatives=True)
    plan = Plan("plan.txt", items=(parent,))
    ev, findings = check_plan(plan)
    p = project(Report(plan, ev, tuple(findings)))
    alts = [(s.kind, s.label, s.stated, s.computed, s.ok) for s in p.sums]
    assert alts == [
        ("alternative", "Mục 1, cách chia a", 500, 500, True),
        ("alternative", "Mục 1, cách chia b", 500, 450, False),
    ]
    # a sum that does not add up is never KHỚP, even when no check has reported it yet
    assert p.verdict.kind is VerdictKind.ERRORS
    assert p.row("s-1").recomputed is None  # breakdowns are not added together
    assert (p.row("s-1").summed, p.row("s-1").difference) == (None, None)  # one breakdown fails: no sum shown


def test_alternative_breakdowns_that_agree_show_what_each_comes_to() -> None:
    """Every breakdown of the figure was checked against it and comes to it: the row shows that
    figure as what its parts come to (it showed ``—`` beside a ✓, as if nothing was computed)."""
    where = Source("plan.txt", 3, 1, None, "")
    by_source = Section("a", "Theo nguồn", where, Amount(Decimal(500), TRIEU, where))
    by_use = Section("b", "Theo nội dung", where, Amount(Decimal(500), TRIEU, where))
    parent = Section("1", "Kinh phí", where, Amount(Decimal(500), TRIEU, where), (by_source, by_use), alternatives=True)
    plan = Plan("plan.txt", items=(parent,))
    ev, findings = check_plan(plan)
    p = project(Report(plan, ev, tuple(findings)))
    row = p.row("s-1")
    assert (row.status, row.stated, row.summed, row.difference, row.recomputed) == (
        Status.OK,
        Decimal(500),
        Decimal(500),
        Decimal(0),
        None,
    )


def test_english() -> None:
    p = project(check_file(HA_DONG.with_name("ha-dong-267-mot-so-sai.txt")), lang="en")
    assert p.verdict.headline == "RESULT: 2 errors"
    mismatch = next(f for f in p.findings if f.code == "PRODUCT_MISMATCH")
    assert mismatch.message == (
        "Product does not match: 2,200 × 1 × 5 = 11,000 triệu đồng, but the document states 11,100 triệu đồng "
        "(difference 100 triệu đồng)."
    )
    assert mismatch.severity_word == "error"
    with pytest.raises(ValueError):
        project(check_file(HA_DONG), lang="fr")


# the four outputs of one run agree --------------------------------------------------------


class _Rows(HTMLParser):
    """Rows of the report's tree (``data-key`` → ``data-status``) and its verdict."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: dict[str, str] = {}
        self.verdict = ""
        self._in_verdict = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "tr" and a.get("data-key"):
            self.rows[str(a["data-key"])] = str(a["data-status"])
        if tag == "section" and a.get("id") == "verdict":
            self._in_verdict = True

    def handle_data(self, data: str) -> None:
        if self._in_verdict and data.strip():
            self.verdict = data.strip()
            self._in_verdict = False


_MARKS = {"✓": "ok", "✗": "error", "!": "inner", "·": "none"}


def _text_statuses(text: str) -> list[str]:
    out = []
    for line in text.splitlines():
        m = re.search(r"\s(✓|✗|!|·)\s\s\S", line)
        if m and not line.startswith(" " * 56):
            out.append(_MARKS[m.group(1)])
    return out


def _cases(tmp_path: Path) -> dict[str, Report]:
    plan, found = load_plan(HA_DONG)
    where = Source(str(HA_DONG), 81, 5, None, "Dự phòng: 300 triệu đồng")
    unread = replace(plan, unchecked=(Amount(Decimal(300), TRIEU, where),))
    ev, more = check_plan(unread)
    empty = tmp_path / "empty.txt"
    empty.write_text("KẾ HOẠCH\nTổ chức thực hiện.\n", encoding="utf-8")
    return {
        "ok": check_file(HA_DONG),
        "errors": check_file(three_errors(tmp_path)),
        "inner": check_file(HA_DONG.with_name("ha-dong-267-mot-so-sai.txt")),
        "unread": Report(unread, ev, tuple(sorted([*found, *more], key=sort_key))),
        "no_budget": check_file(empty),
    }


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_text_json_workbook_and_report_agree(tmp_path: Path, lang: str) -> None:
    for name, report in _cases(tmp_path).items():
        book, table = with_workbook_findings(report)
        p = project(book, lang=lang, table=table, checked_at=CHECKED_AT)
        want = {r.key: r.status.value for r in p.rows}
        # JSON
        doc = report_to_dict(book, projection=p)
        assert doc["verdict"]["headline"] == p.verdict.headline, name
        assert [s["status"] for s in doc["sections"]] == [r.status.value for r in p.rows if r.kind == "section"]
        assert [x["status"] for x in doc["lines"]] == [r.status.value for r in p.rows if r.kind == "line"]
        assert doc["total"]["status"] == p.total.status.value
        assert [(s["kind"], s["ok"]) for s in doc["sums"]] == [(s.kind, s.ok) for s in p.sums]
        json.dumps(doc)
        # text
        text = write_text(book, projection=p)
        assert text.rstrip("\n").endswith(p.verdict.text), name
        if p.has_budget:
            assert _text_statuses(text) == [r.status.value for r in p.rows], name
        # report
        html = _Rows()
        html.feed(render_html(p))
        assert html.verdict == p.verdict.headline, name
        if p.has_budget:
            assert html.rows == want, name
        # workbook: the verdict above the table, each summary row's status as the projection says
        out = tmp_path / f"{name}-{lang}.xlsx"
        save_workbook(book, table, out, projection=p)
        wb = openpyxl.load_workbook(out, data_only=True)
        ws = wb.worksheets[0]
        assert ws["A4"].value.split("\n")[0] == p.verdict.headline, name
        words = {s: w for s, w in zip(Status, [messages_status(lang, s) for s in Status], strict=True)}
        sheet_rows = [r for r in p.rows if r.kind != "line"]
        got = [ws.cell(6 + i, 7).value for i in range(len(sheet_rows))]
        assert got == [words[r.status] for r in sheet_rows], name
        detail = wb.worksheets[1]
        status_col = layout.DetailColumns(table.slots).status + 1
        line_rows = [r for r in p.rows if r.kind == "line"]
        assert [detail.cell(6 + i, status_col).value for i in range(len(line_rows))] == [
            words[r.status] for r in line_rows
        ], name


def messages_status(lang: str, status: Status) -> str:
    from budget import messages

    return messages.render(f"STATUS.{status.value}", {}, lang)


def test_a_workbook_from_a_projection_made_without_its_table_is_the_same(tmp_path: Path) -> None:
    """The rows' sheet statuses are decided only with the workbook's table: a workbook's statuses
    refuse a projection without it, and ``save_workbook`` projects again with the table, the
    same identity kept, so the sheets are what the projection with the table writes."""
    import zipfile

    from plancheck.xlsx.statuses import Statuses

    book, table = with_workbook_findings(check_file(HA_DONG.with_name("ha-dong-267-mot-so-sai.txt")))
    lean = project(book, checked_at="2026-01-02T03:04:05+07:00", sha256="ab")
    with pytest.raises(ValueError, match="table"):
        Statuses(lean)
    full = project(book, checked_at="2026-01-02T03:04:05+07:00", table=table, sha256="ab")
    save_workbook(book, table, tmp_path / "lean.xlsx", projection=lean)
    save_workbook(book, table, tmp_path / "full.xlsx", projection=full)
    with zipfile.ZipFile(tmp_path / "lean.xlsx") as a, zipfile.ZipFile(tmp_path / "full.xlsx") as b:
        sheets = [n for n in a.namelist() if n.startswith("xl/worksheets/") or n == "xl/sharedStrings.xml"]
        assert len(sheets) >= 4 and all(a.read(n) == b.read(n) for n in sheets)
