"""Device models: ``<memballoon>`` (formatdomain "Memory balloon device")."""

from __future__ import annotations

import enum

from domxml.binding import ON_OFF, Model, attr, child, element, register_root
from domxml.models.domain.devices.address import Address
from domxml.models.domain.devices.common import Alias, DeviceAcpi, VirtioDriver
from domxml.models.types import PositiveInt


class MemballoonModel(enum.Enum):
    """The balloon device (``<memballoon model=...>``); ``none`` disables it."""

    VIRTIO = "virtio"
    VIRTIO_TRANSITIONAL = "virtio-transitional"
    VIRTIO_NON_TRANSITIONAL = "virtio-non-transitional"
    XEN = "xen"
    NONE = "none"


@element("stats")
class MemballoonStats(Model):
    """``<stats>``: how often the guest reports its memory statistics."""

    period: PositiveInt | None = attr(doc="seconds between updates; 0 disables the statistics")


# The declaration order is libvirt's (virDomainMemballoonDefFormat).
@element("memballoon")
class Memballoon(Model):
    """``<memballoon>``: the memory balloon, through which the host reclaims guest memory."""

    model: MemballoonModel | None = attr()
    autodeflate: bool | None = attr(
        codec=ON_OFF, doc="deflate the balloon when the guest runs out", default=None
    )
    free_page_reporting: bool | None = attr(
        "freePageReporting", codec=ON_OFF, doc="let the guest return freed pages", default=None
    )
    stats: MemballoonStats | None = child(default=None)
    alias: Alias | None = child(default=None)
    acpi: DeviceAcpi | None = child(default=None)
    address: Address | None = child(default=None)
    driver: VirtioDriver | None = child(default=None)


register_root(Memballoon)
