"""The protocol elements of a network filter rule (formatnwfilter "Supported protocols").

A ``<rule>`` matches traffic of one protocol, given by its one child:
``<mac>``, ``<vlan>``, ``<stp>``, ``<arp>``/``<rarp>``, ``<ip>``/``<ipv6>``
(layer 2 with IP fields), or an IP protocol: ``<tcp>``, ``<udp>``,
``<sctp>``, ``<icmp>``, ``<igmp>``, ``<esp>``, ``<ah>``, ``<udplite>``,
``<all>`` and their ``-ipv6`` forms. Each takes the attributes of the
headers it matches; the classes share them by inheritance and state
libvirt's attribute order (its ``virXMLAttr2Struct`` tables) with
``field_order``.
"""

from __future__ import annotations

from domxml.binding import Model, attr, element
from domxml.models.nwfilter.values import (
    AddrIp,
    AddrIpv6,
    AddrMac,
    AddrMask,
    AddrMaskV6,
    ArpOpcode,
    Boolean,
    IpProtocol,
    IpsetFlags,
    IpsetName,
    MacProtocolId,
    SixBit,
    StateFlags,
    TcpFlags,
    UInt8,
    UInt16,
    UInt32,
    VlanId,
)

_MAC = ("match", "srcmacaddr", "srcmacmask", "dstmacaddr", "dstmacmask")
_IP = ("srcipaddr", "srcipmask", "dstipaddr", "dstipmask")
_PORTS = ("srcportstart", "srcportend", "dstportstart", "dstportend")
_RANGES = ("srcipfrom", "srcipto", "dstipfrom", "dstipto", "dscp")
_CONNTRACK = ("connlimit_above", "state", "ipset", "ipsetflags")
# An ipset comes with the flags saying which addresses it matches.
_IPSET = (("ipset", "ipsetflags"),)


@element("mac")
class EthernetMatch(Model):
    """``<mac>``: Ethernet frames, by their addresses and protocol id."""

    match: bool | None = attr(doc="no: match what does not fit", default=None)
    srcmacaddr: AddrMac | None = attr(default=None)
    srcmacmask: AddrMac | None = attr(default=None)
    dstmacaddr: AddrMac | None = attr(default=None)
    dstmacmask: AddrMac | None = attr(default=None)
    comment: str | None = attr(doc="up to 256 characters", default=None)


@element("mac", field_order=(*_MAC, "protocolid", "comment"))
class MacMatch(EthernetMatch):
    """``<mac>``: Ethernet frames, by their addresses and protocol id."""

    protocolid: MacProtocolId | None = attr(doc="arp, ipv4, ipv6... or a number", default=None)


@element("vlan", field_order=(*_MAC, "vlanid", "encap_protocol", "comment"))
class VlanMatch(EthernetMatch):
    """``<vlan>``: 802.1Q frames, by VLAN id and encapsulated protocol."""

    vlanid: VlanId | None = attr(default=None)
    encap_protocol: MacProtocolId | None = attr("encap-protocol", default=None)


_ARP = (
    "hwtype",
    "protocoltype",
    "opcode",
    "arpsrcmacaddr",
    "arpdstmacaddr",
    "arpsrcipaddr",
    "arpdstipaddr",
    "gratuitous",
)


@element("arp", field_order=(*_MAC, *_ARP, "comment"))
class ArpMatch(EthernetMatch):
    """``<arp>`` (or ``<rarp>``): ARP packets, by their fields."""

    hwtype: UInt16 | None = attr(default=None)
    protocoltype: UInt16 | None = attr(default=None)
    opcode: ArpOpcode | None = attr(doc="Request, Reply... or a number", default=None)
    arpsrcmacaddr: AddrMac | None = attr(default=None)
    arpdstmacaddr: AddrMac | None = attr(default=None)
    arpsrcipaddr: AddrIp | None = attr(default=None)
    arpdstipaddr: AddrIp | None = attr(default=None)
    gratuitous: Boolean | None = attr(default=None)


@element("ip", field_order=(*_MAC, *_IP, "protocol", *_PORTS, "dscp", "comment"))
class IpMatch(EthernetMatch):
    """``<ip>``: IPv4 packets at layer 2, by addresses, protocol, ports and DSCP."""

    srcipaddr: AddrIp | None = attr(default=None)
    srcipmask: AddrMask | None = attr(default=None)
    dstipaddr: AddrIp | None = attr(default=None)
    dstipmask: AddrMask | None = attr(default=None)
    protocol: IpProtocol | None = attr(doc="tcp, udp, icmp... or a number", default=None)
    srcportstart: UInt16 | None = attr(default=None)
    srcportend: UInt16 | None = attr(default=None)
    dstportstart: UInt16 | None = attr(default=None)
    dstportend: UInt16 | None = attr(default=None)
    dscp: SixBit | None = attr(default=None)


_ICMP_RANGES = ("type", "typeend", "code", "codeend")


@element("ipv6", field_order=(*_MAC, *_IP, "protocol", *_PORTS, *_ICMP_RANGES, "comment"))
class Ipv6Match(EthernetMatch):
    """``<ipv6>``: IPv6 packets at layer 2, by addresses, protocol, ports and ICMP type."""

    srcipaddr: AddrIpv6 | None = attr(default=None)
    srcipmask: AddrMaskV6 | None = attr(default=None)
    dstipaddr: AddrIpv6 | None = attr(default=None)
    dstipmask: AddrMaskV6 | None = attr(default=None)
    protocol: IpProtocol | None = attr(doc="tcp, udp, icmpv6... or a number", default=None)
    srcportstart: UInt16 | None = attr(default=None)
    srcportend: UInt16 | None = attr(default=None)
    dstportstart: UInt16 | None = attr(default=None)
    dstportend: UInt16 | None = attr(default=None)
    type: UInt8 | None = attr(doc="ICMPv6 type, the first of a range", default=None)
    typeend: UInt8 | None = attr(default=None)
    code: UInt8 | None = attr(doc="ICMPv6 code, the first of a range", default=None)
    codeend: UInt8 | None = attr(default=None)


@element("stp")
class StpMatch(Model):
    """``<stp>``: spanning tree (802.1D) BPDUs, by their fields and ranges (``-hi``)."""

    match: bool | None = attr(doc="no: match what does not fit", default=None)
    srcmacaddr: AddrMac | None = attr(default=None)
    srcmacmask: AddrMac | None = attr(default=None)
    type: UInt8 | None = attr(doc="the BPDU type", default=None)
    flags: UInt8 | None = attr(default=None)
    root_priority: UInt16 | None = attr("root-priority", default=None)
    root_priority_hi: UInt16 | None = attr("root-priority-hi", default=None)
    root_address: AddrMac | None = attr("root-address", default=None)
    root_address_mask: AddrMac | None = attr("root-address-mask", default=None)
    root_cost: UInt32 | None = attr("root-cost", default=None)
    root_cost_hi: UInt32 | None = attr("root-cost-hi", default=None)
    sender_priority: UInt16 | None = attr("sender-priority", default=None)
    sender_priority_hi: UInt16 | None = attr("sender-priority-hi", default=None)
    sender_address: AddrMac | None = attr("sender-address", default=None)
    sender_address_mask: AddrMac | None = attr("sender-address-mask", default=None)
    port: UInt16 | None = attr(default=None)
    port_hi: UInt16 | None = attr("port-hi", default=None)
    age: UInt16 | None = attr(default=None)
    age_hi: UInt16 | None = attr("age-hi", default=None)
    max_age: UInt16 | None = attr("max-age", default=None)
    max_age_hi: UInt16 | None = attr("max-age-hi", default=None)
    hello_time: UInt16 | None = attr("hello-time", default=None)
    hello_time_hi: UInt16 | None = attr("hello-time-hi", default=None)
    forward_delay: UInt16 | None = attr("forward-delay", default=None)
    forward_delay_hi: UInt16 | None = attr("forward-delay-hi", default=None)
    comment: str | None = attr(doc="up to 256 characters", default=None)


# --- IPv4 protocols ------------------------------------------------------------


@element("all", together=_IPSET)
class IpProtocolMatch(Model):
    """``<all>``: any IPv4 packet, by addresses, ranges, DSCP and connection state.

    The base of the IPv4 protocol elements (``<esp>``, ``<ah>``,
    ``<udplite>``, ``<igmp>`` have just these attributes).
    """

    match: bool | None = attr(doc="no: match what does not fit", default=None)
    srcmacaddr: AddrMac | None = attr(default=None)
    srcipaddr: AddrIp | None = attr(default=None)
    srcipmask: AddrMask | None = attr(default=None)
    dstipaddr: AddrIp | None = attr(default=None)
    dstipmask: AddrMask | None = attr(default=None)
    srcipfrom: AddrIp | None = attr(doc="the first source address of a range", default=None)
    srcipto: AddrIp | None = attr(default=None)
    dstipfrom: AddrIp | None = attr(default=None)
    dstipto: AddrIp | None = attr(default=None)
    dscp: SixBit | None = attr(default=None)
    connlimit_above: UInt16 | None = attr(
        "connlimit-above", doc="more connections than this", default=None
    )
    state: StateFlags | None = attr(doc="NEW, ESTABLISHED, RELATED, INVALID or NONE", default=None)
    ipset: IpsetName | None = attr(default=None)
    ipsetflags: IpsetFlags | None = attr(default=None)
    comment: str | None = attr(doc="up to 256 characters", default=None)


@element("esp", together=_IPSET)
class EspMatch(IpProtocolMatch):
    """``<esp>``: IPsec ESP packets."""


@element("ah", together=_IPSET)
class AhMatch(IpProtocolMatch):
    """``<ah>``: IPsec AH packets."""


@element("udplite", together=_IPSET)
class UdpliteMatch(IpProtocolMatch):
    """``<udplite>``: UDP-Lite packets."""


@element("igmp", together=_IPSET)
class IgmpMatch(IpProtocolMatch):
    """``<igmp>``: IGMP packets."""


_L3 = ("match", "srcmacaddr", *_IP, *_RANGES, *_CONNTRACK)


@element("udp", field_order=(*_L3, *_PORTS, "comment"), together=_IPSET)
class UdpMatch(IpProtocolMatch):
    """``<udp>``: UDP packets, by ports too."""

    srcportstart: UInt16 | None = attr(default=None)
    srcportend: UInt16 | None = attr(default=None)
    dstportstart: UInt16 | None = attr(default=None)
    dstportend: UInt16 | None = attr(default=None)


@element("sctp", field_order=(*_L3, *_PORTS, "comment"), together=_IPSET)
class SctpMatch(UdpMatch):
    """``<sctp>``: SCTP packets, by ports too."""


@element("tcp", field_order=(*_L3, *_PORTS, "flags", "comment"), together=_IPSET)
class TcpMatch(UdpMatch):
    """``<tcp>``: TCP packets, by ports and flags too."""

    flags: TcpFlags | None = attr(doc="mask/set: SYN/SYN,ACK", default=None)


@element("icmp", field_order=(*_L3, "type", "code", "comment"), together=_IPSET)
class IcmpMatch(IpProtocolMatch):
    """``<icmp>``: ICMP packets, by type and code too."""

    type: UInt8 | None = attr(default=None)
    code: UInt8 | None = attr(default=None)


# --- IPv6 protocols ------------------------------------------------------------


@element("all-ipv6")
class Ipv6ProtocolMatch(Model):
    """``<all-ipv6>``: any IPv6 packet, by addresses, ranges and DSCP.

    The base of the IPv6 protocol elements (``-ipv6`` forms).
    """

    match: bool | None = attr(doc="no: match what does not fit", default=None)
    srcmacaddr: AddrMac | None = attr(default=None)
    srcipaddr: AddrIpv6 | None = attr(default=None)
    srcipmask: AddrMaskV6 | None = attr(default=None)
    dstipaddr: AddrIpv6 | None = attr(default=None)
    dstipmask: AddrMaskV6 | None = attr(default=None)
    srcipfrom: AddrIpv6 | None = attr(doc="the first source address of a range", default=None)
    srcipto: AddrIpv6 | None = attr(default=None)
    dstipfrom: AddrIpv6 | None = attr(default=None)
    dstipto: AddrIpv6 | None = attr(default=None)
    dscp: SixBit | None = attr(default=None)
    comment: str | None = attr(doc="up to 256 characters", default=None)


@element("esp-ipv6")
class EspIpv6Match(Ipv6ProtocolMatch):
    """``<esp-ipv6>``: IPsec ESP packets over IPv6."""


@element("ah-ipv6")
class AhIpv6Match(Ipv6ProtocolMatch):
    """``<ah-ipv6>``: IPsec AH packets over IPv6."""


@element("udplite-ipv6")
class UdpliteIpv6Match(Ipv6ProtocolMatch):
    """``<udplite-ipv6>``: UDP-Lite packets over IPv6."""


_L3V6 = ("match", "srcmacaddr", *_IP, *_RANGES)


@element("udp-ipv6", field_order=(*_L3V6, *_PORTS, "comment"))
class UdpIpv6Match(Ipv6ProtocolMatch):
    """``<udp-ipv6>``: UDP packets over IPv6, by ports too."""

    srcportstart: UInt16 | None = attr(default=None)
    srcportend: UInt16 | None = attr(default=None)
    dstportstart: UInt16 | None = attr(default=None)
    dstportend: UInt16 | None = attr(default=None)


@element("sctp-ipv6", field_order=(*_L3V6, *_PORTS, "comment"))
class SctpIpv6Match(UdpIpv6Match):
    """``<sctp-ipv6>``: SCTP packets over IPv6, by ports too."""


@element("tcp-ipv6", field_order=(*_L3V6, *_PORTS, "flags", "comment"))
class TcpIpv6Match(UdpIpv6Match):
    """``<tcp-ipv6>``: TCP packets over IPv6, by ports and flags too."""

    flags: TcpFlags | None = attr(doc="mask/set: SYN/SYN,ACK", default=None)


@element("icmpv6", field_order=(*_L3V6, "type", "code", "comment"))
class Icmpv6Match(Ipv6ProtocolMatch):
    """``<icmpv6>``: ICMPv6 packets, by type and code too."""

    type: UInt8 | None = attr(default=None)
    code: UInt8 | None = attr(default=None)
