"""Scaled integers that never wrap around: machine integers only where a bound proves it.

numpy's int64 arithmetic wraps silently (a sum past 2**63 turns negative), and a wrapped
sum is a wrong verdict. Every array here travels with a bound, a Python int no smaller
than its largest absolute value, computed *before* each operation from the operands'
bounds (max × factor, sum of maxima, max × rows summed). When the bound of the result
fits in int64 the operation runs on int64 at numpy speed; otherwise on object arrays of
Python integers, exact at any size and slower, a price only the large cases pay.
Decimals are turned into scaled integers here too, without the decimal context's
rounding (``Decimal.scaleb`` rounds to 28 digits).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

import numpy as np

INT64_MAX = 2**63 - 1
_LOW_BITS = 32
_LOW_MASK = (1 << _LOW_BITS) - 1


def fits(bound: int) -> bool:
    """Whether every value of absolute value at most ``bound`` is an int64."""
    return bound <= INT64_MAX


@dataclass(frozen=True)
class Ints:
    """Exact integers: ``values`` is int64 when ``bound`` fits, else an object array."""

    values: np.ndarray
    bound: int  # ≥ max |value|

    @property
    def machine(self) -> bool:
        return self.values.dtype != object


def boxed(values: np.ndarray) -> np.ndarray:
    """The same integers as Python ints (object array), for exact arithmetic at any size."""
    return values if values.dtype == object else values.astype(object)


def measured(values: np.ndarray) -> Ints:
    """Integers with their bound measured; int64 whenever they fit. Floats are refused."""
    if values.dtype == object:
        bound = max((abs(int(v)) for v in values), default=0)
        if fits(bound):
            return Ints(np.array([int(v) for v in values], dtype=np.int64), bound)
        return Ints(np.array([int(v) for v in values], dtype=object), bound)
    if values.dtype.kind not in "iu":
        raise TypeError(f"exact integers expected, not {values.dtype}")
    if not len(values):
        return Ints(values.astype(np.int64), 0)
    high, low = int(values.max()), int(values.min())
    bound = max(high, -low)
    if values.dtype == np.int64:
        return Ints(values, bound)
    if fits(bound):
        return Ints(values.astype(np.int64), bound)
    return Ints(boxed(values), bound)


def scaled(a: Ints, factor: int) -> Ints:
    """``a × factor``, on int64 only when ``bound × |factor|`` fits."""
    if factor == 1:
        return a
    bound = a.bound * abs(factor)
    if a.machine and fits(bound):
        return Ints(a.values * np.int64(factor), bound)
    return Ints(boxed(a.values) * factor, bound)


def added(arrays: Sequence[Ints]) -> Ints:
    """Elementwise sum; the single array itself when there is one (callers never modify it)."""
    if len(arrays) == 1:
        return arrays[0]
    bound = sum(a.bound for a in arrays)  # also bounds every partial sum
    machine = fits(bound) and all(a.machine for a in arrays)
    total = arrays[0].values if machine else boxed(arrays[0].values)
    for a in arrays[1:]:
        total = total + (a.values if machine else boxed(a.values))
    return Ints(total, bound)


def masked(a: Ints, keep: np.ndarray) -> Ints:
    """Zero where ``keep`` is false."""
    return Ints(np.where(keep, a.values, 0 if a.machine else np.array(0, dtype=object)), a.bound)


def compared(op: np.ufunc, a: Ints, b: Ints | int) -> np.ndarray:
    """A numpy comparison (``np.less``...) on exact values: int64 only when both sides are."""
    if isinstance(b, Ints):
        if a.machine and b.machine:
            return np.asarray(op(a.values, b.values), dtype=bool)
        return np.asarray(op(boxed(a.values), boxed(b.values)), dtype=bool)
    if a.machine and fits(abs(b)):
        return np.asarray(op(a.values, np.int64(b)), dtype=bool)
    return np.asarray(op(boxed(a.values), b), dtype=bool)


def block_sums(a: Ints, order: np.ndarray | None, starts: np.ndarray, most: int) -> Ints:
    """Sums over contiguous blocks of rows (after ``order``), at most ``most`` rows a block.

    int64 when ``bound × most`` fits. Otherwise, for int64 input, each value is split into
    its high and low 32 bits, whose block sums cannot overflow below 2**31 rows, and the
    two are joined per block with Python ints: still exact and vectorised. Object input
    is summed as Python ints.
    """
    values = a.values if order is None else a.values[order]
    if not len(values) or not len(starts):
        return Ints(np.zeros(len(starts), dtype=np.int64), 0)
    bound = a.bound * most
    if a.machine and fits(bound):
        return Ints(np.add.reduceat(values, starts), bound)
    if a.machine and most < 2**31:
        low = np.add.reduceat(values & _LOW_MASK, starts)
        high = np.add.reduceat(values >> _LOW_BITS, starts)
        joined = np.empty(len(starts), dtype=object)
        joined[:] = [(int(h) << _LOW_BITS) + int(lo) for h, lo in zip(high, low, strict=True)]
        return measured(joined)
    return measured(np.add.reduceat(boxed(values), starts))


def scaled_int(value: Decimal, places: int) -> int:
    """``value × 10**places`` as an exact integer, whatever its number of digits.

    ``ValueError`` when ``value`` has more than ``places`` decimals (the caller's bug).
    """
    sign, digits, exponent = value.as_tuple()
    if not isinstance(exponent, int):
        raise ValueError(f"not a finite number: {value}")
    n = int("".join(map(str, digits)) or "0")
    shift = exponent + places
    if shift >= 0:
        n *= int(10**shift)
    else:
        n, rest = divmod(n, int(10 ** (-shift)))
        if rest:
            raise ValueError(f"{value} has more than {places} decimals")
    return -n if sign else n


def decimals(value: Decimal) -> int:
    """Number of decimals written (``20,25`` has 2; ``1E+3`` has 0)."""
    exponent = value.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def from_scaled(n: int, places: int) -> Decimal:
    """``n × 10**-places`` as an exact Decimal (built from text: no context rounding)."""
    return Decimal(f"{n}E{-places}")


def to_decimal(value: Fraction, places: int, up: bool) -> Decimal:
    """Exact when the fraction has a finite decimal form; otherwise rounded at ``places``
    decimals (towards +∞ when ``up``, else towards −∞), with integers only."""
    den = value.denominator
    twos = fives = 0
    while den % 2 == 0:
        den //= 2
        twos += 1
    while den % 5 == 0:
        den //= 5
        fives += 1
    if den == 1:  # a finite decimal with max(twos, fives) places
        needed = max(twos, fives)
        return from_scaled(value.numerator * 10**needed // value.denominator, needed)
    scaled_value = value.numerator * 10**places
    q = -(-scaled_value // value.denominator) if up else scaled_value // value.denominator
    return from_scaled(q, places)


def half_up(value: Fraction, places: int) -> Decimal:
    """Rounded half away from zero at ``places`` decimals, for display only."""
    scaled_value = abs(value) * 10**places
    q = int(scaled_value + Fraction(1, 2))  # floor of x + 1/2 for x ≥ 0
    return from_scaled(-q if value < 0 else q, places)
