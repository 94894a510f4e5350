"""Where the time and memory of one large check go: each stage of ``budget check`` run in
turn, in one process, as the command runs them, with the CPU seconds and the growth of the
peak resident memory of each, beside the floor's whole pass over the same text.

``run_all.py`` says how far the pipeline is from its floors; this says which stage the
distance is in, so the README's reasons for a goal not met are measured, not guessed.

Run: python benchmarks/stages.py [--lines 100000] [--xlsx]
"""

from __future__ import annotations

import argparse
import gc
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class Stages:
    """Each stage's CPU seconds and the peak memory after it."""

    def __init__(self) -> None:
        self.rows: list[tuple[str, float, float]] = []

    def run(self, name: str, work: Callable[[], Any]) -> Any:
        start = time.process_time()
        result = work()
        self.rows.append((name, time.process_time() - start, _peak_mb()))
        return result

    def print(self, lines: int, floor_cpu: float) -> None:
        total = sum(cpu for _, cpu, _ in self.rows)
        print(f"{'stage':<38} {'cpu s':>7} {'share':>6} {'× floor':>8} {'peak MB':>8} {'µs/line':>8}")
        for name, cpu, peak in self.rows:
            print(
                f"{name:<38} {cpu:>7.2f} {cpu / total:>6.0%} {cpu / floor_cpu:>8.2f} {peak:>8.0f}"
                f" {cpu / lines * 1e6:>8.1f}"
            )
        print(f"{'all stages':<38} {total:>7.2f} {'':>6} {total / floor_cpu:>8.2f}")
        print(f"{'floor (floor_check.py, whole pass)':<38} {floor_cpu:>7.2f}")


def _floor_cpu(plan: Path) -> float:
    """The floor's CPU seconds in its own process, imports included (as run_all times it)."""
    proc = subprocess.Popen([sys.executable, str(HERE / "floor_check.py"), str(plan)], stdout=subprocess.DEVNULL)
    _, _, usage = os.wait4(proc.pid, 0)
    proc.returncode = 0
    return float(usage.ru_utime + usage.ru_stime)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="CPU and memory of each stage of one large check.")
    p.add_argument("--lines", type=int, default=100_000)
    p.add_argument("--xlsx", action="store_true", help="also the workbook and reading it back")
    args = p.parse_args(argv)
    stages = Stages()
    with tempfile.TemporaryDirectory() as d:
        plan_path = Path(d) / "plan.txt"
        with plan_path.open("wb") as out:
            generate = [sys.executable, str(HERE / "generate.py"), "--plan", str(args.lines), "--seed", "7"]
            subprocess.run(generate, stdout=out, check=True, env={**os.environ, "PYTHONIOENCODING": "utf-8"})
        floor = _floor_cpu(plan_path)
        name = str(plan_path)
        # the imports as a stage of their own: a user waits for them too
        modules = stages.run("imports", _imports)
        gc.disable()  # as ``budget check`` runs one document (``plancheck.cli._no_collector``)
        lines = stages.run("read text", lambda: modules["read_text_lines"](plan_path, name))
        plan, findings = stages.run("parse (outline, cost lines)", lambda: modules["parse"](lines, name))
        evaluation = stages.run("evaluate (products, sums)", lambda: modules["evaluate"](plan))
        more = stages.run("checks (findings, causes)", lambda: modules["run_checks"](evaluation))
        report = modules["Report"](plan, evaluation, tuple(sorted([*findings, *more], key=modules["sort_key"])))
        targets = stages.run("targets (indicators.extract)", lambda: modules["extract"](lines, plan.budget_lines))
        lines = []  # the plan keeps what it needs of them, as in ``budget check``
        table = None
        if args.xlsx:
            report, table = stages.run("workbook findings", lambda: modules["with_workbook_findings"](report))
        shown = stages.run(
            "projection (what every output shows)",
            lambda: modules["project"](report, targets, "vi", table=table, sha256=modules["file_digest"](name)),
        )
        with open(os.devnull, "w", encoding="utf-8") as sink:
            stages.run("JSON written", lambda: modules["write_json_to"](sink.write, report, targets, projection=shown))
        if args.xlsx:
            xlsx = Path(d) / "out.xlsx"
            stages.run(
                "workbook written",
                lambda: modules["save_workbook"](report, shown.table, str(xlsx), True, targets, projection=shown),
            )
            del report, shown, evaluation, plan
            gc.enable()
            stages.run("workbook read back (load_plan)", lambda: modules["load_plan"](xlsx))
    stages.print(args.lines, floor)
    return 0


def _imports() -> dict[str, Any]:
    from budget.api import Report, load_plan
    from budget.checks import run_checks
    from budget.evaluate import evaluate
    from budget.findings import sort_key
    from budget.parse import parse
    from budget.read.text import read_text_lines
    from indicators.extract import extract
    from plancheck.projection import file_digest, project
    from plancheck.workbook import save_workbook, with_workbook_findings
    from plancheck.write_json import write_json_to

    return {
        "Report": Report,
        "load_plan": load_plan,
        "run_checks": run_checks,
        "evaluate": evaluate,
        "sort_key": sort_key,
        "parse": parse,
        "read_text_lines": read_text_lines,
        "extract": extract,
        "file_digest": file_digest,
        "project": project,
        "save_workbook": save_workbook,
        "with_workbook_findings": with_workbook_findings,
        "write_json_to": write_json_to,
    }


if __name__ == "__main__":
    sys.exit(main())
