"""Money amounts in plain brackets after a figure (``500 triệu đồng (ngân sách tỉnh 300 triệu
đồng, ngân sách huyện 200 triệu đồng)``): parts when they add up to it, a second breakdown beside
the items under it, and otherwise figures read and said not checked, never dropped with the
note. Invented texts, exact verdicts."""

from __future__ import annotations

from pathlib import Path

import pytest

from budget.findings import Severity
from tests.helpers import assert_message, check_text, verdict_of

_PLAN = (
    "KẾ HOẠCH\n"
    "IV. KINH PHÍ\n"
    "Tổng kinh phí 640 triệu đồng ({split}), gồm:\n"
    "1. Bồi dưỡng giáo viên: 410 triệu đồng.\n"
    "2. Mua sắm thiết bị: {second} triệu đồng.\n"
)


def _check(tmp_path: Path, split: str, second: str = "230") -> tuple[str, list[tuple[str, int | None, str]]]:
    report = check_text(tmp_path, _PLAN.format(split=split, second=second))
    errors = [(f.code, f.source.line, str(f.actual)) for f in report.findings if f.severity is Severity.ERROR]
    return verdict_of(report), errors


@pytest.mark.parametrize(
    "split",
    [
        "vốn tỉnh 400 triệu đồng, vốn huyện 240 triệu đồng",
        "trong đó: vốn tỉnh 400 triệu đồng; vốn huyện 240 triệu đồng",
        "gồm: vốn tỉnh 400 triệu đồng và vốn huyện 240 triệu đồng",
    ],
)
def test_a_split_in_brackets_and_the_items_below_are_two_breakdowns(tmp_path: Path, split: str) -> None:
    """Each adds up to the figure: nothing is counted twice (it was 1.280 against 640)."""
    assert _check(tmp_path, split) == ("ok", [])


def test_items_below_that_do_not_add_up_are_named_with_the_other_breakdown_as_witness(tmp_path: Path) -> None:
    report = check_text(tmp_path, _PLAN.format(split="vốn tỉnh 400 triệu đồng, vốn huyện 240 triệu đồng", second="250"))
    (error,) = [f for f in report.findings if f.severity is Severity.ERROR]
    assert (error.code, error.source.line, error.expected, error.actual) == ("SECTION_SUM_MISMATCH", 3, 660, 640)
    assert error.cause is not None
    assert_message(
        error.cause,
        "CAUSE_OTHER_BREAKDOWN",
        "Cách chia còn lại cộng đúng 640 triệu đồng: nhiều khả năng một khoản của cách chia này ghi sai"
        " (cộng được 660 triệu đồng).",
        en="The other breakdown adds up to 640 triệu đồng: most likely an amount of this breakdown is wrong"
        " (it adds up to 660 triệu đồng).",
    )


def test_a_split_after_gom_that_does_not_add_up_is_an_error(tmp_path: Path) -> None:
    verdict, errors = _check(tmp_path, "gồm: vốn tỉnh 400 triệu đồng, vốn huyện 250 triệu đồng")
    assert (verdict, errors) == ("errors", [("SECTION_SUM_MISMATCH", 3, "640")])


def test_plain_brackets_that_do_not_add_up_are_read_and_said_not_checked(tmp_path: Path) -> None:
    """No word says they are all of it (``năm trước 450, tăng 50``, or a part left out): never an
    error, never KHỚP; each figure is reported where it stands."""
    report = check_text(tmp_path, _PLAN.format(split="vốn tỉnh 400 triệu đồng, vốn huyện 250 triệu đồng", second="230"))
    assert verdict_of(report) == "incomplete"
    unchecked = [(f.code, f.source.line, f.source.col) for f in report.findings if f.code == "UNCHECKED_AMOUNT"]
    assert unchecked == [("UNCHECKED_AMOUNT", 3, 40), ("UNCHECKED_AMOUNT", 3, 66)]
    assert [f for f in report.findings if f.severity is Severity.ERROR] == []


def test_a_split_of_a_total_with_no_items_below(tmp_path: Path) -> None:
    ok = "KẾ HOẠCH\nTổng kinh phí: 900 triệu đồng (ngân sách tỉnh 600 triệu đồng, ngân sách huyện 300 triệu đồng).\n"
    report = check_text(tmp_path, ok)
    assert verdict_of(report) == "ok"
    assert report.plan.amounts_found == 3
    wrong = ok.replace("300 triệu đồng)", "350 triệu đồng)")
    assert verdict_of(check_text(tmp_path, wrong)) == "incomplete"


@pytest.mark.parametrize(
    "text",
    [
        # the figure said again in another unit: read, and it agrees
        "Tổng kinh phí: 1.800.000.000 đồng (tức là 1,8 tỷ đồng).\n"
        "- Thuê hội trường: 2 ngày x 900.000.000 đồng/ngày = 1.800.000.000 đồng.",
        # a unit declared in brackets is no amount
        "Chi phí đào tạo (ĐVT: 1000đ): 45.000 x 12 = 540.000",
        # an average or a rate of each in brackets is no amount of the budget
        "- Khen thưởng: 100 triệu đồng/năm x 5 năm = 500 triệu đồng (trung bình mỗi xã trên 30 triệu).",
        "- Khen thưởng: 100 triệu đồng/năm x 5 năm = 500 triệu đồng (bình quân 25 triệu đồng).",
    ],
)
def test_a_figure_said_again_and_a_unit_declared(tmp_path: Path, text: str) -> None:
    report = check_text(tmp_path, "KẾ HOẠCH\n" + text + "\n")
    assert [f.code for f in report.findings if f.severity is not Severity.INFO] == []
    assert verdict_of(report) == "ok"


def test_a_figure_said_again_differently_is_not_checked(tmp_path: Path) -> None:
    text = (
        "KẾ HOẠCH\nTổng kinh phí: 1.800.000.000 đồng (tức là 1,9 tỷ đồng).\n"
        "- Thuê hội trường: 2 ngày x 900.000.000 đồng/ngày = 1.800.000.000 đồng.\n"
    )
    report = check_text(tmp_path, text)
    assert [(f.code, f.source.line, f.source.col) for f in report.findings if f.severity is not Severity.INFO] == [
        ("UNCHECKED_AMOUNT", 2, 43)
    ]
    assert verdict_of(report) == "incomplete"


def test_the_breakdown_that_fails_is_the_row_marked_wrong(tmp_path: Path) -> None:
    """Both breakdowns state their figure at one place: the sum's error stands at the breakdown
    whose parts do not add up, and the other breakdown stays checked and right."""
    from plancheck.projection import project

    report = check_text(tmp_path, _PLAN.format(split="vốn tỉnh 400 triệu đồng, vốn huyện 240 triệu đồng", second="250"))
    rows = {r.label: (r.status.value, r.summed) for r in project(report).rows if r.kind == "section"}
    assert rows["Chia ghi ngay sau số tiền"] == ("ok", 640)
    assert rows["Chia theo các mục bên dưới"] == ("error", 660)


def test_a_breakdown_the_reader_named_is_named_in_the_language_of_the_run(tmp_path: Path) -> None:
    report = check_text(tmp_path, _PLAN.format(split="vốn tỉnh 400 triệu đồng, vốn huyện 240 triệu đồng", second="250"))
    (error,) = [f for f in report.findings if f.severity is Severity.ERROR]
    assert_message(
        error,
        "SECTION_SUM_MISMATCH",
        "Mục “Chia theo các mục bên dưới”: cộng các khoản bên trong được 660 triệu đồng, nhưng mục ghi 640 triệu"
        " đồng (chênh lệch -20 triệu đồng).",
        en="Section “Split by the items below”: its items add up to 660 triệu đồng, but the section states 640"
        " triệu đồng (difference -20 triệu đồng).",
    )
