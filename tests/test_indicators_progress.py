"""Indicators on the data a department receives: unsound rows left out of the totals, coverage
said and enforced, histories over the same units, progress per unit from the plan's base year
(pace needed from now, linear and compound projections, Open SDG's CAGR ratio), split
tolerance, not-yet-due words, the scorecard. Every expected figure is computed here with
``fractions`` on the rows a person would keep."""

from __future__ import annotations

import json
import random
from decimal import Decimal, localcontext
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from budget.numbers import format_vn_fixed
from indicators import growth
from indicators.api import check_targets
from indicators.cli import main
from indicators.coverage import CoverageRule
from indicators.evaluate import Pace, Status
from indicators.exact import half_up
from indicators.progress import Method, Threshold, plan_year, thresholds
from tests.helpers import assert_message

HEADER = "Mã,Chỉ tiêu,Loại,Giá trị,Cơ cấu,Đơn vị,Đơn vị đo,Hạn,Tử số,Mẫu số,Nguồn\n"


def files(tmp: Path, targets: str, data: str) -> tuple[str, str]:
    t, d = tmp / "chi-tieu.csv", tmp / "so-lieu.csv"
    t.write_text(HEADER + targets, encoding="utf-8")
    d.write_text(data, encoding="utf-8")
    return str(t), str(d)


def pct(value: Fraction) -> str:
    """As the text shows a percentage: two decimals, half away from zero, Vietnamese comma."""
    return format_vn_fixed(half_up(value, 2), 2) + "%"


# --- unsound rows are left out ---------------------------------------------------------------

SCHOOLS_AND_SPENDING = (
    "TC,Trường đạt chuẩn,khoảng,80 - 85,,%,trường,,dat,tr,\nGD,Chi giáo dục,tối thiểu,20,,%,triệu đồng,,gd,chi,\n"
)


def flagged_data() -> str:
    """Ten districts in 2024. H01 reports 100 standard schools of 70 public ones; H02 a total
    spending of 0. Both rows are already flagged, and each would turn the province's verdict."""
    rows = ["Đơn vị,Năm,dat,tr,gd,chi"]
    for i in range(1, 11):
        dat, tr = (100, 70) if i == 1 else (53, 70)
        gd, chi = (500, 0) if i == 2 else (190, 1000)
        rows.append(f"H{i:02d},2024,{dat},{tr},{gd},{chi}")
    return "\n".join(rows) + "\n"


def test_flagged_rows_are_left_out_of_the_totals(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    t, d = files(tmp_path, SCHOOLS_AND_SPENDING, flagged_data())
    report = check_targets(t, d)
    schools, spending = report.views
    # by hand, on the sound rows only: H02..H10 for the schools, H01 and H03..H10 for the spending
    sound_schools = Fraction(9 * 53 * 100, 9 * 70)  # 75,71%: below 80 - 85%
    with_bad_row = Fraction((9 * 53 + 100) * 100, 10 * 70)  # 82,43%: would read "đạt"
    assert Fraction(80) <= with_bad_row <= Fraction(85) and sound_schools < 80
    agg = schools.aggregate
    assert agg is not None
    assert (agg.parts[0].value, agg.status, agg.coverage) == (sound_schools, Status.BELOW, (9, 10))
    assert agg.parts[0].gap is not None and agg.parts[0].gap.amount == Decimal(27)  # 80% × 630 − 477
    sound_spending = Fraction(9 * 190 * 100, 9 * 1000)  # 19%: short of 20%
    assert Fraction(9 * 190 + 500, 9000) * 100 > 20  # with the bad row: "đạt"
    agg = spending.aggregate
    assert agg is not None
    assert (agg.parts[0].value, agg.status, agg.coverage) == (sound_spending, Status.NOT_MET, (9, 10))
    h01 = next(r for r in schools.units if r.unit == "H01")
    assert (h01.status, h01.parts[0].word) == (Status.UNSOUND, "số liệu sai, không tính")
    # each unusable row is listed at its cell, with its reason
    over = next(f for f in report.findings if f.code == "DATA_NUMERATOR_OVER")
    assert (Path(over.source.file).name, over.source.line, over.source.col) == ("so-lieu.csv", 2, 3)
    zero = next(f for f in report.findings if f.code == "DATA_ZERO_DENOMINATOR")
    assert (Path(zero.source.file).name, zero.source.line, zero.source.col) == ("so-lieu.csv", 3, 6)
    assert main(["check", t, d]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert f"    Năm 2024, toàn bộ                {pct(sound_schools)}  dưới mức trên 9/10 đơn vị báo cáo; " \
           "cần thêm 27 trường" in lines  # fmt: skip
    assert "    đơn vị báo cáo: 9/10" in lines
    assert "    H01                             142,86%  số liệu sai, không tính" in lines
    assert (
        "    Năm 2024, toàn bộ                19,00%  chưa đạt trên 9/10 đơn vị báo cáo; cần thêm 90 triệu đồng "
        "(giữ nguyên mẫu số); 112,5 triệu đồng nếu khoản tăng thêm cũng làm tăng mẫu số"
    ) in lines


# --- missing districts: coverage, withheld verdicts, the same units over the years --------------

MISSING_TARGETS = (
    "DN,Đào tạo nghề,số lượng,300.000,,lượt người,lượt người,,dn,,\n"
    'TC,Trường đạt chuẩn,tối thiểu,66,,%,trường,2026,dat,tr,"Kế hoạch 05/KH-UBND ngày 10/02/2022"\n'
)


def missing_rows() -> dict[tuple[int, int], tuple[int, int, int]]:
    """30 districts × 2022-2024 (dn, dat, tr); H26..H30 send nothing for 2023."""
    rows = {}
    for i in range(1, 31):
        for year in (2022, 2023, 2024):
            if i > 25 and year == 2023:
                continue
            k = year - 2022
            rows[(i, year)] = (9000 + 37 * i + 400 * k, 30 + i % 7 + 2 * k, 50 + i % 5)
    return rows


def missing_data() -> str:
    lines = ["Đơn vị,Năm,dn,dat,tr"]
    lines += [f"H{i:02d},{y},{dn},{dat},{tr}" for (i, y), (dn, dat, tr) in sorted(missing_rows().items())]
    return "\n".join(lines) + "\n"


def test_a_year_with_missing_districts_says_its_coverage(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    t, d = files(tmp_path, MISSING_TARGETS, missing_data())
    rows = missing_rows()
    reported = sum(rows[(i, y)][0] for (i, y) in rows if y == 2023)  # 25 districts
    report = check_targets(t, d, 2023)
    count = report.views[0]
    assert count.aggregate is not None
    assert (count.aggregate.parts[0].value, count.aggregate.coverage) == (reported, (25, 30))
    assert count.aggregate.parts[0].word == "dưới mức trên 25/30 đơn vị báo cáo"
    # one line per district listing its missing years, not one per target and district
    missing = [f for f in report.findings if f.code == "DATA_MISSING_YEARS"]
    assert [f.message for f in missing] == [f"H{i} thiếu số liệu các năm 2023." for i in range(26, 31)]
    assert main(["check", t, d, "--as-of", "2023"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert "    đơn vị báo cáo: 25/30" in lines
    gap = 300000 - reported
    dotted = f"{reported:,}".replace(",", "."), f"{gap:,}".replace(",", ".")
    assert (
        f"    Năm 2023, toàn bộ               {dotted[0]}  dưới mức trên 25/30 đơn vị báo cáo; "
        f"cần thêm {dotted[1]} lượt người"
    ) in lines


def test_below_the_minimum_coverage_the_verdict_is_withheld(tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    t, d = files(tmp_path, MISSING_TARGETS, missing_data())
    report = check_targets(t, d, 2023, coverage=CoverageRule.of(minimum=Decimal("0.9")))
    for v in report.views:
        assert (v.result.status, v.result.evaluated, v.result.coverage) == (Status.INSUFFICIENT, False, (25, 30))
        assert v.aggregate is not None and v.aggregate.parts[0].word == "không đủ số liệu"
    f = next(f for f in report.findings if f.code == "TARGET_LOW_COVERAGE")
    assert_message(
        f,
        "TARGET_LOW_COVERAGE",
        "Chỉ tiêu DN: năm 2023 chỉ 25/30 đơn vị báo cáo, dưới mức tối thiểu 90% số đơn vị; "
        "không đủ số liệu để kết luận.",
        en="Target DN: in 2023 only 25/30 units reported, below the minimum of 90% of the units; not enough data "
        "for a verdict.",
    )
    # an officer who knows the province has 32 districts says so: 30/32 in 2024 is still enough at 0,8
    report = check_targets(t, d, 2024, coverage=CoverageRule.of(expected=32))
    assert [v.result.coverage for v in report.views] == [(30, 32), (30, 32)]
    assert report.views[0].aggregate.parts[0].word.endswith("trên 30/32 đơn vị báo cáo")  # type: ignore[union-attr]
    assert main(["check", t, d, "--as-of", "2023", "--min-coverage", "0.9"]) == 1
    out = capsys.readouterr().out
    assert "    Năm 2023, toàn bộ               " in out and "không đủ số liệu" in out


def test_the_history_sums_the_same_districts_every_year(tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    t, d = files(tmp_path, MISSING_TARGETS, missing_data())
    rows = missing_rows()

    def share(year: int) -> Fraction:  # H01..H25, the districts with every year
        return Fraction(
            sum(rows[(i, year)][1] for i in range(1, 26)) * 100, sum(rows[(i, year)][2] for i in range(1, 26))
        )

    report = check_targets(t, d, 2024)
    schools = report.views[1]
    assert schools.history_units == 25
    assert [(r.year, r.parts[0].value) for r in schools.history] == [(y, share(y)) for y in (2022, 2023, 2024)]
    tr = schools.trajectory
    assert tr is not None and tr.base_year == 2022  # the plan's year, from its source
    assert tr.achieved == (share(2024) - share(2022)) / 2
    assert tr.remaining == (66 - share(2024)) / (2026 - 2024)
    main(["check", t, d, "--as-of", "2024"])
    series = "; ".join(f"{y}: {pct(share(y))}" for y in (2022, 2023, 2024))
    assert f"    theo năm (cùng 25/30 đơn vị có số liệu mọi năm): {series}" in capsys.readouterr().out.splitlines()


# --- progress per unit, as a person computes it ------------------------------------------------

PLAN = "Kế hoạch 12/KH-UBND ngày 5/3/2022"
SEED_LIKE = (
    f'TC,Trường đạt chuẩn,tối thiểu,66,,%,trường,2026,dat,tr,"{PLAN}"\n'
    f'LD,Lao động qua đào tạo,khoảng,80 - 85,,%,người,2026,ldt,ld,"{PLAN}"\n'
    f'PL,Phân luồng,cơ cấu,,70; 30,%,học sinh,,thpt; nghe,tn,"{PLAN}"\n'
)
UNITS = [f"D{i}" for i in range(1, 9)]
YEARS = (2021, 2022, 2023, 2024)


def generated() -> dict[tuple[str, int], dict[str, int]]:
    rnd = random.Random(22)
    out: dict[tuple[str, int], dict[str, int]] = {}
    for u in UNITS:
        tr, ld = rnd.randint(40, 80), rnd.randint(20_000, 60_000)
        dat, ldt = rnd.randint(15, tr * 3 // 4), rnd.randint(ld // 2, ld * 4 // 5)
        for y in YEARS:
            dat = min(tr, dat + rnd.randint(-1, 4))
            ldt = min(ld, ldt + rnd.randint(-200, 2_500))
            tn = rnd.randint(3_000, 6_000)
            thpt = tn * 70 // 100 + rnd.choice((-40, -3, 0, 1, 2, 25))
            out[(u, y)] = {"dat": dat, "tr": tr, "ldt": ldt, "ld": ld, "thpt": thpt, "nghe": tn - thpt, "tn": tn}
    out[("D1", 2024)].update(thpt=3501, nghe=1499, tn=5000)  # 70,02 / 29,98: met within ±0,5 point
    return out


def seed_like_data(rows: dict[tuple[str, int], dict[str, int]]) -> str:
    names = ["dat", "tr", "ldt", "ld", "thpt", "nghe", "tn"]
    lines = ["Đơn vị,Năm," + ",".join(names)]
    lines += [f"{u},{y}," + ",".join(str(v[n]) for n in names) for (u, y), v in sorted(rows.items())]
    return "\n".join(lines) + "\n"


def root_between(x: Fraction, n: int) -> tuple[Fraction, Fraction]:
    """``x ** (1/n)`` bracketed by halving, in plain fractions."""
    lo, hi = Fraction(0), max(Fraction(1), x)
    for _ in range(110):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if mid**n <= x else (lo, mid)
    return lo, hi


def ref_pace(v0: Fraction, v1: Fraction, goal: Fraction, n: int, m: int) -> Pace:
    """Open SDG: actual CAGR / required CAGR against 0,95, 0,6 and 0 (here every value is positive)."""
    if v1 >= goal:
        return Pace.ON_TRACK
    if goal <= v0:  # met at the base year, lost since: no growth is required, any loss moves away
        return Pace.MOVING_AWAY if v1 < v0 else Pace.LIMITED_PROGRESS
    a_lo, a_hi = root_between(v1 / v0, n)
    r_lo, r_hi = root_between(goal / v0, m)
    for theta, pace in ((Fraction(95, 100), Pace.ON_TRACK), (Fraction(6, 10), Pace.NEEDS_ACCELERATION),
                        (Fraction(0), Pace.LIMITED_PROGRESS)):  # fmt: skip
        low, high = (a_lo - 1) - theta * (r_hi - 1), (a_hi - 1) - theta * (r_lo - 1)
        assert low > 0 or high < 0 or low == high == 0, "too close to a threshold to tell"
        if low >= 0:
            return pace
    return Pace.MOVING_AWAY


def test_progress_per_district_equals_fractions(tmp_path: Path) -> None:
    rows = generated()
    t, d = files(tmp_path, SEED_LIKE, seed_like_data(rows))
    report = check_targets(t, d, 2024)
    schools, labour, split = report.views
    seen_paces = set()
    for v, num, den, goal in ((schools, "dat", "tr", Fraction(66)), (labour, "ldt", "ld", Fraction(80))):
        assert v.result.base_year == 2022
        for r in v.units:
            value = {y: Fraction(rows[(r.unit, y)][num] * 100, rows[(r.unit, y)][den]) for y in YEARS}
            v0, v1 = value[2022], value[2024]  # from the plan's year, not the first year of the file
            tr = r.trajectory
            assert tr is not None and (tr.base_year, tr.years) == (2022, (2022, 2023, 2024))
            assert tr.achieved == (v1 - v0) / 2
            assert tr.remaining == (goal - v1) / (2026 - 2024)  # the pace needed from now
            assert tr.linear_projection == v1 + (v1 - v0) / 2 * 2
            # compound growth over the two years ahead repeats the growth of the two years behind
            assert tr.compound_projection == half_up(v1 * v1 / v0, 4)
            assert tr.compound_reaches is (v1 * v1 / v0 >= goal)
            assert tr.method is (Method.CAGR if goal != v0 else Method.LINEAR)
            pace = ref_pace(v0, v1, goal, 2, 4)
            assert tr.pace is pace, r.unit
            seen_paces.add(pace)
            status = r.parts[0].status
            if v1 >= goal:
                assert r.parts[0].word in ("đạt", "trên khoảng")
            else:  # not yet due: never "chưa đạt" or "dưới mức"
                assert status in (Status.NOT_MET, Status.BELOW)
                word = "chưa đến hạn, đang đúng hướng" if pace is Pace.ON_TRACK else "chưa đến hạn, cần tăng tốc"
                assert r.parts[0].word == word
    assert len(seen_paces) >= 3  # the data reach several kinds of pace
    # the split: within half a point of 70 / 30 it is met (shares stated as whole percents)
    for r in split.units:
        v = rows[(r.unit, 2024)]
        for part, share in zip(r.parts, (70, 30), strict=True):
            value = Fraction(v["thpt" if share == 70 else "nghe"] * 100, v["tn"])
            expected = Status.MET if abs(value - share) <= Fraction(1, 2) else (
                Status.BELOW if value < share else Status.ABOVE)  # fmt: skip
            assert (part.value, part.status) == (value, expected)
    d1 = next(r for r in split.units if r.unit == "D1")
    assert [(p.value, p.status) for p in d1.parts] == [(Fraction(7002, 100), Status.MET), (Fraction(2998, 100),
                                                                                            Status.MET)]  # fmt: skip


def test_the_province_pace_and_projection(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = generated()
    t, d = files(tmp_path, SEED_LIKE, seed_like_data(rows))
    report = check_targets(t, d, 2024)
    schools = report.views[0]

    def share(y: int) -> Fraction:
        return Fraction(sum(rows[(u, y)]["dat"] for u in UNITS) * 100, sum(rows[(u, y)]["tr"] for u in UNITS))

    tr = schools.trajectory
    assert tr is not None
    v0, v1 = share(2022), share(2024)
    assert (tr.base_year, tr.achieved, tr.required) == (2022, (v1 - v0) / 2, (66 - v0) / 4)
    assert (tr.remaining, tr.linear_projection) == ((66 - v1) / 2, 2 * v1 - v0)
    assert tr.pace is ref_pace(v0, v1, Fraction(66), 2, 4)
    assert main(["check", t, d, "--as-of", "2024", "--format", "json"]) == 1
    doc = json.loads(capsys.readouterr().out)
    tc = doc["targets"][0]
    assert (tc["coverage"], tc["base_year"], tc["plan_year"], tc["due"]) == (
        {"reported": 8, "expected": 8}, 2022, 2022, False)  # fmt: skip
    proj = tc["trajectory"]["projection"]
    exact = 2 * v1 - v0
    assert proj["linear_exact"] == f"{exact.numerator}/{exact.denominator}"
    assert proj["compound"] == str(half_up(v1 * v1 / v0, 4))
    assert tc["trajectory"]["remaining_per_year_exact"] == f"{((66 - v1) / 2).numerator}/{((66 - v1) / 2).denominator}"
    assert tc["trajectory"]["method"] == "cagr"
    for unit in tc["units"]:
        p = unit["progress"]
        values = rows[(unit["unit"], 2024)], rows[(unit["unit"], 2022)]
        now, base = (Fraction(v["dat"] * 100, v["tr"]) for v in values)
        assert p["base_year"] == 2022
        assert p["remaining_per_year_exact"] == f"{((66 - now) / 2).numerator}/{((66 - now) / 2).denominator}"
        assert p["pace"] == ref_pace(base, now, Fraction(66), 2, 4).value
    # the scorecard ranks the districts by their distance to 66%, the farthest first
    distance = {u: max(Fraction(0), 66 - Fraction(rows[(u, 2024)]["dat"] * 100, rows[(u, 2024)]["tr"]))
                for u in UNITS}  # fmt: skip
    order = sorted(UNITS, key=lambda u: (-distance[u], u))
    assert [s["unit"] for s in tc["scorecard"]] == order
    assert [s["rank"] for s in tc["scorecard"]] == list(range(1, len(UNITS) + 1))
    assert [s["distance_exact"] for s in tc["scorecard"]] == [
        f"{distance[u].numerator}/{distance[u].denominator}" for u in order
    ]
    pl = doc["targets"][2]
    assert [s["tolerance"] for s in pl["shares"]] == ["0.5", "0.5"]


def test_the_text_prints_the_pace_needed_from_now(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """From 60% in the plan's year 2022 to 64% in 2024, 70% by 2026: 1,5 points a year were
    needed from 2022 (2,5 from the first year of the file, 2021), 3 points a year are needed now."""
    target = f'TC,Trường đạt chuẩn,tối thiểu,70,,%,trường,2026,dat,tr,"{PLAN}"\n'
    data = "Đơn vị,Năm,dat,tr\nA,2021,45,100\nA,2022,60,100\nA,2023,62,100\nA,2024,64,100\n"
    t, d = files(tmp_path, target, data)
    assert main(["check", t, d, "--as-of", "2024"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert (
        "    lộ trình 2022–2024: đạt 2 điểm %/năm từ 2022, cần 3 điểm %/năm từ nay → cần đẩy nhanh; "
        "để đến 2026 đạt 70% (từ năm gốc 2022 cần 2,5 điểm %/năm)"
    ) in lines
    # linear: 64 + 2 × 2 = 68; compound: 64 × 64/60 = 68,2667
    assert (
        "    dự báo năm 2026: 68,00% theo xu hướng tuyến tính (không đạt); 68,27% theo tăng trưởng kép (không đạt); "
        "tỷ số tăng trưởng kép thực tế/cần thiết 0,8347"
    ) in lines
    assert "    Năm 2024, toàn bộ                64,00%  chưa đến hạn, cần tăng tốc; cần thêm 6 trường" in lines


def test_scorecard_sheet_with_a_colour_scale(tmp_path: Path) -> None:
    import openpyxl

    rows = generated()
    t, d = files(tmp_path, SEED_LIKE, seed_like_data(rows))
    out = tmp_path / "kq.xlsx"
    assert main(["check", t, d, "--as-of", "2024", "--xlsx", str(out)]) == 1
    wb = openpyxl.load_workbook(out)
    ws = wb["Xếp hạng"]
    body = [r for r in ws.iter_rows(min_row=4, values_only=True) if r[0] == "TC"]
    assert [r[2] for r in body] == list(range(1, len(UNITS) + 1))
    distances = [Decimal(str(r[5])) for r in body]
    assert distances == sorted(distances, reverse=True)
    scales = [c for c in ws.conditional_formatting if any(rule.type == "colorScale" for rule in c.rules)]
    assert len(scales) == 3  # one per target with units ranked (the split, and the two with a deadline)
    status = wb["Chỉ tiêu"]
    words = {row[8] for row in status.iter_rows(min_row=4, values_only=True) if row[0] in ("TC", "LD")}
    assert "chưa đạt" not in words and "dưới mức" not in words  # nothing is due before 2026
    assert "chưa đến hạn, cần tăng tốc" in words


def test_money_gaps_are_whole_dong(tmp_path: Path) -> None:
    """0,2 × 1.000,0000001 − 190 = 10,00000002 triệu đồng (a fiftieth of a đồng over 10.000.000 đồng):
    asked as 10,000001 triệu, whole đồng rounded up."""
    target = "GD,Chi giáo dục,tối thiểu,20,,%,triệu đồng,,gd,chi,\n"
    t, d = files(tmp_path, target, 'Đơn vị,Năm,gd,chi\nA,2024,190,"1.000,0000001"\n')
    (v,) = check_targets(t, d).views
    gap = v.aggregate.parts[0].gap  # type: ignore[union-attr]
    assert gap is not None
    assert gap.amount == Decimal("10.000001")
    # ÷ 0,8 = 12,500000025 triệu đồng, rounded up to the đồng
    assert gap.amount_rising_total == Decimal("12.500001")


# --- the parts on their own ------------------------------------------------------------------


def test_thresholds_are_open_sdg_defaults() -> None:
    assert thresholds() == (
        Threshold(Fraction(95, 100), Pace.ON_TRACK),
        Threshold(Fraction(6, 10), Pace.NEEDS_ACCELERATION),
        Threshold(Fraction(0), Pace.LIMITED_PROGRESS),
    )


@pytest.mark.parametrize(
    ("reference", "year"),
    [
        ("KH 193/KH-UBND ngày 19/8/2021 của UBND TP Hải Phòng", 2021),
        ("Kế hoạch thực hiện NQ 51/NQ-CP (2025) của UBND TP Hải Phòng", 2025),
        ("Kế hoạch 12/KH-UBND ngày 5.3.2022", 2022),
        ("plans/ke-hoach.docx:2021", None),
        ("", None),
    ],
)
def test_plan_year(reference: str, year: int | None) -> None:
    assert plan_year(reference) == year


def direct_ratio(base: Fraction, now: Fraction, n: int, goal: Fraction, m: int) -> Decimal:
    """Open SDG's formula, written out with Decimal powers at 60 digits."""
    with localcontext() as ctx:
        ctx.prec = 60

        def dec(x: Fraction) -> Decimal:
            return Decimal(x.numerator) / Decimal(x.denominator)

        actual = (dec(now) / dec(base)) ** (Decimal(1) / n) - 1
        required = (dec(goal) / dec(base)) ** (Decimal(1) / m) - 1
        return actual / required


positive = st.fractions(min_value=Fraction(1, 100), max_value=Fraction(1000), max_denominator=1000)


@settings(max_examples=200, deadline=None, derandomize=True)
@given(positive, positive, positive, st.integers(1, 12), st.integers(1, 15), st.sampled_from(("0.95", "0.6", "0")))
def test_cagr_ratio_is_the_direct_formula(base: Fraction, now: Fraction, goal: Fraction, n: int, m: int,
                                          theta: str) -> None:  # fmt: skip
    if goal == base:
        return  # no growth is required: no ratio
    direct = direct_ratio(base, now, n, goal, m)
    interval = growth.ratio(base, now, n, goal, m)
    assert (
        interval.lo <= Fraction(direct) + Fraction(1, 10**20) and Fraction(direct) - Fraction(1, 10**20) <= interval.hi
    )
    assert interval.hi - interval.lo < Fraction(1, 10**8) * (1 + abs(Fraction(direct)))
    threshold = Fraction(Decimal(theta))
    if abs(Fraction(direct) - threshold) > Fraction(1, 10**20):
        assert growth.ratio_reaches(base, now, n, goal, m, threshold) is (Fraction(direct) >= threshold)


def test_a_ratio_exactly_on_a_threshold_is_decided_exactly() -> None:
    """121/100 over 2 years is 10% a year; 1,1^... required 20% a year over 1 year: ratio 0,5 exactly;
    rational roots, so no digits are needed."""
    assert growth.ratio_reaches(Fraction(100), Fraction(121), 2, Fraction(120), 1, Fraction(1, 2)) is True
    assert (
        growth.ratio_reaches(Fraction(100), Fraction(121), 2, Fraction(120), 1, Fraction(1, 2) + Fraction(1, 10**30))
        is False
    )
    assert growth.iroot(10**40 + 1, 4) == 10**10 and growth.exact_root(Fraction(16, 81), 4) == Fraction(2, 3)


def test_missing_years_grouped_per_district_naming_targets_when_they_differ(tmp_path: Path) -> None:
    """B lacks 2023 for every target and 2024 for the spending only: one line, each year with its targets."""
    targets = (
        "TC,Trường đạt chuẩn,tối thiểu,66,,%,trường,,dat,tr,\nGD,Chi giáo dục,tối thiểu,20,,%,triệu đồng,,gd,chi,\n"
    )
    data = (
        "Đơn vị,Năm,dat,tr,gd,chi\nA,2022,40,50,200,1000\nA,2023,41,50,210,1000\nA,2024,42,50,220,1000\n"
        "B,2022,30,40,150,800\nB,2024,33,40,,\n"
    )
    t, d = files(tmp_path, targets, data)
    report = check_targets(t, d)
    (f,) = [f for f in report.findings if f.code == "DATA_MISSING_YEARS"]
    assert f.message == "B thiếu số liệu các năm 2023 (TC, GD); 2024 (GD)."
    assert Path(f.source.file).name == "so-lieu.csv"


def test_coverage_options_on_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    t, d = files(tmp_path, MISSING_TARGETS, missing_data())
    with pytest.raises(SystemExit) as exit_:
        main(["check", t, d, "--min-coverage", "1.5"])
    assert exit_.value.code == 2
    capsys.readouterr()
    assert main(["check", t, d, "--as-of", "2024", "--expected-units", "40", "--format", "json"]) == 1
    doc = json.loads(capsys.readouterr().out)
    # 30 of 40 expected districts: under 0,8 of them, no verdict
    assert [(x["coverage"], x["status"], x["evaluated"]) for x in doc["targets"]] == [
        ({"reported": 30, "expected": 40}, "insufficient", False),
        ({"reported": 30, "expected": 40}, "insufficient", False),
    ]
    assert doc["targets"][0]["aggregate"]["status_text"] == "không đủ số liệu"


def test_a_plan_after_the_data_compares_the_same_units_from_the_first_year(tmp_path: Path) -> None:
    """The plan dates from 2025, the data end in 2024: the history starts at the first year,
    still over the districts with every year (A and C; B lacks 2023), and says the plan's year."""
    target = 'TC,Trường đạt chuẩn,tối thiểu,90,,%,trường,2027,dat,tr,"Kế hoạch (2025)"\n'
    data = (
        "Đơn vị,Năm,dat,tr\nA,2022,40,50\nA,2023,41,50\nA,2024,43,50\nB,2022,10,40\nB,2024,39,40\n"
        "C,2022,30,40\nC,2023,31,40\nC,2024,32,40\n"
    )
    t, d = files(tmp_path, target, data)
    (v,) = check_targets(t, d, 2024, coverage=CoverageRule.of(minimum=Decimal(0))).views
    assert v.history_units == 2
    assert [(r.year, r.parts[0].value) for r in v.history] == [
        (2022, Fraction(70 * 100, 90)),
        (2023, Fraction(72 * 100, 90)),
        (2024, Fraction(75 * 100, 90)),
    ]
    tr = v.trajectory
    assert tr is not None and (tr.base_year, tr.asked_base_year) == (2022, 2025)
    assert tr.achieved == (Fraction(7500, 90) - Fraction(7000, 90)) / 2
