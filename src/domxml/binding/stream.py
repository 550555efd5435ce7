"""Reading a large document while it is parsed, so that its tree is never whole.

lxml's tree of a document costs about 16 times its size (a domain of
100,000 disks, 21 MB: 340 MB), and binding it doubles the cost, since the
models and the tree are alive together. Read here, the document is fed to a
pull parser piece by piece; each element of a repeated model field of the
root's children (``<devices>``' disks, interfaces...: where a large
document is large) is read into its model as soon as its end tag is
parsed, and its subtree is then cleared from the tree. When the whole
document is parsed, the root is read as any other; each cleared element's
model is taken where the element stands (``ReadContext.prebound``). An
element with namespaces inside is read early but left whole.

The models are those :func:`domxml.binding.document.bind` makes of the
whole tree: the same values, nodes, positions and source text.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from lxml import etree

from domxml.binding.compiled import Reader, reader_for
from domxml.binding.declare import Kind, Model
from domxml.binding.reader import ReadContext, collector_paused
from domxml.binding.spec import ClassSpec, spec_of
from domxml.errors import ParseError
from domxml.safe_xml import MAX_DOCUMENT_BYTES, refuse_doctype, safe_pull_parser, syntax_error

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
    """Parse ``data``, reading the repeated fields of the root's children as they end.

    ``root_class(tag, attributes)`` is the model of a root element, or None
    (then nothing is read early). Returns the root, its cleared elements
    standing for their models, and the context holding those models, for
    :func:`domxml.binding.document.bind` to finish.
    """
    if len(data) > MAX_DOCUMENT_BYTES:
        raise ParseError(f"document too large ({len(data)} bytes)", filename=filename)
    parser = safe_pull_parser()
    context = ReadContext(namespaces=b"xmlns" in data)
    prebound: dict[etree._Element, tuple[Model, int]] = {}
    context.prebound = prebound
    starts: list[int] = []  # each open element's position in document order
    root_spec: ClassSpec | None = None
    parent_spec: ClassSpec | None = None  # of the open child of the root
    seen: set[str] = set()  # the single model fields of the root read so far
    count = 0
    try:
        with collector_paused():
            for offset in range(0, len(data), _PIECE):
                parser.feed(data[offset : offset + _PIECE])
                events: Iterator[tuple[str, Any]] = parser.read_events()
                for event, el in events:
                    if event == "start":
                        depth = len(starts)
                        starts.append(count)
                        count += 1
                        if depth == 0:
                            cls = root_class(el.tag, el.attrib)
                            root_spec = _variant(spec_of(cls), el) if cls is not None else None
                        elif depth == 1:
                            parent_spec = _child_spec(root_spec, el, seen)
                        continue
                    start = starts.pop()
                    if len(starts) == 2 and parent_spec is not None:
                        reader = _many_reader(parent_spec, el.tag)
                        if reader is not None:
                            context.pos = start
                            obj = reader(el, context, None)
                            prebound[el] = (obj, context.pos)
                            if not (context.namespaces and _NAMESPACED(el)):
                                el.clear(keep_tail=True)
            root = parser.close()
    except etree.XMLSyntaxError as e:
        raise syntax_error(e, filename) from None
    refuse_doctype(root, filename)
    context.pos = 0
    return root, context


def _child_spec(
    root_spec: ClassSpec | None, el: etree._Element, seen: set[str]
) -> ClassSpec | None:
    """The spec of the model a child element of the root is read into, if one is.

    A second element of a single field is kept as lxml's element, whole.
    """
    if root_spec is None or not isinstance(el.tag, str):
        return None
    f = root_spec.elems.get(el.tag)
    if f is None or f.kind is not Kind.CHILD or f.py in seen:
        return None
    if not f.many:
        seen.add(f.py)
    return _variant(f.spec or f.resolve(), el)


def _variant(spec: ClassSpec, el: etree._Element) -> ClassSpec:
    """The spec of the variant ``el`` is read into (as compiled readers pick it), or ``spec``."""
    discriminator = spec.decl.discriminator
    if spec.decl.variants and discriminator is not None:
        variant = spec.decl.variants.get(el.get(discriminator, ""))
        if variant is not None:
            return spec_of(variant)
    return spec


def _many_reader(spec: ClassSpec, tag: Any) -> Reader | None:
    """The reader of an element ``tag`` of a repeated model field of ``spec``, if it is one."""
    f = spec.elems.get(tag) if isinstance(tag, str) else None
    if f is None or f.kind is not Kind.CHILD or not f.many:
        return None
    return reader_for((f.spec or f.resolve()).cls)
