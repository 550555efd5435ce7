"""Reading a large document while it is parsed, so that its tree is never whole.

lxml's tree of a document costs about 16 times its size (a domain of
100,000 disks, 21 MB: 340 MB), and binding it doubles the cost, since the
models and the tree are alive together. Read here, the document is fed to a
pull parser piece by piece; each element of a repeated model field (a
domain's disks and interfaces, a network's DHCP hosts, a host's NUMA cells:
where a large document is large) is read into its model as soon as its end
tag is parsed, and its subtree is then cleared from the tree. When the
whole document is parsed, the root is read as any other; each cleared
element's model is taken where the element stands
(``ReadContext.prebound``). An element with namespaces inside is read early
but left whole.

Which elements are read early follows the readers: an element is read into
a model when its parent is and its parent's model has a model field of its
name (the first element of a single field; any of a repeated one). The
models are those :func:`domxml.binding.document.bind` makes of the whole
tree: the same values, nodes, positions and source text.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, NamedTuple

from lxml import etree

from domxml.binding.collector import collector_paused
from domxml.binding.compiled import Reader, reader_for
from domxml.binding.declare import Kind, Model
from domxml.binding.node import node_of
from domxml.binding.reader import ReadContext, variant_spec
from domxml.binding.spec import ClassSpec, spec_of
from domxml.safe_xml import refuse_doctype, refuse_too_large, safe_pull_parser, syntax_error

#: Documents at least this large are read while they are parsed.
STREAM_MIN_BYTES = 1 << 20
#: Bytes fed to the parser at a time.
_PIECE = 1 << 16
#: Whether a subtree has a namespaced element or attribute. Such a subtree is
#: left whole: an element its model keeps as lxml's (an unknown one) would
#: be given the declarations of its namespaces once taken out of the tree.
_NAMESPACED = etree.XPath(
    "boolean(descendant-or-self::*[namespace-uri()] | .//@*[namespace-uri()])"
)


def parse_streamed(
    data: bytes, filename: str | None, root_class: Any
) -> tuple[etree._Element, ReadContext]:
    """Parse ``data``, reading each element of a repeated model field when it ends.

    ``root_class(tag, attributes)`` is the model of a root element, or None
    (then nothing is read early). Returns the root, its cleared elements
    standing for their models, and the context holding those models, for
    :func:`domxml.binding.document.bind` to finish (see :func:`all_taken`).
    """
    refuse_too_large(data, filename)
    parser = safe_pull_parser()
    context = ReadContext(namespaces=b"xmlns" in data)
    prebound: dict[etree._Element, tuple[Model, int]] = {}
    context.prebound = prebound
    open_elements: list[_Open] = []  # innermost last
    count = 0
    try:
        with collector_paused():
            for offset in range(0, len(data), _PIECE):
                parser.feed(data[offset : offset + _PIECE])
                events: Iterator[tuple[str, Any]] = parser.read_events()
                for event, el in events:
                    if event == "start":
                        if open_elements:
                            parent = open_elements[-1]
                            rules = parent.rules
                            rule = rules.get(el.tag) if rules is not None else None
                            if rule is None:  # nothing inside it is read early
                                open_elements.append(_OUTSIDE)
                            else:
                                open_elements.append(_opened(parent, rule, el, count))
                        else:
                            cls = root_class(el.tag, el.attrib)
                            rules = None
                            if cls is not None:
                                rules = _rules(variant_spec(spec_of(cls), el))
                            open_elements.append(_Open(count, rules, None))
                        count += 1
                        continue
                    closed = open_elements.pop()
                    if closed.reader is not None:
                        context.pos = closed.start
                        obj = closed.reader(el, context, None)
                        prebound[el] = (obj, context.pos)
                        if not (context.namespaces and _NAMESPACED(el)):
                            el.clear(keep_tail=True)
            root = parser.close()
    except etree.XMLSyntaxError as e:
        raise syntax_error(e, filename) from None
    refuse_doctype(root, filename)
    context.pos = 0
    return root, context


def all_taken(context: ReadContext) -> bool:
    """Whether every element read early was taken where it stands when its parent was read.

    Each was read with no parent; taking it gives it its parent's node.
    """
    for obj, _ in (context.prebound or {}).values():
        node = node_of(obj)
        if node is None or node.parent is None:
            return False
    return True


class _Rule(NamedTuple):
    """How a model reads a child element that is, or may hold, an element read early."""

    py: str
    many: bool
    spec: ClassSpec
    #: For an item of a repeated field: the reader that reads it early.
    reader: Reader | None
    #: Whether its model, or one inside it, has a repeated model field.
    follow: bool
    #: Whether its model has variants (picked by an attribute of the element).
    variants: bool


_RULES: dict[int, dict[str, _Rule]] = {}


def _rules(spec: ClassSpec) -> dict[str, _Rule]:
    """The rules of ``spec``'s child elements, by name, for those that matter here."""
    found = _RULES.get(id(spec))
    if found is None:
        found = {}
        for name, f in spec.elems.items():
            if f.kind is not Kind.CHILD:
                continue
            child = f.spec or f.resolve()
            follow = _holds_many(child)
            if f.many or follow:
                reader = reader_for(child.cls) if f.many else None
                found[name] = _Rule(f.py, f.many, child, reader, follow, bool(child.decl.variants))
        _RULES[id(spec)] = found
    return found


class _Open:
    """An element whose start tag is parsed and whose end tag is not yet."""

    __slots__ = ("reader", "rules", "seen", "start")

    def __init__(self, start: int, rules: dict[str, _Rule] | None, reader: Reader | None) -> None:
        self.start = start
        #: The rules of the children of its model (None: it is not read into one).
        self.rules = rules
        self.reader = reader
        #: The single fields of its model read so far: a second element of
        #: one is kept as lxml's element, whole.
        self.seen: set[str] | None = None


#: Shared by every element nothing inside of is read early.
_OUTSIDE = _Open(-1, None, None)


def _opened(parent: _Open, rule: _Rule, el: etree._Element, start: int) -> _Open:
    """What an element just opened in ``parent`` is, as the readers will read it."""
    py, many, spec, reader, follow, variants = rule
    if not many:
        seen = parent.seen
        if seen is None:
            parent.seen = {py}
        elif py in seen:
            return _OUTSIDE
        else:
            seen.add(py)
    rules = None
    if follow:
        if variants:
            spec = variant_spec(spec, el)
        rules = _RULES.get(id(spec)) or _rules(spec)
    if reader is None and rules is None:
        return _OUTSIDE
    return _Open(start, rules, reader)


_HOLDS_MANY: dict[int, bool] = {}


def _holds_many(spec: ClassSpec) -> bool:
    """Whether a model of ``spec`` (any variant), or one inside it, has a repeated model field.

    Only such a model can hold an element read early; below any other,
    the elements are not followed. Known per class once found (a fact of
    the declarations).
    """
    found = _HOLDS_MANY.get(id(spec))
    if found is None:
        # While looking, a model inside itself counts as holding none: a
        # class seen so through a cycle may be followed less than it could
        # be (its elements are then read from the tree), never wrongly.
        _HOLDS_MANY[id(spec)] = False
        specs = [spec, *(spec_of(cls) for cls in spec.decl.variants.values())]
        found = any(
            f.many or _holds_many(f.spec or f.resolve()) for s in specs for f in s.child_fields
        )
        _HOLDS_MANY[id(spec)] = found
    return found
