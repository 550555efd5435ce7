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

    type: ListenType | None = attr(default=None)


@variant("address")
class AddressListen(Listen):
    """``<listen type='address'>``: an IP address or host name (default: qemu.conf's)."""

    address: HostName | None = attr(default=None)


@variant("network")
class NetworkListen(Listen):
    """``<listen type='network'>``: an address of a libvirt network.

    ``address`` is output only: the address libvirt picked from the network.
    """

    address: HostName | None = attr(default=None)
    network: str | None = attr()


@variant("socket")
class SocketListen(Listen):
    """``<listen type='socket'>``: a UNIX socket (generated when ``socket`` is absent)."""

    socket: AbsFilePath | None = attr(default=None)


@variant("none")
class NoneListen(Listen):
    """``<listen type='none'>``: no network access (VNC, SPICE: local clients only)."""


# --- children of several types -------------------------------------------------


@element("gl")
class GraphicsGl(Model):
    """``<gl>``: OpenGL acceleration of the display, on a render node.

    SDL uses ``enable`` only; egl-headless ``rendernode`` only.
    """

    enable: bool | None = attr(default=None)
    rendernode: AbsFilePath | None = attr(
        doc="the DRM render node, e.g. /dev/dri/renderD128", default=None
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

    type: GraphicsType | None = attr(default=None)


@variant("sdl")
class SdlGraphics(Graphics):
    """``<graphics type='sdl'>``: a window on the host's X display."""

    display: str | None = attr(default=None)
    xauth: str | None = attr(default=None)
    fullscreen: bool | None = attr(default=None)
    gl: GraphicsGl | None = child(default=None)


# libvirt writes socket= instead of port/autoport/websocket/listen when
# the first <listen> is a socket.
@variant("vnc")
class VncGraphics(Graphics):
    """``<graphics type='vnc'>``: a VNC server."""

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
    passwd: str | None = attr(default=None)
    passwd_valid_to: str | None = attr(
        "passwdValidTo", doc="UTC, YYYY-MM-DDTHH:MM:SS", default=None
    )
    connected: GraphicsConnected | None = attr(doc="keep only", default=None)
    listens: list[Listen] = children(default_factory=list)
    audio: DeviceAudio | None = child(default=None)


@variant("rdp")
class RdpGraphics(Graphics):
    """``<graphics type='rdp'>``: an RDP server."""

    port: int | None = attr(default=None, codec=INT.within(-1, 65535))
    autoport: bool | None = attr(default=None)
    replace_user: bool | None = attr("replaceUser", default=None)
    multi_user: bool | None = attr("multiUser", default=None)
    listen: HostName | None = attr(doc="legacy form of the first <listen>'s address", default=None)
    username: str | None = attr(default=None)
    passwd: str | None = attr(default=None)
    listens: list[Listen] = children(default_factory=list)


@variant("desktop")
class DesktopGraphics(Graphics):
    """``<graphics type='desktop'>``: a window on the host desktop (VirtualBox)."""

    display: str | None = attr(default=None)
    fullscreen: bool | None = attr(default=None)


@variant("spice")
class SpiceGraphics(Graphics):
    """``<graphics type='spice'>``: a SPICE server."""

    port: int | None = attr(default=None, codec=INT.within(-1, 65535))
    tls_port: int | None = attr("tlsPort", default=None, codec=INT.within(-1, 65535))
    autoport: bool | None = attr(default=None)
    listen: HostName | None = attr(doc="legacy form of the first <listen>'s address", default=None)
    keymap: str | None = attr(default=None)
    default_mode: SpiceChannelMode | None = attr("defaultMode", default=None)
    passwd: str | None = attr(default=None)
    passwd_valid_to: str | None = attr(
        "passwdValidTo", doc="UTC, YYYY-MM-DDTHH:MM:SS", default=None
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

    gl: GraphicsGl | None = child(default=None)


@variant("dbus", exclusive=(("address", "p2p"),))
class DbusGraphics(Graphics):
    """``<graphics type='dbus'>``: a display exported over D-Bus."""

    p2p: bool | None = attr(doc="peer-to-peer connections instead of a bus", default=None)
    address: str | None = attr(
        doc="the D-Bus address of the bus to use",
        default=None,
        codec=matching(r"[^\n\r]+", "dbusAddr"),
    )
    gl: GraphicsGl | None = child(default=None)
    audio: DeviceAudio | None = child(default=None)


register_root(Graphics)
