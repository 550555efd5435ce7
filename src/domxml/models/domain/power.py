"""Domain models: <pm> (formatdomain)."""

from __future__ import annotations

from domxml.binding import Model, element


@element("pm")
class Pm(Model):
    """``<pm>``: guest power management (suspend to memory or disk)."""
