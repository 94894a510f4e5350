"""A figure broken down in its own sentence, whatever words lead to it, and only by the
figures of that sentence. Invented texts, exact verdicts."""

from __future__ import annotations

from pathlib import Path

import pytest

from budget.findings import Severity
from tests.helpers import check_text, verdict_of


@pytest.mark.parametrize(
    ("text", "verdict", "errors"),
    [
        # no verb before the figure: the breakdown says it is a total of its parts
        ("Tổng thu ngân sách 9.200 tỷ đồng, trong đó: thu nội địa 8.900 tỷ đồng, thu khác 300 tỷ đồng.", "ok", []),
        # ``; trong đó:`` and a next sentence with figures of its own: those are no parts
        (
            "Năm 2025, Hội đồng nhân dân quyết nghị tổng chi 4.500,500 tỷ đồng; trong đó: chi đầu tư "
            "1.200,500 tỷ đồng, chi thường xuyên 3.300 tỷ đồng. Ước thực hiện cả năm là 4.700 tỷ đồng.",
            "incomplete",
            [],
        ),
        # ``bao gồm`` names every part: parts that do not add up are an error
        (
            "Tổng chi 4.500 tỷ đồng, bao gồm: chi đầu tư 1.200 tỷ đồng, chi thường xuyên 3.200 tỷ đồng.",
            "errors",
            ["TOTAL_MISMATCH"],
        ),
        # ``trong đó`` may name some parts only: not adding up is no error, the figures stay unchecked
        (
            "Tổng chi 4.500 tỷ đồng, trong đó: chi đầu tư 1.200 tỷ đồng, chi sự nghiệp giáo dục 2.100 tỷ đồng.",
            "incomplete",
            [],
        ),
    ],
)
def test_a_figure_broken_down_in_its_sentence(tmp_path: Path, text: str, verdict: str, errors: list[str]) -> None:
    report = check_text(tmp_path, "KẾ HOẠCH\n" + text + "\n")
    assert [f.code for f in report.findings if f.severity is Severity.ERROR] == errors
    assert verdict_of(report) == verdict
