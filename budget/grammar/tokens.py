"""Clause text → tokens: numbers, percent signs, operators, relations, brackets, words.

One compiled pattern of simple alternatives, applied once from left to right, so a
clause is tokenized in linear time whatever it holds. What a token *means* (a ``:`` as
division or as the end of a label, ``là`` as a relation or as a verb, ``-`` as minus
or as a list dash) is left to the parser, which decides by position.

Written by hand because the tokens are Vietnamese: ``1.234.567`` and ``0,5`` are
numbers, ``x`` is a multiplication only when it stands alone (``xã`` holds an x), and
the operators officers type include words (``nhân với``, ``chia cho``).
"""

from __future__ import annotations

import re
from enum import Enum
from functools import lru_cache
from typing import NamedTuple

from budget.numbers import NUMBER_TOKEN
from budget.text import fold


class Kind(Enum):
    NUM = "num"
    PCT = "%"
    MUL = "x"
    COLON = ":"
    SLASH = "/"
    ADD = "+"
    SUB = "-"
    EQ = "="
    OPEN = "("
    CLOSE = ")"
    WORD = "word"
    PUNCT = "punct"
    OTHER = "other"


# The kinds as module constants, which the grammar tests on every token: in Python 3.11 a
# member looked up on its Enum class goes through ``EnumType.__getattr__``'s hook, about ten
# times the cost of a global.
NUM, PCT, MUL, COLON, SLASH = Kind.NUM, Kind.PCT, Kind.MUL, Kind.COLON, Kind.SLASH
ADD, SUB, EQ, OPEN, CLOSE = Kind.ADD, Kind.SUB, Kind.EQ, Kind.OPEN, Kind.CLOSE
WORD, PUNCT, OTHER = Kind.WORD, Kind.PUNCT, Kind.OTHER


class Token(NamedTuple):
    """One token; a named tuple, built for every token of every clause (faster than a frozen
    dataclass, as immutable)."""

    kind: Kind
    start: int  # offset in the text given to ``tokenize``
    end: int
    text: str
    space_before: bool  # whitespace (or the start of the span) right before it
    folded: str = ""  # words only: the word without tone marks, lower case


_PAIRS = {"(": ")", "[": "]", "{": "}"}

# A multiplication sign stands alone: after a space, a digit, a percent sign or a closing
# bracket, and before a number or an opening bracket (``x22``, ``x (2 + 3)``).
# Whitespace is taken by the ``\s*`` before each token (no alternative starts with it), so
# the matcher never tries the alternatives at a space; a token follows a space when it does
# not start where the one before ended. Whitespace that ends the span is cut off first: with
# no token after it, each of its positions would be tried again to its end. Only ``mul`` and
# ``word`` can start at the same character (``x``): ``mul`` is tried first; the order of the
# others is free, the commonest first.
# Each alternative opens with the class of its first character, *outside* its group (the group
# holds the rest of the token and names its kind): the matcher then tests that character before
# entering the alternative, instead of entering every alternative in turn. A token is the
# character before its group and the group (``_token_span``). The tests of the characters
# around a multiplication sign, and ``NUMBER_TOKEN``'s of the one before a number, are made
# behind the first character.
_NUMBER_REST = NUMBER_TOKEN.pattern.strip().removeprefix("[0-9]")  # the number after its first digit
assert _NUMBER_REST != NUMBER_TOKEN.pattern.strip()
_PATTERN = re.compile(
    r"\s*+(?:"
    r"[x×X*·](?:(?<=[\s0-9%)\]}][x×X*·])|(?<=^[x×X*·]))(?=\s{0,3}[0-9(\[{])(?P<mul>)"
    r"|[^\W\d_](?P<word>[^\W\d_]*)"
    r"|[0-9](?P<num>[0-9]{0,2},\x20(?=[0-9]+(?![0-9.,]))[0-9]+(?![0-9.,])|" + _NUMBER_REST + r")"
    r"|%(?P<pct>)"
    r"|:(?P<colon>)"
    r"|/(?P<slash>)"
    r"|\+(?P<add>)"
    r"|[-–−](?P<sub>)"
    r"|=(?P<eq>)"
    r"|[(\[{](?P<open>)"
    r"|[)\]}](?P<close>)"
    r"|[.,;!?…\"“”'‘’](?P<punct>)"
    r"|\S(?P<other>))",
    re.VERBOSE | re.DOTALL,
)
_KIND = {
    "num": Kind.NUM,
    "mul": Kind.MUL,
    "pct": Kind.PCT,
    "colon": Kind.COLON,
    "slash": Kind.SLASH,
    "add": Kind.ADD,
    "sub": Kind.SUB,
    "eq": Kind.EQ,
    "open": Kind.OPEN,
    "close": Kind.CLOSE,
    "word": Kind.WORD,
    "punct": Kind.PUNCT,
    "other": Kind.OTHER,
}
# the kind of each group by its number (``lastindex``: the groups hold no groups of their own)
_BY_INDEX = [Kind.OTHER] * (_PATTERN.groups + 1)
for _name, _index in _PATTERN.groupindex.items():
    _BY_INDEX[_index] = _KIND[_name]


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of ``text[start:end]``, offsets in ``text``; whitespace is dropped."""
    stop = len(text) if end is None else end
    if stop > start and text[stop - 1].isspace():
        stop = start + len(text[start:stop].rstrip())  # see ``_PATTERN``
    out: list[Token] = []
    append = out.append
    last = -1  # where the previous token ended (none yet: the span's start counts as a space)
    word, by_index, fold_word, new = Kind.WORD, _BY_INDEX, _fold_word, tuple.__new__
    for m in _PATTERN.finditer(text, start, stop):
        index = m.lastindex or 0
        a, b = m.span(index)  # every group ends the match (see ``_PATTERN``)
        a -= 1  # the token's first character stands before its group
        token = text[a:b]
        kind = by_index[index]
        # ``Token(...)`` without the named tuple's ``__new__`` in Python: the same tuple, built directly
        append(new(Token, (kind, a, b, token, a != last, fold_word(token) if kind is word else "")))
        last = b
    return out


# plans repeat a few hundred words: each is folded once
_fold_word = lru_cache(maxsize=8192)(fold)


def closing(opening: str) -> str:
    """The bracket that closes ``opening``."""
    return _PAIRS[opening]
