"""Fuzzing the readers through the command, in process (issue 15).

Text: the bundled plan and generated plans, mutated (random edits, numbers in odd forms,
long runs of digits, dots, commas, ``x``, ``=``, parentheses, deep numbering). Workbooks:
a blank template and a checked budget, with cells altered, XML parts edited, bytes
flipped, zips truncated. Every run must exit 0, 1 or 2 (never 3), print no traceback,
take no more than ``RATIO`` times a plain file of the same size (or ``FLOOR`` seconds),
and every line that looks like a cost line (``x 5 ... = 10``) must be read as one or have
a finding on it.

``FUZZ_EXAMPLES`` sets the examples per test (default 60, about a minute for the file);
``FUZZ_EXAMPLES=5000 pytest tests/test_fuzz.py`` runs it longer. Inputs that failed are
kept under ``tests/cases/`` and run by ``test_regression_case``.
"""

from __future__ import annotations

import io
import json
import os
import re
import tempfile
import time
import traceback
import zipfile
from contextlib import redirect_stderr, redirect_stdout
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, event, given, settings
from hypothesis import strategies as st

import plancheck.cli
from benchmarks.synthetic import plan_text
from budget import cli_support
from budget.units import TRIEU
from plancheck.cli import main
from tests.helpers import HA_DONG
from tests.test_properties import plans

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "60"))
RATIO = 50  # a mutated input may take this many times a plain file of the same size ...
FLOOR = 3.0  # ... or this many seconds (start-up costs, a busy machine)
CASES = Path(__file__).resolve().parent / "cases"
_QUIET = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture]
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=_QUIET)
# The costlier properties (every cost-like line read or reported; deep and long inputs):
# fewer examples, not shrunk by default (FUZZ_SHRINK=1 shrinks a failure to a minimal input).
REPORTED = settings(
    max_examples=max(EXAMPLES // 3, 10),
    deadline=None,
    suppress_health_check=_QUIET,
    phases=list(Phase) if os.environ.get("FUZZ_SHRINK") else [Phase.explicit, Phase.reuse, Phase.generate],
    report_multiple_bugs=False,
)

# a line that looks like a cost line: a multiplication sign before a digit and "=" before one
_COST_LIKE = (re.compile(r"(?<![^\W\d_])[x×X]\s*[0-9]"), re.compile(r"=\s*[0-9]"))


# running the command -------------------------------------------------------------------------


class Run:
    def __init__(self, code: int, out: str, err: str, seconds: float, error: BaseException | None):
        self.code, self.out, self.err, self.seconds, self.error = code, out, err, seconds, error


def check(path: Path, *extra: str) -> Run:
    """``budget check PATH ...`` in process; the exception behind an exit 3 is kept."""
    out, err = io.StringIO(), io.StringIO()
    caught: list[BaseException] = []
    original = cli_support.internal_error

    def record(prog: str, e: BaseException, lang: str = "vi") -> int:
        caught.append(e)
        return original(prog, e, lang)

    start = time.perf_counter()
    with redirect_stdout(out), redirect_stderr(err):
        for module in (plancheck.cli, cli_support):
            setattr(module, "internal_error", record)  # noqa: B010 - plancheck.cli imported the name
        try:
            code = main(["check", str(path), *extra])
        except SystemExit as e:  # argparse, or a signal while writing: never expected here
            code = int(e.code or 0)
        finally:
            for module in (plancheck.cli, cli_support):
                setattr(module, "internal_error", original)  # noqa: B010
    return Run(code, out.getvalue(), err.getvalue(), time.perf_counter() - start, caught[0] if caught else None)


# Crashes of the text reader that are reported to its owner and not fixed here: the kind of
# exception and a function it passed through. The fuzzer counts them (``event``) instead of
# failing, so that any other crash still fails; ``test_fuzz_text_deep_and_long`` and the
# cases under tests/cases/ keep them visible (xfail) until they are fixed.
KNOWN_TEXT_CRASHES: dict[tuple[str, str], str] = {}  # none known: every crash fails


def known_text_crash(run: Run) -> str | None:
    if run.code != 3 or run.error is None:
        return None
    kind = type(run.error).__name__
    frames = {f.name for f in traceback.extract_tb(run.error.__traceback__)}
    for (known, where), why in KNOWN_TEXT_CRASHES.items():
        if kind == known and (not where or where in frames):
            return why
    return None


def plain_seconds(size: int, folder: Path) -> float:
    """Checking a plain file of ``size`` bytes (prose without figures), best of two."""
    plain = folder / "plain.txt"
    line = "Van ban thuong, khong co so lieu nao can kiem tra o day.\n"
    plain.write_text((line * (size // len(line) + 1))[: max(size, 1)], encoding="utf-8")
    return min(check(plain).seconds for _ in range(2))


def assert_sound(run: Run, limit: float, what: str) -> None:
    assert run.code in (0, 1, 2), f"{what}: exit {run.code}\n{run.err[-2000:]}"
    assert "Traceback" not in run.err and "Traceback" not in run.out, what
    assert run.seconds <= limit, f"{what}: {run.seconds:.2f} s > {limit:.2f} s"


def read_or_reported(text: str, run: Run) -> list[int]:
    """Line numbers that look like cost lines but are neither read nor given a finding."""
    if run.code not in (0, 1):
        return []
    doc = json.loads(run.out)
    seen: set[int] = set()
    for line in doc.get("lines", []):
        seen.add(line.get("line"))
        for step in line.get("steps", []):
            for q in [*step.get("factors", []), step.get("stated") or {}]:
                seen.add(q.get("line"))
    seen |= {f.get("line") for f in doc.get("findings", [])}
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return [i for i, line in enumerate(lines, 1) if all(p.search(line) for p in _COST_LIKE) and i not in seen]


def fuzz_text(text: str, folder: Path, known: bool = True, lines: bool = False) -> None:
    """Check ``text``: sound (exit, no traceback, time); with ``known``, the reported crashes
    of the text reader are counted rather than failed; with ``lines``, every cost-like line
    must be read or reported."""
    path = folder / "fuzz.txt"
    path.write_text(text, encoding="utf-8")
    run = check(path, "--format", "json")
    limit = max(RATIO * plain_seconds(len(text.encode()), folder), FLOOR)
    if run.seconds > limit:  # a busy machine: measure again before blaming the reader
        run = check(path, "--format", "json")
    why = known_text_crash(run) if known else None
    if why is not None:
        event(f"known text-reader crash: {why}")
        return
    assert_sound(run, limit, "text")
    if lines:
        missed = read_or_reported(text, run)
        assert not missed, f"cost-like lines neither read nor reported: {missed}"


# text: what to insert, what to mutate ---------------------------------------------------------

ODD_NUMBERS = [
    "1.5", "1,500", "46,980,000", "9.88", "800. 000", "5 000", "1..320", "1.234.567,5", "105,000", "0,5",
    "1E+400", "1e3", "NaN", "Infinity", "1_000", "１２３", "٣", "½", "-5", "+3", "(2)", "2)", "[3]",
    "50%", "0%", "100,5%", "3,0", "00012", ".5", "5.", ",5", "5,", "1.000.", "1.0.0.0", "—", "-",
]  # fmt: skip
TOKENS = [
    " x ", "x", "X", "×", " × ", "=", " = ", "==", "(", ")", "((", "))", ".", "..", "...", ",", ",,", ";", ":",
    " ", "\t", "\n", "\n\n", "/", "%", "đ", "đồng", "triệu đồng", "tỷ đồng", "nghìn đồng", "triệu", "tỷ",
    "người", "năm", "tháng", "lớp/khóa", "Tổng kinh phí:", "Tổng cộng", "IV. KINH PHÍ", "Trong đó:", "- ",
    "+ ", "* ", "a) ", "1. ", "I. ", "2.1. ", "x =", "= x", "\u00a0", "\u200b", "\ufeff", "\x0b", "\x0c",
]  # fmt: skip
_NUMBER = re.compile(r"[0-9][0-9.,]*")


# Runs of digits longer than this crash the text reader today (exit 3, reported to its owner):
# the main tests stay below it, ``test_fuzz_text_deep_and_long`` goes beyond (xfail until fixed).
SAFE_DIGITS = 18


@st.composite
def runs(draw: st.DrawFn, digits: int = SAFE_DIGITS) -> str:
    """Long runs of one character: digits, dots, commas, x, =, parentheses."""
    ch = draw(st.sampled_from(["9", "0", "1", ".", ",", "x", "=", "(", ")", " x 2", "1.", "1,", "9 "]))
    longest = digits if ch in ("9", "0", "1", "1.", "1,", "9 ") else 400
    return ch * draw(st.integers(1, longest))


@st.composite
def cost_lines(draw: st.DrawFn, digits: int = SAFE_DIGITS) -> str:
    """A cost line with odd numbers: ``label: a unit x b unit = c unit``."""
    number = st.one_of(st.sampled_from(ODD_NUMBERS), st.integers(0, 10**9).map(str), runs(digits))
    unit = st.sampled_from(["người", "triệu đồng/người", "năm", "lớp", "", "đồng", "nghìn đồng/buổi", "%"])
    factors = draw(st.lists(st.tuples(number, unit), min_size=1, max_size=5))
    product = " x ".join(f"{n} {u}".strip() for n, u in factors)
    return f"- Khoản chi: {product} = {draw(number)} {draw(unit)}".rstrip()


@st.composite
def nesting(draw: st.DrawFn, deepest: int) -> str:
    """Sections numbered ever deeper (1., 1.1., 1.1.1. ...), each with an amount."""
    depth = draw(st.integers(1, deepest))
    return "\n".join(".".join(["1"] * d) + f". Mục {d}: {d} triệu đồng" for d in range(1, depth + 1))


def _insert(text: str, at: int, piece: str) -> str:
    at = min(at, len(text))
    return text[:at] + piece + text[at:]


@st.composite
def mutated(draw: st.DrawFn, seeds: st.SearchStrategy[str], deepest: int = 15, digits: int = SAFE_DIGITS) -> str:
    """A document after one to six random edits."""
    text = draw(seeds)
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["insert", "delete", "number", "line", "duplicate", "swap", "nest", "run"]))
        at = draw(st.integers(0, max(len(text), 0)))
        if kind == "insert":
            text = _insert(text, at, draw(st.sampled_from(TOKENS + ODD_NUMBERS)))
        elif kind == "run":
            text = _insert(text, at, draw(runs(digits)))
        elif kind == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 40)) :]
        elif kind == "number":
            numbers = list(_NUMBER.finditer(text))
            if numbers:
                m = numbers[draw(st.integers(0, len(numbers) - 1))]
                new = draw(st.one_of(st.sampled_from(ODD_NUMBERS), runs(digits)))
                text = text[: m.start()] + new + text[m.end() :]
        else:
            lines = text.split("\n")
            i = draw(st.integers(0, len(lines) - 1))
            if kind == "line":
                lines.insert(i, draw(cost_lines(digits)))
            elif kind == "duplicate":
                lines.insert(i, lines[i])
            elif kind == "swap":
                j = draw(st.integers(0, len(lines) - 1))
                lines[i], lines[j] = lines[j], lines[i]
            else:
                lines.insert(i, draw(nesting(deepest)))
            text = "\n".join(lines)
    return text


HA_DONG_TEXT = HA_DONG.read_text(encoding="utf-8")
generated = plans.map(plan_text)
seeds = st.one_of(st.just(HA_DONG_TEXT), generated)


@FUZZ
@given(text=mutated(seeds))
def test_fuzz_text_reader(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        fuzz_text(text, Path(folder))


@FUZZ
@given(text=mutated(st.just("IV. KINH PHÍ THỰC HIỆN\n"), deepest=20))
def test_fuzz_text_from_scratch(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        fuzz_text(text, Path(folder))


@REPORTED
@given(text=st.one_of(mutated(seeds), mutated(st.just("IV. KINH PHÍ THỰC HIỆN\n"))))
def test_fuzz_text_cost_lines_read_or_reported(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        fuzz_text(text, Path(folder), lines=True)


@REPORTED
@given(text=mutated(seeds, deepest=400, digits=120), big=st.integers(30, 120))
def test_fuzz_text_deep_and_long(text: str, big: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        fuzz_text(text + f"\n- Lớn: {'9' * big} người x 2 triệu đồng = 5 triệu đồng\n", Path(folder), known=False)


# workbooks ----------------------------------------------------------------------------------


@cache
def bases() -> tuple[tuple[str, bytes, float], ...]:
    """(name, bytes, seconds to check it) of the workbooks mutated: a blank template and a
    checked budget written by the tool."""
    from budget.api import check_file
    from plancheck.workbook import save_workbook, with_workbook_findings
    from plancheck.xlsx.template import write_template

    folder = Path(tempfile.mkdtemp(prefix="fuzz-bases-"))
    template = folder / "mau.xlsx"
    write_template(template, TRIEU, rows=30)
    report, table = with_workbook_findings(check_file(HA_DONG))
    checked = folder / "kq.xlsx"
    save_workbook(report, table, checked)
    out = []
    for path in (template, checked):
        seconds = min(check(path).seconds for _ in range(2))
        out.append((path.name, path.read_bytes(), seconds))
    return tuple(out)


ODD_CELLS = [
    "1E+400", "9" * 80, "-0", "NaN", "inf", "1e-400", "", " ", "abc", "=1+1", "1.5.5", "1,5", "12.000", "1 000",
    "45292", "&amp;", "&#0;", "&#xFFFF;", "<", "]]>", "&undefined;", "0x10", "-", "1E5", "١٢٣", "\u00a0",
]  # fmt: skip
XML_PIECES = [
    b'<c r="XFD9"><v>1</v></c>', b"</row>", b"<row>", b'<row r="9999999">', b"<!DOCTYPE x>", b"&x;", b"<v>",
    b"</v>", b'<c r="A1" t="s"><v>99999</v></c>', b'<c r="B7" t="b"><v>2</v></c>', b'<c r="C7" t="e"><v>#N/A</v></c>',
    b'<c r="D7" t="d"><v>not a date</v></c>', b'<c r="E7" s="9999"><v>1</v></c>', b"\x00", b"\xff\xfe", b"]]>",
    b"<f>SUM(A1:A2)</f>", b'<c r="A0"/>', b'<c r="ZZZZ1"/>', b"<sheetData>", b"</sheetData>",
    b'<mergeCell ref="A1:XFD1048576"/>',
]  # fmt: skip
_CELL_TEXT = re.compile(rb"<(v|t)(?:\s[^>]*)?>([^<]*)</\1>")


def _rezip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


@st.composite
def mutated_workbook(draw: st.DrawFn) -> tuple[bytes, float]:
    _, data, seconds = draw(st.sampled_from(bases()))
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(["cell", "cell", "xml", "member", "truncate", "flip"]))
        if kind in ("truncate", "flip"):
            if not data:
                continue
            at = draw(st.integers(0, max(len(data) - 1, 0)))
            if kind == "truncate":
                data = data[:at]
            else:
                data = data[:at] + bytes([data[at] ^ draw(st.integers(1, 255))]) + data[at + 1 :]
            continue
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                members = {i.filename: z.read(i) for i in z.infolist()}
        except Exception:
            continue  # already broken by an earlier edit
        names = sorted(members)
        member = draw(st.sampled_from(names))
        if kind == "member":
            if draw(st.booleans()):
                del members[member]
            else:
                members[draw(st.sampled_from(["xl/extra.xml", member + ".bak", "xl/worksheets/sheet9.xml"]))] = members[
                    member
                ]
        elif kind == "cell":
            sheets = [n for n in names if n.startswith("xl/worksheets/")] or names
            member = draw(st.sampled_from(sheets))
            xml = members[member]
            cells = list(_CELL_TEXT.finditer(xml))
            if cells:
                m = cells[draw(st.integers(0, len(cells) - 1))]
                value = draw(st.one_of(st.sampled_from(ODD_CELLS), st.text(max_size=20))).encode("utf-8")
                xml = xml[: m.start(2)] + value + xml[m.end(2) :]
            members[member] = xml
        else:
            xml = members[member]
            at = draw(st.integers(0, len(xml)))
            edit = draw(st.sampled_from(["insert", "delete", "duplicate"]))
            if edit == "insert":
                xml = xml[:at] + draw(st.sampled_from(XML_PIECES)) + xml[at:]
            elif edit == "delete":
                xml = xml[:at] + xml[at + draw(st.integers(1, 200)) :]
            else:
                end = min(len(xml), at + draw(st.integers(1, 2000)))
                xml = xml[:end] + xml[at:end] + xml[end:]
            members[member] = xml
        data = _rezip(members)
    return data, seconds


@FUZZ
@given(case=mutated_workbook())
def test_fuzz_workbook_reader(case: tuple[bytes, float]) -> None:
    data, seconds = case
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.xlsx"
        path.write_bytes(data)
        run = check(path, "--format", "json")
        limit = max(RATIO * seconds, FLOOR)
        if run.seconds > limit:
            run = check(path, "--format", "json")
        assert_sound(run, limit, "workbook")


CSV_HEADER = ["STT", "Mục", "Dòng trong văn bản", "Nội dung", "Thừa số 1", "Đơn vị 1", "Thừa số 2", "Đơn vị 2",
              "Thành tiền tính (triệu đồng)", "Số ghi trong văn bản (triệu đồng)"]  # fmt: skip


@FUZZ
@given(
    rows=st.lists(
        st.lists(st.one_of(st.sampled_from(ODD_NUMBERS + ODD_CELLS), st.text(max_size=12)), min_size=0, max_size=14),
        max_size=12,
    ),
    delimiter=st.sampled_from([";", ",", "\t"]),
)
def test_fuzz_csv_reader(rows: list[list[str]], delimiter: str) -> None:
    header = delimiter.join(CSV_HEADER)
    text = header + "\n" + "\n".join(delimiter.join(r) for r in rows) + "\n"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.csv"
        path.write_text(text, encoding="utf-8")
        run = check(path, "--format", "json")
        assert_sound(run, max(RATIO * plain_seconds(len(text.encode()), Path(folder)), FLOOR), "csv")


# regression cases found by the fuzzer -------------------------------------------------------


def _cases() -> list[Any]:
    out = []
    for path in sorted(CASES.glob("*")):
        if path.suffix not in (".txt", ".xlsx", ".csv"):
            continue
        reason = path.with_suffix(path.suffix + ".xfail")
        marks = []
        if reason.exists():
            marks.append(pytest.mark.xfail(strict=False, reason=reason.read_text(encoding="utf-8").strip()))
        out.append(pytest.param(path, id=path.name, marks=marks))
    return out


@pytest.mark.parametrize("path", _cases())
def test_regression_case(path: Path, tmp_path: Path) -> None:
    """Each input the fuzzer once failed on: sound now (or xfail, with the reason beside it)."""
    run = check(path, "--format", "json")
    assert_sound(run, max(RATIO * plain_seconds(path.stat().st_size, tmp_path), FLOOR), path.name)
    if path.suffix == ".txt":
        text = path.read_text(encoding="utf-8")
        assert not read_or_reported(text, run), "cost-like lines neither read nor reported"


def save_case(name: str, data: bytes | str, reason: str | None = None) -> Path:
    """Keep a failing input as a regression case (used by hand when the fuzzer finds one)."""
    path = CASES / name
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    if reason:
        path.with_suffix(path.suffix + ".xfail").write_text(reason + "\n", encoding="utf-8")
    return path
