"""What a libvirt version's schema lacks, for the strategies: see :mod:`domxml.tools.since`."""

from __future__ import annotations

from domxml.tools.since import Unavailable, resolve, unavailable

__all__ = ["Unavailable", "resolve", "unavailable"]
