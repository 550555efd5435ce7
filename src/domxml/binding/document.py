"""Whole documents: safe parsing, the root registry, and writing."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Collection, Iterator, Mapping
from typing import Any

from lxml import etree

from domxml.binding.collector import collector_paused
from domxml.binding.compiled import Reader, reader_for
from domxml.binding.declare import Model
from domxml.binding.escape import write_foreign
from domxml.binding.node import (
    DOC_ATTR,
    DocumentInfo,
    held_changed,
    left_as_parsed,
    mark,
    node_of,
)
from domxml.binding.reader import ReadContext
from domxml.binding.source import Source, open_elements
from domxml.binding.spec import spec_of
from domxml.binding.stream import STREAM_MIN_BYTES, all_taken, parse_streamed
from domxml.binding.writer import Layout, reset_scope, write_model
from domxml.errors import ModelError, UnsupportedDocumentError
from domxml.safe_xml import load_source, parse_tree

_ROOTS: dict[str, type[Model]] = {}
#: A test on a root's attributes and its children's names that picks a model.
RootTest = Callable[[Mapping[str, Any], Collection[str]], bool]
_ALTERNATIVES: dict[str, list[tuple[RootTest, type[Model]]]] = {}
_DECLARATION = re.compile(rb"^\s*(<\?xml\s[^?]*\?>)")
_ENCODING = re.compile(r"encoding\s*=\s*[\"']([A-Za-z0-9._-]+)[\"']")
#: Encodings in which ASCII bytes are the text they read as.
_ASCII_SUPERSETS = frozenset(("utf-8-sig", "utf-8", "utf8", "us-ascii", "ascii"))


def register_root(cls: type[Model], *, when: RootTest | None = None) -> None:
    """Let :func:`parse_document` bind documents whose root is ``cls``'s element.

    Where two kinds of document share a root element, ``when`` tells them
    apart: a test on the root's attributes and the names of its children
    (the XML attributes and child elements by name, or a document's data
    form, and its keys, by field name) that picks ``cls``; the class
    registered without one is the default.
    """
    if when is None:
        _ROOTS[cls.__domxml__.qname] = cls
    else:
        _ALTERNATIVES.setdefault(cls.__domxml__.qname, []).append((when, cls))


def root_models() -> dict[str, type[Model]]:
    """The registered root elements and their default models."""
    return dict(_ROOTS)


def root_model(
    tag: str, attributes: Mapping[str, Any], children: Collection[str] = ()
) -> type[Model] | None:
    """The model registered for a root element ``tag`` with these attributes and children."""
    for when, cls in _ALTERNATIVES.get(tag, ()):
        if when(attributes, children):
            return cls
    return _ROOTS.get(tag)


def parse_document(
    source: str | bytes | os.PathLike[str], *, filename: str | None = None, lazy: bool = True
) -> Model:
    """Parse ``source`` and bind it to the model registered for its root element.

    ``lazy``: leave each child model pending until the program first reads
    it (see :mod:`domxml.binding.pending`), keeping lxml's tree meanwhile;
    ``lazy=False`` reads every element now. A document of
    ``STREAM_MIN_BYTES`` or more is read while it is parsed, every element.
    """
    data, path = load_source(source)
    filename = filename or path
    if len(data) >= STREAM_MIN_BYTES:
        root, context = parse_streamed(data, filename, _streamed_root)
        obj = bind(_model_of_root(root, filename), root, data, filename, context)
        if all_taken(context):
            return obj
        # Not every element read early was taken where it stands: not one to
        # read early after all. Read as a whole tree instead.
    root = parse_tree(data, filename)
    return bind(_model_of_root(root, filename), root, data, filename, lazy=lazy)


def _streamed_root(tag: str, attributes: Mapping[str, Any]) -> type[Model] | None:
    """The model of a root element, when its attributes alone tell it."""
    return None if tag in _ALTERNATIVES else _ROOTS.get(tag)


def _model_of_root(root: etree._Element, filename: str | None) -> type[Model]:
    children: list[str] = []
    if root.tag in _ALTERNATIVES:
        children = [str(child.tag) for child in root if isinstance(child.tag, str)]
    cls = root_model(root.tag, {str(k): v for k, v in root.attrib.items()}, children)
    if cls is None:
        raise UnsupportedDocumentError(
            f"no model for root element <{root.tag}>",
            filename=filename,
            line=root.sourceline if isinstance(root.sourceline, int) else None,
            path=f"/{root.tag}",
        )
    return cls


def _siblings(root: etree._Element, step: Callable[[etree._Element], Any]) -> Iterator[Any]:
    """The nodes beside ``root`` one ``step`` after another: comments and PIs."""
    sibling = step(root)
    while sibling is not None:
        yield sibling
        sibling = step(sibling)


def bind(
    cls: type[Model],
    root: etree._Element,
    data: bytes = b"",
    filename: str | None = None,
    context: ReadContext | None = None,
    *,
    lazy: bool = False,
) -> Model:
    """Bind a parsed root element to ``cls``, keeping what lies outside it.

    ``context``: that of :func:`~domxml.binding.stream.parse_streamed`, which
    read some elements already; ``lazy``: leave child models pending (see
    :mod:`domxml.binding.pending`).
    """
    info = DocumentInfo()
    info.filename = filename
    match = _DECLARATION.match(data)
    encoding = "utf-8-sig"
    if match:
        info.declaration = match.group(1).decode("utf-8", "replace")
        declared = _ENCODING.search(info.declaration)
        if declared:
            encoding = declared.group(1)
    if data and root.getparent() is None:
        if data.isascii() and encoding.lower() in _ASCII_SUPERSETS:
            info.source = Source(ascii_bytes=data)  # made text when first written
        else:
            try:
                info.source = Source(data.decode(encoding))
            except (LookupError, UnicodeDecodeError):
                info.source = None
    if context is None:
        context = ReadContext(namespaces=b"xmlns" in data or not data, lazy=lazy)
    obj = _read_root(reader_for(cls), root, context)
    if info.source is not None:
        info.source.count = context.pos
        root_node = node_of(obj)
        if root_node is not None:
            root_node.source = info.source
    # The context's own list: reading a pending element adds to it.
    info.holders = context.holders
    # Only a document's root has a prolog and an epilog; an element bound on
    # its own has siblings, which are not its business.
    if root.getparent() is None:
        info.prolog = tuple(reversed(list(_siblings(root, etree._Element.getprevious))))
        info.epilog = tuple(_siblings(root, etree._Element.getnext))
    object.__setattr__(obj, DOC_ATTR, info)  # not Model.__setattr__'s checks, nor obj.__dict__
    return obj


def _read_root(reader: Reader, root: etree._Element, context: ReadContext) -> Model:
    with collector_paused():
        return reader(root, context, None)


def _undeclared_namespaces(root: Any) -> list[tuple[str | None, str]]:
    """Namespaces of models built in code that the root must declare.

    Parsed models keep the declarations of their source; a namespaced model
    added in code (``qemu:commandline``) needs one, which libvirt writes on
    the root element.
    """
    needed: dict[str | None, str] = {}
    stack = [root]
    while stack:
        obj = stack.pop()
        node = node_of(obj)
        if node is not None and left_as_parsed(node):
            continue  # as parsed: nothing in it was built in code
        d = obj.__dict__
        spec = spec_of(type(obj))
        if spec.decl.ns is not None and node is None:
            needed.setdefault(spec.decl.prefix, spec.decl.ns)
        # Every child of a changed or new element (not only those whose
        # classes can hold a namespaced model: finding those classes
        # compiles every class reachable from the root).
        for f in spec.child_fields:
            value = d.get(f.py)
            if not value:
                continue
            if f.many:
                stack.extend(value)
            else:
                stack.append(value)
    root_node = node_of(root)
    declared = dict(root_node.nsdecl) if root_node is not None else {}
    return [
        (prefix, uri)
        for prefix, uri in needed.items()
        # Bound already (maybe to another prefix), or the prefix is taken:
        # the element finds or declares its own when it is written.
        if uri not in declared.values() and prefix not in declared
    ]


def unchanged(obj: Any) -> bool:
    """Whether ``obj`` is a parsed document that nothing has changed since.

    Content of any_elements() fields changed through its lxml tree counts,
    and marks its element as changed.
    """
    info: DocumentInfo | None = obj.__dict__.get(DOC_ATTR)
    node = node_of(obj)
    if info is None or info.source is None or node is None or node.source is not info.source:
        return False  # not parsed, or not the root of what was parsed
    for holder in info.holders:
        if not holder.dirty and held_changed(holder):
            mark(holder)
    return not node.dirty


def write_document(obj: Any, style: str = "parsed", *, verbatim: bool = True) -> str:
    """The XML text of a model; ``style`` is ``"parsed"`` or ``"libvirt"``.

    As parsed, what the program did not change is written as its source
    text: a document nothing has changed is its source text, and in a
    changed one each unchanged element is (see :mod:`domxml.binding.writer`).
    ``verbatim=False`` writes every model out instead, in the source's order
    and written forms but libvirt's spacing.
    """
    if style not in ("parsed", "libvirt"):
        raise ValueError(f"style must be 'parsed' or 'libvirt', not {style!r}")
    spec_of(type(obj))  # fails early for a non-model
    with collector_paused():
        return _write_document(obj, style == "libvirt", verbatim)


def _write_document(obj: Any, libvirt: bool, verbatim: bool) -> str:
    info: DocumentInfo | None = obj.__dict__.get(DOC_ATTR)
    if verbatim and not libvirt and info is not None and info.source is not None:
        source = info.source
        if unchanged(obj):
            return source.text
        spans = source.elements()
        if spans is not None and node_of(obj) is not None:
            return _write_sourced(obj, Layout(source, spans))
    out: list[str] = []
    if info is not None:
        # libvirt writes no XML declaration; comments and PIs stay either way.
        if info.declaration and not libvirt:
            out.append(info.declaration + "\n")
        for item in info.prolog:
            write_foreign(item, out)
            out.append("\n")
    reset_scope([])
    write_model(obj, out, "", libvirt, None, _undeclared_namespaces(obj))
    out.append("\n")
    if info is not None:
        for item in info.epilog:
            write_foreign(item, out)
            out.append("\n")
    text = "".join(out)
    _check_characters(text)
    return text


def _write_sourced(obj: Any, layout: Layout) -> str:
    """A changed parsed document: what lies around the root as it was, the root from its models."""
    root = layout.spans[0]
    out = [layout.text[: root.start]]
    reset_scope([])
    write_model(obj, out, "", False, None, _undeclared_namespaces(obj), layout)
    out.append(layout.text[root.end :])
    text = "".join(out)
    _check_characters(text)
    return text


#: Characters XML 1.0 cannot hold, not even as character references: C0
#: controls but tab, newline and carriage return; lone surrogates; U+FFFE, U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_TAG = re.compile(r"<([^\s/>!?]+)")
#: The bytes of ASCII text XML can hold: all but the C0 controls other than tab, LF, CR.
_XML_ASCII = bytes(b for b in range(128) if b >= 0x20 or b in (0x09, 0x0A, 0x0D))


def _check_characters(text: str) -> None:
    """Raise :class:`ModelError` if ``text`` holds a character XML cannot hold.

    Such a document would not read back (a model's text can hold any Python
    string); the error names the element whose start tag comes last before it.
    """
    if text.isascii() and not text.encode("ascii").translate(None, _XML_ASCII):
        return  # the common case, ten times faster than the pattern
    bad = _NOT_XML.search(text)
    if bad is None:
        return
    position = bad.start()
    tags = list(_TAG.finditer(text, 0, position))
    where = f" in <{tags[-1].group(1)}>" if tags else ""
    line = text.count("\n", 0, position) + 1
    raise ModelError(
        f"cannot write U+{ord(bad.group()):04X}{where} (line {line} of the document):"
        " XML cannot hold that character, not even as a reference",
        path=open_elements(text, position),
    )
