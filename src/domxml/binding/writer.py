"""Writing models as XML text.

Attributes are single-quoted and escaped as libvirt's ``virBufferEscapeString``
does; elements are indented by two spaces; an empty element is ``<x/>``
unless its model says otherwise. Unknown content is written as it was
parsed, with the quote style of the model that holds it.

Given the :class:`Layout` of the document's source, a parsed element the
program did not change is written as its exact source text, and a changed
one keeps the source's spacing around its children, its start tag when its
attributes did not change, and writes what is new with the document's own
indentation unit and quote character.
"""

from __future__ import annotations

import threading
from typing import Any

from domxml.binding.declare import Kind
from domxml.binding.escape import escape_attr, escape_text, leaf, write_foreign
from domxml.binding.node import Node, attr_pairs, left_as_parsed, node_of, source_of
from domxml.binding.order import (
    FOREIGN,
    INLINE,
    LEAF,
    MODEL,
    PENDING,
    VERBATIM,
    SourcedEntry,
    ordered_attrs,
    ordered_content,
    sourced_content,
)
from domxml.binding.pending import element, unread
from domxml.binding.pending_writer import write_pending
from domxml.binding.source import Elements, Source, Span
from domxml.binding.spec import ClassSpec, spec_of
from domxml.errors import ModelError


class Layout:
    """A source text to write parsed elements from, and its conventions."""

    __slots__ = ("quote", "source", "spans", "text", "unit")

    def __init__(self, source: Source, spans: Elements) -> None:
        self.source = source
        self.text = source.text
        self.spans = spans
        #: The indentation unit and quote character of what is written anew.
        self.unit = source.indent_unit()
        self.quote = source.quote()


def write_model(
    obj: Any,
    out: list[str],
    indent: str,
    libvirt: bool,
    local: str | None = None,
    nsdecl: list[tuple[str | None, str]] | None = None,
    layout: Layout | None = None,
) -> None:
    """Append the XML of ``obj`` (without leading indentation) to ``out``.

    ``local`` is the element's local name when the parent's field renames it;
    ``nsdecl`` are namespace declarations to add (for a document's root);
    ``layout``: the source the parsed elements of ``obj`` are written from
    (with ``libvirt`` false). A value that cannot be written raises
    :class:`ModelError` with the path of its element from ``obj`` down.
    """
    try:
        _write_model(obj, out, indent, libvirt, local, nsdecl, layout)
    except ModelError as e:
        node = node_of(obj)
        name = local or spec_of(type(obj)).decl.tag
        prefix = node.prefix if node is not None else None
        e.path = f"/{prefix + ':' if prefix else ''}{name}{e.path or ''}"
        raise


def _value_error(obj: Any, spec: ClassSpec, tag: str, error: Exception) -> ModelError:
    """The error of a value that cannot be written, naming its field when one is at fault."""
    d = obj.__dict__
    for f in spec.attr_list + spec.elem_list:
        if f.kind is Kind.CHILD or f.kind is Kind.ANY or d.get(f.py) is None:
            continue
        try:
            for value in d.get(f.py) if f.many else (d.get(f.py),):
                f.codec.encode(value)
        except (TypeError, ValueError, AttributeError) as e:
            where = (
                f"/@{f.written}"
                if f.kind is Kind.ATTR
                else ""
                if f.kind is Kind.TEXT
                else f"/{f.written}"
            )
            return ModelError(
                f"cannot write <{tag}>: {type(obj).__name__}.{f.py}: {e}", path=where or None
            )
    return ModelError(f"cannot write <{tag}>: {error}")


def _write_model(
    obj: Any,
    out: list[str],
    indent: str,
    libvirt: bool,
    local: str | None,
    nsdecl: list[tuple[str | None, str]] | None,
    layout: Layout | None,
) -> None:
    spec = spec_of(type(obj))
    node = node_of(obj)
    span: Span | None = None
    if (
        layout is not None
        and node is not None
        and node.pos >= 0
        and source_of(node) is layout.source
    ):
        span = layout.spans[node.pos]
        if left_as_parsed(node) and not nsdecl:
            out.append(layout.text[span.start : span.end])
            return
    decl = spec.decl
    local = local or decl.tag
    if (
        node is not None
        and layout is None
        and not libvirt
        and not nsdecl
        and _written_clean(obj, spec, node, out, indent, local)
    ):
        return
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
    sourced: list[SourcedEntry] | None = None
    content: list[Any] = []
    try:
        attrs = ordered_attrs(obj, spec, node, libvirt)
        own = _own_text(obj, spec, node, libvirt)
        if span is not None and node is not None and not node.mixed and not own:
            sourced = sourced_content(obj, spec, node)
        else:
            content = ordered_content(obj, spec, node, libvirt, unread=layout is None)
    except (TypeError, ValueError, AttributeError) as e:
        raise _value_error(obj, spec, tag, e) from e
    if span is not None and layout is not None and not nsdecl and _as_parsed(attrs, spec, node):
        head = layout.text[span.start : span.open_end]
        out.append(head[:-2] if head.endswith("/>") else head[:-1])
    else:
        quote = "'" if layout is None else layout.quote
        out.append("<" + tag)
        for name, value in attrs:
            out.append(f" {name}={quote}{escape_attr(value)}{quote}")
        for prefix, uri in declared:
            name = f"xmlns:{prefix}" if prefix else "xmlns"
            out.append(f" {name}={quote}{escape_attr(uri)}{quote}")
    if (
        sourced is not None
        and span is not None
        and layout is not None
        and (sourced or span.children)
    ):
        _write_sourced(spec, node, span, sourced, out, tag, indent, layout)
    else:
        _write_content(spec, node, own, content, out, tag, indent, libvirt, layout)
    if scope is not None:  # an error leaves it to the next document's reset_scope()
        del scope[depth:]


def _write_clean(
    obj: Any, spec: ClassSpec, node: Node, out: list[str], indent: str, tag: str
) -> None:
    """Write a parsed element the program did not change, as parsed, from what it kept.

    Its attributes, leaves and text are their source texts (the typed
    values they read as are still the values), in the source's order: what
    :func:`ordered_attrs`, :func:`ordered_content` and :func:`_own_text`
    give for such an element, without encoding a value or looking for a
    field the program added.
    """
    out.append("<" + tag)
    for name, raw in attr_pairs(node):
        out.append(f" {name}='{escape_attr(raw)}'")
    text = node.text[0] if node.text is not None else None
    items = node.items
    if not items:
        out.append("/>" if not text else ">" + escape_text(text) + f"</{tag}>")
        return
    decl = spec.decl
    quote = decl.foreign_quote
    by_py = spec.by_py
    if text:
        out.append(">" + escape_text(text))
        newline = ""
        inner = indent
    else:
        out.append(">")
        inner = indent + "  "
        newline = ("\n\n" if decl.blank_lines else "\n") + inner
    taken: dict[str, int] | None = None
    # Elements not read yet are written from lxml's (see write_pending).
    left = unread(obj, written=True)
    for item in items:
        if newline:
            out.append(newline)
        kind = type(item)
        if kind is str:
            f = by_py[item]
            k = 0
            if f.many:
                if taken is None:
                    taken = {}
                k = taken.get(item, 0)
                taken[item] = k + 1
            entry = left.get(item) if left else None
            if entry is not None:
                write_pending(f, element(entry, k), out, inner)
                continue
            value = getattr(obj, item)[k] if f.many else getattr(obj, item)
            if f.entry != MODEL:
                write_foreign(value, out, quote)
                continue
            # A clean child is written here as _write_model would write it.
            child = node_of(value)
            child_spec = spec_of(type(value))
            local = f.local or child_spec.decl.tag
            if child is None or not _written_clean(value, child_spec, child, out, inner, local):
                write_model(value, out, inner, False, f.local)
        elif kind is tuple:
            out.append(leaf(by_py[item[0]].written, item[1]))
        else:
            write_foreign(item, out, quote)
    if text:
        out.append(f"</{tag}>")
    else:
        out.append(("\n" if decl.blank_lines else "") + f"\n{indent}</{tag}>")


def _written_clean(
    obj: Any, spec: ClassSpec, node: Node, out: list[str], indent: str, local: str
) -> bool:
    """Write a parsed element with :func:`_write_clean` if it is one it writes; say whether.

    It is one read from XML (its node holds all it had; one from data may
    not), unchanged, in no namespace scope of its own, without mixed
    content, its attribute names as lxml gives them. Most nodes have no
    rare attribute set, which says most of that at once.
    """
    if node.pos < 0 or not spec.plain_attr_names:
        return False
    rare = node.rare is not None
    if rare and (node.dirty or node.names is not None or node.nsdecl or node.mixed):
        return False
    prefix = node.prefix if rare else None
    _write_clean(obj, spec, node, out, indent, f"{prefix}:{local}" if prefix else local)
    return True


def _as_parsed(attrs: list[tuple[str, str]], spec: ClassSpec, node: Node | None) -> bool:
    """Whether ``attrs`` are the parsed element's attributes, as they were written."""
    if node is None or 2 * len(attrs) != len(node.attrs):
        return False
    names = node.names or {}
    fields = spec.attrs
    for (name, value), (qname, raw) in zip(attrs, attr_pairs(node), strict=True):
        if value != raw:
            return False
        f = fields.get(qname)
        written = names.get(qname, qname) if f is None else f.written
        if name != written and name != qname:
            return False
    return True


def _write_sourced(
    spec: ClassSpec,
    node: Node | None,
    span: Span,
    entries: list[SourcedEntry],
    out: list[str],
    tag: str,
    indent: str,
    layout: Layout,
) -> None:
    """Write a changed parsed element's children with the source's spacing around them."""
    text = layout.text
    children = span.children
    if children:
        first = text[span.open_end : children[0].start]
        fresh = "\n" + first.rsplit("\n", 1)[1] if "\n" in first else first
        closing = text[children[-1].end : span.close_start]
    else:
        fresh = "\n" + indent + layout.unit
        closing = "\n" + indent
    quote = spec.decl.foreign_quote
    out.append(">")  # with every child removed, the element stays open as in the source
    done = 0  # the source children up to here are written or dropped
    # Source children in a row that stand as they were are written as one
    # slice of the source from ``run`` on, spaces between them included.
    run = -1
    for kind, f, payload, j in entries:
        if j == done and _as_in_source(kind, payload, node, layout):
            if run < 0:
                run = children[j - 1].end if j else span.open_end
            done = j + 1
            continue
        if run >= 0:
            out.append(text[run : children[done - 1].end])
            run = -1
        if j >= 0:
            _dropped(text, span, done, j, out)
            done = j + 1
            gap = text[children[j - 1].end if j else span.open_end : children[j].start]
        else:
            gap = fresh
        out.append(gap)
        if kind == VERBATIM:
            out.append(text[children[j].start : children[j].end])
        elif kind == MODEL:
            inner = gap.rsplit("\n", 1)[1] if "\n" in gap else indent + layout.unit
            write_model(payload, out, inner, False, f.local, None, layout)
        elif kind == LEAF:
            out.append(leaf(f.written, payload))
        else:
            write_foreign(payload, out, quote)
    if run >= 0:
        out.append(text[run : children[done - 1].end])
    _dropped(text, span, done, len(children), out)
    out.append(f"{closing}</{tag}>")


def _as_in_source(kind: int, payload: Any, parent: Node | None, layout: Layout) -> bool:
    """Whether a sourced entry of ``parent``'s element is written as its source text.

    As :func:`_write_model` tells; a model still in the element it was
    parsed in (most) is from ``parent``'s source, which is the layout's.
    """
    if kind == VERBATIM:
        return True
    if kind != MODEL:
        return False
    node = node_of(payload)
    return (
        node is not None
        and node.pos >= 0
        and left_as_parsed(node)
        and (node.parent is parent or source_of(node) is layout.source)
    )


def _dropped(text: str, span: Span, start: int, stop: int, out: list[str]) -> None:
    """What stays of the space before source children ``start``..``stop`` the program removed.

    The line each one began on goes with it; blank lines before it stay.
    """
    children = span.children
    for j in range(start, stop):
        gap = text[children[j - 1].end if j else span.open_end : children[j].start]
        newline = gap.rfind("\n")
        if newline > 0:
            out.append(gap[:newline])


def _own_text(obj: Any, spec: ClassSpec, node: Node | None, libvirt: bool) -> str | None:
    """The element's own text as it is to be written, or None."""
    text: str | None = None
    text_field = spec.text
    if text_field is not None:
        value = obj.__dict__.get(text_field.py)
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
    return text


def _write_content(
    spec: ClassSpec,
    node: Node | None,
    text: str | None,
    content: list[Any],
    out: list[str],
    tag: str,
    indent: str,
    libvirt: bool,
    layout: Layout | None = None,
) -> None:
    decl = spec.decl
    if not content:
        if text is None or text == "":
            # A parsed element keeps its form; libvirt's form depends on the element.
            close = decl.self_close or (node is not None and not libvirt)
            out.append("/>" if close else f">\n{indent}</{tag}>")
        else:
            out.append(">" + escape_text(text) + f"</{tag}>")
        return
    out.append(">")
    if text:
        out.append(escape_text(text))
    quote = decl.foreign_quote
    # Text beside child elements: indenting would add to the text, so the
    # children follow it as they are (a parsed mixed element keeps its own).
    if (node is not None and node.mixed and not libvirt) or text:
        for kind, f, payload in content:
            if kind == MODEL:
                write_model(payload, out, indent, libvirt, f.local, None, layout)
            elif kind == PENDING:
                write_pending(f, payload, out, indent)
            elif kind == LEAF:
                out.append(leaf(f.written, payload))
            elif kind in (FOREIGN, INLINE):
                write_foreign(payload, out, quote)
            else:
                out.append(escape_text(payload))
        out.append(f"</{tag}>")
        return
    inner = indent + ("  " if layout is None else layout.unit)
    blank = "\n" if decl.blank_lines else ""
    newline = blank + "\n" + inner
    for kind, f, payload in content:
        if kind == INLINE:  # a comment on the line of the element before it
            out.append(" ")
            write_foreign(payload, out, quote)
            continue
        out.append(newline)
        if kind == MODEL:
            write_model(payload, out, inner, libvirt, f.local, None, layout)
        elif kind == PENDING:
            write_pending(f, payload, out, inner)
        elif kind == LEAF:
            out.append(leaf(f.written, payload))
        elif kind == FOREIGN:
            write_foreign(payload, out, quote)
        else:
            out.append(escape_text(payload))
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
