"""A ``.vmx`` file to a :class:`Domain`, after libvirt's ``virVMXParseConfig``."""

from __future__ import annotations

import re

from domxml.errors import NativeConfigError
from domxml.models.domain import (
    Arch,
    Clock,
    ClockOffset,
    Cpu,
    CpuTopology,
    Cputune,
    Devices,
    Domain,
    DomainType,
    Firmware,
    FirmwareFeature,
    FirmwareFeatureName,
    FirmwareInfo,
    GuestType,
    LifecycleAction,
    Memory,
    Memtune,
    Os,
    OsType,
    Size,
    Smbios,
    SmbiosMode,
    Vcpu,
    VcpuPlacement,
    Video,
    VideoModel,
    VideoModelType,
    VmwareDatacenterPath,
)
from domxml.native.common import (
    NativeWarning,
    add_console_for_serial,
    add_disk_controllers,
)
from domxml.native.conf import parse_config
from domxml.native.vmx.read_devices import (
    highest_ethernet,
    read_ethernet,
    read_parallel,
    read_serial,
    read_vnc,
)
from domxml.native.vmx.read_disks import read_disks, read_filesystems
from domxml.native.vmx.reader import FileNameParser, Reader, keep_file_name, uuid_text

__all__ = ["FileNameParser", "read"]


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
    reader = Reader(conf, parse_file_name or keep_file_name)
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


def _unescape(value: str, escape: str, key: str, reader: Reader) -> str:
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


def _domain(r: Reader) -> Domain:
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
    domain.uuid = uuid_text(uuid, r) if uuid is not None else "00000000-0000-0000-0000-000000000000"
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
    vnc = read_vnc(r)
    if vnc is not None:
        devices.graphics.append(vnc)
    read_disks(r, domain, scsi_max_unit)
    read_filesystems(r, devices)
    for index in range(highest_ethernet(r) + 1):
        interface = read_ethernet(r, index)
        if interface is not None:
            devices.interfaces.append(interface)
    vram = r.long("svga.vramSize", 4 * 1024 * 1024)
    devices.videos.append(
        Video(model=VideoModel(type=VideoModelType.VMVGA, vram=-(-vram // 1024), primary=True))
    )
    for port in range(4):
        serial = read_serial(r, port)
        if serial is not None:
            devices.serials.append(serial)
    for port in range(3):
        parallel = read_parallel(r, port)
        if parallel is not None:
            devices.parallels.append(parallel)
    _firmware(r, domain.os)
    add_disk_controllers(domain)
    add_console_for_serial(domain)
    return domain


def _genid(r: Reader) -> str | None:
    high = r.long("vm.genid", 0)
    low = r.long("vm.genidX", 0)
    if high == 0 and low == 0:
        return None
    digits = f"{high & (2**64 - 1):016x}{low & (2**64 - 1):016x}"
    return f"{digits[:8]}-{digits[8:12]}-{digits[12:16]}-{digits[16:20]}-{digits[20:]}"


def _affinity(r: Reader, domain: Domain, vcpus: int) -> None:
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


def _firmware(r: Reader, os: Os) -> None:
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
