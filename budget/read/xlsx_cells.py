"""A sound .xlsx (one ``xlsx_io.guard`` accepted) read in one pass over each sheet's XML.

openpyxl reads a workbook twice to give its formulas and its stored values, builds an object
per cell with its whole style, and ``xlsx_io.formula_states`` parsed the sheets a third time.
Here each sheet is streamed once (lxml's ``iterparse`` in C, entities never resolved, no
DTD loaded, nothing fetched, a document with a DTD refused: what defusedxml secures for
openpyxl, after ``guard`` refused every declaration) into two light workbooks that behave
like openpyxl's where the readers look: ``formulas`` (formula cells hold ``"=..."`` text,
shared formulas expanded with openpyxl's ``Translator``) and ``values`` (what the file
stores), with the same sheet names, cells, number formats, merged ranges and hidden rows;
plus which formula cells store a value.

The package parts around the sheets (content types, workbook, relationships, styles) are
read by openpyxl's own code, so sheets are found and date formats told exactly as before;
cells are converted as openpyxl does with ``xlsx_io``'s exact numbers: stored digits as
``Decimal``, serials in date-formatted cells as ``datetime``.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from defusedxml import DTDForbidden
from lxml import etree  # type: ignore[import-untyped]
from openpyxl.formula.translate import Translator
from openpyxl.reader.excel import ExcelReader
from openpyxl.styles.numbers import BUILTIN_FORMATS, BUILTIN_FORMATS_MAX_SIZE
from openpyxl.styles.stylesheet import apply_stylesheet
from openpyxl.utils.cell import column_index_from_string, coordinate_to_tuple, get_column_letter
from openpyxl.utils.datetime import from_ISO8601
from openpyxl.workbook.child import INVALID_TITLE_REGEX, avoid_duplicate_name
from openpyxl.worksheet.cell_range import CellRange, MultiCellRange
from openpyxl.worksheet.formula import ArrayFormula, DataTableFormula
from openpyxl.xml.constants import SHARED_STRINGS, SHEET_MAIN_NS

from budget.findings import InputError
from budget.source import Source

_NS = f"{{{SHEET_MAIN_NS}}}"
_ROW, _CELL, _V, _F, _IS = (_NS + t for t in ("row", "c", "v", "f", "is"))
_MERGES, _MERGE, _SI = _NS + "mergeCells", _NS + "mergeCell", _NS + "si"
_MERGE_CELLS = 100_000  # cells a merged range may cover before it is cut to the sheet's extent
EXCEL_ROWS, EXCEL_COLUMNS = 1_048_576, 16_384  # Excel's own limits: no cell lies past row 1048576 or column XFD
# Sizes a workbook declares in a few bytes, bounded before anything is made (the limits are far
# above any real budget workbook; past them the workbook is refused as damaged or hostile):
MERGED_CELLS = 2_000_000  # cells all merged ranges of a workbook cover together, once cut to their sheets
SHARED_TEXT_FLOOR = 1_000_000  # characters of formula text shared formulas may spread to in any workbook ...
SHARED_TEXT_RATIO = 2  # ... or twice its sheets' XML (what Excel shares spreads to under one character a byte)
_SIMPLE_REF = re.compile(r"([A-Z]{1,3})([0-9]+)")
_COLUMNS: dict[str, int] = {}  # column letters -> index, filled as met

States = dict[str, dict[str, bool]]  # sheet -> {"F12": whether the formula cell stores a value}


class XCell:
    """One cell: what openpyxl's ``Cell`` offers the readers."""

    __slots__ = ("column", "data_type", "number_format", "row", "value")

    def __init__(self, row: int, column: int, value: Any, data_type: str = "n", number_format: str = "General"):
        self.row = row
        self.column = column
        self.value = value
        self.data_type = data_type
        self.number_format = number_format

    @property
    def coordinate(self) -> str:
        return f"{get_column_letter(self.column)}{self.row}"

    def __repr__(self) -> str:
        return f"<XCell {self.coordinate}={self.value!r}>"


class RowDimension:
    __slots__ = ("hidden",)

    def __init__(self, hidden: bool = False):
        self.hidden = hidden


class _RowDimensions(dict[int, RowDimension]):
    def __missing__(self, row: int) -> RowDimension:
        self[row] = made = RowDimension()  # as openpyxl's: asking creates it
        return made


class XSheet:
    """One worksheet: ``_cells`` by (row, column), as openpyxl keeps them."""

    def __init__(self, title: str, state: str = "visible"):
        self.title = title
        self.sheet_state = state
        self._cells: dict[tuple[int, int], XCell] = {}
        self.merged_cells = MultiCellRange()
        self.row_dimensions = _RowDimensions()
        self.max_column = 0  # the last column with a cell, as openpyxl's (set by the parser)

    def cell(self, row: int, column: int) -> XCell:
        """The cell, created empty when absent (as openpyxl does)."""
        if row < 1 or column < 1:
            raise ValueError("Row or column values must be at least 1")
        found = self._cells.get((row, column))
        if found is None:
            found = self._cells[(row, column)] = XCell(row, column, None)
        return found

    def __getitem__(self, coordinate: str) -> XCell:
        return self.cell(*coordinate_to_tuple(coordinate))

    def __repr__(self) -> str:
        return f"<XSheet {self.title!r}>"


class XBook:
    """A workbook's sheets in workbook order."""

    def __init__(self, sheets: list[XSheet]):
        self.worksheets = sheets
        self._by_title = {ws.title: ws for ws in sheets}

    @property
    def sheetnames(self) -> list[str]:
        return [ws.title for ws in self.worksheets]

    def __getitem__(self, title: str) -> XSheet:
        if title not in self._by_title:
            raise KeyError(f"Worksheet {title} does not exist.")
        return self._by_title[title]

    def __contains__(self, title: object) -> bool:
        return title in self._by_title

    def __iter__(self) -> Any:
        return iter(self.worksheets)


def read_book(
    path: Path, number: Callable[[str], Any], date: Callable[..., Any], name: str | None = None
) -> tuple[XBook, XBook, States]:
    """(formulas, values, states) of a workbook. ``number`` turns a stored number's text
    into its value, ``date`` a serial in a date-formatted cell into a date (both as
    ``xlsx_io`` patches them into openpyxl). Raises what the parts raise when broken, and
    ``InputError`` (file ``name``) when a size the workbook declares passes its limit."""
    shown = str(path) if name is None else name
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        reader = ExcelReader(str(path))
        try:
            reader.read_manifest()
            strings = _shared_strings(reader)
            reader.read_workbook()
            reader.read_properties()
            reader.read_custom()
            wb = reader.wb
            apply_stylesheet(reader.archive, wb)
            formats = [_format_of(wb, style.numFmtId) for style in wb._cell_styles]
            kinds = _Kinds(formats, set(wb._date_formats), set(wb._timedelta_formats), wb.epoch, number, date)
            formulas: list[XSheet] = []
            values: list[XSheet] = []
            states: States = {}
            sizes = _Sizes(shown)
            for sheet, rel in reader.parser.find_sheets():
                if rel.target not in reader.valid_files or "chartsheet" in rel.Type:
                    continue
                title = _title(sheet.name, [ws.title for ws in formulas])
                f_ws, v_ws = XSheet(title, sheet.state), XSheet(title, sheet.state)
                sizes.shared_allowed += SHARED_TEXT_RATIO * reader.archive.getinfo(rel.target).file_size
                with reader.archive.open(rel.target) as fh:
                    states[title] = _SheetParser(f_ws, v_ws, strings, kinds, sizes, rel.target).parse(fh)
                formulas.append(f_ws)
                values.append(v_ws)
        finally:
            reader.archive.close()
    return XBook(formulas), XBook(values), states


class _Sizes:
    """What a workbook's declared sizes have cost so far, against their limits: cells covered
    by merged ranges and characters of formula text made from shared formulas."""

    def __init__(self, file: str):
        self.file = file
        self.merged = 0
        self.shared = 0
        self.shared_allowed = SHARED_TEXT_FLOOR  # grows with each sheet's XML

    def at(self, sheet: str, ref: str) -> Source:
        return Source(self.file, None, None, f"{sheet}!{ref}")


def _title(name: str, taken: list[str]) -> str:
    """The sheet's title as openpyxl would give it (refused when invalid, renamed when taken)."""
    if not name:
        raise ValueError("Title must have at least one character")
    if INVALID_TITLE_REGEX.search(name):
        raise ValueError(f"Invalid character in sheet title {name!r}")
    return avoid_duplicate_name(taken, name) if name in taken or name.lower() in map(str.lower, taken) else name


def _format_of(wb: Any, fmt_id: int) -> str:
    if fmt_id < BUILTIN_FORMATS_MAX_SIZE:
        return str(BUILTIN_FORMATS.get(fmt_id, "General"))
    return str(wb._number_formats[fmt_id - BUILTIN_FORMATS_MAX_SIZE])


def _text_of(node: Any) -> str:
    """A rich or plain string element's text, as openpyxl's ``Text.content``: its ``t``
    (the last one) then the ``t`` of each run; phonetic runs left out."""
    plain: str | None = None
    runs: list[str] = []
    for child in node:
        tag = _local(child.tag)
        if tag == "t":
            plain = child.text
        elif tag == "r":
            run: str | None = None
            for part in child:
                if _local(part.tag) == "t":
                    run = part.text
            if run is not None:
                runs.append(run)
    return "".join(([plain] if plain is not None else []) + runs)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _elements(fh: Any, tags: tuple[str, ...]) -> Iterator[Any]:
    """The elements named ``tags``, each at its end, parsed safely; the ones before it dropped."""
    events = etree.iterparse(
        fh,
        events=("end",),
        tag=tags,
        resolve_entities=False,
        load_dtd=False,
        no_network=True,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    for _, el in events:
        yield el
        el.clear()
        while el.getprevious() is not None:
            del el.getparent()[0]
    root = events.root
    if root is not None and root.getroottree().docinfo.doctype:
        raise DTDForbidden(root.getroottree().docinfo.doctype, None, None)


def _shared_strings(reader: ExcelReader) -> list[str]:
    part = reader.package.find(SHARED_STRINGS)
    if part is None:
        return []
    with reader.archive.open(part.PartName[1:]) as fh:
        return [_text_of(node).replace("x005F_", "") for node in _elements(fh, (_SI,))]


class _Kinds:
    """What a cell's style says: its number format, whether its numbers are dates."""

    def __init__(
        self,
        formats: list[str],
        dates: set[int],
        durations: set[int],
        epoch: Any,
        number: Callable[[str], Any],
        date: Callable[..., Any],
    ):
        self.formats, self.dates, self.durations, self.epoch = formats, dates, durations, epoch
        self.number, self.date = number, date


class _SheetParser:
    """One sheet's XML, streamed once into both workbooks' sheets."""

    def __init__(self, f_ws: XSheet, v_ws: XSheet, strings: list[str], kinds: _Kinds, sizes: _Sizes, member: str):
        self.f_ws, self.v_ws, self.strings, self.kinds = f_ws, v_ws, strings, kinds
        self.sizes, self.member = sizes, member
        self.shared: dict[str | None, tuple[Translator, int]] = {}  # si -> (its translator, its length)
        self.states: dict[str, bool] = {}
        self.row = self.col = 0
        # The same texts recur down a sheet (unit names, statuses, section numbers): each kept
        # once. Large sheets are mostly such cells; keeping a copy per cell tripled their memory.
        self.texts: dict[str, str] = {}

    def parse(self, fh: Any) -> dict[str, bool]:
        merges: list[str] = []
        for el in _elements(fh, (_ROW, _MERGES)):
            if el.tag == _ROW:
                self.parse_row(el)
            else:
                merges = [m.get("ref") for m in el if m.tag == _MERGE]
        self.merge(merges)
        return self.states

    def parse_row(self, row: Any) -> None:
        r = row.get("r")
        if r is not None:
            try:
                self.row = int(r)
            except ValueError:
                # a row number written "12.0": a position, read exactly like every other number
                try:
                    number = Decimal(r)
                except InvalidOperation:
                    raise ValueError(f"{r} is not a valid row number") from None
                if not number.is_finite() or number != number.to_integral_value():
                    raise ValueError(f"{r} is not a valid row number") from None
                self.row = int(number)
        else:
            self.row += 1
        self.col = 0
        if any(not k.startswith("{") and k not in ("r", "spans") for k in row.attrib):
            hidden = row.get("hidden")
            self.f_ws.row_dimensions[self.row] = RowDimension(bool(hidden) and hidden not in ("false", "f", "0"))
        for el in row:
            self.parse_cell(el)
        if self.col > self.f_ws.max_column:
            self.f_ws.max_column = self.v_ws.max_column = self.col

    def parse_cell(self, el: Any) -> None:
        kind = el.get("t", "n")
        ref = el.get("r")
        style = el.get("s", 0)
        style = int(style) if style else 0
        if ref:
            m = _SIMPLE_REF.fullmatch(ref)
            if m:
                letters = m.group(1)
                col = _COLUMNS.get(letters) or _COLUMNS.setdefault(letters, column_index_from_string(letters))
                row = int(m.group(2))
                if row == self.row:
                    row = self.row  # the row's own number object, not one more per cell
            else:
                row, col = coordinate_to_tuple(ref)
            self.col = col
        else:
            self.col += 1
            row, col = self.row, self.col
        if row > EXCEL_ROWS or col > EXCEL_COLUMNS:  # a cell no sheet can hold: made, merged over, looped to
            self.beyond(row, col, ref)
        fmt = self.kinds.formats[style]
        v = f = inline = None
        if len(el):
            for child in el:
                tag = child.tag
                if tag == _V:
                    v = child if v is None else v
                elif tag == _F:
                    f = child if f is None else f
                elif tag == _IS:
                    inline = child if inline is None else inline
        raw = None if kind == "inlineStr" or v is None else (v.text or None)
        value, data_type = self.value(raw, kind, style, inline)
        if type(value) is str:
            value = self.texts.setdefault(value, value)
        cell = XCell(row, col, value, data_type, fmt)
        key = (row, col)  # one key for both sheets' dictionaries
        self.v_ws._cells[key] = cell
        if f is None:
            self.f_ws._cells[key] = cell
            return
        self.states[ref or ""] = v is not None and (bool(v.text) or kind == "str")
        self.f_ws._cells[key] = XCell(row, col, self.formula(f, ref), "f", fmt)

    def value(self, raw: str | None, kind: str, style: int, inline: Any) -> tuple[Any, str]:
        """A stored value as openpyxl (with ``xlsx_io``'s exact numbers) gives it."""
        if raw is None:
            if kind == "inlineStr" and inline is not None:
                return _text_of(inline), "s"
            return None, kind
        if kind == "n":
            value = self.kinds.number(raw)
            if style in self.kinds.dates:
                try:
                    return self.kinds.date(value, self.kinds.epoch, timedelta=style in self.kinds.durations), "d"
                except (OverflowError, ValueError):
                    return "#VALUE!", "e"
            return value, kind
        if kind == "s":
            return self.strings[int(raw)], kind
        if kind == "b":
            return bool(int(raw)), kind
        if kind == "str":
            return raw, "s"
        if kind == "d":
            return from_ISO8601(raw), kind
        return raw, kind

    def formula(self, el: Any, ref: str | None) -> Any:
        """A formula's text as openpyxl gives it: ``=`` and the text; shared ones translated
        from their first cell; array and data-table formulas as openpyxl's objects."""
        kind = el.get("t")
        text = "=" + (el.text or "")
        if kind == "array":
            return ArrayFormula(ref=el.get("ref"), text=text)
        if kind == "shared":
            index = el.get("si")
            if index in self.shared:
                translator, length = self.shared[index]
                self.spread(length, ref)
                return translator.translate_formula(ref)
            if text != "=":
                self.shared[index] = (Translator(text, ref), len(text))
            return text
        if kind == "dataTable":
            return DataTableFormula(**dict(el.attrib))
        return text

    def beyond(self, row: int, col: int, ref: str | None) -> None:
        """A cell past Excel's last row or column: the sheet is refused where it says so."""
        where = Source(self.sizes.file)
        if row > EXCEL_ROWS:
            raise InputError(where, "XLSX_TOO_MANY_ROWS", {"member": self.member, "rows": Decimal(row)})
        text = ref or f"{get_column_letter(min(col, 18_278))}{row}"  # ZZZ: the last column letters can name
        raise InputError(where, "XLSX_BAD_REFERENCE", {"member": self.member, "text": text})

    def spread(self, length: int, ref: str | None) -> None:
        """Count a shared formula's copy before it is made: a master of 8.000 characters shared
        by 20.000 cells of 40 bytes each is 160 million characters made from 1 MB of XML."""
        sizes = self.sizes
        sizes.shared += length
        if sizes.shared > sizes.shared_allowed:
            raise InputError(
                sizes.at(self.f_ws.title, ref or ""),
                "XLSX_SHARED_FORMULA_TOO_LARGE",
                {"sheet": self.f_ws.title, "cell": ref or "", "limit": Decimal(sizes.shared_allowed)},
            )

    def merge(self, refs: Iterable[str]) -> None:
        """Merged ranges: all but the top-left cell emptied, that one made, as openpyxl does.
        A range larger than any a table merges is cut to the cells the sheet holds: what it
        declares past them covers nothing (``A1:XFD1048576`` in a 3 KB workbook declared 17
        billion cells to make). What the ranges then cover is counted before any cell is made:
        past ``MERGED_CELLS`` for the workbook (one range over 27 million cells the sheet does
        reach, or thousands of ranges over the same 100.000), it is refused."""
        ranges = []
        cells = self.v_ws._cells
        last_row = max((r for r, _c in cells), default=1)
        last_col = max((c for _r, c in cells), default=1)
        sizes = self.sizes
        for ref in refs:
            cr = CellRange(ref)
            area = (cr.max_row - cr.min_row + 1) * (cr.max_col - cr.min_col + 1)
            if area > _MERGE_CELLS and (cr.max_row > last_row or cr.max_col > last_col):
                rows, cols = min(cr.max_row, max(last_row, cr.min_row)), min(cr.max_col, max(last_col, cr.min_col))
                cr = CellRange(min_row=cr.min_row, min_col=cr.min_col, max_row=rows, max_col=cols)
                area = (cr.max_row - cr.min_row + 1) * (cr.max_col - cr.min_col + 1)
            sizes.merged += area
            if sizes.merged > MERGED_CELLS:
                covered, limit = Decimal(sizes.merged), Decimal(MERGED_CELLS)
                args = {"sheet": self.f_ws.title, "range": ref, "cells": covered, "limit": limit}
                raise InputError(sizes.at(self.f_ws.title, cr.coord), "XLSX_MERGES_TOO_LARGE", args)
            ranges.append(cr)
        for cr in ranges:
            top_left = (cr.min_row, cr.min_col)
            if top_left not in self.v_ws._cells:  # openpyxl creates it, empty
                self.f_ws._cells[top_left] = self.v_ws._cells[top_left] = XCell(*top_left, None)
            first = True
            for r in range(cr.min_row, cr.max_row + 1):
                for c in range(cr.min_col, cr.max_col + 1):
                    if first:
                        first = False
                        continue
                    self.f_ws._cells[(r, c)] = self.v_ws._cells[(r, c)] = XCell(r, c, None)
        self.f_ws.merged_cells = MultiCellRange(ranges)
        self.v_ws.merged_cells = MultiCellRange(ranges)
        self.v_ws.row_dimensions = self.f_ws.row_dimensions
