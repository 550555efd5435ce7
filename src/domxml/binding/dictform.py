"""Models as plain data (dicts, lists, strings, numbers, booleans) and back.

The data form is derived from the declarations, like XML reading and
writing: a model is a dict keyed by its Python field names, in declaration
order; a value is a JSON scalar (a number for an integer, a boolean for a
yes/no or on/off word, an enumeration's written word, the written text for
a value of a codec the engine does not know); a repeated field is a list;
an absent value is left out, except for a required field (one declared
without a default), which is ``null`` then. A discriminated model carries its
discriminator, so the variant is chosen again on the way back. A class may
register a compact form (:func:`register_compact`), used when it carries
nothing else. :mod:`domxml.binding.dictload` reads the form back.

What a parsed model holds beyond its typed values (the bookkeeping of
:mod:`domxml.binding.node`) goes in one side entry, ``"_xml"``, present only
when there is something to keep:

``attrs``
    ``{written name: text}``: attributes no field types, typed ones whose
    text the codec refused (the field is absent), and typed ones written
    otherwise than the codec writes them (``bus='0x1'``).
``text``
    the element's own text, when no field holds it or it is written
    otherwise than the codec writes it.
``leaves``
    ``{field: text}`` (for a repeated field, a list with ``null`` where the
    codec's form is right): text-only children written otherwise.
``items``
    the content in document order, when it holds what no field holds or
    is not in declaration order: a field name stands for that field's next
    element; ``{"element": xml}``, ``{"comment": text}``,
    ``{"pi": "target data"}`` and ``{"text": text}`` for the rest.
``mixed``
    ``true`` for text between child elements that means something.
``prefix``, ``ns``
    the element's namespace prefix, where it is not the declared one, and
    the namespace declarations it makes (``{prefix or "": uri}``).
``declaration``, ``prolog``, ``epilog``
    on the root: the XML declaration and the comments and processing
    instructions around the root element (items as above).
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Callable
from typing import Any

from lxml import etree

from domxml.binding.codecs import BoolCodec, EnumCodec, FloatCodec, IntCodec, StrCodec
from domxml.binding.declare import Kind, Model
from domxml.binding.escape import write_foreign
from domxml.binding.node import DOC_ATTR, NODE_ATTR, DocumentInfo, Node, attr_pairs
from domxml.binding.order import LEAF, TEXT, ordered_content
from domxml.binding.pending import settle
from domxml.binding.spec import ClassSpec, FieldSpec, spec_of
from domxml.errors import ModelError

__all__ = [
    "XML_KEY",
    "CompactForm",
    "compact_form",
    "element_text",
    "register_compact",
    "scalar_kind",
    "to_data",
]

#: The key of the side entry that carries what typed fields do not hold.
XML_KEY = "_xml"

# How a scalar value is represented: by the engine's codecs, as JSON natives;
# by any other codec, as its written text.
STRING, INTEGER, NUMBER, BOOLEAN, ENUM, TEXTUAL = range(6)


def scalar_kind(f: FieldSpec) -> int:
    """How values of an attribute, text or leaf field appear in the data form."""
    codec = f.codec
    if isinstance(codec, BoolCodec):
        return BOOLEAN
    if isinstance(codec, IntCodec):
        return INTEGER
    if isinstance(codec, FloatCodec):
        return NUMBER
    if isinstance(codec, EnumCodec):
        return ENUM
    if type(codec) is StrCodec:
        return STRING
    return TEXTUAL


@dataclasses.dataclass(frozen=True)
class CompactForm:
    """A shorter form of a model class's data, for the common case.

    ``dump`` gets the model's data (a dict, without ``_xml``) and returns
    the compact value, or None when the dict must stay; ``load`` turns a
    compact value back into that dict, raising ``ValueError`` when it
    cannot; ``schema`` is the JSON Schema of the compact values.
    """

    dump: Callable[[dict[str, Any]], Any]
    load: Callable[[Any], dict[str, Any]]
    schema: dict[str, Any]


_COMPACT: dict[type, CompactForm] = {}
_COMPACT_OF: dict[type, CompactForm | None] = {}


def register_compact(cls: type[Model], form: CompactForm) -> None:
    """Use ``form`` for ``cls`` and its subclasses."""
    _COMPACT[cls] = form
    _COMPACT_OF.clear()
    _DUMPERS.clear()


def compact_form(cls: type) -> CompactForm | None:
    """The compact form registered for ``cls`` or its nearest base class."""
    try:
        return _COMPACT_OF[cls]
    except KeyError:
        form = next((_COMPACT[k] for k in cls.__mro__ if k in _COMPACT), None)
        _COMPACT_OF[cls] = form
        return form


# --- model -> data ------------------------------------------------------------


def to_data(obj: Model) -> Any:
    """The data form of a model (a dict, or a registered compact value)."""
    try:
        return _DUMPERS[type(obj)](obj, _NO_NAMESPACES, True)
    except (TypeError, ValueError, AttributeError) as e:
        raise ModelError(f"cannot convert {type(obj).__name__}: {e}") from e


# What a field's value becomes.
_SKIP, _PLAIN, _NATIVE, _WORD, _CHILD, _CHILDREN, _ANY = range(7)

#: ``dump(obj, inner, root)``: the data form of ``obj`` (see :func:`_compile_dumper`).
Dumper = Callable[[Any, frozenset[str], bool], Any]
_NO_NAMESPACES: frozenset[str] = frozenset()


class _Dumpers(dict[type, Dumper]):
    """The dumper of each model class, compiled on first use."""

    def __missing__(self, cls: type) -> Dumper:
        dumper = self[cls] = _compile_dumper(spec_of(cls))
        return dumper


_DUMPERS = _Dumpers()


def _action(f: FieldSpec) -> int:
    if f.kind is Kind.CHILD:
        return _CHILDREN if f.many else _CHILD
    if f.kind is Kind.ANY:
        return _ANY
    if f.plain and not f.many:
        return _PLAIN
    return _WORD if scalar_kind(f) in (ENUM, TEXTUAL) else _NATIVE


# The test that a scalar is already what the data form holds, per kind (the
# generic _scalar() does the rest: subclasses, and the error).
_EXACT = {
    BOOLEAN: "type({v}) is bool",
    INTEGER: "type({v}) is int",
    NUMBER: "(type({v}) is int or type({v}) is float)",
    STRING: "type({v}) is str",
}


def _scalar_expression(f: FieldSpec, action: int, v: str, env: dict[str, Any], i: int) -> str:
    """A Python expression: the data form of the value held in variable ``v``."""
    env[f"f{i}"] = f
    generic = f"scalar(f{i}, {v}, {action})"
    codec = f.codec
    if action == _NATIVE:
        return f"({v} if {_EXACT[scalar_kind(f)].format(v=v)} else {generic})"
    if type(codec) is EnumCodec and all(type(m.value) is str for m in codec.enum_type):
        env[f"E{i}"] = codec.enum_type
        return f"({v}._value_ if type({v}) is E{i} else {generic})"
    return generic


def _compile_dumper(spec: ClassSpec) -> Dumper:
    """A function writing the data form of ``spec``'s models, specialised to its fields.

    Fields are read as attributes (``d.get`` where the name is data), so
    that an instance dict holding only the present fields reads the same.
    What a parsed model's node adds (``_xml``) is worked out by :func:`_side`,
    after a test written out here shows there may be something to say.
    """
    env: dict[str, Any] = {
        "spec": spec,
        "D": _DUMPERS,
        "scalar": _scalar,
        "side_of": _side,
        "document_side": _document_side,
        "element_text": element_text,
        "settle": settle,
    }
    lines = [
        "def dump(obj, inner, root):",
        "    settle(obj)",
        "    d = obj.__dict__",
        f"    node = d.get({NODE_ATTR!r})",
        "    if node is not None and node.nsdecl and not root:",
        "        inner = inner | {uri for _prefix, uri in node.nsdecl}",
        "    out = {}",
    ]
    for i, f in enumerate(spec.by_py.values()):
        name = f.py
        action = _action(f)
        # A parsed model holds no absent field (it reads as None, its class
        # default; a parsed one whose default is not None holds None), and
        # no list for a repeated field without items: empty.
        lines.append(f"    v = d.get({name!r}, ())" if f.many else f"    v = d.get({name!r})")
        if f.required:
            lines += ["    if v is None:", f"        out[{name!r}] = None", "    else:"]
        else:
            lines.append("    if v is not None:")
        put = f"        out[{name!r}] = "
        if action == _PLAIN:
            lines.append(put + "v")
        elif action == _CHILD:
            lines.append(put + "D[type(v)](v, inner, False)")
        elif not f.many:
            lines.append(put + _scalar_expression(f, action, "v", env, i))
        else:
            lines.append("        if v:")
            if action == _CHILDREN:
                item = "D[type(x)](x, inner, False)"
            elif action == _ANY:
                item = "element_text(x)"
            else:
                item = _scalar_expression(f, action, "x", env, i)
            lines.append(f"    {put}[{item} for x in v]")
    lines += ["    side = None", "    if node is not None:"]
    lines += ["        " + line for line in _clean_test(spec, env)]
    lines += ["        if not clean:", "            side = side_of(obj, spec, node)"]
    decl = spec.decl
    if decl.ns is not None:
        # Built in code, it would be declared on the root: keep it parsed,
        # in the scope of the element that declares its namespace.
        env["ns"] = decl.ns
        lines += [
            "        if not side and ns in inner:",
            "            side = {'prefix': node.prefix}",
        ]
    lines += [
        f"    info = d.get({DOC_ATTR!r})",
        "    if info is not None:",
        "        side = document_side(info, side)",
        "    if side:",
        f"        out[{XML_KEY!r}] = side",
        "        return out",
    ]
    form = compact_form(spec.cls)
    if form is not None:
        env["compact"] = form.dump
        lines += ["    made = compact(out)", "    if made is not None:", "        return made"]
    lines.append("    return out")
    source = "\n".join(lines)
    code = compile(source, f"<domxml dumper for {spec.cls.__qualname__}>", "exec")
    exec(code, env)
    dumper: Dumper = env["dump"]
    return dumper


def _clean_test(spec: ClassSpec, env: dict[str, Any]) -> list[str]:
    """Lines setting ``clean``: true when :func:`_side` would find nothing to say of ``node``.

    A false ``clean`` only costs the call to :func:`_side`, which decides.
    """
    # Typed attributes whose text is kept as read (unless the codec refused
    # it: node.bad), and those whose text is to be compared with the value's.
    kept = frozenset(f.qname for f in spec.attr_list if f.plain or isinstance(f.codec, _ONE_FORM))
    compared = {f.qname: (f.py, f.codec.encode) for f in spec.attr_list if f.qname not in kept}
    env["attr_pairs"] = attr_pairs
    env["kept"] = kept
    env["compared"] = compared
    env["plain_content"] = _content_test(spec)
    decl = spec.decl
    env["prefix"] = decl.prefix if decl.ns is not None else None
    lines = [
        "clean = not (node.bad or node.mixed or node.nsdecl) and node.prefix == prefix",
        "if clean and node.items:",
        "    clean = plain_content(node.items)",
        "if clean:",
        "    for name, raw in attr_pairs(node):",
        "        if name not in kept:",
        "            check = compared.get(name)",
        "            if check is None:",
        "                clean = False",
        "                break",
        "            v = d.get(check[0])",
        "            if v is not None and raw != check[1](v):",
        "                clean = False",
        "                break",
    ]
    text = spec.text
    lines.append("if clean and node.text is not None:")
    if text is None:
        lines.append("    clean = node.text[0].isspace()")
    else:
        env["encode_text"] = text.codec.encode
        lines += [
            "    raw, parsed = node.text",
            f"    v = d.get({text.py!r})",
            "    clean = v is not None and not (",
            "        v == parsed and type(v) is type(parsed) and raw != encode_text(v)",
            "    )",
        ]
    return lines


_NATIVE_TYPES: dict[int, type | tuple[type, ...]] = {
    BOOLEAN: bool,
    INTEGER: int,
    NUMBER: (int, float),
    STRING: str,
}


def _scalar(f: FieldSpec, v: Any, action: int) -> Any:
    if action == _WORD:
        codec = f.codec
        if type(codec) is EnumCodec and type(v) is codec.enum_type:
            word = v._value_  # what encode() gives, without the enum's slow property
            return word if type(word) is str else str(word)
        return codec.encode(v)
    kind = scalar_kind(f)
    if not isinstance(v, _NATIVE_TYPES[kind]) or (kind != BOOLEAN and isinstance(v, bool)):
        raise TypeError(f"{f.py}: expected {f.codec.python_type.__name__}, got {type(v).__name__}")
    return v


def _side(obj: Any, spec: ClassSpec, node: Node) -> dict[str, Any]:
    """What ``node`` keeps that the typed values do not say, as data."""
    d = obj.__dict__
    side: dict[str, Any] = {}
    if node.attrs:
        attrs = _attrs_side(d, spec, node)
        if attrs:
            side["attrs"] = attrs
    if node.text is not None:
        raw, parsed = node.text
        text_field = spec.text
        if text_field is None:
            if not raw.isspace():  # whitespace alone is layout
                side["text"] = raw
        else:
            v = d[text_field.py]
            if v is None:
                side["text"] = raw  # the writer keeps it: the codec refused it
            elif v == parsed and type(v) is type(parsed) and raw != text_field.codec.encode(v):
                side["text"] = raw
    if node.mixed or (node.items and not _plain_content(spec, node)):
        _content_side(obj, spec, node, side)
    if node.mixed:
        side["mixed"] = True
    decl = spec.decl
    if node.prefix != (decl.prefix if decl.ns is not None else None):
        side["prefix"] = node.prefix
    if node.nsdecl:
        side["ns"] = {prefix or "": uri for prefix, uri in node.nsdecl}
    return side


# Codecs that read one text per value: a value read keeps its written form.
_ONE_FORM = (EnumCodec, BoolCodec)


def _attrs_side(d: dict[str, Any], spec: ClassSpec, node: Node) -> dict[str, str]:
    """Attributes the writer would write otherwise than from the typed values alone.

    As :func:`domxml.binding.order.ordered_attrs`: a typed value keeps its
    source text while that text still reads as the value.
    """
    attrs: dict[str, str] = {}
    fields = spec.attrs
    bad = node.bad
    names = node.names or {}
    for name, raw in attr_pairs(node):
        f = fields.get(name)
        if f is None:
            attrs[names.get(name, name)] = raw
            continue
        v = d[f.py]
        if v is None:
            if name in bad:  # the codec refused it: written as it was
                attrs[_attr_key(f)] = raw
            continue
        if name in bad or (type(v) is str and f.plain) or isinstance(f.codec, _ONE_FORM):
            continue
        if raw != f.codec.encode(v):
            try:
                parsed = f.codec.decode(raw)
            except ValueError:
                continue
            if parsed == v and type(parsed) is type(v):
                attrs[_attr_key(f)] = raw
    return attrs


def _plain_content(spec: ClassSpec, node: Node) -> bool:
    """Whether the content is known elements in declaration order, written as encoded."""
    by_py = spec.by_py
    last = -1
    for item in node.items:
        kind = type(item)
        if kind is str:
            f = by_py[item]
        elif kind is tuple:
            f = by_py[item[0]]
            if not f.plain and item[1] != f.codec.encode(item[2]):
                return False
        else:
            return False
        if f.index < last:
            return False
        last = f.index
    return True


def _content_test(spec: ClassSpec) -> Callable[[list[Any]], bool]:
    """:func:`_plain_content` for ``spec``, its fields' ranks and written forms at hand."""
    rank = {f.py: f.index for f in spec.elem_list}
    encoders = {f.py: f.codec.encode for f in spec.elem_list if not f.plain}

    def plain_content(items: list[Any]) -> bool:
        last = -1
        for item in items:
            kind = type(item)
            if kind is str:
                index = rank[item]
            elif kind is tuple:
                name = item[0]
                index = rank[name]
                encode = encoders.get(name)
                if encode is not None and item[1] != encode(item[2]):
                    return False
            else:
                return False
            if index < last:
                return False
            last = index
        return True

    return plain_content


def _attr_key(f: FieldSpec) -> str:
    return f.qname if f.qname[0] == "{" else f.written


def _content_side(obj: Any, spec: ClassSpec, node: Node, side: dict[str, Any]) -> None:
    d = obj.__dict__
    items: list[Any] = []
    leaves: dict[str, Any] = {}
    counters: dict[str, int] = {}
    in_order = True
    last_index = -1
    for kind, f, payload in ordered_content(obj, spec, node, False):
        if f is None:
            in_order = False
            items.append(_foreign_token(payload) if kind != TEXT else {"text": str(payload)})
            continue
        items.append(f.py)
        if f.index < last_index:
            in_order = False
        last_index = f.index
        if kind == LEAF:
            k = counters.get(f.py, 0)
            counters[f.py] = k + 1
            value = d[f.py][k] if f.many else d[f.py]
            if payload != f.codec.encode(value):
                if f.many:
                    raws = leaves.setdefault(f.py, [])
                    raws.extend([None] * (k - len(raws)))
                    raws.append(payload)
                else:
                    leaves[f.py] = payload
    if leaves:
        side["leaves"] = leaves
    if not in_order or node.mixed:
        side["items"] = items


def _foreign_token(item: Any) -> dict[str, str]:
    if isinstance(item, etree._Comment):
        return {"comment": item.text or ""}
    if isinstance(item, etree._ProcessingInstruction):
        target = str(item.target)
        return {"pi": f"{target} {item.text}" if item.text else target}
    return {"element": element_text(item)}


def element_text(el: etree._Element) -> str:
    """An lxml element as XML text that parses on its own.

    Namespace declarations it inherits are declared on it, unless nothing
    inside uses them; those the source made inside it are kept.
    """
    own: set[str] = set()
    parent = el.getparent()
    outer: dict[Any, str] = dict(parent.nsmap) if parent is not None else {}
    for e in el.iter():
        if not isinstance(e.tag, str):
            continue
        up = e.getparent()
        above = outer if e is el else (up.nsmap if up is not None else {})
        own.update(p for p, uri in e.nsmap.items() if p is not None and above.get(p) != uri)
    detached = copy.deepcopy(el)
    detached.tail = None
    etree.cleanup_namespaces(detached, keep_ns_prefixes=sorted(own))
    out: list[str] = []
    write_foreign(detached, out)
    return "".join(out)


def _document_side(info: DocumentInfo, side: dict[str, Any] | None) -> dict[str, Any] | None:
    if not (info.declaration or info.prolog or info.epilog):
        return side
    side = dict(side or {})
    if info.declaration:
        side["declaration"] = info.declaration
    if info.prolog:
        side["prolog"] = [_foreign_token(item) for item in info.prolog]
    if info.epilog:
        side["epilog"] = [_foreign_token(item) for item in info.epilog]
    return side
