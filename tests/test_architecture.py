"""The import contract: budget never imports indicators or plancheck; the kernel imports nothing above it."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

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
