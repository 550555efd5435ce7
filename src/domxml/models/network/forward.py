"""``<forward>``: how a virtual network reaches the outside world."""

from __future__ import annotations

import enum

from domxml.binding import HEX2, HEX4, INT, ON_OFF, IntCodec, Model, attr, child, children, element
from domxml.models.types import DeviceName, GenericName, Ipv4Addr, UInt


class ForwardMode(enum.Enum):
    """``<forward mode=...>``: NAT, routing, or handing guests a host device."""

    NAT = "nat"
    ROUTE = "route"
    OPEN = "open"
    BRIDGE = "bridge"
    PASSTHROUGH = "passthrough"
    PRIVATE = "private"
    VEPA = "vepa"
    HOSTDEV = "hostdev"


class HostdevDriverName(enum.Enum):
    """The backend of a hostdev network's devices (``<driver name=...>``)."""

    KVM = "kvm"
    VFIO = "vfio"
    XEN = "xen"


class AddressType(enum.Enum):
    """The kind of a forward device address; networks only use PCI."""

    PCI = "pci"


@element("driver")
class ForwardDriver(Model):
    """``<driver>``: how the devices of a hostdev network are assigned."""

    name: HostdevDriverName | None = attr(default=None)
    model: GenericName | None = attr(doc="the VFIO variant driver, e.g. vfio-pci-igb", default=None)


@element("address")
class NatAddressRange(Model):
    """``<address>`` in ``<nat>``: the range of public IPv4 addresses to use."""

    start: Ipv4Addr | None = attr()
    end: Ipv4Addr | None = attr()


@element("port")
class NatPortRange(Model):
    """``<port>`` in ``<nat>``: the range of source ports to use."""

    start: int | None = attr(codec=INT.within(1, 65535))
    end: int | None = attr(codec=INT.within(1, 65535))


@element("nat")
class Nat(Model):
    """``<nat>``: address and port ranges for a NAT network."""

    ipv6: bool | None = attr(doc="also NAT IPv6 traffic", default=None)
    address: NatAddressRange | None = child(default=None)
    port: NatPortRange | None = child(default=None)


@element("pf")
class ForwardPf(Model):
    """``<pf>``: the SR-IOV physical function whose VFs the network hands out."""

    dev: DeviceName | None = attr()


@element("interface")
class ForwardInterface(Model):
    """``<interface>``: one host network device of the forward pool."""

    dev: DeviceName | None = attr()
    connections: UInt | None = attr(doc="guest interfaces using it (live XML only)", default=None)


@element("address")
class PciAddress(Model):
    """``<address type='pci'>``: one host PCI device of a hostdev network's pool.

    libvirt writes ``domain='0x%04x' bus='0x%02x' slot='0x%02x' function='0x%d'``.
    """

    type: AddressType | None = attr()
    domain: int | None = attr(codec=HEX4.within(0, 4294967295), default=None)
    bus: int | None = attr(codec=HEX2.within(0, 255), default=None)
    slot: int | None = attr(codec=HEX2.within(0, 31), default=None)
    # libvirt's format is '0x%d': one digit, the function being 0-7.
    function: int | None = attr(codec=IntCodec(1).within(0, 7), default=None)
    multifunction: bool | None = attr(codec=ON_OFF, default=None)
    connections: UInt | None = attr(doc="guest interfaces using it (live XML only)", default=None)


@element("forward", exclusive=(("interfaces", "addresses"),))
class Forward(Model):
    """``<forward>``: the forwarding mode and the pool of host devices it uses.

    Without ``<forward>`` the network is isolated. A pool holds either
    ``<interface>`` (network devices) or ``<address>`` (PCI devices).
    """

    dev: DeviceName | None = attr(default=None)
    mode: ForwardMode | None = attr(default=None)
    managed: bool | None = attr(doc="hostdev: detach devices from host drivers", default=None)
    driver: ForwardDriver | None = child(default=None)
    nat: Nat | None = child(default=None)
    pf: ForwardPf | None = child(default=None)
    interfaces: list[ForwardInterface] = children(default_factory=list)
    addresses: list[PciAddress] = children(default_factory=list)
