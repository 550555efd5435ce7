"""Power management (formatdomain "Power Management"): ``<pm>``.

Whether the guest's firmware advertises the ACPI sleep states S3
(suspend to memory) and S4 (suspend to disk); absent leaves the
hypervisor's default.
"""

from __future__ import annotations

from domxml.binding import Model, attr, child, element


@element("suspend-to-mem")
class SuspendState(Model):
    """``<suspend-to-mem>`` and ``<suspend-to-disk>``: one ACPI sleep state."""

    enabled: bool | None = attr(default=None)


@element("pm")
class Pm(Model):
    """``<pm>``: guest power management (suspend to memory or disk)."""

    suspend_to_mem: SuspendState | None = child("suspend-to-mem", doc="ACPI S3", default=None)
    suspend_to_disk: SuspendState | None = child("suspend-to-disk", doc="ACPI S4", default=None)
