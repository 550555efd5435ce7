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

    bytes: int | None = attr(doc="bytes allowed per period")
    period: int | None = attr(doc="the period, in milliseconds (default 1000)")


@element("backend", discriminator="model")
class RngBackend(Model):
    """``<backend>``: the host source of entropy; the subclass follows ``model``."""

    model: RngBackendModel | None = attr()


@variant("random")
class RngRandomBackend(RngBackend):
    """``<backend model='random'>``: a host file; no text means libvirt's default."""

    path: str | None = text(doc="e.g. /dev/urandom, /dev/random, /dev/hwrng")


@variant("egd")
class RngEgdBackend(RngBackend):
    """``<backend model='egd'>``: an EGD daemon, reached through a character device."""

    type: CharType | None = attr()
    sources: list[CharSource] = children()
    protocol: CharProtocol | None = child()
    log: CharLog | None = child()


@variant("builtin")
class RngBuiltinBackend(RngBackend):
    """``<backend model='builtin'>``: QEMU's own generator."""


# The declaration order is libvirt's (virDomainRNGDefFormat).
@element("rng")
class Rng(Model):
    """``<rng>``: a virtio random number generator."""

    model: RngModel | None = attr()
    rate: RngRate | None = child()
    backend: RngBackend | None = child()
    driver: VirtioDriver | None = child()
    alias: Alias | None = child()
    acpi: DeviceAcpi | None = child()
    address: Address | None = child()


register_root(Rng)
