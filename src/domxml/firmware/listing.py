"""The descriptor catalogue as text or JSON, for ``domxml firmware list``."""

from __future__ import annotations

import json
from collections.abc import Iterable

from domxml.firmware.descriptor import Descriptor, Feature, FlashMapping, KernelMapping
from domxml.firmware.match import machine_matches
from domxml.firmware.request import MACHINE_ALIASES
from domxml.firmware.search import Catalog, DescriptorFile

__all__ = ["applies", "catalog_json", "catalog_text", "sanity_problems"]


def applies(descriptor: Descriptor, arch: str | None, machine: str | None) -> bool:
    """Whether the descriptor has a target for ``arch`` (and ``machine``), when given."""
    if machine is not None:
        machine = MACHINE_ALIASES.get(machine, machine)
    for target in descriptor.targets:
        if arch is not None and target.arch != arch:
            continue
        if machine is None or any(machine_matches(glob, machine) for glob in target.machines):
            return True
    return False


def sanity_problems(descriptor: Descriptor) -> list[str]:
    """What libvirt warns about a descriptor's features (qemuFirmwareSanityCheck)."""
    smm = descriptor.has(Feature.REQUIRES_SMM)
    secure_boot = descriptor.has(Feature.SECURE_BOOT)
    keys = descriptor.has(Feature.ENROLLED_KEYS)
    confidential = any(
        descriptor.has(f)
        for f in (Feature.AMD_SEV, Feature.AMD_SEV_ES, Feature.AMD_SEV_SNP, Feature.INTEL_TDX)
    )
    problems = []
    # Confidential guests have no SMM, and their firmware hard-codes Secure Boot.
    if not confidential and secure_boot != smm:
        problems.append(
            "secure-boot without requires-smm"
            if secure_boot
            else "requires-smm without secure-boot"
        )
    if keys and not secure_boot:
        problems.append("enrolled-keys without secure-boot")
    return problems


def _mapping_lines(descriptor: Descriptor) -> list[str]:
    mapping = descriptor.mapping
    if isinstance(mapping, FlashMapping):
        lines = [
            f"flash ({mapping.mode.value}): {mapping.executable.filename}"
            f" [{mapping.executable.format}]"
        ]
        if mapping.nvram_template is not None:
            template = mapping.nvram_template
            lines.append(f"nvram template: {template.filename} [{template.format}]")
        return lines
    kind = "kernel" if isinstance(mapping, KernelMapping) else "memory"
    return [f"{kind}: {mapping.filename}"]


def _shown(catalog: Catalog, arch: str | None, machine: str | None) -> Iterable[DescriptorFile]:
    for entry in catalog.files:
        if entry.descriptor is None or applies(entry.descriptor, arch, machine):
            yield entry


def catalog_text(catalog: Catalog, arch: str | None = None, machine: str | None = None) -> str:
    """Each descriptor in the order libvirt tries it, then what was passed over."""
    lines = []
    where = ", ".join(catalog.dirs)
    if catalog.root is not None:
        where += f" (under {catalog.root})"
    lines.append(f"descriptor directories: {where}")
    shown = list(_shown(catalog, arch, machine))
    used = [entry for entry in shown if entry.descriptor is not None]
    for number, entry in enumerate(used, 1):
        descriptor = entry.descriptor
        assert descriptor is not None
        lines.append("")
        lines.append(f"{number}. {entry.path}")
        if descriptor.description:
            lines.append(f"   {descriptor.description}")
        interfaces = " ".join(i.value for i in descriptor.interface_types)
        lines.append(f"   interfaces: {interfaces}")
        lines.extend(f"   {line}" for line in _mapping_lines(descriptor))
        targets = "; ".join(
            f"{target.architecture} ({', '.join(target.machines)})" for target in descriptor.targets
        )
        lines.append(f"   targets: {targets}")
        names = [f.value for f in descriptor.features] + list(descriptor.unknown_features)
        lines.append(f"   features: {' '.join(names) or '-'}")
        for hidden in entry.hidden:
            lines.append(f"   overrides: {hidden}")
        for problem in sanity_problems(descriptor):
            lines.append(f"   warning: invalid set of features: {problem}")
    if not used:
        lines.append("")
        lines.append("no firmware descriptor found")
    skipped = [entry for entry in shown if entry.descriptor is None]
    if skipped or catalog.problems:
        lines.append("")
        lines.append("not used:")
    for entry in skipped:
        if entry.masked:
            what = f"masks {', '.join(entry.hidden)}" if entry.hidden else "empty"
            lines.append(f"  {entry.path}: {what}")
        else:
            lines.append(f"  {entry.path}: invalid: {entry.error}")
    for problem in catalog.problems:
        lines.append(f"  {problem}")
    return "\n".join(lines) + "\n"


def _descriptor_dict(descriptor: Descriptor) -> dict[str, object]:
    mapping = descriptor.mapping
    mapped: dict[str, object] = {"device": mapping.device.value}
    if isinstance(mapping, FlashMapping):
        mapped["mode"] = mapping.mode.value
        mapped["executable"] = {
            "filename": mapping.executable.filename,
            "format": mapping.executable.format,
        }
        if mapping.nvram_template is not None:
            mapped["nvram-template"] = {
                "filename": mapping.nvram_template.filename,
                "format": mapping.nvram_template.format,
            }
    else:
        mapped["filename"] = mapping.filename
    return {
        "description": descriptor.description,
        "interface-types": [i.value for i in descriptor.interface_types],
        "mapping": mapped,
        "targets": [
            {"architecture": t.architecture, "machines": list(t.machines)}
            for t in descriptor.targets
        ],
        "features": [f.value for f in descriptor.features] + list(descriptor.unknown_features),
    }


def catalog_json(catalog: Catalog, arch: str | None = None, machine: str | None = None) -> str:
    """The catalogue as JSON: every file with its status, usable ones with their descriptor."""
    files = []
    for entry in _shown(catalog, arch, machine):
        item: dict[str, object] = {"path": entry.path, "status": entry.status}
        if entry.hidden:
            item["overrides"] = list(entry.hidden)
        if entry.error:
            item["error"] = entry.error
        if entry.descriptor is not None:
            item["descriptor"] = _descriptor_dict(entry.descriptor)
            item["warnings"] = sanity_problems(entry.descriptor)
        files.append(item)
    document = {
        "directories": list(catalog.dirs),
        "root": str(catalog.root) if catalog.root is not None else None,
        "files": files,
        "problems": list(catalog.problems),
    }
    return json.dumps(document, indent=2) + "\n"
