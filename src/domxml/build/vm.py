"""``vm()``: a complete domain from intent, as virt-install would write it.

The caller says what the guest is (name, memory, CPUs, disks, NICs, OS,
firmware, display); :func:`vm` decides the rest in three steps, each its own
module: the platform (:mod:`.platform`: machine, domain type, firmware,
CPU), the disks' and NICs' buses and models (:mod:`.devices`), and the
companions (:mod:`.companions`). It returns the typed
:class:`~domxml.models.domain.Domain`: edit anything after.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from lxml import etree

from domxml.build import companions
from domxml.build.defaults import DEFAULTS, Defaults
from domxml.build.devices import DiskSpec, NicSpec, disk_model, nic_model, parse_size
from domxml.build.errors import BuildError, HostSupportError
from domxml.build.host import HostCaps, require
from domxml.build.osinfo import OsInfo, lookup
from domxml.build.platform import FirmwareKind, GraphicsKind, Platform, decide
from domxml.models.domain import (
    Apic,
    Arch,
    Boot,
    BootDevice,
    Clock,
    ClockOffset,
    Cpu,
    CpuMode,
    Devices,
    Disk,
    DiskDevice,
    Domain,
    DomainType,
    FeatureFlag,
    Features,
    FeatureState,
    FeatureSwitch,
    Firmware,
    FirmwareFeature,
    FirmwareFeatureName,
    FirmwareInfo,
    GuestType,
    Hyperv,
    HypervSpinlocks,
    Interface,
    Memory,
    Metadata,
    Os,
    OsType,
    Pm,
    Size,
    Smm,
    SuspendState,
    TickPolicy,
    Timer,
    TimerName,
    Vcpu,
)

__all__ = ["vm"]


def vm(
    name: str,
    *,
    memory: str | int | None = None,
    vcpus: int | None = None,
    disks: Sequence[DiskSpec | Disk] = (),
    nics: Sequence[NicSpec | Interface] = (),
    os: str | OsInfo = "generic",
    firmware: FirmwareKind | None = None,
    secure_boot: bool | None = None,
    graphics: GraphicsKind | None = None,
    arch: str | None = None,
    machine: str | None = None,
    domain_type: str | None = None,
    console: bool = True,
    agent: bool | None = None,
    tpm: bool | None = None,
    host: HostCaps | None = None,
    defaults: Defaults = DEFAULTS,
) -> Domain:
    """A complete domain for this intent.

    - ``memory``: ``"4 GiB"``, or MiB as an ``int``; by default the OS's
      recommendation, else ``defaults.memory_mib``.
    - ``disks``: :func:`~domxml.build.disk`, :func:`~domxml.build.cdrom`,
      :func:`~domxml.build.seed`, or typed ``Disk`` models (used as given).
    - ``nics``: :func:`~domxml.build.bridge`, :func:`~domxml.build.network`,
      :func:`~domxml.build.direct`, or typed ``Interface`` models.
    - ``os``: libosinfo's short id (``debian12``, ``win11``), or an
      :class:`~domxml.build.OsInfo`; decides virtio or emulated devices,
      Hyper-V enlightenments, the clock, the firmware an OS requires.
    - ``firmware``: ``efi`` or ``bios``; ``secure_boot``: ``True`` asks
      libvirt for a Secure Boot firmware with Microsoft's keys enrolled,
      ``False`` for one without, ``None`` leaves it to libvirt.
    - ``graphics``: ``none`` (a serial console only), ``vnc`` or ``spice``.
    - ``host``: the host's domain capabilities; the machine, emulator, CPU
      mode and device models follow them, and what the host cannot run
      raises :class:`~domxml.build.HostSupportError`.
    - ``console``, ``agent`` (guest agent channel), ``tpm``: ``True``/``False``
      force the companion in or out; ``None`` lets the builder decide.

    Nothing random is written: libvirt generates the UUID, the MAC addresses
    and the PCI addresses when the domain is defined.
    """
    info = lookup(os) if isinstance(os, str) else os
    p = decide(
        os=info,
        arch=arch,
        machine=machine,
        domain_type=domain_type,
        firmware=firmware,
        secure_boot=secure_boot,
        graphics=graphics,
        host=host,
        defaults=defaults,
    )
    disk_models = _disks(p, disks, host, defaults)
    nic_models = [_nic(p, nic) for nic in nics]
    size = _memory(memory, info, defaults)
    count = vcpus if vcpus is not None else max(defaults.vcpus, info.vcpus or 0)
    if count < 1:
        raise BuildError(f"vcpus must be at least 1, not {count}")
    if host is not None and host.max_vcpus is not None and count > host.max_vcpus:
        raise HostSupportError(
            f"the host's {p.machine} machine takes at most {host.max_vcpus} vCPUs, not {count}"
        )
    want_agent = agent if agent is not None else "serial" in info.virtio
    scsi = any(
        d.target is not None and d.target.bus is not None and d.target.bus.value == "scsi"
        for d in disk_models
    )
    return Domain(
        type=_enum_domain_type(p.domain_type),
        name=name,
        metadata=_metadata(info),
        memory=Memory(unit=size.unit, value=size.value),
        current_memory=size,
        vcpu=Vcpu(count=count),
        os=_os(p, has_cdrom=any(d.device == DiskDevice.CDROM for d in disk_models)),
        features=_features(p, defaults),
        cpu=Cpu(mode=CpuMode(p.cpu_mode)) if p.cpu_mode else None,
        clock=_clock(p),
        pm=_pm(p),
        devices=Devices(
            emulator=p.emulator,
            disks=disk_models,
            controllers=companions.controllers(p, defaults, scsi=scsi),
            interfaces=nic_models,
            consoles=[companions.console()] if console else [],
            channels=companions.channels(p, defaults, agent=want_agent),
            inputs=companions.inputs(p),
            tpms=companions.tpm(p, host, wanted=tpm),
            graphics=companions.graphics(p),
            sounds=companions.sound(p),
            videos=companions.video(p, host),
            redirdevs=companions.redirdevs(p),
            memballoon=companions.memballoon(p),
            rngs=companions.rng(p, defaults, host),
        ),
    )


LIBOSINFO = "http://libosinfo.org/xmlns/libvirt/domain/1.0"


def _metadata(info: OsInfo) -> Metadata | None:
    """libosinfo's id of the OS, where virt-install and virt-manager look for it."""
    if info.id is None:
        return None
    root = etree.Element(f"{{{LIBOSINFO}}}libosinfo", nsmap={"libosinfo": LIBOSINFO})
    root.text = "\n      "  # written as libvirt lays it out, inside <metadata>
    etree.SubElement(root, f"{{{LIBOSINFO}}}os", id=info.id).tail = "\n    "
    return Metadata(elements=[root])


def _enum_domain_type(value: str) -> DomainType:
    try:
        return DomainType(value)
    except ValueError:
        raise BuildError(f"not a domain type: {value!r} (e.g. kvm, qemu)") from None


def _memory(memory: str | int | None, info: OsInfo, defaults: Defaults) -> Size:
    if memory is None:
        return Size(unit="MiB", value=info.memory_mib or defaults.memory_mib)
    if isinstance(memory, int):
        return Size(unit="MiB", value=memory)
    parse_size(memory)  # a BuildError for what is not a size
    return Size.of(memory)


# --- disks and NICs -----------------------------------------------------------------

_PREFIX: dict[str, str] = {"virtio": "vd", "sata": "sd", "scsi": "sd", "usb": "sd", "ide": "hd"}


def _disk_bus(p: Platform, spec: DiskSpec) -> str:
    if spec.bus:
        return spec.bus
    if spec.device == "cdrom":
        # A CD-ROM on virtio cannot boot; Arm's virt machine has no SATA or IDE.
        return "sata" if p.q35 else ("ide" if p.x86 else "scsi")
    if "block" in p.os.virtio or not p.x86:
        return "virtio"
    return "sata" if p.q35 else "ide"


def _disks(
    p: Platform, disks: Sequence[DiskSpec | Disk], host: HostCaps | None, defaults: Defaults
) -> list[Disk]:
    used = {
        d.target.dev for d in disks if isinstance(d, Disk) and d.target is not None and d.target.dev
    }
    result = []
    for item in disks:
        if isinstance(item, Disk):
            result.append(item)
            continue
        if item.path is not None and "/" not in item.path:
            # A bare file name is an image in libvirt's image directory.
            item = replace(item, path=f"{defaults.image_dir}/{item.path}")
        bus = _disk_bus(p, item)
        if bus not in _PREFIX:
            raise BuildError(
                f"not a disk bus the builder knows: {bus!r} (one of: {', '.join(_PREFIX)})"
            )
        require(host, "disk", "bus", bus, "disk bus")
        require(host, "disk", "diskDevice", item.device, "disk device")
        dev = _next_dev(_PREFIX[bus], used)
        used.add(dev)
        result.append(disk_model(item, bus=bus, dev=dev))
    return result


def _next_dev(prefix: str, used: set[str]) -> str:
    """The first free target name: ``vda``, ``vdb``... ``vdz``, ``vdaa``..."""
    n = 0
    while True:
        letters = ""
        k = n
        while True:
            letters = chr(ord("a") + k % 26) + letters
            k = k // 26 - 1
            if k < 0:
                break
        if prefix + letters not in used:
            return prefix + letters
        n += 1


def _nic(p: Platform, nic: NicSpec | Interface) -> Interface:
    if isinstance(nic, Interface):
        return nic
    model = nic.model
    if model is None:
        emulated = "e1000e" if p.q35 else "e1000"
        model = "virtio" if "net" in p.os.virtio or not p.x86 else emulated
    return nic_model(nic, model=model)


# --- the platform's elements -------------------------------------------------------


def _os(p: Platform, *, has_cdrom: bool) -> Os:
    try:
        arch = Arch(p.arch)
    except ValueError:
        raise BuildError(f"not an architecture libvirt knows: {p.arch!r}") from None
    info = None
    if p.secure_boot is not None:
        features = [FirmwareFeature(enabled=p.secure_boot, name=FirmwareFeatureName.SECURE_BOOT)]
        if p.secure_boot:
            features.append(FirmwareFeature(enabled=True, name=FirmwareFeatureName.ENROLLED_KEYS))
        info = FirmwareInfo(features=features)
    boots = [Boot(dev=BootDevice.HD)]
    if has_cdrom:
        # The blank disk of an installation does not boot, so the CD-ROM does;
        # once installed, the disk does.
        boots.append(Boot(dev=BootDevice.CDROM))
    return Os(
        firmware=Firmware.EFI if p.firmware == "efi" else None,
        type=OsType(arch=arch, machine=p.machine, value=GuestType.HVM),
        firmware_info=info,
        boots=boots,
    )


def _features(p: Platform, defaults: Defaults) -> Features:
    features = Features(acpi=FeatureFlag())
    if p.x86:
        features.apic = Apic()
    if p.os.is_windows and p.x86:
        features.hyperv = Hyperv(
            relaxed=FeatureState(state=True),
            vapic=FeatureState(state=True),
            spinlocks=HypervSpinlocks(state=True, retries=defaults.hyperv_spinlock_retries),
        )
    if p.graphics == "spice" and p.x86:
        # SPICE gives the guest an absolute pointer (the tablet); VMware's
        # I/O port would fight it.
        features.vmport = FeatureSwitch(state=False)
    if p.secure_boot and p.x86:
        # OVMF's Secure Boot builds need System Management Mode to protect
        # their variable store.
        features.smm = Smm(state=True)
    return features


def _pm(p: Platform) -> Pm | None:
    # virt-install turns ACPI S3/S4 off on x86: QEMU's suspend is unreliable
    # for guests, and a suspended guest looks hung.
    if not p.x86:
        return None
    return Pm(
        suspend_to_mem=SuspendState(enabled=False), suspend_to_disk=SuspendState(enabled=False)
    )


def _clock(p: Platform) -> Clock:
    # Windows keeps the hardware clock in local time.
    offset = ClockOffset.LOCALTIME if p.os.is_windows else ClockOffset.UTC
    if not p.x86:
        return Clock(offset=offset)
    timers = [
        Timer(name=TimerName.RTC, tickpolicy=TickPolicy.CATCHUP),
        Timer(name=TimerName.PIT, tickpolicy=TickPolicy.DELAY),
        Timer(name=TimerName.HPET, present=False),
    ]
    if p.os.is_windows:
        timers.append(Timer(name=TimerName.HYPERVCLOCK, present=True))
    return Clock(offset=offset, timers=timers)
