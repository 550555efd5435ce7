"""What a newer libvirt accepts: said on each error a newer known schema set does not make.

A document checked against libvirt 9.0.0's schemas may use what only a
newer libvirt knows (``<launchSecurity type='tdx'>``, a 12.9.0 attribute).
The error is right for 9.0.0, but "not allowed" alone sends the user
looking for a typo. So an invalid document is checked again against each
newer schema set found (imported ones, ``$DOMXML_SCHEMA_PATH``'s), oldest
first; each error none of them makes at the same place says, after its
message, which libvirt accepts it::

    element <hwuuid> is not allowed in <domain>: needs libvirt newer than
    9.0.0 (accepted by 12.9.0); this check used 9.0.0

Only invalid documents pay for this, and only when newer sets exist.
"""

from __future__ import annotations

from collections.abc import Sequence

from domxml.validation.kinds import Kind
from domxml.validation.result import INVALID, Issue, Report
from domxml.validation.schemas import SchemaSet, find_schema_sets

__all__ = ["newer_sets", "with_newer_hints"]


def newer_sets(schema_set: SchemaSet) -> list[SchemaSet]:
    """The schema sets found of versions newer than ``schema_set``'s, oldest first, one each."""
    if schema_set.version is None:
        return []
    by_version: dict[tuple[int, int, int], SchemaSet] = {}
    for found in find_schema_sets():
        if found.version is not None and found.version > schema_set.version:
            by_version.setdefault(found.version, found)
    return [by_version[v] for v in sorted(by_version)]


def with_newer_hints(
    report: Report,
    data: bytes,
    schema_set: SchemaSet,
    newer: Sequence[SchemaSet],
    kind: Kind | None = None,
) -> Report:
    """``report``, each error a newer set in ``newer`` does not make saying so.

    ``data`` is the document ``report`` is about, checked against
    ``schema_set``; ``kind`` the kind forced on it, if any.
    """
    if report.status != INVALID or not newer or report.kind is None:
        return report
    from domxml.validation.engine import validator_for

    pending = {issue.path for issue in report.errors if issue.path}
    accepted: dict[str, str] = {}
    for candidate in newer:
        if not pending:
            break
        if report.kind not in {k.name for k in candidate.kinds()}:
            continue
        other = validator_for(candidate, kind).check(data, report.filename)
        still = {issue.path for issue in other.errors}
        for path in list(pending):
            if path not in still and not any(p.startswith(path + "/") for p in still):
                accepted[path] = candidate.label
                pending.discard(path)
    if not accepted:
        return report
    used = schema_set.label
    errors = tuple(
        _hinted(issue, used, accepted[issue.path]) if issue.path in accepted else issue
        for issue in report.errors
    )
    return report._replace(errors=errors)


def _hinted(issue: Issue, used: str, newer: str) -> Issue:
    note = f"needs libvirt newer than {used} (accepted by {newer}); this check used {used}"
    # A near miss ("did you mean <uuid>?") is no help for a name a newer libvirt knows.
    base = issue.message.split("; did you mean", 1)[0]
    return issue._replace(message=f"{base}: {note}")
