"""The VNC display, network interfaces, serial and parallel ports of a ``.vmx`` file,
after libvirt's ``virVMXParseVNC``, ``virVMXParseEthernet``, ``virVMXParseSerial`` and
``virVMXParseParallel``."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from domxml.models.domain import (
    AddressListen,
    BridgeInterface,
    BridgeSource,
    CharProtocol,
    CharProtocolType,
    CharSource,
    CharSourceMode,
    CharType,
    Interface,
    InterfaceModel,
    InterfaceTarget,
    Mac,
    MacType,
    NullInterface,
    Parallel,
    ParallelTarget,
    Serial,
    SerialTarget,
    UserInterface,
    VdsInterface,
    VdsSource,
    VncGraphics,
)
from domxml.native.vmx.reader import Reader, uuid_text

__all__ = ["highest_ethernet", "read_ethernet", "read_parallel", "read_serial", "read_vnc"]

_NET_MODELS = ("vlance", "vmxnet", "vmxnet3", "e1000", "e1000e")
_TCP_PROTOCOLS = {
    "tcp": CharProtocolType.RAW,
    "tcp4": CharProtocolType.RAW,
    "tcp6": CharProtocolType.RAW,
    "telnet": CharProtocolType.TELNET,
    "telnets": CharProtocolType.TELNETS,
    "ssl": CharProtocolType.TLS,
    "tcp+ssl": CharProtocolType.TLS,
    "tcp4+ssl": CharProtocolType.TLS,
    "tcp6+ssl": CharProtocolType.TLS,
}


def read_vnc(r: Reader) -> VncGraphics | None:
    """``RemoteDisplay.vnc.*``: a VNC display, or ``None`` when it is off."""
    if not r.boolean("RemoteDisplay.vnc.enabled", False):
        return None
    port = r.long("RemoteDisplay.vnc.port", -1)
    address = r.string("RemoteDisplay.vnc.ip")
    graphics = VncGraphics(
        keymap=r.string("RemoteDisplay.vnc.keymap"),
        passwd=r.string("RemoteDisplay.vnc.password"),
        listens=[AddressListen(address=address)],
    )
    if port < 0:
        graphics.port, graphics.autoport = -1, True
    else:
        graphics.port, graphics.autoport = port, False
    if address is not None:
        graphics.listen = address
    return graphics


def highest_ethernet(r: Reader) -> int:
    """The highest N of the ``ethernetN.*`` keys (-1: none); a malformed one is an error."""
    highest = -1
    for entry in r.conf.entries:
        name = entry.name.lower()
        if not name.startswith("ethernet"):
            continue
        found = re.match(r"ethernet(\d+)\.", name)
        if found is None:
            raise r.conf.error(f"entry {entry.name!r} does not name an ethernet device", entry)
        highest = max(highest, int(found.group(1)))
    return highest


def read_ethernet(r: Reader, index: int) -> Interface | None:
    """``ethernetN.*``: a network interface, or ``None`` when not present."""
    prefix = f"ethernet{index}"
    if not r.boolean(f"{prefix}.present", False):
        return None
    r.start_connected(prefix)
    connection = r.string(f"{prefix}.connectionType")
    address_type = r.string(f"{prefix}.addressType")
    generated = r.string(f"{prefix}.generatedAddress")
    static = r.string(f"{prefix}.address")
    check = r.string(f"{prefix}.checkMACAddress")
    mac = Mac(address=None)
    if address_type is None or address_type.lower() in ("generated", "vpx"):
        if generated is not None:
            mac.address = _mac(generated, f"{prefix}.generatedAddress", r)
        if address_type is not None:
            mac.type = MacType.GENERATED
    elif address_type.lower() == "static":
        if static is not None:
            mac.address = _mac(static, f"{prefix}.address", r)
        mac.type = MacType.STATIC
    else:
        raise r.fail(
            f"expecting entry '{prefix}.addressType' to be 'generated', 'static' or 'vpx'"
            f" but found {address_type!r}",
            f"{prefix}.addressType",
        )
    if check is not None:
        mac.check = check == "true"
    model = None
    virtual_dev = r.string(f"{prefix}.virtualDev")
    features = r.long(f"{prefix}.features", 0)
    if virtual_dev is not None:
        name = virtual_dev.lower()
        if name not in _NET_MODELS:
            raise r.fail(
                f"expecting entry '{prefix}.virtualDev' to be 'vlance', 'vmxnet', 'vmxnet3',"
                f" 'e1000' or 'e1000e' but found {virtual_dev!r}",
                f"{prefix}.virtualDev",
            )
        # vmxnet with features 15 is VMware's "enhanced vmxnet", vmxnet2
        model = InterfaceModel(type="vmxnet2" if name == "vmxnet" and features == 15 else name)
    kind = (connection or "").lower()
    network = None
    if connection is None or kind in ("bridged", "custom"):
        network = r.string(f"{prefix}.networkName", required=connection is not None)
    vnet = r.string(f"{prefix}.vnet", required=True) if kind == "custom" else None
    switch = r.string(f"{prefix}.dvs.switchId")
    interface: Interface
    if switch is not None:
        interface = VdsInterface(
            source=VdsSource(
                switchid=uuid_text(switch, r, f"{prefix}.dvs.switchId"),
                # libvirt writes no port or connection of 0
                portid=r.long(f"{prefix}.dvs.portId", 0) or None,
                portgroupid=r.string(f"{prefix}.dvs.portgroupId"),
                connectionid=r.long(f"{prefix}.dvs.connectionId", 0) or None,
            )
        )
    elif connection is None and network is None:
        interface = NullInterface()
    elif connection is None or kind == "bridged":
        interface = BridgeInterface(source=BridgeSource(bridge=network))
    elif kind == "nat":
        interface = UserInterface()
    elif kind == "custom":
        interface = BridgeInterface(source=BridgeSource(bridge=network))
        interface.target = InterfaceTarget(dev=vnet)
    else:
        raise r.fail(
            f"no support for entry '{prefix}.connectionType' = {connection!r}",
            f"{prefix}.connectionType",
        )
    interface.mac = mac if (mac.address or mac.type or mac.check is not None) else None
    interface.model = model
    return interface


def _mac(text: str, key: str, r: Reader) -> str:
    if not re.fullmatch(r"[0-9a-fA-F]{1,2}(:[0-9a-fA-F]{1,2}){5}", text):
        raise r.fail(f"expecting entry {key!r} to be a MAC address but found {text!r}", key)
    return ":".join(f"{int(part, 16):02x}" for part in text.split(":"))


def read_serial(r: Reader, port: int) -> Serial | None:
    """``serialN.*``: a serial port, or ``None`` when not present."""
    prefix = f"serial{port}"
    if not r.boolean(f"{prefix}.present", False):
        return None
    r.start_connected(prefix)
    file_type = r.string(f"{prefix}.fileType")
    file_name = r.string(f"{prefix}.fileName")
    end_point = r.string(f"{prefix}.network.endPoint")
    kind = (file_type or "device").lower()
    serial = Serial(type=None, target=SerialTarget(port=port))
    if kind == "device":
        serial.type = CharType.DEV
        serial.sources = [CharSource(path=file_name)] if file_name is not None else []
    elif kind == "file":
        serial.type = CharType.FILE
        path = r.file_name(f"{prefix}.fileName", file_name or "", False)
        serial.sources = [CharSource(path=path)] if path is not None else []
    elif kind == "pipe":
        # client/server and VM/application pipes are one thing to libvirt
        serial.type = CharType.PIPE
        serial.sources = [CharSource(path=file_name)] if file_name is not None else []
    elif kind == "network":
        serial.type = CharType.TCP
        uri = urlsplit(file_name or "")
        try:
            uri_port = uri.port
        except ValueError:
            uri_port = None
        # libvirt keeps a URI it cannot use as a null port rather than fail
        if not uri.netloc or not uri_port:
            serial.type = CharType.NULL
            if file_name:
                r.warn(f"{prefix}.fileName", "not a URI with a port: the port is a null device")
            return serial
        scheme = uri.scheme.lower()
        protocol = _TCP_PROTOCOLS.get(scheme) if scheme else CharProtocolType.RAW
        if protocol is None:
            raise r.fail(
                f"entry '{prefix}.fileName' has an unknown protocol {uri.scheme!r}",
                f"{prefix}.fileName",
            )
        endpoint = (end_point or "server").lower()
        if endpoint not in ("server", "client"):
            raise r.fail(
                f"expecting entry '{prefix}.network.endPoint' to be 'server' or 'client'"
                f" but found {end_point!r}",
                f"{prefix}.network.endPoint",
            )
        serial.sources = [
            CharSource(
                mode=CharSourceMode.BIND if endpoint == "server" else CharSourceMode.CONNECT,
                host=uri.hostname,
                service=str(uri_port),
            )
        ]
        serial.protocol = CharProtocol(type=protocol)
    else:
        raise r.fail(
            f"expecting entry '{prefix}.fileType' to be 'device', 'file', 'pipe' or"
            f" 'network' but found {file_type!r}",
            f"{prefix}.fileType",
        )
    return serial


def read_parallel(r: Reader, port: int) -> Parallel | None:
    """``parallelN.*``: a parallel port, or ``None`` when not present."""
    prefix = f"parallel{port}"
    if not r.boolean(f"{prefix}.present", False):
        return None
    r.start_connected(prefix)
    file_type = r.string(f"{prefix}.fileType", required=True)
    file_name = r.string(f"{prefix}.fileName", required=True)
    assert file_type is not None and file_name is not None
    parallel = Parallel(type=None, target=ParallelTarget(port=port))
    if file_type.lower() == "device":
        parallel.type = CharType.DEV
        parallel.sources = [CharSource(path=file_name)]
    elif file_type.lower() == "file":
        parallel.type = CharType.FILE
        path = r.file_name(f"{prefix}.fileName", file_name, False)
        parallel.sources = [CharSource(path=path)] if path is not None else []
    else:
        raise r.fail(
            f"expecting entry '{prefix}.fileType' to be 'device' or 'file' but found {file_type!r}",
            f"{prefix}.fileType",
        )
    return parallel
