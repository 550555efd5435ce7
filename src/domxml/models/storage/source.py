"""A storage pool's ``<source>``: where the pool's storage comes from.

As in libvirt's ``virStoragePoolSource``, :class:`PoolSource` holds the
source of every pool type; each type's own class (:class:`NetFsPoolSource`,
:class:`IscsiPoolSource`...) is what that pool type's variant reads: it
says which of the fields libvirt's schema allows (``without=``) and
requires (declared again without a default) for that type.
"""

from __future__ import annotations

import dataclasses
import enum

from domxml.binding import (
    HEX2,
    HEX4,
    INT,
    ON_OFF,
    IntCodec,
    Model,
    allowed,
    attr,
    child,
    children,
    depends_on,
    element,
    leaf,
    matching,
    variant,
)
from domxml.models.storage.common import Extent
from domxml.models.types import AbsDirPath, HostName, PositiveInt, Wwn

# libvirt writes a PCI function as function='0x%d': one digit.
HEX1 = IntCodec(1)


class PoolFormat(enum.Enum):
    """The format of a pool's source (``<format type=...>``), by pool type.

    ``fs``: a file system; ``netfs``: a network file system; ``disk``: a
    partition table; ``logical``: an LVM volume group.
    """

    # fs and netfs
    AUTO = "auto"
    # fs
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
    # netfs
    NFS = "nfs"
    GLUSTERFS = "glusterfs"
    CIFS = "cifs"
    # disk and logical
    UNKNOWN = "unknown"
    LVM2 = "lvm2"
    # disk
    DOS = "dos"
    DVH = "dvh"
    GPT = "gpt"
    MAC = "mac"
    BSD = "bsd"
    PC98 = "pc98"
    SUN = "sun"


class AdapterType(enum.Enum):
    """The kind of SCSI host adapter of a ``scsi`` pool."""

    SCSI_HOST = "scsi_host"
    FC_HOST = "fc_host"


class AuthType(enum.Enum):
    """The authentication protocol of an iSCSI or RBD source."""

    CHAP = "chap"
    CEPH = "ceph"


@element("host")
class Host(Model):
    """``<host>``: a storage server, by DNS name or IP address."""

    name: HostName | None = attr()
    port: int | None = attr(default=None, codec=INT.within(-1, 65535))


_IQN = r"iqn\.[0-9]{4}-(0[1-9]|1[0-2])\.[a-zA-Z0-9\.\-]+(:[^\n\r]+)?"


@element("device")
class PoolSourceDevice(Model):
    """``<device>``: a block device, or an iSCSI target IQN, the pool is built on."""

    path: str | None = attr(
        codec=matching(
            r"(?:(?:(/|[a-zA-Z]:\\)[^\n\r]+)|(?:[a-zA-Z0-9_\+\-]+)|(?:iqn\.[0-9]{4}-(0[1-9]|1[0-2])\.[a-zA-Z0-9\.\-]+(:[^\n\r]+)?))|(?:iqn\.[0-9]{4}-(0[1-9]|1[0-2])\.[a-zA-Z0-9\.\-]+(:[^\n\r]+)?)",
            "IscsiQualifiedName/absFilePath/genericName",
        )
    )
    part_separator: bool | None = attr(
        doc="disk pools: partition names have a 'p' separator", default=None
    )
    free_extents: list[Extent] = children("freeExtent", default_factory=list)


@element("device", without=("part_separator", "free_extents"))
class IscsiDirectDevice(PoolSourceDevice):
    """``<device>`` of an ``iscsi-direct`` pool: the target's IQN, nothing else."""

    path: str | None = attr(codec=matching(_IQN, "IscsiQualifiedName"))


@element("dir")
class SourceDir(Model):
    """``<dir>``: the exported directory of a network file system or gluster volume.

    The path is absolute; a ``netfs`` pool of format ``cifs`` or
    ``glusterfs`` also accepts a relative one (a share or volume name,
    ``samba_share``), which is kept as read. The declaration says absolute:
    it cannot make a value's pattern depend on another element's value.
    """

    path: AbsDirPath | None = attr()


@element("address")
class PciAddress(Model):
    """``<address>``: the PCI address of a SCSI host's parent device."""

    domain: int | None = attr(codec=HEX4.within(0, 4294967295), default=None)
    bus: int | None = attr(codec=HEX2.within(0, 255), default=None)
    slot: int | None = attr(codec=HEX2.within(0, 31), default=None)
    function: int | None = attr(codec=HEX1.within(0, 7), default=None)
    multifunction: bool | None = attr(codec=ON_OFF, default=None)


@element("parentaddr")
class ParentAddr(Model):
    """``<parentaddr>``: a SCSI host found by its parent's PCI address, stable across boots."""

    unique_id: PositiveInt | None = attr(default=None)
    address: PciAddress | None = child()


@element("adapter", discriminator="type", untyped="scsi_host")
class Adapter(Model):
    """``<adapter>``: the SCSI host of a ``scsi`` pool; the subclass follows ``type``.

    A ``scsi_host`` is named (``name='host0'``) or found by ``parentaddr``;
    an ``fc_host`` is a (possibly created) vHBA given by its WWNN and WWPN.
    An adapter without ``type`` is a ``scsi_host`` (libvirt keeps that form
    for old documents) and reads as this base class.
    """

    type: AdapterType | None = attr(default=None)
    name: str | None = attr(doc="scsi_host: e.g. host0", default=None)
    parent: str | None = attr(doc="fc_host: the parent HBA, e.g. scsi_host5", default=None)
    managed: bool | None = attr(default=None)
    parent_wwnn: Wwn | None = attr(default=None)
    parent_wwpn: Wwn | None = attr(default=None)
    parent_fabric_wwn: Wwn | None = attr(default=None)
    wwnn: Wwn | None = attr(default=None)
    wwpn: Wwn | None = attr(default=None)
    parentaddr: ParentAddr | None = child(default=None)


_FC_ONLY = ("parent", "managed", "parent_wwnn", "parent_wwpn", "parent_fabric_wwn", "wwnn", "wwpn")


@variant(
    "scsi_host",
    exclusive=(("name", "parentaddr"),),
    one_needed=(("name", "parentaddr"),),
    without=_FC_ONLY,
)
class ScsiHostAdapter(Adapter):
    """``<adapter type='scsi_host'>``: a SCSI host, by name or by its parent's PCI address."""


@variant("fc_host", without=("name", "parentaddr"))
class FcHostAdapter(Adapter):
    """``<adapter type='fc_host'>``: a vHBA, by its WWNN and WWPN."""

    wwnn: Wwn | None = attr()
    wwpn: Wwn | None = attr()


@element("secret", exclusive=(("uuid", "usage"),), one_needed=(("uuid", "usage"),))
class AuthSecret(Model):
    """``<secret>`` of an ``<auth>``: a libvirt secret named by ``uuid`` or ``usage``."""

    uuid: str | None = attr(default=None)
    usage: str | None = attr(default=None)


@element("auth")
class Auth(Model):
    """``<auth>``: the credentials to log in to an iSCSI target or Ceph cluster."""

    type: AuthType | None = attr()
    username: str | None = attr()
    secret: AuthSecret | None = child()


@element("iqn")
class Iqn(Model):
    """``<iqn>``: an iSCSI qualified name."""

    name: str | None = attr()


@element("initiator")
class Initiator(Model):
    """``<initiator>``: the iSCSI initiator to log in as."""

    iqn: Iqn | None = child()


@element("vendor")
class Vendor(Model):
    """``<vendor>``: the vendor of the source's storage device."""

    name: str | None = attr()


@element("product")
class Product(Model):
    """``<product>``: the product name of the source's storage device."""

    name: str | None = attr()


@element(
    "format",
    depends=(
        depends_on(
            "type",
            allows={
                PoolFormat.UNKNOWN: ("product", "vendor"),
                PoolFormat.LVM2: ("product", "vendor"),
                PoolFormat.DOS: ("product", "vendor"),
                PoolFormat.DVH: ("product", "vendor"),
                PoolFormat.GPT: ("product", "vendor"),
                PoolFormat.MAC: ("product", "vendor"),
                PoolFormat.BSD: ("product", "vendor"),
                PoolFormat.PC98: ("product", "vendor"),
                PoolFormat.SUN: ("product", "vendor"),
            },
        ),
    ),
)
class SourceFormat(Model):
    """``<format>``: the file system, partition table or volume group format.

    libvirt's schema also accepts ``<vendor>`` and ``<product>`` inside the
    ``<format>`` of a disk or logical pool; libvirt itself reads them only
    as children of ``<source>``.
    """

    type: PoolFormat | None = attr()
    vendor: Vendor | None = child(default=None)
    product: Product | None = child(default=None)


@element("format", without=("vendor", "product"))
class FsFormat(SourceFormat):
    """``<format>`` of a ``fs`` pool: the file system."""

    type: PoolFormat | None = attr(
        codec=allowed(
            PoolFormat.AUTO,
            PoolFormat.EXT2,
            PoolFormat.EXT3,
            PoolFormat.EXT4,
            PoolFormat.UFS,
            PoolFormat.ISO9660,
            PoolFormat.UDF,
            PoolFormat.GFS,
            PoolFormat.GFS2,
            PoolFormat.VFAT,
            PoolFormat.HFS_PLUS,
            PoolFormat.XFS,
            PoolFormat.OCFS2,
            PoolFormat.VMFS,
        )
    )


@element("format", without=("vendor", "product"))
class NetFsFormat(SourceFormat):
    """``<format>`` of a ``netfs`` pool: the network file system."""

    type: PoolFormat | None = attr(
        codec=allowed(PoolFormat.AUTO, PoolFormat.NFS, PoolFormat.GLUSTERFS, PoolFormat.CIFS)
    )


@element("format")
class DiskFormat(SourceFormat):
    """``<format>`` of a ``disk`` pool: the partition table."""

    type: PoolFormat | None = attr(
        codec=allowed(
            PoolFormat.UNKNOWN,
            PoolFormat.DOS,
            PoolFormat.DVH,
            PoolFormat.GPT,
            PoolFormat.MAC,
            PoolFormat.BSD,
            PoolFormat.PC98,
            PoolFormat.SUN,
            PoolFormat.LVM2,
        )
    )


@element("format")
class LogicalFormat(SourceFormat):
    """``<format>`` of a ``logical`` pool: the volume group's."""

    type: PoolFormat | None = attr(codec=allowed(PoolFormat.UNKNOWN, PoolFormat.LVM2))


@element("protocol")
class Protocol(Model):
    """``<protocol>``: the NFS protocol version to mount with."""

    ver: str | None = attr(doc="e.g. 3, 4.1")


# libvirt always writes <source>\n</source>, even with nothing inside.
@element("source", self_close=False)
class PoolSource(Model):
    """``<source>`` of a pool: hosts, devices, directory, adapter, name, auth..."""

    hosts: list[Host] = children(default_factory=list)
    devices: list[PoolSourceDevice] = children(default_factory=list)
    dir: SourceDir | None = child(default=None)
    adapter: Adapter | None = child(default=None)
    name: str | None = leaf(doc="volume group, RBD pool, gluster volume, ZFS pool...", default=None)
    initiator: Initiator | None = child(default=None)
    format: SourceFormat | None = child(default=None)
    auth: Auth | None = child(default=None)
    protocol: Protocol | None = child(default=None)
    vendor: Vendor | None = child(default=None)
    product: Product | None = child(default=None)


def _allowing(*fields: str) -> tuple[str, ...]:
    """What a pool type's ``<source>`` does not allow: every field of PoolSource but ``fields``."""
    return tuple(f.name for f in dataclasses.fields(PoolSource) if f.name not in fields)


_VENDOR = ("vendor", "product")
_NAME_DOC = "volume group, RBD pool, gluster volume, ZFS pool..."


@element("source", self_close=False, without=_allowing(*_VENDOR))
class DirPoolSource(PoolSource):
    """``<source>`` of a ``dir`` pool."""


@element("source", self_close=False, without=_allowing("devices", "format", *_VENDOR))
class FsPoolSource(PoolSource):
    """``<source>`` of a ``fs`` pool."""

    devices: list[PoolSourceDevice] = children(max_items=1)
    format: FsFormat | None = child(default=None)


# libvirt's schema has two forms of netfs source: an NFS export (no format,
# auto or nfs; a <protocol> allowed) and a CIFS share or gluster volume
# (format cifs or glusterfs; no <protocol>).
_NFS = ("protocol",)


@element(
    "source",
    self_close=False,
    without=_allowing("hosts", "dir", "format", "protocol", *_VENDOR),
    depends=(
        depends_on(
            "format.type",
            allows={None: _NFS, PoolFormat.AUTO: _NFS, PoolFormat.NFS: _NFS},
        ),
    ),
)
class NetFsPoolSource(PoolSource):
    """``<source>`` of a ``netfs`` pool: an NFS export, a CIFS share or a gluster volume.

    ``<protocol>`` (the NFS version) is for NFS only: no ``<format>``, or
    format ``auto`` or ``nfs``.
    """

    hosts: list[Host] = children()
    dir: SourceDir | None = child()
    format: NetFsFormat | None = child(default=None)


@element("source", self_close=False, without=_allowing("name", "devices", "format", *_VENDOR))
class LogicalPoolSource(PoolSource):
    """``<source>`` of a ``logical`` pool."""

    format: LogicalFormat | None = child(default=None)


@element("source", self_close=False, without=_allowing("devices", "format", *_VENDOR))
class DiskPoolSource(PoolSource):
    """``<source>`` of a ``disk`` pool."""

    devices: list[PoolSourceDevice] = children(max_items=1)
    format: DiskFormat | None = child(default=None)


@element(
    "source",
    self_close=False,
    without=_allowing("hosts", "devices", "initiator", "auth", *_VENDOR),
)
class IscsiPoolSource(PoolSource):
    """``<source>`` of a ``iscsi`` pool."""

    hosts: list[Host] = children()
    devices: list[PoolSourceDevice] = children(max_items=1)


@element("source", self_close=False, without=_allowing("hosts", "devices", "initiator", "auth"))
class IscsiDirectPoolSource(PoolSource):
    """``<source>`` of a ``iscsi-direct`` pool."""

    hosts: list[Host] = children()
    # Items narrower than the base's: libvirt allows an IQN only here.
    devices: list[IscsiDirectDevice] = children(max_items=1)  # type: ignore[assignment]
    initiator: Initiator | None = child()


@element("source", self_close=False, without=_allowing("adapter", *_VENDOR))
class ScsiPoolSource(PoolSource):
    """``<source>`` of a ``scsi`` pool."""

    adapter: Adapter | None = child()


@element("source", self_close=False, without=_allowing())
class MpathPoolSource(PoolSource):
    """``<source>`` of a ``mpath`` pool: always empty."""


@element("source", self_close=False, without=_allowing("hosts", "name", "auth"))
class RbdPoolSource(PoolSource):
    """``<source>`` of a ``rbd`` pool."""

    hosts: list[Host] = children()
    name: str | None = leaf(doc=_NAME_DOC)


@element("source", self_close=False, without=_allowing("hosts", "name"))
class SheepdogPoolSource(PoolSource):
    """``<source>`` of a ``sheepdog`` pool."""

    hosts: list[Host] = children()
    name: str | None = leaf(doc=_NAME_DOC)


@element("source", self_close=False, without=_allowing("hosts", "name", "dir"))
class GlusterPoolSource(PoolSource):
    """``<source>`` of a ``gluster`` pool."""

    hosts: list[Host] = children()
    name: str | None = leaf(doc=_NAME_DOC)


@element("source", self_close=False, without=_allowing("name", "devices"))
class ZfsPoolSource(PoolSource):
    """``<source>`` of a ``zfs`` pool."""

    name: str | None = leaf(doc=_NAME_DOC)
    devices: list[PoolSourceDevice] = children(default_factory=list, max_items=1)


@element("source", self_close=False, without=_allowing("name"))
class VstoragePoolSource(PoolSource):
    """``<source>`` of a ``vstorage`` pool."""

    name: str | None = leaf(doc=_NAME_DOC)
