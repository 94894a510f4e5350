"""Ledgers as circulars and tax letters write their worked examples, converted from Word one
cell per line (``|`` between cells, nothing between two bars for an empty cell): several small
tables in a row, each under a sentence, a header of names over several lines or two rows, a
first column of names (``Người X``), sparse columns, a total row stating each column's total.
Invented texts; exact verdicts, codes, figures and lines; and a property over generated ledgers."""

from __future__ import annotations

import random
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from benchmarks.gen_docs import bars_text
from budget.api import Report
from budget.findings import Severity
from budget.numbers import format_vn
from budget.read.text import split_lines
from budget.tables.find import find_tables
from tests.helpers import assert_message, check_text, errors_at, verdict_of


def _counts(report: Report) -> list[tuple[str, int | None, Decimal, Decimal]]:
    """Each count the tables state as a sum: (label, line of the stated figure, stated, computed)."""
    return [(c.label, c.source.line, c.stated, c.computed) for c in report.plan.counts]


def _sums(report: Report) -> list[tuple[str, Decimal | None, Decimal | None, int | None]]:
    """Each money sum the tables state: (label, stated, the sum of its rows, line of the stated figure)."""
    return [
        (r.section.title, r.stated, r.children_sum, r.section.stated.source.line)
        for r in report.evaluation.sections()
        if r.section.items and r.section.stated is not None
    ]


def _warnings(report: Report) -> list[tuple[str, int | None]]:
    return [(f.code, f.source.line) for f in report.findings if f.severity is Severity.WARNING]


def _line(text: str, cell: str, after: int = 0) -> int:
    """The line number of the first line written exactly ``cell`` after line ``after``."""
    lines = text.split("\n")
    return next(k for k in range(after, len(lines)) if lines[k] == cell) + 1


def _withholding(cell: str = "1.200.000", total: str = "**2.300.000**") -> list[list[str]]:
    """A ledger with an empty code column, names, a sparse second column, a total row whose first
    cells are merged (fewer cells than the rows)."""
    return [
        ["**Mã số**", "**Họ và tên**", "**Số thuế đã\nkhấu trừ**", "**Số thuế đã nộp\nngân sách**"],
        ["", "Người X", "800.000", "800.000"],
        ["", "Người Y", cell, ""],
        ["", "Người Z", "300.000", "300.000"],
        ["**Cộng**", total, "**1.100.000**"],
    ]


def _declared(third: str = "**2.300.000**") -> list[list[str]]:
    """A ledger under a header of two rows (a merged cell over three columns), names that look
    like row letters, a ``-`` cell, a total row as wide as the rows."""
    return [
        ["**Họ và tên**", "**Số liệu theo tờ khai**"],
        ["**Số đã nộp thừa**", "**Số còn phải nộp**", "**Số phải nộp trong kỳ**"],
        ["A", "400.000", "", "700.000"],
        ["B", "", "250.000", "-"],
        ["C", "600.000", "", "1.600.000"],
        ["**Tổng**", "**1.000.000**", "**250.000**", third],
    ]


def _letter(first: list[list[str]], second: list[list[str]]) -> str:
    lines = [
        "CÔNG VĂN HƯỚNG DẪN QUYẾT TOÁN",
        "|",
        "Ví dụ 1: Trong kỳ, công ty khấu trừ thuế của ba người lao động theo chứng từ như sau:",
        *bars_text(first),
        "**=> Ví dụ 2: Trường hợp công ty có số nộp thừa kỳ trước thì lập danh sách chi tiết như sau:**",
        *bars_text(second),
        "|",
        "Ghi chú: số liệu chỉ mang tính minh họa.",
    ]
    return "\n".join(lines) + "\n"


def test_two_ledgers_in_a_row_each_total_checked_at_its_figure(tmp_path: Path) -> None:
    text = _letter(_withholding(), _declared())
    report = check_text(tmp_path, text)
    assert errors_at(report) == []
    assert verdict_of(report) == "ok"
    first_total = _line(text, "**2.300.000**")
    second_total = _line(text, "**1.000.000**")
    assert _counts(report) == [
        ("Cộng — Số thuế đã khấu trừ", first_total, Decimal(2300000), Decimal(2300000)),
        ("Cộng — Số thuế đã nộp ngân sách", first_total + 2, Decimal(1100000), Decimal(1100000)),
        ("Tổng — Số liệu theo tờ khai — Số đã nộp thừa", second_total, Decimal(1000000), Decimal(1000000)),
        # one row's figure is the whole column: checked all the same
        ("Tổng — Số liệu theo tờ khai — Số còn phải nộp", second_total + 2, Decimal(250000), Decimal(250000)),
        ("Tổng — Số liệu theo tờ khai — Số phải nộp trong kỳ", second_total + 4, Decimal(2300000), Decimal(2300000)),
    ]


def test_a_wrong_total_of_a_ledger_is_an_error_at_its_figure(tmp_path: Path) -> None:
    text = _letter(_withholding(), _declared(third="**2.400.000**"))
    report = check_text(tmp_path, text)
    line = _line(text, "**2.400.000**")
    assert errors_at(report) == [("COUNT_SUM_MISMATCH", line, Decimal(2400000))]
    assert verdict_of(report) == "errors"
    wrong = next(f for f in report.findings if f.severity is Severity.ERROR)
    assert_message(
        wrong,
        "COUNT_SUM_MISMATCH",
        "Số đếm không khớp: “Tổng — Số liệu theo tờ khai — Số phải nộp trong kỳ” ghi 2.400.000, nhưng cộng "
        "các số thành phần được 2.300.000 (chênh lệch 100.000).",
    )


def test_a_cell_that_is_no_figure_leaves_its_column_unread_never_an_error(tmp_path: Path) -> None:
    # the letter O for a zero: the column's total cannot be judged, whatever it says
    text = _letter(_withholding(cell="1.2OO.000", total="**9.999.000**"), _declared())
    report = check_text(tmp_path, text)
    assert errors_at(report) == []
    assert verdict_of(report) == "incomplete"
    odd = _line(text, "1.2OO.000")
    assert _warnings(report) == [("TABLE_COLUMN_NOT_CHECKED", odd)]
    unread = next(f for f in report.findings if f.code == "TABLE_COLUMN_NOT_CHECKED")
    assert_message(
        unread,
        "TABLE_COLUMN_NOT_CHECKED",
        "Cột “Số thuế đã khấu trừ” có ô “1.2OO.000” không đọc được thành số: tổng nào có ô này chưa được kiểm tra.",
        en="Column “Số thuế đã khấu trừ” has a cell “1.2OO.000” that does not read as a figure: no sum that "
        "includes it is checked.",
    )
    # the other columns are read as before
    assert [(label, stated) for label, _line_, stated, _c in _counts(report)] == [
        ("Cộng — Số thuế đã nộp ngân sách", Decimal(1100000)),
        ("Tổng — Số liệu theo tờ khai — Số đã nộp thừa", Decimal(1000000)),
        ("Tổng — Số liệu theo tờ khai — Số còn phải nộp", Decimal(250000)),
        ("Tổng — Số liệu theo tờ khai — Số phải nộp trong kỳ", Decimal(2300000)),
    ]


def test_a_money_ledger_wrong_in_one_column_only(tmp_path: Path) -> None:
    """A header that says đồng: the columns are money, the wrong one an error at its total, the
    right one checked beside it."""
    table = [
        ["**Đơn vị**", "**Kinh phí được giao (đồng)**", "**Kinh phí đã sử dụng (đồng)**"],
        ["Tổ văn phòng", "12.000.000", "9.500.000"],
        ["Tổ chuyên môn", "8.000.000", "8.000.000"],
        ["Tổ bảo vệ", "3.000.000", "2.250.000"],
        ["**Tổng cộng**", "**23.000.000**", "**19.570.000**"],
    ]
    text = "\n".join(["BÁO CÁO SỬ DỤNG KINH PHÍ", "", *bars_text(table), "", "Người lập biểu"]) + "\n"
    report = check_text(tmp_path, text)
    wrong = _line(text, "**19.570.000**")
    assert errors_at(report) == [("SECTION_SUM_MISMATCH", wrong, Decimal(19570000))]
    assert verdict_of(report) == "errors"
    assert _sums(report) == [
        ("Tổng cộng", Decimal(23000000), Decimal(23000000), wrong - 2),
        ("Tổng cộng", Decimal(19570000), Decimal(19750000), wrong),
    ]


def test_a_row_one_cell_short_before_the_total_keeps_its_empty_last_cell(tmp_path: Path) -> None:
    """``| | E | 1.500.000 | 1.500.000 | |`` then ``| Tổng cộng | ...``: the empty cell between the
    row and the total row is the row's last, so the total row's figures stand in their columns."""
    table = [
        ["**Mã số**", "**Họ và tên**", "**Số thuế đã khấu trừ**", "**Số tiền đã nộp**", "**Số được bù trừ**"],
        ["", "Người P", "900.000", "", "900.000"],
        ["", "Người Q", "400.000", "150.000", "250.000"],
        ["", "Người R", "650.000", "650.000", ""],
        ["**Tổng cộng**", "**1.950.000**", "**800.000**", "**1.150.000**"],
    ]
    text = "\n".join(["DANH SÁCH CHI TIẾT", "", *bars_text(table), "", "Người lập biểu"]) + "\n"
    report = check_text(tmp_path, text)
    assert errors_at(report) == []
    assert verdict_of(report) == "ok"
    total = _line(text, "**1.950.000**")
    # ``Số tiền`` in the header: money, each column's total the sum of its rows; and the first
    # column the sum of the other two in each row (P and R put their whole figure in one of
    # them, Q and the total row split over both)
    assert _sums(report) == [
        ("Tổng cộng", Decimal(1950000), Decimal(1950000), total),
        ("Tổng cộng", Decimal(800000), Decimal(800000), total + 2),
        ("Tổng cộng", Decimal(1150000), Decimal(1150000), total + 4),
        ("Người P", Decimal(900000), Decimal(900000), _line(text, "900.000")),
        ("Người Q", Decimal(400000), Decimal(400000), _line(text, "400.000")),
        ("Người R", Decimal(650000), Decimal(650000), _line(text, "650.000")),
        ("Tổng cộng", Decimal(1950000), Decimal(1950000), total),
    ]


# --------------------------------------------------------------------------- generated ledgers


_TOTALS = ("Tổng cộng", "Tổng", "Cộng")
_INTROS = (
    "Ví dụ {k}: công ty lập danh sách chi tiết số thuế theo từng người như sau:",
    "Ví dụ {k}. Trong kỳ tính thuế, công ty khấu trừ thuế thu nhập\ncủa từng người lao động theo chứng từ"
    " đã lập,\nsố liệu chi tiết được tổng hợp ở bảng dưới đây.",
)


def _ledger(rng: random.Random) -> tuple[list[list[str]], str]:
    """A ledger of names (words, or letters that look like row numbers) and 1-3 sparse columns
    of figures (each written at least once; ``-`` or nothing elsewhere), with an empty code
    column or not, names over one line or two, a row numbering the columns or not, and its
    correct total row (merged over the code and name columns); and the total row's label."""
    columns = rng.randint(1, 3)
    coded = rng.random() < 0.5
    lettered = rng.random() < 0.4
    names = [chr(ord("A") + k) if lettered else f"Người {chr(ord('K') + k)}" for k in range(rng.randint(2, 6))]
    grid = [[rng.randint(1, 90) * 50_000 if rng.random() < 0.7 else None for _ in range(columns)] for _ in names]
    for p in range(columns):
        if all(row[p] is None for row in grid):
            grid[0][p] = 100_000
    totals = [sum((Decimal(row[p]) for row in grid if row[p] is not None), Decimal(0)) for p in range(columns)]
    lead = ["**Mã số**"] if coded else []
    wrap = rng.random() < 0.5
    titles = [f"**Khoản thuế\nthứ {p + 1}**" if wrap else f"**Khoản thuế {p + 1}**" for p in range(columns)]
    rows = [[*lead, "**Họ và tên**", *titles]]
    if columns >= 2 and rng.random() < 0.4:
        rows.append([f"*({k + 1})*" for k in range(len(rows[0]))])
    for name, figures in zip(names, grid, strict=True):
        cells = [format_vn(Decimal(v)) if v is not None else rng.choice(["", "-"]) for v in figures]
        rows.append(([""] if coded else []) + [name, *cells])
    label = rng.choice(_TOTALS)
    rows.append([f"**{label}**", *(f"**{format_vn(t)}**" for t in totals)])
    return rows, label


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers(0, 2**32), st.integers(1, 3), st.booleans())
def test_generated_ledgers(tmp_path: Path, seed: int, count: int, mistake: bool) -> None:
    """Ledgers one after another, each under its sentence: correct ones get no error and every
    column total read; one total moved gets an error at that figure and nowhere else."""
    rng = random.Random(seed)
    ledgers = [_ledger(rng) for _ in range(count)]
    intros = [rng.choice(_INTROS).format(k=k + 1) for k in range(count)]
    wrong: tuple[int, int] | None = None
    if mistake:
        k = rng.randrange(count)
        p = rng.randrange(len(ledgers[k][0][-1]) - 1)
        wrong = (k, p)
        cell = ledgers[k][0][-1][1 + p]
        ledgers[k][0][-1][1 + p] = f"**{format_vn(Decimal(cell.strip('*').replace('.', '')) + 50_000)}**"
    lines = ["HƯỚNG DẪN LẬP DANH SÁCH", "|"]
    for intro, (rows, _label) in zip(intros, ledgers, strict=True):
        lines.append(intro)
        lines.extend(bars_text(rows))
    lines += ["|", "Ghi chú: số liệu minh họa."]
    text = "\n".join(lines) + "\n"
    report = check_text(tmp_path, text)
    stated = [c.stated for c in report.plan.counts]
    assert stated == [Decimal(c.replace("*", "").replace(".", "")) for rows, _l in ledgers for c in rows[-1][1:]], text
    if wrong is None:
        assert errors_at(report) == [], text
        assert verdict_of(report) == "ok", text
        return
    k, p = wrong
    figure = ledgers[k][0][-1][1 + p]
    # the moved total's own line: the k-th ledger's total row, its p-th figure
    title = next(n for n, t in enumerate(text.split("\n")) if t.startswith(f"Ví dụ {k + 1}"))
    line = _line(text, f"**{ledgers[k][1]}**", title) + 2 * (p + 1)  # a bar line between two cells
    assert errors_at(report) == [("COUNT_SUM_MISMATCH", line, Decimal(figure.replace("*", "").replace(".", "")))], text
    assert verdict_of(report) == "errors"


# --------------------------------------------------------------------------- one cell per line, no bars


def _present_values(total: list[str]) -> str:
    """A worked example's table written one cell per line with no bars (empty cells lost): a
    header of names, rows labelled by their year, a total row stating the last column only."""
    lines = [
        "PHỤ LỤC",
        "Ví dụ: giá trị hiện tại của dòng lợi nhuận tăng thêm được tính trong bảng sau:",
        "(ĐVT: 1000đ)",
        "Năm",
        "Doanh thu tăng thêm",
        "Hệ số chiết khấu",
        "Giá trị hiện tại",
        *("2021", "40.000", "0,9091", "36.364"),
        *("2022", "44.000", "0,8264", "36.362"),
        *("2023", "48.400", "0,7513", "36.363"),
        *total,
        "Ghi chú: hệ số chiết khấu tính với tỷ suất 10%/năm.",
    ]
    return "\n".join(lines) + "\n"


def _untotalled(text: str) -> list[tuple[str, int]]:
    """The two columns no total states (the revenue and the discount factor), said not checked at
    their first figure: their figures are read, never used by a checked relation."""
    return [("TABLE_COLUMN_NOT_CHECKED", _line(text, "40.000")), ("TABLE_COLUMN_NOT_CHECKED", _line(text, "0,9091"))]


def test_a_total_row_of_lines_is_placed_in_the_one_column_it_totals(tmp_path: Path) -> None:
    """The total is checked in its column; the columns it does not total are said not checked,
    so the verdict is never KHỚP (a figure of them may be wrong: nothing read it)."""
    text = _present_values(["Tổng cộng", "109.089"])
    report = check_text(tmp_path, text)
    assert errors_at(report) == []
    assert verdict_of(report) == "incomplete"
    assert _warnings(report) == _untotalled(text)
    assert_message(
        next(f for f in report.findings if f.code == "TABLE_COLUMN_NOT_CHECKED"),
        "TABLE_COLUMN_NOT_CHECKED",
        "Cột “Doanh thu tăng thêm” không có dòng tổng nào cộng nó và không phép tính nào dùng các số của nó: "
        "các số của cột này chưa được kiểm tra.",
        en="Column “Doanh thu tăng thêm” has no total row that adds it up and no computation uses its figures: "
        "its figures are not checked.",
    )
    assert _sums(report) == [("Tổng cộng", Decimal(109089), Decimal(109089), _line(text, "109.089"))]


def test_a_total_row_of_lines_within_the_rounding_of_one_column_is_read_as_rounded(tmp_path: Path) -> None:
    """Off by one thousand from the last column's sum, in a table of thousands (three figures
    rounded to the thousand, and the total: up to 2.000 đồng apart), and far from every other
    column's: its column is the one it is within the rounding of; the gap is a rounding warning
    at its figure, never an error."""
    for stated, written in ((109088, "109.088"), (109091, "109.091")):
        text = _present_values(["Tổng cộng", written])
        report = check_text(tmp_path, text)
        assert errors_at(report) == [], written
        assert verdict_of(report) == "incomplete"
        line = _line(text, written)
        assert _warnings(report) == [*_untotalled(text), ("SECTION_SUM_ROUNDING", line)]
        assert _sums(report) == [("Tổng cộng", Decimal(stated), Decimal(109089), line)]


def test_a_total_row_of_lines_that_fits_no_column_is_unread_never_an_error(tmp_path: Path) -> None:
    """Off from the last column's sum by more than its figures' rounding (3.000 đồng; two
    figures, one of them 9.000 off), or by one đồng in a table of whole đồng (which hides no
    rounding): which column it totals is not known once the empty cells are lost, so it is
    reported not checked, at its row."""
    dong = "\n".join(
        [
            "Ví dụ: số tiền được hưởng qua các năm như sau:",
            "(ĐVT: đồng)",
            *("Năm", "Tiền lương", "Hệ số", "Số tiền được hưởng"),
            *("2021", "40.000.000", "0,15", "6.000.000"),
            *("2022", "44.000.000", "0,15", "6.600.000"),
            *("2023", "48.400.000", "0,15", "7.260.000"),
            *("Tổng cộng", "19.860.001"),
        ]
    )
    cases = [_present_values(t) for t in (["Tổng cộng", "109.092"], ["Tổng cộng", "132.400", "109.098"])]
    for text in [*cases, dong + "\n"]:
        report = check_text(tmp_path, text)
        assert errors_at(report) == [], text
        assert verdict_of(report) == "incomplete"
        total = ("TABLE_SUM_NOT_CHECKED", _line(text, "Tổng cộng"))
        assert _warnings(report)[-1] == total
        # and every column with it: no total of any of them was read
        assert {code for code, _ in _warnings(report)[:-1]} == {"TABLE_COLUMN_NOT_CHECKED"}
        assert len(_warnings(report)) == 4
        assert_message(
            next(f for f in report.findings if f.code == "TABLE_SUM_NOT_CHECKED"),
            "TABLE_SUM_NOT_CHECKED",
            "Dòng “Tổng cộng” có ít ô hơn các dòng khác của bảng (ô gộp): không biết số nào thuộc cột nào, "
            "dòng này chưa được kiểm tra.",
        )


def test_a_full_total_row_of_lines_wrong_in_one_column(tmp_path: Path) -> None:
    """Every cell of the total row written: its figures stand in their columns; the column that
    does not add up (150.000 + 250.000 + 300.000 = 700.000) is the error, at its figure."""
    lines = [
        "Bảng tổng hợp kết quả thu chi theo năm như sau:",
        "Năm",
        "Số thu",
        "Số chi",
        "Chênh lệch",
        *("2023", "1.250.000", "1.100.000", "150.000"),
        *("2024", "1.400.000", "1.150.000", "250.000"),
        *("2025", "1.600.000", "1.300.000", "300.000"),
        *("Tổng cộng", "4.250.000", "3.550.000", "750.000"),
        "",
        "Người lập biểu",
    ]
    text = "\n".join(lines) + "\n"
    report = check_text(tmp_path, text)
    total = _line(text, "Tổng cộng")
    assert errors_at(report) == [("COUNT_SUM_MISMATCH", total + 3, Decimal(750000))]
    assert verdict_of(report) == "errors"
    assert _counts(report) == [
        ("Tổng cộng — Số thu", total + 1, Decimal(4250000), Decimal(4250000)),
        ("Tổng cộng — Số chi", total + 2, Decimal(3550000), Decimal(3550000)),
        ("Tổng cộng — Chênh lệch", total + 3, Decimal(750000), Decimal(700000)),
    ]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers(0, 2**32), st.booleans(), st.booleans())
def test_generated_ledgers_of_lines(tmp_path: Path, seed: int, full: bool, mistake: bool) -> None:
    """Ledgers one cell per line, rows labelled by year, the total row stating every column or
    the last one only: correct ones are read and agree; a moved total is an error at its figure
    when every cell of the total row is written, and never an error (not checked) when the lost
    empty cells leave its column unknown."""
    rng = random.Random(seed)
    columns = rng.randint(2, 4)
    grid = [[rng.randint(1, 900) * 1_000 for _ in range(columns)] for _ in range(rng.randint(2, 6))]
    totals = [sum(row[p] for row in grid) for p in range(columns)]
    stated = totals if full else totals[-1:]
    moved = rng.randrange(len(stated)) if mistake else None
    if moved is not None:
        stated = [v + 1_000 if k == moved else v for k, v in enumerate(stated)]
    # a stated total equal to another column's sum would be placed there: its own column is
    # then unknown, which these generated tables leave out (distinct sums, as real ones have)
    assume(len(set(totals)) == columns and (full or stated[-1] not in totals[:-1]))
    lines = ["Bảng kết quả qua các năm như sau:", "Năm", *(f"Khoản mục số {p + 1}" for p in range(columns))]
    for year, row in enumerate(grid, 2020):
        lines += [str(year), *(format_vn(Decimal(v)) for v in row)]
    lines += ["Tổng cộng", *(format_vn(Decimal(v)) for v in stated), "", "Người lập biểu"]
    text = "\n".join(lines) + "\n"
    report = check_text(tmp_path, text)
    total = _line(text, "Tổng cộng")
    if moved is None:
        assert errors_at(report) == [], text
        # a total row stating the last column only leaves the others' figures unchecked
        assert verdict_of(report) == ("ok" if full else "incomplete"), text
        untotalled = [code for code, _ in _warnings(report) if code == "TABLE_COLUMN_NOT_CHECKED"]
        assert len(untotalled) == (0 if full else columns - 1), text
        places = range(columns) if full else [columns - 1]
        assert [c.stated for c in report.plan.counts] == [Decimal(totals[p]) for p in places], text
        return
    if full:
        assert errors_at(report) == [("COUNT_SUM_MISMATCH", total + 1 + moved, Decimal(stated[moved]))], text
        assert verdict_of(report) == "errors"
    else:
        assert errors_at(report) == [], text
        assert verdict_of(report) == "incomplete", text


def test_a_paragraph_above_a_ledger_stays_text(tmp_path: Path) -> None:
    """The paragraph before a ledger (in one run of bars with it) is the document's text, read as
    prose; the ledger starts at its header, under the short sentence that introduces it."""
    paragraph = [
        "Trả lời: Theo quy định hiện hành, công ty lập danh sách chi tiết cho từng người lao động,",
        "đối chiếu với chứng từ nộp thuế của từng kỳ và gửi cơ quan thuế quản lý trực tiếp trước",
        "ngày cuối cùng của tháng tiếp theo; số liệu dưới đây chỉ nhằm minh họa cách lập danh sách.",
    ]
    lines = ["CÔNG VĂN HƯỚNG DẪN", "|", *paragraph, *bars_text(_withholding()), "|", "Nơi nhận: như trên."]
    text = "\n".join(lines) + "\n"
    blocks = find_tables(split_lines(text, "t.txt"))
    header = _line(text, "**Mã số**")
    assert [(b.first, b.last, b.ledger) for b in blocks] == [(header, _line(text, "**1.100.000**"), True)]
    report = check_text(tmp_path, text)
    assert errors_at(report) == []
    assert verdict_of(report) == "ok"


def test_a_sum_with_a_part_that_is_no_figure_is_never_judged(tmp_path: Path) -> None:
    """In a table of figures by column, ``4O`` (a letter O for a zero) is no figure the reader
    can vouch for: the sum it is a part of is not judged (no error), and the column it stands in
    is reported not checked. (``4(1)``, a footnote's mark glued to a figure, reads as 4.)"""
    text = (
        "BIỂU TỔNG HỢP\n\nĐơn vị: triệu đồng\n\n"
        "| STT | Nội dung | Năm 2024 | Năm 2025 |\n"
        "| | Tổng số (I+II) | 10 | 20 |\n"
        "| I | Khối tỉnh | 6 | 12 |\n"
        "| II | Khối huyện | 4O | 8 |\n"
    )
    report = check_text(tmp_path, text)
    assert errors_at(report) == []
    assert verdict_of(report) == "incomplete"
    assert _warnings(report) == [("TABLE_COLUMN_NOT_CHECKED", 6), ("TABLE_SUM_NOT_CHECKED", 8)]
    # the other column is read and agrees
    assert [(t, stated, summed) for t, stated, summed, _l in _sums(report)] == [
        ("Tổng số (I+II)", Decimal(20), Decimal(20))
    ]
