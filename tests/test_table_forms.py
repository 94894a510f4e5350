"""One estimate table, seven forms: the same rows, the same verdicts, the wrong amount named.

The issue's acceptance property. A table drawn by ``tests.test_tables._tables`` (columns
in any order and spelling, prices in đồng or nghìn đồng, said in the header or implied,
one amount wrong or none) is written as pipe rows, columns aligned by spaces, one cell per
line, tab-separated text, CSV, a workbook whose header stands on any of rows 1 to 8 under
a merged title, and a real Word table. Each form must give the same rows (label, factors,
stated amount) and the same verdicts, and its only errors must be the wrong row's
``PRODUCT_MISMATCH``, located in that form's own style: ``file:line:col``, ``Sheet!F12``,
``bảng 1, dòng 3``. Tab-separated rows are cut at the file's tabs (the reader keeps where
they were), so a label with spaces stays one cell whatever column it is in.
"""

from __future__ import annotations

import csv
import io
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import docx
import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.utils.cell import get_column_letter

from budget.api import Report, check_file
from budget.findings import Finding, Severity
from budget.model import walk_lines
from budget.numbers import format_vn, read_number
from budget.words import to_words
from tests.test_docx_pdf import _soffice_convert
from tests.test_tables import _LABELS, _TITLE, _aligned_text, _cells, _pipe, _Table, _tables

Where = tuple[int | None, int | None, str | None]  # line, column, cell (or place in a .docx)
_HEADING = _TITLE.strip()
_NUMERIC = frozenset({"number", "quantity", "price", "duration", "amount"})


def _text_form(
    render: Callable[[_Table], tuple[str, list[tuple[int, int]]]], suffix: str = ".txt"
) -> Callable[..., tuple[str, list[Where]]]:
    def form(t: _Table, path: Path, _rnd: random.Random) -> tuple[str, list[Where]]:
        text, where = render(t)
        path.with_suffix(suffix).write_text(text, encoding="utf-8")
        return path.with_suffix(suffix).name, [(line, col, None) for line, col in where]

    return form


def _tabs(t: _Table) -> tuple[str, list[tuple[int, int]]]:
    out = [_HEADING, "", "\t".join(t.titles)]
    amount = t.roles.index("amount")
    where = []
    for row in t.rows:
        where.append((len(out) + 1, len("\t".join(row[:amount])) + (1 if amount else 0) + 1))
        out.append("\t".join(row))
    return "\n".join(out) + "\n", where


def _csv(t: _Table, path: Path, rnd: random.Random) -> tuple[str, list[Where]]:
    delimiter = rnd.choice((",", ";", "\t"))
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\n")
    writer.writerow([_HEADING])
    writer.writerow([])
    writer.writerow(t.titles)
    writer.writerows(t.rows)
    target = path.with_suffix(".csv")
    target.write_text(buf.getvalue(), encoding="utf-8")
    amount = t.roles.index("amount") + 1
    return target.name, [(4 + i, amount, None) for i in range(len(t.rows))]


def _xlsx(t: _Table, path: Path, rnd: random.Random) -> tuple[str, list[Where]]:
    """The header on row 1 to 8, from column A to C; a merged title above it, sometimes the
    unit line; numbers stored as numbers, now and then typed as text."""
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = rnd.choice(("Sheet1", "Dự toán", "DT 2025"))
    top = rnd.randint(1, 8)
    left = rnd.randint(1, 3)
    right = left + len(t.roles) - 1
    if top >= 2:
        ws.cell(row=1, column=left, value=_HEADING)
        ws.merge_cells(start_row=1, start_column=left, end_row=1, end_column=right)
    if top >= 4 and rnd.random() < 0.5:
        ws.cell(row=top - 2, column=right, value="Đơn vị tính: đồng")
    for c, title in enumerate(t.titles):
        ws.cell(row=top, column=left + c, value=title)
    for r, row in enumerate(t.rows, top + 1):
        for c, text in enumerate(row):
            value: object = text
            if t.roles[c] in _NUMERIC and rnd.random() < 0.85:
                value = read_number(text).value
            ws.cell(row=r, column=left + c, value=value)
    target = path.with_suffix(".xlsx")
    wb.save(target)
    column = get_column_letter(left + t.roles.index("amount"))
    return target.name, [(None, None, f"{ws.title}!{column}{top + 1 + i}") for i in range(len(t.rows))]


def _docx(t: _Table, path: Path, _rnd: random.Random) -> tuple[str, list[Where]]:
    document = docx.Document()
    document.add_paragraph(_HEADING)
    table = document.add_table(rows=len(t.rows) + 1, cols=len(t.roles))
    for r, row in enumerate((t.titles, *t.rows)):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    target = path.with_suffix(".docx")
    document.save(str(target))
    return target.name, [(None, None, f"bảng 1, dòng {2 + i}") for i in range(len(t.rows))]


def _bars(t: _Table, path: Path, rnd: random.Random) -> tuple[str, list[Where]]:
    """A Word table as document converters write it: each cell's text between two bar lines,
    over one line or two, bold or not; a row opens and closes with a bar (two bars between
    rows); an empty cell leaves nothing between its bars. A group or total row may be written
    with its empty cells merged (``| I | Chi hội nghị | 2.500.000 |``), as Word's merged cells come out."""
    kinds = t.kinds if isinstance(t, _GroupTable) else ("item",) * len(t.rows)
    out = [_HEADING, ""]
    where: list[Where] = []
    amount = t.roles.index("amount")

    def cell(text: str, bold: bool) -> tuple[int, int]:
        """Writes one cell's text; the line and column of its first character (0, 0 when empty)."""
        if not text:
            return 0, 0
        words = text.split(" ")
        cut = rnd.randint(1, len(words) - 1) if len(words) > 2 and rnd.random() < 0.3 else len(words)
        parts = [" ".join(words[:cut]), " ".join(words[cut:])] if cut < len(words) else [text]
        mark = "**" if bold else "*" if rnd.random() < 0.2 else ""
        at = (len(out) + 1, len(mark) + 1)
        for k, part in enumerate(parts):
            out.append((mark if k == 0 else "") + part + (mark if k == len(parts) - 1 else ""))
        return at

    def row(cells: tuple[str, ...], bold: bool) -> tuple[int, int]:
        out.append("|")
        at = (0, 0)
        for i, text in enumerate(cells):
            spot = cell(text, bold)
            if i == (amount if len(cells) == len(t.roles) else len(cells) - 1):
                at = spot
            out.append("|")
        return at

    row(t.titles, True)
    for cells, kind in zip(t.rows, kinds, strict=True):
        written = [i for i, text in enumerate(cells) if text]
        merged = (
            kind != "item"
            and written
            and written[-1] == amount
            and all(t.roles[i] not in _NUMERIC or i == amount for i in written)
            and rnd.random() < 0.6
        )
        shown = tuple(cells[i] for i in written) if merged else cells
        if merged and kind == "total" and "number" in t.roles and t.roles.index("number") < written[0]:
            shown = ("", *shown) if rnd.random() < 0.5 else shown  # the number cell kept, empty
        line, col = row(shown, kind != "item")
        where.append((line or None, col or None, None))
    target = path.with_suffix(".txt")
    target.write_text("\n".join(out) + "\n", encoding="utf-8")
    return target.name, where


Form = Callable[[_Table, Path, random.Random], tuple[str, list[Where]]]
FORMS: dict[str, Form] = {
    "pipe": _text_form(_pipe),
    "tabs": _text_form(_tabs),
    "aligned": _text_form(_aligned_text),
    "cells": _text_form(_cells),
    "bars": _bars,
    "csv": _csv,
    "xlsx": _xlsx,
    "docx": _docx,
}


def _read_in_every_form(
    tmp_path: Path, table: _Table, forms: dict[str, Form]
) -> Iterator[tuple[str, Report, list[Where], list[bool], list[Finding]]]:
    """Each form of ``table`` written and checked: its lines read as the truth says, with the
    truth's verdicts; (form, report, places, verdicts, error findings) for more checks."""
    truth = [(label, factors, stated) for label, factors, stated, _ok in table.truth]
    verdicts = [ok for *_rest, ok in table.truth]
    rnd = random.Random(len(table.rows) * 7919 + len(table.roles))
    for form, write in forms.items():
        name, where = write(table, tmp_path / form, rnd)
        report = check_file(tmp_path / name, name)
        got = [(x.label, tuple(q.value for q in x.factors), x.stated.value) for x in walk_lines(report.plan.items)]
        assert got == truth, (form, table)
        assert [r.ok for r in report.evaluation.lines()] == verdicts, (form, table)
        yield form, report, where, verdicts, [f for f in report.findings if f.severity is Severity.ERROR]


def _same_in_every_form(tmp_path: Path, table: _Table, forms: dict[str, Form]) -> None:
    for form, _report, where, verdicts, errors in _read_in_every_form(tmp_path, table, forms):
        assert all(f.code == "PRODUCT_MISMATCH" for f in errors), (form, errors)
        wrong = [where[i] for i, ok in enumerate(verdicts) if not ok]
        at = [
            (f.source.line, f.source.col, None) if f.source.cell is None else (None, None, f.source.cell)
            for f in errors
        ]
        assert at == wrong, (form, table, errors)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(_tables())
def test_one_table_seven_forms(tmp_path: Path, table: _Table) -> None:
    _same_in_every_form(tmp_path, table, FORMS)


# --------------------------------------------------------------------------- group rows

# An officer's estimate: group rows (``I``, ``II`` or ``A``, ``B``) above their items, with or
# without their own amount, a ``Cộng``/``Tổng cộng`` row summing the groups, ``Bằng chữ`` under
# the table and the signature row. At most one figure is wrong: an item's amount (its group and
# the total add the amounts as written, as ``=SUM`` does), a group's amount (the total adds the
# groups as written) or the total. Items must add up to their group, groups to the total.

_GROUP_TITLES = ("Chi tổ chức hội nghị", "Chi tài liệu", "Chi khen thưởng", "Chi công tác phí")
_UNITS = ("người", "bộ", "suất", "ngày", "cái")


@dataclass(frozen=True)
class _GroupTable(_Table):
    kinds: tuple[str, ...] = ()  # each row: "group", "item" or "total"
    wrong: int | None = None  # the row whose amount is wrong
    code: str = ""  # the error the wrong row must get
    below: tuple[tuple[str, ...], ...] = ()  # rows under the table: ``Bằng chữ``, signatures
    members: tuple[tuple[int, ...], ...] = ()  # for a group or total row: the rows it adds


@st.composite
def _group_tables(draw: st.DrawFn) -> _GroupTable:
    return _group_table(random.Random(draw(st.integers(0, 2**32))))


def _group_table(rnd: random.Random) -> _GroupTable:
    roles = ["number", "label", "quantity", "price", "amount"]
    titles = [
        rnd.choice(("STT", "TT")),
        "Nội dung",
        rnd.choice(("Số lượng", "SL", "Số lg")),
        rnd.choice(("Đơn giá", "ĐG", "Đ.giá")),
        rnd.choice(("Thành tiền", "TT", "TT (đồng)", "T.tiền")),  # ``TT`` after the factors: Thành tiền
    ]
    if rnd.random() < 0.5:
        roles.insert(2, "unit")
        titles.insert(2, rnd.choice(("ĐVT", "Đơn vị tính")))
    if rnd.random() < 0.4:
        roles.insert(-1, "duration")
        titles.insert(-1, "Số ngày")
    group_amounts = rnd.random() < 0.7
    markers = rnd.choice((("I", "II", "III", "IV"), ("A", "B", "C", "D")))
    count = rnd.randint(2, 3)
    continuing = rnd.random() < 0.3  # items numbered on across groups (1, 2, then 3, 4)
    mistake = rnd.choice((None, "item", "group", "total") if group_amounts else (None, "item", "total"))
    rows: list[dict[str, str]] = []
    kinds: list[str] = []
    members: list[tuple[int, ...]] = []
    truth = []
    item_rows: list[int] = []
    group_rows: list[int] = []
    amounts: dict[int, int] = {}
    wrong_item = rnd.randrange(count) if mistake == "item" else None
    labels = rnd.sample(_LABELS, 9)
    n = 0
    for g in range(count):
        at = len(rows)
        group_rows.append(at)
        rows.append({"number": markers[g], "label": _GROUP_TITLES[g]})
        kinds.append("group")
        members.append(())
        inner = []
        for i in range(rnd.randint(1, 3)):
            qty, price = rnd.randint(1, 80), rnd.randint(1, 90) * 5000
            days = rnd.randint(1, 5) if "duration" in roles else 1
            amount = qty * price * days
            ok = True
            if wrong_item == g and i == 0:
                amount += rnd.choice((-1, 1)) * rnd.randint(1, 9) * 10000
                ok = False
            n += 1
            label = labels.pop()
            if rnd.random() < 0.25:  # how the quantity was counted, a note in the label (right or not)
                people = rnd.choice([d for d in range(1, qty + 1) if qty % d == 0])
                label += f" ({people} người x {qty // people + rnd.choice((0, 0, 1))} ngày)"
            row = {"number": str(n if continuing else i + 1), "label": label, "unit": rnd.choice(_UNITS)}
            row |= {"quantity": str(qty), "price": format_vn(Decimal(price)), "amount": format_vn(Decimal(amount))}
            factors: tuple[Decimal, ...] = (Decimal(qty), Decimal(price))
            if "duration" in roles:
                row["duration"] = str(days)
                factors += (Decimal(days),)
            inner.append(len(rows))
            amounts[len(rows)] = amount
            rows.append(row)
            kinds.append("item")
            members.append(())
            truth.append((label, factors, Decimal(amount), ok))
        item_rows.extend(inner)
        members[at] = tuple(inner)
        amounts[at] = sum(amounts[r] for r in inner)
        if not continuing:
            n = 0
    wrong = None
    code = ""
    if mistake == "item":
        wrong = next(r for r in item_rows if not truth[item_rows.index(r)][3])
        code = "PRODUCT_MISMATCH"
    if mistake == "group":
        wrong = rnd.choice(group_rows)
        amounts[wrong] += rnd.choice((-1, 1)) * rnd.randint(1, 9) * 100000
        code = "SECTION_SUM_MISMATCH"
    total_members = tuple(group_rows) if group_amounts else tuple(item_rows)
    total = sum(amounts[r] for r in total_members)
    if mistake == "total":
        total += rnd.choice((-1, 1)) * rnd.randint(1, 9) * 1000000
        code = "SECTION_SUM_MISMATCH"
    for r in group_rows:
        if group_amounts:
            rows[r]["amount"] = format_vn(Decimal(amounts[r]))
    rows.append({"label": rnd.choice(("Cộng", "Tổng cộng")), "amount": format_vn(Decimal(total))})
    kinds.append("total")
    members.append(total_members)
    if mistake == "total":
        wrong = len(rows) - 1
    words = f"Bằng chữ: {to_words(Decimal(total), 'đồng').capitalize()}./."
    signatures = ("Người lập biểu", "Kế toán", "Thủ trưởng đơn vị")
    cells = tuple(tuple(row.get(role, "") for role in roles) for row in rows)
    return _GroupTable(
        tuple(roles),
        tuple(titles),
        cells,
        tuple(truth),
        tuple(kinds),
        wrong,
        code,
        ((words,), signatures),
        tuple(members),
    )


def _below_text(t: _GroupTable) -> str:
    """``Bằng chữ`` and the signatures under a text table, as a word processor leaves them."""
    words, signatures = t.below
    return "\n" + words[0] + "\n\n" + "          ".join(signatures) + "\n"


def _with_below(form: Callable[..., tuple[str, list[Where]]]) -> Form:
    def write(t: _Table, path: Path, rnd: random.Random) -> tuple[str, list[Where]]:
        assert isinstance(t, _GroupTable)
        name, where = form(t, path, rnd)
        target = path.with_name(name)
        text = target.read_text(encoding="utf-8").rstrip("\n") + "\n"
        if text.endswith("Người lập\n"):  # the one-cell-per-line form's own ending
            text = text[: -len("\nNgười lập\n")]
        target.write_text(text + _below_text(t), encoding="utf-8")
        return name, where

    return write


def _csv_groups(t: _Table, path: Path, rnd: random.Random) -> tuple[str, list[Where]]:
    assert isinstance(t, _GroupTable)
    delimiter = rnd.choice((",", ";", "\t"))
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\n")
    width = len(t.roles)
    writer.writerow([_HEADING] + [""] * (width - 1))
    writer.writerow([""] * (width - 1) + ["Đơn vị tính: đồng"])
    writer.writerow(t.titles)
    writer.writerows(t.rows)
    words, signatures = t.below
    writer.writerow([words[0]] + [""] * (width - 1))
    writer.writerow([""] * width)
    writer.writerow([signatures[0], "", signatures[1], "", signatures[2]])
    target = path.with_suffix(".csv")
    target.write_text(buf.getvalue(), encoding="utf-8")
    amount = t.roles.index("amount") + 1
    return target.name, [(4 + i, amount, None) for i in range(len(t.rows))]


def _xlsx_groups(t: _Table, path: Path, rnd: random.Random) -> tuple[str, list[Where]]:
    """The officer's workbook: group rows ``=SUM`` their items, the total adds the groups
    (``=F5+F9``), items ``=D6*E6``; a wrong figure typed over its formula; ``Bằng chữ`` in a
    merged cell under the table, the signatures two rows below."""
    assert isinstance(t, _GroupTable)
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = rnd.choice(("Dự toán", "Sheet1"))
    width = len(t.roles)
    last = get_column_letter(width)
    ws.cell(row=1, column=1, value=_HEADING)
    ws.merge_cells(f"A1:{last}1")
    ws.cell(row=2, column=width, value="Đơn vị tính: đồng")
    top = 4
    for c, title in enumerate(t.titles, 1):
        ws.cell(row=top, column=c, value=title)
    amount = t.roles.index("amount")
    col = get_column_letter(amount + 1)
    factors = [get_column_letter(i + 1) for i, r in enumerate(t.roles) if r in ("quantity", "price", "duration")]
    first = top + 1
    for r, (row, kind) in enumerate(zip(t.rows, t.kinds, strict=True)):
        at = first + r
        for c, text in enumerate(row):
            if not text:
                continue
            value: object = text
            if t.roles[c] in _NUMERIC and (t.roles[c] != "number" or text.isdigit()):
                value = read_number(text).value
            ws.cell(row=at, column=c + 1, value=value)
        cells = [f"{col}{first + m}" for m in t.members[r]]
        if r == t.wrong or not row[amount]:
            continue  # typed over its formula (``nhập tay``), or no amount of its own
        if kind == "item":
            ws.cell(row=at, column=amount + 1, value="=" + "*".join(f"{f}{at}" for f in factors))
        elif kind == "group":
            ws.cell(row=at, column=amount + 1, value=f"=SUM({cells[0]}:{cells[-1]})")
        else:
            ws.cell(row=at, column=amount + 1, value="=" + "+".join(cells))
    end = first + len(t.rows)
    words, signatures = t.below
    ws.cell(row=end, column=1, value=words[0])
    ws.merge_cells(f"A{end}:{last}{end}")
    for c, name in zip((1, 3, 5), signatures, strict=True):
        ws.cell(row=end + 2, column=c, value=name)
    target = path.with_suffix(".xlsx")
    wb.save(target)
    return target.name, [(None, None, f"{ws.title}!{col}{first + i}") for i in range(len(t.rows))]


def _docx_groups(t: _Table, path: Path, rnd: random.Random) -> tuple[str, list[Where]]:
    assert isinstance(t, _GroupTable)
    name, where = _docx(t, path, rnd)
    document = docx.Document(str(path.with_suffix(".docx")))
    words, signatures = t.below
    document.add_paragraph(words[0])
    table = document.add_table(rows=1, cols=3)  # the signatures: a table without rules
    for c, text in enumerate(signatures):
        table.cell(0, c).text = text
    document.save(str(path.with_suffix(".docx")))
    return name, where


GROUP_FORMS: dict[str, Form] = {
    "pipe": _with_below(_text_form(_pipe)),
    "tabs": _with_below(_text_form(_tabs)),
    "aligned": _with_below(_text_form(_aligned_text)),
    "cells": _with_below(_text_form(_cells)),
    "bars": _with_below(_bars),
    "csv": _csv_groups,
    "xlsx": _xlsx_groups,
    "docx": _docx_groups,
}


def _groups_in_every_form(tmp_path: Path, table: _GroupTable, forms: dict[str, Form]) -> None:
    for form, report, where, _verdicts, errors in _read_in_every_form(tmp_path, table, forms):
        at = [
            (f.code, *((f.source.line, f.source.col, None) if f.source.cell is None else (None, None, f.source.cell)))
            for f in errors
        ]
        if table.wrong is None:
            assert at == [], (form, table, errors)
            unread = [f for f in report.findings if f.code.endswith(("_NOT_CHECKED", "_UNREADABLE"))]
            assert unread == [], (form, table, unread)
        else:
            assert at == [(table.code, *where[table.wrong])], (form, table, errors)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(_group_tables())
def test_group_rows_in_every_form(tmp_path: Path, table: _GroupTable) -> None:
    _groups_in_every_form(tmp_path, table, GROUP_FORMS)


def _pdf_groups(t: _Table, path: Path, rnd: random.Random) -> tuple[str, list[Where]]:
    """The Word form printed by LibreOffice: ruled table rows become ``trang 1, bảng 1, dòng N``."""
    assert isinstance(t, _GroupTable)
    name, _where = _docx_groups(t, path, rnd)
    document = docx.Document(str(path.with_name(name)))
    document.tables[0].style = "Table Grid"  # ruled, as printed estimates are
    document.save(str(path.with_name(name)))
    pdf = _soffice_convert(path.with_name(name), path.parent, "pdf:writer_pdf_Export")
    target = path.with_suffix(".pdf")
    pdf.replace(target)
    return target.name, [(None, None, f"trang 1, bảng 1, dòng {2 + i}") for i in range(len(t.rows))]


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(_group_tables())
def test_group_rows_in_a_printed_pdf(tmp_path: Path, table: _GroupTable) -> None:
    _groups_in_every_form(tmp_path, table, {"pdf": _pdf_groups})


def test_the_money_scale_a_header_names() -> None:
    from budget.tables.columns import scale_in
    from budget.units import DONG, NGHIN, TRIEU, TY

    assert scale_in("Thành tiền (đồng)") == DONG
    assert scale_in("Đơn giá (1.000 đ)") == NGHIN
    assert scale_in("Thành tiền (nghìn đồng)") == NGHIN
    assert scale_in("Kinh phí (triệu đồng)") == TRIEU
    assert scale_in("Thành tiền (tỷ đồng)") == TY
    assert scale_in("Thành tiền (tỷ)") == TY
    assert scale_in("Nội dung") is None


def test_a_table_in_ty_dong_keeps_its_unit(tmp_path: Path) -> None:
    text = (
        "DỰ TOÁN\n\n| STT | Nội dung | ĐVT | Số lượng | Đơn giá (tỷ đồng) | Thành tiền (tỷ đồng) |\n"
        "| 1 | Nước uống | người | 2 | 0,12 | 0,24 |\n| 2 | Bồi dưỡng | người | 2 | 0,05 | 0,10 |\n"
    )
    path = tmp_path / "t.txt"
    path.write_text(text, encoding="utf-8")
    report = check_file(path)
    assert [
        (x.stated.value, x.stated.money.name if x.stated.money else None) for x in walk_lines(report.plan.items)
    ] == [
        (Decimal("0.24"), "tỷ đồng"),
        (Decimal("0.10"), "tỷ đồng"),
    ]
