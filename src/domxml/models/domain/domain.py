"""The domain root element."""

from __future__ import annotations

from domxml.binding import Model, attr, element, leaf, register_root


@element("domain")
class Domain(Model):
    """A libvirt domain (virtual machine)."""

    type: str | None = attr()
    name: str | None = leaf()


register_root(Domain)
