"""Compound growth, exactly: n-th roots bracketed by integers, CAGR ratios decided without float.

Open SDG's progress measure compares the compound annual growth rate achieved since the base
year with the one the target requires (``(now/base)^(1/n) − 1`` over ``(goal/base)^(1/m) − 1``).
Those roots are irrational in general, so every root here is an interval ``[lo, hi]`` of
fractions computed with integer n-th roots (``lo = hi`` when the root is rational). A
comparison with a threshold is decided when the interval of the difference excludes 0; the
digits grow until it does. A ratio exactly on a threshold with irrational roots cannot be
told from one just above it at 10^-240: it then counts as reaching the threshold (said in
``ratio_reaches``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache

DIGITS = (30, 60, 120, 240)  # precisions tried, in decimal digits


def iroot(value: int, n: int) -> int:
    """The integer part of ``value ** (1/n)`` for ``value ≥ 0`` (Newton's method on integers)."""
    if value < 2 or n == 1:
        return value
    x = 1 << -(-value.bit_length() // n)  # ≥ the root
    while True:
        y = ((n - 1) * x + value // x ** (n - 1)) // n
        if y >= x:
            return x
        x = y


def exact_root(x: Fraction, n: int) -> Fraction | None:
    """``x ** (1/n)`` when it is rational (numerator and denominator perfect n-th powers)."""
    p, q = iroot(x.numerator, n), iroot(x.denominator, n)
    return Fraction(p, q) if p**n == x.numerator and q**n == x.denominator else None


@dataclass(frozen=True)
class Interval:
    lo: Fraction
    hi: Fraction

    def __sub__(self, other: Interval) -> Interval:
        return Interval(self.lo - other.hi, self.hi - other.lo)

    def times(self, k: Fraction) -> Interval:
        a, b = self.lo * k, self.hi * k
        return Interval(min(a, b), max(a, b))

    def power(self, e: int) -> Interval:
        """For intervals of non-negative numbers."""
        return Interval(self.lo**e, self.hi**e)


@lru_cache(maxsize=1024)  # one trajectory asks for the same roots for its ratio, thresholds and projection
def root(x: Fraction, n: int, digits: int) -> Interval:
    """An interval of width at most 10^-digits holding ``x ** (1/n)`` (``x ≥ 0``); a point when rational."""
    exact = exact_root(x, n)
    if exact is not None:
        return Interval(exact, exact)
    scale = 10**digits
    a = iroot(x.numerator * scale**n // x.denominator, n)
    return Interval(Fraction(a, scale), Fraction(a + 1, scale))


def cagr(start: Fraction, end: Fraction, years: int, digits: int) -> Interval:
    """The compound annual growth rate from ``start`` to ``end`` over ``years`` (``start > 0``)."""
    r = root(end / start, years, digits)
    return Interval(r.lo - 1, r.hi - 1)


def _sign(i: Interval) -> int | None:
    return 1 if i.lo > 0 else -1 if i.hi < 0 else 0 if i.lo == i.hi == 0 else None


def first_reached(base: Fraction, now: Fraction, years: int, goal: Fraction, span: int,
                  thresholds: Sequence[Fraction]) -> int | None:  # fmt: skip
    """The index of the first of ``thresholds`` (highest first) that the ratio
    CAGR(base→now, years) / CAGR(base→goal, span) reaches; None below them all; ``goal ≠ base``.

    With the required rate R of known sign: ratio ≥ θ ⟺ (A − θR)·sign(R) ≥ 0. Both rates
    are computed once per precision for every threshold."""
    required_sign = 1 if goal > base else -1
    decided: dict[int, bool] = {}
    for digits in DIGITS:
        actual, required = cagr(base, now, years, digits), cagr(base, goal, span, digits)
        for i, theta in enumerate(thresholds):
            if i not in decided:
                sign = _sign(actual - required.times(theta))
                if sign is not None:
                    decided[i] = sign * required_sign >= 0
        for i in range(len(thresholds)):
            if i not in decided:
                break  # an undecided threshold comes first: more digits
            if decided[i]:
                return i
        else:
            return None
    # equal at 10^-240: counted as reaching the threshold (module docstring)
    return next(i for i in range(len(thresholds)) if decided.get(i, True))


def ratio_reaches(base: Fraction, now: Fraction, years: int, goal: Fraction, span: int, threshold: Fraction) -> bool:
    """Whether CAGR(base→now, years) / CAGR(base→goal, span) ≥ ``threshold``; ``goal ≠ base``."""
    return first_reached(base, now, years, goal, span, (threshold,)) == 0


def ratio(base: Fraction, now: Fraction, years: int, goal: Fraction, span: int, digits: int = 30) -> Interval:
    """The CAGR ratio as an interval (for display; decisions use ``ratio_reaches``)."""
    a, r = cagr(base, now, years, digits), cagr(base, goal, span, digits)
    ends = [x / y for x in (a.lo, a.hi) for y in (r.lo, r.hi) if y != 0]
    return Interval(min(ends), max(ends))


def compound_projection(base: Fraction, now: Fraction, years: int, ahead: int, digits: int = 30) -> Interval:
    """``now × (now/base)^(ahead/years)``: the value at ``ahead`` years if the growth since base goes on."""
    return root(now / base, years, digits).power(ahead).times(now)


def compound_reaches(base: Fraction, now: Fraction, years: int, ahead: int, goal: Fraction) -> bool:
    """Whether the compound projection reaches ``goal`` (from below): exactly, with no root,
    ``now·(now/base)^(ahead/years) ≥ goal`` ⟺ ``(now/base)^ahead ≥ (goal/now)^years``."""
    if now == 0:
        return goal <= 0
    return (now / base) ** ahead >= (goal / now) ** years
