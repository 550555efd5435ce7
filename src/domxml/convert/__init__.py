"""libvirt documents as JSON and YAML, both ways, without loss.

The data form of a document is one object whose single key is the root
element's name and whose value is the root model's data
(:mod:`domxml.binding.dictform`)::

    {"network": {"name": "default", "forward": {"mode": "nat"}, ...}}

See ``docs/json-mapping.md``.
"""

from __future__ import annotations

import difflib
import functools
import gc
import json
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

import yaml

import domxml.convert.sizes  # registers the compact form of sizes
import domxml.models  # noqa: F401  (registers the root models)
from domxml.binding import Model, root_model, root_models
from domxml.binding.dictform import to_data as model_to_data
from domxml.binding.dictload import from_data as model_from_data
from domxml.convert import jsontext, yamltext
from domxml.errors import DomxmlError, ParseError, UnsupportedDocumentError

__all__ = ["from_data", "from_json", "from_yaml", "root_classes", "to_data", "to_json", "to_yaml"]


_P = ParamSpec("_P")
_R = TypeVar("_R")


def _collector_paused(convert: Callable[_P, _R]) -> Callable[_P, _R]:
    """``convert`` with Python's cyclic garbage collector paused while it runs.

    A conversion makes trees (dicts and lists, models without cycles among
    what it makes) the collector cannot free, and on a large document the
    collections it would start walk the whole heap again and again (a domain
    of 100,000 disks: seconds). Paused, not disabled: it runs again after.
    """

    @functools.wraps(convert)
    def paused(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        if not gc.isenabled():
            return convert(*args, **kwargs)
        gc.disable()
        try:
            return convert(*args, **kwargs)
        finally:
            gc.enable()

    return paused


def root_classes() -> dict[str, type[Model]]:
    """The root models by element name (``"network"`` → :class:`Network`)."""
    return {cls.__domxml__.tag: cls for cls in root_models().values()}


@_collector_paused
def to_data(model: Model) -> dict[str, Any]:
    """The data form of a document: ``{root element name: the root's data}``."""
    return {model.__domxml__.tag: model_to_data(model)}


@_collector_paused
def from_data(data: Any, *, filename: str | None = None) -> Model:
    """The model a document's data form describes (see :func:`to_data`)."""
    if not isinstance(data, dict) or len(data) != 1:
        raise ParseError(
            "expected an object with one key, the root element's name"
            ' (for example {"network": {...}})',
            filename=filename,
        )
    ((tag, body),) = data.items()
    if isinstance(body, dict):
        cls = root_model(str(tag), body, list(body))
    else:
        cls = root_classes().get(tag)
    if cls is None:
        close = difflib.get_close_matches(str(tag), list(root_classes()), n=1)
        hint = (
            f"did you mean {close[0]!r}?"
            if close
            else "known: " + ", ".join(sorted(root_classes()))
        )
        raise UnsupportedDocumentError(
            f"no model for root element {tag!r} ({hint})", filename=filename, path=f"/{tag}"
        )
    try:
        return model_from_data(cls, body, f"/{tag}")
    except DomxmlError as e:
        if e.filename is None:
            e.filename = filename
        raise


@_collector_paused
def to_json(model: Model, *, indent: int | None = 2) -> str:
    """The document as JSON text (ending in a newline when indented)."""
    data = to_data(model)
    if indent is None:
        return json.dumps(data, ensure_ascii=False)
    if isinstance(indent, int):
        return jsontext.dumps(data, indent) + "\n"
    return json.dumps(data, indent=indent, ensure_ascii=False) + "\n"


@_collector_paused
def from_json(text: str | bytes, *, filename: str | None = None) -> Model:
    """The model of a document's JSON form; :class:`ParseError` for text that is not JSON."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise ParseError(e.msg, filename=filename, line=e.lineno, column=e.colno) from None
    except RecursionError:
        raise ParseError("nested too deeply", filename=filename) from None
    except UnicodeDecodeError as e:
        raise ParseError(f"not UTF-8: {e}", filename=filename) from None
    return from_data(data, filename=filename)


@_collector_paused
def to_yaml(model: Model) -> str:
    """The document as YAML text (the JSON form, written as YAML)."""
    data = to_data(model)
    try:
        return yamltext.dump(data)
    except (yamltext.Unsupported, RecursionError):
        text: str = yaml.dump(data, Dumper=yamltext.Dumper, **yamltext.DUMP_OPTIONS)
        return text


@_collector_paused
def from_yaml(text: str | bytes, *, filename: str | None = None) -> Model:
    """The model of a document's YAML form; :class:`ParseError` for text that is not YAML.

    Only plain data is read (as ``yaml.safe_load`` does): no tags, no objects.
    """
    try:
        data = yamltext.load(text)
    except yamltext.Unsupported:
        data = _load_yaml(text, filename)
    return from_data(data, filename=filename)


def _load_yaml(text: str | bytes, filename: str | None) -> Any:
    """What PyYAML reads of ``text``; :class:`ParseError` for text that is not YAML."""
    try:
        return yaml.load(text, Loader=yamltext.Loader)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        column = mark.column + 1 if mark is not None else None
        problem = getattr(e, "problem", None) or str(e)
        raise ParseError(
            f"not YAML: {problem}", filename=filename, line=line, column=column
        ) from None
    except RecursionError:
        raise ParseError("nested too deeply", filename=filename) from None
