"""Word .docx → numbered lines with their places, for the text pipeline. Reading only.

Each body paragraph becomes one line (a soft line break inside it starts another), with
the list number Word shows in front of it (``2.1.``, ``a)``, ``-`` for bullets), computed
from the numbering definitions, because in Word that number is not in the text and the
outline needs it. Each table row becomes a pipe-table line ``| a | b | c |`` on the
table's grid; a merged cell's text stands in its top-left grid position and the positions
it covers are empty, as spreadsheets store merged cells (repeating an amount would count
it twice). Every line's ``Source`` has ``line`` = its running number and ``cell`` = its
place in the document (``đoạn 12``, ``bảng 2, dòng 5``), which is what findings print.

The zip is refused before any XML is parsed when it is not a zip, too large, inflates
abnormally or declares a DTD (Word never writes one), with the workbook limits.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from docx.oxml.xmlchemy import BaseOxmlElement

from budget.findings import InputError
from budget.messages import Phrase
from budget.read.ole2 import is_encrypted, is_ole2
from budget.read.text import RawLine, read_bytes
from budget.read.xlsx_io import sized_members
from budget.source import Source
from budget.text import clean_mapped

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_VAL = f"{_W}val"
_CHUNK = 1 << 20
_DECLARATION = re.compile(
    b"|".join(
        re.escape(w.encode(enc))
        for w in ("<!DOCTYPE", "<!ENTITY", "<!doctype", "<!entity")
        for enc in ("ascii", "utf-16-le", "utf-16-be")
    )
)
_OVERLAP = 32  # longer than any declaration pattern, so one cut between chunks is still seen


def read_docx(path: Path, name: str | None = None) -> list[RawLine]:
    """The paragraphs and table rows of a .docx as lines; ``InputError`` when it cannot be read."""
    shown = name or str(path)
    where = Source(shown)
    data = read_bytes(path, shown)  # missing, a folder, unreadable: the messages of text files
    if not data:
        raise InputError(where, "INPUT_EMPTY")
    if is_ole2(data):
        raise InputError(where, "INPUT_PASSWORD" if is_encrypted(path) else "DOCX_IS_DOC")
    del data
    guard(path, where)
    import docx  # only now: python-docx and lxml cost a tenth of a second to import

    try:
        document = docx.Document(str(path))
    except InputError:
        raise
    except Exception as e:  # PackageNotFoundError, ValueError (another Office file), KeyError (missing part)
        if type(e).__name__ == "PackageNotFoundError" or isinstance(e, ValueError | KeyError):
            raise InputError(where, "DOCX_NOT_DOCX") from None
        raise InputError(where, "DOCX_BROKEN", {"reason": broken_reason(e)}) from None
    numbering = _Numbering.of(document)
    return list(_lines(document.element.body, numbering, shown))


def guard(path: Path, where: Source) -> None:
    """Refuse what is not a sound, reasonably sized .docx, before any XML is parsed."""
    if not zipfile.is_zipfile(path):
        raise InputError(where, "DOCX_NOT_ZIP")
    try:
        with zipfile.ZipFile(path) as z:
            infos = sized_members(z, where, "DOCX")
            if "[Content_Types].xml" not in {i.filename for i in infos}:  # python-docx finds the rest
                raise InputError(where, "DOCX_NOT_DOCX")
            for i in infos:
                if not i.is_dir() and i.filename.lower().endswith((".xml", ".rels")):
                    _check_member(z, i, where)
    except InputError:
        raise
    except Exception as e:  # zipfile raises many kinds for a damaged file: one clear message
        raise InputError(where, "DOCX_BROKEN", {"reason": broken_reason(e)}) from None


def _check_member(z: zipfile.ZipFile, info: zipfile.ZipInfo, where: Source) -> None:
    tail = b""
    with z.open(info) as fh:
        for chunk in iter(lambda: fh.read(_CHUNK), b""):
            if _DECLARATION.search(tail + chunk):
                raise InputError(where, "DOCX_XML_DECLARATION", {"member": info.filename})
            tail = chunk[-_OVERLAP:]


def broken_reason(e: BaseException) -> Phrase:
    """Why a document could not be read, in Vietnamese; never the library's English text."""
    text = str(e).lower()
    if isinstance(e, EOFError) or "truncated" in text or "end-of-stream" in text:
        return Phrase("DOC_REASON.truncated", {})
    if isinstance(e, zipfile.BadZipFile) and "crc" in text:
        return Phrase("DOC_REASON.bad_data", {})
    if isinstance(e, zipfile.BadZipFile | zipfile.LargeZipFile):
        return Phrase("DOC_REASON.bad_zip", {})
    if type(e).__name__ in ("ParseError", "XMLSyntaxError", "SAXParseException", "ExpatError"):
        return Phrase("DOC_REASON.bad_xml", {})
    if "zlib" in type(e).__module__ or "decompress" in text:
        return Phrase("DOC_REASON.bad_data", {})
    return Phrase("DOC_REASON.other", {"kind": type(e).__name__})


# --- the body, in document order ---------------------------------------------------------


@dataclass
class _Counter:
    paragraphs: int = 0
    tables: int = 0
    lines: int = 0


def _blocks(parent: BaseOxmlElement) -> Iterator[BaseOxmlElement]:
    """Paragraphs and tables of a body or cell, descending into content controls."""
    for child in parent:
        tag = child.tag
        if tag in (f"{_W}p", f"{_W}tbl"):
            yield child
        elif tag == f"{_W}sdt":
            content = child.find(f"{_W}sdtContent")
            if content is not None:
                yield from _blocks(content)
        elif tag == f"{_W}customXml":
            yield from _blocks(child)


def _lines(body: BaseOxmlElement, numbering: _Numbering, file: str) -> Iterator[RawLine]:
    count = _Counter()
    for block in _blocks(body):
        if block.tag == f"{_W}p":
            count.paragraphs += 1
            text = numbering.label(block) + _paragraph_text(block)
            for piece in text.split("\n"):
                count.lines += 1
                yield _line(file, count.lines, f"đoạn {count.paragraphs}", piece)
        else:
            count.tables += 1
            table = Source(file, count.lines + 1, None, f"bảng {count.tables}")
            for row_no, cells in enumerate(_table_rows(block, numbering, table), 1):
                count.lines += 1
                row = "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"
                yield _line(file, count.lines, f"bảng {count.tables}, dòng {row_no}", row)


def _line(file: str, number: int, cell: str, text: str) -> RawLine:
    cleaned, colmap = clean_mapped(text)
    return RawLine(Source(file, number, None, cell, cleaned, None, colmap))


def _paragraph_text(p: BaseOxmlElement) -> str:
    """The text Word shows: runs, hyperlinks, insertions and field results; not deleted
    text, field codes, or the fallback copy of a drawing's text box."""
    out: list[str] = []

    def walk(el: BaseOxmlElement) -> None:
        for child in el:
            tag = child.tag
            if tag == f"{_W}t":
                out.append(child.text or "")
            elif tag in (f"{_W}tab", f"{_W}ptab"):
                out.append("\t")
            elif tag in (f"{_W}br", f"{_W}cr"):
                out.append("\n")
            elif tag == f"{_W}noBreakHyphen":
                out.append("-")
            elif tag in (f"{_W}pPr", f"{_W}rPr", _MC_FALLBACK):
                continue
            elif isinstance(tag, str):  # comments and processing instructions have no str tag
                walk(child)

    walk(p)
    return "".join(out)


def _int_attr(el: BaseOxmlElement | None, name: str = _VAL, default: int = 0) -> int:
    if el is None:
        return default
    value = el.get(name)
    if value is not None and len(value) > _ATTR_DIGITS:
        # a declared size of more digits than any document needs: as large as can be said, so
        # the caps below refuse it (never an integer of thousands of digits)
        return -_HUGE if value.lstrip().startswith("-") else _HUGE
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


_ATTR_DIGITS = 18
_HUGE = 10**18


MAX_COLUMNS = 256  # grid columns a table row may declare (Word itself allows 63)
TABLE_POSITIONS = 100_000  # grid positions (rows × columns) any table may have ...
TABLE_POSITIONS_PER_CELL = 16  # ... or this many for each cell it holds (a cell spanning the whole grid is one)


def _table_rows(tbl: BaseOxmlElement, numbering: _Numbering, where: Source) -> Iterator[list[str]]:
    """Each row on the table's grid: a merged cell's text in its top-left position only. The
    widths a row declares (``gridBefore``, ``gridSpan``) are checked against a cap before any
    cell is made: ``gridSpan="1000000000"`` in a few bytes is an input error at the table."""
    grid = tbl.find(f"{_W}tblGrid")
    width = 0 if grid is None else len(grid.findall(f"{_W}gridCol"))
    rows: list[list[str]] = []

    def bounded(declared: int) -> int:
        if declared > MAX_COLUMNS:
            raise InputError(where, "DOCX_TABLE_TOO_WIDE", {"columns": declared, "limit": MAX_COLUMNS})
        return declared

    written = declared = 0  # cells the rows hold, grid positions they declare

    def sparse(positions: int) -> None:
        """Refuse a grid far larger than the cells that fill it (20.000 rows of one cell under
        one row spanning 256 columns: five million positions to write out from 150 KB)."""
        limit = max(TABLE_POSITIONS, TABLE_POSITIONS_PER_CELL * written)
        if positions > limit:
            columns = max([width, *(len(r) for r in rows)])
            counts = {"positions": positions, "rows": len(rows), "columns": columns, "cells": written, "limit": limit}
            args = {k: Decimal(n) for k, n in counts.items()}  # counts, grouped as figures are (5.120.512)
            raise InputError(where, "DOCX_TABLE_TOO_LARGE", args)

    for tr in _children(tbl, "tr"):
        tr_pr = tr.find(f"{_W}trPr")
        # a negative count is none (``gridBefore="-2**70"`` made Python refuse the list: exit 3)
        cells = [""] * bounded(max(0, _int_attr(None if tr_pr is None else tr_pr.find(f"{_W}gridBefore"))))
        for tc in _children(tr, "tc"):
            tc_pr = tc.find(f"{_W}tcPr")
            span = max(1, _int_attr(None if tc_pr is None else tc_pr.find(f"{_W}gridSpan"), default=1))
            bounded(len(cells) + span)
            merge = None if tc_pr is None else tc_pr.find(f"{_W}vMerge")
            continued = merge is not None and merge.get(_VAL, "continue") == "continue"
            text = "" if continued else _cell_text(tc, numbering)
            cells.extend([text] + [""] * (span - 1))
            written += 1
        rows.append(cells)
        declared += len(cells)
        if declared > TABLE_POSITIONS:  # the rows as declared so far, before more are made
            sparse(declared)
    width = max([width, *(len(r) for r in rows)])
    sparse(len(rows) * width)  # and every row as wide as the widest, before any is widened
    for r in rows:
        yield r + [""] * (width - len(r))


def _children(parent: BaseOxmlElement, name: str) -> Iterator[BaseOxmlElement]:
    """``w:tr`` of a table or ``w:tc`` of a row, also inside content controls (not nested tables)."""
    for child in parent:
        if child.tag == f"{_W}{name}":
            yield child
        elif child.tag == f"{_W}sdt":
            content = child.find(f"{_W}sdtContent")
            if content is not None:
                yield from _children(content, name)
        elif child.tag == f"{_W}customXml":
            yield from _children(child, name)


def _cell_text(tc: BaseOxmlElement, numbering: _Numbering) -> str:
    parts = []
    for block in _blocks(tc):
        if block.tag == f"{_W}p":
            text = (numbering.label(block) + _paragraph_text(block)).replace("\n", " ").strip()
            if text:
                parts.append(text)
    return " ".join(parts)


# --- list numbering ----------------------------------------------------------------------


@dataclass(frozen=True)
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = ""
    suffix: str = "tab"
    legal: bool = False
    restart: int | None = None  # w:lvlRestart; 0 = never restarts


@dataclass
class _Numbering:
    """Word's list numbers for the common formats: decimal, multi-level (``%1.%2.``),
    letters, roman numerals, bullets (shown as ``-``); other formats count in decimal."""

    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)  # abstractNumId → levels
    nums: dict[str, tuple[str, dict[int, int]]] = field(default_factory=dict)  # numId → (abstract, starts)
    styles: dict[str, tuple[str | None, int | None, str | None]] = field(default_factory=dict)
    counters: dict[str, dict[int, int]] = field(default_factory=dict)

    @classmethod
    def of(cls, document: object) -> _Numbering:
        from docx.opc.constants import RELATIONSHIP_TYPE as RT

        numbering = cls()
        part = getattr(document, "part", None)
        if part is None:
            return numbering
        for rel, read in ((RT.NUMBERING, numbering._read_numbering), (RT.STYLES, numbering._read_styles)):
            try:
                related = part.part_related_by(rel)
            except KeyError:
                continue
            element = getattr(related, "element", None)
            if element is not None:
                read(element)
        return numbering

    def _read_numbering(self, root: BaseOxmlElement) -> None:
        for abstract in root.findall(f"{_W}abstractNum"):
            levels: dict[int, _Level] = {}
            for lvl in abstract.findall(f"{_W}lvl"):
                levels[_int_attr(lvl, f"{_W}ilvl")] = _level(lvl)
            self.levels[abstract.get(f"{_W}abstractNumId", "")] = levels
        for num in root.findall(f"{_W}num"):
            abstract_id = num.find(f"{_W}abstractNumId")
            starts: dict[int, int] = {}
            for override in num.findall(f"{_W}lvlOverride"):
                start = override.find(f"{_W}startOverride")
                if start is not None:
                    starts[_int_attr(override, f"{_W}ilvl")] = _start(start)
            self.nums[num.get(f"{_W}numId", "")] = ("" if abstract_id is None else abstract_id.get(_VAL, ""), starts)

    def _read_styles(self, root: BaseOxmlElement) -> None:
        for style in root.findall(f"{_W}style"):
            based = style.find(f"{_W}basedOn")
            num_id, ilvl = _num_pr(style.find(f"{_W}pPr"))
            self.styles[style.get(f"{_W}styleId", "")] = (num_id, ilvl, None if based is None else based.get(_VAL))

    def _style_numbering(self, style_id: str | None) -> tuple[str | None, int | None]:
        seen: set[str] = set()
        while style_id is not None and style_id not in seen and style_id in self.styles:
            seen.add(style_id)
            num_id, ilvl, based = self.styles[style_id]
            if num_id is not None:
                return num_id, ilvl
            style_id = based
        return None, None

    def label(self, p: BaseOxmlElement) -> str:
        """The number Word shows before the paragraph, with its separator; '' if none."""
        if not self.nums:
            return ""
        p_pr = p.find(f"{_W}pPr")
        num_id, ilvl = _num_pr(p_pr)
        if num_id is None:
            style = None if p_pr is None else p_pr.find(f"{_W}pStyle")
            num_id, style_ilvl = self._style_numbering(None if style is None else style.get(_VAL))
            ilvl = style_ilvl if ilvl is None else ilvl
        if num_id is None or num_id == "0" or num_id not in self.nums:
            return ""
        abstract_id, starts = self.nums[num_id]
        levels = self.levels.get(abstract_id, {})
        level_no = min(max(ilvl or 0, 0), 8)

        def level(i: int) -> _Level:
            lv = levels.get(i, _Level())
            return lv if i not in starts else _Level(starts[i], lv.fmt, lv.text, lv.suffix, lv.legal, lv.restart)

        # a list restarted by an override counts on its own; otherwise lists of one definition continue
        key = f"num:{num_id}" if starts else f"abstract:{abstract_id}"
        counts = self.counters.setdefault(key, {})
        counts[level_no] = counts[level_no] + 1 if level_no in counts else level(level_no).start
        for deeper in [d for d in counts if d > level_no]:
            if level(deeper).restart != 0:
                del counts[deeper]
        this = level(level_no)
        if this.fmt == "bullet":
            return "- "
        if this.fmt == "none" and not re.search(r"%[1-9]", this.text):
            return this.text + (" " if this.text and this.suffix != "nothing" else "")

        def number(m: re.Match[str]) -> str:
            i = int(m.group(1)) - 1
            lv = level(i)
            value = counts.get(i, lv.start)
            return _format(value, "decimal" if this.legal and i < level_no else lv.fmt)

        shown = re.sub(r"%([1-9])", number, this.text)
        if not shown.strip():
            return ""
        return shown + ("" if this.suffix == "nothing" else " ")


def _num_pr(p_pr: BaseOxmlElement | None) -> tuple[str | None, int | None]:
    num_pr = None if p_pr is None else p_pr.find(f"{_W}numPr")
    if num_pr is None:
        return None, None
    num_id = num_pr.find(f"{_W}numId")
    ilvl = num_pr.find(f"{_W}ilvl")
    return (None if num_id is None else num_id.get(_VAL)), (None if ilvl is None else _int_attr(ilvl))


_FARTHEST_START = 10**18  # Word stores a 32-bit start; a list declared to start further out is no list


def _start(el: BaseOxmlElement | None) -> int:
    """A list's declared start; one that cannot be (past ``_FARTHEST_START``: a start of 4.300
    digits, counted on by one, had more digits than Python prints) is read as unreadable, 1."""
    value = _int_attr(el, default=1)
    return value if abs(value) < _FARTHEST_START else 1


def _level(lvl: BaseOxmlElement) -> _Level:
    fmt = lvl.find(f"{_W}numFmt")
    text = lvl.find(f"{_W}lvlText")
    suffix = lvl.find(f"{_W}suff")
    restart = lvl.find(f"{_W}lvlRestart")
    return _Level(
        start=_start(lvl.find(f"{_W}start")),
        fmt="decimal" if fmt is None else (fmt.get(_VAL) or "decimal"),
        text="" if text is None else (text.get(_VAL) or ""),
        suffix="tab" if suffix is None else (suffix.get(_VAL) or "tab"),
        legal=lvl.find(f"{_W}isLgl") is not None,
        restart=None if restart is None else _int_attr(restart),
    )


_ROMAN = (
    (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
    (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
)  # fmt: skip


_LETTER_REPEATS = 10  # Word writes ``aa`` after ``z``; past ten letters a list has no letters left to show


def _format(value: int, fmt: str) -> str:
    # a letter numbering that starts at 2³¹ would repeat one letter 80 million times: past the
    # repeats a list can hold, its number is shown in figures
    if fmt in ("lowerLetter", "upperLetter") and 0 < value <= 26 * _LETTER_REPEATS:
        letters = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)  # Word: y, z, aa, bb
        return letters if fmt == "lowerLetter" else letters.upper()
    if fmt in ("lowerRoman", "upperRoman") and 0 < value < 4000:
        out = []
        for n, r in _ROMAN:
            while value >= n:
                out.append(r)
                value -= n
        roman = "".join(out)
        return roman if fmt == "lowerRoman" else roman.upper()
    if fmt == "decimalZero":
        return f"{value:02d}"
    return str(value)
