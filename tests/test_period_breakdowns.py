"""Totals whose breakdown is written in other terms than the total: parts written as rates for
the one period the total is for (``01 năm: 1.500 triệu đồng. Trong đó: - A: 900 triệu
đồng/năm``), and a computation whose result is the total of the list under it (``... x 05
năm = 7.500 triệu đồng. Trong đó:``); and an item's amount wrapped onto the line under its
label. Invented texts, exact verdicts, codes and figures."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from tests.helpers import check_text, errors_at, line_of, verdict_of


def _sums(report) -> list[tuple[Decimal, bool | None]]:  # type: ignore[no-untyped-def]
    return [
        (r.section.stated.value, r.ok)
        for r in report.evaluation.sections()
        if r.section.stated is not None and r.section.items
    ]


def _one_year(first: str, period: str = "01 năm", per: str = "năm") -> str:
    return (
        "KẾ HOẠCH THỰC HIỆN\n\nIII. DỰ TOÁN KINH PHÍ\n\n"
        f"1. Kinh phí duy trì hệ thống {period}: 840.000.000 đồng. Trong đó:\n\n"
        f"- Thuê đường truyền: {first} đồng/{per}.\n\n"
        f"- Bảo trì thiết bị: 160.000.000 đồng/{per}.\n\n"
        f"- Tập huấn người dùng:\n80.000.000 đồng/{per}.\n\n"
        "IV. TỔ CHỨC THỰC HIỆN\n\nGiao các sở triển khai.\n"
    )


@pytest.mark.parametrize(("period", "per"), [("01 năm", "năm"), ("một năm", "năm"), ("1 tháng", "tháng")])
def test_parts_written_as_rates_for_the_one_period_of_the_total(tmp_path: Path, period: str, per: str) -> None:
    report = check_text(tmp_path, _one_year("600.000.000", period, per))
    assert errors_at(report) == []
    # the one item of the plan: its amount is the plan's total, checked against its parts
    t = report.evaluation.total
    assert (t.stated, t.children_sum, t.ok) == (Decimal(840000000), Decimal(840000000), True)
    assert verdict_of(report) == "ok"


def test_rates_for_one_period_that_do_not_add_up_are_some_of_it_under_trong_do(tmp_path: Path) -> None:
    # ``Trong đó`` (of which) names some parts: a list that does not add up is no error
    report = check_text(tmp_path, _one_year("650.000.000"))
    assert errors_at(report) == []
    assert verdict_of(report) == "incomplete"


def test_rates_for_another_period_are_no_parts(tmp_path: Path) -> None:
    report = check_text(tmp_path, _one_year("600.000.000", "01 năm", "tháng"))
    assert errors_at(report) == []
    assert report.evaluation.total.ok is None
    assert verdict_of(report) == "incomplete"


def test_rates_under_an_amount_for_no_one_period_are_no_parts(tmp_path: Path) -> None:
    report = check_text(tmp_path, _one_year("600.000.000", "giai đoạn 2026-2030"))
    assert errors_at(report) == []
    assert report.evaluation.total.ok is None
    assert verdict_of(report) == "incomplete"


def _product_over_list(first: str, opener: str = "Trong đó") -> str:
    return (
        "KẾ HOẠCH THỰC HIỆN\n\nIII. DỰ TOÁN KINH PHÍ\n\n"
        "2. Kinh phí duy trì hệ thống giai đoạn 2026-2030: 840.000.000 đồng/năm\n"
        f"x 05 năm = 4.200.000.000 đồng. {opener}:\n\n"
        f"- Thuê đường truyền: {first} đồng.\n\n"
        "- Bảo trì thiết bị: 800.000.000 đồng.\n\n"
        "- Tập huấn người dùng:\n400.000.000 đồng.\n\n"
        "IV. TỔ CHỨC THỰC HIỆN\n\nGiao các sở triển khai.\n"
    )


@pytest.mark.parametrize("opener", ["Trong đó", "bao gồm", "cụ thể như sau"])
def test_a_computation_whose_result_the_list_under_it_breaks_down(tmp_path: Path, opener: str) -> None:
    report = check_text(tmp_path, _product_over_list("3.000.000.000", opener))
    assert errors_at(report) == []
    # the item (two ways to its amount) and the list under it, checked against the result
    assert _sums(report) == [(Decimal(4200000000), None), (Decimal(4200000000), True)]
    assert [(r.stated, r.ok) for r in report.evaluation.lines()] == [(Decimal(4200000000), True)]
    # computed once and broken down once: the amount counts once in the plan
    assert report.evaluation.total.children_sum == Decimal(4200000000)
    assert verdict_of(report) == "ok"


def test_a_list_under_a_computation_named_whole_that_does_not_add_up_is_an_error(tmp_path: Path) -> None:
    text = _product_over_list("3.100.000.000", "bao gồm")
    report = check_text(tmp_path, text)
    assert errors_at(report) == [("SECTION_SUM_MISMATCH", line_of(text, "x 05 năm"), Decimal(4200000000))]
    assert verdict_of(report) == "errors"


def test_a_list_of_some_parts_under_a_computation_is_no_breakdown_of_it(tmp_path: Path) -> None:
    report = check_text(tmp_path, _product_over_list("3.100.000.000"))
    assert errors_at(report) == []
    assert verdict_of(report) != "ok"
