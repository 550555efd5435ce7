"""The exported schemas and the JSON/YAML form, for the new kinds.

Every valid corpus document of the new kinds converts to JSON and YAML
and back to the same model, its JSON form meets the bundled JSON Schema,
and the bundled XSD accepts its XML (single devices, which have no export,
only convert). ``--type`` exports each kind alone.
"""

from __future__ import annotations

import json
from functools import cache

import jsonschema
import pytest
import xmlschema
from corpus import is_well_formed
from kinds_support import FAMILIES, entries

import domxml
from domxml.convert import from_json, from_yaml, to_data, to_json, to_yaml
from domxml.convert.schemas import TYPES, json_schema_of
from domxml.tools.bundle_schemas import SCHEMAS_DIR

NEW_TYPES = [
    kind for kind in TYPES if kind not in ("domain", "network", "pool", "volume", "snapshot")
]


@cache
def _json_validator() -> jsonschema.Draft202012Validator:
    schema = json.loads((SCHEMAS_DIR / "json" / "domxml.schema.json").read_text("utf-8"))
    return jsonschema.Draft202012Validator(schema)


@cache
def _xsd() -> xmlschema.XMLSchema11:
    return xmlschema.XMLSchema11(str(SCHEMAS_DIR / "xsd" / "domxml.xsd"))


@pytest.mark.parametrize("kind", NEW_TYPES)
def test_each_kind_exports_a_valid_json_schema(kind: str) -> None:
    schema = json_schema_of(kind)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert list(schema["properties"]) == [TYPES[kind]]


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_documents_convert_and_meet_the_exported_schemas(
    family: str, capsys: pytest.CaptureFixture[str]
) -> None:
    checked = 0
    failures: list[str] = []
    for entry in entries(family, ("valid",)):
        data = entry.file.read_bytes()
        if not is_well_formed(data):
            continue
        checked += 1
        model = domxml.parse(data)
        if from_json(to_json(model)) != model or from_yaml(to_yaml(model)) != model:
            failures.append(f"{entry.path}: not the same model back from JSON or YAML")
        if not FAMILIES[family].exported:
            continue
        json_error = next(iter(_json_validator().iter_errors(to_data(model))), None)
        if json_error is not None:
            failures.append(f"{entry.path}: JSON Schema: {json_error.message[:200]}")
        xsd_error = next(iter(_xsd().iter_errors(data.decode("utf-8"))), None)
        if xsd_error is not None:
            failures.append(f"{entry.path}: XSD: {xsd_error.path}: {xsd_error.reason}")
    with capsys.disabled():
        exported = FAMILIES[family].exported
        through = "JSON, YAML, JSON Schema and XSD" if exported else "JSON and YAML (no export)"
        print(f"\n{family}: {checked} valid documents through {through}")
    assert checked > 0
    assert failures == [], "\n".join(failures[:10])
