"""domxml against libvirt's own test documents.

Every well-formed document of the modelled families that libvirt's schema
test checks must come back from ``to_xml(parse(f))`` with the same canonical
form; the small families must be fully typed; and the files libvirt's
formatter wrote must come back byte for byte with ``style="libvirt"``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from corpus import CorpusEntry, canonical, corpus_files, is_well_formed, show_diff

import domxml
from domxml.binding import Model, write_document
from domxml.binding.declare import Kind
from domxml.binding.node import Node, node_of
from domxml.binding.spec import spec_of

ROUND_TRIP_FAMILIES = ("domain", "domainsnapshot", "network", "storagepool", "storagevol")
FULLY_TYPED_FAMILIES = ("network", "storagepool", "storagevol")
LIBVIRT_FORMATTED = (
    ("network", "networkxml2xmlout"),
    ("storagepool", "storagepoolxml2xmlout"),
    ("storagevol", "storagevolxml2xmlout"),
)

# A snapshot embeds a whole domain; that part is the domain model's business.
EMBEDDED_DOMAIN = re.compile(
    r"^/domainsnapshot(\[1\])?/(domain|inactiveDomain)(\[\d+\])?([/@\[]|$)"
)


def _read(entry: CorpusEntry) -> bytes:
    data = entry.file.read_bytes()
    if not is_well_formed(data):
        pytest.skip("not well-formed")
    return data


@pytest.mark.parametrize(
    "entry", [param for family in ROUND_TRIP_FAMILIES for param in corpus_files(family)]
)
def test_round_trip_keeps_content(entry: CorpusEntry) -> None:
    data = _read(entry)
    model = domxml.parse(entry.file)
    # Unchanged, a parsed document is written back exactly as it was...
    assert domxml.to_xml(model).encode("utf-8") == data
    # ...and writing every model from scratch gives the same content.
    written = write_document(model, "parsed", verbatim=False)
    expected, actual = canonical(data), canonical(written)
    assert actual == expected, f"{entry.path}: canonical forms differ\n" + show_diff(
        expected, actual, fromfile=entry.path, tofile="to_xml(parse(f))", one_tag_per_line=True
    )
    # An element the program did not change is written from the source texts
    # its node kept; one it changed, from its typed values: the same text.
    for node in _nodes(model):
        node.dirty = True
    assert write_document(model, "parsed", verbatim=False) == written, entry.path
    if entry.formatter_written:
        # libvirt's own layout survives being written from the models.
        assert written.encode("utf-8") == data, f"{entry.path}: not byte-identical\n" + show_diff(
            data, written, fromfile=entry.path, tofile="to_xml(parse(f))"
        )


def _nodes(model: Model) -> Iterator[Node]:
    """The source bookkeeping of ``model`` and of every model in it."""
    stack = [model]
    while stack:
        obj = stack.pop()
        node = node_of(obj)
        if node is not None:
            yield node
        for f in spec_of(type(obj)).elem_list:
            value = getattr(obj, f.py)
            if f.kind is Kind.CHILD and value is not None:
                stack.extend(value if f.many else (value,))


@pytest.mark.parametrize(
    "entry", [param for family in FULLY_TYPED_FAMILIES for param in corpus_files(family)]
)
def test_everything_is_typed(entry: CorpusEntry) -> None:
    _read(entry)
    locations = domxml.untyped(domxml.parse(entry.file))
    assert locations == [], f"{entry.path}: untyped:\n  " + "\n  ".join(locations)


@pytest.mark.parametrize("entry", corpus_files("domainsnapshot"))
def test_snapshot_is_typed_outside_embedded_domain(entry: CorpusEntry) -> None:
    _read(entry)
    locations = domxml.untyped(domxml.parse(entry.file))
    outside = [location for location in locations if not EMBEDDED_DOMAIN.match(location)]
    assert outside == [], f"{entry.path}: untyped:\n  " + "\n  ".join(outside)


@pytest.mark.parametrize(
    "entry",
    [
        *(
            param
            for family, folder in LIBVIRT_FORMATTED
            for param in corpus_files(family, folder=folder)
        ),
        *(
            param
            for family in ("domain", "domainsnapshot")
            for param in corpus_files(family)
            if getattr(param.values[0], "formatter_written", True)  # True: the "missing" param
        ),
    ],
)
def test_libvirt_style_matches_libvirt_output(entry: CorpusEntry) -> None:
    data = _read(entry)
    written = domxml.to_xml(domxml.parse(entry.file), style="libvirt")
    assert written.encode("utf-8") == data, f"{entry.path}: differs from libvirt\n" + show_diff(
        data, written, fromfile=entry.path, tofile='to_xml(parse(f), style="libvirt")'
    )


def test_generated_readers_agree_with_the_table_driven_reader() -> None:
    """The per-class generated readers are a speed-up of ``read_generic``, nothing more."""
    from domxml.binding.compiled import reader_for
    from domxml.binding.reader import ReadContext, read
    from domxml.safe_xml import parse_tree

    checked, differing = 0, []
    for family in ROUND_TRIP_FAMILIES:
        for param in corpus_files(family):
            entry = param.values[0]
            if entry is None:
                pytest.skip("corpus missing")
            data = entry.file.read_bytes()
            root = parse_tree(data)
            cls = type(domxml.parse(data))
            generic = read(cls, root, ReadContext(True))
            generated = reader_for(cls)(root, ReadContext(True), None)
            checked += 1
            if generic != generated or write_document(generic, verbatim=False) != write_document(
                generated, verbatim=False
            ):
                differing.append(entry.path)
    assert checked > 3000
    assert differing == []
