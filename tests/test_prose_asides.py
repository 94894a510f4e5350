"""A prose product whose rate is said to equal something in brackets (``mức 50.000
đồng/người/tháng, tương đương mức hỗ trợ người nghèo (4,5% x 1.150.000 đồng/người/tháng)``):
the bracket is what the rate equals, no factor. The product is read without it and the
bracket is said unread. Invented texts, exact verdicts, codes and figures."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from tests.helpers import check_text, errors_at, only, verdict_of


def _text(result: str, words: str = "tương đương mức hỗ trợ cho người nghèo", count: str = "2.040") -> str:
    return (
        f"Hỗ trợ thuốc chữa bệnh cho {count} người với mức 60.000 đồng/người/tháng, {words} "
        f"(4,5% x 1.300.000 đồng/người/tháng), thời gian hỗ trợ 02 tháng, với tổng kinh phí hỗ trợ là "
        f"{result} triệu đồng.\n"
    )


@pytest.mark.parametrize(
    ("count", "result", "computed"),
    [("2.040", "244,8", Decimal("244.8")), ("1.500", "180", Decimal(180)), ("3.125", "375", Decimal(375))],
)
def test_the_product_is_read_without_the_bracket_that_the_rate_equals(
    tmp_path: Path, count: str, result: str, computed: Decimal
) -> None:
    text = _text(result, count=count)
    report = check_text(tmp_path, text)
    assert errors_at(report) == []
    [line] = report.evaluation.lines()
    assert (line.computed, line.ok) == (computed, True)
    assert [f.value for f in line.line.factors] == [Decimal(count.replace(".", "")), Decimal(60000), Decimal(2)]
    unread = only(report.findings, "COSTLINE_UNREADABLE")
    assert (unread.source.line, unread.source.col) == (1, text.index("(4,5%") + 1)
    assert unread.args["text"] == "(4,5% x 1.300.000 đồng/người/tháng)"
    assert verdict_of(report) == "incomplete"


def test_a_wrong_product_beside_such_a_bracket_is_an_error_at_its_result(tmp_path: Path) -> None:
    report = check_text(tmp_path, _text("248,4"))
    assert errors_at(report) == [("PRODUCT_MISMATCH", 1, Decimal("248.4"))]
    assert verdict_of(report) == "errors"


@pytest.mark.parametrize("words", ["bằng mức hỗ trợ cho người nghèo", "cộng thêm phụ cấp"])
def test_a_bracket_with_figures_that_no_words_make_an_aside_leaves_the_product_unread(
    tmp_path: Path, words: str
) -> None:
    report = check_text(tmp_path, _text("248,4", words))
    assert errors_at(report) == []
    assert report.evaluation.lines() == []
    assert verdict_of(report) != "ok"
