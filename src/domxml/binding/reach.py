"""The classes and enumerations reachable from root models, with unique names.

Schema export (JSON Schema, XSD) names one definition per model class and
per enumeration. A class's name is its Python name; where two reachable
classes share one, both are named by their full module path instead.
"""

from __future__ import annotations

import dataclasses
import enum
import inspect
import re
from collections.abc import Iterable

from domxml.binding.codecs import EnumCodec
from domxml.binding.declare import Kind, Model
from domxml.binding.spec import spec_of

__all__ = ["Reach", "description", "field_docs", "plain", "reach"]


class Reach:
    """Model classes and enumerations reachable from some roots, in a stable order."""

    def __init__(self, classes: list[type[Model]], enums: list[type[enum.Enum]]) -> None:
        self.classes = classes
        self.enums = enums
        self.names: dict[type, str] = _unique_names([*classes, *enums])

    def name(self, cls: type) -> str:
        """The definition name of a model class or enumeration."""
        return self.names[cls]


def reach(roots: Iterable[type[Model]]) -> Reach:
    """Every class and enumeration reachable from ``roots`` (variants included)."""
    classes: dict[type[Model], None] = {}
    enums: dict[type[enum.Enum], None] = {}
    stack = list(roots)[::-1]
    while stack:
        cls = stack.pop()
        if cls in classes:
            continue
        classes[cls] = None
        spec = spec_of(cls)
        fields = [*spec.attr_list, *([spec.text] if spec.text else []), *spec.elem_list]
        nested: list[type[Model]] = []
        for f in sorted(fields, key=lambda f: f.index):
            if isinstance(f.codec, EnumCodec) and f.kind is not Kind.CHILD:
                enums.setdefault(f.codec.enum_type, None)
            if f.model is not None:
                nested.append(f.model)
        nested.extend(cls.__domxml__.variants.values())
        stack.extend(reversed(nested))
    return Reach(list(classes), list(enums))


def _unique_names(types: list[type]) -> dict[type, str]:
    count: dict[str, int] = {}
    for t in types:
        count[t.__name__] = count.get(t.__name__, 0) + 1
    return {
        t: t.__name__ if count[t.__name__] == 1 else f"{t.__module__}.{t.__name__}" for t in types
    }


_BLANK_LINE = re.compile(r"\n\s*\n")
_RST_LITERAL = re.compile(r"``([^`]+)``")
_RST_ROLE = re.compile(r":[a-z]+:`~?([^`]+)`")


def description(cls: type) -> str | None:
    """The first paragraph of a class's own docstring, as plain text."""
    doc = cls.__dict__.get("__doc__")
    if not doc or doc.startswith(f"{cls.__name__}(") or doc == "An enumeration.":
        return None  # none, or the one dataclasses or Enum made up
    first = _BLANK_LINE.split(inspect.cleandoc(doc), maxsplit=1)[0]
    return plain(first)


def plain(text: str) -> str:
    """reStructuredText markup of docstrings as plain text, on one line."""
    text = _RST_ROLE.sub(lambda m: m.group(1).rsplit(".", 1)[-1], text)
    return " ".join(_RST_LITERAL.sub(r"\1", text).split())


def field_docs(cls: type) -> dict[str, str]:
    """The ``doc=`` of each field of a model class that has one, by Python name."""
    return {f.name: f.metadata["doc"] for f in dataclasses.fields(cls) if "doc" in f.metadata}
