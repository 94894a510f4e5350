"""Money units and their scales, as written in Vietnamese plans.

The spellings live in one table; every reader and check finds money through
``read_money``. Scales are powers of ten so conversion is exact (``numbers.shift``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from budget.text import fold


@dataclass(frozen=True)
class Money:
    """A money unit: its canonical Vietnamese name and its scale as a power of ten of đồng."""

    name: str
    exponent: int


DONG = Money("đồng", 0)
NGHIN = Money("nghìn đồng", 3)
TRIEU = Money("triệu đồng", 6)
TY = Money("tỷ đồng", 9)
SCALES = (DONG, NGHIN, TRIEU, TY)

# Folded spellings (see ``text.fold``: lower case, no tone marks, đ→d), longest first.
# A scale word alone (``triệu``) is money only when no other word follows it
# (``2 triệu người`` is a count, ``150 triệu/cuộc`` is money).
_WITH_DONG = (
    ("nghin dong", NGHIN),
    ("ngan dong", NGHIN),
    ("trieu dong", TRIEU),
    ("ty dong", TY),
    ("ti dong", TY),
    ("tr.d", TRIEU),
    ("trd", TRIEU),
    ("vnd", DONG),
    ("dong", DONG),
    ("d", DONG),
)
_ALONE = (
    ("nghin", NGHIN),
    ("ngan", NGHIN),
    ("trieu", TRIEU),
    ("ty", TY),
    ("ti", TY),
)
_WORD_END = re.compile(r"(?![a-z0-9])")
_ALONE_END = re.compile(r"\s*(?:$|[/),.;:]|\s+(?:x|×|=)\b)")


def read_money(unit_text: str) -> tuple[Money | None, int]:
    """Money unit at the start of ``unit_text``: the unit and how many characters it spans.

    ``"triệu đồng/người/năm"`` gives (TRIEU, 10); ``"người"`` gives (None, 0).
    ``fold`` keeps one character per character, so the span applies to the original text.
    """
    folded = fold(unit_text)
    lead = len(folded) - len(folded.lstrip())
    body = folded[lead:]
    for spelling, money in _WITH_DONG:
        if body.startswith(spelling) and _WORD_END.match(body, len(spelling)):
            return money, lead + len(spelling)
    for spelling, money in _ALONE:
        if body.startswith(spelling) and _ALONE_END.match(body, len(spelling)):
            return money, lead + len(spelling)
    return None, 0


def money_named(name: str) -> Money:
    """The unit with this canonical name or spelling (for headers, workbooks, tests)."""
    money, span = read_money(name)
    if money is None or span != len(name.strip()):
        raise KeyError(name)
    return money
