"""Virtual networks (libvirt's formatnetwork)."""

from __future__ import annotations

from domxml.binding import ON_OFF, Model, attr, child, children, element, leaf, register_root


@element("bridge")
class Bridge(Model):
    """``<bridge>``: the host bridge device."""

    name: str | None = attr()
    stp: bool | None = attr(codec=ON_OFF)
    delay: int | None = attr()


@element("range")
class DhcpRange(Model):
    start: str | None = attr()
    end: str | None = attr()


@element("dhcp")
class Dhcp(Model):
    ranges: list[DhcpRange] = children()


@element("ip", self_close=False)
class Ip(Model):
    family: str | None = attr()
    address: str | None = attr()
    netmask: str | None = attr()
    prefix: int | None = attr()
    dhcp: Dhcp | None = child()


@element("network")
class Network(Model):
    """A libvirt virtual network."""

    name: str = leaf(required=True)
    uuid: str | None = leaf()
    bridge: Bridge | None = child()
    ips: list[Ip] = children()


register_root(Network)
