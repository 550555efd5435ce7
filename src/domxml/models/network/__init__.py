"""Virtual networks: libvirt's network XML (formatnetwork).

``Network`` is the root; the modules hold its parts: ``forward``, ``dns``,
``ip`` (addresses, DHCP, TFTP), ``common`` (what domain interfaces share:
virtualport, bandwidth, vlan, routes) and ``network`` (the root and the
elements only it has).
"""

from domxml.models.metadata import Metadata
from domxml.models.network.common import (
    AddrFamily,
    Bandwidth,
    BandwidthRate,
    Mtu,
    PortOptions,
    Route,
    VirtualPort,
    VirtualPortParameters,
    VirtualPortType,
    Vlan,
    VlanNativeMode,
    VlanTag,
)
from domxml.models.network.dns import Dns, DnsForwarder, DnsHost, DnsSrv, DnsTxt, SrvProtocol
from domxml.models.network.forward import (
    AddressType,
    Forward,
    ForwardDriver,
    ForwardInterface,
    ForwardMode,
    ForwardPf,
    HostdevDriverName,
    Nat,
    NatAddressRange,
    NatPortRange,
    PciAddress,
)
from domxml.models.network.ip import Bootp, Dhcp, DhcpHost, DhcpRange, Ip, Lease, LeaseUnit, Tftp
from domxml.models.network.network import (
    DNSMASQ_NS,
    Bridge,
    DnsmasqOption,
    DnsmasqOptions,
    Mac,
    MacTableManager,
    Network,
    NetworkDomain,
    PortGroup,
)

__all__ = [
    "DNSMASQ_NS",
    "AddrFamily",
    "AddressType",
    "Bandwidth",
    "BandwidthRate",
    "Bootp",
    "Bridge",
    "Dhcp",
    "DhcpHost",
    "DhcpRange",
    "Dns",
    "DnsForwarder",
    "DnsHost",
    "DnsSrv",
    "DnsTxt",
    "DnsmasqOption",
    "DnsmasqOptions",
    "Forward",
    "ForwardDriver",
    "ForwardInterface",
    "ForwardMode",
    "ForwardPf",
    "HostdevDriverName",
    "Ip",
    "Lease",
    "LeaseUnit",
    "Mac",
    "MacTableManager",
    "Metadata",
    "Mtu",
    "Nat",
    "NatAddressRange",
    "NatPortRange",
    "Network",
    "NetworkDomain",
    "PciAddress",
    "PortGroup",
    "PortOptions",
    "Route",
    "SrvProtocol",
    "Tftp",
    "VirtualPort",
    "VirtualPortParameters",
    "VirtualPortType",
    "Vlan",
    "VlanNativeMode",
    "VlanTag",
]
