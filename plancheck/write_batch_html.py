"""A batch run as one HTML page (and, printed by Chromium, one PDF): the consolidated
summary first, each document's section after it. Lays out what ``batch_view`` decided.

Each document's section is rendered as soon as the document is in and kept in a temporary
file, not in memory; the page is written when the run is over (its summary comes first
but is known last), streaming the sections back from that file.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from markupsafe import Markup

from budget import __version__
from plancheck.batch_view import DocSheet, DocSummary
from plancheck.report import environment, print_pdf

if TYPE_CHECKING:
    from plancheck.batch_view import Done

TEMPLATE = "batch.html.j2"
SECTION = "batch_section.html.j2"
_CHUNK = 1 << 20


class BatchHtml:
    """Sections gathered as the run goes; the page written by ``write`` at the end."""

    def __init__(self, lang: str = "vi") -> None:
        self.env = environment(lang)  # the run's language, as its text and workbook
        self.template = self.env.get_template(TEMPLATE)
        self.section = self.env.get_template(SECTION).module.section  # type: ignore[attr-defined]
        self.parts = tempfile.TemporaryFile("w+", encoding="utf-8")
        self.checked_at = datetime.now().astimezone().isoformat(timespec="seconds")

    def document(self, s: DocSummary, sheet: DocSheet | None) -> None:
        self.parts.write(str(self.section(s, sheet)))

    def _sections(self) -> Iterator[Markup]:
        """The sections as rendered (escaped by the template already), read back in chunks."""
        self.parts.seek(0)
        while chunk := self.parts.read(_CHUNK):
            yield Markup(chunk)  # our own autoescaped rendering, read back unchanged

    def write(self, out: Path, done: Done) -> None:
        page = self.template.generate(
            rows=done.rows,
            skipped=done.skipped,
            total=done.total,
            sections=self._sections(),
            checked_at=self.checked_at,
            generator=f"budget {__version__}",
        )
        with out.open("w", encoding="utf-8") as f:
            f.writelines(page)

    def write_pdf(self, out: Path, done: Done, chromium: str, shown: Path) -> None:
        """The same page printed to ``out`` (``shown`` is the name the user gave, for messages)."""
        with tempfile.TemporaryDirectory(prefix="budget-batch-") as d:
            page = Path(d) / "tonghop.html"
            self.write(page, done)
            print_pdf(page.read_text(encoding="utf-8"), out, chromium, shown)

    def close(self) -> None:
        self.parts.close()
