"""A share in prose of the figure the line before states as its result (``prose_share.py``).
Invented texts; exact verdicts, codes, figures and lines."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from budget.api import Report
from budget.findings import Severity
from tests.helpers import check_text, errors_at

_BEFORE = "Chi phí thuê hội trường = 4 ngày x 2.500.000 đồng/ngày = 10.000.000 đồng\n"


def _shares(report: Report) -> list[tuple[int | None, Decimal, Decimal, Decimal, bool | None]]:
    """Each share read: (line of its amount, rate, base, stated, whether it agrees)."""
    out = []
    for line, result in zip(report.plan.side, report.evaluation.side, strict=True):
        factors = line.steps[0].factors
        if len(factors) == 2 and factors[0].percent:
            out.append((line.stated.source.line, factors[0].value, factors[1].value, line.stated.value, result.ok))
    return out


def _warnings(report: Report) -> list[tuple[str, int | None]]:
    return [(f.code, f.source.line) for f in report.findings if f.severity is Severity.WARNING]


def test_a_share_of_the_result_just_before_is_read_and_agrees(tmp_path: Path) -> None:
    text = _BEFORE + "Hai đơn vị thống nhất chia nhau 40% số tiền trên. Như vậy phần của đơn vị A là: 4.000.000 đồng.\n"
    report = check_text(tmp_path, text)
    assert errors_at(report) == []
    assert _shares(report) == [(2, Decimal(40), Decimal(10000000), Decimal(4000000), True)]
    assert ("UNCHECKED_AMOUNT", 2) not in _warnings(report)


def test_a_share_rounded_to_its_last_digit_is_a_rounding_warning(tmp_path: Path) -> None:
    text = (
        "Giá trị tài sản tại thời điểm định giá là: 2.469,5 triệu đồng x 1,1 = 2.716,45 triệu đồng\n"
        "Bên B được hưởng 35% giá trị này; làm tròn là: 950,8 triệu đồng.\n"
    )
    report = check_text(tmp_path, text)
    assert errors_at(report) == []
    assert _shares(report) == [(2, Decimal(35), Decimal("2716.45"), Decimal("950.8"), False)]
    assert ("PRODUCT_ROUNDING", 2) in _warnings(report)


def test_a_share_that_does_not_agree_is_never_judged(tmp_path: Path) -> None:
    """The base is the reader's, not the text's: a figure that is no share of it stays unchecked."""
    for line in (
        "Hai đơn vị thống nhất chia nhau 40% số tiền trên. Như vậy phần của đơn vị A là: 4.400.000 đồng.\n",
        # two figures besides the rate: the line says more than a share
        "Hai đơn vị chia nhau 40% số tiền trên, tối đa 5 lần. Phần của đơn vị A là: 4.000.000 đồng.\n",
        # two rates: which one is not known
        "Đơn vị A nhận 40% và đơn vị B nhận 60% số tiền trên. Phần của đơn vị A là: 4.000.000 đồng.\n",
    ):
        report = check_text(tmp_path, _BEFORE + line)
        assert errors_at(report) == [], line
        assert _shares(report) == [], line
        assert ("UNCHECKED_AMOUNT", 2) in _warnings(report), line


def test_a_share_of_a_figure_no_computation_gives_is_never_judged(tmp_path: Path) -> None:
    text = (
        "Tổng lợi nhuận năm là 10.000.000 đồng.\nHai bên chia nhau 40% lợi nhuận. Phần của bên A là: 4.000.000 đồng.\n"
    )
    report = check_text(tmp_path, text)
    assert errors_at(report) == []
    assert _shares(report) == []
