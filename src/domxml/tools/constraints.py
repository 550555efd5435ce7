"""What libvirt's schema says of each typed field: its values, and whether it is needed.

Run ``python -m domxml.tools.constraints [--data DIR] [--schema FILE]``. It walks
libvirt's schemas (``domain.rng``, ``network.rng``, ``storagepool.rng``,
``storagevol.rng``, ``domainsnapshot.rng``) from their root element in step
with the models, as :mod:`domxml.tools.coverage` does for names, and
compares what the schema allows at each typed field with what the field's
declaration says:

- the values: the schema's datatypes, facets, patterns and choices against
  the field's codec (its pattern, its bounds, its enumeration);
- whether the field is needed: an attribute or child the schema requires
  wherever the element appears, against a field declared without a
  default;
- what the schema says of a class's fields together, against its
  ``exclusive=``, ``one_needed=``, ``without=`` and ``depends=``.

A variant is read in its part of the schema alone (the choices' branches
for other discriminator values left out), and so is each value of an
enumerated attribute, for ``depends=``.

A field whose declaration is looser than the schema is *loose*: a model
built in code may then write XML libvirt refuses. The fuzzer (``fuzz/``)
draws values from the declarations only, so the report says where it will
draw values the schema refuses. Fields the schema types as free text are
not reported.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from domxml.binding import Model
from domxml.binding.codecs import BoolCodec, EnumCodec
from domxml.binding.declare import Kind
from domxml.binding.spec import ClassSpec, FieldSpec, spec_of
from domxml.models import Domain, DomainSnapshot, Network, StoragePool, StorageVolume
from domxml.tools.manifest import ENV_VAR, find_data
from domxml.validation import patterns as pt
from domxml.validation.patterns import Pattern, names_of
from domxml.validation.rng import Grammar, load_grammar

__all__ = ["ROOTS", "FieldRule", "field_rules", "main", "probe_range"]


#: The schema files walked, and the model bound to each one's root element.
ROOTS: dict[str, type[Model]] = {
    "domain.rng": Domain,
    "network.rng": Network,
    "storagepool.rng": StoragePool,
    "storagevol.rng": StorageVolume,
    "domainsnapshot.rng": DomainSnapshot,
}


@dataclass
class FieldRule:
    """What the schema allows for one field of one class, merged over the places it appears."""

    cls: type[Model]
    spec: FieldSpec
    values: list[Pattern] = field(default_factory=list)
    """The value patterns (of the attribute, or of the leaf's content)."""
    paths: list[str] = field(default_factory=list)
    required_everywhere: bool = True
    """Whether every definition of the element requires the field."""

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


def _free(p: Pattern) -> bool:
    if p.kind == pt.TEXT:
        return True
    if p.kind == pt.CHOICE:
        return any(_free(q) for q in p.alts)
    if p.kind == pt.DATA and p.datatype is not None:
        return p.datatype.name in ("string", "token") and not p.datatype.params
    return False


def _labels(p: Pattern) -> Iterator[str]:
    if p.kind == pt.CHOICE:
        for q in p.alts:
            yield from _labels(q)
    elif p.kind in (pt.DATA, pt.VALUE) and p.label:
        yield p.label


# What an element's content holds, with whether it is needed there.
_Item = tuple[Pattern, bool]


def _items(p: Pattern, needed: bool, out: list[_Item]) -> None:
    kind = p.kind
    if kind in (pt.ATTRIBUTE, pt.ELEMENT):
        out.append((p, needed))
    elif kind in (pt.GROUP,):
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


def _text_of(p: Pattern) -> list[Pattern]:
    """The text patterns of an element's content (its own value)."""
    if p.kind in (pt.TEXT, pt.DATA, pt.VALUE, pt.LIST):
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


def _choices(p: Pattern, out: list[Pattern]) -> None:
    """The choices of an element's content that choose between items (not values)."""
    if p.kind == pt.CHOICE:
        out.append(p)
    if p.kind in (pt.CHOICE, pt.INTERLEAVE):
        for q in p.alts:
            _choices(q, out)
    elif p.kind == pt.GROUP:  # not into repetitions: a repeated choice mixes its branches
        assert p.a is not None and p.b is not None
        _choices(p.a, out)
        _choices(p.b, out)


@dataclass
class Groups:
    """What the schema's choices say of a class's fields together."""

    exclusive: set[tuple[str, ...]] = field(default_factory=set)
    one_needed: set[tuple[str, ...]] = field(default_factory=set)
    allowed: set[str] = field(default_factory=set)
    """The XML names the schema allows in the class's element, wherever it appears."""
    depends: dict[str, dict[str, tuple[set[str], set[str]]]] = field(default_factory=dict)
    """By enumerated attribute field, by its value: the fields allowed and needed then."""

    def without(self, cls: type[Model]) -> list[str]:
        """The fields of a variant the schema allows nowhere for its discriminator value."""
        spec = spec_of(cls)
        return [
            f.py
            for f in [*spec.attr_list, *spec.elem_list]
            if f.kind is not Kind.ANY and f.qname not in self.allowed
        ]


def _fields_named(spec: ClassSpec, item: Pattern) -> Iterator[FieldSpec]:
    """The fields of ``spec`` an attribute or element pattern binds to."""
    table = spec.attrs if item.kind == pt.ATTRIBUTE else spec.elems
    for name in names_of(item.nc):
        f = table.get(name)
        if f is not None:
            yield f


def _groups_of(content: Pattern, family: list[type[Model]], out: dict[type[Model], Groups]) -> None:
    choices: list[Pattern] = []
    _choices(content, choices)
    for choice in choices:
        branches = [q for q in choice.alts if q.kind != pt.EMPTY]
        nullable = len(branches) < len(choice.alts) or any(q.nullable for q in branches)
        if len(branches) < 2:
            continue
        for cls in family:
            spec = spec_of(cls)
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
                    group = tuple(picked)
                    found = out.setdefault(cls, Groups())
                    found.exclusive.add(group)
                    if not nullable:
                        found.one_needed.add(group)


def _depends(patterns: pt.Patterns, content: Pattern, cls: type[Model], out: Groups) -> None:
    """For each enumerated attribute of ``cls``: what each of its values allows and needs."""
    spec = spec_of(cls)
    decl = cls.__domxml__
    for f in spec.attr_list:
        if not isinstance(f.codec, EnumCodec) or f.local == decl.discriminator:
            continue
        by_value = out.depends.setdefault(f.py, {})
        for member in f.codec.enum_type:
            value = str(member.value)
            only = _only(patterns, content, f.qname, value)
            if only is None:
                continue
            items: list[_Item] = []
            _items(only, True, items)
            allowed = {g.py for item, _ in items for g in _fields_named(spec, item)}
            needed = {g.py for item, need in items if need for g in _fields_named(spec, item)}
            had = by_value.get(member.name)
            if had is None:
                by_value[member.name] = (allowed, needed)
            else:  # another place the class appears: what both allow, what both need
                by_value[member.name] = (had[0] | allowed, had[1] & needed)


def _restrict(patterns: pt.Patterns, p: Pattern, cls: type[Model]) -> Pattern | None:
    """``p`` for a variant: without the choices' branches for other discriminator values.

    ``None`` when nothing of ``p`` is left for the variant. A class that is
    no variant gets ``p`` as it is.
    """
    decl = cls.__domxml__
    if decl.variant is None or decl.discriminator is None:
        return p
    return _only(patterns, p, decl.discriminator, decl.variant)


def _only(patterns: pt.Patterns, p: Pattern, name: str, value: str) -> Pattern | None:
    kind = p.kind
    if kind == pt.ATTRIBUTE:
        if name in set(names_of(p.nc)):
            assert p.a is not None
            return p if patterns.text_deriv(p.a, value).nullable else None
        return p
    if kind == pt.CHOICE:
        kept = [q for q in (_only(patterns, q, name, value) for q in p.alts) if q is not None]
        return patterns.choice(*kept) if kept else None
    if kind == pt.INTERLEAVE:
        parts = [_only(patterns, q, name, value) for q in p.alts]
        if any(q is None for q in parts):
            return None
        return patterns.interleave(*[q for q in parts if q is not None])
    if kind == pt.GROUP:
        assert p.a is not None and p.b is not None
        a, b = _only(patterns, p.a, name, value), _only(patterns, p.b, name, value)
        return None if a is None or b is None else patterns.group(a, b)
    if kind == pt.ONE_OR_MORE:
        assert p.a is not None
        a = _only(patterns, p.a, name, value)
        return None if a is None else patterns.one_or_more(a)
    return p


def _family(cls: type[Model]) -> list[type[Model]]:
    found = [cls]
    for v in cls.__domxml__.variants.values():
        found += _family(v)
    return found


def field_rules(
    grammar: Grammar, root: type[Model], groups: dict[type[Model], Groups] | None = None
) -> dict[tuple[type[Model], str], FieldRule]:
    """Every typed field the walk of ``grammar`` from ``root`` reaches, with its schema rule.

    ``groups`` (if given) receives, per class, the fields the schema's
    choices make exclusive or of which one is needed.
    """
    rules: dict[tuple[type[Model], str], FieldRule] = {}
    start = grammar.start
    first: list[_Item] = []
    _items(start, True, first)
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
        family = [c for cls in classes for c in _family(cls)]
        seen: set[tuple[type[Model], str]] = set()
        for cls in family:
            content = _restrict(grammar.patterns, element.content, cls)
            if content is None:
                continue  # the schema has no such variant here
            if groups is not None:
                _groups_of(content, [cls], groups)
            spec = spec_of(cls)
            items: list[_Item] = []
            _items(content, True, items)
            if groups is not None:
                found = groups.setdefault(cls, Groups())
                found.allowed.update(name for item, _ in items for name in names_of(item.nc))
                _depends(grammar.patterns, content, cls, found)
            for item, needed in items:
                for name in names_of(item.nc):
                    if item.kind == pt.ATTRIBUTE:
                        f = spec.attrs.get(name)
                        if f is None:
                            continue
                        assert item.a is not None
                        _add(rules, cls, f, item.a, f"{path}/@{f.local}", needed, seen)
                        continue
                    f = spec.elems.get(name)
                    if f is None:
                        continue
                    sub = f"{path}/{f.local}"
                    if f.kind is Kind.LEAF:
                        for value in _text_of(item.content):
                            _add(rules, cls, f, value, sub, needed, seen)
                        if not _text_of(item.content):
                            _add(rules, cls, f, None, sub, needed, seen)
                    elif f.kind is Kind.CHILD and f.model is not None:
                        _add(rules, cls, f, None, sub, needed, seen)
                        queue.append((sub, (f.model,), item))
            if spec.text is not None:
                texts = _text_of(content)
                needed_text = not _without_text(content)
                for value in texts:
                    _add(rules, cls, spec.text, value, f"{path}/text()", needed_text, seen)
        # A field of these classes the element's content does not name is not
        # needed here.
        for cls in family:
            for f in spec_of(cls).by_py.values():
                rule = rules.get((cls, f.py))
                if rule is not None and (cls, f.py) not in seen:
                    rule.required_everywhere = False
    return rules


def _add(
    rules: dict[tuple[type[Model], str], FieldRule],
    cls: type[Model],
    f: FieldSpec,
    value: Pattern | None,
    path: str,
    needed: bool,
    seen: set[tuple[type[Model], str]],
) -> None:
    key = (cls, f.py)
    rule = rules.get(key)
    if rule is None:
        rule = rules[key] = FieldRule(cls, f)
    if value is not None and value not in rule.values:
        rule.values.append(value)
    if path not in rule.paths:
        rule.paths.append(path)
    if key in seen:
        rule.required_everywhere = rule.required_everywhere or needed
    else:
        rule.required_everywhere = rule.required_everywhere and needed
    seen.add(key)


def probe_range(
    accepts: Callable[[str], bool], encode: Callable[[int], str]
) -> tuple[int, int] | None:
    """The integers ``[low, high]`` whose written form the schema accepts, by probing.

    Assumes the accepted integers are one interval; ``None`` when no small
    integer is accepted.
    """

    def good(v: int) -> bool:
        try:
            return accepts(encode(v))
        except (TypeError, ValueError):
            return False

    low = next((v for v in (0, 1, 2, 4, 8, 16, 512, 1024, 4096) if good(v)), None)
    if low is None:
        return None
    while low > -(2**63) and good(low - 1):  # bounded doubling below
        step = 1
        while good(low - step * 2) and step < 2**62:
            step *= 2
        low -= step
    high = low
    step = 1
    while step < 2**64:
        if good(high + step):
            high += step
            step *= 2
        elif step > 1:
            step //= 2
        else:
            break
    return low, high


def _loose(rule: FieldRule, patterns: pt.Patterns) -> str | None:
    """Why the declaration of ``rule``'s field is looser than the schema, or ``None``."""
    f = rule.spec
    if not rule.values or rule.free_text:
        return None
    codec = f.codec
    if isinstance(codec, EnumCodec):
        bad = [m.value for m in codec.enum_type if not rule.accepts(patterns, str(m.value))]
        return f"members not allowed here: {bad}" if bad else None
    if isinstance(codec, BoolCodec):
        bad = [w for w in (codec.true, codec.false) if not rule.accepts(patterns, w)]
        return f"words not allowed here: {bad}" if bad else None
    if codec.python_type is int:
        found = probe_range(lambda t: rule.accepts(patterns, t), codec.encode)
        declared = (codec.low, codec.high)
        if found is None:
            return "no integer accepted"
        low, high = found
        schema = (low, None if high >= 2**64 else high)  # the probe stops at 2**64
        if declared != schema:
            return f"range {schema} (declared {declared})"
        return None
    pattern = getattr(codec, "pattern", None)
    return None if pattern else f"text constrained: {sorted(rule.labels) or '?'}"


def _loose_groups(cls: type[Model], found: Groups) -> list[str]:
    """What the schema says of ``cls``'s fields together that its declaration does not."""
    decl = cls.__domxml__
    why = [f"exclusive {g}" for g in sorted(found.exclusive - set(decl.exclusive))]
    why += [f"one_needed {g}" for g in sorted(found.one_needed - set(decl.one_needed))]
    if decl.variant is not None or decl.without:
        extra = sorted(set(found.without(cls)) - set(decl.without))
        if extra:
            why.append(f"without {extra}")
    declared = {d.field for d in decl.depends}
    for name, by_value in sorted(found.depends.items()):
        allowed = [fields for fields, _ in by_value.values()]
        partial = (
            set().union(*allowed) - allowed[0].intersection(*allowed[1:]) if allowed else set()
        )
        if partial - {name} and name not in declared:
            why.append(f"depends on {name}: {sorted(partial - {name})}")
    return why


def main(argv: Sequence[str] | None = None) -> int:
    """Print the fields whose declarations are looser than libvirt's schema."""
    parser = argparse.ArgumentParser(prog="python -m domxml.tools.constraints")
    parser.add_argument("--data", type=Path, help=f"libvirt data directory (default: ${ENV_VAR})")
    parser.add_argument("--schema", action="append", help="only these schema files")
    args = parser.parse_args(argv)
    data = find_data(args.data)
    if data is None:
        print(f"no libvirt data: pass --data or set ${ENV_VAR}", file=sys.stderr)
        return 2
    schemas = data / "schemas"
    loose = 0
    for name in args.schema or ROOTS:
        grammar = load_grammar(Path(os.fspath(schemas / name)))
        groups: dict[type[Model], Groups] = {}
        rules = field_rules(grammar, ROOTS[name], groups)
        for rule in rules.values():
            why = _loose(rule, grammar.patterns)
            needed = rule.required_everywhere and not rule.spec.required
            if why or needed:
                loose += 1
                where = rule.paths[0]
                print(
                    f"{rule.cls.__module__}.{rule.cls.__name__}.{rule.spec.py}\t{where}\t"
                    f"{why or ''}{'; needed' if needed else ''}"
                )
        for cls, found in groups.items():
            for why in _loose_groups(cls, found):
                loose += 1
                print(f"{cls.__module__}.{cls.__name__}\t\t{why}")
    print(f"{loose} loose declarations", file=sys.stderr)
    return 1 if loose else 0


if __name__ == "__main__":
    sys.exit(main())
