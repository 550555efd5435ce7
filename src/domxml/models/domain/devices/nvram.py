"""Device models: ``<nvram>`` in ``<devices>`` (formatdomain "NVRAM device").

Not the firmware variable store ``<os><nvram>``: this is the pSeries
(PowerPC) NVRAM device, which has only an address.
"""

from __future__ import annotations

from domxml.binding import Model, child, element, register_root
from domxml.models.domain.devices.address import Address


# The declaration order is libvirt's (virDomainNVRAMDefFormat).
@element("nvram")
class NvramDevice(Model):
    """``<nvram>``: the pSeries NVRAM device, at its ``spapr-vio`` address."""

    address: Address | None = child(default=None)


# A document whose root is <nvram> is this device (the <os> NVRAM is never a root).
register_root(NvramDevice)
