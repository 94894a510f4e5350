"""Column roles read from header words (``budget/tables/columns.txt``): a role word stands as a
word of its own, never as the start of a longer one (``Đơn giản hóa`` is no ``Đơn giá``)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from budget.source import Source
from budget.tables.columns import cell_column
from budget.tables.records import Cell


def _role(text: str) -> str:
    return cell_column(Cell(text, Source("t.txt", 1, 1, None, text))).role


@pytest.mark.parametrize(
    ("header", "role"),
    [
        ("Đơn giá", "price"),
        ("Đơn giá (đồng)", "price"),
        ("Đơngiá", "price"),  # a converter that dropped the space
        ("ĐG", "price"),
        ("Thành\ntiền", "amount"),  # wrapped in its cell
        ("T.tiền", "amount"),
        ("Số lượng", "quantity"),
        ("Tổng số", "total"),
        ("Đơn giản hóa TTHC", ""),  # counts of simplified procedures: no price
        ("Đơn giản hóa ĐKKD", ""),
        ("Số lượngười", ""),
        ("Tổng mức chi", "total"),  # a total of the other columns, never the factor ``mức chi``
        ("Tổng hợp, rà soát hồ sơ", "label"),  # compiling is no total
    ],
)
def test_role_of_a_header(header: str, role: str) -> None:
    assert _role(header) == role


@given(st.sampled_from(["Đơn giá", "Thành tiền", "Số lượng", "Kinh phí"]), st.sampled_from("nmtch"))
def test_a_role_word_glued_to_more_letters_is_no_role_word(word: str, letter: str) -> None:
    assert _role(word) != ""
    assert _role(word + letter + " khác") == ""
