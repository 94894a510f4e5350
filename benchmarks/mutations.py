"""Mutation benchmark for the likely causes (issue 12): one typo at a time, caught and named?

Run: python benchmarks/mutations.py

Every correct product and every correct sum of examples/ha-dong-267-kh-ubnd.txt and of
the small plans below gets one typo of each class, one at a time: two digits transposed,
a decimal slip (×10), a dropped line (a sum that omits one of its parts), a doubled
subtotal (a sum that counts one of its parts again), a monthly figure for a yearly one
(a product's result ÷ 12), a mistyped factor (its last digit changed). Each mutant is
written to a temporary directory and checked with ``check_file``.

*caught*: an error-level finding appears (the plans have none unchanged). *named*: the
mismatch reported on the mutated line carries the class's cause code. Causes confirmed by
the level above (the mistyped result or figure the parent sum agrees with, the factor
that gives the confirmed result) rank first, so a typo they explain counts as caught
but not as named by its class: the *figure* column counts those that point at the
mutated figure's line all the same.
*flagged*: caught, or pointed out at the mutated line without an error: a product or sum
that now differs by less than its stated figure's rounding (a factor ``14.250`` mistyped
``14.251`` in ``x 0,024 = 342``: 342,024 is 342 as written, a rounding warning says so), or a
line the change left unread (a note's ``50%`` might now be a factor: a warning, and the
verdict is not ``KHỚP``). No mutant may pass unflagged.
Goals: ≥ 95% caught, ≥ 90% named, 100% flagged.
"""

from __future__ import annotations

import sys
import tempfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from itertools import pairwise
from pathlib import Path

from budget.api import check_file, load_plan
from budget.evaluate import Evaluation, LineResult, Result, SectionResult, evaluate, walk
from budget.numbers import EXACT, NUMBER_TOKEN, format_vn, shift

ROOT = Path(__file__).resolve().parent.parent
HA_DONG = ROOT / "examples" / "ha-dong-267-kh-ubnd.txt"
MISMATCHES = frozenset({"PRODUCT_MISMATCH", "SECTION_SUM_MISMATCH", "TOTAL_MISMATCH"})
# findings that point at a line without an error: within rounding, or left unread
FLAGS = frozenset(
    {"PRODUCT_ROUNDING", "SECTION_SUM_ROUNDING", "TOTAL_ROUNDING", "COSTLINE_LOOSE", "COSTLINE_UNREADABLE"}
)
GOAL_CAUGHT = 0.95
GOAL_NAMED = 0.90

PLANS = {
    "dao-tao.txt": (
        "KẾ HOẠCH BỒI DƯỠNG GIÁO VIÊN NĂM 2024\n"
        "\n"
        "Tổng kinh phí dự kiến: 3.486 triệu đồng, gồm:\n"
        "\n"
        "1. Bồi dưỡng chuyên môn: 2.346 triệu đồng\n"
        "- Giáo viên tiểu học: 412 người x 3,5 triệu đồng/người = 1.442 triệu đồng\n"
        "- Giáo viên THCS: 226 người x 4 triệu đồng/người = 904 triệu đồng\n"
        "2. Thuê hội trường: 12 tháng x 45 triệu đồng/tháng = 540 triệu đồng\n"
        "3. Tài liệu, văn phòng phẩm: 600 triệu đồng\n"
        "- In tài liệu: 638 bộ x 0,5 triệu đồng/bộ = 319 triệu đồng\n"
        "- Văn phòng phẩm: 281 người x 1 triệu đồng/người = 281 triệu đồng\n"
    ),
    "hoi-nghi.txt": (
        "DỰ TOÁN HỘI NGHỊ TỔNG KẾT\n"
        "\n"
        "Tổng cộng: 97.140 nghìn đồng\n"
        "\n"
        "I. Chi tổ chức: 61.740 nghìn đồng\n"
        "1.1. Thuê phòng: 2 ngày x 7.650 nghìn đồng/ngày = 15.300 nghìn đồng\n"
        "1.2. Giải khát giữa giờ: 172 người x 2 buổi x 35 nghìn đồng/người/buổi = 12.040 nghìn đồng\n"
        "1.3. Ăn trưa: 172 người x 2 ngày x 100 nghìn đồng/người/ngày = 34.400 nghìn đồng\n"
        "II. Chi cho đại biểu: 35.400 nghìn đồng\n"
        "2.1. Báo cáo viên: 6 người x 1.500 nghìn đồng/người = 9.000 nghìn đồng\n"
        "2.2. Hỗ trợ đi lại: 48 người x 550 nghìn đồng/người = 26.400 nghìn đồng\n"
    ),
    "thue-xe.txt": (
        "Tổng kinh phí: 1.287,6 triệu đồng\n"
        "\n"
        "- Thuê xe đưa đón: 3 xe x 12 tháng x 18,5 triệu đồng/xe/tháng = 666 triệu đồng\n"
        "- Nhiên liệu: 14.250 lít x 0,024 triệu đồng/lít = 342 triệu đồng\n"
        "- Bảo dưỡng: 3 xe x 4 lần x 7,3 triệu đồng/xe/lần = 87,6 triệu đồng\n"
        "- Lái xe: 2 người x 12 tháng x 8 triệu đồng/người/tháng = 192 triệu đồng\n"
    ),
    "cham-soc.txt": (
        "Tổng kinh phí thực hiện: 5.964 triệu đồng\n"
        "\n"
        "1. Khám sức khỏe định kỳ: 1.938 triệu đồng\n"
        "- Học sinh: 3.876 em x 0,5 triệu đồng/em = 1.938 triệu đồng\n"
        "2. Bảo hiểm y tế học sinh: 3.426 triệu đồng\n"
        "- Hỗ trợ mức đóng: 571 em x 6 triệu đồng/em/năm = 3.426 triệu đồng\n"
        "3. Tủ thuốc trường học: 600 triệu đồng\n"
        "- Mua thuốc: 24 trường x 25 triệu đồng/trường = 600 triệu đồng\n"
    ),
}


@dataclass(frozen=True)
class Mutant:
    cls: str
    line: int  # 1-based line of the mutated figure
    col: int  # 1-based column where its text starts
    old: str
    new: str


CLASSES = {
    "transposed digits": "CAUSE_TRANSPOSED",
    "decimal slip": "CAUSE_SCALE_SLIP",
    "dropped line": "CAUSE_PART_LEFT_OUT",
    "doubled subtotal": "CAUSE_PART_TWICE",
    "monthly for yearly": "CAUSE_MONTHLY_FOR_YEARLY",
    "mistyped factor": "CAUSE_FACTOR",
}


def _token_at(lines: list[str], line: int, col: int) -> str:
    m = NUMBER_TOKEN.match(lines[line - 1], col - 1)
    assert m is not None, (line, col, lines[line - 1])
    return m.group(0)


def _swap(text: str) -> str | None:
    """Two adjacent differing digits swapped (the first such pair), separators kept."""
    pos = [i for i, c in enumerate(text) if c.isdigit()]
    for a, b in pairwise(pos):
        if text[a] == text[b] or (a == 0 and text[b] == "0"):
            continue
        chars = list(text)
        chars[a], chars[b] = chars[b], chars[a]
        return "".join(chars)
    return None


def _bump_last_digit(text: str) -> str:
    i = max(i for i, c in enumerate(text) if c.isdigit())
    d = int(text[i])
    return text[:i] + str(d + 1 if d < 9 else d - 1) + text[i + 1 :]


def _exact_div(value: Decimal, by: int) -> Decimal | None:
    try:
        return EXACT.divide(value, Decimal(by))
    except ArithmeticError:
        return None


def _children_values(r: SectionResult | None, ev: Evaluation) -> list[Decimal]:
    children: tuple[Result, ...] = ev.items if r is None else r.children
    money = ev.total.money if r is None else r.money
    return [shift(c.stated_dong, -money.exponent) for c in children if c.stated_dong is not None]


def mutants(path: Path) -> Iterator[Mutant]:
    lines = path.read_text(encoding="utf-8").split("\n")
    plan, _ = load_plan(path)
    ev = evaluate(plan)

    def figure(cls: str, line: int | None, col: int | None, value: Decimal | None = None) -> Iterator[Mutant]:
        """The figure at ``line:col`` written as ``value`` (its digits swapped when None, a factor bumped)."""
        assert line is not None and col is not None
        old = _token_at(lines, line, col)
        if value is not None:
            new: str | None = format_vn(value)
        elif cls == "mistyped factor":
            new = _bump_last_digit(old)
        else:
            new = _swap(old)
        if new is not None and new != old:
            yield Mutant(cls, line, col, old, new)

    for r in walk(ev.items):
        if isinstance(r, LineResult):
            for s in r.steps:
                if not s.ok:
                    continue
                q = s.step.stated.source
                if s.index == len(r.steps):  # the line's result: an intermediate one has a cause of its own
                    yield from figure("transposed digits", q.line, q.col)
                    yield from figure("decimal slip", q.line, q.col, s.stated * 10)
                    month = _exact_div(s.computed, 12)
                    if month is not None:
                        yield from figure("monthly for yearly", q.line, q.col, month)
                for f in s.step.factors:
                    yield from figure("mistyped factor", f.source.line, f.source.col)
    sums: list[tuple[SectionResult | None, Decimal, int | None, int | None]] = [
        (sec, sec.stated, sec.section.stated.source.line, sec.section.stated.source.col)
        for sec in ev.sections()
        if sec.ok and sec.stated is not None and sec.section.stated is not None
    ]
    if ev.total.ok and plan.total is not None and ev.total.stated is not None:
        sums.append((None, ev.total.stated, plan.total.source.line, plan.total.source.col))
    for container, stated, line, col in sums:
        yield from figure("transposed digits", line, col)
        yield from figure("decimal slip", line, col, stated * 10)
        parts = _children_values(container, ev)
        if len(parts) < 2:
            continue  # a sum of one part is that part: nothing to leave out
        for v in parts:
            yield from figure("dropped line", line, col, stated - v)
            yield from figure("doubled subtotal", line, col, stated + v)


def apply(text: str, m: Mutant) -> str:
    lines = text.split("\n")
    s = lines[m.line - 1]
    start = m.col - 1
    assert s[start : start + len(m.old)] == m.old
    lines[m.line - 1] = s[:start] + m.new + s[start + len(m.old) :]
    return "\n".join(lines)


@dataclass
class Tally:
    mutants: int = 0
    caught: int = 0
    flagged: int = 0
    named: int = 0
    figure: int = 0


def main() -> int:
    results: dict[str, Tally] = {c: Tally() for c in CLASSES}
    others: dict[str, Counter[str]] = {c: Counter() for c in CLASSES}
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        sources = [HA_DONG]
        for name, text in PLANS.items():
            (tmp / name).write_text(text, encoding="utf-8")
            sources.append(tmp / name)
        for src in sources:
            base = check_file(src)
            assert not base.has_errors, [f.message for f in base.findings if f.is_error]
            text = src.read_text(encoding="utf-8")
            for i, m in enumerate(mutants(src)):
                path = tmp / f"m{i}{src.suffix}"
                path.write_text(apply(text, m), encoding="utf-8")
                report = check_file(path)
                t = results[m.cls]
                t.mutants += 1
                errors = [f for f in report.findings if f.is_error]
                t.caught += bool(errors)
                t.flagged += bool(errors) or any(f.code in FLAGS and f.source.line == m.line for f in report.findings)
                here = [f for f in errors if f.code in MISMATCHES and f.source.line == m.line]
                codes = [f.cause.code for f in here if f.cause is not None]
                if CLASSES[m.cls] in codes:
                    t.named += 1
                    t.figure += 1
                else:
                    others[m.cls][codes[0] if codes else "(none)"] += 1
                    t.figure += any(
                        f.cause is not None and f.cause.source is not None and f.cause.source.line == m.line
                        for f in here
                    )

    def pct(n: int, of: int) -> str:
        return f"{100 * n / of:5.1f}%" if of else "    -"

    print(f"{'class':<20} {'mutants':>7} {'caught':>14} {'flagged':>14} {'named':>14} {'figure':>14}  named otherwise")
    total = Tally()
    for cls, t in results.items():
        other = ", ".join(f"{k} {v}" for k, v in others[cls].most_common(3))
        print(
            f"{cls:<20} {t.mutants:>7} {t.caught:>6} {pct(t.caught, t.mutants)} "
            f"{t.flagged:>6} {pct(t.flagged, t.mutants)} {t.named:>6} "
            f"{pct(t.named, t.mutants)} {t.figure:>6} {pct(t.figure, t.mutants)}  {other}"
        )
        total.mutants += t.mutants
        total.caught += t.caught
        total.flagged += t.flagged
        total.named += t.named
        total.figure += t.figure
    print(
        f"{'total':<20} {total.mutants:>7} {total.caught:>6} {pct(total.caught, total.mutants)} "
        f"{total.flagged:>6} {pct(total.flagged, total.mutants)} "
        f"{total.named:>6} {pct(total.named, total.mutants)} {total.figure:>6} {pct(total.figure, total.mutants)}"
    )
    caught_ok = total.caught >= GOAL_CAUGHT * total.mutants
    named_ok = total.named >= GOAL_NAMED * total.mutants
    flagged_ok = total.flagged == total.mutants
    print(
        f"goals: caught ≥ 95% {'met' if caught_ok else 'MISSED'}, named ≥ 90% {'met' if named_ok else 'MISSED'}, "
        f"flagged 100% {'met' if flagged_ok else 'MISSED'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
