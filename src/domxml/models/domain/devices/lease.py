"""Device models: ``<lease>`` (formatdomain "Device leases")."""

from __future__ import annotations

from domxml.binding import Model, attr, child, element, leaf, register_root


@element("target")
class LeaseTarget(Model):
    """``<target>``: the file holding the lease."""

    path: str | None = attr(default=None)
    offset: int | None = attr(doc="bytes into the file where the lease is", default=None)


# The declaration order is libvirt's (virDomainLeaseDefFormat).
@element("lease")
class Lease(Model):
    """``<lease>``: a lock manager lease the guest must hold to run."""

    lockspace: str | None = leaf(doc="the lockspace the key belongs to", default=None)
    key: str | None = leaf(doc="the lease's unique key", default=None)
    target: LeaseTarget | None = child(default=None)


register_root(Lease)
