"""Which measure a department's column name fills: spellings kept as data (``measures.txt``)
and an officer's own file (``tên cột ; chỉ số``) that adds to or overrides them.

A name is compared by its letters and digits only: tone marks, case, spaces and punctuation
aside (``Tổng chi NSNN``, ``TỔNG CHI  NSNN``, ``Tổngchi NSNN`` are one), a bracketed unit
left aside, and whole: the spelling is the whole name, never a part of it, so a longer name
that says more (``Chi thường xuyên giáo dục``) fills no shorter measure (``Chi thường xuyên``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from budget.findings import Finding, Severity
from budget.read.text import decode, read_bytes
from budget.source import Source
from budget.text import fold

_BRACKETS = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
_WORD = re.compile(r"[a-z0-9]+")


def letters(name: str) -> str:
    """The name's letters and digits, folded, with no bracketed part: its key for matching."""
    return "".join(_WORD.findall(fold(_BRACKETS.sub(" ", name)).replace("&", " ")))


@dataclass(frozen=True)
class Measures:
    """Spellings → measure: the officer's first, then the package's."""

    own: dict[str, str] = field(default_factory=dict)
    known: dict[str, str] = field(default_factory=dict)

    def of(self, name: str) -> str | None:
        key = letters(name)
        if not key:
            return None
        return self.own.get(key) or self.known.get(key)


def _spellings(lines: Iterable[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for line in lines:
        text = line.split("#", 1)[0].strip()
        if not text:
            continue
        measure, _, spellings = text.partition(";")
        for spelling in (measure, *spellings.split(",")):
            key = letters(spelling)
            if key:
                out.setdefault(key, measure.strip())
    return out


@cache
def package_measures() -> Measures:
    path = Path(__file__).with_name("measures.txt")
    return Measures({}, _spellings(path.read_text(encoding="utf-8").splitlines()))


_HEADER = ("tencot", "cot", "column")


def read_measures(path: Path, name: str | None = None) -> tuple[Measures, list[Finding]]:
    """An officer's file of ``tên cột ; chỉ số`` lines (``;``, a tab or a comma between):
    each column name fills that measure, before the package's spellings. ``InputError`` when
    the file cannot be read; a line that is no pair is a finding at its line."""
    shown = name or str(path)
    text = decode(read_bytes(path, shown), shown)
    own: dict[str, str] = {}
    findings: list[Finding] = []
    for i, line in enumerate(text.splitlines(), 1):
        raw = line.strip()
        if not raw or raw.startswith("#"):
            continue
        sep = next((s for s in (";", "\t", ",") if s in raw), None)
        column, measure = (p.strip().strip('"').strip() for p in raw.split(sep, 1)) if sep else (raw, "")
        if i == 1 and letters(column) in _HEADER:
            continue  # the header row of a two-column table
        key = letters(column)
        if not key or not measure or (sep is not None and sep in measure):
            findings.append(
                Finding(Source(shown, i, 1, None, raw), "DATA_MEASURES_BAD_LINE", Severity.ERROR, {"text": raw})
            )
            continue
        own[key] = measure
    base = package_measures()
    return Measures(own, base.known), findings
