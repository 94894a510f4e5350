"""The budget tree of plan 267/KH-UBND (Hà Đông, 25/12/2020), and the other four seeds."""

from __future__ import annotations

import codecs
import unicodedata
from decimal import Decimal
from pathlib import Path

import pytest

from budget import check_file, load_plan
from budget.model import walk_lines, walk_sections
from budget.segment import marker
from budget.units import TRIEU
from tests.helpers import HA_DONG, SEED_HA_DONG, SEED_OTHERS, seed_path

SECTIONS = ["1", "2", "2.1", "2.2", "2.3", "2.4", "2.5", "2.6", "2.7", "2.8", "2.9"]
SECTION_AMOUNTS = {
    "1": None,
    "2": Decimal(46125),
    "2.1": Decimal(14500),
    "2.2": Decimal(10200),
    "2.3": Decimal(12500),
    "2.4": Decimal(2250),
    "2.5": Decimal(4925),
    "2.6": None,
    "2.7": None,
    "2.8": None,
    "2.9": None,
}
# (line in the seed, label, stated result in triệu đồng)
LINES = [
    (813, "Dự kiến", 250),
    (821, None, 14000),
    (823, None, 500),
    (829, "Cán bộ quản lý đương chức", 1500),
    (831, "Bồi dưỡng cán bộ dự nguồn", 1200),
    (833, "Đào tạo nâng chuẩn cho cán bộ, GV", 7500),
    (839, "Giáo viên", 11000),
    (841, "Nhân viên", 1500),
    (847, "Giáo viên", 1500),
    (849, "Hoạt động giao lưu xây dựng môi trường thực hành tiếng Anh", 750),
    (855, None, 675),
    (857, "Đào tạo trung cấp nghề", 750),
    (859, "Kinh phí hỗ trợ đào tạo nghề", 3500),
    (863, "Dự kiến khoảng", 500),
    (867, "Dự kiến khoảng", 500),
    (871, None, 750),
]


def _shape(path: Path):  # type: ignore[no-untyped-def]
    plan, findings = load_plan(path)
    sections = walk_sections(plan.items)
    lines = walk_lines(plan.items)
    return plan, findings, sections, lines


@pytest.mark.parametrize("which", ["excerpt", "seed"])
def test_ha_dong_budget_tree(which: str) -> None:
    path = HA_DONG if which == "excerpt" else seed_path(SEED_HA_DONG)
    plan, findings, sections, lines = _shape(path)
    assert findings == []
    assert [s.number for s in sections] == SECTIONS
    assert {s.number: (s.stated.value if s.stated else None) for s in sections} == SECTION_AMOUNTS
    assert all(s.stated is None or s.stated.money == TRIEU for s in sections)
    assert plan.total is not None
    assert plan.total.value == Decimal(46375)
    assert plan.total.money == TRIEU
    assert plan.heading is not None and plan.heading.title == "KINH PHÍ THỰC HIỆN"
    assert len(lines) == 16
    assert [line.stated.value for line in lines] == [Decimal(v) for _, _, v in LINES]
    for line, (_, label, _) in zip(lines, LINES, strict=False):
        if label is not None:
            assert line.label == label
    assert plan.document.number == "267/KH-UBND"
    assert plan.document.date == "25/12/2020"
    assert plan.document.place == "Hà Đông"
    if which == "seed":
        assert [line.source.line for line in lines] == [n for n, _, _ in LINES]


def test_sections_hold_their_own_lines() -> None:
    _plan, _, sections, _ = _shape(HA_DONG)
    by_number = {s.number: s for s in sections}
    assert [len(by_number[n].lines) for n in SECTIONS] == [1, 0, 2, 3, 2, 2, 3, 1, 1, 1, 0]
    assert [s.number for s in by_number["2"].sections] == SECTIONS[2:]
    assert by_number["2.9"].title == "Nguồn xã hội hoá"
    assert by_number["2"].title == "Kinh phí cho việc thực hiện đề án"  # the amount is not the title
    assert by_number["1"].title == "Kinh phí cho việc lập Đề án, triển khai quán triệt Đề án"
    assert by_number["2.9"].stated is None  # none, not zero


def test_whole_seed_checks_clean() -> None:
    report = check_file(seed_path(SEED_HA_DONG))
    assert not report.has_errors
    assert [(f.code, f.source.line) for f in report.findings] == [
        ("UNIT_RESIDUAL", 831),
        ("UNIT_RESIDUAL", 833),
        ("UNIT_RESIDUAL", 855),
        ("UNIT_RESIDUAL", 857),
        ("UNIT_RESIDUAL", 859),
        ("SECTION_NO_AMOUNT", 873),
    ]
    assert report.evaluation.total.children_sum == Decimal(46375)
    assert report.evaluation.total.ok is True


@pytest.mark.parametrize("name", SEED_OTHERS)
def test_other_seeds_have_no_budget_and_no_finding(name: str) -> None:
    report = check_file(seed_path(name))
    assert report.plan.items == ()
    assert report.plan.total is None
    assert report.findings == ()
    assert not report.plan.has_budget


@pytest.mark.parametrize(
    ("name", "number", "date"),
    [
        ("000_bc1777f9039d4892.txt", "156/KH-UBND", "28/07/2020"),
        ("001_e38651acb5d5e773.txt", "5127/QĐ-UBND", "30/09/2024"),
        ("002_6c687b1be164f383.txt", "193/KH-UBND", "19/08/2021"),
    ],
)
def test_document_identity(name: str, number: str, date: str) -> None:
    plan, _ = load_plan(seed_path(name))
    assert plan.document.number == number
    assert plan.document.date == date


def _variants(text: str) -> dict[str, bytes]:
    nfd = unicodedata.normalize("NFD", text)
    old_tones = text.replace("hóa", "hoá").replace("khóa", "khoá").replace("Hóa", "Hoá")
    return {
        "nfc": text.encode(),
        "nfd": nfd.encode(),
        "crlf": text.replace("\n", "\r\n").encode(),
        "bom": codecs.BOM_UTF8 + text.encode(),
        "utf16": codecs.BOM_UTF16_LE + text.encode("utf-16-le"),
        "nbsp": text.replace(" x ", "\u00a0x\u00a0").replace("triệu đồng", "triệu\u00a0đồng").encode(),
        "tabs": text.replace(": ", ":\t").encode(),
        "old_tones": old_tones.encode(),
    }


def _summary(path: Path):  # type: ignore[no-untyped-def]
    report = check_file(path)
    ev = report.evaluation
    return (
        [(r.line.source.line, [f.value for f in r.line.factors], r.stated, r.computed, r.ok) for r in ev.lines()],
        [(r.section.number, r.stated, r.children_sum, r.ok) for r in ev.sections()],
        (ev.total.stated, ev.total.children_sum, ev.total.ok),
        [(f.code, f.source.line) for f in report.findings],
    )


@pytest.mark.parametrize("variant", ["nfd", "crlf", "bom", "utf16", "nbsp", "tabs", "old_tones"])
def test_text_variants_read_the_same(variant: str, tmp_path: Path) -> None:
    text = HA_DONG.read_text(encoding="utf-8")
    expected = _summary(HA_DONG)
    path = tmp_path / f"{variant}.txt"
    path.write_bytes(_variants(text)[variant])
    assert _summary(path) == expected


@pytest.mark.parametrize(
    ("text", "style", "number"),
    [
        ("IV. KINH PHÍ THỰC HIỆN", "roman", "IV"),
        ("I / Chi công tác tổ chức", "roman", "I"),
        ("1. Kinh phí cho việc lập Đề án", "num1", "1"),
        ("1 . Thu nội địa : 1.256,000 tỷ đồng", "num1", "1"),
        ("2.1 Ngân sách nhà nước hỗ trợ", "num2", "2.1"),
        ("2.2. Kinh hỗ trợ cho công tác", "num2", "2.2"),
        ("2.1 - Chi đầu tư phát triển", "num2", "2.1"),
        ("1.2.2.1. Xây dựng tài liệu tuyên truyền", "num4", "1.2.2.1"),
        ("1001. Mục thứ một nghìn lẻ một", "num1", "1001"),
        ("a) Hội nghị cán bộ chủ chốt cấp quận:", "letter", "a"),
        ("đ) Hội nghị tổ dân phố", "letter", "đ"),
        ("a ) Hội nghị", "letter", "a"),
        ("Điều 2. Phân bổ ngân sách", "dieu", "2"),
        ("A/ DỰ TRÙ CHO KINH PHÍ", "upper", "A"),
        ("- Giáo viên: 200 người", "-", "-"),
        ("-Chi mua than, củi", "-", "-"),
        ("+ An ninh : 5,537 tỷ đồng", "+", "+"),
        ("• Văn phòng phẩm", "•", "•"),
    ],
)
def test_markers(text: str, style: str, number: str) -> None:
    assert marker(text) == (style, number)


@pytest.mark.parametrize(
    "text",
    [
        "2.200 người x 1 triệu đồng/người/năm",
        "46.375 triệu đồng",
        "10/2019/TT-BGDĐT ngày 09/8/2019 của Bộ GDĐT",
        "10 người/năm x 15 triệu đồng/khóa",
        "300 người",
        "2020 - 2025",
        "-5% so với năm trước",
        "CV. số 12",
        "1,5 triệu đồng",
    ],
)
def test_not_markers(text: str) -> None:
    assert marker(text) is None


def test_three_digit_section_numbers_and_their_lines(tmp_path: Path) -> None:
    from benchmarks.synthetic import bench_plan

    path = tmp_path / "big.txt"
    path.write_text(bench_plan(30_000, per_section=100), encoding="utf-8")
    plan, _ = load_plan(path)
    sections = walk_sections(plan.items)
    assert [s.number for s in sections][-1] == "300"
    assert {len(s.lines) for s in sections} == {100}
    assert len(walk_lines(plan.items)) == 30_000


# --- letter-dot markers and word-segmented text (invented plans) ---------------------------


@pytest.mark.parametrize(
    ("text", "style", "number"),
    [("a. Thuê hội trường", "letter", "a"), ("b . Tài liệu", "letter", "b"), ("đ. Hội nghị tổ", "letter", "đ")],
)
def test_letter_dot_markers(text: str, style: str, number: str) -> None:
    assert marker(text) == (style, number)


@pytest.mark.parametrize("text", ["v.v. các khoản khác", "x. 5 tháng", "a.m thời gian"])
def test_letter_dot_lookalikes_are_no_markers(text: str) -> None:
    assert marker(text) is None


_LETTER_DOTS = """KẾ HOẠCH BỒI DƯỠNG CÁN BỘ
1. Kinh phí: 36 triệu đồng
1.1. Lớp bồi dưỡng nghiệp vụ: 36 triệu đồng
a. Thuê hội trường: 3 ngày x 4 triệu đồng = 12 triệu đồng
b . Tài liệu: 80 bộ x 0,3 triệu đồng = 24 triệu đồng
"""


def test_letter_dot_items_under_a_numbered_item(tmp_path: Path) -> None:
    path = tmp_path / "ke-hoach.txt"
    path.write_text(_LETTER_DOTS, encoding="utf-8")
    report = check_file(path)
    sections = walk_sections(report.plan.items)
    assert [(s.number, s.stated.value if s.stated else None) for s in sections] == [("1.1", Decimal(36))]
    assert [(line.source.line, line.stated.value) for line in sections[0].lines] == [(4, Decimal(12)), (5, Decimal(24))]
    assert [f.code for f in report.findings if f.code == "UNCHECKED_AMOUNT"] == []
    # a wrong product under "b ." is found at its place
    path.write_text(_LETTER_DOTS.replace("= 24 triệu", "= 26 triệu"), encoding="utf-8")
    errors = [(f.code, f.source.line, f.source.col) for f in check_file(path).findings if f.severity.value == "error"]
    assert errors == [("SECTION_SUM_MISMATCH", 3, 31), ("PRODUCT_MISMATCH", 5, 40)]


_SEGMENTED = """NGHỊ_QUYẾT VỀ DỰ_TOÁN NGÂN_SÁCH
Điều 1 . Thông_qua dự_toán kinh_phí năm 2025 như sau :
Tổng_kinh_phí : 90 triệu đồng , gồm :
a ) Chi sự_nghiệp giáo_dục : 60 triệu đồng ;
b ) Chi quản_lý hành_chính : {b} triệu đồng .
"""


def test_word_segmented_text_reads_as_spaced(tmp_path: Path) -> None:
    path = tmp_path / "nghi-quyet.txt"
    path.write_text(_SEGMENTED.format(b="30"), encoding="utf-8")
    report = check_file(path)
    assert report.plan.total is not None and report.plan.total.value == Decimal(90)
    assert [s.title for s in walk_sections(report.plan.items)][-2:] == [
        "Chi sự nghiệp giáo dục",
        "Chi quản lý hành chính",
    ]
    assert [f for f in report.findings if f.severity.value != "info"] == []
    # columns count the characters as written (underscores included)
    path.write_text(_SEGMENTED.format(b="40"), encoding="utf-8")
    errors = [(f.code, f.source.line, f.source.col) for f in check_file(path).findings if f.severity.value == "error"]
    assert errors == [("TOTAL_MISMATCH", 3, 17)]
