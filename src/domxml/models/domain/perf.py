"""Domain models: <perf> (formatdomain)."""

from __future__ import annotations

from domxml.binding import Model, element


@element("perf")
class Perf(Model):
    """``<perf>``: perf events to monitor."""
