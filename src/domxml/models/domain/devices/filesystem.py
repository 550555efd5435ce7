"""Device models: <filesystem> (formatdomain)."""

from __future__ import annotations

from domxml.binding import Model, element


@element("filesystem")
class Filesystem(Model):
    """``<filesystem>``: a host directory or file system shared with the guest."""
