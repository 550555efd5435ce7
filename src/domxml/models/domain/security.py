"""Domain models: <seclabel>, <keywrap>, <launchSecurity> (formatdomain)."""

from __future__ import annotations

from domxml.binding import Model, element


@element("seclabel")
class Seclabel(Model):
    """``<seclabel>``: a security label (SELinux, AppArmor, DAC)."""


@element("keywrap")
class Keywrap(Model):
    """``<keywrap>``: s390 key wrapping."""


@element("launchSecurity")
class LaunchSecurity(Model):
    """``<launchSecurity>``: launch security (SEV, SEV-SNP, s390 PV, TDX)."""
