"""The verdict from a complete reading: ``KHỚP`` and exit 0 only when at least one relation
was judged, every amount found was used by one, nothing went unread and nothing is wrong; a
figure with no computation of its own is shown as stated (``·``), never as checked."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from budget import check_file, layout
from budget.findings import Finding, Severity, sort_key
from budget.source import Source
from plancheck import batch, batch_view
from plancheck.batch_view import Overall
from plancheck.batch_view import Status as DocStatus
from plancheck.cli import main
from plancheck.projection import EXIT_CODE, Status, VerdictKind, project
from plancheck.report import render_html
from plancheck.workbook import save_workbook, with_workbook_findings
from plancheck.write_json import report_to_dict
from tests.helpers import HA_DONG, assert_message, check_text

LONE_TOTAL = "KẾ HOẠCH TỔ CHỨC HỘI THI\nTổng kinh phí: 2.400.000 đồng\n"
PARTS_AND_TOTAL = "KẾ HOẠCH HỘI THAO\nI. Chi giải thưởng: 100 triệu đồng\nII. Chi tổ chức: 200 triệu đồng\n"


def write(tmp_path: Path, text: str, name: str = "plan.txt") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_exit_code_comes_from_the_verdict_kind() -> None:
    assert EXIT_CODE == {
        VerdictKind.OK: 0,
        VerdictKind.ERRORS: 1,
        VerdictKind.INCOMPLETE: 1,
        VerdictKind.NO_BUDGET: 1,
    }
    assert batch_view.EXIT_CODE == {
        DocStatus.OK: 0,
        DocStatus.NO_BUDGET: 1,
        DocStatus.INCOMPLETE: 1,
        DocStatus.ERRORS: 1,
        DocStatus.UNREADABLE: 2,
        DocStatus.BUG: 3,
    }


def test_lone_total_is_stated_not_checked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, LONE_TOTAL)
    p = project(check_file(path))
    assert p.total.status is Status.STATED
    assert (p.summary.amounts_found, p.summary.amounts_checked) == (1, 0)
    assert p.verdict.kind is VerdictKind.INCOMPLETE
    assert p.verdict.text == (
        "CHƯA KIỂM TRA HẾT: 1 số tiền chưa được kiểm tra. Không có phép nhân, tổng hay số tiền bằng chữ nào "
        "để đối chiếu (1 cảnh báo), nên chưa thể kết luận là khớp."
    )
    [f] = [sf.finding for sf in p.findings]
    assert (f.code, f.source.line, f.source.col, f.actual, f.message_key) == (
        "UNCHECKED_AMOUNT", 2, 16, 2400000, "UNCHECKED_AMOUNT.stated_only"
    )  # fmt: skip
    assert_message(
        f,
        "UNCHECKED_AMOUNT",
        "Số tiền 2.400.000 đồng chỉ được ghi: không có phép tính, tổng hay số tiền bằng chữ nào để đối chiếu; "
        "số này chưa được kiểm tra.",
    )
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out
    assert "Tổng kinh phí                                               2.400.000            —  ·  đồng\n" in out
    assert "✓" not in out
    assert main(["check", str(path), "--format", "json"]) == 1
    doc = json.loads(capsys.readouterr().out)
    assert (doc["total"]["status"], doc["total"]["ok"], doc["verdict"]["kind"]) == ("stated", None, "incomplete")
    assert (doc["summary"]["amounts_found"], doc["summary"]["amounts_checked"]) == (1, 0)
    assert main(["check", str(path), "--lang", "en"]) == 1
    assert capsys.readouterr().out.splitlines()[-1] == (
        "NOT FULLY CHECKED: 1 amount not checked. There is no product, sum or amount in words to compare "
        "(1 warning), so it cannot be said to match."
    )


ONE_WRONG = (
    "KẾ HOẠCH TỔ CHỨC HỘI THI\nI. Chi giải thưởng\n"
    "- Giải nhất: 2 giải x 100.000 đồng/giải = 300.000 đồng\nTổng kinh phí: 300.000 đồng\n"
)
TWO_WRONG = (
    "KẾ HOẠCH TỔ CHỨC HỘI THI\nI. Chi giải thưởng\n"
    "- Giải nhất: 2 giải x 100.000 đồng/giải = 300.000 đồng\n"
    "- Giải nhì: 2 giải x 50.000 đồng/giải = 120.000 đồng\nTổng kinh phí: 420.000 đồng\n"
)


@pytest.mark.parametrize(
    ("text", "summary", "verdict"),
    [
        (
            ONE_WRONG,
            "Summary: 1 cost line, 0 sections, 2 amounts found (2 checked), grand total stated 300,000 đồng.",
            "RESULT: 1 error. See each error at its place.",
        ),
        (
            TWO_WRONG,
            "Summary: 2 cost lines, 0 sections, 3 amounts found (3 checked), grand total stated 420,000 đồng.",
            "RESULT: 2 errors. See each error at its place.",
        ),
    ],
)
def test_english_counts_one_error_and_two_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, summary: str, verdict: str
) -> None:
    assert main(["check", str(write(tmp_path, text)), "--lang", "en"]) == 1
    assert capsys.readouterr().out.splitlines()[-2:] == [summary, verdict]
    assert main(["check", str(write(tmp_path, text))]) == 1  # Vietnamese has no plural: 1 lỗi, 2 lỗi
    errors = 1 if text == ONE_WRONG else 2
    assert capsys.readouterr().out.splitlines()[-1].startswith(f"KẾT QUẢ: {errors} lỗi. ")


def test_lone_total_in_the_workbook_and_the_report(tmp_path: Path) -> None:
    report = check_file(write(tmp_path, LONE_TOTAL))
    p = project(report)
    html = render_html(p)
    assert 'data-key="total" data-status="stated"' in html
    assert '<td class="status">Chỉ ghi, không tính' in html
    book, table = with_workbook_findings(report)
    out = tmp_path / "plan.xlsx"
    save_workbook(book, table, out, projection=project(book, table=table))
    ws = openpyxl.load_workbook(out, data_only=True)[layout.SUMMARY]
    statuses = [ws.cell(r, 7).value for r in range(1, ws.max_row + 1) if ws.cell(r, 2).value == layout.TOTAL_LABEL]
    assert statuses == ["Chỉ ghi, không tính"]
    assert ws["A4"].value.startswith("CHƯA KIỂM TRA HẾT: 1 số tiền chưa được kiểm tra\n")


def test_a_total_spelt_in_words_is_checked_by_them(tmp_path: Path) -> None:
    text = "KẾ HOẠCH\nTổng kinh phí: 2.400.000 đồng (Bằng chữ: Hai triệu bốn trăm nghìn đồng)\n"
    p = project(check_file(write(tmp_path, text)))
    assert p.total.status is Status.STATED  # still no computation of its own
    assert [(s.kind, s.ok) for s in p.sums] == [("words", True)]
    assert p.verdict.kind is VerdictKind.OK
    assert (p.summary.amounts_found, p.summary.amounts_checked) == (1, 1)


def test_parts_without_computation_used_by_the_total(tmp_path: Path) -> None:
    p = project(check_file(write(tmp_path, PARTS_AND_TOTAL + "Tổng cộng: 300 triệu đồng\n")))
    assert [(r.kind, r.status) for r in p.rows] == [
        ("total", Status.OK),
        ("section", Status.STATED),
        ("section", Status.STATED),
    ]
    assert p.verdict.kind is VerdictKind.OK  # each part's figure is used by the total's sum
    assert (p.summary.amounts_found, p.summary.amounts_checked) == (3, 3)


def test_parts_with_nothing_to_compare_are_incomplete(tmp_path: Path) -> None:
    p = project(check_file(write(tmp_path, PARTS_AND_TOTAL)))
    assert p.verdict.kind is VerdictKind.INCOMPLETE
    assert p.verdict.headline == "CHƯA KIỂM TRA HẾT: 2 số tiền chưa được kiểm tra"
    assert [(sf.code, sf.finding.source.line) for sf in p.findings if sf.unread] == [
        ("UNCHECKED_AMOUNT", 2),
        ("UNCHECKED_AMOUNT", 3),
    ]
    assert (p.summary.amounts_found, p.summary.amounts_checked) == (2, 0)


def test_a_share_and_its_base_are_checked(tmp_path: Path) -> None:
    text = "KẾ HOẠCH\n1. Chi mua sắm: 100 triệu đồng\n2. Dự phòng (5%): 5 triệu đồng\n"
    p = project(check_file(write(tmp_path, text)))
    assert p.verdict.kind is VerdictKind.OK
    wrong = project(check_file(write(tmp_path, text.replace("5 triệu", "6 triệu"), "sai.txt")))
    assert [sf.code for sf in wrong.findings if sf.severity == "error"] == ["SHARE_MISMATCH"]


def test_unreadable_numbers_count_as_unread() -> None:
    report = check_file(HA_DONG)
    assert project(report).verdict.kind is VerdictKind.OK
    bad = Finding(Source(str(HA_DONG), 19, 3, None, "x"), "NUMBER_MALFORMED", Severity.WARNING, {"text": "1.2.3,4"})
    p = project(replace(report, findings=tuple(sorted([*report.findings, bad], key=sort_key))))
    assert p.verdict.headline == "CHƯA KIỂM TRA HẾT: 1 số không đọc được chưa được kiểm tra"
    assert p.verdict.exit_code == 1


def test_ha_dong_stays_khop() -> None:
    p = project(check_file(HA_DONG))
    assert (p.verdict.kind, p.verdict.exit_code) == (VerdictKind.OK, 0)
    assert p.summary.amounts_found == p.summary.amounts_checked == 24
    assert Status.STATED not in {r.status for r in p.rows}


def test_batch_counts_only_complete_readings_as_khop(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "dutoan"
    folder.mkdir()
    write(folder, HA_DONG.read_text(encoding="utf-8"), "a-khop.txt")
    write(folder, LONE_TOTAL, "b-mot-dong.txt")
    assert main(["check", str(folder), "--format", "json", "--jobs", "1", "--quiet"]) == 1
    data = json.loads(capsys.readouterr().out)
    rows = [(d["summary"]["status"], d["summary"]["verdict"]) for d in data["documents"]]
    assert rows == [("ok", "khớp"), ("incomplete", "chưa kiểm tra hết")]
    assert data["documents"][1]["report"]["verdict"]["kind"] == "incomplete"
    assert data["summary"]["by_status"]["incomplete"] == 1
    assert data["summary"]["exit_code"] == 1
    assert main(["check", str(folder), "--jobs", "1", "--quiet"]) == 1
    assert (
        capsys.readouterr().out.splitlines()[-1].startswith("Kết quả chung: 2 văn bản (1 khớp, 1 chưa kiểm tra hết); ")
    )


def test_batch_sheet_rows_carry_the_projection_status(tmp_path: Path) -> None:
    path = write(tmp_path, LONE_TOTAL)
    outcome = batch.check_one(batch.Task(1, str(path), False, "text", True, "en"))
    assert outcome.summary.status is DocStatus.INCOMPLETE
    assert outcome.sheet is not None
    assert [(r.kind, r.status, r.status_word) for r in outcome.sheet.rows] == [
        ("total", Status.STATED, "Stated, not computed")
    ]  # the run's language: an English run's sheets are English too
    assert outcome.text is not None and "NOT FULLY CHECKED" in outcome.text  # the document's own report: English


def test_overall_kind() -> None:
    def kind(*statuses: DocStatus) -> str:
        rows = [batch_view.DocSummary(i, "x", s) for i, s in enumerate(statuses, 1)]
        total: Overall = batch_view.overall(rows, 0)
        return total.kind

    assert kind(DocStatus.OK, DocStatus.OK) == "ok"
    assert kind(DocStatus.OK, DocStatus.INCOMPLETE) == "incomplete"
    assert kind(DocStatus.OK, DocStatus.NO_BUDGET) == "incomplete"
    assert kind(DocStatus.INCOMPLETE, DocStatus.ERRORS) == "errors"
    assert kind(DocStatus.ERRORS, DocStatus.UNREADABLE) == "incomplete"


# ------------------------------------------------------------------ every shape: KHỚP means all read

_LINE = st.tuples(st.integers(1, 40), st.integers(1, 900), st.booleans())  # quantity, price (nghìn), right?
_EXTRA = st.sampled_from(["none", "lone_amount", "stated_section", "unreadable"])


def _plan(lines: list[tuple[int, int, bool]], total: str, extra: str) -> str:
    out = ["KẾ HOẠCH THỰC HIỆN NHIỆM VỤ"]
    amount = 0
    for i, (qty, price, right) in enumerate(lines, 1):
        result = qty * price * 1000 + (0 if right else 1000)
        amount += result
        out.append(f"{i}. Khoản chi {i}: {qty} người x {price}.000 đồng/người = {result:,} đồng".replace(",", "."))
    if extra == "lone_amount":
        out.append("Ghi chú: đã tạm ứng 3.000.000 đồng")
    elif extra == "stated_section":
        out.append(f"{len(lines) + 1}. Chi khác: 2.000.000 đồng")
        amount += 2_000_000
    elif extra == "unreadable":
        out.append(f"{len(lines) + 1}. Khoản chi khác: 5 người x (theo định mức) = 700.000 đồng")
    if total == "right":
        out.append(f"Tổng cộng: {amount:,} đồng".replace(",", "."))
    elif total == "wrong":
        out.append(f"Tổng cộng: {amount + 1_000_000:,} đồng".replace(",", "."))
    return "\n".join(out) + "\n"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    lines=st.lists(_LINE, min_size=0, max_size=4),
    total=st.sampled_from(["right", "wrong", "none"]),
    extra=_EXTRA,
)
def test_khop_only_from_a_complete_reading(
    tmp_path: Path, lines: list[tuple[int, int, bool]], total: str, extra: str
) -> None:
    text = _plan(lines, total, extra)
    p = project(check_file(write(tmp_path, text)))
    relations = p.summary.lines + len(p.sums)
    if p.verdict.kind is VerdictKind.OK:
        assert p.verdict.exit_code == 0
        assert relations >= 1, text
        assert p.summary.amounts_found == p.summary.amounts_checked, text
        assert not any(sf.unread for sf in p.findings), text
        assert p.summary.errors == 0, text
        assert all(r.status is not Status.ERROR for r in p.rows), text
    else:
        assert p.verdict.exit_code == 1, text
    # shapes that can never be read in full, or are wrong, never give KHỚP
    if extra in ("lone_amount", "unreadable") or total == "wrong" or not all(right for *_, right in lines):
        assert p.verdict.kind is not VerdictKind.OK, text
    if not lines and total == "none" and extra == "stated_section":
        assert p.verdict.kind is VerdictKind.INCOMPLETE, text  # a figure alone: nothing computes it
    # a figure with no computation of its own is never shown as checked
    for r in p.rows:
        if r.kind != "line" and r.stated is not None and r.summed is None and r.status is Status.OK:
            pytest.fail(f"{r.key} shown as checked with nothing computed:\n{text}")
    doc = report_to_dict(check_file(write(tmp_path, text)), lang="vi")
    assert doc["verdict"]["kind"] == p.verdict.kind.value


def test_a_fee_notice_of_rates_alone_says_its_computations_agree(tmp_path: Path) -> None:
    """Amounts per pupil are no budget (no total, no section amount), but their computations are
    checked: the verdict says so, not that a table's counts add up."""
    text = (
        "THÔNG BÁO\nVề mức thu năm học 2025-2026\n"
        "1. Học phí: 150.000 đồng/học sinh/tháng x 9 tháng = 1.350.000 đồng/học sinh/năm học.\n"
        "2. Tiền ăn bán trú: 25.000 đồng/ngày x 22 ngày = 550.000 đồng/tháng.\n"
    )
    report = check_text(tmp_path, text)
    verdict = project(report).verdict
    assert (verdict.kind.value, verdict.headline, verdict.text) == (
        "ok",
        "KẾT QUẢ: KHỚP",
        "KẾT QUẢ: KHỚP. Văn bản không có dự toán kinh phí (tổng, mục); mọi phép tính văn bản ghi đều khớp.",
    )
    from plancheck.write_text import render_text

    assert render_text(project(report)).splitlines()[2] == (
        "Văn bản không có dự toán kinh phí (tổng kinh phí, mục có kinh phí); 2 phép tính của văn bản được kiểm tra."
    )
    assert render_text(project(report, lang="en")).splitlines()[2] == (
        "The document holds no budget (no grand total, no section amounts); 2 computations it writes are checked."
    )
