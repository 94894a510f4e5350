"""Figures of table cells: numbers read with the table's grouping (``46,980,000`` or
``46.980.000``), their money unit, factors a label writes (``đóng 1/2``, ``x 2 buổi``), and
what the lines above a table say once for all its rows (``Đơn vị tính``, a factor).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from budget.arith import evaluate_group
from budget.costline import read_number_at
from budget.findings import Finding
from budget.headings import FrontMatter, may_name, plain
from budget.model import Amount, Quantity
from budget.numbers import NUMBER_TOKEN, D, NumberError
from budget.read.text import RawLine
from budget.source import Source
from budget.tables.cells import is_pipe
from budget.tables.columns import Column, names_columns, roles_in, scale_in
from budget.tables.records import TableBlock
from budget.text import fold
from budget.units import DONG, Money, read_money

_FRACTION = re.compile(r"(?<![0-9/.,])([1-9])\s*/\s*([245])(?![0-9/.,])")


_TIMES = re.compile(r"(?:^|\s|\()[x×]\s*([0-9]+(?:,[0-9]+)?)\s*([^\W\d_]+)?")


@dataclass(frozen=True)
class TableContext:
    """What the lines above a table say once for every row: the money unit and factors."""

    money: Money | None = None
    title: str = ""
    factors: tuple[tuple[str, Quantity], ...] = ()  # (role, quantity)

    def factor(self, role: str) -> Quantity | None:
        return next((q for r, q in self.factors if r == role), None)


_UNIT_LINE = re.compile(r"(?:don vi tinh|dvt|don vi)\s*:?\s*", re.IGNORECASE)


_COMMA_GROUPS = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+")


_EN_ONLY = re.compile(r"(?<![0-9.,])[0-9]{1,3}(?:,[0-9]{3}){2,}(?![0-9.,])")


_VN_ONLY = re.compile(r"(?<![0-9.,])[0-9]{1,3}(?:\.[0-9]{3}){2,}(?![0-9.,])")


def _unit_of(text: str) -> Money | None:
    """The money unit a ``Đơn vị tính: triệu đồng`` line states."""
    m = _UNIT_LINE.search(fold(text))
    return None if m is None else scale_in(text[m.end() :])


def context_above(
    above: Sequence[RawLine], english: bool, front: Callable[[int | None], bool] | None = None
) -> TableContext:
    """What the lines ``above`` a table (nearest first) say: its money unit, factors given once,
    and its title, the nearest line that may name it (no letterhead, document title or line
    naming columns; none of the lines that identify the document, ``front`` by line number)."""
    money: Money | None = None
    candidates: list[str] = []
    local = FrontMatter([rl.text for rl in reversed(above)])  # the letterhead among these lines
    identifying = {k for k in range(len(above)) if len(above) - 1 - k in local}
    factors: list[tuple[str, Quantity]] = []
    for k, rl in enumerate(above):
        text = rl.text
        if money is None:
            # the unit line, or one a converter broke after its first word (``Đơn`` / ``vị:
            # Triệu đồng``): ``above`` is nearest first, so the line before is the next one
            found = _unit_of(text)
            if found is None and k + 1 < len(above) and len(text) < 40 and len(above[k + 1].text) < 20:
                found = _unit_of(f"{above[k + 1].text.strip()} {text.strip()}")
            if found is not None:
                money = found
                continue
        roles = roles_in(text) if len(text) <= 80 else []
        used = False
        for r in roles:
            if r.role not in ("quantity", "price", "duration"):
                continue
            after = text[r.end :]
            n = re.match(r"\s*:?\s*", after)
            pos = r.end + (n.end() if n else 0)
            num = NUMBER_TOKEN.match(text, pos)
            if num is None or any(role == r.role for role, _ in factors):
                continue
            q = read_quantity(text[pos:], rl.source.at(pos + 1), r.role, None, english, [])
            if q is not None:
                factors.append((r.role, q))
                used = True
        if used or len(text.split()) < 2 or is_pipe(text) or k in identifying:
            continue
        if front is not None and front(rl.source.line):
            continue
        if may_name(text) and not names_columns(text):
            candidates.append(plain(text)[:200])
    # the title: the nearest line above without figures, else the nearest line
    title = next((t for t in candidates if not any(ch.isdigit() for ch in t)), candidates[0] if candidates else "")
    return TableContext(money, title, tuple(factors))


def _read_value(token: str, where: Source, english: bool, findings: list[Finding]) -> Decimal | None:
    """A number of a table cell; ``90,000`` is 90.000 in a table written with English grouping."""
    t = token.strip()
    if english and _COMMA_GROUPS.fullmatch(t):
        return D(t.replace(",", ""))
    try:
        value, fs = read_number_at(t, where)
    except NumberError:
        return None
    findings.extend(fs)
    return value


def read_quantity(
    text: str, where: Source, role: str, money: Money | None, english: bool, findings: list[Finding]
) -> Quantity | None:
    """The number at the start of a cell, as a factor or result of the given role."""
    t = text.strip()
    sign = ""
    if t[:1] in "-–":
        sign, t = "-", t[1:].lstrip()
    m = NUMBER_TOKEN.match(t)
    if m is None:
        return None
    value = _read_value(m.group(), where, english, findings)
    if value is None:
        return None
    if sign:
        value = -value
    rest = t[m.end() :].strip()
    percent = rest.startswith("%")
    own, _ = read_money(rest)
    if percent:
        return Quantity(value, "%", None, where, m.group(), True)
    if own is not None:
        money = own
    if role in ("price", "amount", "per_amount", "total", "category") and money is None:
        money = DONG
    if role not in ("price", "amount", "per_amount", "total", "category") and own is None:
        money = None
    unit_text = money.name if money is not None else ""
    return Quantity(value, unit_text, money, where, sign + m.group())


def english_grouping(block: TableBlock) -> bool:
    """Does the block group thousands with commas (``46,980,000``) and never with dots?"""
    texts = [c.text for r in block.rows for c in r.cells]
    en = any(_EN_ONLY.search(t) for t in texts)
    vn = any(_VN_ONLY.search(t) for t in texts)
    return en and not vn


def label_factors(label: str, source: Source, findings: list[Finding]) -> list[Quantity]:
    """Factors written in a row's label: ``(1/2)``, ``đóng 1/2``, ``x 2 buổi``."""
    out = []
    for m in _FRACTION.finditer(label):
        value = evaluate_group(f"{m.group(1)}/{m.group(2)}")
        if value is not None:
            out.append(Quantity(value, "", None, source.at((source.pos or 0) + m.start() + 1), m.group()))
    for m in _TIMES.finditer(label):
        value = _read_value(m.group(1), source, False, findings)
        if value is not None:
            at = source.at((source.pos or 0) + m.start(1) + 1)
            out.append(Quantity(value, m.group(2) or "", None, at, m.group(1)))
    return out


_NUM = r"[0-9]{1,3}(?:[.,][0-9]{1,3}){0,4}"
_WORD = r"[^\W\d_]{1,12}"
_TERM = rf"{_NUM}(?:\s{{0,3}}{_WORD}(?:\s(?![x×X]\s){_WORD})?)?"
_SIGN = r"\s{0,3}(?<![^\W\d_])[x×X*](?![^\W\d_])\s{0,3}"
# ``30 người x 2 ngày`` inside a label: bounded repetitions, no nested unbounded quantifier
_LABEL_PRODUCT = re.compile(rf"(?<![0-9.,]){_TERM}(?:{_SIGN}{_TERM}){{1,5}}")
_PRODUCT_FIGURE = re.compile(rf"(?<![^\s(x×X*]){_NUM}(?![0-9])")


@dataclass(frozen=True)
class LabelProduct:
    """A product of figures a label writes (``Nước uống (30 người x 2 ngày)``): a note on how a
    column's figure was counted, never a factor of the row."""

    text: str
    value: Decimal
    source: Source


def label_products(label: str, source: Source) -> list[LabelProduct]:
    """The products of figures written in a label, with their values (None when a figure does
    not read as one number: such a product is left out, never guessed)."""
    out = []
    for m in _LABEL_PRODUCT.finditer(label):
        figures = [f.group() for f in _PRODUCT_FIGURE.finditer(m.group())]
        values = []
        for f in figures:
            try:
                value, fs = read_number_at(f, source)
            except NumberError:
                break
            if fs:
                break  # a figure read with a doubt: the note is not compared
            values.append(value)
        if len(values) < 2 or len(values) != len(figures):
            continue
        product = Decimal(1)
        for v in values:
            product *= v
        out.append(LabelProduct(m.group(), product, source.at((source.pos or 0) + m.start() + 1)))
    return out


def label_multipliers(label: str, source: Source, findings: list[Finding]) -> list[Quantity]:
    """Factors a label writes outside any product of figures: ``đóng 1/2``, ``x 2 buổi``. The
    row reader uses them only when the row's amount counts them (see ``table_rows``)."""
    taken = [(m.start(), m.end()) for m in _LABEL_PRODUCT.finditer(label)]
    return [
        q
        for q in label_factors(label, source, findings)
        if not any(a <= (q.source.pos or 0) - (source.pos or 0) < b for a, b in taken)
    ]


def column_money(col: Column | None, context: TableContext) -> tuple[Money | None, bool]:
    """The money unit of a column and whether it was written (header or unit line)."""
    if col is not None and col.money is not None:
        return col.money, True
    if context.money is not None:
        return context.money, True
    return None, False


class BlockReading(Protocol):
    """What the readers of whole-table shapes (``cross``, ``sums``) need of the block reader
    (``rows.BlockReader``) that calls them: a protocol, so they do not import it back."""

    findings: list[Finding]
    english: bool
    block: TableBlock  # the block read (its shape tells which cells a row may have lost)
    context: TableContext
    found: int  # relations read so far
    last_total: Amount | None  # the base of a share in the next table

    def count_sum(self, label: str, stated: Quantity, parts: Sequence[Quantity | Decimal]) -> None: ...
