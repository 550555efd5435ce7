"""Device models: ``<filesystem>`` (formatdomain "Filesystems").

A host directory, file, block device, template or RAM disk that the guest
(or container) mounts. ``type`` says what ``<source>`` names:

- ``mount`` (the default): ``dir``, or ``socket`` of an externally started
  virtiofsd; with virtiofs, ``<binary>`` and ``<idmap>`` set up the daemon;
- ``bind``: ``dir``, a directory of the container bind-mounted elsewhere;
- ``block``: ``dev``; ``file``: ``file`` (an image, see ``driver.format``);
- ``template``: ``name`` (an OpenVZ template);
- ``ram``: ``usage`` in ``units`` (KiB when absent), a RAM file system.
"""

from __future__ import annotations

import dataclasses
import enum
from typing import Any

from domxml.binding import (
    ON_OFF,
    Model,
    attr,
    child,
    depends_on,
    element,
    register_root,
    variant,
)
from domxml.models.domain.devices.address import Address
from domxml.models.domain.devices.common import Alias, DeviceAcpi, DeviceBoot
from domxml.models.domain.idmap import Idmap
from domxml.models.domain.size import Size
from domxml.models.domain.storage_source import StorageFormat
from domxml.models.storage.common import Flag, OctalCodec
from domxml.models.types import (
    AbsDirPath,
    AbsFilePath,
    GenericName,
    Long,
    PositiveInt,
    UInt,
    ULong,
    Unit,
)


class _FileModeCodec(OctalCodec):
    """A file mode for new files, written ``%04o`` as libvirt does (``0644``)."""

    def encode(self, value: Any) -> str:
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(f"expected int, got {type(value).__name__}")
        return f"{value:04o}"


_MODE = _FileModeCodec()


class FilesystemType(enum.Enum):
    """What the filesystem's source is (``<filesystem type=...>``)."""

    MOUNT = "mount"
    BLOCK = "block"
    FILE = "file"
    TEMPLATE = "template"
    RAM = "ram"
    BIND = "bind"


class AccessMode(enum.Enum):
    """Whose permissions guest accesses use on the host (``accessmode``).

    ``passthrough``: the guest user's; ``mapped``: the hypervisor's, with
    the guest's kept in extended attributes; ``squash``: as passthrough,
    ignoring failures.
    """

    PASSTHROUGH = "passthrough"
    MAPPED = "mapped"
    SQUASH = "squash"


class FilesystemModel(enum.Enum):
    """The virtio flavour of a virtio filesystem (``<filesystem model=...>``)."""

    VIRTIO = "virtio"
    VIRTIO_TRANSITIONAL = "virtio-transitional"
    VIRTIO_NON_TRANSITIONAL = "virtio-non-transitional"


class Multidevs(enum.Enum):
    """How 9p handles a source spanning several host devices (``multidevs``)."""

    DEFAULT = "default"
    REMAP = "remap"
    FORBID = "forbid"
    WARN = "warn"


class FilesystemDriverType(enum.Enum):
    """The filesystem driver (``<driver type=...>``)."""

    PATH = "path"
    HANDLE = "handle"
    LOOP = "loop"
    NBD = "nbd"
    PLOOP = "ploop"
    VIRTIOFS = "virtiofs"
    MTP = "mtp"


class WritePolicy(enum.Enum):
    """When guest writes reach the host (``<driver wrpolicy=...>``)."""

    IMMEDIATE = "immediate"


class FilesystemCacheMode(enum.Enum):
    """virtiofsd's caching (``<cache mode=...>``)."""

    NONE = "none"
    ALWAYS = "always"


class SandboxMode(enum.Enum):
    """How virtiofsd confines itself (``<sandbox mode=...>``)."""

    NAMESPACE = "namespace"
    CHROOT = "chroot"


# What each driver type allows: the image drivers (or none) a format and a
# write policy, virtiofs a queue size; mtp nothing, not even virtio options.
_VIRTIO = ("iommu", "ats", "packed", "page_per_vq")
_IMAGE_DRIVER = ("format", "wrpolicy", *_VIRTIO)


# The declaration order is libvirt's (virDomainFSDefFormat).
@element(
    "driver",
    depends=(
        depends_on(
            "type",
            allows={
                None: _IMAGE_DRIVER,
                FilesystemDriverType.PATH: _IMAGE_DRIVER,
                FilesystemDriverType.HANDLE: _IMAGE_DRIVER,
                FilesystemDriverType.LOOP: _IMAGE_DRIVER,
                FilesystemDriverType.NBD: _IMAGE_DRIVER,
                FilesystemDriverType.PLOOP: _IMAGE_DRIVER,
                FilesystemDriverType.VIRTIOFS: ("queue", *_VIRTIO),
            },
        ),
    ),
)
class FilesystemDriver(Model):
    """``<driver>``: the hypervisor's driver for the filesystem."""

    type: FilesystemDriverType | None = attr(default=None)
    format: StorageFormat | None = attr(doc="the image format of a file source", default=None)
    wrpolicy: WritePolicy | None = attr(default=None)
    queue: UInt | None = attr(doc="virtiofs: the queue size", default=None)
    iommu: bool | None = attr(codec=ON_OFF, doc="use the emulated IOMMU", default=None)
    ats: bool | None = attr(codec=ON_OFF, doc="PCIe Address Translation Services", default=None)
    packed: bool | None = attr(codec=ON_OFF, doc="packed virtqueues", default=None)
    page_per_vq: bool | None = attr(
        codec=ON_OFF, doc="a page per virtqueue for notifications", default=None
    )


@element("cache")
class FilesystemCache(Model):
    """``<cache>``: virtiofsd's cache mode."""

    mode: FilesystemCacheMode | None = attr(default=None)


@element("sandbox")
class Sandbox(Model):
    """``<sandbox>``: virtiofsd's sandboxing."""

    mode: SandboxMode | None = attr(default=None)


@element("lock")
class FilesystemLock(Model):
    """``<lock>``: which file locks virtiofsd supports."""

    posix: bool | None = attr(codec=ON_OFF, default=None)
    flock: bool | None = attr(codec=ON_OFF, default=None)


@element("thread_pool")
class ThreadPool(Model):
    """``<thread_pool>``: virtiofsd's worker threads."""

    size: Long | None = attr(default=None)


@element("openfiles")
class OpenFiles(Model):
    """``<openfiles>``: the most files virtiofsd may hold open."""

    max: PositiveInt | None = attr(default=None)


# The declaration order is libvirt's (virDomainFSDefFormat).
@element("binary")
class FilesystemBinary(Model):
    """``<binary>``: the virtiofsd daemon libvirt starts, and its options."""

    path: AbsFilePath | None = attr(doc="the virtiofsd executable", default=None)
    xattr: bool | None = attr(codec=ON_OFF, doc="extended attributes", default=None)
    cache: FilesystemCache | None = child(default=None)
    sandbox: Sandbox | None = child(default=None)
    lock: FilesystemLock | None = child(default=None)
    thread_pool: ThreadPool | None = child(default=None)
    openfiles: OpenFiles | None = child(default=None)


# It reads every form; it declares a mount's (the type of a filesystem
# without one): the other types' variants have their own classes.
@element(
    "source",
    exclusive=(("dir", "socket"),),
    one_needed=(("dir", "socket"),),
    without=("dev", "file", "name", "usage", "units"),
)
class FilesystemSource(Model):
    """``<source>``: what the filesystem exports; ``type`` says which field applies.

    A ``mount`` (and a filesystem without type) has a ``dir`` or a
    ``socket``; each other type's variant of :class:`Filesystem` has its
    own class (:class:`BindFilesystemSource`...).
    """

    dir: AbsDirPath | None = attr(doc="mount, bind: a host directory", default=None)
    socket: AbsFilePath | None = attr(
        doc="mount: the socket of a virtiofsd started by the user", default=None
    )
    dev: AbsFilePath | None = attr(doc="block: a host block device", default=None)
    file: AbsFilePath | None = attr(doc="file: an image file", default=None)
    name: GenericName | None = attr(doc="template: the template's name", default=None)
    usage: ULong | None = attr(doc="ram: the size, in units", default=None)
    units: Unit | None = attr(doc="ram: the unit of usage, KiB when absent", default=None)


@element("target")
class FilesystemTarget(Model):
    """``<target>``: where the guest mounts it (a path, or a 9p/virtiofs mount tag)."""

    dir: str | None = attr()


# The declaration order is libvirt's (virDomainFSDefFormat).
@element("filesystem", discriminator="type")
class Filesystem(Model):
    """``<filesystem>``: a host directory or file system shared with the guest.

    The subclass follows ``type``; without one, it is a ``mount``.
    """

    type: FilesystemType | None = attr(default=None)
    accessmode: AccessMode | None = attr(default=None)
    model: FilesystemModel | None = attr(default=None)
    multidevs: Multidevs | None = attr(default=None)
    fmode: int | None = attr(
        codec=_MODE.within(0, 511), doc="9p mapped: the mode of new files (octal)", default=None
    )
    dmode: int | None = attr(
        codec=_MODE.within(0, 511),
        doc="9p mapped: the mode of new directories (octal)",
        default=None,
    )
    driver: FilesystemDriver | None = child(default=None)
    binary: FilesystemBinary | None = child(default=None)
    idmap: Idmap | None = child(doc="virtiofs: the user and group id maps", default=None)
    source: FilesystemSource | None = child()
    target: FilesystemTarget | None = child()
    readonly: Flag | None = child("readonly", default=None)
    boot: DeviceBoot | None = child(default=None)
    alias: Alias | None = child(default=None)
    acpi: DeviceAcpi | None = child(default=None)
    address: Address | None = child(default=None)
    space_hard_limit: Size | None = child(
        "space_hard_limit", doc="bytes when no unit", default=None
    )
    space_soft_limit: Size | None = child(
        "space_soft_limit", doc="bytes when no unit", default=None
    )


# --- one variant per type ---------------------------------------------------------


def _allowing(*fields: str) -> tuple[str, ...]:
    """Every field of FilesystemSource but ``fields``."""
    return tuple(f.name for f in dataclasses.fields(FilesystemSource) if f.name not in fields)


@element("source", without=_allowing("dir"))
class BindFilesystemSource(FilesystemSource):
    """``<source>`` of a ``bind``: a directory of the container."""

    dir: AbsDirPath | None = attr()


@element("source", without=_allowing("dev"))
class BlockFilesystemSource(FilesystemSource):
    """``<source>`` of a ``block`` filesystem: a host block device."""

    dev: AbsFilePath | None = attr()


@element("source", without=_allowing("file"))
class FileFilesystemSource(FilesystemSource):
    """``<source>`` of a ``file`` filesystem: an image file."""

    file: AbsFilePath | None = attr()


@element("source", without=_allowing("name"))
class TemplateFilesystemSource(FilesystemSource):
    """``<source>`` of a ``template`` filesystem: an OpenVZ template."""

    name: GenericName | None = attr()


@element("source", without=_allowing("usage", "units"))
class RamFilesystemSource(FilesystemSource):
    """``<source>`` of a ``ram`` filesystem: its size."""

    usage: ULong | None = attr()


@variant("mount")
class MountFilesystem(Filesystem):
    """``<filesystem type='mount'>``: a host directory (virtiofs, 9p, or a container's)."""

    source: FilesystemSource | None = child()


# Only a mount has a virtiofsd to start (<binary>, <idmap>).
@variant("bind", without=("binary", "idmap"))
class BindFilesystem(Filesystem):
    """``<filesystem type='bind'>``: a container directory bind-mounted elsewhere."""

    source: BindFilesystemSource | None = child()


@variant("block", without=("binary", "idmap"))
class BlockFilesystem(Filesystem):
    """``<filesystem type='block'>``: a host block device."""

    source: BlockFilesystemSource | None = child()


@variant("file", without=("binary", "idmap"))
class FileFilesystem(Filesystem):
    """``<filesystem type='file'>``: an image file."""

    source: FileFilesystemSource | None = child()


@variant("template", without=("binary", "idmap"))
class TemplateFilesystem(Filesystem):
    """``<filesystem type='template'>``: an OpenVZ template."""

    source: TemplateFilesystemSource | None = child()


@variant("ram", without=("binary", "idmap"))
class RamFilesystem(Filesystem):
    """``<filesystem type='ram'>``: a RAM file system."""

    source: RamFilesystemSource | None = child()


register_root(Filesystem)
