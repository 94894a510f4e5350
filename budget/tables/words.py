"""``Bằng chữ: ...`` under a table: the table's total written out in words, checked against it.

Officers write the total in words in a merged cell under the table (a workbook), a row or a
line under it (CSV, text, Word, PDF). The words are read with ``budget.words`` and become a
``WordsCheck`` of the table's total, which ``checks.check_words`` compares exactly; words that
do not read as one amount, or a table with no total to compare them with, are reported as not
checked (a warning), never as an error.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from budget.findings import Finding, Severity
from budget.model import Amount, CostLine, Item, WordsCheck
from budget.numbers import shift, total
from budget.source import Source
from budget.units import DONG
from budget.words import find_words

# the marker, as a whole word; bounded spaces keep it linear
WORDS_MARK = re.compile(r"(?<![^\W\d_])bằng\s{1,3}chữ(?![^\W\d_])", re.IGNORECASE)
_MAX_TEXT = 400  # a line of words; longer text is prose, not the words of a total


@dataclass(frozen=True)
class WordsText:
    """A piece of text under (or inside) a table that starts with ``Bằng chữ``, and where it starts."""

    text: str
    source: Source  # its first character
    columns: bool = True  # offsets into ``text`` are columns of its line (not so in a workbook's cell)


def is_words(text: str) -> bool:
    """Does the text write an amount in words under a table (``Bằng chữ: ...``, ``(Số tiền bằng
    chữ: ...)``), with no figure before the words (``Tổng: 3.400.000 đồng (Bằng chữ ...)`` is a
    statement the text reader reads, its words with it)?"""
    m = WORDS_MARK.search(text.strip()[:40])
    return len(text) <= _MAX_TEXT and m is not None and not any(ch.isdigit() for ch in text.strip()[: m.start()])


def table_total(items: Sequence[Item], where: Source, complete: bool = True) -> Amount | None:
    """What the table adds up to: its stated total, else the sum of its top rows' stated
    amounts when every one states one and no row went unread (``complete``), in đồng, placed at
    ``where``; None when some row states none or was not read."""
    if len(items) == 1 and not isinstance(items[0], CostLine) and items[0].stated is not None:
        return items[0].stated
    if not complete:
        return None
    inner: Sequence[Item] = items[0].items if len(items) == 1 and not isinstance(items[0], CostLine) else items
    values: list[Decimal] = []
    for item in inner:
        if isinstance(item, CostLine):
            values.append(shift(item.stated.value, item.stated.exponent))
        elif item.stated is not None:
            values.append(shift(item.stated.value, item.stated.money.exponent))
        else:
            return None
    return Amount(total(values), DONG, where) if values else None


def words_checks(
    pieces: Sequence[WordsText], items: Sequence[Item], findings: list[Finding], complete: bool = True
) -> list[WordsCheck]:
    """The words under a table as checks of its total; a finding for words not compared
    (``complete``: every row of the table was read)."""
    out: list[WordsCheck] = []
    if not pieces:
        return out
    for piece in pieces:
        spans = find_words(piece.text)
        at = piece.source
        if len(spans) != 1:
            findings.append(Finding(at, "WORDS_UNREADABLE", Severity.WARNING, {"words": piece.text.strip()[:120]}))
            continue
        span = spans[0]
        where = piece.source.at((piece.source.pos or 0) + span.start + 1) if piece.columns else piece.source
        amount = table_total(items, where, complete)
        if amount is None:
            findings.append(Finding(where, "TABLE_WORDS_NOT_CHECKED", Severity.WARNING, {"text": span.text[:120]}))
            continue
        out.append(WordsCheck(where, amount, span.value, span.text))
    return out
