"""The exact words of the findings on a table of targets and its data, in Vietnamese and English:
one small pair of CSV files each, the finding's cell asserted too."""

from __future__ import annotations

from pathlib import Path

from budget.findings import Finding, Severity
from indicators.api import IndicatorReport, check_targets
from tests.helpers import assert_message, only

HEADER = "Mã,Chỉ tiêu,Loại,Giá trị,Cơ cấu,Đơn vị,Đơn vị đo,Hạn,Tử số,Mẫu số,Nguồn\n"
SCHOOLS = "T,Trường đạt chuẩn,khoảng,80 - 85,,%,trường,,dat,tong,\n"
DATA = "Đơn vị,Năm,dat,tong\nA,2024,40,50\n"


def _check(tmp_path: Path, targets: str, data: str = DATA, as_of: int | None = None) -> IndicatorReport:
    (tmp_path / "chi-tieu.csv").write_text(HEADER + targets, encoding="utf-8")
    (tmp_path / "so-lieu.csv").write_text(data, encoding="utf-8")
    return check_targets(tmp_path / "chi-tieu.csv", tmp_path / "so-lieu.csv", as_of)


def _at(f: Finding) -> tuple[str, Severity, int | None, int | None]:
    return Path(f.source.file).name, f.severity, f.source.line, f.source.col


def test_a_kind_of_target_not_known(tmp_path: Path) -> None:
    f = only(_check(tmp_path, "T,Trường,gần bằng,80,,%,trường,,dat,tong,\n").findings, "TARGET_BAD_KIND")
    assert _at(f) == ("chi-tieu.csv", Severity.ERROR, 2, 3)
    assert_message(
        f,
        "TARGET_BAD_KIND",
        "Loại chỉ tiêu “gần bằng” không rõ; dùng: tối thiểu, tối đa, khoảng, cơ cấu, số lượng, xấp xỉ, mức thay đổi, "
        "từ mức gốc, xu hướng, xây mới.",
        en="Unknown kind of target “gần bằng”; use: minimum, maximum, range, split, count, approximate, change, "
        "from_to, direction, build.",
    )


def test_a_value_that_is_no_number(tmp_path: Path) -> None:
    found = _check(tmp_path, "T,Trường,tối thiểu,tám mươi,,%,trường,,dat,tong,\n").findings
    f = only(found, "TARGET_BAD_NUMBER")
    assert _at(f) == ("chi-tieu.csv", Severity.ERROR, 2, 4)
    assert_message(
        f,
        "TARGET_BAD_NUMBER",
        "Không đọc được số “tám mươi” của chỉ tiêu.",
        en="Cannot read the target's number “tám mươi”.",
    )
    f = only(found, "TARGET_NO_BOUNDS")
    assert _at(f) == ("chi-tieu.csv", Severity.ERROR, 2, 4)
    assert_message(
        f, "TARGET_NO_BOUNDS", "Chỉ tiêu T không ghi giá trị cần đạt.", en="Target T states no value to reach."
    )


def test_a_split_whose_shares_and_measures_differ(tmp_path: Path) -> None:
    target = "PL,Phân luồng,cơ cấu,,70; 20; 10,%,học sinh,,thpt; nghe,tn,\n"
    f = only(_check(tmp_path, target, "Đơn vị,Năm,thpt,nghe,tn\nA,2024,1,2,3\n").findings, "TARGET_SPLIT_SHAPE")
    assert _at(f) == ("chi-tieu.csv", Severity.ERROR, 2, 5)
    assert_message(
        f,
        "TARGET_SPLIT_SHAPE",
        "Cơ cấu có 3 phần nhưng tử số có 2 chỉ số; hai bên phải bằng nhau.",
        en="The split has 3 shares but the numerator has 2 measures; the two must be equal.",
    )


def test_a_target_with_no_numerator_or_no_denominator(tmp_path: Path) -> None:
    f = only(_check(tmp_path, "T,Trường,tối thiểu,80,,%,trường,,,tong,\n").findings, "TARGET_NO_MEASURE")
    assert _at(f) == ("chi-tieu.csv", Severity.ERROR, 2, 9)
    assert_message(
        f,
        "TARGET_NO_MEASURE",
        "Chỉ tiêu T không ghi tử số (chỉ số dùng để tính).",
        en="Target T states no numerator (the measure it is computed from).",
    )
    f = only(_check(tmp_path, "T,Trường,tối thiểu,80,,%,trường,,dat,,\n").findings, "TARGET_NO_DENOMINATOR")
    assert _at(f) == ("chi-tieu.csv", Severity.ERROR, 2, 10)
    assert_message(
        f,
        "TARGET_NO_DENOMINATOR",
        "Chỉ tiêu T tính theo % nhưng không ghi mẫu số.",
        en="Target T is a percentage but states no denominator.",
    )


def test_a_deadline_that_is_no_year(tmp_path: Path) -> None:
    f = only(_check(tmp_path, "T,Trường,tối thiểu,80,,%,trường,sau này,dat,tong,\n").findings, "TARGET_BAD_DEADLINE")
    assert _at(f) == ("chi-tieu.csv", Severity.ERROR, 2, 8)
    assert_message(
        f, "TARGET_BAD_DEADLINE", "Hạn “sau này” không phải là một năm.", en="The deadline “sau này” is not a year."
    )


def test_a_measure_the_data_lack(tmp_path: Path) -> None:
    f = only(_check(tmp_path, SCHOOLS, "Đơn vị,Năm,dat\nA,2024,40\n").findings, "TARGET_MEASURE_MISSING")
    assert _at(f) == ("chi-tieu.csv", Severity.ERROR, 2, 1)
    assert_message(
        f,
        "TARGET_MEASURE_MISSING",
        "Chỉ tiêu T: số liệu không có chỉ số tong; chỉ tiêu này không đánh giá được.",
        en="Target T: the data have no measure tong; this target cannot be evaluated.",
    )


def test_no_year_with_all_the_data(tmp_path: Path) -> None:
    f = only(_check(tmp_path, SCHOOLS, "Đơn vị,Năm,dat,tong\nA,2024,40,\nB,2024,,50\n").findings, "TARGET_NO_DATA")
    assert _at(f) == ("chi-tieu.csv", Severity.WARNING, 2, 1)
    assert_message(
        f,
        "TARGET_NO_DATA",
        "Chỉ tiêu T: không năm nào có đủ số liệu (dat, tong) của cùng một đơn vị; chỉ tiêu chưa đánh giá được.",
        en="Target T: no year has all the data (dat, tong) for one and the same unit; the target cannot be "
        "evaluated yet.",
    )


def test_the_year_evaluated_has_no_data(tmp_path: Path) -> None:
    f = only(_check(tmp_path, SCHOOLS, as_of=2026).findings, "TARGET_AFTER_DATA")
    assert _at(f) == ("chi-tieu.csv", Severity.WARNING, 2, 1)
    assert_message(
        f,
        "TARGET_AFTER_DATA",
        "Chỉ tiêu T: năm đánh giá 2026 sau năm cuối có số liệu (2024); chỉ tiêu chưa đánh giá được, không tính là đạt.",
        en="Target T: the year evaluated, 2026, is after the last year with data (2024); the target cannot be "
        "evaluated yet and is not counted as met.",
    )
    data = "Đơn vị,Năm,dat,tong\nA,2023,40,50\nA,2025,40,50\n"
    f = only(_check(tmp_path, SCHOOLS, data, as_of=2024).findings, "TARGET_NO_DATA_YEAR")
    assert_message(
        f,
        "TARGET_NO_DATA_YEAR",
        "Chỉ tiêu T: không có số liệu năm 2024 (các năm có số liệu: 2023, 2025); chỉ tiêu chưa đánh giá được, "
        "không tính là đạt.",
        en="Target T: no data for the year 2024 (years with data: 2023, 2025); the target cannot be evaluated yet "
        "and is not counted as met.",
    )


def test_a_zero_denominator_and_a_year_that_is_none(tmp_path: Path) -> None:
    found = _check(tmp_path, SCHOOLS, "Đơn vị,Năm,dat,tong\nA,2024,0,0\nB,hai nghìn,40,50\nC,2024,40,50\n").findings
    f = only(found, "DATA_ZERO_DENOMINATOR")
    assert _at(f) == ("so-lieu.csv", Severity.WARNING, 2, 4)
    assert_message(
        f,
        "DATA_ZERO_DENOMINATOR",
        "Chỉ tiêu T: mẫu số của A năm 2024 bằng 0, không tính được tỷ lệ; dòng này không được tính vào tổng.",
        en="Target T: the denominator of A in 2024 is 0; the rate cannot be computed; the row is left out of the "
        "totals.",
    )
    f = only(found, "DATA_BAD_YEAR")
    assert _at(f) == ("so-lieu.csv", Severity.ERROR, 3, 2)
    assert_message(
        f,
        "DATA_BAD_YEAR",
        "Năm “hai nghìn” không hợp lệ; dòng này không được dùng.",
        en="The year “hai nghìn” is not valid; the row is not used.",
    )


def test_data_without_unit_and_year_columns(tmp_path: Path) -> None:
    f = only(_check(tmp_path, SCHOOLS, "Tên,Giá\nA,40\n").findings, "DATA_NO_HEADER")
    assert _at(f) == ("so-lieu.csv", Severity.ERROR, 1, None)
    assert_message(
        f,
        "DATA_NO_HEADER",
        "Bảng số liệu cần các cột Đơn vị và Năm (và Chỉ số, Giá trị nếu ở dạng dài).",
        en="The data table needs the columns Unit and Year (and Measure, Value in the long form).",
    )


def test_bad_values_in_the_data(tmp_path: Path) -> None:
    data = "Đơn vị,Năm,dat,tong\nA,2024,abc,50\nB,2024,-3,50\nC,2024,60,50\nD,2024,40,50\nD,2024,41,50\n"
    found = _check(tmp_path, SCHOOLS, data).findings
    f = only(found, "DATA_NOT_A_NUMBER")
    assert _at(f) == ("so-lieu.csv", Severity.ERROR, 2, 3)
    assert_message(
        f,
        "DATA_NOT_A_NUMBER",
        "Ô số liệu có “abc”, không phải là số; giá trị này không được dùng.",
        en="The data cell holds “abc”, not a number; the value is not used.",
    )
    f = only(found, "DATA_NEGATIVE")
    assert _at(f) == ("so-lieu.csv", Severity.ERROR, 3, 3)
    assert_message(
        f,
        "DATA_NEGATIVE",
        "Giá trị âm -3 của chỉ số dat; số đếm và số tiền không thể âm, giá trị không được dùng.",
        en="Negative value -3 of the measure dat; counts and amounts cannot be negative, the value is not used.",
    )
    f = only(found, "DATA_NUMERATOR_OVER")
    assert _at(f) == ("so-lieu.csv", Severity.ERROR, 4, 3)
    assert_message(
        f,
        "DATA_NUMERATOR_OVER",
        "Chỉ tiêu T: tử số của C năm 2024 lớn hơn mẫu số, số liệu không thể đúng; dòng này không được tính vào tổng.",
        en="Target T: the numerator of C in 2024 is greater than the denominator, which cannot be true; the row is "
        "left out of the totals.",
    )
    first, second = [f for f in found if f.code == "DATA_DUPLICATE"]
    assert _at(first) == ("so-lieu.csv", Severity.ERROR, 6, 3)
    data_file = tmp_path / "so-lieu.csv"
    assert_message(
        first,
        "DATA_DUPLICATE",
        f"Trùng số liệu dat của D năm 2024 (đã có ở {data_file}:5:3); dòng này không được dùng.",
        en=f"Data for dat of D in 2024 given twice (first at {data_file}:5:3); this row is not used.",
    )
    assert second.source.col == 4


def test_the_english_words_the_english_messages_name_are_read(tmp_path: Path) -> None:
    """TARGET_BAD_KIND and DATA_NO_HEADER name English words in English: they are read too."""
    report = _check(tmp_path, "T,Trường,minimum,80,,%,trường,,dat,tong,\n", "Unit,Year,dat,tong\nA,2024,40,50\n")
    assert report.findings == ()
    (view,) = report.views
    assert view.aggregate is not None and not view.result.failing  # 40/50 = 80%: the minimum, met
