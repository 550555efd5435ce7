"""Device models: ``<smartcard>`` (formatdomain "Smartcard devices").

The ``mode`` says where the card is: the host's reader (``host``), three
certificates in an NSS database (``host-certificates``), or a remote
reader behind a character device (``passthrough``, whose host side is
:mod:`.chardev`'s).
"""

from __future__ import annotations

import enum

from domxml.binding import (
    Model,
    attr,
    child,
    children,
    depends_on,
    element,
    leaf,
    leaves,
    register_root,
)
from domxml.models.domain.devices.address import Address
from domxml.models.domain.devices.chardev import (
    CharLog,
    CharProtocol,
    CharSource,
    CharType,
    SerialTarget,
)
from domxml.models.domain.devices.common import Alias, DeviceAcpi
from domxml.models.types import AbsDirPath


class SmartcardMode(enum.Enum):
    """Where the smartcard comes from (``<smartcard mode=...>``)."""

    HOST = "host"
    HOST_CERTIFICATES = "host-certificates"
    PASSTHROUGH = "passthrough"


# The declaration order is libvirt's (virDomainSmartcardDefFormat). libvirt
# reads and writes <alias> for every device; the schema has none here.
@element(
    "smartcard",
    without=("alias",),
    depends=(
        depends_on(
            "mode",
            allows={
                SmartcardMode.HOST_CERTIFICATES: ("certificates", "database"),
                SmartcardMode.PASSTHROUGH: ("log", "protocol", "sources", "target", "type"),
            },
            needs={
                SmartcardMode.HOST_CERTIFICATES: ("certificates",),
                SmartcardMode.PASSTHROUGH: ("type",),
            },
        ),
    ),
)
class Smartcard(Model):
    """``<smartcard>``: a smartcard reader on a CCID controller.

    ``host-certificates`` uses ``certificates`` (three, by name in the
    NSS ``database``); ``passthrough`` a character device (``type`` and
    ``sources``, ``protocol``, ``log``).
    """

    mode: SmartcardMode | None = attr()
    type: CharType | None = attr(doc="passthrough: the character device's type", default=None)
    certificates: list[str] = leaves(
        "certificate",
        doc="host-certificates: exactly three",
        default_factory=list,
        min_items=3,
        max_items=3,
    )
    database: AbsDirPath | None = leaf(
        doc="the NSS database directory (default /etc/pki/nssdb)", default=None
    )
    sources: list[CharSource] = children(default_factory=list)
    protocol: CharProtocol | None = child(default=None)
    log: CharLog | None = child(default=None)
    target: SerialTarget | None = child(
        doc="passthrough: allowed by the schema, unused by libvirt", default=None
    )
    alias: Alias | None = child(default=None)
    acpi: DeviceAcpi | None = child(default=None)
    address: Address | None = child(default=None)


register_root(Smartcard)
