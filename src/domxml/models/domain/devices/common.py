"""Pieces every device may carry: ``<alias>``, ``<boot>``, ``<acpi>``, ``<rom>``.

And ``<driver>`` holding only libvirt's virtio options, which several virtio
devices (memory balloon, RNG, vsock, crypto...) share; and the Xen
``<backenddomain>`` of disks and interfaces.
"""

from __future__ import annotations

from domxml.binding import ON_OFF, Model, attr, element, matching
from domxml.models.types import AbsFilePath, CpuSet, ObjectNameWithSlash, PositiveInt, UInt


@element("alias")
class Alias(Model):
    """``<alias>``: the device's name, ``ua-`` prefixed when the user chose it."""

    name: str | None = attr(codec=matching(r"[a-zA-Z0-9_\-.]+", "aliasName"))


@element("boot")
class DeviceBoot(Model):
    """``<boot>``: the device's place in the boot order."""

    order: PositiveInt | None = attr()
    loadparm: str | None = attr(
        doc="s390: the boot menu entry to load",
        default=None,
        codec=matching(r"[a-zA-Z0-9. \t\n\r]{1,8}", "deviceBoot"),  # XML Schema's \s: ASCII only
    )


@element("acpi")
class DeviceAcpi(Model):
    """``<acpi>``: the device's ACPI index (the guest's stable interface name) and NUMA nodes."""

    index: UInt | None = attr(default=None)
    nodeset: CpuSet | None = attr(
        doc="the guest NUMA nodes of the device (ACPI Generic Initiator; libvirt 12.x)",
        default=None,
    )


@element("rom")
class Rom(Model):
    """``<rom>``: the PCI option ROM of a device."""

    enabled: bool | None = attr(default=None)
    bar: bool | None = attr(codec=ON_OFF, default=None)
    file: AbsFilePath | None = attr(default=None)


@element("backenddomain")
class BackendDomain(Model):
    """``<backenddomain>``: the Xen domain that provides the device's backend (disks, NICs)."""

    name: ObjectNameWithSlash | None = attr()


@element("driver")
class VirtioDriver(Model):
    """``<driver>``: the virtio transport options of a virtio device (virtioOptions)."""

    iommu: bool | None = attr(codec=ON_OFF, doc="use the emulated IOMMU", default=None)
    ats: bool | None = attr(codec=ON_OFF, doc="PCIe Address Translation Services", default=None)
    packed: bool | None = attr(codec=ON_OFF, doc="packed virtqueues", default=None)
    page_per_vq: bool | None = attr(
        codec=ON_OFF, doc="a page per virtqueue for notifications", default=None
    )
