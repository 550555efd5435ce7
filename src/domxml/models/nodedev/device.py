"""Node devices (libvirt's formatnode): ``<device>``.

A host device as ``virsh nodedev-dumpxml`` describes it: its name, sysfs
path, device nodes, parent and driver, and its capabilities (what it
is: ``pci``, ``usb_device``, ``net``, ``storage``...).
"""

from __future__ import annotations

import enum

from domxml.binding import Model, attr, child, children, element, leaf, register_root, text
from domxml.models.nodedev.capability import NodeDevCapability
from domxml.models.types import Wwn


class DevnodeType(enum.Enum):
    """Whether a device node is the node itself or a link to it (``<devnode type=...>``)."""

    DEV = "dev"
    LINK = "link"


@element("devnode")
class Devnode(Model):
    """``<devnode type='dev'>/dev/sda</devnode>``: a device node of the device."""

    type: DevnodeType | None = attr()
    path: str | None = text()


# A parent is named, or given by its WWNN and WWPN, or by its fabric's WWN.
@element(
    "parent",
    exclusive=(
        ("wwnn", "fabric_wwn"),
        ("wwpn", "fabric_wwn"),
        ("name", "wwnn"),
        ("name", "wwpn"),
        ("name", "fabric_wwn"),
    ),
    together=(("wwnn", "wwpn"),),
)
class Parent(Model):
    """``<parent>``: the parent device, by name or (an NPIV vHBA's) by its WWNs."""

    wwnn: Wwn | None = attr(default=None)
    wwpn: Wwn | None = attr(default=None)
    fabric_wwn: Wwn | None = attr(default=None)
    name: str | None = text(default=None)


@element("driver")
class NodeDevDriver(Model):
    """``<driver>``: the host driver bound to the device."""

    name: str | None = leaf()


# The declaration order is libvirt's (virNodeDeviceDefFormat).
@element("device")
class NodeDevice(Model):
    """A host device, as libvirt's node device API describes it."""

    name: str | None = leaf()
    path: str | None = leaf(doc="the sysfs path", default=None)
    devnodes: list[Devnode] = children(default_factory=list)
    parent: Parent | None = child(default=None)
    driver: NodeDevDriver | None = child(default=None)
    capabilities: list[NodeDevCapability] = children(default_factory=list)


register_root(NodeDevice)
