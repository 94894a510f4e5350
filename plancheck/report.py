"""The report an officer prints and signs: one self-contained HTML page rendered by Jinja2
from ``templates/``, and the same page printed to PDF by headless Chromium.

Safety: every template is autoescaped whatever its file name (``select_autoescape`` would
not escape ``.html.j2``), no document text is marked safe, attributes are quoted, and the
page carries a Content-Security-Policy that forbids scripts and any request. Numbers and
dates are formatted here, at the edge, with Babel (``46.375``, ``1,5``, ``25/12/2020``).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import jinja2
from babel.dates import format_datetime
from markupsafe import Markup, escape

from budget import messages
from budget.messages import Phrase
from budget.numbers import format_number, plain
from budget.output import OutputError, check_target, write_safely
from budget.source import Source
from plancheck.projection import Projection, Row

TEMPLATE = "report.html.j2"
# Names the Debian, Ubuntu and Google builds install; BUDGET_CHROMIUM names another.
_CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
_PDF_TIMEOUT = 180


def templates_dir() -> Path:
    """``templates/``: inside the installed package (wheel), or at the top of a checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "templates", here.parent / "templates"):
        if (candidate / TEMPLATE).is_file():
            return candidate
    raise FileNotFoundError(f"{TEMPLATE} not found beside {here}")


def _amount(lang: str) -> Callable[[Decimal | int | None], str]:
    def amount(value: Decimal | int | None) -> str:
        return "—" if value is None else format_number(Decimal(value), lang)

    return amount


def _datetime(lang: str) -> object:
    def show(value: str) -> str:
        if not value:
            return ""
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            return value
        return str(format_datetime(moment, "dd/MM/yyyy HH:mm", locale=lang))

    return show


def _plain(value: Decimal | int | None) -> str:
    if value is None:
        return ""
    return plain(value) if isinstance(value, Decimal) else str(value)


# How many rows at each end of a long table the printer keeps together (with the heading
# above the first ones): no page holds one row alone. A table this short is kept whole.
EDGE_ROWS = 2
SHORT_TABLE = 6


def _bodies(rows: Sequence[object]) -> list[tuple[bool, list[tuple[int, object]]]]:
    """A table's rows as bodies to print, each with whether it is kept on one page: the first
    and the last ``EDGE_ROWS`` of a long table, a short table whole. Rows keep their
    1-based index in the table."""
    numbered = list(enumerate(rows, 1))
    if len(numbered) <= SHORT_TABLE:
        return [(True, numbered)]
    return [(True, numbered[:EDGE_ROWS]), (False, numbered[EDGE_ROWS:-EDGE_ROWS]), (True, numbered[-EDGE_ROWS:])]


def _breakable(code: str) -> Markup:
    """A finding code that may wrap after its underscores only (``SECTION_SUM_<wbr>MISMATCH``)."""
    return Markup("_<wbr>").join(escape(part) for part in code.split("_"))


@lru_cache(maxsize=4)
def environment(lang: str = "vi") -> jinja2.Environment:
    """One Jinja environment per language: autoescape on for every template, strict undefined."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir())),
        autoescape=True,  # not select_autoescape(): it would leave report.html.j2 unescaped
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    amount = _amount(lang)
    env.filters["amount"] = amount
    env.filters["plain"] = _plain
    env.filters["bodies"] = _bodies
    env.filters["breakable"] = _breakable
    env.filters["datetime"] = _datetime(lang)
    env.filters["join_amounts"] = lambda values: " × ".join(amount(v) for v in values)
    env.filters["tree_class"] = _tree_class(amount)

    def t(code: str, **args: object) -> str:
        if not any(isinstance(v, Markup) for v in args.values()):
            return messages.render(code, args, lang)
        # a value that is our own markup (an amount's <span>) stays markup; the words around it
        # and every other value are escaped
        # private-use characters as marks: the message renderer keeps control characters of its own
        marks = {k: f"\ue000{i}\ue001" for i, (k, v) in enumerate(args.items()) if isinstance(v, Markup)}
        text = escape(messages.render(code, {**args, **marks}, lang))
        for k, mark in marks.items():
            text = text.replace(mark, args[k])  # type: ignore[arg-type]
        return text

    env.globals["t"] = t
    env.globals["lang"] = lang
    return env


def _tree_class(amount: Callable[[Decimal | int | None], str]) -> Callable[[Sequence[Row]], str]:
    """The budget tree's class by how wide its widest figure is written: a table of tỷ in đồng
    (``7.500.000.000``) needs wider figure columns than one of triệu, or its figures run into
    each other on the printed page (the columns are fixed to fit the page)."""

    def tree_class(rows: Sequence[Row]) -> str:
        widest = max(
            (len(amount(v)) for r in rows for v in (r.stated, r.summed, r.recomputed, r.difference) if v is not None),
            default=0,
        )
        return "tree wider" if widest > _WIDE + 3 else "tree wide" if widest > _WIDE else "tree"

    return tree_class


_WIDE = 11  # characters of a figure the default columns hold (``999.999.999``)


def render_html(p: Projection) -> str:
    """The report page of ``p`` as HTML text."""
    env = environment(p.lang)
    return env.get_template(TEMPLATE).render(p=p, generator=p.identity.tool)


def write_html(p: Projection, out: Path, inputs: Iterable[Path], force: bool) -> None:
    html = render_html(p)

    def write(tmp: Path) -> None:
        tmp.write_text(html, encoding="utf-8")

    write_safely(out, list(inputs), force, write, p.lang)


def find_chromium() -> str | None:
    """The Chromium to print with: ``$BUDGET_CHROMIUM``, else the first on the PATH."""
    named = os.environ.get("BUDGET_CHROMIUM")
    if named:
        return named if Path(named).is_file() else shutil.which(named)
    for name in _CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def require_chromium(out: Path) -> str:
    """The Chromium path, or the clear refusal (exit 2) before any work is done."""
    found = find_chromium()
    if found is None:
        raise OutputError(Source(str(out)), "REPORT_NO_CHROMIUM")
    return found


def chromium_command(chromium: str, profile: Path, page: Path, extra: Sequence[str]) -> list[str]:
    """Headless Chromium that fetches nothing: no network services, no host resolves, a fresh profile."""
    return [
        chromium,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--no-default-browser-check",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        "--host-resolver-rules=MAP * ~NOTFOUND",
        f"--user-data-dir={profile}",
        *extra,
        page.as_uri(),
    ]


def print_pdf(html: str, pdf: Path, chromium: str, out: Path) -> None:
    """Print ``html`` to ``pdf`` with headless Chromium (A4 from the page's print stylesheet)."""
    with tempfile.TemporaryDirectory(prefix="budget-pdf-") as d:
        folder = Path(d).resolve()  # the safe writer may point tempfile at a relative folder
        page = folder / "report.html"
        page.write_text(html, encoding="utf-8")
        printed = folder / "report.pdf"
        extra = [f"--print-to-pdf={printed}", "--no-pdf-header-footer", "--print-to-pdf-no-header"]
        try:
            done = subprocess.run(
                chromium_command(chromium, folder / "profile", page, extra),
                capture_output=True,
                text=True,
                timeout=_PDF_TIMEOUT,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as e:
            raise OutputError(Source(str(out)), "REPORT_PDF_FAILED", {"reason": str(e)}) from None
        if done.returncode != 0 or not printed.is_file() or printed.stat().st_size == 0:
            said = done.stderr.strip().splitlines()  # Chromium's own last line, in its words
            reason = said[-1][:300] if said else Phrase("REPORT_REASON.exit", {"code": done.returncode})
            raise OutputError(Source(str(out)), "REPORT_PDF_FAILED", {"reason": reason})
        shutil.copyfile(printed, pdf)


def write_pdf(p: Projection, out: Path, inputs: Iterable[Path], force: bool) -> None:
    inputs = list(inputs)
    check_target(out, inputs, force)
    chromium = require_chromium(out)
    html = render_html(p)
    write_safely(out, inputs, force, lambda tmp: print_pdf(html, tmp, chromium, out), p.lang)
