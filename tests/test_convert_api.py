"""``domxml.to_json``/``from_json``/``to_yaml``/``from_yaml``: the mapping, case by case.

The examples of ``docs/json-mapping.md`` are checked first: each XML block
gives the JSON block after it, and that JSON gives the XML back. Then each
kind of thing the ``_xml`` side entry keeps, the readable forms of values,
and the errors a hand-written document gets.
"""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path
from typing import Any

import pytest
from corpus import canonical

import domxml
from domxml.convert import from_data, to_data
from domxml.models.domain import (
    Devices,
    DiskTarget,
    Domain,
    DomainType,
    FileDisk,
    Memory,
    PciAddress,
)
from domxml.models.domain.devices.address import Address

DOC = Path(__file__).resolve().parent.parent / "docs" / "json-mapping.md"
FENCE = re.compile(r"^```(\w+)\n(.*?)^```", re.M | re.S)


def _doc_blocks() -> list[tuple[str, str]]:
    return [(m.group(1), m.group(2)) for m in FENCE.finditer(DOC.read_text(encoding="utf-8"))]


def _doc_pairs() -> list[Any]:
    blocks = _doc_blocks()
    pairs = [
        (xml, json_text)
        for (kind, xml), (next_kind, json_text) in itertools.pairwise(blocks)
        if kind == "xml" and next_kind == "json"
    ]
    return [pytest.param(xml, text, id=f"example{i}") for i, (xml, text) in enumerate(pairs)]


@pytest.mark.parametrize(("xml", "expected"), _doc_pairs())
def test_documented_examples(xml: str, expected: str) -> None:
    assert to_data(domxml.parse(xml)) == json.loads(expected)
    back = domxml.to_xml(domxml.from_json(expected))
    assert canonical(back) == canonical(xml)


def test_documented_yaml_example() -> None:
    blocks = _doc_blocks()
    first_xml = next(text for kind, text in blocks if kind == "xml")
    first_yaml = next(text for kind, text in blocks if kind == "yaml")
    assert domxml.to_yaml(domxml.parse(first_xml)) == first_yaml


# --- values -------------------------------------------------------------------


def _data(xml: str) -> Any:
    ((_root, body),) = to_data(domxml.parse(xml)).items()
    return body


def test_values_are_json_natives() -> None:
    body = _data(
        "<network connections='3' ipv6='yes'><name>n</name>"
        "<bridge name='br0' stp='off' delay='0x10'/><forward mode='route'/></network>"
    )
    assert body["connections"] == 3  # int
    assert body["ipv6"] is True  # yes/no
    assert body["bridge"] == {
        "name": "br0",
        "stp": False,
        "delay": 16,
        "_xml": {"attrs": {"delay": "0x10"}},
    }
    assert body["forward"] == {"mode": "route"}  # an enumeration's word


def test_a_value_of_its_own_form_is_its_text() -> None:
    body = _data(
        "<volume><name>v</name><capacity>1</capacity><target><permissions><mode>0644</mode>"
        "</permissions></target></volume>"
    )
    assert body["target"]["permissions"]["mode"] == "0644"
    assert body["capacity"] == 1


def test_absent_empty_and_empty_text_differ() -> None:
    body = _data("<domain type='kvm'><name/><features><acpi/></features></domain>")
    assert body["name"] == ""
    assert body["features"] == {"acpi": {}}
    assert "uuid" not in body


def test_a_required_field_the_document_lacks_is_null() -> None:
    body = _data("<domainsnapshot><domain><uuid>0a</uuid></domain></domainsnapshot>")
    assert body["domain"] == {"type": None, "name": None, "uuid": "0a"}
    back = from_data({"domainsnapshot": body})
    assert back.domain.type is None  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("xml", "expected"),
    [
        ("<memory unit='GiB'>4</memory>", "4 GiB"),
        ("<memory>4194304</memory>", 4194304),
        (
            "<memory unit='KiB' dumpCore='on'>8</memory>",
            {"dump_core": True, "unit": "KiB", "value": 8},
        ),
        ("<memory unit='KiB'> 8 </memory>", {"unit": "KiB", "value": 8, "_xml": {"text": " 8 "}}),
    ],
    ids=["unit", "no-unit", "more-than-a-size", "written-form"],
)
def test_sizes_are_compact_when_they_can_be(xml: str, expected: Any) -> None:
    body = _data(f"<domain type='kvm'><name>d</name>{xml}</domain>")
    assert body["memory"] == expected


@pytest.mark.parametrize("written", ["4 GiB", "4GiB", " 4 GiB ", 4])
def test_sizes_read_in_any_form(written: Any) -> None:
    domain = from_data({"domain": {"type": "kvm", "name": "d", "memory": written}})
    assert isinstance(domain, Domain)
    assert domain.memory is not None
    assert domain.memory.value == 4
    assert domain.memory.unit == (None if written == 4 else "GiB")


def test_variants_carry_their_discriminator_and_come_back() -> None:
    xml = "<hostdev mode='subsystem' type='pci'><address type='pci' bus='0x02'/></hostdev>"
    body = _data(xml)
    assert body["address"] == {"type": "pci", "bus": 2}
    model = domxml.from_json(domxml.to_json(domxml.parse(xml)))
    assert type(model.address) is PciAddress  # type: ignore[attr-defined]


def test_an_unknown_variant_is_the_base_class() -> None:
    xml = "<hostdev mode='subsystem' type='pci'><address type='warp' ring='3'/></hostdev>"
    body = _data(xml)
    # type is required: null in the data form, its unknown word kept aside
    assert body["address"] == {"type": None, "_xml": {"attrs": {"type": "warp", "ring": "3"}}}
    model = domxml.from_json(domxml.to_json(domxml.parse(xml)))
    assert type(model.address) is Address  # type: ignore[attr-defined]
    assert canonical(domxml.to_xml(model)) == canonical(xml)


def test_models_built_in_code_round_trip_equal() -> None:
    domain = Domain(type=DomainType.KVM, name="web", memory=Memory.of("2 GiB"))
    # A disk of type file is a FileDisk: what parsing <disk type='file'> gives
    disk = FileDisk(target=DiskTarget(dev="vda"), address=PciAddress.of("00:04.0"))
    domain.devices = Devices(disks=[disk])
    net = domxml.parse(Path(domxml.__file__).parent / "examples" / "network-nat.xml")
    for model in (domain, net):
        assert domxml.from_json(domxml.to_json(model)) == model
        assert domxml.from_yaml(domxml.to_yaml(model)) == model


# --- what _xml keeps ----------------------------------------------------------

SIDE_CASES = [
    # (name, XML, where the _xml entry is, what it says)
    (
        "unknown-attribute",
        "<network color='red'><name>n</name></network>",
        [],
        {"attrs": {"color": "red"}},
    ),
    (
        "unreadable-attribute",
        "<network ipv6='perhaps'><name>n</name></network>",
        [],
        {"attrs": {"ipv6": "perhaps"}},
    ),
    (
        "written-form",
        "<network><name>n</name><bridge name='b' delay='00'/></network>",
        ["bridge"],
        {"attrs": {"delay": "00"}},
    ),
    (
        "own-text",
        "<domain type='kvm'><name>d</name><vcpu> 2 </vcpu></domain>",
        ["vcpu"],
        {"text": " 2 "},
    ),
    (
        "leaf-text",
        "<pool type='dir'><name>p</name><target><permissions><owner>+0</owner>"
        "</permissions></target></pool>",
        ["target", "permissions"],
        {"leaves": {"owner": "+0"}},
    ),
    (
        "unknown-element",
        "<network><name>n</name><warp speed='9'/></network>",
        [],
        {"items": ["name", {"element": "<warp speed='9'/>"}]},
    ),
    (
        "comment-and-pi",
        "<network><!--c--><name>n</name><?app do?></network>",
        [],
        {"items": [{"comment": "c"}, "name", {"pi": "app do"}]},
    ),
    (
        "order",
        "<network><uuid>u</uuid><name>n</name></network>",
        [],
        {"items": ["uuid", "name"]},
    ),
    (
        "mixed-text",
        "<network><name>n</name>loose text</network>",
        [],
        {"items": ["name", {"text": "loose text"}], "mixed": True},
    ),
    (
        "namespace",
        "<network xmlns:d='http://libvirt.org/schemas/network/dnsmasq/1.0'><name>n</name>"
        "<d:options><d:option value='x'/></d:options></network>",
        [],
        {"ns": {"d": "http://libvirt.org/schemas/network/dnsmasq/1.0"}},
    ),
    (
        "prefix",
        "<network xmlns:d='http://libvirt.org/schemas/network/dnsmasq/1.0'><name>n</name>"
        "<d:options><d:option value='x'/></d:options></network>",
        ["dnsmasq_options"],
        {"prefix": "d"},
    ),
    (
        "document",
        "<?xml version='1.0'?>\n<!-- a -->\n<network><name>n</name></network>\n<?b c?>",
        [],
        {
            "declaration": "<?xml version='1.0'?>",
            "prolog": [{"comment": " a "}],
            "epilog": [{"pi": "b c"}],
        },
    ),
]


@pytest.mark.parametrize(
    ("xml", "where", "side"), [pytest.param(*case[1:], id=case[0]) for case in SIDE_CASES]
)
def test_xml_side_entry_keeps_it(xml: str, where: list[str], side: dict[str, Any]) -> None:
    body = _data(xml)
    for key in where:
        body = body[key]
    assert body["_xml"] == side
    for text in (domxml.to_json(domxml.parse(xml)), domxml.to_yaml(domxml.parse(xml))):
        model = domxml.from_json(text) if text.startswith("{") else domxml.from_yaml(text)
        back = domxml.to_xml(model)
        assert canonical(back) == canonical(xml)
        assert domxml.untyped(model) == domxml.untyped(domxml.parse(xml))


def test_nothing_to_keep_means_no_side_entry() -> None:
    text = domxml.to_json(
        domxml.parse(Path(domxml.__file__).parent / "examples" / "network-nat.xml")
    )
    assert "_xml" not in text


def test_a_written_form_is_dropped_once_the_value_changes() -> None:
    xml = "<hostdev mode='subsystem' type='pci'><address type='pci' bus='0x1'/></hostdev>"
    model = domxml.from_json(domxml.to_json(domxml.parse(xml)))
    assert "bus='0x1'" in domxml.to_xml(model)
    model.address.bus = 2  # type: ignore[attr-defined]
    assert "bus='0x02'" in domxml.to_xml(model)


def test_without_xml_entries_the_layout_is_libvirts() -> None:
    xml = "<network><uuid>u</uuid><!--c--><name>n</name></network>"
    data = to_data(domxml.parse(xml))
    del data["network"]["_xml"]
    assert (
        domxml.to_xml(from_data(data))
        == "<network>\n  <name>n</name>\n  <uuid>u</uuid>\n</network>\n"
    )


# --- errors ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "error", "message", "path"),
    [
        (
            '{"network": {"name": "n", "bridge": {"stpp": true}}}',
            domxml.ModelError,
            "Bridge has no field 'stpp' (did you mean 'stp'?)",
            "/network/bridge",
        ),
        (
            '{"network": {"name": "n", "forward": {"mode": "natt"}}}',
            domxml.ModelError,
            "'natt' is not one of 'nat', 'route'",
            "/network/forward/mode",
        ),
        (
            '{"network": {"name": "n", "bridge": {"stp": "on"}}}',
            domxml.ModelError,
            "expected true or false, got a string",
            "/network/bridge/stp",
        ),
        (
            '{"network": {"name": "n", "ips": {"address": "10.0.0.1"}}}',
            domxml.ModelError,
            "expected a list, got an object",
            "/network/ips",
        ),
        (
            '{"network": {"name": 7}}',
            domxml.ModelError,
            "expected a string, got a number",
            "/network/name",
        ),
        (
            '{"network": {"name": "n", "_xml": {"items": ["nmae"]}}}',
            domxml.ModelError,
            "Network has no field 'nmae' (did you mean 'name'?)",
            "/network/_xml/items[0]",
        ),
        (
            '{"network": {"name": "n", "_xml": {"items": [{"element": "<a><b></a>"}]}}}',
            domxml.ModelError,
            "not an XML element",
            "/network/_xml/items[0]",
        ),
        ('{"netwrk": {}}', domxml.UnsupportedDocumentError, "did you mean 'network'?", "/netwrk"),
        ('{"network": {}, "pool": {}}', domxml.ParseError, "expected an object with one key", None),
        ('{"network": ', domxml.ParseError, "Expecting value", None),
    ],
    ids=[
        "misspelled",
        "enum",
        "type",
        "list",
        "string",
        "items",
        "element",
        "root",
        "two-roots",
        "malformed",
    ],
)
def test_errors_say_what_and_where(
    text: str, error: type[domxml.DomxmlError], message: str, path: str | None
) -> None:
    with pytest.raises(error) as caught:
        domxml.from_json(text, filename="vm.json")
    assert message in caught.value.message
    assert caught.value.path == path
    assert caught.value.filename == "vm.json"


def test_malformed_json_and_yaml_give_line_and_column() -> None:
    with pytest.raises(domxml.ParseError) as caught:
        domxml.from_json('{\n  "network": [,]\n}')
    assert (caught.value.line, caught.value.column) == (2, 15)
    with pytest.raises(domxml.ParseError) as caught:
        domxml.from_yaml("network:\n  name: [a\n")
    assert caught.value.line == 3


def test_yaml_reads_plain_data_only() -> None:
    with pytest.raises(domxml.ParseError):
        domxml.from_yaml("network: !!python/object/apply:os.system ['true']\n")


def test_yaml_booleans_and_hex_integers_read_as_yaml_means_them() -> None:
    model = domxml.from_yaml(
        "hostdev:\n  mode: subsystem\n  type: pci\n  managed: yes\n"
        "  address: {type: pci, bus: 0x1f}\n"
    )
    assert model.managed is True  # type: ignore[attr-defined]
    assert model.address.bus == 31  # type: ignore[attr-defined]
    assert "bus='0x1f'" in domxml.to_xml(model)
