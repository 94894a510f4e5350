"""Placing a data row's cells on the columns: by position when the row has the header's shape
(or stands in its runs of characters), else in order (the label, then the numbers).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from budget.numbers import NUMBER_TOKEN
from budget.tables.cells import NUMERIC_KINDS, is_marker, joined, kind, runs_of, span_of, trimmed_cells
from budget.tables.columns import NUMERIC_ROLES, Column
from budget.tables.records import Cell, TableRow


@dataclass
class PlacedRow:
    """A data row placed on the columns: the cell of each role, its label and row number."""

    number: str
    label: Cell | None
    cells: dict[int, Cell]  # column index → cell
    loose: list[Cell]  # numbers that could not be placed on a column
    odd: list[Cell]  # cells that are no clean number where numbers stand (glued, ranges, text)
    spare: tuple[Cell, ...] = ()  # figures in columns the header gives no role (``Số điểm``, ``Tần suất``)


def on_spans(chunks: list[Cell], spans: list[tuple[int, int]]) -> list[Cell] | None:
    """The row's chunks in the columns they stand in (empty cells where it writes nothing)."""
    if not chunks:
        return None
    out = [Cell("", chunks[0].source.at(a + 1)) for a, _b in spans]
    for c in chunks:
        start, end = span_of(c)
        at = next((i for i, (a, b) in enumerate(spans) if a <= start and end <= b), None)
        if at is None or out[at].text:
            return None
        out[at] = c
    return out


def cell_rest(row: PlacedRow, columns: list[Column], role: str) -> str:
    for i, c in row.cells.items():
        if columns[i].role == role:
            m = NUMBER_TOKEN.match(c.text.strip())
            return c.text.strip()[m.end() :] if m else ""
    return ""


def last_index(columns: Sequence[Column], role: str) -> int | None:
    found = [i for i, c in enumerate(columns) if c.role == role]
    return found[-1] if found else None


def place(row: TableRow, columns: list[Column], shape: str, spans: list[tuple[int, int]] | None) -> PlacedRow | None:
    """Put a row's cells on the columns: by position when the row has the header's shape,
    else in order (numbers on the numeric columns, the label before them)."""
    cells = list(row.cells)
    if spans is not None and row.first == row.last:
        by_span = on_spans(runs_of(row), spans)
        if by_span is not None:
            placed = _by_position(trimmed_cells(by_span), columns)
            if placed is not None:
                return placed
    if shape == "bars":
        # a converted Word table: merged cells leave a row short or its figures off their
        # columns, so the cells stand in their columns only when the amount cell is written
        amount_col = last_index(columns, "amount")
        if amount_col is not None and amount_col < len(cells) <= len(columns) and cells[amount_col].text:
            placed = _by_position(trimmed_cells(cells), columns)
            if placed is not None:
                return placed
        return _in_order([c for c in cells if c.text], columns)
    if shape in ("pipe", "cells"):
        trimmed = trimmed_cells(cells)
        if len(trimmed) <= len(columns) and trimmed:
            # cells stand where the file puts them: an empty amount cell is no amount
            # (the row is reported not checked), never the price moved into its place
            placed = _by_position(trimmed, columns, empty_amount=len(cells) == len(columns))
            if placed is not None:
                return placed
    return _in_order([c for c in cells if c.text], columns)


def _by_position(cells: list[Cell], columns: list[Column], empty_amount: bool = False) -> PlacedRow | None:
    out: dict[int, Cell] = {}
    label: Cell | None = None
    number = ""
    odd: list[Cell] = []
    spare: list[Cell] = []
    amount_col = last_index(columns, "amount")
    for i, cell in enumerate(cells):
        if not cell.text:
            continue
        role = columns[i].role
        k = kind(cell.text)
        if role in NUMERIC_ROLES:
            if k == "text":
                return None
            if k in ("num", "frac"):
                out[i] = cell
            else:
                odd.append(cell)
        elif role == "number":
            if not (is_marker(cell.text) or k == "num"):
                return None
            number = cell.text.strip().rstrip(".)")
        elif role == "label":
            if k in ("num",) and not is_marker(cell.text):
                return None
            label = cell
        elif role == "" and k == "num":
            spare.append(cell)
    if amount_col is not None and amount_col not in out and (out or odd) and not empty_amount:
        return None
    return PlacedRow(number, label, out, [], odd, tuple(spare))


def _in_order(cells: list[Cell], columns: list[Column]) -> PlacedRow | None:
    if not cells:
        return None
    number = ""
    k = 0
    if is_marker(cells[0].text) and len(cells) > 1 and kind(cells[1].text) in ("text", "mixed"):
        number = cells[0].text.strip().rstrip(".)")
        k = 1
    kinds = [kind(c.text) for c in cells]
    if k == 1 and kinds[1] == "mixed":
        kinds[1] = "text"  # the cell after the row number is the label, figures in it or not
    # the label: the text right before the first number that follows text
    label_at = None
    for i in range(k, len(cells)):
        if kinds[i] == "text":
            label_at = i
        elif label_at is not None and kinds[i] in NUMERIC_KINDS:
            break
    if label_at is None:
        return None  # a row with no label (a lone number, a row number alone) says nothing
    else:
        label = cells[label_at]
        rest = cells[label_at + 1 :]
        # text cut into several cells at single spaces (a PDF row): the label is all of it
        start = label_at
        while start > k and kinds[start - 1] == "text" and cells[start].split:
            start -= 1
        if start < label_at:
            label = joined(cells[start : label_at + 1])
    numeric_cols = [i for i, c in enumerate(columns) if c.role in NUMERIC_ROLES]
    # trailing text: notes
    while rest and kind(rest[-1].text) == "text":
        rest = rest[:-1]
    nums = [c for c in rest if kind(c.text) in ("num", "frac")]
    odd = [c for c in rest if kind(c.text) not in ("num", "frac")]
    # numbers glued to the label by a single space beyond the columns belong to the label
    while (
        len(nums) > len(numeric_cols) and nums and nums[0].split and label is not None and rest and rest[0] is nums[0]
    ):
        label = joined([label, nums[0]])
        rest = rest[1:]
        nums = nums[1:]
    if odd or len(nums) != len(numeric_cols):
        loose = nums
        return PlacedRow(number, label, {}, loose, odd)
    return PlacedRow(number, label, dict(zip(numeric_cols, nums, strict=True)), [], [])
