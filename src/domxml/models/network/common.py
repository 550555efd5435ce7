"""Elements network documents share with domain interfaces (networkcommon.rng).

``<virtualport>``, ``<bandwidth>``, ``<vlan>``, ``<port>`` (port options),
``<route>`` and ``<mtu>`` have the same shape wherever libvirt accepts them.
"""

from __future__ import annotations

import enum

from domxml.binding import (
    INT,
    YES_NO,
    Model,
    attr,
    child,
    children,
    element,
    matching,
    variant,
)
from domxml.models.types import IpAddr, Ipv4Addr, PositiveInt, UByte, UInt, UShort, Uuid


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


#: A port profile name: any text of at most 39 characters (virtualPortProfileID).
PROFILE_ID = matching(r"[\s\S]{0,39}", "virtualPortProfileID")


@element("parameters")
class VirtualPortParameters(Model):
    """``<parameters>`` of a ``<virtualport>``; which ones apply depends on its type.

    802.1Qbg uses managerid, typeid, typeidversion and instanceid; 802.1Qbh
    uses profileid; openvswitch uses interfaceid and profileid; midonet uses
    interfaceid. A virtualport without a type may carry any of them (this
    class); each type's ``<parameters>`` is the subclass of that type
    (:class:`Ieee8021QbgParameters`...).
    """

    managerid: UByte | None = attr(doc="VSI manager ID (802.1Qbg), 0-255", default=None)
    typeid: int | None = attr(
        doc="VSI type ID (802.1Qbg), 24 bits", default=None, codec=INT.within(0, 16777215)
    )
    typeidversion: UByte | None = attr(doc="VSI type version (802.1Qbg), 0-255", default=None)
    instanceid: Uuid | None = attr(doc="VSI instance UUID (802.1Qbg)", default=None)
    interfaceid: Uuid | None = attr(doc="interface UUID (openvswitch, midonet)", default=None)
    profileid: str | None = attr(
        doc="port profile name (802.1Qbh, openvswitch), at most 39 characters",
        default=None,
        codec=PROFILE_ID,
    )


_QBG = ("managerid", "typeid", "typeidversion", "instanceid")


@element("parameters", without=("interfaceid", "profileid"))
class Ieee8021QbgParameters(VirtualPortParameters):
    """``<parameters>`` of an 802.1Qbg virtualport: the VSI manager, type and instance."""


@element("parameters", without=(*_QBG, "interfaceid"))
class Ieee8021QbhParameters(VirtualPortParameters):
    """``<parameters>`` of an 802.1Qbh virtualport: the port profile."""


@element("parameters", without=_QBG)
class OpenvswitchParameters(VirtualPortParameters):
    """``<parameters>`` of an Open vSwitch virtualport: the interface and port profile."""


@element("parameters", without=(*_QBG, "profileid"))
class MidonetParameters(VirtualPortParameters):
    """``<parameters>`` of a MidoNet virtualport: the interface, which it needs."""

    interfaceid: Uuid | None = attr(doc="interface UUID (openvswitch, midonet)")


@element("virtualport", discriminator="type")
class VirtualPort(Model):
    """``<virtualport>``: the port profile of an 802.1Qbg/h, Open vSwitch or MidoNet port.

    The subclass follows ``type`` (:class:`Ieee8021QbgVirtualPort`...); a
    virtualport without a type (libvirt fills it in from the network's)
    reads as this base class, whose ``<parameters>`` may carry any
    parameter.
    """

    type: VirtualPortType | None = attr(default=None)
    parameters: VirtualPortParameters | None = child(default=None)


@variant("802.1Qbg")
class Ieee8021QbgVirtualPort(VirtualPort):
    """``<virtualport type='802.1Qbg'>``: a VEPA/VN-Tag switch port (VSI)."""

    parameters: Ieee8021QbgParameters | None = child(default=None)


@variant("802.1Qbh")
class Ieee8021QbhVirtualPort(VirtualPort):
    """``<virtualport type='802.1Qbh'>``: a port profile of an 802.1Qbh switch."""

    parameters: Ieee8021QbhParameters | None = child(default=None)


@variant("openvswitch")
class OpenvswitchVirtualPort(VirtualPort):
    """``<virtualport type='openvswitch'>``: a port of an Open vSwitch bridge."""

    parameters: OpenvswitchParameters | None = child(default=None)


@variant("midonet")
class MidonetVirtualPort(VirtualPort):
    """``<virtualport type='midonet'>``: a MidoNet port; its ``<parameters>`` are required."""

    parameters: MidonetParameters | None = child()


@element("inbound")
class BandwidthRate(Model):
    """``<inbound>`` or ``<outbound>``: traffic shaping in one direction.

    Rates are in kibibytes per second, ``burst`` in kibibytes; ``floor``
    (a guaranteed minimum) is only allowed inbound.
    """

    average: int | None = attr(default=None, codec=INT.within(1, 18014398509481984))
    peak: int | None = attr(default=None, codec=INT.within(1, 18014398509481984))
    floor: int | None = attr(default=None, codec=INT.within(1, 18014398509481984))
    burst: int | None = attr(default=None, codec=INT.within(1, 4294967295))


@element("bandwidth")
class Bandwidth(Model):
    """``<bandwidth>``: quality of service for a network, portgroup or port."""

    class_id: PositiveInt | None = attr("classID", default=None)
    inbound: BandwidthRate | None = child(default=None)
    outbound: BandwidthRate | None = child("outbound", default=None)


@element("tag")
class VlanTag(Model):
    """``<tag>``: one VLAN id of a ``<vlan>``."""

    id: int | None = attr(codec=INT.within(0, 4095))
    native_mode: VlanNativeMode | None = attr("nativeMode", default=None)


@element("vlan")
class Vlan(Model):
    """``<vlan>``: VLAN tagging; several tags (or ``trunk='yes'``) make a trunk."""

    trunk: bool | None = attr(default=None, codec=YES_NO.only(True))
    tags: list[VlanTag] = children()


@element("port")
class PortOptions(Model):
    """``<port>``: options for every port of the network (portOptions)."""

    isolated: bool | None = attr(doc="ports cannot talk to each other, only upstream", default=None)


@element("route", exclusive=(("netmask", "prefix"),))
class Route(Model):
    """``<route>``: a static route the host adds for this network."""

    family: AddrFamily | None = attr(default=None)
    address: IpAddr | None = attr()
    netmask: Ipv4Addr | None = attr(default=None)
    prefix: int | None = attr(default=None, codec=INT.within(0, 128))
    gateway: IpAddr | None = attr()
    metric: UInt | None = attr(default=None)


@element("mtu")
class Mtu(Model):
    """``<mtu>``: the MTU of the network's bridge and taps."""

    size: UShort | None = attr()
