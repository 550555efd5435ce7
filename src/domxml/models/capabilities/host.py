"""The host part of ``virsh capabilities`` (formatcaps "Host capabilities"): ``<host>``."""

from __future__ import annotations

import enum

from domxml.binding import Model, attr, child, children, element, leaf, leaves, matching, text
from domxml.models.capabilities.cpu import HostCpu
from domxml.models.domain.cpu import NumaCache, NumaDistances, NumaInterconnects
from domxml.models.domain.features import FeatureFlag
from domxml.models.types import CpuSet, UInt, ULong, Unit, Uuid


class UriTransport(enum.Enum):
    """A migration transport the driver takes (``<uri_transport>``)."""

    VPXMIGR = "vpxmigr"
    TCP = "tcp"
    RDMA = "rdma"
    VZMIGR = "vzmigr"


class CacheType(enum.Enum):
    """What a cache bank or its control holds (``type=...``)."""

    BOTH = "both"
    CODE = "code"
    DATA = "data"


class EnergyFeature(enum.Enum):
    """An energy monitoring feature (``<energy><monitor><feature name=...>``)."""

    CORE_ENERGY = "core_energy"
    ACTIVITY = "activity"


@element("power_management")
class PowerManagement(Model):
    """``<power_management>``: the suspend modes the host supports."""

    suspend_mem: FeatureFlag | None = child("suspend_mem", doc="suspend to RAM", default=None)
    suspend_disk: FeatureFlag | None = child("suspend_disk", doc="hibernate", default=None)
    suspend_hybrid: FeatureFlag | None = child("suspend_hybrid", default=None)


@element("iommu")
class Iommu(Model):
    """``<iommu support='yes'/>``: whether the host has an IOMMU for device assignment."""

    support: bool | None = attr(default=None)


@element("uri_transports")
class UriTransports(Model):
    """``<uri_transports>``: the migration URI schemes the driver takes."""

    uri_transports: list[UriTransport] = leaves("uri_transport", min_items=1)


@element("migration_features", self_close=False)
class MigrationFeatures(Model):
    """``<migration_features>``: live migration and its transports."""

    live: FeatureFlag | None = child("live", default=None)
    uri_transports: UriTransports | None = child(default=None)


@element("memory")
class CellMemory(Model):
    """``<memory unit='KiB'>``: a NUMA cell's memory (libvirt's scaledInteger)."""

    unit: Unit | None = attr(default=None)
    value: ULong | None = text()


@element("pages")
class CellPages(Model):
    """``<pages unit='KiB' size='2048'>512</pages>``: free pages of one size in a cell."""

    unit: Unit | None = attr(default=None)
    size: UInt | None = attr()
    count: UInt | None = text()


# Where a CPU sits comes whole: socket, die, cluster, core and siblings.
@element("cpu", together=(("socket_id", "die_id", "cluster_id", "core_id", "siblings"),))
class CellCpu(Model):
    """``<cpu>`` of a NUMA cell: one host CPU and where it sits."""

    id: UInt | None = attr()
    socket_id: UInt | None = attr(default=None)
    die_id: UInt | None = attr(default=None)
    cluster_id: UInt | None = attr(default=None)
    core_id: UInt | None = attr(default=None)
    siblings: CpuSet | None = attr(doc="the CPUs sharing its core", default=None)


@element("cpus")
class CellCpus(Model):
    """``<cpus num='...'>``: the cell's CPUs."""

    num: UInt | None = attr()
    cpus: list[CellCpu] = children(default_factory=list)


@element("cell")
class HostCell(Model):
    """``<cell>``: one host NUMA node: memory, free pages, distances, caches, CPUs."""

    id: UInt | None = attr()
    memory: CellMemory | None = child(default=None)
    pages: list[CellPages] = children(default_factory=list)
    distances: NumaDistances | None = child(default=None)
    caches: list[NumaCache] = children(default_factory=list)
    cpus: CellCpus | None = child(default=None)


@element("cells")
class HostCells(Model):
    """``<cells num='...'>``: the host's NUMA nodes."""

    num: UInt | None = attr()
    cells: list[HostCell] = children(min_items=1)


@element("topology")
class HostTopology(Model):
    """``<topology>``: the host's NUMA nodes and the interconnects between them."""

    cells: HostCells | None = child()
    interconnects: NumaInterconnects | None = child(default=None)


@element("control")
class CacheControl(Model):
    """``<control>`` of a cache bank: how it can be split between guests (resctrl)."""

    granularity: UInt | None = attr()
    min: UInt | None = attr(default=None)
    unit: Unit | None = attr()
    type: CacheType | None = attr()
    max_allocs: UInt | None = attr("maxAllocs")


@element("bank")
class CacheBank(Model):
    """``<bank>``: one host cache."""

    id: UInt | None = attr()
    level: UInt | None = attr()
    type: CacheType | None = attr()
    size: UInt | None = attr()
    unit: Unit | None = attr()
    cpus: CpuSet | None = attr()
    controls: list[CacheControl] = children(default_factory=list)


@element("feature")
class MonitorFeature(Model):
    """``<feature name='...'/>`` of a monitor: an event it counts."""

    name: str | None = attr(codec=matching(r"(llc_|mbm_)[a-zA-Z0-9\-_]+", "monitorFeature"))


@element("monitor", together=(("level", "reuse_threshold"),))
class ResctrlMonitor(Model):
    """``<monitor>``: the resctrl monitoring of a cache or of memory bandwidth."""

    level: UInt | None = attr(default=None)
    reuse_threshold: UInt | None = attr("reuseThreshold", default=None)
    max_monitors: UInt | None = attr("maxMonitors")
    features: list[MonitorFeature] = children(min_items=1)


@element("cache")
class HostCache(Model):
    """``<cache>``: the host's caches and their allocation controls."""

    banks: list[CacheBank] = children(min_items=1)
    monitor: ResctrlMonitor | None = child(default=None)


@element("control")
class BandwidthControl(Model):
    """``<control>`` of a memory bandwidth node: how it can be split (resctrl MBA)."""

    granularity: UInt | None = attr()
    min: UInt | None = attr(default=None)
    max_allocs: UInt | None = attr("maxAllocs")


@element("node")
class BandwidthNode(Model):
    """``<node>``: the memory bandwidth controller of one NUMA node."""

    id: UInt | None = attr()
    cpus: CpuSet | None = attr()
    controls: list[BandwidthControl] = children(default_factory=list)


@element("memory_bandwidth")
class MemoryBandwidth(Model):
    """``<memory_bandwidth>``: memory bandwidth allocation and monitoring."""

    nodes: list[BandwidthNode] = children(min_items=1)
    monitor: ResctrlMonitor | None = child(default=None)


@element("feature")
class EnergyMonitorFeature(Model):
    """``<feature name='...'/>`` of the energy monitor."""

    name: EnergyFeature | None = attr()


@element("monitor")
class EnergyMonitor(Model):
    """``<monitor>`` of ``<energy>``: the energy counters."""

    max_monitors: UInt | None = attr("maxMonitors")
    features: list[EnergyMonitorFeature] = children(min_items=1)


@element("energy")
class Energy(Model):
    """``<energy>``: the host's energy monitoring."""

    monitor: EnergyMonitor | None = child()


@element("baselabel")
class BaseLabel(Model):
    """``<baselabel type='kvm'>``: the security label a domain of that type starts from."""

    type: str | None = attr(doc="the virtualization type")
    label: str | None = text()


@element("secmodel")
class SecModel(Model):
    """``<secmodel>``: a security driver (selinux, dac, apparmor) and its labels."""

    model: str | None = leaf()
    doi: str | None = leaf(doc="domain of interpretation")
    baselabels: list[BaseLabel] = children(default_factory=list)


# The declaration order is libvirt's (virCapabilitiesFormatHostXML).
@element("host")
class Host(Model):
    """``<host>``: the host's CPU, power management, NUMA topology, caches, security."""

    uuid: Uuid | None = leaf(default=None)
    cpu: HostCpu | None = child()
    power_management: PowerManagement | None = child(default=None)
    iommu: Iommu | None = child(default=None)
    migration_features: MigrationFeatures | None = child(default=None)
    topology: HostTopology | None = child(default=None)
    cache: HostCache | None = child(default=None)
    memory_bandwidth: MemoryBandwidth | None = child(default=None)
    energy: Energy | None = child(default=None)
    secmodels: list[SecModel] = children(default_factory=list)
