"""Storage pool capabilities (libvirt's formatstoragecaps): ``<storagepoolCapabilities>``.

What ``virsh pool-capabilities`` says of each pool type: whether the
host supports it, and the formats its sources and volumes take.
"""

from __future__ import annotations

from domxml.binding import Model, attr, child, children, element, register_root
from domxml.models.domaincaps.support import CapsEnum


# Unlike domain capabilities, libvirt writes an empty enum or pool open and closed.
@element("enum", self_close=False)
class PoolCapsEnum(CapsEnum):
    """``<enum name='targetFormatType'>``: the formats a pool's sources or volumes take."""


@element("defaultFormat")
class DefaultFormat(Model):
    """``<defaultFormat type='raw'/>``: the format used when none is given."""

    type: str | None = attr()


@element("poolOptions")
class PoolCapsOptions(Model):
    """``<poolOptions>``: the default and allowed formats of the pool's source."""

    default_format: DefaultFormat | None = child(default=None)
    enums: list[PoolCapsEnum] = children(default_factory=list)


@element("volOptions")
class VolCapsOptions(Model):
    """``<volOptions>``: the default and allowed formats of the pool's volumes."""

    default_format: DefaultFormat | None = child()
    enums: list[PoolCapsEnum] = children(default_factory=list)


@element("pool", self_close=False)
class PoolCaps(Model):
    """``<pool type='dir' supported='yes'>``: one pool type's support and formats."""

    type: str | None = attr(doc="the pool type: dir, fs, logical...")
    supported: bool | None = attr()
    pool_options: PoolCapsOptions | None = child("poolOptions", default=None)
    vol_options: VolCapsOptions | None = child(default=None)


@element("storagepoolCapabilities")
class StoragePoolCapabilities(Model):
    """The storage pool types the host supports and their formats."""

    pools: list[PoolCaps] = children(default_factory=list)

    def supported_types(self) -> list[str]:
        """The pool types the host supports, in libvirt's order."""
        return [p.type for p in self.pools if p.supported and p.type is not None]


register_root(StoragePoolCapabilities)
