"""Device models: <crypto> (formatdomain)."""

from __future__ import annotations

from domxml.binding import Model, element


@element("crypto")
class Crypto(Model):
    """``<crypto>``: a crypto device."""
