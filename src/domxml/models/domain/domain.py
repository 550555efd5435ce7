"""The domain root element and its general metadata (formatdomain "General metadata").

Every element the root holds has its field here, in libvirt's order; the
models of each live in the module named after formatdomain's section.
"""

from __future__ import annotations

import enum

from domxml.binding import (
    Model,
    allowed,
    attr,
    child,
    children,
    depends_on,
    element,
    leaf,
    register_root,
)
from domxml.models.domain.clock import Clock
from domxml.models.domain.cpu import Cpu
from domxml.models.domain.devices import Devices
from domxml.models.domain.features import Features
from domxml.models.domain.idmap import Idmap
from domxml.models.domain.iommufd import Iommufd
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
from domxml.models.domain.os import GuestType, Os
from domxml.models.domain.perf import Perf
from domxml.models.domain.power import Pm
from domxml.models.domain.security import Keywrap, LaunchSecurity, Seclabel
from domxml.models.domain.size import Size
from domxml.models.domain.sysinfo import Sysinfo
from domxml.models.domain.throttle import Throttlegroups
from domxml.models.domain.tuning import Blkiotune, Cputune, Memtune, Numatune, Resource
from domxml.models.domain.vcpu import Vcpu
from domxml.models.metadata import Metadata
from domxml.models.types import ObjectNameWithSlash, UInt, Uuid


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
#: ``<on_poweroff>`` and ``<on_reboot>`` take every action but the coredump ones.
_NO_COREDUMP = allowed(
    LifecycleAction.DESTROY,
    LifecycleAction.RESTART,
    LifecycleAction.RENAME_RESTART,
    LifecycleAction.PRESERVE,
)


#: The host bootloader settings, beside <os> (the schema's bootloader).
_BOOTLOADER = ("bootloader", "bootloader_args")


# A container's <os> (osexe) comes without a host bootloader; every other
# kind of guest, or none, may have one.
@element(
    "domain",
    depends=(
        depends_on(
            "os.type.value",
            allows={
                None: _BOOTLOADER,
                GuestType.HVM: _BOOTLOADER,
                GuestType.XEN: _BOOTLOADER,
                GuestType.LINUX: _BOOTLOADER,
                GuestType.XENPVH: _BOOTLOADER,
            },
        ),
    ),
)
class Domain(Model):
    """A libvirt domain (virtual machine or container).

    The same model serves the ``<domain>`` and ``<inactiveDomain>`` inside a
    domain snapshot.
    """

    # Required by libvirt's schema, so by the constructor; a parsed document
    # that lacks them (libvirt's invalid test files do) reads them as None.
    type: DomainType | None = attr()
    id: UInt | None = attr(doc="the running domain's id (output only)", default=None)

    name: ObjectNameWithSlash | None = leaf(doc="a short name, unique on the host")
    uuid: Uuid | None = leaf(default=None)
    hwuuid: Uuid | None = leaf(
        doc="the UUID the guest sees in its firmware (SMBIOS), when not the domain's",
        default=None,
    )
    genid: Uuid | None = leaf(doc="VM generation ID; empty: let libvirt generate one", default=None)
    title: ObjectNameWithSlash | None = leaf(
        doc="a short description, without newlines", default=None
    )
    description: str | None = leaf(doc="a human-readable description", default=None)
    metadata: Metadata | None = child(default=None)
    max_memory: MaxMemory | None = child("maxMemory", default=None)
    memory: Memory | None = child(default=None)
    current_memory: Size | None = child("currentMemory", default=None)
    blkiotune: Blkiotune | None = child(default=None)
    memtune: Memtune | None = child(default=None)
    memory_backing: MemoryBacking | None = child(default=None)
    vcpu: Vcpu | None = child(default=None)
    vcpus: Vcpus | None = child(default=None)
    iothreads: UInt | None = leaf(doc="the number of IOThreads", default=None)
    iothreadids: Iothreadids | None = child(default=None)
    defaultiothread: DefaultIothread | None = child(default=None)
    cputune: Cputune | None = child(default=None)
    numatune: Numatune | None = child(default=None)
    iommufd: Iommufd | None = child(default=None)
    resource: Resource | None = child(default=None)
    sysinfos: list[Sysinfo] = children(default_factory=list)
    throttlegroups: Throttlegroups | None = child(default=None)
    bootloader: str | None = leaf(
        doc="the host program that boots a paravirtualised guest", default=None
    )
    bootloader_args: str | None = leaf(default=None)
    os: Os | None = child(default=None)
    idmap: Idmap | None = child(default=None)
    features: Features | None = child(default=None)
    cpu: Cpu | None = child(default=None)
    clock: Clock | None = child(default=None)
    on_poweroff: LifecycleAction | None = leaf(
        default=None,
        codec=_NO_COREDUMP,
    )
    on_reboot: LifecycleAction | None = leaf(
        default=None,
        codec=_NO_COREDUMP,
    )
    on_crash: LifecycleAction | None = leaf(default=None)
    on_lockfailure: LockFailureAction | None = leaf(default=None)
    pm: Pm | None = child(default=None)
    perf: Perf | None = child(default=None)
    devices: Devices | None = child(default=None)
    seclabels: list[Seclabel] = children(default_factory=list)
    keywrap: Keywrap | None = child(default=None)
    launch_security: LaunchSecurity | None = child(default=None)
    qemu_commandline: QemuCommandline | None = child(default=None)
    qemu_capabilities: QemuCapabilities | None = child(default=None)
    qemu_override: QemuOverride | None = child(default=None)
    qemu_deprecation: QemuDeprecation | None = child(default=None)
    lxc_namespace: LxcNamespace | None = child(default=None)
    bhyve_commandline: BhyveCommandline | None = child(default=None)
    xen_commandline: XenCommandline | None = child(default=None)
    vmware_datacenterpath: VmwareDatacenterPath | None = child(default=None)


register_root(Domain)
