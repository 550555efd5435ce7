"""The forms of an element's content in libvirt's schema, and what the declarations write.

Part of :mod:`domxml.tools.constraints`: what a declaration lets a model write (its
defaults, finite values, dotted paths), the items of a content pattern and
whether each is needed, and one *form* of a content: the part of it where a
leaf (an attribute, an element, a value) is or is not.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from domxml.binding import Model
from domxml.binding.codecs import BoolCodec, Codec, EnumCodec
from domxml.binding.declare import ElementDecl, Kind
from domxml.binding.spec import ClassSpec, FieldSpec, spec_of
from domxml.validation import patterns as pt
from domxml.validation.patterns import Pattern, names_of

# --- what the declarations write -------------------------------------------------

_DEFAULTS: dict[type[Model], dict[str, Any]] = {}


def _default(cls: type[Model], name: str) -> Any:
    """The default of field ``name`` of ``cls`` (``None`` without one)."""
    found = _DEFAULTS.get(cls)
    if found is None:
        found = _DEFAULTS[cls] = {
            f.name: f.default
            for f in dataclasses.fields(cls)  # type: ignore[arg-type]
            if f.default is not dataclasses.MISSING
        }
    return found.get(name)


def _always_written(cls: type[Model], f: FieldSpec) -> bool:
    """Whether a model of ``cls`` always has ``f``: no default, or one other than ``None``.

    A variant's discriminator defaults to its value; a list may be empty.
    """
    return f.required or (not f.many and _default(cls, f.py) is not None)


def _rules_of(cls: type[Model]) -> ElementDecl:
    """The declaration whose groups and dependencies ``cls`` follows (a base: its ``untyped=``)."""
    decl = cls.__domxml__
    if decl.variant is None and decl.untyped is not None:
        return decl.variants[decl.untyped].__domxml__
    return decl


def _is_discriminator(cls: type[Model], f: FieldSpec) -> bool:
    return f.kind is Kind.ATTR and f.local == cls.__domxml__.discriminator


def _finite(codec: Codec) -> list[Any] | None:
    """The values a codec allows where they are a few: its subset, its members, its words."""
    if codec.choices is not None:
        return list(codec.choices)
    if isinstance(codec, EnumCodec):
        return list(codec.enum_type)
    if isinstance(codec, BoolCodec):
        return [True, False]
    return None


def _path_field(cls: type[Model], path: Sequence[str]) -> FieldSpec | None:
    """The field at ``path`` (``("type", "value")``: the text of the ``<type>`` child)."""
    f = spec_of(cls).by_py.get(path[0])
    if f is None or len(path) == 1:
        return f
    if f.kind is Kind.CHILD and f.model is not None and not f.many:
        return _path_field(f.model, path[1:])
    return None


def _domain(cls: type[Model], path: tuple[str, ...]) -> list[Any] | None:
    """The values the field at ``path`` takes in models of ``cls`` (``None`` in it: absent).

    ``None`` when they are not a few (a text, a number).
    """
    f = _path_field(cls, path)
    if f is None or f.many:
        return None
    if len(path) == 1 and _is_discriminator(cls, f):
        if cls.__domxml__.variant is not None:
            return [_default(cls, f.py)]  # the variant's own value
        if not _always_written(cls, f):
            return [None]  # the base: the form without one
    values = _finite(f.codec)
    if values is not None and len(path) == 1 and not _always_written(cls, f):
        values.append(None)
    return values


def _written(cls: type[Model], path: tuple[str, ...], value: Any) -> str | None:
    f = _path_field(cls, path)
    return None if f is None or value is None else _encode(f.codec, value)


def _encode(codec: Codec, value: Any) -> str | None:
    try:
        return codec.encode(value)
    except (TypeError, ValueError):
        return None


# --- the parts of a pattern ------------------------------------------------------

# What an element's content holds, with whether it is needed there.
_Item = tuple[Pattern, bool]


def _items(p: Pattern, needed: bool, out: list[_Item]) -> None:
    kind = p.kind
    if kind in (pt.ATTRIBUTE, pt.ELEMENT):
        out.append((p, needed))
    elif kind == pt.GROUP:
        assert p.a is not None and p.b is not None
        _items(p.a, needed, out)
        _items(p.b, needed, out)
    elif kind == pt.INTERLEAVE:
        for q in p.alts:
            _items(q, needed, out)
    elif kind == pt.CHOICE:
        # An item is needed when every branch needs an item of its name
        # (``<pool>``'s types all need ``type`` and ``<name>``).
        branches: list[list[_Item]] = []
        for q in p.alts:
            branch: list[_Item] = []
            _items(q, needed, branch)
            branches.append(branch)
        common = set.intersection(
            *({_key(item) for item, need in branch if need} for branch in branches)
        )
        for branch in branches:
            out.extend((item, need and _key(item) in common) for item, need in branch)
    elif kind == pt.ONE_OR_MORE:
        assert p.a is not None
        _items(p.a, needed, out)


def _key(p: Pattern) -> tuple[int, frozenset[str]]:
    return p.kind, frozenset(names_of(p.nc))


def _fields_named(spec: ClassSpec, item: Pattern) -> Iterator[FieldSpec]:
    """The fields of ``spec`` an attribute or element pattern binds to."""
    table = spec.attrs if item.kind == pt.ATTRIBUTE else spec.elems
    for name in names_of(item.nc):
        f = table.get(name)
        if f is not None:
            yield f


def _fields_in(content: Pattern, spec: ClassSpec) -> tuple[set[str], set[str]]:
    """The fields ``content`` allows, and those it needs."""
    items: list[_Item] = []
    _items(content, True, items)
    allowed, needed = set(), set()
    for item, need in items:
        for f in _fields_named(spec, item):
            allowed.add(f.py)
            if need:
                needed.add(f.py)
    return allowed, needed


def _count(p: Pattern, hit: _Hit) -> tuple[float, float, float]:
    """How many leaves ``hit`` selects ``p`` has: the fewest, the fewest but none, the most.

    The second is ``inf`` where ``p`` has none; the last where a
    repetition allows any number.
    """
    kind = p.kind
    if kind in (pt.ATTRIBUTE, pt.ELEMENT):
        return (1, 1, 1) if hit(p) else (0, math.inf, 0)
    if kind == pt.CHOICE:
        counts = [_count(q, hit) for q in p.alts]
        return min(c[0] for c in counts), min(c[1] for c in counts), max(c[2] for c in counts)
    if kind in (pt.GROUP, pt.INTERLEAVE):
        low, some, high = 0.0, math.inf, 0.0
        for q in _parts(p):
            q_low, q_some, q_high = _count(q, hit)
            low, some, high = low + q_low, min(some + q_low, low + q_some), high + q_high
        return low, some, high
    if kind == pt.ONE_OR_MORE:
        assert p.a is not None
        low, some, high = _count(p.a, hit)
        return low, some, math.inf if high else 0
    return 0, math.inf, 0


def _without_text(p: Pattern) -> bool:
    """Whether an element's content ``p`` can do without any text of its own."""
    kind = p.kind
    if kind in (pt.DATA, pt.LIST):
        return False
    if kind == pt.VALUE:
        return p.value.strip() == ""
    if kind == pt.CHOICE:
        return any(_without_text(q) for q in p.alts)
    if kind == pt.INTERLEAVE:
        return all(_without_text(q) for q in p.alts)
    if kind == pt.GROUP:
        assert p.a is not None and p.b is not None
        return _without_text(p.a) and _without_text(p.b)
    if kind == pt.ONE_OR_MORE:
        assert p.a is not None
        return _without_text(p.a)
    return True


_TEXTS = (pt.TEXT, pt.DATA, pt.VALUE, pt.LIST)


def _text_of(p: Pattern) -> list[Pattern]:
    """The text patterns of an element's content (its own value)."""
    if p.kind in _TEXTS:
        return [p]
    found: list[Pattern] = []
    if p.kind in (pt.CHOICE, pt.INTERLEAVE):
        for q in p.alts:
            found += _text_of(q)
    elif p.kind == pt.GROUP:
        assert p.a is not None and p.b is not None
        found += _text_of(p.a) + _text_of(p.b)
    elif p.kind == pt.ONE_OR_MORE:
        assert p.a is not None
        found += _text_of(p.a)
    return found


def _values_at(f: FieldSpec, item: Pattern) -> list[Pattern]:
    """The value patterns of ``f`` in its attribute or element pattern ``item``."""
    if item.kind == pt.ATTRIBUTE:
        assert item.a is not None
        return [item.a]
    return _text_of(item.content) if f.kind is Kind.LEAF else []


def _choices(p: Pattern, out: list[tuple[Pattern, bool]], whole: bool = True) -> None:
    """The choices of an element's content that choose between items (not values).

    Each with whether every form of the content makes it (``whole``): not one
    in a branch of another choice (a DHCP ``<host>``'s ``mac`` or ``id``,
    unless it has a ``name`` alone), which its content needs only there.
    """
    if p.kind == pt.CHOICE:
        out.append((p, whole))
        for q in p.alts:
            _choices(q, out, False)
    elif p.kind == pt.INTERLEAVE:
        for q in p.alts:
            _choices(q, out, whole)
    elif p.kind == pt.GROUP:  # not into repetitions: a repeated choice mixes its branches
        assert p.a is not None and p.b is not None
        _choices(p.a, out, whole)
        _choices(p.b, out, whole)


# --- one form of an element's content --------------------------------------------

#: Whether a leaf of a content pattern (an attribute, an element, a text) is
#: the one a condition is about.
_Hit = Callable[[Pattern], bool]


def _when(patterns: pt.Patterns, p: Pattern, hit: _Hit) -> Pattern | None:
    """The part of content ``p`` that has a leaf ``hit`` selects (``None``: none has).

    Attributes and interleaved parts come in any order: a group may have
    it on either side.
    """
    kind = p.kind
    if kind == pt.CHOICE:
        kept = [q for q in (_when(patterns, q, hit) for q in p.alts) if q is not None]
        return patterns.choice(*kept) if kept else None
    ways: list[Pattern] = []
    if kind == pt.INTERLEAVE:
        for i, q in enumerate(p.alts):
            d = _when(patterns, q, hit)
            if d is not None:
                ways.append(patterns.interleave(*p.alts[:i], d, *p.alts[i + 1 :]))
        return patterns.choice(*ways) if ways else None
    if kind == pt.GROUP:
        assert p.a is not None and p.b is not None
        a, b = _when(patterns, p.a, hit), _when(patterns, p.b, hit)
        ways += [patterns.group(a, p.b)] if a is not None else []
        ways += [patterns.group(p.a, b)] if b is not None else []
        return patterns.choice(*ways) if ways else None
    if kind == pt.ONE_OR_MORE:
        assert p.a is not None
        a = _when(patterns, p.a, hit)
        return None if a is None else patterns.group(a, patterns.optional(p))
    if kind in (pt.ATTRIBUTE, pt.ELEMENT, *_TEXTS):
        return p if hit(p) else None
    return None


def _unless(patterns: pt.Patterns, p: Pattern, hit: _Hit) -> Pattern | None:
    """The part of content ``p`` without a leaf ``hit`` selects (``None``: all have one)."""
    kind = p.kind
    if kind == pt.CHOICE:
        kept = [q for q in (_unless(patterns, q, hit) for q in p.alts) if q is not None]
        return patterns.choice(*kept) if kept else None
    if kind in (pt.GROUP, pt.INTERLEAVE):
        parts = _parts(p)
        kept = [q for q in (_unless(patterns, q, hit) for q in parts) if q is not None]
        if len(kept) < len(parts):
            return None
        return patterns.group(*kept) if kind == pt.GROUP else patterns.interleave(*kept)
    if kind == pt.ONE_OR_MORE:
        assert p.a is not None
        a = _unless(patterns, p.a, hit)
        return None if a is None else patterns.one_or_more(a)
    return None if hit(p) else p


def _parts(p: Pattern) -> tuple[Pattern, ...]:
    """The parts of a group or an interleave."""
    if p.kind == pt.GROUP:
        assert p.a is not None and p.b is not None
        return p.a, p.b
    return p.alts


def _named(p: Pattern, kind: int, qname: str) -> bool:
    return p.kind == kind and qname in set(names_of(p.nc))


def _present(f: FieldSpec) -> _Hit:
    """The leaf that is field ``f`` (an attribute or a child element), whatever its value."""
    kind = pt.ATTRIBUTE if f.kind is Kind.ATTR else pt.ELEMENT
    return lambda p: _named(p, kind, f.qname)


def _holding(patterns: pt.Patterns, f: FieldSpec, text: str) -> _Hit | None:
    """The leaf that is field ``f`` holding ``text`` (``None``: no such leaf)."""
    if f.kind is Kind.ATTR:
        return lambda p: (
            _named(p, pt.ATTRIBUTE, f.qname)
            and p.a is not None
            and patterns.text_deriv(p.a, text).nullable
        )
    if f.kind is Kind.TEXT:
        return lambda p: p.kind in _TEXTS and patterns.text_deriv(p, text).nullable
    if f.kind is Kind.LEAF and not f.many:
        return lambda p: (
            _named(p, pt.ELEMENT, f.qname)
            and any(patterns.text_deriv(q, text).nullable for q in _text_of(p.content))
        )
    return None


def _path_hit(
    patterns: pt.Patterns, cls: type[Model], path: Sequence[str], text: str
) -> _Hit | None:
    """The leaf that is the field at ``path`` holding ``text``.

    For a dotted path, the child element whose content has it (``<os>``'s
    ``<type>`` holding ``hvm``).
    """
    f = spec_of(cls).by_py.get(path[0])
    if f is None or len(path) == 1:
        return None if f is None else _holding(patterns, f, text)
    if f.kind is not Kind.CHILD or f.model is None or f.many:
        return None
    inner = _path_hit(patterns, f.model, path[1:], text)
    if inner is None:
        return None
    return lambda p: (
        _named(p, pt.ELEMENT, f.qname) and _when(patterns, p.content, inner) is not None
    )


def _form(
    patterns: pt.Patterns, content: Pattern, cls: type[Model], path: tuple[str, ...], value: Any
) -> Pattern | None:
    """``content`` where the field at ``path`` has ``value`` (``None``: is absent).

    ``None`` when the schema has no such form, and when it cannot be told
    (a dotted path's field absent, a text absent).
    """
    if value is None:
        f = spec_of(cls).by_py.get(path[0])
        if f is None or len(path) > 1 or f.kind is Kind.TEXT:
            return None
        return _unless(patterns, content, _present(f))
    text = _written(cls, path, value)
    hit = None if text is None else _path_hit(patterns, cls, path, text)
    return None if hit is None else _when(patterns, content, hit)


def _class_form(patterns: pt.Patterns, content: Pattern, cls: type[Model]) -> Pattern | None:
    """The part of ``content`` a model of ``cls`` is written in (``None``: none here).

    A variant: where its discriminator has its value. A base whose
    discriminator may be left out: where it is absent (the whole content
    when the schema always wants one: the discriminator is then reported
    as needed). A base that always has one has no form of its own.
    """
    decl = cls.__domxml__
    disc = next((f for f in spec_of(cls).attr_list if _is_discriminator(cls, f)), None)
    if disc is None:
        return content
    if decl.variant is not None:
        hit = _holding(patterns, disc, decl.variant)
        return None if hit is None else _when(patterns, content, hit)
    if _always_written(cls, disc):
        # Its documents are its variants' (or of a value none has): the
        # fuzzer never draws it.
        return None if decl.variants else content
    absent = _unless(patterns, content, _present(disc))
    return content if absent is None else absent
