"""Shared paths and helpers.

The five real plans the project started from are committed as line-preserving excerpts
in ``tests/cases/seeds/`` (sources and method in its README.md): the lines the tests
read are byte-identical to the originals and every other line is blank, so line numbers
match. ``BUDGET_SEEDS=/path/to/seeds`` runs the same tests on the full texts instead.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
HA_DONG = EXAMPLES / "ha-dong-267-kh-ubnd.txt"
SEEDS = Path(os.environ.get("BUDGET_SEEDS") or ROOT / "tests" / "cases" / "seeds")
IN_CI = os.environ.get("CI", "").lower() == "true"

SEED_HA_DONG = "004_fa84db0f1f94df91.txt"
SEED_OTHERS = (
    "000_bc1777f9039d4892.txt",
    "001_e38651acb5d5e773.txt",
    "002_6c687b1be164f383.txt",
    "003_b21f04cd465f80b7.txt",
)


def seed_path(name: str) -> Path:
    """A real plan: the committed excerpt, or the full text from ``$BUDGET_SEEDS``; never skipped."""
    path = SEEDS / name
    if not path.is_file():
        pytest.fail(f"seed {path} missing (BUDGET_SEEDS={os.environ.get('BUDGET_SEEDS', '')!r})")
    return path


def line_of(text: str, fragment: str) -> int:
    """1-based number of the only line containing ``fragment``."""
    hits = [i for i, line in enumerate(text.splitlines(), 1) if fragment in line]
    assert len(hits) == 1, (fragment, hits)
    return hits[0]


def replace_once(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, (old, text.count(old))
    return text.replace(old, new)
