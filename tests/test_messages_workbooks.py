"""The exact words of what the reader of the tool's own workbook says of its cells, in
Vietnamese and English: a one-line ``Chi tiết`` sheet each, the cell asserted too."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl

from budget.api import check_file
from budget.findings import Severity
from tests.helpers import assert_message, only
from tests.test_formulas import _template


def test_numbers_typed_as_text_and_text_that_is_no_number(tmp_path: Path) -> None:
    book = _template(tmp_path / "mau.xlsx", 300, Decimal(1_500_000))
    wb = openpyxl.load_workbook(book)
    wb["Chi tiết"]["E6"] = "300"
    wb["Chi tiết"]["G6"] = "năm nghìn"
    wb.save(book)
    found = check_file(book).findings
    f = only(found, "XLSX_NUMBER_AS_TEXT")
    assert (f.severity, f.source.cell) == (Severity.INFO, "Chi tiết!E6")
    assert_message(
        f,
        "XLSX_NUMBER_AS_TEXT",
        "Số “300” được nhập dưới dạng chữ; đã đọc như số.",
        en="The number “300” was typed as text; it was read as a number.",
    )
    f = only(found, "XLSX_NOT_A_NUMBER")
    assert (f.severity, f.source.cell) == (Severity.ERROR, "Chi tiết!G6")
    assert_message(
        f,
        "XLSX_NOT_A_NUMBER",
        "Ô này phải là số nhưng có “năm nghìn”; phép nhân của dòng này không được kiểm tra.",
        en="This cell must hold a number but holds “năm nghìn”; the line's product is not checked.",
    )
    # judged from a partial reading the line would be a false PRODUCT_MISMATCH: it is not judged,
    # and its amount still counts in the total (which agrees)
    assert [x.code for x in found if x.severity is Severity.ERROR] == ["XLSX_NOT_A_NUMBER"]


def test_a_stored_value_whose_formula_is_not_recomputed(tmp_path: Path) -> None:
    book = _template(tmp_path / "ham.xlsx", 300, Decimal(1_500_000), computed="=FOO(E6,G6)")
    f = only(check_file(book).findings, "XLSX_FORMULA_UNCHECKED")
    assert (f.severity, f.source.cell) == (Severity.INFO, "Chi tiết!I6")
    assert_message(
        f,
        "XLSX_FORMULA_UNCHECKED",
        (
            "1 ô công thức của trang “Chi tiết” không tính lại được để đối chiếu với giá trị lưu, đầu tiên là I6 "
            "(hàm FOO chưa được hỗ trợ); đã dùng giá trị lưu trong tệp."
        ),
        en=(
            "In the sheet “Chi tiết”, 1 formula cell could not be recomputed to check the stored values, the "
            "first is I6 (the function FOO is not supported); the stored values were used."
        ),
    )
