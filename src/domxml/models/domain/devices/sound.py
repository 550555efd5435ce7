"""Device models: <sound> (formatdomain)."""

from __future__ import annotations

from domxml.binding import Model, element


@element("sound")
class Sound(Model):
    """``<sound>``: a sound card."""
