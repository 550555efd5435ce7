"""Disks and NICs as intent: ``disk(path, size=...)``, ``bridge("br0")``...

These functions say *what* a guest gets; :func:`domxml.build.vm` decides
*how* (the bus, the target name, the NIC model) from the operating system,
the machine and the host, then makes the typed models
(:func:`disk_model`, :func:`nic_model`). Anything decided here can be
given: ``disk(path, bus="scsi")``, ``bridge("br0", model="e1000e")``. A typed
``Disk`` or ``Interface`` model can be passed to ``vm()`` instead; it is
used as given.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Literal, TypeVar

from domxml.build.errors import BuildError
from domxml.models.domain import (
    BlockDisk,
    BlockDiskSource,
    BridgeInterface,
    BridgeSource,
    CacheMode,
    DirectInterface,
    DirectMode,
    DirectSource,
    DiscardMode,
    Disk,
    DiskBus,
    DiskDevice,
    DiskDriver,
    DiskTarget,
    FileDisk,
    FileDiskSource,
    Flag,
    Interface,
    InterfaceModel,
    Mac,
    NetworkInterface,
    NetworkSource,
    Size,
    StorageFormat,
)
from domxml.models.storage.common import ScaledInteger
from domxml.models.storage.volume import StorageVolume, TargetFormat, VolumeFormat, VolumeTarget

__all__ = [
    "DiskSpec",
    "NicSpec",
    "bridge",
    "cdrom",
    "direct",
    "disk",
    "disk_model",
    "network",
    "nic_model",
    "parse_size",
    "seed",
    "volume",
]


#: The disk buses the builder names targets for.
BusKind = Literal["virtio", "sata", "scsi", "ide", "usb"]
#: macvtap modes of a ``direct`` NIC.
MacvtapMode = Literal["bridge", "vepa", "private", "passthrough"]


def parse_size(text: str | int, *, default_unit: str = "MiB") -> int:
    """Bytes of ``"20 GiB"``, ``"512M"``...; an ``int`` is in ``default_unit``."""
    if isinstance(text, int):
        return Size(unit=default_unit, value=text).to_bytes()
    try:
        size = Size.of(text)
    except ValueError as error:
        raise BuildError(f"{error}") from None
    return size.to_bytes(default_unit)


@dataclass(frozen=True)
class DiskSpec:
    """A disk, CD-ROM or cloud-init seed the guest gets (see :func:`disk`)."""

    #: An image file or a block device (``/dev/...``); ``None``: an empty CD-ROM drive.
    path: str | None
    #: ``disk`` or ``cdrom``.
    device: str = "disk"
    #: The image's size in bytes, for creating it (not part of the domain).
    size: int | None = None
    #: ``virtio``, ``sata``, ``scsi``, ``ide``, ``usb``; ``None``: the builder's choice.
    bus: str | None = None
    #: The image format (``qcow2``, ``raw``); ``None``: from the file name.
    format: str | None = None
    #: ``<driver cache=...>`` (``none``, ``writeback``...).
    cache: str | None = None
    #: ``<driver discard=...>`` (``unmap``, ``ignore``).
    discard: str | None = None
    #: Read-only (a CD-ROM always is).
    readonly: bool = False


def disk(
    path: str,
    *,
    size: str | int | None = None,
    bus: BusKind | None = None,
    format: str | None = None,
    cache: str | None = None,
    discard: str | None = None,
    readonly: bool = False,
) -> DiskSpec:
    """A disk backed by ``path`` (an image file, or a block device under ``/dev``).

    ``size`` (``"20 GiB"``; an ``int`` is GiB, as virt-install's ``size=``) is
    the image's size, kept for creating the volume: a domain does not hold it.
    """
    nbytes = None if size is None else parse_size(size, default_unit="GiB")
    return DiskSpec(
        path=path,
        size=nbytes,
        bus=bus,
        format=format,
        cache=cache,
        discard=discard,
        readonly=readonly,
    )


def cdrom(path: str | None = None, *, bus: BusKind | None = None) -> DiskSpec:
    """A CD-ROM drive holding ``path`` (an installer ISO), or empty."""
    return DiskSpec(path=path, device="cdrom", bus=bus, format="raw", readonly=True)


def seed(path: str, *, bus: BusKind | None = None) -> DiskSpec:
    """A cloud-init NoCloud seed: an ISO labelled ``cidata``, as a CD-ROM.

    cloud-init finds it by its label; make one with ``cloud-localds seed.iso
    user-data meta-data`` (Debian's ``cloud-image-utils``).
    """
    return cdrom(path, bus=bus)


@dataclass(frozen=True)
class NicSpec:
    """A network interface the guest gets (see :func:`bridge`, :func:`network`, :func:`direct`)."""

    #: ``bridge``, ``network`` or ``direct``.
    kind: str
    #: The host bridge, the libvirt network, or the host device (direct).
    source: str
    #: The NIC model (``virtio``, ``e1000e``); ``None``: the builder's choice.
    model: str | None = None
    #: The MAC address; ``None``: libvirt generates one.
    mac: str | None = None
    #: direct: the macvtap mode (``bridge``, ``vepa``, ``private``, ``passthrough``).
    mode: str | None = None


def bridge(name: str, *, model: str | None = None, mac: str | None = None) -> NicSpec:
    """A NIC on the host bridge ``name`` (``<interface type='bridge'>``)."""
    return NicSpec(kind="bridge", source=name, model=model, mac=mac)


def network(name: str = "default", *, model: str | None = None, mac: str | None = None) -> NicSpec:
    """A NIC on the libvirt network ``name`` (``<interface type='network'>``)."""
    return NicSpec(kind="network", source=name, model=model, mac=mac)


def direct(
    dev: str, *, mode: MacvtapMode = "bridge", model: str | None = None, mac: str | None = None
) -> NicSpec:
    """A macvtap NIC on the host device ``dev`` (``<interface type='direct'>``)."""
    return NicSpec(kind="direct", source=dev, model=model, mac=mac, mode=mode)


# --- the typed models ---------------------------------------------------------------

_FORMATS = {".qcow2": "qcow2", ".raw": "raw", ".img": "raw", ".iso": "raw", ".vmdk": "vmdk"}


E = TypeVar("E", bound=enum.Enum)


def _enum(kind: type[E], value: str, what: str) -> E:
    """``kind(value)``, or a :class:`BuildError` listing the values allowed."""
    try:
        return kind(value)
    except ValueError:
        allowed = ", ".join(str(m.value) for m in kind)
        raise BuildError(f"not a {what}: {value!r} (one of: {allowed})") from None


def image_format(spec: DiskSpec) -> str:
    """The format of a disk's image: as given, else from its file name (``raw`` when unsure)."""
    if spec.format:
        return spec.format
    path = spec.path or ""
    for suffix, fmt in _FORMATS.items():
        if path.endswith(suffix):
            return fmt
    return "raw"


def disk_model(spec: DiskSpec, *, bus: str, dev: str) -> Disk:
    """The ``<disk>`` of ``spec``, on ``bus`` as ``dev`` (``vda``, ``sda``...)."""
    target = DiskTarget(dev=dev, bus=_enum(DiskBus, bus, "disk bus"))
    driver = DiskDriver(
        name="qemu",
        type=_enum(StorageFormat, image_format(spec), "image format"),
        cache=_enum(CacheMode, spec.cache, "cache mode") if spec.cache else None,
        discard=_enum(DiscardMode, spec.discard, "discard mode") if spec.discard else None,
    )
    device = DiskDevice.CDROM if spec.device == "cdrom" else DiskDevice.DISK
    readonly = Flag() if spec.readonly or spec.device == "cdrom" else None
    path = spec.path
    if path is not None and path.startswith("/dev/"):
        return BlockDisk(
            device=device,
            driver=driver,
            source=BlockDiskSource(dev=path),
            target=target,
            readonly=readonly,
        )
    return FileDisk(
        device=device,
        driver=driver,
        source=FileDiskSource(file=path) if path is not None else None,
        target=target,
        readonly=readonly,
    )


def nic_model(spec: NicSpec, *, model: str | None) -> Interface:
    """The ``<interface>`` of ``spec``, with ``model`` (``None``: none written)."""
    mac = Mac(address=spec.mac) if spec.mac else None
    nic_model_ = InterfaceModel(type=model) if model else None
    if spec.kind == "bridge":
        return BridgeInterface(mac=mac, source=BridgeSource(bridge=spec.source), model=nic_model_)
    if spec.kind == "network":
        return NetworkInterface(
            mac=mac, source=NetworkSource(network=spec.source), model=nic_model_
        )
    if spec.kind == "direct":
        mode = _enum(DirectMode, spec.mode or "bridge", "macvtap mode")
        return DirectInterface(
            mac=mac,
            source=DirectSource(dev=spec.source, mode=mode),
            model=nic_model_,
        )
    raise BuildError(f"not a NIC kind: {spec.kind!r} (one of: bridge, network, direct)")


def volume(spec: DiskSpec) -> StorageVolume:
    """The storage volume holding a disk's image, to create before the guest starts.

    Its name is the image's file name, its capacity the disk's ``size``, its
    format the disk's: apply it to the pool of the image's directory
    (``domxml apply vol.xml --pool POOL``, ``domxml.apply.apply(conn, [vol],
    pool=...)``), as virt-install creates the image.
    """
    if spec.path is None or spec.size is None:
        raise BuildError(f"no image to create for {spec.path or 'an empty drive'}: give size=")
    if spec.path.startswith("/dev/"):
        raise BuildError(f"{spec.path} is a block device, not an image in a pool")
    fmt = _enum(VolumeFormat, image_format(spec), "volume format")
    return StorageVolume(
        name=spec.path.rsplit("/", 1)[-1],
        capacity=ScaledInteger(unit="bytes", value=spec.size),
        target=VolumeTarget(format=TargetFormat(type=fmt)),
    )
