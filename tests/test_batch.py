"""``budget check`` over many documents: a folder of 30 generated estimates (plan texts,
workbooks, CSV; three with errors, one unreadable), checked in one run."""

from __future__ import annotations

import json
import os
import pickle
import signal
import subprocess
import sys
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from benchmarks.generate import Expected, make_folder, school_plan, write_docx
from budget.api import check_file, check_read
from budget.findings import InputError
from budget.read.document import Document
from budget.source import Source
from plancheck import batch
from plancheck.batch import Task, check_all, collect, read_manifest
from plancheck.batch_view import DocSummary, Status, overall, unreadable
from plancheck.cli import main
from plancheck.write_batch_xlsx import SUMMARY, TARGETS, sheet_name
from tests.helpers import HA_DONG, ROOT, Ran, run_in_process, run_process


def run(*args: str, stdin: str | None = None) -> Ran:
    return run_in_process(main, args, stdin=stdin)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, list[Expected]]]:
    path = tmp_path_factory.mktemp("dutoan")
    expected = make_folder(path, docs=30, lines=10, seed=3)
    (path / "ghi-chu.md").write_text("Danh sách đơn vị", encoding="utf-8")
    (path / "~$don-vi-02.xlsx").write_bytes(b"lock")
    yield path, expected


@pytest.fixture(scope="module")
def json_runs(folder: tuple[Path, list[Expected]]) -> dict[str, Ran]:
    path, _ = folder
    return {jobs: run("check", str(path), "--format", "json", "--jobs", jobs) for jobs in ("1", "2")}


def test_the_generated_folder(folder: tuple[Path, list[Expected]]) -> None:
    _, expected = folder
    kinds = [e.kind for e in expected]
    assert len(expected) == 30
    assert {k: kinds.count(k) for k in set(kinds)} == {"txt": 15, "xlsx": 7, "csv": 7, "garbage": 1}
    assert [e.name for e in expected if e.has_errors] == ["don-vi-05.txt", "don-vi-06.xlsx", "don-vi-08.csv"]


def test_summary_rows(folder: tuple[Path, list[Expected]], json_runs: dict[str, Ran]) -> None:
    path, expected = folder
    p = json_runs["2"]
    assert p.returncode == 2, p.stderr  # one document unreadable: the worst of all
    doc = json.loads(p.stdout)
    rows = [d["summary"] for d in doc["documents"]]
    assert [Path(r["file"]).name for r in rows] == [e.name for e in expected]
    assert [r["index"] for r in rows] == list(range(1, 31))
    for row, e in zip(rows, expected, strict=True):
        if not e.readable:
            assert (row["status"], row["verdict"], row["lines"]) == ("unreadable", "không đọc được", 0)
            assert row["reason"].startswith("[INPUT_BINARY] Tệp không phải văn bản")
            continue
        assert row["lines"] == e.lines, e
        assert (row["errors"] > 0) == e.has_errors, e
        assert row["status"] == ("errors" if e.has_errors else "ok")
        assert row["verdict"] == (f"{row['errors']} lỗi" if e.has_errors else "khớp")
        assert row["warnings"] == 0 and row["reason"] is None
        assert row["targets"] == (1 if e.kind == "txt" else 0), e  # the plan text's 100% of teachers
    errors = {Path(r["file"]).name: r["errors"] for r in rows if r["errors"]}
    assert errors == {"don-vi-05.txt": 2, "don-vi-06.xlsx": 2, "don-vi-08.csv": 1}  # product (+ its section)
    assert doc["skipped"] == [
        {"path": str(path / "ghi-chu.md"), "reason": "loại tệp “.md” không đọc được"},
        {"path": str(path / "~$don-vi-02.xlsx"), "reason": "tệp tạm hoặc tệp khoá của Excel"},
    ]
    s = doc["summary"]
    assert s["by_status"] == {
        "ok": 26,
        "no_budget": 0,
        "incomplete": 0,
        "errors": 3,
        "unreadable": 1,
        "internal_error": 0,
    }
    assert (s["documents"], s["lines"], s["errors"], s["exit_code"], s["skipped"], s["targets"]) == (
        30,
        sum(e.lines for e in expected),
        5,
        2,
        2,
        15,
    )
    assert "không đọc được: [INPUT_BINARY]" in p.stderr


def test_each_document_as_checked_alone(json_runs: dict[str, Ran]) -> None:
    """Every row says what checking that one document through the API says."""
    doc = json.loads(json_runs["1"].stdout)
    for d in doc["documents"]:
        row = d["summary"]
        try:
            report = check_file(row["file"])
        except InputError as e:
            assert row["reason"] == f"[{e.code}] {e.message}"
            continue
        assert row["errors"] == sum(1 for f in report.findings if f.is_error)
        assert row["lines"] == len(report.evaluation.lines())
        assert row["total_computed"] == str(report.evaluation.total.children_sum.normalize())  # type: ignore[union-attr]
        assert d["report"]["summary"]["lines"] == row["lines"]


def test_jobs_do_not_change_the_output(folder: tuple[Path, list[Expected]], json_runs: dict[str, Ran]) -> None:
    path, _ = folder
    assert json_runs["1"].stdout == json_runs["2"].stdout
    one, two = run("check", str(path), "-j", "1"), run("check", str(path), "-j", "2")
    assert (one.returncode, two.returncode) == (2, 2)
    assert one.stdout == two.stdout


def test_text_output(folder: tuple[Path, list[Expected]]) -> None:
    path, expected = folder
    p = run("check", str(path))
    assert p.returncode == 2
    out = p.stdout
    # each document's part is exactly what checking it alone prints
    alone = run("check", str(path / "don-vi-05.txt"))
    assert alone.returncode == 1
    assert alone.stdout in out
    assert f"Tệp: {path / 'don-vi-30.txt'}\nKhông đọc được: [INPUT_BINARY]" in out
    summary = out[out.index("Tổng hợp các đơn vị: 30 văn bản") :].splitlines()
    assert summary[1].split()[:3] == ["STT", "Tệp", "Số,"]
    row5 = summary[2 + 4].split()
    assert row5[0] == "5" and row5[1].endswith("don-vi-05.txt") and row5[-2:] == ["2", "lỗi"]
    assert summary[2 + 29].endswith("không đọc được")
    assert summary[-1] == (
        f"Kết quả chung: 30 văn bản (26 khớp, 3 có lỗi, 1 không đọc được); "
        f"{sum(e.lines for e in expected)} dòng chi phí, 5 lỗi, 0 cảnh báo."
    )
    assert "Bỏ qua 2 tệp không phải văn bản dự toán:" in out
    # the targets the documents set, under their documents, placed by line
    targets = summary[summary.index("Chỉ tiêu đặt ra trong các văn bản: 15 chỉ tiêu ở 15 văn bản") + 1 :]
    assert targets[:2] == [
        f"   1  {path / 'don-vi-01.txt'}:",
        "        dòng 11: [CT01] tối thiểu 100%, đến năm 2025 — Phấn đấu đến năm 2025 có 100% giáo viên đạt chuẩn"
        " theo Thông tư 32/2018/TT-BGDĐT ngày 26/12/2018 (trung bình: N% của một đối tượng, không có từ tối thiểu)",
    ]
    # C.tiêu, before the totals, the unit (triệu đồng) and the verdict (“2 lỗi”, “khớp”)
    assert (row5[-7], summary[2].split()[-6], summary[3].split()[-6]) == ("1", "1", "0")


def test_consolidated_workbook(folder: tuple[Path, list[Expected]], tmp_path: Path) -> None:
    path, expected = folder
    out = tmp_path / "tonghop.xlsx"
    p = run("check", str(path), "--xlsx", str(out), "-q")
    assert p.returncode == 2, p.stderr
    wb = openpyxl.load_workbook(out)
    names = [sheet_name(i, e.name) for i, e in enumerate(expected, 1)]
    assert wb.sheetnames == [SUMMARY, TARGETS, *names]
    ws = wb[SUMMARY]
    rows = list(ws.iter_rows(min_row=6, max_row=35))
    assert [r[1].value for r in rows] == [str(path / e.name) for e in expected]
    assert [r[4].value for r in rows[:29]] == [e.lines for e in expected[:29]]
    assert [r[8].value for r in rows[:29]] == [1 if e.kind == "txt" else 0 for e in expected[:29]]  # targets
    assert [r[13].value for r in rows if r[6].value] == ["2 lỗi", "2 lỗi", "1 lỗi"]
    assert rows[29][13].value == "không đọc được" and rows[29][4].value is None
    for r, name in zip(rows, names, strict=True):
        assert r[15].value == name
        assert r[15].hyperlink.location == f"'{name}'!A1"
    # every target, by document, its number linking to the document's sheet
    targets = list(wb[TARGETS].iter_rows(min_row=5, values_only=True))
    assert targets[0][:7] == ("STT văn bản", "Tệp", "Mã", "Chỉ tiêu", "Loại", "Giá trị", "Cơ cấu")
    assert [(t[0], t[1], t[2], t[4], t[5], t[9]) for t in targets[1:3]] == [
        ("1", str(path / "don-vi-01.txt"), "CT01", "tối thiểu", "100", "2025"),
        ("3", str(path / "don-vi-03.txt"), "CT01", "tối thiểu", "100", "2025"),
    ]
    assert len(targets) == 1 + 15
    assert wb[TARGETS]["A6"].hyperlink.location == f"'{names[0]}'!A1"
    # each document's sheet: a link back, its tree and findings
    sheet = wb[names[4]]
    assert sheet["A1"].hyperlink.location == f"'{SUMMARY}'!A1"
    values = [row for row in sheet.iter_rows(values_only=True)]
    # the columns of the document's own report (its tree): stated, summed, recomputed, difference
    head = ("Vị trí", "Mục", "Nội dung", "Số ghi", "Cộng các khoản", "Tính lại từ thừa số", "Chênh lệch", "Đơn vị")
    assert (*head, "Trạng thái") in values
    bad = [row for row in values if row[8] == "Sai"]
    assert len(bad) == 2 and bad[1][6] == 1  # the section, and the line written 1 triệu đồng too much
    assert any(row[3] == "PRODUCT_MISMATCH" for row in values)
    # an existing workbook is kept without --force, and nothing is checked
    again = run("check", str(path), "--xlsx", str(out))
    assert again.returncode == 2 and "[OUTPUT_EXISTS]" in again.stderr and again.stdout == ""


def test_patterns_and_exit_codes(folder: tuple[Path, list[Expected]]) -> None:
    path, _ = folder
    clean = run("check", str(path / "don-vi-0[1-4].*"), "--format", "json")
    assert clean.returncode == 0, clean.stderr
    assert [Path(d["summary"]["file"]).name for d in json.loads(clean.stdout)["documents"]] == [
        "don-vi-01.txt",
        "don-vi-02.xlsx",
        "don-vi-03.txt",
        "don-vi-04.csv",
    ]
    errors = run("check", str(path / "don-vi-0[1-5].*"), str(path / "don-vi-01.txt"))
    assert errors.returncode == 1  # the file named twice is checked once
    assert "Tổng hợp các đơn vị: 5 văn bản" in errors.stdout
    nothing = run("check", str(path / "khong-co-*.txt"))
    assert nothing.returncode == 2 and "[INPUT_MISSING]" in nothing.stderr
    notes = run("check", str(path / "*.md"))
    assert (notes.returncode, notes.stdout) == (2, "")
    assert notes.stderr == "budget: không có văn bản dự toán nào để kiểm tra (bỏ qua 1 tệp)\n"


def test_manifest_csv_and_stdin(folder: tuple[Path, list[Expected]], tmp_path: Path) -> None:
    path, _ = folder
    manifest = tmp_path / "phan-1.csv"
    manifest.write_text(
        f"stt,path,ghi chu\n1,{path / 'don-vi-08.csv'},x\n2,{path / 'don-vi-01.txt'},y\n", encoding="utf-8"
    )
    p = run("check", "--manifest", str(manifest), "--format", "json")
    assert p.returncode == 1
    files = [Path(d["summary"]["file"]).name for d in json.loads(p.stdout)["documents"]]
    assert files == ["don-vi-08.csv", "don-vi-01.txt"]  # the manifest's order
    listing = f"# phần 2\n{path / 'don-vi-03.txt'}\n\n{path / 'don-vi-30.txt'}\n"
    p = run("check", "--manifest", "-", "--format", "json", stdin=listing)
    assert p.returncode == 2
    assert [d["summary"]["status"] for d in json.loads(p.stdout)["documents"]] == ["ok", "unreadable"]
    empty = tmp_path / "rong.csv"
    empty.write_text("path\n", encoding="utf-8")
    assert run("check", "--manifest", str(empty)).returncode == 2


def test_word_documents_beside_text(tmp_path: Path) -> None:
    """Word documents in a folder go through ``check_file`` like the rest."""
    assert ".docx" in batch.accepted_suffixes()
    write_docx(school_plan(11, 6), tmp_path / "a.docx")
    write_docx(school_plan(12, 8, error=True), tmp_path / "b.docx")
    (tmp_path / "c.txt").write_text(school_plan(13, 4), encoding="utf-8")
    p = run("check", str(tmp_path), "--format", "json")
    assert p.returncode == 1, p.stderr
    rows = [d["summary"] for d in json.loads(p.stdout)["documents"]]
    assert [(Path(r["file"]).name, r["lines"], r["errors"] > 0) for r in rows] == [
        ("a.docx", 6, False),
        ("b.docx", 8, True),
        ("c.txt", 4, False),
    ]


def test_each_document_in_the_language_asked(folder: tuple[Path, list[Expected]]) -> None:
    path, _ = folder
    alone = run("check", str(path / "don-vi-05.txt"), "--lang", "en")
    both = run("check", str(path / "don-vi-05.txt"), str(path / "don-vi-01.txt"), "--lang", "en")
    assert alone.returncode == both.returncode == 1
    assert alone.stdout in both.stdout


def test_one_file_keeps_its_output() -> None:
    single = run("check", str(HA_DONG))
    assert single.returncode == 0
    assert single.stdout.startswith(f"Tệp: {HA_DONG}  (267/KH-UBND")
    assert "Tổng hợp các đơn vị" not in single.stdout


def test_wrong_options(tmp_path: Path) -> None:
    assert run("check", str(HA_DONG), str(HA_DONG), "--jobs", "0").returncode == 2
    # two outputs named alike: refused before any work, for one document and for many
    same = str(tmp_path / "ketqua.xlsx")
    for files in ([str(HA_DONG)], [str(HA_DONG), str(HA_DONG)]):
        p = run("check", *files, "--xlsx", same, "--html", same, "--force")
        assert p.returncode == 2 and "phải ghi ra các tệp khác nhau" in p.stderr and p.stdout == ""
    assert not Path(same).exists()
    p = run("check")
    assert p.returncode == 2 and "lệnh không hợp lệ" in p.stderr


# units ------------------------------------------------------------------------------------------


def test_read_manifest() -> None:
    assert read_manifest("a.txt\n  b c.txt \n# note\n\nd.xlsx\n") == ["a.txt", "b c.txt", "d.xlsx"]
    assert read_manifest("path;don vi\nx/a.txt;Trường A\n;\ny.csv;B\n") == ["x/a.txt", "y.csv"]
    assert read_manifest('Path,unit\n"q, r.txt",A\n') == ["q, r.txt"]
    assert read_manifest("") == []


def test_collect(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    for name in ("b/z.txt", "a.TXT", "b/y.csv", "c.pdf.bak", ".an.txt", ".git/x.txt", "out.xlsx", "r.html"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    got = collect([str(tmp_path)], exclude=[tmp_path / "out.xlsx", tmp_path / "r.html"])
    names = [Path(p).relative_to(tmp_path).as_posix() for p in got.paths]
    assert names == ["a.TXT", "b/y.csv", "b/z.txt"]
    reasons = {Path(s.path).name: s.reason for s in got.skipped}
    assert reasons == {
        ".an.txt": "tệp ẩn",
        "c.pdf.bak": "loại tệp “.bak” không đọc được",
        "r.html": "tệp kết quả của lần chạy này",
    }
    # an output named over a file of a kind the tool reads: it may be a document to check, so
    # the run is refused before any work (``OUTPUT_IS_INPUT``), never skipped and replaced
    assert got.clashes == (str(tmp_path / "out.xlsx"),)
    assert collect([str(tmp_path / "anything.odt")]).paths == (str(tmp_path / "anything.odt"),)  # named: checked


def test_sheet_names_are_valid_and_unique() -> None:
    names = [sheet_name(i, f) for i, f in enumerate(["a/b.txt", "x[1]:*?.txt", "'q'.csv", "t" * 80 + ".txt"], 1)]
    assert names == ["001 b", "002 x_1____", "003 _q_", "004 " + "t" * 27]
    assert all(len(n) <= 31 for n in names)


def test_exit_code_is_the_worst() -> None:
    def row(status: Status) -> DocSummary:
        return DocSummary(1, "x", status)

    assert overall([], 0).exit_code == 0
    assert overall([row(Status.OK), row(Status.OK)], 3).exit_code == 0
    # a document with no budget, or one not read in full, is no "read in full and it agrees"
    assert overall([row(Status.OK), row(Status.NO_BUDGET)], 3).exit_code == 1
    assert overall([row(Status.INCOMPLETE), row(Status.OK)], 0).exit_code == 1
    assert overall([row(Status.ERRORS), row(Status.OK)], 0).exit_code == 1
    assert overall([row(Status.ERRORS), row(Status.UNREADABLE)], 0).exit_code == 2
    assert overall([row(Status.BUG), row(Status.UNREADABLE)], 0).exit_code == 3
    e = InputError(Source("a.xlsx", cell="Chi tiết!A1"), "INPUT_EMPTY")
    assert unreadable(1, "a.xlsx", e).reason == "[INPUT_EMPTY] Tệp rỗng. (Chi tiết!A1)"


def test_a_bug_on_one_document_stops_no_other(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    good = tmp_path / "tot.txt"
    good.write_text(school_plan(1, 4), encoding="utf-8")
    bad = tmp_path / "hong.txt"
    bad.write_text(school_plan(2, 4), encoding="utf-8")

    def failing(doc: Document, strict_units: bool = False) -> object:
        if doc.path.name == "hong.txt":
            raise ZeroDivisionError("thử")
        return check_read(doc, strict_units)

    monkeypatch.setattr("plancheck.pipeline.check_read", failing)
    tasks = [Task(i, str(p), False, "text", True) for i, p in enumerate((bad, good), 1)]
    out = check_all(tasks, jobs=1)
    assert [o.summary.status for o in out] == [Status.BUG, Status.OK]
    assert out[0].summary.reason == "ZeroDivisionError: thử"
    assert overall([o.summary for o in out], 0).exit_code == 3


@pytest.mark.skipif(sys.platform != "linux", reason="a forked worker inherits the patch")
def test_a_worker_that_dies_loses_only_its_document(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    paths = []
    for i in range(4):
        p = tmp_path / f"d{i}.txt"
        p.write_text(school_plan(i, 3), encoding="utf-8")
        paths.append(p)

    def dying(doc: Document, strict_units: bool = False) -> object:
        if doc.path.name == "d1.txt":
            os._exit(9)  # as the kernel's out-of-memory killer would
        return check_read(doc, strict_units)

    monkeypatch.setattr("plancheck.pipeline.check_read", dying)
    tasks = [Task(i, str(p), False, "json", False) for i, p in enumerate(paths, 1)]
    out = check_all(tasks, jobs=2)
    assert [o.summary.status for o in out] == [Status.OK, Status.BUG, Status.OK, Status.OK]
    assert "dừng đột ngột" in (out[1].summary.reason or "")
    assert json.loads(out[1].text or "")["summary"]["status"] == "internal_error"


def test_ctrl_c_stops_the_run(tmp_path: Path) -> None:
    for i in range(8):
        (tmp_path / f"t{i}.txt").write_text(school_plan(i, 1500), encoding="utf-8")
    p = subprocess.Popen(
        [sys.executable, "-m", "plancheck", "check", str(tmp_path), "-j", "1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    assert p.stdout is not None
    # the first document is out: the run is under way (read from the pipe itself, not through
    # a buffer that ``communicate`` would bypass)
    head = os.read(p.stdout.fileno(), 5)
    p.send_signal(signal.SIGINT)
    raw_out, raw_err = p.communicate(timeout=120)
    # a signal may stop a write of the report between the bytes of one character: the part
    # written is decoded as far as it goes (the end of a cut run is no whole text)
    out, err = (head + raw_out).decode("utf-8", errors="replace"), raw_err.decode("utf-8")
    assert p.returncode == 130
    assert out.startswith("Tệp: ")
    assert "Tổng hợp các đơn vị" not in out
    assert err.endswith("budget: đã dừng theo yêu cầu (Ctrl-C); kết quả trên chưa đầy đủ.\n")
    assert "Traceback" not in err


def test_totals_per_unit() -> None:
    rows = [
        DocSummary(1, "a", Status.OK, stated=Decimal(10), computed=Decimal(10), unit="triệu đồng"),
        DocSummary(2, "b", Status.ERRORS, stated=None, computed=Decimal("2.5"), unit="triệu đồng"),
        DocSummary(3, "c", Status.OK, stated=Decimal(7000), computed=Decimal(7000), unit="đồng"),
        DocSummary(4, "d", Status.UNREADABLE),
    ]
    totals = [(t.unit, t.documents, t.stated, t.computed, t.stating) for t in overall(rows, 0).totals]
    assert totals == [("triệu đồng", 2, Decimal(10), Decimal("12.5"), 1), ("đồng", 1, Decimal(7000), Decimal(7000), 1)]


def test_run_all_benchmark_runs(tmp_path: Path) -> None:
    """The benchmark script runs end to end on a toy size; its goals are measured, not tested."""
    p = run_process([sys.executable, ROOT / "benchmarks" / "run_all.py", "--lines", "300", "--docs", "4"])
    assert p.returncode in (0, 1), p.stderr
    for text in ("cpu:", "python", "(a)", "(b)", "(c)", "documents per hour"):
        assert text in p.stdout


def test_batch_is_imported_lazily() -> None:
    """``plancheck.batch`` pulls neither rich nor the writers in until a batch runs."""
    code = "import sys, plancheck.cli; print('rich' in sys.modules, 'plancheck.write_batch_xlsx' in sys.modules)"
    p = run_process([sys.executable, "-c", code])
    assert p.returncode == 0, p.stderr
    assert p.stdout.split() == ["False", "False"]
    assert batch.default_jobs() >= 1


def test_a_report_crosses_process_boundaries_whole() -> None:
    """Workers hand reports back pickled: every finding (unit findings share read-only
    argument maps) comes back equal, with its arguments still read-only."""
    report = check_file(HA_DONG)
    codes = {f.code for f in report.findings}
    assert "UNIT_RESIDUAL" in codes
    back = pickle.loads(pickle.dumps(report))
    assert back == report
    residual = next(f for f in back.findings if f.code == "UNIT_RESIDUAL")
    with pytest.raises(TypeError):
        residual.args["x"] = 1


def test_consolidated_report_in_chromium(folder: tuple[Path, list[Expected]], tmp_path: Path) -> None:
    """``--html``: the summary (a row per document linking to its section), the targets, and
    each document's section, as the browser reads the page; ``--pdf`` prints the same page."""
    from tests.test_report import dump_dom, parse, pdftotext

    path, expected = folder
    html, pdf = tmp_path / "tonghop.html", tmp_path / "tonghop.pdf"
    p = run("check", str(path), "--html", str(html), "--pdf", str(pdf), "-q")
    assert p.returncode == 2, p.stderr
    dom = parse(dump_dom(html, tmp_path))
    verdict = dom.one(id="verdict")
    assert (verdict.attrs["data-exit-code"], "verdict-incomplete" in verdict.attrs["class"]) == ("2", True)
    assert verdict.children[0].text.strip() == "Kết quả chung: 26 khớp, 3 có lỗi, 1 không đọc được"
    rows = [n for n in dom.all() if n.tag == "tr" and "doc-row" in n.attrs.get("class", "")]
    statuses = ["unreadable" if not e.readable else "errors" if e.has_errors else "ok" for e in expected]
    assert [r.attrs["data-status"] for r in rows] == statuses
    for i, (row, e) in enumerate(zip(rows, expected, strict=True), 1):
        (link,) = [n for n in row.all() if n.tag == "a"]
        assert (link.attrs["href"], link.text) == (f"#doc-{i}", str(path / e.name))
        section = dom.one(id=f"doc-{i}")
        assert section.attrs["data-status"] == row.attrs["data-status"]
    wrong = dom.one(id="doc-5")
    assert [n.attrs["data-code"] for n in wrong.find(data_code="PRODUCT_MISMATCH")] == ["PRODUCT_MISMATCH"]
    assert len([n for n in wrong.all() if n.tag == "tr" and "status-error" in n.attrs.get("class", "")]) == 2
    assert "Kết quả: không đọc được — [INPUT_BINARY]" in dom.one(id="doc-30").text
    targets = dom.one(id="targets")
    assert targets.children[0].text == "Chỉ tiêu đặt ra trong các văn bản (15)"
    body = [n for n in targets.all() if n.tag == "tr"][1:]
    assert [r.children[0].text for r in body] == [str(i) for i, e in enumerate(expected, 1) if e.kind == "txt"]
    printed = pdftotext(pdf)
    assert "Tổng hợp các đơn vị" in printed and "don-vi-05.txt" in printed and "PRODUCT_MISMATCH" in printed
    # an existing report is kept without --force, and nothing is checked
    again = run("check", str(path), "--html", str(html))
    assert again.returncode == 2 and "[OUTPUT_EXISTS]" in again.stderr and again.stdout == ""
