"""Fidelity: score ``check --format json`` against the hand-built answer keys of a corpus.

Run: python benchmarks/fidelity.py DIR [--json] [--tool-cmd "python -m budget"] [--jobs N]

For every ``X.expected.json`` in DIR with its ``X.txt`` beside it, the tool runs as a subprocess,
``TOOL check --format json DIR/X.txt``, two documents at a time. TOOL defaults to
``sys.executable -m plancheck``, or ``sys.executable -m budget`` when ``plancheck`` cannot be found;
``--tool-cmd`` overrides it (split like a shell command line). Exit codes 0 and 1 are normal; any
other exit code, a timeout, or output that is not a JSON object marks the document "tool failed"
(the note gives the first line of stderr, or a traceback's last line): its row keeps the key's
denominators and scores nothing.

The script measures, it does not judge: it exits 0 whenever it ran, and 2 when DIR holds no key
with its text beside it. The scoring is the pure function ``score(key, text, tool)``.

Reading the tool's JSON (missing keys are tolerated, missing lists count as empty):

- Tool steps are the ``steps`` of every entry of ``lines[]``, flattened (a line without steps but
  with a line-level ``stated`` value counts as one step). A step's line is ``stated.line`` when
  present, else the line's ``line``.
- Tool sums are ``sums[]``. When ``sums`` is absent they are built from ``sections[]`` (kind
  section: ``stated``, ``children_sum`` as computed, ``unit``, ``ok``, ``line``) and ``total``
  (kind total: ``stated``, ``sum`` as computed, ``unit``, ``ok``, ``line``).
- Amounts compare as ``Decimal``. Money is converted to đồng by the leading word of its unit:
  đồng/đ ×1, nghìn/ngàn ×10³, triệu ×10⁶, tỷ/tỉ ×10⁹ (so ``nghìn đồng/cháu/ngày`` is ×10³). A tool
  sum or finding without a readable unit takes the unit of the key item it is compared with; a key
  item without one (balance and words checks) takes the key's most common sum unit, else đồng.

Rules, per document (the TOTAL row adds the counts up):

1. Product lines. Every key ``cost_lines[]`` entry whose ``verifiable`` is not false is checkable.
   Its window is the 1-based line range [first, last] that ``line_text`` spans in the text (every
   occurrence; lines split at \\n after \\r\\n and \\r become \\n, as the tool reads them), extended
   to last + 6, since some documents put the figure a few lines (cells) below. A key line is *read*
   when a tool step has a stated value equal to ``stated_result.value`` and a line inside the
   window. Each tool step serves at most one key line: the assignment is a maximum matching that
   pairs each step with the key line whose first line is nearest above it where it can (see
   ``assign``). It is *right* when read and the step's ``ok`` equals the key's ``consistent``.
   Reported as right/checkable, with read in parentheses.
2. Sums. Every key ``section_subtotals[]`` entry and the ``grand_total`` (when not null) whose
   ``stated`` value and ``sum_of_children`` are both not null is checkable. It is read when an
   unused tool sum of kind section, total, alternative or inline (or without a kind) states the
   same amount in đồng (same matching; a candidate whose ``computed`` equals the key's
   ``sum_of_children`` in đồng is preferred); right when that sum's ``ok`` equals the key's
   ``consistent``. Reported as right/checkable, with read in parentheses.
   Other checks (one column, right/total), when the key has them, each with a non-null
   ``consistent``: ``amount_in_words_checks`` against tool sums of kind ``words`` (matched when
   the tool's stated or computed amount equals the key's figure or words value, in đồng; the key
   unit comes from the ``value_trieu``-style field name, else ``unit``, else the key's most common
   sum unit), ``count_checks`` against kind ``count`` (tool stated = key ``stated``, preferring
   computed = key ``sum``; plain numbers), ``balance_checks`` against kind ``balance`` (the tool's
   stated or computed amount equals the key's ``thu`` or ``chi``, in đồng, preferring both).
   Right when the matched tool sum's ``ok`` equals ``consistent``. ``soft_checks`` are not scored.
3. Real inconsistencies: the checkable key items above (cost lines, sums, other checks) with
   ``consistent: false``. One is found when its matched tool step or sum has ``ok`` false.
4. False errors: every tool finding of severity ``error`` that does not correspond to a real
   inconsistency. A finding corresponds when its line lies in the window of an inconsistent key
   cost line, or its ``actual`` equals the stated value of an inconsistent key item (as written
   in the key, or in đồng for money, ``actual`` read in the finding's ``unit``). Every other
   error counts, duplicates included.
5. Unchecked: the number of findings with code ``UNCHECKED_AMOUNT``, shown with
   ``summary.amounts_checked/amounts_found`` when the tool reports them.

The table has one row per document and the TOTAL row as the last line of output; ``--json``
prints the same figures, plus per-item details, as one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shlex
import subprocess
import sys
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

WINDOW_AFTER = 6  # lines below a key line's last line where its stated figure may sit
SUM_KINDS = frozenset({"section", "total", "alternative", "inline", None})
TIMEOUT_S = 600
KEY_SUFFIX = ".expected.json"

_SCALES = (
    (("tỷ", "tỉ", "ty"), 9),
    (("triệu", "trieu"), 6),
    (("nghìn", "ngàn", "nghin", "ngan"), 3),
    (("đồng", "đ", "dong", "vnd", "vnđ"), 0),
)
_FIRST_WORD = re.compile(r"[^\W\d_]+")


# --------------------------------------------------------------------------- values and units


def _dec(value: Any) -> Decimal | None:
    """A Decimal from a JSON value (str, int or float), or None."""
    if value is None or isinstance(value, bool):
        return None
    try:
        d = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        return None
    return d if d.is_finite() else None


def unit_scale(unit: Any) -> int | None:
    """Power of ten from a money unit to đồng, by the unit's first word; None when not money."""
    if not isinstance(unit, str):
        return None
    unit = unicodedata.normalize("NFC", unit).strip().lower()
    m = _FIRST_WORD.match(unit)
    if m is None:
        return None
    word = m.group()
    for names, exp in _SCALES:
        if word in names:
            return exp
    return None


def _to_dong(value: Any, unit: Any, default_scale: int) -> Decimal | None:
    d = _dec(value)
    if d is None:
        return None
    scale = unit_scale(unit)
    return d.scaleb(default_scale if scale is None else scale)


def _stated_value(item: dict[str, Any]) -> Any:
    """A key item's stated value: ``{"value": ...}`` or a bare value."""
    stated = item.get("stated")
    return stated.get("value") if isinstance(stated, dict) else stated


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _as_dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _short(text: Any, width: int = 60) -> str:
    s = " ".join(str(text).split())
    return s if len(s) <= width else s[: width - 1] + "…"


# --------------------------------------------------------------------------- the tool's JSON


def tool_steps(tool: dict[str, Any]) -> list[dict[str, Any]]:
    """Every product step of the tool, flattened: ``{"value", "line", "ok", "computed"}``."""
    steps = []
    for line in _as_list(tool.get("lines")):
        if not isinstance(line, dict):
            continue
        own = [s for s in _as_list(line.get("steps")) if isinstance(s, dict)]
        if not own and _as_dict(line.get("stated")).get("value") is not None:
            own = [line]  # a single product reported on the line itself
        for step in own:
            stated = _as_dict(step.get("stated"))
            at = stated.get("line")
            if not isinstance(at, int) or isinstance(at, bool):
                at = line.get("line")
            steps.append(
                {
                    "value": stated.get("value"),
                    "line": at if isinstance(at, int) and not isinstance(at, bool) else None,
                    "ok": step.get("ok"),
                    "computed": step.get("computed"),
                }
            )
    return steps


def tool_sums(tool: dict[str, Any]) -> list[dict[str, Any]]:
    """The tool's flat list of sum checks, built from ``sections``/``total`` when absent."""
    if isinstance(tool.get("sums"), list):
        return [s for s in tool["sums"] if isinstance(s, dict)]
    sums = []
    for sec in _as_list(tool.get("sections")):
        if isinstance(sec, dict):
            sums.append(
                {
                    "kind": "section",
                    "label": sec.get("title") or sec.get("label") or sec.get("number"),
                    "line": sec.get("line"),
                    "stated": sec.get("stated"),
                    "computed": sec.get("children_sum"),
                    "unit": sec.get("unit"),
                    "ok": sec.get("ok"),
                }
            )
    total = tool.get("total")
    if isinstance(total, dict):
        sums.append(
            {
                "kind": "total",
                "label": total.get("label") or "total",
                "line": total.get("line"),
                "stated": total.get("stated"),
                "computed": total.get("sum"),
                "unit": total.get("unit"),
                "ok": total.get("ok"),
            }
        )
    return sums


# --------------------------------------------------------------------------- matching


def assign(options: Sequence[Sequence[tuple[int, int]]]) -> dict[int, int]:
    """Match key items to tool items, each used at most once; ``options[k]`` holds key item k's
    candidates as (cost, tool index), lower cost preferred. First every (key, candidate) pair is
    taken greedily in order of cost (then key order) while both are free; then each key left
    unmatched looks for an augmenting path (Kuhn), so the result is a maximum matching that keeps
    the cheapest pairs where that costs nothing. Returns key index -> tool index."""
    owner: dict[int, int] = {}  # tool index -> key index
    for _cost, k, c in sorted((cost, k, c) for k, cands in enumerate(options) for cost, c in cands):
        if c not in owner and k not in owner.values():
            owner[c] = k

    def place(k: int, seen: set[int]) -> bool:
        for _cost, c in sorted(options[k]):
            if c in seen:
                continue
            seen.add(c)
            if c not in owner or place(owner[c], seen):
                owner[c] = k
                return True
        return False

    for k in range(len(options)):
        if k not in owner.values():
            place(k, set())
    return {k: c for c, k in owner.items()}


def line_windows(text: str, fragment: str) -> list[tuple[int, int]]:
    """1-based windows [first, last + WINDOW_AFTER] of every occurrence of ``fragment``."""
    windows = []
    if not fragment:
        return windows
    start = text.find(fragment)
    while start >= 0:
        first = text.count("\n", 0, start) + 1
        last = first + fragment.count("\n")
        windows.append((first, last + WINDOW_AFTER))
        start = text.find(fragment, start + 1)
    return windows


def _in_windows(line: Any, windows: Iterable[tuple[int, int]]) -> bool:
    return isinstance(line, int) and any(a <= line <= b for a, b in windows)


def normalize_text(text: str) -> str:
    """The text as the tool numbers its lines: BOM dropped, \\r\\n and \\r read as \\n."""
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


# --------------------------------------------------------------------------- scores


@dataclass
class DocScore:
    doc: str
    lines_checkable: int = 0
    lines_read: int = 0
    lines_right: int = 0
    sums_checkable: int = 0
    sums_read: int = 0
    sums_right: int = 0
    other_total: int = 0
    other_right: int = 0
    inconsistencies_real: int = 0
    inconsistencies_found: int = 0
    false_errors: int = 0
    unchecked: int = 0
    amounts_checked: int | None = None
    amounts_found: int | None = None
    failed: str | None = None
    details: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


def _status(matched: dict[str, Any] | None, consistent: Any) -> str:
    if matched is None:
        return "missed"
    return "right" if matched.get("ok") == consistent else "wrong verdict"


def _key_scale(key: dict[str, Any]) -> int:
    """The most common money scale among the key's sums (0, đồng, when none)."""
    scales = Counter(unit_scale(s.get("unit")) for s in _key_sums(key))
    scales.pop(None, None)
    return scales.most_common(1)[0][0] if scales else 0


def _key_sums(key: dict[str, Any]) -> list[dict[str, Any]]:
    items = [s for s in _as_list(key.get("section_subtotals")) if isinstance(s, dict)]
    if isinstance(key.get("grand_total"), dict):
        items.append(key["grand_total"])
    return items


def _words_amounts(check: dict[str, Any], default_scale: int) -> tuple[Decimal | None, Decimal | None]:
    """(figure, words value) of an amount-in-words check, in đồng. The scale comes from the field
    name (``value_trieu``, ``words_value_trieu``), else from ``unit``, else ``default_scale``."""
    suffixes = {"dong": 0, "nghin": 3, "trieu": 6, "ty": 9}
    unit = unit_scale(check.get("unit"))
    fallback = default_scale if unit is None else unit
    figure = words = None
    for name, value in check.items():
        for prefix in ("words_value", "value"):
            if name.startswith(prefix):
                exp = suffixes.get(name.removeprefix(prefix).lstrip("_"), fallback)
                if prefix == "value":
                    figure = _to_dong(value, None, exp)
                else:
                    words = _to_dong(value, None, exp)
                break
    return figure, words


def score(key: dict[str, Any], text: str, tool: dict[str, Any], doc: str | None = None) -> DocScore:
    """Score one document: ``key`` is the answer key, ``text`` the document, ``tool`` the tool's JSON."""
    text = normalize_text(text)
    result = DocScore(doc=doc or str(key.get("doc_id") or "?"))
    details: dict[str, list[dict[str, Any]]] = {"lines": [], "sums": [], "other": [], "false_errors": []}
    result.details = details
    default_scale = _key_scale(key)
    # Inconsistent key items, for rule 4: their windows (cost lines) and their stated values, each
    # as (value as written in the key, the key's power of ten to đồng or None when not money).
    bad_windows: list[tuple[int, int]] = []
    bad_values: list[tuple[Decimal | None, int | None]] = []

    # 1. Product lines.
    steps = tool_steps(tool)
    lines = []
    for entry in _as_list(key.get("cost_lines")):
        if not isinstance(entry, dict) or entry.get("verifiable") is False:
            continue
        windows = line_windows(text, str(entry.get("line_text") or ""))
        value = _dec(_as_dict(entry.get("stated_result")).get("value"))
        lines.append((entry, windows, value))
    options = [
        [
            (min(s["line"] - a for a, b in windows if a <= s["line"] <= b), i)
            for i, s in enumerate(steps)
            if value is not None and _dec(s["value"]) == value and _in_windows(s["line"], windows)
        ]
        for _entry, windows, value in lines
    ]
    matched = assign(options)
    for k, (entry, windows, value) in enumerate(lines):
        step = steps[matched[k]] if k in matched else None
        consistent = entry.get("consistent")
        status = _status(step, consistent) if windows else "not located"
        result.lines_checkable += 1
        result.lines_read += step is not None
        result.lines_right += status == "right"
        if consistent is False:
            result.inconsistencies_real += 1
            result.inconsistencies_found += step is not None and step.get("ok") is False
            bad_windows.extend(windows)
            bad_values.append((value, unit_scale(entry.get("stated_unit"))))
        details["lines"].append(
            {
                "line_text": _short(entry.get("line_text")),
                "lines": windows,
                "stated": str(value) if value is not None else None,
                "consistent": consistent,
                "status": status,
                "tool_line": step["line"] if step else None,
                "tool_ok": step["ok"] if step else None,
            }
        )

    # 2. Sums.
    sums = tool_sums(tool)
    sums_main = [i for i, s in enumerate(sums) if s.get("kind") in SUM_KINDS]
    checks = []
    for entry in _key_sums(key):
        stated, children = _stated_value(entry), entry.get("sum_of_children")
        if stated is None or children is None:
            continue
        scale = unit_scale(entry.get("unit"))
        scale = default_scale if scale is None else scale
        checks.append((entry, scale, _to_dong(stated, None, scale), _to_dong(children, None, scale)))
    options = []
    for _entry, scale, stated_d, children_d in checks:
        in_dong = [(i, _to_dong(sums[i].get("stated"), sums[i].get("unit"), scale), sums[i]) for i in sums_main]
        options.append(
            [
                (int(_to_dong(s.get("computed"), s.get("unit"), scale) != children_d), i)
                for i, stated_i, s in in_dong
                if stated_d is not None and stated_i == stated_d
            ]
        )
    matched = assign(options)
    for k, (entry, _scale, _stated_d, _children_d) in enumerate(checks):
        found = sums[matched[k]] if k in matched else None
        consistent = entry.get("consistent")
        status = _status(found, consistent)
        result.sums_checkable += 1
        result.sums_read += found is not None
        result.sums_right += status == "right"
        if consistent is False:
            result.inconsistencies_real += 1
            result.inconsistencies_found += found is not None and found.get("ok") is False
            bad_values.append((_dec(_stated_value(entry)), _scale))
        details["sums"].append(
            {
                "label": _short(entry.get("label")),
                "stated": _stated_value(entry),
                "unit": entry.get("unit"),
                "consistent": consistent,
                "status": status,
                "tool_line": found.get("line") if found else None,
                "tool_ok": found.get("ok") if found else None,
            }
        )

    # 2b. Other checks: amounts in words, counts, balances.
    def other(kind: str, entries: Any, match: Callable[[dict[str, Any], dict[str, Any]], int]) -> None:
        """Score key ``entries`` against tool sums of ``kind``; ``match`` ranks a pair (0 = no)."""
        pool = [i for i, s in enumerate(sums) if s.get("kind") == kind]
        items = [e for e in _as_list(entries) if isinstance(e, dict) and e.get("consistent") is not None]
        ranked = [[(match(e, sums[i]), i) for i in pool] for e in items]
        found_at = assign([[(-r, i) for r, i in row if r > 0] for row in ranked])
        for k, entry in enumerate(items):
            found = sums[found_at[k]] if k in found_at else None
            consistent = entry["consistent"]
            status = _status(found, consistent)
            result.other_total += 1
            result.other_right += status == "right"
            if consistent is False:
                result.inconsistencies_real += 1
                result.inconsistencies_found += found is not None and found.get("ok") is False
                bad_values.extend(_bad_values_of(kind, entry, default_scale))
            details["other"].append(
                {
                    "kind": kind,
                    "label": _short(entry.get("label") or entry.get("amount_written") or ""),
                    "consistent": consistent,
                    "status": status,
                    "tool_line": found.get("line") if found else None,
                    "tool_ok": found.get("ok") if found else None,
                }
            )

    def tool_amounts(s: dict[str, Any]) -> tuple[Decimal | None, Decimal | None]:
        return (
            _to_dong(s.get("stated"), s.get("unit"), default_scale),
            _to_dong(s.get("computed"), s.get("unit"), default_scale),
        )

    def match_words(e: dict[str, Any], s: dict[str, Any]) -> int:
        figure, words = _words_amounts(e, default_scale)
        stated, computed = tool_amounts(s)
        if stated is not None and stated == figure:
            return 2
        return int(any(v is not None and v in (figure, words) for v in (stated, computed)))

    def match_count(e: dict[str, Any], s: dict[str, Any]) -> int:
        if _dec(s.get("stated")) is None or _dec(s.get("stated")) != _dec(e.get("stated")):
            return 0
        return 2 if _dec(s.get("computed")) == _dec(e.get("sum")) else 1

    def match_balance(e: dict[str, Any], s: dict[str, Any]) -> int:
        sides = {_balance_side(e, name, default_scale) for name in ("thu", "chi")} - {None}
        return sum(v is not None and v in sides for v in tool_amounts(s))

    other("words", key.get("amount_in_words_checks"), match_words)
    other("count", key.get("count_checks"), match_count)
    other("balance", key.get("balance_checks"), match_balance)

    # 4. False errors; 5. unchecked amounts.
    for finding in _as_list(tool.get("findings")):
        if not isinstance(finding, dict):
            continue
        if finding.get("code") == "UNCHECKED_AMOUNT":
            result.unchecked += 1
        if finding.get("severity") != "error":
            continue
        actual = _dec(finding.get("actual"))
        explained = _in_windows(finding.get("line"), bad_windows) or any(
            actual is not None
            and raw is not None
            and (
                actual == raw
                or (scale is not None and _to_dong(actual, finding.get("unit"), scale) == raw.scaleb(scale))
            )
            for raw, scale in bad_values
        )
        if not explained:
            result.false_errors += 1
            details["false_errors"].append(
                {
                    "code": finding.get("code"),
                    "line": finding.get("line"),
                    "actual": finding.get("actual"),
                    "message": _short(finding.get("message") or "", 100),
                }
            )
    summary = _as_dict(tool.get("summary"))
    for name in ("amounts_checked", "amounts_found"):
        value = summary.get(name)
        if isinstance(value, int) and not isinstance(value, bool):
            setattr(result, name, value)
    return result


def _balance_side(check: dict[str, Any], name: str, default_scale: int) -> Decimal | None:
    scale = unit_scale(check.get("unit"))
    return _to_dong(check.get(name), None, default_scale if scale is None else scale)


def _bad_values_of(kind: str, entry: dict[str, Any], default_scale: int) -> list[tuple[Decimal | None, int | None]]:
    """Stated values of an inconsistent other check, for rule 4: (value, power of ten to đồng)."""
    if kind == "count":
        return [(_dec(entry.get("stated")), None)]
    if kind == "balance":
        unit = unit_scale(entry.get("unit"))
        scale = default_scale if unit is None else unit
        return [(_dec(entry.get(n)), scale) for n in ("thu", "chi")]
    figure, _words = _words_amounts(entry, default_scale)
    return [(None if figure is None else figure.scaleb(-default_scale), default_scale)]


def failed_score(key: dict[str, Any], text: str, doc: str, reason: str) -> DocScore:
    """A document whose tool run failed: the key's denominators, nothing scored."""
    result = score(key, text, {}, doc)
    result.failed = reason
    return result


def total(scores: Sequence[DocScore]) -> DocScore:
    """The TOTAL row: every count added up; coverage only over documents that report it."""
    out = DocScore(doc="TOTAL")
    for name in (
        "lines_checkable",
        "lines_read",
        "lines_right",
        "sums_checkable",
        "sums_read",
        "sums_right",
        "other_total",
        "other_right",
        "inconsistencies_real",
        "inconsistencies_found",
        "false_errors",
        "unchecked",
    ):
        setattr(out, name, sum(getattr(s, name) for s in scores))
    for name in ("amounts_checked", "amounts_found"):
        values = [getattr(s, name) for s in scores if getattr(s, name) is not None]
        setattr(out, name, sum(values) if values else None)
    failures = sum(s.failed is not None for s in scores)
    out.failed = f"{failures} tool failure(s)" if failures else None
    return out


# --------------------------------------------------------------------------- running the tool


def default_tool_cmd() -> list[str]:
    """``python -m plancheck``, or ``python -m budget`` while ``plancheck`` cannot be found."""
    probe = "import importlib.util, sys; sys.exit(importlib.util.find_spec('plancheck') is None)"
    try:
        found = subprocess.run([sys.executable, "-c", probe], capture_output=True, timeout=60).returncode == 0
    except (OSError, subprocess.SubprocessError):
        found = False
    return [sys.executable, "-m", "plancheck" if found else "budget"]


def run_tool(cmd: Sequence[str], path: Path) -> tuple[dict[str, Any] | None, str | None]:
    """(the tool's JSON, None) or (None, why it failed)."""
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    try:
        p = subprocess.run(
            [*cmd, "check", "--format", "json", str(path)], capture_output=True, timeout=TIMEOUT_S, env=env
        )
    except subprocess.TimeoutExpired:
        return None, f"timed out after {TIMEOUT_S} s"
    except OSError as e:
        return None, f"could not start: {e}"
    first = _first_line(p.stderr.decode("utf-8", errors="replace"))
    if p.returncode not in (0, 1):
        return None, f"exit {p.returncode}: {first}" if first else f"exit {p.returncode}"
    tail = f": {first}" if first else ""
    if not p.stdout.strip():
        return None, f"no output (exit {p.returncode}){tail}"
    try:
        data = json.loads(p.stdout.decode("utf-8", errors="replace"))
    except json.JSONDecodeError as e:
        return None, f"unparsable JSON ({e.msg}){tail}"
    if not isinstance(data, dict):
        return None, "JSON output is not an object"
    return data, None


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
    text = text_path.read_text(encoding="utf-8-sig", errors="replace")
    tool, why = run_tool(cmd, text_path)
    if tool is None:
        return failed_score(key, text, doc, why or "tool failed")
    return score(key, text, tool, doc)


def score_corpus(pairs: Sequence[tuple[str, Path, Path]], cmd: Sequence[str], jobs: int = 2) -> list[DocScore]:
    """Every document scored, ``jobs`` tool runs at a time, in the order of ``pairs``."""
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        return list(pool.map(lambda p: score_document(cmd, *p), pairs))


# --------------------------------------------------------------------------- output


COLUMNS = (
    "doc",
    "lines right/checkable (read)",
    "sums right/checkable (read)",
    "other checks right/total",
    "inconsistencies found/real",
    "false errors",
    "unchecked",
    "note",
)


def row(s: DocScore) -> list[str]:
    unchecked = str(s.unchecked)
    if s.amounts_checked is not None or s.amounts_found is not None:
        unchecked += f" ({_or_dash(s.amounts_checked)}/{_or_dash(s.amounts_found)} checked)"
    return [
        s.doc,
        f"{s.lines_right}/{s.lines_checkable} ({s.lines_read})",
        f"{s.sums_right}/{s.sums_checkable} ({s.sums_read})",
        f"{s.other_right}/{s.other_total}",
        f"{s.inconsistencies_found}/{s.inconsistencies_real}",
        str(s.false_errors),
        unchecked,
        ("tool failed: " + _short(s.failed, 100)) if s.failed and s.doc != "TOTAL" else (s.failed or ""),
    ]


def _or_dash(value: int | None) -> str:
    return "-" if value is None else str(value)


def table(scores: Sequence[DocScore]) -> str:
    """The plain table; the TOTAL row is its last line."""
    rows = [list(COLUMNS), *(row(s) for s in scores), row(total(scores))]
    widths = [max(len(r[i]) for r in rows) for i in range(len(COLUMNS))]
    return "\n".join("  ".join(cell.ljust(w) for cell, w in zip(r, widths, strict=True)).rstrip() for r in rows)


def as_json(scores: Sequence[DocScore], cmd: Sequence[str]) -> dict[str, Any]:
    return {
        "tool_cmd": list(cmd),
        "window_after": WINDOW_AFTER,
        "documents": [asdict(s) for s in scores],
        "total": {k: v for k, v in asdict(total(scores)).items() if k != "details"},
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Score the checker against the corpus answer keys.")
    parser.add_argument("directory", type=Path, help="folder with X.txt and X.expected.json pairs")
    parser.add_argument("--json", action="store_true", help="print JSON instead of the table")
    parser.add_argument("--tool-cmd", help='the tool, e.g. "python -m budget" (default: this python -m plancheck)')
    parser.add_argument("--jobs", type=int, default=2, help="documents run in parallel (default 2)")
    args = parser.parse_args(argv)
    pairs = corpus_pairs(args.directory) if args.directory.is_dir() else []
    if not pairs:
        print(f"fidelity: no *{KEY_SUFFIX} with its .txt in {args.directory}", file=sys.stderr)
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
