"""The network interfaces, serial and parallel ports of a ``.vmx`` file, after libvirt's
``virVMXFormatEthernet``, ``virVMXFormatSerial`` and ``virVMXFormatParallel``."""

from __future__ import annotations

from domxml.errors import NativeConfigError
from domxml.models.domain import (
    BridgeInterface,
    CharProtocolType,
    CharSourceMode,
    CharType,
    Interface,
    MacType,
    NullInterface,
    Parallel,
    Serial,
    UserInterface,
    VdsInterface,
    VdsSource,
)
from domxml.native.common import NativeWarning
from domxml.native.vmx.writer import Writer

__all__ = ["write_ethernet", "write_parallel", "write_serial"]

_PROTOCOL_SCHEMES = {
    CharProtocolType.RAW: "tcp",
    CharProtocolType.TELNET: "telnet",
    CharProtocolType.TELNETS: "telnets",
    CharProtocolType.TLS: "ssl",
}
_NET_MODELS = ("vlance", "vmxnet", "vmxnet2", "vmxnet3", "e1000", "e1000e")


def write_ethernet(w: Writer, interface: Interface, number: int) -> None:
    """``ethernetN.*`` for the Nth interface (*number*)."""
    limit = 9 if w.hw_version >= 7 else 3
    if number > limit:
        raise NativeConfigError(f"ethernet{number}: at most {limit + 1} interfaces are supported")
    prefix = f"ethernet{number}"
    w.set(f"{prefix}.present", "true")
    model = interface.model.type if interface.model is not None else None
    if model is not None:
        if model not in _NET_MODELS:
            raise NativeConfigError(f"{prefix}: no support for interface model {model!r}")
        if model == "vmxnet2":
            w.set(f"{prefix}.virtualDev", "vmxnet")
            w.set(f"{prefix}.features", 15)
        else:
            w.set(f"{prefix}.virtualDev", model)
    if isinstance(interface, BridgeInterface):
        w.set(f"{prefix}.networkName", interface.source.bridge if interface.source else "")
        if interface.target is not None and interface.target.dev is not None:
            w.set(f"{prefix}.connectionType", "custom")
            w.set(f"{prefix}.vnet", interface.target.dev)
        else:
            w.set(f"{prefix}.connectionType", "bridged")
    elif isinstance(interface, UserInterface):
        w.set(f"{prefix}.connectionType", "nat")
    elif isinstance(interface, VdsInterface):
        source = interface.source or VdsSource(switchid=None)
        digits = (source.switchid or "").replace("-", "").lower()
        pairs = [digits[i : i + 2] for i in range(0, 32, 2)]
        w.set(f"{prefix}.dvs.switchId", " ".join(pairs[:8]) + "-" + " ".join(pairs[8:]))
        if source.portid:
            w.set(f"{prefix}.dvs.portId", source.portid)
        if source.portgroupid:
            w.set(f"{prefix}.dvs.portgroupId", source.portgroupid)
        if source.connectionid:
            w.set(f"{prefix}.dvs.connectionId", source.connectionid)
    elif not isinstance(interface, NullInterface):
        kind = interface.type.value if interface.type is not None else "?"
        raise NativeConfigError(f"{prefix}: no support for interfaces of type {kind!r}")
    _mac(w, interface, prefix)


def _mac(w: Writer, interface: Interface, prefix: str) -> None:
    mac = interface.mac
    address = (mac.address if mac is not None else None) or ""
    if not address:
        w.warnings.append(
            NativeWarning(f"{prefix}.address", "the interface has no MAC address; VMware makes one")
        )
        address = "00:00:00:00:00:00"
    octets = [int(part, 16) for part in address.split(":")]
    high = (octets[0] << 16) | (octets[1] << 8) | octets[2]
    low = (octets[3] << 16) | (octets[4] << 8) | octets[5]
    check: bool | None = None
    vpx = False
    # which range a MAC address is in says how VMware made it
    if high == 0x000C29:
        kind = MacType.GENERATED
    elif high == 0x005056 and low <= 0x3FFFFF:
        kind = MacType.STATIC
    elif high == 0x005056 and 0x800000 <= low <= 0xBFFFFF:
        kind, vpx = MacType.GENERATED, True
    else:
        kind, check = MacType.STATIC, False
    if mac is not None and mac.type is not None:
        kind = mac.type
        # an explicit type is what the .vmx file said, where no check is no check
        # (libvirt guesses "false" for a static address outside VMware's ranges)
        check = None
    if mac is not None and mac.check is not None:
        check = mac.check
    text = ":".join(f"{octet:02x}" for octet in octets)
    if kind is MacType.GENERATED:
        w.set(f"{prefix}.addressType", "vpx" if vpx else "generated")
        w.set(f"{prefix}.generatedAddress", text)
        if not vpx:
            w.set(f"{prefix}.generatedAddressOffset", 0)
    else:
        w.set(f"{prefix}.addressType", "static")
        w.set(f"{prefix}.address", text)
    if check is not None:
        w.set(f"{prefix}.checkMACAddress", "true" if check else "false")


def _path(device: Serial | Parallel) -> str | None:
    return device.sources[0].path if device.sources else None


def write_serial(w: Writer, serial: Serial) -> None:
    """``serialN.*`` for a serial port, N its target port."""
    port = serial.target.port if serial.target is not None else None
    if port is None or not 0 <= port <= 3:
        raise NativeConfigError(f"serial port {port}: expecting a port from 0 to 3")
    prefix = f"serial{port}"
    w.set(f"{prefix}.present", "true")
    if serial.type is CharType.DEV:
        w.set(f"{prefix}.fileType", "device")
        w.set(f"{prefix}.fileName", _path(serial))
    elif serial.type is CharType.FILE:
        w.set(f"{prefix}.fileType", "file")
        w.set(f"{prefix}.fileName", w.file_name(_path(serial) or "", prefix))
    elif serial.type is CharType.PIPE:
        # libvirt writes the VI client's defaults for what the XML cannot say
        w.set(f"{prefix}.fileType", "pipe")
        w.set(f"{prefix}.pipe.endPoint", "client")
        w.set(f"{prefix}.tryNoRxLoss", "false")
        w.set(f"{prefix}.fileName", _path(serial))
    elif serial.type is CharType.NULL:
        # what VMware itself writes for a network port with no URI
        w.set(f"{prefix}.fileType", "network")
        w.set(f"{prefix}.fileName", "")
    elif serial.type is CharType.TCP:
        source = serial.sources[0] if serial.sources else None
        protocol = serial.protocol.type if serial.protocol is not None else None
        scheme = _PROTOCOL_SCHEMES[protocol or CharProtocolType.RAW]
        host = source.host if source is not None else None
        service = source.service if source is not None else None
        listen = source is not None and source.mode is CharSourceMode.BIND
        w.set(f"{prefix}.fileType", "network")
        w.set(f"{prefix}.fileName", f"{scheme}://{host}:{service}")
        w.set(f"{prefix}.network.endPoint", "server" if listen else "client")
    else:
        kind = serial.type.value if serial.type is not None else "?"
        raise NativeConfigError(f"{prefix}: no support for a serial port of type {kind!r}")
    w.set(f"{prefix}.yieldOnMsrRead", "true")


def write_parallel(w: Writer, parallel: Parallel) -> None:
    """``parallelN.*`` for a parallel port, N its target port."""
    port = parallel.target.port if parallel.target is not None else None
    if port is None or not 0 <= port <= 2:
        raise NativeConfigError(f"parallel port {port}: expecting a port from 0 to 2")
    prefix = f"parallel{port}"
    w.set(f"{prefix}.present", "true")
    if parallel.type is CharType.DEV:
        w.set(f"{prefix}.fileType", "device")
        w.set(f"{prefix}.fileName", _path(parallel))
    elif parallel.type is CharType.FILE:
        w.set(f"{prefix}.fileType", "file")
        w.set(f"{prefix}.fileName", w.file_name(_path(parallel) or "", prefix))
    else:
        kind = parallel.type.value if parallel.type is not None else "?"
        raise NativeConfigError(f"{prefix}: no support for a parallel port of type {kind!r}")
