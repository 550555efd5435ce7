"""Device models: <controller> (formatdomain)."""

from __future__ import annotations

from domxml.binding import Model, element


@element("controller")
class Controller(Model):
    """``<controller>``: a bus controller (PCI, USB, SCSI, SATA, virtio-serial...)."""
