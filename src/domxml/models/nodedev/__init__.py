"""Node devices (``virsh nodedev-dumpxml``): :class:`NodeDevice`."""

from domxml.models.nodedev import s390 as _s390  # noqa: F401  (registers its variants)
from domxml.models.nodedev.capability import NodeDevCapability
from domxml.models.nodedev.device import Devnode, NodeDevDriver, NodeDevice, Parent
from domxml.models.nodedev.pci import PciCapability

__all__ = ["Devnode", "NodeDevCapability", "NodeDevDriver", "NodeDevice", "Parent", "PciCapability"]
