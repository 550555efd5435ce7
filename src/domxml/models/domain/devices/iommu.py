"""Device models: <iommu> (formatdomain)."""

from __future__ import annotations

from domxml.binding import Model, element


@element("iommu")
class Iommu(Model):
    """``<iommu>``: an IOMMU."""
