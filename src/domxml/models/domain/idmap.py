"""User namespace id maps of a container (formatdomain "Container boot"): ``<idmap>``."""

from __future__ import annotations

from domxml.binding import Model, attr, children, element
from domxml.models.types import UInt


@element("uid")
class IdRange(Model):
    """``<uid>`` and ``<gid>``: ``count`` ids from ``start`` in the container map to ``target``."""

    start: UInt | None = attr(doc="the first id inside the container")
    target: UInt | None = attr(doc="the host id the first one maps to")
    count: UInt | None = attr()


@element("idmap")
class Idmap(Model):
    """``<idmap>``: container user and group id maps."""

    uids: list[IdRange] = children("uid", default_factory=list)
    gids: list[IdRange] = children("gid", default_factory=list)
