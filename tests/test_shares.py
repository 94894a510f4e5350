"""Lump items stated as a share of the others (``Dự phòng (5%)``), in prose lists."""

from __future__ import annotations

import itertools
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from budget.api import check_file
from budget.messages import render
from budget.numbers import D, format_vn, format_vn_fixed, plain
from plancheck.pipeline import check_document


def _shares(tmp_path: Path, lines: list[str]) -> list[tuple[int | None, Decimal | None, Decimal | None]]:
    path = tmp_path / "plan.txt"
    path.write_text("KẾ HOẠCH\n" + "\n".join(lines) + "\n", encoding="utf-8")
    report = check_file(path)
    return [(f.source.line, f.expected, f.actual) for f in report.findings if f.code == "SHARE_MISMATCH"]


_LIST = [
    "III. KINH PHÍ THỰC HIỆN: {total} triệu đồng",
    "1. Sửa chữa phòng học: 820 triệu đồng",
    "2. Mua bàn ghế học sinh: 414 triệu đồng",
    "3. Chi phí dự phòng ({rate}%): {share} triệu đồng",
]


def _plan(total: str, rate: str, share: str) -> list[str]:
    return [line.format(total=total, rate=rate, share=share) for line in _LIST]


def test_share_of_the_other_items(tmp_path: Path) -> None:
    assert _shares(tmp_path, _plan("1.296", "5", "62")) == []  # 5% of 1.234 is 61,7: written 62, whole triệu
    assert _shares(tmp_path, _plan("1.297", "5", "63")) == [(5, Decimal("61.70"), Decimal(63))]


def test_share_with_a_decimal_comma_rate(tmp_path: Path) -> None:
    assert _shares(tmp_path, _plan("1.264,85", "2,5", "30,85")) == []
    assert _shares(tmp_path, _plan("1.265,85", "2,5", "31,85")) == [(5, Decimal("30.8500"), Decimal("31.85"))]


def test_share_of_the_figure_the_list_totals(tmp_path: Path) -> None:
    lines = [
        "III. KINH PHÍ THỰC HIỆN: 2.000 triệu đồng",
        "1. Xây lắp: 1.900 triệu đồng",
        "2. Trích 5% tổng kinh phí cho quản lý dự án: 100 triệu đồng",
    ]
    assert _shares(tmp_path, lines) == []


def test_percentages_that_are_not_shares(tmp_path: Path) -> None:
    lines = [
        "III. KINH PHÍ THỰC HIỆN: 900 triệu đồng",
        "1. Hỗ trợ học sinh đạt tỷ lệ chuyên cần 95%: 400 triệu đồng",
        "2. Khen thưởng: 500 triệu đồng",
    ]
    assert _shares(tmp_path, lines) == []


def test_a_share_mismatch_names_its_base_figure(tmp_path: Path) -> None:
    lines = [
        "1. Sửa chữa phòng học: 820 triệu đồng",
        "2. Mua bàn ghế học sinh: 414 triệu đồng",
        "3. Dự phòng (5%): {share} triệu đồng",
    ]
    path = tmp_path / "plan.txt"
    path.write_text("KẾ HOẠCH\n" + "\n".join(lines).format(share="65") + "\n", encoding="utf-8")
    (f,) = [f for f in check_file(path).findings if f.code == "SHARE_MISMATCH"]
    assert (f.severity.value, f.source.line, f.args["base"], f.expected, f.actual, f.message) == (
        "error",
        4,
        Decimal(1234),
        Decimal("61.7"),
        Decimal(65),
        "Khoản “Dự phòng (5%)” ghi 65 triệu đồng, nhưng 5% của các khoản còn lại (1.234 triệu đồng) "
        "là 61,7 triệu đồng.",
    )
    # written 62 (61,7 to whole triệu): a correct share, with or without a figure above the list
    assert _shares(tmp_path, [line.format(share="62") for line in lines]) == []
    assert _shares(tmp_path, ["III. KINH PHÍ: 1.296 triệu đồng", *(line.format(share="62") for line in lines)]) == []


def test_a_share_of_the_figure_above_names_that_figure(tmp_path: Path) -> None:
    lines = [
        "III. KINH PHÍ THỰC HIỆN: 2.000 triệu đồng",
        "1. Xây lắp: 1.880 triệu đồng",
        "2. Trích 5% tổng kinh phí cho quản lý dự án: 120 triệu đồng",
    ]
    path = tmp_path / "plan.txt"
    path.write_text("KẾ HOẠCH\n" + "\n".join(lines) + "\n", encoding="utf-8")
    (f,) = [f for f in check_file(path).findings if f.code == "SHARE_MISMATCH"]
    # neither 5% of the other items (94) nor of the figure above (100): the message gives the first
    assert (f.source.line, f.args["base"], f.expected, f.actual, f.message) == (
        4,
        Decimal(1880),
        Decimal(94),
        Decimal(120),
        "Khoản “Trích 5% tổng kinh phí cho quản lý dự án” ghi 120 triệu đồng, nhưng 5% của các khoản còn lại "
        "(1.880 triệu đồng) là 94 triệu đồng.",
    )


def test_shares_of_a_total_split_it(tmp_path: Path) -> None:
    lines = [
        "Tổng kinh phí: 1.000 triệu đồng",
        "1. Ngân sách tỉnh (70%): {a} triệu đồng",
        "2. Ngân sách huyện (30%): 300 triệu đồng",
    ]
    assert _shares(tmp_path, [line.format(a="700") for line in lines]) == []
    path = tmp_path / "plan.txt"
    path.write_text("KẾ HOẠCH\n" + "\n".join(lines).format(a="750") + "\n", encoding="utf-8")
    (f,) = [f for f in check_file(path).findings if f.code == "SHARE_MISMATCH"]
    assert (f.source.line, f.args["base"], f.expected, f.actual, f.message) == (
        3,
        Decimal(1000),
        Decimal(700),
        Decimal(750),
        "Khoản “Ngân sách tỉnh (70%)” ghi 750 triệu đồng, nhưng 70% của số tiền mục trên ghi (1.000 triệu đồng) "
        "là 700 triệu đồng.",
    )


def test_a_long_share_title_is_cut_in_the_message(tmp_path: Path) -> None:
    title = "Chi phí dự phòng cho các khối lượng phát sinh ngoài dự kiến của công trình (5%)"
    lines = [
        "1. Sửa chữa phòng học: 820 triệu đồng",
        "2. Mua bàn ghế học sinh: 414 triệu đồng",
        f"3. {title}: 65 triệu đồng",
    ]
    path = tmp_path / "plan.txt"
    path.write_text("KẾ HOẠCH\n" + "\n".join(lines) + "\n", encoding="utf-8")
    (f,) = [f for f in check_file(path).findings if f.code == "SHARE_MISMATCH"]
    assert f.args["title"] == "Chi phí dự phòng cho các khối lượng phát sinh ngoài dự kiến "
    assert f.message.startswith("Khoản “Chi phí dự phòng cho các khối lượng phát sinh ngoài dự kiến ” ghi 65 triệu")


def test_a_hundred_percent_is_no_share(tmp_path: Path) -> None:
    assert _shares(tmp_path, ["1. Sửa chữa phòng học: 820 triệu đồng", "2. Dự phòng (100%): 65 triệu đồng"]) == []
    assert _shares(tmp_path, ["1. Sửa chữa phòng học: 820 triệu đồng", "2. Dự phòng (99%): 65 triệu đồng"]) == [
        (3, Decimal("811.80"), Decimal(65))
    ]


# A share written after the item's amount is worked out from the amounts and rounded to its
# own last digit: ``Vốn tỉnh: 4.500 triệu đồng (24,4%)`` under a total of 18.425 (24,42%).
_AFTER = [
    "Tổng kinh phí thực hiện: 18.425 triệu đồng, trong đó:",
    "- Vốn ngân sách tỉnh: 4.500 triệu đồng ({first});",
    "- Vốn đối ứng của đơn vị: 11.925 triệu đồng ({second});",
    "- Vốn xã hội hóa: 2.000 triệu đồng (10,9%).",
]


def _after(first: str, second: str) -> list[str]:
    return [line.format(first=first, second=second) for line in _AFTER]


def _verdict(tmp_path: Path, lines: list[str]) -> tuple[list[tuple[str, int | None, int | None, str]], bool]:
    path = tmp_path / "plan.txt"
    path.write_text("KẾ HOẠCH\n" + "\n".join(lines) + "\n", encoding="utf-8")
    report = check_file(path)
    errors = [
        (f.code, f.source.line, f.source.col, str(f.actual)) for f in report.findings if f.severity.value == "error"
    ]
    return errors, report.evaluation.total.ok


def test_rates_after_the_amounts_rounded_to_their_digits_agree(tmp_path: Path) -> None:
    assert _verdict(tmp_path, _after("24,4%", "64,7%")) == ([], True)
    assert _verdict(tmp_path, _after("24.4%", "64.7%")) == ([], True)  # a dot before one digit: a decimal mark
    assert _verdict(tmp_path, _after("24%", "65%")) == ([], True)
    assert _verdict(tmp_path, _after("24,42%", "64,72%")) == ([], True)


def test_a_wrong_rate_after_an_amount_is_an_error_at_the_rate(tmp_path: Path) -> None:
    errors, _ = _verdict(tmp_path, _after("24,4%", "74,7%"))
    assert errors == [("SHARE_MISMATCH", 4, 46, "74.7")]
    errors, _ = _verdict(tmp_path, _after("34.4%", "64.7%"))
    assert errors == [("SHARE_MISMATCH", 3, 41, "34.4")]
    # one digit more than written is no slack: 24,42% written 24,5% is wrong, 24,4% is right
    errors, _ = _verdict(tmp_path, _after("24,5%", "64,7%"))
    assert errors == [("SHARE_MISMATCH", 3, 41, "24.5")]


def test_a_wrong_rate_after_an_amount_says_the_share_the_amounts_give(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_text("KẾ HOẠCH\n" + "\n".join(_after("24,4%", "74,7%")) + "\n", encoding="utf-8")
    (finding,) = [f for f in check_file(path).findings if f.code == "SHARE_MISMATCH"]
    assert finding.expected == Decimal("64.72")
    assert render(finding.message_key or finding.code, finding.args) == (
        "Khoản “Vốn đối ứng của đơn vị” ghi 11.925 triệu đồng và tỷ lệ 74,7%, nhưng 11.925 triệu đồng trên"
        " tổng 18.425 triệu đồng là 64,72%."
    )


def test_rates_after_the_amounts_of_a_list_with_no_total_split_their_sum(tmp_path: Path) -> None:
    lines = [
        "Kinh phí thực hiện do ba cấp ngân sách bảo đảm:",
        "a) Ngân sách tỉnh: 600 triệu đồng (60%);",
        "b) Ngân sách huyện: 300 triệu đồng (30%);",
        "c) Ngân sách xã: 100 triệu đồng (10%).",
    ]
    assert _verdict(tmp_path, lines)[0] == []
    lines[2] = "b) Ngân sách huyện: 300 triệu đồng (35%);"
    assert _verdict(tmp_path, lines)[0] == [("SHARE_MISMATCH", 4, 37, "35")]


def test_a_bracket_that_says_more_than_a_rate_is_no_share(tmp_path: Path) -> None:
    """``(tăng 10%)``, ``(60%) theo quy định``, ``(chiếm 42,5% chi thường xuyên)``: not the
    item's part of the list, or not the last thing it says; never judged."""
    for first in ("tăng 10%", "chiếm 90% tổng số"):
        assert _verdict(tmp_path, _after(first, "64,7%"))[0] == []
    lines = _after("90%", "64,7%")
    lines[1] = lines[1].replace(";", " theo quy định;")
    assert _verdict(tmp_path, lines)[0] == []


_MARKS = ("- ", "+ ", "a) ", "1. ")
_SOURCES = ("Ngân sách trung ương", "Ngân sách tỉnh", "Ngân sách huyện", "Vốn đối ứng", "Nguồn xã hội hóa", "Vốn vay")


@st.composite
def _splits(draw: st.DrawFn) -> tuple[list[str], list[tuple[int, int, str]]]:
    """A total split by source, each part followed by its share rounded to 0–2 places and written
    with a comma or a dot; and where each rate stands (line, column, text)."""
    # parts of three digits or more: a rate 3 points off moves a part by more than the half of
    # its last digit (a part of 1 triệu out of 2 is 50% and 53% alike, to the amount's digits)
    parts = draw(st.lists(st.integers(100, 99_999), min_size=3, max_size=5))
    whole = sum(parts)
    places = draw(st.integers(0, 2))
    dot = draw(st.booleans()) and places > 0
    mark = draw(st.sampled_from(_MARKS))
    stated_total = draw(st.booleans())
    lines = [f"Tổng kinh phí: {format_vn(Decimal(whole))} triệu đồng, trong đó:" if stated_total else "Nguồn vốn:"]
    rates = []
    for i, part in enumerate(parts):
        rate = (Decimal(part) * 100 / whole).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)
        assume(0 < rate < 100)  # a part written as 0% or 100% states no share
        written = format_vn_fixed(rate, places)
        if dot:
            written = written.replace(",", ".")
        line = f"{mark}{_SOURCES[i]}: {format_vn(Decimal(part))} triệu đồng ({written}%);"
        rates.append((len(lines) + 2, line.index(f"({written}") + 2, written))
        lines.append(line)
    return lines, rates


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(split=_splits(), which=st.integers(0, 4), by=st.sampled_from(["3", "11", "25"]))
def test_shares_after_amounts_rounded_agree_and_a_changed_one_is_named(
    tmp_path: Path, split: tuple[list[str], list[tuple[int, int, str]]], which: int, by: str
) -> None:
    lines, rates = split
    assert _verdict(tmp_path, lines)[0] == []
    line, col, written = rates[which % len(rates)]
    value = D(written.replace(".", "").replace(",", ".") if "," in written else written)
    changed = value + Decimal(by) if value + Decimal(by) < 100 else value - Decimal(by)
    if changed <= 0:
        return
    text = format_vn(changed).replace(",", ".") if "." in written else format_vn(changed)
    wrong = list(lines)
    wrong[line - 2] = wrong[line - 2].replace(f"({written}%)", f"({text}%)")
    found = [(code, at, column, plain(D(actual))) for code, at, column, actual in _verdict(tmp_path, wrong)[0]]
    assert found == [("SHARE_MISMATCH", line, col, plain(changed))]


def test_a_share_after_an_amount_is_no_target(tmp_path: Path) -> None:
    """The budget reader owns the lines of its shares: ``(24,4%)`` after an amount is its part of
    the list, never a target to track; a target in the same document still is one."""
    path = tmp_path / "plan.txt"
    lines = [*_after("24,4%", "64,7%"), "Phấn đấu đến năm 2027 có 80% trường học đạt chuẩn quốc gia."]
    path.write_text("KẾ HOẠCH\n" + "\n".join(lines) + "\n", encoding="utf-8")
    checked = check_document(path)
    assert checked.report.plan.budget_lines == frozenset({3, 4, 5})
    assert [(e.target.source.line, e.target.lower) for e in checked.targets] == [(6, Decimal(80))]


def test_a_rate_one_digit_past_half_is_wrong(tmp_path: Path) -> None:
    """4.891 of 20.000 is 24,455%: written 24,4 it is 0,055 off, past the half of its last digit."""
    lines = [
        "Tổng kinh phí thực hiện: 20.000 triệu đồng, trong đó:",
        "- Vốn ngân sách tỉnh: 4.891 triệu đồng (24,4%);",
        "- Vốn đối ứng của đơn vị: 13.109 triệu đồng (65,5%);",
        "- Vốn xã hội hóa: 2.000 triệu đồng (10%).",
    ]
    assert _verdict(tmp_path, lines)[0] == [("SHARE_MISMATCH", 3, 41, "24.4")]


def test_a_lone_item_with_a_rate_is_no_share_of_anything(tmp_path: Path) -> None:
    """No figure above it and no other item: nothing to take the rate of, so nothing is judged
    (not even said not checked: it is no share)."""
    lines = [
        "1. Kinh phí tổ chức hội thi:",
        "- Vốn ngân sách tỉnh: 4.500 triệu đồng (60%).",
        "2. Kinh phí khen thưởng: 300 triệu đồng.",
    ]
    assert _verdict(tmp_path, lines)[0] == []
    path = tmp_path / "plan.txt"
    assert [f.code for f in check_file(path).findings if f.code.startswith("SHARE")] == []


def test_two_rates_of_four_that_break_the_split_are_not_judged(tmp_path: Path) -> None:
    """Two rates that do not agree with the amounts: rates of something else, not checked."""
    lines = [
        "Tổng kinh phí: 1.000 triệu đồng, gồm:",
        "- Vốn tỉnh: 400 triệu đồng (40%);",
        "- Vốn huyện: 300 triệu đồng (35%);",
        "- Vốn xã: 200 triệu đồng (25%);",
        "- Vốn xã hội hóa: 100 triệu đồng (10%).",
    ]
    path = tmp_path / "plan.txt"
    path.write_text("KẾ HOẠCH\n" + "\n".join(lines) + "\n", encoding="utf-8")
    codes = [(f.code, f.severity.value) for f in check_file(path).findings if f.code.startswith("SHARE")]
    assert codes == [("SHARE_NOT_CHECKED", "warning")]


def test_a_wrong_rate_names_its_item_by_sixty_characters_and_is_a_percentage(tmp_path: Path) -> None:
    title = "Vốn đối ứng của đơn vị chủ trì thực hiện nhiệm vụ khoa học và công nghệ cấp tỉnh năm 2025"
    lines = [*_after("24,4%", "74,7%")]
    lines[2] = lines[2].replace("Vốn đối ứng của đơn vị", title)
    path = tmp_path / "plan.txt"
    path.write_text("KẾ HOẠCH\n" + "\n".join(lines) + "\n", encoding="utf-8")
    (finding,) = [f for f in check_file(path).findings if f.code == "SHARE_MISMATCH"]
    assert (finding.args["title"], finding.unit, finding.actual) == (title[:60], "%", Decimal("74.7"))


def test_two_rates_one_of_which_breaks_the_split_are_not_judged(tmp_path: Path) -> None:
    """Two items: ``97%`` and ``80%`` under a revenue total are rates of achievement, not shares,
    though 8.900 of 9.200 is 96,7%; which of two rates is the odd one is not known. Not checked
    (said once, at the first rate that breaks), never an error; three items or more name it."""
    lines = [
        "Tổng thu ngân sách: 9.200 tỷ đồng, gồm:",
        "- Thu nội địa: 8.900 tỷ đồng (97%);",
        "- Thu xuất nhập khẩu: 300 tỷ đồng (80%).",
    ]
    path = tmp_path / "plan.txt"
    path.write_text("KẾ HOẠCH\n" + "\n".join(lines) + "\n", encoding="utf-8")
    report = check_file(path)
    assert [(f.code, f.severity.value, f.source.line) for f in report.findings if f.code.startswith("SHARE")] == [
        ("SHARE_NOT_CHECKED", "warning", 4)
    ]


# Rates that end each item's title and split the figure above (``Ngân sách tỉnh hỗ trợ 70%``):
# every item of the list names a source of funds and ends with its rate, and the rates add up to 100.
_SPLIT_TITLES = [
    "Kinh phí mua sắm thiết bị: {whole} triệu đồng, trong đó:",
    "- Ngân sách tỉnh hỗ trợ 60%: {a} triệu đồng;",
    "- Ngân sách huyện đối ứng 25 %: {b} triệu đồng;",
    "- Vốn xã hội hóa 15%: {c} triệu đồng.",
]


def _split_titles(whole: str, a: str, b: str, c: str) -> list[str]:
    return [line.format(whole=whole, a=a, b=b, c=c) for line in _SPLIT_TITLES]


def test_rates_ending_the_titles_split_the_figure_above(tmp_path: Path) -> None:
    assert _verdict(tmp_path, _split_titles("2.400", "1.440", "600", "360")) == ([], True)
    # 60% of 2.410 is 1.446: a figure of whole triệu is right at 1.446, not at 1.440
    assert _verdict(tmp_path, _split_titles("2.410", "1.446", "602,5", "361,5"))[0] == []


def test_a_part_that_is_not_its_rate_of_the_whole_is_named(tmp_path: Path) -> None:
    """The parts still add up (1.500 + 540 + 360 = 2.400), but the province's 60% of 2.400 is
    1.440 and the district's 25% is 600: each wrong part is an error at its figure."""
    lines = _split_titles("2.400", "1.500", "540", "360")
    path = tmp_path / "plan.txt"
    path.write_text("KẾ HOẠCH\n" + "\n".join(lines) + "\n", encoding="utf-8")
    found = [f for f in check_file(path).findings if f.severity.value == "error"]
    assert [(f.code, f.source.line, f.expected, f.actual) for f in found] == [
        ("SHARE_MISMATCH", 3, Decimal(1440), Decimal(1500)),
        ("SHARE_MISMATCH", 4, Decimal(600), Decimal(540)),
    ]
    assert found[0].message == (
        "Khoản “Ngân sách tỉnh hỗ trợ 60%” ghi 1.500 triệu đồng, nhưng 60% của số tiền mục trên ghi "
        "(2.400 triệu đồng) là 1.440 triệu đồng."
    )


def test_rates_ending_titles_that_split_nothing_are_not_judged(tmp_path: Path) -> None:
    """Rates that do not add up to 100, or titles that name no source of funds (reductions whose
    rates happen to add up to 100), are no split: nothing is judged by them."""
    not_whole = [line.replace("15%", "20%") for line in _split_titles("2.400", "1.500", "540", "360")]
    assert _verdict(tmp_path, not_whole) == ([], True)
    reductions = [
        "Kinh phí miễn, giảm học phí: 900 triệu đồng, trong đó:",
        "- Học sinh hộ nghèo được giảm 70%: 500 triệu đồng;",
        "- Học sinh hộ cận nghèo được giảm 30%: 400 triệu đồng.",
    ]
    assert _verdict(tmp_path, reductions) == ([], True)


def test_rates_ending_the_titles_of_a_split_are_no_targets(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    lines = [*_split_titles("2.400", "1.440", "600", "360"), "Phấn đấu đến năm 2027 có 80% trường học đạt chuẩn."]
    path.write_text("KẾ HOẠCH\n" + "\n".join(lines) + "\n", encoding="utf-8")
    checked = check_document(path)
    assert {3, 4, 5} <= checked.report.plan.budget_lines
    assert [(e.target.source.line, e.target.lower) for e in checked.targets] == [(6, Decimal(80))]


_FUNDERS = ["Ngân sách tỉnh", "Ngân sách huyện", "Vốn đối ứng của đơn vị", "Nguồn xã hội hóa", "Ngân sách trung ương"]
_VERBS = ["hỗ trợ ", "bố trí ", "chiếm ", ""]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    cuts=st.lists(st.integers(1, 99), min_size=1, max_size=3, unique=True),
    scale=st.integers(1, 40),
    verbs=st.lists(st.sampled_from(_VERBS), min_size=4, max_size=4),
    space=st.booleans(),
    swap=st.booleans(),
)
def test_splits_by_rates_in_titles_agree_and_swapped_parts_are_named(
    tmp_path: Path, cuts: list[int], scale: int, verbs: list[str], space: bool, swap: bool
) -> None:
    """Any split of a whole into 2–4 rates ending the items' titles: the exact parts agree; two
    parts of different rates swapped (the parts still add up) are an error at each of the two."""
    bounds = [0, *sorted(cuts), 100]
    rates = [b - a for a, b in itertools.pairwise(bounds)]
    whole = 100 * scale  # triệu đồng: every part a whole number of triệu
    parts = [r * scale for r in rates]
    if swap:
        assume(parts[0] != parts[1])
        parts[0], parts[1] = parts[1], parts[0]
    sign = " %" if space else "%"
    lines = [f"Kinh phí thực hiện: {format_vn(Decimal(whole))} triệu đồng, gồm:"] + [
        f"- {_FUNDERS[i]} {verbs[i]}{rate}{sign}: {format_vn(Decimal(part))} triệu đồng;"
        for i, (rate, part) in enumerate(zip(rates, parts, strict=True))
    ]
    errors, _ = _verdict(tmp_path, lines)
    if not swap:
        assert errors == []
    else:
        assert sorted((code, line) for code, line, _, _ in errors) == [("SHARE_MISMATCH", 3), ("SHARE_MISMATCH", 4)]


def test_shares_of_a_sections_figure_split_it(tmp_path: Path) -> None:
    """A section's own figure split by rates (not only the grand total's): 70% of 1.000 is 700."""
    lines = [
        "1. Kinh phí tổ chức hội thi: 1.000 triệu đồng, gồm:",
        "a) Ngân sách tỉnh (70%): 650 triệu đồng;",
        "b) Ngân sách huyện (30%): 350 triệu đồng.",
        "2. Kinh phí khen thưởng: 200 triệu đồng.",
    ]
    assert _shares(tmp_path, lines) == [(3, Decimal(700), Decimal(650)), (4, Decimal(300), Decimal(350))]


_COMPARED_RATES = [
    "Thu nội địa: 6.000 tỷ đồng (65,2%);",
    "Thu từ xuất nhập khẩu: 2.200 tỷ đồng (23,9%);",
    "Thu khác: 1.000 tỷ đồng (15%).",
]


@pytest.mark.parametrize(
    "lines",
    [
        # under the grand total that says how it compares (``đạt 96% dự toán``)
        [
            "Tổng thu ngân sách năm 2025 ước đạt 9.200 tỷ đồng, đạt 96% dự toán, gồm:",
            *(f"{k}. {r}" for k, r in enumerate(_COMPARED_RATES, 1)),
        ],
        # under a section that says so
        [
            "Tổng thu, chi ngân sách năm 2025:",
            "1. Thu ngân sách ước đạt 9.200 tỷ đồng, đạt 96% dự toán, gồm:",
            *(f"{k}) {r}" for k, r in zip("abc", _COMPARED_RATES, strict=True)),
            "2. Chi ngân sách: 8.000 tỷ đồng.",
        ],
    ],
)
def test_rates_under_a_figure_compared_with_an_estimate_are_not_judged(tmp_path: Path, lines: list[str]) -> None:
    """The figure above says how it compares: the rates after its parts' amounts are rates of the
    same kind, not checked (never an error)."""
    path = tmp_path / "plan.txt"
    path.write_text("KẾ HOẠCH\n" + "\n".join(lines) + "\n", encoding="utf-8")
    codes = [(f.code, f.severity.value) for f in check_file(path).findings if f.code.startswith("SHARE")]
    assert codes == [("SHARE_NOT_CHECKED", "warning")]


def test_rates_ending_titles_split_only_a_list_of_lump_items(tmp_path: Path) -> None:
    """A list that holds an item with parts of its own is no split by rates, though two titles end
    with rates adding up to 100."""
    lines = [
        "Kinh phí mua sắm thiết bị: 2.400 triệu đồng, trong đó:",
        "1. Ngân sách tỉnh hỗ trợ 60%: 1.500 triệu đồng;",
        "2. Ngân sách huyện đối ứng 40%: 500 triệu đồng;",
        "3. Vốn khác: 400 triệu đồng, gồm:",
        "- Doanh nghiệp tài trợ: 300 triệu đồng;",
        "- Phụ huynh đóng góp: 100 triệu đồng.",
    ]
    assert _shares(tmp_path, lines) == []


def test_a_share_half_its_last_digit_from_its_rate_agrees(tmp_path: Path) -> None:
    """5% of 1.230 is 61,5: written 62 (whole triệu) it is exactly half a digit off, which the
    rounding of its last digit allows (half rounds up); 63 does not."""
    lines = ["III. KINH PHÍ: {total} triệu đồng", "1. Sửa chữa: 800 triệu đồng", "2. Mua sắm: 430 triệu đồng"]
    lines.append("3. Dự phòng (5%): {share} triệu đồng")
    assert _shares(tmp_path, [line.format(total="1.292", share="62") for line in lines]) == []
    assert _shares(tmp_path, [line.format(total="1.293", share="63") for line in lines]) == [
        (5, Decimal("61.50"), Decimal(63))
    ]


def test_a_broken_rate_and_a_wrong_share_in_one_list_are_both_named(tmp_path: Path) -> None:
    """A rate after an amount that breaks the split (25% for 2.000 of 10.000) and a share in a
    title that is not its rate of the figure (5% of 10.000 is 500, not 1.000): each an error."""
    lines = [
        "Tổng kinh phí: 10.000 triệu đồng, gồm:",
        "- Vốn tỉnh: 5.000 triệu đồng (50%);",
        "- Vốn huyện: 2.000 triệu đồng (20%);",
        "- Vốn xã: 2.000 triệu đồng (25%);",
        "- Dự phòng (5%): 1.000 triệu đồng.",
    ]
    assert _verdict(tmp_path, lines)[0] == [("SHARE_MISMATCH", 5, 29, "25"), ("SHARE_MISMATCH", 6, 18, "1000")]
