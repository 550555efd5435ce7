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
- ``nvme``: ``type`` (pci), ``managed``, ``namespace``, ``address``;
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
    ON_OFF,
    IntCodec,
    Model,
    attr,
    child,
    children,
    element,
    text,
)
from domxml.models.domain.seclabel import DeviceSeclabel
from domxml.models.domain.size import Size
from domxml.models.storage.common import Encryption

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


@element("host")
class SourceHost(Model):
    """``<host>``: a server of a network source, by name and port or by socket."""

    name: str | None = attr(doc="host name or IP address")
    port: int | None = attr()
    transport: HostTransport | None = attr()
    socket: str | None = attr(doc="path of the UNIX socket (transport='unix')")


@element("snapshot")
class SourceSnapshot(Model):
    """``<snapshot>``: the RBD snapshot to use."""

    name: str | None = attr()


@element("config")
class SourceConfig(Model):
    """``<config>``: the RBD (Ceph) configuration file."""

    file: str | None = attr()


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

    name: str | None = attr()
    value: str | None = text()


@element("cookies")
class Cookies(Model):
    """``<cookies>``: the HTTP cookies of an http(s) source."""

    cookies: list[Cookie] = children()


@element("readahead")
class Readahead(Model):
    """``<readahead>``: bytes to read ahead (curl-based protocols)."""

    size: int | None = attr()


@element("timeout")
class Timeout(Model):
    """``<timeout>``: seconds before a request fails (curl-based protocols)."""

    seconds: int | None = attr()


@element("knownHosts")
class KnownHosts(Model):
    """``<knownHosts>``: the SSH known-hosts file to check the server against."""

    path: str | None = attr()


@element("identity")
class Identity(Model):
    """``<identity>``: who to be on the server.

    For NFS: ``user`` and ``group`` (names, or ``+`` and a number); for
    SSH: ``username`` and a ``keyfile`` or an ssh-agent socket.
    """

    user: str | None = attr()
    group: str | None = attr()
    username: str | None = attr()
    keyfile: str | None = attr()
    agentsock: str | None = attr()


@element("reconnect")
class Reconnect(Model):
    """``<reconnect>``: reconnecting after the connection is lost.

    ``enabled`` and ``timeout`` (seconds) for sockets; ``delay`` (seconds)
    for NBD disks.
    """

    enabled: bool | None = attr()
    timeout: int | None = attr()
    delay: int | None = attr()


@element("address")
class PciAddress(Model):
    """``<address>``: the PCI address of an NVMe controller."""

    domain: int | None = attr(codec=HEX4)
    bus: int | None = attr(codec=HEX2)
    slot: int | None = attr(codec=HEX2)
    function: int | None = attr(codec=_HEX1)
    multifunction: bool | None = attr(codec=ON_OFF)


@element("slice")
class Slice(Model):
    """``<slice>``: the part of the source, in bytes, that the guest sees."""

    type: SliceType | None = attr()
    offset: int | None = attr()
    size: int | None = attr()


@element("slices")
class Slices(Model):
    """``<slices>``: the slices of a source."""

    slices: list[Slice] = children()


@element("secret")
class AuthSecret(Model):
    """``<secret>`` of an ``<auth>``: the libvirt secret holding the password or key."""

    type: AuthSecretType | None = attr()
    uuid: str | None = attr()
    usage: str | None = attr()


@element("auth")
class Auth(Model):
    """``<auth>``: the credentials for a network source (iSCSI CHAP, Ceph, SSH...)."""

    username: str | None = attr()
    secret: AuthSecret | None = child()


@element("source")
class SocketSource(Model):
    """``<source>`` of a helper's UNIX socket (persistent reservations)."""

    type: SourceType | None = attr()
    path: str | None = attr()
    mode: SocketMode | None = attr()
    reconnect: Reconnect | None = child()


@element("reservations")
class Reservations(Model):
    """``<reservations>``: SCSI persistent reservations, through a helper."""

    managed: bool | None = attr(doc="libvirt runs the helper (no: ``source`` names it)")
    source: SocketSource | None = child()


@element("metadata_cache")
class MetadataCache(Model):
    """``<metadata_cache>``: the image format's metadata cache (qcow2)."""

    max_size: Size | None = child("max_size", doc="maximum size, in bytes when no unit")


@element("format")
class DiskFormat(Model):
    """``<format>``: the format of an image in a chain or a data store."""

    type: StorageFormat | None = attr()
    metadata_cache: MetadataCache | None = child()


@element("dataStore")
class DataStore(Model):
    """``<dataStore>``: the external data file of a qcow2 image."""

    type: StorageType | None = attr()
    format: DiskFormat | None = child()
    source: DiskSource | None = child()


@element("source")
class DiskSource(Model):
    """``<source>``: the storage holding an image (see the module for its forms)."""

    # file
    file: str | None = attr()
    fdgroup: str | None = attr(doc="file descriptors passed with virDomainFDAssociate")
    # block, vhostvdpa
    dev: str | None = attr()
    # dir
    dir: str | None = attr()
    # network
    protocol: NetworkProtocol | None = attr()
    name: str | None = attr(doc="the image on the server: volume/image, target/lun, path...")
    query: str | None = attr(doc="the query string of an http(s) URL")
    tls: bool | None = attr()
    tls_hostname: str | None = attr("tlsHostname")
    # volume
    pool: str | None = attr()
    volume: str | None = attr()
    mode: VolumeMode | None = attr()
    # nvme, vhostuser
    type: SourceType | None = attr()
    managed: bool | None = attr()
    namespace: int | None = attr()
    path: str | None = attr()
    # every form
    startup_policy: StartupPolicy | None = attr("startupPolicy")
    index: int | None = attr(doc="the image's index in the backing chain (output only)")

    hosts: list[SourceHost] = children()
    snapshot: SourceSnapshot | None = child()
    config: SourceConfig | None = child()
    initiator: Initiator | None = child()
    ssl: Ssl | None = child()
    cookies: Cookies | None = child()
    readahead: Readahead | None = child()
    timeout: Timeout | None = child()
    known_hosts: KnownHosts | None = child()
    identity: Identity | None = child()
    reconnect: Reconnect | None = child()
    address: PciAddress | None = child()
    slices: Slices | None = child()
    seclabels: list[DeviceSeclabel] = children()
    auth: Auth | None = child()
    encryption: Encryption | None = child()
    reservations: Reservations | None = child()
    data_store: DataStore | None = child()
