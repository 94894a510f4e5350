"""The one projection of a checked budget that every writer lays out.

Statuses, differences, roundings and the verdict are decided here, once, after the
checks, from the ``Evaluation`` and the findings; the text, JSON, workbook and report
writers only place them. So the four outputs of one run can never disagree: a row the
checks call wrong is wrong everywhere, and ``KHỚP`` is said only when nothing is wrong
and nothing went unread.

A row's status follows the checks, not the writer's own comparisons:

* ``error``  an error-level finding stands at this row (its figure, its sum, its cells);
* ``inner``  the row itself adds up, but an error stands somewhere below it;
* ``ok``     a stated figure, compared with its own computation (a product, a sum of
             its parts), with no error at or below it;
* ``stated`` a stated figure with no computation of its own (a total with nothing
             below it to add up): shown as written, never as checked;
* ``none``   no stated figure (nothing to compare) and no error below.

The verdict is ``KHỚP`` only from a complete reading: at least one relation judged, every
money amount found used by a judged relation, nothing unread and no error. Anything else
is ``CHƯA KIỂM TRA HẾT`` (what was not read is counted) or the errors; ``EXIT_CODE`` maps
the verdict to the command's exit code, here and only here.
"""

from __future__ import annotations

import enum
import hashlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import NamedTuple

from budget import messages
from budget.api import Report
from budget.balance import find_balances
from budget.checks import judged_shares
from budget.evaluate import LineResult, Result, SectionResult
from budget.findings import Finding, Severity
from budget.headings import may_name
from budget.model import CostLine, Section
from budget.numbers import EXACT, round_to, shift
from budget.plan_table import BudgetTable, recomputed_sums
from budget.source import Source
from indicators.extract import Extracted
from indicators.write_targets import bounds_words, confidence_word

# Findings that say part of the input went unread: a document with any of them is never KHỚP.
# (``XLSX_NOT_EVALUATED`` is not one: formulas saved without a value are recomputed by the tool.)
_UNREAD_KIND = {
    "UNCHECKED_AMOUNT": "amounts",
    "COSTLINE_UNREADABLE": "lines",
    "COSTLINE_LOOSE": "lines",
    "TABLE_ROW_NO_AMOUNT": "lines",
    "TABLE_ROW_NOT_CHECKED": "lines",
    "XLSX_NO_AMOUNT": "lines",
    "XLSX_FORMULA_NOT_EVALUATED": "cells",
    "GRID_NO_AMOUNT_COLUMN": "other",
    "TABLE_CELLS_GLUED": "lines",
    "NUMBER_MALFORMED": "numbers",
    "NUMBER_TOO_LONG": "numbers",
    # a chain whose units mix months and years: which step converted is not written (a one-step
    # line is converted as its units say)
    "UNIT_TIME_SCALE": "lines",
}
UNREAD_CODES = frozenset(_UNREAD_KIND)
_UNREAD_SUFFIXES = ("_UNREADABLE", "_NOT_CHECKED")
_UNREAD_PREFIX = "UNCHECKED_"
_SUM_KINDS = ("section", "total", "alternative")  # the sums of the budget tree
# How the unread are counted in the verdict: amounts, lines, cells, anything else.
WINDOW = 110  # characters of a source line shown around a finding's column


def is_unread(code: str) -> bool:
    """Does a finding of ``code`` say that something in the input was not read or not checked?"""
    return code in UNREAD_CODES or code.endswith(_UNREAD_SUFFIXES) or code.startswith(_UNREAD_PREFIX)


class Status(enum.StrEnum):
    OK = "ok"
    ERROR = "error"
    INNER = "inner"
    STATED = "stated"  # stated, with no computation of its own: shown as written, not checked
    NONE = "none"


class VerdictKind(enum.StrEnum):
    OK = "ok"
    ERRORS = "errors"
    INCOMPLETE = "incomplete"
    NO_BUDGET = "no_budget"


# The command's exit code for each verdict: 0 only for a reading that is complete and agrees.
# A document with no budget is not a document that agrees: nothing in it was checked (a budget
# the reader could not see looks the same), so it exits 1 too. 2 (unreadable input, wrong
# command) and 3 (a bug) are decided where the input fails, before there is a verdict.
EXIT_CODE = {VerdictKind.OK: 0, VerdictKind.ERRORS: 1, VerdictKind.INCOMPLETE: 1, VerdictKind.NO_BUDGET: 1}


@dataclass(frozen=True)
class Verdict:
    kind: VerdictKind
    headline: str  # "KẾT QUẢ: 2 lỗi, 5 cảnh báo"
    detail: str  # one sentence saying what that means

    @property
    def text(self) -> str:
        return f"{self.headline}. {self.detail}"

    @property
    def exit_code(self) -> int:
        return EXIT_CODE[self.kind]


class Row(NamedTuple):
    """One row of the budget tree: the grand total, a section or a cost line.

    A flat tuple (one per cost line of a 100.000-line plan): several times cheaper to build
    than a frozen dataclass, and as immutable.

    Figures are in the row's own unit (``unit``). ``summed`` is the sum of the children as
    stated (what the sum check compares), ``recomputed`` the same recomputed from the
    factors (for a line: its product). ``difference`` is stated − summed for the total and
    sections, stated − computed for lines: the difference the status rests on.
    """

    key: str  # unique and stable: "total", "s-2.3", "l-45", "l-Chi tiết!O7"
    kind: str  # "total" | "section" | "line"
    depth: int
    number: str
    label: str
    where: str  # "dòng 45", "Chi tiết!O7"; "" when unknown
    line: int | None
    cell: str | None
    stated: Decimal | None
    summed: Decimal | None
    recomputed: Decimal | None
    difference: Decimal | None
    unit: str
    status: Status
    findings: tuple[int, ...]  # indices into Projection.findings
    parent: str | None  # key of the row above
    factors: tuple[Decimal, ...] = ()  # a line's factor values, as the check multiplied them
    # What the workbook's live status formula gives for this row (rounded as Excel rounds):
    # where it differs from ``status`` the workbook writes the status as a fixed value. Decided
    # only when the projection is made with the workbook's table (``NONE`` otherwise).
    sheet_status: Status = Status.NONE
    alternatives: bool = False


@dataclass(frozen=True)
class SumCheck:
    """One sum the check compared: a section, the grand total, or one alternative breakdown."""

    kind: str  # "section" | "total" | "alternative" | "words" | "balance" | "count"
    label: str
    number: str
    line: int | None
    source: Source | None  # where the stated figure stands
    stated: Decimal
    computed: Decimal
    unit: str
    ok: bool
    within_rounding: bool = False  # differs by no more than the rounding of its figures explains

    @property
    def location(self) -> str:
        """``file:line:col`` or ``file:sheet!cell`` ("" when unknown)."""
        return "" if self.source is None else str(self.source)

    @property
    def difference(self) -> Decimal:
        return EXACT.subtract(self.stated, self.computed)

    @property
    def status(self) -> str:
        """``ok``, ``rounded`` (differs within the rounding of its figures: a warning, no
        error) or ``error``, as a report shows it."""
        return "ok" if self.ok else "rounded" if self.within_rounding else "error"


def _balance_sums(report: Report, lang: str) -> list[SumCheck]:
    """Each budget whose revenue and spending are both stated: spending against revenue."""
    out = []
    for b in find_balances(report.plan.items):
        assert b.revenue.stated is not None and b.spending.stated is not None
        money = b.revenue.stated.money
        source = b.spending.stated.source
        spending = shift(b.spending_dong, -money.exponent)
        revenue = shift(b.revenue_dong, -money.exponent)
        label = messages.render("SUM.balance", {"subject": b.subject}, lang)
        out.append(SumCheck("balance", label, "", source.line, source, spending, revenue, money.name, b.ok))
    return out


def _count_sums(report: Report) -> list[SumCheck]:
    """Each count a table states as a sum (pupils, classes): plain numbers, no unit."""
    return [
        SumCheck("count", c.label, "", c.source.line, c.source, c.stated, c.computed, "", c.ok)
        for c in report.plan.counts
    ]


def _words_sums(report: Report, lang: str) -> list[SumCheck]:
    """Each amount in words as a check of the figure it spells (words not read, or beside no
    figure, are no check: their findings say so)."""
    out = []
    for w in report.plan.words:
        if w.amount is None or w.value is None:
            continue
        money = w.amount.money
        said = shift(w.value, -money.exponent)
        source = w.amount.source
        out.append(
            SumCheck("words", w.text, "", source.line, source, w.amount.value, said, money.name, said == w.amount.value)
        )
    return out


class ShownFinding(NamedTuple):
    """A finding as the outputs show it: the text in the chosen language and a window of its line.

    A flat tuple, as ``Row``: a large plan has one per few lines."""

    finding: Finding
    index: int  # type: ignore[assignment]  # its place in ``Projection.findings`` (shadows ``tuple.index``)
    severity: str  # "error" | "warning" | "info"
    severity_word: str
    code: str
    location: str
    message: str
    cause: str
    cause_location: str
    excerpt: str  # a window of the source line, never a whole 30 KB line
    caret: int | None  # 0-based column of the caret in ``excerpt``
    row: str | None  # key of the row it stands at
    unread: bool


@dataclass(frozen=True)
class TargetRow:
    id: str
    kind: str
    value: str
    deadline: str
    subject: str
    location: str
    confidence: str
    status: str
    place: str = ""  # ``location`` inside the document, in words


@dataclass(frozen=True)
class Summary:
    lines: int
    sections: int
    errors: int
    warnings: int
    notes: int
    amounts_found: int
    amounts_checked: int
    unread: int


@dataclass(frozen=True)
class Identity:
    file: str
    number: str | None
    place: str | None
    date: str | None
    title: str | None
    heading: str
    checked_at: str  # ISO date and time; "" when not given
    sha256: str
    tool: str


@dataclass(frozen=True)
class Projection:
    lang: str
    identity: Identity
    has_budget: bool
    unit: str  # the grand total's unit
    rows: tuple[Row, ...]  # walk order: total, then sections and lines, parents first
    sums: tuple[SumCheck, ...]
    findings: tuple[ShownFinding, ...]
    targets: tuple[TargetRow, ...]
    summary: Summary
    verdict: Verdict
    total_words: str | None  # the grand total in words (Vietnamese, formal style), in đồng
    total_words_value: Decimal | None  # the figure the words say, in đồng
    # the workbook's table, when one is written (given to ``project``); None otherwise: only
    # a workbook lays it out, and the rows' ``sheet_status`` are then decided from it
    table: BudgetTable | None = field(repr=False)
    decimals: int = 0  # decimals of the workbook's unit (amounts kept to the đồng)
    # computations beside the budget tree (counts, rates, a worked example's), each as a row
    side: tuple[tuple[LineResult, Row], ...] = ()

    def row(self, key: str) -> Row:
        for r in self.rows:
            if r.key == key:
                return r
        raise KeyError(key)

    @property
    def total(self) -> Row:
        return self.rows[0]

    def t(self, code: str, **args: object) -> str:
        return messages.render(code, args, self.lang)

    def place_of(self, f: ShownFinding) -> str:
        return place_words(f.finding.source, self.lang)

    def cause_place_of(self, f: ShownFinding) -> str:
        cause = f.finding.cause
        return "" if cause is None or cause.source is None else place_words(cause.source, self.lang)

    def place_of_sum(self, c: SumCheck) -> str:
        return "" if c.source is None else place_words(c.source, self.lang)

    @property
    def by_severity(self) -> tuple[tuple[ShownFinding, ...], tuple[ShownFinding, ...], tuple[ShownFinding, ...]]:
        """The findings as a report lists them: errors, then warnings, then notes (each in
        document order)."""
        return tuple(  # type: ignore[return-value]
            tuple(f for f in self.findings if f.severity == level) for level in ("error", "warning", "info")
        )


def _place(source: Source) -> tuple[str, ...]:
    """Where a source is, coarsely: its line for text, its sheet and row for workbooks."""
    if source.cell is not None:
        sheet, _, cell = source.cell.rpartition("!")
        return (source.file, "cell", sheet, "".join(ch for ch in cell if ch.isdigit()))
    return (source.file, "line", str(source.line))


def _where(source: Source, lang: str) -> str:
    if source.cell:
        return source.cell
    if source.line is not None:
        return messages.filler("R.line_at", lang)(line=source.line)
    return ""


def place_words(source: Source, lang: str) -> str:
    """Where in its document a thing stands, in words: ``dòng 37, cột 55``, ``Dự toán!E7``,
    ``bảng 2, dòng 5``; the report names the file once, at its head."""
    if source.cell is None and source.line is not None and source.col is not None:
        return messages.filler("R.line_col_at", lang)(line=source.line, col=source.col)
    return _where(source, lang)


def _status(own_error: bool, children: Sequence[Status], stated: Decimal | None, computed: bool) -> Status:
    """The row's status; ``computed``: the row has a computation of its own to compare with."""
    if own_error:
        return Status.ERROR
    if any(c in (Status.ERROR, Status.INNER) for c in children):
        return Status.INNER
    if stated is None:
        return Status.NONE
    return Status.OK if computed else Status.STATED


class _Keys:
    """Unique row keys: ``s-2.3`` for sections, ``l-45`` (or ``l-Chi tiết!O7``) for lines."""

    def __init__(self) -> None:
        self.seen: set[str] = set()

    def make(self, base: str) -> str:
        key, n = base, 1
        while key in self.seen:
            n += 1
            key = f"{base}~{n}"
        self.seen.add(key)
        return key


def _line_base(r: LineResult) -> str:
    s = r.line.source
    return f"l-{s.cell}" if s.cell else f"l-{s.line}"


@dataclass
class _Index:
    """Sources of every row, exact and coarse, to attach each finding to the row it stands at."""

    lines: dict[Source, str] = field(default_factory=dict)
    sections: dict[Source, str] = field(default_factory=dict)
    line_places: dict[tuple[str, ...], str] = field(default_factory=dict)
    section_places: dict[tuple[str, ...], str] = field(default_factory=dict)
    numbers: dict[str, str] = field(default_factory=dict)
    # a figure broken down twice states each breakdown's sum at its one place: a sum finding there
    # stands at the breakdown whose sum failed
    failed: dict[Source, str] = field(default_factory=dict)
    total: set[Source] = field(default_factory=set)
    total_places: set[tuple[str, ...]] = field(default_factory=set)
    # Lines of text some finding stands on: a text source on any other line is never looked
    # up, exactly or by its place, so it is not indexed (five sources a cost line otherwise).
    wanted: set[int | None] = field(default_factory=set)

    def add(self, sources: Sequence[Source], key: str, line: bool) -> None:
        exact, places = (self.lines, self.line_places) if line else (self.sections, self.section_places)
        for s in sources:
            if s.cell is None and s.line not in self.wanted:
                continue
            exact.setdefault(s, key)
            places.setdefault(_place(s), key)

    def add_line(self, line: CostLine, key: str) -> None:
        """A cost line's sources: the line's, each factor's and each result's."""
        wanted = self.wanted
        sources = [line.source]
        for step in line.steps:
            sources += [q.source for q in step.factors]
            sources.append(step.stated.source)
        # (``s[1]`` and ``s[3]`` are a source's line and cell: a lookup fewer per source)
        for s in [s for s in sources if s[3] is not None or s[1] in wanted]:
            self.lines.setdefault(s, key)
            self.line_places.setdefault(_place(s), key)

    def row_of(self, f: Finding) -> str | None:
        if f.code.startswith("TOTAL_"):
            return "total"
        if f.code.startswith("SECTION_SUM") and f.source in self.failed:
            return self.failed[f.source]
        if f.code.startswith("SECTION_") and str(f.args.get("number", "")) in self.numbers:
            if f.source in self.sections:
                return self.sections[f.source]
            return self.numbers[str(f.args["number"])]
        for exact in (self.lines, self.sections):
            if f.source in exact:
                return exact[f.source]
        if f.source in self.total:
            return "total"
        place = _place(f.source)
        for places in (self.line_places, self.section_places):
            if place in places:
                return places[place]
        return "total" if place in self.total_places else None


def _index(report: Report) -> tuple[_Index, list[str]]:
    """Row keys of the evaluation's results, in the order the rows walk them (parents before
    their parts), and the index of their sources."""
    index = _Index(wanted={f.source.line for f in report.findings})
    keys = _Keys()
    keys.seen.add("total")
    in_order: list[str] = []
    plan = report.plan
    if plan.total is not None:
        index.total.add(plan.total.source)
        index.total_places.add(_place(plan.total.source))

    def visit(items: tuple[Result, ...]) -> None:
        for r in items:
            if isinstance(r, LineResult):
                key = keys.make(_line_base(r))
                in_order.append(key)
                index.add_line(r.line, key)
            else:
                sec = r.section
                key = keys.make(f"s-{sec.number}")
                in_order.append(key)
                if sec.items or sec.stated is None:  # a row's lone amount states no section's sum
                    index.numbers.setdefault(sec.number, key)
                index.add([*([sec.stated.source] if sec.stated else []), sec.source], key, False)
                if r.ok is False and sec.stated is not None:
                    index.failed.setdefault(sec.stated.source, key)
                visit(r.children)

    visit(report.evaluation.items)
    return index, in_order


class _Texts:
    """Texts rendered once per distinct code and arguments: a large plan repeats a few
    findings' messages thousands of times. Only arguments that are plain texts and ints are
    keys (equal Decimals may be written differently: 1,0 and 1)."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.done: dict[tuple[object, ...], str] = {}

    def render(self, code: str, args: Mapping[str, object]) -> str:
        if not all(type(v) is str or type(v) is int for v in args.values()):
            return messages.render(code, args, self.lang)
        key = (code, *args.items())
        text = self.done.get(key)
        if text is None:
            text = self.done[key] = messages.render(code, args, self.lang)
        return text


def _shown(report: Report, index: _Index, lang: str) -> tuple[ShownFinding, ...]:
    out = []
    texts = _Texts(lang)
    words = {sev: messages.severity(sev.value, lang) for sev in Severity}  # each rendered once
    unread: dict[str, bool] = {}
    for i, f in enumerate(report.findings):
        source = f.source
        excerpt, caret = source.window(WINDOW) if source.text else ("", None)
        code = f.code
        said = unread.get(code)
        if said is None:
            said = unread[code] = is_unread(code)
        cause = f.cause
        location = str(source)  # a cause at the finding's own place is not written again
        out.append(
            ShownFinding(
                f,
                i,
                f.severity.value,
                words[f.severity],
                code,
                location,
                texts.render(f.message_key or code, f.args),
                "" if cause is None else texts.render(cause.code, cause.args),
                ""
                if cause is None or cause.source is None
                else location
                if cause.source is source
                else str(cause.source),
                excerpt,
                caret,
                index.row_of(f),
                said,
            )
        )
    return tuple(out)


class _Rows:
    """Evaluation + findings → rows in walk order, sums; and, when a workbook is written (its
    table given), what its live status formulas give (``sheet_status``)."""

    def __init__(self, report: Report, table: BudgetTable | None, keys: list[str], shown: Sequence[ShownFinding]):
        self.report = report
        self.table = table
        self.keys = iter(keys)  # each result's key, in the order ``_children`` walks them
        self.unit = report.evaluation.total.money.exponent  # the table's unit: the grand total's
        self.decimals = self.unit
        # each section's parts recomputed (by the id of its result), when no table holds them
        self.recomputed: dict[int, Decimal | None] = {}
        self.total_recomputed: Decimal | None = None
        if table is None:
            self.recomputed, self.total_recomputed = recomputed_sums(report.evaluation)
        else:
            self.total_recomputed = table.total.recomputed_sum
        self.where: Callable[..., str] = messages.filler("R.line_at")  # in the language ``build`` is given
        self.rows: list[Row] = []
        self.sums: list[SumCheck] = []
        self.line_no = 0
        self.section_no = 0
        self.at: dict[str, list[int]] = {}
        self.errors: set[str] = set()
        self.unjudged: set[str] = set()  # rows whose computation a finding says was not judged
        for sf in shown:
            if sf.row is not None:
                self.at.setdefault(sf.row, []).append(sf.index)
                if sf.severity == Severity.ERROR.value:
                    self.errors.add(sf.row)
                elif sf.code == "UNIT_TIME_SCALE":
                    self.unjudged.add(sf.row)

    def _in(self, value: Decimal | None, exponent: int) -> Decimal | None:
        """A figure of the table (in the table's unit) in a row's unit, exactly."""
        return None if value is None else shift(value, self.unit - exponent)

    def build(self, lang: str) -> None:
        ev = self.report.evaluation
        plan = self.report.plan
        t = ev.total
        self.where = messages.filler("R.line_at", lang)
        self.rows.append(_PLACEHOLDER)
        children = self._children(ev.items, 1, "total", lang)
        sheet_status = Status.NONE
        if self.table is not None:
            tt = self.table.total
            sheet_bad = (
                tt.stated is not None
                and tt.stated_sum is not None
                and bool(tt.lines or tt.sections)
                and round_to(tt.stated - tt.stated_sum, self.decimals) != 0
            )
            sheet_status = _status(
                sheet_bad, children, t.stated, tt.stated_sum is not None and bool(tt.lines or tt.sections)
            )
        source = plan.total.source if plan.total is not None else None
        self.rows[0] = Row(
            "total",
            "total",
            0,
            "",
            messages.render("R.total_row", {}, lang),
            "" if source is None else _where(source, lang),
            None if source is None else source.line,
            None if source is None else source.cell,
            t.stated,
            t.children_sum,
            self._in(self.total_recomputed, t.money.exponent),
            None if t.stated is None or t.children_sum is None else EXACT.subtract(t.stated, t.children_sum),
            t.money.name,
            _status("total" in self.errors, children, t.stated, t.children_sum is not None),
            tuple(self.at.get("total", ())),
            None,
            sheet_status=sheet_status,
        )
        if t.stated is not None and t.children_sum is not None:
            self.sums.append(
                SumCheck(
                    "total",
                    messages.render("SUM.total", {}, lang),
                    "",
                    None if source is None else source.line,
                    source,
                    t.stated,
                    t.children_sum,
                    t.money.name,
                    t.stated == t.children_sum,
                    t.within_rounding,
                )
            )

    def _children(self, items: tuple[Result, ...], depth: int, parent: str, lang: str) -> list[Status]:
        return [
            (self._line(r, depth, parent, lang) if isinstance(r, LineResult) else self._section(r, depth, parent, lang))
            for r in items
        ]

    def _line(self, r: LineResult, depth: int, parent: str, lang: str) -> Status:
        key = next(self.keys)
        unread = r.line.unread or key in self.unjudged
        status = Status.ERROR if key in self.errors else Status.NONE if unread else Status.OK
        sheet = Status.NONE
        if self.table is not None:
            tl = self.table.lines[self.line_no]
            self.line_no += 1
            computed = round_to(tl.computed, self.decimals)
            sheet = Status.ERROR if round_to(EXACT.subtract(tl.stated, computed), self.decimals) != 0 else Status.OK
        at = self.at.get(key)
        row = _line_row(r, key, "line", depth, status, () if at is None else tuple(at), parent, lang, sheet, self.where)
        self.rows.append(row)
        return status

    def _section(self, r: SectionResult, depth: int, parent: str, lang: str) -> Status:
        sec = r.section
        key = next(self.keys)
        ts = None
        if self.table is not None:
            ts = self.table.sections[self.section_no]
            self.section_no += 1
        at = len(self.rows)
        self.rows.append(_PLACEHOLDER)
        children = self._children(r.children, depth + 1, key, lang)
        source = sec.stated.source if sec.stated is not None else sec.source
        status = _status(key in self.errors, children, r.stated, r.has_computation)
        sheet_status = Status.NONE
        if ts is None:
            parts = self.recomputed[id(r)]
        else:
            parts = ts.recomputed_sum
            sheet_bad = (
                not sec.alternatives
                and ts.stated is not None
                and ts.stated_sum is not None
                and bool(ts.lines or ts.sections)
                and round_to(ts.stated - ts.stated_sum, self.decimals) != 0
            )
            sheet_sum = ts.stated_sum is not None and bool(ts.lines or ts.sections) and not sec.alternatives
            sheet_status = _status(sheet_bad, children, r.stated, sheet_sum)
        recomputed = None if sec.alternatives else self._in(parts, r.money.exponent)
        summed = r.children_sum
        if sec.alternatives and status is Status.OK and _each_comes_to(r):
            summed = r.stated  # every breakdown of it was checked against it and comes to it
        self.rows[at] = Row(
            key,
            "section",
            depth,
            sec.number,
            messages.label_in(sec.title, lang),
            _where(source, lang),
            source.line,
            source.cell,
            r.stated,
            summed,
            recomputed,
            None if r.stated is None or summed is None else EXACT.subtract(r.stated, summed),
            r.money.name,
            status,
            tuple(self.at.get(key, ())),
            parent,
            sheet_status=sheet_status,
            alternatives=sec.alternatives,
        )
        self._sums(r, sec, source, lang)
        return status

    def _sums(self, r: SectionResult, sec: Section, source: Source, lang: str) -> None:
        if r.stated is not None and r.children_sum is not None:
            self.sums.append(
                SumCheck(
                    "section",
                    messages.render("SUM.section", {"number": sec.number}, lang),
                    sec.number,
                    source.line,
                    source,
                    r.stated,
                    r.children_sum,
                    r.money.name,
                    r.stated == r.children_sum,
                    r.within_rounding,
                )
            )
        if not sec.alternatives or r.stated is None:
            return
        for child in r.children:
            value = child.stated_dong
            if value is None:
                continue
            computed = shift(value, -r.money.exponent)
            name = child.section.number if isinstance(child, SectionResult) else (child.line.label or "")
            self.sums.append(
                SumCheck(
                    "alternative",
                    messages.render("SUM.alternative", {"number": sec.number, "child": name}, lang),
                    sec.number,
                    source.line,
                    source,
                    r.stated,
                    computed,
                    r.money.name,
                    r.stated == computed,
                )
            )


def _each_comes_to(r: SectionResult) -> bool:
    """Does every breakdown of a figure broken down more than once come to it (as its sums say)?"""
    return r.stated is not None and bool(r.children) and all(c.stated_dong == r.stated_dong for c in r.children)


_PLACEHOLDER = Row("", "", 0, "", "", "", None, None, None, None, None, None, "", Status.NONE, (), None)


def _unread_parts(shown: Sequence[ShownFinding]) -> dict[str, int]:
    """What went unread, by kind (amounts, numbers, lines, cells, other); one place said twice
    (a row not checked, its amount unplaced) counts once. Every amount found that no judged
    relation used has its ``UNCHECKED_AMOUNT`` finding (``amounts_checked`` is counted from
    them), so "every amount used" is part of "nothing unread"."""
    parts: dict[str, int] = {}
    places: set[tuple[str, int | None, int | None, str | None]] = set()
    for sf in shown:
        if sf.unread:
            where = sf.finding.source
            place = (where.file, where.line, where.col, where.cell)
            if place in places:
                continue
            places.add(place)
            kind = _UNREAD_KIND.get(sf.code, "amounts" if sf.code.startswith(_UNREAD_PREFIX) else "other")
            parts[kind] = parts.get(kind, 0) + 1
    return parts


def _tally(summary: Summary, lang: str) -> dict[str, str]:
    """The warnings and notes the verdict mentions, each once and only when there are some:
    ``; 5 cảnh báo, 1 ghi chú`` after a clause, `` (5 cảnh báo)`` beside one, or nothing."""
    said = ", ".join(
        messages.render(f"TALLY.{kind}", {"count": count}, lang)
        for kind, count in (("warnings", summary.warnings), ("notes", summary.notes))
        if count
    )
    if not said:
        return {"tally": "", "aside": ""}
    return {
        "tally": messages.render("TALLY.after", {"list": said}, lang),
        "aside": messages.render("TALLY.aside", {"list": said}, lang),
    }


def _verdict(
    report: Report, summary: Summary, shown: Sequence[ShownFinding], sums: Sequence[SumCheck], lang: str
) -> Verdict:
    """``KHỚP`` only from a complete reading: at least one relation judged (a product, a sum, an
    amount in words, a count, a balance, a share), every amount found used by one, nothing
    unread and no error. Anything short of that is ``CHƯA KIỂM TRA HẾT``, with what was not read."""
    parts = _unread_parts(shown)
    unread = ", ".join(
        messages.render(f"UNREAD.{k}", {"count": parts[k]}, lang)
        for k in ("amounts", "numbers", "lines", "cells", "other")
        if k in parts
    )
    errors = summary.errors
    if errors == 0:
        # a failed sum no check reported: never KHỚP (a difference rounding explains is a warning)
        # (a balance that differs is a warning: a deficit may be intended)
        errors = sum(1 for s in sums if s.kind in _SUM_KINDS and not s.ok and not s.within_rounding)
    # only whether any relation was judged matters: the shares are looked for when nothing else was
    relations = summary.lines + len(sums) or len(judged_shares(report.evaluation))
    # a table of counts (offices, schools) with its sums is something to check too
    found = report.plan.has_budget or summary.amounts_found > 0 or bool(report.plan.counts)
    counts = {"errors": errors, "unread": unread, **_tally(summary, lang)}
    headline = None
    if errors:
        kind = VerdictKind.ERRORS
        detail = "VERDICT_DETAIL.errors_unread" if unread else "VERDICT_DETAIL.errors"
    elif unread or (found and relations == 0):
        kind = VerdictKind.INCOMPLETE
        detail = "VERDICT_DETAIL.nothing_checked" if relations == 0 else "VERDICT_DETAIL.incomplete"
        headline = None if unread else "VERDICT.incomplete_nothing"
    elif not found:
        kind, detail = VerdictKind.NO_BUDGET, "VERDICT_DETAIL.no_budget"
    else:
        kind, detail = VerdictKind.OK, "VERDICT_DETAIL.ok"
        if not report.plan.has_budget:
            # a document of counts alone (offices, schools), or of computations of rates alone (a
            # fee notice: ``150.000 đồng/học sinh/tháng x 9 tháng = 1.350.000 đồng/học sinh``)
            detail = "VERDICT_DETAIL.ok_counts" if report.plan.counts else "VERDICT_DETAIL.ok_side"
        rounded = sum(1 for s in sums if s.within_rounding)
        if rounded:
            counts["rounded"] = rounded
            detail = "VERDICT_DETAIL.ok_rounding"
    headline = headline or f"VERDICT.{kind.value}"
    return Verdict(kind, messages.render(headline, counts, lang), messages.render(detail, counts, lang))


def _targets(targets: Sequence[Extracted], lang: str) -> tuple[TargetRow, ...]:
    out = []
    for e in targets:
        t = e.target
        value = bounds_words(e, lang)
        out.append(
            TargetRow(
                t.id,
                messages.render(f"TARGET_KIND.{t.kind.value}", {}, lang),
                value,
                str(t.deadline or ""),
                e.subject,
                str(t.source),
                confidence_word(e, lang),
                messages.render("TARGET_STATUS.pending", {}, lang),
                place_words(t.source, lang),
            )
        )
    return tuple(out)


def _words(report: Report) -> tuple[str | None, Decimal | None]:
    """The grand total (stated, else summed) in words, in đồng; None when it is not whole đồng."""
    t = report.evaluation.total
    value = t.stated if t.stated is not None else t.children_sum
    if value is None:
        return None, None
    if t.stated is None and find_balances(report.plan.items):
        return None, None  # a sum over revenue and spending alike (a resolution's articles) is no total
    from budget.words import dong_words

    said = dong_words(value, t.money.exponent)
    return (None, None) if said is None else said


def _chapter(heading: Section | None) -> str:
    """The chapter holding the budget as the report names it (``IV. KINH PHÍ THỰC HIỆN``): a
    numbered heading; "" for a bullet that holds the budget or a line that identifies the document."""
    if heading is None or not heading.number or not may_name(heading.title):
        return ""
    return f"{heading.number}. {heading.title}"


def file_digest(path: str) -> str:
    p = Path(path)
    return hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else ""


def project(
    report: Report,
    targets: Sequence[Extracted] = (),
    lang: str = "vi",
    checked_at: str | None = None,
    table: BudgetTable | None = None,
    sha256: str | None = None,
) -> Projection:
    """The projection of ``report``: computed once, after the checks, for every writer.

    ``table``: the workbook's table (``plancheck.workbook.with_workbook_findings``) when a
    workbook is written; the rows' ``sheet_status`` are then decided from it. Without it the
    table is not built at all: the text, JSON and report show only its recomputed sums, which
    ``recomputed_sums`` gives from the evaluation, the same figures digit for digit."""
    from budget import __version__

    if lang not in messages.LANGUAGES:
        raise ValueError(f"unknown language {lang!r}")
    plan = report.plan
    index, keys = _index(report)
    shown = _shown(report, index, lang)
    rows = _Rows(report, table, keys, shown)
    rows.build(lang)
    counts = {sev: sum(1 for f in report.findings if f.severity is sev) for sev in Severity}
    summary = Summary(
        lines=len(report.evaluation.lines()),
        sections=len(report.evaluation.sections()),
        errors=counts[Severity.ERROR],
        warnings=counts[Severity.WARNING],
        notes=counts[Severity.INFO],
        amounts_found=plan.amounts_found,
        # an amount is checked when a judged relation used it: each one none used is reported
        amounts_checked=max(0, plan.amounts_found - sum(1 for f in report.findings if f.code == "UNCHECKED_AMOUNT")),
        unread=sum(1 for sf in shown if sf.unread),
    )
    info = plan.document
    identity = Identity(
        plan.file,
        info.number,
        info.place,
        info.date,
        info.title,
        _chapter(plan.heading),
        datetime.now().astimezone().isoformat(timespec="seconds") if checked_at is None else checked_at,
        file_digest(plan.file) if sha256 is None else sha256,
        f"budget {__version__}",
    )
    words, words_value = _words(report)
    sums = (*rows.sums, *_words_sums(report, lang), *_balance_sums(report, lang), *_count_sums(report))
    return Projection(
        lang,
        identity,
        plan.has_budget,
        report.evaluation.total.money.name,
        tuple(rows.rows),
        sums,
        shown,
        _targets(targets, lang),
        summary,
        _verdict(report, summary, shown, sums, lang),
        words,
        words_value,
        table,
        report.evaluation.total.money.exponent,
        _side(report, shown, lang),
    )


def _side(report: Report, shown: Sequence[ShownFinding], lang: str) -> tuple[tuple[LineResult, Row], ...]:
    """Each computation beside the tree as a row of its own: an error when a finding of error at
    its result says so, not read when unread, else checked; the findings on its line."""
    side = report.evaluation.side
    if not side:
        return ()
    wrong = {f.source for f in report.findings if f.severity is Severity.ERROR}
    unplaced: dict[int | None, list[int]] = {}  # findings at no row, by their line
    for sf in shown:
        if sf.row is None:
            unplaced.setdefault(sf.finding.source.line, []).append(sf.index)
    out: list[tuple[LineResult, Row]] = []
    for r in side:
        line = r.line
        results = {s.stated.source for s in line.steps}
        status = Status.ERROR if results & wrong else Status.NONE if line.unread else Status.OK
        here = tuple(unplaced.get(line.source.line, ()))
        key = f"b-{line.source.cell or line.source.line}-{len(out)}"
        out.append((r, _line_row(r, key, "beside", 1, status, here, None, lang)))
    return tuple(out)


def _line_row(
    r: LineResult,
    key: str,
    kind: str,
    depth: int,
    status: Status,
    findings: tuple[int, ...],
    parent: str | None,
    lang: str,
    sheet_status: Status = Status.NONE,
    line_at: Callable[..., str] | None = None,
) -> Row:
    """The row of a computation: its stated and recomputed result, their difference, its unit.
    ``line_at``: the filler of ``R.line_at`` in ``lang`` (looked up once for a plan's rows)."""
    line = r.line
    source = line.source
    result = line.stated
    stated = result.value
    label = line.label or line.tail
    # every field given, as the tuple it is: ``Row(...)`` adds a call to each of a plan's lines
    return _tuple_new(
        Row,
        (
            key,
            kind,
            depth,
            line.number,
            label if lang == "vi" else messages.label_in(label, lang),
            _where(source, lang)
            if line_at is None or source.cell or source.line is None
            else line_at(line=source.line),
            source.line,
            source.cell,
            stated,
            None,
            r.computed,
            EXACT.subtract(stated, r.computed),
            result.unit_text if result.money is None else result.money.name,
            status,
            findings,
            parent,
            tuple([f.value for f in line.factors]),
            sheet_status,
            False,
        ),
    )


_tuple_new = tuple.__new__
