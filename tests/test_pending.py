"""A parsed document's child models are read when the program first reaches them.

``domxml.parse`` reads the root element; each child element of a model
field stays pending until the field is first read (see
:mod:`domxml.binding.pending`), and the writer writes an element nothing
reached from lxml's element (:mod:`domxml.binding.pending_writer`). These
tests compare with reading every element at once.
"""

from __future__ import annotations

import copy
import pickle
import threading
from typing import Any

import pytest
from corpus import well_formed_documents

import domxml
from domxml.binding import write_document
from domxml.binding.node import mark, node_of
from domxml.binding.reflect import as_variant
from domxml.errors import DomxmlError
from domxml.models.domain import Devices, Disk, DiskTarget
from domxml.models.domain.devices.filesystem import MountFilesystem


def _eager(data: bytes) -> Any:
    """The document with every element read at once."""
    return domxml.parse(data, lazy=False)


def _written(model: Any) -> dict[str, str]:
    return {
        "verbatim": domxml.to_xml(model),
        "every model written": write_document(model, "parsed", verbatim=False),
        "libvirt's form": write_document(model, "libvirt"),
    }


def _differences(data: bytes) -> list[str]:
    """How the lazily read document differs from the one read at once, by what it writes."""
    lazy, eager = domxml.parse(data), _eager(data)
    differs = [k for k, v in _written(lazy).items() if v != _written(eager)[k]]
    lazy, eager = domxml.parse(data), _eager(data)
    if domxml.to_json(lazy) != domxml.to_json(eager):
        differs.append("JSON")
    lazy, eager = domxml.parse(data), _eager(data)
    # The root changed: its pending children are read to write it from its fields.
    mark(node_of(lazy))
    mark(node_of(eager))
    differs += [f"{k}, root changed" for k, v in _written(lazy).items() if v != _written(eager)[k]]
    # lxml's elements (unknown content, <metadata>) are equal only to themselves.
    if _eager(data) == _eager(data) and domxml.parse(data) != _eager(data):
        differs.append("equality")
    return differs


def test_every_corpus_document_reads_the_same_lazily() -> None:
    read = 0
    differing = []
    for name, data in well_formed_documents():
        try:
            differs = _differences(data)
        except DomxmlError:
            continue  # no model for its root: neither way reads it
        read += 1
        if differs:
            differing.append(f"{name}: {', '.join(differs)}")
    assert read > 3000
    assert not differing, "\n".join(differing)


DOMAIN = b"""<domain type='kvm'>
  <name>d</name>
  <memory unit='KiB'>1024</memory>
  <os>
    <type arch='x86_64'>hvm</type>
  </os>
  <devices>
    <disk type='file' device='disk'>
      <source file='/i/a.img'/>
      <target dev='vda' bus='virtio'/>
    </disk>
    <disk type='file' device='disk'>
      <source file='/i/b.img'/>
      <target dev='vdb' bus='virtio'/>
    </disk>
    <interface type='network'>
      <source network='default'/>
    </interface>
  </devices>
</domain>
"""


def test_only_what_the_program_reaches_is_read() -> None:
    dom = domxml.parse(DOMAIN)
    pending = dom._pending
    assert pending is not None and set(pending.fields) == {"memory", "os", "devices"}
    assert dom.name == "d"  # a leaf of the root: read with it
    assert not pending.done
    devices = dom.devices
    assert isinstance(devices, Devices) and dom.devices is devices
    assert set(pending.done) == {"devices"}
    inner = devices._pending
    assert inner is not None and set(inner.fields) == {"disks", "interfaces"}
    assert devices.disks[1].target.dev == "vdb"
    assert set(inner.done) == {"disks"}  # not the interfaces
    assert node_of(devices.disks[1]).pos == 9  # its index among the document's elements
    assert node_of(devices.disks[1]).parent is node_of(devices)


# Small documents whose pending elements the pending writer may not write
# itself, or writes by the readers' rules: each reads and writes the same
# lazily as at once.
SHAPES = {
    "mixed content": b"<domain type='kvm'><name>d</name><os>text<type>hvm</type>x</os></domain>",
    "xml:lang": b"<domain type='kvm'><os xml:lang='en'><type>hvm</type></os></domain>",
    # The second is kept as it is: its children keep their source spacing.
    "a second single child": (
        b"<domain type='kvm'><os><firmware><feature enabled='no' name='a'/></firmware>"
        b"<firmware><feature enabled='no' name='b'/></firmware></os></domain>"
    ),
    "a refused leaf": (
        b"<domain type='kvm'><name>d</name><blkiotune><weight>heavy</weight></blkiotune></domain>"
    ),
    "comments and an unknown element": (
        b"<domain type='kvm'><name>d</name><devices>\n<!-- c -->\n<frob a='1'>x</frob>\n"
        b"<disk type='file'><?pi x?><target dev='vda'/></disk></devices></domain>"
    ),
    "odd spacing and escapes": (
        b"<domain type='kvm'>\n\t<name>d</name>\n\t<devices>\n\t\t<disk type=\"file\">"
        b'<source file="/a\'b&amp;c"/>\n\t\t</disk>   </devices></domain>'
    ),
    "whitespace only": b"<domain type='kvm'><name>d</name><devices>  </devices></domain>",
    "an empty pair": b"<domain type='kvm'><name>d</name><devices></devices></domain>",
    "a namespace": (
        b"<domain type='kvm' xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'>"
        b"<name>d</name><devices><disk type='file'><target dev='vda'/></disk></devices>"
        b"<qemu:commandline><qemu:arg value='-x'/></qemu:commandline></domain>"
    ),
    "capabilities' blank lines": (
        b"<capabilities><host><uuid>0</uuid><cpu><arch>x86_64</arch></cpu></host>"
        b"<guest><os_type>hvm</os_type><arch name='x86_64'><wordsize>64</wordsize></arch>"
        b"</guest></capabilities>"
    ),
}


@pytest.mark.parametrize("data", list(SHAPES.values()), ids=list(SHAPES))
def test_unusual_shapes_read_the_same_lazily(data: bytes) -> None:
    assert _differences(data) == []


def test_threads_reading_one_field_get_one_model() -> None:
    dom = domxml.parse(DOMAIN)
    seen: list[Any] = []
    start = threading.Barrier(8)

    def reach() -> None:
        start.wait()
        seen.append(dom.devices)

    threads = [threading.Thread(target=reach) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(seen) == 8 and all(d is dom.devices for d in seen)


def test_a_field_set_before_it_is_read_keeps_what_was_set() -> None:
    dom = domxml.parse(DOMAIN)
    dom.devices = Devices(disks=[Disk(type="file", target=DiskTarget(dev="vdz"))])
    assert len(dom.devices.disks) == 1
    assert "vda" not in domxml.to_xml(dom)
    assert "vda" not in domxml.to_json(dom)  # reading every field left the set one alone


def test_copies_and_pickles_of_an_unread_document_hold_everything() -> None:
    for copied in (
        pickle.loads(pickle.dumps(domxml.parse(DOMAIN))),
        copy.deepcopy(domxml.parse(DOMAIN)),
        copy.copy(domxml.parse(DOMAIN)),
    ):
        assert copied == _eager(DOMAIN)
        assert domxml.to_xml(copied) == DOMAIN.decode()
        assert write_document(copied, verbatim=False) == write_document(
            _eager(DOMAIN), verbatim=False
        )


def test_an_edit_deep_in_an_unread_document_changes_its_line() -> None:
    dom = domxml.parse(DOMAIN)
    dom.devices.disks[1].target.dev = "vdc"
    before, after = DOMAIN.decode().splitlines(), domxml.to_xml(dom).splitlines()
    assert [(a, b) for a, b in zip(before, after, strict=True) if a != b] == [
        ("      <target dev='vdb' bus='virtio'/>", "      <target dev='vdc' bus='virtio'/>")
    ]


def test_lazy_false_reads_every_element_now() -> None:
    dom = domxml.parse(DOMAIN, lazy=False)
    assert dom._pending is None
    assert "devices" in vars(dom) and dom.devices._pending is None
    assert domxml.to_xml(dom) == DOMAIN.decode()


def test_a_view_as_a_variant_holds_the_unread_children() -> None:
    dom = domxml.parse(
        b"<domain type='kvm'><devices><filesystem><source dir='/a'/><target dir='t'/>"
        b"<readonly/></filesystem></devices></domain>"
    )
    fs = dom.devices.filesystems[0]
    assert fs._pending is not None and "readonly" in fs._pending.fields
    view = as_variant(fs, MountFilesystem)  # as the semantic diff sees it
    assert view.readonly is not None and view.target.dir == "t"
