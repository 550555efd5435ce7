"""Looking into models generically: the binding's API for code that walks any model.

A walk over models of any kind (the semantic diff, :mod:`domxml.compare`)
reads each class's declaration (:func:`spec_of`: its attributes, text and
child fields, in libvirt's order) and, for a parsed model, what its source
held that no typed field does. This module is that API; the bookkeeping a
parsed model carries (:mod:`domxml.binding.node`) stays the binding's own.
"""

from __future__ import annotations

from typing import Any, NamedTuple, TypeVar

from lxml import etree

from domxml.binding.declare import Kind, Model
from domxml.binding.node import Node, attr_pairs, node_of, raw_of
from domxml.binding.pending import settle
from domxml.binding.spec import ClassSpec, FieldSpec, spec_of
from domxml.binding.writer import reset_scope, write_model

__all__ = [
    "ClassSpec",
    "FieldSpec",
    "Kind",
    "Unknown",
    "as_variant",
    "blank",
    "element_xml",
    "field_value",
    "raw_attribute",
    "raw_text",
    "spec_of",
    "unknown_content",
]

M = TypeVar("M", bound=Model)


class Unknown(NamedTuple):
    """What a parsed element holds that no typed field of its class does."""

    #: Attributes by written name (``prefix:local`` for a namespaced one): raw text.
    attributes: dict[str, str]
    #: Child elements the models do not know, as lxml parsed them.
    elements: list[etree._Element]
    #: Text between child elements (mixed content), as written.
    texts: list[str]


def field_value(obj: Model, f: FieldSpec) -> Any:
    """The value of field ``f`` of ``obj``, without making anything.

    A parsed model holds no list for a repeated field it has no item of
    (asking the attribute makes one): here that is an empty list, not kept.
    """
    settle(obj)
    value = obj.__dict__.get(f.py)
    if value is None and f.many:
        return []
    return value


def raw_attribute(obj: Model, f: FieldSpec) -> str | None:
    """The source text of attribute field ``f`` when its codec could not read it, else None.

    Such a value stays None in the field and is written back as it was.
    """
    node = node_of(obj)
    if node is None or f.qname not in node.bad:
        return None
    return raw_of(node, f.qname)


def raw_text(obj: Model) -> str | None:
    """The element's own text as the source wrote it (None: none, or a model built in code)."""
    node = node_of(obj)
    return None if node is None or node.text is None else node.text[0]


def unknown_content(obj: Model) -> Unknown:
    """The attributes, elements and text of a parsed element that its class does not declare."""
    node: Node | None = node_of(obj)
    if node is None:
        return Unknown({}, [], [])
    declared = spec_of(type(obj)).attrs
    names = node.names or {}
    attributes = {names.get(n, n): raw for n, raw in attr_pairs(node) if n not in declared}
    elements: list[etree._Element] = []
    texts: list[str] = []
    for item in node.items:
        if isinstance(item, str):
            if type(item) is not str:  # Text: mixed content (a field name is a plain str)
                texts.append(item)
        elif isinstance(item, etree._Element) and isinstance(item.tag, str):
            elements.append(item)
    return Unknown(attributes, elements, texts)


def element_xml(obj: Model, local: str | None = None) -> str:
    """``obj``'s element on its own, in libvirt's layout.

    ``local`` is its name where the field holding it renames it.
    """
    out: list[str] = []
    reset_scope([])
    write_model(obj, out, "", True, local)
    return "".join(out)


def blank(cls: type[M]) -> M:
    """An instance of ``cls`` with no values at all, required ones included."""
    spec = spec_of(cls)
    obj = cls.__new__(cls)
    obj.__dict__.update(spec.blank)
    for name in spec.lists:
        obj.__dict__[name] = []
    return obj


def as_variant(obj: Model, cls: type[M]) -> M:
    """A view of ``obj`` as an instance of its subclass ``cls``: its values, the others absent.

    The view shares ``obj``'s values; it is for reading.
    """
    spec = spec_of(cls)
    settle(obj)  # its pending fields read: the view copies its instance dict
    view: Any = object.__new__(cls)
    view.__dict__.update(spec.blank)
    view.__dict__.update({name: [] for name in spec.lists})
    view.__dict__.update(obj.__dict__)
    result: M = view
    return result
