"""One item's text → its cost expressions, the money amounts it states, and what they hold.

An item may hold several expressions and amounts: each clause (cut at ``;`` and at the
end of a sentence) holds at most one chain of products (``a x b = c x d = e``); a
parenthesised product after an amount is that amount's computation, result first
(``1.500 triệu đồng (300 người x 5 triệu đồng/người)``); a parenthesis that begins
``trong đó``/``gồm`` and holds amounts breaks the amount before it down; ``(Bằng chữ:
...)`` is the amount in words. Every other money amount is returned as stated, for
the outline to place; none is dropped.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field, replace
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

from budget.costline import (
    MAX_DIGITS,
    Chain,
    Locator,
    _mask_notes,
    is_arithmetic,
    may_relate,
    paren_groups,
    read_chain,
    read_number_at,
)
from budget.count_breakdowns import count_breakdowns
from budget.findings import Finding, Severity
from budget.grammar.relation import computation_kind
from budget.model import Amount, CostLine, Quantity, Step, WordsCheck
from budget.numbers import NUMBER_TOKEN, NumberError, read_number, shift
from budget.source import Source
from budget.text import excerpt, fold
from budget.units import Money, known_words, misspelt_money, read_money
from budget.words import find_words

# Clause ends: a semicolon, or a full stop before a space and a non-digit (``800. 000`` is a number).
_CLAUSE_END = re.compile(r";|\.(?=\s+[^\s0-9]|\s*$)")
_DECOMP = re.compile(r"^\s*(?:trong do|trong so do|gom|bao gom|chia ra|cu the)\b")
_WORDS = re.compile(r"bang chu|\bchan\s*$")
# Each pattern opens with its sign and tests the character before it afterwards (a pattern that
# opens with a character class lets the matcher skip to the signs).
_PRODUCT_SIGN = re.compile(r"[x×X*](?<=[\s0-9%][x×X*])(?=\s*[0-9(])")
# Looks like arithmetic that could not be read: a sign glued to a word, a sign before a
# stray dot or plus, a full-width equals sign. One class opens every alternative (each then
# tests, behind it, which character it opened with), so the matcher skips to candidates.
_SUSPECT = re.compile(r"[x×X*＝０-９](?:(?<=[^\W\d_][x×*])\s*[0-9]|(?<=[x×X*])\s*[.+][0-9]|(?<=[＝０-９]))")
# Numbers Python would accept and plans never mean: NaN, Infinity, 1e3, 1_000, full-width digits.
# Opened by the class of every first character (``I`` in any case: ``İ`` and ``ı`` too, as a
# case-blind ``i`` matches them), then the character before it and each alternative's own first
# character tested behind: the matcher skips to candidates instead of trying every position.
_ODD_NUMBER = re.compile(
    r"[nNiIİı0-9０-９](?<![\w.,][nNiIİı0-9０-９])"
    r"(?:(?<=[nN])(?i:an)|(?<=[iIİı])(?i:nfinity|nf)"
    r"|(?<=[0-9])(?:[0-9]*(?:[.,][0-9]+)?[eE][+-]?[0-9]+|[0-9]*(?:_[0-9]+)+)|(?<=[０-９])[０-９.,]*)(?![\w])"
)
_FULL_WIDTH_DIGIT = re.compile(r"[０-９]")


def _odd_numbers(text: str) -> list[re.Match[str]]:
    """``_ODD_NUMBER``'s matches in ``text``. Each needs a letter few lines hold: an ``e`` (the
    exponent), ``_``, a full-width digit, or ``nan``/``inf`` in any case (``nf`` once lowered:
    ``İ`` lowers to two characters); a line with none of them is not searched."""
    lowered = text.lower()
    if (
        "e" not in lowered
        and "_" not in text
        and "nf" not in lowered
        and "nan" not in lowered
        and _FULL_WIDTH_DIGIT.search(text) is None
    ):
        return []
    return list(_ODD_NUMBER.finditer(text))


_BREAKDOWN_WORDS = re.compile(r"^(?:trong đó|trong số đó|gồm|bao gồm|chia ra|cụ thể)\s*:?\s*", re.IGNORECASE)
# A threshold or cap of legal prose: ``từ 5.000.000 đồng trở lên``, ``không quá``, ``tối đa``,
# ``trên``, ``dưới`` (matched with their marks just before and after the figure: ``tư``, ``tự``
# are other words).
_THRESHOLD_BEFORE = re.compile(
    r"\b(?:từ|trên|dưới|không quá|không vượt quá|vượt quá|tối đa|tối thiểu|ít nhất|không thấp hơn"
    r"|không dưới|hơn|mức trần)\s{0,3}$"
)
_THRESHOLD_AFTER = re.compile(r"\s{0,3}(?:trở lên|trở xuống)\b")
_RANGE_END = re.compile(r"\bđến\s{0,3}$")  # ``từ 2.000.000 đồng đến 30.000.000 đồng``
_LABEL_MAX = 300  # characters of a clause kept as an amount's label (a run-on line has no end)
_LABEL_CUT = re.compile(r";|\. ")


@dataclass
class Found:
    """A money amount found in an item, and what became of it."""

    amount: Amount
    start: int  # in the item's text
    end: int
    label: str  # the text before it in its clause, as written
    lead: str  # the same, folded, for keyword tests
    parts: list[Found] = field(default_factory=list)  # its breakdown in ``(trong đó: ...)``
    computation: CostLine | None = None  # result first: ``1.500 triệu đồng (300 người x ...)``
    used: bool = False
    in_group: bool = False  # inside a parenthesised breakdown
    skip: str = ""  # "threshold" (``từ 5.000.000 đồng trở lên``) or "example" (after ``Ví dụ:``): no amount
    partial: bool = False  # named after ``trong đó:`` with others left out: an amount no sum can check

    @property
    def per_unit(self) -> bool:
        """``mỗi giải 2.000.000 đồng``, ``2.000.000 đồng/giải``: a rate for each of something,
        never a part of a sum."""
        return bool(self.amount.per) or _PER_EACH.search(self.label) is not None


@dataclass
class Scan:
    lines: list[CostLine]
    amounts: list[Found]  # outside any chain, in order
    findings: list[Finding]
    words: list[WordsCheck] = field(default_factory=list)
    # figures of legal prose and worked examples: thresholds and example amounts, never budget amounts
    skipped: list[Found] = field(default_factory=list)
    example: bool = False  # a worked example (``Ví dụ:``) starts in this text and runs to its end
    side: list[CostLine] = field(default_factory=list)  # the example's computations: checked, never summed

    @property
    def free(self) -> list[Found]:
        return [a for a in self.amounts if not a.in_group]


def last_figure(amounts: list[Found], lines: list[CostLine]) -> Amount | None:
    """The last money figure of a scan's amounts and lines (an amount or a product's result):
    what words below spell."""
    figures = [f.amount for f in amounts if not f.in_group] + [
        Amount(line.stated.value, line.stated.money, line.stated.source)
        for line in lines
        if line.stated.money is not None
    ]
    if not figures:
        return None
    return max(figures, key=lambda a: (a.source.line or 0, a.source.col or 0))


class _At:
    """A ``Locator`` shifted by ``base``: columns of a piece of the text to file positions."""

    def __init__(self, locate: Locator, base: int = 0):
        self.locate = locate
        self.base = base

    def at(self, col: int | None) -> Source:
        return self.locate.at(None if col is None else col + self.base)


def _clauses(masked: str) -> list[tuple[int, int]]:
    out = []
    start = 0
    for m in _CLAUSE_END.finditer(masked):
        out.append((start, m.start()))
        start = m.end()
    out.append((start, len(masked)))
    return [(a, b) for a, b in out if masked[a:b].strip()]


def _money_after(text: str, end: int) -> tuple[Money, int] | None:
    money, span = read_money(text[end : end + 40])
    if money is None:
        return None
    return money, end + span


class _Spans:
    """Spans with a logarithmic membership test: sorted, overlapping ones merged."""

    def __init__(self, spans: list[tuple[int, int]]):
        merged: list[tuple[int, int]] = []
        for a, b in sorted(spans):
            if merged and a < merged[-1][1]:
                merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
            else:
                merged.append((a, b))
        self.spans = merged
        self.starts = [s for s, _ in merged]

    def holds(self, i: int) -> bool:
        k = bisect_right(self.starts, i) - 1
        return k >= 0 and self.spans[k][0] <= i < self.spans[k][1]


_NO_SPANS = _Spans([])
_DIGIT = re.compile(r"[0-9]")  # a figure starts with one


def _amounts(
    text: str,
    masked: str,
    taken: list[tuple[int, int]],
    locate: Locator,
    findings: list[Finding],
    rates: list[tuple[int, int, Decimal, Money, str]] | None = None,
) -> list[tuple[int, int, Decimal, Money, str]]:
    """Money amounts in ``masked`` outside ``taken`` spans: (start, end, value, money, written);
    money rates (``1.000.000 đồng/năm``) go to ``rates`` when given, ``written`` their unit's
    ``/…`` part, ``end`` after it."""
    if len(taken) == 1:
        a, b = taken[0]
        if _DIGIT.search(masked, 0, a) is None and _DIGIT.search(masked, b) is None:
            return []  # every figure starts in the one span taken (most items: one computation)
    out = []
    spans = _Spans(taken)
    for m in NUMBER_TOKEN.finditer(masked):
        a, b = m.span()
        if spans.holds(a):
            continue
        if a > 0 and (masked[a - 1].isalnum() or masked[a - 1] in "/.,_"):
            continue
        after = _money_after(masked, b)
        if after is None:
            misspelt = misspelt_money(masked[b : b + 40])
            if misspelt is not None:  # ``9.999 triu đồng``: an amount not read, never passed over
                args = {"text": m.group()[:40], "word": misspelt[0], "unit": misspelt[1]}
                findings.append(Finding(locate.at(a + 1), "NUMBER_UNIT_UNREADABLE", Severity.WARNING, args))
            continue
        money, end = after
        if text[b:end].strip() == "":
            continue
        per = None
        if masked[end : end + 3].lstrip().startswith("/"):
            # "90.000đ/ tháng" is a rate, not an amount: never summed, but no figure is passed over
            per = _PER_UNIT.match(masked, end)
            if rates is None or per is None:
                continue
        token = m.group()
        value = _read_figure(token, locate.at(a + 1), findings)
        if value is None:
            continue
        if per is not None:
            assert rates is not None
            unit = _per_words(per.group())
            rates.append((a, end + len(unit), value, money, _SLASH_SPACES.sub("/", " ".join(unit.split()))))
        else:
            out.append((a, end, value, money, token))
    return out


def _per_words(written: str) -> str:
    """The ``/…`` of a rate as far as it names units: a step in lower case (``/năm``) or an
    abbreviation (``/HTX``), not the capitalised word of a name that follows (``/Liên hiệp``);
    a step of several words only as far as they spell one known unit (``/học sinh``, not
    ``/tháng cho``), the rest ends the rate."""
    out = ""
    for i, step in enumerate(written.split("/")[1:]):
        words = step.split()
        if not words or (i and not (words[0].islower() or words[0].isupper())):
            break
        keep = max(1, known_words(words))
        out += "/" + step[: list(_WORD_END.finditer(step))[keep - 1].end()]
        if keep < len(words):
            break
    return written[: written.index("/")] + out


_SLASH_SPACES = re.compile(r" ?/ ?")
_WORD_END = re.compile(r"\s*[^\W\d_]+")


def _read_figure(token: str, where: Source, findings: list[Finding]) -> Decimal | None:
    """The value of a figure written ``token``; None, with the finding that says why, when it is
    too long for exact arithmetic or no number at all."""
    digits = sum(ch.isdigit() for ch in token)
    if digits > MAX_DIGITS:
        findings.append(Finding(where, "NUMBER_TOO_LONG", Severity.WARNING, {"text": token[:40], "digits": digits}))
        return None
    try:
        value, fs = read_number_at(token, where)
    except NumberError:
        findings.append(Finding(where, "NUMBER_MALFORMED", Severity.WARNING, {"text": token[:40]}))
        return None
    findings.extend(fs)
    return value


# The ``/…`` of a money rate: ``/năm``, ``/ tháng``, ``/người/năm`` (one word a step)
_PER_UNIT = re.compile(r"(?:\s?/\s?[^\W\d_]+(?:\x20[^\W\d_]+){0,2}){1,3}")


def _group_kind(content: str) -> str:
    folded = fold(content)
    if _WORDS.search(folded):
        return "words"
    if _DECOMP.match(folded):
        return "decomp"
    if is_arithmetic(content):
        return "arith"
    return computation_kind(content)


def _result_first(
    found: Found, content: str, offset: int, text: str, locate: Locator, findings: list[Finding]
) -> CostLine | None:
    """``1.500 triệu đồng (300 người x 5 triệu đồng/người)``: the group is the computation.

    The group is read as the left side of an equation whose right side is the amount.
    """
    probe = content + " = 1"
    masked, notes = _mask_notes(probe)
    chain = read_chain(probe, masked, notes, 0, len(probe), _At(locate, offset))
    if chain.line is None or len(chain.line.steps) != 1:
        findings.extend(f for f in chain.findings if f.code == "COSTLINE_UNREADABLE")
        return None
    line = chain.line
    factors = line.steps[0].factors
    if all(f.money is None for f in factors):
        return None  # no money in it (``(4-5 tuổi)``, ``(45 người x 3 ngày)``): a note
    stated = Quantity(found.amount.value, found.amount.money.name, found.amount.money, found.amount.source, "", False)
    return CostLine(line.source, found.label, (Step(factors, stated),), line.prefix, line.notes, "")


_LEADING_EQ = re.compile(r"\s{0,3}=\s{0,3}(?=[0-9(\[{])")
_NUMBER_BEFORE = re.compile(
    r"(" + NUMBER_TOKEN.pattern + r")\s{0,3}(%?)\s{0,3}(?:[^\W\d_]{1,12}\s{0,3}){0,2}$",
    NUMBER_TOKEN.flags | re.VERBOSE,
)


def _figure_computed(
    text: str, a: int, start: int, b: int, locate: Locator, findings: list[Finding], lines: list[CostLine]
) -> None:
    """A plain figure (a count, a rate, a percentage) and its computation in ``(= ...)`` after
    it (``33,33% (= 6/18 x 100%)``): read as ``computation = figure``. A chain of restatements
    inside it (``(= 6/(12+6) x 100% = 6/18 x 100%)``) is read as the chain before its figure
    would be: each side a whole computation of the figure. A group that gives no such reading
    (steps that go on from a figure inside it, no figure before it) is reported unread."""
    unread = Finding(locate.at(a + 1), "COSTLINE_UNREADABLE", Severity.WARNING, {"text": excerpt(text[a:b], 60)})
    before = _NUMBER_BEFORE.search(text, max(0, a - 60), a)
    if before is None:
        findings.append(unread)
        return
    written, percent = before.group(1), bool(before.group(2))
    content = text[start : b - 1]
    probe = content + " = " + written + ("%" if percent else "")
    masked, notes = _mask_notes(probe)
    chain = read_chain(probe, masked, notes, 0, len(probe), _At(locate, start))
    if chain.line is None:
        said = [f for f in chain.findings if f.code == "COSTLINE_UNREADABLE"]
        findings.extend(said or [unread])
        return
    try:
        value, more = read_number_at(written, locate.at(before.start(1) + 1))
    except NumberError:
        findings.append(unread)
        return
    findings.extend(more)
    line = chain.line
    restated = [f for f in chain.findings if f.code == "CHAIN_RESTATED"]
    if len(line.steps) != 1 and not restated:
        findings.append(unread)  # steps going on from a figure written inside the group
        return
    findings.extend(restated)
    where = locate.at(before.start(1) + 1)
    stated = Quantity(value, "%" if percent else "", None, where, written + ("%" if percent else ""), percent)
    steps = tuple(Step(s.factors, stated, s.restart) for s in line.steps)
    lines.append(CostLine(line.source, line.label, steps, line.prefix, line.notes))


def _continues(previous: CostLine, chain: Chain) -> bool:
    """A clause whose computation starts from the result the clause before stated, written
    again (``= 6.000.000 đồng; còn phải trả 6.000.000 đồng - 1.500.000 đồng = ...``)."""
    stated = previous.stated
    return chain.lead is not None and chain.lead == (stated.text, stated.value, stated.money)


def _continued(previous: CostLine, line: CostLine) -> CostLine:
    """The later clause as more steps of the earlier line: one result, not two amounts."""
    first = Step(line.steps[0].factors, line.steps[0].stated, restart=True)
    steps = (*previous.steps, first, *line.steps[1:])
    return replace(previous, steps=steps, tail=line.tail, loose=previous.loose + line.loose)


def _plain_money(q: Quantity) -> bool:
    """Is the quantity an amount of money, not a rate of it (``0,5 tỷ đồng/lớp``)?"""
    return q.money is not None and "/" not in q.unit_text


def _equation_after(
    owner: Found | None, text: str, a: int, b: int, locate: Locator, findings: list[Finding], lines: list[CostLine]
) -> None:
    """``120.000 đồng (2.000.000 đồng x 1,5%/tháng x 4 tháng = 120.000 đồng)``: the group's
    equation is read as a clause of its own; the figure before it is its result written
    first, compared with the group's result as one more step."""
    chain = read_chain(text, text, (), a + 1, b - 1, locate)
    findings.extend(chain.findings)
    if chain.line is None:
        if not chain.findings:
            findings.append(
                Finding(locate.at(a + 2), "COSTLINE_UNREADABLE", Severity.WARNING, {"text": excerpt(text[a:b], 60)})
            )
        return
    line = chain.line
    if owner is None or owner.computation is not None or not _plain_money(line.stated):
        lines.append(line)  # a rate worked out from the figure (``6 tỷ đồng : 12 lớp = 0,5 tỷ đồng/lớp``)
        return
    stated = Quantity(owner.amount.value, owner.amount.money.name, owner.amount.money, owner.amount.source, "")
    owner.computation = CostLine(line.source, owner.label, (*line.steps, Step((), stated)), line.prefix, line.notes)


def scan(text: str, locate: Locator, example: bool = False) -> Scan:
    """Every expression and amount of one item's text (columns of ``locate`` are 1-based in it).

    ``example``: the text belongs to a worked example (``Ví dụ:`` above it), whose figures
    are no budget amounts.
    """
    findings: list[Finding] = []
    masked, notes = _mask_notes(text)
    has_groups = "(" in text
    groups = {a: (a, b, _group_kind(text[a + 1 : b - 1])) for a, b in paren_groups(text)} if has_groups else {}
    lines: list[CostLine] = []
    taken: list[tuple[int, int]] = []
    read: list[tuple[int, int]] = []  # spans of the relations read: their groups are their operands
    unread: list[tuple[int, int]] = []  # clauses with a product said unread (COSTLINE_UNREADABLE)
    splits: list[CostLine] = []  # figures split in their notes: checked beside the budget
    odd = _odd_numbers(text)
    label_from = 0
    clauses = _clauses(masked)
    run_from: int | None = None  # where the clauses joined by ``;`` that read nothing so far start
    previous_end = -1
    for a, b in clauses:
        if run_from is None or masked[previous_end : previous_end + 1] != ";":
            run_from = a
        previous_end = b
        clause_odd = [m for m in odd if a <= m.start() < b] if odd else odd
        if clause_odd and (
            "=" in masked[a:b] or any(read_money(text[m.end() : m.end() + 30])[0] is not None for m in clause_odd)
        ):
            for m in clause_odd:
                findings.append(
                    Finding(locate.at(m.start() + 1), "NUMBER_MALFORMED", Severity.WARNING, {"text": m.group()[:40]})
                )
            if "=" in masked[a:b] and _PRODUCT_SIGN.search(masked, a, b):
                where = locate.at(clause_odd[0].start() + 1)
                findings.append(
                    Finding(where, "COSTLINE_UNREADABLE", Severity.WARNING, {"text": text[a:b].strip()[:60]})
                )
                taken.append((a, b))
            run_from = None
            continue
        if not may_relate(masked, a, b):
            continue
        chain = read_chain(text, masked, notes, a, b, locate, label_from)
        if chain.line is None and chain.end <= chain.start and not chain.findings and run_from < a:
            chain = _prose_over_clauses(text, masked, notes, run_from, b, locate, label_from) or chain
        if chain.line is not None or chain.end > chain.start or chain.findings:
            run_from = None  # the next clauses start a run of their own
        findings.extend(chain.findings)
        if any(f.code == "COSTLINE_UNREADABLE" for f in chain.findings):
            unread.append((a, b))
        splits.extend(chain.splits)
        if chain.line is not None:
            if lines and _continues(lines[-1], chain):
                lines[-1] = _continued(lines[-1], chain.line)
            else:
                lines.append(chain.line)
            taken.append((chain.start, chain.end))
            read.append((chain.start, chain.end))
            label_from = chain.end
        elif chain.end > chain.start:
            taken.append((chain.start, chain.end))
        elif (sign := _PRODUCT_SIGN.search(masked, a, b)) is not None:
            # a product sign and an "=" that make no equation (the "=" before every sign)
            where = locate.at(sign.start() + 1)
            findings.append(Finding(where, "COSTLINE_UNREADABLE", Severity.WARNING, {"text": text[a:b].strip()[:60]}))
            unread.append((a, b))  # its rates are factors of the computation said unread
    consumed: _Spans | None = None  # the spans taken so far, sorted when a suspect needs them
    # with no group masked, the text's clauses are those just read
    for a, b in _clauses(text) if masked is not text else clauses:
        if text.find("=", a, b) >= 0 or text.find("＝", a, b) >= 0:
            suspect = _SUSPECT.search(text, a, b)
            if suspect is None:
                continue
            consumed = consumed or _Spans(taken)
            if not consumed.holds(suspect.start()):
                findings.append(
                    Finding(
                        locate.at(suspect.start() + 1),
                        "COSTLINE_UNREADABLE",
                        Severity.WARNING,
                        {"text": text[a:b].strip()[:60]},
                    )
                )
    if not lines and "=" in masked and not any(f.code == "COSTLINE_UNREADABLE" for f in findings):
        sign = _PRODUCT_SIGN.search(masked)
        if sign is not None:  # signs and "=" in different clauses: no equation could be read
            where = locate.at(sign.start() + 1)
            findings.append(Finding(where, "COSTLINE_UNREADABLE", Severity.WARNING, {"text": text.strip()[:60]}))
    # amounts in words are read by the words module; their digits are no amounts
    for a, b, kind in groups.values():
        if kind == "words":
            taken.append((a, b))
    rates: list[tuple[int, int, Decimal, Money, str]] = []
    raw = _amounts(text, masked, taken, locate, findings, rates)
    if unread and rates:
        in_unread = _Spans(unread)
        rates = [r for r in rates if not in_unread.holds(r[0])]
    # amounts inside breakdown groups are masked; read them from the group text
    found: list[Found] = []
    starts = [0] + [m.end() for m in _LABEL_CUT.finditer(masked)] if raw or rates else []
    for a, end, value, money, _token in raw:
        found.append(_found(text, masked, a, end, value, money, locate, starts))
    if rates:
        # a rate standing alone (``- Thuê đường truyền: 1.000.000.000 đồng/năm``) is a figure
        # no sum takes: found, never placed, so reported as not checked
        for a, end, value, money, per in rates:
            f = _found(text, masked, a, end, value, money, locate, starts)
            f.amount = replace(f.amount, per=per)
            found.append(f)
        found.sort(key=lambda f: f.start)
    in_relation = _Spans(read) if groups else _NO_SPANS
    # a computation's own notes, read or said unread with it, are no amounts of the text
    in_clause = _Spans([*taken, *unread]) if groups else _NO_SPANS
    for a, b, kind in groups.values():
        if kind not in ("decomp", "product", "equation", "note"):
            continue
        if kind != "decomp" and in_relation.holds(a):
            continue  # an operand of a relation read whole (``(6 ngày = 48 giờ x ...) x 12``)
        if kind == "note" and in_clause.holds(a):
            continue
        owner = next(
            (f for f in reversed(found) if f.end <= a and not text[f.end : a].strip(" ,:") and not f.amount.per), None
        )  # a rate owns no computation: what its group computes is no amount either
        if kind == "note":
            _split_in_note(owner, text, a, b, locate, findings, found)
            continue
        if kind == "product":
            # a computation after a figure is that figure's; anywhere else it is a note
            if owner is not None and owner.computation is None:
                owner.computation = _result_first(owner, text[a + 1 : b - 1], a + 1, text, locate, findings)
            continue
        if kind == "equation" and _LEADING_EQ.match(text, a + 1):
            # ``21.900 (= 100 phòng x 60% x 365 đêm)``: the figure before, computed
            start = _LEADING_EQ.match(text, a + 1).end()  # type: ignore[union-attr]
            if owner is not None and owner.computation is None:
                owner.computation = _result_first(owner, text[start : b - 1], start, text, locate, findings)
            elif owner is None:
                _figure_computed(text, a, start, b, locate, findings, lines)
            continue
        if kind == "equation":
            _equation_after(owner, text, a, b, locate, findings, lines)
            continue
        parts = _group_parts(text, a, b, locate, findings)
        if owner is not None and len(parts) >= 2:
            owner.parts = parts
        found.extend(parts)
    if found:  # most items state no amount outside their computations
        found.sort(key=lambda f: f.start)
        _sentence_breakdown(text, found)
        if "ổng" in text or "ộng" in text:
            _sum_closing_sentence(text, found)
        if "ăm" in text:
            _years_after(text, found)
        if "chiếm" in text:
            _shares_of_named_figures(text, found, locate, findings)
        if "tròn" in text:
            _rounded_figures(text, found, locate, findings)
    example_at = _example_start(text, example)
    if example_at is None:
        findings.extend(count_breakdowns(text, lambda i: locate.at(i + 1)))
    skipped = _legal_figures(text, found, example_at) if found else []
    if skipped:
        found = [f for f in found if not f.skip]
    side: list[CostLine] = list(splits)
    if example_at is not None and lines:
        # a worked example's computations are checked, never amounts of a budget
        first = locate.at(example_at + 1)
        at = (first.line or 0, first.col or 0)
        side += [line for line in lines if (line.source.line or 0, line.source.col or 0) >= at]
        lines = [line for line in lines if (line.source.line or 0, line.source.col or 0) < at]
    # an example's figure computed in its own brackets: the computation is checked all the same
    side += [f.computation for f in skipped if f.skip == "example" and f.computation is not None]
    words = _words(text, masked, found, locate) if example_at is None else []
    return Scan(lines, found, findings, words, skipped, example_at is not None, side)


# ``6,2 tỷ đồng, bao gồm: tiền hoa là 3,4 tỷ đồng; ...``: the figures after it break it down.
_BREAKS_DOWN = re.compile(
    # how the figure compares (``, vượt 11,69% so dự toán, tăng 10,48% so cùng kỳ``) may stand between
    r"(?:\s{0,3},\s{0,3}(?:vượt|tăng|giảm|đạt|bằng)\s{1,3}[0-9]{1,3}(?:,[0-9]{1,4})?\s{0,3}%[^,;:()0-9]{0,40})*"
    r"\s{0,3}(?:\([^()]{0,200}\)\s{0,3})?"  # the figure's words in brackets may stand between
    r"[,;:.]?\s{0,3}(?P<word>bao gồm|gồm|trong đó|trong số đó|chia ra|cụ thể)\s{0,3}:",
    re.IGNORECASE,
)
# a sentence ends at a full stop before a capital letter (``... 315 tỷ đồng. Ước thực hiện ...``)
_SENTENCE_END = re.compile(r"\.\s+(?=[A-ZĐÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ])")
_PARTIAL = ("trong đó", "trong số đó")  # "of which": the parts named need not be all of it


def _sentence_breakdown(text: str, found: list[Found]) -> None:
    """A figure followed by ``bao gồm:`` (``gồm:``, ``chia ra:``, ``cụ thể:``) and two or more
    plain figures after it in the same text: those are its parts, compared with it. After
    ``trong đó:`` (of which) they are its parts only when they add up to it: a partial list is
    no breakdown to judge, and its figures stay unchecked."""
    free = [f for f in found if not f.in_group and f.computation is None]
    for i, owner in enumerate(free):
        m = _BREAKS_DOWN.match(text, owner.end) if not owner.in_group else None
        if m is None:
            continue
        end = _SENTENCE_END.search(text, m.end())
        stop = len(text) if end is None else end.start()
        parts = [p for p in free[i + 1 :] if p.start < stop]  # the figures of the same sentence
        if len(parts) < 2 or any(p.computation is not None for p in parts):
            continue
        partial = fold(m.group("word")) in [fold(w) for w in _PARTIAL]
        if partial and sum(_dong_of(p) for p in parts) != _dong_of(owner):
            for p in parts:
                p.partial = True  # some of the figure: never a part, a total or a restatement of it
            continue
        owner.parts = parts
        for p in parts:
            p.in_group = True
        # the first part's name starts after the words that open the breakdown (``gồm:``), not at
        # the sentence's start (``Tổng mức đầu tư: 1.234,56 tỷ đồng, gồm: vốn ...``)
        first = parts[0]
        if first.start > m.end() and first.label.endswith(text[m.end() : first.start].strip(" :,-–+")):
            first.label = " ".join(text[m.end() : first.start].split()).strip(" :,-–+")
        # a later sentence may break down a figure of its own (``Ước thực hiện ... ; trong đó: ...``)


# ``năm 2025 là 200 triệu đồng, năm 2026 là 250 triệu đồng, tổng cộng 450 triệu đồng``: the words
# of a sum right before the last figure of a sentence, after a comma or semicolon
_SUMS_UP = re.compile(
    r"[,;]\s{0,3}(?:và\s{1,3})?(?P<word>tổng cộng|cộng|tổng)(?P<rest>[^\d()=;,.]{0,40})$", re.IGNORECASE
)
_PLAIN_SUM = re.compile(r"\s{0,3}(?:lại\s{1,3})?(?:là|:)?\s{0,3}", re.IGNORECASE)


def _sum_closing_sentence(text: str, found: list[Found]) -> None:
    """A figure after the words of a sum (``..., tổng cộng 450 triệu đồng``) that closes two or
    more plain figures of its sentence: those are its parts. ``tổng cộng``/``cộng`` alone sum what
    the sentence lists (parts that do not add up are an error); a total named further (``tổng kinh
    phí cả giai đoạn``) may hold more than the sentence lists: its parts only when they add up,
    else they stay unchecked."""
    free = [f for f in found if not f.in_group and f.computation is None and not f.per_unit and not f.partial]
    for i, owner in enumerate(free):
        if i < 2 or owner.parts:
            continue
        m = _SUMS_UP.search(text, max(free[i - 1].end, owner.start - 60), owner.start)
        if m is None:
            continue
        begin = max((e.end() for e in _SENTENCE_END.finditer(text, 0, owner.start)), default=0)
        parts = [p for p in free[:i] if p.start >= begin and not p.in_group and not p.parts]
        if len(parts) < 2 or any(p.amount.money != owner.amount.money for p in parts):
            continue
        plain = fold(m.group("word")) in ("tong cong", "cong") and _PLAIN_SUM.fullmatch(m.group("rest"))
        if not plain and sum(_dong_of(p) for p in parts) != _dong_of(owner):
            for p in parts:
                p.partial = True
            continue
        owner.parts = parts
        for p in parts:
            p.in_group = True


# ``2.400.000 triệu đồng, trong đó chi giáo dục 1.020.000 triệu đồng (chiếm 42,5% chi thường
# xuyên)``: the words between the figures, and the rate with the name of its base after them
_OF_WHICH = re.compile(
    r"\s{0,3}[,;]?\s{0,3}(?:trong đó|trong số đó)\s{0,3}:?(?P<name>[^\d()=;.]{1,80})$", re.IGNORECASE
)
_SHARE_NAMED = re.compile(r"\s{0,3}\(\s{0,3}chiếm\s{1,3}([0-9]{1,3})(?:,([0-9]{1,4}))?\s{0,3}%\s{1,3}([^()\d]{1,80})\)")


def _shares_of_named_figures(text: str, found: list[Found], locate: Locator, findings: list[Finding]) -> None:
    """A part named after ``trong đó`` whose share of the figure before it is written after it,
    with the name of that figure (``chiếm 42,5% chi thường xuyên``): the rate is worked out from
    the two amounts and compared at its own digits. Judged only when the base named is the
    figure's own label; otherwise the part stays unchecked."""
    free = [f for f in found if not f.in_group and f.computation is None and not f.per_unit]
    for whole, part in itertools.pairwise(free):
        m = _SHARE_NAMED.match(text, part.end)
        of_which = _OF_WHICH.match(text[whole.end : part.start]) if m is not None and not part.used else None
        if m is None or of_which is None:
            continue
        named = fold(m.group(3)).strip(" .,;:")
        if not named or not fold(whole.label).strip(" .,;:").endswith(named):
            continue
        places = len(m.group(2) or "")
        rate = Decimal(f"{m.group(1)}.{m.group(2)}" if m.group(2) else m.group(1))
        base, share = _dong_of(whole), _dong_of(part)
        if base <= 0 or not 0 < rate < 100:
            continue
        part.used = True
        half = Decimal(5).scaleb(-places - 1)
        if abs(share * 100 - rate * base) <= half * base:
            continue
        computed = (share * 100 / base).quantize(Decimal(1).scaleb(-places - 1))
        money = part.amount.money
        args = {
            "title": of_which.group("name").strip(" ,;:")[:60],
            "rate": rate,
            "base": shift(base, -money.exponent),
            "computed": computed,
            "stated": part.amount.value,
            "unit": money.name,
        }
        findings.append(
            Finding(
                locate.at(m.start(1) + 1),
                "SHARE_MISMATCH",
                Severity.ERROR,
                args,
                expected=computed,
                actual=rate,
                unit="%",
                message_key="SHARE_MISMATCH.rate",
            )
        )


# ``194.310.000 đồng, làm tròn 194.300.000 đồng``: the words between a figure and its rounding
_ROUNDED_WORDS = re.compile(
    r"\s{0,3}[,;(]?\s{0,3}(?:làm|lấy)\s{1,3}tròn(?:\s{1,3}(?:là|thành|còn|số))?\s{0,3}:?\s{0,3}$", re.IGNORECASE
)


def _is_rounding(rounded: Decimal, exact: Decimal) -> bool:
    """Is ``rounded`` ``exact`` rounded down, to the nearest or up, to the precision its own
    digits show (``194.300.000``: whole hundred thousands; ``200.000.000``: hundred millions;
    ``194.500.000``: half millions too)? Only the rounding a figure's precision explains."""
    if rounded == exact:
        return True
    exponent = rounded.normalize().as_tuple().exponent
    if not isinstance(exponent, int):
        return False
    unit = Decimal(1).scaleb(exponent)
    steps = [unit, unit * 5] if (rounded / (unit * 5)) == (rounded / (unit * 5)).to_integral_value() else [unit]
    for step in steps:
        q = exact / step
        if rounded in (
            q.to_integral_value(rounding=ROUND_FLOOR) * step,
            q.to_integral_value(rounding=ROUND_CEILING) * step,
        ):
            return True
    return False


def _rounded_figures(text: str, found: list[Found], locate: Locator, findings: list[Finding]) -> None:
    """A figure said to be another rounded (``194.310.000 đồng, làm tròn 194.300.000 đồng``): it
    is checked as a rounding of the figure right before the words, down, to the nearest or up, to
    the precision its own digits show; anything else is an error at it."""
    for f in found:
        if f.used or f.computation is not None or f.per_unit:
            continue
        words = _ROUNDED_WORDS.search(text, max(0, f.start - 40), f.start)
        if words is None or words.end() != f.start:
            continue
        before = [m for m in NUMBER_TOKEN.finditer(text, max(0, words.start() - 60), words.start())]
        if not before:
            continue
        last = before[-1]
        money, span = read_money(text[last.end() : words.start()].lstrip())
        gap = text[last.end() : words.start()]
        if money is None or gap.lstrip()[span:].strip(" .") or len(gap) - len(gap.lstrip()) > 1:
            continue  # no money amount ends right before the words
        try:
            exact = shift(read_number(last.group()).value, money.exponent)
        except NumberError:
            continue
        f.used = True
        rounded = _dong_of(f)
        if _is_rounding(rounded, exact):
            continue
        unit = f.amount.money.name
        args = {"stated": f.amount.value, "exact": shift(exact, -f.amount.money.exponent), "unit": unit}
        findings.append(
            Finding(f.amount.source, "ROUNDED_MISMATCH", Severity.ERROR, args, actual=f.amount.value, unit=unit)
        )


_YEAR_LABEL = re.compile(r"\s{0,3}nam\s{1,3}((?:19|20)[0-9]{2})\s{0,3}(?:la\s{0,3})?:?\s{0,3}$")
_PERIOD = re.compile(r"\b((?:19|20)[0-9]{2})\s*[-–]\s*((?:19|20)[0-9]{2})\b")


def _years_after(text: str, found: list[Found]) -> None:
    """A figure that ends its sentence, and a next sentence of figures by year only (``Tổng kinh
    phí giai đoạn 2025-2027 là 4.500 triệu đồng. Năm 2025: 1.500 triệu đồng; Năm 2026: ...``):
    the years are its parts when they add up to it, or when they are every year of the period its
    sentence names (then a difference is an error); otherwise some of it, left unchecked."""
    free = [f for f in found if not f.in_group and f.computation is None]
    for i, owner in enumerate(free):
        if owner.parts or owner.per_unit or owner.partial:
            continue
        end = _SENTENCE_END.match(text, owner.end) or _SENTENCE_END.match(text, owner.end + 1)
        if end is None or text[owner.end : end.start()].strip(" ."):
            continue  # the figure does not end its sentence
        after = _SENTENCE_END.search(text, end.end())
        stop = len(text) if after is None else after.start()
        parts = [p for p in free[i + 1 :] if p.start < stop]
        years = [_YEAR_LABEL.match(p.lead) for p in parts]
        if len(parts) < 2 or any(y is None for y in years) or any(p.per_unit or p.computation for p in parts):
            continue
        listed = [int(y.group(1)) for y in years if y is not None]
        opens = max(text.rfind(". ", 0, owner.start), text.rfind("\n", 0, owner.start), -1)
        period = _PERIOD.search(text, opens + 1, owner.start)
        every_year = period is not None and listed == list(range(int(period[1]), int(period[2]) + 1))
        if every_year or sum(_dong_of(p) for p in parts) == _dong_of(owner):
            owner.parts = parts
            for p in parts:
                p.in_group = True
        else:
            for p in parts:
                p.partial = True
        return


_AVERAGE = re.compile(r"(?<![^\W\d_])(?:trung binh|binh quan)(?![^\W\d_])")
# ``(ĐVT: 1000đ)``, ``(Đơn vị tính: triệu đồng)``: a unit declared in brackets
_UNIT_NOTE = re.compile(r"\s*(?:đvt|đơn\s+vị(?:\s+tính)?)\s*[:.]", re.IGNORECASE)


def _prose_over_clauses(
    text: str,
    masked: str,
    notes: tuple[tuple[int, str], ...],
    start: int,
    end: int,
    locate: Locator,
    label_from: int | None,
) -> Chain | None:
    """A prose product whose counts and rate are stated in clauses of their own before the result
    (``Số học sinh là 1.240 em; mức hỗ trợ 150.000 đồng/em/tháng; thời gian 9 tháng; tổng kinh phí
    là 1.674.000.000 đồng``): read over those clauses as one, only when nothing in them was read
    and the reading is whole (the prose rules: one money rate, its counts, units that cancel);
    a product sign or an ``=`` in them is a relation of its own, never joined."""
    if masked.find("=", start, end) >= 0 or _PRODUCT_SIGN.search(masked, start, end):
        return None
    chain = read_chain(text, masked, notes, start, end, locate, label_from)
    if chain.line is None or chain.findings:
        return None
    return chain


def _group_parts(text: str, a: int, b: int, locate: Locator, findings: list[Finding]) -> list[Found]:
    """The money amounts in the brackets ``text[a:b]``, each labelled by the words between it and
    the figure before it (``tỉnh 300 triệu đồng, huyện 200 triệu đồng``: ``tỉnh``, ``huyện``)."""
    inner = text[a + 1 : b - 1]
    at = _At(locate, a + 1)
    sub = _amounts(inner, inner, [], at, findings)
    starts = sorted([0, *(m.end() for m in _LABEL_CUT.finditer(inner)), *(e for _s, e, _v, _mo, _t in sub)])
    parts = [_found(inner, inner, s, e, v, mo, at, starts) for s, e, v, mo, _t in sub]
    for p in parts:
        p.start += a + 1
        p.end += a + 1
        p.in_group = True
    return parts


def _split_in_note(
    owner: Found | None, text: str, a: int, b: int, locate: Locator, findings: list[Finding], found: list[Found]
) -> None:
    """Money amounts in plain brackets (``500 triệu đồng (ngân sách tỉnh 300 triệu đồng, ngân sách
    huyện 200 triệu đồng)``). Two or more that add up to the figure right before the brackets are
    its parts, checked with it. Any others are some of it, or figures beside it (``(năm trước
    450 triệu đồng, tăng 50 triệu đồng)``): read, never summed, and said not checked; never
    dropped with the note."""
    if not _DIGIT.search(text, a, b) or _UNIT_NOTE.match(text, a + 1):
        return  # ``(ĐVT: 1000đ)`` declares a unit: no amount
    said: list[Finding] = []
    # ``(trung bình mỗi cấp trên 30 triệu)``: a rate or an average of each, no amount of the budget
    parts = [p for p in _group_parts(text, a, b, locate, said) if not p.per_unit and not _AVERAGE.search(p.lead)]
    if not parts:
        return
    owned = owner is not None and owner.computation is None
    if owned and len(parts) >= 2 and sum(_dong_of(p) for p in parts) == _dong_of(owner):  # type: ignore[arg-type]
        owner.parts = parts  # type: ignore[union-attr]
    else:
        for p in parts:
            p.partial = True
            # ``1.800.000.000 đồng (tức là 1,8 tỷ đồng)``: the figure said again, in another unit
            p.used = owned and len(parts) == 1 and _dong_of(p) == _dong_of(owner)  # type: ignore[arg-type]
    findings.extend(said)
    found.extend(parts)


def _dong_of(f: Found) -> Decimal:
    return shift(f.amount.value, f.amount.money.exponent)


# ``Ví dụ:``, ``Ví dụ 2:`` anywhere, or ``Ví dụ`` opening the text; ``ví dụ như`` in a list is prose.
# (opened by the class of its first letter, the letter before it tested behind: the matcher
# skips to candidates)
_EXAMPLE_WORDS = re.compile(r"[vV](?<![^\W\d_][vV])(?i:í\s{1,3}dụ)(?:\s{1,3}[0-9]{1,2})?\s{0,3}[:：]")
_EXAMPLE_OPENS = re.compile(r"\s*ví\s{1,3}dụ(?![^\W\d_])", re.IGNORECASE)


def _example_start(text: str, example: bool) -> int | None:
    """Where a worked example (``Ví dụ:``) starts in ``text``: 0 when the whole text is one."""
    if example or _EXAMPLE_OPENS.match(text):
        return 0
    m = _EXAMPLE_WORDS.search(text)
    return None if m is None else m.start()


def _legal_figures(text: str, found: list[Found], example_at: int | None) -> list[Found]:
    """Amounts that are no budget amounts: thresholds of legal prose and figures of an example.

    ``từ 2.000.000 đồng trở lên``, ``đến dưới 30.000.000 đồng``, ``không quá``, ``tối đa``:
    the figure bounds a rule; after ``Ví dụ:`` the figures illustrate it. Marked in place.
    """
    out = []
    previous: Found | None = None
    for f in found:
        if f.in_group:
            continue
        before = text[max(0, f.start - 24) : f.start].lower()
        if example_at is not None and f.start >= example_at:
            f.skip = "example"
        elif _THRESHOLD_BEFORE.search(before) or _THRESHOLD_AFTER.match(text[f.end : f.end + 16].lower()):
            f.skip = "threshold"
        elif (
            _RANGE_END.search(before)
            and previous is not None
            and previous.skip == "threshold"
            and not _LABEL_CUT.search(text, previous.end, f.start)
        ):
            f.skip = "threshold"
        if f.skip:
            out.append(f)
        previous = f
    return out


def _words(text: str, masked: str, found: list[Found], locate: Locator) -> list[WordsCheck]:
    """Each amount in words beside the figure it spells.

    The figure is the last one before the words in the text (an amount or a product's
    result); a plain parenthesis (``2.400.000 đồng (hai triệu bốn trăm nghìn đồng)``)
    spells only the figure right before it; words with no figure before them spell the
    figure right after them (``Bằng chữ: Hai triệu đồng (2.000.000 đồng)``). Words with
    no figure beside them are kept with none, for the outline to pair with the line above.
    """
    if "(" not in text:
        # with no parenthesis only "Bằng chữ" marks words: none in NFC text without "chữ" in any
        # case, none in other text without "ch" (a cheap test on long lines)
        lowered = text.lower()
        if "ch" not in lowered or ("chữ" not in lowered and unicodedata.is_normalized("NFC", text)):
            return []
    spans = find_words(text, unread=True)
    if not spans:
        return []
    groups = [(a, b) for a, b in paren_groups(text) if _group_kind(text[a + 1 : b - 1]) == "words"]
    scratch: list[Finding] = []  # the figures were read (and reported) once already

    def figures_in(where: str) -> list[tuple[int, int, Amount]]:
        read = _amounts(text, where, groups, locate, scratch)
        skipped = {f.start for f in found if f.skip}
        return [
            (a, end, Amount(value, money, locate.at(a + 1))) for a, end, value, money, _t in read if a not in skipped
        ]

    figures = figures_in(masked)
    unmasked: list[tuple[int, int, Amount]] | None = None
    out = []
    for span in spans:
        before = [f for f in figures if f[1] <= span.start]
        owner: Amount | None = None
        if span.plain:
            if before and not text[before[-1][1] : span.start].strip(" (\u00a0"):
                owner = before[-1][2]
            else:
                continue
        elif before:
            owner = before[-1][2]
            if span.value is not None and _dong(owner) != span.value:
                # "500 triệu đồng, trong đó tỉnh 300 triệu đồng (Bằng chữ: Năm trăm triệu đồng)":
                # words that spell an earlier figure of the item exactly are that figure's
                owner = next((f[2] for f in reversed(before[:-1]) if _dong(f[2]) == span.value), owner)
        else:
            if unmasked is None:
                unmasked = figures_in(text)  # the figure may stand in parentheses: "(2.000.000 đồng)"
            after = next((f for f in unmasked if f[0] >= span.end), None)
            if after is not None and not _WORDS_GAP.sub("", text[span.end : after[0]]):
                owner = after[2]
        out.append(WordsCheck(locate.at(span.start + 1), owner, span.value, span.text))
    return out


def _dong(a: Amount) -> Decimal:
    return shift(a.value, a.money.exponent)


# Between amount words and the figure they precede: ``đồng chẵn (``, ``./.``, ``:``.
_WORDS_GAP = re.compile(r"[\s().,:;/\-–]|chẵn|chẳn", re.IGNORECASE)


# ``mỗi giải``, ``mỗi người một lần``, ``bình quân mỗi lớp``: the figure after it is per unit
_PER_EACH = re.compile(r"(?<![^\W\d_])(?:mỗi|từng)(?:\s+[^\W\d_]+){1,3}(?:\s+là)?$", re.IGNORECASE)


def _found(
    text: str, masked: str, a: int, end: int, value: Decimal, money: Money, locate: Locator, starts: list[int]
) -> Found:
    clause_start = max(starts[bisect_right(starts, a) - 1], a - _LABEL_MAX)
    label = " ".join(text[clause_start:a].split()).strip(" :,-–+")
    label = _BREAKDOWN_WORDS.sub("", label)
    return Found(Amount(value, money, locate.at(a + 1)), a, end, label, fold(masked[clause_start:a]))
