"""Re-check the arithmetic of the corpus answer keys (``*.expected.json``) with Decimal.

Usage: ``python benchmarks/corpus_recheck.py DIR [DIR...]``

Every key is checked against its own ``.txt`` and against exact arithmetic, independently of the
checker under measurement (nothing here imports ``budget``): a key that is wrong would score the
tool against a wrong answer. One line per problem (``key: place: what``); exit 1 when there is any.

What is checked
- ``source`` names a URL or a repository and path; every ``line_text`` is an exact substring of the text,
  and so is the ``label`` of a sum that has a ``name`` (it quotes the row down to its stated figure).
- ``cost_lines``: the product of the factor values (a factor with ``"op": "divide"`` divides; a factor
  written with ``%`` whose value is the written number is taken as value/100; ``unit_scale_applied``
  multiplies), or the ``expression`` when the key gives one, equals ``computed_result``;
  ``consistent`` is ``stated == computed`` or, when the key states a ``rounding`` rule
  (``{"quantum": "1", "mode": "ROUND_HALF_UP"}``), ``stated == computed rounded by that rule``;
  ``difference_stated_minus_computed`` is ``stated - computed``.
- ``section_subtotals`` and ``grand_total``: the stated children sum to ``sum_of_children``;
  ``consistent`` and ``difference_stated_minus_sum`` agree with it (a breakdown the key marks
  ``"exhaustive": false`` or ``"verifiable": false`` must not claim a verdict).
- ``count_checks``, ``balance_checks``, ``difference_checks``, ``ratio_checks``, ``implicit_checks``
  and ``amount_in_words_checks`` (the words themselves are read back into a number).

A quotient that does not terminate is compared at the precision the key writes it with.
"""

from __future__ import annotations

import glob
import json
import os
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import (
    ROUND_HALF_EVEN,
    Context,
    Decimal,
    Inexact,
    InvalidOperation,
)
from typing import Any

ROUNDING_MODES = {
    "ROUND_HALF_UP",
    "ROUND_HALF_EVEN",
    "ROUND_HALF_DOWN",
    "ROUND_DOWN",
    "ROUND_UP",
    "ROUND_CEILING",
    "ROUND_FLOOR",
}
_PLAIN_NUMBER = re.compile(r"-?[0-9]{1,40}(?:\.[0-9]{1,40})?")
_FIGURE = re.compile(r"[0-9][0-9., ]{0,40}")


@dataclass(frozen=True)
class Exact:
    """A computed value and whether computing it had to round (a non-terminating quotient)."""

    value: Decimal
    inexact: bool


def _context() -> Context:
    return Context(prec=60, traps=[InvalidOperation])


def dec(x: Any) -> Decimal | None:
    """A Decimal from a key field (a string, a Decimal read by json, or ``{"value": ...}``)."""
    if isinstance(x, dict):
        x = x.get("value", x.get("amount"))
    if x is None or isinstance(x, bool):
        return None
    if isinstance(x, Decimal):
        return x
    text = str(x).strip()
    if not _PLAIN_NUMBER.fullmatch(text):
        return None
    return Decimal(text)


def written_number(written: str) -> Decimal | None:
    """The number in a Vietnamese figure such as ``4,5%`` or ``1.150.000`` (dot thousands, comma decimals)."""
    text = written.strip().rstrip("%").strip().replace(" ", "")
    if not text:
        return None
    if re.fullmatch(r"[0-9]{1,3}(?:\.[0-9]{3})+(?:,[0-9]+)?", text) or re.fullmatch(r"[0-9]+(?:,[0-9]+)?", text):
        return Decimal(text.replace(".", "").replace(",", "."))
    if re.fullmatch(r"[0-9]+\.[0-9]+", text):
        return Decimal(text)
    return None


# -- expressions: numbers, + - * / and parentheses, evaluated exactly -------------------------------


def _tokens(expression: str) -> list[str]:
    tokens = re.findall(r"[0-9]+(?:\.[0-9]+)?|[-+*/()]|\S", expression)
    for t in tokens:
        if not (t in "+-*/()" or t[0].isdigit()):
            raise ValueError(f"unexpected {t!r} in expression")
    return tokens


class _Parser:
    """Recursive descent over ``expr := term (('+'|'-') term)*``, ``term := unary (('*'|'/') unary)*``."""

    def __init__(self, expression: str, ctx: Context):
        self.tokens = _tokens(expression)
        self.pos = 0
        self.ctx = ctx

    def parse(self) -> Decimal:
        value = self.expr()
        if self.pos != len(self.tokens):
            raise ValueError(f"unused {' '.join(self.tokens[self.pos :])!r} in expression")
        return value

    def peek(self) -> str | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self) -> str:
        token = self.peek()
        if token is None:
            raise ValueError("expression ends too early")
        self.pos += 1
        return token

    def expr(self) -> Decimal:
        value = self.term()
        while self.peek() in ("+", "-"):
            op = self.take()
            right = self.term()
            value = self.ctx.add(value, right) if op == "+" else self.ctx.subtract(value, right)
        return value

    def term(self) -> Decimal:
        value = self.unary()
        while self.peek() in ("*", "/"):
            op = self.take()
            right = self.unary()
            value = self.ctx.multiply(value, right) if op == "*" else self.ctx.divide(value, right)
        return value

    def unary(self) -> Decimal:
        if self.peek() == "-":
            self.take()
            return self.ctx.minus(self.unary())
        token = self.take()
        if token == "(":
            value = self.expr()
            if self.take() != ")":
                raise ValueError("missing ')' in expression")
            return value
        if not token[0].isdigit():
            raise ValueError(f"unexpected {token!r} in expression")
        return Decimal(token)


def evaluate(expression: str) -> Exact:
    """The exact value of ``expression`` (flagged inexact when a quotient does not terminate)."""
    ctx = _context()
    value = _Parser(expression, ctx).parse()
    return Exact(value, bool(ctx.flags[Inexact]))


def product(factors: Iterable[dict[str, Any]], scale: Decimal | None) -> Exact:
    """The product of the factor values; ``op: divide`` divides; percent factors as value/100."""
    ctx = _context()
    value = Decimal(1)
    for f in factors:
        v = factor_value(f)
        if v is None:
            raise ValueError(f"factor {f.get('written')!r} has no numeric value")
        value = ctx.divide(value, v) if f.get("op") == "divide" else ctx.multiply(value, v)
    if scale is not None:
        value = ctx.multiply(value, scale)
    return Exact(value, bool(ctx.flags[Inexact]))


def factor_value(f: dict[str, Any]) -> Decimal | None:
    v = dec(f.get("value"))
    if v is None:
        return None
    written = str(f.get("written", ""))
    if f.get("percent") is True:
        return v / 100
    if written.strip().endswith("%"):
        w = written_number(written)
        if w is not None and w != 0 and v == w:
            return v / 100
    return v


def agrees(actual: Exact, key_value: Decimal) -> bool:
    """Exact values must be equal; a rounded quotient is compared at the key's own precision."""
    if not actual.inexact:
        return actual.value == key_value
    exponent = key_value.as_tuple().exponent
    if not isinstance(exponent, int):
        return False
    return actual.value.quantize(Decimal(1).scaleb(exponent), rounding=ROUND_HALF_EVEN) == key_value


def rounded(value: Decimal, rule: dict[str, Any]) -> Decimal:
    quantum = dec(rule.get("quantum"))
    mode = str(rule.get("mode", "ROUND_HALF_UP"))
    if quantum is None or quantum <= 0 or mode not in ROUNDING_MODES:
        raise ValueError(f"rounding rule {rule!r} needs a positive quantum and a decimal rounding mode")
    return (value / quantum).quantize(Decimal(1), rounding=mode) * quantum


# -- amounts in words ---------------------------------------------------------------------------

_DIGITS = {
    "không": 0,
    "một": 1,
    "mốt": 1,
    "hai": 2,
    "ba": 3,
    "bốn": 4,
    "tư": 4,
    "năm": 5,
    "lăm": 5,
    "nhăm": 5,
    "sáu": 6,
    "bảy": 7,
    "bẩy": 7,
    "tám": 8,
    "chín": 9,
}
_SCALES = {"nghìn": 10**3, "ngàn": 10**3, "triệu": 10**6, "tỷ": 10**9, "tỉ": 10**9}


def words_to_number(words: str) -> Decimal | None:
    """The amount a Vietnamese phrase such as ``hai nghìn sáu trăm mười lăm tỷ đồng`` names, in đồng."""
    text = re.sub(r"[(),.;:]", " ", words.lower())
    tokens = [t for t in text.split() if t not in ("đồng", "chẵn", "bằng", "chữ", "và")]
    value = _scaled(tokens)
    return None if value is None else Decimal(value)


def _scaled(tokens: list[str]) -> int | None:
    """Split at the last occurrence of the largest scale word: left x scale + right."""
    scales = [t for t in tokens if t in _SCALES]
    if not scales:
        return _below_thousand(tokens)
    largest = max(scales, key=lambda t: _SCALES[t])
    at = max(i for i, t in enumerate(tokens) if _SCALES.get(t) == _SCALES[largest])
    left, right = tokens[:at], tokens[at + 1 :]
    left_value = _scaled(left) if left else None
    right_value = _scaled(right) if right else 0
    if left_value is None or right_value is None:
        return None
    return left_value * _SCALES[largest] + right_value


def _below_thousand(tokens: list[str]) -> int | None:
    """``[d trăm] [linh|lẻ d | mười [d] | d mươi [d] | d]``, everything used up, else None."""
    value, i, n = 0, 0, len(tokens)

    def digit(k: int) -> int | None:
        return _DIGITS.get(tokens[k]) if k < n else None

    if n == 0:
        return None
    if i + 1 < n and tokens[i + 1] == "trăm" and digit(i) is not None:
        value += (digit(i) or 0) * 100
        i += 2
    if i < n and tokens[i] in ("linh", "lẻ"):
        if digit(i + 1) is None:
            return None
        value += digit(i + 1) or 0
        i += 2
    elif i < n and tokens[i] == "mười":
        value += 10
        i += 1
        if digit(i) is not None:
            value += digit(i) or 0
            i += 1
    elif digit(i) is not None and i + 1 < n and tokens[i + 1] == "mươi":
        value += (digit(i) or 0) * 10
        i += 2
        if digit(i) is not None:
            value += digit(i) or 0
            i += 1
    elif digit(i) is not None:
        value += digit(i) or 0
        i += 1
    return value if i == n else None


# -- the checks ---------------------------------------------------------------------------------


class Report:
    def __init__(self, key_path: str):
        self.key_path = key_path
        self.problems: list[str] = []

    def add(self, where: str, what: str) -> None:
        self.problems.append(f"{self.key_path}: {where}: {what}")


def _consistent_expected(stated: Decimal, actual: Exact, rule: Any) -> bool:
    if actual.value == stated:
        return True
    if isinstance(rule, dict):
        return rounded(actual.value, rule) == stated
    return False


def check_cost_line(i: int, line: dict[str, Any], text: str, report: Report) -> None:
    where = f"cost_lines[{i}]"
    line_text = line.get("line_text")
    if not isinstance(line_text, str) or not line_text:
        report.add(where, "no line_text")
    elif line_text not in text:
        report.add(where, f"line_text is not in the text: {line_text[:60]!r}")
    if line.get("verifiable") is False:
        return
    stated = dec(line.get("stated_result"))
    if stated is None:
        report.add(where, "no stated_result value")
        return
    written = (line.get("stated_result") or {}).get("written")
    if isinstance(written, str) and _FIGURE.fullmatch(written) and written not in text:
        report.add(where, f"stated figure {written!r} is not in the text")
    try:
        if isinstance(line.get("expression"), str):
            actual = evaluate(line["expression"])
        else:
            actual = product(line.get("factors") or [], dec(line.get("unit_scale_applied")))
    except (ValueError, InvalidOperation, ArithmeticError) as exc:
        report.add(where, f"cannot compute: {exc}")
        return
    key_computed = dec(line.get("computed_result"))
    if key_computed is None:
        report.add(where, "no computed_result")
    elif not agrees(actual, key_computed):
        report.add(where, f"computed_result {key_computed} but the factors give {actual.value.normalize()}")
    _check_verdict(where, stated, actual, line.get("rounding"), line.get("consistent"), report)
    diff = dec(line.get("difference_stated_minus_computed"))
    if diff is not None and not agrees(Exact(stated - actual.value, actual.inexact), diff):
        report.add(where, f"difference_stated_minus_computed {diff} but stated - computed is {stated - actual.value}")


def _check_verdict(where: str, stated: Decimal, actual: Exact, rule: Any, consistent: Any, report: Report) -> None:
    try:
        expected = _consistent_expected(stated, actual, rule)
    except (ValueError, InvalidOperation) as exc:
        report.add(where, str(exc))
        return
    if consistent is not expected:
        report.add(
            where,
            f"consistent is {consistent!r} but stated {stated} vs computed {actual.value.normalize()} says {expected}",
        )


def check_sum(where: str, s: dict[str, Any], report: Report) -> None:
    stated = dec(s.get("stated"))
    children = s.get("children") or []
    read = [dec(c.get("value") if isinstance(c, dict) else c) for c in children]
    values = [v for v in read if v is not None]
    no_verdict = s.get("verifiable") is False or s.get("exhaustive") is False
    if len(values) != len(read):
        if not no_verdict:
            report.add(where, "a child has no numeric value")
        return
    total = sum(values, Decimal(0))
    key_sum = dec(s.get("sum_of_children", s.get("sum")))
    if key_sum is None:
        report.add(where, "no sum_of_children")
    elif key_sum != total:
        report.add(where, f"sum_of_children {key_sum} but the children sum to {total}")
    if stated is None:
        if s.get("consistent") is not None:
            report.add(where, "no stated value, yet a verdict")
        return
    if no_verdict:
        if s.get("consistent") is not None:
            report.add(where, "a breakdown marked not exhaustive/verifiable must have consistent null")
        return
    _check_verdict(where, stated, Exact(total, False), s.get("rounding"), s.get("consistent"), report)
    diff = dec(s.get("difference_stated_minus_sum"))
    if diff is not None and diff != stated - total:
        report.add(where, f"difference_stated_minus_sum {diff} but stated - sum is {stated - total}")


def check_quoted_label(where: str, s: dict[str, Any], text: str, report: Report) -> None:
    """A sum with a ``name`` quotes the text's lines in its ``label``, from the row's first cell
    down to its stated figure: the label must be in the text and end with that figure."""
    if "name" not in s:
        return
    label = s.get("label")
    written = (s.get("stated") or {}).get("written") if isinstance(s.get("stated"), dict) else None
    if not isinstance(label, str) or label not in text:
        report.add(where, f"label is not in the text: {str(label)[:60]!r}")
    elif written is None or not label.rstrip().rstrip("*").endswith(written):
        report.add(where, f"label does not end with the stated figure {written!r}")


def check_ratio(where: str, r: dict[str, Any], report: Report) -> None:
    n, d, stated = dec(r.get("numerator")), dec(r.get("denominator")), dec(r.get("stated"))
    if n is None or d is None or stated is None or d == 0:
        report.add(where, "needs numerator, a non-zero denominator and stated")
        return
    kind = r.get("kind", "share")
    if kind not in ("share", "growth"):
        report.add(where, f"unknown kind {kind!r} (share: n/d x 100; growth: (n/d - 1) x 100)")
        return
    expression = f"{n} / {d} * 100" if kind == "share" else f"({n} / {d} - 1) * 100"
    _check_relation(where, expression, stated, r, report)


def _check_relation(where: str, expression: str, stated: Decimal, r: dict[str, Any], report: Report) -> None:
    try:
        actual = evaluate(expression)
    except (ValueError, InvalidOperation, ArithmeticError) as exc:
        report.add(where, f"cannot compute: {exc}")
        return
    key_computed = dec(r.get("computed"))
    if key_computed is None:
        report.add(where, "no computed value")
    elif not agrees(actual, key_computed):
        report.add(where, f"computed {key_computed} but {expression} is {actual.value.normalize()}")
    _check_verdict(where, stated, actual, r.get("rounding"), r.get("consistent"), report)


def check_words(where: str, w: dict[str, Any], report: Report) -> None:
    value = dec(w.get("value", w.get("value_dong", w.get("value_trieu"))))
    words_value = dec(w.get("words_value", w.get("words_value_dong", w.get("words_value_trieu"))))
    if value is None or words_value is None:
        report.add(where, "needs value and words_value")
        return
    if w.get("consistent") is not (value == words_value):
        report.add(where, f"consistent is {w.get('consistent')!r} but {value} vs {words_value}")
    words = w.get("words")
    read = words_to_number(words) if isinstance(words, str) else None
    if read is None:
        report.add(where, f"the words cannot be read back: {words!r}")
        return
    in_dong = dec(w.get("words_value_dong"))
    in_trieu = dec(w.get("words_value_trieu"))
    if "words_value" in w and in_dong is None and in_trieu is None:
        in_dong = words_value
    if in_dong is not None and read != in_dong:
        report.add(where, f"the words read {read} đồng, the key says {in_dong}")
    if in_trieu is not None and read != in_trieu * 10**6:
        report.add(where, f"the words read {read} đồng, the key says {in_trieu} triệu")


def check_key(key_path: str) -> list[str]:
    report = Report(key_path)
    txt_path = key_path[: -len(".expected.json")] + ".txt"
    try:
        with open(key_path, encoding="utf-8") as f:
            key = json.load(f, parse_float=Decimal)
    except (OSError, json.JSONDecodeError) as exc:
        report.add("key", f"cannot read: {exc}")
        return report.problems
    try:
        with open(txt_path, encoding="utf-8") as f:
            text = f.read()
    except (OSError, UnicodeDecodeError) as exc:
        report.add("text", f"cannot read {os.path.basename(txt_path)}: {exc}")
        return report.problems
    source = key.get("source") or {}
    if not (source.get("url") or (source.get("repo") and source.get("path"))):
        report.add("source", "needs a url, or a repo and a path")
    for i, line in enumerate(key.get("cost_lines") or []):
        check_cost_line(i, line, text, report)
    for i, s in enumerate(key.get("section_subtotals") or []):
        check_sum(f"section_subtotals[{i}]", s, report)
        check_quoted_label(f"section_subtotals[{i}]", s, text, report)
    if isinstance(key.get("grand_total"), dict):
        check_sum("grand_total", key["grand_total"], report)
        check_quoted_label("grand_total", key["grand_total"], text, report)
    for i, c in enumerate(key.get("count_checks") or []):
        check_sum(f"count_checks[{i}]", c, report)
    for i, b in enumerate(key.get("balance_checks") or []):
        thu, chi = dec(b.get("thu")), dec(b.get("chi"))
        if thu is None or chi is None:
            report.add(f"balance_checks[{i}]", "needs thu and chi")
        elif b.get("consistent") is not (thu == chi):
            report.add(f"balance_checks[{i}]", f"consistent is {b.get('consistent')!r} but {thu} vs {chi}")
    for i, d in enumerate(key.get("difference_checks") or []):
        m, s, stated = dec(d.get("minuend")), dec(d.get("subtrahend")), dec(d.get("stated"))
        if m is None or s is None or stated is None:
            report.add(f"difference_checks[{i}]", "needs minuend, subtrahend and stated")
        else:
            _check_relation(f"difference_checks[{i}]", f"{m} - {s}", stated, d, report)
    for i, r in enumerate(key.get("ratio_checks") or []):
        check_ratio(f"ratio_checks[{i}]", r, report)
    for i, c in enumerate(key.get("implicit_checks") or []):
        stated = dec(c.get("stated"))
        if not isinstance(c.get("expression"), str) or stated is None:
            report.add(f"implicit_checks[{i}]", "needs an expression and stated")
        else:
            _check_relation(f"implicit_checks[{i}]", c["expression"], stated, c, report)
    for i, w in enumerate(key.get("amount_in_words_checks") or []):
        check_words(f"amount_in_words_checks[{i}]", w, report)
    for section in ("difference_checks", "ratio_checks", "implicit_checks"):
        for i, c in enumerate(key.get(section) or []):
            lt = c.get("line_text")
            if isinstance(lt, str) and lt not in text:
                report.add(f"{section}[{i}]", f"line_text is not in the text: {lt[:60]!r}")
    return report.problems


def key_files(dirs: Iterable[str]) -> Iterator[str]:
    for d in dirs:
        yield from sorted(glob.glob(os.path.join(d, "*.expected.json")))


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__.strip().splitlines()[2])
        return 2
    problems = 0
    keys = 0
    for key_path in key_files(argv):
        keys += 1
        for line in check_key(key_path):
            print(line)
            problems += 1
    if keys == 0:
        print("no *.expected.json under " + ", ".join(argv))
        return 1
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
