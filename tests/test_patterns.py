"""Every pattern of the package that meets untrusted text runs in linear time: a ReDoS analyser
(regexploit) finds no repeat that can be backtracked into polynomially or worse, and each
pattern, fed strings made of the pieces such patterns repeat (runs of spaces, digits, commas,
brackets, percent signs, letters, with no match at the end), answers at once."""

from __future__ import annotations

import importlib
import pkgutil
import re
import time

import pytest
from regexploit.ast.sre import SreOpParser
from regexploit.redos import find

PACKAGES = ("budget", "plancheck", "indicators")

# Patterns regexploit cannot parse (possessive repeats, look-behinds of its own making): their
# linearity rests on the adversarial strings below; a new one must be looked at and listed.
UNPARSED = {
    ("budget.costline", "_ARITH_OPERAND"),
    ("budget.grammar.tokens", "_PATTERN"),
    ("budget.outline", "_OTHER_NUMBER"),
    ("budget.words", "_FIGURE_BEFORE"),
    ("budget.words", "_LABEL"),
    ("budget.words", "_LABEL_PREFIX"),
    ("indicators.extract", "_SPLIT"),
}


def _patterns() -> dict[tuple[str, str], re.Pattern[str]]:
    out: dict[tuple[str, str], re.Pattern[str]] = {}
    for package in PACKAGES:
        root = importlib.import_module(package)
        for info in pkgutil.walk_packages(root.__path__, package + "."):
            if info.name.endswith("__main__"):
                continue
            module = importlib.import_module(info.name)
            for name, value in vars(module).items():
                if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                    out[(info.name, name)] = value
    return out


PATTERNS = _patterns()


def test_there_are_patterns_to_check() -> None:
    assert len(PATTERNS) > 150


def test_no_pattern_backtracks_polynomially() -> None:
    found, unparsed = [], set()
    for key, pattern in sorted(PATTERNS.items()):
        try:
            parsed = SreOpParser().parse_sre(pattern.pattern, pattern.flags)
        except Exception:  # the analyser's own parser does not know every construct
            unparsed.add(key)
            continue
        found += [(key, r.starriness) for r in find(parsed) if r.starriness > 2]
    assert found == []
    assert unparsed == UNPARSED


_PIECES = (" ", "1", "1 ", "1.", "1,", ", 1%", "(", "((", "a", "a ", "x ", "- ", "tu 1 ", ": ", "đồng ", "\t")
_LENGTH = 3000


@pytest.mark.parametrize("key", sorted(PATTERNS), ids=lambda k: f"{k[0]}.{k[1]}")
def test_each_pattern_answers_at_once_on_adversarial_strings(key: tuple[str, str]) -> None:
    pattern = PATTERNS[key]
    start = time.process_time()
    for piece in _PIECES:
        text = piece * (_LENGTH // len(piece)) + "\x00"
        pattern.search(text)
        pattern.match(text)
    # linear patterns take microseconds here; a polynomial one takes minutes: the bound is a
    # guard against a hang with a margin of a thousand, not a speed goal
    assert time.process_time() - start < 3.0
