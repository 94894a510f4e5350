"""Opening .xlsx files safely and exactly, for every reader of the project.

Done by hand because no library does it right: openpyxl turns every stored number with a
``.`` into float (we swap its number cast for an exact one while loading), protects only
against XML entities, and believes whatever sizes a zip claims. ``guard`` refuses what is
not a zip, a renamed ``.xls``, members that inflate past a size or ratio cap, XML with
entity declarations and sheets that claim more rows than a budget or a data set can have.
"""

from __future__ import annotations

import contextlib
import math
import os
import re
import warnings
import zipfile
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

import openpyxl
import openpyxl.worksheet._reader as openpyxl_reader
from openpyxl.utils.cell import column_index_from_string

from budget.findings import InputError
from budget.messages import Phrase
from budget.numbers import NumberError, from_xml
from budget.os_errors import os_error_in, os_reason
from budget.read.ole2 import is_encrypted, is_ole2
from budget.read.xlsx_cells import EXCEL_ROWS, read_book
from budget.source import Source

# Limits scale with what the tool itself writes: its own workbook of the largest plan a sheet
# holds (1.048.575 cost lines, Excel's row limit) must read back. That workbook is about 21
# cells and 1,9 KB of XML a line, compressed about 10 times (measured at 100.000 lines:
# 2,06 million cells, 191 MB inflated from 18,9 MB).
MAX_UNCOMPRESSED = 256 * 1024 * 1024  # all members together, inflated, for a file of up to 16 MiB
MAX_INFLATION = 16  # beyond that: at most 16 times the compressed size (the tool's own is 10)
MAX_TOTAL = 4 * 1024 * 1024 * 1024  # and never more than 4 GiB
MAX_RATIO = 200  # inflated / compressed, for members over 1 MiB
MAX_ROWS = EXCEL_ROWS  # rows a sheet may claim: Excel's own limit
MAX_CELLS = 24_000_000  # cells in the whole workbook: the tool's own at Excel's row limit fits
MAX_AREA = 20_000_000  # rows × columns of a sheet reaching past column Z: what a reader may walk through
_NARROW = 26  # columns A to Z: the tool's own sheets, at Excel's row limit too, are never refused for their area
_CHUNK = 1 << 20
_OVERLAP = 8192  # bytes read again from the previous chunk: longer than any pattern below
# DOCTYPE and ENTITY declarations, in UTF-8 and in both UTF-16 byte orders (XML may be either)
_DECLARATION = re.compile(
    b"|".join(
        re.escape(w.encode(enc))
        for w in ("<!DOCTYPE", "<!ENTITY", "<!doctype", "<!entity")
        for enc in ("ascii", "utf-16-le", "utf-16-be")
    )
)
_DIMENSION = re.compile(rb'<(?:[\w.-]+:)?dimension\s+ref\s*=\s*["\']([A-Za-z]*)([0-9]*):?([A-Za-z]*)([0-9]*)')
_ROW_TAG = re.compile(rb"<(?:[\w.-]+:)?row[\s/>]")
_ROW_NUMBER = re.compile(rb'<(?:[\w.-]+:)?row\s[^>]{0,2048}?\br\s*=\s*["\']\s*([0-9]+)')
_CELL_TAG = re.compile(rb"<(?:[\w.-]+:)?c[\s/>]")
_WIDE_CELL = re.compile(rb'\br\s*=\s*["\']\s*\$?([A-Za-z]{2,})\$?([0-9]+)')  # columns past Z: rare, so cheap
_NOT_SHEETS = ("customXml/", "docProps/", "xl/media/", "xl/calcChain.xml", "xl/printerSettings/", "xl/embeddings/")
_ODD_REFERENCE = re.compile(rb'\br\s*=\s*["\'][^"\'<>]{0,64}?&')  # a character reference hides the cell


def xml_guard_on() -> bool:
    """openpyxl parses XML with defusedxml only when it is installed and the environment does
    not switch it off (``OPENPYXL_DEFUSEDXML=False``, read once when openpyxl is imported)."""
    import openpyxl.xml.functions as functions

    env = os.environ.get("OPENPYXL_DEFUSEDXML", "True")
    return bool(openpyxl.DEFUSEDXML) and bool(getattr(functions, "DEFUSEDXML", False)) and env == "True"


def sized_members(z: zipfile.ZipFile, where: Source, kind: str) -> list[zipfile.ZipInfo]:
    """The members of an Office zip, refused (``{kind}_TOO_LARGE``, ``{kind}_ZIP_BOMB``) when
    they would inflate past what any real document holds. Shared by the .xlsx and .docx readers."""
    infos = z.infolist()
    total = sum(i.file_size for i in infos)
    compressed = sum(i.compress_size for i in infos)
    limit = min(MAX_TOTAL, max(MAX_UNCOMPRESSED, MAX_INFLATION * compressed))
    if total > limit:
        raise InputError(where, f"{kind}_TOO_LARGE", {"size": total // (1024 * 1024), "limit": limit // (1024 * 1024)})
    for i in infos:
        if i.file_size > 1024 * 1024 and i.file_size > MAX_RATIO * max(i.compress_size, 1):
            raise InputError(where, f"{kind}_ZIP_BOMB", {"member": i.filename})
    return infos


def guard(path: Path, name: str) -> None:
    """Refuse a file that is not a sound, reasonably sized xlsx, before any XML is parsed."""
    where = Source(name)
    if not xml_guard_on():
        raise InputError(where, "XLSX_XML_GUARD_OFF", {"value": os.environ.get("OPENPYXL_DEFUSEDXML", "True")})
    with path.open("rb") as fh:
        head = fh.read(8)
    if is_ole2(head):
        raise InputError(where, "INPUT_PASSWORD" if is_encrypted(path) else "XLSX_IS_XLS")
    if not zipfile.is_zipfile(path):
        raise InputError(where, "XLSX_NOT_ZIP")
    try:
        with zipfile.ZipFile(path) as z:
            infos = sized_members(z, where, "XLSX")
            names = {i.filename for i in infos}
            if "[Content_Types].xml" not in names or not any(n.startswith("xl/") for n in names):
                raise InputError(where, "XLSX_NOT_XLSX")
            cells = 0
            for i in infos:
                if not i.is_dir():
                    cells += _check_member(z, i, where, measure=not i.filename.startswith(_NOT_SHEETS))
            if cells > MAX_CELLS:
                raise InputError(where, "XLSX_TOO_MANY_CELLS", {"cells": Decimal(cells), "limit": Decimal(MAX_CELLS)})
    except InputError:
        raise
    except Exception as e:  # zipfile raises many kinds for a damaged file: one clear message
        raise InputError(where, "XLSX_BROKEN", {"reason": broken_reason(e)}) from None


def broken_reason(e: BaseException) -> Phrase:
    """Why a workbook could not be read, in Vietnamese; never the library's English text."""
    text = str(e).lower()
    if isinstance(e, EOFError) or "truncated" in text or "end-of-stream" in text:
        return Phrase("XLSX_REASON.truncated", {})
    if isinstance(e, zipfile.BadZipFile) and "crc" in text:
        return Phrase("XLSX_REASON.bad_data", {})
    if isinstance(e, zipfile.BadZipFile | zipfile.LargeZipFile):
        return Phrase("XLSX_REASON.bad_zip", {})
    if type(e).__name__ in ("ParseError", "XMLSyntaxError", "SAXParseException", "ExpatError"):
        return Phrase("XLSX_REASON.bad_xml", {})
    if isinstance(e, KeyError):
        return Phrase("XLSX_REASON.missing_part", {})
    if "zlib" in type(e).__module__ or "decompress" in text:
        return Phrase("XLSX_REASON.bad_data", {})
    err = os_error_in(e)
    if err is not None:
        return Phrase("XLSX_REASON.os", {"reason": os_reason(err)})
    return Phrase("XLSX_REASON.other", {"kind": type(e).__name__})


def _chunks(fh: IO[bytes]) -> Iterator[tuple[bytes, int]]:
    """The member in overlapping chunks: each chunk with the offset where its own bytes begin
    (before it, the last bytes of the previous chunk, so a pattern cut in two is seen whole)."""
    tail = b""
    for chunk in iter(lambda: fh.read(_CHUNK), b""):
        yield tail + chunk, len(tail)
        tail = (tail + chunk)[-_OVERLAP:]


def _check_member(z: zipfile.ZipFile, info: zipfile.ZipInfo, where: Source, measure: bool) -> int:
    """Every byte of every member is searched for DTD declarations (Excel never writes one;
    they are how entity expansion attacks start). Members that may be sheets (a sheet can be
    anywhere its relationship points) are measured too: the last row, the farthest column,
    the number of cells. Returns the number of cells."""
    name = info.filename
    rows = cells = row_tags = 0
    columns = _NARROW  # columns A to Z are not looked at one by one (see ``_WIDE_CELL``)
    farthest = ("", 0)
    with z.open(info) as fh:
        for buf, own in _chunks(fh):
            m = _DECLARATION.search(buf)
            if m:
                raise InputError(where, "XLSX_XML_DECLARATION", {"member": name})
            if not measure:
                continue
            if own == 0:
                d = _DIMENSION.search(buf)
                if d and d.group(4) and int(d.group(4)) > MAX_ROWS:
                    raise InputError(where, "XLSX_TOO_MANY_ROWS", {"member": name, "rows": Decimal(int(d.group(4)))})
            body = buf[own:] if own else buf
            cells += len(_CELL_TAG.findall(body))
            row_tags += len(_ROW_TAG.findall(body))
            odd = _ODD_REFERENCE.search(buf)
            if odd:
                text = odd.group(0).decode("utf-8", "replace")
                raise InputError(where, "XLSX_BAD_REFERENCE", {"member": name, "text": text})
            for r in _ROW_NUMBER.findall(buf):
                rows = max(rows, int(r))
            for letters, row in set(_WIDE_CELL.findall(buf)):
                if len(letters) > 3:
                    raise InputError(where, "XLSX_BAD_REFERENCE", {"member": name, "text": letters.decode()})
                col = column_index_from_string(letters.decode().upper())
                rows = max(rows, int(row))
                if col > columns:
                    columns, farthest = col, (letters.decode().upper(), int(row))
    rows = max(rows, row_tags)
    if rows > MAX_ROWS:
        raise InputError(where, "XLSX_TOO_MANY_ROWS", {"member": name, "rows": Decimal(rows)})
    if columns > _NARROW and rows * columns > MAX_AREA:
        raise InputError(
            where,
            "XLSX_TOO_WIDE",
            {
                "member": name,
                "column": farthest[0],
                "row": farthest[1],
                "rows": Decimal(rows),  # counts, grouped as numbers are (1.048.576)
                "columns": Decimal(columns),
                "limit": Decimal(MAX_AREA),
            },
        )
    return cells


def _exact_cast(value: str) -> Any:
    try:
        return from_xml(value)
    except NumberError:
        return value


_LAST_EXCEL_DAY = 2_958_465  # 9999-12-31


def _date_from_serial(value: Any, epoch: Any = openpyxl_reader.WINDOWS_EPOCH, timedelta: bool = False) -> Any:
    """openpyxl's ``from_excel`` for our exact numbers: a date serial needs no exactness."""
    number = float(value)  # a day count for datetime, never an amount (amounts stay Decimal)
    if not math.isfinite(number) or abs(number) > _LAST_EXCEL_DAY:
        raise OverflowError("date out of range")  # openpyxl then marks the cell as an error
    return _openpyxl_from_excel(number, epoch, timedelta=timedelta)


_openpyxl_from_excel = openpyxl_reader.from_excel


@contextlib.contextmanager
def _exact_numbers() -> Iterator[None]:
    """While loading, openpyxl's number cast keeps the stored digits as Decimal, dates in
    date-formatted cells are still dates, and openpyxl's English warnings stay quiet."""
    saved = openpyxl_reader._cast_number, openpyxl_reader.from_excel
    openpyxl_reader._cast_number = _exact_cast
    openpyxl_reader.from_excel = _date_from_serial
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        openpyxl_reader._cast_number, openpyxl_reader.from_excel = saved


def load_exact(path: Path, name: str, formulas: bool = True) -> tuple[Any, Any]:
    """The workbook twice, formulas and stored values, numbers exact, from one pass over
    each sheet (``xlsx_cells``). Without ``formulas``, only the values, read-only and
    streamed by openpyxl (for large data tables)."""
    if not xml_guard_on():
        raise InputError(Source(name), "XLSX_XML_GUARD_OFF", {"value": os.environ.get("OPENPYXL_DEFUSEDXML", "")})
    try:
        if not formulas:
            with _exact_numbers():
                return None, openpyxl.load_workbook(path, data_only=True, read_only=True)
        with_formulas, values, states = read_book(path, _exact_cast, _date_from_serial, name)
    except InputError:
        raise
    except Exception as e:  # a broken file raises many kinds: one clear message
        raise broken(name, e) from None
    _READ_STATES.clear()
    _READ_STATES[_identity(path)] = states
    return with_formulas, values


_READ_STATES: dict[tuple[str, int, int, int], dict[str, dict[str, bool]]] = {}  # the last file loaded


def _identity(path: Path) -> tuple[str, int, int, int]:
    st = os.stat(path)
    return str(Path(path).resolve()), st.st_ino, st.st_size, st.st_mtime_ns


def broken(name: str, e: BaseException) -> InputError:
    """The error for a workbook a library could not read: a declaration defusedxml found is
    reported as such, the rest as a broken file with the reason in Vietnamese."""
    if "defusedxml" in type(e).__module__:
        return InputError(Source(name), "XLSX_XML_DECLARATION", {"member": "XML"})
    return InputError(Source(name), "XLSX_BROKEN", {"reason": broken_reason(e)})


def formula_states(path: Path) -> dict[str, dict[str, bool]]:
    """Per sheet, each formula cell and whether it carries a computed value.

    Read from the XML by hand (``xlsx_cells``): openpyxl reports both "no value stored" (a
    file saved by a program that does not calculate) and "the formula gave an empty text"
    as None, and only the first must be reported. Taken from the pass ``load_exact`` just
    made over the same file when there was one.
    """
    known = _READ_STATES.pop(_identity(path), None)
    if known is not None:
        return known
    return read_book(path, _exact_cast, _date_from_serial)[2]
