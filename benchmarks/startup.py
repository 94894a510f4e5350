"""Start-up: ``budget check`` on the README's example against ``python -c pass``, in one run.

A person who types the README's first command waits for the interpreter, the imports and
the check; on an 80-line plan the imports are nearly all of it. Goal (issue 21): the check
with text output takes at most 8 times as long as starting an interpreter that does
nothing, both measured here, interleaved, by the same interpreter.

Each measurement is one process timed from outside: wall time, and CPU time (user + system,
from ``os.wait4``). The goal is judged on the median CPU time, as ``run_all.py`` judges its
goals: on a shared machine wall time measures the neighbours too; both ratios are printed.

Bytecode: an installed package has its ``.pyc`` files (pip compiles them on install), so
the children run with a bytecode cache of their own in a temporary folder (filled by one
warm-up run of each command, never written into the checkout); ``--no-bytecode`` measures
a run that compiles every module from source instead.

Run: python benchmarks/startup.py [RUNS] [--no-bytecode] [--import-costs]
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "ha-dong-267-kh-ubnd.txt"  # the README's first command checks it
GOAL = 8.0


@dataclass(frozen=True)
class Run:
    wall: float
    cpu: float
    code: int


def measure(cmd: list[str], env: dict[str, str]) -> Run:
    """One process, stdout discarded: wall time and the CPU time of it and its children."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=ROOT)
    assert proc.stderr is not None
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    proc.returncode = code  # reaped here: keep Popen from waiting again
    proc.stderr.close()
    if code != 0:
        sys.stderr.write(f"{' '.join(cmd[1:])}: exit {code}: {err.decode('utf-8', 'replace')[-500:]}\n")
    return Run(wall, usage.ru_utime + usage.ru_stime, code)


def environment(cache: str | None) -> dict[str, str]:
    """The children's environment: this checkout first on the path; a bytecode cache of
    their own (``cache``) or none at all."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "PYTHONPYCACHEPREFIX")}
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])])
    env["PYTHONIOENCODING"] = "utf-8"
    if cache is None:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    else:
        env["PYTHONPYCACHEPREFIX"] = cache
    return env


def import_costs(env: dict[str, str], top: int = 15) -> list[tuple[float, str]]:
    """Import time of a check by top-level package (``-X importtime``, each module's own time
    summed over the package), costliest first: where the start-up goes."""
    cmd = [sys.executable, "-X", "importtime", "-m", "plancheck", "check", str(EXAMPLE)]
    p = subprocess.run(cmd, capture_output=True, env=env, cwd=ROOT, check=False)
    costs: dict[str, float] = {}
    for line in p.stderr.decode("utf-8", "replace").splitlines():
        m = re.match(r"import time:\s+(\d+) \|\s+\d+ \|\s*(\S+)", line)
        if m:
            package = m.group(2).split(".")[0]
            costs[package] = costs.get(package, 0.0) + int(m.group(1)) / 1e6
    return sorted(((s, name) for name, s in costs.items()), reverse=True)[:top]


@dataclass(frozen=True)
class Medians:
    runs: int
    bytecode: bool
    wall: dict[str, float]  # "bare" (python -c pass), "check"
    cpu: dict[str, float]

    @property
    def ratio_wall(self) -> float:
        return self.wall["check"] / self.wall["bare"]

    @property
    def ratio_cpu(self) -> float:
        return self.cpu["check"] / self.cpu["bare"]

    @property
    def met(self) -> bool:
        return self.ratio_cpu <= GOAL


def startup(runs: int, bytecode: bool = True) -> Medians | None:
    """``python -c pass`` and ``budget check EXAMPLE`` ``runs`` times each, interleaved; None
    when the check failed."""
    with tempfile.TemporaryDirectory() as cache:
        env = environment(cache if bytecode else None)
        bare = [sys.executable, "-c", "pass"]
        check = [sys.executable, "-m", "plancheck", "check", str(EXAMPLE)]
        for cmd in (bare, check):  # warm-up: fills the bytecode cache, reads the files once
            measure(cmd, env)
        times: dict[str, list[Run]] = {"bare": [], "check": []}
        for _ in range(runs):
            times["bare"].append(measure(bare, env))
            times["check"].append(measure(check, env))
    if any(r.code != 0 for r in times["check"]):
        return None
    wall = {k: statistics.median(r.wall for r in v) for k, v in times.items()}
    cpu = {k: statistics.median(r.cpu for r in v) for k, v in times.items()}
    return Medians(runs, bytecode, wall, cpu)


def table(m: Medians) -> list[str]:
    return [
        f"{m.runs} runs each, interleaved; bytecode {'cached' if m.bytecode else 'not cached'}",
        f"{'median of':<38} {'wall s':>8} {'cpu s':>8}",
        f"{'python -c pass':<38} {m.wall['bare']:>8.3f} {m.cpu['bare']:>8.3f}",
        f"{'budget check ' + EXAMPLE.name:<38} {m.wall['check']:>8.3f} {m.cpu['check']:>8.3f}",
        f"{'ratio':<38} {m.ratio_wall:>8.1f} {m.ratio_cpu:>8.1f}",
        f"goal: cpu ratio ≤ {GOAL:g}: {'met' if m.met else 'NOT met'}",
    ]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    p.add_argument("runs", nargs="?", type=int, default=21, help="runs of each command (default 21)")
    p.add_argument("--no-bytecode", action="store_true", help="compile every module from source each run")
    p.add_argument("--import-costs", action="store_true", help="also list what the check imports, by cost")
    args = p.parse_args(argv)
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}")
    m = startup(args.runs, bytecode=not args.no_bytecode)
    if m is None:
        print("budget check failed: see above")
        return 2
    print("\n".join(table(m)))
    if args.import_costs:
        with tempfile.TemporaryDirectory() as cache:
            env = environment(cache if not args.no_bytecode else None)
            import_costs(env)  # fills the bytecode cache
            costs = import_costs(env)
        print("import time of the check by package (own time of its modules, under -X importtime):")
        for seconds, name in costs:
            print(f"  {seconds * 1000:7.1f} ms  {name}")
    return 0 if m.met else 1


if __name__ == "__main__":
    sys.exit(main())
