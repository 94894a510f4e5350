"""Target statements in plan text → targets, each with its line, kind, bounds and confidence.

Read by hand with patterns over the folded text (``text.fold`` keeps positions), because
the statements are Vietnamese prose: ``tối thiểu 20% tổng chi``, ``80 - 85%``, ``từ 3 đến
5 trường``, ``khoảng 230.000 lượt người``, ``(70% vào ..., 30% ...)``, ``phấn đấu đến năm
2025 đạt tối thiểu 66%``, lists ``100% ...; 35% ...; 10% ...``. Cost lines are left to the
budget reader (the lines it owns are skipped), so the ``50%`` of a support rate inside one is never a target; years and
document numbers carry no ``%`` and no counted noun, so they never match.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from budget.messages import Phrase
from budget.numbers import NumberError, read_number
from budget.read.document import Document
from budget.read.text import RawLine
from budget.text import fold
from indicators.model import Kind, Share, Target

_NUM = r"[0-9]+(?:[.,][0-9]+)*"
_PCT = re.compile(rf"(?P<n>{_NUM})\s*%")
_RANGE = re.compile(rf"(?:tu\s+)?(?P<a>{_NUM})\s*%?\s*(?:-|–|—|den)\s*(?P<b>{_NUM})\s*%")
# a bracket holding no bracket (possessive: an unclosed one is scanned once, to the next bracket);
# a split is one whose text starts with a percentage and names another after a comma. Two lazy
# repeats of the same text, one inside the other, took exponential time on an unclosed bracket.
_SPLIT = re.compile(r"\((?P<body>[^()]*+)\)")
_SPLIT_HEAD = re.compile(rf"\s*{_NUM}\s*%")
_SPLIT_MORE = re.compile(rf",\s*{_NUM}\s*%")
_SHARE = re.compile(rf"(?P<n>{_NUM})\s*%\s*(?P<label>[^,]*)")
# nouns a plan counts as a target; ages, times and occasions are not targets
_COUNT_NOUNS = r"(?:truong|luot nguoi|hoc sinh|giao vien|lop|phong hoc|phong|nguoi|co so)"
_COUNT_RANGE = re.compile(rf"\btu\s+(?P<a>{_NUM})\s+den\s+(?P<b>{_NUM})\s+(?P<noun>{_COUNT_NOUNS})\b")
_COUNT_ABOUT = re.compile(rf"\b(?P<word>khoang|it nhat|toi thieu)\s+(?P<n>{_NUM})\s+(?P<noun>{_COUNT_NOUNS})\b")
_DIGIT = re.compile(r"[0-9]")
_COUNT_LEAD = re.compile(rf"\b(?:tu|khoang|it nhat|toi thieu)\s+{_NUM}")
_DEADLINE = re.compile(r"\b(?:den|truoc)\s+nam\s+(?P<y>(?:19|20)[0-9]{2})\b")
_MINIMUM_BEFORE = re.compile(r"(?:toi thieu|it nhat|khong thap hon|khong duoi|tren)\s*$")
_MAXIMUM_BEFORE = re.compile(r"(?:toi da|khong qua|khong vuot qua|duoi)\s*$")
_MINIMUM_AFTER = re.compile(r"^\s*(?:tro len)")
_CLAUSE_END = re.compile(r"[;.]\s|[;]|\.$|$")


@dataclass(frozen=True)
class Extracted:
    target: Target
    subject: str
    confidence: str  # "high" or "medium" (words: TARGET_CONFIDENCE.*)
    reason: Phrase  # why it was read as a target (words: TARGET_WHY.*)


def _number(text: str) -> Decimal | None:
    try:
        return read_number(text).value
    except NumberError:
        return None


def _clause(text: str, start: int, end: int) -> str:
    """The clause holding ``text[start:end]``: from the previous ``;`` ``:`` or bullet to the next ``;`` or ``.``."""
    left = max(text.rfind(";", 0, start), text.rfind(":", 0, start), text.rfind(". ", 0, start))
    head = text[left + 1 : start] if left >= 0 else text[:start]
    m = re.search(r";|\.\s|\.$|\(", text[end:])
    tail = text[end : end + m.start()] if m else text[end:]
    clause = (head + text[start:end] + tail).strip(" -+*\t")
    return " ".join(clause.split())


def _deadline(folded: str, start: int) -> int | None:
    window = folded[max(0, start - 160) : start]
    found = list(_DEADLINE.finditer(window))
    return int(found[-1].group("y")) if found else None


# A percentage multiplied with other figures is a factor of a formula, not a target.
_FORMULA_PERCENT = re.compile(r"%\s*[x×X*]\s*[0-9]|(?:\s|^)[x×X*]\s*[0-9]+(?:[.,][0-9]+)?\s*%")


# A budget item's share: ``(5%)`` or ``Trích 5% ...`` in a line that states an amount of money
_SHARE_LEAD = re.compile(r"(?:\(\s*|\b(?:trich|du phong)\b[^%]{0,20})$")
_MONEY_AFTER = re.compile(r"\d[\d.,]*\s*(?:trieu|ty|ti|nghin|ngan)?\s*(?:dong|d|vnd)\b")


def extract_line(raw: RawLine, counter: list[int]) -> list[Extracted]:
    text = raw.text
    percent = "%" in text
    if not percent and _DIGIT.search(text) is None:
        return []
    if percent and _FORMULA_PERCENT.search(text):
        return []  # a formula's percentages (4,5% x 1.210.000 x 70%) are factors, for the budget engine
    folded = fold(text)
    if not percent and _COUNT_LEAD.search(folded) is None:
        return []  # every pattern but the two counts needs a "%"; both counts start so
    out: list[Extracted] = []
    used: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in used)

    def add(kind: Kind, start: int, end: int, confidence: str, reason: Phrase, **fields: object) -> None:
        counter[0] += 1
        subject = _clause(text, start, end)
        source = raw.source.at(start + 1)
        target = Target(
            f"CT{counter[0]:02d}",
            subject,
            kind,
            source,
            deadline=_deadline(folded, start),
            reference=f"{raw.source.file}:{raw.source.line}",
            **fields,  # type: ignore[arg-type]
        )
        out.append(Extracted(target, subject, confidence, reason))
        used.append((start, end))

    for m in _SPLIT.finditer(folded):
        if _SPLIT_HEAD.match(m.group("body")) is None or _SPLIT_MORE.search(m.group("body")) is None:
            continue
        shares = [(s.group("n"), text[s.start("label") + m.start("body") : s.end("label") + m.start("body")].strip())
                  for s in _SHARE.finditer(m.group("body"))]  # fmt: skip
        values = [_number(n) for n, _ in shares]
        if len(values) > 1 and all(v is not None for v in values) and sum(v for v in values if v) == 100:
            parts = tuple(Share(label, v) for (_, label), v in zip(shares, values, strict=True) if v is not None)
            add(Kind.SPLIT, m.start(), m.end(), "high", Phrase("TARGET_WHY.split", {}), shares=parts)
    for m in _RANGE.finditer(folded):
        a, b = _number(m.group("a")), _number(m.group("b"))
        if a is not None and b is not None and a < b <= 100 and free(m.start(), m.end()):
            add(Kind.RANGE, m.start(), m.end(), "high", Phrase("TARGET_WHY.range", {}), lower=a, upper=b)
    for m in _COUNT_RANGE.finditer(folded):
        a, b = _number(m.group("a")), _number(m.group("b"))
        noun = text[m.start("noun") : m.end("noun")]
        if a is not None and b is not None and a < b and free(m.start(), m.end()):
            add(
                Kind.COUNT,
                m.start(),
                m.end(),
                "high",
                Phrase("TARGET_WHY.count_range", {"noun": noun}),
                lower=a,
                upper=b,
                unit=noun,
            )
    for m in _COUNT_ABOUT.finditer(folded):
        n = _number(m.group("n"))
        noun = text[m.start("noun") : m.end("noun")]
        if n is not None and n >= 100 and free(m.start(), m.end()):
            why = Phrase("TARGET_WHY.count_about", {"word": text[m.start("word") : m.end("word")], "noun": noun})
            add(Kind.COUNT, m.start(), m.end(), "high", why, lower=n, unit=noun)
    for m in _PCT.finditer(folded):
        if not free(m.start(), m.end()):
            continue
        n = _number(m.group("n"))
        if n is None or n > 100:
            continue
        before, after = folded[: m.start()], folded[m.end() :]
        if _MAXIMUM_BEFORE.search(before):
            add(Kind.MAXIMUM, m.start(), m.end(), "high", Phrase("TARGET_WHY.maximum", {}), upper=n)
        elif _MINIMUM_BEFORE.search(before) or _MINIMUM_AFTER.search(after):
            add(Kind.MINIMUM, m.start(), m.end(), "high", Phrase("TARGET_WHY.minimum", {}), lower=n)
        elif re.search(r"\bdat(?: ty le)?\s*$", before):
            add(Kind.MINIMUM, m.start(), m.end(), "high", Phrase("TARGET_WHY.reached", {}), lower=n)
        elif _SHARE_LEAD.search(before) and _MONEY_AFTER.search(after):
            continue  # ``Dự phòng (5%): 60 triệu đồng``: a share of the budget, checked by the budget engine
        else:
            add(Kind.MINIMUM, m.start(), m.end(), "medium", Phrase("TARGET_WHY.bare", {}), lower=n)
    out.sort(key=lambda e: e.target.source.col or 0)
    return out


def extract(lines: Sequence[RawLine], budget_lines: Collection[int]) -> list[Extracted]:
    """Every target statement of a document's lines, in document order.

    The lines the budget reader owns (``Plan.budget_lines``: its tables and the lines of its
    computations) are left out: their percentages (``Trích 40%``, ``x 50%``) are shares of an
    amount and factors, never targets.
    """
    counter = [0]
    found: list[Extracted] = []
    for raw in lines:
        if raw.source.line not in budget_lines:
            found.extend(extract_line(raw, counter))
    return numbered(found)


def targets_of(document: Document, budget_lines: Collection[int]) -> list[Extracted]:
    """The targets a document states; none for a workbook or CSV file (their figures are
    budget tables, not target prose)."""
    return extract(document.lines, budget_lines) if document.has_lines else []


def numbered(found: list[Extracted]) -> list[Extracted]:
    """Ids in document order: CT01, CT02 ..."""
    return [replace(e, target=replace(e.target, id=f"CT{i:02d}")) for i, e in enumerate(found, 1)]
