"""Texts of the findings the indicators evaluation adds, joined to the one message table.

``budget.messages.TEMPLATES`` is where every text a user reads lives; these entries belong
there and are kept here only until they move (the kernel is edited separately). They are
added by ``register()`` (called where these findings are made), without replacing an entry
of the same code if the table already has one.
"""

from __future__ import annotations

from collections.abc import Mapping

from budget import messages

TEMPLATES: Mapping[str, str] = {
    "TARGET_AFTER_DATA": (
        "Chỉ tiêu {id}: năm đánh giá {year} sau năm cuối có số liệu ({last}); "
        "chỉ tiêu chưa đánh giá được, không tính là đạt."
    ),
    "TARGET_NO_DATA_YEAR": (
        "Chỉ tiêu {id}: không có số liệu năm {year} (các năm có số liệu: {years}); "
        "chỉ tiêu chưa đánh giá được, không tính là đạt."
    ),
    "TARGET_NO_DATA": (
        "Chỉ tiêu {id}: không năm nào có đủ số liệu ({measures}) của cùng một đơn vị; chỉ tiêu chưa đánh giá được."
    ),
}


def register() -> None:
    table = messages.TEMPLATES
    if not isinstance(table, dict):  # pragma: no cover - the table is a plain dict
        raise TypeError("budget.messages.TEMPLATES is not a dict")
    for code, text in TEMPLATES.items():
        table.setdefault(code, text)
