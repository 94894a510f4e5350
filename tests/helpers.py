"""Shared paths and helpers. The five real plans live in ../shared/seeds beside the clone."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
HA_DONG = EXAMPLES / "ha-dong-267-kh-ubnd.txt"
SEEDS = Path(os.environ.get("BUDGET_SEEDS", str(ROOT.parent / "shared" / "seeds")))
IN_CI = os.environ.get("CI", "").lower() == "true"

SEED_HA_DONG = "004_fa84db0f1f94df91.txt"
SEED_OTHERS = (
    "000_bc1777f9039d4892.txt",
    "001_e38651acb5d5e773.txt",
    "002_6c687b1be164f383.txt",
    "003_b21f04cd465f80b7.txt",
)


def seed_path(name: str) -> Path:
    """A real plan from shared/seeds; skipped only outside CI when the folder is absent."""
    path = SEEDS / name
    if not path.exists():
        if IN_CI:
            pytest.fail(f"seed {path} missing in CI")
        pytest.skip(f"seed {path} not available here")
    return path


def line_of(text: str, fragment: str) -> int:
    """1-based number of the only line containing ``fragment``."""
    hits = [i for i, line in enumerate(text.splitlines(), 1) if fragment in line]
    assert len(hits) == 1, (fragment, hits)
    return hits[0]


def replace_once(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, (old, text.count(old))
    return text.replace(old, new)
