"""Device models: ``<rng>`` (formatdomain "Random number generator device").

The ``<backend>`` is one model per ``model``: ``random`` (a host file such
as ``/dev/urandom``), ``egd`` (an EGD daemon reached through a character
device, whose host side is :mod:`.chardev`'s) and ``builtin`` (QEMU's own).
"""

from __future__ import annotations

import enum

from domxml.binding import Model, attr, child, children, element, register_root, text, variant
from domxml.models.domain.devices.address import Address
from domxml.models.domain.devices.chardev import CharLog, CharProtocol, CharSource, CharType
from domxml.models.domain.devices.common import Alias, DeviceAcpi, VirtioDriver
from domxml.models.types import AbsFilePath, PositiveInt


class RngModel(enum.Enum):
    """The guest's RNG device (``<rng model=...>``)."""

    VIRTIO = "virtio"
    VIRTIO_TRANSITIONAL = "virtio-transitional"
    VIRTIO_NON_TRANSITIONAL = "virtio-non-transitional"


class RngBackendModel(enum.Enum):
    """Where the entropy comes from (``<backend model=...>``)."""

    RANDOM = "random"
    EGD = "egd"
    BUILTIN = "builtin"


@element("rate")
class RngRate(Model):
    """``<rate>``: a limit on the entropy the guest may take."""

    bytes: PositiveInt | None = attr(doc="bytes allowed per period")
    period: PositiveInt | None = attr(
        doc="the period, in milliseconds (default 1000)", default=None
    )


@element("backend", discriminator="model")
class RngBackend(Model):
    """``<backend>``: the host source of entropy; the subclass follows ``model``."""

    # Required: each variant declares its value as the default, for type
    # checkers (they do not see the one @variant gives).
    model: RngBackendModel | None = attr()


@variant("random")
class RngRandomBackend(RngBackend):
    """``<backend model='random'>``: a host file; no text means libvirt's default."""

    model: RngBackendModel | None = attr(default=RngBackendModel.RANDOM)
    path: AbsFilePath | None = text(doc="e.g. /dev/urandom, /dev/random, /dev/hwrng", default=None)


@variant("egd")
class RngEgdBackend(RngBackend):
    """``<backend model='egd'>``: an EGD daemon, reached through a character device."""

    model: RngBackendModel | None = attr(default=RngBackendModel.EGD)
    type: CharType | None = attr()
    sources: list[CharSource] = children(default_factory=list)
    protocol: CharProtocol | None = child(default=None)
    log: CharLog | None = child(default=None)


@variant("builtin")
class RngBuiltinBackend(RngBackend):
    """``<backend model='builtin'>``: QEMU's own generator."""

    model: RngBackendModel | None = attr(default=RngBackendModel.BUILTIN)


# The declaration order is libvirt's (virDomainRNGDefFormat).
@element("rng")
class Rng(Model):
    """``<rng>``: a virtio random number generator."""

    model: RngModel | None = attr()
    rate: RngRate | None = child(default=None)
    backend: RngBackend | None = child()
    driver: VirtioDriver | None = child(default=None)
    alias: Alias | None = child(default=None)
    acpi: DeviceAcpi | None = child(default=None)
    address: Address | None = child(default=None)


register_root(Rng)
