"""Removing objects: undefine domains, networks and pools, delete volumes and snapshots.

Removing what is not there is not an error (it is reported ``absent``), so
that a removal can run again. Everything is checked before anything is
removed: a running domain is stopped only with ``force``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import Any

from domxml.apply.connection import libvirt_errors, libvirt_module
from domxml.apply.errors import ApplyError
from domxml.apply.json_reports import RemovalReport
from domxml.apply.objects import KINDS, Ref, handler_for, undefine_domain

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
    Snapshots first, then domains, volumes, pools and networks.
    """
    if nvram not in NVRAM_CHOICES:
        raise ApplyError(f"nvram must be 'keep' or 'remove', not {nvram!r}")
    parsed = [r if isinstance(r, Ref) else Ref.parse(r) for r in refs]
    order = {kind: i for i, kind in enumerate(reversed(KINDS))}
    parsed.sort(key=lambda r: order[r.kind])
    found: list[tuple[Ref, Any]] = []
    for ref in parsed:
        obj = handler_for(ref.kind).lookup(conn, ref)
        if obj is not None and ref.kind == "domain" and obj.isActive() and not force:
            raise ApplyError(
                f"{ref} is running: stop it first, or remove it with --force", applied=[]
            )
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
            _remove(obj, ref, removal, nvram=nvram, delete_volumes=delete_volumes)
        done.append(removal)
    return done


def _remove(obj: Any, ref: Ref, removal: Removal, *, nvram: str, delete_volumes: bool) -> None:
    kind = ref.kind
    if kind == "snapshot" or kind == "volume":
        obj.delete(0)
        return
    if kind == "pool" and delete_volumes:
        if not obj.isActive():
            obj.create()
        for volume in obj.listAllVolumes(0):
            removal.notes.append(f"deleted volume {volume.name()}")
            volume.delete(0)
    if obj.isActive():
        obj.destroy()
        removal.notes.append("stopped")
    if kind == "domain":
        has_nvram = _has_nvram(obj)
        undefine_domain(obj, keep_nvram=nvram == "keep")
        if has_nvram:
            removal.notes.append("NVRAM kept" if nvram == "keep" else "NVRAM removed")
    else:
        obj.undefine()


def _has_nvram(obj: Any) -> bool:
    """Whether a domain boots UEFI (so may have an NVRAM file)."""
    from lxml import etree

    libvirt = libvirt_module()
    root = etree.fromstring(obj.XMLDesc(libvirt.VIR_DOMAIN_XML_INACTIVE).encode())
    return root.find("os/nvram") is not None or root.find("os[@firmware='efi']") is not None
