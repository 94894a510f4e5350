"""Every file an officer receives is read or refused with the right reason: an Office file
protected by a password is told so (not "save it as .xlsx" or "rename it .doc"). Files made in
the test."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import docx
import openpyxl
import pytest
from msoffcrypto.format.ooxml import OOXMLFile

from budget.findings import InputError
from budget.source import Source
from tests.helpers import assert_message, run_process

_SAID = (
    "Tệp được bảo vệ bằng mật khẩu nên không đọc được; hãy mở tệp bằng mật khẩu, bỏ mật khẩu (Tệp → Thông tin → "
    "Bảo vệ) rồi lưu lại và kiểm tra tệp đó."
)


def _locked(plain: Path, locked: Path) -> Path:
    with plain.open("rb") as f, locked.open("wb") as out:
        OOXMLFile(f).encrypt("mat-khau-123", out)
    return locked


@pytest.mark.parametrize("suffix", [".xlsx", ".docx"])
def test_a_file_protected_by_a_password_is_refused_with_that_reason(tmp_path: Path, suffix: str) -> None:
    plain = tmp_path / f"du-toan{suffix}"
    if suffix == ".xlsx":
        wb = openpyxl.Workbook()
        wb.active.append(["STT", "Nội dung", "Số lượng", "Đơn giá", "Thành tiền"])
        wb.save(plain)
    else:
        d = docx.Document()
        d.add_paragraph("1. Hỗ trợ: 20 xã x 100 triệu đồng/xã = 2.000 triệu đồng")
        d.save(str(plain))
    locked = _locked(plain, tmp_path / f"khoa{suffix}")
    ran = run_process([sys.executable, "-m", "plancheck", "check", locked], timeout=60)
    assert (ran.returncode, ran.stderr) == (2, f"{locked}: lỗi [INPUT_PASSWORD] {_SAID}\n")


def test_the_password_message_in_both_languages() -> None:
    assert_message(
        InputError(Source("khoa.xlsx"), "INPUT_PASSWORD"),
        "INPUT_PASSWORD",
        _SAID,
        en="The file is protected by a password and cannot be read; open it with its password, remove the password "
        "(File → Info → Protect) and save it, then check that file.",
    )


def test_an_old_excel_file_is_still_told_to_be_saved_as_xlsx(tmp_path: Path) -> None:
    # a compound file that holds no encrypted package: Excel 97-2003, not a password
    fake = tmp_path / "cu.xlsx"
    fake.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 2048)
    ran = run_process([sys.executable, "-m", "plancheck", "check", fake], timeout=60)
    assert ran.returncode == 2 and "[XLSX_IS_XLS]" in ran.stderr


def test_a_workbook_given_to_extract_is_told_which_command_reads_it(tmp_path: Path) -> None:
    book = tmp_path / "so-lieu.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["Đơn vị", "Năm", "chi_giao_duc"])
    wb.save(book)
    ran = run_process([sys.executable, "-m", "indicators", "extract", book], timeout=60)
    said = (
        "Đây là bảng tính hoặc CSV (số liệu), không phải văn bản kế hoạch: chỉ tiêu được tìm trong văn bản (.txt, "
        ".docx, .pdf). Để đánh giá chỉ tiêu theo bảng số liệu, dùng: indicators check CHỈ_TIÊU SỐ_LIỆU."
    )
    assert (ran.returncode, ran.stderr) == (2, f"{book}: lỗi [EXTRACT_NOT_TEXT] {said}\n")
    assert_message(
        InputError(Source(str(book)), "EXTRACT_NOT_TEXT"),
        "EXTRACT_NOT_TEXT",
        said,
        en="This is a workbook or CSV file (data), not a plan's text: targets are found in text (.txt, .docx, .pdf). "
        "To judge targets against a data table, use: indicators check TARGETS DATA.",
    )


def test_an_old_excel_estimate_reads_like_the_xlsx_it_was_saved_from(tmp_path: Path) -> None:
    from tests.office import _profile, soffice

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Dự toán"
    for row in (
        ["DỰ TOÁN KINH PHÍ HỘI NGHỊ"],
        ["Đơn vị tính: đồng"],
        ["STT", "Nội dung", "Số lượng", "Đơn giá", "Thành tiền"],
        [1, "Thuê hội trường", 2, 1500000, 3000000],
        [2, "Nước uống", 60, 20000, 1300000],  # 1.200.000 written 1.300.000
        [None, "Cộng", None, None, 4300000],
    ):
        ws.append(row)
    book = tmp_path / "du-toan.xlsx"
    wb.save(book)
    out = tmp_path / "xls"
    out.mkdir()
    converted = subprocess.run(
        [soffice(), f"-env:UserInstallation={_profile(tmp_path)}", "--headless", "--convert-to", "xls",
         "--outdir", str(out), str(book)],
        capture_output=True, timeout=180, check=True,
    )  # fmt: skip
    assert converted.returncode == 0
    old = out / "du-toan.xls"
    assert old.read_bytes()[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the Excel 97-2003 format
    ran_new = run_process([sys.executable, "-m", "plancheck", "check", book], timeout=60)
    ran_old = run_process([sys.executable, "-m", "plancheck", "check", old], timeout=60)
    assert ran_old.returncode == ran_new.returncode == 1
    # the same findings at the same cells, the same summary and verdict
    assert ran_old.stdout.replace(str(old), "X") == ran_new.stdout.replace(str(book), "X")
    assert f"{old}:Dự toán!E5: lỗi [PRODUCT_MISMATCH]" in ran_old.stdout


def test_a_damaged_old_excel_file_is_an_input_error(tmp_path: Path) -> None:
    fake = tmp_path / "hong.xls"
    fake.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 2048)
    ran = run_process([sys.executable, "-m", "plancheck", "check", fake], timeout=60)
    assert ran.returncode == 2 and f"{fake}: lỗi [XLSX_BROKEN]" in ran.stderr
