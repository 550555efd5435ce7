"""Timing shared by the benchmarks (``bench/*.py`` import it from beside them)."""

from __future__ import annotations

import time
from collections.abc import Callable


def best_of(repeat: int, run: Callable[[], None]) -> float:
    """Return the shortest of *repeat* timings of *run*, in seconds."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best
