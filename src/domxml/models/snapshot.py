"""Domain snapshots (libvirt's formatsnapshot): ``<domainsnapshot>``.

A snapshot names the state it captures (memory and disks) and, once
taken, embeds the domain's definition as it was: ``<domain>`` (and, for a
running domain, its persistent definition as ``<inactiveDomain>``), both
bound to :class:`~domxml.models.domain.Domain`.
"""

from __future__ import annotations

import enum

from lxml import etree

from domxml.binding import (
    BoolCodec,
    Model,
    any_elements,
    attr,
    child,
    children,
    element,
    leaf,
    register_root,
)
from domxml.models.domain import Domain
from domxml.models.domain.storage_source import (
    DiskSource,
    MetadataCache,
    StorageFormat,
    StorageType,
)

# <active> is written 0 or 1, not yes/no.
_ZERO_ONE = BoolCodec("1", "0")


class SnapshotState(enum.Enum):
    """The domain's state when the snapshot was taken (``<state>``).

    The domain states, plus ``disk-snapshot`` for a snapshot of the disks
    only. (``nostate`` and ``pmsuspended`` are libvirt's but not the
    schema's.)
    """

    NOSTATE = "nostate"
    RUNNING = "running"
    BLOCKED = "blocked"
    PAUSED = "paused"
    SHUTDOWN = "shutdown"
    SHUTOFF = "shutoff"
    CRASHED = "crashed"
    PMSUSPENDED = "pmsuspended"
    DISK_SNAPSHOT = "disk-snapshot"


class SnapshotLocation(enum.Enum):
    """Where a memory or disk snapshot is kept (``snapshot=...``).

    ``no``: not part of the snapshot; ``internal``: inside the image
    (qcow2); ``external``: in a separate file; ``manual``: left to the user
    (disks only).
    """

    NO = "no"
    INTERNAL = "internal"
    EXTERNAL = "external"
    MANUAL = "manual"


@element("parent")
class Parent(Model):
    """``<parent>``: the snapshot this one was taken on top of."""

    name: str | None = leaf()


@element("memory")
class SnapshotMemory(Model):
    """``<memory>``: whether and where the guest's memory is saved."""

    snapshot: SnapshotLocation | None = attr()
    file: str | None = attr(doc="the file of an external memory snapshot")


@element("driver")
class SnapshotDiskDriver(Model):
    """``<driver>``: the format of the new image of an external disk snapshot."""

    type: StorageFormat | None = attr()
    metadata_cache: MetadataCache | None = child()


@element("snapshotDeleteInProgress")
class SnapshotDeleteInProgress(Model):
    """``<snapshotDeleteInProgress/>``: a deletion of this disk's snapshot was interrupted."""


@element("disk")
class SnapshotDisk(Model):
    """``<disk>``: what the snapshot does with one of the domain's disks.

    An external snapshot names its new image with ``type``, ``driver``
    and ``source``.
    """

    name: str | None = attr(doc="the disk's target (vda) or its source path")
    snapshot: SnapshotLocation | None = attr()
    type: StorageType | None = attr(doc="file, block or network")
    driver: SnapshotDiskDriver | None = child()
    source: DiskSource | None = child()
    snapshot_delete_in_progress: SnapshotDeleteInProgress | None = child()


@element("disks")
class SnapshotDisks(Model):
    """``<disks>`` or ``<revertDisks>``: a list of snapshot disks."""

    disks: list[SnapshotDisk] = children()


# libvirt dumps the cookie of the hypervisor driver (QEMU: the guest CPU and
# slirp helper state) itself; it is the driver's private data.
@element("cookie")
class Cookie(Model):
    """``<cookie>``: the hypervisor driver's private data, held as XML."""

    elements: list[etree._Element] = any_elements(doc="the driver's elements, as lxml elements")


# The declaration order is libvirt's (virDomainSnapshotDefFormatInternal).
@element("domainsnapshot")
class DomainSnapshot(Model):
    """A libvirt domain snapshot."""

    name: str | None = leaf()
    description: str | None = leaf()
    state: SnapshotState | None = leaf()
    parent: Parent | None = child()
    creation_time: int | None = leaf("creationTime", doc="seconds since the epoch")
    memory: SnapshotMemory | None = child()
    disks: SnapshotDisks | None = child()
    revert_disks: SnapshotDisks | None = child(
        "revertDisks", doc="disks to revert to their images of this snapshot"
    )
    domain: Domain | None = child()
    inactive_domain: Domain | None = child("inactiveDomain")
    cookie: Cookie | None = child()
    active: bool | None = leaf(codec=_ZERO_ONE, doc="this is the domain's current snapshot")


register_root(DomainSnapshot)
