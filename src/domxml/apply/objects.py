"""libvirt's objects, one handler per kind: the registry, and domains, networks, storage, snapshots.

Each handler (:class:`~domxml.apply.handler.Handler`) knows how libvirt
names, defines and removes one kind of object; the plan and the apply
(``plan.py``, ``execute.py``) are written once for all of them. The
handlers of secrets, network filters and their bindings, host interfaces,
network ports and checkpoints are in :mod:`domxml.apply.kinds`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from domxml.apply.connection import libvirt_errors, libvirt_module, not_found, unsupported_flags
from domxml.apply.errors import ApplyError
from domxml.apply.handler import (
    PARENTS,
    DomainHeldHandler,
    Handler,
    Ref,
    read_inactive,
    with_validation,
)
from domxml.apply.kinds.checkpoint import CheckpointHandler
from domxml.apply.kinds.interface import InterfaceHandler
from domxml.apply.kinds.networkport import NetworkPortHandler
from domxml.apply.kinds.nwfilter import FilterBindingHandler, NWFilterHandler
from domxml.apply.kinds.secret import SecretHandler
from domxml.apply.record import Record, with_record
from domxml.binding import Model, parse_document
from domxml.models import Domain, DomainSnapshot, Network, StoragePool, StorageVolume

if TYPE_CHECKING:
    from domxml.apply.plan import Step
    from domxml.apply.remove import Removal

__all__ = ["HANDLERS", "KINDS", "PARENTS", "Handler", "Ref", "handler_for", "kind_of"]

#: Object kinds in the order they are applied: what an object needs comes
#: first (a secret before the pool or domain that uses it, a filter before
#: its bindings, a network before its ports, a domain before its snapshots).
KINDS = (
    "secret",
    "nwfilter",
    "interface",
    "network",
    "networkport",
    "pool",
    "volume",
    "domain",
    "snapshot",
    "checkpoint",
    "nwfilterbinding",
)


class DomainHandler(Handler):
    kind = "domain"
    model = Domain
    startable = True
    keeps_uuid = True

    def _lookup(self, conn: Any, ref: Ref) -> Any:
        return conn.lookupByName(ref.name)

    def read(self, obj: Any) -> str:
        libvirt = libvirt_module()
        flags = libvirt.VIR_DOMAIN_XML_INACTIVE | libvirt.VIR_DOMAIN_XML_SECURE
        return read_inactive(obj.XMLDesc, flags)

    def define(self, conn: Any, ref: Ref, xml: str) -> Any:
        libvirt = libvirt_module()
        return with_validation(conn.defineXMLFlags, xml, libvirt.VIR_DOMAIN_DEFINE_VALIDATE)

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

    def removal_refused(self, obj: Any, ref: Ref, *, force: bool) -> str | None:
        if obj.isActive() and not force:
            return f"{ref} is running: stop it first, or remove it with --force"
        return None

    def remove(self, obj: Any, removal: Removal, **options: Any) -> None:
        if obj.isActive():
            obj.destroy()
            removal.notes.append("stopped")
        keep = options.get("nvram", "keep") == "keep"
        has_nvram = _has_nvram(obj)
        undefine_domain(obj, keep_nvram=keep)
        if has_nvram:
            removal.notes.append("NVRAM kept" if keep else "NVRAM removed")


def _has_nvram(obj: Any) -> bool:
    """Whether a domain boots UEFI (so may have an NVRAM file)."""
    from lxml import etree

    libvirt = libvirt_module()
    root = etree.fromstring(obj.XMLDesc(libvirt.VIR_DOMAIN_XML_INACTIVE).encode())
    return root.find("os/nvram") is not None or root.find("os[@firmware='efi']") is not None


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
    keeps_uuid = True

    def _lookup(self, conn: Any, ref: Ref) -> Any:
        return conn.networkLookupByName(ref.name)

    def read(self, obj: Any) -> str:
        return read_inactive(obj.XMLDesc, libvirt_module().VIR_NETWORK_XML_INACTIVE)

    def define(self, conn: Any, ref: Ref, xml: str) -> Any:
        libvirt = libvirt_module()
        return with_validation(conn.networkDefineXMLFlags, xml, libvirt.VIR_NETWORK_DEFINE_VALIDATE)

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
    keeps_uuid = True

    def _lookup(self, conn: Any, ref: Ref) -> Any:
        return conn.storagePoolLookupByName(ref.name)

    def read(self, obj: Any) -> str:
        return read_inactive(obj.XMLDesc, libvirt_module().VIR_STORAGE_XML_INACTIVE)

    def define(self, conn: Any, ref: Ref, xml: str) -> Any:
        libvirt = libvirt_module()
        return with_validation(
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

    def remove(self, obj: Any, removal: Removal, **options: Any) -> None:
        if options.get("delete_volumes"):
            if not obj.isActive():
                obj.create()
            for volume in obj.listAllVolumes(0):
                removal.notes.append(f"deleted volume {volume.name()}")
                volume.delete(0)
        super().remove(obj, removal, **options)


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
        return with_validation(pool.createXML, xml, libvirt.VIR_STORAGE_VOL_CREATE_VALIDATE)

    def conflict(self, step: Step) -> str | None:
        if step.action == "update":
            return (
                "a volume is not changed in place (resizing and uploading are out of scope):"
                " remove it first"
            )
        return None

    def undo(self, conn: Any, obj: Any, previous: str | None) -> None:
        obj.delete(0)

    def delete(self, obj: Any) -> None:
        obj.delete(0)


class SnapshotHandler(DomainHeldHandler):
    kind = "snapshot"
    model = DomainSnapshot
    root = "domainsnapshot"

    def _lookup(self, conn: Any, ref: Ref) -> Any:
        domain = self.domain(conn, ref)
        return None if domain is None else domain.snapshotLookupByName(ref.name)

    def read(self, obj: Any) -> str:
        return read_inactive(obj.getXMLDesc, libvirt_module().VIR_DOMAIN_SNAPSHOT_XML_SECURE)

    def define(self, conn: Any, ref: Ref, xml: str) -> Any:
        libvirt = libvirt_module()
        domain = self.domain(conn, ref)
        if domain is None:
            raise ApplyError(f"{ref}: there is no domain {ref.parent!r}")
        return with_validation(
            domain.snapshotCreateXML, xml, libvirt.VIR_DOMAIN_SNAPSHOT_CREATE_VALIDATE
        )

    def redefine(self, conn: Any, ref: Ref, xml: str) -> Any:
        libvirt = libvirt_module()
        domain = self.domain(conn, ref)
        assert domain is not None
        return domain.snapshotCreateXML(xml, libvirt.VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE)


def _handlers() -> dict[str, Handler]:
    found: list[Handler] = [
        SecretHandler(),
        NWFilterHandler(),
        InterfaceHandler(),
        NetworkHandler(),
        NetworkPortHandler(),
        PoolHandler(),
        VolumeHandler(),
        DomainHandler(),
        SnapshotHandler(),
        CheckpointHandler(),
        FilterBindingHandler(),
    ]
    return {h.kind: h for h in found}


#: The handler of each kind, in the order of :data:`KINDS`.
HANDLERS: dict[str, Handler] = _handlers()


def handler_for(kind: str) -> Handler:
    """The handler of an object kind."""
    return HANDLERS[kind]


def kind_of(model: Model) -> str:
    """The object kind of a model: ``domain``, ``network``, ``secret``... (see :data:`KINDS`)."""
    for kind, handler in HANDLERS.items():
        if isinstance(model, handler.model):
            return kind
    tag = type(model).__domxml__.tag
    tags = [h.model.__domxml__.tag for h in HANDLERS.values()]
    # A domain's <interface> device is no host interface (which has a name).
    what = f"<{tag}> ({type(model).__name__})" if tag in tags else f"<{tag}>"
    raise ApplyError(
        f"{what} is not an object domxml can apply (" + ", ".join(f"<{t}>" for t in tags) + ")"
    )


def read_model(handler: Handler, obj: Any, ref: Ref) -> tuple[str, Model]:
    """An object's definition, as text and as a model."""
    with libvirt_errors(f"cannot read {ref}"):
        xml = handler.read(obj)
    return xml, parse_document(xml)
