"""XML → JSON → XML and XML → YAML → XML over libvirt's own test documents.

For every well-formed corpus document of the modelled families that
libvirt's schema test checks, both round trips give a document with the
same canonical form as the source: typed values, written forms, unknown
content, comments and namespaces all survive the JSON and YAML forms.
"""

from __future__ import annotations

import pytest
from corpus import CorpusEntry, canonical, corpus_files, is_well_formed, show_diff

import domxml
from domxml.binding import write_document

FAMILIES = ("domain", "domainsnapshot", "network", "storagepool", "storagevol")
ENTRIES = [param for family in FAMILIES for param in corpus_files(family)]


def _read(entry: CorpusEntry) -> bytes:
    data = entry.file.read_bytes()
    if not is_well_formed(data):
        pytest.skip("not well-formed")
    return data


def _assert_same(entry: CorpusEntry, data: bytes, model: domxml.Model, how: str) -> None:
    written = write_document(model, "parsed", verbatim=False)
    expected, actual = canonical(data), canonical(written)
    assert actual == expected, f"{entry.path}: {how} changed the content\n" + show_diff(
        expected, actual, fromfile=entry.path, tofile=how, one_tag_per_line=True
    )


@pytest.mark.parametrize("entry", ENTRIES)
def test_json_round_trip_keeps_content(entry: CorpusEntry) -> None:
    data = _read(entry)
    text = domxml.to_json(domxml.parse(data))
    _assert_same(entry, data, domxml.from_json(text), "XML → JSON → XML")


@pytest.mark.parametrize("entry", ENTRIES)
def test_yaml_round_trip_keeps_content(entry: CorpusEntry) -> None:
    data = _read(entry)
    text = domxml.to_yaml(domxml.parse(data))
    _assert_same(entry, data, domxml.from_yaml(text), "XML → YAML → XML")
