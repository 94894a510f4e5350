"""Workbooks and CSV files in officers' own layouts: tables found by their header words.

Every workbook here is built in the test (openpyxl; XlsxWriter where a formula's stored
value matters), each standing for a class of real estimate: a title block above the
header, a two-row header with a merged cell, a price in nghìn đồng beside amounts in
đồng, several tables and sheets, hidden rows, a date typed where a number belongs.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import xlsxwriter
from hypothesis import given, settings
from hypothesis import strategies as st

from budget.api import Report, check_file
from budget.findings import Finding, Severity
from budget.model import Section, walk_lines, walk_sections
from budget.numbers import read_number
from budget.sheets.grid import grid_plan
from budget.sheets.grid_sheets import GridSheet, NotEvaluated, Percent, number_text
from plancheck.cli import main
from tests.helpers import assert_message

HEADER = ("STT", "Nội dung", "ĐVT", "Số lượng", "Đơn giá", "Số tháng", "Thành tiền")
ROWS: tuple[tuple[Any, ...], ...] = (
    ("I", "Chi cho con người"),
    (1, "Bồi dưỡng giáo viên", "người", 6, 100000, 2, 1200000),
    (2, "Nước uống", "người", 120, 5000, 2, 1300000),  # 120 × 5.000 × 2 = 1.200.000
    (3, "Phần thưởng", "suất", 30, 50000, 1, 1500000),
    (None, "Cộng", None, None, None, None, 4000000),  # adds the amounts as written
)
LINES = [
    ("Bồi dưỡng giáo viên", (Decimal(6), Decimal(100000), Decimal(2)), Decimal(1200000)),
    ("Nước uống", (Decimal(120), Decimal(5000), Decimal(2)), Decimal(1300000)),
    ("Phần thưởng", (Decimal(30), Decimal(50000), Decimal(1)), Decimal(1500000)),
]


def _put(ws: Any, top: int, rows: tuple[tuple[Any, ...], ...] | list[tuple[Any, ...]], col: int = 1) -> None:
    for r, row in enumerate(rows, top):
        for c, value in enumerate(row, col):
            if value is not None:
                ws.cell(row=r, column=c, value=value)


def _titled(ws: Any, header_row: int = 6) -> None:
    """A merged title over the table's width, a second title line, ``Đơn vị tính`` at the right."""
    ws["A1"] = "DỰ TOÁN KINH PHÍ TỔ CHỨC HỘI THI GIÁO VIÊN GIỎI"
    ws.merge_cells("A1:G1")
    ws["A2"] = "Năm học 2024 - 2025"
    ws.merge_cells("A2:G2")
    ws.cell(row=header_row - 2, column=6, value="Đơn vị tính: đồng")


def _save(wb: Any, path: Path) -> Report:
    wb.save(path)
    return check_file(path, path.name)


def _lines(report: Report) -> list[tuple[str, tuple[Decimal, ...], Decimal]]:
    return [(x.label, tuple(q.value for q in x.factors), x.stated.value) for x in walk_lines(report.plan.items)]


def _errors(report: Report) -> list[Finding]:
    return [f for f in report.findings if f.severity is Severity.ERROR]


def _found(report: Report, code: str) -> list[str]:
    return [str(f.source) for f in report.findings if f.code == code]


def _estimate(tmp_path: Path, name: str = "dutoan.xlsx") -> Report:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    _titled(ws)
    _put(ws, 6, [HEADER, *ROWS])
    ws["A13"] = "Người lập biểu"
    ws["E13"] = "Thủ trưởng đơn vị"
    return _save(wb, tmp_path / name)


# --------------------------------------------------------------------------- one table


def test_header_on_row_six_under_a_merged_title(tmp_path: Path) -> None:
    report = _estimate(tmp_path)
    assert _lines(report) == LINES
    (error,) = _errors(report)
    assert (error.code, str(error.source)) == ("PRODUCT_MISMATCH", "dutoan.xlsx:Sheet1!G9")
    assert (error.expected, error.actual) == (Decimal(1200000), Decimal(1300000))
    (table,) = report.plan.items
    assert isinstance(table, Section) and table.title == "DỰ TOÁN KINH PHÍ TỔ CHỨC HỘI THI GIÁO VIÊN GIỎI"
    (group,) = table.sections
    assert (group.number, group.title) == ("I", "Chi cho con người")
    assert group.stated is not None and group.stated.value == Decimal(4000000)
    assert str(group.stated.source) == "dutoan.xlsx:Sheet1!G11"
    assert report.plan.amounts_found == 4


def test_wrong_cong_row_is_named_at_its_cell(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Dự toán"
    _titled(ws)
    rows = [list(r) for r in ROWS]
    rows[2][6] = 1200000  # the row right; Cộng still says 4.000.000 for 3.900.000
    _put(ws, 6, [HEADER, *map(tuple, rows)])
    report = _save(wb, tmp_path / "cong.xlsx")
    (error,) = _errors(report)
    assert (error.code, str(error.source)) == ("SECTION_SUM_MISMATCH", "cong.xlsx:Dự toán!G11")
    assert (error.expected, error.actual) == (Decimal(3900000), Decimal(4000000))


def test_two_row_header_with_a_merged_kinh_phi_cell(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "DT"
    ws["A1"] = "KẾ HOẠCH KINH PHÍ NGÀY HỘI ĐỌC SÁCH"
    ws.merge_cells("A1:F1")
    ws["E3"] = "Đơn vị tính: đồng"
    _put(
        ws,
        4,
        [("STT", "Nội dung", "Số lượng", "Kinh phí", None, "Ghi chú"), (None, None, None, "Đơn giá", "Thành tiền")],
    )
    for cells in ("A4:A5", "B4:B5", "C4:C5", "D4:E4", "F4:F5"):
        ws.merge_cells(cells)
    _put(
        ws,
        6,
        [
            (1, "Sách tặng thư viện", 40, 85000, 3400000, "mua tại nhà sách"),
            (2, "Phần thưởng", 25, 60000, 1600000),  # 25 × 60.000 = 1.500.000
            (None, "Tổng cộng", None, None, 5000000),
        ],
    )
    report = _save(wb, tmp_path / "hai-dong.xlsx")
    assert _lines(report) == [
        ("Sách tặng thư viện", (Decimal(40), Decimal(85000)), Decimal(3400000)),
        ("Phần thưởng", (Decimal(25), Decimal(60000)), Decimal(1600000)),
    ]
    assert [(f.code, str(f.source)) for f in _errors(report)] == [("PRODUCT_MISMATCH", "hai-dong.xlsx:DT!E7")]
    (table,) = report.plan.items
    assert isinstance(table, Section) and table.stated is not None and table.stated.value == Decimal(5000000)


def test_price_in_thousands_beside_amounts_in_dong(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    header = ("TT", "Nội dung chi", "Số người", "Đơn giá (nghìn đồng)", "Số ngày", "Thành tiền (đồng)")
    _put(
        ws,
        3,
        [
            header,
            (1, "Giám khảo", 6, 150, 2, 1800000),
            (2, "Thư ký", 2, 100, 5, 950000),  # 2 × 100.000 × 5 = 1.000.000
            (None, "Cộng", None, None, None, 2750000),
        ],
    )
    ws["A1"] = "DỰ TOÁN CHI HỘI THI"
    report = _save(wb, tmp_path / "nghin.xlsx")
    assert _lines(report) == [
        ("Giám khảo", (Decimal(6), Decimal(150), Decimal(2)), Decimal(1800000)),
        ("Thư ký", (Decimal(2), Decimal(100), Decimal(5)), Decimal(950000)),
    ]
    line = walk_lines(report.plan.items)[0]
    assert line.factors[1].money is not None and line.factors[1].money.name == "nghìn đồng"
    (error,) = _errors(report)
    assert (error.code, str(error.source), error.expected) == (
        "PRODUCT_MISMATCH",
        "nghin.xlsx:Sheet!F5",
        Decimal(1000000),
    )


def test_numbers_typed_as_text_are_read_vietnamese_style(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    _put(
        ws,
        1,
        [
            ("Nội dung", "Số lượng", "Định mức", "Thành tiền"),
            ("Văn phòng phẩm", "12", "1,5 triệu đồng", "18.000.000"),
            ("Hệ số", 3, Decimal("1.125"), Decimal("3.375")),  # stored 1.125: no reading to choose
        ],
    )
    report = _save(wb, tmp_path / "chu.xlsx")
    assert _lines(report) == [
        ("Văn phòng phẩm", (Decimal(12), Decimal("1.5")), Decimal(18000000)),
        ("Hệ số", (Decimal(3), Decimal("1.125")), Decimal("3.375")),
    ]
    assert _errors(report) == []
    assert _found(report, "NUMBER_AMBIGUOUS") == []


# --------------------------------------------------------------------------- several tables


def test_two_tables_on_a_sheet_and_a_second_sheet(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Chi"
    ws["A1"] = "A. CHI HỘI THI"
    _put(
        ws,
        3,
        [
            ("STT", "Nội dung", "Số lượng", "Đơn giá", "Thành tiền"),
            (1, "Giấy in", 20, 65000, 1300000),
            (2, "Mực in", 4, 250000, 1000000),
            (None, "Cộng", None, None, 2300000),
        ],
    )
    ws["A9"] = "B. CHI KHEN THƯỞNG"
    _put(
        ws,
        11,
        [
            ("Nội dung", "Số suất", "Mức chi", "Thành tiền"),
            ("Giải nhất", 2, 500000, 1000000),
            ("Giải nhì", 4, 300000, 1300000),  # 4 × 300.000 = 1.200.000
        ],
        col=2,
    )
    other = wb.create_sheet("Thu")
    _put(other, 2, [("Khoản thu", "Số HS", "Mức thu", "Số tháng", "Số tiền"), ("Học phẩm", 35, 20000, 9, 6300000)])
    report = _save(wb, tmp_path / "nhieu.xlsx")
    assert [x[0] for x in _lines(report)] == ["Giấy in", "Mực in", "Giải nhất", "Giải nhì", "Học phẩm"]
    assert [(f.code, str(f.source)) for f in _errors(report)] == [("PRODUCT_MISMATCH", "nhieu.xlsx:Chi!E13")]
    titles = [i.title for i in report.plan.items if isinstance(i, Section)]
    # the third table has no caption: it is named by its number, never by its header row
    assert titles == ["A. CHI HỘI THI", "B. CHI KHEN THƯỞNG", "Bảng 3"]
    assert [str(x.stated.source) for x in walk_lines(report.plan.items)][-1] == "nhieu.xlsx:Thu!E3"


def test_hidden_row_is_read_and_said(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    _put(ws, 1, [HEADER, *ROWS])
    ws.row_dimensions[4].hidden = True  # Nước uống, the wrong row
    hidden = wb.create_sheet("An")
    hidden.sheet_state = "hidden"
    _put(hidden, 1, [("Nội dung", "Số lượng", "Đơn giá", "Thành tiền"), ("Loa đài", 2, 300000, 600000)])
    report = _save(wb, tmp_path / "an.xlsx")
    assert _found(report, "GRID_HIDDEN_ROW") == ["an.xlsx:Sheet!G4"]
    (info,) = [f for f in report.findings if f.code == "GRID_HIDDEN_ROW"]
    assert info.severity is Severity.INFO
    assert_message(
        info, "GRID_HIDDEN_ROW", "Dòng 4 đang bị ẩn trong bảng tính; số tiền của dòng này vẫn được đọc và kiểm tra."
    )
    assert [(f.code, str(f.source)) for f in _errors(report)] == [("PRODUCT_MISMATCH", "an.xlsx:Sheet!G4")]
    assert [x[0] for x in _lines(report)][-1] == "Loa đài"  # a hidden sheet is read too, and said
    assert _found(report, "GRID_HIDDEN_SHEET") == ["an.xlsx:An!A1"]
    assert_message(
        next(f for f in report.findings if f.code == "GRID_HIDDEN_SHEET"),
        "GRID_HIDDEN_SHEET",
        "Trang “An” đang bị ẩn trong bảng tính; các bảng của trang vẫn được đọc và kiểm tra.",
        en="Sheet “An” is hidden in the workbook; its tables were read and checked all the same.",
    )


def test_date_in_the_quantity_column_is_a_finding_never_a_number(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    rows = [list(r) for r in ROWS]
    rows[1][3] = datetime.datetime(2024, 3, 6)  # 6 typed as 6/3: Excel made it a date
    _put(ws, 1, [HEADER, *map(tuple, rows)])
    report = _save(wb, tmp_path / "ngay.xlsx")
    date = [f for f in report.findings if f.code == "XLSX_DATE_AS_NUMBER"]
    assert [(str(f.source), f.args["date"], f.severity) for f in date] == [
        ("ngay.xlsx:Sheet!D3", "2024-03-06T00:00:00", Severity.ERROR)
    ]
    assert _found(report, "TABLE_ROW_NOT_CHECKED") == ["ngay.xlsx:Sheet!G3"]
    assert [x[0] for x in _lines(report)] == ["Nước uống", "Phần thưởng"]  # no product with a date in it
    assert [f.code for f in _errors(report)] == ["XLSX_DATE_AS_NUMBER", "PRODUCT_MISMATCH"]


def test_amount_column_renamed_leaves_rows_unchecked(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    header = (*HEADER[:-1], "Ghi chú")  # the amounts stay, their header no longer names them
    _put(ws, 3, [header, *ROWS])
    report = _save(wb, tmp_path / "ghichu.xlsx")
    assert report.plan.items == () and report.plan.unchecked == ()
    assert walk_sections(report.plan.items) == []
    (warning,) = report.findings
    assert (warning.code, str(warning.source)) == ("GRID_NO_AMOUNT_COLUMN", "ghichu.xlsx:Sheet!A3")
    assert_message(
        warning,
        "GRID_NO_AMOUNT_COLUMN",
        "Bảng có các cột “STT | Nội dung | ĐVT | Số lượng | Đơn giá | Số tháng | Ghi chú” nhưng không có cột "
        "thành tiền (Thành tiền, Số tiền, Kinh phí …); các dòng của bảng không được kiểm tra.",
    )


def test_empty_amount_cell_lets_no_other_column_stand_in(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    rows = [list(r) for r in ROWS]
    rows[2][6] = None  # Nước uống: no amount
    rows[4][6] = 2700000
    _put(ws, 1, [HEADER, *map(tuple, rows)])
    report = _save(wb, tmp_path / "trong.xlsx")
    assert [x[0] for x in _lines(report)] == ["Bồi dưỡng giáo viên", "Phần thưởng"]
    assert _found(report, "XLSX_NO_AMOUNT") == ["trong.xlsx:Sheet!G4"]
    assert_message(
        next(f for f in report.findings if f.code == "XLSX_NO_AMOUNT"),
        "XLSX_NO_AMOUNT",
        "Dòng có thừa số nhưng không có thành tiền hay số ghi; dòng này không được kiểm tra.",
        en="The line has factors but no amount, computed or stated; it was not checked.",
    )
    assert _errors(report) == []


# --------------------------------------------------------------------------- formulas


def _formula_book(
    path: Path, stored: bool, rows: int = 3, formula: str = "=D{r}*E{r}*F{r}", off: dict[int, int] | None = None
) -> None:
    """Amounts as formulas (``=D3*E3*F3``), with or without the values Excel stores (a stored
    value ``off`` by some amount in the rows given), and a ``Cộng`` row under three of them."""
    book = xlsxwriter.Workbook(str(path))
    ws = book.add_worksheet("Sheet1")
    for c, text in enumerate(HEADER):
        ws.write(0, c, text)
    for r, row in enumerate(ROWS[1 : rows + 1], 1):
        for c, value in enumerate(row[:6]):
            ws.write(r, c, value)
        computed = row[3] * row[4] * row[5] + (off or {}).get(r + 1, 0)
        ws.write_formula(r, 6, formula.format(r=r + 1), None, computed if stored else "")
    if rows == 3:
        ws.write(4, 1, "Cộng")
        ws.write_formula(4, 6, "=SUM(G2:G4)", None, 3900000 if stored else "")
    book.close()


def test_formula_cells_read_their_stored_values(tmp_path: Path) -> None:
    path = tmp_path / "congthuc.xlsx"
    _formula_book(path, stored=True)
    report = check_file(path, path.name)
    assert [x[2] for x in _lines(report)] == [Decimal(1200000), Decimal(1200000), Decimal(1500000)]
    assert _errors(report) == []
    assert report.plan.items[0].stated is not None and report.plan.items[0].stated.value == Decimal(3900000)


def test_formula_without_stored_value_takes_the_recomputed_value(tmp_path: Path) -> None:
    path = tmp_path / "tinhlai.xlsx"
    _formula_book(path, stored=False)
    report = check_file(path, path.name)
    assert [x[2] for x in _lines(report)] == [Decimal(1200000), Decimal(1200000), Decimal(1500000)]
    assert _found(report, "XLSX_FORMULA_NOT_EVALUATED") == [] and _errors(report) == []
    assert report.plan.items[0].stated is not None and report.plan.items[0].stated.value == Decimal(3900000)


def test_stale_stored_value_of_a_formula_is_found_at_its_cell(tmp_path: Path) -> None:
    path = tmp_path / "cu.xlsx"
    # row 3 stores the value of an older quantity: the formula gives another figure today
    _formula_book(path, stored=True, off={3: 100000})
    report = check_file(path, path.name)
    assert _found(report, "XLSX_STALE_VALUE") == ["cu.xlsx:Sheet1!G3"]


def test_formula_that_cannot_be_evaluated_is_reported_never_zero(tmp_path: Path) -> None:
    path = tmp_path / "chuatinh.xlsx"
    _formula_book(path, stored=False, rows=2, formula='=WEBSERVICE("http://x/{r}")')
    report = check_file(path, path.name)
    not_evaluated = [f for f in report.findings if "NOT_EVALUATED" in f.code]
    assert sorted(str(f.source) for f in not_evaluated) == ["chuatinh.xlsx:Sheet1!G2", "chuatinh.xlsx:Sheet1!G3"]
    assert _lines(report) == [] and _errors(report) == []


# --------------------------------------------------------------------------- dispatch, CSV


def test_workbook_without_any_table_is_no_budget(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    wb = openpyxl.Workbook()
    wb.active["A1"] = "Danh sách giáo viên dự thi"
    wb.active["A2"] = "Nguyễn Văn A"
    path = tmp_path / "rong.xlsx"
    wb.save(path)
    report = check_file(path, path.name)
    assert not report.plan.has_budget and report.findings == ()
    assert main(["check", str(path)]) == 1  # nothing checked: no budget is no "everything agrees"
    assert "Không tìm thấy dự toán kinh phí" in capsys.readouterr().out


def test_own_layout_on_a_sheet_named_like_the_template(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Chi tiết"  # the template's sheet name, not its columns
    _titled(ws)
    _put(ws, 6, [HEADER, *ROWS])
    report = _save(wb, tmp_path / "chitiet.xlsx")
    assert _lines(report) == LINES
    assert [(f.code, str(f.source)) for f in _errors(report)] == [("PRODUCT_MISMATCH", "chitiet.xlsx:Chi tiết!G9")]


def test_csv_without_a_table_is_no_budget(tmp_path: Path) -> None:
    path = tmp_path / "danhsach.csv"
    path.write_text("Họ tên;Lớp\nNguyễn Văn A;5A\nTrần Thị B;5B\n", encoding="utf-8")
    report = check_file(path, path.name)
    assert not report.plan.has_budget and report.findings == ()


def test_csv_with_a_title_and_the_header_on_line_four(tmp_path: Path) -> None:
    path = tmp_path / "dutoan.csv"
    path.write_text(
        "DỰ TOÁN KINH PHÍ HỘI THI;;;;\n"
        "\n"
        "Đơn vị tính: đồng;;;;\n"
        "STT;Nội dung;Số lượng;Đơn giá;Thành tiền\n"
        "1;Giấy in;20;65.000;1.300.000\n"
        "2;Mực in;4;250.000;1.100.000\n"
        ";Cộng;;;2.400.000\n",
        encoding="utf-8",
    )
    report = check_file(path, path.name)
    assert _lines(report) == [
        ("Giấy in", (Decimal(20), Decimal(65000)), Decimal(1300000)),
        ("Mực in", (Decimal(4), Decimal(250000)), Decimal(1100000)),
    ]
    (error,) = _errors(report)
    assert (error.code, error.source.line, error.source.col, str(error.source)) == (
        "PRODUCT_MISMATCH",
        6,
        5,
        "dutoan.csv:6:5",
    )
    (table,) = report.plan.items
    assert isinstance(table, Section) and table.title == "DỰ TOÁN KINH PHÍ HỘI THI"


@given(st.decimals(allow_nan=False, allow_infinity=False, places=6, min_value=-(10**12), max_value=10**12))
def test_stored_numbers_read_back_exactly_without_a_choice(value: Decimal) -> None:
    reading = read_number(number_text(value))
    assert reading.value == value and reading.ambiguity is None


_VALUES = st.one_of(
    st.sampled_from([*HEADER, "Kinh phí", "Đơn giá", "Cộng", "Tổng cộng", "I", "A", "Đơn vị tính: đồng", "(1)", "x"]),
    st.text(max_size=12),
    st.decimals(allow_nan=False, allow_infinity=False),
    st.integers(-(10**30), 10**30),
    st.builds(Percent, st.decimals(allow_nan=False, allow_infinity=False)),
    st.dates().map(lambda d: datetime.datetime(d.year, d.month, d.day)),
    st.sampled_from([NotEvaluated(), True]),
)


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(st.tuples(st.integers(1, 14), st.integers(1, 8)), _VALUES, max_size=60), st.booleans())
def test_any_grid_is_read_without_raising(cells: dict[tuple[int, int], Any], csv: bool) -> None:
    rows: dict[int, dict[int, Any]] = {}
    for (r, c), value in cells.items():
        rows.setdefault(r, {})[c] = value
    sheet = GridSheet("x.xlsx", "S", rows, frozenset({2, 5}), ((1, 1, 1, 4), (3, 2, 4, 2)), csv)
    findings: list[Finding] = []
    plan = grid_plan("x.xlsx", [sheet], findings)
    for f in findings:
        assert f.source.cell is not None or f.source.line is not None
        assert f.message
    assert plan.amounts_found >= len(walk_lines(plan.items))
