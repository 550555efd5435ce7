"""Network ports (libvirt's formatnetworkport): ``<networkport>``.

A port is the connection of one guest interface to a virtual network:
whose it is (``<owner>``), its MAC address, the quality of service and
VLAN it gets, and how it is plugged into the host (``<plug>``).
"""

from __future__ import annotations

import enum

from domxml.binding import (
    HEX2,
    HEX4,
    ON_OFF,
    IntCodec,
    Model,
    attr,
    child,
    element,
    leaf,
    register_root,
    variant,
)
from domxml.models.network.common import Bandwidth, PortOptions, VirtualPort, Vlan
from domxml.models.network.forward import ForwardDriver
from domxml.models.network.network import Mac, MacTableManager
from domxml.models.types import DeviceName, Uuid


class DirectMode(enum.Enum):
    """How a ``direct`` (macvtap) port reaches the host device (``mode=...``)."""

    BRIDGE = "bridge"
    PASSTHROUGH = "passthrough"
    PRIVATE = "private"
    VEPA = "vepa"


@element("owner")
class PortOwner(Model):
    """``<owner>``: the domain whose interface the port connects."""

    name: str | None = leaf()
    uuid: Uuid | None = leaf()


@element("rxfilters")
class RxFilters(Model):
    """``<rxfilters trustGuest='yes'/>``: whether the guest's receive filters are trusted."""

    trust_guest: bool | None = attr("trustGuest")


@element("address")
class PlugAddress(Model):
    """``<address>`` of a ``hostdev-pci`` plug: the host PCI device (no ``type``)."""

    domain: int | None = attr(codec=HEX4.within(0, 4294967295), default=None)
    bus: int | None = attr(codec=HEX2.within(0, 255), default=None)
    slot: int | None = attr(codec=HEX2.within(0, 31), default=None)
    # libvirt's format is '0x%d': one digit, the function being 0-7.
    function: int | None = attr(codec=IntCodec(1).within(0, 7), default=None)
    multifunction: bool | None = attr(codec=ON_OFF, default=None)


@element("driver")
class PlugDriver(ForwardDriver):
    """``<driver>`` of a ``hostdev-pci`` plug: how the device is assigned (hostdevDriver)."""

    iommufd: bool | None = attr(doc="assign it through iommufd (libvirt 12)", default=None)


@element("plug", discriminator="type")
class Plug(Model):
    """``<plug type='...'>``: how the port is connected on the host."""

    type: str | None = attr(doc="network, bridge, direct or hostdev-pci")


@variant("network")
class NetworkPlug(Plug):
    """``<plug type='network'>``: a port on the network's own bridge."""

    bridge: DeviceName | None = attr()
    mac_table_manager: MacTableManager | None = attr("macTableManager", default=None)


@variant("bridge")
class BridgePlug(Plug):
    """``<plug type='bridge'>``: a port on a host bridge the network uses."""

    bridge: DeviceName | None = attr()
    mac_table_manager: MacTableManager | None = attr("macTableManager", default=None)


@variant("direct")
class DirectPlug(Plug):
    """``<plug type='direct'>``: a macvtap device on a host network device."""

    dev: DeviceName | None = attr()
    mode: DirectMode | None = attr()


@variant("hostdev-pci")
class HostdevPciPlug(Plug):
    """``<plug type='hostdev-pci'>``: a host PCI device (an SR-IOV VF) given to the guest."""

    managed: bool | None = attr(doc="detach it from its host driver first", default=None)
    driver: PlugDriver | None = child(default=None)
    address: PlugAddress | None = child()


# The declaration order is libvirt's (virNetworkPortDefFormatBuf).
@element("networkport")
class NetworkPort(Model):
    """A port of a virtual network: its owner, MAC, QoS, VLAN and plug."""

    uuid: Uuid | None = leaf()
    owner: PortOwner | None = child()
    group: DeviceName | None = leaf(doc="the portgroup", default=None)
    mac: Mac | None = child()
    virtualport: VirtualPort | None = child(default=None)
    bandwidth: Bandwidth | None = child(default=None)
    vlan: Vlan | None = child(default=None)
    port: PortOptions | None = child(default=None)
    rxfilters: RxFilters | None = child(default=None)
    plug: Plug | None = child(default=None)


register_root(NetworkPort)
