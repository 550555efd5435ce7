"""Device models: ``<crypto>`` (formatdomain "Crypto")."""

from __future__ import annotations

import enum

from domxml.binding import Model, attr, child, element, register_root
from domxml.models.domain.devices.address import Address
from domxml.models.domain.devices.common import Alias, VirtioDriver
from domxml.models.types import PositiveInt


class CryptoModel(enum.Enum):
    """The guest-visible crypto device (``<crypto model=...>``)."""

    VIRTIO = "virtio"


class CryptoType(enum.Enum):
    """Who implements the device (``<crypto type=...>``)."""

    QEMU = "qemu"


class CryptoBackendModel(enum.Enum):
    """Where the cryptography is done (``<backend model=...>``)."""

    BUILTIN = "builtin"
    LKCF = "lkcf"


@element("backend")
class CryptoBackend(Model):
    """``<backend>``: the crypto backend and its queues."""

    model: CryptoBackendModel | None = attr(
        doc="builtin: QEMU's own; lkcf: the host Linux kernel crypto framework"
    )
    queues: PositiveInt | None = attr(default=None)


# The declaration order is libvirt's (virDomainCryptoDefFormat).
@element("crypto")
class Crypto(Model):
    """``<crypto>``: a virtual cryptography accelerator."""

    model: CryptoModel | None = attr()
    type: CryptoType | None = attr()
    backend: CryptoBackend | None = child()
    driver: VirtioDriver | None = child(default=None)
    alias: Alias | None = child(default=None)
    address: Address | None = child(default=None)


register_root(Crypto)
