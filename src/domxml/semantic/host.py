"""Host-aware rules: what the host's domain capabilities say it cannot run.

They run only when domain capabilities are given (``--domcaps FILE``, or
``-c URI`` to ask a libvirt); each compares the domain with the capabilities
matching its type, arch and machine. Most refusals here happen when the
domain starts, on that host: they are warnings, unless libvirt refuses the
definition itself.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from domxml.semantic.document import Doc
from domxml.semantic.registry import ERROR, WARNING, Hit, rule

__all__ = ["capabilities_from"]


def _emulator(doc: Doc) -> str:
    emulator = doc.path("devices", "emulator")
    return (emulator.text or "").strip() if emulator is not None else ""


#: Architectures an emulator runs besides its own (qemu-system-x86_64 runs i686 guests).
_ALSO_RUNS = {"x86_64": ("i686",), "aarch64": ("armv7l",), "ppc64": ("ppc64le", "ppc")}


@rule(
    "host-arch",
    ERROR,
    "An architecture the emulator (<emulator>, per its domain capabilities) does not run",
    "Emulator '%s' does not support arch '%s'",
    "use the emulator of that architecture (qemu-system-ARCH)",
    when="host",
    needs=("emulator",),
)
def host_arch(doc: Doc) -> Iterator[Hit]:
    emulator = _emulator(doc)
    if not doc.capabilities or not emulator or not doc.arch:
        return
    same = [c for c in doc.capabilities if c.emulator == emulator]
    if not same:
        return
    runs = {c.arch for c in same}
    runs |= {extra for arch in list(runs) for extra in _ALSO_RUNS.get(arch, ())}
    if doc.arch not in runs:
        yield Hit(
            doc.os_type if doc.os_type is not None else doc.root,
            f"Emulator '{emulator}' does not support arch '{doc.arch}'",
            "arch",
        )


#: Domain types of every QEMU host (kvm when it has /dev/kvm).
_COMMON_TYPES = ("qemu", "kvm")


@rule(
    "host-virt-type",
    ERROR,
    "A domain type the host's emulator for that arch does not offer (hvf off macOS)",
    "Emulator '%s' does not support virt type '%s'",
    "use type='kvm' (or type='qemu' without hardware virtualization)",
    when="host",
)
def host_virt_type(doc: Doc) -> Iterator[Hit]:
    same_arch = [c for c in doc.capabilities if c.arch == doc.arch]
    if not same_arch or any(c.virt_type == doc.virt_type for c in same_arch):
        return
    emulator = _emulator(doc) or same_arch[0].emulator
    # Capabilities of kvm alone say nothing of qemu (TCG), and the reverse:
    # `virsh domcapabilities` gives one type at a time. Unless they are all
    # the host offers (-c), only a type no host of this kind offers is
    # refused (hvf off macOS...).
    if doc.virt_type in _COMMON_TYPES:
        if doc.whole_host:
            yield Hit(
                doc.root,
                f"Emulator '{emulator}' does not support virt type '{doc.virt_type}': the host"
                " offers no " + ("KVM (/dev/kvm)" if doc.virt_type == "kvm" else "TCG"),
                "type",
            )
        return
    yield Hit(
        doc.root, f"Emulator '{emulator}' does not support virt type '{doc.virt_type}'", "type"
    )


@rule(
    "host-cpu-mode",
    WARNING,
    "A CPU mode the domain capabilities mark unsupported (host-passthrough under TCG...)",
    "CPU mode '%s' for %s %s domain on %s host is not supported by hypervisor",
    "use a CPU mode the host supports (`virsh domcapabilities`: <cpu><mode supported='yes'>)",
    when="host",
    needs=("cpu",),
)
def host_cpu_mode(doc: Doc) -> Iterator[Hit]:
    if doc.caps is None or doc.cpu is None:
        return
    mode = doc.cpu.get("mode") or "custom"
    modes = doc.caps.cpu_modes()
    if modes.get(mode) is False:
        yield Hit(
            doc.cpu,
            f"CPU mode '{mode}' for {doc.arch} {doc.virt_type} domain on {doc.caps.arch} host is"
            " not supported by hypervisor: the domain will fail to start",
            "mode" if doc.cpu.get("mode") else None,
        )
    if mode == "custom" and modes.get("custom"):
        model = doc.child(doc.cpu, "model")
        name = (model.text or "").strip() if model is not None else ""
        models = doc.caps.cpu_models()
        if name and models and name not in models:
            yield Hit(
                model,  # type: ignore[arg-type]
                f"CPU model '{name}' is not among the host's: the domain will fail to start",
            )


#: (device, attribute, where its value sits, domain capabilities element, enum).
_ENUMS = (
    ("disk", "bus", "target", "devices/disk", "bus"),
    ("disk", "device", None, "devices/disk", "diskDevice"),
    ("video", "type", "model", "devices/video", "modelType"),
    ("graphics", "type", None, "devices/graphics", "type"),
    ("rng", "model", "backend", "devices/rng", "backendModel"),
    ("tpm", "model", None, "devices/tpm", "model"),
    ("tpm", "type", "backend", "devices/tpm", "backendModel"),
    ("redirdev", "bus", None, "devices/redirdev", "bus"),
    ("panic", "model", None, "devices/panic", "model"),
    ("crypto", "model", None, "devices/crypto", "model"),
)


@rule(
    "host-device-model",
    WARNING,
    "A device type, model or bus the domain capabilities do not list",
    "",
    "use one the host lists in `virsh domcapabilities` (<devices>)",
    when="host",
)
def host_device_model(doc: Doc) -> Iterator[Hit]:
    caps = doc.caps
    if caps is None:
        return
    for tag, attribute, child, where, name in _ENUMS:
        allowed = caps.enum(where, name) if doc.dev(tag) else None
        if not allowed:
            continue
        for device in doc.dev(tag):
            holder = doc.child(device, child) if child else device
            value = holder.get(attribute) if holder is not None else None
            if holder is None or value is None or value in allowed:
                continue
            yield Hit(
                holder,
                f"{tag} {attribute} '{value}' is not among those the host's emulator offers"
                f" ({', '.join(sorted(allowed))})",
                attribute,
            )


@rule(
    "host-firmware",
    WARNING,
    "A firmware type, loader type or Secure Boot the domain capabilities do not offer",
    "",
    "use firmware the host has (`virsh domcapabilities`: <os><enum name='firmware'>)",
    when="host",
    needs=("os",),
)
def host_firmware(doc: Doc) -> Iterator[Hit]:
    caps = doc.caps
    if caps is None or doc.os is None:
        return
    firmware = doc.os.get("firmware")
    offered = caps.enum("os", "firmware")
    if firmware and offered is not None and firmware not in offered:
        yield Hit(doc.os, f"firmware '{firmware}' is not offered by this host", "firmware")
    loader = doc.child(doc.os, "loader")
    if loader is None:
        return
    # Automatic selection only picks firmware the host's descriptors list; the
    # capabilities list their code images.
    path = (loader.text or "").strip()
    images = {(v.text or "").strip() for v in caps.root.iterfind("os/loader/value")}
    if firmware and path and images and path not in images:
        yield Hit(
            loader,
            f"Unable to find '{firmware}' firmware that is compatible with the current"
            f" configuration: the host's firmware descriptors do not list {path}; the domain"
            " will fail to start",
        )
    for attribute, enum in (("type", "type"), ("secure", "secure")):
        value = loader.get(attribute)
        allowed = caps.enum("os/loader", enum)
        if value and allowed and value not in allowed:
            yield Hit(
                loader,
                f"loader {attribute}='{value}' is not offered by this host's firmware",
                attribute,
            )


@rule(
    "host-memory-backing",
    WARNING,
    "A memory backing source type the domain capabilities do not list",
    "",
    "use a source type of `virsh domcapabilities` <memoryBacking>",
    when="host",
    needs=("memoryBacking",),
)
def host_memory_backing(doc: Doc) -> Iterator[Hit]:
    source = doc.path("memoryBacking", "source")
    if doc.caps is None or source is None or not source.get("type"):
        return
    allowed = doc.caps.enum("memoryBacking", "sourceType")
    if allowed and source.get("type") not in allowed:
        yield Hit(
            source,
            f"memory backing source type '{source.get('type')}' is not offered by this host",
            "type",
        )


def capabilities_from(uri: str) -> list[bytes]:
    """The domain capabilities a libvirt offers: one document per arch and domain type.

    Asks the libvirt at ``uri`` (through the apply layer's connection, the
    only code that talks to libvirt) for its capabilities, then for the
    domain capabilities of each guest architecture and domain type it lists.
    """
    from lxml import etree

    from domxml.apply.connection import connect, libvirt_errors
    from domxml.safe_xml import parse_tree

    conn: Any = connect(uri)
    try:
        with libvirt_errors(f"cannot read the capabilities of {uri}"):
            host = parse_tree(conn.getCapabilities().encode())
        found: list[bytes] = []
        for guest in host.iterfind("guest"):
            arch = guest.find("arch")
            if arch is None or guest.findtext("os_type") != "hvm":
                continue
            emulator = (arch.findtext("emulator") or "").strip() or None
            for domain in arch.iterfind("domain"):
                with libvirt_errors(f"cannot read the domain capabilities of {uri}"):
                    xml = conn.getDomainCapabilities(
                        emulator, arch.get("name"), None, domain.get("type"), 0
                    )
                found.append(etree.tostring(parse_tree(xml.encode())))
        return found
    finally:
        conn.close()
