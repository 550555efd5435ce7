"""The guest's platform: architecture, machine, domain type, firmware, CPU, graphics.

:func:`decide` turns what the caller asked (``None``: no preference), the
operating system's facts and the host's capabilities into a
:class:`Platform`, the choices every later step reads. It is where the
builder refuses what cannot run: a firmware the OS cannot boot, Secure Boot
on a host without a Secure Boot loader, a CPU mode the host lacks.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

from domxml.build.defaults import Defaults
from domxml.build.errors import BuildError, HostSupportError
from domxml.build.host import HostCaps, require
from domxml.build.osinfo import OsInfo

#: The firmware kinds: ``efi`` (UEFI) or ``bios``.
FirmwareKind = Literal["efi", "bios"]
#: The displays: ``none`` (a serial console only), ``vnc`` or ``spice``.
GraphicsKind = Literal["none", "vnc", "spice"]
GRAPHICS: tuple[str, ...] = get_args(GraphicsKind)


@dataclass(frozen=True)
class Platform:
    """The choices the devices depend on, made once."""

    arch: str
    machine: str
    domain_type: str
    emulator: str
    #: ``efi`` or ``bios``.
    firmware: str
    #: ``True``/``False``: asked for or refused; ``None``: libvirt's choice.
    secure_boot: bool | None
    #: ``host-passthrough``, ``maximum``, or ``None`` (no ``<cpu>``).
    cpu_mode: str | None
    #: ``none``, ``vnc`` or ``spice``.
    graphics: str
    os: OsInfo

    @property
    def x86(self) -> bool:
        """An x86 guest (PC platform: ACPI timers, PS/2, ISA serial)."""
        return self.arch in ("x86_64", "i686")

    @property
    def q35(self) -> bool:
        """The q35 machine (any version: ``q35``, ``pc-q35-7.2``)."""
        return "q35" in self.machine

    @property
    def pcie(self) -> bool:
        """A PCI Express machine: devices go on root ports (q35, Arm ``virt``)."""
        return self.q35 or self.machine == "virt" or self.machine.startswith("virt-")


def decide(
    *,
    os: OsInfo,
    arch: str | None,
    machine: str | None,
    domain_type: str | None,
    firmware: str | None,
    secure_boot: bool | None,
    graphics: str | None,
    host: HostCaps | None,
    defaults: Defaults,
) -> Platform:
    """The platform for this intent; :class:`BuildError` when it cannot be built."""
    arch = arch or (host.arch if host else None) or defaults.arch
    if host is not None and host.arch and host.arch != arch:
        raise HostSupportError(
            f"the host capabilities are for {host.arch}, not {arch} ({host.source})"
        )
    if machine is None and host is not None and host.machine:
        machine = host.machine  # the machine the capabilities describe, as QEMU names it
    if machine is None:
        if arch not in defaults.machines:
            raise BuildError(f"no default machine type for {arch}: give machine=")
        machine = defaults.machines[arch]
    domain_type = domain_type or (host.domain_type if host else None) or defaults.domain_type
    if host is not None and host.domain_type and host.domain_type != domain_type:
        raise HostSupportError(
            f"the host capabilities are for domain type {host.domain_type!r},"
            f" not {domain_type!r} ({host.source})"
        )
    emulator = (host.emulator if host else None) or defaults.emulator.format(arch=arch)
    firmware = _firmware(os, arch, firmware, secure_boot, host)
    graphics = graphics or defaults.graphics
    if graphics not in GRAPHICS:
        raise BuildError(f"not a graphics kind: {graphics!r} (one of: {', '.join(GRAPHICS)})")
    if graphics != "none":
        require(host, "graphics", "type", graphics, "graphics")
    return Platform(
        arch=arch,
        machine=machine,
        domain_type=domain_type,
        emulator=emulator,
        firmware=firmware,
        secure_boot=secure_boot if firmware == "efi" else None,
        cpu_mode=_cpu_mode(domain_type, host),
        graphics=graphics,
        os=os,
    )


def _firmware(
    os: OsInfo, arch: str, firmware: str | None, secure_boot: bool | None, host: HostCaps | None
) -> str:
    if firmware not in (None, "efi", "bios"):
        raise BuildError(f"not a firmware: {firmware!r} (one of: efi, bios)")
    if firmware is None:
        if os.firmware_required:
            firmware = os.firmware_required
        elif secure_boot or arch == "aarch64":
            firmware = "efi"  # Arm's virt machine boots UEFI only
        else:
            firmware = "bios"
    if firmware == "bios" and (os.firmware_required == "efi" or arch == "aarch64"):
        who = os.short_id if os.firmware_required == "efi" else f"an {arch} guest"
        raise BuildError(f"{who} boots with UEFI only: firmware='bios' cannot work")
    if firmware == "bios" and secure_boot:
        raise BuildError("Secure Boot needs UEFI: give firmware='efi' (or leave it out)")
    if host is not None and firmware == "efi":
        # libvirt lists its built-in loader paths even for an architecture
        # it has no firmware descriptor for: the firmware enum decides.
        offered = host.firmwares
        if (offered is not None and "efi" not in offered) or (offered is None and not host.loaders):
            raise HostSupportError(
                f"the host has no UEFI firmware for {arch} (install OVMF/AAVMF: Debian's ovmf,"
                f" qemu-efi-aarch64) ({host.source})"
            )
        if secure_boot and not host.secure_boot:
            raise HostSupportError(
                f"the host has no Secure Boot firmware for this machine ({host.source})"
            )
    return firmware


def _cpu_mode(domain_type: str, host: HostCaps | None) -> str | None:
    # KVM: the host's CPU as it is, as virt-install does; TCG cannot pass the
    # host's CPU through, and emulates QEMU's "max" model best.
    mode = "host-passthrough" if domain_type == "kvm" else "maximum"
    if host is not None and host.cpu_modes and mode not in host.cpu_modes:
        if domain_type == "kvm":
            offered = ", ".join(sorted(host.cpu_modes))
            raise HostSupportError(
                f"the host cannot run CPU mode {mode!r} (it has: {offered}) ({host.source})"
            )
        return None  # libvirt's default CPU for TCG
    return mode
