"""Readers generated once per model class, for speed.

:mod:`domxml.binding.reader` reads any element from a class's tables; this
module writes, for each class, a Python function specialised to its
declaration (its attribute names, element names and codecs written out as
constants) and compiles it. The generated function handles the common case;
an element with mixed content (text between its children) goes to the
table-driven reader, which keeps every text node.
"""

from __future__ import annotations

import inspect
import sys
from collections.abc import Callable
from typing import Any

from lxml import etree

from domxml.binding.changes import ModelList
from domxml.binding.codecs import BoolCodec, EnumCodec, IntCodec
from domxml.binding.declare import Kind, Model
from domxml.binding.escape import written_name
from domxml.binding.node import NODE_ATTR, SHORT, Fields, Node, short
from domxml.binding.pending import PENDING_ATTR, Pending, PendingField
from domxml.binding.reader import (
    ReadContext,
    elements_in,
    held,
    read_generic,
    read_namespaces,
    take_prebound,
)
from domxml.binding.spec import UNKNOWN, ClassSpec, FieldSpec, spec_of

Reader = Callable[[etree._Element, ReadContext, Node | None], Model]

_READERS: dict[int, Reader] = {}


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
        "intern": sys.intern,
        "short": short,
        "Node": Node,
        "ModelList": ModelList,
        "UNKNOWN": UNKNOWN,
        "generic": read_generic,
        "spec": spec,
        "bad_attr": _bad_attr,
        "foreign_attr": _foreign_attr,
        "namespaces": read_namespaces,
        "list_append": list.append,
        "elements_in": elements_in,
        "held": held,
    }
    env["take_prebound"] = take_prebound
    lines = [
        "def read(el, context, parent):",
        "    prebound = context.prebound",
        "    if prebound is not None:",
        "        found = prebound.get(el)",
        "        if found is not None:",
        "            return take_prebound(found, context, parent)",
        "    obj = new(cls)",
    ]

    def store(name: str, value: str) -> str:
        return f"d[{name!r}] = {value}" if spec.sparse else f"sa(obj, {name!r}, {value})"

    def load(name: str) -> str:
        return f"d.get({name!r})" if spec.sparse else f"obj.{name}"

    if spec.sparse:
        # Only the fields present, and those whose class default is not None.
        env["Fields"] = Fields
        env["blank"] = spec.parsed_blank
        env["set_dict"] = object.__setattr__  # not Model.__setattr__'s checks
        lines += ["    d = Fields(blank)", "    set_dict(obj, '__dict__', d)"]
    else:
        # Not Model.__setattr__'s checks, nor obj.__dict__: asking for that
        # makes a dict object (64 bytes) beside the instance's own values.
        env["sa"] = object.__setattr__
        lines += [f"    sa(obj, {name!r}, None)" for name in spec.parsed_blank]
    lines += [
        "    items = []",
        "    pos = context.pos",
        "    context.pos = pos + 1",
        # Node's own __init__, spelled out: a call less per element.
        "    node = new(Node)",
        f"    sa(obj, {NODE_ATTR!r}, node)" if not spec.sparse else f"    d[{NODE_ATTR!r}] = node",
        "    node.attrs = ()",
        "    node.items = items",
        "    node.parent = parent",
        "    node.pos = pos",
        "    node.text = node.rare = None",
        "    lazy = context.lazy",
        "    P = None",
        "    if context.namespaces:",
        "        namespaces(el, node)",
    ]
    # A repeated field's list is made with its first item: an absent one
    # is made when first asked for (Model.__getattr__), most never are.
    list_var: dict[str, str] = {}
    for i, name in enumerate(spec.lists):
        list_var[name] = f"L{i}"
        lines.append(f"    L{i} = None")
    # Attributes: a branch per name, decoding only what is not text.
    attr_bodies: list[tuple[str, list[str]]] = []
    for i, f in enumerate(spec.attr_list):
        if f.plain:
            body = [store(f.py, "raw")]
        else:
            body = decoding(f, f"attr_dec{i}", env, "raw", "value")
            body += [store(f.py, "value"), "if value is None:", "    bad_attr(node, name)"]
        attr_bodies.append((f.qname, body))
    # flat_attrs(), written out in the loop over the attributes: names and
    # short values interned (see node.short).
    lines += [
        "    attrs = el.items()",
        "    if attrs:",
        "        flat = []",
        "        for name, raw in attrs:",
        "            name = intern(name)",
        f"            if len(raw) < {SHORT}:",
        "                raw = intern(raw)",
        "            flat.append(name)",
        "            flat.append(raw)",
    ]
    lines += branches(
        "name",
        attr_bodies,
        ["if name[0] == '{':", "    foreign_attr(el, node, name)"],
        "            ",
        env,
        "attr_at",
    )
    lines.append("        node.attrs = tuple(flat)")
    # The element's own text.
    lines.append("    own = el.text")
    text = spec.text
    if text is not None:
        lines.append("    if own is not None and (not len(el) or not own.isspace()):")
        lines.append("        own = short(own)")
        lines += [f"        {line}" for line in decoding(text, "dec_text", env, "own", "value")]
        lines += [
            f"        {store(text.py, 'value')}",
            "        if value is None:",
            "            value = UNKNOWN",
            "        node.text = (own, value)",
        ]
    else:
        lines += [
            "    if own is not None:",
            "        if not len(el):",
            "            node.text = (short(own), UNKNOWN)",
            "        elif not own.isspace():",
            "            context.pos = pos",
            "            return generic(spec, el, context, parent)  # mixed content",
        ]
    # Children: a branch per element name.
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
    child_bodies: list[tuple[str, list[str]]] = []
    lazy_fields = pending_fields(spec)
    readers: dict[str, Reader] = {}
    for i, f in enumerate(spec.elem_list):
        if f.kind is Kind.ANY:
            continue
        if f.kind is Kind.CHILD:
            env[f"rd{i}"] = _child_reader(f, env, f"rd{i}")
            if f.many:
                body = [
                    f"if {list_var[f.py]} is None:",
                    f"    {list_var[f.py]} = ModelList()",
                    f"    {store(f.py, list_var[f.py])}",
                    f"    {list_var[f.py]}.owner = node",
                    f"list_append({list_var[f.py]}, rd{i}(c, context, node))",
                    f"items.append({f.py!r})",
                ]
            else:
                body = [
                    f"if {load(f.py)} is None:",
                    f"    {store(f.py, f'rd{i}(c, context, node)')}",
                    f"    items.append({f.py!r})",
                    "else:",
                    "    items.append(c)",
                    "    context.pos += elements_in(c)",
                ]
            if f.py in lazy_fields:
                readers[f.py] = env[f"rd{i}"]
                body = ["if lazy:", *(f"    {line}" for line in _pend(f)), "else:"] + [
                    f"    {line}" for line in body
                ]
        else:
            # read_leaf(), written out: a text-only element and the value it reads as.
            body = [
                "if len(c) or c.attrib:",
                "    items.append(c)",
                "    context.pos += elements_in(c)",
                "else:",
                "    raw = c.text or ''",
                "    raw = short(raw)",
                "    context.pos += 1",
            ]
            if f.plain:
                body.append("    value = raw")
            else:
                body += [f"    {line}" for line in decoding(f, f"leaf_dec{i}", env, "raw", "value")]
            if f.many:
                body += [
                    "    if value is None:",
                    "        items.append(c)",
                    "    else:",
                    f"        if {list_var[f.py]} is None:",
                    f"            {list_var[f.py]} = ModelList()",
                    f"            {store(f.py, list_var[f.py])}",
                    f"            {list_var[f.py]}.owner = node",
                    f"        list_append({list_var[f.py]}, value)",
                    f"        items.append(({f.py!r}, raw, value))",
                ]
            else:
                body += [
                    f"    if value is None or {load(f.py)} is not None:",
                    "        items.append(c)",
                    "    else:",
                    f"        {store(f.py, 'value')}",
                    f"        items.append(({f.py!r}, raw, value))",
                ]
        child_bodies.append((f.qname, body))
    anything = spec.any
    if anything is not None:
        other = [
            "context.pos += elements_in(c)",
            "if type(tag) is str:",
            f"    if {list_var[anything.py]} is None:",
            f"        {list_var[anything.py]} = ModelList()",
            f"        {store(anything.py, list_var[anything.py])}",
            f"        {list_var[anything.py]}.owner = node",
            f"    list_append({list_var[anything.py]}, c)",
            f"    items.append({anything.py!r})",
            "else:",
            "    items.append(c)",
        ]
    else:
        other = ["items.append(c)", "context.pos += elements_in(c)"]
    lines += branches("tag", child_bodies, other, "        ", env, "child_at")
    if anything is not None:
        lines += [
            f"    if {list_var[anything.py]}:",
            f"        held(node, {list_var[anything.py]}, context)",
        ]
    if readers:
        env["Pending"] = Pending
        env["readers"] = readers
        lines += [
            "    if P is not None:",
            f"        {store(PENDING_ATTR, 'Pending(context, P, readers)')}",
        ]
    # Tuples, the empty one shared: fewer objects for the collector to walk.
    lines.append("    node.items = tuple(items) if items else ()")
    lines.append("    return obj")
    source = "\n".join(lines)
    code = compile(source, f"<domxml reader for {spec.cls.__qualname__}>", "exec")
    exec(code, env)
    reader: Reader = env["read"]
    return reader


def pending_fields(spec: ClassSpec) -> frozenset[str]:
    """The child model fields of ``spec``'s class that a lazy read leaves pending.

    A repeated field (``Model.__getattr__`` reads it when first asked for),
    and a single one whose class attribute is a :class:`PendingField` and
    that a parsed model leaves out when absent: a field of a class default
    other than None is set on every parsed model, which no pending read
    could then replace.
    """
    names = set()
    for f in spec.child_fields:
        static = inspect.getattr_static(spec.cls, f.py, None)
        if (f.many and static is None) or (
            not f.many and isinstance(static, PendingField) and f.py not in spec.parsed_blank
        ):
            names.add(f.py)
    return frozenset(names)


def _pend(f: FieldSpec) -> list[str]:
    """Lines that leave a child element of field ``f`` pending (see pending_fields)."""
    name = repr(f.py)
    if f.many:
        return [
            "if P is None:",
            "    P = {}",
            f"e = P.get({name})",
            "if e is None:",
            f"    e = P[{name}] = []",
            "e.append((c, context.pos))",
            "context.pos += elements_in(c)",
            f"items.append({name})",
        ]
    return [
        "if P is None:",
        "    P = {}",
        f"if {name} in P:",
        "    items.append(c)  # a second one: kept as it is",
        "else:",
        f"    P[{name}] = (c, context.pos)",
        f"    items.append({name})",
        "context.pos += elements_in(c)",
    ]


#: Past this many names, a branch is found through a dict and a tree of
#: comparisons of its number rather than by comparing names one by one.
_CHAIN_MAX = 3


def branches(
    var: str,
    bodies: list[tuple[str, list[str]]],
    other: list[str],
    indent: str,
    env: dict[str, Any],
    table: str,
) -> list[str]:
    """Lines that run the body of the name ``var`` holds, or ``other`` for any other name."""
    lines: list[str] = []
    if len(bodies) <= _CHAIN_MAX:
        keyword = "if"
        for name, body in bodies:
            lines.append(f"{indent}{keyword} {var} == {name!r}:")
            lines += [f"{indent}    {line}" for line in body]
            keyword = "elif"
        if not bodies:
            return [f"{indent}{line}" for line in other]
        lines.append(f"{indent}else:")
        lines += [f"{indent}    {line}" for line in other]
        return lines
    env[table] = {name: i for i, (name, _) in enumerate(bodies)}.get
    lines.append(f"{indent}i = {table}({var}, -1)")
    lines.append(f"{indent}if i < 0:")
    lines += [f"{indent}    {line}" for line in other]
    lines.append(f"{indent}else:")
    lines += _tree([body for _, body in bodies], 0, len(bodies), indent + "    ")
    return lines


def _tree(bodies: list[list[str]], low: int, high: int, indent: str) -> list[str]:
    """The body of branch ``i`` (from ``low`` to ``high``), by halving the range."""
    if high - low == 1:
        return [f"{indent}{line}" for line in bodies[low]]
    middle = (low + high) // 2
    return [
        f"{indent}if i < {middle}:",
        *_tree(bodies, low, middle, indent + "    "),
        f"{indent}else:",
        *_tree(bodies, middle, high, indent + "    "),
    ]


def decoding(f: FieldSpec, name: str, env: dict[str, Any], raw: str, target: str) -> list[str]:
    """Lines that set ``target`` to the value the text ``raw`` reads as, or None.

    The codecs of a word or an enumeration are a dict lookup and a decimal
    or hexadecimal integer is ``int()``, written out here; any other codec
    is called (its method spares no work).
    """
    codec = f.codec
    if type(codec) is EnumCodec:
        env[name] = codec.by_text.get
        return [f"{target} = {name}({raw})"]
    if type(codec) is BoolCodec:
        env[name] = {codec.true: True, codec.false: False}.get
        return [f"{target} = {name}({raw})"]
    env[name] = codec.decode
    if type(codec) is IntCodec:
        # IntCodec.decode, for the texts that are digits or 0x and hex digits.
        return [
            "try:",
            f"    if {raw}.isdigit():",
            f"        {target} = int({raw})",
            f"    elif {raw}[:2] == '0x':",
            f"        {target} = int({raw}[2:], 16)",
            "    else:",
            f"        {target} = {name}({raw})",
            "except ValueError:",
            f"    {target} = None",
        ]
    return [
        "try:",
        f"    {target} = {name}({raw})",
        "except ValueError:",
        f"    {target} = None",
    ]
