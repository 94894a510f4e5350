"""Opening .xlsx files safely and exactly, for every reader of the project.

Done by hand because no library does it right: openpyxl turns every stored number with a
``.`` into float (we swap its number cast for an exact one while loading), protects only
against XML entities, and believes whatever sizes a zip claims. ``guard`` refuses what is
not a zip, a renamed ``.xls``, members that inflate past a size or ratio cap, XML with
entity declarations and sheets that claim more rows than a budget or a data set can have.
"""

from __future__ import annotations

import contextlib
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import defusedxml.ElementTree as SafeET
import openpyxl
import openpyxl.worksheet._reader as openpyxl_reader

from budget.findings import InputError
from budget.numbers import NumberError, from_xml
from budget.source import Source

MAX_UNCOMPRESSED = 256 * 1024 * 1024  # all members together, inflated
MAX_RATIO = 200  # inflated / compressed, for members over 1 MiB
MAX_ROWS = 600_000  # rows a sheet may claim: a budget of 100.000 lines or 500.000 data rows fit
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old .xls (and other OLE2) signature
_DECLARATION = re.compile(rb"<!DOCTYPE|<!ENTITY", re.IGNORECASE)
_DIMENSION = re.compile(rb'<dimension\s+ref="[A-Z]+[0-9]+:?[A-Z]*([0-9]*)"')
_ROW_ATTR = re.compile(rb'<row\b[^>]*\br="([0-9]+)"')


def guard(path: Path, name: str) -> None:
    """Refuse a file that is not a sound, reasonably sized xlsx, before any XML is parsed."""
    where = Source(name)
    with path.open("rb") as fh:
        head = fh.read(8)
    if head.startswith(_OLE2):
        raise InputError(where, "XLSX_IS_XLS")
    if not zipfile.is_zipfile(path):
        raise InputError(where, "XLSX_NOT_ZIP")
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
            total = sum(i.file_size for i in infos)
            if total > MAX_UNCOMPRESSED:
                raise InputError(where, "XLSX_TOO_LARGE", {"size": total // (1024 * 1024)})
            for i in infos:
                if i.file_size > 1024 * 1024 and i.file_size > MAX_RATIO * max(i.compress_size, 1):
                    raise InputError(where, "XLSX_ZIP_BOMB", {"member": i.filename})
            names = {i.filename for i in infos}
            if "[Content_Types].xml" not in names or not any(n.startswith("xl/") for n in names):
                raise InputError(where, "XLSX_NOT_XLSX")
            for i in infos:
                if i.filename.endswith((".xml", ".rels")):
                    _check_xml(z, i, where)
    except (zipfile.BadZipFile, EOFError, OSError, zipfile.LargeZipFile) as e:
        raise InputError(where, "XLSX_BROKEN", {"reason": str(e) or type(e).__name__}) from None


def _check_xml(z: zipfile.ZipFile, info: zipfile.ZipInfo, where: Source) -> None:
    with z.open(info) as fh:
        head = fh.read(4096)
        if _DECLARATION.search(head):
            raise InputError(where, "XLSX_XML_DECLARATION", {"member": info.filename})
        if info.filename.startswith("xl/worksheets/"):
            m = _DIMENSION.search(head)
            if m and m.group(1) and int(m.group(1)) > MAX_ROWS:
                raise InputError(where, "XLSX_TOO_MANY_ROWS", {"member": info.filename, "rows": int(m.group(1))})
            last = 0
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                for row in _ROW_ATTR.finditer(chunk):
                    last = max(last, int(row.group(1)))
            for row in _ROW_ATTR.finditer(head):
                last = max(last, int(row.group(1)))
            if last > MAX_ROWS:
                raise InputError(where, "XLSX_TOO_MANY_ROWS", {"member": info.filename, "rows": last})


def _exact_cast(value: str) -> Any:
    try:
        return from_xml(value)
    except NumberError:
        return value


@contextlib.contextmanager
def _exact_numbers() -> Iterator[None]:
    """While loading, openpyxl's number cast keeps the stored digits as Decimal."""
    saved = openpyxl_reader._cast_number
    openpyxl_reader._cast_number = _exact_cast
    try:
        yield
    finally:
        openpyxl_reader._cast_number = saved


def load_exact(path: Path, name: str, formulas: bool = True) -> tuple[Any, Any]:
    """The workbook twice, formulas and stored values, numbers exact. Without ``formulas``,
    only the values, read-only and streamed (for large data tables)."""
    try:
        with _exact_numbers():
            if not formulas:
                return None, openpyxl.load_workbook(path, data_only=True, read_only=True)
            with_formulas = openpyxl.load_workbook(path, data_only=False)
            values = openpyxl.load_workbook(path, data_only=True)
    except InputError:
        raise
    except Exception as e:  # openpyxl raises many kinds for a broken file: one clear message
        raise InputError(Source(name), "XLSX_BROKEN", {"reason": f"{type(e).__name__}: {e}"}) from None
    return with_formulas, values


_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def formula_states(path: Path) -> dict[str, dict[str, bool]]:
    """Per sheet, each formula cell and whether it carries a computed value.

    Read from the XML by hand: openpyxl reports both "no value stored" (a file saved by a
    program that does not calculate) and "the formula gave an empty text" as None, and
    only the first must be reported.
    """
    states: dict[str, dict[str, bool]] = {}
    with zipfile.ZipFile(path) as z:
        book = SafeET.fromstring(z.read("xl/workbook.xml"))
        rels = SafeET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
        targets = {r.get("Id"): r.get("Target", "") for r in rels.iter(f"{_PKG}Relationship")}
        for sheet in book.iter(f"{_MAIN}sheet"):
            target = targets.get(sheet.get(f"{_REL}id"), "")
            member = target.lstrip("/") if target.startswith("/") else "xl/" + target
            if member not in z.namelist():
                continue
            cells: dict[str, bool] = {}
            with z.open(member) as fh:
                for _, el in SafeET.iterparse(fh):
                    if el.tag != f"{_MAIN}c":
                        continue
                    if el.find(f"{_MAIN}f") is not None:
                        v = el.find(f"{_MAIN}v")
                        cells[el.get("r", "")] = v is not None and (bool(v.text) or el.get("t") == "str")
                    el.clear()
            states[sheet.get("name", "")] = cells
    return states
