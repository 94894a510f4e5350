"""The benchmark scripts run (on small inputs); their goals are checked by running them, not here."""

from __future__ import annotations

import sys

import pytest

from tests.helpers import ROOT, run_process


@pytest.mark.parametrize(
    ("script", "size", "expected"),
    [
        ("bench_units.py", "300", ["lines: 300", "ratio:"]),
        ("bench_xlsx.py", "200", ["lines: 200", "time ratio:"]),
        ("bench_indicators.py", "500", ["units: 500", "ratio:"]),
        ("startup.py", "2", ["python -c pass", "budget check ha-dong-267-kh-ubnd.txt", "ratio", "goal: cpu ratio ≤ 8"]),
    ],
)
def test_benchmark_runs(script: str, size: str, expected: list[str]) -> None:
    p = run_process([sys.executable, ROOT / "benchmarks" / script, size])
    assert p.returncode in (0, 1), p.stderr  # 1: over its goal at this toy size, which is not measured here
    for text in expected:
        assert text in p.stdout
