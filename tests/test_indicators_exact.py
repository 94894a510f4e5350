"""Indicators at any magnitude (issue 9): no integer wraps around, every verdict and gap is
exact; the data horizon, past deadlines and ranges exceeded say what they mean.

The headline case: 400 districts each spending 3.000.000.000.000 đồng out of
4.000.000.000.000 đồng (75%). Before, the scaled sums overflowed int64 and the tool said
``đạt`` against ``tối đa 30,25%`` and ``cần thêm −876.000.000.000.000 đồng`` against
``tối thiểu 20,25%``.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from decimal import Decimal, localcontext
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from budget.source import Source
from indicators.cli import main
from indicators.coverage import CoverageRule
from indicators.dataset import Dataset, build
from indicators.evaluate import Pace, Rows, Status, TargetResult, evaluate_target, gap_of
from indicators.exact import INT64_MAX, Ints, block_sums, scaled_int, to_decimal
from indicators.model import Kind, Share, Target

HEADER = "Mã,Chỉ tiêu,Loại,Giá trị,Cơ cấu,Đơn vị,Đơn vị đo,Hạn,Tử số,Mẫu số,Nguồn\n"
S = Source("test")


def files(tmp: Path, targets: str, data: str) -> tuple[str, str]:
    t, d = tmp / "chi-tieu.csv", tmp / "so-lieu.csv"
    t.write_text(HEADER + targets, encoding="utf-8")
    d.write_text(data, encoding="utf-8")
    return str(t), str(d)


def spending(n_units: int, per_unit: str = "3.000.000.000.000", total: str = "4.000.000.000.000") -> str:
    return "Đơn vị,Năm,chi,tong\n" + "".join(f'H{i:04d},2024,"{per_unit}","{total}"\n' for i in range(n_units))


MAX_3025 = 'MAX,Chi thường xuyên,tối đa,"30,25",,%,đồng,,chi,tong,\n'
MIN_2025 = 'MIN,Chi đầu tư,tối thiểu,"20,25",,%,đồng,,chi,tong,\n'


# --- the headline case through the real readers and the command ---------------------------


def test_400_districts_through_the_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    t, d = files(tmp_path, MAX_3025 + MIN_2025, spending(400))
    assert main(["check", t, d]) == 1  # the maximum is exceeded
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert "    Năm 2024, toàn bộ                75,00%  chưa đạt       cần giảm 716.000.000.000.000 đồng" in lines
    assert "    Năm 2024, toàn bộ                75,00%  đạt" in lines
    assert "    H0000                            75,00%  chưa đạt       cần giảm 1.790.000.000.000 đồng" in lines
    assert "                                 (1.200.000.000.000.000 / 1.600.000.000.000.000 đồng)" in lines
    assert "Tóm tắt: 2 chỉ tiêu; 1 đạt hoặc đúng lộ trình, 1 chưa đạt hoặc chệch lộ trình." in lines
    assert "−" not in out and "-876" not in out

    assert main(["check", t, d, "--format", "json"]) == 1
    doc = json.loads(capsys.readouterr().out)
    most, least = doc["targets"]
    assert (most["status"], most["failing"]) == ("not_met", True)
    assert most["aggregate"]["parts"][0]["value_exact"] == "75/1"
    assert most["aggregate"]["parts"][0]["numerator"] == "1200000000000000"
    assert most["aggregate"]["denominator"] == "1600000000000000"
    assert most["aggregate"]["parts"][0]["gap"] == {
        "direction": "less",
        "amount": "716000000000000",
        "amount_if_total_rises": None,
    }
    assert (least["status"], least["failing"], least["aggregate"]["parts"][0]["gap"]) == ("met", False, None)


def test_minimum_alone_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", *files(tmp_path, MIN_2025, spending(400))]) == 0
    assert "Tóm tắt: 1 chỉ tiêu; 1 đạt hoặc đúng lộ trình, 0 chưa đạt hoặc chệch lộ trình." in capsys.readouterr().out


def test_minimum_short_by_a_large_amount(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The gap, with the total fixed and with the total rising, is positive and exact."""
    target = 'MIN,Chi đầu tư,tối thiểu,"80,25",,%,đồng,,chi,tong,\n'
    assert main(["check", *files(tmp_path, target, spending(400))]) == 1
    out = capsys.readouterr().out
    # 0,8025 × 1,6·10^15 − 1,2·10^15 = 84·10^12; ÷ (1 − 0,8025) = 425.316.455.696.202,53164... rounded up
    assert (
        "    Năm 2024, toàn bộ                75,00%  chưa đạt       cần thêm 84.000.000.000.000 đồng "
        "(giữ nguyên mẫu số); 425.316.455.696.203 đồng nếu khoản tăng thêm cũng làm tăng mẫu số"
    ) in out.splitlines()


# --- 10, 400 and 100.000 units, built directly (numpy), every money unit ----------------


def dataset(n_units: int, num: int, den: int, places: int) -> Dataset:
    """``n_units`` units in 2024, each with scaled integers ``num``/``den`` at ``places`` decimals."""
    names = np.array([f"H{i:06d}" for i in range(n_units)], dtype=object)
    values = {"chi": np.full(n_units, num, dtype=np.int64), "tong": np.full(n_units, den, dtype=np.int64)}
    present = {m: np.ones(n_units, dtype=bool) for m in values}
    years = np.full(n_units, 2024, dtype=np.int64)
    return Dataset(np.arange(n_units, dtype=np.int64), names, years, values, present, dict.fromkeys(values, places))


def target(kind: Kind, bound: str, unit: str) -> Target:
    b = Decimal(bound)
    lower, upper = (b, None) if kind is Kind.MINIMUM else (None, b)
    return Target(kind.value, "chi", kind, S, lower, upper, numerator=("chi",), denominator="tong", measure_unit=unit)


@pytest.mark.parametrize("n_units", [10, 400, 100_000])
def test_75_percent_at_every_size(n_units: int) -> None:
    data = dataset(n_units, 3 * 10**12, 4 * 10**12, 0)
    most = evaluate_target(target(Kind.MAXIMUM, "30.25", "đồng"), data)
    least = evaluate_target(target(Kind.MINIMUM, "20.25", "đồng"), data)
    assert most.aggregate.value(0, 0) == least.aggregate.value(0, 0) == 75
    assert int(most.aggregate.parts[0].num[0]) == n_units * 3 * 10**12
    assert int(most.aggregate.den[0]) == n_units * 4 * 10**12  # type: ignore[index]
    assert (most.status, most.failing) == (Status.NOT_MET, True)
    assert (least.status, least.failing) == (Status.MET, False)
    gap = most.gap(0, 0)
    assert gap is not None
    assert (gap.direction, gap.amount, gap.required) == (-1, Decimal(n_units * 1_790_000_000_000), True)
    assert least.gap(0, 0) is None
    # every unit too: 75% each, each exceeding the maximum by 1.790.000.000.000 đồng
    assert bool((most.units.parts[0].status == Status.NOT_MET).all())
    assert bool((least.units.parts[0].status == Status.MET).all())
    unit_gap = gap_of(most.target, most.units, 0, n_units - 1)
    assert unit_gap is not None and unit_gap.amount == Decimal(1_790_000_000_000)


@pytest.mark.parametrize(
    ("unit", "places", "gap_400"),
    [
        ("đồng", 0, "716000000000400"),
        ("nghìn đồng", 3, "716000000000.4"),
        ("triệu đồng", 6, "716000000.0004"),
        ("tỷ đồng", 9, "716000.0000004"),
    ],
)
def test_money_units_with_their_decimals(unit: str, places: int, gap_400: str) -> None:
    """3.000.000.000.001 đồng of 4.000.000.000.000 đồng in each unit, written to the đồng
    (tỷ with 9 decimals): the same scaled integers, the same exact answers."""
    data = dataset(400, 3_000_000_000_001, 4_000_000_000_000, places)
    most = evaluate_target(target(Kind.MAXIMUM, "30.25", unit), data)
    assert most.aggregate.value(0, 0) == Fraction(3_000_000_000_001 * 100, 4_000_000_000_000)  # 75,000000000025%
    gap = most.gap(0, 0)
    assert gap is not None and (gap.direction, gap.amount) == (-1, Decimal(gap_400))
    least = evaluate_target(target(Kind.MINIMUM, "75.000000000025", unit), data)
    assert least.status is Status.MET  # the boundary, at 12 decimals of a percent
    short = evaluate_target(target(Kind.MINIMUM, "75.0000000000250000000000000000001", unit), data)
    assert short.status is Status.NOT_MET  # 31 decimals: beyond the 28 digits of Decimal's context
    gap = short.gap(0, 0)
    assert gap is not None and gap.direction == 1
    # 10^-33 × 1,6·10^15 đồng, in the unit
    assert gap.amount == Decimal(1) / Decimal(10) ** places  # 1,6·10^-18 đồng asks for one whole đồng


def test_huge_values_read_from_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Values past int64 (10^24 đồng, with decimals) read, summed and shown exactly."""
    per_unit = "1.000.000.000.000.000.000.000.000,125"
    total = "2.000.000.000.000.000.000.000.000,25"
    t, d = files(tmp_path, MAX_3025, spending(3, per_unit, total))
    assert main(["check", t, d, "--format", "json"]) == 1
    doc = json.loads(capsys.readouterr().out)
    agg = doc["targets"][0]["aggregate"]
    assert agg["parts"][0]["numerator"] == "3000000000000000000000000.375"
    assert agg["denominator"] == "6000000000000000000000000.75"
    assert agg["parts"][0]["value_exact"] == "50/1"
    # 3·10^24 + 0,375 − 0,3025 × (6·10^24 + 0,75)
    assert agg["parts"][0]["gap"]["amount"] == "1185000000000000000000001"  # whole đồng, rounded up
    assert main(["check", t, d]) == 1
    assert "cần giảm 1.185.000.000.000.000.000.000.001 đồng" in capsys.readouterr().out


# --- the exact helpers themselves -------------------------------------------------------


def test_block_sums_past_int64() -> None:
    values = np.array([INT64_MAX, INT64_MAX, 5, INT64_MAX - 1, 1], dtype=np.int64)
    sums = block_sums(Ints(values, INT64_MAX), None, np.array([0, 3]), 3)
    assert [int(v) for v in sums.values] == [2 * INT64_MAX + 5, INT64_MAX]
    negative = np.array([-INT64_MAX, -INT64_MAX, 7], dtype=np.int64)
    assert [int(v) for v in block_sums(Ints(negative, INT64_MAX), None, np.array([0]), 3).values] == [
        -2 * INT64_MAX + 7
    ]


def test_scaled_int_and_to_decimal_beyond_28_digits() -> None:
    d = Decimal("1234567890123456789012345678901234.5678")
    assert scaled_int(d, 4) == 12345678901234567890123456789012345678
    assert scaled_int(d, 6) == 1234567890123456789012345678901234567800
    with pytest.raises(ValueError):
        scaled_int(d, 3)
    big = Fraction(10**40 + 1, 3)
    assert to_decimal(big, 2, up=True) == Decimal("3333333333333333333333333333333333333333.67")
    assert to_decimal(big, 2, up=False) == Decimal("3333333333333333333333333333333333333333.66")
    assert to_decimal(Fraction(10**40 + 1, 8), 2, up=True) == Decimal("1250000000000000000000000000000000000000.125")


# --- the data horizon, past deadlines, ranges exceeded -----------------------------------

SCHOOLS = "TC,Trường đạt chuẩn,khoảng,80 - 85,,%,trường,,dat,tong,\n"
ROOMS = "KC,Phòng học kiên cố,tối thiểu,66,,%,phòng,2024,kc,ph,\n"
ROOM_DATA = "Đơn vị,Năm,kc,ph\nA,2022,50,100\nA,2023,52,100\nA,2024,54,100\nA,2025,57,100\n"


def test_as_of_beyond_the_data(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    t, d = files(tmp_path, SCHOOLS, "Đơn vị,Năm,dat,tong\nA,2023,41,50\nA,2024,42,50\n")
    assert main(["check", t, d, "--as-of", "2030"]) == 1  # no verdict is not "met"
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert "    không có số liệu năm 2030 (năm cuối có số liệu: 2024): chưa đánh giá được" in lines
    assert (
        f"{t}:2:1: cảnh báo [TARGET_AFTER_DATA] Chỉ tiêu TC: năm đánh giá 2030 sau năm cuối có số liệu (2024); "
        "chỉ tiêu chưa đánh giá được, không tính là đạt."
    ) in lines
    assert (
        "Tóm tắt: 1 chỉ tiêu; 0 đạt hoặc đúng lộ trình, 0 chưa đạt hoặc chệch lộ trình, 1 chưa đánh giá được."
    ) in lines
    assert main(["check", t, d, "--as-of", "2030", "--format", "json"]) == 1
    doc = json.loads(capsys.readouterr().out)
    (tc,) = doc["targets"]
    assert (tc["status"], tc["evaluated"], tc["failing"], tc["last_year_with_data"]) == ("no_data", False, False, 2024)
    assert doc["summary"] == {"targets": 1, "failing": 0, "not_evaluated": 1}


def test_as_of_a_year_without_data_inside_the_horizon(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    t, d = files(tmp_path, SCHOOLS, "Đơn vị,Năm,dat,tong\nA,2022,41,50\nA,2024,42,50\n")
    assert main(["check", t, d, "--as-of", "2023"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert "    không có số liệu năm 2023: chưa đánh giá được" in lines
    assert (
        f"{t}:2:1: cảnh báo [TARGET_NO_DATA_YEAR] Chỉ tiêu TC: không có số liệu năm 2023 "
        "(các năm có số liệu: 2022, 2024); chỉ tiêu chưa đánh giá được, không tính là đạt."
    ) in lines


def test_deadline_passed_is_judged_not_paced(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    t, d = files(tmp_path, ROOMS, ROOM_DATA)
    assert main(["check", t, d]) == 1  # 57% in 2025, 66% was due in 2024
    out = capsys.readouterr().out
    assert "    Năm 2025, toàn bộ                57,00%  chưa đạt       cần thêm 9 phòng" in out.splitlines()
    assert "    lộ trình: đã quá hạn 2024 → đánh giá theo kết quả năm 2025: chưa đạt" in out.splitlines()
    assert "cần đẩy nhanh" not in out and "đúng lộ trình →" not in out
    assert main(["check", t, d, "--format", "json"]) == 1
    (kc,) = json.loads(capsys.readouterr().out)["targets"]
    assert (kc["status"], kc["failing"], kc["trajectory"]["pace"], kc["trajectory"]["due"]) == (
        "not_met",
        True,
        None,
        True,
    )
    # in the deadline year itself the target is due as well
    assert main(["check", t, d, "--as-of", "2024"]) == 1
    assert "    lộ trình: năm 2024 là năm hạn → đánh giá theo kết quả năm 2024: chưa đạt" in capsys.readouterr().out
    # before it, pace decides (2022–2023: +2 points a year, 8 a year needed)
    assert main(["check", t, d, "--as-of", "2023"]) == 1
    assert "→ tiến bộ hạn chế" in capsys.readouterr().out


def test_deadline_passed_and_met_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    t, d = files(tmp_path, ROOMS.replace(",66,", ",55,"), ROOM_DATA)
    assert main(["check", t, d]) == 0
    out = capsys.readouterr().out
    assert "    lộ trình: đã quá hạn 2024 → đánh giá theo kết quả năm 2025: đạt" in out.splitlines()
    assert "Tóm tắt: 1 chỉ tiêu; 1 đạt hoặc đúng lộ trình, 0 chưa đạt hoặc chệch lộ trình." in out


def test_range_exceeded_is_not_a_shortfall(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    t, d = files(tmp_path, SCHOOLS, "Đơn vị,Năm,dat,tong\nA,2024,44,50\nB,2024,43,50\n")
    assert main(["check", t, d]) == 0  # 87% of schools at standard, above 80 - 85%: not a failure
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert (
        "    Năm 2024, toàn bộ                87,00%  trên khoảng    vượt 2 trường so với mức trên của khoảng; "
        "vượt chỉ tiêu không phải là thiếu hụt, không cần giảm"
    ) in lines
    assert (
        "    A                                88,00%  trên khoảng    vượt 2 trường so với mức trên của khoảng; "
        "vượt chỉ tiêu không phải là thiếu hụt, không cần giảm"
    ) in lines
    assert out.count("cần giảm") == out.count("không cần giảm") == 3  # never asked to do less
    assert "Tóm tắt: 1 chỉ tiêu; 1 đạt hoặc đúng lộ trình, 0 chưa đạt hoặc chệch lộ trình." in lines
    assert main(["check", t, d, "--format", "json"]) == 0
    (tc,) = json.loads(capsys.readouterr().out)["targets"]
    assert (tc["status"], tc["failing"]) == ("above", False)
    assert tc["aggregate"]["parts"][0]["gap"] == {
        "direction": "over_range",
        "amount": "2",
        "amount_if_total_rises": None,
    }


def test_maximum_exceeded_is_a_shortfall(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = "BO,Học sinh bỏ học,tối đa,1,,%,học sinh,,bo,hs,\n"
    t, d = files(tmp_path, target, "Đơn vị,Năm,bo,hs\nA,2024,12,1.000\n")
    assert main(["check", t, d]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert "    Năm 2024, toàn bộ                 1,20%  chưa đạt       cần giảm 2 học sinh" in lines
    assert "Tóm tắt: 1 chỉ tiêu; 0 đạt hoặc đúng lộ trình, 1 chưa đạt hoặc chệch lộ trình." in lines


def test_workbook_shows_range_excess_without_a_reduction(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import openpyxl

    t, d = files(tmp_path, SCHOOLS, "Đơn vị,Năm,dat,tong\nA,2024,44,50\nB,2024,43,50\n")
    out = tmp_path / "ket-qua.xlsx"
    assert main(["check", t, d, "--xlsx", str(out)]) == 0
    capsys.readouterr()
    ws = openpyxl.load_workbook(out)["Chỉ tiêu"]
    assert (ws["I4"].value, ws["J4"].value) == ("trên khoảng", None)


# --- Hypothesis: the vectorised evaluation against a plain Fraction evaluation ------------

MONEY = ("đồng", "nghìn đồng", "triệu đồng", "tỷ đồng")
DONG_PLACES = {"đồng": 0, "nghìn đồng": 3, "triệu đồng": 6, "tỷ đồng": 9}  # decimals of a whole đồng
MEASURE_UNITS = (*MONEY, "trường", "học sinh")
YEARS = (2021, 2022, 2023)


def magnitude() -> st.SearchStrategy[int]:
    """Integers from 0 to 10^24, every order of magnitude equally likely."""
    return st.integers(0, 24).flatmap(lambda e: st.integers(0, 10**e))


def decimal_of(n: int, places: int) -> Decimal:
    return Decimal(f"{n}E{-places}")


@st.composite
def percent(draw: st.DrawFn) -> Decimal:
    places = draw(st.integers(0, 8))
    return decimal_of(draw(st.integers(0, 100 * 10**places)), places)


@dataclass(frozen=True)
class Case:
    target: Target
    rows: list[tuple[str, int, str, Decimal, Source]]
    places: dict[str, int]


@st.composite
def cases(draw: st.DrawFn, kind: str) -> Case:
    unit = draw(st.sampled_from(MEASURE_UNITS))
    measures = ["a", "b", "d"]
    places = {m: draw(st.integers(0, 4)) for m in measures}
    n_units = draw(st.integers(1, 5))
    years = YEARS if kind == "deadline" else YEARS[: draw(st.integers(1, 3))]
    rows = []
    for u in range(n_units):
        for y in years:
            for m in measures:
                if (u, y) != (0, years[0]) and draw(st.integers(0, 9)) == 0:
                    continue  # a missing value now and then (every measure is somewhere)
                rows.append((f"U{u}", y, m, decimal_of(draw(magnitude()), places[m]), S))
    if kind in ("minimum", "deadline"):
        numerator = ("a", "b") if draw(st.booleans()) else ("a",)
        t = Target("T", "t", Kind.MINIMUM, S, draw(percent()), numerator=numerator, denominator="d", measure_unit=unit)
        if kind == "deadline":
            t = Target(t.id, t.name, t.kind, S, t.lower, numerator=numerator, denominator="d", measure_unit=unit,
                       deadline=draw(st.sampled_from((2021, 2022, 2023, 2024, 2026))))  # fmt: skip
    elif kind == "maximum":
        t = Target("T", "t", Kind.MAXIMUM, S, upper=draw(percent()), numerator=("a",), denominator="d",
                   measure_unit=unit)  # fmt: skip
    elif kind == "range":
        low, high = sorted((draw(percent()), draw(percent())))
        t = Target("T", "t", Kind.RANGE, S, low, high, numerator=("a",), denominator="d", measure_unit=unit)
    elif kind == "split":
        shares = (Share("a", draw(percent())), Share("b", draw(percent())))
        den = "d" if draw(st.booleans()) else None
        t = Target("T", "t", Kind.SPLIT, S, shares=shares, numerator=("a", "b"), denominator=den, measure_unit=unit)
    else:  # count: "từ x đến y" or "ít nhất x", in whole or decimal units
        count_places = draw(st.integers(0, 3))
        first = decimal_of(draw(magnitude()), count_places)
        second = decimal_of(draw(magnitude()), count_places) if draw(st.booleans()) else None
        least, most = (first, None) if second is None else (min(first, second), max(first, second))
        t = Target("T", "t", Kind.COUNT, S, least, most, unit="trường", numerator=("a",), measure_unit="trường")
    return Case(t, rows, places)


@dataclass(frozen=True)
class RefGap:
    direction: int
    amount: Fraction
    rising: Fraction | None
    required: bool


@dataclass(frozen=True)
class RefPart:
    status: Status
    value: Fraction | None
    gap: RefGap | None


def ref_status(kind: Kind, value: Fraction, lower: Decimal | None, upper: Decimal | None) -> Status:
    if kind is Kind.MINIMUM:
        return Status.NOT_MET if value < Fraction(lower or 0) else Status.MET
    if kind is Kind.MAXIMUM:
        assert upper is not None
        return Status.NOT_MET if value > Fraction(upper) else Status.MET
    if lower is not None and value < Fraction(lower):
        return Status.BELOW
    if upper is not None and value > Fraction(upper):
        return Status.ABOVE
    return Status.MET


def ref_part(t: Target, kind: Kind, num: Fraction, den: Fraction | None, lower: Decimal | None,
             upper: Decimal | None) -> RefPart:  # fmt: skip
    """One compared quantity, from the definitions, in Fractions."""
    if den is not None and den == 0:
        return RefPart(Status.ZERO_DENOMINATOR, None, None)
    value = num * 100 / den if den is not None else num
    status = ref_status(kind, value, lower, upper)
    if status is Status.MET:
        return RefPart(status, value, None)
    low = status is Status.BELOW or (status is Status.NOT_MET and kind is not Kind.MAXIMUM)
    # exceeding a range of attainment (or a count's range) is an excess, not a shortfall
    required = low or kind is Kind.MAXIMUM or t.kind is Kind.SPLIT
    bound = Fraction(lower if low else upper)  # type: ignore[arg-type]
    if den is None:
        return RefPart(status, value, RefGap(1 if low else -1, bound - num if low else num - bound, None, required))
    needed = bound / 100 * den
    diff = needed - num if low else num - needed
    money = t.measure_unit in MONEY
    whole = 10 ** DONG_PLACES.get(t.measure_unit, 0)  # whole đồng, whole schools, whole pupils
    rising = diff / (1 - bound / 100) if low and money and bound < 100 else None
    diff = Fraction(math.ceil(diff * whole), whole)
    rising = None if rising is None else Fraction(math.ceil(rising * whole), whole)
    return RefPart(status, value, RefGap(1 if low else -1, diff, rising, required))


def ref_row(t: Target, values: dict[str, Fraction]) -> tuple[Status, list[RefPart]]:
    """Status and parts of a row whose measures are all present."""
    if t.kind is Kind.SPLIT:
        total = values["d"] if t.denominator else values["a"] + values["b"]
        # a share stated with k decimals tolerates half a unit of its last digit
        tol = [Decimal(5) / Decimal(10) ** (-int(s.percent.as_tuple().exponent) + 1) for s in t.shares]
        parts = [ref_part(t, Kind.RANGE, values[s.label], total, s.percent - e, s.percent + e)
                 for s, e in zip(t.shares, tol, strict=True)]  # fmt: skip
        if total == 0:
            return Status.ZERO_DENOMINATOR, parts
        return (Status.NOT_MET if any(p.status is not Status.MET for p in parts) else Status.MET), parts
    num = sum((values[m] for m in t.numerator), Fraction(0))
    den = values["d"] if t.denominator else None
    part = ref_part(t, t.kind, num, den, t.lower, t.upper)
    if den is not None and den != 0 and num > den:  # cannot be true: left out of the sums
        return Status.UNSOUND, [RefPart(Status.UNSOUND, num * 100 / den, None)]
    return part.status, [part]


def measures_of(t: Target) -> list[str]:
    return [*t.numerator, *([t.denominator] if t.denominator else [])]


Verdict = tuple[Status, list[RefPart]]


def ref_rows(case: Case) -> tuple[dict[tuple[str, int], Verdict], dict[int, Verdict]]:
    """Per unit-year and per year (ratio of sums over the units with every measure)."""
    t = case.target
    table: dict[tuple[str, int], dict[str, Fraction]] = {}
    for unit, year, measure, value, _ in case.rows:
        table.setdefault((unit, year), {})[measure] = Fraction(value)
    units: dict[tuple[str, int], tuple[Status, list[RefPart]]] = {}
    sums: dict[int, dict[str, Fraction]] = {}
    for key, values in table.items():
        if all(m in values for m in measures_of(t)):
            units[key] = ref_row(t, values)
            if units[key][0] is Status.UNSOUND or (t.denominator and units[key][0] is Status.ZERO_DENOMINATOR):
                continue  # only sound rows are summed (a split's parts adding up to 0 are no error)
            year_sums = sums.setdefault(key[1], dict.fromkeys(measures_of(t), Fraction(0)))
            for m in measures_of(t):
                year_sums[m] += values[m]
        else:
            units[key] = (Status.NO_DATA, [])
    years = {y for _, y in table}
    aggregate = {y: ref_row(t, sums[y]) if y in sums else (Status.NO_DATA, []) for y in years}
    return units, aggregate


def finite(value: Fraction) -> bool:
    """Whether ``value`` has a finite decimal form (its denominator divides a power of 10)."""
    den = value.denominator
    for p in (2, 5):
        while den % p == 0:
            den //= p
    return den == 1


def close(actual: Decimal | None, expected: Fraction | None, places: int) -> bool:
    """Equal when the exact value has a finite decimal form; otherwise rounded up at ``places``."""
    if actual is None or expected is None:
        return actual is None and expected is None
    a = Fraction(actual)
    if finite(expected):
        return a == expected
    return 0 < a - expected < Fraction(1, 10**places) and finite(a * 10**places)


def check_rows(case: Case, rows: Rows, expected: tuple[Status, list[RefPart]], i: int) -> None:
    t = case.target
    status, parts = expected
    assert Status(int(rows.status[i])) is status
    if status is Status.NO_DATA:
        return
    scale = max(case.places[m] for m in measures_of(t))
    for j, ref in enumerate(parts):
        assert Status(int(rows.parts[j].status[i])) is ref.status
        assert rows.value(j, i) == ref.value
        gap = gap_of(t, rows, j, i)
        if ref.gap is None:
            assert gap is None
            continue
        assert gap is not None
        assert (gap.direction, gap.required) == (ref.gap.direction, ref.gap.required)
        assert close(gap.amount, ref.gap.amount, 6), (gap.amount, ref.gap.amount)
        assert close(gap.amount_rising_total, ref.gap.rising, scale + 3), (gap.amount_rising_total, ref.gap.rising)


def ref_history(case: Case, years: list[int]) -> list[tuple[int, Fraction]]:
    """(year, value) summed in every year over the same units: those sound in each of ``years``."""
    units, _ = ref_rows(case)
    sound = {k for k, (status, _) in units.items() if status not in (Status.NO_DATA, Status.UNSOUND,
                                                                      Status.ZERO_DENOMINATOR)}  # fmt: skip
    common = {u for u, _ in sound if all((u, y) in sound for y in years)}
    table: dict[tuple[str, int], dict[str, Fraction]] = {}
    for unit, year, measure, value, _ in case.rows:
        table.setdefault((unit, year), {})[measure] = Fraction(value)
    out = []
    for y in years:
        sums = {m: sum((table[(u, y)][m] for u in common), Fraction(0)) for m in measures_of(case.target)}
        if common:
            value = ref_row(case.target, sums)[1][0].value
            if value is not None:
                out.append((y, value))
    return out


def check(case: Case, as_of: int | None = None) -> TargetResult:
    # coverage is tested on its own (test_indicators_progress): here every reporting unit counts
    result = evaluate_target(case.target, build(case.rows), as_of, CoverageRule(minimum=Fraction(0)))
    units, aggregate = ref_rows(case)
    for i in range(len(result.units.years)):
        check_rows(case, result.units, units[(result.units.unit(i), int(result.units.years[i]))], i)
    for i, year in enumerate(result.aggregate.years):
        check_rows(case, result.aggregate, aggregate[int(year)], i)
    return result


FAST = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(cases("minimum"))
def test_minimum_matches_fractions(case: Case) -> None:
    check(case)


@FAST
@given(cases("maximum"))
def test_maximum_matches_fractions(case: Case) -> None:
    check(case)


@FAST
@given(cases("range"))
def test_range_matches_fractions(case: Case) -> None:
    check(case)


@FAST
@given(cases("split"))
def test_split_matches_fractions(case: Case) -> None:
    check(case)


@FAST
@given(cases("count"))
def test_count_matches_fractions(case: Case) -> None:
    check(case)


def ref_pace(t: Target, points: list[tuple[int, Fraction]], as_of: int) -> tuple[Pace | None, Fraction, Fraction]:
    """Pace from the first to the last observed value up to ``as_of``; None once due."""
    assert t.deadline is not None and t.lower is not None
    (y0, v0), (y1, v1) = points[0], points[-1]
    goal = Fraction(t.lower)
    achieved = (v1 - v0) / (y1 - y0)
    required = (goal - v0) / (t.deadline - y0) if t.deadline > y0 else Fraction(0)
    if as_of >= t.deadline:
        return None, achieved, required
    if v1 >= goal:
        return Pace.ON_TRACK, achieved, required
    if required <= 0:
        return (Pace.MOVING_AWAY if achieved < 0 else Pace.LIMITED_PROGRESS), achieved, required
    if v0 > 0:  # Open SDG: actual over required compound annual growth, at 60 digits
        with localcontext() as ctx:
            ctx.prec = 60
            actual = (Decimal(v1.numerator) / v1.denominator / (Decimal(v0.numerator) / v0.denominator)) ** (
                Decimal(1) / (y1 - y0)) - 1  # fmt: skip
            needed = (Decimal(goal.numerator) / goal.denominator / (Decimal(v0.numerator) / v0.denominator)) ** (
                Decimal(1) / (t.deadline - y0)) - 1  # fmt: skip
            ratio = Fraction(actual / needed)
    else:  # no growth rate from 0: achieved over required points a year
        ratio = achieved / required
    if ratio >= Fraction(95, 100):
        return Pace.ON_TRACK, achieved, required
    if ratio >= Fraction(6, 10):
        return Pace.NEEDS_ACCELERATION, achieved, required
    return (Pace.LIMITED_PROGRESS if ratio >= 0 else Pace.MOVING_AWAY), achieved, required


@FAST
@given(cases("deadline"), st.sampled_from((None, 2020, 2021, 2022, 2023, 2024, 2026)))
def test_deadline_matches_fractions(case: Case, as_of: int | None) -> None:
    t = case.target
    assert t.deadline is not None
    result = check(case, as_of)
    _, aggregate = ref_rows(case)
    observed = sorted(y for y, (s, _) in aggregate.items() if s is not Status.NO_DATA)
    year = as_of if as_of is not None else (observed[-1] if observed else None)
    assert result.as_of == year
    assert result.last_year == (observed[-1] if observed else None)
    codes = {f.code for f in result.findings}
    if year not in observed:  # no verdict, and a finding says why
        assert (result.evaluated, result.failing, result.trajectory) == (False, False, None)
        if not observed:
            assert "TARGET_NO_DATA" in codes
        elif year is not None and year > observed[-1]:
            assert "TARGET_AFTER_DATA" in codes
        else:
            assert "TARGET_NO_DATA_YEAR" in codes
        return
    assert year is not None
    status = aggregate[year][0]
    assert result.status is status
    evaluated = status is not Status.ZERO_DENOMINATOR
    assert result.evaluated is evaluated
    points = ref_history(case, [y for y in observed if y <= year])
    pace = None
    if len(points) >= 2:
        assert result.trajectory is not None
        pace, achieved, required = ref_pace(t, points, year)
        assert (result.trajectory.pace, result.trajectory.achieved, result.trajectory.required) == (
            pace,
            achieved,
            required,
        )
        assert result.trajectory.due is (year >= t.deadline)
    else:
        assert result.trajectory is None
    due = year >= t.deadline
    if not evaluated:
        failing = False
    elif due:
        failing = status is Status.NOT_MET
    else:
        failing = pace is not None and pace is not Pace.ON_TRACK
    assert result.failing is failing
