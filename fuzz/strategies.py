"""Hypothesis strategies derived from the model declarations.

No model has a strategy of its own: :func:`models` reads a class's compiled
declaration (:func:`domxml.binding.spec.spec_of`) and builds a strategy
from it, field by field:

- a field without a default, or one the schema requires
  (``required=True`` in its declaration), is always drawn; any other is
  drawn or left absent;
- a repeated field holds one or more items, at most ``max_items``;
- a value is drawn from what the declaration knows of it: an enumeration's
  members, a boolean, an integer or a number within the field's
  :class:`~domxml.binding.declare.Values` bounds, a text matching its
  pattern (or a plain word);
- a discriminated class is one of its variants;
- what the element declares (:class:`~domxml.binding.declare.Rules`) holds:
  at most one of a group of exclusive fields, at least one of a group of
  which one is needed, and fields that need another.

Child models are drawn through :func:`hypothesis.strategies.deferred`, so
building the strategy of a class costs nothing until it draws, and a depth
budget bounds recursion and size: below it, optional children and lists
are left out.
"""

from __future__ import annotations

import dataclasses
import enum
from typing import Any

from hypothesis import strategies as st

from domxml.binding.codecs import BoolCodec, Codec, EnumCodec
from domxml.binding.declare import ElementDecl, Kind, Model
from domxml.binding.spec import ClassSpec, FieldSpec, spec_of

__all__ = ["models"]

#: How deep below the root optional children are drawn.
DEPTH = 6
#: The most items drawn for a repeated field.
MAX_ITEMS = 2

_WORD = st.from_regex(r"[a-z][a-z0-9]{0,7}", fullmatch=True)

_CACHE: dict[tuple[type[Model], int], st.SearchStrategy[Any]] = {}


def models(cls: type[Model], depth: int = DEPTH) -> st.SearchStrategy[Any]:
    """A strategy of models of ``cls`` (one of its variants if it has any)."""
    key = (cls, depth)
    found = _CACHE.get(key)
    if found is None:
        found = _CACHE[key] = st.deferred(lambda: _build(cls, depth))
    return found


def _build(cls: type[Model], depth: int) -> st.SearchStrategy[Any]:
    variants = list(cls.__domxml__.variants.values())
    if variants:
        return st.one_of([_fields(v, depth) for v in variants])
    return _fields(cls, depth)


def _fields(cls: type[Model], depth: int) -> st.SearchStrategy[Any]:
    spec = spec_of(cls)
    always: dict[str, st.SearchStrategy[Any]] = {}
    maybe: dict[str, st.SearchStrategy[Any]] = {}
    decl = spec.decl
    for f in _all_fields(spec):
        if decl.variant is not None and f.kind is Kind.ATTR and f.local == decl.discriminator:
            continue  # a variant's discriminator is its own value (the field's default)
        if f.py in decl.without:
            continue
        strategy = _field(f, depth)
        if strategy is not None:
            (always if f.required else maybe)[f.py] = strategy
    base = st.fixed_dictionaries(always, optional=maybe)
    if not decl.exclusive and not decl.one_needed and not decl.depends:
        return base.map(lambda kw: cls(**kw))
    # One pick per group: the member kept of an exclusive group, the member
    # drawn for a needed group; needed members' values are drawn beforehand.
    groups = [*decl.exclusive, *decl.one_needed]
    picks = st.tuples(*(st.sampled_from(g) for g in groups))
    needed = {n for g in decl.one_needed for n in g if n in maybe}
    needed |= {n for d in decl.depends for names in d.needs.values() for n in names if n in maybe}
    extra = st.fixed_dictionaries({n: maybe[n] for n in sorted(needed)})
    defaults = {f.name: f.default for f in dataclasses.fields(cls)}
    return st.tuples(base, picks, extra).map(lambda t: cls(**_settle(decl, defaults, *t)))


def _settle(
    decl: ElementDecl,
    defaults: dict[str, Any],
    kw: dict[str, Any],
    picks: tuple[str, ...],
    extra: dict[str, Any],
) -> dict[str, Any]:
    """The drawn fields, made to follow the element's groups and dependencies."""
    kw = dict(kw)
    n = len(decl.exclusive)
    for group, pick in zip(decl.one_needed, picks[n:], strict=True):
        if not any(kw.get(name) is not None for name in group) and pick in extra:
            kw[pick] = extra[pick]
    for group, pick in zip(decl.exclusive, picks[:n], strict=True):
        present = [name for name in group if kw.get(name) is not None]
        keep = pick if pick in present else (present[0] if present else None)
        for name in present:
            if name != keep:
                del kw[name]
    for depends in decl.depends:
        value = kw.get(depends.field, defaults.get(depends.field))
        if depends.allows:
            allowed = set(depends.allows.get(value, ()))
            for name in depends.dependent - allowed:
                kw.pop(name, None)
        for name in depends.needs.get(value, ()):
            if kw.get(name) is None and name in extra:
                kw[name] = extra[name]
    return kw


def _all_fields(spec: ClassSpec) -> list[FieldSpec]:
    fields = [*spec.attr_list, *([spec.text] if spec.text else []), *spec.elem_list]
    return sorted(fields, key=lambda f: f.index)


def _field(f: FieldSpec, depth: int) -> st.SearchStrategy[Any] | None:
    if f.kind is Kind.ANY:
        return None
    if depth <= 0 and not f.required:
        return None  # the budget is spent: only what must be there
    if f.kind is Kind.CHILD:
        assert f.model is not None
        one = models(f.model, depth - 1)
    else:
        one = _value(f.codec)
    if f.many:
        most = MAX_ITEMS if depth > 0 else 1
        if f.max_items is not None:
            most = min(most, f.max_items)
        return st.lists(one, min_size=1, max_size=most)
    return one


#: Characters drawn into texts: any XML allows, but control characters
#: (which attribute-value normalisation would change) and surrogates.
_CHARS = st.characters(codec="utf-8", exclude_categories=("Cc", "Cs"))


def _value(codec: Codec) -> st.SearchStrategy[Any]:
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
    if codec.pattern is not None:
        return _matching(codec.pattern)
    return _WORD


_REGEX_CACHE: dict[str, st.SearchStrategy[str]] = {}


def _matching(pattern: str) -> st.SearchStrategy[str]:
    found = _REGEX_CACHE.get(pattern)
    if found is None:
        found = _REGEX_CACHE[pattern] = st.from_regex(pattern, fullmatch=True, alphabet=_CHARS)
    return found
