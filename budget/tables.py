"""Budget tables in plan text → cost lines and sections: products implied by columns.

Most estimates that schools publish are tables (``STT | Nội dung | Số lượng | Đơn giá |
Thời gian | Thành tiền``, a ``Cộng`` row, ``Đơn vị tính: đồng`` above) flattened to text:
pipe rows, columns aligned by spaces, one cell per line, or cells separated by single
spaces as PDF converters leave them. ``find_tables`` finds the blocks and their cells;
``table_items`` reads a block with its header's column roles (``columns.txt``, data)
into the model: a row's product is a ``CostLine`` whose factors are its role cells, group
rows open ``Section``s, ``Cộng`` rows are their stated amounts, share rows (``Trích
40%``) are checked as shares of the total they split, and a cross table (categories as
columns, a count group and a money group as rows) gives the products of its cells and
its row and column sums. A product written in one cell with no ``=`` (``4,5% x 1.210.000
x 12 tháng``) is a cost line whose figure is the next cell, under an amount column; rows of
a one-cell-per-line table may stop short of the header (rows start at the next row number).
Counts (pupils, classes) a table states as totals are ``CountSum``s: plain numbers, never
money. Whatever the table does not tell is a finding at its cell, never a guess: a factor
missing, a range, cells glued together, an amount of a table with no total (unchecked).
"""

from __future__ import annotations

import itertools
import re
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import cache, lru_cache
from importlib.resources import files

from budget import messages
from budget.arith import evaluate_group
from budget.costline import _mask_notes, read_chain, read_number_at
from budget.evaluate import evaluate_line
from budget.findings import Finding, Severity
from budget.model import Amount, CostLine, CountSum, Item, Plan, Quantity, Section, Step
from budget.numbers import EXACT, NUMBER_TOKEN, D, NumberError, shift, total
from budget.read_text import RawLine
from budget.source import Source
from budget.text import fold
from budget.units import DONG, NGHIN, TRIEU, Money, catalogue, read_money

# --------------------------------------------------------------------------- records


@dataclass(frozen=True)
class Cell:
    """One cell of a table row: its text as written and where its first character stands."""

    text: str
    source: Source
    split: bool = False  # cut out of a run of text at a single space (a guess the reader may undo)


@dataclass(frozen=True)
class TableRow:
    cells: tuple[Cell, ...]
    first: int  # physical line numbers
    last: int
    header: bool = False


@dataclass(frozen=True)
class TableBlock:
    """A table found in the text: its physical lines, its rows, and the lines just above it."""

    shape: str  # "pipe" | "text" (columns by spaces) | "cells" (one cell per line)
    first: int
    last: int
    rows: tuple[TableRow, ...]
    above: tuple[RawLine, ...] = ()  # nearest first: title, ``Đơn vị tính``, factors given once


@dataclass(frozen=True)
class Tables:
    """What the tables of a document give the plan."""

    lines: list[RawLine]  # the document's lines with table lines emptied (numbering kept)
    items: list[Item]  # one Section per table
    found: int  # money amounts read in tables and checked
    # Amounts of tables that state no total, alone on their row (no product): nothing checks
    # them unless the text states a total of the tables; ``whole`` keeps them as items for that.
    unchecked: tuple[Amount, ...] = ()
    whole: tuple[Item, ...] = ()
    counts: tuple[CountSum, ...] = ()  # counts the tables state as sums, checked as plain numbers


# --------------------------------------------------------------------------- column roles (data)


@dataclass(frozen=True)
class _Spelling:
    role: str
    pattern: re.Pattern[str]  # over folded text
    size: int  # letters: the longest spelling wins
    unit: str


@cache
def _spellings() -> tuple[_Spelling, ...]:
    """The roles file, compiled once: each spelling matches folded text with any spacing."""
    out = []
    text = files("budget").joinpath("columns.txt").read_text(encoding="utf-8")
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        role, spelled = (p.strip() for p in line.split(";", 1))
        for item in spelled.split(","):
            s, _, unit = item.strip().partition("=")
            word = s.strip().endswith("~")
            letters = [c for c in fold(s.strip().rstrip("~")) if not c.isspace()]
            body = r"\s*".join(re.escape(c) for c in letters)
            if word:
                body = r"(?<![a-z0-9])" + body + r"(?![a-z0-9])"
            out.append(_Spelling(role, re.compile(body), len(letters), unit.strip()))
    return tuple(out)


@cache
def _any_role() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{s.pattern.pattern})" for s in _spellings()))


@dataclass(frozen=True)
class _Match:
    start: int
    end: int
    role: str
    unit: str


@lru_cache(maxsize=4096)
def _roles_in(text: str) -> tuple[_Match, ...]:
    """Role words in ``text``, longest first where they overlap, in reading order (cached: the
    header finders ask about the same lines again and again)."""
    folded = fold(text)
    if _any_role().search(folded) is None:
        return ()
    found = [
        (m.start(), m.end(), sp) for sp in _spellings() for m in sp.pattern.finditer(folded) if m.end() > m.start()
    ]
    found.sort(key=lambda f: (-f[2].size, f[0]))
    taken: list[tuple[int, int, _Spelling]] = []
    for f in found:
        if all(f[1] <= t[0] or f[0] >= t[1] for t in taken):
            taken.append(f)
    return tuple(_Match(a, b, sp.role, sp.unit) for a, b, sp in sorted(taken, key=lambda t: t[0]))


_FACTORS = ("quantity", "price", "duration", "rate")
_NUMERIC_ROLES = frozenset({*_FACTORS, "amount", "per_amount", "total", "category"})
_TIME_WORDS = {"thang", "nam", "ngay", "buoi", "nam hoc", "ky", "hoc ky", "gio", "tiet"}


@dataclass(frozen=True)
class Column:
    """A column of a table: its role, its title as written, and what the header says of its numbers."""

    role: str  # a role of columns.txt, "per_amount" (an amount per unit), "category", or "" (unknown)
    title: str
    source: Source
    money: Money | None = None  # the scale written in the header: ``Đơn giá (nghìn đồng)``
    period: str = ""  # ``/tháng`` or ``/năm`` in the header: "thang", "nam"
    unit: str = ""  # the unit of its numbers when the header says it (``Số tháng`` → tháng)


_PAREN = re.compile(r"\(([^()]*)\)")
_THOUSANDS = re.compile(r"^\s*1(?:[.,\s]?000)+\s*")


def _scale_in(text: str) -> Money | None:
    """A money scale written in a header: ``(nghìn đồng)``, ``(1.000 đ)``, ``triệu đồng``."""
    pieces = [m.group(1) for m in _PAREN.finditer(text)]
    pieces.append(text)
    for piece in pieces:
        for start in range(len(piece)):
            if start and piece[start - 1].isalnum():
                continue
            rest = piece[start:]
            m = _THOUSANDS.match(rest)
            zeros = 0
            if m is not None:
                zeros = 3 * sum(1 for _ in re.finditer("000", m.group()))
                rest = rest[m.end() :]
            money, span = read_money(rest)
            if money is not None and span:
                exponent = money.exponent + zeros
                return next((s for s in (DONG, NGHIN, TRIEU) if s.exponent == exponent), None)
    return None


def _period(text: str) -> str:
    """``thang`` or ``nam`` when the text says per month or per year (one of them only)."""
    folded = fold(text)
    found = set()
    for m in re.finditer(r"/\s*([a-z ]+)", folded):
        words = m.group(1).split()
        for w in words[:2]:
            if w in ("thang", "nam"):
                found.add(w)
                break
    return found.pop() if len(found) == 1 else ""


def _column(role: str, title: str, source: Source, unit: str = "") -> Column:
    """A column from its role word and its whole title (units and ``/HS`` read from the title)."""
    if role == "amount" and (m := re.search(r"/\s*([^\W\d_][^/()]*)", title)) is not None:
        if fold(m.group(1)).strip() not in _TIME_WORDS:
            role = "per_amount"  # ``Số tiền thu /HS``: the amount for one unit of the quantity
    if not unit and role == "duration":
        inner = " ".join(fold(m.group(1)) for m in _PAREN.finditer(title)).split()
        unit = next((w for w in inner if w in ("thang", "nam", "ngay", "buoi")), "")
    return Column(role, " ".join(title.split()), source, _scale_in(title), _period(title), unit)


def _cell_column(cell: Cell) -> Column:
    """The role of one header cell (pipe, aligned, one per line)."""
    text = cell.text.strip()
    found = _roles_in(text)
    if not found:
        return Column("", text, cell.source)
    best = max(found, key=lambda m: m.end - m.start)
    return _column(best.role, text, cell.source, best.unit)


def header_roles(text: str) -> list[str]:
    """The roles a header text names, in order (for tests and for detection)."""
    return [m.role for m in _roles_in(text)]


# --------------------------------------------------------------------------- cells


_MARKER = re.compile(r"(?:[0-9]{1,3}(?:\.[0-9]{1,2})*\.?|[IVXL]{1,6}\.?|[A-ZĐ]\.?|[a-zđ]\))")
_ROMAN = re.compile(r"(?:XL|X{0,3})(?:IX|IV|V?I{0,3})")
_GLUED = re.compile(r"[^\W\d_]{2,}[0-9]")
_RANGE_REST = re.compile(r"^(?:[-–]|đến|den|tới|toi)\s*[0-9]", re.IGNORECASE)
_FRACTION = re.compile(r"(?<![0-9/.,])([1-9])\s*/\s*([245])(?![0-9/.,])")
_TIMES = re.compile(r"(?:^|\s|\()[x×]\s*([0-9]+(?:,[0-9]+)?)\s*([^\W\d_]+)?")


_UNIT_WORDS = frozenset({" ".join(s.words) for s in catalogue().spellings if len(s.words) == 1} | {"hs", "chau", "tre"})


def kind(text: str) -> str:
    """What a cell holds: num, frac, range, glued, mixed (digits in text), text or empty."""
    t = text.strip()
    if not t:
        return "empty"
    lead = t.lstrip("-–").lstrip()
    m = NUMBER_TOKEN.match(lead)
    if m is not None:
        rest = lead[m.end() :].strip()
        if not rest or rest == "%":
            return "num"
        if _RANGE_REST.match(rest):
            return "range"
        if rest.startswith("/") and rest[1:].lstrip()[:1].isdigit():
            return "frac"
        if not any(ch.isdigit() for ch in rest):
            if rest[0] in "/(%" or read_money(rest)[0] is not None:
                return "num"
            words = rest.split()
            if len(words) <= 3 and (rest[0].islower() or fold(words[0]) in _UNIT_WORDS):
                return "num"
            return "text"
        return "mixed"
    if _GLUED.match(t):
        return "glued"
    if any(ch.isdigit() for ch in t) and re.search(r"[:]\s?[0-9]", t):
        return "mixed"
    return "text"


_NUMERIC_KINDS = frozenset({"num", "frac", "range", "glued", "mixed"})


def _is_marker(text: str) -> bool:
    t = text.strip()
    if not _MARKER.fullmatch(t):
        return False
    letters = t.rstrip(".")
    if letters and letters[0] in "IVXL" and letters.isalpha():
        return _ROMAN.fullmatch(letters) is not None
    return True


def _marker_style(text: str) -> str:
    t = text.strip().rstrip(".)")
    if t and t.isalpha() and t.isupper():
        return "roman" if _ROMAN.fullmatch(t) and t[0] in "IVXL" else "upper"
    if t and t.isalpha():
        return "letter"
    return "num"


# --------------------------------------------------------------------------- finding the blocks


def _is_pipe(text: str) -> bool:
    return text.count("|") >= 2 or (text.lstrip().startswith("|") and text.count("|") >= 1)


_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")


def _pipe_cells(rl: RawLine) -> tuple[Cell, ...]:
    text = rl.text
    bars = [i for i, ch in enumerate(text) if ch == "|"]
    bounds = [-1, *bars, len(text)]
    cells = []
    for a, b in itertools.pairwise(bounds):
        piece = text[a + 1 : b]
        lead = len(piece) - len(piece.lstrip())
        cells.append(Cell(piece.strip(), rl.source.at(a + 2 + lead if piece.strip() else a + 2)))
    if text.lstrip().startswith("|"):
        cells = cells[1:]
    if text.rstrip().endswith("|") and cells:
        cells = cells[:-1]
    return tuple(cells)


def _tab_cells(rl: RawLine) -> tuple[Cell, ...]:
    """A tab-separated row's cells, cut at the file's tabs only (a label keeps its spaces);
    a leading tab is an empty first cell."""
    text = rl.text
    bounds = [-1, *rl.tabs, len(text)]
    cells = []
    for a, b in itertools.pairwise(bounds):
        piece = text[a + 1 : b]
        lead = len(piece) - len(piece.lstrip())
        cells.append(Cell(piece.strip(), rl.source.at(a + 2 + lead if piece.strip() else a + 2)))
    return tuple(cells)


def _trimmed(cells: Sequence[Cell]) -> list[Cell]:
    out = list(cells)
    while out and not out[-1].text:
        out.pop()
    return out


_CHUNK = re.compile(r"\S+(?: \S+)*")
_TOKEN = re.compile(r"\S+")


def _text_cells(rl: RawLine) -> tuple[Cell, ...]:
    """A text row's cells: runs separated by two or more spaces, each cut further at single
    spaces into row number, label, numbers (with the unit words that follow them) and text."""
    text = rl.text
    out: list[Cell] = []
    for chunk in _CHUNK.finditer(text):
        toks = list(_TOKEN.finditer(text, chunk.start(), chunk.end()))
        k = 0
        first = True

        def add(a: int, b: int) -> None:
            nonlocal first
            out.append(Cell(text[a:b], rl.source.at(a + 1), split=not first))
            first = False

        if (
            len(toks) > 1
            and _is_marker(toks[0].group())
            and (toks[1].group()[0].isalpha() or toks[1].group()[0] in '(“"')
        ):
            add(toks[0].start(), toks[0].end())
            k = 1
        run_start = -1
        while k < len(toks):
            t = toks[k].group()
            starts_number = t[0].isdigit() or (t[0] in "-–" and t[1:2].isdigit()) or _GLUED.match(t) is not None
            if not starts_number:
                if run_start < 0:
                    run_start = toks[k].start()
                k += 1
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
                unit = fold(nxt).strip(".,;:") in _UNIT_WORDS or nxt == "%"
                if not (grouped or unit) or _GLUED.match(nxt):
                    break
                end = toks[j].end()
                j += 1
            add(toks[k].start(), end)
            k = j
        if run_start >= 0:
            add(run_start, toks[-1].end())
    return tuple(out)


def _numeric_count(cells: Iterable[Cell]) -> int:
    return sum(1 for c in cells if kind(c.text) in ("num", "frac"))


_BIG_NUMBER = re.compile(r"[0-9]+(?:[.,][0-9]{3})+|[0-9]{5,}")
_PRODUCT = re.compile(r"(?:(?<=\s)|(?<=[0-9%]))[x×X*](?=\s*[0-9(])")
_LISTED = re.compile(r"^(?:[0-9]{1,3}|[IVXL]{1,6})\s?[.)]\s")
_YEAR = re.compile(r"(?:19|20)[0-9]{2}")
_TOTAL_LABEL = re.compile(r"^\s*(?:cộng|tổng)(?![^\W\d_])", re.IGNORECASE)


def _header_like(text: str) -> bool:
    """A line that may be (part of) a header: short, no amounts, no sentence, no arithmetic."""
    t = text.strip()
    if not t or len(t) > (220 if "  " in t else 110):
        return False
    if "=" in t or _BIG_NUMBER.search(t) or _PRODUCT.search(t) or _is_pipe(t):
        return False
    if _LISTED.match(t) or "cong hoa xa hoi" in fold(t):
        return False  # ``III. Dự toán chi`` is a row; the national motto is no header
    found = _roles_in(t)
    if not found and len(t) > 20 and not _units_line(t):
        return False  # a header line names a column, is a piece of a wrapped one, or gives units
    if any(re.match(r"\s*:?\s*[0-9]", t[m.end :]) for m in found):
        return False  # ``Số tháng 9 tháng / năm``: a factor given once, above the table
    return not t.endswith((".", ";", ","))


def _is_header_cells(cells: Sequence[Cell]) -> bool:
    """A row of cells that names columns: two or more roles, a money role, no numbers."""
    texts = [c.text for c in cells if c.text]
    if len(texts) < 2 or any(kind(t) in ("num", "frac", "range") for t in texts):
        return False
    if any(_TOTAL_LABEL.match(t) for t in texts[:1]) and len(texts) <= 2:
        return False
    roles = [_cell_column(c).role for c in cells if c.text]
    named = [r for r in roles if r]
    money = any(r in ("amount", "per_amount", "total") for r in roles)
    return money and len(set(named) - {"note", "unit", "number"}) >= 2


def _is_count_header(cells: Sequence[Cell]) -> bool:
    """A row naming the columns of a table of counts (``STT | Khối | Số lớp | Số học sinh``): a
    count role, row numbers or labels, no money, no numbers."""
    texts = [c.text for c in cells if c.text]
    if len(texts) < 3 or any(kind(t) in ("num", "frac", "range") for t in texts):
        return False
    roles = {_cell_column(c).role for c in cells if c.text}
    return "quantity" in roles and bool({"number", "label"} & roles) and not ({"amount", "per_amount", "total"} & roles)


def _sub_header(cells: Sequence[Cell]) -> bool:
    """The second row of a two-row header: only role words and units in brackets."""
    texts = [c.text for c in cells if c.text]
    if not texts or any(kind(t) != "text" for t in texts):
        return False
    for t in texts:
        if _cell_column(Cell(t, Source(""))).role:
            continue
        if t.startswith("(") or _scale_in(t) is not None:
            continue
        return False
    return True


def _is_data(cells: Sequence[Cell]) -> bool:
    """A row with two numbers or more, not all of them years."""
    numbers = [c.text for c in cells if kind(c.text) in ("num", "frac")]
    return len(numbers) >= 2 and not all(_YEAR.fullmatch(t.strip()) for t in numbers)


def _names_columns(text: str) -> bool:
    """Header words enough for a table: three roles or more, a money one among them."""
    roles = [m.role for m in _roles_in(text)]
    named = set(roles) - {"note", "unit", "number"}
    return bool({"amount", "total"} & named) and len(named) >= 2 and len(roles) >= 3


def _text_header_at(lines: Sequence[RawLine], i: int) -> int:
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
                while i + k < n and _units_line(lines[i + k].text):
                    k += 1  # ``(người)   (nghìn đồng)   (đồng)`` under the header
                return k
        return 0
    return 0


def _units_line(text: str) -> bool:
    chunks = [m.group() for m in _CHUNK.finditer(text)]
    return bool(chunks) and all(c.startswith("(") and c.endswith(")") for c in chunks)


_MAX_HEADER_CELLS = 12  # more column names in a row is a list of words, not a header (and bounds the walk)


def _cells_header_at(lines: Sequence[RawLine], i: int) -> int:
    """Lines ``i..`` are a header of one cell per line: the number of cells, else 0."""
    n = len(lines)
    roles = []
    j = i
    while j < n and lines[j].text.strip() and len(lines[j].text.strip()) <= 40:
        found = _roles_in(lines[j].text)
        if len(found) != 1 or _BIG_NUMBER.search(lines[j].text):
            break
        roles.append(found[0].role)
        if len(roles) > _MAX_HEADER_CELLS:
            return 0
        j += 1
    count = len(roles)
    if count < 3 or not ({"amount", "total"} & set(roles)) or not ({*_FACTORS, "label"} & set(roles)):
        return 0
    return count


def _stop_line(text: str) -> bool:
    """A line that ends a text table: blank, arithmetic written out, a row of dots, prose."""
    t = text.strip()
    if not t or ("=" in t and _PRODUCT.search(t)) or _is_pipe(t):
        return True
    if not any(ch.isalnum() for ch in t):
        return True
    return len(t) > 160 and "  " not in t


def _cells_fit(cells: Sequence[Cell], columns: Sequence[Column]) -> bool:
    """Do the lines of one row of a one-cell-per-line table fit the columns' roles?"""
    numbers = 0
    for cell, col in zip(cells, columns, strict=True):
        k = kind(cell.text)
        if col.role in _NUMERIC_ROLES:
            if k not in ("empty", *_NUMERIC_KINDS):
                return False
            numbers += k in ("num", "frac")
        elif col.role == "number":
            if k not in ("empty", "num") and not _is_marker(cell.text):
                return False
        elif col.role == "label" and k == "num" and not _is_marker(cell.text):
            return False
    return numbers >= 1


def find_tables(lines: Sequence[RawLine]) -> list[TableBlock]:
    """Every table block of the text, in order.

    Most lines of a plan are prose or written-out products; a cheap test on each line
    (blank, too long for a header, an ``=``) skips them before any role word is looked for.
    """
    blocks: list[TableBlock] = []
    texts = [rl.source.text for rl in lines]
    n = len(lines)
    i = 0
    last_end = 0
    while i < n:
        text = texts[i]
        if len(lines[i].tabs) >= 2:
            # tab-separated rows: cells cut at the tabs, read like a pipe table
            j = i
            while j < n and lines[j].tabs:
                j += 1
            block = _pipe_block(lines, i, j, last_end, _tab_cells)
            if block is not None:
                blocks.append(block)
                last_end = j
                i = j
                continue
        if "|" in text and _is_pipe(text):
            j = i
            while j < n and "|" in texts[j] and _is_pipe(texts[j]):
                j += 1
            block = _pipe_block(lines, i, j, last_end)
            if block is not None:
                blocks.append(block)
                last_end = j
            i = j
            continue
        if not text or len(text) > 220 or "=" in text or _any_role().search(fold(text)) is None:
            i += 1
            continue
        count = _cells_header_at(lines, i)
        fixed, fixed_end = _cells_block(lines, i, count, last_end) if count else (None, i + 1)
        head = _spaced_header_at(lines, i)
        if head is not None:
            # rows of different lengths, or cells a blank line apart: rows cut at the row numbers
            block, end = _marker_block(lines, i, head, last_end)
            if block is not None and (fixed is None or block.last > fixed.last):
                fixed, fixed_end = block, end
        if fixed is not None:
            blocks.append(fixed)
            last_end = i = fixed_end
            continue
        k = _text_header_at(lines, i)
        if k:
            block, end = _text_block(lines, i, k, last_end)
            if block is not None:
                blocks.append(block)
                last_end = i = end
                continue
        i += 1
    return blocks


def _above(lines: Sequence[RawLine], start: int, floor: int) -> tuple[RawLine, ...]:
    """Up to six non-empty lines above index ``start`` (nearest first), not below ``floor``."""
    out: list[RawLine] = []
    j = start - 1
    while j >= floor and len(out) < 6:
        if lines[j].text.strip():
            out.append(lines[j])
        elif out:
            break
        j -= 1
    return tuple(out)


def _pipe_block(
    lines: Sequence[RawLine], i: int, j: int, floor: int, split: Callable[[RawLine], tuple[Cell, ...]] = _pipe_cells
) -> TableBlock | None:
    rows = []
    for rl in lines[i:j]:
        if _RULE.match(rl.text):
            continue
        cells = split(rl)
        line = rl.source.line or 0
        rows.append(TableRow(cells, line, line))
    is_header = _is_header_cells
    first_header = next((k for k, r in enumerate(rows) if _is_header_cells(r.cells)), None)
    if first_header is None:
        # a table of counts only: read when a total row states what they add up to
        is_header = _is_count_header
        first_header = next((k for k, r in enumerate(rows) if _is_count_header(r.cells)), None)
        if first_header is None or not any(_is_total_row(r) for r in rows[first_header + 1 :]):
            return None
    start = first_header
    while start > 0 and _numeric_count(rows[start - 1].cells) == 0 and start > first_header - 2:
        start -= 1
    marked = []
    previous_header = False
    for r in rows[start:]:
        header = is_header(r.cells) or (previous_header and _sub_header(r.cells))
        marked.append(replace(r, header=header))
        previous_header = header
    first = marked[0].first
    index = next(k for k in range(i, j) if lines[k].source.line == first)
    return TableBlock("pipe", first, marked[-1].last, tuple(marked), _above(lines, index, floor))


def _cells_block(lines: Sequence[RawLine], i: int, count: int, floor: int) -> tuple[TableBlock | None, int]:
    n = len(lines)
    head = [
        Cell(rl.text.strip(), rl.source.at(len(rl.text) - len(rl.text.lstrip()) + 1)) for rl in lines[i : i + count]
    ]
    columns = [_cell_column(c) for c in head]
    rows = [TableRow(tuple(head), head[0].source.line or 0, head[-1].source.line or 0, header=True)]
    j = i + count
    while j + count <= n:
        group = lines[j : j + count]
        if not group[0].text.strip() and not group[1].text.strip():
            break
        cells = tuple(
            Cell(rl.text.strip(), rl.source.at(len(rl.text) - len(rl.text.lstrip()) + 1 if rl.text.strip() else 1))
            for rl in group
        )
        if not _cells_fit(cells, columns):
            break
        rows.append(TableRow(cells, group[0].source.line or 0, group[-1].source.line or 0))
        j += count
    if len(rows) < 2:
        return None, i + 1
    return TableBlock("cells", rows[0].first, rows[-1].last, tuple(rows), _above(lines, i, floor)), j


@dataclass(frozen=True)
class _CellHeader:
    """A header of one cell per line: its cells, the blank lines between two cells, where it ends."""

    cells: tuple[Cell, ...]
    gap: int  # 0: cells on consecutive lines; 1: one blank line between two cells
    end: int  # index of the line after its last cell


def _line_cell(rl: RawLine) -> Cell:
    text = rl.text
    lead = len(text) - len(text.lstrip())
    return Cell(text.strip(), rl.source.at(lead + 1))


def _spaced_header_at(lines: Sequence[RawLine], i: int) -> _CellHeader | None:
    """Lines ``i..`` are a header of one cell per line whose first column numbers the rows
    (``STT``), cells maybe one blank line apart (an HTML table flattened to text), a cell
    wrapped onto a second line when that line is a unit in brackets (``(Đồng)``)."""
    n = len(lines)
    gap = 1 if i + 2 < n and not lines[i + 1].text.strip() and lines[i + 2].text.strip() else 0
    cells: list[Cell] = []
    roles: list[str] = []
    j = i
    while j < n:
        text = lines[j].text.strip()
        if not text or len(text) > 40 or _BIG_NUMBER.search(text):
            break
        if cells and _units_line(text):
            cells[-1] = _join([cells[-1], _line_cell(lines[j])])
        else:
            found = _roles_in(text)
            if len(found) != 1:
                break
            cells.append(_line_cell(lines[j]))
            roles.append(found[0].role)
            if len(cells) > _MAX_HEADER_CELLS:
                return None
        j += 1
        if gap:
            if j + 1 >= n or lines[j].text.strip() or not lines[j + 1].text.strip():
                break
            j += 1
    if len(cells) < 3 or roles[0] != "number" or not ({"amount", "total"} & set(roles)):
        return None
    if not ({*_FACTORS, "label"} & set(roles)):
        return None
    end = min(j, n)
    while end > i and not lines[end - 1].text.strip():
        end -= 1
    return _CellHeader(tuple(cells), gap, end)


def _cell_stream(lines: Sequence[RawLine], start: int, gap: int, width: int) -> Iterator[tuple[int, Cell]]:
    """The cells after a header, with the index of their line: each written line, and an empty
    cell for each blank line beyond the gap (``gap`` + 1 of them per empty cell). A run of
    blank lines holding more empty cells than a row can (the table's end) stops it. Lazy: the
    reader stops where the table does, never reading the rest of the document."""
    n = len(lines)
    j = start
    started = False
    while j < n:
        blank = j
        while j < n and not lines[j].text.strip():
            j += 1
        run = j - blank
        empty = run if gap == 0 else max(0, (run - 1) // 2)
        if started and empty > width - 2:
            return
        if started:
            for _ in range(empty):
                yield blank, Cell("", lines[blank].source.at(1))
        if j >= n:
            return
        started = True
        yield j, _line_cell(lines[j])
        j += 1


class _Lookahead:
    """An iterator of cells that can tell the next written cell without consuming it."""

    def __init__(self, cells: Iterator[tuple[int, Cell]]):
        self.cells = cells
        self.held: deque[tuple[int, Cell]] = deque()

    def __iter__(self) -> Iterator[tuple[int, Cell]]:
        return self

    def __next__(self) -> tuple[int, Cell]:
        return self.held.popleft() if self.held else next(self.cells)

    def next_written(self) -> str:
        for _at, cell in self.held:
            if cell.text:
                return cell.text
        for item in self.cells:
            self.held.append(item)
            if item[1].text:
                return item[1].text
        return ""


_LETTERS = ("abcdđeghiklmnopqrstuvxy", "abcdefghijklmnopqrstuvwxyz")  # Vietnamese order, then English
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50}


def _roman_value(text: str) -> int:
    values = [_ROMAN_VALUES[c] for c in text]
    return sum(-v if b > v else v for v, b in zip(values, [*values[1:], 0], strict=True))


def _marker_style_key(text: str) -> str:
    """The sequence a row number belongs to: roman, upper, letter, or numbers with as many parts."""
    style = _marker_style(text)
    if style == "num":
        return f"num{len([p for p in text.strip().rstrip('.)').split('.') if p])}"
    return style


def _follows(text: str, last: dict[str, str]) -> bool:
    """Is ``text`` the first number of its sequence (``1``, ``I``, ``A``, ``2.1``) or the next one?"""
    t = text.strip().rstrip(".)")
    style = _marker_style_key(text)
    before = last.get(style, "").strip().rstrip(".)")
    if style == "roman":
        return _roman_value(t) in (1, (_roman_value(before) if before else 0) + 1)
    if style in ("upper", "letter"):
        c, p = t.lower(), before.lower()
        return any(c in a and a.index(c) in (0, a.index(p) + 1 if p and p in a else 0) for a in _LETTERS)
    parts = [int(x) for x in t.split(".") if x]
    if parts[-1] == 1:
        return True
    prev = [int(x) for x in before.split(".") if x]
    return bool(prev) and prev[:-1] == parts[:-1] and prev[-1] + 1 == parts[-1]


def _marker_block(lines: Sequence[RawLine], i: int, head: _CellHeader, floor: int) -> tuple[TableBlock | None, int]:
    """A one-cell-per-line table whose rows have different numbers of cells: a row starts at the
    next number of the ``STT`` sequence (``A``, ``B``, ``1``, ``2`` ...), so a row may stop short
    of the header (a group row, a row with no per-unit figure)."""
    width = len(head.cells)
    labelled = _cell_column(head.cells[1]).role == "label"  # ``STT | Nội dung | ...``
    stream = _Lookahead(_cell_stream(lines, head.end, head.gap, width))
    rows: list[list[tuple[int, Cell]]] = []
    last: dict[str, str] = {}
    for at, cell in stream:
        text = cell.text
        if text and _is_marker(text) and (not rows or _follows(text, last)):
            following = stream.next_written()
            full = bool(rows) and len(rows[-1]) >= width
            if not rows or full or (labelled and kind(following) == "text" and not _is_marker(following)):
                last[_marker_style_key(text)] = text
                rows.append([(at, cell)])
                continue
        if not rows:
            return None, i + 1
        if len(rows[-1]) < width:
            rows[-1].append((at, cell))
            continue
        if text:
            break
    while rows and len(rows[-1]) == 1:
        rows.pop()  # a row number alone (the next paragraph's) is no row
    body = [[c for _a, c in r] for r in rows]
    if len(body) < 2 or not any(_numeric_count(r[1:]) for r in body):
        return None, i + 1
    header = TableRow(head.cells, head.cells[0].source.line or 0, head.cells[-1].source.line or 0, header=True)
    out = [header]
    for r in rows:
        written = [lines[a].source.line or 0 for a, c in r if c.text]
        out.append(TableRow(tuple(c for _a, c in r), written[0], written[-1]))
    end = max(a for a, c in rows[-1] if c.text) + 1
    return TableBlock("cells", out[0].first, out[-1].last, tuple(out), _above(lines, i, floor)), end


def _text_block(lines: Sequence[RawLine], i: int, k: int, floor: int) -> tuple[TableBlock | None, int]:
    n = len(lines)
    # a title above the header (``BẢNG DỰ TRÙ KINH PHÍ``) names no column the lines below do not
    while k > 1:
        own = {m.role for m in _roles_in(lines[i].text)}
        rest = " ".join(rl.text for rl in lines[i + 1 : i + k])
        if own and not (own <= {m.role for m in _roles_in(rest)} and _names_columns(rest)):
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
                    (Cell(rl.text.strip(), rl.source.at(len(rl.text) - len(rl.text.lstrip()) + 1)),),
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
        again = _text_header_at(lines, j)
        if again:
            header_rows(j, j + again)
            expected = _expected_numbers(lines[j : j + again])
            j += again
            quiet = 0
            continue
        cells = _text_cells(rl)
        line = rl.source.line or 0
        lead = cells[0].text if cells else ""
        is_total = _TOTAL_LABEL.match(_label_text(cells)) is not None
        starts = _is_marker(lead) and lead.rstrip(".").isdigit()
        prev = rows[-1]
        prev_lead = prev.cells[0].text if prev.cells else ""
        if (
            not prev.header
            and next_number is not None
            and not is_total
            and _is_marker(prev_lead)
            and prev_lead.rstrip(".").isdigit()
            and 0 < _numeric_count(prev.cells) < expected
            and not (starts and int(lead.rstrip(".")) == next_number)
            and not (cells and _is_marker(lead) and not lead.rstrip(".").isdigit())
        ):
            # a row spread over several lines (a cell wrapped by a PDF converter)
            rows[-1] = TableRow(prev.cells + cells, prev.first, line)
            if _numeric_count(cells):
                last_data = len(rows)
            j += 1
            continue
        if starts:
            next_number = int(lead.rstrip(".")) + 1
        rows.append(TableRow(cells, line, line))
        if _numeric_count(cells) >= 1 or is_total:
            last_data = len(rows)
            quiet = 0
        else:
            quiet += 1
            if quiet > 2:
                break
        j += 1
    rows = rows[:last_data]
    if not any(not r.header and _numeric_count(r.cells) >= 1 for r in rows):
        return None, start + 1
    end_line = rows[-1].last
    end = next(x for x in range(start, n) if lines[x].source.line == end_line) + 1
    return TableBlock("text", rows[0].first, end_line, tuple(rows), _above(lines, start, floor)), end


def _expected_numbers(header: Sequence[RawLine]) -> int:
    """How many numbers a full row under this header holds (for rows spread over lines)."""
    roles = [m.role for m in _roles_in(" ".join(rl.text for rl in header))]
    return max(1, sum(1 for r in roles if r in _NUMERIC_ROLES))


def _label_text(cells: Sequence[Cell]) -> str:
    for c in cells:
        if kind(c.text) == "text" and not _is_marker(c.text):
            return c.text
    return ""


def table_line_numbers(lines: Sequence[RawLine]) -> set[int]:
    """Physical line numbers inside table blocks (for readers that must skip them, such as targets)."""
    out: set[int] = set()
    for b in find_tables(lines):
        out.update(range(b.first, b.last + 1))
    return out


# --------------------------------------------------------------------------- reading a block


@dataclass
class _Entry:
    """An item being built inside a group, with the row number it was written under."""

    number: str
    item: Item | _Group
    share: _Share | None = None


@dataclass
class _Share:
    """``Trích 40%`` of a total: built once the total it splits is known."""

    label: str
    source: Source
    rate: Quantity
    amount: Quantity


@dataclass
class _Group:
    number: str
    title: str
    source: Source
    style: str
    entries: list[_Entry] = field(default_factory=list)
    stated: Amount | None = None
    explicit: bool = True  # the amounts' scale was written (header, unit line or cell)
    alternatives: bool = False


@dataclass(frozen=True)
class _Context:
    """What the lines above a table say once for every row: the money unit and factors."""

    money: Money | None = None
    title: str = ""
    factors: tuple[tuple[str, Quantity], ...] = ()  # (role, quantity)

    def factor(self, role: str) -> Quantity | None:
        return next((q for r, q in self.factors if r == role), None)


_UNIT_LINE = re.compile(r"(?:don vi tinh|dvt|don vi)\s*:?\s*", re.IGNORECASE)
_COMMA_GROUPS = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+")
_EN_ONLY = re.compile(r"(?<![0-9.,])[0-9]{1,3}(?:,[0-9]{3}){2,}(?![0-9.,])")
_VN_ONLY = re.compile(r"(?<![0-9.,])[0-9]{1,3}(?:\.[0-9]{3}){2,}(?![0-9.,])")


def _context(above: Sequence[RawLine], english: bool) -> _Context:
    money: Money | None = None
    candidates: list[str] = []
    factors: list[tuple[str, Quantity]] = []
    for rl in above:
        text = rl.text
        folded = fold(text)
        m = _UNIT_LINE.search(folded)
        if m is not None and money is None:
            found = _scale_in(text[m.end() :])
            if found is not None:
                money = found
                continue
        roles = _roles_in(text) if len(text) <= 80 else []
        used = False
        for r in roles:
            if r.role not in ("quantity", "price", "duration"):
                continue
            after = text[r.end :]
            n = re.match(r"\s*:?\s*", after)
            pos = r.end + (n.end() if n else 0)
            num = NUMBER_TOKEN.match(text, pos)
            if num is None or any(role == r.role for role, _ in factors):
                continue
            q = _quantity(text[pos:], rl.source.at(pos + 1), r.role, None, english, [])
            if q is not None:
                factors.append((r.role, q))
                used = True
        if not used and len(text.split()) >= 2 and not _is_pipe(text):
            candidates.append(" ".join(text.split())[:200])
    # the title: the nearest line above without figures, else the nearest line
    title = next((t for t in candidates if not any(ch.isdigit() for ch in t)), candidates[0] if candidates else "")
    return _Context(money, title, tuple(factors))


def _read_value(token: str, where: Source, english: bool, findings: list[Finding]) -> Decimal | None:
    """A number of a table cell; ``90,000`` is 90.000 in a table written with English grouping."""
    t = token.strip()
    if english and _COMMA_GROUPS.fullmatch(t):
        return D(t.replace(",", ""))
    try:
        value, fs = read_number_at(t, where)
    except NumberError:
        return None
    findings.extend(fs)
    return value


def _quantity(
    text: str, where: Source, role: str, money: Money | None, english: bool, findings: list[Finding]
) -> Quantity | None:
    """The number at the start of a cell, as a factor or result of the given role."""
    t = text.strip()
    sign = ""
    if t[:1] in "-–":
        sign, t = "-", t[1:].lstrip()
    m = NUMBER_TOKEN.match(t)
    if m is None:
        return None
    value = _read_value(m.group(), where, english, findings)
    if value is None:
        return None
    if sign:
        value = -value
    rest = t[m.end() :].strip()
    percent = rest.startswith("%")
    own, _ = read_money(rest)
    if percent:
        return Quantity(value, "%", None, where, m.group(), True)
    if own is not None:
        money = own
    if role in ("price", "amount", "per_amount", "total", "category") and money is None:
        money = DONG
    if role not in ("price", "amount", "per_amount", "total", "category") and own is None:
        money = None
    unit_text = money.name if money is not None else ""
    return Quantity(value, unit_text, money, where, sign + m.group())


def _english(block: TableBlock) -> bool:
    """Does the block group thousands with commas (``46,980,000``) and never with dots?"""
    texts = [c.text for r in block.rows for c in r.cells]
    en = any(_EN_ONLY.search(t) for t in texts)
    vn = any(_VN_ONLY.search(t) for t in texts)
    return en and not vn


def _label_factors(label: str, source: Source, findings: list[Finding]) -> list[Quantity]:
    """Factors written in a row's label: ``(1/2)``, ``đóng 1/2``, ``x 2 buổi``."""
    out = []
    for m in _FRACTION.finditer(label):
        value = evaluate_group(f"{m.group(1)}/{m.group(2)}")
        if value is not None:
            out.append(Quantity(value, "", None, source.at((source.pos or 0) + m.start() + 1), m.group()))
    for m in _TIMES.finditer(label):
        value = _read_value(m.group(1), source, False, findings)
        if value is not None:
            at = source.at((source.pos or 0) + m.start(1) + 1)
            out.append(Quantity(value, m.group(2) or "", None, at, m.group(1)))
    return out


@dataclass
class _Row:
    """A data row placed on the columns: the cell of each role, its label and row number."""

    number: str
    label: Cell | None
    cells: dict[int, Cell]  # column index → cell
    loose: list[Cell]  # numbers that could not be placed on a column
    odd: list[Cell]  # cells that are no clean number where numbers stand (glued, ranges, text)


class _BlockReader:
    def __init__(self, block: TableBlock, findings: list[Finding], previous_total: Amount | None):
        self.block = block
        self.findings = findings
        self.english = _english(block)
        self.context = _context(block.above, self.english)
        self.last_total = previous_total
        self.found = 0
        self.counts: list[CountSum] = []  # counts the table states as sums (pupils, classes)
        self.spans: list[tuple[int, int]] | None = None  # columns of a space-aligned part

    # ---------------------------------------------------------------- parts

    def items(self) -> list[Item]:
        parts = self._parts()
        sections: list[Section] = []
        for title_rows, header, rows in parts:
            part = self._part(title_rows, header, rows)
            if part is not None:
                sections.append(part)
        if not sections:
            return []
        first = self.block.rows[0].cells[0].source if self.block.rows[0].cells else Source("")
        source = first._replace(col=None, pos=None)
        title = self.context.title or sections[0].title
        if len(sections) == 1:
            only = sections[0]
            return [replace(only, title=title or only.title, source=source, number="")]
        return [Section("", title, source, None, tuple(sections))]

    def _parts(self) -> list[tuple[list[TableRow], list[TableRow], list[TableRow]]]:
        """(title rows, header rows, rows) of each part: a header starts a part."""
        parts: list[tuple[list[TableRow], list[TableRow], list[TableRow]]] = []
        pending: list[TableRow] = []
        rows = self.block.rows
        k = 0
        while k < len(rows):
            if rows[k].header:
                header = []
                while k < len(rows) and rows[k].header:
                    header.append(rows[k])
                    k += 1
                # label-only rows just above the header title the part
                above = parts[-1][2] if parts else pending
                titles: list[TableRow] = []
                while above and _numeric_count(above[-1].cells) == 0 and not _is_total_row(above[-1]):
                    titles.insert(0, above.pop())
                pending = []
                parts.append((titles, header, []))
                continue
            if parts:
                parts[-1][2].append(rows[k])
            else:
                pending.append(rows[k])
            k += 1
        if parts and pending:
            parts[-1][2].extend(pending)
        return parts

    def _columns(self, header: list[TableRow], rows: list[TableRow]) -> list[Column]:
        self.spans = None
        if self.block.shape == "text":
            aligned = _aligned(header, rows)
            if aligned is not None:
                columns, self.spans = aligned
                return columns
            return _text_header_columns([c for r in header for c in r.cells])
        width = max(len(_trimmed(r.cells)) for r in header)
        first = list(header[0].cells[:width])
        while len(first) < width:
            first.append(Cell("", header[0].cells[-1].source))
        columns = [_cell_column(c) for c in first]
        for sub in header[1:]:
            merged = []
            for idx, col in enumerate(columns):
                below = sub.cells[idx] if idx < len(sub.cells) else None
                if below is None or not below.text:
                    merged.append(col)
                    continue
                lower = _cell_column(below)
                title = f"{col.title} {below.text}".strip()
                role = lower.role or col.role
                if not col.title and not lower.role:
                    role = next((c.role for c in reversed(columns[:idx]) if c.title), "")
                merged.append(_column(role, title, col.source if col.title else below.source, lower.unit or col.unit))
            columns = merged
        return columns

    def _part(self, title_rows: list[TableRow], header: list[TableRow], rows: list[TableRow]) -> Section | None:
        columns = self._columns(header, rows)
        title = next((_label_text(r.cells) or r.cells[0].text for r in title_rows if r.cells), "")
        number = ""
        if title_rows and title_rows[0].cells and _is_marker(title_rows[0].cells[0].text):
            number = title_rows[0].cells[0].text.strip().rstrip(".)")
            title = _label_text(title_rows[0].cells) or title
        if not title:
            title = " | ".join(c.title for c in columns if c.title)[:120]
        source = header[0].cells[0].source._replace(col=None, pos=None)
        roles = {c.role for c in columns}
        stated = None
        if "category" in roles or ("total" in roles and not ({*_FACTORS, "amount", "per_amount"} & roles)):
            items = _Matrix(self, columns, rows).items()
        else:
            items, stated = self._role_table(columns, rows, title, source)
        if not items and stated is None:
            return None
        return Section(number, title, source, stated, tuple(items))

    def count_sum(self, label: str, stated: Quantity, parts: Sequence[Quantity | Decimal]) -> None:
        """A count stated as the sum of ``parts``: recorded, and reported at its cell when it is not."""
        values = tuple(p.value if isinstance(p, Quantity) else p for p in parts)
        check = CountSum(stated.source, label, stated.value, values)
        self.counts.append(check)
        if not check.ok:
            args = {"label": label[:80], "stated": check.stated, "computed": check.computed}
            self.findings.append(
                Finding(
                    stated.source,
                    "COUNT_SUM_MISMATCH",
                    Severity.ERROR,
                    {**args, "difference": EXACT.subtract(check.stated, check.computed)},
                    expected=check.computed,
                    actual=check.stated,
                )
            )

    # ---------------------------------------------------------------- role tables

    def _money(self, col: Column | None) -> tuple[Money | None, bool]:
        """The money unit of a column and whether it was written (header or unit line)."""
        if col is not None and col.money is not None:
            return col.money, True
        if self.context.money is not None:
            return self.context.money, True
        return None, False

    def _role_table(
        self, columns: list[Column], rows: list[TableRow], title: str, source: Source
    ) -> tuple[list[Item], Amount | None]:
        part = _Group("", title, source, "part")
        stack = [part]
        ranks: list[str] = []
        amount_col = _last_index(columns, "amount")
        if amount_col is None:
            amount_col = _last_index(columns, "total")
        products: list[tuple[_Entry, dict[str, Quantity], Quantity, _Row]] = []
        counted: list[dict[int, Quantity]] = []  # the count cells of each data row, in order
        since = 0  # the rows after the last total row start here
        for row in rows:
            formula = None if _is_total_row(row) else self._formula_row(row, columns)
            if formula is not None:
                stack[-1].entries.append(_Entry(*formula))
                self.found += len(formula[1].steps)
                continue
            placed = self._place(row, columns)
            if placed is None:
                continue
            label = placed.label.text if placed.label is not None else ""
            amount_cell = placed.cells.get(amount_col) if amount_col is not None else None
            is_total = _TOTAL_LABEL.match(label) is not None or (not label and _is_total_row(row))
            numbers = [c for i, c in placed.cells.items() if columns[i].role in _NUMERIC_ROLES]
            if is_total:
                self._count_column_totals(label or _label_text(row.cells), placed, columns, counted, since)
                since = len(counted)
                self._total(stack, ranks, placed, amount_cell, columns, amount_col)
                continue
            counted.append(self._count_cells(placed, columns))
            if not numbers and not placed.odd and not placed.loose:
                if not label:
                    continue
                style = _marker_style(placed.number) if placed.number else "label"
                if style not in ranks:
                    ranks.append(style)
                while len(stack) > 1 and ranks.index(stack[-1].style) >= ranks.index(style):
                    stack.pop()
                src = placed.label.source if placed.label is not None else source
                group = _Group(placed.number, label, src, style)
                stack[-1].entries.append(_Entry(placed.number, group))
                stack.append(group)
                continue
            self._data_row(stack[-1], placed, columns, amount_cell, products)
        self._settle_scales(products)
        for group in reversed(stack):
            self._close(group)
        return [_build(e) for e in part.entries if _keep(e)], part.stated

    def _count_cells(self, row: _Row, columns: list[Column]) -> dict[int, Quantity]:
        """The row's figures in count columns (``Số lớp``, ``Số học sinh``)."""
        out = {}
        for i, cell in row.cells.items():
            if columns[i].role == "quantity":
                q = _quantity(cell.text, cell.source, "quantity", None, self.english, [])
                if q is not None and not q.percent:
                    out[i] = q
        return out

    def _count_column_totals(
        self, label: str, row: _Row, columns: list[Column], counted: list[dict[int, Quantity]], since: int
    ) -> None:
        """A total row writing a figure in a count column: the count of the rows it closes (those
        since the last total row, or all the rows above when that is what it adds up)."""
        for i, stated in self._count_cells(row, columns).items():
            recent = [r[i] for r in counted[since:] if i in r]
            every = [r[i] for r in counted if i in r]
            if not every:
                continue
            # the rows since the last total row, unless only all the rows above add up to it
            adds_up = total(q.value for q in recent) == stated.value
            parts = recent if recent and (adds_up or total(q.value for q in every) != stated.value) else every
            self.count_sum(f"{label} – {columns[i].title}", stated, parts)

    def _formula_row(self, row: TableRow, columns: list[Column]) -> tuple[str, CostLine] | None:
        """(row number, cost line) of a row that writes a product with no ``=`` in one cell and
        its figure in the next (``4,5% x 1.210.000 x 12 tháng x 70%`` | ``38.115``)."""
        cells: list[Cell] | None = None
        by_position = True
        if self.block.shape == "text":
            chunks = _chunks(row)
            if self.spans is not None and row.first == row.last:
                cells = _on_spans(chunks, self.spans)
            if cells is None:
                cells, by_position = chunks, False
        else:
            cells = list(row.cells)
        found = _formula_at(cells, columns, by_position)
        if found is None:
            return None
        i, j = found
        formula = cells[i]
        figure = cells[j] if j is not None else None
        text = formula.text if figure is None else f"{formula.text} = {figure.text}"
        masked, notes = _mask_notes(text)
        chain = read_chain(text, masked, notes, 0, len(text), _TwoCells(formula, figure))
        self.findings.extend(chain.findings)
        line = chain.line
        if line is None or (figure is not None and "=" not in formula.text and not _prices(line.steps[0].factors)):
            return None
        before = [c for c in cells[:i] if c.text]
        number = before[0].text.strip().rstrip(".)") if before and _is_marker(before[0].text) else ""
        labels = [c for c in before if kind(c.text) == "text" and not _is_marker(c.text)]
        column = columns[j] if by_position and j is not None else None
        if column is None:
            column = next((c for c in reversed(columns) if c.role == "amount"), None)
        money = self._money(column)
        steps = []
        for k, step in enumerate(line.steps):
            stated = step.stated
            if stated.money is None and not stated.percent and money[0] is not None:
                stated = replace(stated, money=money[0], unit_text=stated.unit_text or money[0].name)
            factors = _table_money(step.factors, self._money(None)) if k == 0 else step.factors
            steps.append(Step(factors, stated))
        label = " ".join(c.text for c in labels) or line.label
        source = labels[0].source if labels else line.source
        read = replace(line, source=source, label=label, steps=tuple(steps))
        if column is not None and column.period == "thang":
            self._per_month_column(read, column)
        return number, read

    def _per_month_column(self, line: CostLine, column: Column) -> None:
        """A figure under a per-month column (``Số tiền/tháng``) that a formula multiplying months
        does not give: the column says which of the two is the month's amount."""
        months = [q for q in line.factors if fold(q.unit_text).startswith("thang") and q.value > 1]
        if not months or evaluate_line(line).ok:
            return
        stated = line.stated
        args = {"stated": stated.value, "unit": stated.unit_text, "column": column.title, "months": months[0].value}
        self.findings.append(Finding(stated.source, "TABLE_COLUMN_PER_MONTH", Severity.INFO, args))

    def _place(self, row: TableRow, columns: list[Column]) -> _Row | None:
        """Put a row's cells on the columns: by position when the row has the header's shape,
        else in order (numbers on the numeric columns, the label before them)."""
        cells = list(row.cells)
        if self.spans is not None and row.first == row.last:
            by_span = _on_spans(_chunks(row), self.spans)
            if by_span is not None:
                placed = self._by_position(_trimmed(by_span), columns)
                if placed is not None:
                    return placed
        if self.block.shape in ("pipe", "cells"):
            trimmed = _trimmed(cells)
            if len(trimmed) <= len(columns) and trimmed:
                # cells stand where the file puts them: an empty amount cell is no amount
                # (the row is reported not checked), never the price moved into its place
                placed = self._by_position(trimmed, columns, empty_amount=len(cells) == len(columns))
                if placed is not None:
                    return placed
        return self._in_order([c for c in cells if c.text], columns)

    def _by_position(self, cells: list[Cell], columns: list[Column], empty_amount: bool = False) -> _Row | None:
        out: dict[int, Cell] = {}
        label: Cell | None = None
        number = ""
        odd: list[Cell] = []
        amount_col = _last_index(columns, "amount")
        for i, cell in enumerate(cells):
            if not cell.text:
                continue
            role = columns[i].role
            k = kind(cell.text)
            if role in _NUMERIC_ROLES:
                if k == "text":
                    return None
                if k in ("num", "frac"):
                    out[i] = cell
                else:
                    odd.append(cell)
            elif role == "number":
                if not (_is_marker(cell.text) or k == "num"):
                    return None
                number = cell.text.strip().rstrip(".)")
            elif role == "label":
                if k in ("num",) and not _is_marker(cell.text):
                    return None
                label = cell
            elif role in ("note", "unit", ""):
                continue
        if amount_col is not None and amount_col not in out and (out or odd) and not empty_amount:
            return None
        return _Row(number, label, out, [], odd)

    def _in_order(self, cells: list[Cell], columns: list[Column]) -> _Row | None:
        if not cells:
            return None
        number = ""
        k = 0
        if _is_marker(cells[0].text) and len(cells) > 1 and kind(cells[1].text) == "text":
            number = cells[0].text.strip().rstrip(".)")
            k = 1
        kinds = [kind(c.text) for c in cells]
        # the label: the text right before the first number that follows text
        label_at = None
        for i in range(k, len(cells)):
            if kinds[i] == "text":
                label_at = i
            elif label_at is not None and kinds[i] in _NUMERIC_KINDS:
                break
        if label_at is None:
            return None  # a row with no label (a lone number, a row number alone) says nothing
        else:
            label = cells[label_at]
            rest = cells[label_at + 1 :]
            # text cut into several cells at single spaces (a PDF row): the label is all of it
            start = label_at
            while start > k and kinds[start - 1] == "text" and cells[start].split:
                start -= 1
            if start < label_at:
                label = _join(cells[start : label_at + 1])
        numeric_cols = [i for i, c in enumerate(columns) if c.role in _NUMERIC_ROLES]
        # trailing text: notes
        while rest and kind(rest[-1].text) == "text":
            rest = rest[:-1]
        nums = [c for c in rest if kind(c.text) in ("num", "frac")]
        odd = [c for c in rest if kind(c.text) not in ("num", "frac")]
        # numbers glued to the label by a single space beyond the columns belong to the label
        while (
            len(nums) > len(numeric_cols)
            and nums
            and nums[0].split
            and label is not None
            and rest
            and rest[0] is nums[0]
        ):
            label = _join([label, nums[0]])
            rest = rest[1:]
            nums = nums[1:]
        if odd or len(nums) != len(numeric_cols):
            loose = nums
            return _Row(number, label, {}, loose, odd)
        return _Row(number, label, dict(zip(numeric_cols, nums, strict=True)), [], [])

    def _data_row(
        self,
        group: _Group,
        row: _Row,
        columns: list[Column],
        amount_cell: Cell | None,
        products: list[tuple[_Entry, dict[str, Quantity], Quantity, _Row]],
    ) -> None:
        label = row.label.text if row.label is not None else ""
        findings = self.findings
        if row.odd or row.loose:
            candidates = [c for c in [*row.loose] if kind(c.text) == "num"]
            target = amount_cell if amount_cell is not None else candidates[-1] if candidates else None
            for c in row.odd:
                if kind(c.text) == "glued":
                    findings.append(Finding(c.source, "TABLE_CELLS_GLUED", Severity.WARNING, {"text": c.text}))
            if target is None:
                return
            money, _ = self._money(None)
            q = _quantity(target.text, target.source, "amount", money, self.english, findings)
            if q is None:
                return
            if len(row.loose) == 1 and not row.odd:
                group.entries.append(_Entry(row.number, _lump(label, q)))
                self.found += 1
                return
            reason = "range" if any(kind(c.text) == "range" for c in row.odd) else "missing"
            if any(kind(c.text) in ("mixed", "glued") for c in row.odd):
                reason = "unclear"
            findings.append(
                Finding(
                    target.source,
                    "TABLE_ROW_NOT_CHECKED",
                    Severity.WARNING,
                    {"label": label[:60], "value": q.value, "unit": q.unit_text},
                    message_key=f"TABLE_ROW_NOT_CHECKED.{reason}",
                )
            )
            group.entries.append(_Entry(row.number, _lump(label, q)))
            return
        if amount_cell is None:
            if row.cells:  # figures but an empty amount cell: nothing to check them against
                first = row.cells[min(row.cells)]
                findings.append(Finding(first.source, "TABLE_ROW_NO_AMOUNT", Severity.WARNING, {"label": label[:60]}))
            return
        amount_col = next(i for i, c in row.cells.items() if c is amount_cell)
        money, explicit = self._money(columns[amount_col])
        stated = _quantity(amount_cell.text, amount_cell.source, "amount", money, self.english, findings)
        if stated is None:
            return
        group.explicit = group.explicit and explicit
        factors: dict[str, Quantity] = {}
        per: Quantity | None = None
        for i, cell in row.cells.items():
            col = columns[i]
            if i == amount_col:
                continue
            if col.role == "per_amount":
                m, _ = self._money(col)
                per = _quantity(cell.text, cell.source, "per_amount", m or money, self.english, findings)
                continue
            if col.role not in _FACTORS or col.role in factors:
                continue
            m, _ = self._money(col) if col.role == "price" else (None, False)
            q = _quantity(cell.text, cell.source, col.role, m, self.english, findings)
            if q is not None:
                factors[col.role] = q
        wanted = [c.role for c in columns if c.role in _FACTORS]
        missing = [r for r in wanted if r not in factors]
        if not factors:
            group.entries.append(_Entry(row.number, _lump(label, stated)))
            self.found += 1
            return
        if missing:
            findings.append(
                Finding(
                    stated.source,
                    "TABLE_ROW_NOT_CHECKED",
                    Severity.WARNING,
                    {"label": label[:60], "value": stated.value, "unit": stated.unit_text},
                    message_key="TABLE_ROW_NOT_CHECKED.missing",
                )
            )
            group.entries.append(_Entry(row.number, _lump(label, stated)))
            return
        if set(factors) == {"rate"} and factors["rate"].percent:
            share = _Share(label, row.label.source if row.label else stated.source, factors["rate"], stated)
            group.entries.append(_Entry(row.number, _lump(label, stated), share))
            self.found += 1
            return
        # a price per year is not multiplied by a number of months
        price = factors.get("price")
        duration = factors.get("duration")
        if price is not None and duration is not None:
            price_col = next(c for i, c in enumerate(columns) if c.role == "price" and i in row.cells)
            period = _period(row.cells[columns.index(price_col)].text) or price_col.period
            dur_col = next(c for c in columns if c.role == "duration")
            dur_unit = dur_col.unit or ("thang" if "thang" in fold(dur_col.title) else "")
            if period == "nam" and fold(dur_unit) == "thang":
                del factors["duration"]
                findings.append(
                    Finding(duration.source, "TABLE_DURATION_NOT_APPLIED", Severity.INFO, {"text": duration.text})
                )
        extra = _label_factors(label, row.label.source, findings) if row.label is not None else []
        line = _product(label, row, factors, extra, per, stated)
        entry = _Entry(row.number, line)
        group.entries.append(entry)
        self.found += len(line.steps)
        # a price whose unit neither the header nor its cell writes may be in nghìn đồng
        written = any(c.role == "price" and c.money is not None for c in columns)
        written = written or read_money(_cell_rest(row, columns, "price"))[0] is not None
        if price is not None and not written and price.money is not None:
            products.append((entry, factors, stated, row))

    def _settle_scales(self, products: list[tuple[_Entry, dict[str, Quantity], Quantity, _Row]]) -> None:
        """Prices written in nghìn đồng beside amounts in đồng: the scale the arithmetic implies.

        A row that agrees as written keeps its reading; a row that agrees only with the price
        in nghìn đồng is read so (an info finding says it once per table); a row that agrees
        with neither is read as most rows of the table are, and its mismatch is reported.
        """
        if not products:
            return
        as_written: list[bool] = []
        as_thousands: list[bool] = []
        scaled_lines: list[CostLine] = []
        for entry, _factors, _stated, _row in products:
            line = entry.item
            assert isinstance(line, CostLine)
            scaled = _rescale_price(line)
            scaled_lines.append(scaled)
            as_written.append(evaluate_line(line).ok)
            as_thousands.append(evaluate_line(scaled).ok)
        thousands = sum(t and not w for w, t in zip(as_written, as_thousands, strict=True))
        units = sum(w and not t for w, t in zip(as_written, as_thousands, strict=True))
        majority_thousands = thousands > units
        first: Quantity | None = None
        count = 0
        for (entry, _f, _s, _r), w, t, scaled in zip(products, as_written, as_thousands, scaled_lines, strict=True):
            if w:
                continue
            if t or majority_thousands:
                entry.item = scaled
                count += 1
                if first is None:
                    first = next(q for q in scaled.factors if q.money is not None)
        if first is not None:
            self.findings.append(
                Finding(first.source, "TABLE_SCALE_IMPLIED", Severity.INFO, {"count": count, "unit": NGHIN.name})
            )

    def _total(
        self,
        stack: list[_Group],
        ranks: list[str],
        row: _Row,
        amount_cell: Cell | None,
        columns: list[Column],
        amount_col: int | None,
    ) -> None:
        """A ``Cộng`` row: the stated amount of the group it closes (the formula ``(1+2+3)`` says which rows)."""
        label = row.label.text if row.label is not None else ""
        cell = amount_cell
        if cell is None and row.loose:
            cell = row.loose[-1]
        amount: Amount | None = None
        explicit = True
        if cell is not None:
            money, explicit = self._money(columns[amount_col] if amount_col is not None else None)
            q = _quantity(cell.text, cell.source, "amount", money, self.english, self.findings)
            if q is not None and q.money is not None:
                amount = Amount(q.value, q.money, q.source)
                self.found += 1
                self.last_total = amount
        formula = _formula(label)
        scope = stack[-1]
        if formula:
            chosen = [e for e in scope.entries if e.number in formula]
            if {e.number for e in chosen} == set(formula):
                src = row.label.source if row.label is not None else scope.source
                sub = _Group("", label, src, "formula", chosen, amount, explicit)
                at = scope.entries.index(chosen[0])
                scope.entries = [e for e in scope.entries if e not in chosen]
                scope.entries.insert(at, _Entry("", sub))
                self._close(sub)
                return
        if amount is None:
            return
        # the group this total closes: the innermost open one whose content it equals, else by its word
        candidates = list(reversed(stack))
        target = None
        for g in candidates:
            if _content_dong(g) == shift(amount.value, amount.money.exponent):
                target = g
                break
        if target is None:
            is_grand = fold(label).startswith(("tong cong", "tong so")) and len(stack[0].entries) > 1
            target = stack[0] if is_grand or len(stack) == 1 else stack[-1]
        if target.stated is not None:
            # the same total written twice agrees; two different totals of one table are reported
            if shift(target.stated.value, target.stated.money.exponent) != shift(amount.value, amount.money.exponent):
                self.findings.append(
                    Finding(
                        amount.source,
                        "TOTAL_STATED_TWICE",
                        Severity.ERROR,
                        {"first": target.stated.value, "second": amount.value, "unit": amount.money.name},
                        expected=target.stated.value,
                        actual=amount.value,
                        unit=amount.money.name,
                    )
                )
            return
        target.stated = amount
        target.explicit = target.explicit and explicit
        while stack[-1] is not target:
            self._close(stack.pop())
        if len(stack) > 1:
            self._close(stack.pop())

    def _close(self, group: _Group) -> None:
        """A group is complete: shares get their base, a mixed-scale column is settled."""
        shares = [e for e in group.entries if e.share is not None]
        if shares:
            self._shares(group, shares)
        if group.stated is not None and not group.explicit:
            _settle_mixed_scale(group, self.findings)

    def _shares(self, group: _Group, entries: list[_Entry]) -> None:
        base = group.stated or self.last_total
        percents = [e.share.rate.value for e in entries if e.share is not None]
        first = entries[0].share
        assert first is not None
        if total(percents) != 100 and len(percents) > 1:
            self.findings.append(
                Finding(first.rate.source, "TABLE_SHARES_NOT_100", Severity.WARNING, {"sum": total(percents)})
            )
        for e in entries:
            share = e.share
            assert share is not None
            if base is None:
                self.findings.append(
                    Finding(
                        share.amount.source,
                        "TABLE_ROW_NOT_CHECKED",
                        Severity.WARNING,
                        {"label": share.label[:60], "value": share.amount.value, "unit": share.amount.unit_text},
                        message_key="TABLE_ROW_NOT_CHECKED.share",
                    )
                )
                continue
            written = base.source.text
            pos = base.source.pos or 0
            token = NUMBER_TOKEN.match(written, pos)
            text = token.group() if token else ""
            base_q = Quantity(base.value, base.money.name, base.money, base.source, text)
            e.item = CostLine(share.source, share.label, (Step((base_q, share.rate), share.amount),))
            e.share = None


def _formula_at(cells: Sequence[Cell], columns: Sequence[Column], by_position: bool) -> tuple[int, int | None] | None:
    """(formula, figure): the first cell writing a product, and the next cell written when it is
    a number under an amount column (the row's last cell when the columns are not known). A
    product with no ``=`` needs that figure; one with its own ``=`` may stand alone."""
    for i, c in enumerate(cells):
        if _PRODUCT.search(c.text) is None:
            continue
        own = "=" in c.text
        j = next((k for k in range(i + 1, len(cells)) if cells[k].text), None)
        if j is None or kind(cells[j].text) != "num":
            return (i, None) if own else None
        if by_position and (j >= len(columns) or columns[j].role not in ("amount", "total")):
            return (i, None) if own else None
        if not by_position and any(c.text for c in cells[j + 1 :]):
            return (i, None) if own else None
        return i, j
    return None


def _prices(factors: tuple[Quantity, ...]) -> bool:
    """Does a product written with no ``=`` multiply money: a factor written with a money unit or a
    bare figure of a thousand or more? (``3 x 4 m`` in a label is a size, not a formula.)"""
    return any(q.money is not None or (not q.percent and not q.unit_text and q.value >= 1000) for q in factors)


def _table_money(factors: tuple[Quantity, ...], table: tuple[Money | None, bool]) -> tuple[Quantity, ...]:
    """A formula's factors with the table's money (``Đơn vị tính: Đồng``) given to its one figure
    that writes no unit, when no factor writes money: the unit line speaks of the table's figures."""
    money, written = table
    bare = [q for q in factors if q.money is None and not q.percent and not q.unit_text]
    if money is None or not written or len(bare) != 1 or any(q.money is not None for q in factors):
        return factors
    return tuple(replace(q, money=money, unit_text=money.name) if q is bare[0] else q for q in factors)


@dataclass(frozen=True)
class _TwoCells:
    """Columns of ``formula = figure`` (the text the cost-line parser reads) mapped back to the two cells."""

    formula: Cell
    figure: Cell | None

    def at(self, col: int | None) -> Source:
        if col is None:
            return self.formula.source.at(None)
        cut = len(self.formula.text) + 3
        if col <= cut or self.figure is None:
            return self.formula.source.at((self.formula.source.pos or 0) + col)
        return self.figure.source.at((self.figure.source.pos or 0) + col - cut)


def _chunks(row: TableRow) -> list[Cell]:
    """A text row's runs between two or more spaces, each one cell (the cuts at single spaces undone)."""
    out: list[Cell] = []
    for c in row.cells:
        if c.split and out and out[-1].source.line == c.source.line:
            out[-1] = _join([out[-1], c])
        else:
            out.append(c)
    return out


def _span(cell: Cell) -> tuple[int, int]:
    start = cell.source.pos or 0
    return start, start + len(cell.text)


def _aligned(header: list[TableRow], rows: list[TableRow]) -> tuple[list[Column], list[tuple[int, int]]] | None:
    """Columns of a table aligned by spaces, as ``pandas.read_fwf(colspecs="infer")`` sees them:
    the runs of character positions some row writes in, one run under each header cell."""
    if not header or not header[0].cells or not all(r.cells for r in header):
        return None
    lines = [r.cells[0].source for r in header]
    head = [Cell(m.group(), lines[0].at(m.start() + 1)) for m in _CHUNK.finditer(lines[0].text)]
    below = [Cell(m.group(), s.at(m.start() + 1)) for s in lines[1:] for m in _CHUNK.finditer(s.text)]
    if len(head) < 3:
        return None
    spans = [_span(c) for c in (*head, *below)]
    for r in rows:
        if r.first == r.last:
            spans.extend(_span(c) for c in _chunks(r))
    runs: list[list[int]] = []
    for a, b in sorted(spans):
        if runs and a <= runs[-1][1]:
            runs[-1][1] = max(runs[-1][1], b)
        else:
            runs.append([a, b])
    if len(runs) != len(head):
        return None
    for c, (a, b) in zip(head, runs, strict=True):
        start, end = _span(c)
        if not (a <= start and end <= b):
            return None
    columns = [_cell_column(c) for c in head]
    for c in below:  # a second header line: units, or the words of a merged cell's columns
        at = next(i for i, (a, b) in enumerate(runs) if a <= _span(c)[0] < b)
        upper = columns[at]
        lower = _cell_column(c)
        columns[at] = _column(
            lower.role or upper.role, f"{upper.title} {c.text}", upper.source, lower.unit or upper.unit
        )
    return columns, [(a, b) for a, b in runs]


def _on_spans(chunks: list[Cell], spans: list[tuple[int, int]]) -> list[Cell] | None:
    """The row's chunks in the columns they stand in (empty cells where it writes nothing)."""
    if not chunks:
        return None
    out = [Cell("", chunks[0].source.at(a + 1)) for a, _b in spans]
    for c in chunks:
        start, end = _span(c)
        at = next((i for i, (a, b) in enumerate(spans) if a <= start and end <= b), None)
        if at is None or out[at].text:
            return None
        out[at] = c
    return out


def _cell_rest(row: _Row, columns: list[Column], role: str) -> str:
    for i, c in row.cells.items():
        if columns[i].role == role:
            m = NUMBER_TOKEN.match(c.text.strip())
            return c.text.strip()[m.end() :] if m else ""
    return ""


def _join(cells: Sequence[Cell]) -> Cell:
    first = cells[0]
    last = cells[-1]
    text = first.source.text
    a = first.source.pos if first.source.pos is not None else 0
    b = (last.source.pos if last.source.pos is not None else 0) + len(last.text)
    if first.source.line == last.source.line and text[a:b].startswith(first.text):
        return Cell(text[a:b], first.source, first.split)
    return Cell(" ".join(c.text for c in cells), first.source, first.split)


def _last_index(columns: Sequence[Column], role: str) -> int | None:
    found = [i for i, c in enumerate(columns) if c.role == role]
    return found[-1] if found else None


def _formula(label: str) -> list[str]:
    """``Cộng (1+2+3)`` → ["1", "2", "3"]; ``Tổng (I+II)`` → ["I", "II"]."""
    m = re.search(r"\(\s*([0-9IVXA-Z]{1,4}(?:\s*\+\s*[0-9IVXA-Z]{1,4})+)\s*\)", label)
    if m is None:
        return []
    return [p.strip() for p in m.group(1).split("+")]


def _is_total_row(row: TableRow) -> bool:
    return _TOTAL_LABEL.match(_label_text(row.cells)) is not None


def _lump(label: str, q: Quantity) -> Section:
    money = q.money or DONG
    return Section("", label, q.source._replace(col=None, pos=None), Amount(q.value, money, q.source))


def _product(
    label: str, row: _Row, factors: dict[str, Quantity], extra: list[Quantity], per: Quantity | None, stated: Quantity
) -> CostLine:
    """The row's product: quantity × price × duration × rate (× what the label says) = amount;
    with an amount per unit stated (``Số tiền thu /HS``), two steps: the rest = per unit, × quantity = amount."""
    ordered = [factors[r] for r in _FACTORS if r in factors] + extra
    source = row.label.source if row.label is not None else ordered[0].source
    if per is not None and "quantity" in factors and len(ordered) > 1:
        quantity = factors["quantity"]
        first = tuple(q for q in ordered if q is not quantity)
        return CostLine(source, label, (Step(first, per), Step((quantity,), stated)))
    return CostLine(source, label, (Step(tuple(ordered), stated),))


def _rescale_price(line: CostLine) -> CostLine:
    """The line with its price read in nghìn đồng."""
    steps = []
    done = False
    for step in line.steps:
        factors = []
        for q in step.factors:
            if not done and q.money is not None and q.money.exponent == 0:
                q = replace(q, money=NGHIN, unit_text=NGHIN.name)
                done = True
            factors.append(q)
        steps.append(Step(tuple(factors), step.stated))
    return replace(line, steps=tuple(steps))


def _content_dong(group: _Group) -> Decimal | None:
    values = []
    for e in group.entries:
        item = e.item
        if isinstance(item, _Group):
            if item.stated is not None:
                values.append(shift(item.stated.value, item.stated.money.exponent))
            else:
                inner = _content_dong(item)
                if inner is not None:
                    values.append(inner)
        elif isinstance(item, CostLine):
            s = item.stated
            values.append(shift(s.value, s.exponent))
        elif item.stated is not None:
            values.append(shift(item.stated.value, item.stated.money.exponent))
    return total(values) if values else None


_MAX_MIXED = 12


def _settle_mixed_scale(group: _Group, findings: list[Finding]) -> None:
    """A column of amounts written partly in đồng, partly in nghìn đồng (``600`` beside ``9.88``).

    Tried only when no unit is written and a figure has decimals (no amount in đồng has):
    each figure may be đồng or nghìn đồng (a figure with decimals nghìn or triệu); when
    exactly one choice makes the total agree it is taken, and an info finding says so.
    """
    stated = group.stated
    assert stated is not None
    lumps = [
        e
        for e in group.entries
        if isinstance(e.item, Section) and not e.item.items and e.item.stated is not None and e.share is None
    ]
    if len(lumps) != len(group.entries) or not lumps or len(lumps) + 1 > _MAX_MIXED:
        return
    amounts = [e.item.stated for e in lumps if isinstance(e.item, Section) and e.item.stated is not None]
    every = [*amounts, stated]
    if all(a.value == a.value.to_integral_value() for a in every):
        return
    if total(shift(a.value, a.money.exponent) for a in amounts) == shift(stated.value, stated.money.exponent):
        return

    def options(a: Amount) -> tuple[Money, ...]:
        return (NGHIN, TRIEU) if a.value != a.value.to_integral_value() else (DONG, NGHIN)

    solutions = []
    for combo in itertools.product(*(options(a) for a in every)):
        parts = total(shift(a.value, m.exponent) for a, m in zip(amounts, combo[:-1], strict=True))
        if parts == shift(stated.value, combo[-1].exponent):
            solutions.append(combo)
            if len(solutions) > 1:
                return
    if len(solutions) != 1:
        return
    combo = solutions[0]
    for e, money in zip(lumps, combo[:-1], strict=True):
        assert isinstance(e.item, Section) and e.item.stated is not None
        e.item = replace(e.item, stated=replace(e.item.stated, money=money))
    group.stated = replace(stated, money=combo[-1])
    scaled = [a for a, m in zip(every, combo, strict=True) if m is not DONG]
    findings.append(
        Finding(
            stated.source,
            "TABLE_SCALE_MIXED",
            Severity.INFO,
            {"figures": ", ".join(_written(a.source) for a in scaled), "count": len(scaled)},
        )
    )


def _written(source: Source) -> str:
    """The number as written at ``source``."""
    m = NUMBER_TOKEN.match(source.text, source.pos or 0)
    return m.group() if m is not None else ""


def _keep(entry: _Entry) -> bool:
    item = entry.item
    if isinstance(item, _Group):
        return item.stated is not None or any(_keep(e) for e in item.entries)
    return True


def _build(entry: _Entry) -> Item:
    item = entry.item
    if isinstance(item, _Group):
        inner = tuple(_build(e) for e in item.entries if _keep(e))
        return Section(
            item.number, item.title, item.source._replace(col=None, pos=None), item.stated, inner, item.alternatives
        )
    return item


def _text_header_columns(cells: list[Cell]) -> list[Column]:
    """Columns of a text header (one or more lines): explicit cells when its one line is aligned
    by runs of spaces, else the role words in reading order, the words between two roles
    being the annotation of the first (``thu/ HS/tháng``) or column titles (``Khối NT Khối 3 tuổi``)."""
    text = ""
    marks: list[tuple[int, Cell]] = []
    for c in cells:
        if text:
            text += " "
        marks.append((len(text), c))
        text += c.text

    def where(pos: int) -> Source:
        at, cell = next((m for m in reversed(marks) if m[0] <= pos), marks[0])
        return cell.source.at((cell.source.pos or 0) + pos - at + 1)

    found = _roles_in(text)
    columns: list[Column] = []
    titles: list[list[int]] = []  # start and end of each column's title in ``text``
    prev_end = 0
    for m in found:
        gap = text[prev_end : m.start]
        stripped = gap.strip()
        if stripped and columns and stripped[0].isupper() and not stripped.startswith("("):
            columns.append(Column("category", stripped, where(prev_end + gap.index(stripped[0]))))
            titles.append([-1, -1])
        elif stripped and columns:
            titles[-1][1] = m.start
        elif stripped and not columns and fold(stripped).replace(" ", "").endswith("tt"):
            columns.append(Column("number", stripped, where(0)))
            titles.append([-1, -1])
        columns.append(Column(m.role, text[m.start : m.end], where(m.start), unit=m.unit))
        titles.append([m.start, m.end])
        prev_end = m.end
    if columns and text[prev_end:].strip():
        titles[-1][1] = len(text)
    out = []
    for col, (a, b) in zip(columns, titles, strict=True):
        if a < 0:
            out.append(col)
            continue
        out.append(_column(col.role, text[a:b], col.source, col.unit))
    return out


# --------------------------------------------------------------------------- cross tables


@dataclass
class _MatrixGroup:
    """A group of rows of a cross table: its title row (with the rate of each column, if it gives
    them), its money rows and its total row."""

    title: str
    cell: Cell | None
    number: str
    price: list[Quantity] | None
    rows: list[tuple[Cell, list[Quantity]]] = field(default_factory=list)
    totals: list[Quantity] | None = None


class _Matrix:
    """A cross table: categories as columns (``Khối NT | Khối 3 tuổi | ... | Tổng cộng``), groups of
    rows for counts (``I. Số học sinh``) and money (``II. Dự toán thu``, with its rate row). A money
    cell is the count of the row with the same label × the rate of its column × the months said
    above the table × what the label says (``đóng 1/2``); the total column adds each row, the
    total row each column."""

    def __init__(self, reader: _BlockReader, columns: list[Column], rows: list[TableRow]):
        self.reader = reader
        self.rows = rows
        self.has_total = any(c.role == "total" for c in columns)
        placed = [self._split(r) for r in rows]
        counts = Counter(len(v) for _label, _number, v, _r in placed if len(v) >= 2)
        self.width = counts.most_common(1)[0][0] if counts else 0
        self.placed = placed
        cats = [c for c in columns if c.role == "category"]
        self.names = _category_names(cats[0].title if cats else "", self.width - (1 if self.has_total else 0))

    @staticmethod
    def _split(row: TableRow) -> tuple[Cell | None, str, list[Cell], TableRow]:
        cells = [c for c in row.cells if c.text]
        number = ""
        if cells and _is_marker(cells[0].text) and len(cells) > 1 and kind(cells[1].text) == "text":
            number = cells[0].text
            cells = cells[1:]
        label: Cell | None = None
        values: list[Cell] = []
        for c in cells:
            k = kind(c.text)
            if k == "text" and not values:
                label = c if label is None else _join([label, c])
            elif k in ("num", "frac"):
                values.append(c)
            else:
                values.append(c)
        return label, number, values, row

    def items(self) -> list[Item]:
        if self.width < 2:
            return []
        r = self.reader
        counts: dict[str, list[Quantity]] = {}
        groups: list[_MatrixGroup] = []
        kind_of_group = ""
        full: list[tuple[str, list[Quantity]]] = []  # the count rows of the group, each column written
        short: list[tuple[str, list[Quantity]]] = []  # count rows writing fewer figures than columns
        for label, number, values, _row in self.placed:
            # numbers cut from the label at a single space beyond the columns are the label's (``đóng 1/2``)
            while len(values) > self.width and values[0].split and label is not None:
                label = _join([label, values[0]])
                values = values[1:]
            text = label.text if label is not None else ""
            roles = {m.role for m in _roles_in(text)}
            is_total = _TOTAL_LABEL.match(text) is not None
            if (number and _marker_style(number) in ("roman", "upper")) or (not values and not is_total):
                kind_of_group = "money" if "amount" in roles else "count" if "quantity" in roles else ""
                price = None
                if len(values) == self.width and "price" in roles and all(kind(v.text) == "num" for v in values):
                    price = self._numbers(values, "price")
                groups.append(_MatrixGroup(text, label, number.strip().rstrip("."), price))
                full, short = [], []
                continue
            numbers = bool(values) and all(kind(v.text) == "num" for v in values)
            if kind_of_group == "count" and numbers and groups and not is_total and len(values) < self.width:
                quantities = self._numbers(values, "quantity")
                if quantities is not None:
                    short.append((text, quantities))
                continue
            if len(values) != self.width or not numbers or not groups:
                continue
            if kind_of_group == "count":
                quantities = self._numbers(values, "quantity")
                if quantities is None:
                    continue
                if is_total:
                    self._count_totals(text, quantities, full, short)
                else:
                    counts[fold(text).strip()] = quantities
                    full.append((text, quantities))
                    if self.has_total:
                        self.reader.count_sum(f"{text} – {self._name(self.width - 1)}", quantities[-1], quantities[:-1])
                continue
            qs = self._numbers(values, "amount") if kind_of_group == "money" else None
            if qs is None:
                continue
            if is_total:
                groups[-1].totals = qs
                r.last_total = Amount(qs[-1].value, qs[-1].money or DONG, qs[-1].source)
            else:
                groups[-1].rows.append((label if label is not None else values[0], qs))
        return [self._group(g, counts) for g in groups if g.rows]

    def _count_totals(
        self,
        label: str,
        totals: list[Quantity],
        full: list[tuple[str, list[Quantity]]],
        short: list[tuple[str, list[Quantity]]],
    ) -> None:
        """The total row of a count group: each column against the rows above it.

        A row writing fewer figures than there are columns (``Học sinh miễn 1 1``) does not say
        which columns they stand in: with a total column its last figure is its total (when
        the others add up to it); its other figures are placed where most column totals agree,
        and a note says where."""
        ncat = self.width - (1 if self.has_total else 0)
        pieces: list[tuple[str, list[Decimal], Decimal, Source]] = []  # label, figures to place, row total, where
        for text, qs in short:
            own = self.has_total and len(qs) >= 2 and total(q.value for q in qs[:-1]) == qs[-1].value
            figures = [q.value for q in (qs[:-1] if own else qs)][:ncat]
            if own:
                self.reader.count_sum(f"{text} – {self._name(self.width - 1)}", qs[-1], qs[:-1])
            pieces.append((text, figures, qs[-1].value if own else total(figures), qs[0].source))
        placed = _place_counts(
            [t.value for t in totals[:ncat]],
            [total(q[c].value for _t, q in full) for c in range(ncat)],
            [f for _t, f, _o, _s in pieces],
        )
        for c in range(ncat):
            extra = [
                f
                for (_t, figures, _o, _s), cols in zip(pieces, placed.columns, strict=True)
                for f, at in zip(figures, cols, strict=True)
                if at == c
            ]
            self.reader.count_sum(f"{label} – {self._name(c)}", totals[c], [*(q[c] for _t, q in full), *extra])
        if self.has_total:
            self.reader.count_sum(
                f"{label} – {self._name(self.width - 1)}",
                totals[-1],
                [*(q[-1] for _t, q in full), *(own for _t, _f, own, _s in pieces)],
            )
        for (text, figures, _own, source), cols in zip(pieces, placed.columns, strict=True):
            if not figures:
                continue
            where = ", ".join(self._name(c) for c in cols)
            self.reader.findings.append(
                Finding(
                    source,
                    "TABLE_COUNT_PLACED",
                    Severity.INFO,
                    {"label": text[:60], "count": len(figures), "columns": where},
                    message_key=f"TABLE_COUNT_PLACED.{placed.how}",
                )
            )

    def _numbers(self, values: list[Cell], role: str) -> list[Quantity] | None:
        """The row's figures, or None when one of them is no number after all."""
        r = self.reader
        money, _ = r._money(None)
        out = []
        for v in values:
            q = _quantity(v.text, v.source, role, money, r.english, r.findings)
            if q is None:
                return None
            out.append(q)
        return out

    def _group(self, g: _MatrixGroup, counts: dict[str, list[Quantity]]) -> Section:
        r = self.reader
        title, cell, number, rows, price, totals = g.title, g.cell, g.number, g.rows, g.price, g.totals
        source = (cell.source if cell is not None else rows[0][0].source)._replace(col=None, pos=None)
        context_price = r.context.factor("price")
        duration = r.context.factor("duration")
        ncat = self.width - (1 if self.has_total else 0)
        row_items: list[Item] = []
        for label, values in rows:
            key = fold(label.text).strip()
            count = counts.get(key)
            extra = _label_factors(label.text, label.source, r.findings)
            lines: list[Item] = []
            for c, stated in enumerate(values):
                rate = price[c] if price is not None else context_price
                if count is None or rate is None:
                    lines.append(_lump(f"{label.text} – {self._name(c)}", stated))
                    r.found += 1
                    continue
                factors = (count[c], rate, *([duration] if duration is not None else []), *extra)
                lines.append(CostLine(label.source, f"{label.text} – {self._name(c)}", (Step(factors, stated),)))
                r.found += 1
            if self.has_total:
                cells, whole = lines[:ncat], lines[ncat]
                stated_total = values[ncat]
                amount = Amount(stated_total.value, stated_total.money or DONG, stated_total.source)
                if isinstance(whole, CostLine):
                    by_cols = Section("", label.text, label.source._replace(col=None, pos=None), amount, tuple(cells))
                    row_items.append(
                        Section("", label.text, by_cols.source, amount, (by_cols, whole), alternatives=True)
                    )
                else:
                    row_items.append(
                        Section("", label.text, label.source._replace(col=None, pos=None), amount, tuple(cells))
                    )
            else:
                row_items.append(Section("", label.text, label.source._replace(col=None, pos=None), None, tuple(lines)))
        if totals is None:
            return Section(number, title, source, None, tuple(row_items))
        r.found += len(totals)
        column_items: list[Item] = []
        for c in range(ncat):
            t = totals[c]
            parts = tuple(_lump(label.text, values[c]) for label, values in rows)
            column_items.append(
                Section(
                    "",
                    self._name(c),
                    t.source._replace(col=None, pos=None),
                    Amount(t.value, t.money or DONG, t.source),
                    parts,
                )
            )
        if not self.has_total:
            return Section(number, title, source, None, (*row_items, *column_items))
        grand_q = totals[ncat]
        grand = Amount(grand_q.value, grand_q.money or DONG, grand_q.source)
        by_rows = Section("", messages.render("TABLE_VIEW.rows", {"title": title}), source, grand, tuple(row_items))
        by_columns = Section(
            "", messages.render("TABLE_VIEW.columns", {"title": title}), source, grand, tuple(column_items)
        )
        return Section(number, title, source, grand, (by_rows, by_columns), alternatives=True)

    def _name(self, c: int) -> str:
        return self.names[c] if c < len(self.names) else messages.render("TABLE_VIEW.total_column", {})


@dataclass(frozen=True)
class _Placement:
    columns: list[tuple[int, ...]]  # for each short row, the column of each of its figures
    how: str  # "only": the one placement under which every column total agrees; "best": most agree


_MAX_PLACEMENTS = 500


def _place_counts(stated: list[Decimal], summed: list[Decimal], rows: list[list[Decimal]]) -> _Placement:
    """Columns for the figures of rows shorter than the table (in their written order): the
    placement under which most column totals agree, the first such one in reading order."""
    n = len(stated)
    choices = [list(itertools.combinations(range(n), len(r))) for r in rows]
    best: tuple[tuple[int, ...], ...] | None = None
    best_score = -1
    agreeing = 0
    for k, combo in enumerate(itertools.product(*choices)):
        if k >= _MAX_PLACEMENTS:
            break
        sums = list(summed)
        for figures, cols in zip(rows, combo, strict=True):
            for f, c in zip(figures, cols, strict=True):
                sums[c] = EXACT.add(sums[c], f)
        score = sum(1 for a, b in zip(sums, stated, strict=True) if a == b)
        agreeing += score == n
        if score > best_score:
            best, best_score = combo, score
    columns: list[tuple[int, ...]] = list(best) if best is not None else [() for _ in rows]
    return _Placement(columns, "only" if agreeing == 1 and best_score == n else "best")


def _category_names(text: str, count: int) -> list[str]:
    """``Khối NT Khối 3 tuổi Khối 4 tuổi`` → three names (cut before each repeat of the first word)."""
    if count <= 0:
        return []
    words = text.split()
    if words:
        cuts = [i for i, w in enumerate(words) if w == words[0]]
        if len(cuts) == count:
            return [" ".join(words[a:b]) for a, b in itertools.pairwise([*cuts, len(words)])]
    return [messages.render("TABLE_VIEW.column", {"n": i + 1}) for i in range(count)]


# --------------------------------------------------------------------------- the document


def table_items(block: TableBlock, findings: list[Finding], previous_total: Amount | None = None) -> list[Item]:
    """The model items of one table: a Section titled by the line above it (nothing when it holds no money)."""
    return _BlockReader(block, findings, previous_total).items()


def read_tables(lines: Sequence[RawLine], findings: list[Finding]) -> Tables:
    """The tables of a document as model items, and its lines with the table lines emptied."""
    blocks = find_tables(lines)
    if not blocks:
        return Tables(list(lines), [], 0)
    items: list[Item] = []
    whole: list[Item] = []
    unchecked: list[Amount] = []
    counts: list[CountSum] = []
    found = 0
    previous: Amount | None = None
    for block in blocks:
        reader = _BlockReader(block, findings, previous)
        read = reader.items()
        whole.extend(read)
        items.extend(checkable(read, unchecked))
        found += reader.found
        counts.extend(reader.counts)
        previous = reader.last_total
    inside = {n for b in blocks for n in range(b.first, b.last + 1)}
    outside = [
        replace(rl, source=rl.source._replace(text="", colmap=None)) if rl.source.line in inside else rl for rl in lines
    ]
    return Tables(outside, items, found, tuple(unchecked), tuple(whole), tuple(counts))


def checkable(read: Sequence[Item], unchecked: list[Amount]) -> list[Item]:
    """A table's items as the plan checks them: all of them when the table states a total
    (a ``Cộng`` row, a group's amount) that checks its rows; else without its lone amounts
    (a row's amount with no product and no total above it), which go to ``unchecked``."""
    if any(_states_amount(i) for i in read):
        return list(read)
    return _without_lone_amounts(read, unchecked)


def _is_lone_amount(item: Item) -> bool:
    """A row's amount alone, no product behind it (what ``_lump`` builds)."""
    return isinstance(item, Section) and not item.items and item.stated is not None


def _states_amount(item: Item) -> bool:
    """Does a table item state a total (a ``Cộng`` row, a group's amount) that checks its rows?"""
    if not isinstance(item, Section) or _is_lone_amount(item):
        return False
    return item.stated is not None or any(_states_amount(i) for i in item.items)


def _without_lone_amounts(items: Sequence[Item], out: list[Amount]) -> list[Item]:
    """``items`` with their lone amounts taken out (into ``out``), and sections left empty dropped."""
    kept: list[Item] = []
    for item in items:
        if _is_lone_amount(item):
            assert isinstance(item, Section) and item.stated is not None
            out.append(item.stated)
        elif isinstance(item, Section):
            inner = _without_lone_amounts(item.items, out)
            if inner:
                kept.append(replace(item, items=tuple(inner)))
        else:
            kept.append(item)
    return kept


def with_tables(plan: Plan, tables: Tables) -> Plan:
    """The plan with the document's tables: their Sections are its items when the text holds
    no other budget (a total stated alone in the text is then the tables' total), else they
    follow the text's items. A total stated in the text beside items of its own stays the
    total of those items (a section of its own), never of the tables."""
    if tables.counts:
        plan = replace(plan, counts=plan.counts + tables.counts)
    if not tables.items and not tables.unchecked:
        return plan
    found = plan.amounts_found + tables.found
    if plan.total is not None and not plan.items and tables.whole:
        # ``Tổng kinh phí: 3.900.000 đồng`` and the table that details it: the total of the tables
        return replace(plan, items=tables.whole, amounts_found=found)
    items = tuple(tables.items)
    plan = replace(plan, unchecked=plan.unchecked + tables.unchecked)
    if not plan.has_budget or not plan.items:
        return replace(plan, items=items, amounts_found=found)
    if plan.total is None:
        return replace(plan, items=plan.items + items, amounts_found=found)
    heading = plan.heading
    text = Section(
        heading.number if heading else "",
        heading.title if heading else "",
        plan.total.source._replace(col=None, pos=None) if heading is None else heading.source,
        plan.total,
        plan.items,
    )
    return replace(plan, total=None, items=(text, *items), amounts_found=found)
