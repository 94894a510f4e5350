"""An item is the locator of its own text: a column of the item's text is the file position of
that character, kept within the pieces the item was cut from (columns before the start or past
the end stand at the piece's first or last place)."""

from __future__ import annotations

import pytest

from budget.read.text import RawLine
from budget.segment import Item
from budget.source import Source


def _line(n: int, text: str) -> RawLine:
    return RawLine(Source("dutoan.txt", n, 1, text=text))


def _one_piece() -> Item:
    item = Item("-", "-", "-")
    item.add(_line(4, "- Xăng xe: 30 lít x 25.000 đồng/lít = 750.000 đồng"), 2, 49)
    return item


@pytest.mark.parametrize(
    ("col", "line", "file_col"),
    [
        (1, 4, 3),  # the item's first character is the line's third
        (11, 4, 13),  # ``3`` of ``30 lít``
        (None, 4, 3),
        (0, 4, 3),  # before the start: the first place
        (-5, 4, 3),
        (47, 4, 49),  # the last character
        (48, 4, 50),  # one past it: the end of the piece
        (500, 4, 50),
    ],
)
def test_a_one_line_item_gives_the_file_position_within_its_piece(col: int | None, line: int, file_col: int) -> None:
    where = _one_piece().at(col)
    assert (where.line, where.col, where.pos) == (line, file_col, file_col - 1)


@pytest.mark.parametrize(
    ("col", "line", "file_col"),
    [
        (1, 7, 3),
        (None, 7, 3),
        (-1, 7, 3),
        (8, 7, 10),  # the last character of the first piece (``Thuê xe``)
        (9, 8, 1),  # the first of the second piece (after the joining space)
        (12, 8, 4),
        (900, 8, 27),  # past the end: the end of the last piece
    ],
)
def test_an_item_over_two_lines_gives_the_position_in_the_right_line(col: int | None, line: int, file_col: int) -> None:
    item = Item("-", "-", "-")
    item.add(_line(7, "- Thuê xe"), 2, 9)
    item.add(_line(8, "= 3 chuyến x 2.000.000 đồng"), 0, 26)
    where = item.at(col)
    assert (where.line, where.col) == (line, file_col)
