"""Errors of the builder: an intent that cannot be built, or that the host cannot run."""

from __future__ import annotations

from domxml.errors import DomxmlError


class BuildError(DomxmlError):
    """The intent given to :func:`domxml.build.vm` cannot be turned into a domain.

    A size that does not parse, an operating system no table knows, a firmware
    the operating system cannot boot with (Windows 11 without UEFI)...
    """


class HostSupportError(BuildError):
    """The host's domain capabilities say it cannot run what was asked.

    The message names what is missing and what the host offers instead
    (``the host has no 'spice' graphics (it has: vnc, dbus)``).
    """
