"""Device models: <redirdev>, <redirfilter> (formatdomain)."""

from __future__ import annotations

from domxml.binding import Model, element


@element("redirdev")
class Redirdev(Model):
    """``<redirdev>``: a redirected USB device."""


@element("redirfilter")
class Redirfilter(Model):
    """``<redirfilter>``: the filter of redirected USB devices."""
