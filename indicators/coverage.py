"""Which units reported, of those expected, and when that is too few for a verdict.

The units expected are every unit present in the data in any year, unless the officer gives
their number (``--expected-units``: a province's 30 districts when only 28 ever sent data).
An aggregate over fewer units than expected is qualified (``đạt trên 28/30 đơn vị báo cáo``);
below ``minimum`` of them (``--min-coverage``, default 0,8: four units out of five) it is
withheld (``không đủ số liệu``): a total of three districts out of thirty says nothing of the
province.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

import numpy as np

DEFAULT_MINIMUM = Fraction(4, 5)


@dataclass(frozen=True)
class CoverageRule:
    expected: int | None = None  # units expected; None: every unit present in the data in any year
    minimum: Fraction = DEFAULT_MINIMUM  # share of the expected units below which no verdict is given

    def expected_of(self, units_in_data: int) -> int:
        return self.expected if self.expected is not None else units_in_data

    @classmethod
    def of(cls, expected: int | None = None, minimum: Decimal | None = None) -> CoverageRule:
        return cls(expected, DEFAULT_MINIMUM if minimum is None else Fraction(minimum))


DEFAULT_RULE = CoverageRule()


def too_few(reported: np.ndarray, expected: int, minimum: Fraction) -> np.ndarray:
    """Exactly ``reported < minimum × expected``, per row (rows without any unit are not flagged)."""
    reported = np.asarray(reported, dtype=np.int64)
    return (reported > 0) & (reported * minimum.denominator < minimum.numerator * expected)
