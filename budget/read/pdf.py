"""PDF with a text layer → numbered lines with their places, for the text pipeline. Reading only.

Lines come in reading order page by page, as pdfplumber groups characters into lines;
a paragraph that the PDF wrapped onto several lines stays several lines, and the text
pipeline joins them as it joins wrapped lines of plain text. Every line's ``Source`` has
``line`` = its running number in the document and ``cell`` = ``trang 7, dòng 12`` (the
line's number on its page), which is what findings print. Where the page leaves a
paragraph's space there is an empty line, as in plain text. A bare page number alone on
the first or last line of a page is left out: it is no part of the plan. Ruled tables
become pipe-table lines ``| a | b | c |`` (``trang 3, bảng 2, dòng 5``), as Word tables
do, for the table reader; the text lines of a page do not count them.

A PDF without any character (a scan) is refused with a message saying so: there is no
OCR here. So are a PDF that needs a password, one without pages, and what is not a PDF.
"""

from __future__ import annotations

import re
from functools import partial
from pathlib import Path
from typing import Any

from budget.findings import InputError
from budget.read.pdf_wrap import Line, Word, merge_wrapped
from budget.read.text import RawLine, read_bytes
from budget.source import Source
from budget.text import clean_mapped

_PAGE_NUMBER = re.compile(r"^\s*(?:[-–—]\s*)?(?:[Tt]rang\s+)?[0-9]{1,4}(?:\s*/\s*[0-9]{1,4})?(?:\s*[-–—])?\s*$")


def read_pdf(path: Path, name: str | None = None) -> list[RawLine]:
    """The text lines of a PDF; ``InputError`` when it has none or cannot be read."""
    shown = name or str(path)
    where = Source(shown)
    data = read_bytes(path, shown)  # missing, a folder, unreadable: the messages of text files
    if not data.strip():
        raise InputError(where, "INPUT_EMPTY")
    del data
    import pdfplumber  # only now: pdfminer costs a few tenths of a second to import

    try:
        pdf = pdfplumber.open(path)
    except Exception as e:
        raise _refusal(e, where) from None
    with pdf:
        try:
            pages = pdf.pages
        except Exception as e:
            raise _refusal(e, where) from None
        if not pages:
            raise InputError(where, "PDF_NO_PAGES")
        try:
            lines = list(_lines(pages, shown))
        except InputError:
            raise
        except Exception as e:
            raise _refusal(e, where) from None
        if not lines:
            raise InputError(where, "PDF_NO_TEXT", {"pages": len(pages)})
    return lines


def _lines(pages: list[Any], file: str) -> list[RawLine]:
    """Pages' lines, with an empty line where the PDF leaves a paragraph's space (as plain
    text has a blank line there) and around tables; none at all when no page has a character."""
    number = 0
    tables_seen = 0
    out: list[RawLine] = []
    seen_chars = False
    for page_no, page in enumerate(pages, 1):
        try:
            if not page.chars:
                continue
            seen_chars = True
            tables = _tables(page)
            text_page = page.filter(partial(_outside_tables, tables)) if tables else page
            found = text_page.extract_text_lines(layout=False, strip=True, return_chars=False)
            # page coordinates in points (where a line stands), never an amount: float is pdfplumber's own
            lines = [(str(f["text"]), float(f["top"]), float(f["bottom"])) for f in found if str(f["text"]).strip()]
            lines = _unwrapped(text_page, lines)
            breaks = _paragraph_breaks(lines)
            entries: list[tuple[float, str | None, str]] = []  # (top, place, text); no place: a blank line
            for line_no, (text, top, _) in enumerate(lines, 1):
                if line_no - 1 in breaks:
                    entries.append((top - 0.01, None, ""))
                if (line_no == 1 or line_no == len(lines)) and len(lines) > 1 and _PAGE_NUMBER.match(text):
                    continue  # a bare page number at the top or bottom is no part of the plan
                entries.append((top, f"trang {page_no}, dòng {line_no}", text))
            for bbox, rows in tables:
                tables_seen += 1
                entries.append((bbox[1] - 0.01, None, ""))
                for row_no, (top, cells) in enumerate(rows, 1):
                    row = "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"
                    entries.append((top, f"trang {page_no}, bảng {tables_seen}, dòng {row_no}", row))
                entries.append((rows[-1][0] + 0.01, None, ""))  # before any line below the table
            for _, place, text in sorted(entries, key=lambda e: e[0]):
                if place is None:
                    if out and out[-1].text:
                        number += 1
                        out.append(RawLine(Source(file, number, None, None, "")))
                    continue
                number += 1
                cleaned, colmap = clean_mapped(text)
                out.append(RawLine(Source(file, number, None, place, cleaned, None, colmap)))
        finally:
            page.close()  # frees the page's parsed objects: a 300-page PDF stays small
    return out if seen_chars else []


_Box = tuple[float, float, float, float]


def _tables(page: Any) -> list[tuple[_Box, list[tuple[float, list[str]]]]]:
    """Ruled tables of the page: their box and each row's top and cells' text (a merged
    cell's text in its first position, the positions it covers empty). Only pages with
    drawn lines are searched: tables without rules read as text lines."""
    if not (page.rects or page.lines):
        return []
    out = []
    for table in page.find_tables():
        rows = []
        for row, cells in zip(table.rows, table.extract(), strict=False):
            texts = [cell_text(c or "") for c in cells]  # cell text: figures stay text here
            if any(texts):
                rows.append((float(row.bbox[1]), texts))  # a row's top on the page, for ordering
        if rows:
            x0, top, x1, bottom = table.bbox
            out.append(((float(x0), float(top), float(x1), float(bottom)), rows))
    return out


_PIECE = re.compile(r"[0-9.,]{1,40}")  # a line of a cell that holds a piece of a figure only
# the ways a figure is written: 1.500.000,5 (Vietnamese), 1,500,000.5 (English), 1500000
_CONVENTIONS = (
    re.compile(r"(?:[1-9][0-9]{0,2}(?:\.[0-9]{3}){0,8}|0)(?:,[0-9]{1,6})?"),
    re.compile(r"(?:[1-9][0-9]{0,2}(?:,[0-9]{3}){0,8}|0)(?:\.[0-9]{1,6})?"),
    re.compile(r"[1-9][0-9]{0,17}|0"),
)
WRAP_MARK = " ↵ "  # two figures a cell writes on two lines, neither a piece of the other: never one number


def cell_text(raw: str) -> str:
    """A table cell's text from its lines. A figure a narrow column wrapped (``1.000.00`` on one
    line, ``0`` on the next, or ``1.0`` / ``00.`` / ``000``) is rebuilt when the pieces make one
    well-formed figure and one of them is no figure alone, written that way; two lines that are each a whole figure
    (``1.500`` / ``2``) are kept apart by a mark that never reads as a number, so the cell is
    reported unread rather than guessed. Other lines are joined by a space."""
    lines = [" ".join(line.split()) for line in raw.split("\n")]
    out: list[str] = []
    run: list[str] = []  # consecutive lines that are pieces of figures
    for line in [*(line for line in lines if line), ""]:
        if _PIECE.fullmatch(line):
            run.append(line)
            continue
        if run:
            out.append(_figure(run))
            run = []
        if line:
            out.append(line)
    return " ".join(out)


def _figure(pieces: list[str]) -> str:
    """Lines of a cell that are pieces of figures: one figure when together they make one and,
    in every way of writing it they fit, some piece is no figure alone (``2.50`` in
    ``2.500.000``); else kept apart by ``WRAP_MARK``."""
    whole = "".join(pieces)
    ways = [c for c in _CONVENTIONS if c.fullmatch(whole)]
    if len(pieces) > 1 and ways and all(any(not c.fullmatch(p) for p in pieces) for c in ways):
        return whole
    return WRAP_MARK.join(pieces)


def _outside_tables(tables: list[tuple[_Box, Any]], obj: dict[str, Any]) -> bool:
    """Keeps every object but the characters of the tables (read as rows instead)."""
    if obj.get("object_type") != "char":
        return True
    x = (obj["x0"] + obj["x1"]) / 2
    y = (obj["top"] + obj["bottom"]) / 2
    return not any(x0 <= x <= x1 and top <= y <= bottom for (x0, top, x1, bottom), _ in tables)


def _unwrapped(page: Any, lines: list[tuple[str, float, float]]) -> list[tuple[str, float, float]]:
    """The page's lines with the rows of unruled tables whose narrow columns wrapped their cells
    rebuilt (``pdf_wrap``): a continuation line joins its row (the row reaches down to its bottom)."""
    if len(lines) < 2:
        return lines
    words: list[list[Word]] = [[] for _ in lines]
    for w in page.extract_words():
        middle = (float(w["top"]) + float(w["bottom"])) / 2
        at = next((i for i, (_, top, bottom) in enumerate(lines) if top <= middle <= bottom), None)
        if at is not None:
            words[at].append(Word(str(w["text"]), float(w["x0"]), float(w["x1"])))
    for ws in words:
        ws.sort(key=lambda w: w.x0)
    rows = [Line(t, top, bottom, tuple(ws)) for (t, top, bottom), ws in zip(lines, words, strict=True)]
    return [(text, lines[a][1], lines[b][2]) for a, b, text in merge_wrapped(rows, cell_text)]


def _paragraph_breaks(lines: list[tuple[str, float, float]]) -> set[int]:
    """Indexes of the lines that follow a space wider than the page's line spacing (its
    narrower spaces) by more than half a line: the space a paragraph leaves, or an empty
    paragraph. Pages whose spacing is all alike get none, and are read line by line."""
    if len(lines) < 3:
        return set()
    gaps = [lines[i][1] - lines[i - 1][2] for i in range(1, len(lines))]
    heights = sorted(bottom - top for _, top, bottom in lines)
    usual = sorted(gaps)[len(gaps) // 4]
    height = heights[len(heights) // 2]
    return {i for i, gap in enumerate(gaps, 1) if gap > usual + 0.5 * height}


def _refusal(e: BaseException, where: Source) -> InputError:
    """pdfminer's exceptions (wrapped by pdfplumber) as one clear message each."""
    inner = e
    while type(inner).__name__ == "PdfminerException" and inner.args and isinstance(inner.args[0], BaseException):
        inner = inner.args[0]
    kind = type(inner).__name__
    if kind in ("PDFPasswordIncorrect", "PDFEncryptionError", "PDFEncryptionWarning") or "encrypt" in kind.lower():
        return InputError(where, "PDF_ENCRYPTED")
    if isinstance(inner, OSError) and not isinstance(inner, FileNotFoundError):
        return InputError(where, "INPUT_UNREADABLE", {"reason": inner.strerror or str(inner)})
    return InputError(where, "PDF_BROKEN", {"kind": kind})
