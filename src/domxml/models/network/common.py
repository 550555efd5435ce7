"""Elements network documents share with domain interfaces (networkcommon.rng).

``<virtualport>``, ``<bandwidth>``, ``<vlan>``, ``<port>`` (port options),
``<route>`` and ``<mtu>`` have the same shape wherever libvirt accepts them.
"""

from __future__ import annotations

import enum

from domxml.binding import Model, attr, child, children, element


class AddrFamily(enum.Enum):
    """An IP address family (``family='ipv6'``)."""

    IPV4 = "ipv4"
    IPV6 = "ipv6"


class VirtualPortType(enum.Enum):
    """The kind of virtual port profile (``<virtualport type=...>``)."""

    IEEE_802_1QBG = "802.1Qbg"
    IEEE_802_1QBH = "802.1Qbh"
    OPENVSWITCH = "openvswitch"
    MIDONET = "midonet"


class VlanNativeMode(enum.Enum):
    """Whether the native VLAN of a trunk is tagged (``<tag nativeMode=...>``)."""

    TAGGED = "tagged"
    UNTAGGED = "untagged"


@element("parameters")
class VirtualPortParameters(Model):
    """``<parameters>`` of a ``<virtualport>``; which ones apply depends on its type.

    802.1Qbg uses managerid, typeid, typeidversion and instanceid; 802.1Qbh
    uses profileid; openvswitch uses interfaceid and profileid; midonet uses
    interfaceid. A virtualport without a type may carry any of them.
    """

    managerid: int | None = attr(doc="VSI manager ID (802.1Qbg), 0-255")
    typeid: int | None = attr(doc="VSI type ID (802.1Qbg), 24 bits")
    typeidversion: int | None = attr(doc="VSI type version (802.1Qbg), 0-255")
    instanceid: str | None = attr(doc="VSI instance UUID (802.1Qbg)")
    interfaceid: str | None = attr(doc="interface UUID (openvswitch, midonet)")
    profileid: str | None = attr(doc="port profile name (802.1Qbh, openvswitch)")


@element("virtualport")
class VirtualPort(Model):
    """``<virtualport>``: the port profile of an 802.1Qbg/h or Open vSwitch port."""

    type: VirtualPortType | None = attr()
    parameters: VirtualPortParameters | None = child()


@element("inbound")
class BandwidthRate(Model):
    """``<inbound>`` or ``<outbound>``: traffic shaping in one direction.

    Rates are in kibibytes per second, ``burst`` in kibibytes; ``floor``
    (a guaranteed minimum) is only allowed inbound.
    """

    average: int | None = attr()
    peak: int | None = attr()
    floor: int | None = attr()
    burst: int | None = attr()


@element("bandwidth")
class Bandwidth(Model):
    """``<bandwidth>``: quality of service for a network, portgroup or port."""

    class_id: int | None = attr("classID")
    inbound: BandwidthRate | None = child()
    outbound: BandwidthRate | None = child("outbound")


@element("tag")
class VlanTag(Model):
    """``<tag>``: one VLAN id of a ``<vlan>``."""

    id: int | None = attr()
    native_mode: VlanNativeMode | None = attr("nativeMode")


@element("vlan")
class Vlan(Model):
    """``<vlan>``: VLAN tagging; several tags (or ``trunk='yes'``) make a trunk."""

    trunk: bool | None = attr()
    tags: list[VlanTag] = children()


@element("port")
class PortOptions(Model):
    """``<port>``: options for every port of the network (portOptions)."""

    isolated: bool | None = attr(doc="ports cannot talk to each other, only upstream")


@element("route")
class Route(Model):
    """``<route>``: a static route the host adds for this network."""

    family: AddrFamily | None = attr()
    address: str | None = attr()
    netmask: str | None = attr()
    prefix: int | None = attr()
    gateway: str | None = attr()
    metric: int | None = attr()


@element("mtu")
class Mtu(Model):
    """``<mtu>``: the MTU of the network's bridge and taps."""

    size: int | None = attr()
