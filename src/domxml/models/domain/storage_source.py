"""Where a disk's data lives: the ``<source>`` of a storage source.

libvirt has one structure for this (``virStorageSource``) and one
formatter, used by a domain's disks and their backing chains, by
``<os><nvram>``, and by the disks of snapshots and backups. As there, one
model holds every form; the ``type`` of the element that holds the source
(``<disk type=...>``, ``<nvram type=...>``) says which fields apply:

- ``file``: ``file``, ``fdgroup``;
- ``block``: ``dev``, ``reservations``;
- ``dir``: ``dir``;
- ``network``: ``protocol``, ``name``, ``query``, ``tls``, ``tls_hostname``,
  ``hosts`` and the protocol's children (``snapshot`` and ``config`` for
  rbd, ``initiator`` for iscsi, ``ssl``, ``cookies``, ``readahead`` and
  ``timeout`` for http(s)/ftp(s), ``known_hosts`` and ``identity`` for
  ssh, ``identity`` for nfs, ``reconnect`` for nbd);
- ``volume``: ``pool``, ``volume``, ``mode``;
- ``nvme``: ``type`` (pci), ``managed``, ``namespace``, ``address`` (the
  controller's host PCI address, as in ``<hostdev>``);
- ``vhostuser``: ``type`` (unix), ``path``, ``reconnect``;
- ``vhostvdpa``: ``dev``;

and most forms may add ``startup_policy``, ``index``, ``slices``,
``seclabels``, ``auth``, ``encryption`` and ``data_store``.
"""

from __future__ import annotations

import enum

from domxml.binding import (
    HEX2,
    HEX4,
    INT,
    ON_OFF,
    IntCodec,
    Model,
    allowed,
    attr,
    child,
    children,
    depends_on,
    element,
    matching,
    text,
)
from domxml.models.domain.seclabel import DeviceSeclabel
from domxml.models.domain.size import Size
from domxml.models.storage.common import Encryption
from domxml.models.types import AbsFilePath, GenericName, ObjectName, PositiveInt, UInt, Uuid

# libvirt writes a PCI function as function='0x%x': one digit.
_HEX1 = IntCodec(1)


class StorageType(enum.Enum):
    """The kind of storage a source names (``<disk type=...>``, ``<nvram type=...>``)."""

    FILE = "file"
    BLOCK = "block"
    DIR = "dir"
    NETWORK = "network"
    VOLUME = "volume"
    NVME = "nvme"
    VHOSTUSER = "vhostuser"
    VHOSTVDPA = "vhostvdpa"


class StorageFormat(enum.Enum):
    """The format of an image (``<driver type=...>``, ``<format type=...>``)."""

    RAW = "raw"
    DIR = "dir"
    BOCHS = "bochs"
    CLOOP = "cloop"
    DMG = "dmg"
    ISO = "iso"
    VPC = "vpc"
    VDI = "vdi"
    FAT = "fat"
    VHD = "vhd"
    PLOOP = "ploop"
    LUKS = "luks"
    # the formats that can have a backing image
    COW = "cow"
    QCOW = "qcow"
    QCOW2 = "qcow2"
    QED = "qed"
    VMDK = "vmdk"


class NetworkProtocol(enum.Enum):
    """The protocol of a network source (``<source protocol=...>``)."""

    NBD = "nbd"
    RBD = "rbd"
    SHEEPDOG = "sheepdog"
    GLUSTER = "gluster"
    ISCSI = "iscsi"
    HTTP = "http"
    HTTPS = "https"
    FTP = "ftp"
    FTPS = "ftps"
    TFTP = "tftp"
    SSH = "ssh"
    VXHS = "vxhs"
    NFS = "nfs"


class HostTransport(enum.Enum):
    """How a network source's host is reached (``<host transport=...>``)."""

    TCP = "tcp"
    RDMA = "rdma"
    UNIX = "unix"


class StartupPolicy(enum.Enum):
    """What to do when the source is missing at start (``startupPolicy``)."""

    MANDATORY = "mandatory"
    REQUISITE = "requisite"
    OPTIONAL = "optional"


class VolumeMode(enum.Enum):
    """How a pool volume is presented to the guest (``<source mode=...>``)."""

    HOST = "host"
    DIRECT = "direct"


class SourceType(enum.Enum):
    """The ``type`` of a source that is an address or a socket, not a path.

    ``pci``: an NVMe disk's controller; ``unix``: a vhost-user disk's or a
    reservations helper's socket.
    """

    PCI = "pci"
    UNIX = "unix"


class SocketMode(enum.Enum):
    """Which end of a UNIX socket libvirt is (``<source mode=...>``)."""

    SERVER = "server"
    CLIENT = "client"


class AuthSecretType(enum.Enum):
    """What an authentication secret is for (``<auth><secret type=...>``)."""

    CEPH = "ceph"
    ISCSI = "iscsi"


class SliceType(enum.Enum):
    """Which layer a slice applies to (``<slice type=...>``)."""

    STORAGE = "storage"


@element(
    "host",
    depends=(
        depends_on(
            "transport",
            allows={HostTransport.UNIX: ("socket",)},
            needs={HostTransport.TCP: ("name",), HostTransport.RDMA: ("name",)},
        ),
    ),
)
class SourceHost(Model):
    """``<host>``: a server of a network source, by name and port or by socket."""

    name: str | None = attr(doc="host name or IP address", default=None)
    port: int | None = attr(default=None, codec=INT.within(-1, 4294967295))
    transport: HostTransport | None = attr(default=None)
    socket: AbsFilePath | None = attr(
        doc="path of the UNIX socket (transport='unix')", default=None
    )


@element("snapshot")
class SourceSnapshot(Model):
    """``<snapshot>``: the RBD snapshot to use."""

    name: GenericName | None = attr()


@element("config")
class SourceConfig(Model):
    """``<config>``: the RBD (Ceph) configuration file."""

    file: AbsFilePath | None = attr()


@element("iqn")
class Iqn(Model):
    """``<iqn>``: an iSCSI qualified name."""

    name: str | None = attr()


@element("initiator")
class Initiator(Model):
    """``<initiator>``: the iSCSI initiator name libvirt uses."""

    iqn: Iqn | None = child()


@element("ssl")
class Ssl(Model):
    """``<ssl>``: whether to verify the server's certificate (https, ftps)."""

    verify: bool | None = attr()


@element("cookie")
class Cookie(Model):
    """``<cookie>``: an HTTP cookie sent with each request."""

    name: str | None = attr(
        codec=matching(r"[!#$%&'*+\-.0-9A-Z\^_`a-z|~]+", "diskSourceNetworkProtocolHTTPCookies")
    )
    value: str | None = text()


@element("cookies")
class Cookies(Model):
    """``<cookies>``: the HTTP cookies of an http(s) source."""

    cookies: list[Cookie] = children()


@element("readahead")
class Readahead(Model):
    """``<readahead>``: bytes to read ahead (curl-based protocols)."""

    size: PositiveInt | None = attr()


@element("timeout")
class Timeout(Model):
    """``<timeout>``: seconds before a request fails (curl-based protocols)."""

    seconds: PositiveInt | None = attr()


@element("knownHosts")
class KnownHosts(Model):
    """``<knownHosts>``: the SSH known-hosts file to check the server against."""

    path: AbsFilePath | None = attr()


@element("identity", exclusive=(("keyfile", "agentsock"),), one_needed=(("keyfile", "agentsock"),))
class Identity(Model):
    """``<identity>``: who to be on the server.

    For NFS: ``user`` and ``group`` (names, or ``+`` and a number); for
    SSH: ``username`` and a ``keyfile`` or an ssh-agent socket.
    """

    user: GenericName | None = attr(default=None)
    group: GenericName | None = attr(default=None)
    username: GenericName | None = attr(default=None)
    keyfile: AbsFilePath | None = attr(default=None)
    agentsock: AbsFilePath | None = attr(default=None)


@element("reconnect")
class Reconnect(Model):
    """``<reconnect>``: reconnecting after the connection is lost.

    ``enabled`` and ``timeout`` (seconds) for sockets; ``delay`` (seconds)
    for NBD disks.
    """

    enabled: bool | None = attr(default=None)
    timeout: UInt | None = attr(default=None)
    delay: UInt | None = attr(default=None)


# libvirt formats a host PCI address with one function
# (virPCIDeviceAddressFormat) and no type= wherever a <source> holds one; an
# <interface type='hostdev'> has typed ones (see there).
@element("address")
class PciSourceAddress(Model):
    """``<address>`` of a host PCI device: an NVMe disk's controller, a ``<hostdev>``'s device."""

    domain: int | None = attr(codec=HEX4.within(0, 4294967295), default=None)
    bus: int | None = attr(codec=HEX2.within(0, 4095), default=None)
    slot: int | None = attr(codec=HEX2.within(0, 31), default=None)
    function: int | None = attr(codec=_HEX1.within(0, 7), default=None)
    multifunction: bool | None = attr(codec=ON_OFF, default=None)


@element("slice")
class Slice(Model):
    """``<slice>``: the part of the source, in bytes, that the guest sees."""

    type: SliceType | None = attr()
    offset: UInt | None = attr()
    size: PositiveInt | None = attr()


@element("slices")
class Slices(Model):
    """``<slices>``: the slices of a source."""

    slices: list[Slice] = children()


@element("secret", exclusive=(("uuid", "usage"),), one_needed=(("uuid", "usage"),))
class AuthSecret(Model):
    """``<secret>`` of an ``<auth>``: the libvirt secret holding the password or key."""

    type: AuthSecretType | None = attr()
    uuid: Uuid | None = attr(default=None)
    usage: ObjectName | None = attr(default=None)


@element("auth")
class Auth(Model):
    """``<auth>``: the credentials for a network source (iSCSI CHAP, Ceph, SSH...)."""

    username: GenericName | None = attr()
    secret: AuthSecret | None = child()


@element("source")
class SocketSource(Model):
    """``<source>`` of a helper's UNIX socket (persistent reservations)."""

    type: SourceType | None = attr(codec=allowed(SourceType.UNIX))
    path: AbsFilePath | None = attr()
    mode: SocketMode | None = attr()
    reconnect: Reconnect | None = child(default=None)


@element("reservations")
class Reservations(Model):
    """``<reservations>``: SCSI persistent reservations, through a helper."""

    managed: bool | None = attr(
        doc="libvirt runs the helper (no: ``source`` names it)", default=None
    )
    source: SocketSource | None = child(default=None)


@element("metadata_cache")
class MetadataCache(Model):
    """``<metadata_cache>``: the image format's metadata cache (qcow2)."""

    max_size: Size | None = child(
        "max_size", doc="maximum size, in bytes when no unit", default=None
    )


@element("format")
class DiskFormat(Model):
    """``<format>``: the format of an image in a chain or a data store."""

    type: StorageFormat | None = attr()
    metadata_cache: MetadataCache | None = child(default=None)


@element("dataStore")
class DataStore(Model):
    """``<dataStore>``: the external data file of a qcow2 image."""

    type: StorageType | None = attr(default=None)
    format: DiskFormat | None = child()
    source: DiskSource | None = child(default=None)


@element(
    "source",
    exclusive=(("identity", "auth"),),
    depends=(
        depends_on(
            "protocol",
            allows={
                NetworkProtocol.NBD: ("tls", "tls_hostname"),
                NetworkProtocol.RBD: ("auth", "config", "snapshot"),
                NetworkProtocol.SHEEPDOG: ("readahead", "timeout"),
                NetworkProtocol.ISCSI: ("auth", "initiator"),
                NetworkProtocol.HTTP: ("auth", "cookies", "query", "readahead", "timeout"),
                NetworkProtocol.HTTPS: ("auth", "cookies", "query", "readahead", "ssl", "timeout"),
                NetworkProtocol.FTP: ("auth", "readahead", "timeout"),
                NetworkProtocol.FTPS: ("auth", "readahead", "ssl", "timeout"),
                NetworkProtocol.TFTP: ("readahead", "timeout"),
                NetworkProtocol.SSH: ("auth", "identity", "known_hosts", "readahead", "timeout"),
                NetworkProtocol.VXHS: ("tls",),
                NetworkProtocol.NFS: ("identity",),
            },
        ),
        depends_on(
            "type",
            allows={
                SourceType.PCI: ("address", "managed", "namespace"),
                SourceType.UNIX: ("path",),
            },
        ),
    ),
)
class DiskSource(Model):
    """``<source>``: the storage holding an image (see the module for its forms)."""

    # file
    file: str | None = attr(
        default=None,
        codec=matching(
            r"(?:(/|[a-zA-Z]:\\)[^\n\r]+)|(?:\[[^\]]+\] [^\n\r]+)", "absFilePath/vmwarePath"
        ),
    )
    fdgroup: str | None = attr(
        doc="file descriptors passed with virDomainFDAssociate", default=None
    )
    # block, vhostvdpa
    dev: str | None = attr(
        default=None,
        codec=matching(
            r"(?:(?:(/|[a-zA-Z]:\\)[^\n\r]+)|(?:[a-zA-Z0-9_\.\-\\:/]+))|(?:(/|[a-zA-Z]:\\)[^\n\r]+)",
            "absFilePath/deviceName",
        ),
    )
    # dir
    dir: AbsFilePath | None = attr(default=None)
    # network
    protocol: NetworkProtocol | None = attr(default=None)
    name: str | None = attr(
        doc="the image on the server: volume/image, target/lun, path...", default=None
    )
    query: str | None = attr(doc="the query string of an http(s) URL", default=None)
    tls: bool | None = attr(default=None)
    tls_hostname: str | None = attr("tlsHostname", default=None)
    # volume
    pool: ObjectName | None = attr(default=None)
    volume: str | None = attr(default=None, codec=matching(r"[^/]+", "volName"))
    mode: VolumeMode | None = attr(default=None)
    # nvme, vhostuser
    type: SourceType | None = attr(default=None)
    managed: bool | None = attr(default=None)
    namespace: UInt | None = attr(default=None)
    path: AbsFilePath | None = attr(default=None)
    # every form
    startup_policy: StartupPolicy | None = attr("startupPolicy", default=None)
    index: PositiveInt | None = attr(
        doc="the image's index in the backing chain (output only)", default=None
    )

    hosts: list[SourceHost] = children(default_factory=list)
    snapshot: SourceSnapshot | None = child(default=None)
    config: SourceConfig | None = child(default=None)
    initiator: Initiator | None = child(default=None)
    ssl: Ssl | None = child(default=None)
    cookies: Cookies | None = child(default=None)
    readahead: Readahead | None = child(default=None)
    timeout: Timeout | None = child(default=None)
    known_hosts: KnownHosts | None = child(default=None)
    identity: Identity | None = child(default=None)
    reconnect: Reconnect | None = child(default=None)
    address: PciSourceAddress | None = child(default=None)
    slices: Slices | None = child(default=None)
    seclabels: list[DeviceSeclabel] = children(default_factory=list)
    auth: Auth | None = child(default=None)
    encryption: Encryption | None = child(default=None)
    reservations: Reservations | None = child(default=None)
    data_store: DataStore | None = child(default=None)
