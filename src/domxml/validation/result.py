"""What validating a document gives: a :class:`Report` holding :class:`Issue` s."""

from __future__ import annotations

from typing import NamedTuple

__all__ = ["ERROR", "INVALID", "RULES", "VALID", "Issue", "Report"]

VALID = "valid"
INVALID = "invalid"
ERROR = "error"
"""A document's status: it validates; it does not; it could not be checked
(unreadable, or no schema for its kind in the set)."""

RULES: dict[str, str] = {
    "attribute-not-allowed": "An attribute that is not allowed on this element",
    "invalid-attribute-value": "An attribute value that is not allowed",
    "element-not-allowed": "An element that is not allowed here",
    "missing-element": "A required element is missing",
    "missing-attribute": "A required attribute is missing",
    "invalid-value": "Element text that is not an allowed value",
    "text-not-allowed": "Text where only elements are allowed",
    "schema-violation": "The schema rejects the document (libxml2's report)",
    "not-well-formed": "The document is not well-formed, safe XML",
    "unknown-document-type": "The root element is not one libvirt has a schema for",
    "schema-unavailable": "The schema set has no schema for this kind of document",
    "unreadable": "The file cannot be read",
}
"""Every rule an issue can report, with a one-line description."""


class Issue(NamedTuple):
    """One error in a document, at the node at fault."""

    line: int | None
    """Line of the node at fault, from 1 (``None`` when unknown)."""
    column: int | None
    """Column (in characters, from 1) of the node at fault."""
    path: str
    """XPath-like location: ``/domain/devices/disk[1]/target/@buss``."""
    message: str
    """What is wrong, in plain words."""
    hint: str
    """What would be right: a near-miss name, allowed names or values."""
    rule: str
    """Which kind of error (a key of :data:`RULES`)."""
    allowed: tuple[str, ...] = ()
    """Every name or value allowed at that point, when the schema lists them."""
    level: str = "error"
    """``error``, or ``warning`` for a lint finding (see :mod:`~domxml.validation.lint`)."""

    def __str__(self) -> str:
        where = ":".join(str(part) for part in (self.line, self.column) if part is not None)
        head = f"{self.level}: {self.message}"
        return f"{where}: {head}" if where else head


class Report(NamedTuple):
    """The outcome of validating one document."""

    filename: str | None
    """The file name (``-`` for standard input; ``None`` for text or bytes)."""
    kind: str | None
    """The document kind (``domain``, ``network``...), ``None`` if not recognised."""
    libvirt: str | None
    """The libvirt version of the schema set used (``unknown`` if not known)."""
    status: str
    """:data:`VALID`, :data:`INVALID` or :data:`ERROR`."""
    errors: tuple[Issue, ...] = ()
    """The errors found, in document order; empty when valid."""
    warnings: tuple[Issue, ...] = ()
    """Lint findings (level ``warning``); with ``strict`` they are errors instead."""

    @property
    def ok(self) -> bool:
        """Whether the document is valid."""
        return self.status == VALID
