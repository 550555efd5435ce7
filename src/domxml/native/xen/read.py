"""An ``xl`` or ``xm`` file to a :class:`Domain`, after libvirt's ``xenParseXL``/``xenParseXM``."""

from __future__ import annotations

import re
import uuid as uuid_module
from collections.abc import Callable, Sequence
from typing import Literal

from domxml.errors import NativeConfigError
from domxml.models.domain import (
    AddressListen,
    AddrFamily,
    Apic,
    Arch,
    Bandwidth,
    BandwidthRate,
    Boot,
    BootDevice,
    BridgeInterface,
    BridgeSource,
    Clock,
    ClockBasis,
    ClockOffset,
    Console,
    ConsoleTarget,
    ConsoleTargetType,
    Controller,
    ControllerType,
    Devices,
    DiskBus,
    Domain,
    DomainType,
    EthernetInterface,
    FeatureFlag,
    Features,
    FeatureState,
    FeatureSwitch,
    GuestType,
    HostdevMode,
    HostdevType,
    Input,
    InputBus,
    Interface,
    InterfaceModel,
    InterfaceTarget,
    IpAddress,
    KeyboardInput,
    LifecycleAction,
    Mac,
    Memballoon,
    MemballoonModel,
    Memory,
    MouseInput,
    Os,
    OsType,
    Parallel,
    ParallelTarget,
    PciHostdev,
    PciHostdevSource,
    PciSourceAddress,
    Script,
    SdlGraphics,
    Serial,
    SerialTarget,
    Size,
    Sound,
    SoundModel,
    Timer,
    TimerName,
    TscMode,
    Vcpu,
    VcpuPlacement,
    Video,
    VideoModel,
    VideoModelType,
    VirtualPort,
    VirtualPortType,
    Vlan,
    VlanTag,
    VncGraphics,
    XenFeatures,
    XenPassthrough,
    XenPassthroughMode,
)
from domxml.native.common import (
    NativeWarning,
    add_console_for_serial,
    add_disk_controllers,
    cpuset_text,
    drive_address,
    insert_controller,
)
from domxml.native.conf import Config, parse_config
from domxml.native.xen.chardev import Chardev, parse_chardev
from domxml.native.xen.values import XenValues

__all__ = [
    "Flavor",
    "boot_devices",
    "disk_bus",
    "finish",
    "kernel_cmdline",
    "pv_boot",
    "read_common",
    "read_file",
    "unread_warnings",
]

Flavor = Literal["xl", "xm"]
#: What one flavour reads beyond the common part, in order.
Step = Callable[[XenValues, Domain], None]

#: Where libvirt's libxl driver keeps Xen's firmware, as its tests build it.
FIRMWARE_DIR = "/usr/lib/xen/boot"
_LIFECYCLE = {action.value: action for action in LifecycleAction}
_BOOT = {"a": BootDevice.FD, "d": BootDevice.CDROM, "n": BootDevice.NETWORK}
_MIN_GUEST_MIB = 64


def read_file(
    text: str, filename: str | None, flavor: Flavor, steps: Sequence[Step]
) -> tuple[Domain, list[NativeWarning]]:
    """Read a file of ``flavor``: the common part, then each of ``steps``, then libvirt's defaults.

    The warnings name every key no step read.
    """
    conf = parse_config(text, "xen", filename)
    v = XenValues(conf)
    domain = read_common(v, flavor)
    for step in steps:
        step(v, domain)
    finish(domain)
    return domain, unread_warnings(conf)


def boot_devices(text: str) -> list[Boot]:
    """``boot = "dc"``: floppy a, disk c (and anything else), CD-ROM d, network n."""
    return [Boot(dev=_BOOT.get(letter, BootDevice.HD)) for letter in text[:4]]


def pv_boot(v: XenValues, domain: Domain, cmdline_key: str | None) -> None:
    """How a paravirtualized guest boots: its bootloader, or its kernel, initrd and command line.

    The command line is ``cmdline_key`` (``xl``'s ``cmdline``), else
    ``root=`` and ``extra`` joined as libvirt joins them (what ``xm`` has).
    """
    os = domain.os
    assert os is not None
    domain.bootloader = v.string("bootloader")
    domain.bootloader_args = v.string("bootargs")
    os.kernel = v.string("kernel")
    os.initrd = v.string("ramdisk")
    os.cmdline = kernel_cmdline(v, cmdline_key)


def kernel_cmdline(v: XenValues, cmdline_key: str | None) -> str | None:
    """``cmdline_key``'s value, else ``root=`` and ``extra`` joined as libvirt joins them."""
    explicit = v.string(cmdline_key) if cmdline_key is not None else None
    root = v.string("root")
    extra = v.string("extra")
    if explicit is not None:
        return explicit
    if root is not None and extra is not None:
        return f"root={root} {extra}"
    if root is not None:
        return f"root={root}"
    return extra


def disk_bus(dev: str, hvm: bool) -> DiskBus:
    """The bus a disk name says: Xen for ``xvd*`` or a PV guest, SCSI for ``sd*``, else IDE."""
    if dev.startswith("xvd") or not hvm:
        return DiskBus.XEN
    if dev.startswith("sd"):
        return DiskBus.SCSI
    return DiskBus.IDE


def read_common(v: XenValues, flavor: Flavor) -> Domain:
    """What ``xl`` and ``xm`` share: libvirt's ``xenParseConfigCommon``."""
    name = v.string("name")
    if name is None:
        raise v.fail("missing essential entry 'name'")
    domain = Domain(type=DomainType.XEN, name=name, devices=Devices())
    raw_uuid = v.string("uuid")
    if raw_uuid is None:
        # libvirt makes up a random UUID when the file has none
        domain.uuid = str(uuid_module.uuid4())
    else:
        digits = re.sub(r"[\s-]", "", raw_uuid)
        if not re.fullmatch(r"[0-9a-fA-F]{32}", digits):
            raise v.fail(f"'uuid' is not a valid UUID: {raw_uuid!r}", "uuid")
        d = digits.lower()
        domain.uuid = f"{d[:8]}-{d[8:12]}-{d[12:16]}-{d[16:20]}-{d[20:]}"
    guest = GuestType.XEN
    kind = v.string("type")
    if kind is not None:
        named = {"pv": GuestType.XEN, "pvh": GuestType.XENPVH, "hvm": GuestType.HVM}.get(kind)
        if named is None:
            raise v.fail(f"guest type {kind!r} is not supported", "type")
        guest = named
    elif v.string("builder", "linux") == "hvm":
        guest = GuestType.HVM
    machine = {GuestType.HVM: "xenfv", GuestType.XENPVH: "xenpvh"}.get(guest, "xenpv")
    value = GuestType.LINUX if guest is GuestType.XEN else guest
    domain.os = Os(type=OsType(arch=Arch.X86_64, machine=machine, value=value))

    current = v.integer("memory", _MIN_GUEST_MIB * 2)
    maximum = v.integer("maxmem", current)
    domain.memory = Memory(unit="KiB", value=maximum * 1024)
    domain.current_memory = Size(unit="KiB", value=current * 1024)

    for key, default in (
        ("on_poweroff", "destroy"),
        ("on_reboot", "restart"),
        ("on_crash", "restart"),
    ):
        text = v.string(key, default) or default
        action = _LIFECYCLE.get(text)
        if action is None:
            raise v.fail(f"unexpected value {text!r} for {key!r}", key)
        setattr(domain, key, action)

    vcpus = v.integer("vcpus", 1)
    domain.vcpu = Vcpu(placement=VcpuPlacement.STATIC, count=vcpus)
    if v.entry("maxvcpus") is not None:
        maximum_vcpus = v.integer("maxvcpus", 0)
        domain.vcpu.count = maximum_vcpus
        if vcpus != maximum_vcpus:
            domain.vcpu.current = vcpus
    cpus = v.string("cpus")
    if cpus:
        domain.vcpu.cpuset = cpuset_text(cpus)

    _features(v, domain)
    _clock(v, domain)
    emulator = v.string("device_model_override")
    assert domain.devices is not None
    devices = domain.devices
    if emulator is not None:
        devices.emulator = emulator
    for entry in (v.strings("vif") or []) if isinstance(v.raw("vif"), list) else []:
        devices.interfaces.append(_vif(entry, "vif" if flavor == "xl" else "netfront", v))
    _pci(v, domain)
    if guest is GuestType.HVM:
        sound = v.string("soundhw")
        if sound:
            devices.sounds.extend(_sounds(sound, v))
    _vfb(v, domain)
    _chardevs(v, domain, flavor)
    return domain


def is_hvm(domain: Domain) -> bool:
    """Whether the domain is a fully virtualized (HVM) guest."""
    return (
        domain.os is not None
        and domain.os.type is not None
        and domain.os.type.value is GuestType.HVM
    )


def _features(v: XenValues, domain: Domain) -> None:
    features = Features()
    timers: list[Timer] = []
    tsc = v.string("tsc_mode")
    if tsc is not None:
        mode = {
            "always_emulate": TscMode.EMULATE,
            "native": TscMode.NATIVE,
            "native_paravirt": TscMode.PARAVIRT,
        }.get(tsc, TscMode.AUTO)
        timers.append(Timer(name=TimerName.TSC, present=True, mode=mode))
    passthrough = v.string("passthrough")
    if passthrough is not None:
        modes = {
            "disabled": (False, None),
            "enabled": (True, None),
            "sync_pt": (True, XenPassthroughMode.SYNC_PT),
            "share_pt": (True, XenPassthroughMode.SHARE_PT),
        }
        if passthrough not in modes:
            raise v.fail(f"invalid passthrough mode {passthrough!r}", "passthrough")
        state, pt_mode = modes[passthrough]
        features.xen = XenFeatures(passthrough=XenPassthrough(state=state, mode=pt_mode))
    if is_hvm(domain):
        if v.boolean("pae", 1):
            features.pae = FeatureFlag()
        if v.boolean("acpi", 1):
            features.acpi = FeatureFlag()
        if v.boolean("apic", 1):
            features.apic = Apic()
        if not v.boolean("hap", 1):
            features.hap = FeatureSwitch(state=False)
        if v.boolean("viridian", 0):
            features.viridian = FeatureFlag()
        hpet = v.boolean("hpet", -1)
        if hpet != -1:
            timers.append(Timer(name=TimerName.HPET, present=bool(hpet)))
    # libvirt reads e820_host for every guest type: the PV mapping needs it
    if v.boolean("e820_host", 0):
        if features.xen is None:
            features.xen = XenFeatures()
        features.xen.e820_host = FeatureState(state=True)
    if any(
        getattr(features, name) is not None
        for name in ("pae", "acpi", "apic", "hap", "viridian", "xen")
    ):
        domain.features = features
    domain.clock = Clock(offset=ClockOffset.UTC, timers=timers)


def _clock(v: XenValues, domain: Domain) -> None:
    assert domain.clock is not None
    localtime = v.boolean("localtime", 0)
    if is_hvm(domain):
        domain.clock.offset = ClockOffset.VARIABLE
        domain.clock.adjustment = str(v.integer("rtc_timeoffset", 0))
        domain.clock.basis = ClockBasis.LOCALTIME if localtime else ClockBasis.UTC
    else:
        # a PV guest has no emulated clock: its offset is fixed
        domain.clock.offset = ClockOffset.LOCALTIME if localtime else ClockOffset.UTC
        domain.clock.adjustment = "reset"


def _vif(entry: str, typename: str, v: XenValues) -> Interface:
    values: dict[str, str] = {}
    for item in entry.split(","):
        key, sep, value = item.strip().partition("=")
        if sep and key in ("mac", "bridge", "script", "model", "type", "vifname", "ip", "rate"):
            values[key] = value
    mac = values.get("mac")
    bridge = values.get("bridge")
    script = values.get("script")
    interface: Interface
    if bridge or script in ("vif-bridge", "vif-vnic"):
        interface = BridgeInterface(source=None)
        if bridge:
            _bridge(interface, bridge, v)
    else:
        interface = EthernetInterface()
    if mac:
        if not re.fullmatch(r"[0-9a-fA-F]{1,2}(:[0-9a-fA-F]{1,2}){5}", mac):
            raise v.fail(f"malformed MAC address {mac!r} in 'vif'", "vif")
        interface.mac = Mac(address=":".join(f"{int(p, 16):02x}" for p in mac.split(":")))
    if values.get("ip"):
        for address in values["ip"].split(" "):
            if address:
                family = "ipv6" if ":" in address else "ipv4"
                interface.ips.append(IpAddress(address=address, family=AddrFamily(family)))
    if script:
        interface.script = Script(path=script)
    model = values.get("model")
    if model:
        interface.model = InterfaceModel(type=model)
    elif values.get("type") == typename:
        interface.model = InterfaceModel(type="netfront")
    if values.get("vifname"):
        interface.target = InterfaceTarget(dev=values["vifname"])
    if values.get("rate"):
        interface.bandwidth = Bandwidth(outbound=BandwidthRate(average=_rate(values["rate"], v)))
    return interface


def _bridge(interface: BridgeInterface, bridge: str, v: XenValues) -> None:
    # "br.42" is Open vSwitch with one VLAN tag, "br:42:43" a trunk
    if "." in bridge:
        name, _, tag = bridge.partition(".")
        tags = [tag]
        trunk = None
    elif ":" in bridge:
        name, *tags = bridge.split(":")
        trunk = True
    else:
        interface.source = BridgeSource(bridge=bridge)
        return
    if not all(tag.isdigit() for tag in tags):
        raise v.fail(f"invalid VLAN tag in bridge {bridge!r}", "vif")
    interface.source = BridgeSource(bridge=name)
    interface.vlan = Vlan(trunk=trunk, tags=[VlanTag(id=int(tag)) for tag in tags])
    interface.virtualport = VirtualPort(type=VirtualPortType.OPENVSWITCH)


def _rate(rate: str, v: XenValues) -> int:
    text = rate.split("@", 1)[0]
    found = re.fullmatch(r"(\d+)([GMK]?)([Bb])/s", text)
    if found is None:
        raise v.fail(f"invalid rate {rate!r} in 'vif'", "vif")
    value = int(found.group(1))
    value *= {"G": 1024 * 1024, "M": 1024, "K": 1, "": 1}[found.group(2)]
    if found.group(3) == "b":
        value //= 8
    return value


def _pci(v: XenValues, domain: Domain) -> None:
    raw = v.raw("pci")
    if not isinstance(raw, list):
        return
    assert domain.devices is not None
    for entry in raw:
        if not isinstance(entry, str):
            continue
        found = re.fullmatch(
            r"(?:([0-9a-fA-F]+):)?([0-9a-fA-F]+):([0-9a-fA-F]+)\.([0-9a-fA-F]+)(?:,(.*))?", entry
        )
        if found is None:
            raise v.fail(f"malformed PCI address {entry!r}", "pci")
        write_filtering = None
        for option in (found.group(5) or "").split(","):
            if not option:
                continue
            key, sep, value = option.partition("=")
            if not sep:
                raise v.fail(f"malformed PCI option {option!r} in {entry!r}", "pci")
            if key == "permissive":
                if not value.lstrip("-").isdigit():
                    raise v.fail(f"invalid permissive value {value!r}", "pci")
                write_filtering = not int(value)
        domain.devices.hostdevs.append(
            PciHostdev(
                mode=HostdevMode.SUBSYSTEM,
                type=HostdevType.PCI,
                managed=False,
                source=PciHostdevSource(
                    write_filtering=write_filtering,
                    address=PciSourceAddress(
                        domain=int(found.group(1) or "0", 16),
                        bus=int(found.group(2), 16),
                        slot=int(found.group(3), 16),
                        function=int(found.group(4), 16),
                    ),
                ),
            )
        )


def _sounds(text: str, v: XenValues) -> list[Sound]:
    if text == "all":
        # libvirt's "all" is every model up to es1370, in its enumeration order
        return [Sound(model=SoundModel.SB16), Sound(model=SoundModel.ES1370)]
    sounds = []
    for name in text.split(","):
        try:
            sounds.append(Sound(model=SoundModel(name)))
        except ValueError:
            raise v.fail(f"unknown sound model {name!r}", "soundhw") from None
    return sounds


def _vnc(v: XenValues) -> VncGraphics:
    graphics = VncGraphics()
    graphics.autoport = bool(v.boolean("vncunused", 1))
    graphics.port = -1 if graphics.autoport else v.integer("vncdisplay", 0) + 5900
    address = v.string("vnclisten")
    graphics.listens = [AddressListen(address=address)]
    graphics.listen = address
    graphics.passwd = v.string("vncpasswd")
    graphics.keymap = v.string("keymap")
    return graphics


def _vfb(v: XenValues, domain: Domain) -> None:
    assert domain.devices is not None
    devices = domain.devices
    if is_hvm(domain):
        if v.boolean("vnc", 0):
            devices.graphics.append(_vnc(v))
        elif v.boolean("sdl", 0):
            devices.graphics.append(
                SdlGraphics(display=v.string("display"), xauth=v.string("xauthority"))
            )
        return
    raw = v.raw("vfb")
    if not isinstance(raw, list) or not raw or not isinstance(raw[0], str):
        return
    spec = raw[0]
    if "type=sdl" in spec:
        sdl = SdlGraphics()
        for item in re.split(r"[,\s]+", spec):
            key, sep, value = item.partition("=")
            if not sep:
                break
            if key == "display":
                sdl.display = value
            elif key == "xauthority":
                sdl.xauth = value
        devices.graphics.append(sdl)
        return
    vnc = VncGraphics(port=0, autoport=None)
    address = None
    for item in re.split(r"[,\s]+", spec):
        key, sep, value = item.partition("=")
        if not sep:
            break
        if key == "vncunused":
            if value == "1":
                vnc.autoport = True
        elif key == "vnclisten":
            address = value
        elif key == "vncpasswd":
            vnc.passwd = value
        elif key == "keymap":
            vnc.keymap = value
        elif key == "vncdisplay":
            if not value.lstrip("-").isdigit():
                raise v.fail(f"invalid vncdisplay {value!r} in 'vfb'", "vfb")
            vnc.port = int(value) + 5900
    if vnc.autoport:
        vnc.port = -1
    else:
        vnc.autoport = False
    vnc.listens = [AddressListen(address=address)]
    vnc.listen = address
    devices.graphics.append(vnc)


def _chardevs(v: XenValues, domain: Domain, flavor: Flavor) -> None:
    assert domain.devices is not None
    devices = domain.devices
    if not is_hvm(domain):
        devices.consoles.append(
            Console(
                type=parse_chardev("pty")[0],
                target=ConsoleTarget(type=ConsoleTargetType.XEN, port=0),
            )
        )
        return
    parallel = v.string("parallel")
    if parallel and parallel != "none":
        kind, sources, protocol = _chardev(parallel, "parallel", v)
        devices.parallels.append(
            Parallel(type=kind, sources=sources, protocol=protocol, target=ParallelTarget(port=0))
        )
    raw = v.raw("serial")
    if isinstance(raw, list):
        if flavor == "xm":
            raise v.fail("multiple serial devices are not supported by xm", "serial")
        for port, item in enumerate(raw):
            if not isinstance(item, str):
                raise v.fail("'serial' must be a list of strings", "serial")
            if item == "none":
                continue
            kind, sources, protocol = _chardev(item, "serial", v)
            devices.serials.append(
                Serial(
                    type=kind, sources=sources, protocol=protocol, target=SerialTarget(port=port)
                )
            )
    else:
        serial = v.string("serial")
        if serial and serial != "none":
            kind, sources, protocol = _chardev(serial, "serial", v)
            devices.serials.append(
                Serial(type=kind, sources=sources, protocol=protocol, target=SerialTarget(port=0))
            )


def _chardev(text: str, key: str, v: XenValues) -> Chardev:
    try:
        return parse_chardev(text)
    except NativeConfigError as error:
        raise v.fail(error.message, key) from None


def add_inputs(domain: Domain) -> None:
    """The mouse and keyboard libvirt adds to every Xen guest that has none."""
    assert domain.devices is not None
    bus = InputBus.PS2 if is_hvm(domain) else InputBus.XEN
    inputs = domain.devices.inputs
    for kind in (MouseInput, KeyboardInput):
        # a USB mouse does not count: libvirt looks for one on the implicit bus
        if not any(isinstance(device, kind) and device.bus is bus for device in inputs):
            device: Input = kind(bus=bus)
            inputs.append(device)


def finish(domain: Domain) -> None:
    """What libvirt's libxl driver adds after reading: its post-parse defaults."""
    assert domain.devices is not None
    devices = domain.devices
    hvm = is_hvm(domain)
    if not hvm and not devices.consoles:
        devices.consoles.append(
            Console(
                type=parse_chardev("pty")[0],
                target=ConsoleTarget(type=ConsoleTargetType.XEN, port=0),
            )
        )
    add_inputs(domain)
    if (
        hvm
        and domain.os is not None
        and domain.os.type is not None
        and domain.os.type.arch is Arch.X86_64
    ):
        if domain.features is None:
            domain.features = Features()
        domain.features.pae = FeatureFlag()
        if domain.cpu is not None and domain.cpu.numa is not None and domain.cpu.numa.cells:
            domain.features.acpi = FeatureFlag()
    if devices.memballoon is None:
        devices.memballoon = Memballoon(model=MemballoonModel.XEN)
    if not any(c.type is ControllerType.XENBUS for c in devices.controllers):
        insert_controller(domain, Controller(type=ControllerType.XENBUS, index=0))
    for disk in devices.disks:
        bus = disk.target.bus if disk.target is not None else None
        if disk.address is None and bus is not None and disk.target is not None:
            disk.address = drive_address(bus, disk.target.dev or "")
    add_disk_controllers(domain)
    if devices.graphics and not devices.videos:
        if hvm:
            # QEMU's cirrus card with its 8 MiB, as libvirt picks for HVM guests
            model = VideoModel(type=VideoModelType.CIRRUS, vram=8192, heads=1, primary=True)
        else:
            model = VideoModel(type=VideoModelType.XEN, vram=4096, heads=1, primary=True)
        devices.videos.append(Video(model=model))
    if hvm:
        add_console_for_serial(domain)


def unread_warnings(conf: Config) -> list[NativeWarning]:
    """A warning for every statement no reader asked for."""
    return [
        NativeWarning(entry.name, "not mapped to domain XML", entry.line) for entry in conf.unread()
    ]
