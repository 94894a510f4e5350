"""The progress bar of batch runs: on a terminal's stderr for runs over about a second,
never in a pipe, never with ``--quiet``, never for short runs. The command runs under a
pseudo-terminal, as in an officer's console."""

from __future__ import annotations

import io
import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from benchmarks.generate import school_plan
from plancheck.progress import Progress, wanted
from tests.helpers import run_process

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")

BAR = "Đang kiểm tra"


def _under_pty(args: list[str], cwd: Path | None = None) -> tuple[int, str, str]:
    """Run ``budget`` with stderr on a pseudo-terminal and stdout on a pipe: (exit code, stdout, terminal)."""
    master, slave = pty.openpty()
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "120", "LINES": "40"}
    env.pop("NO_COLOR", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "plancheck", *args],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=slave,
        env=env,
        cwd=cwd,
    )
    os.close(slave)
    seen = bytearray()
    out = bytearray()
    assert proc.stdout is not None
    deadline = time.monotonic() + 300
    # read both while it runs: a full pty buffer would stop the child
    open_fds = {master, proc.stdout.fileno()}
    while open_fds and time.monotonic() < deadline:
        ready, _, _ = select.select(list(open_fds), [], [], 0.2)
        for fd in ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:  # EIO: the terminal's other side closed
                chunk = b""
            if not chunk:
                open_fds.discard(fd)
            elif fd == master:
                seen += chunk
            else:
                out += chunk
    code = proc.wait(timeout=60)
    os.close(master)
    return code, out.decode("utf-8"), seen.decode("utf-8", errors="replace")


@pytest.fixture(scope="module")
def slow_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Enough work for well over a second on one process (a few seconds on this machine)."""
    folder = tmp_path_factory.mktemp("cham")
    for i in range(4):
        (folder / f"truong-{i}.txt").write_text(school_plan(i, 6000), encoding="utf-8")
    return folder


def test_bar_on_a_terminal(slow_folder: Path) -> None:
    code, out, terminal = _under_pty(["check", str(slow_folder), "--jobs", "1", "--format", "json"])
    assert code == 0
    assert BAR in terminal
    assert "/4" in terminal  # documents done out of 4
    assert "đang đọc truong-" in terminal  # the file being read, named
    assert out.startswith('{"documents": [')  # the report itself goes to stdout, untouched
    assert BAR not in out


def test_bar_for_one_long_document(tmp_path: Path) -> None:
    """A single document that takes over a second has its bar too, naming it, erased before
    the report is printed."""
    plan = tmp_path / "ke-hoach-lon.txt"
    plan.write_text(school_plan(0, 15000), encoding="utf-8")
    code, out, terminal = _under_pty(["check", str(plan), "--format", "json"])
    assert code == 0
    assert BAR in terminal and "0/1" in terminal
    assert "đang đọc ke-hoach-lon.txt" in terminal
    assert out.startswith("{") and BAR not in out


def test_no_bar_in_a_pipe(slow_folder: Path) -> None:
    p = run_process([sys.executable, "-m", "plancheck", "check", str(slow_folder), "--jobs", "1"])
    assert p.returncode == 0
    assert p.stderr == ""
    assert BAR not in p.stdout


def test_quiet_on_a_terminal(slow_folder: Path) -> None:
    code, _, terminal = _under_pty(["check", str(slow_folder), "--jobs", "1", "--quiet"])
    assert code == 0
    assert terminal == ""


def test_no_bar_for_a_short_run(tmp_path: Path) -> None:
    for i in range(2):
        (tmp_path / f"nho-{i}.txt").write_text(school_plan(i, 2), encoding="utf-8")
    code, out, terminal = _under_pty(["check", str(tmp_path)])
    assert code == 0
    assert terminal == ""
    assert "Tổng hợp các đơn vị: 2 văn bản" in out


def test_wanted() -> None:
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    assert wanted(False, Tty()) is True
    assert wanted(True, Tty()) is False
    assert wanted(False, io.StringIO()) is False


def test_counts_without_a_bar() -> None:
    with Progress(3, enabled=False) as bar:
        for name in ("a", "b", "c"):
            bar.advance(name)
    assert (bar.done, bar.last, bar._bar) == (3, "c", None)


def test_bar_drawn_and_erased() -> None:
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    stream = Tty()
    bar = Progress(2, enabled=True, delay=0, stream=stream)
    bar.start()
    deadline = time.monotonic() + 10
    while bar._bar is None and time.monotonic() < deadline:
        time.sleep(0.01)
    bar.advance("a.txt")
    bar.advance("b.txt")
    bar.close()
    assert BAR in stream.getvalue()
    assert bar._bar is None


def test_bar_names_the_files_being_read() -> None:
    """With two workers, the first two documents not finished are the ones being read."""
    bar = Progress(4, enabled=False, names=["a.txt", "b.txt", "c.txt", "d.txt"], workers=2)
    assert bar._reading() == "đang đọc a.txt, b.txt"
    bar.advance("b.txt")  # finished out of order: a is still read, c is taken up
    assert bar._reading() == "đang đọc a.txt, c.txt"
    for name in ("a.txt", "c.txt", "d.txt"):
        bar.advance(name)
    assert bar._reading() == "d.txt"  # nothing left to read: the last one finished
    english = Progress(1, enabled=False, lang="en", names=["[x].txt"])
    assert english._reading() == "reading [x].txt"


def test_bar_speaks_the_language_of_the_run() -> None:
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    stream = Tty()
    bar = Progress(2, enabled=True, delay=0, stream=stream, lang="en")
    bar.start()
    deadline = time.monotonic() + 10
    while bar._bar is None and time.monotonic() < deadline:
        time.sleep(0.01)
    bar.advance("a.txt")
    bar.close()
    drawn = stream.getvalue()
    assert "Checking" in drawn and "documents" in drawn
    assert BAR not in drawn and "văn bản" not in drawn
