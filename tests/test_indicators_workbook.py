"""The targets workbook officers print and hand on (``indicators check --xlsx``): A4 landscape,
one page wide, headers repeated; statuses in the colours their words say; a sheet of the data's
findings; charts on their own sheet with a range as a band, the path from the base year to the
deadline and nothing observed after ``--as-of``. Then LibreOffice prints it (one conversion)."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest

from budget.layout import row_height
from indicators.cli import main
from indicators.write_xlsx import CHART_DATA, CHARTS, COLUMNS, FINDINGS, SCORECARD, SHEET
from tests.helpers import IN_CI
from tests.office import convert

TARGETS = (
    "Mã,Chỉ tiêu,Loại,Giá trị,Cơ cấu,Đơn vị,Đơn vị đo,Hạn,Tử số,Mẫu số,Nguồn\n"
    "TC,Trường công lập đạt chuẩn quốc gia,khoảng,80 - 85,,%,trường,2026,dat,tong,KH 01/KH-UBND ngày 10/3/2022\n"
    "GD,Chi cho giáo dục trong tổng chi ngân sách,tối thiểu,20,,%,triệu đồng,,gd,chi,KH 01/KH-UBND ngày 10/3/2022\n"
)
# Huyện C's 2023 row has more standard schools than schools: left out, and said; 2025 is after --as-of 2024.
# Huyện C spent nothing in 2024 (a zero denominator): no verdict for it.
DATA = """Đơn vị,Năm,dat,tong,gd,chi
Huyện A,2022,50,70,200,1.000
Huyện A,2023,53,70,210,1.000
Huyện A,2024,57,70,220,1.000
Huyện A,2025,60,70,230,1.000
Huyện B,2022,30,50,180,1.000
Huyện B,2023,31,50,185,1.000
Huyện B,2024,32,50,190,1.000
Huyện B,2025,40,50,195,1.000
Huyện C,2022,20,30,100,500
Huyện C,2023,200,30,105,500
Huyện C,2024,24,30,0,0
Huyện C,2025,26,30,120,500
"""
GREEN, AMBER, RED, GREY = "FFC6EFCE", "FFFFEB9C", "FFFFC7CE", "FFEDEDED"


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(the workbook, the data file) of one run with --as-of 2024."""
    tmp = tmp_path_factory.mktemp("workbook")
    targets, data, out = tmp / "chi-tieu.csv", tmp / "so-lieu.csv", tmp / "ket-qua.xlsx"
    targets.write_text(TARGETS, encoding="utf-8")
    data.write_text(DATA, encoding="utf-8")
    assert main(["check", str(targets), str(data), "--as-of", "2024", "--xlsx", str(out)]) == 1
    return out, data


@pytest.fixture(scope="module")
def book(made: tuple[Path, Path]) -> openpyxl.Workbook:
    return openpyxl.load_workbook(made[0])


def rows_of(ws: openpyxl.worksheet.worksheet.Worksheet, first: int = 4) -> list[tuple[object, ...]]:
    return [r for r in ws.iter_rows(min_row=first, values_only=True) if any(v is not None for v in r)]


def test_sheets_in_order_and_each_printed_a4_landscape_one_page_wide(book: openpyxl.Workbook) -> None:
    assert book.sheetnames == [SHEET, FINDINGS, CHARTS, SCORECARD, CHART_DATA]
    assert (SHEET, FINDINGS, CHARTS, SCORECARD, CHART_DATA) == (
        "Chỉ tiêu", "Số liệu cần xem lại", "Biểu đồ", "Xếp hạng", "Số liệu biểu đồ")  # fmt: skip
    for ws in book.worksheets:
        setup = ws.page_setup
        assert (setup.orientation, setup.paperSize, setup.fitToHeight) == ("landscape", 9, 0)
        assert setup.fitToWidth in (None, 1), ws.title  # 1: the default, which the XML leaves out
        assert ws.sheet_properties.pageSetUpPr.fitToPage is True, ws.title
    for name, frozen in ((SHEET, "C4"), (FINDINGS, "A4"), (SCORECARD, "E4")):
        ws = book[name]
        assert ws.print_title_rows == "$3:$3", name  # the header on every printed page
        assert ws.freeze_panes == frozen, name


def test_rows_are_as_tall_as_their_wrapped_text(book: openpyxl.Workbook) -> None:
    ws = book[SHEET]
    widths = [w for _, w in COLUMNS]
    for r in range(4, ws.max_row + 1):
        texts = [(c.value, widths[c.column - 1]) for c in ws[r] if isinstance(c.value, str)]
        assert ws.row_dimensions[r].height == pytest.approx(row_height(texts), abs=0.75), r  # whole pixels
    # the first row of a block carries the target's name and source: four lines of 13,5 points in 30
    # units (conservatively); "đúng lộ trình" in 12 units, two; one line is 17 points (17,25: whole pixels)
    assert ws["B4"].value == "Trường công lập đạt chuẩn quốc gia\nNguồn: KH 01/KH-UBND ngày 10/3/2022"
    assert ws["B5"].value is None
    assert [ws.row_dimensions[r].height for r in range(4, 12)] == [57, 30, 30, 30, 57, 17.25, 17.25, 17.25]
    assert ws.column_dimensions["B"].width == pytest.approx(30 + 0.71, abs=0.01)  # XlsxWriter adds the padding


def test_findings_sheet_lists_every_finding_and_the_main_sheet_points_to_it(
    book: openpyxl.Workbook, made: tuple[Path, Path]
) -> None:
    targets, data = str(made[1].with_name("chi-tieu.csv")), str(made[1])
    ws = book[FINDINGS]
    assert [c.value for c in ws[3]] == ["Mã", "Mức độ", "Tệp", "Ô / dòng", "Nội dung"]
    assert rows_of(ws) == [
        ("TARGET_LOW_COVERAGE", "cảnh báo", targets, "dòng 3, cột 1",
         "Chỉ tiêu GD: năm 2024 chỉ 2/3 đơn vị báo cáo, dưới mức tối thiểu 80% số đơn vị; không đủ số liệu để "
         "kết luận."),
        ("DATA_NUMERATOR_OVER", "lỗi", data, "dòng 11, cột 3",
         "Chỉ tiêu TC: tử số của Huyện C năm 2023 lớn hơn mẫu số, số liệu không thể đúng; dòng này không được "
         "tính vào tổng."),
        ("DATA_ZERO_DENOMINATOR", "cảnh báo", data, "dòng 12, cột 6",
         "Chỉ tiêu GD: mẫu số của Huyện C năm 2024 bằng 0, không tính được tỷ lệ; dòng này không được tính vào "
         "tổng."),
    ]  # fmt: skip
    assert [ws.cell(r, 2).fill.fgColor.rgb for r in (4, 5, 6)] == [AMBER, RED, AMBER]
    assert book[SHEET]["A2"].value == (
        "Số liệu có 1 lỗi, 2 cảnh báo: xem sheet “Số liệu cần xem lại” trước khi dùng các kết quả dưới đây."
    )


def test_status_colours_follow_the_words_never_red_before_the_deadline(book: openpyxl.Workbook) -> None:
    ws = book[SHEET]
    assert ws.conditional_formatting._cf_rules == {}  # the fills below are what every viewer shows
    shown = [(ws.cell(r, 1).value, ws.cell(r, 6).value, ws.cell(r, 9).value, ws.cell(r, 9).fill.fgColor.rgb)
             for r in range(4, ws.max_row + 1)]  # fmt: skip
    assert shown == [
        ("TC", "Toàn bộ", "chưa đến hạn, đang đúng hướng", GREEN),
        ("TC", "Huyện A", "đạt", GREEN),
        ("TC", "Huyện B", "chưa đến hạn, cần tăng tốc", AMBER),  # 64% in 2024, due 2026: not red
        ("TC", "Huyện C", "đạt", GREEN),
        ("GD", "Toàn bộ", "không đủ số liệu", GREY),  # 2 of 3 districts: the verdict is withheld
        ("GD", "Huyện A", "đạt", GREEN),
        ("GD", "Huyện B", "chưa đạt", RED),  # no deadline: due now
        ("GD", "Huyện C", "mẫu số bằng 0", GREY),
    ]


def chart_xml(path: Path) -> dict[str, str]:
    """Each chart's XML by its title's target code."""
    with zipfile.ZipFile(path) as z:
        charts = [z.read(n).decode("utf-8") for n in z.namelist() if re.fullmatch(r"xl/charts/chart\d+\.xml", n)]
    return {re.search(r"<a:t>([A-Z]+):", x)[1]: x for x in charts}  # type: ignore[index]


def series(xml: str) -> list[tuple[str, str, str]]:
    """(name, categories, values) of each series, ranges as written."""
    out = []
    for s in re.findall(r"<c:ser>.*?</c:ser>", xml, re.S):
        name = re.search(r"<c:tx>.*?<c:v>(.*?)</c:v>", s, re.S)[1]  # type: ignore[index]
        cat = re.search(r"<c:cat>.*?<c:f>(.*?)</c:f>", s, re.S)[1]  # type: ignore[index]
        val = re.search(r"<c:val>.*?<c:f>(.*?)</c:f>", s, re.S)[1]  # type: ignore[index]
        out.append((name, cat, val))
    return out


def test_charts_on_their_own_sheet_band_path_and_nothing_after_as_of(
    book: openpyxl.Workbook, made: tuple[Path, Path]
) -> None:
    charts = chart_xml(made[0])
    assert sorted(charts) == ["GD", "TC"]
    with zipfile.ZipFile(made[0]) as z:
        sheet1 = z.read("xl/worksheets/sheet1.xml").decode()
        drawing = z.read("xl/drawings/drawing1.xml").decode()
    assert "<drawing" not in sheet1  # no chart over the table
    anchors = re.findall(r"<xdr:from><xdr:col>(\d+)</xdr:col>.*?<xdr:row>(\d+)</xdr:row>", drawing, re.S)
    assert anchors == [("0", "2"), ("8", "2")]  # side by side, never one over the other
    q = "'Số liệu biểu đồ'!"
    # TC: the years 2022–2026 (to the deadline) on rows 5–9; observed values to 2024 (row 7) only; the
    # range as a band: a stacked area of two series, its lower edge (unseen) and the width shaded on it
    assert series(charts["TC"]) == [
        ("Cận dưới 80%", f"{q}$A$5:$A$9", f"{q}$C$5:$C$9"),
        ("Khoảng chỉ tiêu 80 - 85%", f"{q}$A$5:$A$9", f"{q}$E$5:$E$9"),
        ("Thực tế", f"{q}$A$5:$A$9", f"{q}$B$5:$B$7"),
        ("Lộ trình 2022–2026", f"{q}$A$5:$A$9", f"{q}$F$5:$F$9"),
    ]
    area = re.search(r"<c:areaChart>.*?</c:areaChart>", charts["TC"], re.S)[0]  # type: ignore[index]
    assert '<c:grouping val="stacked"/>' in area and area.count("<c:ser>") == 2
    assert '<c:min val="60"/>' in charts["TC"]  # the axis starts under 66,67%, not at 0
    data = book[CHART_DATA]
    assert data["A3"].value == "TC: Trường công lập đạt chuẩn quốc gia"
    assert [c.value for c in data[4]][:6] == ["Năm", "Thực tế (cùng 2/3 đơn vị)", "Cận dưới 80%", "Cận trên 85%",
                                              "Độ rộng khoảng (cận trên − cận dưới)", "Lộ trình 2022–2026"]  # fmt: skip
    # A and B, the units sound every year: 80/120, 84/120, 89/120; the path from 66,67 (2022) to 80 (2026)
    assert [[c.value for c in row][:6] for row in data.iter_rows(min_row=5, max_row=9)] == [
        [2022, 66.67, 80, 85, 5, 66.67],
        [2023, 70, 80, 85, 5, 70],
        [2024, 74.17, 80, 85, 5, 73.33],
        [2025, None, 80, 85, 5, 76.67],  # 2025 has data, after --as-of: not shown
        [2026, None, 80, 85, 5, 80],
    ]
    # GD: no deadline, so no path; its years end at the as-of year
    assert series(charts["GD"]) == [
        ("Thực tế", f"{q}$A$13:$A$15", f"{q}$B$13:$B$15"),
        ("Chỉ tiêu tối thiểu 20%", f"{q}$A$13:$A$15", f"{q}$C$13:$C$15"),
    ]
    assert "<c:areaChart>" not in charts["GD"] and '<c:min val="18"/>' in charts["GD"]
    assert [data.cell(r, 1).value for r in range(13, 16)] == [2022, 2023, 2024]
    assert data.cell(16, 1).value is None


def test_charts_two_across_two_down_a_page_never_over_one_another(tmp_path: Path) -> None:
    targets, data, out = tmp_path / "t.csv", tmp_path / "d.csv", tmp_path / "kq.xlsx"
    head, tc, gd = TARGETS.splitlines()
    more = [f"{code}{k},{name} {k},tối thiểu,{60 + k},,%,trường,,dat,tong," for k, (code, name) in
            enumerate([("T", "Trường đạt chuẩn"), ("T", "Trường đạt chuẩn"), ("T", "Trường đạt chuẩn")])]  # fmt: skip
    targets.write_text("\n".join([head, tc, gd, *more]) + "\n", encoding="utf-8")
    data.write_text(DATA, encoding="utf-8")
    assert main(["check", str(targets), str(data), "--as-of", "2024", "--xlsx", str(out)]) == 1
    with zipfile.ZipFile(out) as z:
        drawing = z.read("xl/drawings/drawing1.xml").decode()
    anchors = re.findall(r"<xdr:from><xdr:col>(\d+)</xdr:col>.*?<xdr:row>(\d+)</xdr:row>", drawing, re.S)
    assert anchors == [("0", "2"), ("8", "2"), ("0", "18"), ("8", "18"), ("0", "34")]
    ws = openpyxl.load_workbook(out)[CHARTS]
    assert [b.id for b in ws.row_breaks.brk] == [34]  # the fifth chart starts the second page
    assert ws.print_area == "'Biểu đồ'!$A$1:$P$50"


def test_a_clean_workbook_says_so(tmp_path: Path) -> None:
    targets, data, out = tmp_path / "t.csv", tmp_path / "d.csv", tmp_path / "kq.xlsx"
    targets.write_text(TARGETS.splitlines()[0] + "\n" + TARGETS.splitlines()[2] + "\n", encoding="utf-8")
    data.write_text("Đơn vị,Năm,gd,chi\nA,2024,250,1.000\n", encoding="utf-8")
    assert main(["check", str(targets), str(data), "--xlsx", str(out)]) == 0
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == [SHEET, FINDINGS, SCORECARD]  # one year, no deadline: no chart
    assert wb[SHEET]["A2"].value == "Số liệu: không có điều gì cần xem lại."
    assert wb[FINDINGS]["A2"].value == "Không có điều gì cần xem lại." and rows_of(wb[FINDINGS]) == []
    assert (wb[SHEET]["I4"].value, wb[SHEET]["I4"].fill.fgColor.rgb) == ("đạt", GREEN)


# --- LibreOffice prints it ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def pdf(made: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    if shutil.which("pdftotext") is None and not IN_CI:
        pytest.skip("pdftotext not installed")
    (out,) = convert(made[0], tmp_path_factory.mktemp("pdf"), "pdf")  # skips when soffice is missing, outside CI
    return out


def _run(*args: str) -> str:
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def test_printed_by_libreoffice_at_a4_landscape_readable(pdf: Path) -> None:
    info = _run("pdfinfo", "-f", "1", "-l", "99", str(pdf))
    sizes = re.findall(r"Page +\d+ size: +([\d.]+) x ([\d.]+) pts", info)
    assert len(sizes) == 5  # table, findings, charts, ranking, chart figures: a page each
    assert {(round(float(w)), round(float(h))) for w, h in sizes} == {(842, 595)}  # A4 landscape
    first = _run("pdftotext", "-enc", "UTF-8", "-layout", "-f", "1", "-l", "1", str(pdf), "-")
    for said in ("ĐÁNH GIÁ THỰC HIỆN CHỈ TIÊU", "Trường công lập đạt", "Chi cho giáo dục",
                 "cần tăng", "chưa đạt", "mẫu số bằng 0", "không đủ số liệu", "Số liệu có 1 lỗi, 2 cảnh báo",
                 "Dự báo", "Nguồn: KH 01/KH-UBND"):  # fmt: skip
        assert said in first, said
    # one page wide and still readable: a word of 10-point text is at least 7,5 points tall on paper
    # (its box is about 0,9 of the font size: printed at 82% or more, not shrunk until unreadable)
    boxes = _run("pdftotext", "-bbox", "-f", "1", "-l", "1", str(pdf), "-")
    box = r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">Huyện'
    heights = [float(b) - float(a) for a, b in re.findall(box, boxes)]
    assert len(heights) == 6 and min(heights) >= 7.5, heights
    findings = _run("pdftotext", "-enc", "UTF-8", "-f", "2", "-l", "2", str(pdf), "-")
    assert "SỐ LIỆU CẦN XEM LẠI" in findings and "DATA_NUMERATOR_OVER" in findings
