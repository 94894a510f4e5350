"""The import contract: budget never imports indicators or plancheck; the kernel imports nothing
above it; the budget pipeline is layered; and no module imports itself back through others, not
even through an import inside a function or one made only for the type checker."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import grimp
import pytest

from tests.helpers import ROOT, run_process


def _lint_imports() -> str:
    beside = Path(sys.executable).parent / "lint-imports"
    found = str(beside) if beside.exists() else shutil.which("lint-imports")
    if found is None:
        pytest.fail("lint-imports is missing: install the test extra (pip install -e '.[test]')")
    return found


def test_import_contract_holds() -> None:
    p = run_process([_lint_imports()], cwd=ROOT, timeout=120)
    assert p.returncode == 0, p.stdout + p.stderr
    assert "0 broken" in p.stdout


@pytest.mark.parametrize("module", ["indicators.model", "budget.numbers", "budget", "indicators", "plancheck.cli"])
def test_each_package_imports_alone(module: str) -> None:
    p = run_process([sys.executable, "-c", f"import {module}"], cwd=ROOT)
    assert p.returncode == 0, p.stderr


def test_budget_package_imports_nothing_eagerly() -> None:
    code = "import sys, budget; print(sorted(m for m in sys.modules if m.startswith(('budget.', 'indicators'))))"
    p = run_process([sys.executable, "-c", code], cwd=ROOT)
    assert p.stdout.strip() == "[]", p.stdout + p.stderr


def test_every_package_of_the_source_is_shipped() -> None:
    """``pip install .`` ships only the packages pyproject names: a subpackage left out imports in
    the checkout (and in an editable install) but not for a user."""
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    shipped = set(config["tool"]["setuptools"]["packages"])
    found = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for top in ("budget", "indicators", "plancheck")
        for init in (ROOT / top).rglob("__init__.py")
    }
    assert found <= shipped, sorted(found - shipped)


# Imports that may close a cycle because they run late, on purpose. Each entry is
# (importer, imported, why). None is needed today: a cycle is a design error to undo (move the
# shared part down, or pass what is needed as a protocol), not an entry to add here.
LAZY_IMPORT_POINTS: tuple[tuple[str, str, str], ...] = ()


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in sorted(edges):
        if root in index:
            continue
        work = [(root, iter(sorted(edges[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    m = stack.pop()
                    on_stack.discard(m)
                    component.append(m)
                    if m == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_cycle_finder_finds_a_cycle() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_cycle_anywhere() -> None:
    graph = grimp.build_graph("budget", "indicators", "plancheck", include_external_packages=False, cache_dir=None)
    allowed = {(a, b) for a, b, _ in LAZY_IMPORT_POINTS}
    edges = {m: set(graph.find_modules_directly_imported_by(m)) for m in graph.modules}
    for importer, imported in allowed:
        edges[importer].discard(imported)
    assert _cycles(edges) == []
