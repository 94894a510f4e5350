"""One document, checked alone and as part of a folder, shows the same rows: the same status,
stated figure, sum, recomputed figure and difference on every row of its budget tree, in the
JSON and in the HTML; the consolidated workbook holds those figures as numbers.

Five small plans written here: one that agrees, one with a wrong product (its section and the
grand total add the wrong figure, so the sum and the recomputation differ), one with a stated
lump sum beside a wrong product, one with a wrong section sum, and a table with a ``Cộng`` row.
"""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from plancheck.write_batch_xlsx import SUMMARY, sheet_name

DOCS = {
    "a-dung.txt": """KẾ HOẠCH TỔ CHỨC HỘI NGHỊ
Tổng kinh phí: 5.000.000 đồng, gồm:
1. Văn phòng phẩm: 2.000.000 đồng
- Giấy: 10 ram x 100.000 đồng/ram = 1.000.000 đồng
- Bút: 100 cái x 10.000 đồng/cái = 1.000.000 đồng
2. Hội nghị: 3.000.000 đồng
- Nước uống: 50 người x 20.000 đồng/người = 1.000.000 đồng
- Tài liệu: 50 bộ x 40.000 đồng/bộ = 2.000.000 đồng
""",
    # 50 × 20.000 = 1.000.000 written 1.200.000: the section and the total add the wrong figure
    "b-tich-sai.txt": """KẾ HOẠCH TỔ CHỨC HỘI NGHỊ
Tổng kinh phí: 5.200.000 đồng, gồm:
1. Văn phòng phẩm: 2.000.000 đồng
- Giấy: 10 ram x 100.000 đồng/ram = 1.000.000 đồng
- Bút: 100 cái x 10.000 đồng/cái = 1.000.000 đồng
2. Hội nghị: 3.200.000 đồng
- Nước uống: 50 người x 20.000 đồng/người = 1.200.000 đồng
- Tài liệu: 50 bộ x 40.000 đồng/bộ = 2.000.000 đồng
""",
    # a section with its own figure and no computation, beside a wrong product
    "c-tron-goi.txt": """KẾ HOẠCH TỔ CHỨC HỘI NGHỊ
Tổng kinh phí: 4.200.000 đồng, gồm:
1. Văn phòng phẩm: 1.000.000 đồng
2. Hội nghị: 3.200.000 đồng
- Nước uống: 50 người x 20.000 đồng/người = 1.200.000 đồng
- Tài liệu: 50 bộ x 40.000 đồng/bộ = 2.000.000 đồng
""",
    # section 1 states 2.500.000 for two lines of 1.000.000
    "d-cong-sai.txt": """KẾ HOẠCH TỔ CHỨC HỘI NGHỊ
Tổng kinh phí: 5.000.000 đồng, gồm:
1. Văn phòng phẩm: 2.500.000 đồng
- Giấy: 10 ram x 100.000 đồng/ram = 1.000.000 đồng
- Bút: 100 cái x 10.000 đồng/cái = 1.000.000 đồng
2. Hội nghị: 3.000.000 đồng
- Nước uống: 50 người x 20.000 đồng/người = 1.000.000 đồng
- Tài liệu: 50 bộ x 40.000 đồng/bộ = 2.000.000 đồng
""",
    "e-bang.csv": """STT,Nội dung,Đơn vị tính,Số lượng,Đơn giá,Thành tiền
1,Giấy,ram,10,100000,1000000
2,Bút,cái,100,10000,1000000
3,Nước uống,người,50,20000,1000000
,Cộng,,,,3000000
""",
}
NAMES = sorted(DOCS)


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "plancheck", "check", *args, "--force"], capture_output=True, text=True, check=False
    )


class _Tree(HTMLParser):
    """The rows of every ``table.tree`` of a page, as the reader sees them: each cell's visible
    text, without the factors and finding codes the single report adds beside a label or a status;
    and the section (``id="doc-N"``) each table stands in."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, tuple[list[str], list[list[str]]]] = {}
        self._section = ""
        self._table: tuple[list[str], list[list[str]]] | None = None
        self._cell: list[str] | None = None
        self._row: list[str] | None = None
        self._skip = 0  # depth inside a span the comparison leaves out

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "section" and a.get("id"):
            self._section = str(a["id"])
        elif tag == "table" and "tree" in (a.get("class") or "").split():
            self._table = ([], [])
            self.tables[self._section] = self._table
        elif self._table is None:
            return
        elif tag == "tr":
            self._row = []
        elif tag in ("td", "th"):
            self._cell = []
        elif tag == "span" and (self._skip or {"factors", "refs"} & set((a.get("class") or "").split())):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if self._table is None:
            return
        if tag == "span" and self._skip:
            self._skip -= 1
        elif tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            head, body = self._table
            if not head:
                head.extend(self._row)
            else:
                body.append(self._row)
            self._row = None
        elif tag == "table":
            self._table = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None and not self._skip:
            self._cell.append(data)


def _html_rows(page: str, section: str) -> list[dict[str, str]]:
    parser = _Tree()
    parser.feed(page)
    head, body = parser.tables[section]
    return [dict(zip(head, row, strict=True)) for row in body]


# The figures a row shows, and the headers they stand under (the single report's first): a
# figure the batch does not show is reported missing, not skipped.
_FIGURES = {
    "stated": ("Số ghi", "Kinh phí ghi"),
    "summed": ("Cộng các khoản",),
    "recomputed": ("Tính lại từ thừa số", "Tính lại"),
    "difference": ("Chênh lệch",),
    "status": ("Trạng thái",),
}
_MISSING = "<không có cột này>"


def _cell(row: dict[str, Any], figure: str) -> Any:
    return next((row[h] for h in _FIGURES[figure] if h in row), _MISSING)


def _shown(row: dict[str, str]) -> dict[str, str]:
    return {"label": row.get("Nội dung", "").casefold()} | {f: _cell(row, f) for f in _FIGURES}


def _json_rows(report: dict[str, Any]) -> list[tuple[Any, ...]]:
    t = report["total"]
    rows: list[tuple[Any, ...]] = [("total", t["stated"], t["sum"], t["recomputed"], t["status"])]
    rows += [
        ("section", s["number"], s["stated"], s["children_sum"], s["recomputed"], s["status"])
        for s in report["sections"]
    ]
    rows += [("line", x["line"], x["stated"]["value"], x["computed"], x["status"]) for x in report["lines"]]
    return rows


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("don-vi")
    out = tmp_path_factory.mktemp("ket-qua")
    for name, text in DOCS.items():
        (folder / name).write_text(text, encoding="utf-8")
    alone = {}
    for name in NAMES:
        html = out / f"{name}.html"
        p = _run(str(folder / name), "--format", "json", "--html", str(html))
        assert p.returncode in (0, 1), p.stderr
        alone[name] = (json.loads(p.stdout), html.read_text(encoding="utf-8"))
    html, xlsx = out / "tong-hop.html", out / "tong-hop.xlsx"
    p = _run(str(folder), "--format", "json", "--html", str(html), "--xlsx", str(xlsx), "-q", "--jobs", "2")
    assert p.returncode == 1, p.stderr
    batch = json.loads(p.stdout)
    assert [Path(d["summary"]["file"]).name for d in batch["documents"]] == NAMES
    return {"alone": alone, "batch": batch, "html": html.read_text(encoding="utf-8"), "xlsx": xlsx}


def test_the_documents_read_as_intended(runs: dict[str, Any]) -> None:
    """The five plans come out as written for: the statuses the comparison rests on."""
    statuses = {name: runs["alone"][name][0]["verdict"]["kind"] for name in NAMES}
    assert statuses == {
        "a-dung.txt": "ok",
        "b-tich-sai.txt": "errors",
        "c-tron-goi.txt": "errors",
        "d-cong-sai.txt": "errors",
        "e-bang.csv": "ok",
    }
    b = runs["alone"]["b-tich-sai.txt"][0]["total"]
    assert (b["stated"], b["sum"], b["recomputed"], b["status"]) == ("5200000", "5200000", "5000000", "inner")
    c = runs["alone"]["c-tron-goi.txt"][0]["sections"][0]
    assert (c["stated"], c["children_sum"], c["status"]) == ("1000000", None, "stated")


def test_json_rows_agree(runs: dict[str, Any]) -> None:
    for name, d in zip(NAMES, runs["batch"]["documents"], strict=True):
        single = runs["alone"][name][0]
        assert _json_rows(d["report"]) == _json_rows(single), name
        assert d["report"]["verdict"] == single["verdict"], name
        # the document's row of the summary: its grand total as the report says it
        s, t = d["summary"], single["total"]
        assert (s["total_stated"], s["total_computed"], s["status"]) == (
            t["stated"],
            t["sum"],
            single["verdict"]["kind"],
        )
        want = None if t["stated"] is None or t["sum"] is None else str(Decimal(t["stated"]) - Decimal(t["sum"]))
        assert s["difference"] == want, name


def test_html_rows_agree(runs: dict[str, Any]) -> None:
    """Every row of every document's tree: the same words and figures under the same headers."""
    single, batch = {}, {}
    for i, name in enumerate(NAMES, 1):
        single[name] = [_shown(r) for r in _html_rows(runs["alone"][name][1], "tree")]
        batch[name] = [_shown(r) for r in _html_rows(runs["html"], f"doc-{i}")]
        assert len(single[name]) == len(_json_rows(runs["alone"][name][0])), name
    assert batch == single  # every document at once: a failure lists every row that differs


def test_workbook_figures_are_numbers(runs: dict[str, Any]) -> None:
    wb = openpyxl.load_workbook(runs["xlsx"], data_only=True)  # formulas read as their stored values
    ws = wb[SUMMARY]
    head = [c.value for c in ws[5]]
    cols = [head.index(h) for h in ("Tổng kinh phí ghi", "Chênh lệch (ghi − tính)")]
    cols.append(next(i for i, h in enumerate(head) if isinstance(h, str) and h.startswith("Tổng ") and i > cols[0]))
    figures = [row[c] for row in ws.iter_rows(min_row=6) for c in cols if row[c].value is not None]
    assert len(figures) >= 3 * len(NAMES)  # each document's, and the totals under them
    assert [(f.coordinate, f.value) for f in figures if f.data_type != "n"] == []
    totals = [
        r for r in ws.iter_rows(min_row=6 + len(NAMES), values_only=True) if r[1] and str(r[1]).startswith("Cộng")
    ]
    assert len(totals) == 1
    # each document's sheet: its figures as numbers, equal to what the document alone shows
    for i, name in enumerate(NAMES, 1):
        single = _html_rows(runs["alone"][name][1], "tree")
        rows = list(wb[sheet_name(i, name)].iter_rows())
        at = next(n for n, r in enumerate(rows) if r[0].value == "Vị trí")
        head = {c.value: c.column - 1 for c in rows[at] if c.value}
        body = rows[at + 1 : at + 1 + len(single)]
        for cells, want in zip(body, single, strict=True):
            got = {f: _cell({h: cells[c] for h, c in head.items()}, f) for f in _FIGURES}
            assert [f for f, c in got.items() if c is _MISSING] == [], (name, list(head))
            for f in ("stated", "summed", "recomputed", "difference"):
                cell, shown = got[f], _cell(want, f)
                if shown in ("—", "", "không ghi"):
                    assert cell.value is None, (name, f, cell.coordinate, cell.value)
                    continue
                assert cell.data_type == "n", (name, f, cell.coordinate, cell.value)
                assert Decimal(str(cell.value)) == Decimal(shown.replace(".", "").replace(",", ".")), (
                    name,
                    f,
                    cell.coordinate,
                    cell.value,
                    shown,
                )
            assert got["status"].value == _cell(want, "status"), (name, cells[2].value)
