"""Since which libvirt version a name or value is in libvirt's schemas.

A *location* names an element, an attribute or an enumerated value the
way :mod:`domxml.tools.coverage` reports it: ``/domain/hwuuid`` (an
element), ``/domain/devices/disk/target/@dpofua`` (an attribute),
``/domain/on_crash='preserve-running'`` (a value of an element's text) and
``/domain/devices/disk/@model='usb-bot'`` (a value of an attribute);
namespaced names in Clark notation (``{uri}local``). An element reached
through several paths (``<address>``, ``<acpi>``) is listed at the first,
shortest path the walk reaches it by.

:func:`since` answers from a table generated from the schemas of the
versions in :data:`VERSIONS` (``python -m domxml.tools.since --write``):
``"9.0.0"`` means 9.0.0 or older.
"""

from __future__ import annotations

from domxml.models._since_table import REMOVED, SINCE

__all__ = ["REMOVED", "SINCE", "VERSIONS", "accepts", "removed", "since", "version_key"]

#: The libvirt versions whose schemas the table was made from, oldest first.
VERSIONS = ("9.0.0", "11.3.0", "12.9.0")


def version_key(version: str) -> tuple[int, ...]:
    """``"11.3.0"`` as ``(11, 3, 0)``, for comparing versions."""
    return tuple(int(part) for part in version.split("."))


def since(location: str) -> str | None:
    """The oldest version of :data:`VERSIONS` whose schema has ``location``; ``None`` if none.

    >>> since("/domain/hwuuid")
    '12.9.0'
    >>> since("/domain/on_crash='preserve-running'")
    '12.9.0'
    """
    return SINCE.get(location)


def removed(location: str) -> str | None:
    """The first version of :data:`VERSIONS` whose schema no longer has ``location``, if any."""
    return REMOVED.get(location)


def accepts(version: str, location: str) -> bool | None:
    """Whether libvirt ``version``'s schema has ``location``; ``None`` when the table does not say.

    A version between two of :data:`VERSIONS` is answered by the older one
    (a name added in between reads as not there yet).
    """
    first = SINCE.get(location)
    if first is None:
        return None
    key = version_key(version)
    gone = REMOVED.get(location)
    return version_key(first) <= key and (gone is None or key < version_key(gone))
