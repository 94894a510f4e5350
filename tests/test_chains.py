"""Chains of ``=`` whose sides restate one result, and a percentage with its computation in
brackets after it. Invented texts, exact verdicts and findings."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from budget.api import check_file
from budget.findings import Severity
from plancheck.projection import project

_MONEY = "1. Chi hội nghị: 2 ngày x 1.000.000 đồng/ngày = 2.000.000 đồng.\n"


def _run(tmp_path: Path, line: str) -> tuple[str, list[str], list[str]]:
    path = tmp_path / "plan.txt"
    path.write_text("KẾ HOẠCH\n" + _MONEY + "2. " + line + "\n", encoding="utf-8")
    report = check_file(path)
    errors = [f.code for f in report.findings if f.severity is Severity.ERROR]
    others = [f.code for f in report.findings if f.severity is not Severity.ERROR and f.code != "TOTAL_MISSING"]
    return project(report).verdict.kind.value, errors, others


@pytest.mark.parametrize(
    ("line", "verdict", "errors", "others"),
    [
        # sides that restate the result by other computations: each checked against it
        (
            "Thuê xe: 2.500.000 đồng x 4 = 10.000.000 đồng = 5.000.000 đồng x 2 = 10.000.000 đồng.",
            "ok",
            [],
            ["CHAIN_RESTATED"],
        ),
        (
            "Thuê xe: 2.500.000 đồng x 4 = 10.000.000 đồng = 5.000.000 đồng x 2 = 11.000.000 đồng.",
            "errors",
            ["PRODUCT_MISMATCH"],
            ["CHAIN_RESTATED"],
        ),
        (
            "Tỷ lệ hoàn thành = 3/(9+3) x 100% = 3/12 x 100% = 25%.",
            "ok",
            [],
            ["CHAIN_RESTATED"],
        ),
        (
            "Tỷ lệ hoàn thành = 3/(9+3) x 100% = 3/12 x 100% = 30%.",
            "errors",
            ["PRODUCT_MISMATCH"],
            ["CHAIN_RESTATED"],
        ),
        # an ordinary chain goes on from the figure before: no restatement to say
        ("Bồi dưỡng: 27 người x 5 triệu đồng/người/năm = 135 triệu đồng/năm x 5 năm = 675 triệu đồng.", "ok", [], []),
        # a percentage and its computation in brackets after it
        ("Tỷ lệ giáo viên đạt chuẩn là 40% (= 8/20 x 100%).", "ok", [], []),
        ("Tỷ lệ giáo viên đạt chuẩn là 45% (= 8/20 x 100%).", "errors", ["PRODUCT_MISMATCH"], []),
        # a chain of restatements inside the brackets: each side a whole computation of the figure
        (
            "Tỷ lệ giáo viên đạt chuẩn là 40% (= 8/(12+8) x 100% = 8/20 x 100%).",
            "ok",
            [],
            ["CHAIN_RESTATED"],
        ),
        (
            "Tỷ lệ giáo viên đạt chuẩn là 45% (= 8/(12+8) x 100% = 8/20 x 100%).",
            "errors",
            ["PRODUCT_MISMATCH"],
            ["CHAIN_RESTATED"],
        ),
        # the figure rounded from what both sides compute (66,666...%)
        (
            "Phần đã khấu hao là 66,67% (=4/(2+4) x 100 %=4/6 x 100 %).",
            "ok",
            [],
            ["PRODUCT_ROUNDING", "CHAIN_RESTATED"],
        ),
        (
            "Số suất ăn là 120 (= 4 x (10 + 20) = 4 x 30).",
            "ok",
            [],
            ["CHAIN_RESTATED"],
        ),
        (
            "Số suất ăn là 150 (= 4 x (10 + 20) = 4 x 30).",
            "errors",
            ["PRODUCT_MISMATCH"],
            ["CHAIN_RESTATED"],
        ),
        # sides that disagree with each other: which one the figure restates is not known
        (
            "Tỷ lệ giáo viên đạt chuẩn là 40% (= 8/(12+8) x 100% = 8/16 x 100%).",
            "incomplete",
            [],
            ["COSTLINE_UNREADABLE"],
        ),
        # steps that go on from a figure written inside the brackets: not read, said
        (
            "Số suất ăn là 120 (= 4 x 3 = 12 x 10).",
            "incomplete",
            [],
            ["COSTLINE_UNREADABLE"],
        ),
    ],
)
def test_chain_and_bracket_forms(tmp_path: Path, line: str, verdict: str, errors: list[str], others: list[str]) -> None:
    assert _run(tmp_path, line) == (verdict, errors, others)


def test_a_figure_read_twice_in_a_chain_is_doubted_once(tmp_path: Path) -> None:
    # the result of the first step is the first operand of the next: one figure, one warning
    path = tmp_path / "t.txt"
    path.write_text("KẾ HOẠCH\n- Công: 3000đ/h x22 ngày = 66,000đ/ tháng x4 tháng = 284,000/năm\n", encoding="utf-8")
    doubted = [(f.source.col, f.args["text"]) for f in check_file(path).findings if f.code == "NUMBER_AMBIGUOUS"]
    assert doubted == [(28, "66,000"), (54, "284,000")]


def test_a_wrong_figure_before_a_restated_chain_is_named_at_its_place(tmp_path: Path) -> None:
    # ``45%`` against two sides that both compute 40%: the error is the figure written first
    path = tmp_path / "t.txt"
    path.write_text("KẾ HOẠCH\n- Tỷ lệ đạt chuẩn là 45% (= 8/(12+8) x 100% = 8/20 x 100%).\n", encoding="utf-8")
    errors = [f for f in check_file(path).findings if f.severity is Severity.ERROR]
    assert [(f.code, f.source.line, f.source.col, f.actual, f.expected) for f in errors] == [
        ("PRODUCT_MISMATCH", 2, 22, Decimal(45), Decimal(40))
    ]
