"""The disks, CD-ROMs, floppies and shared folders of a ``.vmx`` file, after libvirt's
``virVMXParseDisk`` and ``virVMXParseFileSystem``."""

from __future__ import annotations

from domxml.models.domain import (
    AccessMode,
    BlockDisk,
    BlockDiskSource,
    CacheMode,
    Controller,
    ControllerModel,
    ControllerType,
    Devices,
    Disk,
    DiskBus,
    DiskDevice,
    DiskDriver,
    DiskTarget,
    Domain,
    FileDisk,
    FileDiskSource,
    FilesystemSource,
    FilesystemTarget,
    FilesystemType,
    Flag,
    MountFilesystem,
    StartupPolicy,
    Transient,
)
from domxml.native.common import (
    disk_name,
    drive_address,
    insert_controller,
)
from domxml.native.vmx.reader import Reader

__all__ = ["read_disks", "read_filesystems"]

_SCSI_MODELS = {
    "buslogic": ControllerModel.BUSLOGIC,
    "lsilogic": ControllerModel.LSILOGIC,
    "lsisas1068": ControllerModel.LSISAS1068,
    "pvscsi": ControllerModel.VMPVSCSI,
}


def _scsi_controller(r: Reader, index: int) -> tuple[bool, ControllerModel | None]:
    if not r.boolean(f"scsi{index}.present", False):
        return False, None
    key = f"scsi{index}.virtualDev"
    virtual_dev = r.string(key)
    if virtual_dev is None:
        return True, None
    model = _SCSI_MODELS.get(virtual_dev.lower())
    if model is None:
        raise r.fail(f"entry {key!r} has an unknown value {virtual_dev!r}", key)
    return True, model


def read_disks(r: Reader, domain: Domain, scsi_max_unit: int) -> None:
    """The SCSI, SATA and IDE disks and CD-ROMs and the floppies, with their controllers."""
    devices = domain.devices
    assert devices is not None
    models: dict[int, ControllerModel | None] = {}
    for controller in range(4):
        present, model = _scsi_controller(r, controller)
        models[controller] = model
        if not present:
            continue
        for unit in range(scsi_max_unit):
            if unit == 7:  # the controller's own unit
                continue
            disk = _disk(r, DiskDevice.DISK, DiskBus.SCSI, controller, unit, scsi_max_unit)
            disk = disk or _disk(r, DiskDevice.CDROM, DiskBus.SCSI, controller, unit, scsi_max_unit)
            if disk is not None:
                devices.disks.append(disk)
    if devices.disks:
        last = devices.disks[-1].address
        highest = getattr(last, "controller", 0) or 0
        for controller in range(highest + 1):
            insert_controller(
                domain,
                Controller(type=ControllerType.SCSI, index=controller, model=models[controller]),
            )
    scsi_count = len(devices.disks)
    for controller in range(4):
        if not r.boolean(f"sata{controller}.present", False):
            continue
        for unit in range(30):
            disk = _disk(r, DiskDevice.DISK, DiskBus.SATA, controller, unit, scsi_max_unit)
            disk = disk or _disk(r, DiskDevice.CDROM, DiskBus.SATA, controller, unit, scsi_max_unit)
            if disk is not None:
                devices.disks.append(disk)
    if len(devices.disks) > scsi_count:
        last = devices.disks[-1].address
        for controller in range((getattr(last, "controller", 0) or 0) + 1):
            insert_controller(domain, Controller(type=ControllerType.SATA, index=controller))
    for bus in range(2):
        for unit in range(2):
            disk = _disk(r, DiskDevice.DISK, DiskBus.IDE, bus, unit, scsi_max_unit)
            disk = disk or _disk(r, DiskDevice.CDROM, DiskBus.IDE, bus, unit, scsi_max_unit)
            if disk is not None:
                devices.disks.append(disk)
    for unit in range(2):
        disk = _disk(r, DiskDevice.FLOPPY, DiskBus.FDC, 0, unit, scsi_max_unit)
        if disk is not None:
            devices.disks.append(disk)


def _target(bus: DiskBus, controller: int, unit: int) -> str:
    if bus is DiskBus.SCSI:
        return disk_name(controller * 15 + (unit if unit < 7 else unit - 1), "sd")
    if bus is DiskBus.SATA:
        return disk_name(controller * 30 + unit, "sd")
    if bus is DiskBus.IDE:
        return disk_name(controller * 2 + unit, "hd")
    return disk_name(unit, "fd")


def _disk(
    r: Reader, device: DiskDevice, bus: DiskBus, controller: int, unit: int, scsi_max_unit: int
) -> Disk | None:
    prefix = f"floppy{unit}" if device is DiskDevice.FLOPPY else f"{bus.value}{controller}:{unit}"
    if not r.boolean(f"{prefix}.present", False):
        return None
    r.start_connected(prefix)
    device_type = r.string(f"{prefix}.deviceType")
    client = r.boolean(f"{prefix}.clientDevice", False)
    mode = r.string(f"{prefix}.mode")
    if client:
        # a client device is connected through the VI client: nothing to map
        r.warn(f"{prefix}.clientDevice", "a client device (of the VI client) is left out")
        return None
    file_type = r.string(f"{prefix}.fileType")
    file_key = f"{prefix}.fileName"
    file_name = r.string(file_key)
    write_through = r.boolean(f"{prefix}.writeThrough", False)
    dtype = (device_type or "").lower()
    fname = (file_name or "").lower()
    dev = _target(bus, controller, unit)
    target = DiskTarget(dev=dev, bus=bus)
    address = drive_address(bus, dev, scsi_max_unit)
    disk: Disk

    if device is DiskDevice.DISK:
        if (
            file_name is None
            or fname.endswith(".iso")
            or file_name == "emptyBackingString"
            or dtype in ("atapi-cdrom", "cdrom-raw", "cdrom-image")
            or (dtype == "scsi-passthru" and file_name.startswith("/vmfs/devices/cdrom/"))
        ):
            return None  # a CD-ROM
        if not fname.endswith(".vmdk"):
            raise r.fail(
                f"invalid or unsupported hard disk {file_name!r} for entry {file_key!r}"
                f" of deviceType {device_type or 'unknown'!r}",
                file_key,
            )
        if device_type is not None:
            allowed = {DiskBus.SCSI: "scsi-harddisk", DiskBus.IDE: "ata-harddisk"}.get(bus)
            if allowed is not None and dtype not in (allowed, "disk"):
                raise r.fail(
                    f"expecting entry '{prefix}.deviceType' to be {allowed!r} or 'disk'"
                    f" but found {device_type!r}",
                    f"{prefix}.deviceType",
                )
        source = r.file_name(file_key, file_name, False)
        disk = FileDisk(
            target=target,
            device=DiskDevice.DISK,
            source=FileDiskSource(file=source) if source is not None else None,
        )
        if write_through:
            disk.driver = DiskDriver(cache=CacheMode.WRITETHROUGH)
        if mode is not None and mode.lower() == "independent-nonpersistent":
            disk.transient = Transient()
    elif device is DiskDevice.CDROM:
        if fname.endswith(".vmdk"):
            return None  # a hard disk
        if fname.endswith(".iso"):
            if device_type is not None and dtype != "cdrom-image":
                raise r.fail(
                    f"expecting entry '{prefix}.deviceType' to be 'cdrom-image'"
                    f" but found {device_type!r}",
                    f"{prefix}.deviceType",
                )
            assert file_name is not None
            source = r.file_name(file_key, file_name, True)
            disk = FileDisk(
                target=target,
                device=device,
                source=FileDiskSource(file=source) if source is not None else None,
            )
        elif dtype in ("atapi-cdrom", "cdrom-raw"):
            # a raw access CD-ROM is a LUN to libvirt
            kind = DiskDevice.CDROM if dtype == "atapi-cdrom" else DiskDevice.LUN
            block_source: BlockDiskSource | None
            if fname == "auto detect":
                block_source = BlockDiskSource(startup_policy=StartupPolicy.OPTIONAL)
            else:
                block_source = BlockDiskSource(dev=file_name) if file_name is not None else None
            disk = BlockDisk(target=target, device=kind, source=block_source)
        elif bus is DiskBus.SCSI and dtype == "scsi-passthru":
            if file_name is None or not file_name.startswith("/vmfs/devices/cdrom/"):
                return None  # a hard disk
            disk = BlockDisk(
                target=target, device=DiskDevice.LUN, source=BlockDiskSource(dev=file_name)
            )
        elif file_name in ("", "emptyBackingString"):
            if device_type is not None and dtype != "cdrom-image":
                raise r.fail(
                    f"expecting entry '{prefix}.deviceType' to be 'cdrom-image'"
                    f" but found {device_type!r}",
                    f"{prefix}.deviceType",
                )
            disk = FileDisk(target=target, device=device)
        else:
            raise r.fail(
                f"invalid or unsupported CD-ROM {file_name!r} for entry {file_key!r}"
                f" of deviceType {device_type or 'unknown'!r}",
                file_key,
            )
        disk.readonly = Flag()
    else:
        ftype = (file_type or "").lower()
        if ftype == "device":
            disk = BlockDisk(
                target=target,
                device=device,
                source=BlockDiskSource(dev=file_name) if file_name is not None else None,
            )
        elif ftype == "file":
            source = r.file_name(file_key, file_name, False) if file_name is not None else None
            disk = FileDisk(
                target=target,
                device=device,
                source=FileDiskSource(file=source) if source is not None else None,
            )
        else:
            raise r.fail(
                f"invalid or unsupported floppy {file_name!r} for entry {file_key!r}"
                f" of fileType {file_type or 'unknown'!r}",
                f"{prefix}.fileType",
            )
    disk.target = target
    disk.address = address
    return disk


def read_filesystems(r: Reader, devices: Devices) -> None:
    """``sharedFolderN.*``: the shared folders, when HGFS is on."""
    if r.boolean("isolation.tools.hgfs.disable", True):
        return
    for number in range(max(r.long("sharedFolder.maxNum", 0), 0)):
        prefix = f"sharedFolder{number}"
        present = r.boolean(f"{prefix}.present", False)
        enabled = r.boolean(f"{prefix}.enabled", False)
        if not (present and enabled):
            continue
        host = r.string(f"{prefix}.hostPath", required=True)
        guest = r.string(f"{prefix}.guestName", required=True)
        writable = r.boolean(f"{prefix}.writeAccess", False)
        devices.filesystems.append(
            MountFilesystem(
                type=FilesystemType.MOUNT,
                accessmode=AccessMode.PASSTHROUGH,
                source=FilesystemSource(dir=host),
                target=FilesystemTarget(dir=guest),
                readonly=None if writable else Flag(),
            )
        )
