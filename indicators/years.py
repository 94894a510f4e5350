"""Years as departments write them: ``2024``, ``Năm 2025``, a school year ``2024-2025``
(``NH 2024-2025``, ``Năm học 2024 - 2025``), which counts as the year it ends in."""

from __future__ import annotations

import re

from budget.text import fold

FIRST, LAST = 1900, 2200
_YEAR = re.compile(
    r"(?:nam\s*hoc|nam|nh|school\s*year|year)?\s*(?::\s*)?"  # one run of spaces, or two around a colon
    r"([0-9]{4})(?:\.0+)?(?:\s*[-–—/]\s*([0-9]{4}|[0-9]{2}))?",
)


def read_year(text: str) -> tuple[int, bool] | None:
    """The year a cell names and whether it was a school year (two years, the second the
    next one); None when the text names no year."""
    m = _YEAR.fullmatch(fold(text).strip())
    if m is None:
        return None
    first = int(m.group(1))
    second = m.group(2)
    if second is None:
        return (first, False) if FIRST <= first <= LAST else None
    end = int(second) if len(second) == 4 else first // 100 * 100 + int(second)
    if end != first + 1 or not FIRST <= end <= LAST:
        return None
    return end, True
