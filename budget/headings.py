"""Which lines may name a section, and which only identify the document.

An officer reads a section by the heading that opens it: a numbered heading, a table's group
row, a caption such as ``DỰ TOÁN KINH PHÍ TỔ CHỨC HỘI THI``. The lines that identify the
document never name a section: its letterhead (the issuing body's name, ``CỘNG HÒA XÃ HỘI
CHỦ NGHĨA VIỆT NAM``, ``Độc lập – Tự do – Hạnh phúc``, ``Số: 12/KH-UBND``, the place and
date), its title (``KẾ HOẠCH`` / ``QUYẾT ĐỊNH`` ... and the upper-case lines that continue it),
an annex's mark (``PHỤ LỤC II``, ``Mẫu biểu số 02``) and its ``(Kèm theo ...)`` line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from budget.text import fold

# Document kinds a title opens with (folded).
_KINDS = (
    "ke hoach",
    "quyet dinh",
    "de an",
    "to trinh",
    "bao cao",
    "chuong trinh",
    "nghi quyet",
    "thong bao",
    "thong tu",
    "nghi dinh",
    "chi thi",
    "huong dan",
    "cong van",
    "phuong an",
)
_KIND = re.compile(r"^(?:" + "|".join(_KINDS) + r")(?![a-z])")
_NATION = re.compile(r"\b(?:cong hoa xa hoi chu nghia|xa hoi chu nghia viet nam|cong hoa xa hoi)\b|^cong hoa$")
_MOTTO = re.compile(r"\bdoc lap\W+tu do\W+hanh phuc\b")
_DOC_NUMBER = re.compile(r"^so\s*:?\s*[0-9]+\s*/\s*[0-9a-z]")
# ``Hà Nội, ngày 27 tháng 11 năm 2025``, its pieces when the line wraps, ``ngày … tháng … năm …``
_DATE = re.compile(
    r",\s*ngay\s+(?:[0-9]{1,2}|\.{2,}|…)\s*(?:thang\b|$)"
    r"|^ngay\s+(?:[0-9]{1,2}|\.{2,}|…)\s*thang\s+(?:[0-9]{1,2}|\.{2,}|…)\s*nam\b"
    r"|^thang\s+[0-9]{1,2}\s+nam\s+[0-9]{4}\s*$"
)
# The issuing body's name at the top left (``UBND HUYỆN …``, ``TRƯỜNG MẦM NON …``), in capitals.
_UNIT_NAME = re.compile(
    r"^(?:ubnd|uy ban nhan dan|hoi dong nhan dan|phong giao duc|phong gd|so [a-z]|bo [a-z]|truong (?:mam non|tieu hoc"
    r"|trung hoc|thcs|thpt|mn|th)\b|cong ty)"
)
_ANNEX = re.compile(r"^(?:phu luc|mau bieu|bieu mau|mau so)\b")
_ATTACHED = re.compile(r"^\(?\s*(?:kem theo|ban hanh kem theo)\b")
_RULE = re.compile(r"^[-_=.*·…\s]*$")  # ``-------`` under a letterhead
_MARKUP = re.compile(r"[*_#`]+")
# Where a caption starts inside a line that runs on (``PHỤ LỤC II DỰ TOÁN ...``) and what ends it.
_CAPTION_END = re.compile(r"\(\s*kem theo\b|\bdon vi(?: tinh)?\s*:")
_CAPTION_START = re.compile(r"^(?:du toan|bang|bieu)\b")
_MARKER_START = re.compile(r"^(?:[0-9]{1,3}(?:\.[0-9]{1,2})*|[ivxl]{1,6}|[a-z])\s?[.)/:]\s")
# The body that issues the document, named under its title (``THỦ TƯỚNG CHÍNH PHỦ``): no part of the title.
_ISSUER = re.compile(
    r"^(?:thu tuong|chinh phu|hoi dong nhan dan|chu tich|uy ban nhan dan|bo truong|hieu truong|giam doc)\b"
)
_TOP = 60  # non-empty lines at the top of a document where its letterhead stands
_CONTINUATION = 5  # upper-case lines that may continue a title


def plain(text: str) -> str:
    """``text`` without Markdown marks and with single spaces."""
    return " ".join(_MARKUP.sub(" ", text).split())


def _folded(text: str) -> str:
    return fold(plain(text)).strip(" :.,;")


def is_upper(text: str) -> bool:
    """Are all the letters of ``text`` capitals (two letters or more: ``VỀ`` continues a title)?"""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def is_letterhead(text: str) -> bool:
    """A line of the letterhead or the front matter: the nation, the motto, ``Số: …/…``, the
    place and date, an annex's mark and its ``(Kèm theo …)`` line, a rule."""
    folded = _folded(text)
    if not folded or _RULE.match(plain(text)):
        return bool(text.strip())
    if len(folded) > 160:
        return False
    if is_upper(text) and len(folded) <= 80 and _UNIT_NAME.match(folded) is not None:
        return True
    return any(p.search(folded) is not None for p in (_NATION, _MOTTO, _DOC_NUMBER, _DATE, _ATTACHED)) or (
        _ANNEX.match(folded) is not None and (is_upper(text) or len(folded) <= 40)
    )


def is_title(text: str) -> bool:
    """A document's title line: a document kind in capitals (``KẾ HOẠCH``, ``QUYẾT ĐỊNH VỀ VIỆC …``)."""
    folded = _folded(text)
    return _KIND.match(folded) is not None and is_upper(text) and len(folded) <= 250


def _continues(text: str) -> bool:
    """Can ``text`` continue a title (an upper-case line that is no numbered heading, caption or unit line)?"""
    folded = _folded(text)
    if not is_upper(text) or _MARKER_START.match(folded + " ") or _CAPTION_START.match(folded):
        return False
    return _CAPTION_END.search(folded) is None and not is_letterhead(text)


_CONTENT = re.compile(r"^(?:can cu\b|don vi tinh\b|dieu\s+[0-9])")
_GAP = 8  # non-empty lines between two letterhead lines of one letterhead, at most


def _title_end(texts: Sequence[str], i: int) -> int:
    """The index of the last line of the title that starts at line ``i``."""
    end = i
    taken = 0
    for j in range(i + 1, len(texts)):
        if not texts[j].strip():
            continue
        if taken >= _CONTINUATION or not _continues(texts[j]):
            break
        end = j
        taken += 1
    return end


def _is_content(text: str) -> bool:
    """Does ``text`` start the document's content (a numbered heading, ``Căn cứ``, a unit line, prose)?"""
    folded = _folded(text)
    return _MARKER_START.match(folded + " ") is not None or _CONTENT.match(folded) is not None or len(folded) > 160


def _head(texts: Sequence[str]) -> tuple[int, list[int]]:
    """The end of the document's head (-1 when it has none) and the titles that start in it: its
    letterhead and titles at the top, each within a few lines of the one before, before the content."""
    end = -1
    titles: list[int] = []
    between = 0
    seen = 0
    i = 0
    while i < len(texts) and seen < _TOP:
        text = texts[i]
        if not text.strip():
            i += 1
            continue
        seen += 1
        if _is_content(text):
            break
        if (is_title(text) or is_letterhead(text)) and between <= _GAP:
            if is_title(text):
                titles.append(i)
                i = _title_end(texts, i)
            end = i
            between = 0
        else:
            between += 1
        i += 1
    return end, titles


def front_matter(texts: Sequence[str]) -> frozenset[int]:
    """Indices of the lines that identify the document and never name a section: its head (from
    the top to its last letterhead or title line, the issuing body's name beside them included),
    every title further down and the upper-case lines that continue it, and any letterhead line
    further down (an annexed decision's, an annex's mark, the place and date above signatures)."""
    end, _ = _head(texts)
    out = {i for i in range(end + 1) if texts[i].strip()}
    i = end + 1
    while i < len(texts):
        text = texts[i]
        if is_title(text):
            last = _title_end(texts, i)
            out.update(k for k in range(i, last + 1) if texts[k].strip())
            i = last + 1
            continue
        if is_letterhead(text):
            out.add(i)
        i += 1
    return frozenset(out - _captions(texts))


def _in_capitals(text: str) -> bool:
    """No small letter and something written (``2028``, the end of a caption wrapped)."""
    return any(c.isalnum() for c in text) and not any(c.islower() for c in text)


def _caption_runs(texts: Sequence[str]) -> list[tuple[int, int]]:
    """(first, last) line of each caption that may name a table (``DỰ TOÁN KINH PHÍ …``, an
    annex's caption under its ``PHỤ LỤC II``): the lines in capitals from one that opens a
    caption, or from the line after an annex's mark, to the next line that is not in capitals."""
    runs: list[tuple[int, int]] = []
    after_mark = False
    run = False
    for i, text in enumerate(texts):
        if not text.strip():
            continue
        folded = _folded(text)
        opens = is_upper(text) and (after_mark or _CAPTION_START.match(folded) is not None)
        if (opens or (run and _in_capitals(text))) and not is_letterhead(text) and not is_title(text):
            if run:
                runs[-1] = (runs[-1][0], i)
            else:
                runs.append((i, i))
            run = True
        else:
            run = False
        after_mark = _ANNEX.match(folded) is not None and is_letterhead(text)
    return runs


def _captions(texts: Sequence[str]) -> set[int]:
    return {i for first, last in _caption_runs(texts) for i in range(first, last + 1)}


_BETWEEN = 6  # non-empty lines between a caption and its table: ``(Kèm theo …)``, ``Đơn vị tính``
_SHORT = 40  # characters: a longer line between them is prose, which a caption never stands over


def captions_above(texts: Sequence[str], starts: Sequence[int]) -> list[str]:
    """For each table starting at line index ``starts[k]``, the caption that names it (``DỰ TOÁN
    KINH PHÍ …`` over an annex's table, its wrapped lines joined), or "" when none stands just
    above it: only letterhead lines (``(Kèm theo …)``) and short lines (its unit) between."""
    runs = _caption_runs(texts)
    out = []
    for start in starts:
        found = ""
        before = [r for r in runs if r[1] < start]
        if before:
            first, last = before[-1]
            between = [t for t in texts[last + 1 : start] if t.strip()]
            if len(between) <= _BETWEEN and all(is_letterhead(t) or len(t.strip()) <= _SHORT for t in between):
                found = " ".join(plain(t) for t in texts[first : last + 1] if t.strip())[:250]
        out.append(found)
    return out


def title_of(texts: Sequence[str]) -> str | None:
    """The document's title, its continuation lines joined (``KẾ HOẠCH TỔ CHỨC HỘI THI ... NĂM HỌC
    2024-2025``): the last title of the document's head (a web page's title above the letterhead
    is not the document's); None when its head has none."""
    _, titles = _head(texts)
    if not titles:
        return None
    start = titles[-1]
    parts: list[str] = []
    for text in texts[start : _title_end(texts, start) + 1]:
        if parts and _ISSUER.match(_folded(text)):
            break  # the body that issues it, named under its title
        if text.strip():
            parts.append(plain(text))
    return " ".join(parts)[:250]


def caption(text: str) -> str:
    """A caption as a label: without an annex's mark before it (``PHỤ LỤC II``) and without the
    ``(Kèm theo …)`` and ``Đơn vị tính`` after it, single-spaced; "" when nothing is left."""
    words = plain(text)
    folded = fold(words)
    if len(folded) != len(words):
        return words
    mark = _ANNEX.match(folded)
    if mark is not None:
        rest = re.match(r"\s*(?:so\s*)?(?:[0-9]{1,3}|[ivxl]{1,6}|[a-z])?\b\s*[.:\-–]?\s*", folded[mark.end() :])
        start = mark.end() + (rest.end() if rest is not None else 0)
        words, folded = words[start:], folded[start:]
    end = _CAPTION_END.search(folded)
    if end is not None:
        words = words[: end.start()]
    return words.strip(" :,-–(")


def may_name(text: str) -> bool:
    """May ``text`` name a section (is it no letterhead, title or annex mark)?"""
    return bool(plain(text)) and not is_letterhead(text) and not is_title(text)
