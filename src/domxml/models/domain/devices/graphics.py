"""Device models: <graphics> (formatdomain)."""

from __future__ import annotations

from domxml.binding import Model, element


@element("graphics")
class Graphics(Model):
    """``<graphics>``: a graphical framebuffer (VNC, SPICE...)."""
