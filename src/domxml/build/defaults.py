"""The builder's defaults, in one place.

Every choice :func:`domxml.build.vm` makes that neither the caller, the
operating system's entry (:mod:`domxml.build.osinfo`) nor the host's
capabilities (:mod:`domxml.build.host`) decide comes from a
:class:`Defaults`. They follow what virt-install (virt-manager 4.1) writes
for a current QEMU/KVM host; ``docs/building.md`` lists them with the
differences. Change one with :func:`dataclasses.replace`::

    from dataclasses import replace
    from domxml.build import DEFAULTS, vm

    small = replace(DEFAULTS, pcie_root_ports=4)
    dom = vm("web01", defaults=small)
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Defaults:
    """What the builder picks when nothing else decides."""

    #: ``<domain type=...>``: KVM; ``qemu`` (TCG) for another architecture.
    domain_type: str = "kvm"
    #: The guest architecture.
    arch: str = "x86_64"
    #: Machine type per architecture (libvirt expands the alias: ``q35`` is
    #: ``pc-q35-7.2`` on QEMU 7.2).
    machines: dict[str, str] = field(
        default_factory=lambda: {"x86_64": "q35", "i686": "q35", "aarch64": "virt"}
    )
    #: The emulator per architecture, when no host capabilities name it.
    emulator: str = "/usr/bin/qemu-system-{arch}"
    #: Memory when neither the caller nor the operating system's entry says (MiB).
    memory_mib: int = 2048
    #: Virtual CPUs when neither the caller nor the operating system's entry says.
    vcpus: int = 2
    #: PCIe root ports on q35 and aarch64 ``virt``: hot-plug slots (virt-install: 14).
    pcie_root_ports: int = 14
    #: Ports of the USB 3 (``qemu-xhci``) controller (virt-install: 15).
    usb_ports: int = 15
    #: The host source of the virtio RNG.
    rng_device: str = "/dev/urandom"
    #: The guest agent channel's name.
    agent_channel: str = "org.qemu.guest_agent.0"
    #: Graphics when the caller says ``graphics=None``: none (a serial console
    #: only). virt-install adds VNC or SPICE on x86; see docs/building.md.
    graphics: str = "none"
    #: Hyper-V spinlock retries for Windows guests (virt-install: 8191).
    hyperv_spinlock_retries: int = 8191
    #: Where libvirt keeps images, for disks given by file name only.
    image_dir: str = "/var/lib/libvirt/images"


#: The defaults :func:`domxml.build.vm` uses unless given others.
DEFAULTS = Defaults()
