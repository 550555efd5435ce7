"""Device models: <smartcard> (formatdomain)."""

from __future__ import annotations

from domxml.binding import Model, element


@element("smartcard")
class Smartcard(Model):
    """``<smartcard>``: a smartcard reader."""
