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

from domxml.binding import ON_OFF, Model, attr, child, element
from domxml.models.domain.size import Size


class HypervMode(enum.Enum):
    """How Hyper-V enlightenments are chosen (``<hyperv mode=...>``)."""

    CUSTOM = "custom"
    PASSTHROUGH = "passthrough"


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

    state: bool | None = attr(codec=ON_OFF)


# --- single features --------------------------------------------------------------


@element("apic")
class Apic(Model):
    """``<apic>``: the guest's APIC, optionally with paravirtual end of interrupt."""

    eoi: bool | None = attr(codec=ON_OFF, doc="paravirtual EOI")


@element("gic")
class Gic(Model):
    """``<gic>``: the ARM Generic Interrupt Controller."""

    version: GicVersion | None = attr()


@element("smm")
class Smm(Model):
    """``<smm>``: System Management Mode, and the size of its TSEG memory."""

    state: bool | None = attr(codec=ON_OFF)
    tseg: Size | None = child("tseg", doc="extended TSEG size; no unit means MiB")


@element("ioapic")
class Ioapic(Model):
    """``<ioapic>``: the I/O APIC and where it is emulated."""

    driver: IoapicDriver | None = attr()


@element("hpt")
class Hpt(Model):
    """``<hpt>``: a pSeries guest's hash page table."""

    resizing: HptResizing | None = attr()
    maxpagesize: Size | None = child("maxpagesize", doc="largest page size the guest may use")


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

    tb_cache: Size | None = child("tb-cache", doc="translation block cache size; default KiB")


@element("async-teardown")
class AsyncTeardown(Model):
    """``<async-teardown>``: tear the guest's memory down asynchronously on shutdown."""

    enabled: bool | None = attr()


@element("aia")
class Aia(Model):
    """``<aia>``: the RISC-V Advanced Interrupt Architecture."""

    value: AiaMode | None = attr()


# --- Hyper-V ------------------------------------------------------------------------


@element("spinlocks")
class HypervSpinlocks(Model):
    """``<spinlocks>``: paravirtual spinlocks, and how often to retry before notifying."""

    state: bool | None = attr(codec=ON_OFF)
    retries: int | None = attr(doc="at least 4095")


@element("stimer")
class HypervStimer(Model):
    """``<stimer>``: synthetic timers, optionally in direct mode."""

    state: bool | None = attr(codec=ON_OFF)
    direct: FeatureSwitch | None = child("direct")


@element("vendor_id")
class HypervVendorId(Model):
    """``<vendor_id>``: the hypervisor vendor id the guest sees."""

    state: bool | None = attr(codec=ON_OFF)
    value: str | None = attr(doc="up to 12 characters")


@element("tlbflush")
class HypervTlbflush(Model):
    """``<tlbflush>``: paravirtual TLB flushes, with their direct and extended forms."""

    state: bool | None = attr(codec=ON_OFF)
    direct: FeatureSwitch | None = child("direct")
    extended: FeatureSwitch | None = child("extended")


# libvirt writes <hyperv mode='...'> with a closing tag, even with no child.
@element("hyperv", self_close=False)
class Hyperv(Model):
    """``<hyperv>``: Hyper-V enlightenments for Windows guests.

    In ``passthrough`` mode the host's enlightenments are all given and the
    children are ignored.
    """

    mode: HypervMode | None = attr()
    relaxed: FeatureSwitch | None = child("relaxed")
    vapic: FeatureSwitch | None = child("vapic")
    spinlocks: HypervSpinlocks | None = child()
    vpindex: FeatureSwitch | None = child("vpindex")
    runtime: FeatureSwitch | None = child("runtime")
    synic: FeatureSwitch | None = child("synic")
    stimer: HypervStimer | None = child()
    reset: FeatureSwitch | None = child("reset")
    vendor_id: HypervVendorId | None = child()
    frequencies: FeatureSwitch | None = child("frequencies")
    reenlightenment: FeatureSwitch | None = child("reenlightenment")
    tlbflush: HypervTlbflush | None = child()
    ipi: FeatureSwitch | None = child("ipi")
    evmcs: FeatureSwitch | None = child("evmcs")
    avic: FeatureSwitch | None = child("avic")
    emsr_bitmap: FeatureSwitch | None = child("emsr_bitmap")
    xmm_input: FeatureSwitch | None = child("xmm_input")


# --- KVM and Xen ----------------------------------------------------------------------


@element("dirty-ring")
class KvmDirtyRing(Model):
    """``<dirty-ring>``: track dirty guest pages with a ring buffer of ``size`` entries."""

    state: bool | None = attr(codec=ON_OFF)
    size: int | None = attr(doc="a power of two between 1024 and 65536")


# libvirt writes <kvm> with a closing tag, even with no child.
@element("kvm", self_close=False)
class Kvm(Model):
    """``<kvm>``: KVM-specific features."""

    hidden: FeatureSwitch | None = child("hidden", doc="hide KVM from the guest's CPUID")
    hint_dedicated: FeatureSwitch | None = child("hint-dedicated")
    poll_control: FeatureSwitch | None = child("poll-control")
    pv_ipi: FeatureSwitch | None = child("pv-ipi")
    dirty_ring: KvmDirtyRing | None = child()


@element("passthrough")
class XenPassthrough(Model):
    """``<passthrough>``: PCI passthrough for a Xen guest, and its IOMMU page table mode."""

    state: bool | None = attr(codec=ON_OFF)
    mode: XenPassthroughMode | None = attr()


# libvirt writes <xen> with a closing tag, even with no child.
@element("xen", self_close=False)
class XenFeatures(Model):
    """``<xen>``: Xen-specific features."""

    e820_host: FeatureSwitch | None = child("e820_host", doc="expose the host's e820 map")
    passthrough: XenPassthrough | None = child()


# --- container capabilities ----------------------------------------------------------


@element("capabilities")
class Capabilities(Model):
    """``<capabilities>``: the Linux process capabilities of a container.

    ``policy`` gives the starting set; each child turns one capability on or off.
    """

    policy: CapabilitiesPolicy | None = attr()
    audit_control: FeatureSwitch | None = child("audit_control")
    audit_write: FeatureSwitch | None = child("audit_write")
    block_suspend: FeatureSwitch | None = child("block_suspend")
    chown: FeatureSwitch | None = child("chown")
    dac_override: FeatureSwitch | None = child("dac_override")
    dac_read_search: FeatureSwitch | None = child("dac_read_search")
    fowner: FeatureSwitch | None = child("fowner")
    fsetid: FeatureSwitch | None = child("fsetid")
    ipc_lock: FeatureSwitch | None = child("ipc_lock")
    ipc_owner: FeatureSwitch | None = child("ipc_owner")
    kill: FeatureSwitch | None = child("kill")
    lease: FeatureSwitch | None = child("lease")
    linux_immutable: FeatureSwitch | None = child("linux_immutable")
    mac_admin: FeatureSwitch | None = child("mac_admin")
    mac_override: FeatureSwitch | None = child("mac_override")
    mknod: FeatureSwitch | None = child("mknod")
    net_admin: FeatureSwitch | None = child("net_admin")
    net_bind_service: FeatureSwitch | None = child("net_bind_service")
    net_broadcast: FeatureSwitch | None = child("net_broadcast")
    net_raw: FeatureSwitch | None = child("net_raw")
    setgid: FeatureSwitch | None = child("setgid")
    setfcap: FeatureSwitch | None = child("setfcap")
    setpcap: FeatureSwitch | None = child("setpcap")
    setuid: FeatureSwitch | None = child("setuid")
    sys_admin: FeatureSwitch | None = child("sys_admin")
    sys_boot: FeatureSwitch | None = child("sys_boot")
    sys_chroot: FeatureSwitch | None = child("sys_chroot")
    sys_module: FeatureSwitch | None = child("sys_module")
    sys_nice: FeatureSwitch | None = child("sys_nice")
    sys_pacct: FeatureSwitch | None = child("sys_pacct")
    sys_ptrace: FeatureSwitch | None = child("sys_ptrace")
    sys_rawio: FeatureSwitch | None = child("sys_rawio")
    sys_resource: FeatureSwitch | None = child("sys_resource")
    sys_time: FeatureSwitch | None = child("sys_time")
    sys_tty_config: FeatureSwitch | None = child("sys_tty_config")
    syslog: FeatureSwitch | None = child("syslog")
    wake_alarm: FeatureSwitch | None = child("wake_alarm")


# --- the features ------------------------------------------------------------------------


@element("features")
class Features(Model):
    """``<features>``: hypervisor features (ACPI, APIC, Hyper-V, KVM, SMM, GIC...)."""

    acpi: FeatureFlag | None = child("acpi")
    apic: Apic | None = child()
    pae: FeatureFlag | None = child("pae", doc="physical address extension")
    hap: FeatureSwitch | None = child("hap", doc="Xen hardware assisted paging")
    viridian: FeatureFlag | None = child("viridian", doc="Xen's Hyper-V enlightenments")
    privnet: FeatureFlag | None = child("privnet", doc="a container's private network namespace")
    hyperv: Hyperv | None = child()
    kvm: Kvm | None = child()
    pvspinlock: FeatureSwitch | None = child("pvspinlock")
    capabilities: Capabilities | None = child()
    pmu: FeatureSwitch | None = child("pmu", doc="the performance monitoring unit")
    vmport: FeatureSwitch | None = child("vmport", doc="VMware's I/O port")
    gic: Gic | None = child()
    smm: Smm | None = child()
    ioapic: Ioapic | None = child()
    hpt: Hpt | None = child()
    vmcoreinfo: FeatureSwitch | None = child("vmcoreinfo")
    htm: FeatureSwitch | None = child("htm", doc="pSeries hardware transactional memory")
    nested_hv: FeatureSwitch | None = child("nested-hv", doc="pSeries nested virtualisation")
    msrs: Msrs | None = child()
    ccf_assist: FeatureSwitch | None = child("ccf-assist", doc="pSeries count cache flush assist")
    xen: XenFeatures | None = child()
    cfpc: SpeculationMitigation | None = child("cfpc")
    sbbc: SpeculationMitigation | None = child("sbbc")
    ibs: Ibs | None = child()
    tcg: Tcg | None = child()
    async_teardown: AsyncTeardown | None = child()
    ras: FeatureSwitch | None = child("ras", doc="ARM reliability, availability, serviceability")
    ps2: FeatureSwitch | None = child("ps2", doc="the i8042 PS/2 controller")
    aia: Aia | None = child()
