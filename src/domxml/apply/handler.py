"""What every kind of libvirt object has in common: its reference, and its handler's interface.

A :class:`Handler` knows how libvirt names, looks up, defines, changes and
removes one kind of object; the plan, the apply and the removal
(``plan.py``, ``execute.py``, ``remove.py``) are written once for all of
them, and ask the handler where kinds differ (what a conflict is, what
cannot be changed in place, what a removal must not do). The handlers
themselves are in :mod:`domxml.apply.objects` (domains, networks, storage,
snapshots) and :mod:`domxml.apply.kinds` (secrets, network filters and
their bindings, host interfaces, network ports, checkpoints). Handlers take
and return libvirt's own objects (``virDomain``...), typed ``Any`` since
the binding has no type hints.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from domxml.apply.connection import libvirt_module, not_found, unsupported_flags
from domxml.apply.errors import ApplyError
from domxml.apply.record import Record, with_record
from domxml.binding import Model, parse_document, write_document

if TYPE_CHECKING:
    from domxml.apply.plan import Desired, Step
    from domxml.apply.remove import Removal

__all__ = [
    "PARENTS",
    "REFERENCES",
    "DomainHeldHandler",
    "Handler",
    "Ref",
    "read_inactive",
    "with_validation",
]

#: What holds each kind of object that is held: a volume is in a pool, a
#: snapshot or checkpoint of a domain, a port on a network.
PARENTS = {"volume": "pool", "snapshot": "domain", "checkpoint": "domain", "networkport": "network"}

#: How the command line names objects, kind by kind.
REFERENCES = {
    "secret": "secret:UUID (or secret:USAGE-TYPE:ID)",
    "nwfilter": "nwfilter:NAME",
    "interface": "interface:NAME",
    "network": "network:NAME",
    "networkport": "networkport:NETWORK/UUID",
    "pool": "pool:NAME",
    "volume": "volume:POOL/NAME",
    "domain": "domain:NAME",
    "snapshot": "snapshot:DOMAIN/NAME",
    "checkpoint": "checkpoint:DOMAIN/NAME",
    "nwfilterbinding": "nwfilterbinding:PORTDEV",
}


@dataclasses.dataclass(frozen=True)
class Ref:
    """Which object: its kind, its name, and for a volume, snapshot... what holds it."""

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
        """``domain:NAME``, ``volume:POOL/NAME``... (see :data:`REFERENCES`);
        :class:`ApplyError` for anything else."""
        kind, sep, rest = text.partition(":")
        if not sep or kind not in REFERENCES or not rest:
            raise ApplyError(
                f"not an object reference: {text!r} (expected "
                + ", ".join(REFERENCES.values())
                + ")"
            )
        if kind in PARENTS:
            parent, sep, name = rest.partition("/")
            if not sep or not parent or not name:
                raise ApplyError(f"{text!r}: a {kind} is named {REFERENCES[kind]}")
            return cls(kind, name, parent)
        return cls(kind, rest)


class Handler:
    """How libvirt handles one kind of object; subclasses fill it in."""

    kind = ""
    model: type[Model] = Model
    #: Whether it can be started and set to start on boot.
    startable = False
    #: Whether libvirt keeps it in place when it is defined again with changes.
    updatable = True
    #: Whether an update must name the object's UUID where the document leaves
    #: it out (libvirt would take the document for another object of that name).
    keeps_uuid = False
    #: What names an object of this kind in a document, for the error when nothing does.
    named_by = "a <name>"
    #: Whether libvirt makes a name up for a document without one (so that a
    #: second apply would make a second object): such documents are refused.
    name_made_up = False

    # -- naming --------------------------------------------------------------------------

    def name_of(self, model: Model) -> str | None:
        """The name the object goes by (its ``<name>``), or None when the document gives none."""
        name = getattr(model, "name", None)
        return str(name) if name else None

    def embedded_parent(self, model: Model) -> str | None:
        """The name of what holds it, where the document says (a snapshot's ``<domain>``)."""
        return None

    # -- reading -------------------------------------------------------------------------

    def lookup(self, conn: Any, ref: Ref) -> Any | None:
        """The libvirt object, or None when there is none (or what holds it is missing)."""
        libvirt = libvirt_module()
        try:
            return self._lookup(conn, ref)
        except libvirt.libvirtError as e:
            if not_found(e):
                return None
            if e.get_error_code() == libvirt.VIR_ERR_NO_SUPPORT:
                raise ApplyError(
                    f"cannot look up {ref}: the connection's driver has no {self.kind}s"
                    f" ({e.get_error_message()})"
                ) from e
            raise ApplyError(f"cannot look up {ref}: {e.get_error_message()}") from e

    def _lookup(self, conn: Any, ref: Ref) -> Any:
        raise NotImplementedError

    def read(self, obj: Any) -> str:
        """The object's definition as libvirt keeps it (the inactive one, secrets included)."""
        raise NotImplementedError

    # -- planning ------------------------------------------------------------------------

    def blocker(self, conn: Any, item: Desired) -> str | None:
        """Why a new object cannot be created although none has its name, if it cannot."""
        return None

    def conflict(self, step: Step) -> str | None:
        """Why the existing object cannot be made what the document says, if it cannot."""
        uuid = getattr(step.desired.model, "uuid", None)
        have = getattr(step.actual, "uuid", None)
        if uuid and have and _uuid(uuid) != _uuid(have):
            return (
                f"{step.ref} exists with UUID {have}, not {uuid}: remove it first,"
                " or leave the UUID out"
            )
        return None

    def recreated(self, step: Step) -> str | None:
        """Why an update deletes the object and creates it again, if it must."""
        return None

    def plan_more(self, conn: Any, obj: Any, step: Step) -> None:
        """Add what the definition does not show to a step (a secret's value)."""

    # -- changing ------------------------------------------------------------------------

    def to_define(self, step: Step) -> Model:
        """The model to give libvirt for a step: the document, or a copy that keeps the UUID.

        libvirt refuses a definition that names an existing object without
        its UUID where it would generate one (it would be another object of
        that name): an update of a kind that :attr:`keeps_uuid` names the
        object's, and so does a recreation (what refers to the object by
        UUID, a disk to its secret, still finds it).
        """
        desired, actual = step.desired.model, step.actual
        uuid = getattr(actual, "uuid", None)
        if (
            self.keeps_uuid
            and step.action == "update"
            and getattr(desired, "uuid", None) is None
            and uuid is not None
        ):
            copy = parse_document(write_document(desired))
            copy.uuid = uuid
            return copy
        return desired

    def define(self, conn: Any, ref: Ref, xml: str) -> Any:
        """Define (or create) the object from ``xml``, with libvirt validating it where it can."""
        raise NotImplementedError

    def update(self, conn: Any, step: Step, xml: str) -> Any:
        """Change the existing object to ``xml`` (an update that is not a recreation)."""
        return self.define(conn, step.ref, xml)

    def after(self, conn: Any, obj: Any, step: Step) -> list[str]:
        """What to do once the object is defined, beyond its definition; notes saying what."""
        return []

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

    # -- removing ------------------------------------------------------------------------

    def removal_refused(self, obj: Any, ref: Ref, *, force: bool) -> str | None:
        """Why the object must not be removed as asked, if it must not."""
        return None

    def delete(self, obj: Any) -> None:
        """Remove the object itself (stopped first where it runs): undefine or delete."""
        obj.undefine()

    def remove(self, obj: Any, removal: Removal, **options: Any) -> None:
        """Remove the object as ``domxml remove`` does: stopped first, then deleted."""
        if self.startable and obj.isActive():
            obj.destroy()
            removal.notes.append("stopped")
        self.delete(obj)


class DomainHeldHandler(Handler):
    """What snapshots and checkpoints share: made on a domain, only their description changes.

    libvirt makes them (a snapshot or checkpoint records the domain as it
    is), so one that exists cannot become another: an update may change
    its description alone, by redefining its metadata (libvirt's own, with
    the new description); anything else is a conflict.
    """

    #: The element the description is in: ``/domainsnapshot``...
    root = ""
    name_made_up = True

    def domain(self, conn: Any, ref: Ref) -> Any | None:
        try:
            return conn.lookupByName(ref.parent)
        except libvirt_module().libvirtError as e:
            if not_found(e):
                return None
            raise

    def embedded_parent(self, model: Model) -> str | None:
        name = getattr(getattr(model, "domain", None), "name", None)
        return str(name) if name else None

    def conflict(self, step: Step) -> str | None:
        if step.action != "update":
            return None
        others = [c for c in step.changes if not c.path.startswith(f"/{self.root}/description")]
        if others:
            return (
                f"a {self.kind} cannot be changed in place, only its description: remove it first"
            )
        return None

    def to_define(self, step: Step) -> Model:
        desired = step.desired.model
        if step.action == "update" and step.actual is not None:
            # A redefinition carries libvirt's own metadata, with the new description.
            copy = parse_document(step.actual_xml or "")
            copy.description = desired.description  # type: ignore[attr-defined]
            return copy
        if getattr(desired, "domain", None) is not None:
            copy = parse_document(write_document(desired))
            copy.domain = None
            return copy
        return desired

    def update(self, conn: Any, step: Step, xml: str) -> Any:
        return self.redefine(conn, step.ref, xml)

    def redefine(self, conn: Any, ref: Ref, xml: str) -> Any:
        """Replace an existing one's metadata (its description) with ``xml``."""
        raise NotImplementedError

    def undo(self, conn: Any, obj: Any, previous: str | None) -> None:
        if previous is not None:
            self.redefine(conn, Ref(self.kind, obj.getName(), obj.getDomain().name()), previous)
        else:
            obj.delete(0)

    def delete(self, obj: Any) -> None:
        obj.delete(0)


def _uuid(text: str) -> str:
    return text.replace("-", "").lower()


def read_inactive(read: Any, flag: int) -> str:
    """Read a definition with an ``INACTIVE`` flag; without it where the driver refuses it.

    The test driver's networks and interfaces, for two, know no flags (they
    have no live definition of their own to tell apart).
    """
    try:
        return str(read(flag))
    except libvirt_module().libvirtError as e:
        if not unsupported_flags(e):
            raise
        return str(read(0))


def with_validation(define: Any, xml: str, flag: int) -> Any:
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
