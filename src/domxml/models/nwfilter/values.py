"""The value types of network filter rules (nwfilter.rng's type library).

Nearly every value of a rule may also be a variable (``$MAC``, ``$IP[@1]``)
that libvirt fills in from the parameters of a ``<filterref>``; numbers
may be decimal or hexadecimal. The values are kept as text: each type
here is ``str`` with the schema's patterns (its integer ranges written
as patterns).
"""

from __future__ import annotations

from typing import Annotated

from domxml.binding import Codec, matching

_VAR = r"\$[ ]*[a-zA-Z0-9_]+(\[[ ]*[@]?[0-9]+[ ]*\])?[ ]*"
_IPV4 = r"([0-2]?[0-9]?[0-9]\.){3}[0-2]?[0-9]?[0-9]"
_IPV6 = r"([a-fA-F0-9]{0,4}:){2,7}([a-fA-F0-9]*)"
_MAC = r"([a-fA-F0-9]{1,2}:){5}[a-fA-F0-9]{1,2}"
# Integer ranges, whole: the schema states them as ranges, libvirt writes
# decimal.
_U16 = r"[0-9]{1,4}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5]"
_U32 = "|".join(
    (
        r"[0-9]{1,9}",
        r"[1-3][0-9]{9}",
        r"4[01][0-9]{8}",
        r"42[0-8][0-9]{7}",
        r"429[0-3][0-9]{6}",
        r"4294[0-8][0-9]{5}",
        r"42949[0-5][0-9]{4}",
        r"429496[0-6][0-9]{3}",
        r"4294967[01][0-9]{2}",
        r"42949672[0-8][0-9]",
        r"429496729[0-5]",
    )
)
_P1536 = "|".join(
    (
        r"153[6-9]",
        r"15[4-9][0-9]",
        r"1[6-9][0-9]{2}",
        r"[2-9][0-9]{3}",
        r"[1-5][0-9]{4}",
        r"6[0-4][0-9]{3}",
        r"65[0-4][0-9]{2}",
        r"655[0-2][0-9]",
        r"6553[0-5]",
    )
)
_V4095 = r"[0-9]{1,3}|[1-3][0-9]{3}|40[0-8][0-9]|409[0-5]"


def _either(name: str, *patterns: str) -> Codec:
    return matching("|".join(f"(?:{p})" for p in patterns), name)


AddrMac = Annotated[str, _either("addrMAC", _VAR, _MAC)]
"""A MAC address or mask, or a variable."""
AddrIp = Annotated[str, _either("addrIP", _VAR, _IPV4)]
"""An IPv4 address, or a variable."""
AddrIpv6 = Annotated[str, _either("addrIPv6", _VAR, _IPV6 + r"(" + _IPV4 + r")?")]
"""An IPv6 address, or a variable."""
AddrMask = Annotated[str, _either("addrMask", _VAR, r"[0-9]|[12][0-9]|3[0-2]", _IPV4)]
"""An IPv4 prefix length (0-32) or netmask, or a variable."""
AddrMaskV6 = Annotated[
    str, _either("addrMaskv6", _VAR, r"[0-9]|[1-9][0-9]|1[01][0-9]|12[0-8]", _IPV6)
]
"""An IPv6 prefix length (0-128) or netmask, or a variable."""
SixBit = Annotated[
    str,
    _either("sixbitrange", r"0x([0-3][0-9a-fA-F]|[0-9a-fA-F])", _VAR, r"[0-9]|[1-5][0-9]|6[0-3]"),
]
"""0 to 63 (a DSCP value), decimal or hexadecimal, or a variable."""
MacProtocolId = Annotated[
    str,
    _either(
        "mac-protocolid",
        _VAR,
        r"0x([6-9a-fA-F][0-9a-fA-F]{2}|[0-9a-fA-F]{4})",
        _P1536,
        r"arp|rarp|ipv4|ipv6|vlan",
    ),
]
"""An Ethernet protocol id (1536 and up), by number or name, or a variable."""
VlanId = Annotated[str, _either("vlan-vlanid", _VAR, r"0x([0-9a-fA-F]{1,3})", _V4095)]
"""A VLAN id (0-4095), or a variable."""
UInt8 = Annotated[
    str, _either("uint8", r"0x[0-9a-fA-F]{1,2}", r"[0-9]{1,2}|1[0-9]{2}|2[0-4][0-9]|25[0-5]")
]
"""0 to 255, decimal or hexadecimal."""
UInt16 = Annotated[str, _either("uint16range", _VAR, r"0x[0-9a-fA-F]{1,4}", _U16)]
"""0 to 65535, decimal or hexadecimal, or a variable."""
UInt32 = Annotated[str, _either("uint32range", _VAR, r"0x[0-9a-fA-F]{1,8}", _U32)]
"""0 to 4294967295, decimal or hexadecimal, or a variable."""
Boolean = Annotated[str, _either("boolean", r"yes|no|true|false|1|0")]
"""yes, no, true, false, 1 or 0."""
ArpOpcode = Annotated[
    str,
    _either(
        "arpOpcodeType",
        _VAR,
        _U16,
        r"([Rr]eply|[Rr]equest|[Rr]equest_[Rr]everse|[Rr]eply_[Rr]everse|DRARP_[Rr]equest"
        r"|DRARP_[Rr]eply|DRARP_[Ee]rror|InARP_[Rr]equest|ARP_NAK)",
    ),
]
"""An ARP opcode, by number or name, or a variable."""
IpProtocol = Annotated[
    str,
    _either(
        "ipProtocolType",
        _VAR,
        r"0x[0-9a-fA-F]{1,2}",
        r"[0-9]{1,2}|1[0-9]{2}|2[0-4][0-9]|25[0-5]",
        r"tcp|udp|udplite|esp|ah|icmp|igmp|sctp|icmpv6",
    ),
]
"""An IP protocol, by number or name, or a variable."""
StateFlags = Annotated[
    str,
    _either(
        "stateflags-type",
        r"((NEW|ESTABLISHED|RELATED|INVALID)(,(NEW|ESTABLISHED|RELATED|INVALID))*|NONE)",
    ),
]
"""Connection tracking states: ``NEW,ESTABLISHED``... or ``NONE``."""
TcpFlags = Annotated[
    str,
    _either(
        "tcpflags-type",
        r"((SYN|ACK|URG|PSH|FIN|RST)(,(SYN|ACK|URG|PSH|FIN|RST))*|ALL|NONE)"
        r"/((SYN|ACK|URG|PSH|FIN|RST)(,(SYN|ACK|URG|PSH|FIN|RST))*|ALL|NONE)",
    ),
]
"""TCP flags: the mask and the flags set, ``SYN/SYN,ACK``."""
IpsetName = Annotated[str, _either("ipset-name-type", _VAR, r"[a-zA-Z0-9_\.:\-\+ ]{1,31}")]
"""The name of an ipset, or a variable."""
IpsetFlags = Annotated[
    str,
    _either("ipset-flags-type", r"([Ss][Rr][Cc]|[Dd][Ss][Tt])(,([Ss][Rr][Cc]|[Dd][Ss][Tt])){0,5}"),
]
"""Which addresses an ipset matches: ``src,dst``..."""
StateMatch = Annotated[str, _either("statematch-type", r"([Ff][Aa][Ll][Ss][Ee]|0)")]
"""``false`` (or ``0``): the rule does not track connection state."""
