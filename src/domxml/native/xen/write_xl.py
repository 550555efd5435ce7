"""A :class:`Domain` to an ``xl.cfg`` file: what ``xl`` adds to the shared mapping."""

from __future__ import annotations

from domxml.errors import NativeConfigError
from domxml.models.domain import (
    BlockDisk,
    ChannelTargetType,
    CharType,
    ControllerModel,
    ControllerType,
    CpuFeaturePolicy,
    CpuMode,
    Disk,
    DiskDevice,
    Domain,
    FileDisk,
    GuestType,
    LoaderType,
    MouseMode,
    NetworkDisk,
    NetworkProtocol,
    SpiceGraphics,
    StorageFormat,
    UsbHostdev,
)
from domxml.native.common import NativeWarning, cpuset_text
from domxml.native.conf import Value
from domxml.native.xen.read_xl import CPU_FEATURE_NAMES
from domxml.native.xen.write import (
    XenWriter,
    boot_order,
    disk_access,
    guest_type,
    hardware_virtualization,
    input_devices,
    listen_address,
    pv_boot,
    set_disks,
    write_common,
)
from domxml.units import unit_scale

__all__ = ["write"]

_TO_LIBXL = dict(CPU_FEATURE_NAMES)
_FORMATS = {
    StorageFormat.RAW: "raw",
    StorageFormat.VHD: "xvhd",
    StorageFormat.QCOW: "qcow",
    StorageFormat.QCOW2: "qcow2",
    StorageFormat.QED: "qed",
}


def write(domain: Domain) -> tuple[str, list[NativeWarning]]:
    """Write *domain* as an ``xl.cfg`` file; what it leaves out is in the warnings.

    Raises :class:`~domxml.errors.NativeConfigError` for what ``xl`` cannot
    express (libvirt refuses the same).
    """
    w = XenWriter()
    write_common(w, domain, "xl")
    _os(w, domain)
    _cpuid(w, domain)
    _vnuma(w, domain)
    _xenbus(w, domain)
    set_disks(w, domain, _disk)
    _spice(w, domain)
    if guest_type(domain) is GuestType.HVM:
        names = input_devices(domain)
        if names:
            w.set("usb", 1)
            w.set("usbdevice", names[0] if len(names) == 1 else list(names))
    _usb(w, domain)
    _channels(w, domain)
    if domain.xen_commandline is not None and domain.xen_commandline.args:
        w.set("device_model_args", [a.value or "" for a in domain.xen_commandline.args])
    return w.text(), w.warnings


def _os(w: XenWriter, domain: Domain) -> None:
    os = domain.os
    if os is None:
        return
    if guest_type(domain) is GuestType.HVM:
        w.set("builder", "hvm")
        if os.loader is not None and os.loader.type is LoaderType.PFLASH:
            w.set("bios", "ovmf")
            if os.loader.path:
                w.set("bios_path_override", os.loader.path)
        if os.acpi is not None and os.acpi.tables:
            w.set("acpi_firmware", os.acpi.tables[0].path or "")
        if os.kernel:
            w.set("kernel", os.kernel)
        if os.initrd:
            w.set("ramdisk", os.initrd)
        if os.cmdline:
            w.set("cmdline", os.cmdline)
        w.set("boot", boot_order(domain))
        nested = hardware_virtualization(domain)
        if nested is not None:
            w.set("nestedhvm", nested)
        return
    if guest_type(domain) is GuestType.XENPVH:
        w.set("type", "pvh")
    pv_boot(w, domain, "cmdline")


def _cpuid(w: XenWriter, domain: Domain) -> None:
    cpu = domain.cpu
    if cpu is None:
        return
    if cpu.mode is not CpuMode.HOST_PASSTHROUGH:
        if cpu.mode is not None or cpu.features:
            w.warnings.append(
                NativeWarning(
                    "cpu", "only a host-passthrough CPU maps to cpuid; this one is left out"
                )
            )
        return
    pairs = ["host"]
    policies = {
        CpuFeaturePolicy.FORCE: "1",
        CpuFeaturePolicy.REQUIRE: "1",
        CpuFeaturePolicy.OPTIONAL: "x",
        CpuFeaturePolicy.DISABLE: "0",
        CpuFeaturePolicy.FORBID: "0",
    }
    for feature in cpu.features:
        name = _TO_LIBXL.get(feature.name or "", feature.name or "")
        if name in ("vmx", "svm"):
            continue  # nestedhvm says it
        pairs.append(f"{name}={policies.get(feature.policy, '1') if feature.policy else '1'}")
    if len(pairs) > 1:
        w.set("cpuid", ",".join(pairs))


def _vnuma(w: XenWriter, domain: Domain) -> None:
    numa = domain.cpu.numa if domain.cpu is not None else None
    if numa is None or not numa.cells:
        return
    nodes: list[Value] = []
    count = len(numa.cells)
    given = {
        (index, sibling.id): sibling.value
        for index, cell in enumerate(numa.cells)
        for sibling in (cell.distances.siblings if cell.distances else [])
    }

    def distance(node: int, other: int) -> int:
        # libvirt completes a one-sided distance from its mirror, else 10 local, 20 remote
        value = given.get((node, other), given.get((other, node)))
        if value is None:
            return 10 if node == other else 20
        return int(value)

    for index, cell in enumerate(numa.cells):
        if not cell.cpus:
            raise NativeConfigError(f"NUMA cell {index} has no CPUs")
        size = _kib(cell.memory or 0, cell.unit) // 1024
        node: list[Value] = [
            f"pnode={index}",
            f"size={size}",
            f"vcpus={cpuset_text(cell.cpus)}",
            "vdistances=" + ",".join(str(distance(index, i)) for i in range(count)),
        ]
        nodes.append(node)
    w.set("vnuma", nodes)


def _kib(value: int, unit: str | None) -> int:
    try:
        scale = unit_scale(unit or "KiB")
    except ValueError:
        scale = 1024  # a word that is no unit: read as KiB, libvirt's default here
    return value * scale // 1024


def _xenbus(w: XenWriter, domain: Domain) -> None:
    for controller in domain.devices.controllers if domain.devices else []:
        if controller.type is ControllerType.XENBUS:
            if controller.max_event_channels:
                w.set("max_event_channels", controller.max_event_channels)
            if controller.max_grant_frames:
                w.set("max_grant_frames", controller.max_grant_frames)


def _disk(disk: Disk) -> str:
    fmt = disk.driver.type if disk.driver is not None else None
    spec = f"format={_FORMATS.get(fmt, 'raw') if fmt else 'raw'}"
    dev = disk.target.dev if disk.target is not None else ""
    spec += f",vdev={dev}"
    spec += f",access={disk_access(disk)}"
    if disk.transient is not None:
        raise NativeConfigError(f"disk {dev!r}: transient disks are not supported by xl")
    driver = disk.driver.name if disk.driver is not None else None
    if driver:
        backend = {"qemu": "qdisk", "file": "qdisk", "tap": "tap", "phy": "phy"}.get(driver)
        if backend is not None:
            spec += f",backendtype={backend}"
    if disk.device is DiskDevice.CDROM:
        spec += ",devtype=cdrom"
    target = _source(disk)
    if target:
        spec += f",target={target}"
    return spec


def _source(disk: Disk) -> str | None:
    if isinstance(disk, FileDisk):
        return disk.source.file if disk.source is not None else None
    if isinstance(disk, BlockDisk):
        return disk.source.dev if disk.source is not None else None
    if isinstance(disk, NetworkDisk):
        source = disk.source
        if source is None or source.protocol is not NetworkProtocol.RBD:
            name = source.protocol.value if source and source.protocol else "?"
            raise NativeConfigError(f"unsupported network disk protocol {name!r}")
        if ":" in (source.name or ""):
            raise NativeConfigError(f"':' not allowed in RBD source name {source.name!r}")
        text = f"rbd:{source.name}:auth_supported=none"
        if source.hosts:
            hosts = []
            for host in source.hosts:
                name = host.name or ""
                name = f"[{name}]".replace(":", "\\:") if ":" in name else name
                hosts.append(name + (f"\\\\:{host.port}" if host.port else ""))
            text += ":mon_host=" + "\\\\;".join(hosts)
        return text
    raise NativeConfigError("only file, block and RBD network disks are supported by xl")


def _spice(w: XenWriter, domain: Domain) -> None:
    graphics = domain.devices.graphics if domain.devices else []
    if guest_type(domain) is not GuestType.HVM or not graphics:
        return
    spice = graphics[0]
    if not isinstance(spice, SpiceGraphics):
        return
    w.set("sdl", 0)
    w.set("vnc", 0)
    w.set("spice", 1)
    address = listen_address(spice)
    if address:
        w.set("spicehost", address)
    w.set("spiceport", spice.port if spice.port and spice.port > 0 else 0)
    w.set("spicetls_port", spice.tls_port or 0)
    if spice.passwd:
        w.set("spicedisable_ticketing", 0)
        w.set("spicepasswd", spice.passwd)
    else:
        w.set("spicedisable_ticketing", 1)
    mode = spice.mouse.mode if spice.mouse is not None else None
    if mode is MouseMode.SERVER:
        w.set("spiceagent_mouse", 0)
    elif mode is MouseMode.CLIENT:
        w.set("spiceagent_mouse", 1)
        # the client mouse needs the guest agent
        w.set("spicevdagent", 1)
    if spice.clipboard is not None and spice.clipboard.copypaste:
        w.set("spice_clipboard_sharing", 1)
        w.set("spicevdagent", 1)


def _usb(w: XenWriter, domain: Domain) -> None:
    devices = domain.devices
    if devices is None:
        return
    usbdevs: list[Value] = []
    for hostdev in devices.hostdevs:
        if isinstance(hostdev, UsbHostdev) and hostdev.source and hostdev.source.address:
            address = hostdev.source.address
            usbdevs.append(f"hostbus={address.bus or 0:x},hostaddr={address.device or 0:x}")
    if usbdevs:
        w.set("usbdev", usbdevs)
    controllers: list[Value] = []
    for controller in devices.controllers:
        if controller.type is not ControllerType.USB:
            continue
        spec = (
            {
                ControllerModel.QUSB1: "type=qusb,version=1,",
                ControllerModel.QUSB2: "type=qusb,version=2,",
            }.get(controller.model, "")
            if controller.model
            else ""
        )
        if controller.ports is not None:
            spec += f"ports={controller.ports:x}"
        controllers.append(spec)
    if controllers:
        w.set("usbctrl", controllers)


def _channels(w: XenWriter, domain: Domain) -> None:
    channels: list[Value] = []
    for channel in domain.devices.channels if domain.devices else []:
        if channel.target is None or channel.target.type is not ChannelTargetType.XEN:
            continue
        spec = "connection="
        if channel.type is CharType.PTY:
            spec += "pty,"
        elif channel.type is CharType.UNIX:
            spec += "socket,"
            path = channel.sources[0].path if channel.sources else None
            if path:
                spec += f"path={path},"
        else:
            kind = channel.type.value if channel.type else "?"
            raise NativeConfigError(f"unsupported channel type {kind!r} in an xl file")
        spec += f"name={channel.target.name}"
        channels.append(spec)
    if channels:
        w.set("channel", channels)
