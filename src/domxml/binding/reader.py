"""Binding an lxml element tree to models."""

from __future__ import annotations

from typing import Any, cast

from lxml import etree

from domxml.binding.changes import owned
from domxml.binding.declare import Kind, Model
from domxml.binding.escape import written_name
from domxml.binding.node import NODE_ATTR, Fields, Node, Text, flat_attrs, node_of
from domxml.binding.spec import UNKNOWN, ClassSpec, spec_of

_ElementType = etree._Element


class ReadContext:
    """What one parse shares across its elements."""

    __slots__ = ("holders", "lazy", "namespaces", "pos", "prebound")

    def __init__(self, namespaces: bool, lazy: bool = False) -> None:
        #: False promises that the document declares no namespace, which
        #: spares looking for declarations on every element.
        self.namespaces = namespaces
        #: The number of elements read so far, in document order.
        self.pos = 0
        #: Nodes with any_elements() content (see Node.held).
        self.holders: list[Node] = []
        #: Elements read before their parent, as a streamed document's are
        #: (see :mod:`domxml.binding.stream`): each one's model and the
        #: position after its last element.
        self.prebound: dict[etree._Element, tuple[Model, int]] | None = None
        #: Leave the child models of each element pending (see
        #: :mod:`domxml.binding.pending`) rather than read them with it.
        self.lazy = lazy

    def fork(self, lazy: bool = True) -> ReadContext:
        """A context to read a pending element of this one's document with."""
        context = ReadContext(self.namespaces, lazy)
        context.holders = self.holders
        return context


def take_prebound(found: tuple[Model, int], context: ReadContext, parent: Node | None) -> Model:
    """The model of an element read before its parent (see ``prebound``), now its parent's.

    It stays in ``prebound``: a reader that finds mixed content halfway
    through an element's children reads them all again (read_generic).
    """
    obj, context.pos = found
    node = node_of(obj)
    if node is not None:
        node.parent = parent
    return obj


def read(cls: type[Model], el: etree._Element, context: ReadContext | None = None) -> Model:
    """Bind ``el`` to a new instance of ``cls`` (or of its variant for ``el``)."""
    return _read(variant_spec(spec_of(cls), el), el, context or ReadContext(True), None)


def elements_in(el: etree._Element) -> int:
    """How many elements ``el`` is (0 for a comment or PI), its own descendants included."""
    if type(el.tag) is not str:
        return 0
    if not len(el):
        return 1  # most: no walk of an iterator
    return sum(1 for _ in el.iter(etree.Element))


def held(node: Node, elements: list[etree._Element], context: ReadContext) -> None:
    """Keep the text of ``node``'s any_elements() content, to tell later whether it changed."""
    node.held = [(e, etree.tostring(e, with_tail=False)) for e in elements]
    context.holders.append(node)


def variant_spec(spec: ClassSpec, el: etree._Element) -> ClassSpec:
    """The spec of the variant of ``spec``'s class that ``el`` is read into, or ``spec``."""
    decl = spec.decl
    if decl.variants:
        chosen = decl.variants.get(el.get(decl.discriminator or "", ""))
        if chosen is not None:
            return spec_of(chosen)
    return spec


def read_generic(
    spec: ClassSpec, el: etree._Element, context: ReadContext, parent: Node | None
) -> Model:
    """Read ``el`` as ``spec``'s class from its tables: any element, mixed content too."""
    return _read(spec, el, context, parent)


def _read(spec: ClassSpec, el: etree._Element, context: ReadContext, parent: Node | None) -> Model:
    if context.prebound is not None:
        found = context.prebound.get(el)
        if found is not None:
            return take_prebound(found, context, parent)
    obj = spec.cls.__new__(spec.cls)
    values: dict[str, Any]
    if spec.sparse:
        values = Fields(spec.parsed_blank)
        object.__setattr__(obj, "__dict__", values)  # not Model.__setattr__'s checks
    else:
        values = obj.__dict__
        values.update(spec.blank)
    # lxml gives str names and values for documents it decoded itself.
    attrs = cast(list[tuple[str, str]], el.items())
    items: list[Any] = []
    node = values[NODE_ATTR] = Node(flat_attrs(attrs) if attrs else (), items, parent, context.pos)
    context.pos += 1
    for name in spec.lists:
        values[name] = owned(node)

    if context.namespaces:
        read_namespaces(el, node)

    fields = spec.attrs
    for name, raw in attrs:
        f = fields.get(name)
        if f is None:
            if name[0] == "{":
                if node.names is None:
                    node.names = {}
                node.names[name] = written_name(el, name)
        elif f.plain:
            values[f.py] = raw
        else:
            try:
                values[f.py] = f.codec.decode(raw)
            except ValueError:
                node.bad = node.bad | {name}
                values[f.py] = None

    own = el.text
    text_field = spec.text
    has_children = len(el) > 0
    mixed = has_children and (
        (own is not None and not own.isspace() and text_field is None)
        or any(c.tail is not None and not c.tail.isspace() for c in el)
    )
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
                values[text_field.py] = None
            else:
                values[text_field.py] = value
            node.text = (own, value)
        else:  # no text field, no children: kept (whitespace too) and written inline
            node.text = (own, UNKNOWN)

    if has_children:
        elems = spec.elems
        anything = spec.any
        for c in el:
            tag = c.tag
            f = elems.get(tag) if type(tag) is str else None
            if f is None:
                context.pos += elements_in(c)
                if anything is not None and type(tag) is str:
                    list.append(values[anything.py], c)
                    items.append(anything.py)
                else:
                    items.append(c)
            elif f.kind is Kind.CHILD and not f.many and values.get(f.py) is not None:
                context.pos += elements_in(c)  # a second one: kept as it is
                items.append(c)
            elif f.kind is Kind.CHILD:
                child_spec = f.spec or f.resolve()
                if child_spec.decl.variants:
                    child_spec = variant_spec(child_spec, c)
                item = _read(child_spec, c, context, node)
                if f.many:
                    list.append(values[f.py], item)
                else:
                    values[f.py] = item
                items.append(f.py)
            else:
                leaf = read_leaf(c, f.codec)
                context.pos += elements_in(c)
                if leaf is None or (not f.many and values.get(f.py) is not None):
                    items.append(c)
                else:
                    raw, value = leaf
                    if f.many:
                        list.append(values[f.py], value)
                    else:
                        values[f.py] = value
                    items.append((f.py, raw, value))
            if mixed and c.tail:
                items.append(Text(c.tail))
        if anything is not None and values[anything.py]:
            held(node, values[anything.py], context)
    # A tuple (the empty one shared): fewer objects for the collector to walk.
    node.items = cast(Any, tuple(items) if items else ())
    return obj


def read_namespaces(el: etree._Element, node: Node) -> None:
    """Record the prefix of ``el`` and the namespaces it declares itself."""
    prefix = el.prefix
    if prefix is not None:
        node.prefix = prefix
    nsmap = el.nsmap
    if nsmap:
        parent = el.getparent()
        outer = parent.nsmap if parent is not None else {}
        node.nsdecl = [(p, uri) for p, uri in nsmap.items() if outer.get(p) != uri]


def read_leaf(c: etree._Element, codec: Any) -> tuple[str, Any] | None:
    """``(raw, value)`` of a text-only element, or None when it is more than that."""
    if c.attrib or len(c):
        return None
    raw = c.text or ""
    try:
        return raw, codec.decode(raw)
    except ValueError:
        return None
