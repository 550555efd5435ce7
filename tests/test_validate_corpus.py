"""``domxml validate`` over libvirt's own test documents, for two libvirt versions.

- With libvirt 11.3.0's schemas, the verdict on every document that
  libvirt's schema test checks is the one MANIFEST.tsv records.
- With libvirt 9.0.0's schemas (Debian 12's), the verdicts equal those of
  lxml's RelaxNG compiled from the same schema files, file for file.
- Every invalid document gets an error at a node, worked out by domxml,
  not libxml2's report on an ancestor.

These are the schema's verdicts: the documents are validated with
``--schema-only`` (libvirt's own refusals beyond the schema are
``test_semantic_cases.py``'s).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from corpus import require_data
from lxml import etree
from validate_support import run, schema_dir, schema_home

from domxml.tools.manifest import CorpusEntry, read_manifest, select

__all__ = ["schema_home"]


@pytest.fixture(scope="module")
def checked() -> list[CorpusEntry]:
    """Every corpus document libvirt's schema test checks (``valid`` or ``invalid``)."""
    return select(read_manifest(require_data()))


def _validate(entries: list[CorpusEntry], version: str) -> dict[str, dict[str, Any]]:
    result = run(
        "validate",
        "--schema-only",
        "--libvirt",
        version,
        "--format",
        "json",
        *(str(e.file) for e in entries),
    )
    assert result.code in (0, 1), result.err
    document = result.json()
    assert document["libvirt"] == version
    return {item["file"]: item for item in document["files"]}


@pytest.fixture(scope="module")
def verdicts_11(schema_home: Path, checked: list[CorpusEntry]) -> dict[str, dict[str, Any]]:
    return _validate(checked, "11.3.0")


@pytest.fixture(scope="module")
def verdicts_9(schema_home: Path, checked: list[CorpusEntry]) -> dict[str, dict[str, Any]]:
    return _validate(checked, "9.0.0")


def test_every_family_is_covered(checked: list[CorpusEntry]) -> None:
    assert len(checked) == 3202
    assert {entry.family for entry in checked} == {
        "domain",
        "domainbackup",
        "domaincaps",
        "domaincheckpoint",
        "domainsnapshot",
        "network",
        "networkport",
        "storagepool",
        "storagevol",
    }


def test_11_3_0_verdicts_are_the_manifests(
    checked: list[CorpusEntry], verdicts_11: dict[str, dict[str, Any]]
) -> None:
    wrong = [
        f"{entry.path}: expected {entry.expected}, got {verdicts_11[str(entry.file)]['status']}"
        for entry in checked
        if verdicts_11[str(entry.file)]["status"] != entry.expected
    ]
    agreed = len(checked) - len(wrong)
    assert not wrong, f"{agreed} of {len(checked)} agree; first mismatches:\n" + "\n".join(
        wrong[:20]
    )


def test_9_0_0_verdicts_are_lxmls(
    checked: list[CorpusEntry], verdicts_9: dict[str, dict[str, Any]]
) -> None:
    schemas: dict[str, etree.RelaxNG] = {}
    wrong = []
    invalid = 0
    for entry in checked:
        if entry.schema not in schemas:
            schemas[entry.schema] = etree.RelaxNG(file=str(schema_dir("9.0.0") / entry.schema))
        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
        valid = schemas[entry.schema].validate(etree.parse(str(entry.file), parser))
        invalid += not valid
        expected = "valid" if valid else "invalid"
        got = verdicts_9[str(entry.file)]["status"]
        if got != expected:
            wrong.append(f"{entry.path}: lxml says {expected}, domxml {got}")
    assert not wrong, "\n".join(wrong[:20])
    # The schema version matters: hundreds of 11.3.0 documents fail 9.0.0's schemas.
    assert invalid > 400


@pytest.mark.parametrize("version", ["11.3.0", "9.0.0"])
def test_every_invalid_document_is_explained_at_a_node(
    request: pytest.FixtureRequest, version: str
) -> None:
    verdicts: dict[str, dict[str, Any]] = request.getfixturevalue(
        "verdicts_11" if version == "11.3.0" else "verdicts_9"
    )
    rules: Counter[str] = Counter()
    unexplained = []
    for name, item in verdicts.items():
        if item["status"] != "invalid":
            assert not item["errors"], name
            continue
        assert item["errors"], f"{name}: invalid without an error"
        for error in item["errors"]:
            rules[error["rule"]] += 1
            if error["rule"] == "schema-violation":
                unexplained.append(f"{name}: {error['message']} {error['hint']}")
            else:
                assert error["line"] and error["column"] and error["path"].startswith("/"), (
                    name,
                    error,
                )
    assert not unexplained, "\n".join(unexplained[:20])
    assert rules, "no invalid document"
