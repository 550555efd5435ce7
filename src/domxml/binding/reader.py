"""Binding an lxml element tree to models."""

from __future__ import annotations

from typing import Any, cast

from lxml import etree

from domxml.binding.declare import Kind, Model
from domxml.binding.node import NODE_ATTR, Node, Text
from domxml.binding.spec import UNKNOWN, ClassSpec, spec_of

_ElementType = etree._Element


def written_name(el: etree._Element, name: str) -> str:
    """An attribute's ``{ns}local`` name in its written ``prefix:local`` form."""
    if name[0] != "{":
        return name
    uri, local = name[1:].split("}", 1)
    if uri == "http://www.w3.org/XML/1998/namespace":
        return f"xml:{local}"
    for prefix, known in el.nsmap.items():
        if known == uri and prefix is not None:
            return f"{prefix}:{local}"
    return local


def read(cls: type[Model], el: etree._Element) -> Model:
    """Bind ``el`` to a new instance of ``cls`` (or of its variant for ``el``)."""
    spec = spec_of(cls)
    decl = spec.decl
    if decl.discriminator is not None and decl.variants:
        chosen = decl.variants.get(el.get(decl.discriminator, ""))
        if chosen is not None:
            spec = spec_of(chosen)
    return _read(spec, el)


def _read(spec: ClassSpec, el: etree._Element) -> Model:
    obj = spec.cls.__new__(spec.cls)
    values: dict[str, Any] = obj.__dict__
    values.update(dict.fromkeys(spec.singles))
    for name in spec.lists:
        values[name] = []
    node = Node()
    values[NODE_ATTR] = node

    prefix = el.prefix
    if prefix is not None:
        node.prefix = prefix
    parent = el.getparent()
    nsmap = el.nsmap
    if nsmap:
        outer = parent.nsmap if parent is not None else {}
        node.nsdecl = [(p, uri) for p, uri in nsmap.items() if outer.get(p) != uri]

    attrs = node.attrs
    fields = spec.attrs
    # lxml gives str names and values for documents it decoded itself.
    for name, raw in cast(list[tuple[str, str]], el.items()):
        f = fields.get(name)
        if f is None:
            attrs.append((written_name(el, name), raw, UNKNOWN))
            continue
        try:
            value = f.codec.decode(raw)
        except ValueError:
            attrs.append((name, raw, UNKNOWN))
            continue
        values[f.py] = value
        attrs.append((name, raw, value))

    own = el.text
    text_field = spec.text
    has_children = len(el) > 0
    mixed = has_children and (
        (own is not None and not own.isspace() and text_field is None)
        or any(c.tail is not None and not c.tail.isspace() for c in el)
    )
    items = node.items
    if mixed:
        # Text between children that means something: keep every text node
        # verbatim and write no indentation of our own inside this element.
        node.mixed = True
        if own:
            items.append(Text(own))
    elif own is not None and (not has_children or not own.isspace()):
        if text_field is not None:
            try:
                value = text_field.codec.decode(own)
            except ValueError:
                value = UNKNOWN
            else:
                values[text_field.py] = value
            node.text = (own, value)
        elif not own.isspace():
            items.append(Text(own))
        else:
            node.text = (own, UNKNOWN)

    if has_children:
        elems = spec.elems
        anything = spec.any
        for c in el:
            tag = c.tag
            f = elems.get(tag) if type(tag) is str else None
            if f is None:
                if anything is not None and type(tag) is str:
                    values[anything.py].append(c)
                    items.append(anything.py)
                else:
                    items.append(c)
            elif f.kind is Kind.CHILD:
                item = read(f.model, c)  # type: ignore[arg-type]
                if f.many:
                    values[f.py].append(item)
                    items.append(f.py)
                elif values[f.py] is None:
                    values[f.py] = item
                    items.append(f.py)
                else:
                    items.append(c)
            else:
                leaf = _read_leaf(c, f.codec)
                if leaf is None or (not f.many and values[f.py] is not None):
                    items.append(c)
                else:
                    raw, value = leaf
                    if f.many:
                        values[f.py].append(value)
                    else:
                        values[f.py] = value
                    items.append((f.py, raw, value))
            if mixed and c.tail:
                items.append(Text(c.tail))
    return obj


def _read_leaf(c: etree._Element, codec: Any) -> tuple[str, Any] | None:
    """``(raw, value)`` of a text-only element, or None when it is more than that."""
    if c.attrib or len(c):
        return None
    raw = c.text or ""
    try:
        return raw, codec.decode(raw)
    except ValueError:
        return None
