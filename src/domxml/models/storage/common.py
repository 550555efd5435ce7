"""Pieces shared by storage pools and volumes (libvirt's storagecommon.rng).

Sizes, permissions, extents and volume encryption appear in both documents,
and encryption also inside a domain's disks.
"""

from __future__ import annotations

import enum
from typing import Any

from domxml.binding import INT, Codec, Model, attr, child, children, element, leaf, text
from domxml.models.types import UInt, ULong, Unit, Uuid


class OctalCodec(Codec):
    """A file mode in octal, written ``0%o`` as libvirt does (``0700``, ``00``)."""

    python_type = int

    def decode(self, text: str) -> int:
        return int(text.strip(), 8)

    def encode(self, value: Any) -> str:
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(f"expected int, got {type(value).__name__}")
        return f"0{value:o}"


#: File modes (``<mode>0644</mode>``): octal, unlike every other integer.
OCTAL = OctalCodec()


@element("capacity")
class ScaledInteger(Model):
    """A size: an integer and its ``unit`` (libvirt's scaledInteger).

    One class serves ``<capacity>``, ``<allocation>``, ``<available>``,
    ``<physical>`` and ``<clusterSize>``. ``unit`` is kept as written
    (``bytes``, ``G``, ``GiB``, ``KB``...; libvirt's own output says
    ``bytes``, or ``B`` for a cluster size); no unit means bytes.
    """

    unit: Unit | None = attr(
        doc="b, bytes, k/KiB (1024), KB (1000), M, G, T, P, E...", default=None
    )
    value: ULong = text(doc="the number of units")


@element("extent")
class Extent(Model):
    """A byte range of a device: ``<extent>`` of a volume, ``<freeExtent>`` of a pool."""

    start: ULong | None = attr()
    end: ULong | None = attr()


@element("nocow")
class Flag(Model):
    """An empty element whose presence is the setting (``<nocow/>``, ``<lazy_refcounts/>``)."""


@element("permissions")
class Permissions(Model):
    """``<permissions>``: mode, owner, group and security label of a path."""

    mode: int | None = leaf(
        codec=OCTAL.within(0, 0o7777), doc="octal file mode, e.g. 0o755", default=None
    )
    owner: int | None = leaf(
        doc="numeric user id; -1 leaves it unset", default=None, codec=INT.within(-1, 4294967295)
    )
    group: int | None = leaf(
        doc="numeric group id; -1 leaves it unset", default=None, codec=INT.within(-1, 4294967295)
    )
    label: str | None = leaf(doc="security (SELinux) label", default=None)


class EncryptionFormat(enum.Enum):
    """How a volume is encrypted (``<encryption format=...>``)."""

    DEFAULT = "default"
    QCOW = "qcow"
    LUKS = "luks"
    LUKS2 = "luks2"
    LUKS_ANY = "luks-any"


class EncryptionEngine(enum.Enum):
    """Which component does the encryption (``<encryption engine=...>``)."""

    QEMU = "qemu"
    LIBRBD = "librbd"


class EncryptionSecretType(enum.Enum):
    """What an encryption secret holds."""

    PASSPHRASE = "passphrase"


@element("secret", exclusive=(("uuid", "usage"),), one_needed=(("uuid", "usage"),))
class EncryptionSecret(Model):
    """``<secret>`` of an encryption: a libvirt secret named by ``uuid`` or ``usage``."""

    type: EncryptionSecretType | None = attr()
    uuid: Uuid | None = attr(default=None)
    usage: str | None = attr(default=None)


@element("cipher", together=(("mode", "hash"),))
class Cipher(Model):
    """``<cipher>``: the LUKS cipher to create a volume with; ``mode`` comes with ``hash``."""

    name: str | None = attr(doc="e.g. aes, serpent, twofish")
    size: UInt | None = attr(doc="key size in bits")
    mode: str | None = attr(doc="e.g. cbc, xts", default=None)
    hash: str | None = attr(doc="e.g. sha256", default=None)


@element("ivgen")
class Ivgen(Model):
    """``<ivgen>``: the LUKS initialisation vector generator."""

    name: str | None = attr(doc="e.g. plain, plain64, essiv")
    hash: str | None = attr(default=None)


# libvirt writes <encryption format='luks'>\n</encryption> when it has no secret.
@element(
    "encryption",
    self_close=False,
    together=(("cipher", "ivgen"),),
    requires=(("cipher", "secrets"),),
)
class Encryption(Model):
    """``<encryption>``: how a volume's data is encrypted, and with which secrets.

    ``<cipher>`` and ``<ivgen>`` (the LUKS parameters) come together, and
    only with at least one secret.
    """

    format: EncryptionFormat | None = attr()
    engine: EncryptionEngine | None = attr(default=None)
    secrets: list[EncryptionSecret] = children(default_factory=list)
    cipher: Cipher | None = child(default=None)
    ivgen: Ivgen | None = child(default=None)
