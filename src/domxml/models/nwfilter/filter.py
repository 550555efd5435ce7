"""Network filters (libvirt's formatnwfilter): ``<filter>``.

A filter is a list of rules and references to other filters, applied to
a domain's network traffic by ``<filterref>`` in its ``<interface>``.
Each ``<rule>`` accepts, drops, rejects, returns or continues on traffic
of one protocol in one direction.
"""

from __future__ import annotations

import enum

from domxml.binding import INT, Model, attr, child, children, element, leaf, matching, register_root
from domxml.models.domain.devices.interface import Filterref
from domxml.models.nwfilter.protocols import (
    AhIpv6Match,
    AhMatch,
    ArpMatch,
    EspIpv6Match,
    EspMatch,
    IcmpMatch,
    Icmpv6Match,
    IgmpMatch,
    IpMatch,
    IpProtocolMatch,
    Ipv6Match,
    Ipv6ProtocolMatch,
    MacMatch,
    SctpIpv6Match,
    SctpMatch,
    StpMatch,
    TcpIpv6Match,
    TcpMatch,
    UdpIpv6Match,
    UdpliteIpv6Match,
    UdpliteMatch,
    UdpMatch,
    VlanMatch,
)
from domxml.models.nwfilter.values import StateMatch
from domxml.models.types import Uuid

#: -1000 (first) to 1000 (last).
_PRIORITY = INT.within(-1000, 1000)


class RuleAction(enum.Enum):
    """What a rule does with the traffic it matches (``action=...``)."""

    DROP = "drop"
    ACCEPT = "accept"
    REJECT = "reject"
    CONTINUE = "continue"
    RETURN = "return"


class RuleDirection(enum.Enum):
    """Which traffic a rule looks at (``direction=...``): from the guest is ``out``."""

    IN = "in"
    OUT = "out"
    INOUT = "inout"


_PROTOCOLS = (
    "mac",
    "vlan",
    "stp",
    "arp",
    "rarp",
    "ip",
    "ipv6",
    "tcp",
    "udp",
    "sctp",
    "icmp",
    "igmp",
    "all",
    "esp",
    "ah",
    "udplite",
    "tcp_ipv6",
    "udp_ipv6",
    "sctp_ipv6",
    "icmpv6",
    "all_ipv6",
    "esp_ipv6",
    "ah_ipv6",
    "udplite_ipv6",
)


# A rule matches one protocol: one field per protocol element, at most one set.
@element("rule", exclusive=(_PROTOCOLS,))
class Rule(Model):
    """``<rule>``: what to do with traffic of one protocol in one direction."""

    action: RuleAction | None = attr()
    direction: RuleDirection | None = attr()
    priority: int | None = attr(codec=_PRIORITY, doc="-1000 to 1000; 500 by default", default=None)
    statematch: StateMatch | None = attr(doc="false: no connection tracking", default=None)
    mac: MacMatch | None = child(default=None)
    vlan: VlanMatch | None = child(default=None)
    stp: StpMatch | None = child(default=None)
    arp: ArpMatch | None = child(default=None)
    rarp: ArpMatch | None = child("rarp", default=None)
    ip: IpMatch | None = child(default=None)
    ipv6: Ipv6Match | None = child(default=None)
    tcp: TcpMatch | None = child(default=None)
    udp: UdpMatch | None = child(default=None)
    sctp: SctpMatch | None = child(default=None)
    icmp: IcmpMatch | None = child(default=None)
    igmp: IgmpMatch | None = child(default=None)
    all: IpProtocolMatch | None = child(default=None)
    esp: EspMatch | None = child(default=None)
    ah: AhMatch | None = child(default=None)
    udplite: UdpliteMatch | None = child(default=None)
    tcp_ipv6: TcpIpv6Match | None = child(default=None)
    udp_ipv6: UdpIpv6Match | None = child(default=None)
    sctp_ipv6: SctpIpv6Match | None = child(default=None)
    icmpv6: Icmpv6Match | None = child(default=None)
    all_ipv6: Ipv6ProtocolMatch | None = child(default=None)
    esp_ipv6: EspIpv6Match | None = child(default=None)
    ah_ipv6: AhIpv6Match | None = child(default=None)
    udplite_ipv6: UdpliteIpv6Match | None = child(default=None)


# The chains libvirt has: root, or a protocol's, optionally with a suffix.
_CHAIN = matching(
    r"root|mac[a-zA-Z0-9_\.:\-]{0,9}|stp[a-zA-Z0-9_\.:\-]{0,9}|vlan[a-zA-Z0-9_\.:\-]{0,8}"
    r"|arp[a-zA-Z0-9_\.:\-]{0,9}|rarp[a-zA-Z0-9_\.:\-]{0,8}|ipv4[a-zA-Z0-9_\.:\-]{0,8}"
    r"|ipv6[a-zA-Z0-9_\.:\-]{0,8}",
    "chain",
)


# The declaration order is libvirt's (virNWFilterDefFormat); references and
# rules stay in their own order, which is the order they apply in.
@element("filter", interleave=(("filterrefs", "rules"),))
class NWFilter(Model):
    """A network filter: its name, chain, priority, rules and the filters it includes."""

    name: str | None = attr(codec=matching(r"[A-Za-z_][A-Za-z0-9_.\-]*", "NCName"))
    chain: str | None = attr(
        doc="root, mac, ipv4, ipv6, arp... (and a suffix)", codec=_CHAIN, default=None
    )
    priority: int | None = attr(codec=_PRIORITY, doc="the chain's priority", default=None)
    uuid: Uuid | None = leaf(default=None)
    filterrefs: list[Filterref] = children(default_factory=list)
    rules: list[Rule] = children(default_factory=list)


register_root(NWFilter)
