"""Domain models: <sysinfo> (formatdomain)."""

from __future__ import annotations

from domxml.binding import Model, element


@element("sysinfo")
class Sysinfo(Model):
    """``<sysinfo>``: the system information (SMBIOS, fw_cfg) the guest sees."""
