"""The fast row writer (``plancheck.xlsx.rows``) writes the same bytes as XlsxWriter's own.

Each workbook is written twice: with the ``FastWorksheet._write_single_row`` override and with
it removed (XlsxWriter's row writer); every member of the two files but the document
properties (which hold the time of writing) must be identical.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from benchmarks.synthetic import bench_plan
from budget import check_file
from budget.units import money_named
from plancheck.projection import project
from plancheck.workbook import save_workbook, with_workbook_findings
from plancheck.xlsx import book
from plancheck.xlsx.book import EMPTY, FastWorkbook, FastWorksheet, StoredNumber, workbook_options
from plancheck.xlsx.template import write_template

TRICKY = """Số: 12/KH-UBND

KẾ HOẠCH
Thử <&>"' các ký tự

IV. KINH PHÍ THỰC HIỆN
1. Mục <&>"' thử & "nháy": 30 triệu đồng. Trong đó:
- Giáo viên <b>&amp; "x" 'y': 10 người x 1,5 triệu đồng/người/năm x 2 năm = 30 triệu đồng
- =SUM(A1) lương: 2 người x 0,25 triệu đồng/người/năm x 1 năm = 0,5 triệu đồng
- +Phụ cấp _x0041_ tab\there: 3 người x 1,5 triệu đồng/người = 5 triệu đồng
2. Lớn: 1.234.567.890.123.456 đồng/lần x 1 lần = 1.234.567.890,123456 triệu đồng
3. Bồi dưỡng cán bộ quản lý giáo dục, nâng cao năng lực chuyên môn nghiệp vụ cho đội ngũ \
giáo viên các cấp học trên địa bàn quận theo chuẩn nghề nghiệp mới ban hành, tổ chức tập huấn, \
hội thảo, tham quan học tập kinh nghiệm ở các địa phương bạn trong và ngoài thành phố: \
7 người x 0,125 triệu đồng/người/năm x 3 năm = 2,625 triệu đồng
4. Số âm: -2 lần x 1,5 triệu đồng/lần = -3 triệu đồng
"""


def _members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist() if not n.startswith("docProps/")}


def _both(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, write: Callable[[Path], None]) -> int:
    """Write with the fast rows and with XlsxWriter's; assert identical; rows written fast."""
    fast_rows = 0
    original = book.row_xml

    def counting(ws: Any, row: int, cells: dict[int, Any]) -> str | None:
        nonlocal fast_rows
        xml = original(ws, row, cells)
        fast_rows += xml is not None
        return xml

    with monkeypatch.context() as m:
        m.setattr(book, "row_xml", counting)
        write(tmp_path / "fast.xlsx")
    with monkeypatch.context() as m:
        m.delattr(FastWorksheet, "_write_single_row")
        write(tmp_path / "slow.xlsx")
    fast, slow = _members(tmp_path / "fast.xlsx"), _members(tmp_path / "slow.xlsx")
    assert sorted(fast) == sorted(slow)
    assert any(n.startswith("xl/worksheets/sheet") for n in fast)
    for name in fast:
        assert fast[name] == slow[name], name
    return fast_rows


def _plan_writer(text: str, tmp_path: Path, lang: str = "vi") -> Callable[[Path], None]:
    src = tmp_path / "plan.txt"
    src.write_text(text, encoding="utf-8")
    report, table = with_workbook_findings(check_file(src))
    shown = project(report, (), lang, table=table)  # once: its time of checking is written

    def write(out: Path) -> None:
        save_workbook(report, table, out, force=True, lang=lang, projection=shown)

    return write


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_generated_plan(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    text = bench_plan(600, seed=3, per_section=40)
    text = text.replace(" = ", " = 1", 7)  # some wrong stated amounts: findings, error statuses
    assert _both(tmp_path, monkeypatch, _plan_writer(text, tmp_path, lang)) > 1200


def test_tricky_plan(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert _both(tmp_path, monkeypatch, _plan_writer(TRICKY, tmp_path)) > 10


def test_template(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    unit = money_named("triệu đồng")
    assert _both(tmp_path, monkeypatch, lambda out: write_template(out, unit)) > 50


_STRINGS = [
    "plain",
    " leading",
    "trailing ",
    "\tTab",
    "line\nbreak\r\nthere",
    "quote \" apos ' amp & lt < gt >",
    "<b>&amp;</b>",
    "=SUM(A1:A3)",
    "a\x01b\x08c\x0bd\x1fe\x00",
    "_x0041_ and _X00e9_ and _x00zz_",
    "bad \ufffe \uffff end",
    "Tiếng Việt: Đảm bảo chất lượng giáo dục, ưu tiên đầu tư cơ sở vật chất",
    "1234567890123456789",
    "-0,000001",
    "x" * 32_767,
    "<r><t>rich</t></r>",  # written raw by XlsxWriter: left to it
    "",
]


def _sheet_writer(out: Path) -> None:
    wb = FastWorkbook(str(out), workbook_options())
    fmt = wb.add_format({"border": 1, "num_format": "#,##0.00"})
    column = wb.add_format({"italic": True})
    ws = wb.add_worksheet("Ô")
    ws.set_column(0, 0, 30)
    ws.set_column(2, 2, 12, column)  # a column format shown in unformatted cells
    r = 0
    for i, s in enumerate(_STRINGS):
        ws.write_string(r, 0, s, fmt if i % 2 else None)
        ws.write_string(r, 2, s)
        r += 1
    for i, n in enumerate(
        [
            Decimal("-1234.5600"),
            Decimal("0.000001"),
            Decimal("1E+3"),
            Decimal("123456789012345678"),
            Decimal("-0"),
            Decimal("99999999999999.99"),
            7,
            -3,
        ]
    ):
        ws.write_number(r, 1, n, fmt if i % 2 else None)
        ws.write_number(r, 2, n)
        r += 1
    formula_values: list[Any] = [
        StoredNumber(Decimal("-0.5")),
        StoredNumber(Decimal("123456789.123456789")),
        EMPTY,
        "",
        "#N/A",
        "#DIV/0!",
        "text <&> \"q\" 'a'",
        "Đạt",
        0,
        Decimal("2.50"),
        True,  # a boolean result: left to XlsxWriter
    ]
    for i, v in enumerate(formula_values):
        ws.write_formula(r, 3, f'=IF(A1="<&>","x",B{r}*2)', fmt if i % 2 else None, v)
        ws.write_formula(r, 2, '=A1&"\'"')
        r += 1
    ws.write_blank(r, 0, None, fmt)
    ws.write_blank(r, 1, None)  # no format: not stored
    ws.write_blank(r, 2, None, column)
    r += 1
    ws.write_string(r, 5, "written first")  # cells stored out of column order
    ws.write_number(r, 0, Decimal(1))
    ws.write_blank(r, 3, None, fmt)
    r += 1
    ws.set_row(r, 40.5)
    ws.write_string(r, 0, "tall")
    r += 1
    ws.set_row(r, 13.5)
    ws.write_string(r, 0, "custom default height")
    r += 1
    ws.set_row(r, 15)
    ws.write_string(r, 0, "the default height")
    r += 1
    ws.set_row(r, 30, None, {"hidden": True})  # left to XlsxWriter
    ws.write_string(r, 0, "hidden")
    r += 1
    ws.set_row(r, None, fmt)  # a row format: left to XlsxWriter
    ws.write_string(r, 0, "row format")
    ws.write_string(r, 1, "row format, unformatted cell")
    r += 1
    ws.set_row(r, 25)  # a row with a height and no cells
    r += 2
    ws.merge_range(r, 0, r, 4, "merged <&>", fmt)
    r += 1
    ws.write_string(r, 16_383, "last column")
    ws.write_string(r, 0, "first column")
    wb.close()


def test_cells_and_rows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert _both(tmp_path, monkeypatch, _sheet_writer) > 30
