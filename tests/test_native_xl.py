"""Xen ``xl.cfg`` files ↔ domain XML: what libvirt's cases do not show (see test_native_xen.py)."""

from __future__ import annotations

import pytest

import domxml
from domxml.errors import NativeConfigError
from domxml.models.domain import BlockDisk, DiskBus, Domain, NetworkDisk
from domxml.native import xl


def test_xl_disk_strings_positional_and_keyed() -> None:
    domain, warnings = xl.read(
        'name = "vm"\n'
        'builder = "hvm"\n'
        'disk = [ "/dev/vg/vm,raw,hda,w,backendtype=phy",'
        ' "format=raw,vdev=hdb,access=rw,backendtype=qdisk,'
        'target=rbd:pool/image:auth_supported=none:mon_host=mon1\\\\:6789" ]\n'
    )
    assert domain.devices is not None
    first, second = domain.devices.disks
    assert isinstance(first, BlockDisk)
    assert first.source is not None and first.source.dev == "/dev/vg/vm"
    assert first.target is not None and first.target.bus is DiskBus.IDE
    assert isinstance(second, NetworkDisk)
    assert second.source is not None and second.source.name == "pool/image"
    assert [(h.name, h.port) for h in second.source.hosts] == [("mon1", 6789)]
    assert warnings == []


def test_xl_warns_of_every_key_it_does_not_map() -> None:
    _, warnings = xl.read('name = "vm"\nmemory = 512\nvif_rate_limit = 5\nsdl = 0\n')
    assert [(w.key, w.line) for w in warnings] == [("vif_rate_limit", 3), ("sdl", 4)]


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ('name = "vm"\nmemory = [ 1,\n', 2, "list is not closed"),
        ('name = "vm"\nmemory = "lots"\n', 2, "'memory' must be a number"),
        ('name = "vm"\non_crash = "explode"\n', 2, "on_crash"),
        ('name = "vm"\nbuilder = "hvm"\ndisk = [ "format=vmdk,vdev=hda" ]\n', 3, "format"),
        ('name = "vm"\ncpuid = "guest,sse3=1"\n', 2, "host"),
        ("memory = 512\n", None, "name"),
    ],
)
def test_xl_errors_name_the_line(text: str, line: int | None, words: str) -> None:
    with pytest.raises(NativeConfigError) as caught:
        xl.read(text, filename="vm.cfg")
    assert caught.value.line == line
    assert words in caught.value.message


def test_xl_writer_warns_of_what_it_leaves_out() -> None:
    domain = domxml.parse(
        "<domain type='xen'><name>vm</name><memory>524288</memory>"
        "<os><type>hvm</type></os><devices>"
        "<watchdog model='i6300esb'/><rng model='virtio'><backend model='random'/></rng>"
        "</devices><seclabel type='none'/></domain>"
    )
    assert isinstance(domain, Domain)
    text, warnings = xl.write(domain)
    assert 'builder = "hvm"' in text
    keys = {w.key for w in warnings}
    assert {"seclabels", "devices/watchdogs", "devices/rngs"} <= keys
