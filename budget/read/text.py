"""Plain text → numbered, normalised lines with their sources. Reading only."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from budget.findings import InputError
from budget.read.legacy import decode_cp1258, repair_line
from budget.source import Source
from budget.text import clean_mapped, needs_cleaning

# Characters of the Latin-1 range that Vietnamese Unicode never uses and TCVN3/VNI text
# shown as Windows-1252 always does (¸ µ § Ö ¾ ö ï ...): only such lines are looked at.
_VIETNAMESE_LATIN1 = "àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ"
_LEGACY_HINT = re.compile("[" + "".join(chr(c) for c in range(0xA1, 0x100) if chr(c) not in _VIETNAMESE_LATIN1) + "]")

# Control characters that text never holds (tab, CR, LF, FF and VT are text).
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f]")

_BOMS = (
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


@dataclass(frozen=True, slots=True)
class RawLine:
    source: Source  # text is the cleaned line
    legacy: str | None = None  # "TCVN3"/"VNI" when the line was converted from a legacy font
    legacy_certain: bool = True
    # Indexes in the cleaned text of the characters that were tabs in the file (cleaning
    # makes them spaces): a tab-separated table row is cut there, never at a space.
    tabs: tuple[int, ...] = ()

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
        legacy = decode_cp1258(data)  # Windows-1258, the Vietnamese code page of old Windows
        if legacy is None:
            raise InputError(where, "INPUT_ENCODING", {"offset": e.start}) from None
        text = legacy
    # counted by the regex engine: a loop over every character costs a second per 10 MB
    controls = len(_CONTROLS.findall(text))
    if controls > max(8, len(text) // 100):
        first = _CONTROLS.search(text)
        assert first is not None
        raise InputError(where, "INPUT_BINARY", {"offset": first.start()})
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
    if _LEGACY_HINT.search(text) is None and not needs_cleaning(text):
        # the common case, decided once for the whole file: nothing to repair or clean
        return [RawLine(Source(name, i, None, None, line.rstrip())) for i, line in enumerate(lines, 1)]
    out = []
    for i, line in enumerate(lines, 1):
        # legacy fonts first: TCVN3 writes "ư" as a soft hyphen, which cleaning removes
        repair = repair_line(line) if _LEGACY_HINT.search(line) else None
        encoding = None
        certain = True
        before: list[int] | None = None
        if repair is not None and repair.encoding is not None:
            encoding, certain = repair.encoding, repair.certain
            if certain:
                line = repair.text
                before = None if repair.cols is None else list(repair.cols)
        cleaned, colmap = clean_mapped(line)
        tabs = tab_positions(line, cleaned, colmap) if "\t" in line else ()
        if before is not None:
            colmap = tuple(before[c] for c in (colmap if colmap is not None else range(len(cleaned))))
        out.append(RawLine(Source(name, i, None, None, cleaned, None, colmap), encoding, certain, tabs))
    return out


def tab_positions(line: str, cleaned: str, colmap: tuple[int, ...] | None) -> tuple[int, ...]:
    """Indexes in ``cleaned`` of the spaces that stand for a tab of ``line``."""
    where = colmap if colmap is not None else range(len(cleaned))
    return tuple(i for i, col in enumerate(where) if cleaned[i] == " " and line[col] == "\t")


# The last file read, kept while it is unchanged: the budget check and the targets read
# the same plan in one run, and RawLines are immutable, so they can share one reading.
# Keyed by the bytes' digest, never by a timestamp: a file rewritten within the clock's tick
# must be read anew.
_LAST: dict[tuple[str, bytes], list[RawLine]] = {}


def read_text_lines(path: Path, name: str | None = None) -> list[RawLine]:
    """The lines of a text file; ``InputError`` when it cannot be read as text."""
    shown = name or str(path)
    data = read_bytes(path, shown)
    key = (shown, hashlib.blake2b(data, digest_size=20).digest())
    if key in _LAST:
        return list(_LAST[key])
    lines = split_lines(decode(data, shown), shown)
    _LAST.clear()
    _LAST[key] = lines
    return list(lines)
