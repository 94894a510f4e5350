from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from budget.numbers import Ambiguity, D, NumberError, format_vn, plain, product, read_number


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("46.375", "46375"),
        ("1,0", "1.0"),
        ("0,5", "0.5"),
        ("2.800", "2800"),
        ("230.000", "230000"),
        ("1.234.567,5", "1234567.5"),
        ("2.200", "2200"),
        ("150", "150"),
        ("3,0", "3.0"),
        ("0", "0"),
    ],
)
def test_vietnamese_forms_read_exactly(text: str, value: str) -> None:
    r = read_number(text)
    assert r.value == Decimal(value)
    assert r.ambiguity is None


@pytest.mark.parametrize(
    ("text", "value", "why"),
    [
        ("1.5", "1.5", Ambiguity.DOT_DECIMAL),
        ("9.88", "9.88", Ambiguity.DOT_DECIMAL),
        ("1,500", "1.5", Ambiguity.COMMA_THREE),
        ("105,000", "105", Ambiguity.COMMA_THREE),
        ("46,980,000", "46980000", Ambiguity.EN_GROUPING),
        ("1..320", "1320", Ambiguity.DOUBLE_DOT),
        ("800. 000", "800000", Ambiguity.BROKEN_GROUPS),
        ("5 000", "5000", Ambiguity.SPACE_GROUPS),
    ],
)
def test_ambiguous_forms_report_the_reading(text: str, value: str, why: str) -> None:
    r = read_number(text)
    assert r.value == Decimal(value)
    assert r.ambiguity == why


@pytest.mark.parametrize("text", ["", "abc", "1.2.3,4,5", "NaN", "Infinity", "1_000", "١٢", "12.34.5", "2020. 100"])
def test_malformed_text_is_refused(text: str) -> None:
    with pytest.raises(NumberError):
        read_number(text)


def test_decimal_builder_refuses_what_decimal_accepts() -> None:
    for bad in ("NaN", "sNaN", "Infinity", "1_000", "١", "1e5", " 1"):
        with pytest.raises(NumberError):
            D(bad)


def test_plain_and_vietnamese_output() -> None:
    assert plain(Decimal("1500.0")) == "1500"
    assert plain(Decimal("0.50")) == "0.5"
    assert plain(Decimal("1E+3")) == "1000"
    assert format_vn(Decimal("46375")) == "46.375"
    assert format_vn(Decimal("1234567.5")) == "1.234.567,5"


def test_product_is_exact() -> None:
    assert product([Decimal("300"), Decimal("1.0"), Decimal("5")]) == Decimal("1500")
    assert product([Decimal("0.1")] * 3) == Decimal("0.001")


decimals = st.decimals(allow_nan=False, allow_infinity=False, places=None).filter(
    lambda d: len(d.as_tuple().digits) <= 24 and abs(d.adjusted()) < 20
)


@given(decimals)
def test_format_then_read_round_trips(d: Decimal) -> None:
    r = read_number(format_vn(d))
    assert r.value == d
    assert r.ambiguity in (None, Ambiguity.COMMA_THREE)
    # a single group of three decimals (1,500) is the one form that is genuinely ambiguous
    if r.ambiguity is not None:
        assert format_vn(d).count(",") == 1 and "." not in format_vn(d)


@given(st.integers(min_value=0, max_value=10**15))
def test_integers_read_back_without_warning(n: int) -> None:
    text = format_vn(Decimal(n))
    assert read_number(text).value == n
    assert read_number(text).ambiguity is None
