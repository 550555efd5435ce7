"""``from_json``/``from_yaml`` against hostile input.

Whatever they are given, they return a model (which writes as XML and JSON)
or raise a ``DomxmlError``:
random text, random JSON-like data shaped like a document, deep nesting,
and YAML tags asking for Python objects.
"""

from __future__ import annotations

import contextlib
import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import domxml
from domxml.convert import from_data

SETTINGS = settings(max_examples=300, derandomize=True, deadline=None, database=None)

# Keys a document really has, so that the data reaches deep into the models.
KEYS = st.sampled_from(
    [
        "name",
        "type",
        "devices",
        "disks",
        "source",
        "address",
        "bus",
        "memory",
        "ips",
        "_xml",
        "attrs",
        "items",
        "ns",
        "prefix",
        "leaves",
        "text",
        "element",
        "comment",
        "pi",
        "prolog",
        "metadata",
        "elements",
        "x",
    ]
)
SCALARS = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12)
DATA = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=5),
    max_leaves=40,
)


def _fine(load: Any, *args: Any) -> None:
    with contextlib.suppress(domxml.DomxmlError):
        load(*args)


@SETTINGS
@given(st.sampled_from(["domain", "network", "pool", "volume", "disk"]), DATA)
def test_random_data_gives_a_model_or_a_domxml_error(root: str, body: Any) -> None:
    try:
        model = from_data({root: body})
    except domxml.DomxmlError:
        return
    # What loads also writes (or says why not).
    _fine(domxml.to_xml, model)
    _fine(domxml.to_json, model)


@SETTINGS
@given(st.text(max_size=200))
def test_random_text_gives_a_model_or_a_domxml_error(text: str) -> None:
    _fine(domxml.from_json, text)
    _fine(domxml.from_yaml, text)


@pytest.mark.parametrize("depth", [100, 100_000])
def test_deep_nesting_is_an_error_not_a_crash(depth: int) -> None:
    with pytest.raises(domxml.DomxmlError):
        domxml.from_json('{"network": ' + "[" * depth + "]" * depth + "}")
    with pytest.raises(domxml.DomxmlError):
        domxml.from_yaml("network: " + "[" * depth + "]" * depth)
    chain: dict[str, Any] = {"type": "file"}
    for _ in range(min(depth, 5000)):
        chain = {"type": "file", "backing_store": chain}
    # A long chain of backing files is a document like any other; past the
    # recursion limit (which other code may have raised) it is a DomxmlError.
    _fine(from_data, {"disk": chain})


def test_yaml_never_builds_python_objects() -> None:
    for text in (
        "network: !!python/object/apply:os.system ['echo hi']\n",
        "!!python/name:os.system\n",
        "network: !!binary aGk=\n",
    ):
        with pytest.raises(domxml.DomxmlError):
            domxml.from_yaml(text)


def test_json_with_a_python_only_value_is_refused() -> None:
    with pytest.raises(domxml.DomxmlError):
        domxml.from_json(json.dumps({"network": {"name": "n", "connections": 1e400}}))
