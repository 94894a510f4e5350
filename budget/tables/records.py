"""Records of the table reader: a cell, a row, a block found in the text, and what the tables
of a document give the plan. Frozen; every cell carries its source.
"""

from __future__ import annotations

from dataclasses import dataclass

from budget.model import Amount, CostLine, CountSum, Item, WordsCheck
from budget.read.text import RawLine
from budget.source import Source


@dataclass(frozen=True)
class Cell:
    """One cell of a table row: its text as written and where its first character stands."""

    text: str
    source: Source
    split: bool = False  # cut out of a run of text at a single space (a guess the reader may undo)


@dataclass(frozen=True)
class TableRow:
    cells: tuple[Cell, ...]
    first: int  # physical line numbers
    last: int
    header: bool = False


@dataclass(frozen=True)
class TableBlock:
    """A table found in the text: its physical lines, its rows, and the lines just above it."""

    shape: str  # "pipe" | "text" (columns by spaces) | "cells" (one cell per line) | "bars" (cells between bar lines)
    first: int
    last: int
    rows: tuple[TableRow, ...]
    above: tuple[RawLine, ...] = ()  # nearest first: title, ``Đơn vị tính``, factors given once
    below: tuple[RawLine, ...] = ()  # lines just under it that write its total in words (``Bằng chữ``)
    # Why its cells cannot be put in their columns ("" when they can): a header of merged cells
    # narrower than its rows. Such a table is reported not checked, never read by guess.
    unread: str = ""
    # A ledger (``ledger.py``): names and figures closed by a total row, known by its shape
    # alone; read as the sums of its columns, never as products.
    ledger: bool = False


@dataclass(frozen=True)
class Tables:
    """What the tables of a document give the plan."""

    lines: list[RawLine]  # the document's lines with table lines emptied (numbering kept)
    items: list[Item]  # one Section per table
    found: int  # money amounts read in tables and checked
    # Amounts of tables that state no total, alone on their row (no product): nothing checks
    # them unless the text states a total of the tables; ``whole`` keeps them as items for that.
    unchecked: tuple[Amount, ...] = ()
    whole: tuple[Item, ...] = ()
    counts: tuple[CountSum, ...] = ()  # counts the tables state as sums, checked as plain numbers
    words: tuple[WordsCheck, ...] = ()  # the tables' totals written in words under them
    inside: frozenset[int] = frozenset()  # physical lines of the table blocks (and their words)
    # products no cell writes and the text above states the rate of (``rates.py``): checked, never summed
    side: tuple[CostLine, ...] = ()
