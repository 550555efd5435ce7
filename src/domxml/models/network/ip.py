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

    expiry: int | None = attr()
    unit: LeaseUnit | None = attr()


@element("range")
class DhcpRange(Model):
    """``<range>``: addresses the DHCP server hands out."""

    start: str | None = attr()
    end: str | None = attr()
    lease: Lease | None = child()


@element("host")
class DhcpHost(Model):
    """``<host>``: a fixed DHCP address for a MAC address, DUID (IPv6) or name."""

    mac: str | None = attr()
    id: str | None = attr(doc="the client's DHCPv6 DUID")
    name: str | None = attr()
    ip: str | None = attr()
    lease: Lease | None = child()


@element("bootp")
class Bootp(Model):
    """``<bootp>``: the boot file offered to PXE clients, and its server."""

    file: str | None = attr()
    server: str | None = attr()


@element("dhcp")
class Dhcp(Model):
    """``<dhcp>``: the DHCP server on this address."""

    ranges: list[DhcpRange] = children()
    hosts: list[DhcpHost] = children()
    bootp: Bootp | None = child()


@element("tftp")
class Tftp(Model):
    """``<tftp>``: serve files from ``root`` by TFTP."""

    root: str | None = attr()


# libvirt always writes <ip ...> with a closing tag, even when it is empty.
@element("ip", self_close=False)
class Ip(Model):
    """``<ip>``: an address (and netmask or prefix) of the network's bridge."""

    family: AddrFamily | None = attr()
    address: str | None = attr()
    netmask: str | None = attr()
    prefix: int | None = attr()
    local_ptr: bool | None = attr("localPtr", doc="answer PTR queries for it locally only")
    tftp: Tftp | None = child()
    dhcp: Dhcp | None = child()
