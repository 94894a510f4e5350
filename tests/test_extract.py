"""Targets found in the five real plans: every reported item listed, nothing a reader would not call a target."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from budget.read.text import split_lines
from indicators.api import plan_targets
from indicators.cli import main as indicators_main
from indicators.extract import extract_line
from indicators.model import Kind
from indicators.read_targets import read_targets
from indicators.write_targets import confidence_word, reason_words
from plancheck.cli import main as budget_main
from tests.helpers import HA_DONG, SEED_HA_DONG, run_in_process, seed_path

D = Decimal


def summary(path: Path) -> list[tuple[object, ...]]:
    out = []
    for e in plan_targets(path):
        t = e.target
        shares = tuple((s.label, s.percent) for s in t.shares)
        out.append((t.source.line, t.kind, t.lower, t.upper, shares, t.unit, t.deadline, t.per_year, t.direction))
    return out


EXPECTED = {
    "000_bc1777f9039d4892.txt": [],
    # plan for the school year 2024 - 2025 (its title): every target is due by 2025
    "001_e38651acb5d5e773.txt": [
        (61, Kind.MINIMUM, D(20), None, (), "%", 2025, False, 0),  # 20% of state budget spending on education
        (62, Kind.MINIMUM, D(19), None, (), "%", 2025, False, 0),  # 19% of recurrent spending on teaching
        (74, Kind.RANGE, D(80), D(85), (), "%", 2025, False, 0),  # public schools at national standard
        (74, Kind.BUILD, D(3), D(5), (), "trường", 2025, False, 0),  # multi-level schools to build
        (74, Kind.RANGE, D(75), D(80), (), "%", 2025, False, 0),  # trained workers
        (74, Kind.RANGE, D(55), D(60), (), "%", 2025, False, 0),  # with certificates
        # "mỗi năm ... khoảng 230.000": each year, about 230.000 (± 5.000, half its rounding)
        (74, Kind.APPROXIMATE, D(225000), D(235000), (), "lượt người", 2025, True, 0),
    ],
    "002_6c687b1be164f383.txt": [
        (
            71,
            Kind.SPLIT,
            None,
            None,
            (("vào trung học phổ thông", D(70)), ("định hướng học nghề", D(30))),
            "%",
            None,
            False,
            0,
        ),
        (95, Kind.MINIMUM, D(66), None, (), "%", 2025, False, 0),
        (99, Kind.DIRECTION, None, None, (), "%", None, False, 1),  # "tăng tỷ trọng chi ngân sách cho giáo dục"
    ],
    "003_b21f04cd465f80b7.txt": [
        (48, Kind.DIRECTION, None, None, (), "%", None, False, -1),  # "giảm tỉ lệ mù chữ ở vùng ... khó khăn"
        (60, Kind.DIRECTION, None, None, (), "học sinh", None, False, 1),  # "tăng số lượng học sinh ... vào GDNN"
        (96, Kind.MINIMUM, D(20), None, (), "%", None, False, 0),  # 20% of city budget spending
        (103, Kind.MINIMUM, D(100), None, (), "%", 2027, False, 0),  # classrooms solidified by 2027
    ],
    # plan for the Đề án "giai đoạn 2020 - 2025" (its title): due by 2025
    SEED_HA_DONG: [
        (204, Kind.MINIMUM, D(100), None, (), "%", 2025, False, 0),  # department leaders with a master's degree
        (295, Kind.MINIMUM, D(100), None, (), "%", 2025, False, 0),  # teachers and staff able to adapt
        (329, Kind.MINIMUM, D(100), None, (), "%", 2025, False, 0),  # teachers trained in new methods
        (331, Kind.MINIMUM, D(100), None, (), "%", 2025, False, 0),  # teachers using the software
        (333, Kind.MINIMUM, D(100), None, (), "%", 2025, False, 0),  # managers: one foreign language, A2
        (333, Kind.MINIMUM, D(35), None, (), "%", 2025, False, 0),  # civil servants at A2
        (333, Kind.MINIMUM, D(10), None, (), "%", 2025, False, 0),  # civil servants at B1
        (671, Kind.MINIMUM, D(100), None, (), "%", 2025, False, 0),  # teachers of the 2018 programme trained
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_reported_target_of_the_seeds(name: str) -> None:
    assert summary(seed_path(name)) == EXPECTED[name]


def test_subjects_and_confidence() -> None:
    found = plan_targets(seed_path(SEED_HA_DONG))
    assert found[0].subject == "100% lãnh đạo phòng có trình độ Thạc sỹ trở lên"
    assert [e.target.id for e in found] == [f"CT{i:02d}" for i in range(1, 9)]
    hp = plan_targets(seed_path("002_6c687b1be164f383.txt"))
    assert hp[1].confidence == "high"
    assert (confidence_word(hp[1]), confidence_word(hp[1], "en")) == ("cao", "high")
    assert reason_words(hp[1], "en").endswith("N%")
    assert hp[1].target.source.col == hp[1].target.source.text.index("66%") + 1


def test_cost_line_percentage_years_and_numbers_are_not_targets() -> None:
    text = HA_DONG.read_text(encoding="utf-8")
    assert "(hỗ trợ 50% kinh phí NSNN cho người đi học)" in text
    assert plan_targets(HA_DONG) == []  # the budget excerpt: its only % is inside a cost line
    lines = split_lines(
        "Căn cứ Nghị quyết số 29-NQ/TW ngày 04/11/2013; Kế hoạch 156/KH-UBND năm 2020.\n"
        "Thích ứng cách mạng công nghiệp 4.0; trẻ em từ 3 đến 5 tuổi; thi thử từ 2 đến 3 lần.\n"
        "Trường liên cấp có diện tích tối thiểu 5ha.\n",
        "x.txt",
    )
    assert [e for rl in lines for e in extract_line(rl, [0])] == []


def test_shares_of_budget_items_are_not_targets() -> None:
    lines = split_lines(
        "4. Chi phí quản lý, dự phòng (8%): 96 triệu đồng\n"
        "- Trích 10% kinh phí cho công tác kiểm tra: 12.000.000 đồng\n"
        "Tỷ lệ trẻ được tiêm chủng (95%) trên tổng số trẻ\n",
        "x.txt",
    )
    found = [e for rl in lines for e in extract_line(rl, [0])]
    # the two shares carry an amount of money: the budget engine checks them; the third is a target
    assert [(e.target.source.line, e.target.lower) for e in found] == [(3, Decimal(95))]


SUBJECTS = ["trường học đạt chuẩn quốc gia", "lao động qua đào tạo", "phòng học được kiên cố hoá"]
PROSE = st.sampled_from(
    ["Tiếp tục thực hiện các giải pháp", "Chỉ đạo các đơn vị giáo dục", "Tăng cường cơ sở vật chất", ""]
)
PERCENT = st.integers(1, 99)


@st.composite
def phrases(draw):  # type: ignore[no-untyped-def]
    subject = draw(st.sampled_from(SUBJECTS))
    kind = draw(st.sampled_from(["min", "max", "range", "split", "deadline", "count"]))
    a = draw(PERCENT)
    if kind == "min":
        word = draw(st.sampled_from(["tối thiểu", "ít nhất", "không thấp hơn"]))
        return f"tỷ lệ {subject} {word} {a}%", Kind.MINIMUM, D(a), None, None
    if kind == "max":
        word = draw(st.sampled_from(["tối đa", "không quá"]))
        return f"tỷ lệ {subject} {word} {a}%", Kind.MAXIMUM, None, D(a), None
    if kind == "range":
        b = draw(st.integers(a + 1, 100))
        form = draw(st.sampled_from(["từ {a} - {b}%", "{a} - {b}%", "từ {a} đến {b}%"]))
        return f"tỷ lệ {subject} đạt " + form.format(a=a, b=b), Kind.RANGE, D(a), D(b), None
    if kind == "split":
        return f"phân luồng ({a}% vào trung học phổ thông, {100 - a}% học nghề)", Kind.SPLIT, None, None, None
    if kind == "deadline":
        year = draw(st.integers(2025, 2035))
        return f"phấn đấu đến năm {year} {subject} đạt tối thiểu {a}%", Kind.MINIMUM, D(a), None, year
    n = draw(st.integers(100, 900_000))
    from budget.numbers import format_vn
    from indicators.model import band

    half = band(D(n), False)  # "khoảng": a band of half the figure's rounding
    return f"mỗi năm đào tạo nghề khoảng {format_vn(D(n))} lượt người", Kind.APPROXIMATE, D(n) - half, D(n) + half, None


@given(PROSE, phrases(), PROSE)
def test_generated_phrase_in_prose_is_found(before: str, phrase, after: str) -> None:  # type: ignore[no-untyped-def]
    text, kind, lower, upper, year = phrase
    line = f"- {before} {text}; {after}.".replace("  ", " ")
    (found,) = [e for rl in split_lines(line, "x.txt") for e in extract_line(rl, [0])]
    t = found.target
    assert t.kind is kind
    if kind is not Kind.SPLIT:
        assert (t.lower, t.upper) == (lower, upper)
    else:
        assert sum(s.percent for s in t.shares) == 100
    assert t.deadline == year


def test_extracted_table_is_a_targets_file(tmp_path: Path) -> None:
    out = tmp_path / "chi-tieu.csv"
    p = run_in_process(indicators_main, ["extract", str(seed_path("001_e38651acb5d5e773.txt")), "-o", str(out)])
    assert p.returncode == 0, p.stderr
    assert "Tìm thấy 7 chỉ tiêu." in p.stdout
    targets, findings = read_targets(out)
    # the data columns are left for the officer: each target says so, at its row
    assert targets == []
    assert [(f.code, f.source.line) for f in findings] == [("TARGET_NO_MEASURE", n) for n in range(2, 9)]
    # once mapped, the same file is a targets table for indicators check
    rows = list(csv.reader(out.read_text(encoding="utf-8").splitlines()))
    for row in rows[1:]:
        row[8] = "tu_so"
        row[9] = "mau_so" if row[5] == "%" else ""
    mapped = tmp_path / "mapped.csv"
    with mapped.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    targets, findings = read_targets(mapped)
    assert findings == []
    assert [(t.kind, t.lower, t.upper, t.unit, t.deadline, t.per_year, t.stated) for t in targets] == [
        (Kind.MINIMUM, D(20), None, "%", 2025, False, None),
        (Kind.MINIMUM, D(19), None, "%", 2025, False, None),
        (Kind.RANGE, D(80), D(85), "%", 2025, False, None),
        (Kind.BUILD, D(3), D(5), "trường", 2025, False, None),
        (Kind.RANGE, D(75), D(80), "%", 2025, False, None),
        (Kind.RANGE, D(55), D(60), "%", 2025, False, None),
        # read back: the stated figure and the same band from its rounding, each year
        (Kind.APPROXIMATE, D(225000), D(235000), "lượt người", 2025, True, D(230000)),
    ]


def test_budget_check_reports_the_plans_targets(tmp_path: Path) -> None:
    import json

    import openpyxl

    seed = seed_path(SEED_HA_DONG)
    out = tmp_path / "kq.xlsx"
    run = ["check", str(seed)]
    doc = json.loads(run_in_process(budget_main, [*run, "--format", "json"]).stdout)
    assert [(t["line"], t["kind"], t["lower"]) for t in doc["targets"]] == [
        (n, "minimum", v)
        for n, v in (
            (204, "100"),
            (295, "100"),
            (329, "100"),
            (331, "100"),
            (333, "100"),
            (333, "35"),
            (333, "10"),
            (671, "100"),
        )
    ]
    text = run_in_process(budget_main, [*run, "--xlsx", str(out)]).stdout
    assert "Chỉ tiêu nêu trong văn bản (8), để theo dõi bằng lệnh indicators check:" in text
    ws = openpyxl.load_workbook(out)["Chỉ tiêu"]
    assert [c.value for c in ws[1]][:4] == ["Mã", "Chỉ tiêu", "Loại", "Giá trị"]
    assert [ws.cell(row=r, column=4).value for r in range(2, 10)] == ["100"] * 5 + ["35", "10", "100"]
