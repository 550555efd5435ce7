"""Device models: ``<vsock>`` (formatdomain "Vsock")."""

from __future__ import annotations

import enum

from domxml.binding import Model, attr, child, element, register_root
from domxml.models.domain.devices.address import Address
from domxml.models.domain.devices.common import Alias, DeviceAcpi, VirtioDriver
from domxml.models.types import UInt


class VsockModel(enum.Enum):
    """The virtio flavour of the vsock device (``<vsock model=...>``)."""

    VIRTIO = "virtio"
    VIRTIO_TRANSITIONAL = "virtio-transitional"
    VIRTIO_NON_TRANSITIONAL = "virtio-non-transitional"


@element("cid")
class VsockCid(Model):
    """``<cid>``: the guest's context identifier, its vsock address."""

    auto: bool | None = attr(doc="let libvirt pick a free CID", default=None)
    address: UInt | None = attr(doc="the CID; 3 or more", default=None)


# The declaration order is libvirt's (virDomainVsockDefFormat).
@element("vsock")
class Vsock(Model):
    """``<vsock>``: a virtio socket between host and guest (AF_VSOCK)."""

    model: VsockModel | None = attr(default=None)
    cid: VsockCid | None = child(default=None)
    alias: Alias | None = child(default=None)
    acpi: DeviceAcpi | None = child(default=None)
    address: Address | None = child(default=None)
    driver: VirtioDriver | None = child(default=None)


register_root(Vsock)
