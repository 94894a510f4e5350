"""The plan's task register (``indicators tasks``): tasks from annex tables and prose, their
deadlines read whole, the register officers fill, and its review at a month.

Excerpts in ``tests/cases/tasks/`` (see its README), copied verbatim:
- ``hai-phong-nq51-phu-luc.txt``: the annex “Danh mục một số nhiệm vụ cụ thể …” of the Kế hoạch
  thực hiện Nghị quyết 51/NQ-CP, 2025, Ủy ban nhân dân thành phố Hải Phòng (rows I.1 to II.4).
- ``ha-dong-267-thoi-gian.txt``: Kế hoạch 267/KH-UBND, 25/12/2020, Ủy ban nhân dân quận Hà Đông
  (sections 1.2.2.2 to 1.2.2.3, 2.2 to 2.3 and 5.2, with their “Thời gian thực hiện”).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from budget.read.document import read_document
from indicators.cli import main
from indicators.read_tasks import as_of, read_register, review
from indicators.tasks import Due, read_deadline, tasks_of
from tests.helpers import IN_CI, Ran, assert_message, run_in_process
from tests.office import convert

CASES = Path(__file__).resolve().parent / "cases" / "tasks"
ANNEX = CASES / "hai-phong-nq51-phu-luc.txt"
HA_DONG = CASES / "ha-dong-267-thoi-gian.txt"


def run(*args: str) -> Ran:
    return run_in_process(main, args)


def tasks_in(path: Path) -> tuple[list[tuple[object, ...]], list[object]]:
    found, findings = tasks_of(read_document(path).lines)
    rows = [
        (t.number, t.text, t.lead, t.partners, t.deadline.text, t.deadline.kind.value, t.deadline.due, t.source.line)
        for t in found
    ]
    return rows, list(findings)


def write_plan(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "ke-hoach.txt"
    path.write_text(text, encoding="utf-8")
    return path


# --- annex tables ---------------------------------------------------------------------------


def test_the_annex_table_of_hai_phong_gives_each_task_with_its_agency_and_month() -> None:
    rows, findings = tasks_in(ANNEX)
    assert [r[0] for r in rows] == ["I.1", "I.2", "I.3", "I.4", "I.5", "I.6", "I.7", "II.1", "II.2", "II.3", "II.4"]
    assert rows[0] == (
        "I.1", "Xây dựng Luật Nhà giáo", "Bộ Giáo dục và Đào tạo", "Bộ, ngành, địa phương", "5/2025", "month",
        date(2025, 5, 31), 20,
    )  # fmt: skip
    assert rows[1] == (
        "I.2", "Sửa đổi, bổ sung Luật viên chức", "Bộ Nội vụ", "Bộ, ngành, địa phương", "10/2025", "month",
        date(2025, 10, 31), 27,
    )  # fmt: skip
    # a span of years is due at its end
    assert rows[6] == (
        "I.7", "Sửa đổi, bổ sung Luật Giáo dục quốc phòng và an ninh", "Bộ Quốc phòng", "Bộ, ngành, địa phương",
        "2025-2030", "year", date(2030, 12, 31), 62,
    )  # fmt: skip
    assert rows[9][0:3] == ("II.3", rows[9][1], "Bộ Tài chính")
    assert rows[9][1].startswith("Nghị định sửa đổi, bổ sung Nghị định số 60/2021/NĐ-CP")
    assert rows[9][4:] == ("11/2025", "month", date(2025, 11, 30), 90)
    # a deadline that names no date keeps its words and is said, never guessed
    assert rows[10][4:] == (
        "Theo lộ trình sửa các Luật: Tổ chức Chính phủ, Tổ chức chính quyền địa phương, Cán bộ, công chức, viên chức",
        "unread", None, 97,
    )  # fmt: skip
    assert len(findings) == 1
    assert_message(
        findings[0],
        "TASK_DEADLINE_UNREAD",
        "Nhiệm vụ II.4: hạn “Theo lộ trình sửa các Luật: Tổ chức Chính phủ, Tổ chức chính quyền địa phương, "
        "Cán bộ, công chức, viên chức” không chỉ ra một ngày; hãy ghi hạn vào sổ theo dõi.",
        en="Task II.4: the deadline “Theo lộ trình sửa các Luật: Tổ chức Chính phủ, Tổ chức chính quyền địa "
        "phương, Cán bộ, công chức, viên chức” names no date; write the deadline in the register.",
    )


def test_a_pipe_table_of_tasks_with_products_and_quarters(tmp_path: Path) -> None:
    plan = write_plan(
        tmp_path,
        "PHỤ LỤC: NHIỆM VỤ\n"
        "| STT | Nội dung nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành | Sản phẩm |\n"
        "|---|---|---|---|---|---|\n"
        "| 1 | Rà soát mạng lưới trường học | Sở GDĐT | Sở Tài chính | Quý II/2025 | Báo cáo |\n"
        "| 2 | Tập huấn giáo viên cốt cán | Sở GDĐT | | Hằng năm | Kế hoạch |\n"
        "| 3 | Xây dựng đề án trường chuẩn | Sở GDĐT | UBND cấp huyện | Năm 2026 | Đề án |\n",
    )
    found, findings = tasks_of(read_document(plan).lines)
    assert [(t.number, t.text, t.lead, t.partners, t.deadline.kind, t.deadline.due, t.product, t.source.line)
            for t in found] == [
        ("1", "Rà soát mạng lưới trường học", "Sở GDĐT", "Sở Tài chính", Due.QUARTER, date(2025, 6, 30), "Báo cáo", 4),
        ("2", "Tập huấn giáo viên cốt cán", "Sở GDĐT", "", Due.RECURRING, None, "Kế hoạch", 5),
        ("3", "Xây dựng đề án trường chuẩn", "Sở GDĐT", "UBND cấp huyện", Due.YEAR, date(2026, 12, 31), "Đề án", 6),
    ]  # fmt: skip
    assert findings == []


def test_a_budget_table_is_no_task_table(tmp_path: Path) -> None:
    plan = write_plan(
        tmp_path,
        "| STT | Nội dung | Số lượng | Đơn giá | Thành tiền |\n|---|---|---|---|---|\n"
        "| 1 | Tập huấn | 2 | 1.000 | 2.000 |\n",
    )
    found, findings = tasks_of(read_document(plan).lines)
    assert found == []
    assert len(findings) == 1
    assert_message(
        findings[0],
        "TASK_NONE_FOUND",
        "Không tìm thấy nhiệm vụ nào (bảng STT | Nội dung | Cơ quan chủ trì | Thời gian, hoặc dòng “Thời gian thực "
        "hiện: …”).",
        en="No task found (a table STT | Nội dung | Cơ quan chủ trì | Thời gian, or a line “Thời gian thực hiện: …”).",
    )


# --- prose ----------------------------------------------------------------------------------


def test_the_time_lines_of_ha_dong_give_each_heading_its_agencies_and_deadline() -> None:
    rows, findings = tasks_in(HA_DONG)
    assert rows == [
        ("1.2.2.2 a)", "Hội nghị cán bộ chủ chốt cấp quận", "Mời Ban Tuyên giáo Quận ủy",
         "Văn phòng HĐND & UBND quận", "Tháng 01/2021", "month", date(2021, 1, 31), 4),
        ("1.2.2.2 b)", "Hội nghị cán bộ chủ chốt cấp phường", "Đảng ủy phường", "", "Tháng 01/2021", "month",
         date(2021, 1, 31), 21),
        ("1.2.2.2 c)", "Hội nghị cấp trường", "Hiệu trưởng", "", "Trong tháng 01/2021", "month", date(2021, 1, 31), 39),
        ("1.2.2.2 d)", "Hội nghị cha mẹ học sinh", "", "", "Hoàn thành trong tháng 01/2021", "month",
         date(2021, 1, 31), 53),
        ("1.2.2.2 e)", "Hội nghị tổ dân phố", "Ban chi ủy, Tổ trưởng tổ dân phố", "", "Tháng 01/2021", "month",
         date(2021, 1, 31), 59),
        ("1.2.2.3", "Tổ chức tuyên truyền qua các phương tiện thông tin đại chúng",
         "Phòng Văn hóa & Thông tin, Trung tâm văn hóa thông tin và thể thao quận",
         "Phòng Giáo dục và Đào tạo, Trung tâm GDNN - GDTX và các phòng ban, đơn vị có liên quan",
         "Từ tháng 01/2020 và trong quá trình thực hiện Đề án", "recurring", None, 75),
        ("2.2", "Phát triển và nâng cao chất lượng đội ngũ cán bộ quản lý các trường", "Phòng Giáo dục và Đào tạo",
         "Phòng Nội vụ", "Từ tháng 12/2020 đến 12/2025", "month", date(2025, 12, 31), 84),
        ("2.2.3", "Hướng dẫn thực hiện quy định về việc “tù chức”", "Phòng Nội vụ",
         "Phòng Giáo dục và Đào tạo, Ban Tổ chức Quận ủy", "Trong suốt quá trình thực hiện Đề án", "recurring", None,
         109),
        ("2.3", "Phát triển và nâng cao chất lượng đội ngũ giáo viên, nhân viên", "Phòng Giáo dục và Đào tạo",
         "Phòng Nội vụ", "Từ tháng 01/2020 đến 12/2025", "month", date(2025, 12, 31), 117),
        ("5.2", "Đầu tư cơ sở vật chất, trang thiết bị trường học", "Ban quản lý Dự án đầu tư & xây dựng quận",
         "Phòng Giáo dục và Đào tạo, phòng Quản lý đô thị, phòng Tài chính - Kế hoạch, phòng Tài nguyên và Môi "
         "trường, Trung tâm GDNN-GDTX, UBND các phường và các trường mầm non, tiểu học, THCS",
         "Từ năm 2020 đến năm 2025", "year", date(2025, 12, 31), 125),
    ]  # fmt: skip
    assert findings == []


def test_one_sentence_states_the_task_its_agencies_and_its_deadline(tmp_path: Path) -> None:
    plan = write_plan(
        tmp_path,
        "III. NHIỆM VỤ\n"
        "- Sở Giáo dục và Đào tạo chủ trì, phối hợp với Sở Tài chính xây dựng Đề án trường chuẩn; "
        "thời gian thực hiện: Quý II/2025.\n"
        "- Sở Nội vụ chủ trì rà soát biên chế giáo viên, hoàn thành trước ngày 30/6/2025.\n"
        "- Các trường tổ chức ngày hội đọc sách; thời gian thực hiện: hằng năm.\n"
        "- Kiểm tra công tác tuyển sinh; thời hạn: thường xuyên.\n"
        "- Phòng GDĐT báo cáo kết quả; thời gian hoàn thành: năm 2026\n"
        "- Đảm bảo tiến độ thời gian.\n",
    )
    found, findings = tasks_of(read_document(plan).lines)
    assert [(t.text, t.lead, t.partners, t.deadline.kind, t.deadline.due, t.source.line, t.source.col)
            for t in found] == [
        ("Sở Giáo dục và Đào tạo chủ trì, phối hợp với Sở Tài chính xây dựng Đề án trường chuẩn",
         "Sở Giáo dục và Đào tạo", "Sở Tài chính", Due.QUARTER, date(2025, 6, 30), 2, 3),
        ("Sở Nội vụ chủ trì rà soát biên chế giáo viên", "Sở Nội vụ", "", Due.DATE, date(2025, 6, 30), 3, 3),
        ("Các trường tổ chức ngày hội đọc sách", "", "", Due.RECURRING, None, 4, 3),
        ("Kiểm tra công tác tuyển sinh", "", "", Due.RECURRING, None, 5, 3),
        ("Phòng GDĐT báo cáo kết quả", "", "", Due.YEAR, date(2026, 12, 31), 6, 3),
    ]  # fmt: skip
    assert findings == []


@pytest.mark.parametrize(
    ("text", "kind", "due"),
    [
        ("30/6/2025", Due.DATE, date(2025, 6, 30)),
        ("trước ngày 30/6/2025", Due.DATE, date(2025, 6, 30)),
        ("ngày 15 tháng 3 năm 2026", Due.DATE, date(2026, 3, 15)),
        ("5/2025", Due.MONTH, date(2025, 5, 31)),
        ("Tháng 02/2024", Due.MONTH, date(2024, 2, 29)),
        ("tháng 11 năm 2025", Due.MONTH, date(2025, 11, 30)),
        ("Quý II/2025", Due.QUARTER, date(2025, 6, 30)),
        ("quý 4 năm 2025", Due.QUARTER, date(2025, 12, 31)),
        ("Quý I/2026", Due.QUARTER, date(2026, 3, 31)),
        ("năm 2026", Due.YEAR, date(2026, 12, 31)),
        ("2027", Due.YEAR, date(2027, 12, 31)),
        ("Từ năm 2020 đến năm 2025", Due.YEAR, date(2025, 12, 31)),
        ("Thực hiện từ tháng 01/2021 đến tháng 12/2025.", Due.MONTH, date(2025, 12, 31)),
        ("2025 - 2030", Due.YEAR, date(2030, 12, 31)),
        ("Thường xuyên", Due.RECURRING, None),
        ("hằng năm", Due.RECURRING, None),
        ("Hàng năm", Due.RECURRING, None),
        ("Trong suốt quá trình thực hiện Đề án", Due.RECURRING, None),
        # not read whole: kept as words, no date guessed
        ("Theo lộ trình sửa các Luật", Due.UNREAD, None),
        ("31/2/2025", Due.UNREAD, None),
        ("tháng 13/2025", Due.UNREAD, None),
        ("Từ năm 2026 đến năm 2025", Due.UNREAD, None),
        ("Quý II/2025 hoặc sớm hơn", Due.UNREAD, None),
        ("", Due.UNREAD, None),
    ],
)
def test_each_form_of_deadline(text: str, kind: Due, due: date | None) -> None:
    d = read_deadline(text)
    assert (d.text, d.kind, d.due) == (text, kind, due)


# --- the register -----------------------------------------------------------------------------


def _fill(path: Path, values: dict[str, object]) -> None:
    """The officer's work: cells of sheet ``Nhiệm vụ`` set by address."""
    wb = openpyxl.load_workbook(path)
    ws = wb["Nhiệm vụ"]
    for cell, value in values.items():
        ws[cell] = value
    wb.save(path)


def test_the_register_as_written(tmp_path: Path) -> None:
    out = tmp_path / "so-nhiem-vu.xlsx"
    ran = run("tasks", str(ANNEX), "--xlsx", str(out))
    assert ran.returncode == 1  # one deadline not read
    assert ran.stdout.splitlines()[0] == (
        f"{ANNEX}:20:2: [I.1] Xây dựng Luật Nhà giáo — chủ trì: Bộ Giáo dục và Đào tạo; phối hợp: Bộ, ngành, địa "
        "phương; hạn 31/05/2025 (5/2025)"
    )
    assert ran.stdout.splitlines()[-1] == "11 nhiệm vụ: 10 có hạn, 0 thường xuyên, 1 chưa rõ hạn."
    wb = openpyxl.load_workbook(out)
    ws = wb["Nhiệm vụ"]
    assert [c.value for c in ws[3]] == [
        "STT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời hạn theo kế hoạch", "Hạn hoàn thành",
        "Nguồn", "Trạng thái", "Ngày hoàn thành", "Ghi chú",
    ]  # fmt: skip
    assert [c.value for c in ws[4]] == [
        "I.1", "Xây dựng Luật Nhà giáo", "Bộ Giáo dục và Đào tạo", "Bộ, ngành, địa phương", "5/2025",
        datetime(2025, 5, 31), "dòng 20", "Chưa thực hiện", None, None,
    ]  # fmt: skip
    assert ws["F4"].number_format == "dd/mm/yyyy"
    assert ws["F14"].value is None and ws["E14"].value.startswith("Theo lộ trình")
    # printed: A4 landscape, fitted to the width, the header on every page; frozen on screen
    assert (ws.page_setup.orientation, ws.page_setup.paperSize) == ("landscape", 9)
    # one page wide (fitToWidth left out: OOXML's default, 1), as many pages down as needed
    assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight, ws.sheet_properties.pageSetUpPr.fitToPage) == (
        None, 0, True,
    )  # fmt: skip
    assert ws.print_title_rows == "$3:$3"
    assert ws.freeze_panes == "A4"
    # rows as tall as their wrapped text (13,5 points a line, 3 more): I.1's agency takes two lines
    # of its column, I.3's name of 140 characters four of the task column
    assert ws.row_dimensions[4].height == 30
    assert ws.row_dimensions[6].height == 57
    (status, done) = sorted(ws.data_validations.dataValidation, key=lambda v: str(v.sqref))
    assert (status.type, status.formula1, str(status.sqref)) == ("list", '"Chưa thực hiện,Đang thực hiện,Hoàn thành"',
                                                                 "H4:H14")  # fmt: skip
    assert (done.type, str(done.sqref)) == ("date", "I4:I14")


def test_the_filled_register_read_back_at_a_month(tmp_path: Path) -> None:
    out = tmp_path / "so-nhiem-vu.xlsx"
    assert run("tasks", str(ANNEX), "--xlsx", str(out)).returncode == 1
    _fill(
        out,
        {
            "H4": "Hoàn thành", "I4": datetime(2025, 5, 20),  # I.1 due 31/05/2025: done
            "H5": "Đang thực hiện",  # I.2 due 31/10/2025: overdue at 11/2025
            "H6": "Hoàn thành",  # I.3 due 31/10/2025: done
            "H11": "Đang thực hiện",  # II.1 due 31/12/2025: not yet due
            "H13": "Chưa thực hiện",  # II.3 due 30/11/2025: due this month
        },
    )  # fmt: skip
    ran = run("tasks", str(out), "--as-of", "2025-11", "--format", "json")
    assert ran.returncode == 1
    doc = json.loads(ran.stdout)
    overdue = [f for f in doc["findings"] if f["code"] == "TASK_OVERDUE"]
    assert [(f["cell"], f["severity"]) for f in overdue] == [
        ("Nhiệm vụ!H5", "error"), ("Nhiệm vụ!H7", "error"), ("Nhiệm vụ!H8", "error"),
    ]  # fmt: skip
    assert_message(
        overdue[0],
        "TASK_OVERDUE",
        "Nhiệm vụ I.2 “Sửa đổi, bổ sung Luật viên chức” quá hạn: hạn 31/10/2025, tính đến 11/2025 trạng thái là "
        "“Đang thực hiện”.",
    )
    assert doc["summary"] == {
        "total": 11, "done": 2, "due": 1, "overdue": 3, "upcoming": 4, "recurring": 0, "undated": 1, "open": 9,
    }  # fmt: skip
    assert doc["as_of"] == "2025-11-01"
    text = run("tasks", str(out), "--as-of", "2025-11")
    assert text.stdout.splitlines()[-1] == (
        "Sổ nhiệm vụ tính đến 11/2025: 11 nhiệm vụ; 2 hoàn thành, 1 đến hạn trong tháng, 3 quá hạn, 4 chưa đến hạn, "
        "0 thường xuyên, 1 chưa rõ hạn."
    )
    assert text.stdout.splitlines()[0] == (
        f"{out}:Nhiệm vụ!H5: lỗi [TASK_OVERDUE] Nhiệm vụ I.2 “Sửa đổi, bổ sung Luật viên chức” quá hạn: hạn "
        "31/10/2025, tính đến 11/2025 trạng thái là “Đang thực hiện”."
    )
    # a day instead of a month: II.3, due 30/11/2025, is overdue on 1/12/2025 but not on 30/11/2025
    entries, bad = read_register(out)
    assert review(entries, bad, as_of("2025-11-30")).summary["overdue"] == 3
    assert review(entries, bad, as_of("2025-12-01")).summary["overdue"] == 4
    # nothing overdue before May 2025: exit 0
    early = run("tasks", str(out), "--as-of", "2025-05")
    assert early.returncode == 0, early.stdout
    assert early.stdout == (
        "Sổ nhiệm vụ tính đến 05/2025: 11 nhiệm vụ; 2 hoàn thành, 0 đến hạn trong tháng, 0 quá hạn, 8 chưa đến hạn, "
        "0 thường xuyên, 1 chưa rõ hạn.\n"
    )
    # without a date: done and open only
    assert run("tasks", str(out)).stdout == (
        "Sổ nhiệm vụ: 11 nhiệm vụ; 2 hoàn thành, 9 chưa hoàn thành (0 thường xuyên, 1 chưa rõ hạn). Thêm --as-of "
        "để biết nhiệm vụ quá hạn.\n"
    )


def test_cells_that_cannot_be_read_are_findings_at_their_cell(tmp_path: Path) -> None:
    out = tmp_path / "so.xlsx"
    assert run("tasks", str(HA_DONG), "--xlsx", str(out)).returncode == 0
    _fill(out, {"I4": "sắp xong", "H5": "Xong", "F6": "cuối năm", "H6": "Hoàn thành", "I7": "15/01/2021"})
    entries, bad = read_register(out, "so.xlsx")
    assert [(f.code, f.source.cell) for f in bad] == [
        ("TASK_BAD_DATE", "Nhiệm vụ!I4"), ("TASK_BAD_STATUS", "Nhiệm vụ!H5"), ("TASK_BAD_DATE", "Nhiệm vụ!F6"),
    ]  # fmt: skip
    assert_message(
        bad[0],
        "TASK_BAD_DATE",
        "Ô I4 ghi “sắp xong”, không phải là một ngày (ngày/tháng/năm).",
        en="Cell I4 says “sắp xong”, which is not a date (day/month/year).",
    )
    assert_message(
        bad[1],
        "TASK_BAD_STATUS",
        "Trạng thái “Xong” không hợp lệ; dùng: Chưa thực hiện, Đang thực hiện, Hoàn thành.",
        en="Status “Xong” is not valid; use: Chưa thực hiện, Đang thực hiện, Hoàn thành.",
    )
    assert entries[3].done_on == date(2021, 1, 15)  # a date typed as text is a date
    done = review(entries, bad, as_of("2021-02"))
    # the three tasks with a bad cell are not judged; d) and e), due in January 2021, are overdue; 2.2, 2.3 and
    # 5.2 (2025) are not yet due; 1.2.2.3 and 2.2.3 are recurring
    assert done.summary == {
        "total": 10, "done": 0, "due": 0, "overdue": 2, "upcoming": 3, "recurring": 2, "undated": 0, "open": 7,
    }  # fmt: skip
    ran = run("tasks", str(out), "--as-of", "2021-02")
    assert ran.returncode == 1
    assert "Traceback" not in ran.stderr


def test_what_the_command_refuses(tmp_path: Path) -> None:
    out = tmp_path / "so.xlsx"
    assert run("tasks", str(ANNEX), "--xlsx", str(out)).returncode == 1
    before = out.read_bytes()
    again = run("tasks", str(ANNEX), "--xlsx", str(out))
    assert again.returncode == 2
    assert "[OUTPUT_EXISTS]" in again.stderr
    assert out.read_bytes() == before
    assert run("tasks", str(ANNEX), "--xlsx", str(out), "--force").returncode == 1
    bad = run("tasks", str(out), "--as-of", "2025-13")
    assert bad.returncode == 2
    assert "--as-of “2025-13” không phải là tháng (YYYY-MM) hay ngày (YYYY-MM-DD)." in bad.stderr
    assert run("tasks", str(ANNEX), "--as-of", "2025-11").returncode == 2
    assert run("tasks", str(out), "--xlsx", str(tmp_path / "x.xlsx")).returncode == 2
    other = tmp_path / "khac.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "Dữ liệu"
    wb.save(other)
    refused = run("tasks", str(other))
    assert refused.returncode == 2
    assert_message(
        refused.stderr,
        "TASK_REGISTER_NO_HEADER",
        "Không có sheet “Nhiệm vụ” với các cột Nhiệm vụ, Hạn hoàn thành và Trạng thái; hãy dùng sổ do lệnh "
        "indicators tasks --xlsx tạo ra.",
    )


def test_the_register_printed_by_libreoffice_reads_at_a4_landscape(tmp_path: Path) -> None:
    """LibreOffice opens the register and prints it: A4 landscape, the header on every page."""
    if shutil.which("pdftotext") is None and not IN_CI:
        pytest.skip("pdftotext not installed")
    out = tmp_path / "so-nhiem-vu.xlsx"
    plan = tmp_path / "ke-hoach.txt"
    text = ANNEX.read_text(encoding="utf-8")
    plan.write_text(text, encoding="utf-8")
    assert run("tasks", str(plan), "--xlsx", str(out)).returncode == 1
    # more rows than a page holds: the same eleven tasks four times over (the plan's annex as pasted)
    wb = openpyxl.load_workbook(out)
    ws = wb["Nhiệm vụ"]
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=4, max_row=14)]
    for copy in range(1, 4):
        for k, row in enumerate(rows):
            for col, value in enumerate(row, 1):
                ws.cell(row=4 + 11 * copy + k, column=col, value=value)
            ws.row_dimensions[4 + 11 * copy + k].height = ws.row_dimensions[4 + k].height
    wb.save(out)
    (pdf,) = convert(out, tmp_path, "pdf")
    pages = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    size = next(line for line in pages.splitlines() if line.startswith("Page size"))
    width, height = (float(x) for x in size.split(":")[1].split("pts")[0].split(" x "))
    assert (round(width), round(height)) == (842, 595)  # A4 landscape
    count = int(next(line for line in pages.splitlines() if line.startswith("Pages")).split(":")[1])
    assert count >= 2
    for page in range(1, count + 1):
        printed = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", "-layout", "-f", str(page), "-l", str(page), str(pdf), "-"],
            capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
        for header in ("STT", "Nhiệm vụ", "Cơ quan chủ trì", "Trạng thái", "Ghi chú"):
            assert header in printed, (page, header)
    first = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-f", "1", "-l", "1", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "SỔ THEO DÕI THỰC HIỆN NHIỆM VỤ" in first
    assert "Xây dựng Luật Nhà giáo" in first
    assert "31/05/2025" in first
