"""benchmarks/fidelity.py: strict scoring against answer keys, on a tiny corpus of our own.

The corpus (invented texts and keys) holds a document that agrees, a false error, a false KHỚP,
an unread line and a rounding-only line. It is scored twice: with canned answers from a fake
tool (every rule exercised exactly, whatever the checker does today) and with the real checker.
When the project's shared corpus scorer is present, both scorers run on the same corpus and must
give the same totals; fidelity.py's own numbers are asserted either way.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest

from benchmarks import fidelity as fd
from tests.helpers import ROOT, run_process

SCRIPT = ROOT / "benchmarks" / "fidelity.py"


def shared_scorer() -> Path | None:
    """The shared corpus scorer: ``$SHARED_SCORER``, else ``shared/tools/score-corpus.py`` beside
    a folder above this checkout (None when there is none)."""
    given = os.environ.get("SHARED_SCORER")
    if given:
        return Path(given) if Path(given).is_file() else None
    for folder in ROOT.parents:
        candidate = folder / "shared" / "tools" / "score-corpus.py"
        if candidate.is_file():
            return candidate
    return None


def cost_line(text: str, stated: str, consistent: bool, **extra: Any) -> dict[str, Any]:
    return {"line_text": text, "stated_result": {"written": stated, "value": stated}, "consistent": consistent, **extra}


def grand_total(written: str, value: str, consistent: bool) -> dict[str, Any]:
    return {"label": "Tổng cộng", "stated": {"written": written, "value": value}, "consistent": consistent}


# ------------------------------------------------------------------ the tiny corpus

A_LINE1 = "1. Thuê hội trường: 2 ngày x 1.500.000 đồng/ngày = 3.000.000 đồng"
A_LINE2 = "2. Tài liệu: 40 bộ x 30.000 đồng/bộ = 1.200.000 đồng"
B_LINE1 = "1. Hội trường: 1 ngày x 2.000.000 đồng = 2.000.000 đồng"
B_LINE2 = "2. Giải khát: 3 người x 200.000 đồng = 650.000 đồng"
C_LINE1 = "1. Khen thưởng: 4 người x 50.000 đồng = 200.000 đồng"
C_LINE2 = "2. Giấy khen: 4 tờ x 10.000 đồng = 40.000 đồng"
D_LINE1 = "1. In tài liệu: 30 bộ x (theo phụ lục) = 900.000 đồng"
D_LINE2 = "2. Phô tô: 100 trang x 500 đồng = 50.000 đồng"
E_LINE1 = "1. Hỗ trợ: 7 người x 142.857 đồng = 1.000.000 đồng"
E_LINE2 = "2. Đi lại: 2 chuyến x 300.000 đồng = 600.000 đồng"
F_LINE1 = "1. Văn phòng phẩm: 5 bộ x 20.000 đồng = 100.000 đồng"

TEXTS = {
    "a_khop": f"KẾ HOẠCH TẬP HUẤN NĂM 2025\n{A_LINE1}\n{A_LINE2}\nTổng cộng: 4.200.000 đồng\n"
    "Bằng chữ: Bốn triệu hai trăm nghìn đồng\n",
    "b_false_error": f"DỰ TOÁN HỘI NGHỊ\n{B_LINE1}\n{B_LINE2}\nTổng cộng: 2.650.000 đồng\n",
    "c_false_khop": f"KẾ HOẠCH KHEN THƯỞNG\n{C_LINE1}\n{C_LINE2}\nTổng cộng: 240.000 đồng\n",
    "d_unread": f"DỰ TOÁN IN ẤN\n{D_LINE1}\n{D_LINE2}\n",
    "e_rounding": f"DỰ TOÁN HỖ TRỢ\n{E_LINE1}\n{E_LINE2}\nTổng cộng: 1.600.000 đồng\n",
    "f_crash": f"DỰ TOÁN VĂN PHÒNG PHẨM\n{F_LINE1}\n",
}
KEYS: dict[str, dict[str, Any]] = {
    "a_khop": {
        "cost_lines": [cost_line(A_LINE1, "3000000", True), cost_line(A_LINE2, "1200000", True)],
        "grand_total": grand_total("4.200.000", "4200000", True),
        "amount_in_words_checks": [{"written": "4.200.000", "value": "4200000", "consistent": True}],
    },
    # the key holds 650.000 right (a figure agreed outside the text): an error on it is false
    "b_false_error": {
        "cost_lines": [cost_line(B_LINE1, "2000000", True), cost_line(B_LINE2, "650000", True)],
        "grand_total": grand_total("2.650.000", "2650000", True),
    },
    # the key holds 200.000 wrong (the rate is 60.000): a KHỚP here is a false KHỚP
    "c_false_khop": {
        "cost_lines": [cost_line(C_LINE1, "200000", False), cost_line(C_LINE2, "40000", True)],
        "grand_total": grand_total("240.000", "240000", True),
    },
    # the first line cannot be read; the key holds its figure wrong
    "d_unread": {"cost_lines": [cost_line(D_LINE1, "900000", False), cost_line(D_LINE2, "50000", True)]},
    # 7 × 142.857 = 999.999, written 1.000.000: a rounding, not an inconsistency
    "e_rounding": {
        "cost_lines": [
            cost_line(E_LINE1, "1000000", False, rounding=True),
            cost_line(E_LINE2, "600000", True),
            cost_line("3. Không có trong văn bản", "5", True, verifiable=False),
        ],
        "grand_total": grand_total("1.600.000", "1600000", True),
        "section_subtotals": [{"label": "Mục không ghi", "stated": None, "consistent": None}],
    },
    "f_crash": {"cost_lines": [cost_line(F_LINE1, "100000", True)]},
}


def line(at: int, value: str, ok: bool | None) -> dict[str, Any]:
    stated = {"value": value, "unit": "đồng"}
    return {"line": at, "stated": stated, "ok": ok, "steps": [{"stated": {**stated, "line": at}, "ok": ok}]}


def chain(at: int, *steps: tuple[str, bool | None]) -> dict[str, Any]:
    return {
        "line": at,
        "stated": {"value": steps[-1][0], "unit": "đồng"},
        "ok": all(ok for _, ok in steps),
        "steps": [{"stated": {"value": v, "line": at}, "ok": ok} for v, ok in steps],
    }


def total(at: int, value: str, ok: bool | None) -> dict[str, Any]:
    return {"kind": "total", "line": at, "stated": value, "computed": value, "ok": ok}


def finding(code: str, severity: str, at: int | None, actual: str | None = None, **extra: Any) -> dict[str, Any]:
    return {"code": code, "severity": severity, "line": at, "actual": actual, **extra}


def answer(kind: str, lines: list[Any], sums: list[Any], findings: list[Any], rc: int, **extra: Any) -> dict:
    return {"rc": rc, "json": {"verdict": {"kind": kind}, "lines": lines, "sums": sums, "findings": findings}, **extra}


# What a fake tool answers for each document: every rule of the scorer met once.
ANSWERS = {
    "a_khop": answer("ok", [line(2, "3000000", True), line(3, "1200000", True)], [total(4, "4200000", True)], [], 0),
    "b_false_error": answer(
        "errors",
        [line(2, "2000000", True), line(3, "650000", False)],  # the second: read, verdict unlike the key's
        [total(4, "2650000", True)],
        [
            finding("PRODUCT_MISMATCH", "error", 3, "650000", expected="600000"),  # a false error
            finding("UNIT_NOT_MONEY", "error", 2),  # no figure, far from any inconsistency: false too
        ],
        1,
    ),
    "c_false_khop": answer(
        "ok",
        [line(2, "200000", True), line(3, "40000", True)],
        [total(4, "240000", True)],
        [finding("UNCHECKED_AMOUNT", "warning", 2, "200000")],  # "not checked" finds nothing
        0,
    ),
    "d_unread": answer(
        "incomplete",
        [line(3, "50000", True)],
        [{"kind": "section", "line": 2, "stated": "900000", "computed": None, "ok": None}],  # unchecked: never counts
        [
            finding("COSTLINE_UNREADABLE", "warning", 2),
            finding("UNCHECKED_AMOUNT", "warning", 2, "900000"),
            finding("UNIT_NOT_MONEY", "error", 3),  # no figure, a line from the inconsistency: excused
        ],
        1,
    ),
    "e_rounding": answer(
        "ok",
        [line(2, "1000000", False), chain(3, ("300000", True), ("600000", True))],
        [total(4, "1600000", True)],
        [finding("PRODUCT_ROUNDING", "warning", 2, "1000000")],  # a warning, not an error, on the line
        0,
    ),
    "f_crash": answer("ok", [line(2, "100000", True)], [], [], 3, stderr="Traceback (most recent call last):\nBoom\n"),
}

FAKE_TOOL = """import json, pathlib, sys
assert sys.argv[1] == "check" and sys.argv[3:] == ["--format", "json"], sys.argv
answer = json.loads(pathlib.Path(sys.argv[2][: -len(".txt")] + ".answer.json").read_text(encoding="utf-8"))
sys.stdout.write(json.dumps(answer["json"], ensure_ascii=False))
sys.stderr.write(answer.get("stderr", ""))
sys.exit(answer["rc"])
"""

# fidelity.py's numbers on the tiny corpus: with the fake tool's answers, and with the checker
FAKE_TOTAL = "TOTAL lines 8/11; sums 4/4; inconsistencies 0/2; false errors 2; false KHỚP 1; crashes 1"
REAL_TOTAL = "TOTAL lines 7/11; sums 4/4; inconsistencies 0/2; false errors 2; false KHỚP 1; crashes 0"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for doc, text in TEXTS.items():
        (folder / f"{doc}.txt").write_text(text, encoding="utf-8")
        (folder / f"{doc}.expected.json").write_text(json.dumps(KEYS[doc], ensure_ascii=False), encoding="utf-8")
        (folder / f"{doc}.answer.json").write_text(json.dumps(ANSWERS[doc], ensure_ascii=False), encoding="utf-8")
    return folder


@pytest.fixture
def fake_tool(tmp_path: Path) -> Path:
    """An executable answering ``check FILE --format json`` from ``FILE.answer.json``."""
    script = tmp_path / "fake-budget"
    script.write_text(f"#!{sys.executable}\n{FAKE_TOOL}", encoding="utf-8")
    script.chmod(0o755)
    return script


def fidelity(*args: str) -> list[str]:
    p = run_process([sys.executable, SCRIPT, *args], timeout=600)
    assert p.returncode == 0, p.stderr
    return p.stdout.splitlines()


def shared(scorer: Path, folder: Path, tool: Path) -> list[str]:
    p = run_process([sys.executable, scorer, folder], env={"BUDGET": str(tool)}, timeout=600)
    assert p.returncode == 0, p.stderr
    return p.stdout.splitlines()


def numbers(row: str) -> list[str]:
    """The figures of a scorer's row, whatever its layout: ``8/11``, ``2`` ..."""
    return [w.strip(";") for w in row.split() if w.strip(";").replace("/", "").isdigit()]


# ------------------------------------------------------------------ the corpus, both scorers


def test_fake_tool_numbers(corpus: Path, fake_tool: Path) -> None:
    out = fidelity(str(corpus), "--tool-cmd", str(fake_tool), "--json")
    docs = {d["doc"]: d for d in json.loads("\n".join(out))["documents"]}
    got = {doc: [d[k] for k in fd.COUNTS] for doc, d in docs.items()}
    #              lines  of  sums of  incons of  false khop crash
    assert got == {
        "a_khop": [2, 2, 1, 1, 0, 0, 0, 0, 0],
        "b_false_error": [1, 2, 1, 1, 0, 0, 2, 0, 0],
        "c_false_khop": [1, 2, 1, 1, 0, 1, 0, 1, 0],
        "d_unread": [1, 2, 0, 0, 0, 1, 0, 0, 0],
        "e_rounding": [2, 2, 1, 1, 0, 0, 0, 0, 0],
        "f_crash": [1, 1, 0, 0, 0, 0, 0, 0, 1],
    }
    assert [d["read_at"] for d in docs["e_rounding"]["details"]["lines"]] == [2, 3]
    assert docs["f_crash"]["note"] == "tool failed (exit 3): Boom"
    assert fidelity(str(corpus), "--tool-cmd", str(fake_tool))[-1] == FAKE_TOTAL


def test_real_tool_numbers(corpus: Path) -> None:
    out = fidelity(str(corpus))
    assert out[-1] == REAL_TOTAL
    rows = {r.split()[0]: numbers(r) for r in out[:-2]}
    assert rows["d_unread"] == ["1/2", "0/0", "0/1", "0", "0", "0"]  # the unread line: not read, and no KHỚP
    assert rows["e_rounding"] == ["1/2", "1/1", "0/0", "1", "0", "0"]  # an error on a rounding-only line
    assert out[-2] == "coverage: 14/15 amounts checked; 1 UNCHECKED_AMOUNT findings"


SCORER = shared_scorer()
needs_shared = pytest.mark.skipif(SCORER is None, reason="the shared corpus scorer is not in this checkout's tree")


@needs_shared
def test_same_totals_as_the_shared_scorer_on_fake_answers(corpus: Path, fake_tool: Path) -> None:
    assert SCORER is not None
    theirs = shared(SCORER, corpus, fake_tool)
    ours = fidelity(str(corpus), "--tool-cmd", str(fake_tool))
    assert theirs[-1] == ours[-1] == FAKE_TOTAL
    assert [numbers(r) for r in theirs[:-1]] == [numbers(r) for r in ours[:-2]]  # document by document


@needs_shared
def test_same_totals_as_the_shared_scorer_on_the_checker(corpus: Path) -> None:
    assert SCORER is not None
    budget = shutil.which("budget", path=str(Path(sys.executable).parent))
    assert budget is not None, "the checker's console script is installed beside this python"
    theirs = shared(SCORER, corpus, Path(budget))
    ours = fidelity(str(corpus), "--tool-cmd", shlex.quote(budget))
    assert theirs[-1] == ours[-1] == REAL_TOTAL
    assert [numbers(r) for r in theirs[:-1]] == [numbers(r) for r in ours[:-2]]


def test_several_directories_and_none(corpus: Path, fake_tool: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    other.mkdir()
    for suffix in (".txt", ".expected.json", ".answer.json"):
        shutil.copy(corpus / f"a_khop{suffix}", other / f"z_copy{suffix}")
    out = fidelity(str(corpus), str(other), str(tmp_path / "absent"), "--tool-cmd", str(fake_tool))
    assert [r.split()[0] for r in out[:-2]] == [*TEXTS, "z_copy"]
    assert out[-1] == "TOTAL lines 10/13; sums 5/5; inconsistencies 0/2; false errors 2; false KHỚP 1; crashes 1"
    (tmp_path / "lonely.expected.json").write_text("{}", encoding="utf-8")  # no text beside it
    assert fd.main([str(tmp_path)]) == 2
    assert fd.main([str(tmp_path / "absent")]) == 2


# ------------------------------------------------------------------ the rules, one by one

TEXT = "DỰ TOÁN\n1. Ăn trưa: 10 người x 50.000 đồng = 500.000 đồng\n\n\n\n2. Nước: 10 chai x 5.000 đồng = 50.000 đồng\n"
KEY = {
    "cost_lines": [
        cost_line("1. Ăn trưa: 10 người x 50.000 đồng = 500.000 đồng", "500000", False),
        cost_line("2. Nước: 10 chai x 5.000 đồng = 50.000 đồng", "50000", True),
    ]
}


def tool(lines: list[Any] | None = None, findings: list[Any] | None = None, **extra: Any) -> dict[str, Any]:
    return {"lines": lines or [], "findings": findings or [], **extra}


def test_line_read_within_two_lines_with_the_key_verdict() -> None:
    assert fd.score(KEY, TEXT, tool([line(4, "500000", False)])).lines == 1  # two lines below: near
    assert fd.score(KEY, TEXT, tool([line(5, "500000", False)])).lines == 0  # three: too far
    assert fd.score(KEY, TEXT, tool([line(2, "500000", True)])).lines == 0  # read, verdict unlike the key's
    assert fd.score(KEY, TEXT, tool([line(2, "500000", None)])).lines == 0  # not checked
    assert fd.score(KEY, TEXT, tool([line(2, "500000.00", False)])).lines == 1  # figures compare as numbers


def test_each_tool_result_used_once() -> None:
    key = {"cost_lines": [cost_line("1. Ăn trưa", "500000", True), cost_line("1. Ăn trưa", "500000", True)]}
    assert fd.score(key, TEXT, tool([line(2, "500000", True)])).lines == 1
    assert fd.score(key, TEXT, tool([line(2, "500000", True), line(2, "500000", True)])).lines == 2


def test_inconsistency_found_only_by_a_verdict_finding() -> None:
    unread = [finding("UNCHECKED_AMOUNT", "warning", 2, "500000"), finding("NUMBER_MALFORMED", "warning", 2, "500000")]
    assert fd.score(KEY, TEXT, tool(findings=unread)).incons == 0
    assert fd.score(KEY, TEXT, tool(findings=[finding("PRODUCT_MISMATCH", "warning", 9, "500000")])).incons == 1
    assert fd.score(KEY, TEXT, tool(findings=[finding("PRODUCT_MISMATCH", "info", 2, "500000")])).incons == 0


def test_false_errors() -> None:
    findings = [
        finding("PRODUCT_MISMATCH", "error", 2, "500000"),  # the inconsistency itself
        finding("PRODUCT_MISMATCH", "error", 6, "45000", expected="500000"),  # its figure as expected
        finding("UNIT_NOT_MONEY", "error", 3),  # no figure, a line from it
        finding("UNIT_NOT_MONEY", "error", 6),  # no figure, far from it: false
        finding("PRODUCT_MISMATCH", "error", 6, "50000"),  # a figure the key holds right: false
        finding("UNIT_RESIDUAL", "warning", 6, "50000"),  # a warning is no false error
    ]
    s = fd.score(KEY, TEXT, tool(findings=findings))
    assert s.false == 2
    assert [f["line"] for f in s.details["false_errors"]] == [6, 6]


def test_false_khop_needs_exit_0_and_verdict_ok() -> None:
    ok = tool([line(2, "500000", True)], verdict={"kind": "ok"})
    assert fd.score(KEY, TEXT, ok, rc=0).khop == 1
    assert fd.score(KEY, TEXT, ok, rc=1).khop == 0
    assert fd.score(KEY, TEXT, {**ok, "verdict": {"kind": "incomplete"}}, rc=0).khop == 0
    found = {**ok, "findings": [finding("PRODUCT_MISMATCH", "error", 2, "500000")]}
    assert fd.score(KEY, TEXT, found, rc=0).khop == 0


def test_sums_from_sections_and_total_when_sums_are_absent() -> None:
    text = "DỰ TOÁN\nI. Chi A: 300 triệu đồng\nII. Chi B: 200 triệu đồng\nTổng cộng: 600 triệu đồng\n"
    key = {
        "section_subtotals": [
            {"label": "I. Chi A", "stated": {"written": "300", "value": "300"}, "consistent": True},
            {"label": "II. Chi B", "stated": {"written": "200", "value": "200"}, "consistent": None},
        ],
        "grand_total": grand_total("600", "600", False),
    }
    answer = tool(
        sections=[{"line": 2, "stated": "300", "ok": True}, {"line": 3, "stated": "200", "ok": True}],
        total={"line": 4, "stated": "600", "ok": False},
        findings=[finding("TOTAL_MISMATCH", "error", 4, "600")],
    )
    s = fd.score(key, text, answer)
    assert (s.sums, s.sums_of, s.incons, s.incons_of, s.false) == (2, 2, 1, 1, 0)
    far = tool(sums=[{"line": 9, "stated": "300", "ok": True}])  # more than three lines from its label
    assert fd.score(key, text, far).sums == 0


def test_crash_still_scores_what_json_there_is() -> None:
    s = fd.score(KEY, TEXT, tool([line(6, "50000", True)]), rc=3)
    assert (s.crash, s.lines) == (1, 1)
    assert fd.score(KEY, TEXT, None).crash == 1
    assert fd.score(KEY, TEXT, tool(), stderr="Traceback (most recent call last):").crash == 1
