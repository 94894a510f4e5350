"""Do a cost line's units cancel to money? One computation per distinct signature.

A signature is the tuple of the line's factor unit texts and its result's money unit.
Plans repeat a handful of signatures, so each is worked out once per document and the
answer is reused; the numbers themselves stay plain Decimals. The dimensions of each unit
are pint's (``budget.units``: derived from pint and shipped as a table); the product's
dimensions are their sum, as pint's product of quantities gives them.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from functools import cache

from budget.units import catalogue, read_unit, time_scale, unit_name

_SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")


@dataclass(frozen=True)
class UnitVerdict:
    """What the units of one signature say."""

    dimensionality: dict[str, int]  # of the product of the factors, as pint computes it (no zero exponents)
    product: tuple[tuple[str, int], ...]  # the product's units as written, by pint name
    money_power: int  # 1 for money; 0 or 2 is not money
    residual: tuple[tuple[str, int], ...]  # units left beside money, by pint name
    time_factor: Fraction  # what mixing năm and tháng multiplies the product by (1 when clean)
    suspects: tuple[int, ...]  # indices of the factors most likely responsible for the residual
    new_words: tuple[tuple[int, str], ...]  # (factor index, unknown noun)

    @property
    def is_money(self) -> bool:
        return self.money_power == 1

    @property
    def clean(self) -> bool:
        return self.is_money and not self.residual and self.time_factor == 1 and not self.new_words


def describe(exponents: tuple[tuple[str, int], ...] | dict[str, int]) -> str:
    """Units in the Vietnamese style of plans: ``triệu đồng/người/năm``, ``1/khóa``, ``người²``."""
    items = list(exponents.items()) if isinstance(exponents, dict) else list(exponents)
    money = catalogue().money
    items.sort(key=lambda item: item[0] not in money)  # money first, as plans write it

    def one(name: str, power: int) -> str:
        return unit_name(name) + (str(power).translate(_SUPERSCRIPT) if power > 1 else "")

    top = [one(n, p) for n, p in items if p > 0]
    bottom = [one(n, -p) for n, p in items if p < 0]
    return "·".join(top or ["1"]) + "".join("/" + b for b in bottom)


def _score(factor: tuple[tuple[str, int], ...], residual: dict[str, int]) -> int:
    """How much of the residual a factor carries with the same sign."""
    return sum(min(abs(p), abs(residual[n])) for n, p in factor if n in residual and (p > 0) == (residual[n] > 0))


@cache
def verdict(unit_texts: tuple[str, ...]) -> UnitVerdict:
    """The units of the product of factors written with these unit texts."""
    cat = catalogue()
    readings = [read_unit(t) for t in unit_texts]
    summed: dict[str, int] = {}
    product: dict[str, int] = {}
    for r in readings:
        for name, power in r.exponents:
            summed[name] = summed.get(name, 0) + power
            for dimension, exponent in cat.dimensions[name]:
                product[dimension] = product.get(dimension, 0) + exponent * power
    dims = {k: v for k, v in sorted(product.items()) if v}
    money_power = dims.get("[currency]", 0)
    # Residual in the units as written; months and years fold into one when they cancel.
    time_units = [n for n in summed if n in ("nam", "thang")]
    time_power = sum(summed[n] for n in time_units)
    time_factor = time_scale(unit_texts)
    residual = {
        n: p
        for n, p in summed.items()
        if p and n not in cat.money and n != "percent" and not (n in time_units and time_power == 0)
    }
    if time_power and len([n for n in time_units if summed[n]]) > 1:
        # e.g. năm² / tháng: keep the time unit that is left over in years
        for n in time_units:
            residual.pop(n, None)
        residual["nam"] = time_power
    suspects: tuple[int, ...] = ()
    if residual:
        scores = [_score(r.exponents, residual) for r in readings]
        best = max(scores)
        if best > 0:
            suspects = tuple(i for i, s in enumerate(scores) if s == best)
    new_words = tuple((i, w) for i, r in enumerate(readings) for w in r.new_words)
    product_units = tuple(sorted((n, p) for n, p in summed.items() if p and n != "percent"))
    return UnitVerdict(
        dims, product_units, money_power, tuple(sorted(residual.items())), time_factor, suspects, new_words
    )
