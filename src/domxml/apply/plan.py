"""Planning: what applying documents would do to each libvirt object.

Each document names one object (a domain by its name, a volume by its pool
and name...). Its plan step is ``create`` when libvirt has no such object,
``unchanged`` when the object's inactive definition has no change from the
document (see :func:`domxml.diff`), ``update`` with the field-level changes
otherwise, and ``conflict`` when the object cannot be made what the
document says (a volume; a snapshot beyond its description; a domain of
another UUID). An update of an object libvirt cannot change in place (a
network port, a filter binding, a secret whose usage changed) deletes it and
creates it again: the step says so (``recreate``, and a note).

A domain or network that domxml applied carries a last-applied record
(:mod:`domxml.apply.record`) holding the document applied. The diff is then
three-way: an element libvirt adds on its own (a controller, an input...)
is told from one the user removed from the document. When the document is
the one applied and the definition is the one libvirt stored from it, the
step is ``unchanged``, and what the diff still shows is what libvirt does
not keep (``not_kept``). Without a record (an object another tool defined)
the diff is two-way, and the step's notes say which items it took for
libvirt's own.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from domxml.apply.connection import libvirt_errors, libvirt_version
from domxml.apply.errors import ApplyError, InvalidInputError
from domxml.apply.json_reports import PlanReport, StepReport
from domxml.apply.kinds.secret import usage_of
from domxml.apply.objects import KINDS, PARENTS, Ref, handler_for, kind_of, read_model
from domxml.apply.record import KINDS as RECORDED
from domxml.apply.record import Record, digest, find
from domxml.binding import Model, parse_document, write_document
from domxml.compare import Change, assumed, diff
from domxml.errors import DomxmlError, SchemaError
from domxml.validation.engine import validate as validate_document

__all__ = [
    "CONFLICT",
    "CREATE",
    "UNCHANGED",
    "UPDATE",
    "Desired",
    "Document",
    "Plan",
    "Step",
    "as_applied",
    "load",
    "plan",
]

CREATE = "create"
UPDATE = "update"
UNCHANGED = "unchanged"
CONFLICT = "conflict"


@dataclasses.dataclass(frozen=True)
class Document:
    """A document already read, and the name to report it by (``-`` for standard input)."""

    model: Model
    filename: str


Source = Model | Document | str | os.PathLike[str]


@dataclasses.dataclass
class Desired:
    """One document to apply: the object it names, its model, and where it came from."""

    ref: Ref
    model: Model
    filename: str | None = None
    #: A secret's value, to set (never shown, never in a step's data).
    value: bytes | None = dataclasses.field(default=None, repr=False)

    @property
    def label(self) -> str:
        return self.filename or str(self.ref)


@dataclasses.dataclass
class Step:
    """What applying one document does."""

    desired: Desired
    action: str
    changes: list[Change] = dataclasses.field(default_factory=list)
    #: The object's definition as libvirt has it, as text and as a model (None: no object).
    actual_xml: str | None = None
    actual: Model | None = None
    #: Why the step is a conflict, or what else there is to know.
    notes: list[str] = dataclasses.field(default_factory=list)
    #: For a step ``unchanged`` by the last-applied record: what the diff
    #: shows, which libvirt did not keep when this document was applied.
    not_kept: list[Change] = dataclasses.field(default_factory=list)
    #: The last-applied record the object carries, if any.
    record: Record | None = None
    #: An update that deletes the object and creates it again (libvirt cannot
    #: change it in place); the notes say why.
    recreate: bool = False

    @property
    def ref(self) -> Ref:
        return self.desired.ref

    def as_dict(self) -> dict[str, Any]:
        """The step as JSON-ready data (:class:`~domxml.apply.json_reports.StepReport`)."""
        return StepReport.of(self).to_dict()


@dataclasses.dataclass
class Plan:
    """The steps of applying a set of documents, in the order they would be applied."""

    uri: str
    libvirt: str
    steps: list[Step]

    def count(self, action: str) -> int:
        return sum(1 for step in self.steps if step.action == action)

    @property
    def changes_anything(self) -> bool:
        """Whether applying would define or create anything."""
        return any(step.action in (CREATE, UPDATE) for step in self.steps)

    def as_dict(self) -> dict[str, Any]:
        """The plan as JSON-ready data (:class:`~domxml.apply.json_reports.PlanReport`)."""
        return PlanReport.of(self, (CREATE, UPDATE, UNCHANGED, CONFLICT)).to_dict()


# -- reading the documents ------------------------------------------------------------------


def _read(source: Source) -> tuple[Model, str | None]:
    if isinstance(source, Model):
        return source, None
    if isinstance(source, Document):
        return source.model, source.filename
    model = parse_document(source)
    filename = None if isinstance(source, str) and source.lstrip().startswith("<") else str(source)
    return model, filename


#: How a document names what holds its object, beside the command line's option.
_HOLDER_WORDS = {"pool": "in", "domain": "of", "network": "on"}


def load(
    sources: Iterable[Source],
    *,
    pool: str | None = None,
    domain: str | None = None,
    network: str | None = None,
    secret_values: Mapping[str, bytes] | None = None,
) -> list[Desired]:
    """Read documents (models, paths or XML text) and name the object each defines.

    A volume's pool is ``pool``, or else the only pool among the documents;
    a snapshot's or checkpoint's domain is ``domain``, or the ``<domain>``
    it embeds, or the only domain among the documents; a network port's
    network is ``network``, or the only network among the documents.
    ``secret_values`` gives secrets their values, keyed by each secret's
    UUID, ``USAGE-TYPE:ID`` or document file (``""``: the only secret).
    Raises :class:`ApplyError` when an object cannot be named, or is named
    twice.
    """
    read: list[tuple[Model, str | None]] = [_read(s) for s in sources]
    given = {"pool": pool, "domain": domain, "network": network}
    among: dict[str, list[str | None]] = {
        holder: [handler_for(holder).name_of(m) for m, _ in read if kind_of(m) == holder]
        for holder in given
    }
    found: list[Desired] = []
    for model, filename in read:
        kind = kind_of(model)
        handler = handler_for(kind)
        name = handler.name_of(model)
        where = filename or f"a <{type(model).__domxml__.tag}>"
        if not name:
            hint = " (libvirt would make one up, so a second apply would create another)"
            raise ApplyError(
                f"{where}: a {kind} needs {handler.named_by} to be applied"
                + (hint if handler.name_made_up else ""),
                filename=filename,
            )
        parent: str | None = None
        holder = PARENTS.get(kind)
        if holder is not None:
            only = among[holder]
            parent = (
                given[holder]
                or handler.embedded_parent(model)
                or (only[0] if len(only) == 1 else None)
            )
            if parent is None:
                raise ApplyError(
                    f"{where}: which {holder} is {kind} {name!r} {_HOLDER_WORDS[holder]}?"
                    f" Give --{holder} (or apply it with exactly one {holder} document)",
                    filename=filename,
                )
        found.append(Desired(Ref(kind, name, parent), model, filename))
    seen: dict[Ref, Desired] = {}
    for item in found:
        if item.ref in seen:
            raise ApplyError(f"{item.ref} is defined twice: {seen[item.ref].label}, {item.label}")
        seen[item.ref] = item
    if secret_values:
        _give_values(found, secret_values)
    order = {kind: i for i, kind in enumerate(KINDS)}
    return sorted(found, key=lambda d: order[d.ref.kind])


def _give_values(found: Sequence[Desired], values: Mapping[str, bytes]) -> None:
    """Give each secret the value keyed by its name, UUID or file; the only one, by ``""``."""
    secrets = [item for item in found if item.ref.kind == "secret"]
    for key, value in values.items():
        matches = [item for item in secrets if key in _secret_keys(item)]
        if not key and len(secrets) != 1:
            raise ApplyError(
                f"a secret value without SECRET= is for the only secret among the documents,"
                f" and there are {len(secrets)}: name it (SECRET=FILE, SECRET being its UUID,"
                " USAGE-TYPE:ID or document file)"
            )
        if not matches:
            raise ApplyError(f"a secret value is given for {key!r}: no secret document is that")
        for item in matches:
            item.value = value


def _secret_keys(item: Desired) -> set[str]:
    keys = {"", item.ref.name}
    if item.filename:
        keys.add(item.filename)
    uuid = getattr(item.model, "uuid", None)
    if uuid:
        keys.add(str(uuid))
    found = usage_of(item.model)
    if found is not None:
        keys.add(f"{found[0]}:{found[1]}")
    return keys


# -- validating ----------------------------------------------------------------------------


def validate_all(desired: Sequence[Desired], libvirt: str) -> None:
    """Validate every document against the schemas of libvirt ``libvirt`` (or the nearest older).

    Raises :class:`InvalidInputError` listing every invalid document, so
    that nothing is defined when any is invalid.
    """
    problems: list[str] = []
    for item in desired:
        try:
            report = validate_document(write_document(item.model), libvirt)
        except SchemaError as e:
            raise ApplyError(
                f"cannot validate for libvirt {libvirt}: {e} (install libvirt's schemas:"
                " the libvirt0 package, or `domxml schemas import`)",
                applied=[],
            ) from e
        if not report.ok:
            for issue in report.errors:
                where = f"{issue.line}:" if issue.line else ""
                hint = f" ({issue.hint})" if issue.hint else ""
                problems.append(f"{item.label}:{where} {issue.path}: {issue.message}{hint}")
    if problems:
        raise InvalidInputError(
            f"invalid for libvirt {libvirt}, so nothing was applied:\n  " + "\n  ".join(problems),
            applied=[],
        )


# -- planning ------------------------------------------------------------------------------


def plan(
    conn: Any,
    sources: Iterable[Source],
    *,
    pool: str | None = None,
    domain: str | None = None,
    network: str | None = None,
    secret_values: Mapping[str, bytes] | None = None,
    validate: bool = True,
) -> Plan:
    """What applying ``sources`` to the libvirt of ``conn`` would do, object by object.

    Every document is validated first (against the schemas of the
    connection's libvirt version): :class:`InvalidInputError` when any is
    invalid. See :func:`load` for ``pool``, ``domain``, ``network`` and
    ``secret_values``.
    """
    desired = load(sources, pool=pool, domain=domain, network=network, secret_values=secret_values)
    version = libvirt_version(conn)
    if validate:
        validate_all(desired, version)
    with libvirt_errors("cannot get the connection's URI"):
        uri = str(conn.getURI())
    return Plan(uri, version, [plan_step(conn, item) for item in desired])


def plan_step(conn: Any, item: Desired) -> Step:
    """The step of one document."""
    handler = handler_for(item.ref.kind)
    obj = handler.lookup(conn, item.ref)
    if obj is None:
        step = Step(item, CREATE)
        why = handler.blocker(conn, item)
        if why is not None:
            step.action = CONFLICT
            step.notes.append(why)
        return step
    xml, actual = read_model(handler, obj, item.ref)
    record = find(actual)
    try:
        last = record.last_applied() if record is not None else None
        changes = diff(item.model, actual, last=last)
        # Only a kind with a record can tell later: the others' plans are two-way for good.
        guessed = assumed(item.model, actual) if last is None and item.ref.kind in RECORDED else []
    except DomxmlError as e:
        raise ApplyError(f"{item.label}: {e.message}") from e
    step = Step(item, UPDATE if changes else UNCHANGED, changes, xml, actual, record=record)
    if guessed:
        step.notes.append(_two_way_note(guessed))
    if changes and as_applied(step):
        step.action, step.changes, step.not_kept = UNCHANGED, [], changes
    handler.plan_more(conn, obj, step)
    if step.changes and step.action == UNCHANGED:
        step.action = UPDATE
    why = handler.conflict(step)
    if why is not None:
        step.action = CONFLICT
        step.notes.append(why)
    elif step.action == UPDATE:
        why = handler.recreated(step)
        if why is not None:
            step.recreate = True
            step.notes.append(why)
    return step


def _two_way_note(paths: Sequence[str]) -> str:
    """What a plan without the last-applied document cannot tell."""
    shown = ", ".join(p.rsplit("/", 1)[-1] for p in paths[:6]) + (", ..." if len(paths) > 6 else "")
    return (
        f"no last-applied document: {len(paths)} element(s) the document lacks are taken as"
        f" libvirt's own ({shown}); a removal of one of them cannot be told from libvirt's"
        " addition until domxml has applied this object once"
    )


def as_applied(step: Step) -> bool:
    """Whether the object is as domxml applied this very document: nobody changed either since.

    The object's record must hold the digest of the document and the digest
    of the definition it has now (the record left out). A change to the
    document, or to the object (``virsh edit``, another tool), changes one
    of them.
    """
    record = step.record
    if record is None or step.actual_xml is None:
        return False
    return record.desired == digest(step.desired.model) and record.defined == digest(
        step.actual_xml
    )
