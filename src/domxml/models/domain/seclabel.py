"""Security labels (formatdomain "Security label").

The per-device override: the ``<seclabel>`` inside a disk's or a
chardev's ``<source>``. The domain-wide ``<seclabel>`` is
:class:`~domxml.models.domain.security.Seclabel`.
"""

from __future__ import annotations

from domxml.binding import YES_NO, Model, attr, depends_on, element, leaves


# The schema (devSeclabel) has three forms: relabel='no' alone,
# labelskip='yes' alone (output only), or labels (relabel='yes' at most).
@element(
    "seclabel",
    exclusive=(("relabel", "labelskip"), ("labelskip", "labels")),
    one_needed=(("relabel", "labelskip", "labels"),),
    depends=(
        depends_on(
            "relabel",
            allows={None: ("labelskip", "labels"), True: ("labels",)},
            needs={True: ("labels",)},
        ),
    ),
)
class DeviceSeclabel(Model):
    """``<seclabel>`` of a device source: overrides the domain's label for one path.

    Either ``relabel=False`` (leave the path alone), or ``labels`` to use;
    ``labelskip`` is output only (libvirt skipped the relabelling).
    """

    model: str | None = attr(doc="the security driver: selinux, apparmor, dac", default=None)
    labelskip: bool | None = attr(default=None, codec=YES_NO.only(True))
    relabel: bool | None = attr(default=None)
    labels: list[str] = leaves("label", default_factory=list)
