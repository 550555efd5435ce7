"""A :class:`Domain` to an ``xl`` or ``xm`` file, after libvirt's ``xenFormatConfigCommon``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from domxml.errors import NativeConfigError
from domxml.models.domain import (
    BootDevice,
    BridgeInterface,
    ClockBasis,
    ClockOffset,
    CpuFeaturePolicy,
    CpuMode,
    Disk,
    DiskDevice,
    Domain,
    EthernetInterface,
    GuestType,
    InputBus,
    Interface,
    KeyboardInput,
    MouseInput,
    PciHostdev,
    SdlGraphics,
    SpiceGraphics,
    TabletInput,
    TimerName,
    TscMode,
    VirtualPortType,
    VncGraphics,
)
from domxml.native.common import NativeWarning, cpuset_text, unmapped_parts
from domxml.native.conf import Value
from domxml.native.xen.chardev import format_chardev
from domxml.native.xen.read import Flavor

__all__ = ["XenWriter", "write_common"]


class XenWriter:
    """The statements of the file being written, in order, and its warnings."""

    def __init__(self) -> None:
        self.entries: list[tuple[str, Value]] = []
        self.warnings: list[NativeWarning] = []

    def set(self, key: str, value: Value) -> None:
        """Set *key*, replacing an earlier value in place (as libvirt's ``virConfSetValue``)."""
        for index, (name, _) in enumerate(self.entries):
            if name == key:
                self.entries[index] = (key, value)
                return
        self.entries.append((key, value))

    def text(self) -> str:
        """The file, as libvirt's ``virConfWriteMem`` writes it."""
        return "".join(f"{key} = {_value(value)}\n" for key, value in self.entries)


def _value(value: Value) -> str:
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list):
        return "[ " + ", ".join(_value(item) for item in value) + " ]"
    if "\n" in value:
        return f'"""{value}"""'
    if '"' not in value:
        return f'"{value}"'
    if "'" not in value:
        return f"'{value}'"
    return f'"""{value}"""'


def guest_type(domain: Domain) -> GuestType | None:
    """The domain's ``<os><type>``: ``hvm``, ``linux``, ``xenpvh``..."""
    os = domain.os
    return os.type.value if os is not None and os.type is not None else None


#: What the writers read of a domain and of its devices; the rest is warned of.
_ELEMENTS = frozenset(
    [
        "type",
        "id",
        "name",
        "uuid",
        "memory",
        "current_memory",
        "vcpu",
        "features",
        "clock",
        "on_poweroff",
        "on_reboot",
        "on_crash",
        "os",
        "cpu",
        "bootloader",
        "bootloader_args",
        "xen_commandline",
    ]
)
_DEVICES = frozenset(
    [
        "emulator",
        "disks",
        "controllers",
        "interfaces",
        "serials",
        "parallels",
        "consoles",
        "channels",
        "inputs",
        "graphics",
        "sounds",
        "videos",
        "hostdevs",
        "memballoon",
    ]
)


def write_common(w: XenWriter, domain: Domain, flavor: Flavor) -> None:
    """What ``xl`` and ``xm`` share: libvirt's ``xenFormatConfigCommon``."""
    w.warnings.extend(unmapped_parts(domain, flavor, _ELEMENTS, _DEVICES))
    hvm = guest_type(domain) is GuestType.HVM
    w.set("name", domain.name or "")
    w.set("uuid", domain.uuid or "")
    total = domain.memory.to_kib() if domain.memory is not None else 0
    current = domain.current_memory.to_kib() if domain.current_memory is not None else total
    w.set("maxmem", -(-total // 1024))
    w.set("memory", -(-current // 1024))
    vcpu = domain.vcpu
    count = vcpu.count if vcpu is not None and vcpu.count is not None else 1
    current_vcpus = vcpu.current if vcpu is not None and vcpu.current is not None else count
    if current_vcpus < count:
        w.set("maxvcpus", count)
    w.set("vcpus", current_vcpus)
    if vcpu is not None and vcpu.cpuset:
        w.set("cpus", cpuset_text(vcpu.cpuset))
    _features(w, domain, hvm)
    _clock(w, domain, hvm)
    for key in ("on_poweroff", "on_reboot", "on_crash"):
        action = getattr(domain, key)
        default = "restart" if key == "on_reboot" else "destroy"
        w.set(key, action.value if action is not None else default)
    devices = domain.devices
    if devices is not None and devices.emulator:
        w.set("device_model_override", devices.emulator)
    _vfb(w, domain, hvm)
    vifs = [_vif(i, hvm, "vif" if flavor == "xl" else "netfront") for i in _interfaces(domain)]
    if vifs:
        w.set("vif", list(vifs))
    _pci(w, domain)
    _chardevs(w, domain, hvm, flavor)
    if hvm and devices is not None and devices.sounds:
        w.set("soundhw", ",".join(s.model.value for s in devices.sounds if s.model is not None))


def pv_boot(w: XenWriter, domain: Domain, cmdline_key: str) -> None:
    """How a paravirtualized guest boots: its bootloader, or its kernel, initrd and command line.

    ``xm`` names the command line ``extra``, ``xl`` ``cmdline``.
    """
    os = domain.os
    if domain.bootloader:
        w.set("bootloader", domain.bootloader)
    if domain.bootloader_args:
        w.set("bootargs", domain.bootloader_args)
    if os is None:
        return
    if os.kernel:
        w.set("kernel", os.kernel)
    if os.initrd:
        w.set("ramdisk", os.initrd)
    if os.cmdline:
        w.set(cmdline_key, os.cmdline)


def set_disks(w: XenWriter, domain: Domain, spec: Callable[[Disk], str]) -> None:
    """Set ``disk``: each disk written by ``spec``, floppies left out (neither file has them)."""
    disks = domain.devices.disks if domain.devices is not None else []
    found: list[Value] = [spec(d) for d in disks if d.device is not DiskDevice.FLOPPY]
    if found:
        w.set("disk", found)


def disk_access(disk: Disk) -> Literal["ro", "!", "rw"]:
    """A disk's access: read-only, shared (``!``) or read-write."""
    if disk.readonly is not None:
        return "ro"
    if disk.shareable is not None:
        return "!"
    return "rw"


def _interfaces(domain: Domain) -> list[Interface]:
    return list(domain.devices.interfaces) if domain.devices is not None else []


def _features(w: XenWriter, domain: Domain, hvm: bool) -> None:
    features = domain.features
    if hvm:
        w.set("pae", 1 if features is not None and features.pae is not None else 0)
        w.set("acpi", 1 if features is not None and features.acpi is not None else 0)
        w.set("apic", 1 if features is not None and features.apic is not None else 0)
        if features is not None and features.hap is not None and features.hap.state is False:
            w.set("hap", 0)
        w.set("viridian", 1 if features is not None and features.viridian is not None else 0)
    xen = features.xen if features is not None else None
    if not hvm and xen is not None and xen.e820_host is not None and xen.e820_host.state:
        w.set("e820_host", 1)
    if xen is not None and xen.passthrough is not None and xen.passthrough.state:
        mode = xen.passthrough.mode
        w.set("passthrough", mode.value if mode is not None else "enabled")
    clock = domain.clock
    for timer in clock.timers if clock is not None else []:
        if timer.name is TimerName.TSC:
            modes = {
                TscMode.NATIVE: "native",
                TscMode.PARAVIRT: "native_paravirt",
                TscMode.EMULATE: "always_emulate",
            }
            w.set("tsc_mode", modes.get(timer.mode, "default") if timer.mode else "default")
        elif timer.name is TimerName.HPET:
            if not hvm:
                raise NativeConfigError("an hpet timer needs an HVM guest")
            w.set("hpet", 0 if timer.present is False else 1)
        elif timer.name is not None:
            raise NativeConfigError(f"unsupported timer {timer.name.value!r}")


def _clock(w: XenWriter, domain: Domain, hvm: bool) -> None:
    clock = domain.clock
    offset = clock.offset if clock is not None else ClockOffset.UTC
    reset = clock is not None and clock.adjustment == "reset"
    if hvm:
        if offset is ClockOffset.VARIABLE:
            assert clock is not None
            localtime = 1 if clock.basis is ClockBasis.LOCALTIME else 0
            w.set("rtc_timeoffset", int(clock.adjustment or 0))
        elif offset in (ClockOffset.UTC, ClockOffset.LOCALTIME):
            if reset:
                raise NativeConfigError("an HVM guest's clock cannot be reset")
            localtime = 1 if offset is ClockOffset.LOCALTIME else 0
            w.set("rtc_timeoffset", 0)
        else:
            raise NativeConfigError(f"unsupported clock offset {offset!r}")
    else:
        if offset not in (ClockOffset.UTC, ClockOffset.LOCALTIME):
            name = offset.value if offset is not None else "none"
            raise NativeConfigError(f"unsupported clock offset {name!r} for a PV guest")
        localtime = 1 if offset is ClockOffset.LOCALTIME else 0
    w.set("localtime", localtime)


def _vfb(w: XenWriter, domain: Domain, hvm: bool) -> None:
    devices = domain.devices
    graphics = list(devices.graphics) if devices is not None else []
    if len(graphics) != 1 or isinstance(graphics[0], SpiceGraphics):
        return
    first = graphics[0]
    if hvm:
        if isinstance(first, SdlGraphics):
            w.set("sdl", 1)
            w.set("vnc", 0)
            if first.display:
                w.set("display", first.display)
            if first.xauth:
                w.set("xauthority", first.xauth)
        elif isinstance(first, VncGraphics):
            w.set("sdl", 0)
            w.set("vnc", 1)
            w.set("vncunused", 1 if first.autoport else 0)
            if not first.autoport:
                w.set("vncdisplay", (first.port or 0) - 5900)
            address = listen_address(first)
            if address:
                w.set("vnclisten", address)
            if first.passwd:
                w.set("vncpasswd", first.passwd)
            if first.keymap:
                w.set("keymap", first.keymap)
        return
    if isinstance(first, SdlGraphics):
        spec = "type=sdl"
        if first.display:
            spec += f",display={first.display}"
        if first.xauth:
            spec += f",xauthority={first.xauth}"
    elif isinstance(first, VncGraphics):
        spec = f"type=vnc,vncunused={1 if first.autoport else 0}"
        if not first.autoport:
            spec += f",vncdisplay={(first.port or 0) - 5900}"
        address = listen_address(first)
        if address:
            spec += f",vnclisten={address}"
        if first.passwd:
            spec += f",vncpasswd={first.passwd}"
        if first.keymap:
            spec += f",keymap={first.keymap}"
    else:
        return
    w.set("vfb", [spec])


def listen_address(graphics: VncGraphics | SpiceGraphics) -> str | None:
    """The first listen's address, as libvirt takes it."""
    for listen in graphics.listens:
        return getattr(listen, "address", None)
    return graphics.listen


def _vif(interface: Interface, hvm: bool, typename: str) -> str:
    mac = interface.mac.address if interface.mac is not None else None
    if not mac:
        raise NativeConfigError("an interface needs a MAC address in a Xen file")
    spec = f"mac={mac}"
    ips = " ".join(ip.address for ip in interface.ips if ip.address)
    if isinstance(interface, BridgeInterface):
        bridge = interface.source.bridge if interface.source is not None else ""
        script = interface.script.path if interface.script is not None else None
        virtualport = interface.virtualport
        if virtualport is not None and virtualport.type is VirtualPortType.OPENVSWITCH:
            script = script or "vif-openvswitch"
            vlan = interface.vlan
            if vlan is not None and vlan.tags:
                if vlan.trunk:
                    bridge = (bridge or "") + "".join(f":{tag.id}" for tag in vlan.tags)
                else:
                    bridge = f"{bridge}.{vlan.tags[0].id}"
        spec += f",bridge={bridge}"
        if ips:
            spec += f",ip={ips}"
        spec += f",script={script or 'vif-bridge'}"
    elif isinstance(interface, EthernetInterface):
        if interface.script is not None:
            spec += f",script={interface.script.path}"
        if ips:
            spec += f",ip={ips}"
    else:
        kind = interface.type.value if interface.type is not None else "?"
        raise NativeConfigError(f"unsupported interface type {kind!r} in a Xen file")
    model = interface.model.type if interface.model is not None else None
    if model:
        if hvm and model == "netfront":
            spec += f",type={typename}"
        else:
            spec += f",model={model}"
    if interface.target is not None and interface.target.dev:
        spec += f",vifname={interface.target.dev}"
    bandwidth = interface.bandwidth
    if bandwidth is not None and bandwidth.outbound is not None and bandwidth.outbound.average:
        spec += f",rate={bandwidth.outbound.average}KB/s"
    return spec


def _pci(w: XenWriter, domain: Domain) -> None:
    entries: list[Value] = []
    for hostdev in domain.devices.hostdevs if domain.devices is not None else []:
        if not isinstance(hostdev, PciHostdev) or hostdev.source is None:
            continue
        address = hostdev.source.address
        if address is None:
            continue
        permissive = {True: ",permissive=0", False: ",permissive=1", None: ""}[
            hostdev.source.write_filtering
        ]
        entries.append(
            f"{address.domain or 0:04x}:{address.bus or 0:02x}:{address.slot or 0:02x}"
            f".{address.function or 0:x}{permissive}"
        )
    if entries:
        w.set("pci", entries)


def _chardevs(w: XenWriter, domain: Domain, hvm: bool, flavor: Flavor) -> None:
    if not hvm:
        return
    devices = domain.devices
    parallels = list(devices.parallels) if devices is not None else []
    serials = list(devices.serials) if devices is not None else []
    if parallels:
        first = parallels[0]
        w.set("parallel", format_chardev(first.type, first.sources, first.protocol))
    else:
        w.set("parallel", "none")
    if not serials:
        w.set("serial", "none")
        return
    port0 = serials[0].target.port if serials[0].target is not None else 0
    if len(serials) == 1 and (port0 or 0) == 0:
        only = serials[0]
        w.set("serial", format_chardev(only.type, only.sources, only.protocol))
        return
    if flavor == "xm":
        raise NativeConfigError("multiple serial devices are not supported by xm")
    by_port = {(s.target.port if s.target is not None else 0) or 0: s for s in serials}
    values: list[Value] = []
    for port in range(max(by_port) + 1):
        serial = by_port.get(port)
        values.append(
            format_chardev(serial.type, serial.sources, serial.protocol) if serial else "none"
        )
    w.set("serial", values)


def input_devices(domain: Domain) -> list[str]:
    """The USB mouse, tablet and keyboard of an HVM guest, as ``usbdevice`` names them."""
    names = []
    for device in domain.devices.inputs if domain.devices is not None else []:
        if device.bus is not InputBus.USB:
            continue
        if isinstance(device, MouseInput):
            names.append("mouse")
        elif isinstance(device, TabletInput):
            names.append("tablet")
        elif isinstance(device, KeyboardInput):
            names.append("keyboard")
    return names


def boot_order(domain: Domain) -> str:
    """``boot``: the boot devices as letters, ``c`` when none."""
    letters = {BootDevice.FD: "a", BootDevice.CDROM: "d", BootDevice.NETWORK: "n"}
    boots = domain.os.boots if domain.os is not None else []
    return "".join(letters.get(b.dev, "c") if b.dev else "c" for b in boots) or "c"


def hardware_virtualization(domain: Domain) -> int | None:
    """``nestedhvm``: whether a host-passthrough CPU keeps VT-x/AMD-V."""
    cpu = domain.cpu
    if cpu is None or cpu.mode is not CpuMode.HOST_PASSTHROUGH:
        return None
    for feature in cpu.features:
        if feature.policy in (
            CpuFeaturePolicy.DISABLE,
            CpuFeaturePolicy.FORBID,
        ) and feature.name in (
            "vmx",
            "svm",
        ):
            return 0
    return 1
