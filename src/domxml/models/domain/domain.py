"""The domain root element and its general metadata (formatdomain "General metadata").

Every element the root holds has its field here, in libvirt's order; the
models of each live in the module named after formatdomain's section.
"""

from __future__ import annotations

import enum

from domxml.binding import Model, attr, child, children, element, leaf, register_root
from domxml.models.domain.clock import Clock
from domxml.models.domain.cpu import Cpu
from domxml.models.domain.devices import Devices
from domxml.models.domain.features import Features
from domxml.models.domain.idmap import Idmap
from domxml.models.domain.iothreads import DefaultIothread, Iothreadids, Vcpus
from domxml.models.domain.lifecycle import LifecycleAction, LockFailureAction
from domxml.models.domain.memory import MaxMemory, Memory
from domxml.models.domain.memory_backing import MemoryBacking
from domxml.models.domain.namespaces import (
    BhyveCommandline,
    LxcNamespace,
    QemuCapabilities,
    QemuCommandline,
    QemuDeprecation,
    QemuOverride,
    VmwareDatacenterPath,
    XenCommandline,
)
from domxml.models.domain.os import Os
from domxml.models.domain.perf import Perf
from domxml.models.domain.power import Pm
from domxml.models.domain.security import Keywrap, LaunchSecurity, Seclabel
from domxml.models.domain.size import Size
from domxml.models.domain.sysinfo import Sysinfo
from domxml.models.domain.throttle import Throttlegroups
from domxml.models.domain.tuning import Blkiotune, Cputune, Memtune, Numatune, Resource
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


# The declaration order is libvirt's (virDomainDefFormatInternal).
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
    blkiotune: Blkiotune | None = child()
    memtune: Memtune | None = child()
    memory_backing: MemoryBacking | None = child()
    vcpu: Vcpu | None = child()
    vcpus: Vcpus | None = child()
    iothreads: int | None = leaf(doc="the number of IOThreads")
    iothreadids: Iothreadids | None = child()
    defaultiothread: DefaultIothread | None = child()
    cputune: Cputune | None = child()
    numatune: Numatune | None = child()
    resource: Resource | None = child()
    sysinfos: list[Sysinfo] = children()
    throttlegroups: Throttlegroups | None = child()
    bootloader: str | None = leaf(doc="the host program that boots a paravirtualised guest")
    bootloader_args: str | None = leaf()
    os: Os | None = child()
    idmap: Idmap | None = child()
    features: Features | None = child()
    cpu: Cpu | None = child()
    clock: Clock | None = child()
    on_poweroff: LifecycleAction | None = leaf()
    on_reboot: LifecycleAction | None = leaf()
    on_crash: LifecycleAction | None = leaf()
    on_lockfailure: LockFailureAction | None = leaf()
    pm: Pm | None = child()
    perf: Perf | None = child()
    devices: Devices | None = child()
    seclabels: list[Seclabel] = children()
    keywrap: Keywrap | None = child()
    launch_security: LaunchSecurity | None = child()
    qemu_commandline: QemuCommandline | None = child()
    qemu_capabilities: QemuCapabilities | None = child()
    qemu_override: QemuOverride | None = child()
    qemu_deprecation: QemuDeprecation | None = child()
    lxc_namespace: LxcNamespace | None = child()
    bhyve_commandline: BhyveCommandline | None = child()
    xen_commandline: XenCommandline | None = child()
    vmware_datacenterpath: VmwareDatacenterPath | None = child()


register_root(Domain)
