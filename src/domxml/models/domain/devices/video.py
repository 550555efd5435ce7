"""Device models: <video> (formatdomain)."""

from __future__ import annotations

from domxml.binding import Model, element


@element("video")
class Video(Model):
    """``<video>``: a video card."""
