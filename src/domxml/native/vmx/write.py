"""A :class:`Domain` to a ``.vmx`` file, after libvirt's ``virVMXFormatConfig``."""

from __future__ import annotations

from domxml.errors import NativeConfigError
from domxml.models.domain import (
    Arch,
    BlockDisk,
    CacheMode,
    ClockOffset,
    ControllerModel,
    ControllerType,
    CpuMode,
    Disk,
    DiskBus,
    DiskDevice,
    Domain,
    DomainType,
    DriveAddress,
    FileDisk,
    Filesystem,
    FilesystemType,
    Firmware,
    FirmwareFeatureName,
    LifecycleAction,
    MountFilesystem,
    SmbiosMode,
    StartupPolicy,
    Video,
    VideoModelType,
    VncGraphics,
)
from domxml.native.common import NativeWarning, disk_index, drive_address, unmapped_parts
from domxml.native.vmx.write_devices import write_ethernet, write_parallel, write_serial
from domxml.native.vmx.writer import FileNameFormatter, Writer

__all__ = ["FileNameFormatter", "write"]


_SCSI_MODEL_NAMES = {
    ControllerModel.BUSLOGIC: "buslogic",
    ControllerModel.LSILOGIC: "lsilogic",
    ControllerModel.LSISAS1068: "lsisas1068",
    ControllerModel.VMPVSCSI: "pvscsi",
}


#: What the writer reads of a domain and of its devices; the rest is warned of.
_ELEMENTS = frozenset(
    [
        "type",
        "id",
        "name",
        "uuid",
        "genid",
        "description",
        "memory",
        "current_memory",
        "memtune",
        "vcpu",
        "cputune",
        "os",
        "cpu",
        "clock",
        "on_poweroff",
        "on_reboot",
        "on_crash",
        "vmware_datacenterpath",
    ]
)
_DEVICES = frozenset(
    [
        "disks",
        "controllers",
        "filesystems",
        "interfaces",
        "serials",
        "parallels",
        "consoles",
        "graphics",
        "videos",
    ]
)


def _keep(source: str) -> str:
    return source


def _escape(text: str, special: str) -> str:
    # VMware's |XX hex escape, as libvirt's virVMXEscapeHex writes it; a line
    # break too, which libvirt leaves as it is and no reader takes back
    out = []
    for char in text:
        if char in special or (special[0] == "|" and char < " "):
            out.append("".join(f"{special[0]}{byte:02x}" for byte in char.encode()))
        else:
            out.append(char)
    return "".join(out)


def write(
    domain: Domain,
    *,
    virtual_hw_version: int = 4,
    format_file_name: FileNameFormatter | None = None,
) -> tuple[str, list[NativeWarning]]:
    """Write *domain* as a ``.vmx`` file for VMware virtual hardware *virtual_hw_version*.

    *format_file_name* maps disk, floppy, serial and parallel file sources to
    the file names VMware reads (see :data:`FileNameFormatter`). Raises
    :class:`~domxml.errors.NativeConfigError` for what a ``.vmx`` file cannot
    express (libvirt refuses the same); what it leaves out is in the warnings.
    """
    w = Writer(format_file_name or _keep, virtual_hw_version)
    if domain.type is not DomainType.VMWARE:
        kind = domain.type.value if domain.type is not None else "none"
        raise NativeConfigError(f"expecting a domain of type 'vmware' but found {kind!r}")
    w.set(".encoding", "UTF-8")
    w.set("config.version", 8)
    w.set("virtualHW.version", virtual_hw_version)
    _general(w, domain)
    _devices(w, domain)
    if domain.os is not None and domain.os.firmware is Firmware.EFI:
        w.set("firmware", "efi")
        # VMware has one switch for Secure Boot with its keys; libvirt writes none
        info = domain.os.firmware_info
        names = {f.name for f in info.features if f.enabled} if info is not None else set()
        if FirmwareFeatureName.SECURE_BOOT in names:
            w.set("uefi.secureBoot.enabled", "true")
    if virtual_hw_version >= 7:
        if any(line.startswith("scsi") for line in w.lines):
            w.set("pciBridge0.present", "true")
            for bridge in (4, 5, 6, 7):
                w.set(f"pciBridge{bridge}.present", "true")
                w.set(f"pciBridge{bridge}.virtualDev", "pcieRootPort")
                w.set(f"pciBridge{bridge}.functions", 8)
        w.set("vmci0.present", "true")
    return "\n".join(w.lines) + "\n", w.warnings


def _general(w: Writer, domain: Domain) -> None:
    os = domain.os
    arch = os.type.arch if os is not None and os.type is not None else None
    if arch is None or arch is Arch.I686:
        w.set("guestOS", "other")
    elif arch is Arch.X86_64:
        w.set("guestOS", "other-64")
    else:
        raise NativeConfigError(
            f"expecting the architecture to be i686 or x86_64, not {arch.value!r}"
        )
    if os is not None and os.smbios is not None and os.smbios.mode is not None:
        if os.smbios.mode is SmbiosMode.HOST:
            w.set("smbios.reflecthost", "true")
        elif os.smbios.mode is not SmbiosMode.EMULATE:
            raise NativeConfigError(f"unsupported SMBIOS mode {os.smbios.mode.value!r}")
    uuid = (domain.uuid or "").replace("-", "").lower()
    if not uuid or int(uuid, 16) == 0:
        w.set("uuid.action", "create")
    else:
        pairs = [uuid[i : i + 2] for i in range(0, 32, 2)]
        w.set("uuid.bios", " ".join(pairs[:8]) + "-" + " ".join(pairs[8:]))
    w.set("displayName", _escape(_escape(domain.name or "", '|"'), "%"))
    if domain.description is not None:
        w.set("annotation", _escape(domain.description, '|"'))
    if domain.genid:
        # libvirt reads the generation ID from two signed 64-bit halves; it writes none
        digits = domain.genid.replace("-", "")
        for key, half in (("vm.genid", digits[:16]), ("vm.genidX", digits[16:])):
            value = int(half, 16)
            w.set(key, value - 2**64 if value >= 2**63 else value)

    total_kib = domain.memory.to_kib() if domain.memory is not None else 0
    # memsize is in MiB and a multiple of 4
    max_balloon = -(-total_kib // 4096) * 4096
    w.set("memsize", max_balloon // 1024)
    current = domain.current_memory.to_kib() if domain.current_memory is not None else total_kib
    if current < max_balloon:
        w.set("sched.mem.max", -(-current // 1024))
    if domain.memtune is not None and domain.memtune.min_guarantee is not None:
        minimum = domain.memtune.min_guarantee.to_kib()
        if minimum > 0:
            w.set("sched.mem.minsize", -(-minimum // 1024))
    vcpu = domain.vcpu
    vcpus = vcpu.count if vcpu is not None and vcpu.count is not None else 1
    if vcpu is not None and vcpu.current is not None and vcpu.current != vcpus:
        raise NativeConfigError("no support for a domain with offline vCPUs")
    w.set("numvcpus", vcpus)
    cpu = domain.cpu
    if cpu is not None:
        if cpu.mode is not None and cpu.mode is not CpuMode.CUSTOM:
            raise NativeConfigError(
                f"expecting the CPU mode to be 'custom', not {cpu.mode.value!r}"
            )
        top = cpu.topology
        if top is not None:
            sockets, cores = top.sockets or 1, top.cores or 1
            if top.threads != 1 or (top.dies or 1) != 1 or (top.clusters or 1) != 1:
                raise NativeConfigError("only one thread, die and cluster per core is supported")
            if sockets * cores != vcpus:
                raise NativeConfigError(
                    f"the vCPU count ({vcpus}) is not sockets * cores ({sockets * cores})"
                )
            w.set("cpuid.coresPerSocket", top.cores)
    if vcpu is not None and vcpu.cpuset:
        cpus = _cpus(vcpu.cpuset)
        if len(cpus) < vcpus:
            raise NativeConfigError(
                f"the vCPU set holds fewer CPUs than the domain has vCPUs ({vcpus})"
            )
        w.set("sched.cpu.affinity", ",".join(str(n) for n in cpus))
    if domain.cputune is not None and domain.cputune.shares is not None:
        shares = domain.cputune.shares
        names = {vcpus * 500: "low", vcpus * 1000: "normal", vcpus * 2000: "high"}
        w.set("sched.cpu.shares", names.get(shares, shares))


def _cpus(cpuset: str) -> list[int]:
    """The CPUs of a libvirt CPU set (``0-3,^2,8``), sorted."""
    chosen: set[int] = set()
    for part in cpuset.split(","):
        part = part.strip()
        negate = part.startswith("^")
        part = part.lstrip("^")
        low, _, high = part.partition("-")
        numbers = set(range(int(low), int(high or low) + 1))
        chosen = chosen - numbers if negate else chosen | numbers
    return sorted(chosen)


def _devices(w: Writer, domain: Domain) -> None:
    devices = domain.devices
    if devices is None:
        w.set("floppy0.present", "false")
        w.set("floppy1.present", "false")
        return
    for graphics in devices.graphics:
        if not isinstance(graphics, VncGraphics):
            kind = graphics.type.value if graphics.type is not None else "?"
            raise NativeConfigError(f"no support for graphics of type {kind!r}")
        _vnc(w, graphics)
    _scsi_controllers(w, domain)
    floppies = [False, False]
    for disk in devices.disks:
        if disk.device is DiskDevice.FLOPPY:
            _floppy(w, disk, floppies)
        else:
            _disk(w, disk)
    for unit, present in enumerate(floppies):
        if not present:
            w.set(f"floppy{unit}.present", "false")
    if devices.filesystems:
        w.set("isolation.tools.hgfs.disable", "false")
        w.set("sharedFolder.maxNum", len(devices.filesystems))
    for number, filesystem in enumerate(devices.filesystems):
        _filesystem(w, filesystem, number)
    for number, interface in enumerate(devices.interfaces):
        write_ethernet(w, interface, number)
    if len(devices.videos) > 1:
        raise NativeConfigError("no support for more than one video card")
    videos = list(devices.videos)
    if not videos and devices.graphics:
        # libvirt gives a domain with graphics and no video card its default one
        videos = [Video()]
    for video in videos:
        model = video.model
        video_type = model.type if model is not None else None
        if video_type is not None and video_type is not VideoModelType.VMVGA:
            raise NativeConfigError(f"no support for a video card of type {video_type.value!r}")
        if model is not None and (model.heads or 1) > 1:
            raise NativeConfigError("no support for more than one video head")
        vram = model.vram if model is not None and model.vram is not None else 4096
        # a multiple of 64 KiB, as VMware wants for Windows guests
        w.set("svga.vramSize", -(-vram // 64) * 64 * 1024)
    for serial in devices.serials:
        write_serial(w, serial)
    for parallel in devices.parallels:
        write_parallel(w, parallel)
    w.warnings.extend(unmapped_parts(domain, ".vmx", _ELEMENTS, _DEVICES))
    clock = domain.clock
    if clock is not None and (clock.offset is not ClockOffset.UTC or clock.timers):
        w.warnings.append(NativeWarning("clock", "left out: a VMware guest's clock is UTC"))
    actions = (domain.on_poweroff, domain.on_reboot, domain.on_crash)
    defaults = (LifecycleAction.DESTROY, LifecycleAction.RESTART, LifecycleAction.DESTROY)
    if any(a is not None and a is not d for a, d in zip(actions, defaults, strict=True)):
        w.warnings.append(NativeWarning("on_*", "left out: VMware has no lifecycle actions"))


def _vnc(w: Writer, graphics: VncGraphics) -> None:
    w.set("RemoteDisplay.vnc.enabled", "true")
    if not graphics.autoport and graphics.port is not None:
        w.set("RemoteDisplay.vnc.port", graphics.port)
    address = graphics.listen
    for listen in graphics.listens:
        address = getattr(listen, "address", None) or address
        break
    if address:
        w.set("RemoteDisplay.vnc.ip", address)
    if graphics.keymap is not None:
        w.set("RemoteDisplay.vnc.keymap", graphics.keymap)
    if graphics.passwd is not None:
        w.set("RemoteDisplay.vnc.password", graphics.passwd)


def _dev(disk: Disk) -> str:
    return (disk.target.dev if disk.target is not None else None) or ""


def _bus(disk: Disk) -> DiskBus | None:
    return disk.target.bus if disk.target is not None else None


def _address(disk: Disk) -> DriveAddress | None:
    if isinstance(disk.address, DriveAddress):
        return disk.address
    bus = _bus(disk)
    return drive_address(bus, _dev(disk)) if bus is not None else None


def _scsi_controllers(w: Writer, domain: Domain) -> None:
    assert domain.devices is not None
    devices = domain.devices
    models: dict[int, ControllerModel | None] = {}
    for disk in devices.disks:
        if _bus(disk) is not DiskBus.SCSI:
            continue
        address = _address(disk)
        index = (address.controller if address is not None else None) or 0
        models.setdefault(index, None)
        # a disk driver name of a SCSI model is libvirt's old way to name it
        name = disk.driver.name if disk.driver is not None else None
        if name is not None:
            legacy = {v: k for k, v in _SCSI_MODEL_NAMES.items()}.get(name.lower())
            if legacy is None:
                legacy = ControllerModel.__members__.get(name.upper().replace("-", "_"))
            if legacy is None:
                raise NativeConfigError(f"unknown driver name {name!r} of disk {_dev(disk)!r}")
            models[index] = legacy
    for controller in devices.controllers:
        if controller.type is not ControllerType.SCSI or controller.index not in models:
            continue
        model = controller.model
        if model is ControllerModel.AUTO:
            # libvirt's ESX driver asks the server; offline, as its tests: lsilogic
            model = ControllerModel.LSILOGIC
        legacy = models[controller.index]
        if model is not None and legacy is not None and model is not legacy:
            raise NativeConfigError(
                f"the SCSI controller {controller.index} has model {model.value!r} but a disk"
                f" on it names {legacy.value!r}"
            )
        models[controller.index] = model or legacy
    satas = sorted(
        {
            address.controller or 0
            for disk in devices.disks
            if _bus(disk) is DiskBus.SATA and (address := _address(disk)) is not None
        }
    )
    for index in satas:
        w.set(f"sata{index}.present", "true")
    for index in sorted(models):
        model = models[index]
        if model is not None and model not in _SCSI_MODEL_NAMES:
            raise NativeConfigError(
                f"expecting a VMware SCSI controller model, not {model.value!r}"
            )
        w.set(f"scsi{index}.present", "true")
        if model is not None:
            w.set(f"scsi{index}.virtualDev", _SCSI_MODEL_NAMES[model])


def _disk_slot(disk: Disk) -> tuple[str, int, int]:
    dev = _dev(disk)
    bus = _bus(disk)
    index = disk_index(dev)
    if bus is DiskBus.SCSI:
        if not dev.startswith("sd") or index is None:
            raise NativeConfigError(f"expecting the SCSI disk name {dev!r} to start with 'sd'")
        address = disk.address
        if isinstance(address, DriveAddress) and address.unit is not None:
            # virtual hardware 13 has 64 units a bus: the address says which
            controller, unit = address.controller or 0, address.unit
            if controller > 3 or unit == 7 or unit > 64 or (address.bus or 0) != 0:
                raise NativeConfigError(f"SCSI disk {dev!r}: no such VMware unit {address}")
            return "scsi", controller, unit
        if index >= 4 * 15:
            raise NativeConfigError(f"SCSI disk index (parsed from {dev!r}) is too large")
        controller, unit = divmod(index, 15)
        return "scsi", controller, unit + 1 if unit >= 7 else unit
    if bus is DiskBus.IDE:
        if not dev.startswith("hd") or index is None:
            raise NativeConfigError(f"expecting the IDE disk name {dev!r} to start with 'hd'")
        if index >= 4:
            raise NativeConfigError(f"IDE disk index (parsed from {dev!r}) is too large")
        return "ide", index // 2, index % 2
    if bus is DiskBus.SATA:
        # libvirt writes no SATA disk; its reader takes sataN:M, 30 units a controller
        if not dev.startswith("sd") or index is None:
            raise NativeConfigError(f"expecting the SATA disk name {dev!r} to start with 'sd'")
        if index >= 4 * 30:
            raise NativeConfigError(f"SATA disk index (parsed from {dev!r}) is too large")
        controller, unit = divmod(index, 30)
        return "sata", controller, unit
    kind = bus.value if bus is not None else "none"
    raise NativeConfigError(f"no support for disk bus {kind!r} of disk {dev!r}")


def _disk(w: Writer, disk: Disk) -> None:
    bus, controller, unit = _disk_slot(disk)
    prefix = f"{bus}{controller}:{unit}"
    dev = _dev(disk)
    if isinstance(disk, FileDisk):
        kind = "file"
        source = disk.source.file if disk.source is not None else None
    elif isinstance(disk, BlockDisk):
        kind = "block"
        source = disk.source.dev if disk.source is not None else None
    else:
        raise NativeConfigError(f"disk {dev!r}: only file and block disks are supported")
    if disk.device in (None, DiskDevice.DISK) and kind == "file":
        device_type = {"scsi": "scsi-hardDisk", "ide": "ata-hardDisk", "sata": "disk"}[bus]
    elif disk.device is DiskDevice.CDROM:
        device_type = "cdrom-image" if kind == "file" else "atapi-cdrom"
    elif disk.device is DiskDevice.LUN:
        scsi_cdrom = bus == "scsi" and (source or "").startswith("/vmfs/devices/cdrom/")
        device_type = "scsi-passthru" if scsi_cdrom else "cdrom-raw"
    else:
        raise NativeConfigError(f"disk {dev!r}: no support for a {kind} disk of this device")
    w.set(f"{prefix}.present", "true")
    w.set(f"{prefix}.deviceType", device_type)
    if kind == "file":
        extension = ".vmdk" if disk.device in (None, DiskDevice.DISK) else ".iso"
        if source is not None:
            if not source.lower().endswith(extension):
                raise NativeConfigError(f"disk {dev!r}: expecting a {extension} file")
            w.set(f"{prefix}.fileName", w.file_name(source, f"disk {dev!r}"))
        elif disk.device is DiskDevice.CDROM:
            w.set(f"{prefix}.fileName", "emptyBackingString")
    else:
        policy = disk.source.startup_policy if disk.source is not None else None
        if source is None and policy is StartupPolicy.OPTIONAL:
            w.set(f"{prefix}.autodetect", "true")
            w.set(f"{prefix}.fileName", "auto detect")
        elif source is not None:
            w.set(f"{prefix}.fileName", source)
    cache = disk.driver.cache if disk.driver is not None else None
    if bus == "scsi" and cache is not None:
        if cache is not CacheMode.WRITETHROUGH:
            raise NativeConfigError(f"disk {dev!r}: no support for cache mode {cache.value!r}")
        w.set(f"{prefix}.writeThrough", "true")
    if disk.transient is not None:
        w.set(f"{prefix}.mode", "independent-nonpersistent")


def _floppy(w: Writer, disk: Disk, present: list[bool]) -> None:
    dev = _dev(disk)
    index = disk_index(dev)
    if not dev.startswith("fd") or index is None or index > 1:
        raise NativeConfigError(f"expecting the floppy name {dev!r} to be fda or fdb")
    present[index] = True
    w.set(f"floppy{index}.present", "true")
    if isinstance(disk, FileDisk):
        w.set(f"floppy{index}.fileType", "file")
        if disk.source is not None and disk.source.file is not None:
            w.set(f"floppy{index}.fileName", w.file_name(disk.source.file, f"floppy {dev!r}"))
    elif isinstance(disk, BlockDisk):
        w.set(f"floppy{index}.fileType", "device")
        if disk.source is not None and disk.source.dev is not None:
            w.set(f"floppy{index}.fileName", disk.source.dev)
    else:
        raise NativeConfigError(f"floppy {dev!r}: only file and block floppies are supported")


def _filesystem(w: Writer, filesystem: Filesystem, number: int) -> None:
    if not isinstance(filesystem, MountFilesystem) and filesystem.type not in (
        None,
        FilesystemType.MOUNT,
    ):
        raise NativeConfigError("only filesystems of type 'mount' are supported")
    prefix = f"sharedFolder{number}"
    w.set(f"{prefix}.present", "true")
    w.set(f"{prefix}.enabled", "true")
    w.set(f"{prefix}.readAccess", "true")
    w.set(f"{prefix}.writeAccess", "false" if filesystem.readonly is not None else "true")
    w.set(f"{prefix}.hostPath", filesystem.source.dir if filesystem.source is not None else "")
    w.set(f"{prefix}.guestName", filesystem.target.dir if filesystem.target is not None else "")
