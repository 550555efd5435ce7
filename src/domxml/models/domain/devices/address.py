"""``<address>``: where a device sits on its bus (formatdomain "Device Addresses").

One model per address ``type``, chosen by the engine from that attribute.
The integer codecs write the values as libvirt's formatter does (PCI
``domain='0x0000' bus='0x00' slot='0x01' function='0x0'``...); a parsed
value keeps its written form until changed.
"""

from __future__ import annotations

import enum

from domxml.binding import HEX2, HEX4, ON_OFF, IntCodec, Model, attr, child, element, variant

HEX = IntCodec(1)  # 0x%x: as short as the value allows
HEX8 = IntCodec(8)


class AddressType(enum.Enum):
    """The bus an ``<address>`` is on."""

    PCI = "pci"
    DRIVE = "drive"
    VIRTIO_SERIAL = "virtio-serial"
    CCID = "ccid"
    USB = "usb"
    SPAPR_VIO = "spapr-vio"
    CCW = "ccw"
    ISA = "isa"
    VIRTIO_MMIO = "virtio-mmio"
    DIMM = "dimm"
    UNASSIGNED = "unassigned"


@element("zpci")
class Zpci(Model):
    """``<zpci>``: the s390 zPCI identifiers of a PCI device."""

    uid: int | None = attr(codec=HEX4)
    fid: int | None = attr(codec=HEX8)


@element("address", discriminator="type")
class Address(Model):
    """``<address>``: a device address; the subclass follows ``type``."""

    type: AddressType | None = attr()


@variant("pci")
class PciAddress(Address):
    """``<address type='pci'>``: domain, bus, slot and function."""

    domain: int | None = attr(codec=HEX4)
    bus: int | None = attr(codec=HEX2)
    slot: int | None = attr(codec=HEX2)
    function: int | None = attr(codec=HEX)
    multifunction: bool | None = attr(codec=ON_OFF)
    zpci: Zpci | None = child()


@variant("drive")
class DriveAddress(Address):
    """``<address type='drive'>``: a disk controller's bus, target and unit."""

    controller: int | None = attr()
    bus: int | None = attr()
    target: int | None = attr()
    unit: int | None = attr()


@variant("virtio-serial")
class VirtioSerialAddress(Address):
    """``<address type='virtio-serial'>``: a port on a virtio-serial controller."""

    controller: int | None = attr()
    bus: int | None = attr()
    port: int | None = attr()


@variant("ccid")
class CcidAddress(Address):
    """``<address type='ccid'>``: a slot on a smartcard (CCID) controller."""

    controller: int | None = attr()
    slot: int | None = attr()


@variant("usb")
class UsbAddress(Address):
    """``<address type='usb'>``: a USB bus and port (``port`` may be a path: ``1.2``)."""

    bus: int | None = attr()
    port: str | None = attr()


@variant("spapr-vio")
class SpaprVioAddress(Address):
    """``<address type='spapr-vio'>``: a PowerPC pSeries VIO register."""

    reg: int | None = attr(codec=HEX8)


@variant("ccw")
class CcwAddress(Address):
    """``<address type='ccw'>``: an s390 channel subsystem id, subchannel set and device."""

    cssid: int | None = attr(codec=HEX)
    ssid: int | None = attr(codec=HEX)
    devno: int | None = attr(codec=HEX4)


@variant("isa")
class IsaAddress(Address):
    """``<address type='isa'>``: an ISA I/O port base and IRQ."""

    iobase: int | None = attr(codec=HEX)
    irq: int | None = attr(codec=HEX)


@variant("virtio-mmio")
class VirtioMmioAddress(Address):
    """``<address type='virtio-mmio'>``: a virtio-mmio transport slot."""


@variant("dimm")
class DimmAddress(Address):
    """``<address type='dimm'>``: a memory slot and base address."""

    slot: int | None = attr()
    base: int | None = attr(codec=HEX)


@variant("unassigned")
class UnassignedAddress(Address):
    """``<address type='unassigned'>``: a host device given to no guest bus."""
