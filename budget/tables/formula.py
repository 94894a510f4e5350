"""A product written in one cell with no ``=`` (``4,5% x 1.210.000 x 12 tháng``) and its figure
in the next cell: a cost line, read by the cost-line parser with sources mapped back to the cells.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from budget.costline import _mask_notes, read_chain
from budget.evaluate import evaluate_line
from budget.findings import Finding, Severity
from budget.model import CostLine, Quantity
from budget.source import Source
from budget.tables.cells import PRODUCT, is_marker, kind, runs_of
from budget.tables.columns import Column
from budget.tables.place import on_spans
from budget.tables.records import Cell, TableRow
from budget.tables.values import TableContext, column_money
from budget.text import fold
from budget.units import Money


def _formula_at(cells: Sequence[Cell], columns: Sequence[Column], by_position: bool) -> tuple[int, int | None] | None:
    """(formula, figure): the first cell writing a product, and the next cell written when it is
    a number under an amount column (the row's last cell when the columns are not known). A
    product with no ``=`` needs that figure; one with its own ``=`` may stand alone."""
    for i, c in enumerate(cells):
        if PRODUCT.search(c.text) is None:
            continue
        own = "=" in c.text
        j = next((k for k in range(i + 1, len(cells)) if cells[k].text), None)
        if j is None or kind(cells[j].text) != "num":
            return (i, None) if own else None
        if by_position and (j >= len(columns) or columns[j].role not in ("amount", "total")):
            return (i, None) if own else None
        if not by_position and any(c.text for c in cells[j + 1 :]):
            return (i, None) if own else None
        return i, j
    return None


def _prices(factors: tuple[Quantity, ...]) -> bool:
    """Does a product written with no ``=`` multiply money: a factor written with a money unit or a
    bare figure of a thousand or more? (``3 x 4 m`` in a label is a size, not a formula.)"""
    return any(q.money is not None or (not q.percent and not q.unit_text and q.value >= 1000) for q in factors)


def _table_money(factors: tuple[Quantity, ...], table: tuple[Money | None, bool]) -> tuple[Quantity, ...]:
    """A formula's factors with the table's money (``Đơn vị tính: Đồng``) given to its one figure
    that writes no unit, when no factor writes money: the unit line speaks of the table's figures."""
    money, written = table
    bare = [q for q in factors if q.money is None and not q.percent and not q.unit_text]
    if money is None or not written or len(bare) != 1 or any(q.money is not None for q in factors):
        return factors
    return tuple(replace(q, money=money, unit_text=money.name) if q is bare[0] else q for q in factors)


@dataclass(frozen=True)
class _TwoCells:
    """Columns of ``formula = figure`` (the text the cost-line parser reads) mapped back to the two cells."""

    formula: Cell
    figure: Cell | None

    def at(self, col: int | None) -> Source:
        if col is None:
            return self.formula.source.at(None)
        cut = len(self.formula.text) + 3
        if col <= cut or self.figure is None:
            return self.formula.source.at((self.formula.source.pos or 0) + col)
        return self.figure.source.at((self.figure.source.pos or 0) + col - cut)


def formula_row(
    row: TableRow,
    columns: list[Column],
    shape: str,
    spans: list[tuple[int, int]] | None,
    context: TableContext,
    findings: list[Finding],
) -> tuple[str, CostLine] | None:
    """(row number, cost line) of a row that writes a product with no ``=`` in one cell and
    its figure in the next (``4,5% x 1.210.000 x 12 tháng x 70%`` | ``38.115``)."""
    cells: list[Cell] | None = None
    by_position = True
    if shape == "text":
        chunks = runs_of(row)
        if spans is not None and row.first == row.last:
            cells = on_spans(chunks, spans)
        if cells is None:
            cells, by_position = chunks, False
    else:
        cells = list(row.cells)
    found = _formula_at(cells, columns, by_position)
    if found is None:
        return None
    i, j = found
    formula = cells[i]
    figure = cells[j] if j is not None else None
    text = formula.text if figure is None else f"{formula.text} = {figure.text}"
    masked, notes = _mask_notes(text)
    chain = read_chain(text, masked, notes, 0, len(text), _TwoCells(formula, figure))
    findings.extend(chain.findings)
    line = chain.line
    if line is None or (figure is not None and "=" not in formula.text and not _prices(line.steps[0].factors)):
        return None
    before = [c for c in cells[:i] if c.text]
    number = before[0].text.strip().rstrip(".)") if before and is_marker(before[0].text) else ""
    labels = [c for c in before if kind(c.text) == "text" and not is_marker(c.text)]
    column = columns[j] if by_position and j is not None else None
    if column is None:
        column = next((c for c in reversed(columns) if c.role == "amount"), None)
    money = column_money(column, context)
    steps = []
    for k, step in enumerate(line.steps):
        stated = step.stated
        if stated.money is None and not stated.percent and money[0] is not None:
            stated = replace(stated, money=money[0], unit_text=stated.unit_text or money[0].name)
        factors = _table_money(step.factors, column_money(None, context)) if k == 0 else step.factors
        steps.append(replace(step, factors=factors, stated=stated))  # a restart or rounding kept
    label = " ".join(c.text for c in labels) or line.label
    source = labels[0].source if labels else line.source
    read = replace(line, source=source, label=label, steps=tuple(steps))
    if column is not None and column.period == "thang":
        _per_month_column(read, column, findings)
    return number, read


def _per_month_column(line: CostLine, column: Column, findings: list[Finding]) -> None:
    """A figure under a per-month column (``Số tiền/tháng``) that a formula multiplying months
    does not give: the column says which of the two is the month's amount."""
    months = [q for q in line.factors if fold(q.unit_text).startswith("thang") and q.value > 1]
    if not months or evaluate_line(line).ok:
        return
    stated = line.stated
    args = {"stated": stated.value, "unit": stated.unit_text, "column": column.title, "months": months[0].value}
    findings.append(Finding(stated.source, "TABLE_COLUMN_PER_MONTH", Severity.INFO, args))
