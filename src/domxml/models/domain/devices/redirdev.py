"""Device models: ``<redirdev>`` and ``<redirfilter>`` (formatdomain "Redirected devices").

A ``<redirdev>`` is a USB device on the client side of a SPICE connection
(``type='spicevmc'``) or behind a character device (``tcp``, ``unix``...),
whose host side is :mod:`.chardev`'s. ``<redirfilter>`` says which USB
devices may be redirected.
"""

from __future__ import annotations

import enum
from typing import Any

from domxml.binding import IntCodec, Model, attr, child, children, element, matching, register_root
from domxml.models.domain.devices.address import Address
from domxml.models.domain.devices.chardev import CharLog, CharProtocol, CharSource, CharType
from domxml.models.domain.devices.common import Alias, DeviceAcpi, DeviceBoot


class RedirdevBus(enum.Enum):
    """The bus of a redirected device (``<redirdev bus=...>``); libvirt knows USB only."""

    USB = "usb"


class UsbFilterId(IntCodec):
    """A USB class, vendor or product id of a filter rule: ``-1`` means any.

    libvirt writes the ids in upper-case hexadecimal (``0x%04X``), unlike
    device addresses.
    """

    def encode(self, value: Any) -> str:
        """Write ``value`` as libvirt does: ``0x15E1``, or ``-1``."""
        text = super().encode(value)
        return str(value) if value < 0 else "0x" + text[2:].upper()


USB_CLASS = UsbFilterId(2)
USB_ID = UsbFilterId(4)


# The declaration order is libvirt's (virDomainRedirdevDefFormat). libvirt
# reads and writes <acpi> for every device; the schema has none here.
@element("redirdev", without=("acpi",))
class Redirdev(Model):
    """``<redirdev>``: a USB device redirected from a SPICE client or a character device."""

    bus: RedirdevBus | None = attr()
    type: CharType | None = attr(doc="spicevmc, or the character device's type")
    sources: list[CharSource] = children(default_factory=list)
    protocol: CharProtocol | None = child(default=None)
    log: CharLog | None = child(default=None)
    boot: DeviceBoot | None = child(default=None)
    alias: Alias | None = child(default=None)
    acpi: DeviceAcpi | None = child(default=None)
    address: Address | None = child(default=None)


@element("usbdev")
class RedirfilterUsbdev(Model):
    """``<usbdev>``: a filter rule; the first rule that matches a device decides.

    Each of ``class_``, ``vendor``, ``product`` and ``version`` is absent or
    ``-1`` (any) unless the rule restricts it.
    """

    class_: int | None = attr(
        "class", codec=USB_CLASS.within(-1, 255), doc="the USB device class", default=None
    )
    vendor: int | None = attr(codec=USB_ID.within(-1, 65535), default=None)
    product: int | None = attr(codec=USB_ID.within(-1, 65535), default=None)
    version: str | None = attr(
        doc="the device's USB revision (bcdDevice), e.g. 1.10",
        default=None,
        codec=matching(r"(?:[0-9]{1,2}[^\n\r][0-9]{1,2})|(?:-1)", "usbIdDefault/usbVersion"),
    )
    allow: bool | None = attr()


@element("redirfilter")
class Redirfilter(Model):
    """``<redirfilter>``: the rules deciding which USB devices may be redirected."""

    usbdevs: list[RedirfilterUsbdev] = children(default_factory=list)


register_root(Redirdev)
register_root(Redirfilter)
