"""Removing objects: undefine or delete them, each kind as libvirt does it.

Removing what is not there is not an error (it is reported ``absent``), so
that a removal can run again. Everything is checked before anything is
removed: a running domain is stopped only with ``force``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import Any

from domxml.apply.connection import libvirt_errors
from domxml.apply.errors import ApplyError
from domxml.apply.json_reports import RemovalReport
from domxml.apply.objects import KINDS, Ref, handler_for

__all__ = ["ABSENT", "NVRAM_CHOICES", "REMOVED", "Removal", "remove"]

REMOVED = "removed"
ABSENT = "absent"
NVRAM_CHOICES = ("keep", "remove")


@dataclasses.dataclass
class Removal:
    """What removing one object did."""

    ref: Ref
    action: str
    notes: list[str] = dataclasses.field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """The removal as JSON-ready data (:class:`~domxml.apply.json_reports.RemovalReport`)."""
        return RemovalReport.of(self).to_dict()


def remove(
    conn: Any,
    refs: Iterable[Ref | str],
    *,
    force: bool = False,
    nvram: str = "keep",
    delete_volumes: bool = False,
) -> list[Removal]:
    """Remove objects named like ``domain:web01`` or ``volume:default/disk.qcow2``.

    Domains are undefined with their snapshot and checkpoint metadata and
    managed save image; a running domain is stopped first only with
    ``force``; ``nvram`` ``"keep"`` or ``"remove"`` says what becomes of a
    UEFI domain's NVRAM file. Networks and pools are stopped, then
    undefined; a pool's volumes are deleted only with ``delete_volumes``.
    An active host interface is never removed (domxml does not bring host
    interfaces down). Objects go in the reverse of the order they are
    applied in: filter bindings, checkpoints and snapshots first, secrets
    last.
    """
    if nvram not in NVRAM_CHOICES:
        raise ApplyError(f"nvram must be 'keep' or 'remove', not {nvram!r}")
    parsed = [r if isinstance(r, Ref) else Ref.parse(r) for r in refs]
    order = {kind: i for i, kind in enumerate(reversed(KINDS))}
    parsed.sort(key=lambda r: order[r.kind])
    found: list[tuple[Ref, Any]] = []
    for ref in parsed:
        handler = handler_for(ref.kind)
        obj = handler.lookup(conn, ref)
        if obj is not None:
            why = handler.removal_refused(obj, ref, force=force)
            if why is not None:
                raise ApplyError(why, applied=[])
        found.append((ref, obj))
    done: list[Removal] = []
    for ref, obj in found:
        if obj is None:
            done.append(Removal(ref, ABSENT))
            continue
        removal = Removal(ref, REMOVED)
        with libvirt_errors(
            f"cannot remove {ref}", [str(r.ref) for r in done if r.action == REMOVED]
        ):
            handler_for(ref.kind).remove(obj, removal, nvram=nvram, delete_volumes=delete_volumes)
        done.append(removal)
    return done
