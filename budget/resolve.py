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
from dataclasses import dataclass, replace
from decimal import Decimal

from budget.evaluate import evaluate_line
from budget.findings import Finding, Severity
from budget.model import CostLine, Quantity

_MAX_AMBIGUOUS = 4
# A document that writes ``1.617,352`` or ``2,5`` uses the decimal comma: its ``105,000``
# is 105, not a number in English grouping, and needs no warning.
# Each pattern opens with its first digit and tests the character before it afterwards (a pattern
# that opens with a character class lets the matcher skip to the digits): every line is searched.
_DECIMAL_COMMA = re.compile(
    r"[0-9](?<![0-9.,][0-9])(?:[0-9]{0,2}(?:\.[0-9]{3})+,[0-9]+(?![0-9.,])|[0-9]*,[0-9]{1,2}(?![0-9.,]))"
)


_DOT_DECIMAL = re.compile(r"[0-9](?<![0-9.,][0-9])[0-9]*\.[0-9]{1,2}(?![0-9.,])")


@dataclass(frozen=True)
class Conventions:
    """What the document itself shows of its number conventions."""

    decimal_comma: bool  # it writes 1.617,352 or 2,5: a comma is its decimal mark
    dot_decimal: bool  # it writes 9.88 or 1.5: a dot is (also) a decimal mark


def conventions(texts: Iterable[str]) -> Conventions:
    comma = dot = False
    for t in texts:
        comma = comma or _DECIMAL_COMMA.search(t) is not None
        dot = dot or _DOT_DECIMAL.search(t) is not None
    return Conventions(comma, dot)


def _allowed(q: Quantity, conv: Conventions) -> tuple[Decimal, ...]:
    """The other readings the document's own conventions leave open for ``q``."""
    out = []
    for alt in q.alternatives:
        if alt > q.value and not conv.decimal_comma:
            out.append(alt)  # 66,000 as 66.000: only where no comma is a decimal mark
        elif alt < q.value and conv.dot_decimal:
            out.append(alt)  # 1.015 as 1,015: only where dots are decimal marks elsewhere
    return tuple(out)


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
        steps.append(replace(step, factors=factors, stated=stated))  # a restart or rounding kept
    return replace(line, steps=tuple(steps))


def resolve_line(line: CostLine, conv: Conventions) -> tuple[CostLine, list[Finding]]:
    """The line under the readings that make it agree, and what was chosen."""
    # most lines have no other reading at all: nothing to choose, no need to compute them here
    line, findings = _choose_readings(line, conv)
    if line.loose and not evaluate_line(line).ok:
        # it agrees neither as read nor with a number the sentence leaves aside: which of
        # the two the text means is unknown, so the line is not judged
        return replace(line, unread="loose"), findings
    return line, findings


def _any_alternatives(line: CostLine) -> bool:
    """Has a number of the line another reading? Asked of every line read: plain loops, no
    generators (most lines have none)."""
    for step in line.steps:
        if step.stated.alternatives:
            return True
        for q in step.factors:
            if q.alternatives:
                return True
    return False


def _choose_readings(line: CostLine, conv: Conventions) -> tuple[CostLine, list[Finding]]:
    if not _any_alternatives(line):
        return line, []  # most lines: no number with another reading, none listed
    quantities = _quantities(line)
    ambiguous = [(s, i, q) for s, i, q in quantities if _allowed(q, conv)][:_MAX_AMBIGUOUS]
    if not ambiguous or evaluate_line(line).ok:
        return line, []
    options = [[None, *_allowed(q, conv)] for _, _, q in ambiguous]
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
