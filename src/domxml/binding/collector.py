"""Pausing Python's cyclic garbage collector while models are made."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector, if it runs, for the block.

    Reading and writing make many objects and no cyclic garbage, so the
    collections they would trigger find nothing and walk the whole growing
    heap each time (most of the time a 100,000-disk domain took). The
    collector's state is as it was afterwards, errors or not.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
