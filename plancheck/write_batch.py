"""A batch run as text and as JSON: each document's own report in input order, then the
consolidated summary. Lays out what ``batch_view`` decided; computes nothing.

Both are written document by document as the run goes (in input order), so nothing the
size of the whole run is built; each document's JSON is encoded once, in its worker
process, by the C encoder (no indent).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TextIO

from budget import messages
from budget.api import Report
from budget.numbers import format_number, plain
from plancheck.batch_view import DocSummary, Overall, Status, counts_words
from plancheck.write_json import report_to_dict
from plancheck.write_text import write_text

if TYPE_CHECKING:
    from indicators.extract import Extracted
    from plancheck.batch_view import Outcome, Skipped
    from plancheck.projection import Projection

RULE = "─" * 100


def document_text(
    report: Report, targets: Sequence[Extracted] = (), lang: str = "vi", projection: Projection | None = None
) -> str:
    """A document's part of the text output: exactly what ``budget check`` prints for it alone."""
    return write_text(report, targets, lang, projection)


def error_text(s: DocSummary) -> str:
    """A document that could not be checked, in the run's language."""
    said = messages.render(
        "BATCH.internal" if s.status is Status.BUG else "BATCH.unreadable", {"reason": s.reason}, s.lang
    )
    return messages.render("T.file", {"file": s.file}, s.lang) + "\n" + said + "\n"


def _dec(v: Decimal | None) -> str | None:
    return None if v is None else plain(v)


def summary_dict(s: DocSummary) -> dict[str, Any]:
    return {
        "index": s.index,
        "file": s.file,
        "status": s.status.value,
        "verdict": s.verdict,
        "number": s.number,
        "date": s.date,
        "title": s.title,
        "lines": s.lines,
        "sections": s.sections,
        "errors": s.errors,
        "warnings": s.warnings,
        "notes": s.notes,
        "total_stated": _dec(s.stated),
        "total_computed": _dec(s.computed),
        "difference": _dec(s.difference),
        "unit": s.unit or None,
        "reason": s.reason,
        "targets": len(s.targets),
    }


def document_json(
    s: DocSummary,
    report: Report,
    targets: Sequence[Extracted] = (),
    lang: str = "vi",
    projection: Projection | None = None,
) -> str:
    doc = {"summary": summary_dict(s), "report": report_to_dict(report, targets, lang, projection)}
    return json.dumps(doc, ensure_ascii=False)


def error_json(s: DocSummary) -> dict[str, Any]:
    return {"summary": summary_dict(s), "report": None}


def overall_dict(total: Overall) -> dict[str, Any]:
    return {
        "documents": total.documents,
        "by_status": {s.value: n for s, n in total.by_status.items()},
        "lines": total.lines,
        "errors": total.errors,
        "warnings": total.warnings,
        "totals": [
            {
                "unit": t.unit,
                "documents": t.documents,
                "computed": plain(t.computed),
                "stated": plain(t.stated),
                "stating_documents": t.stating,
            }
            for t in total.totals
        ],
        "skipped": total.skipped,
        "targets": total.targets,
        "exit_code": total.exit_code,
    }


class JsonSink:
    """``{"documents": [...], "skipped": [...], "summary": {...}}``, one document per line,
    each written as soon as it is in (its JSON was encoded in its worker)."""

    def __init__(self, stream: TextIO):
        self.stream = stream
        self.count = 0

    def document(self, o: Outcome) -> None:
        self.stream.write(('{"documents": [\n' if self.count == 0 else ",\n") + (o.text or "null"))
        self.count += 1

    def finish(self, rows: Sequence[DocSummary], skipped: Sequence[Skipped], total: Overall) -> None:
        w = self.stream.write
        if self.count == 0:
            w('{"documents": [')
        w('\n],\n"skipped": ')
        w(json.dumps([{"path": s.path, "reason": s.reason} for s in skipped], ensure_ascii=False))
        w(',\n"summary": ')
        w(json.dumps(overall_dict(total), ensure_ascii=False))
        w("\n}\n")


class TextSink:
    """Each document as ``budget check`` prints it alone, separated by a rule; then the summary."""

    def __init__(self, stream: TextIO, lang: str = "vi"):
        self.stream = stream
        self.lang = lang

    def document(self, o: Outcome) -> None:
        self.stream.write((o.text or error_text(o.summary)) + "\n" + RULE + "\n\n")

    def finish(self, rows: Sequence[DocSummary], skipped: Sequence[Skipped], total: Overall) -> None:
        self.stream.write("\n".join(summary_lines(rows, skipped, total, self.lang)) + "\n")


def _num(v: Decimal | None, lang: str) -> str:
    return "—" if v is None else format_number(v, lang)


def _tail(text: str, width: int) -> str:
    """The end of a path is what tells two documents apart."""
    return text if len(text) <= width else "…" + text[-(width - 1) :]


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


_FILE, _IDENT = 34, 26


def _table_row(cells: tuple[str, ...]) -> str:
    no, file, ident, lines, sections, errors, warnings, targets, stated, computed, unit, verdict = cells
    return (
        f"{no:>4}  {file:<{_FILE}}  {ident:<{_IDENT}} {lines:>6} {sections:>5} {errors:>5} {warnings:>7}"
        f" {targets:>7} {stated:>14} {computed:>14}  {unit:<11} {verdict}"
    ).rstrip()


_HEAD = ("index", "file", "ident", "lines", "sections", "errors", "warnings", "targets", "stated", "computed", "unit",
         "verdict")  # fmt: skip


def summary_lines(
    rows: Sequence[DocSummary], skipped: Sequence[Skipped], total: Overall, lang: str = "vi"
) -> list[str]:
    """The consolidated summary under the documents' reports, in ``lang``."""

    def t(key: str, **args: object) -> str:
        return messages.render(key, args, lang)

    out = [t("BATCH.summary_of", documents=total.documents)]
    out.append(_table_row(tuple(t(f"BATCH.head.{h}") for h in _HEAD)))
    for s in rows:
        ident = ", ".join(x for x in (s.number, s.date) if x)
        readable = s.status not in (Status.UNREADABLE, Status.BUG)
        cells = (
            str(s.index),
            _tail(s.file, _FILE),
            _cut(ident, _IDENT),
            str(s.lines) if readable else "",
            str(s.sections) if readable else "",
            str(s.errors) if readable else "",
            str(s.warnings) if readable else "",
            str(len(s.targets)) if readable else "",
            _num(s.stated, lang) if readable else "",
            _num(s.computed, lang) if readable else "",
            s.unit,
            s.verdict,
        )
        out.append(_table_row(cells))
    failed = [s for s in rows if s.reason is not None]
    if failed:
        out.append("")
        out.append(t("BATCH.failed", count=len(failed)))
        out.extend(f"{s.index:>4}  {s.file}: {s.reason}" for s in failed)
    setting = [s for s in rows if s.targets]
    if setting:
        out.append("")
        out.append(t("BATCH.targets", targets=total.targets, documents=len(setting)))
        for s in setting:
            out.append(f"{s.index:>4}  {s.file}:")
            out.extend(f"        {t.text}" for t in s.targets)
    if skipped:
        out.append("")
        out.append(t("BATCH.skipped", count=len(skipped)))
        out.extend(f"      {s.path} ({s.reason})" for s in skipped)
    if total.totals:
        out.append("")
        for u in total.totals:
            stating = t("BATCH.unit_stating", stating=u.stating) if u.stating != u.documents else ""
            out.append(
                t(
                    u.code,
                    documents=u.documents,
                    unit=u.unit,
                    computed=u.computed,
                    stated=u.stated,
                    stating=stating,
                )
            )
            if u.words:
                out.append("  " + t("BATCH.unit_words", words=u.words))
    out.append("")
    out.append(
        t(
            "BATCH.overall",
            documents=total.documents,
            counts=counts_words(total.by_status, lang) or t("BATCH.counts_none"),
            lines=total.lines,
            errors=total.errors,
            warnings=total.warnings,
        )
    )
    return out
