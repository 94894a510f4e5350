"""Budget checker for Vietnamese public-sector plans: cost lines, sections, totals."""

from __future__ import annotations

from budget.api import Report, check_file, check_plan, load_plan
from budget.findings import Finding, InputError, Severity

__version__ = "0.1.0"
__all__ = ["Finding", "InputError", "Report", "Severity", "__version__", "check_file", "check_plan", "load_plan"]
