"""What a libvirt version's schema lacks, as model fields and values, for the strategies.

:mod:`domxml.models.since` says, per location (``/domain/hwuuid``,
``/domain/on_crash='preserve-running'``), since which libvirt version the
schemas have it. :func:`unavailable` turns the locations a version lacks
into the model fields and enumeration values that stand for them, so that a
run against that version draws only what its schema accepts. A location is
resolved through the models from its root by XML names, every variant of a
class included; a field shared by several places (``<acpi>``'s) is left out
everywhere, which costs some coverage, never validity.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Any

from domxml.binding import Model
from domxml.binding.declare import Kind
from domxml.binding.spec import FieldSpec, spec_of
from domxml.models.since import SINCE, accepts
from domxml.tools.coverage import roots

__all__ = ["Unavailable", "resolve", "unavailable"]

_VALUE = re.compile(r"^(.*?)='(.*)'$", re.S)
_STEP = re.compile(r"\{[^}]*\}[^/]+|[^/]+")


@dataclass(frozen=True)
class Unavailable:
    """Fields (class, Python name) and values (class, Python name, value) to leave out."""

    fields: frozenset[tuple[type[Model], str]] = field(default_factory=frozenset)
    values: frozenset[tuple[type[Model], str, Any]] = field(default_factory=frozenset)

    def has_value(self, cls: type[Model], name: str) -> bool:
        """Whether some value of ``cls``'s field ``name`` is left out."""
        return any(c is cls and n == name for c, n, _ in self.values)


def _family(classes: list[type[Model]]) -> list[type[Model]]:
    found: list[type[Model]] = []
    stack = list(classes)
    while stack:
        cls = stack.pop()
        if cls not in found:
            found.append(cls)
            stack.extend(cls.__domxml__.variants.values())
    return found


def _decode(f: FieldSpec, word: str) -> tuple[bool, Any]:
    try:
        return True, f.codec.decode(word)
    except (ValueError, KeyError, TypeError):
        return False, None


def resolve(location: str) -> list[tuple[type[Model], str, tuple[Any, ...]]]:
    """The (class, field, ``()`` or ``(value,)``) that stand for ``location`` in the models."""
    word: str | None = None
    match = _VALUE.match(location)
    if match is not None:
        location, word = match.group(1), match.group(2)
    steps = _STEP.findall(location)
    by_tag = {root.__domxml__.qname: root for root in roots().values()}
    if not steps or steps[0] not in by_tag:
        return []
    classes = _family([by_tag[steps[0]]])
    for step in steps[1:-1]:
        below = [
            f.model
            for cls in classes
            for f in spec_of(cls).elem_list
            if f.qname == step and f.model is not None
        ]
        classes = _family(list(dict.fromkeys(below)))
    last = steps[-1]
    found: list[tuple[type[Model], str, tuple[Any, ...]]] = []
    for cls in classes:
        spec = spec_of(cls)
        if last.startswith("@"):
            fields = [f for f in spec.attr_list if f.qname == last[1:]]
        else:
            fields = [f for f in spec.elem_list if f.qname == last]
        for f in fields:
            if word is None:
                found.append((cls, f.py, ()))
            elif f.kind is Kind.CHILD and f.model is not None:
                for inner in _family([f.model]):
                    text = spec_of(inner).text
                    ok, value = _decode(text, word) if text is not None else (False, None)
                    if ok and text is not None:
                        found.append((inner, text.py, (value,)))
            else:
                ok, value = _decode(f, word)
                if ok:
                    found.append((cls, f.py, (value,)))
    return found


def _parent(location: str) -> str | None:
    """The location of the element or attribute ``location`` is below (or a value of)."""
    match = _VALUE.match(location)
    if match is not None:
        return match.group(1)
    steps = _STEP.findall(location)
    return "/" + "/".join(steps[:-1]) if len(steps) > 1 else None


def _below_unavailable(libvirt: str, location: str) -> bool:
    """Whether an element above ``location`` is itself unavailable: leaving it out is enough.

    (A new element's model may be a class shared with older places, as a
    memory device's ``<driver>`` is the virtio options' class.)
    """
    parent = _parent(location)
    while parent is not None:
        if accepts(libvirt, parent) is False:
            return True
        parent = _parent(parent)
    return False


@functools.cache
def unavailable(libvirt: str | None) -> Unavailable:
    """What libvirt ``libvirt``'s schema lacks (nothing for ``None``: every version's)."""
    if libvirt is None:
        return Unavailable()
    fields: set[tuple[type[Model], str]] = set()
    values: set[tuple[type[Model], str, Any]] = set()
    for location in SINCE:
        if accepts(libvirt, location) or _below_unavailable(libvirt, location):
            continue
        for cls, name, value in resolve(location):
            if value:
                values.add((cls, name, value[0]))
            else:
                fields.add((cls, name))
    return Unavailable(frozenset(fields), frozenset(values))
