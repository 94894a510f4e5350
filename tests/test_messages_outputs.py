"""The exact words of every refusal to write a result (exit 2, nothing written), in Vietnamese and
English: targets made here, refused before any work by the public checks of the writers."""

from __future__ import annotations

from pathlib import Path

import pytest

import plancheck.report as report
from budget.findings import InputError
from budget.output import check_target
from tests.helpers import assert_message


def refused(target: Path, inputs: list[Path], force: bool = False) -> InputError:
    with pytest.raises(InputError) as e:
        check_target(target, inputs, force)
    assert str(e.value.source) == str(target)
    return e.value


def test_an_output_that_is_the_input(tmp_path: Path) -> None:
    plan = tmp_path / "ke-hoach.txt"
    plan.write_text("KẾ HOẠCH\n", encoding="utf-8")
    assert_message(
        refused(plan, [plan], force=True),
        "OUTPUT_IS_INPUT",
        "Tệp kết quả trùng với tệp đầu vào; hãy chọn tên khác.",
        en="The output file is the input file; choose another name.",
    )


def test_an_output_in_a_folder_that_does_not_exist(tmp_path: Path) -> None:
    assert_message(
        refused(tmp_path / "khong-co" / "kq.xlsx", []),
        "OUTPUT_NO_FOLDER",
        f"Thư mục “{tmp_path / 'khong-co'}” không tồn tại.",
        en=f"The folder “{tmp_path / 'khong-co'}” does not exist.",
    )


def test_an_output_that_exists_or_is_a_folder(tmp_path: Path) -> None:
    old = tmp_path / "kq.xlsx"
    old.write_bytes(b"old")
    assert_message(
        refused(old, []),
        "OUTPUT_EXISTS",
        "Tệp đã có; thêm --force để ghi đè.",
        en="The file exists; add --force to overwrite it.",
    )
    folder = tmp_path / "thu-muc.xlsx"
    folder.mkdir()
    assert_message(
        refused(folder, [], force=True),
        "OUTPUT_IS_FOLDER",
        "Đây là một thư mục, không phải tệp.",
        en="This is a folder, not a file.",
    )


def test_a_pdf_without_chromium_or_that_chromium_cannot_print(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "bao-cao.pdf"
    monkeypatch.setattr(report, "find_chromium", lambda: None)
    with pytest.raises(InputError) as e:
        report.require_chromium(out)
    assert_message(
        e.value,
        "REPORT_NO_CHROMIUM",
        (
            "Không tìm thấy trình duyệt Chromium để in báo cáo ra PDF; hãy cài gói chromium (apt-get install "
            "chromium) hoặc dùng --html rồi in từ trình duyệt."
        ),
        en=(
            "Chromium was not found to print the report to PDF; install the chromium package (apt-get install "
            "chromium) or use --html and print from a browser."
        ),
    )
    with pytest.raises(InputError) as e:
        report.print_pdf("<html></html>", out, "/bin/false", out)
    assert not out.exists()
    assert_message(
        e.value,
        "REPORT_PDF_FAILED",
        "Chromium không in được báo cáo ra PDF: Chromium dừng với mã 1 mà không tạo ra tệp PDF.",
        en=("Chromium could not print the report to PDF: Chromium stopped with exit code 1 and produced no PDF file."),
    )
