"""Cell formats and number formats by decimals; row heights for wrapped text come from ``budget.layout``."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from xlsxwriter.workbook import Workbook

from budget.layout import LINE_HEIGHT, number_format, places, row_height, text_lines
from plancheck.projection import VerdictKind
from plancheck.xlsx.book import FONT

__all__ = ["LINE_HEIGHT", "Formats", "number_format", "places", "row_height", "text_lines"]


# Shown when a live formula's result gains decimals after an edit (conditional format).
DECIMALS_SHOWN = "#,##0.0#########"


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
