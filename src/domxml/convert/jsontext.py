"""Indented JSON text of the data form, as ``json.dumps(data, indent=n, ensure_ascii=False)``.

The standard library writes indented JSON with its Python encoder, a
generator per value; this writer builds the same text with one call per
object and array, strings encoded by the C encoder. It takes the types
the data form is made of (dict, list, str, int, float, bool, None, exactly
those types, string keys); for anything else :func:`dumps` gives what
``json.dumps`` gives, error included.
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring
from typing import Any

__all__ = ["dumps"]


class _Other(Exception):
    """A value this writer leaves to ``json.dumps``."""


def dumps(data: Any, indent: int) -> str:
    """``json.dumps(data, indent=indent, ensure_ascii=False)``."""
    unit = " " * indent
    try:
        return _value(data, "\n", unit)
    except (_Other, RecursionError):
        return json.dumps(data, indent=indent, ensure_ascii=False)


_repr_int = int.__repr__
_repr_float = float.__repr__


def _value(v: Any, pad: str, unit: str) -> str:
    """The text of ``v``, whose first line stands at ``pad`` (a newline and its indentation)."""
    t = type(v)
    if t is str:
        return encode_basestring(v)
    if t is dict:
        return _object(v, pad, unit) if v else "{}"
    if t is list:
        if not v:
            return "[]"
        inner = pad + unit
        return "[" + inner + ("," + inner).join([_value(x, inner, unit) for x in v]) + pad + "]"
    if t is int:
        return _repr_int(v)
    if v is None:
        return "null"
    if t is bool:
        return "true" if v else "false"
    if t is float:
        if v != v:
            return "NaN"
        if v in (float("inf"), float("-inf")):
            return "Infinity" if v > 0 else "-Infinity"
        return _repr_float(v)
    raise _Other


def _object(d: dict[Any, Any], pad: str, unit: str) -> str:
    inner = pad + unit
    parts = []
    for k, v in d.items():
        if type(k) is not str:
            raise _Other
        t = type(v)
        if t is str:
            text = encode_basestring(v)
        elif t is dict:
            text = _object(v, inner, unit) if v else "{}"
        elif t is int:
            text = _repr_int(v)
        else:
            text = _value(v, inner, unit)
        parts.append(encode_basestring(k) + ": " + text)
    return "{" + inner + ("," + inner).join(parts) + pad + "}"
