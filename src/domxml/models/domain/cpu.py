"""Domain models: <cpu> (formatdomain)."""

from __future__ import annotations

from domxml.binding import Model, element


@element("cpu")
class Cpu(Model):
    """``<cpu>``: the guest CPU: mode, model, vendor, topology, features, cache, NUMA cells."""
