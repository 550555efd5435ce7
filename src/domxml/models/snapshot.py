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
    allowed,
    any_elements,
    attr,
    child,
    children,
    depends_on,
    element,
    leaf,
    matching,
    register_root,
)
from domxml.models.domain import Domain
from domxml.models.domain.storage_source import (
    DiskSource,
    MetadataCache,
    StorageFormat,
    StorageType,
)
from domxml.models.types import AbsFilePath

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


@element(
    "memory",
    depends=(
        depends_on(
            "snapshot",
            needs={SnapshotLocation.EXTERNAL: ("file",), SnapshotLocation.MANUAL: ("file",)},
        ),
    ),
)
class SnapshotMemory(Model):
    """``<memory>``: whether and where the guest's memory is saved."""

    snapshot: SnapshotLocation | None = attr(
        default=None,
        codec=allowed(SnapshotLocation.NO, SnapshotLocation.INTERNAL, SnapshotLocation.EXTERNAL),
    )
    file: AbsFilePath | None = attr(doc="the file of an external memory snapshot", default=None)


@element("driver")
class SnapshotDiskDriver(Model):
    """``<driver>``: the format of the new image of an external disk snapshot."""

    type: StorageFormat | None = attr(
        default=None,
        codec=allowed(
            StorageFormat.COW,
            StorageFormat.QCOW,
            StorageFormat.QCOW2,
            StorageFormat.QED,
            StorageFormat.VMDK,
        ),
    )
    metadata_cache: MetadataCache | None = child(default=None)


@element("snapshotDeleteInProgress")
class SnapshotDeleteInProgress(Model):
    """``<snapshotDeleteInProgress/>``: a deletion of this disk's snapshot was interrupted."""


@element("disk")
class SnapshotDisk(Model):
    """``<disk>``: what the snapshot does with one of the domain's disks.

    An external snapshot names its new image with ``type``, ``driver``
    and ``source``.
    """

    name: str | None = attr(
        doc="the disk's target (vda) or its source path",
        codec=matching(
            r"(?:(ioemu:)?(fd|hd|sd|vd|xvd|ubd)[a-zA-Z0-9_]+)|(?:(/|[a-zA-Z]:\\)[^\n\r]+)",
            "absFilePath/diskTargetDev",
        ),
    )
    snapshot: SnapshotLocation | None = attr(default=None)
    type: StorageType | None = attr(
        doc="file, block or network",
        default=None,
        codec=allowed(StorageType.FILE, StorageType.BLOCK, StorageType.NETWORK),
    )
    driver: SnapshotDiskDriver | None = child(default=None)
    source: DiskSource | None = child(default=None)
    snapshot_delete_in_progress: SnapshotDeleteInProgress | None = child(default=None)


@element("disks")
class SnapshotDisks(Model):
    """``<disks>`` or ``<revertDisks>``: a list of snapshot disks."""

    disks: list[SnapshotDisk] = children(default_factory=list)


# libvirt dumps the cookie of the hypervisor driver (QEMU: the guest CPU and
# slirp helper state) itself; it is the driver's private data.
@element("cookie")
class Cookie(Model):
    """``<cookie>``: the hypervisor driver's private data, held as XML."""

    elements: list[etree._Element] = any_elements(
        doc="the driver's elements, as lxml elements", default_factory=list
    )


# The declaration order is libvirt's (virDomainSnapshotDefFormatInternal).
@element("domainsnapshot")
class DomainSnapshot(Model):
    """A libvirt domain snapshot."""

    name: str | None = leaf(default=None)
    description: str | None = leaf(default=None)
    state: SnapshotState | None = leaf(
        default=None,
        codec=allowed(
            SnapshotState.RUNNING,
            SnapshotState.BLOCKED,
            SnapshotState.PAUSED,
            SnapshotState.SHUTDOWN,
            SnapshotState.SHUTOFF,
            SnapshotState.CRASHED,
            SnapshotState.DISK_SNAPSHOT,
        ),
    )
    parent: Parent | None = child(default=None)
    creation_time: int | None = leaf("creationTime", doc="seconds since the epoch", default=None)
    memory: SnapshotMemory | None = child(default=None)
    disks: SnapshotDisks | None = child(default=None)
    revert_disks: SnapshotDisks | None = child(
        "revertDisks", doc="disks to revert to their images of this snapshot", default=None
    )
    domain: Domain | None = child(default=None)
    inactive_domain: Domain | None = child("inactiveDomain", default=None)
    cookie: Cookie | None = child(default=None)
    active: bool | None = leaf(
        codec=_ZERO_ONE, doc="this is the domain's current snapshot", default=None
    )


register_root(DomainSnapshot)
