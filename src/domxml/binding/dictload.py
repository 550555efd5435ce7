"""Reading the data form (:mod:`domxml.binding.dictform`) back into models.

Models are made as the parser makes them (no constructor, no change
counted), variants chosen by their discriminator as the reader chooses
them, and the ``_xml`` side entry turned back into the bookkeeping of
:mod:`domxml.binding.node`, so that a model read from data is written as
the XML it came from. A value that does not fit its field is a
:class:`~domxml.errors.ModelError` naming where it is.
"""

from __future__ import annotations

import difflib
import enum
from collections.abc import Callable
from typing import Any
from xml.sax.saxutils import quoteattr

from lxml import etree

from domxml.binding.codecs import EnumCodec
from domxml.binding.declare import Kind, Model
from domxml.binding.dictform import (
    BOOLEAN,
    ENUM,
    INTEGER,
    NUMBER,
    STRING,
    XML_KEY,
    compact_form,
    scalar_kind,
)
from domxml.binding.node import DOC_ATTR, NODE_ATTR, DocumentInfo, Node, Text, flat_attrs
from domxml.binding.spec import UNKNOWN, ClassSpec, FieldSpec, spec_of
from domxml.errors import ModelError, ParseError
from domxml.safe_xml import parse_tree

__all__ = ["foreign_item", "from_data", "load_scalar", "parse_element"]


def from_data(cls: type[Model], data: Any, path: str = "") -> Model:
    """The model of ``cls`` (or of its variant) that ``data`` describes.

    Raises :class:`ModelError` naming the location of a value that does not
    fit its field (``path`` is the location of ``data``).

    Data is read by functions compiled per class (:func:`_compile_body`),
    which know no locations: on anything they do not take as it is, the
    data is read again by the generic reader (:func:`_load`), which decides
    and says where the fault is.
    """
    path = path or "/" + cls.__domxml__.tag
    try:
        try:
            obj: Model = _LOADERS[cls](data, _NO_SCOPE)
            if type(data) is dict:
                side = data.get(XML_KEY)
                if side:
                    _restore_document(obj, side, path)
            return obj
        except (_Bail, ModelError, TypeError, ValueError, AttributeError, KeyError, IndexError):
            return _load(cls, data, path, {}, root=True)
    except RecursionError:
        raise _fail(path, "nested too deeply") from None


# --- compiled readers ---------------------------------------------------------

#: ``load(data, scope)``: the model ``data`` describes (see :func:`_compile_body`).
Loader = Callable[[Any, dict[str, str]], Any]
_NO_SCOPE: dict[str, str] = {}


class _Bail(Exception):
    """Data the compiled readers leave to the generic one."""


def _bail() -> Any:
    raise _Bail


class _Loaders(dict[type, Loader]):
    """A reader per model class, compiled on first use.

    ``variants``: the reader of a class chooses its variant by the
    discriminator (as :func:`_variant` does), or reads the class itself.
    """

    def __init__(self, variants: bool) -> None:
        super().__init__()
        self.variants = variants

    def __missing__(self, cls: type) -> Loader:
        spec = spec_of(cls)
        decl = spec.decl
        if self.variants and decl.variants and decl.discriminator is not None:
            loader = _compile_dispatcher(spec, decl.discriminator)
        else:
            loader = _BODIES[cls] if self.variants else _compile_body(spec)
        self[cls] = loader
        return loader


_BODIES = _Loaders(variants=False)
_LOADERS = _Loaders(variants=True)


def _compile_dispatcher(spec: ClassSpec, discriminator: str) -> Loader:
    """A reader choosing the variant of ``spec`` that the data's discriminator names."""
    base = _BODIES[spec.cls]
    variants = spec.decl.variants
    f = spec.attrs.get(discriminator)
    form = compact_form(spec.cls)
    # The discriminator's written form is its data when that is its text.
    by_text = f.codec.by_text if f is not None and type(f.codec) is EnumCodec else None
    key = f.py if f is not None and (f.plain or by_text is not None) else None

    def load(data: Any, scope: dict[str, str]) -> Any:
        if type(data) is not dict:
            if form is None:
                raise _Bail
            data = form.load(data)
        side = data.get(XML_KEY)
        if side or key is None:
            chosen = _variant(spec, data, side, "").cls
            return (base if chosen is spec.cls else _BODIES[chosen])(data, scope)
        written = data.get(key)
        if written is not None and (
            type(written) is not str or (by_text is not None and written not in by_text)
        ):
            raise _Bail
        cls = variants.get(written or "")
        return (base if cls is None else _BODIES[cls])(data, scope)

    return load


# What a scalar field's data is tested with, per kind (the value in ``v``).
_EXACT = {
    BOOLEAN: "type(v) is bool",
    INTEGER: "type(v) is int",
    NUMBER: "(type(v) is int or type(v) is float)",
    STRING: "type(v) is str",
}


def _compile_body(spec: ClassSpec) -> Loader:
    """A reader of ``spec``'s models (not its variants), specialised to its fields."""
    cls = spec.cls
    form = compact_form(cls)
    env: dict[str, Any] = {
        "cls": cls,
        "new": cls.__new__,
        "spec": spec,
        "blank": spec.blank,
        "known": frozenset([*spec.by_py, XML_KEY]),
        "bail": _bail,
        "Bail": _Bail,
        "LD": _LOADERS,
        "scalar": load_scalar,
        "parse_element": parse_element,
        "restore": _restore,
        "within": _within,
        "compact": form.load if form is not None else None,
    }
    lines = ["def load(data, scope):", "    if type(data) is not dict:"]
    if form is None:
        lines.append("        raise Bail")
    else:
        lines.append("        data = compact(data)")
    lines += [
        "    if not data.keys() <= known:",
        "        raise Bail",
        f"    side = data.get({XML_KEY!r})",
        "    if side is not None:",
        "        if type(side) is not dict:",
        "            raise Bail",
        "        ns = side.get('ns')",
        "        if side and isinstance(ns, dict):",
        "            scope = within(scope, ns)",
        "    obj = new(cls)",
        "    d = obj.__dict__",
        "    d.update(blank)",
    ]
    lines += [f"    d[{name!r}] = []" for name in spec.lists]
    lines.append("    get = data.get")
    for i, f in enumerate(spec.by_py.values()):
        name = f.py
        lines += [f"    v = get({name!r})", "    if v is not None:"]
        put = f"        d[{name!r}] = "
        if f.kind is Kind.CHILD:
            if f.model is None:
                lines.append("        raise Bail")
                continue
            env[f"M{i}"] = f.model
            if f.many:
                lines += [
                    "        if type(v) is not list:",
                    "            raise Bail",
                    put + f"[LD[M{i}](x, scope) for x in v]",
                ]
            else:
                lines.append(put + f"LD[M{i}](v, scope)")
            continue
        if f.kind is Kind.ANY:
            lines += [
                "        if type(v) is not list:",
                "            raise Bail",
                put + "[parse_element(x if type(x) is str else bail(), '', scope) for x in v]",
            ]
            continue
        env[f"f{i}"] = f
        if f.many:
            lines += [
                "        if type(v) is not list:",
                "            raise Bail",
                put + f"[scalar(f{i}, x, '') for x in v]",
            ]
            continue
        kind = scalar_kind(f)
        if kind in _EXACT:
            lines += [f"        if not {_EXACT[kind]}:", "            raise Bail", put + "v"]
        elif type(f.codec) is EnumCodec:
            env[f"T{i}"] = f.codec.by_text
            lines += [
                f"        v = T{i}.get(v) if type(v) is str else None",
                "        if v is None:",
                "            raise Bail",
                put + "v",
            ]
        else:
            env[f"dec{i}"] = f.codec.decode
            lines += [
                "        if type(v) is not str:",
                "            raise Bail",
                put + f"dec{i}(v)",
            ]
    lines += ["    if side:", "        restore(obj, spec, side, '', scope)", "    return obj"]
    source = "\n".join(lines)
    code = compile(source, f"<domxml data reader for {cls.__qualname__}>", "exec")
    exec(code, env)
    loader: Loader = env["load"]
    return loader


# --- the generic reader: what the compiled ones leave to it, and every error ------


def _fail(path: str, message: str) -> ModelError:
    return ModelError(message, path=path)


def _load(
    cls: type[Model], data: Any, path: str, scope: dict[str, str], root: bool = False
) -> Model:
    """``scope``: the namespace prefixes the elements around ``data`` declare."""
    if not isinstance(data, dict):
        form = compact_form(cls)
        if form is None:
            raise _fail(path, f"expected an object for {cls.__name__}, got {_json_type(data)}")
        try:
            data = form.load(data)
        except ValueError as e:
            raise _fail(path, str(e)) from None
    side = data.get(XML_KEY)
    if side is not None and not isinstance(side, dict):
        raise _fail(f"{path}/{XML_KEY}", f"expected an object, got {_json_type(side)}")
    spec = _variant(spec_of(cls), data, side, path)
    if side and isinstance(side.get("ns"), dict):
        scope = _within(scope, side["ns"])
    obj = spec.cls.__new__(spec.cls)
    d: dict[str, Any] = obj.__dict__
    d.update(spec.blank)
    for name in spec.lists:
        d[name] = []
    by_py = spec.by_py
    for key, value in data.items():
        f = by_py.get(key)
        if f is None:
            if key == XML_KEY:
                continue
            raise _fail(path, _unknown_field(spec, key))
        if value is None:
            continue
        where = f"{path}/{key}"
        if f.kind is Kind.CHILD:
            model = f.model
            if model is None:  # only CHILD fields have a model
                raise _fail(where, "no model")
            if f.many:
                d[key] = [
                    _load(model, item, f"{where}[{i}]", scope)
                    for i, item in enumerate(_list(value, where))
                ]
            else:
                d[key] = _load(model, value, where, scope)
        elif f.kind is Kind.ANY:
            d[key] = [
                parse_element(_text(item, f"{where}[{i}]"), f"{where}[{i}]", scope)
                for i, item in enumerate(_list(value, where))
            ]
        elif f.many:
            d[key] = [
                load_scalar(f, item, f"{where}[{i}]") for i, item in enumerate(_list(value, where))
            ]
        else:
            d[key] = load_scalar(f, value, where)
    if side:
        try:
            _restore(obj, spec, side, path, scope)
        except (TypeError, ValueError, AttributeError, KeyError, IndexError) as e:
            raise _fail(f"{path}/{XML_KEY}", f"malformed: {e}") from None
        if root:
            try:
                _restore_document(obj, side, path)
            except (TypeError, ValueError, AttributeError) as e:
                raise _fail(f"{path}/{XML_KEY}", f"malformed: {e}") from None
    return obj


def _within(scope: dict[str, str], ns: dict[Any, Any]) -> dict[str, str]:
    """``scope`` with the prefixes an ``ns`` side entry declares."""
    return {**scope, **{p: uri for p, uri in ns.items() if p and isinstance(uri, str)}}


def _variant(spec: ClassSpec, data: dict[str, Any], side: Any, path: str) -> ClassSpec:
    """The spec of the variant ``data`` names by its discriminator, as the reader chooses."""
    decl = spec.decl
    if not decl.variants or decl.discriminator is None:
        return spec
    f = spec.attrs.get(decl.discriminator)
    written: str | None = None
    if side and isinstance(side.get("attrs"), dict):
        raw = side["attrs"].get(decl.discriminator)
        written = raw if isinstance(raw, str) else None
    if written is None and f is not None and data.get(f.py) is not None:
        value = load_scalar(f, data[f.py], f"{path}/{f.py}")
        written = f.codec.encode(value)
    chosen = decl.variants.get(written or "")
    return spec_of(chosen) if chosen is not None else spec


def _unknown_field(spec: ClassSpec, key: str) -> str:
    message = f"{spec.cls.__name__} has no field {key!r}"
    close = difflib.get_close_matches(key, list(spec.by_py), n=1)
    return message + (f" (did you mean {close[0]!r}?)" if close else "")


def _json_type(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return "null" if value is None else type(value).__name__


def _list(value: Any, path: str) -> list[Any]:
    if not isinstance(value, list):
        raise _fail(path, f"expected a list, got {_json_type(value)}")
    return value


def _text(value: Any, path: str) -> str:
    if not isinstance(value, str):
        raise _fail(path, f"expected a string, got {_json_type(value)}")
    return value


def load_scalar(f: FieldSpec, value: Any, path: str) -> Any:
    """The typed value of a field from its data form; :class:`ModelError` if it does not fit."""
    kind = scalar_kind(f)
    if kind == STRING:
        if isinstance(value, str):
            return value
        raise _fail(path, f"expected a string, got {_json_type(value)}")
    if kind == BOOLEAN:
        if isinstance(value, bool):
            return value
        raise _fail(path, f"expected true or false, got {_json_type(value)}")
    if kind == INTEGER:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        raise _fail(path, f"expected an integer, got {_json_type(value)}")
    if kind == NUMBER:
        if isinstance(value, int | float) and not isinstance(value, bool):
            return value
        raise _fail(path, f"expected a number, got {_json_type(value)}")
    if not isinstance(value, str):
        raise _fail(path, f"expected a string, got {_json_type(value)}")
    try:
        return f.codec.decode(value)
    except ValueError:
        if kind == ENUM:
            enum_type: type[enum.Enum] = f.codec.python_type
            allowed = ", ".join(repr(str(m.value)) for m in enum_type)
            raise _fail(path, f"{value!r} is not one of {allowed}") from None
        raise _fail(path, f"not a valid value: {value!r}") from None


def parse_element(text: str, path: str, scope: dict[str, str] | None = None) -> Any:
    """An lxml element from its XML text (as :func:`element_text` writes it).

    ``scope`` (prefix: URI) are the namespaces declared around the element
    where it goes: the element is read inside them, so that it is written
    back without declaring them again.
    """
    if scope:
        declared = "".join(f" xmlns:{p}={quoteattr(uri)}" for p, uri in scope.items())
        text = f"<domxml-scope{declared}>{text}</domxml-scope>"
    try:
        el = parse_tree(text.encode("utf-8"))
    except ParseError as e:
        raise _fail(path, f"not an XML element: {e.message}") from None
    if scope:
        if len(el) != 1 or el.text or el[0].tail:
            raise _fail(path, "not one XML element")
        el = el[0]
    return el


_NODE_KEYS = ("attrs", "text", "leaves", "items", "mixed", "prefix", "ns")


def _restore(
    obj: Any, spec: ClassSpec, side: dict[str, Any], path: str, scope: dict[str, str]
) -> None:
    """Give ``obj`` the bookkeeping ``side`` describes, as a parse would have."""
    d = obj.__dict__
    if not any(key in side for key in _NODE_KEYS):
        return
    node = Node((), [])
    attrs = side.get("attrs")
    if attrs:
        # Typed attributes first, in declaration order, then the others.
        known: dict[str, str] = {}
        others: list[tuple[str, str]] = []
        for name, raw in attrs.items():
            f = spec.attrs.get(name)
            if f is None:
                others.append((name, _text(raw, f"{path}/@{name}")))
            else:
                known[f.qname] = _text(raw, f"{path}/@{name}")
        typed: list[tuple[str, str]] = []
        for f in spec.attr_list:
            raw = known.get(f.qname)
            if raw is not None:
                typed.append((f.qname, raw))
            elif d[f.py] is not None:
                typed.append((f.qname, f.codec.encode(d[f.py])))
        node.attrs = flat_attrs(typed + others)
        bad = frozenset(name for name in known if d[spec.attrs[name].py] is None)
        if bad:
            node.bad = bad
    if "text" in side:
        raw = _text(side["text"], f"{path}/text()")
        text_field = spec.text
        parsed: Any = UNKNOWN
        if text_field is not None:
            try:
                parsed = text_field.codec.decode(raw)
            except ValueError:
                parsed = UNKNOWN
        node.text = (raw, parsed)
    leaves = side.get("leaves") or {}
    tokens = side.get("items")
    if tokens is not None or leaves:
        node.items = _restore_items(d, spec, tokens, leaves, path, scope)
    if side.get("mixed"):
        node.mixed = True
    decl = spec.decl
    node.prefix = side.get("prefix", decl.prefix if decl.ns else None)
    ns = side.get("ns")
    if ns:
        node.nsdecl = [(prefix or None, uri) for prefix, uri in ns.items()]
    d[NODE_ATTR] = node


def _restore_items(
    d: dict[str, Any],
    spec: ClassSpec,
    tokens: list[Any] | None,
    leaves: dict[str, Any],
    path: str,
    scope: dict[str, str],
) -> list[Any]:
    if tokens is None:  # declaration order, for the leaves' written forms
        tokens = []
        for elem in spec.elem_list:
            v = d[elem.py]
            if v is not None:
                tokens.extend([elem.py] * (len(v) if elem.many else 1))
    items: list[Any] = []
    counters: dict[str, int] = {}
    by_py = spec.by_py
    for i, token in enumerate(tokens):
        if isinstance(token, str):
            f = by_py.get(token)
            if f is None or f.kind is Kind.ATTR or f.kind is Kind.TEXT:
                raise _fail(f"{path}/{XML_KEY}/items[{i}]", _unknown_field(spec, token))
            if f.kind is not Kind.LEAF:
                items.append(f.py)
                continue
            k = counters.get(f.py, 0)
            counters[f.py] = k + 1
            values = d[f.py] if f.many else [d[f.py]]
            if k >= len(values) or values[k] is None:
                continue
            value = values[k]
            raws = leaves.get(f.py)
            if f.many:
                raw = raws[k] if isinstance(raws, list) and k < len(raws) else None
            else:
                raw = raws
            items.append((f.py, raw if isinstance(raw, str) else f.codec.encode(value), value))
        else:
            items.append(foreign_item(token, f"{path}/{XML_KEY}/items[{i}]", scope))
    return items


def foreign_item(token: Any, path: str, scope: dict[str, str] | None = None) -> Any:
    """The lxml node or :class:`Text` an item token stands for."""
    if not isinstance(token, dict) or len(token) != 1:
        raise _fail(path, "expected a field name or a one-key object")
    ((key, value),) = token.items()
    value = _text(value, path)
    if key == "element":
        return parse_element(value, path, scope)
    if key == "comment":
        return etree.Comment(value)
    if key == "pi":
        target, _, data = value.partition(" ")
        return etree.PI(target, data) if data else etree.PI(target)
    if key == "text":
        return Text(value)
    raise _fail(path, f"unknown item kind {key!r} (element, comment, pi or text)")


def _restore_document(obj: Any, side: dict[str, Any], path: str) -> None:
    if not any(key in side for key in ("declaration", "prolog", "epilog")):
        return
    info = DocumentInfo()
    declaration = side.get("declaration")
    info.declaration = _text(declaration, path) if declaration is not None else None
    for key in ("prolog", "epilog"):
        items = tuple(
            foreign_item(t, f"{path}/{XML_KEY}/{key}[{i}]")
            for i, t in enumerate(side.get(key) or [])
        )
        if any(
            not isinstance(item, etree._Comment | etree._ProcessingInstruction) for item in items
        ):
            raise _fail(f"{path}/{XML_KEY}/{key}", "only comments and processing instructions")
        setattr(info, key, items)
    obj.__dict__[DOC_ATTR] = info
