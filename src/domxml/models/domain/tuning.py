"""Resource tuning (formatdomain's tuning sections and "Resource partitioning").

``<cputune>`` (cgroup CPU bandwidth, pinning, scheduling, cache and
memory bandwidth allocation), ``<memtune>``, ``<numatune>``,
``<blkiotune>`` and ``<resource>``. CPU and node sets are kept as written
(``0-3,^2``).
"""

from __future__ import annotations

import enum

from domxml.binding import INT, Model, attr, child, children, depends_on, element, leaf, matching
from domxml.models.domain.size import Size
from domxml.models.types import AbsFilePath, CpuSet, UInt, ULong, Unit, UShort

# ---------------------------------------------------------------- blkiotune


# The declaration order is libvirt's (virDomainDefFormatBlkiotune).
@element("device")
class BlkiotuneDevice(Model):
    """``<device>`` of ``<blkiotune>``: the weight and limits for one host block device."""

    path: AbsFilePath | None = leaf(doc="the host block device, e.g. /dev/sda")
    weight: int | None = leaf(doc="100 to 1000", default=None, codec=INT.within(100, 1000))
    read_iops_sec: UInt | None = leaf(default=None)
    write_iops_sec: UInt | None = leaf(default=None)
    read_bytes_sec: ULong | None = leaf(default=None)
    write_bytes_sec: ULong | None = leaf(default=None)


@element("blkiotune")
class Blkiotune(Model):
    """``<blkiotune>``: block I/O tuning."""

    weight: int | None = leaf(
        doc="the domain's overall I/O weight, 100 to 1000",
        default=None,
        codec=INT.within(100, 1000),
    )
    devices: list[BlkiotuneDevice] = children(default_factory=list)


# ------------------------------------------------------------------ memtune


# The declaration order is libvirt's (virDomainMemtuneFormat).
@element("memtune")
class Memtune(Model):
    """``<memtune>``: memory tuning; sizes without a unit are in KiB."""

    hard_limit: Size | None = child(
        "hard_limit", doc="the most memory the domain may use", default=None
    )
    soft_limit: Size | None = child(
        "soft_limit", doc="the memory limit under contention", default=None
    )
    min_guarantee: Size | None = child(
        "min_guarantee", doc="memory guaranteed to the domain", default=None
    )
    swap_hard_limit: Size | None = child(
        "swap_hard_limit", doc="the most memory plus swap", default=None
    )


# ------------------------------------------------------------------ cputune


class SchedulerPolicy(enum.Enum):
    """A host scheduler policy for vCPUs, IOThreads or emulator threads."""

    BATCH = "batch"
    IDLE = "idle"
    FIFO = "fifo"
    RR = "rr"


class CacheType(enum.Enum):
    """Which part of a cache an allocation is for (``<cache type=...>``)."""

    BOTH = "both"
    CODE = "code"
    DATA = "data"


@element("vcpupin")
class Vcpupin(Model):
    """``<vcpupin>``: the host CPUs one vCPU may run on."""

    vcpu: UShort | None = attr()
    cpuset: CpuSet | None = attr()


@element("emulatorpin")
class Emulatorpin(Model):
    """``<emulatorpin>``: the host CPUs the emulator threads may run on."""

    cpuset: CpuSet | None = attr()


@element("iothreadpin")
class Iothreadpin(Model):
    """``<iothreadpin>``: the host CPUs one IOThread may run on."""

    iothread: UInt | None = attr(doc="the IOThread's id")
    cpuset: CpuSet | None = attr()


@element(
    "vcpusched",
    depends=(
        depends_on(
            "scheduler",
            allows={SchedulerPolicy.FIFO: ("priority",), SchedulerPolicy.RR: ("priority",)},
            needs={SchedulerPolicy.FIFO: ("priority",), SchedulerPolicy.RR: ("priority",)},
        ),
    ),
)
class Vcpusched(Model):
    """``<vcpusched>``: the scheduler policy of some vCPUs."""

    vcpus: CpuSet | None = attr(doc="the vCPUs, e.g. 0-3,^2; absent: all", default=None)
    scheduler: SchedulerPolicy | None = attr()
    priority: UShort | None = attr(doc="the real-time priority (fifo, rr)", default=None)


@element(
    "iothreadsched",
    depends=(
        depends_on(
            "scheduler",
            allows={SchedulerPolicy.FIFO: ("priority",), SchedulerPolicy.RR: ("priority",)},
            needs={SchedulerPolicy.FIFO: ("priority",), SchedulerPolicy.RR: ("priority",)},
        ),
    ),
)
class Iothreadsched(Model):
    """``<iothreadsched>``: the scheduler policy of some IOThreads."""

    iothreads: CpuSet | None = attr(doc="the IOThread ids, e.g. 1-2; absent: all", default=None)
    scheduler: SchedulerPolicy | None = attr()
    priority: UShort | None = attr(doc="the real-time priority (fifo, rr)", default=None)


@element(
    "emulatorsched",
    depends=(
        depends_on(
            "scheduler",
            allows={SchedulerPolicy.FIFO: ("priority",), SchedulerPolicy.RR: ("priority",)},
            needs={SchedulerPolicy.FIFO: ("priority",), SchedulerPolicy.RR: ("priority",)},
        ),
    ),
)
class Emulatorsched(Model):
    """``<emulatorsched>``: the scheduler policy of the emulator threads."""

    scheduler: SchedulerPolicy | None = attr()
    priority: UShort | None = attr(doc="the real-time priority (fifo, rr)", default=None)


@element("cache")
class CachetuneCache(Model):
    """``<cache>`` of ``<cachetune>``: a cache allocation on one host cache."""

    id: UInt | None = attr(doc="the host cache's id")
    level: UInt | None = attr()
    type: CacheType | None = attr()
    size: ULong | None = attr(doc="in unit (bytes when absent)")
    unit: Unit | None = attr(doc="as written: KiB, MiB...", default=None)


@element("monitor")
class CacheMonitor(Model):
    """``<monitor>`` of ``<cachetune>``: a cache occupancy monitor."""

    level: UInt | None = attr()
    vcpus: CpuSet | None = attr()


# libvirt writes every cache allocation, then every monitor.
@element("cachetune", one_needed=(("caches", "monitors"),))
class Cachetune(Model):
    """``<cachetune>``: cache allocation and monitoring for some vCPUs (Intel RDT CAT)."""

    vcpus: CpuSet | None = attr()
    id: str | None = attr(doc="the resctrl group (live XML only)", default=None)
    caches: list[CachetuneCache] = children(default_factory=list)
    monitors: list[CacheMonitor] = children(default_factory=list)


@element("node")
class MemorytuneNode(Model):
    """``<node>`` of ``<memorytune>``: a memory bandwidth allocation on one host node."""

    id: UInt | None = attr(doc="the host NUMA node's id")
    bandwidth: UInt | None = attr(doc="percent of the node's memory bandwidth")


@element("monitor")
class MemoryMonitor(Model):
    """``<monitor>`` of ``<memorytune>``: a memory bandwidth monitor."""

    vcpus: CpuSet | None = attr()


# libvirt writes every node, then every monitor.
@element("memorytune", one_needed=(("nodes", "monitors"),))
class Memorytune(Model):
    """``<memorytune>``: memory bandwidth allocation for some vCPUs (Intel RDT MBA)."""

    vcpus: CpuSet | None = attr()
    nodes: list[MemorytuneNode] = children(default_factory=list)
    monitors: list[MemoryMonitor] = children(default_factory=list)


@element("monitor")
class EnergyMonitor(Model):
    """``<monitor>`` of ``<energytune>``: an energy consumption monitor."""

    vcpus: CpuSet | None = attr(default=None)


@element("energytune")
class Energytune(Model):
    """``<energytune>``: energy consumption monitoring for some vCPUs (libvirt 12.x)."""

    vcpus: CpuSet | None = attr(default=None)
    id: str | None = attr(doc="the resctrl group (live XML only)", default=None)
    monitors: list[EnergyMonitor] = children()


# The declaration order is libvirt's (virDomainCputuneDefFormat).
@element("cputune")
class Cputune(Model):
    """``<cputune>``: CPU tuning: pinning, shares, quotas, cache and memory bandwidth.

    Periods are in microseconds (1000 to 1000000); quotas in microseconds
    per period, -1 for none.
    """

    shares: UInt | None = leaf(doc="the domain's CPU time, relative to other domains", default=None)
    period: int | None = leaf(
        doc="the enforcement period of each vCPU", default=None, codec=INT.within(1000, 1000000)
    )
    quota: int | None = leaf(
        doc="the CPU time each vCPU may use per period",
        default=None,
        codec=INT.within(-1, 17592186044415),
    )
    global_period: int | None = leaf(
        doc="the enforcement period of the whole domain",
        default=None,
        codec=INT.within(1000, 1000000),
    )
    global_quota: int | None = leaf(default=None, codec=INT.within(-1, 17592186044415))
    emulator_period: int | None = leaf(
        doc="the enforcement period of the emulator threads",
        default=None,
        codec=INT.within(1000, 1000000),
    )
    emulator_quota: int | None = leaf(default=None, codec=INT.within(-1, 17592186044415))
    iothread_period: int | None = leaf(
        doc="the enforcement period of each IOThread", default=None, codec=INT.within(1000, 1000000)
    )
    iothread_quota: int | None = leaf(default=None, codec=INT.within(-1, 17592186044415))
    vcpupins: list[Vcpupin] = children(default_factory=list)
    emulatorpin: Emulatorpin | None = child(default=None)
    iothreadpins: list[Iothreadpin] = children(default_factory=list)
    emulatorsched: Emulatorsched | None = child(default=None)
    vcpuscheds: list[Vcpusched] = children(default_factory=list)
    iothreadscheds: list[Iothreadsched] = children(default_factory=list)
    cachetunes: list[Cachetune] = children(default_factory=list)
    memorytunes: list[Memorytune] = children(default_factory=list)
    energytunes: list[Energytune] = children(default_factory=list)


# ----------------------------------------------------------------- numatune


class NumatuneMode(enum.Enum):
    """How strictly guest memory is kept on the chosen host nodes (``mode=...``)."""

    STRICT = "strict"
    PREFERRED = "preferred"
    INTERLEAVE = "interleave"
    RESTRICTIVE = "restrictive"


class NumatunePlacement(enum.Enum):
    """How the host nodes are chosen (``<memory placement=...>``)."""

    STATIC = "static"
    AUTO = "auto"


# The schema gives a nodeset with a static placement (or none) only.
@element(
    "memory",
    depends=(
        depends_on(
            "placement",
            allows={None: ("nodeset",), NumatunePlacement.STATIC: ("nodeset",)},
        ),
    ),
)
class NumatuneMemory(Model):
    """``<memory>`` of ``<numatune>``: the host nodes for all guest memory."""

    mode: NumatuneMode | None = attr(default=None)
    placement: NumatunePlacement | None = attr(
        doc="static: nodeset; auto: from numad", default=None
    )
    nodeset: CpuSet | None = attr(doc="host NUMA nodes, e.g. 0-1,^3", default=None)


@element("memnode")
class Memnode(Model):
    """``<memnode>``: the host nodes for one guest NUMA cell's memory."""

    cellid: UInt | None = attr(doc="the guest NUMA cell's id")
    mode: NumatuneMode | None = attr()
    nodeset: CpuSet | None = attr(doc="host NUMA nodes, e.g. 0-1,^3")


# The declaration order is libvirt's (virDomainNumatuneFormatXML).
@element("numatune")
class Numatune(Model):
    """``<numatune>``: NUMA memory placement."""

    memory: NumatuneMemory | None = child(default=None)
    memnodes: list[Memnode] = children(default_factory=list)


# ----------------------------------------------------------------- resource


@element("fibrechannel")
class Fibrechannel(Model):
    """``<fibrechannel>``: the Fibre Channel application id of the domain's I/O."""

    appid: str | None = attr(
        doc="1 to 128 printable characters", codec=matching(r"[ -~]{1,128}", "fibrechannel")
    )


@element("resource")
class Resource(Model):
    """``<resource>``: resource partitioning."""

    partition: AbsFilePath | None = leaf(doc="the resource partition, e.g. /machine", default=None)
    fibrechannel: Fibrechannel | None = child(default=None)
