"""The one unit registry of the program, built from ``units.txt``, and unit text reading.

``units.txt`` holds each unit's pint definition, the name shown to users and the
spellings plans use. Money units also get a plain ``Money`` record (a power of ten of
đồng) so that the arithmetic never needs pint.

pint is the authority on what the definitions mean, but building its registry costs a
quarter of a second of imports, longer than a whole check of a plan. So what the checks
need of it (each unit's factor to its base unit and its dimensions) is derived from pint
once and shipped beside the definitions as ``units_table.txt``; a normal run reads that
table and never imports pint. ``python -m budget.units --rebuild`` writes the table again
from pint, and a test fails when the shipped table differs from pint's by one byte.
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from budget.text import fold

if TYPE_CHECKING:
    import pint

TABLE = "units_table.txt"


@dataclass(frozen=True)
class Money:
    """A money unit: its name shown to users and its scale as a power of ten of đồng."""

    name: str
    exponent: int
    unit: str = ""  # pint name


@dataclass(frozen=True)
class _Spelling:
    words: tuple[str, ...]  # folded words
    unit: str  # pint name
    alone: bool  # only when no other word follows
    marked: str = ""  # as written in the catalogue, lower case: ``hộ`` (``hỗ trợ`` folds to it too)

    def same_marks(self, written: str) -> bool:
        """Does ``written`` (a match of the folded words) carry this spelling's marks? Text
        typed without marks matches any spelling; ``hỗ`` is no ``hộ``, ``Công`` no ``cộng``;
        ``khoá`` is ``khóa`` (where the tone mark sits is a matter of style)."""
        text = " ".join(written.lower().split())
        return text == fold(text) or _toned(text) == _toned(self.marked)


Dimensions = tuple[tuple[str, int], ...]  # sorted (pint dimension such as ``[currency]``, exponent)


@dataclass(frozen=True)
class Catalogue:
    display: dict[str, str]  # pint name → Vietnamese name
    spellings: tuple[_Spelling, ...]  # longest first
    money: dict[str, Money]  # pint name → Money
    dimensions: dict[str, Dimensions]  # pint name → its dimensions, as pint gives them
    factors: dict[str, Decimal]  # pint name → its factor to its base unit (``tan``: 1000 kg)


def _definitions() -> list[tuple[str, str, list[str]]]:
    return _parse_definitions(Path(__file__).with_name("units.txt").read_text(encoding="utf-8"))


def _parse_definitions(text: str) -> list[tuple[str, str, list[str]]]:
    rows = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        definition, display, spellings = (part.strip() for part in line.split(";"))
        rows.append((definition, display, [s.strip() for s in spellings.split(",") if s.strip()]))
    return rows


def _rows(text: str) -> list[list[str]]:
    return [[part.strip() for part in line.split(";")] for line in text.splitlines() if line and line[0] != "#"]


def _read_dimensions(text: str) -> Dimensions:
    """``[area]`` or ``[month]^-1 [person]`` → sorted (dimension, exponent)."""
    out = []
    for word in text.split():
        name, _, power = word.partition("^")
        out.append((name, int(power or 1)))
    return tuple(sorted(out))


def _write_dimensions(dimensions: Dimensions) -> str:
    return " ".join(name if power == 1 else f"{name}^{power}" for name, power in dimensions)


@cache
def catalogue() -> Catalogue:
    """The tables of our units, built once from ``units.txt`` and the table pint derived from it."""
    display: dict[str, str] = {}
    spellings: list[_Spelling] = []
    for definition, shown, spelled in _definitions():
        name = definition.split("=")[0].strip()
        display[name] = shown
        for s in spelled:
            alone = s.endswith("~")
            bare = s.rstrip("~")
            spellings.append(_Spelling(tuple(fold(bare).split()), name, alone, " ".join(bare.lower().split())))
    spellings.sort(key=lambda s: (-len(s.words), -len(" ".join(s.words))))
    money: dict[str, Money] = {}
    dimensions: dict[str, Dimensions] = {}
    factors: dict[str, Decimal] = {}
    for name, factor, _base, dims in _rows(Path(__file__).with_name(TABLE).read_text(encoding="utf-8")):
        dimensions[name] = _read_dimensions(dims)
        factors[name] = Decimal(factor)
        if dimensions[name] == (("[currency]", 1),):
            exponent = len(factor) - 1
            assert Decimal(factor) == Decimal(10) ** exponent, name
            money[name] = Money(display[name], exponent, name)
    assert dimensions.keys() == display.keys(), f"{TABLE} is out of date: python -m budget.units --rebuild"
    assert all(money[m.unit] == m for m in SCALES)
    return Catalogue(display, tuple(spellings), money, dimensions, factors)


@cache
def registry() -> pint.UnitRegistry[Decimal]:
    """pint's registry of our definitions (Decimal, no default units): the authority that
    ``units_table.txt`` is derived from. Lazy: a normal run never needs it (see module doc)."""
    import pint  # lazy-import point: budget.lazy_imports

    reg: pint.UnitRegistry[Decimal] = pint.UnitRegistry(None, non_int_type=Decimal)
    for definition, _, _ in _definitions():
        reg.define(definition)
    return reg


def table_from_pint() -> str:
    """``units_table.txt`` as pint computes it: each unit's factor to its base unit (exact
    Decimal, plain notation), that base unit and its dimensions, in the order of ``units.txt``."""
    reg = registry()
    lines = [
        "# Derived by pint from units.txt: python -m budget.units --rebuild. Do not edit.",
        "# unit ; factor to its base unit ; base unit ; dimensions",
    ]
    for definition, _, _ in _definitions():
        name = definition.split("=")[0].strip()
        base = reg.Quantity(Decimal(1), name).to_base_units()
        factor = base.magnitude
        assert isinstance(factor, Decimal), name
        dims = []
        for dim, power in base.dimensionality.items():
            exponent = Decimal(str(power))  # pint keeps exponents in the registry's number type
            assert exponent == exponent.to_integral_value(), (name, dim, power)
            dims.append((dim, int(exponent)))
        plain = format(factor.normalize(), "f")
        lines.append(f"{name} ; {plain} ; {base.units!s} ; {_write_dimensions(tuple(sorted(dims)))}".rstrip())
    return "\n".join(lines) + "\n"


# The four scales of money, named here so that importing this module reads no file;
# ``catalogue`` asserts that units.txt and the table agree with them.
DONG = Money("đồng", 0, "dong")
NGHIN = Money("nghìn đồng", 3, "nghin_dong")
TRIEU = Money("triệu đồng", 6, "trieu_dong")
TY = Money("tỷ đồng", 9, "ty_dong")
SCALES = (DONG, NGHIN, TRIEU, TY)

_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")  # huyền, sắc, ngã, hỏi, nặng


def _toned(text: str) -> tuple[tuple[str, str], ...]:
    """Each word as (letters with their vowel marks, its tone marks): the same for ``khóa`` and
    ``khoá``, different for ``hộ`` and ``hỗ``."""
    out = []
    for word in text.split():
        parts = unicodedata.normalize("NFD", word)
        tones = "".join(sorted(ch for ch in parts if ch in _TONES))
        out.append((unicodedata.normalize("NFC", "".join(ch for ch in parts if ch not in _TONES)), tones))
    return tuple(out)


_WORD = re.compile(r"[^\s/]+")
_FOLLOWING_WORD = re.compile(r"\s*[^\W\d_]")


def _match_at(folded: str, pos: int, spelling: _Spelling) -> int | None:
    """End of ``spelling`` matched at ``pos`` of folded text (word boundaries), else None."""
    end = pos
    for i, word in enumerate(spelling.words):
        if i:
            gap = re.match(r"\s+", folded[end:])
            if gap is None:
                return None
            end += gap.end()
        if not folded.startswith(word, end):
            return None
        end += len(word)
    if end < len(folded) and (folded[end].isalnum() and folded[end - 1].isalnum()):
        return None
    if spelling.alone and _FOLLOWING_WORD.match(folded, end):
        return None
    return end


@cache
def _money_pattern() -> re.Pattern[str]:
    """One regex over folded text for every money spelling, longest first."""
    cat = catalogue()
    alternatives = []
    for i, sp in enumerate(cat.spellings):
        if sp.unit not in cat.money:
            continue
        body = r"\s+".join(re.escape(w) for w in sp.words)
        end = r"(?![a-z0-9])" if sp.words[-1][-1].isalnum() else ""
        if sp.alone:
            end += r"(?!\s*[^\W\d_])"
        alternatives.append(f"(?P<m{i}>{body}){end}")
    return re.compile(r"\s*(?:" + "|".join(alternatives) + ")")


@lru_cache(maxsize=8192)
def read_money(unit_text: str) -> tuple[Money | None, int]:
    """Money unit at the start of ``unit_text``: the unit and how many characters it spans.

    ``"triệu đồng/người/năm"`` gives (TRIEU, 10); ``"người"`` gives (None, 0).
    ``fold`` keeps one character per character, so the span applies to the original text.
    Cached: the same few unit texts follow most numbers of a plan.
    """
    m = _money_pattern().match(fold(unit_text))
    if m is None or m.lastgroup is None:
        return None, 0
    cat = catalogue()
    return cat.money[cat.spellings[int(m.lastgroup[1:])].unit], m.end()


def money_named(name: str) -> Money:
    """The unit with this canonical name or spelling (for headers, workbooks, tests)."""
    money, span = read_money(name)
    if money is None or span != len(name.strip()):
        raise KeyError(name)
    return money


@dataclass(frozen=True)
class UnitReading:
    """What a factor's unit text means: pint unit exponents, and the words it did not know."""

    exponents: tuple[tuple[str, int], ...]  # sorted (pint name, exponent), zero exponents dropped
    new_words: tuple[str, ...] = ()  # unknown nouns, each made a count dimension of its own
    ignored: tuple[str, ...] = ()  # words beside a known noun, read as modifiers ("đơn vị chính")


def _new_count(words: str) -> str:
    """Register an unknown noun as a count dimension of its own (as pint's ``n_xe = [n_xe]``
    would); its name."""
    cat = catalogue()
    name = "n_" + re.sub(r"[^a-z0-9]+", "_", fold(words)).strip("_")
    if name not in cat.display:
        cat.dimensions[name] = ((f"[{name}]", 1),)
        cat.display[name] = words
    return name


@cache
def read_unit(unit_text: str) -> UnitReading:
    """Unit text after a number → unit exponents: ``triệu đồng/người/năm`` → trieu_dong·nguoi⁻¹·nam⁻¹.

    The first part is the numerator, every ``/`` starts a denominator. In a part, known
    nouns are matched longest first; other words beside them are modifiers; a part with
    no known noun is a new count noun. Cached: plans repeat the same few unit texts.
    """
    cat = catalogue()
    exps: dict[str, int] = {}
    new: list[str] = []
    ignored: list[str] = []
    for index, raw_part in enumerate(unit_text.replace(",", " ").split("/")):
        part = " ".join(raw_part.split())
        if not part:
            continue
        sign = 1 if index == 0 else -1
        folded = fold(part)
        pos, found, spare = 0, False, []
        while pos < len(folded):
            if folded[pos] == " ":
                pos += 1
                continue
            for spelling in cat.spellings:
                end = _match_at(folded, pos, spelling)
                if end is not None and spelling.same_marks(part[pos:end]):
                    exps[spelling.unit] = exps.get(spelling.unit, 0) + sign
                    found = True
                    pos = end
                    break
            else:
                m = _WORD.match(folded, pos)
                assert m is not None
                spare.append(part[m.start() : m.end()])
                pos = m.end()
        words = [w for w in spare if any(ch.isalpha() for ch in w)]
        if found:
            ignored += words
        elif words:
            noun = " ".join(words)
            name = _new_count(noun)
            exps[name] = exps.get(name, 0) + sign
            new.append(noun)
    return UnitReading(tuple(sorted((k, v) for k, v in exps.items() if v)), tuple(new), tuple(ignored))


def known_words(words: Sequence[str]) -> int:
    """How many of ``words``, from the first, spell one known unit together (``học sinh`` of
    ``học sinh cho``: 2); 0 when the first word starts none."""
    for n in range(len(words), 0, -1):
        reading = read_unit(" ".join(words[:n]))
        if len(reading.exponents) == 1 and not reading.new_words and not reading.ignored:
            return n
    return 0


_PHYSICAL = frozenset({"[mass]", "[length]", "[area]", "[volume]"})


def has_measure(unit_text: str) -> bool:
    """Does ``unit_text`` name a physical measure (``tấn``, ``đồng/kg``, ``kg/người``)?"""
    cat = catalogue()
    return any(d in _PHYSICAL for name, _ in read_unit(unit_text).exponents for d, _ in cat.dimensions.get(name, ()))


def measure_words(words: Sequence[str]) -> int:
    """How many of ``words``, from the first, spell one unit of a physical measure (``tấn``,
    ``kg``, ``ha``, ``lít``); 0 for any other word (a count, a period, money)."""
    n = known_words(words)
    return n if n and has_measure(" ".join(words[:n])) else 0


def unit_name(name: str) -> str:
    """The Vietnamese name of a pint unit of ours."""
    return catalogue().display.get(name, name)


def money_scales() -> list[tuple[str, int]]:
    """Every money spelling with its power of ten of đồng, and ``%`` as -2 (for workbooks)."""
    cat = catalogue()
    out: list[tuple[str, int]] = []
    for definition, _, spelled in _definitions():
        name = definition.split("=")[0].strip()
        if name in cat.money:
            out += [(sp.rstrip("~"), cat.money[name].exponent) for sp in spelled]
    return [*out, ("%", -2)]


def suggested_units() -> list[str]:
    """Unit texts offered to officers: the registry's names and the common rates."""
    cat = catalogue()
    names = [n for k, n in cat.display.items() if not k.startswith("n_")]
    rates = [f"{m.name}/{per}" for m in (TRIEU, NGHIN) for per in ("người/năm", "người", "lớp", "khóa", "cuộc", "năm")]
    return names + rates


def main(argv: list[str] | None = None) -> int:
    """``python -m budget.units --rebuild``: write ``units_table.txt`` again from pint."""
    p = argparse.ArgumentParser(prog="python -m budget.units", description=main.__doc__)
    p.add_argument("--rebuild", action="store_true", help=f"write {TABLE} from pint")
    args = p.parse_args(argv)
    text = table_from_pint()
    if args.rebuild:
        Path(__file__).with_name(TABLE).write_text(text, encoding="utf-8", newline="\n")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())


_TIME = ("nam", "thang")


@lru_cache(maxsize=4096)
def time_scale(unit_texts: tuple[str, ...]) -> Fraction:
    """What a product of factors with these units is multiplied by when months and years cancel
    (``12 tháng x 24 triệu đồng/người/năm``: 1/12, as 12 months are one year); 1 when they
    do not mix. Exact: 1/12 has no finite decimal form."""
    summed = {"nam": 0, "thang": 0}
    for text in unit_texts:
        for name, power in read_unit(text).exponents:
            if name in _TIME:
                summed[name] += power
    if summed["nam"] and summed["nam"] + summed["thang"] == 0:
        return Fraction(12) ** summed["nam"]
    return Fraction(1)


_LEAD_WORD = re.compile(r"\s*([^\W\d_]+)")  # the word right after a figure


def _one_edit(a: str, b: str) -> bool:
    """Are ``a`` and ``b`` one letter apart (one changed, dropped or added)? Written by hand: a
    bounded comparison of two short words, where an edit-distance library would be a
    dependency for four lines."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i + (len(a) == len(b)) :] == b[i + 1 :]


@lru_cache(maxsize=4096)
def misspelt_money(rest: str) -> tuple[str, str] | None:
    """The word after a figure that reads as a money scale spelt wrong, with ``đồng`` after it
    (``9.999 triu đồng``, ``2 trệu đồng``, ``500 ngìn đồng``), and the unit it may be: one letter or
    one tone mark from ``triệu``, ``nghìn`` or ``ngàn``. None for anything else (``3 công``, ``75
    Nghị định``): only a scale word before ``đồng`` says money."""
    m = _LEAD_WORD.match(rest)
    if m is None:
        return None
    word = m.group(1)
    money, _ = read_money(rest[m.end() :])
    if money != DONG or read_money(rest)[0] is not None:
        return None  # no ``đồng`` right after the word, or a money unit as written
    folded = fold(word)
    for scale, spelled in ((TRIEU, "triệu"), (NGHIN, "nghìn"), (NGHIN, "ngàn")):
        target = fold(spelled)
        if (folded == target and word.lower() != spelled) or _one_edit(folded, target):
            return word, scale.name
    return None


@lru_cache(maxsize=4096)
def measure_scale(unit_texts: tuple[str, ...], result_text: str) -> Fraction:
    """What a product of factors with these units is multiplied by to be in the unit of its
    result when a measure is written in two of its units (``8.989 người x 15 kg/người/tháng x 3
    tháng`` in ``tấn``: 1/1000; ``2 tấn x 20.000 đồng/kg`` in ``đồng``: 1000); 1 when none is,
    or when the measures left do not match the result's. Money and time scale on their own."""
    cat = catalogue()

    def measured(texts: tuple[str, ...]) -> tuple[Fraction, dict[str, int]]:
        scale = Fraction(1)
        dims: dict[str, int] = {}
        for text in texts:
            for name, power in read_unit(text).exponents:
                if name in cat.money or name in _TIME or name == "percent" or name not in cat.factors:
                    continue
                scale *= Fraction(cat.factors[name]) ** power
                for dimension, exponent in cat.dimensions[name]:
                    dims[dimension] = dims.get(dimension, 0) + exponent * power
        return scale, {k: v for k, v in dims.items() if v}

    made, left = measured(unit_texts)
    own, wanted = measured((result_text,))
    if made == own or left != wanted:
        return Fraction(1)
    return made / own
