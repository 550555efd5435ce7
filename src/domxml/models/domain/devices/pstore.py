"""Device models: <pstore> (formatdomain)."""

from __future__ import annotations

from domxml.binding import Model, element


@element("pstore")
class Pstore(Model):
    """``<pstore>``: a pstore device."""
