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
    COUNT = "count"  # khoảng 230.000 lượt người; từ 3 đến 5 trường


# The name of each kind, as officers write it in a targets file (the catalogue's Vietnamese
# words, ``TARGET_KIND.*``): the reader, the writers and the views take them from here.
KIND_WORD = {kind: render(f"TARGET_KIND.{kind.value}", {}) for kind in Kind}
# Other words a targets file may use for a kind (folded: no tone marks, lower case), and the
# English names.
KIND_SYNONYMS = {"it nhat": Kind.MINIMUM, "khong qua": Kind.MAXIMUM, "phan luong": Kind.SPLIT}


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

    @property
    def is_percent(self) -> bool:
        return self.unit == "%"
