"""Writing output files safely: never over an input, never over a file without --force,
never half-written. The content goes to a temporary file in the target's folder and is
moved into place only when complete, so a failure leaves the previous file intact.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from budget.findings import InputError
from budget.source import Source


class OutputError(InputError):
    """An output that cannot or must not be written (the CLI exits 2)."""


def _same(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return a.resolve() == b.resolve()


def check_target(target: Path, inputs: Iterable[Path], force: bool) -> None:
    """Refuse before any work is done: input as output, existing file, missing folder, lock."""
    where = Source(str(target))
    for i in inputs:
        if _same(target, i) or target.resolve() == i.resolve():
            raise OutputError(where, "OUTPUT_IS_INPUT")
    if not target.parent.exists():
        raise OutputError(where, "OUTPUT_NO_FOLDER", {"folder": str(target.parent)})
    if target.is_dir():
        raise OutputError(where, "OUTPUT_IS_FOLDER")
    if target.exists():
        if not force:
            raise OutputError(where, "OUTPUT_EXISTS")
        lock = target.with_name("~$" + target.name)  # Excel's lock file while the workbook is open
        if lock.exists():
            raise OutputError(where, "OUTPUT_LOCKED", {"lock": lock.name})
        if not os.access(target, os.W_OK):
            raise OutputError(where, "OUTPUT_UNWRITABLE", {"reason": "tệp chỉ cho phép đọc"})


def _mode_for(target: Path) -> int:
    """Keep an existing file's permissions; a new file gets the usual 0666 less the umask."""
    if target.exists():
        return target.stat().st_mode & 0o777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def write_safely(target: Path, inputs: Iterable[Path], force: bool, write: Callable[[Path], None]) -> None:
    """Run ``write(tmp)`` on a temporary file beside ``target``, then move it into place."""
    check_target(target, inputs, force)
    where = Source(str(target))
    try:
        fd, name = tempfile.mkstemp(prefix=".~budget-", suffix=target.suffix, dir=target.parent)
    except OSError as e:
        raise OutputError(where, "OUTPUT_UNWRITABLE", {"reason": e.strerror or str(e)}) from None
    os.close(fd)
    tmp = Path(name)
    try:
        write(tmp)
        os.chmod(tmp, _mode_for(target))
        os.replace(tmp, target)
    except OSError as e:
        raise OutputError(where, "OUTPUT_UNWRITABLE", {"reason": e.strerror or str(e)}) from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
