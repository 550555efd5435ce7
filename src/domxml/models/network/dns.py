"""``<dns>``: the DNS server libvirt runs for a network (dnsmasq)."""

from __future__ import annotations

import enum

from domxml.binding import Model, attr, children, element, leaves


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

    domain: str | None = attr()
    addr: str | None = attr()


@element("txt")
class DnsTxt(Model):
    """``<txt>``: a DNS TXT record."""

    name: str | None = attr()
    value: str | None = attr()


@element("srv")
class DnsSrv(Model):
    """``<srv>``: a DNS SRV record."""

    service: str | None = attr()
    protocol: SrvProtocol | None = attr()
    domain: str | None = attr()
    target: str | None = attr()
    port: int | None = attr()
    priority: int | None = attr()
    weight: int | None = attr()


@element("host")
class DnsHost(Model):
    """``<host>``: names the DNS server resolves to one address."""

    ip: str | None = attr()
    hostnames: list[str] = leaves("hostname")


@element("dns")
class Dns(Model):
    """``<dns>``: DNS service settings and records of the network."""

    enable: bool | None = attr(doc="no: run no DNS server for this network")
    forward_plain_names: bool | None = attr(
        "forwardPlainNames", doc="forward names without a domain upstream"
    )
    forwarders: list[DnsForwarder] = children()
    txts: list[DnsTxt] = children()
    srvs: list[DnsSrv] = children()
    hosts: list[DnsHost] = children()
