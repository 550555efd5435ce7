"""Device models: <hub> (formatdomain)."""

from __future__ import annotations

from domxml.binding import Model, element


@element("hub")
class Hub(Model):
    """``<hub>``: a USB hub."""
