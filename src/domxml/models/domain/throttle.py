"""Domain models: <throttlegroups> (formatdomain)."""

from __future__ import annotations

from domxml.binding import Model, element


@element("throttlegroups")
class Throttlegroups(Model):
    """``<throttlegroups>``: I/O throttle groups shared by disks."""
