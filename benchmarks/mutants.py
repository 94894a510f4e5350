"""Mutation benchmark of the core (issue 21): does a small change to the code make a test fail?

Run: python benchmarks/mutants.py [--module budget/numbers.py] [--sample 80 --seed 1] [--jobs 2]

A small ``ast`` mutator makes one change at a time to a module of the number reader, the
grammar, the resolve stage, the evaluation or the checks: an arithmetic operator swapped
(``+``/``-``, ``*``/``/``), a comparison moved across its boundary (``<``/``<=``, ``>``/``>=``,
``==``/``!=``), ``is``/``is not``, ``in``/``not in``, ``and``/``or``, a ``not`` removed, a
constant changed (``0``/``1``, ``n`` to ``n + 1``, ``True``/``False``, a string emptied), a
``return x`` that may be ``None`` made ``return None``, an ``if`` branch removed (its test made
``False``, or ``True`` to remove its ``else``), ``continue``/``break`` swapped, a slice bound
moved by one. Docstrings, annotations, decorators, finding codes, the keys of a finding's
arguments, the texts of exceptions and the values of a plain ``Enum``'s members (compared by
identity, never read) are left alone: changing them changes no verdict a test could pin (or,
for codes and keys, only which words of the message catalogue are rendered).

Each mutant is written into a private copy of the checkout and that module's own tests
(``TESTS``) run against it with ``pytest -x``, in a process forked from one that has already
imported the libraries (the project's own modules are imported afresh from the copy, so the
copy's code is what runs, in subprocesses too). A failing test, an import error or a timeout
kills the mutant; a mutant every test passes survives. Runs at ``nice`` 10: the benchmark
is a background job. Property tests run with a fixed hypothesis seed (the same examples for
every mutant); one timing test is deselected (``_DESELECT``).

The table gives per module the mutants run, killed, survived and the score; then every
survivor as ``file:line  original -> mutant``. ``benchmarks/mutants-survivors.md`` records
the last run and why each survivor cannot change behaviour.
"""

from __future__ import annotations

import argparse
import ast
import copy
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import types
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_CHECKS_TESTS = (
    "tests/test_evaluate.py",
    "tests/test_checks.py",
    "tests/test_causes.py",
    "tests/test_shares.py",
    "tests/test_rounding.py",
    "tests/test_verdict.py",
    "tests/test_chains.py",
    "tests/test_stated_twice.py",
    "tests/test_balance.py",
    "tests/test_bracket_splits.py",  # a figure broken down twice: the other breakdown as the cause
    "tests/test_sentence_breakdowns.py",  # breakdowns of the grand total, each stating it
    "tests/test_prose_probes_2.py",  # the rounding a sum's figures may hide, capped (evaluate.py)
    "tests/test_xlsx.py::test_stale_value_is_found",  # a workbook's stored values (check_stored_values)
    "tests/test_xlsx.py::test_round_trip_edit_with_openpyxl",  # formulas without stored values
)
_GRAMMAR_TESTS = ("tests/test_grammar.py", "tests/test_costline.py")
# module -> the test files that test it directly, the quickest to fail first
TESTS: dict[str, tuple[str, ...]] = {
    "budget/numbers.py": ("tests/test_numbers.py",),
    "budget/grammar/tokens.py": _GRAMMAR_TESTS,
    "budget/grammar/expression.py": _GRAMMAR_TESTS,
    "budget/grammar/relation.py": _GRAMMAR_TESTS,
    "budget/resolve.py": ("tests/test_resolve.py", *_CHECKS_TESTS),
    "budget/evaluate.py": _CHECKS_TESTS,
    "budget/checks.py": _CHECKS_TESTS,
    "budget/causes.py": _CHECKS_TESTS,  # the likely causes, split out of checks.py
}
# timing tests: under a loaded machine at nice 10 they fail on correct code, and would kill
# mutants at random (a mutant that makes reading slow still meets the timeout)
_DESELECT = ("tests/test_grammar.py::test_adversarial_clauses_read_in_linear_time",)
# the project's own packages: imported afresh in each mutant's process
_PROJECT = ("budget", "indicators", "plancheck", "tests", "benchmarks")
_CODE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")

_BINOPS: dict[type[ast.operator], type[ast.operator]] = {
    ast.Add: ast.Sub,
    ast.Sub: ast.Add,
    ast.Mult: ast.Div,
    ast.Div: ast.Mult,
    ast.FloorDiv: ast.Mult,
}
_CMPOPS: dict[type[ast.cmpop], type[ast.cmpop]] = {
    ast.Lt: ast.LtE,
    ast.LtE: ast.Lt,
    ast.Gt: ast.GtE,
    ast.GtE: ast.Gt,
    ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq,
    ast.Is: ast.IsNot,
    ast.IsNot: ast.Is,
    ast.In: ast.NotIn,
    ast.NotIn: ast.In,
}


@dataclass(frozen=True)
class Mutant:
    """One change: the ``index``-th node of ``ast.walk`` order, changed by ``kind``."""

    module: str
    index: int
    kind: str
    line: int
    original: str
    mutated: str

    def __str__(self) -> str:
        return f"{self.module}:{self.line}  {self.original} -> {self.mutated}"


def _shown(node: ast.AST) -> str:
    text = " ".join(ast.unparse(node).split())
    return text if len(text) <= 70 else text[:67] + "..."


def _left_alone(tree: ast.Module) -> set[int]:
    """Ids of nodes no mutant touches: docstrings, annotations, decorators, codes, keys, raise texts."""
    skip: set[int] = set()

    def all_of(node: ast.AST | None) -> None:
        if node is not None:
            skip.update(id(n) for n in ast.walk(node))

    for node in ast.walk(tree):
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            all_of(node)  # a docstring or a bare string: no effect
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            all_of(node.returns)
            for d in node.decorator_list:
                all_of(d)
            for a in (
                *node.args.posonlyargs,
                *node.args.args,
                *node.args.kwonlyargs,
                node.args.vararg,
                node.args.kwarg,
            ):
                if a is not None:
                    all_of(a.annotation)
        elif isinstance(node, ast.ClassDef):
            for d in node.decorator_list:
                all_of(d)
            if any(ast.unparse(b) in ("Enum", "enum.Enum") for b in node.bases):
                # a plain Enum's members are compared by identity: their values are never read
                for stmt in node.body:
                    if isinstance(stmt, ast.Assign):
                        all_of(stmt.value)
        elif isinstance(node, ast.AnnAssign):
            all_of(node.annotation)
        elif isinstance(node, ast.Raise):
            all_of(node.exc)
        elif isinstance(node, ast.JoinedStr):
            skip.update(id(v) for v in node.values if isinstance(v, ast.Constant))
        elif isinstance(node, ast.Dict):
            skip.update(id(k) for k in node.keys if isinstance(k, ast.Constant))
        elif isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            all_of(node)
        elif isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets):
            all_of(node)
    return skip


def _may_return_none(func: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    if func.returns is None:
        return False
    text = ast.unparse(func.returns)
    return "None" in text or "Optional" in text


def _is_code(value: str) -> bool:
    """A finding code or phrase key such as ``PRODUCT_MISMATCH``: words, not arithmetic."""
    return len(value) > 1 and set(value) <= _CODE and any(c.isalpha() for c in value)


def _constant_variants(value: object) -> list[object]:
    if isinstance(value, bool):
        return [not value]
    if isinstance(value, int):
        return [1] if value == 0 else [0] if value == 1 else [value + 1]
    if isinstance(value, str):
        return [""] if value and not _is_code(value) else []
    return []


def _sites(tree: ast.Module) -> Iterator[tuple[int, ast.AST, str, object]]:
    """Every (index, node, kind, detail) a mutant may change, in ``ast.walk`` order."""
    skip = _left_alone(tree)
    parents = _parents(tree)

    def enclosing_function(node: ast.AST) -> ast.FunctionDef | ast.AsyncFunctionDef | None:
        p = parents.get(id(node))
        while p is not None and not isinstance(p, (ast.FunctionDef, ast.AsyncFunctionDef)):
            p = parents.get(id(p))
        return p

    for index, node in enumerate(ast.walk(tree)):
        if id(node) in skip:
            continue
        if isinstance(node, (ast.BinOp, ast.AugAssign)) and type(node.op) in _BINOPS:
            yield index, node, "operator", None
        elif isinstance(node, ast.Compare):
            for k, op in enumerate(node.ops):
                if type(op) in _CMPOPS:
                    yield index, node, "comparison", k
        elif isinstance(node, ast.BoolOp):
            yield index, node, "boolean", None
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            yield index, node, "not", None
        elif isinstance(node, ast.Constant):
            for v in _constant_variants(node.value):
                yield index, node, "constant", v
        elif isinstance(node, ast.Return) and node.value is not None:
            func = enclosing_function(node)
            is_none = isinstance(node.value, ast.Constant) and node.value.value is None
            if func is not None and _may_return_none(func) and not is_none:
                yield index, node, "return", None
        elif isinstance(node, ast.If):
            yield index, node, "if", False
            if node.orelse:
                yield index, node, "if", True
        elif isinstance(node, (ast.Continue, ast.Break)):
            yield index, node, "loop", None
        elif isinstance(node, ast.Slice):
            for bound in ("lower", "upper"):
                b = getattr(node, bound)
                if b is not None and not isinstance(b, ast.Constant) and not _negative_constant(b):
                    yield index, node, "slice", bound


def _negative_constant(node: ast.AST) -> bool:
    return isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub) and isinstance(node.operand, ast.Constant)


def _replace(parent: ast.AST, old: ast.AST, new: ast.AST) -> None:
    for field, value in ast.iter_fields(parent):
        if value is old:
            setattr(parent, field, new)
            return
        if isinstance(value, list):
            for i, item in enumerate(value):
                if item is old:
                    value[i] = new
                    return
    raise ValueError("node not found in its parent")


def _change(parent: ast.AST, node: ast.AST, kind: str, detail: object) -> tuple[ast.AST, ast.AST]:
    """Mutate ``node`` (a child of ``parent``) in place; return (shown before, shown after)."""
    before = copy.deepcopy(node)
    after: ast.AST = node
    if kind == "operator":
        assert isinstance(node, (ast.BinOp, ast.AugAssign))
        node.op = _BINOPS[type(node.op)]()
    elif kind == "comparison":
        assert isinstance(node, ast.Compare) and isinstance(detail, int)
        node.ops[detail] = _CMPOPS[type(node.ops[detail])]()
    elif kind == "boolean":
        assert isinstance(node, ast.BoolOp)
        node.op = ast.Or() if isinstance(node.op, ast.And) else ast.And()
    elif kind == "not":
        assert isinstance(node, ast.UnaryOp)
        after = node.operand
        _replace(parent, node, after)
    elif kind == "constant":
        assert isinstance(node, ast.Constant)
        assert isinstance(detail, (bool, int, str))
        node.value = detail
    elif kind == "return":
        assert isinstance(node, ast.Return)
        node.value = ast.Constant(None)
    elif kind == "if":
        assert isinstance(node, ast.If)
        assert isinstance(detail, bool)
        node.test = ast.Constant(detail)
        # shown without the bodies: the test line says it all
        before = ast.If(test=before.test, body=[ast.Pass()], orelse=[])  # type: ignore[attr-defined]
        after = ast.If(test=node.test, body=[ast.Pass()], orelse=[])
        return before, after
    elif kind == "loop":
        after = ast.Break() if isinstance(node, ast.Continue) else ast.Continue()
        _replace(parent, node, after)
    elif kind == "slice":
        assert isinstance(node, ast.Slice) and isinstance(detail, str)
        bound = getattr(node, detail)
        setattr(node, detail, ast.BinOp(left=bound, op=ast.Add(), right=ast.Constant(1)))
    else:
        raise ValueError(kind)
    return before, after


def _parents(tree: ast.AST) -> dict[int, ast.AST]:
    return {id(child): node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}


def _label(kind: str, detail: object) -> str:
    return f"{kind}:{detail}" if detail is not None else kind


def mutants_of(source: str, module: str = "<source>") -> list[Mutant]:
    """Every mutant of ``source``, in a stable order."""
    out = []
    for index, node, kind, detail in _sites(ast.parse(source)):
        target = copy.deepcopy(node)  # changed apart from the tree, only to be shown
        holder: ast.AST
        if isinstance(target, ast.stmt):
            holder = ast.Module(body=[target], type_ignores=[])
        else:
            assert isinstance(target, ast.expr)
            holder = ast.Expr(target)
        before, after = _change(holder, target, kind, detail)
        line = getattr(node, "lineno", 0)
        out.append(Mutant(module, index, _label(kind, detail), line, _shown(before), _shown(after)))
    return sorted(out, key=lambda m: (m.line, m.index, m.kind))


def mutate(source: str, mutant: Mutant) -> str:
    """``source`` with ``mutant`` applied (as ``ast.unparse`` writes it)."""
    tree = ast.parse(source)
    parents = _parents(tree)
    for index, node, kind, detail in _sites(tree):
        if index == mutant.index and _label(kind, detail) == mutant.kind:
            _change(parents[id(node)], node, kind, detail)
            return ast.unparse(ast.fix_missing_locations(tree)) + "\n"
    raise ValueError(f"no such mutant: {mutant}")


# ---------------------------------------------------------------- running


def _copy_checkout(into: Path) -> None:
    files = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.splitlines()
    for name in files:
        src = ROOT / name
        if not src.is_file() or name.startswith("benchmarks/corpus/"):
            continue
        dst = into / name
        dst.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, dst)


def _module_name(path: str) -> str:
    return path[:-3].replace("/", ".").removesuffix(".__init__")


@cache
def _dependents(module: str) -> frozenset[str]:
    """The project modules that import ``module``, directly or not (function-level imports too)."""
    imports: dict[str, set[str]] = {}
    for package in _PROJECT[:3]:
        for path in (ROOT / package).rglob("*.py"):
            name = _module_name(path.relative_to(ROOT).as_posix())
            found = imports.setdefault(name, set())
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Import):
                    found.update(a.name for a in node.names)
                elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                    found.add(node.module)
                    found.update(f"{node.module}.{a.name}" for a in node.names)
    out = {_module_name(module)}
    while True:
        more = {name for name, deps in imports.items() if deps & out} - out
        if not more:
            return frozenset(out)
        out |= more


def _purge_project(keep: frozenset[str] = frozenset()) -> None:
    for name in list(sys.modules):
        if name.split(".")[0] in _PROJECT and name not in keep:
            del sys.modules[name]


def _preload(modules: Sequence[str]) -> None:
    """Import the libraries once in this process: each mutant's fork then starts warm."""
    import pytest  # noqa: F401

    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    for module in modules:
        for test in TESTS[module]:
            if (ROOT / test.split("::")[0]).is_file():
                __import__(_module_name(test.split("::")[0]))
    _purge_project(keep=frozenset(n for n in sys.modules if not n.startswith("tests")))


def _run_tests(checkout: Path, tests: Sequence[str], dependents: frozenset[str], log: str = os.devnull) -> int:
    """In a forked child: the tests against ``checkout``'s code; returns pytest's exit code."""
    import pytest

    root = str(ROOT)
    # the checkout's own folders leave the path (the copy stands in for them); a virtualenv kept
    # inside the checkout (``.venv``) stays: its libraries and pytest's plugins live there
    sys.path[:] = [str(checkout)] + [p for p in sys.path if not p.startswith(root) or "site-packages" in p]
    os.environ["PYTHONPATH"] = str(checkout)
    os.chdir(checkout)
    # compiled once per copy: each mutant's file has a time of its own, so no stale .pyc is taken
    sys.dont_write_bytecode = False
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    # modules that do not import the mutated one stay as the parent imported them (the same
    # code); the others, and the tests, are imported afresh from the copy
    _purge_project(keep=frozenset(n for n in sys.modules if n not in dependents and not n.startswith("tests")))
    for name, mod in list(sys.modules.items()):
        if name.split(".")[0] in _PROJECT and hasattr(mod, "__path__"):
            mod.__path__ = [str(checkout / name.replace(".", "/"))]
            for attr, value in list(vars(mod).items()):  # a package's attribute for a dropped submodule
                if isinstance(value, types.ModuleType) and value.__name__ not in sys.modules:
                    delattr(mod, attr)
    out = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
    os.dup2(out, 1)
    os.dup2(out, 2)
    existing = [t for t in tests if (checkout / t.split("::")[0]).is_file()]
    deselect = [arg for test in _DESELECT for arg in ("--deselect", test)]
    # the same examples for every mutant: a property test kills a mutant, not a lucky draw
    seed = ["--hypothesis-seed=0"]
    return int(pytest.main(["-x", "-q", "-p", "no:cacheprovider", *seed, *deselect, *existing]))


@dataclass
class _Slot:
    checkout: Path
    pid: int = 0
    started: float = 0.0
    mutant: Mutant | None = None
    original: bytes = b""


def _start(slot: _Slot, mutant: Mutant | None, source: str, serial: int) -> None:
    module = "budget/numbers.py" if mutant is None else mutant.module
    path = slot.checkout / module
    slot.original = path.read_bytes()
    if mutant is not None:
        path.write_text(mutate(source, mutant), encoding="utf-8")
        # a time of its own: a stale .pyc of another mutant of the same size is never taken
        os.utime(path, (1_000_000 + serial, 1_000_000 + serial))
    slot.mutant, slot.started = mutant, time.monotonic()
    pid = os.fork()
    if pid == 0:  # the child
        code = 3
        try:
            code = _run_tests(slot.checkout, TESTS[module], _dependents(module), str(slot.checkout / "mutant.log"))
        finally:
            os._exit(code)
    slot.pid = pid


def _finish(slot: _Slot, module: str) -> None:
    path = slot.checkout / module
    path.write_bytes(slot.original)
    os.utime(path, None)
    slot.pid = 0


def _killer(log: Path) -> str:
    """The first test that failed, from pytest's short summary."""
    for line in log.read_text(encoding="utf-8", errors="replace").splitlines():
        if line.startswith(("FAILED ", "ERROR ")):
            return line.split(" - ")[0]
    return "?"


def run(
    mutants: Sequence[Mutant], sources: dict[str, str], jobs: int, timeout: float, progress: bool = True
) -> dict[Mutant, str]:
    """Each mutant's outcome: ``survived``, ``timeout`` or the test that killed it."""
    outcome: dict[Mutant, str] = {}
    with tempfile.TemporaryDirectory(prefix="mutants-") as tmp:
        slots = []
        for j in range(jobs):
            checkout = Path(tmp) / f"slot{j}"
            _copy_checkout(checkout)
            slots.append(_Slot(checkout))
        queue = list(mutants)
        serial = 0
        while queue or any(s.pid for s in slots):
            for slot in slots:
                if slot.pid == 0 and queue:
                    m = queue.pop(0)
                    serial += 1
                    _start(slot, m, sources[m.module], serial)
            time.sleep(0.05)
            for slot in slots:
                if not slot.pid:
                    continue
                assert slot.mutant is not None
                pid, status = os.waitpid(slot.pid, os.WNOHANG)
                if pid:
                    code = os.waitstatus_to_exitcode(status)
                    outcome[slot.mutant] = "survived" if code == 0 else _killer(slot.checkout / "mutant.log")
                elif time.monotonic() - slot.started > timeout:
                    os.kill(slot.pid, signal.SIGKILL)
                    os.waitpid(slot.pid, 0)
                    outcome[slot.mutant] = "timeout"
                else:
                    continue
                if progress and outcome[slot.mutant] == "survived":
                    print(f"\nsurvived: {slot.mutant}", flush=True)
                elif progress:
                    print("T" if outcome[slot.mutant] == "timeout" else ".", end="", flush=True)
                _finish(slot, slot.mutant.module)
        if progress:
            print()
    return outcome


def _baseline(modules: Sequence[str]) -> float:
    """The unchanged tests must pass (else every mutant would count as killed); their time."""
    with tempfile.TemporaryDirectory(prefix="mutants-") as tmp:
        checkout = Path(tmp)
        _copy_checkout(checkout)
        slowest = 0.0
        for module in modules:
            path = checkout / module
            path.write_text(ast.unparse(ast.parse(path.read_text(encoding="utf-8"))) + "\n", encoding="utf-8")
            started = time.monotonic()
            pid = os.fork()
            if pid == 0:
                code = 3
                try:
                    code = _run_tests(checkout, TESTS[module], _dependents(module), str(checkout / "baseline.log"))
                finally:
                    os._exit(code)
            _, status = os.waitpid(pid, 0)
            if os.waitstatus_to_exitcode(status) != 0:
                print((checkout / "baseline.log").read_text(encoding="utf-8", errors="replace")[-3000:])
                sys.exit(f"the tests of {module} fail on the unchanged code: fix them first")
            slowest = max(slowest, time.monotonic() - started)
            shutil.copy2(ROOT / module, path)
    return slowest


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--module", action="append", choices=sorted(TESTS), help="only this module (repeatable)")
    parser.add_argument("--sample", type=int, default=0, help="at most N mutants per module, drawn at random")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--list", action="store_true", help="list the mutants, run nothing")
    parser.add_argument("--killers", action="store_true", help="also list each killed mutant with its test")
    args = parser.parse_args(argv)
    modules = args.module or sorted(TESTS)
    sources = {m: (ROOT / m).read_text(encoding="utf-8") for m in modules}
    chosen: list[Mutant] = []
    totals: dict[str, int] = {}
    for m in modules:
        every = mutants_of(sources[m], m)
        totals[m] = len(every)
        if args.sample and len(every) > args.sample:
            every = sorted(random.Random(f"{args.seed}:{m}").sample(every, args.sample), key=lambda x: x.index)
        chosen.extend(every)
    if args.list:
        for mutant in chosen:
            print(mutant)
        return 0
    os.nice(10)
    for m in modules:
        _dependents(m)  # once, before the forks
    _preload(modules)
    timeout = max(20.0, 3 * _baseline(modules))
    started = time.monotonic()
    outcome = run(chosen, sources, args.jobs, timeout)
    print(
        f"\nsample {args.sample or 'all'} per module, seed {args.seed}, timeout {timeout:.0f} s, "
        f"{time.monotonic() - started:.0f} s\n"
    )
    print("| module | mutants (of) | killed | survived | score |")
    print("|---|---|---|---|---|")
    survivors: list[Mutant] = []
    for m in modules:
        mine = [x for x in chosen if x.module == m]
        dead = sum(1 for x in mine if outcome[x] != "survived")
        survivors.extend(x for x in mine if outcome[x] == "survived")
        score = dead / len(mine) if mine else 1.0
        print(f"| {m} | {len(mine)} ({totals[m]}) | {dead} | {len(mine) - dead} | {score:.1%} |")
    timeouts = sum(1 for v in outcome.values() if v == "timeout")
    if timeouts:
        print(f"\n{timeouts} killed by the timeout")
    if args.killers:
        print("\nkilled:")
        for x in chosen:
            if outcome[x] != "survived":
                print(f"  {x}  [{outcome[x]}]")
    print("\nsurvivors:")
    for x in survivors:
        print(f"  {x}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
