"""Security labels (formatdomain "Security label").

For now the per-device override only: the ``<seclabel>`` inside a disk's
or a chardev's ``<source>``. The domain-wide ``<seclabel>`` is untyped yet.
"""

from __future__ import annotations

from domxml.binding import Model, attr, element, leaves


@element("seclabel")
class DeviceSeclabel(Model):
    """``<seclabel>`` of a device source: overrides the domain's label for one path.

    Either ``relabel=False`` (leave the path alone), or ``labels`` to use;
    ``labelskip`` is output only (libvirt skipped the relabelling).
    """

    model: str | None = attr(doc="the security driver: selinux, apparmor, dac", default=None)
    labelskip: bool | None = attr(default=None)
    relabel: bool | None = attr(default=None)
    labels: list[str] = leaves("label", default_factory=list)
