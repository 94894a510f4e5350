"""Word, PDF and LibreOffice documents read like the plan text they hold.

Documents are built here with python-docx; PDFs are printed from them by LibreOffice
(skipped outside CI when it is missing, never in CI); hostile and broken files are
crafted by hand, down to a PDF encrypted with the standard RC4 handler.
"""

from __future__ import annotations

import hashlib
import re
import subprocess
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from budget.api import Report, check_file
from budget.messages import TEMPLATES, render
from budget.read.pdf import read_pdf
from budget.read.word import read_docx
from plancheck.cli import main
from tests.helpers import HA_DONG, assert_message
from tests.office import _profile, soffice

# --- building documents --------------------------------------------------------------------


def _write_docx(paragraphs: list[str], path: Path) -> Path:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    document.save(str(path))
    return path


def _ha_dong_lines() -> list[str]:
    return HA_DONG.read_text(encoding="utf-8").split("\n")


def _summary(report: Report) -> tuple[list[tuple[Decimal, Decimal]], list[str], Decimal | None, list[str]]:
    ev = report.evaluation
    return (
        [(r.computed, r.stated) for r in ev.lines()],
        [s.section.number for s in ev.sections()],
        ev.total.stated,
        [f.code for f in report.findings],
    )


def _add_numbering(document: Any, xml: str) -> None:
    """Numbering definitions (``w:abstractNum`` then ``w:num``) added where Word keeps them."""
    root = document.part.numbering_part.element
    first_num = root.find(f"{{{root.nsmap['w']}}}num")
    for child in parse_xml(f"<w:numbering {nsdecls('w')}>{xml}</w:numbering>"):
        if child.tag.endswith("}abstractNum") and first_num is not None:
            first_num.addprevious(child)
        else:
            root.append(child)


def _numbered(paragraph: Any, num_id: int, level: int = 0) -> None:
    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_numId().val = num_id
    num_pr.get_or_add_ilvl().val = level


def _level(ilvl: int, fmt: str, text: str, start: int = 1) -> str:
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/><w:suff w:val="space"/></w:lvl>'
    )


_OUTLINE = (
    '<w:abstractNum w:abstractNumId="90"><w:multiLevelType w:val="multilevel"/>'
    + _level(0, "decimal", "%1.")
    + _level(1, "decimal", "%1.%2.")
    + _level(2, "lowerLetter", "%3)")
    + '</w:abstractNum><w:abstractNum w:abstractNumId="91">'
    + _level(0, "bullet", "•")
    + '</w:abstractNum><w:abstractNum w:abstractNumId="93">'
    + _level(0, "upperRoman", "%1.", start=4)
    + '</w:abstractNum><w:num w:numId="90"><w:abstractNumId w:val="90"/></w:num>'
    '<w:num w:numId="91"><w:abstractNumId w:val="91"/></w:num>'
    '<w:num w:numId="92"><w:abstractNumId w:val="90"/>'
    '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
    '<w:num w:numId="93"><w:abstractNumId w:val="93"/></w:num>'
)


def _soffice_convert(src: Path, tmp: Path, target: str) -> Path:
    out = tmp / f"lo-{target.split(':')[0]}"
    out.mkdir(exist_ok=True)
    subprocess.run(
        [soffice(), f"-env:UserInstallation={_profile(tmp)}", "--headless", "--convert-to", target,
         "--outdir", str(out), str(src)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    (path,) = out.glob(f"{src.stem}.*")
    return path


# --- Word -----------------------------------------------------------------------------------


def test_ha_dong_docx_reads_exactly_like_its_text(tmp_path: Path) -> None:
    path = _write_docx(_ha_dong_lines(), tmp_path / "ha-dong.docx")
    text, word = check_file(HA_DONG), check_file(path)
    lines, sections, total, _ = _summary(word)
    assert len(lines) == 16
    assert sections == ["1", "2", "2.1", "2.2", "2.3", "2.4", "2.5", "2.6", "2.7", "2.8", "2.9"]
    assert total == Decimal("46375")
    assert word.evaluation.total.children_sum == Decimal("46375")
    assert not word.has_errors
    assert _summary(word) == _summary(text)
    # one paragraph per line of the text: paragraph N is line N, and findings say so
    assert [f.source.cell for f in word.findings] == [f"đoạn {f.source.line}" for f in text.findings]
    assert str(word.findings[-1].source) == f"{path}:đoạn 79"
    assert word.findings[-1].source.text == "2.9. Nguồn xã hội hoá"


def test_word_list_numbering_reads_like_typed_numbers(tmp_path: Path) -> None:
    """The plan with its numbers made by Word's numbering (``1.``, ``2.1.``, bullets), not typed."""
    document = docx.Document()
    _add_numbering(document, _OUTLINE)
    for line in _ha_dong_lines():
        if m := re.match(r"([0-9]+)\.\s(.*)", line):
            _numbered(document.add_paragraph(m[2]), 90, 0)
        elif m := re.match(r"[0-9]+\.[0-9]+\.?\s(.*)", line):
            _numbered(document.add_paragraph(m[1]), 90, 1)
        elif line.startswith("- "):
            _numbered(document.add_paragraph(line[2:]), 91)
        else:
            document.add_paragraph(line)
    path = tmp_path / "numbered.docx"
    document.save(str(path))
    texts = [rl.text for rl in read_docx(path)]
    assert texts[22].startswith("2.1. Ngân sách nhà nước hỗ trợ cho việc tăng cường tổ chức các kỳ khảo sát")
    assert texts[26].startswith("- Kinh phí tổ chức các đợt khảo sát")
    assert texts[82] == "3. Thẩm định và phê duyệt dự toán"
    lines, sections, total, codes = _summary(check_file(path))
    text_lines, text_sections, _, text_codes = _summary(check_file(HA_DONG))
    assert (lines, sections, total, codes) == (text_lines, text_sections, Decimal("46375"), text_codes)


def test_numbering_labels_as_word_shows_them(tmp_path: Path) -> None:
    document = docx.Document()
    _add_numbering(document, _OUTLINE)
    plan = [
        ("Kinh phí", 93, 0),
        ("Chi thường xuyên", 90, 0),
        ("Hội nghị", 90, 1),
        ("Thuê hội trường", 90, 2),
        ("In tài liệu", 90, 2),
        ("Tập huấn", 90, 1),
        ("Giảng viên", 90, 2),
        ("Chi đầu tư", 90, 0),
        ("Ghi chú", 91, 0),
        ("Danh sách mới", 92, 0),  # the same definition restarted by an override
        ("Dòng hai", 90, 1),  # the first list goes on: 2.3.
    ]
    for text, num, level in plan:
        _numbered(document.add_paragraph(text), num, level)
    document.add_paragraph("List", style="List Number")  # numbering from the style, not the paragraph
    path = tmp_path / "labels.docx"
    document.save(str(path))
    assert [rl.text for rl in read_docx(path)] == [
        "IV. Kinh phí",
        "1. Chi thường xuyên",
        "1.1. Hội nghị",
        "a) Thuê hội trường",
        "b) In tài liệu",
        "1.2. Tập huấn",
        "a) Giảng viên",
        "2. Chi đầu tư",
        "- Ghi chú",
        "1. Danh sách mới",
        "2.1. Dòng hai",
        "1. List",
    ]


@pytest.mark.parametrize("start", [26 * 10, 2**31, 10**11])
def test_letter_numbering_that_starts_far_out_is_shown_in_figures(tmp_path: Path, start: int) -> None:
    """A letter list whose declared start needs more repeated letters than a list can hold (2³¹
    took 30 s and a gigabyte; 10¹¹ a MemoryError) shows its number in figures, at once."""
    document = docx.Document()
    letters = (
        '<w:abstractNum w:abstractNumId="94">'
        + _level(0, "lowerLetter", "%1)", start=start)
        + '</w:abstractNum><w:num w:numId="94"><w:abstractNumId w:val="94"/></w:num>'
    )
    _add_numbering(document, letters)
    for text in ("Thuê hội trường", "In tài liệu"):
        _numbered(document.add_paragraph(text), 94)
    path = tmp_path / "chu-cai.docx"
    document.save(str(path))
    first = "zzzzzzzzzz" if start == 260 else str(start)
    assert [rl.text for rl in read_docx(path)] == [f"{first}) Thuê hội trường", f"{start + 1}) In tài liệu"]


def test_table_rows_are_pipe_lines_on_the_grid(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Bảng dự toán")
    table = document.add_table(rows=4, cols=4)
    table.cell(0, 0).merge(table.cell(0, 1)).text = "Nội dung"
    table.cell(0, 2).text = "Kinh phí"
    table.cell(0, 3).text = "Ghi chú"
    table.cell(1, 0).merge(table.cell(2, 0)).text = "Hội nghị"
    table.cell(1, 1).text = "Thuê | hội trường"
    table.cell(1, 2).text = "10.000.000"
    table.cell(2, 1).text = "In tài liệu"
    table.cell(2, 2).text = "5.000.000"
    table.cell(3, 0).text = "Tổng"
    table.cell(3, 2).add_paragraph("15.000.000")  # a cell of two paragraphs, the first empty
    document.add_paragraph("Sau bảng")
    document.add_table(rows=1, cols=2).cell(0, 1).text = "bảng hai"
    path = tmp_path / "table.docx"
    document.save(str(path))
    got = [(rl.source.line, rl.source.cell, rl.text) for rl in read_docx(path)]
    assert got == [
        (1, "đoạn 1", "Bảng dự toán"),
        (2, "bảng 1, dòng 1", "| Nội dung |  | Kinh phí | Ghi chú |"),
        (3, "bảng 1, dòng 2", "| Hội nghị | Thuê \\| hội trường | 10.000.000 |  |"),
        (4, "bảng 1, dòng 3", "|  | In tài liệu | 5.000.000 |  |"),
        (5, "bảng 1, dòng 4", "| Tổng |  | 15.000.000 |  |"),
        (6, "đoạn 2", "Sau bảng"),
        (7, "bảng 2, dòng 1", "|  | bảng hai |"),
    ]


def test_soft_breaks_tabs_and_tracked_changes(tmp_path: Path) -> None:
    document = docx.Document()
    p = document.add_paragraph("Giáo viên:\t200 người")
    p.add_run().add_break()
    p.add_run("x 1,5 triệu đồng = 300 triệu đồng")
    w = nsdecls("w")
    p._p.append(parse_xml(f'<w:del {w} w:id="1" w:author="a"><w:r><w:delText>XÓA</w:delText></w:r></w:del>'))
    p._p.append(parse_xml(f'<w:ins {w} w:id="2" w:author="a"><w:r><w:t xml:space="preserve"> thêm</w:t></w:r></w:ins>'))
    path = tmp_path / "runs.docx"
    document.save(str(path))
    got = [(rl.source.line, rl.source.cell, rl.text) for rl in read_docx(path)]
    assert got == [(1, "đoạn 1", "Giáo viên: 200 người"), (2, "đoạn 1", "x 1,5 triệu đồng = 300 triệu đồng thêm")]


_TABLE_ROWS = [
    ("STT", "Nội dung", "Số lượng", "Đơn giá", "Thành tiền"),
    ("1", "Thuê hội trường", "2", "5.000.000", "10.000.000"),
    ("2", "In tài liệu", "100", "50.000", "6.000.000"),  # 100 × 50.000 = 5.000.000
    ("3", "Nước uống", "100", "20.000", "2.000.000"),
]


def _table_docx(path: Path) -> Path:
    document = docx.Document()
    document.add_paragraph("Dự toán kinh phí tổ chức hội nghị (đơn vị tính: đồng)")
    table = document.add_table(rows=len(_TABLE_ROWS), cols=len(_TABLE_ROWS[0]))
    table.style = "Table Grid"  # ruled, as budget tables are: a PDF of it has its lines
    for r, row in enumerate(_TABLE_ROWS):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    document.save(str(path))
    return path


def test_docx_table_with_one_wrong_amount_names_that_row(tmp_path: Path) -> None:
    path = _table_docx(tmp_path / "bang.docx")
    report = check_file(path)
    errors = [f for f in report.findings if f.is_error]
    assert [(f.source.cell, f.expected, f.actual) for f in errors] == [
        ("bảng 1, dòng 3", Decimal("5000000"), Decimal("6000000"))
    ]
    assert str(errors[0].source) == f"{path}:bảng 1, dòng 3"


# --- PDF and LibreOffice formats ------------------------------------------------------------


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The Hà Đông plan as .docx, and LibreOffice's PDF, .odt and .doc of it."""
    tmp = tmp_path_factory.mktemp("printed")
    source = _write_docx(_ha_dong_lines(), tmp / "ha-dong.docx")
    table = _table_docx(tmp / "bang.docx")
    return {
        "docx": source,
        "table-pdf": _soffice_convert(table, tmp, "pdf:writer_pdf_Export"),
        "pdf": _soffice_convert(source, tmp, "pdf:writer_pdf_Export"),
        "odt": _soffice_convert(source, tmp, "odt"),
        "doc": _soffice_convert(source, tmp, "doc:MS Word 97"),
    }


def test_pdf_printed_by_libreoffice_reads_like_the_text(printed: dict[str, Path]) -> None:
    pdf = check_file(printed["pdf"])
    lines, sections, total, codes = _summary(pdf)
    text_lines, _, _, text_codes = _summary(check_file(HA_DONG))
    assert len(lines) == 16
    assert lines == text_lines
    assert total == Decimal("46375")
    assert pdf.evaluation.total.children_sum == Decimal("46375")
    assert codes == text_codes
    assert not pdf.has_errors
    for f in pdf.findings:
        assert re.fullmatch(r"trang [0-9]+, dòng [0-9]+", f.source.cell or ""), f.source
    assert pdf.findings[-1].source.text == "2.9. Nguồn xã hội hoá"
    assert "2.9" in sections and "2.1" in sections


def test_pdf_sections_like_the_text(printed: dict[str, Path]) -> None:
    _, sections, _, _ = _summary(check_file(printed["pdf"]))
    assert sections == _summary(check_file(HA_DONG))[1]


@pytest.mark.parametrize("kind", ["odt", "doc"])
def test_odt_and_doc_read_through_libreoffice(printed: dict[str, Path], kind: str) -> None:
    report = check_file(printed[kind])
    assert _summary(report) == _summary(check_file(HA_DONG))
    assert str(report.findings[-1].source) == f"{printed[kind]}:đoạn 79"


def test_pdf_lines_carry_page_and_line(printed: dict[str, Path]) -> None:
    lines = read_pdf(printed["pdf"])
    first = lines[0]
    assert first.source.cell == "trang 1, dòng 1"
    assert first.text.startswith("[Trích Kế hoạch số 267/KH-UBND")
    assert any(rl.text == "IV. KINH PHÍ THỰC HIỆN" for rl in lines)
    pages = [int(m[1]) for rl in lines if (m := re.match(r"trang ([0-9]+), dòng [0-9]+$", rl.source.cell or ""))]
    assert pages == sorted(pages) and set(pages) == set(range(1, pages[-1] + 1))
    assert all(rl.text == "" for rl in lines if rl.source.cell is None)  # the space between paragraphs


def test_pdf_ruled_table_rows_are_pipe_lines(printed: dict[str, Path]) -> None:
    got = [(rl.source.cell, rl.text) for rl in read_pdf(printed["table-pdf"])]
    assert got == [
        ("trang 1, dòng 1", "Dự toán kinh phí tổ chức hội nghị (đơn vị tính: đồng)"),
        (None, ""),
        *((f"trang 1, bảng 1, dòng {n}", "| " + " | ".join(row) + " |") for n, row in enumerate(_TABLE_ROWS, 1)),
        (None, ""),
    ]


def test_pdf_table_with_one_wrong_amount_names_that_row(printed: dict[str, Path]) -> None:
    errors = [f for f in check_file(printed["table-pdf"]).findings if f.is_error]
    assert [(f.source.cell, f.expected, f.actual) for f in errors] == [
        ("trang 1, bảng 1, dòng 3", Decimal("5000000"), Decimal("6000000"))
    ]


# --- what cannot be read: a clear message and exit code 2 -------------------------------------


def _refused(path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    code = main(["check", str(path)])
    out, err = capsys.readouterr()
    assert code == 2, (out, err)
    assert out == ""
    return err


def _expect(path: Path, code: str, args: dict[str, object] | None = None) -> str:
    return f"{path}: lỗi [{code}] {render(code, args or {})}\n"


def test_docx_not_a_zip(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "hong.docx"
    path.write_bytes(b"Day khong phai la tep Word\n" * 20)
    err = _refused(path, capsys)
    assert err.startswith(f"{path}: lỗi [DOCX_NOT_ZIP] ")
    assert_message(
        err,
        "DOCX_NOT_ZIP",
        "Tệp không phải văn bản Word .docx (không phải tệp nén zip); có thể tệp bị hỏng hoặc bị cắt cụt.",
    )


def test_docx_truncated(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    whole = _write_docx(["Tổng kinh phí 100 triệu đồng"], tmp_path / "whole.docx").read_bytes()
    path = tmp_path / "cut.docx"
    path.write_bytes(whole[: len(whole) // 2])
    err = _refused(path, capsys)
    assert err.startswith(f"{path}: lỗi [DOCX_NOT_ZIP] ")
    assert_message(
        err,
        "DOCX_NOT_ZIP",
        "Tệp không phải văn bản Word .docx (không phải tệp nén zip); có thể tệp bị hỏng hoặc bị cắt cụt.",
    )


def test_zip_without_word_document(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "khac.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("readme.txt", "không phải Word")
    err = _refused(path, capsys)
    assert err.startswith(f"{path}: lỗi [DOCX_NOT_DOCX] ")
    assert_message(
        err, "DOCX_NOT_DOCX", "Tệp nén này không phải văn bản Word .docx (thiếu phần nội dung word/document.xml)."
    )


def test_docx_whose_main_part_is_missing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = _write_docx(["x"], tmp_path / "src.docx")
    path = tmp_path / "thieu.docx"
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(path, "w") as zout:
        for item in zin.infolist():
            if item.filename != "word/document.xml":
                zout.writestr(item, zin.read(item))
    err = _refused(path, capsys)
    assert err.startswith(f"{path}: lỗi [DOCX_NOT_DOCX] ")
    assert_message(
        err, "DOCX_NOT_DOCX", "Tệp nén này không phải văn bản Word .docx (thiếu phần nội dung word/document.xml)."
    )


def test_old_word_file_named_docx(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "cu.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    err = _refused(path, capsys)
    assert err.startswith(f"{path}: lỗi [DOCX_IS_DOC] ")
    assert_message(
        err,
        "DOCX_IS_DOC",
        (
            "Đây là tệp Word 97-2003 (.doc) hoặc tệp OLE khác mang đuôi .docx; hãy đổi đuôi thành .doc, hoặc mở "
            "bằng Word và lưu lại dưới dạng .docx."
        ),
    )


def test_docx_with_entity_declaration(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = _write_docx(["x"], tmp_path / "src.docx")
    path = tmp_path / "entity.docx"
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(path, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item)
            if item.filename == "word/document.xml":
                data = data.replace(b"?>", b'?><!DOCTYPE w [<!ENTITY a "aaaaaaaa">]>', 1)
            zout.writestr(item, data)
    err = _refused(path, capsys)
    assert err.startswith(f"{path}: lỗi [DOCX_XML_DECLARATION] ")
    assert_message(
        err,
        "DOCX_XML_DECLARATION",
        (
            "Phần “word/document.xml” có khai báo DOCTYPE/ENTITY, điều Word không bao giờ ghi; tệp có thể độc "
            "hại, không đọc."
        ),
    )


def test_docx_inflating_abnormally(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = _write_docx(["x"], tmp_path / "src.docx")
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            zout.writestr(item, zin.read(item))
        zout.writestr("word/media/padding.xml", b"\0" * (3 * 1024 * 1024))
    err = _refused(path, capsys)
    assert err.startswith(f"{path}: lỗi [DOCX_ZIP_BOMB] ")
    assert_message(
        err,
        "DOCX_ZIP_BOMB",
        ("Phần “word/media/padding.xml” giải nén lớn bất thường so với kích thước nén; tệp có thể độc hại, không đọc."),
    )


def test_doc_without_libreoffice(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: Any) -> None:
    monkeypatch.setattr("budget.read.office.soffice", lambda: None)
    path = tmp_path / "ke-hoach.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    err = _refused(path, capsys)
    assert err.startswith(f"{path}: lỗi [OFFICE_NO_SOFFICE] ")
    assert_message(
        err,
        "OFFICE_NO_SOFFICE",
        (
            "Để đọc tệp .doc cần LibreOffice (lệnh soffice) chuyển sang .docx, nhưng máy chưa cài LibreOffice; "
            "hãy cài (apt-get install libreoffice-writer) hoặc mở tệp bằng Word và lưu lại dưới dạng .docx."
        ),
    )


# Hand-made PDFs: the objects, then the cross-reference table pdfminer checks offsets with.


def _pdf(objects: list[bytes], trailer: bytes = b"") -> bytes:
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, trailer, xref)
    return bytes(out)


def _page(contents: bytes | None) -> list[bytes]:
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >>"
    return [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        page + (b" /Contents 4 0 R >>" if contents is not None else b" >>"),
        b"<< /Length %d >>\nstream\n" % len(contents or b"") + (contents or b"") + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]


_TEXT = b"BT /F1 12 Tf 72 760 Td (Tong kinh phi 46.375 trieu dong) Tj ET"
_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def _rc4(key: bytes, data: bytes) -> bytes:
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    out = bytearray()
    i = j = 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(byte ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


def _encrypted_pdf(user: bytes = b"matkhau", owner: bytes = b"chu") -> bytes:
    """A PDF opened only with a password: the standard security handler, revision 2 (RC4, 40 bits)."""
    ident = hashlib.md5(b"budget-check").digest()
    o = _rc4(hashlib.md5((owner + _PAD)[:32]).digest()[:5], (user + _PAD)[:32])
    p = -44
    key = hashlib.md5((user + _PAD)[:32] + o + p.to_bytes(4, "little", signed=True) + ident).digest()[:5]
    u = _rc4(key, _PAD)
    objects = _page(_rc4(hashlib.md5(key + (4).to_bytes(3, "little") + b"\0\0").digest()[:10], _TEXT))
    objects.append(b"<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P %d >>" % (o.hex().encode(), u.hex().encode(), p))
    return _pdf(objects, b"/Encrypt 6 0 R /ID [<%s> <%s>] " % (ident.hex().encode(), ident.hex().encode()))


def test_hand_made_pdf_with_text_is_read(tmp_path: Path) -> None:
    path = tmp_path / "mot-dong.pdf"
    path.write_bytes(_pdf(_page(_TEXT)))
    assert [(rl.source.cell, rl.text) for rl in read_pdf(path)] == [
        ("trang 1, dòng 1", "Tong kinh phi 46.375 trieu dong")
    ]


def test_encrypted_pdf(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import pdfplumber

    path = tmp_path / "mat-khau.pdf"
    path.write_bytes(_encrypted_pdf())
    with pdfplumber.open(path, password="matkhau") as pdf:  # a real encryption: the password opens it
        assert pdf.pages[0].extract_text() == "Tong kinh phi 46.375 trieu dong"
    err = _refused(path, capsys)
    assert err.startswith(f"{path}: lỗi [PDF_ENCRYPTED] ")
    assert_message(
        err,
        "PDF_ENCRYPTED",
        (
            "Tệp PDF được bảo vệ bằng mật khẩu, công cụ không mở được; hãy dùng bản Word gốc, hoặc mở PDF bằng "
            "mật khẩu rồi lưu lại thành bản không có mật khẩu."
        ),
    )


def test_pdf_without_text_is_a_scan(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "ban-quet.pdf"
    path.write_bytes(_pdf(_page(b"0 0 0 rg 72 72 200 200 re f")))  # a page with a drawing and no character
    err = _refused(path, capsys)
    assert err.startswith(f"{path}: lỗi [PDF_NO_TEXT] ")
    assert_message(
        err,
        "PDF_NO_TEXT",
        (
            "Tệp PDF không có lớp chữ (1 trang, không trang nào có ký tự): có lẽ là bản quét hoặc ảnh chụp. Công "
            "cụ không nhận dạng chữ (OCR); hãy dùng bản Word gốc hoặc PDF xuất từ Word."
        ),
    )


def test_pdf_without_pages(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "khong-trang.pdf"
    path.write_bytes(_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"]))
    err = _refused(path, capsys)
    assert err.startswith(f"{path}: lỗi [PDF_NO_PAGES] ")
    assert_message(err, "PDF_NO_PAGES", "Tệp PDF không có trang nào.")


def test_empty_pdf_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "rong.pdf"
    path.write_bytes(b"")
    assert _refused(path, capsys) == f"{path}: lỗi [INPUT_EMPTY] {TEMPLATES['INPUT_EMPTY']}\n"


@pytest.mark.parametrize(
    "data", [b"%PDF-1.4\n1 0 obj\n<< /Type /Cat", b"<html>not a pdf</html>\n" * 10], ids=["cut", "html"]
)
def test_broken_pdf(tmp_path: Path, capsys: pytest.CaptureFixture[str], data: bytes) -> None:
    path = tmp_path / "hong.pdf"
    path.write_bytes(data)
    err = _refused(path, capsys)
    assert err.startswith(f"{path}: lỗi [PDF_BROKEN] Tệp không phải PDF hoặc PDF bị hỏng, không đọc được (")


def test_plan_lines_of_a_document_and_of_its_text_agree(tmp_path: Path) -> None:
    """What readers beside the budget (targets) get: the same lines from the .docx as from the text."""
    from budget.read.office import plan_lines

    path = _write_docx(_ha_dong_lines(), tmp_path / "ha-dong.docx")
    assert [rl.text for rl in plan_lines(path)] == [rl.text for rl in plan_lines(HA_DONG)]
    assert plan_lines(path)[16].source.cell == "đoạn 17"


def test_workbook_named_docx(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import openpyxl

    path = tmp_path / "bang-tinh.docx"
    openpyxl.Workbook().save(path)
    err = _refused(path, capsys)
    assert err.startswith(f"{path}: lỗi [DOCX_NOT_DOCX] ")
    assert_message(
        err, "DOCX_NOT_DOCX", "Tệp nén này không phải văn bản Word .docx (thiếu phần nội dung word/document.xml)."
    )
