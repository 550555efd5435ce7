"""Large documents are read while they are parsed, into the same models.

``domxml.parse`` reads a document of ``STREAM_MIN_BYTES`` or more with
:mod:`domxml.binding.stream`: each element of a repeated model field of the
root's children is read when its end tag is parsed, and its subtree
cleared. These tests lower the threshold to read small documents that way
too, and compare with reading them whole.
"""

from __future__ import annotations

from typing import Any

import pytest
from corpus import well_formed_documents

import domxml
from domxml.binding import document, stream, write_document
from domxml.errors import DomxmlError, ParseError
from domxml.models.domain import Disk, DiskTarget, FileDiskSource

WHOLE = 1 << 40


def _both(data: bytes, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, Any]:
    """The document read whole and read while parsed."""
    monkeypatch.setattr(document, "STREAM_MIN_BYTES", WHOLE)
    whole = domxml.parse(data)
    monkeypatch.setattr(document, "STREAM_MIN_BYTES", 0)
    streamed = domxml.parse(data)
    return whole, streamed


def _same(whole: Any, streamed: Any) -> list[str]:
    """What differs between two readings of one document, by the ways it can be written."""
    differs = []
    if domxml.to_xml(whole) != domxml.to_xml(streamed):
        differs.append("verbatim")
    if write_document(whole, "parsed", verbatim=False) != write_document(
        streamed, "parsed", verbatim=False
    ):
        differs.append("every model written")
    if domxml.to_json(whole) != domxml.to_json(streamed):
        differs.append("JSON")
    return differs


def test_every_corpus_document_reads_the_same_streamed(monkeypatch: pytest.MonkeyPatch) -> None:
    read = 0
    differing = []
    for name, data in well_formed_documents():
        try:
            whole, streamed = _both(data, monkeypatch)
        except DomxmlError:
            continue  # no model for its root: neither way reads it
        read += 1
        differs = _same(whole, streamed)
        if differs:
            differing.append(f"{name}: {', '.join(differs)}")
    assert read > 3000
    assert not differing, "\n".join(differing)


def _domain(disks: int, between: str = "\n    ") -> bytes:
    parts = [
        "<domain type='kvm'>\n  <name>d</name>\n  <memory unit='KiB'>1024</memory>\n",
        "  <os><type>hvm</type></os>\n  <devices>",
    ]
    for i in range(disks):
        parts.append(
            f"{between}<disk type='file' device='disk'><driver name='qemu'/>"
            f"<source file='/i/{i}.img'/><target dev='vd{i}' bus='virtio'/></disk>"
        )
    parts.append("\n  </devices>\n</domain>\n")
    return "".join(parts).encode()


def test_repeated_fields_at_any_depth_are_read_early() -> None:
    # A network's DHCP hosts are three levels down; a domain's disks two,
    # and a network disk's hosts inside each disk.
    hosts = "".join(
        f"<host mac='52:54:00:00:{i // 256:02x}:{i % 256:02x}' ip='10.0.{i // 256}.{i % 256}'/>"
        for i in range(2, 500)
    )
    network = (
        "<network><name>n</name><ip address='10.0.0.1' netmask='255.255.0.0'>"
        f"<dhcp><range start='10.0.9.1' end='10.0.9.9'/>{hosts}</dhcp></ip></network>"
    ).encode()
    root, context = stream.parse_streamed(network, None, document._streamed_root)
    assert context.prebound is not None and len(context.prebound) == 500  # hosts, range, ip
    assert all(len(host.attrib) == 0 for host in root.iter("host"))
    model: Any = document.bind(document._model_of_root(root, None), root, network, None, context)
    assert stream.all_taken(context)
    assert str(model.ips[0].dhcp.hosts[497].ip) == "10.0.1.243"
    assert domxml.to_xml(model).encode() == network
    rbd = _domain(3).replace(
        b"<disk type='file' device='disk'><driver name='qemu'/><source file='/i/1.img'/>",
        b"<disk type='network' device='disk'><driver name='qemu'/><source protocol='rbd'"
        b" name='p/i'><host name='a' port='1'/><host name='b' port='2'/></source>",
    )
    root, context = stream.parse_streamed(rbd, None, document._streamed_root)
    assert context.prebound is not None and len(context.prebound) == 5  # 3 disks, 2 hosts
    model = document.bind(document._model_of_root(root, None), root, rbd, None, context)
    assert stream.all_taken(context)
    assert [h.name for h in model.devices.disks[1].source.hosts] == ["a", "b"]
    assert domxml.to_xml(model).encode() == rbd


def test_a_large_document_is_read_while_parsed() -> None:
    data = _domain(5000)
    assert len(data) >= stream.STREAM_MIN_BYTES // 2
    root, context = stream.parse_streamed(data, None, document._streamed_root)
    devices = root.find("devices")
    assert devices is not None and len(devices) == 5000
    # Each disk's subtree is gone from the tree; its model waits for <devices>.
    assert all(len(disk) == 0 and not disk.attrib for disk in devices)
    assert context.prebound is not None and len(context.prebound) == 5000
    model: Any = document.bind(document._model_of_root(root, None), root, data, None, context)
    assert stream.all_taken(context)
    assert len(model.devices.disks) == 5000
    assert model.devices.disks[4321].source.file == "/i/4321.img"
    assert domxml.to_xml(model).encode() == data


def test_a_streamed_document_edits_like_one_read_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    data = _domain(300)
    texts = []
    for threshold in (WHOLE, 0):
        monkeypatch.setattr(document, "STREAM_MIN_BYTES", threshold)
        model: Any = domxml.parse(data)
        model.devices.disks[150].target.dev = "vdzz"
        model.devices.disks.append(
            Disk(type="file", source=FileDiskSource(file="/new.img"), target=DiskTarget(dev="vdn"))
        )
        texts.append(domxml.to_xml(model))
    assert texts[0] == texts[1]
    changed = [line for line in texts[1].splitlines() if "vdzz" in line]
    assert len(changed) == 1 and "/i/150.img" in changed[0]


@pytest.mark.parametrize(
    "data",
    [
        # Text between the disks: <devices> is read as mixed content.
        _domain(3, between="x"),
        # Text after the second disk only: mixed content found halfway,
        # after two disks were taken.
        _domain(4).replace(b"vd1' bus='virtio'/></disk>", b"vd1' bus='virtio'/></disk>text"),
        # Comments and a processing instruction between and inside disks.
        _domain(2, between="<!-- a disk --><?pi x?>").replace(
            b"<driver", b"<!-- its driver --><driver"
        ),
        # A second <devices>: kept as lxml's element, whole, after the first.
        _domain(2).replace(
            b"</devices>",
            b"</devices><devices><disk type='file'><target dev='vdq'/></disk></devices>",
        ),
        # An element no model knows among the disks, with a disk-like child.
        _domain(2).replace(b"<devices>", b"<devices><mystery><disk type='x'/></mystery>"),
        # Namespaces declared on the root and used inside a disk.
        _domain(2)
        .replace(b"<domain ", b"<domain xmlns:q='urn:q' ")
        .replace(b"<driver ", b"<q:extra a='1'/><driver q:b='2' "),
    ],
    ids=["mixed", "mixed-halfway", "comments", "second-devices", "unknown", "namespaces"],
)
def test_unusual_shapes_read_the_same_streamed(
    data: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    whole, streamed = _both(data, monkeypatch)
    assert _same(whole, streamed) == []
    assert domxml.to_xml(streamed).encode() == data


def test_streamed_errors_name_the_line(monkeypatch: pytest.MonkeyPatch) -> None:
    broken = _domain(20).replace(b"vd7'", b"vd7")  # the disk on line 13
    for threshold in (WHOLE, 0):
        monkeypatch.setattr(document, "STREAM_MIN_BYTES", threshold)
        with pytest.raises(ParseError) as caught:
            domxml.parse(broken)
        assert (caught.value.line, caught.value.column) == (13, 105)
    with pytest.raises(ParseError, match="DOCTYPE"):
        domxml.parse(b"<!DOCTYPE domain [<!ENTITY x 'y'>]>" + _domain(2))


HOSTILE = [
    # Entities are refused unexpanded, the external one unread.
    b"<!DOCTYPE domain [<!ENTITY a 'aaaaaaaaaa'><!ENTITY b '&a;&a;&a;&a;&a;&a;&a;&a;'>]>"
    b"<domain><name>&b;</name></domain>",
    b"<!DOCTYPE domain [<!ENTITY e SYSTEM 'file:///etc/passwd'>]><domain><name>&e;</name></domain>",
    # Nesting deeper than libxml2's limit: its error, not a RecursionError.
    b"<domain><devices><disk>" + b"<a>" * 300 + b"</a>" * 300 + b"</disk></devices></domain>",
]


@pytest.mark.parametrize("data", HOSTILE, ids=["entities", "external-entity", "deep"])
def test_hostile_documents_are_refused_streamed(
    data: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(document, "STREAM_MIN_BYTES", 0)
    with pytest.raises(ParseError) as caught:
        domxml.parse(data)
    assert "aaaaaaaaaaaaaaaaaaaa" not in str(caught.value) and "root:" not in str(caught.value)
