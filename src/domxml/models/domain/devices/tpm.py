"""Device models: <tpm> (formatdomain)."""

from __future__ import annotations

from domxml.binding import Model, element


@element("tpm")
class Tpm(Model):
    """``<tpm>``: a TPM."""
