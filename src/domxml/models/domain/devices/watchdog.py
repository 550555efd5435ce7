"""Device models: ``<watchdog>`` (formatdomain "Watchdog devices")."""

from __future__ import annotations

import enum

from domxml.binding import Model, attr, child, element, register_root
from domxml.models.domain.devices.address import Address
from domxml.models.domain.devices.common import Alias, DeviceAcpi


class WatchdogModel(enum.Enum):
    """The emulated watchdog hardware (``<watchdog model=...>``)."""

    I6300ESB = "i6300esb"
    IB700 = "ib700"
    DIAG288 = "diag288"
    ITCO = "itco"


class WatchdogAction(enum.Enum):
    """What happens when the watchdog fires (``<watchdog action=...>``)."""

    RESET = "reset"
    SHUTDOWN = "shutdown"
    POWEROFF = "poweroff"
    PAUSE = "pause"
    NONE = "none"
    DUMP = "dump"
    INJECT_NMI = "inject-nmi"


# The declaration order is libvirt's (virDomainWatchdogDefFormat).
@element("watchdog")
class Watchdog(Model):
    """``<watchdog>``: a virtual hardware watchdog that acts when the guest hangs."""

    model: WatchdogModel | None = attr()
    action: WatchdogAction | None = attr(doc="default: reset", default=None)
    alias: Alias | None = child(default=None)
    acpi: DeviceAcpi | None = child(default=None)
    address: Address | None = child(default=None)


register_root(Watchdog)
