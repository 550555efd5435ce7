"""Device models: <disk> (formatdomain)."""

from __future__ import annotations

from domxml.binding import Model, element


@element("disk")
class Disk(Model):
    """``<disk>``: a disk, CD-ROM, floppy or LUN."""
