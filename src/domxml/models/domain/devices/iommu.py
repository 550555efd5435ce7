"""Device models: ``<iommu>`` (formatdomain "IOMMU devices")."""

from __future__ import annotations

import enum

from domxml.binding import ON_OFF, Model, attr, child, element, register_root
from domxml.models.domain.devices.address import Address
from domxml.models.domain.devices.common import Alias, DeviceAcpi
from domxml.models.types import UByte


class IommuModel(enum.Enum):
    """The emulated IOMMU (``<iommu model=...>``)."""

    INTEL = "intel"
    SMMUV3 = "smmuv3"
    VIRTIO = "virtio"


@element("driver")
class IommuDriver(Model):
    """``<driver>``: the IOMMU's features."""

    intremap: bool | None = attr(codec=ON_OFF, doc="interrupt remapping", default=None)
    caching_mode: bool | None = attr(codec=ON_OFF, default=None)
    eim: bool | None = attr(codec=ON_OFF, doc="extended interrupt mode", default=None)
    iotlb: bool | None = attr(codec=ON_OFF, doc="device IOTLB", default=None)
    aw_bits: UByte | None = attr(doc="the address width, in bits", default=None)
    dma_translation: bool | None = attr(codec=ON_OFF, default=None)


# The declaration order is libvirt's (virDomainIOMMUDefFormat).
@element("iommu")
class Iommu(Model):
    """``<iommu>``: a virtual IOMMU, translating the DMA of the guest's devices."""

    model: IommuModel | None = attr()
    driver: IommuDriver | None = child(default=None)
    alias: Alias | None = child(default=None)
    acpi: DeviceAcpi | None = child(default=None)
    address: Address | None = child(default=None)


register_root(Iommu)
