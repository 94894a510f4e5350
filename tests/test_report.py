"""Outputs an officer hands on: the report (HTML rendered by Jinja, loaded in headless
Chromium, printed to PDF) and the workbook printed by LibreOffice.

Browser and LibreOffice tests skip outside CI when the program is missing, never in CI.
Snapshots of the rendered HTML live in tests/snapshots/; after a deliberate change of the
report (or of what the reader finds), rewrite them with ``UPDATE_SNAPSHOTS=1 pytest
tests/test_report.py`` and review the diff.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import openpyxl
import pytest

from budget import check_file, layout
from budget.words import from_words
from plancheck.cli import main
from plancheck.projection import Projection, Status, project
from plancheck.report import chromium_command, environment, find_chromium, render_html
from plancheck.workbook import save_workbook, with_workbook_findings
from plancheck.xlsx.formats import number_format, text_lines
from tests.helpers import HA_DONG, IN_CI, Ran, run_in_process, run_process
from tests.office import convert, number, recalculated_sheets
from tests.test_projection import CHECKED_AT, three_errors

SNAPSHOTS = Path(__file__).parent / "snapshots"
ERROR_ROWS = ["total", "s-2", "s-2.2", "s-2.3", "l-45"]


def run(*args: str, env: dict[str, str] | None = None) -> Ran:
    return run_in_process(main, args, env=env)


def _program(name: str, found: str | None, package: str) -> str:
    if found is None:
        if IN_CI:
            pytest.fail(f"{name} is required in CI: .ci/run installs {package}")
        pytest.skip(f"{name} not installed")
    return found


def chromium() -> str:
    return _program("Chromium", find_chromium(), "chromium")


def pdftotext(pdf: Path, first: int | None = None, last: int | None = None) -> str:
    exe = _program("pdftotext", shutil.which("pdftotext"), "poppler-utils")
    pages = [*(["-f", str(first)] if first else []), *(["-l", str(last)] if last else [])]
    done = run_process([exe, "-enc", "UTF-8", "-layout", *pages, pdf, "-"])
    assert done.returncode == 0, done.stderr
    return done.stdout


def pdf_pages(pdf: Path) -> list[tuple[float, float]]:
    exe = _program("pdfinfo", shutil.which("pdfinfo"), "poppler-utils")
    done = run_process([exe, "-f", "1", "-l", "999", pdf])
    assert done.returncode == 0, done.stderr
    out = done.stdout
    return [(float(w), float(h)) for w, h in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", out)]


def browser(page: Path, tmp: Path, *extra: str) -> str:
    done = run_process(chromium_command(chromium(), tmp / "chromium-profile", page, list(extra)), timeout=180)
    assert done.returncode == 0, done.stderr
    return done.stdout


def dump_dom(page: Path, tmp: Path) -> str:
    return browser(page, tmp, "--dump-dom")


def screenshot(page: Path, tmp: Path) -> Path:
    shot = tmp / (page.stem + ".png")
    browser(page, tmp, f"--screenshot={shot}", "--window-size=1200,2000", "--hide-scrollbars")
    return shot


# a small DOM from the browser's serialisation ----------------------------------------------

_VOID = {"meta", "link", "br", "img", "col", "input", "hr", "source", "wbr"}


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    children: list[Node] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(self.parts)

    def all(self) -> list[Node]:
        out = [self]
        for c in self.children:
            out.extend(c.all())
        return out

    def find(self, **attrs: str) -> list[Node]:
        return [n for n in self.all() if all(n.attrs.get(k.replace("_", "-")) == v for k, v in attrs.items())]

    def one(self, **attrs: str) -> Node:
        (node,) = self.find(**attrs)
        return node

    def cell(self, cls: str) -> Node:
        (node,) = [c for c in self.children if cls in c.attrs.get("class", "").split()]
        return node


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in _VOID:
            self.stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data: str) -> None:
        for node in self.stack[1:]:
            node.parts.append(data)


def parse(html: str) -> Node:
    b = _Builder()
    b.feed(html)
    return b.root


# fixtures -----------------------------------------------------------------------------------


def projection_of(path: Path, name: str, lang: str = "vi") -> Projection:
    return project(check_file(path, name), lang=lang, checked_at=CHECKED_AT)


@pytest.fixture(scope="module")
def cases(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Projection]]:
    tmp = tmp_path_factory.mktemp("report")
    wrong = three_errors(tmp)
    return {
        "ha-dong": (HA_DONG, projection_of(HA_DONG, "examples/ha-dong-267-kh-ubnd.txt")),
        "ha-dong-ba-loi": (wrong, projection_of(wrong, "ha-dong-267-ba-loi.txt")),
    }


def _normalised(html: str) -> str:
    return re.sub(r"budget [0-9][0-9A-Za-z.+-]*", "budget VERSION", html)


# the report in the browser ------------------------------------------------------------------


@pytest.mark.parametrize("name", ["ha-dong", "ha-dong-ba-loi"])
def test_report_in_chromium(cases: dict[str, tuple[Path, Projection]], tmp_path: Path, name: str) -> None:
    source, p = cases[name]
    html = render_html(p)
    page = tmp_path / f"{name}.html"
    page.write_text(html, encoding="utf-8")
    dom = parse(dump_dom(page, tmp_path))

    # the verdict, and every mismatch highlighted at its place
    verdict = dom.one(id="verdict")
    assert verdict.attrs["data-verdict"] == ("ok" if name == "ha-dong" else "errors")
    assert verdict.children[0].text.strip() == p.verdict.headline
    rows = [n for n in dom.all() if n.tag == "tr" and "data-key" in n.attrs]
    assert [r.attrs["data-key"] for r in rows] == [r.key for r in p.rows] and len(rows) == 28
    wrong = [r.attrs["data-key"] for r in rows if r.attrs["data-status"] == "error"]
    assert wrong == ([] if name == "ha-dong" else ERROR_ROWS)
    for key in wrong:
        row = dom.one(data_key=key)
        assert "status-error" in row.attrs["class"].split()
        assert row.cell("status").text.startswith("Sai")
    if name == "ha-dong-ba-loi":
        sub = dom.one(data_key="s-2.2")
        assert (sub.attrs["data-number"], sub.cell("stated").text, sub.cell("summed").text) == (
            "2.2",
            "10.300",
            "10.200",
        )
        line = dom.one(data_key="l-45")
        assert (line.attrs["data-line"], line.cell("stated").text, line.cell("recomputed").text) == (
            "45",
            "11.100",
            "11.000",
        )
        assert "PRODUCT_MISMATCH" in line.cell("status").text
        # the finding quotes its line, with the caret under the figure
        finding = dom.one(data_code="PRODUCT_MISMATCH")
        (pre,) = [n for n in finding.all() if n.tag == "pre"]
        excerpt, caret = pre.text.split("\n")
        assert excerpt.startswith("- Giáo viên: 2.200 người")
        assert excerpt[caret.index("^") :].startswith("11.100")

    # the totals are those of the JSON output of the same file
    doc = json.loads(run("check", str(source), "--format", "json").stdout)
    assert dom.one(id="total-stated").attrs["data-value"] == doc["total"]["stated"]
    assert dom.one(id="total-computed").attrs["data-value"] == doc["total"]["sum"]
    assert dom.one(id="total-recomputed").attrs["data-value"] == doc["total"]["recomputed"]
    sums = [
        (n.attrs.get("data-number", ""), n.attrs["data-status"] == "ok")
        for n in dom.find()
        if "sum" in n.attrs.get("class", "").split()
    ]
    assert sums == [(s["number"], s["ok"]) for s in doc["sums"]]
    counts = dom.one(id="counts")
    assert (counts.attrs["data-errors"], counts.attrs["data-warnings"]) == (
        str(doc["summary"]["error"]),
        str(doc["summary"]["warning"]),
    )

    # nothing leaves the page: no URL, no script, no external source or link
    assert not re.search(r"https?:", html)
    assert "<script" not in html.lower()
    for node in dom.all():
        assert node.tag != "script"
        for attr in ("src", "href", "action", "srcset"):
            assert node.attrs.get(attr, "#").startswith("#"), (node.tag, node.attrs)
        assert not any(a.startswith("on") for a in node.attrs)
    (csp,) = [n for n in dom.all() if n.tag == "meta" and n.attrs.get("http-equiv") == "Content-Security-Policy"]
    assert csp.attrs["content"].startswith("default-src 'none'")

    shot = screenshot(page, tmp_path)  # kept as a test artefact in pytest's tmp folder
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000


@pytest.mark.parametrize("name", ["ha-dong", "ha-dong-ba-loi"])
def test_report_snapshot(cases: dict[str, tuple[Path, Projection]], name: str) -> None:
    html = _normalised(render_html(cases[name][1]))
    snapshot = SNAPSHOTS / f"report-{name}.html"
    if os.environ.get("UPDATE_SNAPSHOTS") == "1":
        snapshot.parent.mkdir(exist_ok=True)
        snapshot.write_text(html, encoding="utf-8")
    assert snapshot.exists(), f"missing {snapshot}: run UPDATE_SNAPSHOTS=1 pytest tests/test_report.py"
    assert html == snapshot.read_text(encoding="utf-8")


def test_total_in_words_reads_back(cases: dict[str, tuple[Path, Projection]], tmp_path: Path) -> None:
    source, p = cases["ha-dong-ba-loi"]
    dom = parse(render_html(p))
    words = dom.one(id="total-words")
    said = words.text.split(": ", 1)[1]
    reading = from_words(said)
    assert reading is not None
    assert reading.value == Decimal(words.attrs["data-value"]) == Decimal(46_475_000_000)
    # the workbook says the same under its total
    report, table = with_workbook_findings(check_file(source))
    out = tmp_path / "kq.xlsx"
    save_workbook(report, table, out)
    ws = openpyxl.load_workbook(out)[layout.SUMMARY]
    (cell,) = [c for row in ws.iter_rows() for c in row if isinstance(c.value, str) and c.value.startswith("Bằng chữ")]
    back = from_words(cell.value)
    assert back is not None and back.value == Decimal(46_475_000_000)
    assert cell.column == 2  # never in column A (section numbers) or C (stated amounts)


def test_labels_holding_markup_render_as_text(tmp_path: Path) -> None:
    heading = '1. Đào tạo <i>giáo viên</i> "x" onmouseover=alert(1)'
    label = "<script>alert('x')</script> 'a' & \"b\" onmouseover=alert(1)"
    path = tmp_path / "markup.txt"
    path.write_text(
        f"IV. KINH PHÍ THỰC HIỆN\nTổng kinh phí: 1.000 triệu đồng.\n{heading}\nKinh phí: 1.000 triệu đồng.\n"
        f"- {label}: 200 người x 1 triệu đồng/người/năm x 5 năm = 1.000 triệu đồng.\n",
        encoding="utf-8",
    )
    html = render_html(projection_of(path, "<b>markup</b>.txt"))
    assert "<script" not in html and "<i>" not in html and "<b>" not in html
    page = tmp_path / "markup.html"
    page.write_text(html, encoding="utf-8")
    dom = parse(dump_dom(page, tmp_path))
    assert dom.one(data_key="s-1").cell("label").text == heading[3:]
    (line,) = [n for n in dom.all() if n.tag == "tr" and n.attrs.get("data-kind") == "line"]
    assert line.cell("label").text.startswith(label)
    assert [n for n in dom.all() if n.tag in ("script", "i", "b")] == []
    assert all(not a.startswith("on") for n in dom.all() for a in n.attrs)
    assert "<b>markup</b>.txt" in dom.one(id="identity").text
    # autoescape is on for every template, whatever its name
    env = environment("vi")
    assert env.from_string("{{ x }}").render(x="<script>") == "&lt;script&gt;"
    assert env.get_template("macros.html.j2").module.amount(None) == '<span class="amount empty">—</span>'


def test_english_report(tmp_path: Path) -> None:
    wrong = three_errors(tmp_path)
    vi, en = tmp_path / "vi.html", tmp_path / "en.html"
    assert run("check", str(wrong), "--html", str(vi)).returncode == 1
    p = run("check", str(wrong), "--html", str(en), "--lang", "en")
    assert p.returncode == 1, p.stderr
    assert "RESULT: 5 errors. See each error at its place; 5 warnings" in p.stdout
    assert "[PRODUCT_MISMATCH] Product does not match: 2,200 × 1 × 5 = 11,000" in p.stdout
    html = en.read_text(encoding="utf-8")
    dom, dom_vi = parse(html), parse(vi.read_text(encoding="utf-8"))
    assert dom.one(id="verdict").children[0].text == "RESULT: 5 errors"
    assert '<html lang="en">' in html and "BUDGET CHECK REPORT" in html
    assert "Trạng thái" not in html and "Người lập biểu".upper() not in html and "HEAD OF THE UNIT" in html
    # the same report: the same rows with the same statuses, the same figures in English form
    keys = [
        (n.attrs["data-key"], n.attrs["data-status"]) for n in dom.find() if n.tag == "tr" and "data-key" in n.attrs
    ]
    assert keys == [
        (n.attrs["data-key"], n.attrs["data-status"]) for n in dom_vi.find() if n.tag == "tr" and "data-key" in n.attrs
    ]
    assert dom.one(data_key="l-45").cell("stated").text == "11,100"
    assert dom.one(data_key="l-45").cell("status").text.startswith("Wrong")


def test_cli_html_and_pdf(tmp_path: Path) -> None:
    wrong = three_errors(tmp_path)
    html, pdf = tmp_path / "bao-cao.html", tmp_path / "bao-cao.pdf"
    chromium()
    p = run("check", str(wrong), "--html", str(html), "--pdf", str(pdf))
    assert p.returncode == 1, p.stderr
    assert "<!DOCTYPE html>" in html.read_text(encoding="utf-8")
    first = pdftotext(pdf, 1, 1)
    assert "KẾT QUẢ: 5 lỗi" in first
    assert "BÁO CÁO KIỂM TRA DỰ TOÁN KINH PHÍ" in first
    text = pdftotext(pdf)
    assert "NGƯỜI LẬP BIỂU" in text and "THỦ TRƯỞNG ĐƠN VỊ" in text
    assert "Bốn mươi sáu tỷ, bốn trăm bảy mươi lăm triệu đồng" in text
    sizes = pdf_pages(pdf)
    assert 3 <= len(sizes) <= 12
    assert all(sorted((round(w), round(h))) == [595, 842] for w, h in sizes)  # A4, either way
    # one page type, landscape (the tree's nine columns), so no change of page type forces a break
    assert all(w > h for w, h in sizes)
    # an existing report is not replaced without --force, and the input never
    before = pdf.read_bytes()
    p = run("check", str(wrong), "--pdf", str(pdf))
    assert p.returncode == 2 and "[OUTPUT_EXISTS]" in p.stderr
    assert pdf.read_bytes() == before
    assert run("check", str(wrong), "--html", str(wrong), "--force").returncode == 2
    # no Chromium: said plainly, exit 2, nothing written
    env = {"BUDGET_CHROMIUM": str(tmp_path / "khong-co-chromium")}
    other = tmp_path / "khac.pdf"
    p = run("check", str(wrong), "--pdf", str(other), env=env)
    assert p.returncode == 2
    assert f"{other}: lỗi [REPORT_NO_CHROMIUM] Không tìm thấy trình duyệt Chromium" in p.stderr
    assert "Traceback" not in p.stderr and not other.exists()


# the workbook printed by LibreOffice ---------------------------------------------------------


def _sheet_xml(book: Path) -> dict[str, str]:
    with zipfile.ZipFile(book) as z:
        names = re.findall(
            r'<sheet name="([^"]+)" sheetId="\d+"(?: state="hidden")? r:id="rId(\d+)"',
            z.read("xl/workbook.xml").decode(),
        )
        return {name: z.read(f"xl/worksheets/sheet{rid}.xml").decode() for name, rid in names}


def test_printed_workbook(tmp_path: Path) -> None:
    wrong = three_errors(tmp_path)
    report, table = with_workbook_findings(check_file(wrong))
    p = project(report, table=table, checked_at=CHECKED_AT)
    book = tmp_path / "ba-loi.xlsx"
    save_workbook(report, table, book, projection=p)

    # every printed sheet: A4, one page wide, the header repeated; the wide ones landscape
    xml = _sheet_xml(book)
    printed = [layout.SUMMARY, layout.DETAIL, layout.FINDINGS, layout.SOURCES]
    for name in printed:
        sheet = xml[name]
        assert '<pageSetUpPr fitToPage="1"/>' in sheet, name
        setup = re.search(r"<pageSetup [^>]*/>", sheet)
        assert setup is not None, name
        assert 'paperSize="9"' in setup.group(0) and 'fitToHeight="0"' in setup.group(0), name
        assert 'fitToWidth="' not in setup.group(0) or 'fitToWidth="1"' in setup.group(0), name
        assert ('orientation="landscape"' in setup.group(0)) == (name != layout.SUMMARY), name
    with zipfile.ZipFile(book) as z:
        workbook_xml = z.read("xl/workbook.xml").decode()
        styles = z.read("xl/styles.xml").decode()
    assert workbook_xml.count('name="_xlnm.Print_Titles"') == len(printed)
    # number formats never end in a bare separator (Excel shows 46.375, for #,##0.######)
    formats = re.findall(r'formatCode="([^"]+)"', styles)
    assert "#,##0" in formats and all(not re.search(r"\.#|\.$", f) for f in formats), formats
    assert (number_format(0), number_format(1), number_format(3)) == ("#,##0", "#,##0.0", "#,##0.000")

    # rows with wrapped text are as tall as their lines (LibreOffice does not grow them itself)
    wb = openpyxl.load_workbook(book)
    summary = wb[layout.SUMMARY]
    title_21 = next(r for r in range(6, 20) if summary.cell(r, 1).value == "2.1")
    lines = text_lines(str(summary.cell(title_21, 2).value), 40)
    assert lines >= 4 and summary.row_dimensions[title_21].height >= lines * 13
    assert summary["A4"].value.startswith("KẾT QUẢ: 5 lỗi\nXem từng lỗi tại vị trí của nó; 5 cảnh báo")

    # printed: the verdict on the first page, no summary row saying Khớp where the check does not
    (pdf,) = convert(book, tmp_path, "pdf")
    first = pdftotext(pdf, 1, 1)
    assert "KẾT QUẢ: 5 lỗi" in first
    said: dict[str, str] = {}
    for line in first.splitlines():
        m = re.match(r"\s*(\d+(?:\.\d+)*)\s+.*\s(Khớp|Sai|Không ghi|Có khoản sai)\s*$", line)
        if m:
            said[m.group(1)] = m.group(2)
        if "TỔNG KINH PHÍ" in line:
            said["total"] = line.split()[-1]
    words = {Status.OK: "Khớp", Status.ERROR: "Sai", Status.INNER: "Có khoản sai", Status.NONE: "Không ghi"}
    want = {(r.number or "total"): words[r.status] for r in p.rows if r.kind != "line"}
    assert said == want
    assert [k for k, v in said.items() if v == "Khớp"] == ["2.1", "2.4", "2.5"]
    # every sheet fits the page width: a few A4 pages, not columns spilling onto pages of their own
    sizes = pdf_pages(pdf)
    assert 4 <= len(sizes) <= 8, sizes
    assert all(sorted((round(w), round(h))) == [595, 842] for w, h in sizes)
    assert sizes[0][0] < sizes[0][1] and all(w > h for w, h in sizes[1:])
    assert "Bốn mươi sáu tỷ, bốn trăm bảy mươi lăm triệu đồng" in first and "KẾ TOÁN TRƯỞNG" in first


def test_template_prints_clean_and_sums_every_row(tmp_path: Path) -> None:
    out = tmp_path / "dutoan.xlsx"
    assert run("template", "-o", str(out)).returncode == 0
    wb = openpyxl.load_workbook(out)
    ws = wb[layout.DETAIL]
    assert [ws.cell(4, c).value for c in (5, 7, 9)] == ["Số lượng", "Đơn giá", "Thời gian"]
    assert [ws.cell(5, c).value for c in (5, 7, 9)] == ["Thừa số 1", "Thừa số 2", "Thừa số 3"]  # read back by name
    assert ws["D7"].fill.fgColor.rgb.endswith("FFF2CC") and ws["D7"].border.left.style == "thin"
    # a row far below the prepared ones, without formulas, is still in the total
    ws["B400"], ws["D400"], ws["E400"], ws["F400"], ws["O400"] = "1", "Thêm", 2, "người", 700
    filled = tmp_path / "filled.xlsx"
    wb.save(filled)
    sheets = recalculated_sheets(filled, tmp_path)
    detail = sheets[layout.DETAIL]
    assert number(sheets[layout.SUMMARY][5][3]) == Decimal(1500 + 700)
    assert all(row[12] == "" for row in detail[6:55])  # no 0,000001 on empty rows
    assert check_file(filled).evaluation.total.children_sum == Decimal(2200)
    (pdf,) = convert(out, tmp_path, "pdf")
    text = pdftotext(pdf)
    assert "0,000001" not in text and "0.000001" not in text
    assert "Số lượng" in text and "Đơn giá" in text


def test_targets_in_report_and_printed_sheet(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_text(
        "KẾ HOẠCH Nâng cao chất lượng giáo dục\nI. MỤC TIÊU\n"
        "Phấn đấu đến năm 2025 tỷ lệ trường đạt chuẩn quốc gia tối thiểu 66%.\n"
        "IV. KINH PHÍ THỰC HIỆN\nTổng kinh phí: 1.000 triệu đồng.\n"
        "- Giáo viên: 200 người x 1 triệu đồng/người/năm x 5 năm = 1.000 triệu đồng.\n",
        encoding="utf-8",
    )
    html, book = tmp_path / "bc.html", tmp_path / "kq.xlsx"
    p = run("check", str(path), "--html", str(html), "--xlsx", str(book))
    assert p.returncode == 0, p.stderr
    dom = parse(html.read_text(encoding="utf-8"))
    (row,) = [n for n in dom.all() if n.tag == "tr" and n.attrs.get("class") == "target"]
    cells = [c.text for c in row.children]
    assert cells[:4] == ["CT01", "tối thiểu", "66%", "2025"]
    assert cells[-1] == "Chưa đánh giá: cần số liệu (lệnh indicators check)"
    sheet = _sheet_xml(book)["Chỉ tiêu"]
    assert '<pageSetUpPr fitToPage="1"/>' in sheet and 'orientation="landscape"' in sheet
    ws = openpyxl.load_workbook(book)["Chỉ tiêu"]
    assert [c.value for c in ws[1]][:3] == ["Mã", "Chỉ tiêu", "Loại"]  # indicators check reads it from row 1
    assert ws["A2"].value == "CT01"


def test_own_workbooks_read_back_fully_checked(tmp_path: Path) -> None:
    """Empty formula results are stored as computed empty text, so a workbook the tool wrote
    (or its blank template) is never "not fully checked" when read back."""
    book = tmp_path / "kq.xlsx"
    report, table = with_workbook_findings(check_file(HA_DONG))
    save_workbook(report, table, book)
    template = tmp_path / "mau.xlsx"
    assert run("template", "-o", str(template)).returncode == 0
    for path in (book, template):
        back = check_file(path)
        assert [f.code for f in back.findings if f.code.startswith("XLSX")] == [], path
        assert project(back).verdict.headline == "KẾT QUẢ: KHỚP", path


def test_findings_quote_a_window_of_a_long_line(tmp_path: Path) -> None:
    path = tmp_path / "dai.txt"
    filler = "Ghi chú dài " * 2500  # a 30 KB line, as run-on documents have
    path.write_text(
        "IV. KINH PHÍ THỰC HIỆN\nTổng kinh phí: 1.000 triệu đồng.\n"
        f"- Giáo viên: {filler}200 người x 1 triệu đồng/người/năm x 5 năm = 1.100 triệu đồng. {filler}\n",
        encoding="utf-8",
    )
    p = projection_of(path, "dai.txt")
    (shown,) = [f for f in p.findings if f.code == "PRODUCT_MISMATCH"]
    assert len(shown.excerpt) <= 112 and shown.caret is not None
    assert shown.excerpt[shown.caret :].startswith("1.100")
    html = render_html(p)
    assert len(html) < 60_000 and filler not in html


def test_computations_beside_the_budget_have_a_table_of_their_own(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_text(
        "KẾ HOẠCH\nTổng kinh phí: 6 tỷ đồng, gồm:\n1. Chi tổ chức: 6 tỷ đồng\n"
        "- Số người: 30 người x 2 lớp = 70 người\n"
        "- Phụ cấp: 6 tỷ đồng (tính ra 6 tỷ đồng : 12 lớp = 0,5 tỷ đồng/lớp)\n",
        encoding="utf-8",
    )
    p = project(check_file(path), checked_at=CHECKED_AT)
    assert [(r.kind, r.line, r.stated, r.recomputed, r.status) for _result, r in p.side] == [
        ("beside", 4, Decimal(70), Decimal(60), Status.ERROR),
        ("beside", 5, Decimal("0.5"), Decimal("0.5"), Status.OK),
    ]
    html = render_html(p)
    rows = re.findall(
        r'<tr class="row row-beside status-(\w+)" data-kind="beside" data-status="\w+" data-line="(\d+)"', html
    )
    assert rows == [("error", "4"), ("ok", "5")]
    assert "Phép tính kèm theo" in html and "PRODUCT_MISMATCH" in html
    # the tree's rows hold none of them: they are never added to a sum
    assert [r.line for r in p.rows if r.kind == "line"] == []


def test_a_sum_within_rounding_is_shown_as_rounded_not_wrong(tmp_path: Path) -> None:
    """A section whose stated figure differs from its parts by what its own rounding explains
    is no error: the report's sums table says "Làm tròn", never "Sai", beside a KHỚP."""
    plan = tmp_path / "lam-tron.txt"
    plan.write_text(
        "III. KINH PHÍ THỰC HIỆN\n"
        "1. Tập huấn: 10,3 triệu đồng\n"
        "- Bồi dưỡng: 3 người x 1,15 triệu đồng/người = 3,45 triệu đồng\n"
        "- Tài liệu: 2 bộ x 3,415 triệu đồng/bộ = 6,83 triệu đồng\n"
        "2. Hội nghị: 5 triệu đồng\n"
        "- Thuê hội trường: 1 ngày x 5 triệu đồng/ngày = 5 triệu đồng\n"
        "Tổng kinh phí: 15,3 triệu đồng\n",
        encoding="utf-8",
    )
    p = projection_of(plan, "lam-tron.txt")
    assert p.verdict.headline == "KẾT QUẢ: KHỚP"
    assert [(c.kind, c.number, c.status) for c in p.sums] == [
        ("section", "1", "rounded"),
        ("section", "2", "ok"),
        ("total", "", "ok"),
    ]
    html = render_html(p)
    row = re.search(r'<tr class="sum status-rounded" data-kind="section" data-status="rounded".*?</tr>', html, re.S)
    assert row is not None and "<td>Làm tròn</td>" in row.group(0)
    assert "Sai" not in row.group(0)


def test_a_status_code_wraps_only_after_its_underscores(cases: dict[str, tuple[Path, Projection]]) -> None:
    """The code beside a row's status (a link to its finding, the message as its tooltip) may
    wrap in a narrow column, but only after an underscore: never ``SECTION_SUM_MISMATC`` / ``H``."""
    html = render_html(cases["ha-dong-ba-loi"][1])
    links = re.findall(r'<span class="refs">(.*?)</span>', html)
    assert links and all("<wbr>" not in re.sub(r"_<wbr>", "", link) for link in links)
    assert ">SECTION_<wbr>SUM_<wbr>MISMATCH</a>" in html
    assert 'title="Mục 2.2: cộng các khoản bên trong được 10.200 triệu đồng, nhưng mục ghi 10.300 triệu đồng' in html


_IN_DONG = (
    "KẾ HOẠCH\nIV. KINH PHÍ THỰC HIỆN\nTổng kinh phí: 9.000.000.000 đồng, gồm:\n"
    "1. Quan trắc năm 2025: 1.500.000.000 đồng, gồm:\n- Thu mẫu: 1.364.329.243 đồng\n"
    "- Thuê tin nhắn: 135.670.757 đồng\n"
    "2. Quan trắc 2026-2030: 1.500.000.000 đồng/năm x 5 năm = 7.500.000.000 đồng\n"
)


def test_figures_of_billions_in_dong_fit_their_printed_columns(tmp_path: Path) -> None:
    """A budget of tỷ written in đồng (13 characters a figure) gets wider figure columns: in the
    PDF two figures of a row never run into each other (``7.500.000.0007.500.000.000``)."""
    plan = tmp_path / "plan.txt"
    plan.write_text(_IN_DONG, encoding="utf-8")
    assert 'class="tree wide"' in render_html(project(check_file(plan)))
    small = tmp_path / "small.txt"
    small.write_text(
        "KẾ HOẠCH\nTổng kinh phí: 9.000 triệu đồng, gồm:\n1. A: 1.500 triệu đồng\n2. B: 7.500 triệu đồng\n"
    )
    assert '<table class="tree">' in render_html(project(check_file(small)))
    chromium()
    pdf = tmp_path / "plan.pdf"
    assert run("check", str(plan), "--pdf", str(pdf)).returncode in (0, 1)
    text = pdftotext(pdf)
    assert "9.000.000.000" in text and "7.500.000.000" in text
    assert re.search(r"[0-9]{3}\.[0-9]{3}[0-9]\.[0-9]{3}", text) is None  # no two figures run together
