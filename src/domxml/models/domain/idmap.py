"""User namespace id maps of a container (formatdomain "Container boot"): ``<idmap>``."""

from __future__ import annotations

from domxml.binding import Model, attr, children, element


@element("uid")
class IdRange(Model):
    """``<uid>`` and ``<gid>``: ``count`` ids from ``start`` in the container map to ``target``."""

    start: int | None = attr(doc="the first id inside the container", default=None)
    target: int | None = attr(doc="the host id the first one maps to", default=None)
    count: int | None = attr(default=None)


@element("idmap")
class Idmap(Model):
    """``<idmap>``: container user and group id maps."""

    uids: list[IdRange] = children("uid", default_factory=list)
    gids: list[IdRange] = children("gid", default_factory=list)
