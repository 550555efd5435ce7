"""The features part of domain capabilities (formatdomaincaps "Features"): ``<features>``."""

from __future__ import annotations

from domxml.binding import ON_OFF, Model, attr, child, children, element, leaf, matching, text
from domxml.models.domaincaps.support import Support, SupportedEnums
from domxml.models.types import UInt, ULong


# The platform's parameters come together (CPU 0's id may come alone).
@element("sev", together=(("cbitpos", "reduced_phys_bits", "max_guests", "max_es_guests"),))
class SevCaps(Support):
    """``<sev>``: AMD SEV, and the platform's parameters when supported."""

    cbitpos: UInt | None = leaf(doc="the C-bit position in a page table entry", default=None)
    reduced_phys_bits: UInt | None = leaf(
        "reducedPhysBits", doc="physical address bits lost with SEV", default=None
    )
    max_guests: UInt | None = leaf("maxGuests", doc="SEV guests at once", default=None)
    max_es_guests: UInt | None = leaf("maxESGuests", doc="SEV-ES guests at once", default=None)
    cpu0_id: str | None = leaf("cpu0Id", doc="the platform's CPU 0 id, base64", default=None)


@element("section_size")
class SgxSectionSize(Model):
    """``<section_size unit='KiB'>``: the EPC size."""

    unit: str | None = attr(doc="KiB", codec=matching("KiB", "KiB"))
    value: ULong | None = text()


@element("section")
class SgxSection(Model):
    """``<section>``: the EPC section of one NUMA node."""

    node: UInt | None = attr()
    size: ULong | None = attr()
    unit: str | None = attr(doc="KiB", codec=matching("KiB", "KiB"))


@element("sections")
class SgxSections(Model):
    """``<sections>``: the EPC sections by NUMA node."""

    sections: list[SgxSection] = children(default_factory=list)


# The enclave page cache's description comes whole, its sections optional.
@element(
    "sgx",
    together=(("flc", "sgx1", "sgx2", "section_size"),),
    requires=(("sections", "section_size"),),
)
class SgxCaps(Support):
    """``<sgx>``: Intel SGX, and the platform's enclave page cache when supported."""

    flc: bool | None = leaf(doc="flexible launch control", default=None)
    sgx1: bool | None = leaf(default=None)
    sgx2: bool | None = leaf(default=None)
    section_size: SgxSectionSize | None = child(default=None)
    sections: SgxSections | None = child(default=None)


@element("defaults")
class HypervDefaults(Model):
    """``<defaults>`` of ``<hyperv>``: the values libvirt uses for ``mode='passthrough'``."""

    spinlocks: UInt | None = leaf(doc="retries", default=None)
    stimer_direct: bool | None = leaf(codec=ON_OFF, default=None)
    tlbflush_direct: bool | None = leaf(codec=ON_OFF, default=None)
    tlbflush_extended: bool | None = leaf(codec=ON_OFF, default=None)
    vendor_id: str | None = leaf(default=None)


@element("hyperv")
class HypervCaps(SupportedEnums):
    """``<hyperv>``: Hyper-V enlightenments (``<enum name='features'>``) and their defaults."""

    defaults: HypervDefaults | None = child(default=None)


# The declaration order is libvirt's (virDomainCapsFeaturesFormat).
@element("features")
class FeaturesCaps(Model):
    """``<features>``: the domain features the hypervisor supports."""

    gic: SupportedEnums | None = child("gic", doc="ARM GIC versions", default=None)
    vmcoreinfo: Support | None = child("vmcoreinfo", default=None)
    genid: Support | None = child("genid", doc="VM generation id", default=None)
    backing_store_input: Support | None = child(
        "backingStoreInput", doc="disk <backingStore> read from the definition", default=None
    )
    backup: Support | None = child("backup", doc="incremental backup", default=None)
    async_teardown: Support | None = child("async-teardown", default=None)
    s390_pv: Support | None = child("s390-pv", doc="s390 protected virtualization", default=None)
    ps2: Support | None = child("ps2", default=None)
    tdx: Support | None = child("tdx", doc="Intel TDX", default=None)
    sev: SevCaps | None = child(default=None)
    sgx: SgxCaps | None = child(default=None)
    hyperv: HypervCaps | None = child(default=None)
    launch_security: SupportedEnums | None = child(
        "launchSecurity", doc="<enum name='sectype'>: sev, sev-snp, s390-pv, tdx", default=None
    )
