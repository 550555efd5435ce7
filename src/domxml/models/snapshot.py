"""Domain snapshots (libvirt's formatsnapshot): ``<domainsnapshot>``.

A snapshot names the state it captures (memory and disks) and, once
taken, embeds the domain's definition as it was: ``<domain>`` (and, for a
running domain, its persistent definition as ``<inactiveDomain>``), both
bound to :class:`~domxml.models.domain.Domain`.
"""

from __future__ import annotations

import dataclasses
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
    variant,
)
from domxml.models.domain import Domain
from domxml.models.domain.storage_source import (
    DiskSource,
    MetadataCache,
    NetworkDiskSource,
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


# A file means an external snapshot (snapshot='external' may be left out);
# no and internal have none.
@element(
    "memory",
    depends=(
        depends_on(
            "snapshot",
            allows={None: ("file",), SnapshotLocation.EXTERNAL: ("file",)},
            needs={None: ("file",), SnapshotLocation.EXTERNAL: ("file",)},
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


# Only an external snapshot (snapshot='external' may be left out) has a new
# image: a type (the subclass), a source, a driver. The base (no type: a
# file) leaves out the source: its class holds every type's.
_NEW_IMAGE = ("driver", "source", "snapshot_delete_in_progress")


@element(
    "disk",
    discriminator="type",
    untyped="file",
    without=("source",),
    depends=(
        depends_on(
            "snapshot",
            allows={None: _NEW_IMAGE, SnapshotLocation.EXTERNAL: _NEW_IMAGE},
        ),
    ),
)
class SnapshotDisk(Model):
    """``<disk>``: what the snapshot does with one of the domain's disks.

    An external snapshot names its new image with ``type`` (the subclass
    follows it), ``driver`` and ``source``.
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


def _allowing(*fields: str) -> tuple[str, ...]:
    """Every field of DiskSource but ``fields``."""
    return tuple(f.name for f in dataclasses.fields(DiskSource) if f.name not in fields)


# Unlike a disk's, a snapshot disk's source is a sequence: its seclabels,
# slices, data store and encryption come in this order.
_LAST = ("seclabels", "slices", "data_store", "encryption")
_ORDER = (*(name for name in _allowing(*_LAST)), *_LAST)


# The new image of a snapshot disk has no startupPolicy, fdgroup or
# reservations: the snapshot's schema allows none.
@element(
    "source",
    field_order=_ORDER,
    without=_allowing("file", "index", *_LAST),
)
class SnapshotFileSource(DiskSource):
    """``<source>`` of a ``file`` snapshot disk: the new image file."""

    file: AbsFilePath | None = attr(default=None)


@element("source", field_order=_ORDER, without=_allowing("dev", "index", *_LAST))
class SnapshotBlockSource(DiskSource):
    """``<source>`` of a ``block`` snapshot disk: the block device of the new image."""

    dev: AbsFilePath | None = attr()


_EXTERNAL_ONLY = allowed(SnapshotLocation.EXTERNAL)


@variant("file")
class FileSnapshotDisk(SnapshotDisk):
    """``<disk type='file'>``: an external snapshot into a new image file."""

    snapshot: SnapshotLocation | None = attr(default=None, codec=_EXTERNAL_ONLY)
    source: SnapshotFileSource | None = child(default=None)


@variant("block")
class BlockSnapshotDisk(SnapshotDisk):
    """``<disk type='block'>``: an external snapshot onto a block device."""

    snapshot: SnapshotLocation | None = attr(default=None, codec=_EXTERNAL_ONLY)
    source: SnapshotBlockSource | None = child(default=None)


@variant("network", without=("driver", "snapshot_delete_in_progress"))
class NetworkSnapshotDisk(SnapshotDisk):
    """``<disk type='network'>``: an external snapshot into a new image on a server."""

    snapshot: SnapshotLocation | None = attr(default=None, codec=_EXTERNAL_ONLY)
    source: NetworkDiskSource | None = child()


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
