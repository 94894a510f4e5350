"""One checked document as a row of a consolidated summary, and as the rows of its own sheet.

A document's row and sheet are taken from its ``Projection`` (``plancheck.projection``), the
one place its statuses, figures, differences and verdict are decided: the batch outputs show
what the document's own report shows, never a second reading of it. Only what belongs to the
run is added here: a row for a document that could not be read, the counts and the totals per
money unit. The batch writers (text, JSON, HTML, workbook) only lay these records out.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from budget import messages
from budget.cli_support import EXIT_BUG, EXIT_INPUT
from budget.findings import InputError
from budget.numbers import EXACT
from budget.units import money_named
from budget.words import dong_words
from indicators.extract import Extracted
from indicators.write_targets import row_of, target_line
from plancheck import projection
from plancheck.projection import Projection, VerdictKind


class Status(enum.StrEnum):
    """How a document came out, from best to worst (the exit code is the worst of all). The
    first four are the verdict of its projection (``plancheck.projection.VerdictKind``)."""

    OK = "ok"
    NO_BUDGET = "no_budget"
    INCOMPLETE = "incomplete"
    ERRORS = "errors"
    UNREADABLE = "unreadable"
    BUG = "internal_error"


def verdict_word(status: Status, errors: int = 0, lang: str = "vi") -> str:
    """``khớp``, ``3 lỗi``, ``không đọc được``: how a document came out, in ``lang``."""
    return messages.render(f"BATCH.verdict.{status.value}", {"errors": errors}, lang)


def counts_words(by_status: dict[Status, int], lang: str = "vi") -> str:
    """``2 khớp, 1 có lỗi, 1 không đọc được``: the documents by how they came out ("" for none)."""
    return ", ".join(messages.render(f"BATCH.count.{s.value}", {"n": n}, lang) for s, n in by_status.items() if n)


# A checked document exits as its verdict says (one place: ``projection.EXIT_CODE``); one that
# could not be read, or met a bug, as the command does for a single document.
EXIT_CODE = {
    **{Status(kind.value): code for kind, code in projection.EXIT_CODE.items()},
    Status.UNREADABLE: EXIT_INPUT,
    Status.BUG: EXIT_BUG,
}


@dataclass(frozen=True)
class TargetRow:
    """A target a document sets, as the consolidated summary lists it: the cells of the
    ``Chỉ tiêu`` table (``indicators.write_targets.HEADERS``) and the line the text shows."""

    cells: tuple[str, ...]
    text: str


def target_rows(found: Sequence[Extracted], lang: str = "vi") -> tuple[TargetRow, ...]:
    """Each target's cells, and its line as ``budget check`` prints it, placed by ``dòng N``
    under its document's name rather than by the file's whole path again."""
    line = messages.filler("T.line", lang)
    return tuple(
        TargetRow(
            tuple(row_of(e)),
            target_line(e, line(line=e.target.source.line) if e.target.source.line else None, lang),
        )
        for e in found
    )


@dataclass(frozen=True)
class DocSummary:
    """One row of ``Tổng hợp các đơn vị``."""

    index: int  # 1-based, in input order
    file: str
    status: Status
    number: str | None = None
    date: str | None = None
    title: str | None = None
    lines: int = 0
    sections: int = 0
    errors: int = 0
    warnings: int = 0
    notes: int = 0
    stated: Decimal | None = None  # the grand total as written
    computed: Decimal | None = None  # the sum of its parts, in ``unit``
    difference: Decimal | None = None  # written minus summed, as its projection says it
    unit: str = ""
    reason: str | None = None  # why it could not be read (unreadable, internal error)
    targets: tuple[TargetRow, ...] = ()  # the targets (chỉ tiêu) the document sets
    lang: str = "vi"  # of the run: its words (verdict, reason) are in this language

    @property
    def verdict(self) -> str:
        return verdict_word(self.status, self.errors, self.lang)


class SheetRow(projection.Row):
    """A row of the projection as a document's sheet shows it: the same row, with its status
    in words, in the language of the class (``SHEET_ROWS``: a tuple has no room for it)."""

    __slots__ = ()
    lang = "vi"

    @property
    def status_word(self) -> str:
        return messages.render(f"STATUS.{self.status.value}", {}, self.lang)

    @classmethod
    def of(cls, r: projection.Row) -> SheetRow:
        return cls._make(r)


class EnglishSheetRow(SheetRow):
    __slots__ = ()
    lang = "en"


SHEET_ROWS: dict[str, type[SheetRow]] = {"vi": SheetRow, "en": EnglishSheetRow}


@dataclass(frozen=True)
class FindingRow:
    location: str
    severity: str  # the word, in the run's language: lỗi, cảnh báo, ghi chú
    code: str
    message: str
    cause: str
    level: str = "error"  # "error" | "warning" | "info", whatever the language


@dataclass(frozen=True)
class DocSheet:
    """What a document's own sheet of the consolidated workbook (and its section of the
    consolidated report) shows: the rows of its projection, as its own report shows them."""

    heading: str  # "IV. KINH PHÍ THỰC HIỆN", or ""
    rows: tuple[SheetRow, ...]  # the projection's own: statuses and figures decided there
    findings: tuple[FindingRow, ...]


def summarize(index: int, file: str, p: Projection, targets: Sequence[Extracted] = ()) -> DocSummary:
    """A checked document's row, from its projection: its status is its verdict."""
    s = p.summary
    total = p.total
    info = p.identity
    return DocSummary(
        index,
        file,
        Status(p.verdict.kind.value),
        info.number,
        info.date,
        info.title,
        s.lines,
        s.sections,
        s.errors,
        s.warnings,
        s.notes,
        total.stated,
        total.summed,
        total.difference,
        total.unit,
        targets=target_rows(targets, p.lang),
        lang=p.lang,
    )


def unreadable(index: int, file: str, e: InputError, lang: str = "vi") -> DocSummary:
    """The reason as ``[CODE] message``, with the place inside the file when there is one."""
    where = str(e.source)
    place = where[len(file) :].lstrip(":") if where.startswith(file) else where
    reason = f"[{e.code}] {messages.render(e.code, e.args_, lang)}" + (f" ({place})" if place else "")
    return DocSummary(index, file, Status.UNREADABLE, reason=reason, lang=lang)


def internal(index: int, file: str, reason: str, lang: str = "vi") -> DocSummary:
    return DocSummary(index, file, Status.BUG, reason=reason, lang=lang)


def sheet_of(p: Projection) -> DocSheet:
    """A document's sheet from its projection, in the projection's language."""
    rows = tuple(SHEET_ROWS[p.lang].of(r) for r in p.rows) if p.has_budget else ()
    findings = tuple(
        FindingRow(
            p.place_of(sf),
            sf.severity_word,
            sf.code,
            sf.message,
            sf.cause + (f" ({place})" if (place := p.cause_place_of(sf)) else ""),
            sf.severity,
        )
        for group in p.by_severity  # errors, warnings, then notes
        for sf in group
    )
    return DocSheet(p.identity.heading, rows, findings)


@dataclass(frozen=True)
class UnitTotal:
    unit: str
    documents: int
    stated: Decimal  # over the ``stating`` documents that write a grand total
    computed: Decimal  # over all ``documents``
    stating: int
    words: str | None = None  # ``computed`` in words, in đồng (None: not whole đồng)

    @property
    def code(self) -> str:
        """The message that says this total: with the stated figure when a document states one."""
        return "BATCH.unit_total" if self.stating else "BATCH.unit_total_unstated"


@dataclass(frozen=True)
class Overall:
    """The line under the summary: documents by status, lines, findings, totals per money unit."""

    documents: int
    by_status: dict[Status, int]
    lines: int
    errors: int
    warnings: int
    totals: tuple[UnitTotal, ...]  # one per money unit, in order of first appearance
    skipped: int
    worst: Status | None
    targets: int = 0  # targets found, over all documents
    lang: str = "vi"  # of the run

    @property
    def exit_code(self) -> int:
        return 0 if self.worst is None else EXIT_CODE[self.worst]

    @property
    def kind(self) -> str:
        """How the run came out as a report shows it: ``ok`` when every document was read in
        full and agrees, ``errors`` when the worst is a document with errors, else
        ``incomplete`` (a document not read in full, without a budget, unreadable, or a bug)."""
        if self.worst in (None, Status.OK):
            return VerdictKind.OK.value
        return VerdictKind.ERRORS.value if self.worst is Status.ERRORS else VerdictKind.INCOMPLETE.value

    @property
    def counts(self) -> str:
        """``2 khớp, 1 có lỗi, 1 không đọc được``: the documents by how they came out."""
        return counts_words(self.by_status, self.lang)


_ORDER = list(Status)


def _in_words(t: UnitTotal) -> str | None:
    try:
        money = money_named(t.unit)
    except KeyError:  # a count's total (no money unit): no words
        return None
    said = dong_words(t.computed, money.exponent)
    return None if said is None else said[0]


def overall(rows: Sequence[DocSummary], skipped: int, lang: str = "vi") -> Overall:
    by_status = {s: sum(1 for r in rows if r.status is s) for s in Status}
    totals: dict[str, UnitTotal] = {}
    for r in rows:
        if r.status in (Status.OK, Status.INCOMPLETE, Status.ERRORS) and (
            r.stated is not None or r.computed is not None
        ):
            t = totals.get(r.unit) or UnitTotal(r.unit, 0, Decimal(0), Decimal(0), 0)
            totals[r.unit] = UnitTotal(
                r.unit,
                t.documents + 1,
                t.stated if r.stated is None else EXACT.add(t.stated, r.stated),
                t.computed if r.computed is None else EXACT.add(t.computed, r.computed),
                t.stating + (r.stated is not None),
            )
    worst = max((r.status for r in rows), key=_ORDER.index, default=None)
    return Overall(
        len(rows),
        by_status,
        sum(r.lines for r in rows),
        sum(r.errors for r in rows),
        sum(r.warnings for r in rows),
        tuple(replace(t, words=_in_words(t)) for t in totals.values()),
        skipped,
        worst,
        sum(len(r.targets) for r in rows),
        lang,
    )


# --- what a batch run hands its writers ---------------------------------------------------------


@dataclass(frozen=True)
class Skipped:
    path: str
    reason: str


@dataclass(frozen=True)
class Outcome:
    summary: DocSummary
    text: str | None = None  # the document's part of the text or JSON output
    sheet: DocSheet | None = None


@dataclass(frozen=True)
class Done:
    """A finished run, for the outputs written after it (the HTML and PDF reports)."""

    rows: list[DocSummary]
    skipped: list[Skipped]
    total: Overall
