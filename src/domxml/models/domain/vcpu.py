"""CPU allocation (formatdomain "CPU Allocation"): ``<vcpu>`` and ``<vcpus>``."""

from __future__ import annotations

import enum

from domxml.binding import Model, attr, children, element, text


class VcpuPlacement(enum.Enum):
    """How the vCPUs' host CPUs are chosen (``<vcpu placement=...>``)."""

    STATIC = "static"
    AUTO = "auto"


@element("vcpu")
class Vcpu(Model):
    """``<vcpu>``: the maximum number of virtual CPUs, and how many are online."""

    placement: VcpuPlacement | None = attr(doc="static: cpuset; auto: from numad", default=None)
    cpuset: str | None = attr(doc="host CPUs the vCPUs may run on, e.g. 1-4,^3,6", default=None)
    current: int | None = attr(
        doc="vCPUs online at boot, when fewer than the maximum", default=None
    )
    count: int | None = text(doc="the maximum number of vCPUs", default=None)


@element("vcpu")
class VcpuState(Model):
    """``<vcpu>`` of ``<vcpus>``: the state of one vCPU."""

    id: int | None = attr(default=None)
    enabled: bool | None = attr(doc="online at boot", default=None)
    hotpluggable: bool | None = attr(doc="can be unplugged and plugged back", default=None)
    order: int | None = attr(doc="the order in which hot-plugged vCPUs are added", default=None)


@element("vcpus")
class Vcpus(Model):
    """``<vcpus>``: the state of each vCPU."""

    vcpus: list[VcpuState] = children(default_factory=list)
