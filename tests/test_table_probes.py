"""Budget tables of the kinds provinces, districts and schools publish, probed as a new user
would: each form correct (never an error; ``KHỚP`` when every figure was read) and with one
figure wrong (an error at it, or the reading incomplete; never ``KHỚP``), in the layouts the
readers take: pipe rows, tab-separated rows, columns aligned by spaces, one cell per line, and
CSV, xlsx and docx files.

Every table here is invented for these tests.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import docx
import openpyxl
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from budget.api import Report, check_file
from budget.findings import Severity
from budget.model import walk_sections
from tests.helpers import assert_message, check_text, errors_at, line_of, only, verdict_of

Rows = list[list[str]]

# --------------------------------------------------------------------------- layouts


def _pipe(above: list[str], header: Rows, rows: Rows, below: Sequence[str] = ()) -> str:
    width = len(header[0])
    out = [*above, ""]
    for k, h in enumerate(header):
        out.append("| " + " | ".join(h) + " |")
        if k == len(header) - 1:
            out.append("|" + "---|" * width)
    out += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join([*out, "", *below]) + "\n"


def _tabs(above: list[str], header: Rows, rows: Rows, below: Sequence[str] = ()) -> str:
    return "\n".join([*above, "", *("\t".join(r) for r in (*header, *rows)), "", *below]) + "\n"


def _aligned(above: list[str], header: Rows, rows: Rows, below: Sequence[str] = ()) -> str:
    table = [*header, *rows]
    widths = [max(len(r[i]) for r in table) for i in range(len(header[0]))]
    out = [*above, ""]
    for r in table:
        figure = [c[:1].isdigit() and c[-1:].isdigit() for c in r]
        cells = [c.rjust(w) if f else c.ljust(w) for c, w, f in zip(r, widths, figure, strict=True)]
        out.append("   ".join(cells).rstrip())
    return "\n".join([*out, "", *below]) + "\n"


def _per_line(above: list[str], header: Rows, rows: Rows, below: Sequence[str] = ()) -> str:
    """One cell per line, an empty cell an empty line (a Word table saved as plain text)."""
    return "\n".join([*above, "", *(c for r in (*header, *rows) for c in r), "", *below]) + "\n"


TEXT_LAYOUTS = {"pipe": _pipe, "tabs": _tabs, "aligned": _aligned, "per_line": _per_line}


def _figure(text: str, column: int) -> object:
    """A cell as an officer types it in a workbook: figures as numbers (row numbers stay text)."""
    digits = text.replace(".", "")
    if column >= 2 and digits.isdigit():
        return int(digits)
    if column >= 2 and digits.replace(",", "", 1).isdigit() and "," in text:
        return Decimal(digits.replace(",", "."))
    return text


def _csv(path: Path, above: list[str], header: Rows, rows: Rows, below: Sequence[str] = ()) -> Path:
    width = len(header[0])
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerows([[a] + [""] * (width - 1) for a in above])
        w.writerows([*header, *rows])
        w.writerows([[b] + [""] * (width - 1) for b in below])
    return path


def _xlsx(path: Path, above: list[str], header: Rows, rows: Rows, below: Sequence[str] = ()) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    for a in above:
        ws.append([a])
    ws.append([])
    for r in header:
        ws.append([c or None for c in r])
    for r in rows:
        ws.append([_figure(c, k) if c else None for k, c in enumerate(r)])
    ws.append([])
    for b in below:
        ws.append([b])
    wb.save(path)
    return path


def _docx(path: Path, above: list[str], header: Rows, rows: Rows, below: Sequence[str] = ()) -> Path:
    d = docx.Document()
    for a in above:
        d.add_paragraph(a)
    table = d.add_table(rows=0, cols=len(header[0]))
    for r in (*header, *rows):
        for cell, text in zip(table.add_row().cells, r, strict=True):
            cell.text = text
    for b in below:
        d.add_paragraph(b)
    d.save(str(path))
    return path


FILE_LAYOUTS = {"csv": _csv, "xlsx": _xlsx, "docx": _docx}


def _every_layout(
    tmp_path: Path, above: list[str], header: Rows, rows: Rows, below: Sequence[str] = ()
) -> dict[str, Report]:
    out = {
        name: check_text(tmp_path, write(above, header, rows, below), f"{name}.txt")
        for name, write in TEXT_LAYOUTS.items()
    }
    for name, write in FILE_LAYOUTS.items():
        path = write(tmp_path / f"t.{name}", above, header, rows, below)
        out[name] = check_file(path, path.name)
    return out


def _errors(report: Report) -> list[tuple[str, Decimal | None]]:
    return [(f.code, f.actual) for f in report.findings if f.severity is Severity.ERROR]


def _changed(rows: Rows, row: int, column: int, text: str) -> Rows:
    out = [list(r) for r in rows]
    out[row][column] = text
    return out


# --------------------------------------------------------------------------- revenue and spending in one table

_BUDGET_ABOVE = ["UBND XÃ TÂN LẬP", "DỰ TOÁN THU, CHI NGÂN SÁCH XÃ NĂM 2025", "Đơn vị tính: nghìn đồng"]
_BUDGET_HEADER = [["STT", "Nội dung", "Dự toán năm 2025", "Ghi chú"]]
_BUDGET = [
    ["A", "TỔNG THU NGÂN SÁCH XÃ", "5.450.000", ""],
    ["I", "Các khoản thu xã hưởng 100%", "450.000", ""],
    ["1", "Phí, lệ phí", "150.000", ""],
    ["2", "Thu khác", "300.000", ""],
    ["II", "Thu bổ sung từ ngân sách cấp trên", "5.000.000", ""],
    ["1", "Bổ sung cân đối", "4.200.000", ""],
    ["2", "Bổ sung có mục tiêu", "800.000", ""],
    ["B", "TỔNG CHI NGÂN SÁCH XÃ", "5.450.000", ""],
    ["I", "Chi đầu tư phát triển", "1.000.000", ""],
    ["II", "Chi thường xuyên", "4.340.000", ""],
    ["1", "Chi quản lý nhà nước, Đảng, đoàn thể", "3.000.000", ""],
    ["", "Trong đó: Quỹ lương", "2.100.000", ""],
    ["2", "Chi an ninh, quốc phòng", "640.000", ""],
    ["3", "Chi sự nghiệp văn hóa, thể thao", "700.000", ""],
    ["3.1", "Sự nghiệp văn hóa", "400.000", ""],
    ["3.2", "Sự nghiệp thể thao", "300.000", ""],
    ["III", "Dự phòng ngân sách", "110.000", ""],
]


def test_revenue_and_spending_blocks_headed_by_numbered_totals_agree_in_every_layout(tmp_path: Path) -> None:
    """``A | TỔNG THU`` and ``B | TỔNG CHI`` head their blocks (they were taken for totals of the
    whole table); ``I`` with no rows under it leaves ``II`` a group; ``Trong đó: Quỹ lương`` is
    a part of the row above, never added beside it (each was a false SECTION_SUM_MISMATCH)."""
    for layout, report in _every_layout(tmp_path, _BUDGET_ABOVE, _BUDGET_HEADER, _BUDGET).items():
        assert (layout, verdict_of(report), _errors(report)) == (layout, "ok", [])
    report = check_text(tmp_path, _pipe(_BUDGET_ABOVE, _BUDGET_HEADER, _BUDGET))
    blocks = [(s.number, s.title, s.stated.value if s.stated else None) for s in walk_sections(report.plan.items)]
    assert blocks[:3] == [
        ("", "DỰ TOÁN THU, CHI NGÂN SÁCH XÃ NĂM 2025", None),
        ("A", "TỔNG THU NGÂN SÁCH XÃ", Decimal(5_450_000)),
        ("I", "Các khoản thu xã hưởng 100%", Decimal(450_000)),
    ]
    assert ("B", "TỔNG CHI NGÂN SÁCH XÃ", Decimal(5_450_000)) in blocks
    assert all(title != "Trong đó: Quỹ lương" for _n, title, _v in blocks)


def test_a_wrong_item_of_the_spending_block_is_named_at_its_group(tmp_path: Path) -> None:
    rows = _changed(_BUDGET, 15, 2, "350.000")
    for layout, report in _every_layout(tmp_path, _BUDGET_ABOVE, _BUDGET_HEADER, rows).items():
        assert (layout, _errors(report)) == (layout, [("SECTION_SUM_MISMATCH", Decimal(700_000))])


def test_an_of_which_row_larger_than_its_row_is_an_error_at_it(tmp_path: Path) -> None:
    rows = _changed(_BUDGET, 11, 2, "3.100.000")
    text = _pipe(_BUDGET_ABOVE, _BUDGET_HEADER, rows)
    report = check_text(tmp_path, text)
    assert errors_at(report) == [("TABLE_PART_EXCEEDS_WHOLE", line_of(text, "Quỹ lương"), Decimal(3_100_000))]
    assert_message(
        only(report.findings, "TABLE_PART_EXCEEDS_WHOLE"),
        "TABLE_PART_EXCEEDS_WHOLE",
        "Dòng “Trong đó: Quỹ lương” ghi 3.100.000 nghìn đồng, lớn hơn cả dòng “Chi quản lý nhà nước, Đảng, "
        "đoàn thể” (3.000.000 nghìn đồng) mà nó là một phần (trong đó): phần không thể lớn hơn tổng.",
    )


# --------------------------------------------------------------------------- nested lists and of-which rows

_LIST_ABOVE = ["TRƯỜNG THCS LÊ LỢI", "DỰ TOÁN CHI NGÂN SÁCH NĂM 2025", "Đơn vị tính: đồng"]
_LIST_HEADER = [["TT", "Nội dung chi", "Số tiền", "Ghi chú"]]
_LIST = [
    ["I", "Chi thanh toán cá nhân", "1.500.000.000", ""],
    ["1", "Tiền lương", "1.000.000.000", ""],
    ["2", "Phụ cấp lương", "400.000.000", ""],
    ["", "Trong đó:", "", ""],
    ["-", "Phụ cấp ưu đãi", "250.000.000", ""],
    ["-", "Phụ cấp thâm niên", "100.000.000", ""],
    ["3", "Các khoản đóng góp", "100.000.000", ""],
    ["II", "Chi nghiệp vụ chuyên môn", "300.000.000", ""],
    ["", "Trong đó: Mua sắm thiết bị", "120.000.000", ""],
    ["1", "Mua sắm", "200.000.000", ""],
    ["2", "Sửa chữa", "100.000.000", ""],
    ["", "Tổng cộng", "1.800.000.000", ""],
]


def test_of_which_lists_are_parts_set_aside_in_every_layout(tmp_path: Path) -> None:
    """A bare ``Trong đó:`` row over ``-`` rows, and ``Trong đó: X`` between a group row and
    its items: parts of the row above (one cell per line, the empty cells of the bare row were
    the table's end, and group I was judged on two of its three items)."""
    for layout, report in _every_layout(tmp_path, _LIST_ABOVE, _LIST_HEADER, _LIST).items():
        assert (layout, verdict_of(report), _errors(report)) == (layout, "ok", [])
    wrong = _changed(_LIST, 6, 2, "110.000.000")
    for layout, report in _every_layout(tmp_path, _LIST_ABOVE, _LIST_HEADER, wrong).items():
        assert (layout, _errors(report)) == (layout, [("SECTION_SUM_MISMATCH", Decimal(1_500_000_000))])


_MARKS = [
    ["", "Tổng số (I+II)", "95.000.000", ""],
    ["I", "Chi hoạt động", "60.000.000", ""],
    ["-", "Văn phòng phẩm", "20.000.000", ""],
    ["+", "Giấy in", "12.000.000", ""],
    ["+", "Mực in", "8.000.000", ""],
    ["-", "Hội nghị", "40.000.000", ""],
    ["II", "Chi khác", "35.000.000", ""],
    ["-", "Tiếp khách", "15.000.000", ""],
    ["-", "Chi khác", "20.000.000", ""],
]


def test_plus_rows_stand_under_the_dash_row_above_them(tmp_path: Path) -> None:
    """``+`` rows under a ``-`` row are its parts (all bullets were one level: I added 80 against
    60); a space-aligned table whose rows each write one figure is found (it was not read)."""
    for layout, report in _every_layout(tmp_path, _LIST_ABOVE, _LIST_HEADER, _MARKS).items():
        assert (layout, verdict_of(report), _errors(report)) == (layout, "ok", [])
    wrong = _changed(_MARKS, 4, 2, "9.000.000")
    for layout, report in _every_layout(tmp_path, _LIST_ABOVE, _LIST_HEADER, wrong).items():
        assert (layout, _errors(report)) == (layout, [("SECTION_SUM_MISMATCH", Decimal(20_000_000))])


# --------------------------------------------------------------------------- cost tables

_COST_ABOVE = ["PHÒNG GIÁO DỤC VÀ ĐÀO TẠO", "DỰ TOÁN KINH PHÍ TẬP HUẤN CÁN BỘ QUẢN LÝ NĂM 2025"]
_COST_HEADER = [
    ["STT", "Nội dung chi", "Đơn vị tính", "Số lượng", "Đơn giá (nghìn đồng)", "Số ngày", "Thành tiền (nghìn đồng)"]
]
_COST = [
    ["I", "Chi cho học viên", "", "", "", "", ""],
    ["1", "Tiền ăn", "người", "120", "150", "3", "54.000"],
    ["2", "Nước uống", "người", "120", "20", "3", "7.200"],
    ["", "Cộng I", "", "", "", "", "61.200"],
    ["II", "Chi cho giảng viên", "", "", "", "", ""],
    ["1", "Thù lao giảng viên", "buổi", "6", "1.000", "", "6.000"],
    ["2", "Tiền ngủ", "người", "2", "400", "3", "2.400"],
    ["", "Cộng II", "", "", "", "", "8.400"],
    ["", "Tổng cộng (I+II)", "", "", "", "", "69.600"],
]


def test_a_fee_with_no_days_is_the_product_of_the_factors_it_writes(tmp_path: Path) -> None:
    """``Thù lao giảng viên | buổi | 6 | 1.000 | (no days) | 6.000``: 6 × 1.000 (it was left
    unread for the empty cell)."""
    for layout, report in _every_layout(tmp_path, _COST_ABOVE, _COST_HEADER, _COST).items():
        assert (layout, verdict_of(report), _errors(report)) == (layout, "ok", [])
    report = check_text(tmp_path, _pipe(_COST_ABOVE, _COST_HEADER, _COST))
    fee = next(r for r in report.evaluation.lines() if r.line.label == "Thù lao giảng viên")
    assert ([q.value for q in fee.line.factors], fee.computed, fee.ok) == ([6, 1000], Decimal(6000), True)


def test_a_fee_with_no_days_and_another_amount_is_not_read_and_its_group_fails(tmp_path: Path) -> None:
    rows = _changed(_COST, 5, 6, "6.500")
    text = _pipe(_COST_ABOVE, _COST_HEADER, rows)
    report = check_text(tmp_path, text)
    assert errors_at(report) == [("SECTION_SUM_MISMATCH", line_of(text, "Cộng II"), Decimal(8400))]
    assert "TABLE_ROW_NOT_CHECKED" in {f.code for f in report.findings}


def test_a_wrong_subtotal_named_by_its_group_is_reported_at_it(tmp_path: Path) -> None:
    """``Cộng II`` closes group II whatever its figure (a wrong one was taken for the table's
    total and reported as the same figure stated twice)."""
    rows = _changed(_COST, 7, 6, "8.500")
    for layout, report in _every_layout(tmp_path, _COST_ABOVE, _COST_HEADER, rows).items():
        assert (layout, _errors(report)) == (
            layout,
            [("SECTION_SUM_MISMATCH", Decimal(8500)), ("SECTION_SUM_MISMATCH", Decimal(69_600))],
        )


_SCHOOLS_ABOVE = ["UBND HUYỆN", "DỰ TOÁN KINH PHÍ HỖ TRỢ HỌC SINH NĂM HỌC 2024-2025", "Đơn vị tính: đồng"]
_SCHOOLS_HEADER = [["STT", "Tên trường", "Số lớp", "Số học sinh", "Mức hỗ trợ", "Số tháng", "Thành tiền"]]
_SCHOOLS = [
    ["1", "Trường TH Kim Đồng", "12", "350", "150.000", "9", "472.500.000"],
    ["2", "Trường TH Lê Lợi", "10", "280", "150.000", "9", "378.000.000"],
    ["3", "Trường THCS Nguyễn Du", "8", "240", "150.000", "9", "324.000.000"],
    ["", "Tổng cộng", "30", "870", "", "", "1.174.500.000"],
]


def test_classes_beside_pupils_count_but_multiply_nothing(tmp_path: Path) -> None:
    """Two count columns (``Số lớp``, ``Số học sinh``): the row's product is the one with the
    pupils, the only one that gives its amount (every row was left unread)."""
    for layout, report in _every_layout(tmp_path, _SCHOOLS_ABOVE, _SCHOOLS_HEADER, _SCHOOLS).items():
        assert (layout, verdict_of(report), _errors(report)) == (layout, "ok", [])
    report = check_text(tmp_path, _pipe(_SCHOOLS_ABOVE, _SCHOOLS_HEADER, _SCHOOLS))
    assert [(r.line.label, [q.value for q in r.line.factors]) for r in report.evaluation.lines()] == [
        ("Trường TH Kim Đồng", [350, 150000, 9]),
        ("Trường TH Lê Lợi", [280, 150000, 9]),
        ("Trường THCS Nguyễn Du", [240, 150000, 9]),
    ]
    wrong = _changed(_SCHOOLS, 3, 3, "880")
    report = check_text(tmp_path, _pipe(_SCHOOLS_ABOVE, _SCHOOLS_HEADER, wrong))
    assert _errors(report) == [("COUNT_SUM_MISMATCH", Decimal(880))]


_FEES_ABOVE = ["TRƯỜNG MẦM NON", "DỰ TOÁN THU CÁC KHOẢN THỎA THUẬN NĂM HỌC 2024-2025"]
_FEES_HEADER = [["STT", "Nội dung thu", "Mức thu (đồng/trẻ/tháng)", "Số trẻ", "Số tháng", "Thành tiền (đồng)"]]
_FEES = [
    ["I", "Tiền ăn", "", "", "", ""],
    ["1", "Nhà trẻ", "450.000", "40", "9", "162.000.000"],
    ["2", "Mẫu giáo", "450.000", "160", "9", "648.000.000"],
    ["II", "Tiền nước uống", "", "", "", ""],
    ["1", "Toàn trường", "10.000", "200", "9", "18.000.000"],
    ["III", "Tiền học phẩm", "", "", "", ""],
    ["1", "Mẫu giáo", "150.000", "160", "1", "24.000.000"],
    ["", "Tổng cộng", "", "200", "", "852.000.000"],
]


def test_a_count_total_of_the_same_children_under_several_fees_is_no_sum(tmp_path: Path) -> None:
    """200 children, counted under each fee (40 + 160 for meals, 200 for water): the total row
    says how many there are (it was a false COUNT_SUM_MISMATCH, 200 against 560)."""
    for layout, report in _every_layout(tmp_path, _FEES_ABOVE, _FEES_HEADER, _FEES).items():
        assert (layout, verdict_of(report), _errors(report)) == (layout, "ok", [])
    wrong = _changed(_FEES, 7, 5, "825.000.000")
    report = check_text(tmp_path, _pipe(_FEES_ABOVE, _FEES_HEADER, wrong))
    assert _errors(report) == [("SECTION_SUM_MISMATCH", Decimal(825_000_000))]


def test_the_scale_a_table_is_counted_in_is_no_amount(tmp_path: Path) -> None:
    """``Đơn vị tính: 1.000 đồng`` names the scale: no amount left unchecked (it kept the
    verdict from KHỚP)."""
    above = ["TRƯỜNG THPT", "DỰ TOÁN THU HỌC PHÍ NĂM HỌC 2024-2025", "Đơn vị tính: 1.000 đồng"]
    header = [["STT", "Nội dung", "Số học sinh", "Mức thu/tháng", "Số tháng", "Thành tiền"]]
    rows = [
        ["1", "Khối 10", "420", "100", "9", "378.000"],
        ["2", "Khối 11", "400", "100", "9", "360.000"],
        ["", "Tổng cộng", "820", "", "", "738.000"],
    ]
    report = check_text(tmp_path, _pipe(above, header, rows))
    assert (verdict_of(report), [f.code for f in report.findings]) == ("ok", [])
    assert (report.plan.amounts_found, report.plan.total.value if report.plan.total else None) == (3, Decimal(738_000))


# --------------------------------------------------------------------------- comparison columns

_ESTIMATE_ABOVE = ["HỘI ĐỒNG NHÂN DÂN HUYỆN", "DỰ TOÁN CHI NGÂN SÁCH HUYỆN NĂM 2025", "Đơn vị tính: triệu đồng"]
_ESTIMATE_HEADER = [["STT", "Nội dung", "Dự toán năm 2024", "Ước thực hiện năm 2024", "Dự toán năm 2025", "Tỷ lệ (%)"]]
_ESTIMATE = [
    ["", "Tổng cộng", "1.400", "1.380", "1.500", "108,7"],
    ["I", "Chi đầu tư phát triển", "500", "480", "550", "114,6"],
    ["1", "Xây dựng trường học", "320", "310", "350", "112,9"],
    ["2", "Sửa chữa đường", "180", "170", "200", "117,6"],
    ["II", "Chi thường xuyên", "900", "900", "950", "105,6"],
    ["1", "Chi sự nghiệp giáo dục", "560", "560", "600", "107,1"],
    ["2", "Chi sự nghiệp y tế", "220", "220", "230", "104,5"],
    ["3", "Chi quản lý hành chính", "120", "120", "120", "100,0"],
]


def test_a_rate_after_the_amounts_is_a_comparison_never_a_factor(tmp_path: Path) -> None:
    """``Tỷ lệ (%)`` after the year columns compares two of them (2025 over the estimate of
    2024): it was a factor of each row and the rows were added flat (3.000 against 1.500)."""
    for layout, report in _every_layout(tmp_path, _ESTIMATE_ABOVE, _ESTIMATE_HEADER, _ESTIMATE).items():
        if layout == "per_line":
            continue  # a total row with no number: one cell per line reads no such table
        assert (layout, verdict_of(report), _errors(report)) == (layout, "ok", [])


def test_a_wrong_comparison_figure_is_an_error_at_it(tmp_path: Path) -> None:
    rows = _changed(_ESTIMATE, 3, 5, "111,6")
    text = _pipe(_ESTIMATE_ABOVE, _ESTIMATE_HEADER, rows)
    report = check_text(tmp_path, text)
    assert errors_at(report) == [("TABLE_COMPARISON_MISMATCH", line_of(text, "Sửa chữa đường"), Decimal("111.6"))]
    assert_message(
        only(report.findings, "TABLE_COMPARISON_MISMATCH"),
        "TABLE_COMPARISON_MISMATCH",
        "Dòng “Sửa chữa đường”, cột “Tỷ lệ (%)”: ghi 111,6%, nhưng tỷ lệ giữa hai cột số tiền (mọi dòng khác của "
        "cột đều theo tỷ lệ này) là 117,6%.",
        en="Row “Sửa chữa đường”, column “Tỷ lệ (%)”: states 111.6%, but the ratio of two money columns (which "
        "every other row of the column follows) is 117.6%.",
    )
    for layout in ("csv", "xlsx", "docx"):
        path = FILE_LAYOUTS[layout](tmp_path / f"t.{layout}", _ESTIMATE_ABOVE, _ESTIMATE_HEADER, rows)
        assert (layout, _errors(check_file(path, path.name))) == (
            layout,
            [("TABLE_COMPARISON_MISMATCH", Decimal("111.6"))],
        )


def test_a_comparison_off_because_of_a_wrong_amount_is_said_at_the_amount_only(tmp_path: Path) -> None:
    rows = _changed(_ESTIMATE, 6, 4, "240")
    report = check_text(tmp_path, _pipe(_ESTIMATE_ABOVE, _ESTIMATE_HEADER, rows))
    assert _errors(report) == [("SECTION_SUM_MISMATCH", Decimal(950))]


def test_a_difference_column_is_checked_as_one(tmp_path: Path) -> None:
    header = [["STT", "Nội dung", "Dự toán", "Quyết toán", "So sánh (+/-)"]]
    rows = [
        ["", "Tổng chi", "9.000", "9.450", "450"],
        ["1", "Giáo dục", "3.500", "3.600", "100"],
        ["2", "Y tế", "1.300", "1.350", "50"],
        ["3", "Quản lý hành chính", "2.000", "2.200", "200"],
        ["4", "Đầu tư phát triển", "2.200", "2.300", "100"],
    ]
    above = ["QUYẾT TOÁN CHI NGÂN SÁCH HUYỆN NĂM 2023", "Đơn vị tính: triệu đồng"]
    assert verdict_of(check_text(tmp_path, _pipe(above, header, rows))) == "ok"
    report = check_text(tmp_path, _pipe(above, header, _changed(rows, 2, 4, "60")))
    assert _errors(report) == [("TABLE_COMPARISON_MISMATCH", Decimal(60))]
    assert_message(
        only(report.findings, "TABLE_COMPARISON_MISMATCH"),
        "TABLE_COMPARISON_MISMATCH",
        "Dòng “Y tế”, cột “So sánh (+/-)”: ghi 60 triệu đồng, nhưng chênh lệch giữa hai cột số tiền (mọi dòng khác "
        "của cột đều theo chênh lệch này) là 50 triệu đồng.",
    )


_SOURCES_HEADER = [["STT", "Nguồn kinh phí", "Số tiền (đồng)", "Tỷ lệ (%)"]]
_SOURCES = [
    ["1", "Ngân sách tỉnh", "500.000.000", "50"],
    ["2", "Ngân sách huyện", "300.000.000", "30"],
    ["3", "Ngân sách xã", "100.000.000", "10"],
    ["4", "Xã hội hóa", "100.000.000", "10"],
    ["", "Tổng cộng", "1.000.000.000", "100"],
]


def test_shares_of_the_total_are_checked_and_never_factors(tmp_path: Path) -> None:
    """``Số tiền | Tỷ lệ (%)``: each row's share of the total (it was read as a rate multiplying
    the row, ``Nguồn kinh phí`` as the amount column: 60 = 60 đồng against 600.000.000)."""
    above = ["KINH PHÍ THỰC HIỆN KẾ HOẠCH"]
    for layout in ("pipe", "tabs"):
        report = check_text(tmp_path, TEXT_LAYOUTS[layout](above, _SOURCES_HEADER, _SOURCES))
        assert (layout, verdict_of(report), _errors(report)) == (layout, "ok", [])
    text = _pipe(above, _SOURCES_HEADER, _changed(_SOURCES, 1, 3, "35"))
    report = check_text(tmp_path, text)
    assert errors_at(report) == [("TABLE_COMPARISON_MISMATCH", line_of(text, "Ngân sách huyện"), Decimal(35))]
    assert_message(
        only(report.findings, "TABLE_COMPARISON_MISMATCH"),
        "TABLE_COMPARISON_MISMATCH",
        "Dòng “Ngân sách huyện”, cột “Tỷ lệ (%)”: ghi 35%, nhưng tỷ trọng của dòng trong tổng (mọi dòng khác của "
        "cột đều theo tỷ trọng này) là 30%.",
    )


def test_a_comparison_no_relation_explains_is_reported_not_read(tmp_path: Path) -> None:
    rows = [[*r[:3], x] for r, x in zip(_SOURCES, ["45", "25", "20", "15", "100"], strict=True)]
    report = check_text(tmp_path, _pipe(["KINH PHÍ THỰC HIỆN KẾ HOẠCH"], _SOURCES_HEADER, rows))
    assert (verdict_of(report), _errors(report)) == ("incomplete", [])
    assert_message(
        only(report.findings, "TABLE_COMPARISON_NOT_CHECKED"),
        "TABLE_COMPARISON_NOT_CHECKED",
        "Cột “Tỷ lệ (%)” so sánh các cột số tiền, nhưng không phép so sánh nào (tỷ lệ, chênh lệch, tỷ trọng trong "
        "tổng) khớp với các dòng của cột: các số của cột này chưa được kiểm tra.",
        en="Column “Tỷ lệ (%)” compares the money columns, but no comparison (ratio, difference, share of the "
        "total) agrees with its rows: its figures are not checked.",
    )


# --------------------------------------------------------------------------- workbooks and CSV

_SPLIT_ABOVE = ["SỞ Y TẾ", "DỰ TOÁN KINH PHÍ CHƯƠNG TRÌNH NĂM 2025", "Đơn vị tính: triệu đồng"]
_SPLIT_HEADER = [["STT", "Nội dung", "Tổng kinh phí", "Trong đó", ""], ["", "", "", "NS tỉnh", "NS huyện"]]
_SPLIT = [
    ["1", "Xây dựng nhà văn hóa", "1.500", "1.000", "500"],
    ["2", "Nâng cấp đường giao thông", "2.400", "1.800", "600"],
    ["3", "Kênh mương nội đồng", "800", "500", "300"],
    ["", "Tổng cộng", "4.700", "3.300", "1.400"],
]


def test_a_sheet_column_named_only_under_a_merged_cell_is_read(tmp_path: Path) -> None:
    """``Trong đó`` over ``NS tỉnh | NS huyện``: the second header row names the last column,
    which the first leaves empty (its figures were dropped: a wrong one passed as KHỚP). The
    wrong figure breaks its column's sum and its row's (``Tổng kinh phí`` adds the sources)."""
    for layout in ("csv", "xlsx"):
        path = FILE_LAYOUTS[layout](tmp_path / f"t.{layout}", _SPLIT_ABOVE, _SPLIT_HEADER, _SPLIT)
        assert (layout, verdict_of(check_file(path, path.name))) == (layout, "ok")
        wrong = _changed(_SPLIT, 1, 4, "700")
        path = FILE_LAYOUTS[layout](tmp_path / f"w.{layout}", _SPLIT_ABOVE, _SPLIT_HEADER, wrong)
        assert (layout, _errors(check_file(path, path.name))) == (
            layout,
            [("SECTION_SUM_MISMATCH", Decimal(2400)), ("SECTION_SUM_MISMATCH", Decimal(1400))],
        )


# --------------------------------------------------------------------------- a family of estimates

# amounts in đồng that end in no zero: a figure ending in zeros may be a rounded one, whose sum
# is checked within its rounding (``SECTION_SUM_ROUNDING``), not exactly
_ITEMS = st.lists(
    st.integers(min_value=20_000, max_value=9_000_000).filter(lambda v: v % 10 != 0), min_size=1, max_size=4
)


def _ratio(new: int, old: int) -> str:
    value = (Decimal(new) * 100 / Decimal(old)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return f"{value}".replace(".", ",")


def _money(value: int) -> str:
    return f"{value:,}".replace(",", ".")


@st.composite
def _estimates(draw: st.DrawFn) -> tuple[Rows, int]:
    """An estimate by year: groups ``I``, ``II``… with items, a total row first, a comparison
    column (the new year over the old one); and the index of a data row to make wrong."""
    groups = draw(st.lists(st.tuples(_ITEMS, _ITEMS), min_size=2, max_size=3))
    rows: Rows = []
    romans = ["I", "II", "III"]
    for g, (olds, news) in enumerate(groups):
        n = min(len(olds), len(news))
        olds, news = olds[:n], news[:n]
        rows.append(
            [romans[g], f"Nhóm chi {g + 1}", _money(sum(olds)), _money(sum(news)), _ratio(sum(news), sum(olds))]
        )
        for k in range(n):
            rows.append(
                [str(k + 1), f"Khoản chi {g + 1}.{k + 1}", _money(olds[k]), _money(news[k]), _ratio(news[k], olds[k])]
            )
    old = sum(int(r[2].replace(".", "")) for r in rows if r[0] in romans)
    new = sum(int(r[3].replace(".", "")) for r in rows if r[0] in romans)
    rows.insert(0, ["", "Tổng số", _money(old), _money(new), _ratio(new, old)])
    assume(all(int(r[k].replace(".", "")) % 10 != 0 for r in rows for k in (2, 3)))
    wrong = draw(st.integers(min_value=1, max_value=len(rows) - 1))
    return rows, wrong


_FAMILY_ABOVE = ["DỰ TOÁN CHI NĂM 2025", "Đơn vị tính: đồng"]
_FAMILY_HEADER = [["STT", "Nội dung", "Dự toán năm 2024", "Dự toán năm 2025", "So sánh (%)"]]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(_estimates(), st.sampled_from(["pipe", "tabs"]), st.integers(min_value=101, max_value=999))
def test_estimates_by_year_never_err_when_right_and_never_pass_when_wrong(
    tmp_path: Path, estimate: tuple[Rows, int], layout: str, delta: int
) -> None:
    rows, wrong = estimate
    report = check_text(tmp_path, TEXT_LAYOUTS[layout](_FAMILY_ABOVE, _FAMILY_HEADER, rows))
    assert (verdict_of(report), _errors(report)) == ("ok", []), rows
    bad = _changed(rows, wrong, 3, _money(int(rows[wrong][3].replace(".", "")) + delta))
    report = check_text(tmp_path, TEXT_LAYOUTS[layout](_FAMILY_ABOVE, _FAMILY_HEADER, bad))
    # an error, or (a group of one item proves nothing of its sum) the sum said not checked
    assert verdict_of(report) in ("errors", "incomplete"), bad


def test_tab_rows_that_lost_their_empty_last_cells_keep_their_columns(tmp_path: Path) -> None:
    """A tab-separated table whose blank ``Ghi chú`` leaves some rows one cell short (a line
    loses its trailing tabs): the rows stand in the header's columns (they were taken for rows
    of merged cells and no sum was read)."""
    above = ["KẾ HOẠCH ĐẦU TƯ CÔNG TRUNG HẠN", "Đơn vị tính: triệu đồng"]
    header = [["STT", "Danh mục dự án", "Năm 2024", "Năm 2025", "Ghi chú"]]
    rows = [
        ["", "TỔNG SỐ", "12.000", "15.500", ""],
        ["1", "Đường liên xã A", "5.000", "6.000", "Chuyển tiếp"],
        ["2", "Trường TH B", "4.000", "5.500", "Khởi công mới"],
        ["3", "Trạm y tế C", "3.000", "4.000", ""],
    ]
    report = check_text(tmp_path, _tabs(above, header, rows))
    assert (verdict_of(report), _errors(report)) == ("ok", [])
    text = _tabs(above, header, _changed(rows, 2, 3, "5.000"))
    report = check_text(tmp_path, text)
    assert errors_at(report) == [("SECTION_SUM_MISMATCH", line_of(text, "TỔNG SỐ"), Decimal(15_500))]


def test_a_sheet_of_figures_by_year_no_role_word_names_is_read_by_its_sums(tmp_path: Path) -> None:
    """``STT | Chỉ tiêu | Thực hiện năm 2024 | Kế hoạch năm 2025``: no word names an amount, as
    text tables read it the workbook and CSV read it by its sums (they found no table at all)."""
    above = ["BÁO CÁO TÌNH HÌNH THỰC HIỆN", "Đơn vị tính: triệu đồng"]
    header = [["STT", "Chỉ tiêu", "Thực hiện năm 2024", "Kế hoạch năm 2025", "Ghi chú"]]
    rows = [
        ["", "Tổng cộng", "12.000", "15.500", ""],
        ["1", "Thu thuế", "5.000", "6.000", ""],
        ["2", "Thu phí", "4.000", "5.500", ""],
        ["3", "Thu khác", "3.000", "4.000", ""],
    ]
    for layout in ("csv", "xlsx"):
        path = FILE_LAYOUTS[layout](tmp_path / f"t.{layout}", above, header, rows)
        assert (layout, verdict_of(check_file(path, path.name))) == (layout, "ok")
        path = FILE_LAYOUTS[layout](tmp_path / f"w.{layout}", above, header, _changed(rows, 2, 3, "5.000"))
        assert (layout, _errors(check_file(path, path.name))) == (layout, [("SECTION_SUM_MISMATCH", Decimal(15_500))])


_SETTLED_HEADER = [["STT", "Nội dung", "Dự toán", "Quyết toán", "So sánh QT/DT (%)", "Tăng (+), giảm (-)"]]
_SETTLED = [
    ["", "Tổng số", "9.000", "8.750", "97,2%", "-250"],
    ["1", "Giáo dục", "3.500", "3.600", "102,9%", "100"],
    ["2", "Y tế", "1.300", "1.150", "88,5%", "-150"],
    ["3", "Quản lý", "2.000", "2.000", "100,0%", "0"],
    ["4", "Dự phòng", "2.200", "2.000", "90,9%", "(200)"],
]


def test_a_settlement_with_a_ratio_and_a_signed_difference_is_read_whole(tmp_path: Path) -> None:
    """``Tăng (+), giảm (-)`` is a comparison (its ``(200)`` a decrease), not a column of sums
    whose ``(200)`` is no figure; both comparison columns are checked."""
    above = ["QUYẾT TOÁN NĂM 2023", "Đơn vị tính: triệu đồng"]
    for layout in ("pipe", "tabs"):
        report = check_text(tmp_path, TEXT_LAYOUTS[layout](above, _SETTLED_HEADER, _SETTLED))
        assert (layout, verdict_of(report), [f.code for f in report.findings]) == (layout, "ok", [])
    report = check_text(tmp_path, _pipe(above, _SETTLED_HEADER, _changed(_SETTLED, 2, 5, "-140")))
    assert _errors(report) == [("TABLE_COMPARISON_MISMATCH", Decimal(-140))]
    report = check_text(tmp_path, _pipe(above, _SETTLED_HEADER, _changed(_SETTLED, 2, 4, "85,5%")))
    assert _errors(report) == [("TABLE_COMPARISON_MISMATCH", Decimal("85.5"))]


def test_lone_figures_no_table_was_made_of_are_said_unread(tmp_path: Path) -> None:
    """A table one cell per line whose header has a column no role word names (``Ước thực hiện
    năm 2024``) is no table the reader finds: its figures, a wrong one among them, were passed
    over and the product above them made the document KHỚP."""
    lines = [
        "KẾ HOẠCH",
        "1. Kinh phí hội nghị: 50 người x 100.000 đồng/người = 5.000.000 đồng.",
        "",
        "Đơn vị tính: triệu đồng",
        *("STT", "Nội dung", "Dự toán năm 2024", "Ước thực hiện năm 2024", "Dự toán năm 2025"),
        *("I", "Chi đầu tư phát triển", "3.000", "3.200", "3.500"),
        *("II", "Chi thường xuyên", "7.800", "8.100", "8.600"),
        *("1", "Chi sự nghiệp giáo dục", "4.000", "4.100", "4.400"),
        *("2", "Chi sự nghiệp y tế", "1.800", "1.900", "2.100"),
    ]
    text = "\n".join(lines) + "\n"
    report = check_text(tmp_path, text)
    assert (verdict_of(report), _errors(report)) == ("incomplete", [])
    finding = only(report.findings, "TABLE_CELLS_NOT_CHECKED")
    assert finding.source.line == line_of(text, "3.000")
    assert_message(
        finding,
        "TABLE_CELLS_NOT_CHECKED",
        "Các dòng 12–29 có 12 số đứng riêng từng dòng (như các ô của một bảng) nhưng không đọc được thành bảng: "
        "các số này chưa được kiểm tra.",
        en="Lines 12–29 hold 12 figures each alone on its line (like the cells of a table) that could not be read "
        "as a table: these figures are not checked.",
    )


def _single_spaced(above: list[str], header: Rows, rows: Rows, below: Sequence[str] = ()) -> str:
    """Cells joined by single spaces, as a PDF's unruled table reads back as text."""
    return "\n".join([*above, "", *(" ".join(c for c in r if c) for r in (*header, *rows)), "", *below]) + "\n"


_WATER = [
    ["TT", "Nội dung", "ĐVT", "SL", "Đơn giá", "Thành tiền"],
]


def _water_rows(amount: str) -> Rows:
    return [
        ["I", "Chi tổ chức", "", "", "", "30.600.000"],
        ["1", "Bồi dưỡng trọng tài", "người", "30", "420.000", "12.600.000"],
        ["2", "Nước uống (120 người x 3 ngày)", "suất", "360", "50.000", amount],
        ["", "Cộng", "", "", "", "30.600.000"],
    ]


def test_a_labels_bracket_with_figures_stays_in_the_label_of_a_single_spaced_row(tmp_path: Path) -> None:
    """``Nước uống (120 người x 3 ngày) suất 360 50.000 18.000.000``: the bracket's figures are a
    note of the label (they were cut into cells: the row was not checked); the row is 360 × 50.000."""
    above = ["DỰ TOÁN KINH PHÍ", "(ĐVT: đồng)"]
    right = check_text(tmp_path, _single_spaced(above, _WATER, _water_rows("18.000.000")))
    assert (errors_at(right), verdict_of(right)) == ([], "ok")
    assert [(r.stated, r.computed) for r in right.evaluation.lines()][-1] == (Decimal(18_000_000), Decimal(18_000_000))
    text = _single_spaced(above, _WATER, _water_rows("18.800.000"))
    wrong = check_text(tmp_path, text)
    assert ("PRODUCT_MISMATCH", line_of(text, "Nước uống"), Decimal(18_800_000)) in errors_at(wrong)
    assert verdict_of(wrong) == "errors"
