"""A document's time budget: a check that runs past it stops at the place it reached, as an
input error (``INPUT_TIME_LIMIT``, exit 2), never a hang.

Every pattern the reader applies is linear (``tests/test_patterns.py``), so the budget is a
guard for what no one foresaw, generous by default. It is a real-time timer (``SIGALRM``)
on the main thread of a POSIX process, the thread that checks a document in the command
and in each batch worker; elsewhere (another thread, a system without the signal) the
check simply runs unbounded, as before.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from budget.source import Source

DEFAULT_SECONDS = 600.0  # ten minutes: a 100.000-line plan takes well under one


class TimeLimit(Exception):
    """The document's time budget ran out at ``reached`` (None: before any line was read)."""

    def __init__(self, seconds: float, reached: Source | None):
        self.seconds = seconds
        self.reached = reached
        super().__init__(f"time limit of {seconds} s")


class _Reached:
    """Where the reading stands: set by the reader as it goes (one assignment an item)."""

    source: Source | None = None


reached = _Reached()


@contextmanager
def time_budget(seconds: float | None) -> Iterator[None]:
    """Run the body within ``seconds`` of real time, else raise ``TimeLimit`` where it stands."""
    usable = (
        seconds is not None
        and seconds > 0
        and hasattr(signal, "SIGALRM")
        and threading.current_thread() is threading.main_thread()
    )
    if not usable:
        yield
        return
    assert seconds is not None

    def expired(_signum: int, _frame: object) -> None:
        raise TimeLimit(seconds, reached.source)

    reached.source = None
    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
