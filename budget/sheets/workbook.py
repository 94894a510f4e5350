"""Estimate workbooks (.xlsx) → (Plan, findings): the tool's own template by its layout
(``template``), any other workbook by the grid reader (``grid``), which finds tables by their
header words. Files are opened through ``xlsx_io``: safety checks first, numbers kept exact."""

from __future__ import annotations

from pathlib import Path

from budget.findings import Finding
from budget.model import Plan
from budget.read.xlsx_io import broken, formula_states, guard, load_exact
from budget.sheets.grid import read_grid_workbook
from budget.sheets.template import is_template, read_loaded


def read_workbook(path: Path, name: str) -> tuple[Plan, list[Finding]]:
    """Read an estimate workbook like a plan text; ``InputError`` if it is no sound xlsx."""
    guard(path, name)
    formulas, values = load_exact(path, name)
    try:
        states = formula_states(path)
    except Exception as e:  # a broken file: one clear message
        raise broken(name, e) from None
    if is_template(values):
        return read_loaded(name, formulas, values, states=states)
    return read_grid_workbook(name, formulas, values, states)  # any other layout, found by its headers
