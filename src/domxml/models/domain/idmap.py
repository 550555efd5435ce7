"""Domain models: <idmap> (formatdomain)."""

from __future__ import annotations

from domxml.binding import Model, element


@element("idmap")
class Idmap(Model):
    """``<idmap>``: container user and group id maps."""
