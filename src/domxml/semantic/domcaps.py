"""Domain capabilities (``virsh domcapabilities``), read with lxml, as the rules ask.

The semantic rules ask a few questions of the host's domain capabilities:
which machine types, virtualization types and architectures an emulator
serves, which values a device's enumerations take, which CPU modes and
features are supported. This module answers them from the XML alone, so
that it can later be swapped for the typed domain-capabilities models
without touching the rules.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from lxml import etree

from domxml.errors import ParseError
from domxml.safe_xml import load_source, parse_tree

__all__ = ["DomainCaps", "load", "machine_family", "select"]

_VERSION_SUFFIX = re.compile(r"-\d+(\.\d+)*$")


def machine_family(machine: str) -> str:
    """The machine type without its version: ``pc-q35-9.2`` → ``q35``, ``pc`` → ``i440fx``."""
    if machine in ("pc", "q35"):
        return "i440fx" if machine == "pc" else "q35"
    if machine.startswith("pc-q35"):
        return "q35"
    if machine.startswith("pc-i440fx") or machine.startswith("pc-") or machine == "pc":
        return "i440fx"
    return _VERSION_SUFFIX.sub("", machine)


class DomainCaps:
    """One ``<domainCapabilities>`` document: what one emulator offers for one machine."""

    def __init__(self, root: etree._Element, source: str = "") -> None:
        self.source = source
        self.root = root
        self.virt_type = (root.findtext("domain") or "").strip()
        self.machine = (root.findtext("machine") or "").strip()
        self.arch = (root.findtext("arch") or "").strip()
        self.emulator = (root.findtext("path") or "").strip()
        # Answers kept: every domain of a run asks the same few questions.
        self._enums: dict[tuple[str, str], frozenset[str] | None] = {}
        self._modes: dict[str, bool] | None = None
        self._models: frozenset[str] | None = None

    def __repr__(self) -> str:
        return f"DomainCaps({self.virt_type}, {self.arch}, {self.machine}, {self.source!r})"

    @property
    def family(self) -> str:
        """The machine family (see :func:`machine_family`)."""
        return machine_family(self.machine)

    def enum(self, where: str, name: str) -> frozenset[str] | None:
        """The values of ``<enum name=name>`` under ``where`` (``devices/disk``), or ``None``.

        ``None`` means the capabilities do not say (the element or the enum
        is missing); an empty set means nothing is supported.
        """
        key = (where, name)
        if key not in self._enums:
            self._enums[key] = self._enum(where, name)
        return self._enums[key]

    def _enum(self, where: str, name: str) -> frozenset[str] | None:
        element = self.root.find(where)
        if element is None:
            return None
        if element.get("supported") == "no":
            return frozenset()
        for enum in element.iterchildren("enum"):
            if enum.get("name") == name:
                return frozenset((v.text or "").strip() for v in enum.iterchildren("value"))
        return None

    def supported(self, where: str) -> bool | None:
        """Whether ``where`` (``features/gic``, ``devices/tpm``) says ``supported='yes'``."""
        element = self.root.find(where)
        if element is None:
            return None
        return element.get("supported") == "yes"

    def cpu_modes(self) -> dict[str, bool]:
        """Each CPU mode the capabilities list, and whether it is supported."""
        if self._modes is None:
            cpu = self.root.find("cpu")
            modes = cpu.iterchildren("mode") if cpu is not None else ()
            self._modes = {m.get("name") or "": m.get("supported") == "yes" for m in modes}
        return self._modes

    def cpu_models(self) -> frozenset[str]:
        """The CPU models of mode ``custom`` (usable or not), with their canonical names."""
        if self._models is None:
            names: set[str] = set()
            for mode in self.root.iterfind("cpu/mode[@name='custom']"):
                for model in mode.iterchildren("model"):
                    names.add((model.text or "").strip())
                    if model.get("canonical"):
                        names.add(model.get("canonical") or "")
            self._models = frozenset(names)
        return self._models

    def max_vcpus(self) -> int | None:
        """``<vcpu max>``: the most vCPUs the machine type takes."""
        vcpu = self.root.find("vcpu")
        if vcpu is None:
            return None
        try:
            return int(vcpu.get("max") or "")
        except ValueError:
            return None


def load(source: str | bytes | Path) -> DomainCaps:
    """Read a domain capabilities document (a path, or its bytes)."""
    data, filename = load_source(source)
    root = parse_tree(data, filename)
    if root.tag != "domainCapabilities":
        raise ParseError(
            f"<{root.tag}> is not <domainCapabilities> (virsh domcapabilities)",
            filename=filename,
        )
    return DomainCaps(root, filename or "")


def select(
    capabilities: Sequence[DomainCaps], virt_type: str, arch: str, machine: str | None
) -> DomainCaps | None:
    """The capabilities for a domain of ``virt_type`` on ``arch`` and ``machine``.

    The exact machine first, then one of the same family (``q35`` for
    ``pc-q35-9.2``), then the emulator's default machine (the first given).
    """
    candidates = [c for c in capabilities if c.virt_type == virt_type and c.arch == arch]
    if not candidates:
        return None
    if machine:
        for caps in candidates:
            if caps.machine == machine:
                return caps
        family = machine_family(machine)
        for caps in candidates:
            if caps.family == family:
                return caps
    return candidates[0]


def arches(capabilities: Iterable[DomainCaps]) -> frozenset[str]:
    """Every architecture the capabilities cover."""
    return frozenset(c.arch for c in capabilities)
