"""XSD 1.1 of the XML documents the models read, generated from the declarations.

One complex type per model class. Child elements are an ``xs:all`` group
(XSD 1.1 lets it repeat elements), since libvirt accepts most of its
elements in any order; a discriminated class is an element with one
``xs:alternative`` per variant (XSD 1.1 conditional type assignment) and
its base class for other values; ``any_elements()`` is an ``xs:any``.
Integers are written as libvirt accepts them (decimal or ``0x``
hexadecimal), booleans as their field's two words, enumerations as their
values.

An XSD describes one namespace per document: the main schema has no
target namespace, and each namespace of a namespaced model (``qemu:``...)
gets a schema of its own, imported by the main one and declaring those
elements globally.
"""

from __future__ import annotations

from typing import Any

from lxml import etree

from domxml.binding.codecs import STR
from domxml.binding.declare import Kind, Model
from domxml.binding.dictform import BOOLEAN, ENUM, INTEGER, NUMBER, scalar_kind
from domxml.binding.reach import Reach, description, reach
from domxml.binding.spec import FieldSpec, spec_of

__all__ = ["XS", "xsd_schemas"]

XS = "http://www.w3.org/2001/XMLSchema"
VC = "http://www.w3.org/2007/XMLSchema-versioning"
_XS = f"{{{XS}}}"

# Helper simple types; model and enumeration names are CamelCase, so these
# lower-case names cannot clash with them.
_INT = "value.int"
_FLOAT = "value.float"
_BLANK = "value.blank"

_PATTERNS = {
    _INT: r"\s*[+\-]?([0-9]+|0[xX][0-9a-fA-F]+)\s*",
    _FLOAT: r"\s*[+\-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+\-]?[0-9]+)?\s*",
    _BLANK: r"\s*",
}


class _Builder:
    """Collects the type definitions and global elements of one schema set."""

    def __init__(self, found: Reach) -> None:
        self.found = found
        self.simple: dict[str, etree._Element] = {}
        self.complex: dict[str, etree._Element] = {}
        #: (namespace, local name) -> the field that declares it, for global elements.
        self.foreign: dict[tuple[str, str], FieldSpec] = {}
        self.prefixes: dict[str, str] = {}

    # Simple types ---------------------------------------------------------

    def _pattern_type(self, name: str) -> str:
        if name not in self.simple:
            st = _xs("simpleType", name=name)
            restriction = etree.SubElement(st, _XS + "restriction", base="xs:string")
            etree.SubElement(restriction, _XS + "pattern", value=_PATTERNS[name])
            self.simple[name] = st
        return name

    def _enum_type(self, name: str, values: list[str], doc: str | None = None) -> str:
        if name not in self.simple:
            st = _xs("simpleType", name=name)
            _annotate(st, doc)
            restriction = etree.SubElement(st, _XS + "restriction", base="xs:string")
            for value in values:
                etree.SubElement(restriction, _XS + "enumeration", value=value)
            self.simple[name] = st
        return name

    def value_type(self, f: FieldSpec) -> str:
        """The simple type of an attribute, text or leaf field's values."""
        kind = scalar_kind(f)
        codec: Any = f.codec
        if kind == ENUM:
            enum_type = codec.python_type
            values = [str(member.value) for member in enum_type]
            return self._enum_type(self.found.name(enum_type), values, description(enum_type))
        if kind == BOOLEAN:
            return self._enum_type(
                f"value.bool.{codec.true}.{codec.false}", [codec.true, codec.false]
            )
        if kind == INTEGER:
            return self._pattern_type(_INT)
        if kind == NUMBER:
            return self._pattern_type(_FLOAT)
        return "xs:string"

    def _or_blank(self, name: str) -> str:
        """``name``, or whitespace alone (an optional text that is absent)."""
        if name == "xs:string":
            return name
        union = f"{name}.or.blank"
        if union not in self.simple:
            st = _xs("simpleType", name=union)
            etree.SubElement(st, _XS + "union", memberTypes=f"{name} {self._pattern_type(_BLANK)}")
            self.simple[union] = st
        return union

    # Complex types ---------------------------------------------------------

    def complex_type(self, cls: type[Model]) -> None:
        spec = spec_of(cls)
        name = self.found.name(cls)
        ct = _xs("complexType", name=name)
        _annotate(ct, description(cls))
        elems = spec.elem_list
        text = spec.text
        attrs_parent = ct
        if not elems:
            if text is None:
                base = self._pattern_type(_BLANK)
            else:
                base = self.value_type(text)
                if not text.required:
                    base = self._or_blank(base)
            content = etree.SubElement(ct, _XS + "simpleContent")
            attrs_parent = etree.SubElement(content, _XS + "extension", base=base)
        else:
            if text is not None:
                ct.set("mixed", "true")
            group = etree.SubElement(ct, _XS + "all")
            for f in elems:
                group.append(self.particle(f))
        for f in spec.attr_list:
            attribute = etree.SubElement(
                attrs_parent, _XS + "attribute", name=f.local, type=self.value_type(f)
            )
            if f.required:
                attribute.set("use", "required")
        self.complex[name] = ct

    def particle(self, f: FieldSpec) -> etree._Element:
        """The particle of an element field inside its parent's ``xs:all``."""
        if f.kind is Kind.ANY:
            return _xs(
                "any",
                namespace="##any",
                processContents="skip",
                minOccurs="0",
                maxOccurs="unbounded",
            )
        if f.qname[0] == "{":
            uri = f.qname[1:].split("}", 1)[0]
            self.foreign.setdefault((uri, f.local), f)
            el = _xs("element", ref=f"{self.prefix(uri, f)}:{f.local}")
        else:
            el = self.element(f)
        el.set("minOccurs", "1" if f.required else "0")
        if f.many:
            el.set("maxOccurs", "unbounded")
        return el

    def element(self, f: FieldSpec) -> etree._Element:
        """The declaration of the element of ``f`` (named by its local name)."""
        el = _xs("element", name=f.local)
        if f.kind is Kind.LEAF:
            el.set("type", self.value_type(f))
            return el
        assert f.model is not None
        decl = f.model.__domxml__
        if decl.variants and decl.discriminator is not None:
            for value, variant in decl.variants.items():
                literal = "'" + value.replace("'", "''") + "'"
                etree.SubElement(
                    el,
                    _XS + "alternative",
                    test=f"@{decl.discriminator} = {literal}",
                    type=self.found.name(variant),
                )
            etree.SubElement(el, _XS + "alternative", type=self.found.name(f.model))
        else:
            el.set("type", self.found.name(f.model))
        return el

    def prefix(self, uri: str, f: FieldSpec) -> str:
        known = self.prefixes.get(uri)
        if known is None:
            wanted = f.model.__domxml__.prefix if f.model is not None else None
            known = wanted or "ns"
            n = 0
            while known in self.prefixes.values() or known in ("xs", "vc"):
                n += 1
                known = f"{wanted or 'ns'}{n}"
            self.prefixes[uri] = known
        return known


def _xs(tag: str, **attrs: str) -> etree._Element:
    return etree.Element(_XS + tag, attrs, nsmap={"xs": XS})


def _annotate(el: etree._Element, doc: str | None) -> None:
    if doc:
        annotation = etree.SubElement(el, _XS + "annotation")
        etree.SubElement(annotation, _XS + "documentation").text = doc


def xsd_schemas(roots: list[type[Model]], main: str = "domxml.xsd") -> dict[str, str]:
    """The XSD 1.1 documents of ``roots``, by file name: ``main`` and one per namespace.

    The namespace schemas are named after ``main`` and the namespace's
    prefix (``domxml-qemu.xsd``); the main schema imports them by those
    names, and each imports the main one (whose types its elements use).
    """
    found = reach(roots)
    builder = _Builder(found)
    for cls in found.classes:
        builder.complex_type(cls)
    stem = main.removesuffix(".xsd")
    files = {uri: f"{stem}-{prefix}.xsd" for uri, prefix in builder.prefixes.items()}
    out: dict[str, str] = {}
    top = _schema(None, builder.prefixes)
    for uri, location in files.items():
        etree.SubElement(top, _XS + "import", namespace=uri, schemaLocation=location)
    for cls in roots:
        top.append(builder.element(_root_field(cls)))
    for name in sorted(builder.simple):
        top.append(builder.simple[name])
    for name in sorted(builder.complex):
        top.append(builder.complex[name])
    out[main] = _text(top)
    for uri, location in files.items():
        schema = _schema(uri, {uri: builder.prefixes[uri]})
        etree.SubElement(schema, _XS + "import", schemaLocation=main)
        for (ns, _local), f in sorted(builder.foreign.items()):
            if ns == uri:
                schema.append(builder.element(f))
        out[location] = _text(schema)
    return out


def _root_field(cls: type[Model]) -> FieldSpec:
    """A stand-in field for a root element, so that it is declared like a child."""
    decl = cls.__domxml__
    return FieldSpec(
        py=decl.tag,
        kind=Kind.CHILD,
        qname=decl.qname,
        written=decl.tag,
        local=decl.tag,
        codec=STR,
        model=cls,
        many=False,
        required=True,
        index=0,
    )


def _schema(target: str | None, prefixes: dict[str, str]) -> etree._Element:
    nsmap: dict[str | None, str] = {"xs": XS, "vc": VC}
    for uri, prefix in prefixes.items():
        nsmap[prefix] = uri
    schema = etree.Element(_XS + "schema", nsmap=nsmap)  # type: ignore[arg-type]
    if target is not None:
        schema.set("targetNamespace", target)
    schema.set(f"{{{VC}}}minVersion", "1.1")
    return schema


def _text(schema: etree._Element) -> str:
    etree.indent(schema, space="  ")
    body = etree.tostring(schema, encoding="unicode")
    return (
        "<?xml version='1.0' encoding='UTF-8'?>\n"
        "<!-- Generated by domxml from its model declarations: do not edit. -->\n"
        f"{body}\n"
    )
