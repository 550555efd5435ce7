"""CPU allocation (formatdomain "CPU Allocation"): ``<vcpu>`` and ``<vcpus>``."""

from __future__ import annotations

import enum

from domxml.binding import INT, Model, attr, children, element, text
from domxml.models.types import CpuSet, UInt


class VcpuPlacement(enum.Enum):
    """How the vCPUs' host CPUs are chosen (``<vcpu placement=...>``)."""

    STATIC = "static"
    AUTO = "auto"


@element("vcpu")
class Vcpu(Model):
    """``<vcpu>``: the maximum number of virtual CPUs, and how many are online."""

    placement: VcpuPlacement | None = attr(doc="static: cpuset; auto: from numad", default=None)
    cpuset: CpuSet | None = attr(doc="host CPUs the vCPUs may run on, e.g. 1-4,^3,6", default=None)
    current: int | None = attr(
        doc="vCPUs online at boot, when fewer than the maximum",
        default=None,
        codec=INT.within(1, 65535),
    )
    count: int | None = text(doc="the maximum number of vCPUs", codec=INT.within(1, 65535))


@element("vcpu")
class VcpuState(Model):
    """``<vcpu>`` of ``<vcpus>``: the state of one vCPU."""

    id: UInt | None = attr()
    enabled: bool | None = attr(doc="online at boot")
    hotpluggable: bool | None = attr(doc="can be unplugged and plugged back", default=None)
    order: UInt | None = attr(doc="the order in which hot-plugged vCPUs are added", default=None)


@element("vcpus")
class Vcpus(Model):
    """``<vcpus>``: the state of each vCPU."""

    vcpus: list[VcpuState] = children(default_factory=list)
