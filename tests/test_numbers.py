from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from budget.messages import TEMPLATES, TEMPLATES_EN
from budget.numbers import (
    _ANY_FORM,
    _FORMS,
    NUMBER_TOKEN,
    Ambiguity,
    D,
    NumberError,
    Reading,
    alternatives,
    format_number,
    format_vn,
    format_vn_fixed,
    from_xml,
    plain,
    product,
    read_number,
    round_to,
    shift,
    total,
)


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


@pytest.mark.parametrize(
    ("text", "value", "why"),
    [
        ("800. 000,5", "800000.5", Ambiguity.BROKEN_GROUPS),
        ("5 000,25", "5000.25", Ambiguity.SPACE_GROUPS),
        ("0, 45", "0.45", Ambiguity.SPACED_COMMA),
        ("1,234.5", "1234.5", Ambiguity.EN_GROUPING),
        ("-46,980,000", "-46980000", Ambiguity.EN_GROUPING),
        ("-1.500", "-1500", None),
        ("- 2,5", "-2.5", None),
        (" 150 ", "150", None),
        ("-7", "-7", None),
    ],
)
def test_signs_decimals_and_spacing_in_every_form(text: str, value: str, why: str | None) -> None:
    assert read_number(text) == Reading(Decimal(value), why)


def test_a_double_dot_is_read_only_as_grouping() -> None:
    assert read_number("2..500.000") == Reading(Decimal(2_500_000), Ambiguity.DOUBLE_DOT)
    for bad in ("1..320,5", "12..34", "1..2345"):
        with pytest.raises(NumberError):
            read_number(bad)


def test_alternative_readings_offered_to_the_resolve_stage() -> None:
    assert alternatives("66,000") == (Decimal(66_000),)  # English grouping
    assert alternatives("1.015") == (Decimal("1.015"),)  # a dot as decimal point
    assert alternatives(" -1,500 ") == (Decimal(1500),)
    assert alternatives("1,5") == alternatives("1.0150") == alternatives("46.375,5") == alternatives("1.015.000") == ()


def test_numbers_as_a_spreadsheet_stores_them() -> None:
    assert from_xml("1.5E-7") == Decimal("1.5E-7")
    assert from_xml("-12") == Decimal(-12)
    for bad in ("1,5", "NaN", "", "1.5E"):
        with pytest.raises(NumberError):
            from_xml(bad)


def test_exact_sums_shifts_and_rounding() -> None:
    assert total([Decimal(1), Decimal("2.5")]) == Decimal("3.5")
    assert (total([]), product([])) == (Decimal(0), Decimal(1))
    assert shift(Decimal("1.5"), 3) == Decimal(1500)
    assert shift(Decimal(1500), -6) == Decimal("0.0015")
    # ROUND as a spreadsheet does it: half away from zero, to the places asked (negative: tens, hundreds)
    assert [round_to(Decimal(v), d) for v, d in (("2.5", 0), ("-2.5", 0), ("0.125", 2), ("1250", -2))] == [
        Decimal(3),
        Decimal(-3),
        Decimal("0.13"),
        Decimal(1300),
    ]


def test_human_forms_with_signs_and_fixed_places() -> None:
    assert format_vn(Decimal("-1234.5")) == "-1.234,5"
    assert format_vn(Decimal("-0.5")) == "-0,5"
    assert format_vn(Decimal("1E+3")) == "1.000"
    assert format_vn(Decimal("Infinity")) == "∞"
    assert plain(Decimal("-0.50")) == "-0.5"
    assert plain(Decimal("100")) == "100"
    assert format_vn_fixed(Decimal(20), 2) == "20,00"
    assert format_vn_fixed(Decimal("12345.6"), 0) == "12.346"
    assert format_vn_fixed(Decimal("0.5"), 1) == "0,5"


def test_every_ambiguity_has_its_message() -> None:
    # the reason is the key of the message the officer reads (``NUMBER_AMBIGUOUS.<reason>``)
    reasons = [read_number(t).ambiguity for t in ("1,500", "46,980,000", "1.5", "800. 000", "5 000", "1..320", "0, 45")]
    assert reasons == [
        "comma_three",
        "en_grouping",
        "dot_decimal",
        "broken_groups",
        "space_groups",
        "double_dot",
        "spaced_comma",
    ]
    assert all(f"NUMBER_AMBIGUOUS.{r}" in TEMPLATES and f"NUMBER_AMBIGUOUS.{r}" in TEMPLATES_EN for r in reasons)


def test_number_tokens_in_running_text() -> None:
    text = "Chi 1.234.567,5 đồng cho 800. 000 người, 5 000 em và 1..320 lượt; xã 12,5%"
    assert NUMBER_TOKEN.findall(text) == ["1.234.567,5", "800. 000", "5 000", "1..320", "12,5"]


def test_figures_in_each_language_keep_every_digit() -> None:
    """Vietnamese by hand, English by Babel with no rounding to Babel's three decimals."""
    assert format_number(Decimal("1234.56789"), "vi") == "1.234,56789"
    assert format_number(Decimal("1234.56789"), "en") == "1,234.56789"


# --- the forms read in one match ------------------------------------------------------------
_NUMBER_PIECES = st.sampled_from([*"0123456789", ".", ",", " ", "-", "..", ", ", ". ", "000", "123", "1.234", "5,5"])


def _form_one_by_one(text: str) -> str | None:
    """The form ``read_number`` found when it tested the patterns one after another."""
    return next((name for name, pattern in _FORMS if pattern.fullmatch(text)), None)


@given(st.lists(_NUMBER_PIECES, min_size=1, max_size=8).map("".join))
def test_the_one_pattern_finds_the_form_the_tests_in_turn_find(text: str) -> None:
    m = _ANY_FORM.fullmatch(text)
    assert (m.lastgroup if m is not None else None) == _form_one_by_one(text)


@pytest.mark.parametrize(
    ("text", "form"),
    [
        ("2024", "plain"),
        ("1.234.567,5", "vn_grouped"),
        ("1,500", "comma_three"),
        ("0,5", "vn_decimal"),
        ("1,500,000", "en_grouped"),
        ("9.88", "dot_decimal"),
        ("800. 000", "broken_groups"),
        ("5 000", "space_groups"),
        ("0, 45", "spaced_comma"),
        ("1..320", None),
    ],
)
def test_each_form_is_found_by_the_one_pattern(text: str, form: str | None) -> None:
    m = _ANY_FORM.fullmatch(text)
    assert (m.lastgroup if m is not None else None) == form == _form_one_by_one(text)
