"""Device models: <memballoon> (formatdomain)."""

from __future__ import annotations

from domxml.binding import Model, element


@element("memballoon")
class Memballoon(Model):
    """``<memballoon>``: the memory balloon."""
