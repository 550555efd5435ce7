"""JSON Schema (2020-12) of the data form, generated from the declarations.

One definition per model class (``$defs``), with the field docs and class
docstrings as descriptions, enumerations as ``enum``, fields without a
default as ``required``, and ``additionalProperties: false`` so that a
misspelled field is an error. A discriminated class is a ``oneOf`` of its
variants (each requiring its discriminator value) and of the base class
for the other values. See :mod:`domxml.binding.dictform` for the form.
"""

from __future__ import annotations

from typing import Any

from domxml.binding.declare import Kind, Model
from domxml.binding.dictform import (
    BOOLEAN,
    ENUM,
    INTEGER,
    NUMBER,
    XML_KEY,
    compact_form,
    scalar_kind,
)
from domxml.binding.reach import Reach, description, field_docs, plain, reach
from domxml.binding.spec import ClassSpec, FieldSpec, spec_of

__all__ = ["DIALECT", "json_schema"]

DIALECT = "https://json-schema.org/draft/2020-12/schema"
_SIDE = "_xml"
_SIDE_ITEM = "_xml.item"


def json_schema(
    roots: dict[str, type[Model]],
    *,
    title: str,
    description_text: str = "",
    schema_id: str | None = None,
) -> dict[str, Any]:
    """The JSON Schema of documents ``{key: data of roots[key]}`` (exactly one key)."""
    found = reach(roots.values())
    defs: dict[str, Any] = {}
    for cls in found.classes:
        defs.update(_class_defs(cls, found))
    for enum_type in found.enums:
        values = [str(member.value) for member in enum_type]
        schema: dict[str, Any] = {"type": "string", "enum": values}
        doc = description(enum_type)
        if doc:
            schema = {"description": doc, **schema}
        defs[found.name(enum_type)] = schema
    defs[_SIDE] = _side_schema()
    defs[_SIDE_ITEM] = _side_item_schema()
    top: dict[str, Any] = {"$schema": DIALECT}
    if schema_id:
        top["$id"] = schema_id
    top["title"] = title
    if description_text:
        top["description"] = description_text
    top["type"] = "object"
    top["properties"] = {key: _ref(found.name(cls)) for key, cls in roots.items()}
    if len(roots) == 1:
        top["required"] = list(roots)
    else:
        top["minProperties"] = 1
        top["maxProperties"] = 1
    top["additionalProperties"] = False
    top["$defs"] = dict(sorted(defs.items()))
    return top


def _ref(name: str) -> dict[str, Any]:
    return {"$ref": f"#/$defs/{name}"}


def _class_defs(cls: type[Model], found: Reach) -> dict[str, Any]:
    """The definition of ``cls`` (and of its base object, for a discriminated class)."""
    spec = spec_of(cls)
    name = found.name(cls)
    obj = _object_schema(spec, found)
    decl = spec.decl
    defs: dict[str, Any] = {}
    if decl.variants and decl.discriminator is not None:
        base_name = f"{name}.other"
        disc = spec.attrs[decl.discriminator]
        values = [_json_value(disc, text) for text in decl.variants]
        props = obj["properties"]
        props[disc.py] = {**props[disc.py], "not": {"enum": values}}
        defs[base_name] = obj
        choices = [_ref(base_name)] + [_ref(found.name(v)) for v in decl.variants.values()]
        obj = {"oneOf": choices}
        doc = description(cls)
        if doc:
            obj = {"description": doc, **obj}
    form = compact_form(cls)
    if form is not None:
        obj = {"anyOf": [form.schema, obj]}
        doc = description(cls)
        if doc:
            obj = {"description": doc, **obj}
    defs[name] = obj
    return defs


def _json_value(f: FieldSpec, text: str) -> Any:
    """The data form of a discriminator's written value."""
    value = f.codec.decode(text)
    kind = scalar_kind(f)
    return value if kind in (BOOLEAN, INTEGER, NUMBER) else f.codec.encode(value)


def _object_schema(spec: ClassSpec, found: Reach) -> dict[str, Any]:
    decl = spec.decl
    props: dict[str, Any] = {}
    required: list[str] = []
    fields = list(spec.by_py.values())
    disc = spec.attrs.get(decl.discriminator) if decl.discriminator else None
    if disc is not None and decl.variant is not None:
        # The discriminator first: a validator trying each variant fails fast.
        fields.remove(disc)
        fields.insert(0, disc)
    docs = field_docs(spec.cls)
    for f in fields:
        field_schema = _field_schema(f, found, docs.get(f.py))
        if disc is f and decl.variant is not None:
            field_schema = {**field_schema, "const": _json_value(f, decl.variant)}
            required.append(f.py)
        elif f.required:
            required.append(f.py)
        props[f.py] = field_schema
    props[XML_KEY] = _ref(_SIDE)
    schema: dict[str, Any] = {}
    doc = description(spec.cls)
    if doc:
        schema["description"] = doc
    schema["type"] = "object"
    schema["properties"] = props
    if required:
        schema["required"] = required
    schema["additionalProperties"] = False
    return schema


def _field_schema(f: FieldSpec, found: Reach, doc: str | None) -> dict[str, Any]:
    if f.kind is Kind.CHILD:
        assert f.model is not None
        item: dict[str, Any] = _ref(found.name(f.model))
    elif f.kind is Kind.ANY:
        item = {"type": "string", "description": "an XML element, as text"}
    else:
        item = _scalar_schema(f, found)
    schema = {"type": "array", "items": item} if f.many else dict(item)
    if f.required:  # null: the document lacks it (a snapshot's stub <domain>)
        schema = {"anyOf": [schema, {"type": "null"}]}
    return {"description": _field_description(f, doc), **schema}


def _scalar_schema(f: FieldSpec, found: Reach) -> dict[str, Any]:
    kind = scalar_kind(f)
    if kind == ENUM:
        return _ref(found.name(f.codec.python_type))
    if kind == BOOLEAN:
        return {"type": "boolean"}
    if kind == INTEGER:
        return {"type": "integer"}
    if kind == NUMBER:
        return {"type": "number"}
    return {"type": "string"}


def _field_description(f: FieldSpec, doc: str | None) -> str:
    where = {
        Kind.ATTR: f"attribute {f.written}",
        Kind.TEXT: "the element's text",
        Kind.LEAF: f"element <{f.written}>",
        Kind.CHILD: f"element <{f.written}>",
        Kind.ANY: "any other child elements",
    }[f.kind]
    if f.kind is not Kind.CHILD and scalar_kind(f) == BOOLEAN:
        codec: Any = f.codec
        where += f", {codec.true}/{codec.false}"
    if f.many and f.kind in (Kind.LEAF, Kind.CHILD):
        where += ", repeated"
    return f"{plain(doc)} (XML: {where})" if doc else f"XML: {where}"


def _side_schema() -> dict[str, Any]:
    return {
        "description": "What the typed fields do not hold, kept so that the XML comes back"
        " the same: unknown attributes, elements, text and comments, written forms of"
        " values, namespace prefixes (see docs/json-mapping.md).",
        "type": "object",
        "properties": {
            "attrs": {
                "description": "attribute name: text, for attributes no field holds and"
                " values written otherwise than their field writes them",
                "type": "object",
                "additionalProperties": {"type": "string"},
            },
            "text": {"description": "the element's own text, as written", "type": "string"},
            "leaves": {
                "description": "field: text (a list for a repeated field), for text-only"
                " child elements written otherwise than their field writes them",
                "type": "object",
                "additionalProperties": {
                    "anyOf": [
                        {"type": "string"},
                        {"type": "array", "items": {"type": ["string", "null"]}},
                    ]
                },
            },
            "items": {
                "description": "the content in document order: a field name stands for that"
                " field's next element",
                "type": "array",
                "items": {"anyOf": [{"type": "string"}, _ref(_SIDE_ITEM)]},
            },
            "mixed": {"description": "text between the child elements counts", "type": "boolean"},
            "prefix": {
                "description": "the element's namespace prefix (null: none)",
                "type": ["string", "null"],
            },
            "ns": {
                "description": "namespace declarations on the element: prefix ('' for the"
                " default namespace): URI",
                "type": "object",
                "additionalProperties": {"type": "string"},
            },
            "declaration": {"description": "the XML declaration", "type": "string"},
            "prolog": {
                "description": "comments and processing instructions before the root element",
                "type": "array",
                "items": _ref(_SIDE_ITEM),
            },
            "epilog": {
                "description": "comments and processing instructions after the root element",
                "type": "array",
                "items": _ref(_SIDE_ITEM),
            },
        },
        "additionalProperties": False,
    }


def _side_item_schema() -> dict[str, Any]:
    return {
        "description": "content no field holds: an element (as XML text), a comment, a"
        " processing instruction ('target data') or text",
        "type": "object",
        "properties": {
            "element": {"type": "string"},
            "comment": {"type": "string"},
            "pi": {"type": "string"},
            "text": {"type": "string"},
        },
        "minProperties": 1,
        "maxProperties": 1,
        "additionalProperties": False,
    }
