"""Domain checkpoints: created on a domain, like snapshots; only their description changes.

A checkpoint marks the point an incremental backup starts from (a bitmap
in each disk image). libvirt makes it from the domain as it is, so an
existing checkpoint cannot become another: an update may change its
description alone (libvirt's own metadata redefined with the new one,
``VIR_DOMAIN_CHECKPOINT_CREATE_REDEFINE``); anything else is a conflict,
as for snapshots. Its document needs a ``<name>`` (libvirt would make one
up).
"""

from __future__ import annotations

from typing import Any

from domxml.apply.connection import libvirt_module
from domxml.apply.errors import ApplyError
from domxml.apply.handler import DomainHeldHandler, Ref
from domxml.models.checkpoint import DomainCheckpoint

__all__ = ["CheckpointHandler"]


class CheckpointHandler(DomainHeldHandler):
    kind = "checkpoint"
    model = DomainCheckpoint
    root = "domaincheckpoint"

    def _lookup(self, conn: Any, ref: Ref) -> Any:
        domain = self.domain(conn, ref)
        return None if domain is None else domain.checkpointLookupByName(ref.name)

    def read(self, obj: Any) -> str:
        return str(obj.getXMLDesc(libvirt_module().VIR_DOMAIN_CHECKPOINT_XML_SECURE))

    def define(self, conn: Any, ref: Ref, xml: str) -> Any:
        domain = self.domain(conn, ref)
        if domain is None:
            raise ApplyError(f"{ref}: there is no domain {ref.parent!r}")
        # libvirt validates a checkpoint against its schema only when redefining one.
        return domain.checkpointCreateXML(xml, 0)

    def redefine(self, conn: Any, ref: Ref, xml: str) -> Any:
        libvirt = libvirt_module()
        domain = self.domain(conn, ref)
        assert domain is not None
        return domain.checkpointCreateXML(xml, libvirt.VIR_DOMAIN_CHECKPOINT_CREATE_REDEFINE)
