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

    @property
    def is_amount(self) -> bool:
        """An amount of money, not a count (``60 người``) nor a rate of money (``0,5 tỷ đồng/lớp``):
        what a budget adds up."""
        return self.money is not None and "/" not in self.unit_text


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
    # The text says the result was rounded (``= 1.122 người (làm tròn)``): up or down, it may
    # be a whole unit of its last digit off.
    rounded: bool = False


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
    # The parts a figure is split into, added and compared with it (``900.000 đồng/người (tỉnh
    # 700.000 đồng; huyện 200.000 đồng)``): a sum written as a one-factor line.
    split: bool = False
    # The item's number as the document writes it (``2``, ``1.1``, ``a``, a table row's ``STT``),
    # "" when unnumbered: shown, never compared (two readings of one line are one line).
    number: str = field(default="", compare=False)

    @property
    def factors(self) -> tuple[Quantity, ...]:
        steps = self.steps
        if len(steps) == 1:  # most lines: the one step's own tuple, not a copy
            return steps[0].factors
        return tuple(f for s in steps for f in s.factors)

    # The unit signature of the line, what the unit check looks up; derived once from steps.
    unit_texts: tuple[str, ...] = field(init=False, repr=False, compare=False, default=())

    def __post_init__(self) -> None:
        object.__setattr__(self, "unit_texts", tuple(f.unit_text for f in self.unit_factors))

    @property
    def unit_factors(self) -> tuple[Quantity, ...]:
        """The factors whose units must cancel to the result's: those since the last step
        that restarts from its own figures (all of them in an ordinary chain)."""
        if len(self.steps) == 1:
            return self.steps[0].factors  # most lines: the one step's own tuple
        last = max((i for i, s in enumerate(self.steps) if s.restart), default=0)
        return tuple(f for s in self.steps[last:] for f in s.factors)

    @property
    def stated(self) -> Quantity:
        return self.steps[-1].stated

    @property
    def is_amount(self) -> bool:
        """Does the line compute an amount of the budget (not a count or a rate worked out beside
        it)? A bare result (``= 1.500``) is one when a factor is money or no factor has a unit
        (its money is then assumed); ``30 người x 2 lớp = 60`` counts people."""
        s = self.stated
        if s.money is not None or s.percent or s.unit_text.strip():
            return s.is_amount
        factors = self.factors
        return any(f.money is not None for f in factors) or not any(f.unit_text.strip() for f in factors)


@dataclass(frozen=True, slots=True)
class Amount:
    """A money amount stated for a section or the whole budget (or, with ``per``, a money rate
    found standing alone: ``1.000.000 đồng/năm``, never summed)."""

    value: Decimal
    money: Money
    source: Source
    per: str = ""  # a rate's ``/năm``, ``/người/tháng``; "" for an amount

    @property
    def unit(self) -> str:
        """``triệu đồng``, or a rate's ``đồng/năm``."""
        return self.money.name + self.per


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
    amount: Amount | None  # the figure, as stated in digits; None when no figure stands beside them
    value: Decimal | None  # what the words say, in đồng; None when they do not read as one amount
    text: str
    # Words on a line of their own: the figure of the line just above, one figure they may
    # spell (the grand total and the sections' amounts are the others; see parse).
    above: Amount | None = None


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
    # Computations whose result is no amount of the budget (``30 người x 2 lớp = 60 người``,
    # ``6 tỷ đồng : 12 lớp = 0,5 tỷ đồng/lớp``): each is checked, none is added to a sum.
    side: tuple[CostLine, ...] = ()
    # Physical lines the budget reader owns: its tables and the lines of its computations.
    # Readers beside it (targets) leave them alone: their percentages are shares and factors.
    budget_lines: frozenset[int] = frozenset()
    # The items are breakdowns of the total given one after another (by source, then by use),
    # each checked against it, never added together.
    alternatives: bool = False

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
