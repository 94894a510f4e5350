"""A prose product whose count, rate and duration each have a clause of their own, joined by
``;``, before the result (``Số học sinh là 1.240 em; mức hỗ trợ 150.000 đồng/em/tháng; thời gian
9 tháng; tổng kinh phí là ...``). Read over the clauses only when nothing in them was read and
the prose rules hold; otherwise unread, never an error. Invented texts, exact verdicts."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from budget.findings import Severity
from budget.numbers import format_vn
from tests.helpers import check_text, verdict_of

_SUPPORT = (
    "KẾ HOẠCH\nIII. KINH PHÍ\n"
    "Tổng số học sinh được hỗ trợ là 1.240 em; mức hỗ trợ 150.000 đồng/em/tháng; thời gian hỗ trợ 9 tháng;"
    " tổng kinh phí là {result} đồng.\n"
)


def _errors(tmp_path: Path, text: str) -> tuple[str, list[tuple[str, int | None, int | None]]]:
    report = check_text(tmp_path, text)
    errors = [(f.code, f.source.line, f.source.col) for f in report.findings if f.severity is Severity.ERROR]
    return verdict_of(report), errors


def test_a_product_over_clauses_is_read_and_checked(tmp_path: Path) -> None:
    assert _errors(tmp_path, _SUPPORT.format(result="1.674.000.000")) == ("ok", [])
    assert _errors(tmp_path, _SUPPORT.format(result="1.764.000.000")) == ("errors", [("PRODUCT_MISMATCH", 3, 120)])


@pytest.mark.parametrize(
    "text",
    [
        # a count the rate is not per: its units do not cancel
        "Số xã là 15 xã; mức hỗ trợ 150.000 đồng/em/tháng; thời gian 9 tháng; tổng kinh phí là 20.250.000 đồng.",
        # two rates: which one the result is of is unknown
        "Mức 100.000 đồng/em/tháng; mức 50.000 đồng/em/tháng; 30 em; thời gian 9 tháng;"
        " tổng kinh phí là 40.500.000 đồng.",
        # a sentence ends between the clauses: no product is joined over it
        "Số học sinh là 300 em. Mức hỗ trợ 150.000 đồng/em/tháng; thời gian 9 tháng;"
        " tổng kinh phí là 405.000.000 đồng.",
    ],
)
def test_clauses_that_make_no_whole_product_are_not_judged(tmp_path: Path, text: str) -> None:
    verdict, errors = _errors(tmp_path, "KẾ HOẠCH\n" + text + "\n")
    assert (verdict, errors) == ("incomplete", [])


def test_a_clause_read_on_its_own_starts_a_new_run(tmp_path: Path) -> None:
    """A clause with a product of its own is read alone; the prose after it is joined only from
    the next clause on."""
    text = (
        "KẾ HOẠCH\nIII. KINH PHÍ\n"
        "Tổng kinh phí là 113.500.000 đồng, gồm:\n"
        "- Tài liệu: 50 bộ x 70.000 đồng/bộ = 3.500.000 đồng; số hộ là 40 hộ; mức 250.000 đồng/hộ/tháng;"
        " thời gian 11 tháng; kinh phí hỗ trợ là 110.000.000 đồng.\n"
    )
    assert _errors(tmp_path, text) == ("ok", [])


_NOUNS = ("người", "hộ", "học sinh", "em", "giáo viên")


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(
    count=st.integers(2, 5000),
    rate=st.integers(1, 900).map(lambda n: n * 1000),
    months=st.integers(1, 12),
    noun=st.sampled_from(_NOUNS),
    order=st.permutations(range(3)),
    slip=st.sampled_from([0, 1, -1, 1000]),
)
def test_any_order_of_clauses_reads_the_product(
    tmp_path: Path, count: int, rate: int, months: int, noun: str, order: list[int], slip: int
) -> None:
    """Count, rate and duration in any order: right when the result is, one error at the result
    when it is not."""
    clauses = [
        f"số đối tượng là {format_vn(Decimal(count))} {noun}",
        f"mức hỗ trợ {format_vn(Decimal(rate))} đồng/{noun}/tháng",
        f"thời gian hỗ trợ {months} tháng",
    ]
    result = count * rate * months + slip
    text = "; ".join(clauses[i] for i in order) + f"; tổng kinh phí là {format_vn(Decimal(result))} đồng."
    verdict, errors = _errors(tmp_path, "KẾ HOẠCH\nIII. KINH PHÍ\n" + text[0].upper() + text[1:] + "\n")
    if slip == 0:
        assert (verdict, errors) == ("ok", [])
    else:
        assert verdict == "errors"
        assert [code for code, _, _ in errors] == ["PRODUCT_MISMATCH"]
