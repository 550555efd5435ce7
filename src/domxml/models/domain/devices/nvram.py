"""Device models: <nvram> (formatdomain)."""

from __future__ import annotations

from domxml.binding import Model, element


@element("nvram")
class NvramDevice(Model):
    """``<nvram>``: the pSeries NVRAM device."""
