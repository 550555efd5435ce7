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

from domxml.binding import ON_OFF, Model, attr, child, children, element, register_root, variant
from domxml.models.domain.devices.audio import DeviceAudio
from domxml.models.domain.devices.chardev import Clipboard, Mouse


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

    type: ListenType | None = attr()


@variant("address")
class AddressListen(Listen):
    """``<listen type='address'>``: an IP address or host name (default: qemu.conf's)."""

    address: str | None = attr()


@variant("network")
class NetworkListen(Listen):
    """``<listen type='network'>``: an address of a libvirt network.

    ``address`` is output only: the address libvirt picked from the network.
    """

    address: str | None = attr()
    network: str | None = attr()


@variant("socket")
class SocketListen(Listen):
    """``<listen type='socket'>``: a UNIX socket (generated when ``socket`` is absent)."""

    socket: str | None = attr()


@variant("none")
class NoneListen(Listen):
    """``<listen type='none'>``: no network access (VNC, SPICE: local clients only)."""


# --- children of several types -------------------------------------------------


@element("gl")
class GraphicsGl(Model):
    """``<gl>``: OpenGL acceleration of the display, on a render node.

    SDL uses ``enable`` only; egl-headless ``rendernode`` only.
    """

    enable: bool | None = attr()
    rendernode: str | None = attr(doc="the DRM render node, e.g. /dev/dri/renderD128")


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

    type: GraphicsType | None = attr()


@variant("sdl")
class SdlGraphics(Graphics):
    """``<graphics type='sdl'>``: a window on the host's X display."""

    display: str | None = attr()
    xauth: str | None = attr()
    fullscreen: bool | None = attr()
    gl: GraphicsGl | None = child()


# libvirt writes socket= instead of port/autoport/websocket/listen when
# the first <listen> is a socket.
@variant("vnc")
class VncGraphics(Graphics):
    """``<graphics type='vnc'>``: a VNC server."""

    socket: str | None = attr(doc="legacy form of <listen type='socket'>")
    port: int | None = attr(doc="-1 with autoport")
    autoport: bool | None = attr()
    websocket: int | None = attr(doc="WebSocket port; -1: allocated automatically")
    listen: str | None = attr(doc="legacy form of the first <listen>'s address")
    keymap: str | None = attr()
    share_policy: SharePolicy | None = attr("sharePolicy")
    power_control: bool | None = attr("powerControl", doc="clients may reboot/shut down")
    passwd: str | None = attr()
    passwd_valid_to: str | None = attr("passwdValidTo", doc="UTC, YYYY-MM-DDTHH:MM:SS")
    connected: GraphicsConnected | None = attr(doc="keep only")
    listens: list[Listen] = children()
    audio: DeviceAudio | None = child()


@variant("rdp")
class RdpGraphics(Graphics):
    """``<graphics type='rdp'>``: an RDP server."""

    port: int | None = attr()
    autoport: bool | None = attr()
    replace_user: bool | None = attr("replaceUser")
    multi_user: bool | None = attr("multiUser")
    listen: str | None = attr(doc="legacy form of the first <listen>'s address")
    username: str | None = attr()
    passwd: str | None = attr()
    listens: list[Listen] = children()


@variant("desktop")
class DesktopGraphics(Graphics):
    """``<graphics type='desktop'>``: a window on the host desktop (VirtualBox)."""

    display: str | None = attr()
    fullscreen: bool | None = attr()


@variant("spice")
class SpiceGraphics(Graphics):
    """``<graphics type='spice'>``: a SPICE server."""

    port: int | None = attr()
    tls_port: int | None = attr("tlsPort")
    autoport: bool | None = attr()
    listen: str | None = attr(doc="legacy form of the first <listen>'s address")
    keymap: str | None = attr()
    default_mode: SpiceChannelMode | None = attr("defaultMode")
    passwd: str | None = attr()
    passwd_valid_to: str | None = attr("passwdValidTo", doc="UTC, YYYY-MM-DDTHH:MM:SS")
    connected: GraphicsConnected | None = attr()
    listens: list[Listen] = children()
    channels: list[SpiceChannel] = children()
    image: SpiceImage | None = child()
    jpeg: SpiceJpeg | None = child()
    zlib: SpiceZlib | None = child()
    playback: SpicePlayback | None = child()
    streaming: SpiceStreaming | None = child()
    mouse: Mouse | None = child()
    clipboard: Clipboard | None = child()
    filetransfer: SpiceFiletransfer | None = child()
    gl: GraphicsGl | None = child()


@variant("egl-headless")
class EglHeadlessGraphics(Graphics):
    """``<graphics type='egl-headless'>``: OpenGL rendering for another display."""

    gl: GraphicsGl | None = child()


@variant("dbus")
class DbusGraphics(Graphics):
    """``<graphics type='dbus'>``: a display exported over D-Bus."""

    p2p: bool | None = attr(doc="peer-to-peer connections instead of a bus")
    address: str | None = attr(doc="the D-Bus address of the bus to use")
    gl: GraphicsGl | None = child()
    audio: DeviceAudio | None = child()


register_root(Graphics)
