"""The values libvirt generates on its own: not changes when the desired side leaves them out.

Each rule says where the value is and why libvirt writes it (see
:mod:`domxml.compare.rules` for the kinds of rules). ``docs/apply.md`` lists
them all with their reasons; the tests check that the two agree, and that
every domain of libvirt's test corpus that the test driver defines reads
back unchanged.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Sequence
from typing import Any

from domxml.binding import Model, write_document
from domxml.compare import kinds
from domxml.compare.record import is_record
from domxml.compare.rules import (
    Equivalence,
    Rule,
    Rules,
    default,
    element,
    extra_items,
    output_only,
    value,
)
from domxml.models.domain import (
    AccessMode,
    Address,
    Alias,
    BackingStore,
    Boot,
    BootDevice,
    BootMenu,
    CacheMode,
    Cachetune,
    ChannelTarget,
    CharProtocol,
    CharProtocolType,
    CharSource,
    CharSourceMode,
    Clock,
    ClockBasis,
    ClockOffset,
    Coalesce,
    CoalesceFrames,
    ConsoleTarget,
    ConsoleTargetType,
    Controller,
    Cpu,
    CpuFallback,
    CpuMatch,
    CpuMode,
    CpuModel,
    CpuTopology,
    Cputune,
    DeviceBoot,
    Devices,
    DeviceSeclabel,
    Disk,
    DiskDevice,
    DiskDriver,
    DiskSource,
    DiskTarget,
    Domain,
    FeatureSwitch,
    Filesystem,
    FilesystemType,
    FirmwareFeatureName,
    FirmwareInfo,
    Graphics,
    Hostdev,
    Hyperv,
    HypervMode,
    Input,
    Interface,
    InterfaceModel,
    InterfaceTarget,
    Iothreadids,
    LifecycleAction,
    Loader,
    LoaderType,
    Mac,
    Memtune,
    MetadataCache,
    NetworkSource,
    NumaCache,
    NumaCacheAssociativity,
    NumaCachePolicy,
    NumaCell,
    NumaDistances,
    Numatune,
    NumatuneMemory,
    NumatuneMode,
    NumatunePlacement,
    Os,
    OsType,
    ParallelTarget,
    PciAddress,
    RedirfilterUsbdev,
    RngRandomBackend,
    ScsiHostdevSource,
    Seclabel,
    SeclabelType,
    Serial,
    SerialTarget,
    Smm,
    SourceHost,
    StorageType,
    TrayState,
    Vcpu,
    VcpuPlacement,
    VideoModel,
    Watchdog,
    WatchdogAction,
    Zpci,
)
from domxml.models.metadata import Metadata
from domxml.models.network import Network
from domxml.models.network.common import VirtualPortParameters
from domxml.models.network.forward import Forward
from domxml.models.network.network import Bridge
from domxml.models.snapshot import DomainSnapshot
from domxml.models.storage import StoragePool, StorageVolume
from domxml.models.storage.pool import PoolTarget
from domxml.models.storage.source import PoolSource
from domxml.models.storage.volume import VolumeTarget

__all__ = [
    "BY_NAME",
    "DEFAULT_UNITS",
    "EQUIVALENCES",
    "GENERATED",
    "IDENTITIES",
    "ITEM_FORMS",
    "NORMALISERS",
    "RULES",
]


def _current_memory_default(current: Any, domain: Model) -> bool:
    """equal to ``<memory>``: what libvirt writes when it is left out."""
    memory = getattr(domain, "memory", None)
    try:
        return bool(memory is not None and current.to_bytes() == memory.to_bytes())
    except (AttributeError, ValueError):
        return False


def _libvirt_alias(alias: Any, _holder: Model) -> bool:
    """not a ``ua-`` alias (only those are the user's, and kept)."""
    name = getattr(alias, "name", None)
    return not (isinstance(name, str) and name.startswith("ua-"))


def _dynamic_label(_label: Any, seclabel: Model) -> bool:
    """in a dynamic seclabel"""
    return getattr(seclabel, "type", None) is SeclabelType.DYNAMIC


def _cdrom_or_floppy(_readonly: Any, disk: Model) -> bool:
    """on a CD-ROM or floppy"""
    return getattr(disk, "device", None) in (DiskDevice.CDROM, DiskDevice.FLOPPY)


def _anything(_value: Any, _holder: Model) -> bool:
    """any value"""
    return True


def _char_source_mode(mode: Any, source: Model) -> bool:
    """``connect``; or ``bind`` with no path (libvirt makes the socket's path)."""
    return mode is CharSourceMode.CONNECT or (
        mode is CharSourceMode.BIND and getattr(source, "path", None) is None
    )


def _default_nat(nat: Any, _forward: Model) -> bool:
    """``<nat><port start='1024' end='65535'/></nat>``, what libvirt writes for NAT."""
    port = getattr(nat, "port", None)
    return (
        getattr(nat, "address", None) is None
        and getattr(nat, "ipv6", None) is None
        and getattr(port, "start", None) == 1024
        and getattr(port, "end", None) == 65535
    )


def _default_boot(boots: Any, _os: Model) -> bool:
    """``<boot dev='hd'/>`` alone"""
    return bool(boots == [Boot(dev=BootDevice.HD)])


#: libvirt's "unlimited" memory limit, in KiB (VIR_DOMAIN_MEMORY_PARAM_UNLIMITED).
_UNLIMITED_KIB = 9007199254740991


def _unlimited(limit: Any, _memtune: Model) -> bool:
    """``9007199254740991`` KiB or more: libvirt's "unlimited"."""
    try:
        return bool(limit.to_bytes() >= _UNLIMITED_KIB * 1024)
    except (AttributeError, ValueError, TypeError):
        return False


def _zero_address(number: Any, address: Model) -> bool:
    """``0``, in a PCI address all of whose numbers are 0 (or left out)"""
    return number == 0 and all(
        getattr(address, name, None) in (0, None) for name in ("domain", "bus", "slot", "function")
    )


def _menu_disabled(_timeout: Any, menu: Model) -> bool:
    """in a disabled boot menu (``enable='no'``)"""
    return getattr(menu, "enable", None) is False


def _empty_rx(rx: Any, _coalesce: Model) -> bool:
    """an ``<rx/>`` with no ``<frames>``"""
    return getattr(rx, "frames", None) is None


def _labelskip(labels: Any, _source: Model) -> bool:
    """``labelskip='yes'`` (only a running domain's definition says it)"""
    items = labels if isinstance(labels, list) else [labels]
    return bool(items) and all(getattr(label, "labelskip", None) is True for label in items)


_AUTO_NUMATUNE = Numatune(
    memory=NumatuneMemory(mode=NumatuneMode.STRICT, placement=NumatunePlacement.AUTO)
)


def _auto_numatune(numatune: Any, domain: Model) -> bool:
    """``<memory mode='strict' placement='auto'/>`` alone, with ``<vcpu placement='auto'>``"""
    vcpu = getattr(domain, "vcpu", None)
    return bool(
        getattr(vcpu, "placement", None) is VcpuPlacement.AUTO and numatune == _AUTO_NUMATUNE
    )


def _auto_placement(placement: Any, memory: Model) -> bool:
    """``auto``, with no ``nodeset``"""
    return placement is NumatunePlacement.AUTO and getattr(memory, "nodeset", None) is None


def _secure_boot_implied(feature: Any, firmware: Model) -> bool:
    """``secure-boot`` on, beside ``enrolled-keys`` on"""
    features = getattr(firmware, "features", None) or []
    return (
        getattr(feature, "name", None) is FirmwareFeatureName.SECURE_BOOT
        and getattr(feature, "enabled", None) is True
        and any(f.name is FirmwareFeatureName.ENROLLED_KEYS and f.enabled is True for f in features)
    )


def _no_metadata(metadata: Any, _holder: Model) -> bool:
    """Whether a ``<metadata>`` holds nothing but, perhaps, domxml's own record."""
    return all(is_record(el) for el in getattr(metadata, "elements", ()))


GENERATED: tuple[Rule, ...] = (
    # Identity
    value(Domain, "uuid", "libvirt generates a UUID for a new domain"),
    value(Network, "uuid", "libvirt generates a UUID for a new network"),
    value(StoragePool, "uuid", "libvirt generates a UUID for a new pool"),
    value(Interface, "mac", "libvirt generates a MAC address (52:54:00:...) for each interface"),
    value(Mac, "address", "libvirt generates a MAC address (52:54:00:...) for each interface"),
    # Addresses, indexes, names
    element(Address, "libvirt assigns each device an address on its bus"),
    element(
        Metadata,
        "libvirt keeps an empty <metadata> (one whose elements were removed)",
        _no_metadata,
    ),
    value(Address, "*", "libvirt completes a partial address (domain, slot, function, unit...)"),
    value(Zpci, "*", "libvirt assigns zPCI identifiers (uid, fid)"),
    value(Controller, "index", "libvirt numbers the controllers of each type"),
    value(Controller, "master", "libvirt gives USB companion controllers their master's ports"),
    value(SerialTarget, "port", "libvirt gives each serial port the next free port"),
    value(Serial, "target", "libvirt gives each serial port a target (type, port, model)"),
    value(SerialTarget, "type", "the machine's serial port type (isa-serial on x86)"),
    value(SerialTarget, "model", "the device model of the port's type (isa-serial...)"),
    value(ParallelTarget, "port", "libvirt gives each parallel port the next free port"),
    value(ConsoleTarget, "port", "libvirt gives each console the next free port"),
    value(ConsoleTarget, "type", "a console on the first serial port"),
    value(NumaCell, "id", "libvirt numbers the NUMA cells in order"),
    value(NumaCell, "unit", "libvirt writes the memory's unit (KiB)"),
    value(InterfaceTarget, "dev", "the host device the driver creates for the interface"),
    value(Interface, "target", "the host device the driver creates for the interface"),
    # Resolved by the hypervisor driver
    value(OsType, "arch", "the host's (or the driver's default) architecture"),
    value(OsType, "machine", "the emulator's default machine type"),
    value(Input, "bus", "the bus the input type implies (usb for a tablet)"),
    value(DiskTarget, "bus", "the bus the target's name implies (hd: ide, sd: scsi, vd: virtio)"),
    value(VideoModel, "type", "the driver's default video model"),
    value(VideoModel, "vram", "the video model's default video memory"),
    value(VideoModel, "ram", "the video model's default memory"),
    value(VideoModel, "vgamem", "the video model's default framebuffer"),
    value(SourceHost, "port", "the protocol's default port"),
    value(RngRandomBackend, "path", "the default entropy source"),
    value(Disk, "snapshot", "the driver's choice for disks it cannot snapshot"),
    value(Disk, "readonly", "CD-ROMs and floppies are read-only", _cdrom_or_floppy),
    value(NumaCell, "distances", "libvirt derives the distances from the other cells"),
    value(VirtualPortParameters, "instanceid", "libvirt generates the 802.1Qbg instance id"),
    value(Domain, "memory", "the sum of the NUMA cells' memory when only they give it"),
    value(Graphics, "autoport", "port allocation follows the port given"),
    value(Graphics, "port", "-1: allocated when the domain starts"),
    value(Graphics, "listen", "the first <listen>'s address, repeated as an attribute"),
    value(Graphics, "listens", "a <listen> for the listen attribute (or the default listen)"),
    # Defaults libvirt writes out
    default(Vcpu, "placement", "the default placement", VcpuPlacement.STATIC),
    default(Vcpu, "count", "one vCPU when none is given", 1),
    default(Domain, "on_poweroff", "the default action", LifecycleAction.DESTROY),
    default(Domain, "on_reboot", "the default action", LifecycleAction.RESTART),
    default(Domain, "on_crash", "the default action", LifecycleAction.DESTROY),
    default(Clock, "offset", "the default clock", ClockOffset.UTC),
    default(Os, "boots", "boot from the first hard disk unless told otherwise", _default_boot),
    default(Domain, "current_memory", "the same as <memory>", _current_memory_default),
    value(Domain, "devices", "an empty <devices> when there is none", Devices()),
    default(Disk, "device", "the default device", DiskDevice.DISK),
    default(DiskDriver, "cache", "the default cache mode", CacheMode.DEFAULT),
    default(DiskTarget, "tray", "a closed tray", TrayState.CLOSED),
    default(VideoModel, "heads", "one head", 1),
    default(VideoModel, "primary", "libvirt puts the primary video device first", _anything),
    default(Graphics, "autoport", "no port allocation when a port is given", False),
    default(Watchdog, "action", "the default action", WatchdogAction.RESET),
    default(Smm, "state", "an <smm/> without a state is on", True),
    default(Hostdev, "managed", "the default", False),
    default(Filesystem, "accessmode", "the default", AccessMode.PASSTHROUGH),
    default(Filesystem, "type", "the default", FilesystemType.MOUNT),
    default(CharSource, "mode", "connect, or bind with a path libvirt makes", _char_source_mode),
    default(CharProtocol, "type", "the default protocol", CharProtocolType.RAW),
    default(Loader, "type", "the default", LoaderType.ROM),
    default(Domain, "cpu", "an empty <cpu/> says nothing", Cpu()),
    default(Domain, "description", "an empty description", ""),
    default(Disk, "type", "the default", StorageType.FILE),
    default(Cpu, "mode", "the default", CpuMode.CUSTOM),
    default(Cpu, "match", "the default", CpuMatch.EXACT),
    default(CpuModel, "fallback", "the default", CpuFallback.ALLOW),
    default(CpuTopology, "dies", "one die per socket", 1),
    default(Hyperv, "mode", "the default", HypervMode.CUSTOM),
    default(NumaCache, "associativity", "the default", NumaCacheAssociativity.NONE),
    default(NumaCache, "policy", "the default", NumaCachePolicy.NONE),
    default(CoalesceFrames, "max", "no coalescing", 0),
    default(FeatureSwitch, "state", "a feature named without a state is on", True),
    default(RedirfilterUsbdev, "class_", "-1: any class", -1),
    default(RedirfilterUsbdev, "vendor", "-1: any vendor", -1),
    default(RedirfilterUsbdev, "product", "-1: any product", -1),
    default(RedirfilterUsbdev, "version", "-1: any version", "-1"),
    default(Memtune, "hard_limit", "libvirt's largest limit means no limit", _unlimited),
    default(Memtune, "soft_limit", "libvirt's largest limit means no limit", _unlimited),
    default(Memtune, "swap_hard_limit", "libvirt's largest limit means no limit", _unlimited),
    default(BootMenu, "timeout", "a disabled boot menu has no timeout", _menu_disabled),
    default(Coalesce, "rx", "an empty <rx> sets no coalescing", _empty_rx),
    default(PciAddress, "domain", "an all-zero PCI address is no address", _zero_address),
    default(PciAddress, "bus", "an all-zero PCI address is no address", _zero_address),
    default(PciAddress, "slot", "an all-zero PCI address is no address", _zero_address),
    default(PciAddress, "function", "an all-zero PCI address is no address", _zero_address),
    # Derived from other settings
    value(
        Domain,
        "numatune",
        "numad placement: memory placement follows the vCPUs' auto placement",
        _auto_numatune,
    ),
    value(
        NumatuneMemory,
        "placement",
        "without a nodeset, memory placement follows the vCPUs' placement",
        _auto_placement,
    ),
    extra_items(
        FirmwareInfo,
        "features",
        "enrolled keys imply secure boot: libvirt writes secure-boot on",
        _secure_boot_implied,
    ),
    # Implicit devices
    extra_items(Devices, "controllers", "libvirt adds the controllers that devices need"),
    extra_items(Devices, "videos", "libvirt adds a video device for graphics"),
    extra_items(Devices, "consoles", "libvirt adds a console on the first serial port"),
    extra_items(Devices, "serials", "libvirt adds a serial port for a serial console"),
    extra_items(Devices, "inputs", "libvirt adds the machine's PS/2 mouse and keyboard"),
    extra_items(NumaDistances, "siblings", "libvirt completes the distances symmetrically"),
    extra_items(Iothreadids, "iothreads", "libvirt adds the IOThreads <iothreads> counts"),
    # QEMU driver choices
    value(Domain, "cpu", "the hypervisor's default CPU model"),
    value(Cpu, "check", "the driver's default check of the guest CPU"),
    value(Cpu, "migratable", "a host-passthrough CPU is migratable unless told otherwise"),
    value(Devices, "emulator", "the host's emulator binary for the guest's architecture"),
    value(Devices, "memballoon", "the driver's default memory balloon"),
    extra_items(Devices, "audios", "an audio backend for the sound and graphics devices"),
    value(Controller, "model", "the machine's default controller model"),
    value(Controller, "pci_model", "the model name of a PCI controller's device"),
    value(Controller, "target", "the chassis and port libvirt gives each PCI port"),
    value(DiskDriver, "name", "the driver's name (qemu)"),
    value(DiskDriver, "type", "the image format: raw, when none is given"),
    value(Interface, "model", "the machine's default NIC model"),
    # Networks
    value(Network, "mac", "libvirt generates a MAC address for the network's bridge"),
    value(Bridge, "name", "libvirt names the bridge (virbr0, virbr1...)"),
    default(Bridge, "stp", "spanning tree on", True),
    default(Bridge, "delay", "no forward delay", 0),
    value(Forward, "nat", "the default NAT port range (1024-65535)", _default_nat),
    output_only(Network, "connections", "how many interfaces use the network"),
    # Storage pools and volumes
    output_only(StoragePool, "capacity", "the pool's size, as its storage reports it"),
    output_only(StoragePool, "allocation", "the space in use, as the pool's storage reports it"),
    output_only(StoragePool, "available", "the free space, as the pool's storage reports it"),
    value(StoragePool, "source", "an empty <source> for pools that need none", PoolSource()),
    value(PoolTarget, "permissions", "the target directory's mode, owner and group"),
    value(StorageVolume, "type", "the kind of volume the pool makes (file...)"),
    value(StorageVolume, "key", "the key libvirt gives the volume (its path)"),
    value(StorageVolume, "source", "an empty <source> for volumes without extents"),
    output_only(StorageVolume, "allocation", "the space the volume takes on the host"),
    output_only(StorageVolume, "physical", "the size of the volume's file or device"),
    value(VolumeTarget, "path", "the volume's path in the pool"),
    value(VolumeTarget, "format", "the pool's default format (raw)"),
    value(VolumeTarget, "permissions", "the volume's mode, owner and group"),
    value(VolumeTarget, "compat", "the qcow2 compatibility level qemu-img chose"),
    output_only(VolumeTarget, "timestamps", "the volume's file times"),
    # Snapshots
    output_only(DomainSnapshot, "state", "the domain's state when the snapshot was taken"),
    output_only(DomainSnapshot, "creation_time", "when the snapshot was taken"),
    output_only(DomainSnapshot, "domain", "the domain's definition when it was taken"),
    output_only(DomainSnapshot, "inactive_domain", "the domain's persistent definition"),
    output_only(DomainSnapshot, "cookie", "the hypervisor driver's private data"),
    output_only(
        DomainSnapshot, "active", "whether it is the domain's checkpoint of a running domain"
    ),
    value(DomainSnapshot, "parent", "the domain's current snapshot when it was taken"),
    value(
        DomainSnapshot, "memory", "whether the guest's memory was saved (no, for a stopped domain)"
    ),
    value(DomainSnapshot, "disks", "what was done with each disk (internal snapshots of qcow2)"),
    # Reported, not read
    output_only(
        None,
        None,
        "libvirt names the devices of a running domain; only ua- aliases are kept",
        _libvirt_alias,
        model=Alias,
    ),
    output_only(Domain, "id", "the id of a running domain"),
    output_only(DiskSource, "index", "the index of an image in a running domain's chain"),
    output_only(BackingStore, "index", "the index of an image in a running domain's chain"),
    output_only(Disk, "mirror", "a block job of a running domain"),
    output_only(ChannelTarget, "state", "whether the guest agent is connected"),
    output_only(NetworkSource, "portid", "the network port of a running domain's interface"),
    output_only(Cachetune, "id", "the resctrl group of a running domain"),
    output_only(Seclabel, "imagelabel", "the label libvirt gave the domain's files"),
    output_only(Seclabel, "label", "the label libvirt generated", _dynamic_label),
    output_only(
        None,
        None,
        "a running domain's record that labelling a disk was skipped",
        _labelskip,
        model=DeviceSeclabel,
    ),
    # Secrets, network filters and bindings, network ports, checkpoints
    *kinds.GENERATED,
)

#: How values of a field are brought to one form before comparing.
NORMALISERS: dict[tuple[type[Model], str], Callable[[Any], Any]] = {
    (Domain, "uuid"): lambda v: v.replace("-", "").lower() if isinstance(v, str) else v,
    (Network, "uuid"): lambda v: v.replace("-", "").lower() if isinstance(v, str) else v,
    (StoragePool, "uuid"): lambda v: v.replace("-", "").lower() if isinstance(v, str) else v,
    (Mac, "address"): lambda v: v.lower() if isinstance(v, str) else v,
    (DeviceBoot, "loadparm"): lambda v: v.upper() if isinstance(v, str) else v,
    (InterfaceModel, "type"): lambda v: v.lower() if isinstance(v, str) else v,
    (RedirfilterUsbdev, "version"): lambda v: _usb_version(v),
    **kinds.NORMALISERS,
}


def _usb_version(text: Any) -> Any:
    """A USB version (BCD ``major.minor``, two minor digits): ``9.4`` is ``9.40``."""
    if not isinstance(text, str) or "." not in text:
        return text
    major, _, minor = text.partition(".")
    try:
        return (int(major, 16), int(minor.ljust(2, "0"), 16))
    except ValueError:
        return text


def _bitmap(text: Any) -> Any:
    """A CPU or node list (``0-3,^2,6``) as the set it means; other values as they are."""
    if not isinstance(text, str):
        return text
    members: set[int] = set()
    try:
        for part in text.replace(" ", "").split(","):
            negate = part.startswith("^")
            first, _, last = part.lstrip("^").partition("-")
            span = set(range(int(first), int(last or first) + 1))
            members = members - span if negate else members | span
    except ValueError:
        return text
    return frozenset(members)


#: Normalisers by field name, whatever the model: CPU and NUMA node lists,
#: which libvirt writes in its own canonical form (``0,2`` as ``0-2,^1``).
BY_NAME: dict[str, Callable[[Any], Any]] = {
    name: _bitmap for name in ("cpuset", "nodeset", "cpus", "vcpus", "iothreads")
}

#: The machine type aliases QEMU resolves to a versioned machine type.
_MACHINE_ALIASES = {"pc": "pc-i440fx-", "q35": "pc-q35-"}


def _machine_resolved(desired: Any, actual: Any) -> bool:
    """``q35`` written as ``pc-q35-7.2``, ``virt`` as ``virt-7.2``: QEMU's alias, resolved."""
    if not isinstance(desired, str) or not isinstance(actual, str):
        return False
    return actual.startswith(_MACHINE_ALIASES.get(desired, desired + "-"))


def _iscsi_lun_zero(desired: Any, actual: Any, source: Model, _actual: Model) -> bool:
    """``iqn...`` written as ``iqn.../0``, or the other way: LUN 0 (the default) of iSCSI."""
    protocol = getattr(getattr(source, "protocol", None), "value", None)
    if protocol != "iscsi" or not isinstance(desired, str) or not isinstance(actual, str):
        return False
    return desired + "/0" == actual or desired == actual + "/0"


def _generated_genid(desired: Any, _actual: Any, _d: Model, _a: Model) -> bool:
    """an empty ``<genid/>``: libvirt generates the id."""
    return bool(desired == "")


def _port_with_autoport(_desired: Any, actual: Any, graphics: Model, _a: Model) -> bool:
    """a port given with ``autoport='yes'``: ignored, libvirt writes -1."""
    return getattr(graphics, "autoport", None) is True and actual == -1


#: Values libvirt writes in another form that means the same:
#: (desired, actual, the model holding each) → same?
EQUIVALENCES: dict[tuple[type[Model], str], Equivalence] = {
    (OsType, "machine"): lambda d, a, _dm, _am: _machine_resolved(d, a),
    (DiskSource, "name"): _iscsi_lun_zero,
    (ScsiHostdevSource, "name"): _iscsi_lun_zero,
    (Domain, "genid"): _generated_genid,
    (Graphics, "port"): _port_with_autoport,
}


def _per_id(field: str) -> Callable[[Sequence[Model]], Any]:
    """Scheduler entries as what each vCPU (or IOThread) gets: merged or split, the same."""

    def form(items: Sequence[Model]) -> Any:
        out: dict[int, tuple[Any, Any]] = {}
        for item in items:
            ids = _bitmap(getattr(item, field, None))
            if not isinstance(ids, frozenset):
                return None
            for i in ids:
                out[i] = (getattr(item, "scheduler", None), getattr(item, "priority", None))
        return out

    return form


def _clock_form(clocks: Sequence[Model]) -> Any:
    """``offset='localtime' adjustment='3600'`` as libvirt writes it: ``variable``, that basis."""
    out = []
    for clock in clocks:
        offset, basis = getattr(clock, "offset", None), getattr(clock, "basis", None)
        adjustment = getattr(clock, "adjustment", None)
        if offset in (ClockOffset.UTC, ClockOffset.LOCALTIME) and adjustment not in (
            None,
            "reset",
        ):
            offset, basis = ClockOffset.VARIABLE, ClockBasis(offset.value)
        elif offset is ClockOffset.VARIABLE and basis is None:
            basis = ClockBasis.UTC
        same = copy.copy(clock)
        same.__dict__.update(offset=offset, basis=basis)
        out.append(write_document(same, "libvirt"))
    return out


def _console_form(consoles: Sequence[Model]) -> Any:
    """Consoles as what they are: the first one on a serial port is that serial port.

    libvirt makes the first console of an HVM guest whose target is a serial
    port (or has no type) a copy of the first ``<serial>``: its type, source
    and protocol are the serial port's, whatever the document wrote
    (virDomainDefAddConsoleCompat).
    """
    out: list[Any] = []
    for i, console in enumerate(consoles):
        target = getattr(console, "target", None)
        kind = getattr(target, "type", None)
        if i == 0 and kind in (None, ConsoleTargetType.SERIAL):
            out.append(("serial port", getattr(target, "port", None) or 0))
        else:
            out.append(write_document(console, "libvirt"))
    return out


#: Repeated elements libvirt merges or splits: compared as what they mean.
ITEM_FORMS: dict[tuple[type[Model], str], Callable[[Sequence[Model]], Any]] = {
    (Devices, "consoles"): _console_form,
    (Cputune, "vcpuscheds"): _per_id("vcpus"),
    (Cputune, "iothreadscheds"): _per_id("iothreads"),
    (Domain, "clock"): _clock_form,
}

#: The unit of a size written without one, where it is not KiB.
DEFAULT_UNITS: dict[tuple[type[Model], str], str] = {
    (MetadataCache, "max_size"): "B",
    (Smm, "tseg"): "MiB",
    (StoragePool, "capacity"): "B",
    (StoragePool, "allocation"): "B",
    (StoragePool, "available"): "B",
    (StorageVolume, "capacity"): "B",
    (StorageVolume, "allocation"): "B",
    (StorageVolume, "physical"): "B",
}


def _key(*paths: str) -> Callable[[Model], Any]:
    split = [p.split(".") for p in paths]

    def key(obj: Model) -> Any:
        values = []
        for names in split:
            item: Any = obj
            for name in names:
                item = getattr(item, name, None)
            values.append(item.lower() if isinstance(item, str) else item)
        return None if all(v is None for v in values) else tuple(values)

    return key


#: How a repeated element is told from its siblings: two items whose keys
#: differ are never paired (items are paired by likeness otherwise).
IDENTITIES: dict[type[Model], Callable[[Model], Any]] = {
    Disk: _key("target.dev"),
    Controller: _key("type", "index"),
    # A tablet is never the PS/2 mouse libvirt adds, however alike.
    Input: _key("type", "bus"),
    Interface: _key("mac.address"),
}

RULES = Rules(
    GENERATED,
    normalisers=NORMALISERS,
    default_units=DEFAULT_UNITS,
    identities=IDENTITIES,
    by_name=BY_NAME,
    equivalences=EQUIVALENCES,
    item_forms=ITEM_FORMS,
)
