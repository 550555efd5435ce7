"""Does a firmware descriptor suit a domain? libvirt's ``qemuFirmwareMatchDomain``.

:func:`mismatch` checks one descriptor against a :class:`~.request.Request`
and returns why it does not suit, in the words of libvirt's debug log
(``Discarding loader with mismatching flash format 'qcow2' != 'raw'``), or
``None`` when it does. The rules are libvirt 11.3.0's; where this module
follows a later libvirt release it says so.
"""

from __future__ import annotations

import os
import re
from functools import cache
from pathlib import Path

from domxml.firmware.descriptor import (
    Descriptor,
    Feature,
    FlashMapping,
    FlashMode,
    InterfaceType,
    KernelMapping,
    MemoryMapping,
)
from domxml.firmware.request import Request
from domxml.models.domain import LoaderType

__all__ = ["SEV_ES_POLICY", "machine_matches", "mismatch", "same_path"]

#: The SEV policy bit that asks for SEV-ES (VIR_QEMU_FIRMWARE_AMD_SEV_ES_POLICY).
SEV_ES_POLICY = 1 << 2

_FORMATS = ("raw", "qcow2")


@cache
def _glob(pattern: str) -> re.Pattern[str]:
    # g_pattern_match_simple: '*' any run, '?' one character, nothing else special.
    parts = ("." if c == "?" else ".*" if c == "*" else re.escape(c) for c in pattern)
    return re.compile("".join(parts), re.DOTALL)


def machine_matches(pattern: str, machine: str) -> bool:
    """Whether a descriptor's machine glob (``pc-q35-*``) matches ``machine``."""
    return _glob(pattern).fullmatch(machine) is not None


def _resolved(path: str, root: Path | None) -> str:
    location = Path(path) if root is None else root / path.lstrip("/")
    if not location.exists():
        return path
    real = os.path.realpath(location)
    if root is None:
        return real
    base = os.path.realpath(root)
    if real == base or real.startswith(base + os.sep):
        return "/" + os.path.relpath(real, base)
    return real


def same_path(a: str, b: str, root: Path | None = None) -> bool:
    """Whether two paths name the same file (virFileComparePaths).

    Equal text, or equal once links are resolved, for the paths that exist
    (under ``root`` when one is given).
    """
    return a == b or _resolved(a, root) == _resolved(b, root)


def _wanted_interfaces(request: Request) -> set[InterfaceType]:
    if request.firmware == "bios":
        return {InterfaceType.BIOS}
    if request.firmware == "efi":
        return {InterfaceType.UEFI}
    # No explicit request: the loader type tells (pflash is UEFI, rom BIOS).
    if request.loader_type is LoaderType.PFLASH:
        return {InterfaceType.UEFI}
    if request.loader_type is LoaderType.ROM:
        return {InterfaceType.BIOS}
    return set()


def _paths_mismatch(fw: Descriptor, request: Request, root: Path | None) -> bool:
    loader = request.loader
    loader_path = loader.path if loader is not None else None
    template = request.nvram.template if request.nvram is not None else None
    mapping = fw.mapping
    if isinstance(mapping, FlashMapping):
        if loader_path and not same_path(loader_path, mapping.executable.filename, root):
            return True
        if template:
            if mapping.mode is not FlashMode.SPLIT or mapping.nvram_template is None:
                return True
            if not same_path(template, mapping.nvram_template.filename, root):
                return True
    elif isinstance(mapping, MemoryMapping):
        if loader_path and not same_path(loader_path, mapping.filename, root):
            return True
    elif isinstance(mapping, KernelMapping) and request.kernel:
        return not same_path(request.kernel, mapping.filename, root)
    return False


def _machine_mismatch(fw: Descriptor, request: Request) -> bool:
    return not any(
        target.arch == request.arch
        and any(machine_matches(glob, request.machine) for glob in target.machines)
        for target in fw.targets
    )


def mismatch(fw: Descriptor, request: Request, root: Path | None = None) -> str | None:
    """Why ``fw`` does not suit the domain, or ``None`` when it does."""
    wanted = _wanted_interfaces(request)
    if not wanted & set(fw.interface_types):
        return "No matching interface"
    if _paths_mismatch(fw, request, root):
        return "No matching path"
    if _machine_mismatch(fw, request):
        return "No matching machine type"
    reason = _features_mismatch(fw, request)
    if reason is None:
        reason = _mapping_mismatch(fw, request)
    if reason is None:
        reason = _launch_security_mismatch(fw, request)
    return reason


def _features_mismatch(fw: Descriptor, request: Request) -> str | None:
    loader = request.loader
    if request.s3 is True and not fw.has(Feature.ACPI_S3):
        return "Domain requires S3, firmware doesn't support it"
    if request.s4 is True and not fw.has(Feature.ACPI_S4):
        return "Domain requires S4, firmware doesn't support it"
    secure_boot = request.features.get("secure-boot")
    if secure_boot is True and not fw.has(Feature.SECURE_BOOT):
        return "User requested Secure Boot, firmware doesn't support it"
    if secure_boot is False and fw.has(Feature.SECURE_BOOT):
        return "User refused Secure Boot, firmware supports it"
    keys = request.features.get("enrolled-keys")
    if keys is True and not fw.has(Feature.ENROLLED_KEYS):
        return "User requested Enrolled keys, firmware doesn't have them"
    if keys is False and fw.has(Feature.ENROLLED_KEYS):
        return "User refused Enrolled keys, firmware has them"
    secure = loader.secure if loader is not None else None
    if fw.has(Feature.REQUIRES_SMM):
        if request.smm is False:
            return "Domain explicitly disables SMM, but firmware requires it to be enabled"
        if secure is False:
            return (
                "Domain doesn't restrict pflash programming to SMM, but firmware requires use"
                " of SMM"
            )
    elif secure is True:
        return "Domain restricts pflash programming to SMM, but firmware doesn't support SMM"
    return None


def _mapping_mismatch(fw: Descriptor, request: Request) -> str | None:
    loader = request.loader
    loader_type = request.loader_type
    stateless = loader.stateless if loader is not None else None
    readonly = loader.readonly if loader is not None else None
    nvram = request.nvram
    nvram_configured = nvram is not None and bool(nvram.path or request.nvram_format)
    template_configured = nvram is not None and bool(nvram.template or request.template_format)
    mapping = fw.mapping
    if isinstance(mapping, FlashMapping):
        if loader_type is not None and loader_type is not LoaderType.PFLASH:
            return "Discarding flash loader"
        # libvirt 11.3.0 picks a stateless image only when asked for one, and
        # never a combined (read/write) one: its tests firmware-auto-efi-rw
        # and firmware-auto-efi-rw-pflash find no firmware although a
        # combined descriptor is installed. Later releases match those too.
        if stateless is True:
            if mapping.mode is not FlashMode.STATELESS:
                return "Discarding loader without stateless flash"
        elif mapping.mode is not FlashMode.SPLIT:
            return "Discarding loader without split flash"
        if readonly is False:  # a read/write loader wants a combined image
            return "Discarding readonly loader"
        exec_format = mapping.executable.format
        if exec_format not in _FORMATS:
            return f"Discarding loader with unsupported flash format '{exec_format}'"
        if request.loader_format and exec_format != request.loader_format:
            return (
                "Discarding loader with mismatching flash format"
                f" '{exec_format}' != '{request.loader_format}'"
            )
        if mapping.mode is FlashMode.SPLIT and mapping.nvram_template is not None:
            return _template_mismatch(mapping.nvram_template.format, request)
        if nvram_configured:
            return "Discarding non split loader (nvram configured)"
        if template_configured:
            return "Discarding non split loader (nvram template configured)"
    elif isinstance(mapping, MemoryMapping):
        if loader_type is not None and loader_type is not LoaderType.ROM:
            return "Discarding rom loader"
        if stateless is False:
            return "Discarding stateless loader"
        if readonly is False:
            return "Discarding readonly loader"
        # From libvirt after 11.3.0: a ROM has no variable store to give.
        if nvram_configured:
            return "Discarding rom loader (nvram configured)"
        if template_configured:
            return "Discarding rom loader (nvram template configured)"
    return None


def _template_mismatch(template_format: str, request: Request) -> str | None:
    if template_format not in _FORMATS:
        return f"Discarding loader with unsupported nvram template format '{template_format}'"
    wanted = request.template_format
    if wanted and template_format != wanted:
        return (
            "Discarding loader with mismatching nvram template format"
            f" '{template_format}' != '{wanted}'"
        )
    # <nvram format='qcow2'/> and nothing else that bears on the choice asks
    # for a template of that format (libvirt's shorthand, kept since the
    # stricter check it replaced).
    loader = request.loader
    nvram = request.nvram
    if (
        request.nvram_format
        and nvram is not None
        and not request.template_format
        and not nvram.template
        and not request.loader_format
        and (
            loader is None
            or all(
                value is None
                for value in (
                    loader.readonly,
                    loader.type,
                    loader.secure,
                    loader.stateless,
                    loader.path,
                )
            )
        )
        and template_format != request.nvram_format
    ):
        return (
            "Discarding loader with mismatching nvram template format"
            f" '{template_format}' != '{request.nvram_format}'"
        )
    return None


def _launch_security_mismatch(fw: Descriptor, request: Request) -> str | None:
    kind = request.launch_security
    if kind == "sev":
        if not fw.has(Feature.AMD_SEV):
            return "Domain requires SEV, firmware doesn't support it"
        if (request.sev_policy or 0) & SEV_ES_POLICY and not fw.has(Feature.AMD_SEV_ES):
            return "Domain requires SEV-ES, firmware doesn't support it"
    elif kind == "sev-snp":
        if not fw.has(Feature.AMD_SEV_SNP):
            return "Domain requires SEV-SNP, firmware doesn't support it"
    elif kind == "tdx" and not fw.has(Feature.INTEL_TDX):
        # libvirt supports TDX guests since after 11.3.0.
        return "Domain requires TDX, firmware doesn't support it"
    return None
