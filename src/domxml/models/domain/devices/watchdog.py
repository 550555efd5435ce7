"""Device models: <watchdog> (formatdomain)."""

from __future__ import annotations

from domxml.binding import Model, element


@element("watchdog")
class Watchdog(Model):
    """``<watchdog>``: a watchdog."""
