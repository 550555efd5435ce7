"""The capability base of node devices, and the capabilities of most device types.

A node device's ``<capability type='...'>`` says what the device is
(``pci``, ``usb_device``, ``net``, ``storage``...) and holds what libvirt
knows of it; :class:`NodeDevCapability` is chosen by ``type``. PCI and
the s390 devices have modules of their own.
"""

from __future__ import annotations

import enum

from domxml.binding import (
    BoolCodec,
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
from domxml.models.types import UInt, ULong, Uuid, Wwn

#: A block device or character device path (nodedev.rng's ``path``).
DEV_PATH = matching(r"/[a-zA-Z0-9_\+\-/%]+", "path")


class LinkState(enum.Enum):
    """The operational state of a network link (``<link state=...>``)."""

    UNKNOWN = "unknown"
    NOTPRESENT = "notpresent"
    DOWN = "down"
    LOWERLAYERDOWN = "lowerlayerdown"
    TESTING = "testing"
    DORMANT = "dormant"
    UP = "up"


class DrmType(enum.Enum):
    """The kind of a DRM device node (``<type>``)."""

    PRIMARY = "primary"
    CONTROL = "control"
    RENDER = "render"


@element("capability", discriminator="type")
class NodeDevCapability(Model):
    """``<capability type='...'>``: what the device is, and what libvirt knows of it."""

    type: str | None = attr(doc="pci, usb_device, usb, net, scsi_host, storage...")


@element("hardware")
class SystemHardware(Model):
    """``<hardware>``: the host's make and serial number (SMBIOS)."""

    vendor: str | None = leaf(default=None)
    version: str | None = leaf(default=None)
    serial: str | None = leaf(default=None)
    uuid: Uuid | None = leaf()


@element("firmware")
class SystemFirmware(Model):
    """``<firmware>``: the host's BIOS (SMBIOS)."""

    vendor: str | None = leaf(default=None)
    version: str | None = leaf(default=None)
    release_date: str | None = leaf(default=None)


@variant("system")
class SystemCapability(NodeDevCapability):
    """``<capability type='system'>``: the host itself (``computer``)."""

    product: str | None = leaf(default=None)
    hardware: SystemHardware | None = child()
    firmware: SystemFirmware | None = child()


@element("product")
class IdName(Model):
    """``<product id='0x10ca'>`` or ``<vendor id='0x8086'>``: a hardware id and its name."""

    id: str | None = attr(codec=matching(r"(0x)?[0-9a-f]+", "hexuint"))
    name: str | None = text(default=None)


# libvirt 12 writes (and its schema requires) the port; 11's has none: it
# has a default, so that both read and validate, and a group of its own
# says it is needed where the version has it.
@variant("usb_device", one_needed=(("port",),))
class UsbDeviceCapability(NodeDevCapability):
    """``<capability type='usb_device'>``: a USB device."""

    bus: ULong | None = leaf()
    device: ULong | None = leaf()
    port: ULong | None = leaf(doc="the port on its hub (libvirt 12)", default=None)
    product: IdName | None = child()
    vendor: IdName | None = child("vendor")


@variant("usb")
class UsbInterfaceCapability(NodeDevCapability):
    """``<capability type='usb'>``: one interface of a USB device."""

    number: ULong | None = leaf()
    class_: ULong | None = leaf("class")
    subclass: ULong | None = leaf()
    protocol: ULong | None = leaf()
    description: str | None = leaf(default=None)


@element("link")
class NetLink(Model):
    """``<link>``: a network link's speed and state."""

    speed: UInt | None = attr(doc="Mbit/s", default=None)
    state: LinkState | None = attr(default=None)


@element("feature")
class NetFeature(Model):
    """``<feature name='...'/>``: an offload the network device has (``tso``, ``gro``...)."""

    name: str | None = attr(codec=matching(r"[a-zA-Z\-_]+", "netfeaturename"))


@element("capability", discriminator="type")
class NetCapabilityKind(Model):
    """``<capability type='80203'/>`` (Ethernet) or ``'80211'`` (Wi-Fi) of a network device."""

    type: str | None = attr()


@variant("80203")
class EthernetCapability(NetCapabilityKind):
    """``<capability type='80203'/>``: an Ethernet device."""


@variant("80211")
class WirelessCapability(NetCapabilityKind):
    """``<capability type='80211'/>``: a Wi-Fi device."""


@variant("net")
class NetCapability(NodeDevCapability):
    """``<capability type='net'>``: a network interface."""

    interface: str | None = leaf()
    address: str | None = leaf(
        codec=matching(r"([a-fA-F0-9]{2}:){5}[a-fA-F0-9]{2}", "mac"), default=None
    )
    link: NetLink | None = child(default=None)
    features: list[NetFeature] = children(default_factory=list)
    capabilities: list[NetCapabilityKind] = children(default_factory=list)


@variant("scsi_generic")
class ScsiGenericCapability(NodeDevCapability):
    """``<capability type='scsi_generic'>``: a SCSI generic (sg) device."""

    char: str | None = leaf(doc="its character device")


@element("capability", discriminator="type")
class ScsiHostKind(Model):
    """``<capability type='fc_host'>`` or ``'vport_ops'`` of a SCSI host."""

    type: str | None = attr()


@variant("fc_host")
class FcHostCapability(ScsiHostKind):
    """``<capability type='fc_host'>``: a Fibre Channel HBA and its names."""

    wwnn: Wwn | None = leaf()
    wwpn: Wwn | None = leaf()
    fabric_wwn: Wwn | None = leaf(default=None)


@variant("vport_ops")
class VportOpsCapability(ScsiHostKind):
    """``<capability type='vport_ops'>``: an HBA that can create NPIV virtual ports."""

    max_vports: UInt | None = leaf()
    vports: UInt | None = leaf(doc="virtual ports in use")


@variant("scsi_host")
class ScsiHostCapability(NodeDevCapability):
    """``<capability type='scsi_host'>``: a SCSI host adapter."""

    host: ULong | None = leaf(doc="the host number")
    unique_id: UInt | None = leaf(default=None)
    capabilities: list[ScsiHostKind] = children(default_factory=list)


@element("capability", discriminator="type")
class ScsiTargetKind(Model):
    """``<capability type='fc_remote_port'>`` of a SCSI target."""

    type: str | None = attr()


@variant("fc_remote_port")
class FcRemotePortCapability(ScsiTargetKind):
    """``<capability type='fc_remote_port'>``: a Fibre Channel remote port."""

    rport: str | None = leaf()
    wwpn: Wwn | None = leaf()


@variant("scsi_target")
class ScsiTargetCapability(NodeDevCapability):
    """``<capability type='scsi_target'>``: a SCSI target."""

    target: str | None = leaf()
    capabilities: list[ScsiTargetKind] = children(default_factory=list, max_items=1)


@variant("scsi")
class ScsiCapability(NodeDevCapability):
    """``<capability type='scsi'>``: a SCSI device (a LUN)."""

    host: ULong | None = leaf()
    bus: ULong | None = leaf()
    target: ULong | None = leaf()
    lun: ULong | None = leaf()
    type_: str | None = leaf("type", doc="disk, cdrom...", default=None)


@element("capability", discriminator="type")
class StorageKind(Model):
    """``<capability type='removable'>`` or ``'hotpluggable'`` of a storage device."""

    type: str | None = attr()


@variant("removable", together=(("logical_block_size", "num_blocks"),))
class RemovableCapability(StorageKind):
    """``<capability type='removable'>``: removable media, and the medium in it."""

    media_available: bool | None = leaf(codec=BoolCodec("1", "0"))
    media_size: ULong | None = leaf(doc="bytes")
    media_label: str | None = leaf(default=None)
    logical_block_size: ULong | None = leaf(default=None)
    num_blocks: ULong | None = leaf(default=None)


@variant("hotpluggable")
class HotpluggableCapability(StorageKind):
    """``<capability type='hotpluggable'/>``: the device can be unplugged while running."""


# Fixed media have a size (and, with it, the block size and count),
# removable ones a 'removable' capability instead (with theirs inside); block
# size and count come together. A 'hotpluggable' capability may follow.
@variant(
    "storage",
    one_needed=(("size", "capabilities[removable]"),),
    exclusive=(("size", "capabilities[removable]"),),
    together=(("logical_block_size", "num_blocks"),),
    requires=(("logical_block_size", "size"), ("num_blocks", "size")),
)
class StorageCapability(NodeDevCapability):
    """``<capability type='storage'>``: a block device (a disk, a CD drive)."""

    block: str | None = leaf(codec=DEV_PATH)
    bus: str | None = leaf(default=None)
    drive_type: str | None = leaf(default=None)
    model: str | None = leaf(default=None)
    vendor: str | None = leaf(default=None)
    serial: str | None = leaf(default=None)
    size: ULong | None = leaf(doc="bytes (fixed media)", default=None)
    logical_block_size: ULong | None = leaf(default=None)
    num_blocks: ULong | None = leaf(default=None)
    capabilities: list[StorageKind] = children(
        default_factory=list, max_items=2, slots=(("removable",), ("hotpluggable",))
    )


@variant("drm")
class DrmCapability(NodeDevCapability):
    """``<capability type='drm'>``: a DRM (graphics) device node."""

    type_: DrmType | None = leaf("type")


@element("type")
class MdevType(Model):
    """``<type id='...'/>`` of a mediated device: its type."""

    id: str | None = attr()


@element("iommuGroup")
class MdevIommuGroup(Model):
    """``<iommuGroup number='...'/>`` of a mediated device."""

    number: UInt | None = attr()


@element("attr")
class MdevAttr(Model):
    """``<attr name='...' value='...'/>``: a vendor attribute of a mediated device."""

    name: str | None = attr()
    value: str | None = attr()


@variant("mdev")
class MdevCapability(NodeDevCapability):
    """``<capability type='mdev'>``: a mediated device (a vGPU slice)."""

    type_: MdevType | None = child("type")
    uuid: Uuid | None = leaf(default=None)
    parent_addr: str | None = leaf(doc="the parent's address (s390 AP)", default=None)
    iommu_group: MdevIommuGroup | None = child(default=None)
    attrs: list[MdevAttr] = children(default_factory=list)


@variant("vdpa")
class VdpaCapability(NodeDevCapability):
    """``<capability type='vdpa'>``: a vDPA device."""

    chardev: str | None = leaf(codec=DEV_PATH)
