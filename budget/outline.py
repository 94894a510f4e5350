"""Items → the budget tree, as a person reads it from the list markers.

Marker styles rank by the order in which they open: a style not yet open below the
current item opens a level under it (``-`` under ``a)``, ``+`` under ``-``, a ``1.``
under ``a)`` when its numbering starts again); a style already open closes the levels
below it and continues that level. Unmarked paragraphs belong to the item above them:
the first one that states an amount with budget words is that item's amount (``Dự
kiến: Kinh phí trong 5 năm: 14.500 triệu đồng``), a ``Tổng cộng`` line after the items
is their total, and unmarked amount lines are its children when their sum is what the
item states. Every amount found and not placed is kept, for the coverage check.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field, replace
from decimal import Decimal

from budget import messages
from budget.count_breakdowns import count_list
from budget.evaluate import evaluate_section
from budget.expr import Found, Scan, last_figure, scan
from budget.findings import Finding, Severity
from budget.model import Amount, CostLine, Item, Section, WordsCheck
from budget.numbers import shift, total
from budget.segment import Item as TextItem
from budget.source import Source
from budget.text import fold
from budget.time_budget import reached

MAX_DEPTH = 60  # levels of nesting kept; deeper items become siblings at this depth (reported)

_NUMBERED = {"dieu", "roman", "letter", "upper"}
_STATEMENT_WORDS = re.compile(r"\b(?:kinh phi|du kien|du toan|tong|ngan sach|nguon von|cong|tong so|chi|thu|von)\b")
# what may stand right before a stated figure: ``Tổng kinh phí: ``, ``... là ``, ``Tổng kinh phí ``
_STATEMENT_LEAD = re.compile(
    r"(?::|\bla|\bkhoang|\bxap xi|\bchung|\bgan|\buoc tinh|\bdat|\bdu kien|\btong cong|\bcong|\bcon"
    r"|\btong kinh phi|\btong du toan|\btong von|\btong so tien|\btong chi phi|\btong nhu cau kinh phi)\s*$"
)
_TOTAL_LINE = re.compile(r"^\s*(?:tong cong|cong|tong so|tong kinh phi|tong du toan|tong chi|tong)\b")
_CLOSING_LINE = re.compile(r"^\s*(?:tong cong|cong|tong so)\b")
# A total named after what it totals closes the list above it too, unless it opens one
# (``Tổng kinh phí dự kiến là 46.375 triệu đồng, gồm:`` leads its items).
_CLOSING_NAMED = re.compile(r"^\s*(?:tong kinh phi|tong du toan|tong chi phi|tong nhu cau kinh phi)\b")
_OPENS_LIST = re.compile(r"\b(?:gom|bao gom|nhu sau|cu the)\b|:\s*$")
# ``Cộng`` (a sum) and ``Công`` (``Công ty``, ``Công tác``) fold to one word: written with its
# marks, the mark decides.
_COMPANY = re.compile(r"^\s*công(?![^\W\d_])", re.IGNORECASE)


def is_total_text(text: str) -> bool:
    """Does ``text`` (as written) open with a total's word (``Tổng cộng``, ``Cộng``, ``Tổng kinh phí``)?"""
    return _TOTAL_LINE.search(fold(text)) is not None and _COMPANY.match(text) is None


def _closes_list(text: str) -> bool:
    folded = fold(text)
    if _COMPANY.match(text):
        return False
    if _CLOSING_LINE.search(folded[:40]):
        return True
    return _CLOSING_NAMED.search(folded[:40]) is not None and _OPENS_LIST.search(folded) is None


_RESTART = {"1", "a", "I"}


def _numbered(style: str | None) -> bool:
    return style is not None and (style in _NUMBERED or style.startswith("num"))


@dataclass
class Node:
    item: TextItem | None  # None for the document itself
    style: str | None
    entries: list[Node] = field(default_factory=list)
    found: list[Found] = field(default_factory=list)  # amounts of its own text and of its paragraphs
    chain_results: int = 0  # stated results of its expressions (amounts checked by the products)
    words: list[WordsCheck] = field(default_factory=list)  # amounts in words in it and below
    built: Item | None = None
    stated: Amount | None = None
    skipped: list[Found] = field(default_factory=list)  # thresholds and example figures, in it and below


def build_tree(items: list[TextItem], findings: list[Finding]) -> Node:
    root = Node(None, "ROOT")
    stack = [root]
    deep_reported = False
    for it in items:
        if it.style is None:
            if _closes_list(it.text):
                # "Tổng cộng" closes the list it totals: it belongs to the level above a leaf
                while len(stack) > 1 and not any(e.style is not None for e in stack[-1].entries):
                    stack.pop()
            stack[-1].entries.append(Node(it, None))
            continue
        idx = next((i for i in range(len(stack) - 1, 0, -1) if stack[i].style == it.style), None)
        restart = it.number in _RESTART and idx is not None and idx < len(stack) - 1
        if idx is not None and not restart:
            del stack[idx:]
        elif len(stack) > MAX_DEPTH:
            del stack[MAX_DEPTH:]
            if not deep_reported:
                findings.append(Finding(it.first, "NESTING_TOO_DEEP", Severity.WARNING, {"depth": MAX_DEPTH}))
                deep_reported = True
        node = Node(it, it.style)
        stack[-1].entries.append(node)
        stack.append(node)
    return root


# Words that lead a sentence to its figure and name nothing (``Tổng thu ngân sách năm 2017 là``),
# matched with their marks (``đạt`` is no ``đất``).
_LEADING_TO_FIGURE = re.compile(
    r"(?:\s+(?:sẽ là|là|bằng|gồm(?: có)?|bao gồm|cụ thể(?: như sau)?|như sau"
    r"|đạt(?: khoảng)?|khoảng|với số tiền|tương đương)\s*[:,]?)+\s*$"
)


def _names_nothing(tail: str) -> bool:
    """Are the words after a heading's colon only a lead to its figure (``Mức chi``), no name, figure,
    rate or breakdown of their own?"""
    return (
        len(tail.split()) <= 3
        and not any(ch.isdigit() or ch == "%" for ch in tail)
        and _BREAKDOWN_TITLE.search(fold(tail)) is None
    )


def _title(text: str, found: list[Found]) -> str:
    """An item's label: its words before its first figure, without the words that only lead to it."""
    cut = found[0].start if found else len(text)
    head = text[:cut]
    if not found and ":" in head:
        head = head[: head.index(":")]
    head = " ".join(head.split()).strip(" :,-–")
    name, colon, tail = head.partition(":")
    if colon and _names_nothing(tail) and len(name.split()) >= 2:
        head = name.rstrip()  # ``b. Hỗ trợ di chuyển: Mức chi 3.000.000 đồng``: the words before the colon name it
    lead = _LEADING_TO_FIGURE.search(head.lower())
    if lead is not None and lead.start() > 0:
        head = head[: lead.start()].rstrip(" :,-–")
    return head[:200]


def _number_as_written(node: Node) -> str:
    """The number of a numbered item as the document writes it (``I``, ``2.1``, ``a``,
    ``Điều 3``); "" for bullets and unmarked paragraphs."""
    if node.item is None or not _numbered(node.style):
        return ""
    number = node.item.number
    return f"Điều {number}" if node.style == "dieu" else number


# a figure whose text ends ``..., trong đó:``: the items under it are some of it (``of which``)
_OPENS_SOME = re.compile(r"(?<![^\W\d_])trong(?:\s+so)?\s+do\s*:?\s*$")


def _dong(a: Amount) -> Decimal:
    return shift(a.value, a.money.exponent)


def _is_statement(f: Found) -> bool:
    return (
        bool(_STATEMENT_WORDS.search(f.lead)) and bool(_STATEMENT_LEAD.search(f.lead.rstrip())) and not _totals_other(f)
    )


# A keyword total totals money only when it names money or stands right before the amount:
# ``Tổng số người được hỗ trợ là 420 người, với số tiền là 84.000.000 đồng`` totals people.
_KEYWORD_TOTAL = re.compile(r"\b(?:tong so|tong cong|tong|cong)\b")
_MONEY_NOUN = re.compile(r"\b(?:kinh phi|tien|von|ngan sach|du toan|chi|thu|chi phi|gia tri|dau tu)\b")
_OTHER_NUMBER = re.compile(r"(?<![\w.,])[0-9][0-9.,]*+(?![\w])")
_YEAR = re.compile(r"(?:nam|giai doan|den|-|–)\s{0,3}$")


def _totals_other(f: Found) -> bool:
    """Does the keyword total before ``f`` total something else than money (people, classes)?

    ``Tổng số người được hỗ trợ là 420 người, với số tiền là 84.000.000 đồng``: the last
    keyword of the amount's clause is followed by another number (no year) with no money
    noun between them, and the amount is brought in by a money noun of its own. ``Tổng
    cộng 3 lớp: 45 triệu đồng`` stays a total: nothing introduces the amount apart.
    """
    lead = f.lead
    keywords = list(_KEYWORD_TOTAL.finditer(lead))
    if not keywords:
        return False
    keyword = keywords[-1]
    for number in _OTHER_NUMBER.finditer(lead, keyword.end()):
        text = number.group()
        if _YEAR.search(lead, keyword.end(), number.start()) or (len(text) == 4 and text[:2] in ("19", "20")):
            continue
        if _MONEY_NOUN.search(lead, keyword.end(), number.start()) is not None:
            return False
        return _MONEY_NOUN.search(lead, number.end()) is not None
    return False


def _just_above(figure: int | None, words: Source) -> bool:
    """The words stand on the line after the item that ended on line ``figure``."""
    return figure is not None and words.line is not None and words.line - figure == 1


# A group that says it breaks the total down again: by year, by source, over time.
_BREAKDOWN_TITLE = re.compile(
    r"\b(?:phan ky|phan theo|chia theo|theo nam|theo tung nam|theo nguon|nguon von|co cau nguon"
    r"|phan bo theo|lo trinh)\b"
)


def _split_at(lines: list[CostLine], where: Source) -> tuple[list[CostLine], list[CostLine]]:
    """Cost lines before a running total stated at ``where``, and those after it."""
    at = (where.line or 0, where.col or 0)
    before = [line for line in lines if (line.source.line or 0, line.source.col or 0) < at]
    if not before:
        return lines, []  # the total leads its computations: all of them are its parts
    return before, lines[len(before) :]


def _lump(f: Found) -> Section:
    f.used = True
    return Section("", f.label or "", f.amount.source._replace(col=None, pos=None), f.amount, ())


# ``... 01 năm: 1.500.000.000 đồng. Trong đó:``: an amount for one period (a year, a month)
_ONE_PERIOD = re.compile(r"(?<![\w.,])(?:0?1|mot)\s+(nam|thang|quy)\b")


def _one_period_parts(node: Node, stated: Found) -> list[Item]:
    """The items under an amount for one period (``Dự toán ... 01 năm: 1.500.000.000 đồng.
    Trong đó:``) when each writes one rate for that period (``- Thuê dịch vụ: 50.000.000
    đồng/năm``) and nothing else: its parts, each the rate times the one period. Nothing when
    an item writes anything else, or the period named is not the rates'."""
    period = _ONE_PERIOD.search(stated.lead)
    styled = [e for e in node.entries if e.style is not None]
    if period is None or not styled or len(styled) != len(node.entries):
        return []
    per = "/" + period.group(1)
    parts: list[Found] = []
    for e in styled:
        if e.built is not None or e.entries or e.chain_results or len(e.found) != 1:
            return []
        f = e.found[0]
        if f.used or fold(f.amount.per) != per or f.parts or f.computation is not None:
            return []
        parts.append(f)
    out: list[Item] = []
    for f in parts:
        f.used = True
        amount = replace(f.amount, per="")
        out.append(Section("", f.label or "", amount.source._replace(col=None, pos=None), amount, ()))
    return out


# after a computation's result, the words that open the list of its parts: ``đồng. Trong đó:``
_LIST_AFTER_RESULT = re.compile(r"^[^0-9]{0,30}?(?:trong(?:\s+so)?\s+do|bao gom|gom|cu the|nhu sau)\s*:\s*$")


def _product_over_list(node: Node, lines: list[CostLine], items: list[Item]) -> Amount | None:
    """An item whose one computation ends its text and opens the list under it (``... 1.500.000.000
    đồng/năm x 05 năm = 7.500.000.000 đồng. Trong đó: - A: ... - B: ...``): the result is the
    amount the list breaks down, so the item is that amount, computed once and broken down once
    (two ways to it, each checked, never added). Under ``trong đó`` (of which) only a list that
    adds up to it is its breakdown; otherwise nothing is taken."""
    if node.item is None or len(lines) != 1 or len(items) < 2 or items[0] is not lines[0]:
        return None
    line = lines[0]
    stated = line.stated
    text = node.item.text
    at = text.rfind(stated.text) if stated.text else -1
    if stated.money is None or stated.percent or at < 0 or line.stated.unit_text.count("/"):
        return None
    tail = fold(text[at + len(stated.text) :])
    if _LIST_AFTER_RESULT.match(tail) is None:
        return None
    rest = items[1:]
    if not all(isinstance(i, Section) and _has_money(i) for i in rest):
        return None
    amount = Amount(stated.value, stated.money, stated.source)
    if _OPENS_SOME.search(tail) and _contribution(rest) != _dong(amount):
        return None
    return amount


def _own_breakdowns(free: list[Found], stated: Found) -> list[Item]:
    """The figures after ``stated`` in its paragraph that are broken down whole in their own
    sentence (``... 10.367 tỷ đồng; trong đó: ... . Ước thực hiện cả năm là 11.580 tỷ đồng;
    trong đó: thu nội địa 11.080 tỷ đồng; thu xuất nhập khẩu 500 tỷ đồng.``): each checked
    against its parts, none of them a part of ``stated`` (each beside it, never added)."""
    out: list[Item] = []
    for f in free[free.index(stated) + 1 :]:
        if not f.parts or f.partial or f.computation is not None or f.used:
            continue
        f.used = True
        where = f.amount.source._replace(col=None, pos=None)
        own = Section("", f.label.strip(" :,"), where, f.amount, tuple(_lump(p) for p in f.parts))
        out.append(Section("", "", where, None, (own,), alternatives=True))
    return out


def _has_figure(entry: Node) -> bool:
    return entry.item is not None and any(ch.isdigit() for ch in entry.item.text)


def _contribution(items: list[Item]) -> Decimal | None:
    """What ``items`` add up to (stated amounts, else their own sums), in đồng."""
    if not items:
        return Decimal(0)
    r = evaluate_section(Section("", "", Source(""), None, tuple(items)))
    return None if r.children_sum is None else shift(r.children_sum, r.money.exponent)


def _has_money(item: Item) -> bool:
    if isinstance(item, CostLine):
        return True
    return item.stated is not None or any(_has_money(i) for i in item.items)


def _any_content(items: list[Item]) -> bool:
    return any(not isinstance(i, Section) or i.stated or i.items for i in items)


def _lead_total(node: Node) -> Node | None:
    """The first item of a list when it states the total of the items after it (``1. Tổng dự toán:
    112.500.000 đồng.`` then ``2. Chi tiết: a) ...``): a total's words, nothing under it, items
    after it and no other total among them (``1. Tổng thu ... 2. Tổng chi ...`` are two sides)."""
    styled = [e for e in node.entries if e.style is not None]
    if len(styled) < 2 or styled[0].entries or styled[0].item is None or not is_total_text(styled[0].item.text):
        return None
    if any(e.item is not None and is_total_text(e.item.text) for e in styled[1:]):
        return None
    return styled[0]


# ``1. Tổng dự toán: ...`` / ``2. Chi tiết: ...``: a total of the costs, then its details
_COST_TOTAL = re.compile(
    r"^\s*(?:tong du toan|tong kinh phi|tong cong|tong so tien|tong chi phi|tong muc|tong nhu cau)\b"
)
_DETAILS = re.compile(r"^\s*(?:chi tiet|cu the|noi dung chi|du toan chi tiet|bao gom|gom)\b")


def _totals_the_rest(lead: Found, items: list[Item], node: Node) -> bool:
    """Is the first item's figure the total of the items after it: they add up to it, or it names
    a total of costs and the next item says it gives the details (then a difference is an error)?"""
    target = _dong(lead.amount)
    if _contribution(items) == target:
        return True
    # each item after it a breakdown of it (``2. Nguồn kinh phí: ...``, ``3. Dự toán chi tiết: ...``,
    # each adding up to it): the figure is their total, each checked against it, never added
    groups = [i for i in items if isinstance(i, Section) and i.stated is None and i.items]
    if len(groups) >= 2 and len(groups) == len(items) and all(_contribution(list(g.items)) == target for g in groups):
        return True
    styled = [e for e in node.entries if e.style is not None and e.item is not None]
    return (
        len(styled) >= 2
        and _COST_TOTAL.match(fold(lead.label)) is not None
        and _DETAILS.match(fold(styled[1].item.text)) is not None  # type: ignore[union-attr]
    )


def _running(subtotal: Found, items: list[Item], after: list[Found], f: Found, lines: list[CostLine]) -> bool:
    """Does ``f`` total a closing figure (as stated, or as its items add up) and the figures
    and computations after it (a running total)?"""
    rest = total(_dong(x.amount) for x in after)
    if lines:
        more = _contribution(list(lines))
        if more is None:
            return False
        rest += more
    computed = _contribution(items)
    return _dong(f.amount) in {_dong(subtotal.amount) + rest, None if computed is None else computed + rest}


# words that make one figure of a sentence the whole of the others: a total, or a breakdown
_WHOLE_WORDS = re.compile(r"\b(?:tong|cong|gom|bao gom|trong do|trong so do|chia ra|cu the|nhu sau)\b")


def _listed_parts(text: str, found: list[Found]) -> bool:
    """Are the figures of an item's own text a list of parts, none the item's own amount?

    ``a) Ngân sách tỉnh 700 triệu đồng; ngân sách huyện 300 triệu đồng``: two or more plain
    amounts, each with its own label, one after another between semicolons, and no word that
    makes one of them the whole of the others (a total, ``gồm``, ``trong đó``). The first is
    not the item's figure with the rest left over: each is a part of the item.
    """
    if len(found) < 2 or _WHOLE_WORDS.search(fold(text)) is not None:
        return False
    if any(f.computation is not None or f.per_unit or f.partial or f.parts or f.in_group or f.skip for f in found):
        return False
    if any(not any(c.isalpha() for c in f.label) for f in found):
        return False
    return all(";" in text[a.end : b.start] for a, b in itertools.pairwise(found))


def _opens_list_after(text: str, f: Found) -> bool:
    """Does the paragraph go on from ``f`` to open a list (``..., gồm:``, ``... như sau:``)?"""
    return _OPENS_LIST.search(fold(text[f.end :])) is not None


def _count_list(node: Node) -> list[Finding]:
    """A count broken down by the items of the list under it (a ``Tổng cộng`` paragraph after
    them restates it: no part); any other paragraph or deeper list leaves it unjudged."""
    assert node.item is not None
    texts = []
    for e in node.entries:
        if e.item is None or e.entries or (e.style is None and not is_total_text(e.item.text)):
            return []
        if e.style is not None:
            texts.append(e.item.text)
    return count_list(node.item.text, texts, node.item.source)


class Builder:
    def __init__(self, findings: list[Finding]):
        self.findings = findings
        # the figures of the item read before, for words below it (the last of them is looked
        # for only when words need it)
        self._last: tuple[list[Found], list[CostLine]] = ([], [])
        self._last_line: int | None = None  # the line that item ended on
        self.side: list[CostLine] = []  # computations of counts and rates: checked, never summed
        self._closing: Found | None = None  # a closing total the node just built passed up to its parent
        # figures of a paragraph after the last item of a list that are not that item's parts
        # (``Nguồn kinh phí: tỉnh ..., huyện ...`` after ``- Năm 2026: ...``): passed up to its parent
        self._orphans: list[Found] = []

    def node(self, node: Node, parent_stated: bool, example: bool = False) -> Item | None:
        """The model item for ``node`` (None when it holds no money and is not worth keeping).

        ``example``: the node stands in a worked example (``Ví dụ:`` above it in its list).
        """
        node.built = self._node(node, parent_stated, example)
        return node.built

    def _scan(self, node: Node, item: TextItem, example: bool) -> Scan:
        """One item's expressions and amounts, recorded on ``node``; words with no figure
        beside them spell the last figure of the line just above (``Bằng chữ:`` on a line of its own)."""
        reached.source = item.first  # where a check stopped by its time budget stood
        s = scan(item.text, item, example)
        self.findings.extend(s.findings)
        node.found.extend(s.amounts)
        node.skipped.extend(s.skipped)
        for w in s.words:
            if w.amount is None and _just_above(self._last_line, w.source):
                last = last_figure(*self._last)
                if last is not None:
                    w = replace(w, above=last)
            node.words.append(w)
        self._last = (s.amounts, s.lines)  # ``s.lines`` is filtered below into a new list
        self._last_line = item.pieces[-1].line.source.line if item.pieces else None
        # the lines that compute amounts stay; counts and rates go beside the budget, after the
        # scan's own side lines (one pass: ``is_amount`` asked once a line)
        amounts: list[CostLine] = []
        side = self.side
        side.extend(s.side)
        steps = 0
        for line in s.lines:
            steps += len(line.steps)
            (amounts if line.is_amount else side).append(line)
        node.chain_results += steps
        s.lines = amounts  # the scan is this call's own: no copy
        return s

    def _node(self, node: Node, parent_stated: bool, example: bool) -> Item | None:
        lines: list[CostLine] = []
        stated: Found | None = None
        own_found: list[Found] = []
        after_total: list[CostLine] = []
        own_parts = False
        if node.item is not None and node.style is not None:
            s = self._scan(node, node.item, example)
            example = example or s.example
            if node.entries and not example:
                self.findings.extend(_count_list(node))
            lines.extend(s.lines)
            own_found = s.free
            first = own_found[0] if own_found else None
            own_parts = _listed_parts(node.item.text, own_found)
            if own_parts:
                first = None  # ``a) Ngân sách tỉnh 700 triệu đồng; ngân sách huyện 300 triệu đồng``: parts
            if (
                first is not None
                and not first.amount.per  # a rate (``đồng/năm``) states no amount: never summed
                and not _totals_other(first)
                and (not s.lines or is_total_text(first.label))
            ):
                stated = first
                stated.used = True
                lines, after_total = _split_at(lines, first.amount.source)
        items: list[Item] = list(lines)
        if own_parts:
            items.extend(_lump(f) for f in own_found)
        if after_total:
            items.append(self._after_total(node, stated, after_total))
        for f in own_found:
            if f.computation is not None:
                items.append(f.computation)
                f.used = True
                node.chain_results += 1
        split: list[Item] = []  # the stated figure's parts in its own brackets or sentence
        if stated is not None and stated.parts:
            split = [_lump(p) for p in stated.parts]
            items.extend(split)
        lumps: list[Found] = []
        second: list[Found] = []  # the figures of a paragraph after the last item, passed up
        after_closed: list[CostLine] = []  # computations after the closing total
        closed = False
        inherited = example
        # the entry after which only lines without figures follow (a signature block, a note)
        last_entry = (
            next((e for e in reversed(node.entries) if e.style is not None or _has_figure(e)), None)
            if node.entries
            else None
        )

        def total_line(f: Found, last: bool) -> None:
            """A ``Tổng cộng`` figure closing this node's list. One that ends the list and is not
            this item's (another figure than its own amount; with none, more than rounding away
            from what its items add up to) closes a list further out (``Tổng cộng`` after the
            last item of the last section): passed up."""
            nonlocal stated, closed
            if stated is not None and _dong(stated.amount) == _dong(f.amount):
                f.used = True
                closed = True
                return
            if (
                closed
                and stated is not None
                and (second or after_closed)
                and _running(stated, items, second, f, after_closed)
            ):
                # ``Cộng: 15``, ``Dự phòng: 2`` (or ``Dự phòng: 2 x 1 = 2``), ``Tổng cộng: 17``: the
                # first total is a subtotal
                where = stated.amount.source._replace(col=None, pos=None)
                items[:] = [Section("", stated.label.strip(" :"), where, stated.amount, tuple(items))]
                items.extend(after_closed)
                after_closed.clear()
                items.extend(_lump(x) for x in second)
                second.clear()
                stated = f
                f.used = True
                return
            if last and node.item is not None and self._closing is None and not self._may_total(stated, f, items):
                self._closing = f  # not this item's: a list further out's
                return
            if stated is None:
                stated = f
                f.used = True
                closed = True
                return
            self.findings.append(
                Finding(
                    f.amount.source,
                    "TOTAL_STATED_TWICE",
                    Severity.ERROR,
                    {"first": stated.amount.value, "second": f.amount.value, "unit": f.amount.money.name},
                    expected=stated.amount.value,
                    actual=f.amount.value,
                    unit=f.amount.money.name,
                )
            )
            f.used = True

        asides: list[Item] = []  # later figures of a statement's paragraph broken down on their own
        lead_total = _lead_total(node) if stated is None else None
        said_before: Found | None = None  # a paragraph's statement that opens no list
        lead: tuple[Found, Section] | None = None  # the lead total taken, and its item
        for entry in node.entries:
            if _numbered(entry.style):
                example = inherited  # a worked example runs over paragraphs and bullets, not into the next item
            if entry.style is not None:
                built = self.node(entry, stated is not None or node.stated is not None, example)
                node.found.extend(entry.found)
                node.skipped.extend(entry.skipped)
                node.words.extend(entry.words)
                node.chain_results += entry.chain_results
                if entry is lead_total and stated is None and not items and isinstance(built, Section):
                    own = next((f for f in entry.found if built.stated is not None and f.amount is built.stated), None)
                    if own is not None and not built.items:
                        stated = own  # ``1. Tổng dự toán: ...`` then ``2. Chi tiết: ...``: the total of the rest
                        lead = (own, built)
                        continue
                if built is not None and (_has_money(built) or self._kept_empty(node, entry)):
                    items.append(built)
                closing, self._closing = self._closing, None
                if closing is not None:
                    total_line(closing, entry is last_entry)
                orphans, self._orphans = self._orphans, []
                if orphans and entry is last_entry:
                    second = orphans
                continue
            assert entry.item is not None
            s = self._scan(node, entry.item, example)
            example = example or s.example  # the rest of the list belongs to the example
            # computations after the list's closing total are no parts of it: a running total's
            # next parts, or computations of their own
            placed = after_closed if closed and stated is not None else items
            placed.extend(s.lines)
            is_total = is_total_text(entry.item.text)
            for f in s.free:
                if f.computation is not None:
                    placed.append(f.computation)
                    f.used = True
                    node.chain_results += 1
                    continue
                if _totals_other(f) or f.per_unit or f.partial:
                    # "Tổng số người ... là 420 người, ..."; "mỗi giải 2.000.000 đồng"; some of a
                    # figure after "trong đó:": not placed (left unchecked, and said so)
                    continue
                has_content = bool(lumps) or _any_content(items)
                # a line that opens with a total's word, or a clause of it (``...= 8.000.000 đồng.
                # Tổng cộng: 12.000.000 đồng``)
                if (is_total or is_total_text(f.label)) and has_content:
                    total_line(f, entry is last_entry)
                    _, after = _split_at(s.lines, f.amount.source)
                    if stated is f and after:
                        # ``... = 3.000.000 đồng. Tổng cộng là: 3.000.000 đồng. Theo mức mới ... =
                        # 2.400.000 đồng``: computations after the running total are no parts of it
                        items[:] = [i for i in items if not any(i is a for a in after)]
                        items.append(self._after_total(node, stated, after))
                    break
                # a figure the sentence breaks down (``..., trong đó: A ..., B ...`` adding up, or
                # ``bao gồm:``) states what its parts add up to, whatever words lead to it
                if (
                    stated is not None
                    and stated is said_before
                    and not has_content
                    and not split
                    and _opens_list_after(entry.item.text, f)
                ):
                    # ``Năm 2024, kinh phí là 120 triệu đồng.`` then ``Năm 2025, dự kiến: 150 triệu
                    # đồng, gồm:``: the figure that opens the list is its total; the other is aside
                    stated.used = False
                    stated = None
                if stated is None and not has_content and (_is_statement(f) or f.parts):
                    stated = f
                    f.used = True
                    if f.parts:
                        split = [_lump(p) for p in f.parts]
                        items.extend(split)
                    elif not _opens_list_after(entry.item.text, f):
                        said_before = f  # a statement that opens no list: a later one may
                    asides.extend(_own_breakdowns(s.free, f))
                    break
                # figures after the closing total are no items it totals: a second breakdown of it, maybe
                (second if closed else lumps).append(f)
        if after_closed:
            items.append(self._after_total(node, stated, after_closed))
        if stated is not None and not items and not lumps and node.entries:
            items = _one_period_parts(node, stated)
        if lumps:
            if closed:
                items.extend(_lump(f) for f in lumps)
            elif stated is not None:
                have = _contribution(items)
                extra = total(_dong(f.amount) for f in lumps)
                if have is not None and have + extra == _dong(stated.amount) and have != _dong(stated.amount):
                    items.extend(_lump(f) for f in lumps)
                elif len(lumps) >= 2 and all(e.style is None for e in node.entries):
                    self._orphans = lumps  # a second breakdown of the figure above, maybe
        if lead is not None and stated is lead[0] and not _totals_the_rest(lead[0], items, node):
            stated = None  # no total of the rest: a part like the others, as written
            items.insert(0, lead[1])
        if second and stated is not None:
            target = _dong(stated.amount)
            if _contribution(items) == target and total(_dong(f.amount) for f in second) == target:
                items.append(
                    Section(
                        "",
                        "",
                        second[0].amount.source._replace(col=None, pos=None),
                        None,
                        tuple(_lump(f) for f in second),
                    )
                )
        if stated is not None and node.item is not None and items and _OPENS_SOME.search(fold(node.item.text)):
            items = self._some_of(node, stated, items)
        amount = None if stated is None else stated.amount
        product = _product_over_list(node, lines, items) if stated is None and not lumps else None
        if product is not None:
            listed = Section("", messages.render("SPLIT_VIEW.items", {}), items[1].source, product, tuple(items[1:]))
            amount, items = product, [items[0], listed]
            alternatives = items  # the computation and the list: two ways to one amount
        else:
            alternatives = self._split_and_list(amount, split, items) or self._alternatives(amount, items)
        if alternatives:
            items = alternatives
        items = [*items, *asides]
        if node.item is None:
            node.stated = amount
            return Section("", "", Source(""), amount, tuple(items), alternatives=bool(alternatives))
        has_content = amount is not None or any(
            isinstance(i, CostLine) or i.stated is not None or i.items for i in items
        )
        if not has_content and not (_numbered(node.style) and parent_stated):
            return None
        # the item's title, made only where it is shown (most items are one labelled line)
        text = node.item.text
        number = _number_as_written(node)
        if len(items) == 1 and isinstance(items[0], CostLine) and amount is None and not node.entries:
            line = items[0]
            if not line.label:
                line = replace(line, label=_title(text, own_found) if node.style is not None else "")
            if number and not line.number:
                line = replace(line, number=number)  # ``2. In tài liệu: 60 bộ x ...``: mục 2 still
            return line
        title = _title(text, own_found) if node.style is not None else ""
        source = node.item.first._replace(col=None, pos=None)
        return Section(number, title, source, amount, tuple(items), alternatives=bool(alternatives))

    def _after_total(self, node: Node, stated: Found | None, after: list[CostLine]) -> Section:
        """Computations after an item's running ``Tổng cộng`` (``Theo mức mới ... = 2.400.000 đồng``):
        each product is checked, none is added to the total that came before it (said once)."""
        assert stated is not None
        args: dict[str, object] = {"stated": stated.amount.value, "unit": stated.amount.money.name}
        if node.item is None:  # the text's own running total, not an item's
            finding = Finding(
                after[0].source, "PARTS_AFTER_TOTAL", Severity.WARNING, args, message_key="PARTS_AFTER_TOTAL.text"
            )
        else:
            number = node.item.number if _numbered(node.style) else ""
            args["number"] = number or node.item.marker
            finding = Finding(after[0].source, "PARTS_AFTER_TOTAL", Severity.WARNING, args)
        self.findings.append(finding)
        title = after[0].label or ""
        return Section("", title, after[0].source._replace(col=None, pos=None), None, tuple(after), alternatives=True)

    @staticmethod
    def _may_total(stated: Found | None, f: Found, items: list[Item]) -> bool:
        """Can ``f`` be the total of an item stating ``stated`` over ``items``?"""
        if stated is not None:
            return False  # its own amount differs from f (equal ones are taken before)
        r = evaluate_section(Section("", "", Source(""), f.amount, tuple(items)))
        return r.ok is not False or r.within_rounding

    @staticmethod
    def _kept_empty(parent: Node, entry: Node) -> bool:
        """A numbered item without money is kept (reported as having none) only in a list
        whose other items of its style hold money, like ``2.9`` after ``2.1``–``2.8``."""
        return any(
            e is not entry and e.style == entry.style and e.built is not None and _has_money(e.built)
            for e in parent.entries
        )

    @staticmethod
    def _split_and_list(amount: Amount | None, split: list[Item], items: list[Item]) -> list[Item]:
        """A figure broken down twice: in its own brackets or sentence (``500 triệu đồng (ngân sách
        tỉnh 300 triệu đồng, ngân sách huyện 200 triệu đồng), gồm:``) and by the items under it:
        two breakdowns, each checked against the figure, never added together."""
        if amount is None or not split or len(items) == len(split):
            return []
        rest = [i for i in items if not any(i is p for p in split)]
        return [
            Section("", messages.render("SPLIT_VIEW.inline", {}), split[0].source, amount, tuple(split)),
            Section(
                "",
                messages.render("SPLIT_VIEW.items", {}),
                rest[0].source._replace(col=None, pos=None),
                amount,
                tuple(rest),
            ),
        ]

    @staticmethod
    def _some_of(node: Node, stated: Found, items: list[Item]) -> list[Item]:
        """Items under a figure whose text ends ``trong đó:`` (of which): some of it, maybe not
        all. When they do not add up to it, they are no breakdown to judge: each plain amount
        among them is read and left unchecked (said so), never an error of the figure's sum. Items
        with computations of their own keep their place (nothing under them is dropped unread)."""
        # computations keep their place whatever they add up to: tested first, as adding them up
        # evaluates every one of them
        if not all(isinstance(i, Section) and i.stated is not None and not i.items for i in items):
            return items
        if _contribution(items) == _dong(stated.amount):
            return items
        amounts = {id(i.stated) for i in items if isinstance(i, Section)}
        for f in node.found:
            if id(f.amount) in amounts:
                f.used = False
        return []

    def _alternatives(self, amount: Amount | None, items: list[Item]) -> list[Item]:
        """Breakdowns of ``amount`` given one after another, to be checked each on its own.

        Two or more unstated groups that each add up to ``amount`` (by source, then by use);
        or items that add up to ``amount`` followed by one group that breaks the same
        amount down again (``d) Phân kỳ: - Năm 2025: ... - Năm 2026: ...`` after a)–c)).
        """
        if amount is None:
            return []
        target = _dong(amount)
        groups = [i for i in items if isinstance(i, Section) and i.stated is None and i.items]
        if len(groups) >= 2 and len(groups) == len(items):
            sums = [_contribution(list(g.items)) for g in groups]
            if total(s for s in sums if s is not None) == target or target not in sums:
                return []
            return [replace(g, stated=amount) for g in groups]
        return self._second_breakdown(amount, target, items)

    @staticmethod
    def _second_breakdown(amount: Amount, target: Decimal, items: list[Item]) -> list[Item]:
        if len(items) < 2:
            return []
        last = items[-1]
        if not isinstance(last, Section) or not last.items:
            return []
        if last.stated is not None and _dong(last.stated) != target:
            return []
        first = items[:-1]
        if _contribution(first) != target:
            return []
        if _contribution(list(last.items)) != target and not _BREAKDOWN_TITLE.search(fold(last.title)):
            return []  # a group that adds something else is a part, not a second breakdown
        source = first[0].source._replace(col=None, pos=None)
        ends = [i.number for i in (first[0], first[-1]) if isinstance(i, Section) and i.number]
        number = "–".join(ends) if len(ends) == 2 and len(first) > 1 else ""
        return [Section(number, "", source, amount, tuple(first)), replace(last, stated=amount)]
