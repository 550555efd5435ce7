"""``<network>``: the root of a virtual network definition (formatnetwork)."""

from __future__ import annotations

import enum

from domxml.binding import (
    ON_OFF,
    Model,
    attr,
    child,
    children,
    element,
    leaf,
    matching,
    register_root,
)
from domxml.models.metadata import Metadata
from domxml.models.network.common import Bandwidth, Mtu, PortOptions, Route, VirtualPort, Vlan
from domxml.models.network.dns import Dns
from domxml.models.network.forward import Forward
from domxml.models.network.ip import Ip
from domxml.models.types import (
    DeviceName,
    DnsName,
    ObjectNameWithSlash,
    UInt,
    ULong,
    UniMacAddr,
    Uuid,
)

#: The namespace of ``<dnsmasq:options>``: raw options for the network's dnsmasq.
DNSMASQ_NS = "http://libvirt.org/schemas/network/dnsmasq/1.0"


class MacTableManager(enum.Enum):
    """Who manages the bridge's MAC table (``<bridge macTableManager=...>``)."""

    KERNEL = "kernel"
    LIBVIRT = "libvirt"


@element("bridge")
class Bridge(Model):
    """``<bridge>``: the host bridge device that backs the network."""

    name: DeviceName | None = attr(default=None)
    zone: str | None = attr(
        doc="the firewalld zone of the bridge",
        default=None,
        codec=matching(r"[a-zA-Z0-9_\-]+", "zoneName"),
    )
    stp: bool | None = attr(codec=ON_OFF, default=None)
    delay: ULong | None = attr(doc="forward delay in seconds", default=None)
    mac_table_manager: MacTableManager | None = attr("macTableManager", default=None)


@element("mac")
class Mac(Model):
    """``<mac>``: the MAC address of the network's bridge."""

    address: UniMacAddr | None = attr()


@element("domain")
class NetworkDomain(Model):
    """``<domain>``: the DNS domain of the network's DHCP clients."""

    name: DnsName | None = attr()
    local_only: bool | None = attr(
        "localOnly", doc="never forward its names upstream", default=None
    )
    register: bool | None = attr(doc="register the domain with systemd-resolved", default=None)


# libvirt always writes <portgroup ...> with a closing tag.
@element("portgroup", self_close=False)
class PortGroup(Model):
    """``<portgroup>``: settings guest interfaces get by naming the portgroup."""

    name: DeviceName | None = attr()
    default: bool | None = attr(doc="used by interfaces that name no portgroup", default=None)
    trust_guest_rx_filters: bool | None = attr("trustGuestRxFilters", default=None)
    vlan: Vlan | None = child(default=None)
    virtualport: VirtualPort | None = child(default=None)
    bandwidth: Bandwidth | None = child(default=None)


@element("option", ns=DNSMASQ_NS, prefix="dnsmasq")
class DnsmasqOption(Model):
    """``<dnsmasq:option>``: one line of dnsmasq configuration."""

    value: str | None = attr()


@element("options", ns=DNSMASQ_NS, prefix="dnsmasq")
class DnsmasqOptions(Model):
    """``<dnsmasq:options>``: raw dnsmasq options libvirt passes through unchecked."""

    options: list[DnsmasqOption] = children(default_factory=list)


@element("network")
class Network(Model):
    """A libvirt virtual network (``<network>``, as ``virsh net-dumpxml`` writes it)."""

    connections: UInt | None = attr(doc="guest interfaces connected (live XML only)", default=None)
    ipv6: bool | None = attr(
        doc="allow guest-to-guest IPv6 without a gateway address", default=None
    )
    trust_guest_rx_filters: bool | None = attr("trustGuestRxFilters", default=None)
    name: str = leaf()
    uuid: Uuid | None = leaf(default=None)
    title: ObjectNameWithSlash | None = leaf(default=None)
    description: str | None = leaf(default=None)
    metadata: Metadata | None = child(default=None)
    forward: Forward | None = child(default=None)
    bridge: Bridge | None = child(default=None)
    mtu: Mtu | None = child(default=None)
    mac: Mac | None = child(default=None)
    domain: NetworkDomain | None = child(default=None)
    dns: Dns | None = child(default=None)
    vlan: Vlan | None = child(default=None)
    bandwidth: Bandwidth | None = child(default=None)
    port: PortOptions | None = child(default=None)
    ips: list[Ip] = children(default_factory=list)
    routes: list[Route] = children(default_factory=list)
    virtualport: VirtualPort | None = child(default=None)
    portgroups: list[PortGroup] = children(default_factory=list)
    dnsmasq_options: DnsmasqOptions | None = child(default=None)


register_root(Network)
