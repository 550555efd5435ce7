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

    ``attrs``: ``(name, raw text)`` of every attribute in source order, names
    as lxml gives them (``{ns}local`` for a namespaced one, see ``names``).
    ``bad``: names of typed attributes whose text the codec refused.
    ``items``: the element's content in source order: a field name (one
    occurrence of a child model), a ``(field name, raw, value)`` tuple (one
    leaf element), an lxml node (unknown element, comment or PI) or a
    :class:`Text`.
    """

    # Rarely set, so class-level defaults keep a parsed element cheap.
    text: tuple[str, Any] | None = None
    prefix: str | None = None
    nsdecl: list[tuple[str | None, str]] = []  # shared default, never mutated
    mixed = False
    bad: frozenset[str] = frozenset()
    names: dict[str, str] | None = None  # written prefix:local of {ns}local names

    def __init__(self, attrs: list[tuple[str, str]], items: list[Any]) -> None:
        self.attrs = attrs
        self.items = items


class DocumentInfo:
    """What lies outside the root element: XML declaration, comments, PIs."""

    __slots__ = ("anything", "declaration", "epilog", "filename", "generation", "prolog", "source")

    def __init__(self) -> None:
        self.declaration: str | None = None
        self.prolog: list[Any] = []
        self.epilog: list[Any] = []
        self.filename: str | None = None
        #: The source text, returned as it is while nothing has changed.
        self.source: str | None = None
        #: The change generation (domxml.binding.changes) at parse time.
        self.generation = -1
        #: lxml elements held by any_elements() fields, with their text at
        #: parse time: they can change without the models knowing.
        self.anything: list[tuple[Any, bytes]] = []


NODE_ATTR = "_xml"
DOC_ATTR = "_xmldoc"


def node_of(obj: object) -> Node | None:
    """The source bookkeeping of a parsed model, or None for one built in code."""
    node: Node | None = obj.__dict__.get(NODE_ATTR)
    return node
