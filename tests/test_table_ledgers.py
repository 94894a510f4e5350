"""Ledgers as circulars and tax letters write their worked examples, converted from Word one
cell per line (``|`` between cells, nothing between two bars for an empty cell): several small
tables in a row, each under a sentence, a header of names over several lines or two rows, a
first column of names (``Người X``), sparse columns, a total row stating each column's total.
Invented texts; exact verdicts, codes, figures and lines; and a property over generated ledgers."""

from __future__ import annotations

import random
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.gen_docs import bars_text
from budget.api import Report
from budget.findings import Severity
from budget.numbers import format_vn
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
        "Cột “Số thuế đã khấu trừ” có ô “1.2OO.000” không đọc được thành số: tổng của cột này chưa được kiểm tra.",
        en="Column “Số thuế đã khấu trừ” has a cell “1.2OO.000” that does not read as a figure: its total is "
        "not checked.",
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
    # ``Số tiền`` in the header: money, each column's total the sum of its rows
    assert _sums(report) == [
        ("Tổng cộng", Decimal(1950000), Decimal(1950000), total),
        ("Tổng cộng", Decimal(800000), Decimal(800000), total + 2),
        ("Tổng cộng", Decimal(1150000), Decimal(1150000), total + 4),
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
