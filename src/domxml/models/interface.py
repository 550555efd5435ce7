"""Host network interfaces (libvirt's formatinterface / netcf): ``<interface>``.

A host interface as ``virsh iface-dumpxml`` describes it: an Ethernet
device, a bridge, a bond or a VLAN, when it starts, its addressing per
protocol, and (bridge, bond, VLAN) the interfaces it is made of. Not to
be confused with a domain's ``<interface>`` device
(:class:`domxml.models.domain.devices.interface.Interface`): a document
whose root ``<interface>`` has a ``name`` (or is a bond or VLAN) is a
host interface.
"""

from __future__ import annotations

import enum

from domxml.binding import (
    FLOAT,
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
from domxml.models.nodedev.capability import NetLink
from domxml.models.types import DeviceName, Ipv4Addr, Ipv6Addr, UInt
from domxml.validation.kinds import host_interface


class StartMode(enum.Enum):
    """When the interface is brought up (``<start mode=...>``)."""

    ONBOOT = "onboot"
    NONE = "none"
    HOTPLUG = "hotplug"


class BondMode(enum.Enum):
    """How a bond spreads traffic over its interfaces (``<bond mode=...>``)."""

    BALANCE_RR = "balance-rr"
    ACTIVE_BACKUP = "active-backup"
    BALANCE_XOR = "balance-xor"
    BROADCAST = "broadcast"
    IEEE_802_3AD = "802.3ad"
    BALANCE_TLB = "balance-tlb"
    BALANCE_ALB = "balance-alb"


class MiimonCarrier(enum.Enum):
    """How link state is read (``<miimon carrier=...>``)."""

    IOCTL = "ioctl"
    NETIF = "netif"


class ArpValidate(enum.Enum):
    """Which ARP replies are validated (``<arpmon validate=...>``)."""

    NONE = "none"
    ACTIVE = "active"
    BACKUP = "backup"
    ALL = "all"


@element("start")
class Start(Model):
    """``<start mode='onboot'/>``: when the interface is brought up."""

    mode: StartMode | None = attr()


@element("mac")
class InterfaceMac(Model):
    """``<mac address='...'/>``: the interface's MAC address."""

    address: str | None = attr(codec=matching(r"([a-fA-F0-9]{2}:){5}[a-fA-F0-9]{2}", "macAddr"))


@element("mtu")
class InterfaceMtu(Model):
    """``<mtu size='1500'/>``: the interface's MTU."""

    size: UInt | None = attr()


@element("dhcp")
class InterfaceDhcp(Model):
    """``<dhcp/>``: the address comes from DHCP."""

    peerdns: bool | None = attr(doc="take the DNS servers DHCP offers", default=None)


@element("autoconf")
class Autoconf(Model):
    """``<autoconf/>``: IPv6 stateless address autoconfiguration."""


@element("ip")
class Ipv4Ip(Model):
    """``<ip>`` of an IPv4 protocol: a static address."""

    address: Ipv4Addr | None = attr()
    prefix: int | None = attr(codec=INT.within(0, 32), default=None)


@element("ip")
class Ipv6Ip(Model):
    """``<ip>`` of an IPv6 protocol: a static address."""

    address: Ipv6Addr | None = attr()
    prefix: int | None = attr(codec=INT.within(0, 128), default=None)


@element("route")
class Ipv4Route(Model):
    """``<route gateway='...'/>``: the IPv4 default gateway."""

    gateway: Ipv4Addr | None = attr()


@element("route")
class Ipv6Route(Model):
    """``<route gateway='...'/>``: the IPv6 default gateway."""

    gateway: Ipv6Addr | None = attr()


@element("protocol", discriminator="family", self_close=False)
class Protocol(Model):
    """``<protocol family='...'>``: how the interface gets its addresses of one family."""

    family: str | None = attr(doc="ipv4 or ipv6")


@variant("ipv4")
class Ipv4Protocol(Protocol):
    """``<protocol family='ipv4'>``: DHCP or static IPv4 addresses, and the gateway."""

    dhcp: InterfaceDhcp | None = child(default=None)
    ips: list[Ipv4Ip] = children(default_factory=list)
    route: Ipv4Route | None = child(default=None)


@variant("ipv6")
class Ipv6Protocol(Protocol):
    """``<protocol family='ipv6'>``: autoconfiguration, DHCP or static addresses, the gateway."""

    autoconf: Autoconf | None = child(default=None)
    dhcp: InterfaceDhcp | None = child(default=None)
    ips: list[Ipv6Ip] = children(default_factory=list)
    route: Ipv6Route | None = child(default=None)


# The declaration order is libvirt's (virInterfaceDefDevFormat); libvirt
# writes an empty interface (one in a bridge) open and closed.
@element("interface", discriminator="type", self_close=False)
class HostInterface(Model):
    """A host network interface: ``ethernet``, ``bridge``, ``bond`` or ``vlan``."""

    type: str | None = attr(doc="ethernet, bridge, bond or vlan")
    name: DeviceName | None = attr(doc="the device name (eth0, br0)")
    start: Start | None = child(default=None)
    mtu: InterfaceMtu | None = child(default=None)
    protocols: list[Protocol] = children(
        default_factory=list, max_items=2, slots=(("ipv4",), ("ipv6",))
    )
    link: NetLink | None = child(default=None)
    mac: InterfaceMac | None = child(default=None)


@variant("ethernet")
class EthernetInterface(HostInterface):
    """``<interface type='ethernet'>``: a physical network device."""


# An interface inside a bridge or a bond has no start mode, MTU or
# addressing of its own: they are the top-level interface's.
@element("interface", discriminator="type", self_close=False)
class BareInterface(Model):
    """``<interface>`` in a bridge or a bond: ``ethernet``, ``bond`` or ``vlan``."""

    type: str | None = attr(doc="ethernet, bond or vlan")
    name: DeviceName | None = attr(doc="the device name (eth0)")
    link: NetLink | None = child(default=None)


@variant("ethernet")
class BareEthernetInterface(BareInterface):
    """``<interface type='ethernet'>`` in a bridge or a bond."""

    mac: InterfaceMac | None = child(default=None)


@element("bridge", self_close=False)
class InterfaceBridge(Model):
    """``<bridge>``: the bridge's settings and the interfaces on it."""

    stp: bool | None = attr(codec=ON_OFF, default=None)
    delay: float | None = attr(
        doc="forward delay, seconds", codec=FLOAT.within(0, None), default=None
    )
    interfaces: list[BareInterface] = children(default_factory=list)


@variant("bridge", without=("mac", "link"))
class BridgeInterface(HostInterface):
    """``<interface type='bridge'>``: a host bridge and its ports."""

    bridge: InterfaceBridge | None = child()


@element("miimon")
class Miimon(Model):
    """``<miimon>``: link monitoring by MII."""

    freq: UInt | None = attr(doc="ms")
    downdelay: UInt | None = attr(default=None)
    updelay: UInt | None = attr(default=None)
    carrier: MiimonCarrier | None = attr(default=None)


@element("arpmon")
class Arpmon(Model):
    """``<arpmon>``: link monitoring by ARP probes."""

    interval: UInt | None = attr(doc="ms")
    target: Ipv4Addr | None = attr()
    validate: ArpValidate | None = attr(default=None)


@element("bond", exclusive=(("miimon", "arpmon"),))
class Bond(Model):
    """``<bond>``: the bonding mode, link monitoring and the bonded interfaces."""

    mode: BondMode | None = attr(default=None)
    miimon: Miimon | None = child(default=None)
    arpmon: Arpmon | None = child(default=None)
    interfaces: list[BareEthernetInterface] = children(min_items=1)


@variant("bond")
class BareBondInterface(BareInterface):
    """``<interface type='bond'>`` in a bridge."""

    bond: Bond | None = child()


@variant("bond", without=("mac",))
class BondInterface(HostInterface):
    """``<interface type='bond'>``: a bond of Ethernet interfaces."""

    bond: Bond | None = child()


@element("interface")
class VlanDevice(Model):
    """``<interface name='eth0'/>`` of a ``<vlan>``: the device the VLAN is on."""

    name: DeviceName | None = attr()


@element("vlan")
class InterfaceVlan(Model):
    """``<vlan tag='42'>``: the VLAN id and the device it is on."""

    tag: int | None = attr(codec=INT.within(0, 4095))
    interface: VlanDevice | None = child()


@variant("vlan", without=("mac",))
class VlanInterface(HostInterface):
    """``<interface type='vlan'>``: a VLAN on another interface."""

    name: DeviceName | None = attr(doc="always DEVICE.VLAN; may be left out", default=None)
    vlan: InterfaceVlan | None = child()


@variant("vlan")
class BareVlanInterface(BareInterface):
    """``<interface type='vlan'>`` in a bridge."""

    name: DeviceName | None = attr(doc="always DEVICE.VLAN; may be left out", default=None)
    vlan: InterfaceVlan | None = child()


# A domain's <interface> device is the root's default model; the rule that
# tells a host's is validate's too (domxml.validation.kinds.host_interface).
register_root(HostInterface, when=host_interface)
