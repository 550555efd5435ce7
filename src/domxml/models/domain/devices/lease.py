"""Device models: <lease> (formatdomain)."""

from __future__ import annotations

from domxml.binding import Model, element


@element("lease")
class Lease(Model):
    """``<lease>``: a lock manager lease."""
