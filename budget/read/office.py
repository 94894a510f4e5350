"""Documents → lines: .docx and .pdf read directly, .doc and .odt converted to .docx by LibreOffice.

``document_lines`` is the one entry for every document format, so the budget reader and
whatever else reads a plan's text (targets) see the same lines with the same places.
LibreOffice runs headless with a private profile in a temporary folder, so it neither
hands the work to a LibreOffice the user has open nor touches their settings.
"""

from __future__ import annotations

from pathlib import Path

from budget.findings import InputError
from budget.messages import Phrase
from budget.read.text import RawLine, read_bytes, read_text_lines
from budget.source import Source

DOCUMENT_SUFFIXES = (".docx", ".pdf", ".doc", ".odt")
CONVERTED_SUFFIXES = (".doc", ".odt")
TIMEOUT = 180  # seconds; LibreOffice starts in 1–2 s and converts a long plan in a few more


def document_lines(path: Path, name: str | None = None) -> list[RawLine]:
    """The lines of a .docx, .pdf, .doc or .odt; ``InputError`` when it cannot be read."""
    shown = name or str(path)
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        from budget.read.pdf import read_pdf

        return read_pdf(path, shown)
    from budget.read.word import read_docx

    if suffix in CONVERTED_SUFFIXES:
        import tempfile  # lazy-import point, as subprocess and shutil below: a text plan runs no LibreOffice

        with tempfile.TemporaryDirectory(prefix="budget-office-") as tmp:
            return read_docx(convert_to_docx(path, shown, Path(tmp)), shown)
    return read_docx(path, shown)


def plan_lines(path: Path, name: str | None = None) -> list[RawLine]:
    """The lines of any plan read as text: a document through its reader, anything else as
    a text file. For readers beside the budget (targets) that take a plan's lines."""
    if path.suffix.lower() in DOCUMENT_SUFFIXES:
        return document_lines(path, name)
    return read_text_lines(path, name)


def soffice() -> str | None:
    import shutil  # lazy-import point

    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_docx(path: Path, name: str, tmp: Path) -> Path:
    """``path`` converted by LibreOffice into ``tmp``; the .docx written."""
    import shutil  # lazy-import point
    import subprocess  # lazy-import point

    where = Source(name)
    suffix = path.suffix.lower()
    if not read_bytes(path, name).strip():  # missing, a folder, unreadable or empty: as for text
        raise InputError(where, "INPUT_EMPTY")
    program = soffice()
    if program is None:
        raise InputError(where, "OFFICE_NO_SOFFICE", {"suffix": suffix})
    # a copy with a plain name: LibreOffice names its output after the input, and some names
    # (leading dashes, odd characters) are better not given to a command line
    source = tmp / f"input{suffix}"
    shutil.copyfile(path, source)
    out = tmp / "out"
    out.mkdir()
    command = [
        program,
        f"-env:UserInstallation={(tmp / 'profile').as_uri()}",
        "--headless",
        "--norestore",
        "--convert-to",
        "docx:MS Word 2007 XML",
        "--outdir",
        str(out),
        str(source),
    ]
    try:
        done = subprocess.run(command, capture_output=True, timeout=TIMEOUT, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        reason = Phrase("OFFICE_REASON.timeout", {"seconds": TIMEOUT})
        raise InputError(where, "OFFICE_CONVERT_FAILED", {"suffix": suffix, "reason": reason}) from None
    except OSError as e:
        raise InputError(where, "INPUT_UNREADABLE", {"reason": e.strerror or str(e)}) from None
    result = out / "input.docx"
    if done.returncode != 0:
        reason = Phrase("OFFICE_REASON.exit", {"code": done.returncode})
        raise InputError(where, "OFFICE_CONVERT_FAILED", {"suffix": suffix, "reason": reason})
    if not result.is_file():
        reason = Phrase("OFFICE_REASON.no_output", {})
        raise InputError(where, "OFFICE_CONVERT_FAILED", {"suffix": suffix, "reason": reason})
    return result
