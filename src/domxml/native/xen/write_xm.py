"""A :class:`Domain` to an ``xm`` file: what ``xm`` adds to the shared mapping."""

from __future__ import annotations

from domxml.errors import NativeConfigError
from domxml.models.domain import (
    BlockDisk,
    Disk,
    DiskDevice,
    Domain,
    FileDisk,
    GuestType,
    StorageFormat,
)
from domxml.native.common import NativeWarning
from domxml.native.xen.write import (
    XenWriter,
    boot_order,
    disk_access,
    guest_type,
    input_devices,
    pv_boot,
    set_disks,
    write_common,
)

__all__ = ["write"]


def write(domain: Domain) -> tuple[str, list[NativeWarning]]:
    """Write *domain* as an ``xm`` file; what it leaves out is in the warnings.

    Raises :class:`~domxml.errors.NativeConfigError` for what ``xm`` cannot
    express (libvirt refuses the same).
    """
    w = XenWriter()
    write_common(w, domain, "xm")
    _os(w, domain)
    set_disks(w, domain, _disk)
    if guest_type(domain) is GuestType.HVM:
        for name in input_devices(domain):
            # xm has room for one: the last one wins, as in libvirt
            w.set("usb", 1)
            w.set("usbdevice", name)
    return w.text(), w.warnings


def _os(w: XenWriter, domain: Domain) -> None:
    os = domain.os
    if os is None:
        return
    if guest_type(domain) is GuestType.HVM:
        w.set("builder", "hvm")
        if os.loader is not None and os.loader.path:
            w.set("kernel", os.loader.path)
        w.set("boot", boot_order(domain))
        return
    pv_boot(w, domain, "extra")


def _disk(disk: Disk) -> str:
    source = None
    if isinstance(disk, FileDisk):
        source = disk.source.file if disk.source is not None else None
        kind = "file"
    elif isinstance(disk, BlockDisk):
        source = disk.source.dev if disk.source is not None else None
        kind = "phy"
    else:
        kind = disk.type.value if disk.type is not None else "?"
        raise NativeConfigError(f"unsupported disk type {kind!r} in an xm file")
    spec = ""
    if source:
        # libvirt's libxl driver reads a disk of no format as raw
        fmt = (disk.driver.type if disk.driver is not None else None) or StorageFormat.RAW
        driver = disk.driver.name if disk.driver is not None else None
        name = "aio" if fmt is StorageFormat.RAW else fmt.value
        if driver:
            spec += f"{driver}:"
            if driver in ("tap", "tap2"):
                spec += f"{name}:"
        else:
            spec += f"{kind}:"
        spec += source
    spec += f",{disk.target.dev if disk.target is not None else ''}"
    if disk.device is DiskDevice.CDROM:
        spec += ":cdrom"
    spec += {"ro": ",r", "!": ",!", "rw": ",w"}[disk_access(disk)]
    if disk.transient is not None:
        raise NativeConfigError("transient disks are not supported by xm")
    return spec
