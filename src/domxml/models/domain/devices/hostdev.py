"""Device models: <hostdev> (formatdomain)."""

from __future__ import annotations

from domxml.binding import Model, element


@element("hostdev")
class Hostdev(Model):
    """``<hostdev>``: a host device given to the guest."""
