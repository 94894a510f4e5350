"""A progress bar on stderr for runs that last more than about a second, naming the files
being read.

Shown only when stderr is a terminal (never in a pipe, a log file or CI) and not with
``--quiet``; it appears after ``DELAY`` seconds, so short runs print nothing, and it is
erased when the run ends, so what stays on the screen is the report. The bar is rich's
(a dependency for that alone); it is imported only when a bar is actually shown.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Sequence
from typing import Any, TextIO

DELAY = 1.0  # seconds before the bar appears


def wanted(quiet: bool, stream: TextIO | None = None) -> bool:
    stream = stream or sys.stderr
    if quiet:
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # closed or replaced stream
        return False


class Progress:
    """Counts finished documents; shows a bar once the run has lasted ``delay`` seconds, with
    the files being read: of ``names`` (the documents in the order they are checked), the
    first ``workers`` not finished yet (the workers take them in that order)."""

    def __init__(
        self,
        total: int,
        enabled: bool,
        delay: float | None = None,
        stream: TextIO | None = None,
        lang: str = "vi",
        names: Sequence[str] = (),
        workers: int = 1,
    ):
        self.total = total
        self.lang = lang
        self.done = 0
        self.last = ""
        self.pending = list(names)
        self.workers = max(1, workers)
        self.enabled = enabled and total > 0
        self.stream = stream or sys.stderr
        self._lock = threading.Lock()
        self._bar: Any = None
        self._task: Any = None
        self._closed = False
        self._timer = threading.Timer(DELAY if delay is None else delay, self._show) if self.enabled else None
        if self._timer is not None:
            self._timer.daemon = True

    def start(self) -> None:
        """Start counting time: the bar appears ``delay`` seconds from now if the run lasts."""
        if self._timer is not None and not self._timer.is_alive() and not self._closed:
            self._timer.start()

    def _show(self) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )
        from rich.progress import Progress as Bar

        from budget import messages

        def t(key: str) -> str:
            return messages.render(key, {}, self.lang)

        with self._lock:
            if self._closed:
                return
            bar = Bar(
                TextColumn(t("BATCH.progress.checking")),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn(t("BATCH.progress.documents")),
                TimeElapsedColumn(),
                TextColumn(t("BATCH.progress.left")),
                TimeRemainingColumn(),
                TextColumn("{task.description}", markup=False),  # a file's name is no markup
                console=Console(file=self.stream),
                transient=True,
            )
            self._task = bar.add_task(self._reading(), total=self.total, completed=self.done)
            bar.start()
            self._bar = bar

    def _reading(self) -> str:
        """``đang đọc a.txt, b.txt``: the files being read (else the last one finished)."""
        if not self.pending:
            return self.last
        from budget import messages

        return messages.render("BATCH.progress.reading", {"files": ", ".join(self.pending[: self.workers])}, self.lang)

    def advance(self, name: str = "") -> None:
        with self._lock:
            self.done += 1
            self.last = name
            if name in self.pending:
                self.pending.remove(name)
            if self._bar is not None:
                self._bar.update(self._task, completed=self.done, description=self._reading())

    def say(self, text: str) -> None:
        """A line for stderr, printed above the bar when there is one."""
        with self._lock:
            if self._bar is not None:
                self._bar.console.print(text, end="", markup=False, highlight=False, soft_wrap=True)
                return
        self.stream.write(text)

    def close(self) -> None:
        with self._lock:
            self._closed = True
            bar, self._bar = self._bar, None
        if self._timer is not None:
            self._timer.cancel()
        if bar is not None:
            bar.stop()

    def __enter__(self) -> Progress:
        self.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.close()
