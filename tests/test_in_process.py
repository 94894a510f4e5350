"""The helper that runs a command's ``main`` in the test process: what it captures, and that a
run leaves nothing behind for the tests after it."""

from __future__ import annotations

import decimal
import gc
import os
import signal
import sys
import tempfile
import warnings
from pathlib import Path

import pytest

from tests.helpers import Ran, RunTimeout, run_in_process


def test_text_and_bytes_in_order_and_the_exit_code() -> None:
    def main(argv: list[str]) -> int:
        sys.stdout.write("Tổng ")
        sys.stdout.buffer.write("kinh phí\r\n".encode())
        print(*argv)
        sys.stderr.write("lỗi\n")
        return 1

    assert run_in_process(main, ["a", "b"]) == Ran(1, "Tổng kinh phí\na b\n", "lỗi\n")


@pytest.mark.parametrize(
    ("code", "expected"), [(None, Ran(0, "", "")), (2, Ran(2, "", "")), ("hỏng", Ran(1, "", "hỏng\n"))]
)
def test_system_exit_is_the_exit_code(code: int | str | None, expected: Ran) -> None:
    def main(argv: list[str]) -> int:
        sys.exit(code)

    assert run_in_process(main, []) == expected


def test_stdin_given_or_empty() -> None:
    def main(argv: list[str]) -> int:
        sys.stdout.write(sys.stdin.buffer.read().decode("utf-8").upper())
        return 0

    assert run_in_process(main, [], stdin="đơn vị\n").stdout == "ĐƠN VỊ\n"
    assert run_in_process(main, []).stdout == ""


def _process_state() -> tuple[object, ...]:
    """What a run of ``main`` could change in the test process."""
    return (
        sys.stdin,
        sys.stdout,
        sys.stderr,
        list(sys.argv),
        os.getcwd(),
        dict(os.environ),
        gc.isenabled(),
        gc.get_threshold(),
        signal.getsignal(signal.SIGINT),
        signal.getsignal(signal.SIGTERM),
        tempfile.tempdir,
        decimal.getcontext().prec,
        list(warnings.filters),
    )


def test_a_run_leaves_the_process_as_it_was(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BUDGET_TEST_KEPT", "1")
    monkeypatch.delenv("BUDGET_TEST_SET", raising=False)
    before = _process_state()

    def main(argv: list[str]) -> int:
        assert os.getcwd() == str(tmp_path)
        assert (os.environ["BUDGET_TEST_SET"], "BUDGET_TEST_KEPT" in os.environ) == ("x", False)
        os.chdir("/")
        os.environ["BUDGET_TEST_OTHER"] = "y"
        sys.argv[:] = ["budget"]
        gc.set_threshold(50_000, 20, 100)
        gc.disable()
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        tempfile.tempdir = str(tmp_path)
        decimal.getcontext().prec = 5
        warnings.warn("an old way", DeprecationWarning, stacklevel=1)  # ignored, as in a process of its own
        warnings.simplefilter("error")
        return 0

    ran = run_in_process(main, [], cwd=tmp_path, env={"BUDGET_TEST_SET": "x", "BUDGET_TEST_KEPT": None})
    assert ran == Ran(0, "", "")
    after = _process_state()
    assert after == before


def test_a_warning_goes_to_stderr() -> None:
    def main(argv: list[str]) -> int:
        warnings.warn("coi chừng", UserWarning, stacklevel=1)
        return 0

    ran = run_in_process(main, [])
    assert ran.returncode == 0 and "UserWarning: coi chừng" in ran.stderr


def test_a_bug_is_raised_and_the_streams_are_back() -> None:
    streams = sys.stdout, sys.stderr

    def main(argv: list[str]) -> int:
        raise ZeroDivisionError("thử")

    with pytest.raises(ZeroDivisionError):
        run_in_process(main, [])
    assert (sys.stdout, sys.stderr) == streams


def test_a_run_that_blocks_is_cut_by_its_timeout(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)

    def main(argv: list[str]) -> int:
        fifo.open("w").close()  # no reader: blocks
        return 0

    handler = signal.getsignal(signal.SIGALRM)
    with pytest.raises(RunTimeout):
        run_in_process(main, [], timeout=0.2)
    assert signal.getsignal(signal.SIGALRM) == handler
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
