"""Plain text → numbered, normalised lines with their sources. Reading only."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from budget.findings import InputError
from budget.source import Source
from budget.text import clean_mapped

_BOMS = (
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


@dataclass(frozen=True)
class RawLine:
    source: Source  # text is the cleaned line

    @property
    def text(self) -> str:
        return self.source.text


def decode(data: bytes, name: str) -> str:
    """Bytes of a text file → str; UTF-8 (with or without BOM) or UTF-16 with BOM."""
    where = Source(name)
    if not data.strip():
        raise InputError(where, "INPUT_EMPTY")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as e:
                raise InputError(where, "INPUT_ENCODING", {"offset": e.start}) from None
    nul = data.find(b"\x00")
    if nul >= 0:
        raise InputError(where, "INPUT_BINARY", {"offset": nul})
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise InputError(where, "INPUT_ENCODING", {"offset": e.start}) from None
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\r\n\f\v")
    if controls > max(8, len(text) // 100):
        first = next(i for i, ch in enumerate(text) if ord(ch) < 32 and ch not in "\t\r\n\f\v")
        raise InputError(where, "INPUT_BINARY", {"offset": first})
    return text


def read_bytes(path: Path, name: str) -> bytes:
    where = Source(name)
    if not path.exists():
        raise InputError(where, "INPUT_MISSING")
    if not path.is_file():
        raise InputError(where, "INPUT_NOT_FILE")
    try:
        return path.read_bytes()
    except OSError as e:
        raise InputError(where, "INPUT_UNREADABLE", {"reason": e.strerror or str(e)}) from None


def split_lines(text: str, name: str) -> list[RawLine]:
    """Lines numbered as an editor numbers them (CRLF, CR and LF all end a line)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    out = []
    for i, line in enumerate(lines, 1):
        cleaned, colmap = clean_mapped(line)
        out.append(RawLine(Source(name, i, None, None, cleaned, None, colmap)))
    return out


def read_text_lines(path: Path, name: str | None = None) -> list[RawLine]:
    """The lines of a text file; ``InputError`` when it cannot be read as text."""
    shown = name or str(path)
    return split_lines(decode(read_bytes(path, shown), shown), shown)
