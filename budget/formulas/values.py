"""What a formula sees and gives: values (numbers, text, logicals, Excel errors, empty cells),
Excel's rules for them, and ``NotEvaluable``, the reason a formula is not evaluated.

Excel semantics: an empty cell is 0 in arithmetic and "" in text; text in arithmetic cannot be
evaluated (Excel's reading of ``"1.500"`` depends on the locale); comparisons rank numbers
below text below logicals. A stored value equals a recomputation once both are rounded to the
15 significant digits Excel keeps.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_EVEN, Context, Decimal
from typing import Any

from budget.messages import Phrase
from budget.numbers import plain

SIGNIFICANT = 15  # digits Excel shows and keeps reliably (a double holds 15 to 17)
MAX_POWER = 400  # |exponent| of ^: beyond, the result is no budget figure
_EXCEL_15 = Context(prec=SIGNIFICANT, rounding=ROUND_HALF_EVEN)


@dataclass(frozen=True)
class XlError:
    """An Excel error value (``#DIV/0!``, ``#N/A``): a result, propagated as Excel does."""

    code: str


Value = Decimal | str | bool | XlError | None  # None: an empty cell


class NotEvaluable(Exception):
    """A formula that cannot be evaluated faithfully; ``kind`` names the reason
    (``FORMULA_REASON.<kind>`` in ``messages``), ``cell`` where it arose."""

    def __init__(self, kind: str, args: dict[str, object] | None = None, cell: str | None = None):
        super().__init__(kind)
        self.kind = kind
        self.details: dict[str, object] = args or {}
        self.cell = cell

    def phrase(self) -> Phrase:
        return Phrase(f"FORMULA_REASON.{self.kind}", self.details)


def excel_number(value: Decimal) -> Decimal:
    """What Excel keeps of a number: 15 significant digits (trailing zeros of a fraction dropped)."""
    kept = _EXCEL_15.plus(value)
    if kept.as_tuple().exponent < 0:  # type: ignore[operator]
        kept = kept.normalize(_EXCEL_15)
        if kept.as_tuple().exponent > 0:  # type: ignore[operator]
            kept = kept.quantize(Decimal(1))
    return kept


def same_value(stored: Value, computed: Value) -> bool:
    """A stored value equals a recomputation: numbers exactly, or once both are rounded to 15
    significant digits (Excel stores the double nearest the exact result); text exactly."""
    if isinstance(stored, Decimal) and isinstance(computed, Decimal):
        return stored == computed or excel_number(stored) == excel_number(computed)
    if isinstance(stored, bool) or isinstance(computed, bool):
        return type(stored) is type(computed) and stored == computed
    return (stored or "") == (computed or "") if not isinstance(stored, Decimal | XlError) else stored == computed


def text_of(value: Value) -> str:
    """A value as ``&`` and text functions see it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, Decimal):
        return plain(value)
    assert isinstance(value, str)
    return value


def truth(value: Value) -> bool | XlError:
    if isinstance(value, XlError):
        return value
    if isinstance(value, str):
        raise NotEvaluable("text", {"text": value})
    return bool(value)


def integer(value: Decimal | XlError) -> int | XlError:
    if isinstance(value, XlError):
        return value
    return int(value.to_integral_value(ROUND_DOWN))


def first_error(values: Sequence[object]) -> XlError | None:
    return next((v for v in values if isinstance(v, XlError)), None)


def cell_value(cell: Any) -> Value:
    """A cell's value as a formula sees it."""
    value = cell.value
    if value is None or isinstance(value, bool | str | Decimal):
        if isinstance(value, str) and getattr(cell, "data_type", "") == "e":
            return XlError(value)
        return value
    if isinstance(value, int):
        return Decimal(value)
    raise NotEvaluable("date" if hasattr(value, "isoformat") or hasattr(value, "days") else "value")


def _rank(value: Value) -> int:
    return 0 if isinstance(value, Decimal) else 2 if isinstance(value, bool) else 1


def compare(op: str, left: Value, right: Value) -> bool:
    """Excel's comparison: empty matches 0, "" and FALSE; numbers < text < logicals; text
    compared without case."""
    if left is None:
        left = "" if isinstance(right, str) else False if isinstance(right, bool) else Decimal(0)
    if right is None:
        right = "" if isinstance(left, str) else False if isinstance(left, bool) else Decimal(0)
    a: Any = left.casefold() if isinstance(left, str) else left
    b: Any = right.casefold() if isinstance(right, str) else right
    if _rank(left) != _rank(right):
        a, b = _rank(left), _rank(right)
    if op == "=":
        return bool(a == b)
    if op == "<>":
        return bool(a != b)
    if op == "<":
        return bool(a < b)
    if op == ">":
        return bool(a > b)
    if op == "<=":
        return bool(a <= b)
    return bool(a >= b)
