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

from domxml.binding import ON_OFF, Model, attr, child, children, depends_on, element, register_root
from domxml.models.domain.devices.address import Address
from domxml.models.domain.devices.common import Alias, DeviceAcpi
from domxml.models.domain.seclabel import DeviceSeclabel
from domxml.models.domain.storage_source import Reconnect
from domxml.models.types import AbsFilePath


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
# path, file path then append, tcp mode, host, service then tls. A unix
# source's <reconnect> comes first: libvirt writes it after the <seclabel>s,
# which its schema does not accept.
@element("source")
class CharSource(Model):
    """``<source>``: the host side of a character device; which fields apply follows ``type``."""

    mode: CharSourceMode | None = attr(doc="unix, tcp, udp: listen (bind) or connect", default=None)
    path: str | None = attr(doc="pty, dev, file, pipe, unix: the host path", default=None)
    append: bool | None = attr(codec=ON_OFF, doc="file: append instead of truncating", default=None)
    host: str | None = attr(doc="tcp, udp: the address to bind or connect to", default=None)
    service: str | None = attr(doc="tcp, udp: the port", default=None)
    tls: bool | None = attr(doc="tcp: use TLS (the default comes from qemu.conf)", default=None)
    channel: str | None = attr(doc="spiceport, dbus: the channel name", default=None)
    master: str | None = attr(doc="nmdm: the master device", default=None)
    slave: str | None = attr(doc="nmdm: the slave device", default=None)
    reconnect: Reconnect | None = child(doc="unix, tcp in connect mode", default=None)
    seclabels: list[DeviceSeclabel] = children(default_factory=list)
    clipboard: Clipboard | None = child(doc="qemu-vdagent", default=None)
    mouse: Mouse | None = child(doc="qemu-vdagent", default=None)


@element("protocol")
class CharProtocol(Model):
    """``<protocol>``: the protocol spoken over a TCP character device."""

    type: CharProtocolType | None = attr(default=None)


@element("log")
class CharLog(Model):
    """``<log>``: a file that receives a copy of the device's output."""

    file: AbsFilePath | None = attr()
    append: bool | None = attr(codec=ON_OFF, default=None)


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

    type: SerialTargetType | None = attr(default=None)
    port: int | None = attr(default=None)
    model: SerialTargetModel | None = child(default=None)


@element("target")
class ParallelTarget(Model):
    """``<target>`` of a ``<parallel>``: the port number the guest sees.

    ``type`` and ``<model>`` are here because libvirt's schema shares one
    target definition among serial ports, consoles and parallel ports;
    libvirt itself neither reads nor writes them on a parallel port.
    """

    port: int | None = attr(default=None)
    type: SerialTargetType | None = attr(default=None)
    model: SerialTargetModel | None = child(default=None)


@element("target")
class ConsoleTarget(Model):
    """``<target>`` of a ``<console>``: the kind of console and its number."""

    type: ConsoleTargetType | None = attr(default=None)
    port: int | None = attr(default=None)
    model: SerialTargetModel | None = child(
        default=None, doc="allowed by the schema's shared target; libvirt ignores it here"
    )


@element(
    "target",
    depends=(
        depends_on(
            "type",
            allows={
                ChannelTargetType.GUESTFWD: ("address", "port"),
                ChannelTargetType.VIRTIO: ("name", "state"),
                ChannelTargetType.XEN: ("name",),
            },
            needs={ChannelTargetType.GUESTFWD: ("address", "port")},
        ),
    ),
)
class ChannelTarget(Model):
    """``<target>`` of a ``<channel>``.

    ``guestfwd``: the guest ``address`` and ``port`` forwarded to the host;
    ``virtio`` and ``xen``: the port's ``name`` (and, output only, ``state``).
    """

    type: ChannelTargetType | None = attr()
    address: str | None = attr(default=None)
    port: int | None = attr(default=None)
    name: str | None = attr(default=None)
    state: ChannelState | None = attr(default=None)


# --- the devices ---------------------------------------------------------------


@element("serial")
class Serial(Model):
    """``<serial>``: a serial port."""

    type: CharType | None = attr()
    sources: list[CharSource] = children(default_factory=list)
    protocol: CharProtocol | None = child(default=None)
    log: CharLog | None = child(default=None)
    target: SerialTarget | None = child(default=None)
    alias: Alias | None = child(default=None)
    acpi: DeviceAcpi | None = child(default=None)
    address: Address | None = child(default=None)


@element("parallel")
class Parallel(Model):
    """``<parallel>``: a parallel port."""

    type: CharType | None = attr()
    sources: list[CharSource] = children(default_factory=list)
    protocol: CharProtocol | None = child(default=None)
    log: CharLog | None = child(default=None)
    target: ParallelTarget | None = child(default=None)
    alias: Alias | None = child(default=None)
    acpi: DeviceAcpi | None = child(default=None)
    address: Address | None = child(default=None)


# Without a type, a console is the legacy <console tty=.../> and holds nothing.
_CONSOLE_CONTENT = ("sources", "protocol", "log", "target", "alias", "acpi", "address")


@element(
    "console",
    depends=(depends_on("type", allows={t: _CONSOLE_CONTENT for t in CharType}),),
)
class Console(Model):
    """``<console>``: an interactive console (a serial port, virtio, Xen, LXC...).

    A console without ``type`` (the legacy form) has ``tty`` and nothing else.
    """

    type: CharType | None = attr(default=None)
    tty: AbsFilePath | None = attr(
        doc="the pty of a running guest's first console (legacy form)", default=None
    )
    sources: list[CharSource] = children(default_factory=list)
    protocol: CharProtocol | None = child(default=None)
    log: CharLog | None = child(default=None)
    target: ConsoleTarget | None = child(default=None)
    alias: Alias | None = child(default=None)
    acpi: DeviceAcpi | None = child(default=None)
    address: Address | None = child(default=None)


# libvirt reads and writes <acpi> for every device; the schema has none for a
# channel.
@element("channel", without=("acpi",))
class Channel(Model):
    """``<channel>``: a host-guest communication channel (guest agent, SPICE agent...)."""

    type: CharType | None = attr()
    sources: list[CharSource] = children(default_factory=list)
    protocol: CharProtocol | None = child(default=None)
    log: CharLog | None = child(default=None)
    target: ChannelTarget | None = child()
    alias: Alias | None = child(default=None)
    acpi: DeviceAcpi | None = child(default=None)
    address: Address | None = child(default=None)


register_root(Serial)
register_root(Parallel)
register_root(Console)
register_root(Channel)
