"""CPU model and topology (formatdomain "CPU model and topology"): ``<cpu>``.

The guest CPU: how it relates to the host's (``mode``, ``match``,
``check``), the named model and vendor, the topology, feature policies,
the cache and physical address size, and the guest's NUMA cells with
their distances, memory-side caches and interconnects (ACPI HMAT).
"""

from __future__ import annotations

import enum

from domxml.binding import INT, ON_OFF, Model, attr, child, children, element, leaf, matching, text
from domxml.models.domain.memory_backing import MemoryAccess
from domxml.models.types import CpuSet, PositiveInt, UInt, ULong, Unit


class CpuMode(enum.Enum):
    """How the guest CPU is made (``<cpu mode=...>``)."""

    CUSTOM = "custom"
    HOST_MODEL = "host-model"
    HOST_PASSTHROUGH = "host-passthrough"
    MAXIMUM = "maximum"


class CpuMatch(enum.Enum):
    """How strictly a custom CPU must match the host's (``<cpu match=...>``)."""

    MINIMUM = "minimum"
    EXACT = "exact"
    STRICT = "strict"


class CpuCheck(enum.Enum):
    """How the running guest CPU is checked against the definition (``<cpu check=...>``)."""

    NONE = "none"
    PARTIAL = "partial"
    FULL = "full"


class CpuFallback(enum.Enum):
    """Whether another CPU model may stand in when the hypervisor lacks it."""

    ALLOW = "allow"
    FORBID = "forbid"


class CpuFeaturePolicy(enum.Enum):
    """What to do with a CPU feature (``<feature policy=...>``)."""

    FORCE = "force"
    REQUIRE = "require"
    OPTIONAL = "optional"
    DISABLE = "disable"
    FORBID = "forbid"


class CpuCacheMode(enum.Enum):
    """How the guest sees the CPU cache (``<cache mode=...>``)."""

    EMULATE = "emulate"
    PASSTHROUGH = "passthrough"
    DISABLE = "disable"


class MaxPhysAddrMode(enum.Enum):
    """Where the guest's physical address size comes from (``<maxphysaddr mode=...>``)."""

    EMULATE = "emulate"
    PASSTHROUGH = "passthrough"


class NumaCacheAssociativity(enum.Enum):
    """The associativity of a NUMA cell's memory-side cache."""

    NONE = "none"
    DIRECT = "direct"
    FULL = "full"


class NumaCachePolicy(enum.Enum):
    """The write policy of a NUMA cell's memory-side cache."""

    NONE = "none"
    WRITEBACK = "writeback"
    WRITETHROUGH = "writethrough"


class InterconnectAccess(enum.Enum):
    """The kind of access a latency or bandwidth describes (``type=...``)."""

    ACCESS = "access"
    READ = "read"
    WRITE = "write"


@element("model")
class CpuModel(Model):
    """``<model>``: the named CPU model, as the hypervisor knows it."""

    fallback: CpuFallback | None = attr(default=None)
    vendor_id: str | None = attr(
        doc="the 12-character vendor id the guest sees",
        default=None,
        codec=matching(r"[^,]{12}", "cpuModel"),
    )
    name: str | None = text(doc="the model name, e.g. Skylake-Client-IBRS", default=None)


@element("topology")
class CpuTopology(Model):
    """``<topology>``: how the vCPUs are arranged in sockets, dies, clusters, cores, threads."""

    sockets: PositiveInt | None = attr()
    dies: PositiveInt | None = attr(doc="dies per socket", default=None)
    clusters: PositiveInt | None = attr(doc="clusters per die", default=None)
    cores: PositiveInt | None = attr(doc="cores per cluster")
    threads: PositiveInt | None = attr(doc="threads per core")


@element("cache")
class CpuCache(Model):
    """``<cache>`` of ``<cpu>``: the CPU cache the guest sees."""

    level: int | None = attr(
        doc="1, 2 or 3; absent: every level", default=None, codec=INT.within(1, 3)
    )
    mode: CpuCacheMode | None = attr()


@element("maxphysaddr")
class MaxPhysAddr(Model):
    """``<maxphysaddr>``: the guest's physical address size."""

    mode: MaxPhysAddrMode | None = attr()
    bits: UInt | None = attr(doc="the size, in bits", default=None)
    limit: UInt | None = attr(doc="at most this many bits (passthrough mode)", default=None)


@element("feature")
class CpuFeature(Model):
    """``<feature>``: a CPU feature to add to, or remove from, the model."""

    policy: CpuFeaturePolicy | None = attr()
    name: str | None = attr(
        doc="the feature's name, e.g. vmx, x2apic",
        codec=matching(r"[a-zA-Z0-9\-_\.]+", "featureName"),
    )


@element("sibling")
class NumaSibling(Model):
    """``<sibling>``: the distance from the cell to another cell."""

    id: UInt | None = attr(doc="the other cell's id")
    value: int | None = attr(
        doc="the distance: 10 to itself, 11-254 to others, 255: unreachable",
        codec=INT.within(10, 255),
    )


@element("distances")
class NumaDistances(Model):
    """``<distances>``: the cell's distances to the cells."""

    siblings: list[NumaSibling] = children()


@element("size")
class NumaCacheSize(Model):
    """``<size>`` or ``<line>`` of a NUMA cell's cache: a number and its unit."""

    value: UInt | None = attr()
    unit: Unit | None = attr(doc="as written: KiB, MiB, B...")


@element("cache")
class NumaCache(Model):
    """``<cache>`` of a NUMA ``<cell>``: a memory-side cache (ACPI HMAT)."""

    level: UInt | None = attr()
    associativity: NumaCacheAssociativity | None = attr()
    policy: NumaCachePolicy | None = attr()
    size: NumaCacheSize | None = child()
    line: NumaCacheSize | None = child("line", doc="the cache line size")


@element("cell")
class NumaCell(Model):
    """``<cell>``: a guest NUMA node, its vCPUs and memory."""

    id: UInt | None = attr(default=None)
    cpus: CpuSet | None = attr(doc="the cell's vCPUs, e.g. 0-3,^2", default=None)
    memory: ULong | None = attr(doc="the cell's memory, in unit (KiB when absent)")
    unit: Unit | None = attr(doc="as written: KiB, MiB, G...", default=None)
    mem_access: MemoryAccess | None = attr("memAccess", default=None)
    discard: bool | None = attr(
        doc="discard the cell's memory when the guest frees it", default=None
    )
    distances: NumaDistances | None = child(default=None)
    caches: list[NumaCache] = children(default_factory=list)


@element("latency")
class NumaLatency(Model):
    """``<latency>``: the access latency from an initiator cell to a target cell."""

    initiator: UInt | None = attr(doc="the id of the cell that accesses")
    target: UInt | None = attr(doc="the id of the cell accessed")
    cache: UInt | None = attr(doc="the target's cache level, when through a cache", default=None)
    type: InterconnectAccess | None = attr()
    value: UInt | None = attr(doc="nanoseconds")


@element("bandwidth")
class NumaBandwidth(Model):
    """``<bandwidth>``: the access bandwidth from an initiator cell to a target cell."""

    initiator: UInt | None = attr(doc="the id of the cell that accesses")
    target: UInt | None = attr(doc="the id of the cell accessed")
    cache: UInt | None = attr(doc="the target's cache level, when through a cache", default=None)
    type: InterconnectAccess | None = attr()
    value: UInt | None = attr(doc="in unit per second")
    unit: Unit | None = attr(doc="as written: KiB, MiB...")


@element("interconnects")
class NumaInterconnects(Model):
    """``<interconnects>``: latencies and bandwidths between cells (ACPI HMAT)."""

    latencies: list[NumaLatency] = children(default_factory=list)
    bandwidths: list[NumaBandwidth] = children(default_factory=list)


@element("numa")
class Numa(Model):
    """``<numa>``: the guest's NUMA topology."""

    cells: list[NumaCell] = children()
    interconnects: NumaInterconnects | None = child(default=None)


# The declaration order is libvirt's: virCPUDefFormatBufFull writes the
# attributes, then virCPUDefFormatBuf the model, vendor, topology, cache,
# maxphysaddr and features, then virDomainNumaDefFormatXML the NUMA cells.
@element("cpu")
class Cpu(Model):
    """``<cpu>``: the guest CPU: mode, model, vendor, topology, features, cache, NUMA cells."""

    mode: CpuMode | None = attr(default=None)
    # libvirt writes match for custom CPUs only and migratable for
    # host-passthrough and maximum only; deprecated_features (host-model in
    # the corpus) is never written beside migratable, so their order is moot.
    match: CpuMatch | None = attr(default=None)
    check: CpuCheck | None = attr(default=None)
    migratable: bool | None = attr(
        codec=ON_OFF,
        doc="host-passthrough/maximum: hide features that prevent migration",
        default=None,
    )
    deprecated_features: bool | None = attr(
        codec=ON_OFF, doc="off: disable the model's deprecated features (s390)", default=None
    )
    model: CpuModel | None = child(default=None)
    vendor: str | None = leaf(doc="the required CPU vendor, e.g. Intel, AMD", default=None)
    topology: CpuTopology | None = child(default=None)
    cache: CpuCache | None = child(default=None)
    maxphysaddr: MaxPhysAddr | None = child(default=None)
    features: list[CpuFeature] = children(default_factory=list)
    numa: Numa | None = child(default=None)
