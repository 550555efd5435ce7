"""Secrets (libvirt's formatsecret): ``<secret>``.

A secret holds a passphrase or key that libvirt hands to a disk, a
storage pool, TLS or a vTPM; the document describes it and says what it
is used for (``<usage>``), never the value itself.
"""

from __future__ import annotations

from domxml.binding import Model, attr, child, element, leaf, register_root, variant
from domxml.models.types import AbsFilePath, ObjectName, Uuid


@element("usage", discriminator="type")
class SecretUsage(Model):
    """``<usage type='...'>``: what the secret is for."""

    type: str | None = attr(doc="volume, ceph, iscsi, tls or vtpm")


@variant("volume")
class VolumeUsage(SecretUsage):
    """``<usage type='volume'>``: the passphrase of an encrypted volume."""

    volume: AbsFilePath | None = leaf()


@variant("ceph")
class CephUsage(SecretUsage):
    """``<usage type='ceph'>``: a Ceph (RBD) client key."""

    name: ObjectName | None = leaf()


@variant("iscsi")
class IscsiUsage(SecretUsage):
    """``<usage type='iscsi'>``: the CHAP password of an iSCSI target."""

    target: ObjectName | None = leaf()


@variant("tls")
class TlsUsage(SecretUsage):
    """``<usage type='tls'>``: the passphrase of a TLS key."""

    name: ObjectName | None = leaf()


@variant("vtpm")
class VtpmUsage(SecretUsage):
    """``<usage type='vtpm'>``: the state encryption key of a vTPM."""

    name: ObjectName | None = leaf()


# The declaration order is libvirt's (virSecretDefFormat).
@element("secret")
class Secret(Model):
    """A libvirt secret: its id, description and usage."""

    ephemeral: bool | None = attr(doc="kept in memory only", default=None)
    private: bool | None = attr(doc="its value cannot be read back", default=None)
    uuid: Uuid | None = leaf(default=None)
    description: str | None = leaf(default=None)
    usage: SecretUsage | None = child(default=None)


register_root(Secret)
