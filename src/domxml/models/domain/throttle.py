"""I/O throttle groups shared by disks: ``<throttlegroups>``.

A ``<throttlegroup>`` holds the same limits as a disk's ``<iotune>``
(:class:`~domxml.models.domain.devices.disk.Iotune`, in the same order) and
is named by its ``group_name``; disks share it through
``<throttlefilter group=...>``.
"""

from __future__ import annotations

from domxml.binding import Model, children, element
from domxml.models.domain.devices.disk import IOTUNE_EXCLUSIVE, Iotune


# One declaration of the limits for both: libvirt formats a throttle group
# with the disk's FORMAT_IOTUNE sequence (virDomainThrottleGroupFormat), and
# the schema gives both the same content (iotune). A subclass's @element
# does not inherit the base's groups: the choices are stated here again.
@element("throttlegroup", exclusive=IOTUNE_EXCLUSIVE)
class Throttlegroup(Iotune):
    """``<throttlegroup>``: I/O limits shared by the disks that name its ``group_name``."""


@element("throttlegroups")
class Throttlegroups(Model):
    """``<throttlegroups>``: I/O throttle groups shared by disks."""

    throttlegroups: list[Throttlegroup] = children(default_factory=list)
