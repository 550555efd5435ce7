"""Device models: ``<iommu>`` (formatdomain "IOMMU devices")."""

from __future__ import annotations

import enum

from domxml.binding import ON_OFF, Model, attr, child, element, register_root
from domxml.models.domain.devices.address import Address
from domxml.models.domain.devices.common import Alias, DeviceAcpi


class IommuModel(enum.Enum):
    """The emulated IOMMU (``<iommu model=...>``)."""

    INTEL = "intel"
    SMMUV3 = "smmuv3"
    VIRTIO = "virtio"


@element("driver")
class IommuDriver(Model):
    """``<driver>``: the IOMMU's features."""

    intremap: bool | None = attr(codec=ON_OFF, doc="interrupt remapping")
    caching_mode: bool | None = attr(codec=ON_OFF)
    eim: bool | None = attr(codec=ON_OFF, doc="extended interrupt mode")
    iotlb: bool | None = attr(codec=ON_OFF, doc="device IOTLB")
    aw_bits: int | None = attr(doc="the address width, in bits")
    dma_translation: bool | None = attr(codec=ON_OFF)


# The declaration order is libvirt's (virDomainIOMMUDefFormat).
@element("iommu")
class Iommu(Model):
    """``<iommu>``: a virtual IOMMU, translating the DMA of the guest's devices."""

    model: IommuModel | None = attr()
    driver: IommuDriver | None = child()
    alias: Alias | None = child()
    acpi: DeviceAcpi | None = child()
    address: Address | None = child()


register_root(Iommu)
