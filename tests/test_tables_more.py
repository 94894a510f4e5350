"""Two more classes of table input: rows of different lengths with a formula written in a cell,
and counts (pupils, classes) that a table states as totals.

Every table here is written for these tests (none is a copy of the corpus texts):

- a notice flattened from HTML, one cell per line with a blank line between cells, whose rows
  stop short of the header (a group row, a row with one figure, a row of text), and a product
  written with no ``=`` in one cell with its figure in the next cell; the same formula in a
  pipe row, a space-aligned row, and in the label cell;
- a cross table of grades with a count group (rows of pupils, a ``Tổng cộng`` row, a row
  writing fewer figures than there are grades) above its money group.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from budget.api import Report, check_file
from budget.findings import Finding, Severity
from budget.model import walk_lines
from budget.numbers import format_vn
from budget.read.text import split_lines
from budget.tables.reader import find_tables
from plancheck.projection import VerdictKind, project
from tests.helpers import assert_message
from tests.test_tables import _check, _errors


def _where(text: str, fragment: str, occurrence: int = 0) -> tuple[int, int]:
    """(line, column), 1-based, of ``fragment`` in ``text`` (its n-th occurrence)."""
    at = -1
    for _ in range(occurrence + 1):
        at = text.index(fragment, at + 1)
    return text.count("\n", 0, at) + 1, at - (text.rfind("\n", 0, at) + 1) + 1


def _at(f: Finding) -> tuple[int | None, int | None]:
    return f.source.line, f.source.col


# --------------------------------------------------------------------------- formula cells

# ``{blank}``: a cell holding a space, as an empty HTML cell is flattened
_NOTICE = """THÔNG BÁO CÁC KHOẢN THU NĂM HỌC 2023-2024

Đơn vị tính: đồng

STT

Nội dung

Mức thu/buổi

(đồng)

Số tiền/tháng

(đồng)

I

Bảo hiểm thân thể

Tính theo 3% x 2.340.000 x 9 tháng x 50%

{figure}

II

Các khoản thu hộ

1

Nước sạch

{blank}

15.000

2

Tiền điện

Theo thực tế

3

Học bơi

20.000/buổi

Theo số buổi học

{blank}

Người lập
"""


def test_cells_a_blank_line_apart_formula_with_a_monthly_figure(tmp_path: Path) -> None:
    # 3% x 2.340.000 x 9 x 50% = 315.900 for the nine months; 35.100 is one month of it
    text = _NOTICE.format(figure="35.100", blank=" ")
    report = _check(tmp_path, text)
    lines = walk_lines(report.plan.items)
    assert [(line.label, [q.value for q in line.factors], line.stated.value) for line in lines] == [
        ("Bảo hiểm thân thể", [Decimal(3), Decimal(2340000), Decimal(9), Decimal(50)], Decimal(35100))
    ]
    (error,) = _errors(report)
    assert error.code == "PRODUCT_MISMATCH"
    assert _at(error) == _where(text, "35.100")
    assert (error.expected, error.actual, error.unit) == (Decimal(315900), Decimal(35100), "đồng")
    assert error.cause is not None
    assert error.cause.code == "CAUSE_MONTHLY_FOR_YEARLY"
    assert error.cause.args["months"] == Decimal(9)
    # the column's ``/tháng`` supports it: a note at the same figure
    (note,) = [f for f in report.findings if f.code == "TABLE_COLUMN_PER_MONTH"]
    assert (note.severity, _at(note)) == (Severity.INFO, _where(text, "35.100"))
    assert (note.args["column"], note.args["months"]) == ("Số tiền/tháng (đồng)", Decimal(9))
    assert_message(
        note,
        "TABLE_COLUMN_PER_MONTH",
        (
            "Số 35.100 đồng đứng ở cột “Số tiền/tháng (đồng)”, cột ghi số tiền mỗi tháng, trong khi công thức "
            "nhân 9 tháng."
        ),
        en=(
            "The figure 35,100 đồng stands in the column “Số tiền/tháng (đồng)”, a per-month amount, while the "
            "formula multiplies by 9 months."
        ),
    )
    # the rows nothing checks: one figure alone, a rate beside a text; never errors, never guessed
    unchecked = [(_at(f), f.actual) for f in report.findings if f.code == "UNCHECKED_AMOUNT"]
    assert unchecked == [(_where(text, "15.000"), Decimal(15000)), (_where(text, "20.000/buổi"), Decimal(20000))]
    assert (report.plan.amounts_found, len(report.plan.unchecked)) == (3, 2)


def test_cells_a_blank_line_apart_formula_agrees(tmp_path: Path) -> None:
    report = _check(tmp_path, _NOTICE.format(figure="315.900", blank=" "))
    assert _errors(report) == []
    assert [r.ok for r in report.evaluation.lines()] == [True]
    assert [f for f in report.findings if f.code == "TABLE_COLUMN_PER_MONTH"] == []


_PIPE = """DỰ KIẾN CÁC KHOẢN THU

Đơn vị tính: đồng

| STT | Khoản thu | Cách tính | Số tiền/tháng |
|---|---|---|---|
| 1 | Bảo hiểm thân thể | 3% x 2.340.000 x 9 tháng x 50% | {first} |
| 2 | Nước uống | 6.000 x 4 buổi = 24.000 | {second} |
| 3 | Giữ xe | | 10.000 |
"""

_ALIGNED = """DỰ KIẾN CÁC KHOẢN THU

Đơn vị tính: đồng

STT   Khoản thu            Cách tính                         Số tiền
1     Bảo hiểm thân thể    3% x 2.340.000 x 9 tháng x 50%    {first}
2     Nước uống            6.000 x 4 buổi                    {second}
"""

_IN_LABEL = """DỰ KIẾN CÁC KHOẢN THU

Đơn vị tính: đồng

| STT | Nội dung | Số tiền |
|---|---|---|
| 1 | Bảo hiểm thân thể: 3% x 2.340.000 x 9 tháng x 50% | {first} |
| 2 | Nước uống: 6.000 x 4 buổi = 24.000 | {second} |
"""


@pytest.mark.parametrize("form", [_PIPE, _ALIGNED, _IN_LABEL], ids=["pipe", "aligned", "label"])
def test_formula_cell_in_other_shapes(tmp_path: Path, form: str) -> None:
    def padded(figure: str) -> str:
        return figure.ljust(7) if form is _ALIGNED else figure

    right = form.format(first=padded("315.900"), second="24.000")
    report = _check(tmp_path, right, "right.txt")
    assert _errors(report) == []
    assert [(line.label, line.stated.value) for line in walk_lines(report.plan.items)] == [
        ("Bảo hiểm thân thể", Decimal(315900)),
        ("Nước uống", Decimal(24000)),
    ]
    # the first figure is one month of the product; the second differs from the cell's own result
    wrong = form.format(first=padded("35.100"), second="42.000")
    report = _check(tmp_path, wrong, "wrong.txt")
    errors = _errors(report)
    assert [(e.code, _at(e), e.expected, e.actual) for e in errors] == [
        ("PRODUCT_MISMATCH", _where(wrong, "35.100"), Decimal(315900), Decimal(35100)),
        ("PRODUCT_MISMATCH", _where(wrong, "42.000"), Decimal(24000), Decimal(42000)),
    ]
    assert errors[0].cause is not None and errors[0].cause.code == "CAUSE_MONTHLY_FOR_YEARLY"


def test_formula_cell_needs_its_figure_under_an_amount_column(tmp_path: Path) -> None:
    # the number after the formula stands under ``Ghi chú``: it is no result of the formula
    text = """DỰ KIẾN CÁC KHOẢN THU

| STT | Khoản thu | Cách tính | Ghi chú | Số tiền |
|---|---|---|---|---|
| 1 | Nước uống | 6.000 x 4 buổi | 2024 | 24.000 |
| 2 | Giữ xe | 5.000 x 4 buổi | 2024 | 20.000 |
| | Cộng | | | 44.000 |
"""
    report = _check(tmp_path, text)
    assert [line.label for line in walk_lines(report.plan.items)] == []
    assert _errors(report) == []


def test_size_in_a_label_is_no_formula(tmp_path: Path) -> None:
    text = """DỰ TOÁN MUA SẮM

Đơn vị tính: đồng

| STT | Nội dung | Thành tiền |
|---|---|---|
| 1 | Bạt che 3 x 4 m | 300.000 |
| 2 | Khung sắt 1,2 x 2,4 m | 450.000 |
| | Cộng | 750.000 |
"""
    report = _check(tmp_path, text)
    assert walk_lines(report.plan.items) == []
    assert _errors(report) == []
    assert report.evaluation.total.children_sum == Decimal(750000)


# --------------------------------------------------------------------------- property: rows of any length


@dataclass(frozen=True)
class _Notice:
    text: str
    wrong_lines: tuple[int, ...]  # where an error must stand, one per wrong row
    formulas: int  # rows that hold a formula


_LABELS = (
    "Nước uống",
    "Vệ sinh lớp học",
    "Học tiếng Anh",
    "Giữ xe đạp",
    "Bảo hiểm thân thể",
    "Quỹ lớp",
    "Sổ liên lạc",
    "Học kỹ năng",
    "Điện nước bán trú",
    "Đồ dùng học tập",
    "Khăn mặt, cốc",
    "Chăm sóc bán trú",
)
_UNITS = ("buổi", "tháng", "người", "ngày")


@st.composite
def _formula_row(draw: st.DrawFn) -> tuple[list[str], int | None]:
    """(cells from the formula on, index among them of the wrong figure or None)."""
    count = draw(st.integers(1, 30))
    unit = draw(st.sampled_from(_UNITS))
    price = draw(st.integers(1, 300)) * 1000
    percent = draw(st.sampled_from([None, 5, 50, 70]))
    value = Decimal(count * price)
    factors = f"{count} {unit} x {format_vn(Decimal(price))}"
    if percent is not None:
        factors += f" x {percent}%"
        value = value * percent / 100
    if value != value.to_integral_value():
        value = Decimal(count * price)
        factors = f"{count} {unit} x {format_vn(Decimal(price))}"
    prefix = draw(st.sampled_from(["", "Theo công thức ", "Tính: "]))
    own = draw(st.booleans())  # the cell writes its own ``= result``
    wrong = draw(st.sampled_from(["none", "figure", "own"] if own else ["none", "figure"]))
    delta = Decimal(draw(st.integers(1, 9)) * 1000 * draw(st.sampled_from([-1, 1])))
    if value + delta <= 0:
        delta = -delta  # a figure written wrong is still a positive amount
    own_value = value + delta if wrong == "own" else value
    figure_value = value + delta if wrong == "figure" else own_value
    cell = prefix + factors + (f" = {format_vn(own_value)}" if own else "")
    figure = draw(st.booleans()) if own and wrong != "figure" else True
    cells = [cell, format_vn(figure_value)] if figure else [cell, ""]
    return cells, None if wrong == "none" else (0 if wrong == "own" else 1)


@st.composite
def _notices(draw: st.DrawFn) -> _Notice:
    blank = draw(st.booleans())  # a blank line between two cells (HTML flattened), else none
    wrap = draw(st.booleans())  # the amount title wrapped: its unit on a line of its own
    amount = draw(st.sampled_from(["Số tiền/tháng", "Thành tiền", "Số tiền"]))
    middle = draw(st.sampled_from(["Mức thu/buổi", "Đơn giá", "Định mức"]))
    header = ["STT", "Nội dung", middle, amount, *(["(đồng)"] if wrap else [])]
    cells: list[tuple[str, bool]] = []  # (text, wrong)
    formulas = 0
    groups = draw(st.integers(1, 2))
    group_marks = draw(st.sampled_from([("I", "II"), ("A", "B")]))
    row_marks = draw(st.sampled_from([("1", "2", "3", "4"), ("a)", "b)", "c)", "d)"), ("1.", "2.", "3.", "4.")]))
    labels = iter(draw(st.permutations(_LABELS)))
    for g in range(groups):
        cells += [(group_marks[g], False), (next(labels) if g else "Các khoản thu theo thỏa thuận", False)]
        for n in range(draw(st.integers(1, 4))):
            shape = draw(st.sampled_from(["formula", "one", "text", "short"]))
            cells += [(row_marks[n], False), (next(labels, "Khoản khác"), False)]
            if shape == "formula":
                row, wrong = draw(_formula_row())
                cells += [(c, i == wrong) for i, c in enumerate(row)]
                formulas += 1
            elif shape == "one":
                cells += [("", False), (format_vn(Decimal(draw(st.integers(1, 99)) * 1000)), False)]
            elif shape == "text":
                cells += [(f"{draw(st.integers(1, 50))}.000/buổi", False), ("Theo thực tế", False)]
            else:
                cells += [(format_vn(Decimal(draw(st.integers(1, 99)) * 1000)), False)]
    sep = "\n\n" if blank else "\n"
    lines = ["THÔNG BÁO CÁC KHOẢN THU", "", "Đơn vị tính: đồng", ""]
    text = "\n".join(lines) + "\n" + sep.join(header) + sep
    wrong_lines = []
    for i, (cell, wrong) in enumerate(cells):
        if wrong:
            wrong_lines.append(text.count("\n") + 1)
        text += cell + (sep if i + 1 < len(cells) else "")
    text += "\n" * 8 + "Người lập biểu\n"
    return _Notice(text, tuple(wrong_lines), formulas)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(_notices())
def test_rows_of_any_length_errors_exactly_at_wrong_rows(tmp_path: Path, notice: _Notice) -> None:
    report = _check(tmp_path, notice.text)
    errors = _errors(report)
    assert sorted(e.source.line or 0 for e in errors) == sorted(notice.wrong_lines), notice.text
    assert {e.code for e in errors} <= {"PRODUCT_MISMATCH"}
    # every formula row read and checked: in the budget, or beside it when the notice holds no
    # other amount (a lone ``1 buổi x 1.000 = 1.000`` is then no budget, still a checked line)
    assert len(walk_lines(report.plan.items)) + len(report.plan.side) == notice.formulas, notice.text


# --------------------------------------------------------------------------- count sums

_GRADES = """KẾ HOẠCH THU TIỀN HỌC THÊM NĂM HỌC 2024-2025
Mức thu: 50.000đ/ tháng
Diễn giải Khối 6 Khối 7 Khối 8 Tổng cộng Ghi chú
I. Số học sinh
Học sinh học buổi sáng 30 41 25 96
Học sinh học buổi chiều 12 9 20 41
Học sinh khuyết tật 2 2
Tổng cộng số học sinh {totals}
II. Dự toán thu
Học sinh học buổi sáng 1,500,000 2,050,000 1,250,000 4,800,000
Học sinh học buổi chiều 600,000 450,000 1,000,000 2,050,000
Tổng cộng số tiền thu 2,100,000 2,500,000 2,250,000 6,850,000
"""


def _counts(report: Report) -> list[tuple[str, Decimal, Decimal, bool]]:
    return [(c.label, c.stated, c.computed, c.ok) for c in report.plan.counts]


def test_count_group_totals_agree(tmp_path: Path) -> None:
    text = _GRADES.format(totals="42 52 45 139")
    report = _check(tmp_path, text)
    assert _errors(report) == []
    assert _counts(report) == [
        ("Học sinh học buổi sáng – cột tổng cộng", Decimal(96), Decimal(96), True),
        ("Học sinh học buổi chiều – cột tổng cộng", Decimal(41), Decimal(41), True),
        ("Học sinh khuyết tật – cột tổng cộng", Decimal(2), Decimal(2), True),
        ("Tổng cộng số học sinh – Khối 6", Decimal(42), Decimal(42), True),
        ("Tổng cộng số học sinh – Khối 7", Decimal(52), Decimal(52), True),
        ("Tổng cộng số học sinh – Khối 8", Decimal(45), Decimal(45), True),
        ("Tổng cộng số học sinh – cột tổng cộng", Decimal(139), Decimal(139), True),
    ]
    # the row writing one figure for three grades: only under Khối 7 do the column totals agree
    (placed,) = [f for f in report.findings if f.code == "TABLE_COUNT_PLACED"]
    assert placed.severity is Severity.INFO
    assert placed.message_key == "TABLE_COUNT_PLACED.only"
    assert placed.args["columns"] == "Khối 7"
    assert _at(placed) == _where(text, "2 2")
    # counts never mix with money: the money total is the money group's
    assert report.evaluation.total.children_sum == Decimal(6850000)


def test_count_group_total_wrong(tmp_path: Path) -> None:
    text = _GRADES.format(totals="43 52 45 139")
    report = _check(tmp_path, text)
    (error,) = _errors(report)
    assert error.code == "COUNT_SUM_MISMATCH"
    assert _at(error) == _where(text, "43 52")
    assert (error.expected, error.actual, error.unit) == (Decimal(42), Decimal(43), None)
    assert ("Tổng cộng số học sinh – Khối 6", Decimal(43), Decimal(42), False) in _counts(report)


def test_count_row_total_wrong(tmp_path: Path) -> None:
    text = _GRADES.replace("20 41", "20 40").format(totals="42 52 45 139")
    report = _check(tmp_path, text)
    # 12 + 9 + 20 = 41, written 40; the rows' totals now add up to 96 + 40 + 2 = 138, not 139;
    # and the money cell of the row's total column multiplies the count as written: 40 x 50.000
    assert [(e.code, _at(e), e.expected, e.actual) for e in _errors(report)] == [
        ("COUNT_SUM_MISMATCH", _where(text, "40\n"), Decimal(41), Decimal(40)),
        ("COUNT_SUM_MISMATCH", _where(text, "139\n"), Decimal(138), Decimal(139)),
        ("PRODUCT_MISMATCH", _where(text, "2,050,000\n"), Decimal(2000000), Decimal(2050000)),
    ]


def test_count_sums_projected_as_kind_count(tmp_path: Path) -> None:
    from plancheck.projection import project

    report = _check(tmp_path, _GRADES.format(totals="43 52 45 139"))
    counts = [s for s in project(report).sums if s.kind == "count"]
    assert [(s.stated, s.computed, s.ok, s.unit) for s in counts][3] == (Decimal(43), Decimal(42), False, "")
    assert len(counts) == 7


_CLASSES = """SỐ LỚP VÀ SỐ HỌC SINH NĂM HỌC 2024-2025

| STT | Khối | Số lớp | Số học sinh |
|---|---|---|---|
| 1 | Khối 1 | 4 | 138 |
| 2 | Khối 2 | 5 | 171 |
| 3 | Khối 3 | 4 | 140 |
| | Cộng | {classes} | 449 |
"""


def test_table_of_counts_only_with_a_total_row(tmp_path: Path) -> None:
    report = _check(tmp_path, _CLASSES.format(classes="13"))
    assert _errors(report) == []
    assert _counts(report) == [
        ("Cộng – Số lớp", Decimal(13), Decimal(13), True),
        ("Cộng – Số học sinh", Decimal(449), Decimal(449), True),
    ]
    text = _CLASSES.format(classes="14")
    report = _check(tmp_path, text)
    (error,) = _errors(report)
    assert (error.code, _at(error), error.expected, error.actual) == (
        "COUNT_SUM_MISMATCH",
        _where(text, "14 |"),
        Decimal(13),
        Decimal(14),
    )


def test_table_of_counts_without_a_total_row_is_no_table(tmp_path: Path) -> None:
    text = "\n".join(line for line in _CLASSES.format(classes="13").splitlines() if "Cộng" not in line) + "\n"
    # a list of counts nothing totals may be anything (targets, a roster): left to the text reader
    assert find_tables(split_lines(text, "bang.txt")) == []
    assert _check(tmp_path, text).plan.counts == ()


def test_count_column_of_a_money_table(tmp_path: Path) -> None:
    text = """DỰ TOÁN KINH PHÍ HỘI THI

| STT | Nội dung | Số người | Đơn giá | Thành tiền |
|---|---|---|---|---|
| 1 | Bồi dưỡng giám khảo | 6 | 200.000 | 1.200.000 |
| 2 | Nước uống | 40 | 10.000 | 400.000 |
| | Cộng | 47 | | 1.600.000 |
"""
    report = _check(tmp_path, text)
    (error,) = _errors(report)
    assert (error.code, _at(error), error.expected, error.actual) == (
        "COUNT_SUM_MISMATCH",
        _where(text, "47"),
        Decimal(46),
        Decimal(47),
    )
    assert report.evaluation.total.children_sum == Decimal(1600000)
    assert [r.ok for r in report.evaluation.lines()] == [True, True]


def test_empty_amount_cell_is_no_amount_never_the_price(tmp_path: Path) -> None:
    text = (
        "DỰ TOÁN MUA SẮM THIẾT BỊ ÂM THANH\n"
        "| STT | Nội dung | Số lượng | Đơn giá | Thành tiền |\n"
        "| 1 | Micro không dây | 4 | 1.500.000 | 6.000.000 |\n"
        "| 2 | Loa kéo | 2 | 300.000 |  |\n"
        "| | Cộng | | | 6.000.000 |\n"
    )
    path = tmp_path / "loa.txt"
    path.write_text(text, encoding="utf-8")
    report = check_file(path)
    assert [(f.code, f.source.line, f.source.col) for f in report.findings] == [("TABLE_ROW_NO_AMOUNT", 4, 17)]
    assert_message(
        report.findings[0],
        "TABLE_ROW_NO_AMOUNT",
        "Dòng “Loa kéo” của bảng có thừa số nhưng ô thành tiền để trống; dòng này không được kiểm tra.",
        en="Table row “Loa kéo” has factors but an empty amount cell; it was not checked.",
    )
    assert [line.label for line in walk_lines(report.plan.items)] == ["Micro không dây"]
    assert project(report).verdict.kind is VerdictKind.INCOMPLETE  # a row went unchecked: never KHỚP
