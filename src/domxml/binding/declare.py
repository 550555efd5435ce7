"""Declaring a model: the element decorator and the field helpers.

A model is a dataclass whose fields say, once, how they map to XML::

    @element("bridge")
    class Bridge(Model):
        name: str | None = attr()
        stp: bool | None = attr(codec=ON_OFF)
        delay: int | None = attr()

Parsing, writing, untyped reporting (and later JSON and schema export) are
all derived from these declarations; no model has code of its own for them.
The declaration order of fields is libvirt's order, used when writing a
model built in code or with ``style="libvirt"``.
"""

from __future__ import annotations

import dataclasses
import enum
import inspect
import types
import typing
from collections.abc import Callable
from typing import Any, TypeVar

from domxml.binding.changes import owned
from domxml.binding.codecs import Codec, EnumCodec, codec_for
from domxml.binding.node import NODE_ATTR, Fields, mark, node_of
from domxml.binding.pending import PENDING_ATTR, Pending, PendingField, drop, force, settle
from domxml.errors import ModelError


class Kind(enum.Enum):
    """How a field maps to XML."""

    ATTR = "attr"  # an attribute of the element
    TEXT = "text"  # the element's own text
    LEAF = "leaf"  # a child element holding only text (<name>foo</name>)
    CHILD = "child"  # a child element bound to a model
    ANY = "any"  # any other element, held as an lxml element (like xs:any)


@dataclasses.dataclass(frozen=True)
class FieldDecl:
    """What a field's helper declared; completed into a :class:`FieldSpec`."""

    kind: Kind
    name: str | None
    codec: Codec | None
    ns: str | None
    max_items: int | None = None
    min_items: int | None = None
    each_variant: bool = False
    slots: tuple[tuple[str, ...], ...] | None = None


_META_KEY = "domxml"


class _Unset:
    """No default given (``None`` is a default like any other)."""

    def __repr__(self) -> str:
        return "UNSET"


UNSET: Any = _Unset()


def _field(
    kind: Kind,
    name: str | None,
    codec: Codec | None,
    ns: str | None,
    *,
    default: Any,
    default_factory: Any,
    doc: str | None,
    max_items: int | None = None,
    min_items: int | None = None,
    each_variant: bool = False,
    slots: tuple[tuple[str, ...], ...] | None = None,
) -> Any:
    metadata: dict[str, Any] = {
        _META_KEY: FieldDecl(kind, name, codec, ns, max_items, min_items, each_variant, slots)
    }
    if doc:
        metadata["doc"] = doc
    if default is not UNSET:
        return dataclasses.field(default=default, metadata=metadata)
    if default_factory is not UNSET:
        return dataclasses.field(default_factory=default_factory, metadata=metadata)
    return dataclasses.field(metadata=metadata)  # required


# Each helper takes ``default=`` (or ``default_factory=``) as dataclasses.field
# does; a field declared without one is required in the constructor. Type
# checkers read those arguments too (the decorators are dataclass transforms),
# so constructors are checked.


def attr(
    name: str | None = None,
    *,
    default: Any = UNSET,
    codec: Codec | None = None,
    ns: str | None = None,
    doc: str | None = None,
) -> Any:
    """An attribute; ``name`` defaults to the field name."""
    return _field(
        Kind.ATTR,
        name,
        codec,
        ns,
        default=default,
        default_factory=UNSET,
        doc=doc,
    )


def text(
    *,
    default: Any = UNSET,
    codec: Codec | None = None,
    doc: str | None = None,
) -> Any:
    """The element's own text content."""
    return _field(
        Kind.TEXT,
        None,
        codec,
        None,
        default=default,
        default_factory=UNSET,
        doc=doc,
    )


def leaf(
    name: str | None = None,
    *,
    default: Any = UNSET,
    codec: Codec | None = None,
    ns: str | None = None,
    doc: str | None = None,
) -> Any:
    """A child element holding only text."""
    return _field(
        Kind.LEAF,
        name,
        codec,
        ns,
        default=default,
        default_factory=UNSET,
        doc=doc,
    )


def leaves(
    name: str | None = None,
    *,
    default_factory: Callable[[], Any] = UNSET,
    codec: Codec | None = None,
    ns: str | None = None,
    doc: str | None = None,
    max_items: int | None = None,
    min_items: int | None = None,
) -> Any:
    """A repeated child element holding only text (annotate ``list[T]``).

    ``max_items`` and ``min_items``: the most and the fewest the schema
    allows where there are any (reading keeps any number).
    """
    return _field(
        Kind.LEAF,
        name,
        codec,
        ns,
        default=UNSET,
        default_factory=default_factory,
        doc=doc,
        max_items=max_items,
        min_items=min_items,
    )


def child(
    name: str | None = None,
    *,
    default: Any = UNSET,
    ns: str | None = None,
    doc: str | None = None,
) -> Any:
    """A child element bound to a model; ``name`` defaults to the model's tag."""
    return _field(
        Kind.CHILD,
        name,
        None,
        ns,
        default=default,
        default_factory=UNSET,
        doc=doc,
    )


def children(
    name: str | None = None,
    *,
    default_factory: Callable[[], Any] = UNSET,
    ns: str | None = None,
    doc: str | None = None,
    max_items: int | None = None,
    min_items: int | None = None,
    each_variant: bool = False,
    slots: tuple[tuple[str, ...], ...] | None = None,
) -> Any:
    """A repeated child element bound to a model (annotate ``list[Model]``).

    ``max_items`` and ``min_items``: the most and the fewest the schema
    allows where there are any (reading keeps any number).
    ``each_variant=True``: the schema wants one item of each variant of the
    discriminated model, in their declaration order (domain capabilities'
    four CPU ``<mode>`` elements); models built in code and the fuzzer's
    strategies follow it, reading keeps any.
    ``slots=(("phys_function",), ("pci-bridge", "cardbus-bridge"))``: the
    items come in this order, at most one per slot, each of the variants
    (discriminator values) its slot names (a PCI device's capabilities: a
    physical function, then a PCI or a CardBus bridge); the fuzzer's
    strategies follow it, reading keeps any.
    """
    return _field(
        Kind.CHILD,
        name,
        None,
        ns,
        default=UNSET,
        default_factory=default_factory,
        doc=doc,
        max_items=max_items,
        min_items=min_items,
        each_variant=each_variant,
        slots=slots,
    )


def any_elements(*, default_factory: Callable[[], Any] = UNSET, doc: str | None = None) -> Any:
    """Every child element no other field binds, held as lxml elements.

    For content that is open by design, such as ``<metadata>``: what it
    holds is typed as "any XML", so ``untyped()`` does not report it.
    Annotate ``list[etree._Element]``.
    """
    return _field(
        Kind.ANY, None, None, None, default=UNSET, default_factory=default_factory, doc=doc
    )


@dataclasses.dataclass(frozen=True)
class Depends:
    """Fields that depend on the value of another field: see :func:`depends_on`."""

    field: str
    allows: dict[Any, tuple[str, ...]]
    needs: dict[Any, tuple[str, ...]]
    values: dict[Any, dict[str, tuple[Any, ...] | Codec]] = dataclasses.field(default_factory=dict)

    @property
    def dependent(self) -> set[str]:
        """Every field some value allows (and the others do not)."""
        return {name for names in self.allows.values() for name in names}

    @property
    def path(self) -> tuple[str, ...]:
        """The field's path: ``("type", "value")`` for ``"type.value"``."""
        return tuple(self.field.split("."))


def depends_on(
    field: str,
    *,
    allows: dict[Any, tuple[str, ...]] | None = None,
    needs: dict[Any, tuple[str, ...]] | None = None,
    values: dict[Any, dict[str, tuple[Any, ...] | Codec]] | None = None,
) -> Depends:
    """Fields the value of the field ``field`` allows or needs, and the values it allows them.

    ``allows={ClockOffset.ABSOLUTE: ("start",), ClockOffset.VARIABLE:
    ("adjustment", "basis")}``: each field named there is allowed only for
    the values that name it; ``needs``: the fields a value requires;
    ``values={GuestType.XEN: {"machine": ("xenpv", "xenfv", "xenpvh")}}``:
    for that value, the field named takes one of these values only (or,
    given a codec, the values it allows: ``{ClockOffset.VARIABLE:
    {"adjustment": matching(r"[-+]?[0-9]+", "timeDelta")}}``).
    ``field`` may be a dotted path into a child's fields: ``"type.value"``
    is the text of ``<os>``'s ``<type>`` (``Os.type.value``). For
    ``@element(..., depends=(...))``; reading does not enforce it.
    """
    return Depends(field, dict(allows or {}), dict(needs or {}), dict(values or {}))


class Model:
    """Base class of every model; see :func:`element`.

    Assigning a string to an enumerated field stores the member of that
    value (``disk.target.bus = "sata"``); a value that is no member raises
    :class:`~domxml.errors.ModelError` there and then.
    """

    __domxml__: typing.ClassVar[ElementDecl]
    #: A parsed model's children not read yet (see domxml.binding.pending).
    _pending: Pending | None

    def __setstate__(self, state: dict[str, Any]) -> None:
        # A parsed model's Fields dict stays one through copy and pickle (it
        # leaves out absent fields); any other state is set as usual.
        if type(state) is Fields:
            object.__setattr__(self, "__dict__", Fields(state))
        else:
            self.__dict__.update(state)

    def __getstate__(self) -> Any:
        settle(self)  # the state is the instance dict: every field in it
        return object.__getstate__(self)

    def __setattr__(self, name: str, value: Any) -> None:
        if value is not None:
            codec = enum_fields(type(self)).get(name)
            if codec is not None and not isinstance(value, codec.enum_type):
                value = _member(self, name, codec, value)
        object.__setattr__(self, name, value)
        node = node_of(self)
        if node is not None:
            if self._pending is not None:
                drop(self, name)
            mark(node)  # written from its fields from now on, and so is every element around it

    if not typing.TYPE_CHECKING:  # mypy would take any name for a field

        def __getattr__(self, name: str) -> Any:
            # A parsed model holds no list for a repeated field it has no
            # item of (most are empty): the list is made, and kept, when
            # first asked for; a change to it marks the model as any does.
            if name in list_fields(type(self)):
                pending = self._pending
                if pending is not None and (name in pending.fields or name in pending.done):
                    read = force(self, name)  # its elements were pending
                    if read is not None:  # (else the program set it meanwhile)
                        return read
                made = owned(node_of(self))
                object.__setattr__(self, name, made)
                return made
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")


# A model built in code has no source node: read as None, not through __getattr__;
# nor anything pending (see domxml.binding.pending).
setattr(Model, NODE_ATTR, None)
setattr(Model, PENDING_ATTR, None)


@dataclasses.dataclass
class ElementDecl:
    """What :func:`element` declared for a class."""

    tag: str  # local name
    ns: str | None
    prefix: str | None
    discriminator: str | None
    variant: str | None
    self_close: bool
    foreign_quote: str
    order: tuple[str, ...] | None
    variants: dict[str, type[Model]] = dataclasses.field(default_factory=dict)
    exclusive: tuple[tuple[str, ...], ...] = ()
    """Groups of fields (Python names) of which at most one may be present."""
    one_needed: tuple[tuple[str, ...], ...] = ()
    """Groups of fields (Python names) of which at least one must be present."""
    together: tuple[tuple[str, ...], ...] = ()
    """Groups of fields (Python names) present all together or not at all."""
    requires: tuple[tuple[str, ...], ...] = ()
    """``(field, *others)``: where the first field is present, the others are too."""
    untyped: str | None = None
    """The variant whose rules the element follows without its discriminator."""
    without: tuple[str, ...] = ()
    """Inherited fields (Python names) a variant's schema does not allow."""
    depends: tuple[Depends, ...] = ()
    """Fields that depend on another field's value (see :func:`depends_on`)."""
    blank_lines: bool = False
    """Children are written with an empty line around each (``<capabilities>``)."""
    interleave: tuple[tuple[str, ...], ...] = ()
    """Groups of repeated fields (Python names) whose items libvirt writes mixed."""
    follows: tuple[tuple[str, str, str, str], ...] = ()
    """``(field, key, leader, leader_key)``: each item of ``field`` comes right after
    the item of ``leader`` whose ``leader_key`` is its ``key``."""

    @property
    def qname(self) -> str:
        """The tag in ElementTree's ``{namespace}local`` form."""
        return f"{{{self.ns}}}{self.tag}" if self.ns else self.tag


M = TypeVar("M", bound=type[Model])


@typing.dataclass_transform(
    kw_only_default=True,
    field_specifiers=(attr, text, leaf, leaves, child, children, any_elements, dataclasses.field),
)
def element(
    tag: str,
    *,
    ns: str | None = None,
    prefix: str | None = None,
    discriminator: str | None = None,
    self_close: bool = True,
    foreign_quote: str = "'",
    field_order: tuple[str, ...] | None = None,
    exclusive: tuple[tuple[str, ...], ...] = (),
    one_needed: tuple[tuple[str, ...], ...] = (),
    together: tuple[tuple[str, ...], ...] = (),
    requires: tuple[tuple[str, ...], ...] = (),
    without: tuple[str, ...] = (),
    depends: tuple[Depends, ...] = (),
    untyped: str | None = None,
    blank_lines: bool = False,
    interleave: tuple[tuple[str, ...], ...] = (),
    follows: tuple[tuple[str, str, str, str], ...] = (),
) -> Callable[[M], M]:
    """Make a class a model of the element ``tag``.

    ``discriminator`` names an attribute whose value picks a subclass
    declared with :func:`variant`. ``self_close=False`` writes an empty
    element as an open and a close tag, as libvirt does for some elements.
    ``foreign_quote`` is the quote used for attributes of unknown content
    below this element. ``field_order`` (Python field names) overrides the
    declaration order, where inheritance cannot give libvirt's.

    ``exclusive``, ``one_needed`` and ``together`` state what the schema
    says of fields together: groups of which at most one, at least one, or
    all or none may be present (``<ip>`` has a ``prefix`` or a ``netmask``;
    a DHCP ``<host>`` needs a ``mac``, an ``id`` or a ``name``; a
    container's ``<inituser>`` comes with its ``<initgroup>``);
    ``requires=(("cipher", "secrets"),)``: where the first field is
    present, so are the others (an ``<encryption>`` with a ``<cipher>`` has
    a ``<secret>``; one with secrets alone is fine). A group may name an
    item of one variant in a repeated field, ``"capabilities[removable]"``
    (a storage device has a ``<size>`` or a removable capability). A group
    of one field, ``one_needed=(("port",),)``, is a field needed where the
    libvirt version has it (a default keeps older documents readable).
    ``untyped="scsi_host"``: without its discriminator, the element follows
    the rules of that variant (an ``<adapter>`` without ``type`` is a SCSI
    host adapter); it still reads as the base class. Reading and writing do not enforce
    them; the fuzzer's strategies and the schema export follow them.
    ``without`` names inherited fields this element does not allow (a
    ``<source>`` of one pool type, made from the source of all types).
    ``blank_lines=True``: an empty line before each child and before the
    end tag, as libvirt writes ``<capabilities>``.
    ``interleave=(("filterrefs", "rules"),)``: repeated fields whose items
    libvirt keeps in one sequence, mixed (a filter's ``<filterref>`` and
    ``<rule>``); ``style="libvirt"`` writes a parsed element's items of
    such a group in their parsed order, then those a program added.
    ``follows=(("blockers", "model", "models", "name"),)``: each item of
    ``blockers`` is written right after the item of ``models`` whose
    ``name`` is its ``model`` (libvirt writes a CPU model's ``<blockers>``
    after it); in an element built in code, as a parsed one keeps its
    order. The fuzzer's strategies draw each follower for a distinct leader.
    """

    def apply(cls: M) -> M:
        made = dataclasses.dataclass(kw_only=True, eq=True, repr=True)(cls)
        _pending_defaults(made)
        made.__domxml__ = ElementDecl(
            tag,
            ns,
            prefix,
            discriminator,
            None,
            self_close,
            foreign_quote,
            field_order,
            exclusive=exclusive,
            one_needed=one_needed,
            together=together,
            requires=requires,
            without=without,
            depends=depends,
            untyped=untyped,
            blank_lines=blank_lines,
            interleave=interleave,
            follows=follows,
        )
        return typing.cast(M, made)

    return apply


@typing.dataclass_transform(
    kw_only_default=True,
    field_specifiers=(attr, text, leaf, leaves, child, children, any_elements, dataclasses.field),
)
def variant(
    value: str,
    *,
    self_close: bool | None = None,
    exclusive: tuple[tuple[str, ...], ...] = (),
    one_needed: tuple[tuple[str, ...], ...] = (),
    together: tuple[tuple[str, ...], ...] = (),
    requires: tuple[tuple[str, ...], ...] = (),
    without: tuple[str, ...] = (),
    depends: tuple[Depends, ...] = (),
    interleave: tuple[tuple[str, ...], ...] = (),
    follows: tuple[tuple[str, str, str, str], ...] = (),
) -> Callable[[M], M]:
    """Make a subclass of a discriminated model the variant for ``value``.

    The subclass inherits the base's element and fields and adds its own;
    it needs no :func:`element` of its own. Its discriminator field defaults
    to ``value``, so ``PciAddress()`` is written ``<address type='pci'/>``.
    ``self_close`` overrides the base's for this variant; ``exclusive``,
    ``one_needed``, ``together`` and ``requires`` add to the base's groups
    (see :func:`element`);
    ``without`` names inherited fields the schema does not allow for this
    value (a ``user`` interface has no ``<virtualport>``): still read and
    kept when present, never drawn by the fuzzer. ``depends``, when given,
    replaces the base's (the variant's part of the schema says it all).
    ``interleave`` and ``follows`` add to the base's (see :func:`element`).
    """

    def apply(cls: M) -> M:
        base = cls.__mro__[1]
        base_decl: ElementDecl = base.__domxml__  # type: ignore[attr-defined]
        if base_decl.discriminator is None:
            raise TypeError(f"{base.__name__} declares no discriminator")
        made: type[Model] = cls
        if "__dataclass_fields__" not in cls.__dict__:  # unless @element came first
            _default_discriminator(cls, base, base_decl.discriminator, value)
            made = dataclasses.dataclass(kw_only=True, eq=True, repr=True)(cls)
            _pending_defaults(made)
        made.__domxml__ = dataclasses.replace(
            base_decl,
            variant=value,
            variants={},
            self_close=base_decl.self_close if self_close is None else self_close,
            exclusive=base_decl.exclusive + exclusive,
            one_needed=base_decl.one_needed + one_needed,
            together=base_decl.together + together,
            requires=base_decl.requires + requires,
            untyped=None,
            without=without,
            depends=depends or base_decl.depends,
            interleave=base_decl.interleave + interleave,
            follows=base_decl.follows + follows,
        )
        base_decl.variants[value] = made
        return typing.cast(M, made)

    return apply


def _pending_defaults(cls: type) -> None:
    """Make the None default of each single model field of ``cls`` a :class:`PendingField`.

    Only the class's own: an inherited field keeps what its class made it.
    """
    for f in dataclasses.fields(cls):
        decl: FieldDecl | None = f.metadata.get(_META_KEY)
        if decl is not None and decl.kind is Kind.CHILD and cls.__dict__.get(f.name, 0) is None:
            setattr(cls, f.name, PendingField(f.name))


def _default_discriminator(cls: type, base: type, discriminator: str, value: str) -> None:
    """Redeclare the base's discriminator field on ``cls`` with ``value`` as its default."""
    for f in dataclasses.fields(base):
        decl: FieldDecl | None = f.metadata.get(_META_KEY)
        if decl is not None and decl.kind is Kind.ATTR and (decl.name or f.name) == discriminator:
            break
    else:
        return
    own = inspect.get_annotations(cls)
    if f.name in own:
        return  # the variant declares it itself
    annotation = next(
        k.__annotations__[f.name] for k in base.__mro__ if f.name in inspect.get_annotations(k)
    )
    try:
        inner, _ = unwrap_optional(typing.get_type_hints(base)[f.name])
        default = (decl.codec or codec_for(inner)).decode(value)
    except (NameError, TypeError, ValueError):
        return
    cls.__annotations__ = {f.name: annotation, **own}
    setattr(cls, f.name, dataclasses.field(default=default, metadata=f.metadata))


def unwrap_optional(annotation: Any) -> tuple[Any, bool]:
    """``(inner type, is_list)`` of an annotation like ``X | None`` or ``list[X]``."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return unwrap_optional(args[0])
        return annotation, False
    if origin is list:
        (inner,) = typing.get_args(annotation)
        return unwrap_optional(inner)[0], True
    return annotation, False


_ENUM_FIELDS: dict[type, dict[str, EnumCodec]] = {}
_LIST_FIELDS: dict[type, frozenset[str]] = {}


def list_fields(cls: type) -> frozenset[str]:
    """The names of the repeated fields of ``cls``."""
    known = _LIST_FIELDS.get(cls)
    if known is None:
        hints = typing.get_type_hints(cls, include_extras=True)
        known = _LIST_FIELDS[cls] = frozenset(
            f.name
            for f in dataclasses.fields(cls)
            if _META_KEY in f.metadata and unwrap_optional(hints[f.name])[1]
        )
    return known


def enum_fields(cls: type) -> dict[str, EnumCodec]:
    """The single-valued fields of ``cls`` whose values are enumeration members, by name."""
    known = _ENUM_FIELDS.get(cls)
    if known is None:
        known = {}
        hints = typing.get_type_hints(cls, include_extras=True)
        for f in dataclasses.fields(cls):
            fd: FieldDecl | None = f.metadata.get(_META_KEY)
            if fd is None or fd.kind in (Kind.CHILD, Kind.ANY):
                continue
            inner, many = unwrap_optional(hints[f.name])
            inner, annotated = split_annotated(inner)
            codec = fd.codec or annotated
            if codec is None and isinstance(inner, type) and issubclass(inner, enum.Enum):
                codec = codec_for(inner)
            if isinstance(codec, EnumCodec) and not many:
                known[f.name] = codec
        _ENUM_FIELDS[cls] = known
    return known


def _member(obj: Model, name: str, codec: EnumCodec, value: Any) -> enum.Enum:
    """The member ``value`` names, or a ModelError naming the class, the field and the values."""
    if isinstance(value, str):
        try:
            return codec.decode(value)
        except ValueError:
            pass
    cls = type(obj)
    f = next(f for f in dataclasses.fields(typing.cast(Any, cls)) if f.name == name)
    fd: FieldDecl = f.metadata[_META_KEY]
    xml = fd.name or name
    where = {Kind.ATTR: f"@{xml}", Kind.TEXT: "text()"}.get(fd.kind, xml)
    values = ", ".join(str(m.value) for m in codec.enum_type)
    raise ModelError(
        f"{cls.__name__}.{name}: {value!r} is not a {codec.enum_type.__name__}; allowed: {values}",
        path=f"{cls.__domxml__.tag}/{where}",
    )


def split_annotated(annotation: Any) -> tuple[Any, Codec | None]:
    """``(type, codec)`` of ``Annotated[type, codec]`` (a value type such as ``UInt``)."""
    if typing.get_origin(annotation) is typing.Annotated:
        inner, *extras = typing.get_args(annotation)
        codecs = [e for e in extras if isinstance(e, Codec)]
        return inner, codecs[0] if codecs else None
    return annotation, None
