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
    text = unicodedata.normalize("NFC", line)
    text = _INVISIBLE.sub("", text)
    text = _SPACES.sub(" ", text)
    text = _BOOKMARK.sub("", text)
    text = _HEADING_MARKS.sub("", text)
    text = _EMPHASIS.sub("", text)
    return text.rstrip()


def _fold_char(ch: str) -> str:
    if ch in "đĐ":
        return "d"
    base = unicodedata.normalize("NFD", ch)[0]
    return base.lower()[:1] or base


_FOLD_CACHE: dict[str, str] = {}


def fold(text: str) -> str:
    """Lower case without tone or vowel marks, ``đ`` as ``d``, one character per character.

    ``hoá``, ``hóa`` and ``HOÁ`` all fold to ``hoa``; keywords are matched on this form
    and positions found in it are valid in the NFC text.
    """
    out = []
    for ch in text:
        f = _FOLD_CACHE.get(ch)
        if f is None:
            f = _FOLD_CACHE[ch] = _fold_char(ch)
        out.append(f)
    return "".join(out)
