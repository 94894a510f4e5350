"""A column that is a rate written in the text above the table applied to an earlier column
(``... lợi nhuận tăng thêm 25% so với ...`` over ``Năm | Lợi nhuận | Lợi nhuận tăng thêm | ...``,
rows ``50.000 | 12.500``): each row's figure is the rate times the row's figure in that column.

No cell and no header says so: the text and the rows together must. The rate is written in the
lines just above the table, and every row's figure agrees with it (to the figure's last written
digit), three rows at least; or every row but one, with three rows at least agreeing, which
establishes it (as ``ratios`` does for comparisons). The rows are then cost lines of the rate and
their base figure, checked as the text's products are: the one row that does not agree is an
error at its figure. Anything less (a rate no row follows, two rows off, a base column that two
columns or two rates explain alike) reads nothing: the table is then what its other readings make
of it. Total rows are left to the sums (a total of rounded rows may be off by their rounding).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from budget.model import CostLine, Quantity, Step
from budget.numbers import EXACT, D, NumberError, read_number
from budget.read.text import RawLine
from budget.source import Source
from budget.tables.cells import is_total_row, kind, label_text
from budget.tables.ratios import MIN_AGREEING
from budget.tables.records import TableRow
from budget.units import Money

# a percentage written in prose: ``25%``, ``12,5 %`` (not the end of a longer figure)
_RATE = re.compile(r"(?<![0-9.,])([0-9]{1,3}(?:,[0-9]{1,4})?)\s?%")
_HUNDRED = Decimal(100)
_FIGURE = re.compile(r"-?[0-9][0-9.,]{0,20}")


@dataclass(frozen=True)
class WrittenRate:
    """A percentage the text writes above a table: its value (in percent), as written, where."""

    value: Decimal
    text: str
    source: Source


def rates_above(above: Sequence[RawLine]) -> list[WrittenRate]:
    """The percentages written in the lines just above a table, strictly between 0 and 100 (a
    column equal to another is no rate of it), each once."""
    out: list[WrittenRate] = []
    seen: set[Decimal] = set()
    for rl in above:
        for m in _RATE.finditer(rl.text):
            value = D(m.group(1).replace(",", "."))
            if 0 < value < _HUNDRED and value not in seen:
                seen.add(value)
                out.append(WrittenRate(value, m.group(1), rl.source.at(m.start(1) + 1)))
    return out


@dataclass(frozen=True)
class _Figure:
    value: Decimal
    text: str
    source: Source


def _figure(text: str, source: Source) -> _Figure | None:
    """A cell that writes one plain figure (no percentage, no words): its value."""
    t = text.strip()
    if kind(t) != "num" or _FIGURE.fullmatch(t) is None:
        return None
    try:
        return _Figure(read_number(t).value, t, source)
    except NumberError:
        return None


def _half(value: Decimal) -> Decimal:
    """Half a unit of the last digit a figure writes (``12.500``: 0,5; ``0,85``: 0,005)."""
    exponent = value.as_tuple().exponent
    return Decimal(5).scaleb((exponent if isinstance(exponent, int) else 0) - 1)


def _agrees(rate: Decimal, base: Decimal, stated: Decimal) -> bool:
    """Is ``stated`` the rate (in percent) of ``base``, to the last digit it writes?"""
    computed = EXACT.divide(EXACT.multiply(rate, base), _HUNDRED)
    return abs(computed - stated) <= _half(stated)


def rate_columns(
    rows: Sequence[TableRow], width: int, rates: Sequence[WrittenRate], money: Money | None
) -> list[CostLine]:
    """The cost lines of the columns of a table (rows ``width`` cells wide) that are one of
    ``rates`` times an earlier column, each row one line; [] when none is established."""
    data = [r for r in rows if not r.header and len(r.cells) == width and not is_total_row(r)]
    if len(data) < MIN_AGREEING or not rates:
        return []
    columns: dict[int, list[_Figure]] = {}
    for p in range(width):
        figures = [_figure(r.cells[p].text, r.cells[p].source) for r in data]
        if all(f is not None for f in figures):
            columns[p] = [f for f in figures if f is not None]
    out: list[CostLine] = []
    for b, stated in columns.items():
        found = [
            (a, rate)
            for a in columns
            if a < b
            for rate in rates
            if _established([_agrees(rate.value, x.value, y.value) for x, y in zip(columns[a], stated, strict=True)])
        ]
        if len(found) != 1:
            continue  # no rate explains the column, or two explain it alike: not read
        a, rate = found[0]
        unit = money.name if money is not None else ""
        factor = Quantity(rate.value, "%", None, rate.source, rate.text + "%", True)
        for row, x, y in zip(data, columns[a], stated, strict=True):
            base = Quantity(x.value, unit, money, x.source, x.text)
            result = Quantity(y.value, unit, money, y.source, y.text)
            label = label_text(row.cells) or row.cells[0].text.strip()
            out.append(CostLine(y.source, label, (Step((factor, base), result),)))
    return out


def _established(agreeing: Sequence[bool]) -> bool:
    """Every row agrees, or every row but one with ``MIN_AGREEING`` rows at least agreeing."""
    misses = agreeing.count(False)
    return len(agreeing) - misses >= MIN_AGREEING and misses <= 1
