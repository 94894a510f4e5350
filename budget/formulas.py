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
ours, because the evaluators we know (formulas, pycel) compute in float. Excel semantics:
an empty cell is 0 in arithmetic and skipped by SUM, text in a range is skipped, text in
arithmetic cannot be evaluated (Excel's reading of ``"1.500"`` depends on the locale), ROUND
is half away from zero. Anything else is reported as not evaluable, never guessed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from decimal import (
    ROUND_DOWN,
    ROUND_FLOOR,
    ROUND_HALF_EVEN,
    ROUND_HALF_UP,
    ROUND_UP,
    Context,
    Decimal,
    Inexact,
    InvalidOperation,
    Overflow,
)
from typing import Any

from openpyxl.formula.tokenizer import Token, Tokenizer, TokenizerError
from openpyxl.utils.cell import column_index_from_string, coordinate_to_tuple, get_column_letter

from budget.findings import Finding, Severity
from budget.messages import Phrase
from budget.numbers import EXACT, NumberError, format_vn, from_xml, plain, read_number, shift
from budget.source import Source
from budget.units import Money

Key = tuple[str, str]  # (sheet, "F12")

SIGNIFICANT = 15  # digits Excel shows and keeps reliably (a double holds 15 to 17)
MAX_CHAIN = 40  # formula cells nested in one evaluation before the deepest is evaluated first
MAX_NESTING = 64  # parentheses and function calls inside one formula (Excel's own limit)
MAX_POWER = 400  # |exponent| of ^: beyond, the result is no budget figure
MAX_ROWS, MAX_COLS = 1_048_576, 16_384
_EXCEL_15 = Context(prec=SIGNIFICANT, rounding=ROUND_HALF_EVEN)


@dataclass(frozen=True)
class Recomputed:
    """What recomputing a workbook's formulas gave."""

    values: dict[tuple[str, str], Decimal]  # (sheet, "F12") -> recomputed value, every formula cell evaluated
    findings: list[Finding]  # stale stored values, not-evaluable formulas without a stored value, fractions of a đồng


@dataclass(frozen=True)
class XlError:
    """An Excel error value (``#DIV/0!``, ``#N/A``): a result, propagated as Excel does."""

    code: str


Value = Decimal | str | bool | XlError | None  # None: an empty cell


class NotEvaluable(Exception):
    """A formula this module cannot evaluate faithfully; ``kind`` names the reason
    (``FORMULA_REASON.<kind>`` in ``messages``), ``cell`` where it arose."""

    def __init__(self, kind: str, args: dict[str, object] | None = None, cell: str | None = None):
        super().__init__(kind)
        self.kind = kind
        self.details: dict[str, object] = args or {}
        self.cell = cell

    def phrase(self) -> Phrase:
        return Phrase(f"FORMULA_REASON.{self.kind}", self.details)


class _TooDeep(Exception):
    """The chain of formula cells is too deep to follow here: evaluate ``key`` first."""

    def __init__(self, key: Key):
        super().__init__(key)
        self.key = key


# --- the syntax tree ---------------------------------------------------------------------


@dataclass(frozen=True)
class Const:
    value: Value


@dataclass(frozen=True)
class Ref:
    """A cell or a rectangle, 1-based and inclusive; ``sheet`` None is the formula's own sheet."""

    sheet: str | None
    min_row: int
    min_col: int
    max_row: int
    max_col: int
    moves: tuple[bool, bool, bool, bool] = (False, False, False, False)  # relative bounds (no ``$``)

    def moved(self, rows: int, cols: int) -> Ref:
        """The reference as written in a cell ``rows`` below and ``cols`` right of this one's."""
        m = self.moves
        r1, c1 = self.min_row + (rows if m[0] else 0), self.min_col + (cols if m[1] else 0)
        r2, c2 = self.max_row + (rows if m[2] else 0), self.max_col + (cols if m[3] else 0)
        return _ref(self.sheet, (r1, self.moves[0]), (c1, self.moves[1]), (r2, self.moves[2]), (c2, self.moves[3]))

    @property
    def single(self) -> bool:
        return self.min_row == self.max_row and self.min_col == self.max_col

    @property
    def shape(self) -> tuple[int, int]:
        return self.max_row - self.min_row + 1, self.max_col - self.min_col + 1


@dataclass(frozen=True)
class Call:
    name: str
    args: tuple[Node | None, ...]  # None: an argument left empty (``IF(A1,,2)``)


@dataclass(frozen=True)
class Chain:
    """Operators of one precedence level, applied left to right (flat: a formula adding
    2.000 cells is one node, not a tree 2.000 levels deep)."""

    first: Node
    rest: tuple[tuple[str, Node], ...]


@dataclass(frozen=True)
class Prefix:
    op: str
    operand: Node


@dataclass(frozen=True)
class Percent:
    operand: Node


Node = Const | Ref | Call | Chain | Prefix | Percent

_LEVELS: tuple[frozenset[str], ...] = (
    frozenset({"=", "<>", "<", ">", "<=", ">="}),
    frozenset({"&"}),
    frozenset({"+", "-"}),
    frozenset({"*", "/"}),
    frozenset({"^"}),
)
_CELL_PART = r"\$?[A-Za-z]{1,3}\$?[0-9]+|\$?[A-Za-z]{1,3}|\$?[0-9]+"
_REF = re.compile(
    rf"(?:(?P<sheet>'(?:[^']|'')+'|[^'!:\[\]]+)!)?(?P<a>{_CELL_PART})(?::(?P<b>{_CELL_PART}))?",
)
_PART = re.compile(r"(?P<cabs>\$)?(?P<col>[A-Za-z]{1,3})?(?P<rabs>\$)?(?P<row>[0-9]+)?")
_NUMBER = re.compile(r"[0-9]*\.?[0-9]+(?:[Ee][+-]?[0-9]+)?")


def parse(formula: str) -> Node:
    """The syntax tree of a formula (``=SUM(A1:A3)*2``); ``NotEvaluable`` for what we do not read."""
    try:
        items = [t for t in Tokenizer(formula).items if t.type != Token.WSPACE]
    except TokenizerError:
        raise NotEvaluable("syntax") from None
    parser = _Parser(items)
    node = parser.expression(0)
    if parser.pos != len(items):
        raise NotEvaluable("syntax")
    return node


class _Parser:
    def __init__(self, items: list[Token]):
        self.items = items
        self.pos = 0
        self.nesting = 0

    def peek(self) -> Token | None:
        return self.items[self.pos] if self.pos < len(self.items) else None

    def take(self) -> Token:
        token = self.peek()
        if token is None:
            raise NotEvaluable("syntax")
        self.pos += 1
        return token

    def expression(self, level: int) -> Node:
        if level == len(_LEVELS):
            return self.unary()
        first = self.expression(level + 1)
        rest: list[tuple[str, Node]] = []
        while (t := self.peek()) is not None and t.type == Token.OP_IN and t.value in _LEVELS[level]:
            self.pos += 1
            rest.append((t.value, self.expression(level + 1)))
        return Chain(first, tuple(rest)) if rest else first

    def unary(self) -> Node:
        t = self.peek()
        if t is not None and t.type == Token.OP_PRE:
            self.pos += 1
            op = t.value
            return self.nested(lambda: Prefix(op, self.unary()))
        node = self.primary()
        while (t := self.peek()) is not None and t.type == Token.OP_POST:
            self.pos += 1
            node = Percent(node)
        return node

    def nested(self, build: Callable[[], Node]) -> Node:
        self.nesting += 1
        if self.nesting > MAX_NESTING:
            raise NotEvaluable("nesting")
        try:
            return build()
        finally:
            self.nesting -= 1

    def primary(self) -> Node:
        t = self.take()
        if t.type == Token.OPERAND:
            return _operand(t)
        if t.type == Token.PAREN and t.subtype == Token.OPEN:
            node = self.nested(lambda: self.expression(0))
            close = self.take()
            if close.type != Token.PAREN or close.subtype != Token.CLOSE:
                raise NotEvaluable("syntax")
            return node
        if t.type == Token.FUNC and t.subtype == Token.OPEN:
            return self.nested(lambda: self.call(t.value[:-1]))
        if t.type == Token.ARRAY:
            raise NotEvaluable("array")
        raise NotEvaluable("syntax")

    def call(self, name: str) -> Node:
        name = name.upper().removeprefix("_XLFN.").removeprefix("_XLWS.")
        args: list[Node | None] = []
        t = self.peek()
        if t is not None and t.type == Token.FUNC and t.subtype == Token.CLOSE:
            self.pos += 1
            return Call(name, ())
        while True:
            t = self.peek()
            if t is not None and (t.type == Token.SEP or (t.type == Token.FUNC and t.subtype == Token.CLOSE)):
                args.append(None)
            else:
                args.append(self.expression(0))
            t = self.take()
            if t.type == Token.FUNC and t.subtype == Token.CLOSE:
                return Call(name, tuple(args))
            if t.type != Token.SEP or t.subtype != Token.ARG:
                raise NotEvaluable("syntax")


def _operand(t: Token) -> Node:
    text = t.value
    if t.subtype == Token.NUMBER:
        if not _NUMBER.fullmatch(text):
            raise NotEvaluable("syntax")
        return Const(from_xml("0" + text if text.startswith(".") else text))
    if t.subtype == Token.TEXT:
        return Const(text[1:-1].replace('""', '"'))
    if t.subtype == Token.LOGICAL:
        return Const(text.upper() == "TRUE")
    if t.subtype == Token.ERROR:
        return Const(XlError(text.upper()))
    return parse_reference(text)


def parse_reference(text: str) -> Ref:
    """``F5``, ``$F$5``, ``F5:F12``, ``A:A``, ``'Chi tiết'!F5``; ``NotEvaluable`` otherwise."""
    if text.startswith("["):
        raise NotEvaluable("external", {"ref": text})
    m = _REF.fullmatch(text)
    if m is None:
        if "!" in text:
            raise NotEvaluable("reference", {"ref": text})
        raise NotEvaluable("name", {"name": text})
    sheet = m["sheet"]
    if sheet is not None and sheet.startswith("'"):
        sheet = sheet[1:-1].replace("''", "'")
    a = _PART.fullmatch(m["a"])
    b = _PART.fullmatch(m["b"] or m["a"])
    assert a is not None and b is not None  # both matched _CELL_PART
    kinds = (a["col"] is not None, a["row"] is not None), (b["col"] is not None, b["row"] is not None)
    if kinds[0] != kinds[1] or (kinds[0] != (True, True) and m["b"] is None):
        raise NotEvaluable("name", {"name": text})  # ``A`` alone, or ``A1:B``: no reference
    c1 = column_index_from_string(a["col"].upper()) if a["col"] else 1
    c2 = column_index_from_string(b["col"].upper()) if b["col"] else MAX_COLS
    r1 = int(a["row"]) if a["row"] else 1
    r2 = int(b["row"]) if b["row"] else MAX_ROWS
    if not (1 <= min(r1, r2) and max(r1, r2) <= MAX_ROWS and max(c1, c2) <= MAX_COLS):
        raise NotEvaluable("reference", {"ref": text})
    cell = kinds[0] == (True, True)  # whole rows and columns never move (see ``_shape``)
    return _ref(
        sheet,
        (r1, cell and not a["rabs"]),
        (c1, cell and not a["cabs"]),
        (r2, cell and not b["rabs"]),
        (c2, cell and not b["cabs"]),
    )


def _ref(sheet: str | None, *bounds: tuple[int, bool]) -> Ref:
    """A reference from its two corners as written (row, col, row, col; each with whether it moves)."""
    (r1, m1), (c1, n1), (r2, m2), (c2, n2) = bounds
    rows = ((r1, m1), (r2, m2)) if r1 <= r2 else ((r2, m2), (r1, m1))
    cols = ((c1, n1), (c2, n2)) if c1 <= c2 else ((c2, n2), (c1, n1))
    if rows[0][0] < 1 or cols[0][0] < 1 or rows[1][0] > MAX_ROWS or cols[1][0] > MAX_COLS:
        raise NotEvaluable("reference", {"ref": "#REF!"})
    return Ref(sheet, rows[0][0], cols[0][0], rows[1][0], cols[1][0], (rows[0][1], cols[0][1], rows[1][1], cols[1][1]))


_QUOTED = re.compile(r"\"(?:[^\"]|\"\")*\"|'(?:[^']|'')*'")
_CELL_IN_TEXT = re.compile(r"(?<![A-Za-z0-9_.$])(\$?)([A-Za-z]{1,3})(\$?)([0-9]+)(?![0-9A-Za-z_(!])")


def _shape(formula: str, row: int, col: int) -> str:
    """The formula with its relative cell references written relative to its cell (``E6`` in
    row 6 → ``C[0]R[0]``-like): formulas filled down a column share one shape."""

    def relative(m: re.Match[str]) -> str:
        c = column_index_from_string(m[2].upper())
        r = int(m[4])
        return f"{m[1]}{m[2] if m[1] else f'C[{c - col}]'}{m[3]}{m[4] if m[3] else f'R[{r - row}]'}"

    out: list[str] = []
    last = 0
    for q in _QUOTED.finditer(formula):
        out.append(_CELL_IN_TEXT.sub(relative, formula[last : q.start()]))
        out.append(q.group())
        last = q.end()
    out.append(_CELL_IN_TEXT.sub(relative, formula[last:]))
    return "".join(out)


# --- values ------------------------------------------------------------------------------


def excel_number(value: Decimal) -> Decimal:
    """What Excel keeps of a number: 15 significant digits (trailing zeros of a fraction dropped)."""
    kept = _EXCEL_15.plus(value)
    if kept.as_tuple().exponent < 0:  # type: ignore[operator]
        kept = kept.normalize(_EXCEL_15)
        if kept.as_tuple().exponent > 0:  # type: ignore[operator]
            kept = kept.quantize(Decimal(1))
    return kept


def same_value(stored: Value, computed: Value) -> bool:
    """A stored value equals a recomputation: numbers exactly, or once both are rounded to 15
    significant digits (Excel stores the double nearest the exact result); text exactly."""
    if isinstance(stored, Decimal) and isinstance(computed, Decimal):
        return stored == computed or excel_number(stored) == excel_number(computed)
    if isinstance(stored, bool) or isinstance(computed, bool):
        return type(stored) is type(computed) and stored == computed
    return (stored or "") == (computed or "") if not isinstance(stored, Decimal | XlError) else stored == computed


def _text_of(value: Value) -> str:
    """A value as ``&`` and text functions see it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, Decimal):
        return plain(value)
    assert isinstance(value, str)
    return value


def _truth(value: Value) -> bool | XlError:
    if isinstance(value, XlError):
        return value
    if isinstance(value, str):
        raise NotEvaluable("text", {"text": value})
    return bool(value)


def _integer(value: Decimal | XlError) -> int | XlError:
    if isinstance(value, XlError):
        return value
    return int(value.to_integral_value(ROUND_DOWN))


def _first_error(values: Sequence[object]) -> XlError | None:
    return next((v for v in values if isinstance(v, XlError)), None)


# --- evaluation --------------------------------------------------------------------------

_Fn = Callable[["_Book", tuple["Node | None", ...], str], Value]
_FUNCTIONS: dict[str, _Fn] = {}


def _function(*names: str) -> Callable[[_Fn], _Fn]:
    def register(fn: _Fn) -> _Fn:
        for name in names:
            _FUNCTIONS[name] = fn
        return fn

    return register


class _Book:
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

    # cells

    def formula_of(self, sheet: str, coordinate: str) -> tuple[Node, tuple[int, int]]:
        """The tree of a formula cell and how far its relative references move from where the
        tree was parsed (``NotEvaluable`` if unreadable)."""
        key = (sheet, coordinate)
        known = self.trees.get(key)
        if known is None:
            value = self.formulas[sheet][_position(coordinate)].value
            if not is_formula(value):
                known = NotEvaluable("array")  # ArrayFormula, DataTableFormula
            else:
                known = self.parsed(value, *_position(coordinate))
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
        return ref.moved(*self.shift) if self.shift != (0, 0) else ref

    def stored(self, sheet: str, coordinate: str) -> tuple[bool, Value]:
        """(whether the file stores a value for this formula cell, the value)."""
        cell = self.values.get(sheet, {}).get(_position(coordinate))
        value = None if cell is None else cell.value
        if is_formula(value):  # the formulas themselves (a workbook passed twice): nothing stored
            return False, None
        state = (self.states or {}).get(sheet, {}).get(coordinate)
        if state is None:
            return value is not None, _constant(cell) if cell is not None else None
        if not state:
            return False, None
        return True, "" if value is None else _constant(cell)

    def cell(self, sheet: str, row: int, col: int) -> Value:
        cells = self.formulas.get(sheet)
        if cells is None:
            return XlError("#REF!")
        cell = cells.get((row, col))
        if cell is None:
            return None
        key = (sheet, cell.coordinate)
        if is_formula(cell.value) or type(cell.value).__name__ in ("ArrayFormula", "DataTableFormula"):
            if self.local:
                has, value = self.stored(*key)
                if has:
                    return value
            return self.full(key)
        return _constant(cell)

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
            ref = self.at(node)
            return self.cell(ref.sheet or sheet, ref.min_row, ref.min_col)
        if isinstance(node, Call):
            fn = _FUNCTIONS.get(node.name)
            if fn is None:
                raise NotEvaluable("function", {"name": node.name})
            return fn(self, node.args, sheet)
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
            return _first_error((left, right)) or _text_of(left) + _text_of(right)
        if op in _LEVELS[0]:
            return _first_error((left, right)) or _compare(op, left, right)
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
        cache = (self.local, name, node)
        found = self.ranges.get(cache)
        if found is None:
            if name not in self.formulas:
                return [(0, 0, XlError("#REF!"))]
            cells = self.formulas[name]
            rows, cols = node.shape
            if rows * cols <= len(cells):
                spots: Iterator[tuple[int, int]] = (
                    (r, c)
                    for r in range(node.min_row, node.max_row + 1)
                    for c in range(node.min_col, node.max_col + 1)
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


def is_formula(value: object) -> bool:
    return isinstance(value, str) and value.startswith("=") and len(value) > 1


def _position(coordinate: str) -> tuple[int, int]:
    row, col = coordinate_to_tuple(coordinate)
    return row, col


def _constant(cell: Any) -> Value:
    """A cell's value as a formula sees it."""
    value = cell.value
    if value is None or isinstance(value, bool | str | Decimal):
        if isinstance(value, str) and getattr(cell, "data_type", "") == "e":
            return XlError(value)
        return value
    if isinstance(value, int):
        return Decimal(value)
    raise NotEvaluable("date" if hasattr(value, "isoformat") or hasattr(value, "days") else "value")


def _rank(value: Value) -> int:
    return 0 if isinstance(value, Decimal) else 2 if isinstance(value, bool) else 1


def _compare(op: str, left: Value, right: Value) -> bool:
    """Excel's comparison: empty matches 0, "" and FALSE; numbers < text < logicals; text
    compared without case."""
    if left is None:
        left = "" if isinstance(right, str) else False if isinstance(right, bool) else Decimal(0)
    if right is None:
        right = "" if isinstance(left, str) else False if isinstance(left, bool) else Decimal(0)
    a: Any = left.casefold() if isinstance(left, str) else left
    b: Any = right.casefold() if isinstance(right, str) else right
    if _rank(left) != _rank(right):
        a, b = _rank(left), _rank(right)
    if op == "=":
        return bool(a == b)
    if op == "<>":
        return bool(a != b)
    if op == "<":
        return bool(a < b)
    if op == ">":
        return bool(a > b)
    if op == "<=":
        return bool(a <= b)
    return bool(a >= b)


# --- functions ---------------------------------------------------------------------------


def _arity(args: tuple[Node | None, ...], low: int, high: int, name: str) -> None:
    if not low <= len(args) <= high:
        raise NotEvaluable("arguments", {"name": name})


@_function("SUM")
def _sum(book: _Book, args: tuple[Node | None, ...], sheet: str) -> Value:
    values = book.numbers(args, sheet)
    if isinstance(values, XlError):
        return values
    total = Decimal(0)
    for v in values:
        total = book.ctx.add(total, v)
    return total


@_function("PRODUCT")
def _product(book: _Book, args: tuple[Node | None, ...], sheet: str) -> Value:
    values = book.numbers(args, sheet)
    if isinstance(values, XlError) or not values:
        return values if isinstance(values, XlError) else Decimal(0)  # no number at all: 0, as Excel
    result = Decimal(1)
    for v in values:
        result = book.ctx.multiply(result, v)
    return result


def _extreme(pick: Callable[[list[Decimal]], Decimal]) -> _Fn:
    def fn(book: _Book, args: tuple[Node | None, ...], sheet: str) -> Value:
        values = book.numbers(args, sheet)
        if isinstance(values, XlError):
            return values
        return pick(values) if values else Decimal(0)

    return fn


_FUNCTIONS["MIN"] = _extreme(min)
_FUNCTIONS["MAX"] = _extreme(max)


def _rounding(mode: str) -> _Fn:
    def fn(book: _Book, args: tuple[Node | None, ...], sheet: str) -> Value:
        _arity(args, 2, 2, "ROUND")
        x = book.number(book.scalar(args[0], sheet) if args[0] is not None else None)
        digits = _integer(book.number(book.scalar(args[1], sheet) if args[1] is not None else None))
        if isinstance(x, XlError):
            return x
        if isinstance(digits, XlError):
            return digits
        if abs(digits) > MAX_POWER:
            raise NotEvaluable("too_large")
        return x.quantize(Decimal(1).scaleb(-digits), rounding=mode, context=book.ctx)

    return fn


_FUNCTIONS["ROUND"] = _rounding(ROUND_HALF_UP)  # half away from zero, as Excel
_FUNCTIONS["ROUNDUP"] = _rounding(ROUND_UP)  # away from zero
_FUNCTIONS["ROUNDDOWN"] = _rounding(ROUND_DOWN)  # toward zero


def _one_number(book: _Book, args: tuple[Node | None, ...], sheet: str, name: str) -> Decimal | XlError:
    _arity(args, 1, 1, name)
    return book.number(book.scalar(args[0], sheet) if args[0] is not None else None)


@_function("INT")
def _int(book: _Book, args: tuple[Node | None, ...], sheet: str) -> Value:
    x = _one_number(book, args, sheet, "INT")
    return x if isinstance(x, XlError) else x.to_integral_value(ROUND_FLOOR)


@_function("ABS")
def _abs(book: _Book, args: tuple[Node | None, ...], sheet: str) -> Value:
    x = _one_number(book, args, sheet, "ABS")
    return x if isinstance(x, XlError) else abs(x)


@_function("N")
def _n(book: _Book, args: tuple[Node | None, ...], sheet: str) -> Value:
    _arity(args, 1, 1, "N")
    v = book.scalar(args[0], sheet) if args[0] is not None else None
    if isinstance(v, XlError | Decimal):
        return v
    return Decimal(int(v)) if isinstance(v, bool) else Decimal(0)


@_function("SUMPRODUCT")
def _sumproduct(book: _Book, args: tuple[Node | None, ...], sheet: str) -> Value:
    _arity(args, 1, 255, "SUMPRODUCT")
    shapes = {book.at(arg).shape if isinstance(arg, Ref) else (1, 1) for arg in args if arg is not None}
    if len(shapes) != 1 or None in args:
        return XlError("#VALUE!")
    grids: list[dict[tuple[int, int], Value]] = []
    for arg in args:
        assert arg is not None
        cells = book.range_values(arg, sheet)
        error = _first_error([v for _, _, v in cells])
        if error:
            return error
        grids.append({(r, c): v for r, c, v in cells})
    total = Decimal(0)
    for spot, first in grids[0].items():
        term = first if isinstance(first, Decimal) else Decimal(0)
        for grid in grids[1:]:
            v = grid.get(spot)
            term = book.ctx.multiply(term, v if isinstance(v, Decimal) else Decimal(0))
        total = book.ctx.add(total, term)
    return total


@_function("COUNT")
def _count(book: _Book, args: tuple[Node | None, ...], sheet: str) -> Value:
    n = 0
    for arg in args:
        if isinstance(arg, Ref):
            n += sum(1 for _, _, v in book.range_values(arg, sheet) if isinstance(v, Decimal))
        elif arg is not None:
            try:
                v = book.scalar(arg, sheet)
            except NotEvaluable:
                raise
            n += isinstance(v, Decimal | bool)
    return Decimal(n)


@_function("IF")
def _if(book: _Book, args: tuple[Node | None, ...], sheet: str) -> Value:
    _arity(args, 1, 3, "IF")
    test = _truth(book.scalar(args[0], sheet) if args[0] is not None else None)
    if isinstance(test, XlError):
        return test
    if test:
        chosen = args[1] if len(args) > 1 else None
        return Decimal(0) if chosen is None else book.scalar(chosen, sheet)
    if len(args) < 3:
        return False
    chosen = args[2]
    return Decimal(0) if chosen is None else book.scalar(chosen, sheet)


@_function("IFERROR")
def _iferror(book: _Book, args: tuple[Node | None, ...], sheet: str) -> Value:
    _arity(args, 2, 2, "IFERROR")
    value = book.scalar(args[0], sheet) if args[0] is not None else Decimal(0)
    if isinstance(value, XlError):
        return book.scalar(args[1], sheet) if args[1] is not None else Decimal(0)
    return value


def _logical(combine: Callable[[list[bool]], bool], name: str) -> _Fn:
    def fn(book: _Book, args: tuple[Node | None, ...], sheet: str) -> Value:
        _arity(args, 1, 255, name)
        truths: list[bool] = []
        for arg in args:
            values: list[Value]
            if isinstance(arg, Ref) and not arg.single:
                values = [v for _, _, v in book.range_values(arg, sheet) if not isinstance(v, str)]
            else:
                values = [book.scalar(arg, sheet) if arg is not None else False]
            for v in values:
                t = _truth(v)
                if isinstance(t, XlError):
                    return t
                truths.append(t)
        return combine(truths) if truths else XlError("#VALUE!")

    return fn


def _constant_function(value: bool) -> _Fn:
    def fn(book: _Book, args: tuple[Node | None, ...], sheet: str) -> Value:
        _arity(args, 0, 0, "TRUE" if value else "FALSE")
        return value

    return fn


_FUNCTIONS["TRUE"] = _constant_function(True)  # LibreOffice writes TRUE() and FALSE()
_FUNCTIONS["FALSE"] = _constant_function(False)
_FUNCTIONS["AND"] = _logical(all, "AND")
_FUNCTIONS["OR"] = _logical(any, "OR")


def _text_arg(book: _Book, arg: Node | None, sheet: str) -> str | XlError:
    v = book.scalar(arg, sheet) if arg is not None else None
    return v if isinstance(v, XlError) else _text_of(v)


@_function("TRIM")
def _trim(book: _Book, args: tuple[Node | None, ...], sheet: str) -> Value:
    _arity(args, 1, 1, "TRIM")
    text = _text_arg(book, args[0], sheet)
    return text if isinstance(text, XlError) else re.sub(" +", " ", text).strip(" ")


@_function("LEFT")
def _left(book: _Book, args: tuple[Node | None, ...], sheet: str) -> Value:
    _arity(args, 1, 2, "LEFT")
    text = _text_arg(book, args[0], sheet)
    count = _integer(book.number(book.scalar(args[1], sheet) if args[1] is not None else None)) if len(args) == 2 else 1
    if isinstance(text, XlError):
        return text
    if isinstance(count, XlError):
        return count
    return XlError("#VALUE!") if count < 0 else text[:count]


@_function("FIND")
def _find(book: _Book, args: tuple[Node | None, ...], sheet: str) -> Value:
    _arity(args, 2, 3, "FIND")
    needle, hay = _text_arg(book, args[0], sheet), _text_arg(book, args[1], sheet)
    start = _integer(book.number(book.scalar(args[2], sheet) if args[2] is not None else None)) if len(args) == 3 else 1
    error = _first_error((needle, hay, start))
    if error:
        return error
    assert isinstance(needle, str) and isinstance(hay, str) and isinstance(start, int)
    if not 1 <= start <= len(hay) + 1:
        return XlError("#VALUE!")
    at = hay.find(needle, start - 1)
    return XlError("#VALUE!") if at < 0 else Decimal(at + 1)


def _key(value: Value) -> object:
    return value.casefold() if isinstance(value, str) else value


@_function("VLOOKUP")
def _vlookup(book: _Book, args: tuple[Node | None, ...], sheet: str) -> Value:
    _arity(args, 3, 4, "VLOOKUP")
    exact = len(args) == 4 and args[3] is not None and _truth(book.scalar(args[3], sheet)) is False
    table = args[1]
    if not exact:
        raise NotEvaluable("approximate")
    if not isinstance(table, Ref):
        return XlError("#N/A")
    wanted = book.scalar(args[0], sheet) if args[0] is not None else None
    column = _integer(book.number(book.scalar(args[2], sheet) if args[2] is not None else None))
    error = _first_error((wanted, column))
    if error:
        return error
    assert isinstance(column, int)
    if not 1 <= column <= table.shape[1]:
        return XlError("#REF!" if column > 1 else "#VALUE!")
    cache = (book.local, table.sheet or sheet, book.at(table), column)
    index = book.lookups.get(cache)
    if index is None:
        firsts: dict[int, Value] = {}
        answers: dict[int, Value] = {}
        for r, c, v in book.range_values(table, sheet):
            if c == 0:
                firsts[r] = v
            if c == column - 1:
                answers[r] = v
        index = {}
        for r in sorted(firsts):
            index.setdefault(_key(firsts[r]), answers.get(r, Decimal(0)))
        if not book.local:
            book.lookups[cache] = index
    if wanted is None or wanted == "":
        return XlError("#N/A")
    return index.get(_key(wanted), XlError("#N/A"))


@_function("COUNTIF")
def _countif(book: _Book, args: tuple[Node | None, ...], sheet: str) -> Value:
    _arity(args, 2, 2, "COUNTIF")
    area, criterion = args[0], book.scalar(args[1], sheet) if args[1] is not None else None
    if isinstance(criterion, XlError):
        return criterion
    if not isinstance(area, Ref):
        return XlError("#VALUE!")
    if isinstance(criterion, str) and (criterion[:1] in "<>=" or any(ch in criterion for ch in "*?~")):
        raise NotEvaluable("criterion", {"text": criterion})  # comparisons and wildcards: not read
    wanted = _key(criterion if criterion is not None else "")
    return Decimal(
        sum(1 for _, _, v in book.range_values(area, sheet) if type(v) is type(criterion) and _key(v) == wanted)
    )


# --- the workbook ------------------------------------------------------------------------

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
    book = _Book(formulas_wb, values_wb, states)
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
    book = _Book(formulas_wb, values_wb, None)
    cell = formulas_wb[sheet][coordinate]
    if not is_formula(cell.value):
        return _constant(cell)
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
            row, col = _position(coordinate)
            return Source(self.name, row, col)
        return Source(self.name, cell=f"{sheet}!{coordinate}")

    def unit(self, sheet: str, coordinate: str) -> Money | None:
        return None if self.money is None else self.money(sheet, coordinate)

    def formula(self, book: _Book, sheet: str, coordinate: str) -> None:
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
    return f"“{_text_of(value)}”"
