"""Memory backing (formatdomain "Memory Backing"): ``<memoryBacking>``.

How the host backs guest memory: huge pages, page sharing (KSM), locking,
the kind of host memory, shared or private mapping, preallocation and
discarding freed memory.
"""

from __future__ import annotations

import enum

from domxml.binding import Model, attr, child, children, element
from domxml.models.types import CpuSet, UInt, ULong, Unit


class MemoryAccess(enum.Enum):
    """How guest memory is mapped, shared with other processes or private.

    ``<access mode=...>`` of ``<memoryBacking>``, a NUMA cell's ``memAccess``
    and a memory device's ``access``.
    """

    SHARED = "shared"
    PRIVATE = "private"


class MemorySourceType(enum.Enum):
    """The kind of host memory behind the guest's (``<source type=...>``)."""

    FILE = "file"
    ANONYMOUS = "anonymous"
    MEMFD = "memfd"


class MemoryAllocationMode(enum.Enum):
    """When guest memory is allocated (``<allocation mode=...>``)."""

    IMMEDIATE = "immediate"
    ONDEMAND = "ondemand"


@element("page")
class HugePage(Model):
    """``<page>``: the huge page size to use, for all or some guest NUMA nodes."""

    size: ULong | None = attr(doc="the page size, in unit (KiB when absent)")
    unit: Unit | None = attr(doc="as written: KiB, M, G...", default=None)
    nodeset: CpuSet | None = attr(
        doc="the guest NUMA nodes using this size, e.g. 0-1,3", default=None
    )


@element("hugepages")
class HugePages(Model):
    """``<hugepages>``: back guest memory with huge pages (the default size when empty)."""

    pages: list[HugePage] = children(default_factory=list)


@element("nosharepages")
class MemoryFlag(Model):
    """An empty element whose presence is the setting (``<locked/>``, ``<discard/>``...)."""


@element("source")
class MemorySource(Model):
    """``<source>`` of ``<memoryBacking>``: the kind of host memory."""

    type: MemorySourceType | None = attr()


@element("access")
class MemoryAccessMode(Model):
    """``<access>``: whether guest memory is mapped shared or private."""

    mode: MemoryAccess | None = attr()


@element("allocation")
class MemoryAllocation(Model):
    """``<allocation>``: when guest memory is allocated, and by how many threads."""

    mode: MemoryAllocationMode | None = attr(default=None)
    threads: UInt | None = attr(doc="threads that preallocate memory", default=None)


# The declaration order is libvirt's (virDomainMemorybackingFormat).
@element("memoryBacking")
class MemoryBacking(Model):
    """``<memoryBacking>``: how guest memory is backed (hugepages, sharing, locking...)."""

    hugepages: HugePages | None = child(default=None)
    nosharepages: MemoryFlag | None = child(
        "nosharepages", doc="keep the host from merging pages", default=None
    )
    locked: MemoryFlag | None = child(
        "locked", doc="keep guest memory from being swapped out", default=None
    )
    source: MemorySource | None = child(default=None)
    access: MemoryAccessMode | None = child(default=None)
    allocation: MemoryAllocation | None = child(default=None)
    discard: MemoryFlag | None = child(
        "discard", doc="discard memory the guest frees", default=None
    )
