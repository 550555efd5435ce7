"""What a domain asks of its firmware, read from the domain model.

libvirt's firmware code reads a handful of values scattered over a domain
definition (``<os>``, ``<loader>``, ``<nvram>``, ``<features><smm>``,
``<pm>``, ``<launchSecurity>``); :class:`Request` gathers them, with the
raw text of values the models could not type (``format='vmdk'``), so that
matching reads like libvirt's ``qemuFirmwareMatchDomain``.
"""

from __future__ import annotations

import platform
from dataclasses import dataclass

from domxml.binding.node import node_of, raw_of
from domxml.models.domain import Domain, Loader, LoaderType, Nvram, StorageType

__all__ = [
    "DEFAULT_MACHINES",
    "MACHINE_ALIASES",
    "Request",
    "host_arch",
    "nvram_is_empty",
    "nvram_is_local",
    "raw_attr",
    "request_of",
]

#: The machine type libvirt gives a domain that names none (QEMU's default, by alias).
DEFAULT_MACHINES = {
    "i686": "pc",
    "x86_64": "pc",
    "aarch64": "virt",
    "armv7l": "virt",
    "riscv64": "virt",
    "loongarch64": "virt",
    "ppc64": "pseries",
    "ppc64le": "pseries",
    "s390x": "s390-ccw-virtio",
}

#: QEMU's machine aliases and the prefix of the versioned type libvirt stores
#: instead (``qemuCanonicalizeMachine``); only the prefix matters for the
#: descriptors' globs (``pc-q35-*``).
MACHINE_ALIASES = {"pc": "pc-i440fx-", "q35": "pc-q35-", "virt": "virt-"}

_HOST_ARCH = {"amd64": "x86_64", "arm64": "aarch64", "i386": "i686", "i586": "i686"}


def host_arch() -> str:
    """This machine's architecture, as libvirt names it."""
    name = platform.machine().lower()
    return _HOST_ARCH.get(name, name)


def raw_attr(model: object | None, name: str) -> str | None:
    """An attribute's text as written, also when the model could not type it."""
    if model is None:
        return None
    node = node_of(model)
    if node is None:
        return None
    return raw_of(node, name)


def _enum_text(model: object | None, field: str, xml_name: str) -> str | None:
    """The value of an enumerated attribute as libvirt's word, typed or not."""
    if model is None:
        return None
    value = getattr(model, field, None)
    if value is not None:
        return str(value.value)
    return raw_attr(model, xml_name)


def nvram_is_local(nvram: Nvram) -> bool:
    """Whether the NVRAM is a local file, device or directory (virStorageSourceIsLocalStorage)."""
    return nvram.type in (None, StorageType.FILE, StorageType.BLOCK, StorageType.DIR)


def nvram_is_empty(nvram: Nvram) -> bool:
    """Whether no NVRAM storage is named yet, only a template or format.

    libvirt's virStorageSourceIsEmpty.
    """
    source = nvram.source
    if nvram.type is None:
        return not nvram.path
    if nvram.type in (StorageType.FILE, StorageType.BLOCK, StorageType.DIR):
        if nvram.path:
            return False
        if source is None:
            return True
        return not (source.file or source.dev or source.dir)
    if nvram.type is StorageType.NETWORK:
        return source is None or source.protocol is None
    return False


@dataclass(frozen=True)
class Request:
    """The firmware-related settings of a domain, as libvirt's matching code reads them."""

    firmware: str | None
    """``bios``, ``efi`` or ``None`` (no automatic selection)."""
    arch: str
    machine: str
    """The machine type, an alias expanded to its versioned prefix (``q35`` → ``pc-q35-``)."""
    loader: Loader | None
    nvram: Nvram | None
    loader_format: str | None
    """``raw``, ``qcow2``, another word written in the document, or ``None``."""
    template_format: str | None
    nvram_format: str | None
    features: dict[str, bool]
    """Firmware features asked for (``<firmware><feature>``): name → enabled."""
    smm: bool | None
    """``<smm state=...>``; ``None`` when absent."""
    acpi: bool
    s3: bool | None
    s4: bool | None
    launch_security: str | None
    """``sev``, ``sev-snp``, ``tdx``, ``s390-pv``..., or ``None``."""
    sev_policy: int | None
    kernel: str | None

    @property
    def loader_type(self) -> LoaderType | None:
        """The loader's type, if given."""
        return self.loader.type if self.loader is not None else None


def request_of(domain: Domain, arch: str | None = None, machine: str | None = None) -> Request:
    """Read what ``domain`` asks of its firmware.

    ``arch`` and ``machine`` stand in for what the domain does not say
    (``<type arch machine>``); without either, the host's architecture and
    QEMU's default machine type for it are assumed.
    """
    os_ = domain.os
    os_type = os_.type if os_ is not None else None
    domain_arch = _enum_text(os_type, "arch", "arch")
    chosen_arch = domain_arch or arch or host_arch()
    chosen_machine = (os_type.machine if os_type is not None else None) or machine
    chosen_machine = chosen_machine or DEFAULT_MACHINES.get(chosen_arch, "")
    chosen_machine = MACHINE_ALIASES.get(chosen_machine, chosen_machine)
    loader = os_.loader if os_ is not None else None
    nvram = os_.nvram if os_ is not None else None
    features: dict[str, bool] = {}
    info = os_.firmware_info if os_ is not None else None
    for feature in info.features if info is not None else []:
        if feature.name is not None and feature.enabled is not None:
            features[feature.name.value] = feature.enabled
    smm = domain.features.smm if domain.features is not None else None
    pm = domain.pm
    security = domain.launch_security
    return Request(
        firmware=_enum_text(os_, "firmware", "firmware"),
        arch=chosen_arch,
        machine=chosen_machine,
        loader=loader,
        nvram=nvram,
        loader_format=_enum_text(loader, "format", "format"),
        template_format=_enum_text(nvram, "template_format", "templateFormat"),
        nvram_format=_enum_text(nvram, "format", "format"),
        features=features,
        smm=None if smm is None else (smm.state is not False),
        acpi=domain.features is not None and domain.features.acpi is not None,
        s3=pm.suspend_to_mem.enabled if pm and pm.suspend_to_mem else None,
        s4=pm.suspend_to_disk.enabled if pm and pm.suspend_to_disk else None,
        launch_security=_enum_text(security, "type", "type"),
        sev_policy=getattr(security, "policy", None),
        kernel=os_.kernel if os_ is not None else None,
    )
