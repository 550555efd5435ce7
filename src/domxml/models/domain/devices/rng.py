"""Device models: <rng> (formatdomain)."""

from __future__ import annotations

from domxml.binding import Model, element


@element("rng")
class Rng(Model):
    """``<rng>``: a random number generator."""
