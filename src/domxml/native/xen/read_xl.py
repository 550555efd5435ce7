"""An ``xl.cfg`` file to a :class:`Domain`: what ``xl`` adds to the shared mapping."""

from __future__ import annotations

import re
from collections.abc import Iterator

from domxml.errors import NativeConfigError
from domxml.models.domain import (
    Acpi,
    AcpiTable,
    AcpiTableType,
    AddressListen,
    BlockDisk,
    BlockDiskSource,
    Channel,
    ChannelTarget,
    ChannelTargetType,
    CharSource,
    CharSourceMode,
    CharType,
    Clipboard,
    Controller,
    ControllerModel,
    ControllerType,
    Cpu,
    CpuFeature,
    CpuFeaturePolicy,
    CpuMode,
    Disk,
    DiskDevice,
    DiskDriver,
    DiskTarget,
    Domain,
    FileDisk,
    FileDiskSource,
    FirmwareFormat,
    Flag,
    HostdevMode,
    HostdevType,
    InputBus,
    KeyboardInput,
    Loader,
    LoaderType,
    Mouse,
    MouseInput,
    MouseMode,
    NetworkDisk,
    NetworkProtocol,
    Numa,
    NumaCell,
    NumaDistances,
    NumaSibling,
    RbdDiskSource,
    SourceHost,
    SpiceGraphics,
    StorageFormat,
    TabletInput,
    UsbHostdev,
    UsbHostdevSource,
    UsbSourceAddress,
    XenArg,
    XenCommandline,
)
from domxml.native.common import NativeWarning, cpuset_text
from domxml.native.xen.disk_spec import parse_disk_spec
from domxml.native.xen.read import (
    FIRMWARE_DIR,
    boot_devices,
    disk_bus,
    is_hvm,
    kernel_cmdline,
    pv_boot,
    read_file,
)
from domxml.native.xen.values import XenValues

__all__ = ["CPU_FEATURE_NAMES", "read"]

#: libvirt's CPU feature names where libxl's differ (libvirt name, libxl name).
CPU_FEATURE_NAMES = (
    ("cx16", "cmpxchg16"),
    ("cid", "cntxid"),
    ("ds_cpl", "dscpl"),
    ("pclmuldq", "pclmulqdq"),
    ("pni", "sse3"),
    ("ht", "htt"),
    ("pn", "psn"),
    ("clflush", "clfsh"),
    ("sep", "sysenter"),
    ("cx8", "cmpxchg8"),
    ("nodeid_msr", "nodeid"),
    ("cr8legacy", "altmovcr8"),
    ("lahf_lm", "lahfsahf"),
    ("cmp_legacy", "cmplegacy"),
    ("fxsr_opt", "ffxsr"),
    ("pdpe1gb", "page1gb"),
    ("spec-ctrl", "ibrsb"),
)
_FROM_LIBXL = {libxl: ours for ours, libxl in CPU_FEATURE_NAMES}
_CPUID_POLICIES = {
    "1": CpuFeaturePolicy.FORCE,
    "0": CpuFeaturePolicy.DISABLE,
    "x": CpuFeaturePolicy.OPTIONAL,
    "k": CpuFeaturePolicy.OPTIONAL,
    "s": CpuFeaturePolicy.OPTIONAL,
}


def read(text: str, *, filename: str | None = None) -> tuple[Domain, list[NativeWarning]]:
    """Read an ``xl.cfg`` file into a domain, and warn of every key it does not map.

    Raises :class:`~domxml.errors.NativeConfigError` (with the line) for a
    syntax error or a value libvirt refuses.
    """
    steps = (_os, _vnuma, _xenbus, _cpuid, _disks, _spice, _inputs, _usb, _usbctrl, _channels)
    return read_file(text, filename, "xl", (*steps, _device_model_args))


def _device_model_args(v: XenValues, domain: Domain) -> None:
    args = v.raw("device_model_args")
    if isinstance(args, list):
        values = [XenArg(value=arg) for arg in args if isinstance(arg, str)]
        if values:
            domain.xen_commandline = XenCommandline(args=values)


def _os(v: XenValues, domain: Domain) -> None:
    os = domain.os
    assert os is not None
    if is_hvm(domain):
        bios = v.string("bios")
        bios_path = v.string("bios_path_override")
        if bios == "ovmf":
            os.loader = Loader(
                readonly=True,
                type=LoaderType.PFLASH,
                format=FirmwareFormat.RAW,
                path=bios_path or f"{FIRMWARE_DIR}/ovmf.bin",
            )
        else:
            os.loader = Loader(
                type=LoaderType.ROM, format=FirmwareFormat.RAW, path=f"{FIRMWARE_DIR}/hvmloader"
            )
        slic = v.string("acpi_firmware")
        if slic is not None:
            os.acpi = Acpi(tables=[AcpiTable(type=AcpiTableType.RAWSET, path=slic)])
        os.kernel = v.string("kernel")
        os.initrd = v.string("ramdisk")
        os.cmdline = kernel_cmdline(v, "cmdline")
        os.boots = boot_devices(v.string("boot", "c") or "c")
        nested = v.boolean("nestedhvm", -1)
        if nested != -1:
            if domain.cpu is None:
                domain.cpu = Cpu(mode=CpuMode.HOST_PASSTHROUGH)
            if nested == 0:
                # the test host is an Intel one: libvirt names VT-x
                domain.cpu.features.append(CpuFeature(policy=CpuFeaturePolicy.DISABLE, name="vmx"))
    else:
        pv_boot(v, domain, "cmdline")


def _vnuma(v: XenValues, domain: Domain) -> None:
    found = v.entry("vnuma")
    if found is None or not isinstance(found.value, list):
        return
    nodes = [node for node in found.value if isinstance(node, list)]
    count = len(nodes)
    cells = []
    total_vcpus = 0
    for index, node in enumerate(nodes):
        pnode = None
        size = 0
        cpus = None
        distances: list[int] = []
        for item in node:
            if not isinstance(item, str) or "=" not in item:
                raise v.fail(f"invalid vnuma configuration for vnode {index}", "vnuma")
            key, _, data = item.rpartition("=")
            if not data:
                continue
            if key.startswith("pnode"):
                if not data.isdigit() or int(data) >= count:
                    raise v.fail(f"vnuma vnode {index} has an invalid pnode {data!r}", "vnuma")
                pnode = int(data)
            elif key.startswith("size"):
                if not data.isdigit():
                    raise v.fail(f"invalid vnuma size {data!r}", "vnuma")
                size = int(data)
            elif key.startswith("vcpus"):
                cpus = cpuset_text(data)
                total_vcpus += sum(
                    int(high or low) - int(low) + 1
                    for low, _, high in (part.partition("-") for part in cpus.split(","))
                )
            elif key.startswith("vdistances"):
                values = data.split(",")
                if len(values) != count:
                    raise v.fail(
                        f"vnuma pnode {pnode} has {len(values)} distances for {count} nodes",
                        "vnuma",
                    )
                distances = [int(value) for value in values]
            else:
                raise v.fail(f"invalid vnuma configuration for vnode {index}", "vnuma")
        if pnode is None or cpus is None or size == 0:
            raise v.fail(f"incomplete vnuma configuration for vnode {index}", "vnuma")
        cell = NumaCell(id=index, cpus=cpus, memory=size * 1024, unit="KiB")
        if distances:
            cell.distances = NumaDistances(
                siblings=[NumaSibling(id=i, value=d) for i, d in enumerate(distances)]
            )
        cells.append(cell)
    vcpu = domain.vcpu
    assert vcpu is not None
    if (vcpu.count or 0) < total_vcpus:
        raise v.fail(
            f"the vnuma nodes have {total_vcpus} vCPUs, more than the domain's {vcpu.count}",
            "vnuma",
        )
    if domain.cpu is None:
        domain.cpu = Cpu()
    domain.cpu.numa = Numa(cells=cells)


def _xenbus(v: XenValues, domain: Domain) -> None:
    assert domain.devices is not None
    controller = Controller(type=ControllerType.XENBUS, index=0)
    events = v.integer("max_event_channels", 0)
    frames = v.integer("max_grant_frames", 0)
    if events > 0:
        controller.max_event_channels = events
    if frames > 0:
        controller.max_grant_frames = frames
    domain.devices.controllers.append(controller)


def _cpuid(v: XenValues, domain: Domain) -> None:
    text = v.string("cpuid")
    if text is None:
        return
    if domain.cpu is None:
        domain.cpu = Cpu(mode=CpuMode.HOST_PASSTHROUGH)
    pairs = text.split(",")
    if not pairs or not pairs[0]:
        return
    if pairs[0] != "host":
        raise v.fail(f"cpuid must start with 'host', not {pairs[0]!r}", "cpuid")
    for pair in pairs[1:]:
        name, sep, value = pair.partition("=")
        if not sep or not name or not value:
            raise v.fail(f"invalid cpuid entry {pair!r}", "cpuid")
        policy = _CPUID_POLICIES.get(value)
        if policy is None:
            raise v.fail(f"invalid cpuid policy {value!r} in {pair!r}", "cpuid")
        domain.cpu.features.append(CpuFeature(policy=policy, name=_FROM_LIBXL.get(name, name)))


_DISK_FORMATS = {
    "qcow": StorageFormat.QCOW,
    "qcow2": StorageFormat.QCOW2,
    "vhd": StorageFormat.VHD,
    "qed": StorageFormat.QED,
    "raw": StorageFormat.RAW,
}


def _disks(v: XenValues, domain: Domain) -> None:
    found = v.entry("disk")
    if found is None or not isinstance(found.value, list):
        return
    assert domain.devices is not None
    for spec in found.value:
        if not isinstance(spec, str):
            continue
        try:
            parsed = parse_disk_spec(spec)
        except NativeConfigError as error:
            raise v.conf.error(error.message, found) from None
        if parsed.vdev is None:
            raise v.conf.error(f"disk {spec!r} has no vdev", found)
        vdev = parsed.vdev
        target = DiskTarget(dev=vdev, bus=disk_bus(vdev, is_hvm(domain)))
        source = parsed.target or None
        disk: Disk
        if source is not None and source.startswith("rbd:"):
            disk = NetworkDisk(target=target, device=DiskDevice.DISK, source=_rbd(source, v))
            driver = DiskDriver(name="qemu", type=StorageFormat.RAW)
        elif parsed.cdrom:
            disk = FileDisk(
                target=target,
                device=DiskDevice.CDROM,
                source=FileDiskSource(file=source) if source else None,
            )
            driver = DiskDriver(name="qemu", type=StorageFormat.RAW)
        else:
            fmt = _DISK_FORMATS.get(parsed.format or "raw", StorageFormat.RAW)
            backend = parsed.backendtype
            if backend == "standalone":
                raise v.conf.error(f"disk backend 'standalone' is not supported: {spec!r}", found)
            if backend == "phy":
                disk = BlockDisk(
                    target=target, source=BlockDiskSource(dev=source) if source else None
                )
                driver = DiskDriver(name="phy", type=fmt)
            else:
                disk = FileDisk(
                    target=target, source=FileDiskSource(file=source) if source else None
                )
                driver = DiskDriver(name="tap" if backend == "tap" else "qemu", type=fmt)
            disk.device = DiskDevice.DISK
        disk.driver = driver
        if not parsed.readwrite:
            disk.readonly = Flag()
        domain.devices.disks.append(disk)


def _rbd(text: str, v: XenValues) -> RbdDiskSource:
    # rbd:pool/image:opt=value:...; '\:' and '\;' are escaped separators
    text = text.replace("\\\\", "\\")
    parts = re.split(r"(?<!\\):", text[len("rbd:") :])
    source = RbdDiskSource(protocol=NetworkProtocol.RBD, name=parts[0])
    for option in parts[1:]:
        key, _, value = option.partition("=")
        if key == "mon_host":
            for host in re.split(r"\\;", value):
                name, _, port = host.partition("\\:")
                name = name.replace("\\", "")
                if name.startswith("[") and name.endswith("]"):
                    name = name[1:-1]
                source.hosts.append(SourceHost(name=name, port=int(port) if port else None))
    return source


def _spice(v: XenValues, domain: Domain) -> None:
    if not is_hvm(domain) or not v.boolean("spice", 0):
        return
    assert domain.devices is not None
    address = v.string("spicehost")
    tls_port = v.integer("spicetls_port", 0)
    port = v.integer("spiceport", 0)
    spice = SpiceGraphics(
        listens=[AddressListen(address=address)],
        listen=address,
        tls_port=tls_port or None,
        port=port or None,
        autoport=not tls_port and not port,
    )
    if spice.autoport:
        spice.port = -1 if port == 0 else port
    else:
        spice.port = port
        spice.tls_port = tls_port
    if not v.boolean("spicedisable_ticketing", 0):
        passwd = v.string("spicepasswd")
        if passwd is None:
            raise v.fail("missing essential entry 'spicepasswd'")
        spice.passwd = passwd
    client = v.boolean("spiceagent_mouse", 0)
    spice.mouse = Mouse(mode=MouseMode.CLIENT if client else MouseMode.SERVER)
    spice.clipboard = Clipboard(copypaste=bool(v.boolean("spice_clipboard_sharing", 0)))
    domain.devices.graphics.insert(0, spice)


def _inputs(v: XenValues, domain: Domain) -> None:
    if not is_hvm(domain):
        return
    assert domain.devices is not None
    raw = v.raw("usbdevice")
    items = raw if isinstance(raw, list) else [raw] if raw is not None else []
    for item in items:
        if not isinstance(item, str):
            raise v.fail("'usbdevice' must be a string or a list of strings", "usbdevice")
        kinds: dict[str, type[MouseInput | TabletInput | KeyboardInput]] = {
            "mouse": MouseInput,
            "tablet": TabletInput,
            "keyboard": KeyboardInput,
        }
        if item in kinds:
            domain.devices.inputs.append(kinds[item](bus=InputBus.USB))


def _options(text: str) -> dict[str, str] | None:
    values: dict[str, str] = {}
    for item in re.split(r",[\s,]*", text):
        key, sep, value = item.partition("=")
        if not sep:
            return None
        values.setdefault(key, value)
    return values


def _option_lists(v: XenValues, key: str) -> Iterator[dict[str, str]]:
    """The options of each item of the list ``key`` (``["hostbus=1,hostaddr=2"]``) libvirt reads.

    An item that is no list of ``name=value`` is skipped, as libvirt skips it.
    """
    raw = v.raw(key)
    if not isinstance(raw, list):
        return
    for item in raw:
        options = _options(item) if isinstance(item, str) else None
        if options is not None:
            yield options


def _usb(v: XenValues, domain: Domain) -> None:
    assert domain.devices is not None
    for options in _option_lists(v, "usbdev"):
        try:
            bus = int(options.get("hostbus", ""), 16)
            device = int(options.get("hostaddr", ""), 16)
        except ValueError:
            continue
        domain.devices.hostdevs.append(
            UsbHostdev(
                mode=HostdevMode.SUBSYSTEM,
                type=HostdevType.USB,
                managed=False,
                source=UsbHostdevSource(address=UsbSourceAddress(bus=bus, device=device)),
            )
        )


def _usbctrl(v: XenValues, domain: Domain) -> None:
    assert domain.devices is not None
    index = 0
    for options in _option_lists(v, "usbctrl"):
        if "type" in options and not options["type"].startswith("qusb"):
            continue
        try:
            version = int(options.get("version", "2"), 16)
            ports = int(options.get("ports", "8"), 16)
        except ValueError:
            continue
        domain.devices.controllers.append(
            Controller(
                type=ControllerType.USB,
                index=index,
                model=ControllerModel.QUSB1 if version == 1 else ControllerModel.QUSB2,
                ports=ports,
            )
        )
        index += 1


def _channels(v: XenValues, domain: Domain) -> None:
    assert domain.devices is not None
    for options in _option_lists(v, "channel"):
        connection = options.get("connection", "")
        target = ChannelTarget(type=ChannelTargetType.XEN, name=options.get("name"))
        if connection.startswith("socket"):
            channel = Channel(
                type=CharType.UNIX,
                sources=[CharSource(mode=CharSourceMode.BIND, path=options.get("path"))],
                target=target,
            )
        elif connection.startswith("pty"):
            channel = Channel(type=CharType.PTY, target=target)
        else:
            raise v.fail(f"unknown channel connection {connection!r}", "channel")
        domain.devices.channels.append(channel)
