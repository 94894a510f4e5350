"""The workbook layout, in one place: sheet names and column headers, Vietnamese.

The writer lays cells out by these names and the reader finds columns by them, so a
workbook written by the tool, edited by an officer (columns moved, rows added) and read
back is understood the same way.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

# XlsxWriter options of every workbook the project writes: rows streamed with constant
# memory, and text never turned into formulas, links or numbers.
WORKBOOK_OPTIONS = {
    "constant_memory": True,
    "strings_to_formulas": False,  # text from a plan never becomes a formula
    "strings_to_urls": False,
    "strings_to_numbers": False,
}

SUMMARY = "Tổng hợp"
DETAIL = "Chi tiết"
FINDINGS = "Kiểm tra"
SOURCES = "Nguồn"
UNITS = "Đơn vị"  # hidden: money spellings and scales, units offered in drop-downs

# Row heights for wrapped text: LibreOffice does not grow rows when it prints a workbook
# written by XlsxWriter, so every writer sets them from this estimate.
LINE_HEIGHT = 13.5  # points per line of 10-point text (taller fallback fonts included)
_MAX_HEIGHT = 409  # Excel's largest row height
_CHARS_PER_WIDTH = 1.1  # characters of 10-point text per unit of column width, conservatively


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


def places(value: Decimal) -> int:
    """Decimals a figure has (``1,50`` has 1, ``1500`` has 0)."""
    if value == value.to_integral_value():
        return 0
    exponent = value.normalize().as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def number_format(decimals: int) -> str:
    """``#,##0`` for whole figures, exactly ``decimals`` places otherwise: never a trailing separator."""
    return "#,##0" + ("." + "0" * decimals if decimals > 0 else "")


TITLE_ROWS = 4  # title, plan, unit line, blank: the header is on row 5 (index 4)


@dataclass(frozen=True)
class DetailColumns:
    """Columns of ``Chi tiết`` for ``slots`` factors (zero-based indices)."""

    slots: int

    no: int = 0
    section: int = 1
    line: int = 2
    label: int = 3
    first_factor: int = 4

    def value(self, k: int) -> int:
        return self.first_factor + 2 * k

    def unit(self, k: int) -> int:
        return self.first_factor + 2 * k + 1

    @property
    def coefficient(self) -> int:
        return self.first_factor + 2 * self.slots

    @property
    def computed(self) -> int:
        return self.coefficient + 1

    @property
    def stated(self) -> int:
        return self.coefficient + 2

    @property
    def difference(self) -> int:
        return self.coefficient + 3

    @property
    def status(self) -> int:
        return self.coefficient + 4

    @property
    def count(self) -> int:
        return self.status + 1

    def headers(self, unit: str) -> list[str]:
        out = ["STT", "Mục", "Dòng trong văn bản", "Nội dung"]
        for k in range(1, self.slots + 1):
            out += [f"Thừa số {k}", f"Đơn vị {k}"]
        out += [
            "Hệ số quy đổi",
            f"Thành tiền tính ({unit})",
            f"Số ghi trong văn bản ({unit})",
            f"Chênh lệch ({unit})",
            "Trạng thái",
        ]
        return out


# Header words the reader looks for (folded, prefix match), by role.
DETAIL_ROLES = {
    "no": "stt",
    "section": "muc",
    "line": "dong trong van ban",
    "label": "noi dung",
    "value": "thua so",
    "unit": "don vi",
    "coefficient": "he so quy doi",
    "computed": "thanh tien tinh",
    "stated": "so ghi trong van ban",
    "difference": "chenh lech",
    "status": "trang thai",
}

SUMMARY_HEADERS = [
    "Mục",
    "Nội dung",
    "Kinh phí ghi trong văn bản",
    "Cộng các khoản theo số ghi",
    "Cộng các khoản tính lại từ thừa số",
    "Chênh lệch (ghi − cộng)",
    "Trạng thái",
]
SUMMARY_HELPER = "Số cộng lên mục trên"  # the stated amount, or the sum when none is stated
SUMMARY_ROLES = {
    "section": "muc",
    "title": "noi dung",
    "stated": "kinh phi ghi",
    "sum": "cong cac khoan theo so ghi",
    "recomputed": "cong cac khoan tinh lai",
    "difference": "chenh lech",
    "status": "trang thai",
}
TOTAL_LABEL = "TỔNG KINH PHÍ"

FINDING_HEADERS = [
    "Mã",
    "Mức độ",
    "Vị trí",
    "Đúng ra là",
    "Văn bản ghi",
    "Chênh lệch",
    "Đơn vị",
    "Nội dung",
    "Nguyên nhân có thể",
]

STATUS_OK = "Khớp"
STATUS_BAD = "Sai"
STATUS_NONE = "Không ghi"
