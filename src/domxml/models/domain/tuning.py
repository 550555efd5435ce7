"""Domain models: <blkiotune>, <memtune>, <cputune>, <numatune>, <resource> (formatdomain)."""

from __future__ import annotations

from domxml.binding import Model, element


@element("blkiotune")
class Blkiotune(Model):
    """``<blkiotune>``: block I/O tuning."""


@element("memtune")
class Memtune(Model):
    """``<memtune>``: memory tuning."""


@element("cputune")
class Cputune(Model):
    """``<cputune>``: CPU tuning: pinning, shares, quotas, cache and memory bandwidth."""


@element("numatune")
class Numatune(Model):
    """``<numatune>``: NUMA memory placement."""


@element("resource")
class Resource(Model):
    """``<resource>``: resource partitioning."""
