"""Tables in plan text: blocks, column roles, row products, sums, shares, scales and findings.

Every table here is written for these tests (none is a copy of the corpus texts): each
stands for a class of real input (pipe rows from a web page or a .docx, columns aligned
by spaces, one cell per line from a PDF, rows whose cells are cut at single spaces).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from budget.api import Report, check_file
from budget.findings import Finding, Severity
from budget.messages import render
from budget.model import CostLine, Section, walk_lines, walk_sections
from budget.numbers import format_vn
from budget.read.text import split_lines
from budget.tables.reader import find_tables, header_roles, kind, table_line_numbers
from budget.units import DONG, NGHIN, TRIEU
from tests.helpers import assert_message


def _check(tmp_path: Path, text: str, name: str = "bang.txt") -> Report:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return check_file(path, name)


def _errors(report: Report) -> list[Finding]:
    return [f for f in report.findings if f.severity is Severity.ERROR]


def _codes(report: Report, severity: Severity | None = None) -> list[str]:
    return [f.code for f in report.findings if severity is None or f.severity is severity]


def _where(text: str, fragment: str, occurrence: int = 0) -> tuple[int, int]:
    """(line, column), 1-based, of ``fragment`` in ``text`` (its n-th occurrence)."""
    at = -1
    for _ in range(occurrence + 1):
        at = text.index(fragment, at + 1)
    line = text.count("\n", 0, at) + 1
    col = at - (text.rfind("\n", 0, at) + 1) + 1
    return line, col


def _at(f: Finding) -> tuple[int | None, int | None]:
    return f.source.line, f.source.col


def _lines(report: Report) -> list[tuple[str, tuple[Decimal, ...], Decimal]]:
    return [
        (line.label, tuple(q.value for q in line.factors), line.stated.value) for line in walk_lines(report.plan.items)
    ]


# --------------------------------------------------------------------------- roles


@pytest.mark.parametrize(
    ("header", "roles"),
    [
        ("STT | Nội dung | Số lượng | Đơn giá | Thời gian | Thành tiền", None),
        ("TT Diễn giải SL Đơngiá Số tháng Thànhtiền", None),
        ("Stt  Tên khoản thu  Số HS  Mức thu  Số buổi  Số tiền", None),
    ],
)
def test_header_roles_tolerate_spelling_and_glue(header: str, roles: None) -> None:
    assert header_roles(header) == ["number", "label", "quantity", "price", "duration", "amount"]


def test_header_roles_longest_spelling_wins_and_abbreviations_are_whole_words() -> None:
    assert header_roles("Tổng tiền") == ["amount"]
    assert header_roles("Tổng cộng") == ["total"]
    assert header_roles("Tỷ lệ (%)") == ["rate", "rate"]
    assert header_roles("ĐVT") == ["unit"]
    assert header_roles("Giáo dục") == []  # "Giá" only as a word
    assert header_roles("Định mức chi") == ["price"]


def test_cell_kinds() -> None:
    assert kind("1.500.000") == "num"
    assert kind("5.000/tháng") == "num"
    assert kind("40%") == "num"
    assert kind("1/2") == "frac"
    assert kind("2.000.000 - 10.000.000") == "range"
    assert kind("Tháng520") == "glued"
    assert kind("NT:120.000/tháng") == "mixed"
    assert kind("Mua giấy") == "text"
    assert kind("") == "empty"


# --------------------------------------------------------------------------- blocks


PIPE = """KẾ HOẠCH TỔ CHỨC NGÀY HỘI ĐỌC SÁCH
Đơn vị tính: đồng
| STT | Nội dung | Số lượng | Đơn giá | Số buổi | Thành tiền |
|-----|----------|----------|---------|---------|------------|
| 1 | Phần thưởng cho học sinh | 30 | 50.000 | 1 | 1.500.000 |
| 2 | Nước uống | 120 | 5.000 | 2 | 1.300.000 |
| 3 | Bồi dưỡng giáo viên | 6 | 100.000 | 2 | 1.200.000 | |
| | Cộng | | | | 4.000.000 |

Người lập biểu
"""


def test_find_tables_pipe_block_lines_and_cells() -> None:
    lines = split_lines(PIPE, "x.txt")
    blocks = find_tables(lines)
    assert len(blocks) == 1
    block = blocks[0]
    assert (block.shape, block.first, block.last) == ("pipe", 3, 8)
    assert block.rows[0].header
    row = block.rows[2]  # the separator line is no row
    assert [c.text for c in row.cells] == ["2", "Nước uống", "120", "5.000", "2", "1.300.000"]
    amount = row.cells[5]
    assert (amount.source.line, amount.source.col) == _where(PIPE, "1.300.000")
    assert table_line_numbers(lines) == set(range(3, 9))


def test_pipe_table_wrong_row_is_named_at_its_cell(tmp_path: Path) -> None:
    report = _check(tmp_path, PIPE)
    errors = _errors(report)
    assert [f.code for f in errors] == ["PRODUCT_MISMATCH"]  # Cộng adds the amounts as written: it agrees
    (product,) = errors
    assert _at(product) == _where(PIPE, "1.300.000")
    assert (product.expected, product.actual) == (Decimal(1200000), Decimal(1300000))
    # the sum agrees with the amount as written, so the product's factors are the likely cause
    assert product.cause is not None and product.cause.code in ("CAUSE_FACTOR", "CAUSE_SOME_FACTOR")
    assert _lines(report) == [
        ("Phần thưởng cho học sinh", (Decimal(30), Decimal(50000), Decimal(1)), Decimal(1500000)),
        ("Nước uống", (Decimal(120), Decimal(5000), Decimal(2)), Decimal(1300000)),
        ("Bồi dưỡng giáo viên", (Decimal(6), Decimal(100000), Decimal(2)), Decimal(1200000)),
    ]
    table = report.plan.items[0]
    # the document's title above the table is no label of it: the table is named by its number
    assert isinstance(table, Section) and table.title == "Bảng 1"
    assert table.stated is not None and table.stated.value == Decimal(4000000)
    assert report.plan.amounts_found == 4


def test_pipe_table_without_errors_is_clean(tmp_path: Path) -> None:
    text = PIPE.replace("| 1.300.000 |", "| 1.200.000 |").replace("4.000.000", "3.900.000")
    report = _check(tmp_path, text)
    assert _errors(report) == []
    assert not report.has_errors


def test_wrong_cong_row(tmp_path: Path) -> None:
    text = PIPE.replace("| 1.300.000 |", "| 1.200.000 |")  # rows right, Cộng says 4.000.000 for 3.900.000
    report = _check(tmp_path, text)
    errors = _errors(report)
    assert [f.code for f in errors] == ["SECTION_SUM_MISMATCH"]
    assert _at(errors[0]) == _where(text, "4.000.000")
    assert (errors[0].expected, errors[0].actual) == (Decimal(3900000), Decimal(4000000))


ALIGNED = """DỰ TOÁN KINH PHÍ HỘI THI GIÁO VIÊN GIỎI

Thành tiền  Nội dung              Số người  Mức chi  Số ngày  TT
 1.800.000  Giám khảo                    6  150.000        2   1
   950.000  Thư ký                       2  100.000        5   2
   900.000  Phục vụ                      3  100.000        3   3
 3.650.000  Cộng
"""


def test_space_aligned_table_with_columns_in_any_order(tmp_path: Path) -> None:
    report = _check(tmp_path, ALIGNED)
    assert _lines(report) == [
        ("Giám khảo", (Decimal(6), Decimal(150000), Decimal(2)), Decimal(1800000)),
        ("Thư ký", (Decimal(2), Decimal(100000), Decimal(5)), Decimal(950000)),
        ("Phục vụ", (Decimal(3), Decimal(100000), Decimal(3)), Decimal(900000)),
    ]
    errors = _errors(report)
    assert [f.code for f in errors] == ["PRODUCT_MISMATCH"]
    assert _at(errors[0]) == _where(ALIGNED, "950.000")
    sections = walk_sections(report.plan.items)
    assert sections[0].stated is not None and sections[0].stated.value == Decimal(3650000)


def test_tab_separated_table(tmp_path: Path) -> None:
    """Tab-separated rows are cut at the tabs (the reader keeps where they were)."""
    text = (
        "BẢNG DỰ TRÙ KINH PHÍ\n"
        "STT\tNội dung\tSố lượng\tĐơn giá\tThành tiền\n"
        "1\tMua giấy in\t20\t65.000\t1.300.000\n"
        "2\tMực máy in\t4\t250.000\t1.000.000\n"
        "\tCộng\t\t\t2.300.000\n"
    )
    report = _check(tmp_path, text)
    assert _lines(report) == [
        ("Mua giấy in", (Decimal(20), Decimal(65000)), Decimal(1300000)),
        ("Mực máy in", (Decimal(4), Decimal(250000)), Decimal(1000000)),
    ]
    assert _errors(report) == []
    assert report.plan.items[0].stated is not None


CELLS = """DỰ TOÁN CHI HỘI THAO CỤM TRƯỜNG

STT
Nội dung
Số người
Mức chi
Số ngày
Thành tiền
1
Trọng tài
6
150.000
2
1.800.000
2
Nước uống
40
10.000
3
1.300.000

Người lập
"""


def test_one_cell_per_line(tmp_path: Path) -> None:
    lines = split_lines(CELLS, "x.txt")
    (block,) = find_tables(lines)
    assert (block.shape, block.first, block.last) == ("cells", 3, 20)
    assert [c.text for c in block.rows[2].cells] == ["2", "Nước uống", "40", "10.000", "3", "1.300.000"]
    report = _check(tmp_path, CELLS)
    errors = _errors(report)
    assert [f.code for f in errors] == ["PRODUCT_MISMATCH"]
    assert _at(errors[0]) == (20, 1)  # the cell's own line


def test_two_row_header_with_scales(tmp_path: Path) -> None:
    text = """DỰ TOÁN MUA SẮM ĐỒ DÙNG THỂ THAO
| TT | Tên hàng | Số lượng | Đơn giá | Thành tiền |
| | | (cái) | (nghìn đồng) | (đồng) |
| 1 | Bóng đá | 4 | 250 | 1.000.000 |
| 2 | Lưới bóng chuyền | 2 | 400 | 800.000 |
| | Cộng | | | 1.800.000 |
"""
    report = _check(tmp_path, text)
    assert _errors(report) == []
    assert "TABLE_SCALE_IMPLIED" not in _codes(report)  # the header said it
    prices = [line.factors[1] for line in walk_lines(report.plan.items)]
    assert [p.money for p in prices] == [NGHIN, NGHIN]
    assert all(line.stated.money == DONG for line in walk_lines(report.plan.items))


def test_aligned_header_with_a_line_of_units(tmp_path: Path) -> None:
    text = """DỰ TOÁN MUA SẮM DỤNG CỤ

STT  Nội dung      Số lượng  Đơn giá        Thành tiền
                   (cái)     (nghìn đồng)   (đồng)
  1  Bóng rổ              4            320   1.280.000
  2  Bảng điểm            1            950     950.000
     Cộng                                    2.230.000
"""
    report = _check(tmp_path, text)
    assert _errors(report) == []
    assert "TABLE_SCALE_IMPLIED" not in _codes(report)
    assert [line.factors[1].money for line in walk_lines(report.plan.items)] == [NGHIN, NGHIN]


def test_unit_line_above_the_table(tmp_path: Path) -> None:
    text = """DỰ TOÁN SỬA CHỮA TRƯỜNG HỌC
ĐVT: triệu đồng
| STT | Hạng mục | Khối lượng | Đơn giá | Thành tiền |
| 1 | Lát nền phòng học | 6 | 12,5 | 75 |
| 2 | Sơn tường | 6 | 8 | 48 |
| | Tổng cộng | | | 123 |
"""
    report = _check(tmp_path, text)
    assert _errors(report) == []
    lines = walk_lines(report.plan.items)
    assert [line.stated.money for line in lines] == [TRIEU, TRIEU]
    assert [line.factors[1].value for line in lines] == [Decimal("12.5"), Decimal(8)]


def test_two_different_totals_of_one_table(tmp_path: Path) -> None:
    text = """DỰ TOÁN
| STT | Nội dung | Số lượng | Đơn giá | Thành tiền |
| 1 | Giấy | 10 | 50.000 | 500.000 |
| 2 | Bút | 20 | 5.000 | 100.000 |
| | Cộng | | | 600.000 |
| | Tổng cộng | | | 650.000 |
"""
    report = _check(tmp_path, text)
    (error,) = _errors(report)
    assert error.code == "TOTAL_STATED_TWICE"
    assert _at(error) == _where(text, "650.000")


def test_merged_header_cell_over_two_columns(tmp_path: Path) -> None:
    text = """KINH PHÍ TẬP HUẤN
| STT | Nội dung | Kinh phí | | |
| | | Số lượng | Đơn giá | Thành tiền |
| 1 | Báo cáo viên | 2 | 500.000 | 1.000.000 |
| 2 | Tài liệu | 50 | 12.000 | 600.000 |
"""
    report = _check(tmp_path, text)
    assert _lines(report) == [
        ("Báo cáo viên", (Decimal(2), Decimal(500000)), Decimal(1000000)),
        ("Tài liệu", (Decimal(50), Decimal(12000)), Decimal(600000)),
    ]
    assert _errors(report) == []


def test_price_in_thousands_stated_in_header(tmp_path: Path) -> None:
    text = """KẾ HOẠCH THU TIỀN ĂN BÁN TRÚ
| STT | Nội dung | Số trẻ | Đơn giá (nghìn đồng) | Số tháng | Thành tiền (đồng) |
| 1 | Tiền ăn trưa | 120 | 300 | 9 | 324.000.000 |
| 2 | Tiền ăn sáng | 40 | 150 | 9 | 55.000.000 |
"""
    report = _check(tmp_path, text)
    errors = _errors(report)
    assert [f.code for f in errors] == ["PRODUCT_MISMATCH"]
    assert _at(errors[0]) == _where(text, "55.000.000")
    assert (errors[0].expected, errors[0].actual) == (Decimal(54000000), Decimal(55000000))
    assert "TABLE_SCALE_IMPLIED" not in _codes(report)


def test_price_in_thousands_implied_by_every_row(tmp_path: Path) -> None:
    text = """THU CHI PHỤC VỤ BÁN TRÚ
| TT | Diễn giải | Số lượng | Đơn giá | Thời gian | Thành tiền |
| 1 | Nước rửa chén | 12 | 35 | 9 | 3.780.000 |
| 2 | Khăn lau | 30 | 8 | 9 | 2.160.000 |
"""
    report = _check(tmp_path, text)
    assert _errors(report) == []
    (note,) = [f for f in report.findings if f.code == "TABLE_SCALE_IMPLIED"]
    assert note.severity is Severity.INFO
    assert _at(note) == _where(text, "35")
    assert_message(
        note,
        "TABLE_SCALE_IMPLIED",
        "Cột đơn giá không ghi đơn vị; 2 dòng chỉ khớp khi đọc đơn giá là nghìn đồng (thành tiền là đồng), "
        "nên đã đọc như vậy.",
    )


def test_share_rows_of_a_stated_total(tmp_path: Path) -> None:
    text = """PHÂN BỔ NGUỒN THU HỌC PHÍ
| TT | Nội dung | Tỷ lệ | Số tiền |
| 1 | Trích nguồn cải cách tiền lương | 40% | 80.000.000 |
| 2 | Chi hoạt động chuyên môn | 35% | 70.000.000 |
| 3 | Mua sắm, sửa chữa | 25% | 40.000.000 |
| | Cộng (1+2+3) | | 200.000.000 |
"""
    report = _check(tmp_path, text)
    errors = _errors(report)
    # 25% of 200.000.000 is 50.000.000: the third share is wrong, and so is the sum
    assert [f.code for f in errors] == ["PRODUCT_MISMATCH", "SECTION_SUM_MISMATCH"]
    assert _at(errors[0]) == _where(text, "40.000.000")
    shares = walk_lines(report.plan.items)
    assert [(q.value, q.percent) for q in shares[0].factors] == [(Decimal(200000000), False), (Decimal(40), True)]
    assert "TABLE_SHARES_NOT_100" not in _codes(report)


def test_shares_not_summing_to_100(tmp_path: Path) -> None:
    text = """PHÂN BỔ NGUỒN THU
| TT | Nội dung | Tỷ lệ | Số tiền |
| 1 | Trích làm lương | 40% | 40.000.000 |
| 2 | Chi chuyên môn | 50% | 50.000.000 |
| | Cộng | | 100.000.000 |
"""
    report = _check(tmp_path, text)
    (warning,) = [f for f in report.findings if f.code == "TABLE_SHARES_NOT_100"]
    assert warning.severity is Severity.WARNING
    assert_message(warning, "TABLE_SHARES_NOT_100", "Các tỷ lệ trích cộng lại được 90%, không phải 100%.")


def test_share_base_is_the_total_stated_above(tmp_path: Path) -> None:
    """No total on the split itself: the shares are of the last total stated by a table above."""
    text = """KẾ HOẠCH THU CHI
Nội dung  Số lượng  Mức thu  Số tháng  Thành tiền
Học phí        100   50.000         9  45.000.000
Tổng cộng                              45.000.000
Diễn giải Tỷ lệ Số tiền (đồng)
1. Trích làm lương 40%    18.000.000
2. Chi hoạt động 60%      27.000.000
"""
    report = _check(tmp_path, text)
    assert _errors(report) == []
    lines = walk_lines(report.plan.items)
    assert [line.stated.value for line in lines] == [Decimal(45000000), Decimal(18000000), Decimal(27000000)]
    assert lines[1].factors[0].value == Decimal(45000000)


def test_glued_cells_are_reported_not_guessed(tmp_path: Path) -> None:
    text = """CÁC KHOẢN THU THỎA THUẬN
| STT | Nội dung | ĐVT | Số lượng | Đơn giá | Thành tiền |
| 1 | Tiền ăn | Tháng520 | 15.000 | 7.800.000 |
| 2 | Nước uống | Tháng | 520 | 10.000 | 5.200.000 |
"""
    report = _check(tmp_path, text)
    glued = [f for f in report.findings if f.code == "TABLE_CELLS_GLUED"]
    assert [_at(f) for f in glued] == [_where(text, "Tháng520")]
    assert_message(
        glued[0],
        "TABLE_CELLS_GLUED",
        (
            "Ô “Tháng520” có chữ dính liền với số, có thể hai ô của bảng bị dính vào nhau; không đoán, dòng này "
            "không được kiểm tra."
        ),
        en=(
            "The cell “Tháng520” has letters stuck to a number: two cells of the table may have run together; not "
            "guessed, the row was not checked."
        ),
    )
    not_checked = [f for f in report.findings if f.code == "TABLE_ROW_NOT_CHECKED"]
    assert [_at(f) for f in not_checked] == [_where(text, "7.800.000")]
    assert _errors(report) == []
    assert [line.label for line in walk_lines(report.plan.items)] == ["Nước uống"]


def test_row_with_a_range_or_a_missing_factor_is_not_checked(tmp_path: Path) -> None:
    text = """DỰ TOÁN HOẠT ĐỘNG NGOẠI KHÓA
| STT | Nội dung | Số lượng | Đơn giá | Thành tiền |
| 1 | Thuê xe | 2 | 2.000.000 - 3.000.000 | 5.000.000 |
| 2 | Vé tham quan | 45 | | 2.250.000 |
| 3 | Nước uống | 45 | 10.000 | 450.000 |
| | Cộng | | | 7.700.000 |
"""
    report = _check(tmp_path, text)
    warnings = [f for f in report.findings if f.code == "TABLE_ROW_NOT_CHECKED"]
    assert [(_at(f), f.message_key) for f in warnings] == [
        (_where(text, "5.000.000"), "TABLE_ROW_NOT_CHECKED.range"),
        (_where(text, "2.250.000"), "TABLE_ROW_NOT_CHECKED.missing"),
    ]
    assert_message(
        warnings[1],
        "TABLE_ROW_NOT_CHECKED",
        "Dòng “Vé tham quan” của bảng thiếu thừa số (ô trống hoặc không xác định được cột); "
        "số tiền 2.250.000 đồng không được kiểm tra phép nhân.",
    )
    # the unchecked rows still count in the sum, which is right
    assert _errors(report) == []
    assert [line.label for line in walk_lines(report.plan.items)] == ["Nước uống"]


def test_rate_per_year_is_not_multiplied_by_months(tmp_path: Path) -> None:
    """Rows cut at single spaces (a PDF table); a yearly rate beside a months column."""
    text = """DỰ TOÁN CÁC KHOẢN THU NĂM HỌC
TT Khoản thu
Số HS
Mức thu
Số tháng
Thành tiền
1 Tiền điện 310 6.000/tháng 9 16.740.000
2 Quỹ hội cha mẹ 310 50.000/năm 9 15.500.000
"""
    report = _check(tmp_path, text)
    assert _errors(report) == []
    lines = walk_lines(report.plan.items)
    assert [len(line.factors) for line in lines] == [3, 2]
    notes = [f for f in report.findings if f.code == "TABLE_DURATION_NOT_APPLIED"]
    assert [_at(f) for f in notes] == [_where(text, "9", 1)]
    assert_message(
        notes[0],
        "TABLE_DURATION_NOT_APPLIED",
        "Mức thu tính theo năm nên không nhân với số tháng “9” của cột thời gian.",
        en="The rate is per year, so it is not multiplied by the “9” months of the time column.",
    )


def test_amount_per_unit_column_is_a_step(tmp_path: Path) -> None:
    text = """DỰ TOÁN THU
TT Tên khoản thu
Số học sinh
Định mức thu
Số tháng
Số tiền /HS Tổng tiền
1 Tiền nước 200 4.000/tháng 9 36.000 7.200.000
2 Vệ sinh 200 5.000/tháng 9 40.000 9.000.000
"""
    report = _check(tmp_path, text)
    errors = _errors(report)
    assert [f.code for f in errors] == ["PRODUCT_MISMATCH"]
    assert _at(errors[0]) == _where(text, "40.000")  # 5.000 × 9 = 45.000: the per-pupil step
    line = walk_lines(report.plan.items)[0]
    assert [s.stated.value for s in line.steps] == [Decimal(36000), Decimal(7200000)]


CROSS = """KẾ HOẠCH THU QUỸ HỌC PHÍ
Mức thu: 80.000đ/ tháng
Số tháng 9 tháng / năm
Diễn giải Lớp 3 tuổi Lớp 4 tuổi Lớp 5 tuổi Tổng cộng Ghi chú
I. Số học sinh
Đóng đủ 40 50 60 150
Đóng 1/2 4 6 10 20
II. Số tiền thu( Đ.mức)          80,000          80,000          80,000          80,000
Đóng đủ          28,800,000          36,000,000          43,200,000         108,000,000
Đóng 1/2          1,440,000           2,160,000           3,600,000           7,200,000
Tổng cộng số tiền thu          30,240,000          38,160,000          46,800,000         115,200,000
"""


def test_cross_table_products_and_sums(tmp_path: Path) -> None:
    report = _check(tmp_path, CROSS)
    assert _errors(report) == []
    lines = walk_lines(report.plan.items)
    assert len(lines) == 8  # 2 rows × (3 classes + the total column)
    first = lines[0]
    assert first.label == "Đóng đủ – Lớp 3 tuổi"
    assert [q.value for q in first.factors] == [Decimal(40), Decimal(80000), Decimal(9)]
    half = next(line for line in lines if line.label == "Đóng 1/2 – Lớp 5 tuổi")
    assert [q.value for q in half.factors] == [Decimal(10), Decimal(80000), Decimal(9), Decimal("0.5")]
    stated = sorted(s.stated.value for s in walk_sections(report.plan.items) if s.stated is not None and s.items)
    for figure in ("30240000", "38160000", "46800000", "108000000", "7200000", "115200000"):
        assert Decimal(figure) in stated
    # a wrong cell shows as its product, its row sum and its column sum
    wrong = CROSS.replace("36,000,000", "36,500,000")
    report = _check(tmp_path, wrong, "sai.txt")
    codes = sorted(f.code for f in _errors(report))
    assert codes == ["PRODUCT_MISMATCH", "SECTION_SUM_MISMATCH", "SECTION_SUM_MISMATCH"]
    assert all(_at(f)[0] in (9, 11) for f in _errors(report))


def test_amounts_in_two_scales_in_one_column(tmp_path: Path) -> None:
    """A column without unit where ``500`` is đồng and ``4.5`` nghìn đồng: one reading adds up."""
    text = """| Khoản chi | Số tiền |
| Tiền gạo | 2.5 |
| Tiền rau | 500 |
| Tiền thịt | 12.0 |
| Tổng | 15 |
"""
    report = _check(tmp_path, text)
    assert _errors(report) == []
    (note,) = [f for f in report.findings if f.code == "TABLE_SCALE_MIXED"]
    assert _at(note) == _where(text, "15 ")
    assert_message(
        note,
        "TABLE_SCALE_MIXED",
        (
            "Cột số tiền không ghi đơn vị và ghi lẫn hai đơn vị: đọc 2.5, 12.0, 15 là nghìn đồng, các số còn lại "
            "là đồng, thì tổng khớp; đã đọc như vậy."
        ),
        en=(
            "The amount column states no unit and mixes two units: reading 2.5, 12.0, 15 as thousand đồng and the "
            "other figures as đồng makes the totals agree; they were read that way."
        ),
    )


def test_groups_and_formula_totals(tmp_path: Path) -> None:
    text = """DỰ TOÁN
| STT | Nội dung | Số lượng | Đơn giá | Thành tiền |
| A | Chi cho học sinh | | | |
| 1 | Phần thưởng | 10 | 100.000 | 1.000.000 |
| 2 | Giấy khen | 10 | 20.000 | 200.000 |
| | Cộng A | | | 1.200.000 |
| B | Chi cho giáo viên | | | |
| 1 | Bồi dưỡng | 5 | 200.000 | 1.000.000 |
| | Cộng B | | | 1.000.000 |
| | Tổng cộng (A+B) | | | 2.200.000 |
"""
    report = _check(tmp_path, text)
    assert _errors(report) == []
    sections = {s.title: s for s in walk_sections(report.plan.items)}
    assert sections["Chi cho học sinh"].stated is not None
    assert sections["Chi cho giáo viên"].stated is not None
    grand = sections["Tổng cộng (A+B)"]
    assert grand.stated is not None and grand.stated.value == Decimal(2200000)
    assert [s.title for s in grand.sections] == ["Chi cho học sinh", "Chi cho giáo viên"]


def test_table_after_text_budget_keeps_the_text_total(tmp_path: Path) -> None:
    text = """IV. KINH PHÍ THỰC HIỆN
Tổng kinh phí: 30 triệu đồng.
1. Tập huấn: 50 người x 0,6 triệu đồng/người = 30 triệu đồng.

Phụ lục: chi tiết mua sắm
| STT | Nội dung | Số lượng | Đơn giá | Thành tiền |
| 1 | Bàn ghế | 10 | 1.500.000 | 15.000.000 |
"""
    report = _check(tmp_path, text)
    assert _errors(report) == []
    plan = report.plan
    assert plan.total is None
    text_part, table = plan.items
    assert isinstance(text_part, Section) and text_part.stated is not None
    assert text_part.stated.value == Decimal(30)
    assert isinstance(table, Section) and isinstance(table.items[0], CostLine)


def test_total_stated_in_the_text_is_the_tables_total(tmp_path: Path) -> None:
    text = """KẾ HOẠCH TỔ CHỨC NGÀY HỘI ĐỌC SÁCH
Tổng kinh phí: 3.950.000 đồng, chi tiết như sau:
| STT | Nội dung | Số lượng | Đơn giá | Thành tiền |
| 1 | Phần thưởng | 30 | 50.000 | 1.500.000 |
| 2 | Nước uống | 240 | 10.000 | 2.400.000 |
"""
    report = _check(tmp_path, text)
    (error,) = _errors(report)
    assert error.code == "TOTAL_MISMATCH"
    assert (error.expected, error.actual) == (Decimal(3900000), Decimal(3950000))


def test_prose_and_national_header_are_no_table() -> None:
    text = """CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập – Tự do – Hạnh phúc
DỰ TOÁN THU VÀ CHI CÁC KHOẢN THU
NĂM HỌC 2021 - 2022
Tổng kinh phí dự kiến là 120 triệu đồng, gồm các nội dung sau:
- Tập huấn: 20 người x 1 triệu đồng = 20 triệu đồng.
"""
    assert find_tables(split_lines(text, "x.txt")) == []


def test_messages_of_tables_are_vietnamese() -> None:
    assert render("TABLE_CELLS_GLUED", {"text": "Tháng520"}) == (
        "Ô “Tháng520” có chữ dính liền với số, có thể hai ô của bảng bị dính vào nhau; "
        "không đoán, dòng này không được kiểm tra."
    )
    assert render("TABLE_DURATION_NOT_APPLIED", {"text": "10"}) == (
        "Mức thu tính theo năm nên không nhân với số tháng “10” của cột thời gian."
    )


# --------------------------------------------------------------------------- one table, three forms

_LABELS = (
    "Mua giấy in",
    "Thuê loa đài",
    "Nước uống",
    "Bồi dưỡng giáo viên",
    "Phần thưởng học sinh",
    "In tài liệu",
    "Văn phòng phẩm",
    "Trang trí hội trường",
    "Thuê xe đưa đón",
)
_SPELLINGS = {
    "number": ("STT", "TT"),
    "label": ("Nội dung", "Diễn giải", "Nội dung chi"),
    "quantity": ("Số lượng", "Số người", "SL"),
    "price": ("Đơn giá", "Mức chi", "Định mức"),
    "duration": ("Thời gian", "Số buổi", "Số ngày"),
    "amount": ("Thành tiền", "Số tiền", "Kinh phí"),
}


@dataclass(frozen=True)
class _Table:
    roles: tuple[str, ...]
    titles: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]  # cell texts in column order
    truth: tuple[tuple[str, tuple[Decimal, ...], Decimal, bool], ...]  # label, factors, stated, right


@st.composite
def _tables(draw: st.DrawFn) -> _Table:
    rnd = random.Random(draw(st.integers(0, 2**32)))
    roles = ["label", "quantity", "price", "amount"]
    if rnd.random() < 0.6:
        roles.append("duration")
    if rnd.random() < 0.6:
        roles.append("number")
    rnd.shuffle(roles)
    scale = rnd.choice(("dong", "header", "implied"))  # how the price column's unit is told
    titles = []
    for role in roles:
        title = rnd.choice(_SPELLINGS[role])
        if role == "price" and scale == "header":
            title += " (nghìn đồng)"
        if role == "amount" and scale == "header":
            title += " (đồng)"
        titles.append(title)
    count = rnd.randint(2, 6)
    wrong = rnd.choice([None, *range(count)])
    labels = rnd.sample(_LABELS, count)
    rows = []
    truth = []
    for r in range(count):
        qty = rnd.randint(1, 400)
        price = rnd.randint(1, 300) if scale != "dong" else rnd.randint(1, 300) * 1000
        days = rnd.randint(1, 12)
        factors = [Decimal(qty), Decimal(price)] + ([Decimal(days)] if "duration" in roles else [])
        amount = qty * price * (days if "duration" in roles else 1) * (1000 if scale != "dong" else 1)
        if r == wrong:
            amount += rnd.choice((-1, 1)) * rnd.randint(1, 9) * 10000
        values = {
            "number": str(r + 1),
            "label": labels[r],
            "quantity": str(qty),
            "price": format_vn(Decimal(price)),
            "duration": str(days),
            "amount": format_vn(Decimal(amount)),
        }
        rows.append(tuple(values[role] for role in roles))
        truth.append((labels[r], tuple(factors), Decimal(amount), r != wrong))
    return _Table(tuple(roles), tuple(titles), tuple(rows), tuple(truth))


_TITLE = "DỰ TOÁN KINH PHÍ TỔ CHỨC HỘI THI\n\n"


def _pipe(t: _Table) -> tuple[str, list[tuple[int, int]]]:
    out = [_TITLE.rstrip("\n"), ""]
    out.append("| " + " | ".join(t.titles) + " |")
    where = []
    amount = t.roles.index("amount")
    for row in t.rows:
        line = "| " + " | ".join(row) + " |"
        col = len("| " + "".join(c + " | " for c in row[:amount])) + 1
        assert line[col - 1 :].startswith(row[amount])
        where.append((len(out) + 1, col))
        out.append(line)
    return "\n".join(out) + "\n", where


def _aligned_text(t: _Table) -> tuple[str, list[tuple[int, int]]]:
    widths = [max(len(t.titles[i]), *(len(r[i]) for r in t.rows)) for i in range(len(t.roles))]
    numeric = [role not in ("label",) for role in t.roles]

    def cell(text: str, i: int) -> str:
        return text.rjust(widths[i]) if numeric[i] else text.ljust(widths[i])

    out = [_TITLE.rstrip("\n"), ""]
    out.append("  ".join(title.ljust(widths[i]) for i, title in enumerate(t.titles)).rstrip())
    where = []
    amount = t.roles.index("amount")
    for row in t.rows:
        line = "  ".join(cell(text, i) for i, text in enumerate(row)).rstrip()
        start = sum(widths[:amount]) + 2 * amount + widths[amount] - len(row[amount])
        assert line[start:].startswith(row[amount])
        where.append((len(out) + 1, start + 1))
        out.append(line)
    return "\n".join(out) + "\n", where


def _cells(t: _Table) -> tuple[str, list[tuple[int, int]]]:
    out = [_TITLE.rstrip("\n"), "", *t.titles]
    where = []
    amount = t.roles.index("amount")
    for row in t.rows:
        where.append((len(out) + amount + 1, 1))
        out.extend(row)
    return "\n".join(out) + "\n\nNgười lập\n", where


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(_tables())
def test_one_table_three_forms(tmp_path: Path, table: _Table) -> None:
    seen = []
    for name, render_form in (("pipe", _pipe), ("aligned", _aligned_text), ("cells", _cells)):
        text, where = render_form(table)
        report = _check(tmp_path, text, f"{name}.txt")
        lines = walk_lines(report.plan.items)
        got = [(line.label, tuple(q.value for q in line.factors), line.stated.value) for line in lines]
        assert got == [(label, factors, stated) for label, factors, stated, _ok in table.truth], (name, text)
        verdicts = [r.ok for r in report.evaluation.lines()]
        assert verdicts == [ok for *_rest, ok in table.truth], (name, text)
        errors = _errors(report)
        wrong = [where[i] for i, (*_rest, ok) in enumerate(table.truth) if not ok]
        assert [_at(f) for f in errors] == wrong, (name, text, errors)
        assert all(f.code == "PRODUCT_MISMATCH" for f in errors)
        seen.append((got, verdicts))
    assert seen[0] == seen[1] == seen[2]


_FRAGMENTS = (
    "STT",
    "Nội dung",
    "Số lượng",
    "Đơngiá",
    "Thời gian",
    "Thành tiền",
    "Tỷ lệ",
    "Tổng cộng",
    "Cộng (1+2)",
    "Khối 3 tuổi",
    "I.",
    "II",
    "A",
    "1",
    "2",
    "Mua giấy",
    "Trích 40%",
    "1/2",
    "(nghìn đồng)",
    "Tháng520",
    "NT:120.000/tháng",
    "2.000.000 - 3.000.000",
    "5.000/năm",
    "1..320",
    "9.88",
    "46,980,000",
    "90,000",
    "1.500.000",
    "7,5",
    "0",
    "",
    "x 2 buổi",
    "Đơn vị tính: nghìn đồng",
)


@st.composite
def _documents(draw: st.DrawFn) -> str:
    lines = []
    for _ in range(draw(st.integers(1, 14))):
        cells = draw(st.lists(st.sampled_from(_FRAGMENTS), min_size=1, max_size=7))
        shape = draw(st.sampled_from(("pipe", "aligned", "spaced", "cell")))
        if shape == "pipe":
            lines.append("| " + " | ".join(cells) + " |")
        elif shape == "aligned":
            lines.append("   ".join(cells))
        elif shape == "spaced":
            lines.append(" ".join(cells))
        else:
            lines.extend(cells)
    return "DỰ TOÁN\n" + "\n".join(lines) + "\n"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(_documents())
def test_any_table_like_text_is_read_without_raising(tmp_path: Path, text: str) -> None:
    report = _check(tmp_path, text, "fuzz.txt")
    count = text.count("\n")
    for f in report.findings:
        assert f.source.line is None or 1 <= f.source.line <= count + 1
