"""A ``.vmx`` file to a :class:`Domain`, after libvirt's ``virVMXParseConfig``."""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import urlsplit

from domxml.errors import NativeConfigError
from domxml.models.domain import (
    AccessMode,
    AddressListen,
    Arch,
    BlockDisk,
    BlockDiskSource,
    BridgeInterface,
    BridgeSource,
    CacheMode,
    CharProtocol,
    CharProtocolType,
    CharSource,
    CharSourceMode,
    CharType,
    Clock,
    ClockOffset,
    Controller,
    ControllerModel,
    ControllerType,
    Cpu,
    CpuTopology,
    Cputune,
    Devices,
    Disk,
    DiskBus,
    DiskDevice,
    DiskDriver,
    DiskTarget,
    Domain,
    DomainType,
    FileDisk,
    FileDiskSource,
    FilesystemSource,
    FilesystemTarget,
    FilesystemType,
    Firmware,
    FirmwareFeature,
    FirmwareFeatureName,
    FirmwareInfo,
    Flag,
    GuestType,
    Interface,
    InterfaceModel,
    LifecycleAction,
    Mac,
    MacType,
    Memory,
    Memtune,
    MountFilesystem,
    NullInterface,
    Os,
    OsType,
    Parallel,
    ParallelTarget,
    Serial,
    SerialTarget,
    Size,
    Smbios,
    SmbiosMode,
    StartupPolicy,
    Transient,
    UserInterface,
    Vcpu,
    VcpuPlacement,
    VdsInterface,
    VdsSource,
    Video,
    VideoModel,
    VideoModelType,
    VmwareDatacenterPath,
    VncGraphics,
)
from domxml.native.common import (
    NativeWarning,
    add_console_for_serial,
    add_disk_controllers,
    disk_name,
    drive_address,
    insert_controller,
)
from domxml.native.conf import Config, Entry, parse_config

__all__ = ["FileNameParser", "read"]

#: Turns a ``.vmx`` file name into a disk source (``[datastore] dir/file.vmdk``);
#: the second argument says whether a missing file is acceptable (a CD-ROM
#: image); ``None`` means no source. Raise :class:`ValueError` to refuse it.
FileNameParser = Callable[[str, bool], "str | None"]

_SCSI_MODELS = {
    "buslogic": ControllerModel.BUSLOGIC,
    "lsilogic": ControllerModel.LSILOGIC,
    "lsisas1068": ControllerModel.LSISAS1068,
    "pvscsi": ControllerModel.VMPVSCSI,
}
_NET_MODELS = ("vlance", "vmxnet", "vmxnet3", "e1000", "e1000e")
_TCP_PROTOCOLS = {
    "tcp": CharProtocolType.RAW,
    "tcp4": CharProtocolType.RAW,
    "tcp6": CharProtocolType.RAW,
    "telnet": CharProtocolType.TELNET,
    "telnets": CharProtocolType.TELNETS,
    "ssl": CharProtocolType.TLS,
    "tcp+ssl": CharProtocolType.TLS,
    "tcp4+ssl": CharProtocolType.TLS,
    "tcp6+ssl": CharProtocolType.TLS,
}


def _keep(name: str, allow_missing: bool) -> str | None:
    return name


class _Reader:
    def __init__(self, conf: Config, parse_file_name: FileNameParser) -> None:
        self.conf = conf
        self.parse_file_name = parse_file_name
        self.warnings: list[NativeWarning] = []

    def warn(self, name: str, message: str) -> None:
        """A key read whose value the domain cannot hold."""
        found = self.conf.get(name)
        self.warnings.append(
            NativeWarning(found.name if found else name, message, found.line if found else None)
        )

    # -- typed access, as libvirt's virVMXGetConfig* -------------------------

    def entry(self, name: str, required: bool = False) -> Entry | None:
        found = self.conf.get(name)
        if found is None and required:
            raise self.conf.error(f"missing essential entry {name!r}")
        return found

    def string(self, name: str, required: bool = False) -> str | None:
        found = self.entry(name, required)
        return None if found is None else str(found.value)

    def long(self, name: str, default: int, required: bool = False) -> int:
        found = self.entry(name, required)
        if found is None:
            return default
        text = str(found.value)
        if text.lower() == "unlimited":
            return -1
        try:
            return int(text, 10)
        except ValueError:
            raise self.conf.error(f"entry {found.name!r} must be an integer", found) from None

    def boolean(self, name: str, default: bool) -> bool:
        found = self.entry(name)
        if found is None:
            return default
        text = str(found.value).lower()
        if text not in ("true", "false"):
            raise self.conf.error(
                f"entry {found.name!r} must be a boolean value (true|false)", found
            )
        return text == "true"

    def fail(self, message: str, name: str) -> NativeConfigError:
        return self.conf.error(message, self.conf.get(name))

    def file_name(self, key: str, name: str, allow_missing: bool) -> str | None:
        try:
            return self.parse_file_name(name, allow_missing)
        except ValueError as error:
            raise self.fail(f"entry {key!r}: {error}", key) from None


def read(
    text: str | bytes,
    *,
    parse_file_name: FileNameParser | None = None,
    datacenter_path: str | None = None,
    filename: str | None = None,
) -> tuple[Domain, list[NativeWarning]]:
    """Read a ``.vmx`` file into a domain, and warn of every key it does not map.

    *parse_file_name* maps the file names of disks, floppies, serial and
    parallel ports to sources (see :data:`FileNameParser`); *datacenter_path*
    is written as ``<vmware:datacenterpath>``, as libvirt's ESX driver does.
    Raises :class:`~domxml.errors.NativeConfigError` (with the line) for what
    libvirt refuses.
    """
    conf = parse_config(_decode(text, filename), "vmx", filename)
    reader = _Reader(conf, parse_file_name or _keep)
    domain = _domain(reader)
    if datacenter_path is not None:
        domain.vmware_datacenterpath = VmwareDatacenterPath(value=datacenter_path)
    warnings = [
        NativeWarning(entry.name, "not mapped to domain XML", entry.line) for entry in conf.unread()
    ]
    return domain, sorted(reader.warnings + warnings, key=lambda w: w.line or 0)


def _decode(text: str | bytes, filename: str | None) -> str:
    if isinstance(text, str):
        return text
    # .encoding names the file's character set; it is ASCII, so a first
    # reading as Latin-1 finds it whatever the rest holds
    found = re.search(rb'^\s*\.encoding\s*=\s*"([^"]*)"', text, re.MULTILINE | re.IGNORECASE)
    encoding = found.group(1).decode("ascii", "replace") if found else "utf-8"
    try:
        return text.decode(encoding)
    except (LookupError, UnicodeDecodeError) as error:
        raise NativeConfigError(
            f"cannot decode the file as {encoding}: {error}", filename=filename
        ) from None


def _unescape(value: str, escape: str, key: str, reader: _Reader) -> str:
    # VMware writes a character as |XX (hex), in displayName and annotation
    out = bytearray()
    index = 0
    raw = value.encode("utf-8")
    mark = escape.encode()[0]
    while index < len(raw):
        if raw[index] == mark:
            digits = raw[index + 1 : index + 3]
            if len(digits) != 2 or not all(chr(d) in "0123456789abcdefABCDEF" for d in digits):
                raise reader.fail(f"entry {key!r} holds an invalid escape sequence", key)
            out.append(int(digits, 16))
            index += 3
        else:
            out.append(raw[index])
            index += 1
    return out.decode("utf-8", "replace")


def _domain(r: _Reader) -> Domain:
    config_version = r.long("config.version", 0, required=True)
    if config_version != 8:
        raise r.fail(
            f"expecting entry 'config.version' to be 8 but found {config_version}",
            "config.version",
        )
    hw_version = r.long("virtualHW.version", 0, required=True)
    if hw_version < 4:
        raise r.fail(
            f"expecting entry 'virtualHW.version' to be 4 or higher but found {hw_version}",
            "virtualHW.version",
        )
    # virtual hardware 13 has SCSI buses of 64 units
    scsi_max_unit = 64 if hw_version >= 13 else 16
    r.entry(".encoding")

    uuid = r.string("uuid.bios")
    name = r.string("displayName")
    if name is not None:
        name = _unescape(_unescape(name, "%", "displayName", r), "|", "displayName", r)
    domain = Domain(type=DomainType.VMWARE, name=name, devices=Devices())
    # libvirt writes the UUID it was given, all zeros when the file has none
    domain.uuid = _uuid(uuid, r) if uuid is not None else "00000000-0000-0000-0000-000000000000"
    domain.genid = _genid(r)
    annotation = r.string("annotation")
    if annotation is not None:
        domain.description = _unescape(annotation, "|", "annotation", r)

    memsize = r.long("memsize", 32)
    if memsize <= 0 or memsize % 4 != 0:
        raise r.fail(
            "expecting entry 'memsize' to be an unsigned integer (multiple of 4)"
            f" but found {memsize}",
            "memsize",
        )
    domain.memory = Memory(unit="KiB", value=memsize * 1024)
    mem_max = r.long("sched.mem.max", memsize)
    if mem_max < 0:
        mem_max = memsize
    domain.current_memory = Size(unit="KiB", value=min(mem_max, memsize) * 1024)
    minsize = max(r.long("sched.mem.minsize", 0), 0)
    if minsize > 0:
        domain.memtune = Memtune(min_guarantee=Size(unit="KiB", value=min(minsize, memsize) * 1024))

    vcpus = r.long("numvcpus", 1)
    if vcpus <= 0:
        raise r.fail(
            f"expecting entry 'numvcpus' to be greater than 0 but found {vcpus}", "numvcpus"
        )
    domain.vcpu = Vcpu(placement=VcpuPlacement.STATIC, count=vcpus)
    cores = r.long("cpuid.coresPerSocket", 1)
    if cores > 1:
        sockets = vcpus // cores
        if sockets <= 0:
            raise r.fail("entry 'cpuid.coresPerSocket' is larger than 'numvcpus'", "numvcpus")
        domain.cpu = Cpu(
            topology=CpuTopology(sockets=sockets, dies=1, clusters=1, cores=cores, threads=1)
        )
    _affinity(r, domain, vcpus)
    shares = r.string("sched.cpu.shares")
    if shares is not None:
        levels = {"low": 500, "normal": 1000, "high": 2000}
        if shares.lower() in levels:
            value = vcpus * levels[shares.lower()]
        elif shares.isdigit():
            value = int(shares)
        else:
            raise r.fail(
                "expecting entry 'sched.cpu.shares' to be an unsigned integer or 'low',"
                f" 'normal' or 'high' but found {shares!r}",
                "sched.cpu.shares",
            )
        domain.cputune = Cputune(shares=value)

    guest_os = r.string("guestOS")
    arch = Arch.X86_64 if guest_os is not None and guest_os.endswith("-64") else Arch.I686
    domain.os = Os(type=OsType(arch=arch, value=GuestType.HVM))
    if r.boolean("smbios.reflecthost", False):
        domain.os.smbios = Smbios(mode=SmbiosMode.HOST)
    domain.clock = Clock(offset=ClockOffset.UTC)
    domain.on_poweroff = LifecycleAction.DESTROY
    domain.on_reboot = LifecycleAction.RESTART
    domain.on_crash = LifecycleAction.DESTROY

    devices = domain.devices
    assert devices is not None
    vnc = _vnc(r)
    if vnc is not None:
        devices.graphics.append(vnc)
    _disks(r, domain, scsi_max_unit)
    _filesystems(r, devices)
    for index in range(_highest_ethernet(r) + 1):
        interface = _ethernet(r, index)
        if interface is not None:
            devices.interfaces.append(interface)
    vram = r.long("svga.vramSize", 4 * 1024 * 1024)
    devices.videos.append(
        Video(model=VideoModel(type=VideoModelType.VMVGA, vram=-(-vram // 1024), primary=True))
    )
    for port in range(4):
        serial = _serial(r, port)
        if serial is not None:
            devices.serials.append(serial)
    for port in range(3):
        parallel = _parallel(r, port)
        if parallel is not None:
            devices.parallels.append(parallel)
    _firmware(r, domain.os)
    add_disk_controllers(domain)
    add_console_for_serial(domain)
    return domain


def _uuid(text: str, r: _Reader) -> str:
    digits = re.sub(r"[\s-]", "", text)
    if not re.fullmatch(r"[0-9a-fA-F]{32}", digits):
        raise r.fail(f"could not parse a UUID from {text!r}", "uuid.bios")
    digits = digits.lower()
    return f"{digits[:8]}-{digits[8:12]}-{digits[12:16]}-{digits[16:20]}-{digits[20:]}"


def _genid(r: _Reader) -> str | None:
    high = r.long("vm.genid", 0)
    low = r.long("vm.genidX", 0)
    if high == 0 and low == 0:
        return None
    digits = f"{high & (2**64 - 1):016x}{low & (2**64 - 1):016x}"
    return f"{digits[:8]}-{digits[8:12]}-{digits[12:16]}-{digits[16:20]}-{digits[20:]}"


def _affinity(r: _Reader, domain: Domain, vcpus: int) -> None:
    affinity = r.string("sched.cpu.affinity")
    if affinity is None or affinity.lower() == "all":
        return
    parts = affinity.split(",")
    if len(parts) < vcpus:
        raise r.fail(
            f"expecting entry 'sched.cpu.affinity' to hold at least as many values as"
            f" 'numvcpus' ({vcpus}) but found only {len(parts)} value(s)",
            "sched.cpu.affinity",
        )
    numbers = []
    for part in parts:
        part = part.strip()
        if not part.isdigit():
            raise r.fail(
                "expecting entry 'sched.cpu.affinity' to be a comma separated list of"
                f" unsigned integers but found {affinity!r}",
                "sched.cpu.affinity",
            )
        numbers.append(int(part))
    assert domain.vcpu is not None
    domain.vcpu.cpuset = _cpuset(sorted(set(numbers)))


def _cpuset(numbers: list[int]) -> str:
    """``0,1,2,5`` as libvirt writes a CPU set: ``0-2,5``."""
    ranges: list[str] = []
    start = previous = numbers[0]
    for number in [*numbers[1:], -2]:
        if number == previous + 1:
            previous = number
            continue
        ranges.append(str(start) if start == previous else f"{start}-{previous}")
        start = previous = number
    return ",".join(ranges)


def _vnc(r: _Reader) -> VncGraphics | None:
    if not r.boolean("RemoteDisplay.vnc.enabled", False):
        return None
    port = r.long("RemoteDisplay.vnc.port", -1)
    address = r.string("RemoteDisplay.vnc.ip")
    graphics = VncGraphics(
        keymap=r.string("RemoteDisplay.vnc.keymap"),
        passwd=r.string("RemoteDisplay.vnc.password"),
        listens=[AddressListen(address=address)],
    )
    if port < 0:
        graphics.port, graphics.autoport = -1, True
    else:
        graphics.port, graphics.autoport = port, False
    if address is not None:
        graphics.listen = address
    return graphics


def _scsi_controller(r: _Reader, index: int) -> tuple[bool, ControllerModel | None]:
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


def _disks(r: _Reader, domain: Domain, scsi_max_unit: int) -> None:
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
    r: _Reader, device: DiskDevice, bus: DiskBus, controller: int, unit: int, scsi_max_unit: int
) -> Disk | None:
    prefix = f"floppy{unit}" if device is DiskDevice.FLOPPY else f"{bus.value}{controller}:{unit}"
    if not r.boolean(f"{prefix}.present", False):
        return None
    r.boolean(f"{prefix}.startConnected", True)
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


def _filesystems(r: _Reader, devices: Devices) -> None:
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


def _highest_ethernet(r: _Reader) -> int:
    highest = -1
    for entry in r.conf.entries:
        name = entry.name.lower()
        if not name.startswith("ethernet"):
            continue
        found = re.match(r"ethernet(\d+)\.", name)
        if found is None:
            raise r.conf.error(f"entry {entry.name!r} does not name an ethernet device", entry)
        highest = max(highest, int(found.group(1)))
    return highest


def _ethernet(r: _Reader, index: int) -> Interface | None:
    prefix = f"ethernet{index}"
    if not r.boolean(f"{prefix}.present", False):
        return None
    r.boolean(f"{prefix}.startConnected", True)
    connection = r.string(f"{prefix}.connectionType")
    address_type = r.string(f"{prefix}.addressType")
    generated = r.string(f"{prefix}.generatedAddress")
    static = r.string(f"{prefix}.address")
    check = r.string(f"{prefix}.checkMACAddress")
    mac = Mac(address=None)
    if address_type is None or address_type.lower() in ("generated", "vpx"):
        if generated is not None:
            mac.address = _mac(generated, f"{prefix}.generatedAddress", r)
        if address_type is not None:
            mac.type = MacType.GENERATED
    elif address_type.lower() == "static":
        if static is not None:
            mac.address = _mac(static, f"{prefix}.address", r)
        mac.type = MacType.STATIC
    else:
        raise r.fail(
            f"expecting entry '{prefix}.addressType' to be 'generated', 'static' or 'vpx'"
            f" but found {address_type!r}",
            f"{prefix}.addressType",
        )
    if check is not None:
        mac.check = check == "true"
    model = None
    virtual_dev = r.string(f"{prefix}.virtualDev")
    features = r.long(f"{prefix}.features", 0)
    if virtual_dev is not None:
        name = virtual_dev.lower()
        if name not in _NET_MODELS:
            raise r.fail(
                f"expecting entry '{prefix}.virtualDev' to be 'vlance', 'vmxnet', 'vmxnet3',"
                f" 'e1000' or 'e1000e' but found {virtual_dev!r}",
                f"{prefix}.virtualDev",
            )
        # vmxnet with features 15 is VMware's "enhanced vmxnet", vmxnet2
        model = InterfaceModel(type="vmxnet2" if name == "vmxnet" and features == 15 else name)
    kind = (connection or "").lower()
    network = None
    if connection is None or kind in ("bridged", "custom"):
        network = r.string(f"{prefix}.networkName", required=connection is not None)
    vnet = r.string(f"{prefix}.vnet", required=True) if kind == "custom" else None
    switch = r.string(f"{prefix}.dvs.switchId")
    interface: Interface
    if switch is not None:
        interface = VdsInterface(
            source=VdsSource(
                switchid=_uuid(switch, r),
                portid=r.long(f"{prefix}.dvs.portId", 0),
                portgroupid=r.string(f"{prefix}.dvs.portgroupId"),
                connectionid=r.long(f"{prefix}.dvs.connectionId", 0),
            )
        )
    elif connection is None and network is None:
        interface = NullInterface()
    elif connection is None or kind == "bridged":
        interface = BridgeInterface(source=BridgeSource(bridge=network))
    elif kind == "nat":
        interface = UserInterface()
    elif kind == "custom":
        from domxml.models.domain import InterfaceTarget

        interface = BridgeInterface(source=BridgeSource(bridge=network))
        interface.target = InterfaceTarget(dev=vnet)
    else:
        raise r.fail(
            f"no support for entry '{prefix}.connectionType' = {connection!r}",
            f"{prefix}.connectionType",
        )
    interface.mac = mac if (mac.address or mac.type or mac.check is not None) else None
    interface.model = model
    return interface


def _mac(text: str, key: str, r: _Reader) -> str:
    if not re.fullmatch(r"[0-9a-fA-F]{1,2}(:[0-9a-fA-F]{1,2}){5}", text):
        raise r.fail(f"expecting entry {key!r} to be a MAC address but found {text!r}", key)
    return ":".join(f"{int(part, 16):02x}" for part in text.split(":"))


def _serial(r: _Reader, port: int) -> Serial | None:
    prefix = f"serial{port}"
    if not r.boolean(f"{prefix}.present", False):
        return None
    r.boolean(f"{prefix}.startConnected", True)
    file_type = r.string(f"{prefix}.fileType")
    file_name = r.string(f"{prefix}.fileName")
    end_point = r.string(f"{prefix}.network.endPoint")
    kind = (file_type or "device").lower()
    serial = Serial(type=None, target=SerialTarget(port=port))
    if kind == "device":
        serial.type = CharType.DEV
        serial.sources = [CharSource(path=file_name)] if file_name is not None else []
    elif kind == "file":
        serial.type = CharType.FILE
        path = r.file_name(f"{prefix}.fileName", file_name or "", False)
        serial.sources = [CharSource(path=path)] if path is not None else []
    elif kind == "pipe":
        # client/server and VM/application pipes are one thing to libvirt
        serial.type = CharType.PIPE
        serial.sources = [CharSource(path=file_name)] if file_name is not None else []
    elif kind == "network":
        serial.type = CharType.TCP
        uri = urlsplit(file_name or "")
        try:
            uri_port = uri.port
        except ValueError:
            uri_port = None
        # libvirt keeps a URI it cannot use as a null port rather than fail
        if not uri.netloc or not uri_port:
            serial.type = CharType.NULL
            if file_name:
                r.warn(f"{prefix}.fileName", "not a URI with a port: the port is a null device")
            return serial
        scheme = uri.scheme.lower()
        protocol = _TCP_PROTOCOLS.get(scheme) if scheme else CharProtocolType.RAW
        if protocol is None:
            raise r.fail(
                f"entry '{prefix}.fileName' has an unknown protocol {uri.scheme!r}",
                f"{prefix}.fileName",
            )
        endpoint = (end_point or "server").lower()
        if endpoint not in ("server", "client"):
            raise r.fail(
                f"expecting entry '{prefix}.network.endPoint' to be 'server' or 'client'"
                f" but found {end_point!r}",
                f"{prefix}.network.endPoint",
            )
        serial.sources = [
            CharSource(
                mode=CharSourceMode.BIND if endpoint == "server" else CharSourceMode.CONNECT,
                host=uri.hostname,
                service=str(uri_port),
            )
        ]
        serial.protocol = CharProtocol(type=protocol)
    else:
        raise r.fail(
            f"expecting entry '{prefix}.fileType' to be 'device', 'file', 'pipe' or"
            f" 'network' but found {file_type!r}",
            f"{prefix}.fileType",
        )
    return serial


def _parallel(r: _Reader, port: int) -> Parallel | None:
    prefix = f"parallel{port}"
    if not r.boolean(f"{prefix}.present", False):
        return None
    r.boolean(f"{prefix}.startConnected", True)
    file_type = r.string(f"{prefix}.fileType", required=True)
    file_name = r.string(f"{prefix}.fileName", required=True)
    assert file_type is not None and file_name is not None
    parallel = Parallel(type=None, target=ParallelTarget(port=port))
    if file_type.lower() == "device":
        parallel.type = CharType.DEV
        parallel.sources = [CharSource(path=file_name)]
    elif file_type.lower() == "file":
        parallel.type = CharType.FILE
        path = r.file_name(f"{prefix}.fileName", file_name, False)
        parallel.sources = [CharSource(path=path)] if path is not None else []
    else:
        raise r.fail(
            f"expecting entry '{prefix}.fileType' to be 'device' or 'file' but found {file_type!r}",
            f"{prefix}.fileType",
        )
    return parallel


def _firmware(r: _Reader, os: Os) -> None:
    firmware = r.string("firmware")
    if firmware is not None:
        if firmware != "efi":
            raise r.fail(f"entry 'firmware' has an unknown value {firmware!r}", "firmware")
        os.firmware = Firmware.EFI
    # VMware has one switch for both: keys enrolled and Secure Boot on
    if r.boolean("uefi.secureBoot.enabled", False) and os.firmware is Firmware.EFI:
        os.firmware_info = FirmwareInfo(
            features=[
                FirmwareFeature(enabled=True, name=FirmwareFeatureName.ENROLLED_KEYS),
                FirmwareFeature(enabled=True, name=FirmwareFeatureName.SECURE_BOOT),
            ]
        )
