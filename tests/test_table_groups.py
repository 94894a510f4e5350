"""Tables as officers lay them out: group rows above their items, a ``Cộng`` of the groups,
``Bằng chữ`` under the table, signatures; notes in labels; abbreviated headers; PDF cells whose
figures a narrow column wrapped.

Every table here is invented for these tests. Each asserts the exact verdict: the codes, the
figures and the cell or line of each finding.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path

import docx
import openpyxl
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Cm

from budget.api import Report, check_file
from budget.findings import Severity
from budget.model import Section, walk_lines, walk_sections
from budget.read.pdf import WRAP_MARK, cell_text, read_pdf
from budget.read.pdf_wrap import Line, Word, merge_wrapped
from budget.tables.columns import column_role, settle_numbers
from budget.tables.reader import header_roles
from plancheck.projection import VerdictKind, project
from tests.helpers import assert_message
from tests.test_docx_pdf import _soffice_convert

# --------------------------------------------------------------------------- helpers


def _check(path: Path) -> Report:
    return check_file(path, path.name)


def _at(text: str, fragment: str, occurrence: int = 0) -> str:
    """``line:col`` (1-based) of the n-th ``fragment`` in ``text``."""
    at = -1
    for _ in range(occurrence + 1):
        at = text.index(fragment, at + 1)
    return f"{text.count(chr(10), 0, at) + 1}:{at - (text.rfind(chr(10), 0, at) + 1) + 1}"


def _errors(report: Report) -> list[tuple[str, str, Decimal | None, Decimal | None]]:
    """(code, place, expected, actual) of every error."""
    return [
        (f.code, f.source.cell or f"{f.source.line}:{f.source.col}", f.expected, f.actual)
        for f in report.findings
        if f.severity is Severity.ERROR
    ]


def _codes(report: Report, severity: Severity) -> list[str]:
    return [f.code for f in report.findings if f.severity is severity]


def _verdict(report: Report) -> VerdictKind:
    return project(report).verdict.kind


def _sections(report: Report) -> dict[str, Decimal | None]:
    return {s.title: s.stated.value if s.stated else None for s in walk_sections(report.plan.items)}


def _lines(report: Report) -> list[tuple[str, tuple[Decimal, ...], Decimal]]:
    return [(x.label, tuple(q.value for q in x.factors), x.stated.value) for x in walk_lines(report.plan.items)]


# --------------------------------------------------------------------------- an officer's estimate

_HEADER = ("STT", "Nội dung", "ĐVT", "Số lượng", "Đơn giá", "Thành tiền")
# (number, label, unit, quantity, price, amount); group rows and the total have no factors
_ROWS: list[tuple[str, str, str, str, str, str]] = [
    ("I", "Chi tổ chức", "", "", "", "2.500.000"),
    ("1", "Thuê hội trường", "ngày", "2", "500.000", "1.000.000"),
    ("2", "Nước uống", "suất", "60", "25.000", "1.500.000"),
    ("II", "Chi tài liệu", "", "", "", "900.000"),
    ("1", "In tài liệu", "bộ", "60", "10.000", "600.000"),
    ("2", "Văn phòng phẩm", "bộ", "60", "5.000", "300.000"),
    ("", "Cộng", "", "", "", "3.400.000"),
]
_WORDS = "Bằng chữ: Ba triệu bốn trăm nghìn đồng./."
_SIGNATURES = ("Người lập biểu", "Kế toán", "Thủ trưởng đơn vị")
_LINES = [
    ("Thuê hội trường", (Decimal(2), Decimal(500000)), Decimal(1000000)),
    ("Nước uống", (Decimal(60), Decimal(25000)), Decimal(1500000)),
    ("In tài liệu", (Decimal(60), Decimal(10000)), Decimal(600000)),
    ("Văn phòng phẩm", (Decimal(60), Decimal(5000)), Decimal(300000)),
]


def _rows(changes: dict[int, str] | None = None) -> list[tuple[str, ...]]:
    """The estimate with some amounts changed (row index → amount as written)."""
    rows: list[tuple[str, ...]] = [tuple(r) for r in _ROWS]
    for i, amount in (changes or {}).items():
        rows[i] = (*rows[i][:5], amount)
    return rows


def _text(rows: list[tuple[str, ...]], words: str = _WORDS) -> str:
    out = ["DỰ TOÁN KINH PHÍ TỔ CHỨC HỘI NGHỊ", "Đơn vị tính: đồng", "| " + " | ".join(_HEADER) + " |"]
    out += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join([*out, words, "", "          ".join(_SIGNATURES)]) + "\n"


def _csv(rows: list[tuple[str, ...]], words: str = _WORDS) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["DỰ TOÁN KINH PHÍ TỔ CHỨC HỘI NGHỊ", "", "", "", "", ""])
    w.writerow(["", "", "", "", "", "Đơn vị tính: đồng"])
    w.writerow(_HEADER)
    w.writerows(rows)
    w.writerow([words, "", "", "", "", ""])
    w.writerow([])
    w.writerow([_SIGNATURES[0], "", _SIGNATURES[1], "", _SIGNATURES[2], ""])
    return buf.getvalue()


def _workbook(path: Path, typed: dict[int, int] | None = None, words: str = _WORDS, gap: int = 0) -> Path:
    """The estimate as officers keep it: items ``=D6*E6``, groups ``=SUM(F6:F7)``, the total
    ``=F5+F8``; ``typed`` amounts typed over their formula; ``Bằng chữ`` merged A:F under it."""
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Dự toán"
    ws["A1"] = "DỰ TOÁN KINH PHÍ TỔ CHỨC HỘI NGHỊ"
    ws.merge_cells("A1:F1")
    ws["F2"] = "Đơn vị tính: đồng"
    for c, title in enumerate(_HEADER, 1):
        ws.cell(row=4, column=c, value=title)
    formulas = {5: "=SUM(F6:F7)", 6: "=D6*E6", 7: "=D7*E7", 8: "=SUM(F9:F10)", 9: "=D9*E9", 10: "=D10*E10"}
    formulas[11] = "=F5+F8"
    for r, row in enumerate(_ROWS, 5):
        number, label, unit, qty, price, _amount = row
        if number:
            ws.cell(row=r, column=1, value=int(number) if number.isdigit() else number)
        ws.cell(row=r, column=2, value=label)
        if unit:
            ws.cell(row=r, column=3, value=unit)
            ws.cell(row=r, column=4, value=int(qty))
            ws.cell(row=r, column=5, value=int(price.replace(".", "")))
        ws.cell(row=r, column=6, value=(typed or {}).get(r, formulas[r]))
    end = 12 + gap
    ws.cell(row=end, column=1, value=words)
    ws.merge_cells(f"A{end}:F{end}")
    for c, name in zip((1, 3, 5), _SIGNATURES, strict=True):
        ws.cell(row=end + 2, column=c, value=name)
    wb.save(path)
    return path


def _docx(path: Path, rows: list[tuple[str, ...]], words: str = _WORDS) -> Path:
    document = docx.Document()
    document.add_paragraph("DỰ TOÁN KINH PHÍ TỔ CHỨC HỘI NGHỊ (đơn vị tính: đồng)")
    table = document.add_table(rows=len(rows) + 1, cols=len(_HEADER))
    table.style = "Table Grid"
    for r, row in enumerate((_HEADER, *rows)):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    document.add_paragraph(words)
    signatures = document.add_table(rows=1, cols=3)
    for c, name in enumerate(_SIGNATURES):
        signatures.cell(0, c).text = name
    document.save(str(path))
    return path


_GROUPS = {"DỰ TOÁN KINH PHÍ TỔ CHỨC HỘI NGHỊ": Decimal(3400000), "Chi tổ chức": Decimal(2500000)}


def test_officer_workbook_with_group_rows_is_khop(tmp_path: Path) -> None:
    report = _check(_workbook(tmp_path / "du-toan.xlsx"))
    assert _errors(report) == []
    assert _lines(report) == _LINES
    assert _sections(report) == {**_GROUPS, "Chi tài liệu": Decimal(900000)}
    # the group rows are sections holding their items, not items beside them
    (table,) = report.plan.items
    assert isinstance(table, Section)
    assert [s.number for s in table.sections] == ["I", "II"]
    assert len(table.items) == 2
    assert [w.value for w in report.plan.words] == [Decimal(3400000)]
    assert _codes(report, Severity.WARNING) == ["XLSX_NOT_EVALUATED"]  # formulas openpyxl stored no value for
    assert _verdict(report) is VerdictKind.OK


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        # an item typed over its formula: its group and the total add it as written (=SUM)
        ({7: 1600000}, [("PRODUCT_MISMATCH", "Dự toán!F7", Decimal(1500000), Decimal(1600000))]),
        # a group typed over its =SUM: the total adds it as written
        ({5: 2600000}, [("SECTION_SUM_MISMATCH", "Dự toán!F5", Decimal(2500000), Decimal(2600000))]),
        # the total typed over its =F5+F8
        ({11: 3500000}, [("SECTION_SUM_MISMATCH", "Dự toán!F11", Decimal(3400000), Decimal(3500000))]),
    ],
)
def test_officer_workbook_one_wrong_figure(
    tmp_path: Path, typed: dict[int, int], expected: list[tuple[str, str, Decimal, Decimal]]
) -> None:
    # the words spell the total as the workbook shows it: 3.500.000 in each case
    report = _check(_workbook(tmp_path / "du-toan.xlsx", typed, "Bằng chữ: Ba triệu năm trăm nghìn đồng"))
    assert _errors(report) == expected
    assert _verdict(report) is VerdictKind.ERRORS


def test_same_estimate_as_csv_text_and_docx(tmp_path: Path) -> None:
    csv_path = tmp_path / "du-toan.csv"
    csv_path.write_text(_csv(_rows()), encoding="utf-8")
    text_path = tmp_path / "du-toan.txt"
    text_path.write_text(_text(_rows()), encoding="utf-8")
    for path in (csv_path, text_path, _docx(tmp_path / "du-toan.docx", _rows())):
        report = _check(path)
        assert _errors(report) == [], path.name
        assert _lines(report) == _LINES, path.name
        groups = {k: v for k, v in _sections(report).items() if k.startswith("Chi ")}
        assert groups == {"Chi tổ chức": Decimal(2500000), "Chi tài liệu": Decimal(900000)}, path.name
        (table,) = report.plan.items
        assert isinstance(table, Section) and table.stated is not None
        assert table.stated.value == Decimal(3400000)
        assert _verdict(report) is VerdictKind.OK, path.name


def test_wrong_group_and_wrong_total_in_csv(tmp_path: Path) -> None:
    path = tmp_path / "sai.csv"
    # group II written 1.000.000 (its items add to 900.000); the total adds the groups as written
    path.write_text(_csv(_rows({3: "1.000.000", 6: "3.500.000"}), "Bằng chữ: Ba triệu năm trăm nghìn đồng"), "utf-8")
    assert _errors(_check(path)) == [("SECTION_SUM_MISMATCH", "7:6", Decimal(900000), Decimal(1000000))]
    # the total wrong, the groups right
    path.write_text(_csv(_rows({6: "3.300.000"}), "Bằng chữ: Ba triệu ba trăm nghìn đồng"), "utf-8")
    assert _errors(_check(path)) == [("SECTION_SUM_MISMATCH", "10:6", Decimal(3400000), Decimal(3300000))]


def test_groups_without_amounts_and_letters(tmp_path: Path) -> None:
    text = """DỰ TOÁN
| TT | Nội dung | SL | ĐG | Thành tiền |
| A | Chi cho học sinh | | | |
| 1 | Phần thưởng | 10 | 100.000 | 1.000.000 |
| 2 | Giấy khen | 10 | 20.000 | 200.000 |
| B | Chi cho giáo viên | | | |
| 3 | Bồi dưỡng | 5 | 200.000 | 1.000.000 |
| | Tổng cộng | | | 2.300.000 |
"""
    path = tmp_path / "bang.txt"
    path.write_text(text, encoding="utf-8")
    report = _check(path)
    # the total adds the rows of both groups (2.200.000): the total is the wrong figure
    assert _errors(report) == [("SECTION_SUM_MISMATCH", _at(text, "2.300.000"), Decimal(2200000), Decimal(2300000))]
    assert [s.number for s in walk_sections(report.plan.items)[0].sections] == ["A", "B"]


def test_a_row_with_an_amount_and_no_factor_between_items_stays_an_item(tmp_path: Path) -> None:
    """``3 | Chi khác | | | 500.000`` among items 1, 2, 4 heads nothing: the next row is numbered alike."""
    text = """DỰ TOÁN
| STT | Nội dung | Số lượng | Đơn giá | Thành tiền |
| 1 | Phần thưởng | 10 | 100.000 | 1.000.000 |
| 2 | Giấy khen | 10 | 20.000 | 200.000 |
| 3 | Chi khác | | | 500.000 |
| 4 | Nước uống | 20 | 10.000 | 200.000 |
| | Cộng | | | 1.900.000 |
"""
    path = tmp_path / "bang.txt"
    path.write_text(text, encoding="utf-8")
    report = _check(path)
    assert _errors(report) == []
    assert [s.title for s in walk_sections(report.plan.items)] == ["DỰ TOÁN", "Chi khác"]
    assert _verdict(report) is VerdictKind.OK


# --------------------------------------------------------------------------- notes in labels


def test_product_in_a_label_is_a_note(tmp_path: Path) -> None:
    text = """DỰ TOÁN KINH PHÍ
| STT | Nội dung | ĐVT | Số lượng | Đơn giá | Thành tiền |
| 1 | Nước uống (30 người x 2 ngày) | suất | 60 | 25.000 | 1.500.000 |
| 2 | Ăn trưa (45 người x 3 ngày) | suất | 60 | 50.000 | 3.000.000 |
| | Cộng | | | | 4.500.000 |
"""
    path = tmp_path / "bang.txt"
    path.write_text(text, encoding="utf-8")
    report = _check(path)
    assert _errors(report) == []
    assert _lines(report) == [
        ("Nước uống (30 người x 2 ngày)", (Decimal(60), Decimal(25000)), Decimal(1500000)),
        ("Ăn trưa (45 người x 3 ngày)", (Decimal(60), Decimal(50000)), Decimal(3000000)),
    ]
    (note,) = [f for f in report.findings if f.code == "TABLE_LABEL_PRODUCT"]
    assert (note.severity, note.source.line, note.source.col) == (Severity.WARNING, 4, 16)
    assert_message(
        note,
        "TABLE_LABEL_PRODUCT",
        "Nội dung ghi “45 người x 3 ngày” = 135, không khớp với số nào của các cột (60, 50.000); "
        "thành tiền vẫn tính theo các cột, phần ghi trong nội dung chỉ là chú thích.",
    )
    assert _verdict(report) is VerdictKind.OK
    # a wrong amount is still the columns' product: 60 × 25.000, never × 2
    wrong = text.replace("1.500.000", "3.000.000").replace("4.500.000", "6.000.000")
    path.write_text(wrong, "utf-8")
    assert _errors(_check(path)) == [("PRODUCT_MISMATCH", _at(wrong, "3.000.000"), Decimal(1500000), Decimal(3000000))]


def test_lone_factor_in_a_label_counts_only_when_the_amount_counts_it(tmp_path: Path) -> None:
    text = """DỰ TOÁN
| STT | Nội dung | Số lượng | Đơn giá | Thành tiền |
| 1 | Bồi dưỡng báo cáo viên x 2 buổi | 3 | 500.000 | 3.000.000 |
| 2 | Nước uống x 2 buổi | 30 | 10.000 | 300.000 |
| | Cộng | | | 3.300.000 |
"""
    path = tmp_path / "bang.txt"
    path.write_text(text, encoding="utf-8")
    report = _check(path)
    assert _errors(report) == []
    assert [f for _label, f, _s in _lines(report)] == [
        (Decimal(3), Decimal(500000), Decimal(2)),  # 3 × 500.000 × 2 = 3.000.000
        (Decimal(30), Decimal(10000)),  # 30 × 10.000 = 300.000: the label's ``x 2 buổi`` is a note
    ]


# --------------------------------------------------------------------------- Bằng chữ under a table


def test_wrong_words_under_a_table_in_every_form(tmp_path: Path) -> None:
    wrong = "Bằng chữ: Hai triệu đồng"
    text = tmp_path / "bang.txt"
    text.write_text(_text(_rows(), wrong), encoding="utf-8")
    table = tmp_path / "bang.csv"
    table.write_text(_csv(_rows(), wrong), encoding="utf-8")
    places = {
        text: "11:11",
        table: "11:1",
        _workbook(tmp_path / "bang.xlsx", words=wrong): "Dự toán!A12",
        _workbook(tmp_path / "cach.xlsx", words=wrong, gap=1): "Dự toán!A13",  # a blank row between
        _docx(tmp_path / "bang.docx", _rows(), wrong): "đoạn 2",
    }
    for path, place in places.items():
        report = _check(path)
        assert _errors(report) == [("WORDS_MISMATCH", place, Decimal(3400000), Decimal(2000000))], path.name
        assert _verdict(report) is VerdictKind.ERRORS


def test_unreadable_words_are_unread_never_an_error(tmp_path: Path) -> None:
    path = tmp_path / "bang.txt"
    path.write_text(_text(_rows(), "Bằng chữ: Ba triệu bốn trăm con mèo"), encoding="utf-8")
    report = _check(path)
    assert _errors(report) == []
    (unread,) = [f for f in report.findings if f.code == "WORDS_UNREADABLE"]
    assert (unread.severity, unread.source.line) == (Severity.WARNING, 11)
    assert _verdict(report) is VerdictKind.INCOMPLETE


def test_words_of_a_table_without_a_total_row(tmp_path: Path) -> None:
    text = """DỰ TOÁN
| STT | Nội dung | Số lượng | Đơn giá | Thành tiền |
| 1 | Phần thưởng | 10 | 100.000 | 1.000.000 |
| 2 | Giấy khen | 10 | 20.000 | 200.000 |
(Bằng chữ: Một triệu hai trăm nghìn đồng chẵn)
"""
    path = tmp_path / "bang.txt"
    path.write_text(text, encoding="utf-8")
    report = _check(path)
    assert [w.amount.value for w in report.plan.words] == [Decimal(1200000)]
    assert _errors(report) == []
    path.write_text(text.replace("Một triệu hai", "Một triệu ba"), encoding="utf-8")
    assert _errors(_check(path)) == [("WORDS_MISMATCH", "5:12", Decimal(1200000), Decimal(1300000))]


# --------------------------------------------------------------------------- abbreviated headers


@pytest.mark.parametrize(
    ("title", "role"),
    [
        ("TT", "number"),
        ("STT", "number"),
        ("ĐVT", "unit"),
        ("SL", "quantity"),
        ("Số lg", "quantity"),
        ("S.lượng", "quantity"),
        ("ĐG", "price"),
        ("Đ.giá", "price"),
        ("TT (đồng)", "amount"),
        ("TT (nghìn đồng)", "amount"),
        ("T.tiền", "amount"),
    ],
)
def test_abbreviated_header_cells(title: str, role: str) -> None:
    assert column_role(title)[0] == role


def test_tt_is_thanh_tien_after_the_factors() -> None:
    assert settle_numbers(["number", "label", "unit", "quantity", "price", "number"]) == [
        "number",
        "label",
        "unit",
        "quantity",
        "price",
        "amount",
    ]
    assert settle_numbers(["number", "label", "quantity", "price", "amount", "number"])[-1] == "number"
    assert header_roles("TT Nội dung SL ĐG") == ["number", "label", "quantity", "price"]


@pytest.mark.parametrize("last", ["TT", "TT (đồng)"])
def test_abbreviated_table_in_text_and_csv(tmp_path: Path, last: str) -> None:
    header = ["TT", "Nội dung", "ĐVT", "Số lg", "Đ.giá", last]
    rows = [["1", "Giấy in", "gram", "10", "75.000", "750.000"], ["2", "Bút bi", "hộp", "5", "60.000", "350.000"]]
    text = tmp_path / "bang.txt"
    text.write_text("DỰ TOÁN\n" + "\n".join("| " + " | ".join(r) + " |" for r in [header, *rows]) + "\n", "utf-8")
    table = tmp_path / "bang.csv"
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows([header, *rows])
    table.write_text(buf.getvalue(), "utf-8")
    sheet = tmp_path / "bang.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    for r in [header, *rows]:
        ws.append([int(c.replace(".", "")) if c.replace(".", "").isdigit() else c for c in r])
    wb.save(sheet)
    for path, place in ((text, _at(text.read_text("utf-8"), "350.000")), (table, "3:6"), (sheet, "Sheet!F3")):
        report = _check(path)
        assert _errors(report) == [("PRODUCT_MISMATCH", place, Decimal(300000), Decimal(350000))], path.name
        assert [f for _label, f, _s in _lines(report)] == [
            (Decimal(10), Decimal(75000)),
            (Decimal(5), Decimal(60000)),
        ]


# --------------------------------------------------------------------------- PDF cells wrapped by a narrow column


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        ("1.000.00\n0", "1.000.000"),
        ("1.0\n00.\n000", "1.000.000"),
        ("25.0\n00", "25.000"),
        ("500.\n000", "500.000"),
        ("Thuê hội\ntrường", "Thuê hội trường"),
        ("1.500\n2", f"1.500{WRAP_MARK}2"),  # two whole figures: never one number
        ("2\n500", f"2{WRAP_MARK}500"),
        ("1.000.000", "1.000.000"),
    ],
)
def test_pdf_cell_text_rebuilds_wrapped_figures(raw: str, text: str) -> None:
    assert cell_text(raw) == text


_NARROW = [
    ("STT", "Nội dung", "SL", "Đơn giá", "Thành tiền"),
    ("I", "Chi tổ chức", "", "", "2.500.000"),
    ("1", "Thuê hội trường", "2", "500.000", "1.000.000"),
    ("2", "Nước uống", "60", "25.000", "1.500.000"),
    ("II", "Chi tài liệu", "", "", "600.000"),
    ("1", "In tài liệu", "60", "10.000", "600.000"),
    ("", "Cộng", "", "", "3.100.000"),
]


def _narrow_docx(path: Path, rows: list[tuple[str, ...]]) -> Path:
    """A ruled table whose figure columns are too narrow for their figures: Writer wraps
    ``1.000.000`` over two or three lines of its cell."""
    document = docx.Document()
    document.add_paragraph("DỰ TOÁN KINH PHÍ HỘI NGHỊ (đơn vị tính: đồng)")
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    table.autofit = False
    table._tbl.tblPr.append(parse_xml(f'<w:tblLayout {nsdecls("w")} w:type="fixed"/>'))
    widths = [Cm(1), Cm(4), Cm(1), Cm(1.4), Cm(1.3)]
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            cell = table.cell(r, c)
            cell.width = widths[c]
            cell.text = text
    for c, width in enumerate(widths):
        table.columns[c].width = width
    document.add_paragraph("Bằng chữ: Ba triệu một trăm nghìn đồng")
    document.save(str(path))
    return path


def test_pdf_narrow_columns_rebuilt_from_their_pieces(tmp_path: Path) -> None:
    pdf = _soffice_convert(_narrow_docx(tmp_path / "hep.docx", _NARROW), tmp_path, "pdf:writer_pdf_Export")
    report = _check(pdf)
    assert _errors(report) == []
    assert _lines(report) == [
        ("Thuê hội trường", (Decimal(2), Decimal(500000)), Decimal(1000000)),
        ("Nước uống", (Decimal(60), Decimal(25000)), Decimal(1500000)),
        ("In tài liệu", (Decimal(60), Decimal(10000)), Decimal(600000)),
    ]
    assert [s.number for s in walk_sections(report.plan.items)[0].sections] == ["I", "II"]
    assert [w.value for w in report.plan.words] == [Decimal(3100000)]
    assert _verdict(report) is VerdictKind.OK


def test_pdf_narrow_columns_wrong_group_named_at_its_row(tmp_path: Path) -> None:
    rows = list(_NARROW)
    rows[1] = ("I", "Chi tổ chức", "", "", "2.600.000")
    rows[6] = ("", "Cộng", "", "", "3.200.000")
    pdf = _soffice_convert(_narrow_docx(tmp_path / "sai.docx", rows), tmp_path, "pdf:writer_pdf_Export")
    report = _check(pdf)
    errors = _errors(report)
    assert errors[0] == ("SECTION_SUM_MISMATCH", "trang 1, bảng 1, dòng 2", Decimal(2500000), Decimal(2600000))
    # the words still say 3.100.000 under a total of 3.200.000
    assert errors[1:] == [("WORDS_MISMATCH", "trang 1, dòng 2", Decimal(3200000), Decimal(3100000))]
    assert _verdict(report) is VerdictKind.ERRORS


def _unruled(path: Path, rows: list[tuple[str, ...]]) -> Path:
    """The narrow table printed without rules: its rows read as text lines, a wrapped cell's
    pieces as lines of their own under the row."""
    document = docx.Document(str(_narrow_docx(path, rows)))
    document.tables[0].style = None
    document.save(str(path))
    return path


def test_unruled_pdf_rows_rebuilt_from_the_column_bands(tmp_path: Path) -> None:
    pdf = _soffice_convert(_unruled(tmp_path / "khong-ke.docx", _NARROW), tmp_path, "pdf:writer_pdf_Export")
    texts = [rl.text for rl in read_pdf(pdf) if rl.text]
    assert texts[1:8] == [
        "ST T Nội dung SL Đơn giá Thà nh tiền",
        "I Chi tổ chức 2.500.000",
        "1 Thuê hội trường 2 500.000 1.000.000",
        "2 Nước uống 60 25.000 1.500.000",
        "II Chi tài liệu 600.000",
        "1 In tài liệu 60 10.000 600.000",
        "Cộng 3.100.000",
    ]
    report = _check(pdf)
    assert _errors(report) == []
    assert len(_lines(report)) == 3
    assert _verdict(report) is VerdictKind.OK
    rows = list(_NARROW)
    rows[2] = ("1", "Thuê hội trường", "2", "500.000", "1.100.000")
    rows[1] = ("I", "Chi tổ chức", "", "", "2.600.000")
    rows[6] = ("", "Cộng", "", "", "3.200.000")
    pdf = _soffice_convert(_unruled(tmp_path / "sai.docx", rows), tmp_path, "pdf:writer_pdf_Export")
    report = _check(pdf)
    assert [e[:2] for e in _errors(report)] == [
        ("PRODUCT_MISMATCH", "trang 1, dòng 4"),
        ("WORDS_MISMATCH", "trang 1, dòng 9"),
    ]


def _words(*pieces: tuple[str, float, float]) -> tuple[Word, ...]:
    return tuple(Word(t, a, b) for t, a, b in pieces)


def test_merge_wrapped_joins_pieces_in_their_column_band() -> None:
    lines = [
        Line("Tiêu đề", 60, 70, _words(("Tiêu", 90, 110), ("đề", 113, 125))),
        Line(
            "1 Thuê 500. 1.0", 84, 96, _words(("1", 90, 97), ("Thuê", 118, 148), ("500.", 260, 287), ("1.0", 300, 319))
        ),
        Line("000 00.", 100, 112, _words(("000", 260, 283), ("00.", 300, 319))),
        Line("000", 116, 128, _words(("000", 300, 323))),
        Line(
            "2 Nước 25.0 1.5",
            142,
            154,
            _words(("2", 90, 97), ("Nước", 118, 150), ("25.0", 260, 287), ("1.5", 300, 319)),
        ),
    ]
    assert merge_wrapped(lines, cell_text) == [
        (0, 0, "Tiêu đề"),
        (1, 3, "1 Thuê 500.000 1.000.000"),
        (4, 4, "2 Nước 25.0 1.5"),  # the next row stands as far from it as it from the row above
    ]


def test_merge_wrapped_leaves_prose_alone() -> None:
    """A wrapped paragraph: its lines stand at one spacing and its words make no cells."""
    lines = [
        Line("Tổng kinh phí", 60, 72, _words(("Tổng", 90, 118), ("kinh", 121, 146), ("phí:", 149, 170))),
        Line("46.375 triệu", 76, 88, _words(("46.375", 90, 128), ("triệu", 131, 160))),
        Line("đồng.", 92, 104, _words(("đồng.", 90, 120))),
    ]
    assert merge_wrapped(lines, cell_text) == [(0, 0, "Tổng kinh phí"), (1, 1, "46.375 triệu"), (2, 2, "đồng.")]


def test_unnumbered_group_rows_only_when_the_numbering_restarts_under_each(tmp_path: Path) -> None:
    groups = """DỰ TOÁN
| STT | Nội dung | Số lượng | Đơn giá | Thành tiền |
| | Chi cho học sinh | | | 1.200.000 |
| 1 | Phần thưởng | 10 | 100.000 | 1.000.000 |
| 2 | Giấy khen | 10 | 20.000 | 200.000 |
| | Chi cho giáo viên | | | 1.000.000 |
| 1 | Bồi dưỡng | 5 | 200.000 | 1.000.000 |
| | Cộng | | | 2.200.000 |
"""
    path = tmp_path / "nhom.txt"
    path.write_text(groups, encoding="utf-8")
    report = _check(path)
    assert _errors(report) == []
    assert _sections(report) == {
        "DỰ TOÁN": Decimal(2200000),
        "Chi cho học sinh": Decimal(1200000),
        "Chi cho giáo viên": Decimal(1000000),
    }
    # one unnumbered row with an amount above numbered items: a balance brought forward, no group
    single = """DỰ TOÁN THU CHI
| STT | Nội dung | Số lượng | Đơn giá | Thành tiền |
| | Kinh phí năm trước chuyển sang | | | 500.000 |
| 1 | Phần thưởng | 10 | 100.000 | 1.000.000 |
| 2 | Giấy khen | 10 | 20.000 | 200.000 |
| | Cộng | | | 1.700.000 |
"""
    path.write_text(single, encoding="utf-8")
    report = _check(path)
    assert _errors(report) == []
    assert _sections(report) == {"DỰ TOÁN THU CHI": Decimal(1700000), "Kinh phí năm trước chuyển sang": Decimal(500000)}
    assert len(_lines(report)) == 2


def test_one_cell_rows_whose_amounts_look_like_row_numbers(tmp_path: Path) -> None:
    # a group's amount ``1`` followed by row ``1``, and a last row whose amount ``1`` is followed by ``Cộng``
    cells = [
        "STT", "Nội dung", "ĐVT", "Số lượng", "Đơn giá (tỷ đồng)", "Thành tiền (tỷ đồng)",
        "I", "Chi tập huấn", " ", " ", " ", " ",
        "1", "Thuê xe", "ngày", "6", "0,1", "0,6",
        "II", "Chi tổ chức", " ", " ", " ", "1",
        "1", "Thù lao báo cáo viên", "người", "2", "0,5", "1",
        " ", "Cộng", " ", " ", " ", "1,6",
    ]  # fmt: skip
    path = tmp_path / "t.txt"
    path.write_text("DỰ TOÁN HỘI NGHỊ\n\n" + "\n".join(cells) + "\n", encoding="utf-8")
    report = check_file(path)
    assert [(x.label, x.stated.value) for x in walk_lines(report.plan.items)] == [
        ("Thuê xe", Decimal("0.6")),
        ("Thù lao báo cáo viên", Decimal(1)),
    ]
    assert [f.code for f in report.findings if f.severity is not Severity.INFO] == []
