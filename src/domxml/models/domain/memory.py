"""Memory allocation (formatdomain "Memory Allocation"): ``<maxMemory>``, ``<memory>``.

``<currentMemory>`` has no attribute of its own beyond the unit and is a
plain :class:`~domxml.models.domain.size.Size`. Sizes without a unit are
in KiB.
"""

from __future__ import annotations

from domxml.binding import ON_OFF, attr, element
from domxml.models.domain.size import Size
from domxml.models.types import UInt


# libvirt writes <memory dumpCore='on' unit='KiB'>: dumpCore comes first.
@element("memory", field_order=("dump_core", "unit", "value"))
class Memory(Size):
    """``<memory>``: the guest's maximum memory at boot time."""

    dump_core: bool | None = attr(
        "dumpCore",
        codec=ON_OFF,
        doc="include guest memory in a core dump of the hypervisor",
        default=None,
    )


# libvirt writes <maxMemory slots='16' unit='KiB'>: slots come first.
@element("maxMemory", field_order=("slots", "unit", "value"))
class MaxMemory(Size):
    """``<maxMemory>``: the run-time maximum, reachable by memory hot-plug."""

    slots: UInt | None = attr(doc="slots available for hot-plugged memory", default=None)
