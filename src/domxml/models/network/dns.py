"""``<dns>``: the DNS server libvirt runs for a network (dnsmasq)."""

from __future__ import annotations

import enum

from domxml.binding import INT, Model, attr, children, element, leaves
from domxml.models.types import DnsName, IpAddr, UShort


class SrvProtocol(enum.Enum):
    """The transport of a DNS SRV record."""

    TCP = "tcp"
    UDP = "udp"


@element("forwarder")
class DnsForwarder(Model):
    """``<forwarder>``: an upstream server, for all names or for one domain.

    With ``domain`` and no ``addr``, names in that domain are resolved
    locally only.
    """

    domain: DnsName | None = attr(default=None)
    addr: IpAddr | None = attr(default=None)
    port: int | None = attr(
        doc="the server's port, when not 53 (libvirt 12.x)",
        default=None,
        codec=INT.within(1, 65535),
    )


@element("txt")
class DnsTxt(Model):
    """``<txt>``: a DNS TXT record."""

    name: DnsName | None = attr()
    value: str | None = attr()


@element("srv")
class DnsSrv(Model):
    """``<srv>``: a DNS SRV record."""

    service: str | None = attr()
    protocol: SrvProtocol | None = attr()
    domain: DnsName | None = attr(default=None)
    target: str | None = attr(default=None)
    port: UShort | None = attr(default=None)
    priority: UShort | None = attr(default=None)
    weight: UShort | None = attr(default=None)


@element("host")
class DnsHost(Model):
    """``<host>``: names the DNS server resolves to one address."""

    ip: IpAddr | None = attr()
    hostnames: list[DnsName] = leaves("hostname")


@element("dns")
class Dns(Model):
    """``<dns>``: DNS service settings and records of the network."""

    enable: bool | None = attr(doc="no: run no DNS server for this network", default=None)
    forward_plain_names: bool | None = attr(
        "forwardPlainNames", doc="forward names without a domain upstream", default=None
    )
    forwarders: list[DnsForwarder] = children(default_factory=list)
    txts: list[DnsTxt] = children(default_factory=list)
    srvs: list[DnsSrv] = children(default_factory=list)
    hosts: list[DnsHost] = children(default_factory=list)
