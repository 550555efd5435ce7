"""Device models: ``<interface>`` (formatdomain "Network interfaces").

One model per ``type``; they differ only in their ``<source>``:

- ``network``, ``bridge``: a libvirt virtual network or a host bridge
  (:class:`NetworkSource`; a running guest's network interface may show
  the bridge the network gave it);
- ``direct``: a macvtap on a host device (:class:`DirectSource`);
- ``ethernet``: a tap device libvirt does not connect (:class:`EthernetSource`,
  the host side's IP addresses and routes);
- ``user``: user-mode networking, slirp or passt (:class:`UserSource`);
- ``vhostuser``: a vhost-user socket (:class:`VhostUserSource`);
- ``server``, ``client``, ``mcast``, ``udp``: QEMU socket tunnels
  (:class:`TunnelSource`);
- ``hostdev``: an SR-IOV VF assigned as a host device
  (:class:`HostdevInterfaceSource`, the host address as in ``<hostdev>``);
- ``vdpa``: a vDPA device (:class:`VdpaSource`);
- ``vds``: a VMware distributed switch port (:class:`VdsSource`);
- ``internal``: a VirtualBox internal network (:class:`InternalSource`);
- ``null``: no connection at all.

The QoS, VLAN, port profile and port options are the network's models
(:mod:`domxml.models.network.common`), shared with ``<network>``.
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
    depends_on,
    element,
    leaf,
    matching,
    register_root,
    variant,
)
from domxml.models.domain.devices.address import Address
from domxml.models.domain.devices.chardev import CharType
from domxml.models.domain.devices.common import Alias, BackendDomain, DeviceAcpi, DeviceBoot, Rom
from domxml.models.domain.devices.hostdev import (
    IpAddress,
    Origstates,
    Teaming,
    UsbId,
    UsbSourceAddress,
)
from domxml.models.domain.storage_source import PciSourceAddress, Reconnect
from domxml.models.network.common import Bandwidth, Mtu, PortOptions, Route, VirtualPort, Vlan
from domxml.models.network.network import MacTableManager
from domxml.models.types import (
    AbsFilePath,
    DeviceName,
    DnsName,
    FilePath,
    GenericName,
    IpAddr,
    Ipv4Addr,
    Long,
    PositiveInt,
    UInt,
    UniMacAddr,
    Uuid,
)


class InterfaceType(enum.Enum):
    """How the interface connects to the host (``<interface type=...>``)."""

    NETWORK = "network"
    BRIDGE = "bridge"
    DIRECT = "direct"
    ETHERNET = "ethernet"
    USER = "user"
    VHOSTUSER = "vhostuser"
    SERVER = "server"
    CLIENT = "client"
    MCAST = "mcast"
    UDP = "udp"
    HOSTDEV = "hostdev"
    VDPA = "vdpa"
    VDS = "vds"
    INTERNAL = "internal"
    NULL = "null"


class MacType(enum.Enum):
    """Where a MAC address came from (``<mac type=...>``, VMware)."""

    GENERATED = "generated"
    STATIC = "static"


class DirectMode(enum.Enum):
    """The macvtap mode of a ``direct`` interface (``<source mode=...>``)."""

    VEPA = "vepa"
    BRIDGE = "bridge"
    PRIVATE = "private"
    PASSTHROUGH = "passthrough"


class VhostUserMode(enum.Enum):
    """Which side of a vhost-user socket QEMU is (``<source mode=...>``)."""

    SERVER = "server"
    CLIENT = "client"


class InterfaceDriverName(enum.Enum):
    """The backend of an interface (``<driver name=...>``).

    ``qemu`` or ``vhost`` for a virtio NIC; ``kvm``, ``vfio`` or ``xen``
    for the host device of a ``hostdev`` interface.
    """

    QEMU = "qemu"
    VHOST = "vhost"
    KVM = "kvm"
    VFIO = "vfio"
    XEN = "xen"


class TxMode(enum.Enum):
    """How a virtio NIC's transmit queue is flushed (``<driver txmode=...>``)."""

    IOTHREAD = "iothread"
    TIMER = "timer"


class BackendType(enum.Enum):
    """The user-mode networking backend (``<backend type=...>``)."""

    DEFAULT = "default"
    PASST = "passt"


class PortForwardProto(enum.Enum):
    """The protocol a ``<portForward>`` forwards."""

    TCP = "tcp"
    UDP = "udp"


class SourceAddressType(enum.Enum):
    """The bus of a ``hostdev`` interface's host device (``<address type=...>``)."""

    PCI = "pci"
    USB = "usb"


class LinkState(enum.Enum):
    """The link state the guest sees (``<link state=...>``)."""

    UP = "up"
    DOWN = "down"


@element("mac")
class Mac(Model):
    """``<mac>``: the interface's MAC address."""

    address: UniMacAddr | None = attr(doc="e.g. 52:54:00:12:34:56")
    type: MacType | None = attr(default=None)
    check: bool | None = attr(
        doc="VMware: whether the address must be in VMware's range", default=None
    )
    current_address: UniMacAddr | None = attr(
        "currentAddress", doc="output only: the address the guest set", default=None
    )


# --- sources, one per type -----------------------------------------------------


# The bridge's attributes come with it (and, in the other sources, the
# network's with the network).
@element("source", requires=(("mac_table_manager", "bridge"),))
class NetworkSource(Model):
    """``<source>`` of a ``network`` interface (and, see :class:`BridgeSource`, a ``bridge`` one).

    ``network`` (with ``portgroup`` and, once started, ``portid``) names a
    libvirt network; a running guest's interface also shows the ``bridge``
    the network gave it.
    """

    network: str | None = attr()
    portgroup: DeviceName | None = attr(default=None)
    portid: Uuid | None = attr(doc="the UUID of the network port (output only)", default=None)
    bridge: str | None = attr(
        default=None, codec=matching(r"[a-zA-Z0-9_\.\-\\:/ ]*", "interface-bridge-attributes")
    )
    mac_table_manager: MacTableManager | None = attr("macTableManager", default=None)


@element("source", requires=(("portgroup", "network"), ("portid", "network")))
class BridgeSource(NetworkSource):
    """``<source>`` of a ``bridge`` interface: the host ``bridge``.

    An interface a network of the bridge kind gave also shows the ``network``.
    """

    network: str | None = attr(default=None)
    bridge: str | None = attr(
        codec=matching(r"[a-zA-Z0-9_\.\-\\:/ ]*", "interface-bridge-attributes")
    )


@element("source", requires=(("portgroup", "network"), ("portid", "network")))
class DirectSource(Model):
    """``<source>`` of a ``direct`` (macvtap) interface: the host device and mode."""

    network: str | None = attr(doc="the network that gave the device (running guest)", default=None)
    portgroup: DeviceName | None = attr(default=None)
    portid: Uuid | None = attr(default=None)
    dev: DeviceName | None = attr()
    mode: DirectMode | None = attr(default=None)


@element("source")
class EthernetSource(Model):
    """``<source>`` of an ``ethernet`` interface: the IP configuration of the host's tap."""

    ips: list[IpAddress] = children(default_factory=list)
    routes: list[Route] = children(default_factory=list)


@element("source")
class UserSource(Model):
    """``<source>`` of a ``user`` interface: the host interface passt uses."""

    dev: DeviceName | None = attr()


@element("source")
class VhostUserSource(Model):
    """``<source>`` of a ``vhostuser`` interface: the UNIX socket, or passt's device."""

    type: CharType | None = attr(doc="always unix", default=None, codec=allowed(CharType.UNIX))
    path: AbsFilePath | None = attr(default=None)
    mode: VhostUserMode | None = attr(default=None)
    dev: DeviceName | None = attr(doc="passt backend: the host interface passt uses", default=None)
    reconnect: Reconnect | None = child(default=None)


@element("local")
class TunnelLocal(Model):
    """``<local>``: the local end of a ``udp`` tunnel."""

    address: Ipv4Addr | None = attr()
    port: int | None = attr(codec=INT.within(-1, 65535))


@element("source", without=("local",))
class TunnelSource(Model):
    """``<source>`` of a ``client`` or ``mcast`` tunnel (and the base of the others').

    ``client`` connects to ``address:port``, ``mcast`` joins the group;
    ``server`` (:class:`ServerSource`) listens there; ``udp``
    (:class:`UdpSource`) sends to it from ``local``.
    """

    address: Ipv4Addr | None = attr()
    port: int | None = attr(codec=INT.within(-1, 65535))
    local: TunnelLocal | None = child(doc="udp only", default=None)


@element("source", without=("local",))
class ServerSource(TunnelSource):
    """``<source>`` of a ``server`` tunnel: the port it listens on (and the address)."""

    address: Ipv4Addr | None = attr(default=None)


@element("source")
class UdpSource(TunnelSource):
    """``<source>`` of a ``udp`` tunnel: the remote end, and the ``local`` one."""

    local: TunnelLocal | None = child()


@element(
    "address",
    discriminator="type",
    field_order=("type", "domain", "bus", "slot", "function", "multifunction", "device", "port"),
)
class SourceAddress(Model):
    """``<address>`` in a ``hostdev`` interface's ``<source>``: the host device's address.

    Unlike ``<hostdev>``'s, it says its ``type``; the subclass follows it.
    """

    # Required: each variant declares its value as the default, for type
    # checkers (they do not see the one @variant gives).
    type: SourceAddressType | None = attr()


@variant("pci")
class InterfacePciSourceAddress(SourceAddress, PciSourceAddress):
    """``<address type='pci'>``: the VF's host PCI address."""

    type: SourceAddressType | None = attr(default=SourceAddressType.PCI)


# The typed form has no port (usbaddress's choice is the untyped form's).
@variant("usb", without=("port",))
class InterfaceUsbSourceAddress(SourceAddress, UsbSourceAddress):
    """``<address type='usb'>``: the USB network device's host bus and device number."""

    type: SourceAddressType | None = attr(default=SourceAddressType.USB)
    device: int | None = attr(codec=INT.within(0, 999))


# A USB device is named by vendor and product (and, optionally, an <address>
# without type), or any device by its typed address. <origstates> is
# libvirt's status XML, which the schema does not cover.
@element(
    "source",
    without=("origstates",),
    depends=(
        depends_on(
            "address.type",
            allows={None: ("vendor", "product")},
            needs={None: ("vendor", "product")},
        ),
    ),
)
class HostdevInterfaceSource(Model):
    """``<source>`` of a ``hostdev`` interface: the host device, as in ``<hostdev>``.

    The ``address`` carries its ``type`` here (``pci``, or ``usb``); a USB
    device may be named by ``vendor`` and ``product`` instead.
    """

    missing: bool | None = attr(doc="output only: the device is not on the host", default=None)
    vendor: UsbId | None = child(default=None)
    product: UsbId | None = child("product", default=None)
    address: SourceAddress | None = child(default=None)
    origstates: Origstates | None = child(default=None)


@element("source")
class VdpaSource(Model):
    """``<source>`` of a ``vdpa`` interface: the host's vhost-vdpa character device."""

    dev: DeviceName | None = attr(doc="e.g. /dev/vhost-vdpa-0")


@element("source")
class VdsSource(Model):
    """``<source>`` of a ``vds`` interface: a VMware distributed switch port."""

    switchid: Uuid | None = attr(doc="the switch's UUID")
    portid: Long | None = attr(default=None)
    portgroupid: str | None = attr(default=None)
    connectionid: Long | None = attr(default=None)


@element("source")
class InternalSource(Model):
    """``<source>`` of an ``internal`` interface: the VirtualBox internal network."""

    name: DeviceName | None = attr()


# --- the other pieces -------------------------------------------------------------


@element("range")
class PortForwardRange(Model):
    """``<range>``: host ports ``start``-``end`` forwarded to the guest's ``to``.

    ``exclude='yes'`` takes the range out of a wider forward instead.
    """

    start: int | None = attr(codec=INT.within(-1, 65535))
    end: int | None = attr(default=None, codec=INT.within(-1, 65535))
    to: int | None = attr(default=None, codec=INT.within(-1, 65535))
    exclude: bool | None = attr(default=None)


@element("portForward")
class PortForward(Model):
    """``<portForward>``: ports of the host forwarded to the guest (passt)."""

    proto: PortForwardProto | None = attr()
    address: IpAddr | None = attr(doc="only connections to this host address", default=None)
    dev: DeviceName | None = attr(
        doc="only connections arriving on this host interface", default=None
    )
    ranges: list[PortForwardRange] = children(default_factory=list)


@element("script")
class Script(Model):
    """``<script>`` or ``<downscript>``: a program run when the tap is set up or torn down."""

    path: FilePath | None = attr()


@element("target")
class InterfaceTarget(Model):
    """``<target>``: the name of the host's tap (or macvtap) device."""

    dev: DeviceName | None = attr()
    managed: bool | None = attr(
        doc="no: the tap exists already and libvirt only uses it", default=None
    )


@element("guest")
class InterfaceGuest(Model):
    """``<guest>``: the interface's name inside a container."""

    dev: DeviceName | None = attr(default=None)
    actual: DeviceName | None = attr(doc="output only: the name it has now", default=None)


@element("model")
class InterfaceModel(Model):
    """``<model>``: the NIC the guest sees (``virtio``, ``e1000e``, ``rtl8139``...)."""

    type: str | None = attr(codec=matching(r"[a-zA-Z0-9\-_]+", "interface-options"))


@element("host")
class DriverHost(Model):
    """``<host>`` in a virtio NIC's ``<driver>``: offloads of the host side."""

    csum: bool | None = attr(codec=ON_OFF, default=None)
    gso: bool | None = attr(codec=ON_OFF, default=None)
    tso4: bool | None = attr(codec=ON_OFF, default=None)
    tso6: bool | None = attr(codec=ON_OFF, default=None)
    ecn: bool | None = attr(codec=ON_OFF, default=None)
    ufo: bool | None = attr(codec=ON_OFF, default=None)
    mrg_rxbuf: bool | None = attr(codec=ON_OFF, doc="mergeable receive buffers", default=None)


@element("guest")
class DriverGuest(Model):
    """``<guest>`` in a virtio NIC's ``<driver>``: offloads of the guest side."""

    csum: bool | None = attr(codec=ON_OFF, default=None)
    tso4: bool | None = attr(codec=ON_OFF, default=None)
    tso6: bool | None = attr(codec=ON_OFF, default=None)
    ecn: bool | None = attr(codec=ON_OFF, default=None)
    ufo: bool | None = attr(codec=ON_OFF, default=None)


# The virtio NIC's options: the driver of a hostdev interface has none (and
# a model); qemu and vhost are virtio backends, kvm, vfio and xen hostdev ones.
_VIRTIO_DRIVER = (
    "txmode",
    "ioeventfd",
    "event_idx",
    "queues",
    "rx_queue_size",
    "tx_queue_size",
    "rss",
    "rss_hash_report",
    "iommu",
    "ats",
    "packed",
    "page_per_vq",
    "host",
    "guest",
)
_VIRTIO_NAMES = (InterfaceDriverName.QEMU, InterfaceDriverName.VHOST)
_HOSTDEV_NAMES = (InterfaceDriverName.KVM, InterfaceDriverName.VFIO, InterfaceDriverName.XEN)


@element(
    "driver",
    exclusive=tuple((hostdev, name) for hostdev in ("model", "iommufd") for name in _VIRTIO_DRIVER),
    depends=(
        depends_on(
            "name",
            allows={
                None: ("model", "iommufd", *_VIRTIO_DRIVER),
                **{name: _VIRTIO_DRIVER for name in _VIRTIO_NAMES},
                **{name: ("model", "iommufd") for name in _HOSTDEV_NAMES},
            },
        ),
    ),
)
class InterfaceDriver(Model):
    """``<driver>``: the backend of a virtio NIC, or the host device driver of a hostdev one.

    A hostdev driver (``kvm``, ``vfio``, ``xen``) has a ``model`` and
    ``iommufd`` and none of the virtio options.
    """

    name: InterfaceDriverName | None = attr(default=None)
    model: GenericName | None = attr(doc="hostdev: the VFIO variant driver", default=None)
    iommufd: bool | None = attr(
        doc="hostdev: assign the device through IOMMUFD (libvirt 12.x)", default=None
    )
    txmode: TxMode | None = attr(default=None)
    ioeventfd: bool | None = attr(codec=ON_OFF, default=None)
    event_idx: bool | None = attr(codec=ON_OFF, default=None)
    queues: PositiveInt | None = attr(doc="the number of queue pairs (multiqueue)", default=None)
    rx_queue_size: PositiveInt | None = attr(default=None)
    tx_queue_size: PositiveInt | None = attr(default=None)
    rss: bool | None = attr(codec=ON_OFF, doc="receive side scaling", default=None)
    rss_hash_report: bool | None = attr(codec=ON_OFF, default=None)
    iommu: bool | None = attr(codec=ON_OFF, default=None)
    ats: bool | None = attr(codec=ON_OFF, default=None)
    packed: bool | None = attr(codec=ON_OFF, default=None)
    page_per_vq: bool | None = attr(codec=ON_OFF, default=None)
    host: DriverHost | None = child(default=None)
    guest: DriverGuest | None = child(default=None)


@element("backend")
class InterfaceBackend(Model):
    """``<backend>``: the host devices or program behind the interface."""

    type: BackendType | None = attr(doc="user and vhostuser: passt instead of slirp", default=None)
    tap: AbsFilePath | None = attr(doc="the tun device to open, e.g. /dev/net/tun", default=None)
    vhost: AbsFilePath | None = attr(doc="the vhost-net device to open", default=None)
    log_file: AbsFilePath | None = attr("logFile", doc="passt's log file", default=None)
    hostname: DnsName | None = attr(
        doc="passt: the host name given to the guest by DHCP (libvirt 12.x)", default=None
    )
    fqdn: DnsName | None = attr(
        doc="passt: the fully qualified name given by DHCPv6 (libvirt 12.x)", default=None
    )


@element("parameter")
class FilterParameter(Model):
    """``<parameter>``: a variable of the network filter (``IP``, ``MAC``...)."""

    name: str | None = attr(codec=matching(r"[a-zA-Z0-9_]+", "filter-param-name"))
    value: str | None = attr(codec=matching(r"[a-zA-Z0-9_\.:]+", "filter-param-value"))


@element("filterref")
class Filterref(Model):
    """``<filterref>``: the nwfilter applied to the interface's traffic."""

    filter: str | None = attr(codec=matching(r"[A-Za-z_][A-Za-z0-9_.\-]*", "NCName"))
    parameters: list[FilterParameter] = children(default_factory=list)


@element("tune")
class InterfaceTune(Model):
    """``<tune>``: tuning of the host's tap device."""

    sndbuf: UInt | None = leaf(doc="the send buffer size, in bytes", default=None)


@element("link")
class Link(Model):
    """``<link>``: whether the guest sees the cable plugged in."""

    state: LinkState | None = attr()


@element("frames")
class CoalesceFrames(Model):
    """``<frames>``: how many frames to coalesce."""

    max: UInt | None = attr(default=None)


@element("rx")
class CoalesceRx(Model):
    """``<rx>``: interrupt coalescing of received frames."""

    frames: CoalesceFrames | None = child(default=None)


@element("coalesce")
class Coalesce(Model):
    """``<coalesce>``: interrupt coalescing of the host's tap device."""

    rx: CoalesceRx | None = child(default=None)


# --- the device -------------------------------------------------------------------


# libvirt's order (virDomainNetDefFormat), for every type at once. A hostdev
# interface's <driver name='vfio'> is written before <source> by libvirt;
# the variants share this order, so one built in code gets it after <model>.
@element(
    "interface",
    discriminator="type",
    field_order=(
        "type",
        "managed",
        "trust_guest_rx_filters",
        "mac",
        "source",
        "vlan",
        "virtualport",
        "bandwidth",
        "port",
        "ips",
        "routes",
        "port_forwards",
        "script",
        "downscript",
        "backenddomain",
        "target",
        "guest",
        "model",
        "driver",
        "backend",
        "filterref",
        "tune",
        "teaming",
        "link",
        "mtu",
        "coalesce",
        "boot",
        "alias",
        "rom",
        "acpi",
        "address",
    ),
)
class Interface(Model):
    """``<interface>``: a network interface; the subclass follows ``type``."""

    # Required: each variant declares its value as the default, for type
    # checkers (they do not see the one @variant gives).
    type: InterfaceType | None = attr()
    trust_guest_rx_filters: bool | None = attr(
        "trustGuestRxFilters",
        doc="follow the guest's MAC and multicast filter changes",
        default=None,
    )
    mac: Mac | None = child(default=None)
    vlan: Vlan | None = child(default=None)
    virtualport: VirtualPort | None = child(default=None)
    bandwidth: Bandwidth | None = child(default=None)
    port: PortOptions | None = child(default=None)
    ips: list[IpAddress] = children(doc="the guest side's IP addresses", default_factory=list)
    routes: list[Route] = children(doc="the guest side's routes", default_factory=list)
    port_forwards: list[PortForward] = children("portForward", default_factory=list)
    script: Script | None = child(default=None)
    downscript: Script | None = child("downscript", default=None)
    backenddomain: BackendDomain | None = child(default=None)
    target: InterfaceTarget | None = child(default=None)
    guest: InterfaceGuest | None = child(default=None)
    model: InterfaceModel | None = child(default=None)
    driver: InterfaceDriver | None = child(default=None)
    backend: InterfaceBackend | None = child(default=None)
    filterref: Filterref | None = child(default=None)
    tune: InterfaceTune | None = child(default=None)
    teaming: Teaming | None = child(default=None)
    link: Link | None = child(default=None)
    mtu: Mtu | None = child(default=None)
    coalesce: Coalesce | None = child(default=None)
    boot: DeviceBoot | None = child(default=None)
    alias: Alias | None = child(default=None)
    rom: Rom | None = child(default=None)
    acpi: DeviceAcpi | None = child(default=None)
    address: Address | None = child(doc="where the guest sees the NIC", default=None)


@variant("network")
class NetworkInterface(Interface):
    """``<interface type='network'>``: connected to a libvirt virtual network."""

    type: InterfaceType | None = attr(default=InterfaceType.NETWORK)
    source: NetworkSource | None = child()


@variant("bridge")
class BridgeInterface(Interface):
    """``<interface type='bridge'>``: connected to a host bridge."""

    type: InterfaceType | None = attr(default=InterfaceType.BRIDGE)
    source: BridgeSource | None = child(default=None)


@variant("direct")
class DirectInterface(Interface):
    """``<interface type='direct'>``: a macvtap on a host interface."""

    type: InterfaceType | None = attr(default=InterfaceType.DIRECT)
    source: DirectSource | None = child()


@variant("ethernet", without=("virtualport",))
class EthernetInterface(Interface):
    """``<interface type='ethernet'>``: a tap device, set up by scripts or by hand."""

    type: InterfaceType | None = attr(default=InterfaceType.ETHERNET)
    source: EthernetSource | None = child(default=None)


@variant("user", without=("virtualport",))
class UserInterface(Interface):
    """``<interface type='user'>``: user-mode networking (slirp, or passt)."""

    type: InterfaceType | None = attr(default=InterfaceType.USER)
    source: UserSource | None = child(default=None)


@variant("vhostuser", without=("virtualport",))
class VhostUserInterface(Interface):
    """``<interface type='vhostuser'>``: a vhost-user backend (a DPDK switch, passt...)."""

    type: InterfaceType | None = attr(default=InterfaceType.VHOSTUSER)
    source: VhostUserSource | None = child(default=None)


@variant("server", without=("virtualport",))
class ServerInterface(Interface):
    """``<interface type='server'>``: a TCP tunnel that listens."""

    type: InterfaceType | None = attr(default=InterfaceType.SERVER)
    source: ServerSource | None = child()


@variant("client", without=("virtualport",))
class ClientInterface(Interface):
    """``<interface type='client'>``: a TCP tunnel that connects."""

    type: InterfaceType | None = attr(default=InterfaceType.CLIENT)
    source: TunnelSource | None = child()


@variant("mcast", without=("virtualport",))
class McastInterface(Interface):
    """``<interface type='mcast'>``: a multicast tunnel."""

    type: InterfaceType | None = attr(default=InterfaceType.MCAST)
    source: TunnelSource | None = child()


@variant("udp", without=("virtualport",))
class UdpInterface(Interface):
    """``<interface type='udp'>``: a UDP unicast tunnel."""

    type: InterfaceType | None = attr(default=InterfaceType.UDP)
    source: UdpSource | None = child()


@variant("hostdev")
class HostdevInterface(Interface):
    """``<interface type='hostdev'>``: an SR-IOV VF assigned to the guest, with a MAC."""

    type: InterfaceType | None = attr(default=InterfaceType.HOSTDEV)
    managed: bool | None = attr(doc="libvirt detaches the device from the host", default=None)
    source: HostdevInterfaceSource | None = child()


@variant("vdpa", without=("virtualport",))
class VdpaInterface(Interface):
    """``<interface type='vdpa'>``: a vDPA device."""

    type: InterfaceType | None = attr(default=InterfaceType.VDPA)
    source: VdpaSource | None = child()


@variant("vds", without=("virtualport",))
class VdsInterface(Interface):
    """``<interface type='vds'>``: a VMware distributed switch port."""

    type: InterfaceType | None = attr(default=InterfaceType.VDS)
    source: VdsSource | None = child()


@variant("internal", without=("virtualport",))
class InternalInterface(Interface):
    """``<interface type='internal'>``: a VirtualBox internal network."""

    type: InterfaceType | None = attr(default=InterfaceType.INTERNAL)
    source: InternalSource | None = child()


@variant("null", without=("virtualport",))
class NullInterface(Interface):
    """``<interface type='null'>``: not connected (VMware)."""

    type: InterfaceType | None = attr(default=InterfaceType.NULL)


register_root(Interface)
