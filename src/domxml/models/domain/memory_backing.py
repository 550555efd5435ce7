"""Domain models: <memoryBacking> (formatdomain)."""

from __future__ import annotations

from domxml.binding import Model, element


@element("memoryBacking")
class MemoryBacking(Model):
    """``<memoryBacking>``: how guest memory is backed (hugepages, sharing, locking...)."""
