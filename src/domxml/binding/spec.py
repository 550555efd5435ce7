"""The compiled form of a model's declaration, built once per class.

Reading and writing look up fields in the tables of a :class:`ClassSpec`
instead of inspecting dataclass fields for every element.
"""

from __future__ import annotations

import dataclasses
import typing
from typing import Any

from domxml.binding.codecs import STR, BoolCodec, Codec, EnumCodec, StrCodec, codec_for
from domxml.binding.declare import (
    _META_KEY,
    ElementDecl,
    FieldDecl,
    Kind,
    Model,
    split_annotated,
    unwrap_optional,
)

#: Stands for "the written value was not understood" in parsed attributes.
UNKNOWN: Any = type("Unknown", (), {"__repr__": lambda self: "UNKNOWN"})()


@dataclasses.dataclass(eq=False)
class FieldSpec:
    """One field of a model, ready for reading and writing."""

    py: str  # the Python attribute name
    kind: Kind
    qname: str  # {ns}local form as lxml reports it
    written: str  # prefix:local or local, as written
    local: str  # the local name
    codec: Codec  # unused for CHILD fields
    model: type[Model] | None
    many: bool
    required: bool
    index: int  # position in libvirt's order
    entry: int = 0  # the content entry kind it makes (see domxml.binding.order)
    spec: ClassSpec | None = None  # the child model's spec, once resolved
    plain: bool = False  # the codec is plain text: no decoding needed
    one_form: bool = False  # the codec reads one text per value (a word, an enumeration)
    max_items: int | None = None  # the most items the schema allows (repeated fields)
    min_items: int | None = None  # the fewest, where there are any
    each_variant: bool = False  # one item of each variant of the model, in order
    slots: tuple[tuple[str, ...], ...] | None = None  # items in order, one per slot at most

    def resolve(self) -> ClassSpec:
        """The child model's spec (compiled on first use, for recursive models)."""
        assert self.model is not None, "only CHILD fields have a model"
        self.spec = spec_of(self.model)
        return self.spec


@dataclasses.dataclass(eq=False)
class ClassSpec:
    """All a class's fields, by kind and by XML name."""

    cls: type[Model]
    decl: ElementDecl
    attrs: dict[str, FieldSpec]
    attr_list: list[FieldSpec]
    elems: dict[str, FieldSpec]
    elem_list: list[FieldSpec]
    by_py: dict[str, FieldSpec]
    text: FieldSpec | None
    any: FieldSpec | None
    singles: tuple[str, ...]
    lists: tuple[str, ...]
    blank: dict[str, None] = dataclasses.field(default_factory=dict)  # singles, all None
    #: Every attribute field is written with the name lxml reports (none is namespaced).
    plain_attr_names: bool = True
    #: The fields holding models (CHILD fields).
    child_fields: tuple[FieldSpec, ...] = ()
    #: Parsed instances have an instance dict of their own, a
    #: :class:`~domxml.binding.node.Fields`: more fields than CPython shares the keys of.
    sparse: bool = False
    #: The fields a parsed instance holds even when absent (None): those
    #: None is not the class default of. The others are left out until
    #: read from the element, and read as their class default, None.
    parsed_blank: dict[str, None] = dataclasses.field(default_factory=dict)

    def __post_init__(self) -> None:
        self.blank = dict.fromkeys(self.singles)
        self.plain_attr_names = all(f.qname == f.written for f in self.attr_list)
        self.child_fields = tuple(f for f in self.elem_list if f.kind is Kind.CHILD)
        self.sparse = len(self.singles) + len(self.lists) + 1 > SHARED_KEYS_MAX
        self.parsed_blank = {
            name: None for name in self.singles if getattr(self.cls, name, _NO_DEFAULT) is not None
        }


#: The most instance attributes whose keys CPython shares between instances:
#: its limit is 30 entries, and the 30th already makes an instance's dict a
#: dict of its own of 64 slots (1.5 kB instead of about 300 bytes).
SHARED_KEYS_MAX = 29
_NO_DEFAULT = object()

_SPECS: dict[type, ClassSpec] = {}


def spec_of(cls: type) -> ClassSpec:
    """The compiled spec of a model class (compiled on first use)."""
    spec = _SPECS.get(cls)
    if spec is None:
        spec = _SPECS[cls] = _compile(cls)
    return spec


def _qualify(name: str, ns: str | None, prefix: str | None) -> tuple[str, str]:
    if ns is None:
        return name, name
    return f"{{{ns}}}{name}", f"{prefix}:{name}" if prefix else name


def _compile(cls: type) -> ClassSpec:
    decl: ElementDecl | None = getattr(cls, "__domxml__", None)
    if decl is None or not dataclasses.is_dataclass(cls):
        raise TypeError(f"{cls.__name__} is not a model (decorate it with @element)")
    hints = typing.get_type_hints(cls, include_extras=True)
    fields = [f for f in dataclasses.fields(cls) if _META_KEY in f.metadata]
    if decl.order is not None:
        rank = {name: i for i, name in enumerate(decl.order)}
        missing = [f.name for f in fields if f.name not in rank]
        if missing:
            raise TypeError(f"{cls.__name__}: order= lacks {missing}")
        fields.sort(key=lambda f: rank[f.name])
    specs: list[FieldSpec] = []
    for index, f in enumerate(fields):
        fd: FieldDecl = f.metadata[_META_KEY]
        inner, many = unwrap_optional(hints[f.name])
        inner, annotated = split_annotated(inner)
        model: type[Model] | None = None
        codec: Codec = fd.codec or annotated or STR
        prefix = None
        if fd.kind is Kind.CHILD:
            if not (isinstance(inner, type) and issubclass(inner, Model)):
                raise TypeError(f"{cls.__name__}.{f.name}: child() needs a model type")
            model = inner
            child_decl = inner.__domxml__
            name = fd.name or child_decl.tag
            ns = fd.ns if fd.ns is not None else child_decl.ns
            prefix = child_decl.prefix
        elif fd.kind is Kind.ANY:
            name, ns = "*", None
        else:
            name = fd.name or f.name
            ns = fd.ns
            if fd.codec is None and annotated is None:
                codec = codec_for(inner)
        qname, written = _qualify(name, ns, prefix)
        required = f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
        entry = {Kind.CHILD: 0, Kind.LEAF: 1, Kind.ANY: 2}.get(fd.kind, -1)
        specs.append(
            FieldSpec(
                f.name, fd.kind, qname, written, name, codec, model, many, required, index, entry
            )
        )
        specs[-1].plain = type(codec) is StrCodec
        specs[-1].one_form = isinstance(codec, EnumCodec | BoolCodec)
        specs[-1].max_items = fd.max_items
        specs[-1].min_items = fd.min_items
        specs[-1].each_variant = fd.each_variant
        specs[-1].slots = fd.slots
    texts = [s for s in specs if s.kind is Kind.TEXT]
    if len(texts) > 1:
        raise TypeError(f"{cls.__name__}: more than one text() field")
    attr_list = [s for s in specs if s.kind is Kind.ATTR]
    elem_list = [s for s in specs if s.kind in (Kind.LEAF, Kind.CHILD, Kind.ANY)]
    anys = [s for s in specs if s.kind is Kind.ANY]
    if len(anys) > 1:
        raise TypeError(f"{cls.__name__}: more than one any_elements() field")
    return ClassSpec(
        cls=typing.cast(type[Model], cls),
        decl=decl,
        attrs={s.qname: s for s in attr_list},
        attr_list=attr_list,
        elems={s.qname: s for s in elem_list if s.kind is not Kind.ANY},
        any=anys[0] if anys else None,
        elem_list=elem_list,
        by_py={s.py: s for s in specs},
        text=texts[0] if texts else None,
        singles=tuple(s.py for s in specs if not s.many),
        lists=tuple(s.py for s in specs if s.many),
    )
