"""Projection → the readable tree and summary printed by ``budget check``. Lays out only."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from budget.api import Report
from budget.findings import format_finding
from budget.numbers import format_number
from indicators.extract import Extracted
from indicators.write_targets import to_text
from plancheck.projection import Projection, ShownFinding, Status, project

_MARK = {Status.OK: "✓", Status.ERROR: "✗", Status.INNER: "!", Status.STATED: "·", Status.NONE: "·"}
_SUM_MARK = {"ok": "✓", "rounded": "≈", "error": "✗"}
_LABEL = 56


def _num(v: Decimal | None, lang: str) -> str:
    return "—" if v is None else format_number(v, lang)


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _row(label: str, stated: str, computed: str, unit: str, mark: str) -> str:
    return f"{_cut(label, _LABEL):<{_LABEL}} {stated:>12} {computed:>12}  {mark}  {unit}"


def _finding(sf: ShownFinding, lang: str) -> str:
    """The one finding format (``file:line:col: lỗi [CODE] message``, the line, a caret, the cause)."""
    if lang == "vi":
        return format_finding(sf.finding)
    out = [f"{sf.location}: {sf.severity_word} [{sf.code}] {sf.message}"]
    if sf.excerpt:
        out.append("    " + sf.excerpt)
        if sf.caret is not None:
            out.append("    " + " " * sf.caret + "^")
    if sf.cause:
        out.append(f"    → {sf.cause}" + (f" ({sf.cause_location})" if sf.cause_location else ""))
    return "\n".join(out)


def render_text(p: Projection, targets: Sequence[Extracted] = ()) -> str:
    lang = p.lang
    ident = p.identity
    out: list[str] = []
    place = ", ".join(x for x in (ident.number, ident.place, ident.date) if x)
    out.append(p.t("T.file", file=ident.file) + (f"  ({place})" if place else ""))
    if ident.title:
        out.append(ident.title)
    if not p.has_budget:
        out.append(p.t("T.no_budget_side", count=len(p.side)) if p.side else p.t("T.no_budget"))
    else:
        if ident.heading:
            out.append(ident.heading)
        out.append(_row("", p.t("T.stated"), p.t("T.computed"), p.t("T.unit"), " "))
        for r in p.rows:
            pad = "  " * r.depth
            not_stated = p.t("T.not_stated")
            if r.kind == "total":
                label, computed = p.t("T.total"), r.summed
            elif r.kind == "section":
                label = f"{pad}{r.number}. {r.label}" if r.number else f"{pad}{r.label}"
                computed = r.summed
            else:
                where = r.cell if r.cell else p.t("T.line", line=r.line)
                named = f"{r.number}. {r.label}" if r.number else r.label
                label, computed = f"{pad}{where}: {named}", r.recomputed
            stated = _num(r.stated, lang) if r.stated is not None or r.kind == "line" else not_stated
            out.append(_row(label, stated, _num(computed, lang), r.unit, _MARK[r.status]))
    counts = [c for c in p.sums if c.kind == "count"]
    if counts:
        # counts a table states as sums (offices, schools, documents): plain numbers, no unit
        out.append("")
        out.append(p.t("T.counts", count=len(counts)))
        for c in counts:
            out.append(_row(f"  {c.label}", _num(c.stated, lang), _num(c.computed, lang), "", _SUM_MARK[c.status]))
    if targets:
        out.append("")
        out.append(p.t("T.targets", count=len(targets)))
        out.extend("  " + line for line in to_text(list(targets), p.lang).splitlines()[:-1])
    if p.findings:
        out.append("")
        out.extend(_finding(sf, lang) for sf in p.findings)
    s = p.summary
    out.append("")
    summary = p.t("T.summary", lines=s.lines, sections=s.sections)
    if s.amounts_found:
        summary += p.t("T.summary_amounts", found=s.amounts_found, checked=s.amounts_checked)
    if p.total.stated is not None:
        summary += p.t("T.summary_total", total=p.total.stated, unit=p.total.unit)
    out.append(summary + ".")
    out.append(p.verdict.text)
    return "\n".join(out) + "\n"


def write_text(
    report: Report, targets: Sequence[Extracted] = (), lang: str = "vi", projection: Projection | None = None
) -> str:
    """The text output of ``report`` (its projection is made here unless given)."""
    return render_text(projection or project(report, targets, lang), targets)
