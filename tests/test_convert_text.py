"""The JSON and YAML texts domxml writes and reads itself are the libraries' own.

:mod:`domxml.convert.jsontext` and :mod:`domxml.convert.yamltext` write
and read the data form without json's and PyYAML's Python layers. Each is
held to the library it stands in for: the same text from the same data,
the same data (types included) from the same text, or :class:`Unsupported`,
whereupon the library decides. Over the corpus, over generated data, and
over hand-written YAML.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
import yaml
from corpus import corpus_files, is_well_formed
from hypothesis import given, settings
from hypothesis import strategies as st

import domxml
from domxml.convert import to_data
from domxml.convert.jsontext import dumps
from domxml.convert.yamltext import DUMP_OPTIONS, Dumper, Loader, Unsupported, dump, load

SETTINGS = settings(max_examples=400, derandomize=True, deadline=None, database=None)
FAMILIES = ("domain", "domainsnapshot", "network", "storagepool", "storagevol")


def _pyyaml_text(data: Any) -> str:
    text: str = yaml.dump(data, Dumper=Dumper, **DUMP_OPTIONS)
    return text


def _typed(value: Any) -> Any:
    """``value`` with each scalar's type beside it (``1 == True``, ``1 == 1.0`` otherwise)."""
    if isinstance(value, dict):
        return [(_typed(k), _typed(v)) for k, v in value.items()]
    if isinstance(value, list):
        return ["list", *(_typed(v) for v in value)]
    return (type(value).__name__, repr(value))


def _same_yaml_text(data: Any) -> bool:
    """Whether dump() writes what PyYAML writes (False: it left the data to PyYAML)."""
    try:
        text = dump(data)
    except Unsupported:
        return False
    assert text == _pyyaml_text(data)
    return True


def _same_yaml_data(text: str) -> bool:
    """Whether load() reads what PyYAML reads (False: it left the text to PyYAML)."""
    try:
        data = load(text)
    except Unsupported:
        return False
    assert _typed(data) == _typed(yaml.load(text, Loader=Loader)), text
    return True


@pytest.fixture(scope="module", params=FAMILIES)
def corpus_data(request: pytest.FixtureRequest) -> list[Any]:
    """The data form of every well-formed corpus document of a family."""
    found = []
    for param in corpus_files(request.param):
        (entry,) = param.values
        source = entry.file.read_bytes()
        if is_well_formed(source):
            found.append(to_data(domxml.parse(source)))
    if not found:
        pytest.fail(f"no {request.param} documents")
    return found


def test_corpus_json_text_is_json_dumps(corpus_data: list[Any]) -> None:
    for data in corpus_data:
        for indent in (2, 0, 4):
            assert dumps(data, indent) == json.dumps(data, indent=indent, ensure_ascii=False)


def test_corpus_yaml_text_is_pyyaml_text(corpus_data: list[Any]) -> None:
    written = sum(_same_yaml_text(data) for data in corpus_data)
    # Left to PyYAML: a string with a line break in a key, or an alias.
    assert written >= 0.95 * len(corpus_data), f"{written} of {len(corpus_data)} written"


def test_corpus_yaml_data_is_pyyaml_data(corpus_data: list[Any]) -> None:
    read = sum(_same_yaml_data(_pyyaml_text(data)) for data in corpus_data)
    assert read >= 0.95 * len(corpus_data), f"{read} of {len(corpus_data)} read"


# Strings that stress the choice of a YAML style: words the resolver reads
# as other types, indicators, quotes, spaces, line breaks, non-ASCII, long.
_TRICKY = st.sampled_from(
    [
        "",
        " ",
        "yes",
        "No",
        "on",
        "null",
        "~",
        "-",
        "--- a",
        "...",
        "-1",
        "0x1F",
        "0o17",
        "017",
        "1_000",
        "1:20",
        "52:54:00:12:34:56",
        "1e5",
        "1.5",
        ".inf",
        "2001-12-14",
        "<<",
        "=",
        "a: b",
        "a:",
        "a:b",
        "#x",
        "a #b",
        "a#b",
        "'q'",
        '"q"',
        "it's",
        "[x]",
        "{x}",
        "a, b",
        "&a",
        "*a",
        "!t",
        "|",
        ">",
        "%x",
        "@x",
        "`x`",
        "?x",
        "? x",
        "a\nb",
        "tab\there",
        "trailing ",
        " leading",
        "é café",
        "\u2028",
        "\x85",
        "\ufeff",
        "/var/lib/libvirt/images/disk.qcow2",
        "x" * 130,
        "word " * 30,
    ]
)
_TEXT = st.one_of(_TRICKY, st.text(max_size=12), st.from_regex(r"[a-z_]{1,10}", fullmatch=True))
_SCALAR = st.one_of(
    _TEXT,
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.none(),
)
_DATA = st.recursive(
    _SCALAR,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(_TEXT, inner, max_size=4)),
    max_leaves=25,
)
_DOCUMENT = st.dictionaries(_TEXT, _DATA, min_size=1, max_size=4)


@SETTINGS
@given(_DOCUMENT)
def test_generated_data_is_written_as_the_libraries_write_it(data: dict[str, Any]) -> None:
    _same_yaml_text(data)
    for indent in (2, 0):
        assert dumps(data, indent) == json.dumps(data, indent=indent, ensure_ascii=False)


@SETTINGS
@given(_DOCUMENT)
def test_generated_yaml_is_read_as_pyyaml_reads_it(data: dict[str, Any]) -> None:
    _same_yaml_data(_pyyaml_text(data))


def test_plain_data_is_written_and_read_without_pyyaml() -> None:
    data = {
        "domain": {
            "type": "kvm",
            "name": "vm-1",
            "memory": "4194304 KiB",
            "vcpu": 2,
            "on": "yes",
            "mac": "52:54:00:12:34:56",
            "empty": "",
            "features": {"acpi": {}, "apic": {"eoi": True}},
            "devices": {"disks": [{"target": {"dev": "vda"}}, {"source": None}], "none": []},
            "nested": [[1, 2], [], ["a"]],
        }
    }
    assert _same_yaml_text(data)
    assert _same_yaml_data(_pyyaml_text(data))


# Hand-written YAML: what load() reads itself (True), or leaves to PyYAML.
_HAND_WRITTEN = [
    ("a: 1\nb: x\n", True),
    ("a:\n  b: 1\n  c:\n  - 1\n  - two\n", True),
    ("a:\n    - 1\n    - 2\nb: 3\n", True),
    ("a:\n- b: 1\n  c: 2\n- d\n-\n- - e\n  - f\n", True),
    ("a:\nb:\n", True),
    ("a:   spaced   \n\n\nb: 'it''s'\nc: \"q\"\n", True),
    ("'a b': 1\n\"c\": 2\nyes: 3\n12: 4\n", True),
    ("a: 0x1F\nb: 1:20\nc: 1_000\nd: -0\ne: +5\nf: 1.5e3\ng: .NaN\nh: ~\ni: Off\n", True),
    ("a: b\na: c\n", True),
    ("a: ::1\nb: ?x\nc: -x\n", True),
    ("a: long text\n  continued here\nb:\n- item\n  continued\n", True),
    ("a: 'quoted\n  over lines'\nb: \"and\n  \\ escaped\"\n", True),
    ('a: "escaped \\\n  line break"\n', False),
    ("a: text\n  # comment\n", False),
    ("a: text\n\n  after a blank line\n", False),
    ("a:\n  - 1\n  b: 2\n", False),
    ("a: 1\n  b: 2\n", False),
    ("a: 1 # comment\n", False),
    ("# comment\na: 1\n", False),
    ("---\na: 1\n", False),
    ("a: 1\n...\n", False),
    ("a: {b: 1}\n", False),
    ("a: [1, 2]\n", False),
    ("a: &x 1\nb: *x\n", False),
    ("a: !!str 1\n", False),
    ("a: |\n  text\n", False),
    ('a: "esc\\n\\t\\x41\\u00e9\\U0001F600\\ \\/\\N\\"\\\\"\n', True),
    ('a: "\\q"\n', False),
    ('a: "\\ud800"\n', False),
    ("a:\tb\n", False),
    ("a: 1\r\n", False),
    ("<<: {b: 1}\n", False),
    ("a: 2001-12-14\n", False),
    ("- a\n", False),
    ("  a: 1\n", False),
    ("plain\n", False),
    ("", False),
    ("a: b: c\n", False),
    ("a: -\n", False),
    ("a:\n  b: 1\n c: 2\n", False),
]


@pytest.mark.parametrize(("text", "read"), _HAND_WRITTEN)
def test_hand_written_yaml(text: str, read: bool) -> None:
    try:
        expected = yaml.load(text, Loader=Loader)
    except yaml.YAMLError:
        with pytest.raises(Unsupported):
            load(text)
        return
    assert expected is None or isinstance(expected, dict | list | str)
    assert _same_yaml_data(text) is read, text


def test_a_resolver_added_later_is_heeded() -> None:
    """What is kept of earlier documents does not outlive the resolvers it came from."""
    assert load("a: nothing\n") == {"a": "nothing"}
    assert dump({"a": "nothing"}) == "a: nothing\n"
    saved = {}
    for cls in (Loader, Dumper):
        own = cls.__dict__.get("yaml_implicit_resolvers")
        saved[cls] = None if own is None else {k: list(v) for k, v in own.items()}
    try:
        for cls in (Loader, Dumper):
            cls.add_implicit_resolver("tag:yaml.org,2002:null", re.compile("^nothing$"), ["n"])
        assert load("a: nothing\n") == {"a": None} == yaml.load("a: nothing\n", Loader=Loader)
        assert dump({"a": "nothing"}) == "a: 'nothing'\n" == _pyyaml_text({"a": "nothing"})
    finally:
        for cls, resolvers in saved.items():
            if resolvers is None:
                del cls.yaml_implicit_resolvers
            else:
                cls.yaml_implicit_resolvers = resolvers
    assert load("a: nothing\n") == {"a": "nothing"}
