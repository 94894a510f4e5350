"""Every text a user reads about a finding, in Vietnamese, in one place.

Checks store a code and raw values; the words and the number formatting happen here,
at the edge. Tests assert the exact wording of the important messages.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from budget.numbers import format_vn

SEVERITY = {"error": "lỗi", "warning": "cảnh báo", "info": "ghi chú"}

TEMPLATES: Mapping[str, str] = {
    # arithmetic
    "PRODUCT_MISMATCH": (
        "Phép nhân không khớp: {computation} = {computed} {unit}, nhưng văn bản ghi "
        "{stated} {unit} (chênh lệch {difference} {unit})."
    ),
    "SECTION_SUM_MISMATCH": (
        "Mục {number}: cộng các khoản bên trong được {computed} {unit}, nhưng mục ghi "
        "{stated} {unit} (chênh lệch {difference} {unit})."
    ),
    "TOTAL_MISMATCH": (
        "Tổng kinh phí ghi {stated} {unit}, nhưng cộng các mục được {computed} {unit} (chênh lệch {difference} {unit})."
    ),
    "SECTION_NO_AMOUNT": (
        "Mục {number} không ghi kinh phí và không có dòng chi phí nào; không tính là 0 khi đối chiếu."
    ),
    "TOTAL_MISSING": "Không thấy dòng tổng kinh phí; cộng các mục được {computed} {unit}.",
    "RESULT_NO_UNIT": ("Kết quả {stated} không ghi đơn vị tiền; đã coi là {unit} theo thừa số tiền của dòng."),
    "NO_MONEY_FACTOR": (
        "Không thừa số nào mang đơn vị tiền; đã coi tích các thừa số có cùng đơn vị với kết quả ({unit})."
    ),
    "UNCHECKED_AMOUNT": (
        "Số tiền {value} {unit} không thuộc phép tính, tổng mục hay khoản nào đã đọc được; "
        "số này chưa được kiểm tra."
    ),
    "COSTLINE_UNREADABLE": (
        "Dòng có dạng phép tính (dấu nhân và dấu =) nhưng không đọc được “{text}”; dòng này không được kiểm tra."
    ),
    # units
    "UNIT_RESIDUAL": (
        "Đơn vị không triệt tiêu hết: tích các thừa số có đơn vị {product}, còn dư {residual} so với {unit}."
    ),
    "UNIT_NOT_MONEY": ("Tích các thừa số có đơn vị {product}, không phải là tiền, nhưng kết quả ghi {unit}."),
    "UNIT_TIME_SCALE": (
        "Đơn vị thời gian lẫn lộn năm và tháng: theo đơn vị, tích các thừa số phải nhân thêm {factor} mới ra {unit}."
    ),
    "UNIT_NEW_COUNT": "Đơn vị “{word}” chưa có trong danh mục; đã coi là một loại đếm mới.",
    "CAUSE_UNIT_FACTOR": "Thừa số có thể gây ra: {factors}.",
    # workbooks that cannot be read (exit code 2)
    "XLSX_IS_XLS": (
        "Đây là tệp Excel 97-2003 (.xls) hoặc tệp OLE khác, không phải .xlsx; "
        "hãy mở bằng Excel và lưu lại dưới dạng .xlsx."
    ),
    "XLSX_NOT_ZIP": "Tệp không phải bảng tính .xlsx (không phải tệp nén zip); có thể tệp bị hỏng hoặc bị cắt cụt.",
    "XLSX_NOT_XLSX": "Tệp nén này không phải bảng tính .xlsx (thiếu phần nội dung của Excel).",
    "XLSX_BROKEN": "Bảng tính bị hỏng, không đọc được: {reason}.",
    "XLSX_TOO_LARGE": "Bảng tính khi giải nén lớn {size} MB, vượt giới hạn 256 MB; không đọc.",
    "XLSX_ZIP_BOMB": "Phần “{member}” giải nén lớn bất thường so với kích thước nén; tệp có thể độc hại, không đọc.",
    "XLSX_XML_DECLARATION": (
        "Phần “{member}” có khai báo DOCTYPE/ENTITY, điều Excel không bao giờ ghi; tệp có thể độc hại, không đọc."
    ),
    "XLSX_TOO_MANY_ROWS": "Trang “{member}” khai báo {rows} dòng, vượt giới hạn 600.000 dòng; không đọc.",
    "XLSX_NO_DETAIL": "Bảng tính không có trang “{sheet}”; hãy dùng mẫu tạo bởi lệnh budget template.",
    "XLSX_NO_HEADER": "Trang “{sheet}” không có dòng tiêu đề (Thừa số 1, Thành tiền tính ...).",
    "CSV_NO_HEADER": "Tệp CSV không có dòng tiêu đề (Thừa số 1, Thành tiền tính ...).",
    # what workbooks say
    "XLSX_NOT_A_NUMBER": "Ô này phải là số nhưng có “{text}”; dòng này không được tính ô này.",
    "XLSX_NUMBER_AS_TEXT": "Số “{text}” được nhập dưới dạng chữ; đã đọc như số.",
    "XLSX_NO_AMOUNT": "Dòng có thừa số nhưng không có thành tiền hay số ghi; dòng này không được kiểm tra.",
    "XLSX_NOT_EVALUATED": (
        "{count} ô công thức của trang “{sheet}” chưa có giá trị lưu (tệp được lưu bởi chương trình "
        "không tính công thức), đầu tiên là {first}. Công cụ đã tự tính lại; mở và lưu bằng Excel "
        "hoặc LibreOffice để người xem thấy số."
    ),
    "XLSX_STALE_VALUE": (
        "Giá trị lưu trong ô là {stored} nhưng tính lại được {computed} {unit}: bảng tính chưa được "
        "tính lại sau khi sửa, người xem đang thấy số cũ."
    ),
    # workbooks
    "XLSX_PRECISION": (
        "Số {value} {unit} có hơn 15 chữ số có nghĩa, Excel không giữ được chính xác; "
        "đã ghi vào bảng tính dưới dạng chữ."
    ),
    # numbers
    "NUMBER_MALFORMED": "Không đọc được số “{text}”.",
    "NUMBER_AMBIGUOUS.comma_three": (
        "Số “{text}” có thể là {alternative} nếu dấu phẩy ngăn cách hàng nghìn; "
        "đã đọc theo quy ước Việt Nam là {value}."
    ),
    "NUMBER_AMBIGUOUS.en_grouping": (
        "Số “{text}” ngăn cách hàng nghìn bằng dấu phẩy (kiểu tiếng Anh); đã đọc là {value}."
    ),
    "NUMBER_AMBIGUOUS.dot_decimal": (
        "Số “{text}” dùng dấu chấm làm dấu thập phân; đã đọc là {value} "
        "(theo quy ước Việt Nam, dấu chấm ngăn cách hàng nghìn)."
    ),
    "NUMBER_AMBIGUOUS.broken_groups": ("Số “{text}” có dấu cách chen giữa các nhóm chữ số; đã đọc là {value}."),
    "NUMBER_AMBIGUOUS.space_groups": ("Số “{text}” ngăn cách hàng nghìn bằng dấu cách; đã đọc là {value}."),
    "NUMBER_AMBIGUOUS.double_dot": "Số “{text}” có hai dấu chấm liền nhau; đã đọc là {value}.",
    # inputs that cannot be read (exit code 2)
    "INPUT_MISSING": "Không tìm thấy tệp.",
    "INPUT_NOT_FILE": "Đây không phải là một tệp.",
    "INPUT_UNREADABLE": "Không mở được tệp: {reason}.",
    "INPUT_EMPTY": "Tệp rỗng.",
    "INPUT_BINARY": "Tệp không phải văn bản (có byte nhị phân ở vị trí {offset}).",
    "INPUT_ENCODING": (
        "Tệp không phải văn bản UTF-8 hay UTF-16 (byte lạ ở vị trí {offset}); hãy lưu lại dưới dạng UTF-8."
    ),
    "INPUT_UNSUPPORTED": "Không đọc được loại tệp “{suffix}”; hãy dùng tệp văn bản .txt.",
    # outputs that must not be written (exit code 2)
    "OUTPUT_IS_INPUT": "Tệp kết quả trùng với tệp đầu vào; hãy chọn tên khác.",
    "OUTPUT_EXISTS": "Tệp đã có; thêm --force để ghi đè.",
    "OUTPUT_NO_FOLDER": "Thư mục “{folder}” không tồn tại.",
    "OUTPUT_IS_FOLDER": "Đây là một thư mục, không phải tệp.",
    "OUTPUT_LOCKED": "Tệp đang được mở trong Excel (có tệp khóa “{lock}”); hãy đóng tệp rồi chạy lại.",
    "OUTPUT_UNWRITABLE": "Không ghi được tệp ({reason}); tệp cũ (nếu có) vẫn giữ nguyên.",
    # indicators: targets and data
    "TABLE_EMPTY": "Bảng không có dòng nào.",
    "TARGET_BAD_KIND": ("Loại chỉ tiêu “{text}” không rõ; dùng: tối thiểu, tối đa, khoảng, cơ cấu, số lượng."),
    "TARGET_BAD_NUMBER": "Không đọc được số “{text}” của chỉ tiêu.",
    "TARGET_NO_BOUNDS": "Chỉ tiêu {id} không ghi giá trị cần đạt.",
    "TARGET_NO_MEASURE": "Chỉ tiêu {id} không ghi tử số (chỉ số dùng để tính).",
    "TARGET_NO_DENOMINATOR": "Chỉ tiêu {id} tính theo % nhưng không ghi mẫu số.",
    "TARGET_BAD_DEADLINE": "Hạn “{text}” không phải là một năm.",
    "TARGET_SPLIT_SHAPE": "Cơ cấu có {shares} phần nhưng tử số có {measures} chỉ số; hai bên phải bằng nhau.",
    "TARGET_SHARES_NOT_100": "Các phần của cơ cấu cộng lại được {total}%, không phải 100%.",
    "TARGET_MEASURE_MISSING": "Chỉ tiêu {id}: số liệu không có chỉ số {measures}; chỉ tiêu này không đánh giá được.",
    "DATA_NO_HEADER": "Bảng số liệu cần các cột Đơn vị và Năm (và Chỉ số, Giá trị nếu ở dạng dài).",
    "DATA_NOT_A_NUMBER": "Ô số liệu có “{text}”, không phải là số; giá trị này không được dùng.",
    "DATA_BAD_YEAR": "Năm “{text}” không hợp lệ; dòng này không được dùng.",
    "DATA_NEGATIVE": "Giá trị âm {text} của chỉ số {measure}; số đếm và số tiền không thể âm, giá trị không được dùng.",
    "DATA_DUPLICATE": ("Trùng số liệu {measure} của {unit} năm {year} (đã có ở {first}); dòng này không được dùng."),
    "DATA_ZERO_DENOMINATOR": "Chỉ tiêu {id}: mẫu số của {unit} năm {year} bằng 0, không tính được tỷ lệ.",
    "DATA_NUMERATOR_OVER": "Chỉ tiêu {id}: tử số của {unit} năm {year} lớn hơn mẫu số; số liệu có thể sai.",
    "SPLIT_NOT_100": "Chỉ tiêu {id}: các phần của {unit} năm {year} cộng lại được {total}%, không phải 100%.",
    "DATA_MISSING_YEARS": "Chỉ tiêu {id}: {unit} thiếu số liệu các năm {years}.",
    # likely causes
    "CAUSE_STATED_RESULT": (
        "Nhiều khả năng ghi nhầm kết quả: với {computed} {unit} như phép nhân cho thì {parent} khớp."
    ),
    "CAUSE_FACTOR": (
        "Nhiều khả năng ghi nhầm thừa số “{text}”: nếu là {value} thì phép nhân ra đúng "
        "{stated} {unit}, và {stated} {unit} khớp với {parent}."
    ),
    "CAUSE_SOME_FACTOR": ("Kết quả ghi {stated} {unit} khớp với {parent}, nên nhiều khả năng sai ở một thừa số."),
    "CAUSE_INTERMEDIATE": (
        "Nhiều khả năng ghi nhầm kết quả trung gian {stated} {unit}: phép nhân cho "
        "{computed} {unit}, và với {computed} {unit} thì bước sau khớp."
    ),
    "CAUSE_CHILD_LINE": (
        "Nhiều khả năng do dòng {line} ({label}): ghi {stated} {unit} nhưng phép nhân "
        "cho {computed} {unit}; với {computed} {unit} thì tổng khớp."
    ),
    "CAUSE_CHILD_SECTION": (
        "Nhiều khả năng do mục {number}: ghi {stated} {unit} nhưng cộng các khoản bên "
        "trong được {computed} {unit}; với {computed} {unit} thì tổng khớp."
    ),
    "CAUSE_OWN_FIGURE": (
        "Các khoản bên trong tự khớp và {parent} khớp với {computed} {unit}: "
        "nhiều khả năng ghi nhầm chính số {stated} {unit}."
    ),
    "CAUSE_OWN_FIGURE_TOP": ("Các khoản bên trong tự khớp: nhiều khả năng ghi nhầm chính số {stated} {unit}."),
    # where things are, used inside other messages
    "PARENT_SECTION": "tổng mục {number}",
    "PARENT_TOTAL": "tổng kinh phí",
    "PARENT_NEXT_STEP": "bước sau của chuỗi phép tính",
}


@dataclass(frozen=True)
class Phrase:
    """A piece of text inside another message (``tổng mục 2.2``), rendered with it."""

    code: str
    args: Mapping[str, object]


class Factors(tuple):  # type: ignore[type-arg]
    """Factors named in a message (``“2 lớp/khóa”, “2 năm/khóa”``), rendered only when read."""

    __slots__ = ()


def _show(value: object) -> str:
    if isinstance(value, Decimal):
        return format_vn(value)
    if isinstance(value, Phrase):
        return render(value.code, value.args)
    if isinstance(value, Fraction):
        if value.denominator == 1:
            return format_vn(Decimal(value.numerator))
        as_decimal = Decimal(value.numerator) / Decimal(value.denominator)
        if Fraction(as_decimal) == value:
            return format_vn(as_decimal)
        if value.denominator in (3, 6, 7, 9, 11, 12) and abs(value) < 1:
            return f"{value.numerator}/{value.denominator}"  # a clean fraction such as 1/12
        return "≈" + format_vn(as_decimal.quantize(Decimal("0.01")))
    if isinstance(value, Factors):
        return ", ".join(f"“{q.text} {q.unit_text}”".replace(" ”", "”") for q in value)
    if isinstance(value, tuple):
        return " × ".join(_show(v) for v in value)
    return str(value)


def render(code: str, args: Mapping[str, object]) -> str:
    """The Vietnamese text for ``code`` with ``args`` filled in (Decimals in Vietnamese form)."""
    template = TEMPLATES[code]
    return template.format(**{k: _show(v) for k, v in args.items()})
