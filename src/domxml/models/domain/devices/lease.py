"""Device models: ``<lease>`` (formatdomain "Device leases")."""

from __future__ import annotations

from domxml.binding import Model, attr, child, element, leaf, register_root
from domxml.models.types import UInt


@element("target")
class LeaseTarget(Model):
    """``<target>``: the file holding the lease."""

    path: str | None = attr()
    offset: UInt | None = attr(doc="bytes into the file where the lease is", default=None)


# The declaration order is libvirt's (virDomainLeaseDefFormat).
@element("lease")
class Lease(Model):
    """``<lease>``: a lock manager lease the guest must hold to run."""

    lockspace: str | None = leaf(doc="the lockspace the key belongs to")
    key: str | None = leaf(doc="the lease's unique key")
    target: LeaseTarget | None = child()


register_root(Lease)
