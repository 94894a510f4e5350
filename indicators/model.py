"""Targets (chỉ tiêu) of plans, one model for every kind, with their sources.

A target compares a numerator (a sum of measures) with a denominator measure (for
percentages) or with nothing (for counts). Bounds are exact Decimals: percentages for
``%`` targets, counts otherwise. A split holds one share per numerator measure.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from decimal import Decimal

from budget.messages import render
from budget.source import Source
from budget.text import fold


class Kind(enum.StrEnum):
    MINIMUM = "minimum"  # tối thiểu 20%
    MAXIMUM = "maximum"  # không quá 5%
    RANGE = "range"  # 80 - 85%
    SPLIT = "split"  # 70% vào THPT, 30% học nghề
    COUNT = "count"  # ít nhất 230.000 lượt người; từ 3 đến 5 trường
    # The kinds below are evaluated by ``indicators.kinds``.
    APPROXIMATE = "approximate"  # khoảng 230.000 lượt người: a band around the figure (its rounding)
    CHANGE = "change"  # tăng 10% so với năm 2020; mỗi năm tăng 1 - 2%; giảm 1,5%/năm
    FROM_TO = "from_to"  # tăng từ 60% năm 2020 lên 75% năm 2025
    DIRECTION = "direction"  # nâng cao tỷ lệ ...; giảm dần ...: judged by trend, never as a level
    BUILD = "build"  # xây mới 2.000 phòng học trước năm 2026: counted cumulatively to the deadline


# The name of each kind, as officers write it in a targets file (the catalogue's Vietnamese
# words, ``TARGET_KIND.*``): the reader, the writers and the views take them from here.
KIND_WORD = {kind: render(f"TARGET_KIND.{kind.value}", {}) for kind in Kind}
# Other words a targets file may use for a kind (folded: no tone marks, lower case), and the
# English names.
KIND_SYNONYMS = {
    "it nhat": Kind.MINIMUM,
    "khong qua": Kind.MAXIMUM,
    "phan luong": Kind.SPLIT,
    "khoang chung": Kind.APPROXIMATE,
    "tang giam": Kind.CHANGE,
    "tu len": Kind.FROM_TO,
    "cong don": Kind.BUILD,
}


def kind_named(folded: str) -> Kind | None:
    """The kind a targets file names (its cell folded), or None."""
    for kind, word in KIND_WORD.items():
        if fold(word) == folded:
            return kind
    if folded in KIND_SYNONYMS:
        return KIND_SYNONYMS[folded]
    return Kind(folded) if folded in Kind._value2member_map_ else None


@dataclass(frozen=True)
class Share:
    label: str  # the measure, as named in the data
    percent: Decimal


@dataclass(frozen=True)
class Target:
    id: str
    name: str
    kind: Kind
    source: Source  # where the target was read (targets file row, or plan line)
    lower: Decimal | None = None  # percent (or count) the value must reach
    upper: Decimal | None = None  # percent (or count) the value must not pass
    shares: tuple[Share, ...] = ()
    unit: str = "%"  # "%" for shares of a denominator, else the counted unit ("trường")
    measure_unit: str = ""  # what the measures count ("trường", "triệu đồng"): the gap's unit
    deadline: int | None = None
    numerator: tuple[str, ...] = ()  # measures summed into the numerator
    denominator: str | None = None
    reference: str = ""  # the document the target comes from
    # What the kinds of ``indicators.kinds`` need (defaults: a plain level target).
    per_year: bool = False  # a flow stated per year (mỗi năm, hằng năm, /năm): judged each year, never cumulated
    direction: int = 0  # +1 up (tăng, nâng cao), -1 down (giảm): change, from-to and direction targets
    base_year: int | None = None  # the year a change is measured from (so với năm 2020; từ ... năm 2020)
    baseline: Decimal | None = None  # the value the plan states for the base year (từ 60% năm 2020)
    stated: Decimal | None = None  # the figure of an approximate target; lower and upper are its band
    deadline_from_period: bool = False  # the deadline is the end of the plan's period, not stated by the sentence

    @property
    def is_percent(self) -> bool:
        return self.unit == "%"

    @property
    def is_ratio(self) -> bool:
        """A ratio of two measures in their own units (``35 học sinh/lớp``), not a percentage."""
        return self.unit != "%" and "/" in self.unit and self.denominator is not None

    @property
    def for_the_whole(self) -> bool:
        """A count for the whole (units only contribute): no denominator and not a change."""
        return (
            self.kind in (Kind.COUNT, Kind.APPROXIMATE, Kind.BUILD, Kind.FROM_TO, Kind.DIRECTION)
            and not self.is_percent
            and not self.is_ratio
        )


def band(n: Decimal, percent: bool) -> Decimal:
    """Half the rounding of an approximate figure (``khoảng``): half a unit of its last decimal
    for a percentage (``khoảng 80%`` is 80 ± 0,5), of its last non-zero digit for a count
    (``khoảng 230.000`` is 230.000 ± 5.000; ``khoảng 2.050`` is 2.050 ± 5)."""
    exponent = n.as_tuple().exponent
    assert isinstance(exponent, int)
    if not percent and n == n.to_integral_value():
        digits = str(abs(int(n)))
        exponent = len(digits) - len(digits.rstrip("0")) if n else 0
    return Decimal(5).scaleb(exponent - 1)
