"""Text normalisation shared by every reader: one form for the many ways text arrives.

Plans arrive in NFC or NFD, with old or new tone placement (``hoá``/``hóa``), with
non-breaking spaces, tabs, zero-width characters and Markdown emphasis left by
converters. ``clean_line`` gives the text that is parsed and shown; ``fold`` gives
the form that keywords are matched against.
"""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
_BOOKMARK = re.compile(r"\[bookmark:[^\]]*\]")
_HEADING_MARKS = re.compile(r"^\s*#+\s+")
# Emphasis stars touching a word; a star between spaces or digits is a multiplication.
_EMPHASIS = re.compile(r"\*{2,}|(?<![\s0-9])\*|\*(?![\s0-9])")


def clean_line(line: str) -> str:
    """One input line in the form the parser reads and findings quote."""
    return clean_mapped(line)[0]


def _removals(text: str) -> list[tuple[int, int]]:
    spans = [m.span() for m in _INVISIBLE.finditer(text)]
    for rx in (_BOOKMARK, _HEADING_MARKS, _EMPHASIS):
        spans.extend(m.span() for m in rx.finditer(text))
    return spans


# Every character that may make ``clean_mapped`` do more than strip trailing spaces.
_TOUCHED = re.compile(r"[\t\u00a0\u2000-\u200d\u202f\u205f\u2060\u3000\ufeff\u00ad#*]|\[bookmark:")


def needs_cleaning(text: str) -> bool:
    """False when every line of ``text`` is clean once its trailing spaces are stripped:
    NFC, and no space to unify, invisible character, bookmark, heading mark or star.

    Checked once on a whole file (a few C passes) so that its lines need no check each.
    """
    return _TOUCHED.search(text) is not None or not unicodedata.is_normalized("NFC", text)


def clean_mapped(line: str) -> tuple[str, tuple[int, ...] | None]:
    """``clean_line`` and, when it moved characters, the column in ``line`` of each character.

    Columns reported to users count characters in the file as given. Most lines are
    already NFC and lose nothing, so the map is None (identity) and the cost is a few C
    calls; otherwise the line is rebuilt one grapheme at a time.
    """
    spaced = _SPACES.sub(" ", line)  # one character for one: columns unchanged
    if unicodedata.is_normalized("NFC", spaced) and not _removals(spaced):
        return spaced.rstrip(), None
    # Compose each base letter with its marks separately, so each output character knows
    # where its grapheme started in the file.
    chars: list[str] = []
    cols: list[int] = []
    start = 0
    n = len(spaced)
    while start < n:
        end = start + 1
        while end < n and unicodedata.combining(spaced[end]):
            end += 1
        for ch in unicodedata.normalize("NFC", spaced[start:end]):
            chars.append(ch)
            cols.append(start)
        start = end
    text = "".join(chars)
    drop: set[int] = set()
    # removals are matched repeatedly on the composed text (a removal can uncover another)
    while True:
        spans = _removals(text)
        if not spans:
            break
        drop = {i for a, b in spans for i in range(a, b)}
        keep = [i for i in range(len(text)) if i not in drop]
        text = "".join(text[i] for i in keep)
        cols = [cols[i] for i in keep]
    stripped = text.rstrip()
    return stripped, tuple(cols[: len(stripped)])


def _fold_char(ch: str) -> str:
    if ch in "đĐ":
        return "d"
    base = unicodedata.normalize("NFD", ch)[0]
    return base.lower()[:1] or base


class _FoldTable(dict[int, str]):
    """``str.translate`` table filled on first sight of each character: the loop runs in C."""

    def __missing__(self, code: int) -> str:
        folded = _fold_char(chr(code))
        self[code] = folded
        return folded


_FOLD_TABLE = _FoldTable()


def fold(text: str) -> str:
    """Lower case without tone or vowel marks, ``đ`` as ``d``, one character per character.

    ``hoá``, ``hóa`` and ``HOÁ`` all fold to ``hoa``; keywords are matched on this form
    and positions found in it are valid in the NFC text.
    """
    return text.translate(_FOLD_TABLE)


def excerpt(text: str, limit: int) -> str:
    """``text`` whole, or cut at a space before ``limit`` characters with ``…``: never inside a
    figure or a word (``= 30”`` would read as another number than ``= 300.000``)."""
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return (text[:cut] if cut > limit // 2 else text[:limit]).rstrip() + "…"
