"""One figure stated twice (the text's total and a table's ``Tổng cộng``, a heading and its
only item): compared, a conflict reported with both places, neither guessed right."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from budget.api import check_file
from budget.findings import Severity

_TABLE = """KẾ HOẠCH TỔ CHỨC NGÀY HỘI ĐỌC SÁCH
Tổng kinh phí: {text_total} đồng

| STT | Nội dung | Số lượng | Đơn giá | Thành tiền |
| 1 | Phần thưởng | 40 | 25.000 | 1.000.000 |
| 2 | Sách tặng | 80 | 35.000 | 2.800.000 |
| | Tổng cộng | | | {table_total} |
"""


def _errors(tmp_path: Path, text: str) -> list[tuple[str, int | None, Decimal | None, Decimal | None]]:
    path = tmp_path / "plan.txt"
    path.write_text(text, encoding="utf-8")
    report = check_file(path)
    return [(f.code, f.source.line, f.expected, f.actual) for f in report.findings if f.severity is Severity.ERROR]


def test_text_total_and_table_total_differ(tmp_path: Path) -> None:
    text = _TABLE.format(text_total="3.850.000", table_total="3.800.000")
    assert _errors(tmp_path, text) == [("FIGURE_STATED_TWICE", 2, Decimal(3_800_000), Decimal(3_850_000))]


def test_text_total_and_table_total_agree(tmp_path: Path) -> None:
    assert _errors(tmp_path, _TABLE.format(text_total="3.800.000", table_total="3.800.000")) == []


def test_the_table_total_wrong_is_its_own_sum_error_not_a_conflict(tmp_path: Path) -> None:
    # both places say 3.900.000 but the rows add up to 3.800.000: a sum error, once, at the table
    errors = _errors(tmp_path, _TABLE.format(text_total="3.900.000", table_total="3.900.000"))
    assert [(code, line) for code, line, *_ in errors] == [("SECTION_SUM_MISMATCH", 7)]


def test_heading_and_its_only_item(tmp_path: Path) -> None:
    text = (
        "KẾ HOẠCH\nIV. KINH PHÍ THỰC HIỆN: 120 triệu đồng\n"
        "1. Kinh phí tổ chức lớp bồi dưỡng: 125 triệu đồng\n"
        "a) Giảng viên: 5 người x 5 triệu đồng = 25 triệu đồng\n"
        "b) Học viên: 100 người x 1 triệu đồng = 100 triệu đồng\n"
    )
    assert _errors(tmp_path, text) == [("FIGURE_STATED_TWICE", 2, Decimal(125), Decimal(120))]


_THREE = """DỰ TOÁN HỘI THI
Tổng kinh phí: {total} triệu đồng, gồm:
1. Chi tổ chức: {section} triệu đồng
- Thuê hội trường: {item} triệu đồng{parts}
"""


def test_the_odd_one_of_three_is_named(tmp_path: Path) -> None:
    # the total and the heading agree, the only item differs: the item's figure is the slip
    path = tmp_path / "plan.txt"
    path.write_text(_THREE.format(total="2.760", section="2.760", item="2.960", parts=""), encoding="utf-8")
    report = check_file(path)
    (f,) = [f for f in report.findings if f.severity is Severity.ERROR]
    assert (f.code, f.message_key, f.source.line, f.expected, f.actual) == (
        "FIGURE_STATED_TWICE",
        "FIGURE_STATED_TWICE.confirmed",
        4,
        Decimal(2760),
        Decimal(2960),
    )
    assert "khớp với tổng kinh phí" in f.message


def test_an_item_its_parts_confirm_is_not_blamed(tmp_path: Path) -> None:
    # the item's own parts add up to it: two figures against two, nothing is guessed
    parts = " (trong đó: thuê hội trường 960 triệu đồng, âm thanh 2.000 triệu đồng)"
    text = _THREE.format(total="2.760", section="2.760", item="2.960", parts=parts)
    assert _errors(tmp_path, text) == [("FIGURE_STATED_TWICE", 3, Decimal(2960), Decimal(2760))]
    # the total disagrees with the heading: each conflict is said with its two places, the
    # item (which the total agrees with) is not blamed
    text = _THREE.format(total="2.960", section="2.760", item="2.960", parts="")
    assert [e[:2] for e in _errors(tmp_path, text)] == [("FIGURE_STATED_TWICE", 2), ("FIGURE_STATED_TWICE", 3)]


def test_an_item_whose_own_parts_disagree_is_still_the_odd_one(tmp_path: Path) -> None:
    # 960 + 1.900 is not 2.960: the item's parts do not confirm it, the total and the heading do
    parts = " (trong đó: thuê hội trường 960 triệu đồng, âm thanh 1.900 triệu đồng)"
    path = tmp_path / "plan.txt"
    path.write_text(_THREE.format(total="2.760", section="2.760", item="2.960", parts=parts), encoding="utf-8")
    report = check_file(path)
    errors = [(f.code, f.message_key, f.source.line) for f in report.findings if f.severity is Severity.ERROR]
    assert errors == [
        ("FIGURE_STATED_TWICE", "FIGURE_STATED_TWICE.confirmed", 4),
        ("SECTION_SUM_MISMATCH", None, 4),
    ]
