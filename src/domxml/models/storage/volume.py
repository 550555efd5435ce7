"""Storage volumes."""

from __future__ import annotations

from domxml.binding import Model, attr, element, leaf, register_root


@element("volume")
class StorageVolume(Model):
    """A libvirt storage volume."""

    type: str | None = attr()
    name: str | None = leaf()


register_root(StorageVolume)
