"""Cost of building the fuzzer's Domain strategy (issue 9: under 2 s and 200 MB).

Usage: ``python bench/strategies.py``. In a fresh process, after importing
domxml and the models: the time and the memory (peak RSS growth, and what
``tracemalloc`` saw allocated) to build the strategy of
:class:`domxml.Domain` (:func:`fuzz.strategies.models`) and to draw its
first example, which forces every lazily built part that example reaches.
The floor is importing domxml, measured in the same run.
"""

from __future__ import annotations

import resource
import sys
import time
import tracemalloc
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def _rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    """Print the figures."""
    start = time.perf_counter()
    import domxml  # noqa: F401  (the floor: what every use pays)
    from domxml import Domain

    floor = time.perf_counter() - start
    from hypothesis import HealthCheck, Phase, given, settings

    from fuzz.strategies import models

    warnings.simplefilter("ignore")
    rss0 = _rss_mib()
    tracemalloc.start()
    start = time.perf_counter()
    strategy = models(Domain)
    built = time.perf_counter() - start
    drawn: list[object] = []

    @settings(
        max_examples=1,
        database=None,
        deadline=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def first(model: object) -> None:
        drawn.append(model)

    first()
    first_draw = time.perf_counter() - start
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss1 = _rss_mib()
    print(f"import domxml (floor)            {floor:6.3f} s")
    print(f"models(Domain)                   {built:6.3f} s  ({built / floor:.2f}x floor)")
    print(
        f"  + first example drawn          {first_draw:6.3f} s  ({first_draw / floor:.2f}x floor)"
    )
    print(f"  memory: peak traced {peak / 2**20:6.1f} MiB, RSS growth {rss1 - rss0:6.1f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
