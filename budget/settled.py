"""Number readings the arithmetic settled.

A figure written in a way that admits two readings (``5 000`` with a space for thousands,
``1,500`` with a comma, ``9.88`` with a dot) is read one way and warned about. When every
relation it takes part in agrees exactly under that reading (its line's product, its
section's sum), the agreement is the proof the reading was right: the warnings of such
figures become one note per way of writing in the document, at the first of them, saying how
many there were. A figure in a relation that does not agree, or in none, keeps its warning.
"""

from __future__ import annotations

from collections.abc import Sequence

from budget.evaluate import Evaluation, LineResult, Result, SectionResult
from budget.findings import Finding, Severity
from budget.source import Source


def _agreeing(ev: Evaluation) -> tuple[set[Source], set[Source]]:
    """The places of the figures of relations that agree exactly, and of those that do not."""
    agree: set[Source] = set()
    differ: set[Source] = set()
    for r in ev.lines():
        places = {q.source for step in r.line.steps for q in (*step.factors, step.stated)}
        (agree if r.ok else differ).update(places)
    for s in ev.sections():
        if s.section.stated is None or s.children_sum is None:
            continue
        # a sum that agrees confirms its figure and the figures of the parts it adds
        parts = (_stated_place(c) for c in s.children)
        places = {s.section.stated.source, *(p for p in parts if p is not None)}
        (agree if s.stated == s.children_sum else differ).update(places)
    return agree, differ


def _stated_place(r: Result) -> Source | None:
    if isinstance(r, LineResult):
        return r.line.stated.source
    if isinstance(r, SectionResult) and r.section.stated is not None:
        return r.section.stated.source
    return None


def settle(findings: Sequence[Finding], ev: Evaluation) -> list[Finding]:
    """``findings`` with the ambiguity warnings the arithmetic settled folded into notes."""
    if not any(f.code == "NUMBER_AMBIGUOUS" for f in findings):
        return list(findings)
    agree, differ = _agreeing(ev)
    settled: dict[str | None, list[Finding]] = {}
    out: list[Finding] = []
    for f in findings:
        if f.code == "NUMBER_AMBIGUOUS" and f.source in agree and f.source not in differ:
            settled.setdefault(f.message_key, []).append(f)
        else:
            out.append(f)
    for group in settled.values():
        first = group[0]
        args = {**first.args, "count": len(group), "others": len(group) - 1}
        form = "one" if len(group) == 1 else "many"
        out.append(Finding(first.source, "NUMBER_SETTLED", Severity.INFO, args, message_key=f"NUMBER_SETTLED.{form}"))
    return out
