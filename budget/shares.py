"""Shares a document states for an item of a list: in its title (``Dự phòng (5%)``, ``Trích 10%
kinh phí``), the amount worked out from the rate; or in brackets after its amount (``Vốn tỉnh:
4.500 triệu đồng (24,4%)``), the rate worked out from the amounts and rounded to its own digits.
``checks`` judges them; ``parse`` tells the targets reader that these percentages are no targets."""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from typing import NamedTuple

from budget.model import Amount
from budget.numbers import D
from budget.source import Source
from budget.text import fold

_SHARE_TITLE = re.compile(r"\((\d{1,3}(?:,\d{1,4})?)\s*%\)|^(?:du phong|trich)\D{0,20}?(\d{1,3}(?:,\d{1,4})?)\s*%")
# The amount, its unit in words, and the share in brackets, the last thing the item says. A dot
# before one or two digits is a decimal mark (``24.4%``): no thousands group has fewer than three.
_SHARE_AFTER = re.compile(
    r"[0-9.,]+[^\W\d_]*(?:\s+[^\W\d_]+){0,3}\s*\(\s*(\d{1,3})(?:,(\d{1,4})|\.(\d{1,2}))?\s*%\s*\)[\s.,;]*"
)


# A rate that ends an item's title (``Ngân sách tỉnh hỗ trợ 70%``, ``Vốn huyện 30 %:``, ``ngân
# sách tỉnh 60% là``): a share only where every item of its list ends so and the rates split a
# whole (they add up to 100): alone it may be any percentage (``Hỗ trợ giảm 50%``).
_RATE_AT_END = re.compile(r"(?<![0-9.,])(\d{1,3}(?:,\d{1,4})?)\s?%(?:\s{1,3}(?:la|bang))?[\s:.;]*$")
# ... and names a source of funds (folded): rates that split a whole among payers, not the rates
# of reductions or achievements whose values happen to add up to 100 (``giảm 70%``, ``giảm 30%``)
_FUNDS = re.compile(
    r"\b(?:ngan sach|ns|von|nguon|kinh phi|doi ung|xa hoi hoa|dong gop|tai tro|trung uong|tinh|huyen|xa|"
    r"thanh pho|doanh nghiep|nha dau tu|don vi)\b"
)


class ShareAfter(NamedTuple):
    rate: Decimal
    places: int  # digits after its decimal mark
    at: Source  # where the rate is written


def share_in_title(title: str) -> Decimal | None:
    """The share an item's title gives (``Dự phòng (5%)``), between 0 and 100."""
    m = _SHARE_TITLE.search(fold(title))
    if m is None:
        return None
    rate = D((m.group(1) or m.group(2)).replace(",", "."))
    return rate if 0 < rate < 100 else None


def funds_rates(titles: Sequence[str]) -> list[Decimal] | None:
    """The rates ending each of ``titles`` (folded) when every one (two or more) names a source of
    funds and ends with a rate, whatever they add up to."""
    if len(titles) < 2:
        return None
    rates = []
    for title in titles:
        m = _RATE_AT_END.search(title)
        if m is None or _FUNDS.search(title, 0, m.start()) is None:
            return None
        rates.append(D(m.group(1).replace(",", ".")))
    return rates


# the same rate in the text right before the amount it ends the title of (not folded)
_RATE_BEFORE = re.compile(r"(?<![0-9.,])(\d{1,3}(?:,\d{1,4})?)\s?%(?:\s{1,3}(?:là|bằng))?[\s:.;]*$", re.IGNORECASE)


def rate_before(amount: Amount) -> Source | None:
    """Where the rate that ends the title before ``amount`` is written (``ngân sách tỉnh 70% là``)."""
    src = amount.source
    at = src.caret
    if at is None or src.cell is not None:
        return None
    m = _RATE_BEFORE.search(src.text, 0, at)
    return None if m is None else src.at(m.start(1) + 1)


def split_rates(titles: Sequence[str]) -> list[Decimal] | None:
    """The rates of ``funds_rates`` when together they add up to 100: the shares a list of items
    splits its whole by."""
    rates = funds_rates(titles)
    return rates if rates is not None and sum(rates) == 100 and all(r > 0 for r in rates) else None


def share_after(amount: Amount) -> ShareAfter | None:
    """The share written after an item's amount (``4.500 triệu đồng (24,4%)``); None unless the
    brackets end the text of the amount's line (a rate between 0 and 100)."""
    src = amount.source
    at = src.caret
    if at is None or src.cell is not None:
        return None
    m = _SHARE_AFTER.match(src.text, at)
    if m is None or m.end() != len(src.text):
        return None
    fraction = m.group(2) or m.group(3) or ""
    rate = D(f"{m.group(1)}.{fraction}" if fraction else m.group(1))
    return ShareAfter(rate, len(fraction), src.at(m.start(1) + 1)) if 0 < rate < 100 else None
