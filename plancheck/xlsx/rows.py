"""One worksheet row's XML as one string, for XlsxWriter's constant-memory mode.

XlsxWriter writes a streamed row cell by cell (``Worksheet._write_single_row`` →
``_write_row`` and ``_write_cell``), building attribute lists and calling its XML writer for
each; on a large budget that was about half of the time. ``row_xml`` gives the same bytes
for the cells this tool writes (numbers, inline strings, formulas with their stored values,
formatted blanks) and the row options it sets (a height), using XlsxWriter's own escaping;
for anything else it returns ``None`` and the caller lets XlsxWriter write the row.
``tests/test_xlsx_rows.py`` holds both writers to identical sheet XML.
"""

from __future__ import annotations

import re
from typing import Any

from xlsxwriter.utility import xl_col_to_name
from xlsxwriter.worksheet import CellBlankTuple, CellFormulaTuple, CellNumberTuple, CellStringTuple
from xlsxwriter.xmlwriter import XMLwriter

_ERROR_CODES = ("#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!")  # as in ``_write_cell``
_escape_control = XMLwriter._escape_control_characters  # XlsxWriter's own, for identical output
# What ``_escape_control_characters`` changes: a string without any of these is returned as it is.
_CONTROL = re.compile(r"_x[0-9a-fA-F]{4}_|[\x00-\x08\x0b-\x1f\ufffe\uffff]")
_COLUMNS: list[str] = []


def _column(col: int) -> str:
    while len(_COLUMNS) <= col:
        _COLUMNS.append(xl_col_to_name(len(_COLUMNS)))
    return _COLUMNS[col]


def _escape(data: str) -> str:
    """``XMLwriter._escape_data`` for text (``&``, ``<``, ``>``; quotes stay), without its regex."""
    if "&" in data:
        data = data.replace("&", "&amp;")
    if "<" in data:
        data = data.replace("<", "&lt;")
    if ">" in data:
        data = data.replace(">", "&gt;")
    return data


def _row_start(ws: Any, row: int) -> str | None:
    """``_write_row``'s ``<row ...>`` tag (no spans in constant memory); ``None`` for a row
    format, hidden or outlined row (not written by this tool: left to XlsxWriter)."""
    info = ws.row_info.get(row)
    height = None
    if info is not None:
        if info.row_format is not None or info.hidden or info.level or info.collapsed:
            return None
        height = info.height
    if height is None:
        height = ws.default_row_height
    original = ws.original_row_height
    tag = f'<row r="{row + 1}"'
    if height != original or height != ws.default_row_height:
        tag += f' ht="{height * 0.75:.16g}" customHeight="1"'
    if ws.excel_version == 2010:
        tag += ' x14ac:dyDescent="0.25"'
    return tag + ">"


def row_xml(ws: Any, row: int, cells: dict[int, Any]) -> str | None:
    """The ``<row>...</row>`` XlsxWriter would write for ``cells`` (column → stored cell) of
    ``row`` in constant-memory mode, or ``None`` when a cell or the row is of a kind not
    handled here."""
    start = _row_start(ws, row)
    if start is None:
        return None
    number = str(row + 1)
    low, high = ws.dim_colmin, ws.dim_colmax
    col_info = ws.col_info
    out = [start]
    add = out.append
    for col in sorted(cells):
        if not low <= col <= high:
            continue
        cell = cells[col]
        kind = type(cell)
        ref = _column(col) + number
        fmt = cell.format
        if fmt:
            style = f' s="{fmt._get_xf_index()}"'
        else:  # no row format here (``_row_start`` refused it): the column's, if any
            info = col_info.get(col)
            column_format = None if info is None else info.column_format
            style = "" if column_format is None else f' s="{column_format._get_xf_index()}"'
        if kind is CellNumberTuple:
            add(f'<c r="{ref}"{style}><v>{cell.number:.16G}</v></c>')
        elif kind is CellStringTuple:
            string = cell.string
            if type(string) is not str:
                return None
            if _CONTROL.search(string):
                string = _escape_control(string)
            if string.startswith("<r>") and string.endswith("</r>"):
                return None  # written raw as a rich string by XlsxWriter
            # ``_preserve_whitespace``: ``^\s`` or ``\s$`` (``$`` also before a final newline, itself a space)
            space = ' xml:space="preserve"' if string[:1].isspace() or string[-1:].isspace() else ""
            add(f'<c r="{ref}"{style} t="inlineStr"><is><t{space}>{_escape(string)}</t></is></c>')
        elif kind is CellFormulaTuple:
            value = cell.value
            typed = ""
            if isinstance(value, bool):
                return None
            if isinstance(value, str):
                if value == "":
                    pass
                elif value in _ERROR_CODES:
                    typed = ' t="e"'
                else:
                    typed = ' t="str"'
                value = _escape(value)
            formula = cell.formula
            if not isinstance(formula, str):
                return None
            add(f'<c r="{ref}"{style}{typed}><f>{_escape(formula)}</f><v>{value}</v></c>')
        elif kind is CellBlankTuple:
            add(f'<c r="{ref}"{style}/>')
        else:
            return None
    add("</row>")
    return "".join(out)
