"""Writing models as XML text in libvirt's layout.

Attributes are single-quoted and escaped as libvirt's ``virBufferEscapeString``
does; elements are indented by two spaces; an empty element is ``<x/>``
unless its model says otherwise. Unknown content is written as it was
parsed, with the quote style of the model that holds it.
"""

from __future__ import annotations

import threading
from typing import Any

from lxml import etree

from domxml.binding.node import NODE_ATTR, Node
from domxml.binding.order import FOREIGN, LEAF, MODEL, ordered_attrs, ordered_content
from domxml.binding.spec import spec_of
from domxml.errors import ModelError

# libvirt escapes all five XML specials, in attributes and text alike.
_TEXT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "'": "&apos;", '"': "&quot;"})
# In attributes, newline, tab and CR must be character references to survive.
_ATTR = str.maketrans(
    {
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        "'": "&apos;",
        '"': "&quot;",
        "\n": "&#10;",
        "\r": "&#13;",
        "\t": "&#9;",
    }
)
# libxml2's own serialiser (used by libvirt for <metadata>) escapes less.
_XML2_TEXT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})
_XML2_ATTR = str.maketrans(
    {
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        '"': "&quot;",
        "\n": "&#10;",
        "\r": "&#13;",
        "\t": "&#9;",
    }
)


def escape_text(value: str) -> str:
    """Escape element text as libvirt does."""
    return value.translate(_TEXT)


def escape_attr(value: str) -> str:
    """Escape an attribute value for single quotes, as libvirt does."""
    return value.translate(_ATTR)


def write_model(
    obj: Any,
    out: list[str],
    indent: str,
    libvirt: bool,
    local: str | None = None,
    nsdecl: list[tuple[str | None, str]] | None = None,
) -> None:
    """Append the XML of ``obj`` (without leading indentation) to ``out``.

    ``local`` is the element's local name when the parent's field renames it;
    ``nsdecl`` are namespace declarations to add (for a document's root).
    """
    spec = spec_of(type(obj))
    node: Node | None = obj.__dict__.get(NODE_ATTR)
    decl = spec.decl
    local = local or decl.tag
    declared = node.nsdecl if node is not None else []
    if nsdecl:
        declared = declared + nsdecl
    if node is not None:  # as parsed, with the source's prefix or none
        tag = f"{node.prefix}:{local}" if node.prefix else local
    elif decl.ns is not None:
        prefix, declare = _prefix_in_scope(decl.ns, decl.prefix)
        tag = f"{prefix}:{local}" if prefix else local
        if declare:
            declared = [*declared, (prefix, decl.ns)]
    else:
        tag = local
    scope = None
    if declared:
        scope = _scope()
        depth = len(scope)
        scope.extend(declared)
    out.append("<" + tag)
    try:
        attrs = ordered_attrs(obj, spec, node, libvirt)
        content = ordered_content(obj, spec, node, libvirt)
    except (TypeError, ValueError, AttributeError) as e:
        raise ModelError(f"cannot write <{tag}>: {e}") from e
    for name, value in attrs:
        out.append(f" {name}='{value.translate(_ATTR)}'")
    for prefix, uri in declared:
        name = f"xmlns:{prefix}" if prefix else "xmlns"
        out.append(f" {name}='{escape_attr(uri)}'")
    _write_content(obj, spec, node, content, out, tag, indent, libvirt)
    if scope is not None:  # an error leaves it to the next document's reset_scope()
        del scope[depth:]


def _write_content(
    obj: Any,
    spec: Any,
    node: Node | None,
    content: list[Any],
    out: list[str],
    tag: str,
    indent: str,
    libvirt: bool,
) -> None:
    decl = spec.decl
    text: str | None = None
    text_field = spec.text
    if text_field is not None:
        value = obj.__dict__[text_field.py]
        if value is not None:
            if node is not None and node.text is not None:
                raw, parsed = node.text
                same = value == parsed and type(value) is type(parsed)
                text = raw if same else text_field.codec.encode(value)
            else:
                text = text_field.codec.encode(value)
        elif node is not None and node.text is not None:
            text = node.text[0]
    elif node is not None and node.text is not None and not (libvirt and node.text[0].isspace()):
        text = node.text[0]  # unknown text of an element with no children
    if not content:
        if text is None or text == "":
            # A parsed element keeps its form; libvirt's form depends on the element.
            close = decl.self_close or (node is not None and not libvirt)
            out.append("/>" if close else f">\n{indent}</{tag}>")
        else:
            out.append(">" + text.translate(_TEXT) + f"</{tag}>")
        return
    out.append(">")
    if text:
        out.append(text.translate(_TEXT))
    quote = decl.foreign_quote
    # Text beside child elements: indenting would add to the text, so the
    # children follow it as they are (a parsed mixed element keeps its own).
    if (node is not None and node.mixed and not libvirt) or text:
        for kind, f, payload in content:
            if kind == MODEL:
                write_model(payload, out, indent, libvirt, f.local)
            elif kind == LEAF:
                out.append(_leaf(f.written, payload))
            elif kind == FOREIGN:
                write_foreign(payload, out, quote)
            else:
                out.append(payload.translate(_TEXT))
        out.append(f"</{tag}>")
        return
    inner = indent + "  "
    blank = "\n" if decl.blank_lines else ""
    newline = blank + "\n" + inner
    for kind, f, payload in content:
        out.append(newline)
        if kind == MODEL:
            write_model(payload, out, inner, libvirt, f.local)
        elif kind == LEAF:
            out.append(_leaf(f.written, payload))
        elif kind == FOREIGN:
            write_foreign(payload, out, quote)
        else:
            out.append(payload.translate(_TEXT))
    out.append(f"{blank}\n{indent}</{tag}>")


_local = threading.local()


def _scope() -> list[tuple[str | None, str]]:
    """The namespace declarations in scope where the writer is, innermost last."""
    scope: list[tuple[str | None, str]] | None = getattr(_local, "scope", None)
    if scope is None:
        scope = _local.scope = []
    return scope


def reset_scope(declared: list[tuple[str | None, str]]) -> None:
    """Start writing a document whose outermost declarations are ``declared``."""
    _local.scope = list(declared)


def _prefix_in_scope(uri: str, wanted: str | None) -> tuple[str | None, bool]:
    """``(prefix, must declare)`` for an element built in code in namespace ``uri``.

    A prefix already bound to ``uri`` is reused (a parsed document may use
    ``ns0:`` for QEMU's namespace); else ``wanted`` is declared here, or a
    fresh prefix when ``wanted`` is bound to another namespace.
    """
    bound: dict[str | None, str] = {}
    for prefix, known in _scope():
        bound[prefix] = known
    for prefix, known in reversed(list(bound.items())):
        if known == uri and prefix is not None:
            return prefix, False
    candidate, n = wanted, 0
    while candidate is None or candidate in bound:
        n += 1
        candidate = f"{wanted or 'ns'}{n}"
    return candidate, True


def _leaf(tag: str, text: str) -> str:
    if text == "":
        return f"<{tag}/>"
    return f"<{tag}>{text.translate(_TEXT)}</{tag}>"


def _qualified(el: etree._Element, name: str) -> str:
    if name[0] != "{":
        return name
    uri, local = name[1:].split("}", 1)
    if uri == "http://www.w3.org/XML/1998/namespace":
        return f"xml:{local}"
    for prefix, known in el.nsmap.items():
        if known == uri:
            return f"{prefix}:{local}" if prefix else local
    return local


def write_foreign(el: Any, out: list[str], quote: str = "'") -> None:
    """Append an lxml node the models do not know, exactly as parsed.

    Namespace declarations are written where the source made them, so the
    node reads the same in its place.
    """
    if isinstance(el, etree._Comment):
        out.append(f"<!--{el.text or ''}-->")
        return
    if isinstance(el, etree._ProcessingInstruction):
        target = str(el.target)
        out.append(f"<?{target} {el.text}?>" if el.text else f"<?{target}?>")
        return
    attr_table, text_table = (_XML2_ATTR, _XML2_TEXT) if quote == '"' else (_ATTR, _TEXT)
    tag = _qualified(el, el.tag)
    out.append("<" + tag)
    parent = el.getparent()
    outer = parent.nsmap if parent is not None else {}
    for prefix, uri in el.nsmap.items():
        if outer.get(prefix) != uri:
            name = f"xmlns:{prefix}" if prefix else "xmlns"
            out.append(f" {name}={quote}{uri.translate(attr_table)}{quote}")
    for name, value in el.items():
        out.append(f" {_qualified(el, name)}={quote}{value.translate(attr_table)}{quote}")
    if len(el) == 0 and not el.text:
        out.append("/>")
        return
    out.append(">")
    if el.text:
        out.append(el.text.translate(text_table))
    for c in el:
        write_foreign(c, out, quote)
        if c.tail:
            out.append(c.tail.translate(text_table))
    out.append(f"</{tag}>")
