"""Legacy encodings: TCVN3 and VNI mojibake found and repaired, correct Unicode left alone."""

from __future__ import annotations

import string
import time
import unicodedata
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from budget.read.legacy import (
    TCVN3,
    TCVN3_BYTES,
    TCVN3_TABLE,
    VNI,
    VNI_TABLE,
    LegacyNote,
    decode_cp1258,
    detect,
    is_syllable,
    repair_line,
    repair_text,
)

# ---------------------------------------------------------------------------------------------
# The tables

# Lower-case Vietnamese letters beyond ASCII, written out by hand (67 of them).
VIETNAMESE_LOWER = ("àảãáạ ăằẳẵắặ âầẩẫấậ èẻẽéẹ êềểễếệ ìỉĩíị òỏõóọ ôồổỗốộ ơờởỡớợ ùủũúụ ưừửữứự ỳỷỹýỵ đ").replace(" ", "")


def test_tcvn3_table_has_one_code_per_lower_case_letter_and_seven_capitals() -> None:
    assert len(VIETNAMESE_LOWER) == 67
    assert sorted(TCVN3_BYTES.values()) == sorted(VIETNAMESE_LOWER + "ĂÂÊÔƠƯĐ")
    assert len(set(TCVN3_BYTES.values())) == len(TCVN3_BYTES) == 74
    assert all(0xA1 <= b <= 0xFE for b in TCVN3_BYTES)
    assert {b: TCVN3_BYTES[b] for b in range(0xA1, 0xA8)} == dict(zip(range(0xA1, 0xA8), "ĂÂÊÔƠƯĐ", strict=True))


@pytest.mark.parametrize(
    ("byte", "letter"),
    [
        (0xB5, "à"), (0xB6, "ả"), (0xB7, "ã"), (0xB8, "á"), (0xB9, "ạ"),
        (0xA8, "ă"), (0xBB, "ằ"), (0xBC, "ẳ"), (0xBD, "ẵ"), (0xBE, "ắ"), (0xC6, "ặ"),
        (0xA9, "â"), (0xC7, "ầ"), (0xCB, "ậ"), (0xAE, "đ"), (0xA7, "Đ"), (0xAD, "ư"),
        (0xD6, "ệ"), (0xDC, "ĩ"), (0xE3, "ó"), (0xE9, "ộ"), (0xF1, "ủ"), (0xF3, "ú"),
        (0xF9, "ự"), (0xFD, "ý"), (0xFE, "ỵ"),
    ],
)  # fmt: skip
def test_tcvn3_codes(byte: int, letter: str) -> None:
    assert TCVN3_BYTES[byte] == letter
    # The mojibake character is the byte read as Windows-1252 (or Latin-1).
    assert TCVN3_TABLE[bytes([byte]).decode("cp1252")] == letter
    assert TCVN3_TABLE[bytes([byte]).decode("latin-1")] == letter


def test_vni_table_is_a_code_for_every_letter() -> None:
    letters = VIETNAMESE_LOWER + VIETNAMESE_LOWER.upper()
    assert sorted(VNI_TABLE.values()) == sorted(letters)
    assert all(1 <= len(code) <= 2 for code in VNI_TABLE)


@pytest.mark.parametrize(
    ("code", "letter"),
    [
        ("aù", "á"), ("aø", "à"), ("aû", "ả"), ("aõ", "ã"), ("aï", "ạ"),
        ("aâ", "â"), ("aá", "ấ"), ("aà", "ầ"), ("aå", "ẩ"), ("aã", "ẫ"), ("aä", "ậ"),
        ("aê", "ă"), ("aé", "ắ"), ("aè", "ằ"), ("aú", "ẳ"), ("aü", "ẵ"), ("aë", "ặ"),
        ("eä", "ệ"), ("oá", "ố"), ("ô", "ơ"), ("ôù", "ớ"), ("ö", "ư"), ("öï", "ự"),
        ("ñ", "đ"), ("í", "í"), ("ì", "ì"), ("æ", "ỉ"), ("ó", "ĩ"), ("ò", "ị"),
        ("yù", "ý"), ("î", "ỵ"), ("Ñ", "Đ"), ("AÙ", "Á"), ("EÄ", "Ệ"), ("Ö", "Ư"), ("Î", "Ỵ"),
    ],
)  # fmt: skip
def test_vni_codes(code: str, letter: str) -> None:
    assert VNI_TABLE[code] == letter


# ---------------------------------------------------------------------------------------------
# Syllables


@pytest.mark.parametrize(
    "word",
    "dự toán thu chi ngân sách nhà nước điện thắp sáng và chạy quạt được người nghiêng khuyến "
    "quốc giữa của gì gìn già thuở hoá hóa ưu ươm yếu oà ạ ấy ổn ở ý ích inh ếch uống xoong "
    "quyển nguyên Việt thuế ngoằn toàn huỳnh lý kỹ kể kí quý khuya khuỷu ngoéo rượu hoạch "
    "khuếch tuần DỰ TOÁN Điện".split(),
)
def test_real_syllables_are_valid(word: str) -> None:
    assert is_syllable(word)
    assert is_syllable(unicodedata.normalize("NFD", word))


@pytest.mark.parametrize(
    "word",
    ["toỏn", "cỏc", "ka", "ci", "ngha", "nghành", "gê", "Dửù", "aủo", "tiờu", "â", "ẵ", "Đ", "to¸n", "café", "dự toán"],
)
def test_non_syllables_are_invalid(word: str) -> None:
    assert not is_syllable(word)


# ---------------------------------------------------------------------------------------------
# Repairing lines

# Real mojibake, written by hand from the font tables (not produced by the code under test).
TCVN3_LINES = [
    ("Dù to¸n thu", "Dự toán thu"),
    ("dù to¸n thu", "dự toán thu"),
    ("§iÖn th¾p s¸ng vµ ch¹y qu¹t", "Điện thắp sáng và chạy quạt"),
    ("Céng hoµ x· héi chñ nghÜa ViÖt Nam", "Cộng hoà xã hội chủ nghĩa Việt Nam"),
    ("§éc lËp - Tù do - H¹nh phóc", "Độc lập - Tự do - Hạnh phúc"),
    ("Tr\xadêng häc", "Trường học"),
    ("§¬n vÞ tÝnh: ®ång", "Đơn vị tính: đồng"),
    ("I. Dù to¸n: Cã", "I. Dự toán: Có"),
]
VNI_LINES = [
    ("Döï toaùn", "Dự toán"),
    ("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", "Cộng hòa xã hội chủ nghĩa Việt Nam"),
    ("Ñoäc laäp - Töï do - Haïnh phuùc", "Độc lập - Tự do - Hạnh phúc"),
    ("COÄNG HOØA XAÕ HOÄI CHUÛ NGHÓA VIEÄT NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    ("Thaønh phoá Hoà Chí Minh, naêm 2024", "Thành phố Hồ Chí Minh, năm 2024"),
    ("Kinh phí ñöôïc khuyeán khích", "Kinh phí được khuyến khích"),
]


@pytest.mark.parametrize(("line", "repaired"), TCVN3_LINES)
def test_tcvn3_lines(line: str, repaired: str) -> None:
    r = repair_line(line)
    assert (r.text, r.encoding, r.certain, r.cols) == (repaired, TCVN3, True, None)
    assert len(r.text) == len(line)  # one character for one: columns stay valid
    assert detect(line).encoding == TCVN3


@pytest.mark.parametrize(("line", "repaired"), VNI_LINES)
def test_vni_lines(line: str, repaired: str) -> None:
    r = repair_line(line)
    assert (r.text, r.encoding, r.certain) == (repaired, VNI, True)
    assert detect(line).encoding == VNI
    assert r.cols is not None and len(r.cols) == len(r.text)
    # Every character comes from the first character of its code in the original line.
    for ch, col in zip(r.text, r.cols, strict=True):
        assert ch in (VNI_TABLE.get(line[col : col + 2]), VNI_TABLE.get(line[col], line[col]))


def test_examples_exactly() -> None:
    assert repair_line("Dù to¸n thu") == ("Dự toán thu", TCVN3, True, [(0, 7)], None)
    # A lone "d" is ASCII and stays; only the run that reads as Vietnamese changes.
    assert repair_line("d to¸n thu") == ("d toán thu", TCVN3, True, [(2, 6)], None)
    assert repair_line("§iÖn th¾p s¸ng vµ ch¹y qu¹t") == (
        "Điện thắp sáng và chạy quạt",
        TCVN3,
        True,
        [(0, 27)],
        None,
    )
    assert repair_line("Döï toaùn") == ("Dự toán", VNI, True, [(0, 9)], [0, 1, 3, 4, 5, 6, 8])


def test_mixed_line_repairs_only_the_run() -> None:
    line = "Điện thắp sáng và chạy quạt: §iÖn th¾p s¸ng vµ ch¹y qu¹t 1.234.000 đồng"
    r = repair_line(line)
    assert r.text == "Điện thắp sáng và chạy quạt: Điện thắp sáng và chạy quạt 1.234.000 đồng"
    assert r.spans == [(29, 56)]
    assert line[29:56] == "§iÖn th¾p s¸ng vµ ch¹y qu¹t"
    assert (r.encoding, r.certain, r.cols) == (TCVN3, True, None)


def test_mixed_line_without_punctuation_between() -> None:
    # "phí" reads both ways (TCVN3 "phớ"); its nearer decisive neighbour, "điện", is Unicode.
    r = repair_line("Kinh phí điện §iÖn th¾p s¸ng")
    assert r.text == "Kinh phí điện Điện thắp sáng"
    assert r.spans == [(14, 28)]


def test_a_tie_between_neighbours_is_left_and_uncertain() -> None:
    # "sáng" is valid Unicode and valid TCVN3 ("sỏng"), between Unicode "thắp" and TCVN3 "§iÖn".
    r = repair_line("Điện thắp sáng §iÖn th¾p s¸ng")
    assert r.text == "Điện thắp sáng Điện thắp sáng"
    assert r.certain is False


def test_capitals_typed_in_vntimeh() -> None:
    # .VnTimeH draws the lower-case codes as capitals: capital ASCII letters beside codes.
    assert repair_line("§IÒU 5. Dù TO¸N THU NG¢N S¸CH N¡M 2024").text == "ĐIỀU 5. DỰ TOÁN THU NGÂN SÁCH NĂM 2024"
    assert repair_line("§Ó THùC HIÖN").text == "ĐỂ THỰC HIỆN"
    # § is the capital Đ; beside small letters the rest stays small.
    assert repair_line("UBND §Ó thùc hiÖn").text == "UBND Để thực hiện"


def test_administrative_abbreviations_convert_without_doubt() -> None:
    r = repair_line("QuyÕt ®Þnh sè 12/Q§-UBND ngµy 5/1/2024")
    assert (r.text, r.certain) == ("Quyết định số 12/QĐ-UBND ngày 5/1/2024", True)
    assert r.spans == [(0, 13), (17, 19), (25, 29)]
    assert repair_line("Tæng: 1.000 ®").text == "Tổng: 1.000 đ"
    # Alone they are no evidence: ® is also the registered sign.
    assert repair_line("Microsoft ® Windows").encoding is None


def test_nfd_mojibake_is_composed_and_mapped_back() -> None:
    line = unicodedata.normalize("NFD", "§iÖn th¾p")  # Ö became O + U+0308
    r = repair_line(line)
    assert r.text == "Điện thắp"
    assert r.cols == [0, 1, 2, 4, 5, 6, 7, 8, 9]


def test_garbage_inside_a_legacy_line_is_converted_but_uncertain() -> None:
    # "¸¸" reads "áá": no syllable either way, inside a line that is TCVN3 throughout.
    r = repair_line("Dù to¸n ¸¸")
    assert r.text == "Dự toán áá"
    assert r.certain is False


@pytest.mark.parametrize(
    "line",
    [
        "µm",
        "5 µm",
        "§ 2",
        "§2.1",
        "©",
        "© 2024 Công ty",
        "°C",
        "25 °C",
        "±5%",
        "1.234,5",
        "1.234.567,89 đồng",
        "N·m",
        "2 × 3 × 4",
        "½ giờ",
        "Nhiệt độ 25 °C, độ ẩm ±5%, bụi 10 µm",
        "Dự toán thu ngân sách nhà nước năm 2024",
        "Hôm nay tôi đi chợ",
        "café, naïve, Müller, José, où, déjà",
        "The budget for 2024 is 1,234,567 VND",
        "«Dự toán» ¶ 3",
        "",
    ],
)
def test_no_false_detection(line: str) -> None:
    assert detect(line) == (None, 0.0, 0)
    assert repair_line(line) == (line, None, True, [], None)
    nfd = unicodedata.normalize("NFD", line)
    assert detect(nfd).encoding is None
    assert repair_line(nfd).text == nfd


def test_repair_text_notes_lines_and_keeps_line_ends() -> None:
    text = "Dự toán năm 2024\r\n§iÖn th¾p s¸ng\nDöï toaùn\rKhông đổi\n"
    repaired, notes = repair_text(text)
    assert repaired == "Dự toán năm 2024\r\nĐiện thắp sáng\nDự toán\rKhông đổi\n"
    assert notes == [
        LegacyNote(2, TCVN3, True, ((0, 14),), None),
        LegacyNote(3, VNI, True, ((0, 9),), (0, 1, 3, 4, 5, 6, 8)),
    ]


def test_detect_reads_many_lines() -> None:
    d = detect("Tiêu đề\n§iÖn th¾p s¸ng vµ ch¹y qu¹t\nDù to¸n")
    assert d.encoding == TCVN3
    assert d.evidence == 7
    assert 0.99 < d.confidence <= 1.0
    assert detect("to¸n") == (TCVN3, 0.75, 1)


# ---------------------------------------------------------------------------------------------
# Windows-1258


def cp1258_bytes(text: str) -> bytes:
    """Vietnamese text as Windows-1258 writes it: a letter with its shape, then the tone mark."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            nfd = unicodedata.normalize("NFD", ch)
            tones = "".join(c for c in nfd if c in "\u0300\u0301\u0303\u0309\u0323")
            base = unicodedata.normalize("NFC", "".join(c for c in nfd if c not in tones))
            out += (base + tones).encode("cp1258")
    return bytes(out)


def test_cp1258() -> None:
    text = "Dự toán thu chi ngân sách nhà nước năm 2024: 1.234.567 đồng\nĐiện thắp sáng, chạy quạt"
    data = cp1258_bytes(text)
    assert data != text.encode("utf-8")
    assert decode_cp1258(data) == text
    assert decode_cp1258(text.encode("utf-8")) is None  # UTF-8 read as Windows-1258 is no Vietnamese
    assert decode_cp1258(b"plain ASCII 123") is None
    assert decode_cp1258(b"\x81\x8a") is None  # undefined in Windows-1258
    assert decode_cp1258("café crème".encode("cp1252")) is None


# ---------------------------------------------------------------------------------------------
# Generated text: real syllables with random tones

SKELETONS = (
    "dư toan thu chi ngân sach nha nươc điên thăp sang va chay quat kinh phi hoat đông đao tao bôi "
    "dương mua săm tai san trang thiêt bi công tac văn phong pham xăng xe ô tô hôi nghi lương phu "
    "câp khoan đong gop bao hiêm xa y tê thât nghiêp sưa chưa nho thương xuyên nguôn quy tiên gưi "
    "khuyên khich huân luyên giư gin ươc uông yêu câu ngươi năm tinh huyên phương ban hanh kê hoach "
    "thuc hiên nhiêm vu muc tiêu đinh mưc hô trơ khoe thuê ngoai quyêt"
).split()
TONES = "\u0301\u0300\u0309\u0303\u0323"  # sắc, huyền, hỏi, ngã, nặng
SHAPED = "ăâêôơư"
VOWELS = "aăâeêioôơuưy"


def with_tone(skeleton: str, tone: int) -> str:
    """``skeleton`` with tone 0..5 on its main vowel (placement the validator need not check)."""
    if tone == 0:
        return skeleton
    start = 2 if skeleton[:2] in ("gi", "qu") and len(skeleton) > 2 and skeleton[2] in VOWELS else 0
    vowels = [i for i in range(start, len(skeleton)) if skeleton[i] in VOWELS]
    shaped = [i for i in vowels if skeleton[i] in SHAPED]
    if shaped:
        at = shaped[-1]
    elif vowels[-1] < len(skeleton) - 1:  # a coda follows
        at = vowels[-1]
    elif len(vowels) == 3:
        at = vowels[1]
    elif len(vowels) == 2 and skeleton[vowels[0] : vowels[0] + 2] in ("oa", "oe", "uy"):
        at = vowels[1]
    else:
        at = vowels[0]
    return unicodedata.normalize("NFC", skeleton[: at + 1] + TONES[tone - 1] + skeleton[at + 1 :])


@st.composite
def syllables(draw: st.DrawFn) -> str:
    skeleton = draw(st.sampled_from(SKELETONS))
    stop = skeleton.endswith(("c", "ch", "p", "t"))
    tone = draw(st.sampled_from((1, 5) if stop else (0, 1, 2, 3, 4, 5)))
    return with_tone(skeleton, tone)


SEPARATORS = st.sampled_from([" ", " ", " ", ", ", " - ", ": ", " 1.234,5 ", " (", ") "])


@st.composite
def sentences(draw: st.DrawFn, strong: tuple[str, ...] = ()) -> str:
    words = draw(st.lists(syllables(), min_size=1, max_size=10))
    if strong:
        words.insert(draw(st.integers(0, len(words))), draw(st.sampled_from(strong)))
    out = [words[0]]
    for w in words[1:]:
        out += [draw(SEPARATORS), w]
    return "".join(out)


TCVN3_CODE = {letter: code for code, letter in TCVN3_TABLE.items()}
VNI_CODE = {letter: code for code, letter in VNI_TABLE.items()}


def to_tcvn3(text: str) -> str:
    """Unicode → the TCVN3 bytes read as Windows-1252: the inverse of the table."""
    return "".join(TCVN3_CODE.get(ch, ch) for ch in text)


def to_vni(text: str) -> str:
    return "".join(VNI_CODE.get(ch, ch) for ch in text)


def capitalise(text: str, encodable: Callable[[str], bool]) -> str:
    return text[0].upper() + text[1:] if encodable(text[0].upper()) else text


# Words that are no syllable as coded, so each sentence carries clear evidence.
STRONG = ("toán", "điện", "thắp", "chạy", "quạt", "được", "người", "thực")


@settings(max_examples=300)
@given(sentences(STRONG), st.booleans())
def test_tcvn3_round_trip(text: str, title: bool) -> None:
    if title:  # TCVN3 has capitals only for ASCII and Ă Â Ê Ô Ơ Ư Đ
        text = capitalise(text, lambda c: c.isascii() or c in TCVN3_CODE)
    mojibake = to_tcvn3(text)
    assert mojibake.encode("cp1252").decode("cp1252") == mojibake
    assert detect(mojibake).encoding == TCVN3
    r = repair_line(mojibake)
    assert (r.text, r.encoding, r.certain, r.cols) == (text, TCVN3, True, None)


@settings(max_examples=300)
@given(sentences(STRONG), st.sampled_from(["lower", "title", "upper"]))
def test_vni_round_trip(text: str, case: str) -> None:
    if case == "title":
        text = capitalise(text, lambda c: True)
    elif case == "upper":
        text = text.upper()
    mojibake = to_vni(text)
    assert detect(mojibake).encoding == VNI
    r = repair_line(mojibake)
    assert (r.text, r.encoding, r.certain) == (text, VNI, True)
    if r.cols is not None:
        assert len(r.cols) == len(r.text)
        assert r.cols == sorted(r.cols)


@settings(max_examples=300)
@given(sentences(), st.sampled_from(["NFC", "NFD"]), st.sampled_from(["lower", "title", "upper"]))
def test_no_detection_in_unicode_vietnamese(text: str, form: str, case: str) -> None:
    text = text.upper() if case == "upper" else text.title() if case == "title" else text
    text = unicodedata.normalize(form, text)
    assert detect(text).encoding is None
    assert repair_line(text) == (text, None, True, [], None)


@given(st.text(alphabet=string.printable))
def test_no_detection_in_ascii(text: str) -> None:
    assert detect(text).encoding is None
    assert repair_text(text) == (text, [])


@given(st.decimals(allow_nan=False, allow_infinity=False, places=2))
def test_no_detection_in_numbers(value: object) -> None:
    text = f"{value:,}".replace(",", "_").replace(".", ",").replace("_", ".")
    assert detect(text + " đồng ±5% µm").encoding is None


# ---------------------------------------------------------------------------------------------
# Linear time


def best_of(n: int, fn: Callable[[], object]) -> float:
    times = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def megabyte(piece: str, size: int = 1_000_000) -> str:
    return (piece * (size // len(piece) + 1))[:size]


def test_a_megabyte_line_is_repaired_in_linear_time() -> None:
    piece = "Điện thắp sáng và chạy quạt: §iÖn th¾p s¸ng vµ ch¹y qu¹t 1.234.000 Döï toaùn ABC xyz "
    line = megabyte(piece)
    r = repair_line(line)
    phrase = "Điện thắp sáng và chạy quạt"
    assert r.encoding == TCVN3 and r.text.count(phrase) == line.count(phrase) + line.count(
        "§iÖn th¾p s¸ng vµ ch¹y qu¹t"
    )
    assert r.text.count("Döï toaùn") == line.count("Döï toaùn")  # one encoding per line: VNI stays
    repair = best_of(3, lambda: repair_line(line))
    split = best_of(3, lambda: line.split())
    assert repair < 200 * split, (repair, split)
    quarter = best_of(3, lambda: repair_line(line[:250_000]))
    assert repair < 8 * quarter, (repair, quarter)


@pytest.mark.parametrize("piece", ["to¸n", "¸", "Döï toaùn ", "a"])
def test_pathological_megabyte_lines_are_linear(piece: str) -> None:
    line = megabyte(piece)
    full = best_of(2, lambda: repair_line(line))
    quarter = best_of(2, lambda: repair_line(line[:250_000]))
    assert full < 8 * quarter + 0.05, (full, quarter)
