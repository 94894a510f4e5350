"""The only place numbers are built: Vietnamese number text to exact ``Decimal``.

Vietnamese convention: ``.`` groups thousands and ``,`` marks decimals
(``46.375`` is 46375, ``1,0`` is 1). Real documents also carry English grouping,
a dot as decimal point, grouping by spaces and broken separators. Those forms are
read, but the reading chosen is returned with a reason so the caller can report it;
nothing ambiguous is guessed silently.

Written by hand because no library reads these mixed forms with a report of the
choice: Babel's ``parse_decimal(locale="vi")`` rejects ``1.5`` and ``800. 000`` and
accepts ``1,500`` silently as 1.5; beancount's ``D()`` has the opposite convention.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Context, Decimal, Inexact, InvalidOperation, Overflow, Underflow, localcontext
from functools import lru_cache

# Exact arithmetic: any rounding is a bug, so it traps instead of passing silently.
EXACT = Context(prec=1000, traps=[Inexact, InvalidOperation, Overflow, Underflow])
# For the one place rounding is wanted (matching a spreadsheet's ROUND): no Inexact trap.
EXACT_ROUNDING = Context(prec=1000, traps=[InvalidOperation, Overflow])

# ASCII digits only: ``\d`` would also accept Arabic-Indic and full-width digits.
# The first digit comes before the test of the character ahead of it (``(?<![0-9])`` moved
# after it): a pattern that opens with a character class lets the matcher skip to the digits.
NUMBER_TOKEN = re.compile(
    r"""
    [0-9](?<![0-9][0-9])
    [0-9]*
    (?:
        (?: \.\.? | , | \.\x20 | \x20(?=[0-9]{3}(?![0-9.,])) )
        [0-9]+
    )*
    """,
    re.VERBOSE,
)

_PLAIN = re.compile(r"[0-9]+")
_PLAIN_DECIMAL = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")
_VN_GROUPED = re.compile(r"[0-9]{1,3}(?:\.[0-9]{3})+(?:,[0-9]+)?")
_VN_DECIMAL = re.compile(r"[0-9]+,[0-9]+")
_COMMA_THREE = re.compile(r"[0-9]{1,3},[0-9]{3}")
_EN_GROUPED = re.compile(r"[0-9]{1,3}(?:,[0-9]{3}){2,}(?:\.[0-9]+)?|[0-9]{1,3}(?:,[0-9]{3})+\.[0-9]+")
_DOT_DECIMAL = re.compile(r"[0-9]+\.[0-9]+")
_BROKEN_GROUPS = re.compile(r"[0-9]{1,3}(?:\. [0-9]{3})+(?:\.[0-9]{3})*(?:,[0-9]+)?")
_SPACE_GROUPS = re.compile(r"[0-9]{1,3}(?: [0-9]{3})+(?:,[0-9]+)?")
_DOUBLE_DOT = re.compile(r"[0-9]+(?:\.\.?[0-9]+)+")
_SPACED_COMMA = re.compile(r"[0-9]{1,3}, [0-9]+")
# The forms above in the order ``read_number`` tries them, as one pattern: ``fullmatch`` takes
# the first alternative that spans the whole text, so the group that matched is the form the
# tests one after another would have found (one match a number instead of up to nine).
_FORMS = (
    ("plain", _PLAIN),
    ("vn_grouped", _VN_GROUPED),
    ("comma_three", _COMMA_THREE),
    ("vn_decimal", _VN_DECIMAL),
    ("en_grouped", _EN_GROUPED),
    ("dot_decimal", _DOT_DECIMAL),
    ("broken_groups", _BROKEN_GROUPS),
    ("space_groups", _SPACE_GROUPS),
    ("spaced_comma", _SPACED_COMMA),
)
_ANY_FORM = re.compile("|".join(f"(?P<{name}>{pattern.pattern})" for name, pattern in _FORMS))


class Ambiguity:
    """Reasons a reading was chosen among several; message texts live in ``messages``."""

    COMMA_THREE = "comma_three"  # 1,500: read 1,5 (Vietnamese) though English would be 1500
    EN_GROUPING = "en_grouping"  # 46,980,000: English grouping
    DOT_DECIMAL = "dot_decimal"  # 1.5 / 9.88: a dot used as decimal point
    BROKEN_GROUPS = "broken_groups"  # 800. 000
    SPACE_GROUPS = "space_groups"  # 5 000
    DOUBLE_DOT = "double_dot"  # 1..320
    SPACED_COMMA = "spaced_comma"  # 0, 45: a decimal comma followed by a space


@dataclass(frozen=True)
class Reading:
    """A number read from text, with the reason if the reading was a choice."""

    value: Decimal
    ambiguity: str | None = None


class NumberError(ValueError):
    """Text that is no number in any convention we read."""


def D(digits: str) -> Decimal:
    """Build a Decimal from a validated ASCII string such as ``-1234.5``.

    ``Decimal()`` itself accepts ``NaN``, ``Infinity``, ``1_000`` and non-ASCII digits;
    this refuses all of them.
    """
    if not _PLAIN_DECIMAL.fullmatch(digits):
        raise NumberError(digits)
    return Decimal(digits)


_XML_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?(?:[Ee][+-]?[0-9]+)?")


def from_xml(text: str) -> Decimal:
    """A number as stored in a spreadsheet's XML (``1500``, ``0.1``, ``1.5E-7``), exactly.

    Spreadsheet readers turn these into float; ours keeps the digits that were stored.
    """
    if not _XML_NUMBER.fullmatch(text):
        raise NumberError(text)
    return Decimal(text)


@lru_cache(maxsize=1 << 14)
def read_number(text: str) -> Reading:
    """Read one number written in Vietnamese convention (or a tolerated variant).

    Cached: a plan repeats its figures (counts, rates, years), a ``Reading`` is immutable,
    and a cache hit costs one C call instead of a dozen regular expressions.
    """
    t = text.strip()
    sign = ""
    if t.startswith("-"):
        sign, t = "-", t[1:].strip()
    m = _ANY_FORM.fullmatch(t)
    form = m.lastgroup if m is not None else None
    if form == "plain":
        return Reading(D(sign + t))
    if form == "vn_grouped":
        return Reading(D(sign + t.replace(".", "").replace(",", ".")))
    if form == "comma_three":
        return Reading(D(sign + t.replace(",", ".")), Ambiguity.COMMA_THREE)
    if form == "vn_decimal":
        return Reading(D(sign + t.replace(",", ".")))
    if form == "en_grouped":
        return Reading(D(sign + t.replace(",", "")), Ambiguity.EN_GROUPING)
    if form == "dot_decimal":
        return Reading(D(sign + t), Ambiguity.DOT_DECIMAL)
    if form == "broken_groups":
        return Reading(D(sign + _vn_to_plain(t.replace(" ", ""))), Ambiguity.BROKEN_GROUPS)
    if form == "space_groups":
        return Reading(D(sign + _vn_to_plain(t.replace(" ", "."))), Ambiguity.SPACE_GROUPS)
    if form == "spaced_comma":
        return Reading(D(sign + t.replace(", ", ".")), Ambiguity.SPACED_COMMA)
    if _DOUBLE_DOT.fullmatch(t) and ".." in t:
        single = re.sub(r"\.\.", ".", t)
        if _VN_GROUPED.fullmatch(single):
            return Reading(D(sign + _vn_to_plain(single)), Ambiguity.DOUBLE_DOT)
    raise NumberError(text)


_DOT_THREE = re.compile(r"[0-9]{1,3}\.[0-9]{3}")


@lru_cache(maxsize=1 << 14)
def alternatives(text: str) -> tuple[Decimal, ...]:
    """Other values a number may have been meant as, for the resolve stage to try.

    ``66,000`` read as 66 may be 66.000 (English grouping); ``1.015`` read as 1015 may be
    1,015 (a dot as decimal point). Only the conventions real pages mix are offered, and
    a reading is changed only when the arithmetic then agrees.
    """
    t = text.strip().lstrip("-").strip()
    if not 5 <= len(t) <= 7:  # both forms are 1-3 digits, a mark and 3 digits: most figures are neither
        return ()
    if _COMMA_THREE.fullmatch(t):
        return (D(t.replace(",", "")),)
    if _DOT_THREE.fullmatch(t):
        return (D(t),)
    return ()


def _vn_to_plain(t: str) -> str:
    return t.replace(".", "").replace(",", ".")


def product(values: Iterable[Decimal]) -> Decimal:
    """Exact product; raises on any rounding (a bug, not a data problem)."""
    result = Decimal(1)
    for v in values:
        result = EXACT.multiply(result, v)
    return result


def total(values: Iterable[Decimal]) -> Decimal:
    """Exact sum."""
    result = Decimal(0)
    for v in values:
        result = EXACT.add(result, v)
    return result


def shift(value: Decimal, exponent: int) -> Decimal:
    """``value × 10**exponent``, exactly (used to move between money scales)."""
    return EXACT.scaleb(value, exponent)


def round_to(value: Decimal, decimals: int) -> Decimal:
    """What a spreadsheet's ROUND(x, decimals) gives: half away from zero."""
    return value.quantize(_unit_of(decimals), rounding=ROUND_HALF_UP, context=EXACT_ROUNDING)


@lru_cache(maxsize=64)
def _unit_of(decimals: int) -> Decimal:
    """``1E-decimals``: one unit of the last of ``decimals`` places (built once a precision)."""
    return Decimal(1).scaleb(-decimals)


def plain(value: Decimal) -> str:
    """Machine form for JSON and CSV: ``1500``, ``0.5``; no exponent, no trailing zeros.

    ``format(value, "f")`` writes every digit exactly (``1E+3`` → ``1000``, ``52.70``);
    trailing zeros of the fraction are then dropped as text. ``str`` writes the same text,
    twice as fast, for every value it writes without an exponent (most figures).
    """
    text = str(value)  # the same digits as ``format(value, "f")`` unless it has an exponent
    if "E" in text:
        text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def format_vn(value: Decimal) -> str:
    """Human form in Vietnamese convention (``46.375``, ``1,5``), all digits kept.

    The same text as Babel's ``format_decimal(value, locale="vi", decimal_quantization=False)``
    (a property test holds them equal), built from ``plain`` by hand: Babel costs about
    20 µs a figure, and a large plan formats hundreds of thousands of them; and a run that
    shows only Vietnamese figures never loads Babel's locale data (a hundredth of a second).
    """
    if not value.is_finite():
        return _babel(value, "vi")
    text = plain(value)
    sign = ""
    if text.startswith("-"):
        sign, text = "-", text[1:]
    whole, _, fraction = text.partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    return f"{sign}{grouped},{fraction}" if fraction else sign + grouped


def format_number(value: Decimal, lang: str) -> str:
    """Human form of a figure in ``lang``, all digits kept: Vietnamese by hand (``format_vn``),
    another language by Babel."""
    return format_vn(value) if lang == "vi" else _babel(value, lang)


def _babel(value: Decimal, lang: str, pattern: str | None = None) -> str:
    """Babel's form of a figure, in an exact context (Babel rounds in the current one)."""
    from babel.numbers import format_decimal  # lazy-import point: budget.lazy_imports

    with localcontext(EXACT_ROUNDING):
        if pattern is None:
            return str(format_decimal(value, locale=lang, decimal_quantization=False))
        return str(format_decimal(value, format=pattern, locale=lang, decimal_quantization=True))


def format_vn_fixed(value: Decimal, places: int) -> str:
    """Human form with exactly ``places`` decimals (``20,00``), for percentages in reports."""
    return _babel(value, "vi", "#,##0" + ("." + "0" * places if places else ""))
