"""CPU allocation (formatdomain "CPU Allocation"): ``<vcpu>``."""

from __future__ import annotations

import enum

from domxml.binding import Model, attr, element, text


class VcpuPlacement(enum.Enum):
    """How the vCPUs' host CPUs are chosen (``<vcpu placement=...>``)."""

    STATIC = "static"
    AUTO = "auto"


@element("vcpu")
class Vcpu(Model):
    """``<vcpu>``: the maximum number of virtual CPUs, and how many are online."""

    placement: VcpuPlacement | None = attr(doc="static: cpuset; auto: from numad")
    cpuset: str | None = attr(doc="host CPUs the vCPUs may run on, e.g. 1-4,^3,6")
    current: int | None = attr(doc="vCPUs online at boot, when fewer than the maximum")
    count: int | None = text(doc="the maximum number of vCPUs")
