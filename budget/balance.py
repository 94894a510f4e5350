"""Revenue against spending of the same budget: ``Tổng thu ngân sách địa phương`` and
``Tổng chi ngân sách địa phương`` stated side by side in a resolution.

A local budget is adopted balanced (Luật Ngân sách nhà nước 2015: a province's spending
equals its revenue plus what it may borrow), so a resolution that states both for the same
budget is checked for it. A difference is a warning, not an error: a deficit (``bội chi``)
or a surplus may be intended, and the document says so elsewhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from budget.model import Item, Section
from budget.numbers import shift
from budget.text import fold

# "tổng thu <what>" / "tổng chi <what>", the subject ending before a year, "là" or a colon
_SIDE = re.compile(r"^\s*tong (thu|chi)\s+(ngan sach [a-z ]+?)\s*(?:nam \d{4}|\bla\b|:|$)")


@dataclass(frozen=True)
class Balance:
    subject: str  # "ngân sách địa phương", as the revenue title writes it
    revenue: Section
    spending: Section

    @property
    def revenue_dong(self) -> Decimal:
        assert self.revenue.stated is not None
        return shift(self.revenue.stated.value, self.revenue.stated.money.exponent)

    @property
    def spending_dong(self) -> Decimal:
        assert self.spending.stated is not None
        return shift(self.spending.stated.value, self.spending.stated.money.exponent)

    @property
    def ok(self) -> bool:
        return self.revenue_dong == self.spending_dong


def _side(section: Section) -> tuple[str, str] | None:
    if section.stated is None:
        return None
    m = _SIDE.match(fold(section.title))
    return None if m is None else (m.group(1), m.group(2).strip())


def _subject(title: str) -> str:
    """The words after ``Tổng thu`` as written (accents kept), up to a year or ``là``."""
    words = title.split()[2:]
    kept = []
    for w in words:
        if fold(w) in {"nam", "la"} or w.endswith(":"):
            break
        kept.append(w)
    return " ".join(kept)


def find_balances(items: tuple[Item, ...]) -> list[Balance]:
    """Pairs of sibling sections stating the revenue and the spending of the same budget."""
    out: list[Balance] = []
    sections = [i for i in items if isinstance(i, Section)]
    revenue: dict[str, Section] = {}
    for s in sections:
        side = _side(s)
        if side is None:
            continue
        kind, subject = side
        if kind == "thu":
            revenue.setdefault(subject, s)
        elif subject in revenue:
            out.append(Balance(_subject(revenue[subject].title), revenue.pop(subject), s))
    for s in sections:
        out.extend(find_balances(s.items))
    return out
