# ruff: noqa: E501  (the cases are lines of documents, kept whole)
"""The classes of issue 20's table, each with cases of our own (not the issue's examples): a
correct text and the same text with one mistake, each with its exact verdict. A form the
reader does not read yet is ``incomplete`` (or ``no_budget``) both ways: never ``ok`` on a
mistake it did not read, never an error on a figure it did not read."""

from __future__ import annotations

from pathlib import Path

import pytest

from budget import check_file
from budget.findings import Severity
from plancheck.projection import project

# (class, correct text, its verdict, mistaken text, its verdict)
CASES = [
    (
        "plus_not_unit",
        "- Tiền ăn = 4 ngày x 70.000 đồng/ngày + 3 ngày x 50.000 đồng/ngày = 430.000 đồng",
        "ok",
        "- Tiền ăn = 4 ngày x 70.000 đồng/ngày + 3 ngày x 50.000 đồng/ngày = 440.000 đồng",
        "errors",
    ),
    (
        "braces",
        "- Chi in = { 30 bộ x 50.000 đồng/bộ + 10 bộ x 20.000 đồng/bộ } x 10% = 170.000 đồng",
        "ok",
        "- Chi in = { 30 bộ x 50.000 đồng/bộ + 10 bộ x 20.000 đồng/bộ } x 10% = 180.000 đồng",
        "errors",
    ),
    (
        "bracket_diff",
        "- Chênh lệch: (15.000.000 đồng – 11.000.000 đ) x 20% = 800.000 đồng",
        "ok",
        "- Chênh lệch: (15.000.000 đồng – 11.000.000 đ) x 20% = 900.000 đồng",
        "errors",
    ),
    (
        "division",
        "- Mức bình quân = 360 triệu đồng : 12 tháng = 30 triệu đồng",
        "ok",
        "- Mức bình quân = 360 triệu đồng : 12 tháng = 32 triệu đồng",
        "errors",
    ),
    (
        "fraction_month",
        "- Phụ cấp: 12/30 tháng x 450.000 đồng = 180.000 đồng",
        "ok",
        "- Phụ cấp: 12/30 tháng x 450.000 đồng = 190.000 đồng",
        "errors",
    ),
    (
        "two_relations",
        "- Thuê xe = 4 chuyến x 1.500.000 đồng = 6.000.000 đồng; còn phải trả 6.000.000 đồng - 2.000.000 đồng = 4.000.000 đồng",
        "ok",
        "- Thuê xe = 4 chuyến x 1.500.000 đồng = 6.000.000 đồng; còn phải trả 6.000.000 đồng - 2.000.000 đồng = 4.500.000 đồng",
        "errors",
    ),
    ("percent_result", "- Tỷ lệ: 4 x 15% = 60%", "ok", "- Tỷ lệ: 4 x 15% = 65%", "errors"),
    (
        "rounding_product",
        "- Trích: 3,17 tỷ đồng x 29% = 0,919 tỷ đồng",
        "ok",
        "- Trích: 3,17 tỷ đồng x 29% = 0,930 tỷ đồng",
        "errors",
    ),
    ("tr_abbrev", "- Chi: 20 x 15tr x 0,02% = 0,06 trđ", "ok", "- Chi: 20 x 15tr x 0,02% = 0,07 trđ", "errors"),
    (
        "spaced_comma",
        "- Chi: 3 người x 0, 15 triệu đồng/người = 0, 45 triệu đồng",
        "ok",
        "- Chi: 3 người x 0, 15 triệu đồng/người = 0, 55 triệu đồng",
        "errors",
    ),
    (
        "prose_product",
        "Hỗ trợ mức 200.000 đồng/người cho 1.350 người = 270.000.000 đồng.",
        "ok",
        "Hỗ trợ mức 200.000 đồng/người cho 1.350 người = 260.000.000 đồng.",
        "errors",
    ),
    (
        "share_parent",
        "Tổng kinh phí 800 triệu đồng, gồm:\n- Ngân sách tỉnh (60%) là 480 triệu đồng;\n- Ngân sách huyện (40%) là 320 triệu đồng.",
        "ok",
        "Tổng kinh phí 800 triệu đồng, gồm:\n- Ngân sách tỉnh (60%) là 500 triệu đồng;\n- Ngân sách huyện (40%) là 300 triệu đồng.",
        "errors",
    ),
    (
        "breakdown_sentence",
        "- Vốn là 600.000.000 đồng, bao gồm: vốn tỉnh là 420.000.000 đồng; vốn huyện là 180.000.000 đồng.",
        "ok",
        "- Vốn là 600.000.000 đồng, bao gồm: vốn tỉnh là 420.000.000 đồng; vốn huyện là 190.000.000 đồng.",
        "errors",
    ),
    (
        "split_paren",
        "- Hỗ trợ: 900.000 đồng/người (tỉnh 700.000 đồng; huyện 200.000 đồng) x 40 người = 36.000.000 đồng",
        "ok",
        "- Hỗ trợ: 900.000 đồng/người (tỉnh 700.000 đồng; huyện 100.000 đồng) x 40 người = 36.000.000 đồng",
        "errors",
    ),
    (
        "result_first_parts",
        "- Chi hội nghị: 3.400.000 đồng (3.000.000 đồng + 400.000 đồng)",
        "ok",
        "- Chi hội nghị: 3.500.000 đồng (3.000.000 đồng + 400.000 đồng)",
        "errors",
    ),
    (
        "percent_sum",
        "Chi khoa học chiếm 2,9% tổng chi, gồm 2,4% chi thường xuyên và 0,5% chi đầu tư.",
        "no_budget",
        "Chi khoa học chiếm 2,9% tổng chi, gồm 2,4% chi thường xuyên và 0,7% chi đầu tư.",
        "incomplete",  # a sum of percentages that differs: said not checked (COUNT_SUM_NOT_CHECKED)
    ),
    (
        "second_currency",
        "Tổng vốn: 7.000 triệu đồng (300.000 USD), gồm:\n- Vốn ODA: 180.000 USD;\n- Vốn đối ứng: 120.000 USD.",
        "incomplete",
        "Tổng vốn: 7.000 triệu đồng (300.000 USD), gồm:\n- Vốn ODA: 180.000 USD;\n- Vốn đối ứng: 110.000 USD.",
        "incomplete",
    ),
    (
        "words_paren",
        "Tổng kinh phí: 3.600.000 đồng (ba triệu sáu trăm nghìn đồng)\n- Thuê xe: 2 chuyến x 1.800.000 đồng/chuyến = 3.600.000 đồng",
        "ok",
        "Tổng kinh phí: 3.600.000 đồng (ba triệu bảy trăm nghìn đồng)\n- Thuê xe: 2 chuyến x 1.800.000 đồng/chuyến = 3.600.000 đồng",
        "errors",
    ),
    (
        "count_keyword",
        "Tổng số người được hỗ trợ là 300 người, với số tiền là 60.000.000 đồng.\nTổng kinh phí: 60.000.000 đồng\n- Hỗ trợ: 300 người x 200.000 đồng/người = 60.000.000 đồng",
        "incomplete",
        "Tổng số người được hỗ trợ là 300 người, với số tiền là 60.000.000 đồng.\nTổng kinh phí: 70.000.000 đồng\n- Hỗ trợ: 300 người x 200.000 đồng/người = 60.000.000 đồng",
        "errors",
    ),
    (
        "flattened_rows",
        "STT SL Đơn giá Thành tiền 1 500 500 x 4.000 = 2.000.000 2 800 800 x 4.000 = 3.200.000",
        "incomplete",
        "STT SL Đơn giá Thành tiền 1 500 500 x 4.000 = 2.000.000 2 800 800 x 4.000 = 3.300.000",
        "incomplete",
    ),
]


def _verdict(tmp_path: Path, text: str) -> tuple[str, list[str]]:
    path = tmp_path / "plan.txt"
    path.write_text("KẾ HOẠCH\n" + text + "\n", encoding="utf-8")
    report = check_file(path)
    return project(report).verdict.kind.value, [f.code for f in report.findings if f.severity is Severity.ERROR]


@pytest.mark.parametrize(
    ("name", "correct", "correct_verdict", "wrong", "wrong_verdict"), CASES, ids=[c[0] for c in CASES]
)
def test_class_verdicts(
    tmp_path: Path, name: str, correct: str, correct_verdict: str, wrong: str, wrong_verdict: str
) -> None:
    kind, errors = _verdict(tmp_path, correct)
    assert (kind, errors) == (correct_verdict, []), name
    kind, errors = _verdict(tmp_path, wrong)
    assert kind == wrong_verdict, name
    assert bool(errors) == (wrong_verdict == "errors"), (name, errors)
