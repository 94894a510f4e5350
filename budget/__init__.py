"""Budget checker for Vietnamese public-sector plans: cost lines, sections, totals.

Nothing is imported eagerly: ``import budget.numbers`` loads the kernel only. The API
names below are loaded on first use (PEP 562).
"""

from __future__ import annotations

from typing import Any

__version__ = "0.2.0"
__all__ = ["Finding", "InputError", "Report", "Severity", "__version__", "check_file", "check_plan", "load_plan"]

_LAZY = {
    "Report": "budget.api",
    "check_file": "budget.api",
    "check_plan": "budget.api",
    "load_plan": "budget.api",
    "Finding": "budget.findings",
    "InputError": "budget.findings",
    "Severity": "budget.findings",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'budget' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)
