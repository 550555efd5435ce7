"""Device models: <interface> (formatdomain)."""

from __future__ import annotations

from domxml.binding import Model, element


@element("interface")
class Interface(Model):
    """``<interface>``: a network interface."""
