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

import re
from dataclasses import dataclass, field
from decimal import Decimal

from budget.evaluate import evaluate_section
from budget.expr import Found, scan
from budget.findings import Finding, Severity
from budget.model import Amount, CostLine, Item, Section, WordsCheck
from budget.numbers import shift, total
from budget.segment import Item as TextItem
from budget.source import Source
from budget.text import fold

MAX_DEPTH = 60  # levels of nesting kept; deeper items become siblings at this depth (reported)

_NUMBERED = {"dieu", "roman", "letter", "upper"}
_STATEMENT_WORDS = re.compile(r"\b(?:kinh phi|du kien|du toan|tong|ngan sach|nguon von|cong|tong so|chi|thu|von)\b")
_STATEMENT_LEAD = re.compile(r"(?::|\bla|\bkhoang|\bdu kien|\btong cong|\bcong|\bcon)\s*$")
_TOTAL_LINE = re.compile(r"^\s*(?:tong cong|cong|tong so|tong kinh phi|tong du toan|tong chi|tong)\b")
_CLOSING_LINE = re.compile(r"^\s*(?:tong cong|cong|tong so)\b")
# A total named after what it totals closes the list above it too, unless it opens one
# (``Tổng kinh phí dự kiến là 46.375 triệu đồng, gồm:`` leads its items).
_CLOSING_NAMED = re.compile(r"^\s*(?:tong kinh phi|tong du toan|tong chi phi|tong nhu cau kinh phi)\b")
_OPENS_LIST = re.compile(r"\b(?:gom|bao gom|nhu sau|cu the)\b|:\s*$")


def _closes_list(text: str) -> bool:
    folded = fold(text)
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


class ItemLocator:
    """1-based columns of an item's text → file positions."""

    def __init__(self, item: TextItem):
        self.item = item

    def at(self, col: int | None) -> Source:
        return self.item.source(0 if col is None else col - 1)


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


def _title(text: str, found: list[Found]) -> str:
    cut = found[0].start if found else len(text)
    head = text[:cut]
    if not found and ":" in head:
        head = head[: head.index(":")]
    return " ".join(head.split()).strip(" :,-–")[:200]


def _dong(a: Amount) -> Decimal:
    return shift(a.value, a.money.exponent)


def _is_statement(f: Found) -> bool:
    return bool(_STATEMENT_WORDS.search(f.lead)) and bool(_STATEMENT_LEAD.search(f.lead.rstrip()))


def _lump(f: Found) -> Section:
    f.used = True
    return Section("", f.label or "", f.amount.source._replace(col=None, pos=None), f.amount, ())


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


class Builder:
    def __init__(self, findings: list[Finding]):
        self.findings = findings

    def node(self, node: Node, parent_stated: bool) -> Item | None:
        """The model item for ``node`` (None when it holds no money and is not worth keeping)."""
        node.built = self._node(node, parent_stated)
        return node.built

    def _node(self, node: Node, parent_stated: bool) -> Item | None:
        lines: list[CostLine] = []
        stated: Found | None = None
        own_found: list[Found] = []
        title = ""
        if node.item is not None and node.style is not None:
            s = scan(node.item.text, ItemLocator(node.item))
            self.findings.extend(s.findings)
            node.found.extend(s.amounts)
            node.words.extend(s.words)
            node.chain_results += sum(len(line.steps) for line in s.lines)
            lines.extend(s.lines)
            own_found = s.free
            title = _title(node.item.text, own_found)
            if own_found and (not s.lines or _TOTAL_LINE.search(own_found[0].lead)):
                stated = own_found[0]
                stated.used = True
        items: list[Item] = list(lines)
        for f in own_found:
            if f.computation is not None:
                items.append(f.computation)
                f.used = True
                node.chain_results += 1
        if stated is not None and stated.parts:
            items.extend(_lump(p) for p in stated.parts)
        lumps: list[Found] = []
        closed = False
        for entry in node.entries:
            if entry.style is not None:
                built = self.node(entry, parent_stated=stated is not None or node.stated is not None)
                node.found.extend(entry.found)
                node.words.extend(entry.words)
                node.chain_results += entry.chain_results
                if built is not None and (_has_money(built) or self._kept_empty(node, entry)):
                    items.append(built)
                continue
            assert entry.item is not None
            s = scan(entry.item.text, ItemLocator(entry.item))
            self.findings.extend(s.findings)
            node.found.extend(s.amounts)
            node.words.extend(s.words)
            node.chain_results += sum(len(line.steps) for line in s.lines)
            items.extend(s.lines)
            is_total = _TOTAL_LINE.search(fold(entry.item.text)) is not None
            for f in s.free:
                if f.computation is not None:
                    items.append(f.computation)
                    f.used = True
                    node.chain_results += 1
                    continue
                has_content = bool(lumps) or _any_content(items)
                if is_total and has_content:
                    if stated is None:
                        stated = f
                        f.used = True
                        closed = True
                    elif _dong(stated.amount) == _dong(f.amount):
                        f.used = True
                        closed = True
                    else:
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
                    break
                if stated is None and not has_content and _is_statement(f):
                    stated = f
                    f.used = True
                    if f.parts:
                        items.extend(_lump(p) for p in f.parts)
                    break
                lumps.append(f)
        if lumps:
            if closed:
                items.extend(_lump(f) for f in lumps)
            elif stated is not None:
                have = _contribution(items)
                extra = total(_dong(f.amount) for f in lumps)
                if have is not None and have + extra == _dong(stated.amount) and have != _dong(stated.amount):
                    items.extend(_lump(f) for f in lumps)
        amount = None if stated is None else stated.amount
        alternatives = self._alternatives(amount, items)
        if alternatives:
            items = alternatives
        if node.item is None:
            node.stated = amount
            return Section("", "", Source(""), amount, tuple(items))
        has_content = amount is not None or any(
            isinstance(i, CostLine) or i.stated is not None or i.items for i in items
        )
        if not has_content and not (_numbered(node.style) and parent_stated):
            return None
        if len(items) == 1 and isinstance(items[0], CostLine) and amount is None and not node.entries:
            line = items[0]
            if not line.label:
                from dataclasses import replace

                line = replace(line, label=title)
            return line
        number = node.item.number if _numbered(node.style) else ""
        if node.style == "dieu":
            number = f"Điều {number}"
        source = node.item.first._replace(col=None, pos=None)
        return Section(number, title, source, amount, tuple(items), alternatives=bool(alternatives))

    @staticmethod
    def _kept_empty(parent: Node, entry: Node) -> bool:
        """A numbered item without money is kept (reported as having none) only in a list
        whose other items of its style hold money, like ``2.9`` after ``2.1``–``2.8``."""
        return any(
            e is not entry and e.style == entry.style and e.built is not None and _has_money(e.built)
            for e in parent.entries
        )

    def _alternatives(self, amount: Amount | None, items: list[Item]) -> list[Item]:
        """Two or more unstated groups that each add up to ``amount``: separate breakdowns."""
        if amount is None:
            return []
        groups = [i for i in items if isinstance(i, Section) and i.stated is None and i.items]
        if len(groups) < 2 or len(groups) != len(items):
            return []
        target = _dong(amount)
        sums = [_contribution(list(g.items)) for g in groups]
        if total(s for s in sums if s is not None) == target or target not in sums:
            return []
        from dataclasses import replace

        return [replace(g, stated=amount) for g in groups]
