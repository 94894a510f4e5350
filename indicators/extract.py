"""Target statements in plan text → targets, each with its line, kind, bounds and confidence.

Read by hand with patterns over the folded text (``text.fold`` keeps positions), because
the statements are Vietnamese prose: ``tối thiểu 20% tổng chi``, ``80 - 85%``, ``từ 3 đến
5 trường``, ``khoảng 230.000 lượt người``, ``(70% vào ..., 30% ...)``, ``phấn đấu đến năm
2025 đạt tối thiểu 66%``, lists ``100% ...; 35% ...; 10% ...``. Cost lines are left to the
budget reader (the lines it owns are skipped), so the ``50%`` of a support rate inside one is never a target; years and
document numbers carry no ``%`` and no counted noun, so they never match.

The kinds people write beyond levels (``indicators.kinds`` evaluates them): ``khoảng`` N is
a band around N (its rounding); ``mỗi năm``/``hằng năm``/``/năm`` mark a flow per year;
``tăng 10% so với năm 2020``, ``mỗi năm tăng 1 - 2%``, ``giảm 1,5%/năm`` are changes;
``tăng từ 60% năm 2020 lên 75% năm 2025`` a level with its baseline; ``nâng cao tỷ lệ …``
a direction only; ``không quá 35 học sinh/lớp`` a ratio of two measures; ``xây mới 2.000
phòng học trước năm 2026`` a count built up to a deadline. A year after the figure
(``dưới 5% vào năm 2025``) is its deadline; with none, the end of the plan's period in its
title (``giai đoạn 2020 - 2025``, ``năm học 2024 - 2025``) is. ``trước năm 2026`` (before
2026) is due by 2025; ``đến năm 2025`` by 2025. ``khoảng trên`` N is about N, a band too.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from budget.messages import Phrase
from budget.numbers import NumberError, read_number
from budget.read.document import Document
from budget.read.text import RawLine
from budget.text import fold
from indicators.model import Kind, Share, Target, band

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
_COUNT_ABOUT = re.compile(
    rf"\b(?P<word>khoang(?: tren)?|it nhat|toi thieu)\s+(?P<n>{_NUM})\s+(?P<noun>{_COUNT_NOUNS})\b"
)
_DIGIT = re.compile(r"[0-9]")
_COUNT_LEAD = re.compile(
    rf"\b(?:tu|khoang|it nhat|toi thieu|toi da|khong qua|khong vuot qua|moi|them|tang|giam|nang cao|nang|ha|"
    rf"xay dung|xay|dau tu|cai tao|sua chua|bo sung|thanh lap)\s+{_NUM}"
    rf"|\b(?:tang|giam|nang cao|ha thap)(?: dan)?\s+(?:ty|ti|so)"
)
_DEADLINE = re.compile(r"\b(?P<w>den|truoc)\s+nam\s+(?P<y>(?:19|20)[0-9]{2})\b")
_MINIMUM_BEFORE = re.compile(r"(?:toi thieu|it nhat|khong thap hon|khong duoi|tren)\s*$")
_MAXIMUM_BEFORE = re.compile(r"(?:toi da|khong qua|khong vuot qua|duoi)\s*$")
_MINIMUM_AFTER = re.compile(r"^\s*(?:tro len)")
_CLAUSE_END = re.compile(r"[;.]\s|[;]|\.$|$")
_YEAR = r"(?:19|20)[0-9]{2}"
# a deadline written after the figure: ``dưới 5% vào năm 2025``, ``đạt 80% năm 2025``
_DEADLINE_AFTER = re.compile(rf"[^;.()0-9]{{0,40}}?\b(?:(?P<w>vao|den|truoc|trong)\s+)?nam\s+(?P<y>{_YEAR})\b")
_PER_YEAR_BEFORE = re.compile(r"\b(?:moi nam|hang nam|hang nam|binh quan (?:moi )?nam|trung binh (?:moi )?nam)\b")
_PER_YEAR_AFTER = re.compile(r"^\s*(?:[a-z ]{0,20}?)?(?:/\s*nam\b|\s*moi nam\b|\s*hang nam\b)")
# a change: the verb, a few words without figures, the change, then its base (a year, or per year);
# words that make the figure a level (đạt, lên, xuống, là ...) or the verb another one (tăng cường) stop it
_LEVEL_WORDS = r"(?:cuong|dat|len|xuong|tu|den|la|bang|muc|o|chiem|con|toi|duoi|khong|qua|truong hoc|vao)"
_CHANGE = re.compile(
    rf"\b(?P<verb>tang|giam)\b(?P<words>(?:\s+(?!{_LEVEL_WORDS}\b)[a-z,]+){{0,8}}?)\s+(?:them\s+)?"
    rf"(?:(?P<word>it nhat|toi thieu|tren|khoang|binh quan|trung binh)\s+)?"
    rf"(?P<a>{_NUM})\s*%?\s*(?:(?:-|–|—|den)\s*(?P<b>{_NUM})\s*)?%"
    rf"(?P<base>\s*so voi\s+(?:cung ky\s+)?(?:nam\s+)?(?P<y>{_YEAR})|\s*/\s*nam\b|\s*moi nam\b|\s*hang nam\b)?"
    rf"(?![0-9])"
)
# from-to with a baseline: ``tăng từ 60% năm 2020 lên 75% năm 2025``. Spaces are bounded runs
# (``\s{0,3}``): five optional parts, each with spaces around it, let a long run of spaces be
# shared among them in polynomially many ways (400 spaces: a third of a second; 1.000: seconds).
_S0, _S1 = r"\s{0,3}", r"\s{1,3}"  # bounded runs of spaces
_FROM_TO = re.compile(
    rf"\btu{_S1}(?:muc{_S1})?(?P<a>{_NUM}){_S0}(?P<pa>%)?(?:{_S1}(?P<na>{_COUNT_NOUNS}))?"
    rf"(?:{_S0}\(?{_S0}(?:vao |trong |cua )?(?:nam|nam hoc){_S1}(?P<y0>{_YEAR})(?:{_S0}-{_S0}{_YEAR})?\)?)?"
    rf"{_S1}(?P<dir>len|xuong|den){_S1}(?:muc{_S1})?(?P<b>{_NUM}){_S0}(?P<pb>%)?(?:{_S1}(?P<nb>{_COUNT_NOUNS}))?"
    rf"(?:{_S0}\(?{_S0}(?:vao |den |trong |truoc )?(?:nam|nam hoc){_S1}(?:{_YEAR}{_S0}-{_S0})?(?P<y1>{_YEAR})\)?)?"
)
# a direction only: ``nâng cao tỷ lệ …``, ``giảm dần tỷ lệ …``, ``tăng số lượng học sinh …``
_DIRECTION = re.compile(
    rf"\b(?P<verb>nang cao|tang dan|tang|giam dan|giam|ha thap|ha)\s+(?P<what>ty le|ti le|ty trong|ti trong|"
    rf"so luong (?!va chat luong)|so (?={_COUNT_NOUNS}\b))(?P<noun>{_COUNT_NOUNS}\b)?"
)
_DIRECTION_HINT = re.compile(r"t[ỷỉ]\s+(?:lệ|trọng)|số", re.IGNORECASE)
# a ratio of two measures: ``không quá 35 học sinh/lớp``
_PER_NOUNS = r"(?:lop|truong|giao vien|phong hoc|phong|nhom|diem truong|co so|xa|huyen|tre|hoc sinh)"
_RATIO = re.compile(
    rf"\b(?P<word>khong qua|toi da|khong vuot qua|duoi|toi thieu|it nhat|khong duoi|khong thap hon|tren)\s+"
    rf"(?P<n>{_NUM})\s+(?P<noun>{_COUNT_NOUNS})\s*/\s*(?P<per>{_PER_NOUNS})\b"
)
# things to build: ``xây mới 2.000 phòng học``, ``đầu tư xây dựng từ 3 đến 5 trường``
_BUILD_VERB = (
    r"(?:xay moi|xay dung moi|dau tu xay dung moi|dau tu xay dung|xay dung|cai tao|sua chua|bo sung|mo moi|"
    r"thanh lap moi|thanh lap|kien co hoa)"
)
_BUILD = re.compile(
    rf"\b(?P<verb>{_BUILD_VERB})\s+(?:them\s+)?(?:(?P<word>khoang|it nhat|toi thieu)\s+)?"
    rf"(?:tu\s+(?P<a>{_NUM})\s+den\s+(?P<b>{_NUM})|(?P<n>{_NUM}))\s+(?P<noun>{_COUNT_NOUNS})\b"
)
# the plan's period in its title: ``giai đoạn 2020 - 2025``, ``năm học 2024 - 2025``
_PERIOD = re.compile(rf"\b(?:giai doan|nam hoc|thoi ky)\s+{_YEAR}\s*(?:-|–|—|den)\s*(?P<y>{_YEAR})\b")


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
    if not found:
        return None
    year = int(found[-1].group("y"))
    return year - 1 if found[-1].group("w") == "truoc" else year  # trước năm 2026: by 2025


# A percentage multiplied with other figures is a factor of a formula, not a target.
_FORMULA_PERCENT = re.compile(r"%\s*[x×X*]\s*[0-9]|(?:\s|^)[x×X*]\s*[0-9]+(?:[.,][0-9]+)?\s*%")


# A budget item's share: ``(5%)`` or ``Trích 5% ...`` in a line that states an amount of money
_SHARE_LEAD = re.compile(r"(?:\(\s*|\b(?:trich|du phong)\b[^%]{0,20})$")
_MONEY_AFTER = re.compile(r"\d[\d.,]*\s*(?:trieu|ty|ti|nghin|ngan)?\s*(?:dong|d|vnd)\b")


def _year_after(folded: str, end: int, clause_end: int) -> int | None:
    """A deadline written after the figure, inside its clause (``dưới 5% vào năm 2025``)."""
    m = _DEADLINE_AFTER.match(folded, end, clause_end)
    if m is None or re.search(r"so voi\s*$", folded[max(0, m.start("y") - 20) : m.start("y")].replace("nam ", "")):
        return None
    year = int(m.group("y"))
    return year - 1 if m.group("w") == "truoc" else year


def _clause_bounds(folded: str, start: int, end: int) -> tuple[int, int]:
    left = max(folded.rfind(";", 0, start), folded.rfind(":", 0, start), folded.rfind(". ", 0, start))
    m = re.search(r";|\.\s|\.$|\(", folded[end:])
    return left + 1, end + m.start() if m else len(folded)


def extract_line(raw: RawLine, counter: list[int]) -> list[Extracted]:
    text = raw.text
    percent = "%" in text
    if not percent and _DIGIT.search(text) is None and _DIRECTION_HINT.search(text) is None:
        return []
    if percent and _FORMULA_PERCENT.search(text):
        return []  # a formula's percentages (4,5% x 1.210.000 x 70%) are factors, for the budget engine
    folded = fold(text)
    if not percent and _COUNT_LEAD.search(folded) is None:
        return []  # every pattern but the counts, ratios and directions needs a "%"; those start so
    out: list[Extracted] = []
    used: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in used)

    def add(kind: Kind, start: int, end: int, confidence: str, reason: Phrase, **fields: object) -> None:
        counter[0] += 1
        subject = _clause(text, start, end)
        source = raw.source.at(start + 1)
        head, tail = _clause_bounds(folded, start, end)
        if "deadline" not in fields:
            after = _year_after(folded, end, tail)
            fields["deadline"] = after if after is not None else _deadline(folded, start)
        if "per_year" not in fields:
            fields["per_year"] = bool(
                _PER_YEAR_BEFORE.search(folded, head, start) or _PER_YEAR_AFTER.match(folded[end:tail])
            )
        target = Target(
            f"CT{counter[0]:02d}",
            subject,
            kind,
            source,
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
    for m in _FROM_TO.finditer(folded):
        _from_to(m, text, free, add)
    for m in _CHANGE.finditer(folded):
        _change(m, text, folded, free, add)
    for m in _RANGE.finditer(folded):
        a, b = _number(m.group("a")), _number(m.group("b"))
        if a is not None and b is not None and a < b <= 100 and free(m.start(), m.end()):
            add(Kind.RANGE, m.start(), m.end(), "high", Phrase("TARGET_WHY.range", {}), lower=a, upper=b)
    for m in _BUILD.finditer(folded):
        _build(m, text, free, add)
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
    for m in _RATIO.finditer(folded):
        n = _number(m.group("n"))
        if n is None or not free(m.start(), m.end()):
            continue
        unit = f"{text[m.start('noun') : m.end('noun')]}/{text[m.start('per') : m.end('per')]}"
        why = Phrase("TARGET_WHY.ratio", {"word": text[m.start("word") : m.end("word")], "unit": unit})
        if _MAXIMUM_BEFORE.search(m.group("word")):
            add(Kind.MAXIMUM, m.start(), m.end(), "high", why, upper=n, unit=unit)
        else:
            add(Kind.MINIMUM, m.start(), m.end(), "high", why, lower=n, unit=unit)
    for m in _COUNT_ABOUT.finditer(folded):
        n = _number(m.group("n"))
        noun = text[m.start("noun") : m.end("noun")]
        if n is not None and n >= 100 and free(m.start(), m.end()):
            word = text[m.start("word") : m.end("word")]
            why = Phrase("TARGET_WHY.count_about", {"word": word, "noun": noun})
            if m.group("word").startswith("khoang"):
                h = band(n, False)
                why = Phrase("TARGET_WHY.approximate", {"band": h})
                add(Kind.APPROXIMATE, m.start(), m.end(), "high", why, lower=n - h, upper=n + h, stated=n, unit=noun)
            else:
                add(Kind.COUNT, m.start(), m.end(), "high", why, lower=n, unit=noun)
    for m in _PCT.finditer(folded):
        if not free(m.start(), m.end()):
            continue
        n = _number(m.group("n"))
        if n is None or n > 100:
            continue
        before, after = folded[: m.start()], folded[m.end() :]
        if re.search(r"\bkhoang(?: tren)?\s*$", before):  # about N, or about above N: a band around N
            h = band(n, True)
            why = Phrase("TARGET_WHY.approximate", {"band": h})
            add(Kind.APPROXIMATE, m.start(), m.end(), "high", why, lower=n - h, upper=n + h, stated=n)
        elif _MAXIMUM_BEFORE.search(before):
            add(Kind.MAXIMUM, m.start(), m.end(), "high", Phrase("TARGET_WHY.maximum", {}), upper=n)
        elif _MINIMUM_BEFORE.search(before) or _MINIMUM_AFTER.search(after):
            add(Kind.MINIMUM, m.start(), m.end(), "high", Phrase("TARGET_WHY.minimum", {}), lower=n)
        elif re.search(r"\bdat(?: ty le)?\s*$", before):
            add(Kind.MINIMUM, m.start(), m.end(), "high", Phrase("TARGET_WHY.reached", {}), lower=n)
        elif _SHARE_LEAD.search(before) and _MONEY_AFTER.search(after):
            continue  # ``Dự phòng (5%): 60 triệu đồng``: a share of the budget, checked by the budget engine
        else:
            add(Kind.MINIMUM, m.start(), m.end(), "medium", Phrase("TARGET_WHY.bare", {}), lower=n)
    for m in _DIRECTION.finditer(folded):
        head, tail = _clause_bounds(folded, m.start(), m.end())
        if any(s < tail and e > head for s, e in used):
            continue  # the clause states a figure: that is its target
        word = text[m.start("verb") : m.end("verb")]
        up = not m.group("verb").startswith(("giam", "ha"))
        noun = text[m.start("noun") : m.end("noun")] if m.group("noun") else ""
        unit = "%" if m.group("what").startswith(("ty", "ti")) else noun
        why = Phrase("TARGET_WHY.direction", {"word": word})
        add(Kind.DIRECTION, m.start(), m.end(), "medium", why, direction=1 if up else -1, unit=unit)
    out.sort(key=lambda e: e.target.source.col or 0)
    return out


_Add = Callable[..., None]
_Free = Callable[[int, int], bool]


def _from_to(m: re.Match[str], text: str, free: _Free, add: _Add) -> None:
    """``tăng từ 60% năm 2020 lên 75% năm 2025``: the goal by its year, with the baseline."""
    a, b = _number(m.group("a")), _number(m.group("b"))
    percent = bool(m.group("pb"))
    if a is None or b is None or a == b or not free(m.start(), m.end()):
        return
    if m.group("dir") == "den" and not m.group("y0"):
        return  # ``từ 55 đến 60%`` is a range
    if bool(m.group("pa")) != percent and m.group("pa") is not None:
        return
    if not percent and not (m.group("na") or m.group("nb")):
        return  # a count needs its noun
    unit = "%" if percent else text[m.start("nb") : m.end("nb")] if m.group("nb") else text[m.start("na") : m.end("na")]
    up = b > a if m.group("dir") == "den" else m.group("dir") == "len"
    if up != (b > a) or (percent and b > 100):
        return
    fields: dict[str, object] = {"direction": 1 if up else -1, "baseline": a, "unit": unit}
    fields["lower" if up else "upper"] = b
    if m.group("y0"):
        fields["base_year"] = int(m.group("y0"))
    if m.group("y1"):
        fields["deadline"] = int(m.group("y1"))
    why = Phrase("TARGET_WHY.from_to", {})
    add(Kind.FROM_TO, m.start(), m.end(), "high", why, **fields)


def _change(m: re.Match[str], text: str, folded: str, free: _Free, add: _Add) -> None:
    """``tăng 10% so với năm 2020``, ``mỗi năm tăng 1 - 2%``, ``giảm 1,5%/năm``."""
    if not free(m.start(), m.end()):
        return
    a = _number(m.group("a"))
    b = _number(m.group("b")) if m.group("b") else None
    if a is None or (m.group("b") and (b is None or b <= a)):
        return
    head = max(folded.rfind(";", 0, m.start()), folded.rfind(". ", 0, m.start()), folded.rfind(":", 0, m.start()))
    per_year_before = _PER_YEAR_BEFORE.search(folded, head + 1, m.start()) is not None
    base = m.group("base") or ""
    if not (base or per_year_before or not m.group("words").strip()):
        return  # words between the verb and an unanchored figure: a level, read by the other patterns
    fields: dict[str, object] = {"direction": 1 if m.group("verb") == "tang" else -1, "lower": a}
    if b is not None:
        fields["upper"] = b
    if m.group("y"):
        fields["base_year"] = int(m.group("y"))
    else:
        fields["per_year"] = bool(base) or per_year_before
    why = Phrase("TARGET_WHY.change", {"word": text[m.start("verb") : m.end("verb")]})
    add(Kind.CHANGE, m.start(), m.end(), "high" if base or per_year_before else "medium", why, **fields)


def _build(m: re.Match[str], text: str, free: _Free, add: _Add) -> None:
    """``xây mới 2.000 phòng học``, ``đầu tư xây dựng từ 3 đến 5 trường``: built up to the deadline."""
    if not free(m.start(), m.end()):
        return
    noun = text[m.start("noun") : m.end("noun")]
    verb = text[m.start("verb") : m.end("verb")]
    why = Phrase("TARGET_WHY.build", {"verb": verb, "noun": noun})
    if m.group("n"):
        n = _number(m.group("n"))
        if n is None or n < 2:
            return
        if m.group("word") == "khoang":
            h = band(n, False)
            add(Kind.BUILD, m.start(), m.end(), "high", why, lower=n - h, upper=n + h, stated=n, unit=noun)
        else:
            add(Kind.BUILD, m.start(), m.end(), "high", why, lower=n, unit=noun)
        return
    a, b = _number(m.group("a")), _number(m.group("b"))
    if a is not None and b is not None and a < b:
        add(Kind.BUILD, m.start(), m.end(), "high", why, lower=a, upper=b, unit=noun)


def plan_period(lines: Sequence[RawLine]) -> int | None:
    """The last year of the plan's period, from its title (the lines after ``KẾ HOẠCH`` up to
    the first ``Căn cứ``/``Thực hiện``/``I.``): ``giai đoạn 2020 - 2025`` → 2025."""
    title: list[str] = []
    for raw in lines[:80]:
        folded = fold(raw.text).strip(" *#\t")
        if not title:
            if re.match(r"ke hoach\b", folded) and raw.text.strip(" *#\t")[:8].isupper():
                title.append(folded)
            continue
        if not folded:
            continue
        if re.match(r"(?:can cu|i\.|\(ban hanh|so:)", folded) or len(title) > 3:
            break
        title.append(folded)
    for line in title:
        m = _PERIOD.search(line)
        if m:
            return int(m.group("y"))
    return None


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
    end = plan_period(lines)
    if end is not None:  # a sentence without a deadline has the plan's: the end of its period
        found = [
            e
            if e.target.deadline is not None
            else replace(e, target=replace(e.target, deadline=end, deadline_from_period=True))
            for e in found
        ]
    return numbered(found)


def targets_of(document: Document, budget_lines: Collection[int]) -> list[Extracted]:
    """The targets a document states; none for a workbook or CSV file (their figures are
    budget tables, not target prose)."""
    return extract(document.lines, budget_lines) if document.has_lines else []


def numbered(found: list[Extracted]) -> list[Extracted]:
    """Ids in document order: CT01, CT02 ..."""
    return [replace(e, target=replace(e.target, id=f"CT{i:02d}")) for i, e in enumerate(found, 1)]
