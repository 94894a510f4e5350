"""Fidelity: score ``check --format json`` against the hand-built answer keys of corpora.

Run: python benchmarks/fidelity.py DIR [DIR ...] [--json] [--tool-cmd "budget"] [--jobs N]

For every ``X.expected.json`` with its ``X.txt`` beside it, in every DIR, the tool runs as a
subprocess, ``TOOL check DIR/X.txt --format json``, two documents at a time. TOOL is
``--tool-cmd`` (split like a shell command line), else ``$BUDGET``, else
``sys.executable -m plancheck`` (the checkout under test).

The rules are strict, and the same as the project's shared corpus scorer (a test runs both on
one corpus and compares their totals); ``score`` is a pure function of the key, the text and
the tool's answer:

- **lines**: every key ``cost_lines[]`` entry whose ``verifiable`` is not false. The tool's
  product results are its ``lines[]``: each step of a chain (a line with several ``steps``) at
  its ``stated.line``, else the line itself. A key line counts when a tool result not yet used
  stands within two lines of where the key's ``line_text`` stands in the text (else of where
  its stated figure is written), states the same figure and has a verdict (``ok`` true or false,
  never unchecked) equal to the key's ``consistent``. A rounding-only key line (``rounding``, or
  ``inconsistency_kind: rounding``) counts when read there with a verdict and no error finding
  on that line. Each tool result is used once, first come first served.
- **sums**: every key ``section_subtotals[]`` entry and the ``grand_total`` with a stated figure
  and a non-null ``consistent``, not ``verifiable: false``. The tool's sums are ``sums[]`` (or,
  from an older JSON, ``sections[]`` and ``total``). A key sum counts when an unused tool sum
  states the same figure, has a verdict equal to the key's and stands within three lines of the
  key's place (its label's line near its written figure), when both places are known.
- **inconsistencies**: the key's hard inconsistencies (lines that are not rounding-only, sums,
  amounts in words with ``consistent: false``). One is found when an error or warning finding
  has the stated figure as its ``actual``; findings that only say something was not checked
  (``UNCHECKED_*``, ``NUMBER_*``, ``COSTLINE_UNREADABLE``, ``TABLE_ROW_NO_AMOUNT``,
  ``SECTION_NO_AMOUNT``) never count.
- **false errors**: every error finding whose ``actual`` (or ``expected``) is no hard
  inconsistency's figure; one without a figure is excused within a line of a hard
  inconsistency's place.
- **false KHỚP**: 1 when the tool exits 0 with verdict ``ok`` (or none) on a document with a hard
  inconsistency it did not find.
- **crash**: an exit code other than 0 and 1, a traceback on stderr, or no JSON; what JSON there
  is still scores.

The script measures, it does not judge: it exits 0 whenever it ran, and 2 when no DIR holds a
key with its text beside it. It prints a row per document, a coverage line (amounts found and
checked, as the tool reports them) and the TOTAL row last; ``--json`` prints the same figures,
with each key item's fate, as one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shlex
import subprocess
import sys
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

TIMEOUT_S = 300
KEY_SUFFIX = ".expected.json"
LINE_SLACK = 2  # a key line's tool result stands within this many lines of the key's place
SUM_SLACK = 3  # a key sum's, and a written figure's distance from its label
# Findings that say only that something was not read or not checked: never a verdict on a figure.
NOT_A_VERDICT = re.compile(r"^(?:UNCHECKED|NUMBER_|COSTLINE_UNREADABLE|TABLE_ROW_NO_AMOUNT|SECTION_NO_AMOUNT)")
_BLANKS = re.compile(r"[\s_]+")
_PROBES = (60, 30, 15)  # prefixes of a key text tried in turn to find its line
_SHORTEST_PROBE = 6

COUNTS = ("lines", "lines_of", "sums", "sums_of", "incons", "incons_of", "false", "khop", "crash")


# --------------------------------------------------------------------------- values and places


def dec(value: Any) -> Decimal | None:
    """A figure from JSON (``{"value": ...}``, ``{"amount": ...}`` or a bare value), normalised."""
    if value is None:
        return None
    if isinstance(value, dict):
        value = value.get("value", value.get("amount"))
    try:
        return Decimal(str(value)).normalize()
    except (InvalidOperation, ValueError):
        return None


def fold(text: str) -> str:
    return _BLANKS.sub(" ", text).strip().lower()


def _as_list(value: Any) -> list[Any]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _as_dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


class Places:
    """Where a key's text (``line_text``, ``label``) or written figure stands: 1-based line numbers."""

    def __init__(self, text: str):
        self.lines = text.split("\n")
        self.folded = [fold(line) for line in self.lines]

    def of_text(self, snippet: str) -> set[int]:
        if not snippet:
            return set()
        if "->" in snippet:  # a path "section -> row": the row's first place after the section's
            head, tail = snippet.split("->", 1)[0], snippet.rsplit("->", 1)[-1]
            start = min(self.of_text(head) or {0})
            after = sorted(p for p in self.of_text(tail) if p >= start)
            return {after[0]} if after else self.of_text(head)
        first = fold(snippet.split("\n")[0])
        out: set[int] = set()
        for width in _PROBES:
            probe = first[:width]
            if len(probe) < _SHORTEST_PROBE:
                continue
            out = {i + 1 for i, line in enumerate(self.folded) if probe in line}
            if out:
                break
        if not out:  # a snippet that runs over several physical lines
            out = self._across_lines(first[:30])
        extra = snippet.count("\n")
        return {p + k for p in out for k in range(extra + 1)}

    def _across_lines(self, probe: str) -> set[int]:
        pos = " ".join(self.folded).find(probe)
        if pos < 0:
            return set()
        end = 0
        for i, line in enumerate(self.folded):
            end += len(line) + 1
            if end > pos:
                return {i + 1}
        return set()

    def of_figure(self, written: str | None) -> set[int]:
        if not written:
            return set()
        figure = re.compile(r"(?<![\d.,])" + re.escape(written) + r"(?!\d)")
        return {i + 1 for i, line in enumerate(self.lines) if figure.search(line)}


def near(line: Any, places: set[int], slack: int = LINE_SLACK) -> bool:
    if line is None or not places:
        return False
    try:
        at = int(line)
    except (TypeError, ValueError):
        return False
    return any(abs(at - p) <= slack for p in places)


# --------------------------------------------------------------------------- the tool's JSON


@dataclass(frozen=True)
class Result:
    """One judged figure of the tool: where it stands, the figure, the verdict (None: unchecked)."""

    line: Any
    stated: Decimal | None
    ok: Any


def tool_lines(tool: dict[str, Any]) -> list[Result]:
    """The tool's product results: each step of a chain at its own line, else the line itself."""
    out = []
    for line in _as_list(tool.get("lines")):
        steps = _as_list(line.get("steps"))
        if len(steps) > 1:  # a chain: each "= figure" is a result of its own
            for st in steps:
                out.append(
                    Result(
                        _as_dict(st.get("stated")).get("line", line.get("line")), dec(st.get("stated")), st.get("ok")
                    )
                )
        else:
            out.append(Result(line.get("line"), dec(line.get("stated")), line.get("ok")))
    return out


def tool_sums(tool: dict[str, Any]) -> list[Result]:
    """The tool's sums, or (an older JSON without ``sums``) its sections and total."""
    sums = [Result(s.get("line"), dec(s.get("stated")), s.get("ok")) for s in _as_list(tool.get("sums"))]
    if sums:
        return sums
    sums = [Result(s.get("line"), dec(s.get("stated")), s.get("ok")) for s in _as_list(tool.get("sections"))]
    total = _as_dict(tool.get("total"))
    sums.append(Result(total.get("line"), dec(total.get("stated")), total.get("ok")))
    return sums


def _severity(finding: dict[str, Any]) -> str:
    return str(finding.get("severity", "")).lower()


# --------------------------------------------------------------------------- scoring


@dataclass
class DocScore:
    doc: str
    lines: int = 0
    lines_of: int = 0
    sums: int = 0
    sums_of: int = 0
    incons: int = 0
    incons_of: int = 0
    false: int = 0
    khop: int = 0
    crash: int = 0
    amounts_found: int | None = None
    amounts_checked: int | None = None
    unchecked: int = 0  # UNCHECKED_AMOUNT findings
    note: str = ""
    details: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


def score(
    key: dict[str, Any], text: str, tool: dict[str, Any] | None, rc: int = 0, stderr: str = "", doc: str = "?"
) -> DocScore:
    """Score one document: ``key`` the answer key, ``text`` the document as read (universal
    newlines), ``tool`` the tool's JSON (None when there was none), ``rc`` its exit code."""
    out = DocScore(doc)
    details: dict[str, list[dict[str, Any]]] = {"lines": [], "sums": [], "inconsistencies": [], "false_errors": []}
    out.details = details
    if tool is None or rc not in (0, 1) or "Traceback" in stderr:
        out.crash = 1
    tool = tool if isinstance(tool, dict) else {}
    places = Places(text)
    findings = _as_list(tool.get("findings"))
    errors = [f for f in findings if _severity(f) == "error"]
    verdicts = [
        f for f in findings if _severity(f) in ("error", "warning") and not NOT_A_VERDICT.match(str(f.get("code", "")))
    ]
    hard: list[tuple[Decimal | None, set[int]]] = []

    results = tool_lines(tool)
    used: set[int] = set()
    for c in _as_list(key.get("cost_lines")):
        if c.get("verifiable") is False:
            continue
        figure = dec(c.get("stated_result"))
        written = _as_dict(c.get("stated_result")).get("written")
        at = places.of_text(c.get("line_text") or "") or places.of_figure(written)
        rounding = bool(c.get("rounding")) or c.get("inconsistency_kind") == "rounding"
        out.lines_of += 1
        hit = None
        for i, r in enumerate(results):
            if i in used or r.stated != figure or not near(r.line, at):
                continue
            if rounding:
                good = r.ok is not None and not any(near(f.get("line"), {int(r.line)}, 0) for f in errors)
            else:
                good = r.ok is not None and bool(r.ok) == bool(c.get("consistent"))
            if good:
                used.add(i)
                hit = r
                break
        out.lines += hit is not None
        details["lines"].append(
            {
                "text": _short(c.get("line_text")),
                "stated": _plain(figure),
                "places": sorted(at),
                "rounding": rounding,
                "read_at": None if hit is None else hit.line,
            }
        )
        if c.get("consistent") is False and not rounding:
            hard.append((figure, at))

    sums = tool_sums(tool)
    used = set()
    key_sums = _as_list(key.get("section_subtotals"))
    if isinstance(key.get("grand_total"), dict):
        key_sums.append(key["grand_total"])
    for s in key_sums:
        figure = dec(s.get("stated"))
        if figure is None or s.get("consistent") is None or s.get("verifiable") is False:
            continue
        written = _as_dict(s.get("stated")).get("written")
        at = places.of_text(s.get("label") or "") or places.of_figure(written)
        if written:
            figures = places.of_figure(written)
            at = {p for p in at if near(p, figures, SUM_SLACK)} or figures or at
        out.sums_of += 1
        hit = None
        for i, r in enumerate(sums):
            if i in used or r.stated != figure or r.ok is None:
                continue
            if at and r.line is not None and not near(r.line, at, SUM_SLACK):
                continue
            if bool(r.ok) == bool(s.get("consistent")):
                used.add(i)
                hit = r
                break
        out.sums += hit is not None
        details["sums"].append(
            {
                "label": _short(s.get("label")),
                "stated": _plain(figure),
                "places": sorted(at),
                "read_at": None if hit is None else hit.line,
            }
        )
        if s.get("consistent") is False:
            hard.append((figure, at))

    for w in _as_list(key.get("amount_in_words_checks")):
        figure = dec(w.get("value"))
        if w.get("consistent") is False and figure is not None:
            hard.append((figure, places.of_figure(w.get("written"))))

    out.incons_of = len(hard)
    missed = 0
    for figure, at in hard:
        found = any(dec(f.get("actual")) == figure for f in verdicts)
        out.incons += found
        missed += not found
        details["inconsistencies"].append({"stated": _plain(figure), "places": sorted(at), "found": found})
    hard_figures = {figure for figure, _ in hard}
    hard_places: set[int] = set().union(*(at for _, at in hard))
    for f in errors:
        actual, expected = dec(f.get("actual")), dec(f.get("expected"))
        if actual is not None and (actual in hard_figures or expected in hard_figures):
            continue
        if actual is None and near(f.get("line"), hard_places, 1):
            continue
        out.false += 1
        details["false_errors"].append({"code": f.get("code"), "line": f.get("line"), "actual": f.get("actual")})
    kind = _as_dict(tool.get("verdict")).get("kind")
    out.khop = int(missed > 0 and rc == 0 and kind in ("ok", None))

    summary = _as_dict(tool.get("summary"))
    for name in ("amounts_found", "amounts_checked"):
        value = summary.get(name)
        if isinstance(value, int) and not isinstance(value, bool):
            setattr(out, name, value)
    out.unchecked = sum(1 for f in findings if f.get("code") == "UNCHECKED_AMOUNT")
    return out


def _plain(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _short(text: Any, width: int = 60) -> str:
    s = " ".join(str(text or "").split())
    return s if len(s) <= width else s[: width - 1] + "…"


def total(scores: Sequence[DocScore]) -> DocScore:
    """The TOTAL row: every count added up; coverage over the documents that report it."""
    out = DocScore("TOTAL")
    for name in (*COUNTS, "unchecked"):
        setattr(out, name, sum(getattr(s, name) for s in scores))
    for name in ("amounts_found", "amounts_checked"):
        values = [getattr(s, name) for s in scores if getattr(s, name) is not None]
        setattr(out, name, sum(values) if values else None)
    return out


# --------------------------------------------------------------------------- running the tool


def default_tool_cmd() -> list[str]:
    """``$BUDGET`` when set, else this interpreter running ``plancheck``."""
    exe = os.environ.get("BUDGET")
    return [exe] if exe else [sys.executable, "-m", "plancheck"]


@dataclass(frozen=True)
class Run:
    rc: int
    tool: dict[str, Any] | None
    stderr: str


def run_tool(cmd: Sequence[str], path: Path) -> Run:
    """``TOOL check PATH --format json``: its exit code, its JSON (None when there is none), stderr."""
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    try:
        p = subprocess.run(
            [*cmd, "check", str(path), "--format", "json"], capture_output=True, timeout=TIMEOUT_S, env=env
        )
    except FileNotFoundError:
        return Run(127, None, f"{cmd[0]}: not found")
    except subprocess.TimeoutExpired:
        return Run(124, None, "timeout")
    stdout = p.stdout.decode("utf-8", errors="replace")
    stderr = p.stderr.decode("utf-8", errors="replace")
    try:
        data = json.loads(stdout)
    except json.JSONDecodeError:
        return Run(p.returncode, None, stderr + stdout[:500])
    return Run(p.returncode, data if isinstance(data, dict) else None, stderr)


def _first_line(stderr: str) -> str:
    """The first non-empty line of stderr; for a Python traceback, its last line (the exception)."""
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    if not lines:
        return ""
    return lines[-1] if lines[0].startswith("Traceback") else lines[0]


def corpus_pairs(directory: Path) -> list[tuple[str, Path, Path]]:
    """(doc, key path, text path) for every key with its text beside it, sorted by name."""
    pairs = []
    for key_path in sorted(directory.glob("*" + KEY_SUFFIX)):
        doc = key_path.name.removesuffix(KEY_SUFFIX)
        text_path = key_path.with_name(doc + ".txt")
        if text_path.is_file():
            pairs.append((doc, key_path, text_path))
        else:
            print(f"fidelity: {key_path.name} has no {text_path.name} beside it; skipped", file=sys.stderr)
    return pairs


def score_document(cmd: Sequence[str], doc: str, key_path: Path, text_path: Path) -> DocScore:
    key = json.loads(key_path.read_text(encoding="utf-8"))
    text = text_path.read_text(encoding="utf-8", errors="replace")
    run = run_tool(cmd, text_path)
    result = score(key, text, run.tool, run.rc, run.stderr, doc)
    if result.crash:
        why = _first_line(run.stderr)
        result.note = f"tool failed (exit {run.rc})" + (f": {_short(why, 100)}" if why else "")
    return result


def score_corpus(pairs: Sequence[tuple[str, Path, Path]], cmd: Sequence[str], jobs: int = 2) -> list[DocScore]:
    """Every document scored, ``jobs`` tool runs at a time, in the order of ``pairs``."""
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        return list(pool.map(lambda p: score_document(cmd, *p), pairs))


# --------------------------------------------------------------------------- output


def row(s: DocScore) -> str:
    line = (
        f"{s.doc:28s} lines {s.lines}/{s.lines_of}  sums {s.sums}/{s.sums_of}  "
        f"inconsistencies {s.incons}/{s.incons_of}  false errors {s.false}  false KHỚP {s.khop}  crash {s.crash}"
    )
    return line + (f"  ({s.note})" if s.note else "")


def coverage_line(t: DocScore) -> str:
    found = "-" if t.amounts_found is None else str(t.amounts_found)
    checked = "-" if t.amounts_checked is None else str(t.amounts_checked)
    return f"coverage: {checked}/{found} amounts checked; {t.unchecked} UNCHECKED_AMOUNT findings"


def total_line(t: DocScore) -> str:
    return (
        f"TOTAL lines {t.lines}/{t.lines_of}; sums {t.sums}/{t.sums_of}; "
        f"inconsistencies {t.incons}/{t.incons_of}; false errors {t.false}; "
        f"false KHỚP {t.khop}; crashes {t.crash}"
    )


def table(scores: Sequence[DocScore]) -> str:
    """A row per document, the coverage line, and the TOTAL row last."""
    t = total(scores)
    return "\n".join([*(row(s) for s in scores), coverage_line(t), total_line(t)])


def as_json(scores: Sequence[DocScore], cmd: Sequence[str]) -> dict[str, Any]:
    return {
        "tool_cmd": list(cmd),
        "documents": [asdict(s) for s in scores],
        "total": {k: v for k, v in asdict(total(scores)).items() if k not in ("details", "note")},
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Score the checker against corpus answer keys (strict rules).")
    parser.add_argument("directories", type=Path, nargs="+", help="folders with X.txt and X.expected.json pairs")
    parser.add_argument("--json", action="store_true", help="print JSON instead of the table")
    parser.add_argument("--tool-cmd", help='the tool, e.g. "budget" (default: $BUDGET, else this python -m plancheck)')
    parser.add_argument("--jobs", type=int, default=2, help="documents run in parallel (default 2)")
    args = parser.parse_args(argv)
    pairs = []
    for directory in args.directories:
        if directory.is_dir():
            pairs += corpus_pairs(directory)
        else:
            print(f"fidelity: {directory} is not a folder; skipped", file=sys.stderr)
    if not pairs:
        print(f"fidelity: no *{KEY_SUFFIX} with its .txt in {', '.join(map(str, args.directories))}", file=sys.stderr)
        return 2
    cmd = shlex.split(args.tool_cmd) if args.tool_cmd else default_tool_cmd()
    scores = score_corpus(pairs, cmd, args.jobs)
    if args.json:
        print(json.dumps(as_json(scores, cmd), ensure_ascii=False, indent=2))
    else:
        print(table(scores))
    return 0


if __name__ == "__main__":
    sys.exit(main())
