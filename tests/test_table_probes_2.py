"""Budget tables in the files officers receive, probed as a new user would (second round):
``.csv``, ``.xlsx`` typed and with formulas (as written and recalculated by LibreOffice) and
``.docx``. Each table is checked correct (no error) and with one figure wrong (an error at it,
never ``KHỚP``).

Every table here is invented for these tests.
"""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import docx
import openpyxl
import pytest

from budget.api import Report, check_file
from budget.findings import Severity
from budget.model import walk_lines
from tests.helpers import assert_message, verdict_of
from tests.office import recalculated_xlsx

Rows = list[list[object]]


def _csv(path: Path, rows: Rows) -> Path:
    with path.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows([["" if c is None else _text(c) for c in r] for r in rows])
    return path


def _text(value: object) -> str:
    return f"{value:,}".replace(",", ".") if isinstance(value, int) else str(value)


def _xlsx(path: Path, rows: Rows) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    for r in rows:
        ws.append([c if c != "" else None for c in r])
    wb.save(path)
    return path


def _docx(path: Path, rows: Rows) -> Path:
    d = docx.Document()
    lines = [r for r in rows if sum(1 for c in r if c not in ("", None)) == 1 and r[0]]
    head = [r for r in rows if r not in lines]
    for r in rows[: rows.index(head[0])]:
        d.add_paragraph(str(r[0] or ""))
    table = d.add_table(rows=0, cols=len(head[0]))
    for r in head:
        for cell, value in zip(table.add_row().cells, r, strict=True):
            cell.text = "" if value is None else _text(value)
    d.save(str(path))
    return path


def _errors(report: Report) -> list[tuple[str, Decimal | None]]:
    return [(f.code, f.actual) for f in report.findings if f.severity is Severity.ERROR]


def _every_file(tmp_path: Path, name: str, rows: Rows) -> dict[str, Report]:
    out = {}
    for kind, write in (("csv", _csv), ("xlsx", _xlsx), ("docx", _docx)):
        path = write(tmp_path / f"{name}.{kind}", rows)
        out[kind] = check_file(path, path.name)
    return out


# --------------------------------------------------------------------------- a total column named ``Tổng kinh phí``

_SOURCES_ABOVE: Rows = [["KINH PHÍ THỰC HIỆN MÔ HÌNH TRỒNG RỪNG", "", "", "", ""], ["ĐVT: đồng", "", "", "", ""]]


def _sources(header: Rows, first_total: object, total_total: object) -> Rows:
    return [
        *_SOURCES_ABOVE,
        ["", "", "", "", ""],
        *header,
        ["1", "Cây giống", first_total, 90_000_000, 35_000_000],
        ["2", "Phân bón", 48_000_000, 30_000_000, 18_000_000],
        ["3", "Công chăm sóc", 12_000_000, 12_000_000, 0],
        ["", "Cộng", total_total, 132_000_000, 53_000_000],
    ]


_HEADERS = {
    "one row": [["STT", "Nội dung", "Tổng kinh phí", "NS tỉnh", "NS huyện"]],
    "merged sources": [["TT", "Nội dung", "Tổng kinh phí", "Nguồn vốn", ""], ["", "", "", "NS tỉnh", "NS huyện"]],
    "of which": [["TT", "Nội dung", "Tổng dự toán", "Trong đó", ""], ["", "", "", "NS tỉnh", "NS huyện"]],
}


@pytest.mark.parametrize("header", _HEADERS)
def test_a_total_column_named_total_of_money_adds_its_sources_in_every_row(tmp_path: Path, header: str) -> None:
    """``Tổng kinh phí | NS tỉnh | NS huyện``: the first column totals the sources of its row.
    Named an amount, not a total, it was checked only when every row agreed: one wrong row
    left it unchecked, and a workbook whose ``Cộng`` adds the wrong column passed as KHỚP."""
    right = _sources(_HEADERS[header], 125_000_000, 185_000_000)
    for kind, report in _every_file(tmp_path, "right", right).items():
        assert (kind, verdict_of(report), _errors(report)) == (kind, "ok", [])
    # the column's own sum agrees (as a formula would make it): only the rows tell
    wrong = _sources(_HEADERS[header], 135_000_000, 195_000_000)
    for kind, report in _every_file(tmp_path, "wrong", wrong).items():
        assert (kind, _errors(report)) == (
            kind,
            [("SECTION_SUM_MISMATCH", Decimal(135_000_000)), ("SECTION_SUM_MISMATCH", Decimal(195_000_000))],
        )


def test_a_workbook_whose_total_row_is_a_formula_is_checked_across_after_recalculation(tmp_path: Path) -> None:
    rows = _sources(_HEADERS["merged sources"], 135_000_000, "=C6+C7+C8")
    rows[-1][3:] = ["=D6+D7+D8", "=E6+E7+E8"]
    path = recalculated_xlsx(_xlsx(tmp_path / "f.xlsx", rows), tmp_path)
    report = check_file(path, path.name)
    assert _errors(report) == [
        ("SECTION_SUM_MISMATCH", Decimal(135_000_000)),
        ("SECTION_SUM_MISMATCH", Decimal(195_000_000)),
    ]


# --------------------------------------------------------------------------- sources beside a product

_PRODUCT_SOURCES: Rows = [
    ["DỰ TOÁN HỖ TRỢ MÔ HÌNH CÁNH ĐỒNG MẪU", "", "", "", "", "", "", ""],
    ["ĐVT: đồng", "", "", "", "", "", "", ""],
    ["", "", "", "", "", "", "", ""],
    ["STT", "Nội dung", "ĐVT", "Số lượng", "Đơn giá", "Thành tiền", "NS tỉnh", "NS huyện"],
    ["1", "Giống lúa", "kg", 400, 32_000, 12_800_000, 8_800_000, 4_000_000],
    ["2", "Phân bón NPK", "kg", 900, 14_000, 12_600_000, 8_600_000, 4_000_000],
    ["", "Tổng cộng", "", "", "", 25_400_000, 17_400_000, 8_000_000],
]


def test_source_columns_after_a_product_are_said_not_checked_never_passed(tmp_path: Path) -> None:
    """``Thành tiền | NS tỉnh | NS huyện``: the products are checked, the sources beside them
    are read by nothing. They were dropped unseen, and a wrong source figure passed as KHỚP;
    now each such column is reported not checked (right or wrong: never KHỚP, never an error)."""
    wrong = [list(r) for r in _PRODUCT_SOURCES]
    wrong[5][6] = 9_600_000
    for rows in (_PRODUCT_SOURCES, wrong):
        for kind, report in _every_file(tmp_path, "p", rows).items():
            columns = [f.args["column"] for f in report.findings if f.code == "TABLE_COLUMN_NOT_CHECKED"]
            assert (kind, verdict_of(report), _errors(report), columns) == (
                kind,
                "incomplete",
                [],
                ["NS tỉnh", "NS huyện"],
            )
            assert [line.steps[-1].stated.value for line in walk_lines(tuple(report.plan.items))] == [
                12_800_000,
                12_600_000,
            ]
    report = _every_file(tmp_path, "p", _PRODUCT_SOURCES)["csv"]
    assert_message(
        next(f for f in report.findings if f.code == "TABLE_COLUMN_NOT_CHECKED"),
        "TABLE_COLUMN_NOT_CHECKED",
        "Cột “NS tỉnh” đứng sau cột thành tiền và không phép tính nào dùng các số của nó: "
        "các số của cột này chưa được kiểm tra.",
        en="Column “NS tỉnh” stands after the amount column and no computation uses its figures: its figures "
        "are not checked.",
    )


# --------------------------------------------------------------------------- a subtotal, then what is added to it

_WITH_TAX: Rows = [
    ["DỰ TOÁN MUA SẮM TỦ HỒ SƠ", "", "", "", "", ""],
    ["ĐVT: đồng", "", "", "", "", ""],
    ["", "", "", "", "", ""],
    ["STT", "Nội dung", "ĐVT", "Số lượng", "Đơn giá", "Thành tiền"],
    ["1", "Tủ sắt", "cái", 3, 3_200_000, 9_600_000],
    ["2", "Kệ gỗ", "cái", 4, 600_000, 2_400_000],
    ["", "Cộng", "", "", "", 12_000_000],
    ["", "Thuế VAT 8%", "", "", "", 960_000],
    ["", "Tổng cộng", "", "", "", 12_960_000],
]


def test_a_subtotal_with_rows_added_after_it_is_one_part_of_the_total(tmp_path: Path) -> None:
    """``Cộng`` 12.000.000, ``Thuế VAT 8%`` 960.000, ``Tổng cộng`` 12.960.000: the ``Cộng``
    was taken for the table's total, the tax added into it (a false SECTION_SUM_MISMATCH) and
    the ``Tổng cộng`` reported a second total (a false TOTAL_STATED_TWICE)."""
    for kind, report in _every_file(tmp_path, "right", _WITH_TAX).items():
        assert (kind, verdict_of(report), _errors(report)) == (kind, "ok", [])
        total = report.evaluation.total
        assert (kind, total.stated, total.children_sum) == (kind, Decimal(12_960_000), Decimal(12_960_000))
    wrong = [list(r) for r in _WITH_TAX]
    wrong[8][5] = 13_060_000
    for kind, report in _every_file(tmp_path, "wrong", wrong).items():
        assert (kind, _errors(report)) == (kind, [("SECTION_SUM_MISMATCH", Decimal(13_060_000))])
    wrong = [list(r) for r in _WITH_TAX]
    wrong[6][5] = 12_500_000  # the subtotal disagrees with its rows, and the total with it and the tax
    for kind, report in _every_file(tmp_path, "sub", wrong).items():
        assert (kind, _errors(report)) == (
            kind,
            [("SECTION_SUM_MISMATCH", Decimal(12_500_000)), ("SECTION_SUM_MISMATCH", Decimal(12_960_000))],
        )


_TWO_BLOCKS: Rows = [
    ["DỰ TOÁN TRANG BỊ PHÒNG HỌP", "", "", "", "", ""],
    ["ĐVT: đồng", "", "", "", "", ""],
    ["", "", "", "", "", ""],
    ["STT", "Nội dung", "ĐVT", "Số lượng", "Đơn giá", "Thành tiền"],
    ["1", "Rèm cửa", "bộ", 6, 900_000, 5_400_000],
    ["2", "Thảm trải sàn", "m2", 40, 150_000, 6_000_000],
    ["", "Cộng", "", "", "", 11_400_000],
    ["3", "Bàn họp", "cái", 2, 7_500_000, 15_000_000],
    ["4", "Ghế họp", "cái", 20, 850_000, 17_000_000],
    ["", "Cộng", "", "", "", 32_000_000],
    ["", "Dự phòng 5%", "", "", "", 2_170_000],
    ["", "Tổng cộng", "", "", "", 45_570_000],
]


def test_blocks_each_closed_by_a_plain_total_add_up_to_the_grand_total(tmp_path: Path) -> None:
    """Two blocks of rows, each closed by a plain ``Cộng``, a reserve, then ``Tổng cộng``:
    the second ``Cộng`` closes the rows since the first (it was a second total of the whole
    table: false TOTAL_STATED_TWICE and SECTION_SUM_MISMATCH)."""
    for kind, report in _every_file(tmp_path, "right", _TWO_BLOCKS).items():
        assert (kind, verdict_of(report), _errors(report)) == (kind, "ok", [])
        total = report.evaluation.total
        assert (kind, total.stated, total.children_sum) == (kind, Decimal(45_570_000), Decimal(45_570_000))
    wrong = [list(r) for r in _TWO_BLOCKS]
    wrong[9][5] = 23_000_000  # its rows, the reserve's 5 % and the total all disagree with it
    for kind, report in _every_file(tmp_path, "wrong", wrong).items():
        assert (kind, _errors(report)) == (
            kind,
            [
                ("SECTION_SUM_MISMATCH", Decimal(23_000_000)),
                ("SHARE_MISMATCH", Decimal(2_170_000)),
                ("SECTION_SUM_MISMATCH", Decimal(45_570_000)),
            ],
        )
    wrong = [list(r) for r in _TWO_BLOCKS]
    wrong[11][5] = 45_750_000
    for kind, report in _every_file(tmp_path, "total", wrong).items():
        assert (kind, _errors(report)) == (kind, [("SECTION_SUM_MISMATCH", Decimal(45_750_000))])
