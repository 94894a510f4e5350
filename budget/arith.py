"""Arithmetic inside a parenthesised factor: ``(2,34 + 0,5)``, ``(15/30)``, ``(1 - 30%)``.

A small recursive-descent evaluator over exact fractions, written by hand because the
numbers are Vietnamese (``2,34``), the signs are those officers type (``x``, ``×``, ``:``)
and nothing may go through float. The result must be a terminating decimal; otherwise
the group is not read (and the line is reported as unreadable, never guessed).
"""

from __future__ import annotations

import re
from decimal import Decimal
from fractions import Fraction

from budget.numbers import NUMBER_TOKEN, NumberError, read_number

_TOKEN = re.compile(r"\s*(?:(?P<num>" + NUMBER_TOKEN.pattern + r")|(?P<op>[-+x×X*/:()%]))", re.VERBOSE)
_MAX_TOKENS = 200


def _tokens(text: str) -> list[str] | None:
    out: list[str] = []
    pos = 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None or m.end() == pos:
            return None if text[pos:].strip() else out
        out.append(m.group().strip())
        pos = m.end()
        if len(out) > _MAX_TOKENS:
            return None
    return out


class _Parser:
    def __init__(self, tokens: list[str]):
        self.t = tokens
        self.i = 0

    def peek(self) -> str | None:
        return self.t[self.i] if self.i < len(self.t) else None

    def take(self) -> str:
        tok = self.t[self.i]
        self.i += 1
        return tok

    def expr(self) -> Fraction:
        value = self.term()
        while self.peek() in ("+", "-"):
            op = self.take()
            rhs = self.term()
            value = value + rhs if op == "+" else value - rhs
        return value

    def term(self) -> Fraction:
        value = self.factor()
        while self.peek() in ("x", "×", "X", "*", "/", ":"):
            op = self.take()
            rhs = self.factor()
            if op in ("/", ":"):
                if rhs == 0:
                    raise ZeroDivisionError
                value = value / rhs
            else:
                value = value * rhs
        return value

    def factor(self, depth: int = 0) -> Fraction:
        tok = self.peek()
        if tok is None:
            raise ValueError("end")
        if tok == "-":
            self.take()
            return -self.factor()
        if tok == "(":
            self.take()
            value = self.expr()
            if self.peek() != ")":
                raise ValueError("unclosed")
            self.take()
        else:
            value = Fraction(read_number(self.take()).value)
        if self.peek() == "%":
            self.take()
            value = value / 100
        return value


def _terminating(value: Fraction) -> Decimal | None:
    den = value.denominator
    for p in (2, 5):
        while den % p == 0:
            den //= p
    if den != 1:
        return None
    num = Decimal(value.numerator)
    return num / Decimal(value.denominator) if value.denominator != 1 else num


def evaluate_group(content: str) -> Decimal | None:
    """The exact value of the arithmetic in ``content``, or None when it is not plain arithmetic."""
    tokens = _tokens(content)
    if not tokens:
        return None
    parser = _Parser(tokens)
    try:
        value = parser.expr()
    except (ValueError, ZeroDivisionError, NumberError, IndexError, RecursionError):
        return None
    if parser.i != len(tokens):
        return None
    return _terminating(value)
