"""Tables of figures by column (revenue or spending by year, as budget resolutions and
three-year plans lay them out): every column is a tree of sums given by the row numbers.
Invented tables, exact verdicts, and a property over generated trees in three layouts."""

from __future__ import annotations

import csv
import io
import random
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.gen_docs import bars_rows
from budget.api import Report, check_file
from budget.findings import Severity
from budget.numbers import format_vn
from plancheck.projection import project
from tests.helpers import assert_message, check_text, errors_at, verdict_of


def _warnings(report: Report) -> list[str]:
    return [f.code for f in report.findings if f.severity is Severity.WARNING]


def _pipe(rows: list[list[str]], above: str = "BIỂU DỰ TOÁN THU NGÂN SÁCH\n\nĐơn vị: triệu đồng\n") -> str:
    return above + "\n" + "\n".join("| " + " | ".join(r) + " |" for r in rows) + "\n"


_HEAD = ["STT", "Nội dung", "Dự toán 2025", "Ước thực hiện 2025", "Dự toán 2026"]


def _revenue(first: str = "700") -> list[list[str]]:
    return [
        _HEAD,
        ["A", "B", "1", "2", "3"],
        ["", "TỔNG THU (I+II)", "1.000", "1.100", "1.200"],
        ["I", "Thu nội địa", "900", "1.000", "1.050"],
        ["1", "Thu từ doanh nghiệp", "600", "700", first],
        ["", "- Thuế giá trị gia tăng", "400", "450", "500"],
        ["", "- Thuế thu nhập doanh nghiệp", "200", "250", "200"],
        ["2", "Lệ phí trước bạ", "300", "300", "350"],
        ["II", "Thu xuất nhập khẩu", "100", "100", "150"],
    ]


def test_every_column_of_a_revenue_table_adds_up(tmp_path: Path) -> None:
    report = check_text(tmp_path, _pipe(_revenue()))
    assert errors_at(report) == []
    assert verdict_of(report) == "ok"
    results = [r for r in report.evaluation.sections() if r.section.items and r.section.stated]
    # three groups (the total, I, 1) in each of the three columns, each checked and agreeing
    got = sorted((r.section.number, r.section.title, r.section.stated.value, r.ok) for r in results)
    figures = ((1000, 900, 600), (1100, 1000, 700), (1200, 1050, 700))  # Dự toán 2025, Ước 2025, Dự toán 2026
    expected = [
        (number, title, Decimal(v), True)
        for column in figures
        for number, title, v in zip(
            ("", "I", "1"), ("TỔNG THU (I+II)", "Thu nội địa", "Thu từ doanh nghiệp"), column, strict=True
        )
    ]
    assert got == sorted(expected)
    # each column is a breakdown of its own: never added into a total of the columns
    assert project(report).rows[0].recomputed is None
    # the table is named by its title, over the unit line a blank line below it
    assert [i.title for i in report.plan.items] == ["BIỂU DỰ TOÁN THU NGÂN SÁCH"]


def test_a_wrong_figure_is_named_at_its_row_and_the_row_it_adds_into(tmp_path: Path) -> None:
    text = _pipe(_revenue(first="750"))
    report = check_text(tmp_path, text)
    lines = text.split("\n")
    row_1 = next(i for i, t in enumerate(lines, 1) if "Thu từ doanh nghiệp" in t)
    row_i = next(i for i, t in enumerate(lines, 1) if "Thu nội địa" in t)
    assert errors_at(report) == [
        ("SECTION_SUM_MISMATCH", row_i, Decimal(1050)),
        ("SECTION_SUM_MISMATCH", row_1, Decimal(750)),
    ]
    assert verdict_of(report) == "errors"


def test_rows_of_which_only_some_are_listed_are_no_sum(tmp_path: Path) -> None:
    rows = _revenue()
    rows.insert(8, ["", "Trong đó: lệ phí trước bạ nhà đất", "120", "130", "140"])
    report = check_text(tmp_path, _pipe(rows))
    assert errors_at(report) == []
    assert verdict_of(report) == "ok"


def _twice(first: str, second: str) -> list[list[str]]:
    return [
        _HEAD,
        ["", "TỔNG MỨC VAY", "300", "320", "350"],
        ["1", first, "300", "320", "350"],
        ["-", "Bù đắp bội chi", "200", "220", "250"],
        ["-", "Trả nợ gốc", "100", "100", "100"],
        ["2", second, "300", "320", "350"],
        ["-", "Vay lại vốn nước ngoài", "300", "320", "350"],
    ]


def test_a_row_broken_down_by_two_ways_is_each_of_them(tmp_path: Path) -> None:
    # ``Theo mục đích`` and ``Theo nguồn`` say each row under the total is one way of breaking it
    # down: the total is each of them (300 = 300), never their sum (600)
    report = check_text(tmp_path, _pipe(_twice("Theo mục đích", "Theo nguồn")))
    assert errors_at(report) == []
    assert _warnings(report) == []
    assert verdict_of(report) == "ok"


def test_a_row_broken_down_twice_is_reported_not_checked_never_an_error(tmp_path: Path) -> None:
    # nothing says the two rows under the total are two ways of breaking it down
    report = check_text(tmp_path, _pipe(_twice("Mục đích sử dụng", "Nguồn vốn vay")))
    assert errors_at(report) == []
    assert "TABLE_SUM_NOT_CHECKED" in _warnings(report)
    assert verdict_of(report) == "incomplete"
    first = next(f for f in report.findings if f.code == "TABLE_SUM_NOT_CHECKED")
    assert_message(
        first,
        "TABLE_SUM_NOT_CHECKED",
        (
            "Dòng “TỔNG MỨC VAY” có các dòng con nhưng không cột nào cộng đúng bằng nó (có thể chỉ liệt kê một "
            "phần, hoặc chia theo hai cách); tổng này chưa được kiểm tra."
        ),
        en=(
            "Row “TỔNG MỨC VAY” has rows under it but adds up to them in no column (a partial list, or a second "
            "breakdown); its sum is not checked."
        ),
    )


def test_a_column_of_averages_is_no_column_of_sums(tmp_path: Path) -> None:
    rows = [
        ["STT", "Nội dung", "Kinh phí 2025", "Kinh phí 2026", "Bình quân 2025-2026"],
        ["I", "Chi thường xuyên", "300", "500", "400"],
        ["1", "Giáo dục", "100", "300", "200"],
        ["2", "Y tế", "200", "200", "200"],
        ["II", "Chi đầu tư", "600", "800", "700"],
        ["1", "Giao thông", "400", "600", "500"],
        ["2", "Thủy lợi", "200", "200", "200"],
    ]
    report = check_text(tmp_path, _pipe(rows))
    assert errors_at(report) == []
    assert verdict_of(report) == "ok"  # the averages column is named for what it is, and not summed


_ACROSS = [
    ["STT", "Nội dung", "Tổng cộng", "Ngân sách tỉnh", "Ngân sách huyện"],
    ["I", "Chi thường xuyên", "500", "300", "200"],
    ["1", "Giáo dục", "350", "200", "150"],
    ["2", "Y tế", "150", "100", "50"],
    ["II", "Chi đầu tư", "400", "250", "150"],
    ["1", "Giao thông", "400", "250", "-"],
    ["", "Tổng cộng", "900", "550", "350"],
]


def test_a_total_column_adds_the_others_across_each_row(tmp_path: Path) -> None:
    rows = [list(r) for r in _ACROSS]
    rows[5] = ["1", "Giao thông", "400", "250", "150"]
    report = check_text(tmp_path, _pipe(rows))
    assert errors_at(report) == []
    assert verdict_of(report) == "ok"
    across = [r for r in report.evaluation.sections() if r.section.title.startswith("Tổng cộng = ")]
    assert [(c.section.number, c.stated, c.ok) for c in across[0].children] == [
        ("I", Decimal(500), True),
        ("1", Decimal(350), True),
        ("2", Decimal(150), True),
        ("II", Decimal(400), True),
        ("1", Decimal(400), True),
        ("", Decimal(900), True),
    ]


def test_a_row_whose_total_is_not_its_parts_is_named_at_its_cell(tmp_path: Path) -> None:
    rows = [list(r) for r in _ACROSS]
    rows[3] = ["2", "Y tế", "150", "100", "60"]
    rows[5] = ["1", "Giao thông", "400", "250", "150"]
    text = _pipe(rows)
    report = check_text(tmp_path, text)
    lines = text.split("\n")
    at = {name: next(i for i, t in enumerate(lines, 1) if name in t) for name in ("Chi thường xuyên", "Y tế")}
    assert errors_at(report) == [
        ("SECTION_SUM_MISMATCH", at["Chi thường xuyên"], Decimal(200)),
        ("SECTION_SUM_MISMATCH", at["Y tế"], Decimal(150)),
    ]
    messages = [f.message for f in report.findings if f.severity is Severity.ERROR]
    assert messages[0].startswith("Mục I: cộng các khoản bên trong được 210 triệu đồng, nhưng mục ghi 200")
    assert messages[1].startswith("Mục 2: cộng các khoản bên trong được 160 triệu đồng, nhưng mục ghi 150")


# --- a property over generated tables ---------------------------------------------------------


@dataclass
class _Sheet:
    rows: list[list[str]]
    kinds: list[str]  # "head", "numbers", "total", "group", "item"
    wrong: tuple[int, int] | None  # (row, column) of the figure moved, if any
    parents: dict[int, int]  # row → the row it adds into


def _sheet(rnd: random.Random, mistake: bool) -> _Sheet:
    columns = rnd.randint(2, 4)
    heads = ["STT", rnd.choice(("Nội dung", "Chỉ tiêu")), f"{rnd.choice(('Dự toán', 'Kinh phí'))} 2024"] + [
        rnd.choice(("Dự toán", "Ước thực hiện", "Kế hoạch", "Năm")) + f" {2025 + k}" for k in range(columns - 1)
    ]
    rows: list[list[str]] = [heads]
    kinds = ["head"]
    if rnd.random() < 0.5:
        rows.append(["A", "B", *[str(k + 1) for k in range(columns)]])
        kinds.append("numbers")
    top_styles = rnd.choice((("I", "roman"), ("A", "upper")))
    item_style = rnd.choice(("arabic", "dash", "plus"))
    groups = rnd.randint(2, 3)
    tree: list[tuple[str, str, list[tuple[str, str]]]] = []
    for g in range(groups):
        number = ["I", "II", "III"][g] if top_styles[1] == "roman" else "ABC"[g]
        items = []
        for k in range(rnd.randint(2, 3)):
            label = rnd.choice(("Thuế", "Phí", "Lệ phí", "Thu khác", "Chi sự nghiệp", "Chi đầu tư")) + f" {g}{k}"
            if item_style == "arabic":
                items.append((str(k + 1), label))
            else:
                items.append(("", ("- " if item_style == "dash" else "+ ") + label))
        tree.append((number, rnd.choice(("Thu nội địa", "Chi thường xuyên", "Thu viện trợ")) + f" {g}", items))
    values = [
        [[rnd.randint(1, 900) * rnd.choice((1, 10)) for _ in range(columns)] for _ in items] for *_, items in tree
    ]
    group_values = [[sum(v[c] for v in vs) for c in range(columns)] for vs in values]
    grand = [sum(g[c] for g in group_values) for c in range(columns)]
    total_first = rnd.random() < 0.5
    formula = "+".join(n for n, *_ in tree)
    total_label = rnd.choice(("TỔNG CỘNG", "Tổng thu", "Cộng")) + (f" ({formula})" if rnd.random() < 0.5 else "")
    parents: dict[int, int] = {}

    def fig(v: int) -> str:
        return format_vn(Decimal(v))

    total_row = ["", total_label, *[fig(v) for v in grand]]
    if total_first:
        rows.append(total_row)
        kinds.append("total")
    total_at = len(rows) - 1 if total_first else -1
    group_rows = []
    for (number, title, items), gv, ivs in zip(tree, group_values, values, strict=True):
        rows.append([number, title, *[fig(v) for v in gv]])
        kinds.append("group")
        at = len(rows) - 1
        group_rows.append(at)
        for (n, label), iv in zip(items, ivs, strict=True):
            rows.append([n, label, *[fig(v) for v in iv]])
            kinds.append("item")
            parents[len(rows) - 1] = at
            if rnd.random() < 0.2:  # a detail of the row: some of it, introduced by ``Trong đó``
                rows.append(
                    [
                        "",
                        "Trong đó: " + rnd.choice(("thu tiền sử dụng đất", "vốn ngân sách tỉnh")),
                        *[fig(v // 2) for v in iv],
                    ]
                )
                kinds.append("detail")
                parents[len(rows) - 1] = len(rows) - 2  # a part of the item above it
    if not total_first:
        rows.append(total_row)
        kinds.append("total")
        total_at = len(rows) - 1
    for g in group_rows:
        parents[g] = total_at
    if columns >= 2 and rnd.random() < 0.4:  # a column that totals the others across each row
        at = rnd.choice((2, 2 + columns))
        for row, kind in zip(rows, kinds, strict=True):
            if kind == "head":
                cell = rnd.choice(("Tổng cộng", "Tổng số", "Cộng"))
            elif kind == "numbers":
                cell = str(columns + 1)
            else:
                cell = fig(sum(int(c.replace(".", "")) for c in row[2:]))
            row.insert(at, cell)
        columns += 1
    wrong = None
    if mistake:
        r = rnd.choice([i for i, k in enumerate(kinds) if k in ("group", "item", "total")])
        c = rnd.randrange(columns)
        value = Decimal(rows[r][2 + c].replace(".", ""))
        moved = int(value) + rnd.choice((-1, 1)) * (rnd.randint(1, 9) * 10 + 100)
        rows[r][2 + c] = fig(moved if moved > 0 else int(value) + 150)  # up or down, never below zero
        wrong = (r, c)
    return _Sheet(rows, kinds, wrong, parents)


def _as_pipe(sheet: _Sheet) -> tuple[str, list[tuple[int, int]]]:
    text = _pipe(sheet.rows)
    first = text.split("\n").index("| " + " | ".join(sheet.rows[0]) + " |") + 1
    return text, [(first + i, first + i) for i in range(len(sheet.rows))]


def _as_bars(sheet: _Sheet) -> tuple[str, list[tuple[int, int]]]:
    """Each cell between two bar lines, as converters write Word tables."""
    above = ["BIỂU DỰ TOÁN", "", "Đơn vị: triệu đồng", ""]
    cells, lines = bars_rows(sheet.rows, len(above) + 1)
    return "\n".join([*above, *cells]) + "\n", lines


def _as_csv(sheet: _Sheet) -> tuple[str, list[tuple[int, int]]]:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["BIỂU DỰ TOÁN"])
    writer.writerow(["Đơn vị: triệu đồng"])
    writer.writerows(sheet.rows)
    return buf.getvalue(), [(3 + i, 3 + i) for i in range(len(sheet.rows))]


_LAYOUTS = {"pipe": (_as_pipe, "t.txt"), "bars": (_as_bars, "t.txt"), "csv": (_as_csv, "t.csv")}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers(0, 2**32), st.booleans(), st.sampled_from(sorted(_LAYOUTS)))
def test_generated_tables_of_sums(tmp_path: Path, seed: int, mistake: bool, layout: str) -> None:
    """A correct table gets no error and KHỚP; a table with one figure moved is never KHỚP, and
    the errors it gets, if any, stand at the moved figure's row, the row it adds into or its parts."""
    sheet = _sheet(random.Random(seed), mistake)
    render, name = _LAYOUTS[layout]
    text, lines = render(sheet)
    report = check_text(tmp_path, text, name)
    errors = errors_at(report)
    if sheet.wrong is None:
        assert errors == [], text
        assert verdict_of(report) == "ok", text
        return
    assert verdict_of(report) != "ok", text
    row, _column = sheet.wrong
    rows = {row, sheet.parents.get(row, row)} | {r for r, p in sheet.parents.items() if p == row}
    spans = [lines[r] for r in rows]  # the moved figure's row, the row it adds into, its parts
    assert all(any(a <= (line or 0) <= b for a, b in spans) for _code, line, _v in errors), (text, errors)


def test_a_revenue_table_in_a_workbook_and_in_a_word_table(tmp_path: Path) -> None:
    import docx
    import openpyxl

    rows = [
        [c if i < 2 or not c[:1].isdigit() else int(c.replace(".", "")) for i, c in enumerate(r)] for r in _revenue()
    ]
    rows = [r for r in rows if r[0] != "A"]  # no column-number row
    wrong = [list(r) for r in rows]
    wrong[3][4] = 750  # ``1 Thu từ doanh nghiệp``, Dự toán 2026
    for name, table in (("right", rows), ("wrong", wrong)):
        wb = openpyxl.Workbook()
        ws = wb.active
        assert ws is not None
        ws.append(["BIỂU DỰ TOÁN THU"])
        ws.append(["Đơn vị: triệu đồng"])
        for r in table:
            ws.append(r)
        wb.save(tmp_path / f"{name}.xlsx")
        document = docx.Document()
        document.add_paragraph("BIỂU DỰ TOÁN THU")
        document.add_paragraph("Đơn vị: triệu đồng")
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for i, r in enumerate(table):
            for j, c in enumerate(r):
                grid.cell(i, j).text = format_vn(Decimal(c)) if isinstance(c, int) else c
        document.save(str(tmp_path / f"{name}.docx"))
    for suffix, places in ((".xlsx", ["Sheet!E5", "Sheet!E6"]), (".docx", ["bảng 1, dòng 3", "bảng 1, dòng 4"])):
        right = check_file(tmp_path / f"right{suffix}")
        assert errors_at(right) == [] and verdict_of(right) == "ok", suffix
        report = check_file(tmp_path / f"wrong{suffix}")
        found = [(f.code, f.source.cell, f.actual) for f in report.findings if f.severity is Severity.ERROR]
        assert found == [
            ("SECTION_SUM_MISMATCH", places[0], Decimal(1050)),
            ("SECTION_SUM_MISMATCH", places[1], Decimal(750)),
        ], suffix


def test_a_part_listed_under_trong_do_never_exceeds_its_row(tmp_path: Path) -> None:
    rows = _revenue()
    rows.insert(8, ["", "Trong đó: lệ phí trước bạ nhà đất", "120", "330", "140"])  # 330 > 300
    text = _pipe(rows)
    report = check_text(tmp_path, text)
    line = next(i for i, t in enumerate(text.split("\n"), 1) if "Trong đó" in t)
    assert errors_at(report) == [("TABLE_PART_EXCEEDS_WHOLE", line, Decimal(330))]
    (finding,) = [f for f in report.findings if f.code == "TABLE_PART_EXCEEDS_WHOLE"]
    assert finding.expected == Decimal(300)
    assert_message(
        finding,
        "TABLE_PART_EXCEEDS_WHOLE",
        (
            "Dòng “Trong đó: lệ phí trước bạ nhà đất” ghi 330 triệu đồng, lớn hơn cả dòng “Lệ phí trước bạ” (300 "
            "triệu đồng) mà nó là một phần (trong đó): phần không thể lớn hơn tổng."
        ),
        en=(
            "Row “Trong đó: lệ phí trước bạ nhà đất” states 330 triệu đồng, more than the row “Lệ phí trước bạ” "
            "(300 triệu đồng) it is a part of (of which): a part cannot exceed the whole."
        ),
    )


def test_a_column_of_percentages_is_not_added(tmp_path: Path) -> None:
    rows = [
        ["STT", "Nội dung", "Dự toán 2025", "Dự toán 2026", "Biến động"],
        ["I", "Chi thường xuyên", "300", "330", "10%"],
        ["1", "Giáo dục", "100", "120", "20%"],
        ["2", "Y tế", "200", "210", "5%"],
    ]
    report = check_text(tmp_path, _pipe(rows))
    assert errors_at(report) == []
    assert verdict_of(report) == "ok"
    titles = [r.section.title for r in report.evaluation.sections() if r.section.alternatives]
    assert titles == ["Dự toán 2025", "Dự toán 2026"]


def _named_too_few(third: str = "50") -> list[list[str]]:
    """A total labelled ``(I+II)`` over three groups: every column adds up over all three."""
    return [
        _HEAD,
        ["", "TỔNG THU (I+II)", "1.050", "1.150", "1.250"],
        ["I", "Thu nội địa", "900", "1.000", "1.050"],
        ["II", "Thu xuất nhập khẩu", "100", "100", "150"],
        ["III", "Thu viện trợ", third, "50", "50"],
    ]


def test_a_total_whose_label_names_too_few_parts_is_the_sum_the_figures_agree_on(tmp_path: Path) -> None:
    report = check_text(tmp_path, _pipe(_named_too_few()))
    assert errors_at(report) == []
    assert verdict_of(report) == "ok"
    totals = [r for r in report.evaluation.sections() if r.section.title == "TỔNG THU (I+II)" and r.section.stated]
    assert sorted((r.section.stated.value, len(r.children), r.ok) for r in totals) == [
        (Decimal(1050), 3, True),
        (Decimal(1150), 3, True),
        (Decimal(1250), 3, True),
    ]


def test_a_label_naming_too_few_parts_is_not_overruled_by_figures_that_disagree(tmp_path: Path) -> None:
    # one column no longer adds up over all three groups: the figures do not agree on a reading
    # other than the label's, and the label's does not add up either: not checked, no error
    report = check_text(tmp_path, _pipe(_named_too_few(third="60")))
    assert errors_at(report) == []
    assert verdict_of(report) != "ok"
    assert "TABLE_SUM_NOT_CHECKED" in _warnings(report)
