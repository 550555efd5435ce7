"""What happens when the guest powers off, reboots, crashes or loses a lock.

formatdomain "Events configuration".
"""

from __future__ import annotations

import enum


class LifecycleAction(enum.Enum):
    """``<on_poweroff>``, ``<on_reboot>`` and ``<on_crash>``: what libvirt does then."""

    DESTROY = "destroy"
    RESTART = "restart"
    PRESERVE = "preserve"
    RENAME_RESTART = "rename-restart"
    COREDUMP_DESTROY = "coredump-destroy"
    COREDUMP_RESTART = "coredump-restart"


class LockFailureAction(enum.Enum):
    """``<on_lockfailure>``: what libvirt does when a lock manager loses a lease."""

    POWEROFF = "poweroff"
    RESTART = "restart"
    PAUSE = "pause"
    IGNORE = "ignore"
