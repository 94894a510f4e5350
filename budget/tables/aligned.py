"""Tables whose columns are set by spaces (and rows as PDF converters leave them): the header
lines, the rows under them (a row wrapped onto several lines joined), cells cut at runs of
spaces and at single spaces between numbers and text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from budget.read.text import RawLine
from budget.tables.cells import (
    BIG_NUMBER,
    CHUNK,
    GLUED,
    PRODUCT,
    TOTAL_LABEL,
    UNIT_WORDS,
    is_marker,
    is_pipe,
    kind,
    label_text,
    line_cell,
    lines_above,
    numeric_count,
    units_line,
)
from budget.tables.columns import NUMERIC_ROLES, header_roles, roles_in
from budget.tables.records import Cell, TableBlock, TableRow
from budget.text import fold

_TOKEN = re.compile(r"\S+")


def _text_cells(rl: RawLine) -> tuple[Cell, ...]:
    """A text row's cells: runs separated by two or more spaces, each cut further at single
    spaces into row number, label, numbers (with the unit words that follow them) and text."""
    text = rl.text
    out: list[Cell] = []
    for chunk in CHUNK.finditer(text):
        toks = list(_TOKEN.finditer(text, chunk.start(), chunk.end()))
        k = 0
        first = True

        def add(a: int, b: int) -> None:
            nonlocal first
            out.append(Cell(text[a:b], rl.source.at(a + 1), split=not first))
            first = False

        if (
            len(toks) > 1
            and is_marker(toks[0].group())
            and (toks[1].group()[0].isalpha() or toks[1].group()[0] in '(“"')
        ):
            add(toks[0].start(), toks[0].end())
            k = 1
        run_start = -1
        while k < len(toks):
            t = toks[k].group()
            starts_number = t[0].isdigit() or (t[0] in "-–" and t[1:2].isdigit()) or GLUED.match(t) is not None
            if not starts_number:
                if run_start < 0:
                    run_start = toks[k].start()
                # a bracket the label opens and closes a few words on holds its own numbers
                # (``Nước uống (120 người x 3 ngày)``): a note of the label, no cells of the row
                k = _bracket_end(toks, k) if "(" in t else k + 1
                continue
            if run_start >= 0:
                add(run_start, toks[k - 1].end())
                run_start = -1
            end = toks[k].end()
            j = k + 1
            while j < len(toks):
                nxt = toks[j].group()
                prev = text[toks[j - 1].start() : toks[j - 1].end()]
                grouped = re.fullmatch(r"0[0-9]{2}", nxt) is not None or (
                    prev.endswith(".") and re.fullmatch(r"[0-9]{3}\S*", nxt) is not None
                )
                unit = fold(nxt).strip(".,;:") in UNIT_WORDS or nxt == "%"
                if not (grouped or unit) or GLUED.match(nxt):
                    break
                end = toks[j].end()
                j += 1
            add(toks[k].start(), end)
            k = j
        if run_start >= 0:
            add(run_start, toks[-1].end())
    return tuple(out)


_BRACKET_WORDS = 12  # tokens a label's bracket may hold


def _bracket_end(toks: Sequence[re.Match[str]], k: int) -> int:
    """The index after the token that closes the brackets ``toks[k]`` opens, when they close
    within a few tokens; else ``k + 1`` (an unclosed bracket keeps nothing)."""
    depth = 0
    for j in range(k, min(len(toks), k + _BRACKET_WORDS)):
        t = toks[j].group()
        depth += t.count("(") - t.count(")")
        if depth <= 0:
            return j + 1
    return k + 1


_LISTED = re.compile(r"^(?:[0-9]{1,3}|[IVXL]{1,6}|(?:Điều|Chương)\s+[0-9IVXL]{1,4})\s?[.):]\s")


_YEAR = re.compile(r"(?:19|20)[0-9]{2}")


def _header_like(text: str) -> bool:
    """A line that may be (part of) a header: short, no amounts, no sentence, no arithmetic."""
    t = text.strip()
    if not t or len(t) > (220 if "  " in t else 110):
        return False
    if "=" in t or BIG_NUMBER.search(t) or PRODUCT.search(t) or is_pipe(t):
        return False
    if _LISTED.match(t) or "cong hoa xa hoi" in fold(t):
        return False  # ``III. Dự toán chi`` is a row, ``Điều 1.`` an article; the national motto is no header
    found = roles_in(t)
    if not found and len(t) > 20 and not units_line(t):
        return False  # a header line names a column, is a piece of a wrapped one, or gives units
    if any(re.match(r"\s*:?\s*[0-9]", t[m.end :]) for m in found):
        return False  # ``Số tháng 9 tháng / năm``: a factor given once, above the table
    return not t.endswith((".", ";", ","))


def _is_data(cells: Sequence[Cell]) -> bool:
    """A row with two numbers or more, not all of them years, none of them the day or month
    of a date (``ngày 23 tháng 11 năm 2025`` in a sentence is no row of figures)."""
    numbers = [
        c.text
        for i, c in enumerate(cells)
        if kind(c.text) in ("num", "frac") and not (i and _DATE_WORD.search(fold(cells[i - 1].text)))
    ]
    if len(cells) >= 3 and is_marker(cells[0].text) and kind(cells[0].text) != "num" and len(numbers) == 1:
        # ``I    Chi hoạt động    60.000.000``: a group's number, its label and its one figure
        return kind(cells[-1].text) == "num" and not _YEAR.fullmatch(cells[-1].text.strip())
    return len(numbers) >= 2 and not all(_YEAR.fullmatch(t.strip()) for t in numbers)


_DATE_WORD = re.compile(r"\b(?:ngay|thang|nam)\s*$")


def _names_columns(text: str) -> bool:
    """Header words enough for a table: three roles or more, a money one among them."""
    roles = header_roles(text)
    named = set(roles) - {"note", "unit", "number"}
    return bool({"amount", "total"} & named) and len(named) >= 2 and len(roles) >= 3


def text_header_at(lines: Sequence[RawLine], i: int) -> int:
    """Lines ``i..i+k-1`` form a text header followed by data rows: k, else 0."""
    n = len(lines)
    text = ""
    for k in range(1, 9):
        j = i + k - 1
        if j >= n or not _header_like(lines[j].text):
            return 0
        text += " " + lines[j].text
        if not _names_columns(text):
            continue
        # a data row within the next four lines (group rows such as ``I. Số học sinh`` between)
        for d in range(i + k, min(n, i + k + 4)):
            if not lines[d].text.strip():
                break
            if _is_data(_text_cells(lines[d])):
                while i + k < n and units_line(lines[i + k].text):
                    k += 1  # ``(người)   (nghìn đồng)   (đồng)`` under the header
                return k
        return 0
    return 0


def _stop_line(text: str) -> bool:
    """A line that ends a text table: blank, arithmetic written out, a row of dots, prose."""
    t = text.strip()
    if not t or ("=" in t and PRODUCT.search(t)) or is_pipe(t):
        return True
    if not any(ch.isalnum() for ch in t):
        return True
    return len(t) > 160 and "  " not in t


# ``(Đơn vị tính: đồng)`` in a title: the unit of the table's figures, no column of it
_UNIT_NOTE = re.compile(r"\(?\s{0,3}(?:đơn vị tính|đvt)\s{0,3}:[^()\n]{0,40}\)?", re.IGNORECASE)


def text_block(lines: Sequence[RawLine], i: int, k: int, floor: int) -> tuple[TableBlock | None, int]:
    n = len(lines)
    # a title above the header (``BẢNG DỰ TRÙ KINH PHÍ``) names no column the lines below do not
    while k > 1:
        own = {m.role for m in roles_in(_UNIT_NOTE.sub(" ", lines[i].text))}
        rest = " ".join(rl.text for rl in lines[i + 1 : i + k])
        if own and not (own <= {m.role for m in roles_in(rest)} and _names_columns(rest)):
            break
        i += 1
        k -= 1
    start = i
    rows: list[TableRow] = []

    def header_rows(a: int, b: int) -> None:
        for rl in lines[a:b]:
            line = rl.source.line or 0
            rows.append(
                TableRow(
                    (line_cell(rl),),
                    line,
                    line,
                    header=True,
                )
            )

    header_rows(i, i + k)
    expected = _expected_numbers(lines[i : i + k])
    j = i + k
    last_data = len(rows)
    quiet = 0
    next_number: int | None = None
    while j < n:
        rl = lines[j]
        if _stop_line(rl.text):
            break
        again = text_header_at(lines, j)
        if again:
            header_rows(j, j + again)
            expected = _expected_numbers(lines[j : j + again])
            j += again
            quiet = 0
            continue
        cells = _text_cells(rl)
        line = rl.source.line or 0
        lead = cells[0].text if cells else ""
        is_total = TOTAL_LABEL.match(label_text(cells)) is not None
        starts = is_marker(lead) and lead.rstrip(".").isdigit()
        prev = rows[-1]
        prev_lead = prev.cells[0].text if prev.cells else ""
        if (
            not prev.header
            and next_number is not None
            and not is_total
            and is_marker(prev_lead)
            and prev_lead.rstrip(".").isdigit()
            and 0 < numeric_count(prev.cells) < expected
            and not (starts and int(lead.rstrip(".")) == next_number)
            and not (cells and is_marker(lead) and not lead.rstrip(".").isdigit())
        ):
            # a row spread over several lines (a cell wrapped by a PDF converter)
            rows[-1] = TableRow(prev.cells + cells, prev.first, line)
            if numeric_count(cells):
                last_data = len(rows)
            j += 1
            continue
        if not prev.header and not is_total and _wrapped_on(prev, cells):
            # a numbered row whose label wraps (the next line goes on in lower case) and whose
            # figures stand alone on a line of their own under it
            rows[-1] = TableRow(prev.cells + cells, prev.first, line)
            if numeric_count(cells):
                last_data = len(rows)
            j += 1
            continue
        if starts:
            next_number = int(lead.rstrip(".")) + 1
        rows.append(TableRow(cells, line, line))
        if numeric_count(cells) >= 1 or is_total:
            last_data = len(rows)
            quiet = 0
        else:
            quiet += 1
            if quiet > 2:
                break
        j += 1
    rows = rows[:last_data]
    if not any(not r.header and numeric_count(r.cells) >= 1 for r in rows):
        return None, start + 1
    end_line = rows[-1].last
    end = next(x for x in range(start, n) if lines[x].source.line == end_line) + 1
    return TableBlock("text", rows[0].first, end_line, tuple(rows), lines_above(lines, start, floor)), end


def _wrapped_on(prev: TableRow, cells: Sequence[Cell]) -> bool:
    """Does a line go on with the row above it: a row under a row number that writes no figure
    yet, continued by a line of lower-case words (the rest of its label) or by a line of
    figures alone (its cells). A line with a row number of its own starts a row."""
    lead = prev.cells[0].text if prev.cells else ""
    if not cells or not is_marker(lead) or not lead.rstrip(".").isdigit():
        return False
    if any(BIG_NUMBER.search(c.text) for c in prev.cells[1:]) or is_marker(cells[0].text):
        return False
    first = cells[0].text.lstrip()
    if first[:1].isalpha():
        return first[0].islower()
    return all(kind(c.text) == "num" for c in cells) and any(BIG_NUMBER.search(c.text) for c in cells)


def _expected_numbers(header: Sequence[RawLine]) -> int:
    """How many numbers a full row under this header holds (for rows spread over lines)."""
    roles = header_roles(" ".join(rl.text for rl in header))
    return max(1, sum(1 for r in roles if r in NUMERIC_ROLES))
