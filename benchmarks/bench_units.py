"""Unit check cost: a 100.000-line plan checked with and without the unit check.

Run: python benchmarks/bench_units.py [N_LINES]
Goal (issue 3): the unit check costs at most 20% more than the arithmetic checks alone,
measured in the same run (min of 5, interleaved, GC paused), pint caches cleared before
every run so the pint work per signature is counted.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from timing import timed  # benchmarks/timing.py, beside this script

if __package__ in (None, ""):  # run as a script: the checkout's root holds the package ``benchmarks``
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.synthetic import bench_plan
from budget.api import load_plan
from budget.checks import ARITHMETIC, CHECKS, _unit_findings, run_checks
from budget.evaluate import evaluate
from budget.unitcheck import verdict
from budget.units import read_unit

GOAL = 1.20


def _clear() -> None:
    verdict.cache_clear()
    read_unit.cache_clear()
    _unit_findings.cache_clear()


def _best_pair(a, b, runs: int = 5) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """Min of ``runs`` for each, interleaved so that machine noise hits both alike."""
    ta, tb = [], []
    for _ in range(runs):
        ta.append(timed(a, _clear))
        tb.append(timed(b, _clear))
    return min(ta), min(tb)


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "plan.txt"
        t = time.perf_counter()
        path.write_text(bench_plan(n), encoding="utf-8")
        gen = time.perf_counter() - t
        t = time.perf_counter()
        plan, _ = load_plan(path)
        parse = time.perf_counter() - t
    ev = evaluate(plan)
    n_lines = len(ev.lines())
    base, full = _best_pair(
        lambda: run_checks(evaluate(plan), ARITHMETIC),
        lambda: run_checks(evaluate(plan), CHECKS),
    )
    units_found = sum(1 for f in run_checks(ev, CHECKS) if f.code.startswith("UNIT_"))
    ratio = full / base
    print(f"lines: {n_lines}  (generate {gen:.1f} s, read and parse {parse:.1f} s)")
    print(f"evaluate + arithmetic checks:        {base:.3f} s")
    print(f"evaluate + arithmetic + unit checks: {full:.3f} s   ({units_found} unit findings)")
    print(f"ratio: {ratio:.2f}  (goal <= {GOAL:.2f})  {'OK' if ratio <= GOAL else 'OVER GOAL'}")
    return 0 if ratio <= GOAL else 1


if __name__ == "__main__":
    sys.exit(main())
