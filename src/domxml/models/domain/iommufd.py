"""The host's IOMMUFD interface for the domain's devices (formatdomain ``<iommufd>``).

libvirt 12.x: ``<iommufd enabled='yes'/>`` makes QEMU use the kernel's
``/dev/iommu`` for passed-through devices; a device opts in with the
``iommufd=`` attribute of its ``<driver>``.
"""

from __future__ import annotations

from domxml.binding import Model, attr, element

__all__ = ["Iommufd"]


@element("iommufd")
class Iommufd(Model):
    """``<iommufd>``: whether the domain uses IOMMUFD, and a pre-opened descriptor."""

    enabled: bool | None = attr(doc="yes: use IOMMUFD")
    fdgroup: str | None = attr(
        doc="the name of a file descriptor group handed to libvirt, holding /dev/iommu",
        default=None,
    )
