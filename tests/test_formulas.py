"""Excel formulas recomputed exactly (``budget.formulas.recompute``): each operator and function, Excel's
rules for empty cells and text, property tests against direct Decimal arithmetic, and whole
workbooks whose stored values are stale, missing or not computable."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import xlsxwriter
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.utils.cell import get_column_letter

from budget import check_file
from budget.formulas.recompute import NotEvaluable, XlError, evaluate_cell, parse, recompute_workbook
from budget.numbers import EXACT
from budget.units import TRIEU
from tests.helpers import assert_message


def _book(cells: dict[str, Any], sheet: str = "S", others: dict[str, dict[str, Any]] | None = None) -> Workbook:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = sheet
    for coordinate, value in cells.items():
        ws[coordinate] = value
    for name, more in (others or {}).items():
        other = wb.create_sheet(name)
        for coordinate, value in more.items():
            other[coordinate] = value
    return wb


def value(formula: str, cells: dict[str, Any] | None = None, **others: dict[str, Any]) -> Any:
    wb = _book({**(cells or {}), "Z99": formula}, others=others)
    return evaluate_cell(wb, wb, "S", "Z99")


def reason(formula: str, cells: dict[str, Any] | None = None) -> str:
    with pytest.raises(NotEvaluable) as e:
        value(formula, cells)
    return e.value.kind


D = Decimal


@pytest.mark.parametrize(
    ("formula", "expected"),
    [
        ("=1+2*3", D(7)),
        ("=(1+2)*3", D(9)),
        ("=10-4-3", D(3)),
        ("=10/4", D("2.5")),
        ("=-2^2", D(4)),  # Excel: negation before the power
        ("=2^-3", D("0.125")),
        ("=2^3^2", D(64)),  # left to right
        ("=50%", D("0.5")),
        ("=200*15%", D(30)),
        ("=+5", D(5)),
        ("=1.5E+3", D(1500)),
        ("=0.1+0.2", D("0.3")),  # exact, not 0.30000000000000004
        ("=ROUND(2.5,0)", D(3)),
        ("=ROUND(-2.5,0)", D(-3)),  # half away from zero
        ("=ROUND(0.125,2)", D("0.13")),
        ("=ROUND(1234.5678,-2)", D(1200)),
        ("=ROUNDUP(1.21,1)", D("1.3")),
        ("=ROUNDUP(-1.21,1)", D("-1.3")),
        ("=ROUNDDOWN(1.29,1)", D("1.2")),
        ("=ROUNDDOWN(-1.29,1)", D("-1.2")),
        ("=INT(-1.5)", D(-2)),
        ("=INT(1.5)", D(1)),
        ("=ABS(-3.25)", D("3.25")),
        ("=MIN(4,2,8)", D(2)),
        ("=MAX(4,2,8)", D(8)),
        ("=PRODUCT(2,3,4)", D(24)),
        ("=SUM()", D(0)),
        ("=IF(1>2,5,6)", D(6)),
        ('=IF("a"="A",1,2)', D(1)),  # text compared without case
        ("=IFERROR(1/0,7)", D(7)),
        ('=TRIM("  đồng   x ")&"!"', "đồng x!"),
        ('=LEFT("đồng/người",FIND("/","đồng/người")-1)', "đồng"),
        ("=1/0", XlError("#DIV/0!")),
        ("=TRUE()", True),
    ],
)
def test_operators_and_functions(formula: str, expected: Any) -> None:
    assert value(formula) == expected


GRID = {"A1": D("1.5"), "A2": "chữ", "A3": None, "A4": D(2), "B1": D(10), "B2": D(20), "B4": D("0.5")}


@pytest.mark.parametrize(
    ("formula", "expected"),
    [
        ("=SUM(A1:A4)", D("3.5")),  # text and empty cells skipped
        ("=SUM(A1:A4,1,B1)", D("14.5")),
        ("=PRODUCT(A1:A4)", D(3)),
        ("=PRODUCT(A3)", D(0)),  # no number at all: 0, as Excel
        ("=MIN(A1:B4)", D("0.5")),
        ("=MAX(A1:B4)", D(20)),
        ("=COUNT(A1:B4)", D(5)),
        ("=SUMPRODUCT(A1:A4,B1:B4)", D("16")),  # 1,5×10 + 2×0,5; text is 0
        ("=SUMPRODUCT(A1:A2,B1:B4)", XlError("#VALUE!")),  # shapes differ
        ("=A3+1", D(1)),  # an empty cell is 0 in arithmetic
        ("=A3", D(0)),  # a reference to an empty cell shows 0
        ("=$A$1*B$2", D(30)),
        ("=SUM(A:A)", D("3.5")),  # a whole column: only the cells that exist
        ('=COUNTIF(A1:A4,"CHỮ")', D(1)),
        ("=N(A2)+N(A1)", D("1.5")),
        ('=VLOOKUP("Chữ",A1:B4,2,FALSE)', D(20)),
        ('=VLOOKUP("không",A1:B4,2,FALSE)', XlError("#N/A")),
    ],
)
def test_references_and_ranges(formula: str, expected: Any) -> None:
    assert value(formula, GRID) == expected


def test_sheet_qualified_references() -> None:
    others = {"Chi tiết": {"F5": D(3), "F6": D(4)}, "Sheet1": {"A1": D(1), "B3": D(2)}}
    assert value("='Chi tiết'!F5*2+SUM(Sheet1!A1:B3)", **others) == D(9)
    assert value("=SUM('Chi tiết'!$F$5:$F$6)", **others) == D(7)
    assert value("=Khác!A1", **others) == XlError("#REF!")


def test_formula_cells_are_recomputed_from_their_own_formulas() -> None:
    cells = {"A1": D(3), "A2": "=A1*2", "A3": "=A2+A1", "B1": "=SUM(A1:A3)"}
    wb = _book(cells)
    assert evaluate_cell(wb, wb, "S", "B1") == D(18)


def test_formulas_filled_down_read_their_own_rows() -> None:
    # one shape, parsed once: relative references move with the cell, $-fixed ones stay
    cells: dict[str, Any] = {"C1": D(10)}
    for row in range(1, 6):
        cells[f"A{row}"] = D(row)
        cells[f"B{row}"] = f"=A{row}*$C$1+SUM(A$1:A{row})"
    result = recompute_workbook(_book(cells), _book({}), "t.xlsx")
    assert [result.values[("S", f"B{row}")] for row in range(1, 6)] == [D(11), D(23), D(36), D(50), D(65)]


def test_a_long_chain_of_formulas_is_followed() -> None:
    cells: dict[str, Any] = {"A1": D(1)}
    for row in range(2, 1202):
        cells[f"A{row}"] = f"=A{row - 1}+1"
    wb = _book(cells)
    assert evaluate_cell(wb, wb, "S", "A1201") == D(1201)


@pytest.mark.parametrize(
    ("formula", "cells", "kind"),
    [
        ("=FOO(1)", {}, "function"),
        ("=A2+1", {"A2": "chữ"}, "text"),  # Excel's reading of text depends on its locale
        ("=A1", {"A1": "=A2", "A2": "=A1"}, "circular"),
        ("=[1]Sheet1!A1+1", {}, "external"),
        ("=Gia_tri*2", {}, "name"),
        ("={1,2}", {}, "array"),
        ("=A1:A2+1", {}, "array"),
        ("=VLOOKUP(1,A1:B2,2)", {}, "approximate"),
        ('=COUNTIF(A1:A2,">5")', {}, "criterion"),
        ("=2^1000", {}, "too_large"),
    ],
)
def test_what_is_not_evaluated_says_why(formula: str, cells: dict[str, Any], kind: str) -> None:
    assert reason(formula, cells) == kind


def test_parse_is_flat_for_long_sums() -> None:
    node = parse("=" + "+".join(f"A{i}" for i in range(1, 3001)))
    assert len(node.rest) == 2999  # type: ignore[union-attr]


# --- properties -------------------------------------------------------------------------------

AMOUNTS = st.decimals(min_value=-(10**6), max_value=10**6, places=3, allow_nan=False, allow_infinity=False)
CELLS = [f"A{i}" for i in range(1, 6)]


def _leaf(values: list[Decimal]) -> st.SearchStrategy[tuple[str, Decimal]]:
    ref = st.integers(0, len(values) - 1).map(lambda i: (CELLS[i], values[i]))
    const = st.integers(0, 1000).map(lambda n: (str(n), Decimal(n)))
    return st.one_of(ref, const)


def _tree(values: list[Decimal]) -> st.SearchStrategy[tuple[str, Decimal]]:
    def extend(children: st.SearchStrategy[tuple[str, Decimal]]) -> st.SearchStrategy[tuple[str, Decimal]]:
        binary = st.tuples(children, st.sampled_from("+-*"), children).map(
            lambda t: (
                f"({t[0][0]}{t[1]}{t[2][0]})",
                {"+": EXACT.add, "-": EXACT.subtract, "*": EXACT.multiply}[t[1]](t[0][1], t[2][1]),
            )
        )
        negated = children.map(lambda c: (f"-({c[0]})", -c[1]))
        halved = st.tuples(children, st.sampled_from([2, 4, 5, 8])).map(
            lambda t: (f"({t[0][0]})/{t[1]}", EXACT.divide(t[0][1], Decimal(t[1])))
        )
        return st.one_of(binary, negated, halved)

    return st.recursive(_leaf(values), extend, max_leaves=10)


@settings(max_examples=150, deadline=None)
@given(st.data(), st.lists(AMOUNTS, min_size=5, max_size=5))
def test_arithmetic_equals_decimal_arithmetic(data: st.DataObject, values: list[Decimal]) -> None:
    text, expected = data.draw(_tree(values))
    assert value("=" + text, dict(zip(CELLS, values, strict=True))) == expected


CONTENT = st.one_of(AMOUNTS, st.text("abcxyz", min_size=1, max_size=3), st.none())


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.lists(CONTENT, min_size=4, max_size=4), min_size=6, max_size=6),
    st.integers(1, 6),
    st.integers(1, 6),
    st.integers(1, 4),
    st.integers(1, 4),
)
def test_sum_over_a_range_equals_the_sum_of_its_numbers(
    grid: list[list[Any]], r1: int, r2: int, c1: int, c2: int
) -> None:
    cells = {f"{get_column_letter(c + 1)}{r + 1}": v for r, row in enumerate(grid) for c, v in enumerate(row)}
    top, bottom, left, right = min(r1, r2), max(r1, r2), min(c1, c2), max(c1, c2)
    expected = sum(
        (v for r in range(top - 1, bottom) for c in range(left - 1, right) if isinstance(v := grid[r][c], Decimal)),
        Decimal(0),
    )
    rng = f"{get_column_letter(left)}{top}:{get_column_letter(right)}{bottom}"
    assert value(f"=SUM({rng})", cells) == expected


# --- whole workbooks: stored values compared ------------------------------------------------


def test_a_stale_cell_is_reported_at_the_first_cell_of_its_chain() -> None:
    formulas = _book({"A1": D(310), "B1": "=A1*2", "C1": "=B1+1", "D1": "=1/3*3"})
    values = _book({"A1": D(310), "B1": D(600), "C1": D(601), "D1": D("0.99999999999999989")})
    states = {"S": {"B1": True, "C1": True, "D1": True}}
    result = recompute_workbook(formulas, values, "t.xlsx", states=states)
    stale = [(f.source.cell, f.actual, f.expected) for f in result.findings if f.code == "XLSX_STALE_VALUE"]
    # C1 adds 1 to what B1 shows: right from what the viewer sees; the stale figure is B1.
    # D1 stores the double nearest 1: equal to 15 significant digits
    assert stale == [("S!B1", D(600), D(620))]
    assert_message(
        result.findings[0],
        "XLSX_STALE_VALUE",
        "Giá trị lưu trong ô là 600 nhưng tính lại được 620: bảng tính chưa được tính lại sau khi sửa, "
        "người xem đang thấy số cũ.",
    )
    assert result.values == {("S", "B1"): D(620), ("S", "C1"): D(621), ("S", "D1"): D(1)}


def test_cells_without_stored_values_are_recomputed_or_reported() -> None:
    formulas = _book({"A1": D(2), "B1": "=A1*3", "C1": "=LAMBDA(A1)", "D1": "=C1+1"})
    states = {"S": {"B1": False, "C1": False, "D1": False}}
    result = recompute_workbook(formulas, _book({"A1": D(2)}), "t.xlsx", states=states)
    assert result.values == {("S", "B1"): D(6)}
    found = [(f.code, f.source.cell, f.severity.value) for f in result.findings]
    assert found == [
        ("XLSX_FORMULA_NOT_EVALUATED", "S!C1", "warning"),
        ("XLSX_FORMULA_NOT_EVALUATED", "S!D1", "warning"),
        ("XLSX_NOT_EVALUATED", "S!B1", "warning"),
    ]
    assert_message(
        result.findings[1],
        "XLSX_FORMULA_NOT_EVALUATED",
        "Ô công thức chưa có giá trị lưu và công cụ không tính lại được: hàm LAMBDA chưa được hỗ trợ "
        "(tại ô S!C1). Ô này không được kiểm tra; mở và lưu bằng Excel hoặc LibreOffice để ô có giá trị.",
    )
    assert_message(
        result.findings[2],
        "XLSX_NOT_EVALUATED",
        (
            "1 ô công thức của trang “S” chưa có giá trị lưu (tệp được lưu bởi chương trình không tính công "
            "thức), đầu tiên là B1. Công cụ đã tự tính lại; mở và lưu bằng Excel hoặc LibreOffice để người xem "
            "thấy số."
        ),
        en=(
            "The sheet “S” has 1 formula cell with no stored value (saved by a program that does not calculate), "
            "the first is B1. The tool recomputed the values; open and save the file in Excel or LibreOffice so "
            "that viewers see the figures."
        ),
    )


def test_fractions_of_a_dong_in_money_cells() -> None:
    formulas = _book({"A1": D("1.2345675"), "A2": D("1.234567"), "A3": "=A1*2", "B1": D("0.5")})
    result = recompute_workbook(
        formulas, formulas, "t.xlsx", money=lambda sheet, cell: TRIEU if cell.startswith("A") else None
    )
    found = [(f.source.cell, f.args["fraction"]) for f in result.findings if f.code == "FRACTION_OF_DONG"]
    assert found == [("S!A1", D("0.5"))]  # A3 = 2,469135 triệu: whole đồng; B1 is no amount


HEADERS = [
    "STT",
    "Mục",
    "Dòng trong văn bản",
    "Nội dung",
    "Thừa số 1",
    "Đơn vị 1",
    "Thừa số 2",
    "Đơn vị 2",
    "Thành tiền tính (đồng)",
    "Số ghi trong văn bản (đồng)",
]


def _template(path: Path, factor: tuple[str, int] | int, stated: Decimal | None, computed: str = "=E6*G6") -> Path:
    """A ``Chi tiết`` sheet with one line, written by XlsxWriter: a formula cell stores the
    value given beside it, whatever the formula gives."""
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Chi tiết")
    for col, header in enumerate(HEADERS):
        ws.write_string(4, col, header)
    ws.write_string(5, 3, "Giáo viên")
    if isinstance(factor, tuple):
        ws.write_formula(5, 4, factor[0], None, factor[1])
    else:
        ws.write_number(5, 4, factor)
    ws.write_string(5, 5, "người")
    ws.write_number(5, 6, 5000)
    ws.write_string(5, 7, "đồng/người")
    ws.write_formula(5, 8, computed, None, 1500000)
    if stated is not None:
        ws.write_number(5, 9, stated)
    wb.close()
    return path


def test_a_factor_formula_with_a_wrong_stored_value(tmp_path: Path) -> None:
    book = _template(tmp_path / "stale.xlsx", ("=2*150", 310), D(1500000))
    report = check_file(book)
    errors = [(f.code, f.source.cell, f.actual, f.expected) for f in report.findings if f.is_error]
    # the factor is taken as its formula gives it (300): the line then agrees with its amounts
    assert errors == [("XLSX_STALE_VALUE", "Chi tiết!E6", D(310), D(300))]


def _openpyxl_template(path: Path, computed: str, stated: Decimal | None) -> Path:
    """The same sheet saved by openpyxl: formulas without any stored value."""
    rows: dict[str, Any] = {f"{get_column_letter(c + 1)}5": h for c, h in enumerate(HEADERS)}
    rows.update({"D6": "Giáo viên", "E6": D(300), "F6": "người", "G6": D(5000), "H6": "đồng/người", "I6": computed})
    if stated is not None:
        rows["J6"] = stated
    wb = _book(rows, sheet="Chi tiết")
    wb.save(path)
    return path


def test_a_formula_without_stored_value_gives_the_line_its_amount(tmp_path: Path) -> None:
    report = check_file(_openpyxl_template(tmp_path / "bare.xlsx", "=E6*G6", None))
    assert [(f.code, f.source.cell, f.args.get("count")) for f in report.findings if f.code.startswith("XLSX")] == [
        ("XLSX_NOT_EVALUATED", "Chi tiết!I6", 1)  # the sheet's note: recomputed, to be saved by Excel
    ]
    assert not [f for f in report.findings if f.is_error]
    (line,) = report.plan.items
    stated = line.steps[0].stated
    assert (stated.value, stated.source.cell) == (D(1500000), "Chi tiết!I6")


def test_an_unknown_function_without_stored_value(tmp_path: Path) -> None:
    report = check_file(_openpyxl_template(tmp_path / "foo.xlsx", "=FOO(E6,G6)", D(1500000)))
    found = [(f.code, f.source.cell) for f in report.findings if f.code.startswith("XLSX")]
    assert found == [("XLSX_FORMULA_NOT_EVALUATED", "Chi tiết!I6")]
    assert "hàm FOO chưa được hỗ trợ" in report.findings[[f.code for f in report.findings].index(found[0][0])].message


def test_a_stated_amount_with_a_fraction_of_a_dong(tmp_path: Path) -> None:
    report = check_file(_template(tmp_path / "le.xlsx", 300, D("1500000.5")))
    fractions = [f for f in report.findings if f.code == "FRACTION_OF_DONG"]
    assert [(f.source.cell, f.severity.value) for f in fractions] == [("Chi tiết!J6", "warning")]
    assert_message(
        fractions[0],
        "FRACTION_OF_DONG",
        "Số tiền 1.500.000,5 đồng có phần lẻ 0,5 đồng, dưới một đồng; số tiền phải tròn đến đồng.",
    )


def test_a_lookup_filled_down_gives_each_row_its_own_value() -> None:
    # the lookup's result is kept by its input (the unit text): 700 rows, past the trial in
    # which a shape shows whether its inputs repeat, each row still gets its own product
    units = ("triệu đồng", "nghìn đồng", "đồng", "tỷ đồng")
    cells: dict[str, Any] = {"D1": "triệu đồng", "E1": D(6), "D2": "nghìn đồng", "E2": D(3), "D3": "đồng", "E3": D(0)}
    expected = {}
    for row in range(1, 701):
        unit = units[row % 4]
        cells[f"A{row}"] = f" {unit} /người" if row % 3 else unit
        cells[f"B{row}"] = D(row)
        cells[f"C{row}"] = f'=B{row}*10^IFERROR(VLOOKUP(TRIM(LEFT(A{row},FIND("/",A{row}&"/")-1)),$D$1:$E$3,2,FALSE),9)'
        expected[("S", f"C{row}")] = D(row) * D(10) ** {"triệu đồng": 6, "nghìn đồng": 3, "đồng": 0}.get(unit, 9)
    result = recompute_workbook(_book(cells), _book({}), "t.xlsx")
    assert {k: v for k, v in result.values.items() if k[1].startswith("C")} == expected


def test_a_kept_result_keeps_its_inexactness() -> None:
    # 1/3 is rounded: every row shows it to Excel's 15 digits, first computed or looked up
    cells: dict[str, Any] = {}
    for row in range(1, 601):
        cells[f"A{row}"] = D(3)
        cells[f"B{row}"] = f"=ROUND(1/A{row},40)"
    result = recompute_workbook(_book(cells), _book({}), "t.xlsx")
    assert {result.values[("S", f"B{row}")] for row in range(1, 601)} == {D("0.333333333333333")}


def test_a_branch_not_taken_is_not_evaluated_even_when_looked_up() -> None:
    # B refers to a circular pair only on the branch it does not take
    cells: dict[str, Any] = {"X1": "=Y1", "Y1": "=X1"}
    for row in range(1, 600):
        cells[f"A{row}"] = D(row % 2)
        cells[f"B{row}"] = f"=IF(A{row}=1,A{row}*5,IF(A{row}=0,7,$X$1))"
    result = recompute_workbook(_book(cells), _book({}), "t.xlsx", sheets=["S"])
    assert [result.values[("S", f"B{row}")] for row in range(1, 7)] == [D(5), D(7), D(5), D(7), D(5), D(7)]
    assert [f.source.cell for f in result.findings if f.code == "XLSX_FORMULA_NOT_EVALUATED"] == ["S!X1", "S!Y1"]


@settings(max_examples=30, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(["a", "b", " a", "A", "c"]), st.one_of(st.integers(-5, 5), st.just(True))),
        min_size=1,
        max_size=900,
    )
)
def test_lookups_filled_down_equal_one_by_one_evaluation(rows: list[tuple[str, int | bool]]) -> None:
    # the whole column recomputed at once (results kept by input) equals each cell alone
    cells: dict[str, Any] = {"E1": "a", "F1": D(2), "E2": "b", "F2": D(-3)}
    for row, (key, number) in enumerate(rows, 1):
        cells[f"A{row}"] = key
        cells[f"B{row}"] = number if number is True else D(number)  # TRUE is not 1 to COUNT
        cells[f"C{row}"] = f"=IFERROR(VLOOKUP(TRIM(A{row}),$E$1:$F$2,2,FALSE),B{row})*B{row}+COUNT(B{row})*10"
    wb = _book(cells)
    together = recompute_workbook(wb, _book({}), "t.xlsx").values
    alone = {("S", f"C{row}"): evaluate_cell(wb, wb, "S", f"C{row}") for row in range(1, len(rows) + 1)}
    assert {k: v for k, v in together.items() if k[1].startswith("C")} == alone
