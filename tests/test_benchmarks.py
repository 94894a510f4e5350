"""The benchmark scripts run (on a small plan); their goals are checked by running them, not here."""

from __future__ import annotations

import subprocess
import sys

from tests.helpers import ROOT


def test_units_benchmark_runs() -> None:
    p = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "bench_units.py"), "300"], capture_output=True, text=True
    )
    assert p.returncode in (0, 1), p.stderr
    assert "lines: 300" in p.stdout
    assert "ratio:" in p.stdout


def test_xlsx_benchmark_runs() -> None:
    p = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "bench_xlsx.py"), "200"], capture_output=True, text=True
    )
    assert p.returncode in (0, 1), p.stderr
    assert "lines: 200" in p.stdout
    assert "time ratio:" in p.stdout


def test_indicators_benchmark_runs() -> None:
    p = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "bench_indicators.py"), "500"], capture_output=True, text=True
    )
    assert p.returncode in (0, 1), p.stderr
    assert "units: 500" in p.stdout
    assert "ratio:" in p.stdout
