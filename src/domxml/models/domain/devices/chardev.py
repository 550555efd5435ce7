"""Character devices (formatdomain "Consoles, serial, parallel & channel devices").

``<serial>``, ``<parallel>``, ``<console>`` and ``<channel>``; and the
pieces of a character device's host side, which libvirt formats with one
function (``virDomainChrSourceDefFormat``) wherever a chardev appears.
They are shared: an RNG's ``<backend model='egd'>``, a smartcard in
``passthrough`` mode and a ``<redirdev>`` use them too. Such an element
carries ``type`` (a :class:`CharType`) and then, as children:

- ``sources``: :class:`CharSource`, the ``<source>`` elements (UDP has two,
  ``mode='bind'`` and ``mode='connect'``; most types one; ``pty`` may have
  none);
- ``protocol``: :class:`CharProtocol`, ``<protocol type>`` of TCP;
- ``log``: :class:`CharLog`, ``<log file append>``.

What a source holds depends on the chardev ``type``:

- ``pty``, ``dev``, ``file``, ``pipe``: ``path`` (and ``append`` for ``file``),
  ``seclabels``;
- ``unix``: ``mode``, ``path``, ``seclabels``, ``reconnect``;
- ``tcp``: ``mode``, ``host``, ``service``, ``tls``, ``reconnect``;
- ``udp``: ``mode``, ``host``, ``service``;
- ``spiceport`` and ``dbus``: ``channel``;
- ``nmdm``: ``master`` and ``slave``;
- ``qemu-vdagent``: ``clipboard`` and ``mouse``;
- ``null``, ``vc``, ``stdio``, ``spicevmc``: no source.
"""

from __future__ import annotations

import enum

from domxml.binding import ON_OFF, Model, attr, child, children, element, register_root
from domxml.models.domain.devices.address import Address
from domxml.models.domain.devices.common import Alias, DeviceAcpi
from domxml.models.domain.seclabel import DeviceSeclabel
from domxml.models.domain.storage_source import Reconnect


class CharType(enum.Enum):
    """What the host side of a character device is (``type=``)."""

    NULL = "null"
    VC = "vc"
    PTY = "pty"
    DEV = "dev"
    FILE = "file"
    PIPE = "pipe"
    STDIO = "stdio"
    UDP = "udp"
    TCP = "tcp"
    UNIX = "unix"
    SPICEVMC = "spicevmc"
    SPICEPORT = "spiceport"
    NMDM = "nmdm"
    QEMU_VDAGENT = "qemu-vdagent"
    DBUS = "dbus"


class CharSourceMode(enum.Enum):
    """Whether a socket source listens or connects (``<source mode=...>``)."""

    BIND = "bind"
    CONNECT = "connect"


class CharProtocolType(enum.Enum):
    """The wire protocol of a TCP character device (``<protocol type=...>``)."""

    RAW = "raw"
    TELNET = "telnet"
    TELNETS = "telnets"
    TLS = "tls"


class MouseMode(enum.Enum):
    """Who draws the mouse pointer (``<mouse mode=...>``): the server, or the client."""

    SERVER = "server"
    CLIENT = "client"


@element("clipboard")
class Clipboard(Model):
    """``<clipboard>``: whether the SPICE/vdagent clipboard is shared with the guest."""

    copypaste: bool | None = attr()


@element("mouse")
class Mouse(Model):
    """``<mouse>``: the mouse mode of a SPICE display or a qemu-vdagent channel."""

    mode: MouseMode | None = attr()


# libvirt's attribute order, for every type at once: unix writes mode then
# path, file path then append, tcp mode, host, service then tls.
@element("source")
class CharSource(Model):
    """``<source>``: the host side of a character device; which fields apply follows ``type``."""

    mode: CharSourceMode | None = attr(doc="unix, tcp, udp: listen (bind) or connect")
    path: str | None = attr(doc="pty, dev, file, pipe, unix: the host path")
    append: bool | None = attr(codec=ON_OFF, doc="file: append instead of truncating")
    host: str | None = attr(doc="tcp, udp: the address to bind or connect to")
    service: str | None = attr(doc="tcp, udp: the port")
    tls: bool | None = attr(doc="tcp: use TLS (the default comes from qemu.conf)")
    channel: str | None = attr(doc="spiceport, dbus: the channel name")
    master: str | None = attr(doc="nmdm: the master device")
    slave: str | None = attr(doc="nmdm: the slave device")
    seclabels: list[DeviceSeclabel] = children()
    reconnect: Reconnect | None = child(doc="unix, tcp in connect mode")
    clipboard: Clipboard | None = child(doc="qemu-vdagent")
    mouse: Mouse | None = child(doc="qemu-vdagent")


@element("protocol")
class CharProtocol(Model):
    """``<protocol>``: the protocol spoken over a TCP character device."""

    type: CharProtocolType | None = attr()


@element("log")
class CharLog(Model):
    """``<log>``: a file that receives a copy of the device's output."""

    file: str | None = attr()
    append: bool | None = attr(codec=ON_OFF)


# --- targets: the guest side -------------------------------------------------


class SerialTargetType(enum.Enum):
    """The kind of serial port the guest sees (``<target type=...>`` of ``<serial>``)."""

    ISA_SERIAL = "isa-serial"
    USB_SERIAL = "usb-serial"
    PCI_SERIAL = "pci-serial"
    SPAPR_VIO_SERIAL = "spapr-vio-serial"
    SYSTEM_SERIAL = "system-serial"
    SCLP_SERIAL = "sclp-serial"
    ISA_DEBUG = "isa-debug"


class SerialModel(enum.Enum):
    """The emulated serial device (``<model name=...>`` of a serial target)."""

    ISA_SERIAL = "isa-serial"
    USB_SERIAL = "usb-serial"
    PCI_SERIAL = "pci-serial"
    SPAPR_VTY = "spapr-vty"
    PL011 = "pl011"
    UART_16550A = "16550a"
    SCLPCONSOLE = "sclpconsole"
    SCLPLMCONSOLE = "sclplmconsole"
    ISA_DEBUGCON = "isa-debugcon"


class ConsoleTargetType(enum.Enum):
    """The kind of console the guest sees (``<target type=...>`` of ``<console>``)."""

    SERIAL = "serial"
    XEN = "xen"
    UML = "uml"
    VIRTIO = "virtio"
    LXC = "lxc"
    OPENVZ = "openvz"
    SCLP = "sclp"
    SCLPLM = "sclplm"


class ChannelTargetType(enum.Enum):
    """How a channel reaches the guest (``<target type=...>`` of ``<channel>``)."""

    GUESTFWD = "guestfwd"
    VIRTIO = "virtio"
    XEN = "xen"


class ChannelState(enum.Enum):
    """Whether the guest side of a virtio channel is open (output only)."""

    CONNECTED = "connected"
    DISCONNECTED = "disconnected"


@element("model")
class SerialTargetModel(Model):
    """``<model>`` of a serial target: the device that emulates the port."""

    name: SerialModel | None = attr()


@element("target")
class SerialTarget(Model):
    """``<target>`` of a ``<serial>``: the port the guest sees."""

    type: SerialTargetType | None = attr()
    port: int | None = attr()
    model: SerialTargetModel | None = child()


@element("target")
class ParallelTarget(Model):
    """``<target>`` of a ``<parallel>``: the port number the guest sees."""

    port: int | None = attr()


@element("target")
class ConsoleTarget(Model):
    """``<target>`` of a ``<console>``: the kind of console and its number."""

    type: ConsoleTargetType | None = attr()
    port: int | None = attr()


@element("target")
class ChannelTarget(Model):
    """``<target>`` of a ``<channel>``.

    ``guestfwd``: the guest ``address`` and ``port`` forwarded to the host;
    ``virtio`` and ``xen``: the port's ``name`` (and, output only, ``state``).
    """

    type: ChannelTargetType | None = attr()
    address: str | None = attr()
    port: int | None = attr()
    name: str | None = attr()
    state: ChannelState | None = attr()


# --- the devices ---------------------------------------------------------------


@element("serial")
class Serial(Model):
    """``<serial>``: a serial port."""

    type: CharType | None = attr()
    sources: list[CharSource] = children()
    protocol: CharProtocol | None = child()
    log: CharLog | None = child()
    target: SerialTarget | None = child()
    alias: Alias | None = child()
    acpi: DeviceAcpi | None = child()
    address: Address | None = child()


@element("parallel")
class Parallel(Model):
    """``<parallel>``: a parallel port."""

    type: CharType | None = attr()
    sources: list[CharSource] = children()
    protocol: CharProtocol | None = child()
    log: CharLog | None = child()
    target: ParallelTarget | None = child()
    alias: Alias | None = child()
    acpi: DeviceAcpi | None = child()
    address: Address | None = child()


@element("console")
class Console(Model):
    """``<console>``: an interactive console (a serial port, virtio, Xen, LXC...)."""

    type: CharType | None = attr()
    tty: str | None = attr(doc="the pty of a running guest's first console (legacy form)")
    sources: list[CharSource] = children()
    protocol: CharProtocol | None = child()
    log: CharLog | None = child()
    target: ConsoleTarget | None = child()
    alias: Alias | None = child()
    acpi: DeviceAcpi | None = child()
    address: Address | None = child()


@element("channel")
class Channel(Model):
    """``<channel>``: a host-guest communication channel (guest agent, SPICE agent...)."""

    type: CharType | None = attr()
    sources: list[CharSource] = children()
    protocol: CharProtocol | None = child()
    log: CharLog | None = child()
    target: ChannelTarget | None = child()
    alias: Alias | None = child()
    acpi: DeviceAcpi | None = child()
    address: Address | None = child()


register_root(Serial)
register_root(Parallel)
register_root(Console)
register_root(Channel)
