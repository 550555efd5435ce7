"""``<address>``: where a device sits on its bus (formatdomain "Device Addresses").

One model per address ``type``, chosen by the engine from that attribute.
The integer codecs write the values as libvirt's formatter does (PCI
``domain='0x0000' bus='0x00' slot='0x01' function='0x0'``...); a parsed
value keeps its written form until changed.
"""

from __future__ import annotations

import enum
import re

from domxml.binding import (
    HEX2,
    HEX4,
    INT,
    ON_OFF,
    IntCodec,
    Model,
    attr,
    child,
    element,
    matching,
    variant,
)
from domxml.models.types import UInt

_PCI_TEXT = re.compile(r"(?:([0-9a-fA-F]{1,4}):)?([0-9a-fA-F]{1,2}):([0-9a-fA-F]{1,2})\.([0-7])")
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

    uid: int | None = attr(codec=HEX4.within(0, 65535), default=None)
    fid: int | None = attr(codec=HEX8.within(0, 4294967295), default=None)


@element("address", discriminator="type")
class Address(Model):
    """``<address>``: a device address; the subclass follows ``type``."""

    # Required: each variant declares its value as the default, for type
    # checkers (they do not see the one @variant gives).
    type: AddressType | None = attr()


@variant("pci")
class PciAddress(Address):
    """``<address type='pci'>``: domain, bus, slot and function."""

    type: AddressType | None = attr(default=AddressType.PCI)
    domain: int | None = attr(codec=HEX4.within(0, 4294967295), default=None)
    bus: int | None = attr(codec=HEX2.within(0, 255), default=None)
    slot: int | None = attr(codec=HEX2.within(0, 31), default=None)
    function: int | None = attr(codec=HEX.within(0, 7), default=None)
    multifunction: bool | None = attr(codec=ON_OFF, default=None)
    zpci: Zpci | None = child(default=None)

    @classmethod
    def of(cls, text: str) -> PciAddress:
        """The address of ``"0000:00:02.0"`` (or ``"00:02.0"``), as lspci prints it."""
        match = _PCI_TEXT.fullmatch(text.strip())
        if match is None:
            raise ValueError(f"not a PCI address: {text!r} (expected e.g. '0000:00:02.0')")
        domain, bus, slot, function = match.groups()
        return cls(
            domain=int(domain or "0", 16),
            bus=int(bus, 16),
            slot=int(slot, 16),
            function=int(function, 16),
        )


@variant("drive")
class DriveAddress(Address):
    """``<address type='drive'>``: a disk controller's bus, target and unit."""

    type: AddressType | None = attr(default=AddressType.DRIVE)
    controller: int | None = attr(default=None, codec=INT.within(0, 99))
    bus: int | None = attr(default=None, codec=INT.within(0, 99))
    target: int | None = attr(default=None, codec=INT.within(0, 99))
    unit: int | None = attr(default=None, codec=INT.within(0, 99999))


@variant("virtio-serial")
class VirtioSerialAddress(Address):
    """``<address type='virtio-serial'>``: a port on a virtio-serial controller."""

    type: AddressType | None = attr(default=AddressType.VIRTIO_SERIAL)
    controller: int | None = attr(codec=INT.within(0, 99))
    bus: int | None = attr(default=None, codec=INT.within(0, 99))
    port: int | None = attr(default=None, codec=INT.within(0, 99))


@variant("ccid")
class CcidAddress(Address):
    """``<address type='ccid'>``: a slot on a smartcard (CCID) controller."""

    type: AddressType | None = attr(default=AddressType.CCID)
    controller: int | None = attr(codec=INT.within(0, 99))
    slot: int | None = attr(default=None, codec=INT.within(0, 99))


@variant("usb")
class UsbAddress(Address):
    """``<address type='usb'>``: a USB bus and port (``port`` may be a path: ``1.2``)."""

    type: AddressType | None = attr(default=AddressType.USB)
    bus: int | None = attr(codec=INT.within(0, 999))
    port: str | None = attr(
        default=None,
        codec=matching(
            r"(?:[0-9]{1,2})|(?:((0x)?[0-9a-fA-F]{1,3}\.){0,3}(0x)?[0-9a-fA-F]{1,3})",
            "usbPort/virtioserialPort",
        ),
    )


@variant("spapr-vio")
class SpaprVioAddress(Address):
    """``<address type='spapr-vio'>``: a PowerPC pSeries VIO register."""

    type: AddressType | None = attr(default=AddressType.SPAPR_VIO)
    reg: int | None = attr(codec=HEX8.within(0, 4294967295), default=None)


@variant("ccw", together=(("cssid", "ssid", "devno"),))
class CcwAddress(Address):
    """``<address type='ccw'>``: an s390 channel subsystem id, subchannel set and device.

    The three come together, or not at all.
    """

    type: AddressType | None = attr(default=AddressType.CCW)
    cssid: int | None = attr(codec=HEX.within(0, 254), default=None)
    ssid: int | None = attr(codec=HEX.within(0, 3), default=None)
    devno: int | None = attr(codec=HEX4.within(0, 65535), default=None)


@variant("isa")
class IsaAddress(Address):
    """``<address type='isa'>``: an ISA I/O port base and IRQ."""

    type: AddressType | None = attr(default=AddressType.ISA)
    iobase: int | None = attr(codec=HEX.within(0, 65535), default=None)
    irq: int | None = attr(codec=HEX.within(0, 15), default=None)


@variant("virtio-mmio")
class VirtioMmioAddress(Address):
    """``<address type='virtio-mmio'>``: a virtio-mmio transport slot."""

    type: AddressType | None = attr(default=AddressType.VIRTIO_MMIO)


@variant("dimm")
class DimmAddress(Address):
    """``<address type='dimm'>``: a memory slot and base address."""

    type: AddressType | None = attr(default=AddressType.DIMM)
    slot: UInt | None = attr(default=None)
    base: int | None = attr(codec=HEX.within(0, 18446744073709551615), default=None)


@variant("unassigned")
class UnassignedAddress(Address):
    """``<address type='unassigned'>``: a host device given to no guest bus."""

    type: AddressType | None = attr(default=AddressType.UNASSIGNED)
