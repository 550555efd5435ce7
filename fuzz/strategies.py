"""Hypothesis strategies derived from the model declarations.

No model has a strategy of its own: :func:`models` reads a class's compiled
declaration (:func:`domxml.binding.spec.spec_of`) and builds a strategy
from it, field by field:

- a field without a default, or one the schema requires
  (``required=True`` in its declaration), is always drawn; of the others,
  a few (at most :data:`MAX_OPTIONAL`) are drawn, the rest left absent;
- a repeated field holds one or more items (at least ``min_items``), at most
  ``max_items``; one of each variant of its model with ``each_variant``;
  with ``slots``, at most one per slot, in the slots' order;
- a value is drawn from what the declaration knows of it: an enumeration's
  members, a boolean, an integer or a number within its codec's bounds,
  a text matching its pattern (or one of a fixed list, :data:`_TEXTS`);
- a discriminated class is one of its variants;
- for a run against one libvirt version (``libvirt="11.3.0"``), only the
  fields, values and variants that version's schema has
  (:func:`domxml.tools.since.unavailable`);
- what the element declares holds: at most one of a group of exclusive
  fields, at least one of a group of which one is needed, all or none of a
  group that goes together, what a present field requires, the fields
  another field's value allows or needs, and the values it allows them.

Child models are drawn through :func:`hypothesis.strategies.deferred`, so
building the strategy of a class costs nothing until it draws, and a depth
budget bounds recursion and size: below it, optional children and lists
are left out.
"""

from __future__ import annotations

import dataclasses
import enum
import functools
from typing import Any

from hypothesis import strategies as st

from domxml.binding.codecs import BoolCodec, Codec, EnumCodec
from domxml.binding.declare import ElementDecl, Kind, Model
from domxml.binding.spec import ClassSpec, FieldSpec, spec_of
from domxml.tools.since import Unavailable, unavailable

__all__ = ["models"]

#: How deep below the root optional children are drawn.
DEPTH = 6
#: The most items drawn for a repeated field.
MAX_ITEMS = 2
#: The most optional fields drawn in one element.
MAX_OPTIONAL = 30
#: The most drawn in one network filter protocol element (``<tcp>``, ``<stp>``):
#: libxml2 validates libvirt's nwfilter.rng in a time exponential in the
#: attributes one such element has (20 take 8 s of CPU, 12 a few ms), and the
#: conformance check gives it 10 s.
MAX_OPTIONAL_PROTOCOL = 12
_PROTOCOLS = "domxml.models.nwfilter.protocols"

#: Texts drawn for values of no stated form: a fixed list, one choice each
#: (a word drawn letter by letter costs a dozen), with what a writer must
#: escape or keep (markup characters, quotes, spaces, non-ASCII).
_TEXTS = (
    "a",
    "name0",
    "x-y_z.1",
    "two words",
    "<&>'\"",
    "caf\u00e9 \u65e5\u672c",
    " padded ",
    "/var/lib/libvirt/images/a.img",
    "0",
    "\U0001f600",
)
_WORD = st.sampled_from(_TEXTS)

_CACHE: dict[tuple[type[Model], int, str | None], st.SearchStrategy[Any]] = {}


def models(
    cls: type[Model], depth: int = DEPTH, libvirt: str | None = None
) -> st.SearchStrategy[Any]:
    """A strategy of models of ``cls`` (one of its variants if it has any).

    With ``libvirt`` (a version, ``"11.3.0"``), only what that version's
    schema has is drawn.
    """
    key = (cls, depth, libvirt)
    found = _CACHE.get(key)
    if found is None:
        found = _CACHE[key] = st.deferred(lambda: _build(cls, depth, libvirt))
    return found


def _build(cls: type[Model], depth: int, libvirt: str | None) -> st.SearchStrategy[Any]:
    decl = cls.__domxml__
    lacks = unavailable(libvirt)
    variants = []
    for word, variant_cls in decl.variants.items():
        assert decl.discriminator is not None
        kind = spec_of(variant_cls).attrs[decl.discriminator]
        if (variant_cls, kind.py, kind.codec.decode(word)) not in lacks.values:
            variants.append(_fields(variant_cls, depth, libvirt))
    if not decl.variants:
        return _fields(cls, depth, libvirt)
    assert decl.discriminator is not None
    if not spec_of(cls).attrs[decl.discriminator].required:
        variants.append(_fields(cls, depth, libvirt))  # the form without a discriminator
    return st.one_of(variants)


def _rules(cls: type[Model]) -> ElementDecl:
    """The declaration whose groups, exclusions and dependencies ``cls``'s fields follow."""
    decl = cls.__domxml__
    if decl.variant is None and decl.untyped is not None:
        return decl.variants[decl.untyped].__domxml__  # the base: a variant's rules
    return decl


def _fields(cls: type[Model], depth: int, libvirt: str | None) -> st.SearchStrategy[Any]:
    spec = spec_of(cls)
    decl = _rules(cls)
    lacks = unavailable(libvirt)
    always: dict[str, st.SearchStrategy[Any]] = {}
    maybe: dict[str, st.SearchStrategy[Any]] = {}
    # What a group or a dependency may have to add is drawn below the
    # depth budget too: it is as good as required there.
    needed = _needed(decl)
    for f in _all_fields(spec):
        if f.kind is Kind.ATTR and f.local == decl.discriminator:
            # A variant's is its own value (the field's default); the base
            # is the form without one (any value would read as a variant).
            continue
        if f.py in decl.without or (cls, f.py) in lacks.fields:
            continue
        strategy = _field(f, depth, f.py in needed, libvirt, _kept(lacks, cls, f))
        if strategy is not None:
            (always if f.required else maybe)[f.py] = strategy
    optional = [name for name in maybe if depth > 0 or name not in needed]
    # Which optional fields are present: how many, then which (an index
    # each, a repeat drawing one field fewer), not a yes or no per field: a
    # domain has hundreds of optional fields in all, most of them absent.
    most = MAX_OPTIONAL_PROTOCOL if cls.__module__ == _PROTOCOLS else MAX_OPTIONAL
    how_many = st.integers(0, min(len(optional), most))
    which = st.integers(0, max(len(optional) - 1, 0))
    defaults = {f.name: f.default for f in dataclasses.fields(cls)}
    items = _items(cls, decl, depth, libvirt)

    @st.composite
    def draw_model(draw: st.DrawFn) -> Any:
        kw = {name: draw(strategy) for name, strategy in always.items()}
        if optional:
            present = {draw(which) for _ in range(draw(how_many))}
            for i in sorted(present):
                kw[optional[i]] = draw(maybe[optional[i]])
        _settle(draw, decl, defaults, maybe, kw, items)
        return cls(**kw)

    return draw_model()


def _settle(
    draw: st.DrawFn,
    decl: ElementDecl,
    defaults: dict[str, Any],
    maybe: dict[str, st.SearchStrategy[Any]],
    kw: dict[str, Any],
    items: dict[str, tuple[st.SearchStrategy[Any], tuple[str, ...]]] | None = None,
) -> None:
    """Make the drawn fields ``kw`` follow the element's groups and dependencies.

    A group may name an item of a variant in a repeated field
    (``"capabilities[removable]"``): ``items`` has, for each such name, the
    strategy of that item and the order of its field's variants.
    """
    items = items or {}

    def present(name: str) -> bool:
        field, word = _item_name(name)
        value = kw.get(field)
        if word is None:
            return value is not None
        return any(type(item).__domxml__.variant == word for item in value or ())

    def available(name: str) -> bool:
        return name in maybe or name in items

    def add(name: str) -> None:
        if present(name):
            return
        field, word = _item_name(name)
        if word is None:
            if name in maybe:
                kw[name] = draw(maybe[name])
        elif name in items:
            strategy, order = items[name]
            added = [*(kw.get(field) or ()), draw(strategy)]
            kw[field] = sorted(added, key=lambda item: order.index(type(item).__domxml__.variant))

    def drop(name: str) -> None:
        # A field left out takes those that cannot be without it along:
        # the rest of its together= group, what requires= it.
        if not present(name):
            return
        field, word = _item_name(name)
        if word is None:
            del kw[name]
        else:
            kept = [item for item in kw[field] if type(item).__domxml__.variant != word]
            if kept:
                kw[field] = kept
            else:
                del kw[field]
        for group in decl.together:
            if name in group:
                for other in group:
                    drop(other)
        for first, *others in decl.requires:
            if name in others:
                drop(first)

    for group in decl.one_needed:
        if not any(present(name) for name in group):
            # Of those this version has (a newer libvirt's may be left out).
            candidates = tuple(name for name in group if available(name))
            if candidates:
                add(draw(_one_of(candidates)))
    # What a group adds may bring another group in (a requires= adding a
    # field of a together= group): until nothing more is added.
    before: set[str] | None = None
    while before != set(kw):
        before = set(kw)
        for group in decl.together:
            if any(present(name) for name in group):
                for name in group:
                    add(name)
        for first, *others in decl.requires:
            if present(first):
                for name in others:
                    add(name)
    for group in decl.exclusive:
        there = [name for name in group if present(name)]
        if len(there) > 1:
            keep = draw(_one_of(tuple(there)))
            for name in there:
                if name != keep:
                    drop(name)
    for field, key, leader, leader_key in decl.follows:
        # Each follower names a leader of its own: the written order puts
        # it right after that one (two in a row would be out of place).
        followers, leaders = kw.get(field) or [], kw.get(leader) or []
        if not followers:
            continue
        if not leaders:
            drop(field)
            continue
        n = min(len(followers), len(leaders))
        whose = sorted(draw(st.sets(st.integers(0, len(leaders) - 1), min_size=n, max_size=n)))
        kw[field] = [
            dataclasses.replace(item, **{key: getattr(leaders[i], leader_key)})
            for item, i in zip(followers, whose, strict=False)
        ]
    for depends in decl.depends:
        value = _value_at(kw, defaults, depends.path)
        if depends.allows:
            allowed = set(depends.allows.get(value, ()))
            for name in depends.dependent - allowed:
                kw.pop(name, None)
        for name in depends.needs.get(value, ()):
            add(name)
        for name, choices in depends.values.get(value, {}).items():
            if kw.get(name) is None:
                continue
            if isinstance(choices, Codec):
                kw[name] = draw(_value(choices))
            elif kw[name] not in choices:
                kw[name] = draw(_one_of(choices))


@functools.cache
def _one_of(values: tuple[Any, ...]) -> st.SearchStrategy[Any]:
    return st.sampled_from(values)


def _value_at(kw: dict[str, Any], defaults: dict[str, Any], path: tuple[str, ...]) -> Any:
    """The value of the field at ``path`` (a field, or a dotted path into a child)."""
    value = kw.get(path[0], defaults.get(path[0]))
    for name in path[1:]:
        value = getattr(value, name, None)
    return value


def _needed(decl: ElementDecl) -> set[str]:
    """The fields the element's groups and dependencies may add to what was drawn."""
    found = {name for group in (*decl.one_needed, *decl.together) for name in group}
    found |= {name for _, *others in decl.requires for name in others}
    found |= {name for d in decl.depends for names in d.needs.values() for name in names}
    return {_item_name(name)[0] for name in found}


def _item_name(name: str) -> tuple[str, str | None]:
    """``"capabilities[removable]"``: ``("capabilities", "removable")``; else ``(name, None)``."""
    field, bracket, word = name.partition("[")
    return (field, word[:-1]) if bracket else (name, None)


def _items(
    cls: type[Model], decl: ElementDecl, depth: int, libvirt: str | None
) -> dict[str, tuple[st.SearchStrategy[Any], tuple[str, ...]]]:
    """The strategy of each item a group names (``"capabilities[removable]"``), with its order.

    The order is that of the field's ``slots`` (or of its model's variants).
    """
    lacks = unavailable(libvirt)
    names = {n for g in (*decl.one_needed, *decl.together, *decl.exclusive) for n in g}
    names |= {n for g in decl.requires for n in g}
    found = {}
    for name in sorted(names):
        field, word = _item_name(name)
        if word is None or (cls, field) in lacks.fields or field in decl.without:
            continue
        model = spec_of(cls).by_py[field].model
        assert model is not None, name
        slots = spec_of(cls).by_py[field].slots or tuple((w,) for w in model.__domxml__.variants)
        variant = model.__domxml__.variants[word]
        key = spec_of(model).attrs[model.__domxml__.discriminator or ""]
        if (variant, key.py, key.codec.decode(word)) in lacks.values:
            continue
        order = tuple(w for slot in slots for w in slot)
        found[name] = (models(variant, depth - 1, libvirt), order)
    return found


def _all_fields(spec: ClassSpec) -> list[FieldSpec]:
    fields = [*spec.attr_list, *([spec.text] if spec.text else []), *spec.elem_list]
    return sorted(fields, key=lambda f: f.index)


def _kept(lacks: Unavailable, cls: type[Model], f: FieldSpec) -> tuple[Any, ...] | None:
    """The values of ``f`` a version has, when it lacks some (``None``: all of them)."""
    if not lacks.has_value(cls, f.py):
        return None
    if f.codec.choices is not None:
        every: list[Any] = list(f.codec.choices)
    elif isinstance(f.codec, EnumCodec):
        every = list(f.codec.enum_type)
    elif isinstance(f.codec, BoolCodec):
        every = [True, False]
    else:
        return None  # a text or number: its new words are not drawn anyway
    return tuple(v for v in every if (cls, f.py, v) not in lacks.values)


def _field(
    f: FieldSpec,
    depth: int,
    needed: bool = False,
    libvirt: str | None = None,
    kept: tuple[Any, ...] | None = None,
) -> st.SearchStrategy[Any] | None:
    if f.kind is Kind.ANY:
        return None
    if depth <= 0 and not (f.required or needed):
        return None  # the budget is spent: only what must be there
    if f.kind is Kind.CHILD:
        assert f.model is not None
        if f.each_variant:  # one of each variant, in their order
            kinds = f.model.__domxml__.variants.values()
            return st.tuples(*(models(v, depth - 1, libvirt) for v in kinds)).map(list)
        one = models(f.model, depth - 1, libvirt)
    elif kept is not None:
        if not kept:
            return None
        one = _one_of(kept)
    else:
        one = _value(f.codec, libvirt if f.codec.older else None)
    if f.many:
        fewest = f.min_items or 1
        most = MAX_ITEMS if depth > 0 else 1
        if f.max_items is not None:
            most = min(most, f.max_items)
        if f.slots is not None:
            return _slotted(f, depth, libvirt, fewest, max(most, fewest))
        return st.lists(one, min_size=fewest, max_size=max(most, fewest))
    return one


def _slotted(
    f: FieldSpec, depth: int, libvirt: str | None, fewest: int, most: int
) -> st.SearchStrategy[list[Any]]:
    """A list for a field with ``slots``: some of them, in order, an item of a variant each."""
    assert f.model is not None and f.slots is not None
    decl = f.model.__domxml__
    assert decl.discriminator is not None
    lacks = unavailable(libvirt)
    key = spec_of(f.model).attrs[decl.discriminator]
    slots = []
    for slot in f.slots:
        kinds = [
            models(decl.variants[word], depth - 1, libvirt)
            for word in slot
            if (decl.variants[word], key.py, key.codec.decode(word)) not in lacks.values
        ]
        if kinds:
            slots.append(st.one_of(kinds))
    if not slots:
        return st.just([])
    which = st.sets(
        st.integers(0, len(slots) - 1),
        min_size=min(fewest, len(slots)),
        max_size=min(most, len(slots)),
    )

    @st.composite
    def draw_items(draw: st.DrawFn) -> list[Any]:
        return [draw(slots[i]) for i in sorted(draw(which))]

    return draw_items()


#: Characters drawn into texts: any XML allows, but control characters
#: (which attribute-value normalisation would change), surrogates, and the
#: two non-characters XML 1.0 excludes (U+FFFE, U+FFFF).
_CHARS = st.characters(
    codec="utf-8", exclude_categories=("Cc", "Cs"), exclude_characters="\ufffe\uffff"
)


@functools.cache
def _value(codec: Codec, libvirt: str | None = None) -> st.SearchStrategy[Any]:
    """Values of ``codec`` (texts matching its pattern for libvirt ``libvirt``, if given)."""
    if codec.choices is not None:
        return st.sampled_from(codec.choices)
    if isinstance(codec, EnumCodec):
        members: list[enum.Enum] = list(codec.enum_type)
        return st.sampled_from(members)
    if isinstance(codec, BoolCodec):
        return st.booleans()
    if codec.python_type is int:
        low = 0 if codec.low is None else int(codec.low)
        high = low + 1000 if codec.high is None else int(codec.high)
        return st.integers(low, high)
    if codec.python_type is float:
        low_f = 0.0 if codec.low is None else float(codec.low)
        high_f = low_f + 1000 if codec.high is None else float(codec.high)
        return st.integers(int(low_f), int(high_f)).map(float)
    pattern = codec.pattern_for(libvirt)
    if pattern is not None:
        return _matching(pattern)
    return _WORD


_REGEX_CACHE: dict[str, st.SearchStrategy[str]] = {}


def _matching(pattern: str) -> st.SearchStrategy[str]:
    found = _REGEX_CACHE.get(pattern)
    if found is None:
        found = _REGEX_CACHE[pattern] = st.from_regex(pattern, fullmatch=True, alphabet=_CHARS)
    return found
