"""``<network>``: the root of a virtual network definition (formatnetwork)."""

from __future__ import annotations

import enum

from domxml.binding import ON_OFF, Model, attr, child, children, element, leaf, register_root
from domxml.models.metadata import Metadata
from domxml.models.network.common import Bandwidth, Mtu, PortOptions, Route, VirtualPort, Vlan
from domxml.models.network.dns import Dns
from domxml.models.network.forward import Forward
from domxml.models.network.ip import Ip

#: The namespace of ``<dnsmasq:options>``: raw options for the network's dnsmasq.
DNSMASQ_NS = "http://libvirt.org/schemas/network/dnsmasq/1.0"


class MacTableManager(enum.Enum):
    """Who manages the bridge's MAC table (``<bridge macTableManager=...>``)."""

    KERNEL = "kernel"
    LIBVIRT = "libvirt"


@element("bridge")
class Bridge(Model):
    """``<bridge>``: the host bridge device that backs the network."""

    name: str | None = attr()
    zone: str | None = attr(doc="the firewalld zone of the bridge")
    stp: bool | None = attr(codec=ON_OFF)
    delay: int | None = attr(doc="forward delay in seconds")
    mac_table_manager: MacTableManager | None = attr("macTableManager")


@element("mac")
class Mac(Model):
    """``<mac>``: the MAC address of the network's bridge."""

    address: str | None = attr()


@element("domain")
class NetworkDomain(Model):
    """``<domain>``: the DNS domain of the network's DHCP clients."""

    name: str | None = attr()
    local_only: bool | None = attr("localOnly", doc="never forward its names upstream")
    register: bool | None = attr(doc="register the domain with systemd-resolved")


# libvirt always writes <portgroup ...> with a closing tag.
@element("portgroup", self_close=False)
class PortGroup(Model):
    """``<portgroup>``: settings guest interfaces get by naming the portgroup."""

    name: str | None = attr()
    default: bool | None = attr(doc="used by interfaces that name no portgroup")
    trust_guest_rx_filters: bool | None = attr("trustGuestRxFilters")
    vlan: Vlan | None = child()
    virtualport: VirtualPort | None = child()
    bandwidth: Bandwidth | None = child()


@element("option", ns=DNSMASQ_NS, prefix="dnsmasq")
class DnsmasqOption(Model):
    """``<dnsmasq:option>``: one line of dnsmasq configuration."""

    value: str | None = attr()


@element("options", ns=DNSMASQ_NS, prefix="dnsmasq")
class DnsmasqOptions(Model):
    """``<dnsmasq:options>``: raw dnsmasq options libvirt passes through unchecked."""

    options: list[DnsmasqOption] = children()


@element("network")
class Network(Model):
    """A libvirt virtual network (``<network>``, as ``virsh net-dumpxml`` writes it)."""

    connections: int | None = attr(doc="guest interfaces connected (live XML only)")
    ipv6: bool | None = attr(doc="allow guest-to-guest IPv6 without a gateway address")
    trust_guest_rx_filters: bool | None = attr("trustGuestRxFilters")
    name: str = leaf(required=True)
    uuid: str | None = leaf()
    title: str | None = leaf()
    description: str | None = leaf()
    metadata: Metadata | None = child()
    forward: Forward | None = child()
    bridge: Bridge | None = child()
    mtu: Mtu | None = child()
    mac: Mac | None = child()
    domain: NetworkDomain | None = child()
    dns: Dns | None = child()
    vlan: Vlan | None = child()
    bandwidth: Bandwidth | None = child()
    port: PortOptions | None = child()
    ips: list[Ip] = children()
    routes: list[Route] = children()
    virtualport: VirtualPort | None = child()
    portgroups: list[PortGroup] = children()
    dnsmasq_options: DnsmasqOptions | None = child()


register_root(Network)
