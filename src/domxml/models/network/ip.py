"""``<ip>``: an address of the network's bridge, with DHCP and TFTP service."""

from __future__ import annotations

import enum

from domxml.binding import INT, Model, attr, child, children, element, matching
from domxml.models.network.common import AddrFamily
from domxml.models.types import DnsName, FilePath, IpAddr, Ipv4Addr, ULong, UniMacAddr


class LeaseUnit(enum.Enum):
    """The unit of a DHCP lease's ``expiry``."""

    SECONDS = "seconds"
    MINUTES = "minutes"
    HOURS = "hours"


@element("lease")
class Lease(Model):
    """``<lease>``: how long DHCP leases last; ``expiry='0'`` means forever."""

    expiry: ULong | None = attr()
    unit: LeaseUnit | None = attr(default=None)


@element("range")
class DhcpRange(Model):
    """``<range>``: addresses the DHCP server hands out."""

    start: IpAddr | None = attr()
    end: IpAddr | None = attr()
    lease: Lease | None = child(default=None)


# A MAC address or a DUID (not both), with a name or not; or a name alone.
@element("host", exclusive=(("mac", "id"),), one_needed=(("mac", "id", "name"),))
class DhcpHost(Model):
    """``<host>``: a fixed DHCP address for a MAC address, DUID (IPv6) or name."""

    mac: UniMacAddr | None = attr(default=None)
    id: str | None = attr(
        doc="the client's DHCPv6 DUID",
        default=None,
        codec=matching(
            r"(?:[0]{1,2}:[0]{0,1}[1]:[0]{1,2}:[0]{0,1}[a-fA-F1-9](:[a-fA-F0-9]{1,2}){4}(:[a-fA-F0-9]{1,2}){6,8})|(?:[0]{1,2}:[0]{0,1}[2](:[a-fA-F0-9]{1,2}){4}(:[a-fA-F0-9]{1,2}){1,124})|(?:[0]{1,2}:[0]{0,1}[3]:[0]{1,2}:[0]{0,1}[a-fA-F1-9](:[a-fA-F0-9]{1,2}){6,8})|(?:[0]{1,2}:[0]{0,1}[4](:[a-fA-F0-9]{1,2}){16})",
            "duidEN/duidLL/duidLLT/duidUUID",
        ),
    )
    name: str | None = attr(default=None)
    ip: IpAddr | None = attr()
    lease: Lease | None = child(default=None)


@element("bootp")
class Bootp(Model):
    """``<bootp>``: the boot file offered to PXE clients, and its server."""

    file: FilePath | None = attr()
    server: DnsName | None = attr(default=None)


@element("dhcp")
class Dhcp(Model):
    """``<dhcp>``: the DHCP server on this address."""

    ranges: list[DhcpRange] = children(default_factory=list)
    hosts: list[DhcpHost] = children(default_factory=list)
    bootp: Bootp | None = child(default=None)


@element("tftp")
class Tftp(Model):
    """``<tftp>``: serve files from ``root`` by TFTP."""

    root: str | None = attr()


# libvirt always writes <ip ...> with a closing tag, even when it is empty.
@element("ip", self_close=False, exclusive=(("netmask", "prefix"),))
class Ip(Model):
    """``<ip>``: an address (and netmask or prefix) of the network's bridge."""

    family: AddrFamily | None = attr(default=None)
    address: IpAddr | None = attr(default=None)
    netmask: Ipv4Addr | None = attr(default=None)
    prefix: int | None = attr(default=None, codec=INT.within(0, 128))
    local_ptr: bool | None = attr(
        "localPtr", doc="answer PTR queries for it locally only", default=None
    )
    tftp: Tftp | None = child(default=None)
    dhcp: Dhcp | None = child(default=None)
