"""Values as the diff compares and shows them, read through the binding's public API.

Both sides are compared as typed values; a value its field could not read
(kept as written) is compared as its text (:class:`Raw`); what no typed
field holds, canonically (:func:`unknowns`); a size (a number beside a
unit, libvirt's scaledInteger) in bytes.
"""

from __future__ import annotations

import copy
import enum
from dataclasses import dataclass
from typing import Any

from lxml import etree

from domxml.binding import Model
from domxml.binding.pending import settle
from domxml.binding.reflect import (
    ClassSpec,
    FieldSpec,
    Kind,
    as_variant,
    element_xml,
    raw_attribute,
    raw_text,
    spec_of,
    unknown_content,
)
from domxml.compare.record import is_record
from domxml.units import unit_scale


@dataclass(frozen=True)
class Raw:
    """A value as written, where the typed field could not read it."""

    text: str


def tag(obj: Model) -> str:
    """The element's name as the diff's paths write it (``qemu:commandline``)."""
    decl = spec_of(type(obj)).decl
    return f"{decl.prefix}:{decl.tag}" if decl.ns and decl.prefix else decl.tag


def attr_value(obj: Model, f: FieldSpec) -> Any:
    """An attribute's typed value; its raw text when it was not understood; None when absent."""
    value = getattr(obj, f.py)
    if value is not None:
        return value
    raw = raw_attribute(obj, f)
    return None if raw is None else Raw(raw)


def text_value(obj: Model, f: FieldSpec) -> Any:
    """The element's typed text; as written when not understood; None when absent."""
    value = getattr(obj, f.py)
    if value is not None:
        return value
    raw = raw_text(obj)
    return None if raw is None or raw.isspace() else Raw(raw)


def last_attr(last: Model | None, f: FieldSpec) -> Any:
    """An attribute's value in the last-applied document's element (None: absent, or no element)."""
    if last is None or f.py not in last.__dict__:
        return None
    return attr_value(last, f)


def last_text(last: Model | None, f: FieldSpec) -> Any:
    """The text of the last-applied document's element (None: absent, or no element)."""
    if last is None or f.py not in last.__dict__:
        return None
    return text_value(last, f)


def last_field(last: Model | None, f: FieldSpec) -> Any:
    """An element field's value (a model, a list, a leaf) in the last-applied document's element."""
    if last is None:
        return None
    settle(last)
    return last.__dict__.get(f.py)


def show(f: FieldSpec, value: Any) -> str:
    """The written form of a typed value."""
    if isinstance(value, Raw):
        return value.text
    try:
        return f.codec.encode(value)
    except TypeError:
        return str(value.value if isinstance(value, enum.Enum) else value)


def empty(value: Any) -> bool:
    """Whether a field's value is absent: None, or an empty list."""
    return value is None or value == []


def shown(f: FieldSpec, value: Any) -> str | None:
    """A field's value as written, for a change: a model's XML, a value's text."""
    if empty(value):
        return None
    items = value if isinstance(value, list) else [value]
    return " ".join(
        show_model(item, f.local) if isinstance(item, Model) else show(f, item) for item in items
    )


def show_model(obj: Model, local: str | None = None) -> str:
    """A model's XML on one line, as changes show an added or removed element.

    ``local`` is the element's name where the field holding it renames it.
    domxml's last-applied record is left out of a ``<metadata>``.
    """
    held = spec_of(type(obj)).any
    if held is not None and any(is_record(e) for e in obj.__dict__.get(held.py) or ()):
        obj = copy.copy(obj)
        obj.__dict__[held.py] = [e for e in obj.__dict__[held.py] if not is_record(e)]
    xml = element_xml(obj, local)
    return " ".join(part.strip() for part in xml.splitlines() if part.strip()).replace("> <", "><")


def field_path(path: str, f: FieldSpec) -> str:
    """The path of field ``f`` of the element at ``path``."""
    if f.kind is Kind.ATTR:
        return f"{path}/@{f.written}"
    return f"{path}/text()" if f.kind is Kind.TEXT else f"{path}/{f.written}"


# -- two variants of one element -------------------------------------------------------------


def alike(d: Model, a: Model) -> tuple[Model, Model]:
    """``d`` and ``a`` as models of one class, where one's class derives from the other's.

    A ``<filesystem>`` without ``type`` reads as the base class, libvirt's
    ``<filesystem type='mount'>`` as its variant: the base one is seen as
    the variant with the variant's own fields absent, so that the two are
    compared field by field (and a default ``type`` passes as one).
    """
    if type(d) is type(a):
        return d, a
    if issubclass(type(a), type(d)):
        return as_variant(d, type(a)), a
    if issubclass(type(d), type(a)):
        return d, as_variant(a, type(d))
    return d, a


def common_base(d: type[Model], a: type[Model]) -> type[Model] | None:
    """The nearest class both derive from that declares their element; None if none does."""
    qname = spec_of(d).decl.qname
    for cls in d.__mro__:
        if cls is Model or not issubclass(a, cls):
            continue
        if issubclass(cls, Model) and spec_of(cls).decl.qname == qname:
            return cls
    return None


def own_fields(cls: type[Model]) -> list[FieldSpec]:
    """The typed fields of ``cls``: attributes, text, elements (not unknown content)."""
    return [f for f in spec_of(cls).by_py.values() if f.kind is not Kind.ANY]


# -- what no typed field holds ---------------------------------------------------------------


def canonical_element(el: Any) -> str:
    """An lxml element in canonical form: no whitespace-only text, comments or PIs."""
    tree = etree.fromstring(etree.tostring(el, with_tail=False))
    for item in tree.iter():
        if item.text is not None and not item.text.strip():
            item.text = None
        if item.tail is not None and not item.tail.strip():
            item.tail = None
    etree.strip_elements(tree, etree.Comment, etree.ProcessingInstruction, with_tail=False)
    return etree.tostring(tree, method="c14n").decode()


def unknowns(obj: Model) -> tuple[dict[str, str], list[str], list[str]]:
    """What no typed field holds: attributes by name, elements (canonical) and text, as written."""
    found = unknown_content(obj)
    texts = [text.strip() for text in found.texts if text.strip()]
    return found.attributes, [canonical_element(e) for e in found.elements], texts


# -- sizes ----------------------------------------------------------------------------------


#: The names a size's number has beside its unit.
_SIZE_NUMBERS = ("value", "size", "memory", "usage")

#: The names of a size's unit attribute (a RAM filesystem's ``<source>`` says ``units``).
_SIZE_UNITS = ("unit", "units")


def size_field(spec: ClassSpec) -> tuple[str, str] | None:
    """A size's number and unit fields: an integer beside a unit word (libvirt's scaledInteger)."""
    for unit_name in _SIZE_UNITS:
        unit = spec.by_py.get(unit_name)
        if unit is not None and unit.kind is Kind.ATTR:
            break
    else:
        return None
    for name in _SIZE_NUMBERS:
        number = spec.by_py.get(name)
        if (
            number is not None
            and number.kind in (Kind.TEXT, Kind.ATTR)
            and number.codec.python_type is int
        ):
            return name, unit_name
    return None


def size_bytes(obj: Model, number: str, unit_name: str, default_unit: str) -> int | None:
    """A size in bytes; None when its number or unit cannot be read."""
    value, unit = getattr(obj, number), getattr(obj, unit_name)
    if not isinstance(value, int):
        return None
    try:
        return int(value) * unit_scale(unit or default_unit)
    except ValueError:
        return None


def show_size(obj: Model, number: str, unit_name: str) -> str | None:
    """A size as written: its number and its unit."""
    value, unit = getattr(obj, number), getattr(obj, unit_name)
    if value is None:
        return None
    return f"{value} {unit}" if unit else str(value)
