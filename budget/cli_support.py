"""What both commands (``budget``, ``indicators``) share: the exit codes, an argument parser
that speaks Vietnamese and exits 2 on a wrong command, and how an unreadable input, a bug
or Ctrl-C is told: always in Vietnamese, never with a traceback or a library's English text."""

from __future__ import annotations

import argparse
import errno
import os
import re
import sys
import traceback
from collections.abc import Callable

from budget import messages
from budget.findings import InputError
from budget.os_errors import os_reason

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT, EXIT_BUG = 0, 1, 2, 3
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report it (143 for SIGTERM while writing)
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE: the reader of our output went away
DEBUG_ENV = "BUDGET_DEBUG"  # set to print the traceback of an internal error

# the English texts of OS errors (``strerror``), to put the Vietnamese reason in their place
_STRERROR = {os.strerror(n): n for n in errno.errorcode}
_ERRNO = re.compile(r"\[Errno (\d+)\]")  # ``str(OSError)``


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        sys.stderr.write(f"{self.prog}: lệnh không hợp lệ: {message}\n")
        sys.exit(EXIT_INPUT)


def _vietnamese(e: InputError) -> InputError:
    """A reader that passed an OS error's English text as the reason gets the Vietnamese one."""
    reason = e.args_.get("reason")
    if not isinstance(reason, str):
        return e
    m = _ERRNO.search(reason)
    number = _STRERROR.get(reason) or (int(m.group(1)) if m else None)
    if number is not None:
        e.args_["reason"] = os_reason(OSError(number, reason))
    return e


def input_error(e: InputError) -> int:
    """``file:line: lỗi [CODE] message`` on stderr; the exit code for an unreadable input."""
    e = _vietnamese(e)
    sys.stderr.write(f"{e.source}: lỗi [{e.code}] {e.message}\n")
    return EXIT_INPUT


def internal_error(prog: str, e: BaseException) -> int:
    """A bug: said plainly in Vietnamese, with the kind of error only (its text may be English
    and may quote the input); the traceback when ``BUDGET_DEBUG`` is set."""
    if os.environ.get(DEBUG_ENV):
        traceback.print_exception(e, file=sys.stderr)
    text = messages.render("INTERNAL_ERROR", {"kind": type(e).__name__})
    sys.stderr.write(f"{prog}: {text}\n")
    return EXIT_BUG


def interrupted(prog: str) -> int:
    """Ctrl-C outside a write: one Vietnamese line, exit 130."""
    sys.stderr.write(f"\n{prog}: {messages.render('INTERRUPTED', {})}\n")
    return EXIT_INTERRUPTED


def guarded(prog: str, command: Callable[[], int]) -> int:
    """Run one command: an unreadable input or refused output exits 2, a bug exits 3, Ctrl-C
    exits 130, never a traceback."""
    try:
        return command()
    except InputError as e:
        return input_error(e)
    except KeyboardInterrupt:
        return interrupted(prog)
    except Exception as e:  # a bug: say so plainly, with no traceback
        return internal_error(prog, e)


def utf8_streams() -> None:
    """Write UTF-8 whatever the console or pipe says (a Windows console in cp1252 cannot
    encode Vietnamese and would raise): the output is Vietnamese, so it is UTF-8."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(encoding="utf-8", errors="replace")


def run_main(prog: str, main: Callable[[], int]) -> None:
    """The console script: ``main()``'s code as the exit status; Ctrl-C anywhere exits 130
    quietly; a closed pipe (``budget check x | head``) ends quietly."""
    utf8_streams()
    try:
        code = main()
        sys.stdout.flush()
    except KeyboardInterrupt:
        code = interrupted(prog)
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # Python would complain again when flushing at exit
        code = EXIT_BROKEN_PIPE
    sys.exit(code)
