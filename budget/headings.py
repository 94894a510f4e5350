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
_ATTACHED = re.compile(r"^\(?\s*(?:kem theo|ban hanh kem theo)\b|^(?:dong )?kinh gui\b|^noi nhan\b")
_MARKUP = str.maketrans("*_#`", "    ")  # Markdown marks a converter leaves (``**KẾ HOẠCH**``)
_RULE_CHARS = " \t-_=.*·…#`"  # a line of these alone is a rule (``-------`` under a letterhead)
# Words one of the letterhead's lines holds (folded): a line without any is none of them.
_CUES = re.compile(
    r"cong hoa|chu nghia|doc lap|ngay|thang|kem theo|kinh gui|^noi nhan|^so\b|^phu luc|^mau|^bieu"
    r"|^ubnd|^uy ban|^hoi dong|^phong|^truong|^bo |^cong ty"
)
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
    return " ".join(text.translate(_MARKUP).split())


def _folded(text: str) -> str:
    return fold(plain(text)).strip(" :.,;")


def is_upper(text: str) -> bool:
    """Are all the letters of ``text`` capitals (two letters or more: ``VỀ`` continues a title)?"""
    return text.upper() == text and sum(c.isalpha() for c in text) >= 2


def is_letterhead(text: str) -> bool:
    """A line of the letterhead or the front matter: the nation, the motto, ``Số: …/…``, the
    place and date, the issuing body's name in capitals, an annex's mark and its ``(Kèm theo
    …)`` line, a rule."""
    if len(text) > 400:
        return False  # prose
    if not text.strip(_RULE_CHARS):
        return bool(text.strip())
    folded = _folded(text)
    if not folded:
        return True
    if len(folded) > 160 or _CUES.search(folded) is None:
        return False
    if len(folded) <= 80 and _UNIT_NAME.match(folded) is not None and is_upper(text):
        return True
    return any(p.search(folded) is not None for p in (_NATION, _MOTTO, _DOC_NUMBER, _DATE, _ATTACHED)) or (
        _ANNEX.match(folded) is not None and (len(folded) <= 40 or is_upper(text))
    )


def is_title(text: str) -> bool:
    """A document's title line: a document kind in capitals (``KẾ HOẠCH``, ``QUYẾT ĐỊNH VỀ VIỆC …``)."""
    if len(text) > 400 or not is_upper(text):
        return False
    folded = _folded(text)
    return _KIND.match(folded) is not None and len(folded) <= 250


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


def _in_capitals(text: str) -> bool:
    """No small letter and something written (``2028``, the end of a caption wrapped)."""
    return text.upper() == text and any(c.isalnum() for c in text)


def _annex_mark(text: str) -> bool:
    """An annex's mark (``PHỤ LỤC II``, ``Mẫu biểu số 02``) standing alone."""
    start = fold(text[:40]).lstrip(" *_#`")
    return start.startswith(("phu luc", "mau bieu", "bieu mau", "mau so")) and is_letterhead(text)


_REACH = 12  # non-empty lines looked at above a line to tell whether it continues a title or a caption
_BETWEEN = 6  # non-empty lines between a caption and its table: ``(Kèm theo …)``, ``Đơn vị tính``
_SHORT = 40  # characters: a longer line between them is prose, which a caption never stands over


class FrontMatter:
    """The lines of a document that identify it and never name a section, asked by index: its
    head (from the top to its last letterhead or title line, the issuing body's name beside them
    included), every title further down and the upper-case lines that continue it, and any
    letterhead line further down (an annexed decision's, an annex's mark, the place and date above
    signatures); never a caption (``DỰ TOÁN KINH PHÍ …``, an annex's caption under ``PHỤ LỤC II``).

    Only the lines above tables are asked, each from the few lines around it: a large document
    costs what its tables cost, not what its lines do.
    """

    def __init__(self, texts: Sequence[str]):
        self.texts = texts
        self.head_end, self.titles = _head(texts)

    def __contains__(self, i: object) -> bool:
        if not isinstance(i, int) or not 0 <= i < len(self.texts) or not self.texts[i].strip():
            return False
        if self.caption_start(i) is not None:
            return False
        if i <= self.head_end:
            return True
        text = self.texts[i]
        return is_letterhead(text) or is_title(text) or self._continues_title(i)

    def _above(self, i: int) -> int | None:
        """The nearest non-empty line above ``i``."""
        j = i - 1
        while j >= 0 and not self.texts[j].strip():
            j -= 1
        return j if j >= 0 else None

    def _continues_title(self, i: int) -> bool:
        j: int | None = i
        for _ in range(_CONTINUATION):
            if j is None or not _continues(self.texts[j]):
                return False
            j = self._above(j)
            if j is not None and is_title(self.texts[j]):
                return True
        return False

    def caption_start(self, i: int) -> int | None:
        """The first line of the caption holding line ``i`` (lines in capitals from one that opens
        a caption or follows an annex's mark), None when ``i`` is in none."""
        first: int | None = None
        j: int | None = i
        for _ in range(_REACH):
            if j is None:
                break
            text = self.texts[j]
            if not _in_capitals(text) or is_letterhead(text) or is_title(text):
                break
            first = j
            if is_upper(text) and _CAPTION_START.match(_folded(text)) is not None:
                return first
            j = self._above(j)
            if j is not None and _annex_mark(self.texts[j]) and is_upper(text):
                return first
        return None

    def caption_above(self, start: int) -> str:
        """The caption that names the table starting at line ``start`` (``DỰ TOÁN KINH PHÍ …`` over
        an annex's table, its wrapped lines joined), or "" when none stands just above it: only
        letterhead lines (``(Kèm theo …)``) and short lines (its unit) between."""
        j = self._above(start)
        for _ in range(_BETWEEN + 1):
            if j is None:
                return ""
            first = self.caption_start(j)
            if first is not None:
                return " ".join(plain(t) for t in self.texts[first : j + 1] if t.strip())[:250]
            text = self.texts[j]
            if len(text.strip()) > _SHORT and not is_letterhead(text):
                return ""
            j = self._above(j)
        return ""


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


def may_name(text: str) -> bool:
    """May ``text`` name a section (is it no letterhead, title or annex mark, and no item of a list
    that a ``;`` ends, such as the addressees of a ``Kính gửi``)?"""
    words = plain(text)
    return bool(words) and not words.endswith(";") and not is_letterhead(text) and not is_title(text)
