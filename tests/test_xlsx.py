"""Workbooks: written with live formulas and stored values, recalculated by LibreOffice,
read by pandas without recalculation, edited and read back, hostile files refused."""

from __future__ import annotations

import io
import re
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings

from benchmarks.synthetic import plan_text
from budget import check_file, layout
from budget.findings import InputError
from budget.sheets.workbook import read_workbook
from budget.source import Source
from plancheck.cli import main
from plancheck.workbook import save_workbook, with_workbook_findings
from tests.helpers import HA_DONG, Ran, assert_message, replace_once, run_in_process
from tests.office import number, recalculated_sheets, recalculated_xlsx
from tests.test_properties import plans

HEADER = layout.TITLE_ROWS  # zero-based row of the header; data starts one below


def write(tmp_path: Path, text_path: Path = HA_DONG, name: str = "out.xlsx"):  # type: ignore[no-untyped-def]
    report, table = with_workbook_findings(check_file(text_path))
    out = tmp_path / name
    save_workbook(report, table, out)
    return out, report, table


def run(*args: str) -> Ran:
    return run_in_process(main, args)


@pytest.fixture(scope="module")
def ha_dong_book(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    return write(tmp_path_factory.mktemp("book"))


def test_sheets_and_layout(ha_dong_book) -> None:  # type: ignore[no-untyped-def]
    out, _, table = ha_dong_book
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == [layout.SUMMARY, layout.DETAIL, layout.FINDINGS, layout.SOURCES, layout.UNITS]
    assert wb[layout.UNITS].sheet_state == "hidden"
    detail = wb[layout.DETAIL]
    assert detail["A1"].value == "KIỂM TRA DỰ TOÁN KINH PHÍ — số 267/KH-UBND ngày 25/12/2020"
    assert detail["A3"].value == "Đơn vị tính: triệu đồng"
    assert detail.freeze_panes == "E6"
    assert detail.page_setup.orientation == "landscape"
    assert detail.page_setup.paperSize == 9
    assert detail.print_title_rows == "$5:$5"
    cols = layout.DetailColumns(table.slots)
    assert [c.value for c in detail[HEADER + 1]] == cols.headers("triệu đồng")
    # a formula for every computed amount, its subtotal and total
    assert detail.cell(row=HEADER + 2, column=cols.computed + 1).value == (
        '=IF(COUNT(E6,G6,I6,K6)=0,"",ROUND(PRODUCT(E6,G6,I6,K6,M6),6))'
    )
    summary = wb[layout.SUMMARY]
    assert summary["B6"].value == layout.TOTAL_LABEL
    assert summary["D6"].value.startswith("=SUM(")
    assert summary["E6"].value.startswith("=SUM(")


def test_libreoffice_recalculation_equals_the_tool(ha_dong_book, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out, _report, table = ha_dong_book
    # a copy saved by openpyxl has no stored values: LibreOffice must compute every formula
    bare = tmp_path / "bare.xlsx"
    wb = openpyxl.load_workbook(out)
    wb.save(bare)
    sheets = recalculated_sheets(bare, tmp_path)
    cols = layout.DetailColumns(table.slots)
    rows = sheets[layout.DETAIL][HEADER + 1 :]
    assert len(rows) == 16
    for row, line in zip(rows, table.lines, strict=True):
        assert number(row[cols.coefficient]) == line.coefficient
        assert number(row[cols.computed]) == line.computed
        assert number(row[cols.stated]) == line.stated
        assert number(row[cols.difference]) == line.stated - line.computed
        assert row[cols.status] == layout.STATUS_OK
    summary = sheets[layout.SUMMARY][HEADER + 1 :]
    total = summary[0]
    assert (total[1], number(total[2]), number(total[3]), number(total[4])) == (
        layout.TOTAL_LABEL,
        Decimal(46375),
        Decimal(46375),
        Decimal(46375),
    )
    assert total[6] == layout.STATUS_OK
    for row, sec in zip(summary[1:12], table.sections, strict=True):
        assert row[0] == sec.result.section.number
        assert number(row[2]) == sec.stated
        assert number(row[3]) == sec.stated_sum
        assert number(row[4]) == sec.recomputed_sum
        assert row[6] == (layout.STATUS_NONE if sec.stated is None else layout.STATUS_OK)
    # under the table: the total in words and the signature block, never in columns A (section
    # numbers) or C (stated amounts), so the sheet reads back the same
    footer = [row for row in summary[12:] if any(row)]
    assert footer[0][1] == "Bằng chữ: Bốn mươi sáu tỷ, ba trăm bảy mươi lăm triệu đồng"
    assert [row[1] for row in footer[2:]] == ["NGƯỜI LẬP BIỂU", "(Ký, ghi rõ họ tên)"]
    assert all(row[0] == "" and row[2] == "" for row in footer)


def test_stored_values_show_without_recalculation(ha_dong_book) -> None:  # type: ignore[no-untyped-def]
    out, _, table = ha_dong_book
    cols = layout.DetailColumns(table.slots)
    detail = pd.read_excel(out, sheet_name=layout.DETAIL, header=HEADER, engine="openpyxl")
    computed = detail.iloc[:, cols.computed].tolist()
    assert computed == [float(line.computed) for line in table.lines]
    assert detail.iloc[:, cols.status].tolist() == [layout.STATUS_OK] * 16
    summary = pd.read_excel(out, sheet_name=layout.SUMMARY, header=HEADER, engine="openpyxl")
    assert summary.iloc[0, 3] == 46375
    assert summary.iloc[0, 4] == 46375


def _row_of(out: Path, label: str) -> int:
    ws = openpyxl.load_workbook(out)[layout.DETAIL]
    (row,) = [c.row for c in ws["D"] if c.value == label]
    return row


def test_round_trip_edit_with_openpyxl(ha_dong_book, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out, _, _table = ha_dong_book
    row = _row_of(out, "Cán bộ quản lý đương chức")
    wb = openpyxl.load_workbook(out)
    wb[layout.DETAIL][f"E{row}"] = 310
    edited = tmp_path / "edited.xlsx"
    wb.save(edited)
    report = check_file(edited)
    errors = [(f.code, f.source.cell, f.cause.code if f.cause else None) for f in report.findings if f.is_error]
    assert errors == [("PRODUCT_MISMATCH", f"{layout.DETAIL}!O{row}", "CAUSE_FACTOR")]
    mismatch = next(f for f in report.findings if f.is_error)
    assert (mismatch.expected, mismatch.actual) == (Decimal(1550), Decimal(1500))
    assert mismatch.cause is not None and mismatch.cause.source is not None
    assert mismatch.cause.source.cell == f"{layout.DETAIL}!E{row}"
    not_evaluated = [(f.source.cell, f.args["count"]) for f in report.findings if f.code == "XLSX_NOT_EVALUATED"]
    # every formula of both sheets lost its value in openpyxl's save: one note per sheet, never 0
    assert not_evaluated == [(f"{layout.DETAIL}!M6", 64), (f"{layout.SUMMARY}!D6", 58)]


def test_round_trip_edit_then_recalculated(ha_dong_book, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out, _, _ = ha_dong_book
    row = _row_of(out, "Cán bộ quản lý đương chức")
    wb = openpyxl.load_workbook(out)
    wb[layout.DETAIL][f"E{row}"] = 310
    edited = tmp_path / "edited.xlsx"
    wb.save(edited)
    report = check_file(recalculated_xlsx(edited, tmp_path))
    codes = [(f.code, f.source.cell) for f in report.findings if f.code.startswith(("PRODUCT", "XLSX", "SECTION"))]
    assert codes == [("PRODUCT_MISMATCH", f"{layout.DETAIL}!O{row}"), ("SECTION_NO_AMOUNT", f"{layout.SUMMARY}!A17")]


def _patch_xml(src: Path, dst: Path, member: str, old: bytes, new: bytes) -> None:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == member:
                assert data.count(old) == 1, (old, data.count(old))
                data = data.replace(old, new)
            zout.writestr(info, data)


def test_stale_value_is_found(ha_dong_book, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # the quantity changed in the XML while the stored results stayed: what viewers show is stale
    out, _, _ = ha_dong_book
    row = _row_of(out, "Cán bộ quản lý đương chức")
    stale = tmp_path / "stale.xlsx"
    _patch_xml(out, stale, "xl/worksheets/sheet2.xml", f'<c r="E{row}" s='.encode(), f'<c r="E{row}" s='.encode())
    data = zipfile.ZipFile(stale).read("xl/worksheets/sheet2.xml")
    cell = re.search(rf'<c r="E{row}" s="[0-9]+"><v>300</v></c>'.encode(), data)
    assert cell is not None
    _patch_xml(out, stale, "xl/worksheets/sheet2.xml", cell.group(0), cell.group(0).replace(b">300<", b">310<"))
    report = check_file(stale)
    errors = [(f.code, f.source.cell) for f in report.findings if f.is_error]
    # the line's amount and every sum recomputed from it (2.2, 2, the total) still show old values
    assert errors == [
        ("XLSX_STALE_VALUE", f"{layout.DETAIL}!N{row}"),
        ("PRODUCT_MISMATCH", f"{layout.DETAIL}!O{row}"),
        ("XLSX_STALE_VALUE", f"{layout.SUMMARY}!E6"),
        ("XLSX_STALE_VALUE", f"{layout.SUMMARY}!E8"),
        ("XLSX_STALE_VALUE", f"{layout.SUMMARY}!E10"),
    ]
    stale_finding = report.findings[[f.code for f in report.findings].index("XLSX_STALE_VALUE")]
    assert (stale_finding.actual, stale_finding.expected) == (Decimal(1500), Decimal(1550))
    assert stale_finding.message == (
        "Giá trị lưu trong ô là 1.500 nhưng tính lại được 1.550 triệu đồng: bảng tính chưa được "
        "tính lại sau khi sửa, người xem đang thấy số cũ."
    )


def test_injected_formula_label_stays_text(tmp_path: Path) -> None:
    text = replace_once(
        HA_DONG.read_text(encoding="utf-8"),
        "- Giáo viên: 2.200 người",
        '- =HYPERLINK("http://example.invalid/x","Bấm vào đây"): 2.200 người',
    )
    src = tmp_path / "plan.txt"
    src.write_text(text, encoding="utf-8")
    out, _, _ = write(tmp_path, src)
    row = _row_of(out, '=HYPERLINK("http://example.invalid/x","Bấm vào đây")')
    cell = openpyxl.load_workbook(out)[layout.DETAIL][f"D{row}"]
    assert cell.data_type == "s"
    assert cell.quotePrefix
    xml = zipfile.ZipFile(out).read("xl/worksheets/sheet2.xml").decode()
    assert "<f>HYPERLINK" not in xml
    assert "HYPERLINK(&quot;" not in xml or "<is><t>=HYPERLINK" in xml


def test_amount_beyond_fifteen_digits_is_text_with_a_finding(tmp_path: Path) -> None:
    src = tmp_path / "big.txt"
    src.write_text(
        "IV. KINH PHÍ\n1. Lớn: 1.234.567.890.123.456 đồng/lần x 1 lần = 1.234.567.890,123456 triệu đồng\n",
        encoding="utf-8",
    )
    out, report, _ = write(tmp_path, src)
    codes = [f.code for f in report.findings]
    assert codes.count("XLSX_PRECISION") == 3  # the factor, the computed and the stated amount
    assert_message(
        next(f for f in report.findings if f.code == "XLSX_PRECISION"),
        "XLSX_PRECISION",
        (
            "Số 1.234.567.890.123.456 có hơn 15 chữ số có nghĩa, Excel không giữ được chính xác; đã ghi vào bảng "
            "tính dưới dạng chữ."
        ),
        en=(
            "The figure 1,234,567,890,123,456 has more than 15 significant digits, which Excel cannot keep; it "
            "was written to the workbook as text."
        ),
    )
    ws = openpyxl.load_workbook(out)[layout.DETAIL]
    assert ws["E6"].data_type == "s"
    assert ws["E6"].value == "1234567890123456"


def test_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    out = tmp_path / "kq.xlsx"
    out.write_bytes(b"old")
    p = run("check", str(HA_DONG), "--xlsx", str(out))
    assert p.returncode == 2
    assert "[OUTPUT_EXISTS] Tệp đã có; thêm --force để ghi đè." in p.stderr
    assert out.read_bytes() == b"old"
    p = run("check", str(HA_DONG), "--xlsx", str(out), "--force")
    assert p.returncode == 0, p.stderr
    assert zipfile.is_zipfile(out)


def test_refuses_output_that_is_the_input(tmp_path: Path) -> None:
    src = tmp_path / "plan.xlsx"
    _out, _, _ = write(tmp_path, HA_DONG, "plan.xlsx")
    before = src.read_bytes()
    p = run("check", str(src), "--xlsx", str(src), "--force")
    assert p.returncode == 2
    assert "[OUTPUT_IS_INPUT]" in p.stderr
    assert src.read_bytes() == before


def test_failure_while_writing_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out, _, _ = write(tmp_path)
    before = out.read_bytes()
    import plancheck.workbook as api

    def broken(path: Path, *args: object, **kwargs: object) -> None:
        path.write_bytes(b"half a workbook")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(api, "write_workbook", broken)
    report, table = with_workbook_findings(check_file(HA_DONG))
    with pytest.raises(InputError) as e:
        save_workbook(report, table, out, force=True)
    assert e.value.code == "OUTPUT_UNWRITABLE"
    assert out.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".~budget-")] == []


def test_locked_or_unwritable_target(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out, _, _ = write(tmp_path)
    before = out.read_bytes()
    lock = tmp_path / ("~$" + out.name)  # Excel has the workbook open
    lock.write_bytes(b"")
    p = run("check", str(HA_DONG), "--xlsx", str(out), "--force")
    assert p.returncode == 2
    assert "[OUTPUT_LOCKED] Tệp đang được mở trong Excel" in p.stderr
    lock.unlink()
    # the move into place refused (as Windows does for a file open elsewhere)
    import budget.output as output

    def refuse(src: object, dst: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(output.os, "replace", refuse)
    report, table = with_workbook_findings(check_file(HA_DONG))
    with pytest.raises(InputError) as e:
        save_workbook(report, table, out, force=True)
    assert e.value.code == "OUTPUT_UNWRITABLE"
    assert_message(
        e.value,
        "OUTPUT_UNWRITABLE",
        "Không ghi được tệp (không có quyền truy cập tệp hoặc thư mục này; hãy kiểm tra quyền hoặc chọn thư mục "
        "khác); tệp cũ (nếu có) vẫn giữ nguyên.",
    )
    assert out.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".~budget-")] == []


# hostile and broken workbooks -------------------------------------------------------------


def _minimal_xlsx(sheet_xml: bytes, extra: dict[str, bytes] | None = None) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", b'<?xml version="1.0"?><Types/>')
        z.writestr("xl/workbook.xml", b'<?xml version="1.0"?><workbook/>')
        z.writestr("xl/worksheets/sheet1.xml", sheet_xml)
        for name, data in (extra or {}).items():
            z.writestr(name, data)
    return buf.getvalue()


HOSTILE = {
    "not_zip": (b"STT,Muc\n1,2\n", "XLSX_NOT_ZIP"),
    "renamed_xls": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512, "XLSX_IS_XLS"),
    "entities": (
        _minimal_xlsx(
            b'<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
            b'<worksheet><sheetData><row r="1"><c><v>&b;</v></c></row></sheetData></worksheet>'
        ),
        "XLSX_XML_DECLARATION",
    ),
    "million_rows": (
        _minimal_xlsx(b'<?xml version="1.0"?><worksheet><dimension ref="A1:F2000000"/><sheetData/></worksheet>'),
        "XLSX_TOO_MANY_ROWS",
    ),
    "zip_bomb": (
        _minimal_xlsx(b'<?xml version="1.0"?><worksheet/>', {"xl/media/padding.bin": b"\x00" * (64 * 1024 * 1024)}),
        "XLSX_ZIP_BOMB",
    ),
    "not_xlsx_zip": (b"", "XLSX_NOT_XLSX"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_workbooks_are_refused(tmp_path: Path, case: str) -> None:
    data, code = HOSTILE[case]
    if case == "not_xlsx_zip":
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as z:
            z.writestr("hello.txt", "xin chào")
        data = buf.getvalue()
    path = tmp_path / f"{case}.xlsx"
    path.write_bytes(data)
    with pytest.raises(InputError) as e:
        read_workbook(path, str(path))
    assert e.value.code == code
    p = run("check", str(path))
    assert p.returncode == 2
    assert f"[{code}]" in p.stderr
    assert "Traceback" not in p.stderr


def test_truncated_workbook_is_refused(ha_dong_book, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out, _, _ = ha_dong_book
    cut = tmp_path / "cut.xlsx"
    cut.write_bytes(out.read_bytes()[: out.stat().st_size // 2])
    p = run("check", str(cut))
    assert p.returncode == 2
    assert "[XLSX_NOT_ZIP]" in p.stderr or "[XLSX_BROKEN]" in p.stderr


def test_a_damaged_xls_is_refused_as_a_damaged_workbook(tmp_path: Path) -> None:
    # an .xls is read (tests/test_files_received.py); one with nothing behind its signature is damaged
    path = tmp_path / "dutoan.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)
    p = run("check", str(path))
    assert p.returncode == 2 and "[XLSX_BROKEN]" in p.stderr


# the blank template and CSV ----------------------------------------------------------------


def test_template_is_written_and_reads_back(tmp_path: Path) -> None:
    out = tmp_path / "dutoan.xlsx"
    p = run("template", "-o", str(out))
    assert p.returncode == 0, p.stderr
    assert run("template", "-o", str(out)).returncode == 2  # exists: needs --force
    wb = openpyxl.load_workbook(out)
    detail = wb[layout.DETAIL]
    assert detail["D6"].value == "Ví dụ: Giáo viên"
    assert len(detail.data_validations.dataValidation) == 4
    assert detail["N7"].value.startswith("=IF(COUNT(")
    report = check_file(out)
    assert [r.computed for r in report.evaluation.lines()] == [Decimal(1500)]
    assert not report.has_errors


def test_template_filled_in_libreoffice(tmp_path: Path) -> None:
    out = tmp_path / "dutoan.xlsx"
    assert run("template", "-o", str(out)).returncode == 0
    wb = openpyxl.load_workbook(out)
    ws = wb[layout.DETAIL]
    ws["B7"], ws["D7"] = "1", "Nhân viên"
    ws["E7"], ws["F7"], ws["G7"], ws["H7"] = 600, "người", 500, "nghìn đồng/người/năm"
    ws["I7"], ws["J7"] = 5, "năm"
    filled = tmp_path / "filled.xlsx"
    wb.save(filled)
    sheets = recalculated_sheets(filled, tmp_path)
    row = sheets[layout.DETAIL][6]
    assert number(row[12]) == Decimal("0.001")  # nghìn đồng into triệu đồng
    assert number(row[13]) == Decimal(1500)
    assert number(sheets[layout.SUMMARY][5][4]) == Decimal(3000)


def test_csv_estimate(tmp_path: Path) -> None:
    path = tmp_path / "dutoan.csv"
    path.write_text(
        "STT;Mục;Nội dung;Thừa số 1;Đơn vị 1;Thừa số 2;Đơn vị 2;Thừa số 3;Đơn vị 3;"
        "Thành tiền tính (triệu đồng);Số ghi trong văn bản (triệu đồng)\n"
        "1;1;Giáo viên;200;người;1,5;triệu đồng/người/năm;5;năm;;1.500\n"
        "2;1;Nhân viên;600;người;0,5;triệu đồng/người/năm;5;năm;;1.600\n",
        encoding="utf-8",
    )
    report = check_file(path)
    errors = [(f.code, f.source.line, f.source.col) for f in report.findings if f.is_error]
    assert errors == [("PRODUCT_MISMATCH", 3, 11)]
    assert report.evaluation.lines()[0].computed == Decimal(1500)


# round trip over generated plans ----------------------------------------------------------


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(specs=plans)
def test_workbook_round_trip_keeps_every_figure(tmp_path: Path, specs) -> None:  # type: ignore[no-untyped-def]
    src = tmp_path / "plan.txt"
    src.write_text(plan_text(specs), encoding="utf-8")
    report = check_file(src)
    book, table = with_workbook_findings(report)
    out = tmp_path / "plan.xlsx"
    save_workbook(book, table, out, force=True)
    back = check_file(out)
    assert [f for f in back.findings if f.is_error or f.code.startswith("XLSX")] == []
    assert [r.computed for r in back.evaluation.lines()] == [line.computed for line in table.lines]
    assert [r.stated for r in back.evaluation.lines()] == [line.stated for line in table.lines]
    assert [(r.section.number, r.stated, r.children_sum) for r in back.evaluation.sections()] == [
        (s.result.section.number, s.stated, s.stated_sum) for s in table.sections
    ]
    assert back.evaluation.total.stated == table.total.stated
    assert back.evaluation.total.children_sum == table.total.stated_sum


class _Zip:
    """A zip's member list, as ``sized_members`` reads it (no data: sizes only)."""

    def __init__(self, *sizes: tuple[int, int]):
        self.infos = []
        for k, (inflated, compressed) in enumerate(sizes):
            info = zipfile.ZipInfo(f"xl/worksheets/sheet{k + 1}.xml")
            info.file_size, info.compress_size = inflated, compressed
            self.infos.append(info)

    def infolist(self) -> list[zipfile.ZipInfo]:
        return self.infos


def test_limits_scale_with_the_tools_own_workbook() -> None:
    """The tool's workbook of 1.000.000 lines (about 1,9 GB of XML compressed 10 times, 21
    million cells) reads back; the same XML compressed 40 times, or past 4 GiB, does not."""
    from budget.read.xlsx_io import MAX_CELLS, MAX_ROWS, sized_members

    where = Source("lon.xlsx")
    own = _Zip((1_900_000_000, 185_000_000), (40_000_000, 4_000_000))
    assert len(sized_members(own, where, "XLSX")) == 2  # type: ignore[arg-type]
    with pytest.raises(InputError) as e:
        sized_members(_Zip((1_900_000_000, 47_500_000)), where, "XLSX")  # type: ignore[arg-type]
    assert e.value.code == "XLSX_TOO_LARGE" and e.value.args_["limit"] == 724
    with pytest.raises(InputError):
        sized_members(_Zip((5_000_000_000, 500_000_000)), where, "XLSX")  # type: ignore[arg-type]
    assert MAX_ROWS >= 1_000_001 and MAX_CELLS >= 21 * 1_000_000


def test_a_sum_within_rounding_keeps_its_status_when_recalculated(tmp_path: Path) -> None:
    """A total 1 triệu off four items in whole triệu (a warning, not an error): LibreOffice's
    recalculation gives the status the tool stored; 3 triệu off is wrong either way."""
    for stated, word in (("751", layout.STATUS_OK), ("754", layout.STATUS_BAD)):
        plan = tmp_path / f"lam-tron-{stated}.txt"
        plan.write_text(
            "KẾ HOẠCH\nIII. KINH PHÍ THỰC HIỆN\n1. Hội nghị: 301 triệu đồng\n2. Tuyên truyền: 200 triệu đồng\n"
            f"3. In ấn: 150 triệu đồng\n4. Khác: 99 triệu đồng\nTổng kinh phí: {stated} triệu đồng\n",
            encoding="utf-8",
        )
        out, _report, table = write(tmp_path, plan, f"lam-tron-{stated}.xlsx")
        assert table.total.slack == (Decimal("2.5") if stated == "751" else 0)
        stored = openpyxl.load_workbook(out, data_only=True)[layout.SUMMARY].cell(row=HEADER + 2, column=7).value
        assert stored == word
        bare = tmp_path / f"bare-{stated}.xlsx"
        openpyxl.load_workbook(out).save(bare)
        total = recalculated_sheets(bare, tmp_path)[layout.SUMMARY][HEADER + 1]
        assert (number(total[2]), number(total[3]), total[6]) == (Decimal(stated), Decimal(750), word)
