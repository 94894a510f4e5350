"""A budget that is one table: its ``Cộng``/``Tổng cộng`` row states the document's total, in
text and in CSV alike; a wrong total row is named at its cell, never taken for the items' sum."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from budget.evaluate import evaluate
from tests.helpers import check_text, errors_at, verdict_of

_ROWS = [
    ["STT", "Nội dung", "Số lượng", "Đơn giá", "Thành tiền"],
    ["I", "Tập huấn", "", "", "3.000.000"],
    ["1", "Thuê hội trường", "2", "1.000.000", "2.000.000"],
    ["2", "Nước uống", "40", "25.000", "1.000.000"],
    ["II", "In tài liệu", "", "", "500.000"],
    ["1", "Photo", "50", "10.000", "500.000"],
    ["", "Tổng cộng", "", "", "{total}"],
]


def _text(form: str, total: str) -> tuple[str, str]:
    rows = [[c.replace("{total}", total) for c in r] for r in _ROWS]
    if form == "csv":
        return "\n".join(",".join(f'"{c}"' for c in r) for r in rows) + "\n", "t.csv"
    return "DỰ TOÁN KINH PHÍ\n\n" + "\n".join("| " + " | ".join(r) + " |" for r in rows) + "\n", "t.txt"


@pytest.mark.parametrize("form", ["pipe", "csv"])
def test_the_total_row_of_a_budget_that_is_one_table_is_its_total(tmp_path: Path, form: str) -> None:
    text, name = _text(form, "3.500.000")
    report = check_text(tmp_path, text, name)
    assert report.plan.total is not None and report.plan.total.value == Decimal(3500000)
    ev = evaluate(report.plan)
    assert (ev.total.stated, ev.total.children_sum, ev.total.ok) == (Decimal(3500000), Decimal(3500000), True)
    assert errors_at(report) == [] and verdict_of(report) == "ok"


@pytest.mark.parametrize("form", ["pipe", "csv"])
def test_a_wrong_total_row_is_named_at_its_cell(tmp_path: Path, form: str) -> None:
    text, name = _text(form, "3.600.000")
    report = check_text(tmp_path, text, name)
    assert [(code, actual) for code, _line, actual in errors_at(report)] == [("SECTION_SUM_MISMATCH", Decimal(3600000))]
    assert report.plan.total is not None and report.plan.total.value == Decimal(3600000)
