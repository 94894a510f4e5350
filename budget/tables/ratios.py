"""Comparison columns of tables of figures by column (``Dự toán 2024 | Dự toán 2025 | So sánh
(%)``, ``Quyết toán | Tăng, giảm``, ``Số tiền | Tỷ lệ (%)``): each row's figure is one relation
of the money columns before it, the same for every row: the ratio of two columns (in percent),
their difference, or the row's share of the table's total.

The relation is not written anywhere, so the rows say it: a relation that every row's figure
agrees with (to the figure's last written digit) checks the column. One that every row but one
agrees with, three rows at least, establishes it and the one row is an error at its figure. A
column that no relation explains is reported not checked: its figures were not read, so the
document is not everything read (never passed over as a note).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Context, Decimal

from budget.findings import Finding, Severity
from budget.numbers import EXACT, NumberError, read_number, round_to
from budget.tables.records import Cell
from budget.text import fold

# words of a header naming a comparison of the columns before it
_COMPARING = ("so sanh", "so voi", "ty le", "ti le", "tang", "giam", "chenh lech", "%")
_HUNDRED = Decimal(100)
_QUOTIENT = Context(prec=34)  # a ratio's digits far beyond any written figure's (EXACT traps inexact quotients)
MIN_AGREEING = 3  # rows agreeing with a relation, besides one that does not, to establish it
_FIGURE = re.compile(r"\(?-?\s?[0-9][0-9.,]{0,20}\)?\s?%?")


def compares(title: str) -> bool:
    """Does a column's title name a comparison (``So sánh (%)``, ``Tăng, giảm``, ``Tỷ lệ``)?"""
    folded = fold(title)
    return any(w in folded for w in _COMPARING)


@dataclass(frozen=True)
class RatioRow:
    """A row of the table: its label, its money figures by column, and whether it is a total."""

    label: str
    figures: dict[int, Decimal]
    total: bool
    # columns whose figure is already in doubt (in a sum that fails, or reported wrong): a
    # comparison off because of that figure is that figure's error, said there, not here
    doubted: frozenset[int] = frozenset()


@dataclass(frozen=True)
class _Relation:
    kind: str  # "ratio" (b / a in percent), "difference" (b - a), "share" (b / total in percent)
    a: int
    b: int


def _written(cell: Cell) -> tuple[Decimal, int] | None:
    """A comparison cell's figure and its decimals: ``106,9`` → (106.9, 1), ``(200)`` → -200."""
    text = cell.text.strip()
    if not text or _FIGURE.fullmatch(text) is None:
        return None
    negative = text.startswith("(") and text.endswith(")")
    body = text.strip("()% ").replace(" ", "")
    try:
        value = read_number(body).value
    except NumberError:
        return None
    exponent = value.as_tuple().exponent
    decimals = max(0, -exponent) if isinstance(exponent, int) else 0
    return (-value if negative else value), decimals


def _half(value: Decimal) -> Decimal:
    """Half a unit of the last digit a figure writes (``1.500`` triệu: 0,5): the money figures
    of a comparison are often rounded from the figures it was computed with."""
    exponent = value.as_tuple().exponent
    return Decimal(5).scaleb((exponent if isinstance(exponent, int) else 0) - 1)


def _quotient(top: Decimal, bottom: Decimal) -> Decimal:
    return _QUOTIENT.divide(EXACT.multiply(top, _HUNDRED), bottom)


def _computed(rel: _Relation, row: RatioRow, base: Decimal | None) -> tuple[Decimal, Decimal, Decimal] | None:
    """The relation's value for the row, and the least and greatest it may be when the money
    figures were rounded to the digits they write (an interval, as XBRL's calculation check
    takes a figure's precision)."""
    b = row.figures.get(rel.b)
    if b is None:
        return None
    hb = _half(b)
    if rel.kind == "share":
        if base is None or base <= _half(base) or b < 0:
            return None
        hs = _half(base)
        return _quotient(b, base), _quotient(b - hb, base + hs), _quotient(b + hb, base - hs)
    a = row.figures.get(rel.a)
    if a is None:
        return None
    ha = _half(a)
    if rel.kind == "difference":
        d = EXACT.subtract(b, a)
        return d, d - ha - hb, d + ha + hb
    if a <= ha or b < 0:
        return None
    return _quotient(b, a), _quotient(b - hb, a + ha), _quotient(b + hb, a - ha)


def _agrees(computed: tuple[Decimal, Decimal, Decimal], stated: Decimal, decimals: int) -> bool:
    """The stated figure, to its written decimals, is a rounding of a value the relation may
    take: the intervals overlap."""
    value, low, high = computed
    half = Decimal(5).scaleb(-decimals - 1)
    return round_to(value, decimals) == stated or (low - half <= stated <= high + half)


def check_comparison(
    column: int,
    title: str,
    rows: Sequence[tuple[RatioRow, Cell]],
    money: Sequence[int],
    unit: str,
    findings: list[Finding],
) -> bool | None:
    """Check a comparison column (``column``, titled ``title``) against the money columns before
    it: True when a relation explains every row, False when it was reported (an error at the one
    row that does not agree, or the column not checked), None when it holds too few figures."""
    stated = [(row, cell, w) for row, cell in rows for w in [_written(cell)] if w is not None]
    if len(stated) < 2:
        return None
    before = [p for p in money if p < column]
    relations = [_Relation(k, a, b) for a in before for b in before if a < b for k in ("ratio", "difference")]
    relations += [_Relation("share", b, b) for b in before]
    base_of: dict[int, Decimal | None] = {}
    for b in before:
        totals = [r.figures[b] for r in (row for row, _c in rows) if r.total and b in r.figures]
        base_of[b] = max(totals) if totals else None
    best: tuple[_Relation, list[tuple[RatioRow, Cell, Decimal]]] | None = None
    for rel in relations:
        misses = []
        fits = 0
        for row, cell, (value, decimals) in stated:
            computed = _computed(rel, row, base_of.get(rel.b))
            if computed is None:
                break
            if _agrees(computed, value, decimals):
                fits += not (rel.kind == "share" and row.total)  # a total's 100% says nothing
            else:
                misses.append((row, cell, round_to(computed[0], decimals)))
        else:
            if not misses:
                return True
            if len(misses) == 1 and fits >= MIN_AGREEING and (best is None or len(best[1]) > 1):
                best = (rel, misses)
    if best is not None:
        row, cell, expected = best[1][0]
        if {best[0].a, best[0].b} & row.doubted:
            # one of its figures is in a sum that fails: which one is wrong is that sum's to say
            findings.append(
                Finding(cell.source, "TABLE_COMPARISON_NOT_CHECKED", Severity.WARNING, {"column": title[:60]})
            )
            return False
        written = _written(cell)
        assert written is not None
        stated_value = written[0]
        args = {
            "label": row.label[:60],
            "column": title[:60],
            "stated": stated_value,
            "computed": expected,
            "unit": unit,
        }
        findings.append(
            Finding(
                cell.source,
                "TABLE_COMPARISON_MISMATCH",
                Severity.ERROR,
                args,
                expected=expected,
                actual=stated_value,
                message_key=f"TABLE_COMPARISON_MISMATCH.{best[0].kind}",
            )
        )
        return False
    first = stated[0][1]
    findings.append(Finding(first.source, "TABLE_COMPARISON_NOT_CHECKED", Severity.WARNING, {"column": title[:60]}))
    return False
