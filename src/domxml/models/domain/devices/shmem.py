"""Device models: <shmem> (formatdomain)."""

from __future__ import annotations

from domxml.binding import Model, element


@element("shmem")
class Shmem(Model):
    """``<shmem>``: a shared memory device."""
