"""Frozen records of a plan's budget: cost lines, sections, the grand total.

Every record carries its ``Source``. Values are exactly what the document states;
what they should be is computed by ``evaluate``. The records a plan holds one of per
figure or line have slots: no per-instance dict, a third of their memory.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from budget.numbers import total
from budget.source import Source
from budget.units import Money


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number as written with the unit text after it (``1,0 triệu đồng/người/năm``)."""

    value: Decimal
    unit_text: str
    money: Money | None
    source: Source
    text: str = ""  # the number as written, e.g. "1,0"
    percent: bool = False
    alternatives: tuple[Decimal, ...] = ()  # other readings of the text (``66,000`` → 66.000)

    @property
    def exponent(self) -> int:
        """Power of ten of đồng carried by this quantity (0 when not money)."""
        return self.money.exponent if self.money is not None else 0


@dataclass(frozen=True, slots=True)
class Step:
    """One ``=`` of a cost line: the factors multiplied at this step and the result stated.

    The first step multiplies its factors; a later step multiplies the previous stated
    result by its own factors (``= 135 triệu đồng x 5 năm = 675 triệu đồng``).
    """

    factors: tuple[Quantity, ...]
    stated: Quantity
    # The step's factors hold its whole computation (a compound side ``= 6.000.000 đồng -
    # 1.500.000 đồng``, the previous result written in it): it does not start from there.
    restart: bool = False


@dataclass(frozen=True, slots=True)
class CostLine:
    source: Source
    label: str
    steps: tuple[Step, ...]
    prefix: str = ""  # "TB" (trung bình) and similar markers before the first factor
    notes: tuple[str, ...] = ()  # parenthetical notes, never read as factors
    tail: str = ""  # text after the final result
    # Numbers of the clause the relation leaves aside (a quantity in the label, a number in
    # a parenthesised note): the line is judged only if it agrees without them.
    loose: tuple[Source, ...] = ()
    # Why the line is not judged ("" when it is): set by ``resolve`` for a loose reading
    # that does not agree.
    unread: str = ""

    @property
    def factors(self) -> tuple[Quantity, ...]:
        return tuple(f for s in self.steps for f in s.factors)

    # The unit signature of the line, what the unit check looks up; derived once from steps.
    unit_texts: tuple[str, ...] = field(init=False, repr=False, compare=False, default=())

    def __post_init__(self) -> None:
        object.__setattr__(self, "unit_texts", tuple(f.unit_text for s in self.steps for f in s.factors))

    @property
    def stated(self) -> Quantity:
        return self.steps[-1].stated


@dataclass(frozen=True, slots=True)
class Amount:
    """A money amount stated for a section or the whole budget."""

    value: Decimal
    money: Money
    source: Source


@dataclass(frozen=True, slots=True)
class Section:
    number: str  # "2.1", "IV", "a"
    title: str
    source: Source
    stated: Amount | None = None
    items: tuple[Item, ...] = ()
    # Each child is a separate breakdown of ``stated`` (a total decomposed by source and
    # again by use): each child group is checked against ``stated``; they are not added.
    alternatives: bool = False

    @property
    def lines(self) -> tuple[CostLine, ...]:
        return tuple(i for i in self.items if isinstance(i, CostLine))

    @property
    def sections(self) -> tuple[Section, ...]:
        return tuple(i for i in self.items if isinstance(i, Section))


Item = CostLine | Section


@dataclass(frozen=True)
class DocumentInfo:
    """What identifies the document: ``267/KH-UBND``, ``Hà Đông``, ``25/12/2020``."""

    number: str | None = None
    place: str | None = None
    date: str | None = None
    title: str | None = None


@dataclass(frozen=True)
class Claim:
    """A value a workbook stores for one of its formulas, to compare with our computation.

    ``target`` says what the formula computes: ``line`` (a cost line's amount, ``key`` is the
    line's stated cell), ``sum`` or ``recomputed`` (a section's sums, ``key`` its number,
    "" for the grand total). ``stored`` is None when the formula has no stored value.
    """

    source: Source
    target: str
    key: str
    stored: Decimal | None


@dataclass(frozen=True)
class WordsCheck:
    """An amount written out in words (``Bằng chữ: ...``) beside the figure it spells."""

    source: Source  # where the words start
    amount: Amount  # the figure, as stated in digits
    value: Decimal  # what the words say, in đồng
    text: str


@dataclass(frozen=True)
class CountSum:
    """A count a table states as the sum of other counts (pupils of a grade, classes): plain
    numbers, never money, so never part of the budget's sums."""

    source: Source  # the stated figure
    label: str
    stated: Decimal
    parts: tuple[Decimal, ...]

    @property
    def computed(self) -> Decimal:
        return total(self.parts)

    @property
    def ok(self) -> bool:
        return self.computed == self.stated


@dataclass(frozen=True)
class Plan:
    file: str
    document: DocumentInfo = field(default_factory=DocumentInfo)
    heading: Section | None = None  # the chapter holding the budget, e.g. "IV. KINH PHÍ THỰC HIỆN"
    total: Amount | None = None
    items: tuple[Item, ...] = ()
    claims: tuple[Claim, ...] = ()  # stored formula values, for plans read from workbooks
    # Coverage: every money amount found in the budget region, and those no expression,
    # statement or outline node consumed (reported, never passed silently).
    amounts_found: int = 0
    unchecked: tuple[Amount, ...] = ()
    words: tuple[WordsCheck, ...] = ()  # amounts in words, anywhere in the document
    counts: tuple[CountSum, ...] = ()  # counts the tables state as sums (pupils, classes)

    @property
    def has_budget(self) -> bool:
        """Something to check or report: items, a total, or amounts found and not placed."""
        return bool(self.items) or self.total is not None or bool(self.unchecked)


def walk_lines(items: tuple[Item, ...]) -> list[CostLine]:
    """All cost lines under ``items``, in document order."""
    out: list[CostLine] = []
    for item in items:
        if isinstance(item, CostLine):
            out.append(item)
        else:
            out.extend(walk_lines(item.items))
    return out


def walk_sections(items: tuple[Item, ...]) -> list[Section]:
    """All sections under ``items``, parents before children."""
    out: list[Section] = []
    for item in items:
        if isinstance(item, Section):
            out.append(item)
            out.extend(walk_sections(item.items))
    return out
