"""The exact words of every refusal to read an input (the command exits 2 with one line), in
Vietnamese and English: small files made here, read through the public path."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest

import budget.read.office as read_office
import budget.read.xlsx_io as xlsx_io
from budget.api import check_file
from budget.findings import InputError
from indicators.api import check_targets
from tests.helpers import assert_message


def refused(path: Path) -> InputError:
    """The error reading ``path`` raises, at the file itself."""
    with pytest.raises(InputError) as e:
        check_file(path, "tep")
    assert str(e.value.source) == "tep"
    return e.value


def test_missing_folder_empty(tmp_path: Path) -> None:
    assert_message(refused(tmp_path / "khong-co.txt"), "INPUT_MISSING", "Không tìm thấy tệp.", en="File not found.")
    (tmp_path / "thu-muc.txt").mkdir()
    assert_message(
        refused(tmp_path / "thu-muc.txt"), "INPUT_NOT_FILE", "Đây không phải là một tệp.", en="This is not a file."
    )
    (tmp_path / "rong.txt").write_bytes(b" \n\n")
    assert_message(refused(tmp_path / "rong.txt"), "INPUT_EMPTY", "Tệp rỗng.", en="The file is empty.")


def test_binary_and_unknown_encoding(tmp_path: Path) -> None:
    path = tmp_path / "anh.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert_message(
        refused(path),
        "INPUT_BINARY",
        "Tệp không phải văn bản (có byte nhị phân ở vị trí 8).",
        en="The file is not text (binary byte at offset 8).",
    )
    path.write_bytes(b"Kinh ph\xed 5 tri\xea\xf2u \xf0\xf4ng \x81\x8d\x8f\x90\x9d")
    assert_message(
        refused(path),
        "INPUT_ENCODING",
        "Tệp không phải văn bản UTF-8 hay UTF-16 (byte lạ ở vị trí 7); hãy lưu lại dưới dạng UTF-8.",
        en="The file is not UTF-8 or UTF-16 text (odd byte at offset 7); save it as UTF-8.",
    )


def test_files_that_are_no_xlsx(tmp_path: Path) -> None:
    # an Excel 97-2003 file named .xlsx (a real .xls is read: tests/test_files_received.py)
    old = tmp_path / "cu.xlsx"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    assert_message(
        refused(old),
        "XLSX_IS_XLS",
        "Đây là tệp Excel 97-2003 (.xls) hoặc tệp OLE khác, không phải .xlsx; hãy mở bằng Excel và lưu lại dưới "
        "dạng .xlsx.",
        en="This is an Excel 97-2003 (.xls) or other OLE file, not .xlsx; open it in Excel and save as .xlsx.",
    )
    text = tmp_path / "chu.xlsx"
    text.write_bytes(b"STT,Muc\n1,2\n")
    assert_message(
        refused(text),
        "XLSX_NOT_ZIP",
        "Tệp không phải bảng tính .xlsx (không phải tệp nén zip); có thể tệp bị hỏng hoặc bị cắt cụt.",
        en="The file is not an .xlsx workbook (not a zip file); it may be damaged or truncated.",
    )
    other = tmp_path / "nen.xlsx"
    with zipfile.ZipFile(other, "w") as z:
        z.writestr("readme.txt", "không phải Excel")
    assert_message(
        refused(other),
        "XLSX_NOT_XLSX",
        "Tệp nén này không phải bảng tính .xlsx (thiếu phần nội dung của Excel).",
        en="This zip file is not an .xlsx workbook (the Excel parts are missing).",
    )


def _docx_with(path: Path, member: str, data: bytes) -> Path:
    source = path.with_name("nguon.docx")
    document = docx.Document()
    document.add_paragraph("Tổng kinh phí 100 triệu đồng")
    document.save(str(source))
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            zout.writestr(item, data if item.filename == member else zin.read(item))
        if member not in zin.namelist():
            zout.writestr(member, data)
    return path


def test_a_damaged_word_document(tmp_path: Path) -> None:
    path = _docx_with(tmp_path / "hong.docx", "word/document.xml", b"<?xml version='1.0'?><w:document")
    assert_message(
        refused(path),
        "DOCX_BROKEN",
        "Văn bản Word bị hỏng, không đọc được: nội dung XML không hợp lệ.",
        en="The Word document is damaged and cannot be read: the XML content is not valid.",
    )


def test_documents_too_large_to_unpack(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(xlsx_io, "MAX_UNCOMPRESSED", 1024 * 1024)
    monkeypatch.setattr(xlsx_io, "MAX_INFLATION", 1)
    path = _docx_with(tmp_path / "lon.docx", "word/media/dem.bin", b"\0" * (3 * 1024 * 1024))
    assert_message(
        refused(path),
        "DOCX_TOO_LARGE",
        "Văn bản Word khi giải nén lớn 3 MB, vượt giới hạn 1 MB; không đọc.",
        en="The Word document unpacks to 3 MB, over the 1 MB limit; not read.",
    )
    book = tmp_path / "lon.xlsx"
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(book, "w", zipfile.ZIP_DEFLATED) as zout:
        zout.writestr("[Content_Types].xml", b'<?xml version="1.0"?><Types/>')
        zout.writestr("xl/workbook.xml", b'<?xml version="1.0"?><workbook/>')
        zout.writestr("xl/media/dem.bin", zin.read("word/media/dem.bin"))
    assert_message(
        refused(book),
        "XLSX_TOO_LARGE",
        "Bảng tính khi giải nén lớn 3 MB, vượt giới hạn 1 MB; không đọc.",
        en="The workbook unpacks to 3 MB, over the 1 MB limit; not read.",
    )


def test_a_workbook_inflating_abnormally(tmp_path: Path) -> None:
    path = tmp_path / "bom.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", b'<?xml version="1.0"?><Types/>')
        z.writestr("xl/workbook.xml", b'<?xml version="1.0"?><workbook/>')
        z.writestr("xl/media/padding.bin", b"\x00" * (8 * 1024 * 1024))
    assert_message(
        refused(path),
        "XLSX_ZIP_BOMB",
        "Phần “xl/media/padding.bin” giải nén lớn bất thường so với kích thước nén; tệp có thể độc hại, không đọc.",
        en="The part “xl/media/padding.bin” unpacks to an abnormal size; the file may be hostile and was not read.",
    )


def test_a_workbook_claiming_too_many_rows(tmp_path: Path) -> None:
    path = tmp_path / "trieu-dong.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", b'<?xml version="1.0"?><Types/>')
        z.writestr("xl/workbook.xml", b'<?xml version="1.0"?><workbook/>')
        sheet = b'<?xml version="1.0"?><worksheet><dimension ref="A1:F2000000"/><sheetData/></worksheet>'
        z.writestr("xl/worksheets/sheet1.xml", sheet)
    assert_message(
        refused(path),
        "XLSX_TOO_MANY_ROWS",
        "Trang “xl/worksheets/sheet1.xml” khai báo 2.000.000 dòng, vượt giới hạn 1.048.576 dòng của một trang "
        "tính; không đọc.",
        en="The sheet “xl/worksheets/sheet1.xml” declares 2,000,000 rows, over the 1,048,576 rows a sheet holds; "
        "not read.",
    )


def test_a_workbook_declaring_entities(tmp_path: Path) -> None:
    path = tmp_path / "thuc-the.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", b'<?xml version="1.0"?><Types/>')
        z.writestr("xl/workbook.xml", b'<?xml version="1.0"?><workbook/>')
        sheet = (
            b'<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY a "aaaaaaaaaa">]>'
            b'<worksheet><sheetData><row r="1"><c><v>&a;</v></c></row></sheetData></worksheet>'
        )
        z.writestr("xl/worksheets/sheet1.xml", sheet)
    assert_message(
        refused(path),
        "XLSX_XML_DECLARATION",
        "Phần “xl/worksheets/sheet1.xml” có khai báo DOCTYPE/ENTITY, điều Excel không bao giờ ghi; tệp có thể độc "
        "hại, không đọc.",
        en="The part “xl/worksheets/sheet1.xml” declares a DOCTYPE/ENTITY, which Excel never writes; the file may "
        "be hostile and was not read.",
    )


def test_a_pdf_that_is_none(tmp_path: Path) -> None:
    path = tmp_path / "trang.pdf"
    path.write_bytes(b"<html>not a pdf</html>\n" * 10)
    assert_message(
        refused(path),
        "PDF_BROKEN",
        "Tệp không phải PDF hoặc PDF bị hỏng, không đọc được (PDFSyntaxError).",
        en="The file is not a PDF, or the PDF is damaged, and cannot be read (PDFSyntaxError).",
    )


def test_libreoffice_that_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "cu.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    monkeypatch.setattr(read_office, "soffice", lambda: "/bin/false")
    assert_message(
        refused(path),
        "OFFICE_CONVERT_FAILED",
        "LibreOffice không chuyển được tệp .doc sang .docx (LibreOffice dừng với mã 1); tệp có thể bị hỏng hoặc "
        "có mật khẩu. Hãy mở tệp bằng Word và lưu lại dưới dạng .docx.",
        en="LibreOffice could not convert the .doc file to .docx (LibreOffice stopped with exit code 1); the file "
        "may be damaged or protected by a password. Open the file in Word and save it as .docx.",
    )
    monkeypatch.setattr(read_office, "soffice", lambda: "/bin/true")
    assert_message(
        refused(path),
        "OFFICE_CONVERT_FAILED",
        "LibreOffice không chuyển được tệp .doc sang .docx (không tạo ra tệp .docx nào); tệp có thể bị hỏng hoặc "
        "có mật khẩu. Hãy mở tệp bằng Word và lưu lại dưới dạng .docx.",
        en="LibreOffice could not convert the .doc file to .docx (no .docx file was produced); the file may be "
        "damaged or protected by a password. Open the file in Word and save it as .docx.",
    )


def test_a_table_of_targets_with_no_row(tmp_path: Path) -> None:
    targets = tmp_path / "chi-tieu.csv"
    targets.write_text(",,\n,,\n", encoding="utf-8")
    data = tmp_path / "so-lieu.csv"
    data.write_text("Đơn vị,Năm,a\nA,2024,1\n", encoding="utf-8")
    with pytest.raises(InputError) as e:
        check_targets(targets, data)
    assert str(e.value.source) == str(targets)
    assert_message(e.value, "TABLE_EMPTY", "Bảng không có dòng nào.", en="The table has no rows.")
