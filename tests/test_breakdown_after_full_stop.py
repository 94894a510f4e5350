"""A figure broken down in the next sentence (``... là 26.811 tỷ đồng. Trong đó: A 21.049 tỷ
đồng (trong đó: ...); B 5.762 tỷ đồng.``), the paragraph wrapped inside its bracket with a
figure opening the next line. Invented texts, exact verdicts, codes and figures."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from tests.helpers import check_text, errors_at, line_of, verdict_of


def _text(first: str, word: str = "Trong đó") -> str:
    return (
        "Tổng chi ngân sách của huyện năm 2025 được giao là 9.450,500 tỷ đồng. "
        f"{word}: chi cân đối\nngân sách {first} tỷ đồng (trong đó: chi đầu tư phát triển\n"
        "2.100 tỷ đồng, chi thường xuyên 4.800 tỷ đồng); chi các chương trình mục tiêu\n"
        "2.250,500 tỷ đồng.\n"
    )


@pytest.mark.parametrize("word", ["Trong đó", "Bao gồm", "Cụ thể"])
def test_a_figure_broken_down_in_the_sentence_after_it(tmp_path: Path, word: str) -> None:
    report = check_text(tmp_path, _text("7.200", word))
    assert errors_at(report) == []
    # the paragraph's figure is the text's total, checked against its two parts
    t = report.evaluation.total
    assert (t.stated, t.children_sum, t.ok) == (Decimal("9450.500"), Decimal("9450.500"), True)
    # the bracket names some of the first part (``trong đó``): adding up to less, it is no error
    assert verdict_of(report) == "incomplete"


def test_parts_named_whole_in_the_next_sentence_that_do_not_add_up_are_an_error(tmp_path: Path) -> None:
    text = _text("7.300", "Bao gồm")
    report = check_text(tmp_path, text)
    assert errors_at(report) == [("TOTAL_MISMATCH", line_of(text, "9.450,500"), Decimal("9450.500"))]
    assert verdict_of(report) == "errors"


def test_parts_of_which_in_the_next_sentence_that_do_not_add_up_are_no_breakdown(tmp_path: Path) -> None:
    report = check_text(tmp_path, _text("7.300"))
    assert errors_at(report) == []
    assert verdict_of(report) == "incomplete"


def _two_figures(second: str, opener: str = "trong đó") -> str:
    return (
        "a) Tình hình thu ngân sách năm 2025\n\n"
        "Năm 2025, Hội đồng nhân dân huyện quyết nghị tổng thu ngân sách 2.450,500 tỷ đồng; trong đó: "
        "thu nội địa 2.300,500 tỷ đồng, thu khác 150 tỷ đồng. Ước thực hiện cả năm là 2.700 tỷ đồng, "
        f"vượt 10,18% so dự toán, tăng 8,4% so cùng kỳ (2.490 tỷ đồng); {opener}: thu nội địa {second} tỷ "
        "đồng, vượt 8,67% so dự toán, tăng 7,5% so cùng kỳ (2.325 tỷ đồng); thu khác 200 tỷ đồng, vượt 33,33% "
        "so dự toán (165 tỷ đồng).\n"
    )


def test_a_later_figure_of_the_paragraph_broken_down_after_how_it_compares(tmp_path: Path) -> None:
    report = check_text(tmp_path, _two_figures("2.500"))
    assert errors_at(report) == []
    got = [(r.section.stated.value, r.ok) for r in report.evaluation.sections() if r.section.items and r.section.stated]
    # each figure against its own parts; the estimate is no part of the figure before it
    assert got == [(Decimal("2700"), True)]
    t = report.evaluation.total
    assert (t.stated, t.children_sum, t.ok) == (Decimal("2450.500"), Decimal("2450.500"), True)


def test_a_later_figure_whose_parts_named_whole_do_not_add_up_is_an_error_at_it(tmp_path: Path) -> None:
    text = _two_figures("2.550", "bao gồm")
    report = check_text(tmp_path, text)
    assert errors_at(report) == [("SECTION_SUM_MISMATCH", line_of(text, "2.700 tỷ đồng"), Decimal("2700"))]
    assert verdict_of(report) == "errors"


def test_a_later_figure_with_some_of_its_parts_is_left_unchecked(tmp_path: Path) -> None:
    report = check_text(tmp_path, _two_figures("2.550"))
    assert errors_at(report) == []
    assert verdict_of(report) == "incomplete"
