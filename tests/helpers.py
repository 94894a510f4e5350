"""Shared paths and helpers.

``run_in_process`` runs a command's ``main(argv)`` inside the test process, as the console
script would run it in a process of its own (exit code, standard output and error as text),
without the seconds of imports a new interpreter costs; ``run_process`` starts a real process
for the few tests where one matters (signals, a terminal, the console's encoding, the entry
points), reading its output as bytes and decoding it whole.

The five real plans the project started from are committed as line-preserving excerpts
in ``tests/cases/seeds/`` (sources and method in its README.md): the lines the tests
read are byte-identical to the originals and every other line is blank, so line numbers
match. ``BUDGET_SEEDS=/path/to/seeds`` runs the same tests on the full texts instead.
"""

from __future__ import annotations

import decimal
import gc
import io
import os
import signal
import subprocess
import sys
import tempfile
import warnings
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from types import FrameType
from typing import NamedTuple

import pytest

from budget import messages
from budget.api import Report, check_file
from budget.findings import Cause, Finding, InputError, Severity
from plancheck.projection import project

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
HA_DONG = EXAMPLES / "ha-dong-267-kh-ubnd.txt"
SEEDS = Path(os.environ.get("BUDGET_SEEDS") or ROOT / "tests" / "cases" / "seeds")
IN_CI = os.environ.get("CI", "").lower() == "true"

SEED_HA_DONG = "004_fa84db0f1f94df91.txt"
SEED_OTHERS = (
    "000_bc1777f9039d4892.txt",
    "001_e38651acb5d5e773.txt",
    "002_6c687b1be164f383.txt",
    "003_b21f04cd465f80b7.txt",
)


def seed_path(name: str) -> Path:
    """A real plan: the committed excerpt, or the full text from ``$BUDGET_SEEDS``; never skipped."""
    path = SEEDS / name
    if not path.is_file():
        pytest.fail(f"seed {path} missing (BUDGET_SEEDS={os.environ.get('BUDGET_SEEDS', '')!r})")
    return path


def line_of(text: str, fragment: str) -> int:
    """1-based number of the only line containing ``fragment``."""
    hits = [i for i, line in enumerate(text.splitlines(), 1) if fragment in line]
    assert len(hits) == 1, (fragment, hits)
    return hits[0]


def replace_once(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, (old, text.count(old))
    return text.replace(old, new)


# checking a text -----------------------------------------------------------------------------


def check_text(tmp_path: Path, text: str, name: str = "t.txt") -> Report:
    """``text`` written to ``name`` under ``tmp_path`` and checked."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return check_file(path)


def findings_said(report: Report) -> list[tuple[str, str, int | None, str]]:
    """Each finding as (code, severity, line, its Vietnamese message)."""
    return [(f.code, f.severity.value, f.source.line, f.message) for f in report.findings]


def verdict_of(report: Report) -> str:
    """The verdict's kind: ok, errors, incomplete or no_budget."""
    return project(report).verdict.kind.value


def errors_at(report: Report) -> list[tuple[str, int | None, Decimal | None]]:
    """Each error finding as (code, line, the figure it names)."""
    return [(f.code, f.source.line, f.actual) for f in report.findings if f.severity is Severity.ERROR]


# asserting a message -------------------------------------------------------------------------

# a finding, a likely cause or a read error, one of them as the JSON output writes it, or the
# text a command wrote (``file:line: lỗi [CODE] message`` on one of its lines)
Found = Finding | Cause | InputError | Mapping[str, object] | str


def only(findings: Sequence[Finding], code: str) -> Finding:
    """The one finding of ``findings`` with ``code``."""
    hits = [f for f in findings if f.code == code]
    assert len(hits) == 1, (code, [(f.code, f.message) for f in findings])
    return hits[0]


def rendered(found: Found, lang: str = "vi") -> tuple[str, str]:
    """``(code, message)`` of ``found`` in ``lang`` (a JSON finding: in the language it was written in)."""
    if isinstance(found, Finding):
        return found.code, messages.render(found.message_key or found.code, found.args, lang)
    if isinstance(found, Cause):
        return found.code, messages.render(found.code, found.args, lang)
    if isinstance(found, InputError):
        return found.code, messages.render(found.code, found.args_, lang)
    if isinstance(found, str):
        said = [line.split("] ", 1) for line in found.splitlines() if "] " in line and " [" in line]
        coded = [(head.rsplit(" [", 1)[1], text) for head, text in said]
        assert len(coded) == 1, f"not one line with a [CODE] in {found!r}"
        return coded[0]
    return str(found["code"]), str(found["message"])


def assert_message(found: Found, code: str, text: str, *, en: str | None = None) -> None:
    """``found`` has ``code`` and says exactly ``text`` (and, given ``en``, exactly that in English).

    ``tests/test_every_code_asserted.py`` reads these calls in the tests' source: every code the
    source emits is named, as a literal, by at least one of them."""
    got = rendered(found)
    assert got == (code, text), got
    if en is not None:
        assert not isinstance(found, Mapping | str), "an output is in one language: assert it from its own run"
        got = rendered(found, "en")
        assert got == (code, en), got


# running a command ---------------------------------------------------------------------------


class Ran(NamedTuple):
    """What a run of a command left: its exit code and its two streams, decoded whole."""

    returncode: int
    stdout: str
    stderr: str


class RunTimeout(BaseException):
    """A run in process went past its timeout. A ``BaseException``, as ``KeyboardInterrupt``
    is: the command's own ``except Exception`` (an internal error, exit 3) never takes it."""


def _text(data: bytes) -> str:
    """Bytes written as UTF-8, read as a pipe in text mode reads them (universal newlines)."""
    return io.TextIOWrapper(io.BytesIO(data), encoding="utf-8", newline=None).read()


def _stream(data: bytes = b"") -> io.TextIOWrapper:
    """A stream like the console script's once it is set to UTF-8 (``utf8_streams``): text and
    ``.buffer`` writes land in order in one byte buffer; never a terminal."""
    return io.TextIOWrapper(io.BytesIO(data), encoding="utf-8", errors="replace", write_through=True)


def _written(stream: io.TextIOWrapper) -> bytes:
    stream.flush()
    buffer = stream.buffer
    assert isinstance(buffer, io.BytesIO)
    return buffer.getvalue()


@contextmanager
def _environment(env: Mapping[str, str | None]) -> Iterator[None]:
    saved = dict(os.environ)
    try:
        # argparse wraps usage lines at the terminal's width: a pipe's 80 columns, as in a process
        os.environ.setdefault("COLUMNS", "80")
        for name, value in env.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        yield
    finally:
        if dict(os.environ) != saved:
            os.environ.clear()
            os.environ.update(saved)


@contextmanager
def _alarm(seconds: float | None) -> Iterator[None]:
    """``RunTimeout`` in the main thread after ``seconds`` (a blocked system call is cut too)."""
    if seconds is None:
        yield
        return

    def expired(signum: int, frame: FrameType | None) -> None:
        raise RunTimeout(f"the command ran past its {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


# the interpreter's own filters (``python -W`` unset): what a process of its own would print
def _default_warning_filters() -> None:
    warnings.resetwarnings()
    for category in (ResourceWarning, ImportWarning, PendingDeprecationWarning, DeprecationWarning):
        warnings.filterwarnings("ignore", category=category)
    warnings.filterwarnings("default", category=DeprecationWarning, module="__main__")


def run_in_process(
    main: Callable[[list[str]], int],
    args: Sequence[str],
    *,
    stdin: str | bytes | None = None,
    env: Mapping[str, str | None] | None = None,
    cwd: Path | str | None = None,
    timeout: float | None = None,
) -> Ran:
    """``main(args)`` as its console script runs it, in this process: stdout and stderr captured
    (text or bytes written to their ``.buffer``), ``SystemExit`` taken as the exit code, stdin
    empty unless given. ``env`` sets (or, with ``None``, removes) variables for the run only;
    ``cwd`` is the working folder for the run only. Everything the command may change in the
    process (streams, folder, environment, the collector's settings, signal handlers, the
    temporary folder, the decimal context, warning filters) is as it was when this returns.
    An exception the command does not handle is raised here, with its traceback."""
    out, err = _stream(), _stream()
    data = stdin.encode("utf-8") if isinstance(stdin, str) else (stdin or b"")
    streams = sys.stdin, sys.stdout, sys.stderr
    argv, argv_items, here, tmpdir = sys.argv, list(sys.argv), os.getcwd(), tempfile.tempdir
    collector, threshold = gc.isenabled(), gc.get_threshold()
    handlers = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}
    context = decimal.getcontext().copy()
    try:
        with _environment(env or {}), warnings.catch_warnings(record=True) as caught:
            _default_warning_filters()
            if cwd is not None:
                os.chdir(cwd)
            sys.stdin, sys.stdout, sys.stderr = _stream(data), out, err
            try:
                with _alarm(timeout):
                    code = main(list(args))
            except SystemExit as e:
                if e.code is None or isinstance(e.code, int):
                    code = e.code or 0
                else:  # ``sys.exit("text")``: the text on stderr, exit 1, as the interpreter does
                    err.write(f"{e.code}\n")
                    code = 1
            except BaseException:  # a bug or a timeout: what the command wrote goes with the traceback
                sys.stdin, sys.stdout, sys.stderr = streams
                for name, stream in (("stdout", out), ("stderr", err)):
                    sys.stderr.write(f"--- the command's {name} ---\n{_text(_written(stream))}\n")
                raise
            finally:
                sys.stdin, sys.stdout, sys.stderr = streams
            for w in caught:  # shown on stderr, where a process of its own prints them
                err.write(warnings.formatwarning(w.message, w.category, w.filename, w.lineno, w.line))
    finally:
        sys.stdin, sys.stdout, sys.stderr = streams
        sys.argv = argv
        argv[:] = argv_items
        os.chdir(here)
        tempfile.tempdir = tmpdir
        gc.set_threshold(*threshold)
        (gc.enable if collector else gc.disable)()
        for s, handler in handlers.items():
            signal.signal(s, handler)
        decimal.setcontext(context)
    return Ran(code, _text(_written(out)), _text(_written(err)))


def run_process(
    command: Sequence[str | Path],
    *,
    stdin: str | bytes | None = None,
    env: Mapping[str, str | None] | None = None,
    cwd: Path | str | None = None,
    timeout: float | None = None,
    preexec_fn: Callable[[], object] | None = None,
) -> Ran:
    """``command`` in a process of its own, for what only a real process shows; its output read
    as bytes and decoded whole as UTF-8 (a text-mode read could stop inside a character).
    ``env`` sets (or, with ``None``, removes) variables in a copy of this process's."""
    full = dict(os.environ)
    for name, value in (env or {}).items():
        if value is None:
            full.pop(name, None)
        else:
            full[name] = value
    data = stdin.encode("utf-8") if isinstance(stdin, str) else stdin
    p = subprocess.run(
        [str(c) for c in command],
        input=data,
        capture_output=True,
        env=full,
        cwd=cwd,
        timeout=timeout,
        check=False,
        preexec_fn=preexec_fn,
    )
    return Ran(p.returncode, _text(p.stdout), _text(p.stderr))
