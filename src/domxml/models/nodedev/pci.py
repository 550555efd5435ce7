"""PCI node devices: ``<capability type='pci'>`` and the capabilities inside it.

A PCI device's SR-IOV functions, bridge kind, mediated device types and
Vital Product Data are each a ``<capability type='...'>`` inside it.
"""

from __future__ import annotations

import enum

from domxml.binding import (
    HEX2,
    HEX4,
    IntCodec,
    Model,
    attr,
    child,
    children,
    element,
    leaf,
    matching,
    text,
    variant,
)
from domxml.models.nodedev.capability import IdName, NodeDevCapability
from domxml.models.types import Int32, UInt, ULong

#: A VPD field's value: up to 255 characters.
_VPD_VALUE = matching(r".{0,255}", "vpdFieldValueFormat")


class LinkValidity(enum.Enum):
    """Whether a PCIe link entry is what the device can do or what it does (``validity``)."""

    CAP = "cap"
    STA = "sta"


class DeviceApi(enum.Enum):
    """The VFIO interface a mediated device type offers (``<deviceAPI>``)."""

    VFIO_PCI = "vfio-pci"
    VFIO_CCW = "vfio-ccw"
    VFIO_AP = "vfio-ap"


@element("address")
class NodeDevPciAddress(Model):
    """``<address domain='0x0000' bus='0x02' slot='0x10' function='0x7'/>``: a PCI address."""

    domain: int | None = attr(codec=HEX4.within(0, 2**64 - 1))
    bus: int | None = attr(codec=HEX2.within(0, 2**64 - 1))
    slot: int | None = attr(codec=HEX2.within(0, 2**64 - 1))
    # libvirt's format is '0x%x': one digit, the function being 0-7.
    function: int | None = attr(codec=IntCodec(1).within(0, 2**64 - 1))


@element("type")
class MdevTypeInfo(Model):
    """``<type id='...'>``: a mediated device type the parent can create."""

    id: str | None = attr()
    name: str | None = leaf(default=None)
    device_api: DeviceApi | None = leaf("deviceAPI")
    available_instances: UInt | None = leaf("availableInstances")


@element("capability")
class MdevTypesCapability(Model):
    """``<capability type='mdev_types'>`` of a CSS or AP matrix device."""

    type: str | None = attr(default="mdev_types", codec=matching("mdev_types", "mdev_types"))
    types: list[MdevTypeInfo] = children(min_items=1)


@element("fields", discriminator="access")
class VpdFields(Model):
    """``<fields access='...'>``: the read-only or read-write VPD fields."""

    access: str | None = attr(doc="readonly or readwrite")


@element("vendor_field")
class VpdVendorField(Model):
    """``<vendor_field index='0'>``: a vendor-specific VPD field."""

    index: str | None = attr(codec=matching(r"[0-9A-Z]{1}", "vendorVPDFieldIndex"))
    value: str | None = text(codec=_VPD_VALUE)


@element("system_field")
class VpdSystemField(Model):
    """``<system_field index='B'>``: a system-specific VPD field."""

    index: str | None = attr(codec=matching(r"[0-9B-Z]{1}", "systemVPDFieldIndex"))
    value: str | None = text(codec=_VPD_VALUE)


@variant("readonly")
class ReadOnlyVpdFields(VpdFields):
    """``<fields access='readonly'>``: the fields the manufacturer wrote."""

    change_level: str | None = leaf(codec=_VPD_VALUE, default=None)
    manufacture_id: str | None = leaf(codec=_VPD_VALUE, default=None)
    part_number: str | None = leaf(codec=_VPD_VALUE, default=None)
    serial_number: str | None = leaf(codec=_VPD_VALUE, default=None)
    vendor_fields: list[VpdVendorField] = children(default_factory=list)


@variant("readwrite")
class ReadWriteVpdFields(VpdFields):
    """``<fields access='readwrite'>``: the fields the owner may write."""

    asset_tag: str | None = leaf(codec=_VPD_VALUE, default=None)
    vendor_fields: list[VpdVendorField] = children(default_factory=list)
    system_fields: list[VpdSystemField] = children(default_factory=list)


@element("capability", discriminator="type")
class PciCapabilityKind(Model):
    """``<capability type='...'>`` inside a PCI device's capability."""

    type: str | None = attr(doc="phys_function, virt_functions, pci-bridge, mdev_types, vpd...")


@variant("phys_function")
class PhysFunctionCapability(PciCapabilityKind):
    """``<capability type='phys_function'>``: the SR-IOV physical function of this VF."""

    address: NodeDevPciAddress | None = child(default=None)


@variant("virt_functions")
class VirtFunctionsCapability(PciCapabilityKind):
    """``<capability type='virt_functions'>``: the SR-IOV virtual functions of this PF."""

    max_count: UInt | None = attr("maxCount", default=None)
    addresses: list[NodeDevPciAddress] = children(default_factory=list)


@variant("pci-bridge")
class PciBridgeCapability(PciCapabilityKind):
    """``<capability type='pci-bridge'/>``: the device is a PCI bridge."""


@variant("cardbus-bridge")
class CardbusBridgeCapability(PciCapabilityKind):
    """``<capability type='cardbus-bridge'/>``: the device is a CardBus bridge."""


@variant("mdev_types")
class PciMdevTypesCapability(PciCapabilityKind):
    """``<capability type='mdev_types'>``: the mediated device types the device can create."""

    types: list[MdevTypeInfo] = children(min_items=1)


@variant("vpd")
class VpdCapability(PciCapabilityKind):
    """``<capability type='vpd'>``: the device's Vital Product Data."""

    name: str | None = leaf(codec=_VPD_VALUE)
    fields: list[VpdFields] = children(
        default_factory=list, max_items=2, slots=(("readonly",), ("readwrite",))
    )


@element("iommuGroup")
class IommuGroup(Model):
    """``<iommuGroup number='...'>``: the devices that share the device's IOMMU group."""

    number: UInt | None = attr()
    addresses: list[NodeDevPciAddress] = children(min_items=1)


@element("numa")
class PciNuma(Model):
    """``<numa node='0'/>``: the host NUMA node the device is attached to."""

    node: Int32 | None = attr(default=None)


@element("link")
class PciExpressLink(Model):
    """``<link>``: a PCIe link's capability (``cap``) or status (``sta``)."""

    validity: LinkValidity | None = attr()
    port: UInt | None = attr(default=None)
    speed: str | None = attr(doc="GT/s", codec=matching(r"[0-9]+(.[0-9]+)?", "speed"), default=None)
    width: UInt | None = attr(doc="lanes")


@element("pci-express")
class PciExpress(Model):
    """``<pci-express>``: the device's PCIe links."""

    links: list[PciExpressLink] = children(default_factory=list)


# The declaration order is libvirt's (virNodeDeviceCapPCIDefFormat).
@variant("pci")
class PciCapability(NodeDevCapability):
    """``<capability type='pci'>``: a PCI device, its ids, functions and links."""

    class_: str | None = leaf("class", codec=matching(r"0x[0-9a-fA-F]{6}", "class"), default=None)
    domain: ULong | None = leaf()
    bus: ULong | None = leaf()
    slot: ULong | None = leaf()
    function: ULong | None = leaf()
    product: IdName | None = child()
    vendor: IdName | None = child("vendor")
    # libvirt's order, each at most once; a bridge is a PCI or a CardBus one.
    capabilities: list[PciCapabilityKind] = children(
        default_factory=list,
        max_items=5,
        slots=(
            ("phys_function",),
            ("virt_functions",),
            ("pci-bridge", "cardbus-bridge"),
            ("mdev_types",),
            ("vpd",),
        ),
    )
    iommu_group: IommuGroup | None = child(default=None)
    numa: PciNuma | None = child(default=None)
    pci_express: PciExpress | None = child(default=None)
