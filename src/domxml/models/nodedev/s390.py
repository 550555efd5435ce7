"""s390 node devices: channel devices (``ccw``, ``ccwgroup``, ``css``) and crypto (``ap_*``)."""

from __future__ import annotations

import enum

from domxml.binding import (
    HEX2,
    HEX4,
    IntCodec,
    Model,
    attr,
    child,
    children,
    element,
    leaf,
    text,
    variant,
)
from domxml.models.nodedev.capability import NodeDevCapability
from domxml.models.nodedev.pci import MdevTypesCapability

_HEX = IntCodec(1)  # 0x%x


class CcwState(enum.Enum):
    """Whether a channel device is online (``<state>``)."""

    ONLINE = "online"
    OFFLINE = "offline"


@element("channel_dev_addr")
class CcwAddressFields(Model):
    """``<channel_dev_addr>``: a channel subsystem id, subchannel set and device number."""

    cssid: int | None = leaf(codec=_HEX.within(0, 254))
    ssid: int | None = leaf(codec=_HEX.within(0, 3))
    devno: int | None = leaf(codec=HEX4.within(0, 65535))


@element("capability", discriminator="type")
class CcwKind(Model):
    """``<capability type='ccwgroup_member'>`` of a channel device."""

    type: str | None = attr()


@variant("ccwgroup_member")
class CcwGroupMemberCapability(CcwKind):
    """``<capability type='ccwgroup_member'>``: the group device this device belongs to."""

    group_device: str | None = leaf()


@variant("ccw")
class CcwCapability(NodeDevCapability):
    """``<capability type='ccw'>``: an s390 channel (CCW) device."""

    state: CcwState | None = leaf(default=None)
    cssid: int | None = leaf(codec=_HEX.within(0, 254))
    ssid: int | None = leaf(codec=_HEX.within(0, 3))
    devno: int | None = leaf(codec=HEX4.within(0, 65535))
    capabilities: list[CcwKind] = children(default_factory=list, max_items=1)


@element("ccw_device")
class CcwGroupMember(Model):
    """``<ccw_device ref='cdev0'>``: one channel device of the group."""

    ref: str | None = attr()
    name: str | None = text()


@element("members")
class CcwGroupMembers(Model):
    """``<members>``: the channel devices of the group."""

    ccw_devices: list[CcwGroupMember] = children(min_items=1)


@element("capability", discriminator="type")
class CcwGroupKind(Model):
    """``<capability type='qeth_...'>``: the group device's kind."""

    type: str | None = attr(doc="qeth_generic, qeth_layer2 or qeth_layer3")
    card_type: str | None = leaf()
    chpid: str | None = leaf(doc="the channel path id")


@variant("qeth_generic")
class QethGenericCapability(CcwGroupKind):
    """``<capability type='qeth_generic'>``: a QETH network device, its layer not set."""


@variant("qeth_layer2")
class QethLayer2Capability(CcwGroupKind):
    """``<capability type='qeth_layer2'>``: a QETH network device in layer 2 mode."""


@variant("qeth_layer3")
class QethLayer3Capability(CcwGroupKind):
    """``<capability type='qeth_layer3'>``: a QETH network device in layer 3 mode."""


@variant("ccwgroup")
class CcwGroupCapability(NodeDevCapability):
    """``<capability type='ccwgroup'>``: an s390 group of channel devices (a QETH NIC)."""

    state: CcwState | None = leaf(default=None)
    cssid: int | None = leaf(codec=_HEX.within(0, 254))
    ssid: int | None = leaf(codec=_HEX.within(0, 3))
    devno: int | None = leaf(codec=HEX4.within(0, 65535))
    members: CcwGroupMembers | None = child(default=None)
    capabilities: list[CcwGroupKind] = children(min_items=1, max_items=1)


@variant("css")
class CssCapability(NodeDevCapability):
    """``<capability type='css'>``: an s390 channel subsystem device (a subchannel)."""

    cssid: int | None = leaf(codec=_HEX.within(0, 254))
    ssid: int | None = leaf(codec=_HEX.within(0, 3))
    devno: int | None = leaf(codec=HEX4.within(0, 65535))
    channel_dev_addr: CcwAddressFields | None = child(default=None)
    capabilities: list[MdevTypesCapability] = children(default_factory=list, max_items=1)


@variant("ap_card")
class ApCardCapability(NodeDevCapability):
    """``<capability type='ap_card'>``: an s390 crypto adapter."""

    ap_adapter: int | None = leaf("ap-adapter", codec=HEX2.within(0, 255))


@variant("ap_queue")
class ApQueueCapability(NodeDevCapability):
    """``<capability type='ap_queue'>``: a queue (a domain) of an s390 crypto adapter."""

    ap_adapter: int | None = leaf("ap-adapter", codec=HEX2.within(0, 255))
    ap_domain: int | None = leaf("ap-domain", codec=HEX4.within(0, 255))


@variant("ap_matrix", self_close=False)
class ApMatrixCapability(NodeDevCapability):
    """``<capability type='ap_matrix'>``: the s390 crypto matrix that mdevs are made from."""

    capabilities: list[MdevTypesCapability] = children(default_factory=list, max_items=1)
