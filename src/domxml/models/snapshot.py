"""Domain snapshots (libvirt's formatsnapshot)."""

from __future__ import annotations

from domxml.binding import Model, element, leaf, register_root


@element("domainsnapshot")
class DomainSnapshot(Model):
    """A libvirt domain snapshot."""

    name: str | None = leaf()


register_root(DomainSnapshot)
