"""Nothing lost, nothing crashes (issue 15): every case of the audit, as a test.

Outputs: only regular files are replaced, lock files are noticed, new files are claimed
exclusively, failures injected at each step of a write (the writer, fsync, chmod, link,
replace, the private folder, ``ulimit -f``, signals, ``kill -9``) leave the old file
byte for byte and nothing beside it, and say why in Vietnamese (exit 2, 130 or 143).
Inputs: the XML guard, declarations anywhere in any part, dates, far cells, cell and
depth limits, numbers beyond exact range, control characters: findings or exit 2, never
exit 3. Writers: text that looks like a formula stays text.
"""

from __future__ import annotations

import csv
import errno
import hashlib
import io
import json
import os
import re
import resource
import signal
import socket
import stat
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import xlsxwriter.exceptions
import xlsxwriter.workbook

import budget.output as output
import budget.read.xlsx_io as xlsx_io
from budget import layout, messages
from budget.findings import InputError
from budget.output import OutputError, write_safely
from budget.sheets.template import MAX_DEPTH
from budget.sheets.workbook import read_workbook
from indicators.write_targets import RISKY_START, defused
from plancheck.cli import main
from tests.helpers import HA_DONG, Ran, assert_message, run_in_process, run_process

ROOT = Path(__file__).resolve().parent.parent
ENGLISH = sorted({os.strerror(n) for n in errno.errorcode} - {""}, key=len, reverse=True)


# helpers ----------------------------------------------------------------------------------


def run(*args: str, timeout: float = 300) -> Ran:
    return run_in_process(main, args, cwd=ROOT, timeout=timeout)


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def names(folder: Path) -> set[str]:
    return set(os.listdir(folder))


def assert_vietnamese(err: str) -> None:
    """No traceback and no English text of an OS error or a library's exception."""
    assert "Traceback" not in err
    for text in ENGLISH:
        assert text not in err, (text, err)
    assert not re.search(r"\b(Error|Exception|errno|Errno)\b", err), err


def old_file(folder: Path, name: str = "kq.xlsx") -> tuple[Path, str]:
    path = folder / name
    path.write_bytes(b"old workbook: must survive every failure " * 100)
    return path, sha(path)


# a hand-written estimate workbook: every byte of its XML under the test's control -------------

_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
_REL_NS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
HEADERS = layout.DetailColumns(3).headers("triệu đồng")
ROW = ["1", "1", 1, "Giáo viên", 200, "người", Decimal("1.5"), "triệu đồng/người/năm", 5, "năm", 1, 1500, 1500]


class Date:
    """A date-formatted number (style 1 is ``numFmtId 14``, a date)."""

    def __init__(self, serial: int):
        self.serial = serial


def _col(n: int) -> str:
    s = ""
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s


def _cell(ref: str, value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, Date):
        return f'<c r="{ref}" s="1"><v>{value.serial}</v></c>'
    if isinstance(value, int | Decimal):
        return f'<c r="{ref}"><v>{value}</v></c>'
    text = str(value).replace("&", "&amp;").replace("<", "&lt;")
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def sheet_xml(rows: Sequence[Sequence[object]], extra: str = "") -> str:
    body = "".join(
        f'<row r="{r}">' + "".join(_cell(f"{_col(c)}{r}", v) for c, v in enumerate(row, 1)) + "</row>"
        for r, row in enumerate(rows, 1)
    )
    head = f'<?xml version="1.0" encoding="UTF-8"?>\n<worksheet {_NS} {_REL_NS}>'
    return f"{head}<sheetData>{body}{extra}</sheetData></worksheet>"


def book_members(sheet: str | bytes) -> dict[str, bytes]:
    def b(s: str | bytes) -> bytes:
        return s if isinstance(s, bytes) else s.encode()

    return {
        "[Content_Types].xml": b(
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/'
            'workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType='
            '"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>'
        ),
        "_rels/.rels": b(
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
            '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": b(
            f'<?xml version="1.0" encoding="UTF-8"?><workbook {_NS} {_REL_NS}><sheets>'
            f'<sheet name="{layout.DETAIL}" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": b(
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
            '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.'
            'openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>'
        ),
        "xl/styles.xml": b(
            f'<?xml version="1.0" encoding="UTF-8"?><styleSheet {_NS}><fonts count="1"><font/></fonts>'
            '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
            '<borders count="1"><border/></borders><cellStyleXfs count="1"><xf/>'
            '</cellStyleXfs><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/>'
            "</cellXfs></styleSheet>"
        ),
        "xl/worksheets/sheet1.xml": b(sheet),
    }


def write_book(path: Path, members: dict[str, bytes], store: bool = False) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED if store else zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return path


def estimate(path: Path, rows: Sequence[Sequence[object]] | None = None, extra: str = "") -> Path:
    return write_book(path, book_members(sheet_xml([HEADERS, *(rows if rows is not None else [ROW])], extra)))


def findings_of(capsys: pytest.CaptureFixture[str], path: Path) -> tuple[int, list[dict[str, Any]], str]:
    code, out, err = cli(capsys, "check", str(path), "--format", "json")
    return code, (json.loads(out)["findings"] if out else []), err


# outputs: what may be replaced ------------------------------------------------------------


def _special(tmp_path: Path, kind: str) -> Path:
    target = tmp_path / "ra.xlsx"
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "device":
        if os.geteuid() != 0:
            pytest.skip("creating a device node needs root")
        os.mknod(target, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # a second /dev/null
    elif kind == "socket":
        s, here = socket.socket(socket.AF_UNIX), os.getcwd()
        os.chdir(tmp_path)  # a relative name: socket paths are limited to about 100 bytes
        try:
            s.bind(target.name)
        finally:
            os.chdir(here)
            s.close()
    elif kind == "link_to_fifo":
        os.mkfifo(tmp_path / "pipe")
        target.symlink_to(tmp_path / "pipe")
    elif kind == "link_to_dev_null":
        target.symlink_to("/dev/null")
    elif kind == "folder":
        target.mkdir()
    return target


@pytest.mark.parametrize("kind", ["fifo", "device", "socket", "link_to_fifo", "link_to_dev_null", "folder"])
def test_only_regular_files_are_replaced_even_with_force(tmp_path: Path, kind: str) -> None:
    target = _special(tmp_path, kind)
    before = os.lstat(target)
    for args in (["template", "-o", str(target), "--force"], ["check", str(HA_DONG), "--xlsx", str(target), "--force"]):
        p = run(*args, timeout=120)  # a FIFO opened for writing would block: the timeout fails the test
        assert p.returncode == 2, p.stderr
        code = "OUTPUT_IS_FOLDER" if kind == "folder" else "OUTPUT_NOT_REGULAR"
        assert f"[{code}]" in p.stderr
        assert_vietnamese(p.stderr)
    after = os.lstat(target)
    assert (after.st_mode, after.st_ino, after.st_rdev) == (before.st_mode, before.st_ino, before.st_rdev)
    assert not [n for n in names(tmp_path) if n.startswith(".~budget-")]


def test_not_regular_message(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = _special(tmp_path, "fifo")
    code, _, err = cli(capsys, "template", "-o", str(target), "--force")
    assert code == 2
    assert err.startswith(f"{target}: lỗi [OUTPUT_NOT_REGULAR] ")
    assert_message(
        err,
        "OUTPUT_NOT_REGULAR",
        "Đây là một ống dẫn (FIFO), không phải tệp thường; công cụ không ghi vào đó, kể cả khi có --force. "
        "Hãy chọn một tên tệp khác.",
    )


def test_link_to_a_regular_file_is_replaced_not_followed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    elsewhere = tmp_path / "elsewhere.xlsx"
    elsewhere.write_bytes(b"the file the link points to")
    link = tmp_path / "link.xlsx"
    link.symlink_to(elsewhere)
    assert cli(capsys, "template", "-o", str(link))[0] == 2  # exists: needs --force
    assert cli(capsys, "template", "-o", str(link), "--force")[0] == 0
    assert not link.is_symlink() and zipfile.is_zipfile(link)
    assert elsewhere.read_bytes() == b"the file the link points to"  # never written through a link


@pytest.mark.parametrize(
    ("lock", "code"),
    [
        ("~$kq.xlsx", "OUTPUT_LOCKED"),  # Excel
        (".~lock.kq.xlsx#", "OUTPUT_LOCKED_LIBREOFFICE"),  # LibreOffice
    ],
)
def test_lock_files_of_excel_and_libreoffice(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], lock: str, code: str
) -> None:
    target, digest = old_file(tmp_path)
    (tmp_path / lock).write_text("user,host", encoding="utf-8")
    rc, _, err = cli(capsys, "template", "-o", str(target), "--force")
    assert rc == 2 and f"[{code}]" in err and f"“{lock}”" in err
    assert sha(target) == digest
    assert err.startswith(f"{target}: lỗi [{code}] ")
    if code == "OUTPUT_LOCKED_LIBREOFFICE":
        assert_message(
            err,
            "OUTPUT_LOCKED_LIBREOFFICE",
            f"Tệp đang được mở trong LibreOffice (có tệp khóa “{lock}”); hãy đóng tệp rồi chạy lại. Nếu không còn "
            "ai mở tệp, hãy xóa tệp khóa đó.",
        )
    else:
        assert_message(
            err,
            "OUTPUT_LOCKED",
            f"Tệp đang được mở trong Excel (có tệp khóa “{lock}”); hãy đóng tệp rồi chạy lại.",
        )


def test_excel_lock_of_a_long_name(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target, digest = old_file(tmp_path, "ketqua-kiem-tra.xlsx")
    (tmp_path / "~$tqua-kiem-tra.xlsx").write_bytes(b"")  # Office drops the first two letters of long names
    assert cli(capsys, "template", "-o", str(target), "--force")[0] == 2
    assert sha(target) == digest


# outputs: two runs, one new name -----------------------------------------------------------


def test_a_new_file_created_meanwhile_is_not_replaced(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "moi.xlsx"

    def racing(tmp: Path) -> None:
        tmp.write_bytes(b"ours")
        target.write_bytes(b"the other run's result")  # another run finished first

    with pytest.raises(OutputError) as e:
        write_safely(target, [], False, racing)
    assert_message(
        e.value,
        "OUTPUT_CLAIMED",
        "Trong lúc đang ghi, một lần chạy khác đã tạo tệp này; kết quả lần này không ghi đè lên. "
        "Thêm --force để ghi đè, hoặc chọn tên khác.",
        en="While this run was writing, another run created this file; this run's result does not overwrite it. "
        "Add --force to overwrite it, or choose another name.",
    )
    assert target.read_bytes() == b"the other run's result"
    assert names(tmp_path) == {"moi.xlsx"}
    # with --force the later run replaces it, as asked
    write_safely(target, [], True, lambda tmp: tmp.write_bytes(b"ours"))
    assert target.read_bytes() == b"ours"


def test_two_runs_on_one_new_name_one_wins(tmp_path: Path) -> None:
    for attempt in range(3):
        target = tmp_path / f"moi-{attempt}.xlsx"
        cmd = [sys.executable, "-m", "plancheck", "template", "-o", str(target)]
        procs = [subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in "ab"]
        results: list[tuple[int | None, str]] = []
        for p in procs:
            err = p.communicate(timeout=120)[1]
            results.append((p.returncode, err.decode("utf-8")))
        codes = sorted(rc for rc, _ in results)
        assert codes == [0, 2], results
        loser = next(err for rc, err in results if rc == 2)
        assert "[OUTPUT_EXISTS]" in loser or "[OUTPUT_CLAIMED]" in loser
        assert zipfile.is_zipfile(target)
    assert not [n for n in names(tmp_path) if n.startswith(".~budget-")]


# outputs: failures injected at each step ---------------------------------------------------


def _raiser(err: int) -> Callable[..., Any]:
    def fail(*args: object, **kwargs: object) -> Any:
        raise OSError(err, os.strerror(err))

    return fail


def _wrapped(err: int) -> Callable[..., Any]:
    def fail(*args: object, **kwargs: object) -> Any:
        raise xlsxwriter.exceptions.FileCreateError(OSError(err, os.strerror(err)))

    return fail


def _no_links_then(m: pytest.MonkeyPatch, err: int) -> None:
    m.setattr(os, "link", _raiser(errno.EPERM))
    m.setattr(os, "replace", _raiser(err))


# (what is patched, how it fails, the errno's reason key, whether the target exists before)
FAULTS: dict[str, tuple[Callable[[pytest.MonkeyPatch], None], str, bool]] = {
    "writer_disk_full": (lambda m: m.setattr(zipfile.ZipFile, "write", _raiser(errno.ENOSPC)), "ENOSPC", True),
    "writer_quota_wrapped": (
        lambda m: m.setattr(xlsxwriter.workbook.Workbook, "_store_workbook", _wrapped(errno.EDQUOT)),
        "EDQUOT",
        True,
    ),
    "writer_file_too_big": (lambda m: m.setattr(zipfile.ZipFile, "write", _raiser(errno.EFBIG)), "EFBIG", True),
    "fsync_io_error": (lambda m: m.setattr(os, "fsync", _raiser(errno.EIO)), "EIO", True),
    "chmod_refused": (lambda m: m.setattr(os, "chmod", _raiser(errno.EPERM)), "EACCES", True),
    "replace_refused": (lambda m: m.setattr(os, "replace", _raiser(errno.EACCES)), "EACCES", True),
    "replace_read_only_disk": (lambda m: m.setattr(os, "replace", _raiser(errno.EROFS)), "EROFS", True),
    "private_folder_refused": (lambda m: m.setattr(tempfile, "mkdtemp", _raiser(errno.EACCES)), "EACCES", True),
    "link_read_only_disk_new_file": (lambda m: m.setattr(os, "link", _raiser(errno.EROFS)), "EROFS", False),
    "no_hard_links_then_disk_full_new_file": (
        lambda m: _no_links_then(m, errno.ENOSPC),
        "ENOSPC",
        False,
    ),
    "writer_disk_full_new_file": (
        lambda m: m.setattr(zipfile.ZipFile, "write", _raiser(errno.ENOSPC)),
        "ENOSPC",
        False,
    ),
}


@pytest.mark.parametrize("fault", sorted(FAULTS))
@pytest.mark.parametrize("command", ["template", "check"])
def test_fault_at_each_step_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], fault: str, command: str
) -> None:
    patch, reason, existing = FAULTS[fault]
    if existing:
        target, digest = old_file(tmp_path)
    else:
        target, digest = tmp_path / "kq.xlsx", ""
    before = names(tmp_path)
    saved_tempdir = tempfile.tempdir
    handlers = signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM)
    args = ["template", "-o", str(target)] if command == "template" else ["check", str(HA_DONG), "--xlsx", str(target)]
    with monkeypatch.context() as m:
        patch(m)
        code, _, err = cli(capsys, *args, "--force")
    assert code == 2, err
    text = messages.render("OUTPUT_UNWRITABLE", {"reason": messages.Phrase(f"OS_REASON.{reason}", {})})
    assert err == f"{target}: lỗi [OUTPUT_UNWRITABLE] {text}\n"
    assert_vietnamese(err)
    assert names(tmp_path) == before  # nothing left: no temporary file, no private folder, no placeholder
    if existing:
        assert sha(target) == digest
    assert tempfile.tempdir == saved_tempdir
    assert (signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM)) == handlers


def test_no_hard_links_still_writes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "link", _raiser(errno.EPERM))  # FAT, some network shares
    target = tmp_path / "moi.xlsx"
    write_safely(target, [], False, lambda tmp: tmp.write_bytes(b"new"))
    assert target.read_bytes() == b"new"
    assert names(tmp_path) == {"moi.xlsx"}


def test_unwritable_folder_and_long_name_refused_before_the_work(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    long = tmp_path / ("k" * 300 + ".xlsx")
    code, _, err = cli(capsys, "template", "-o", str(long))
    assert code == 2 and "tên tệp quá dài; hãy đặt tên ngắn hơn" in err
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: False if Path(p) == tmp_path else real_access(p, mode))
    code, _, err = cli(capsys, "template", "-o", str(tmp_path / "a.xlsx"))
    assert code == 2 and "không có quyền truy cập tệp hoặc thư mục này" in err
    assert names(tmp_path) == set()


def test_writer_temporary_files_live_in_the_private_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[tuple[str | None, list[str]]] = []
    store = xlsxwriter.workbook.Workbook._store_workbook

    def spy(self: Any) -> Any:
        private = output.private_tmpdir()
        assert private is not None and private.parent == tmp_path and private.name.startswith(".~budget-")
        seen.append((tempfile.gettempdir(), sorted(os.listdir(private))))
        return store(self)

    monkeypatch.setattr(xlsxwriter.workbook.Workbook, "_store_workbook", spy)
    target = tmp_path / "mau.xlsx"
    saved_tempdir = tempfile.tempdir
    assert main(["template", "-o", str(target)]) == 0
    (tempdir, inside) = seen[0]
    assert tempdir is not None and Path(tempdir).parent == tmp_path  # XlsxWriter's mkstemp() lands there
    assert len(inside) >= 2  # one temporary file per sheet (constant memory)
    assert names(tmp_path) == {"mau.xlsx"}
    assert tempfile.tempdir == saved_tempdir


def test_csv_output_of_extract_takes_the_same_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from indicators.cli import main as indicators_main

    target, digest = old_file(tmp_path, "chi-tieu.csv")
    monkeypatch.setattr(os, "fsync", _raiser(errno.ENOSPC))
    assert indicators_main(["extract", str(HA_DONG), "-o", str(target), "--force"]) == 2
    assert sha(target) == digest and names(tmp_path) == {"chi-tieu.csv"}


# outputs: signals and limits, in a real process --------------------------------------------


@pytest.fixture(scope="module")
def big_plan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from benchmarks.synthetic import bench_plan

    path = tmp_path_factory.mktemp("big") / "big.txt"
    path.write_text(bench_plan(8000), encoding="utf-8")
    return path


def _start_big_write(big_plan: Path, folder: Path, systmp: Path) -> tuple[subprocess.Popen[bytes], Path, str]:
    target, digest = old_file(folder)
    env = {**os.environ, "TMPDIR": str(systmp)}
    cmd = [sys.executable, "-m", "plancheck", "check", str(big_plan), "--xlsx", str(target), "--force"]
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:  # wait until the workbook is being written
        private = [p for p in folder.iterdir() if p.name.startswith(".~budget-")]
        if private and len(os.listdir(private[0])) >= 2:
            return proc, target, digest
        assert proc.poll() is None, proc.communicate()
        time.sleep(0.05)
    proc.kill()
    raise AssertionError("the write never started")


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_signal_during_a_large_write(big_plan: Path, tmp_path: Path, signum: int, code: int) -> None:
    folder, systmp = tmp_path / "out", tmp_path / "systmp"
    folder.mkdir()
    systmp.mkdir()
    proc, target, digest = _start_big_write(big_plan, folder, systmp)
    time.sleep(0.3)
    proc.send_signal(signum)
    err = proc.communicate(timeout=120)[1].decode("utf-8")
    assert proc.returncode == code, err
    name = "SIGINT (Ctrl-C)" if signum == signal.SIGINT else "SIGTERM"
    assert err == f"{target}: {messages.render('OUTPUT_INTERRUPTED', {'signal': name})}\n"
    assert_vietnamese(err)
    assert sha(target) == digest
    assert names(folder) == {"kq.xlsx"}
    assert os.listdir(systmp) == []  # nothing in the system's temporary folder either


def test_kill_9_leaves_one_folder_that_the_next_write_removes(big_plan: Path, tmp_path: Path) -> None:
    folder, systmp = tmp_path / "out", tmp_path / "systmp"
    folder.mkdir()
    systmp.mkdir()
    proc, target, digest = _start_big_write(big_plan, folder, systmp)
    proc.kill()
    proc.communicate(timeout=60)
    assert sha(target) == digest
    left = [n for n in names(folder) if n.startswith(".~budget-")]
    assert len(left) == 1 and (folder / left[0]).is_dir()  # all its temporary files in one place
    assert os.listdir(systmp) == []
    p = run("template", "-o", str(folder / "mau.xlsx"))
    assert p.returncode == 0, p.stderr
    assert names(folder) == {"kq.xlsx", "mau.xlsx"}
    assert sha(target) == digest


def test_file_size_limit(tmp_path: Path) -> None:
    target, digest = old_file(tmp_path)

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (16 * 1024, 16 * 1024))

    p = run_process(
        [sys.executable, "-m", "plancheck", "check", str(HA_DONG), "--xlsx", str(target), "--force"],
        cwd=ROOT,
        preexec_fn=limit,
        timeout=300,
    )
    assert p.returncode == 2, p.stderr
    assert "[OUTPUT_UNWRITABLE]" in p.stderr and "ulimit -f" in p.stderr
    assert_vietnamese(p.stderr)
    assert sha(target) == digest
    assert names(tmp_path) == {"kq.xlsx"}


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_signal_in_process_cleans_up_and_restores(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], signum: int, code: int
) -> None:
    target, digest = old_file(tmp_path)
    handlers = signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM)

    def interrupted(tmp: Path) -> None:
        tmp.write_bytes(b"half")
        signal.raise_signal(signum)
        tmp.write_bytes(b"never")  # pragma: no cover - the signal stops the write first

    saved_tempdir = tempfile.tempdir
    with pytest.raises(SystemExit) as e:
        write_safely(target, [], True, interrupted)
    assert e.value.code == code
    assert "Đã dừng theo yêu cầu" in capsys.readouterr().err
    assert sha(target) == digest and names(tmp_path) == {"kq.xlsx"}
    assert (signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM)) == handlers
    assert tempfile.tempdir == saved_tempdir


def test_signal_while_moving_into_place_waits(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target, _ = old_file(tmp_path)
    commit = output._commit

    def slow_commit(*args: Any) -> None:
        signal.raise_signal(signal.SIGINT)  # arrives during the move: it must not cut it
        commit(*args)

    monkeypatch.setattr(output, "_commit", slow_commit)
    # Ctrl-C as Python handles it by default: a shell that starts the tests in the background
    # leaves it ignored, and the write keeps an ignored signal ignored
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        with pytest.raises(KeyboardInterrupt):  # delivered once the file is complete and in place
            write_safely(target, [], True, lambda tmp: tmp.write_bytes(b"new"))
    finally:
        signal.signal(signal.SIGINT, previous)
    assert target.read_bytes() == b"new"
    assert names(tmp_path) == {"kq.xlsx"}


# messages ----------------------------------------------------------------------------------


def test_internal_error_is_vietnamese_without_the_exception_text(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import plancheck.cli

    def bug(*args: object, **kwargs: object) -> None:
        raise ValueError("some English text quoting the input")

    monkeypatch.setattr(plancheck.cli, "check_document", bug)
    code, out, err = cli(capsys, "check", str(HA_DONG))
    assert code == 3 and out == ""
    assert err == (
        "budget: lỗi nội bộ (ValueError): đây là lỗi của công cụ, không phải của tệp đầu vào. Xin gửi tệp đầu "
        "vào và dòng này cho người phát triển để sửa.\n"
    )
    monkeypatch.setenv("BUDGET_DEBUG", "1")
    code, _, err = cli(capsys, "check", str(HA_DONG))
    assert code == 3 and "Traceback" in err and "some English text" in err  # for the developer, on request


def test_ctrl_c_outside_a_write_exits_130_quietly(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import plancheck.cli

    def stop(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(plancheck.cli, "check_document", stop)
    monkeypatch.setattr(sys, "argv", ["budget", "check", str(HA_DONG)])
    with pytest.raises(SystemExit) as e:
        plancheck.cli.run()
    assert e.value.code == 130
    assert capsys.readouterr().err == "\nbudget: Đã dừng theo yêu cầu (Ctrl-C); chưa ghi tệp kết quả nào.\n"


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def test_ctrl_c_in_a_process(tmp_path: Path, big_plan: Path) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "plancheck", "check", str(big_plan)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        # as from a terminal: a shell that starts the tests in the background ignores Ctrl-C for
        # them, and an ignored signal stays ignored in every process they start
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    # Ctrl-C once the run is past its imports and at work: reading and checking, or, when that
    # is quicker than the wait, blocked writing its report to the pipe nobody reads yet (its
    # CPU time stops growing). Either way the run must stop with 130 and say so.
    deadline = time.monotonic() + 120
    last, still = -1.0, 0
    while time.monotonic() < deadline:
        assert proc.poll() is None, proc.communicate()
        cpu = _cpu_seconds(proc.pid)
        still = still + 1 if cpu == last else 0
        if cpu >= 1.5 or (cpu >= 0.3 and still >= 10):
            break
        last = cpu
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    err = proc.communicate(timeout=120)[1].decode("utf-8")
    assert proc.returncode == 130, err
    assert "Đã dừng theo yêu cầu (Ctrl-C)" in err
    assert_vietnamese(err)


def test_unreadable_input_reason_is_vietnamese(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def refuse(self: Path) -> bytes:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    monkeypatch.setattr(Path, "read_bytes", refuse)
    code, _, err = cli(capsys, "check", str(HA_DONG))
    assert code == 2
    assert_message(
        err,
        "INPUT_UNREADABLE",
        "Không mở được tệp: không có quyền truy cập tệp hoặc thư mục này; hãy kiểm tra quyền hoặc chọn thư mục khác.",
    )
    assert_vietnamese(err)


def test_damaged_workbook_reason_is_vietnamese(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = estimate(tmp_path / "hong.xlsx")
    data = bytearray(path.read_bytes())
    start = data.index(b"xl/worksheets/sheet1.xml") + len(b"xl/worksheets/sheet1.xml")  # local header, then data
    for i in range(start + 10, start + 40):
        data[i] ^= 0x55
    path.write_bytes(bytes(data))
    code, _, err = cli(capsys, "check", str(path))
    assert code == 2, err
    assert_message(
        err,
        "XLSX_BROKEN",
        "Bảng tính bị hỏng, không đọc được: dữ liệu nén bị hỏng (sai mã kiểm tra).",
    )
    assert_vietnamese(err)
    assert "CRC" not in err and "Bad" not in err


# inputs: the XML guard and declarations anywhere ------------------------------------------


def test_xml_guard_switched_off_is_refused(tmp_path: Path) -> None:
    path = estimate(tmp_path / "dutoan.xlsx")
    # openpyxl reads the variable once, when it is imported: a process started with it set
    p = run_process(
        [sys.executable, "-m", "plancheck", "check", str(path)], env={"OPENPYXL_DEFUSEDXML": "False"}, cwd=ROOT
    )
    assert p.returncode == 2, p.stderr
    assert "[XLSX_XML_GUARD_OFF]" in p.stderr and "unset OPENPYXL_DEFUSEDXML" in p.stderr
    assert run("check", str(path)).returncode == 0


def test_xml_guard_off_in_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = estimate(tmp_path / "dutoan.xlsx")
    monkeypatch.setattr(openpyxl, "DEFUSEDXML", False)
    with pytest.raises(InputError) as e:
        read_workbook(path, str(path))
    assert_message(
        e.value,
        "XLSX_XML_GUARD_OFF",
        "Lớp bảo vệ khi đọc XML của bảng tính đang bị tắt (biến môi trường OPENPYXL_DEFUSEDXML=True, hoặc thiếu "
        "thư viện defusedxml); công cụ không đọc bảng tính khi đó. Hãy bỏ biến này (unset OPENPYXL_DEFUSEDXML) hoặc "
        "cài defusedxml rồi chạy lại.",
        en="The protection for reading a workbook's XML is switched off (environment variable "
        "OPENPYXL_DEFUSEDXML=True, or the defusedxml library is missing); the tool does not read workbooks then. "
        "Remove the variable (unset OPENPYXL_DEFUSEDXML) or install defusedxml, and run again.",
    )


_DTD = '<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>'


def _padded(xml: str, pad: int, encoding: str = "utf-8") -> bytes:
    """The sheet with an incompressible comment of ``pad`` characters before a DTD."""
    comment = "<!--" + os.urandom(pad // 2 + 1).hex()[:pad] + "-->"
    head, rest = xml.split("\n", 1)
    if encoding != "utf-8":
        head = head.replace('encoding="UTF-8"', f'encoding="{encoding.upper()}"')
    text = head + "\n" + comment + _DTD + rest
    return text.encode(encoding)


@pytest.mark.parametrize(
    "case", ["after_4k", "across_chunk_boundary", "utf16_after_4k", "in_styles_after_4k", "in_any_part"]
)
def test_declaration_anywhere_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str) -> None:
    xml = sheet_xml([HEADERS, ROW])
    members = book_members(xml)
    if case == "after_4k":
        members["xl/worksheets/sheet1.xml"] = _padded(xml, 6000)
    elif case == "across_chunk_boundary":
        prefix = len(xml.split("\n", 1)[0]) + 1 + len("<!--") + len("-->")
        members["xl/worksheets/sheet1.xml"] = _padded(xml, (1 << 20) - prefix - 4)
    elif case == "utf16_after_4k":
        members["xl/worksheets/sheet1.xml"] = b"\xff\xfe" + _padded(xml, 6000, "utf-16-le")
    elif case == "in_styles_after_4k":
        styles = members["xl/styles.xml"].decode()
        members["xl/styles.xml"] = _padded(styles.replace("?>", "?>\n", 1), 6000)
    else:
        members["xl/extra/odd-name.bin"] = b"x" * 5000 + _DTD.encode()
    path = write_book(tmp_path / f"{case}.xlsx", members)
    code, _, err = cli(capsys, "check", str(path))
    assert code == 2, err
    assert "[XLSX_XML_DECLARATION]" in err
    assert_vietnamese(err)


# inputs: dates, far cells, limits -----------------------------------------------------------


def test_date_cells_anywhere_are_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows: list[list[object]] = [
        [*ROW, Date(45292)],  # a date in the difference column, which the reader does not use
        [None, None, None, "Lập ngày", None, None, None, None, None, None, None, None, None, None, Date(45300)],
    ]
    path = estimate(tmp_path / "ngay.xlsx", rows)
    code, found, err = findings_of(capsys, path)
    assert code == 0, (err, found)
    assert not [f for f in found if f["code"].startswith("XLSX_BROKEN")]


def test_date_in_an_amount_position_is_a_finding(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    row = list(ROW)
    row[4] = Date(45292)  # Thừa số 1 typed as a date (2024-01-01)
    path = estimate(tmp_path / "ngay.xlsx", [row])
    code, found, _ = findings_of(capsys, path)
    assert code == 1
    date = next(f for f in found if f["code"] == "XLSX_DATE_AS_NUMBER")
    assert date["cell"] == f"{layout.DETAIL}!E2"
    assert_message(
        date,
        "XLSX_DATE_AS_NUMBER",
        "Ô này phải là số nhưng chứa ngày tháng 2024-01-01T00:00:00 (ô được định dạng ngày); ô này không được "
        "tính. Nếu đây là số, hãy đổi định dạng ô thành Số.",
    )


def _measured(path: Path) -> tuple[int, float, int, str]:
    """Exit code, seconds and peak memory (KB) of checking ``path`` in a fresh process."""
    code = (
        "import resource, sys, time\n"
        "from plancheck.cli import main\n"
        "t = time.perf_counter()\n"
        f"rc = main(['check', {str(path)!r}])\n"
        "sys.stderr.write(f'@@ {time.perf_counter() - t} {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}\\n')\n"
        "sys.exit(rc)\n"
    )
    p = run_process([sys.executable, "-c", code], cwd=ROOT, timeout=300)
    seconds, rss = p.stderr.rsplit("@@ ", 1)[1].split()
    return p.returncode, float(seconds), int(rss), p.stderr


def test_cell_at_xfd300_is_quick_and_small(tmp_path: Path) -> None:
    plain = estimate(tmp_path / "thuong.xlsx", [ROW] * 50)
    far = estimate(tmp_path / "xa.xlsx", [ROW] * 50, extra='<row r="300"><c r="XFD300"><v>1</v></c></row>')
    base_code, base_time, base_rss, _ = _measured(plain)
    code, seconds, rss, err = _measured(far)
    assert (code, base_code) == (0, 0), err
    assert seconds < max(5 * base_time, 2.0), (seconds, base_time)
    assert rss < base_rss + 60_000, (rss, base_rss)  # KB: the rectangle up to XFD300 is never built


def test_far_cells_on_many_rows_are_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    extra = "".join(f'<row r="{r}"><c r="XFD{r}"><v>1</v></c></row>' for r in range(3, 1503))
    path = estimate(tmp_path / "rong.xlsx", extra=extra)
    code, _, err = cli(capsys, "check", str(path))
    assert code == 2 and "[XLSX_TOO_WIDE]" in err and "cột XFD" in err, err


def test_a_long_sheet_within_column_z_is_never_refused_for_its_area(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # the tool's own workbook at Excel's row limit: a million rows of columns A to Z (here the
    # limit is lowered so that a few rows reach it); a sheet past Z is still refused
    monkeypatch.setattr(xlsx_io, "MAX_AREA", 60)
    long = estimate(tmp_path / "dai.xlsx", [ROW] * 5)
    code, out, err = cli(capsys, "check", str(long))
    assert code == 0 and "XLSX_TOO_WIDE" not in err + out, err
    wide = estimate(tmp_path / "rong.xlsx", [ROW] * 5, extra='<row r="9"><c r="AB9"><v>1</v></c></row>')
    code, _, err = cli(capsys, "check", str(wide))
    assert code == 2, err
    assert_message(
        err,
        "XLSX_TOO_WIDE",
        "Trang “xl/worksheets/sheet1.xml” có ô ở tận cột AB, dòng 9: vùng 9 dòng × 28 cột vượt giới hạn 60 ô; "
        "không đọc. Hãy xóa các ô thừa ở xa rồi lưu lại.",
    )


def test_cell_reference_hidden_in_a_character_reference(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = estimate(tmp_path / "an.xlsx", extra='<row r="300"><c r="&#88;FD300"><v>1</v></c></row>')
    code, _, err = cli(capsys, "check", str(path))
    assert code == 2, err
    assert_message(
        err,
        "XLSX_BAD_REFERENCE",
        'Phần “xl/worksheets/sheet1.xml” ghi địa chỉ ô một cách bất thường (“r="&”), điều Excel không bao giờ '
        "làm; tệp có thể độc hại, không đọc.",
    )


def test_too_many_cells(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(xlsx_io, "MAX_CELLS", 100)
    path = estimate(tmp_path / "nhieu.xlsx", [ROW] * 20)
    code, _, err = cli(capsys, "check", str(path))
    assert code == 2
    assert_message(
        err,
        "XLSX_TOO_MANY_CELLS",
        "Bảng tính có 275 ô, vượt giới hạn 100 ô; không đọc. Hãy tách thành nhiều tệp nhỏ hơn.",
    )


def test_a_sound_plan_25_levels_deep_is_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = [[i + 1, ".".join(["1"] * (i + 1)), i + 1, "Mục", 1, "người", 1, "triệu đồng/người", 1, "lần", 1, 1, 1]
            for i in range(25)]  # fmt: skip
    path = estimate(tmp_path / "sau.xlsx", rows)
    code, out, err = cli(capsys, "check", str(path))
    assert code in (0, 1), err
    assert "INPUT_TOO_DEEP" not in err + out
    assert "25 dòng chi phí" in out


def test_sections_400_deep_in_a_small_workbook(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = [[i + 1, ".".join(["1"] * (i + 1)), i + 1, "Mục", 1, "người", 1, "triệu đồng/người", 1, "lần", 1, 1, 1]
            for i in range(400)]  # fmt: skip
    path = estimate(tmp_path / "sau.xlsx", rows)
    assert path.stat().st_size < 40_000
    code, _, err = cli(capsys, "check", str(path))
    assert code == 2, err
    assert err.startswith(f"{path}:{layout.DETAIL}!B{MAX_DEPTH + 2}: lỗi [INPUT_TOO_DEEP] Mục 1.1.1")
    assert_message(
        err,
        "INPUT_TOO_DEEP",
        f"Mục 1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1… lồng {MAX_DEPTH + 1} cấp, vượt giới hạn {MAX_DEPTH} cấp; "
        "không đọc. Hãy kiểm tra lại cách đánh số mục.",
    )


@pytest.mark.parametrize(
    ("value", "shown"),
    [("1E+400", "1E+400"), ("9" * 80, "999999…E+79"), ("1E-400", "1E-400"), ("0." + "0" * 30 + "1", "1E-31")],
)
def test_numbers_beyond_exact_range_are_findings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], value: str, shown: str
) -> None:
    path = estimate(tmp_path / "lon.xlsx", [ROW])
    data = book_members(sheet_xml([HEADERS, ROW]).replace("<v>200</v>", f"<v>{value}</v>"))
    write_book(path, data)
    code, found, err = findings_of(capsys, path)
    assert code == 1, err
    f = next(f for f in found if f["code"] == "NUMBER_OUT_OF_RANGE")
    assert f["cell"] == f"{layout.DETAIL}!E2" and f"Số {shown} nằm ngoài phạm vi" in f["message"]
    if value == "1E+400":
        assert_message(
            f,
            "NUMBER_OUT_OF_RANGE",
            "Số 1E+400 nằm ngoài phạm vi công cụ tính chính xác được (nhỏ hơn 10^18 và không quá 18 chữ số sau "
            "dấu phẩy); ô này không được tính.",
        )
    out = tmp_path / "kq.xlsx"
    assert cli(capsys, "check", str(path), "--xlsx", str(out))[0] == 1  # writing the result copes as well


def test_product_beyond_exact_range_is_a_finding(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    big = int("9" * 17)
    row = [1, "1", 1, "Lớn", big, "người", big, "triệu đồng/người", big, "lần", 1, 1, 1]
    code, found, err = findings_of(capsys, estimate(tmp_path / "tich.xlsx", [row]))
    assert code == 1, err
    (f,) = [f for f in found if f["code"] == "LINE_OUT_OF_RANGE"]
    assert_message(
        f,
        "LINE_OUT_OF_RANGE",
        "Tích các thừa số của dòng này vượt phạm vi công cụ tính chính xác được (51 chữ số); dòng này không được "
        "kiểm tra.",
    )


def _csv(path: Path, rows: list[list[str]]) -> Path:
    path.write_text("\n".join(";".join(r) for r in [HEADERS[:13], *rows]) + "\n", encoding="utf-8")
    return path


def test_csv_control_character_is_a_finding(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    row = ["1", "1", "1", "Giáo\x01 viên", "200", "người", "1,5", "triệu đồng/người/năm", "5", "năm", "", "", "1.500"]
    code, found, err = findings_of(capsys, _csv(tmp_path / "dk.csv", [row]))
    assert code == 0, err
    f = next(f for f in found if f["code"] == "CSV_CONTROL_CHARACTER")
    assert (f["line"], f["column"], f["severity"]) == (2, 4, "warning")
    assert_message(f, "CSV_CONTROL_CHARACTER", "Ô có ký tự điều khiển không in được (U+0001); đã bỏ ký tự này khi đọc.")


@pytest.mark.parametrize("value", ["1E+400", "9" * 80, "0," + "0" * 40 + "1"])
def test_csv_numbers_beyond_exact_range(tmp_path: Path, capsys: pytest.CaptureFixture[str], value: str) -> None:
    row = ["1", "1", "1", "Giáo viên", value, "người", "1,5", "triệu đồng/người/năm", "5", "năm", "", "", "1.500"]
    code, found, err = findings_of(capsys, _csv(tmp_path / "so.csv", [row]))
    assert code == 1, err
    assert {f["code"] for f in found} & {"NUMBER_OUT_OF_RANGE", "XLSX_NOT_A_NUMBER"}


def test_csv_cell_too_long(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    row = ["1", "1", "1", '"' + "x" * 1_200_000 + '"', "200", "người", "", "", "", "", "", "", "1"]
    code, _, err = cli(capsys, "check", str(_csv(tmp_path / "dai.csv", [row])))
    assert code == 2 and err.endswith("lỗi [CSV_BROKEN] Tệp CSV không đọc được: có ô dài hơn 1.000.000 ký tự.\n")
    assert_message(err, "CSV_BROKEN", "Tệp CSV không đọc được: có ô dài hơn 1.000.000 ký tự.")


# the text reader: numbers beyond exact arithmetic are findings at their place ----------------


@pytest.mark.parametrize(
    "line",
    [
        "1. A: " + "9" * 80 + " người x 2 triệu đồng = 5 triệu đồng",
        "1. A: 0," + "0" * 70 + "1 người x 2 triệu đồng = 5 triệu đồng",
        "1. A: 1E+400 người x 2 triệu đồng = 5 triệu đồng",
    ],
)
def test_text_numbers_beyond_exact_range(tmp_path: Path, capsys: pytest.CaptureFixture[str], line: str) -> None:
    path = tmp_path / "so.txt"
    path.write_text("IV. KINH PHÍ\n" + line + "\n", encoding="utf-8")
    code, out, err = cli(capsys, "check", str(path))
    assert code in (0, 1), err
    assert "so.txt:2:7: cảnh báo [COSTLINE_UNREADABLE]" in out or "so.txt:2:7: cảnh báo [NUMBER_MALFORMED]" in out


def test_text_sections_400_deep(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "sau.txt"
    lines = [".".join(["1"] * i) + ". Mục: 5 triệu đồng" for i in range(1, 401)]
    path.write_text("IV. KINH PHÍ\n" + "\n".join(lines) + "\n", encoding="utf-8")
    code, _, err = cli(capsys, "check", str(path))
    assert code in (0, 1, 2), err


# writers: text that looks like a formula stays text -------------------------------------------

INJECTIONS = ['=HYPERLINK("http://x.invalid","INJ")', "+INJ+1", "-INJ-1", "@SUM(INJ)", "\tINJ", "=cmd|' /C calc'!INJ"]


def _no_formula_holds(path: Path, marker: str = "INJ") -> None:
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.endswith(".xml"):
                xml = z.read(name).decode("utf-8")
                for formula in re.findall(r"<f[^>]*>([^<]*)</f>", xml):
                    assert marker not in formula, (name, formula)
    wb = openpyxl.load_workbook(path)
    found = 0
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if isinstance(c.value, str) and marker in c.value:
                    found += 1
                    assert c.data_type == "s", (ws.title, c.coordinate, c.value)
                    if c.value.startswith(RISKY_START):
                        assert c.quotePrefix, (ws.title, c.coordinate)
    assert found


def test_budget_workbook_keeps_formula_like_labels_as_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lines = [f"{i}. {label}: 2 người x 1 triệu đồng/người = 2 triệu đồng" for i, label in enumerate(INJECTIONS, 1)]
    src = tmp_path / "kh.txt"
    src.write_text("IV. KINH PHÍ THỰC HIỆN\nTổng kinh phí: 12 triệu đồng\n" + "\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "kq.xlsx"
    code, _, err = cli(capsys, "check", str(src), "--xlsx", str(out))
    assert code in (0, 1), err
    _no_formula_holds(out)


def test_indicators_workbook_keeps_formula_like_names_as_text(tmp_path: Path) -> None:
    from indicators.cli import main as indicators_main

    examples = ROOT / "examples" / "indicators"
    rows = list(csv.reader(io.StringIO((examples / "chi-tieu-hai-phong.csv").read_text(encoding="utf-8"))))
    for row, bad in zip(rows[1:], INJECTIONS, strict=False):
        row[1] = bad
    targets = tmp_path / "chi-tieu.csv"
    with targets.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    out = tmp_path / "kq.xlsx"
    data = examples / "so-lieu-minh-hoa.csv"
    assert indicators_main(["check", str(targets), str(data), "--xlsx", str(out)]) in (0, 1)
    with zipfile.ZipFile(out) as z:
        for name in z.namelist():
            if name.endswith(".xml"):
                for formula in re.findall(r"<f[^>]*>([^<]*)</f>", z.read(name).decode("utf-8")):
                    assert "INJ" not in formula
    cells = [c for ws in openpyxl.load_workbook(out).worksheets for r in ws.iter_rows() for c in r]
    hits = [c for c in cells if isinstance(c.value, str) and "INJ" in c.value]
    assert hits and all(c.data_type == "s" for c in hits)


def test_extracted_targets_csv_and_xlsx_are_defused(tmp_path: Path) -> None:
    from indicators.cli import main as indicators_main

    src = tmp_path / "kh.txt"
    src.write_text(
        "Mục tiêu:\n"
        "- @SUM(INJ) phấn đấu 100% trẻ em được tiêm chủng đến năm 2025.\n"
        '- =HYPERLINK("x") INJ phấn đấu đạt 90% trường đạt chuẩn quốc gia đến năm 2025.\n'
        "- -INJ phấn đấu 95% hộ dân dùng nước sạch đến năm 2025.\n",
        encoding="utf-8",
    )
    out_csv, out_xlsx = tmp_path / "ct.csv", tmp_path / "ct.xlsx"
    assert indicators_main(["extract", str(src), "-o", str(out_csv)]) == 0
    assert indicators_main(["extract", str(src), "-o", str(out_xlsx)]) == 0
    cells = [c for row in csv.reader(io.StringIO(out_csv.read_text(encoding="utf-8"))) for c in row]
    assert [c for c in cells if "INJ" in c]
    for c in cells:
        assert not c.startswith(RISKY_START) or re.fullmatch(r"[+-]?\s*[0-9][0-9.,\s]*%?", c), c
    _no_formula_holds(out_xlsx)


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ("=1+1", "'=1+1"),
        ("+A1", "'+A1"),
        ("-A1", "'-A1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("\nx", "'\nx"),
        ("-5", "-5"),
        ("+1,5", "+1,5"),
        ("- 12.000", "- 12.000"),
        ("Trường", "Trường"),
        ("", ""),
    ],
)
def test_defused_cells(cell: str, written: str) -> None:
    assert defused(cell) == written


# the write path as a whole --------------------------------------------------------------------


@pytest.fixture
def isolated_signals() -> Iterator[None]:
    saved = signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM)
    yield
    signal.signal(signal.SIGINT, saved[0])
    signal.signal(signal.SIGTERM, saved[1])


def test_successful_write_keeps_permissions_and_leaves_nothing(tmp_path: Path, isolated_signals: None) -> None:
    target, _ = old_file(tmp_path)
    os.chmod(target, 0o640)
    write_safely(target, [], True, lambda tmp: tmp.write_bytes(b"new"))
    assert target.read_bytes() == b"new"
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o640
    assert names(tmp_path) == {"kq.xlsx"}


def test_a_bug_in_the_writer_is_not_an_output_error(tmp_path: Path) -> None:
    target, digest = old_file(tmp_path)

    def buggy(tmp: Path) -> None:
        tmp.write_bytes(b"half")
        raise ZeroDivisionError

    with pytest.raises(ZeroDivisionError):
        write_safely(target, [], True, buggy)
    assert sha(target) == digest and names(tmp_path) == {"kq.xlsx"}


@pytest.mark.parametrize("reason", ["No space left on device", "[Errno 28] No space left on device: 'x'"])
def test_english_os_reasons_of_any_reader_are_replaced(capsys: pytest.CaptureFixture[str], reason: str) -> None:
    from budget.cli_support import input_error
    from budget.source import Source

    assert input_error(InputError(Source("a.txt"), "INPUT_UNREADABLE", {"reason": reason})) == 2
    err = capsys.readouterr().err
    assert err == (
        "a.txt: lỗi [INPUT_UNREADABLE] Không mở được tệp: ổ đĩa đã hết chỗ trống; hãy giải phóng dung lượng "
        "rồi chạy lại.\n"
    )
