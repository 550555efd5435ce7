"""Storage pools."""

from __future__ import annotations

from domxml.binding import Model, attr, element, leaf, register_root


@element("pool")
class StoragePool(Model):
    """A libvirt storage pool."""

    type: str | None = attr()
    name: str | None = leaf()


register_root(StoragePool)
