"""Counts and percentages broken down in a sentence (``tổng số 950 em, gồm: khối 6: 300 em;
khối 7: 320 em; khối 8: 330 em``; ``chiếm 3,6% GRDP, gồm 3,1% ... và 0,5% ...``).

No money amount is involved, so no budget relation reads them; yet a breakdown that does not
add up is a mistake in the document, and a verdict of ``KHỚP`` over it would be false. Read only
when the whole sentence after the breakdown word is figures of the total's own unit (numbers of
no unit, such as ``khối 6``, are labels): counts that differ are an error at the total;
percentages that differ are said not checked, never an error, since rates of subgroups
(``tỷ lệ hộ nghèo 3,6%, gồm thành thị 1,2%, nông thôn 5,1%``) are no parts of the whole.
``trong đó`` (of which) lists some of the whole: never judged.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from decimal import Decimal

from budget.findings import Finding, Severity
from budget.numbers import NumberError, read_number
from budget.source import Source
from budget.units import read_money

# a figure and the word (or ``%``) right after it
_FIGURE = re.compile(r"(?<![\w.,/])([0-9]{1,3}(?:\.[0-9]{3})+(?:,[0-9]+)?|[0-9]+(?:,[0-9]+)?)\s?(%|[^\W\d_]+)?")
# the rest of the total's unit or a few words of no figure (``học sinh``, ``GRDP``), then the breakdown word
_BREAKS_DOWN = re.compile(
    r"(?:\s{1,3}[^\W\d_]+){0,4}?[,;:]?\s{0,3}(?:bao gồm|gồm|chia ra|cụ thể)\s{0,3}:?\s", re.IGNORECASE
)
# words that make a figure after them no part of the whole: some of a part, a change, an extra, a rate
_NO_PART = re.compile(
    r"(?<![^\W\d_])(?:trong đó|trong số đó|ngoài ra|tăng|giảm|so với|còn|thêm|đạt|mỗi|bình quân|trung bình)"
    r"(?![^\W\d_])",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"\.(?:\s|$)|\n|$")

Locate = Callable[[int], Source]


def _value(token: str) -> Decimal | None:
    try:
        return read_number(token).value
    except NumberError:
        return None


def _unit(m: re.Match[str]) -> str | None:
    unit = m.group(2)
    return None if unit is None else unit.lower()


def count_breakdowns(text: str, at: Locate, within: int | None = None) -> list[Finding]:
    """Findings for the breakdowns of counts and percentages in ``text`` that do not add up
    (``at(i)`` places character ``i``; ``within``: only totals that start before it)."""
    lowered = text.lower()
    if "gồm" not in lowered and "chia ra" not in lowered and "cụ thể" not in lowered:
        return []
    findings: list[Finding] = []
    for total in _FIGURE.finditer(text, 0, len(text) if within is None else within):
        unit = _unit(total)
        if unit is None or text[total.end() : total.end() + 1] == "/" or read_money(text[total.start(2) :])[0]:
            continue
        m = _BREAKS_DOWN.match(text, total.end())
        if m is None:
            continue
        stop = _SENTENCE_END.search(text, m.end())
        end = len(text) if stop is None else stop.start()
        if _NO_PART.search(text, m.end(), end):
            continue  # ``gồm 300 em nam, 650 em nữ, trong đó 120 em ...``: not all parts of the whole
        parts: list[Decimal] = []
        whole = True
        for p in _FIGURE.finditer(text, m.end(), end):
            if p.group(2) is None:
                continue  # ``khối 6: 300 em``: a number of no unit names the part
            value = _value(p.group(1))
            per = text[p.end() : p.end() + 1] == "/"
            if _unit(p) != unit or per or value is None or read_money(text[p.start(2) :])[0] is not None:
                whole = False  # another unit, a rate, money: not a breakdown of this figure alone
                break
            parts.append(value)
        stated = _value(total.group(1))
        if not whole or len(parts) < 2 or stated is None:
            continue
        computed = sum(parts, Decimal(0))
        if computed == stated:
            continue
        where = at(total.start())
        opens = max(text.rfind(c, 0, total.start()) for c in ".;:\n")
        label = text[opens + 1 : total.start()].strip() or text[total.start() : total.end()]
        label = label if len(label) <= 80 else "…" + label[-79:]
        if unit == "%":
            args = {"label": label, "stated": stated, "computed": computed}
            findings.append(Finding(where, "COUNT_SUM_NOT_CHECKED", Severity.WARNING, args))
        else:
            findings.append(
                Finding(
                    where,
                    "COUNT_SUM_MISMATCH",
                    Severity.ERROR,
                    {"label": label, "stated": stated, "computed": computed, "difference": stated - computed},
                    expected=computed,
                    actual=stated,
                )
            )
    return findings


_OPENS_LIST = re.compile(r"(?:bao gồm|gồm|chia ra|cụ thể)\s{0,3}:\s*$", re.IGNORECASE)


def count_list(head: str, parts: Sequence[str], at: Locate) -> list[Finding]:
    """A count whose breakdown is the list under it (``Đối tượng: 150 người, gồm:`` then
    ``- Cán bộ xã: 60 người;`` ...): read as one sentence, the items' texts joined by ``;``;
    only a total in ``head`` is judged."""
    if len(parts) < 2 or not _OPENS_LIST.search(head):
        return []
    joined = head.rstrip() + " " + "; ".join(p.strip().rstrip(".;,") for p in parts) + "."
    return count_breakdowns(joined, at, within=len(head))
