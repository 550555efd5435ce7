"""Device models: <vsock> (formatdomain)."""

from __future__ import annotations

from domxml.binding import Model, element


@element("vsock")
class Vsock(Model):
    """``<vsock>``: a virtio VSOCK."""
