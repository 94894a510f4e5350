"""Raw lines → (Plan, findings): headings, stated amounts, cost lines, the grand total.

Never raises on bad input. The whole document is read: the heading tree (``IV.``,
``1.``, ``2.1``, ``2.1.``, ``a)``) is built for every line, cost lines and stated amounts
are attached to the innermost heading, and the budget is the smallest subtree that
holds all of them. Directly under that subtree's heading, numbered paragraphs with no
money (``3. Thẩm định và phê duyệt dự toán``) are narrative and left out; inside an
itemised section every item is kept, so ``2.9. Nguồn xã hội hoá`` is reported as a
section with no amount.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from budget.costline import parse_cost_line, read_number_at
from budget.findings import Finding, Severity
from budget.model import Amount, CostLine, DocumentInfo, Item, Plan, Section
from budget.numbers import NUMBER_TOKEN, NumberError
from budget.read_text import RawLine
from budget.source import Source
from budget.text import fold
from budget.units import read_money

_ROMAN = re.compile(r"(?P<num>[IVXL]{1,6})\s*[.:]\s+(?P<title>\S.*)")
_ARABIC = re.compile(r"(?P<num>[0-9]{1,3}(?:\.[0-9]{1,2})*)(?P<dot>\.?)\s+(?P<title>[^\W\d_].*)")
_LETTER = re.compile(r"(?P<num>[a-zđ])\)\s+(?P<title>\S.*)")
_LETTER_RANK = 50

# Where a stated amount may be introduced (folded text just before the number).
_AMOUNT_LEAD = re.compile(r"(?::|\bla|\bkhoang|\bdu kien|\btong cong|\bcong)\s*$")
_AMOUNT_WORDS = re.compile(r"\b(?:kinh phi|du kien|du toan|tong|ngan sach|nguon von|cong)\b")
_TOTAL_WORDS = re.compile(r"\btong\s+(?:so\s+)?(?:kinh phi|cong|du toan|nhu cau|von)\b")

_DOC_NUMBER = re.compile(r"^\s*Số\s*:?\s*(?P<num>[0-9]+)\s*/\s*(?P<rest>[^\s,;]+)")
_DOC_DATE = re.compile(
    r"^\s*(?P<place>[^,]{2,40}),\s*ngày\s+(?P<d>[0-9]{1,2})\s+tháng\s+(?P<m>[0-9]{1,2})\s+năm\s+(?P<y>[0-9]{4})"
)
_DOC_KINDS = ("ke hoach", "quyet dinh", "de an", "to trinh", "bao cao", "chuong trinh")


@dataclass(frozen=True)
class Heading:
    number: str
    rank: int  # 0 chapter (IV.), n for n-part numbers (2.1 → 2), letters below numbers
    title: str  # cleaned: no trailing colon
    raw_title: str = ""  # as it ends the line, for positions


def _heading(number: str, rank: int, title: str) -> Heading:
    return Heading(number, rank, title.strip().rstrip(" :"), title)


def parse_heading(text: str) -> Heading | None:
    """The heading on this line, if it is one. A line that starts with a cost line is not."""
    s = text.lstrip(" -+")
    if s != text.lstrip():
        return None  # bullets are items, not headings
    m = _ROMAN.fullmatch(s)
    if m:
        return _heading(m["num"], 0, m["title"])
    m = _ARABIC.fullmatch(s)
    if m and (m["dot"] or "." in m["num"]):
        return _heading(m["num"], m["num"].count(".") + 1, m["title"])
    m = _LETTER.fullmatch(s)
    if m:
        return _heading(m["num"], _LETTER_RANK, m["title"])
    return None


@dataclass(frozen=True)
class Statement:
    amount: Amount
    is_total: bool


def parse_statement(source: Source, heading: str | None = None) -> tuple[Statement | None, list[Finding]]:
    """A stated money amount (``Kinh phí trong 5 năm: 14.500 triệu đồng``), if the line has one.

    In a body line the amount must follow a budget word (``kinh phí``, ``dự kiến``, ``tổng``
    ...) so that money in narrative is not taken for a subtotal; a heading's title only
    needs the amount after ``:`` (``1. Hội nghị: 1.320 triệu đồng``).
    """
    text = source.text if heading is None else heading
    offset = len(source.text) - len(text)
    folded = fold(text)
    if heading is None and not _AMOUNT_WORDS.search(folded):
        return None, []
    for m in NUMBER_TOKEN.finditer(text):
        if m.start() > 0 and (text[m.start() - 1].isalnum() or text[m.start() - 1] in "/-."):
            continue
        money, _ = read_money(text[m.end() :])
        if money is None or not _AMOUNT_LEAD.search(folded[: m.start()].rstrip()):
            continue
        if heading is None and not _AMOUNT_WORDS.search(folded[: m.start()]):
            continue
        where = source.at(offset + m.start() + 1)
        try:
            value, findings = read_number_at(m.group(), where)
        except NumberError:
            return None, [Finding(where, "NUMBER_MALFORMED", Severity.ERROR, {"text": m.group()})]
        is_total = bool(_TOTAL_WORDS.search(folded[: m.start()]))
        return Statement(Amount(value, money, where), is_total), findings
    return None, []


@dataclass
class _Node:
    """A heading while the tree is being built (mutable until frozen into a Section)."""

    heading: Heading
    source: Source
    parent: _Node | None = None
    stated: Amount | None = None
    items: list[_Node | CostLine] = field(default_factory=list)

    def has_content(self) -> bool:
        return self.stated is not None or any(isinstance(i, CostLine) or i.has_content() for i in self.items)

    def rank(self) -> int:
        return self.heading.rank


def _document_info(lines: Sequence[RawLine]) -> DocumentInfo:
    number = place = date = title = None
    head = [rl.text for rl in lines[:60]]
    for i, text in enumerate(head):
        if number is None and (m := _DOC_NUMBER.match(text)):
            number = f"{m['num']}/{m['rest']}"
        if date is None and (m := _DOC_DATE.match(text)):
            place = m["place"].strip()
            date = f"{int(m['d']):02d}/{int(m['m']):02d}/{m['y']}"
        if title is None and fold(text).strip() in _DOC_KINDS:
            rest = [t for t in head[i + 1 :] if t.strip()]
            title = (text.strip() + " " + rest[0].strip()) if rest else text.strip()
    return DocumentInfo(number, place, date, title)


def parse(lines: Sequence[RawLine], file: str) -> tuple[Plan, list[Finding]]:
    """Build the plan's budget tree from its lines."""
    findings: list[Finding] = []
    root = _Node(Heading("", -1, "", ""), Source(file))
    current = root
    for rl in lines:
        text = rl.text
        if not text.strip():
            continue
        line, fs = parse_cost_line(rl.source)
        findings.extend(fs)
        starts_with_line = line is not None and line.label == "" and not line.prefix
        heading = None if starts_with_line else parse_heading(text)
        if heading is not None:
            while current.parent is not None and current.rank() >= heading.rank:
                current = current.parent
            node = _Node(heading, rl.source, parent=current)
            current.items.append(node)
            current = node
            if line is None:
                statement, fs = parse_statement(rl.source, heading.raw_title)
                findings.extend(fs)
                if statement is not None:
                    node.stated = statement.amount
                    start = len(text) - len(heading.raw_title)  # where the title begins in the line
                    cut = (statement.amount.source.col or 1) - 1 - start
                    title = heading.raw_title[:cut].strip().rstrip(" :")
                    node.heading = Heading(heading.number, heading.rank, title or heading.title)
        if line is not None:
            current.items.append(line)
            continue
        if heading is not None:
            continue
        statement, fs = parse_statement(rl.source)
        findings.extend(fs)
        if statement is not None:
            _attach(current, statement)
    return _plan(root, file, _document_info(lines)), findings


def _attach(node: _Node, statement: Statement) -> None:
    """A stated amount in a body line belongs to the section above it, before its items.

    A grand total (``Tổng kinh phí ...``) belongs to the chapter or document it stands in.
    """
    if node.stated is not None:
        return
    if any(isinstance(i, CostLine) or i.has_content() for i in node.items):
        return  # narrative after the items, not the section's amount
    if statement.is_total or node.heading.rank > 0 or node.parent is None:
        node.stated = statement.amount


def _budget_root(root: _Node) -> _Node | None:
    """The smallest subtree holding every cost line and stated amount."""
    if not root.has_content():
        return None
    node = root
    while True:
        if node.stated is not None or any(isinstance(i, CostLine) for i in node.items):
            return node
        holders = [i for i in node.items if isinstance(i, _Node) and i.has_content()]
        if len(holders) != 1:
            return node
        node = holders[0]


def _freeze(node: _Node) -> Section:
    items: list[Item] = [i if isinstance(i, CostLine) else _freeze(i) for i in node.items]
    return Section(node.heading.number, node.heading.title, node.source, node.stated, tuple(items))


def _plan(root: _Node, file: str, info: DocumentInfo) -> Plan:
    top = _budget_root(root)
    if top is None:
        return Plan(file, info)
    items: list[Item] = []
    for i in top.items:
        if isinstance(i, CostLine):
            items.append(i)
        elif i.has_content():
            items.append(_freeze(i))
    heading = None if top is root else Section(top.heading.number, top.heading.title, top.source)
    return Plan(file, info, heading, top.stated, tuple(items))
