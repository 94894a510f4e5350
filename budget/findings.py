"""Findings: what a check has to say about one place in the input.

Checks return findings; nothing is raised for bad data. One formatter prints them
(``file:line:col: [CODE] message``, the line, a caret) and one turns them into JSON.
"""

from __future__ import annotations

import copyreg
import enum
import re
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from types import MappingProxyType
from typing import Any, NamedTuple

from budget import messages
from budget.numbers import EXACT, plain
from budget.source import Source


class Severity(enum.StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


_NO_ARGS: Mapping[str, object] = MappingProxyType({})


def read_only(values: dict[str, object]) -> MappingProxyType[str, object]:
    """A read-only view of ``values`` (how a pickled argument map comes back)."""
    return MappingProxyType(values)


def _reduce_proxy(
    proxy: MappingProxyType[str, object],
) -> tuple[Callable[[dict[str, object]], MappingProxyType[str, object]], tuple[dict[str, object]]]:
    return read_only, (dict(proxy),)


# Findings cross process boundaries (batch runs, the API's users): their read-only argument
# maps pickle as the plain dicts they wrap, and come back read-only.
copyreg.pickle(MappingProxyType, _reduce_proxy)


class Cause(NamedTuple):
    """The most likely explanation of a finding, pointing at the figure to look at."""

    code: str
    args: Mapping[str, object] = _NO_ARGS
    source: Source | None = None

    @property
    def message(self) -> str:
        return messages.render(self.code, self.args)


class Finding(NamedTuple):
    """One thing a check has to say about one place. A NamedTuple, as in beancount: checks of
    100.000-line plans create many, and a frozen dataclass is several times slower to build."""

    source: Source
    code: str
    severity: Severity
    args: Mapping[str, object] = _NO_ARGS
    expected: Decimal | None = None
    actual: Decimal | None = None
    unit: str | None = None
    cause: Cause | None = None
    message_key: str | None = None  # a variant of ``code`` for the text, e.g. NUMBER_AMBIGUOUS.dot_decimal

    @property
    def difference(self) -> Decimal | None:
        """``actual - expected``: what was written minus what it should be."""
        if self.expected is None or self.actual is None:
            return None
        return EXACT.subtract(self.actual, self.expected)

    @property
    def message(self) -> str:
        return messages.render(self.message_key or self.code, self.args)

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


def has_errors(findings: Iterable[Finding]) -> bool:
    return any(f.is_error for f in findings)


_CELL = re.compile(r"(?P<sheet>.*)!(?P<col>[A-Z]+)(?P<row>[0-9]+)$")


def sort_key(f: Finding) -> tuple[str, int, int, str, int, int, str, str]:
    """Document order: by line and column for text, by sheet, row and column for workbooks."""
    s = f.source
    sheet, row, col = "", 0, ""
    if s.cell and (m := _CELL.match(s.cell)):
        sheet, row, col = m["sheet"], int(m["row"]), m["col"]
    return (s.file, s.line or 0, s.col or 0, sheet, row, len(col), col, f.code)


def _dec(value: Decimal | None) -> str | None:
    return None if value is None else plain(value)


def finding_to_json(f: Finding, message: str | None = None, cause: str | None = None) -> dict[str, Any]:
    """The JSON of ``f``; ``message`` and ``cause``: its texts when already rendered (in the
    language of the output), else the Vietnamese ones."""
    return {
        "code": f.code,
        "severity": f.severity.value,
        "file": f.source.file,
        "line": f.source.line,
        "column": f.source.col,
        "cell": f.source.cell,
        "location": str(f.source),
        "expected": _dec(f.expected),
        "actual": _dec(f.actual),
        "difference": _dec(f.difference),
        "unit": f.unit,
        "message": f.message if message is None else message,
        "cause": None
        if f.cause is None
        else {
            "code": f.cause.code,
            "message": f.cause.message if cause is None else cause,
            "location": None if f.cause.source is None else str(f.cause.source),
            "line": None if f.cause.source is None else f.cause.source.line,
        },
    }


def format_finding(f: Finding) -> str:
    """``file:line:col: lỗi [CODE] message``, the source line, a caret, and the likely cause."""
    head = f"{f.source}: {messages.SEVERITY[f.severity.value]} [{f.code}] {f.message}"
    out = [head]
    if f.source.text:
        shown, caret = f.source.window()
        out.append("    " + shown)
        if caret is not None:
            out.append("    " + " " * caret + "^")
    if f.cause is not None:
        where = f" ({f.cause.source})" if f.cause.source is not None else ""
        out.append(f"    → {f.cause.message}{where}")
    return "\n".join(out)


class InputError(Exception):
    """An input that cannot be read at all (missing, empty, binary): the CLI exits 2.

    Raised only by readers, for the whole input; problems inside a readable input are
    findings.
    """

    def __init__(self, source: Source, code: str, args: Mapping[str, object] | None = None):
        self.source = source
        self.code = code
        self.args_ = dict(args or {})
        super().__init__(self.message)

    @property
    def message(self) -> str:
        return messages.render(self.code, self.args_)

    def __str__(self) -> str:
        return f"{self.source}: [{self.code}] {self.message}"
