"""Storage pools (libvirt's formatstorage, ``<pool>``)."""

from __future__ import annotations

import enum

from domxml.binding import Model, attr, child, children, element, leaf, register_root, variant
from domxml.models.storage.common import Permissions, ScaledInteger
from domxml.models.storage.source import (
    DirPoolSource,
    DiskPoolSource,
    FsPoolSource,
    GlusterPoolSource,
    IscsiDirectPoolSource,
    IscsiPoolSource,
    LogicalPoolSource,
    MpathPoolSource,
    NetFsPoolSource,
    PoolSource,
    RbdPoolSource,
    ScsiPoolSource,
    SheepdogPoolSource,
    VstoragePoolSource,
    ZfsPoolSource,
)
from domxml.models.types import AbsFilePath, ObjectName, Uuid

FS_NS = "http://libvirt.org/schemas/storagepool/fs/1.0"
RBD_NS = "http://libvirt.org/schemas/storagepool/rbd/1.0"


class PoolType(enum.Enum):
    """The kind of storage a pool manages (``<pool type=...>``)."""

    DIR = "dir"
    FS = "fs"
    NETFS = "netfs"
    LOGICAL = "logical"
    DISK = "disk"
    ISCSI = "iscsi"
    ISCSI_DIRECT = "iscsi-direct"
    SCSI = "scsi"
    MPATH = "mpath"
    RBD = "rbd"
    SHEEPDOG = "sheepdog"
    GLUSTER = "gluster"
    ZFS = "zfs"
    VSTORAGE = "vstorage"


class RefreshAllocation(enum.Enum):
    """How a pool refresh computes its volumes' allocation."""

    DEFAULT = "default"
    CAPACITY = "capacity"


@element("cow")
class Cow(Model):
    """``<cow>``: whether the pool's file system copies on write (btrfs)."""

    state: bool | None = attr()


@element("features")
class PoolFeatures(Model):
    """``<features>`` of a pool."""

    cow: Cow | None = child(default=None)


# libvirt writes <target>\n</target> even with nothing inside.
@element("target", self_close=False)
class PoolTarget(Model):
    """``<target>`` of a pool: where its volumes appear on the host."""

    path: AbsFilePath | None = leaf()
    permissions: Permissions | None = child(default=None)


@element("target", self_close=False)
class LogicalPoolTarget(PoolTarget):
    """``<target>`` of a ``logical`` pool: its path is optional."""

    path: AbsFilePath | None = leaf(default=None)


@element("volume")
class RefreshVolume(Model):
    """``<volume>`` of ``<refresh>``: how volume allocation is refreshed."""

    allocation: RefreshAllocation | None = attr(default=None)


@element("refresh")
class Refresh(Model):
    """``<refresh>``: pool refresh settings (RBD pools)."""

    volume: RefreshVolume | None = child(default=None)


@element("option", ns=FS_NS, prefix="fs")
class FsMountOption(Model):
    """``<fs:option>``: one mount option of a ``fs`` or ``netfs`` pool."""

    name: str | None = attr()


@element("mount_opts", ns=FS_NS, prefix="fs")
class FsMountOpts(Model):
    """``<fs:mount_opts>``: extra options to mount a ``fs`` or ``netfs`` pool with."""

    options: list[FsMountOption] = children(default_factory=list)


@element("option", ns=RBD_NS, prefix="rbd")
class RbdConfigOption(Model):
    """``<rbd:option>``: one Ceph configuration option of an ``rbd`` pool."""

    name: str | None = attr()
    value: str | None = attr()


@element("config_opts", ns=RBD_NS, prefix="rbd")
class RbdConfigOpts(Model):
    """``<rbd:config_opts>``: Ceph configuration options for an ``rbd`` pool."""

    options: list[RbdConfigOption] = children(default_factory=list)


@element("pool", discriminator="type")
class StoragePool(Model):
    """A libvirt storage pool; the subclass follows ``type`` (:class:`DirPool`...)."""

    type: PoolType | None = attr()
    name: ObjectName | None = leaf(default=None)
    uuid: Uuid | None = leaf(default=None)
    capacity: ScaledInteger | None = child("capacity", default=None)
    allocation: ScaledInteger | None = child("allocation", default=None)
    available: ScaledInteger | None = child("available", default=None)
    features: PoolFeatures | None = child(default=None)
    source: PoolSource | None = child(default=None)
    target: PoolTarget | None = child(default=None)
    refresh: Refresh | None = child(default=None)
    mount_opts: FsMountOpts | None = child(default=None)
    config_opts: RbdConfigOpts | None = child(default=None)


@variant("dir", without=("refresh", "mount_opts", "config_opts"))
class DirPool(StoragePool):
    """A ``dir`` pool."""

    name: ObjectName | None = leaf()
    source: DirPoolSource | None = child(default=None)
    target: PoolTarget | None = child()


@variant("fs", without=("refresh", "config_opts"))
class FsPool(StoragePool):
    """A ``fs`` pool."""

    name: ObjectName | None = leaf()
    source: FsPoolSource | None = child()
    target: PoolTarget | None = child()


@variant("netfs", without=("refresh", "config_opts"))
class NetFsPool(StoragePool):
    """A ``netfs`` pool."""

    name: ObjectName | None = leaf()
    source: NetFsPoolSource | None = child()
    target: PoolTarget | None = child()


@variant("logical", without=("refresh", "mount_opts", "config_opts"))
class LogicalPool(StoragePool):
    """A ``logical`` pool."""

    source: LogicalPoolSource | None = child()
    target: LogicalPoolTarget | None = child()


@variant("disk", without=("refresh", "mount_opts", "config_opts"))
class DiskPool(StoragePool):
    """A ``disk`` pool."""

    name: ObjectName | None = leaf()
    source: DiskPoolSource | None = child()
    target: PoolTarget | None = child()


@variant("iscsi", without=("refresh", "mount_opts", "config_opts"))
class IscsiPool(StoragePool):
    """A ``iscsi`` pool."""

    name: ObjectName | None = leaf()
    source: IscsiPoolSource | None = child()
    target: PoolTarget | None = child()


@variant("iscsi-direct", without=("target", "refresh", "mount_opts", "config_opts"))
class IscsiDirectPool(StoragePool):
    """A ``iscsi-direct`` pool."""

    name: ObjectName | None = leaf()
    source: IscsiDirectPoolSource | None = child()


@variant("scsi", without=("refresh", "mount_opts", "config_opts"))
class ScsiPool(StoragePool):
    """A ``scsi`` pool."""

    name: ObjectName | None = leaf()
    source: ScsiPoolSource | None = child()
    target: PoolTarget | None = child()


@variant("mpath", without=("refresh", "mount_opts", "config_opts"))
class MpathPool(StoragePool):
    """A ``mpath`` pool."""

    name: ObjectName | None = leaf()
    source: MpathPoolSource | None = child(default=None)
    target: PoolTarget | None = child()


@variant("rbd", without=("target", "mount_opts"))
class RbdPool(StoragePool):
    """A ``rbd`` pool."""

    source: RbdPoolSource | None = child()


@variant("sheepdog", without=("target", "refresh", "mount_opts", "config_opts"))
class SheepdogPool(StoragePool):
    """A ``sheepdog`` pool."""

    source: SheepdogPoolSource | None = child()


@variant("gluster", without=("target", "refresh", "mount_opts", "config_opts"))
class GlusterPool(StoragePool):
    """A ``gluster`` pool."""

    source: GlusterPoolSource | None = child()


@variant("zfs", without=("refresh", "mount_opts", "config_opts"))
class ZfsPool(StoragePool):
    """A ``zfs`` pool."""

    source: ZfsPoolSource | None = child()


@variant("vstorage", without=("refresh", "mount_opts", "config_opts"))
class VstoragePool(StoragePool):
    """A ``vstorage`` pool."""

    source: VstoragePoolSource | None = child()
    target: PoolTarget | None = child()


register_root(StoragePool)
