"""An ``xm`` file to a :class:`Domain`: what ``xm`` adds to the shared mapping."""

from __future__ import annotations

from domxml.models.domain import (
    BlockDisk,
    BlockDiskSource,
    Disk,
    DiskBus,
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
from domxml.native.conf import Entry, parse_config
from domxml.native.xen.read import finish, is_hvm, read_common, unread_warnings
from domxml.native.xen.read_xl import boot_devices
from domxml.native.xen.values import XenValues

__all__ = ["read"]


def read(text: str, *, filename: str | None = None) -> tuple[Domain, list[NativeWarning]]:
    """Read an ``xm`` file into a domain, and warn of every key it does not map.

    Raises :class:`~domxml.errors.NativeConfigError` (with the line) for a
    syntax error or a value libvirt refuses.
    """
    conf = parse_config(text, "xen", filename)
    v = XenValues(conf)
    domain = read_common(v, "xm")
    _os(v, domain)
    _disks(v, domain)
    if is_hvm(domain):
        device = v.string("usbdevice")
        kinds = {"mouse": MouseInput, "tablet": TabletInput, "keyboard": KeyboardInput}
        if device in kinds:
            assert domain.devices is not None
            domain.devices.inputs.append(kinds[device](bus=InputBus.USB))
    finish(domain)
    return domain, unread_warnings(conf)


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
    domain.bootloader = v.string("bootloader")
    domain.bootloader_args = v.string("bootargs")
    os.kernel = v.string("kernel")
    os.initrd = v.string("ramdisk")
    extra = v.string("extra")
    root = v.string("root")
    if root is not None and extra is not None:
        os.cmdline = f"root={root} {extra}"
    elif root is not None:
        os.cmdline = f"root={root}"
    else:
        os.cmdline = extra


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
    if dev.startswith("xvd") or not hvm:
        bus = DiskBus.XEN
    elif dev.startswith("sd"):
        bus = DiskBus.SCSI
    else:
        bus = DiskBus.IDE
    target = DiskTarget(dev=dev, bus=bus)
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
