"""An ``xm`` file to a :class:`Domain`: what ``xm`` adds to the shared mapping."""

from __future__ import annotations

from domxml.models.domain import (
    BlockDisk,
    BlockDiskSource,
    Disk,
    DiskDevice,
    DiskDriver,
    DiskTarget,
    Domain,
    FileDisk,
    FileDiskSource,
    FirmwareFormat,
    Flag,
    InputBus,
    KeyboardInput,
    Loader,
    LoaderType,
    MouseInput,
    StorageFormat,
    TabletInput,
)
from domxml.native.common import NativeWarning
from domxml.native.conf import Entry
from domxml.native.xen.read import boot_devices, disk_bus, is_hvm, pv_boot, read_file
from domxml.native.xen.values import XenValues

__all__ = ["read"]


def read(text: str, *, filename: str | None = None) -> tuple[Domain, list[NativeWarning]]:
    """Read an ``xm`` file into a domain, and warn of every key it does not map.

    Raises :class:`~domxml.errors.NativeConfigError` (with the line) for a
    syntax error or a value libvirt refuses.
    """
    return read_file(text, filename, "xm", (_os, _disks, _input))


def _input(v: XenValues, domain: Domain) -> None:
    if is_hvm(domain):
        device = v.string("usbdevice")
        kinds = {"mouse": MouseInput, "tablet": TabletInput, "keyboard": KeyboardInput}
        if device in kinds:
            assert domain.devices is not None
            domain.devices.inputs.append(kinds[device](bus=InputBus.USB))


def _os(v: XenValues, domain: Domain) -> None:
    os = domain.os
    assert os is not None
    if is_hvm(domain):
        # xm names the HVM firmware "kernel"
        kernel = v.string("kernel")
        if kernel is None:
            raise v.fail("missing essential entry 'kernel'")
        # libvirt calls a loader of no type a ROM
        os.loader = Loader(type=LoaderType.ROM, format=FirmwareFormat.RAW, path=kernel)
        os.boots = boot_devices(v.string("boot", "c") or "c")
        return
    pv_boot(v, domain, None)


def _disks(v: XenValues, domain: Domain) -> None:
    found = v.entry("disk")
    if found is None:
        return
    if not isinstance(found.value, list):
        raise v.conf.error("'disk' must be a list of strings", found)
    assert domain.devices is not None
    for spec in found.value:
        if isinstance(spec, str):
            disk = _disk(spec, is_hvm(domain), found, v)
            if disk is not None:
                domain.devices.disks.append(disk)


def _disk(spec: str, hvm: bool, found: Entry, v: XenValues) -> Disk | None:
    """``phy:/dev/vg/lv,hda,w``: a source with its driver prefix, a device, a mode."""
    source, comma, rest = spec.partition(",")
    if not comma:
        return None  # libvirt skips what it cannot read here
    rest = rest.removeprefix("ioemu:")
    dev, comma, mode = rest.partition(",")
    if not comma:
        return None
    driver = None
    fmt = None
    if source:
        prefix, colon, after = source.partition(":")
        if colon:
            driver, source = prefix, after
            if driver in ("tap", "tap2"):
                sub, colon, after = source.partition(":")
                if not colon:
                    return None
                fmt = StorageFormat.RAW if sub == "aio" else _format(sub)
                if fmt is None:
                    raise v.conf.error(f"unknown driver type {sub!r} in disk {spec!r}", found)
                source = after
    driver = driver or "phy"
    device = DiskDevice.DISK
    if ":" in dev:
        dev, _, suffix = dev.partition(":")
        if suffix == "cdrom":
            device = DiskDevice.CDROM
    target = DiskTarget(dev=dev, bus=disk_bus(dev, hvm))
    disk: Disk
    if driver == "phy":
        disk = BlockDisk(target=target, source=BlockDiskSource(dev=source) if source else None)
    else:
        disk = FileDisk(target=target, source=FileDiskSource(file=source) if source else None)
    disk.device = device
    # libxl reads a missing format as raw
    disk.driver = DiskDriver(name=driver, type=fmt or StorageFormat.RAW)
    if mode in ("r", "ro"):
        disk.readonly = Flag()
    elif mode in ("w!", "!"):
        disk.shareable = Flag()
    return disk


def _format(name: str) -> StorageFormat | None:
    try:
        return StorageFormat(name)
    except ValueError:
        return None
