"""Units: every cost line's units must cancel to money (pint registry of our own, Decimal)."""

from __future__ import annotations

import itertools
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import budget.units as budget_units
from budget import check_file
from budget.unitcheck import describe, verdict
from budget.units import SCALES, TRIEU, catalogue, read_money, read_unit, registry
from plancheck.cli import main
from tests.helpers import HA_DONG, SEED_HA_DONG, assert_message, run_in_process, seed_path


def check_text(tmp_path: Path, text: str, strict: bool = False):  # type: ignore[no-untyped-def]
    path = tmp_path / "plan.txt"
    path.write_text(text, encoding="utf-8")
    return check_file(path, strict_units=strict)


def unit_findings(report):  # type: ignore[no-untyped-def]
    return [(f.code, f.source.line, f.args.get("residual")) for f in report.findings if f.code.startswith("UNIT_")]


def test_ha_dong_loose_lines_are_named_with_their_residuals() -> None:
    report = check_file(seed_path(SEED_HA_DONG))
    assert unit_findings(report) == [
        ("UNIT_RESIDUAL", 831, "1/khóa"),
        ("UNIT_RESIDUAL", 833, "người/năm"),
        ("UNIT_RESIDUAL", 855, "năm·người/khóa"),
        ("UNIT_RESIDUAL", 857, "người/khóa"),
        ("UNIT_RESIDUAL", 859, "1/khóa/năm"),
    ]
    by_line = {f.source.line: f for f in report.findings if f.code == "UNIT_RESIDUAL"}
    assert_message(
        by_line[831],
        "UNIT_RESIDUAL",
        "Đơn vị các thừa số chưa ra đúng triệu đồng: tích ra triệu đồng/khóa, tức là còn tính theo mỗi khóa. "
        "Hãy kiểm tra xem có thiếu số khóa không, hoặc thừa số được chỉ dưới đây ghi nhầm đơn vị.",
        en="The factors' units do not come to triệu đồng: the product is in triệu đồng/khóa, still per khóa. "
        "Check whether the number of khóa is missing, or the unit of the factor named below is written wrong.",
    )
    assert by_line[831].cause is not None
    assert_message(by_line[831].cause, "CAUSE_UNIT_FACTOR", "Thừa số có thể gây ra: “2 lớp/khóa”, “2 năm/khóa”.")
    assert by_line[833].message == (
        "Đơn vị các thừa số chưa ra đúng triệu đồng: tích ra triệu đồng·người/năm, tức là còn dư đơn vị người và "
        "còn tính theo mỗi năm. Hãy kiểm tra số người và số năm ở thừa số được chỉ dưới đây: có thể thiếu hoặc "
        "thừa một số đếm, hoặc ghi nhầm đơn vị."
    )
    assert by_line[859].message == (
        "Đơn vị các thừa số chưa ra đúng triệu đồng: tích ra triệu đồng/khóa/năm, tức là còn tính theo mỗi khóa, "
        "năm. Hãy kiểm tra xem có thiếu số khóa, năm không, hoặc thừa số được chỉ dưới đây ghi nhầm đơn vị."
    )
    assert by_line[833].cause is not None
    assert by_line[833].cause.message == "Thừa số có thể gây ra: “300 người/năm”."
    assert by_line[859].cause is not None
    assert by_line[859].cause.message == "Thừa số có thể gây ra: “2,0 triệu đồng/khóa/người/năm”."
    assert all(f.severity.value == "warning" for f in by_line.values())
    assert not report.has_errors


def test_clean_lines_raise_nothing() -> None:
    for texts in [
        ("người", "triệu đồng/người/năm", "năm"),
        ("triệu/năm", "năm"),
        ("cuộc/năm", "năm", "triệu/cuộc"),
        ("đơn vị chính", "triệu đồng/đơn vị/năm", "năm"),
        ("triệu đồng/ năm", "năm"),
    ]:
        v = verdict(texts)
        assert v.clean, texts
        assert v.dimensionality == {"[currency]": 1}


def test_strict_units_turns_residuals_into_errors() -> None:
    report = check_file(HA_DONG, strict_units=True)
    assert [f.code for f in report.findings if f.is_error] == ["UNIT_RESIDUAL"] * 5
    p = run_in_process(main, ["check", str(HA_DONG), "--strict-units"])
    assert p.returncode == 1
    assert p.stdout.count("lỗi [UNIT_RESIDUAL]") == 5


@pytest.mark.parametrize(("a", "b"), list(itertools.product(SCALES, SCALES)))
def test_every_pair_of_money_scales_converts_exactly(tmp_path: Path, a, b) -> None:  # type: ignore[no-untyped-def]
    # 2 × 10^(b-a+12) units of a = 2 × 10^12 units of b, written without exponent
    amount_a = Decimal(2) * Decimal(10) ** (b.exponent - a.exponent + 12)
    text = (
        "IV. KINH PHÍ\n"
        f"1. Thử: 1 lần x {format(amount_a, ',f').replace(',', '.')} {a.name}/lần = 2.000.000.000.000 {b.name}\n"
    )
    report = check_text(tmp_path, text)
    assert [f.code for f in report.findings] == []
    (line,) = report.evaluation.lines()
    assert line.computed == Decimal(2 * 10**12)
    assert line.ok


def test_dong_line_in_a_million_section_under_a_billion_total(tmp_path: Path) -> None:
    text = (
        "IV. KINH PHÍ THỰC HIỆN\n"
        "Tổng kinh phí dự kiến là 1,2505 tỷ đồng.\n"
        "1. Nước uống: 500,5 triệu đồng. Trong đó:\n"
        "- Nước: 400 người x 25.000 đồng/người/buổi x 50 buổi = 500.000.000 đồng\n"
        "- Cốc: 1.000 bộ x 500 đồng/bộ = 500 nghìn đồng\n"
        "2. Tài liệu: 750 triệu đồng\n"
        "- In: 1.500 bộ x 500 nghìn đồng/bộ = 750 triệu đồng\n"
    )
    report = check_text(tmp_path, text)
    assert report.findings == ()
    sections = {r.section.number: r for r in report.evaluation.sections()}
    assert sections["1"].children_sum == Decimal("500.5")
    assert report.evaluation.total.children_sum == Decimal("1.2505")
    assert report.evaluation.total.ok


def test_unknown_count_noun_becomes_a_dimension(tmp_path: Path) -> None:
    report = check_text(tmp_path, "IV. KINH PHÍ\n1. Xe: 5 xe đưa đón x 20 triệu đồng/xe đưa đón = 100 triệu đồng\n")
    # said once, where the new word first counts, not again under the per-unit price
    assert [(f.code, f.args, f.source.col) for f in report.findings] == [
        ("UNIT_NEW_COUNT", {"word": "xe đưa đón"}, 8),  # at the count it names
    ]
    assert_message(
        report.findings[0], "UNIT_NEW_COUNT", "Đơn vị “xe đưa đón” chưa có trong danh mục; đã coi là một loại đếm mới."
    )
    assert not report.has_errors
    assert read_unit("đơn vị chính").exponents == (("don_vi", 1),)
    assert read_unit("đơn vị chính").ignored == ("chính",)


def test_unknown_unit_word_that_does_not_cancel(tmp_path: Path) -> None:
    report = check_text(tmp_path, "IV. KINH PHÍ\n1. Đất: 10 sào x 3 triệu đồng = 30 triệu đồng\n")
    assert [(f.code, f.args.get("residual")) for f in report.findings] == [
        ("UNIT_NEW_COUNT", None),
        ("UNIT_RESIDUAL", "sào"),
    ]
    assert not report.has_errors


@pytest.mark.parametrize(
    "line",
    [
        "1. Sai: 300 người x 5 năm = 1.500 triệu đồng",
        "1. Sai: 5 triệu đồng x 2 triệu đồng/người x 1 người = 10 triệu đồng",
    ],
)
def test_product_that_is_not_money_is_an_error(tmp_path: Path, line: str) -> None:
    report = check_text(tmp_path, "IV. KINH PHÍ\n" + line + "\n")
    assert "UNIT_NOT_MONEY" in [f.code for f in report.findings if f.is_error]


def test_not_money_message(tmp_path: Path) -> None:
    report = check_text(tmp_path, "IV. KINH PHÍ\n1. Sai: 300 người x 5 năm = 1.500 triệu đồng\n")
    (f,) = [f for f in report.findings if f.code == "UNIT_NOT_MONEY"]
    assert_message(
        f, "UNIT_NOT_MONEY", "Tích các thừa số có đơn vị năm·người, không phải là tiền, nhưng kết quả ghi triệu đồng."
    )


def test_percent_is_dimensionless(tmp_path: Path) -> None:
    report = check_text(tmp_path, "IV. KINH PHÍ\n1. Học phí: 200 người x 5 triệu đồng/người x 70% = 700 triệu đồng\n")
    assert report.findings == ()
    report = check_text(tmp_path, "IV. KINH PHÍ\n1. Học phí: 200 người x 5 triệu đồng/người x 4,5% = 45 triệu đồng\n")
    assert report.findings == ()


def test_year_rate_times_months_is_converted(tmp_path: Path) -> None:
    # 60 triệu a year for 6 months is 30 triệu: 360 is the product left in months
    report = check_text(tmp_path, "IV. KINH PHÍ\n1. Thuê: 60 triệu đồng/năm x 6 tháng = 360 triệu đồng\n")
    assert [(f.code, f.severity.value, f.expected, f.actual) for f in report.findings] == [
        ("UNIT_TIME_CONVERTED", "info", None, None),
        ("PRODUCT_MISMATCH", "error", Decimal(30), Decimal(360)),
    ]
    report = check_text(tmp_path, "IV. KINH PHÍ\n1. Thuê: 60 triệu đồng/năm x 6 tháng = 30 triệu đồng\n")
    assert [f.code for f in report.findings] == ["UNIT_TIME_CONVERTED"]


def test_months_in_a_chain_mixed_with_years_are_named(tmp_path: Path) -> None:
    # a chain of steps is not converted (which step converted is not written): named, not judged
    text = "IV. KINH PHÍ\n1. Thuê: 60 triệu đồng/năm x 6 tháng = 360 triệu đồng x 2 = 720 triệu đồng\n"
    report = check_text(tmp_path, text)
    f = next(f for f in report.findings if f.code.startswith("UNIT_"))
    assert_message(
        f,
        "UNIT_TIME_SCALE",
        "Đơn vị thời gian lẫn lộn năm và tháng trong một chuỗi phép tính: theo đơn vị, tích các thừa số phải nhân "
        "thêm 1/12 mới ra triệu đồng, nhưng văn bản không cho biết bước nào đã quy đổi; phép tính của dòng này chưa "
        "được kiểm tra.",
        en="Years and months are mixed in a chain of computations: by their units the product must be multiplied by "
        "1/12 to give triệu đồng, but the text does not say which step converted; the line's computation is not "
        "checked.",
    )


@pytest.mark.parametrize("result", ["48", "4", "60"])
def test_a_chain_mixing_months_and_years_is_never_judged(tmp_path: Path, result: str) -> None:
    """``2 người x 12 tháng = 24 x 2 triệu đồng/người/năm``: 4 by the units, 48 as multiplied; which
    step converted is not written, so neither reading is judged: never KHỚP, never an error, and
    the line's row is not marked checked."""
    from plancheck.projection import Status, project

    text = f"KẾ HOẠCH\n- Trực: 2 người x 12 tháng = 24 x 2 triệu đồng/người/năm = {result} triệu đồng\n"
    report = check_text(tmp_path, text)
    assert [f.code for f in report.findings if f.severity.value != "info"] == ["UNIT_TIME_SCALE"]
    p = project(report)
    assert p.verdict.kind.value == "incomplete"
    assert [r.status for r in p.rows if r.kind == "line"] == [Status.NONE]


def test_year_is_exactly_twelve_months() -> None:
    reg = registry()
    assert reg.Quantity(Decimal(1), "nam").to("thang").magnitude == Decimal(12)
    assert isinstance(reg.Quantity(Decimal(1), "nam").to("thang").magnitude, Decimal)
    assert reg.Quantity(Decimal(3), "trieu_dong").to("nghin_dong").magnitude == Decimal(3000)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("đồng", "đồng"),
        ("đ/h", "đồng"),
        ("nghìn đồng", "nghìn đồng"),
        ("ngàn đồng/người", "nghìn đồng"),
        ("triệu đồng/người/năm", "triệu đồng"),
        ("triệu/cuộc", "triệu đồng"),
        ("trđ", "triệu đồng"),
        ("tr.đ", "triệu đồng"),
        ("tỷ đồng", "tỷ đồng"),
        ("tỉ đồng", "tỷ đồng"),
        ("TRIỆU ĐỒNG", "triệu đồng"),
    ],
)
def test_money_spellings(text: str, name: str) -> None:
    money, span = read_money(text)
    assert money is not None and money.name == name
    assert span > 0


@pytest.mark.parametrize("text", ["người", "đơn vị", "2 triệu người", "triệu người", "tỉ lệ"])
def test_not_money(text: str) -> None:
    assert read_money(text)[0] is None


NOUNS = sorted(n for n in catalogue().display if not n.startswith("n_") and n != "percent")
factors = st.lists(
    st.tuples(st.sampled_from(NOUNS), st.lists(st.sampled_from(NOUNS), max_size=3)),
    min_size=1,
    max_size=5,
)


@given(factors)
def test_reported_dimension_equals_pint_product(signature: list[tuple[str, list[str]]]) -> None:
    """Unit texts written from random registry units: the reported dimension is pint's own."""
    display = catalogue().display
    texts = tuple("/".join([display[top], *(display[d] for d in bottom)]) for top, bottom in signature)
    reg = registry()
    expected = reg.Quantity(Decimal(1), "")
    for top, bottom in signature:
        expected = expected * reg.Quantity(Decimal(1), top)
        for d in bottom:
            expected = expected / reg.Quantity(Decimal(1), d)
    assert verdict(texts).dimensionality == {k: int(v) for k, v in expected.dimensionality.items()}
    assert verdict(texts).is_money == (expected.dimensionality.get("[currency]", 0) == 1)


def test_describe() -> None:
    assert describe((("khoa", -1),)) == "1/khóa"
    assert describe({"nguoi": 2, "trieu_dong": 1, "nam": -1}) == "triệu đồng·người²/năm"


def test_a_unit_word_is_read_with_its_marks() -> None:
    from budget.units import read_unit

    # ``hỗ trợ`` (support) folds to the letters of ``hộ`` (household): the marks tell them apart
    assert dict(read_unit("tháng, với tổng kinh phí hỗ trợ").exponents) == {"thang": 1}
    assert dict(read_unit("hộ dân").exponents) == {"ho": 1}
    # text typed without marks, and the other place of a tone mark, still read
    assert dict(read_unit("ho").exponents) == {"ho": 1}
    assert (
        dict(read_unit("người/khoá").exponents)
        == dict(read_unit("người/khóa").exponents)
        == {
            "nguoi": 1,
            "khoa": -1,
        }
    )


def test_shipped_unit_table_is_what_pint_derives_from_the_definitions() -> None:
    """A normal run reads units_table.txt instead of building pint's registry: the table
    must be exactly what pint derives from units.txt (rebuild: python -m budget.units --rebuild)."""
    shipped = (Path(budget_units.__file__).parent / budget_units.TABLE).read_bytes()
    assert budget_units.table_from_pint().encode("utf-8") == shipped


def test_unit_table_values_are_pints() -> None:
    """Value for value: every unit's factor to its base unit (exact Decimal) and dimensions."""
    reg = registry()
    table = budget_units._rows((Path(budget_units.__file__).parent / budget_units.TABLE).read_text(encoding="utf-8"))
    assert [row[0] for row in table] == list(catalogue().display)[: len(table)]
    for name, factor, base, dims in table:
        q = reg.Quantity(Decimal(1), name).to_base_units()
        assert Decimal(factor) == q.magnitude, name
        assert base == str(q.units), name
        pints = {k: int(v) for k, v in q.dimensionality.items()}
        assert dict(budget_units._read_dimensions(dims)) == dict(catalogue().dimensions[name]) == pints, name
    assert Decimal("0.01") == Decimal(table[-1][1]) and table[-1][0] == "percent"
    assert catalogue().money["trieu_dong"] == TRIEU and TRIEU.exponent == 6


def test_an_unknown_unit_is_noted_once_in_a_document(tmp_path: Path) -> None:
    text = (
        "IV. KINH PHÍ\n1. Mua: 3 bình x 200.000 đồng/bình = 600.000 đồng\n"
        "2. Mua thêm: 2 bình x 200.000 đồng/bình = 400.000 đồng\n3. Thuê: 2 chiếc x 100.000 đồng/chiếc = 200.000 đồng\n"
        "Tổng cộng: 1.200.000 đồng\n"
    )
    report = check_text(tmp_path, text)
    # where each word first counts, once: the second line's ``bình`` is not said again
    assert [(f.code, f.args["word"], f.source.line) for f in report.findings] == [
        ("UNIT_NEW_COUNT", "bình", 2),
        ("UNIT_NEW_COUNT", "chiếc", 4),
    ]


def test_a_count_left_over_is_told_as_taken_twice(tmp_path: Path) -> None:
    """Units left over (not "per" anything) read as a count multiplied twice, in plain words."""
    path = tmp_path / "du.txt"
    path.write_text("1. Tập huấn: 20 người x 3 ngày x 100.000 đồng/ngày = 6.000.000 đồng\n", encoding="utf-8")
    (residual,) = [f for f in check_file(path).findings if f.code == "UNIT_RESIDUAL"]
    assert residual.args["extra"] == "người" and residual.args["per"] == ""
    assert_message(
        residual,
        "UNIT_RESIDUAL",
        "Đơn vị các thừa số chưa ra đúng đồng: tích ra đồng·người, tức là còn dư đơn vị người. Hãy kiểm tra xem "
        "số người có bị nhân hai lần không, hoặc thừa số được chỉ dưới đây ghi nhầm đơn vị.",
        en="The factors' units do not come to đồng: the product is in đồng·người, with người left over. Check "
        "whether the người are counted twice, or the unit of the factor named below is written wrong.",
    )


@pytest.mark.parametrize(
    ("line", "units"),
    [
        ("- Hỗ trợ mỗi xã 50 triệu đồng x 12 xã = 600 triệu đồng.", ["triệu đồng/xã", "xã"]),
        ("- Mỗi học sinh 500.000 đồng x 120 học sinh = 60.000.000 đồng.", ["đồng/học sinh", "học sinh"]),
        # a figure with its own ``/…`` keeps it; ``mỗi`` further back is no part of it
        ("- Mỗi đợt tập huấn: 20 người x 150.000 đồng/người = 3.000.000 đồng.", ["người", "đồng/người"]),
    ],
)
def test_a_money_figure_for_each_of_something_is_per_that_thing(tmp_path: Path, line: str, units: list[str]) -> None:
    """``mỗi xã 50 triệu đồng`` is 50 triệu đồng for each xã: multiplied by the xã it leaves no
    unit over (it was a warning that xã was left over)."""
    report = check_text(tmp_path, "KẾ HOẠCH\nIV. KINH PHÍ\n" + line + "\n")
    (result,) = report.evaluation.lines()
    assert [f.unit_text for f in result.line.factors] == units
    assert [f.code for f in report.findings if f.code.startswith("UNIT_")] == []
    assert result.ok
