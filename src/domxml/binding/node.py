"""What a parsed model remembers of its source element, beyond typed values.

A :class:`Node` is kept on each parsed model instance (as ``_xml``, outside
the dataclass fields, so it takes no part in equality or repr). It holds the
source's attribute order and written forms, the order of child elements,
and everything the declaration does not know: unknown attributes, elements,
text, comments and processing instructions, in their original position.
"""

from __future__ import annotations

from typing import Any


class Text(str):
    """Text content that no typed field holds, kept in its position."""

    __slots__ = ()


class Node:
    """Source bookkeeping of one parsed element.

    ``attrs``: ``(written name, raw text, value at parse or UNKNOWN)``.
    ``items``: the element's content in source order: a field name (one
    occurrence of a child model), a ``(field name, raw, value)`` tuple (one
    leaf element), an lxml node (unknown element, comment or PI) or a
    :class:`Text`.
    """

    __slots__ = ("attrs", "items", "mixed", "nsdecl", "prefix", "text")

    def __init__(self) -> None:
        self.attrs: list[tuple[str, str, Any]] = []
        self.items: list[Any] = []
        self.text: tuple[str, Any] | None = None
        self.prefix: str | None = None
        self.nsdecl: list[tuple[str | None, str]] = []
        self.mixed = False


class DocumentInfo:
    """What lies outside the root element: XML declaration, comments, PIs."""

    __slots__ = ("declaration", "epilog", "filename", "prolog")

    def __init__(self) -> None:
        self.declaration: str | None = None
        self.prolog: list[Any] = []
        self.epilog: list[Any] = []
        self.filename: str | None = None


NODE_ATTR = "_xml"
DOC_ATTR = "_xmldoc"


def node_of(obj: object) -> Node | None:
    """The source bookkeeping of a parsed model, or None for one built in code."""
    node: Node | None = obj.__dict__.get(NODE_ATTR)
    return node
