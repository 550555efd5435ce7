"""Reporting what no typed field holds, and how much of a document is typed."""

from __future__ import annotations

from collections import Counter
from typing import Any

from lxml import etree

from domxml.binding.escape import written_name
from domxml.binding.node import NODE_ATTR, Node
from domxml.binding.order import FOREIGN, LEAF, MODEL, TEXT, ordered_content
from domxml.binding.pending import settle
from domxml.binding.spec import UNKNOWN, spec_of


def untyped(obj: Any) -> list[str]:
    """XPath-like locations of every attribute, element or text no typed field holds.

    A location ends in ``/@name`` for an attribute, ``/text()`` for text, or
    names an element; ``[n]`` tells apart elements of the same name.
    """
    found: list[str] = []
    _walk(obj, "/" + _tag(obj), found, None)
    return found


def value_counts(obj: Any) -> tuple[int, int]:
    """``(values, untyped values)``: attributes and non-blank texts in the document."""
    counts = [0, 0]
    _walk(obj, "", None, counts)
    return counts[0], counts[1]


def _tag(obj: Any, local: str | None = None) -> str:
    """The element's name as written: the source's prefix, or the declared one."""
    spec = spec_of(type(obj))
    local = local or spec.decl.tag
    node: Node | None = obj.__dict__.get(NODE_ATTR)
    if node is not None:
        return f"{node.prefix}:{local}" if node.prefix else local
    if spec.decl.prefix and spec.decl.ns:
        return f"{spec.decl.prefix}:{local}"
    return local


def _foreign_tag(el: etree._Element) -> str:
    return written_name(el, el.tag) if isinstance(el.tag, str) else ""


def _foreign_values(el: etree._Element) -> int:
    n = 0
    for e in el.iter():
        if not isinstance(e.tag, str):
            continue
        n += len(e.attrib)
        if e.text and not e.text.isspace():
            n += 1
        for c in e:
            if c.tail and not c.tail.isspace():
                n += 1
    return n


def _walk(obj: Any, path: str, found: list[str] | None, counts: list[int] | None) -> None:
    spec = spec_of(type(obj))
    settle(obj)
    node: Node | None = obj.__dict__.get(NODE_ATTR)
    d = obj.__dict__
    for f in spec.attr_list:
        if d.get(f.py) is not None and counts is not None:
            counts[0] += 1
    if spec.text is not None and d.get(spec.text.py) is not None and counts is not None:
        counts[0] += 1
    if node is not None:
        written = node.names or {}
        for name in node.attrs[::2]:
            known = spec.attrs.get(name)
            if known is None or (name in node.bad and d.get(known.py) is None):
                if found is not None:
                    found.append(f"{path}/@{written.get(name, name)}")
                if counts is not None:
                    counts[0] += 1
                    counts[1] += 1
        own = node.text
        if (
            own is not None
            and own[1] is UNKNOWN
            and not own[0].isspace()
            and (spec.text is None or d.get(spec.text.py) is None)
        ):
            if found is not None:
                found.append(f"{path}/text()")
            if counts is not None:
                counts[0] += 1
                counts[1] += 1
    content = ordered_content(obj, spec, node, False)
    names: list[str] = []
    for kind, f, payload in content:
        if kind == MODEL:
            names.append(_tag(payload, f.local))
        elif kind == LEAF:
            names.append(f.written)
        elif kind == FOREIGN:
            names.append(_foreign_tag(payload))
        else:
            names.append("text()")
    totals = Counter(names)
    seen: Counter[str] = Counter()
    for (kind, _f, payload), name in zip(content, names, strict=True):
        seen[name] += 1
        step = f"{path}/{name}[{seen[name]}]" if totals[name] > 1 else f"{path}/{name}"
        if kind == MODEL:
            _walk(payload, step, found, counts)
        elif kind == LEAF:
            if counts is not None and payload:
                counts[0] += 1
        elif kind == TEXT:
            if not payload.isspace():
                if found is not None:
                    found.append(step)
                if counts is not None:
                    counts[0] += 1
                    counts[1] += 1
        elif _f is not None:  # held by an any_elements() field: typed as "any XML"
            if counts is not None:
                counts[0] += _foreign_values(payload)
        elif name:  # a foreign element (comments and PIs hold no values)
            if found is not None:
                found.append(step)
            if counts is not None:
                n = _foreign_values(payload)
                counts[0] += n
                counts[1] += n
