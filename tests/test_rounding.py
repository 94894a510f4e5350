"""Rounding tolerated only as far as the figures' precision explains (XBRL Calculation 1.1).

A figure written in whole triệu stands for ± 0,5 triệu; a product of exact factors, and a
sum of exact parts, has no slack. A sum whose stated figure's interval overlaps the interval
of its parts' sum is a warning that gives the interval; beyond it, an error.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from budget import messages
from budget.api import Report, check_file
from budget.evaluate import half_unit
from budget.findings import Severity
from budget.model import Amount
from budget.units import DONG, NGHIN, TRIEU, TY
from plancheck.projection import VerdictKind, project
from tests.helpers import assert_message


def _check(tmp_path: Path, text: str) -> Report:
    path = tmp_path / "plan.txt"
    path.write_text(text, encoding="utf-8")
    return check_file(path)


def _lump_plan(parts: list[int], stated: int, unit: str = "triệu đồng") -> str:
    lines = ["KẾ HOẠCH TỔ CHỨC HOẠT ĐỘNG", "III. KINH PHÍ THỰC HIỆN"]
    lines += [f"{i}. Nội dung chi số {i}: {p:,} {unit}".replace(",", ".") for i, p in enumerate(parts, 1)]
    lines.append(f"Tổng kinh phí: {stated:,} {unit}".replace(",", "."))
    return "\n".join(lines) + "\n"


def _sum_findings(report: Report) -> list[tuple[str, Severity]]:
    return [(f.code, f.severity) for f in report.findings if f.code.startswith(("TOTAL_", "SECTION_SUM"))]


def test_half_unit_of_a_figure() -> None:
    assert half_unit(Amount(Decimal("258758"), TRIEU, None)) == Decimal(500_000)  # type: ignore[arg-type]
    assert half_unit(Amount(Decimal("1617.352"), TY, None)) == Decimal(500_000)  # type: ignore[arg-type]
    assert half_unit(Amount(Decimal("105.000"), TY, None)) == Decimal(500_000)  # type: ignore[arg-type]
    assert half_unit(Amount(Decimal("12500"), NGHIN, None)) == Decimal(500)  # type: ignore[arg-type]
    assert half_unit(Amount(Decimal("46980000"), DONG, None)) == 0  # type: ignore[arg-type]
    assert half_unit(Amount(Decimal("1.5"), NGHIN, None)) == Decimal(50)  # type: ignore[arg-type]
    assert half_unit(Amount(Decimal("0.001"), NGHIN, None)) == 0  # type: ignore[arg-type]
    assert half_unit(None) == 0


# (parts, tolerance in triệu): n parts each ± 0,5 and the stated figure ± 0,5
_CASES = [(2, Decimal("1.5")), (4, Decimal("2.5")), (20, Decimal("10.5"))]


def test_sum_of_rounded_parts_inside_and_just_outside(tmp_path: Path) -> None:
    for n, tolerance in _CASES:
        parts = [100 + 7 * i for i in range(n)]
        summed = sum(parts)
        inside = int(tolerance)  # the largest whole difference the interval holds
        report = _check(tmp_path, _lump_plan(parts, summed + inside))
        found = [f for f in report.findings if f.code == "TOTAL_ROUNDING"]
        assert [(f.severity, f.args["slack"], f.args["parts"]) for f in found] == [(Severity.WARNING, tolerance, n)], n
        assert found[0].expected == summed and found[0].actual == summed + inside
        assert not [f for f in report.findings if f.severity is Severity.ERROR], n
        assert report.evaluation.total.ok is False  # still reported as differing
        # one triệu more: outside the interval, an error
        report = _check(tmp_path, _lump_plan(parts, summed + inside + 1))
        assert _sum_findings(report) == [("TOTAL_MISMATCH", Severity.ERROR)], n
        # and the exact sum: nothing at all
        assert _sum_findings(_check(tmp_path, _lump_plan(parts, summed))) == [], n


def test_rounding_message_gives_the_interval(tmp_path: Path) -> None:
    report = _check(tmp_path, _lump_plan([301, 200, 150, 100], 750))
    (f,) = [f for f in report.findings if f.code == "TOTAL_ROUNDING"]
    text = messages.render(f.code, f.args)
    assert "chênh -1 triệu đồng" in text and "± 2,5 triệu đồng" in text and "4 khoản" in text


def test_exact_products_have_no_slack(tmp_path: Path) -> None:
    text = (
        "KẾ HOẠCH\nIII. KINH PHÍ THỰC HIỆN\n"
        "1. Bồi dưỡng báo cáo viên: 10 người x 2 triệu đồng/người = 20 triệu đồng\n"
        "2. Tài liệu: 300 bộ x 0,05 triệu đồng/bộ = 15 triệu đồng\n"
        "3. Nước uống: 300 người x 0,02 triệu đồng/người x 5 ngày = 30 triệu đồng\n"
        "Tổng kinh phí: 66 triệu đồng\n"
    )
    report = _check(tmp_path, text)
    # the parts are exact products: only the stated total's own ± 0,5 triệu, so 1 triệu is an error
    assert _sum_findings(report) == [("TOTAL_MISMATCH", Severity.ERROR)]
    assert report.evaluation.total.slack == Decimal(500_000)
    # and a product whose digits the result could show is compared exactly, whatever unit its
    # result is written in
    text = "KẾ HOẠCH\nIII. KINH PHÍ\n1. Hội nghị: 7 người x 0,15 triệu đồng = 1,2 triệu đồng\n"
    report = _check(tmp_path, text)
    assert [f.code for f in report.findings if f.severity is Severity.ERROR] == ["PRODUCT_MISMATCH"]


def test_a_subtotal_of_exact_parts_is_exact_upwards(tmp_path: Path) -> None:
    text = (
        "KẾ HOẠCH\nIII. KINH PHÍ THỰC HIỆN\n"
        "1. Tập huấn: 20 triệu đồng\n"
        "a) Giảng viên: 4 người x 2 triệu đồng = 8 triệu đồng\n"
        "b) Học viên: 60 người x 0,2 triệu đồng = 12 triệu đồng\n"
        "2. Tuyên truyền: 130 triệu đồng\n"
        "Tổng kinh phí: 151 triệu đồng\n"
    )
    report = _check(tmp_path, text)
    # section 1 is exact (its parts are products); only section 2 (a lump) and the total are rounded
    assert report.evaluation.total.slack == Decimal(1_000_000)
    (f,) = [f for f in report.findings if f.code == "TOTAL_ROUNDING"]
    assert f.args["parts"] == 1 and f.args["slack"] == 1


def test_section_within_rounding_is_a_warning_at_its_figure(tmp_path: Path) -> None:
    text = (
        "NGHỊ QUYẾT\nĐiều 2. Phân bổ dự toán\n"
        "Tổng dự toán chi: 7.432 triệu đồng, gồm:\n"  # every figure used by a sum: a complete reading
        "- Chi đầu tư phát triển: 2.000 triệu đồng\n"
        "- Chi thường xuyên chưa phân bổ: 5.432 triệu đồng; bao gồm:\n"
        "+ Kinh phí sự nghiệp giáo dục: 1.201 triệu đồng\n"
        "+ Kinh phí sự nghiệp y tế: 3.100 triệu đồng\n"
        "+ Kinh phí quản lý hành chính: 1.130 triệu đồng\n"
    )
    report = _check(tmp_path, text)
    (f,) = [f for f in report.findings if f.code.startswith("SECTION_SUM")]
    assert (f.code, f.severity, f.source.line, f.source.col) == ("SECTION_SUM_ROUNDING", Severity.WARNING, 5, 34)
    assert (f.expected, f.actual, f.args["slack"]) == (Decimal(5431), Decimal(5432), Decimal(2))
    assert not [g for g in report.findings if g.severity is Severity.ERROR]
    # the sum still differs (ok is False) but the verdict counts it as a warning, not an error
    assert [s.ok for s in report.evaluation.sections() if s.children] == [False]
    verdict = project(report).verdict
    assert verdict.kind is VerdictKind.OK and verdict.headline == "KẾT QUẢ: KHỚP"
    assert verdict.detail.startswith("Mọi phép nhân khớp; 1 tổng chênh trong phạm vi làm tròn")


def test_amounts_in_dong_are_exact(tmp_path: Path) -> None:
    report = _check(tmp_path, _lump_plan([1_500_000, 2_300_000], 3_800_001, "đồng"))
    assert _sum_findings(report) == [("TOTAL_MISMATCH", Severity.ERROR)]


def test_decimals_of_ty_set_the_interval(tmp_path: Path) -> None:
    # figures in tỷ with three decimals are whole triệu: ± 0,0005 tỷ each
    text = (
        "NGHỊ QUYẾT\nĐiều 1. Dự toán\n"
        "1. Chi đầu tư: 120,125 tỷ đồng\n2. Chi thường xuyên: 340,250 tỷ đồng\n"
        "Tổng kinh phí: 460,376 tỷ đồng\n"
    )
    (f,) = [f for f in _check(tmp_path, text).findings if f.code.startswith("TOTAL_")]
    assert (f.code, f.args["slack"]) == ("TOTAL_ROUNDING", Decimal("0.0015"))
    text = text.replace("460,376", "460,377")
    (f,) = [f for f in _check(tmp_path, text).findings if f.code.startswith("TOTAL_")]
    assert f.code == "TOTAL_MISMATCH"


def _rounded(value: int, unit: int) -> int:
    return int((Decimal(value) / unit).quantize(Decimal(1), rounding=ROUND_HALF_UP))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.integers(1_000_000, 900_000_000_000), min_size=2, max_size=20))
def test_honest_rounding_is_never_an_error(tmp_path: Path, true_values: list[int]) -> None:
    """Parts and total each rounded to whole triệu from the true amounts in đồng: never an error."""
    parts = [_rounded(v, 1_000_000) for v in true_values]
    stated = _rounded(sum(true_values), 1_000_000)
    report = _check(tmp_path, _lump_plan(parts, stated))
    assert [c for c, s in _sum_findings(report) if s is Severity.ERROR] == []
    # and a figure beyond what the rounding of n parts and the total can explain is one
    report = _check(tmp_path, _lump_plan(parts, sum(parts) + (len(parts) + 1) // 2 + 1))
    assert ("TOTAL_MISMATCH", Severity.ERROR) in _sum_findings(report)


_ABOUT = (
    "KẾ HOẠCH\nIV. KINH PHÍ\nTổng kinh phí dự kiến {words} 500 triệu đồng, gồm:\n"
    "1. Tập huấn: 200 triệu đồng.\n2. Tuyên truyền: {b} triệu đồng.\n"
)


@pytest.mark.parametrize(
    ("words", "b", "codes"),
    [
        # ``khoảng 500``: about so much, as precise as its last digit that is not a zero (± 50)
        ("khoảng", "310", [("TOTAL_ROUNDING", "warning")]),
        ("khoảng", "300", []),
        ("khoảng", "340", [("TOTAL_ROUNDING", "warning")]),
        # past the figure's own precision: an error all the same
        ("khoảng", "360", [("TOTAL_MISMATCH", "error")]),
        # a figure said to be so much is as precise as it is written
        ("là", "310", [("TOTAL_MISMATCH", "error")]),
        # the other words for about so much state the total too (it was not read after them)
        ("xấp xỉ", "310", [("TOTAL_ROUNDING", "warning")]),
        ("xấp xỉ", "360", [("TOTAL_MISMATCH", "error")]),
        ("gần", "340", [("TOTAL_ROUNDING", "warning")]),
        ("chừng", "300", []),
        # an estimate (``ước tính``) states the total as precisely as it is written
        ("ước tính", "300", []),
        ("ước tính", "310", [("TOTAL_MISMATCH", "error")]),
    ],
)
def test_a_figure_said_to_be_about_so_much(tmp_path: Path, words: str, b: str, codes: list[tuple[str, str]]) -> None:
    path = tmp_path / "plan.txt"
    path.write_text(_ABOUT.format(words=words, b=b), encoding="utf-8")
    report = check_file(path)
    assert [(f.code, f.severity.value) for f in report.findings if f.code.startswith("TOTAL")] == codes


def test_a_total_about_so_much_over_exact_parts_is_within_its_own_rounding(tmp_path: Path) -> None:
    """Parts written to the đồng hide no rounding: the slack is the stated figure's own (± 50 triệu)."""
    path = tmp_path / "plan.txt"
    text = _ABOUT.format(words="khoảng", b="310")
    path.write_text(
        text.replace("200 triệu đồng", "200.000.123 đồng").replace("310 triệu đồng", "310.000.457 đồng"),
        encoding="utf-8",
    )
    (f,) = [f for f in check_file(path).findings if f.code == "TOTAL_ROUNDING"]
    assert_message(
        f,
        "TOTAL_ROUNDING",
        "Tổng kinh phí ghi 500 triệu đồng, cộng các mục được 510,00058 triệu đồng (chênh -10,00058 triệu đồng), "
        "trong phạm vi làm tròn ± 50 triệu đồng của chính số ghi; không phải lỗi cộng nếu các số được làm tròn.",
        en="The grand total states 500 triệu đồng, the sections add up to 510.00058 triệu đồng (difference "
        "-10.00058 triệu đồng), within the ± 50 triệu đồng rounding of the stated figure itself; not an addition "
        "error if the figures were rounded.",
    )
