"""Device models: ``<hub>`` (formatdomain "Hub devices")."""

from __future__ import annotations

import enum

from domxml.binding import Model, attr, child, element, register_root
from domxml.models.domain.devices.address import Address
from domxml.models.domain.devices.common import Alias, DeviceAcpi


class HubType(enum.Enum):
    """The kind of hub (``<hub type=...>``); libvirt knows USB hubs only."""

    USB = "usb"


# The declaration order is libvirt's (virDomainHubDefFormat). libvirt reads
# and writes <acpi> for every device; the schema has none for a hub.
@element("hub", without=("acpi",))
class Hub(Model):
    """``<hub>``: a USB hub, which gives the guest more USB ports."""

    type: HubType | None = attr()
    alias: Alias | None = child(default=None)
    acpi: DeviceAcpi | None = child(default=None)
    address: Address | None = child(doc="the hub's own USB port", default=None)


register_root(Hub)
