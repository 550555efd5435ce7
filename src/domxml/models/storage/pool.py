"""Storage pools (libvirt's formatstorage, ``<pool>``)."""

from __future__ import annotations

import enum

from domxml.binding import Model, attr, child, children, element, leaf, register_root
from domxml.models.storage.common import Permissions, ScaledInteger
from domxml.models.storage.source import PoolSource
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

    path: AbsFilePath | None = leaf(default=None)
    permissions: Permissions | None = child(default=None)


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


@element("pool")
class StoragePool(Model):
    """A libvirt storage pool."""

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


register_root(StoragePool)
