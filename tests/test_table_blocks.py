"""Tables of row blocks: each body's total row with its parts under it, the body's number and
name merged down over them (a converted Word table writes those rows with fewer cells), a
closing block that totals the rows of each label, and one header cell merged over all the
columns of figures. Invented texts; exact verdicts."""

from __future__ import annotations

import os
import random
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.gen_docs import CLEAR_OF_ROUNDING, bars_text
from budget.api import Report
from budget.evaluate import SectionResult
from budget.findings import Severity
from budget.numbers import format_vn
from plancheck.projection import project
from tests.helpers import check_text, errors_at, verdict_of

_HEAD = [["STT", "Đơn vị", "Nguồn vốn", "Kinh phí năm 2025-2026"], ["Tổng số", "Năm 2025", "Năm 2026"]]


def _blocks(shs_tinh_2025: str = "100") -> list[list[str]]:
    """Three bodies (total row, then two sources), then the closing block; lead cells merged."""
    return [
        *_HEAD,
        ["1", "Sở Y tế", "Tổng", "500", "200", "300"],
        ["Ngân sách tỉnh", "300", shs_tinh_2025, "200"],
        ["Ngân sách huyện", "200", "100", "100"],
        ["2", "Sở Giáo dục và Đào tạo", "Tổng", "900", "400", "500"],
        ["Ngân sách tỉnh", "600", "250", "350"],
        ["Ngân sách huyện", "300", "150", "150"],
        ["3", "Sở Nông nghiệp", "Tổng", "160", "60", "100"],
        ["Ngân sách tỉnh", "160", "60", "100"],
        ["Ngân sách huyện", "0", "0", "0"],
        ["Tổng cộng", "Tổng", "1.560", "660", "900"],
        ["Ngân sách tỉnh", "1.060", "410", "650"],
        ["Ngân sách huyện", "500", "250", "250"],
    ]


_SCHOOLS = "BIỂU THỐNG KÊ TRƯỜNG HỌC ĐẠT CHUẨN QUỐC GIA\n\nĐơn vị tính: trường\n"
_ABOVE = "PHỤ LỤC\nKINH PHÍ THỰC HIỆN ĐỀ ÁN THEO NGUỒN VỐN\n\nĐơn vị tính: triệu đồng\n"


def _as_bars(rows: list[list[str]], below: str = "", above: str = _ABOVE) -> str:
    return "\n".join([above.rstrip("\n"), "", *bars_text(rows), *([below] if below else [])]) + "\n"


def _as_pipe(rows: list[list[str]]) -> str:
    return _ABOVE + "\n" + "\n".join("| " + " | ".join(r) + " |" for r in rows) + "\n"


def _checked(report: Report) -> dict[tuple[int, Decimal], bool | None]:
    """Every sum the tables state: (line, stated) → its verdict."""
    out: dict[tuple[int, Decimal], bool | None] = {}
    for r in report.evaluation.sections():
        if r.stated is not None and r.children and r.section.stated is not None:
            line = r.section.stated.source.line
            assert line is not None
            out[(line, r.stated)] = r.ok
    return out


def _line_of(text: str, cell: str, after: str = "") -> int:
    lines = text.split("\n")
    start = lines.index(after) if after else 0
    return next(i for i, t in enumerate(lines[start:], start + 1) if t == cell)


def test_a_table_of_row_blocks_agrees_in_every_direction(tmp_path: Path) -> None:
    text = _as_bars(_blocks())
    report = check_text(tmp_path, text)
    assert errors_at(report) == []
    assert verdict_of(report) == "ok"
    sums = _checked(report)
    # each body's total row is its sources, column by column
    assert sums[(_line_of(text, "500"), Decimal(500))] is True
    assert sums[(_line_of(text, "400"), Decimal(400))] is True
    # the closing block: its total row is the bodies' totals, and each of its source rows the
    # rows of that source in every body
    assert sums[(_line_of(text, "1.560"), Decimal(1560))] is True
    assert sums[(_line_of(text, "1.060"), Decimal(1060))] is True
    assert sums[(_line_of(text, "250", after="Tổng cộng"), Decimal(250))] is True
    # the total column adds the two years across every row, the rows with merged cells too
    across = [r for r in report.evaluation.sections() if " = " in r.section.title]
    assert len(across) == 1
    assert [(c.stated, c.ok) for c in across[0].children][:3] == [
        (Decimal(500), True),
        (Decimal(300), True),
        (Decimal(200), True),
    ]
    assert len(across[0].children) == 12


def test_a_wrong_part_in_a_block_is_named_at_the_sums_it_breaks(tmp_path: Path) -> None:
    text = _as_bars(_blocks(shs_tinh_2025="110"))
    report = check_text(tmp_path, text)
    assert verdict_of(report) == "errors"
    found = {(code, line) for code, line, _actual in errors_at(report)}
    # the body's 2025 total, the across sum of the wrong row and the closing 2025 figure of its
    # source each disagree; nothing else does
    assert found == {
        ("SECTION_SUM_MISMATCH", _line_of(text, "200")),
        ("SECTION_SUM_MISMATCH", _line_of(text, "300", after="Ngân sách tỉnh")),
        ("SECTION_SUM_MISMATCH", _line_of(text, "410")),
    }


def test_row_blocks_written_as_pipe_rows_with_merged_cells_dropped(tmp_path: Path) -> None:
    rows = _blocks()
    rows[:2] = [["STT", "Đơn vị", "Nguồn vốn", "Tổng số", "Năm 2025", "Năm 2026"]]
    report = check_text(tmp_path, _as_pipe(rows))
    assert errors_at(report) == []
    assert verdict_of(report) == "ok"
    assert sum(1 for ok in _checked(report).values() if ok) >= 3 * 4 + 3 * 2


def test_a_title_right_under_the_last_row_is_no_cell_of_it(tmp_path: Path) -> None:
    title = "PHỤ LỤC II\nDANH MỤC CÁC NHIỆM VỤ TIẾP THEO CỦA ĐỀ ÁN\n(Kèm theo Kế hoạch số 12/KH-UBND)"
    text = _as_bars(_blocks(), below=title)
    report = check_text(tmp_path, text)
    assert errors_at(report) == []
    assert verdict_of(report) == "ok"
    not_checked = [f for f in report.findings if f.code == "TABLE_SUM_NOT_CHECKED"]
    assert not_checked == []


def test_one_merged_cell_over_columns_that_could_stand_in_two_places_is_not_guessed(tmp_path: Path) -> None:
    # ``Năm 2025`` merged over two sub-columns: the row of figures cannot tell whether the
    # sub-columns stand under it or under ``Dự kiến 2027`` (every column holds figures)
    rows = [
        ["STT", "Nội dung", "Năm 2025", "Dự toán 2026", "Dự kiến 2027"],
        ["Dự toán", "Ước thực hiện"],
        ["I", "Chi đầu tư", "300", "320", "350", "380"],
        ["1", "Giao thông", "200", "210", "230", "250"],
        ["2", "Thủy lợi", "100", "110", "120", "130"],
        ["II", "Chi thường xuyên", "500", "520", "560", "600"],
        ["1", "Giáo dục", "500", "520", "560", "600"],
        ["Tổng cộng", "800", "840", "910", "980"],
    ]
    report = check_text(tmp_path, _as_bars(rows))
    assert errors_at(report) == []
    titles = [r.section.title for r in report.evaluation.sections()]
    assert not any(" — " in t for t in titles)
    assert all(f.severity is not Severity.ERROR for f in report.findings)


def _schools(first_total: str = "12") -> list[list[str]]:
    return [
        ["STT", "Xã, phường", "Số trường học", "Số trường đạt chuẩn quốc gia", "Tỷ lệ"],
        ["Tổng số", "Mầm non", "Tiểu học"],
        ["1.", "Xã An Bình", first_total, "5", "7", "9", "75%"],
        ["2.", "Xã Tân Lập", "10", "4", "6", "8", "80%"],
        ["3.", "Phường Hòa Phú", "15", "7", "8", "15", "100%"],
        ["4.", "Xã Phước Hưng", "8", "3", "5", "4", "50%"],
    ]


def test_a_total_sub_column_adds_only_the_sub_columns_of_its_group(tmp_path: Path) -> None:
    # ``Số trường học`` merged over ``Tổng số | Mầm non | Tiểu học``: the one place where the
    # total sub-column adds the two beside it in the rows of figures; the column after the
    # group (schools up to standard) is no part of it, and the rate is no sum. Nothing says
    # money: the figures are counts, never shown as đồng
    text = _as_bars(_schools(), above=_SCHOOLS)
    report = check_text(tmp_path, text)
    assert errors_at(report) == []
    assert [(c.label, c.stated, c.parts, c.ok) for c in report.plan.counts] == [
        ("1. Xã An Bình — Số trường học — Tổng số = Mầm non + Tiểu học", Decimal(12), (Decimal(5), Decimal(7)), True),
        ("2. Xã Tân Lập — Số trường học — Tổng số = Mầm non + Tiểu học", Decimal(10), (Decimal(4), Decimal(6)), True),
        (
            "3. Phường Hòa Phú — Số trường học — Tổng số = Mầm non + Tiểu học",
            Decimal(15),
            (Decimal(7), Decimal(8)),
            True,
        ),
        ("4. Xã Phước Hưng — Số trường học — Tổng số = Mầm non + Tiểu học", Decimal(8), (Decimal(3), Decimal(5)), True),
    ]


def test_a_wrong_total_in_a_count_table_is_named_at_its_cell(tmp_path: Path) -> None:
    text = _as_bars(_schools(first_total="13"), above=_SCHOOLS)
    report = check_text(tmp_path, text)
    assert errors_at(report) == [("COUNT_SUM_MISMATCH", _line_of(text, "13"), Decimal(13))]
    message = next(f.message for f in report.findings if f.code == "COUNT_SUM_MISMATCH")
    assert message == (
        "Số đếm không khớp: “1. Xã An Bình — Số trường học — Tổng số = Mầm non + Tiểu học” ghi 13, nhưng cộng các số"
        " thành phần được 12 (chênh lệch 1)."
    )


def _offices(second_open: str = "1,650") -> list[list[str]]:
    """A count table whose header names no role; its total row numbered on from the rows."""
    return [
        ["STT", "Cơ quan", "Hồ sơ phải xử lý", "Hồ sơ đã xử lý", "Hồ sơ còn tồn"],
        ["1", "Phòng Tài chính", "12,400", "10,250", "2,150"],
        ["2", "Phòng Giáo dục", "8,900", "7,250", second_open],
        ["3", "Phòng Y tế", "3,100", "3,100", "-"],
        ["4", "Văn phòng HĐND-UBND", "15,020", "14,000", "1,020"],
        ["5", "Tổng cộng", "**39,420**", "**34,600**", "**4,820**"],
    ]


_OFFICES = "Phụ lục\nTÌNH HÌNH XỬ LÝ HỒ SƠ CỦA CÁC CƠ QUAN\n(Kèm theo Báo cáo số 45/BC-UBND)\n"


def test_a_header_of_plain_words_over_counts_is_read_by_its_total_row(tmp_path: Path) -> None:
    # no column is named a total: the first one adds the other two in every row, so the
    # figures name it; the last row, numbered on as ``5``, is the total of the four above it
    text = _as_bars(_offices(), above=_OFFICES)
    report = check_text(tmp_path, text)
    assert errors_at(report) == []
    counts = {(c.label, c.stated): c.ok for c in report.plan.counts}
    across = " = Hồ sơ đã xử lý + Hồ sơ còn tồn"
    assert counts[("5. Tổng cộng — Hồ sơ phải xử lý", Decimal(39420))] is True
    assert counts[("5. Tổng cộng — Hồ sơ còn tồn", Decimal(4820))] is True
    assert counts[("2. Phòng Giáo dục — Hồ sơ phải xử lý" + across, Decimal(8900))] is True
    assert counts[("5. Tổng cộng — Hồ sơ phải xử lý" + across, Decimal(39420))] is True
    assert len(counts) == 3 + 5  # three column totals, five rows across
    # a document of counts alone that all agree, read in full
    assert verdict_of(report) == "ok"
    assert project(report).verdict.text == (
        "KẾT QUẢ: KHỚP. Văn bản không có dự toán kinh phí; mọi số đếm mà bảng ghi là tổng của các số khác đều khớp."
    )


def test_a_relation_only_the_figures_name_is_never_inferred_from_figures_that_miss(tmp_path: Path) -> None:
    # one row that does not add up: nothing says the first column is a total, so no row is
    # judged across; the column total that the label names still finds the wrong figure
    text = _as_bars(_offices(second_open="1,750"), above=_OFFICES)
    report = check_text(tmp_path, text)
    assert [c.label for c in report.plan.counts if "phải xử lý" in c.label and "Phòng" in c.label] == []
    assert errors_at(report) == [("COUNT_SUM_MISMATCH", _line_of(text, "**4,820**"), Decimal(4820))]


def _debt(by_source_2026: str = "22.656") -> list[list[str]]:
    """A plan of borrowing: a rate row among the rows of sums, and one total broken down twice
    (by purpose, by source), each breakdown under a row of its own."""
    return [
        ["STT", "Nội dung", "Năm 2025", "Năm 2026", "Năm 2027"],
        ["I", "Tổng dư nợ đầu năm", "311.113", "292.434", "239.934"],
        ["", "Tỷ lệ dư nợ so với mức dư nợ tối đa (%)", "16,52", "13,75", "11,79"],
        ["1", "Vay lại từ nguồn Chính phủ vay ngoài nước", "299.431", "284.537", "235.822"],
        ["2", "Vay trong nước khác", "11.682", "7.897", "4.112"],
        ["II", "Tổng mức vay trong năm", "31.500", "22.656", "187.087"],
        ["1", "Theo mục đích vay", "31.500", "22.656", "187.087"],
        ["-", "Vay bù đắp bội chi", "31.500", "12.656", "150.000"],
        ["-", "Vay trả nợ gốc", "-", "10.000", "37.087"],
        ["2", "Theo nguồn vay", "31.500", by_source_2026, "187.087"],
        ["-", "Vay lại từ nguồn Chính phủ vay ngoài nước", "31.500", "22.656", "187.087"],
        ["-", "Vay trong nước khác", "-", "-", "-"],
    ]


_DEBT = "KẾ HOẠCH VAY VÀ TRẢ NỢ CỦA NGÂN SÁCH ĐỊA PHƯƠNG\n\nĐơn vị tính: triệu đồng\n"


def test_a_rate_row_is_no_part_and_a_total_broken_down_two_ways_agrees(tmp_path: Path) -> None:
    text = _as_pipe(_debt()).replace(_ABOVE, _DEBT)
    report = check_text(tmp_path, text)
    assert errors_at(report) == []
    assert verdict_of(report) == "ok"
    sums = _checked(report)
    lines = text.split("\n")
    at = {name: next(i for i, t in enumerate(lines, 1) if name in t) for name in ("Tổng dư nợ", "Tổng mức vay")}
    # the rows under I add up without the rate written among them
    assert sums[(at["Tổng dư nợ"], Decimal(311113))] is True
    # II is each of its two breakdowns, never their sum (63.000)
    assert sums[(at["Tổng mức vay"], Decimal(31500))] is True
    assert (at["Tổng mức vay"], Decimal(63000)) not in sums


def test_a_one_part_breakdown_that_differs_is_never_passed(tmp_path: Path) -> None:
    # a breakdown of one written part that differs (23.656 over a part of 22.656): one figure
    # against one proves nothing about which is wrong, so both rows are reported not checked,
    # and the verdict is never KHỚP
    text = _as_pipe(_debt(by_source_2026="23.656")).replace(_ABOVE, _DEBT)
    report = check_text(tmp_path, text)
    lines = text.split("\n")
    by_source = next(i for i, t in enumerate(lines, 1) if "Theo nguồn vay" in t)
    total = next(i for i, t in enumerate(lines, 1) if "Tổng mức vay" in t)
    assert errors_at(report) == []
    not_checked = {f.source.line for f in report.findings if f.code == "TABLE_SUM_NOT_CHECKED"}
    assert not_checked == {by_source, total}
    assert verdict_of(report) == "incomplete"


# --- a property over generated tables of row blocks --------------------------------------------


_WAYS = (
    ("Đã thực hiện", "Chưa thực hiện"),
    ("Ngân sách tỉnh", "Ngân sách huyện"),
    ("Vốn trong nước", "Vốn nước ngoài", "Vốn khác"),
)
_BODIES = ("Sở Tài chính", "Sở Y tế", "Sở Giáo dục và Đào tạo", "Sở Xây dựng", "UBND huyện A", "UBND huyện B")


def _generated(rnd: random.Random, money: bool, mistake: bool) -> tuple[list[list[str]], list[list[str]], bool]:
    """(header rows, rows as a full grid with empty lead cells, whether a figure was moved)."""
    ways = rnd.choice(_WAYS)
    head_word = rnd.choice(("Tổng", "Tổng số", "Cộng"))
    years = [f"Năm {2025 + k}" for k in range(rnd.randint(2, 3))]
    total_name = rnd.choice(("Tổng số", "Tổng cộng"))
    group = rnd.choice(("Kinh phí thực hiện", "Dự toán giai đoạn")) if money else "Số hồ sơ"
    header = [["STT", "Đơn vị", "Nội dung", group], [total_name, *years]]
    bodies = rnd.sample(_BODIES, rnd.randint(2, 4))
    grid: list[list[str]] = []
    sums = [[0] * len(years) for _ in ways]
    for k, body in enumerate(bodies):
        parts = [[rnd.randint(0, 400) for _ in years] for _ in ways]
        heads = [sum(p[y] for p in parts) for y in range(len(years))]
        grid.append([str(k + 1), body, head_word, *_across(heads)])
        for w, (way, p) in enumerate(zip(ways, parts, strict=True)):
            grid.append(["", "", way, *_across(p)])
            sums[w] = [a + b for a, b in zip(sums[w], p, strict=True)]
    grand = [sum(s[y] for s in sums) for y in range(len(years))]
    grid.append(["", rnd.choice(("Tổng cộng", "Tổng số")), head_word, *_across(grand)])
    for way, s in zip(ways, sums, strict=True):
        grid.append(["", "", way, *_across(s)])
    moved = False
    if mistake:
        r = rnd.randrange(len(grid))
        c = rnd.randrange(3, len(grid[r]))
        value = int(grid[r][c].replace(".", ""))
        # moved clear of rounding: a figure in whole millions may be rounded by half a million
        step = rnd.randint(CLEAR_OF_ROUNDING, 90)
        grid[r][c] = format_vn(Decimal(value - step if value > step else value + step))
        moved = True
    return header, grid, moved


def _across(values: list[int]) -> list[str]:
    return [format_vn(Decimal(v)) for v in (sum(values), *values)]


def _bars_of(header: list[list[str]], grid: list[list[str]]) -> list[list[str]]:
    """As a converted Word table: merged lead cells dropped (a body's number and name, spanning
    its rows; the closing block's number and name, one cell)."""
    rows = [list(h) for h in header]
    for r in grid:
        if r[0]:
            rows.append(r)
        elif r[1]:
            rows.append(r[1:])
        else:
            rows.append(r[2:])
    return rows


# ``GEN_EXAMPLES`` scales it with the generated documents (CI runs 500)
@settings(
    max_examples=int(os.environ.get("GEN_EXAMPLES", "150")) // 3,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(st.integers(0, 2**32), st.booleans(), st.booleans(), st.sampled_from(("bars", "pipe")))
def test_generated_tables_of_row_blocks(tmp_path: Path, seed: int, money: bool, mistake: bool, layout: str) -> None:
    """A correct table of row blocks gets no error and KHỚP, money or counts, as a converted Word
    table (merged cells dropped, one header cell over the columns of figures) or as pipe rows; a
    table with one figure moved is never KHỚP."""
    header, grid, moved = _generated(random.Random(seed), money, mistake)
    above = _ABOVE if money else _OFFICES
    if layout == "bars":
        text = _as_bars(_bars_of(header, grid), above=above)
    else:
        full = [["STT", "Đơn vị", "Nội dung", *(f"{header[0][3]} — {h}" for h in header[1])]]
        text = above + "\n" + "\n".join("| " + " | ".join(r) + " |" for r in [*full, *grid]) + "\n"
    report = check_text(tmp_path, text)
    if not moved:
        assert errors_at(report) == [], text
        assert verdict_of(report) == "ok", text
    else:
        assert verdict_of(report) != "ok", text


@pytest.mark.parametrize(("written", "verdict"), [("19.551.000", "ok"), ("19.611.000", "errors")])
def test_the_last_cell_of_the_last_row_is_no_row_number(tmp_path: Path, written: str, verdict: str) -> None:
    """One cell per line, the sessions column after the amount: the ``3`` that closes the last
    row follows ``2`` as a row number would, but an empty line (no label) comes after it. It was
    taken for a row ``3`` labelled by the signature, and the last row went unread."""
    text = (
        "DỰ TOÁN KINH PHÍ TỔ CHỨC HỘI THI\n\nSTT\nNội dung chi\nĐịnh mức (nghìn đồng)\nSL\nThành tiền (đồng)\n"
        f"Số buổi\n1\nNước uống\n63\n254\n80.010.000\n5\n2\nVăn phòng phẩm\n133\n49\n{written}\n3\n\nNgười lập\n"
    )
    report = check_text(tmp_path, text)
    assert verdict_of(report) == verdict
    assert [(r.line.label, r.computed) for r in report.evaluation.lines()] == [
        ("Nước uống", Decimal(80_010_000)),
        ("Văn phòng phẩm", Decimal(19_551_000)),
    ]


_ESTIMATE = """Phụ lục I
DỰ TOÁN THU NGÂN SÁCH NHÀ NƯỚC NĂM 2025
Đơn vị tính: triệu đồng

| STT | Nội dung | Dự toán năm 2024 | Ước thực hiện năm 2024 | Dự toán năm 2025 | So sánh (%) |
|---|---|---|---|---|---|
| | TỔNG THU NSNN TRÊN ĐỊA BÀN | 250.000 | 280.000 | 300.000 | 107,1 |
| I | Thu nội địa | 230.000 | 255.000 | 275.000 | 107,8 |
| 1 | Thu từ doanh nghiệp nhà nước | 30.000 | 32.000 | 35.000 | 109,4 |
| 2 | Thuế thu nhập cá nhân | 50.000 | 53.000 | 60.000 | 113,2 |
| 3 | Thu tiền sử dụng đất | 150.000 | 170.000 | {land} | 105,9 |
| II | Thu viện trợ | 20.000 | 25.000 | 25.000 | 100,0 |
"""


@pytest.mark.parametrize("heading", ["So sánh (%)", "So với năm trước (%)", "Tăng/giảm (%)"])
def test_a_comparison_column_is_no_factor_of_the_rows(tmp_path: Path, heading: str) -> None:
    """``So sánh (%)`` compares two columns: the table is one of sums by column (group rows
    ``I``, ``II`` over their items), never rows of products with a rate (it was 575.000 against
    300.000: every row added flat)."""
    text = _ESTIMATE.replace("So sánh (%)", heading)
    report = check_text(tmp_path, text.format(land="180.000"))
    assert (verdict_of(report), [f.code for f in report.findings if f.severity is Severity.ERROR]) == ("ok", [])
    report = check_text(tmp_path, text.format(land="190.000"))
    assert [(f.code, f.source.line, f.actual) for f in report.findings if f.severity is Severity.ERROR] == [
        ("SECTION_SUM_MISMATCH", 8, Decimal(275_000))
    ]


def _payouts(unit: str, rows: list[tuple[str, str, str, str]], total: tuple[str, str, str]) -> str:
    """A list of payees whose first column of figures no header names a total: each row puts
    its whole figure in one of the two columns after it, the total row splits over both."""
    head = ["STT", "Người nhận", "Số phải chi trả", "Chi bằng tiền mặt", "Chi qua tài khoản"]
    body = [[str(i), *r] for i, r in enumerate(rows, 1)]
    above = f"Phụ lục\nDANH SÁCH CHI TRẢ TRỢ CẤP\n\nĐơn vị tính: {unit}\n"
    return _as_bars([head, *body, ["", "Tổng cộng", *total]], above=above)


def _figure(written: str) -> Decimal:
    return Decimal(written.replace(".", ""))


def _across_read(report: Report) -> dict[tuple[str, str, int | None, Decimal | None], bool | None]:
    """Each row read across: (the relation, the row's label, the line of its stated figure, the
    figure) → its verdict."""
    return {
        (r.section.title, row.section.title, row.section.stated.source.line, row.stated): row.ok
        for r in report.evaluation.sections()
        if " = " in r.section.title
        for row in r.children
        if isinstance(row, SectionResult) and row.section.stated is not None
    }


@pytest.mark.parametrize(
    ("unit", "rows", "total"),
    [
        (
            "đồng",
            [("Ông K", "2.400.000", "", "2.400.000"), ("Bà L", "750.000", "750.000", ""),
             ("Ông M", "1.100.000", "", "1.100.000"), ("Bà N", "300.000", "300.000", "")],
            ("4.550.000", "1.050.000", "3.500.000"),
        ),
        (
            "nghìn đồng",
            [("Hộ P", "15.600", "15.600", ""), ("Hộ Q", "", "", ""), ("Hộ R", "8.250", "", "8.250")],
            ("23.850", "15.600", "8.250"),
        ),
    ],
)  # fmt: skip
def test_a_column_each_row_puts_whole_in_one_part_is_their_total(
    tmp_path: Path, unit: str, rows: list[tuple[str, str, str, str]], total: tuple[str, str, str]
) -> None:
    # every payee's figure stands again, whole, under one way of paying; the total row alone
    # splits over both ways: the first column is the sum of the other two, each row read
    text = _payouts(unit, rows, total)
    report = check_text(tmp_path, text)
    assert errors_at(report) == []
    across = "Số phải chi trả = Chi bằng tiền mặt + Chi qua tài khoản"
    expected = {
        (across, name, _line_of(text, whole), _figure(whole)): True for name, whole, _cash, _bank in rows if whole
    }
    expected[(across, "Tổng cộng", _line_of(text, total[0]), _figure(total[0]))] = True
    assert _across_read(report) == expected
    assert verdict_of(report) == "ok"


def test_a_row_whose_whole_differs_from_its_one_part_infers_no_total_column(tmp_path: Path) -> None:
    # Bà L's 800.000 is not her 750.000 paid in cash: nothing says the first column adds the
    # others, so no row is judged across; its own column's total finds the wrong figure
    rows = [
        ("Ông K", "2.400.000", "", "2.400.000"),
        ("Bà L", "800.000", "750.000", ""),
        ("Ông M", "1.100.000", "", "1.100.000"),
    ]
    text = _payouts("đồng", rows, ("4.250.000", "750.000", "3.500.000"))
    report = check_text(tmp_path, text)
    assert _across_read(report) == {}
    assert errors_at(report) == [("SECTION_SUM_MISMATCH", _line_of(text, "4.250.000"), Decimal(4_250_000))]
    assert verdict_of(report) == "errors"


def test_a_part_column_that_never_holds_a_row_whole_infers_no_total_column(tmp_path: Path) -> None:
    # the first column adds the other two in every row, but only two rows split over both and
    # the bank column never holds a row's whole figure: too little to name the first a total
    rows = [
        ("Ông K", "2.400.000", "2.400.000", ""),
        ("Bà L", "1.000.000", "700.000", "300.000"),
        ("Ông M", "650.000", "650.000", ""),
    ]
    text = _payouts("đồng", rows, ("4.050.000", "3.750.000", "300.000"))
    report = check_text(tmp_path, text)
    assert errors_at(report) == []
    assert _across_read(report) == {}
