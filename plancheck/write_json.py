"""Report → JSON document (decimals as strings). Lays out; computes nothing."""

from __future__ import annotations

import json
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from budget.api import Report
from budget.evaluate import LineResult, Result, SectionResult
from budget.findings import finding_to_json
from budget.model import Quantity
from budget.numbers import plain
from indicators.extract import Extracted
from indicators.write_targets import to_dicts


def _dec(v: Decimal | None) -> str | None:
    return None if v is None else plain(v)


def _quantity(q: Quantity) -> dict[str, Any]:
    return {
        "value": plain(q.value),
        "text": q.text,
        "unit": q.unit_text,
        "money_unit": None if q.money is None else q.money.name,
        "column": q.source.col,
    }


def _ref(r: Result) -> dict[str, Any]:
    if isinstance(r, LineResult):
        return {"kind": "line", "line": r.line.source.line}
    return {"kind": "section", "number": r.section.number}


def _line(r: LineResult, section: str | None) -> dict[str, Any]:
    line = r.line
    return {
        "line": line.source.line,
        "section": section,
        "label": line.label,
        "prefix": line.prefix,
        "factors": [_quantity(f) for f in line.factors],
        "steps": [
            {
                "factors": [_quantity(f) for f in s.step.factors],
                "stated": _quantity(s.step.stated),
                "computed": plain(s.computed),
                "ok": s.ok,
            }
            for s in r.steps
        ],
        "stated": {"value": plain(line.stated.value), "unit": line.stated.unit_text},
        "computed": plain(r.computed),
        "ok": r.ok,
        "notes": list(line.notes),
        "tail": line.tail,
        "text": line.source.text,
    }


def _section(r: SectionResult, parent: str | None) -> dict[str, Any]:
    s = r.section
    return {
        "number": s.number,
        "title": s.title,
        "line": s.source.line,
        "parent": parent,
        "stated": _dec(r.stated),
        "unit": r.money.name,
        "children_sum": _dec(r.children_sum),
        "ok": r.ok,
        "children": [_ref(c) for c in r.children],
    }


def report_to_dict(report: Report, targets: Sequence[Extracted] = ()) -> dict[str, Any]:
    ev = report.evaluation
    plan = report.plan
    lines: list[dict[str, Any]] = []
    sections: list[dict[str, Any]] = []

    def visit(items: tuple[Result, ...], parent: str | None) -> None:
        for r in items:
            if isinstance(r, LineResult):
                lines.append(_line(r, parent))
            else:
                sections.append(_section(r, parent))
                visit(r.children, r.section.number)

    visit(ev.items, None)
    info = plan.document
    counts = {sev: sum(1 for f in report.findings if f.severity.value == sev) for sev in ("error", "warning", "info")}
    return {
        "file": plan.file,
        "document": {"number": info.number, "place": info.place, "date": info.date, "title": info.title},
        "budget_found": plan.has_budget,
        "heading": None
        if plan.heading is None
        else {"number": plan.heading.number, "title": plan.heading.title, "line": plan.heading.source.line},
        "lines": lines,
        "sections": sections,
        "total": {
            "stated": _dec(ev.total.stated),
            "sum": _dec(ev.total.children_sum),
            "unit": ev.total.money.name,
            "ok": ev.total.ok,
            "line": None if plan.total is None else plan.total.source.line,
            "children": [_ref(c) for c in ev.items],
        },
        "findings": [finding_to_json(f) for f in report.findings],
        "targets": to_dicts(list(targets)),
        "summary": {"lines": len(lines), "sections": len(sections), **counts},
    }


def write_json(report: Report, targets: Sequence[Extracted] = ()) -> str:
    return json.dumps(report_to_dict(report, targets), ensure_ascii=False, indent=2)
