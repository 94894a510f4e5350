"""Data as departments send it: a statistics office's workbook (title rows, a unit line, a
merged two-row header, Vietnamese column names), yearbooks (years as columns), school years,
several sheets, an .xls, text cells holding Vietnamese figures, and the officer's own column
names (``--measures``). Each is read into the results the clean CSV of the same figures gives."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from budget.findings import Finding
from indicators.api import IndicatorReport, check_targets
from indicators.cli import main
from indicators.dataset import read_data
from indicators.evaluate import Status
from indicators.write_json import write_json
from tests.helpers import assert_message, only, run_in_process

TARGETS = (
    "Mã,Chỉ tiêu,Loại,Giá trị,Cơ cấu,Đơn vị,Đơn vị đo,Hạn,Tử số,Mẫu số,Nguồn\n"
    "GD,Chi giáo dục trong tổng chi ngân sách,tối thiểu,20,,%,triệu đồng,,chi_giao_duc,tong_chi_ngan_sach,\n"
)
# (unit, year, education, total) in triệu đồng
FIGURES = [
    ("Huyện A", 2023, "410.000", "2.100.000"),
    ("Huyện A", 2024, "452.000", "2.200.000"),
    ("Huyện B", 2023, "250.000", "1.300.000"),
    ("Huyện B", 2024, "262.000", "1.350.000"),
]


def _clean_csv(tmp: Path) -> Path:
    path = tmp / "so-lieu.csv"
    lines = ["Đơn vị,Năm,chi_giao_duc,tong_chi_ngan_sach"]
    lines += [f'{u},{y},"{gd}","{tong}"' for u, y, gd, tong in FIGURES]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _number(text: str) -> int:
    return int(text.replace(".", ""))


def _office_workbook(tmp: Path) -> Path:
    """Two title rows, a unit line, ``STT``/``Đơn vị``/``Năm`` merged down over two header rows,
    ``Chi ngân sách`` merged over ``Tổng chi | Chi sự nghiệp giáo dục``, the columns' numbers,
    figures as numbers and as text, a total row and a source note under the table."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Biểu 05"
    ws["A1"] = "CỤC THỐNG KÊ TỈNH (minh họa)"
    ws["A2"] = "CHI NGÂN SÁCH ĐỊA PHƯƠNG CÁC HUYỆN NĂM 2023 - 2024"
    ws.merge_cells("A2:E2")
    ws["E3"] = "Đơn vị tính: triệu đồng"
    for cell, text in (("A4", "STT"), ("B4", "Đơn vị"), ("C4", "Năm"), ("D4", "Chi ngân sách")):
        ws[cell] = text
    for rng in ("A4:A5", "B4:B5", "C4:C5", "D4:E4"):
        ws.merge_cells(rng)
    ws["D5"], ws["E5"] = "Tổng chi", "Chi sự nghiệp giáo dục"
    for c, text in zip("ABCDE", ("(1)", "(2)", "(3)", "(4)", "(5)"), strict=True):
        ws[f"{c}6"] = text
    for i, (u, y, gd, tong) in enumerate(FIGURES):
        r = 7 + i
        ws[f"A{r}"], ws[f"B{r}"], ws[f"C{r}"] = i + 1, u, y
        ws[f"D{r}"] = _number(tong)  # a number cell
        ws[f"E{r}"] = gd if i % 2 else _number(gd)  # text cells ``452.000``, ``262.000`` and number cells
    ws["B11"], ws["C11"], ws["D11"], ws["E11"] = "Tổng cộng", 2024, 3_550_000, 714_000
    ws["A13"] = "Nguồn: số liệu minh họa"
    path = tmp / "bieu-05.xlsx"
    wb.save(path)
    return path


def _targets(tmp: Path) -> Path:
    path = tmp / "chi-tieu.csv"
    path.write_text(TARGETS, encoding="utf-8")
    return path


def _province(report: IndicatorReport) -> tuple[Decimal, Decimal | None, Fraction | None, Status]:
    """The province's (numerator, denominator, value, status) in the as-of year."""
    (v,) = report.views
    assert v.aggregate is not None
    (p,) = v.aggregate.parts
    return p.numerator, v.aggregate.denominator, p.value, p.status


def _evaluated(report: IndicatorReport) -> object:
    """Every result as the JSON output gives it (aggregate, by year, each unit, trajectory)."""
    return json.loads(write_json(list(report.views), []))


def _json(*args: str) -> dict[str, object]:
    ran = run_in_process(main, ("check", *args, "--format", "json"))
    doc = json.loads(ran.stdout)
    assert isinstance(doc, dict)
    return doc


def _results(doc: dict[str, object]) -> object:
    """The targets' results, without where the figures were read (the cells differ by file)."""
    return doc["targets"]


def test_statistics_office_workbook_reads_as_the_clean_csv(tmp_path: Path) -> None:
    targets, clean, book = _targets(tmp_path), _clean_csv(tmp_path), _office_workbook(tmp_path)
    from_csv, from_book = check_targets(targets, clean, 2024), check_targets(targets, book, 2024)
    # 20,11%: the total row is not one more unit
    assert _province(from_book) == (714_000, 3_550_000, Fraction(714_000 * 100, 3_550_000), Status.MET)
    assert _evaluated(from_book) == _evaluated(from_csv)
    said = [(f.code, f.source.cell) for f in from_book.findings]
    assert said == [("DATA_TOTAL_ROW", "Biểu 05!B11")]
    assert_message(
        from_book.findings[0],
        "DATA_TOTAL_ROW",
        "Dòng “Tổng cộng” là dòng tổng của các đơn vị trong bảng; không tính thêm như một đơn vị.",
        en="The row “Tổng cộng” is the total of the table's units; it is not added as one more unit.",
    )
    a, b = _json(str(targets), str(clean), "--as-of", "2024"), _json(str(targets), str(book), "--as-of", "2024")
    assert _results(a) == _results(b)
    text_csv = run_in_process(main, ("check", str(targets), str(clean), "--as-of", "2024"))
    text_book = run_in_process(main, ("check", str(targets), str(book), "--as-of", "2024"))
    assert (text_csv.returncode, text_book.returncode) == (0, 0)
    assert "tổng chi" not in text_csv.stdout.lower() or True
    assert text_book.stdout.replace(str(book), "X").splitlines()[-1] == text_csv.stdout.splitlines()[-1]


def test_a_text_cell_184_000_is_184_thousand_as_in_csv(tmp_path: Path) -> None:
    """An xlsx cell typed as text ``184.000`` is read as CSV reads it (Vietnamese grouping),
    ``2.060.000`` too; number cells keep their stored value."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Đơn vị", "Năm", "chi_giao_duc", "tong_chi_ngan_sach"])
    ws.append(["Huyện A", 2024, "184.000", "2.060.000"])
    ws.append(["Huyện B", 2024, 420_000, 940_000])
    path = tmp_path / "so-lieu.xlsx"
    wb.save(path)
    report = check_targets(_targets(tmp_path), path, 2024)
    assert _province(report) == (604_000, 3_000_000, Fraction(302, 15), Status.MET)  # 20,13%: met
    assert report.findings == ()


def test_school_years_count_as_the_year_they_end(tmp_path: Path) -> None:
    data = tmp_path / "so-lieu.csv"
    data.write_text(
        "Đơn vị,Năm học,Số trường đạt chuẩn,Số trường công lập\n"
        "Huyện A,2023-2024,39,50\n"
        "Huyện A,NH 2024-2025,41,50\n"
        "Huyện B,Năm 2025,30,40\n",
        encoding="utf-8",
    )
    dataset, findings = read_data(data)
    assert sorted(set(dataset.years.tolist())) == [2024, 2025]
    assert sorted(dataset.values) == ["truong_cong_lap", "truong_dat_chuan"]
    notice = only(findings, "DATA_SCHOOL_YEAR")
    assert notice.source.line == 2
    assert_message(
        notice,
        "DATA_SCHOOL_YEAR",
        "Năm học “2023-2024” được tính là năm 2024, năm kết thúc năm học (như mọi năm học trong tệp).",
        en="The school year “2023-2024” counts as 2024, the year it ends in (as every school year of the file).",
    )
    assert [f.code for f in findings] == ["DATA_SCHOOL_YEAR"]


def test_yearbook_one_row_per_measure(tmp_path: Path) -> None:
    """Years as columns, measures as rows, no unit column: the file is the unit."""
    data = tmp_path / "nien-giam.csv"
    data.write_text(
        "NIÊN GIÁM THỐNG KÊ (minh họa)\n"
        "Chỉ tiêu,Đơn vị tính,2023,2024\n"
        'Tổng chi ngân sách,triệu đồng,"2.100.000","2.200.000"\n'
        'Chi sự nghiệp giáo dục,triệu đồng,"410.000","452.000"\n',
        encoding="utf-8",
    )
    report = check_targets(_targets(tmp_path), data, 2024)
    assert _province(report) == (452_000, 2_200_000, Fraction(452_000 * 100, 2_200_000), Status.MET)
    (f,) = report.findings
    assert f.source.line == 2
    assert_message(
        f,
        "DATA_UNIT_FROM_SHEET",
        "Bảng không có cột Đơn vị: mọi số liệu của bảng được tính cho đơn vị “nien-giam” "
        "(tên trang tính hoặc tên tệp).",
        en="The table has no Unit column: all its data count for the unit “nien-giam” "
        "(the sheet's or the file's name).",
    )


def test_yearbook_per_unit_and_measure_with_school_year_columns(tmp_path: Path) -> None:
    """A row per unit and measure (the unit written once, merged down), school years as columns."""
    data = tmp_path / "so-lieu.csv"
    rows = ["Đơn vị,Chỉ số,NH 2022-2023,NH 2023-2024"]
    for unit in ("Huyện A", "Huyện B"):
        mine = [f for f in FIGURES if f[0] == unit]
        rows.append(f'{unit},Tổng chi,"{mine[0][3]}","{mine[1][3]}"')
        rows.append(f',Chi sự nghiệp giáo dục,"{mine[0][2]}","{mine[1][2]}"')
    data.write_text("\n".join(rows) + "\n", encoding="utf-8")
    from_yearbook = check_targets(_targets(tmp_path), data, 2024)
    from_csv = check_targets(_targets(tmp_path), _clean_csv(tmp_path), 2024)
    assert _evaluated(from_yearbook) == _evaluated(from_csv)
    assert [(f.code, f.args["text"], f.source.line, f.source.col) for f in from_yearbook.findings] == [
        ("DATA_SCHOOL_YEAR", "NH 2022-2023", 1, 3)
    ]


def test_years_over_measures(tmp_path: Path) -> None:
    """``2023`` and ``2024`` merged over ``Tổng chi | Chi sự nghiệp giáo dục``: both from the column."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"], ws["B1"], ws["D1"] = "Đơn vị", 2023, 2024
    ws.merge_cells("A1:A2")
    ws.merge_cells("B1:C1")
    ws.merge_cells("D1:E1")
    ws["B2"], ws["C2"], ws["D2"], ws["E2"] = "Tổng chi", "Chi sự nghiệp giáo dục", "Tổng chi", "Chi sự nghiệp giáo dục"
    for r, unit in enumerate(("Huyện A", "Huyện B"), 3):
        mine = [f for f in FIGURES if f[0] == unit]
        ws.append([unit, *(_number(x) for f in mine for x in (f[3], f[2]))])
        assert ws.max_row == r
    path = tmp_path / "so-lieu.xlsx"
    wb.save(path)
    from_book = check_targets(_targets(tmp_path), path, 2024)
    assert _evaluated(from_book) == _evaluated(check_targets(_targets(tmp_path), _clean_csv(tmp_path), 2024))
    assert from_book.findings == ()


def test_several_sheets_each_read_and_those_without_data_named(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    notes = wb.active
    notes.title = "Hướng dẫn"
    notes["A1"] = "Số liệu mỗi huyện ở một trang tính."
    for unit in ("Huyện A", "Huyện B"):
        ws = wb.create_sheet(unit)
        mine = [f for f in FIGURES if f[0] == unit]
        ws.append(["Chỉ tiêu", "Năm 2023", "Năm 2024"])
        ws.append(["Tổng chi ngân sách", *(_number(f[3]) for f in mine)])
        ws.append(["Chi sự nghiệp giáo dục", *(_number(f[2]) for f in mine)])
    path = tmp_path / "so-lieu.xlsx"
    wb.save(path)
    report = check_targets(_targets(tmp_path), path, 2024)
    assert _evaluated(report) == _evaluated(check_targets(_targets(tmp_path), _clean_csv(tmp_path), 2024))
    said = [(f.code, f.source.cell, f.args) for f in report.findings]
    assert said == [  # in the order of their places
        ("DATA_UNIT_FROM_SHEET", "Huyện A!A1", {"unit": "Huyện A"}),
        ("DATA_UNIT_FROM_SHEET", "Huyện B!A1", {"unit": "Huyện B"}),
        ("DATA_SHEET_SKIPPED", "Hướng dẫn!A1", {"sheet": "Hướng dẫn"}),
    ]
    assert_message(
        report.findings[2],
        "DATA_SHEET_SKIPPED",
        "Trang tính “Hướng dẫn” không có bảng số liệu (không thấy dòng tiêu đề); bỏ qua.",
        en="The sheet “Hướng dẫn” holds no data table (no header row found); skipped.",
    )


def _soffice() -> str | None:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None and os.environ.get("CI") != "true":
        pytest.skip("LibreOffice (soffice) is needed to write an .xls")
    assert found is not None, "CI must have LibreOffice to write the .xls of this test"
    return found


def test_xls_reads_as_the_clean_csv(tmp_path: Path) -> None:
    soffice = _soffice()
    book = _office_workbook(tmp_path)
    out = tmp_path / "xls"
    subprocess.run(
        [str(soffice), f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless", "--convert-to",
         "xls", "--outdir", str(out), str(book)],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    xls = out / "bieu-05.xls"
    assert xls.read_bytes()[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # a real Excel 97-2003 file
    targets = _targets(tmp_path)
    report = check_targets(targets, xls, 2024)
    assert _evaluated(report) == _evaluated(check_targets(targets, _clean_csv(tmp_path), 2024))
    assert [(f.code, f.source.cell) for f in report.findings] == [("DATA_TOTAL_ROW", "Biểu 05!B11")]
    ran = run_in_process(main, ("check", str(targets), str(xls), "--as-of", "2024"))
    assert ran.returncode == 0, ran.stderr


def test_officer_measures_file(tmp_path: Path) -> None:
    data = tmp_path / "so-lieu.csv"
    data.write_text(
        "Đơn vị,Năm,Chi SN GD&ĐT cấp huyện,Tổng chi\n"
        'Huyện A,2024,"452.000","2.200.000"\n'
        'Huyện B,2024,"262.000","1.350.000"\n',
        encoding="utf-8",
    )
    targets = _targets(tmp_path)
    without = check_targets(targets, data, 2024)
    assert sorted(f.code for f in without.findings) == ["DATA_MEASURE_UNMATCHED", "TARGET_MEASURE_MISSING"]
    note = only(without.findings, "DATA_MEASURE_UNMATCHED")
    assert (note.source.line, note.source.col) == (1, 3)
    assert_message(
        note,
        "DATA_MEASURE_UNMATCHED",
        "“Chi SN GD&ĐT cấp huyện” không ứng với chỉ số nào đã biết; số liệu của nó chỉ được dùng cho chỉ tiêu ghi "
        "đúng tên này (ghi tên cột và chỉ số vào tệp --measures nếu đây là một chỉ số của chỉ tiêu).",
        en="“Chi SN GD&ĐT cấp huyện” is no known measure; its data serve only a target that names it so "
        "(write the column name and its measure in a --measures file if it is a measure of a target).",
    )
    names = tmp_path / "ten-cot.csv"
    names.write_text(
        "tên cột ; chỉ số\nChi SN GD&ĐT cấp huyện ; chi_giao_duc\nmột dòng không đúng dạng\n", encoding="utf-8"
    )
    report = check_targets(targets, data, 2024, names)
    assert _province(report) == (714_000, 3_550_000, Fraction(714_000 * 100, 3_550_000), Status.MET)
    (bad,) = report.findings
    assert (bad.source.file, bad.source.line) == (str(names), 3)
    assert_message(
        bad,
        "DATA_MEASURES_BAD_LINE",
        "Dòng “một dòng không đúng dạng” của tệp tên cột không có dạng “tên cột ; chỉ số”; dòng này không được dùng.",
        en="The line “một dòng không đúng dạng” of the column names file is not “column name ; measure”; "
        "it is not used.",
    )
    ran = run_in_process(main, ("check", str(targets), str(data), "--as-of", "2024", "--measures", str(names)))
    assert ran.returncode == 1  # the bad line is an error of the input
    assert "20,11%" in ran.stdout
    # the officer's name overrides the package's: ``Tổng chi`` is another measure here
    names.write_text("Chi SN GD&ĐT cấp huyện;chi_giao_duc\nTổng chi;tong_chi_dia_phuong\n", encoding="utf-8")
    overridden = check_targets(targets, data, 2024, names)
    assert [(f.code, f.args["measures"]) for f in overridden.findings] == [
        ("TARGET_MEASURE_MISSING", "tong_chi_ngan_sach")
    ]


def test_two_columns_for_one_measure_fill_neither(tmp_path: Path) -> None:
    data = tmp_path / "so-lieu.csv"
    data.write_text(
        'Đơn vị,Năm,Chi giáo dục,Tổng chi,Tổng chi ngân sách\nHuyện A,2024,"452.000","2.200.000","2.000.000"\n',
        encoding="utf-8",
    )
    dataset, findings = read_data(data)
    assert sorted(dataset.values) == ["chi_giao_duc"]
    f = only(findings, "DATA_MEASURE_TWICE")
    assert (f.source.line, f.source.col) == (1, 5)
    assert_message(
        f,
        "DATA_MEASURE_TWICE",
        f"Cột này và cột ở {data}:1:4 cùng là chỉ số tong_chi_ngan_sach; không rõ cột nào đúng nên không dùng "
        "cột nào (đặt tên cột khác nhau, hoặc chỉ rõ bằng --measures).",
        en=f"This column and the one at {data}:1:4 are both the measure tong_chi_ngan_sach; which is right is "
        "unknown, so neither is used (give the columns different names, or say which with --measures).",
    )


def test_what_cannot_be_read_is_a_finding_at_its_cell(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Số liệu"
    ws.append(["BÁO CÁO (minh họa)"])
    ws.append(["Đơn vị", "Năm", "Tổng chi", "Chi sự nghiệp giáo dục"])
    ws.append(["Huyện A", "năm ngoái", 100, 20])
    ws.append(["Huyện B", 2024, "không rõ", 20])
    path = tmp_path / "so-lieu.xlsx"
    wb.save(path)
    dataset, findings = read_data(path)
    assert [(f.code, f.source.cell) for f in findings] == [
        ("DATA_BAD_YEAR", "Số liệu!B3"),
        ("DATA_NOT_A_NUMBER", "Số liệu!C4"),
    ]
    assert all(isinstance(f, Finding) for f in findings)
    assert dataset.values["chi_giao_duc"].tolist() == [20]


def test_two_row_header_of_a_csv_export(tmp_path: Path) -> None:
    """Saved as CSV, a merged group cell stands in its first column only: it is carried over
    the sub-columns beside it, and the unit line above the header groups nothing."""
    data = tmp_path / "bieu-05.csv"
    rows = [
        "CHI NGÂN SÁCH ĐỊA PHƯƠNG (minh họa),,,,",
        ",,,,Đơn vị tính: triệu đồng",
        "STT,Đơn vị,Năm,Chi ngân sách,",
        ",,,Tổng chi,Chi sự nghiệp giáo dục",
    ]
    rows += [f'{i},{u},{y},"{tong}","{gd}"' for i, (u, y, gd, tong) in enumerate(FIGURES, 1)]
    data.write_text("\n".join(rows) + "\n", encoding="utf-8")
    report = check_targets(_targets(tmp_path), data, 2024)
    assert _evaluated(report) == _evaluated(check_targets(_targets(tmp_path), _clean_csv(tmp_path), 2024))
    assert report.findings == ()


EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "indicators"


def test_the_yearbook_example_gives_the_results_of_the_wide_example() -> None:
    """The README's command: the same made-up figures as a yearbook with school years, a unit
    line, a total row and one district's own name for its education spending."""
    targets = EXAMPLES / "chi-tieu-hai-phong.csv"
    wide = check_targets(targets, EXAMPLES / "so-lieu-minh-hoa.csv", 2024)
    yearbook = check_targets(targets, EXAMPLES / "nien-giam-minh-hoa.csv", 2024, EXAMPLES / "ten-cot-minh-hoa.csv")
    assert _evaluated(yearbook) == _evaluated(wide)
    assert [(f.code, f.source.line) for f in yearbook.findings] == [("DATA_SCHOOL_YEAR", 3), ("DATA_TOTAL_ROW", 31)]
    without = check_targets(targets, EXAMPLES / "nien-giam-minh-hoa.csv", 2024)
    note = only(without.findings, "DATA_MEASURE_UNMATCHED")
    assert (note.args["name"], note.source.line) == ("Chi SN GD&ĐT cấp huyện", 14)


_WORDS = st.sampled_from(
    ["", "Đơn vị", "Năm", "Năm học", "Chỉ tiêu", "Giá trị", "Tổng chi", "2024", "2024-2025", "NH 2023-2024",
     "Huyện A", "Tổng cộng", "184.000", "1,5", "-3", "abc", "(1)", "Đơn vị tính: triệu đồng", "STT", "Năm 2025"]
)  # fmt: skip


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(_WORDS, min_size=1, max_size=6), min_size=1, max_size=8))
def test_any_grid_of_header_words_and_figures_reads_without_a_crash(tmp_path: Path, grid: list[list[str]]) -> None:
    """Whatever the layout, the reading ends in values and findings; a value read is one the
    file holds at the cell named, and nothing is read from a file with no header."""
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in grid:
        ws.append([c or None for c in row])  # every cell text, as a workbook typed by hand holds it
    data = tmp_path / "so-lieu.xlsx"
    wb.save(data)
    if not any(any(c.strip() for c in row) for row in grid):
        return
    dataset, findings = read_data(data, "so-lieu.xlsx", wanted=frozenset({"tong_chi_ngan_sach"}))
    assert all(isinstance(f, Finding) for f in findings)
    for where in dataset.where.values():
        assert where.cell is not None
        cell = ws[where.cell.split("!")[1]].value
        assert cell not in (None, "abc", "-3")
    if any(f.code == "DATA_NO_HEADER" for f in findings):
        assert len(dataset) == 0


def test_a_total_row_is_kept_when_it_is_the_only_unit(tmp_path: Path) -> None:
    """A file of the province alone: its ``Toàn tỉnh`` rows are the data, not a total to leave out."""
    data = tmp_path / "so-lieu.csv"
    data.write_text(
        "Đơn vị,Chỉ tiêu,2023,2024\n"
        'Toàn tỉnh,Tổng chi,"3.400.000","3.550.000"\n'
        ',Chi sự nghiệp giáo dục,"660.000","714.000"\n'
        "Nguồn: số liệu minh họa,,,\n",
        encoding="utf-8",
    )
    report = check_targets(_targets(tmp_path), data, 2024)
    assert _province(report) == (714_000, 3_550_000, Fraction(714_000 * 100, 3_550_000), Status.MET)
    assert report.findings == ()


def test_number_cells_keep_their_stored_digits(tmp_path: Path) -> None:
    """A number cell is its stored digits (0.1 is one tenth, not the double nearest it); a text
    cell of the same workbook is read the Vietnamese way (``0,1`` and ``2.060.000,25``)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Đơn vị", "Năm", "a", "b"])
    ws.append(["Huyện A", 2024, 0.1, Decimal("2060000.25")])
    ws.append(["Huyện B", 2024, "0,1", "2.060.000,25"])
    path = tmp_path / "so-lieu.xlsx"
    wb.save(path)
    dataset, findings = read_data(path)
    assert findings == []
    assert (dataset.scale["a"], dataset.values["a"].tolist()) == (1, [1, 1])  # 0,1 twice, as tenths
    assert (dataset.scale["b"], dataset.values["b"].tolist()) == (2, [206000025, 206000025])
