"""Excel formulas evaluated exactly over Decimal: every formula cell of a workbook recomputed
and compared with the value the file stores.

A workbook shows what its formulas gave when it was last calculated. After an edit by a
program that does not calculate (openpyxl, a script, a patch of the XML) the stored values
are stale, or missing altogether. ``recompute_workbook`` recomputes every formula cell from
the cells it refers to (formula cells among them recomputed first, memoised, with a cycle
guard and a depth limit) and reports:

- ``XLSX_STALE_VALUE`` where a stored value differs from the recomputation, at the first
  stale cell of a chain (a sum of a stale cell shows, from what the viewer sees, a right
  sum: the wrong figure is the one it adds);
- ``XLSX_FORMULA_NOT_EVALUATED`` where a formula has no stored value and could not be
  recomputed, with the reason; a formula with no stored value that could be recomputed
  takes the recomputed value (one ``XLSX_NOT_EVALUATED`` note per sheet says so);
- ``FRACTION_OF_DONG`` where a money amount has a part below one đồng.

The formula text is split by openpyxl's own tokenizer; the grammar and the functions are
ours (``formula_grammar``, ``formula_functions``, ``formula_eval``), because the evaluators we
know (formulas, pycel) compute in float. Excel semantics (``formula_values``): an empty cell is
0 in arithmetic and skipped by SUM, text in a range is skipped, text in arithmetic cannot be
evaluated (Excel's reading of ``"1.500"`` depends on the locale), ROUND is half away from
zero. Anything else is reported as not evaluable, never guessed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal
from typing import Any

from openpyxl.utils.cell import get_column_letter

from budget.findings import Finding, Severity
from budget.formulas.evaluate import Book, Key
from budget.formulas.grammar import is_formula, parse, position
from budget.formulas.values import (
    MAX_POWER,
    NotEvaluable,
    Value,
    XlError,
    cell_value,
    excel_number,
    same_value,
    text_of,
)
from budget.messages import Phrase
from budget.numbers import EXACT, NumberError, format_vn, read_number, shift
from budget.source import Source
from budget.units import Money

__all__ = [
    "MoneyOf",
    "NotEvaluable",
    "Recomputed",
    "Value",
    "XlError",
    "evaluate_cell",
    "excel_number",
    "fraction_finding",
    "parse",
    "recompute_workbook",
    "same_value",
]


@dataclass(frozen=True)
class Recomputed:
    """What recomputing a workbook's formulas gave."""

    values: dict[tuple[str, str], Decimal]  # (sheet, "F12") -> recomputed value, every formula cell evaluated
    findings: list[Finding]  # stale stored values, not-evaluable formulas without a stored value, fractions of a đồng


MoneyOf = Callable[[str, str], Money | None]  # (sheet, "F12") -> the money unit of its amount


def recompute_workbook(
    formulas_wb: Any,
    values_wb: Any,
    name: str,
    states: dict[str, dict[str, bool]] | None = None,
    csv: bool = False,
    money: MoneyOf | None = None,
    sheets: Sequence[str] | None = None,
) -> Recomputed:
    """Every formula cell of ``sheets`` (all by default) recomputed and compared with the value
    the file stores. ``states`` (``xlsx_io.formula_states``) tells which formula cells store a
    value; without it, a stored None counts as none. ``money`` gives the unit of the cells that
    hold money amounts: their stale values are said in it, and amounts with a part below one
    đồng are reported. A CSV file (``csv``) holds no formulas: only its amounts are looked at."""
    out = _Recomputation(name, csv, money)
    book = Book(formulas_wb, values_wb, states)
    for sheet in sheets if sheets is not None else formulas_wb.sheetnames:
        if sheet not in formulas_wb.sheetnames:
            continue
        for (row, col), cell in sorted(formulas_wb[sheet]._cells.items()):
            coordinate = f"{get_column_letter(col)}{row}"
            if csv or not (is_formula(cell.value) or type(cell.value).__name__ in ("ArrayFormula", "DataTableFormula")):
                out.amount(sheet, coordinate, cell.value)
                continue
            out.formula(book, sheet, coordinate)
    return Recomputed(out.values, out.findings())


def evaluate_cell(formulas_wb: Any, values_wb: Any, sheet: str, coordinate: str) -> Value:
    """One formula cell's recomputed value (None for an empty constant cell); ``NotEvaluable``
    when it cannot be computed. Text, logical and error results are returned as such."""
    book = Book(formulas_wb, values_wb, None)
    cell = formulas_wb[sheet][coordinate]
    if not is_formula(cell.value):
        return cell_value(cell)
    return book.evaluate_top((sheet, coordinate), local=False)


class _Recomputation:
    """Findings and values gathered cell by cell; the notes of a sheet come once, at its end."""

    def __init__(self, name: str, csv: bool, money: MoneyOf | None):
        self.name = name
        self.csv = csv
        self.money = money
        self.values: dict[Key, Decimal] = {}
        self.cells: list[Finding] = []
        self.filled: dict[str, list[str]] = {}  # sheet -> cells without a stored value, recomputed
        self.unchecked: dict[str, list[tuple[str, NotEvaluable]]] = {}  # stored, not recomputable

    def source(self, sheet: str, coordinate: str) -> Source:
        if self.csv:
            row, col = position(coordinate)
            return Source(self.name, row, col)
        return Source(self.name, cell=f"{sheet}!{coordinate}")

    def unit(self, sheet: str, coordinate: str) -> Money | None:
        return None if self.money is None else self.money(sheet, coordinate)

    def formula(self, book: Book, sheet: str, coordinate: str) -> None:
        key = (sheet, coordinate)
        has, stored = book.stored(sheet, coordinate)
        try:
            value = book.evaluate_top(key, local=False)
        except NotEvaluable as e:
            if has:
                self.unchecked.setdefault(sheet, []).append((coordinate, e))
                self.amount(sheet, coordinate, stored)
            else:
                self.not_evaluated(sheet, coordinate, e)
            return
        inexact = isinstance(book.memo.get(key), tuple) and book.memo[key][1]  # type: ignore[index]
        shown = excel_number(value) if isinstance(value, Decimal) and inexact else value
        if isinstance(shown, Decimal):
            self.values[key] = shown
        if not has:
            if isinstance(value, XlError):
                self.not_evaluated(sheet, coordinate, NotEvaluable("error", {"value": value.code}))
                return
            self.filled.setdefault(sheet, []).append(coordinate)
            self.amount(sheet, coordinate, shown)
            return
        self.amount(sheet, coordinate, stored)
        if same_value(stored, value):
            return
        try:
            seen = book.evaluate_top(key, local=True)
        except NotEvaluable:
            seen = None  # what the viewer sees cannot be recomputed: the cell is reported
        if seen is not None and same_value(stored, seen):
            return  # stale only through a stale cell it refers to: that cell is reported
        self.stale(sheet, coordinate, stored, shown)

    def stale(self, sheet: str, coordinate: str, stored: Value, computed: Value) -> None:
        where = self.source(sheet, coordinate)
        money = self.unit(sheet, coordinate)
        if isinstance(stored, Decimal) and isinstance(computed, Decimal):
            args: dict[str, object] = {"stored": stored, "computed": computed, "unit": money.name if money else ""}
            key = None if money else "XLSX_STALE_VALUE.plain"
            finding = Finding(
                where,
                "XLSX_STALE_VALUE",
                Severity.ERROR,
                args,
                expected=computed,
                actual=stored,
                unit=money.name if money else None,
                message_key=key,
            )
        else:
            args = {"stored": _shown(stored), "computed": _shown(computed)}
            finding = Finding(where, "XLSX_STALE_VALUE", Severity.ERROR, args, message_key="XLSX_STALE_VALUE.plain")
        self.cells.append(finding)

    def not_evaluated(self, sheet: str, coordinate: str, e: NotEvaluable) -> None:
        args = {"reason": e.phrase(), "origin": _origin(e, sheet, coordinate)}
        self.cells.append(Finding(self.source(sheet, coordinate), "XLSX_FORMULA_NOT_EVALUATED", Severity.WARNING, args))

    def amount(self, sheet: str, coordinate: str, value: object) -> None:
        """A money amount with a part below one đồng is reported where it stands."""
        money = self.unit(sheet, coordinate)
        if money is None:
            return
        if isinstance(value, str) and self.csv:
            try:
                value = read_number(value.strip()).value
            except NumberError:
                return
        if isinstance(value, int) and not isinstance(value, bool):
            value = Decimal(value)
        if not isinstance(value, Decimal) or not value.is_finite() or abs(value.adjusted()) > MAX_POWER:
            return
        finding = fraction_finding(self.source(sheet, coordinate), value, money)
        if finding is not None:
            self.cells.append(finding)

    def findings(self) -> list[Finding]:
        out = list(self.cells)
        for sheet, coordinates in self.filled.items():
            args = {"count": len(coordinates), "sheet": sheet, "first": coordinates[0]}
            out.append(Finding(self.source(sheet, coordinates[0]), "XLSX_NOT_EVALUATED", Severity.WARNING, args))
        for sheet, cells in self.unchecked.items():
            first, e = cells[0]
            origin = _origin(e, sheet, first)
            args = {"count": len(cells), "sheet": sheet, "first": first, "reason": e.phrase(), "origin": origin}
            out.append(Finding(self.source(sheet, first), "XLSX_FORMULA_UNCHECKED", Severity.INFO, args))
        return out


def _origin(e: NotEvaluable, sheet: str, coordinate: str) -> Phrase | str:
    """Where the reason arose, when another cell than the one reported."""
    return Phrase("FORMULA_ORIGIN", {"cell": e.cell}) if e.cell and e.cell != f"{sheet}!{coordinate}" else ""


def fraction_finding(where: Source, value: Decimal, money: Money) -> Finding | None:
    """``FRACTION_OF_DONG`` when an amount in ``money`` has a part below one đồng
    (1.234.567,5 đồng; 0,0000005 triệu đồng), None otherwise."""
    in_dong = shift(value, money.exponent)
    if in_dong == in_dong.to_integral_value():
        return None
    fraction = EXACT.subtract(in_dong, in_dong.to_integral_value(ROUND_DOWN))
    args = {"value": value, "unit": money.name, "fraction": abs(fraction)}
    return Finding(where, "FRACTION_OF_DONG", Severity.WARNING, args, actual=value, unit=money.name)


def _shown(value: Value) -> str:
    """A stored or recomputed value in a message: numbers Vietnamese-style, text quoted."""
    if isinstance(value, Decimal):
        return format_vn(value)
    if isinstance(value, XlError):
        return value.code
    return f"“{text_of(value)}”"
