"""Tables of sums by column as three-year plans and reform reports lay them out: lists opened by
``Bao gồm`` and ``Trong đó`` (with a part written after the words), a row with no number over a
lettered run, a row broken down two ways, rows under a row whose sum is not vouched for, a total
row that lost its empty cells at both ends, ``-`` cells, rates beside counts and a footnote's
mark glued to a figure. Invented tables; exact verdicts, codes and figures."""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.gen_docs import bars_rows, bars_text
from budget.api import Report
from budget.findings import Severity
from budget.numbers import format_vn
from tests.helpers import assert_message, check_text, errors_at, verdict_of

_ABOVE = "BIỂU KẾ HOẠCH TÀI CHÍNH 03 NĂM\n\nĐơn vị: triệu đồng\n"
_HEAD = ["STT", "Nội dung", "Dự toán 2025", "Ước thực hiện 2025", "Năm 2026"]


def _pipe(rows: list[list[str]], above: str = _ABOVE) -> str:
    return above + "\n" + "\n".join("| " + " | ".join(r) + " |" for r in rows) + "\n"


def _bars(rows: list[list[str]], above: str = _ABOVE) -> str:
    return "\n".join([above.rstrip("\n"), "", *bars_text(rows)]) + "\n"


def _warnings(report: Report) -> list[str]:
    return [f.code for f in report.findings if f.severity is Severity.WARNING]


def _line(text: str, words: str) -> int:
    return next(i for i, t in enumerate(text.split("\n"), 1) if words in t)


def _sums(report: Report) -> list[tuple[str, str, Decimal, bool | None]]:
    """Every sum checked: (number, label, stated figure, verdict), sorted."""
    return sorted(
        (r.section.number, r.section.title, r.section.stated.value, r.ok)
        for r in report.evaluation.sections()
        if r.section.items and r.section.stated is not None
    )


# ------------------------------------------------------------------ ``Bao gồm: - A`` then ``- B``


def _fees(local: str = "540") -> list[list[str]]:
    return [
        _HEAD,
        ["", "TỔNG THU (I+II)", "1.350", "1.420", "1.500"],
        ["I", "Thu nội địa", "1.150", "1.200", "1.260"],
        ["1", "Thuế tài nguyên", "350", "380", "400"],
        ["2", "Phí, lệ phí", "800", "820", "860"],
        ["", "Bao gồm: - Phí do cơ quan trung ương thu", "260", "270", "290"],
        ["", "- Phí do cơ quan địa phương thu", local, "550", "570"],
        ["", "Phí bảo vệ môi trường", "90", "95", "100"],
        ["II", "Thu xuất nhập khẩu", "200", "220", "240"],
    ]


def test_a_list_opened_by_bao_gom_is_all_the_parts_of_its_row(tmp_path: Path) -> None:
    # the first part stands after ``Bao gồm:`` on the row itself; the rows without a mark under
    # the second part break it down partly (90 of 540): never a part of ``Phí, lệ phí``
    report = check_text(tmp_path, _pipe(_fees()))
    assert errors_at(report) == []
    fees = [(v, ok) for n, label, v, ok in _sums(report) if n == "2"]
    assert fees == [(Decimal(800), True), (Decimal(820), True), (Decimal(860), True)]
    # the partial breakdown of the local fees is reported not checked, never an error
    assert _warnings(report) == ["TABLE_SUM_NOT_CHECKED"]
    assert verdict_of(report) == "incomplete"


def test_a_bao_gom_list_reads_the_same_with_its_marks_in_the_number_cells(tmp_path: Path) -> None:
    rows = _fees()
    rows[6] = ["-", "Phí do cơ quan địa phương thu", "540", "550", "570"]
    report = check_text(tmp_path, _pipe(rows))
    assert errors_at(report) == []
    fees = [(v, ok) for n, label, v, ok in _sums(report) if n == "2"]
    assert fees == [(Decimal(800), True), (Decimal(820), True), (Decimal(860), True)]


def test_a_bao_gom_list_that_misses_in_one_column_is_not_checked_never_an_error(tmp_path: Path) -> None:
    # ``Bao gồm`` says all the parts are listed, but 260 + 500 is not 800: whether the list is
    # whole is not known, so no column of it is judged
    report = check_text(tmp_path, _pipe(_fees(local="500")))
    assert errors_at(report) == []
    assert not [s for s in _sums(report) if s[0] == "2"]
    assert _warnings(report).count("TABLE_SUM_NOT_CHECKED") == 2
    assert verdict_of(report) == "incomplete"


# ------------------------------------------------------------------ ``Trong đó: X`` as an aside


def _spending(second: str = "300", invest: str = "700") -> list[list[str]]:
    return [
        _HEAD,
        ["A", "TỔNG CHI NGÂN SÁCH", "1.500", "1.640", "1.730"],
        ["I", "Chi cân đối ngân sách", "1.000", "1.100", "1.180"],
        ["", "Trong đó: chi tính theo định mức", "950", "1.040", "1.100"],
        ["1", "Chi đầu tư phát triển", invest, "760", "800"],
        ["1.1", "Chi đầu tư hỗ trợ doanh nghiệp", "", "", ""],
        ["1.2", "Chi đầu tư phát triển còn lại", invest, "760", "800"],
        ["", "Trong đó:", "", "", ""],
        ["", "Chi đầu tư phân theo nguồn vốn", "700", "760", "800"],
        ["a", "Vốn trong nước", "400", "420", "450"],
        ["b", "Vốn xổ số kiến thiết", "250", "280", "300"],
        ["c", "Vốn vay lại", "50", "60", "50"],
        ["2", "Chi thường xuyên", second, "340", "380"],
        ["B", "CHI BỔ SUNG CÓ MỤC TIÊU", "500", "540", "550"],
    ]


def test_a_trong_do_row_stating_one_part_is_an_aside_to_the_numbered_rows(tmp_path: Path) -> None:
    # ``A`` (I + B, lettered alike) is no sum the reader can vouch for; the sums under it are
    # checked all the same: I = 1 + 2, 1 = 1.2, and the row with no number = a + b + c
    report = check_text(tmp_path, _pipe(_spending()))
    assert errors_at(report) == []
    got = {(n, label) for n, label, _v, ok in _sums(report) if ok}
    assert got == {
        ("I", "Chi cân đối ngân sách"),
        ("1", "Chi đầu tư phát triển"),
        ("", "Chi đầu tư phân theo nguồn vốn"),
    }
    assert len([s for s in _sums(report) if s[1] == "Chi đầu tư phân theo nguồn vốn"]) == 3
    assert all(ok for *_, ok in _sums(report))
    assert "TABLE_SUM_NOT_CHECKED" in _warnings(report)  # A's sum: not vouched for


def test_a_wrong_figure_under_an_aside_is_an_error_at_the_row_it_adds_into(tmp_path: Path) -> None:
    text = _pipe(_spending(second="330"))
    report = check_text(tmp_path, text)
    assert errors_at(report) == [("SECTION_SUM_MISMATCH", _line(text, "Chi cân đối ngân sách"), Decimal(1000))]


def test_an_aside_larger_than_its_row_is_an_error_at_it(tmp_path: Path) -> None:
    # set aside, ``Trong đó: X`` is still a part of its row: never more than it
    rows = _spending()
    rows[3] = ["", "Trong đó: chi tính theo định mức", "1.050", "1.040", "1.100"]
    text = _pipe(rows)
    report = check_text(tmp_path, text)
    assert errors_at(report) == [("TABLE_PART_EXCEEDS_WHOLE", _line(text, "1.050"), Decimal(1050))]


def test_a_run_that_does_not_add_up_to_the_row_above_it_is_not_put_under_it(tmp_path: Path) -> None:
    # 400 + 250 + 50 is 700, not 690, though the other columns agree: whether the row with no
    # number heads the lettered rows is not known; nothing is judged, its sum is reported unread
    rows = _spending()
    rows[8] = ["", "Chi đầu tư phân theo nguồn vốn", "690", "760", "800"]
    text = _pipe(rows)
    report = check_text(tmp_path, text)
    assert errors_at(report) == []
    assert not [s for s in _sums(report) if s[1] == "Chi đầu tư phân theo nguồn vốn"]
    unread = [f.source.line for f in report.findings if f.code == "TABLE_SUM_NOT_CHECKED"]
    assert _line(text, "| 690 |") in unread
    assert verdict_of(report) == "incomplete"


def test_an_unreadable_cell_leaves_its_sum_unread_not_an_error(tmp_path: Path) -> None:
    rows = _spending(second="330")
    rows[12] = ["2", "Chi thường xuyên", "3O0", "340", "380"]  # a letter O for a zero
    report = check_text(tmp_path, _pipe(rows))
    assert errors_at(report) == []
    assert verdict_of(report) == "incomplete"


def test_the_same_plan_one_cell_per_line_reads_the_same(tmp_path: Path) -> None:
    pipe = check_text(tmp_path, _pipe(_spending()), "a.txt")
    bars = check_text(tmp_path, _bars(_spending()), "b.txt")
    assert [(n, t, v, ok) for n, t, v, ok in _sums(bars)] == [(n, t, v, ok) for n, t, v, ok in _sums(pipe)]
    text = _bars(_spending(second="330"))
    assert errors_at(check_text(tmp_path, text, "c.txt")) == [
        ("SECTION_SUM_MISMATCH", _line(text, "1.000"), Decimal(1000))
    ]


# ------------------------------------------------------------------ one row, two breakdowns


def _borrowing(total: str = "80") -> list[list[str]]:
    return [
        _HEAD,
        ["I", "Tổng dư nợ đầu năm", "500", "520", "540"],
        ["II", "Tổng mức vay trong năm", total, "70", "90"],
        ["1", "Theo mục đích vay", "110", "70", "90"],
        ["-", "Vay bù đắp bội chi", "80", "60", "90"],
        ["-", "Vay trả nợ gốc", "30", "10", "-"],
        ["2", "Theo nguồn vay", total, "70", "90"],
        ["-", "Vay lại vốn nước ngoài", total, "70", "90"],
        ["-", "Vay trong nước khác", "", "", "0"],
    ]


def test_a_row_one_breakdown_disagrees_with_is_an_error_at_its_figure(tmp_path: Path) -> None:
    # by source 80 = 80 in every column; by purpose 80 + 30 = 110, and the row says 80: both
    # breakdowns were read whole, so the row's 80 against its purposes' 110 is an error (the
    # same amount stated twice: the row's figure and the breakdown's)
    text = _pipe(_borrowing())
    report = check_text(tmp_path, text)
    assert errors_at(report) == [("FIGURE_STATED_TWICE", _line(text, "Tổng mức vay"), Decimal(80))]
    mismatch = next(f for f in report.findings if f.code == "FIGURE_STATED_TWICE")
    assert mismatch.expected == Decimal(110)


def test_a_row_both_breakdowns_agree_with_is_checked_each_way(tmp_path: Path) -> None:
    report = check_text(tmp_path, _pipe(_borrowing(total="110")))
    assert errors_at(report) == []
    ways = [(v, ok) for n, label, v, ok in _sums(report) if n == "II"]
    assert ways == [(Decimal(70), True)] * 2 + [(Decimal(90), True)] * 2 + [(Decimal(110), True)] * 2


# ------------------------------------------------------------------ counts under a merged header


def _reform(total: str = "1.250", rate: str = "71,43") -> str:
    """A count table under a header of merged cells, one cell per line: the total row opens and
    closes with an empty cell, which the converter drops with the bars around it."""
    rows = [
        ["**STT**", "**Cơ quan**", "**Tổng số thủ tục**", "**Kết quả thực hiện**", "**Tỷ lệ (%)**", "**Ghi chú**"],
        ["**Tổng số**", "**Không phát sinh**", "**Phải cung cấp**", "**Đã cung cấp**", "**Chưa cung cấp**"],
        ["1.", "Bộ Tư pháp", "40", "05", "35", "35", "0", "100", "05 thủ tục không phát sinh hồ sơ"],
        ["2.", "Bộ Xây dựng", "210", "-", "210", "150", "60", "71,43", ""],
        ["3.", "Bộ Y tế", "1.000", "130", "870", "780", "90", "89,66", ""],
        ["4.", "Thanh tra Chính phủ", "0", "0", "0", "0", "0", "-", "Không đánh giá"],
        ["", "**Tổng số**", f"**{total}**", "**135**", "**1.115**", "**965**", "**150**", f"**{rate}**", ""],
    ]
    return _bars(rows, above="PHỤ LỤC II\n\nKẾT QUẢ CUNG CẤP DỊCH VỤ CÔNG TRỰC TUYẾN\n")


def test_a_total_row_that_lost_its_empty_cells_is_the_sum_of_the_rows_above(tmp_path: Path) -> None:
    report = check_text(tmp_path, _reform())
    assert errors_at(report) == []
    totals = sorted(c.stated for c in report.plan.counts if c.label.startswith("Tổng số"))
    # the ``-`` column (05 + 130) is one of sums; the rates (100, 71,43 ...) are no sum
    assert totals == [Decimal(135), Decimal(150), Decimal(965), Decimal(1115), Decimal(1250)]


def test_a_wrong_total_of_counts_is_an_error_at_it_and_a_wrong_rate_is_none(tmp_path: Path) -> None:
    text = _reform(total="1.260", rate="70")
    report = check_text(tmp_path, text)
    assert errors_at(report) == [("COUNT_SUM_MISMATCH", _line(text, "**1.260**"), Decimal(1260))]


def test_a_figure_with_a_footnote_mark_is_read_as_the_figure(tmp_path: Path) -> None:
    rows = [
        ["STT", "Cơ quan", "Tổng", "Luật", "Nghị định", "Thông tư"],
        ["1", "Bộ Tài chính", "20", "3(1)", "7", "10"],
        ["2", "Bộ Công an", "12", "2", "4", "6"],
        ["", "Tổng số", "32", "5", "11", "16"],
    ]
    text = _pipe(rows, above="PHỤ LỤC I\n\nVĂN BẢN CẦN SỬA ĐỔI\n") + "\n(1) Trong đó 01 luật đã trình Quốc hội.\n"
    report = check_text(tmp_path, text)
    assert errors_at(report) == []
    law = [c for c in report.plan.counts if c.stated == 5]
    assert [p for c in law for p in c.parts] == [Decimal(3), Decimal(2)]
    wrong = text.replace("| 32 | 5 |", "| 32 | 6 |")
    # the wrong 6 fails its column (3 + 2) and its row (6 + 11 + 16 is not 32)
    at = _line(wrong, "Tổng số")
    assert errors_at(check_text(tmp_path, wrong, "w.txt")) == [
        ("COUNT_SUM_MISMATCH", at, Decimal(32)),
        ("COUNT_SUM_MISMATCH", at, Decimal(6)),
    ]


# ------------------------------------------------------------------ quantity and value per year


def _exports(first: str = "3.200", group: str = "**8.000**") -> str:
    """Paired columns per year (tonnes, then value in thousand USD): only the values have sums;
    the total row stands above its groups, the groups above their items."""
    value = "**Giá trị xuất khẩu (Nghìn USD)**"
    rows = [
        ["**TT**", "**Sản phẩm**", "**Kế hoạch 2026**", "**Kế hoạch 2027**"],
        ["**Lượng (Tấn)**", value, "**Lượng (Tấn)**", value],
        ["", "*1*", "*2*", "*3*", "*4*", "*5*"],
        ["", "**Tổng I + II**", "", "**9.500**", "", "**10.400**"],
        ["**I**", "**Nông sản**", "", group, "", "**8.800**"],
        ["1", "Xoài", "5.000", first, "5.400", "3.500"],
        ["2", "Cà phê", "1.800", "4.800", "1.900", "5.300"],
        ["**II**", "**Sản phẩm công nghiệp**", "", "**1.500**", "", "**1.600**"],
        ["3", "Xi măng", "20.000", "1.100", "21.000", "1.150"],
        ["4", "Dệt may", "", "400", "", "450"],
    ]
    return _bars(rows, above="PHỤ LỤC 02\n\nDANH MỤC HÀNG HÓA XUẤT KHẨU\n")


def _values(report: Report) -> list[tuple[Decimal, bool]]:
    return sorted((c.stated, c.ok) for c in report.plan.counts)


def test_value_columns_beside_quantities_add_up_in_their_own_unit(tmp_path: Path) -> None:
    report = check_text(tmp_path, _exports())
    assert errors_at(report) == []
    # the values' sums, never the tonnes'; thousand USD is no đồng: plain figures
    assert _values(report) == [
        (Decimal(1500), True),
        (Decimal(1600), True),
        (Decimal(8000), True),
        (Decimal(8800), True),
        (Decimal(9500), True),
        (Decimal(10400), True),
    ]
    assert [c.label for c in report.plan.counts][:2] == [
        "Tổng I + II — Kế hoạch 2026 — Giá trị xuất khẩu (Nghìn USD)",
        "I. Nông sản — Kế hoạch 2026 — Giá trị xuất khẩu (Nghìn USD)",
    ]
    assert report.evaluation.sections() == []  # nothing shown as đồng
    assert report.findings == ()


def test_a_wrong_value_is_an_error_at_the_group_it_adds_into(tmp_path: Path) -> None:
    text = _exports(first="3.400")
    report = check_text(tmp_path, text)
    assert errors_at(report) == [("COUNT_SUM_MISMATCH", _line(text, "**8.000**"), Decimal(8000))]


def test_an_unreadable_value_leaves_its_group_unread(tmp_path: Path) -> None:
    text = _exports(first="3.2OO")  # letters O for zeros
    report = check_text(tmp_path, text)
    assert errors_at(report) == []
    assert (Decimal(8000), True) not in _values(report)
    assert verdict_of(report) == "incomplete"
    (unread,) = [f for f in report.findings if f.severity is Severity.WARNING]
    assert unread.source.line == _line(text, "3.2OO")
    assert_message(
        unread,
        "TABLE_SUM_NOT_CHECKED",
        "Ô “3.2OO” của dòng “Xoài” (cột “Kế hoạch 2026 — Giá trị xuất khẩu (Nghìn USD)”) không đọc được thành "
        "một số: tổng mà ô này là một phần chưa được kiểm tra.",
        en=(
            "Cell “3.2OO” of row “Xoài” (column “Kế hoạch 2026 — Giá trị xuất khẩu (Nghìn USD)”) reads as no one "
            "figure: the sum it is a part of is not checked."
        ),
    )


# ------------------------------------------------------------------ generated plans of these forms


@dataclass
class _Plan:
    rows: list[list[str]]
    kinds: list[str]  # head, total, group, aside, item, listed, intro, runhead, run
    parents: dict[int, int]  # row → the row it adds into (parts of a list too)
    wrong: int | None  # the row whose figure was moved


def _plan(rnd: random.Random, mistake: bool) -> _Plan:
    """A three-year plan in the forms above: groups, each maybe with a ``Trong đó: X`` aside
    before its numbered items; items broken down by a ``Bao gồm: - A`` list, or by a row with
    no number over a lettered run after an empty ``Trong đó:``; the total first or last."""
    width = rnd.randint(2, 4)
    rows: list[list[str]] = [["STT", "Nội dung", *[f"Năm {2025 + k}" for k in range(width)]]]
    kinds = ["head"]
    parents: dict[int, int] = {}

    def fig(v: int) -> str:
        return format_vn(Decimal(v))

    def add(number: str, label: str, values: list[int] | None, kind: str, parent: int | None) -> int:
        rows.append([number, label, *([fig(v) for v in values] if values is not None else [""] * width)])
        kinds.append(kind)
        if parent is not None:
            parents[len(rows) - 1] = parent
        return len(rows) - 1

    def split(values: list[int], n: int) -> list[list[int]]:
        cuts = [[rnd.randint(1, max(1, v // n)) for v in values] for _ in range(n - 1)]
        return [*cuts, [v - sum(c[i] for c in cuts) for i, v in enumerate(values)]]

    groups = [[[rnd.randint(3, 90) * 100 for _ in range(width)] for _ in range(rnd.randint(2, 3))] for _ in range(2)]
    group_values = [[sum(item[i] for item in g) for i in range(width)] for g in groups]
    grand = [sum(g[i] for g in group_values) for i in range(width)]
    first = rnd.random() < 0.5
    total_at = add("", "TỔNG CHI (I+II)", grand, "total", None) if first else -1
    for g, (items, values) in enumerate(zip(groups, group_values, strict=True)):
        at = add(("I", "II")[g], f"Chi nhóm {g + 1}", values, "group", None)
        parents[at] = total_at
        if rnd.random() < 0.5:
            add("", "Trong đó: chi theo định mức", [v // 2 for v in values], "aside", None)
        for k, item in enumerate(items):
            row = add(str(k + 1), f"Khoản chi {g + 1}.{k + 1}", item, "item", at)
            form = rnd.choice(("plain", "listed", "run"))
            if form == "listed":
                for n, part in enumerate(split(item, rnd.randint(2, 3))):
                    label = ("Bao gồm: - " if n == 0 else "- ") + f"nguồn {n + 1}"
                    add("", label, part, "listed", row)
            elif form == "run":
                add("", "Trong đó:", None, "intro", None)
                head = add("", "Chi phân theo nguồn vốn", item, "runhead", row)
                for n, part in enumerate(split(item, rnd.randint(2, 3))):
                    add("abc"[n], f"Vốn {n + 1}", part, "run", head)
    if not first:
        total_at = add("", "TỔNG CHI (I+II)", grand, "total", None)
    for r, p in list(parents.items()):
        if p == -1:
            parents[r] = total_at
    wrong = None
    if mistake:
        wrong = rnd.choice(
            [i for i, k in enumerate(kinds) if k in ("total", "group", "item", "listed", "runhead", "run")]
        )
        c = 2 + rnd.randrange(width)
        value = int(rows[wrong][c].replace(".", ""))
        rows[wrong][c] = fig(value + rnd.choice((-1, 1)) * rnd.randint(11, 19) if value > 20 else value + 15)
    return _Plan(rows, kinds, parents, wrong)


def _rendered(plan: _Plan, layout: str) -> tuple[str, list[tuple[int, int]]]:
    """The text and each row's span of lines."""
    if layout == "pipe":
        text = _pipe(plan.rows)
        first = text.split("\n").index("| " + " | ".join(plan.rows[0]) + " |") + 1
        return text, [(first + i, first + i) for i in range(len(plan.rows))]
    above = [*_ABOVE.rstrip("\n").split("\n"), ""]
    cells, spans = bars_rows(plan.rows, len(above) + 1)
    return "\n".join([*above, *cells]) + "\n", spans


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers(0, 2**32), st.booleans(), st.sampled_from(("pipe", "bars")))
def test_generated_plans_with_lists_asides_and_runs(tmp_path: Path, seed: int, mistake: bool, layout: str) -> None:
    """A correct plan gets no error and KHỚP; a plan with one figure moved is never KHỚP, and its
    errors, if any, stand at the moved figure's row, the row it adds into or its parts."""
    plan = _plan(random.Random(seed), mistake)
    text, spans = _rendered(plan, layout)
    report = check_text(tmp_path, text)
    errors = errors_at(report)
    if plan.wrong is None:
        assert errors == [], text
        assert verdict_of(report) == "ok", (text, report.findings)
        return
    assert verdict_of(report) != "ok", text
    near = {plan.wrong, plan.parents.get(plan.wrong, plan.wrong)} | {
        r for r, p in plan.parents.items() if p == plan.wrong
    }
    assert all(any(a <= (line or 0) <= b for a, b in (spans[r] for r in near)) for _c, line, _v in errors), (
        text,
        errors,
    )
