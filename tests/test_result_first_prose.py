"""A prose product written result first, its factors after it in another unit of the same
measure (``hỗ trợ 405 tấn gạo ... cho 8.989 người với mức 15 kg gạo/người/tháng, thời gian hỗ
trợ là 3 tháng``: kg into tấn, rounded). Invented texts, exact verdicts, codes and figures."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

from budget.units import measure_scale
from tests.helpers import check_text, errors_at, only, verdict_of


def _text(result: str, people: str = "4.500", rate: str = "12 kg gạo/người/tháng", months: str = "3") -> str:
    return (
        "Điều 2. Mức hỗ trợ\n\n"
        "Theo Nghị định số 20/2021/NĐ-CP ngày 15 tháng 3 năm 2021, hỗ trợ "
        f"{result} từ nguồn dự trữ quốc gia cho {people} người với mức hỗ trợ {rate}, thời gian hỗ trợ là "
        f"{months} tháng.\n"
    )


@pytest.mark.parametrize(
    ("result", "people", "rate", "months", "computed"),
    [
        ("162 tấn gạo", "4.500", "12 kg gạo/người/tháng", "3", Decimal(162)),
        ("96 tấn gạo", "2.000", "16 kg gạo/người/tháng", "3", Decimal(96)),
        ("48.000 kg gạo", "2.000", "12 kg gạo/người/tháng", "2", Decimal(48000)),
    ],
)
def test_a_product_written_result_first_converts_its_measure(
    tmp_path: Path, result: str, people: str, rate: str, months: str, computed: Decimal
) -> None:
    report = check_text(tmp_path, _text(result, people, rate, months))
    assert errors_at(report) == []
    [line] = report.evaluation.lines()
    assert (line.computed, line.ok) == (computed, True)
    assert verdict_of(report) == "ok"


def test_a_result_first_product_rounded_to_its_last_digit_is_a_rounding_warning(tmp_path: Path) -> None:
    report = check_text(tmp_path, _text("405 tấn gạo", "8.989", "15 kg gạo/người/tháng"))
    assert errors_at(report) == []
    found = only(report.findings, "PRODUCT_ROUNDING")
    assert (found.actual, found.expected) == (Decimal(405), Decimal("404.505"))


def test_a_wrong_result_first_product_is_an_error_at_its_result(tmp_path: Path) -> None:
    text = _text("165 tấn gạo")
    report = check_text(tmp_path, text)
    assert errors_at(report) == [("PRODUCT_MISMATCH", 3, Decimal(165))]
    found = only(report.findings, "PRODUCT_MISMATCH")
    assert (found.expected, found.source.col) == (Decimal(162), text.splitlines()[2].index("165") + 1)
    assert verdict_of(report) == "errors"


@pytest.mark.parametrize(
    "rate",
    [
        "12 kg gạo/hộ/tháng",  # a rate for each household, a count of people: the units do not cancel
        "12 kg gạo/người/tháng, thêm 2 kg muối/người",  # a number no factor accounts for
    ],
)
def test_a_result_first_product_whose_factors_do_not_give_its_unit_is_not_read(tmp_path: Path, rate: str) -> None:
    report = check_text(tmp_path, _text("162 tấn gạo", rate=rate))
    assert errors_at(report) == []
    assert report.evaluation.lines() == []


def test_a_measure_in_two_of_its_units_scales_the_product() -> None:
    assert measure_scale(("người", "kg/người/tháng", "tháng"), "tấn gạo") == Fraction(1, 1000)
    assert measure_scale(("tấn", "đồng/kg"), "đồng") == Fraction(1000)
    assert measure_scale(("ha", "đồng/m2"), "đồng") == Fraction(10000)
    # one unit throughout, percentages, money and time scale on their own
    assert measure_scale(("tấn", "đồng/tấn"), "đồng") == 1
    assert measure_scale(("%", "triệu đồng"), "triệu đồng") == 1
    assert measure_scale(("tháng", "đồng/năm"), "đồng") == 1
    # measures that do not match the result's: no conversion is guessed
    assert measure_scale(("người", "kg/người"), "đồng") == 1
