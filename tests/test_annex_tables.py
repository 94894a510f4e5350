"""Annex tables of a converted Word document (one cell per line between bars), where one run of
bars holds the whole page: the layout of the heading and the signatures, an annex title, then
the annex table(s). Each table is found at its own header, a header row the converter cut in two
is whole again, and a column that totals the others across each row (``Tổng mức chi``) is the
sum of every other column of figures, sparse ones (``-``) too."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from budget.read.text import split_lines
from budget.tables.find import find_tables
from tests.helpers import check_text, errors_at, line_of, verdict_of

LAYOUT = [
    "QUYẾT ĐỊNH VỀ MỨC CHI", "|", "ỦY BAN NHÂN DÂN TỈNH X", "|", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "|", "|",
    "Nơi nhận:", "- Như Điều 3;", "- Lưu: VT.", "|", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Trần Văn B", "|",
]  # fmt: skip
HEAD = ["STT", "Nhiệm vụ", "Tổng mức chi", "Khảo sát", "Hội thảo"]
# a header cell wrapped over three lines: the converter's row cutter takes it for a row of its own
LONG = [
    "**Tổng hợp, rà soát hồ sơ trình Ủy ban nhân dân",
    "(Văn phòng Ủy ban nhân dân tỉnh;",
    "các phòng chuyên môn)**",
]


def _annex(title: str, rows: list[list[str]]) -> list[str]:
    out = [title, "MỨC CHI CHO CÁC NHIỆM VỤ", "Đơn vị tính: triệu đồng", "|"]
    for c in HEAD:
        out += [f"**{c}**", "|"]
    out += [*LONG, "|", "|"]
    for r in rows:
        for c in r:
            out += [c, "|"]
        out.append("|")
    return out


def _text(*annexes: list[str]) -> str:
    lines = list(LAYOUT)
    for a in annexes:
        lines += a
    return "\n".join(lines[:-1]) + "\n"


ROWS = [
    ["1", "Đề án cấp tỉnh", "120", "30", "65", "25"],
    ["2", "Đề án cấp huyện", "60", "-", "45", "15"],
    ["3", "Kế hoạch cấp xã", "20,5", "-", "15", "5,5"],
]


def test_the_annex_is_found_at_its_header_with_the_cut_header_whole_again() -> None:
    blocks = find_tables(split_lines(_text(_annex("PHỤ LỤC I", ROWS)), "t.txt"))
    assert len(blocks) == 1 and blocks[0].unread == ""
    header = next(r for r in blocks[0].rows if r.header)
    assert [c.text.split(",")[0] for c in header.cells] == [*HEAD, "Tổng hợp"]
    assert [len(r.cells) for r in blocks[0].rows if not r.header and r.cells[0].text.isdigit()] == [6, 6, 6]


def test_a_total_column_adds_every_other_column_sparse_ones_too(tmp_path: Path) -> None:
    report = check_text(tmp_path, _text(_annex("PHỤ LỤC I", ROWS)))
    assert errors_at(report) == []
    assert verdict_of(report) == "ok"
    rows = [list(r) for r in ROWS]
    rows[1][2] = "70"  # 45 + 15 = 60, written 70
    text = _text(_annex("PHỤ LỤC I", rows))
    report = check_text(tmp_path, text)
    assert errors_at(report) == [("SECTION_SUM_MISMATCH", line_of(text, "70"), Decimal(70))]


def test_a_word_in_a_column_of_figures_leaves_its_row_unread(tmp_path: Path) -> None:
    rows = [list(r) for r in ROWS]
    rows[1][4] = "Theo thực tế"  # no figure: the row cannot be added up, so it is not judged
    rows[1][2] = "70"
    report = check_text(tmp_path, _text(_annex("PHỤ LỤC I", rows)))
    assert errors_at(report) == []


def test_two_annexes_in_one_run_of_bars_are_two_tables(tmp_path: Path) -> None:
    second = [["1", "Dự án A", "40", "10", "20", "10"], ["2", "Dự án B", "33", "-", "21", "7"]]  # 28 written 33
    text = _text(_annex("PHỤ LỤC I", ROWS), _annex("PHỤ LỤC II", second))
    assert len(find_tables(split_lines(text, "t.txt"))) == 2
    report = check_text(tmp_path, text)
    assert errors_at(report) == [("SECTION_SUM_MISMATCH", line_of(text, "33"), Decimal(33))]


def _grouped(rows: list[list[str]]) -> str:
    """Column groups over the same sub-columns, the group cells merged (the converter keeps one
    cell for each): ``Năm 2024 | Năm 2025 | Tổng số`` over ``Thu | Chi`` three times."""
    out = ["BÁO CÁO THU CHI CỦA CÁC XÃ", "Đơn vị tính: triệu đồng", "|"]
    for c in ["STT", "Đơn vị", "Năm 2024", "Năm 2025", "Tổng số"]:
        out += [f"**{c}**", "|"]
    out.append("|")
    for c in ["Thu", "Chi"] * 3:
        out += [f"**{c}**", "|"]
    out.append("|")
    for r in rows:
        for c in r:
            out += [c, "|"]
        out.append("|")
    return "\n".join(out[:-1]) + "\n"


GROUPED = [
    ["1", "Xã A", "10", "4", "12", "5", "22", "9"],
    ["2", "Xã B", "7", "3", "8", "2", "15", "5"],
    ["3", "Xã C", "6", "1", "5", "2", "11", "3"],
    ["", "Tổng cộng", "23", "8", "25", "9", "48", "17"],
]


def test_a_total_group_adds_the_same_sub_column_of_the_other_groups(tmp_path: Path) -> None:
    text = _grouped(GROUPED)
    (block,) = find_tables(split_lines(text, "t.txt"))
    header = next(r for r in block.rows if r.header)
    assert [c.text for c in header.cells][2:5] == ["Năm 2024 — Thu", "Năm 2024 — Chi", "Năm 2025 — Thu"]
    assert block.unread == ""
    report = check_text(tmp_path, text)
    assert errors_at(report) == []
    assert verdict_of(report) == "ok"
    rows = [list(r) for r in GROUPED]
    rows[1][7], rows[3][7] = "9", "21"  # Chi of Xã B: 3 + 2 = 5, written 9 (and carried into the total)
    text = _grouped(rows)
    report = check_text(tmp_path, text)
    lines = text.split("\n")
    nine = next(i for i, t in enumerate(lines, 1) if t == "9" and lines[i - 3] == "15")
    # the row and, across, the total row that carries it (8 + 9 = 17, not 21); the column adds up
    assert errors_at(report) == [
        ("SECTION_SUM_MISMATCH", nine, Decimal(9)),
        ("SECTION_SUM_MISMATCH", line_of(text, "21"), Decimal(21)),
    ]
