"""What libvirt keeps of a storage source in its status XML: ``<privateData>``.

A running domain's status XML (``/run/libvirt/qemu/NAME.xml``) and
libvirt's own test documents of single disks (its QEMU block tests) hold,
in each ``<source>``, the names libvirt gave the source's QEMU block
nodes and objects. libvirt's public schemas do not allow it (a defined
domain never has it: the grammar of a domain leaves it out); the schema of
its tests for single devices does, and so does domxml's grammar of single
devices.
"""

from __future__ import annotations

import enum

from domxml.binding import Model, attr, child, children, element


class NodeNameType(enum.Enum):
    """Which of a source's block nodes a ``<nodename>`` names."""

    STORAGE = "storage"
    FORMAT = "format"


@element("nodename")
class PrivateNodeName(Model):
    """``<nodename type='storage' name='libvirt-1-storage'/>``: a QEMU block node's name."""

    type: NodeNameType | None = attr()
    name: str | None = attr()


@element("nodenames")
class PrivateNodeNames(Model):
    """``<nodenames>``: the names of the source's QEMU block nodes."""

    nodenames: list[PrivateNodeName] = children(min_items=1)


@element("reservations")
class PrivateReservations(Model):
    """``<reservations mgralias='...'/>``: the alias of the persistent reservation manager."""

    mgralias: str | None = attr()


@element("TLSx509")
class PrivateTlsObject(Model):
    """``<TLSx509 alias='...'/>``: the alias of the source's TLS credentials object."""

    alias: str | None = attr()


@element("objects")
class PrivateObjects(Model):
    """``<objects>``: the QEMU objects libvirt made for the source."""

    tls_x509: PrivateTlsObject | None = child(default=None)


@element("privateData")
class SourcePrivateData(Model):
    """``<privateData>`` of a ``<source>``: libvirt's status XML, in no public schema."""

    nodenames: PrivateNodeNames | None = child(default=None)
    reservations: PrivateReservations | None = child(default=None)
    objects: PrivateObjects | None = child(default=None)
