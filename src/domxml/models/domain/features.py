"""Hypervisor features (formatdomain "Hypervisor features"): ``<features>``.

Most features are an empty element (``<acpi/>``), a ``state='on|off'``
switch (``<pmu state='off'/>``) or carry one value (``<gic version='3'/>``);
Hyper-V enlightenments, KVM and Xen options and container capabilities
are groups of switches. The declaration order is libvirt's fixed feature
order (its ``virDomainFeature`` enumeration), which is the order
``virDomainDefFormatFeatures`` writes them in.
"""

from __future__ import annotations

import enum

from domxml.binding import ON_OFF, Model, allowed, attr, child, depends_on, element, matching
from domxml.models.domain.size import Size
from domxml.models.types import UInt


class HypervMode(enum.Enum):
    """How Hyper-V enlightenments are chosen (``<hyperv mode=...>``)."""

    CUSTOM = "custom"
    PASSTHROUGH = "passthrough"
    HOST_MODEL = "host-model"


class CapabilitiesPolicy(enum.Enum):
    """Which process capabilities a container keeps (``<capabilities policy=...>``)."""

    DEFAULT = "default"
    ALLOW = "allow"
    DENY = "deny"


class XenPassthroughMode(enum.Enum):
    """How Xen shares IOMMU page tables with passed-through devices."""

    SYNC_PT = "sync_pt"
    SHARE_PT = "share_pt"


class GicVersion(enum.Enum):
    """The ARM Generic Interrupt Controller version (``<gic version=...>``).

    ``none`` is in libvirt's enumeration but its parser refuses it (and the
    schema does not allow it); it is here so such a document reads as typed.
    """

    NONE = "none"
    HOST = "host"
    V2 = "2"
    V3 = "3"


class IoapicDriver(enum.Enum):
    """Where the I/O APIC is emulated (``<ioapic driver=...>``)."""

    QEMU = "qemu"
    KVM = "kvm"


class HptResizing(enum.Enum):
    """Whether a pSeries guest's hash page table may be resized (``<hpt resizing=...>``)."""

    ENABLED = "enabled"
    DISABLED = "disabled"
    REQUIRED = "required"


class MsrsUnknown(enum.Enum):
    """What the guest gets when it touches an unknown MSR (``<msrs unknown=...>``)."""

    IGNORE = "ignore"
    FAULT = "fault"


class SpeculationFix(enum.Enum):
    """A pSeries speculative-execution mitigation level (``<cfpc>``, ``<sbbc>``)."""

    BROKEN = "broken"
    WORKAROUND = "workaround"
    FIXED = "fixed"


class IbsFix(enum.Enum):
    """The pSeries indirect branch speculation mitigation (``<ibs value=...>``)."""

    BROKEN = "broken"
    WORKAROUND = "workaround"
    FIXED_IBS = "fixed-ibs"
    FIXED_CCD = "fixed-ccd"
    FIXED_NA = "fixed-na"


class AiaMode(enum.Enum):
    """The RISC-V Advanced Interrupt Architecture of the guest (``<aia value=...>``)."""

    NONE = "none"
    APLIC = "aplic"
    APLIC_IMSIC = "aplic-imsic"


# --- shapes shared by many features -------------------------------------------


@element("acpi")
class FeatureFlag(Model):
    """An empty element whose presence turns the feature on (``<acpi/>``, ``<pae/>``...)."""


@element("pvspinlock")
class FeatureSwitch(Model):
    """A feature turned on or off by ``state`` (``<pmu state='off'/>``, ``<relaxed state='on'/>``).

    One class serves every element of this shape, under the name its parent gives it.
    """

    state: bool | None = attr(codec=ON_OFF, default=None)


@element("relaxed")
class FeatureState(FeatureSwitch):
    """A switch whose ``state`` the schema requires (libvirt's ``featurestate``).

    Most Hyper-V, KVM and Xen options, container capabilities and some
    features (``<nested-hv state='on'/>``); where ``state`` may be left
    out, the element is a :class:`FeatureSwitch`.
    """

    state: bool | None = attr(codec=ON_OFF)


# --- single features --------------------------------------------------------------


@element("apic")
class Apic(Model):
    """``<apic>``: the guest's APIC, optionally with paravirtual end of interrupt."""

    eoi: bool | None = attr(codec=ON_OFF, doc="paravirtual EOI", default=None)


@element("gic")
class Gic(Model):
    """``<gic>``: the ARM Generic Interrupt Controller."""

    version: GicVersion | None = attr(
        default=None, codec=allowed(GicVersion.HOST, GicVersion.V2, GicVersion.V3)
    )


# The schema allows <tseg> only with a state (an optional group of both).
@element(
    "smm",
    depends=(depends_on("state", allows={True: ("tseg",), False: ("tseg",)}),),
)
class Smm(Model):
    """``<smm>``: System Management Mode, and the size of its TSEG memory."""

    state: bool | None = attr(codec=ON_OFF, default=None)
    tseg: Size | None = child("tseg", doc="extended TSEG size; no unit means MiB", default=None)


@element("ioapic")
class Ioapic(Model):
    """``<ioapic>``: the I/O APIC and where it is emulated."""

    driver: IoapicDriver | None = attr()


@element("hpt")
class Hpt(Model):
    """``<hpt>``: a pSeries guest's hash page table."""

    resizing: HptResizing | None = attr(default=None)
    maxpagesize: Size | None = child(
        "maxpagesize", doc="largest page size the guest may use", default=None
    )


@element("msrs")
class Msrs(Model):
    """``<msrs>``: how accesses to unknown model-specific registers are handled."""

    unknown: MsrsUnknown | None = attr()


@element("cfpc")
class SpeculationMitigation(Model):
    """``<cfpc>`` and ``<sbbc>``: a pSeries speculative-execution mitigation.

    ``cfpc``: cache flush on privilege change; ``sbbc``: speculation barrier
    bounds checking.
    """

    value: SpeculationFix | None = attr()


@element("ibs")
class Ibs(Model):
    """``<ibs>``: the pSeries indirect branch speculation mitigation."""

    value: IbsFix | None = attr()


@element("tcg")
class Tcg(Model):
    """``<tcg>``: settings of QEMU's TCG accelerator."""

    tb_cache: Size | None = child(
        "tb-cache", doc="translation block cache size; default KiB", default=None
    )


@element("async-teardown")
class AsyncTeardown(Model):
    """``<async-teardown>``: tear the guest's memory down asynchronously on shutdown."""

    enabled: bool | None = attr(default=None)


@element("aia")
class Aia(Model):
    """``<aia>``: the RISC-V Advanced Interrupt Architecture."""

    value: AiaMode | None = attr()


# --- Hyper-V ------------------------------------------------------------------------


@element("spinlocks")
class HypervSpinlocks(Model):
    """``<spinlocks>``: paravirtual spinlocks, and how often to retry before notifying."""

    state: bool | None = attr(codec=ON_OFF)
    retries: UInt | None = attr(doc="at least 4095", default=None)


@element("stimer")
class HypervStimer(Model):
    """``<stimer>``: synthetic timers, optionally in direct mode."""

    state: bool | None = attr(codec=ON_OFF, default=None)
    direct: FeatureState | None = child("direct", default=None)


@element("vendor_id")
class HypervVendorId(Model):
    """``<vendor_id>``: the hypervisor vendor id the guest sees."""

    state: bool | None = attr(codec=ON_OFF)
    value: str | None = attr(
        doc="up to 12 characters", default=None, codec=matching(r"[^,]{0,12}", "hyperv")
    )


@element("tlbflush")
class HypervTlbflush(Model):
    """``<tlbflush>``: paravirtual TLB flushes, with their direct and extended forms."""

    state: bool | None = attr(codec=ON_OFF, default=None)
    direct: FeatureState | None = child("direct", default=None)
    extended: FeatureState | None = child("extended", default=None)


#: Every Hyper-V enlightenment: the children of <hyperv>.
_ENLIGHTENMENTS = (
    "relaxed",
    "vapic",
    "spinlocks",
    "vpindex",
    "runtime",
    "synic",
    "stimer",
    "reset",
    "vendor_id",
    "frequencies",
    "reenlightenment",
    "tlbflush",
    "ipi",
    "evmcs",
    "avic",
    "emsr_bitmap",
    "xmm_input",
)


# libvirt writes <hyperv mode='...'> with a closing tag, even with no child.
# The schema allows the enlightenments in custom mode (the default) and
# host-model mode (libvirt 12.x: the host's, amended by the children) only.
@element(
    "hyperv",
    self_close=False,
    depends=(
        depends_on(
            "mode",
            allows={
                None: _ENLIGHTENMENTS,
                HypervMode.CUSTOM: _ENLIGHTENMENTS,
                HypervMode.HOST_MODEL: _ENLIGHTENMENTS,
            },
        ),
    ),
)
class Hyperv(Model):
    """``<hyperv>``: Hyper-V enlightenments for Windows guests.

    In ``passthrough`` mode the host's enlightenments are all given and the
    children are ignored.
    """

    mode: HypervMode | None = attr(default=None)
    relaxed: FeatureState | None = child("relaxed", default=None)
    vapic: FeatureState | None = child("vapic", default=None)
    spinlocks: HypervSpinlocks | None = child(default=None)
    vpindex: FeatureState | None = child("vpindex", default=None)
    runtime: FeatureState | None = child("runtime", default=None)
    synic: FeatureState | None = child("synic", default=None)
    stimer: HypervStimer | None = child(default=None)
    reset: FeatureState | None = child("reset", default=None)
    vendor_id: HypervVendorId | None = child(default=None)
    frequencies: FeatureState | None = child("frequencies", default=None)
    reenlightenment: FeatureState | None = child("reenlightenment", default=None)
    tlbflush: HypervTlbflush | None = child(default=None)
    ipi: FeatureState | None = child("ipi", default=None)
    evmcs: FeatureState | None = child("evmcs", default=None)
    avic: FeatureState | None = child("avic", default=None)
    emsr_bitmap: FeatureState | None = child("emsr_bitmap", default=None)
    xmm_input: FeatureState | None = child("xmm_input", default=None)


# --- KVM and Xen ----------------------------------------------------------------------


@element("dirty-ring")
class KvmDirtyRing(Model):
    """``<dirty-ring>``: track dirty guest pages with a ring buffer of ``size`` entries."""

    state: bool | None = attr(codec=ON_OFF)
    size: UInt | None = attr(doc="a power of two between 1024 and 65536", default=None)


# libvirt writes <kvm> with a closing tag, even with no child.
@element("kvm", self_close=False)
class Kvm(Model):
    """``<kvm>``: KVM-specific features."""

    hidden: FeatureState | None = child(
        "hidden", doc="hide KVM from the guest's CPUID", default=None
    )
    hint_dedicated: FeatureState | None = child("hint-dedicated", default=None)
    poll_control: FeatureState | None = child("poll-control", default=None)
    pv_ipi: FeatureState | None = child("pv-ipi", default=None)
    dirty_ring: KvmDirtyRing | None = child(default=None)


@element("passthrough")
class XenPassthrough(Model):
    """``<passthrough>``: PCI passthrough for a Xen guest, and its IOMMU page table mode."""

    state: bool | None = attr(codec=ON_OFF)
    mode: XenPassthroughMode | None = attr(default=None)


# libvirt writes <xen> with a closing tag, even with no child.
@element("xen", self_close=False)
class XenFeatures(Model):
    """``<xen>``: Xen-specific features."""

    e820_host: FeatureState | None = child(
        "e820_host", doc="expose the host's e820 map", default=None
    )
    passthrough: XenPassthrough | None = child(default=None)


# --- container capabilities ----------------------------------------------------------


@element("capabilities")
class Capabilities(Model):
    """``<capabilities>``: the Linux process capabilities of a container.

    ``policy`` gives the starting set; each child turns one capability on or off.
    """

    policy: CapabilitiesPolicy | None = attr()
    audit_control: FeatureState | None = child("audit_control", default=None)
    audit_write: FeatureState | None = child("audit_write", default=None)
    block_suspend: FeatureState | None = child("block_suspend", default=None)
    chown: FeatureState | None = child("chown", default=None)
    dac_override: FeatureState | None = child("dac_override", default=None)
    dac_read_search: FeatureState | None = child("dac_read_search", default=None)
    fowner: FeatureState | None = child("fowner", default=None)
    fsetid: FeatureState | None = child("fsetid", default=None)
    ipc_lock: FeatureState | None = child("ipc_lock", default=None)
    ipc_owner: FeatureState | None = child("ipc_owner", default=None)
    kill: FeatureState | None = child("kill", default=None)
    lease: FeatureState | None = child("lease", default=None)
    linux_immutable: FeatureState | None = child("linux_immutable", default=None)
    mac_admin: FeatureState | None = child("mac_admin", default=None)
    mac_override: FeatureState | None = child("mac_override", default=None)
    mknod: FeatureState | None = child("mknod", default=None)
    net_admin: FeatureState | None = child("net_admin", default=None)
    net_bind_service: FeatureState | None = child("net_bind_service", default=None)
    net_broadcast: FeatureState | None = child("net_broadcast", default=None)
    net_raw: FeatureState | None = child("net_raw", default=None)
    setgid: FeatureState | None = child("setgid", default=None)
    setfcap: FeatureState | None = child("setfcap", default=None)
    setpcap: FeatureState | None = child("setpcap", default=None)
    setuid: FeatureState | None = child("setuid", default=None)
    sys_admin: FeatureState | None = child("sys_admin", default=None)
    sys_boot: FeatureState | None = child("sys_boot", default=None)
    sys_chroot: FeatureState | None = child("sys_chroot", default=None)
    sys_module: FeatureState | None = child("sys_module", default=None)
    sys_nice: FeatureState | None = child("sys_nice", default=None)
    sys_pacct: FeatureState | None = child("sys_pacct", default=None)
    sys_ptrace: FeatureState | None = child("sys_ptrace", default=None)
    sys_rawio: FeatureState | None = child("sys_rawio", default=None)
    sys_resource: FeatureState | None = child("sys_resource", default=None)
    sys_time: FeatureState | None = child("sys_time", default=None)
    sys_tty_config: FeatureState | None = child("sys_tty_config", default=None)
    syslog: FeatureState | None = child("syslog", default=None)
    wake_alarm: FeatureState | None = child("wake_alarm", default=None)


# --- the features ------------------------------------------------------------------------


@element("features")
class Features(Model):
    """``<features>``: hypervisor features (ACPI, APIC, Hyper-V, KVM, SMM, GIC...)."""

    acpi: FeatureFlag | None = child("acpi", default=None)
    apic: Apic | None = child(default=None)
    pae: FeatureFlag | None = child("pae", doc="physical address extension", default=None)
    hap: FeatureSwitch | None = child("hap", doc="Xen hardware assisted paging", default=None)
    viridian: FeatureFlag | None = child(
        "viridian", doc="Xen's Hyper-V enlightenments", default=None
    )
    privnet: FeatureFlag | None = child(
        "privnet", doc="a container's private network namespace", default=None
    )
    hyperv: Hyperv | None = child(default=None)
    kvm: Kvm | None = child(default=None)
    pvspinlock: FeatureSwitch | None = child("pvspinlock", default=None)
    capabilities: Capabilities | None = child(default=None)
    pmu: FeatureSwitch | None = child("pmu", doc="the performance monitoring unit", default=None)
    vmport: FeatureSwitch | None = child("vmport", doc="VMware's I/O port", default=None)
    gic: Gic | None = child(default=None)
    smm: Smm | None = child(default=None)
    ioapic: Ioapic | None = child(default=None)
    hpt: Hpt | None = child(default=None)
    vmcoreinfo: FeatureSwitch | None = child("vmcoreinfo", default=None)
    htm: FeatureState | None = child(
        "htm", doc="pSeries hardware transactional memory", default=None
    )
    nested_hv: FeatureState | None = child(
        "nested-hv", doc="pSeries nested virtualisation", default=None
    )
    msrs: Msrs | None = child(default=None)
    ccf_assist: FeatureState | None = child(
        "ccf-assist", doc="pSeries count cache flush assist", default=None
    )
    xen: XenFeatures | None = child(default=None)
    cfpc: SpeculationMitigation | None = child("cfpc", default=None)
    sbbc: SpeculationMitigation | None = child("sbbc", default=None)
    ibs: Ibs | None = child(default=None)
    tcg: Tcg | None = child(default=None)
    async_teardown: AsyncTeardown | None = child(default=None)
    ras: FeatureState | None = child(
        "ras", doc="ARM reliability, availability, serviceability", default=None
    )
    ps2: FeatureState | None = child("ps2", doc="the i8042 PS/2 controller", default=None)
    aia: Aia | None = child(default=None)
    virtualization: FeatureFlag | None = child(
        "virtualization",
        doc="the CPU's virtualization extensions for the guest (nested virtualization)",
        default=None,
    )
