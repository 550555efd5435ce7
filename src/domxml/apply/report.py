"""Text and JSON output of plans, applies, removals and diffs, for the command line.

The JSON shapes are the reports of :mod:`domxml.apply.json_reports`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from domxml.apply.execute import CREATED, UPDATED, Result
from domxml.apply.plan import CONFLICT, CREATE, UNCHANGED, UPDATE, Plan
from domxml.apply.remove import ABSENT, REMOVED, Removal
from domxml.compare import Change

__all__ = ["format_diff", "format_plan", "format_removals", "format_result", "to_json"]

_MARKS = {
    CREATE: "+",
    CREATED: "+",
    UPDATE: "~",
    UPDATED: "~",
    UNCHANGED: "=",
    CONFLICT: "!",
    REMOVED: "-",
    ABSENT: "=",
}


#: What a plan says above the changes of a step unchanged by its last-applied record.
NOT_KEPT = "libvirt does not keep (as when domxml applied this document, so no change):"


def _changes(changes: Sequence[Change], indent: str = "      ") -> list[str]:
    return [indent + str(change) for change in changes]


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def format_plan(plan: Plan) -> str:
    """A plan, one line per object, with the field-level changes of updates."""
    lines = [f"plan for {plan.uri} (libvirt {plan.libvirt}):"]
    for step in plan.steps:
        lines.append(f"  {_MARKS[step.action]} {step.ref}: {step.action}")
        lines.extend(_changes(step.changes))
        if step.not_kept:
            lines.append(f"      {NOT_KEPT}")
            lines.extend(_changes(step.not_kept, "        "))
        lines.extend(f"      {note}" for note in step.notes)
    counts = [
        f"{plan.count(CREATE)} to create",
        f"{plan.count(UPDATE)} to update",
        f"{plan.count(UNCHANGED)} unchanged",
    ]
    if plan.count(CONFLICT):
        counts.append(f"{plan.count(CONFLICT)} in conflict")
    lines.append(f"{_plural(len(plan.steps), 'object')}: " + ", ".join(counts))
    return "\n".join(lines)


def format_result(result: Result) -> str:
    """What an apply did, one line per object; drift (what libvirt did not keep) below it."""
    if result.dry_run:
        return format_plan(result.plan) + "\n(dry run: nothing was applied)"
    if not result.changed and not any(o.drift for o in result.outcomes):
        return (
            f"nothing to do: {_plural(len(result.outcomes), 'object')} unchanged"
            f" ({result.plan.uri})"
        )
    lines = [f"applied to {result.plan.uri} (libvirt {result.plan.libvirt}):"]
    for outcome in result.outcomes:
        what = ", ".join([outcome.action, *outcome.notes])
        lines.append(f"  {_MARKS[outcome.action]} {outcome.step.ref}: {what}")
        lines.extend(_changes(outcome.step.changes))
        if outcome.drift:
            again = (
                "recorded: a plan says unchanged until the document or the object changes"
                if outcome.record is not None
                else "a plan will show this again"
            )
            lines.append(f"      libvirt did not keep all of it ({again}):")
            lines.extend(_changes(outcome.drift, "        "))
    created = sum(1 for o in result.outcomes if o.action == CREATED)
    updated = sum(1 for o in result.outcomes if o.action == UPDATED)
    unchanged = sum(1 for o in result.outcomes if o.action == UNCHANGED)
    lines.append(f"{created} created, {updated} updated, {unchanged} unchanged")
    return "\n".join(lines)


def format_removals(removals: Sequence[Removal]) -> str:
    """What a removal did, one line per object."""
    lines = []
    for removal in removals:
        what = ", ".join([removal.action, *removal.notes])
        lines.append(f"  {_MARKS[removal.action]} {removal.ref}: {what}")
    removed = sum(1 for r in removals if r.action == REMOVED)
    lines.append(f"{removed} removed, {len(removals) - removed} absent")
    return "\n".join(lines)


def format_diff(changes: Sequence[Change], desired: str, actual: str) -> str:
    """A diff: the two sides' names, then one line per change."""
    if not changes:
        return f"no differences between {desired} and {actual}"
    lines = [f"--- {actual}", f"+++ {desired}"]
    lines.extend(str(change) for change in changes)
    return "\n".join(lines)


def to_json(data: Any) -> str:
    """JSON output: indented, keys in the order given."""
    return json.dumps(data, indent=2)
