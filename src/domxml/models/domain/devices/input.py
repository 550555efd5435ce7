"""Device models: <input> (formatdomain)."""

from __future__ import annotations

from domxml.binding import Model, element


@element("input")
class Input(Model):
    """``<input>``: an input device (mouse, tablet, keyboard...)."""
