"""Network filter bindings (libvirt's formatnwfilter "Filter bindings"): ``<filterbinding>``.

A binding is a network filter applied to one host network device of a
running domain: ``virsh nwfilter-binding-dumpxml vnet0``.
"""

from __future__ import annotations

from domxml.binding import Model, attr, child, element, register_root
from domxml.models.domain.devices.interface import Filterref
from domxml.models.network.network import Mac
from domxml.models.networkport import PortOwner


@element("portdev")
class PortDev(Model):
    """``<portdev name='vnet0'/>``: the host device the filter is on (also ``<linkdev>``)."""

    name: str | None = attr()


@element("backend")
class FilterBackend(Model):
    """``<backend name='...'/>``: the firewall backend that applied the filter."""

    name: str | None = attr(doc="ebiptables or nftables")


# The declaration order is libvirt's (virNWFilterBindingDefFormatBuf).
@element("filterbinding")
class FilterBinding(Model):
    """A network filter bound to one port of a domain."""

    owner: PortOwner | None = child()
    portdev: PortDev | None = child()
    linkdev: PortDev | None = child(
        "linkdev", doc="the device a macvtap port sits on", default=None
    )
    mac: Mac | None = child()
    filterref: Filterref | None = child()
    backend: FilterBackend | None = child(default=None)


register_root(FilterBinding)
