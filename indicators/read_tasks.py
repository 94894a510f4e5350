"""A filled task register (sheet ``Nhiệm vụ`` of ``indicators tasks --xlsx``) → its tasks with
their status, and the review at a month or a day: overdue tasks (due before it, not
``Hoàn thành``) are findings, and the summary counts done, due, overdue, not yet due, recurring
and undated tasks. A cell that cannot be read (a date that is no date, an unknown status) is a
finding at its cell, never a crash; such a task is not judged.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from budget.findings import Finding, InputError, Severity
from budget.read.text import read_bytes
from budget.source import Source
from budget.text import excerpt, fold
from indicators.tasks import DONE, SHEET, STATUSES, Due, day, read_deadline

_AS_OF = re.compile(r"((?:19|20)[0-9]{2})-([0-9]{2})(?:-([0-9]{2}))?")


@dataclass(frozen=True)
class AsOf:
    """The review's time: a month (``2025-10``) or a day (``2025-10-15``)."""

    when: date
    month_only: bool

    def __str__(self) -> str:
        return f"{self.when.month:02d}/{self.when.year}" if self.month_only else day(self.when)


def as_of(text: str) -> AsOf | None:
    m = _AS_OF.fullmatch(text.strip())
    if m is None:
        return None
    try:
        return AsOf(date(int(m[1]), int(m[2]), int(m[3] or 1)), m[3] is None)
    except ValueError:
        return None


@dataclass(frozen=True)
class Entry:
    """One task of the register as the officer left it."""

    number: str
    task: str
    due: date | None
    kind: Due
    status: str | None  # one of STATUSES; None when the cell could not be read
    done_on: date | None
    source: Source  # the status cell
    readable: bool = True  # False when a cell of it was refused: it is not judged


@dataclass(frozen=True)
class Review:
    entries: tuple[Entry, ...]
    findings: tuple[Finding, ...]
    summary: dict[str, int] = field(default_factory=dict)
    as_of: AsOf | None = None

    @property
    def failing(self) -> bool:
        return any(f.is_error for f in self.findings)


_STATUS = {fold(s): s for s in STATUSES}


def _when(value: Any) -> date | str | None:
    """A cell as a date; its text when it is no date; None when empty."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    d = read_deadline(text)
    return d.due if d.kind is Due.DATE and d.due is not None else text


def read_register(path: Path, name: str | None = None) -> tuple[list[Entry], list[Finding]]:
    """The tasks of a register; ``InputError`` when it is no register at all. Read as every
    workbook is (``budget.read.xlsx_io``): the zip, XML and declared sizes checked first (a
    merged range over the whole sheet once took openpyxl minutes), stored values exact."""
    from budget.read.xlsx_io import guard, load_exact  # lazy-import point: budget.lazy_imports

    shown = name or str(path)
    read_bytes(path, shown)
    guard(path, shown)  # what no workbook may be: an input error of its own (exit 2)
    try:
        _, wb = load_exact(path, shown)
    except InputError as e:
        if e.code != "XLSX_BROKEN":
            raise
        raise InputError(Source(shown), "TASK_REGISTER_NO_HEADER") from e  # a broken zip or XML: no register
    if SHEET not in wb.sheetnames:
        raise InputError(Source(shown), "TASK_REGISTER_NO_HEADER")
    rows = _rows(wb[SHEET])
    top = [row for row in rows if row and row[0].row <= _HEADER_ROWS]  # rows are in order: a prefix of them
    named = ({fold(str(c.value or "")) for c in row} for row in top)
    head = next((k for k, names in enumerate(named) if {"nhiem vu", "trang thai"} <= names), None)
    if head is None:
        raise InputError(Source(shown), "TASK_REGISTER_NO_HEADER")
    cols = {fold(str(c.value or "")).strip(): k for k, c in enumerate(rows[head])}
    need = ("stt", "nhiem vu", "thoi han theo ke hoach", "han hoan thanh", "trang thai", "ngay hoan thanh")
    if any(n not in cols for n in need):
        raise InputError(Source(shown), "TASK_REGISTER_NO_HEADER")
    entries: list[Entry] = []
    findings: list[Finding] = []
    for row in rows[head + 1 :]:

        def cell(name: str, row: Sequence[Any] = row) -> Any:
            k = cols[name]
            return row[k] if k < len(row) else None

        task = str(cell("nhiem vu").value or "").strip()
        if not task:
            continue

        def where(name: str) -> Source:
            c = cell(name)
            return Source(shown, None, None, f"{SHEET}!{c.coordinate}", str(c.value or ""))

        readable = True
        due = _when(cell("han hoan thanh").value)
        kind = Due.DATE
        if isinstance(due, str):
            findings.append(
                Finding(where("han hoan thanh"), "TASK_BAD_DATE", Severity.ERROR, _bad(cell, "han hoan thanh"))
            )
            due, readable = None, False
        elif due is None:  # recurring, or a deadline the plan did not date
            kind = read_deadline(str(cell("thoi han theo ke hoach").value or "")).kind
            kind = kind if kind is Due.RECURRING else Due.UNREAD
        done_on = _when(cell("ngay hoan thanh").value)
        if isinstance(done_on, str):
            findings.append(
                Finding(where("ngay hoan thanh"), "TASK_BAD_DATE", Severity.ERROR, _bad(cell, "ngay hoan thanh"))
            )
            done_on, readable = None, False
        written = str(cell("trang thai").value or "").strip()
        status = _STATUS.get(" ".join(fold(written).split())) if written else STATUSES[0]
        if status is None:
            findings.append(Finding(where("trang thai"), "TASK_BAD_STATUS", Severity.ERROR, {"text": written}))
            readable = False
        number = str(cell("stt").value or "").strip()
        entries.append(Entry(number, task, due, kind, status, done_on, where("trang thai"), readable))
    return entries, findings


_HEADER_ROWS = 10  # the header is looked for in the sheet's first rows


def _rows(ws: Any) -> list[list[Any]]:
    """The rows that hold a cell, each from column A to the last column of the first rows,
    where the header is (empty cells made where none is stored): only rows that exist are
    visited, and no row is widened to a stray cell far out."""
    numbers = sorted({r for r, _c in ws._cells})
    width = max((c for r, c in ws._cells if r <= _HEADER_ROWS), default=0)
    return [[ws.cell(r, c) for c in range(1, width + 1)] for r in numbers]


def _bad(cell: Any, name: str) -> dict[str, object]:
    c = cell(name)
    return {"column": c.coordinate, "text": str(c.value)}


def review(entries: Sequence[Entry], findings: Sequence[Finding], when: AsOf | None) -> Review:
    """Overdue tasks as findings, and the counts of the register at ``when`` (or without a date:
    done and open only)."""
    out = list(findings)
    tally = dict.fromkeys(("total", "done", "due", "overdue", "upcoming", "recurring", "undated", "open"), 0)
    for e in entries:
        tally["total"] += 1
        if not e.readable:
            continue
        if e.status == DONE:
            tally["done"] += 1
            continue
        tally["open"] += 1
        if e.kind is Due.RECURRING:
            tally["recurring"] += 1
        elif e.due is None:
            tally["undated"] += 1
        elif when is not None:
            passed = e.due < (when.when.replace(day=1) if when.month_only else when.when)
            if passed:
                tally["overdue"] += 1
                args = {"number": e.number or "—", "task": excerpt(e.task, 80), "due": day(e.due),
                        "as_of": str(when), "status": e.status}  # fmt: skip
                out.append(Finding(e.source, "TASK_OVERDUE", Severity.ERROR, args))
            elif (e.due.year, e.due.month) == (when.when.year, when.when.month):
                tally["due"] += 1
            else:
                tally["upcoming"] += 1
    return Review(tuple(entries), tuple(out), tally, when)
