"""Raw lines → (Plan, findings): the reading pipeline for plan text.

segment (items at list markers, wrapped lines joined) → outline (the tree the markers
make, unmarked paragraphs placed) → expressions and amounts of each item (``expr``) →
resolve (readings chosen so the arithmetic agrees) → the ``Plan``. Never raises on bad
input. The budget is the smallest subtree that holds every amount; directly under its
heading, numbered paragraphs with no money (``3. Thẩm định và phê duyệt dự toán``) are
narrative and left out; inside an itemised section with an amount every numbered item
is kept, so ``2.9. Nguồn xã hội hoá`` is reported as a section with no amount.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal

from budget.findings import Finding, Severity
from budget.headings import title_of
from budget.model import Amount, CostLine, DocumentInfo, Item, Plan, Section, WordsCheck, walk_lines, walk_sections
from budget.numbers import shift
from budget.outline import Builder, Node, build_tree
from budget.prose_share import shares_of_previous
from budget.read.text import RawLine
from budget.resolve import Conventions, conventions, resolve_line
from budget.segment import segment
from budget.shares import share_after, split_rates
from budget.source import Source
from budget.tables.reader import read_tables, with_tables
from budget.tables.records import Tables
from budget.text import fold

_DOC_NUMBER = re.compile(r"^\s*Số\s*:?\s*(?P<num>[0-9]+)\s*/\s*(?P<rest>[^\s,;]+)")
_DOC_DATE = re.compile(
    r"^\s*(?P<place>[^,]{2,40}),\s*ngày\s+(?P<d>[0-9]{1,2})\s+tháng\s+(?P<m>[0-9]{1,2})\s+năm\s+(?P<y>[0-9]{4})"
)
_DOC_KINDS = ("ke hoach", "quyet dinh", "de an", "to trinh", "bao cao", "chuong trinh", "nghi quyet")


def _document_info(lines: Sequence[RawLine]) -> DocumentInfo:
    number = place = date = None
    head = [rl.text for rl in lines[:60]]
    title = title_of(head)  # the title with the lines that continue it (``KẾ HOẠCH`` / ``TỔ CHỨC ...``)
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


def _budget_node(root: Node) -> Node:
    """The smallest subtree holding every amount: descend while one child holds them all."""
    node = root
    while True:
        built = node.built
        if not isinstance(built, Section) or built.stated is not None:
            return node
        if any(isinstance(i, CostLine) for i in built.items):
            return node
        holders = [e for e in node.entries if e.style is not None and e.built is not None and _has_money(e.built)]
        own_amounts = any(f.used for f in node.found) and not holders
        if len(holders) != 1 or own_amounts:
            return node
        only = holders[0].built
        if isinstance(only, Section) and only.alternatives:
            return node  # a total broken down two ways is checked as an item, not taken as the total
        node = holders[0]


def _figures_by_line(items: Sequence[Item], out: dict[int, Amount]) -> dict[int, Amount]:
    """The last figure each line of the tables states (a row's amount, a total row)."""
    for item in items:
        stated = (
            Amount(item.stated.value, item.stated.money, item.stated.source)
            if isinstance(item, CostLine) and item.stated.money is not None
            else item.stated
            if isinstance(item, Section)
            else None
        )
        if stated is not None and stated.source.line is not None:
            known = out.get(stated.source.line)
            if known is None or (known.source.col or 0) <= (stated.source.col or 0):
                out[stated.source.line] = stated
        if isinstance(item, Section):
            _figures_by_line(item.items, out)
    return out


def _words_under_tables(words: Sequence[WordsCheck], tables: Tables) -> tuple[WordsCheck, ...]:
    """Words with no figure beside them may spell the figure a table states on the line just
    above (``Bằng chữ:`` under a table's ``Tổng cộng`` row)."""
    if not tables.whole or all(w.amount is not None for w in words):
        return tuple(words)
    figures = _figures_by_line(tables.whole, {})
    out = []
    for w in words:
        line = w.source.line
        if w.amount is None and line is not None and (line - 1) in figures:
            w = replace(w, above=figures[line - 1])
        out.append(w)
    return tuple(out)


def _stated_amounts(items: Sequence[Item]) -> list[Amount]:
    out: list[Amount] = []
    for item in items:
        if isinstance(item, Section):
            if item.stated is not None:
                out.append(item.stated)
            out.extend(_stated_amounts(item.items))
    return out


def _last_line(items: Sequence[Item]) -> int:
    """The last line of the budget tree ``items`` (a figure or a heading)."""
    last = 0
    for item in items:
        if isinstance(item, CostLine):
            last = max(last, item.stated.source.line or 0)
        else:
            last = max(last, item.source.line or 0, item.stated.source.line or 0 if item.stated else 0)
            last = max(last, _last_line(item.items))
    return last


def pair_words(words: Sequence[WordsCheck], total: Amount | None, items: Sequence[Item]) -> tuple[WordsCheck, ...]:
    """Words on a line of their own spell one figure of the budget: the one they name exactly
    (the figure just above, the grand total, a section's amount, first in that order); else,
    right under a figure, the grand total when they close the budget (below all of it) or
    that figure. Words far from every figure that spell none of them are not paired."""
    out: list[WordsCheck] = []
    end: int | None = None  # the budget's last line: walked for only when words need it (most plans have none)
    for w in words:
        if w.amount is None and (w.above is not None or total is not None):
            candidates = [a for a in (w.above, total, *_stated_amounts(items)) if a is not None]
            same = [a for a in candidates if w.value is not None and shift(a.value, a.money.exponent) == w.value]
            if total is not None and end is None:
                end = _last_line(items)
            closes = total is not None and (w.source.line or 0) > (end or 0)
            if same:
                chosen: Amount | None = same[0]
            elif w.above is None:
                chosen = None  # far from every figure and spelling none of them: not guessed
            else:
                chosen = total if closes else w.above
            w = replace(w, amount=chosen)
        out.append(w)
    return tuple(out)


def _has_money(item: Item) -> bool:
    if isinstance(item, CostLine):
        return True
    return item.stated is not None or any(_has_money(i) for i in item.items)


def _resolve(items: tuple[Item, ...], findings: list[Finding], conv: Conventions) -> tuple[Item, ...]:
    out: list[Item] = []
    for item in items:
        if isinstance(item, CostLine):
            line, fs = resolve_line(item, conv)
            findings.extend(fs)
            out.append(line)
        else:
            out.append(replace(item, items=_resolve(item.items, findings, conv)))
    return tuple(out)


def _drop_settled_ambiguity(findings: list[Finding], conv: Conventions) -> list[Finding]:
    """Readings settled by the document's convention or by the arithmetic need no warning."""
    settled = {f.source for f in findings if f.code == "NUMBER_READ_BY_ARITHMETIC"}
    decimal_comma = conv.decimal_comma
    out = []
    said: set[Source] = set()  # a figure read twice (a chain's result is the next step's operand): said once
    for f in findings:
        if f.code == "NUMBER_AMBIGUOUS":
            if f.source in settled or f.source in said:
                continue
            if decimal_comma and f.message_key == "NUMBER_AMBIGUOUS.comma_three":
                continue
            said.add(f.source)
        out.append(f)
    return out


def _legacy_finding(rl: RawLine) -> Finding:
    """A line typed in a legacy font: converted when certain (said), else named and left as is."""
    if rl.legacy_certain:
        return Finding(rl.source, "LEGACY_CONVERTED", Severity.INFO, {"encoding": rl.legacy})
    return Finding(rl.source, "LEGACY_UNCERTAIN", Severity.WARNING, {"encoding": rl.legacy})


def _budget_lines(plan: Plan, tables: Tables) -> frozenset[int]:
    """The lines the budget reader owns: its tables, every line holding a computation it read,
    and every item's amount followed by its share (``4.500 triệu đồng (24,4%)``)."""
    lines = {line.source.line for line in (*walk_lines(plan.items), *plan.side) if line.source.line is not None}
    shares = {
        s.stated.source.line
        for s in walk_sections(plan.items)
        if s.stated is not None and s.stated.source.line is not None and share_after(s.stated) is not None
    }
    return tables.inside | lines | shares | _split_lines(plan.items)


def _split_lines(items: tuple[Item, ...]) -> set[int]:
    """The lines of items whose titles split their whole by rates (``Ngân sách tỉnh hỗ trợ 70%``,
    ``Ngân sách huyện hỗ trợ 30%``): shares of a budget, no targets."""
    out: set[int] = set()
    sections = [i for i in items if isinstance(i, Section)]
    if len(sections) == len(items) and split_rates([fold(s.title) for s in sections]) is not None:
        out.update(s.source.line for s in sections if s.source.line is not None)
    for s in sections:
        out |= _split_lines(s.items)
    return out


# ``Đơn vị tính: 1.000 đồng``, ``(ĐVT: 1000đ)``: the figure names the scale of a table's numbers
_SCALE_BEFORE = re.compile(r"(?:đvt|đơn\s{1,3}vị(?:\s{1,3}tính)?)\s{0,3}[:.]?\s{0,3}$", re.IGNORECASE)
_SCALE_VALUES = frozenset({Decimal(1000), Decimal(1000000), Decimal(1000000000)})


def _declares_scale(amount: Amount) -> bool:
    """An amount that is the unit a table's figures are counted in (``Đơn vị tính: 1.000
    đồng``), never an amount of the budget."""
    src = amount.source
    if src.pos is None or shift(amount.value, amount.money.exponent) not in _SCALE_VALUES:
        return False
    return _SCALE_BEFORE.search(src.text, max(0, src.pos - 20), src.pos) is not None


def parse(lines: Sequence[RawLine], file: str) -> tuple[Plan, list[Finding]]:
    """Build the plan's budget tree from its lines."""
    findings: list[Finding] = [_legacy_finding(rl) for rl in lines if rl.legacy is not None]
    tables = read_tables(lines, findings)  # table blocks are read by ``tables``; the rest by segment
    items = segment(tables.lines)
    root = build_tree(items, findings)
    builder = Builder(findings)
    builder.node(root, parent_stated=False)
    if root.skipped:
        # thresholds of legal prose and figures of worked examples: said once, never amounts
        first = min((f.amount.source for f in root.skipped), key=lambda s: (s.line or 0, s.col or 0))
        findings.append(Finding(first, "LEGAL_FIGURES_SKIPPED", Severity.INFO, {"count": len(root.skipped)}))
    top = _budget_node(root)
    section = top.built
    info = _document_info(lines)
    conv = conventions(rl.text for rl in lines)
    side = tuple(line for line in _resolve(tuple(builder.side), findings, conv) if isinstance(line, CostLine))
    if not isinstance(section, Section) or not _has_money(section):
        # no budget tree; amounts found anyway are reported, never passed over
        stray = tuple(f.amount for f in root.found if not f.used and not _declares_scale(f.amount))
        found = len(root.found) + root.chain_results - sum(1 for f in root.found if _declares_scale(f.amount))
        words = _words_under_tables(root.words, tables)
        plan = Plan(file, info, amounts_found=found, unchecked=stray, words=words, side=side)
        plan = shares_of_previous(with_tables(plan, tables))
        plan = replace(
            plan, words=pair_words(plan.words, plan.total, plan.items), budget_lines=_budget_lines(plan, tables)
        )
        return plan, _drop_settled_ambiguity(findings, conv)
    kept = tuple(i for i in section.items if _has_money(i))
    kept = _resolve(kept, findings, conv)
    heading = None
    if top.item is not None:
        heading = Section(section.number, section.title, section.source)
    unchecked = tuple(f.amount for f in top.found if not f.used and not _declares_scale(f.amount))
    found = len(top.found) + top.chain_results - sum(1 for f in top.found if _declares_scale(f.amount))
    plan = Plan(
        file,
        info,
        heading,
        section.stated,
        kept,
        amounts_found=found,
        unchecked=unchecked,
        words=_words_under_tables(root.words, tables),
        side=side,
        alternatives=section.alternatives and section.stated is not None,
    )
    plan = shares_of_previous(with_tables(plan, tables))
    plan = replace(plan, words=pair_words(plan.words, plan.total, plan.items), budget_lines=_budget_lines(plan, tables))
    findings = _drop_settled_ambiguity(findings, conv)
    return plan, findings
