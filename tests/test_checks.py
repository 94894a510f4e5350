"""One figure changed at a time in plan 267/KH-UBND: the exact findings and their likely cause."""

from __future__ import annotations

import re
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

from budget import check_file
from budget.api import Report
from budget.checks import section_name
from budget.findings import Finding, Severity
from budget.model import Section
from budget.source import Source
from tests.helpers import HA_DONG, assert_message, line_of, replace_once

TEXT = HA_DONG.read_text(encoding="utf-8")


def check_changed(tmp_path: Path, old: str, new: str) -> tuple[Report, str]:
    text = replace_once(TEXT, old, new)
    path = tmp_path / "plan.txt"
    path.write_text(text, encoding="utf-8")
    return check_file(path), text


def error_list(report: Report) -> list[Finding]:
    return [f for f in report.findings if f.is_error]


def errors(report: Report) -> list[tuple[str, int | None, Decimal | None, Decimal | None, str | None, int | None]]:
    return [
        (
            f.code,
            f.source.line,
            f.expected,
            f.actual,
            f.cause.code if f.cause else None,
            f.cause.source.line if f.cause and f.cause.source else None,
        )
        for f in report.findings
        if f.is_error
    ]


def test_unchanged_plan_has_no_error() -> None:
    report = check_file(HA_DONG)
    assert errors(report) == []
    notes = [f for f in report.findings if f.code == "SECTION_NO_AMOUNT"]
    assert len(notes) == 1
    assert_message(
        notes[0],
        "SECTION_NO_AMOUNT",
        "Mục 2.9 không ghi kinh phí và không có dòng chi phí nào; không tính là 0 khi đối chiếu.",
    )


def test_changed_factor_names_the_factor(tmp_path: Path) -> None:
    report, text = check_changed(tmp_path, "300 người x 1,0", "310 người x 1,0")
    n = line_of(text, "310 người x 1,0")
    assert errors(report) == [("PRODUCT_MISMATCH", n, Decimal(1550), Decimal(1500), "CAUSE_FACTOR", n)]
    f = error_list(report)[0]
    assert f.difference == Decimal(-50)
    assert_message(
        f,
        "PRODUCT_MISMATCH",
        "Phép nhân không khớp: 310 × 1 × 5 = 1.550 triệu đồng, nhưng văn bản ghi "
        "1.500 triệu đồng (chênh lệch -50 triệu đồng).",
    )
    assert f.cause is not None and f.cause.source is not None
    assert f.cause.source.col == f.source.text.index("310") + 1
    assert_message(
        f.cause,
        "CAUSE_FACTOR",
        "Nhiều khả năng ghi nhầm thừa số “310 người”: nếu là 300 thì phép nhân ra đúng "
        "1.500 triệu đồng, và 1.500 triệu đồng khớp với tổng mục 2.2.",
    )


def test_changed_count_is_named(tmp_path: Path) -> None:
    # 2.300 × 1 × 5 = 11.500: only 2.200 people (no decimals, like the text) gives the stated 11.000
    report, text = check_changed(tmp_path, "2.200 người", "2.300 người")
    n = line_of(text, "2.300 người")
    assert errors(report) == [("PRODUCT_MISMATCH", n, Decimal(11500), Decimal(11000), "CAUSE_FACTOR", n)]
    assert error_list(report)[0].cause.args["value"] == Decimal(2200)  # type: ignore[union-attr]


def test_factor_that_cannot_be_pinned(tmp_path: Path) -> None:
    # 150 × 2 × 4 × 2 = 2.400: halving 150, 4 or either 2 gives 1.200, so no single factor is named
    report, text = check_changed(tmp_path, "x 2 lớp/khóa x 2 khóa", "x 2 lớp/khóa x 4 khóa")
    n = line_of(text, "x 4 khóa")
    assert errors(report) == [("PRODUCT_MISMATCH", n, Decimal(2400), Decimal(1200), "CAUSE_SOME_FACTOR", None)]
    assert_message(
        error_list(report)[0].cause,
        "CAUSE_SOME_FACTOR",
        "Kết quả ghi 1.200 triệu đồng khớp với tổng mục 2.2, nên nhiều khả năng sai ở một thừa số.",
    )


def test_changed_rate_in_section_without_own_amount(tmp_path: Path) -> None:
    # 2.8 states no amount of its own: the line is confirmed (or not) by section 2's subtotal
    report, text = check_changed(tmp_path, "30 triệu đồng/đơn vị/năm", "35 triệu đồng/đơn vị/năm")
    n = line_of(text, "35 triệu đồng/đơn vị/năm")
    assert errors(report) == [("PRODUCT_MISMATCH", n, Decimal(875), Decimal(750), "CAUSE_FACTOR", n)]
    assert "khớp với tổng mục 2." in error_list(report)[0].cause.message  # type: ignore[union-attr]


def test_changed_stated_result_is_named_as_the_typo(tmp_path: Path) -> None:
    report, text = check_changed(tmp_path, "x 5 năm = 11.000 triệu đồng", "x 5 năm = 11.100 triệu đồng")
    n = line_of(text, "11.100 triệu đồng")
    sub = line_of(text, "12.500 triệu đồng")
    assert errors(report) == [
        ("SECTION_SUM_MISMATCH", sub, Decimal(12600), Decimal(12500), "CAUSE_CHILD_LINE", n),
        ("PRODUCT_MISMATCH", n, Decimal(11000), Decimal(11100), "CAUSE_STATED_RESULT", n),
    ]
    section, line = error_list(report)[0], error_list(report)[1]
    assert_message(
        section,
        "SECTION_SUM_MISMATCH",
        "Mục 2.3: cộng các khoản bên trong được 12.600 triệu đồng, nhưng mục ghi "
        "12.500 triệu đồng (chênh lệch -100 triệu đồng).",
    )
    assert section.cause is not None
    assert_message(
        section.cause,
        "CAUSE_CHILD_LINE",
        f"Nhiều khả năng do dòng {n} (Giáo viên): ghi 11.100 triệu đồng nhưng phép nhân "
        "cho 11.000 triệu đồng; với 11.000 triệu đồng thì tổng khớp.",
    )
    assert line.cause is not None
    assert_message(
        line.cause,
        "CAUSE_STATED_RESULT",
        "Nhiều khả năng ghi nhầm kết quả: với 11.000 triệu đồng như phép nhân cho thì tổng mục 2.3 khớp.",
    )


def test_changed_subtotal(tmp_path: Path) -> None:
    report, text = check_changed(tmp_path, "10.200 triệu", "10.300 triệu")
    sub = line_of(text, "10.300 triệu")
    two = line_of(text, "46.125 triệu")
    heading_22 = line_of(text, "2.2. Kinh hỗ trợ")
    assert errors(report) == [
        ("SECTION_SUM_MISMATCH", two, Decimal(46225), Decimal(46125), "CAUSE_CHILD_SECTION", heading_22),
        ("SECTION_SUM_MISMATCH", sub, Decimal(10200), Decimal(10300), "CAUSE_OWN_FIGURE", sub),
    ]
    assert_message(
        error_list(report)[1].cause,
        "CAUSE_OWN_FIGURE",
        "Các khoản bên trong tự khớp và tổng mục 2 khớp với 10.200 triệu đồng: "
        "nhiều khả năng ghi nhầm chính số 10.300 triệu đồng.",
    )


def test_changed_section_amount_in_heading(tmp_path: Path) -> None:
    report, text = check_changed(tmp_path, "46.125 triệu", "46.025 triệu")
    n = line_of(text, "46.025 triệu")
    total = line_of(text, "46.375 triệu")
    assert errors(report) == [
        ("TOTAL_MISMATCH", total, Decimal(46275), Decimal(46375), "CAUSE_CHILD_SECTION", n),
        ("SECTION_SUM_MISMATCH", n, Decimal(46125), Decimal(46025), "CAUSE_OWN_FIGURE", n),
    ]


def test_changed_grand_total(tmp_path: Path) -> None:
    report, text = check_changed(tmp_path, "46.375 triệu", "46.475 triệu")
    n = line_of(text, "46.475 triệu")
    assert errors(report) == [("TOTAL_MISMATCH", n, Decimal(46375), Decimal(46475), "CAUSE_OWN_FIGURE_TOP", n)]
    f = error_list(report)[0]
    assert_message(
        f,
        "TOTAL_MISMATCH",
        "Tổng kinh phí ghi 46.475 triệu đồng, nhưng cộng các mục được 46.375 triệu đồng (chênh lệch 100 triệu đồng).",
    )
    assert f.cause is not None
    assert_message(
        f.cause,
        "CAUSE_OWN_FIGURE_TOP",
        "Các khoản bên trong tự khớp: nhiều khả năng ghi nhầm chính số 46.475 triệu đồng.",
    )


def test_chain_factor_typo_is_located_in_its_step(tmp_path: Path) -> None:
    report, text = check_changed(tmp_path, "15 người x 3 chứng chỉ", "16 người x 3 chứng chỉ")
    n = line_of(text, "16 người x 3 chứng chỉ")
    assert errors(report) == [("PRODUCT_MISMATCH", n, Decimal(144), Decimal(135), "CAUSE_FACTOR", n)]
    cause = error_list(report)[0].cause
    assert cause is not None and cause.args["value"] == Decimal(15)
    assert "khớp với bước sau của chuỗi phép tính" in cause.message


def test_chain_intermediate_typo_is_one_finding(tmp_path: Path) -> None:
    report, text = check_changed(tmp_path, "= 135 triệu", "= 136 triệu")
    n = line_of(text, "= 136 triệu")
    assert errors(report) == [("PRODUCT_MISMATCH", n, Decimal(135), Decimal(136), "CAUSE_INTERMEDIATE", n)]
    assert_message(
        error_list(report)[0].cause,
        "CAUSE_INTERMEDIATE",
        "Nhiều khả năng ghi nhầm kết quả trung gian 136 triệu đồng: phép nhân cho 135 triệu đồng, "
        "và với 135 triệu đồng thì bước sau khớp.",
    )


def test_chain_final_typo(tmp_path: Path) -> None:
    report, text = check_changed(tmp_path, "= 675 triệu", "= 665 triệu")
    n = line_of(text, "= 665 triệu")
    sub = line_of(text, "4.925 triệu")
    assert errors(report) == [
        ("SECTION_SUM_MISMATCH", sub, Decimal(4915), Decimal(4925), "CAUSE_CHILD_LINE", n),
        ("PRODUCT_MISMATCH", n, Decimal(675), Decimal(665), "CAUSE_STATED_RESULT", n),
    ]


def test_two_typos_in_one_section_are_both_reported(tmp_path: Path) -> None:
    text = replace_once(TEXT, "2.800 triệu đồng/năm x 5 năm", "2.900 triệu đồng/năm x 5 năm")
    text = replace_once(text, "100 triệu đồng/năm x 5 năm = 500", "100 triệu đồng/năm x 5 năm = 600")
    path = tmp_path / "plan.txt"
    path.write_text(text, encoding="utf-8")
    report = check_file(path)
    codes = [(f.code, f.source.line) for f in report.findings if f.is_error]
    assert codes == [
        ("SECTION_SUM_MISMATCH", line_of(text, "14.500 triệu")),
        ("PRODUCT_MISMATCH", line_of(text, "2.900 triệu")),
        ("PRODUCT_MISMATCH", line_of(text, "= 600 triệu")),
    ]
    # the sum is off by +100 (the 600): one candidate, so the section names it
    assert error_list(report)[0].cause is not None
    assert error_list(report)[0].cause.code == "CAUSE_CHILD_LINE"


def test_scales_are_converted_exactly(tmp_path: Path) -> None:
    text = (
        "IV. KINH PHÍ\n"
        "Tổng kinh phí dự kiến là 1,5 tỷ đồng.\n"
        "1. Nước uống: 400 người x 25.000 đồng/người/buổi x 50 buổi = 500 triệu đồng\n"
        "2. Tài liệu: 2.000 bộ x 500 nghìn đồng/bộ = 1.000 triệu đồng\n"
    )
    path = tmp_path / "scales.txt"
    path.write_text(text, encoding="utf-8")
    report = check_file(path)
    assert errors(report) == []
    assert report.evaluation.total.children_sum == Decimal("1.5")
    assert [r.computed for r in report.evaluation.lines()] == [Decimal(500), Decimal(1000)]


def test_ambiguous_numbers_the_arithmetic_settles_become_notes_where_they_stand(tmp_path: Path) -> None:
    """Each figure written ambiguously takes part in a sum or a product that agrees exactly under
    the reading taken: the agreement settles it, and the warning becomes a note at its place."""
    text = (
        "IV. KINH PHÍ\n"
        "Tổng kinh phí dự kiến là 2.820 triệu đồng.\n"
        "1. Hội nghị: 1..320 triệu đồng. Trong đó:\n"
        "- Thuê hội trường: 4 lần x 330 triệu đồng/lần = 1.320 triệu đồng\n"
        "2. Tài liệu: 1 500 triệu đồng\n"
        "- In ấn: 1.5 triệu đồng/bộ x 1.000 bộ = 1.500 triệu đồng\n"
    )
    path = tmp_path / "p.txt"
    path.write_text(text, encoding="utf-8")
    report = check_file(path)
    assert errors(report) == []
    assert [f for f in report.findings if f.code == "NUMBER_AMBIGUOUS"] == []
    settled = [
        (f.source.line, f.source.col, f.severity, f.args["text"]) for f in report.findings if f.code == "NUMBER_SETTLED"
    ]
    assert settled == [
        (3, 14, Severity.INFO, "1..320"),
        (5, 14, Severity.INFO, "1 500"),
        (6, 10, Severity.INFO, "1.5"),
    ]
    first = next(f for f in report.findings if f.code == "NUMBER_SETTLED")
    assert_message(
        first,
        "NUMBER_SETTLED",
        "Số “1..320” viết theo cách có thể đọc hai nghĩa; đã đọc là 1.320 và phép tính dùng số này khớp đúng, nên "
        "cách đọc đã được xác nhận.",
        en="The number “1..320” is written in a way that reads two ways; it was read as 1,320 and the computation "
        "that uses it agrees exactly, which confirms the reading.",
    )
    assert report.evaluation.total.children_sum == Decimal(2820)


def test_ambiguous_numbers_are_warned_where_no_agreement_settles_them(tmp_path: Path) -> None:
    """Figures written with spaces for thousands: those of products that agree are one note, said
    once with their count; one in a product that does not agree, or in none, keeps its warning."""
    text = (
        "1. Nước uống: 40 người x 5 000 đồng/người x 2 buổi = 400 000 đồng\n"
        "2. Tài liệu: 40 bộ x 2 500 đồng/bộ = 100 000 đồng\n"
        "3. Hoa: 3 lẵng x 150 000 đồng/lẵng = 460 000 đồng\n"
        "Ghi chú: dự phòng 200 000 đồng\n"
    )
    path = tmp_path / "cach.txt"
    path.write_text(text, encoding="utf-8")
    report = check_file(path)
    notes = [f for f in report.findings if f.code == "NUMBER_SETTLED"]
    assert [(f.source.line, f.args["text"], f.args["count"], f.message_key) for f in notes] == [
        (1, "5 000", 4, "NUMBER_SETTLED.many")
    ]
    assert_message(
        notes[0],
        "NUMBER_SETTLED",
        "Số “5 000” và 3 số khác viết cùng cách có thể đọc hai nghĩa; đã đọc “5 000” là 5.000, và mọi phép tính "
        "dùng các số này đều khớp đúng, nên cách đọc đã được xác nhận.",
        en="The number “5 000” and 3 other numbers written the same way read two ways; “5 000” was read as 5,000, "
        "and every computation that uses them agrees exactly, which confirms the reading.",
    )
    warned = [(f.source.line, f.args["text"]) for f in report.findings if f.code == "NUMBER_AMBIGUOUS"]
    assert (3, "150 000") in warned and (3, "460 000") in warned
    kept = next(f for f in report.findings if f.code == "NUMBER_AMBIGUOUS" and f.args["text"] == "460 000")
    assert_message(
        kept,
        "NUMBER_AMBIGUOUS",
        "Số “460 000” ngăn cách hàng nghìn bằng dấu cách; đã đọc là 460.000.",
        en="The number “460 000” groups thousands with spaces; read as 460,000.",
    )
    assert all(f.severity is Severity.WARNING for f in report.findings if f.code == "NUMBER_AMBIGUOUS")
    assert [f.code for f in report.findings if f.is_error] == ["PRODUCT_MISMATCH"]


# --- totals only where the text says a total of money; thresholds, examples, running totals,
# a second breakdown (invented plans) --------------------------------------------------------


def _check_text(tmp_path: Path, text: str) -> Report:
    path = tmp_path / "van-ban.txt"
    path.write_text(text, encoding="utf-8")
    return check_file(path)


def _coded(report: Report) -> list[tuple[str, str, int | None, int | None]]:
    """(code, severity, line, col) of every finding but the unit notes."""
    return [
        (f.code, f.severity.value, f.source.line, f.source.col)
        for f in report.findings
        if not f.code.startswith("UNIT_")
    ]


_COUNT_TOTAL = """KẾ HOẠCH HỖ TRỢ HỌC SINH
III. KINH PHÍ
{lead}
Tổng kinh phí: {total} đồng
1. Hỗ trợ học sinh: 150 em x 300.000 đồng = 45.000.000 đồng
2. Tổ chức trao quà: 7.000.000 đồng
"""
_COUNT_LEAD = "Tổng số học sinh được hỗ trợ là 150 em, với số tiền là 45.000.000 đồng."


def test_a_total_of_people_is_not_the_grand_total(tmp_path: Path) -> None:
    report = _check_text(tmp_path, _COUNT_TOTAL.format(lead=_COUNT_LEAD, total="52.000.000"))
    assert report.plan.total is not None and report.plan.total.value == Decimal(52_000_000)
    assert report.evaluation.total.ok is True
    col = _COUNT_LEAD.index("45.000.000") + 1
    # the figure beside the count is placed nowhere: said, never added, never a total
    assert _coded(report) == [("UNCHECKED_AMOUNT", "warning", 3, col)]


def test_the_real_total_is_still_checked_after_a_total_of_people(tmp_path: Path) -> None:
    report = _check_text(tmp_path, _COUNT_TOTAL.format(lead=_COUNT_LEAD, total="50.000.000"))
    assert errors(report) == [
        ("TOTAL_MISMATCH", 4, Decimal(52_000_000), Decimal(50_000_000), "CAUSE_OWN_FIGURE_TOP", 4)
    ]


def test_a_keyword_total_naming_money_is_a_total(tmp_path: Path) -> None:
    lead = "Tổng kinh phí hỗ trợ 150 em là 52.000.000 đồng."
    text = _COUNT_TOTAL.format(lead=lead, total="52.000.000").replace("Tổng kinh phí: 52.000.000 đồng\n", "")
    report = _check_text(tmp_path, text)
    assert report.plan.total is not None and report.plan.total.source.line == 3
    assert report.evaluation.total.ok is True
    assert _coded(report) == []


_RULES = (
    "QUY ĐỊNH MỨC HỖ TRỢ\n"
    "Điều 2. Mức hỗ trợ\n"
    "1. Hộ bị thiệt hại về nhà ở:\n"
    "a) Thiệt hại từ 2.000.000 đồng trở lên đến dưới 10.000.000 đồng: hỗ trợ không quá 1.500.000 đồng. Ví"
    " dụ: nhà ông B thiệt hại 7.000.000 đồng; bảo hiểm đã trả 2.000.000 đồng; còn 5.000.000 đồng.\n"
    "b) Thiệt hại từ 10.000.000 đồng trở lên: hỗ trợ tối đa 4.000.000 đồng.\n"
    "Ví dụ:\n"
    "- Tổng thiệt hại: 12.000.000 đồng\n"
    "- Được hỗ trợ: 4.000.000 đồng\n"
    "2. Khoản chi trên 5.000.000 đồng phải có hợp đồng.\n"
)


def test_thresholds_and_example_figures_are_no_amounts(tmp_path: Path) -> None:
    report = _check_text(tmp_path, _RULES)
    col = _RULES.splitlines()[3].index("2.000.000") + 1
    # one note for the document, no sum, no unchecked amount, no error
    assert _coded(report) == [("LEGAL_FIGURES_SKIPPED", "info", 4, col)]
    note = report.findings[0]
    assert note.args == {"count": 11}
    assert report.plan.amounts_found == 0
    assert report.plan.items == ()


def test_a_threshold_sentence_in_a_plan_leaves_its_verdict_alone(tmp_path: Path) -> None:
    from plancheck.projection import VerdictKind, project

    text = (
        "KẾ HOẠCH\nIV. KINH PHÍ\nTổng kinh phí: 30 triệu đồng\n"
        "1. Thuê xe: 3 chuyến x 4 triệu đồng = 12 triệu đồng\n"
        "2. Tài liệu: 60 bộ x 0,3 triệu đồng = 18 triệu đồng\n"
        "Các khoản chi từ 5 triệu đồng trở lên phải có hợp đồng; mỗi khoản chi tiếp khách không vượt quá "
        "2 triệu đồng.\n"
    )
    report = _check_text(tmp_path, text)
    assert _coded(report) == [("LEGAL_FIGURES_SKIPPED", "info", 6, 18)]
    assert report.plan.amounts_found == 3
    assert project(report).verdict.kind is VerdictKind.OK


_BREAKDOWNS = (
    "KẾ HOẠCH TẬP HUẤN\n"
    "IV. KINH PHÍ THỰC HIỆN\n"
    "Tổng kinh phí: 12.000.000 đồng, gồm:\n"
    "a) Tập huấn: 30 người x 100.000 đồng = 3.000.000 đồng; tài liệu 30 bộ x 50.000 đồng = 1.500.000 đồng"
    ". Tổng cộng là: 4.500.000 đồng. Theo mức mới: 30 người x 120.000 đồng = 3.600.000 đồng.\n"
    "b) Hội nghị sơ kết: 5.500.000 đồng\n"
    "c) Khen thưởng: 10 suất x 200.000 đồng = 2.000.000 đồng\n"
    "d) Phân kỳ:\n"
    "- Năm 2025: 5.000.000 đồng\n"
    "- Năm 2026: {y2026} đồng\n"
)


def test_a_running_total_and_a_second_breakdown_by_year(tmp_path: Path) -> None:
    from plancheck.projection import VerdictKind, project

    text = _BREAKDOWNS.format(y2026="7.000.000")
    report = _check_text(tmp_path, text)
    col = text.splitlines()[3].index("30 người x 120.000") + 1
    assert _coded(report) == [("PARTS_AFTER_TOTAL", "warning", 4, col)]
    shown = project(report)
    assert shown.verdict.kind is VerdictKind.OK
    sums = [(s.kind, s.stated, s.computed, s.ok) for s in shown.sums]
    assert ("section", Decimal(4_500_000), Decimal(4_500_000), True) in sums  # a): the lines before its total
    assert [s for s in sums if s[0] == "alternative"] == [
        ("alternative", Decimal(12_000_000), Decimal(12_000_000), True),  # a)–c)
        ("alternative", Decimal(12_000_000), Decimal(12_000_000), True),  # d) by year
    ]
    # the product after the running total is still checked
    assert [r.line.stated.value for r in report.evaluation.lines()] == [
        Decimal(3_000_000),
        Decimal(1_500_000),
        Decimal(3_600_000),
        Decimal(2_000_000),
    ]


def test_a_second_breakdown_that_does_not_add_up_is_its_own_error(tmp_path: Path) -> None:
    report = _check_text(tmp_path, _BREAKDOWNS.format(y2026="6.000.000"))
    # d) by year is checked against the total it breaks down (stated on line 3), not added to a)–c)
    found = [(f.code, f.source.line, f.args.get("number"), f.expected, f.actual) for f in error_list(report)]
    assert found == [("SECTION_SUM_MISMATCH", 3, "d", Decimal(11_000_000), Decimal(12_000_000))]


def test_a_total_of_classes_written_before_its_amount_is_still_a_total(tmp_path: Path) -> None:
    text = (
        "KẾ HOẠCH\nIV. KINH PHÍ\n"
        "1. Lớp tin học: 2 lớp x 15 triệu đồng = 30 triệu đồng\n"
        "2. Lớp ngoại ngữ: 1 lớp x 15 triệu đồng = 15 triệu đồng\n"
        "Tổng cộng 3 lớp: {total} triệu đồng\n"
    )
    assert _coded(_check_text(tmp_path, text.format(total="45"))) == []
    report = _check_text(tmp_path, text.format(total="40"))
    assert [e[:4] for e in errors(report)] == [("TOTAL_MISMATCH", 5, Decimal(45), Decimal(40))]


def test_for_instance_in_a_list_is_no_worked_example(tmp_path: Path) -> None:
    text = (
        "KẾ HOẠCH\nIV. KINH PHÍ\nTổng kinh phí: 20 triệu đồng\n"
        "1. Mua thiết bị, ví dụ như máy chiếu: 12 triệu đồng\n"
        "2. Sửa chữa phòng học: 8 triệu đồng\n"
    )
    report = _check_text(tmp_path, text)
    assert _coded(report) == []
    assert report.evaluation.total.ok is True
    # an example opened in an item does not run into the next numbered item
    example = text.replace("máy chiếu: 12 triệu đồng", "máy chiếu: 12 triệu đồng. Ví dụ: 2 máy x 6 triệu đồng")
    col = example.splitlines()[3].index("6 triệu") + 1
    assert _coded(_check_text(tmp_path, example)) == [("LEGAL_FIGURES_SKIPPED", "info", 4, col)]


# --- properties: many shapes of the same forms ---------------------------------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from budget.numbers import format_vn  # noqa: E402

_THRESHOLD_FORMS = [
    "Khoản chi từ {x} đồng trở lên phải có hợp đồng.",
    "Mỗi lần tiếp khách chi không quá {x} đồng.",
    "Mức hỗ trợ tối đa {x} đồng.",
    "Thiệt hại dưới {x} đồng không được hỗ trợ.",
    "Giá trị trên {x} đồng phải đấu thầu.",
    "Chi từ {x} đồng đến {y} đồng phải có ý kiến thủ trưởng.",
    "Ví dụ: ông C đã chi {x} đồng, còn lại {y} đồng.",
]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(st.integers(min_value=1, max_value=50), min_size=1, max_size=5),
    st.lists(
        st.tuples(st.sampled_from(_THRESHOLD_FORMS), st.integers(1, 10**9), st.integers(1, 10**9)),
        min_size=1,
        max_size=4,
    ),
    st.booleans(),
)
def test_threshold_sentences_never_change_a_plans_sums(
    tmp_path: Path, counts: list[int], rules: list[tuple[str, int, int]], wrong: bool
) -> None:
    """A plan with rules stated around it: the rules' figures are never parts, totals or unread."""
    lines = [
        f"{i}. Khoản {i}: {n} suất x 100.000 đồng = {format_vn(Decimal(n * 100_000))} đồng"
        for i, n in enumerate(counts, 1)
    ]
    total = sum(counts) * 100_000 + (100_000 if wrong else 0)
    rule_lines = [form.format(x=format_vn(Decimal(x)), y=format_vn(Decimal(y))) for form, x, y in rules]
    text = "KẾ HOẠCH\nIV. KINH PHÍ\nTổng kinh phí: " + format_vn(Decimal(total)) + " đồng\n"
    text += "\n".join(lines) + "\nQuy định chi:\n" + "\n".join(rule_lines) + "\n"
    report = _check_text(tmp_path, text)
    skipped = sum(len(re.findall(r"[0-9] đồng", rule)) for rule in rule_lines)
    assert [(f.code, f.args) for f in report.findings if f.code == "LEGAL_FIGURES_SKIPPED"] == [
        ("LEGAL_FIGURES_SKIPPED", {"count": skipped})
    ]
    assert [f for f in report.findings if f.code == "UNCHECKED_AMOUNT"] == []
    assert report.plan.amounts_found == 1 + len(counts)  # the total and each product's result
    assert [e[:4] for e in errors(report)] == (
        [("TOTAL_MISMATCH", 3, Decimal(total - 100_000), Decimal(total))] if wrong else []
    )


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(st.integers(min_value=3, max_value=90), min_size=2, max_size=5),  # at least 6: room for 4 years
    st.integers(min_value=2, max_value=4),
    st.data(),
)
def test_a_total_broken_down_again_by_year(tmp_path: Path, parts: list[int], years: int, data: st.DataObject) -> None:
    """Items a), b)... that add up to the total, then a last group giving the same total by
    year: each breakdown is checked on its own; a year off by one is that group's error."""
    total = sum(parts)
    cuts = sorted(data.draw(st.lists(st.integers(1, total - 1), min_size=years - 1, max_size=years - 1, unique=True)))
    shares = [b - a for a, b in zip([0, *cuts], [*cuts, total], strict=True)]
    off = data.draw(st.booleans())
    letters = "abcdeg"

    def dong(n: int) -> str:
        return format_vn(Decimal(n * 100_000)) + " đồng"  # whole đồng: no rounding to allow for

    text = f"KẾ HOẠCH\nIV. KINH PHÍ\nTổng kinh phí: {dong(total)}, gồm:\n"
    text += "".join(f"{letters[i]}) Khoản {i + 1}: {dong(p)}\n" for i, p in enumerate(parts))
    text += f"{letters[len(parts)]}) Phân kỳ thực hiện:\n"
    text += "".join(f"- Năm {2025 + k}: {dong(s + (1 if off and k == 0 else 0))}\n" for k, s in enumerate(shares))
    report = _check_text(tmp_path, text)
    group = letters[len(parts)]
    expected = (
        [("SECTION_SUM_MISMATCH", 3, group, Decimal((total + 1) * 100_000), Decimal(total * 100_000))] if off else []
    )
    found = [(f.code, f.source.line, f.args.get("number"), f.expected, f.actual) for f in error_list(report)]
    assert found == expected
    assert [f.code for f in report.findings if f.code in ("TOTAL_MISMATCH", "UNCHECKED_AMOUNT")] == []


def test_words_that_fold_like_thresholds_are_not_thresholds(tmp_path: Path) -> None:
    # "quý tư" (fourth quarter) folds like "từ" (from): only "từ" bounds a rule
    text = "KẾ HOẠCH\nIV. KINH PHÍ\nTổng kinh phí: 9 triệu đồng\n1. Chi quý tư 9 triệu đồng\n"
    report = _check_text(tmp_path, text)
    assert _coded(report) == []
    assert report.evaluation.total.ok is True


def test_a_section_without_number_is_named_by_its_title_cut_at_fifty_characters() -> None:
    where = Source("p.txt", 1, 1, None, "")
    assert section_name(Section("2.1", "Chi tổ chức", where)) == "2.1"
    assert section_name(Section("", "x" * 50, where)) == "“" + "x" * 50 + "”"
    assert section_name(Section("", "x" * 51, where)) == "“" + "x" * 49 + "…”"


_WORDS_PLAN = (
    "KẾ HOẠCH\n"
    "IV. KINH PHÍ\n"
    "Tổng kinh phí: 3.300.000 đồng{total_words}\n"
    "1. Giấy vẽ, màu: 60 bộ x 35.000 đồng = 2.100.000 đồng (Bằng chữ: Hai triệu đồng)\n"
    "2. Giải thưởng: 12 giải x 100.000 đồng = 1.200.000 đồng\n"
    "{note}"
)


def _words(tmp_path: Path, total_words: str, note: str) -> list[tuple[str, int | None, str]]:
    path = tmp_path / "plan.txt"
    path.write_text(_WORDS_PLAN.format(total_words=total_words, note=note), encoding="utf-8")
    return [(f.code, f.source.line, f.message) for f in check_file(path).findings if f.code.startswith("WORDS_")]


def test_words_after_unread_words_are_still_checked(tmp_path: Path) -> None:
    # the first words do not read as one amount; the line's words below are still compared
    assert _words(tmp_path, " (Bằng chữ: Bảy tám triệu đồng)", "") == [
        (
            "WORDS_UNREADABLE",
            3,
            "Số tiền bằng chữ “Bảy tám triệu đồng” không đọc được thành một số duy nhất (cách nói tắt có hai nghĩa "
            "hoặc viết sai); chưa đối chiếu được với số ghi bằng số.",
        ),
        (
            "WORDS_MISMATCH",
            4,
            "Số tiền bằng chữ “Hai triệu đồng” là 2.000.000 đồng, nhưng số ghi bằng số là 2.100.000 đồng; hai cách "
            "ghi phải là một số.",
        ),
    ]


def test_words_after_words_beside_no_figure_are_still_checked(tmp_path: Path) -> None:
    note = (
        "Ghi chú chung\n"
        "Bằng chữ: Ba triệu bốn trăm nghìn đồng\n"
        "\n"
        "Tổng cộng: 3.300.000 đồng (Bằng chữ: Ba triệu hai trăm nghìn đồng)\n"
    )
    assert [(code, line) for code, line, _ in _words(tmp_path, "", note)] == [
        ("WORDS_MISMATCH", 4),
        ("WORDS_NOT_CHECKED", 7),
        ("WORDS_MISMATCH", 9),
    ]


def test_a_missing_total_is_noted_at_the_first_item_in_its_unit(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    for text, summed in (
        ("I. Chi tổ chức: 100 nghìn đồng\nII. Chi khác: 50 nghìn đồng\n", "150 nghìn đồng"),
        ("- Khoản B: 2 người x 25.000 đồng/người = 50.000 đồng\n- Khoản A: 100.000 đồng\n", "150.000 đồng"),
        (
            "- Khoản B: 2 người x 25.000 đồng/người = 50.000 đồng\n"
            "- Khoản C: 4 người x 25.000 đồng/người = 100.000 đồng\n",
            "150.000 đồng",
        ),
    ):
        path.write_text(text, encoding="utf-8")
        findings = check_file(path).findings
        assert [(f.severity.value, f.source.line, f.message) for f in findings if f.code == "TOTAL_MISSING"] == [
            ("info", 1, f"Không thấy dòng tổng kinh phí; cộng các mục được {summed}.")
        ]


def test_a_section_after_one_stated_twice_is_still_checked(tmp_path: Path) -> None:
    text = (
        "I. Chi A: 1.100 triệu đồng\n"
        "1. Mục A1: 1.000 triệu đồng\n"
        "- Khoản x: 10 người x 100 triệu đồng/người = 1.000 triệu đồng\n"
        "II. Chi B: 250 triệu đồng\n"
        "1. Mục B1: 100 triệu đồng\n"
        "2. Mục B2: 100 triệu đồng\n"
    )
    path = tmp_path / "plan.txt"
    path.write_text(text, encoding="utf-8")
    assert [(f.code, f.source.line) for f in check_file(path).findings if f.is_error] == [
        ("FIGURE_STATED_TWICE", 1),
        ("SECTION_SUM_MISMATCH", 4),
    ]


def test_units_of_a_line_after_one_without_money(tmp_path: Path) -> None:
    text = (
        "- Khoản A: 10 người x 5 triệu đồng/người = 50\n"
        "- Khoản B: 2 người x 3 ngày x 100.000 đồng/người = 600.000 đồng\n"
    )
    path = tmp_path / "plan.txt"
    path.write_text(text, encoding="utf-8")
    (f,) = [f for f in check_file(path).findings if f.code.startswith("UNIT_")]
    assert (f.code, f.source.line, dict(f.args)) == (
        "UNIT_RESIDUAL",
        2,
        {"product": "đồng·ngày", "unit": "đồng", "residual": "ngày", "per": "", "extra": "ngày"},
    )


def test_years_and_months_mixed_in_a_products_units(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_text("- Lương: 2 người x 12 tháng x 24 triệu đồng/người/năm = 48 triệu đồng\n", encoding="utf-8")
    report = check_file(path)
    # 12 months at 24 triệu a year are 24 triệu: two people, 48 triệu, as written
    assert [f for f in report.findings if f.severity is not Severity.INFO] == []
    (f,) = [f for f in report.findings if f.code.startswith("UNIT_")]
    assert (f.source.col, f.args["factor"]) == (10, Fraction(1, 12))
    assert_message(
        f,
        "UNIT_TIME_CONVERTED",
        "Đơn vị có cả năm và tháng: tích các thừa số đã được nhân thêm 1/12 (1 năm = 12 tháng) để ra triệu đồng.",
        en="Years and months are mixed: the product was multiplied by 1/12 (1 year = 12 months) to give triệu đồng.",
    )
    assert report.evaluation.lines()[0].computed == Decimal(48)


def test_a_product_of_months_and_a_yearly_rate_stated_unconverted_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_text("- Lương: 2 người x 12 tháng x 24 triệu đồng/người/năm = 576 triệu đồng\n", encoding="utf-8")
    report = check_file(path)
    (f,) = [f for f in report.findings if f.severity is Severity.ERROR]
    assert (f.code, f.source.col, f.expected, f.actual) == ("PRODUCT_MISMATCH", 57, Decimal(48), Decimal(576))
    assert f.message == (
        "Phép nhân không khớp: 2 × 12 × 24 × 1/12 (1 năm = 12 tháng) = 48 triệu đồng, nhưng văn bản ghi 576 triệu "
        "đồng (chênh lệch 528 triệu đồng)."
    )
    assert f.cause is not None and f.cause.code == "CAUSE_TIME_UNIT"
    assert_message(
        f.cause,
        "CAUSE_TIME_UNIT",
        "Chưa đổi tháng ra năm thì tích được đúng 576 triệu đồng: có thể mức ghi theo năm mà thực ra theo tháng "
        "(hoặc ngược lại).",
        en="Without converting months to years the product is exactly 576 triệu đồng: the rate may be per month "
        "where it says per year (or the reverse).",
    )


def test_a_loose_line_names_the_number_left_aside(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_text("- Thuê hội trường (04 đợt): 80.000 đồng/đợt x 3 đợt = 250.000 đồng\n", encoding="utf-8")
    (f,) = check_file(path).findings
    assert (f.code, f.severity.value, f.source.col, f.message) == (
        "COSTLINE_LOOSE",
        "warning",
        20,
        "Phép tính 80.000 × 3 = 240.000 đồng không khớp với 250.000 đồng ghi trong văn bản, nhưng câu còn số “04” "
        "chưa rõ có phải là một thừa số hay không; dòng này chưa được kiểm tra.",
    )


def test_units_of_a_line_after_one_of_bare_numbers(tmp_path: Path) -> None:
    text = "- Khoản A: 10 x 5 = 50 triệu đồng\n- Khoản B: 2 người x 3 ngày x 100.000 đồng/người = 600.000 đồng\n"
    path = tmp_path / "plan.txt"
    path.write_text(text, encoding="utf-8")
    assert [(f.code, f.source.line) for f in check_file(path).findings if f.severity.value == "warning"] == [
        ("NO_MONEY_FACTOR", 1),
        ("UNIT_RESIDUAL", 2),
    ]


def _found(tmp_path: Path, text: str) -> list[tuple[str, int | None, int | None, str | None]]:
    """Each finding but the unit ones as (code, line, column, code of its cause)."""
    path = tmp_path / "plan.txt"
    path.write_text(text, encoding="utf-8")
    return [
        (f.code, f.source.line, f.source.col, f.cause.code if f.cause else None)
        for f in check_file(path).findings
        if not f.code.startswith("UNIT_")
    ]


def test_words_after_words_that_agree_are_still_compared(tmp_path: Path) -> None:
    assert _words(tmp_path, " (Bằng chữ: Ba triệu ba trăm nghìn đồng)", "") == [
        (
            "WORDS_MISMATCH",
            4,
            "Số tiền bằng chữ “Hai triệu đồng” là 2.000.000 đồng, nhưng số ghi bằng số là 2.100.000 đồng; hai cách "
            "ghi phải là một số.",
        )
    ]


def test_a_section_after_one_within_rounding_is_still_compared(tmp_path: Path) -> None:
    text = (
        "NGHỊ QUYẾT\nĐiều 2. Phân bổ dự toán\n"
        "Tổng dự toán chi: 7.432 triệu đồng, gồm:\n"
        "- Chi thường xuyên chưa phân bổ: 5.432 triệu đồng; bao gồm:\n"
        "+ Kinh phí sự nghiệp giáo dục: 1.201 triệu đồng\n"
        "+ Kinh phí sự nghiệp y tế: 3.100 triệu đồng\n"
        "+ Kinh phí quản lý hành chính: 1.130 triệu đồng\n"
        "- Chi đầu tư phát triển: 2.000 triệu đồng; bao gồm:\n"
        "+ Dự án A: 1.000 triệu đồng\n"
        "+ Dự án B: 900 triệu đồng\n"
    )
    assert _found(tmp_path, text) == [("SECTION_SUM_ROUNDING", 4, 34, None), ("SECTION_SUM_MISMATCH", 8, 26, None)]


def test_no_factor_is_named_when_it_would_have_to_be_zero(tmp_path: Path) -> None:
    # the next step confirms the 0, but no count of 3 đợt "should be 0": some factor is wrong
    text = "- Khoản A: 2 người x 100.000 đồng/người = 200.000 đồng x 3 đợt = 0 đồng x 2 năm = 0 đồng\n"
    assert _found(tmp_path, text) == [("PRODUCT_MISMATCH", 1, 66, "CAUSE_SOME_FACTOR")]


def test_a_section_with_a_wrong_part_is_not_blamed_on_its_own_figure(tmp_path: Path) -> None:
    # 110 + 150 is not 300, and the 110 is itself wrong: which figure is off is not guessed
    text = (
        "KẾ HOẠCH\n1. Khoản A: 300 triệu đồng\n"
        "- Mục a: 2 lớp x 50 triệu đồng/lớp = 110 triệu đồng\n- Mục b: 150 triệu đồng\n"
        "2. Khoản B: 100 triệu đồng\n"
    )
    assert _found(tmp_path, text) == [
        ("TOTAL_MISSING", 2, None, None),
        ("SECTION_SUM_MISMATCH", 2, 13, None),
        ("PRODUCT_MISMATCH", 3, 38, None),
        ("UNCHECKED_AMOUNT", 5, 13, None),
    ]


def test_a_share_beside_a_cost_line_leaves_no_figure_unchecked(tmp_path: Path) -> None:
    # 5% of the line's 20 triệu is the 1 triệu of ``Dự phòng``: every figure is used, nothing to report
    text = (
        "KẾ HOẠCH\nTổng kinh phí: 21 triệu đồng\n"
        "1. Khoản A: 2 lớp x 10 triệu đồng/lớp = 20 triệu đồng\n2. Dự phòng (5%): 1 triệu đồng\n"
    )
    assert _found(tmp_path, text) == []


def _all_found(tmp_path: Path, text: str) -> list[tuple[str, int | None, int | None]]:
    path = tmp_path / "plan.txt"
    path.write_text(text, encoding="utf-8")
    return [(f.code, f.source.line, f.source.col) for f in check_file(path).findings]


def test_a_figure_after_a_cost_line_with_nothing_to_check_it_is_unchecked(tmp_path: Path) -> None:
    # the line and ``Khoản B`` stand side by side under a heading without a figure: nothing adds them up
    text = "KẾ HOẠCH\n1. Khoản A\n- Chi: 3 người x 100.000 đồng/người = 300.000 đồng\n- Khoản B: 60.000 đồng\n"
    assert _all_found(tmp_path, text) == [("TOTAL_MISSING", 2, None), ("UNCHECKED_AMOUNT", 4, 12)]


def test_the_units_of_a_line_after_one_without_money_are_still_checked(tmp_path: Path) -> None:
    text = "KẾ HOẠCH\n- Khoản A: 3 người x 20 giờ = 60 đồng\n- Khoản B: 3 người x 100 lớp x 2 đồng/người = 600 đồng\n"
    assert _all_found(tmp_path, text) == [
        ("NO_MONEY_FACTOR", 2, 12),
        ("TOTAL_MISSING", 2, 12),
        ("UNIT_NOT_MONEY", 2, 12),
        ("UNIT_RESIDUAL", 3, 22),
    ]


def test_a_chain_step_after_one_within_rounding_is_still_compared(tmp_path: Path) -> None:
    # 639 x 0,5 = 319,5 written 320 (rounded), then 320 x 2 = 640, not 650
    text = "KẾ HOẠCH\n- Khoản A: 639 bộ x 0,5 triệu đồng/bộ = 320 triệu đồng x 2 đợt = 650 triệu đồng\n"
    assert _all_found(tmp_path, text) == [
        ("PRODUCT_ROUNDING", 2, 41),
        ("UNIT_RESIDUAL", 2, 58),
        ("PRODUCT_MISMATCH", 2, 66),
    ]


def test_a_line_after_a_loose_line_is_still_compared(tmp_path: Path) -> None:
    text = (
        "KẾ HOẠCH\n- Học sinh nhóm 5 trường A: 30 em x 200.000 đồng/em = 6.100.000 đồng\n"
        "- Khoản B: 3 người x 100.000 đồng/người = 400.000 đồng\n"
    )
    assert _all_found(tmp_path, text) == [
        ("COSTLINE_LOOSE", 2, 17),
        ("TOTAL_MISSING", 2, 29),
        ("PRODUCT_MISMATCH", 3, 43),
    ]


def test_a_wrong_line_without_a_label_is_named_by_the_first_40_characters_after_its_result(tmp_path: Path) -> None:
    text = (
        "KẾ HOẠCH\nTổng kinh phí: 320 triệu đồng\n1. Khoản A: 320 triệu đồng\n"
        "2 lớp x 10 triệu đồng/lớp = 30 triệu đồng, thiết bị dạy học cho hai lớp học mới của trường\n"
        "- Mua sắm bàn ghế: 300 triệu đồng\n"
    )
    path = tmp_path / "plan.txt"
    path.write_text(text, encoding="utf-8")
    (f,) = [f for f in check_file(path).findings if f.code == "SECTION_SUM_MISMATCH"]
    assert f.cause is not None and (f.cause.code, f.cause.message) == (
        "CAUSE_CHILD_LINE",
        "Nhiều khả năng do dòng 4 (thiết bị dạy học cho hai lớp học mới của): ghi 30 triệu đồng nhưng phép nhân cho "
        "20 triệu đồng; với 20 triệu đồng thì tổng khớp.",
    )


def test_a_sum_that_agrees_settles_the_readings_of_its_parts(tmp_path: Path) -> None:
    """Parts written with a dot for decimals (``1.5``) under a subtotal they add up to exactly:
    the sum settles them (one note); under a subtotal that agrees only within rounding, the part
    keeps its warning."""
    text = (
        "III. KINH PHÍ\n"
        "1. Tiền ăn một ngày: 17 nghìn đồng\n"
        "- Tiền gạo: 1.5 nghìn đồng\n"
        "- Thực phẩm: 15.5 nghìn đồng\n"
        "2. Tiền nước: 3 nghìn đồng\n"
        "- Nước uống: 2.5 nghìn đồng\n"
        "- Nước rửa: 1 nghìn đồng\n"
    )
    path = tmp_path / "phan.txt"
    path.write_text(text, encoding="utf-8")
    report = check_file(path)
    said = [(f.code, f.source.line, f.args["text"]) for f in report.findings if f.code.startswith("NUMBER_")]
    assert said == [("NUMBER_SETTLED", 3, "1.5"), ("NUMBER_AMBIGUOUS", 6, "2.5")]
    settled = next(f for f in report.findings if f.code == "NUMBER_SETTLED")
    assert (settled.args["count"], settled.message_key) == (2, "NUMBER_SETTLED.many")


def test_a_total_of_lines_whose_results_name_no_money_is_shown_in_the_unit_assumed(tmp_path: Path) -> None:
    """A result written without its unit is taken as đồng (RESULT_NO_UNIT says so): the total
    of such lines is shown in đồng too, not as 0,132 triệu đồng."""
    path = tmp_path / "sua.txt"
    path.write_text("- Sữa: 22 ngày x 3.000 đồng/ngày = 66.000\n- Bánh: 22 ngày x 3.000 đồng/ngày = 66.000\n")
    report = check_file(path)
    total = report.evaluation.total
    assert (total.money.name, total.children_sum) == ("đồng", Decimal(132000))
    assert [f.code for f in report.findings if f.severity is Severity.WARNING] == ["RESULT_NO_UNIT", "RESULT_NO_UNIT"]


def test_money_rates_standing_alone_are_never_passed_over(tmp_path: Path) -> None:
    """A yearly figure broken into yearly parts (``đồng/năm``) that do not add up: rates are no
    amounts and are never summed, but they are never passed over either, so the plan is not
    KHỚP: each rate is reported as not checked, with its unit as written."""
    text = (
        "III. KINH PHÍ\n"
        "1. Kinh phí duy trì hệ thống: 1.500.000.000 đồng/năm, trong đó:\n"
        "- Thuê đường truyền: 1.000.000.000 đồng/năm;\n"
        "- Bảo trì: 600.000.000 đồng/năm.\n"
        "2. Tập huấn: 10 người x 2.000.000 đồng/người = 20.000.000 đồng\n"
    )
    path = tmp_path / "nam.txt"
    path.write_text(text, encoding="utf-8")
    report = check_file(path)
    assert errors(report) == []
    unchecked = [f for f in report.findings if f.code == "UNCHECKED_AMOUNT"]
    assert [(f.source.line, f.args["value"], f.args["unit"]) for f in unchecked] == [
        (2, Decimal(1500000000), "đồng/năm"),
        (3, Decimal(1000000000), "đồng/năm"),
        (4, Decimal(600000000), "đồng/năm"),
    ]
    assert_message(
        unchecked[1],
        "UNCHECKED_AMOUNT",
        "Số tiền 1.000.000.000 đồng/năm không thuộc phép tính, tổng mục hay khoản nào đã đọc được; số này chưa "
        "được kiểm tra.",
        en="The amount 1,000,000,000 đồng/năm belongs to no computation, section or item that was read; it was not "
        "checked.",
    )
    assert report.evaluation.total.children_sum == Decimal(20000000)  # the rates are in no sum


def test_a_rate_a_computation_applies_is_the_norm_it_was_checked_with(tmp_path: Path) -> None:
    """``Mức thu: 90.000 đồng/tháng`` above products that multiply by 90.000 đồng: the rate is
    what they apply, checked with them; a rate no computation applies is still reported."""
    text = (
        "III. DỰ TOÁN THU\n"
        "Mức thu: 90.000 đồng/tháng\n"
        "Mức hỗ trợ thêm: 15.000 đồng/tháng\n"
        "1. Khối 4 tuổi: 40 trẻ x 90.000 đồng/tháng x 9 tháng = 32.400.000 đồng\n"
        "2. Khối 5 tuổi: 30 trẻ x 90.000 đồng/tháng x 9 tháng = 24.300.000 đồng\n"
    )
    path = tmp_path / "muc-thu.txt"
    path.write_text(text, encoding="utf-8")
    report = check_file(path)
    assert errors(report) == []
    unchecked = [(f.source.line, f.args["value"]) for f in report.findings if f.code == "UNCHECKED_AMOUNT"]
    assert unchecked == [(3, Decimal(15000))]


@pytest.mark.parametrize(
    ("rates", "units"),
    [
        # ``6,4 tỷ đồng/năm/Liên hiệp HTX``: the capitalised word starts a name; an abbreviation
        # (``/HTX/năm``) and a space after the slash (``/ tháng``) are units
        (
            "Doanh thu bình quân 6,4 tỷ đồng/năm/Liên hiệp HTX; lãi 280 triệu đồng/HTX/năm; phí 90.000đ/ tháng.",
            ["tỷ đồng/năm", "triệu đồng/HTX/năm", "đồng/tháng"],
        ),
        # ``đồng/học sinh/tháng``: a noun of two words whole, its space kept; ``đồng/tháng cho ...``:
        # the words after the unit are no part of it
        (
            "Mức hỗ trợ 300.000 đồng/học sinh/tháng, 9 tháng; mức ăn 25.000 đồng/ngày cho trẻ; "
            "phí 90.000 đồng/tháng và",
            ["đồng/học sinh/tháng", "đồng/ngày", "đồng/tháng"],
        ),
    ],
)
def test_a_rates_unit_is_as_far_as_it_names_units(tmp_path: Path, rates: str, units: list[str]) -> None:
    path = tmp_path / "rates.txt"
    path.write_text(
        f"III. KINH PHÍ\n{rates}\n1. Tập huấn: 10 người x 2.000.000 đồng/người = 20.000.000 đồng\n", encoding="utf-8"
    )
    assert [f.args["unit"] for f in check_file(path).findings if f.code == "UNCHECKED_AMOUNT"] == units


def test_unit_doubts_are_warnings_unless_strict_is_asked(tmp_path: Path) -> None:
    """``run_checks`` says a unit left over as a warning by default; ``strict_units`` (the
    command's ``--strict-units``) makes it an error."""
    from budget.checks import run_checks
    from budget.evaluate import evaluate

    text = "KẾ HOẠCH\n- Khoản A: 20 người x 10.000 đồng/người/ngày = 200.000 đồng\n"
    path = tmp_path / "plan.txt"
    path.write_text(text, encoding="utf-8")
    plan = check_file(path).plan
    ev = evaluate(plan)
    said = {f.code: f.severity for f in run_checks(ev) if f.code == "UNIT_RESIDUAL"}
    strict = {f.code: f.severity for f in run_checks(ev, strict_units=True) if f.code == "UNIT_RESIDUAL"}
    assert (said, strict) == ({"UNIT_RESIDUAL": Severity.WARNING}, {"UNIT_RESIDUAL": Severity.ERROR})


def test_a_new_count_word_is_said_once_where_it_first_counts(tmp_path: Path) -> None:
    """``vận động viên`` counted and in the rate's ``/vận động viên``: one note, at the count."""
    text = "KẾ HOẠCH\n- Khoản B: 30 vận động viên x 200.000 đồng/vận động viên = 6.000.000 đồng\n"
    assert _all_found(tmp_path, text) == [("UNIT_NEW_COUNT", 2, 12)]


def test_a_time_converted_product_wrong_for_another_reason_names_no_time_cause(tmp_path: Path) -> None:
    """``2 người x 6 tháng x 24 triệu đồng/người/năm`` is 24 triệu đồng; written 30 it is no yearly
    figure taken for a monthly one (that would be 288): the time-unit cause is not named."""
    path = tmp_path / "t.txt"
    path.write_text(
        "KẾ HOẠCH\n- Phụ cấp: 2 người x 6 tháng x 24 triệu đồng/người/năm = {r} triệu đồng\n".format(r="30")
    )
    (f,) = [f for f in check_file(path).findings if f.code == "PRODUCT_MISMATCH"]
    assert (f.expected, f.actual) == (Decimal(24), Decimal(30))
    assert f.cause is None or f.cause.code != "CAUSE_TIME_UNIT"
    path.write_text("KẾ HOẠCH\n- Phụ cấp: 2 người x 6 tháng x 24 triệu đồng/người/năm = 288 triệu đồng\n")
    (f,) = [f for f in check_file(path).findings if f.code == "PRODUCT_MISMATCH"]
    assert f.cause is not None and f.cause.code == "CAUSE_TIME_UNIT"


def test_a_product_left_per_something_says_what_it_is_per(tmp_path: Path) -> None:
    path = tmp_path / "t.txt"
    path.write_text("KẾ HOẠCH\n- Tập huấn: 20 người x 150.000 đồng/người/ngày = 3.000.000 đồng\n", encoding="utf-8")
    (f,) = [f for f in check_file(path).findings if f.code == "UNIT_RESIDUAL"]
    assert f.message == (
        "Đơn vị các thừa số chưa ra đúng đồng: tích ra đồng/ngày, tức là còn tính theo mỗi ngày. Hãy kiểm tra xem "
        "có thiếu số ngày không, hoặc thừa số được chỉ dưới đây ghi nhầm đơn vị."
    )


@pytest.mark.parametrize(
    ("text", "code", "at", "expected"),
    [
        (
            "Tổng kinh phí: 700 triệu đồng\n1. Tổ chức hội thi: 500 triệu đồng, gồm:\n"
            "- Thuê hội trường: 250 triệu đồng\n- Khen thưởng: 200 triệu đồng\n2. Tập huấn: 200 triệu đồng\n",
            "SECTION_SUM_MISMATCH",
            (3, 21),
            Decimal(450),
        ),
        (
            "Tổng kinh phí: 701 triệu đồng\n1. Tổ chức: 500 triệu đồng, gồm:\n- Thuê: 250 triệu đồng\n"
            "- Khen thưởng: 249,6 triệu đồng\n2. Tập huấn: 200,6 triệu đồng\n",
            "SECTION_SUM_ROUNDING",
            (3, 13),
            Decimal("499.6"),
        ),
    ],
)
def test_a_section_sum_finding_stands_at_the_sections_figure(
    tmp_path: Path, text: str, code: str, at: tuple[int, int], expected: Decimal
) -> None:
    """A section's sum, wrong or within rounding, is said at the figure the section states."""
    path = tmp_path / "t.txt"
    path.write_text("KẾ HOẠCH\n" + text, encoding="utf-8")
    (f,) = [f for f in check_file(path).findings if f.code == code]
    assert ((f.source.line, f.source.col), f.expected, f.actual) == (at, expected, Decimal(500))


def test_a_chain_step_converting_a_measure_names_the_units_it_converts(tmp_path: Path) -> None:
    """The second step goes on from 6 tấn into đồng/kg: its message names both units."""
    path = tmp_path / "t.txt"
    path.write_text("KẾ HOẠCH\n- Mua muối: 2 tấn x 3 = 6 tấn x 5.000 đồng/kg = 31.000.000 đồng\n", encoding="utf-8")
    (f,) = [f for f in check_file(path).findings if f.code == "PRODUCT_MISMATCH"]
    assert f.message == (
        "Phép nhân không khớp: 6 × 5.000 × 1.000 (quy đổi đơn vị đo: tấn, đồng/kg) = 30.000.000 đồng, nhưng văn "
        "bản ghi 31.000.000 đồng (chênh lệch 1.000.000 đồng)."
    )


@pytest.mark.parametrize(
    ("line", "said"),
    [
        # both results of a chain without a unit: each taken in đồng, from the rate the chain starts with
        (
            "- Trực: 3000đ/h x 22 ngày = 66.000 x 4 tháng = 264.000",
            [
                ("RESULT_NO_UNIT", "Kết quả 66.000 không ghi đơn vị tiền; đã coi là đồng theo thừa số tiền của dòng."),
                ("RESULT_NO_UNIT", "Kết quả 264.000 không ghi đơn vị tiền; đã coi là đồng theo thừa số tiền của dòng."),
            ],
        ),
        # a product still per two things: both named
        (
            "- Tập huấn: 20 người x 150.000 đồng/người/ngày/buổi = 3.000.000 đồng",
            [
                (
                    "UNIT_RESIDUAL",
                    "Đơn vị các thừa số chưa ra đúng đồng: tích ra đồng/buổi/ngày, tức là còn tính theo mỗi buổi, "
                    "ngày. Hãy kiểm tra xem có thiếu số buổi, ngày không, hoặc thừa số được chỉ dưới đây ghi nhầm "
                    "đơn vị.",
                )
            ],
        ),
        # a product with three counts left over: each named
        (
            "- Tập huấn: 20 người x 3 ngày x 2 buổi x 150.000 đồng = 18.000.000 đồng",
            [
                (
                    "UNIT_RESIDUAL",
                    "Đơn vị các thừa số chưa ra đúng đồng: tích ra đồng·buổi·ngày·người, tức là còn dư đơn vị buổi, "
                    "ngày, người. Hãy kiểm tra xem số buổi, ngày, người có bị nhân hai lần không, hoặc thừa số được "
                    "chỉ dưới đây ghi nhầm đơn vị.",
                )
            ],
        ),
        # one factor that is a whole difference: a computation, not a product
        (
            "- Kinh phí còn thiếu: 500 triệu đồng - 320 triệu đồng = 190 triệu đồng",
            [
                (
                    "PRODUCT_MISMATCH",
                    "Phép tính không khớp: 500 triệu đồng - 320 triệu đồng = 180 triệu đồng, nhưng văn bản ghi 190 "
                    "triệu đồng (chênh lệch 10 triệu đồng).",
                )
            ],
        ),
    ],
)
def test_what_a_line_is_said_to_be(tmp_path: Path, line: str, said: list[tuple[str, str]]) -> None:
    path = tmp_path / "t.txt"
    path.write_text("KẾ HOẠCH\n" + line + "\n", encoding="utf-8")
    assert [(f.code, f.message) for f in check_file(path).findings if f.severity.value != "info"] == said


def test_a_chain_mixing_months_and_years_is_said_at_its_first_factor(tmp_path: Path) -> None:
    path = tmp_path / "t.txt"
    path.write_text("KẾ HOẠCH\n- Trực: 2 người x 12 tháng = 24 x 2 triệu đồng/người/năm = 48 triệu đồng\n")
    (f,) = [f for f in check_file(path).findings if f.code == "UNIT_TIME_SCALE"]
    assert (f.severity.value, f.source.line, f.source.col) == ("warning", 2, 9)
    assert [f.code for f in check_file(path).findings if f.severity.value == "error"] == []
