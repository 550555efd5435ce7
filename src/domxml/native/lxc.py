"""LXC container configurations to domain XML, as libvirt's ``lxc`` converter maps them.

Both the LXC 3.0 keys (``lxc.uts.name``, ``lxc.net.0.type``, ``lxc.idmap``) and
the older ones (``lxc.utsname``, ``lxc.network.type``, ``lxc.id_map``) are read.
LXC has no writer in libvirt: this direction only. What maps where is in
``docs/native.md``.
"""

from __future__ import annotations

import re
import uuid as uuid_module
from dataclasses import dataclass, field

from domxml.models.domain import (
    AccessMode,
    AddrFamily,
    Arch,
    Blkiotune,
    BlkiotuneDevice,
    BlockFilesystem,
    BlockFilesystemSource,
    BridgeInterface,
    BridgeSource,
    Capabilities,
    CapabilitiesPolicy,
    CharType,
    Clock,
    ClockOffset,
    Console,
    ConsoleTarget,
    ConsoleTargetType,
    Cputune,
    Devices,
    DirectInterface,
    DirectMode,
    DirectSource,
    Domain,
    DomainType,
    EthernetInterface,
    FeatureFlag,
    Features,
    FeatureState,
    Filesystem,
    FilesystemSource,
    FilesystemTarget,
    FilesystemType,
    Flag,
    GuestType,
    HostdevMode,
    HostdevType,
    Idmap,
    IdRange,
    Interface,
    InterfaceGuest,
    IpAddress,
    LifecycleAction,
    Link,
    LinkState,
    Mac,
    Memory,
    Memtune,
    MountFilesystem,
    NetHostdev,
    NetHostdevSource,
    Numatune,
    NumatuneMemory,
    NumatuneMode,
    Os,
    OsType,
    RamFilesystem,
    RamFilesystemSource,
    Route,
    Size,
    Vcpu,
    VcpuPlacement,
)
from domxml.native.common import NativeWarning, cpuset_text
from domxml.native.conf import Config, Entry, parse_config
from domxml.units import unit_scale

__all__ = ["EMULATOR", "read"]

#: The emulator libvirt's LXC driver names (its controller process).
EMULATOR = "/usr/libexec/libvirt_lxc"
#: Mounts libvirt makes in every container; a config's own are skipped.
_BASIC_MOUNTS = (
    "/proc",
    "/proc/sys",
    "/proc/sys/net/ipv4",
    "/proc/sys/net/ipv6",
    "/sys",
    "/sys/kernel/security",
    "/sys/fs/selinux",
)
_NETWORK_KEYS = (
    "name",
    "type",
    "link",
    "hwaddr",
    "flags",
    "macvlan.mode",
    "vlan.id",
    "ipv4",
    "ipv4.gateway",
    "ipv4.address",
    "ipv6",
    "ipv6.gateway",
    "ipv6.address",
)
#: Capabilities in libvirt's order, the names ``lxc.cap.drop`` uses.
_CAPABILITIES = tuple(name for name in Capabilities.__dataclass_fields__ if name != "policy")


@dataclass
class _Network:
    """One network's keys, as LXC spreads them over several lines."""

    values: dict[str, str] = field(default_factory=dict)
    ips: list[IpAddress] = field(default_factory=list)
    first: Entry | None = None


def read(text: str, *, filename: str | None = None) -> tuple[Domain, list[NativeWarning]]:
    """Read an LXC configuration into a domain, and warn of every key it does not map.

    The UUID is a random one, as libvirt makes (LXC configurations have none).
    Raises :class:`~domxml.errors.NativeConfigError` (with the line) for a
    syntax error or what libvirt refuses (an ``lxc.mount`` fstab file).
    """
    conf = parse_config(text, "lxc", filename)
    domain = Domain(
        type=DomainType.LXC,
        name=None,
        uuid=str(uuid_module.uuid4()),
        memory=Memory(unit="KiB", value=64 * 1024),
        current_memory=Size(unit="KiB", value=64 * 1024),
        vcpu=Vcpu(placement=VcpuPlacement.STATIC, count=1),
        clock=Clock(offset=ClockOffset.UTC),
        on_poweroff=LifecycleAction.DESTROY,
        on_reboot=LifecycleAction.RESTART,
        on_crash=LifecycleAction.DESTROY,
        devices=Devices(emulator=EMULATOR),
    )
    arch = _string(conf, "lxc.arch")
    domain.os = Os(type=OsType(arch=_arch(arch), value=GuestType.EXE), init="/sbin/init")
    domain.name = _string(conf, "lxc.uts.name", "lxc.utsname") or "unnamed"
    _rootfs(conf, domain)
    for key in ("lxc.mount.fstab", "lxc.mount"):
        found = conf.get(key)
        if found is not None:
            raise conf.error(
                f"{key!r}: an fstab file is not supported; use lxc.mount.entry lines", found
            )
    for entry in conf.get_all("lxc.mount.entry"):
        _mount(conf, entry, domain)
    features = Features()
    _networks(conf, domain, features)
    _consoles(conf, domain)
    _idmap(conf, domain)
    _memtune(conf, domain)
    _cputune(conf, domain)
    _cpuset(conf, domain)
    _blkio(conf, domain)
    drop = (_string(conf, "lxc.cap.drop") or "").split(" ")
    capabilities = Capabilities(policy=CapabilitiesPolicy.ALLOW)
    for name in _CAPABILITIES:
        if name in drop:
            setattr(capabilities, name, FeatureState(state=False))
    features.capabilities = capabilities
    domain.features = features
    warnings = [
        NativeWarning(entry.name, "not mapped to domain XML", entry.line) for entry in conf.unread()
    ]
    return domain, warnings


def _string(conf: Config, *names: str) -> str | None:
    for name in names:
        found = conf.get(name)
        if found is not None:
            return str(found.value)
    return None


def _arch(name: str | None) -> Arch | None:
    if name is None:
        return None
    aliases = {"x86": Arch.I686, "amd64": Arch.X86_64}
    if name in aliases:
        return aliases[name]
    try:
        return Arch(name)
    except ValueError:
        return None


def _size(text: str, conf: Config, entry: Entry) -> int:
    """Bytes from ``8m``, ``1G``, ``1073741824``; a percentage is refused."""
    found = re.fullmatch(r"(\d+)\s*([A-Za-z%]*)", text.strip())
    try:
        if found is None:
            raise ValueError(text)
        unit = found.group(2)
        return int(found.group(1)) * (unit_scale(unit) if unit else 1)
    except ValueError:
        raise conf.error(f"{entry.name!r}: failed to convert size {text!r}", entry) from None


def _filesystem(
    kind: FilesystemType, source: str | None, target: str, readonly: bool, usage: int = 0
) -> Filesystem:
    flag = Flag() if readonly else None
    destination = FilesystemTarget(dir=target)
    if kind is FilesystemType.RAM:
        return RamFilesystem(
            accessmode=AccessMode.PASSTHROUGH,
            source=RamFilesystemSource(usage=usage // 1024, units="KiB"),
            target=destination,
            readonly=flag,
        )
    if kind is FilesystemType.BLOCK:
        return BlockFilesystem(
            accessmode=AccessMode.PASSTHROUGH,
            source=BlockFilesystemSource(dev=source),
            target=destination,
            readonly=flag,
        )
    return MountFilesystem(
        accessmode=AccessMode.PASSTHROUGH,
        source=FilesystemSource(dir=source),
        target=destination,
        readonly=flag,
    )


def _rootfs(conf: Config, domain: Domain) -> None:
    path = _string(conf, "lxc.rootfs.path", "lxc.rootfs")
    if path is None:
        return
    kind = FilesystemType.BLOCK if path.startswith("/dev/") else FilesystemType.MOUNT
    assert domain.devices is not None
    domain.devices.filesystems.append(_filesystem(kind, path, "/", False))


def _mount(conf: Config, entry: Entry, domain: Domain) -> None:
    parts = str(entry.value).replace("\t", " ").split()
    if len(parts) < 4:
        raise conf.error(f"{entry.name!r}: expecting 'source target type options'", entry)
    source, target, fstype, options_text = parts[:4]
    options = options_text.split(",")
    target = target if target.startswith("/") else f"/{target}"
    if target in _BASIC_MOUNTS:
        return  # libvirt mounts these itself
    kind = FilesystemType.MOUNT
    usage = 0
    path: str | None = source
    if fstype == "tmpfs":
        kind = FilesystemType.RAM
        sizes = [option[len("size=") :] for option in options if option.startswith("size=")]
        if not sizes:
            raise conf.error(f"{entry.name!r}: a tmpfs entry needs a size= option", entry)
        text = sizes[-1]
        if text.endswith("%"):
            raise conf.error(f"{entry.name!r}: a size in percent is not supported", entry)
        usage = _size(text, conf, entry)
        path = None
    if source.startswith("/dev/"):
        kind = FilesystemType.BLOCK
    assert domain.devices is not None
    domain.devices.filesystems.append(_filesystem(kind, path, target, "ro" in options, usage))


def _networks(conf: Config, domain: Domain, features: Features) -> None:
    networks: dict[object, _Network] = {}
    order: list[_Network] = []
    for index, entry in enumerate(conf.entries):
        name = entry.name
        if name.startswith("lxc.network."):
            suffix = name[len("lxc.network.") :]
            # each lxc.network.type starts a new network; other keys join the last
            if suffix == "type":
                network = _Network(first=entry)
                order.append(network)
            elif order:
                network = order[-1]
            else:
                continue
        elif name.startswith("lxc.net."):
            found = re.match(r"lxc\.net\.(\d+)\.(.*)", name)
            if found is None:
                continue
            key = int(found.group(1))
            suffix = found.group(2)
            if key not in networks:
                networks[key] = _Network(first=entry)
                order.append(networks[key])
            network = networks[key]
        else:
            continue
        value = str(entry.value)
        if suffix in ("ipv4", "ipv4.address", "ipv6", "ipv6.address"):
            network.ips.append(_ip(suffix, value, conf, entry))
            conf.mark_read(index)
        elif suffix in _NETWORK_KEYS:
            network.values[suffix] = value
            conf.mark_read(index)
    privnet = True
    for network in order:
        kind = network.values.get("type")
        if kind == "none":
            privnet = False
        _network(conf, network, domain)
    if not order and privnet:
        # without a network LXC gives the container a loopback device only
        features.privnet = FeatureFlag()


def _ip(suffix: str, value: str, conf: Config, entry: Entry) -> IpAddress:
    family = AddrFamily.IPV6 if suffix.startswith("ipv6") else AddrFamily.IPV4
    address, _, prefix = value.partition("/")
    if not address or not prefix.isdigit():
        raise conf.error(f"{entry.name!r}: invalid IP address {value!r}", entry)
    return IpAddress(address=address, family=family, prefix=int(prefix))


def _routes(network: _Network) -> list[Route]:
    routes = []
    if "ipv4.gateway" in network.values:
        routes.append(
            Route(family=AddrFamily.IPV4, address="0.0.0.0", gateway=network.values["ipv4.gateway"])
        )
    if "ipv6.gateway" in network.values:
        routes.append(
            Route(family=AddrFamily.IPV6, address="::", gateway=network.values["ipv6.gateway"])
        )
    return routes


def _network(conf: Config, network: _Network, domain: Domain) -> None:
    values = network.values
    kind = values.get("type")
    if kind in (None, "", "empty", "none"):
        return
    assert domain.devices is not None
    link = values.get("link")
    if kind in ("phys", "vlan"):
        if not link:
            raise conf.error("a physical or vlan network needs lxc.network.link", network.first)
        interface = (
            f"{link}.{values['vlan.id']}" if kind == "vlan" and "vlan.id" in values else link
        )
        domain.devices.hostdevs.append(
            NetHostdev(
                mode=HostdevMode.CAPABILITIES,
                type=HostdevType.NET,
                source=NetHostdevSource(interface=interface),
                ips=network.ips,
                routes=_routes(network),
            )
        )
        return
    device: Interface
    if kind == "veth":
        device = BridgeInterface(source=BridgeSource(bridge=link)) if link else EthernetInterface()
    elif kind == "macvlan":
        if not link:
            raise conf.error("a macvlan network needs lxc.network.link", network.first)
        mode_name = values.get("macvlan.mode")
        modes = {None: DirectMode.PRIVATE, "private": DirectMode.PRIVATE}
        modes.update({"vepa": DirectMode.VEPA, "bridge": DirectMode.BRIDGE})
        device = DirectInterface(source=DirectSource(dev=link, mode=modes.get(mode_name)))
    else:
        raise conf.error(f"unsupported network type {kind!r}", network.first)
    mac = values.get("hwaddr")
    if mac and re.fullmatch(r"[0-9a-fA-F]{1,2}(:[0-9a-fA-F]{1,2}){5}", mac):
        device.mac = Mac(address=":".join(f"{int(p, 16):02x}" for p in mac.split(":")))
    device.ips = network.ips
    device.routes = _routes(network)
    if values.get("name"):
        device.guest = InterfaceGuest(dev=values["name"])
    device.link = Link(state=LinkState.UP if values.get("flags") == "up" else LinkState.DOWN)
    domain.devices.interfaces.append(device)


def _consoles(conf: Config, domain: Domain) -> None:
    found = conf.get("lxc.tty.max") or conf.get("lxc.tty")
    if found is None:
        return
    if not str(found.value).lstrip("-").isdigit():
        raise conf.error(f"{found.name!r}: failed to parse int {found.value!r}", found)
    assert domain.devices is not None
    for port in range(int(str(found.value))):
        domain.devices.consoles.append(
            Console(type=CharType.PTY, target=ConsoleTarget(type=ConsoleTargetType.LXC, port=port))
        )


def _idmap(conf: Config, domain: Domain) -> None:
    idmap = Idmap()
    for entry in [*conf.get_all("lxc.idmap"), *conf.get_all("lxc.id_map")]:
        found = re.fullmatch(r"\s*(\S)\s+(\d+)\s+(\d+)\s+(\d+)\s*", str(entry.value))
        if found is None:
            raise conf.error(f"invalid {entry.name}: {entry.value!r}", entry)
        kind, target, start, count = found.groups()
        mapping = IdRange(start=int(start), target=int(target), count=int(count))
        if kind == "u":
            idmap.uids.append(mapping)
        elif kind == "g":
            idmap.gids.append(mapping)
    if idmap.uids or idmap.gids:
        domain.idmap = idmap


def _memtune(conf: Config, domain: Domain) -> None:
    memtune = Memtune()
    found = conf.get("lxc.cgroup.memory.limit_in_bytes")
    if found is not None:
        kib = _size(str(found.value), conf, found) // 1024
        domain.memory = Memory(unit="KiB", value=kib)
        domain.current_memory = Size(unit="KiB", value=kib)
        memtune.hard_limit = Size(unit="KiB", value=kib)
    found = conf.get("lxc.cgroup.memory.soft_limit_in_bytes")
    if found is not None:
        memtune.soft_limit = Size(unit="KiB", value=_size(str(found.value), conf, found) // 1024)
    found = conf.get("lxc.cgroup.memory.memsw.limit_in_bytes")
    if found is not None:
        memtune.swap_hard_limit = Size(
            unit="KiB", value=_size(str(found.value), conf, found) // 1024
        )
    if memtune.hard_limit or memtune.soft_limit or memtune.swap_hard_limit:
        domain.memtune = memtune


def _integer(conf: Config, entry: Entry, text: str | None = None) -> int:
    value = str(entry.value) if text is None else text
    if not re.fullmatch(r"-?\d+", value.strip()):
        raise conf.error(f"{entry.name!r}: failed to parse {value!r} as a number", entry)
    return int(value)


def _cputune(conf: Config, domain: Domain) -> None:
    cputune = Cputune()
    found = conf.get("lxc.cgroup.cpu.shares")
    if found is not None:
        cputune.shares = _integer(conf, found)
    found = conf.get("lxc.cgroup.cpu.cfs_quota_us")
    if found is not None:
        cputune.quota = _integer(conf, found)
    found = conf.get("lxc.cgroup.cpu.cfs_period_us")
    if found is not None:
        cputune.period = _integer(conf, found)
    if cputune.shares is not None or cputune.quota is not None or cputune.period is not None:
        domain.cputune = cputune


def _cpuset(conf: Config, domain: Domain) -> None:
    found = conf.get("lxc.cgroup.cpuset.cpus")
    if found is not None:
        assert domain.vcpu is not None
        domain.vcpu.cpuset = cpuset_text(str(found.value))
    found = conf.get("lxc.cgroup.cpuset.mems")
    if found is not None:
        domain.numatune = Numatune(
            memory=NumatuneMemory(mode=NumatuneMode.STRICT, nodeset=cpuset_text(str(found.value)))
        )


_BLKIO_FIELDS = {
    "lxc.cgroup.blkio.device_weight": "weight",
    "lxc.cgroup.blkio.throttle.read_bps_device": "read_bytes_sec",
    "lxc.cgroup.blkio.throttle.write_bps_device": "write_bytes_sec",
    "lxc.cgroup.blkio.throttle.read_iops_device": "read_iops_sec",
    "lxc.cgroup.blkio.throttle.write_iops_device": "write_iops_sec",
}


def _blkio(conf: Config, domain: Domain) -> None:
    blkio = Blkiotune()
    found = conf.get("lxc.cgroup.blkio.weight")
    if found is not None:
        blkio.weight = _integer(conf, found)
    for entry in conf.entries:
        field_name = _BLKIO_FIELDS.get(entry.name)
        if field_name is None:
            continue
        conf.get_all(entry.name)
        parts = str(entry.value).replace("\t", " ").split()
        if len(parts) < 2:
            raise conf.error(f"invalid {entry.name} value {entry.value!r}", entry)
        path = f"/dev/block/{parts[0]}"
        device = next((d for d in blkio.devices if d.path == path), None)
        if device is None:
            device = BlkiotuneDevice(path=path)
            blkio.devices.append(device)
        setattr(device, field_name, _integer(conf, entry, parts[1]))
    if blkio.weight is not None or blkio.devices:
        domain.blkiotune = blkio
