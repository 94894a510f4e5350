"""Hostile and extreme inputs: short texts that once took exponential time, numbers of any
length through every output. Invented inputs; each asserts the exit code and what is said."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from budget.read.text import split_lines
from indicators.extract import extract
from tests.helpers import run_process


# An unclosed bracket of percentages: the split pattern once nested two lazy repeats of the
# same text, so each ``, 1%`` doubled the ways to fail (26 of them, 118 bytes, took 15 s).
@pytest.mark.parametrize("count", [26, 28, 400])
def test_an_unclosed_bracket_of_percentages_is_read_at_once(tmp_path: Path, count: int) -> None:
    text = "Mục tiêu (" + ", ".join(["1%"] * count) + " x\n"
    path = tmp_path / "muc-tieu.txt"
    path.write_text(text, encoding="utf-8")
    # a limit far above a healthy run (a fraction of a second) and far below the old one
    ran = run_process([sys.executable, "-m", "plancheck", "check", path], timeout=30)
    assert ran.returncode == 1, ran.stderr  # nothing to check: never an internal error
    assert "KHÔNG CÓ DỰ TOÁN ĐỂ KIỂM TRA" in ran.stdout


def test_a_closed_bracket_of_percentages_is_still_a_split() -> None:
    lines = split_lines("Phân luồng học sinh sau THCS (70% vào THPT, 30% học nghề).\n", "t.txt")
    found = extract(lines, set())
    assert [(e.target.kind.value, [(s.label, s.percent) for s in e.target.shares]) for e in found] == [
        ("split", [("vào THPT", 70), ("học nghề", 30)])
    ]
