"""Readers generated once per model class, for speed.

:mod:`domxml.binding.reader` reads any element from a class's tables; this
module writes, for each class, a Python function specialised to its
declaration (its attribute names, element names and codecs written out as
constants) and compiles it. The generated function handles the common case;
an element with mixed content (text between its children) goes to the
table-driven reader, which keeps every text node.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from lxml import etree

from domxml.binding.changes import ModelList
from domxml.binding.declare import Kind, Model
from domxml.binding.node import NODE_ATTR, Node
from domxml.binding.reader import (
    ReadContext,
    elements_in,
    held,
    read_generic,
    read_leaf,
    read_namespaces,
    written_name,
)
from domxml.binding.spec import UNKNOWN, ClassSpec, FieldSpec, spec_of

Reader = Callable[[etree._Element, ReadContext, Node | None], Model]

_READERS: dict[int, Reader] = {}

#: The most instance attributes whose keys CPython shares between instances.
_SHARED_KEYS_MAX = 30


def reader_for(cls: type[Model]) -> Reader:
    """The reader of ``cls``: it picks the variant for each element, if any."""
    return _reader_of_spec(spec_of(cls))


def _reader_of_spec(spec: ClassSpec) -> Reader:
    reader = _READERS.get(id(spec))
    if reader is None:
        variants = spec.decl.variants
        if variants and spec.decl.discriminator is not None:
            reader = _dispatcher(spec, spec.decl.discriminator)
        else:
            reader = _compile(spec)
        _READERS[id(spec)] = reader
    return reader


def _dispatcher(spec: ClassSpec, discriminator: str) -> Reader:
    base = _compile(spec)
    choices = {value: _compile(spec_of(cls)) for value, cls in spec.decl.variants.items()}
    get = choices.get

    def read_variant(el: etree._Element, context: ReadContext, parent: Node | None) -> Model:
        return (get(el.get(discriminator, "")) or base)(el, context, parent)

    return read_variant


def _child_reader(f: FieldSpec, env: dict[str, Any], name: str) -> Reader:
    """A reader for a child field that compiles its model on first use (models recurse).

    It then puts the compiled reader in its place among the generated
    function's globals (``env[name]``), so later calls go to it directly.
    """

    def read_child(el: etree._Element, context: ReadContext, parent: Node | None) -> Model:
        reader = _reader_of_spec(f.spec or f.resolve())
        env[name] = reader
        return reader(el, context, parent)

    return read_child


def _bad_attr(node: Node, name: str) -> None:
    node.bad = node.bad | {name}


def _foreign_attr(el: etree._Element, node: Node, name: str) -> None:
    if node.names is None:
        node.names = {}
    node.names[name] = written_name(el, name)


def _compile(spec: ClassSpec) -> Reader:
    env: dict[str, Any] = {
        "cls": spec.cls,
        "new": object.__new__,
        "Node": Node,
        "ModelList": ModelList,
        "UNKNOWN": UNKNOWN,
        "generic": read_generic,
        "spec": spec,
        "bad_attr": _bad_attr,
        "foreign_attr": _foreign_attr,
        "namespaces": read_namespaces,
        "read_leaf": read_leaf,
        "list_append": list.append,
        "elements_in": elements_in,
        "held": held,
    }
    lines = ["def read(el, context, parent):", "    obj = new(cls)"]
    if len(spec.singles) + len(spec.lists) + 1 > _SHARED_KEYS_MAX:
        # CPython shares the keys of at most 30 instance attributes between
        # the instances of a class; past that each instance has a dict of
        # its own, made faster and smaller as a copy than key by key.
        env["blank"] = dict.fromkeys((*spec.singles, NODE_ATTR, *spec.lists))
        lines.append("    d = obj.__dict__ = blank.copy()")
    else:
        lines.append("    d = obj.__dict__")
        if spec.singles:
            lines.append("    " + " = ".join(f"d[{name!r}]" for name in spec.singles) + " = None")
    lines += [
        "    attrs = el.items()",
        "    items = []",
        "    pos = context.pos",
        "    context.pos = pos + 1",
        f"    node = d[{NODE_ATTR!r}] = Node(tuple(attrs) if attrs else (), items, parent, pos)",
        "    if context.namespaces:",
        "        namespaces(el, node)",
    ]
    list_var: dict[str, str] = {}
    for i, name in enumerate(spec.lists):
        list_var[name] = f"L{i}"
        lines.append(f"    L{i} = d[{name!r}] = ModelList()")
        lines.append(f"    L{i}.owner = node")
    # Attributes: an if-chain on the names, decoding only what is not text.
    lines.append("    for name, raw in attrs:")
    keyword = "if"
    for i, f in enumerate(spec.attr_list):
        lines.append(f"        {keyword} name == {f.qname!r}:")
        if f.plain:
            lines.append(f"            d[{f.py!r}] = raw")
        else:
            env[f"dec{i}"] = f.codec.decode
            lines += [
                "            try:",
                f"                d[{f.py!r}] = dec{i}(raw)",
                "            except ValueError:",
                "                bad_attr(node, name)",
            ]
        keyword = "elif"
    lines.append(f"        {keyword} name[0] == '{{':")
    lines.append("            foreign_attr(el, node, name)")
    # The element's own text.
    lines.append("    own = el.text")
    text = spec.text
    if text is not None:
        env["dec_text"] = text.codec.decode
        lines += [
            "    if own is not None and (not len(el) or not own.isspace()):",
            "        try:",
            "            value = dec_text(own)",
            "        except ValueError:",
            "            value = UNKNOWN",
            "        else:",
            f"            d[{text.py!r}] = value",
            "        node.text = (own, value)",
        ]
    else:
        lines += [
            "    if own is not None:",
            "        if not len(el):",
            "            node.text = (own, UNKNOWN)",
            "        elif not own.isspace():",
            "            context.pos = pos",
            "            return generic(spec, el, context, parent)  # mixed content",
        ]
    # Children: an if-chain on the element names.
    lines += [
        "    for c in el:",
        "        tail = c.tail",
        "        if tail is not None and not tail.isspace():",
        "            # Mixed content; what this element's subtree put in",
        "            # context.holders is put there again (duplicates are harmless).",
        "            context.pos = pos",
        "            return generic(spec, el, context, parent)",
        "        tag = c.tag",
    ]
    keyword = "if"
    for i, f in enumerate(spec.elem_list):
        if f.kind is Kind.ANY:
            continue
        lines.append(f"        {keyword} tag == {f.qname!r}:")
        keyword = "elif"
        if f.kind is Kind.CHILD:
            env[f"rd{i}"] = _child_reader(f, env, f"rd{i}")
            if f.many:
                lines += [
                    f"            list_append({list_var[f.py]}, rd{i}(c, context, node))",
                    f"            items.append({f.py!r})",
                ]
            else:
                lines += [
                    f"            if d[{f.py!r}] is None:",
                    f"                d[{f.py!r}] = rd{i}(c, context, node)",
                    f"                items.append({f.py!r})",
                    "            else:",
                    "                items.append(c)",
                    "                context.pos += elements_in(c)",
                ]
        else:
            env[f"codec{i}"] = f.codec
            lines.append(f"            leaf = read_leaf(c, codec{i})")
            lines.append("            context.pos += 1 if leaf is not None else elements_in(c)")
            if f.many:
                lines += [
                    "            if leaf is None:",
                    "                items.append(c)",
                    "            else:",
                    f"                list_append({list_var[f.py]}, leaf[1])",
                    f"                items.append(({f.py!r}, leaf[0], leaf[1]))",
                ]
            else:
                lines += [
                    f"            if leaf is None or d[{f.py!r}] is not None:",
                    "                items.append(c)",
                    "            else:",
                    f"                d[{f.py!r}] = leaf[1]",
                    f"                items.append(({f.py!r}, leaf[0], leaf[1]))",
                ]
    anything = spec.any
    indent = "            " if keyword == "elif" else "        "
    if keyword == "elif":
        lines.append("        else:")
    if anything is not None:
        lines += [
            f"{indent}context.pos += elements_in(c)",
            f"{indent}if type(tag) is str:",
            f"{indent}    list_append({list_var[anything.py]}, c)",
            f"{indent}    items.append({anything.py!r})",
            f"{indent}else:",
            f"{indent}    items.append(c)",
            f"    if {list_var[anything.py]}:",
            f"        held(node, {list_var[anything.py]}, context)",
        ]
    else:
        lines += [f"{indent}items.append(c)", f"{indent}context.pos += elements_in(c)"]
    # Tuples, the empty one shared: fewer objects for the collector to walk.
    lines.append("    node.items = tuple(items) if items else ()")
    lines.append("    return obj")
    source = "\n".join(lines)
    code = compile(source, f"<domxml reader for {spec.cls.__qualname__}>", "exec")
    exec(code, env)
    reader: Reader = env["read"]
    return reader
