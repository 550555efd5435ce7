"""Validation reports as text (for people), JSON, or SARIF 2.1.0 (for CI).

SARIF is what code-scanning views read (GitHub's among them): each error
becomes a *result* with a rule id, a message, and a physical location (file,
line, column), so the error shows on the right line of the right file.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from domxml.validation.result import ERROR, INVALID, RULES, VALID, Issue, Report

__all__ = ["FORMATS", "render", "summary", "to_json", "to_sarif", "to_text"]

FORMATS = ("text", "json", "sarif")

SARIF_SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
INFORMATION_URI = "https://libvirt.org/format.html"


def summary(reports: Sequence[Report], libvirt: str, basis: str = "") -> str:
    """``3 files checked against libvirt 11.3.0's schemas: 2 valid, 1 invalid``.

    ``basis`` says why that version when it was not asked for: ``(the host's
    libvirt)``, ``(the newest found)``, ``(the libvirt of qemu:///system)``.
    """
    counts = {status: 0 for status in (VALID, INVALID, ERROR)}
    for report in reports:
        counts[report.status] += 1
    files = "file" if len(reports) == 1 else "files"
    text = (
        f"{len(reports)} {files} checked against "
        + ("domxml's own grammar" if libvirt == "domxml" else f"libvirt {libvirt}'s schemas")
        + (f" ({basis})" if basis and basis != "asked for" else "")
        + f": {counts[VALID]} valid, {counts[INVALID]} invalid"
    )
    if counts[ERROR]:
        text += f", {counts[ERROR]} not checked"
    warnings = sum(len(report.warnings) for report in reports)
    if warnings:
        text += f"; {warnings} warning" + ("" if warnings == 1 else "s")
    return text


def _name(report: Report) -> str:
    return report.filename or "<input>"


def _text_issue(name: str, issue: Issue) -> str:
    where = ":".join(str(part) for part in (name, issue.line, issue.column) if part is not None)
    head = f"{where}: {issue.level}: {issue.message} [{issue.rule}]"
    details = [f"at {issue.path}"] if issue.path and issue.path != "/" else []
    shown = issue.hint.split(": ", 1)[-1]
    if issue.hint and shown not in issue.message:
        details.append(f"hint: {issue.hint}")
    return head + ("\n    " + "; ".join(details) if details else "")


def to_text(
    reports: Sequence[Report], libvirt: str, *, quiet: bool = False, basis: str = ""
) -> str:
    """``file:line:col: error: message`` per error or warning, then a summary unless ``quiet``."""
    lines = [_text_issue(_name(report), issue) for report in reports for issue in _issues(report)]
    if not quiet:
        lines.append(summary(reports, libvirt, basis))
    return "".join(line + "\n" for line in lines)


def _position(issue: Issue) -> tuple[int, int]:
    return (issue.line or 0, issue.column or 0)


def _issues(report: Report) -> tuple[Issue, ...]:
    """Errors in their order; with warnings, all of them in document order."""
    if not report.warnings:
        return report.errors
    return tuple(sorted(report.errors + report.warnings, key=_position))


def _rule_text(rule: str) -> str:
    if rule in RULES:
        return RULES[rule]
    from domxml.validation.lint import rule_description

    return rule_description(rule) or rule


def _file_dict(report: Report) -> dict[str, object]:
    item: dict[str, object] = {
        "file": report.filename,
        "kind": report.kind,
        "status": report.status,
        "valid": report.ok,
        "errors": [_issue_dict(issue) for issue in report.errors],
    }
    if report.warnings:
        item["warnings"] = [_issue_dict(issue) for issue in report.warnings]
    return item


def _issue_dict(issue: Issue) -> dict[str, object]:
    return {
        "line": issue.line,
        "column": issue.column,
        "path": issue.path,
        "rule": issue.rule,
        "message": issue.message,
        "hint": issue.hint,
        "allowed": list(issue.allowed),
    }


def to_json(
    reports: Sequence[Report],
    libvirt: str,
    schemas: str,
    note: str | None = None,
    basis: str = "",
) -> str:
    """The reports as one JSON document (see docs/validate.md for its shape).

    A file with lint findings has a ``warnings`` list beside ``errors``.
    """
    import json  # here: text, the default output, needs none of it

    counts = {status: 0 for status in (VALID, INVALID, ERROR)}
    for report in reports:
        counts[report.status] += 1
    document = {
        "libvirt": libvirt,
        "basis": basis or None,
        "schemas": schemas,
        "note": note,
        "files": [_file_dict(report) for report in reports],
        "summary": {"files": len(reports), **counts},
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _uri(name: str) -> tuple[str, str | None]:
    """A SARIF artifact URI for a file name, and its base id when relative."""
    if name == "-":
        return "stdin", None
    from urllib.parse import quote

    path = Path(name)
    if path.is_absolute():
        return path.as_uri(), None
    return quote(path.as_posix()), "SRCROOT"


def to_sarif(
    reports: Sequence[Report],
    libvirt: str,
    version: str,
    note: str | None = None,
    basis: str = "",
) -> str:
    """The reports as a SARIF 2.1.0 log with one run."""
    import json

    levels: dict[str, str] = {}
    for report in reports:
        for issue in report.errors + report.warnings:
            levels.setdefault(issue.rule, issue.level)
    used = sorted(levels)
    rules = [
        {
            "id": rule,
            "name": "".join(word.capitalize() for word in rule.split("-")),
            "shortDescription": {"text": _rule_text(rule)},
            "helpUri": INFORMATION_URI,
            "defaultConfiguration": {"level": levels[rule]},
        }
        for rule in used
    ]
    index = {rule: i for i, rule in enumerate(used)}
    results = []
    for report in reports:
        uri, base = _uri(_name(report))
        artifact: dict[str, object] = {"uri": uri}
        if base:
            artifact["uriBaseId"] = base
        for issue in report.errors + report.warnings:
            physical: dict[str, object] = {"artifactLocation": artifact}
            if issue.line is not None and issue.line > 0:
                region: dict[str, int] = {"startLine": issue.line}
                if issue.column is not None and issue.column > 0:
                    region["startColumn"] = issue.column
                physical["region"] = region
            location: dict[str, object] = {"physicalLocation": physical}
            if issue.path:
                location["logicalLocations"] = [
                    {"fullyQualifiedName": issue.path, "kind": "element"}
                ]
            text = issue.message
            if issue.hint and issue.hint.split(": ", 1)[-1] not in text:
                text += f" ({issue.hint})"
            results.append(
                {
                    "ruleId": issue.rule,
                    "ruleIndex": index[issue.rule],
                    "level": issue.level,
                    "message": {"text": text},
                    "locations": [location],
                }
            )
    run: dict[str, object] = {
        "tool": {
            "driver": {
                "name": "domxml",
                "version": version,
                "informationUri": INFORMATION_URI,
                "rules": rules,
            }
        },
        "originalUriBaseIds": {"SRCROOT": {"uri": Path(os.getcwd()).as_uri() + "/"}},
        "columnKind": "unicodeCodePoints",
        "results": results,
        "properties": {
            "libvirt": libvirt,
            **({"basis": basis} if basis else {}),
            **({"note": note} if note else {}),
        },
    }
    log = {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def render(
    fmt: str,
    reports: Sequence[Report],
    *,
    libvirt: str,
    schemas: str,
    version: str,
    note: str | None = None,
    quiet: bool = False,
    basis: str = "",
) -> str:
    """The reports in format ``fmt`` (one of :data:`FORMATS`); ``basis``: why that libvirt."""
    if fmt == "json":
        return to_json(reports, libvirt, schemas, note, basis)
    if fmt == "sarif":
        return to_sarif(reports, libvirt, version, note, basis)
    return to_text(reports, libvirt, quiet=quiet, basis=basis)
