"""Tables as document converters write Word tables (each cell between two bar lines, merged
cells dropped), bullet items under group rows, numbering that restarts under a row, and a
quantity column counted from the columns before it. Invented texts; exact verdicts."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from benchmarks.gen_docs import bars_text
from budget.api import Report
from budget.findings import Severity
from budget.model import Section, walk_lines
from plancheck.projection import project
from tests.helpers import assert_message, check_text, errors_at, verdict_of


def _bars(rows: list[list[str]], above: str = "DỰ TOÁN KINH PHÍ\n\nĐơn vị tính: đồng\n") -> str:
    """Rows written one cell per line between bar lines (an empty cell: nothing between two bars)."""
    return "\n".join([above.rstrip("\n"), "", *bars_text(rows)]) + "\n"


def _codes(report: Report) -> list[str]:
    return [f.code for f in report.findings if f.severity is not Severity.INFO]


def _numbers(items: tuple[object, ...]) -> list[tuple[str, Decimal | None, list[object]]]:
    """The sections of a tree as (number, stated value, children) for comparing layouts."""
    out: list[tuple[str, Decimal | None, list[object]]] = []
    for item in items:
        if isinstance(item, Section):
            out.append((item.number, item.stated.value if item.stated else None, _numbers(item.items)))
    return out


_HEADER = ["TT", "**Nội dung**", "ĐVT", "Số lượng", "Đơn giá (đồng)", "Thành tiền (đồng)", "Ghi chú"]


def _groups(wrong_item: str = "600.000", group_a: str = "**1.000.000**", total: str = "**1.750.000**") -> str:
    return _bars(
        [
            _HEADER,
            ["**A**", "**Tập huấn cán bộ**", group_a, ""],  # merged: no empty cells between
            ["-", "Thuê hội trường", "buổi", "2", "200.000", "400.000", ""],
            ["-", "Nước uống", "người", "40", "15.000", wrong_item, "mỗi buổi"],
            ["**B**", "**In tài liệu**", "**750.000**", ""],
            ["+", "Photo tài liệu", "bộ", "50", "15.000", "750.000", ""],
            ["**Tổng cộng (A+B)**", total],
        ]
    )


def test_a_converted_table_with_merged_group_rows_and_bullets_agrees(tmp_path: Path) -> None:
    report = check_text(tmp_path, _groups())
    assert errors_at(report) == []
    assert verdict_of(report) == "ok"
    lines = walk_lines(report.plan.items)
    assert [(x.label, [q.value for q in x.factors], x.stated.value) for x in lines] == [
        ("Thuê hội trường", [Decimal(2), Decimal(200000)], Decimal(400000)),
        ("Nước uống", [Decimal(40), Decimal(15000)], Decimal(600000)),
        ("Photo tài liệu", [Decimal(50), Decimal(15000)], Decimal(750000)),
    ]


def test_a_wrong_row_of_a_converted_table_is_named_at_its_cell(tmp_path: Path) -> None:
    text = _groups(wrong_item="650.000")
    report = check_text(tmp_path, text)
    line = text.split("\n").index("650.000") + 1
    group = text.split("\n").index("**1.000.000**") + 1
    # the row's product, and the group that no longer adds up to its items as written
    assert errors_at(report) == [
        ("SECTION_SUM_MISMATCH", group, Decimal(1000000)),
        ("PRODUCT_MISMATCH", line, Decimal(650000)),
    ]
    assert verdict_of(report) == "errors"


def test_a_wrong_group_row_of_a_converted_table_is_named_at_it(tmp_path: Path) -> None:
    text = _groups(group_a="**1.100.000**", total="**1.850.000**")
    report = check_text(tmp_path, text)
    line = text.split("\n").index("**1.100.000**") + 1
    assert ("SECTION_SUM_MISMATCH", line, Decimal(1100000)) in errors_at(report)
    assert all(code != "PRODUCT_MISMATCH" for code, *_ in errors_at(report))


def test_a_table_ending_the_file_without_its_last_bar_keeps_its_last_row(tmp_path: Path) -> None:
    text = _bars(
        [
            ["STT", "Địa phương", "Kinh phí hỗ trợ (triệu đồng)"],
            ["", "TỔNG", "450"],
            ["1", "Xã An Phú", "200"],
            ["2", "Xã Bình Minh", "250"],
        ],
        above="PHỤ LỤC\nPHÂN BỔ KINH PHÍ\n",
    ).rstrip("|\n")
    report = check_text(tmp_path, text)
    assert errors_at(report) == []
    assert verdict_of(report) == "ok"
    assert _numbers(report.plan.items) == [("", Decimal(450), [("1", Decimal(200), []), ("2", Decimal(250), [])])]


def test_a_title_between_two_converted_tables_is_no_cell(tmp_path: Path) -> None:
    # the signature block is a table of its own; the appendix title stands between it and the table
    text = (
        "QUYẾT ĐỊNH\n|\nNơi nhận:\n- Như Điều 3;\n- Lưu: VT.\n|\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNguyễn Văn A\n|\n"
        "PHỤ LỤC\nDANH SÁCH HỖ TRỢ CÁC XÃ NĂM 2026 THEO QUYẾT ĐỊNH NÀY\n(Kèm theo Quyết định số 12/QĐ-UBND)\n"
        "Đơn vị: triệu đồng\n|\nSTT\n|\nĐịa phương\n|\nKinh phí\n|\n|\n|\nCộng\n|\n300\n|\n|\n1\n|\nXã A\n|\n"
        "120\n|\n|\n2\n|\nXã B\n|\n180\n|\n"
    )
    report = check_text(tmp_path, text)
    assert errors_at(report) == []
    assert verdict_of(report) == "ok"


def test_a_table_of_sums_under_a_header_of_merged_cells_is_read_by_its_rows(tmp_path: Path) -> None:
    # ``Kinh phí năm 2025`` spans two columns, ``Kinh phí dự kiến`` two more: the columns have no
    # names of their own, but each adds up by the row numbers
    rows = [
        ["STT", "Nội dung", "Kinh phí năm 2025", "Kinh phí dự kiến"],
        ["Dự toán", "Thực hiện", "Năm 2026", "Năm 2027"],
        ["", "TỔNG CHI", "900", "880", "950", "990"],
        ["1", "Chi đầu tư", "400", "390", "420", "440"],
        ["2", "Chi thường xuyên", "500", "490", "530", "550"],
    ]
    report = check_text(tmp_path, _bars(rows))
    assert errors_at(report) == []
    assert verdict_of(report) == "ok"
    rows[4][4] = "540"
    text = _bars(rows)
    report = check_text(tmp_path, text)
    assert errors_at(report) == [("SECTION_SUM_MISMATCH", text.split("\n").index("950") + 1, Decimal(950))]


def test_a_product_table_under_a_header_of_merged_cells_is_never_judged_by_guess(tmp_path: Path) -> None:
    # ``Chi tiết`` spans Số lượng and Đơn giá: which figure is the price cannot be known
    rows = [
        ["TT", "Nội dung", "Chi tiết", "Thành tiền (đồng)"],
        ["Số lượng", "Đơn giá"],
        ["I", "Hội nghị", "", "", "1.300.000"],
        ["1", "Nước uống", "20", "15.000", "300.000"],
        ["2", "Hội trường", "1", "1.000.000", "1.000.000"],
        ["", "Cộng", "", "", "1.300.000"],
    ]
    report = check_text(tmp_path, _bars(rows))
    assert errors_at(report) == []
    assert {"TABLE_NOT_CHECKED", "TABLE_COLUMN_NOT_CHECKED"} & set(_codes(report))
    columns = [f for f in report.findings if f.code == "TABLE_COLUMN_NOT_CHECKED"]
    assert [f.args["column"] for f in columns] == ["cột 3", "cột 4"]
    assert_message(
        columns[0],
        "TABLE_COLUMN_NOT_CHECKED",
        (
            "Cột “cột 3” không phải cột cộng dồn (phần lớn các dòng tổng không bằng tổng các dòng con): các số "
            "của cột này chưa được kiểm tra."
        ),
        en=(
            "Column “column 3” is no column of sums (most of its total rows are not the sum of the rows under them): "
            "its figures are not checked."
        ),
    )
    assert verdict_of(report) != "ok"
    assert project(report).verdict.exit_code == 1


_COUNTED = ["TT", "Chỉ tiêu", "Số điểm", "Số mẫu/điểm", "Số đợt/năm", "Số lượng (mẫu)", "Đơn giá (đồng)", "Thành tiền"]


def _counted(amount: str) -> str:
    return _bars(
        [
            _COUNTED,
            ["1", "Độ pH", "4", "2", "6", "48", "90.000", "4.320.000"],
            ["2", "Độ mặn", "", "", "", "12", "80.000", "960.000"],  # counted elsewhere: cells left empty
            ["3", "Coliform", "4", "1", "6", "24", "150.000", amount],
            ["", "Cộng", "", "", "", "", "", "8.880.000"],
        ]
    )


def test_a_quantity_counted_from_the_columns_before_it_is_multiplied_once(tmp_path: Path) -> None:
    report = check_text(tmp_path, _counted("3.600.000"))
    assert errors_at(report) == []
    assert verdict_of(report) == "ok"
    assert [[q.value for q in x.factors] for x in walk_lines(report.plan.items)] == [
        [Decimal(48), Decimal(90000)],
        [Decimal(12), Decimal(80000)],
        [Decimal(24), Decimal(150000)],
    ]


def test_a_wrong_amount_beside_columns_of_unknown_part_is_unread_never_an_error(tmp_path: Path) -> None:
    report = check_text(tmp_path, _counted("3.700.000"))
    text = _counted("3.700.000")
    # the row is not read as a product; the total of the figures as written is still checked
    assert errors_at(report) == [("SECTION_SUM_MISMATCH", text.split("\n").index("8.880.000") + 1, Decimal(8880000))]
    row = [f for f in report.findings if f.code == "TABLE_ROW_NOT_CHECKED"]
    assert [(f.message_key, f.actual if f.actual is not None else f.args["value"]) for f in row] == [
        ("TABLE_ROW_NOT_CHECKED.spare", Decimal(3700000))
    ]
    assert verdict_of(report) != "ok"


@pytest.mark.parametrize("form", ["pipe", "csv"])
def test_bullet_items_under_group_rows_belong_to_their_group(tmp_path: Path, form: str) -> None:
    rows = [
        ["STT", "Nội dung", "Số lượng", "Đơn giá", "Thành tiền"],
        ["I", "Khen thưởng học sinh", "", "", "2.400.000"],
        ["-", "Giải nhất", "2", "500.000", "1.000.000"],
        ["-", "Giải nhì", "4", "350.000", "1.400.000"],
        ["II", "Tổ chức lễ", "", "", "900.000"],
        ["•", "Trang trí", "1", "900.000", "900.000"],
        ["", "Cộng", "", "", "3.300.000"],
    ]
    if form == "pipe":
        text = "DỰ TOÁN\n\n" + "\n".join("| " + " | ".join(r) + " |" for r in rows) + "\n"
        report = check_text(tmp_path, text)
    else:
        report = check_text(tmp_path, "\n".join(",".join(f'"{c}"' for c in r) for r in rows) + "\n", "t.csv")
    assert errors_at(report) == []
    assert verdict_of(report) == "ok"
    tree = _numbers(report.plan.items)
    groups = tree[0][2] if tree and tree[0][0] == "" and tree[0][2] else tree
    assert [(n, v) for n, v, _ in groups] == [("I", Decimal(2400000)), ("II", Decimal(900000))]


def test_numbering_that_restarts_under_a_row_and_a_next_group_after_its_items(tmp_path: Path) -> None:
    # items numbered 1, 2 under 1.2 (the sequence of the groups above); group 2 above 2.1
    # although items used its sequence; III after group II's items is beside II, not in it
    rows = [
        ["TT", "Nội dung", "Số lượng", "Đơn giá", "Thành tiền"],
        ["I", "Quan trắc", "", "", "1.150.000"],
        ["1", "Định kỳ", "", "", "700.000"],
        ["1.1", "Vùng A", "", "", "300.000"],
        ["-", "Mẫu nước", "3", "100.000", "300.000"],
        ["1.2", "Vùng B", "", "", "400.000"],
        ["1", "Mẫu đất", "2", "100.000", "200.000"],
        ["2", "Mẫu bùn", "1", "200.000", "200.000"],
        ["2", "Đột xuất", "", "", "450.000"],
        ["2.1", "Vùng C", "", "", "450.000"],
        ["1", "Mẫu nước", "3", "150.000", "450.000"],
        ["II", "Hội nghị", "", "", "100.000"],
        ["1", "Nước uống", "10", "10.000", "100.000"],
        ["III", "Thuê tin nhắn", "", "", "50.000"],
        ["", "Tổng cộng", "", "", "1.300.000"],
    ]
    text = "DỰ TOÁN\n\n" + "\n".join("| " + " | ".join(r) + " |" for r in rows) + "\n"
    report = check_text(tmp_path, text)
    assert errors_at(report) == []
    assert verdict_of(report) == "ok"
    tree = _numbers(report.plan.items)
    top = tree[0][2][0][2] if tree[0][2] and tree[0][2][0][0] == "" else tree[0][2]
    assert [(n, v) for n, v, _ in top] == [("I", Decimal(1150000)), ("II", Decimal(100000)), ("III", Decimal(50000))]
    first = top[0][2]
    assert [(n, v) for n, v, _ in first] == [("1", Decimal(700000)), ("2", Decimal(450000))]
    assert [(n, v) for n, v, _ in first[0][2]] == [("1.1", Decimal(300000)), ("1.2", Decimal(400000))]
