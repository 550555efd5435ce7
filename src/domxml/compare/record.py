"""domxml's last-applied record, as comparisons see it: an element that never counts.

:mod:`domxml.apply` leaves a record of what it applied in the ``<metadata>``
of each domain and network it defines (:mod:`domxml.apply.record` writes and
reads it). It is domxml's bookkeeping, not part of any document: the diff
leaves it out, and a ``<metadata>`` holding only the record is the same as
none.
"""

from __future__ import annotations

from typing import Any

__all__ = ["NAMESPACE", "PREFIX", "TAG", "is_record"]

#: The namespace of the record element: an identifier, versioned, never fetched.
NAMESPACE = "https://domxml.dev/xmlns/applied/1"
#: The prefix the record is written with.
PREFIX = "domxml"
#: The record element's local name.
TAG = "applied"
_QNAME = f"{{{NAMESPACE}}}{TAG}"


def is_record(el: Any) -> bool:
    """Whether an lxml element is domxml's record."""
    return getattr(el, "tag", None) == _QNAME
