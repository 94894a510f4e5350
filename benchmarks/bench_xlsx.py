"""Workbook writing: a 100.000-line plan written by the tool beside XlsxWriter writing the
same cells bare (no formats, no layout), in the same run.

Run: python benchmarks/bench_xlsx.py [N_LINES]
Goals (issue 4): time within 1,5x of the bare baseline; the writer's peak memory does not
grow with the number of rows (peak at N and at N/5 compared; the plan itself, already in
memory before writing, is not counted).
"""

from __future__ import annotations

import gc
import sys
import tempfile
import tracemalloc
from pathlib import Path
from typing import Any

import xlsxwriter
from timing import timed  # benchmarks/timing.py, beside this script
from xlsxwriter.worksheet import CellFormulaTuple, CellNumberTuple, CellStringTuple

if __package__ in (None, ""):  # run as a script: the checkout's root holds the package ``benchmarks``
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.synthetic import bench_plan
from budget.api import Report, check_plan, load_plan
from budget.layout import WORKBOOK_OPTIONS
from budget.model import DocumentInfo
from budget.plan_table import BudgetTable, build_table
from plancheck.projection import Projection, project
from plancheck.xlsx.sources_sheet import Provenance
from plancheck.xlsx.workbook import write_workbook

TIME_GOAL = 1.5
RUNS = 2  # min of 2: at 100.000 lines one bare run takes about 100 s here
MEMORY_GOAL = 1.5  # peak at N over peak at N/5: flat means about 1
ORIGIN = Provenance("bench.txt", "0" * 64, "2026-01-01T00:00:00+07:00", "bench")


class _RecordingSheet:
    def __init__(self, cells: list[tuple[Any, ...]], name: str):
        self.cells = cells
        self.name = name

    def write_string(self, row: int, col: int, value: str, *_: Any) -> None:
        self.cells.append((self.name, "s", row, col, value, None))

    def write_number(self, row: int, col: int, value: Any, *_: Any) -> None:
        self.cells.append((self.name, "n", row, col, value, None))

    def write_formula(self, row: int, col: int, formula: str, fmt: Any = None, value: Any = 0) -> None:
        self.cells.append((self.name, "f", row, col, formula, value))

    def write_blank(self, *_: Any) -> None:
        pass

    def put_row(self, row: int, cells: dict[int, Any]) -> None:
        """The tool's row at once (``plancheck.xlsx.workbook``): each cell as XlsxWriter stores it."""
        for col, cell in cells.items():
            if isinstance(cell, CellStringTuple):
                self.cells.append((self.name, "s", row, col, cell.string, None))
            elif isinstance(cell, CellNumberTuple):
                self.cells.append((self.name, "n", row, col, cell.number, None))
            elif isinstance(cell, CellFormulaTuple):
                self.cells.append((self.name, "f", row, col, cell.formula, cell.value))

    def write_row(self, row: int, col: int, values: list[Any], *_: Any) -> None:
        for i, v in enumerate(values):
            self.write_string(row, col + i, v)

    def __getattr__(self, name: str) -> Any:
        return lambda *a, **k: None  # layout calls: widths, print setup, formats ...


class _Recorder:
    def __init__(self, path: str, options: dict[str, bool]):
        self.cells: list[tuple[Any, ...]] = []
        self.sheets: list[str] = []
        RECORDED.append(self)

    def add_worksheet(self, name: str) -> _RecordingSheet:
        self.sheets.append(name)
        return _RecordingSheet(self.cells, name)

    def add_format(self, *_: Any) -> None:
        return None

    def close(self) -> None:
        pass


RECORDED: list[_Recorder] = []


def _ours(table: BudgetTable, shown: Projection, path: Path) -> None:
    write_workbook(path, table, [], DocumentInfo(number="1/KH"), "IV. KINH PHÍ", ORIGIN, shown)


def _bare(rec: _Recorder, path: Path) -> None:
    wb = xlsxwriter.Workbook(str(path), WORKBOOK_OPTIONS)
    sheets = {name: wb.add_worksheet(name) for name in rec.sheets}
    for sheet, kind, row, col, value, result in rec.cells:
        ws = sheets[sheet]
        if kind == "s":
            ws.write_string(row, col, value)
        elif kind == "n":
            ws.write_number(row, col, value)
        else:
            ws.write_formula(row, col, value, None, result)
    wb.close()


def _peak(fn: Any) -> int:
    gc.collect()
    tracemalloc.start()
    tracemalloc.reset_peak()
    base = tracemalloc.get_traced_memory()[0]
    fn()
    peak = tracemalloc.get_traced_memory()[1] - base
    tracemalloc.stop()
    return peak


def _table(n: int, tmp: Path) -> tuple[BudgetTable, Projection]:
    """The table a workbook lays out and the projection that decides its statuses."""
    path = tmp / f"plan-{n}.txt"
    path.write_text(bench_plan(n), encoding="utf-8")
    plan, found = load_plan(path)
    ev, more = check_plan(plan)
    table, _ = build_table(ev)
    return table, project(Report(plan, ev, (*found, *more)), table=table)


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        table, shown = _table(n, tmp)
        write_workbook(
            tmp / "rec.xlsx", table, [], DocumentInfo(number="1/KH"), "IV. KINH PHÍ", ORIGIN, shown, _Recorder
        )
        rec = RECORDED[-1]
        if len(rec.cells) < len(table.lines):  # a baseline of no cells would measure nothing
            raise SystemExit(f"bench_xlsx: only {len(rec.cells)} cells recorded for {len(table.lines)} lines")
        if any(kind == "f" and not value for _, kind, _, _, value, _ in rec.cells):
            raise SystemExit("bench_xlsx: a formula recorded without its text")  # XlsxWriter would skip it
        ours, bare = [], []
        for i in range(RUNS):
            ours.append(timed(lambda i=i: _ours(table, shown, tmp / f"ours{i}.xlsx")))  # type: ignore[misc]
            bare.append(timed(lambda i=i, rec=rec: _bare(rec, tmp / f"bare{i}.xlsx")))  # type: ignore[misc]
        size = (tmp / "ours0.xlsx").stat().st_size
        RECORDED.clear()  # free the recorded cells before measuring memory
        small, small_shown = _table(max(n // 5, 1), tmp)
        peak_small = _peak(lambda: _ours(small, small_shown, tmp / "small.xlsx"))
        peak_full = _peak(lambda: _ours(table, shown, tmp / "full.xlsx"))
    t_ours, t_bare = min(ours), min(bare)
    ratio = t_ours / t_bare
    growth = peak_full / max(peak_small, 1)
    cells = len(table.lines) * (table.slots * 2 + 9)
    print(f"lines: {len(table.lines)}  cells: {cells} in Chi tiết, file {size / 1e6:.1f} MB")
    print(f"tool writer:            {t_ours:.2f} s")
    print(f"XlsxWriter, same cells: {t_bare:.2f} s")
    print(f"time ratio: {ratio:.2f}  (goal <= {TIME_GOAL})  {'OK' if ratio <= TIME_GOAL else 'OVER GOAL'}")
    print(
        f"writer peak memory: {peak_small / 1e6:.1f} MB at {max(n // 5, 1)} lines, {peak_full / 1e6:.1f} MB at {n}"
        f"  (ratio {growth:.2f}, goal <= {MEMORY_GOAL})  {'OK' if growth <= MEMORY_GOAL else 'GROWS'}"
    )
    return 0 if ratio <= TIME_GOAL and growth <= MEMORY_GOAL else 1


if __name__ == "__main__":
    sys.exit(main())
