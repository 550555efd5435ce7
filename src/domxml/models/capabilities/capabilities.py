"""Host capabilities (libvirt's formatcaps): ``<capabilities>``.

What ``virsh capabilities`` says of a host and its driver: the host CPU,
NUMA topology, caches and security models (``<host>``), then one
``<guest>`` per OS type and architecture the driver runs.
"""

from __future__ import annotations

from domxml.binding import Model, child, children, element, register_root
from domxml.models.capabilities.guest import Guest, GuestDomain, OsType
from domxml.models.capabilities.host import Host
from domxml.models.domain.domain import DomainType
from domxml.models.domain.os import Arch


# libvirt writes an empty line around each child of <capabilities>.
@element("capabilities", blank_lines=True)
class Capabilities(Model):
    """A host's capabilities: the host, and the guests its driver can run."""

    host: Host | None = child()
    guests: list[Guest] = children(default_factory=list)

    def guests_for(
        self, arch: Arch | str | None = None, os_type: OsType | str | None = None
    ) -> list[Guest]:
        """The ``<guest>`` entries of one architecture and OS type (any when ``None``)."""
        wanted_arch = None if arch is None else Arch(arch)
        wanted_os = None if os_type is None else OsType(os_type)
        return [
            guest
            for guest in self.guests
            if guest.arch is not None
            and (wanted_arch is None or guest.arch.name is wanted_arch)
            and (wanted_os is None or guest.os_type is wanted_os)
        ]

    def archs(self, os_type: OsType | str | None = None) -> list[Arch]:
        """The architectures the host runs guests of (of one OS type when given)."""
        found = [g.arch.name for g in self.guests_for(os_type=os_type) if g.arch is not None]
        return list(dict.fromkeys(a for a in found if isinstance(a, Arch)))

    def domain_types(
        self, arch: Arch | str, os_type: OsType | str | None = OsType.HVM
    ) -> list[DomainType]:
        """The virtualization types (``kvm``, ``qemu``...) for guests of ``arch``."""
        found = [
            domain.type
            for guest in self.guests_for(arch, os_type)
            for domain in self._domains(guest)
        ]
        return list(dict.fromkeys(t for t in found if isinstance(t, DomainType)))

    def machine_types(
        self,
        arch: Arch | str,
        domain_type: DomainType | str | None = None,
        os_type: OsType | str | None = OsType.HVM,
        *,
        canonical: bool = False,
    ) -> list[str]:
        """The machine types of ``arch`` (``pc``, ``pc-q35-10.0``...), as libvirt lists them.

        A ``<domain>`` with machines of its own (KVM's may differ from
        QEMU's) lists them for that type; without ``domain_type``, those of
        every type are included. With ``canonical=True``, an alias
        (``q35``) is replaced by the versioned type it stands for.
        """
        wanted = None if domain_type is None else DomainType(domain_type)
        names: list[str] = []
        for guest in self.guests_for(arch, os_type):
            machines = list(guest.arch.machines) if guest.arch is not None else []
            for domain in self._domains(guest):
                if wanted is None or domain.type is wanted:
                    machines += domain.machines
            if wanted is not None and not any(d.type is wanted for d in self._domains(guest)):
                continue
            for machine in machines:
                name = machine.canonical if canonical and machine.canonical else machine.name
                if name:
                    names.append(name)
        return list(dict.fromkeys(names))

    def emulator(self, arch: Arch | str, domain_type: DomainType | str | None = None) -> str | None:
        """The emulator binary for guests of ``arch`` (a domain type's own when it has one)."""
        wanted = None if domain_type is None else DomainType(domain_type)
        for guest in self.guests_for(arch):
            for domain in self._domains(guest):
                if domain.type is wanted and domain.emulator:
                    return domain.emulator
            if guest.arch is not None and guest.arch.emulator:
                return guest.arch.emulator
        return None

    @staticmethod
    def _domains(guest: Guest) -> list[GuestDomain]:
        return list(guest.arch.domains) if guest.arch is not None else []


register_root(Capabilities)
