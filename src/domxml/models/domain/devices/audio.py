"""Device models: <audio> (formatdomain)."""

from __future__ import annotations

from domxml.binding import Model, element


@element("audio")
class Audio(Model):
    """``<audio>``: an audio backend."""
