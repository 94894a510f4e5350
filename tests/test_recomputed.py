"""The recomputed total holds every lump sum as stated: a plan with one lump sum and one wrong
product, in the projection every output shows and in the workbook recalculated by LibreOffice."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl

from budget import check_file
from budget.plan_table import _amount, line_amount, recomputed_sums, table_of
from plancheck.projection import project
from plancheck.workbook import save_workbook, with_workbook_findings
from tests.helpers import assert_message
from tests.office import number, recalculated_xlsx

_PLAN = (
    "KẾ HOẠCH TỔ CHỨC HỘI THI\n\n"
    "Tổng kinh phí: 8.600.000 đồng, gồm:\n"
    "1. Văn phòng phẩm: 1.000.000 đồng\n"
    "2. Bồi dưỡng giám khảo: 5 người x 300.000 đồng/người = 1.600.000 đồng\n"
    "3. Giải thưởng: 20 giải x 300.000 đồng/giải = 6.000.000 đồng\n"
)
# 1.000.000 as stated + 1.500.000 recomputed + 6.000.000 = 8.500.000
_RECOMPUTED = Decimal(8500000)


def _plan(tmp_path: Path) -> Path:
    path = tmp_path / "plan.txt"
    path.write_text(_PLAN, encoding="utf-8")
    return path


def test_the_recomputed_total_holds_the_lump_sum(tmp_path: Path) -> None:
    p = project(check_file(_plan(tmp_path)))
    total = next(r for r in p.rows if r.kind == "total")
    assert (total.stated, total.summed, total.recomputed) == (Decimal(8600000), Decimal(8600000), _RECOMPUTED)


def test_the_workbook_recomputes_the_same_total(tmp_path: Path) -> None:
    report, table = with_workbook_findings(check_file(_plan(tmp_path)))
    out = tmp_path / "out.xlsx"
    save_workbook(report, table, out)
    stored = openpyxl.load_workbook(out, data_only=True)
    values = [
        Decimal(str(c.value)) for ws in stored.worksheets for row in ws.iter_rows() for c in row
        if isinstance(c.value, (int, float)) and not isinstance(c.value, bool)
    ]  # fmt: skip
    assert _RECOMPUTED in values and Decimal(7500000) not in values  # the total's recomputed sum, stored
    again = openpyxl.load_workbook(recalculated_xlsx(out, tmp_path), data_only=True)
    recalculated = [
        number(str(c.value)) for ws in again.worksheets for row in ws.iter_rows() for c in row
        if isinstance(c.value, (int, float)) and not isinstance(c.value, bool)
    ]  # fmt: skip
    assert _RECOMPUTED in recalculated  # what the live formulas give in LibreOffice
    assert Decimal(7500000) not in recalculated  # never the sum that leaves the lump sum out


def test_table_sums_keep_every_digit_past_the_default_context() -> None:
    from budget.plan_table import _sum

    assert _sum([Decimal("1234567890123456789012345678.9"), Decimal("0.2"), None]) == Decimal(
        "1234567890123456789012345679.1"
    )
    assert _sum([None, None]) is None


_MEASURES = (
    "KẾ HOẠCH HỖ TRỢ GẠO\n\n"
    "Tổng kinh phí: 61.000.000 đồng, gồm:\n"
    "1. Mua gạo: 2,5 tấn x 20.000 đồng/kg = 50.000.000 đồng\n"
    "2. Vận chuyển: 4 chuyến x 2.750.000 đồng/chuyến = 11.000.000 đồng\n"
)


def test_a_measure_in_two_of_its_units_is_converted_in_every_output(tmp_path: Path) -> None:
    """``2,5 tấn x 20.000 đồng/kg``: the product as its units say (× 1.000), in the check, with no
    unit left over, and in the workbook's conversion factor and its live formulas (they gave
    50.000 against 50.000.000 beside a KHỚP)."""
    path = tmp_path / "plan.txt"
    path.write_text(_MEASURES, encoding="utf-8")
    report = check_file(path)
    assert next((r.computed, r.ok, r.measure) for r in report.evaluation.lines()) == (Decimal(50_000_000), True, 1000)
    assert [f.code for f in report.findings if f.code.startswith("UNIT_")] == []
    report, table = with_workbook_findings(report)
    assert (table.lines[0].coefficient, table.lines[0].computed) == (Decimal(1000), Decimal(50_000_000))
    out = tmp_path / "out.xlsx"
    save_workbook(report, table, out)
    again = openpyxl.load_workbook(recalculated_xlsx(out, tmp_path), data_only=True)
    detail = [[c.value for c in row] for row in again["Chi tiết"].iter_rows()]
    header = next(row for row in detail if "Hệ số quy đổi" in row)
    (rice,) = [row for row in detail if "Mua gạo" in row]
    at = header.index("Hệ số quy đổi")  # then the computed and stated amounts and their difference
    assert rice[at : at + 4] == [1000, 50_000_000, 50_000_000, 0]


def test_a_wrong_product_of_converted_measures_says_the_conversion(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_text(_MEASURES.replace("= 50.000.000 đồng", "= 52.000.000 đồng"), encoding="utf-8")
    (found,) = [f for f in check_file(path).findings if f.code == "PRODUCT_MISMATCH"]
    assert_message(
        found,
        "PRODUCT_MISMATCH",
        "Phép nhân không khớp: 2,5 × 20.000 × 1.000 (quy đổi đơn vị đo: tấn, đồng/kg) = 50.000.000 đồng, "
        "nhưng văn bản ghi 52.000.000 đồng (chênh lệch 2.000.000 đồng).",
        en="Product does not match: 2.5 × 20,000 × 1,000 (converting units of measure: tấn, đồng/kg) = 50,000,000 "
        "đồng, but the document states 52,000,000 đồng (difference 2,000,000 đồng).",
    )


_KINDS = (
    "KẾ HOẠCH\n\n"
    "Tổng kinh phí: 511.400.000 đồng, gồm:\n"
    "I. Chi thường xuyên: 49.600.000 đồng\n"
    "1. Văn phòng phẩm: 1.000.000 đồng\n"
    "2. Bồi dưỡng: 5 người x 300.000 đồng/người = 1.600.000 đồng\n"
    "3. Thuê xe: 2 xe x 1,5 triệu đồng/xe = 3.000.000 đồng\n"
    "4. Phụ cấp: 3 người x 500.000 đồng/người/tháng x 12 tháng = 18.000.000 đồng\n"
    "5. Lương: 2 người x 24.000.000 đồng/người/năm x 6 tháng = 24.000.000 đồng\n"
    "6. Dự phòng: 10% x 20.000.000 đồng = 2.000.000 đồng\n"
    "II. Chi khác: 461,8 triệu đồng\n"
    "1. Hội thảo: 10 người x 15 triệu đồng/người = 150 triệu đồng x 3 năm = 450 triệu đồng\n"
    "2. Tập huấn: 4 lớp x 2,95 triệu đồng/lớp = 11,8 triệu đồng\n"
)


def test_the_sums_without_the_table_are_the_table_s_own(tmp_path: Path) -> None:
    """Without a workbook the projection takes its recomputed sums from ``recomputed_sums``,
    which moves the evaluation's own product of a one-step line to the total's unit: the same
    figures, digit for digit, as the table a workbook lays out, for lines of every kind (mixed
    money units, months and years, a percentage, a chain, a wrong product, a lump sum)."""
    path = tmp_path / "plan.txt"
    path.write_text(_KINDS, encoding="utf-8")
    ev = check_file(path).evaluation
    table = table_of(ev)
    lines = ev.lines()
    assert len(lines) == 7 and {len(r.steps) for r in lines} == {1, 2} and any(r.scale != 1 for r in lines)
    for r, row in zip(lines, table.lines, strict=True):
        assert _amount(r, table.unit).as_tuple() == row.computed.as_tuple() == line_amount(r, table.unit)[1].as_tuple()
    sections, total = recomputed_sums(ev)
    assert [sections[id(s.result)] for s in table.sections] == [s.recomputed_sum for s in table.sections]
    assert total == table.total.recomputed_sum == Decimal(511300000)  # 1.500.000, not 1.600.000
    rows = project(check_file(path))
    assert (rows.total.recomputed, rows.row("s-I").recomputed) == (Decimal(511300000), Decimal(49500000))
