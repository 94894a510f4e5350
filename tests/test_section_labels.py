"""Section labels and numbers as an officer reads them: a section is named by the heading that
opens it (a numbered heading, a table's group row, a caption above a table), never by a line of
the letterhead, the document's title or a table's header row; every numbered item shows its
number as the document writes it (``I``, ``1``, ``1.1``, ``a``), in the report's Mục column too.

Every text here is invented for these tests.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from budget.api import Report, check_file
from budget.headings import FrontMatter, is_letterhead, is_title, may_name, title_of
from budget.model import Section, walk_sections
from plancheck.projection import Projection, VerdictKind, project
from plancheck.report import render_html
from plancheck.write_json import projection_to_dict

_LETTERHEAD = [
    "UBND HUYỆN HÒA AN",
    "TRƯỜNG MẦM NON HOA SEN",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập – Tự do – Hạnh phúc",
    "Số: 15/KH-MNHS",
    "Hòa An, ngày 12 tháng 9 năm 2024",
]
_TABLE = [
    "| STT | Nội dung | Số lượng | Đơn giá | Thành tiền |",
    "| 1 | Sổ theo dõi trẻ | 40 | 15.000 | 600.000 |",
    "| 2 | Bút màu | 40 | 20.000 | 800.000 |",
    "| | Cộng | | | 1.400.000 |",
]


def _check(tmp_path: Path, text: str, name: str = "t.txt") -> Report:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return check_file(path, name)


def _rows(p: Projection) -> list[tuple[str, str, str]]:
    """(kind, number, label) of every row below the total."""
    return [(r.kind, r.number, r.label) for r in p.rows if r.kind != "total"]


# --------------------------------------------------------------------------- what a line is


def test_letterhead_lines_are_recognised() -> None:
    for line in [*_LETTERHEAD[2:], "**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**", "*(Kèm theo Kế hoạch số 15/KH-MNHS)*"]:
        assert is_letterhead(line), line
    for line in ["DỰ TOÁN KINH PHÍ MUA SẮM ĐỒ DÙNG", "Chi tổ chức", "Số lượng: 20 bộ", "Tổng kinh phí"]:
        assert not is_letterhead(line), line
    assert is_letterhead("Kính gửi: Ủy ban nhân dân các xã") and is_letterhead("Nơi nhận:")
    assert not may_name("- Chủ tịch Ủy ban nhân dân các xã, thị trấn;")  # an addressee, an item of a list
    assert may_name("Chi tổ chức hội nghị") and not may_name("THÔNG BÁO")
    assert is_title("KẾ HOẠCH") and is_title("**QUYẾT ĐỊNH**") and is_title("THÔNG BÁO CÔNG KHAI CÁC KHOẢN THU")
    assert not is_title("Kế hoạch thực hiện") and not is_title("DỰ TOÁN KINH PHÍ")


def test_front_matter_holds_the_unit_names_the_letterhead_and_the_title_with_its_continuation() -> None:
    lines = [*_LETTERHEAD, "", "KẾ HOẠCH", "", "MUA SẮM ĐỒ DÙNG HỌC TẬP", "NĂM HỌC 2024-2025", "", "I. Mục đích"]
    front = FrontMatter(lines)
    assert [i for i in range(len(lines)) if i in front] == [0, 1, 2, 3, 4, 5, 7, 9, 10]
    assert title_of(lines) == "KẾ HOẠCH MUA SẮM ĐỒ DÙNG HỌC TẬP NĂM HỌC 2024-2025"


def test_further_down_a_title_and_its_continuation_identify_the_document_a_caption_never() -> None:
    lines = ["I. Mục đích", "Nâng cao chất lượng.", "THÔNG BÁO", "", "CÔNG KHAI CÁC KHOẢN THU", "NĂM HỌC 2024-2025"]
    lines += ["Đơn vị tính: đồng", "PHỤ LỤC II", "DỰ TOÁN KINH PHÍ", "MUA SẮM NĂM 2025", "(Kèm theo Kế hoạch số 3/KH)"]
    front = FrontMatter(lines)
    assert [i for i in range(len(lines)) if i in front] == [2, 4, 5, 7, 10]
    assert front.caption_above(len(lines)) == "DỰ TOÁN KINH PHÍ MUA SẮM NĂM 2025"
    assert front.caption_above(7) == ""  # a unit line, then the title's lines: no caption


def test_title_stops_at_the_body_that_issues_it() -> None:
    lines = ["QUYẾT ĐỊNH", "VỀ VIỆC PHÂN BỔ KINH PHÍ NĂM 2025", "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN HÒA AN", "Căn cứ ..."]
    assert title_of(lines) == "QUYẾT ĐỊNH VỀ VIỆC PHÂN BỔ KINH PHÍ NĂM 2025"


# --------------------------------------------------------------------------- tables


def test_a_table_under_the_letterhead_is_named_by_its_number_not_the_motto(tmp_path: Path) -> None:
    text = "\n".join([*_LETTERHEAD, "KẾ HOẠCH MUA SẮM NĂM HỌC 2024-2025", "Đơn vị tính: đồng", *_TABLE]) + "\n"
    p = project(_check(tmp_path, text))
    assert _rows(p) == [
        ("section", "", "Bảng 1"),
        ("line", "1", "Sổ theo dõi trẻ"),
        ("line", "2", "Bút màu"),
    ]
    assert p.identity.title == "KẾ HOẠCH MUA SẮM NĂM HỌC 2024-2025"
    assert p.verdict.kind is VerdictKind.OK


def test_a_caption_above_the_table_names_it(tmp_path: Path) -> None:
    text = "\n".join([*_LETTERHEAD, "", "DỰ TOÁN KINH PHÍ MUA SẮM ĐỒ DÙNG", "Đơn vị tính: đồng", *_TABLE]) + "\n"
    p = project(_check(tmp_path, text))
    assert _rows(p)[0] == ("section", "", "DỰ TOÁN KINH PHÍ MUA SẮM ĐỒ DÙNG")


def test_an_annex_caption_over_its_attachment_line_names_the_table(tmp_path: Path) -> None:
    head = ["PHỤ LỤC II", "DỰ TOÁN KINH PHÍ MUA SẮM", "THIẾT BỊ NĂM 2025", "", "(Kèm theo Kế hoạch số 15/KH-MNHS)", ""]
    text = "\n".join([*head, "Đơn vị tính: đồng", "", *_TABLE]) + "\n"
    p = project(_check(tmp_path, text))
    assert _rows(p)[0] == ("section", "", "DỰ TOÁN KINH PHÍ MUA SẮM THIẾT BỊ NĂM 2025")


def test_a_title_continued_on_the_lines_above_the_table_never_names_it(tmp_path: Path) -> None:
    head = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "", "Độc lập - Tự do - Hạnh phúc", "", "THÔNG BÁO", ""]
    text = "\n".join([*head, "CÔNG KHAI CÁC KHOẢN THU", "", "NĂM HỌC 2023-2024", "", *_TABLE]) + "\n"
    p = project(_check(tmp_path, text))
    assert _rows(p)[0] == ("section", "", "Bảng 1")
    assert p.identity.title == "THÔNG BÁO CÔNG KHAI CÁC KHOẢN THU NĂM HỌC 2023-2024"


def test_a_part_with_no_heading_is_named_by_its_place_never_by_its_header_row(tmp_path: Path) -> None:
    text = (
        "DỰ TOÁN CHI BÁN TRÚ\n"
        "| STT | Nội dung | Số lượng | Đơn giá | Thành tiền |\n"
        "| 1 | Nước rửa bát | 10 | 30.000 | 300.000 |\n"
        "| | Cộng | | | 300.000 |\n"
        "| STT | Diễn giải | Số lượng | Đơn giá | Thành tiền |\n"
        "| 1 | Giấy vệ sinh | 20 | 5.000 | 100.000 |\n"
        "| | Cộng | | | 100.000 |\n"
    )
    p = project(_check(tmp_path, text))
    labels = [label for _, _, label in _rows(p)]
    assert labels[0] == "DỰ TOÁN CHI BÁN TRÚ"
    assert "Bảng 1, phần 1" in labels and "Bảng 1, phần 2" in labels
    assert not any("|" in label or label.startswith("STT") for label in labels)


def test_a_table_is_never_nested_in_a_copy_of_its_first_part(tmp_path: Path) -> None:
    text = (
        "1.Dự kiến chi tiền ăn trẻ mẫu giáo | | |\n"
        "| Nội dung chi | Số tiền | |\n"
        "| Tiền gạo | 3.000 | |\n"
        "| Tiền rau | 2.000 | |\n"
        "| Tổng chi | 5.000 | |\n"
        "| 2.Dự kiến chi tiền ăn nhóm trẻ | | |\n"
        "| Nội dung chi | Số tiền | |\n"
        "| Tiền gạo | 2.500 | |\n"
        "| Tiền rau | 2.000 | |\n"
        "| Tổng chi | 4.500 | |\n"
    )
    report = _check(tmp_path, text)
    sections = [s for s in walk_sections(report.plan.items) if s.items]  # groups, not a row's amount
    assert [(s.number, s.title) for s in sections] == [
        ("", "Bảng 1"),
        ("1", "Dự kiến chi tiền ăn trẻ mẫu giáo"),
        ("2", "Dự kiến chi tiền ăn nhóm trẻ"),
    ]
    for s in sections:
        assert all(not (isinstance(c, Section) and c.title == s.title) for c in s.items)


def _csv(rows: list[list[str]]) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    return buf.getvalue()


_GROUPED = [
    ["STT", "Nội dung", "ĐVT", "Số lượng", "Đơn giá", "Thành tiền"],
    ["I", "Chi tổ chức", "", "", "", "1.500.000"],
    ["1", "Thuê hội trường", "ngày", "2", "500.000", "1.000.000"],
    ["2", "Nước uống", "suất", "20", "25.000", "500.000"],
    ["II", "Chi tài liệu", "", "", "", "300.000"],
    ["1", "In tài liệu", "bộ", "20", "10.000", "200.000"],
    ["2", "Văn phòng phẩm", "bộ", "20", "5.000", "100.000"],
    ["", "Cộng", "", "", "", "1.800.000"],
]
_GROUPED_ROWS = [
    ("section", "I", "Chi tổ chức"),
    ("line", "1", "Thuê hội trường"),
    ("line", "2", "Nước uống"),
    ("section", "II", "Chi tài liệu"),
    ("line", "1", "In tài liệu"),
    ("line", "2", "Văn phòng phẩm"),
]


def test_group_rows_and_items_of_a_csv_show_their_numbers(tmp_path: Path) -> None:
    rows = [["Độc lập - Tự do - Hạnh phúc", "", "", "", "", ""], ["", "", "", "", "", "Đơn vị tính: đồng"], *_GROUPED]
    p = project(_check(tmp_path, _csv(rows), "du-toan.csv"))
    assert _rows(p) == [("section", "", "Bảng 1"), *_GROUPED_ROWS]


def test_group_rows_and_items_of_a_workbook_show_their_numbers(tmp_path: Path) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws["A1"] = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    ws["A2"] = "DỰ TOÁN KINH PHÍ HỘI NGHỊ"
    ws["F3"] = "Đơn vị tính: đồng"
    for r, row in enumerate(_GROUPED, 5):
        for c, value in enumerate(row, 1):
            if value:
                ws.cell(row=r, column=c, value=value)
    path = tmp_path / "du-toan.xlsx"
    wb.save(path)
    p = project(check_file(path, path.name))
    assert _rows(p) == [("section", "", "DỰ TOÁN KINH PHÍ HỘI NGHỊ"), *_GROUPED_ROWS]


# --------------------------------------------------------------------------- prose

_PROSE = """\
UBND XÃ HÒA AN
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập – Tự do – Hạnh phúc
KẾ HOẠCH
TỔ CHỨC HỘI THI GIÁO VIÊN GIỎI
I. Mục đích
Nâng cao chất lượng dạy học.
II. Kinh phí thực hiện
Tổng kinh phí là: 4.400.000 đồng, gồm:
1. Chi tổ chức: 1.500.000 đồng
1.1. Thuê hội trường: 2 ngày x 500.000 đồng = 1.000.000 đồng
1.2. Nước uống: 20 suất x 25.000 đồng = 500.000 đồng
2. In tài liệu: 20 bộ x 10.000 đồng = 200.000 đồng
3. Văn phòng phẩm: 20 bộ x 5.000 đồng = 100.000 đồng
4. Khen thưởng: 2.600.000 đồng
a) Giải nhất: 1 giải x 1.000.000 đồng = 1.000.000 đồng
b) Giải nhì: 2 giải x 800.000 đồng = 1.600.000 đồng
"""
_PROSE_ROWS = [
    ("section", "1", "Chi tổ chức"),
    ("line", "1.1", "Thuê hội trường"),
    ("line", "1.2", "Nước uống"),
    ("line", "2", "In tài liệu"),
    ("line", "3", "Văn phòng phẩm"),
    ("section", "4", "Khen thưởng"),
    ("line", "a", "Giải nhất"),
    ("line", "b", "Giải nhì"),
]


def test_every_numbered_item_of_prose_shows_its_number(tmp_path: Path) -> None:
    p = project(_check(tmp_path, _PROSE))
    assert _rows(p) == _PROSE_ROWS
    assert p.identity.heading == "II. Kinh phí thực hiện"
    assert p.identity.title == "KẾ HOẠCH TỔ CHỨC HỘI THI GIÁO VIÊN GIỎI"


def test_words_that_only_lead_to_the_figure_are_no_part_of_the_label(tmp_path: Path) -> None:
    text = (
        "I. Tổng thu ngân sách xã năm 2025 là: 900 triệu đồng, gồm:\n"
        "1. Thu thuế: 600 triệu đồng\n"
        "2. Thu phí, lệ phí: 300 triệu đồng\n"
        "II. Dự toán chi cụ thể như sau: 900 triệu đồng\n"
        "1. Chi thường xuyên: 900 triệu đồng\n"
    )
    labels = [(n, label) for kind, n, label in _rows(project(_check(tmp_path, text))) if kind == "section"]
    assert labels[:2] == [("I", "Tổng thu ngân sách xã năm 2025"), ("1", "Thu thuế")]
    assert ("II", "Dự toán chi") in labels


def test_words_after_a_headings_colon_that_only_lead_to_its_figure_are_left_out(tmp_path: Path) -> None:
    text = (
        "I. Hỗ trợ đi lại: Mức chi 2.000.000 đồng\n"
        "- Vé xe: 2 vé x 500.000 đồng = 1.000.000 đồng\n"
        "- Ăn ở: 2 ngày x 500.000 đồng = 1.000.000 đồng\n"
        "II. Hỗ trợ tài liệu: 300.000 đồng\n"
        "- In ấn: 3 bộ x 100.000 đồng = 300.000 đồng\n"
    )
    p = project(_check(tmp_path, text))
    assert [(n, label) for kind, n, label in _rows(p) if kind == "section"] == [
        ("I", "Hỗ trợ đi lại"),
        ("II", "Hỗ trợ tài liệu"),
    ]


def test_a_bullet_holding_the_budget_is_no_chapter(tmp_path: Path) -> None:
    text = "BÁO CÁO CÁC KHOẢN THU\n- Quỹ lớp:\n Sữa 3.000 đồng/hộp x 22 hộp = 66.000 đồng\n"
    report = _check(tmp_path, text)
    p = project(report)
    assert p.identity.heading == ""
    assert p.identity.title == "BÁO CÁO CÁC KHOẢN THU"
    assert projection_to_dict(p, report)["heading"] is None


def test_the_text_report_shows_the_number_of_a_line(tmp_path: Path) -> None:
    from plancheck.write_text import render_text

    out = render_text(project(_check(tmp_path, _PROSE)))
    assert "dòng 13: 2. In tài liệu" in out
    assert "  1. Chi tổ chức" in out


# --------------------------------------------------------------------------- the report's Mục column

_ROW = re.compile(r'<tr id="row-\d+" class="row row-(\w+)[^>]*>\s*<td>([^<]*)</td>\s*<td class="label[^"]*">([^<]*)')


def _mục(p: Projection) -> list[tuple[str, str, str]]:
    return [(k, n, label) for k, n, label in _ROW.findall(render_html(p)) if k != "total"]


def test_the_html_report_shows_every_number_as_written(tmp_path: Path) -> None:
    assert _mục(project(_check(tmp_path, _PROSE))) == _PROSE_ROWS
    rows = [["DỰ TOÁN KINH PHÍ HỘI NGHỊ", "", "", "", "", ""], *_GROUPED]
    p = project(_check(tmp_path, _csv(rows), "du-toan.csv"))
    assert _mục(p) == [("section", "", "DỰ TOÁN KINH PHÍ HỘI NGHỊ"), *_GROUPED_ROWS]


# --------------------------------------------------------------------------- generated plans

_HEAD_LINES = [
    "UBND HUYỆN BÌNH MINH",
    "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Số: 27/KH-PGD",
    "Bình Minh, ngày 03 tháng 10 năm 2024",
]
_TITLES = [["KẾ HOẠCH", "TỔ CHỨC HỘI THAO NĂM 2024"], ["QUYẾT ĐỊNH", "VỀ VIỆC PHÊ DUYỆT DỰ TOÁN"], ["THÔNG BÁO"]]
_GROUP_STYLES = {"roman": ["I", "II", "III"], "upper": ["A", "B", "C"], "arabic": ["1", "2", "3"]}
_ITEM_NAMES = ["Thuê sân", "Nước uống", "Giải thưởng", "In giấy mời"]


@st.composite
def _plans(draw: st.DrawFn) -> tuple[str, list[str], list[tuple[str, str]], str]:
    """(text, lines that identify the document, (number as written, label) of every numbered
    heading and item, form)."""
    head = draw(st.lists(st.sampled_from(_HEAD_LINES), unique=True, max_size=len(_HEAD_LINES)))
    title = draw(st.sampled_from([[], *_TITLES]))
    group_style = draw(st.sampled_from(sorted(_GROUP_STYLES)))
    item_style = draw(st.sampled_from(["letter", "dotted"] if group_style == "arabic" else ["arabic", "letter"]))
    form = draw(st.sampled_from(["prose", "table"]))
    groups = draw(st.integers(1, 3))
    counts = [draw(st.integers(1, 3)) for _ in range(groups)]
    body: list[str] = []
    numbered: list[tuple[str, str]] = []
    for g in range(groups):
        number = _GROUP_STYLES[group_style][g]
        name = f"Chi nội dung {g + 1}"
        prices = [draw(st.integers(1, 9)) * 10_000 for _ in range(counts[g])]
        amounts = [p * 10 for p in prices]
        group_total = sum(amounts)
        numbered.append((number, name))
        if form == "prose":
            body.append(f"{number}. {name}: {group_total:,} đồng".replace(",", "."))
        else:
            body.append(f"| {number} | {name} | | | {group_total:,} |".replace(",", "."))
        for k, (price, amount) in enumerate(zip(prices, amounts, strict=True)):
            item = {"arabic": str(k + 1), "letter": "abc"[k], "dotted": f"{number}.{k + 1}"}[item_style]
            label = _ITEM_NAMES[k]
            numbered.append((item, label))
            figures = (f"{price:,}".replace(",", "."), f"{amount:,}".replace(",", "."))
            if form == "prose":
                marker = f"{item})" if item_style == "letter" else f"{item}."
                body.append(f"{marker} {label}: 10 người x {figures[0]} đồng/người = {figures[1]} đồng")
            else:
                body.append(f"| {item} | {label} | 10 | {figures[0]} | {figures[1]} |")
    if form == "table":
        body = ["| STT | Nội dung | Số lượng | Đơn giá | Thành tiền |", *body]
    text = "\n".join([*head, *title, "Đơn vị tính: đồng", *body]) + "\n"
    return text, [*head, *title], numbered, form


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(_plans())
def test_generated_plans_never_take_a_letterhead_line_and_show_every_number(
    tmp_path: Path, plan: tuple[str, list[str], list[tuple[str, str]], str]
) -> None:
    text, identifying, numbered, form = plan
    p = project(_check(tmp_path, text))
    rows = [(r.number, r.label) for r in p.rows if r.kind != "total"]
    labels = {label for _, label in rows}
    assert not labels & set(identifying)
    assert not any(label.startswith(("STT", "Độc lập", "CỘNG HÒA")) for label in labels)
    shown = [(n, label) for n, label in rows if n]
    if p.identity.heading:  # one group holding the whole budget is its chapter, named above the rows
        number, _, label = p.identity.heading.partition(". ")
        shown.insert(0, (number, label))
    assert shown == numbered, (form, text)
