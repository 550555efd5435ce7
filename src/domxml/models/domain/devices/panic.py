"""Device models: <panic> (formatdomain)."""

from __future__ import annotations

from domxml.binding import Model, element


@element("panic")
class Panic(Model):
    """``<panic>``: a panic device."""
