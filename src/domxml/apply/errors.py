"""The apply layer's errors: all :class:`~domxml.DomxmlError` subclasses."""

from __future__ import annotations

from collections.abc import Sequence

from domxml.errors import DomxmlError

__all__ = ["ApplyError", "InvalidInputError", "LibvirtMissingError"]


class ApplyError(DomxmlError):
    """Planning, applying or removing failed.

    ``applied`` lists the objects (``domain web01``...) that were changed
    before the failure, in order (nothing else was); it is ``None`` for a
    failure before anything could change.
    """

    def __init__(
        self,
        message: str,
        *,
        applied: Sequence[str] | None = None,
        filename: str | None = None,
        path: str | None = None,
    ) -> None:
        super().__init__(message, filename=filename, path=path)
        #: What was changed before the failure; None where nothing could have been.
        self.applied = None if applied is None else list(applied)

    def __str__(self) -> str:
        text = super().__str__()
        if self.applied:
            text += "\nchanged before the failure: " + ", ".join(self.applied)
        elif self.applied is not None:
            text += "\nnothing was changed"
        return text


class InvalidInputError(ApplyError):
    """An input document is invalid: nothing was defined."""


class LibvirtMissingError(ApplyError):
    """The libvirt Python binding (libvirt-python) is not installed."""
