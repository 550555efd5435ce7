"""Domain capabilities (libvirt's formatdomaincaps): ``<domainCapabilities>``.

What ``virsh domcapabilities`` says one hypervisor binary can do for one
virtualization type, architecture and machine type: the vCPU limit, the
firmware, the guest CPU modes and models, the devices and the values
their attributes may take, the features.
"""

from __future__ import annotations

from domxml.binding import Model, attr, child, element, leaf, leaves, register_root
from domxml.models.domaincaps.cpu import CpuCaps
from domxml.models.domaincaps.features import FeaturesCaps
from domxml.models.domaincaps.support import Support, SupportedEnums
from domxml.models.types import AbsFilePath, UInt


@element("vcpu")
class VcpuCaps(Model):
    """``<vcpu max='...'/>``: the most vCPUs a domain may have."""

    max: UInt | None = attr()


@element("loader", field_order=("supported", "values", "enums"))
class LoaderCaps(SupportedEnums):
    """``<loader>``: the firmware images found (``<value>``) and the loader's enums."""

    values: list[AbsFilePath] = leaves("value", doc="firmware image paths", default_factory=list)


# The declaration order is libvirt's (virDomainCapsOSFormat).
@element("os")
class OsCaps(SupportedEnums):
    """``<os>``: the firmware types (``<enum name='firmware'>``), loaders and NVRAM stores."""

    firmware_features: SupportedEnums | None = child(
        "firmwareFeatures", doc="<enum name='secureBoot'>, <enum name='enrolledKeys'>", default=None
    )
    loader: LoaderCaps | None = child(default=None)
    varstore: Support | None = child("varstore", doc="<varstore> for UEFI vars", default=None)


# The declaration order is libvirt's (virDomainCapsDeviceDefFormat).
@element("devices", self_close=False)
class DevicesCaps(Model):
    """``<devices>``: each device type's support and the values of its attributes."""

    disk: SupportedEnums | None = child("disk", default=None)
    graphics: SupportedEnums | None = child("graphics", default=None)
    video: SupportedEnums | None = child("video", default=None)
    hostdev: SupportedEnums | None = child("hostdev", default=None)
    rng: SupportedEnums | None = child("rng", default=None)
    filesystem: SupportedEnums | None = child("filesystem", default=None)
    tpm: SupportedEnums | None = child("tpm", default=None)
    redirdev: SupportedEnums | None = child("redirdev", default=None)
    channel: SupportedEnums | None = child("channel", default=None)
    crypto: SupportedEnums | None = child("crypto", default=None)
    interface: SupportedEnums | None = child("interface", default=None)
    panic: SupportedEnums | None = child("panic", default=None)
    console: SupportedEnums | None = child("console", default=None)


# The declaration order is libvirt's (virDomainCapsFormat).
@element("domainCapabilities")
class DomainCapabilities(Model):
    """What a hypervisor can do for a domain of one type, architecture and machine.

    ``virsh domcapabilities`` prints it; a domain generator reads it to pick
    values the hypervisor accepts (see ``docs/capabilities.md``).
    """

    path: AbsFilePath | None = leaf(doc="the emulator binary", default=None)
    domain: str | None = leaf(doc="the virtualization type: kvm, qemu, xen...")
    machine: str | None = leaf(doc="the canonical machine type", default=None)
    arch: str | None = leaf()
    vcpu: VcpuCaps | None = child(default=None)
    iothreads: Support | None = child("iothreads", default=None)
    os: OsCaps | None = child(default=None)
    cpu: CpuCaps | None = child(default=None)
    memory_backing: SupportedEnums | None = child(
        "memoryBacking", doc="<enum name='sourceType'>: file, anonymous, memfd", default=None
    )
    devices: DevicesCaps | None = child(default=None)
    features: FeaturesCaps | None = child(default=None)


register_root(DomainCapabilities)
