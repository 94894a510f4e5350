"""Writing output files safely, the one path every output (xlsx, html, pdf, csv, json) takes.

- Never over an input, never over anything but a regular file (a device, a FIFO, a
  socket, a folder, or a symbolic link to one of them is refused even with ``--force``:
  run as root, replacing ``/dev/null`` would delete it), never over a file that Excel or
  LibreOffice has open (their lock files), never over an existing file without ``--force``.
- Never half-written: the writer works inside a private folder ``.~budget-<pid>-XXXX``
  beside the target (the same file system, so the final move is atomic), the result is
  flushed to disk, then moved into place. A new output is claimed with ``os.link``,
  which fails if the name exists: of two runs writing the same new file, one wins and
  the other is refused, instead of silently replacing the first.
- Nothing left behind: while writing, ``tempfile.tempdir`` points into the private
  folder, so the temporary files of the writer library (XlsxWriter keeps one per sheet)
  are there too, and the whole folder is removed on success, on any failure and on
  Ctrl-C or SIGTERM (exit 130 or 143 with a Vietnamese line, no traceback). A folder left
  by a run that was killed (``kill -9``) is removed by the next write into that folder.
- A full disk, a file size limit (``ulimit -f``), a permission or a read-only disk is an
  ``OutputError`` (exit 2) with the reason in Vietnamese; the old file stays as it was.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import shutil
import signal
import stat
import sys
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from types import FrameType
from typing import Any

from budget import messages
from budget.findings import InputError
from budget.messages import Phrase
from budget.os_errors import os_error_in, os_reason
from budget.source import Source

PRIVATE_PREFIX = ".~budget-"
_PRIVATE = re.compile(r"\.~budget-([0-9]+)-")
_NAME_MAX = 255
_SIGNALS = tuple(s for s in (getattr(signal, "SIGINT", None), getattr(signal, "SIGTERM", None)) if s is not None)
_NO_LINKS = {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK, errno.ENOSYS}

# OS errors a user can do something about, each with its Vietnamese reason (``messages``).


class OutputError(InputError):
    """An output that cannot or must not be written (the CLI exits 2)."""


def _unwritable(where: Source, e: OSError) -> OutputError:
    return OutputError(where, "OUTPUT_UNWRITABLE", {"reason": os_reason(e)})


def _same(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return a.resolve() == b.resolve()


def _lstat(path: Path) -> os.stat_result | None:
    try:
        return os.lstat(path)
    except FileNotFoundError:
        return None


def _kind(mode: int) -> str | None:
    """None for a regular file, else what it is (a key of ``OUTPUT_KIND``)."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "folder"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    if stat.S_ISFIFO(mode):
        return "fifo"
    if stat.S_ISSOCK(mode):
        return "socket"
    return "other"


def _refuse_special(target: Path, st: os.stat_result, where: Source) -> None:
    """Only a regular file (or a link to one, or a dangling link) may be replaced."""
    mode = st.st_mode
    if stat.S_ISLNK(mode):
        try:
            mode = os.stat(target).st_mode
        except OSError:
            return  # a dangling link: replacing it loses nothing
    kind = _kind(mode)
    if kind == "folder":
        raise OutputError(where, "OUTPUT_IS_FOLDER")
    if kind is not None:
        raise OutputError(where, "OUTPUT_NOT_REGULAR", {"kind": Phrase(f"OUTPUT_KIND.{kind}", {})})


def lock_files(target: Path) -> list[Path]:
    """Lock files that say the target is open: Excel's ``~$NAME`` (Word-style ``~$ME`` for
    long names too) and LibreOffice's ``.~lock.NAME#``."""
    names = ["~$" + target.name, ".~lock." + target.name + "#"]
    if len(target.name) > 2:
        names.append("~$" + target.name[2:])
    return [target.with_name(n) for n in names]


def _refuse_locked(target: Path, where: Source) -> None:
    for lock in lock_files(target):
        if _lstat(lock) is not None:
            code = "OUTPUT_LOCKED_LIBREOFFICE" if lock.name.startswith(".~lock.") else "OUTPUT_LOCKED"
            raise OutputError(where, code, {"lock": lock.name})


def check_target(target: Path, inputs: Iterable[Path], force: bool) -> None:
    """Refuse before any work is done: input as output, missing folder, not a regular
    file, existing file without ``--force``, a file open in Excel or LibreOffice, a
    read-only file or folder, a name too long."""
    where = Source(str(target))
    for i in inputs:
        if _same(target, i) or target.resolve() == i.resolve():
            raise OutputError(where, "OUTPUT_IS_INPUT")
    folder = target.parent
    if not folder.is_dir():
        raise OutputError(where, "OUTPUT_NO_FOLDER", {"folder": str(folder)})
    if len(os.fsencode(target.name)) > _NAME_MAX:
        raise _unwritable(where, OSError(errno.ENAMETOOLONG, ""))
    st = _lstat(target)
    if st is not None:
        _refuse_special(target, st, where)
        if not force:
            raise OutputError(where, "OUTPUT_EXISTS")
        _refuse_locked(target, where)
        if stat.S_ISREG(st.st_mode) and not os.access(target, os.W_OK):
            raise OutputError(where, "OUTPUT_UNWRITABLE", {"reason": Phrase("OS_REASON.READ_ONLY", {})})
    if not os.access(folder, os.W_OK | os.X_OK):
        raise _unwritable(where, OSError(errno.EACCES, ""))


# signals -------------------------------------------------------------------------------


class _Interrupted(BaseException):
    """Raised by our signal handler inside the write; a BaseException so that no
    ``except Exception`` of a writer library swallows it."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


class _Signals:
    """SIGINT and SIGTERM while writing: the first one stops the write (cleanup runs, then
    exit 128+signal); while ``held`` (cleaning up, or moving the result into place) a
    signal is only recorded, so cleanup and the final move are never cut in half."""

    def __init__(self) -> None:
        self.received: int | None = None
        self.held = False
        self.committed = False
        self.saved: dict[int, Any] = {}
        self.active = threading.current_thread() is threading.main_thread()

    def _handler(self, signum: int, frame: FrameType | None) -> None:
        if self.received is None:
            self.received = signum
        if not self.held:
            self.held = True
            raise _Interrupted(signum)

    def release(self) -> None:
        """Stop holding; a signal that came meanwhile stops the write now."""
        self.held = False
        if self.received is not None:
            self.held = True
            raise _Interrupted(self.received)

    def __enter__(self) -> _Signals:
        if self.active:
            for s in _SIGNALS:
                self.saved[s] = signal.signal(s, self._handler)
        return self

    def __exit__(self, *exc: object) -> None:
        for s, old in self.saved.items():
            signal.signal(s, old)
        self.saved.clear()


def _say_interrupted(target: Path, signum: int, lang: str = "vi") -> None:
    name = "SIGINT (Ctrl-C)" if signum == signal.SIGINT else signal.Signals(signum).name
    text = messages.render("OUTPUT_INTERRUPTED", {"signal": name}, lang)
    sys.stderr.write(f"{target}: {text}\n")


# the private folder --------------------------------------------------------------------

_current: list[Path] = []


def private_tmpdir() -> Path | None:
    """The private folder of the write in progress (for writers that take a ``tmpdir``)."""
    return _current[-1] if _current else None


@contextlib.contextmanager
def _temporary_files_in(folder: Path) -> Iterator[None]:
    """Every ``tempfile`` made while writing goes into ``folder`` (XlsxWriter's included)."""
    saved = tempfile.tempdir
    tempfile.tempdir = str(folder)
    _current.append(folder)
    try:
        yield
    finally:
        _current.pop()
        tempfile.tempdir = saved


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    except (OverflowError, ValueError, OSError):
        return False
    return True


def remove_stale(folder: Path) -> None:
    """Remove private folders left by runs that were killed (their process is gone)."""
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            m = _PRIVATE.match(entry.name)
            if not m or not entry.is_dir(follow_symlinks=False):
                continue
            pid = int(m.group(1))
            if pid != os.getpid() and not _alive(pid):
                shutil.rmtree(entry.path, ignore_errors=True)


def _mode_for(target: Path) -> tuple[int, tuple[int, int] | None]:
    """Keep an existing file's permissions (and owner, when run as root); a new file gets
    the usual 0666 less the umask."""
    with contextlib.suppress(OSError):
        st = os.stat(target)
        if stat.S_ISREG(st.st_mode):
            return st.st_mode & 0o777, (st.st_uid, st.st_gid)
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask, None


def _sync(path: Path, directory: bool = False) -> None:
    fd = os.open(path, os.O_RDONLY | (getattr(os, "O_DIRECTORY", 0) if directory else 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _claim_new(tmp: Path, target: Path) -> bool:
    """Give ``tmp`` the new name ``target`` atomically; False if the name exists by now.

    ``os.link`` fails if the name exists, so of two runs only one can claim it. On a file
    system without hard links, an empty placeholder is created exclusively instead, then
    replaced (and taken back if that fails)."""
    try:
        os.link(tmp, target)
        return True
    except FileExistsError:
        return False
    except OSError as e:
        if e.errno not in _NO_LINKS:
            raise
    try:
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return False
    placeholder = os.fstat(fd)
    os.close(fd)
    try:
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            now = os.lstat(target)
            if (now.st_ino, now.st_dev) == (placeholder.st_ino, placeholder.st_dev):
                os.unlink(target)
        raise
    return True


def _commit(tmp: Path, target: Path, force: bool, where: Source) -> None:
    """Move the finished file into place: claim a new name, or replace a regular file (with
    ``--force``); what is there now is checked again, it may have changed since the start."""
    if _lstat(target) is None and _claim_new(tmp, target):
        return
    st = _lstat(target)
    if st is not None:
        _refuse_special(target, st, where)
        if not force:
            raise OutputError(where, "OUTPUT_CLAIMED")
        _refuse_locked(target, where)
    os.replace(tmp, target)


def _write_in_private(
    target: Path, force: bool, write: Callable[[Path], object], signals: _Signals, where: Source
) -> None:
    folder = target.parent
    signals.held = True  # a signal now would leave the folder behind: it waits for the try below
    try:
        private = Path(os.path.abspath(tempfile.mkdtemp(prefix=f"{PRIVATE_PREFIX}{os.getpid()}-", dir=folder)))
    except OSError as e:
        raise _unwritable(where, e) from None
    try:
        signals.release()
        tmp = private / ("ketqua" + target.suffix)
        with _temporary_files_in(private):
            write(tmp)
        mode, owner = _mode_for(target)
        os.chmod(tmp, mode)
        if owner is not None and os.geteuid() == 0:
            with contextlib.suppress(OSError):
                os.chown(tmp, *owner)
        _sync(tmp)
        signals.held = True  # from here on a signal waits: the move is all or nothing
        _commit(tmp, target, force, where)
        signals.committed = True
        with contextlib.suppress(OSError):
            _sync(folder, directory=True)
    finally:
        signals.held = True
        shutil.rmtree(private, ignore_errors=True)


def write_safely(
    target: Path, inputs: Iterable[Path], force: bool, write: Callable[[Path], object], lang: str = "vi"
) -> None:
    """Run ``write(tmp)`` on a file in a private folder beside ``target``, then move it into
    place (see the module doc). ``OutputError`` when it must not or cannot be written; on
    SIGINT or SIGTERM during the write, ``SystemExit`` 130 or 143 after cleaning up (said in ``lang``)."""
    check_target(target, inputs, force)
    where = Source(str(target))
    remove_stale(target.parent)
    signals = _Signals()
    failure: BaseException | None = None
    with signals:
        try:
            _write_in_private(target, force, write, signals, where)
        except _Interrupted:
            pass  # recorded in ``signals.received``; the private folder is gone
        except OutputError as e:
            failure = e
        except Exception as e:
            err = os_error_in(e)
            failure = e if err is None else _unwritable(where, err)
    if signals.received is not None:
        if signals.committed:  # the file is complete and in place: the signal has its usual effect
            signal.raise_signal(signals.received)
        else:
            _say_interrupted(target, signals.received, lang)
            raise SystemExit(128 + signals.received)
    if isinstance(failure, OutputError):
        raise failure from None
    if failure is not None:
        raise failure
