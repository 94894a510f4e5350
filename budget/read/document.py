"""A file as read once, whatever its format: the one loader of the program.

A text-like document (plain text in any encoding, Word, PDF, .doc/.odt through LibreOffice)
becomes its numbered lines, each with its place in the file; the budget parser and the target
reader both take these lines, so a document is opened, converted and decoded once per check.
A workbook or a CSV file keeps only its path here: its sheets are read into a plan by
``budget.sheets``, which needs the cells, not lines.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from pathlib import Path

from budget.findings import InputError
from budget.read.office import DOCUMENT_SUFFIXES, document_lines
from budget.read.ole2 import is_encrypted, is_ole2
from budget.read.text import RawLine, read_bytes, read_text_lines
from budget.source import Source

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")


class Kind(enum.StrEnum):
    TEXT = "text"  # lines: plain text, Word, PDF, .doc, .odt
    WORKBOOK = "workbook"  # .xlsx, .xlsm
    XLS = "xls"  # Excel 97-2003
    CSV = "csv"


@dataclass(frozen=True)
class Document:
    path: Path
    name: str  # how the file is named in findings
    kind: Kind
    lines: tuple[RawLine, ...] = ()  # TEXT only

    @property
    def has_lines(self) -> bool:
        return self.kind is Kind.TEXT


def read_document(path: str | Path, name: str | None = None) -> Document:
    """The document at ``path``; ``InputError`` (with its place) when it cannot be read at all."""
    p = Path(path)
    shown = name or str(path)
    suffix = p.suffix.lower()
    if suffix in WORKBOOK_SUFFIXES:
        read_bytes(p, shown)  # missing / not a file: the same messages as for text
        return Document(p, shown, Kind.WORKBOOK)
    if suffix == ".xls":
        head = read_bytes(p, shown)[:8]
        if is_ole2(head) and is_encrypted(p):
            raise InputError(Source(shown), "INPUT_PASSWORD")
        return Document(p, shown, Kind.XLS)
    if suffix == ".csv":
        return Document(p, shown, Kind.CSV)
    if suffix in DOCUMENT_SUFFIXES:
        return Document(p, shown, Kind.TEXT, tuple(document_lines(p, shown)))
    return Document(p, shown, Kind.TEXT, tuple(read_text_lines(p, shown)))
