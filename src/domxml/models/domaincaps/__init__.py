"""Domain capabilities (``virsh domcapabilities``): :class:`DomainCapabilities`."""

from domxml.models.domaincaps.cpu import (
    Blocker,
    Blockers,
    CpuCaps,
    CpuModeCaps,
    CpuModelUsability,
    CustomCaps,
    CustomCpuModel,
    HostModelCaps,
    HostPassthroughCaps,
    MaximumCaps,
)
from domxml.models.domaincaps.domaincaps import (
    DevicesCaps,
    DomainCapabilities,
    LoaderCaps,
    OsCaps,
    VcpuCaps,
)
from domxml.models.domaincaps.features import (
    FeaturesCaps,
    HypervCaps,
    HypervDefaults,
    SevCaps,
    SgxCaps,
    SgxSection,
    SgxSections,
    SgxSectionSize,
)
from domxml.models.domaincaps.support import CapsEnum, Support, SupportedEnums

__all__ = [
    "Blocker",
    "Blockers",
    "CapsEnum",
    "CpuCaps",
    "CpuModeCaps",
    "CpuModelUsability",
    "CustomCaps",
    "CustomCpuModel",
    "DevicesCaps",
    "DomainCapabilities",
    "FeaturesCaps",
    "HostModelCaps",
    "HostPassthroughCaps",
    "HypervCaps",
    "HypervDefaults",
    "LoaderCaps",
    "MaximumCaps",
    "OsCaps",
    "SevCaps",
    "SgxCaps",
    "SgxSection",
    "SgxSectionSize",
    "SgxSections",
    "Support",
    "SupportedEnums",
    "VcpuCaps",
]
