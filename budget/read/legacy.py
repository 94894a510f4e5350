"""Legacy Vietnamese encodings shown as mojibake: find TCVN3 (ABC) and VNI runs and repair them.

Plans copied out of old .doc files carry text typed in TCVN3 fonts (.VnTime, .VnArial) or
VNI fonts (VNI-Times). When a tool took the font's bytes for Windows-1252 (or Latin-1) and
saved them as UTF-8, ``Dự toán`` shows as ``Dù to¸n`` (TCVN3) or ``Döï toaùn`` (VNI), often
beside correct Unicode in the same line.

The unit of decision is the token, one syllable: a run of letters, combining marks and the
symbols TCVN3 uses as letters (``§ ¸ µ ¹ ¾ ...``). A token is read in each legacy encoding
and the reading is checked by a compact validator of Vietnamese syllables (onset, nucleus
with at most one tone mark, coda, and their constraints). A token is *evidence* only when
its legacy reading is a valid syllable and the token as written is not; correct Unicode
(NFC or NFD) is valid as written, so it is never evidence. A line is repaired when it holds
clear evidence; tokens valid both ways (``Dù``: ``dù`` or ``dự``) follow their context. A
repair is *certain* when every converted token reads as a syllable (or an abbreviation
such as ``QĐ``) and no token was left to a tie between Unicode and legacy neighbours.

Repair must be run on the text as decoded, before ``budget.text.clean_line``: TCVN3 uses
the soft hyphen U+00AD for ``ư`` (``Tr\\xadêng`` = ``Trường``), which cleaning deletes.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from functools import lru_cache
from operator import itemgetter
from types import MappingProxyType
from typing import NamedTuple

TCVN3 = "TCVN3"
VNI = "VNI"

# Tone marks in the order sắc, huyền, hỏi, ngã, nặng; tone n (1..5) is _TONE_MARKS[n - 1].
_TONE_MARKS = "\u0301\u0300\u0309\u0303\u0323"
_SAC, _NANG = 1, 5

# TCVN 5712:1993 VN3, the single-byte table of the ABC fonts: byte → letter. Capitals with
# tone marks have no code: ".VnTimeH" fonts draw the lower-case codes as capitals, so only
# the seven capitals at 0xA1-0xA7 are certain; everything else below is lower case.
_TCVN3_ROWS = """
    A1 Ă  A2 Â  A3 Ê  A4 Ô  A5 Ơ  A6 Ư  A7 Đ
    A8 ă  A9 â  AA ê  AB ô  AC ơ  AD ư  AE đ
    B5 à  B6 ả  B7 ã  B8 á  B9 ạ
    BB ằ  BC ẳ  BD ẵ  BE ắ  C6 ặ
    C7 ầ  C8 ẩ  C9 ẫ  CA ấ  CB ậ
    CC è  CE ẻ  CF ẽ  D0 é  D1 ẹ
    D2 ề  D3 ể  D4 ễ  D5 ế  D6 ệ
    D7 ì  D8 ỉ  DC ĩ  DD í  DE ị
    DF ò  E1 ỏ  E2 õ  E3 ó  E4 ọ
    E5 ồ  E6 ổ  E7 ỗ  E8 ố  E9 ộ
    EA ờ  EB ở  EC ỡ  ED ớ  EE ợ
    EF ù  F1 ủ  F2 ũ  F3 ú  F4 ụ
    F5 ừ  F6 ử  F7 ữ  F8 ứ  F9 ự
    FA ỳ  FB ỷ  FC ỹ  FD ý  FE ỵ
"""


def _tcvn3_bytes() -> dict[int, str]:
    cells = _TCVN3_ROWS.split()
    return {
        int(code, 16): unicodedata.normalize("NFC", letter)
        for code, letter in zip(cells[::2], cells[1::2], strict=True)
    }


TCVN3_BYTES: Mapping[int, str] = MappingProxyType(_tcvn3_bytes())
# Mojibake character → letter. Windows-1252 and Latin-1 agree on 0xA0-0xFF, where every
# code lies, so the character of byte b is chr(b) whichever of the two decoded the file.
TCVN3_TABLE: Mapping[str, str] = MappingProxyType({chr(b): letter for b, letter in TCVN3_BYTES.items()})
# Codes that are common operators in Unicode text: alone they are no evidence of TCVN3.
_TCVN3_WEAK = frozenset("·×÷")


# VNI Windows: a letter is an ASCII base followed by at most one mark character (the mark
# carries the vowel shape and the tone together); ơ, ư, đ, the toned i and ỵ are single
# characters. Capitals use the capital forms of the marks. Tones in _TONE_MARKS order.
_VNI_MARKS = {
    # case: (tone after a plain vowel, circumflex + tone, breve + tone, toned i, circumflex, breve)
    "lower": ("ùøûõï", "áàåãä", "éèúüë", "íìæóò", "â", "ê"),
    "upper": ("ÙØÛÕÏ", "ÁÀÅÃÄ", "ÉÈÚÜË", "ÍÌÆÓÒ", "Â", "Ê"),
}


def _vni_table() -> dict[str, str]:
    def nfc(s: str) -> str:
        return unicodedata.normalize("NFC", s)

    table: dict[str, str] = {}
    for case, (plain, circ_tones, breve_tones, i_tones, circ, breve) in _VNI_MARKS.items():
        up = case == "upper"

        def cv(s: str, up: bool = up) -> str:
            return s.upper() if up else s

        table[cv("ñ")] = cv("đ")
        table[cv("î")] = cv("ỵ")
        table[cv("ô")] = cv("ơ")
        table[cv("ö")] = cv("ư")
        for tone, mark in zip(_TONE_MARKS, i_tones, strict=True):
            table[mark] = nfc(cv("i") + tone)
        for base in (*cv("aeouy"), cv("ô"), cv("ö")):
            letter = table.get(base, base)
            for tone, mark in zip(_TONE_MARKS, plain, strict=True):
                if letter.lower() != "y" or tone != _TONE_MARKS[_NANG - 1]:  # ỵ is î
                    table[base + mark] = nfc(letter + tone)
        for base in cv("aeo"):
            table[base + circ] = nfc(base + "\u0302")
            for tone, mark in zip(_TONE_MARKS, circ_tones, strict=True):
                table[base + mark] = nfc(base + "\u0302" + tone)
        table[cv("a") + breve] = cv("ă")
        for tone, mark in zip(_TONE_MARKS, breve_tones, strict=True):
            table[cv("a") + mark] = nfc(cv("a") + "\u0306" + tone)
    return table


# Sequence of one or two mojibake characters → letter.
VNI_TABLE: Mapping[str, str] = MappingProxyType(_vni_table())


# ---------------------------------------------------------------------------------------------
# Syllables

_VOWELS = frozenset("aăâeêioôơuưy")


def _letters() -> dict[str, tuple[str, int]]:
    """Every letter of Vietnamese (and the ASCII consonants it borrows) → (lower-case base
    keeping its vowel shape, tone 0..5). f, j, w and z are not Vietnamese and are absent."""
    table: dict[str, tuple[str, int]] = {}
    for base in "abcdeghiklmnopqrstuvxyđăâêôơư":
        table[base] = (base, 0)
        table[base.upper()] = (base, 0)
        if base in _VOWELS:
            for tone, mark in enumerate(_TONE_MARKS, 1):
                for b in (base, base.upper()):
                    table[unicodedata.normalize("NFC", b + mark)] = (base, tone)
    return table


_LETTER = _letters()

# Longest first; "" last: a syllable may start with its vowel.
_ONSETS = ("ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "th", "tr", "qu", *"bcdđghklmnprstvx", "")
_CODAS = ("ng", "nh", "ch", "c", "m", "n", "p", "t", "")
_STOPS = frozenset(("c", "ch", "p", "t"))
_OPEN, _CLOSED, _FREE = 0, 1, 2
# Vowel groups (without tone) → whether a coda may, must, or must not follow.
_NUCLEI: dict[str, int] = {}
for _class, _group in (
    (_OPEN, "y ai ao au ay âu ây eo êu ia iu oi ôi ơi ua ui uơ ưa ưi ưu"),
    (_OPEN, "iêu yêu oai oay oao oeo uây uôi ươi ươu uya uyu"),
    (_CLOSED, "ă â iê yê uô ươ oă uâ uyê oo"),
    (_FREE, "a e ê i o ô ơ u ư oa oe uê uy"),
):
    _NUCLEI.update(dict.fromkeys(_group.split(), _class))
del _class, _group


def _rhyme_ok(onset: str, nucleus: str, coda: str, tone: int) -> bool:
    kind = _NUCLEI.get(nucleus)
    if kind is None or (kind == _OPEN and coda) or (kind == _CLOSED and not coda):
        return False
    if coda in _STOPS and tone not in (_SAC, _NANG):
        return False
    if coda in ("ch", "nh") and nucleus[-1] not in "aêiy":
        return False
    if coda in ("c", "ng") and nucleus in ("i", "uy"):
        return False
    if nucleus == "oo" and coda not in ("c", "ng"):
        return False
    first = nucleus[0]
    if onset == "k":
        return first in "ieêy"
    if onset == "c":
        return first not in "ieêy"
    if onset in ("gh", "ngh"):
        return first in "ieê"
    if onset == "ng":
        return first not in "ieê"
    if onset == "g":
        return first not in "eê"
    if onset == "gi":
        return first != "i"
    if onset == "qu":
        return first not in "uưo"
    if nucleus.startswith("iê"):
        return onset != ""
    if nucleus.startswith("yê"):
        return onset == ""
    return True


@lru_cache(maxsize=1 << 14)
def _parse(base: str, tone: int) -> int:
    """Length of the onset of ``base`` read as a syllable, or -1 when it is none."""
    for onset in _ONSETS:
        if not base.startswith(onset):
            continue
        rest = base[len(onset) :]
        for coda in _CODAS:
            if rest.endswith(coda) and len(rest) > len(coda):
                if _rhyme_ok(onset, rest[: len(rest) - len(coda)], coda, tone):
                    return len(onset)
    return -1


_MAX_SYLLABLE = 8  # "nghiêng" has seven letters


def syllable_onset(word: str, strict_case: bool = False) -> int:
    """Onset length of ``word`` (NFC) as one Vietnamese syllable; -1 when it is not one.

    At most one tone mark; the tone's position among the vowels is not checked (``hoá`` and
    ``hóa`` are both in use). ``strict_case`` also requires lower, Title or UPPER case.
    """
    if not word or len(word) > _MAX_SYLLABLE:
        return -1
    if strict_case and len(word) > 1:
        if not (word.islower() or word.isupper() or (word[0].isupper() and word[1:].islower())):
            return -1
    bases = []
    tone = 0
    for ch in word:
        info = _LETTER.get(ch)
        if info is None:
            return -1
        if info[1]:
            if tone:
                return -1
            tone = info[1]
        bases.append(info[0])
    return _parse("".join(bases), tone)


def is_syllable(word: str) -> bool:
    """True when ``word`` (NFC or NFD, any case) is one well-formed Vietnamese syllable."""
    return syllable_onset(unicodedata.normalize("NFC", word)) >= 0


# ---------------------------------------------------------------------------------------------
# Tokens and their readings

_SYMBOLS = "".join(sorted(c for c in TCVN3_TABLE if not c.isalpha()))
_TOKEN_RE = "(?:[^\\W\\d_]|[\u0300-\u036f" + re.escape(_SYMBOLS) + "])+"
_TOKEN = re.compile(_TOKEN_RE)
# What ends a clause between two tokens: mixed lines are decided clause by clause.
_BOUNDARY_RE = r"[:;|()\[\]{}<>=/\\\"“”…\t\r\n–—]|\s{2,}|\s-\s"
_SCAN = re.compile(f"({_TOKEN_RE})|{_BOUNDARY_RE}")
# A line without any of these has nothing to repair (Latin-1 letters and symbols, and
# combining marks, which may compose into them).
_CANDIDATE = re.compile("[\u00a1-\u00ff\u0300-\u036f]")
_MARK = re.compile("[\u0300-\u036f]")
_LINES = re.compile(r"\r\n|\r|\n")
_MAX_TOKEN = 40  # a longer token is no syllable: it is left as written

# Kinds of a token for one encoding, in increasing order of evidence.
_N = 0  # the reading changes nothing (ASCII, or the same letters)
_X = 1  # not this encoding: no reading, or correct Unicode whose reading is no syllable
_A = 2  # ambiguous: a syllable both as written and as read
_G = 3  # garbage: a syllable neither way
_S1 = 4  # strong: only the reading is a syllable, but short or made only of weak codes
_S2 = 5  # strong and clear: the reading has an onset or three letters


class _Reading(NamedTuple):
    text: str  # the token read in the encoding (lower case as coded, for TCVN3)
    origins: tuple[int, ...] | None  # token offset of each character of text; None: i → i
    kind: int


class _Info(NamedTuple):
    """A token read both ways. The kinds are repeated so that columns of them are cheap."""

    tcvn3: _Reading
    vni: _Reading
    case: int  # 2: two or more ASCII letters, all capitals; 1: no small ASCII letter; 0: some
    kind_tcvn3: int
    kind_vni: int


_UNCHANGED = _Reading("", None, _N)
_KIND = (itemgetter(3), itemgetter(4))  # per encoding index: 0 TCVN3, 1 VNI


def _clusters(token: str) -> tuple[str, tuple[int, ...] | None]:
    """The token in NFC with the token offset of each character (None when NFC changes nothing)."""
    if not _MARK.search(token):
        return token, None
    chars: list[str] = []
    origins: list[int] = []
    start = 0
    for i in range(1, len(token) + 1):
        if i == len(token) or not ("\u0300" <= token[i] <= "\u036f"):
            composed = unicodedata.normalize("NFC", token[start:i])
            chars.append(composed)
            origins.extend([start] * len(composed))
            start = i
    return "".join(chars), tuple(origins)


def _read_tcvn3(word: str) -> tuple[str, None] | None:
    out = []
    for ch in word:
        letter = TCVN3_TABLE.get(ch)
        if letter is not None:
            out.append(letter)
        elif ch.isascii():
            out.append(ch)
        else:
            return None
    return "".join(out), None


def _read_vni(word: str) -> tuple[str, tuple[int, ...] | None] | None:
    out = []
    origins = []
    i, n = 0, len(word)
    while i < n:
        pair = VNI_TABLE.get(word[i : i + 2]) if i + 1 < n else None
        if pair is not None:
            out.append(pair)
            origins.append(i)
            i += 2
            continue
        ch = word[i]
        letter = VNI_TABLE.get(ch)
        if letter is None and not ch.isascii():
            return None
        out.append(ch if letter is None else letter)
        origins.append(i)
        i += 1
    text = "".join(out)
    return text, (None if len(text) == n else tuple(origins))


_CONSONANTS = frozenset("bcdđghklmnpqrstvx")


def _abbreviation(text: str) -> bool:
    """Consonants with a đ in one case (``QĐ``, ``ĐVT``, ``trđ``, ``đ``): abbreviations of
    administrative writing, accepted as readings though no syllable."""
    lower = text.lower()
    return (
        len(text) <= 6
        and "đ" in lower
        and (text == lower or text == text.upper())
        and all(ch in _CONSONANTS for ch in lower)
    )


def _kind(reading: str, written_valid: bool, onset: int, strong_codes: bool) -> int:
    """``onset`` is that of the reading as a syllable; -1 none, -2 an abbreviation."""
    if onset == -1:
        return _X if written_valid else _G
    if written_valid:
        return _A
    return _S2 if strong_codes and (onset > 0 or len(reading) >= 3) else _S1


def _classify(token: str) -> _Info:
    """How one token reads in TCVN3 and in VNI."""
    if token.isascii():
        return _ASCII_INFO[(2 if len(token) >= 2 else 1) if token.isupper() else 0]
    if len(token) > _MAX_TOKEN:
        return _ASCII_INFO[0]  # no syllable: left as written, and it ends a run of capitals
    word, origins = _clusters(token)
    small = sum(1 for ch in word if "a" <= ch <= "z")
    capitals = sum(1 for ch in word if "A" <= ch <= "Z")
    case = 0 if small else (2 if capitals >= 2 else 1)
    written_valid = syllable_onset(word) >= 0
    readings = []
    for encoding in (TCVN3, VNI):
        read = _read_tcvn3(word) if encoding == TCVN3 else _read_vni(word)
        if read is None:
            readings.append(_Reading("", None, _X))
            continue
        text, offsets = read
        if text == word:
            readings.append(_UNCHANGED)
            continue
        if encoding == TCVN3:
            onset = syllable_onset(text.lower())
            strong_codes = any(ch in TCVN3_TABLE and ch not in _TCVN3_WEAK for ch in word)
        else:
            onset = syllable_onset(text, strict_case=True)
            strong_codes = True
        if onset < 0 and _abbreviation(text):
            onset, strong_codes = -2, False  # convertible, but never clear evidence
        if origins is not None:
            offsets = tuple(origins[k] for k in (offsets or range(len(text))))
        readings.append(_Reading(text, offsets, _kind(text, written_valid, onset, strong_codes)))
    t, v = readings
    # Garbage in one encoding that is evidence for the other belongs to the other.
    if t.kind == _G and v.kind >= _S1:
        t = t._replace(kind=_X)
    elif v.kind == _G and t.kind >= _S1:
        v = v._replace(kind=_X)
    return _Info(t, v, case, t.kind, v.kind)


_ASCII_INFO = tuple(_Info(_UNCHANGED, _UNCHANGED, case, _N, _N) for case in range(3))
_CACHE: dict[str, _Info] = {}
_CACHE_SIZE = 1 << 16


class _Line(NamedTuple):
    """The tokens of a line, as columns."""

    starts: list[int]
    ends: list[int]
    infos: list[_Info]
    clauses: list[int]


def _tokens(line: str) -> _Line:
    starts: list[int] = []
    ends: list[int] = []
    infos: list[_Info] = []
    clauses: list[int] = []
    if not _CANDIDATE.search(line):
        return _Line(starts, ends, infos, clauses)
    cache = _CACHE
    get = cache.get
    add_start, add_end, add_info, add_clause = starts.append, ends.append, infos.append, clauses.append
    clause = 0
    for m in _SCAN.finditer(line):
        token = m[1]
        if token is None:
            clause += 1
            continue
        info = get(token)
        if info is None:
            if len(cache) >= _CACHE_SIZE:
                cache.clear()
            info = cache[token] = _classify(token)
        start, end = m.span()
        add_start(start)
        add_end(end)
        add_info(info)
        add_clause(clause)
    return _Line(starts, ends, infos, clauses)


# ---------------------------------------------------------------------------------------------
# Decisions


class Detection(NamedTuple):
    """What ``detect`` found in a text: the legacy encoding of its mojibake, if any."""

    encoding: str | None  # TCVN3, VNI, or None
    confidence: float  # 0 when encoding is None; rises towards 1 with the evidence
    evidence: int  # tokens that only the legacy reading makes Vietnamese


class _Evidence(NamedTuple):
    fired: bool  # a clear (S2) token: the line has this mojibake
    score: int  # 2 per clear (S2) token, 1 per short (S1) one
    strong: int
    garbage: int


def _evidence(kinds: list[int]) -> _Evidence:
    clear, short = kinds.count(_S2), kinds.count(_S1)
    return _Evidence(clear > 0, 2 * clear + short, clear + short, kinds.count(_G))


def _choose(tokens: _Line) -> tuple[int, list[int], _Evidence] | None:
    """The encoding (0 TCVN3, 1 VNI) whose mojibake the line carries, its kinds and evidence."""
    best: tuple[int, list[int], _Evidence] | None = None
    if not tokens.infos:
        return None
    for e in (0, 1):
        kinds = list(map(_KIND[e], tokens.infos))
        ev = _evidence(kinds)
        if ev.fired and (best is None or ev.score > best[2].score):
            best = (e, kinds, ev)
    return best


def _confidence(ev: _Evidence) -> float:
    if not ev.fired:
        return 0.0
    return round((1 - 0.5**ev.score) * ev.strong / (ev.strong + ev.garbage), 3)


def detect(text: str) -> Detection:
    """Whether ``text`` (a line or many) carries TCVN3 or VNI mojibake, and how surely.

    A line carries it when one of its tokens is clear evidence: the token is no Vietnamese
    syllable as written, its legacy reading is one, and that reading has an onset consonant
    or three letters (``to¸n``, ``vµ``; not ``µm``, ``§ 2``, ``©``, ``N·m``). When lines
    disagree, the encoding with more evidence wins.
    """
    totals = [_Evidence(False, 0, 0, 0), _Evidence(False, 0, 0, 0)]
    for line in _LINES.split(text):
        chosen = _choose(_tokens(line))
        if chosen is not None:
            e, _, ev = chosen
            t = totals[e]
            totals[e] = _Evidence(True, t.score + ev.score, t.strong + ev.strong, t.garbage + ev.garbage)
    fired = [(ev.score, -e, e) for e, ev in enumerate(totals) if ev.fired]
    if not fired:
        return Detection(None, 0.0, 0)
    e = max(fired)[2]
    return Detection((TCVN3, VNI)[e], _confidence(totals[e]), totals[e].strong)


def _decide(kinds: list[int], clauses: list[int]) -> tuple[list[int], bool]:
    """Indices of the tokens to convert, and whether a token was left by a tie of neighbours.

    A line with no token of correct Unicode is converted whole. A mixed line is decided per
    clause: clauses without clear evidence stay; in the others a clear token is converted,
    and an unclear one follows the nearer of its decisive neighbours (clear legacy or
    Unicode, counting tokens that either reading changes); a tie leaves it as written.
    """
    if _X not in kinds:
        return [i for i, k in enumerate(kinds) if k >= _A], False
    chosen: list[int] = []
    tie = False
    by_clause: dict[int, list[int]] = {}
    for i, k in enumerate(kinds):
        if k != _N:
            by_clause.setdefault(clauses[i], []).append(i)
    for members in by_clause.values():
        seq = [kinds[i] for i in members]
        if _S2 not in seq:
            continue
        if _X not in seq:
            chosen.extend(i for i, k in zip(members, seq, strict=True) if k >= _A)
            continue
        n = len(seq)
        left: list[int] = [-1] * n  # position of the nearest decisive token on each side
        right: list[int] = [-1] * n
        near = -1
        for p in range(n):
            if seq[p] == _S2 or seq[p] == _X:
                near = p
            left[p] = near
        near = -1
        for p in range(n - 1, -1, -1):
            if seq[p] == _S2 or seq[p] == _X:
                near = p
            right[p] = near
        for p, i in enumerate(members):
            k = seq[p]
            if k == _S2:
                chosen.append(i)
            elif k >= _A:
                lt, rt = left[p], right[p]
                dl = p - lt if lt >= 0 else n + 1
                dr = rt - p if rt >= 0 else n + 1
                side = lt if dl < dr else rt if dr < dl else -1
                if side < 0:
                    if lt < 0 or rt < 0 or seq[lt] != seq[rt]:
                        tie = True
                        continue
                    side = lt
                if seq[side] == _S2:
                    chosen.append(i)
    chosen.sort()
    return chosen, tie


def _capitals(tokens: _Line, chosen: list[int]) -> set[int]:
    """TCVN3 tokens to write in capitals: .VnTimeH text shows capital ASCII letters beside
    lower-case codes, so a run of tokens without small ASCII letters, one of them converted
    and with two or more capitals, was typed in capitals."""
    converted = set(chosen)
    upper: set[int] = set()
    run: list[int] = []
    caps = False
    infos = tokens.infos
    for i in range(len(infos) + 1):
        info = infos[i] if i < len(infos) else None
        if info is None or info.case == 0 or info.kind_tcvn3 == _X:
            if caps:
                upper.update(run)
            run, caps = [], False
            continue
        if i in converted:
            run.append(i)
            caps = caps or info.case == 2
    return upper


class Repair(NamedTuple):
    """A line with its legacy runs converted to Unicode.

    TCVN3 maps one character to one character, so for NFC input ``text`` has the length
    of the line and every column stays valid; ``cols`` is None. VNI writes one letter with
    up to two characters (as does NFD input), so ``cols[i]`` gives the index in the
    original line of the character ``text[i]`` came from.
    """

    text: str
    encoding: str | None  # TCVN3, VNI, or None when nothing was converted
    certain: bool
    spans: list[tuple[int, int]]  # converted runs, [start, end) in the original line
    cols: list[int] | None = None


def repair_line(line: str) -> Repair:
    """Convert the TCVN3 or VNI runs of one line, leaving correct Unicode as it is.

    ``certain``: every converted token reads as a valid Vietnamese syllable and no token's
    fate was left to a tie between Unicode and legacy neighbours. Runs of converted tokens
    separated only by white space make one span.
    """
    tokens = _tokens(line)
    found = _choose(tokens)
    if found is None:
        return Repair(line, None, True, [])
    e, kinds, _ = found
    chosen, tie = _decide(kinds, tokens.clauses)
    if not chosen:
        return Repair(line, None, True, [])
    infos = tokens.infos
    upper = _capitals(tokens, chosen) if e == 0 and any(infos[i].case == 2 for i in chosen) else set()
    starts, ends = tokens.starts, tokens.ends
    readings = [infos[i].vni if e else infos[i].tcvn3 for i in chosen]
    pieces: list[str] = []
    spans: list[tuple[int, int]] = []
    certain = not tie
    same_length = True
    pos = 0
    for i, reading in zip(chosen, readings, strict=True):
        start, end = starts[i], ends[i]
        certain = certain and reading.kind != _G
        same_length = same_length and reading.origins is None
        pieces.append(line[pos:start])
        pieces.append(reading.text.upper() if i in upper else reading.text)
        if spans and (spans[-1][1] == start or line[spans[-1][1] : start].isspace()):
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
        pos = end
    pieces.append(line[pos:])
    cols: list[int] | None = None
    if not same_length:
        cols = []
        pos = 0
        for i, reading in zip(chosen, readings, strict=True):
            cols.extend(range(pos, starts[i]))
            start = starts[i]
            cols.extend([start + k for k in reading.origins] if reading.origins else range(start, ends[i]))
            pos = ends[i]
        cols.extend(range(pos, len(line)))
    return Repair("".join(pieces), (TCVN3, VNI)[e], certain, spans, cols)


class LegacyNote(NamedTuple):
    """One repaired line, for the reader to report: where, which encoding, how surely."""

    line: int  # 1-based, counted as an editor counts (CRLF, CR and LF end a line)
    encoding: str
    certain: bool
    spans: tuple[tuple[int, int], ...]  # in the original line
    cols: tuple[int, ...] | None  # as ``Repair.cols``


def repair_text(text: str) -> tuple[str, list[LegacyNote]]:
    """``repair_line`` on every line; line ends are kept as they are."""
    out: list[str] = []
    notes: list[LegacyNote] = []
    pos = 0
    number = 1
    for m in [*_LINES.finditer(text), None]:
        end = len(text) if m is None else m.start()
        line = text[pos:end]
        r = repair_line(line)
        out.append(r.text)
        if r.encoding is not None:
            cols = None if r.cols is None else tuple(r.cols)
            notes.append(LegacyNote(number, r.encoding, r.certain, tuple(r.spans), cols))
        if m is not None:
            out.append(m.group())
            pos = m.end()
            number += 1
    return "".join(out), notes


def decode_cp1258(data: bytes) -> str | None:
    """``data`` as Windows-1258 text in NFC, or None when it does not decode or is no Vietnamese.

    Windows-1258 writes most tones as combining marks after the letter; NFC composes them.
    Vietnamese here means: some token has letters beyond ASCII and at least four in five
    such tokens are Vietnamese syllables (UTF-8 or Windows-1252 bytes read this way are not).
    """
    try:
        text = unicodedata.normalize("NFC", data.decode("cp1258"))
    except UnicodeDecodeError:
        return None
    words = [w for w in _TOKEN.findall(text) if not w.isascii()]
    if not words:
        return None
    valid = sum(1 for w in words if syllable_onset(w) >= 0)
    return text if 5 * valid >= 4 * len(words) else None
