"""The JSON form of plans, applies, removals and diffs (``--format json``), with dataclasses-json.

Each report is a flat dataclass whose fields are the JSON keys, in their
order; dataclasses-json (``DataClassJsonMixin``) turns it into JSON-ready
data (``to_dict()``) or text (``to_json()``), the changes and the
last-applied record nested as theirs. The ``as_dict()`` of
:class:`~domxml.apply.plan.Plan`, :class:`~domxml.apply.plan.Step`,
:class:`~domxml.apply.execute.Result`, :class:`~domxml.apply.execute.Outcome`
and :class:`~domxml.apply.remove.Removal` are these reports' ``to_dict()``.
``docs/apply.md`` shows the shapes; ``tests/test_apply_json.py`` holds them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import TYPE_CHECKING

from dataclasses_json import DataClassJsonMixin

from domxml.apply.record import Record
from domxml.compare import Change

if TYPE_CHECKING:
    from domxml.apply.execute import Outcome, Result
    from domxml.apply.plan import Plan, Step
    from domxml.apply.remove import Removal

__all__ = [
    "DiffReport",
    "OutcomeReport",
    "PlanReport",
    "RemovalReport",
    "RemovalsReport",
    "ResultReport",
    "StepReport",
]


@dataclasses.dataclass
class StepReport(DataClassJsonMixin):
    """One object of a plan: what applying its document does."""

    #: The object as the command line names it: ``volume:POOL/NAME``.
    object: str
    kind: str
    name: str
    #: The document's file (``-``: standard input; None: a model or XML text).
    file: str | None
    #: ``create``, ``update``, ``unchanged`` or ``conflict``.
    action: str
    #: An update that deletes the object and creates it again (the notes say why).
    recreate: bool
    changes: list[Change]
    #: What libvirt did not keep when this document was applied (see the record).
    not_kept: list[Change]
    notes: list[str]

    @classmethod
    def of(cls, step: Step) -> StepReport:
        """The report of a plan's step."""
        ref = step.ref
        return cls(
            ref.spec,
            ref.kind,
            ref.name,
            step.desired.filename,
            step.action,
            step.recreate,
            list(step.changes),
            list(step.not_kept),
            list(step.notes),
        )


@dataclasses.dataclass
class PlanReport(DataClassJsonMixin):
    """A plan: its connection, its steps and how many of each action."""

    uri: str
    libvirt: str
    steps: list[StepReport]
    #: How many steps of each action: ``create``, ``update``, ``unchanged``, ``conflict``.
    summary: dict[str, int]

    @classmethod
    def of(cls, plan: Plan, actions: Sequence[str]) -> PlanReport:
        """The report of ``plan``, its summary counting ``actions``."""
        steps = [StepReport.of(step) for step in plan.steps]
        return cls(plan.uri, plan.libvirt, steps, {a: plan.count(a) for a in actions})


@dataclasses.dataclass
class OutcomeReport(DataClassJsonMixin):
    """One object of an apply: its step's report, what was done, what libvirt did not keep."""

    object: str
    kind: str
    name: str
    file: str | None
    #: ``created``, ``updated`` or ``unchanged`` (``create``... for a dry run).
    action: str
    #: Whether the object was deleted and created again (its step's ``recreate``).
    recreate: bool
    changes: list[Change]
    not_kept: list[Change]
    #: The step's notes, then what else was done (started, set to autostart...).
    notes: list[str]
    #: What libvirt dropped or changed from the document.
    drift: list[Change]
    #: The last-applied record written (its digests), or None.
    record: Record | None

    @classmethod
    def of(cls, outcome: Outcome) -> OutcomeReport:
        """The report of what applying one document did."""
        step = outcome.step
        ref = step.ref
        return cls(
            object=ref.spec,
            kind=ref.kind,
            name=ref.name,
            file=step.desired.filename,
            action=outcome.action,
            recreate=step.recreate,
            changes=list(step.changes),
            not_kept=list(step.not_kept),
            notes=step.notes + outcome.notes,
            drift=list(outcome.drift),
            record=outcome.record,
        )


@dataclasses.dataclass
class ResultReport(DataClassJsonMixin):
    """What an apply did, object by object."""

    uri: str
    libvirt: str
    dry_run: bool
    changed: bool
    objects: list[OutcomeReport]

    @classmethod
    def of(cls, result: Result) -> ResultReport:
        """The report of an apply."""
        plan = result.plan
        objects = [OutcomeReport.of(o) for o in result.outcomes]
        return cls(plan.uri, plan.libvirt, result.dry_run, result.changed, objects)


@dataclasses.dataclass
class RemovalReport(DataClassJsonMixin):
    """What removing one object did: ``removed`` or ``absent``."""

    object: str
    action: str
    notes: list[str]

    @classmethod
    def of(cls, removal: Removal) -> RemovalReport:
        """The report of one removal."""
        return cls(removal.ref.spec, removal.action, list(removal.notes))


@dataclasses.dataclass
class RemovalsReport(DataClassJsonMixin):
    """What ``domxml remove`` did."""

    objects: list[RemovalReport]


@dataclasses.dataclass
class DiffReport(DataClassJsonMixin):
    """``domxml diff``: the two sides as named on the command line, and the changes."""

    desired: str
    actual: str
    changes: list[Change]
