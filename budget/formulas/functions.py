"""The worksheet functions we evaluate (SUM, PRODUCT, MIN, MAX, ROUND…, IF, AND, OR,
TRIM, LEFT, FIND, VLOOKUP, COUNTIF…), by name in ``FUNCTIONS``, with Excel's semantics.

A function receives its argument trees unevaluated (IF evaluates only the branch taken) and
the ``Book`` that evaluates them. In ranges SUM-like functions count only numbers (text, TRUE
and empty cells are skipped); given directly, TRUE is 1 and text cannot be evaluated. ROUND
is half away from zero. What we do not read faithfully (VLOOKUP's approximate match,
COUNTIF's comparisons and wildcards, a wrong number of arguments) is ``NotEvaluable``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import ROUND_DOWN, ROUND_FLOOR, ROUND_HALF_UP, ROUND_UP, Context, Decimal
from typing import Protocol

from budget.formulas.grammar import Node, Ref
from budget.formulas.values import MAX_POWER, NotEvaluable, Value, XlError, first_error, integer, text_of, truth


class Book(Protocol):
    """What the functions need of the evaluator (``evaluate.Book``) that calls them: a
    protocol, so this module does not import it back."""

    ctx: Context
    local: bool
    lookups: dict[tuple[bool, str, Ref, int], dict[object, Value]]

    def at(self, ref: Ref) -> Ref: ...
    def scalar(self, node: Node, sheet: str) -> Value: ...
    def number(self, value: Value) -> Decimal | XlError: ...
    def range_values(self, node: Node, sheet: str) -> list[tuple[int, int, Value]]: ...
    def numbers(self, args: tuple[Node | None, ...], sheet: str) -> list[Decimal] | XlError: ...


Fn = Callable[[Book, tuple["Node | None", ...], str], Value]
FUNCTIONS: dict[str, Fn] = {}


def _function(*names: str) -> Callable[[Fn], Fn]:
    def register(fn: Fn) -> Fn:
        for name in names:
            FUNCTIONS[name] = fn
        return fn

    return register


def _arity(args: tuple[Node | None, ...], low: int, high: int, name: str) -> None:
    if not low <= len(args) <= high:
        raise NotEvaluable("arguments", {"name": name})


@_function("SUM")
def _sum(book: Book, args: tuple[Node | None, ...], sheet: str) -> Value:
    values = book.numbers(args, sheet)
    if isinstance(values, XlError):
        return values
    total = Decimal(0)
    for v in values:
        total = book.ctx.add(total, v)
    return total


@_function("PRODUCT")
def _product(book: Book, args: tuple[Node | None, ...], sheet: str) -> Value:
    values = book.numbers(args, sheet)
    if isinstance(values, XlError) or not values:
        return values if isinstance(values, XlError) else Decimal(0)  # no number at all: 0, as Excel
    result = Decimal(1)
    for v in values:
        result = book.ctx.multiply(result, v)
    return result


def _extreme(pick: Callable[[list[Decimal]], Decimal]) -> Fn:
    def fn(book: Book, args: tuple[Node | None, ...], sheet: str) -> Value:
        values = book.numbers(args, sheet)
        if isinstance(values, XlError):
            return values
        return pick(values) if values else Decimal(0)

    return fn


FUNCTIONS["MIN"] = _extreme(min)
FUNCTIONS["MAX"] = _extreme(max)


def _rounding(mode: str) -> Fn:
    def fn(book: Book, args: tuple[Node | None, ...], sheet: str) -> Value:
        _arity(args, 2, 2, "ROUND")
        x = book.number(book.scalar(args[0], sheet) if args[0] is not None else None)
        digits = integer(book.number(book.scalar(args[1], sheet) if args[1] is not None else None))
        if isinstance(x, XlError):
            return x
        if isinstance(digits, XlError):
            return digits
        if abs(digits) > MAX_POWER:
            raise NotEvaluable("too_large")
        return x.quantize(Decimal(1).scaleb(-digits), rounding=mode, context=book.ctx)

    return fn


FUNCTIONS["ROUND"] = _rounding(ROUND_HALF_UP)  # half away from zero, as Excel
FUNCTIONS["ROUNDUP"] = _rounding(ROUND_UP)  # away from zero
FUNCTIONS["ROUNDDOWN"] = _rounding(ROUND_DOWN)  # toward zero


def _one_number(book: Book, args: tuple[Node | None, ...], sheet: str, name: str) -> Decimal | XlError:
    _arity(args, 1, 1, name)
    return book.number(book.scalar(args[0], sheet) if args[0] is not None else None)


@_function("INT")
def _int(book: Book, args: tuple[Node | None, ...], sheet: str) -> Value:
    x = _one_number(book, args, sheet, "INT")
    return x if isinstance(x, XlError) else x.to_integral_value(ROUND_FLOOR)


@_function("ABS")
def _abs(book: Book, args: tuple[Node | None, ...], sheet: str) -> Value:
    x = _one_number(book, args, sheet, "ABS")
    return x if isinstance(x, XlError) else abs(x)


@_function("N")
def _n(book: Book, args: tuple[Node | None, ...], sheet: str) -> Value:
    _arity(args, 1, 1, "N")
    v = book.scalar(args[0], sheet) if args[0] is not None else None
    if isinstance(v, XlError | Decimal):
        return v
    return Decimal(int(v)) if isinstance(v, bool) else Decimal(0)


@_function("SUMPRODUCT")
def _sumproduct(book: Book, args: tuple[Node | None, ...], sheet: str) -> Value:
    _arity(args, 1, 255, "SUMPRODUCT")
    shapes = {book.at(arg).shape if isinstance(arg, Ref) else (1, 1) for arg in args if arg is not None}
    if len(shapes) != 1 or None in args:
        return XlError("#VALUE!")
    grids: list[dict[tuple[int, int], Value]] = []
    for arg in args:
        assert arg is not None
        cells = book.range_values(arg, sheet)
        error = first_error([v for _, _, v in cells])
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
def _count(book: Book, args: tuple[Node | None, ...], sheet: str) -> Value:
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
def _if(book: Book, args: tuple[Node | None, ...], sheet: str) -> Value:
    _arity(args, 1, 3, "IF")
    test = truth(book.scalar(args[0], sheet) if args[0] is not None else None)
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
def _iferror(book: Book, args: tuple[Node | None, ...], sheet: str) -> Value:
    _arity(args, 2, 2, "IFERROR")
    value = book.scalar(args[0], sheet) if args[0] is not None else Decimal(0)
    if isinstance(value, XlError):
        return book.scalar(args[1], sheet) if args[1] is not None else Decimal(0)
    return value


def _logical(combine: Callable[[list[bool]], bool], name: str) -> Fn:
    def fn(book: Book, args: tuple[Node | None, ...], sheet: str) -> Value:
        _arity(args, 1, 255, name)
        truths: list[bool] = []
        for arg in args:
            values: list[Value]
            if isinstance(arg, Ref) and not arg.single:
                values = [v for _, _, v in book.range_values(arg, sheet) if not isinstance(v, str)]
            else:
                values = [book.scalar(arg, sheet) if arg is not None else False]
            for v in values:
                t = truth(v)
                if isinstance(t, XlError):
                    return t
                truths.append(t)
        return combine(truths) if truths else XlError("#VALUE!")

    return fn


def _constant_function(value: bool) -> Fn:
    def fn(book: Book, args: tuple[Node | None, ...], sheet: str) -> Value:
        _arity(args, 0, 0, "TRUE" if value else "FALSE")
        return value

    return fn


FUNCTIONS["TRUE"] = _constant_function(True)  # LibreOffice writes TRUE() and FALSE()
FUNCTIONS["FALSE"] = _constant_function(False)
FUNCTIONS["AND"] = _logical(all, "AND")
FUNCTIONS["OR"] = _logical(any, "OR")


def _text_arg(book: Book, arg: Node | None, sheet: str) -> str | XlError:
    v = book.scalar(arg, sheet) if arg is not None else None
    return v if isinstance(v, XlError) else text_of(v)


@_function("TRIM")
def _trim(book: Book, args: tuple[Node | None, ...], sheet: str) -> Value:
    _arity(args, 1, 1, "TRIM")
    text = _text_arg(book, args[0], sheet)
    return text if isinstance(text, XlError) else re.sub(" +", " ", text).strip(" ")


@_function("LEFT")
def _left(book: Book, args: tuple[Node | None, ...], sheet: str) -> Value:
    _arity(args, 1, 2, "LEFT")
    text = _text_arg(book, args[0], sheet)
    count = integer(book.number(book.scalar(args[1], sheet) if args[1] is not None else None)) if len(args) == 2 else 1
    if isinstance(text, XlError):
        return text
    if isinstance(count, XlError):
        return count
    return XlError("#VALUE!") if count < 0 else text[:count]


@_function("FIND")
def _find(book: Book, args: tuple[Node | None, ...], sheet: str) -> Value:
    _arity(args, 2, 3, "FIND")
    needle, hay = _text_arg(book, args[0], sheet), _text_arg(book, args[1], sheet)
    start = integer(book.number(book.scalar(args[2], sheet) if args[2] is not None else None)) if len(args) == 3 else 1
    error = first_error((needle, hay, start))
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
def _vlookup(book: Book, args: tuple[Node | None, ...], sheet: str) -> Value:
    _arity(args, 3, 4, "VLOOKUP")
    exact = len(args) == 4 and args[3] is not None and truth(book.scalar(args[3], sheet)) is False
    table = args[1]
    if not exact:
        raise NotEvaluable("approximate")
    if not isinstance(table, Ref):
        return XlError("#N/A")
    wanted = book.scalar(args[0], sheet) if args[0] is not None else None
    column = integer(book.number(book.scalar(args[2], sheet) if args[2] is not None else None))
    error = first_error((wanted, column))
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
def _countif(book: Book, args: tuple[Node | None, ...], sheet: str) -> Value:
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
