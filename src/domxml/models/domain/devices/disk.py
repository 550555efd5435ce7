"""Device models: ``<disk>`` (formatdomain "Hard drives, floppy disks, CDROMs").

A disk is a storage source (``type`` and ``<source>``: one variant per
type, :class:`FileDisk`, :class:`NetworkDisk`..., each with its type's
source, :class:`~domxml.models.domain.storage_source.FileDiskSource`...)
presented to the guest as a device (``device``, ``<target>``),
with its backing chain (``<backingStore>``, nested), the block job
writing to it (``<mirror>``), the hypervisor's ``<driver>`` options and
I/O limits (``<iotune>`` or ``<throttlefilters>``).

The ``<iothreads>`` mapping of a ``<driver>`` is shared with SCSI and
virtio controllers.
"""

from __future__ import annotations

import enum

from domxml.binding import (
    ON_OFF,
    Model,
    allowed,
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
from domxml.models.domain.devices.address import Address
from domxml.models.domain.devices.common import Alias, BackendDomain, DeviceAcpi, DeviceBoot
from domxml.models.domain.storage_source import (
    Auth,
    BlockDiskSource,
    DirDiskSource,
    DiskFormat,
    DiskSource,
    FileDiskSource,
    MetadataCache,
    NetworkDiskSource,
    NvmeDiskSource,
    StorageFormat,
    StorageType,
    VhostUserDiskSource,
    VhostVdpaDiskSource,
    VolumeDiskSource,
)
from domxml.models.storage.common import Encryption, Flag
from domxml.models.types import AbsFilePath, GenericName, Long, PositiveInt, UInt, ULong, Wwn


class DiskDevice(enum.Enum):
    """How the disk appears to the guest (``<disk device=...>``).

    ``lun``: a SCSI LUN passed through (block or iSCSI sources only).
    """

    FLOPPY = "floppy"
    DISK = "disk"
    CDROM = "cdrom"
    LUN = "lun"


class DiskModel(enum.Enum):
    """The virtio flavour of a virtio disk (``<disk model=...>``)."""

    VIRTIO = "virtio"
    VIRTIO_TRANSITIONAL = "virtio-transitional"
    VIRTIO_NON_TRANSITIONAL = "virtio-non-transitional"


class Sgio(enum.Enum):
    """Whether SCSI commands of a ``lun`` are filtered (``<disk sgio=...>``)."""

    FILTERED = "filtered"
    UNFILTERED = "unfiltered"


# The same words as a domain snapshot's SnapshotLocation; that module imports
# the domain, so the disk cannot import it.
class DiskSnapshotMode(enum.Enum):
    """The default snapshot of this disk (``<disk snapshot=...>``).

    ``no``: never snapshotted; ``internal``: inside the image (qcow2);
    ``external``: in a new file; ``manual``: left to the user.
    """

    NO = "no"
    INTERNAL = "internal"
    EXTERNAL = "external"
    MANUAL = "manual"


class CacheMode(enum.Enum):
    """The host page cache mode of the image (``<driver cache=...>``)."""

    DEFAULT = "default"
    NONE = "none"
    WRITETHROUGH = "writethrough"
    WRITEBACK = "writeback"
    DIRECTSYNC = "directsync"
    UNSAFE = "unsafe"


class ErrorPolicy(enum.Enum):
    """What to do on an I/O error (``error_policy``; ``rerror_policy`` for reads).

    ``enospace``: stop on "no space left", report other errors (writes only).
    """

    STOP = "stop"
    REPORT = "report"
    IGNORE = "ignore"
    ENOSPACE = "enospace"


class IoMode(enum.Enum):
    """How the hypervisor does the disk I/O (``<driver io=...>``)."""

    THREADS = "threads"
    NATIVE = "native"
    IO_URING = "io_uring"


class DiscardMode(enum.Enum):
    """What to do with the guest's discard (trim) requests (``<driver discard=...>``)."""

    UNMAP = "unmap"
    IGNORE = "ignore"


class DetectZeroes(enum.Enum):
    """Whether writes of zeroes are detected (``<driver detect_zeroes=...>``).

    ``unmap``: also discard them, when ``discard='unmap'``.
    """

    OFF = "off"
    ON = "on"
    UNMAP = "unmap"


class DiskBus(enum.Enum):
    """The bus the guest sees the disk on (``<target bus=...>``)."""

    IDE = "ide"
    FDC = "fdc"
    SCSI = "scsi"
    VIRTIO = "virtio"
    XEN = "xen"
    USB = "usb"
    UML = "uml"
    SATA = "sata"
    SD = "sd"


class TrayState(enum.Enum):
    """The tray of a CD-ROM or floppy drive (``<target tray=...>``)."""

    OPEN = "open"
    CLOSED = "closed"


class GeometryTranslation(enum.Enum):
    """The BIOS translation of a disk's geometry (``<geometry trans=...>``)."""

    AUTO = "auto"
    NONE = "none"
    LBA = "lba"


class MirrorJob(enum.Enum):
    """The block job writing to a mirror (``<mirror job=...>``)."""

    COPY = "copy"
    ACTIVE_COMMIT = "active-commit"


class MirrorReady(enum.Enum):
    """The state of a mirror's job (``<mirror ready=...>``).

    ``yes``: ready to pivot; ``abort``/``pivot``: being ended that way.
    """

    YES = "yes"
    ABORT = "abort"
    PIVOT = "pivot"


# --- <driver> ------------------------------------------------------------------


@element("queue")
class IothreadQueue(Model):
    """``<queue>``: a virtqueue served by the enclosing IOThread."""

    id: UInt | None = attr()


@element("iothread")
class IothreadMapping(Model):
    """``<iothread>``: an IOThread of the domain and the virtqueues it serves."""

    id: UInt | None = attr(doc="the IOThread's id in <iothreadids>")
    queues: list[IothreadQueue] = children(default_factory=list)


@element("iothreads")
class DriverIothreads(Model):
    """``<iothreads>``: the IOThreads that serve a device's queues."""

    iothreads: list[IothreadMapping] = children()


# The declaration order is libvirt's (virDomainDiskDefFormatDriver).
@element("driver")
class DiskDriver(Model):
    """``<driver>``: the hypervisor's driver for the disk, and its options."""

    name: GenericName | None = attr(
        doc="the driver: qemu; file, phy, tap, tap2 for Xen...", default=None
    )
    type: StorageFormat | None = attr(doc="the image format", default=None)
    cache: CacheMode | None = attr(default=None)
    error_policy: ErrorPolicy | None = attr(default=None)
    rerror_policy: ErrorPolicy | None = attr(
        doc="on read errors (enospace does not apply)",
        default=None,
        codec=allowed(ErrorPolicy.STOP, ErrorPolicy.REPORT, ErrorPolicy.IGNORE),
    )
    io: IoMode | None = attr(default=None)
    ioeventfd: bool | None = attr(codec=ON_OFF, default=None)
    event_idx: bool | None = attr(codec=ON_OFF, default=None)
    copy_on_read: bool | None = attr(codec=ON_OFF, default=None)
    discard: DiscardMode | None = attr(default=None)
    iothread: UInt | None = attr(doc="the IOThread serving the disk", default=None)
    detect_zeroes: DetectZeroes | None = attr(default=None)
    discard_no_unref: bool | None = attr(codec=ON_OFF, default=None)
    queues: PositiveInt | None = attr(default=None)
    queue_size: PositiveInt | None = attr(default=None)
    iommu: bool | None = attr(codec=ON_OFF, doc="use the emulated IOMMU", default=None)
    ats: bool | None = attr(codec=ON_OFF, doc="PCIe Address Translation Services", default=None)
    packed: bool | None = attr(codec=ON_OFF, doc="packed virtqueues", default=None)
    page_per_vq: bool | None = attr(
        codec=ON_OFF, doc="a page per virtqueue for notifications", default=None
    )
    metadata_cache: MetadataCache | None = child(default=None)
    iothreads: DriverIothreads | None = child(default=None)


# --- the backing chain and block jobs ----------------------------------------------


# Without a type, a backing store is the end of the chain (empty) or a file
# (with a format); the base leaves out the source: its class holds every
# type's.
@element(
    "backingStore",
    discriminator="type",
    requires=(("index", "format"), ("backing_store", "format")),
    without=("source",),
)
class BackingStore(Model):
    """``<backingStore>``: the image below this one in the chain; the subclass follows ``type``.

    Each holds the next down; an empty ``<backingStore/>`` (this class)
    ends the chain (there is no backing image), while no element at all
    means libvirt has not looked. A backing image has a ``format``.
    """

    type: StorageType | None = attr(default=None)
    index: PositiveInt | None = attr(
        doc="the image's place in the chain (the disk's source is 0)", default=None
    )
    format: DiskFormat | None = child(default=None)
    source: DiskSource | None = child(default=None)
    backing_store: BackingStore | None = child(default=None)


# The declaration order is libvirt's (virDomainDiskDefMirrorFormat). A file
# mirror (the type may be left out) may be in the older form: ``file`` (and
# the ``format`` attribute, which needs it), with a ``job`` of copy or none.
# The base leaves out the source: its class holds every type's.
@element(
    "mirror",
    discriminator="type",
    requires=(("file_format", "file"),),
    without=("source",),
    depends=(
        depends_on(
            "job",
            allows={
                None: ("file", "file_format"),
                MirrorJob.COPY: ("file", "file_format"),
            },
            needs={None: ("file",)},
        ),
    ),
)
class Mirror(Model):
    """``<mirror>``: where a block copy or active commit job is writing.

    The subclass follows ``type``. ``file`` and ``file_format`` (the
    ``format`` attribute) repeat the source in the form older libvirt wrote
    for a copy to a file; without them, the ``job`` is required.
    """

    type: StorageType | None = attr(default=None)
    file: AbsFilePath | None = attr(default=None)
    file_format: StorageFormat | None = attr("format", default=None)
    job: MirrorJob | None = attr(default=None)
    ready: MirrorReady | None = attr(default=None)
    format: DiskFormat | None = child(default=None)
    source: DiskSource | None = child(default=None)
    backing_store: BackingStore | None = child(default=None)


# --- the guest's side --------------------------------------------------------------


@element("geometry")
class Geometry(Model):
    """``<geometry>``: the disk's BIOS geometry."""

    cyls: Long | None = attr(doc="cylinders")
    heads: Long | None = attr()
    secs: Long | None = attr(doc="sectors per track")
    trans: GeometryTranslation | None = attr(default=None)


@element("blockio")
class BlockIo(Model):
    """``<blockio>``: the block sizes the guest sees, in bytes."""

    logical_block_size: Long | None = attr(default=None)
    physical_block_size: Long | None = attr(default=None)
    discard_granularity: Long | None = attr(default=None)


@element("target")
class DiskTarget(Model):
    """``<target>``: the disk's device name and bus in the guest."""

    dev: str | None = attr(
        doc="the device name the guest is told: vda, sda, hdc...",
        codec=matching(r"(ioemu:)?(fd|hd|sd|vd|xvd|ubd)[a-zA-Z0-9_]+", "diskTargetDev"),
    )
    bus: DiskBus | None = attr(default=None)
    tray: TrayState | None = attr(default=None)
    removable: bool | None = attr(codec=ON_OFF, doc="USB disks: removable media", default=None)
    rotation_rate: PositiveInt | None = attr(doc="rpm; 1 for a solid-state drive", default=None)


#: The schema's iotune choices: each total excludes its read and write pair
#: (for ``<iotune>`` and ``<throttlegroup>``, which share the content).
IOTUNE_EXCLUSIVE = tuple(
    (f"total_{what}", f"{side}_{what}")
    for what in (
        "bytes_sec",
        "iops_sec",
        "bytes_sec_max",
        "iops_sec_max",
        "bytes_sec_max_length",
        "iops_sec_max_length",
    )
    for side in ("read", "write")
)


# The declaration order is libvirt's (virDomainDiskDefFormatIotune).
@element("iotune", exclusive=IOTUNE_EXCLUSIVE)
class Iotune(Model):
    """``<iotune>``: the disk's I/O limits; a total excludes its read and write pair.

    ``*_max`` allow bursts up to that rate for ``*_max_length`` seconds;
    disks with the same ``group_name`` share their limits.
    """

    total_bytes_sec: ULong | None = leaf(default=None)
    read_bytes_sec: ULong | None = leaf(default=None)
    write_bytes_sec: ULong | None = leaf(default=None)
    total_iops_sec: ULong | None = leaf(default=None)
    read_iops_sec: ULong | None = leaf(default=None)
    write_iops_sec: ULong | None = leaf(default=None)
    total_bytes_sec_max: ULong | None = leaf(default=None)
    read_bytes_sec_max: ULong | None = leaf(default=None)
    write_bytes_sec_max: ULong | None = leaf(default=None)
    total_iops_sec_max: ULong | None = leaf(default=None)
    read_iops_sec_max: ULong | None = leaf(default=None)
    write_iops_sec_max: ULong | None = leaf(default=None)
    size_iops_sec: ULong | None = leaf(
        doc="the size in bytes one I/O operation counts for", default=None
    )
    group_name: str | None = leaf(default=None)
    total_bytes_sec_max_length: ULong | None = leaf(default=None)
    read_bytes_sec_max_length: ULong | None = leaf(default=None)
    write_bytes_sec_max_length: ULong | None = leaf(default=None)
    total_iops_sec_max_length: ULong | None = leaf(default=None)
    read_iops_sec_max_length: ULong | None = leaf(default=None)
    write_iops_sec_max_length: ULong | None = leaf(default=None)


@element("throttlefilter")
class ThrottleFilter(Model):
    """``<throttlefilter>``: a throttle group of the domain that limits this disk."""

    group: str | None = attr(doc="the name of a <throttlegroup>")


@element("throttlefilters")
class ThrottleFilters(Model):
    """``<throttlefilters>``: the chain of throttle groups the disk's I/O goes through."""

    throttlefilters: list[ThrottleFilter] = children(default_factory=list)


@element("transient")
class Transient(Model):
    """``<transient>``: changes are discarded when the guest stops."""

    share_backing: bool | None = attr(
        "shareBacking",
        doc="yes: guests may share the image, each writing to an overlay",
        default=None,
    )


# The declaration order is libvirt's (virDomainDiskDefFormat).
#
# Without a type, a disk is a file (no LUN); the base leaves out the source:
# its class holds every type's.
@element(
    "disk",
    discriminator="type",
    untyped="file",
    exclusive=(("throttlefilters", "iotune"),),
    without=("source", "rawio", "sgio"),
    depends=(
        depends_on("device", allows={DiskDevice.LUN: ("rawio", "sgio")}),
        depends_on(
            "type",
            allows={
                StorageType.BLOCK: ("rawio", "sgio"),
                StorageType.NETWORK: ("rawio", "sgio"),
                StorageType.VOLUME: ("rawio", "sgio"),
            },
            values={None: {"device": (DiskDevice.FLOPPY, DiskDevice.DISK, DiskDevice.CDROM)}},
        ),
    ),
)
class Disk(Model):
    """``<disk>``: a disk, CD-ROM, floppy or LUN; the subclass follows ``type``.

    ``auth`` and ``encryption`` here are the older places of what is now
    written inside ``<source>``; libvirt writes them back where they were.
    """

    type: StorageType | None = attr(doc="what kind of storage the source is", default=None)
    device: DiskDevice | None = attr(default=None)
    model: DiskModel | None = attr(default=None)
    rawio: bool | None = attr(doc="lun: allow raw I/O (CAP_SYS_RAWIO)", default=None)
    sgio: Sgio | None = attr(default=None)
    snapshot: DiskSnapshotMode | None = attr(default=None)
    driver: DiskDriver | None = child(default=None)
    auth: Auth | None = child(default=None)
    source: DiskSource | None = child(default=None)
    backing_store: BackingStore | None = child(default=None)
    backenddomain: BackendDomain | None = child(default=None)
    geometry: Geometry | None = child(default=None)
    blockio: BlockIo | None = child(default=None)
    mirror: Mirror | None = child(default=None)
    target: DiskTarget | None = child()
    iotune: Iotune | None = child(default=None)
    throttlefilters: ThrottleFilters | None = child(default=None)
    readonly: Flag | None = child("readonly", default=None)
    shareable: Flag | None = child("shareable", default=None)
    transient: Transient | None = child(default=None)
    serial: str | None = leaf(default=None, codec=matching(r"[A-Za-z0-9_\.\+\- ]+", "diskSerial"))
    wwn: Wwn | None = leaf(doc="the World Wide Name, 16 hex digits", default=None)
    vendor: str | None = leaf(
        doc="SCSI vendor, up to 8 printable characters",
        default=None,
        codec=matching(r"[ -~]{0,8}", "diskspec"),
    )
    product: str | None = leaf(
        doc="SCSI product identification, printable characters",
        default=None,
        codec=matching(r"[ -~]{0,40}", "diskspec"),
    )
    encryption: Encryption | None = child(default=None)
    boot: DeviceBoot | None = child(default=None)
    alias: Alias | None = child(default=None)
    acpi: DeviceAcpi | None = child(default=None)
    address: Address | None = child(default=None)


# --- one variant per storage type --------------------------------------------
#
# The type says what the <source> holds (see storage_source): each variant
# of a disk, a backing store and a mirror declares its source's class. Only
# block, network and volume sources can be a LUN.

_NOT_LUN = allowed(DiskDevice.FLOPPY, DiskDevice.DISK, DiskDevice.CDROM)
_LUN = (depends_on("device", allows={DiskDevice.LUN: ("rawio", "sgio")}),)


@variant("file", without=("rawio", "sgio"))
class FileDisk(Disk):
    """``<disk type='file'>``: an image file."""

    device: DiskDevice | None = attr(default=None, codec=_NOT_LUN)
    source: FileDiskSource | None = child(default=None)


@variant("block", depends=_LUN)
class BlockDisk(Disk):
    """``<disk type='block'>``: a host block device."""

    source: BlockDiskSource | None = child(default=None)


@variant("dir", without=("rawio", "sgio"))
class DirDisk(Disk):
    """``<disk type='dir'>``: a host directory, as a virtual FAT disk."""

    device: DiskDevice | None = attr(default=None, codec=_NOT_LUN)
    source: DirDiskSource | None = child(default=None)


@variant("network", depends=_LUN)
class NetworkDisk(Disk):
    """``<disk type='network'>``: an image on a server (NBD, RBD, iSCSI, HTTP...)."""

    source: NetworkDiskSource | None = child()


@variant("volume", depends=_LUN)
class VolumeDisk(Disk):
    """``<disk type='volume'>``: a volume of a libvirt storage pool."""

    source: VolumeDiskSource | None = child(default=None)


@variant("nvme", without=("rawio", "sgio"))
class NvmeDisk(Disk):
    """``<disk type='nvme'>``: a namespace of a host NVMe controller."""

    device: DiskDevice | None = attr(default=None, codec=_NOT_LUN)
    source: NvmeDiskSource | None = child(default=None)


@variant("vhostuser", without=("rawio", "sgio"))
class VhostUserDisk(Disk):
    """``<disk type='vhostuser'>``: a vhost-user-blk server."""

    device: DiskDevice | None = attr(default=None, codec=_NOT_LUN)
    source: VhostUserDiskSource | None = child()


@variant("vhostvdpa", without=("rawio", "sgio"))
class VhostVdpaDisk(Disk):
    """``<disk type='vhostvdpa'>``: a vhost-vdpa block device."""

    device: DiskDevice | None = attr(default=None, codec=_NOT_LUN)
    source: VhostVdpaDiskSource | None = child()


@variant("file")
class FileBackingStore(BackingStore):
    """``<backingStore type='file'>``: a backing image file."""

    format: DiskFormat | None = child()
    source: FileDiskSource | None = child(default=None)


@variant("block")
class BlockBackingStore(BackingStore):
    """``<backingStore type='block'>``: a backing block device."""

    format: DiskFormat | None = child()
    source: BlockDiskSource | None = child(default=None)


@variant("dir")
class DirBackingStore(BackingStore):
    """``<backingStore type='dir'>``: a backing directory."""

    format: DiskFormat | None = child()
    source: DirDiskSource | None = child(default=None)


@variant("network")
class NetworkBackingStore(BackingStore):
    """``<backingStore type='network'>``: a backing image on a server."""

    format: DiskFormat | None = child()
    source: NetworkDiskSource | None = child()


@variant("volume")
class VolumeBackingStore(BackingStore):
    """``<backingStore type='volume'>``: a backing pool volume."""

    format: DiskFormat | None = child()
    source: VolumeDiskSource | None = child(default=None)


@variant("nvme")
class NvmeBackingStore(BackingStore):
    """``<backingStore type='nvme'>``: a backing NVMe namespace."""

    format: DiskFormat | None = child()
    source: NvmeDiskSource | None = child(default=None)


@variant("vhostuser")
class VhostUserBackingStore(BackingStore):
    """``<backingStore type='vhostuser'>``: a backing vhost-user-blk server."""

    format: DiskFormat | None = child()
    source: VhostUserDiskSource | None = child()


@variant("vhostvdpa")
class VhostVdpaBackingStore(BackingStore):
    """``<backingStore type='vhostvdpa'>``: a backing vhost-vdpa device."""

    format: DiskFormat | None = child()
    source: VhostVdpaDiskSource | None = child()


@variant("file")
class FileMirror(Mirror):
    """``<mirror type='file'>``: a block job writing to an image file."""

    source: FileDiskSource | None = child(default=None)


@variant("block", without=("file", "file_format"))
class BlockMirror(Mirror):
    """``<mirror type='block'>``: a block job writing to a block device."""

    job: MirrorJob | None = attr()
    source: BlockDiskSource | None = child(default=None)


@variant("dir", without=("file", "file_format"))
class DirMirror(Mirror):
    """``<mirror type='dir'>``: a block job writing to a directory."""

    job: MirrorJob | None = attr()
    source: DirDiskSource | None = child(default=None)


@variant("network", without=("file", "file_format"))
class NetworkMirror(Mirror):
    """``<mirror type='network'>``: a block job writing to an image on a server."""

    job: MirrorJob | None = attr()
    source: NetworkDiskSource | None = child()


@variant("volume", without=("file", "file_format"))
class VolumeMirror(Mirror):
    """``<mirror type='volume'>``: a block job writing to a pool volume."""

    job: MirrorJob | None = attr()
    source: VolumeDiskSource | None = child(default=None)


@variant("nvme", without=("file", "file_format"))
class NvmeMirror(Mirror):
    """``<mirror type='nvme'>``: a block job writing to an NVMe namespace."""

    job: MirrorJob | None = attr()
    source: NvmeDiskSource | None = child(default=None)


@variant("vhostuser", without=("file", "file_format"))
class VhostUserMirror(Mirror):
    """``<mirror type='vhostuser'>``: a block job writing to a vhost-user-blk server."""

    job: MirrorJob | None = attr()
    source: VhostUserDiskSource | None = child()


@variant("vhostvdpa", without=("file", "file_format"))
class VhostVdpaMirror(Mirror):
    """``<mirror type='vhostvdpa'>``: a block job writing to a vhost-vdpa device."""

    job: MirrorJob | None = attr()
    source: VhostVdpaDiskSource | None = child()


register_root(Disk)
