"""The JSON Schema and the XSD exported from the models.

- The bundled schemas in ``schemas/`` are what the models give now.
- The JSON Schema is a valid 2020-12 schema; every corpus document's JSON
  form validates against it; a misspelled field, a bad enumeration value,
  a missing required field or a value of the wrong type is rejected, at
  the field.
- The XSD loads in ``xmlschema`` (XSD 1.1) and accepts at least 99% of the
  corpus documents libvirt's RELAX NG schemas accept; the share is printed
  and the rest listed with the reason. It rejects what the models reject.
"""

from __future__ import annotations

import copy
import json
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import xmlschema
from corpus import CorpusEntry, corpus_files, is_well_formed

import domxml
from domxml.convert import to_data
from domxml.convert.schemas import TYPES, json_schema_of, xsd_of
from domxml.tools.bundle_schemas import SCHEMAS_DIR, stale
from domxml.tools.manifest import read_manifest, select

FAMILIES = ("domain", "domainsnapshot", "network", "storagepool", "storagevol")
EXAMPLES = Path(domxml.__file__).parent / "examples"
BUNDLED_JSON = SCHEMAS_DIR / "json" / "domxml.schema.json"
BUNDLED_XSD = SCHEMAS_DIR / "xsd" / "domxml.xsd"
MIN_XSD_SHARE = 0.99


def test_bundled_schemas_are_up_to_date() -> None:
    names = stale()
    assert names == [], (
        "schemas/ differs from what the models give: run"
        " `python -m domxml.tools.bundle_schemas` and commit the result\n  " + "\n  ".join(names)
    )


# --- JSON Schema ------------------------------------------------------------


@cache
def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(BUNDLED_JSON.read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def errors(document: Any) -> list[jsonschema.ValidationError]:
    return sorted(validator().iter_errors(document), key=lambda e: list(e.absolute_path))


@pytest.mark.parametrize("kind", [None, *TYPES])
def test_json_schema_is_a_valid_2020_12_schema(kind: str | None) -> None:
    jsonschema.Draft202012Validator.check_schema(json_schema_of(kind))


@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.xml")), ids=lambda p: p.name)
def test_each_type_schema_accepts_its_example(example: Path) -> None:
    model = domxml.parse(example)
    kind = next(k for k, root in TYPES.items() if root == model.__domxml__.tag)
    jsonschema.validate(to_data(model), json_schema_of(kind), jsonschema.Draft202012Validator)


@pytest.mark.parametrize("entry", [param for family in FAMILIES for param in corpus_files(family)])
def test_corpus_json_validates(entry: CorpusEntry) -> None:
    data = entry.file.read_bytes()
    if not is_well_formed(data):
        pytest.skip("not well-formed")
    found = errors(to_data(domxml.parse(data)))
    if found and entry.expected == "invalid":
        # libvirt's schema rejects it too: the exported schema may say why
        return
    assert found == [], f"{entry.path}:\n" + "\n".join(
        f"  /{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in found
    )


def _network() -> dict[str, Any]:
    return to_data(domxml.parse(EXAMPLES / "network-nat.xml"))


def _best(document: Any) -> jsonschema.ValidationError:
    error = jsonschema.exceptions.best_match(validator().iter_errors(document))
    assert error is not None, "the schema accepted it"
    return error


def test_misspelled_field_is_rejected() -> None:
    document = _network()
    document["network"]["bridge"]["stpp"] = document["network"]["bridge"].pop("stp")
    error = _best(document)
    assert list(error.absolute_path) == ["network", "bridge"]
    assert "'stpp' was unexpected" in error.message


def test_bad_enum_value_is_rejected() -> None:
    document = _network()
    document["network"]["forward"]["mode"] = "natt"
    error = _best(document)
    assert list(error.absolute_path) == ["network", "forward", "mode"]
    assert "'natt' is not one of" in error.message


def test_missing_required_field_is_rejected() -> None:
    document = _network()
    del document["network"]["name"]
    error = _best(document)
    assert "'name' is a required property" in error.message


def test_wrong_type_is_rejected() -> None:
    document = _network()
    document["network"]["bridge"]["stp"] = "on"  # a boolean in the JSON form
    error = _best(document)
    assert list(error.absolute_path) == ["network", "bridge", "stp"]


def test_variant_fields_are_checked_against_their_variant() -> None:
    document = to_data(domxml.parse(EXAMPLES / "domain-q35-uefi.xml"))
    assert errors(document) == []
    interface = document["domain"]["devices"]["interfaces"][0]
    assert interface["type"] == "network"
    broken = copy.deepcopy(document)
    broken["domain"]["devices"]["interfaces"][0]["source"]["dev"] = "eth0"  # a direct one's
    assert errors(broken) != []
    # Another type is checked against its own variant: a vdpa one needs its source.
    other = copy.deepcopy(document)
    vdpa = {"type": "vdpa", "model": {"type": "virtio"}}
    other["domain"]["devices"]["interfaces"][0] = vdpa
    assert errors(other) != []
    vdpa["source"] = {"dev": "/dev/vhost-vdpa-0"}
    assert errors(other) == []


def test_a_document_has_one_root() -> None:
    document = _network()
    document["pool"] = {"type": "dir", "name": "x"}
    assert errors(document) != []
    assert errors({"nework": {}}) != []


# --- XSD ---------------------------------------------------------------------


@cache
def xsd() -> xmlschema.XMLSchema11:
    return xmlschema.XMLSchema11(str(BUNDLED_XSD))


def test_xsd_loads_in_xmlschema() -> None:
    schema = xsd()
    assert {"domain", "network", "pool", "volume", "domainsnapshot"} <= set(schema.elements)


def test_xsd_of_one_type_loads(tmp_path: Path) -> None:
    for name, text in xsd_of("network", "network.xsd").items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    schema = xmlschema.XMLSchema11(str(tmp_path / "network.xsd"))
    assert schema.is_valid(str(EXAMPLES / "network-nat.xml"))


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (("bus='virtio'", "bus='virtioo'"), "value must be one of"),
        (("<vcpu placement='static'>2</vcpu>", "<vcpux/>"), "Unexpected child"),
        (("type='kvm'", "type='kvm' color='red'"), "'color' attribute not allowed"),
        (("<vcpu placement='static'>2</vcpu>", "<vcpu>two</vcpu>"), "doesn't match any pattern"),
        (("<address type='pci'", "<address type='pci' target='1'"), "not allowed"),
    ],
    ids=["enum", "element", "attribute", "integer", "variant"],
)
def test_xsd_rejects_what_the_models_do_not_read(change: tuple[str, str], reason: str) -> None:
    source = (EXAMPLES / "domain-q35-uefi.xml").read_text(encoding="utf-8")
    if change[0] not in source:  # the example has no address: add one
        source = source.replace(
            "</devices>",
            "<controller type='pci' index='0' model='pcie-root'><address type='pci'"
            " bus='0x00'/></controller></devices>",
        )
    assert xsd().is_valid(source)
    broken = source.replace(*change, 1)
    assert broken != source
    found = [e.reason or str(e) for e in xsd().iter_errors(broken)]
    assert found and reason in found[0], found


def test_xsd_accepts_what_libvirt_accepts(
    corpus_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    schema = xsd()
    entries = select(read_manifest(corpus_dir), list(FAMILIES), ("valid",))
    checked = 0
    rejected: list[str] = []
    for entry in entries:
        data = entry.file.read_bytes()
        if not is_well_formed(data):
            continue
        checked += 1
        error = next(iter(schema.iter_errors(data.decode("utf-8"))), None)
        if error is not None:
            rejected.append(f"{entry.path}: {error.path}: {error.reason}")
    share = (checked - len(rejected)) / checked
    with capsys.disabled():
        print(
            f"\nXSD: {checked - len(rejected)} of {checked} RNG-valid corpus documents"
            f" accepted ({share:.2%}); rejected:\n  " + "\n  ".join(rejected)
        )
    assert share >= MIN_XSD_SHARE, "\n".join(rejected)
