"""libvirt's objects, one handler per kind: find, read, define, start, remove.

Each handler knows how libvirt names, defines and removes one kind of
object; the plan and the apply (``plan.py``, ``execute.py``) are written
once for all of them. Handlers take and return libvirt's own objects
(``virDomain``...), typed ``Any`` since the binding has no type hints.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from domxml.apply.connection import libvirt_errors, libvirt_module, not_found, unsupported_flags
from domxml.apply.errors import ApplyError
from domxml.apply.record import Record, with_record
from domxml.binding import Model, parse_document
from domxml.models import Domain, DomainSnapshot, Network, StoragePool, StorageVolume

__all__ = ["HANDLERS", "KINDS", "Handler", "Ref", "handler_for", "kind_of"]

#: Object kinds in the order they are applied: what an object needs comes first.
KINDS = ("network", "pool", "volume", "domain", "snapshot")

_MODELS: dict[str, type[Model]] = {
    "network": Network,
    "pool": StoragePool,
    "volume": StorageVolume,
    "domain": Domain,
    "snapshot": DomainSnapshot,
}

#: What holds each kind of object: a volume is in a pool, a snapshot of a domain.
PARENTS = {"volume": "pool", "snapshot": "domain"}


@dataclasses.dataclass(frozen=True)
class Ref:
    """Which object: its kind, its name, and for a volume or snapshot what holds it."""

    kind: str
    name: str
    parent: str | None = None

    def __str__(self) -> str:
        where = f"{self.parent}/" if self.parent is not None else ""
        return f"{self.kind} {where}{self.name}"

    @property
    def spec(self) -> str:
        """The reference as the command line writes it: ``volume:POOL/NAME``."""
        where = f"{self.parent}/" if self.parent is not None else ""
        return f"{self.kind}:{where}{self.name}"

    @classmethod
    def parse(cls, text: str) -> Ref:
        """``domain:NAME``, ``network:NAME``, ``pool:NAME``, ``volume:POOL/NAME``,
        ``snapshot:DOMAIN/NAME``; :class:`ApplyError` for anything else."""
        kind, sep, rest = text.partition(":")
        if not sep or kind not in _MODELS or not rest:
            raise ApplyError(
                f"not an object reference: {text!r} (expected domain:NAME, network:NAME,"
                " pool:NAME, volume:POOL/NAME or snapshot:DOMAIN/NAME)"
            )
        if kind in PARENTS:
            parent, sep, name = rest.partition("/")
            if not sep or not parent or not name:
                raise ApplyError(f"{text!r}: a {kind} is named {kind}:{PARENTS[kind].upper()}/NAME")
            return cls(kind, name, parent)
        return cls(kind, rest)


def kind_of(model: Model) -> str:
    """The object kind of a model: ``domain``, ``network``, ``pool``, ``volume`` or ``snapshot``."""
    for kind, cls in _MODELS.items():
        if isinstance(model, cls):
            return kind
    tag = type(model).__domxml__.tag
    raise ApplyError(
        f"<{tag}> is not an object domxml can apply (domain, network, pool, volume or snapshot)"
    )


class Handler:
    """How libvirt handles one kind of object; subclasses fill it in."""

    kind = ""
    model: type[Model] = Model
    #: Whether it can be started and set to start on boot.
    startable = False
    #: Whether libvirt keeps it in place when it is defined again with changes.
    updatable = True

    def lookup(self, conn: Any, ref: Ref) -> Any | None:
        """The libvirt object, or None when there is none (or what holds it is missing)."""
        try:
            return self._lookup(conn, ref)
        except libvirt_module().libvirtError as e:
            if not_found(e):
                return None
            raise ApplyError(f"cannot look up {ref}: {e.get_error_message()}") from e

    def _lookup(self, conn: Any, ref: Ref) -> Any:
        raise NotImplementedError

    def read(self, obj: Any) -> str:
        """The object's definition as libvirt keeps it (the inactive one, secrets included)."""
        raise NotImplementedError

    def define(self, conn: Any, ref: Ref, xml: str) -> Any:
        """Define (or create) the object from ``xml``, with libvirt validating it where it can."""
        raise NotImplementedError

    def undo(self, conn: Any, obj: Any, previous: str | None) -> None:
        """Put back what :meth:`define` replaced: ``previous``, or nothing."""
        raise NotImplementedError

    def set_record(self, conn: Any, obj: Any, stored: str, record: Record) -> Any:
        """Write the last-applied record into the object's ``<metadata>``; the object.

        ``stored`` is the definition libvirt has (read back): defined again
        with the record in it, where libvirt cannot set metadata on its own.
        """
        return self.define(conn, Ref(self.kind, obj.name()), with_record(stored, record))

    def is_active(self, obj: Any) -> bool:
        return bool(obj.isActive())

    def start(self, conn: Any, obj: Any) -> None:
        obj.create()

    def stop(self, obj: Any) -> None:
        obj.destroy()

    def set_autostart(self, obj: Any) -> bool:
        """Make it start on boot; whether that changed anything."""
        if obj.autostart():
            return False
        obj.setAutostart(1)
        return True


def _read_inactive(read: Any, flag: int) -> str:
    """Read a definition with an ``INACTIVE`` flag; without it where the driver refuses it.

    The test driver's networks, for one, know no flags (they have no live
    definition of their own to tell apart).
    """
    try:
        return str(read(flag))
    except libvirt_module().libvirtError as e:
        if not unsupported_flags(e):
            raise
        return str(read(0))


def _with_validation(define: Any, xml: str, flag: int) -> Any:
    """Define with libvirt's validate flag; without it where libvirt refuses the flag.

    Documents are validated client-side before they get here, so the flag
    is a second check: libvirt 9.0.0's volume creation, for one, refuses it
    (``unsupported flags (0x4) in function virStorageVolDefParseXML``).
    """
    try:
        return define(xml, flag)
    except libvirt_module().libvirtError as e:
        if not unsupported_flags(e):
            raise
        return define(xml, 0)


class DomainHandler(Handler):
    kind = "domain"
    model = Domain
    startable = True

    def _lookup(self, conn: Any, ref: Ref) -> Any:
        return conn.lookupByName(ref.name)

    def read(self, obj: Any) -> str:
        libvirt = libvirt_module()
        flags = libvirt.VIR_DOMAIN_XML_INACTIVE | libvirt.VIR_DOMAIN_XML_SECURE
        return _read_inactive(obj.XMLDesc, flags)

    def define(self, conn: Any, ref: Ref, xml: str) -> Any:
        libvirt = libvirt_module()
        return _with_validation(conn.defineXMLFlags, xml, libvirt.VIR_DOMAIN_DEFINE_VALIDATE)

    def undo(self, conn: Any, obj: Any, previous: str | None) -> None:
        if previous is not None:
            conn.defineXMLFlags(previous, 0)
        else:
            undefine_domain(obj, keep_nvram=True)

    def set_record(self, conn: Any, obj: Any, stored: str, record: Record) -> Any:
        # Defined again, as networks are, not with virDomainSetMetadata: with
        # libvirt 9.0.0's embedded test driver, a few thousand of those calls
        # corrupt the calling process's memory (a segfault later, in
        # unrelated Python code; none when redefining), and that driver runs
        # inside the caller. Without libvirt's validate flag, as undo(): this
        # is libvirt's own output, which its schema does not always accept (a
        # <cpu> placed after <numatune>), and the document was validated
        # when it was defined.
        return conn.defineXMLFlags(with_record(stored, record), 0)


def undefine_domain(obj: Any, *, keep_nvram: bool) -> None:
    """Undefine a domain with its snapshot and checkpoint metadata and managed save image.

    libvirt refuses to undefine a domain that has any of these (or an NVRAM
    file) unless told what to do with them; drivers that know none of the
    flags (the test driver knows some) are asked with fewer.
    """
    libvirt = libvirt_module()
    nvram = (
        libvirt.VIR_DOMAIN_UNDEFINE_KEEP_NVRAM if keep_nvram else libvirt.VIR_DOMAIN_UNDEFINE_NVRAM
    )
    metadata = (
        libvirt.VIR_DOMAIN_UNDEFINE_MANAGED_SAVE | libvirt.VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA
    )
    attempts = (
        metadata | libvirt.VIR_DOMAIN_UNDEFINE_CHECKPOINTS_METADATA | nvram,
        metadata | nvram,
        metadata,
        0,
    )
    for flags in attempts:
        try:
            obj.undefineFlags(flags)
            return
        except libvirt.libvirtError as e:
            if not unsupported_flags(e) or flags == 0:
                raise


class NetworkHandler(Handler):
    kind = "network"
    model = Network
    startable = True

    def _lookup(self, conn: Any, ref: Ref) -> Any:
        return conn.networkLookupByName(ref.name)

    def read(self, obj: Any) -> str:
        return _read_inactive(obj.XMLDesc, libvirt_module().VIR_NETWORK_XML_INACTIVE)

    def define(self, conn: Any, ref: Ref, xml: str) -> Any:
        libvirt = libvirt_module()
        return _with_validation(
            conn.networkDefineXMLFlags, xml, libvirt.VIR_NETWORK_DEFINE_VALIDATE
        )

    def undo(self, conn: Any, obj: Any, previous: str | None) -> None:
        if previous is not None:
            conn.networkDefineXMLFlags(previous, 0)
        else:
            obj.undefine()


#: Pool types whose build only makes the target directory: building never
#: formats or partitions anything (``disk``, ``logical`` and ``fs`` with
#: flags would), so applying builds only these.
_BUILD_SAFE = ("dir",)


class PoolHandler(Handler):
    kind = "pool"
    model = StoragePool
    startable = True

    def _lookup(self, conn: Any, ref: Ref) -> Any:
        return conn.storagePoolLookupByName(ref.name)

    def read(self, obj: Any) -> str:
        return _read_inactive(obj.XMLDesc, libvirt_module().VIR_STORAGE_XML_INACTIVE)

    def define(self, conn: Any, ref: Ref, xml: str) -> Any:
        libvirt = libvirt_module()
        return _with_validation(
            conn.storagePoolDefineXML, xml, libvirt.VIR_STORAGE_POOL_DEFINE_VALIDATE
        )

    def undo(self, conn: Any, obj: Any, previous: str | None) -> None:
        if previous is not None:
            conn.storagePoolDefineXML(previous, 0)
        else:
            obj.undefine()

    def start(self, conn: Any, obj: Any) -> None:
        from lxml import etree

        pool_type = etree.fromstring(obj.XMLDesc(0).encode()).get("type")
        if pool_type in _BUILD_SAFE:
            obj.build(0)  # makes the target directory; nothing when it exists
        obj.create()


class VolumeHandler(Handler):
    kind = "volume"
    model = StorageVolume
    updatable = False

    def pool(self, conn: Any, ref: Ref) -> Any | None:
        try:
            return conn.storagePoolLookupByName(ref.parent)
        except libvirt_module().libvirtError as e:
            if not_found(e):
                return None
            raise

    def _lookup(self, conn: Any, ref: Ref) -> Any:
        pool = self.pool(conn, ref)
        if pool is None or not pool.isActive():
            return None  # a volume exists only in an active pool, for libvirt
        return pool.storageVolLookupByName(ref.name)

    def read(self, obj: Any) -> str:
        return str(obj.XMLDesc(0))

    def define(self, conn: Any, ref: Ref, xml: str) -> Any:
        libvirt = libvirt_module()
        pool = self.pool(conn, ref)
        if pool is None:
            raise ApplyError(f"{ref}: there is no pool {ref.parent!r}")
        if not pool.isActive():
            raise ApplyError(
                f"{ref}: pool {ref.parent!r} is not active (start it, or apply it with --start)"
            )
        return _with_validation(pool.createXML, xml, libvirt.VIR_STORAGE_VOL_CREATE_VALIDATE)

    def undo(self, conn: Any, obj: Any, previous: str | None) -> None:
        obj.delete(0)


class SnapshotHandler(Handler):
    kind = "snapshot"
    model = DomainSnapshot

    def domain(self, conn: Any, ref: Ref) -> Any | None:
        try:
            return conn.lookupByName(ref.parent)
        except libvirt_module().libvirtError as e:
            if not_found(e):
                return None
            raise

    def _lookup(self, conn: Any, ref: Ref) -> Any:
        domain = self.domain(conn, ref)
        return None if domain is None else domain.snapshotLookupByName(ref.name)

    def read(self, obj: Any) -> str:
        return _read_inactive(obj.getXMLDesc, libvirt_module().VIR_DOMAIN_SNAPSHOT_XML_SECURE)

    def define(self, conn: Any, ref: Ref, xml: str) -> Any:
        libvirt = libvirt_module()
        domain = self.domain(conn, ref)
        if domain is None:
            raise ApplyError(f"{ref}: there is no domain {ref.parent!r}")
        return _with_validation(
            domain.snapshotCreateXML, xml, libvirt.VIR_DOMAIN_SNAPSHOT_CREATE_VALIDATE
        )

    def redefine(self, conn: Any, ref: Ref, xml: str) -> Any:
        """Replace an existing snapshot's metadata (its description) with ``xml``."""
        libvirt = libvirt_module()
        domain = self.domain(conn, ref)
        assert domain is not None
        return domain.snapshotCreateXML(xml, libvirt.VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE)

    def undo(self, conn: Any, obj: Any, previous: str | None) -> None:
        if previous is not None:
            self.redefine(conn, Ref("snapshot", obj.getName(), obj.getDomain().name()), previous)
        else:
            obj.delete(0)


HANDLERS: dict[str, Handler] = {
    h.kind: h
    for h in (DomainHandler(), NetworkHandler(), PoolHandler(), VolumeHandler(), SnapshotHandler())
}


def handler_for(kind: str) -> Handler:
    """The handler of an object kind."""
    return HANDLERS[kind]


def read_model(handler: Handler, obj: Any, ref: Ref) -> tuple[str, Model]:
    """An object's definition, as text and as a model."""
    with libvirt_errors(f"cannot read {ref}"):
        xml = handler.read(obj)
    return xml, parse_document(xml)
