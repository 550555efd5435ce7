"""Where a disk's data lives: the ``<source>`` of a storage source.

libvirt has one structure for this (``virStorageSource``) and one
formatter, used by a domain's disks and their backing chains, by
``<os><nvram>``, and by the disks of snapshots and backups. As there,
:class:`DiskSource` holds every form; the ``type`` of the element that
holds the source (``<disk type=...>``, ``<nvram type=...>``) says which
fields apply, and each type has its own class, which the holders' variants
use (:class:`FileDiskSource`, :class:`NetworkDiskSource` and one class per
protocol...):

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

import dataclasses
import enum

from domxml.binding import (
    HEX2,
    HEX4,
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
    variant,
)
from domxml.models.domain.private_data import SourcePrivateData
from domxml.models.domain.seclabel import DeviceSeclabel
from domxml.models.domain.size import Size
from domxml.models.storage.common import Encryption
from domxml.models.types import (
    AbsFilePath,
    GenericName,
    HostName,
    ObjectName,
    PositiveInt,
    UInt,
    Uuid,
)

# libvirt writes a PCI function as function='0x%x': one digit.
_HEX1 = IntCodec(1)

# volName: any name without a slash, but "." and "..".
_VOL_NAME = matching(r"[^/.][^/]*|\.[^/.][^/]*|\.\.[^/]+", "volName")


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
    CTL = "ctl"


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


# A host is a name (and port) reached over TCP (the default) or RDMA, or a
# UNIX socket.
_BY_NAME = ("name", "port")


@element(
    "host",
    depends=(
        depends_on(
            "transport",
            allows={
                None: _BY_NAME,
                HostTransport.TCP: _BY_NAME,
                HostTransport.RDMA: _BY_NAME,
                HostTransport.UNIX: ("socket",),
            },
            needs={
                None: ("name",),
                HostTransport.TCP: ("name",),
                HostTransport.RDMA: ("name",),
                HostTransport.UNIX: ("socket",),
            },
        ),
    ),
)
class SourceHost(Model):
    """``<host>``: a server of a network source, by name and port or by socket."""

    name: HostName | None = attr(doc="host name or IP address", default=None)
    port: UInt | None = attr(default=None)
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
    value: str | None = text(
        codec=matching(
            r'"?[!#$%&\'()*+\-./0-9:>=<?@A-Z\^_`\[\]a-z|~]+"?',
            "diskSourceNetworkProtocolHTTPCookies",
        )
    )


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


@element(
    "identity",
    exclusive=(("keyfile", "agentsock"),),
    one_needed=(("keyfile", "agentsock"),),
    without=("user", "group"),
)
class Identity(Model):
    """``<identity>``: who to be on the server.

    For SSH: ``username`` and a ``keyfile`` or an ssh-agent socket; for NFS
    (:class:`NfsIdentity`): ``user`` and ``group`` (names, or ``+`` and a
    number).
    """

    user: GenericName | None = attr(default=None)
    group: GenericName | None = attr(default=None)
    username: GenericName | None = attr()
    keyfile: AbsFilePath | None = attr(default=None)
    agentsock: AbsFilePath | None = attr(default=None)


@element("identity", without=("username", "keyfile", "agentsock"))
class NfsIdentity(Identity):
    """``<identity>`` of an NFS source: the ``user`` and ``group`` to access it as."""

    username: GenericName | None = attr(default=None)


@element(
    "reconnect",
    exclusive=(("enabled", "delay"),),
    one_needed=(("enabled", "delay"),),
    depends=(depends_on("enabled", allows={True: ("timeout",), False: ("timeout",)}),),
)
class Reconnect(Model):
    """``<reconnect>``: reconnecting after the connection is lost.

    Either ``enabled`` (and then a ``timeout``, in seconds) or a ``delay``
    (seconds; NBD disks).
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
    bus: int | None = attr(codec=HEX2.within(0, 255), default=None)
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

    slices: list[Slice] = children(max_items=1)


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
    migration: bool | None = attr(
        doc="the reservations follow the guest on migration (libvirt 12.x)", default=None
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


# The base (no type: a file) leaves out the source: its class holds every
# type's.
@element("dataStore", discriminator="type", without=("source",))
class DataStore(Model):
    """``<dataStore>``: the external data file of a qcow2 image; the subclass follows ``type``."""

    type: StorageType | None = attr(default=None)
    format: DiskFormat | None = child()
    source: DiskSource | None = child(default=None)


# <privateData> is libvirt's status XML, which its public schema does not
# allow (its schema of single devices, used by its tests, does).
@element(
    "source",
    exclusive=(("identity", "auth"),),
    # Only a file's source has an fdgroup, and it comes with the file.
    requires=(("fdgroup", "file"),),
    without=("private_data",),
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
    volume: str | None = attr(default=None, codec=_VOL_NAME)
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
    private_data: SourcePrivateData | None = child(
        doc="libvirt's status XML: the source's QEMU block nodes and objects", default=None
    )


# --- the source of each storage type -------------------------------------------
#
# What the schema allows in a <source> depends on the type of the element
# holding it (<disk type=...>, <backingStore type=...>...): each type has its
# own class, the source of every type with what that type does not allow
# left out (``without=``) and what it requires declared again without a
# default. The holders' variants (FileDisk, FileBackingStore...) use them.


def _allowing(*fields: str) -> tuple[str, ...]:
    """What a type's ``<source>`` does not allow: every field of DiskSource but ``fields``."""
    return tuple(f.name for f in dataclasses.fields(DiskSource) if f.name not in fields)


# diskSourceCommon: what every source of an image (not a socket) may hold.
_COMMON = ("index", "slices", "data_store")
_FILE = ("file", "fdgroup", "encryption", "seclabels", *_COMMON)
_BLOCK = ("dev", "encryption", "reservations", "seclabels", *_COMMON)
_DIR = ("dir", "encryption", *_COMMON)
_VOLUME = ("pool", "volume", "mode", "encryption", "seclabels", *_COMMON)
_NVME = ("type", "namespace", "managed", "address", "encryption", *_COMMON)


# The fdgroup comes with the file.
@element("source", requires=(("fdgroup", "file"),), without=_allowing(*_FILE, "startup_policy"))
class FileDiskSource(DiskSource):
    """``<source>`` of a ``file`` image: its path (no path: an empty CD-ROM drive)."""


@element("source", without=_allowing(*_BLOCK, "startup_policy"))
class BlockDiskSource(DiskSource):
    """``<source>`` of a ``block`` device: its path."""


@element("source", without=_allowing(*_DIR, "startup_policy"))
class DirDiskSource(DiskSource):
    """``<source>`` of a ``dir``: a host directory, shown to the guest as a FAT disk."""

    dir: AbsFilePath | None = attr()


@element("source", without=_allowing(*_VOLUME, "startup_policy"))
class VolumeDiskSource(DiskSource):
    """``<source>`` of a ``volume``: a volume of a libvirt storage pool."""

    pool: ObjectName | None = attr()
    volume: str | None = attr(codec=_VOL_NAME)


@element(
    "source",
    without=_allowing(*_NVME, "startup_policy"),
    depends=(depends_on("type", allows={SourceType.PCI: ("address", "managed", "namespace")}),),
)
class NvmeDiskSource(DiskSource):
    """``<source>`` of an ``nvme`` disk: a namespace of a host NVMe controller."""

    type: SourceType | None = attr(codec=allowed(SourceType.PCI))
    namespace: UInt | None = attr()
    address: PciSourceAddress | None = child()


@element(
    "source",
    without=_allowing("type", "path", "reconnect"),
    depends=(depends_on("type", allows={SourceType.UNIX: ("path", "reconnect")}),),
)
class VhostUserDiskSource(DiskSource):
    """``<source>`` of a ``vhostuser`` disk: the vhost-user-blk server's UNIX socket."""

    type: SourceType | None = attr(codec=allowed(SourceType.UNIX))
    path: AbsFilePath | None = attr()


@element("source", without=_allowing("dev"))
class VhostVdpaDiskSource(DiskSource):
    """``<source>`` of a ``vhostvdpa`` disk: the host's vhost-vdpa character device."""

    dev: AbsFilePath | None = attr()


# libvirt 12.x: bhyve's virtio-scsi disk, a LUN of FreeBSD's CAM Target Layer.
@element("source", without=_allowing("dev"))
class CtlDiskSource(DiskSource):
    """``<source>`` of a ``ctl`` disk: the host's CAM Target Layer device (``/dev/cam/ctl...``)."""

    dev: AbsFilePath | None = attr()


# --- network sources, one per protocol ------------------------------------------

# What every network source may hold; each protocol adds its own.
_NETWORK = ("protocol", "name", "hosts", *_COMMON)


@element(
    "source",
    discriminator="protocol",
    exclusive=(("identity", "auth"),),
    without=_allowing(*_NETWORK, "encryption"),
)
class NetworkDiskSource(DiskSource):
    """``<source>`` of a ``network`` disk; the subclass follows ``protocol``.

    Every protocol but ``nbd`` and ``rbd`` requires the image's ``name``;
    every one but ``gluster`` (one or more) and ``rbd`` (any number) has
    one ``<host>``.
    """

    # Required: each variant declares its value as the default, for type
    # checkers (they do not see the one @variant gives).
    protocol: NetworkProtocol | None = attr()


@variant("nbd", without=_allowing(*_NETWORK, "tls", "tls_hostname", "reconnect", "encryption"))
class NbdDiskSource(NetworkDiskSource):
    """``<source protocol='nbd'>``: an NBD export."""

    protocol: NetworkProtocol | None = attr(default=NetworkProtocol.NBD)
    hosts: list[SourceHost] = children(max_items=1)


@variant("gluster", without=_allowing(*_NETWORK, "encryption"))
class GlusterDiskSource(NetworkDiskSource):
    """``<source protocol='gluster'>``: an image on a Gluster volume (``volume/path``)."""

    protocol: NetworkProtocol | None = attr(default=NetworkProtocol.GLUSTER)
    name: str | None = attr()
    hosts: list[SourceHost] = children()


@variant("rbd", without=_allowing(*_NETWORK, "snapshot", "config", "auth", "encryption"))
class RbdDiskSource(NetworkDiskSource):
    """``<source protocol='rbd'>``: a Ceph RBD image (``pool/image``)."""

    protocol: NetworkProtocol | None = attr(default=NetworkProtocol.RBD)


@variant("iscsi", without=_allowing(*_NETWORK, "auth", "encryption", "initiator"))
class IscsiDiskSource(NetworkDiskSource):
    """``<source protocol='iscsi'>``: an iSCSI LUN (``target/lun``)."""

    protocol: NetworkProtocol | None = attr(default=NetworkProtocol.ISCSI)
    name: str | None = attr()
    hosts: list[SourceHost] = children(max_items=1)


_CURL = ("readahead", "timeout", "auth", "encryption")


@variant("http", without=_allowing(*_NETWORK, "query", "cookies", *_CURL))
class HttpDiskSource(NetworkDiskSource):
    """``<source protocol='http'>``: an image on a web server (its path)."""

    protocol: NetworkProtocol | None = attr(default=NetworkProtocol.HTTP)
    name: str | None = attr()
    hosts: list[SourceHost] = children(max_items=1)


@variant("https", without=_allowing(*_NETWORK, "query", "cookies", "ssl", *_CURL))
class HttpsDiskSource(NetworkDiskSource):
    """``<source protocol='https'>``: an image on a web server, over TLS."""

    protocol: NetworkProtocol | None = attr(default=NetworkProtocol.HTTPS)
    name: str | None = attr()
    hosts: list[SourceHost] = children(max_items=1)


@variant("ftp", without=_allowing(*_NETWORK, *_CURL))
class FtpDiskSource(NetworkDiskSource):
    """``<source protocol='ftp'>``: an image on an FTP server."""

    protocol: NetworkProtocol | None = attr(default=NetworkProtocol.FTP)
    name: str | None = attr()
    hosts: list[SourceHost] = children(max_items=1)


@variant("ftps", without=_allowing(*_NETWORK, "ssl", *_CURL))
class FtpsDiskSource(NetworkDiskSource):
    """``<source protocol='ftps'>``: an image on an FTP server, over TLS."""

    protocol: NetworkProtocol | None = attr(default=NetworkProtocol.FTPS)
    name: str | None = attr()
    hosts: list[SourceHost] = children(max_items=1)


@variant("ssh", without=_allowing(*_NETWORK, "known_hosts", "identity", *_CURL))
class SshDiskSource(NetworkDiskSource):
    """``<source protocol='ssh'>``: an image on an SSH server (``identity`` or ``auth``)."""

    protocol: NetworkProtocol | None = attr(default=NetworkProtocol.SSH)
    name: str | None = attr()
    hosts: list[SourceHost] = children(max_items=1)


@variant("sheepdog", without=_allowing(*_NETWORK, "readahead", "timeout", "encryption"))
class SheepdogDiskSource(NetworkDiskSource):
    """``<source protocol='sheepdog'>``: a Sheepdog image."""

    protocol: NetworkProtocol | None = attr(default=NetworkProtocol.SHEEPDOG)
    name: str | None = attr()
    hosts: list[SourceHost] = children(max_items=1)


@variant("tftp", without=_allowing(*_NETWORK, "readahead", "timeout", "encryption"))
class TftpDiskSource(NetworkDiskSource):
    """``<source protocol='tftp'>``: an image on a TFTP server."""

    protocol: NetworkProtocol | None = attr(default=NetworkProtocol.TFTP)
    name: str | None = attr()
    hosts: list[SourceHost] = children(max_items=1)


@variant("vxhs", without=_allowing(*_NETWORK, "tls"))
class VxhsDiskSource(NetworkDiskSource):
    """``<source protocol='vxhs'>``: a Veritas HyperScale vDisk (its UUID)."""

    protocol: NetworkProtocol | None = attr(default=NetworkProtocol.VXHS)
    name: str | None = attr()
    hosts: list[SourceHost] = children(max_items=1)


@variant("nfs", without=_allowing(*_NETWORK, "identity"))
class NfsDiskSource(NetworkDiskSource):
    """``<source protocol='nfs'>``: an image on an NFS export (its path)."""

    protocol: NetworkProtocol | None = attr(default=NetworkProtocol.NFS)
    name: str | None = attr()
    hosts: list[SourceHost] = children(max_items=1)
    identity: NfsIdentity | None = child(default=None)


# --- data stores, one per type --------------------------------------------------

# libvirt writes a startupPolicy for a disk's own source only, and a
# snapshot's schema allows none: a data store's source has none.


@element("source", requires=(("fdgroup", "file"),), without=_allowing(*_FILE))
class FileDataStoreSource(FileDiskSource):
    """``<source>`` of a ``file`` data store."""


@element("source", without=_allowing(*_BLOCK))
class BlockDataStoreSource(BlockDiskSource):
    """``<source>`` of a ``block`` data store."""


@element("source", without=_allowing(*_DIR))
class DirDataStoreSource(DirDiskSource):
    """``<source>`` of a ``dir`` data store."""


@element("source", without=_allowing(*_VOLUME))
class VolumeDataStoreSource(VolumeDiskSource):
    """``<source>`` of a ``volume`` data store."""


@element(
    "source",
    without=_allowing(*_NVME),
    depends=(depends_on("type", allows={SourceType.PCI: ("address", "managed", "namespace")}),),
)
class NvmeDataStoreSource(NvmeDiskSource):
    """``<source>`` of an ``nvme`` data store."""


@variant("file")
class FileDataStore(DataStore):
    """``<dataStore type='file'>``."""

    source: FileDataStoreSource | None = child(default=None)


@variant("block")
class BlockDataStore(DataStore):
    """``<dataStore type='block'>``."""

    source: BlockDataStoreSource | None = child(default=None)


@variant("dir")
class DirDataStore(DataStore):
    """``<dataStore type='dir'>``."""

    source: DirDataStoreSource | None = child(default=None)


@variant("network")
class NetworkDataStore(DataStore):
    """``<dataStore type='network'>``."""

    source: NetworkDiskSource | None = child()


@variant("volume")
class VolumeDataStore(DataStore):
    """``<dataStore type='volume'>``."""

    source: VolumeDataStoreSource | None = child(default=None)


@variant("nvme")
class NvmeDataStore(DataStore):
    """``<dataStore type='nvme'>``."""

    source: NvmeDataStoreSource | None = child(default=None)


@variant("vhostuser")
class VhostUserDataStore(DataStore):
    """``<dataStore type='vhostuser'>``."""

    source: VhostUserDiskSource | None = child()


@variant("vhostvdpa")
class VhostVdpaDataStore(DataStore):
    """``<dataStore type='vhostvdpa'>``."""

    source: VhostVdpaDiskSource | None = child()


@variant("ctl")
class CtlDataStore(DataStore):
    """``<dataStore type='ctl'>``."""

    source: CtlDiskSource | None = child()
