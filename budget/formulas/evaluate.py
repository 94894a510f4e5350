"""A formula's tree evaluated against a workbook, exactly over Decimal: ``Book`` holds one
workbook's formula cells and stored values, and evaluates formula cells on demand.

Formula cells referred to are recomputed first, memoised, with a cycle guard; a chain deeper
than ``MAX_CHAIN`` (a running total down 100.000 rows) is followed from its far end, so the
recursion stays shallow. Whatever cannot be evaluated faithfully raises ``NotEvaluable`` with
the reason and the cell where it arose; numbers too large for exact arithmetic too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Context, Decimal, Inexact, InvalidOperation, Overflow
from typing import Any

from openpyxl.utils.cell import column_index_from_string

from budget.formulas.functions import FUNCTIONS
from budget.formulas.grammar import (
    _CELL_IN_TEXT,
    _QUOTED,
    LEVELS,
    MAX_COLS,
    MAX_ROWS,
    Call,
    Const,
    Node,
    Percent,
    Prefix,
    Ref,
    is_formula,
    parse,
    position,
)
from budget.formulas.values import MAX_POWER, NotEvaluable, Value, XlError, cell_value, compare, first_error, text_of
from budget.numbers import EXACT, shift

Key = tuple[str, str]  # (sheet, "F12")

_FIXED = (False, False, False, False)  # a reference written with every ``$``
MAX_CHAIN = 40  # formula cells nested in one evaluation before the deepest is evaluated first


# ``formula_grammar.shape_of`` in one pass: quoted text kept, cell references outside it made
# relative to the formula's cell (the same text: the lookarounds see a quote where a piece ended)
_QUOTED_OR_CELL = re.compile(f"({_QUOTED.pattern})|{_CELL_IN_TEXT.pattern}")
_COLUMNS: dict[str, int] = {}


def _shape(formula: str, row: int, col: int) -> str:
    """The formula with its relative cell references written relative to its cell: formulas
    filled down a column share one shape (``ValueError`` for a column past XFD)."""

    def relative(m: re.Match[str]) -> str:
        if m[1] is not None:
            return m[1]
        letters = m[3]
        c = _COLUMNS.get(letters)
        if c is None:
            c = _COLUMNS[letters] = column_index_from_string(letters.upper())
        return f"{m[2]}{letters if m[2] else f'C[{c - col}]'}{m[4]}{m[5] if m[4] else f'R[{int(m[5]) - row}]'}"

    return _QUOTED_OR_CELL.sub(relative, formula)


class _ShapeMemo:
    """Results of one function call of a formula shape, by the values of the cells it reads.

    A call is a pure function of the cells it refers to (no function here reads the clock,
    its own position or another cell by name), so a call filled down a column with the same
    inputs (a unit's power of ten looked up from its unit text, row after row) is evaluated
    once. Calls whose inputs rarely repeat (a row's own product) stop being kept after a
    trial, so the memory stays that of the workbook."""

    __slots__ = ("hits", "on", "results", "singles", "tries")
    TRIAL = 512

    def __init__(self, singles: tuple[Ref, ...]):
        self.singles = singles
        self.results: dict[tuple[object, ...], tuple[Value, bool]] = {}
        self.tries = 0
        self.hits = 0
        self.on = True

    def seen(self) -> None:
        self.tries += 1
        if self.tries == self.TRIAL and self.hits * 4 < self.tries:
            self.on = False
            self.results.clear()


def _pure_inputs(tree: Node) -> tuple[Ref, ...] | None:
    """The single cells a tree refers to, when every range it reads stays put as it is filled
    down or across (``'Đơn vị'!$A$2:$B$100``); None when a range moves with the formula."""
    singles: list[Ref] = []
    stack: list[Node | None] = [tree]
    while stack:
        node = stack.pop()
        if node is None or isinstance(node, Const):
            continue
        if isinstance(node, Ref):
            m = node.moves
            if node.single and m[0] == m[2] and m[1] == m[3]:  # one cell wherever it is filled
                singles.append(node)
            elif any(m):  # ``A$1:A1`` is one cell here and a range in the rows below
                return None
        elif isinstance(node, Call):
            stack.extend(node.args)
        elif isinstance(node, Prefix | Percent):
            stack.append(node.operand)
        else:
            stack.append(node.first)
            stack.extend(operand for _, operand in node.rest)
    return tuple(singles)


class _TooDeep(Exception):
    """The chain of formula cells is too deep to follow here: evaluate ``key`` first."""

    def __init__(self, key: Key):
        super().__init__(key)
        self.key = key


class Book:
    """One workbook's formulas, evaluated on demand and memoised.

    ``full`` values recompute every formula cell referred to; a ``local`` evaluation of one
    cell takes the values its references store (what a viewer sees), to tell the first
    stale cell of a chain from the cells that only add it up.
    """

    def __init__(self, formulas: Any, values: Any, states: dict[str, dict[str, bool]] | None):
        # cells by sheet: openpyxl's ``wb[name]`` searches a list each time
        self.formulas: dict[str, dict[tuple[int, int], Any]] = {ws.title: ws._cells for ws in formulas.worksheets}
        self.values: dict[str, dict[tuple[int, int], Any]] = {ws.title: ws._cells for ws in values.worksheets}
        self.states = states
        self.ctx = Context(prec=EXACT.prec, traps=[InvalidOperation, Overflow])
        self.memo: dict[Key, tuple[Value, bool] | NotEvaluable] = {}
        self.trees: dict[Key, tuple[Node, tuple[int, int]] | NotEvaluable] = {}
        self.shift = (0, 0)  # how far the references of the formula being evaluated move
        self.shapes: dict[str, tuple[Node | NotEvaluable, int, int]] = {}
        self.busy: list[Key] = []
        self.local = False  # references read stored values (only those of the cell evaluated)
        self.ranges: dict[tuple[bool, str, Ref], list[tuple[int, int, Value]]] = {}
        self.lookups: dict[tuple[bool, str, Ref, int], dict[object, Value]] = {}
        self.positions: dict[str, tuple[int, int]] = {}  # "F12" -> (12, 6), met again and again
        self.extents: dict[str, tuple[int, int]] = {}  # sheet -> its last row and column holding a cell
        self.pure: dict[int, _ShapeMemo | None] = {}  # by id of a call in a shape's tree (kept in ``shapes``)

    def position(self, coordinate: str) -> tuple[int, int]:
        found = self.positions.get(coordinate)
        if found is None:
            found = self.positions[coordinate] = position(coordinate)
        return found

    # cells

    def formula_of(self, sheet: str, coordinate: str) -> tuple[Node, tuple[int, int]]:
        """The tree of a formula cell and how far its relative references move from where the
        tree was parsed (``NotEvaluable`` if unreadable)."""
        key = (sheet, coordinate)
        known = self.trees.get(key)
        if known is None:
            spot = self.position(coordinate)
            value = self.formulas[sheet][spot].value
            if not is_formula(value):
                known = NotEvaluable("array")  # ArrayFormula, DataTableFormula
            else:
                known = self.parsed(value, *spot)
            self.trees[key] = known
        if isinstance(known, NotEvaluable):
            raise NotEvaluable(known.kind, known.details)  # a fresh one: the cell is set where it is caught
        return known

    def parsed(self, formula: str, row: int, col: int) -> tuple[Node, tuple[int, int]] | NotEvaluable:
        """A formula parsed once per shape: formulas filled down a column are one tree, read
        with their references moved by the cell's distance from the first."""
        try:
            shape = _shape(formula, row, col)
        except ValueError:  # a column past XFD: read as written
            shape = formula + f"@{row},{col}"
        known = self.shapes.get(shape)
        if known is None:
            try:
                tree: Node | NotEvaluable = parse(formula)
            except NotEvaluable as e:
                tree = e
            known = self.shapes[shape] = (tree, row, col)
        tree, r0, c0 = known
        return tree if isinstance(tree, NotEvaluable) else (tree, (row - r0, col - c0))

    def at(self, ref: Ref) -> Ref:
        """A reference of the formula being evaluated, moved to its cell."""
        if self.shift == (0, 0) or ref.moves == _FIXED:
            return ref  # what ``moved`` would build again
        return ref.moved(*self.shift)

    def stored(self, sheet: str, coordinate: str) -> tuple[bool, Value]:
        """(whether the file stores a value for this formula cell, the value)."""
        cell = self.values.get(sheet, {}).get(self.position(coordinate))
        value = None if cell is None else cell.value
        if is_formula(value):  # the formulas themselves (a workbook passed twice): nothing stored
            return False, None
        state = (self.states or {}).get(sheet, {}).get(coordinate)
        if state is None:
            return value is not None, cell_value(cell) if cell is not None else None
        if not state:
            return False, None
        return True, "" if value is None else cell_value(cell)

    def cell(self, sheet: str, row: int, col: int) -> Value:
        cells = self.formulas.get(sheet)
        if cells is None:
            return XlError("#REF!")
        cell = cells.get((row, col))
        if cell is None:
            return None
        value = cell.value
        if type(value) is Decimal:  # the commonest: a stored number
            return value
        if is_formula(value) or type(value).__name__ in ("ArrayFormula", "DataTableFormula"):
            key = (sheet, cell.coordinate)
            if self.local:
                has, value = self.stored(*key)
                if has:
                    return value
            return self.full(key)
        return cell_value(cell)

    def full(self, key: Key) -> Value:
        """The recomputed value of a formula cell (``NotEvaluable``, ``_TooDeep``)."""
        done = self.memo.get(key)
        if done is None:
            if key in self.busy:
                raise NotEvaluable("circular", {"cell": f"{key[0]}!{key[1]}"})
            if len(self.busy) >= MAX_CHAIN:
                raise _TooDeep(key)
            done = self._evaluate(key)
            self.memo[key] = done
        if isinstance(done, NotEvaluable):
            raise done
        value, inexact = done
        if inexact:
            self.ctx.flags[Inexact] = True
        return value

    def _evaluate(self, key: Key) -> tuple[Value, bool] | NotEvaluable:
        local, self.local = self.local, False
        shift = self.shift
        outer_inexact = self.ctx.flags[Inexact]
        self.ctx.flags[Inexact] = False
        self.busy.append(key)
        try:
            tree, self.shift = self.formula_of(*key)
            value = self.result(tree, key[0])
            return value, bool(self.ctx.flags[Inexact])
        except NotEvaluable as e:
            if e.cell is None:
                e.cell = f"{key[0]}!{key[1]}"
            return e
        except (RecursionError, InvalidOperation, Overflow, MemoryError):
            return NotEvaluable("too_large", cell=f"{key[0]}!{key[1]}")
        finally:
            self.busy.pop()
            self.ctx.flags[Inexact] = outer_inexact or self.ctx.flags[Inexact]
            self.local = local
            self.shift = shift

    def _call(self, node: Call, sheet: str) -> Value:
        """A function's value, looked up by its inputs' values when its shape is worth it
        (a full evaluation only: a local one reads stored values); else evaluated lazily."""
        fn = FUNCTIONS.get(node.name)
        if fn is None:
            raise NotEvaluable("function", {"name": node.name})
        key = id(node)
        if key in self.pure:
            memo = self.pure[key]
        else:
            singles = _pure_inputs(node)
            memo = self.pure[key] = _ShapeMemo(singles) if singles is not None else None
        if memo is None or not memo.on or self.local:
            return fn(self, node.args, sheet)
        flags = self.ctx.flags
        before = flags[Inexact]
        try:  # every input read, on a branch taken or not: only to look the result up
            inputs = tuple(self._input(ref, sheet) for ref in memo.singles)
            signature: tuple[object, ...] | None = inputs + tuple(map(type, inputs))  # 1 is not TRUE
            hash(signature)
        except (NotEvaluable, _TooDeep, TypeError):
            signature = None  # the lazy evaluation below meets what it must, as it would
        memo.seen()
        if signature is not None:
            found = memo.results.get(signature)
            if found is not None:
                memo.hits += 1
                flags[Inexact] = before or found[1]
                return found[0]
        flags[Inexact] = False
        try:
            value = fn(self, node.args, sheet)
        finally:
            inexact = bool(flags[Inexact])
            flags[Inexact] = before or inexact
        if signature is not None and memo.on:
            memo.results[signature] = (value, inexact)
        return value

    def _input(self, ref: Ref, sheet: str) -> Value:
        moved = self.at(ref)
        return self.cell(ref.sheet or sheet, moved.min_row, moved.min_col)

    def evaluate_top(self, key: Key, local: bool) -> Value:
        """A formula cell's value, chains deeper than ``MAX_CHAIN`` followed from their far end
        (each cell evaluated there is memoised, so the retry is short). Iterative: a running
        total down 100.000 rows is a chain that long."""
        pending = [key]
        while pending:
            try:
                self.full(pending[-1])
                pending.pop()
            except _TooDeep as deep:
                if deep.key in pending:
                    raise NotEvaluable("circular", {"cell": f"{deep.key[0]}!{deep.key[1]}"}) from None
                pending.append(deep.key)
            except NotEvaluable:
                pending.pop()  # memoised: raised again below for the cells that need it
        return self.local_value(key) if local else self.full(key)

    def local_value(self, key: Key) -> Value:
        tree, self.shift = self.formula_of(*key)
        self.local = True
        self.busy.append(key)
        try:
            return self.result(tree, key[0])
        except (RecursionError, InvalidOperation, Overflow, MemoryError):
            raise NotEvaluable("too_large") from None
        finally:
            self.busy.pop()
            self.local = False
            self.shift = (0, 0)

    # nodes

    def result(self, node: Node, sheet: str) -> Value:
        """A formula's value as a cell shows it: a reference to an empty cell gives 0."""
        value = self.scalar(node, sheet)
        return Decimal(0) if value is None else value

    def scalar(self, node: Node, sheet: str) -> Value:
        if isinstance(node, Const):
            return node.value
        if isinstance(node, Ref):
            if not node.single:
                raise NotEvaluable("array")
            row, col = node.min_row, node.min_col
            moves = node.moves
            if self.shift != (0, 0) and moves[0] == moves[2] and moves[1] == moves[3]:
                # ``at`` without building a Ref: the commonest node of all
                row += self.shift[0] if moves[0] else 0
                col += self.shift[1] if moves[1] else 0
                if not (1 <= row <= MAX_ROWS and 1 <= col <= MAX_COLS):
                    raise NotEvaluable("reference", {"ref": "#REF!"})
            elif self.shift != (0, 0):
                ref = self.at(node)
                row, col = ref.min_row, ref.min_col
            return self.cell(node.sheet or sheet, row, col)
        if isinstance(node, Call):
            return self._call(node, sheet)
        if isinstance(node, Prefix):
            value = self.number(self.scalar(node.operand, sheet))
            return value if isinstance(value, XlError) or node.op == "+" else -value
        if isinstance(node, Percent):
            value = self.number(self.scalar(node.operand, sheet))
            return value if isinstance(value, XlError) else shift(value, -2)
        acc = self.scalar(node.first, sheet)
        for op, operand in node.rest:
            acc = self.binary(op, acc, self.scalar(operand, sheet))
        return acc

    def number(self, value: Value) -> Decimal | XlError:
        """A value in arithmetic: empty is 0, TRUE is 1; text is not read (locale-dependent)."""
        if value is None:
            return Decimal(0)
        if isinstance(value, bool):
            return Decimal(int(value))
        if isinstance(value, str):
            raise NotEvaluable("text", {"text": value})
        return value

    def binary(self, op: str, left: Value, right: Value) -> Value:
        if op == "&":
            return first_error((left, right)) or text_of(left) + text_of(right)
        if op in LEVELS[0]:
            return first_error((left, right)) or compare(op, left, right)
        a, b = self.number(left), self.number(right)
        if isinstance(a, XlError):
            return a
        if isinstance(b, XlError):
            return b
        ctx = self.ctx
        if op == "+":
            return ctx.add(a, b)
        if op == "-":
            return ctx.subtract(a, b)
        if op == "*":
            return ctx.multiply(a, b)
        if op == "/":
            return XlError("#DIV/0!") if b.is_zero() else ctx.divide(a, b)
        if abs(b) > MAX_POWER:  # "^"
            raise NotEvaluable("too_large")
        if a.is_zero() and b <= 0:
            return XlError("#DIV/0!") if b < 0 else XlError("#NUM!")
        if a < 0 and b != b.to_integral_value():
            return XlError("#NUM!")
        return ctx.power(a, b)

    def range_values(self, node: Node, sheet: str) -> list[tuple[int, int, Value]]:
        """The non-empty cells of a reference, in row order; a non-reference is one value."""
        if not isinstance(node, Ref):
            return [(0, 0, self.scalar(node, sheet))]
        node = self.at(node)
        name = node.sheet or sheet
        if node.single:  # one cell (``COUNT(E6,G6)``): nothing worth keeping
            value = self.cell(name, node.min_row, node.min_col)
            return [] if value is None else [(0, 0, value)]
        cache = (self.local, name, node)
        found = self.ranges.get(cache)
        if found is None:
            if name not in self.formulas:
                return [(0, 0, XlError("#REF!"))]
            cells = self.formulas[name]
            # only as far as the sheet holds cells: ``SUM(A5:XFD5)`` down 20.000 rows of a narrow
            # sheet looked past its last column, so each of them scanned every cell of the sheet
            last_row, last_col = self.extent(name)
            max_row, max_col = min(node.max_row, last_row), min(node.max_col, last_col)
            rows, cols = max(0, max_row - node.min_row + 1), max(0, max_col - node.min_col + 1)
            if rows * cols <= len(cells):
                spots: Iterator[tuple[int, int]] = (
                    (r, c)
                    for r in range(node.min_row, max_row + 1)
                    for c in range(node.min_col, max_col + 1)
                    if (r, c) in cells
                )
            else:
                spots = iter(
                    sorted(
                        p
                        for p in list(cells)
                        if node.min_row <= p[0] <= node.max_row and node.min_col <= p[1] <= node.max_col
                    )
                )
            found = []
            for r, c in spots:
                value = self.cell(name, r, c)
                if value is not None:
                    found.append((r - node.min_row, c - node.min_col, value))
            if not self.local:
                self.ranges[cache] = found
        return found

    def extent(self, sheet: str) -> tuple[int, int]:
        """The last row and the last column of a sheet that hold a cell (its cells do not change
        while it is evaluated)."""
        found = self.extents.get(sheet)
        if found is None:
            cells = self.formulas[sheet]
            found = max((r for r, _c in cells), default=0), max((c for _r, c in cells), default=0)
            self.extents[sheet] = found
        return found

    def numbers(self, args: tuple[Node | None, ...], sheet: str) -> list[Decimal] | XlError:
        """The numbers of SUM-like arguments: in ranges only numbers count (text, TRUE and
        empty cells are skipped); given directly, TRUE is 1 and text cannot be evaluated."""
        out: list[Decimal] = []
        for arg in args:
            if arg is None:
                out.append(Decimal(0))
            elif isinstance(arg, Ref):
                for _, _, v in self.range_values(arg, sheet):
                    if isinstance(v, XlError):
                        return v
                    if isinstance(v, Decimal):
                        out.append(v)
            else:
                v = self.number(self.scalar(arg, sheet))
                if isinstance(v, XlError):
                    return v
                out.append(v)
        return out
