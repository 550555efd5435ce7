"""Storage volumes (libvirt's formatstorage, ``<volume>``)."""

from __future__ import annotations

import enum

from domxml.binding import (
    Model,
    allowed,
    attr,
    child,
    children,
    element,
    leaf,
    matching,
    register_root,
)
from domxml.models.storage.common import Encryption, Extent, Flag, Permissions, ScaledInteger
from domxml.models.types import AbsFilePath, Timestamp

#: A volume's name (volName): any text without ``/``, but not ``.`` or ``..``,
#: which the schema compares as tokens (``" .. "`` is ``..``): so a character
#: other than a dot or a space, or three dots in a row (spelt without a
#: lookahead: XML Schema patterns have none, and hypothesis's regex strategies
#: ignore a negative one).
VOL_NAME = matching(r"[^/]*[^/. \t\r\n][^/]*|[^/]*\.\.\.[^/]*", "volName")


class VolumeType(enum.Enum):
    """What a volume is on the host (``<volume type=...>``)."""

    FILE = "file"
    BLOCK = "block"
    DIR = "dir"
    NETWORK = "network"
    NETDIR = "netdir"
    # Not in the schema, but libvirt reports it for vstorage volumes.
    PLOOP = "ploop"


class VolumeFormat(enum.Enum):
    """The format of a volume (``<format type=...>``), by the kind of pool.

    File formats for directory-like pools, file systems for volumes of
    ``fs`` pools, partition types for ``disk`` pools.
    """

    # file images
    UNKNOWN = "unknown"
    RAW = "raw"
    DIR = "dir"
    BOCHS = "bochs"
    CLOOP = "cloop"
    DMG = "dmg"
    ISO = "iso"
    VPC = "vpc"
    VDI = "vdi"
    FAT = "fat"
    VHD = "vhd"
    PLOOP = "ploop"
    LUKS = "luks"
    COW = "cow"
    QCOW = "qcow"
    QCOW2 = "qcow2"
    QED = "qed"
    VMDK = "vmdk"
    # file systems, and disk partitions
    NONE = "none"
    # file systems
    AUTO = "auto"
    EXT2 = "ext2"
    EXT3 = "ext3"
    EXT4 = "ext4"
    UFS = "ufs"
    ISO9660 = "iso9660"
    UDF = "udf"
    GFS = "gfs"
    GFS2 = "gfs2"
    VFAT = "vfat"
    HFS_PLUS = "hfs+"
    XFS = "xfs"
    OCFS2 = "ocfs2"
    VMFS = "vmfs"
    # disk partitions
    LINUX = "linux"
    FAT16 = "fat16"
    FAT32 = "fat32"
    LINUX_SWAP = "linux-swap"
    LINUX_LVM = "linux-lvm"
    LINUX_RAID = "linux-raid"
    EXTENDED = "extended"


@element("device")
class VolumeSourceDevice(Model):
    """``<device>``: a host device holding extents of the volume."""

    path: AbsFilePath | None = attr()
    extents: list[Extent] = children(default_factory=list)


# libvirt writes <source>\n</source> when the volume has no extents.
@element("source", self_close=False)
class VolumeSource(Model):
    """``<source>`` of a volume: where its data lies in the pool's devices."""

    devices: list[VolumeSourceDevice] = children(default_factory=list)


@element("format")
class TargetFormat(Model):
    """``<format>``: the format of a volume or of its backing store."""

    type: VolumeFormat | None = attr()


# libvirt writes <timestamps>\n</timestamps> when it knows no time.
@element("timestamps", self_close=False)
class Timestamps(Model):
    """``<timestamps>``: seconds since the epoch, with up to nanoseconds (``1341933637.273190990``).

    Read-only: libvirt reports them and ignores them on input.
    """

    atime: Timestamp | None = leaf(doc="last access", default=None)
    mtime: Timestamp | None = leaf(doc="last modification", default=None)
    ctime: Timestamp | None = leaf(doc="last status change", default=None)
    btime: Timestamp | None = leaf(doc="creation (birth)", default=None)


@element("features")
class VolumeFeatures(Model):
    """``<features>`` of a qcow2 volume."""

    lazy_refcounts: Flag | None = child("lazy_refcounts", default=None)
    extended_l2: Flag | None = child("extended_l2", default=None)


# libvirt writes <target>\n</target> even with nothing inside.
@element("target", self_close=False)
class VolumeTarget(Model):
    """``<target>`` of a volume: its path, format, permissions and on-disk options."""

    path: str | None = leaf(default=None)
    format: TargetFormat | None = child(default=None)
    permissions: Permissions | None = child(default=None)
    timestamps: Timestamps | None = child(default=None)
    encryption: Encryption | None = child(default=None)
    compat: str | None = leaf(
        doc="qcow2 compatibility level, e.g. 0.10 or 1.1",
        default=None,
        codec=matching(r"[0-9]+\.[0-9]+", "compat"),
    )
    cluster_size: ScaledInteger | None = child("clusterSize", default=None)
    # Never written by libvirt: <nocow/> only matters when creating a volume.
    nocow: Flag | None = child("nocow", default=None)
    features: VolumeFeatures | None = child(default=None)


@element("backingStore", self_close=False)
class BackingStore(Model):
    """``<backingStore>``: the image a copy-on-write volume is based on."""

    path: AbsFilePath | None = leaf()
    format: TargetFormat | None = child(default=None)
    permissions: Permissions | None = child(default=None)
    timestamps: Timestamps | None = child(default=None)


@element("volume")
class StorageVolume(Model):
    """A libvirt storage volume."""

    type: VolumeType | None = attr(
        default=None,
        codec=allowed(
            VolumeType.FILE, VolumeType.BLOCK, VolumeType.DIR, VolumeType.NETWORK, VolumeType.NETDIR
        ),
    )
    name: str = leaf(codec=VOL_NAME)
    key: str | None = leaf(default=None)
    source: VolumeSource | None = child(default=None)
    capacity: ScaledInteger | None = child("capacity", default=None)
    allocation: ScaledInteger | None = child("allocation", default=None)
    physical: ScaledInteger | None = child("physical", default=None)
    target: VolumeTarget | None = child()
    backing_store: BackingStore | None = child(default=None)


register_root(StorageVolume)
