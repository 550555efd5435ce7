"""One difference between two documents: :class:`Change`."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["ADD", "CHANGE", "REMOVE", "Change"]

ADD = "add"
REMOVE = "remove"
CHANGE = "change"


@dataclass(frozen=True)
class Change:
    """One difference: what applying the desired document does at ``path``.

    ``op`` is ``"add"`` (the desired side has it, the actual side not),
    ``"remove"`` (the other way round) or ``"change"``; ``desired`` and
    ``actual`` are the written forms (a value, or an element's XML on one
    line), ``None`` on the side that lacks it.
    """

    path: str
    op: str
    desired: str | None
    actual: str | None

    def __str__(self) -> str:
        if self.op == ADD:
            return f"+ {self.path}: {self.desired}"
        if self.op == REMOVE:
            return f"- {self.path}: {self.actual}"
        return f"~ {self.path}: {self.actual} -> {self.desired}"

    def as_dict(self) -> dict[str, str | None]:
        """The change as JSON-ready data."""
        return {"path": self.path, "op": self.op, "desired": self.desired, "actual": self.actual}
