"""Choose among a number's readings so that the arithmetic agrees (beancount's booking step).

A number such as ``66,000`` is read first by the document's convention (66), but it
carries its other readings (66.000). When a line's products do not agree under the
preferred readings, the few combinations of the other readings are tried; the first
under which every step agrees is kept, and an info finding says which reading was
chosen and why. When none agrees, the line stays as read and its mismatch is reported
against the preferred reading. The search is bounded: at most ``_MAX_AMBIGUOUS``
numbers per line, so at most 2**4 tries.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import replace

from budget.evaluate import evaluate_line
from budget.findings import Finding, Severity
from budget.model import CostLine, Quantity, Step

_MAX_AMBIGUOUS = 4
# A document that writes ``1.617,352`` or ``2,5`` uses the decimal comma: its ``105,000``
# is 105, not a number in English grouping, and needs no warning.
_DECIMAL_COMMA = re.compile(
    r"(?<![0-9.,])[0-9]{1,3}(?:\.[0-9]{3})+,[0-9]+(?![0-9.,])|(?<![0-9.,])[0-9]+,[0-9]{1,2}(?![0-9.,])"
)


def uses_decimal_comma(texts: Iterable[str]) -> bool:
    return any(_DECIMAL_COMMA.search(t) for t in texts)


def _quantities(line: CostLine) -> list[tuple[int, int, Quantity]]:
    """(step, index, quantity) for every factor and stated result; index -1 is the result."""
    out: list[tuple[int, int, Quantity]] = []
    for s, step in enumerate(line.steps):
        out.extend((s, i, q) for i, q in enumerate(step.factors))
        out.append((s, -1, step.stated))
    return out


def _with(line: CostLine, changes: dict[tuple[int, int], Quantity]) -> CostLine:
    steps = []
    for s, step in enumerate(line.steps):
        factors = tuple(changes.get((s, i), q) for i, q in enumerate(step.factors))
        stated = changes.get((s, -1), step.stated)
        steps.append(Step(factors, stated))
    return replace(line, steps=tuple(steps))


def resolve_line(line: CostLine) -> tuple[CostLine, list[Finding]]:
    """The line under the readings that make it agree, and what was chosen."""
    if evaluate_line(line).ok:
        return line, []
    ambiguous = [(s, i, q) for s, i, q in _quantities(line) if q.alternatives][:_MAX_AMBIGUOUS]
    if not ambiguous:
        return line, []
    options = [[None, *q.alternatives] for _, _, q in ambiguous]
    for combo in itertools.product(*options):
        if all(c is None for c in combo):
            continue
        changes = {
            (s, i): replace(q, value=v, alternatives=())
            for (s, i, q), v in zip(ambiguous, combo, strict=True)
            if v is not None
        }
        candidate = _with(line, changes)
        if evaluate_line(candidate).ok:
            findings = [
                Finding(
                    q.source,
                    "NUMBER_READ_BY_ARITHMETIC",
                    Severity.INFO,
                    {"text": q.text, "value": changes[(s, i)].value, "preferred": q.value},
                )
                for (s, i, q), v in zip(ambiguous, combo, strict=True)
                if v is not None
            ]
            return candidate, findings
    return line, []
