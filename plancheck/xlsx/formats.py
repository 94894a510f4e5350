"""Cell formats, number formats by decimals, and row heights for wrapped text (LibreOffice does not grow them)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from xlsxwriter.workbook import Workbook

from plancheck.projection import VerdictKind
from plancheck.xlsx.book import FONT

LINE_HEIGHT = 13.5  # points per line of 10-point text (taller fallback fonts included)
_MAX_HEIGHT = 409  # Excel's largest row height
_CHARS_PER_WIDTH = 1.1  # characters of 10-point text per unit of column width, conservatively


def places(value: Decimal) -> int:
    """Decimals a figure has (``1,50`` has 1, ``1500`` has 0)."""
    if value == value.to_integral_value():
        return 0
    exponent = value.normalize().as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def number_format(decimals: int) -> str:
    """``#,##0`` for whole figures, exactly ``decimals`` places otherwise: never a trailing separator."""
    return "#,##0" + ("." + "0" * decimals if decimals > 0 else "")


# Shown when a live formula's result gains decimals after an edit (conditional format).
DECIMALS_SHOWN = "#,##0.0#########"


def text_lines(text: str, width: float) -> int:
    """How many lines ``text`` takes wrapped in a column ``width`` units wide (word wrap, conservatively)."""
    per_line = max(1, int((width - 0.5) * _CHARS_PER_WIDTH))
    if len(text) <= per_line and "\n" not in text:
        return 1  # all its words fit on one line: most cells of a large sheet

    def start(word: int) -> tuple[int, int]:  # (extra lines, length on the last line) for a word on a new line
        return (word - 1) // per_line if word else 0, (word % per_line or per_line) if word else 0

    lines = 0
    for paragraph in text.split("\n"):
        count, length = 1, 0
        for word in (len(x) for x in paragraph.split(" ")):
            if length and length + 1 + word <= per_line:
                length += 1 + word
                continue
            if length:
                count += 1
            extra, length = start(word)
            count += extra
        lines += count
    return lines


def row_height(cells: Sequence[tuple[str, float]], line_height: float = LINE_HEIGHT) -> float:
    """The height (points) that shows every wrapped text of a row: ``(text, column width)`` pairs."""
    lines = max([1, *(text_lines(text, width) for text, width in cells if text)])
    return min(_MAX_HEIGHT, math.ceil(lines * line_height + 3))


class Formats:
    def __init__(self, wb: Workbook):
        self.wb = wb

        def fmt(**props: Any) -> Any:
            return wb.add_format({**FONT, **props})

        self.fmt = fmt
        self.title = fmt(bold=True, font_size=13, text_wrap=True, valign="top")
        self.subtitle = fmt(italic=True, text_wrap=True, valign="top")
        self.header = fmt(bold=True, text_wrap=True, valign="vcenter", align="center", border=1, bg_color="#D9E1F2")
        self.hint = fmt(italic=True, align="center", valign="vcenter", border=1, bg_color="#FFF2CC", text_wrap=True)
        self.text = fmt(text_wrap=True, valign="top", border=1)
        self.text_quoted = fmt(text_wrap=True, valign="top", border=1, quote_prefix=True)
        self.bold_text = fmt(text_wrap=True, valign="top", border=1, bold=True)
        self.plain = fmt(text_wrap=True, valign="top")
        self.words = fmt(italic=True, text_wrap=True, valign="top")
        self.sign_title = fmt(bold=True, align="center", valign="top", text_wrap=True)
        self.sign_hint = fmt(italic=True, align="center", valign="top", text_wrap=True)
        self.sign_place = fmt(italic=True, align="center", valign="top", text_wrap=True)
        self.input_text = fmt(text_wrap=True, valign="top", border=1, bg_color="#FFF2CC")
        self.input_number = fmt(valign="top", border=1, bg_color="#FFF2CC")  # General: exact until formatted
        self.computed = fmt(valign="top", border=1, bg_color="#F2F2F2")
        self.computed_text = fmt(valign="top", border=1, bg_color="#F2F2F2", text_wrap=True)
        self.bad = wb.add_format({"bg_color": "#FFC7CE", "font_color": "#9C0006"})
        self.inner = wb.add_format({"bg_color": "#FCE4D6"})
        self.decimals_shown = wb.add_format({"num_format": DECIMALS_SHOWN})
        self.grouped = wb.add_format({"num_format": "#,##0"})
        verdict = {"bold": True, "font_size": 12, "text_wrap": True, "valign": "vcenter", "border": 2}
        self.verdict = {
            VerdictKind.OK: fmt(**verdict, bg_color="#C6EFCE", font_color="#006100"),
            VerdictKind.ERRORS: fmt(**verdict, bg_color="#FFC7CE", font_color="#9C0006"),
            VerdictKind.INCOMPLETE: fmt(**verdict, bg_color="#FFEB9C", font_color="#9C5700"),
            VerdictKind.NO_BUDGET: fmt(**verdict, bg_color="#FFEB9C", font_color="#9C5700"),
        }
        self._numbers: dict[tuple[int, bool], Any] = {}

    def number(self, decimals: int, bold: bool = False) -> Any:
        key = (decimals, bold)
        if key not in self._numbers:
            self._numbers[key] = self.fmt(num_format=number_format(decimals), valign="top", border=1, bold=bold)
        return self._numbers[key]

    def of(self, value: Decimal | None, bold: bool = False) -> Any:
        return self.number(0 if value is None else places(value), bold)
