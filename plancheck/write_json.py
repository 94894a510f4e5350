"""Projection → JSON document (decimals as strings). Lays out; computes nothing."""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from decimal import Decimal
from typing import Any

from budget.api import Report
from budget.evaluate import LineResult, Result, SectionResult
from budget.model import Quantity
from budget.numbers import plain
from indicators.extract import Extracted
from indicators.write_targets import to_dicts
from plancheck.projection import Projection, Row, ShownFinding, Status, project


def _dec(v: Decimal | None) -> str | None:
    return None if v is None else plain(v)


_ESC = json.encoder.encode_basestring  # the C encoder of ``json`` (``ensure_ascii=False``)


_NULL = "null"


class _Encoded:
    """A list of the document whose items are JSON text already: a large plan's lines and
    findings are laid out as text directly (``json``'s encoder then costs several times the
    check's own arithmetic), each figure formatted once, each unit's text encoded once."""

    def __init__(self, items: Iterable[str]):
        self.items = items

    def __iter__(self) -> Iterator[str]:
        return iter(self.items)


class _Lines:
    """The JSON text of cost lines, with the encoded texts they share (units, sections)."""

    def __init__(self) -> None:
        self.texts: dict[str | None, str] = {None: _NULL}
        self.units: dict[tuple[str, str | None], str] = {}  # unit and money unit, as laid out

    def _text(self, v: str | None) -> str:
        out = self.texts.get(v)
        if out is None:
            out = self.texts[v] = _ESC(v)  # type: ignore[arg-type]
        return out

    def _quantity(self, q: Quantity) -> str:
        _, line, col, cell, _, _, _ = q.source  # a NamedTuple: one unpacking, not five lookups
        money = q.money
        key = (q.unit_text, None if money is None else money.name)
        units = self.units.get(key)
        if units is None:
            units = self.units[key] = f'"unit": {_ESC(key[0])}, "money_unit": {self._text(key[1])}'
        value = str(q.value)  # ``plain``, inlined: one call fewer for each of a plan's figures
        if "E" in value or "." in value:
            value = plain(q.value)
        return (
            f'{{"value": "{value}", "text": {_ESC(q.text)}, {units},'
            f' "line": {_NULL if line is None else line}, "column": {_NULL if col is None else col},'
            f' "cell": {_NULL if cell is None else _ESC(cell)}}}'
        )

    def line(self, r: LineResult, section: str | None, status: Status, beside: bool = False) -> str:
        line = r.line
        quantity = self._quantity
        text = self._text
        steps_of = r.steps
        all_factors = line.factors
        if len(steps_of) == 1:  # most lines: one step, whose factors are the line's
            s = steps_of[0]
            factors = ", ".join([quantity(f) for f in all_factors])
            computed = plain(s.computed)
            ok = _BOOL[s.ok]  # the line's too: its one step
            steps = (
                f'{{"factors": [{factors}], "stated": {quantity(s.step.stated)}, "computed": "{computed}", "ok": {ok}}}'
            )
        else:
            shown = [quantity(f) for f in all_factors]
            factors = ", ".join(shown)
            by_id = dict(zip(map(id, all_factors), shown, strict=True))  # each factor laid out once
            steps = ", ".join(
                [
                    f'{{"factors": [{", ".join([by_id.get(id(f)) or quantity(f) for f in s.step.factors])}],'
                    f' "stated": {quantity(s.step.stated)}, "computed": "{plain(s.computed)}",'
                    f' "ok": {_BOOL[s.ok]}}}'
                    for s in steps_of
                ]
            )
            computed = plain(r.computed)
            ok = _BOOL[r.ok]
        stated = line.stated
        source_line = line.source.line
        notes = line.notes
        end = ', "beside": true}' if beside else "}"
        texts = self.texts.get  # a shared text is encoded once (``_text``): "" and None are too
        return (
            f'{{"line": {_NULL if source_line is None else source_line},'
            f' "section": {texts(section) or text(section)},'
            f' "number": {texts(line.number) or text(line.number)}, "label": {_ESC(line.label)},'
            f' "prefix": {texts(line.prefix) or text(line.prefix)}, "factors": [{factors}],'
            f' "steps": [{steps}], "stated": {{"value": "{plain(stated.value)}",'
            f' "unit": {texts(stated.unit_text) or text(stated.unit_text)}}}, "computed": "{computed}",'
            f' "ok": {ok}, "status": "{_STATUS[status]}",'
            f' "notes": [{", ".join([_ESC(n) for n in notes]) if notes else ""}],'
            f' "tail": {texts(line.tail) or text(line.tail)}, "text": {_ESC(line.source.text)}{end}'
        )


_BOOL = {True: "true", False: "false"}
_STATUS = {s: s.value for s in Status}  # an enum's ``.value`` is a descriptor call


def _ref(r: Result) -> dict[str, Any]:
    if isinstance(r, LineResult):
        return {"kind": "line", "line": r.line.source.line}
    return {"kind": "section", "number": r.section.number}


def _refs(items: tuple[Result, ...]) -> str:
    """``[_ref(c) for c in items]`` as JSON text: a section of a large plan lists thousands of
    lines, each a small dict the encoder would otherwise walk."""
    out = []
    for r in items:
        if isinstance(r, LineResult):
            line = r.line.source.line
            out.append(f'{{"kind": "line", "line": {_NULL if line is None else line}}}')
        else:
            out.append(f'{{"kind": "section", "number": {_ESC(r.section.number)}}}')
    return ", ".join(out)


def _section(r: SectionResult, parent: str | None, row: Row) -> str:
    """A section as JSON text: its fields encoded as a dict, then its children laid out as text."""
    s = r.section
    head = _ENCODE(
        {
            "number": s.number,
            "title": s.title,
            "line": s.source.line,
            "parent": parent,
            "stated": _dec(r.stated),
            "unit": r.money.name,
            "children_sum": _dec(r.children_sum),
            "recomputed": _dec(row.recomputed),
            "ok": r.ok,
            "status": row.status.value,
            "alternatives": s.alternatives,
        }
    )
    return f'{head[:-1]}, "children": [{_refs(r.children)}]}}'


def _figure(value: Decimal | None) -> str:
    return _NULL if value is None else f'"{plain(value)}"'


def _finding(sf: ShownFinding) -> str:
    """A finding with the texts the projection rendered (in the language of the output): the
    text ``_ENCODE(finding_to_json(f, message, cause))`` gives (a test holds them equal), laid
    out directly with the places the projection wrote once (a large plan has thousands)."""
    f = sf.finding
    _, line, col, cell, _, _, _ = f.source
    cause = f.cause
    if cause is None:
        said = _NULL
    else:
        at = cause.source
        where = _NULL if at is None else _ESC(sf.cause_location)
        at_line = _NULL if at is None or at.line is None else at.line
        said = f'{{"code": {_ESC(cause.code)}, "message": {_ESC(sf.cause)}, "location": {where}, "line": {at_line}}}'
    expected, actual, unit = f.expected, f.actual, f.unit
    difference = f.difference
    return (
        f'{{"code": {_ESC(f.code)}, "severity": "{sf.severity}", "file": {_ESC(f.source.file)},'
        f' "line": {_NULL if line is None else line}, "column": {_NULL if col is None else col},'
        f' "cell": {_NULL if cell is None else _ESC(cell)}, "location": {_ESC(sf.location)},'
        f' "expected": {_figure(expected)}, "actual": {_figure(actual)}, "difference": {_figure(difference)},'
        f' "unit": {_NULL if unit is None else _ESC(unit)}, "message": {_ESC(sf.message)}, "cause": {said}}}'
    )


def projection_to_dict(p: Projection, report: Report, targets: Sequence[Extracted] = ()) -> dict[str, Any]:
    """The JSON document as a dict of lists (for a batch document and for tests)."""
    return {
        k: [json.loads(item) for item in v] if isinstance(v, _Encoded) else v
        for k, v in _document(p, report, targets).items()
    }


def _document(p: Projection, report: Report, targets: Sequence[Extracted] = ()) -> dict[str, Any]:
    """The JSON document with its long lists (lines, findings) as iterators: each item is
    laid out when it is written, so a large plan's document is never whole in memory."""
    ev = report.evaluation
    plan = report.plan
    lines: list[tuple[LineResult, str | None, Row]] = []
    sections: list[str] = []
    rows = iter(p.rows[1:])  # the same walk order as the projection's rows

    def visit(items: tuple[Result, ...], parent: str | None) -> None:
        for r in items:
            row = next(rows)
            if isinstance(r, LineResult):
                lines.append((r, parent, row))
            else:
                sections.append(_section(r, parent, row))
                visit(r.children, r.section.number)

    visit(ev.items, None)
    laid = _Lines()
    ident = p.identity
    s = p.summary
    total = p.total
    return {
        "file": plan.file,
        "document": {"number": ident.number, "place": ident.place, "date": ident.date, "title": ident.title},
        "budget_found": plan.has_budget,
        "heading": None  # the chapter the report names (the projection's), not a bullet holding the budget
        if plan.heading is None or not ident.heading
        else {"number": plan.heading.number, "title": plan.heading.title, "line": plan.heading.source.line},
        "verdict": {"kind": p.verdict.kind.value, "headline": p.verdict.headline, "text": p.verdict.text},
        "lines": _Encoded(
            itertools.chain(
                (laid.line(r, parent, row.status) for r, parent, row in lines),
                (laid.line(r, None, row.status, beside=True) for r, row in p.side),
            )
        ),
        "sections": _Encoded(sections),
        "total": {
            "stated": _dec(ev.total.stated),
            "sum": _dec(ev.total.children_sum),
            "recomputed": _dec(total.recomputed),
            "unit": ev.total.money.name,
            "ok": ev.total.ok,
            "status": total.status.value,
            "line": None if plan.total is None else plan.total.source.line,
            "children": [_ref(c) for c in ev.items],
            "in_words": p.total_words,
        },
        "sums": [
            {
                "kind": c.kind,
                "label": c.label,
                "number": c.number,
                "line": c.line,
                "location": c.location,
                "stated": plain(c.stated),
                "computed": plain(c.computed),
                "difference": plain(c.difference),
                "unit": c.unit,
                "ok": c.ok,
                "within_rounding": c.within_rounding,
            }
            for c in p.sums
        ],
        "findings": _Encoded(_finding(sf) for sf in p.findings),
        "targets": to_dicts(list(targets)),
        "summary": {
            "lines": s.lines,
            "sections": s.sections,
            "error": s.errors,
            "warning": s.warnings,
            "info": s.notes,
            "amounts_found": s.amounts_found,
            "amounts_checked": s.amounts_checked,
            "unread": s.unread,
        },
    }


def report_to_dict(
    report: Report, targets: Sequence[Extracted] = (), lang: str = "vi", projection: Projection | None = None
) -> dict[str, Any]:
    return projection_to_dict(projection or project(report, targets, lang), report, targets)


def write_json(
    report: Report, targets: Sequence[Extracted] = (), lang: str = "vi", projection: Projection | None = None
) -> str:
    out: list[str] = []
    write_json_to(out.append, report, targets, lang, projection)
    return "".join(out)


def write_json_to(
    write: Callable[[str], object],
    report: Report,
    targets: Sequence[Extracted] = (),
    lang: str = "vi",
    projection: Projection | None = None,
) -> None:
    """``write_json``'s text, handed to ``write`` piece by piece as it is laid out."""
    p = projection or project(report, targets, lang)
    stream(_document(p, report, targets), write)


_ENCODE = json.JSONEncoder(ensure_ascii=False).encode


def layout(doc: dict[str, Any]) -> str:
    out: list[str] = []
    stream(doc, out.append)
    return "".join(out)


def stream(doc: dict[str, Any], write: Callable[[str], object]) -> None:
    """Each top-level key on its own line and each list item on its own line, every item encoded
    by the C encoder: ``indent=`` makes ``json`` fall back to its pure-Python encoder, about four
    times slower on a 100.000-line plan, for output that machines read anyway. A list may be an
    iterator, or items already encoded: its items are written one at a time."""
    write("{\n")
    last = len(doc) - 1
    for i, (key, value) in enumerate(doc.items()):
        comma = ",\n" if i < last else "\n"
        encoded = isinstance(value, _Encoded)
        items = iter(value) if encoded or isinstance(value, list | Iterator) else None
        first = next(items, _NONE) if items is not None else _NONE
        if first is _NONE:
            write(f"  {_ENCODE(key)}: {_ENCODE([] if items is not None else value)}{comma}")
            continue
        assert items is not None
        encode: Callable[[Any], str] = str if encoded else _ENCODE  # ``str`` of a text is that text
        write(f"  {_ENCODE(key)}: [\n    {encode(first)}")
        while chunk := list(itertools.islice(items, _CHUNK)):  # fewer, larger writes
            write(",\n    " + ",\n    ".join(map(encode, chunk)))
        write(f"\n  ]{comma}")
    write("}")


_NONE = object()
_CHUNK = 256  # items of a list written at once
