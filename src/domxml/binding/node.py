"""What a parsed model remembers of its source element, beyond typed values.

A :class:`Node` is kept on each parsed model instance (as ``_xml``, outside
the dataclass fields, so it takes no part in equality or repr). It holds the
source's attribute order and written forms, the order of child elements,
and everything the declaration does not know: unknown attributes, elements,
text, comments and processing instructions, in their original position.

It also says where the element stood in its source text (``pos``, and
the root's ``source``, see :mod:`domxml.binding.source`) and whether the program changed
it (``dirty``): an element that is not dirty is written back as its exact
source text.
"""

from __future__ import annotations

import copyreg
import sys
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, Generic, TypeVar, overload

from lxml import etree

from domxml.safe_xml import safe_parser

if TYPE_CHECKING:
    from domxml.binding.source import Source


class Text(str):
    """Text content that no typed field holds, kept in its position."""

    __slots__ = ()


T = TypeVar("T")


class _Rare(Generic[T]):
    """An attribute of :class:`Node` that few elements set.

    It reads as its default until set; once set it is kept in the node's
    ``rare`` dict, so that elements without one carry no room for it.
    """

    __slots__ = ("default", "name")

    def __init__(self, default: T) -> None:
        self.default = default
        self.name = ""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, node: None, owner: type) -> _Rare[T]: ...
    @overload
    def __get__(self, node: Node, owner: type | None = None) -> T: ...
    def __get__(self, node: Node | None, owner: type | None = None) -> T | _Rare[T]:
        if node is None:
            return self
        rare = node.rare
        if rare is None:
            return self.default
        value: T = rare.get(self.name, self.default)
        return value

    def __set__(self, node: Node, value: T) -> None:
        if node.rare is None:
            node.rare = {}
        node.rare[self.name] = value


class Node:
    """Source bookkeeping of one parsed element.

    ``attrs``: the name and raw text of every attribute in source order,
    flat (``name, raw, name, raw, ...``: no tuple per attribute; see
    :func:`attr_pairs`), a tuple once read from XML, names as lxml gives
    them (``{ns}local`` for a namespaced one, see ``names``).
    ``bad``: names of typed attributes whose text the codec refused.
    ``items``: the element's content in source order: a field name (one
    occurrence of a child model), a ``(field name, raw, value)`` tuple (one
    leaf element), an lxml node (unknown element, comment or PI) or a
    :class:`Text` (a tuple once read from XML).
    ``parent``: the node of the element this one was parsed in; a change
    marks this node and its parents (see :func:`mark`).
    """

    # What every parsed element sets is a slot; what few set is kept in the
    # ``rare`` dict once set (see _Rare): a parsed element costs 80 bytes,
    # where an instance dict of everything cost 128.
    __slots__ = ("attrs", "items", "parent", "pos", "rare", "text")

    prefix: _Rare[str | None] = _Rare(None)
    nsdecl: _Rare[list[tuple[str | None, str]]] = _Rare([])  # shared default, never mutated
    mixed: _Rare[bool] = _Rare(False)
    #: Set once the program changed this element or anything inside it.
    dirty: _Rare[bool] = _Rare(False)
    bad: _Rare[frozenset[str]] = _Rare(frozenset())
    #: Written prefix:local of {ns}local names.
    names: _Rare[dict[str, str] | None] = _Rare(None)
    #: The source text of a document's root (see :func:`source_of`).
    source: _Rare[Source | None] = _Rare(None)
    #: lxml elements of an any_elements() field with their text when parsed:
    #: they can change without the models knowing.
    held: _Rare[list[tuple[Any, bytes]] | None] = _Rare(None)

    def __init__(
        self,
        attrs: Sequence[str],
        items: list[Any],
        parent: Node | None = None,
        pos: int = -1,
    ) -> None:
        self.attrs = attrs
        self.items = items
        self.parent = parent
        #: The element's index among its document's elements in document
        #: order (-1: none, for one rebuilt from JSON).
        self.pos = pos
        #: The element's own text and the value it reads as, if any.
        self.text: tuple[str, Any] | None = None
        self.rare: dict[str, Any] | None = None


def attr_pairs(node: Node) -> Iterator[tuple[str, str]]:
    """``(name, raw text)`` of each attribute of ``node``, in source order."""
    flat = iter(node.attrs)
    return zip(flat, flat, strict=True)


def flat_attrs(pairs: Sequence[tuple[str, str]]) -> tuple[str, ...]:
    """Attribute pairs as :attr:`Node.attrs` holds them: names and short values interned.

    lxml makes a string of each name and value of every element, and most
    are the same few words (``type``, ``pci``, ``0x00``, ``yes``).
    """
    return tuple([part for name, raw in pairs for part in (sys.intern(name), short(raw))])


#: Texts shorter than this are interned by :func:`short`.
SHORT = 16


def short(text: str) -> str:
    """``text`` interned when short: a word many elements share, not a path or a UUID."""
    return sys.intern(text) if len(text) < SHORT else text


def raw_of(node: Node, name: str) -> str | None:
    """The raw text of attribute ``name`` (as lxml names it) of ``node``, or None."""
    attrs = node.attrs
    for i in range(0, len(attrs), 2):
        if attrs[i] == name:
            return attrs[i + 1]
    return None


def source_of(node: Node) -> Source | None:
    """The source text ``node`` was parsed from: its root's."""
    while node.parent is not None:
        node = node.parent
    return node.source


def left_as_parsed(node: Node) -> bool:
    """Whether the program left the element of ``node`` as parsed (``not node.dirty``).

    Most nodes have no rare attribute set, which says so without the
    descriptor: the writers ask this of every element.
    """
    return node.rare is None or not node.dirty


def mark(node: Node | None) -> None:
    """Record that the element of ``node`` changed, and so every element around it.

    A node is dirty only with all its parents dirty, so the walk stops at
    the first one already marked.
    """
    while node is not None and not node.dirty:
        node.dirty = True
        node = node.parent


def held_changed(node: Node) -> bool:
    """Whether an lxml element of ``node``'s any_elements() field changed since parsing."""
    if node.held is None:
        return False
    return any(etree.tostring(el, with_tail=False) != text for el, text in node.held)


# Pickling what a model holds of lxml's: lxml's nodes do not pickle, and a
# parsed document holds some (unknown elements, comments, PIs, any_elements()
# content). Each is pickled as its XML text and comes back as a node of its
# own (detached from the tree it was in). Only pickle consults these; copies
# use lxml's own __deepcopy__.


def _element(text: bytes) -> Any:
    return etree.fromstring(text, safe_parser())


def _comment(text: str | None) -> Any:
    return etree.Comment(text)


def _instruction(target: str, text: str | None) -> Any:
    return etree.ProcessingInstruction(target, text or "")


def _reduce_element(el: Any) -> tuple[Any, tuple[Any, ...]]:
    return _element, (etree.tostring(el, with_tail=False),)


def _reduce_comment(el: Any) -> tuple[Any, tuple[Any, ...]]:
    return _comment, (el.text,)


def _reduce_instruction(el: Any) -> tuple[Any, tuple[Any, ...]]:
    return _instruction, (str(el.target), el.text)


copyreg.pickle(etree._Element, _reduce_element)
copyreg.pickle(etree._Comment, _reduce_comment)
copyreg.pickle(etree._ProcessingInstruction, _reduce_instruction)


class DocumentInfo:
    """What lies outside the root element: XML declaration, comments, PIs."""

    __slots__ = ("declaration", "epilog", "filename", "holders", "prolog", "source")

    def __getstate__(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.__slots__}

    def __setstate__(self, state: dict[str, Any]) -> None:
        for name, value in state.items():
            setattr(self, name, value)

    def __init__(self) -> None:
        self.declaration: str | None = None
        # Tuples, the empty one shared: most documents have neither.
        self.prolog: tuple[Any, ...] = ()
        self.epilog: tuple[Any, ...] = ()
        self.filename: str | None = None
        #: The source text, with where each element stands in it.
        self.source: Source | None = None
        #: Nodes whose any_elements() content is to be compared with the
        #: source before writing (see :func:`held_changed`).
        self.holders: Sequence[Node] = ()


class Fields(dict[str, Any]):
    """The instance dict of a parsed model of many fields: only what it holds.

    A model of more than 28 fields (with its ``_xml``, more instance
    attributes than CPython shares the keys of between instances; see
    ``spec.SHARED_KEYS_MAX``) is read into one of these with its absent fields
    left out: each is None as a class attribute, and reads as None here
    too. Most fields of such an element are absent, so its dict is a few
    entries rather than dozens of ``None``, and the collector visits fewer.
    """

    __slots__ = ()

    def __missing__(self, key: str) -> None:
        return None


NODE_ATTR = "_xml"
DOC_ATTR = "_xmldoc"


def node_of(obj: object) -> Node | None:
    """The source bookkeeping of a parsed model, or None for one built in code."""
    node: Node | None = getattr(obj, NODE_ATTR, None)
    return node
