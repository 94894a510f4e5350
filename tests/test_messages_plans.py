"""The exact words of what a plan text makes the reader and the checks say besides products and
sums: lines not read, numbers not read, figures stated twice, words, balances, legacy encodings,
in Vietnamese and English; one small invented plan each, its place asserted too."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from budget.findings import Finding, Severity
from tests.helpers import assert_message, check_text, only


def _at(f: Finding) -> tuple[Severity, int | None, int | None]:
    return f.severity, f.source.line, f.source.col


def test_a_line_read_with_a_number_left_in_its_label(tmp_path: Path) -> None:
    r = check_text(tmp_path, "Tổ chức 2 đợt tập huấn: 30 người x 100.000 đồng = 6.000.000 đồng\n")
    f = only(r.findings, "COSTLINE_LOOSE")
    assert _at(f) == (Severity.WARNING, 1, 9)
    assert_message(
        f,
        "COSTLINE_LOOSE",
        (
            "Phép tính 30 × 100.000 = 3.000.000 đồng không khớp với 6.000.000 đồng ghi trong văn bản, nhưng câu "
            "còn số “2” chưa rõ có phải là một thừa số hay không; dòng này chưa được kiểm tra."
        ),
        en=(
            "The computation 30 × 100,000 = 3,000,000 đồng does not match the 6,000,000 đồng stated, but the "
            "sentence holds the number “2”, which may be a factor; the line was not checked."
        ),
    )


def test_a_line_that_cannot_be_read(tmp_path: Path) -> None:
    r = check_text(tmp_path, "Kinh phí: 5 lớp x 12.34.5 triệu = 300 triệu đồng\n")
    f = only(r.findings, "COSTLINE_UNREADABLE")
    assert _at(f) == (Severity.WARNING, 1, 19)
    assert_message(
        f,
        "COSTLINE_UNREADABLE",
        (
            "Dòng có dạng phép tính (dấu nhân và dấu =) nhưng không đọc được “Kinh phí: 5 lớp x 12.34.5 triệu = "
            "300 triệu đồng”; dòng này không được kiểm tra."
        ),
        en=(
            "The line looks like a computation (a multiplication sign and =) but “Kinh phí: 5 lớp x 12.34.5 triệu "
            "= 300 triệu đồng” could not be read; the line was not checked."
        ),
    )


def test_a_number_too_long_and_a_number_malformed(tmp_path: Path) -> None:
    r = check_text(tmp_path, "Tổng kinh phí: " + "9" * 40 + " triệu đồng\n")
    f = only(r.findings, "NUMBER_TOO_LONG")
    assert _at(f) == (Severity.WARNING, 1, 16)
    assert_message(
        f,
        "NUMBER_TOO_LONG",
        (
            "Số “9999999999999999999999999999999999999999” có 40 chữ số, quá dài để tính chính xác; số này không "
            "được kiểm tra."
        ),
        en=(
            "The number “9999999999999999999999999999999999999999” has 40 digits, too long to compute exactly; it "
            "was not checked."
        ),
    )
    r = check_text(tmp_path, "KẾ HOẠCH\nIV. KINH PHÍ\n1. Hội nghị: 1.2.3,4 triệu đồng\n")
    f = only(r.findings, "NUMBER_MALFORMED")
    assert _at(f) == (Severity.WARNING, 3, 14)
    assert_message(
        f,
        "NUMBER_MALFORMED",
        "Không đọc được số “1.2.3,4”.",
        en="Cannot read the number “1.2.3,4”.",
    )


def test_a_product_within_the_rounding_of_its_result(tmp_path: Path) -> None:
    r = check_text(tmp_path, "Vốn đối ứng: 3,15 tỷ đồng x 23% = 0,725 tỷ đồng\n")  # 0,7245
    f = only(r.findings, "PRODUCT_ROUNDING")
    assert (f.severity, f.expected, f.actual) == (Severity.WARNING, Decimal("0.7245"), Decimal("0.725"))
    assert_message(
        f,
        "PRODUCT_ROUNDING",
        (
            "Phép tính 3,15 × 23% = 0,7245 tỷ đồng; văn bản ghi 0,725 tỷ đồng (chênh 0,0005 tỷ đồng), trong phạm "
            "vi làm tròn ± 0,0005 tỷ đồng của chữ số cuối được ghi; không phải lỗi nếu kết quả được làm tròn."
        ),
        en=(
            "The computation 3.15 × 23% = 0.7245 tỷ đồng; the text states 0.725 tỷ đồng (off by 0.0005 tỷ đồng), "
            "within the rounding ± 0.0005 tỷ đồng of its last written digit; not an error if the result was "
            "rounded."
        ),
    )


def test_the_grand_total_stated_twice(tmp_path: Path) -> None:
    text = (
        "IV. KINH PHÍ\nTổng kinh phí: 2.000 triệu đồng.\n1. Hội nghị: 1.200 triệu đồng.\n"
        "2. Tập huấn: 800 triệu đồng.\nTổng cộng: 2.100 triệu đồng.\n"
    )
    f = only(check_text(tmp_path, text).findings, "TOTAL_STATED_TWICE")
    assert _at(f)[:2] == (Severity.ERROR, 5)
    assert_message(
        f,
        "TOTAL_STATED_TWICE",
        (
            "Tổng ghi hai lần với hai số khác nhau: trước ghi 2.000 triệu đồng, ở đây ghi 2.100 triệu đồng; không "
            "đối chiếu được cho đến khi thống nhất."
        ),
        en=(
            "The total is stated twice with two figures: 2,000 triệu đồng before, 2,100 triệu đồng here; it "
            "cannot be checked until they agree."
        ),
    )


def test_a_figure_stated_twice(tmp_path: Path) -> None:
    text = (
        "KẾ HOẠCH TỔ CHỨC NGÀY HỘI ĐỌC SÁCH\nTổng kinh phí: 3.850.000 đồng\n\n"
        "| STT | Nội dung | Số lượng | Đơn giá | Thành tiền |\n| 1 | Phần thưởng | 40 | 25.000 | 1.000.000 |\n"
        "| 2 | Sách tặng | 80 | 35.000 | 2.800.000 |\n| | Tổng cộng | | | 3.800.000 |\n"
    )
    f = only(check_text(tmp_path, text).findings, "FIGURE_STATED_TWICE")
    assert (f.severity, f.source.line, f.expected, f.actual) == (
        Severity.ERROR,
        2,
        Decimal(3_800_000),
        Decimal(3_850_000),
    )
    assert_message(
        f,
        "FIGURE_STATED_TWICE",
        (
            "Cùng một khoản được ghi hai số khác nhau: 3.850.000 đồng ở đây và 3.800.000 đồng ở "
            f"{tmp_path / 't.txt'}:7; không đoán số nào đúng, cần đối "
            "chiếu hai chỗ."
        ),
        en=(
            "The same amount is stated twice with different figures: 3,850,000 đồng here and 3,800,000 đồng at "
            f"{tmp_path / 't.txt'}:7; which one is right is not "
            "guessed, compare the two places."
        ),
    )


_DRAWING = (
    "KẾ HOẠCH TỔ CHỨC HỘI THI VẼ TRANH\nIV. KINH PHÍ\nTổng kinh phí: {total}\n"
    "1. Giấy vẽ, màu: 60 bộ x 35.000 đồng = 2.100.000 đồng\n2. Giải thưởng: 12 giải x 100.000 đồng = 1.200.000 đồng\n"
)


def test_amounts_in_words(tmp_path: Path) -> None:
    r = check_text(tmp_path, _DRAWING.format(total="3.300.000 đồng (Bằng chữ: Ba triệu bốn trăm nghìn đồng)"))
    f = only(r.findings, "WORDS_MISMATCH")
    assert (f.severity, f.source.line, f.expected, f.actual) == (
        Severity.ERROR,
        3,
        Decimal(3_300_000),
        Decimal(3_400_000),
    )
    assert_message(
        f,
        "WORDS_MISMATCH",
        (
            "Số tiền bằng chữ “Ba triệu bốn trăm nghìn đồng” là 3.400.000 đồng, nhưng số ghi bằng số là 3.300.000 "
            "đồng; hai cách ghi phải là một số."
        ),
        en=(
            "The amount in words “Ba triệu bốn trăm nghìn đồng” is 3,400,000 đồng, but the figure in digits is "
            "3,300,000 đồng; both must be one amount."
        ),
    )
    far = _DRAWING.format(total="3.300.000 đồng") + "\nGhi chú chung\nBằng chữ: Ba triệu bốn trăm nghìn đồng\n"
    f = only(check_text(tmp_path, far).findings, "WORDS_NOT_CHECKED")
    assert _at(f) == (Severity.WARNING, 8, 11)
    assert_message(
        f,
        "WORDS_NOT_CHECKED",
        (
            "Số tiền bằng chữ “Ba triệu bốn trăm nghìn đồng” (3.400.000 đồng) không có số ghi bằng số đứng cạnh; "
            "chưa đối chiếu được."
        ),
        en=(
            "The amount in words “Ba triệu bốn trăm nghìn đồng” (3,400,000 đồng) has no figure beside it; it was "
            "not compared."
        ),
    )
    two = _DRAWING.format(total="3.300.000 đồng (Bằng chữ: hai triệu năm)")
    f = only(check_text(tmp_path, two).findings, "WORDS_UNREADABLE")
    assert _at(f)[:2] == (Severity.WARNING, 3)
    assert_message(
        f,
        "WORDS_UNREADABLE",
        (
            "Số tiền bằng chữ “hai triệu năm” không đọc được thành một số duy nhất (cách nói tắt có hai nghĩa "
            "hoặc viết sai); chưa đối chiếu được với số ghi bằng số."
        ),
        en=(
            "The amount in words “hai triệu năm” does not read as one number (a spoken shortening with two "
            "meanings, or misspelt); it was not compared with the figure."
        ),
    )


def test_spending_and_revenue_that_differ(tmp_path: Path) -> None:
    text = (
        "NGHỊ QUYẾT\nVề dự toán ngân sách huyện năm 2025\nĐiều 1. Thông qua dự toán ngân sách năm 2025 như sau:\n"
        "1. Tổng thu ngân sách huyện năm 2025 là: 1.250.300 triệu đồng.\n"
        "2. Tổng chi ngân sách huyện năm 2025 là: 1.262.300 triệu đồng.\n"
    )
    f = only(check_text(tmp_path, text).findings, "BALANCE_DIFFERS")
    assert (f.severity, f.source.line, f.expected, f.actual) == (
        Severity.WARNING,
        5,
        Decimal(1_250_300),
        Decimal(1_262_300),
    )
    assert_message(
        f,
        "BALANCE_DIFFERS",
        (
            "Tổng chi ngân sách huyện ghi 1.262.300 triệu đồng, khác tổng thu 1.250.300 triệu đồng (chênh 12.000 "
            "triệu đồng); dự toán được thông qua thường cân đối thu chi, cần xem có bội chi hay kết dư được nêu "
            "không."
        ),
        en=(
            "Total spending of ngân sách huyện is 1,262,300 triệu đồng, not the total revenue 1,250,300 triệu "
            "đồng (difference 12,000 triệu đồng); an adopted budget is normally balanced: check whether a deficit "
            "or surplus is stated."
        ),
    )


def test_figures_of_rules_and_examples_are_skipped(tmp_path: Path) -> None:
    text = (
        "QUY ĐỊNH MỨC HỖ TRỢ\nĐiều 2. Mức hỗ trợ\n1. Hộ bị thiệt hại về nhà ở:\n"
        "a) Thiệt hại từ 2.000.000 đồng trở lên đến dưới 10.000.000 đồng: hỗ trợ không quá 1.500.000 đồng.\n"
        "b) Thiệt hại từ 10.000.000 đồng trở lên: hỗ trợ tối đa 4.000.000 đồng.\n"
    )
    f = only(check_text(tmp_path, text).findings, "LEGAL_FIGURES_SKIPPED")
    assert _at(f) == (Severity.INFO, 4, 17)
    assert_message(
        f,
        "LEGAL_FIGURES_SKIPPED",
        (
            "5 số tiền là ngưỡng hoặc mức giới hạn trong quy định (“từ ... trở lên”, “không quá”, “tối đa”...) "
            "hoặc số trong ví dụ minh hoạ; đó không phải khoản chi nên không cộng vào tổng và không tính là chưa "
            "kiểm tra."
        ),
        en=(
            "5 amounts are thresholds or limits of a rule (“từ ... trở lên”, “không quá”, “tối đa”...) or figures "
            "of a worked example: no spending, so neither added to a total nor counted as not checked."
        ),
    )


def test_a_second_breakdown_after_a_total(tmp_path: Path) -> None:
    text = (
        "KẾ HOẠCH TẬP HUẤN\nIV. KINH PHÍ THỰC HIỆN\nTổng kinh phí: 12.000.000 đồng, gồm:\n"
        "a) Tập huấn: 30 người x 100.000 đồng = 3.000.000 đồng; tài liệu 30 bộ x 50.000 đồng = 1.500.000 đồng"
        ". Tổng cộng là: 4.500.000 đồng. Theo mức mới: 30 người x 120.000 đồng = 3.600.000 đồng.\n"
        "b) Hội nghị sơ kết: 5.500.000 đồng\nc) Khen thưởng: 10 suất x 200.000 đồng = 2.000.000 đồng\n"
    )
    f = only(check_text(tmp_path, text).findings, "PARTS_AFTER_TOTAL")
    assert _at(f)[:2] == (Severity.WARNING, 4)
    assert_message(
        f,
        "PARTS_AFTER_TOTAL",
        (
            "Mục a ghi “Tổng cộng” 4.500.000 đồng rồi còn phép tính sau đó; các phép tính sau được kiểm tra "
            "riêng, không cộng vào tổng 4.500.000 đồng của mục."
        ),
        en=(
            "Item a states “Tổng cộng” 4,500,000 đồng and computes more after it; those computations are checked "
            "on their own, not added to the item's total of 4,500,000 đồng."
        ),
    )


def test_counts_of_a_table_that_do_not_add_up(tmp_path: Path) -> None:
    text = (
        "KẾ HOẠCH THU TIỀN HỌC THÊM NĂM HỌC 2024-2025\nMức thu: 50.000đ/ tháng\n"
        "Diễn giải Khối 6 Khối 7 Khối 8 Tổng cộng Ghi chú\nI. Số học sinh\n"
        "Học sinh học buổi sáng 30 41 25 96\nHọc sinh học buổi chiều 12 9 20 41\nHọc sinh khuyết tật 2 2\n"
        "Tổng cộng số học sinh 43 52 45 139\nII. Dự toán thu\n"
        "Học sinh học buổi sáng 1,500,000 2,050,000 1,250,000 4,800,000\n"
        "Học sinh học buổi chiều 600,000 450,000 1,000,000 2,050,000\n"
        "Tổng cộng số tiền thu 2,100,000 2,500,000 2,250,000 6,850,000\n"
    )
    r = check_text(tmp_path, text)
    f = only(r.findings, "COUNT_SUM_MISMATCH")
    assert (f.severity, f.source.line, f.expected, f.actual, f.unit) == (
        Severity.ERROR,
        8,
        Decimal(42),
        Decimal(43),
        None,
    )
    assert_message(
        f,
        "COUNT_SUM_MISMATCH",
        (
            "Số đếm không khớp: “Tổng cộng số học sinh – Khối 6” ghi 43, nhưng cộng các số thành phần được 42 "
            "(chênh lệch 1)."
        ),
        en=(
            "Counts do not add up: “Tổng cộng số học sinh – Khối 6” states 43, but its parts add up to 42 "
            "(difference 1)."
        ),
    )
    f = only(r.findings, "TABLE_COUNT_PLACED")
    assert f.message_key == "TABLE_COUNT_PLACED.best"
    assert_message(
        f,
        "TABLE_COUNT_PLACED",
        (
            "Dòng “Học sinh khuyết tật” chỉ ghi 1 số, không rõ thuộc cột nào; đã đặt vào cột Khối 7, cách đặt để "
            "nhiều tổng theo cột khớp nhất."
        ),
        en=(
            "The row “Học sinh khuyết tật” writes only 1 figure, in no stated column; placed in Khối 7, the "
            "placement under which most column totals agree."
        ),
    )


def test_a_text_in_a_legacy_encoding(tmp_path: Path) -> None:
    r = check_text(tmp_path, "KÕ ho¹ch\nKinh phÝ ®­îc khuyÕn khÝch\nDù to¸n ¸¸\n")
    assert [(f.code, f.source.line) for f in r.findings if f.code.startswith("LEGACY_")] == [
        ("LEGACY_CONVERTED", 1),
        ("LEGACY_CONVERTED", 2),
        ("LEGACY_UNCERTAIN", 3),
    ]
    f = r.findings[0]
    assert_message(
        f,
        "LEGACY_CONVERTED",
        "Dòng này gõ bằng phông chữ cũ TCVN3 (hiện thành ký tự lạ); đã chuyển sang Unicode trước khi đọc.",
        en=(
            "This line was typed in the legacy TCVN3 font (it shows as odd characters); converted to Unicode "
            "before reading."
        ),
    )
    f = only(r.findings, "LEGACY_UNCERTAIN")
    assert _at(f)[:2] == (Severity.WARNING, 3)
    assert_message(
        f,
        "LEGACY_UNCERTAIN",
        (
            "Dòng này có vẻ gõ bằng phông chữ cũ TCVN3 nhưng không chuyển chắc chắn được; giữ nguyên, hãy chuyển "
            "mã văn bản sang Unicode (ví dụ bằng Unikey) rồi kiểm tra lại."
        ),
        en=(
            "This line looks typed in the legacy TCVN3 font but cannot be converted with certainty; left as it "
            "is: convert the text to Unicode (e.g. with Unikey) and check again."
        ),
    )


def test_sections_nested_too_deep(tmp_path: Path) -> None:
    numbers = [".".join(["1"] * depth) for depth in range(1, 63)]
    text = "KẾ HOẠCH\n" + "".join(f"{n}. Mục {n}: 10 triệu đồng\n" for n in numbers)
    deep = [f for f in check_text(tmp_path, text).findings if f.code == "NESTING_TOO_DEEP"]
    assert [(f.severity, f.source.line) for f in deep] == [(Severity.WARNING, 62)]  # the 61st level, once
    f = deep[0]
    assert_message(
        f,
        "NESTING_TOO_DEEP",
        "Các mục lồng nhau quá 60 cấp; các mục sâu hơn được coi là cùng cấp 60.",
        en="Items are nested more than 60 levels deep; deeper items are taken at level 60.",
    )
