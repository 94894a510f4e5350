"""Indicators: exact statuses, gaps and trajectories on hand-computed cases, bad data, CLI."""

from __future__ import annotations

import json
import zipfile
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from budget.source import Source
from indicators.api import check_targets
from indicators.cli import main
from indicators.dataset import build
from indicators.evaluate import Pace, Status, evaluate_target
from indicators.model import Kind, Target
from tests.helpers import EXAMPLES, Ran, assert_message, run_in_process

HEADER = "Mã,Chỉ tiêu,Loại,Giá trị,Cơ cấu,Đơn vị,Đơn vị đo,Hạn,Tử số,Mẫu số,Nguồn\n"


def files(tmp: Path, targets: str, data: str) -> tuple[Path, Path]:
    t, d = tmp / "chi-tieu.csv", tmp / "so-lieu.csv"
    t.write_text(HEADER + targets, encoding="utf-8")
    d.write_text(data, encoding="utf-8")
    return t, d


def one(tmp: Path, target: str, data: str, as_of: int | None = None):  # type: ignore[no-untyped-def]
    report = check_targets(*files(tmp, target + "\n", data), as_of)
    (v,) = report.views
    return v, report


SCHOOLS = "T,Trường đạt chuẩn,khoảng,80 - 85,,%,trường,,dat,tong,\n"


def test_boundary_meets(tmp_path: Path) -> None:
    v, _ = one(
        tmp_path, "GD,Chi giáo dục,tối thiểu,20,,%,triệu đồng,,gd,tong,", "Đơn vị,Năm,gd,tong\nA,2024,200,1.000\n"
    )
    assert v.aggregate is not None
    assert v.aggregate.parts[0].value == Fraction(20)
    assert v.aggregate.status is Status.MET
    assert not v.result.failing


def test_one_school_short(tmp_path: Path) -> None:
    v, _ = one(tmp_path, SCHOOLS.strip(), "Đơn vị,Năm,dat,tong\nA,2024,39,50\n")
    p = v.aggregate.parts[0]  # type: ignore[union-attr]
    assert (p.value, p.status) == (Fraction(78), Status.BELOW)
    assert p.gap is not None and (p.gap.direction, p.gap.amount, p.gap.amount_rising_total) == (1, Decimal(1), None)
    assert v.result.failing


def test_above_range_and_within(tmp_path: Path) -> None:
    v, _ = one(tmp_path, SCHOOLS.strip(), "Đơn vị,Năm,dat,tong\nA,2024,43,50\nB,2024,41,50\n")
    by_unit = {r.unit: r.parts[0] for r in v.units}
    assert (by_unit["A"].status, by_unit["A"].gap.amount) == (Status.ABOVE, Decimal(1))  # type: ignore[union-attr]
    assert by_unit["B"].status is Status.MET  # 82%
    assert v.aggregate.status is Status.MET  # type: ignore[union-attr]  # 84/100


def test_split_69_4_30_6(tmp_path: Path) -> None:
    """Whole percents tolerate ±0,5 point: 69,4% is below 70% by more, and the gaps run to 69,5/30,5%."""
    target = "PL,Phân luồng,cơ cấu,,70; 30,%,học sinh,,thpt; nghe,tn,"
    v, _ = one(tmp_path, target, "Đơn vị,Năm,thpt,nghe,tn\nA,2024,694,306,1.000\n")
    thpt, nghe = v.aggregate.parts  # type: ignore[union-attr]
    assert (thpt.value, thpt.status) == (Fraction(694, 10), Status.BELOW)
    assert (nghe.value, nghe.status) == (Fraction(306, 10), Status.ABOVE)
    assert (thpt.gap.direction, thpt.gap.amount) == (1, Decimal(1))  # type: ignore[union-attr]
    assert (nghe.gap.direction, nghe.gap.amount) == (-1, Decimal(1))  # type: ignore[union-attr]
    assert v.aggregate.status is Status.NOT_MET  # type: ignore[union-attr]


def test_split_shares_that_do_not_sum_to_100(tmp_path: Path) -> None:
    target = "PL,Phân luồng,cơ cấu,,70; 20,%,học sinh,,thpt; nghe,tn,"
    _, report = one(tmp_path, target, "Đơn vị,Năm,thpt,nghe,tn\nA,2024,700,250,1.000\n")
    codes = {f.code: f for f in report.findings}
    assert_message(
        codes["TARGET_SHARES_NOT_100"],
        "TARGET_SHARES_NOT_100",
        "Các phần của cơ cấu cộng lại được 90%, không phải 100%.",
    )
    assert_message(
        codes["SPLIT_NOT_100"],
        "SPLIT_NOT_100",
        "Chỉ tiêu PL: các phần của A năm 2024 cộng lại được 95%, không phải 100%.",
    )


def test_zero_denominator_is_a_finding(tmp_path: Path) -> None:
    v, report = one(tmp_path, SCHOOLS.strip(), "Đơn vị,Năm,dat,tong\nA,2024,0,0\nB,2024,45,50\n")
    by_unit = {r.unit: r for r in v.units}
    assert by_unit["A"].status is Status.ZERO_DENOMINATOR
    assert by_unit["A"].parts[0].value is None
    (f,) = [f for f in report.findings if f.code == "DATA_ZERO_DENOMINATOR"]
    assert (f.source.line, f.source.col) == (2, 4)
    assert v.aggregate.parts[0].value == Fraction(90)  # type: ignore[union-attr]  # 45/50: ratio of sums


def test_missing_years(tmp_path: Path) -> None:
    data = "Đơn vị,Năm,dat,tong\nA,2023,40,50\nA,2024,41,50\nB,2023,30,40\n"
    v, report = one(tmp_path, SCHOOLS.strip(), data)
    (f,) = [f for f in report.findings if f.code == "DATA_MISSING_YEARS"]
    assert_message(f, "DATA_MISSING_YEARS", "B thiếu số liệu các năm 2024.", en="B has no data for the years 2024.")
    assert v.as_of == 2024
    assert v.aggregate.parts[0].value == Fraction(82)  # type: ignore[union-attr]  # A alone in 2024
    # one unit of two is under the default minimum of 0,8 of the units: no verdict
    assert (v.aggregate.coverage, v.result.status, v.result.evaluated) == ((1, 2), Status.INSUFFICIENT, False)
    assert [r.unit for r in v.units] == ["A"]


def test_aggregate_and_unit_disagree(tmp_path: Path) -> None:
    data = "Đơn vị,Năm,gd,tong\nA,2024,190,1.000\nB,2024,130,600\n"
    v, _ = one(tmp_path, "GD,Chi giáo dục,tối thiểu,20,,%,triệu đồng,,gd,tong,", data)
    assert v.aggregate.status is Status.MET  # type: ignore[union-attr]  # 320/1600 = 20%
    by_unit = {r.unit: r.parts[0] for r in v.units}
    assert by_unit["A"].status is Status.NOT_MET
    gap = by_unit["A"].gap
    assert gap is not None
    assert (gap.amount, gap.amount_rising_total) == (Decimal(10), Decimal("12.5"))  # 200-190; 10/(1-0,2)
    assert by_unit["B"].status is Status.MET


def test_maximum_and_count(tmp_path: Path) -> None:
    t = "BO,Học sinh bỏ học,tối đa,1,,%,học sinh,,bo,hs,\nLC,Trường liên cấp,số lượng,3 - 5,,trường,trường,,lc,,\n"
    report = check_targets(*files(tmp_path, t, "Đơn vị,Năm,bo,hs,lc\nA,2024,12,1.000,1\nB,2024,5,1.000,1\n"))
    drop, count = report.views
    assert drop.aggregate.parts[0].value == Fraction(17, 20)  # type: ignore[union-attr]  # 0,85%
    assert drop.aggregate.status is Status.MET  # type: ignore[union-attr]
    assert {r.unit: r.status for r in drop.units} == {"A": Status.NOT_MET, "B": Status.MET}
    assert drop.units[0].parts[0].gap.amount == Decimal(2)  # type: ignore[union-attr]  # 12 → 10
    assert (count.aggregate.parts[0].value, count.aggregate.status) == (2, Status.BELOW)  # type: ignore[union-attr]
    assert count.aggregate.parts[0].gap.amount == Decimal(1)  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("values", "pace"),
    [
        ((60, 62, 64), Pace.ON_TRACK),  # +2 a year, 66 needed by 2025 from 60 in 2021: 1,5 a year
        ((50, 52, 54), Pace.LIMITED_PROGRESS),  # CAGR 3,92% a year where 7,19% is needed: 0,55 < 0,6
        ((50, 53, 56), Pace.NEEDS_ACCELERATION),  # CAGR ratio 0,81: between 0,6 and 0,95
        ((50, 50, 51), Pace.LIMITED_PROGRESS),  # +0,5 a year, 4 needed
        ((60, 58, 56), Pace.MOVING_AWAY),
        ((64, 66, 67), Pace.ON_TRACK),  # already met
    ],
)
def test_trajectory(tmp_path: Path, values: tuple[int, ...], pace: Pace) -> None:
    data = "Đơn vị,Năm,dat,tong\n" + "".join(f"A,{2021 + i},{v},100\n" for i, v in enumerate(values))
    v, _ = one(tmp_path, "TC,Trường chuẩn,tối thiểu,66,,%,trường,2025,dat,tong,", data)
    tr = v.trajectory
    assert tr is not None
    assert tr.pace is pace
    assert tr.achieved == Fraction(values[-1] - values[0], 2)
    assert tr.required == Fraction(66 - values[0], 4)
    assert v.result.failing == (pace is not Pace.ON_TRACK)


def test_bad_data_each_a_finding_with_its_cell(tmp_path: Path) -> None:
    data = (
        "Đơn vị,Năm,dat,tong\n"
        "A,2024,abc,50\n"  # non-numeric
        "B,2024,-3,50\n"  # negative count
        "C,2024,60,50\n"  # numerator larger than denominator
        "D,2024,40,50\n"
        "D,2024,41,50\n"  # duplicate unit-year
    )
    _, report = one(tmp_path, SCHOOLS.strip(), data)
    found = [(f.code, f.source.line, f.source.col) for f in report.findings if f.severity.value == "error"]
    assert found == [
        ("DATA_NOT_A_NUMBER", 2, 3),
        ("DATA_NEGATIVE", 3, 3),
        ("DATA_NUMERATOR_OVER", 4, 3),
        ("DATA_DUPLICATE", 6, 3),
        ("DATA_DUPLICATE", 6, 4),
    ]
    assert report.failing


def test_budget_shares_from_a_budget_table(tmp_path: Path) -> None:
    """Education's share computed from the sums of budget categories (long form)."""
    data = (
        "Đơn vị,Năm,Chỉ số,Giá trị\n"
        "Tỉnh,2024,chi_gd_mam_non,120,5\n"
        "Tỉnh,2024,chi_gd_pho_thong,300\n"
        "Tỉnh,2024,tong_chi,2.100\n"
    )
    target = "GD,Chi giáo dục,tối thiểu,20,,%,triệu đồng,,chi_gd_mam_non + chi_gd_pho_thong,tong_chi,"
    v, _ = one(tmp_path, target, data.replace("120,5", '"120,5"'))
    p = v.aggregate.parts[0]  # type: ignore[union-attr]
    assert p.numerator == Decimal("420.5")
    assert p.value == Fraction(4205, 210)  # 20,0238...%
    assert p.status is Status.MET


def _data(rows: list[tuple[str, int, int]]):  # type: ignore[no-untyped-def]
    obs = []
    for unit, num, den in rows:
        obs.append((unit, 2024, "n", Decimal(num), Source("x")))
        obs.append((unit, 2024, "d", Decimal(den), Source("x")))
    return build(obs)


MIN20 = Target("T", "t", Kind.MINIMUM, Source("x"), Decimal(20), numerator=("n",), denominator="d")
units = st.lists(
    st.tuples(st.integers(0, 10**6), st.integers(1, 10**6)).map(lambda t: (min(t), max(t))), min_size=1, max_size=30
)


@settings(max_examples=80, suppress_health_check=[HealthCheck.too_slow])
@given(units)
def test_aggregate_is_ratio_of_sums(pairs: list[tuple[int, int]]) -> None:
    data = _data([(f"U{i}", n, d) for i, (n, d) in enumerate(pairs)])
    r = evaluate_target(MIN20, data)
    assert r.aggregate.value(0, 0) == Fraction(100 * sum(n for n, _ in pairs), sum(d for _, d in pairs))
    met = 100 * sum(n for n, _ in pairs) >= 20 * sum(d for _, d in pairs)
    assert (r.status is Status.MET) == met


@settings(max_examples=80, suppress_health_check=[HealthCheck.too_slow])
@given(units, st.integers(1, 10**6), st.integers(20, 100))
def test_adding_a_unit_that_meets_keeps_a_met_aggregate_met(pairs: list[tuple[int, int]], den: int, pct: int) -> None:
    data = _data([(f"U{i}", n, d) for i, (n, d) in enumerate(pairs)])
    before = evaluate_target(MIN20, data).status
    num = -((-pct * den) // 100)  # a unit at pct% ≥ 20%: it meets the minimum itself
    after = evaluate_target(
        MIN20, _data([*((f"U{i}", n, d) for i, (n, d) in enumerate(pairs)), ("NEW", min(num, den), den)])
    ).status
    if before is Status.MET:
        assert after is Status.MET


def run(*args: str) -> Ran:
    return run_in_process(main, args)


HP = EXAMPLES / "indicators" / "chi-tieu-hai-phong.csv"
HN = EXAMPLES / "indicators" / "chi-tieu-ha-noi-2024-2025.csv"
DATA = EXAMPLES / "indicators" / "so-lieu-minh-hoa.csv"


def test_cli_example_and_exit_codes(tmp_path: Path) -> None:
    p = run("check", str(HP), str(DATA), "--as-of", "2024")
    assert p.returncode == 1, p.stderr  # classrooms: needs acceleration
    assert "[HP-KIEN-CO] Phòng học được kiên cố hoá (đến năm 2027 đạt 100%): tối thiểu 100%, đến năm 2027" in p.stdout
    assert "cần thêm 320 phòng" in p.stdout
    assert "→ cần đẩy nhanh" in p.stdout
    assert "Tóm tắt: 4 chỉ tiêu; 3 đạt hoặc đúng lộ trình, 1 chưa đạt hoặc chệch lộ trình." in p.stdout
    doc = json.loads(run("check", str(HP), str(DATA), "--as-of", "2024", "--format", "json").stdout)
    kien_co = next(t for t in doc["targets"] if t["id"] == "HP-KIEN-CO")
    assert (
        kien_co["aggregate"]["parts"][0]["value_exact"] == "7660/83"
    )  # 3.830 / 4.150 rooms, as a reduced fraction of 100
    assert kien_co["aggregate"]["parts"][0]["gap"] == {
        "direction": "more",
        "amount": "320",
        "amount_if_total_rises": None,
    }
    assert kien_co["trajectory"]["pace"] == "needs_acceleration"
    assert [u["unit"] for u in kien_co["units"]] == ["Huyện B (minh họa)", "Quận A (minh họa)", "Quận C (minh họa)"]
    chi = next(t for t in doc["targets"] if t["id"] == "HP-CHI-GD")
    b = next(u for u in chi["units"] if u["unit"] == "Huyện B (minh họa)")
    assert b["parts"][0]["gap"] == {"direction": "more", "amount": "8000", "amount_if_total_rises": "10000"}
    # all Hà Nội targets met in 2024 but the ranges and the trainee count
    hn = json.loads(run("check", str(HN), str(DATA), "--as-of", "2025", "--format", "json").stdout)
    assert {t["id"]: t["status"] for t in hn["targets"]} == {
        "HN-CHI-GD": "met",
        "HN-GIANG-DAY": "met",
        "HN-TRUONG-CHUAN": "below",
        "HN-LIEN-CAP": "met",
        "HN-LAO-DONG-DT": "met",
        "HN-BANG-CAP": "below",
        "HN-DAO-TAO-NGHE": "below",
    }
    missing = run("check", str(tmp_path / "khong-co.csv"), str(DATA))
    assert missing.returncode == 2 and "[INPUT_MISSING]" in missing.stderr
    assert run("check", str(HP)).returncode == 2


def test_cli_all_met_exits_0(tmp_path: Path) -> None:
    t, d = files(
        tmp_path, "GD,Chi giáo dục,tối thiểu,20,,%,triệu đồng,,gd,tong,\n", "Đơn vị,Năm,gd,tong\nA,2024,250,1.000\n"
    )
    assert run("check", str(t), str(d)).returncode == 0


def test_workbook_with_chart(tmp_path: Path) -> None:
    out = tmp_path / "chi-tieu.xlsx"
    p = run("check", str(HP), str(DATA), "--as-of", "2024", "--xlsx", str(out))
    assert p.returncode == 1
    names = zipfile.ZipFile(out).namelist()
    # every target with a deadline or a history: the four have 2022–2024
    assert sum(1 for n in names if n.startswith("xl/charts/chart")) == 4
    import openpyxl

    ws = openpyxl.load_workbook(out)["Chỉ tiêu"]
    assert ws["A4"].value == "HP-PHAN-LUONG"
    assert (ws["I4"].value, ws["I4"].fill.fgColor.rgb) == ("đạt", "FFC6EFCE")
    assert run("check", str(HP), str(DATA), "--xlsx", str(out)).returncode == 2  # exists: needs --force


def test_kind_words_live_in_one_place_and_read_back() -> None:
    from budget.text import fold
    from indicators.model import KIND_WORD, Kind, kind_named

    assert {kind_named(fold(word)) for word in KIND_WORD.values()} == set(Kind)
    assert [kind_named(w) for w in ("it nhat", "khong qua", "phan luong", "range", "count", "bao nhieu")] == [
        Kind.MINIMUM,
        Kind.MAXIMUM,
        Kind.SPLIT,
        Kind.RANGE,
        Kind.COUNT,
        None,
    ]
