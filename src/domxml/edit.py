"""Edits by field path: what ``domxml set`` does to a model.

A path names fields as the JSON/YAML mapping does (docs/json-mapping.md):
``memory``, ``devices.disks[0].target.dev``; a list item is chosen by its
index (``[0]``, ``[-1]``) or by the value of one of its fields
(``devices.interfaces[mac.address=52:54:00:12:34:56]``). Values are text,
read by the field's type (an enumeration's word, a number, ``yes``/``no``,
``on``/``off`` or ``true``/``false``, a size such as ``8GiB``); an element
to add is an XML fragment. Every mistake is an :class:`EditError` naming the
path and what would fit there (the fields, or the values).

Edits change the models through their fields, so a document written as
parsed afterwards differs from its source in the edited elements only.
"""

from __future__ import annotations

import dataclasses
import difflib
import enum
from typing import Any

from lxml import etree

from domxml.binding.declare import Kind, Model
from domxml.binding.dictform import BOOLEAN, ENUM, INTEGER, NUMBER, compact_form, scalar_kind
from domxml.binding.dictload import from_data
from domxml.binding.reader import read
from domxml.binding.spec import FieldSpec, spec_of
from domxml.errors import DomxmlError, EditError
from domxml.safe_xml import parse_tree

__all__ = ["Step", "add", "parse_path", "remove", "set_value", "split_assignment"]


@dataclasses.dataclass(frozen=True)
class Step:
    """One field of a path, with the list item it selects, if any."""

    name: str
    index: int | None = None
    #: ``(field path, value)``: the item whose field has that value.
    match: tuple[tuple[Step, ...], str] | None = None


def split_assignment(text: str) -> tuple[str, str]:
    """``("a.b[x=1]", "v")`` of ``a.b[x=1]=v``: split at the first ``=`` outside brackets."""
    depth = 0
    for i, char in enumerate(text):
        if char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
        elif char == "=" and depth == 0:
            return text[:i], text[i + 1 :]
    raise EditError(f"expected PATH=VALUE, got {text!r}", path=text)


def parse_path(text: str) -> tuple[Step, ...]:
    """The steps of a field path such as ``devices.interfaces[mac.address=52:54:00:12:34:56]``."""
    steps: list[Step] = []
    i, n = 0, len(text)
    while True:
        start = i
        while i < n and text[i] not in ".[]":
            i += 1
        name = text[start:i]
        if not name:
            raise EditError(f"a field name is missing at character {start + 1}", path=text)
        step = Step(name)
        if i < n and text[i] == "[":
            close = text.find("]", i)
            if close < 0:
                raise EditError("an unclosed [", path=text)
            step = _selector(name, text[i + 1 : close], text)
            i = close + 1
        steps.append(step)
        if i == n:
            return tuple(steps)
        if text[i] != ".":
            raise EditError(f"expected . or [ at character {i + 1}", path=text)
        i += 1


def _selector(name: str, inside: str, text: str) -> Step:
    if "=" in inside:
        field, value = inside.split("=", 1)
        return Step(name, match=(parse_path(field), value))
    try:
        return Step(name, index=int(inside))
    except ValueError:
        raise EditError(
            f"[{inside}]: expected an index ([0], [-1]) or a field and its value ([name=x])",
            path=text,
        ) from None


def _fields(obj: Model) -> str:
    return ", ".join(spec_of(type(obj)).by_py)


def _field(obj: Model, step: Step, path: str) -> FieldSpec:
    by_py = spec_of(type(obj)).by_py
    f = by_py.get(step.name)
    if f is None:
        close = difflib.get_close_matches(step.name, by_py, n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        raise EditError(
            f"{type(obj).__name__} has no field {step.name!r}{hint}; its fields: {_fields(obj)}",
            path=path,
        )
    if (step.index is not None or step.match is not None) and not f.many:
        raise EditError(f"{step.name} is not a list: it takes no [...]", path=path)
    return f


def _item(items: list[Any], step: Step, path: str) -> int:
    """The index of the item ``step`` selects in ``items``."""
    if step.index is not None:
        if not -len(items) <= step.index < len(items):
            raise EditError(
                f"{step.name}[{step.index}]: there are {len(items)} {step.name}", path=path
            )
        return step.index % len(items)
    assert step.match is not None  # a list step has one or the other (see _walk)
    steps, wanted = step.match
    found: list[int] = []
    seen: list[str] = []
    for i, item in enumerate(items):
        value = _written(item, steps, path)
        if value is not None:
            seen.append(value)
        if value == wanted:
            found.append(i)
    if len(found) == 1:
        return found[0]
    where = ".".join(s.name for s in steps)
    if not found:
        values = ", ".join(seen) if seen else "none has one"
        raise EditError(f"no {step.name} with {where}={wanted}; their {where}: {values}", path=path)
    raise EditError(f"{len(found)} {step.name} have {where}={wanted}: give an index", path=path)


def _written(obj: Any, steps: tuple[Step, ...], path: str) -> str | None:
    """The written form of the value at ``steps`` below ``obj``, or None when absent."""
    for k, step in enumerate(steps):
        if not isinstance(obj, Model):
            return None
        f = _field(obj, step, path)
        value = getattr(obj, f.py)
        if f.many:
            if step.index is None and step.match is None:
                raise EditError(f"{step.name} is a list: select an item", path=path)
            if not value:
                return None
            value = value[_item(value, step, path)]
        if value is None:
            return None
        if k == len(steps) - 1:
            if isinstance(value, Model):
                return None
            return str(f.codec.encode(value))
        obj = value
    return None


def _walk(root: Model, steps: tuple[Step, ...], path: str, create: bool) -> Model:
    """The model that holds the field of the last step; missing ones are made with ``create``."""
    obj = root
    for step in steps[:-1]:
        f = _field(obj, step, path)
        if f.kind is not Kind.CHILD or f.model is None:
            raise EditError(f"{step.name} is a value, not an element: it has no fields", path=path)
        value = getattr(obj, f.py)
        if f.many:
            if step.index is None and step.match is None:
                raise EditError(
                    f"{step.name} is a list: select an item ({step.name}[0],"
                    f" {step.name}[field=value])",
                    path=path,
                )
            if not value:
                raise EditError(f"there are no {step.name}", path=path)
            obj = value[_item(value, step, path)]
            continue
        if value is None:
            if not create:
                raise EditError(f"there is no {step.name}", path=path)
            value = from_data(f.model, {}, path)  # an empty element, made as the parser would
            setattr(obj, f.py, value)
        obj = value
    return obj


def scalar(f: FieldSpec, text: str, path: str) -> Any:
    """The typed value of ``text`` for the field ``f`` (its written form, or JSON's)."""
    kind = scalar_kind(f)
    if kind == BOOLEAN and text in ("true", "false"):
        return text == "true"
    try:
        return f.codec.decode(text)
    except ValueError:
        pass
    if kind == ENUM:
        members: type[enum.Enum] = f.codec.python_type
        allowed = ", ".join(str(m.value) for m in members)
        raise EditError(f"{text!r} is not a {f.py} value; allowed: {allowed}", path=path)
    expected = {BOOLEAN: "yes/no, on/off or true/false", INTEGER: "an integer", NUMBER: "a number"}
    raise EditError(f"{text!r} is not {expected.get(kind, 'a valid value')}", path=path)


def set_value(root: Model, path: str, text: str) -> None:
    """Set the field at ``path`` to the value ``text`` says (made where missing)."""
    steps = parse_path(path)
    obj = _walk(root, steps, path, create=True)
    last = steps[-1]
    f = _field(obj, last, path)
    if f.kind is Kind.ANY:
        raise EditError(f"{last.name} holds any XML: use --add and --remove", path=path)
    if f.kind is Kind.CHILD:
        _set_element(obj, f, last, text, path)
        return
    value = scalar(f, text, path)
    if not f.many:
        setattr(obj, f.py, value)
    elif last.index is not None or last.match is not None:
        items = getattr(obj, f.py)
        items[_item(items, last, path)] = value
    else:
        setattr(obj, f.py, [value])


def _set_element(obj: Model, f: FieldSpec, step: Step, text: str, path: str) -> None:
    """Set an element that has a compact value (a size): its fields, the others kept."""
    assert f.model is not None
    form = compact_form(f.model)
    if form is None or f.many:
        raise EditError(
            f"{step.name} is an element: set its fields ({step.name}.field=...) or use --add;"
            f" its fields: {', '.join(spec_of(f.model).by_py)}",
            path=path,
        )
    try:
        data = form.load(text)
    except ValueError as e:
        raise EditError(str(e), path=path) from None
    current = getattr(obj, f.py)
    if current is None:
        setattr(obj, f.py, from_data(f.model, data, path))
        return
    for name, value in data.items():
        field = spec_of(type(current)).by_py[name]
        if getattr(current, name) != value:
            setattr(
                current, field.py, scalar(field, str(value), path) if value is not None else None
            )


def remove(root: Model, path: str) -> None:
    """Remove what ``path`` names: a list item, a whole list, an element or a value."""
    steps = parse_path(path)
    obj = _walk(root, steps, path, create=False)
    last = steps[-1]
    f = _field(obj, last, path)
    value = getattr(obj, f.py)
    if f.many and (last.index is not None or last.match is not None):
        if not value:
            raise EditError(f"there are no {last.name}", path=path)
        del value[_item(value, last, path)]
    elif f.many:
        if value:
            value.clear()
    elif value is None:
        raise EditError(f"there is no {last.name} to remove", path=path)
    else:
        setattr(obj, f.py, None)


def add(root: Model, path: str, fragment: str) -> None:
    """Add the element the XML ``fragment`` holds at ``path``: a list's field, or an absent one.

    ``devices.disks`` appends; ``devices.disks[0]`` inserts before the first.
    """
    steps = parse_path(path)
    obj = _walk(root, steps, path, create=True)
    last = steps[-1]
    f = _field(obj, last, path)
    if f.kind is not Kind.CHILD or f.model is None:
        raise EditError(
            f"{last.name} is a value, not an element: set it with PATH=VALUE", path=path
        )
    try:
        el = parse_tree(fragment.encode("utf-8"), "<fragment>")
    except DomxmlError as e:
        raise EditError(f"the fragment is not XML: {e.message}", path=path) from None
    if el.tag != spec_of(f.model).decl.qname and el.tag != f.qname:
        raise EditError(
            f"{last.name} holds <{f.local}> elements, not <{etree.QName(el).localname}>", path=path
        )
    item = read(f.model, el)
    items = getattr(obj, f.py)
    if f.many:
        if last.index is not None or last.match is not None:
            items.insert(_item(items, last, path) if items else 0, item)
        else:
            items.append(item)
    elif items is None:
        setattr(obj, f.py, item)
    else:
        raise EditError(f"there is a {last.name} already: remove it first", path=path)
