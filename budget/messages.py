"""Every text a user reads, in one place: one catalogue per language, Vietnamese
(``TEMPLATES``) and English (``TEMPLATES_EN``), keyed by the same codes and message keys.

Checks store a code and raw values; the words and the number formatting happen here,
at the edge. Every code has a text in both languages, with the same placeholders (a test
holds the two catalogues and the codes the source emits together). Tests assert the exact
wording of the important messages.
"""

from __future__ import annotations

import functools
import re
import string
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Context, Decimal
from fractions import Fraction

from budget.numbers import format_number

_FORMATTER = string.Formatter()

SEVERITY = {"error": "lỗi", "warning": "cảnh báo", "info": "ghi chú"}

TEMPLATES: Mapping[str, str] = {
    # ---- targets read from a plan's text: their kind, why they were read so, how sure
    "TARGET_KIND.minimum": "tối thiểu",
    "TARGET_KIND.maximum": "tối đa",
    "TARGET_KIND.range": "khoảng",
    "TARGET_KIND.split": "cơ cấu",
    "TARGET_KIND.count": "số lượng",
    "TARGET_KIND.approximate": "xấp xỉ",
    "TARGET_KIND.change": "mức thay đổi",
    "TARGET_KIND.from_to": "từ mức gốc",
    "TARGET_KIND.direction": "xu hướng",
    "TARGET_KIND.build": "xây mới",
    "TARGET_CONFIDENCE.high": "cao",
    "TARGET_CONFIDENCE.medium": "trung bình",
    "TARGET_WHY.split": "các phần cộng lại 100%",
    "TARGET_WHY.range": "khoảng A - B%",
    "TARGET_WHY.count_range": "từ A đến B {noun}",
    "TARGET_WHY.count_about": "“{word}” + số {noun}",
    "TARGET_WHY.maximum": "“tối đa/không quá” N%",
    "TARGET_WHY.minimum": "“tối thiểu/ít nhất/trở lên” N%",
    "TARGET_WHY.reached": "“đạt” N%",
    "TARGET_WHY.bare": "N% của một đối tượng, không có từ tối thiểu",
    "TARGET_WHY.approximate": "“khoảng” N: dải ± {band} (một nửa đơn vị làm tròn của số nêu)",
    "TARGET_WHY.change": "“{word}” N% so với năm gốc hoặc mỗi năm: mức thay đổi, không phải mức đạt",
    "TARGET_WHY.from_to": "“từ A … lên/xuống B”: mức cần đạt B, mức gốc A",
    "TARGET_WHY.direction": "“{word}” không kèm con số: chỉ xét xu hướng",
    "TARGET_WHY.ratio": "“{word}” N {unit}: tỷ số của hai chỉ số",
    "TARGET_WHY.build": "“{verb}” N {noun}: cộng dồn đến hạn",
    "TARGET_LINE.deadline": ", đến năm {year}",
    "TARGET_LINE.period_deadline": ", đến năm {year} (hết giai đoạn của kế hoạch)",
    "TARGET_LINE.per_year": " mỗi năm",
    "TARGET_LINE.base_year": ", so với năm {year}",
    "TARGET_LINE.baseline": ", từ {value} năm {year}",
    "TARGET_LINE.baseline_no_year": ", từ {value}",
    "TARGET_LINE.up": "tăng",
    "TARGET_LINE.down": "giảm",
    "TARGET_LINE.found": "Tìm thấy {count} chỉ tiêu.",
    # arithmetic
    "PRODUCT_MISMATCH": (
        "Phép nhân không khớp: {computation} = {computed} {unit}, nhưng văn bản ghi "
        "{stated} {unit} (chênh lệch {difference} {unit})."
    ),
    "PRODUCT_MISMATCH.group": (
        "Phép tính không khớp: {computation} = {computed} {unit}, nhưng văn bản ghi "
        "{stated} {unit} (chênh lệch {difference} {unit})."
    ),
    "PRODUCT_MISMATCH.split": (
        "Các phần ghi trong ngoặc cộng lại được {computed} {unit}, nhưng số được chia ghi {stated} {unit} "
        "(chênh lệch {difference} {unit})."
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
    "SECTION_SUM_ROUNDING": (
        "Mục {number}: cộng các khoản được {computed} {unit}, mục ghi {stated} {unit} (chênh {difference} {unit}), "
        "trong phạm vi làm tròn ± {slack} {unit} {rounded}; không phải lỗi cộng nếu các số được làm tròn."
    ),
    "TOTAL_ROUNDING": (
        "Tổng kinh phí ghi {stated} {unit}, cộng các mục được {computed} {unit} (chênh {difference} {unit}), "
        "trong phạm vi làm tròn ± {slack} {unit} {rounded}; không phải lỗi cộng nếu các số được làm tròn."
    ),
    "SUM_ROUNDING_NOT_CHECKED": (
        "Tổng cộng các khoản được {computed} {unit}, số ghi {stated} {unit} (chênh {difference} {unit}); chưa "
        "kiểm tra được."
    ),
    "SUM_ROUNDING_NOT_CHECKED.section": (
        "Mục {number}: cộng các khoản được {computed} {unit}, mục ghi {stated} {unit} (chênh {difference} {unit}); "
        "chỉ khớp nếu các số được làm tròn đến dưới ba chữ số có nghĩa (± {slack} {unit}; làm tròn đến ba chữ số "
        "chỉ giải thích được ± {cap} {unit}), điều ít gặp trong dự toán: có thể có số ghi sai, chưa kết luận được."
    ),
    "SUM_ROUNDING_NOT_CHECKED.total": (
        "Tổng kinh phí ghi {stated} {unit}, cộng các mục được {computed} {unit} (chênh {difference} {unit}); "
        "chỉ khớp nếu các số được làm tròn đến dưới ba chữ số có nghĩa (± {slack} {unit}; làm tròn đến ba chữ số "
        "chỉ giải thích được ± {cap} {unit}), điều ít gặp trong dự toán: có thể có số ghi sai, chưa kết luận được."
    ),
    "ROUNDED_PARTS.some": "của số ghi và {count} khoản ghi số tròn",
    "ROUNDED_PARTS.own": "của chính số ghi",
    "TABLE_ROW_NO_AMOUNT": (
        "Dòng “{label}” của bảng có thừa số nhưng ô thành tiền để trống; dòng này không được kiểm tra."
    ),
    "NUMBER.percent": "{value}%",
    "NUMBER.time_scale": "{factor} (1 năm = 12 tháng)",
    "BRACKET_IMPLIED": (
        "Phép tính thiếu dấu mở ngoặc “(” cho dấu đóng ngoặc “)” của nó: đã đọc với ngoặc mở từ số đầu tiên, "
        "và cách đọc này khớp với số ghi."
    ),
    "NUMBER.measure_scale": "{factor} (quy đổi đơn vị đo: {units})",
    "SHARE_MISMATCH": (
        "Khoản “{title}” ghi {stated} {unit}, nhưng {rate}% của các khoản còn lại ({base} {unit}) là {computed} {unit}."
    ),
    "SHARE_MISMATCH.parent": (
        "Khoản “{title}” ghi {stated} {unit}, nhưng {rate}% của số tiền mục trên ghi ({base} {unit}) là "
        "{computed} {unit}."
    ),
    "SHARE_MISMATCH.rate": (
        "Khoản “{title}” ghi {stated} {unit} và tỷ lệ {rate}%, nhưng {stated} {unit} trên tổng {base} {unit} "
        "là {computed}%."
    ),
    "SHARE_NOT_CHECKED": (
        "Các tỷ lệ ghi sau số tiền của từng khoản cộng lại được {sum}%, không phải 100%: có thể là tỷ lệ so với "
        "một số không ghi trong văn bản (dự toán, năm trước), hoặc có tỷ lệ ghi sai; các tỷ lệ này chưa được kiểm tra."
    ),
    "SHARE_NOT_CHECKED.split": (
        "Các tỷ lệ ghi theo từng nguồn vốn cộng lại được {sum}%, không phải 100%: có tỷ lệ ghi sai, hoặc các tỷ lệ "
        "không chia cùng một khoản; các tỷ lệ này chưa được kiểm tra."
    ),
    "BALANCE_DIFFERS": (
        "Tổng chi {subject} ghi {spending} {unit}, khác tổng thu {revenue} {unit} (chênh {difference} {unit}); "
        "dự toán được thông qua thường cân đối thu chi, cần xem có bội chi hay kết dư được nêu không."
    ),
    "SUM.balance": "Cân đối thu, chi {subject}",
    "FIGURE_STATED_TWICE": (
        "Cùng một khoản được ghi hai số khác nhau: {stated} {unit} ở đây và {other} {unit} ở {where}; "
        "không đoán số nào đúng, cần đối chiếu hai chỗ."
    ),
    "FIGURE_STATED_TWICE.confirmed": (
        "Cùng một khoản được ghi hai số khác nhau: {stated} {unit} ở đây và {other} {unit} ở {where}; "
        "số {other} {unit} khớp với {above}, nên số ghi ở đây nhiều khả năng bị ghi sai."
    ),
    "RESULT_NO_UNIT": ("Kết quả {stated} không ghi đơn vị tiền; đã coi là {unit} theo thừa số tiền của dòng."),
    "NO_MONEY_FACTOR": (
        "Không thừa số nào mang đơn vị tiền; đã coi tích các thừa số có cùng đơn vị với kết quả ({unit})."
    ),
    "NUMBER_READ_BY_ARITHMETIC": (
        "Đọc “{text}” là {value} (không phải {preferred}) vì với cách đọc này mọi phép tính của dòng đều khớp."
    ),
    "NUMBER_TOO_LONG": "Số “{text}” có {digits} chữ số, quá dài để tính chính xác; số này không được kiểm tra.",
    "NESTING_TOO_DEEP": "Các mục lồng nhau quá {depth} cấp; các mục sâu hơn được coi là cùng cấp {depth}.",
    "TOTAL_STATED_TWICE": (
        "Tổng ghi hai lần với hai số khác nhau: trước ghi {first} {unit}, ở đây ghi {second} {unit}; "
        "không đối chiếu được cho đến khi thống nhất."
    ),
    "WORDS_MISMATCH": (
        "Số tiền bằng chữ “{words}” là {said} {unit}, nhưng số ghi bằng số là {figure} {unit}; "
        "hai cách ghi phải là một số."
    ),
    "LEGACY_CONVERTED": (
        "Dòng này gõ bằng phông chữ cũ {encoding} (hiện thành ký tự lạ); đã chuyển sang Unicode trước khi đọc."
    ),
    "LEGACY_UNCERTAIN": (
        "Dòng này có vẻ gõ bằng phông chữ cũ {encoding} nhưng không chuyển chắc chắn được; giữ nguyên, "
        "hãy chuyển mã văn bản sang Unicode (ví dụ bằng Unikey) rồi kiểm tra lại."
    ),
    "UNCHECKED_AMOUNT": (
        "Số tiền {value} {unit} không thuộc phép tính, tổng mục hay khoản nào đã đọc được; số này chưa được kiểm tra."
    ),
    "COSTLINE_UNREADABLE": (
        "Dòng có dạng phép tính (dấu nhân và dấu =) nhưng không đọc được “{text}”; dòng này không được kiểm tra."
    ),
    # tables
    "TABLE_ROW_NOT_CHECKED.missing": (
        "Dòng “{label}” của bảng thiếu thừa số (ô trống hoặc không xác định được cột); "
        "số tiền {value} {unit} không được kiểm tra phép nhân."
    ),
    "TABLE_ROW_NOT_CHECKED.range": (
        "Dòng “{label}” của bảng ghi một khoảng thay cho một số; số tiền {value} {unit} không được kiểm tra phép nhân."
    ),
    "TABLE_ROW_NOT_CHECKED.unclear": (
        "Dòng “{label}” của bảng có ô không đọc được thành một số (ghi kèm chữ hoặc nhiều mức); "
        "số tiền {value} {unit} không được kiểm tra phép nhân."
    ),
    "TABLE_ROW_NOT_CHECKED.share": (
        "Dòng “{label}” là một tỷ lệ trích nhưng không thấy tổng số để trích; "
        "số tiền {value} {unit} không được kiểm tra."
    ),
    "TABLE_CELLS_GLUED": (
        "Ô “{text}” có chữ dính liền với số, có thể hai ô của bảng bị dính vào nhau; "
        "không đoán, dòng này không được kiểm tra."
    ),
    "TABLE_SCALE_IMPLIED": (
        "Cột đơn giá không ghi đơn vị; {count} dòng chỉ khớp khi đọc đơn giá là {unit} (thành tiền là đồng), "
        "nên đã đọc như vậy."
    ),
    "TABLE_SCALE_MIXED": (
        "Cột số tiền không ghi đơn vị và ghi lẫn hai đơn vị: đọc {figures} là nghìn đồng, các số còn lại là đồng, "
        "thì tổng khớp; đã đọc như vậy."
    ),
    "TABLE_SHARES_NOT_100": "Các tỷ lệ trích cộng lại được {sum}%, không phải 100%.",
    "COUNT_SUM_MISMATCH": (
        "Số đếm không khớp: “{label}” ghi {stated}, nhưng cộng các số thành phần được {computed} "
        "(chênh lệch {difference})."
    ),
    "ROUNDED_MISMATCH": "Số làm tròn {stated} {unit} không phải là {exact} {unit} làm tròn.",
    "COUNT_SUM_NOT_CHECKED": (
        "Các tỷ lệ kê sau “{label}” cộng lại được {computed}%, không bằng {stated}%; tỷ lệ của từng nhóm có thể "
        "không cộng vào tỷ lệ chung, nên phép cộng này chưa được kiểm tra."
    ),
    "TABLE_COLUMN_PER_MONTH": (
        "Số {stated} {unit} đứng ở cột “{column}”, cột ghi số tiền mỗi tháng, trong khi công thức nhân {months} tháng."
    ),
    "TABLE_COUNT_PLACED.only": (
        "Dòng “{label}” chỉ ghi {count} số, không rõ thuộc cột nào; đã đặt vào cột {columns}, "
        "cách đặt duy nhất để các tổng theo cột đều khớp."
    ),
    "TABLE_COUNT_PLACED.best": (
        "Dòng “{label}” chỉ ghi {count} số, không rõ thuộc cột nào; đã đặt vào cột {columns}, "
        "cách đặt để nhiều tổng theo cột khớp nhất."
    ),
    "TABLE_DURATION_NOT_APPLIED": "Mức thu tính theo năm nên không nhân với số tháng “{text}” của cột thời gian.",
    "TABLE_VIEW.rows": "{title} (theo dòng)",
    "TABLE_VIEW.columns": "{title} (theo cột)",
    "TABLE_VIEW.column": "cột {n}",
    "TABLE_VIEW.total_column": "cột tổng cộng",
    "TABLE_VIEW.either": "{names} (một trong các cột)",
    "TABLE_VIEW.table": "Bảng {n}",
    "TABLE_VIEW.part": "Bảng {n}, phần {part}",
    "SPLIT_VIEW.inline": "Chia ghi ngay sau số tiền",
    "SPLIT_VIEW.items": "Chia theo các mục bên dưới",
    # units
    "UNIT_RESIDUAL": (
        "Đơn vị các thừa số không triệt tiêu hết thành {unit}: còn thừa “{residual}” (tích ra {product}). "
        "Hãy xem lại thừa số được chỉ dưới đây: có thể thiếu hoặc thừa một số đếm, hoặc ghi nhầm đơn vị."
    ),
    "UNIT_RESIDUAL.per": (
        "Đơn vị các thừa số chưa ra đúng {unit}: tích ra {product}, tức là còn tính theo mỗi {per}. "
        "Hãy kiểm tra xem có thiếu số {per} không, hoặc thừa số được chỉ dưới đây ghi nhầm đơn vị."
    ),
    "UNIT_RESIDUAL.extra": (
        "Đơn vị các thừa số chưa ra đúng {unit}: tích ra {product}, tức là còn dư đơn vị {extra}. "
        "Hãy kiểm tra xem số {extra} có bị nhân hai lần không, hoặc thừa số được chỉ dưới đây ghi nhầm đơn vị."
    ),
    "UNIT_RESIDUAL.both": (
        "Đơn vị các thừa số chưa ra đúng {unit}: tích ra {product}, tức là còn dư đơn vị {extra} và còn tính theo "
        "mỗi {per}. Hãy kiểm tra số {extra} và số {per} ở thừa số được chỉ dưới đây: có thể thiếu hoặc thừa một "
        "số đếm, hoặc ghi nhầm đơn vị."
    ),
    "UNIT_NOT_MONEY": ("Tích các thừa số có đơn vị {product}, không phải là tiền, nhưng kết quả ghi {unit}."),
    "UNIT_TIME_SCALE": (
        "Đơn vị thời gian lẫn lộn năm và tháng trong một chuỗi phép tính: theo đơn vị, tích các thừa số phải nhân "
        "thêm {factor} mới ra {unit}, nhưng văn bản không cho biết bước nào đã quy đổi; phép tính của dòng này chưa "
        "được kiểm tra."
    ),
    "NUMBER_UNIT_UNREADABLE": (
        "Số {text} đứng trước “{word}”: có thể là đơn vị tiền viết sai ({unit}); số này chưa được đọc, chưa kiểm tra."
    ),
    "UNIT_TIME_CONVERTED": (
        "Đơn vị có cả năm và tháng: tích các thừa số đã được nhân thêm {factor} (1 năm = 12 tháng) để ra {unit}."
    ),
    "CAUSE_TIME_UNIT": (
        "Chưa đổi tháng ra năm thì tích được đúng {stated} {unit}: có thể mức ghi theo năm mà thực ra theo tháng "
        "(hoặc ngược lại)."
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
    "XLSX_TOO_LARGE": "Bảng tính khi giải nén lớn {size} MB, vượt giới hạn {limit} MB; không đọc.",
    "XLSX_ZIP_BOMB": "Phần “{member}” giải nén lớn bất thường so với kích thước nén; tệp có thể độc hại, không đọc.",
    "XLSX_XML_DECLARATION": (
        "Phần “{member}” có khai báo DOCTYPE/ENTITY, điều Excel không bao giờ ghi; tệp có thể độc hại, không đọc."
    ),
    "XLSX_TOO_MANY_ROWS": (
        "Trang “{member}” khai báo {rows} dòng, vượt giới hạn 1.048.576 dòng của một trang tính; không đọc."
    ),
    # what workbooks say
    "XLSX_NOT_A_NUMBER": "Ô này phải là số nhưng có “{text}”; phép nhân của dòng này không được kiểm tra.",
    "XLSX_NUMBER_AS_TEXT": "Số “{text}” được nhập dưới dạng chữ; đã đọc như số.",
    "XLSX_NO_AMOUNT": "Dòng có thừa số nhưng không có thành tiền hay số ghi; dòng này không được kiểm tra.",
    "GRID_HIDDEN_ROW": "Dòng {row} đang bị ẩn trong bảng tính; số tiền của dòng này vẫn được đọc và kiểm tra.",
    "GRID_HIDDEN_SHEET": "Trang “{sheet}” đang bị ẩn trong bảng tính; các bảng của trang vẫn được đọc và kiểm tra.",
    "GRID_NO_AMOUNT_COLUMN": (
        "Bảng có các cột “{columns}” nhưng không có cột thành tiền (Thành tiền, Số tiền, Kinh phí …); "
        "các dòng của bảng không được kiểm tra."
    ),
    "XLSX_NOT_EVALUATED": (
        "{count} ô công thức của trang “{sheet}” chưa có giá trị lưu (tệp được lưu bởi chương trình "
        "không tính công thức), đầu tiên là {first}. Công cụ đã tự tính lại; mở và lưu bằng Excel "
        "hoặc LibreOffice để người xem thấy số."
    ),
    "XLSX_STALE_VALUE": (
        "Giá trị lưu trong ô là {stored} nhưng tính lại được {computed} {unit}: bảng tính chưa được "
        "tính lại sau khi sửa, người xem đang thấy số cũ."
    ),
    "XLSX_STALE_VALUE.plain": (
        "Giá trị lưu trong ô là {stored} nhưng tính lại được {computed}: bảng tính chưa được "
        "tính lại sau khi sửa, người xem đang thấy số cũ."
    ),
    "XLSX_FORMULA_NOT_EVALUATED": (
        "Ô công thức chưa có giá trị lưu và công cụ không tính lại được: {reason}{origin}. Ô này không "
        "được kiểm tra; mở và lưu bằng Excel hoặc LibreOffice để ô có giá trị."
    ),
    "XLSX_FORMULA_UNCHECKED": (
        "{count} ô công thức của trang “{sheet}” không tính lại được để đối chiếu với giá trị lưu, "
        "đầu tiên là {first} ({reason}{origin}); đã dùng giá trị lưu trong tệp."
    ),
    "FORMULA_ORIGIN": " (tại ô {cell})",
    "FORMULA_REASON.syntax": "không đọc được cú pháp công thức",
    "FORMULA_REASON.array": "công thức mảng, hoặc vùng nhiều ô đặt vào phép tính",
    "FORMULA_REASON.external": "tham chiếu tới tệp khác ({ref})",
    "FORMULA_REASON.reference": "kiểu tham chiếu chưa được hỗ trợ ({ref})",
    "FORMULA_REASON.name": "tên đặt “{name}” chưa được hỗ trợ",
    "FORMULA_REASON.function": "hàm {name} chưa được hỗ trợ",
    "FORMULA_REASON.arguments": "hàm {name} có số đối số không hợp lệ",
    "FORMULA_REASON.nesting": "công thức lồng quá 64 cấp",
    "FORMULA_REASON.circular": "tham chiếu vòng (qua ô {cell})",
    "FORMULA_REASON.text": "chữ “{text}” nằm trong phép tính",
    "FORMULA_REASON.date": "ngày tháng nằm trong phép tính",
    "FORMULA_REASON.value": "ô có giá trị không phải số hay chữ",
    "FORMULA_REASON.error": "công thức cho giá trị lỗi {value}",
    "FORMULA_REASON.too_large": "số quá lớn hoặc chuỗi công thức quá dài để tính chính xác",
    "FORMULA_REASON.approximate": "VLOOKUP dò gần đúng (không có đối số FALSE) chưa được hỗ trợ",
    "FORMULA_REASON.criterion": "điều kiện “{text}” của COUNTIF chưa được hỗ trợ",
    "FRACTION_OF_DONG": (
        "Số tiền {value} {unit} có phần lẻ {fraction} đồng, dưới một đồng; số tiền phải tròn đến đồng."
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
    "NUMBER_SETTLED.one": (
        "Số “{text}” viết theo cách có thể đọc hai nghĩa; đã đọc là {value} và phép tính dùng số này khớp đúng, "
        "nên cách đọc đã được xác nhận."
    ),
    "NUMBER_SETTLED.many": (
        "Số “{text}” và {others} số khác viết cùng cách có thể đọc hai nghĩa; đã đọc “{text}” là {value}, và "
        "mọi phép tính dùng các số này đều khớp đúng, nên cách đọc đã được xác nhận."
    ),
    # inputs that cannot be read (exit code 2)
    "INPUT_MISSING": "Không tìm thấy tệp.",
    "INPUT_NOT_FILE": "Đây không phải là một tệp.",
    "INPUT_UNREADABLE": "Không mở được tệp: {reason}.",
    "INPUT_EMPTY": "Tệp rỗng.",
    "INPUT_BINARY": "Tệp không phải văn bản (có byte nhị phân ở vị trí {offset}).",
    "INPUT_ENCODING": (
        "Tệp không phải văn bản UTF-8 hay UTF-16 (byte lạ ở vị trí {offset}); hãy lưu lại dưới dạng UTF-8."
    ),
    "INPUT_TOO_DEEP": (
        "Mục {number} lồng {depth} cấp, vượt giới hạn {limit} cấp; không đọc. Hãy kiểm tra lại cách đánh số mục."
    ),
    "XLSX_XML_GUARD_OFF": (
        "Lớp bảo vệ khi đọc XML của bảng tính đang bị tắt (biến môi trường OPENPYXL_DEFUSEDXML={value}, "
        "hoặc thiếu thư viện defusedxml); công cụ không đọc bảng tính khi đó. Hãy bỏ biến này "
        "(unset OPENPYXL_DEFUSEDXML) hoặc cài defusedxml rồi chạy lại."
    ),
    "XLSX_TOO_MANY_CELLS": (
        "Bảng tính có {cells} ô, vượt giới hạn {limit} ô; không đọc. Hãy tách thành nhiều tệp nhỏ hơn."
    ),
    "XLSX_TOO_WIDE": (
        "Trang “{member}” có ô ở tận cột {column}, dòng {row}: vùng {rows} dòng × {columns} cột vượt giới hạn "
        "{limit} ô; không đọc. Hãy xóa các ô thừa ở xa rồi lưu lại."
    ),
    "XLSX_BAD_REFERENCE": (
        "Phần “{member}” ghi địa chỉ ô một cách bất thường (“{text}”), điều Excel không bao giờ làm; "
        "tệp có thể độc hại, không đọc."
    ),
    "XLSX_MERGES_TOO_LARGE": (
        "Các vùng gộp ô của bảng tính phủ {cells} ô (tính đến vùng {range} của trang “{sheet}”), vượt giới hạn "
        "{limit} ô; tệp có thể bị hỏng hoặc cố ý làm sai, không đọc."
    ),
    "XLSX_SHARED_FORMULA_TOO_LARGE": (
        "Công thức dùng chung (shared formula) trải ra quá {limit} ký tự công thức (tính đến ô {cell} của trang "
        "“{sheet}”), quá nhiều so với kích thước tệp; tệp có thể bị hỏng hoặc cố ý làm sai, không đọc."
    ),
    "XLSX_REASON.bad_zip": "tệp nén zip bị hỏng",
    "XLSX_REASON.truncated": "tệp bị cắt cụt",
    "XLSX_REASON.bad_data": "dữ liệu nén bị hỏng (sai mã kiểm tra)",
    "XLSX_REASON.bad_xml": "nội dung XML không hợp lệ",
    "XLSX_REASON.missing_part": "thiếu một phần bắt buộc của bảng tính",
    "XLSX_REASON.os": "{reason}",
    "XLSX_REASON.other": "cấu trúc bảng tính không hợp lệ ({kind})",
    "XLSX_DATE_AS_NUMBER": (
        "Ô này phải là số nhưng chứa ngày tháng {date} (ô được định dạng ngày); ô này không được tính. "
        "Nếu đây là số, hãy đổi định dạng ô thành Số."
    ),
    "NUMBER_OUT_OF_RANGE": (
        "Số {text} nằm ngoài phạm vi công cụ tính chính xác được (nhỏ hơn 10^18 và không quá 18 chữ số "
        "sau dấu phẩy); ô này không được tính."
    ),
    "LINE_OUT_OF_RANGE": (
        "Tích các thừa số của dòng này vượt phạm vi công cụ tính chính xác được ({digits} chữ số); "
        "dòng này không được kiểm tra."
    ),
    "CSV_CONTROL_CHARACTER": "Ô có ký tự điều khiển không in được ({codes}); đã bỏ ký tự này khi đọc.",
    "CSV_BROKEN": "Tệp CSV không đọc được: {reason}.",
    "CSV_REASON.field_too_long": "có ô dài hơn {limit} ký tự",
    "CSV_REASON.other": "cấu trúc CSV không hợp lệ ({kind})",
    # documents: Word, PDF, LibreOffice formats that cannot be read (exit code 2)
    "DOCX_IS_DOC": (
        "Đây là tệp Word 97-2003 (.doc) hoặc tệp OLE khác mang đuôi .docx; hãy đổi đuôi thành .doc, "
        "hoặc mở bằng Word và lưu lại dưới dạng .docx."
    ),
    "DOCX_NOT_ZIP": "Tệp không phải văn bản Word .docx (không phải tệp nén zip); có thể tệp bị hỏng hoặc bị cắt cụt.",
    "DOCX_NOT_DOCX": "Tệp nén này không phải văn bản Word .docx (thiếu phần nội dung word/document.xml).",
    "DOCX_BROKEN": "Văn bản Word bị hỏng, không đọc được: {reason}.",
    "DOCX_TOO_LARGE": "Văn bản Word khi giải nén lớn {size} MB, vượt giới hạn {limit} MB; không đọc.",
    "DOCX_ZIP_BOMB": "Phần “{member}” giải nén lớn bất thường so với kích thước nén; tệp có thể độc hại, không đọc.",
    "DOCX_XML_DECLARATION": (
        "Phần “{member}” có khai báo DOCTYPE/ENTITY, điều Word không bao giờ ghi; tệp có thể độc hại, không đọc."
    ),
    "DOC_REASON.bad_zip": "tệp nén zip bị hỏng",
    "DOC_REASON.truncated": "tệp bị cắt cụt",
    "DOC_REASON.bad_data": "dữ liệu nén bị hỏng (sai mã kiểm tra)",
    "DOC_REASON.bad_xml": "nội dung XML không hợp lệ",
    "DOC_REASON.other": "cấu trúc tệp không hợp lệ ({kind})",
    "PDF_ENCRYPTED": (
        "Tệp PDF được bảo vệ bằng mật khẩu, công cụ không mở được; hãy dùng bản Word gốc, "
        "hoặc mở PDF bằng mật khẩu rồi lưu lại thành bản không có mật khẩu."
    ),
    "PDF_NO_TEXT": (
        "Tệp PDF không có lớp chữ ({pages} trang, không trang nào có ký tự): có lẽ là bản quét hoặc ảnh chụp. "
        "Công cụ không nhận dạng chữ (OCR); hãy dùng bản Word gốc hoặc PDF xuất từ Word."
    ),
    "PDF_NO_PAGES": "Tệp PDF không có trang nào.",
    "PDF_BROKEN": "Tệp không phải PDF hoặc PDF bị hỏng, không đọc được ({kind}).",
    "OFFICE_NO_SOFFICE": (
        "Để đọc tệp {suffix} cần LibreOffice (lệnh soffice) chuyển sang .docx, nhưng máy chưa cài LibreOffice; "
        "hãy cài (apt-get install libreoffice-writer) hoặc mở tệp bằng Word và lưu lại dưới dạng .docx."
    ),
    "OFFICE_CONVERT_FAILED": (
        "LibreOffice không chuyển được tệp {suffix} sang .docx ({reason}); tệp có thể bị hỏng hoặc có mật khẩu. "
        "Hãy mở tệp bằng Word và lưu lại dưới dạng .docx."
    ),
    "OFFICE_REASON.timeout": "quá {seconds} giây chưa xong",
    "OFFICE_REASON.exit": "LibreOffice dừng với mã {code}",
    "OFFICE_REASON.no_output": "không tạo ra tệp .docx nào",
    # outputs that must not be written (exit code 2)
    "INPUT_TIME_LIMIT": (
        "Việc kiểm tra văn bản vượt quá {seconds} giây và đã dừng tại đây; không có kết luận cho văn bản này "
        "(tăng --time-limit, hoặc gửi tệp cho người phát triển)."
    ),
    "DOCX_TABLE_TOO_WIDE": (
        "Một dòng của bảng khai báo {columns} cột, vượt giới hạn {limit} cột (Word cho tối đa 63); tệp có thể bị "
        "hỏng hoặc cố ý làm sai, không đọc."
    ),
    "DOCX_TABLE_TOO_LARGE": (
        "Bảng khai báo {positions} vị trí ô ({rows} dòng × {columns} cột) mà chỉ có {cells} ô, vượt giới hạn "
        "{limit} vị trí; tệp có thể bị hỏng hoặc cố ý làm sai, không đọc."
    ),
    "INPUT_PASSWORD": (
        "Tệp được bảo vệ bằng mật khẩu nên không đọc được; hãy mở tệp bằng mật khẩu, bỏ mật khẩu "
        "(Tệp → Thông tin → Bảo vệ) rồi lưu lại và kiểm tra tệp đó."
    ),
    "FOLDER_EMPTY": "Thư mục không có văn bản dự toán nào (tệp .txt, .docx, .pdf, .xlsx, .csv …).",
    "EXTRACT_NOT_TEXT": (
        "Đây là bảng tính hoặc CSV (số liệu), không phải văn bản kế hoạch: chỉ tiêu được tìm trong văn bản "
        "(.txt, .docx, .pdf). Để đánh giá chỉ tiêu theo bảng số liệu, dùng: indicators check CHỈ_TIÊU SỐ_LIỆU."
    ),
    "OUTPUT_IS_INPUT": "Tệp kết quả trùng với tệp đầu vào; hãy chọn tên khác.",
    "OUTPUT_EXISTS": "Tệp đã có; thêm --force để ghi đè.",
    "OUTPUT_STDOUT_FAILED": "Không ghi được kết quả ra đầu ra chuẩn ({reason}); kết quả chưa được ghi trọn.",
    "OUTPUT_NO_FOLDER": "Thư mục “{folder}” không tồn tại.",
    "OUTPUT_IS_FOLDER": "Đây là một thư mục, không phải tệp.",
    "OUTPUT_LOCKED": "Tệp đang được mở trong Excel (có tệp khóa “{lock}”); hãy đóng tệp rồi chạy lại.",
    "OUTPUT_UNWRITABLE": "Không ghi được tệp ({reason}); tệp cũ (nếu có) vẫn giữ nguyên.",
    "OUTPUT_NOT_REGULAR": (
        "Đây là {kind}, không phải tệp thường; công cụ không ghi vào đó, kể cả khi có --force. "
        "Hãy chọn một tên tệp khác."
    ),
    "OUTPUT_KIND.device": "một thiết bị (như /dev/null)",
    "OUTPUT_KIND.fifo": "một ống dẫn (FIFO)",
    "OUTPUT_KIND.socket": "một socket",
    "OUTPUT_KIND.other": "một loại tệp đặc biệt",
    "OUTPUT_LOCKED_LIBREOFFICE": (
        "Tệp đang được mở trong LibreOffice (có tệp khóa “{lock}”); hãy đóng tệp rồi chạy lại. "
        "Nếu không còn ai mở tệp, hãy xóa tệp khóa đó."
    ),
    "OUTPUT_CLAIMED": (
        "Trong lúc đang ghi, một lần chạy khác đã tạo tệp này; kết quả lần này không ghi đè lên. "
        "Thêm --force để ghi đè, hoặc chọn tên khác."
    ),
    "OUTPUT_INTERRUPTED": (
        "Đã dừng theo yêu cầu ({signal}) trong khi ghi; tệp kết quả chưa được ghi, tệp cũ (nếu có) "
        "vẫn giữ nguyên, không để lại tệp tạm."
    ),
    # the command line: argparse's words and errors, the commands' help
    "ARGS.usage": "cách dùng:",
    "ARGS.positionals": "đối số",
    "ARGS.options": "tùy chọn",
    "ARGS.help": "hiện hướng dẫn này rồi thoát",
    "ARGS.version": "hiện phiên bản của công cụ rồi thoát",
    "ARGS.bad": "{prog}: lệnh không hợp lệ: {message}",
    "ARGS.argument": "đối số {argument}: {message}",
    "ARGS.invalid_choice": "không có lựa chọn {value} (chọn một trong {choices})",
    "ARGS.required": "thiếu đối số bắt buộc: {names}",
    "ARGS.unrecognized": "không hiểu các đối số: {names}",
    "ARGS.expected_one": "cần đúng một giá trị",
    "ARGS.expected_at_most_one": "chỉ nhận nhiều nhất một giá trị",
    "ARGS.expected_at_least_one": "cần ít nhất một giá trị",
    "ARGS.invalid_value": "giá trị không hợp lệ (cần kiểu {type}): {value}",
    "ARGS.ambiguous": "tùy chọn {option} chưa rõ, có thể là {matches}",
    "ARGS.not_allowed": "không dùng cùng với đối số {names}",
    "ARGS.one_required": "cần một trong các đối số {names}",
    "ARGS.ignored_explicit": "giá trị {value} bị bỏ qua",
    "CLI.command": "LỆNH",
    "CLI.file": "TỆP",
    "CLI.lang": "ngôn ngữ của kết quả, trợ giúp và thông báo lỗi (mặc định: vi)",
    "CLI.indicators_lang": (
        "ngôn ngữ của trợ giúp và thông báo lỗi (mặc định: vi); kết quả đánh giá chỉ có bằng tiếng Việt"
    ),
    "CLI.force": "cho phép ghi đè tệp kết quả đã có",
    "CLI.budget": "Kiểm tra dự toán kinh phí trong kế hoạch, đề án.",
    "CLI.check": "kiểm tra từng phép nhân, tổng mục và tổng kinh phí",
    "CLI.check_file": (
        "văn bản kế hoạch (.txt, UTF-8 hoặc UTF-16), bảng dự toán (.xlsx, .csv); nhiều tệp, thư mục hoặc mẫu *.txt"
        " thì kiểm tra song song và tổng hợp các đơn vị"
    ),
    "CLI.format": "dạng kết quả (mặc định: text)",
    "CLI.xlsx": "ghi kết quả ra bảng tính Excel (công thức sống)",
    "CLI.html": "ghi báo cáo để in và ký (một trang HTML tự chứa)",
    "CLI.pdf": "ghi báo cáo ra PDF (in bằng Chromium không giao diện)",
    "CLI.strict_units": "coi đơn vị không triệt tiêu hết (còn dư) là lỗi thay vì cảnh báo",
    "CLI.time_limit": "giới hạn thời gian kiểm tra mỗi văn bản, tính bằng giây (mặc định: 600)",
    "CLI.seconds": "GIÂY",
    "CLI.manifest": "danh sách tệp cần kiểm tra (mỗi dòng một đường dẫn, hoặc CSV có cột path; '-' là đọc từ stdin)",
    "CLI.manifest_var": "DANH_SÁCH.csv",
    "CLI.jobs": "số tiến trình kiểm tra song song (mặc định: mọi lõi CPU)",
    "CLI.quiet": "không hiện thanh tiến độ",
    "CLI.template": "tạo bảng tính dự toán trống để cán bộ điền",
    "CLI.template_output": "tệp bảng tính sẽ tạo",
    "CLI.template_unit": "đơn vị tính của bảng (mặc định: triệu đồng)",
    "CLI.template_force": "cho phép ghi đè tệp đã có",
    "CLI.template_bad_unit": "{prog}: đơn vị tính không hợp lệ: {unit}",
    "CLI.template_done": "Đã tạo {out}: bảng dự toán trống, đơn vị {unit}.",
    "CLI.outputs_differ": "--xlsx, --html và --pdf phải ghi ra các tệp khác nhau",
    "CLI.jobs_positive": "--jobs phải là số nguyên dương",
    "CLI.no_input": "cần ít nhất một tệp, thư mục hoặc --manifest",
    "CLI.nothing_to_check": "{prog}: không có văn bản dự toán nào để kiểm tra (bỏ qua {skipped} tệp)",
    "CLI.batch_interrupted": "{prog}: đã dừng theo yêu cầu (Ctrl-C); kết quả trên chưa đầy đủ.",
    "CLI.indicators": "Đánh giá chỉ tiêu của kế hoạch theo số liệu thực tế.",
    "CLI.indicators_check": "đánh giá từng chỉ tiêu: đạt hay chưa, còn thiếu bao nhiêu, lộ trình",
    "CLI.targets_var": "CHỈ_TIÊU",
    "CLI.targets": "bảng chỉ tiêu (.csv hoặc .xlsx)",
    "CLI.data_var": "SỐ_LIỆU",
    "CLI.data": "số liệu thực tế (.csv hoặc .xlsx; dạng dài hoặc rộng)",
    "CLI.year_var": "NĂM",
    "CLI.as_of": "năm đánh giá (mặc định: năm mới nhất có số liệu)",
    "CLI.min_coverage": "tỷ lệ tối thiểu số đơn vị báo cáo để kết luận, từ 0 đến 1 (mặc định 0,8)",
    "CLI.expected_units": "số đơn vị phải báo cáo (mặc định: mọi đơn vị có trong số liệu ở bất kỳ năm nào)",
    "CLI.indicators_format": "dạng kết quả",
    "CLI.indicators_xlsx": "ghi kết quả ra bảng tính, có biểu đồ lộ trình",
    "CLI.indicators_measures": "tệp tên cột của đơn vị và chỉ số tương ứng (mỗi dòng: tên cột ; chỉ số)",
    "CLI.extract": "tìm các chỉ tiêu nêu trong văn bản kế hoạch",
    "CLI.extract_file": "văn bản kế hoạch (.txt)",
    "CLI.extract_output": "ghi bảng chỉ tiêu (.xlsx hoặc .csv)",
    "INTERRUPTED": "Đã dừng theo yêu cầu (Ctrl-C); chưa ghi tệp kết quả nào.",
    "INTERNAL_ERROR": (
        "lỗi nội bộ ({kind}): đây là lỗi của công cụ, không phải của tệp đầu vào. Xin gửi tệp đầu vào "
        "và dòng này cho người phát triển để sửa."
    ),
    "OS_REASON.ENOSPC": "ổ đĩa đã hết chỗ trống; hãy giải phóng dung lượng rồi chạy lại",
    "OS_REASON.EDQUOT": "đã dùng hết hạn mức dung lượng (quota) của tài khoản; hãy xóa bớt tệp rồi chạy lại",
    "OS_REASON.EFBIG": (
        "tệp vượt giới hạn kích thước cho phép (ulimit -f hoặc giới hạn của ổ đĩa); hãy nới giới hạn hoặc ghi ra ổ khác"
    ),
    "OS_REASON.EACCES": "không có quyền truy cập tệp hoặc thư mục này; hãy kiểm tra quyền hoặc chọn thư mục khác",
    "OS_REASON.EROFS": "ổ đĩa hoặc thư mục chỉ cho phép đọc; hãy chọn thư mục khác",
    "OS_REASON.ENAMETOOLONG": "tên tệp quá dài; hãy đặt tên ngắn hơn",
    "OS_REASON.EIO": "lỗi đọc ghi của thiết bị lưu trữ; hãy kiểm tra ổ đĩa rồi chạy lại",
    "OS_REASON.EBUSY": "tệp đang được chương trình khác sử dụng; hãy đóng chương trình đó rồi chạy lại",
    "OS_REASON.ELOOP": "đường dẫn có vòng lặp liên kết tượng trưng; hãy kiểm tra đường dẫn",
    "OS_REASON.ENOENT": "tệp hoặc thư mục không còn tồn tại; hãy kiểm tra đường dẫn",
    "OS_REASON.EMFILE": "đang mở quá nhiều tệp cùng lúc; hãy chạy lại",
    "OS_REASON.READ_ONLY": "tệp chỉ cho phép đọc; hãy bỏ thuộc tính chỉ đọc hoặc chọn tên khác",
    "OS_REASON.OTHER": "lỗi hệ thống {code}; hãy thử lại hoặc chọn thư mục khác",
    # indicators: the plan's task register (``indicators tasks``)
    "TASK_DEADLINE_UNREAD": "Nhiệm vụ {number}: hạn “{text}” không chỉ ra một ngày; hãy ghi hạn vào sổ theo dõi.",
    "TASK_NONE_FOUND": (
        "Không tìm thấy nhiệm vụ nào (bảng STT | Nội dung | Cơ quan chủ trì | Thời gian, "
        "hoặc dòng “Thời gian thực hiện: …”)."
    ),
    "TASK_REGISTER_NO_HEADER": (
        "Không có sheet “Nhiệm vụ” với các cột Nhiệm vụ, Hạn hoàn thành và Trạng thái; hãy dùng sổ do lệnh "
        "indicators tasks --xlsx tạo ra."
    ),
    "TASK_BAD_DATE": "Ô {column} ghi “{text}”, không phải là một ngày (ngày/tháng/năm).",
    "TASK_BAD_STATUS": "Trạng thái “{text}” không hợp lệ; dùng: Chưa thực hiện, Đang thực hiện, Hoàn thành.",
    "TASK_OVERDUE": "Nhiệm vụ {number} “{task}” quá hạn: hạn {due}, tính đến {as_of} trạng thái là “{status}”.",
    "TASKS.line_due": "hạn {due}",
    "TASKS.line_recurring": "thường xuyên, không có một hạn",
    "TASKS.line_unread": "chưa rõ hạn",
    "TASKS.line_lead": "chủ trì: {lead}",
    "TASKS.line_partners": "phối hợp: {partners}",
    "TASKS.found": "{count} nhiệm vụ: {dated} có hạn, {recurring} thường xuyên, {unread} chưa rõ hạn.",
    "TASKS.summary": (
        "Sổ nhiệm vụ tính đến {as_of}: {total} nhiệm vụ; {done} hoàn thành, {due} đến hạn trong tháng, "
        "{overdue} quá hạn, {upcoming} chưa đến hạn, {recurring} thường xuyên, {undated} chưa rõ hạn."
    ),
    "TASKS.summary_open": (
        "Sổ nhiệm vụ: {total} nhiệm vụ; {done} hoàn thành, {open} chưa hoàn thành "
        "({recurring} thường xuyên, {undated} chưa rõ hạn). Thêm --as-of để biết nhiệm vụ quá hạn."
    ),
    "TASKS.bad_as_of": "--as-of “{text}” không phải là tháng (YYYY-MM) hay ngày (YYYY-MM-DD).",
    "TASKS.as_of_needs_register": (
        "--as-of dùng khi đọc lại sổ nhiệm vụ đã điền (.xlsx), không dùng với văn bản kế hoạch."
    ),
    "TASKS.register_no_xlsx": "--xlsx ghi sổ nhiệm vụ từ văn bản kế hoạch; sổ đã điền chỉ được đọc lại.",
    "CLI.tasks": "lập sổ theo dõi nhiệm vụ của kế hoạch, hoặc đọc lại sổ đã điền",
    "CLI.tasks_file": "văn bản kế hoạch, hoặc sổ theo dõi nhiệm vụ (.xlsx) đã điền",
    "CLI.tasks_xlsx": "ghi sổ theo dõi nhiệm vụ (.xlsx) để cán bộ điền trạng thái",
    "CLI.tasks_as_of": "tháng (YYYY-MM) hoặc ngày (YYYY-MM-DD) đánh giá: nhiệm vụ quá hạn là lỗi",
    "CLI.month_var": "THÁNG",
    # indicators: targets and data
    "TABLE_EMPTY": "Bảng không có dòng nào.",
    "TARGET_BAD_KIND": (
        "Loại chỉ tiêu “{text}” không rõ; dùng: tối thiểu, tối đa, khoảng, cơ cấu, số lượng, xấp xỉ, mức thay đổi, "
        "từ mức gốc, xu hướng, xây mới."
    ),
    "TARGET_BAD_NUMBER": "Không đọc được số “{text}” của chỉ tiêu.",
    "TARGET_NO_DIRECTION": "Chỉ tiêu {id} không ghi chiều (tăng hoặc giảm) ở cột Chiều.",
    "TARGET_NO_BASELINE": "Chỉ tiêu {id} loại “từ mức gốc” không ghi giá trị gốc ở cột Giá trị gốc.",
    "TARGET_NO_BASE_YEAR": "Chỉ tiêu {id}: số liệu không có năm gốc {year}; không so sánh được với năm gốc.",
    "TARGET_BASELINE_DIFFERS": (
        "Chỉ tiêu {id}: kế hoạch ghi mức gốc năm {year} là {stated}{unit}, số liệu cho {value}{unit}; "
        "lộ trình tính theo số liệu."
    ),
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
    "DATA_ZERO_DENOMINATOR": (
        "Chỉ tiêu {id}: mẫu số của {unit} năm {year} bằng 0, không tính được tỷ lệ; dòng này không được tính vào tổng."
    ),
    "DATA_NUMERATOR_OVER": (
        "Chỉ tiêu {id}: tử số của {unit} năm {year} lớn hơn mẫu số, số liệu không thể đúng; "
        "dòng này không được tính vào tổng."
    ),
    "SPLIT_NOT_100": "Chỉ tiêu {id}: các phần của {unit} năm {year} cộng lại được {total}%, không phải 100%.",
    "DATA_MISSING_YEARS": "{unit} thiếu số liệu các năm {years}.",
    "DATA_SCHOOL_YEAR": ("Năm học “{text}” được tính là năm {year}, năm kết thúc năm học (như mọi năm học trong tệp)."),
    "DATA_UNIT_FROM_SHEET": (
        "Bảng không có cột Đơn vị: mọi số liệu của bảng được tính cho đơn vị “{unit}” (tên trang tính hoặc tên tệp)."
    ),
    "DATA_TOTAL_ROW": "Dòng “{text}” là dòng tổng của các đơn vị trong bảng; không tính thêm như một đơn vị.",
    "DATA_SHEET_SKIPPED": "Trang tính “{sheet}” không có bảng số liệu (không thấy dòng tiêu đề); bỏ qua.",
    "DATA_MEASURE_TWICE": (
        "Cột này và cột ở {first} cùng là chỉ số {measure}; không rõ cột nào đúng nên không dùng cột nào "
        "(đặt tên cột khác nhau, hoặc chỉ rõ bằng --measures)."
    ),
    "DATA_MEASURES_BAD_LINE": (
        "Dòng “{text}” của tệp tên cột không có dạng “tên cột ; chỉ số”; dòng này không được dùng."
    ),
    "DATA_MEASURE_UNMATCHED": (
        "“{name}” không ứng với chỉ số nào đã biết; số liệu của nó chỉ được dùng cho chỉ tiêu ghi đúng tên này "
        "(ghi tên cột và chỉ số vào tệp --measures nếu đây là một chỉ số của chỉ tiêu)."
    ),
    "TARGET_LOW_COVERAGE": (
        "Chỉ tiêu {id}: năm {year} chỉ {reported}/{expected} đơn vị báo cáo, dưới mức tối thiểu {minimum}% "
        "số đơn vị; không đủ số liệu để kết luận."
    ),
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
    # reports
    "VERDICT.ok": "KẾT QUẢ: KHỚP",
    "VERDICT.errors": "KẾT QUẢ: {errors} lỗi",
    "VERDICT.incomplete": "CHƯA KIỂM TRA HẾT: {unread} chưa được kiểm tra",
    "VERDICT.no_budget": "KHÔNG CÓ DỰ TOÁN ĐỂ KIỂM TRA",
    "VERDICT_DETAIL.ok": "Mọi phép nhân, tổng mục và tổng kinh phí đều khớp{tally}.",
    "VERDICT_DETAIL.ok_counts": (
        "Văn bản không có dự toán kinh phí; mọi số đếm mà bảng ghi là tổng của các số khác đều khớp{tally}."
    ),
    "VERDICT_DETAIL.ok_side": (
        "Văn bản không có dự toán kinh phí (tổng, mục); mọi phép tính văn bản ghi đều khớp{tally}."
    ),
    "VERDICT_DETAIL.ok_rounding": (
        "Mọi phép nhân khớp; {rounded} tổng chênh trong phạm vi làm tròn của các số ghi (xem cảnh báo), "
        "các tổng còn lại khớp{tally}."
    ),
    "VERDICT_DETAIL.errors": "Xem từng lỗi tại vị trí của nó{tally}.",
    "VERDICT_DETAIL.errors_unread": ("Ngoài ra {unread} chưa được kiểm tra{tally}. Xem từng lỗi tại vị trí của nó."),
    "VERDICT_DETAIL.incomplete": (
        "Phần đã kiểm tra không có lỗi{aside}, nhưng văn bản còn chỗ chưa đọc được nên chưa thể kết luận là khớp."
    ),
    "VERDICT_DETAIL.no_budget": (
        "Không tìm thấy dòng chi phí, mục có kinh phí hay tổng kinh phí trong văn bản{tally}."
    ),
    "UNREAD.amounts": "{count} số tiền",
    "TALLY.warnings": "{count} cảnh báo",
    "TALLY.notes": "{count} ghi chú",
    "TALLY.after": "; {list}",
    "TALLY.aside": " ({list})",
    "UNREAD.lines": "{count} dòng phép tính",
    "UNREAD.cells": "{count} ô công thức",
    "UNREAD.other": "{count} chỗ khác",
    "STATUS.ok": "Khớp",
    "STATUS.error": "Sai",
    "STATUS.inner": "Có khoản sai",
    "STATUS.none": "Không ghi",
    "STATUS.rounded": "Làm tròn",
    "SUM.section": "Tổng mục {number}",
    "SUM.total": "Tổng kinh phí",
    "SUM.alternative": "Mục {number}, cách chia {child}",
    "TARGET_STATUS.pending": "Chưa đánh giá: cần số liệu (lệnh indicators check)",
    "R.title": "BÁO CÁO KIỂM TRA DỰ TOÁN KINH PHÍ",
    "R.document": "Văn bản",
    "R.file": "Tệp",
    "R.number": "Số hiệu",
    "R.place": "Nơi ban hành",
    "R.date": "Ngày",
    "R.heading": "Phần dự toán",
    "R.checked_at": "Thời điểm kiểm tra",
    "R.tool": "Công cụ",
    "R.sha256": "Mã SHA-256 của tệp",
    "R.verdict": "Kết luận",
    "R.summary": "Tóm tắt",
    "R.lines": "Dòng chi phí",
    "R.sections": "Mục",
    "R.total_stated": "Tổng kinh phí ghi",
    "R.total_computed": "Cộng các mục",
    "R.total_recomputed": "Tính lại từ thừa số",
    "R.errors": "Lỗi",
    "R.warnings": "Cảnh báo",
    "R.notes": "Ghi chú",
    "R.amounts_found": "Số tiền tìm thấy",
    "R.amounts_checked": "Số tiền đã kiểm tra",
    "R.unit": "Đơn vị tính",
    "R.tree": "Dự toán theo mục",
    "R.col_number": "Mục",
    "R.col_label": "Nội dung",
    "R.col_where": "Vị trí",
    "R.col_stated": "Số ghi",
    "R.col_summed": "Cộng các khoản",
    "R.col_recomputed": "Tính lại từ thừa số",
    "R.col_difference": "Chênh lệch",
    "R.col_status": "Trạng thái",
    "R.col_unit": "Đơn vị",
    "R.total_row": "TỔNG KINH PHÍ",
    "R.line_at": "dòng {line}",
    "R.line_col_at": "dòng {line}, cột {col}",
    "R.not_stated": "không ghi",
    "R.sums": "Các phép cộng đã kiểm tra",
    "R.beside": "Phép tính kèm theo (số lượng, mức bình quân, ví dụ minh hoạ; đã kiểm tra, không cộng vào tổng)",
    "R.sum_kind": "Loại",
    "R.findings": "Các phát hiện",
    "R.no_findings": "Không có phát hiện nào.",
    "R.cause": "Nguyên nhân có thể",
    "R.targets": "Chỉ tiêu nêu trong văn bản",
    "R.no_targets": "Văn bản không nêu chỉ tiêu nào dạng số.",
    "R.target_id": "Mã",
    "R.target_kind": "Loại",
    "R.target_value": "Giá trị",
    "R.target_deadline": "Hạn",
    "R.target_subject": "Nội dung",
    "R.words": "Tổng kinh phí bằng chữ",
    "R.no_budget": "Không tìm thấy dự toán kinh phí trong văn bản.",
    "SIGN.place_date": "{place}, ngày ..... tháng ..... năm ..........",
    "SIGN.preparer": "NGƯỜI LẬP BIỂU",
    "SIGN.accountant": "KẾ TOÁN TRƯỞNG",
    "SIGN.head": "THỦ TRƯỞNG ĐƠN VỊ",
    "SIGN.hint": "(Ký, ghi rõ họ tên)",
    "SIGN.hint_seal": "(Ký, họ tên, đóng dấu)",
    "T.file": "Tệp: {file}",
    "T.stated": "ghi",
    "T.computed": "tính",
    "T.unit": "đơn vị",
    "T.total": "Tổng kinh phí",
    "T.not_stated": "không ghi",
    "T.line": "dòng {line}",
    "T.no_budget": "Không tìm thấy dự toán kinh phí (dòng chi phí, mục có kinh phí, tổng kinh phí) trong văn bản.",
    "T.no_budget_side": (
        "Văn bản không có dự toán kinh phí (tổng kinh phí, mục có kinh phí); {count} phép tính của văn bản "
        "được kiểm tra."
    ),
    "T.counts": "Số đếm bảng ghi là tổng của các số khác ({count}), đã đối chiếu:",
    "T.targets": "Chỉ tiêu nêu trong văn bản ({count}), để theo dõi bằng lệnh indicators check:",
    "T.summary": "Tóm tắt: {lines} dòng chi phí, {sections} mục",
    "T.summary_amounts": ", {found} số tiền tìm thấy ({checked} đã kiểm tra)",
    "T.summary_total": ", tổng kinh phí ghi {total} {unit}",
    "XL.words": "Bằng chữ: {words}",
    "XL.verdict_time": "Kiểm tra lúc {time} bằng {tool}.",
    "XL.findings_count": "{count} phát hiện",
    "XL.sources_title": "Nguồn dữ liệu của bảng tính",
    # the batch run (``budget check FOLDER`` or several files): its summary as text, JSON, workbook
    # and HTML page. A document's result in a word, and the documents counted by result
    "BATCH.verdict.ok": "khớp",
    "BATCH.verdict.no_budget": "không có dự toán",
    "BATCH.verdict.incomplete": "chưa kiểm tra hết",
    "BATCH.verdict.errors": "{errors} lỗi",
    "BATCH.verdict.unreadable": "không đọc được",
    "BATCH.verdict.internal_error": "lỗi nội bộ",
    "BATCH.count.ok": "{n} khớp",
    "BATCH.count.no_budget": "{n} không có dự toán",
    "BATCH.count.incomplete": "{n} chưa kiểm tra hết",
    "BATCH.count.errors": "{n} có lỗi",
    "BATCH.count.unreadable": "{n} không đọc được",
    "BATCH.count.internal_error": "{n} lỗi nội bộ",
    "BATCH.counts_none": "không có",
    "BATCH.counts_no_documents": "không có văn bản",
    "BATCH.verdict_of": "Kết quả: {verdict}",
    "BATCH.overall_counts": "Kết quả chung: {counts}",
    # the text summary, its columns (abbreviated to fit) and the lines under it
    "BATCH.summary": "Tổng hợp các đơn vị",
    "BATCH.summary_of": "Tổng hợp các đơn vị: {documents} văn bản",
    "BATCH.head.index": "STT",
    "BATCH.head.file": "Tệp",
    "BATCH.head.ident": "Số, ngày",
    "BATCH.head.lines": "Dòng",
    "BATCH.head.sections": "Mục",
    "BATCH.head.errors": "Lỗi",
    "BATCH.head.warnings": "C.báo",
    "BATCH.head.targets": "C.tiêu",
    "BATCH.head.stated": "Tổng ghi",
    "BATCH.head.computed": "Tổng tính",
    "BATCH.head.unit": "Đơn vị",
    "BATCH.head.verdict": "Kết quả",
    "BATCH.unreadable": "Không đọc được: {reason}",
    "BATCH.internal": "Lỗi nội bộ khi kiểm tra văn bản này (xin báo lỗi kèm tệp): {reason}",
    "BATCH.failed": "Không kiểm tra được {count} văn bản:",
    "BATCH.targets": "Chỉ tiêu đặt ra trong các văn bản: {targets} chỉ tiêu ở {documents} văn bản",
    "BATCH.skipped": "Bỏ qua {count} tệp không phải văn bản dự toán:",
    "BATCH.unit_total": "Cộng tổng kinh phí của {documents} văn bản ({unit}): tính {computed}; ghi {stated}{stating}.",
    "BATCH.unit_stating": " (ở {stating} văn bản có ghi tổng)",
    "BATCH.unit_total_unstated": (
        "Cộng tổng kinh phí của {documents} văn bản ({unit}): tính {computed}; không văn bản nào ghi tổng kinh phí."
    ),
    "BATCH.unit_words": "Bằng chữ: {words}.",
    "BATCH.overall": (
        "Kết quả chung: {documents} văn bản ({counts}); {lines} dòng chi phí, {errors} lỗi, {warnings} cảnh báo."
    ),
    # files a folder holds that are not checked, and documents that could not be
    "BATCH.skip.output": "tệp kết quả của lần chạy này",
    "BATCH.skip.lock": "tệp tạm hoặc tệp khoá của Excel",
    "BATCH.skip.hidden": "tệp ẩn",
    "BATCH.skip.kind": "loại tệp “{kind}” không đọc được",
    "BATCH.empty_folder": "Thư mục không có văn bản dự toán nào đọc được.",
    "BATCH.crashed": "tiến trình kiểm tra văn bản này bị dừng đột ngột (hết bộ nhớ?)",
    # the consolidated workbook: sheet names, column headers, the lines around its tables
    "BATCH.sheet.targets": "Chỉ tiêu các đơn vị",
    "BATCH.col.index": "STT",
    "BATCH.col.file": "Tệp",
    "BATCH.col.number": "Số văn bản",
    "BATCH.col.date": "Ngày",
    "BATCH.col.lines": "Số dòng chi phí",
    "BATCH.col.sections": "Số mục",
    "BATCH.col.errors": "Lỗi",
    "BATCH.col.warnings": "Cảnh báo",
    "BATCH.col.targets": "Chỉ tiêu",
    "BATCH.col.stated": "Tổng kinh phí ghi",
    "BATCH.col.computed": "Tổng cộng các mục",
    "BATCH.col.difference": "Chênh lệch (ghi − tính)",
    "BATCH.col.unit": "Đơn vị",
    "BATCH.col.verdict": "Kết quả",
    "BATCH.col.reason": "Lý do",
    "BATCH.col.detail": "Chi tiết",
    "BATCH.col.document": "STT văn bản",
    "BATCH.col.severity": "Mức độ",
    "BATCH.col.message": "Nội dung (→ nguyên nhân có thể)",
    "BATCH.col.code": "Mã",
    "BATCH.col.target": "Chỉ tiêu",
    "BATCH.col.share": "Cơ cấu",
    "BATCH.col.source": "Nguồn",
    "BATCH.xl.title": "TỔNG HỢP KIỂM TRA DỰ TOÁN: {documents} VĂN BẢN",
    "BATCH.xl.hint": "Bấm vào tên trang ở cột Chi tiết để xem từng văn bản.",
    "BATCH.xl.unit_total": "Cộng {documents} văn bản tính bằng {unit}{stating}",
    "BATCH.xl.unit_stating": " (tổng ghi: {stating} văn bản có ghi tổng)",
    "BATCH.xl.targets_title": "CHỈ TIÊU ĐẶT RA TRONG CÁC VĂN BẢN: {count} CHỈ TIÊU",
    "BATCH.no_targets": "Không văn bản nào đặt chỉ tiêu.",
    "BATCH.no_budget": "Không tìm thấy dự toán kinh phí trong văn bản.",
    # the HTML page
    "BATCH.html.title": "Tổng hợp kiểm tra dự toán: {documents} văn bản",
    "BATCH.html.checked": "Kiểm tra lúc {time} bằng {tool}",
    "BATCH.html.totals": "{lines} dòng chi phí, {errors} lỗi, {warnings} cảnh báo; {targets} chỉ tiêu.",
    "BATCH.html.targets": "Chỉ tiêu đặt ra trong các văn bản ({count})",
    # the progress bar of a long run: ``Đang kiểm tra ━━━ 3/40 văn bản 0:00:05 còn 0:01:02``
    "BATCH.progress.checking": "Đang kiểm tra",
    "BATCH.progress.documents": "văn bản",
    "BATCH.progress.left": "còn",
    "BATCH.progress.reading": "đang đọc {files}",
    # the workbook's sheet names and column headers: the same words as ``budget.layout``, by which
    # the reader finds the sheets and columns again
    "XL.SHEET.Tổng hợp": "Tổng hợp",
    "XL.SHEET.Chi tiết": "Chi tiết",
    "XL.SHEET.Kiểm tra": "Kiểm tra",
    "XL.SHEET.Nguồn": "Nguồn",
    "XL.SHEET.Đơn vị": "Đơn vị",
    "XL.SHEET.Chỉ tiêu": "Chỉ tiêu",
    "XL.title": "KIỂM TRA DỰ TOÁN KINH PHÍ",
    "XL.unit_line": "Đơn vị tính: {unit}",
    "XL.summary_headers": (
        "Mục|Nội dung|Kinh phí ghi trong văn bản|Cộng các khoản theo số ghi|Cộng các khoản tính lại "
        "từ thừa số|Chênh lệch (ghi − cộng)|Trạng thái|Số cộng lên mục trên"
    ),
    "XL.detail_headers": (
        "STT|Mục|Dòng trong văn bản|Nội dung|Thừa số {{k}}|Đơn vị {{k}}|Hệ số quy đổi|Thành tiền tính ({unit})"
        "|Số ghi trong văn bản ({unit})|Chênh lệch ({unit})|Trạng thái"
    ),
    "XL.finding_headers": "Mã|Mức độ|Vị trí|Đúng ra là|Văn bản ghi|Chênh lệch|Đơn vị|Nội dung|Nguyên nhân có thể",
    "XL.sources_headers": "Dòng trong Chi tiết|Vị trí trong tệp|Văn bản gốc",
    "XL.provenance": "Tệp đầu vào|SHA-256|Thời điểm kiểm tra|Công cụ",
    "XL.units_headers": "Cách viết|Lũy thừa của 10 (đồng)||Đơn vị gợi ý",
    "XL.template_title": "Dự toán kinh phí (mẫu để điền)",
    "XL.template_help": (
        "Đơn vị tính: {unit}. Điền mỗi khoản chi một dòng: số lượng, đơn giá, thời gian và đơn vị của từng "
        "số (ô nền vàng); không sửa các cột công thức (nền xám). Cần thêm dòng: chép dòng cuối xuống."
    ),
    "XL.hint_quantity": "Số lượng",
    "XL.hint_price": "Đơn giá",
    "XL.hint_time": "Thời gian",
    "XL.hint_other": "Thừa số khác (nếu có)",
    "REPORT_NO_CHROMIUM": (
        "Không tìm thấy trình duyệt Chromium để in báo cáo ra PDF; hãy cài gói chromium "
        "(apt-get install chromium) hoặc dùng --html rồi in từ trình duyệt."
    ),
    "REPORT_PDF_FAILED": "Chromium không in được báo cáo ra PDF: {reason}.",
    "REPORT_REASON.exit": "Chromium dừng với mã {code} mà không tạo ra tệp PDF",
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
    "CAUSE_OTHER_BREAKDOWN": (
        "Cách chia còn lại cộng đúng {stated} {unit}: nhiều khả năng một khoản của cách chia này ghi sai "
        "(cộng được {computed} {unit})."
    ),
    "CAUSE_TRANSPOSED": "Có thể hai chữ số bị đảo ({digits}): {stated} thay vì {computed} {unit}.",
    "CAUSE_SCALE_SLIP": (
        "Có thể nhầm dấu thập phân hoặc đơn vị: ghi {stated} {unit}, gấp {ratio} lần số tính được {computed} {unit}."
    ),
    "CAUSE_PART_LEFT_OUT": (
        "Có thể bỏ sót {part}: {value} {unit}; cộng các khoản trừ khoản này được đúng {stated} {unit}."
    ),
    "CAUSE_PART_TWICE": ("Có thể {part} bị cộng hai lần: {computed} + {value} = {stated} {unit}."),
    "CAUSE_LUMP_FIGURE": (
        "Tổng mục khớp với cấp trên và các phép tính bên trong đều đúng; số duy nhất không có phép tính là "
        "{part} ({stated} {unit}), nhiều khả năng ghi sai: cần {computed} {unit} thì cộng các khoản khớp."
    ),
    "CAUSE_PART_TRANSPOSED": (
        "Có thể hai chữ số của {part} bị đảo ({digits}): ghi {stated} thay vì {computed} {unit}; "
        "với {computed} {unit} thì cộng các khoản khớp."
    ),
    "CAUSE_PART_SCALE_SLIP": (
        "Có thể {part} bị ghi lệch dấu thập phân: {stated} thay vì {computed} {unit}; với {computed} {unit} thì "
        "cộng các khoản khớp."
    ),
    "CAUSE_MONTHLY_FOR_YEARLY": (
        "Có thể ghi số của một tháng thay vì cả kỳ: {computed} {unit} chia {months} được đúng {stated} {unit}."
    ),
    "CAUSE_SUBSET": "Có thể tổng chỉ tính một phần các khoản: bỏ {parts} thì cộng được đúng {stated} {unit}.",
    "PART_LINE": "dòng {line} ({label})",
    "PART_SECTION": "mục {number}",
    "PARTS_AND": "{first} và {second}",
    "PARTS_COMMA": "{first}, {second}",
    # where things are, used inside other messages
    "PARENT_SECTION": "tổng mục {number}",
    "PARENT_TOTAL": "tổng kinh phí",
    "PARENT_NEXT_STEP": "bước sau của chuỗi phép tính",
    # a verdict only from a complete reading (stated figures nothing checks, unread numbers)
    "UNCHECKED_AMOUNT.stated_only": (
        "Số tiền {value} {unit} chỉ được ghi: không có phép tính, tổng hay số tiền bằng chữ nào để đối chiếu; "
        "số này chưa được kiểm tra."
    ),
    "STATUS.stated": "Chỉ ghi, không tính",
    "UNREAD.numbers": "{count} số không đọc được",
    "VERDICT.incomplete_nothing": "CHƯA KIỂM TRA HẾT: không có phép tính nào để kiểm tra",
    "VERDICT_DETAIL.nothing_checked": (
        "Không có phép nhân, tổng hay số tiền bằng chữ nào để đối chiếu{aside}, nên chưa thể kết luận là khớp."
    ),
    # grammar of written arithmetic (budget/grammar)
    "NUMBER_AMBIGUOUS.spaced_comma": "Số “{text}” có dấu cách sau dấu phẩy thập phân; đã đọc là {value}.",
    "PRODUCT_ROUNDING": (
        "Phép tính {computation} = {computed} {unit}; văn bản ghi {stated} {unit} (chênh {difference} {unit}), "
        "trong phạm vi làm tròn ± {slack} {unit} của chữ số cuối được ghi; không phải lỗi nếu kết quả được làm tròn."
    ),
    "COSTLINE_LOOSE": (
        "Phép tính {computation} = {computed} {unit} không khớp với {stated} {unit} ghi trong văn bản, nhưng câu còn "
        "số “{text}” chưa rõ có phải là một thừa số hay không; dòng này chưa được kiểm tra."
    ),
    # words-totals: amounts in words, thresholds and example figures, computations after a running total
    "WORDS_UNREADABLE": (
        "Số tiền bằng chữ “{words}” không đọc được thành một số duy nhất (cách nói tắt có hai nghĩa hoặc "
        "viết sai); chưa đối chiếu được với số ghi bằng số."
    ),
    "WORDS_NOT_CHECKED": (
        "Số tiền bằng chữ “{words}” ({said} đồng) không có số ghi bằng số đứng cạnh; chưa đối chiếu được."
    ),
    "LEGAL_FIGURES_SKIPPED": (
        "{count} số tiền là ngưỡng hoặc mức giới hạn trong quy định (“từ ... trở lên”, “không quá”, “tối đa”...) "
        "hoặc số trong ví dụ minh hoạ; đó không phải khoản chi nên không cộng vào tổng và không tính là "
        "chưa kiểm tra."
    ),
    "PARTS_AFTER_TOTAL": (
        "Mục {number} ghi “Tổng cộng” {stated} {unit} rồi còn phép tính sau đó; các phép tính sau được kiểm tra "
        "riêng, không cộng vào tổng {stated} {unit} của mục."
    ),
    "PARTS_AFTER_TOTAL.text": (
        "Văn bản ghi “Tổng cộng” {stated} {unit} rồi còn phép tính sau đó trong cùng đoạn; các phép tính sau được "
        "kiểm tra riêng, không cộng vào tổng {stated} {unit}."
    ),
    # tables as officers lay them out (group rows, label notes, amounts in words under a table)
    "TABLE_LABEL_PRODUCT": (
        "Nội dung ghi “{text}” = {value}, không khớp với số nào của các cột ({figures}); "
        "thành tiền vẫn tính theo các cột, phần ghi trong nội dung chỉ là chú thích."
    ),
    "TABLE_WORDS_NOT_CHECKED": (
        "Số tiền bằng chữ “{text}” dưới bảng chưa được đối chiếu: bảng không ghi tổng và có dòng không ghi số tiền."
    ),
    "TABLE_NOT_CHECKED": (
        "Bảng ở dòng {first}–{last} có tiêu đề gộp ô, hẹp hơn các dòng số liệu: không xác định được số nào thuộc cột "
        "nào, bảng này chưa được kiểm tra."
    ),
    "TABLE_CELLS_NOT_CHECKED": (
        "Các dòng {first}–{last} có {count} số đứng riêng từng dòng (như các ô của một bảng) nhưng không đọc "
        "được thành bảng: các số này chưa được kiểm tra."
    ),
    "TABLE_COMPARISON_MISMATCH": (
        "Dòng “{label}”, cột “{column}”: ghi {stated}, nhưng phép so sánh mà mọi dòng khác của cột khớp cho {computed}."
    ),
    "TABLE_COMPARISON_MISMATCH.ratio": (
        "Dòng “{label}”, cột “{column}”: ghi {stated}%, nhưng tỷ lệ giữa hai cột số tiền (mọi dòng khác của "
        "cột đều theo tỷ lệ này) là {computed}%."
    ),
    "TABLE_COMPARISON_MISMATCH.difference": (
        "Dòng “{label}”, cột “{column}”: ghi {stated} {unit}, nhưng chênh lệch giữa hai cột số tiền (mọi dòng "
        "khác của cột đều theo chênh lệch này) là {computed} {unit}."
    ),
    "TABLE_COMPARISON_MISMATCH.share": (
        "Dòng “{label}”, cột “{column}”: ghi {stated}%, nhưng tỷ trọng của dòng trong tổng (mọi dòng khác của "
        "cột đều theo tỷ trọng này) là {computed}%."
    ),
    "TABLE_COMPARISON_NOT_CHECKED": (
        "Cột “{column}” so sánh các cột số tiền, nhưng không phép so sánh nào (tỷ lệ, chênh lệch, tỷ trọng "
        "trong tổng) khớp với các dòng của cột: các số của cột này chưa được kiểm tra."
    ),
    "TABLE_PART_EXCEEDS_WHOLE": (
        "Dòng “{label}” ghi {part} {unit}, lớn hơn cả dòng “{parent}” ({whole} {unit}) mà nó là một phần "
        "(trong đó): phần không thể lớn hơn tổng."
    ),
    "CHAIN_RESTATED": (
        "Các vế của “{text}” là những cách tính lại cùng một kết quả (không phải các bước nối tiếp): "
        "mỗi vế được đối chiếu riêng với kết quả."
    ),
    "TABLE_SUM_NOT_CHECKED": (
        "Dòng “{label}” có các dòng con nhưng không cột nào cộng đúng bằng nó (có thể chỉ liệt kê một phần, "
        "hoặc chia theo hai cách); tổng này chưa được kiểm tra."
    ),
    "TABLE_SUM_NOT_CHECKED.row": (
        "Dòng “{label}” có ít ô hơn các dòng khác của bảng (ô gộp): không biết số nào thuộc cột nào, "
        "dòng này chưa được kiểm tra."
    ),
    "TABLE_SUM_NOT_CHECKED.cell": (
        "Ô “{cell}” của dòng “{label}” (cột “{column}”) không đọc được thành một số: tổng mà ô này là một "
        "phần chưa được kiểm tra."
    ),
    "TABLE_COLUMN_NOT_CHECKED": (
        "Cột “{column}” không phải cột cộng dồn (phần lớn các dòng tổng không bằng tổng các dòng con): "
        "các số của cột này chưa được kiểm tra."
    ),
    "TABLE_COLUMN_NOT_CHECKED.cell": (
        "Cột “{column}” có ô “{cell}” không đọc được thành số: tổng nào có ô này chưa được kiểm tra."
    ),
    "TABLE_COLUMN_NOT_CHECKED.beside": (
        "Cột “{column}” đứng sau cột thành tiền và không phép tính nào dùng các số của nó: "
        "các số của cột này chưa được kiểm tra."
    ),
    "TABLE_COLUMN_NOT_CHECKED.untotalled": (
        "Cột “{column}” không có dòng tổng nào cộng nó và không phép tính nào dùng các số của nó: "
        "các số của cột này chưa được kiểm tra."
    ),
    "TABLE_ROW_NOT_CHECKED.across": (
        "Dòng “{label}” của bảng ghi số không khớp với một cột tổng và các cột thành phần (ô trống không thấy được); "
        "số {value} {unit} không được kiểm tra phép cộng."
    ),
    "TABLE_ROW_NOT_CHECKED.spare": (
        "Dòng “{label}” của bảng có số ở cột không rõ vai trò trong phép nhân (như Số điểm, Tần suất); "
        "số tiền {value} {unit} không được kiểm tra phép nhân."
    ),
}


# English texts (``--lang en``), by the same codes; a code missing here falls back to Vietnamese.
SEVERITY_EN = {"error": "error", "warning": "warning", "info": "note"}

TEMPLATES_EN: Mapping[str, str] = {
    # ---- targets read from a plan's text: their kind, why they were read so, how sure
    "TARGET_KIND.minimum": "at least",
    "TARGET_KIND.maximum": "at most",
    "TARGET_KIND.range": "range",
    "TARGET_KIND.split": "split",
    "TARGET_KIND.count": "count",
    "TARGET_KIND.approximate": "about",
    "TARGET_KIND.change": "change",
    "TARGET_KIND.from_to": "from baseline",
    "TARGET_KIND.direction": "direction",
    "TARGET_KIND.build": "to build",
    "TARGET_CONFIDENCE.high": "high",
    "TARGET_CONFIDENCE.medium": "medium",
    "TARGET_WHY.split": "the parts add up to 100%",
    "TARGET_WHY.range": "a range A - B%",
    "TARGET_WHY.count_range": "from A to B {noun}",
    "TARGET_WHY.count_about": "“{word}” and a number of {noun}",
    "TARGET_WHY.maximum": "“tối đa/không quá” (at most) N%",
    "TARGET_WHY.minimum": "“tối thiểu/ít nhất/trở lên” (at least) N%",
    "TARGET_WHY.reached": "“đạt” (reached) N%",
    "TARGET_WHY.bare": "N% of a group, with no word for a minimum",
    "TARGET_WHY.approximate": "“khoảng” (about) N: a band of ± {band} (half the rounding of the stated figure)",
    "TARGET_WHY.change": "“{word}” N% against a base year or each year: a change, not a level",
    "TARGET_WHY.from_to": "“từ A … lên/xuống B” (from A to B): the level B, with the baseline A",
    "TARGET_WHY.direction": "“{word}” with no figure: judged by the trend only",
    "TARGET_WHY.ratio": "“{word}” N {unit}: a ratio of two measures",
    "TARGET_WHY.build": "“{verb}” (build) N {noun}: counted up to the deadline",
    "TARGET_LINE.deadline": ", by {year}",
    "TARGET_LINE.period_deadline": ", by {year} (the end of the plan's period)",
    "TARGET_LINE.per_year": " a year",
    "TARGET_LINE.base_year": ", against {year}",
    "TARGET_LINE.baseline": ", from {value} in {year}",
    "TARGET_LINE.baseline_no_year": ", from {value}",
    "TARGET_LINE.up": "up",
    "TARGET_LINE.down": "down",
    "TARGET_LINE.found": "{count:target|targets} found.",
    # arithmetic
    "PRODUCT_MISMATCH": (
        "Product does not match: {computation} = {computed} {unit}, but the document states "
        "{stated} {unit} (difference {difference} {unit})."
    ),
    "PRODUCT_MISMATCH.group": (
        "Computation does not match: {computation} = {computed} {unit}, but the document states "
        "{stated} {unit} (difference {difference} {unit})."
    ),
    "PRODUCT_MISMATCH.split": (
        "The parts written in brackets add up to {computed} {unit}, but the figure they split states "
        "{stated} {unit} (difference {difference} {unit})."
    ),
    "SECTION_SUM_MISMATCH": (
        "Section {number}: its items add up to {computed} {unit}, but the section states "
        "{stated} {unit} (difference {difference} {unit})."
    ),
    "TOTAL_MISMATCH": (
        "The grand total states {stated} {unit}, but the sections add up to {computed} {unit} "
        "(difference {difference} {unit})."
    ),
    "SECTION_NO_AMOUNT": "Section {number} states no amount and has no cost line; it is not counted as 0.",
    "TOTAL_MISSING": "No grand total found; the sections add up to {computed} {unit}.",
    "SECTION_SUM_ROUNDING": (
        "Section {number}: its items add up to {computed} {unit}, the section states {stated} {unit} "
        "(difference {difference} {unit}), within the ± {slack} {unit} rounding {rounded}; not an addition "
        "error if the figures were rounded."
    ),
    "TOTAL_ROUNDING": (
        "The grand total states {stated} {unit}, the sections add up to {computed} {unit} (difference "
        "{difference} {unit}), within the ± {slack} {unit} rounding {rounded}; not an addition error if the "
        "figures were rounded."
    ),
    "SUM_ROUNDING_NOT_CHECKED": (
        "The items add up to {computed} {unit}, the figure states {stated} {unit} (difference {difference} {unit}); "
        "not checked."
    ),
    "SUM_ROUNDING_NOT_CHECKED.section": (
        "Section {number}: its items add up to {computed} {unit}, the section states {stated} {unit} (difference "
        "{difference} {unit}); they agree only if the figures were rounded to fewer than three significant digits "
        "(± {slack} {unit}; rounding to three explains only ± {cap} {unit}), which budgets seldom are: a figure "
        "may be wrong, not concluded."
    ),
    "SUM_ROUNDING_NOT_CHECKED.total": (
        "The grand total states {stated} {unit}, the sections add up to {computed} {unit} (difference "
        "{difference} {unit}); they agree only if the figures were rounded to fewer than three significant digits "
        "(± {slack} {unit}; rounding to three explains only ± {cap} {unit}), which budgets seldom are: a figure "
        "may be wrong, not concluded."
    ),
    "ROUNDED_PARTS.some": "of the stated figure and {count:rounded item|rounded items}",
    "ROUNDED_PARTS.own": "of the stated figure itself",
    "TABLE_ROW_NO_AMOUNT": "Table row “{label}” has factors but an empty amount cell; it was not checked.",
    "NUMBER.percent": "{value}%",
    "NUMBER.time_scale": "{factor} (1 year = 12 months)",
    "BRACKET_IMPLIED": (
        "The computation lacks the opening bracket “(” of its closing one “)”: read with the bracket opened "
        "at its first number, and read so it agrees with the stated figure."
    ),
    "NUMBER.measure_scale": "{factor} (converting units of measure: {units})",
    "SHARE_MISMATCH": (
        "Item “{title}” states {stated} {unit}, but {rate}% of the other items ({base} {unit}) is {computed} {unit}."
    ),
    "SHARE_MISMATCH.parent": (
        "Item “{title}” states {stated} {unit}, but {rate}% of the amount stated above it ({base} {unit}) is "
        "{computed} {unit}."
    ),
    "SHARE_MISMATCH.rate": (
        "Item “{title}” states {stated} {unit} and a share of {rate}%, but {stated} {unit} of the whole "
        "{base} {unit} is {computed}%."
    ),
    "SHARE_NOT_CHECKED": (
        "The rates written after the items' amounts add up to {sum}%, not 100%: they may compare with a figure "
        "the text does not give (an estimate, last year), or one of them may be wrong; these rates were not checked."
    ),
    "SHARE_NOT_CHECKED.split": (
        "The rates written for each source of funds add up to {sum}%, not 100%: one of them may be wrong, or they "
        "do not split the same amount; these rates were not checked."
    ),
    "BALANCE_DIFFERS": (
        "Total spending of {subject} is {spending} {unit}, not the total revenue {revenue} {unit} (difference "
        "{difference} {unit}); an adopted budget is normally balanced: check whether a deficit or surplus is stated."
    ),
    "SUM.balance": "Revenue and spending of {subject}",
    "FIGURE_STATED_TWICE": (
        "The same amount is stated twice with different figures: {stated} {unit} here and {other} {unit} at "
        "{where}; which one is right is not guessed, compare the two places."
    ),
    "FIGURE_STATED_TWICE.confirmed": (
        "The same amount is stated twice with different figures: {stated} {unit} here and {other} {unit} at "
        "{where}; {other} {unit} agrees with {above}, so the figure here is the likely slip."
    ),
    "RESULT_NO_UNIT": "The result {stated} has no money unit; taken as {unit}, the unit of the line's money factor.",
    "NO_MONEY_FACTOR": "No factor carries a money unit; the product was taken in the result's unit ({unit}).",
    "NUMBER_READ_BY_ARITHMETIC": (
        "Read “{text}” as {value} (not {preferred}) because under this reading every step of the line agrees."
    ),
    "NUMBER_TOO_LONG": "The number “{text}” has {digits} digits, too long to compute exactly; it was not checked.",
    "NESTING_TOO_DEEP": "Items are nested more than {depth} levels deep; deeper items are taken at level {depth}.",
    "TOTAL_STATED_TWICE": (
        "The total is stated twice with two figures: {first} {unit} before, {second} {unit} here; "
        "it cannot be checked until they agree."
    ),
    "WORDS_MISMATCH": (
        "The amount in words “{words}” is {said} {unit}, but the figure in digits is {figure} {unit}; "
        "both must be one amount."
    ),
    "LEGACY_CONVERTED": (
        "This line was typed in the legacy {encoding} font (it shows as odd characters); "
        "converted to Unicode before reading."
    ),
    "LEGACY_UNCERTAIN": (
        "This line looks typed in the legacy {encoding} font but cannot be converted with certainty; left as it is: "
        "convert the text to Unicode (e.g. with Unikey) and check again."
    ),
    "UNCHECKED_AMOUNT": (
        "The amount {value} {unit} belongs to no computation, section or item that was read; it was not checked."
    ),
    "COSTLINE_UNREADABLE": (
        "The line looks like a computation (a multiplication sign and =) but “{text}” could not be read; "
        "the line was not checked."
    ),
    "COUNT_SUM_MISMATCH": (
        "Counts do not add up: “{label}” states {stated}, but its parts add up to {computed} (difference {difference})."
    ),
    "ROUNDED_MISMATCH": "The rounded figure {stated} {unit} is not {exact} {unit} rounded.",
    "COUNT_SUM_NOT_CHECKED": (
        "The percentages listed after “{label}” add up to {computed}%, not {stated}%; the rates of groups may not add "
        "up to the overall rate, so this sum was not checked."
    ),
    "TABLE_COLUMN_PER_MONTH": (
        "The figure {stated} {unit} stands in the column “{column}”, a per-month amount, while the formula "
        "multiplies by {months:month|months}."
    ),
    "TABLE_COUNT_PLACED.only": (
        "The row “{label}” writes only {count:figure|figures}, in no stated column; placed in {columns}, "
        "the only placement under which every column total agrees."
    ),
    "TABLE_COUNT_PLACED.best": (
        "The row “{label}” writes only {count:figure|figures}, in no stated column; placed in {columns}, "
        "the placement under which most column totals agree."
    ),
    "TABLE_CELLS_GLUED": (
        "The cell “{text}” has letters stuck to a number: two cells of the table may have run together; "
        "not guessed, the row was not checked."
    ),
    "TABLE_SCALE_IMPLIED": (
        "The unit price column states no unit; {count:row agrees|rows agree} only when the unit price is read "
        "in {unit} (the amounts in đồng), so it was read that way."
    ),
    "TABLE_SCALE_MIXED": (
        "The amount column states no unit and mixes two units: reading {figures} as thousand đồng and the "
        "other figures as đồng makes the totals agree; they were read that way."
    ),
    "TABLE_SHARES_NOT_100": "The allocation rates add up to {sum}%, not 100%.",
    "TABLE_DURATION_NOT_APPLIED": (
        "The rate is per year, so it is not multiplied by the “{text}” months of the time column."
    ),
    "TABLE_VIEW.rows": "{title} (by rows)",
    "TABLE_VIEW.columns": "{title} (by columns)",
    "TABLE_VIEW.column": "column {n}",
    "TABLE_VIEW.total_column": "total column",
    "TABLE_VIEW.either": "{names} (one of these columns)",
    "TABLE_VIEW.table": "Table {n}",
    "TABLE_VIEW.part": "Table {n}, part {part}",
    "SPLIT_VIEW.inline": "Split given with the amount",
    "SPLIT_VIEW.items": "Split by the items below",
    # units
    "UNIT_RESIDUAL": (
        "The factors' units do not cancel to {unit}: “{residual}” is left over (the product is in {product}). "
        "Look at the factor named below: a count may be missing or extra, or a unit written wrong."
    ),
    "UNIT_RESIDUAL.per": (
        "The factors' units do not come to {unit}: the product is in {product}, still per {per}. Check whether "
        "the number of {per} is missing, or the unit of the factor named below is written wrong."
    ),
    "UNIT_RESIDUAL.extra": (
        "The factors' units do not come to {unit}: the product is in {product}, with {extra} left over. Check "
        "whether the {extra} are counted twice, or the unit of the factor named below is written wrong."
    ),
    "UNIT_RESIDUAL.both": (
        "The factors' units do not come to {unit}: the product is in {product}, with {extra} left over and "
        "still per {per}. Check the {extra} and the {per} of the factor named below: a count may be missing or "
        "extra, or a unit written wrong."
    ),
    "UNIT_NOT_MONEY": "The product of the factors is in {product}, not money, but the result is stated in {unit}.",
    "UNIT_TIME_SCALE": (
        "Years and months are mixed in a chain of computations: by their units the product must be multiplied by "
        "{factor} to give {unit}, but the text does not say which step converted; the line's computation is not "
        "checked."
    ),
    "NUMBER_UNIT_UNREADABLE": (
        "The figure {text} stands before “{word}”, perhaps a misspelt money unit ({unit}); it was not read or checked."
    ),
    "UNIT_TIME_CONVERTED": (
        "Years and months are mixed: the product was multiplied by {factor} (1 year = 12 months) to give {unit}."
    ),
    "CAUSE_TIME_UNIT": (
        "Without converting months to years the product is exactly {stated} {unit}: the rate may be per month where "
        "it says per year (or the reverse)."
    ),
    "UNIT_NEW_COUNT": "The unit “{word}” is not in the list; it was taken as a new kind of count.",
    "CAUSE_UNIT_FACTOR": "Factors that may cause it: {factors}.",
    # workbooks that cannot be read
    "XLSX_IS_XLS": "This is an Excel 97-2003 (.xls) or other OLE file, not .xlsx; open it in Excel and save as .xlsx.",
    "XLSX_NOT_ZIP": "The file is not an .xlsx workbook (not a zip file); it may be damaged or truncated.",
    "XLSX_NOT_XLSX": "This zip file is not an .xlsx workbook (the Excel parts are missing).",
    "XLSX_BROKEN": "The workbook is damaged and cannot be read: {reason}.",
    "XLSX_TOO_LARGE": "The workbook unpacks to {size} MB, over the {limit} MB limit; not read.",
    "XLSX_ZIP_BOMB": "The part “{member}” unpacks to an abnormal size; the file may be hostile and was not read.",
    "XLSX_XML_DECLARATION": (
        "The part “{member}” declares a DOCTYPE/ENTITY, which Excel never writes; the file may be hostile "
        "and was not read."
    ),
    "XLSX_TOO_MANY_ROWS": "The sheet “{member}” declares {rows} rows, over the 1,048,576 rows a sheet holds; not read.",
    "XLSX_XML_GUARD_OFF": (
        "The protection for reading a workbook's XML is switched off (environment variable "
        "OPENPYXL_DEFUSEDXML={value}, or the defusedxml library is missing); the tool does not read workbooks "
        "then. Remove the variable (unset OPENPYXL_DEFUSEDXML) or install defusedxml, and run again."
    ),
    "XLSX_TOO_MANY_CELLS": (
        "The workbook has {cells} cells, over the limit of {limit} cells; not read. Split it into several "
        "smaller files."
    ),
    "XLSX_TOO_WIDE": (
        "The sheet “{member}” has a cell as far out as column {column}, row {row}: an area of {rows:row|rows} × "
        "{columns:column|columns}, over the limit of {limit} cells; not read. Delete the stray cells far out and save "
        "the file again."
    ),
    "XLSX_BAD_REFERENCE": (
        "The part “{member}” writes a cell address in an abnormal way (“{text}”), which Excel never does; "
        "the file may be hostile and was not read."
    ),
    "XLSX_MERGES_TOO_LARGE": (
        "The workbook's merged ranges cover {cells} cells (counted up to the range {range} of the sheet “{sheet}”), "
        "over the limit of {limit} cells; the file may be damaged or made wrong on purpose, and is not read."
    ),
    "XLSX_SHARED_FORMULA_TOO_LARGE": (
        "Shared formulas spread to more than {limit} characters of formulas (counted up to cell {cell} of the sheet "
        "“{sheet}”), far more than the file's size holds; the file may be damaged or made wrong on purpose, and is "
        "not read."
    ),
    "XLSX_REASON.bad_zip": "the zip archive is damaged",
    "XLSX_REASON.truncated": "the file is truncated",
    "XLSX_REASON.bad_data": "the compressed data is damaged (checksum mismatch)",
    "XLSX_REASON.bad_xml": "the XML content is not valid",
    "XLSX_REASON.missing_part": "a required part of the workbook is missing",
    "XLSX_REASON.os": "{reason}",
    "XLSX_REASON.other": "the structure of the workbook is not valid ({kind})",
    "CSV_BROKEN": "The CSV file cannot be read: {reason}.",
    "CSV_REASON.field_too_long": "a cell is longer than {limit} characters",
    "CSV_REASON.other": "the CSV structure is not valid ({kind})",
    # documents that cannot be read
    "DOCX_IS_DOC": (
        "This is a Word 97-2003 (.doc) file or another OLE file named .docx; rename it to .doc, or open it in "
        "Word and save it as .docx."
    ),
    "DOCX_NOT_ZIP": "The file is not a Word .docx document (not a zip file); it may be damaged or truncated.",
    "DOCX_NOT_DOCX": "This zip file is not a Word .docx document (the content part word/document.xml is missing).",
    "DOCX_BROKEN": "The Word document is damaged and cannot be read: {reason}.",
    "DOCX_TOO_LARGE": "The Word document unpacks to {size} MB, over the {limit} MB limit; not read.",
    "DOCX_ZIP_BOMB": (
        "The part “{member}” unpacks to an abnormal size for its compressed size; the file may be hostile "
        "and was not read."
    ),
    "DOCX_XML_DECLARATION": (
        "The part “{member}” declares a DOCTYPE/ENTITY, which Word never writes; the file may be hostile "
        "and was not read."
    ),
    "DOC_REASON.bad_zip": "the zip archive is damaged",
    "DOC_REASON.truncated": "the file is truncated",
    "DOC_REASON.bad_data": "the compressed data is damaged (checksum mismatch)",
    "DOC_REASON.bad_xml": "the XML content is not valid",
    "DOC_REASON.other": "the structure of the file is not valid ({kind})",
    "PDF_ENCRYPTED": (
        "The PDF file is protected by a password and the tool cannot open it; use the original Word document, "
        "or open the PDF with its password and save a copy without one."
    ),
    "PDF_NO_TEXT": (
        "The PDF file has no text layer ({pages:page|pages} and not one character): probably a scan or a photo. "
        "The tool does not recognise text (OCR); use the original Word document or a PDF exported from Word."
    ),
    "PDF_NO_PAGES": "The PDF file has no pages.",
    "PDF_BROKEN": "The file is not a PDF, or the PDF is damaged, and cannot be read ({kind}).",
    "OFFICE_NO_SOFFICE": (
        "Reading a {suffix} file needs LibreOffice (the soffice command) to convert it to .docx, but "
        "LibreOffice is not installed; install it (apt-get install libreoffice-writer) or open the file in "
        "Word and save it as .docx."
    ),
    "OFFICE_CONVERT_FAILED": (
        "LibreOffice could not convert the {suffix} file to .docx ({reason}); the file may be damaged or "
        "protected by a password. Open the file in Word and save it as .docx."
    ),
    "OFFICE_REASON.timeout": "not done after {seconds} seconds",
    "OFFICE_REASON.exit": "LibreOffice stopped with exit code {code}",
    "OFFICE_REASON.no_output": "no .docx file was produced",
    # what workbooks say
    "XLSX_NOT_A_NUMBER": "This cell must hold a number but holds “{text}”; the line's product is not checked.",
    "XLSX_NUMBER_AS_TEXT": "The number “{text}” was typed as text; it was read as a number.",
    "XLSX_DATE_AS_NUMBER": (
        "This cell must hold a number but holds the date {date} (the cell is formatted as a date); the cell is "
        "not counted. If it is a number, change the cell's format to Number."
    ),
    "NUMBER_OUT_OF_RANGE": (
        "The number {text} is outside the range the tool computes exactly (below 10^18, with at most 18 digits "
        "after the decimal separator); the cell is not counted."
    ),
    "LINE_OUT_OF_RANGE": (
        "The product of this line's factors is outside the range the tool computes exactly ({digits} digits); "
        "the line was not checked."
    ),
    "CSV_CONTROL_CHARACTER": (
        "The cell has control characters that do not print ({codes}); they were dropped when reading."
    ),
    "XLSX_NO_AMOUNT": "The line has factors but no amount, computed or stated; it was not checked.",
    "GRID_HIDDEN_ROW": "Row {row} is hidden in the workbook; its amount was read and checked all the same.",
    "GRID_HIDDEN_SHEET": "Sheet “{sheet}” is hidden in the workbook; its tables were read and checked all the same.",
    "GRID_NO_AMOUNT_COLUMN": (
        "The table has the columns “{columns}” but no amount column (“Thành tiền”, “Số tiền”, “Kinh phí” …); "
        "its rows were not checked."
    ),
    "XLSX_NOT_EVALUATED": (
        "The sheet “{sheet}” has {count:formula cell|formula cells} with no stored value (saved by a program "
        "that does not calculate), the first is {first}. The tool recomputed the values; open and save the file "
        "in Excel or LibreOffice so that viewers see the figures."
    ),
    "XLSX_STALE_VALUE": (
        "The cell stores {stored} but recomputes to {computed} {unit}: the workbook was not recalculated "
        "after an edit, viewers see the old figure."
    ),
    "XLSX_STALE_VALUE.plain": (
        "The cell stores {stored} but recomputes to {computed}: the workbook was not recalculated "
        "after an edit, viewers see the old figure."
    ),
    "XLSX_FORMULA_NOT_EVALUATED": (
        "The formula cell has no stored value and the tool could not recompute it: {reason}{origin}. The cell "
        "is not checked; open and save the file in Excel or LibreOffice so that it gets a value."
    ),
    "XLSX_FORMULA_UNCHECKED": (
        "In the sheet “{sheet}”, {count:formula cell|formula cells} could not be recomputed to check the "
        "stored values, the first is {first} ({reason}{origin}); the stored values were used."
    ),
    "FORMULA_ORIGIN": " (at cell {cell})",
    "FORMULA_REASON.syntax": "the formula's syntax could not be read",
    "FORMULA_REASON.array": "an array formula, or a range of several cells inside arithmetic",
    "FORMULA_REASON.external": "a reference to another file ({ref})",
    "FORMULA_REASON.reference": "an unsupported kind of reference ({ref})",
    "FORMULA_REASON.name": "the defined name “{name}” is not supported",
    "FORMULA_REASON.function": "the function {name} is not supported",
    "FORMULA_REASON.arguments": "the function {name} has an invalid number of arguments",
    "FORMULA_REASON.nesting": "the formula nests more than 64 levels",
    "FORMULA_REASON.circular": "a circular reference (through cell {cell})",
    "FORMULA_REASON.text": "the text “{text}” inside arithmetic",
    "FORMULA_REASON.date": "a date inside arithmetic",
    "FORMULA_REASON.value": "a cell holding neither a number nor text",
    "FORMULA_REASON.error": "the formula gives the error value {value}",
    "FORMULA_REASON.too_large": "a number too large or a chain of formulas too long to compute exactly",
    "FORMULA_REASON.approximate": "VLOOKUP with approximate match (no FALSE argument) is not supported",
    "FORMULA_REASON.criterion": "the COUNTIF criterion “{text}” is not supported",
    "FRACTION_OF_DONG": (
        "The amount {value} {unit} has a part of {fraction} đồng, below one đồng; amounts are whole đồng."
    ),
    "XLSX_PRECISION": (
        "The figure {value} {unit} has more than 15 significant digits, which Excel cannot keep; "
        "it was written to the workbook as text."
    ),
    # numbers
    "NUMBER_MALFORMED": "Cannot read the number “{text}”.",
    "NUMBER_AMBIGUOUS.comma_three": (
        "The number “{text}” could be {alternative} if the comma groups thousands; read in the "
        "Vietnamese convention as {value}."
    ),
    "NUMBER_AMBIGUOUS.en_grouping": (
        "The number “{text}” groups thousands with commas (English style); read as {value}."
    ),
    "NUMBER_AMBIGUOUS.dot_decimal": (
        "The number “{text}” uses a dot as decimal point; read as {value} "
        "(in the Vietnamese convention a dot groups thousands)."
    ),
    "NUMBER_AMBIGUOUS.broken_groups": "The number “{text}” has spaces between its digit groups; read as {value}.",
    "NUMBER_AMBIGUOUS.space_groups": "The number “{text}” groups thousands with spaces; read as {value}.",
    "NUMBER_AMBIGUOUS.double_dot": "The number “{text}” has two dots in a row; read as {value}.",
    "NUMBER_SETTLED.one": (
        "The number “{text}” is written in a way that reads two ways; it was read as {value} and the computation "
        "that uses it agrees exactly, which confirms the reading."
    ),
    "NUMBER_SETTLED.many": (
        "The number “{text}” and {others:other number|other numbers} written the same way read two ways; “{text}” "
        "was read as {value}, and every computation that uses them agrees exactly, which confirms the reading."
    ),
    # inputs and outputs
    "INPUT_MISSING": "File not found.",
    "INPUT_NOT_FILE": "This is not a file.",
    "INPUT_UNREADABLE": "Cannot open the file: {reason}.",
    "INPUT_EMPTY": "The file is empty.",
    "INPUT_BINARY": "The file is not text (binary byte at offset {offset}).",
    "INPUT_ENCODING": "The file is not UTF-8 or UTF-16 text (odd byte at offset {offset}); save it as UTF-8.",
    "INPUT_TOO_DEEP": (
        "Section {number} is nested {depth} levels deep, over the limit of {limit} levels; not read. "
        "Check how the sections are numbered."
    ),
    "INPUT_TIME_LIMIT": (
        "Checking the document took longer than {seconds} seconds and stopped here; there is no verdict for it "
        "(raise --time-limit, or send the file to the developers)."
    ),
    "DOCX_TABLE_TOO_WIDE": (
        "A row of the table declares {columns} columns, over the limit of {limit} (Word allows 63); the file may be "
        "damaged or made wrong on purpose, and is not read."
    ),
    "DOCX_TABLE_TOO_LARGE": (
        "The table declares {positions} cell positions ({rows:row|rows} × {columns:column|columns}) for only {cells} "
        "cells, over the limit of {limit} positions; the file may be damaged or made wrong on purpose, and is not read."
    ),
    "INPUT_PASSWORD": (
        "The file is protected by a password and cannot be read; open it with its password, remove the password "
        "(File → Info → Protect) and save it, then check that file."
    ),
    "FOLDER_EMPTY": "The folder holds no budget document (.txt, .docx, .pdf, .xlsx, .csv …).",
    "EXTRACT_NOT_TEXT": (
        "This is a workbook or CSV file (data), not a plan's text: targets are found in text (.txt, .docx, .pdf). To "
        "judge targets against a data table, use: indicators check TARGETS DATA."
    ),
    "OUTPUT_IS_INPUT": "The output file is the input file; choose another name.",
    "OUTPUT_EXISTS": "The file exists; add --force to overwrite it.",
    "OUTPUT_STDOUT_FAILED": "The result could not be written to standard output ({reason}); it is not complete.",
    "OUTPUT_NO_FOLDER": "The folder “{folder}” does not exist.",
    "OUTPUT_IS_FOLDER": "This is a folder, not a file.",
    "OUTPUT_LOCKED": "The file is open in Excel (lock file “{lock}”); close it and run again.",
    "OUTPUT_UNWRITABLE": "Cannot write the file ({reason}); the old file (if any) is unchanged.",
    "OUTPUT_NOT_REGULAR": (
        "This is {kind}, not a regular file; the tool does not write to it, not even with --force. "
        "Choose another file name."
    ),
    "OUTPUT_KIND.device": "a device (such as /dev/null)",
    "OUTPUT_KIND.fifo": "a pipe (FIFO)",
    "OUTPUT_KIND.socket": "a socket",
    "OUTPUT_KIND.other": "a special kind of file",
    "OUTPUT_LOCKED_LIBREOFFICE": (
        "The file is open in LibreOffice (lock file “{lock}”); close it and run again. If nobody has the file "
        "open any more, delete that lock file."
    ),
    "OUTPUT_CLAIMED": (
        "While this run was writing, another run created this file; this run's result does not overwrite it. "
        "Add --force to overwrite it, or choose another name."
    ),
    "OUTPUT_INTERRUPTED": (
        "Stopped on request ({signal}) while writing; the result file was not written, the old file (if any) "
        "is unchanged, and no temporary file is left behind."
    ),
    # the command line: argparse's words and errors, the commands' help
    "ARGS.usage": "usage:",
    "ARGS.positionals": "positional arguments",
    "ARGS.options": "options",
    "ARGS.help": "show this help message and exit",
    "ARGS.version": "show the tool's version and exit",
    "ARGS.bad": "{prog}: invalid command: {message}",
    "ARGS.argument": "argument {argument}: {message}",
    "ARGS.invalid_choice": "invalid choice: {value} (choose from {choices})",
    "ARGS.required": "the following arguments are required: {names}",
    "ARGS.unrecognized": "unrecognized arguments: {names}",
    "ARGS.expected_one": "expected one argument",
    "ARGS.expected_at_most_one": "expected at most one argument",
    "ARGS.expected_at_least_one": "expected at least one argument",
    "ARGS.invalid_value": "invalid {type} value: {value}",
    "ARGS.ambiguous": "ambiguous option: {option} could match {matches}",
    "ARGS.not_allowed": "not allowed with argument {names}",
    "ARGS.one_required": "one of the arguments {names} is required",
    "ARGS.ignored_explicit": "ignored explicit argument {value}",
    "CLI.command": "COMMAND",
    "CLI.file": "FILE",
    "CLI.lang": "language of the result, the help and the error messages (default: vi)",
    "CLI.indicators_lang": (
        "language of the help and the error messages (default: vi); the evaluation is in Vietnamese only"
    ),
    "CLI.force": "allow overwriting an existing result file",
    "CLI.budget": "Check the budget estimates in plans and projects.",
    "CLI.check": "check every product, section sum and grand total",
    "CLI.check_file": (
        "plan text (.txt, UTF-8 or UTF-16), budget table (.xlsx, .csv); several files, folders or patterns such as "
        "*.txt are checked in parallel and summarised by unit"
    ),
    "CLI.format": "form of the result (default: text)",
    "CLI.xlsx": "write the result to an Excel workbook (live formulas)",
    "CLI.html": "write a report to print and sign (one self-contained HTML page)",
    "CLI.pdf": "write the report as PDF (printed with headless Chromium)",
    "CLI.strict_units": "treat units that do not cancel (a residue) as errors instead of warnings",
    "CLI.time_limit": "the time each document's check may take, in seconds (default: 600)",
    "CLI.seconds": "SECONDS",
    "CLI.manifest": "list of files to check (one path a line, or a CSV with a path column; '-' reads stdin)",
    "CLI.manifest_var": "LIST.csv",
    "CLI.jobs": "number of checking processes in parallel (default: every CPU core)",
    "CLI.quiet": "do not show the progress bar",
    "CLI.template": "create an empty budget workbook for an officer to fill in",
    "CLI.template_output": "the workbook file to create",
    "CLI.template_unit": "unit of the table's amounts (default: triệu đồng)",
    "CLI.template_force": "allow overwriting an existing file",
    "CLI.template_bad_unit": "{prog}: invalid unit of amounts: {unit}",
    "CLI.template_done": "Created {out}: an empty budget table, amounts in {unit}.",
    "CLI.outputs_differ": "--xlsx, --html and --pdf must write to different files",
    "CLI.jobs_positive": "--jobs must be a positive whole number",
    "CLI.no_input": "give at least one file, folder or --manifest",
    "CLI.nothing_to_check": "{prog}: no budget document to check ({skipped:file|files} skipped)",
    "CLI.batch_interrupted": "{prog}: stopped on request (Ctrl-C); the result above is incomplete.",
    "CLI.indicators": "Evaluate a plan's targets against actual data.",
    "CLI.indicators_check": "evaluate every target: met or not, how far off, its path",
    "CLI.targets_var": "TARGETS",
    "CLI.targets": "table of targets (.csv or .xlsx)",
    "CLI.data_var": "DATA",
    "CLI.data": "actual data (.csv or .xlsx; long or wide form)",
    "CLI.year_var": "YEAR",
    "CLI.as_of": "year of the evaluation (default: the latest year with data)",
    "CLI.min_coverage": "the least share of the units reporting for a verdict, from 0 to 1 (default 0.8)",
    "CLI.expected_units": "how many units must report (default: every unit in the data in any year)",
    "CLI.indicators_format": "form of the result",
    "CLI.indicators_xlsx": "write the result to a workbook, with charts of the path",
    "CLI.indicators_measures": (
        "a file of the department's column names and their measures (each line: column name ; measure)"
    ),
    "CLI.extract": "find the targets a plan text states",
    "CLI.extract_file": "plan text (.txt)",
    "CLI.extract_output": "write the table of targets (.xlsx or .csv)",
    "INTERRUPTED": "Stopped on request (Ctrl-C); no result file was written.",
    "INTERNAL_ERROR": (
        "internal error ({kind}): this is a fault of the tool, not of the input file. Please send the input "
        "file and this line to the developers so that it can be fixed."
    ),
    "OS_REASON.ENOSPC": "the disk is full; free some space and run again",
    "OS_REASON.EDQUOT": "the account's disk quota is used up; delete some files and run again",
    "OS_REASON.EFBIG": (
        "the file is over the allowed size (ulimit -f or the limit of the disk); raise the limit or write to "
        "another disk"
    ),
    "OS_REASON.EACCES": "no permission to access this file or folder; check the permissions or choose another folder",
    "OS_REASON.EROFS": "the disk or folder is read-only; choose another folder",
    "OS_REASON.ENAMETOOLONG": "the file name is too long; choose a shorter name",
    "OS_REASON.EIO": "an input/output error of the storage device; check the disk and run again",
    "OS_REASON.EBUSY": "the file is in use by another program; close that program and run again",
    "OS_REASON.ELOOP": "the path has a loop of symbolic links; check the path",
    "OS_REASON.ENOENT": "the file or folder no longer exists; check the path",
    "OS_REASON.EMFILE": "too many files are open at once; run again",
    "OS_REASON.READ_ONLY": "the file is read-only; clear its read-only attribute or choose another name",
    "OS_REASON.OTHER": "system error {code}; try again or choose another folder",
    # indicators: the plan's task register (``indicators tasks``)
    "TASK_DEADLINE_UNREAD": "Task {number}: the deadline “{text}” names no date; write the deadline in the register.",
    "TASK_NONE_FOUND": (
        "No task found (a table STT | Nội dung | Cơ quan chủ trì | Thời gian, or a line “Thời gian thực hiện: …”)."
    ),
    "TASK_REGISTER_NO_HEADER": (
        "No sheet “Nhiệm vụ” with the columns Nhiệm vụ, Hạn hoàn thành and Trạng thái; use a register written by "
        "indicators tasks --xlsx."
    ),
    "TASK_BAD_DATE": "Cell {column} says “{text}”, which is not a date (day/month/year).",
    "TASK_BAD_STATUS": "Status “{text}” is not valid; use: Chưa thực hiện, Đang thực hiện, Hoàn thành.",
    "TASK_OVERDUE": "Task {number} “{task}” is overdue: due {due}, status “{status}” as of {as_of}.",
    "TASKS.line_due": "due {due}",
    "TASKS.line_recurring": "recurring, no single due date",
    "TASKS.line_unread": "deadline not known",
    "TASKS.line_lead": "in charge: {lead}",
    "TASKS.line_partners": "cooperating: {partners}",
    "TASKS.found": "{count} tasks: {dated} with a due date, {recurring} recurring, {unread} without a known deadline.",
    "TASKS.summary": (
        "Task register as of {as_of}: {total} tasks; {done} done, {due} due this month, {overdue} overdue, "
        "{upcoming} not yet due, {recurring} recurring, {undated} without a known deadline."
    ),
    "TASKS.summary_open": (
        "Task register: {total} tasks; {done} done, {open} not done ({recurring} recurring, {undated} without a "
        "known deadline). Add --as-of to find overdue tasks."
    ),
    "TASKS.bad_as_of": "--as-of “{text}” is not a month (YYYY-MM) or a day (YYYY-MM-DD).",
    "TASKS.as_of_needs_register": "--as-of applies when reading a filled task register (.xlsx) back, not a plan.",
    "TASKS.register_no_xlsx": "--xlsx writes a task register from a plan; a filled register is only read back.",
    "CLI.tasks": "write the register of a plan's tasks, or read a filled one back",
    "CLI.tasks_file": "plan text, or a filled task register (.xlsx)",
    "CLI.tasks_xlsx": "write the task register (.xlsx) for officers to fill in",
    "CLI.tasks_as_of": "month (YYYY-MM) or day (YYYY-MM-DD) of the review: overdue tasks are errors",
    "CLI.month_var": "MONTH",
    # indicators: targets and data
    "TABLE_EMPTY": "The table has no rows.",
    "TARGET_BAD_KIND": (
        "Unknown kind of target “{text}”; use: minimum, maximum, range, split, count, approximate, change, from_to, "
        "direction, build."
    ),
    "TARGET_BAD_NUMBER": "Cannot read the target's number “{text}”.",
    "TARGET_NO_DIRECTION": "Target {id} states no direction (up or down) in the column Chiều.",
    "TARGET_NO_BASELINE": "Target {id} of kind “from baseline” states no baseline in the column Giá trị gốc.",
    "TARGET_NO_BASE_YEAR": "Target {id}: the data have no base year {year}; no comparison with the base year.",
    "TARGET_BASELINE_DIFFERS": (
        "Target {id}: the plan states a baseline of {stated}{unit} in {year}, the data give {value}{unit}; "
        "progress is measured on the data."
    ),
    "TARGET_NO_BOUNDS": "Target {id} states no value to reach.",
    "TARGET_NO_MEASURE": "Target {id} states no numerator (the measure it is computed from).",
    "TARGET_NO_DENOMINATOR": "Target {id} is a percentage but states no denominator.",
    "TARGET_BAD_DEADLINE": "The deadline “{text}” is not a year.",
    "TARGET_SPLIT_SHAPE": (
        "The split has {shares:share|shares} but the numerator has {measures:measure|measures}; the two must be equal."
    ),
    "TARGET_SHARES_NOT_100": "The shares of the split add up to {total}%, not 100%.",
    "TARGET_MEASURE_MISSING": "Target {id}: the data have no measure {measures}; this target cannot be evaluated.",
    "DATA_NO_HEADER": "The data table needs the columns Unit and Year (and Measure, Value in the long form).",
    "DATA_NOT_A_NUMBER": "The data cell holds “{text}”, not a number; the value is not used.",
    "DATA_BAD_YEAR": "The year “{text}” is not valid; the row is not used.",
    "DATA_NEGATIVE": (
        "Negative value {text} of the measure {measure}; counts and amounts cannot be negative, the value is not used."
    ),
    "DATA_DUPLICATE": "Data for {measure} of {unit} in {year} given twice (first at {first}); this row is not used.",
    "DATA_ZERO_DENOMINATOR": (
        "Target {id}: the denominator of {unit} in {year} is 0; the rate cannot be computed; the row is left out "
        "of the totals."
    ),
    "DATA_NUMERATOR_OVER": (
        "Target {id}: the numerator of {unit} in {year} is greater than the denominator, which cannot be true; "
        "the row is left out of the totals."
    ),
    "SPLIT_NOT_100": "Target {id}: the shares of {unit} in {year} add up to {total}%, not 100%.",
    "DATA_MISSING_YEARS": "{unit} has no data for the years {years}.",
    "DATA_SCHOOL_YEAR": (
        "The school year “{text}” counts as {year}, the year it ends in (as every school year of the file)."
    ),
    "DATA_UNIT_FROM_SHEET": (
        "The table has no Unit column: all its data count for the unit “{unit}” (the sheet's or the file's name)."
    ),
    "DATA_TOTAL_ROW": "The row “{text}” is the total of the table's units; it is not added as one more unit.",
    "DATA_SHEET_SKIPPED": "The sheet “{sheet}” holds no data table (no header row found); skipped.",
    "DATA_MEASURE_TWICE": (
        "This column and the one at {first} are both the measure {measure}; which is right is unknown, so neither "
        "is used (give the columns different names, or say which with --measures)."
    ),
    "DATA_MEASURES_BAD_LINE": (
        "The line “{text}” of the column names file is not “column name ; measure”; it is not used."
    ),
    "DATA_MEASURE_UNMATCHED": (
        "“{name}” is no known measure; its data serve only a target that names it so "
        "(write the column name and its measure in a --measures file if it is a measure of a target)."
    ),
    "TARGET_LOW_COVERAGE": (
        "Target {id}: in {year} only {reported}/{expected} units reported, below the minimum of {minimum}% of "
        "the units; not enough data for a verdict."
    ),
    "TARGET_AFTER_DATA": (
        "Target {id}: the year evaluated, {year}, is after the last year with data ({last}); the target cannot "
        "be evaluated yet and is not counted as met."
    ),
    "TARGET_NO_DATA_YEAR": (
        "Target {id}: no data for the year {year} (years with data: {years}); the target cannot be evaluated "
        "yet and is not counted as met."
    ),
    "TARGET_NO_DATA": (
        "Target {id}: no year has all the data ({measures}) for one and the same unit; the target cannot be "
        "evaluated yet."
    ),
    # reports
    "VERDICT.ok": "RESULT: MATCHES",
    "VERDICT.errors": "RESULT: {errors:error|errors}",
    "VERDICT.incomplete": "NOT FULLY CHECKED: {unread} not checked",
    "VERDICT.no_budget": "NO BUDGET TO CHECK",
    "VERDICT_DETAIL.ok": ("Every product, section sum and the grand total match{tally}."),
    "VERDICT_DETAIL.ok_counts": (
        "The document holds no budget; every count a table states as the sum of others matches{tally}."
    ),
    "VERDICT_DETAIL.ok_side": (
        "The document holds no budget (no total, no section amounts); every computation it writes matches{tally}."
    ),
    "VERDICT_DETAIL.ok_rounding": (
        "Every product matches; {rounded:sum differs|sums differ} within the rounding of their figures (see the "
        "warnings), the other sums match{tally}."
    ),
    "VERDICT_DETAIL.errors": "See each error at its place{tally}.",
    "VERDICT_DETAIL.errors_unread": "Besides, {unread} not checked{tally}. See each error at its place.",
    "VERDICT_DETAIL.incomplete": (
        "What was checked has no error{aside}, but parts of the "
        "document could not be read, so it cannot be said to match."
    ),
    "VERDICT_DETAIL.no_budget": ("No cost line, section amount or grand total was found in the document{tally}."),
    "UNREAD.amounts": "{count:amount|amounts}",
    "TALLY.warnings": "{count:warning|warnings}",
    "TALLY.notes": "{count:note|notes}",
    "TALLY.after": "; {list}",
    "TALLY.aside": " ({list})",
    "UNREAD.lines": "{count:computation line|computation lines}",
    "UNREAD.cells": "{count:formula cell|formula cells}",
    "UNREAD.other": "{count:other place|other places}",
    "STATUS.ok": "Matches",
    "STATUS.error": "Wrong",
    "STATUS.inner": "Error inside",
    "STATUS.none": "Not stated",
    "STATUS.rounded": "Within rounding",
    "SUM.section": "Section {number}",
    "SUM.total": "Grand total",
    "SUM.alternative": "Section {number}, breakdown {child}",
    "TARGET_STATUS.pending": "Not evaluated: needs data (indicators check)",
    "R.title": "BUDGET CHECK REPORT",
    "R.document": "Document",
    "R.file": "File",
    "R.number": "Number",
    "R.place": "Place",
    "R.date": "Date",
    "R.heading": "Budget chapter",
    "R.checked_at": "Checked at",
    "R.tool": "Tool",
    "R.sha256": "SHA-256 of the file",
    "R.verdict": "Verdict",
    "R.summary": "Summary",
    "R.lines": "Cost lines",
    "R.sections": "Sections",
    "R.total_stated": "Grand total stated",
    "R.total_computed": "Sum of sections",
    "R.total_recomputed": "Recomputed from factors",
    "R.errors": "Errors",
    "R.warnings": "Warnings",
    "R.notes": "Notes",
    "R.amounts_found": "Amounts found",
    "R.amounts_checked": "Amounts checked",
    "R.unit": "Unit",
    "R.tree": "Budget by section",
    "R.col_number": "No.",
    "R.col_label": "Item",
    "R.col_where": "Where",
    "R.col_stated": "Stated",
    "R.col_summed": "Sum of items",
    "R.col_recomputed": "Recomputed from factors",
    "R.col_difference": "Difference",
    "R.col_status": "Status",
    "R.col_unit": "Unit",
    "R.total_row": "GRAND TOTAL",
    "R.line_at": "line {line}",
    "R.line_col_at": "line {line}, column {col}",
    "R.not_stated": "not stated",
    "R.sums": "Sums checked",
    "R.beside": "Computations beside the budget (counts, averages, worked examples; checked, never added to a sum)",
    "R.sum_kind": "Kind",
    "R.findings": "Findings",
    "R.no_findings": "No findings.",
    "R.cause": "Likely cause",
    "R.targets": "Targets stated in the document",
    "R.no_targets": "The document states no numeric target.",
    "R.target_id": "ID",
    "R.target_kind": "Kind",
    "R.target_value": "Value",
    "R.target_deadline": "Deadline",
    "R.target_subject": "Subject",
    "R.words": "Grand total in words (Vietnamese)",
    "R.no_budget": "No budget found in the document.",
    "SIGN.place_date": "{place}, date .......................",
    "SIGN.preparer": "PREPARED BY",
    "SIGN.accountant": "CHIEF ACCOUNTANT",
    "SIGN.head": "HEAD OF THE UNIT",
    "SIGN.hint": "(Signature, full name)",
    "SIGN.hint_seal": "(Signature, full name, seal)",
    "T.file": "File: {file}",
    "T.stated": "stated",
    "T.computed": "computed",
    "T.unit": "unit",
    "T.total": "Grand total",
    "T.not_stated": "not stated",
    "T.line": "line {line}",
    "T.no_budget": "No budget (cost lines, section amounts, grand total) found in the document.",
    "T.no_budget_side": (
        "The document holds no budget (no grand total, no section amounts); {count:computation it writes "
        "is|computations it writes are} checked."
    ),
    "T.counts": "Counts a table states as sums of others ({count}), compared:",
    "T.targets": "Targets stated in the document ({count}), to track with indicators check:",
    "T.summary": "Summary: {lines:cost line|cost lines}, {sections:section|sections}",
    "T.summary_amounts": ", {found:amount|amounts} found ({checked} checked)",
    "T.summary_total": ", grand total stated {total} {unit}",
    "XL.words": "In words: {words}",
    "XL.verdict_time": "Checked at {time} by {tool}.",
    "XL.findings_count": "{count:finding|findings}",
    "XL.sources_title": "Where the data of this workbook come from",
    # the batch run (``budget check FOLDER`` or several files): its summary as text, JSON, workbook
    # and HTML page. A document's result in a word, and the documents counted by result
    "BATCH.verdict.ok": "matches",
    "BATCH.verdict.no_budget": "no budget",
    "BATCH.verdict.incomplete": "not fully checked",
    "BATCH.verdict.errors": "{errors:error|errors}",
    "BATCH.verdict.unreadable": "unreadable",
    "BATCH.verdict.internal_error": "internal error",
    "BATCH.count.ok": "{n} matching",
    "BATCH.count.no_budget": "{n} without a budget",
    "BATCH.count.incomplete": "{n} not fully checked",
    "BATCH.count.errors": "{n} with errors",
    "BATCH.count.unreadable": "{n} unreadable",
    "BATCH.count.internal_error": "{n:internal error|internal errors}",
    "BATCH.counts_none": "none",
    "BATCH.counts_no_documents": "no documents",
    "BATCH.verdict_of": "Result: {verdict}",
    "BATCH.overall_counts": "Overall: {counts}",
    # the text summary, its columns (abbreviated to fit) and the lines under it
    "BATCH.summary": "Summary by unit",
    "BATCH.summary_of": "Summary by unit: {documents:document|documents}",
    "BATCH.head.index": "No.",
    "BATCH.head.file": "File",
    "BATCH.head.ident": "Number, date",
    "BATCH.head.lines": "Lines",
    "BATCH.head.sections": "Sect.",
    "BATCH.head.errors": "Err.",
    "BATCH.head.warnings": "Warn.",
    "BATCH.head.targets": "Targets",
    "BATCH.head.stated": "Stated total",
    "BATCH.head.computed": "Summed total",
    "BATCH.head.unit": "Unit",
    "BATCH.head.verdict": "Result",
    "BATCH.unreadable": "Unreadable: {reason}",
    "BATCH.internal": "Internal error while checking this document (please report it with the file): {reason}",
    "BATCH.failed": "{count:document|documents} could not be checked:",
    "BATCH.targets": "Targets set in the documents: {targets:target|targets} in {documents:document|documents}",
    "BATCH.skipped": "{count:file|files} skipped, not budget documents:",
    "BATCH.unit_total": (
        "Grand total of {documents:document|documents} ({unit}): summed {computed}; stated {stated}{stating}."
    ),
    "BATCH.unit_stating": " (only {stating:document states|documents state} a total)",
    "BATCH.unit_total_unstated": (
        "Grand total of {documents:document|documents} ({unit}): summed {computed}; none states a grand total."
    ),
    "BATCH.unit_words": "In words (Vietnamese): “{words}”.",
    "BATCH.overall": (
        "Overall: {documents:document|documents} ({counts}); {lines:cost line|cost lines}, "
        "{errors:error|errors}, {warnings:warning|warnings}."
    ),
    # files a folder holds that are not checked, and documents that could not be
    "BATCH.skip.output": "a result file of this run",
    "BATCH.skip.lock": "a temporary or lock file of Excel",
    "BATCH.skip.hidden": "a hidden file",
    "BATCH.skip.kind": "files of type “{kind}” are not read",
    "BATCH.empty_folder": "The folder holds no budget document that can be read.",
    "BATCH.crashed": "the process checking this document stopped abruptly (out of memory?)",
    # the consolidated workbook: sheet names, column headers, the lines around its tables
    "BATCH.sheet.targets": "Targets by unit",
    "BATCH.col.index": "No.",
    "BATCH.col.file": "File",
    "BATCH.col.number": "Document number",
    "BATCH.col.date": "Date",
    "BATCH.col.lines": "Cost lines",
    "BATCH.col.sections": "Sections",
    "BATCH.col.errors": "Errors",
    "BATCH.col.warnings": "Warnings",
    "BATCH.col.targets": "Targets",
    "BATCH.col.stated": "Grand total stated",
    "BATCH.col.computed": "Sum of the sections",
    "BATCH.col.difference": "Difference (stated − summed)",
    "BATCH.col.unit": "Unit",
    "BATCH.col.verdict": "Result",
    "BATCH.col.reason": "Reason",
    "BATCH.col.detail": "Detail",
    "BATCH.col.document": "Document no.",
    "BATCH.col.severity": "Severity",
    "BATCH.col.message": "Message (→ likely cause)",
    "BATCH.col.code": "Code",
    "BATCH.col.target": "Target",
    "BATCH.col.share": "Share",
    "BATCH.col.source": "Source",
    "BATCH.xl.title": "BUDGET CHECK SUMMARY: {documents:DOCUMENT|DOCUMENTS}",
    "BATCH.xl.hint": "Click a sheet name in the Detail column to see each document.",
    "BATCH.xl.unit_total": "Total of {documents:document|documents} in {unit}{stating}",
    "BATCH.xl.unit_stating": " (stated total: only {stating:document states|documents state} one)",
    "BATCH.xl.targets_title": "TARGETS SET IN THE DOCUMENTS: {count:TARGET|TARGETS}",
    "BATCH.no_targets": "No document sets a target.",
    "BATCH.no_budget": "No budget found in the document.",
    # the HTML page
    "BATCH.html.title": "Budget check summary: {documents:document|documents}",
    "BATCH.html.checked": "Checked at {time} by {tool}",
    "BATCH.html.totals": (
        "{lines:cost line|cost lines}, {errors:error|errors}, {warnings:warning|warnings}; {targets:target|targets}."
    ),
    "BATCH.html.targets": "Targets set in the documents ({count})",
    # the progress bar of a long run: ``Checking ━━━ 3/40 documents 0:00:05 left 0:01:02``
    "BATCH.progress.checking": "Checking",
    "BATCH.progress.documents": "documents",
    "BATCH.progress.left": "left",
    "BATCH.progress.reading": "reading {files}",
    "XL.template_title": "Budget estimate (template to fill in)",
    "XL.template_help": (
        "Unit: {unit}. Fill in one spending item per row: quantity, unit price, duration and the unit of each "
        "figure (yellow cells); do not edit the formula columns (grey). To add a row, copy the last row down."
    ),
    "XL.hint_quantity": "Quantity",
    "XL.hint_price": "Unit price",
    "XL.hint_time": "Duration",
    "XL.hint_other": "Other factor (if any)",
    "XL.SHEET.Tổng hợp": "Summary",
    "XL.SHEET.Chi tiết": "Details",
    "XL.SHEET.Kiểm tra": "Checks",
    "XL.SHEET.Nguồn": "Sources",
    "XL.SHEET.Đơn vị": "Units",
    "XL.SHEET.Chỉ tiêu": "Targets",
    "XL.title": "BUDGET CHECK",
    "XL.unit_line": "Unit: {unit}",
    "XL.summary_headers": (
        "Section|Item|Amount stated in the document|Sum of the items as stated|Sum of the items recomputed "
        "from factors|Difference (stated − sum)|Status|Amount carried to the section above"
    ),
    "XL.detail_headers": (
        "No.|Section|Line in the document|Item|Factor {{k}}|Unit {{k}}|Conversion coefficient|Computed amount ({unit})"
        "|Amount stated in the document ({unit})|Difference ({unit})|Status"
    ),
    "XL.finding_headers": "Code|Severity|Where|Should be|Stated|Difference|Unit|Message|Likely cause",
    "XL.sources_headers": "Row in Details|Place in the file|Original text",
    "XL.provenance": "Input file|SHA-256|Time of the check|Tool",
    "XL.units_headers": "Spelling|Power of 10 (đồng)||Suggested units",
    "REPORT_NO_CHROMIUM": (
        "Chromium was not found to print the report to PDF; install the chromium package "
        "(apt-get install chromium) or use --html and print from a browser."
    ),
    "REPORT_PDF_FAILED": "Chromium could not print the report to PDF: {reason}.",
    "REPORT_REASON.exit": "Chromium stopped with exit code {code} and produced no PDF file",
    # likely causes
    "CAUSE_STATED_RESULT": (
        "Most likely the result was mistyped: with {computed} {unit}, as the product gives, {parent} matches."
    ),
    "CAUSE_FACTOR": (
        "Most likely the factor “{text}” was mistyped: with {value} the product gives exactly {stated} {unit}, "
        "and {stated} {unit} matches {parent}."
    ),
    "CAUSE_SOME_FACTOR": "The stated result {stated} {unit} matches {parent}, so most likely a factor is wrong.",
    "CAUSE_INTERMEDIATE": (
        "Most likely the intermediate result {stated} {unit} was mistyped: the product gives {computed} {unit}, "
        "and with {computed} {unit} the next step matches."
    ),
    "CAUSE_CHILD_LINE": (
        "Most likely line {line} ({label}): it states {stated} {unit} but the product gives {computed} {unit}; "
        "with {computed} {unit} the sum matches."
    ),
    "CAUSE_CHILD_SECTION": (
        "Most likely section {number}: it states {stated} {unit} but its items add up to {computed} {unit}; "
        "with {computed} {unit} the sum matches."
    ),
    "CAUSE_OWN_FIGURE": (
        "The items agree among themselves and {parent} matches {computed} {unit}: most likely the figure "
        "{stated} {unit} itself was mistyped."
    ),
    "CAUSE_OWN_FIGURE_TOP": "The items agree among themselves: most likely the figure {stated} {unit} was mistyped.",
    "CAUSE_OTHER_BREAKDOWN": (
        "The other breakdown adds up to {stated} {unit}: most likely an amount of this breakdown is wrong "
        "(it adds up to {computed} {unit})."
    ),
    "CAUSE_TRANSPOSED": "Perhaps two digits were swapped ({digits}): {stated} instead of {computed} {unit}.",
    "CAUSE_SCALE_SLIP": (
        "Perhaps a decimal point or unit slip: {stated} {unit} is {ratio} times the computed {computed} {unit}."
    ),
    "CAUSE_PART_LEFT_OUT": (
        "Perhaps {part} was left out: {value} {unit}; the items without it add up to exactly {stated} {unit}."
    ),
    "CAUSE_PART_TWICE": "Perhaps {part} was counted twice: {computed} + {value} = {stated} {unit}.",
    "CAUSE_LUMP_FIGURE": (
        "The section agrees with the level above and its computations are right; the only figure with no "
        "computation, {part} ({stated} {unit}), is the likely slip: {computed} {unit} would make the items add up."
    ),
    "CAUSE_PART_TRANSPOSED": (
        "Perhaps two digits of {part} were swapped ({digits}): {stated} instead of {computed} {unit}, with which the "
        "items add up."
    ),
    "CAUSE_PART_SCALE_SLIP": (
        "Perhaps {part} slipped a decimal place: {stated} instead of {computed} {unit}, with which the items add up."
    ),
    "CAUSE_MONTHLY_FOR_YEARLY": (
        "Perhaps a monthly figure where the whole period is due: {computed} {unit} divided by {months} "
        "is exactly {stated} {unit}."
    ),
    "CAUSE_SUBSET": "Perhaps the total covers only some items: without {parts} they add up to exactly {stated} {unit}.",
    "PART_LINE": "line {line} ({label})",
    "PART_SECTION": "section {number}",
    "PARTS_AND": "{first} and {second}",
    "PARTS_COMMA": "{first}, {second}",
    "PARENT_SECTION": "the sum of section {number}",
    "PARENT_TOTAL": "the grand total",
    "PARENT_NEXT_STEP": "the next step of the chain",
    # a verdict only from a complete reading (stated figures nothing checks, unread numbers)
    "UNCHECKED_AMOUNT.stated_only": (
        "The amount {value} {unit} is only stated: no computation, sum or amount in words to compare it with; "
        "it was not checked."
    ),
    "STATUS.stated": "Stated, not computed",
    "UNREAD.numbers": "{count:unreadable number|unreadable numbers}",
    "VERDICT.incomplete_nothing": "NOT FULLY CHECKED: nothing to compute",
    "VERDICT_DETAIL.nothing_checked": (
        "There is no product, sum or amount in words to compare{aside}, so it cannot be said to match."
    ),
    # grammar of written arithmetic (budget/grammar)
    "NUMBER_AMBIGUOUS.spaced_comma": "The number “{text}” has a space after its decimal comma; read as {value}.",
    "PRODUCT_ROUNDING": (
        "The computation {computation} = {computed} {unit}; the text states {stated} {unit} (off by {difference} "
        "{unit}), within the rounding ± {slack} {unit} of its last written digit; not an error if the result was "
        "rounded."
    ),
    "COSTLINE_LOOSE": (
        "The computation {computation} = {computed} {unit} does not match the {stated} {unit} stated, but the "
        "sentence holds the number “{text}”, which may be a factor; the line was not checked."
    ),
    # words-totals: amounts in words, thresholds and example figures, computations after a running total
    "WORDS_UNREADABLE": (
        "The amount in words “{words}” does not read as one number (a spoken shortening with two meanings, "
        "or misspelt); it was not compared with the figure."
    ),
    "WORDS_NOT_CHECKED": "The amount in words “{words}” ({said} đồng) has no figure beside it; it was not compared.",
    "LEGAL_FIGURES_SKIPPED": (
        "{count:amount is a threshold or a limit|amounts are thresholds or limits} of a rule (“từ ... trở lên”, "
        "“không quá”, “tối đa”...) or figures of a worked example: no spending, so neither added to a total "
        "nor counted as not checked."
    ),
    "PARTS_AFTER_TOTAL": (
        "Item {number} states “Tổng cộng” {stated} {unit} and computes more after it; those computations are "
        "checked on their own, not added to the item's total of {stated} {unit}."
    ),
    "PARTS_AFTER_TOTAL.text": (
        "The text states “Tổng cộng” {stated} {unit} and computes more after it in the same paragraph; those "
        "computations are checked on their own, not added to the total of {stated} {unit}."
    ),
    # tables as officers lay them out (group rows, label notes, amounts in words under a table)
    "TABLE_LABEL_PRODUCT": (
        "The label writes “{text}” = {value}, which matches none of the row's figures ({figures}); "
        "the amount is still computed from the columns, the label's product is a note."
    ),
    "TABLE_WORDS_NOT_CHECKED": (
        "The amount in words “{text}” under the table is not checked: the table states no total and a row "
        "states no amount."
    ),
    "TABLE_ROW_NOT_CHECKED.missing": (
        "Row “{label}” of the table lacks a factor (an empty cell or a column not identified); "
        "its amount {value} {unit} is not checked as a product."
    ),
    "TABLE_ROW_NOT_CHECKED.range": (
        "Row “{label}” of the table writes a range instead of a figure; its amount {value} {unit} is not "
        "checked as a product."
    ),
    "TABLE_ROW_NOT_CHECKED.unclear": (
        "Row “{label}” of the table has a cell that does not read as one figure (words or several rates); "
        "its amount {value} {unit} is not checked as a product."
    ),
    "TABLE_ROW_NOT_CHECKED.share": (
        "Row “{label}” is a share but no total to take it from was found; its amount {value} {unit} is not checked."
    ),
    "TABLE_NOT_CHECKED": (
        "The table on lines {first}–{last} has a header of merged cells, narrower than its rows of figures: "
        "which figure stands in which column cannot be known, so the table is not checked."
    ),
    "TABLE_CELLS_NOT_CHECKED": (
        "Lines {first}–{last} hold {count} figures each alone on its line (like the cells of a table) that "
        "could not be read as a table: these figures are not checked."
    ),
    "TABLE_COMPARISON_MISMATCH": (
        "Row “{label}”, column “{column}”: states {stated}, but the comparison every other row of the column "
        "agrees with gives {computed}."
    ),
    "TABLE_COMPARISON_MISMATCH.ratio": (
        "Row “{label}”, column “{column}”: states {stated}%, but the ratio of two money columns (which every "
        "other row of the column follows) is {computed}%."
    ),
    "TABLE_COMPARISON_MISMATCH.difference": (
        "Row “{label}”, column “{column}”: states {stated} {unit}, but the difference of two money columns "
        "(which every other row of the column follows) is {computed} {unit}."
    ),
    "TABLE_COMPARISON_MISMATCH.share": (
        "Row “{label}”, column “{column}”: states {stated}%, but the row's share of the total (which every "
        "other row of the column follows) is {computed}%."
    ),
    "TABLE_COMPARISON_NOT_CHECKED": (
        "Column “{column}” compares the money columns, but no comparison (ratio, difference, share of the "
        "total) agrees with its rows: its figures are not checked."
    ),
    "TABLE_PART_EXCEEDS_WHOLE": (
        "Row “{label}” states {part} {unit}, more than the row “{parent}” ({whole} {unit}) it is a part of "
        "(of which): a part cannot exceed the whole."
    ),
    "CHAIN_RESTATED": (
        "The sides of “{text}” are ways of computing the same result again (not steps one after another): "
        "each side is checked against the result on its own."
    ),
    "TABLE_SUM_NOT_CHECKED": (
        "Row “{label}” has rows under it but adds up to them in no column (a partial list, or a second "
        "breakdown); its sum is not checked."
    ),
    "TABLE_SUM_NOT_CHECKED.row": (
        "Row “{label}” has fewer cells than the table's other rows (merged cells): which figure is in which "
        "column is not known, so the row is not checked."
    ),
    "TABLE_SUM_NOT_CHECKED.cell": (
        "Cell “{cell}” of row “{label}” (column “{column}”) reads as no one figure: the sum it is a part of "
        "is not checked."
    ),
    "TABLE_COLUMN_NOT_CHECKED": (
        "Column “{column}” is no column of sums (most of its total rows are not the sum of the rows under "
        "them): its figures are not checked."
    ),
    "TABLE_COLUMN_NOT_CHECKED.cell": (
        "Column “{column}” has a cell “{cell}” that does not read as a figure: no sum that includes it is checked."
    ),
    "TABLE_COLUMN_NOT_CHECKED.beside": (
        "Column “{column}” stands after the amount column and no computation uses its figures: its figures "
        "are not checked."
    ),
    "TABLE_COLUMN_NOT_CHECKED.untotalled": (
        "Column “{column}” has no total row that adds it up and no computation uses its figures: its figures "
        "are not checked."
    ),
    "TABLE_ROW_NOT_CHECKED.across": (
        "Row “{label}” of the table writes figures that do not fit one total column and its part columns (blank "
        "cells leave no mark); its figure {value} {unit} is not checked as a sum."
    ),
    "TABLE_ROW_NOT_CHECKED.spare": (
        "Row “{label}” of the table has figures in columns whose part in the product is not known (such as "
        "“Số điểm”, “Tần suất”); its amount {value} {unit} is not checked as a product."
    ),
}


@dataclass(frozen=True)
class Phrase:
    """A piece of text inside another message (``tổng mục 2.2``), rendered with it."""

    code: str
    args: Mapping[str, object]


class Factors(tuple):  # type: ignore[type-arg]
    """Factors named in a message (``“2 lớp/khóa”, “2 năm/khóa”``), rendered only when read."""

    __slots__ = ()


def _show(value: object, lang: str = "vi") -> str:
    if isinstance(value, Decimal):
        return format_number(value, lang)
    if isinstance(value, Phrase):
        return render(value.code, value.args, lang)
    if isinstance(value, Fraction):
        if value.denominator == 1:
            return format_number(Decimal(value.numerator), lang)
        # in a context of a thousand digits: the default one holds 28, a figure may hold more
        wide = Context(prec=1000)
        as_decimal = wide.divide(Decimal(value.numerator), Decimal(value.denominator))
        if Fraction(as_decimal) == value:
            return format_number(as_decimal, lang)
        if value.denominator in (3, 6, 7, 9, 11, 12) and abs(value) < 1:
            return f"{value.numerator}/{value.denominator}"  # a clean fraction such as 1/12
        return "≈" + format_number(as_decimal.quantize(Decimal("0.01"), context=wide), lang)
    if isinstance(value, Factors):
        return ", ".join(f"“{q.text} {q.unit_text}”".replace(" ”", "”") for q in value)
    if isinstance(value, tuple):
        return " × ".join(_show(v, lang) for v in value)
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > _BIG_INT_BITS:
        # an integer of thousands of digits (a declared size in a hostile file): Python will not
        # print it, and no one reads it; its size is what matters
        return f"≈10^{int(value.bit_length() * _LOG10_2)}"
    if isinstance(value, str) and lang != "vi" and value:
        # a label the reader made (``Chia theo các mục bên dưới``, ``Bảng 2``), quoted or not, in
        # the language of the run; the document's own words as they are
        quoted = value.startswith("“") and value.endswith("”")
        made = label_in(value[1:-1] if quoted else value, lang)
        return f"“{made}”" if quoted else made
    return str(value)


_BIG_INT_BITS = 3000  # about 900 digits, well under the 4.300 Python prints
_LOG10_2 = 0.30103  # digits per bit, to say the size of a huge count (never an amount)


LANGUAGES = ("vi", "en")


# An English count with its noun, singular for 1: ``{errors:error|errors}`` reads ``1 error``,
# ``2 errors``, and the words may go on to a verb (``{rounded:sum differs|sums differ}``).
# Vietnamese has no plural and writes ``{errors} lỗi``.
_COUNTED = re.compile(r"(?<!\{)\{(\w+):([^{}|]*)\|([^{}|]*)\}")


def _counted(template: str, args: Mapping[str, object]) -> str:
    """``template`` with each counted noun in the number its count asks for."""
    if "|" not in template:
        return template

    def noun(m: re.Match[str]) -> str:
        return "{" + m[1] + "} " + (m[2] if str(args.get(m[1])) == "1" else m[3])

    return _COUNTED.sub(noun, template)


def render(code: str, args: Mapping[str, object], lang: str = "vi") -> str:
    """The text for ``code`` with ``args`` filled in: Vietnamese (Decimals in Vietnamese form) by
    default; ``lang="en"`` takes the English table, which has every code the Vietnamese one has."""
    template = _counted((TEMPLATES_EN if lang == "en" else TEMPLATES)[code], args)
    shown = {k: _show(v, lang) for k, v in args.items()}
    # an empty value (a count's unit) takes the space before it along: ``60,`` not ``60 ,``;
    # a unit that is ``%`` stands against its figure: ``45%``, not ``45 %``
    text = template.format(**{k: _EMPTY if v == "" else _PERCENT if k == "unit" and v == "%" else v
                              for k, v in shown.items()})  # fmt: skip
    return text.replace(" " + _EMPTY, "").replace(_EMPTY, "").replace(" " + _PERCENT, "%").replace(_PERCENT, "%")


_EMPTY = "\x00"
_PERCENT = "\x01"


@functools.cache
def filler(code: str, lang: str = "vi") -> Callable[..., str]:
    """``render(code, args, lang)`` with its template looked up once, for a text rendered on
    every row of a large plan (``dòng 45``); its arguments must be ints or non-empty texts,
    which ``render`` shows as they are."""
    template = (TEMPLATES_EN if lang == "en" else TEMPLATES)[code]
    if "|" in template:  # counted nouns: the template depends on the counts
        return lambda **args: render(code, args, lang)
    return template.format


# Labels the reader makes from this catalogue for what a document leaves unnamed (a table, a
# part of it, its two views): shown in the language of the run like every other word of ours.
_MADE_LABELS = (
    "TABLE_VIEW.part",
    "TABLE_VIEW.table",
    "TABLE_VIEW.rows",
    "TABLE_VIEW.columns",
    "TABLE_VIEW.total_column",
    "TABLE_VIEW.column",
    "TABLE_VIEW.either",
    "SPLIT_VIEW.inline",
    "SPLIT_VIEW.items",
)
_COUNT_FIELDS = frozenset({"n", "part"})  # fields that hold a number: ``Bảng kê`` is no ``Bảng {n}``


def _fields_of(template: str, text: str) -> dict[str, str] | None:
    """The fields of ``text`` if it is ``template`` filled in (a number where it holds one), else
    None. Plain string steps over the text, no pattern."""
    parts = list(_FORMATTER.parse(template))  # (literal before, field, spec, conversion)
    out: dict[str, str] = {}
    pos = 0
    for i, (literal, field, _, _) in enumerate(parts):
        if not text.startswith(literal, pos):
            return None
        pos += len(literal)
        if field is None:
            continue
        rest = parts[i + 1 :]
        following = rest[0][0] if rest else ""
        if all(f is None for _, f, _, _ in rest):  # the last field: up to the closing words
            end = len(text) - len(following) if text.endswith(following) else -1
        else:
            end = text.find(following, pos)
        value = text[pos:end] if end > pos else ""
        if not value or (field in _COUNT_FIELDS and not value.isdigit()):
            return None
        out[field] = value
        pos = end
    return out if pos == len(text) else None


def label_in(text: str, lang: str = "vi") -> str:
    """A label the reader made (``Bảng 2, phần 1``, ``Dự toán thu (theo dòng)``) in ``lang``; any
    other label, the document's own words, as it is."""
    if lang == "vi" or not text:
        return text
    for code in _MADE_LABELS:
        args = _fields_of(TEMPLATES[code], text)
        if args is not None:
            if "title" in args:
                args["title"] = label_in(args["title"], lang)
            return render(code, args, lang)
    return text


def severity(value: str, lang: str = "vi") -> str:
    """The word for a severity (``lỗi``, ``cảnh báo``, ``ghi chú``) in ``lang``."""
    return SEVERITY_EN[value] if lang == "en" else SEVERITY[value]
