"""Prose budgets of the kinds provinces, districts and schools publish, each correct and with one
mistake: a correct text never gets an error, a wrong one is never KHỚP. Invented texts, exact
verdicts, codes and places."""

from __future__ import annotations

from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from budget.expr import _is_rounding
from budget.findings import Severity
from budget.numbers import format_vn, format_vn_fixed
from tests.helpers import assert_message, check_text, verdict_of


def _verdict(tmp_path: Path, text: str) -> tuple[str, list[tuple[str, int | None, Decimal | None]]]:
    report = check_text(tmp_path, text)
    errors = [(f.code, f.source.line, f.actual) for f in report.findings if f.severity is Severity.ERROR]
    return verdict_of(report), errors


# a resolution's articles are prose, never a table --------------------------------------------

_RESOLUTION = (
    "NGHỊ QUYẾT\n"
    "Về dự toán ngân sách địa phương năm 2025\n"
    "Điều 1. Dự toán chi ngân sách địa phương\n"
    "1. Tổng chi ngân sách địa phương: 3.100.000 triệu đồng, gồm:\n"
    "a) Chi đầu tư phát triển {a} triệu đồng;\n"
    "b) Chi thường xuyên 2.400.000 triệu đồng, trong đó chi giáo dục 1.020.000 triệu đồng"
    " (chiếm 42,5% chi thường xuyên).\n"
)


def test_an_article_heading_is_no_table_header(tmp_path: Path) -> None:
    """``Về dự toán ...`` and ``Điều 1. Dự toán chi ...`` once named the columns of a table of
    space-cut prose: the items were cut into cells and their sum judged wrongly."""
    assert _verdict(tmp_path, _RESOLUTION.format(a="700.000")) == ("ok", [])
    assert _verdict(tmp_path, _RESOLUTION.format(a="750.000")) == (
        "errors",
        [("TOTAL_MISMATCH", 4, Decimal("3100000"))],
    )


# counts and percentages broken down in a sentence ---------------------------------------------

_PUPILS = (
    "KẾ HOẠCH\n"
    "1. Số học sinh: tổng số {total} em, gồm: khối 6: 300 em; khối 7: 320 em; khối 8: 310 em.\n"
    "2. Kinh phí: 930 em x 100.000 đồng/em = 93.000.000 đồng.\n"
)


def test_a_count_broken_down_in_its_sentence_is_summed(tmp_path: Path) -> None:
    assert _verdict(tmp_path, _PUPILS.format(total="930")) == ("ok", [])
    report = check_text(tmp_path, _PUPILS.format(total="950"))
    (f,) = [f for f in report.findings if f.severity is Severity.ERROR]
    assert (verdict_of(report), f.code, f.source.line, f.source.col, f.expected, f.actual) == (
        "errors",
        "COUNT_SUM_MISMATCH",
        2,
        25,
        Decimal(930),
        Decimal(950),
    )
    assert_message(
        f,
        "COUNT_SUM_MISMATCH",
        "Số đếm không khớp: “tổng số” ghi 950, nhưng cộng các số thành phần được 930 (chênh lệch 20).",
        en="Counts do not add up: “tổng số” states 950, but its parts add up to 930 (difference 20).",
    )


@pytest.mark.parametrize(
    "sentence",
    [
        # ``trong đó`` (of which) lists some of the whole: never summed
        "Tổng số học sinh 1.240 em, trong đó: nữ 700 em, dân tộc thiểu số 300 em.",
        # a rate among the parts: no breakdown of the count alone
        "Tổng số 40 em, gồm: 20 em/lớp, 25 em.",
        # another unit among the parts
        "Tổng số 40 em, gồm: 20 em và 3 lớp.",
        # one part only
        "Tổng số 40 em, gồm 30 em khối 6.",
    ],
)
def test_what_is_no_whole_breakdown_of_a_count_is_not_judged(tmp_path: Path, sentence: str) -> None:
    text = "KẾ HOẠCH\n" + sentence + "\nKinh phí: 40 em x 100.000 đồng/em = 4.000.000 đồng.\n"
    assert _verdict(tmp_path, text) == ("ok", [])


_SHARE = (
    "KẾ HOẠCH\n"
    "Phấn đấu chi cho giáo dục chiếm 3,6% GRDP, gồm 3,1% từ ngân sách nhà nước và {part}% từ xã hội hóa.\n"
    "Kinh phí thực hiện: 20 lớp x 5.000.000 đồng/lớp = 100.000.000 đồng.\n"
)


def test_percentages_that_do_not_add_up_are_not_checked_never_an_error(tmp_path: Path) -> None:
    """Rates of groups need not add up to the overall rate: a sum of percentages that differs
    is said not checked (never KHỚP, never an error)."""
    assert _verdict(tmp_path, _SHARE.format(part="0,5")) == ("ok", [])
    report = check_text(tmp_path, _SHARE.format(part="0,4"))
    (f,) = [f for f in report.findings if f.code.startswith("COUNT_SUM")]
    assert (verdict_of(report), f.code, f.severity, f.source.line, f.source.col) == (
        "incomplete",
        "COUNT_SUM_NOT_CHECKED",
        Severity.WARNING,
        2,
        33,
    )
    assert_message(
        f,
        "COUNT_SUM_NOT_CHECKED",
        "Các tỷ lệ kê sau “Phấn đấu chi cho giáo dục chiếm” cộng lại được 3,5%, không bằng 3,6%; tỷ lệ của "
        "từng nhóm có thể không cộng vào tỷ lệ chung, nên phép cộng này chưa được kiểm tra.",
        en="The percentages listed after “Phấn đấu chi cho giáo dục chiếm” add up to 3.5%, not 3.6%; the rates "
        "of groups may not add up to the overall rate, so this sum was not checked.",
    )


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    parts=st.lists(st.integers(min_value=1, max_value=5000), min_size=2, max_size=5),
    delta=st.integers(min_value=-30, max_value=30),
    noun=st.sampled_from(["em", "hộ", "người", "học sinh"]),
    word=st.sampled_from(["gồm", "gồm:", "bao gồm:", "chia ra:"]),
)
def test_count_breakdowns_property(tmp_path: Path, parts: list[int], delta: int, noun: str, word: str) -> None:
    """Correct: never an error. One figure changed: the error at the total, never KHỚP."""
    stated = sum(parts) + delta
    assume(stated > 0)
    listed = "; ".join(f"nhóm {i + 1}: {format_vn(Decimal(p))} {noun}" for i, p in enumerate(parts))
    text = (
        "KẾ HOẠCH\n"
        f"Tổng số {format_vn(Decimal(stated))} {noun}, {word} {listed}.\n"
        "Kinh phí: 4 lớp x 100.000 đồng/lớp = 400.000 đồng.\n"
    )
    expected = ("ok", []) if delta == 0 else ("errors", [("COUNT_SUM_MISMATCH", 2, Decimal(stated))])
    assert _verdict(tmp_path, text) == expected


_LISTED = (
    "KẾ HOẠCH\n"
    "1. Đối tượng: 150 người, gồm:\n"
    "- Cán bộ xã: 60 người;\n"
    "- Trưởng thôn: {part} người.\n"
    "2. Kinh phí: 150 người x 200.000 đồng/người = 30.000.000 đồng.\n"
)


def test_a_count_broken_down_by_the_list_under_it(tmp_path: Path) -> None:
    assert _verdict(tmp_path, _LISTED.format(part="90")) == ("ok", [])
    assert _verdict(tmp_path, _LISTED.format(part="80")) == ("errors", [("COUNT_SUM_MISMATCH", 2, Decimal(150))])


def test_a_total_paragraph_under_the_list_is_no_part_of_it(tmp_path: Path) -> None:
    """``Tổng cộng: 150 người.`` under the list restates the count; any other paragraph there
    leaves the list unjudged."""
    total = "Tổng cộng: {0} người.\n2. Kinh phí"
    assert _verdict(tmp_path, _LISTED.format(part="90").replace("2. Kinh phí", total.format(150))) == ("ok", [])
    wrong = _LISTED.format(part="80").replace("2. Kinh phí", total.format(140))
    assert _verdict(tmp_path, wrong) == ("errors", [("COUNT_SUM_MISMATCH", 2, Decimal(150))])
    aside = _LISTED.format(part="80").replace("2. Kinh phí", "Danh sách kèm theo.\n2. Kinh phí")
    assert _verdict(tmp_path, aside)[1] == []


# a part's share of the figure it is named under ---------------------------------------------

_NAMED_BASE = (
    "NGHỊ QUYẾT\n"
    "1. Tổng chi ngân sách địa phương: 3.100.000 triệu đồng, gồm:\n"
    "a) Chi đầu tư phát triển: 700.000 triệu đồng;\n"
    "b) Chi thường xuyên: 2.400.000 triệu đồng, trong đó chi giáo dục {part} triệu đồng (chiếm {rate}% {base}).\n"
)


def test_a_share_of_the_figure_named_is_worked_out(tmp_path: Path) -> None:
    ok = _NAMED_BASE.format(part="1.020.000", rate="42,5", base="chi thường xuyên")
    assert _verdict(tmp_path, ok) == ("ok", [])
    report = check_text(tmp_path, ok.replace("1.020.000", "1.080.000"))
    (f,) = [f for f in report.findings if f.severity is Severity.ERROR]
    assert (f.code, f.source.line, f.source.col, f.expected, f.actual) == (
        "SHARE_MISMATCH",
        4,
        94,
        Decimal("45.00"),
        Decimal("42.5"),
    )
    assert_message(
        f,
        "SHARE_MISMATCH",
        "Khoản “chi giáo dục” ghi 1.080.000 triệu đồng và tỷ lệ 42,5%, nhưng 1.080.000 triệu đồng trên tổng "
        "2.400.000 triệu đồng là 45%.",
    )


def test_a_share_of_another_figure_is_not_checked(tmp_path: Path) -> None:
    """``chiếm 32,9% tổng chi``: the base is not the figure before ``trong đó``: not judged here."""
    text = _NAMED_BASE.format(part="1.020.000", rate="32,9", base="tổng chi ngân sách")
    report = check_text(tmp_path, text)
    assert verdict_of(report) == "incomplete"
    assert [(f.code, f.source.line, f.actual) for f in report.findings if f.severity is not Severity.INFO] == [
        ("UNCHECKED_AMOUNT", 4, Decimal(1020000))
    ]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    whole=st.integers(min_value=100, max_value=10**6),
    per_mille=st.integers(min_value=10, max_value=990),
    off=st.sampled_from([0, 0, 3, -4, 17]),
)
def test_named_share_property(tmp_path: Path, whole: int, per_mille: int, off: int) -> None:
    """The rate written to one decimal from the two amounts: never an error; moved by 0,3 or
    more: an error at the rate."""
    part = Decimal(whole * per_mille) / 1000
    rate = (part * 100 / whole).quantize(Decimal("0.1")) + Decimal(off) / 10
    assume(0 < rate < 100)
    text = (
        "NGHỊ QUYẾT\n"
        f"Tổng chi: {format_vn(Decimal(whole + 700))} triệu đồng, gồm:\n"
        "a) Chi đầu tư phát triển: 700 triệu đồng;\n"
        f"b) Chi thường xuyên: {format_vn(Decimal(whole))} triệu đồng, trong đó chi giáo dục "
        f"{format_vn(part)} triệu đồng (chiếm {format_vn_fixed(rate, 1)}% chi thường xuyên).\n"
    )
    verdict, errors = _verdict(tmp_path, text)
    assert (verdict, errors) == (("ok", []) if off == 0 else ("errors", [("SHARE_MISMATCH", 4, rate)]))


# a second breakdown in a paragraph after a list ---------------------------------------------

_BY_YEAR_THEN_SOURCE = (
    "KẾ HOẠCH\n"
    "III. KINH PHÍ THỰC HIỆN\n"
    "Tổng kinh phí thực hiện: 3.600 triệu đồng, phân kỳ như sau:\n"
    "- Năm 2025: {y1} triệu đồng;\n"
    "- Năm 2026: 1.600 triệu đồng.\n"
    "Nguồn kinh phí: ngân sách tỉnh {p} triệu đồng, ngân sách huyện 1.000 triệu đồng.\n"
)


def test_sources_after_a_list_by_year_break_the_total_down_again(tmp_path: Path) -> None:
    """The paragraph after the last bullet is no part of that bullet: when its figures add up
    to the total above the list (and the list does too), it is a second breakdown of it."""
    assert _verdict(tmp_path, _BY_YEAR_THEN_SOURCE.format(y1="2.000", p="2.600")) == ("ok", [])
    # a wrong source figure: the paragraph is no breakdown of anything read; unread, never KHỚP
    report = check_text(tmp_path, _BY_YEAR_THEN_SOURCE.format(y1="2.000", p="2.500"))
    assert verdict_of(report) == "incomplete"
    assert [(f.code, f.source.line, f.actual) for f in report.findings if f.severity is not Severity.INFO] == [
        ("UNCHECKED_AMOUNT", 6, Decimal(2500)),
        ("UNCHECKED_AMOUNT", 6, Decimal(1000)),
    ]
    # a wrong year: the error at the total, the sources left unchecked (never added to the years)
    assert _verdict(tmp_path, _BY_YEAR_THEN_SOURCE.format(y1="2.100", p="2.600")) == (
        "errors",
        [("TOTAL_MISMATCH", 3, Decimal(3600))],
    )


# rates after amounts that compare with a figure not given ------------------------------------

_ACHIEVED = (
    "BÁO CÁO\n"
    "1. Tổng thu ngân sách: 9.200 tỷ đồng, đạt 96% dự toán, gồm:\n"
    "- Thu nội địa: 8.900 tỷ đồng (97%);\n"
    "- Thu khác: 300 tỷ đồng ({rate}%).\n"
)


def test_rates_under_a_figure_compared_with_an_estimate_are_no_shares(tmp_path: Path) -> None:
    """``đạt 96% dự toán`` above the list: ``(80%)`` after a part is its rate of achievement, not
    its share of 9.200 (3,3%); not checked, never an error."""
    report = check_text(tmp_path, _ACHIEVED.format(rate="80"))
    assert verdict_of(report) == "incomplete"
    (f,) = [f for f in report.findings if f.severity is not Severity.INFO]
    assert (f.code, f.severity, f.source.line, f.source.col) == ("SHARE_NOT_CHECKED", Severity.WARNING, 4, 26)
    assert_message(
        f,
        "SHARE_NOT_CHECKED",
        "Các tỷ lệ ghi sau số tiền của từng khoản cộng lại được 177%, không phải 100%: có thể là tỷ lệ so với "
        "một số không ghi trong văn bản (dự toán, năm trước), hoặc có tỷ lệ ghi sai; các tỷ lệ này chưa được kiểm tra.",
        en="The rates written after the items' amounts add up to 177%, not 100%: they may compare with a figure "
        "the text does not give (an estimate, last year), or one of them may be wrong; these rates were not checked.",
    )
    # the same two rates under a figure compared with nothing: one agrees (8.900 of 9.200 is
    # 96,7%), one does not, and which of two is odd is not known: not checked either
    plain_total = _ACHIEVED.format(rate="80").replace(", đạt 96% dự toán", "")
    assert _verdict(tmp_path, plain_total) == ("incomplete", [])


# amounts by year in the sentence after a total ------------------------------------------------

_BY_YEAR = (
    "KẾ HOẠCH\nIV. KINH PHÍ\n"
    "Tổng kinh phí {period}là 4.500 triệu đồng. Năm 2025: 1.500 triệu đồng; Năm 2026: {y} triệu đồng;"
    " Năm 2027: 1.500 triệu đồng.\n"
)


@pytest.mark.parametrize("period", ["giai đoạn 2025-2027 ", ""])
def test_years_in_the_next_sentence_break_the_total_down(tmp_path: Path, period: str) -> None:
    assert _verdict(tmp_path, _BY_YEAR.format(period=period, y="1.500")) == ("ok", [])


def test_years_of_the_whole_period_that_do_not_add_up_are_an_error(tmp_path: Path) -> None:
    text = _BY_YEAR.format(period="giai đoạn 2025-2027 ", y="1.600")
    assert _verdict(tmp_path, text) == ("errors", [("TOTAL_MISMATCH", 3, Decimal(4500))])


def test_years_that_may_be_some_of_the_total_are_left_unchecked(tmp_path: Path) -> None:
    """No period named: years that do not add up may be some of the years only; never an error."""
    report = check_text(tmp_path, _BY_YEAR.format(period="", y="1.600"))
    assert verdict_of(report) == "incomplete"
    assert [f.code for f in report.findings if f.severity is Severity.ERROR] == []
    # a next sentence that says more than amounts by year is no breakdown of the figure
    text = _BY_YEAR.format(period="", y="1.500").replace("Năm 2025:", "Năm 2025 hỗ trợ 30 xã:")
    assert verdict_of(check_text(tmp_path, text)) == "incomplete"


# revenue and spending with no grand total ----------------------------------------------------

_SIDES = (
    "NGHỊ QUYẾT\n"
    "Điều 1. Dự toán thu, chi ngân sách huyện năm 2025\n"
    "1. Tổng thu ngân sách nhà nước trên địa bàn: 250.000 triệu đồng, gồm:\n"
    "a) Thu nội địa: {a} triệu đồng;\n"
    "b) Thu từ đất: 70.000 triệu đồng.\n"
    "2. Tổng chi ngân sách huyện: 610.000 triệu đồng, gồm:\n"
    "a) Chi đầu tư phát triển: 110.000 triệu đồng;\n"
    "b) Chi thường xuyên: 500.000 triệu đồng.\n"
)


def test_revenue_and_spending_are_never_added_into_a_grand_total(tmp_path: Path) -> None:
    """No ``cộng các mục được 860.000 triệu đồng``: revenue plus spending means nothing."""
    report = check_text(tmp_path, _SIDES.format(a="180.000"))
    assert (verdict_of(report), report.evaluation.total.children_sum) == ("ok", None)
    assert [f.code for f in report.findings] == []
    assert _verdict(tmp_path, _SIDES.format(a="190.000")) == (
        "errors",
        [("SECTION_SUM_MISMATCH", 3, Decimal(250000))],
    )


# a first item that states the total of the items after it ------------------------------------

_TOTAL_FIRST = (
    "QUYẾT ĐỊNH\n"
    "Điều 1. Phê duyệt dự toán kinh phí tổ chức Lễ kỷ niệm, cụ thể như sau:\n"
    "1. Tổng dự toán: {t} đồng.\n"
    "2. Chi tiết:\n"
    "a) Trang trí, khánh tiết: 45.000.000 đồng;\n"
    "b) Văn nghệ: 2 tiết mục x 15.000.000 đồng/tiết mục = 30.000.000 đồng;\n"
    "c) Hoa tươi: 25 lẵng x 700.000 đồng/lẵng = 17.500.000 đồng.\n"
    "3. Nguồn kinh phí: Ngân sách huyện năm 2025.\n"
)


def test_a_total_stated_as_the_first_item_is_the_total_of_the_rest(tmp_path: Path) -> None:
    """``1. Tổng dự toán`` was a part beside ``2. Chi tiết``: their sum (twice the budget) was
    shown as the total and the stated total was never compared."""
    report = check_text(tmp_path, _TOTAL_FIRST.format(t="92.500.000"))
    assert (verdict_of(report), report.plan.total.value if report.plan.total else None) == (
        "ok",
        Decimal(92500000),
    )
    assert _verdict(tmp_path, _TOTAL_FIRST.format(t="95.000.000")) == (
        "errors",
        [("TOTAL_MISMATCH", 3, Decimal(95000000))],
    )


def test_two_totals_first_are_two_sides_not_a_total_of_the_rest(tmp_path: Path) -> None:
    text = (
        "NGHỊ QUYẾT\n"
        "Điều 1.\n"
        "1. Tổng thu ngân sách xã: 5.200 triệu đồng.\n"
        "2. Tổng chi ngân sách xã: 5.200 triệu đồng.\n"
        "3. Chi tiết chi: 5.300 triệu đồng.\n"
    )
    assert _verdict(tmp_path, text)[1] == []


# a figure and its rounding -------------------------------------------------------------------

_ROUNDED = "KẾ HOẠCH\nIII. KINH PHÍ\nHỗ trợ 127 hộ x 1.530.000 đồng/hộ = 194.310.000 đồng, làm tròn {r} đồng.\n"


@pytest.mark.parametrize(
    "rounded",
    # down, nearest or up to the precision the rounded figure's own digits show: whole hundred
    # thousands, millions, half millions, tens or hundreds of millions
    ["194.300.000", "194.000.000", "194.400.000", "195.000.000", "194.310.000", "194.500.000", "190.000.000",
     "200.000.000"],
)  # fmt: skip
def test_a_rounding_of_the_figure_before_is_checked(tmp_path: Path, rounded: str) -> None:
    assert _verdict(tmp_path, _ROUNDED.format(r=rounded)) == ("ok", [])


@pytest.mark.parametrize("rounded", ["195.300.000", "194.700.000", "180.000.000"])
def test_a_rounding_that_is_no_rounding_is_an_error_at_it(tmp_path: Path, rounded: str) -> None:
    report = check_text(tmp_path, _ROUNDED.format(r=rounded))
    (f,) = [f for f in report.findings if f.severity is Severity.ERROR]
    assert (verdict_of(report), f.code, f.source.line, f.source.col) == ("errors", "ROUNDED_MISMATCH", 3, 64)
    if rounded == "195.300.000":
        assert_message(
            f,
            "ROUNDED_MISMATCH",
            "Số làm tròn 195.300.000 đồng không phải là 194.310.000 đồng làm tròn.",
            en="The rounded figure 195,300,000 đồng is not 194,310,000 đồng rounded.",
        )


def test_a_rounding_in_brackets_after_a_total(tmp_path: Path) -> None:
    text = (
        "KẾ HOẠCH\nTổng cộng: 199.450.000 đồng (làm tròn {r} đồng).\n"
        "1. Tập huấn: 123.450.000 đồng;\n2. Tuyên truyền: 76.000.000 đồng.\n"
    )
    assert _verdict(tmp_path, text.format(r="199.500.000")) == ("ok", [])
    assert _verdict(tmp_path, text.format(r="198.500.000")) == (
        "errors",
        [("ROUNDED_MISMATCH", 2, Decimal(198500000))],
    )


# two breakdowns of a total stated at the top of the document ----------------------------------

_SPLIT_AT_TOP = (
    "KẾ HOẠCH\n"
    "Tổng kinh phí 500 triệu đồng (ngân sách tỉnh 300 triệu đồng, ngân sách huyện {h} triệu đồng), gồm:\n"
    "1. Tập huấn: 200 triệu đồng;\n"
    "2. Tuyên truyền: {t} triệu đồng.\n"
)


def test_a_split_in_brackets_of_a_total_at_the_top_is_never_added_to_the_items(tmp_path: Path) -> None:
    """With no chapter heading above it, the two breakdowns were added into 1.000 triệu đồng."""
    report = check_text(tmp_path, _SPLIT_AT_TOP.format(h="200", t="300"))
    assert (verdict_of(report), report.evaluation.total.children_sum) == ("ok", Decimal(500))
    assert _verdict(tmp_path, _SPLIT_AT_TOP.format(h="200", t="350")) == (
        "errors",
        [("SECTION_SUM_MISMATCH", 2, Decimal(500))],
    )
    assert _verdict(tmp_path, _SPLIT_AT_TOP.format(h="250", t="300")) == ("incomplete", [])


_SOURCES_UNDER_TOTAL = (
    "KẾ HOẠCH\n"
    "1. Chi hội nghị: 10.000.000 đồng\n"
    "2. Chi tài liệu: 5.000.000 đồng\n"
    "Tổng cộng: {t} đồng\n"
    "Trong đó: ngân sách cấp {a} đồng, huy động 3.000.000 đồng.\n"
)


def test_sources_under_a_closing_total_break_it_down_again(tmp_path: Path) -> None:
    """``Trong đó: ...`` under ``Tổng cộng`` was added to the items (a false TOTAL_MISMATCH)."""
    assert _verdict(tmp_path, _SOURCES_UNDER_TOTAL.format(t="15.000.000", a="12.000.000")) == ("ok", [])
    assert _verdict(tmp_path, _SOURCES_UNDER_TOTAL.format(t="16.000.000", a="13.000.000")) == (
        "errors",
        [("TOTAL_MISMATCH", 4, Decimal(16000000))],
    )
    # sources that do not add up to the total: some of it, left unchecked
    report = check_text(tmp_path, _SOURCES_UNDER_TOTAL.format(t="15.000.000", a="11.000.000"))
    assert verdict_of(report) == "incomplete"
    assert [(f.code, f.actual) for f in report.findings if f.severity is not Severity.INFO] == [
        ("UNCHECKED_AMOUNT", Decimal(11000000)),
        ("UNCHECKED_AMOUNT", Decimal(3000000)),
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "Tổng số 950 em, gồm: 300 em nam, 650 em nữ, trong đó 120 em dân tộc thiểu số.",
        "Tổng số 950 em, gồm: khối 6: 300 em, tăng 20 em so với năm trước; khối 7: 650 em.",
        "Tổng số 950 em, gồm: khối 6: 300 em; khối 7: 630 em; ngoài ra còn 20 em học ghép.",
    ],
)
def test_figures_that_are_no_parts_leave_a_count_unjudged(tmp_path: Path, sentence: str) -> None:
    text = "KẾ HOẠCH\n" + sentence + "\nKinh phí: 40 em x 100.000 đồng/em = 4.000.000 đồng.\n"
    assert _verdict(tmp_path, text) == ("ok", [])


# a running total: Cộng, then more items, then Tổng cộng ---------------------------------------

_RUNNING = (
    "KẾ HOẠCH\nIII. KINH PHÍ\n"
    "1. Tập huấn: 10.000.000 đồng\n"
    "2. Tài liệu: 5.000.000 đồng\n"
    "Cộng: {sub} đồng\n"
    "Dự phòng: 2.000.000 đồng\n"
    "Tổng cộng: {t} đồng\n"
)


def test_a_subtotal_then_more_items_then_the_total(tmp_path: Path) -> None:
    """``Cộng`` closes the list, ``Dự phòng`` follows, ``Tổng cộng`` totals both: once reported
    as a total stated twice (and the subtotal's sum as wrong)."""
    assert _verdict(tmp_path, _RUNNING.format(sub="15.000.000", t="17.000.000")) == ("ok", [])
    assert _verdict(tmp_path, _RUNNING.format(sub="15.000.000", t="18.000.000")) == (
        "errors",
        [("FIGURE_STATED_TWICE", 7, Decimal(18000000))],
    )
    assert _verdict(tmp_path, _RUNNING.format(sub="16.000.000", t="17.000.000"))[1][0] == (
        "SECTION_SUM_MISMATCH",
        5,
        Decimal(16000000),
    )


def test_a_tax_after_the_subtotal_of_an_estimate(tmp_path: Path) -> None:
    text = (
        "DỰ TOÁN\n"
        "1. Bàn ghế: 20 bộ x 3.000.000 đồng/bộ = 60.000.000 đồng\n"
        "2. Bảng từ: 2 cái x 5.000.000 đồng/cái = 10.000.000 đồng\n"
        "Cộng trước thuế: 70.000.000 đồng\n"
        "Thuế GTGT 10%: {v} đồng\n"
        "Tổng cộng sau thuế: 77.000.000 đồng\n"
    )
    assert _verdict(tmp_path, text.format(v="7.000.000")) == ("ok", [])
    verdict, errors = _verdict(tmp_path, text.format(v="7.700.000"))
    assert (verdict, errors) == ("errors", [("TOTAL_STATED_TWICE", 6, Decimal(77000000))])


def test_the_figure_that_opens_the_list_is_its_total(tmp_path: Path) -> None:
    """A figure of last year stated first was taken as the total of this year's list."""
    text = (
        "BÁO CÁO\n"
        "Năm 2024, kinh phí thực hiện là 120 triệu đồng.\n"
        "Năm 2025, dự kiến kinh phí: {t} triệu đồng, gồm:\n"
        "1. Tập huấn: 100 triệu đồng;\n"
        "2. Tuyên truyền: 50 triệu đồng.\n"
    )
    report = check_text(tmp_path, text.format(t="150"))
    assert verdict_of(report) == "incomplete"
    assert [(f.code, f.source.line, f.actual) for f in report.findings if f.severity is not Severity.INFO] == [
        ("UNCHECKED_AMOUNT", 2, Decimal(120))
    ]
    assert _verdict(tmp_path, text.format(t="160")) == ("errors", [("TOTAL_MISMATCH", 3, Decimal(160))])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    items=st.lists(st.integers(min_value=1, max_value=900), min_size=2, max_size=4),
    extras=st.lists(st.integers(min_value=1, max_value=90), min_size=1, max_size=2),
    wrong=st.sampled_from(["none", "item", "subtotal", "extra", "total"]),
    word=st.sampled_from(["Cộng", "Cộng trước thuế", "Cộng (1+2)"]),
)
def test_running_totals_property(tmp_path: Path, items: list[int], extras: list[int], wrong: str, word: str) -> None:
    """Items, ``Cộng``, more items, ``Tổng cộng``: correct, never an error; one figure changed by
    a thousand, never KHỚP."""
    sub, whole = sum(items), sum(items) + sum(extras)
    off = {"item": (0, 0), "subtotal": (1, 0), "extra": (2, 0), "total": (3, 0)}.get(wrong)
    bump = [Decimal(0)] * 4
    if off is not None:
        bump[off[0]] = Decimal(1000)
    figures = [format_vn(Decimal(v * 1000) + (bump[0] if i == 0 else 0)) for i, v in enumerate(items)]
    lines = [f"{i + 1}. Khoản {i + 1}: {f} đồng" for i, f in enumerate(figures)]
    lines.append(f"{word}: {format_vn(Decimal(sub * 1000) + bump[1])} đồng")
    lines += [
        f"Khoản thêm {j + 1}: {format_vn(Decimal(v * 1000) + (bump[2] if j == 0 else 0))} đồng"
        for j, v in enumerate(extras)
    ]
    lines.append(f"Tổng cộng: {format_vn(Decimal(whole * 1000) + bump[3])} đồng")
    verdict, errors = _verdict(tmp_path, "DỰ TOÁN\nIII. KINH PHÍ\n" + "\n".join(lines) + "\n")
    if wrong == "none":
        assert (verdict, errors) == ("ok", [])
    else:
        assert verdict != "ok"


@settings(max_examples=200, deadline=None)
@given(
    exact=st.integers(1_000, 10**12),
    k=st.integers(1, 9),
    how=st.sampled_from([ROUND_FLOOR, ROUND_HALF_UP, ROUND_CEILING]),
)
def test_any_rounding_to_a_power_of_ten_is_one_and_a_step_past_it_is_not(exact: int, k: int, how: str) -> None:
    """Rounded down, to the nearest or up to 10^k, the figure is a rounding of the exact one; two
    steps of 10^k away (and not a figure of coarser precision that happens to fit) it is not."""
    x = Decimal(exact)
    step = Decimal(10) ** k
    rounded = (x / step).to_integral_value(rounding=how) * step
    assume(rounded > 0)  # a figure rounded to nothing is said of no budget
    assert _is_rounding(rounded, x)
    far = rounded + 2 * step if rounded >= x else rounded - 2 * step
    # (a figure of a coarser precision, whole 5 × 10^k or 10^(k+1), may be a rounding of its own)
    if far > 0 and far % (step * 5) != 0:
        assert not _is_rounding(far, x)
