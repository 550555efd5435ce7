"""Device models: ``<panic>`` (formatdomain "Panic device")."""

from __future__ import annotations

import enum

from domxml.binding import Model, attr, child, element, register_root
from domxml.models.domain.devices.address import Address
from domxml.models.domain.devices.common import Alias


class PanicModel(enum.Enum):
    """How the guest signals its panic (``<panic model=...>``)."""

    ISA = "isa"
    PSERIES = "pseries"
    HYPERV = "hyperv"
    S390 = "s390"
    PVPANIC = "pvpanic"


# The declaration order is libvirt's (virDomainPanicDefFormat).
@element("panic")
class Panic(Model):
    """``<panic>``: a device through which the guest reports a kernel panic."""

    model: PanicModel | None = attr(default=None)
    alias: Alias | None = child(default=None)
    address: Address | None = child(default=None)


register_root(Panic)
