"""Device models: ``<iommu>`` (formatdomain "IOMMU devices")."""

from __future__ import annotations

import enum

from domxml.binding import ON_OFF, Model, attr, child, element, register_root
from domxml.models.domain.devices.address import Address
from domxml.models.domain.devices.common import Alias, DeviceAcpi
from domxml.models.types import Int32, UByte, UInt, Unit


class IommuModel(enum.Enum):
    """The emulated IOMMU (``<iommu model=...>``)."""

    INTEL = "intel"
    SMMUV3 = "smmuv3"
    VIRTIO = "virtio"
    AMD = "amd"


class GranuleMode(enum.Enum):
    """How the IOMMU's page size is chosen (``<granule mode=...>``)."""

    HOST = "host"


# Either the host's page size or a given one.
@element(
    "granule",
    exclusive=(("mode", "size"), ("mode", "unit")),
    one_needed=(("mode", "size"),),
    requires=(("unit", "size"),),
)
class Granule(Model):
    """``<granule>``: virtio: the IOMMU's page size (the host's, or ``size`` in ``unit``)."""

    mode: GranuleMode | None = attr(default=None)
    size: UInt | None = attr(default=None)
    unit: Unit | None = attr(doc="as written: KiB, MiB...", default=None)


@element("driver")
class IommuDriver(Model):
    """``<driver>``: the IOMMU's features."""

    intremap: bool | None = attr(codec=ON_OFF, doc="interrupt remapping", default=None)
    caching_mode: bool | None = attr(codec=ON_OFF, default=None)
    eim: bool | None = attr(codec=ON_OFF, doc="extended interrupt mode", default=None)
    iotlb: bool | None = attr(codec=ON_OFF, doc="device IOTLB", default=None)
    aw_bits: UByte | None = attr(doc="the address width, in bits", default=None)
    dma_translation: bool | None = attr(codec=ON_OFF, default=None)
    xtsup: bool | None = attr(codec=ON_OFF, doc="amd: x2APIC interrupt support", default=None)
    passthrough: bool | None = attr(
        codec=ON_OFF, doc="amd: devices bypass translation by default", default=None
    )
    pci_bus: UInt | None = attr(
        "pciBus", doc="smmuv3: the PCI bus the IOMMU is attached to", default=None
    )
    granule: Granule | None = child(default=None)
    accel: bool | None = attr(codec=ON_OFF, doc="smmuv3: the host's SMMU accelerates", default=None)
    ats: bool | None = attr(codec=ON_OFF, doc="PCIe Address Translation Services", default=None)
    ril: bool | None = attr(codec=ON_OFF, doc="smmuv3: range invalidation", default=None)
    ssidsize: Int32 | None = attr(doc="smmuv3: the substream ID size, in bits", default=None)
    oas: Int32 | None = attr(doc="smmuv3: the output address size, in bits", default=None)
    cmdqv: bool | None = attr(
        codec=ON_OFF, doc="smmuv3: the command queue virtualisation", default=None
    )


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
