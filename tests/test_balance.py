"""Revenue and spending of the same budget stated side by side: checked to balance."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from budget.api import check_file
from budget.balance import find_balances
from budget.findings import Severity
from plancheck.projection import VerdictKind, project

_RESOLUTION = """NGHỊ QUYẾT
Về dự toán ngân sách huyện năm 2025
Điều 1. Thông qua dự toán ngân sách năm 2025 như sau:
1. Tổng thu ngân sách huyện năm 2025 là: {thu} triệu đồng.
2. Tổng chi ngân sách huyện năm 2025 là: {chi} triệu đồng.
Điều 2. Phân bổ ngân sách cấp xã
1. Tổng thu ngân sách cấp xã: 84.500 triệu đồng
2. Tổng chi ngân sách cấp xã: 84.500 triệu đồng
3. Tổng chi đầu tư phát triển: 12.000 triệu đồng
"""


def _report(tmp_path: Path, thu: str, chi: str):  # type: ignore[no-untyped-def]
    path = tmp_path / "nq.txt"
    path.write_text(_RESOLUTION.format(thu=thu, chi=chi), encoding="utf-8")
    return check_file(path)


def test_pairs_are_found_per_budget(tmp_path: Path) -> None:
    report = _report(tmp_path, "1.250.300", "1.250.300")
    pairs = [(b.subject, b.revenue_dong, b.spending_dong, b.ok) for b in find_balances(report.plan.items)]
    assert pairs == [
        ("ngân sách huyện", Decimal(1_250_300_000_000), Decimal(1_250_300_000_000), True),
        ("ngân sách cấp xã", Decimal(84_500_000_000), Decimal(84_500_000_000), True),
    ]
    sums = [(s.kind, s.stated, s.computed, s.ok) for s in project(report).sums if s.kind == "balance"]
    assert sums == [
        ("balance", Decimal("1250300"), Decimal("1250300"), True),
        ("balance", Decimal("84500"), Decimal("84500"), True),
    ]
    assert not [f for f in report.findings if f.code == "BALANCE_DIFFERS"]


def test_unbalanced_budget_is_a_warning_at_the_spending(tmp_path: Path) -> None:
    report = _report(tmp_path, "1.250.300", "1.262.300")
    (f,) = [f for f in report.findings if f.code == "BALANCE_DIFFERS"]
    assert (f.severity, f.source.line, f.expected, f.actual) == (
        Severity.WARNING,
        5,
        Decimal(1_250_300),
        Decimal(1_262_300),
    )
    assert f.args["difference"] == Decimal(12_000) and f.args["subject"] == "ngân sách huyện"
    # a warning, not an error: a deficit may be intended; what keeps it from KHỚP is the
    # investment figure of line 9, which nothing computes or compares
    verdict = project(report).verdict
    assert (verdict.kind, verdict.headline) == (
        VerdictKind.INCOMPLETE,
        "CHƯA KIỂM TRA HẾT: 1 số tiền chưa được kiểm tra",
    )
    assert [(f.code, f.source.line) for f in report.findings if f.code == "UNCHECKED_AMOUNT"] == [
        ("UNCHECKED_AMOUNT", 9)
    ]


def test_different_budgets_are_not_paired(tmp_path: Path) -> None:
    text = (
        "NGHỊ QUYẾT\nĐiều 1.\n1. Tổng thu ngân sách nhà nước trên địa bàn: 900 tỷ đồng\n"
        "2. Tổng chi ngân sách địa phương: 1.400 tỷ đồng\n"
    )
    path = tmp_path / "nq.txt"
    path.write_text(text, encoding="utf-8")
    assert find_balances(check_file(path).plan.items) == []


def test_no_total_in_words_for_a_sum_of_revenue_and_spending(tmp_path: Path) -> None:
    report = _report(tmp_path, "1.250.300", "1.250.300")
    assert report.plan.total is None
    assert project(report).total_words is None  # adding revenue to spending is no budget total


def test_a_balanced_budget_before_an_unbalanced_one(tmp_path: Path) -> None:
    text = _RESOLUTION.format(thu="1.250.300", chi="1.250.300").replace(
        "2. Tổng chi ngân sách cấp xã: 84.500", "2. Tổng chi ngân sách cấp xã: 85.000"
    )
    path = tmp_path / "nq.txt"
    path.write_text(text, encoding="utf-8")
    (f,) = [f for f in check_file(path).findings if f.code == "BALANCE_DIFFERS"]
    assert (f.severity, f.source.line, f.expected, f.actual, f.args["subject"]) == (
        Severity.WARNING,
        8,
        Decimal(84_500),
        Decimal(85_000),
        "ngân sách cấp xã",
    )
