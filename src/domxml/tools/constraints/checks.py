"""The checks: where a declaration allows what libvirt's schema refuses.

Part of :mod:`domxml.tools.constraints`: each check compares what
:func:`~domxml.tools.constraints.walk.field_rules` found with a class's
declaration, and says why it is loose.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from typing import Any

from domxml.binding import Model
from domxml.binding.codecs import BoolCodec, Codec, EnumCodec
from domxml.binding.declare import Depends, ElementDecl
from domxml.binding.spec import FieldSpec, spec_of
from domxml.tools.constraints.forms import (
    _always_written,
    _default,
    _domain,
    _encode,
    _finite,
    _is_discriminator,
    _rules_of,
    _written,
)
from domxml.tools.constraints.walk import FieldRule, Groups, field_rules
from domxml.validation import patterns as pt
from domxml.validation.rng import Grammar

# --- the checks ------------------------------------------------------------------


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


def _loose(
    rule: FieldRule, patterns: pt.Patterns, declared: tuple[Any, ...] | Codec | None = None
) -> str | None:
    """Why the values ``rule``'s field may take are looser than the schema's, or ``None``.

    ``declared``: the values (or codec) a ``depends_on(..., values=)``
    gives the field; by default, those of its codec (or that ``values=``
    leaves it for every value of the field it depends on).
    """
    f = rule.spec
    if not rule.values or rule.free_text:
        return None
    if declared is None:
        declared = _narrowed(rule.cls, f)
    codec = declared if isinstance(declared, Codec) else f.codec
    values = list(declared) if isinstance(declared, tuple) else _finite(codec)
    if _is_discriminator(rule.cls, f) and rule.cls.__domxml__.variant is not None:
        values = [_default(rule.cls, f.py)]  # its own value
    if values is not None:
        written = [_encode(codec, v) for v in values]
        bad = [w for w in written if w is None or not rule.accepts(patterns, w)]
        what = "values"
        if isinstance(codec, EnumCodec | BoolCodec):
            what = "members" if isinstance(codec, EnumCodec) else "words"
        return f"{what} not allowed here: {bad}" if bad else None
    if codec.python_type is int:
        found = probe_range(lambda t: rule.accepts(patterns, t), codec.encode)
        if found is None:
            return "no integer accepted"
        schema = (found[0], None if found[1] >= 2**64 else found[1])  # the probe stops at 2**64
        # Narrower is not looser: file modes stop at 0o7777 where octalMode
        # (octal digits read as an unsignedInt) goes on to 0o4277777777.
        below = codec.low is None or codec.low < schema[0]
        above = schema[1] is not None and (codec.high is None or codec.high > schema[1])
        return f"range {schema} (declared {(codec.low, codec.high)})" if below or above else None
    return None if codec.pattern else f"text constrained: {sorted(rule.labels) or '?'}"


def _narrowed(cls: type[Model], f: FieldSpec) -> tuple[Any, ...] | None:
    """The values ``depends_on(..., values=)`` leave ``f``, where it does for every value.

    A disk without ``type`` (the base class) is no ``lun``: its ``device``
    takes the values given for ``None``, the only value its type has.
    """
    for d in _rules_of(cls).depends:
        domain = _domain(cls, d.path)
        if not domain or not any(f.py in by for by in d.values.values()):
            continue
        found: list[Any] = []
        for value in domain:
            values = d.values.get(value, {}).get(f.py)
            if not isinstance(values, tuple):
                break
            found += [v for v in values if v not in found]
        else:
            return tuple(found)
    return None


def _count_loose(rule: FieldRule) -> str | None:
    """Why a repeated field's declared number of items is looser than the schema's."""
    f = rule.spec
    if not f.many or rule.most == 0:
        return None
    why = []
    fewest = f.min_items or 1
    if fewest < rule.fewest < math.inf:
        why.append(f"at least {int(rule.fewest)} items where any (declared {fewest})")
    if rule.most < math.inf and (f.max_items is None or f.max_items > rule.most):
        why.append(f"at most {int(rule.most)} items (declared {f.max_items})")
    return "; ".join(why) or None


def _holds_exclusive(rules: ElementDecl, group: tuple[str, ...]) -> bool:
    """Whether the declarations keep at most one field of ``group`` present."""
    drawn = [name for name in group if name not in rules.without]
    return all(
        any(a in g and b in g for g in rules.exclusive)
        or any(_apart(d, a, b) for d in rules.depends)
        for i, a in enumerate(drawn)
        for b in drawn[i + 1 :]
    )


def _apart(d: Depends, a: str, b: str) -> bool:
    """Whether ``d`` allows ``a`` and ``b`` for different values only."""
    return (
        a in d.dependent
        and b in d.dependent
        and not any(a in names and b in names for names in d.allows.values())
    )


def _holds_one_needed(cls: type[Model], rules: ElementDecl, group: tuple[str, ...]) -> bool:
    """Whether the declarations have at least one field of ``group`` present."""
    by_py = spec_of(cls).by_py
    drawn = {name for name in group if name not in rules.without}
    if any(set(g) <= drawn for g in rules.one_needed):
        return True
    if any(name in by_py and _always_written(cls, by_py[name]) for name in drawn):
        return True
    for d in rules.depends:  # a field whose every value needs one of them
        values = _domain(cls, d.path)
        if values and all(drawn & set(d.needs.get(v, ())) for v in values):
            return True
    return False


def _loose_groups(cls: type[Model], found: Groups, patterns: pt.Patterns) -> list[str]:
    """What the schema says of ``cls``'s fields together that its declarations do not."""
    rules = _rules_of(cls)
    why = [f"exclusive {g}" for g in sorted(found.exclusive) if not _holds_exclusive(rules, g)]
    why += [
        f"one_needed {g}" for g in sorted(found.one_needed) if not _holds_one_needed(cls, rules, g)
    ]
    if rules.variant is not None or rules.without:
        extra = sorted(set(found.without(cls)) - set(rules.without))
        if extra:
            why.append(f"without {extra}")
    for name, with_it in sorted(found.requires.items()):
        missing = [
            x
            for x in sorted(with_it - (found.needed or set()))
            if not _kept_with(cls, rules, (name,), _PRESENT, x)
        ]
        if missing:
            why.append(f"requires {(name, *missing)}")
    return why + _loose_depends(cls, found, patterns)


def _loose_depends(cls: type[Model], found: Groups, patterns: pt.Patterns) -> list[str]:
    """What the values of a field allow, need and leave others, against ``depends=``."""
    spec = spec_of(cls)
    rules = _rules_of(cls)
    somewhere = {f.py for f in spec.by_py.values() if f.qname in found.allowed}
    why: list[str] = []
    for path, by_value in sorted(found.depends.items()):
        name = ".".join(path)
        refused = {
            x
            for value, (allowed, _) in by_value.items()
            for x in somewhere - allowed
            if _drawn_with(rules, path, value, x)
        }
        if refused:
            why.append(f"depends on {name}: {sorted(refused)}")
        always = (
            set.intersection(*(needed for _, needed in by_value.values())) if by_value else set()
        )
        for value, (_, needed) in by_value.items():
            missing = {x for x in needed - always if not _kept_with(cls, rules, path, value, x)}
            if missing:
                why.append(f"depends on {name}={_shown(cls, path, value)}: needs {sorted(missing)}")
        for (at, value, x), values in sorted(found.values.items(), key=str):
            if at != path or not values or not _drawn_with(rules, path, value, x):
                continue
            declared = _values_with(cls, rules, path, value, x)
            if declared is not None:
                loose = _loose(FieldRule(cls, spec.by_py[x], values=values), patterns, declared)
                if loose:
                    why.append(f"depends on {name}={_shown(cls, path, value)}: {x} {loose}")
    return why


def _values_with(
    cls: type[Model], rules: ElementDecl, path: tuple[str, ...], value: Any, x: str
) -> tuple[Any, ...] | Codec | None:
    """The values ``x`` may take while the field at ``path`` has ``value``.

    What ``values=`` gives it for that value, else its codec's, less the
    values whose own ``depends_on`` keeps that field away (a smartcard's
    ``type`` is there for ``mode='passthrough'`` only). ``None`` where
    another field's ``values=`` decides.
    """
    given = [
        d.values[value][x] for d in rules.depends if d.path == path and x in d.values.get(value, {})
    ]
    if not given and any(x in by for d in rules.depends for by in d.values.values()):
        return None
    declared = given[0] if given else spec_of(cls).by_py[x].codec
    values = list(declared) if isinstance(declared, tuple) else _finite(declared)
    if values is None:
        return declared  # a range, a pattern: all values are the codec's
    first = path[0]
    return tuple(
        w
        for w in values
        if all(_admits(d, w, first, value) for d in rules.depends if d.path == (x,))
    )


def _admits(d: Depends, own: Any, name: str, value: Any) -> bool:
    """Whether ``d``'s field, holding ``own``, lets ``name`` have ``value`` (``None``: absent)."""
    if value is None:
        return name not in d.needs.get(own, ())
    narrowed = d.values.get(own, {}).get(name)
    if isinstance(narrowed, tuple) and value not in narrowed:
        return False
    return name not in d.dependent or name in d.allows.get(own, ())


#: The value of a field that is there, whatever it is (what a field requires).
_PRESENT: Any = type("Present", (), {"__repr__": lambda self: "PRESENT"})()


def _shown(cls: type[Model], path: tuple[str, ...], value: Any) -> str:
    return "(absent)" if value is None else (_written(cls, path, value) or repr(value))


def _elsewhere(rules: ElementDecl, path: tuple[str, ...]) -> set[str]:
    """The fields a ``depends_on`` of another field than ``path`` allows or needs."""
    others = [d for d in rules.depends if d.path != path]
    return {n for d in others for names in (*d.allows.values(), *d.needs.values()) for n in names}


def _drawn_with(rules: ElementDecl, path: tuple[str, ...], value: Any, x: str) -> bool:
    """Whether the declarations surely let ``x`` be present while ``path`` has ``value``."""
    first = path[0]
    if x == first or x in rules.without or x in _elsewhere(rules, path):
        return False
    deps = [d for d in rules.depends if d.path == path]
    if any(x in d.dependent for d in deps) and not any(x in d.allows.get(value, ()) for d in deps):
        return False
    if len(path) > 1:
        return True
    if value is not None:  # not with a field it excludes
        return not any(x in g and first in g for g in rules.exclusive)
    # absent: not with a field that comes with it
    return first not in _with(rules, x)


def _kept_with(
    cls: type[Model], rules: ElementDecl, path: tuple[str, ...], value: Any, x: str
) -> bool:
    """Whether the declarations may have ``x`` present when ``path`` has ``value`` (or is there).

    ``True`` where another field's ``depends_on`` may see to it: only what
    is sure is reported.
    """
    first = path[0]
    if x == first or x in rules.without or x in _elsewhere(rules, path):
        return True
    if _always_written(cls, spec_of(cls).by_py[x]):
        return True
    deps = [d for d in rules.depends if d.path == path]
    values = [value]
    if value is _PRESENT:  # there, whatever its value: what every value needs
        values = [v for v in _domain(cls, path) or [] if v is not None]
    if values and all(any(x in d.needs.get(v, ()) for d in deps) for v in values):
        return True
    if len(path) > 1:
        return False
    if value is None:  # absent: the other of a group of which one is needed
        return any(
            first in g and set(g) - {first} - set(rules.without) == {x} for g in rules.one_needed
        )
    return x in _with(rules, first)


def _with(rules: ElementDecl, first: str) -> set[str]:
    """The fields the declarations have present wherever ``first`` is.

    Through ``together=`` and ``requires=``, and through a ``depends_on``
    that allows ``first`` for some values of a field only (that field is
    then there).
    """
    found = {first}
    todo = [first]
    while todo:
        name = todo.pop()
        more = {n for g in rules.together if name in g for n in g}
        more |= {n for g in rules.requires if g[0] == name for n in g[1:]}
        more |= {
            d.path[0]
            for d in rules.depends
            if name in d.dependent and None not in [v for v, ns in d.allows.items() if name in ns]
        }
        todo += more - found
        found |= more
    return found


def loose_declarations(grammar: Grammar, root: type[Model]) -> Iterator[tuple[str, str, str]]:
    """The loose declarations the walk of ``grammar`` from ``root`` finds.

    Each as ``(field or class, first path where it applies, why)``; the
    path is empty for what concerns a class's fields together.
    """
    groups: dict[type[Model], Groups] = {}
    for rule in field_rules(grammar, root, groups).values():
        why = [w for w in (_loose(rule, grammar.patterns), _count_loose(rule)) if w is not None]
        needed = rule.required_everywhere and not _always_written(rule.cls, rule.spec)
        # A group of one needed field: a field a newer libvirt requires that
        # an older one lacks has a default, and is drawn where it exists.
        needed = needed and (rule.spec.py,) not in _rules_of(rule.cls).one_needed
        if why or needed:
            name = f"{rule.cls.__module__}.{rule.cls.__name__}.{rule.spec.py}"
            yield name, rule.paths[0], "; ".join(why) + ("; needed" if needed else "")
    for cls, found in groups.items():
        for why_group in _loose_groups(cls, found, grammar.patterns):
            yield f"{cls.__module__}.{cls.__name__}", "", why_group
