"""What happens when the guest powers off, reboots, crashes or loses a lock.

formatdomain "Events configuration": ``<on_poweroff>``, ``<on_reboot>``,
``<on_crash>`` and ``<on_lockfailure>``, text-only elements of the domain.
"""

from __future__ import annotations

import enum


class LifecycleAction(enum.Enum):
    """``<on_poweroff>``, ``<on_reboot>`` and ``<on_crash>``: what libvirt does then.

    One enumeration serves the three, as in libvirt; the two ``coredump-``
    actions and ``preserve-running`` are only allowed in ``<on_crash>``.
    """

    DESTROY = "destroy"
    RESTART = "restart"
    RENAME_RESTART = "rename-restart"
    PRESERVE = "preserve"
    COREDUMP_DESTROY = "coredump-destroy"
    COREDUMP_RESTART = "coredump-restart"
    PRESERVE_RUNNING = "preserve-running"


class LockFailureAction(enum.Enum):
    """``<on_lockfailure>``: what libvirt does when a lock manager loses a lease."""

    POWEROFF = "poweroff"
    RESTART = "restart"
    PAUSE = "pause"
    IGNORE = "ignore"
