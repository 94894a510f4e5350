"""Timing for the benchmark scripts: one run of a function, garbage collected before and
paused during, so that two things measured in the same run are measured alike."""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from typing import Any


def timed(fn: Callable[[], Any], before: Callable[[], None] | None = None) -> float:
    if before is not None:
        before()
    gc.collect()
    gc.disable()
    try:
        start = time.perf_counter()
        fn()
        return time.perf_counter() - start
    finally:
        gc.enable()
