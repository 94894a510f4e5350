"""Fast start: a check of a text plan imports no heavy dependency (a behaviour, not a timing).

The start-up time itself is measured by ``benchmarks/startup.py``; here, what makes it:
the heavy packages stay out of a text check, and each deferred import is one of the
documented lazy-import points of ``budget.lazy_imports``.
"""

from __future__ import annotations

import ast
import importlib.util
import json
import sys
from pathlib import Path
from typing import Any

import pytest

from budget.lazy_imports import HEAVY, LAZY_IMPORT_POINTS
from tests.helpers import HA_DONG, ROOT, run_process

# What the heavy packages import on their behalf is heavy too: numpy (pint, pandas),
# lxml (python-docx), PIL (openpyxl's images), the interpreter's process pools.
ALSO_HEAVY = ("PIL", "pdfminer", "defusedxml", "multiprocessing", "concurrent")

_PROBE = """
import contextlib, io, json, sys
from plancheck.cli import main
codes = []
for argv in (["check", sys.argv[1]], ["check", sys.argv[1], "--format", "json"]):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        codes.append(main(argv))
    codes.append(out.getvalue()[:400])
print(json.dumps({"codes": codes, "modules": sorted(sys.modules)}))
"""


@pytest.fixture(scope="module")
def text_check() -> dict[str, Any]:
    """One fresh interpreter: ``budget check`` of the README's example, text then JSON."""
    p = run_process([sys.executable, "-c", _PROBE, str(HA_DONG)], cwd=ROOT, env={"PYTHONPATH": str(ROOT)})
    assert p.returncode == 0, p.stderr
    result: dict[str, Any] = json.loads(p.stdout)
    return result


def test_a_text_check_imports_no_heavy_package(text_check: dict[str, Any]) -> None:
    code_text, text, code_json, out_json = text_check["codes"]
    assert (code_text, code_json) == (0, 0)
    assert text.startswith("Tệp: ") and "KẾ HOẠCH" in text
    assert out_json.startswith("{")
    loaded = {m.split(".")[0] for m in text_check["modules"]}
    assert sorted(loaded & {*HEAVY, *ALSO_HEAVY}) == []


def test_a_text_check_imports_no_reader_or_writer_of_other_formats(text_check: dict[str, Any]) -> None:
    ours = [m for m in text_check["modules"] if m.startswith(("budget.", "plancheck.", "indicators."))]
    unwanted = {
        "budget.sheets.workbook",
        "budget.sheets.delimited",
        "budget.read.word",
        "budget.read.pdf",
        "budget.read.xlsx_io",
        "budget.read.xlsx_cells",
        "budget.output",
        "plancheck.batch",
        "plancheck.batch_view",
        "plancheck.report",
        "plancheck.workbook",
        "plancheck.xlsx.workbook",
        "plancheck.write_batch_xlsx",
        "plancheck.write_batch_html",
    }
    assert sorted(unwanted & set(ours)) == []
    assert "budget.api" in ours and "plancheck.write_text" in ours  # the probe did run a check
    # a single check counts its time for a progress bar, but draws none in a pipe: no rich
    assert not any(m == "rich" or m.startswith("rich.") for m in text_check["modules"])


def _module_file(module: str) -> Path:
    spec = importlib.util.find_spec(module)
    assert spec is not None and spec.origin is not None, module
    return Path(spec.origin)


def _imports_in_functions(path: Path) -> list[tuple[str, set[str]]]:
    """(function name, names it imports) for every import statement inside a function."""
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            for sub in ast.walk(node):
                if isinstance(sub, ast.Import):
                    out.append((node.name, {a.name for a in sub.names}))
                elif isinstance(sub, ast.ImportFrom) and sub.module is not None and sub.level == 0:
                    out.append((node.name, {sub.module} | {f"{sub.module}.{a.name}" for a in sub.names}))
    return out


@pytest.mark.parametrize(("module", "function", "imported"), LAZY_IMPORT_POINTS)
def test_every_listed_lazy_import_point_is_in_the_code(module: str, function: str, imported: str) -> None:
    found = _imports_in_functions(_module_file(module))
    assert any(name == function and imported in names for name, names in found), (module, function, imported)


def _imported_at_top(path: Path) -> set[str]:
    """The packages a module imports when it is imported (its top-level import statements)."""
    names: set[str] = set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module is not None and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_every_heavy_import_inside_a_function_is_listed() -> None:
    """A heavy package imported inside a function, by a module that does not import it at its
    top, is a lazy-import point: it must be listed."""
    listed = set(LAZY_IMPORT_POINTS)
    missing = []
    for path in sorted(p for top in ("budget", "indicators", "plancheck") for p in (ROOT / top).rglob("*.py")):
        module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
        deferred = set(HEAVY) - _imported_at_top(path)
        for function, names in _imports_in_functions(path):
            heavy = sorted(n for n in names if n.split(".")[0] in deferred)
            if heavy and not any((module, function, n) in listed for n in names):
                missing.append((module, function, heavy[0]))
    assert missing == []


def test_a_heavy_package_is_imported_at_the_top_of_no_module_a_text_check_loads(
    text_check: dict[str, Any],
) -> None:
    """The first test said of the source, to name the culprit: no module a text check loads
    imports a heavy package at its top (every run would load it)."""
    ours = [m for m in text_check["modules"] if m.split(".")[0] in ("budget", "plancheck", "indicators")]
    offenders = [(m, sorted(_imported_at_top(_module_file(m)) & set(HEAVY))) for m in ours]
    assert [o for o in offenders if o[1]] == []
