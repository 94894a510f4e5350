"""The mutation benchmark's own correctness: the mutants it makes of one tiny function."""

from __future__ import annotations

import re
from collections.abc import Callable

from benchmarks.mutants import mutants_of, mutate

SOURCE = '''
def pick(values: list[int], limit: int | None) -> int | None:
    """A docstring is never mutated."""
    total = 0
    for v in values[1:]:
        if v is None or v in (3,):
            continue
        if not v < limit:
            break
        total += v * 2
    raise ValueError("left alone")
    return total
'''


def test_the_mutants_of_a_tiny_function() -> None:
    found = [(m.line, m.original, m.mutated) for m in mutants_of(SOURCE, "tiny.py")]
    assert found == [
        (4, "0", "1"),
        (5, "1", "0"),  # the slice bound: 0 and 1 swap, other numbers n → n + 1
        (6, "if v is None or v in (3,): pass", "if False: pass"),
        (6, "v is None or v in (3,)", "v is None and v in (3,)"),
        (6, "v is None", "v is not None"),
        (6, "v in (3,)", "v not in (3,)"),
        (6, "3", "4"),
        (7, "continue", "break"),
        (8, "if not v < limit: pass", "if False: pass"),
        (8, "not v < limit", "v < limit"),
        (8, "v < limit", "v <= limit"),
        (9, "break", "continue"),
        (10, "total += v * 2", "total -= v * 2"),
        (10, "v * 2", "v / 2"),
        (10, "2", "3"),
        (12, "return total", "return None"),
    ]


def test_a_mutant_is_applied_to_the_source() -> None:
    (swap,) = [m for m in mutants_of(SOURCE) if m.original == "continue"]
    changed = mutate(SOURCE, swap)
    assert "break\n" in changed.split("if not v < limit")[0]
    assert (changed.count("continue"), changed.count("break")) == (0, 2)  # one change per mutant
    assert _pick(SOURCE)([0, 3, 1], 10) == 2
    assert _pick(changed)([0, 3, 1], 10) == 0  # 3 now ends the loop where it was skipped: 1 is never added


def _pick(source: str) -> Callable[[list[int], int], int]:
    namespace: dict[str, Callable[[list[int], int], int]] = {}
    exec(compile(re.sub(r"^ *raise .*\n", "", source, flags=re.MULTILINE), "tiny", "exec"), namespace)
    return namespace["pick"]
