"""The kinds of target people write: read from plan sentences (each form asserted whole: kind,
bounds, base year or baseline, deadline, source line) and evaluated on small data sets
written here, the status and the gap computed with ``fractions`` beside them."""

from __future__ import annotations

import json
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from budget.findings import Severity
from budget.read.text import split_lines
from indicators.api import IndicatorReport, check_targets
from indicators.evaluate import Status
from indicators.extract import extract
from indicators.model import Kind, Target
from indicators.view import TargetView, describe_bounds, kind_notes
from indicators.write_json import write_json
from indicators.write_targets import to_text
from indicators.write_text import write_text
from tests.helpers import assert_message, only

D = Decimal


def read(text: str) -> list[Target]:
    return [e.target for e in extract(split_lines(text, "ke-hoach.txt"), set())]


def fields(t: Target) -> tuple[object, ...]:
    return (t.source.line, t.kind, t.lower, t.upper, t.unit, t.deadline, t.per_year, t.direction, t.base_year,
            t.baseline, t.stated)  # fmt: skip


# Quyết định số 5127/QĐ-UBND, 30/09/2024, Chủ tịch UBND thành phố Hà Nội (kế hoạch năm học 2024 - 2025), line 74
SEED_001 = (
    "Về giáo dục nghề nghiệp , tỷ lệ lao động qua đào tạo từ 75 - 80%; tỷ lệ lao động có bằng cấp, chứng chỉ đạt "
    "từ 55 - 60%; mỗi năm đào tạo nghề khoảng 230.000 lượt người."
)
# Kế hoạch số 193/KH-UBND, 19/08/2021, UBND thành phố Hải Phòng, line 95
SEED_002 = (
    "- Tăng cường đầu tư cơ sở vật chất và trang thiết bị dạy học cho các đơn vị giáo dục và cơ sở giáo dục nghề "
    "nghiệp theo hướng đồng bộ và hiện đại. Chỉ đạo các đơn vị giáo dục trong việc huy động các nguồn lực để xây "
    "dựng trường học đạt chuẩn quốc gia, phấn đấu đến năm 2025 đạt tối thiểu 66%."
)


def test_seed_sentences_keep_their_meaning() -> None:
    (a, b, c) = read(SEED_001)
    assert (a.kind, a.lower, a.upper, b.kind, b.lower, b.upper) == (Kind.RANGE, D(75), D(80), Kind.RANGE, D(55), D(60))
    # about 230.000 a year: a band of ± 5.000 (half its rounding), judged each year, not a minimum
    assert fields(c) == (1, Kind.APPROXIMATE, D(225000), D(235000), "lượt người", None, True, 0, None, None, D(230000))
    (d,) = read(SEED_002)
    assert fields(d) == (1, Kind.MINIMUM, D(66), None, "%", 2025, False, 0, None, None, None)


# Sentences of our own, one for each form, in a plan whose title states its period.
PLAN = """KẾ HOẠCH
Phát triển giáo dục huyện Minh Họa giai đoạn 2021 - 2025
Căn cứ Luật Giáo dục năm 2019;
- Số học sinh trung học phổ thông tăng 10% so với năm 2020.
- Mỗi năm tăng 1 - 2% số trẻ mẫu giáo đến trường.
- Giảm tỷ lệ học sinh bỏ học 1,5%/năm.
- Tỷ lệ trường đạt chuẩn quốc gia tăng từ 60% năm 2020 lên 75% năm 2024.
- Tỷ lệ học sinh bỏ học dưới 5% vào năm 2024.
- Xây mới 2.000 phòng học trước năm 2026.
- Sĩ số không quá 35 học sinh/lớp.
- Nâng cao tỷ lệ giáo viên đạt chuẩn.
- Giảm dần tỷ lệ trẻ suy dinh dưỡng.
- Tỷ lệ huy động trẻ 5 tuổi đến trường đạt 99%.
- Khoảng 85% học sinh được học tiếng Anh.
- Tăng cường cơ sở vật chất; nâng cao chất lượng giáo dục toàn diện.
"""


def test_each_form_of_our_own() -> None:
    found = {t.source.line: t for t in read(PLAN)}
    assert sorted(found) == [4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]  # line 15: no figure, no rate: no target
    expected = {
        # rate of change against a base year: a change of at least 10%, by the plan's end
        4: (4, Kind.CHANGE, D(10), None, "%", 2025, False, 1, 2020, None, None),
        # each year up by 1 to 2%: against the year before
        5: (5, Kind.CHANGE, D(1), D(2), "%", 2025, True, 1, None, None, None),
        # down by at least 1,5 a year
        6: (6, Kind.CHANGE, D("1.5"), None, "%", 2025, True, -1, None, None, None),
        # from-to: 75% by 2024, with its baseline 60% in 2020
        7: (7, Kind.FROM_TO, D(75), None, "%", 2024, False, 1, 2020, D(60), None),
        # the deadline after the figure
        8: (8, Kind.MAXIMUM, None, D(5), "%", 2024, False, 0, None, None, None),
        # things to build before 2026: by 2025
        9: (9, Kind.BUILD, D(2000), None, "phòng học", 2025, False, 0, None, None, None),
        # a ceiling on a ratio of two measures
        10: (10, Kind.MAXIMUM, None, D(35), "học sinh/lớp", 2025, False, 0, None, None, None),
        # direction only, up and down: no level
        11: (11, Kind.DIRECTION, None, None, "%", 2025, False, 1, None, None, None),
        12: (12, Kind.DIRECTION, None, None, "%", 2025, False, -1, None, None, None),
        13: (13, Kind.MINIMUM, D(99), None, "%", 2025, False, 0, None, None, None),
        # about 85%: 85 ± 0,5 (a whole percent)
        14: (14, Kind.APPROXIMATE, D("84.5"), D("85.5"), "%", 2025, False, 0, None, None, D(85)),
    }
    assert {n: fields(t) for n, t in found.items()} == expected
    # the deadline the sentence states, or else the plan's period, said as such
    assert [n for n, t in found.items() if t.deadline_from_period] == [4, 5, 6, 10, 11, 12, 13, 14]
    assert found[9].source.col == 3  # at "Xây mới"


def test_no_period_in_the_title_no_deadline() -> None:
    (t,) = read("KẾ HOẠCH\nThực hiện Kết luận số 91-KL/TW giai đoạn 2021 - 2025\n- Sĩ số không quá 35 học sinh/lớp.\n")
    assert (t.deadline, t.deadline_from_period) == (2025, True)
    (t,) = read(
        "KẾ HOẠCH\nThực hiện Nghị quyết số 51/NQ-CP\nCăn cứ giai đoạn 2021 - 2025\n- Sĩ số không quá 35 học sinh/lớp.\n"
    )
    assert (t.deadline, t.deadline_from_period) == (None, False)  # a period cited in the text is not the plan's


def test_extracted_lines_say_the_kind_in_words() -> None:
    found = extract(split_lines(PLAN, "ke-hoach.txt"), set())
    text = to_text(found).splitlines()
    assert text[0].startswith(
        "ke-hoach.txt:4:35: [CT01] mức thay đổi 10% (tăng), so với năm 2020, đến năm 2025 (hết giai đoạn của kế hoạch)"
    )
    assert "[CT04] từ mức gốc 75%, từ 60% năm 2020, đến năm 2024 —" in text[3]
    en = to_text(found, "en").splitlines()
    assert "[CT02] change 1 - 2% (up) a year, by 2025 (the end of the plan's period)" in en[1]


# Evaluation. The targets file states the new kinds in four more columns.
HEADER = "Mã,Chỉ tiêu,Loại,Giá trị,Cơ cấu,Đơn vị,Đơn vị đo,Hạn,Tử số,Mẫu số,Nguồn,Chiều,Năm gốc,Giá trị gốc,Mỗi năm\n"
DATA = """Đơn vị,Năm,dn,hs,bo,dat,tong,gd,tc,lop,ph
A,2022,100.000,1000,20,30,50,10,100,30,20
A,2023,110.000,1080,19,33,50,11,100,30,30
B,2022,120.000,2000,40,20,40,20,200,50,10
B,2023,118.000,2150,39,26,40,20,200,60,25
"""


def check(tmp_path: Path, row: str, as_of: int | None = 2023) -> tuple[TargetView, IndicatorReport]:
    (tmp_path / "chi-tieu.csv").write_text(HEADER + row + "\n", encoding="utf-8")
    (tmp_path / "so-lieu.csv").write_text(DATA, encoding="utf-8")
    report = check_targets(tmp_path / "chi-tieu.csv", tmp_path / "so-lieu.csv", as_of)
    (v,) = report.views
    return v, report


def test_approximate_flow_per_year(tmp_path: Path) -> None:
    row = "DN,Đào tạo nghề,xấp xỉ,230.000,,lượt người,lượt người,2025,dn,,,,,,có"
    v, _ = check(tmp_path, row, 2022)
    p = v.aggregate.parts[0]  # type: ignore[union-attr]
    total = Fraction(100_000 + 120_000)  # 2022 alone, never added to other years
    assert (p.value, p.status) == (total, Status.BELOW)
    assert p.gap is not None and p.gap.amount == Fraction(230_000 - 5_000) - total == 5_000
    assert v.result.due and v.result.failing and v.trajectory is None  # each year is due: no pace
    v, _ = check(tmp_path, row, 2023)
    assert (v.aggregate.parts[0].value, v.aggregate.status) == (Fraction(228_000), Status.MET)  # type: ignore[union-attr]
    assert kind_notes(v)[:2] == [
        "xấp xỉ: dải 230.000 lượt người ± 5.000 (một nửa đơn vị làm tròn của số nêu); trên dải không phải là thiếu hụt",
        "mỗi năm: đánh giá từng năm theo số liệu của năm đó, không cộng dồn",
    ]
    assert describe_bounds(v.target) == "xấp xỉ 230.000 lượt người (225.000 - 235.000 lượt người) mỗi năm"


def test_change_against_a_base_year(tmp_path: Path) -> None:
    v, report = check(tmp_path, "HS,Học sinh,mức thay đổi,10,,%,học sinh,,hs,,,tăng,2022,,")
    p = v.aggregate.parts[0]  # type: ignore[union-attr]
    change = Fraction(1080 + 2150 - 3000, 3000) * 100  # the total against the same units' 2022 total
    assert (p.value, p.status) == (change, Status.NOT_MET)
    assert p.gap is not None and (p.gap.direction, p.gap.amount) == (1, Fraction(3000) * Fraction(110, 100) - 3230)
    assert [(u.unit, u.parts[0].value) for u in v.units] == [("A", Fraction(8)), ("B", Fraction(150, 2000) * 100)]
    assert report.findings == ()
    assert describe_bounds(v.target) == "tăng ít nhất 10% so với năm 2022"


def test_change_of_a_rate_each_year_in_points(tmp_path: Path) -> None:
    v, _ = check(tmp_path, "BO,Bỏ học,mức thay đổi,1 - 2,,%,học sinh,,bo,hs,,giảm,,,có")
    p = v.aggregate.parts[0]  # type: ignore[union-attr]
    before, now = Fraction(60 * 100, 3000), Fraction(58 * 100, 3230)
    assert (p.value, p.status) == (now - before, Status.BELOW)  # down 0,20 point: less than the 1 asked
    needed = (before - 1) / 100 * 3230  # drop-outs at 1 point below last year, the pupils fixed
    assert p.gap is not None and (p.gap.direction, p.gap.amount) == (-1, -((needed - 58).__floor__()))
    assert "-0,20 điểm %  dưới mức       cần giảm 26 học sinh" in write_text([v], [])


def test_from_to_with_its_baseline(tmp_path: Path) -> None:
    v, report = check(tmp_path, "FT,Trường chuẩn,từ mức gốc,75,,%,trường,2025,dat,tong,,,2022,60,")
    p = v.aggregate.parts[0]  # type: ignore[union-attr]
    assert (p.value, p.status) == (Fraction(59 * 100, 90), Status.NOT_MET)
    assert p.gap is not None and p.gap.amount == 9  # 75% of 90 is 67,5: 9 more schools, whole
    assert not v.result.due and not v.result.failing  # before 2025, on track: 10 points a year, 6,48 needed
    f = only(report.findings, "TARGET_BASELINE_DIFFERS")
    assert f.severity is Severity.INFO
    assert_message(
        f,
        "TARGET_BASELINE_DIFFERS",
        "Chỉ tiêu FT: kế hoạch ghi mức gốc năm 2022 là 60%, số liệu cho ≈55,56%; lộ trình tính theo số liệu.",
        en="Target FT: the plan states a baseline of 60% in 2022, the data give ≈55.56%; progress is measured on "
        "the data.",
    )
    assert describe_bounds(v.target) == "tăng từ 60% năm 2022 lên 75%"


def test_direction_only_by_trend(tmp_path: Path) -> None:
    v, _ = check(tmp_path, "GD,Tỷ trọng chi,xu hướng,,,%,triệu đồng,,gd,tc,,tăng,,,")
    p = v.aggregate.parts[0]  # type: ignore[union-attr]
    assert (p.value, p.status, p.gap) == (Fraction(31 * 100, 300) - 10, Status.MET, None)
    assert [(u.unit, u.status) for u in v.units] == [("A", Status.MET), ("B", Status.NOT_MET)]  # B: 10% both years
    v, _ = check(tmp_path, "GD,Tỷ trọng chi,xu hướng,,,%,triệu đồng,,gd,tc,,giảm,,,")
    assert v.aggregate.status is Status.NOT_MET and v.result.failing  # type: ignore[union-attr]


def test_ceiling_on_a_ratio(tmp_path: Path) -> None:
    v, report = check(tmp_path, "SL,Sĩ số,tối đa,35,,học sinh/lớp,học sinh,,hs,lop,,,,,")
    p = v.aggregate.parts[0]  # type: ignore[union-attr]
    assert (p.value, p.status) == (Fraction(3230, 90), Status.NOT_MET)
    assert p.gap is not None and (p.gap.direction, p.gap.amount) == (-1, 3230 - 35 * 90)
    a = v.units[0].parts[0]
    assert (a.value, a.gap.amount if a.gap else None) == (Fraction(36), 1080 - 35 * 30)
    assert report.findings == ()  # 36 pupils a class is no numerator above its denominator


def test_counts_to_build_add_up_from_the_base_year(tmp_path: Path) -> None:
    v, _ = check(tmp_path, "PH,Phòng học xây mới,xây mới,100,,phòng,phòng,2025,ph,,,,2022,,")
    p = v.aggregate.parts[0]  # type: ignore[union-attr]
    assert (p.value, p.status) == (Fraction(20 + 10 + 30 + 25), Status.BELOW)
    assert p.gap is not None and p.gap.amount == 100 - 85
    assert [r.parts[0].value for r in v.by_year] == [30, 85]
    assert not v.result.failing  # before 2025 and on track


def test_a_change_without_its_base_year_in_the_data(tmp_path: Path) -> None:
    v, report = check(tmp_path, "HS,Học sinh,mức thay đổi,10,,%,học sinh,,hs,,,tăng,2019,,")
    assert not v.result.evaluated
    assert_message(
        only(report.findings, "TARGET_NO_BASE_YEAR"),
        "TARGET_NO_BASE_YEAR",
        "Chỉ tiêu HS: số liệu không có năm gốc 2019; không so sánh được với năm gốc.",
        en="Target HS: the data have no base year 2019; no comparison with the base year.",
    )


def test_a_change_needs_its_direction_and_a_from_to_its_baseline(tmp_path: Path) -> None:
    (tmp_path / "so-lieu.csv").write_text(DATA, encoding="utf-8")
    (tmp_path / "chi-tieu.csv").write_text(HEADER + "HS,Học sinh,mức thay đổi,10,,%,học sinh,,hs,,,,2022,,\n")
    report = check_targets(tmp_path / "chi-tieu.csv", tmp_path / "so-lieu.csv", 2023)
    f = only(report.findings, "TARGET_NO_DIRECTION")
    assert (f.source.line, f.source.col) == (2, 3)
    assert_message(
        f,
        "TARGET_NO_DIRECTION",
        "Chỉ tiêu HS không ghi chiều (tăng hoặc giảm) ở cột Chiều.",
        en="Target HS states no direction (up or down) in the column Chiều.",
    )
    (tmp_path / "chi-tieu.csv").write_text(HEADER + "FT,Trường,từ mức gốc,75,,%,trường,2025,dat,tong,,,2022,,\n")
    report = check_targets(tmp_path / "chi-tieu.csv", tmp_path / "so-lieu.csv", 2023)
    assert report.views == ()
    assert_message(
        only(report.findings, "TARGET_NO_BASELINE"),
        "TARGET_NO_BASELINE",
        "Chỉ tiêu FT loại “từ mức gốc” không ghi giá trị gốc ở cột Giá trị gốc.",
        en="Target FT of kind “from baseline” states no baseline in the column Giá trị gốc.",
    )


def test_json_carries_the_kind_reading(tmp_path: Path) -> None:
    v, report = check(tmp_path, "BO,Bỏ học,mức thay đổi,1 - 2,,%,học sinh,,bo,hs,,giảm,,,có")
    (doc,) = json.loads(write_json(list(report.views), list(report.findings)))["targets"]
    assert doc["kind"] == "change"
    assert doc["kind_reading"] == {
        "per_year": True,
        "direction": "down",
        "base_year": None,
        "baseline_stated": None,
        "base_value": None,
        "stated": None,
        "band": None,
        "change_in": "points",
        "deadline_from_period": False,
        "notes": [
            "mỗi năm: đánh giá từng năm theo số liệu của năm đó, không cộng dồn",
            "mức thay đổi tính bằng điểm phần trăm (chỉ số là tỷ lệ)",
        ],
    }
    change = Fraction(58 * 100, 3230) - 2
    assert doc["aggregate"]["parts"][0]["value_exact"] == f"{change.numerator}/{change.denominator}"
    assert v.result.target.kind is Kind.CHANGE


def test_counts_to_build_from_a_later_year_and_a_unit_with_a_gap(tmp_path: Path) -> None:
    v, report = check(tmp_path, "PH,Phòng học xây mới,xây mới,100,,phòng,phòng,2025,ph,,,,2023,,")
    assert [(r.year, r.parts[0].value) for r in v.by_year] == [(2023, Fraction(30 + 25))]  # 2022 left out, no note
    assert report.findings == ()
    (tmp_path / "so-lieu.csv").write_text("Đơn vị,Năm,ph\nA,2022,5\nA,2023,6\nA,2024,7\nB,2022,1\nB,2024,2\n")
    report = check_targets(tmp_path / "chi-tieu.csv", tmp_path / "so-lieu.csv", 2024)
    (v,) = report.views
    # B has no 2023: its total from then on is unknown, so the province's is not read as final
    # (one unit of two reported: below the default coverage, no verdict)
    assert [(r.year, r.parts[0].value, r.status) for r in v.by_year] == [
        (2023, Fraction(6), Status.INSUFFICIENT),
        (2024, Fraction(13), Status.INSUFFICIENT),
    ]
    assert v.units[0].parts[0].value == 13 and v.units[1].parts[0].status is Status.NO_DATA


def test_a_band_stated_in_the_targets_file(tmp_path: Path) -> None:
    v, report = check(tmp_path, "DN,Đào tạo nghề,xấp xỉ,230.000 ± 10.000,,lượt người,lượt người,,dn,,,,,,x", 2022)
    assert report.findings == ()
    assert (v.target.lower, v.target.upper, v.target.stated) == (D(220000), D(240000), D(230000))
    assert v.aggregate is not None and v.aggregate.status is Status.MET  # 220.000: the band's lower end


def test_the_workbook_says_the_kind_in_words(tmp_path: Path) -> None:
    import openpyxl

    from indicators.write_xlsx import write_targets_workbook

    _, report = check(tmp_path, "SL,Sĩ số,tối đa,35,,học sinh/lớp,học sinh,,hs,lop,,,,,")
    write_targets_workbook(tmp_path / "kq.xlsx", report)
    ws = openpyxl.load_workbook(tmp_path / "kq.xlsx")["Chỉ tiêu"]
    assert [ws.cell(4, c).value for c in (3, 8, 9, 10)] == ["tối đa 35 học sinh/lớp", 35.89, "chưa đạt", -80]


PROSE = st.sampled_from(
    ["Tiếp tục thực hiện các giải pháp", "Chỉ đạo các đơn vị giáo dục", "Tăng cường cơ sở vật chất", ""]
)


@st.composite
def kind_phrases(draw: st.DrawFn) -> tuple[str, tuple[object, ...]]:
    """A sentence of one kind beyond a level and the fields it must give: kind, lower, upper,
    unit, deadline, per year, direction, base year, baseline."""
    a = draw(st.integers(1, 60))
    b = draw(st.integers(a + 1, 99))
    y0 = draw(st.integers(2015, 2024))
    y1 = draw(st.integers(y0 + 1, 2035))
    form = draw(st.sampled_from(["change", "per_year", "from_to", "down_to", "ratio", "build", "after"]))
    if form == "change":
        return f"số học sinh tăng {a}% so với năm {y0}", (Kind.CHANGE, D(a), None, "%", None, False, 1, y0, None)
    if form == "per_year":
        return f"mỗi năm giảm {a} - {b}% số hộ nghèo", (Kind.CHANGE, D(a), D(b), "%", None, True, -1, None, None)
    if form == "from_to":
        text = f"tỷ lệ trường đạt chuẩn tăng từ {a}% năm {y0} lên {b}% năm {y1}"
        return text, (Kind.FROM_TO, D(b), None, "%", y1, False, 1, y0, D(a))
    if form == "down_to":
        text = f"tỷ lệ học sinh bỏ học giảm từ {b}% năm {y0} xuống {a}% năm {y1}"
        return text, (Kind.FROM_TO, None, D(a), "%", y1, False, -1, y0, D(b))
    if form == "ratio":
        return f"sĩ số không quá {b} học sinh/lớp", (
            Kind.MAXIMUM,
            None,
            D(b),
            "học sinh/lớp",
            None,
            False,
            0,
            None,
            None,
        )
    n = draw(st.integers(2, 90_000))
    from budget.numbers import format_vn

    if form == "build":
        text = f"xây mới {format_vn(D(n))} phòng học trước năm {y1}"
        return text, (Kind.BUILD, D(n), None, "phòng học", y1 - 1, False, 0, None, None)
    return f"tỷ lệ học sinh bỏ học dưới {a}% vào năm {y1}", (Kind.MAXIMUM, None, D(a), "%", y1, False, 0, None, None)


@given(PROSE, kind_phrases(), PROSE)
def test_each_kind_in_generated_prose(before: str, phrase: tuple[str, tuple[object, ...]], after: str) -> None:
    text, want = phrase
    line = f"- {before} {text}; {after}.".replace("  ", " ")
    (t,) = read(line)
    assert (t.kind, t.lower, t.upper, t.unit, t.deadline, t.per_year, t.direction, t.base_year, t.baseline) == want


def test_a_kind_beyond_a_level_is_never_judged_as_a_level(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from budget.source import Source
    from indicators import evaluate as ev
    from indicators.dataset import build

    data = build([("A", 2022, "hs", D(1000), Source("d")), ("A", 2023, "hs", D(1080), Source("d"))])
    target = Target("HS", "x", Kind.CHANGE, Source("t"), D(10), numerator=("hs",), direction=1, base_year=2022)
    assert ev.evaluate_target(target, data, 2023).status is Status.NOT_MET  # +8%: short of +10%
    monkeypatch.setattr(ev, "KIND_EVALUATORS", [])
    with pytest.raises(RuntimeError, match=r"import indicators\.kinds"):
        ev.evaluate_target(target, data, 2023)


def test_about_above_is_a_band_too() -> None:
    """``khoảng trên`` N: about N, not a minimum; the band from the figure's rounding."""
    a, b = read("- Tuyển mới khoảng trên 1.500 giáo viên; tỷ lệ trẻ đến trường khoảng trên 92,5%.")
    assert fields(a) == (1, Kind.APPROXIMATE, D(1450), D(1550), "giáo viên", None, False, 0, None, None, D(1500))
    assert fields(b) == (1, Kind.APPROXIMATE, D("92.45"), D("92.55"), "%", None, False, 0, None, None, D("92.5"))


def test_a_change_on_a_measure_the_data_lack(tmp_path: Path) -> None:
    v, report = check(tmp_path, "HS,Học sinh,mức thay đổi,10,,%,học sinh,,xx,,,tăng,2022,,")
    assert (v.target.kind, v.result.evaluated, v.aggregate) == (Kind.CHANGE, False, None)
    # (the data's columns that fill no measure are named in notes: one may be the one missing)
    assert [f.code for f in report.findings if f.severity is not Severity.INFO] == ["TARGET_MEASURE_MISSING"]
    assert describe_bounds(v.target) == "tăng ít nhất 10% so với năm 2022"


def test_a_structure_and_a_direction_are_said_without_stray_signs() -> None:
    """A 70/30 streaming target shows each share with its sign; a direction alone shows its
    word with no space before it (``xu hướng (tăng)``, not ``70; 30%`` nor ``xu hướng  (tăng)``)."""
    from indicators.write_targets import bounds_words, target_line

    text = (
        "Phân luồng học sinh sau trung học cơ sở theo đúng tỷ lệ (70% vào trung học phổ thông, 30% học nghề).\n"
        "- Tăng tỷ trọng chi ngân sách cho giáo dục qua từng năm.\n"
    )
    found = extract(split_lines(text, "ke-hoach.txt"), set())
    by_kind = {e.target.kind: e for e in found}
    assert bounds_words(by_kind[Kind.SPLIT]) == "70% / 30%"
    assert bounds_words(by_kind[Kind.DIRECTION]) == "(tăng)"
    line = target_line(by_kind[Kind.DIRECTION])
    assert " xu hướng (tăng) — " in line and "  " not in line
