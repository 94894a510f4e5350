"""Forms of written budgets the outline must place right: counts and rates worked out beside the
budget, a closing total after the last item of the last section, a breakdown in one sentence,
amounts in words on a line of their own, and ``Công ty`` that is no ``Cộng``."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from budget import check_file
from budget.findings import Severity
from budget.model import walk_lines
from budget.numbers import format_vn
from budget.outline import is_total_text
from plancheck.projection import VerdictKind, project


def _check(tmp_path: Path, text: str) -> tuple[str, list[tuple[str, int | None]]]:
    path = tmp_path / "plan.txt"
    path.write_text(text, encoding="utf-8")
    report = check_file(path)
    errors = [(f.code, f.source.line) for f in report.findings if f.severity is Severity.ERROR]
    return project(report).verdict.kind.value, errors


RATE = """KẾ HOẠCH TỔ CHỨC HỘI THI
Tổng kinh phí: 6 tỷ đồng, gồm:
1. Chi tổ chức: 6 tỷ đồng
- Số người: 30 người x 2 lớp = {people} người
- Phụ cấp: 6 tỷ đồng (tính ra 6 tỷ đồng : 12 lớp = {rate} tỷ đồng/lớp)
"""


def test_counts_and_rates_beside_a_budget_are_checked_and_never_summed(tmp_path: Path) -> None:
    assert _check(tmp_path, RATE.format(people="60", rate="0,5")) == (VerdictKind.OK.value, [])
    kind, errors = _check(tmp_path, RATE.format(people="70", rate="0,5"))
    assert (kind, errors) == (VerdictKind.ERRORS.value, [("PRODUCT_MISMATCH", 4)])
    kind, errors = _check(tmp_path, RATE.format(people="60", rate="0,6"))
    assert (kind, errors) == (VerdictKind.ERRORS.value, [("PRODUCT_MISMATCH", 5)])


CLOSING = """DỰ TOÁN CHI HOẠT ĐỘNG
1. Chi khen thưởng: 1.200 nghìn đồng
1.1. Chi học sinh: 1.200 nghìn đồng
- Phần thưởng: 30 suất x 40 nghìn đồng/suất = 1.200 nghìn đồng
2. Chi tổ chức: 900 nghìn đồng
2.1. Thuê hội trường: 900 nghìn đồng
- Hội trường: 3 buổi x 300 nghìn đồng/buổi = 900 nghìn đồng
Tổng cộng: {total} nghìn đồng.

Người lập biểu                    Thủ trưởng đơn vị
"""


def test_a_closing_total_after_the_last_item_closes_the_outer_list(tmp_path: Path) -> None:
    assert _check(tmp_path, CLOSING.format(total="2.100")) == (VerdictKind.OK.value, [])
    assert _check(tmp_path, CLOSING.format(total="2.110")) == (VerdictKind.ERRORS.value, [("TOTAL_MISMATCH", 8)])


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.integers(1_001, 9_999_999).filter(lambda v: v % 10 != 0), min_size=2, max_size=5),
    st.sampled_from(["bao gồm", "gồm", "chia ra"]),
)
def test_a_breakdown_in_one_sentence_is_compared_with_its_figure(parts: list[int], word: str) -> None:
    import tempfile

    whole = sum(parts)
    # figures written to the đồng: no rounding explains a difference of one
    said = "; ".join(f"khoản {i + 1} là {format_vn(Decimal(p))} đồng" for i, p in enumerate(parts))
    for stated, expected in ((whole, []), (whole + 1, [("SECTION_SUM_MISMATCH", 3)])):
        figure = format_vn(Decimal(stated))
        text = (
            f"KẾ HOẠCH HỘI THI\nTổng kinh phí: {figure} đồng, gồm:\n- Chi tổ chức là {figure} đồng, {word}: {said}.\n"
        )
        with tempfile.TemporaryDirectory() as d:
            kind, errors = _check(Path(d), text)
        assert errors == expected, text
        assert kind == (VerdictKind.OK.value if not expected else VerdictKind.ERRORS.value)


def test_a_partial_list_after_trong_do_is_no_breakdown(tmp_path: Path) -> None:
    text = (
        "KẾ HOẠCH\n- Chi tổ chức là 900 nghìn đồng, trong đó: ngân sách tỉnh 300 nghìn đồng; "
        "xã hội hoá 200 nghìn đồng.\n"
    )
    kind, errors = _check(tmp_path, text)
    assert errors == [] and kind == VerdictKind.INCOMPLETE.value  # the two figures were not checked


WORDS = """DỰ TOÁN
Tổng kinh phí: 469 triệu đồng, gồm:
1. Chi tập huấn: 469 triệu đồng
1.1. Chi chuyên môn: 25 triệu đồng
- In tài liệu: 5 lớp x 5 triệu đồng/lớp = 25 triệu đồng
1.2. Chi tuyên truyền: 444 triệu đồng
- Văn phòng phẩm: 148 bộ x 3 triệu đồng/bộ = 444 triệu đồng
Bằng chữ: {words}.
"""


def test_words_closing_a_budget_spell_its_grand_total(tmp_path: Path) -> None:
    assert _check(tmp_path, WORDS.format(words="Bốn trăm sáu mươi chín triệu đồng")) == (VerdictKind.OK.value, [])
    # words naming the figure just above are its words
    assert _check(tmp_path, WORDS.format(words="Bốn trăm bốn mươi bốn triệu đồng")) == (VerdictKind.OK.value, [])
    kind, errors = _check(tmp_path, WORDS.format(words="Bốn trăm sáu mươi tám triệu đồng"))
    assert (kind, errors) == (VerdictKind.ERRORS.value, [("WORDS_MISMATCH", 8)])


def test_cong_ty_is_no_total() -> None:
    assert is_total_text("Cộng: 5.000 đồng") and is_total_text("CỘNG 5.000") and is_total_text("Tổng cộng: 5")
    assert is_total_text("Cong 5.000")  # text typed without marks: the word is read as written
    assert not is_total_text("Công ty A góp 9.470.357 ngàn đồng") and not is_total_text("CÔNG TÁC PHÍ 5.000")


def test_a_sentence_about_a_company_after_a_computation_is_no_total(tmp_path: Path) -> None:
    text = (
        "VÍ DỤ THẨM ĐỊNH\n"
        "Giá trị năm 2012 là: 2.000 x 3 = 6.000 ngàn đồng\n"
        "Công ty A và công ty B chia nhau 50% lợi nhuận. Giá trị góp vốn làm tròn là: 3.000 ngàn đồng.\n"
    )
    _, errors = _check(tmp_path, text)
    assert ("TOTAL_MISMATCH", 3) not in errors and ("SECTION_SUM_MISMATCH", 3) not in errors


EXAMPLE = """THÔNG TƯ HƯỚNG DẪN
Điều 5. Cách tính
Ví dụ: Giá trị thương hiệu là: 2.000 ngàn đồng x 3 năm = {result} ngàn đồng
"""


def test_a_worked_example_is_checked_and_listed_beside_the_budget(tmp_path: Path) -> None:
    from plancheck.write_json import report_to_dict

    path = tmp_path / "tt.txt"
    path.write_text(EXAMPLE.format(result="6.000"), encoding="utf-8")
    report = check_file(path)
    assert [(r.ok, r.stated) for r in report.evaluation.side] == [(True, Decimal(6000))]
    lines = report_to_dict(report)["lines"]
    assert [(x["line"], x["status"], x.get("beside")) for x in lines] == [(3, "ok", True)]
    path.write_text(EXAMPLE.format(result="7.000"), encoding="utf-8")
    report = check_file(path)
    assert [(f.code, f.source.line) for f in report.findings if f.severity is Severity.ERROR] == [
        ("PRODUCT_MISMATCH", 3)
    ]
    assert [(x["status"], x.get("beside")) for x in report_to_dict(report)["lines"]] == [("error", True)]


def test_a_date_in_a_sentence_under_header_words_is_no_row_of_figures(tmp_path: Path) -> None:
    # wrapped lines of a preamble naming a fee, its rate and its amount, then a sentence with a date
    text = (
        "NGHỊ QUYẾT\n"
        "Xét Tờ trình số 118/TTr-UBND về việc quy định mức\n"
        "thu học phí, đơn giá và số tiền hỗ trợ cho các trường học trên địa bàn tỉnh năm học\n"
        "2024-2025; Báo cáo thẩm tra số 41/BC-VHXH ngày 17 tháng 10 năm 2024 của Ban\n"
        "Văn hóa - Xã hội Hội đồng nhân dân tỉnh;\n"
    )
    kind, errors = _check(tmp_path, text)
    assert errors == [] and kind == VerdictKind.NO_BUDGET.value


def test_a_total_in_the_same_paragraph_as_its_computations(tmp_path: Path) -> None:
    text = (
        "KẾ HOẠCH\nChi thuê xe: 3 chuyến x 1.200.000 đồng/chuyến = 3.600.000 đồng; chi nước uống: "
        "60 người x 15.000 đồng/người = 900.000 đồng. Tổng cộng: {total} đồng.\n"
    )
    assert _check(tmp_path, text.format(total="4.500.000")) == (VerdictKind.OK.value, [])
    assert _check(tmp_path, text.format(total="4.600.000")) == (VerdictKind.ERRORS.value, [("TOTAL_MISMATCH", 2)])


def test_an_amount_for_each_is_no_part_of_a_sum(tmp_path: Path) -> None:
    # ``mỗi giải 3.000.000 đồng`` is a rate: the total is not compared with the rates added up
    text = (
        "KẾ HOẠCH\nThưởng 2 giải nhất, mỗi giải 3.000.000 đồng; 4 giải nhì, mỗi giải 1.500.000 đồng. "
        "Tổng tiền thưởng: 12.000.000 đồng.\n"
    )
    kind, errors = _check(tmp_path, text)
    assert errors == [] and kind == VerdictKind.INCOMPLETE.value


def test_the_figure_of_a_label_written_again_in_the_computation(tmp_path: Path) -> None:
    # ``480.000 đồng, bình quân 480.000 đồng : 4 lớp = ...``: the label's figure is the dividend
    text = "KẾ HOẠCH\n- Thuê giáo viên: 480.000 đồng, bình quân 480.000 đồng : 4 lớp = {r} đồng/lớp.\n"
    assert _check(tmp_path, text.format(r="120.000"))[1] == []
    assert _check(tmp_path, text.format(r="130.000"))[1] == [("PRODUCT_MISMATCH", 2)]


def test_a_breakdown_after_the_figure_and_its_words(tmp_path: Path) -> None:
    text = (
        "KẾ HOẠCH\nTổng kinh phí thực hiện là 1.450.000.000 đồng (Một tỷ bốn trăm năm mươi triệu đồng), "
        "trong đó: ngân sách tỉnh {a} đồng, ngân sách huyện 600.000.000 đồng.\n"
    )
    assert _check(tmp_path, text.format(a="850.000.000")) == (VerdictKind.OK.value, [])
    # after ``trong đó`` a list that does not add up may be partial: its figures stay unchecked
    kind, errors = _check(tmp_path, text.format(a="800.000.000"))
    assert errors == [] and kind == VerdictKind.INCOMPLETE.value


def test_a_dash_item_that_starts_with_a_count_is_read(tmp_path: Path) -> None:
    # ``- 2 lớp x ...``: a dash and a space before a number mark an item; ``-2`` would be a number
    text = "KẾ HOẠCH\nTổng kinh phí: 20 triệu đồng\n- 2 lớp x 10 triệu đồng/lớp = 20 triệu đồng\n"
    path = tmp_path / "t.txt"
    path.write_text(text, encoding="utf-8")
    report = check_file(path)
    assert [f.code for f in report.findings if f.severity is not Severity.INFO] == []
    (line,) = walk_lines(report.plan.items)
    assert [f.value for f in line.factors] == [Decimal(2), Decimal(10)]
    wrong = text.replace("= 20 triệu", "= 30 triệu").replace(": 20 triệu", ": 30 triệu")
    path.write_text(wrong, encoding="utf-8")
    assert [f.code for f in check_file(path).findings if f.severity is Severity.ERROR] == ["PRODUCT_MISMATCH"]
