"""QEMU firmware descriptors: typed models, and the JSON reader.

A descriptor is the JSON file a firmware package installs (for Debian's
``ovmf``: ``/usr/share/qemu/firmware/40-edk2-x86_64-secure-enrolled.json``)
to tell management tools what a firmware image is: which interfaces it offers
(BIOS, UEFI), how it is mapped into the guest (flash in split, combined or
stateless mode, memory, kernel), for which architectures and machine types it
is built, and which features it has (Secure Boot, enrolled keys, SMM...).
The format is QEMU's, specified in ``docs/interop/firmware.json``.

:func:`parse_descriptor` reads one the way libvirt's QEMU driver does
(``qemuFirmwareParse``): what libvirt refuses is a :class:`DescriptorError`
with libvirt's message; a feature libvirt does not know is kept aside, not
refused.
"""

from __future__ import annotations

import enum
import json
from dataclasses import dataclass
from typing import Any

from domxml.errors import DescriptorError

__all__ = [
    "ARCHITECTURES",
    "Descriptor",
    "DeviceType",
    "Feature",
    "FlashFile",
    "FlashMapping",
    "FlashMode",
    "InterfaceType",
    "KernelMapping",
    "Mapping",
    "MemoryMapping",
    "Target",
    "libvirt_arch",
    "parse_descriptor",
]


class InterfaceType(enum.Enum):
    """What the firmware offers the guest OS (``interface-types``)."""

    BIOS = "bios"
    OPENFIRMWARE = "openfirmware"
    UBOOT = "uboot"
    UEFI = "uefi"


class DeviceType(enum.Enum):
    """How the firmware is mapped into the guest (``mapping.device``)."""

    FLASH = "flash"
    KERNEL = "kernel"
    MEMORY = "memory"


class FlashMode(enum.Enum):
    """How a flash-mapped firmware keeps its variables (``mapping.mode``).

    ``split``: read-only code plus a separate variable store copied from the
    NVRAM template; ``combined``: one writable image holding both;
    ``stateless``: code only, no variable store at all.
    """

    SPLIT = "split"
    COMBINED = "combined"
    STATELESS = "stateless"


class Feature(enum.Enum):
    """A firmware feature (``features``), as QEMU's ``firmware.json`` names it."""

    ACPI_S3 = "acpi-s3"
    ACPI_S4 = "acpi-s4"
    AMD_SEV = "amd-sev"
    AMD_SEV_ES = "amd-sev-es"
    AMD_SEV_SNP = "amd-sev-snp"
    INTEL_TDX = "intel-tdx"
    ENROLLED_KEYS = "enrolled-keys"
    REQUIRES_SMM = "requires-smm"
    SECURE_BOOT = "secure-boot"
    HOST_UEFI_VARS = "host-uefi-vars"
    VERBOSE_DYNAMIC = "verbose-dynamic"
    VERBOSE_STATIC = "verbose-static"


@dataclass(frozen=True)
class FlashFile:
    """``executable`` or ``nvram-template`` of a flash mapping."""

    filename: str
    format: str
    """``raw`` or ``qcow2``; libvirt passes over a descriptor with any other."""


@dataclass(frozen=True)
class FlashMapping:
    """``mapping`` with ``device: flash`` (pflash, the usual UEFI case)."""

    mode: FlashMode
    executable: FlashFile
    nvram_template: FlashFile | None = None
    """Present in split mode only."""

    @property
    def device(self) -> DeviceType:
        """:attr:`DeviceType.FLASH`."""
        return DeviceType.FLASH


@dataclass(frozen=True)
class MemoryMapping:
    """``mapping`` with ``device: memory`` (a ROM: SeaBIOS, stateless UEFI builds)."""

    filename: str

    @property
    def device(self) -> DeviceType:
        """:attr:`DeviceType.MEMORY`."""
        return DeviceType.MEMORY


@dataclass(frozen=True)
class KernelMapping:
    """``mapping`` with ``device: kernel`` (firmware loaded as the guest kernel)."""

    filename: str

    @property
    def device(self) -> DeviceType:
        """:attr:`DeviceType.KERNEL`."""
        return DeviceType.KERNEL


Mapping = FlashMapping | MemoryMapping | KernelMapping


# libvirt's architecture names (virArchFromString); QEMU's "i386" and "arm"
# are translated by virQEMUCapsArchFromString.
ARCHITECTURES = frozenset(
    (
        "alpha", "armv6l", "armv7l", "armv7b", "aarch64", "cris", "i686", "ia64", "lm32",
        "loongarch64", "m68k", "microblaze", "microblazeel", "mips", "mipsel", "mips64",
        "mips64el", "or32", "parisc", "parisc64", "ppc", "ppcle", "ppc64", "ppc64le", "ppcemb",
        "riscv32", "riscv64", "s390", "s390x", "sh4", "sh4eb", "sparc", "sparc64", "unicore32",
        "x86_64", "xtensa", "xtensaeb",
    )
)  # fmt: skip
_QEMU_ARCH = {"i386": "i686", "arm": "armv7l"}


def libvirt_arch(qemu_name: str) -> str | None:
    """libvirt's name for a QEMU target architecture (``i386`` → ``i686``), or ``None``."""
    name = _QEMU_ARCH.get(qemu_name, qemu_name)
    return name if name in ARCHITECTURES else None


@dataclass(frozen=True)
class Target:
    """One ``targets`` entry: an architecture and the machine types (globs) it serves."""

    architecture: str
    """As QEMU names it (``x86_64``, ``i386``, ``aarch64``)."""
    machines: tuple[str, ...]
    """Globs with ``*`` and ``?``, as GLib's ``g_pattern_match_simple`` reads them."""

    @property
    def arch(self) -> str:
        """The architecture as libvirt names it (``i386`` is ``i686``)."""
        return libvirt_arch(self.architecture) or self.architecture


@dataclass(frozen=True)
class Descriptor:
    """One QEMU firmware descriptor."""

    interface_types: tuple[InterfaceType, ...]
    mapping: Mapping
    targets: tuple[Target, ...]
    features: tuple[Feature, ...]
    description: str | None = None
    unknown_features: tuple[str, ...] = ()
    """Feature names neither QEMU's list above nor libvirt knows; ignored, as libvirt does."""
    tags: tuple[str, ...] = ()

    def has(self, feature: Feature) -> bool:
        """Whether the descriptor lists ``feature``."""
        return feature in self.features

    def supports(self, arch: str) -> bool:
        """Whether some target is for ``arch`` (libvirt's name)."""
        return any(target.arch == arch for target in self.targets)

    @property
    def executable(self) -> str:
        """The firmware image: the flash executable, or the memory or kernel file."""
        if isinstance(self.mapping, FlashMapping):
            return self.mapping.executable.filename
        return self.mapping.filename

    @property
    def nvram_template(self) -> FlashFile | None:
        """The NVRAM template of a split flash mapping, else ``None``."""
        if isinstance(self.mapping, FlashMapping):
            return self.mapping.nvram_template
        return None


# -- reading --------------------------------------------------------------------------------


def parse_descriptor(source: str | bytes, path: str = "<descriptor>") -> Descriptor:
    """Read a descriptor's JSON text; :class:`DescriptorError` when libvirt would refuse it.

    The messages are libvirt's (``missing 'nvram-template' in '…'``); like
    libvirt, ``description`` and ``tags`` are not checked and an unknown
    feature is set aside rather than refused.
    """
    try:
        doc = json.loads(source)
    except (ValueError, UnicodeDecodeError):
        raise DescriptorError(f"unable to parse json file '{path}'", filename=path) from None
    if not isinstance(doc, dict):
        raise DescriptorError(f"unable to parse json file '{path}'", filename=path)
    # In libvirt's order, which decides the message of a file with several faults.
    interfaces = _interfaces(doc, path)
    mapping = _mapping(doc, path)
    targets = _targets(doc, path)
    features, unknown = _features(doc, path)
    description = doc.get("description")
    tags = doc.get("tags")
    return Descriptor(
        interface_types=interfaces,
        mapping=mapping,
        targets=targets,
        features=features,
        description=description if isinstance(description, str) else None,
        unknown_features=unknown,
        tags=tuple(t for t in tags if isinstance(t, str)) if isinstance(tags, list) else (),
    )


def _fail(message: str, path: str) -> DescriptorError:
    return DescriptorError(message, filename=path)


def _array(doc: dict[str, Any], key: str, message: str, path: str) -> list[Any]:
    value = doc.get(key)
    if not isinstance(value, list):
        raise _fail(message, path)
    return value


def _interfaces(doc: dict[str, Any], path: str) -> tuple[InterfaceType, ...]:
    items = _array(doc, "interface-types", f"failed to get interface-types from '{path}'", path)
    found = []
    for item in items:
        try:
            found.append(InterfaceType(item))
        except ValueError:
            raise _fail(f"unknown interface type: '{item}'", path) from None
    return tuple(found)


def _flash_file(doc: Any, path: str) -> FlashFile:
    if not isinstance(doc, dict) or not isinstance(doc.get("filename"), str):
        raise _fail(f"missing 'filename' in '{path}'", path)
    if not isinstance(doc.get("format"), str):
        raise _fail(f"missing 'format' in '{path}'", path)
    return FlashFile(doc["filename"], doc["format"])


def _mapping(doc: dict[str, Any], path: str) -> Mapping:
    mapping = doc.get("mapping")
    if not isinstance(mapping, dict):
        raise _fail(f"missing mapping in '{path}'", path)
    device = mapping.get("device")
    if not isinstance(device, str):
        raise _fail(f"missing device type in '{path}'", path)
    try:
        kind = DeviceType(device)
    except ValueError:
        raise _fail(f"unknown device type in '{path}'", path) from None
    if kind is not DeviceType.FLASH:
        if not isinstance(mapping.get("filename"), str):
            raise _fail(f"missing 'filename' in '{path}'", path)
        if kind is DeviceType.MEMORY:
            return MemoryMapping(mapping["filename"])
        return KernelMapping(mapping["filename"])
    mode = FlashMode.SPLIT  # the historical default
    if "mode" in mapping:
        if not isinstance(mapping["mode"], str):
            raise _fail("Firmware flash mode value was malformed", path)
        try:
            mode = FlashMode(mapping["mode"])
        except ValueError:
            raise _fail(f"Firmware flash mode value '{mapping['mode']}' unexpected", path) from None
    if "executable" not in mapping:
        raise _fail(f"missing 'executable' in '{path}'", path)
    executable = _flash_file(mapping["executable"], path)
    template = None
    if mode is FlashMode.SPLIT:
        if "nvram-template" not in mapping:
            raise _fail(f"missing 'nvram-template' in '{path}'", path)
        template = _flash_file(mapping["nvram-template"], path)
    return FlashMapping(mode, executable, template)


def _targets(doc: dict[str, Any], path: str) -> tuple[Target, ...]:
    targets = []
    for item in _array(doc, "targets", f"failed to get targets from '{path}'", path):
        if not isinstance(item, dict) or not isinstance(item.get("architecture"), str):
            raise _fail(f"missing 'architecture' in '{path}'", path)
        architecture = item["architecture"]
        if libvirt_arch(architecture) is None:
            raise _fail(f"unknown architecture '{architecture}'", path)
        machines = item.get("machines")
        if not isinstance(machines, list) or not all(isinstance(m, str) for m in machines):
            raise _fail(f"missing 'machines' in '{path}'", path)
        targets.append(Target(architecture, tuple(machines)))
    return tuple(targets)


def _features(doc: dict[str, Any], path: str) -> tuple[tuple[Feature, ...], tuple[str, ...]]:
    known: list[Feature] = []
    unknown: list[str] = []
    for item in _array(doc, "features", f"failed to get features from '{path}'", path):
        try:
            known.append(Feature(item))
        except ValueError:
            # libvirt: "ignoring unknown QEMU firmware feature"
            unknown.append(str(item))
    return tuple(known), tuple(unknown)
