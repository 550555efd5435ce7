"""The walk of libvirt's schemas in step with the models: what each field and class may be.

Part of :mod:`domxml.tools.constraints`: :func:`field_rules` merges, over every
place a class's element appears, the values each field may take, whether it
is needed, its number of items, and what the schema says of the fields
together (:class:`Groups`).
"""

from __future__ import annotations

import math
from collections import Counter, deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from domxml.binding import Model
from domxml.binding.codecs import EnumCodec
from domxml.binding.declare import Kind
from domxml.binding.spec import FieldSpec, spec_of
from domxml.tools.constraints.forms import (
    _always_written,
    _choices,
    _class_form,
    _count,
    _domain,
    _fields_in,
    _fields_named,
    _form,
    _is_discriminator,
    _Item,
    _items,
    _present,
    _rules_of,
    _text_of,
    _values_at,
    _when,
    _without_text,
)
from domxml.validation import patterns as pt
from domxml.validation.patterns import Pattern, names_of
from domxml.validation.rng import Grammar


@dataclass
class FieldRule:
    """What the schema allows for one field of one class, merged over the places it appears."""

    cls: type[Model]
    spec: FieldSpec
    values: list[Pattern] = field(default_factory=list)
    """The value patterns (of the attribute, or of the leaf's content)."""
    paths: list[str] = field(default_factory=list)
    required_everywhere: bool = True
    """Whether every place the class's element appears requires the field."""
    needed_in: int = 0
    """In how many places the field is required."""
    fewest: float = math.inf
    """The fewest items of a repeated field the schema allows where there are any."""
    most: float = 0
    """The most items of a repeated field the schema allows (``inf``: no bound)."""

    def accepts(self, patterns: pt.Patterns, text: str) -> bool:
        """Whether the schema allows ``text`` as this field's value somewhere."""
        return any(patterns.text_deriv(p, text).nullable for p in self.values)

    @property
    def free_text(self) -> bool:
        """Whether some place allows any text."""
        return any(_free(p) for p in self.values)

    @property
    def labels(self) -> set[str]:
        """The names of the schema's definitions of the values (``UUID``, ``unsignedInt``)."""
        return {label for p in self.values for label in _labels(p)}


#: Datatypes that take any text. ``anyURI`` too: libxml2 replaces what a URI
#: cannot hold before it parses the value (and ``domxml.validation`` accepts
#: any), so a volume's ``<target><path>`` (anyURI or absFilePath) is free.
_FREE = ("string", "token", "anyURI")


def _free(p: Pattern) -> bool:
    if p.kind == pt.TEXT:
        return True
    if p.kind == pt.CHOICE:
        return any(_free(q) for q in p.alts)
    if p.kind == pt.DATA and p.datatype is not None:
        return p.datatype.name in _FREE and not p.datatype.params
    return False


def _labels(p: Pattern) -> Iterator[str]:
    if p.kind == pt.CHOICE:
        for q in p.alts:
            yield from _labels(q)
    elif p.kind in (pt.DATA, pt.VALUE) and p.label:
        yield p.label


# --- the walk --------------------------------------------------------------------


@dataclass
class Groups:
    """What the schema says of a class's fields together, merged over the places it appears."""

    exclusive: set[tuple[str, ...]] = field(default_factory=set)
    one_needed: set[tuple[str, ...]] = field(default_factory=set)
    allowed: set[str] = field(default_factory=set)
    """The XML names the schema allows in the class's element, wherever it appears."""
    needed: set[str] | None = None
    """The fields every place needs."""
    requires: dict[str, set[str]] = field(default_factory=dict)
    """By optional field: the fields every place that allows it needs with it."""
    depends: dict[tuple[str, ...], dict[Any, tuple[set[str], set[str]]]] = field(
        default_factory=dict
    )
    """By field path (see :func:`_paths`), by value: the fields allowed and needed then."""
    values: dict[tuple[tuple[str, ...], Any, str], list[Pattern]] = field(default_factory=dict)
    """By (path, value, field): the field's value patterns while the path has the value."""

    def without(self, cls: type[Model]) -> list[str]:
        """The fields of ``cls`` the schema allows nowhere it appears (its discriminator aside)."""
        spec = spec_of(cls)
        return [
            f.py
            for f in [*spec.attr_list, *spec.elem_list]
            if f.kind is not Kind.ANY
            and f.qname not in self.allowed
            and not _is_discriminator(cls, f)
        ]


def _groups_of(content: Pattern, cls: type[Model], found: Groups) -> None:
    """The choices of one field each: exclusive, and needed unless a branch is empty."""
    choices: list[tuple[Pattern, bool]] = []
    _choices(content, choices)
    spec = spec_of(cls)
    for choice, whole in choices:
        branches = [q for q in choice.alts if q.kind != pt.EMPTY]
        nullable = len(branches) < len(choice.alts) or any(q.nullable for q in branches)
        if len(branches) < 2:
            continue
        picked: list[str] = []
        for branch in branches:
            items: list[_Item] = []
            _items(branch, True, items)
            names = {f.py for item, _ in items for f in _fields_named(spec, item)}
            if len(names) != 1 or len(items) != 1:
                break
            picked.append(names.pop())
        else:
            if len(set(picked)) == len(picked):
                found.exclusive.add(tuple(picked))
                if not nullable and whole:
                    found.one_needed.add(tuple(picked))


def _paths(cls: type[Model]) -> list[tuple[str, ...]]:
    """The fields whose value may decide others: enumerated ones, and those ``depends=`` names."""
    spec = spec_of(cls)
    paths: list[tuple[str, ...]] = [
        (f.py,)
        for f in [*spec.attr_list, *([spec.text] if spec.text else []), *spec.elem_list]
        if isinstance(f.codec, EnumCodec)
        and f.kind is not Kind.CHILD
        and not f.many
        and not _is_discriminator(cls, f)
    ]
    return paths + [d.path for d in _rules_of(cls).depends if d.path not in paths]


def _together(patterns: pt.Patterns, content: Pattern, cls: type[Model], out: Groups) -> None:
    """What ``content`` needs, needs with each optional field, and allows and needs by value."""
    spec = spec_of(cls)
    rules = _rules_of(cls)
    _, needed = _fields_in(content, spec)
    out.needed = needed if out.needed is None else out.needed & needed
    for f in [*spec.attr_list, *spec.elem_list]:
        if f.kind is Kind.ANY or f.py in rules.without or _always_written(cls, f):
            continue
        only = _when(patterns, content, _present(f))
        if only is not None:
            with_it = _fields_in(only, spec)[1]
            known = out.requires.get(f.py)
            out.requires[f.py] = with_it if known is None else known & with_it
    for path in _paths(cls):
        by_value = out.depends.setdefault(path, {})
        for value in _domain(cls, path) or []:
            only = _form(patterns, content, cls, path, value)
            if only is None:
                continue  # no such form here, or none to tell
            allowed, needed = _fields_in(only, spec)
            if value in by_value:  # another place: what either allows, what both need
                allowed, needed = by_value[value][0] | allowed, by_value[value][1] & needed
            by_value[value] = (allowed, needed)
            items: list[_Item] = []
            _items(only, True, items)
            for item, _ in items:
                for g in _fields_named(spec, item):
                    known_values = out.values.setdefault((path, value, g.py), [])
                    known_values += [q for q in _values_at(g, item) if q not in known_values]


def _family(cls: type[Model]) -> list[type[Model]]:
    found = [cls]
    for v in cls.__domxml__.variants.values():
        found += _family(v)
    return found


def field_rules(
    grammar: Grammar, root: type[Model], groups: dict[type[Model], Groups] | None = None
) -> dict[tuple[type[Model], str], FieldRule]:
    """Every typed field the walk of ``grammar`` from ``root`` reaches, with its schema rule.

    ``groups`` (if given) receives, per class, what the schema says of its
    fields together (:class:`Groups`).
    """
    patterns = grammar.patterns
    rules: dict[tuple[type[Model], str], FieldRule] = {}
    visits: Counter[type[Model]] = Counter()
    first: list[_Item] = []
    _items(grammar.start, True, first)
    tag = root.__domxml__.qname
    queue: deque[tuple[str, tuple[type[Model], ...], Pattern]] = deque()
    for p, _ in first:
        if p.kind == pt.ELEMENT and tag in set(names_of(p.nc)):
            queue.append((f"/{root.__domxml__.tag}", (root,), p))
    done: set[tuple[tuple[type[Model], ...], int]] = set()
    while queue:
        path, classes, element = queue.popleft()
        if (classes, id(element)) in done:
            continue
        done.add((classes, id(element)))
        for cls in [c for one in classes for c in _family(one)]:
            content = _class_form(patterns, element.content, cls)
            if content is None:
                continue
            visits[cls] += 1
            spec = spec_of(cls)
            items: list[_Item] = []
            _items(content, True, items)
            if groups is not None:
                found = groups.setdefault(cls, Groups())
                _groups_of(content, cls, found)
                found.allowed.update(name for item, _ in items for name in names_of(item.nc))
                _together(patterns, content, cls, found)
            left_out = set(_rules_of(cls).without)
            here: dict[str, bool] = {}  # the fields here, and whether they are needed
            for item, needed in items:
                for f in _fields_named(spec, item):
                    if f.py in left_out:
                        continue
                    where = f"{path}/@{f.local}" if f.kind is Kind.ATTR else f"{path}/{f.local}"
                    if f.kind is Kind.CHILD and f.model is not None:
                        queue.append((where, (f.model,), item))
                    values: list[Pattern | None] = [*_values_at(f, item)]
                    for value in values or [None]:
                        _add(rules, here, cls, f, value, where, needed)
            if spec.text is not None and spec.text.py not in left_out:
                needed_text = not _without_text(content)
                for value in _text_of(content):
                    _add(rules, here, cls, spec.text, value, f"{path}/text()", needed_text)
            for name, needed in here.items():
                rule = rules[(cls, name)]
                rule.needed_in += needed
                if rule.spec.many:
                    _, some, most = _count(content, _present(rule.spec))
                    rule.fewest, rule.most = min(rule.fewest, some), max(rule.most, most)
    for rule in rules.values():
        rule.required_everywhere = rule.needed_in == visits[rule.cls]
    return rules


def _add(
    rules: dict[tuple[type[Model], str], FieldRule],
    here: dict[str, bool],
    cls: type[Model],
    f: FieldSpec,
    value: Pattern | None,
    where: str,
    needed: bool,
) -> None:
    rule = rules.get((cls, f.py))
    if rule is None:
        rule = rules[(cls, f.py)] = FieldRule(cls, f)
    if value is not None and value not in rule.values:
        rule.values.append(value)
    if where not in rule.paths:
        rule.paths.append(where)
    here[f.py] = here.get(f.py, False) or needed
