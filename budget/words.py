"""Amounts in Vietnamese words, both directions: ``2.015`` is ``Hai nghìn không trăm mười lăm đồng``.

Plans state their totals twice, in figures and ``(Bằng chữ: ...)``; this module writes
the words for a figure and reads the words back to an exact number, so the two can be
compared. Written by hand because num2words reads empty hundreds as ``lẻ`` (``hai nghìn
lẻ mười lăm``) where finance documents write ``không trăm``, and reads nothing back.

Conventions of ``to_words`` (the formal style of finance documents and accounting
software; ``from_words`` accepts every variant listed in ``from_words``):

* Groups of three digits read ``nghìn``, ``triệu``, ``tỷ``; above ``tỷ`` the count of
  ``tỷ`` is itself a number (``Bảy nghìn không trăm chín mươi ba tỷ``), and each further
  block of nine digits repeats ``tỷ`` (``Một tỷ tỷ`` is 10^18).
* A comma follows each ``tỷ`` that more words follow, and nothing else: the blocks of
  nine digits are separated, the words inside a block run on as accounting software
  writes them (``Bốn mươi sáu tỷ, ba trăm bảy mươi lăm triệu đồng``, ``Một triệu không
  trăm linh năm nghìn đồng``, ``Hai nghìn không trăm mười lăm đồng``).
* Every group after the first non-empty one reads its hundreds, ``không trăm`` when they
  are zero; empty groups are skipped.
* ``linh`` (not ``lẻ``) for a zero tens digit, ``nghìn`` (not ``ngàn``), ``tỷ`` (not ``tỉ``).
* Units digit after ``mươi`` (20 and above): 1 is ``mốt``, 4 is ``tư``, 5 is ``lăm``
  (``hai mươi tư``); after ``mười``: ``mười một``, ``mười bốn``, ``mười lăm``; after
  ``linh`` and alone: ``một``, ``bốn``, ``năm``.
* Negative amounts start with ``Âm``; the first letter is a capital.
* Colloquial forms are read when they have one meaning only: tens without ``mươi``
  (``tám bảy triệu`` is 87 triệu, ``hai lăm nghìn`` 25 nghìn) unless the two digits
  follow each other (``bảy tám triệu`` is also "7 or 8 triệu"), and a lone ``tư``,
  ``mốt`` or ``rưỡi`` after a scale word (``hai triệu tư`` is 2.400.000, ``một trăm
  rưỡi`` 150). ``hai triệu năm`` (2.000.005 by the letter, 2.500.000 in speech) is refused.
* Whole amounts only: a fractional value raises ``ValueError`` (the caller converts
  to đồng first); ``phẩy`` is neither written nor read.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from budget.numbers import EXACT_ROUNDING, D, shift

__all__ = ["WordsReading", "WordsSpan", "find_words", "from_words", "scale_words", "to_words"]

_DIGIT_WORDS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
_BILLION = 10**9
# Words beyond 10^60 are not money; the bound also keeps reading garbage cheap.
_MAX_DIGITS = 60


# --- writing ------------------------------------------------------------------------


def to_words(value: Decimal | int, unit: str = "đồng") -> str:
    """The amount in words, formal style, capitalised, followed by ``unit`` (if not empty)."""
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        raise TypeError(f"to_words takes a Decimal or an int, not {type(value).__name__}")
    if isinstance(value, Decimal):
        if not value.is_finite() or value != value.to_integral_value():
            raise ValueError(f"to_words reads whole amounts only, not {value}")
        n = int(value)
    else:
        n = value
    words = _whole_words(abs(n))
    if n < 0:
        words = "âm " + words
    if unit:
        words = f"{words} {unit}"
    return words[0].upper() + words[1:]


def dong_words(value: Decimal, exponent: int) -> tuple[str, Decimal] | None:
    """An amount of ``10**exponent`` đồng in words, in đồng, with the whole figure the words say;
    None when it is not a whole number of đồng (a total in words is always in đồng)."""
    dong = shift(value, exponent)
    if not dong.is_finite() or dong != dong.to_integral_value():
        return None
    # quantized in the exact context: the default one holds 28 digits, a total may hold more
    return to_words(dong, "đồng"), dong.quantize(Decimal(1), context=EXACT_ROUNDING)


def _whole_words(n: int) -> str:
    if n == 0:
        return "không"
    blocks: list[int] = []  # blocks of nine digits, lowest first
    while n:
        n, block = divmod(n, _BILLION)
        blocks.append(block)
    parts: list[str] = []
    leading = True
    for k in range(len(blocks) - 1, -1, -1):
        if blocks[k] == 0:
            continue
        parts.append(" ".join([_block_words(blocks[k], leading), *(["tỷ"] * k)]))
        leading = False
    return ", ".join(parts)


def _block_words(block: int, leading: bool) -> str:
    """A number below 10^9 (a block, or the count of tỷ): no commas inside."""
    words: list[str] = []
    for group, scale in ((block // 10**6, "triệu"), (block // 1000 % 1000, "nghìn"), (block % 1000, "")):
        if group == 0:
            continue
        words.extend(_group_words(group, full=not leading))
        if scale:
            words.append(scale)
        leading = False
    return " ".join(words)


def _group_words(group: int, full: bool) -> list[str]:
    """1..999; ``full`` reads zero hundreds as ``không trăm`` (any group but the first)."""
    hundreds, tens, units = group // 100, group // 10 % 10, group % 10
    words: list[str] = []
    if full or hundreds:
        words += [_DIGIT_WORDS[hundreds], "trăm"]
    if tens == 0:
        if units:
            words += ["linh", _DIGIT_WORDS[units]] if words else [_DIGIT_WORDS[units]]
    elif tens == 1:
        words.append("mười")
        if units:
            words.append("lăm" if units == 5 else _DIGIT_WORDS[units])
    else:
        words += [_DIGIT_WORDS[tens], "mươi"]
        if units:
            words.append({1: "mốt", 4: "tư", 5: "lăm"}.get(units, _DIGIT_WORDS[units]))
    return words


def scale_words(exponent: int) -> str:
    """The scale words for a power of ten that words can end in: 6 → ``triệu``, 12 → ``nghìn tỷ``."""
    billions, rest = divmod(exponent, 9)
    if exponent < 0 or rest % 3:
        raise ValueError(f"no scale words for 10^{exponent}")
    return " ".join([*{0: [], 3: ["nghìn"], 6: ["triệu"]}[rest], *(["tỷ"] * billions)])


# --- reading ------------------------------------------------------------------------

_DIGITS = {w: i for i, w in enumerate(_DIGIT_WORDS)} | {"bẩy": 7}
_ALONE = {w: v for w, v in _DIGITS.items() if v}  # a units digit with nothing before it
_AFTER_LINH = _ALONE | {"tư": 4}
_AFTER_MUOI = _ALONE | {"tư": 4, "mốt": 1, "lăm": 5, "nhăm": 5}  # after hai..chín mươi
_AFTER_MUOI_TEN = _ALONE | {"lăm": 5, "nhăm": 5}  # after mười
_TENS = {w: v for w, v in _DIGITS.items() if v >= 2}
_TEN = frozenset({"mười", "mươi"})  # either spelling in either place
_LINH = frozenset({"linh", "lẻ"})
_SCALES = {"nghìn": 3, "ngàn": 3, "triệu": 6, "tỷ": 9, "tỉ": 9}
_TAIL = frozenset({"chẵn", "chẳn"})
# Colloquial: a units digit right after a tens digit (``tám bảy`` is 87); a lone tư, mốt,
# rưỡi after a scale word stands for the next place down (``hai triệu tư`` is 2,4 triệu).
_SPOKEN_UNITS = _ALONE | {"tư": 4, "mốt": 1, "lăm": 5, "nhăm": 5}
_SHORT = {"tư": 4, "mốt": 1, "rưỡi": 5, "rưởi": 5}
_NUMBER_WORDS = (
    frozenset(_DIGITS) | frozenset(_AFTER_MUOI) | _TEN | _LINH | {"trăm"} | frozenset(_SCALES) | frozenset(_SHORT)
)
_VOCABULARY = _NUMBER_WORDS | _TAIL | {"đồng", "âm", "việt", "nam"}


@dataclass(frozen=True, slots=True)
class WordsReading:
    """An amount read from words: always the full value (``năm trăm triệu đồng`` is 500000000).

    ``scale_exponent`` is the power of ten of the scale words the amount ends in (6 for
    ``... triệu đồng``, 12 for ``Một nghìn tỷ đồng``, 0 when it ends in units), so the
    words can be compared with a figure stated in that unit.
    """

    value: Decimal
    currency: str  # "đồng", or "" when the words name no currency
    scale_exponent: int = 0

    @property
    def unit(self) -> str:
        """The unit the words end in: ``đồng``, ``triệu đồng``, ``nghìn tỷ đồng``; ``triệu`` without a currency."""
        return " ".join(w for w in (scale_words(self.scale_exponent), self.currency) if w)

    @property
    def scaled(self) -> Decimal:
        """The value counted in ``unit``: ``năm trăm triệu đồng`` is 500 (triệu đồng)."""
        return shift(self.value, -self.scale_exponent)


@dataclass(frozen=True, slots=True)
class WordsSpan:
    """Amount words found in a line: ``text[start:end]`` are the words (not the label, not ``chẵn``).

    ``value`` is in đồng, None when the words are meant as an amount (behind ``Bằng chữ:``,
    ending in ``chẵn``, in parentheses after a figure) but do not read as one: ambiguous
    speech (``hai triệu năm``) or malformed words, reported as unread, never guessed.
    ``unit_exponent`` is the power of ten of the unit ``value`` counts, always 0 here
    because words spell out the full amount, kept so that words line up with figures
    stated in ``triệu đồng`` (6) or ``tỷ đồng`` (9). ``plain`` marks words in a plain
    parenthesis (no label, no ``chẵn``): they spell the figure right before it only.
    """

    start: int
    end: int
    value: Decimal | None
    unit_exponent: int
    text: str
    plain: bool = False


# Possessive quantifiers: a run of spaces is never split two ways (no quadratic backtracking).
_LABEL_PREFIX = re.compile(
    r"\s*+\(?\s*+(?:(?:tổng\s++)?(?:số\s++tiền\s++)?\(?\s*+(?:viết\s++|ghi\s++)?"
    r"bằng\s++chữ\s*+\)?\s*+[:：\-–]?\s*+)?\(?\s*+"
)
_SPLIT = re.compile(r"[\s,]+")
_EDGE = " \t\r\n\u00a0.,;:/()"


def from_words(text: str) -> WordsReading | None:
    """Read an amount in words; None when the text is not a number in words.

    Accepts ``linh``/``lẻ``, ``nghìn``/``ngàn``, ``tỷ``/``tỉ``, ``bảy``/``bẩy``,
    ``lăm``/``nhăm``, ``tư``/``bốn``, ``mốt``/``một``, ``mươi``/``mười``, ``không
    trăm``, ``lẻ`` for zero hundreds (``hai nghìn lẻ mười lăm``), commas or none, any
    case, NFC or NFD, a leading ``Bằng chữ:``, a trailing ``chẵn``, ``./``, ``đồng`` or
    ``Việt Nam đồng``. A number without a unit is read too (``mười tám`` is 18): it is
    ``find_words`` that requires a marker. Colloquial shortenings that are ambiguous are
    refused: ``hai triệu năm`` (2.000.005 or 2.500.000?), ``một trăm năm``. Linear in the
    length of the text; never raises.
    """
    s = unicodedata.normalize("NFC", text).lower()
    m = _LABEL_PREFIX.match(s)
    if m is not None:
        s = s[m.end() :]
    tokens = [t for t in _SPLIT.split(s.strip(_EDGE)) if t]
    parsed = _parse(tokens)
    if parsed is None:
        return None
    value, currency, place = parsed
    return WordsReading(D(str(value)), currency, place)


def _parse(tokens: list[str]) -> tuple[int, str, int] | None:
    """Tokens (lowercase NFC words) to (value, currency, exponent of the last scale words).

    The amount is a sum of terms, each a multiplier times a scale; each term must fit
    below the place of the term before it, so ``hai tỷ ba tỷ`` is refused. ``tỷ`` takes
    as multiplier everything since the previous ``tỷ`` (``bảy nghìn không trăm chín
    mươi ba tỷ``); ``nghìn`` and ``triệu`` take one group of three digits.
    """
    i, j = 0, len(tokens)
    negative = i < j and tokens[i] == "âm"
    if negative:
        i += 1
    while j > i and tokens[j - 1] in _TAIL:
        j -= 1
    currency = ""
    if j > i and tokens[j - 1] == "đồng":
        currency = "đồng"
        j -= 1
        if j - i >= 2 and tokens[j - 2] == "việt" and tokens[j - 1] == "nam":
            j -= 2
    if i >= j:
        return None
    if j - i == 1 and tokens[i] == "không":
        return 0, currency, 0

    terms: list[tuple[int, int]] = []  # (value, place): the place is its lowest scale exponent
    pending: int | None = None  # the group of three digits read since the last scale word
    pending_full = False  # it reads its hundreds (or starts with linh)
    while i < j:
        word = tokens[i]
        scale = _SCALES.get(word)
        if scale is None and word in _SHORT and i + 1 == j and pending is None and terms and terms[-1][1] >= 3:
            # "hai triệu tư": the next place down of the last scale (said only in speech, one meaning)
            value, place = terms[-1]
            terms[-1] = (value + _SHORT[word] * 10 ** (place - 1), place)
            i += 1
            continue
        if scale is None:
            if pending is not None:
                return None  # two groups with no scale between them
            group = _group(tokens, i, j, leading=not terms)
            if group is None:
                return None
            pending, pending_full, i = group
            continue
        if scale == 9:
            count = 0
            while i < j and _SCALES.get(tokens[i]) == 9:
                count += 1
                i += 1
            exponent = 9 * count
            if exponent >= _MAX_DIGITS:
                return None
            multiplier, low = 0, 0  # low: the place of the lowest term popped
            while terms and terms[-1][1] < 9:
                v, place = terms.pop()
                low = low or place
                multiplier += v
            if pending is not None:
                if multiplier and not pending_full:
                    return None  # "một nghìn năm tỷ": the same ambiguity as "một nghìn năm"
                multiplier += pending
                low = 0
            if multiplier == 0:
                return None
            term = (multiplier * 10**exponent, exponent + low)
        else:
            i += 1
            if pending is None:
                return None
            term = (pending * 10**scale, scale)
        if terms and term[0] >= 10 ** terms[-1][1]:
            return None
        if term[0] >= 10**_MAX_DIGITS:
            return None
        terms.append(term)
        pending = None
    if pending is not None and terms and not pending_full:
        return None  # "hai triệu năm" is 2,5 triệu in speech: the words must say "không trăm linh năm"
    value = sum(v for v, _ in terms) + (pending or 0)
    place = 0 if pending is not None or not terms else terms[-1][1]
    return (-value if negative else value), currency, place


def _group(tokens: list[str], i: int, j: int, leading: bool) -> tuple[int, bool, int] | None:
    """One group of three digits from ``tokens[i:j]``: (value 1..999, reads its hundreds, next index)."""
    hundreds: int | None = None
    after_linh = False
    word = tokens[i]
    if word in _DIGITS and i + 1 < j and tokens[i + 1] == "trăm":
        hundreds = _DIGITS[word]
        if hundreds == 0 and leading:
            return None
        i += 2
    elif word in _LINH:
        if leading:
            return None
        after_linh = True  # "hai nghìn lẻ mười lăm": lẻ stands for zero hundreds
        i += 1
    rest: int | None = None
    if i < j:
        word = tokens[i]
        following = tokens[i + 1] if i + 1 < j else ""
        if word in _LINH and hundreds is not None and following in _AFTER_LINH:
            rest, i = _AFTER_LINH[following], i + 2
        elif word in _TEN:
            rest, i = 10, i + 1
            if i < j and tokens[i] in _AFTER_MUOI_TEN:
                rest, i = 10 + _AFTER_MUOI_TEN[tokens[i]], i + 1
        elif word in _TENS and following in _TEN:
            rest, i = 10 * _TENS[word], i + 2
            if i < j and tokens[i] in _AFTER_MUOI:
                rest, i = rest + _AFTER_MUOI[tokens[i]], i + 1
        elif word in _TENS and following in _SPOKEN_UNITS and not after_linh:
            units = _SPOKEN_UNITS[following]
            if following in _ALONE and units == _TENS[word] + 1:
                return None  # "bảy tám triệu": 78 or "7 to 8" triệu
            rest, i = 10 * _TENS[word] + units, i + 2
        elif word in _SHORT and hundreds is not None and i + 1 == j:
            rest, i = 10 * _SHORT[word], i + 1  # "một trăm tư" is 140 in speech
        elif after_linh and word in _AFTER_LINH:
            rest, i = _AFTER_LINH[word], i + 1
        elif hundreds is None and not after_linh and word in _ALONE:
            rest, i = _ALONE[word], i + 1
    if rest is None and (hundreds is None or after_linh):
        return None
    value = (hundreds or 0) * 100 + (rest or 0)
    if value == 0:
        return None  # "không trăm" alone
    return value, hundreds is not None or after_linh, i


# --- finding ------------------------------------------------------------------------

_WORD = re.compile(r"[^\W\d_]+")
_SEPARATOR = re.compile(r"(?:[^\S\r\n]|,)*")  # spaces and commas, not a line break
_LABEL = re.compile(r"(?<![^\W\d_])bằng\s++chữ(?![^\W\d_])\s*+\)?\s*+(?P<colon>[:：\-–])?\s*+\(?", re.IGNORECASE)
_OPEN = re.compile(r"\(")
# A figure just before a parenthesis: ``2.400.000 đồng (``, ``46.375 triệu đồng (``, ``500.000đ (``.
_FIGURE_BEFORE = re.compile(
    r"[0-9](?:[.,][0-9]{1,3})*+\s*+(?:(?:nghìn|ngàn|triệu|tỷ|tỉ)\s*+)?(?:đồng|đ|vnđ|vnd)?\.?\s*+$", re.IGNORECASE
)
_SCALE_OR_CURRENCY = frozenset(_SCALES) | {"trăm", "đồng"}
_FIGURE_WINDOW = 40  # characters looked at before a parenthesis


def find_words(text: str, unread: bool = False) -> list[WordsSpan]:
    """Amounts in words in a line of plan text, in order.

    Only words behind a marker count: ``Bằng chữ:`` (also ``Số tiền bằng chữ:``,
    ``(viết bằng chữ):``) followed by the words up to the end of the sentence or line,
    a parenthesis of words that ends in ``chẵn`` (``(Năm trăm triệu đồng chẵn)``), or a
    plain parenthesis right after a figure that holds nothing but amount words with
    ``đồng`` or a scale word (``2.400.000 đồng (hai triệu bốn trăm nghìn đồng)``).
    Numbers in prose (``mười tám người``) are never reported. The words run until
    ``đồng`` (and a ``chẵn`` after it) or the first word that is no number word. With
    ``unread``, words behind a marker that do not read as one amount are reported too,
    with ``value`` None (``Bằng chữ: hai triệu năm``); a label without a colon in prose
    (``ghi bằng chữ và bằng số``) never is. Offsets are into ``text`` as given, NFC or
    NFD. Linear in the length of the line.
    """
    s, starts = _nfc_with_offsets(text)
    found: dict[tuple[int, int], WordsSpan] = {}
    for m in _LABEL.finditer(s):
        explicit = m["colon"] is not None or m.group().endswith("(")
        _add(found, s, text, starts, _scan(s, m.end()), explicit and unread, explicit, plain=False)
    for m in _OPEN.finditer(s):
        run = _scan(s, m.end())
        if not run:
            continue
        if run[-1][0] in _TAIL:
            _add(found, s, text, starts, run, unread, True, plain=False)
            continue
        after = _next(s, run[-1][2])
        while after < len(s) and s[after] in "./ ":  # "(Hai triệu đồng./.)"
            after += 1
        filled = after < len(s) and s[after] == ")"
        if not filled or not any(w in _SCALE_OR_CURRENCY for w, _, _ in run):
            continue
        if _FIGURE_BEFORE.search(s, max(0, m.start() - _FIGURE_WINDOW), m.start()) is None:
            continue
        _add(found, s, text, starts, run, unread, True, plain=True)
    return [found[k] for k in sorted(found)]


def _add(
    found: dict[tuple[int, int], WordsSpan],
    s: str,
    text: str,
    starts: list[int] | None,
    run: list[tuple[str, int, int]],
    unread: bool,
    marked: bool,
    plain: bool,
) -> None:
    """Record the run as a span: read, or (with ``unread``) not read; prose is left alone."""
    words = [r for r in run if r[0] not in _TAIL]
    if not words:
        return
    after = _next(s, run[-1][2])
    runs_on = run[-1][0] != "đồng" and run[-1][0] not in _TAIL and after < len(s) and s[after].isalnum()
    parsed = None if runs_on else _parse([w for w, _, _ in run])
    if parsed is None and not unread:
        return  # "Bằng chữ: ba con mèo": words run on into prose, no amount ends here
    if parsed is None and not marked:
        return
    start, end = words[0][1], words[-1][2]
    if starts is not None:
        start, end = starts[start], starts[end]
    value = None if parsed is None else D(str(parsed[0]))
    found.setdefault((start, end), WordsSpan(start, end, value, 0, text[start:end], plain))


def _scan(s: str, pos: int) -> list[tuple[str, int, int]]:
    """The run of number words from ``pos``: (lowercase word, start, end), up to ``đồng`` and ``chẵn``."""
    run: list[tuple[str, int, int]] = []
    pos = _next(s, pos)
    while True:
        m = _WORD.match(s, pos)
        if m is None:
            return run
        word = m.group().lower()
        if word not in _VOCABULARY or (word == "âm" and run) or word in ("việt", "nam"):
            if word == "việt" and run:
                return _unit_after(s, run, m)
            return run
        run.append((word, m.start(), m.end()))
        if word in _TAIL:
            return run
        if word == "đồng":
            return _tail_after(s, run, m.end())
        pos = _next(s, m.end())


def _unit_after(s: str, run: list[tuple[str, int, int]], m: re.Match[str]) -> list[tuple[str, int, int]]:
    """``Việt Nam đồng`` after the number words; anything else ends the run before ``Việt``."""
    tail: list[tuple[str, int, int]] = [("việt", m.start(), m.end())]
    pos = m.end()
    for expected in ("nam", "đồng"):
        n = _WORD.match(s, _next(s, pos))
        if n is None or n.group().lower() != expected:
            return run
        tail.append((expected, n.start(), n.end()))
        pos = n.end()
    return _tail_after(s, run + tail, pos)


def _tail_after(s: str, run: list[tuple[str, int, int]], pos: int) -> list[tuple[str, int, int]]:
    m = _WORD.match(s, _next(s, pos))
    if m is not None and m.group().lower() in _TAIL:
        return [*run, (m.group().lower(), m.start(), m.end())]
    return run


def _next(s: str, pos: int) -> int:
    m = _SEPARATOR.match(s, pos)
    return pos if m is None else m.end()


def _nfc_with_offsets(text: str) -> tuple[str, list[int] | None]:
    """NFC text and, when it differs, the offset in ``text`` of each character (plus the end).

    Each base letter is composed with its marks separately, so every composed character
    knows where it started; None means the text was already NFC (offsets unchanged).
    """
    if unicodedata.is_normalized("NFC", text):
        return text, None
    chars: list[str] = []
    starts: list[int] = []
    start, n = 0, len(text)
    while start < n:
        end = start + 1
        while end < n and unicodedata.combining(text[end]):
            end += 1
        for ch in unicodedata.normalize("NFC", text[start:end]):
            chars.append(ch)
            starts.append(start)
        start = end
    starts.append(n)
    return "".join(chars), starts
