"""Excel formula text → syntax tree: openpyxl's tokenizer splits the text, the grammar is ours
(operator precedence, function calls, references such as ``'Chi tiết'!$F$5:F12``).

A formula filled down a column is written once per cell with its relative references moved;
``shape_of`` writes it relative to its own cell, so such formulas share one tree, and
``Ref.moved`` moves the tree's references to the cell evaluated. What the grammar does not
read (arrays, names, external workbooks) raises ``NotEvaluable`` with the reason.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from openpyxl.formula.tokenizer import Token, Tokenizer, TokenizerError
from openpyxl.utils.cell import column_index_from_string, coordinate_to_tuple

from budget.formulas.values import NotEvaluable, Value, XlError
from budget.numbers import from_xml

MAX_NESTING = 64  # parentheses and function calls inside one formula (Excel's own limit)
MAX_ROWS, MAX_COLS = 1_048_576, 16_384


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

LEVELS: tuple[frozenset[str], ...] = (
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
        if level == len(LEVELS):
            return self.unary()
        first = self.expression(level + 1)
        rest: list[tuple[str, Node]] = []
        while (t := self.peek()) is not None and t.type == Token.OP_IN and t.value in LEVELS[level]:
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
    cell = kinds[0] == (True, True)  # whole rows and columns never move (see ``shape_of``)
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


def shape_of(formula: str, row: int, col: int) -> str:
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


def is_formula(value: object) -> bool:
    return isinstance(value, str) and value.startswith("=") and len(value) > 1


def position(coordinate: str) -> tuple[int, int]:
    row, col = coordinate_to_tuple(coordinate)
    return row, col
