"""Character devices: sources, reconnect, protocols; serial and parallel ports per machine."""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from domxml.semantic.document import Doc, parse_int
from domxml.semantic.registry import ERROR, Hit, rule

#: Elements whose ``type`` attribute and ``<source>`` are a character device.
_CHARDEVS = ("serial", "parallel", "console", "channel")


def _sources(doc: Doc) -> Iterator[tuple[etree._Element, str, etree._Element | None]]:
    """Each character device: the element, its type, its first ``<source>``."""
    for device in doc.dev(*_CHARDEVS):
        yield device, device.get("type") or "pty", doc.child(device, "source")
    for rng in doc.dev("rng"):
        backend = doc.child(rng, "backend")
        if backend is not None and backend.get("model") == "egd":
            yield backend, backend.get("type") or "", doc.child(backend, "source")
    for redirdev in doc.dev("redirdev"):
        yield redirdev, redirdev.get("type") or "", doc.child(redirdev, "source")


def _auto_path(device: etree._Element, doc: Doc) -> bool:
    """Whether libvirt makes up the socket path itself (virtio and Xen channels)."""
    target = doc.child(device, "target")
    return (
        device.tag == "channel" and target is not None and target.get("type") in ("virtio", "xen")
    )


@rule(
    "chardev-source-missing",
    ERROR,
    "A file, device, pipe or UNIX socket character device without a path",
    "Missing source path attribute for char device",
    "add <source path='...'/>",
    needs=("serial", "parallel", "console", "channel", "rng", "redirdev"),
)
def chardev_source_missing(doc: Doc) -> Iterator[Hit]:
    for device, kind, source in _sources(doc):
        if kind in ("file", "dev", "pipe", "unix"):
            if source is not None and source.get("path"):
                continue
            if kind == "unix" and _auto_path(device, doc):
                continue
            yield Hit(device, "Missing source path attribute for char device")
        elif kind == "tcp" and (source is None or not source.get("host")):
            if source is None or not source.get("service"):
                yield Hit(device, "Missing source service attribute for char device")
            else:
                yield Hit(device, "Missing source host attribute for char device")


@rule(
    "chardev-reconnect",
    ERROR,
    "Reconnect on a listening character device, or a reconnect timeout of 0",
    "chardev reconnect source timeout cannot be '0'",
    "reconnect is for mode='connect', with a timeout of at least 1 second",
    needs=("reconnect",),
)
def chardev_reconnect(doc: Doc) -> Iterator[Hit]:
    for _, kind, source in _sources(doc):
        reconnect = doc.child(source, "reconnect")
        if source is None or reconnect is None or reconnect.get("enabled") != "yes":
            continue
        if kind in ("tcp", "unix") and source.get("mode") == "bind":
            yield Hit(reconnect, "chardev reconnect is possible only for connect mode")
        elif parse_int(reconnect.get("timeout")) == 0 and doc.qemu:
            yield Hit(reconnect, "chardev reconnect source timeout cannot be '0'", "timeout")


#: TCP character device protocols QEMU takes.
_TCP_PROTOCOLS = ("raw", "telnet", "telnets", "tls")


@rule(
    "chardev-tcp-protocol",
    ERROR,
    "A TCP character device with protocol 'tls' or 'telnets' (use <source tls='yes'>)",
    "tcp chardev protocol '%s' not supported",
    "use <protocol type='raw'/> with <source ... tls='yes'/>",
    needs=("protocol",),
)
def chardev_tcp_protocol(doc: Doc) -> Iterator[Hit]:
    if not doc.qemu:
        return
    for device, kind, _ in _sources(doc):
        protocol = doc.child(device, "protocol")
        if kind == "tcp" and protocol is not None and protocol.get("type") in ("tls", "telnets"):
            yield Hit(
                protocol, f"tcp chardev protocol '{protocol.get('type')}' not supported", "type"
            )


@rule(
    "parallel-unsupported",
    ERROR,
    "A parallel port on s390 or pSeries",
    "parallel ports are not supported",
    "remove the <parallel> device",
    needs=("parallel",),
)
def parallel_unsupported(doc: Doc) -> Iterator[Hit]:
    if doc.qemu and (doc.s390 or doc.pseries):
        for device in doc.dev("parallel"):
            yield Hit(device, "parallel ports are not supported")


@rule(
    "serial-target-machine",
    ERROR,
    "A serial port target type or model the machine does not have (pl011 off ARM virt...)",
    "Serial device with target type '%s' and target model '%s' not compatible with guest"
    " architecture or machine type",
    "drop <target type> and <model> and let libvirt pick the machine's serial port",
    needs=("serial",),
)
def serial_target_machine(doc: Doc) -> Iterator[Hit]:
    if not doc.qemu:
        return
    for serial in doc.dev("serial"):
        target = doc.child(serial, "target")
        if target is None:
            continue
        kind = target.get("type")
        model_el = doc.child(target, "model")
        model = model_el.get("name") if model_el is not None else None
        compatible = True
        if kind == "system-serial":
            if model == "pl011" and not doc.arm_virt:
                compatible = False
            if model == "16550a" and not (
                doc.riscv_virt or (doc.arch == "loongarch64" and doc.family == "virt")
            ):
                compatible = False
        if not doc.pseries and (kind == "spapr-vio-serial" or model == "spapr-vty"):
            compatible = False
        if not doc.s390 and (kind == "sclp-serial" or model in ("sclpconsole", "sclplmconsole")):
            compatible = False
        if not compatible:
            yield Hit(
                target,
                f"Serial device with target type '{kind}' and target model '{model}' not"
                " compatible with guest architecture or machine type",
            )
