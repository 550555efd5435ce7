"""The host's domain capabilities, as the questions the builder asks of them.

``virsh domcapabilities`` (``virConnectGetDomainCapabilities``) tells, for
one emulator, architecture, machine type and domain type, what libvirt and
QEMU support there: firmware, CPU modes, device models. :class:`HostCaps`
reads that document with lxml and answers the builder's questions; it is the
only place that knows the document's layout, so that it can later be
replaced by typed models of domain capabilities without touching the
builder.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from lxml import etree

from domxml.build.errors import BuildError, HostSupportError
from domxml.safe_xml import safe_parser

__all__ = ["HostCaps", "from_connection", "require"]


class HostCaps:
    """A ``<domainCapabilities>`` document, read for the builder."""

    def __init__(self, xml: str | bytes, *, source: str = "domain capabilities") -> None:
        data = xml.encode() if isinstance(xml, str) else xml
        try:
            root = etree.fromstring(data, safe_parser())
        except etree.XMLSyntaxError as error:
            raise BuildError(f"{source}: not XML: {error}") from None
        if root.tag != "domainCapabilities":
            raise BuildError(f"{source}: not <domainCapabilities> but <{root.tag}>")
        self._root = root
        #: Where the document came from, for messages.
        self.source = source

    @classmethod
    def from_file(cls, path: str | os.PathLike[str]) -> HostCaps:
        """Read ``virsh domcapabilities`` output saved in ``path``."""
        try:
            data = Path(path).read_bytes()
        except OSError as error:
            raise BuildError(f"cannot read {path}: {error.strerror}") from None
        return cls(data, source=str(path))

    # --- what the host runs -------------------------------------------------------

    @property
    def emulator(self) -> str | None:
        """The emulator binary (``<path>``)."""
        return self._root.findtext("path")

    @property
    def domain_type(self) -> str | None:
        """``kvm`` or ``qemu`` (TCG): the domain type these capabilities are for."""
        return self._root.findtext("domain")

    @property
    def machine(self) -> str | None:
        """The machine type, as QEMU names it (``pc-q35-7.2``)."""
        return self._root.findtext("machine")

    @property
    def arch(self) -> str | None:
        """The guest architecture."""
        return self._root.findtext("arch")

    @property
    def max_vcpus(self) -> int | None:
        """The most vCPUs this machine type takes."""
        vcpu = self._root.find("vcpu")
        value = vcpu.get("max") if vcpu is not None else None
        return int(value) if value is not None and value.isdigit() else None

    # --- firmware -------------------------------------------------------------------

    @property
    def firmwares(self) -> set[str] | None:
        """The firmware kinds libvirt can pick automatically (``efi``, ``bios``).

        ``None`` when the document does not say (libvirt before 5.2); an empty
        set when libvirt found no firmware descriptor for this machine.
        """
        os_node = self._root.find("os")
        if os_node is None or os_node.find("enum[@name='firmware']") is None:
            return None
        return self._values(os_node, "firmware")

    @property
    def loaders(self) -> list[str]:
        """The firmware images libvirt knows for this machine (``<loader><value>``)."""
        return [v.text or "" for v in self._root.iterfind("os/loader/value")]

    @property
    def secure_boot(self) -> bool:
        """Whether a Secure Boot loader can be used (``<enum name='secure'>`` has ``yes``)."""
        return "yes" in self._values(self._root.find("os/loader"), "secure")

    # --- CPU, devices, features -----------------------------------------------------

    @property
    def cpu_modes(self) -> set[str]:
        """The CPU modes supported (``host-passthrough``, ``host-model``, ``maximum``...)."""
        return {
            m.get("name", "")
            for m in self._root.iterfind("cpu/mode")
            if m.get("supported") == "yes"
        }

    def supports(self, device: str) -> bool:
        """Whether the device kind (``tpm``, ``rng``, ``video``...) is supported at all."""
        node = self._root.find(f"devices/{device}")
        return node is not None and node.get("supported") == "yes"

    def device_values(self, device: str, name: str) -> set[str] | None:
        """The values of a device's enumeration (``video``, ``modelType``).

        ``None`` when the document does not list them (an older libvirt):
        the builder then assumes the value is supported.
        """
        node = self._root.find(f"devices/{device}")
        if node is None:
            return None
        if node.get("supported") == "no":
            return set()
        if node.find(f"enum[@name='{name}']") is None:
            return None
        return self._values(node, name)

    def feature(self, name: str) -> bool:
        """Whether a feature (``gic``, ``sev``, ``hyperv``...) is supported."""
        node = self._root.find(f"features/{name}")
        return node is not None and node.get("supported") == "yes"

    @staticmethod
    def _values(node: Any, name: str) -> set[str]:
        if node is None:
            return set()
        return {v.text or "" for v in node.iterfind(f"enum[@name='{name}']/value")}


def require(host: HostCaps | None, device: str, name: str, value: str, what: str) -> None:
    """Refuse, with the host's alternatives, a device value the host does not support.

    Nothing is checked without capabilities, or when they do not list that
    enumeration.
    """
    if host is None:
        return
    values = host.device_values(device, name)
    if values is None or value in values:
        return
    offered = ", ".join(sorted(values)) or "none"
    raise HostSupportError(
        f"the host cannot run {what} {value!r}: its {device} {name} values are {offered}"
        f" ({host.source})"
    )


def from_connection(
    conn: Any,
    *,
    arch: str | None = None,
    machine: str | None = None,
    domain_type: str | None = None,
    emulator: str | None = None,
) -> HostCaps:
    """The domain capabilities a libvirt connection reports (``virsh domcapabilities``).

    ``conn`` is a connection from :func:`domxml.apply.connect`; ``None``
    arguments let libvirt pick (the host's architecture, its default machine).
    What libvirt refuses (an architecture no emulator serves) is a
    :class:`HostSupportError`.
    """
    from domxml.apply.connection import libvirt_module

    try:
        xml = conn.getDomainCapabilities(emulator, arch, machine, domain_type, 0)
    except libvirt_module().libvirtError as error:
        # libvirt refuses when the host has no emulator, machine or
        # accelerator for the request: the host cannot run it.
        raise HostSupportError(f"{conn.getURI()}: {error}") from None
    return HostCaps(xml, source=f"domain capabilities of {conn.getURI()}")
