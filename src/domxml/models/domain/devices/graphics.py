"""Graphical framebuffers (formatdomain "Graphical framebuffers"): ``<graphics>``.

One model per ``type`` (VNC, SPICE, SDL, RDP, desktop, egl-headless,
D-Bus), chosen by the engine from that attribute; each declares its
attributes and children in the order libvirt's formatter writes them
for that type. Where the display listens is given by ``<listen>``
elements (one model per listen ``type``); the legacy ``listen=``
attribute repeats the first one's address.
"""

from __future__ import annotations

import enum

from domxml.binding import (
    INT,
    ON_OFF,
    Model,
    allowed,
    attr,
    child,
    children,
    element,
    matching,
    register_root,
    variant,
)
from domxml.models.domain.devices.audio import DeviceAudio
from domxml.models.domain.devices.chardev import Clipboard, Mouse
from domxml.models.types import AbsFilePath, HostName


class GraphicsType(enum.Enum):
    """The kind of display (``<graphics type=...>``)."""

    SDL = "sdl"
    VNC = "vnc"
    RDP = "rdp"
    DESKTOP = "desktop"
    SPICE = "spice"
    EGL_HEADLESS = "egl-headless"
    DBUS = "dbus"


class ListenType(enum.Enum):
    """Where a display listens (``<listen type=...>``)."""

    ADDRESS = "address"
    NETWORK = "network"
    SOCKET = "socket"
    NONE = "none"


class SharePolicy(enum.Enum):
    """How VNC clients share the display (``sharePolicy``)."""

    ALLOW_EXCLUSIVE = "allow-exclusive"
    FORCE_SHARED = "force-shared"
    IGNORE = "ignore"


class GraphicsConnected(enum.Enum):
    """What happens to connected clients when the password changes (``connected``)."""

    FAIL = "fail"
    DISCONNECT = "disconnect"
    KEEP = "keep"


class SpiceChannelMode(enum.Enum):
    """Whether a SPICE channel must use TLS (``mode``, ``defaultMode``)."""

    ANY = "any"
    SECURE = "secure"
    INSECURE = "insecure"


class SpiceChannelName(enum.Enum):
    """A SPICE channel (``<channel name=...>``)."""

    MAIN = "main"
    DISPLAY = "display"
    INPUTS = "inputs"
    CURSOR = "cursor"
    PLAYBACK = "playback"
    RECORD = "record"
    SMARTCARD = "smartcard"
    USBREDIR = "usbredir"


class ImageCompression(enum.Enum):
    """SPICE image compression (``<image compression=...>``)."""

    AUTO_GLZ = "auto_glz"
    AUTO_LZ = "auto_lz"
    QUIC = "quic"
    GLZ = "glz"
    LZ = "lz"
    OFF = "off"


class WanCompression(enum.Enum):
    """SPICE JPEG or zlib compression for WAN links (``<jpeg>``, ``<zlib>``)."""

    AUTO = "auto"
    NEVER = "never"
    ALWAYS = "always"


class StreamingMode(enum.Enum):
    """SPICE video streaming detection (``<streaming mode=...>``)."""

    FILTER = "filter"
    ALL = "all"
    OFF = "off"


# --- <listen> -----------------------------------------------------------------


@element("listen", discriminator="type")
class Listen(Model):
    """``<listen>``: where the display listens; the subclass follows ``type``."""

    # Required: each variant declares its value as the default, for type
    # checkers (they do not see the one @variant gives).
    type: ListenType | None = attr()


@variant("address")
class AddressListen(Listen):
    """``<listen type='address'>``: an IP address or host name (default: qemu.conf's)."""

    type: ListenType | None = attr(default=ListenType.ADDRESS)
    address: HostName | None = attr(default=None)


@variant("network")
class NetworkListen(Listen):
    """``<listen type='network'>``: an address of a libvirt network.

    ``address`` is output only: the address libvirt picked from the network.
    """

    type: ListenType | None = attr(default=ListenType.NETWORK)
    address: HostName | None = attr(default=None)
    network: str | None = attr()


@variant("socket")
class SocketListen(Listen):
    """``<listen type='socket'>``: a UNIX socket (generated when ``socket`` is absent)."""

    type: ListenType | None = attr(default=ListenType.SOCKET)
    socket: AbsFilePath | None = attr(default=None)


@variant("none")
class NoneListen(Listen):
    """``<listen type='none'>``: no network access (VNC, SPICE: local clients only)."""

    type: ListenType | None = attr(default=ListenType.NONE)


# --- children of several types -------------------------------------------------


@element("gl")
class GraphicsGl(Model):
    """``<gl>``: OpenGL acceleration of the display (SPICE, D-Bus), on a render node.

    SDL's has ``enable`` only (:class:`SdlGraphicsGl`); egl-headless's
    ``rendernode`` only (:class:`EglHeadlessGraphicsGl`).
    """

    enable: bool | None = attr()
    rendernode: AbsFilePath | None = attr(
        doc="the DRM render node, e.g. /dev/dri/renderD128", default=None
    )


@element("gl", without=("rendernode",))
class SdlGraphicsGl(GraphicsGl):
    """``<gl>`` of an SDL display: whether OpenGL is on."""


@element("gl", without=("enable",))
class EglHeadlessGraphicsGl(GraphicsGl):
    """``<gl>`` of an egl-headless display: the render node it uses."""

    enable: bool | None = attr(default=None)


# xsd:dateTime as libvirt writes it (UTC, no fraction, no zone); February
# stops at the 28th, the only day a pattern cannot tell.
_DATE_TIME = matching(
    r"[1-9][0-9]{3}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])"
    r"|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)|02-(?:0[1-9]|1[0-9]|2[0-8]))"
    r"T(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]",
    "dateTime",
)


@element("channel")
class SpiceChannel(Model):
    """``<channel>`` of SPICE: whether one channel must use TLS."""

    name: SpiceChannelName | None = attr()
    mode: SpiceChannelMode | None = attr()


@element("image")
class SpiceImage(Model):
    """``<image>``: SPICE image compression."""

    compression: ImageCompression | None = attr()


@element("jpeg")
class SpiceJpeg(Model):
    """``<jpeg>``: SPICE JPEG compression for WAN links."""

    compression: WanCompression | None = attr()


@element("zlib")
class SpiceZlib(Model):
    """``<zlib>``: SPICE zlib compression for WAN links."""

    compression: WanCompression | None = attr()


@element("playback")
class SpicePlayback(Model):
    """``<playback>``: SPICE audio stream compression."""

    compression: bool | None = attr(codec=ON_OFF)


@element("streaming")
class SpiceStreaming(Model):
    """``<streaming>``: SPICE video streaming."""

    mode: StreamingMode | None = attr()


@element("filetransfer")
class SpiceFiletransfer(Model):
    """``<filetransfer>``: whether files may be dropped into the guest."""

    enable: bool | None = attr()


# --- <graphics> of each type ----------------------------------------------------


@element("graphics", discriminator="type")
class Graphics(Model):
    """``<graphics>``: a graphical display; the subclass follows ``type``."""

    # Required: each variant declares its value as the default, for type
    # checkers (they do not see the one @variant gives).
    type: GraphicsType | None = attr()


@variant("sdl")
class SdlGraphics(Graphics):
    """``<graphics type='sdl'>``: a window on the host's X display."""

    type: GraphicsType | None = attr(default=GraphicsType.SDL)
    display: str | None = attr(default=None)
    xauth: str | None = attr(default=None)
    fullscreen: bool | None = attr(default=None)
    gl: SdlGraphicsGl | None = child(default=None)


# libvirt writes socket= instead of port/autoport/websocket/listen when
# the first <listen> is a socket.
# The socket excludes the network options.
_VNC_NETWORK = (
    "port",
    "autoport",
    "websocket",
    "listen",
    "share_policy",
    "power_control",
    "wait",
)


@variant("vnc", exclusive=tuple(("socket", name) for name in _VNC_NETWORK))
class VncGraphics(Graphics):
    """``<graphics type='vnc'>``: a VNC server."""

    type: GraphicsType | None = attr(default=GraphicsType.VNC)
    socket: AbsFilePath | None = attr(doc="legacy form of <listen type='socket'>", default=None)
    port: int | None = attr(doc="-1 with autoport", default=None, codec=INT.within(-1, 65535))
    autoport: bool | None = attr(default=None)
    websocket: int | None = attr(
        doc="WebSocket port; -1: allocated automatically", default=None, codec=INT.within(-1, 65535)
    )
    listen: HostName | None = attr(doc="legacy form of the first <listen>'s address", default=None)
    keymap: str | None = attr(default=None)
    share_policy: SharePolicy | None = attr("sharePolicy", default=None)
    power_control: bool | None = attr(
        "powerControl", doc="clients may reboot/shut down", default=None
    )
    wait: bool | None = attr(
        doc="bhyve: boot the guest once a VNC client connects (libvirt 12.x)", default=None
    )
    passwd: str | None = attr(default=None)
    passwd_valid_to: str | None = attr(
        "passwdValidTo", doc="UTC, YYYY-MM-DDTHH:MM:SS", default=None, codec=_DATE_TIME
    )
    connected: GraphicsConnected | None = attr(
        doc="keep only", default=None, codec=allowed(GraphicsConnected.KEEP)
    )
    listens: list[Listen] = children(default_factory=list)
    audio: DeviceAudio | None = child(default=None)


@variant("rdp")
class RdpGraphics(Graphics):
    """``<graphics type='rdp'>``: an RDP server."""

    type: GraphicsType | None = attr(default=GraphicsType.RDP)
    port: int | None = attr(default=None, codec=INT.within(-1, 65535))
    autoport: bool | None = attr(default=None)
    replace_user: bool | None = attr("replaceUser", default=None)
    multi_user: bool | None = attr("multiUser", default=None)
    listen: HostName | None = attr(doc="legacy form of the first <listen>'s address", default=None)
    username: str | None = attr(default=None)
    passwd: str | None = attr(default=None)
    listens: list[Listen] = children(default_factory=list)


# libvirt 12.x's schema no longer allows fullscreen= on a desktop display
# (11.3.0's did); a document that has it still reads it.
@variant("desktop", without=("fullscreen",))
class DesktopGraphics(Graphics):
    """``<graphics type='desktop'>``: a window on the host desktop (VirtualBox)."""

    type: GraphicsType | None = attr(default=GraphicsType.DESKTOP)
    display: str | None = attr(default=None)
    fullscreen: bool | None = attr(default=None)


@variant("spice")
class SpiceGraphics(Graphics):
    """``<graphics type='spice'>``: a SPICE server."""

    type: GraphicsType | None = attr(default=GraphicsType.SPICE)
    port: int | None = attr(default=None, codec=INT.within(-1, 65535))
    tls_port: int | None = attr("tlsPort", default=None, codec=INT.within(-1, 65535))
    autoport: bool | None = attr(default=None)
    listen: HostName | None = attr(doc="legacy form of the first <listen>'s address", default=None)
    keymap: str | None = attr(default=None)
    default_mode: SpiceChannelMode | None = attr("defaultMode", default=None)
    passwd: str | None = attr(default=None)
    passwd_valid_to: str | None = attr(
        "passwdValidTo", doc="UTC, YYYY-MM-DDTHH:MM:SS", default=None, codec=_DATE_TIME
    )
    connected: GraphicsConnected | None = attr(default=None)
    listens: list[Listen] = children(default_factory=list)
    channels: list[SpiceChannel] = children(default_factory=list)
    image: SpiceImage | None = child(default=None)
    jpeg: SpiceJpeg | None = child(default=None)
    zlib: SpiceZlib | None = child(default=None)
    playback: SpicePlayback | None = child(default=None)
    streaming: SpiceStreaming | None = child(default=None)
    mouse: Mouse | None = child(default=None)
    clipboard: Clipboard | None = child(default=None)
    filetransfer: SpiceFiletransfer | None = child(default=None)
    gl: GraphicsGl | None = child(default=None)


@variant("egl-headless")
class EglHeadlessGraphics(Graphics):
    """``<graphics type='egl-headless'>``: OpenGL rendering for another display."""

    type: GraphicsType | None = attr(default=GraphicsType.EGL_HEADLESS)
    gl: EglHeadlessGraphicsGl | None = child(default=None)


@variant("dbus", exclusive=(("address", "p2p"),))
class DbusGraphics(Graphics):
    """``<graphics type='dbus'>``: a display exported over D-Bus."""

    type: GraphicsType | None = attr(default=GraphicsType.DBUS)
    p2p: bool | None = attr(doc="peer-to-peer connections instead of a bus", default=None)
    address: str | None = attr(
        doc="the D-Bus address of the bus to use",
        default=None,
        codec=matching(r"[^\n\r]+", "dbusAddr"),
    )
    gl: GraphicsGl | None = child(default=None)
    audio: DeviceAudio | None = child(default=None)


register_root(Graphics)
