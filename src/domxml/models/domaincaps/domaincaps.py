"""Domain capabilities (libvirt's formatdomaincaps): ``<domainCapabilities>``.

What ``virsh domcapabilities`` says one hypervisor binary can do for one
virtualization type, architecture and machine type: the vCPU limit, the
firmware, the guest CPU modes and models, the devices and the values
their attributes may take, the features.
"""

from __future__ import annotations

from domxml.binding import Model, attr, child, element, leaf, leaves, register_root
from domxml.binding.spec import spec_of
from domxml.models.domain.cpu import CpuMode
from domxml.models.domaincaps.cpu import CpuCaps, CustomCaps, HostModelCaps
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

    def firmware_types(self) -> list[str]:
        """What ``<os firmware=...>`` may be (``bios``, ``efi``): empty when not listed."""
        return self.os.enum_values("firmware") if self.os is not None else []

    def loaders(self) -> list[str]:
        """The firmware images found for ``<loader>``."""
        if self.os is None or self.os.loader is None:
            return []
        return list(self.os.loader.values)

    def cpu_modes(self) -> list[CpuMode]:
        """The guest CPU modes the hypervisor supports, in libvirt's order."""
        if self.cpu is None:
            return []
        return [m.name for m in self.cpu.modes if m.supported and isinstance(m.name, CpuMode)]

    def host_model(self) -> HostModelCaps | None:
        """What ``mode='host-model'`` gives (model, vendor, features), when supported."""
        mode = self.cpu.mode(CpuMode.HOST_MODEL) if self.cpu is not None else None
        if isinstance(mode, HostModelCaps) and mode.supported:
            return mode
        return None

    def cpu_models(self, *, usable_only: bool = True) -> list[str]:
        """The named CPU models for ``mode='custom'``; only those usable on this host by default.

        A model whose usability libvirt does not know (``usable='unknown'``)
        counts as not usable.
        """
        mode = self.cpu.mode(CpuMode.CUSTOM) if self.cpu is not None else None
        if not isinstance(mode, CustomCaps) or not mode.supported:
            return []
        return [
            m.name
            for m in mode.models
            if m.name is not None and (not usable_only or (m.usable and m.usable.value == "yes"))
        ]

    def device(self, name: str) -> SupportedEnums | None:
        """The ``<devices>`` entry of a device type (``disk``, ``video``...), when listed."""
        if self.devices is None:
            return None
        found = getattr(self.devices, _field_of(DevicesCaps, name), None)
        return found if isinstance(found, SupportedEnums) else None

    def supports_device(self, name: str) -> bool:
        """Whether the hypervisor supports devices of type ``name`` (``tpm``, ``rng``...)."""
        found = self.device(name)
        return found is not None and found.supported is True

    def device_values(self, device: str, name: str) -> list[str]:
        """The values ``<enum name=...>`` of a device type lists: ``("disk", "bus")``."""
        found = self.device(device)
        return found.enum_values(name) if found is not None else []

    def supported_features(self) -> list[str]:
        """The ``<features>`` the hypervisor supports, by element name (``vmcoreinfo``...)."""
        if self.features is None:
            return []
        names = []
        for f in spec_of(FeaturesCaps).elem_list:
            value = getattr(self.features, f.py)
            if isinstance(value, Support) and value.supported:
                names.append(f.local)
        return names


def _field_of(cls: type[Model], element_name: str) -> str:
    """The Python name of the field of ``cls`` holding ``<element_name>`` ("" if none)."""
    return next((f.py for f in spec_of(cls).elem_list if f.local == element_name), "")


register_root(DomainCapabilities)
