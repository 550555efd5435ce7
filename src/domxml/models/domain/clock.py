"""Domain models: <clock> (formatdomain)."""

from __future__ import annotations

from domxml.binding import Model, element


@element("clock")
class Clock(Model):
    """``<clock>``: the guest clock and its timers."""
