"""``<ip>``: an address of the network's bridge, with DHCP and TFTP service."""

from __future__ import annotations

import enum

from domxml.binding import Model, attr, child, children, element
from domxml.models.network.common import AddrFamily


class LeaseUnit(enum.Enum):
    """The unit of a DHCP lease's ``expiry``."""

    SECONDS = "seconds"
    MINUTES = "minutes"
    HOURS = "hours"


@element("lease")
class Lease(Model):
    """``<lease>``: how long DHCP leases last; ``expiry='0'`` means forever."""

    expiry: int | None = attr(default=None)
    unit: LeaseUnit | None = attr(default=None)


@element("range")
class DhcpRange(Model):
    """``<range>``: addresses the DHCP server hands out."""

    start: str | None = attr(default=None)
    end: str | None = attr(default=None)
    lease: Lease | None = child(default=None)


@element("host")
class DhcpHost(Model):
    """``<host>``: a fixed DHCP address for a MAC address, DUID (IPv6) or name."""

    mac: str | None = attr(default=None)
    id: str | None = attr(doc="the client's DHCPv6 DUID", default=None)
    name: str | None = attr(default=None)
    ip: str | None = attr(default=None)
    lease: Lease | None = child(default=None)


@element("bootp")
class Bootp(Model):
    """``<bootp>``: the boot file offered to PXE clients, and its server."""

    file: str | None = attr(default=None)
    server: str | None = attr(default=None)


@element("dhcp")
class Dhcp(Model):
    """``<dhcp>``: the DHCP server on this address."""

    ranges: list[DhcpRange] = children(default_factory=list)
    hosts: list[DhcpHost] = children(default_factory=list)
    bootp: Bootp | None = child(default=None)


@element("tftp")
class Tftp(Model):
    """``<tftp>``: serve files from ``root`` by TFTP."""

    root: str | None = attr(default=None)


# libvirt always writes <ip ...> with a closing tag, even when it is empty.
@element("ip", self_close=False)
class Ip(Model):
    """``<ip>``: an address (and netmask or prefix) of the network's bridge."""

    family: AddrFamily | None = attr(default=None)
    address: str | None = attr(default=None)
    netmask: str | None = attr(default=None)
    prefix: int | None = attr(default=None)
    local_ptr: bool | None = attr(
        "localPtr", doc="answer PTR queries for it locally only", default=None
    )
    tftp: Tftp | None = child(default=None)
    dhcp: Dhcp | None = child(default=None)
