"""Applying: define what the plan says, read it back, report what libvirt did not keep.

Every document is validated before anything is defined. Objects are
applied in dependency order (secrets, network filters, host interfaces,
networks and their ports, pools, volumes, domains, snapshots, checkpoints,
filter bindings); an update keeps the object's UUID, and one libvirt cannot
make in place deletes the object and creates it again. After each definition the
object is read back and compared with its document: what libvirt dropped
or changed, beyond what it generates, is reported (as an error with
``strict``, after putting the previous definition back). A domain or
network then gets a last-applied record in its ``<metadata>``
(:mod:`domxml.apply.record`), so that the next plan says ``unchanged`` for
what libvirt did not keep, as long as neither the document nor the object
changes. A failure says which objects were applied before it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from typing import Any

from domxml.apply.connection import libvirt_errors, libvirt_module
from domxml.apply.errors import ApplyError
from domxml.apply.json_reports import OutcomeReport, ResultReport
from domxml.apply.objects import Handler, handler_for, read_model
from domxml.apply.plan import CONFLICT, CREATE, UNCHANGED, UPDATE, Plan, Source, Step, plan
from domxml.apply.record import KINDS as RECORDED
from domxml.apply.record import Record, digest
from domxml.binding import parse_document, write_document
from domxml.compare import Change, diff

__all__ = ["CREATED", "STILL_RUNNING", "UPDATED", "Outcome", "Result", "apply"]

CREATED = "created"
UPDATED = "updated"

#: The note of a domain that was running when its definition changed.
STILL_RUNNING = (
    "still running with its previous definition: the new one applies from its next start"
    " (shut it down, then start it)"
)


@dataclasses.dataclass
class Outcome:
    """What applying one document did."""

    step: Step
    #: ``created``, ``updated`` or ``unchanged`` (``create``... for a dry run).
    action: str
    #: What libvirt dropped or changed from the document, beyond what it generates.
    drift: list[Change] = dataclasses.field(default_factory=list)
    #: What else was done or is worth knowing (started, set to autostart...).
    notes: list[str] = dataclasses.field(default_factory=list)
    #: The last-applied record written to the object (None: none written).
    record: Record | None = None

    @property
    def changed(self) -> bool:
        """Whether anything was done to the object."""
        return self.action in (CREATED, UPDATED) or any(
            n in ("started", "autostart set") for n in self.notes
        )

    def as_dict(self) -> dict[str, Any]:
        """The outcome as JSON-ready data (:class:`~domxml.apply.json_reports.OutcomeReport`)."""
        return OutcomeReport.of(self).to_dict()


@dataclasses.dataclass
class Result:
    """What an apply did, object by object."""

    plan: Plan
    outcomes: list[Outcome]
    dry_run: bool = False

    @property
    def changed(self) -> bool:
        return any(o.changed for o in self.outcomes)

    def as_dict(self) -> dict[str, Any]:
        """The result as JSON-ready data (:class:`~domxml.apply.json_reports.ResultReport`)."""
        return ResultReport.of(self).to_dict()


def apply(
    conn: Any,
    sources: Iterable[Source],
    *,
    start: bool = False,
    autostart: bool = False,
    strict: bool = False,
    dry_run: bool = False,
    pool: str | None = None,
    domain: str | None = None,
    network: str | None = None,
    secret_values: Mapping[str, bytes] | None = None,
) -> Result:
    """Make the objects of ``conn`` what ``sources`` say; a second run changes nothing.

    ``start`` starts domains, networks and pools that are not running (a
    ``dir`` pool's directory is made first); ``autostart`` makes them start
    on boot. ``strict`` makes it an error (after undoing that definition)
    when libvirt drops or changes anything of a document beyond what it
    generates, or when it did so at an earlier apply (an object the plan
    finds unchanged only by its last-applied record). ``dry_run`` plans only.
    ``secret_values`` sets secrets' values (see :func:`~domxml.apply.plan.load`).
    Raises
    :class:`~domxml.apply.InvalidInputError` (nothing applied) for an
    invalid document, and :class:`~domxml.apply.ApplyError` (with
    ``applied``) for any other failure.
    """
    the_plan = plan(
        conn, sources, pool=pool, domain=domain, network=network, secret_values=secret_values
    )
    conflicts = [s for s in the_plan.steps if s.action == CONFLICT]
    if conflicts:
        raise ApplyError(
            "cannot apply, so nothing was applied:\n  "
            + "\n  ".join(f"{s.ref}: {'; '.join(s.notes)}" for s in conflicts),
            applied=[],
        )
    if strict:
        not_kept = [s for s in the_plan.steps if s.not_kept]
        if not_kept:
            raise ApplyError(
                "libvirt does not keep all of it (--strict), so nothing was applied:\n  "
                + "\n  ".join(f"{s.ref}: {change}" for s in not_kept for change in s.not_kept),
                applied=[],
            )
    if dry_run:
        return Result(the_plan, [Outcome(s, s.action) for s in the_plan.steps], dry_run=True)
    outcomes: list[Outcome] = []
    applied: list[str] = []
    for step in the_plan.steps:
        try:
            outcome = _apply_step(
                conn, step, applied, start=start, autostart=autostart, strict=strict
            )
        except ApplyError as e:
            raise ApplyError(f"{step.ref}: {e.message}", applied=applied) from e
        except libvirt_module().libvirtError as e:
            raise ApplyError(f"{step.ref}: {e.get_error_message() or e}", applied=applied) from e
        outcomes.append(outcome)
    return Result(the_plan, outcomes)


def _apply_step(
    conn: Any, step: Step, applied: list[str], *, start: bool, autostart: bool, strict: bool
) -> Outcome:
    """Apply one step; add the object to ``applied`` as soon as anything is done to it."""
    handler = handler_for(step.ref.kind)
    # Whether a domain ran before its definition changed: it keeps running
    # with the old one (one this apply starts runs the new one).
    was_running = False
    if step.action == UNCHANGED:
        outcome = Outcome(step, UNCHANGED)
        obj = handler.lookup(conn, step.ref)
        if (
            obj is not None
            and step.ref.kind in RECORDED
            and step.actual_xml is not None
            and (step.record is None or step.record.document is None)
        ):
            # Defined by another tool (or an older domxml): nothing to change,
            # but from now on a removal from the document can be told from
            # what libvirt adds, so the record is written.
            obj, _ = _record(conn, handler, obj, outcome, step.actual_xml)
            if outcome.record is not None:
                outcome.notes.append("last-applied record written")
    else:
        if step.action == UPDATE and step.ref.kind == "domain":
            before = handler.lookup(conn, step.ref)
            was_running = before is not None and handler.is_active(before)
        obj, outcome = _define(conn, handler, step, strict, applied)
    if handler.startable and obj is not None:
        if start and not handler.is_active(obj):
            _mark(applied, step)
            handler.start(conn, obj)
            outcome.notes.append("started")
        if autostart and handler.set_autostart(obj):
            _mark(applied, step)
            outcome.notes.append("autostart set")
        if was_running and handler.is_active(obj):
            outcome.notes.append(STILL_RUNNING)
    return outcome


def _mark(applied: list[str], step: Step) -> None:
    if str(step.ref) not in applied:
        applied.append(str(step.ref))


def _define(
    conn: Any, handler: Handler, step: Step, strict: bool, applied: list[str]
) -> tuple[Any, Outcome]:
    model = handler.to_define(step)
    xml = write_document(model)
    notes: list[str] = []
    if step.recreate:
        old = handler.lookup(conn, step.ref)
        if old is not None:
            handler.delete(old)
            _mark(applied, step)
            notes.append("recreated")
        obj = handler.define(conn, step.ref, xml)
    elif step.action == UPDATE:
        obj = handler.update(conn, step, xml)
    else:
        obj = handler.define(conn, step.ref, xml)
    _mark(applied, step)
    stored, readback = read_model(handler, obj, step.ref)
    drift = diff(step.desired.model, readback)
    if drift and strict:
        handler.undo(conn, obj, step.actual_xml)
        applied.remove(str(step.ref))
        raise ApplyError(
            "libvirt did not keep all of it (--strict), so it was put back as it was:\n  "
            + "\n  ".join(str(c) for c in drift)
        )
    outcome = Outcome(step, CREATED if step.action == CREATE else UPDATED, drift, notes)
    outcome.notes.extend(handler.after(conn, obj, step))
    if step.ref.kind in RECORDED:
        obj, final = _record(conn, handler, obj, outcome, stored)
        if final != stored:
            # Defining again to write the record, libvirt rewrote more of its
            # own output (a console renumbered): what it keeps is the final one.
            outcome.drift = diff(step.desired.model, parse_document(final))
    return obj, outcome


def _record(
    conn: Any, handler: Handler, obj: Any, outcome: Outcome, stored: str
) -> tuple[Any, str]:
    """Leave the last-applied record in the object's ``<metadata>``.

    Returns the object (maybe anew) and the definition libvirt stores in the end.

    ``stored`` is the definition libvirt stored from the document. The
    record is checked by reading the definition back: should writing it
    have changed anything else (libvirt reading its own output otherwise,
    when the record is written by defining again), it is written once more
    with the digest of what libvirt has then. A libvirt that refuses the
    record leaves the object without one (the plan then compares as
    without records), which the outcome's notes say.
    """
    step = outcome.step
    record = Record.of(step.desired.model, stored)
    try:
        for _ in range(2):
            obj = handler.set_record(conn, obj, stored, record)
            with libvirt_errors(f"cannot read {step.ref}"):
                stored = handler.read(obj)
            outcome.record = record
            defined = digest(stored)
            if defined == record.defined:
                break
            record = dataclasses.replace(record, defined=defined)
    except libvirt_module().libvirtError as e:
        outcome.notes.append(f"no last-applied record: {e.get_error_message() or e}")
    return obj, stored
