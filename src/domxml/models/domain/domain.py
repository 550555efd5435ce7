"""The domain root element and its general metadata (formatdomain "General metadata").

Typed so far: the root's attributes, the general metadata, memory and
vCPU allocation, and the boot settings (``<bootloader>`` and ``<os>``).
Everything else (devices, cpu, features, clock...) is kept as written
until its model exists; ``domxml.untyped()`` lists it.
"""

from __future__ import annotations

import enum

from domxml.binding import Model, attr, child, element, leaf, register_root
from domxml.models.domain.memory import MaxMemory, Memory
from domxml.models.domain.os import Os
from domxml.models.domain.size import Size
from domxml.models.domain.vcpu import Vcpu
from domxml.models.metadata import Metadata


class DomainType(enum.Enum):
    """The hypervisor driver that runs the domain (``<domain type=...>``)."""

    QEMU = "qemu"
    KQEMU = "kqemu"
    KVM = "kvm"
    XEN = "xen"
    LXC = "lxc"
    UML = "uml"
    OPENVZ = "openvz"
    TEST = "test"
    VMWARE = "vmware"
    HYPERV = "hyperv"
    VBOX = "vbox"
    PHYP = "phyp"
    VZ = "vz"
    BHYVE = "bhyve"
    HVF = "hvf"


# The declaration order is libvirt's (virDomainDefFormatInternal); the
# elements not typed yet sit between these: blkiotune, memtune and
# memoryBacking before vcpu; vcpus, iothreads, cputune, numatune, resource
# and sysinfo before bootloader; features, cpu, clock, on_*, pm, perf,
# devices, seclabel and the namespaced extensions after os.
@element("domain")
class Domain(Model):
    """A libvirt domain (virtual machine or container).

    The same model serves the ``<domain>`` and ``<inactiveDomain>`` inside a
    domain snapshot.
    """

    type: DomainType | None = attr()
    id: int | None = attr(doc="the running domain's id (output only)")

    name: str | None = leaf(doc="a short name, unique on the host")
    uuid: str | None = leaf()
    genid: str | None = leaf(doc="VM generation ID; empty: let libvirt generate one")
    title: str | None = leaf(doc="a short description, without newlines")
    description: str | None = leaf(doc="a human-readable description")
    metadata: Metadata | None = child()
    max_memory: MaxMemory | None = child("maxMemory")
    memory: Memory | None = child()
    current_memory: Size | None = child("currentMemory")
    vcpu: Vcpu | None = child()
    bootloader: str | None = leaf(doc="the host program that boots a paravirtualised guest")
    bootloader_args: str | None = leaf()
    os: Os | None = child()


register_root(Domain)
