"""What both commands (``budget``, ``indicators``) share: the exit codes, an argument parser
that speaks Vietnamese and exits 2 on a wrong command, and how an unreadable input is told."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from budget.findings import InputError

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT, EXIT_BUG = 0, 1, 2, 3


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        sys.stderr.write(f"{self.prog}: lệnh không hợp lệ: {message}\n")
        sys.exit(EXIT_INPUT)


def input_error(e: InputError) -> int:
    """``file:line: lỗi [CODE] message`` on stderr; the exit code for an unreadable input."""
    sys.stderr.write(f"{e.source}: lỗi [{e.code}] {e.message}\n")
    return EXIT_INPUT


def internal_error(prog: str, e: Exception) -> int:
    """A bug: said plainly, with no traceback."""
    sys.stderr.write(f"{prog}: lỗi nội bộ: {type(e).__name__}: {e}\n")
    return EXIT_BUG


def guarded(prog: str, command: Callable[[], int]) -> int:
    """Run one command: an unreadable input or refused output exits 2, a bug exits 3, never a traceback."""
    try:
        return command()
    except InputError as e:
        return input_error(e)
    except Exception as e:  # a bug: say so plainly, with no traceback
        return internal_error(prog, e)
