"""A plan's tasks (nhiệm vụ): what is to be done, by which agency, by when.

Read from two places of a plan's lines. Annex tables (``STT | Nội dung công việc | Cơ quan chủ
trì | Cơ quan phối hợp | Thời gian thực hiện``), found by the budget's table finder with a header
test of our own; and prose, where a heading names the task and the lines under it say who leads
it, who helps and when (``- Đơn vị chủ trì: …``, ``- Thời gian thực hiện: Từ tháng 01/2021 đến
tháng 12/2025.``), or one sentence says it all (``…; thời gian thực hiện: Quý II/2025``).

A deadline is read whole or not at all: a day, a month (its last day), a quarter (its last day),
a year (31 December), a span (its end), or recurring (``thường xuyên``, ``hằng năm``, ``trong
suốt quá trình thực hiện``: no single due date). Anything else keeps its text and is unread,
a finding, never a guessed date.
"""

from __future__ import annotations

import calendar
import enum
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from budget.findings import Finding, Severity
from budget.read.text import RawLine
from budget.source import Source
from budget.tables.find import find_tables
from budget.tables.records import Cell, TableBlock
from budget.text import fold


class Due(enum.StrEnum):
    DATE = "date"  # ngày 30/6/2025
    MONTH = "month"  # tháng 10/2025 → 31/10/2025
    QUARTER = "quarter"  # Quý II/2025 → 30/6/2025
    YEAR = "year"  # năm 2026 → 31/12/2026
    RECURRING = "recurring"  # thường xuyên, hằng năm: no single due date
    UNREAD = "unread"  # words that name no date (``Theo lộ trình …``)


@dataclass(frozen=True)
class Deadline:
    text: str  # as written
    kind: Due
    due: date | None = None  # the last day it allows; None when recurring or unread


@dataclass(frozen=True)
class Task:
    number: str  # ``I.1``, ``2.1``, ``1.2.2.2 a)``
    text: str
    lead: str  # agency in charge (chủ trì)
    partners: str  # agencies cooperating (phối hợp)
    deadline: Deadline
    source: Source  # the line naming the task
    product: str = ""  # sản phẩm, when the table has the column


# The register officers fill: its sheet and the statuses they choose from.
SHEET = "Nhiệm vụ"
STATUSES = ("Chưa thực hiện", "Đang thực hiện", "Hoàn thành")
DONE = STATUSES[2]


def day(d: date) -> str:
    """``31/05/2025``: a due date as officers write it."""
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


# --- deadlines ------------------------------------------------------------------------------

_ROMAN_QUARTER = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_RECURRING = re.compile(
    r"(?:thuong xuyen|lien tuc|hang (?:nam|quy|thang|tuan)|dinh ky(?: hang (?:nam|quy|thang))?"
    r"|(?:trong suot |suot |trong )?(?:qua trinh|thoi gian|giai doan) thuc hien(?: (?:de an|ke hoach|chuong trinh))?)"
)
_LEAD_WORDS = ("thuc hien", "tien hanh", "hoan thanh", "trinh", "truoc", "trong", "vao", "cham nhat la", "cham nhat")
_Y = r"((?:19|20)[0-9]{2})"
_DAY = re.compile(
    rf"(?:ngay )?([0-9]{{1,2}})[/.-]([0-9]{{1,2}})[/.-]{_Y}|ngay ([0-9]{{1,2}}) thang ([0-9]{{1,2}}) nam {_Y}"
)
_MONTH = re.compile(r"(?:thang )?([0-9]{1,2})[/.-]((?:19|20)[0-9]{2})|thang ([0-9]{1,2}) nam ((?:19|20)[0-9]{2})")
_QUARTER = re.compile(r"quy (iv|i{1,3}|[1-4]) ?(?:[/-] ?|nam )((?:19|20)[0-9]{2})")
_YEAR = re.compile(r"(?:nam )?((?:19|20)[0-9]{2})")
_SPAN = re.compile(r"(?:tu )?(?P<a>.+?) ?(?: den | toi |[-–—] ?)(?P<b>.+)")
_ONGOING = re.compile(r"tu (?P<a>.+?),? (?:va )?(?:trong suot|trong) qua trinh thuc hien(?: .*)?")


def _last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _point(t: str) -> tuple[Due, date] | None:
    """One point in time, the whole of ``t`` (folded): its kind and the last day it allows."""
    try:
        if m := _DAY.fullmatch(t):
            d, mo, y = (int(x) for x in (m.groups()[:3] if m.group(1) else m.groups()[3:]))
            return Due.DATE, date(y, mo, d)
        if m := _MONTH.fullmatch(t):
            mo, y = (int(x) for x in (m.groups()[:2] if m.group(1) else m.groups()[2:]))
            return Due.MONTH, _last_day(y, mo)
    except ValueError:  # 31/2/2025, tháng 13: no such day
        return None
    if m := _QUARTER.fullmatch(t):
        q = _ROMAN_QUARTER[m.group(1)]
        return Due.QUARTER, _last_day(int(m.group(2)), 3 * q)
    if m := _YEAR.fullmatch(t):
        return Due.YEAR, date(int(m.group(1)), 12, 31)
    return None


def read_deadline(text: str) -> Deadline:
    """The deadline ``text`` states, read whole; ``Due.UNREAD`` when any of it names no date."""
    t = " ".join(fold(text).replace("*", " ").split()).strip(" .;,")
    changed = True
    while changed:
        changed = False
        for word in _LEAD_WORDS:
            if t.startswith(word + " "):
                t, changed = t[len(word) + 1 :], True
    if _RECURRING.fullmatch(t):
        return Deadline(text, Due.RECURRING)
    if (m := _ONGOING.fullmatch(t)) and _point(m["a"].removeprefix("thang ").removeprefix("nam ")) is not None:
        return Deadline(text, Due.RECURRING)  # from a month on, for as long as the plan runs
    point = _point(t)
    if point is None and (m := _SPAN.fullmatch(t)):
        start, end = _point(m["a"]), _point(m["b"])
        if start is not None and end is not None and start[1] <= end[1]:
            point = end
    if point is None:
        return Deadline(text, Due.UNREAD)
    return Deadline(text, point[0], point[1])


# --- annex tables -----------------------------------------------------------------------------

# Each column of a task table and the folded words its header starts with (first role wins).
_COLUMNS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("number", ("stt", "tt", "so tt", "so thu tu")),
    ("task", ("noi dung", "nhiem vu", "ten nhiem vu", "cong viec", "hoat dong", "ten de an", "de an")),
    ("lead", ("co quan chu tri", "don vi chu tri", "chu tri", "don vi chiu trach nhiem", "co quan thuc hien")),
    ("partners", ("co quan phoi hop", "don vi phoi hop", "phoi hop")),
    ("deadline", ("thoi gian", "thoi han", "tien do", "han hoan thanh", "han")),
    ("product", ("san pham", "ket qua du kien", "ket qua")),
    ("other", ("cap trinh", "cap phe duyet", "ghi chu", "kinh phi", "nguon kinh phi")),
)


def column_role(text: str) -> str | None:
    t = " ".join(fold(text).split()).strip(" .:")
    for role, starts in _COLUMNS:
        if any(t == s or t.startswith(s + " ") for s in starts):
            return role
    return None


def is_task_header(cells: Sequence[Cell]) -> bool:
    """A header of a task table: every cell a column of one, led by the row numbers, with the
    task and its time among them."""
    roles = [column_role(c.text) for c in cells if c.text]
    return len(roles) >= 3 and roles[0] == "number" and None not in roles and {"task", "deadline"} <= set(roles)


def _text(cells: Sequence[Cell], at: int | None) -> str:
    return " ".join(cells[at].text.split()) if at is not None and at < len(cells) else ""


def _table_tasks(block: TableBlock) -> list[Task]:
    head = max(k for k, r in enumerate(block.rows) if r.header)
    roles = [column_role(c.text) for c in block.rows[head].cells]
    col = {
        role: roles.index(role)
        for role in ("number", "task", "lead", "partners", "deadline", "product")
        if role in roles
    }
    tasks: list[Task] = []
    group = ""
    for row in block.rows[head + 1 :]:
        cells = row.cells
        number = _text(cells, col.get("number")).rstrip(".")
        text = _text(cells, col.get("task"))
        if not text:
            continue
        lead, partners, when = (_text(cells, col.get(r)) for r in ("lead", "partners", "deadline"))
        if not (lead or partners or when):
            group = number  # ``I | LUẬT``: the rows under it are its tasks
            continue
        where = cells[col["task"]].source
        tasks.append(
            Task(
                f"{group}.{number}" if group and number else number,
                text,
                lead,
                partners,
                read_deadline(when),
                where,
                _text(cells, col.get("product")),
            )
        )
    return tasks


# --- prose ------------------------------------------------------------------------------------


def _field(text: str) -> tuple[str, str] | None:
    """``- Đơn vị chủ trì: Sở Tài chính`` → (label, value): a bullet, a label of 2 to 40
    characters (no ``*`` or ``:``), a colon. Cut by hand at the first colon: the pattern it
    replaces let the spaces around the label be taken in many ways (a line of 400 spaces
    took a minute)."""
    t = text.strip()
    if not t or t[0] not in "-+•":
        return None
    colon = t.find(":", 1, 1 + 48)
    if colon < 0:
        return None
    label = t[1:colon].strip().strip("*").strip()
    if not 2 <= len(label) <= 40 or "*" in label:
        return None
    return label, t[colon + 1 :].strip().strip("*").strip()


_LEAD_LABELS = frozenset(
    {"chu tri", "don vi chu tri", "co quan chu tri", "don vi chiu trach nhiem", "co quan chiu trach nhiem",
     "chiu trach nhiem", "chiu trach nhiem noi dung"}
)  # fmt: skip
_PARTNER_LABELS = frozenset({"phoi hop", "don vi phoi hop", "co quan phoi hop"})
_DEADLINE_LABELS = frozenset(
    {"thoi gian", "thoi gian thuc hien", "thoi gian hoan thanh", "thoi han", "thoi han hoan thanh", "tien do",
     "tien do thuc hien"}
)  # fmt: skip
_HEADING = re.compile(r"\s*(?P<n>(?:[0-9]{1,2}\.)+(?:[0-9]{1,2}\.?)?|[a-zđ]\)|[IVX]{1,4}\.)\s+(?P<text>\S.*)")
# a deadline closing a sentence: ``…; thời gian thực hiện: Quý II/2025``, ``… hoàn thành trước ngày 30/6/2025``
# (the value ends on a letter or figure and what follows it to the end is spaces and stops: one
# way only to cut it, where a lazy value before optional spaces and stops had many)
_CLAUSE = re.compile(
    r"[,;.]?\s*(?:(?:thoi gian (?:thuc hien|hoan thanh)|thoi han(?: hoan thanh)?)\s*:\s*(?P<value>[^;:]*[^;:\s.])"
    r"|(?P<done>hoan thanh (?:truoc|trong|cham nhat|vao) (?:ngay|thang|quy|nam) [^;:]*[^;:\s.]))[\s.;]*$"
)
_VERBS = (
    "de|tham muu|xay dung|to chuc|trien khai|ra soat|nghien cuu|thuc hien|de xuat|huong dan|chi dao|kiem tra|ban hanh"
    "|tong hop|bao cao"
)
# ``Sở X chủ trì, phối hợp với Sở Y xây dựng …``: the agencies before the first verb of the action
_SUBJECT = re.compile(
    rf"(?P<lead>[^,;:()]{{3,80}}?) chu tri\b,?(?: phoi hop voi (?P<partners>[^;:]+?)(?= (?:{_VERBS})\b))?"
)


def _clean(text: str) -> str:
    return " ".join(text.replace("*", " ").split()).strip(" .;:")


def _sentence_task(rl: RawLine, number: str, start: int) -> Task | None:
    """A task said in one sentence closed by its deadline (its words from ``start`` on), or None."""
    text = rl.text
    folded = fold(text)
    m = _CLAUSE.search(folded, start)
    if m is None or len(text[start : m.start()].strip()) < 5:
        return None  # a label alone (``- Thời hạn: …``) is a field, not a sentence
    value = text[m.start("value") : m.end("value")] if m["value"] else text[m.start("done") : m.end("done")]
    lead = partners = ""
    if s := _SUBJECT.match(folded, start, m.start()):
        lead = _clean(text[s.start("lead") : s.end("lead")])
        if s["partners"]:
            partners = _clean(text[s.start("partners") : s.end("partners")])
    return Task(number, _clean(text[start : m.start()]), lead, partners, read_deadline(value), rl.source.at(start + 1))


def _prose_tasks(lines: Sequence[RawLine], skip: set[int]) -> list[Task]:
    tasks: list[Task] = []
    heading: tuple[str, str, Source] | None = None
    outer = ""  # the last numbered heading (``1.2.2.2``), before lettered ones under it
    lead = partners = ""
    for rl in lines:
        if rl.source.line in skip or not rl.text.strip():
            continue
        text = rl.text
        if (f := _field(text)) is not None:
            label = " ".join(fold(f[0]).split())
            value = _clean(f[1])
            if label in _LEAD_LABELS and not lead:
                lead = value
            elif label in _PARTNER_LABELS and not partners:
                partners = value
            elif label in _DEADLINE_LABELS and heading is not None:
                number, name, where = heading
                tasks.append(Task(number, name, lead, partners, read_deadline(value), where))
            if label in _LEAD_LABELS | _PARTNER_LABELS | _DEADLINE_LABELS:
                continue
        if (h := _HEADING.fullmatch(text)) is not None:
            n = h["n"].rstrip(".")
            if n[-1:] == ")" and outer:
                n = f"{outer} {n}"
            elif n[-1:] != ")":
                outer = n
            start = h.start("text")
            heading = (n, _clean(h["text"]), rl.source.at(start + 1))
            lead = partners = ""
            if (task := _sentence_task(rl, n, start)) is not None:
                tasks.append(task)
            continue
        body = len(text) - len(text.lstrip(" -+•*\t"))
        if (task := _sentence_task(rl, "", body)) is not None:
            tasks.append(task)
    return tasks


def tasks_of(lines: Sequence[RawLine]) -> tuple[list[Task], list[Finding]]:
    """The tasks of a plan's lines, in the order written, and a finding for each deadline that
    names no date (and one when the plan names no task at all)."""
    blocks = find_tables(lines, is_task_header)
    inside = {n for b in blocks for n in range(b.first, b.last + 1)}
    tasks = [t for b in blocks for t in _table_tasks(b)] + _prose_tasks(lines, inside)
    tasks.sort(key=lambda t: (t.source.line or 0, t.source.col or 0))
    findings = [
        Finding(
            t.source, "TASK_DEADLINE_UNREAD", Severity.WARNING, {"number": t.number or "—", "text": t.deadline.text}
        )
        for t in tasks
        if t.deadline.kind is Due.UNREAD
    ]
    if not tasks and lines:
        findings.append(Finding(Source(lines[0].source.file), "TASK_NONE_FOUND", Severity.WARNING))
    return tasks, findings
