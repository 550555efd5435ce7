"""Xen ``xm`` files ↔ domain XML: what libvirt's cases do not show (see test_native_xen.py)."""

from __future__ import annotations

import pytest

from domxml.errors import NativeConfigError
from domxml.models.domain import BlockDisk, DiskBus, DiskDevice, StorageFormat
from domxml.native import xm


def test_xm_disk_strings() -> None:
    domain, warnings = xm.read(
        'name = "vm"\n'
        'builder = "hvm"\n'
        'kernel = "/usr/lib/xen/boot/hvmloader"\n'
        'disk = [ "phy:/dev/vg/vm,ioemu:hda,w", "tap:qcow2:/img/vm.qcow2,hdb,r",'
        ' ",hdc:cdrom,r" ]\n'
    )
    assert domain.devices is not None
    first, second, third = domain.devices.disks
    assert isinstance(first, BlockDisk) and first.target is not None
    assert first.target.dev == "hda" and first.target.bus is DiskBus.IDE
    assert second.driver is not None and second.driver.name == "tap"
    assert second.driver.type is StorageFormat.QCOW2
    assert second.readonly is not None
    assert third.device is DiskDevice.CDROM and third.source is None
    assert warnings == []


def test_xm_refuses_several_serial_ports() -> None:
    text = 'name = "vm"\nbuilder = "hvm"\nkernel = "/k"\nserial = [ "pty", "pty" ]\n'
    with pytest.raises(NativeConfigError) as caught:
        xm.read(text)
    assert caught.value.line == 4
    assert "xm" in caught.value.message


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ('name = "vm"\nmemory = [ 1,\n', 2, "list is not closed"),
        ('name = "vm"\nvcpus = "two"\n', 2, "'vcpus' must be a number"),
        ('name = "vm"\nbuilder = "hvm"\n', None, "kernel"),
        ('name = "vm"\ndisk = "phy:/dev/x,xvda,w"\n', 2, "disk"),
    ],
)
def test_xm_errors_name_the_line(text: str, line: int | None, words: str) -> None:
    with pytest.raises(NativeConfigError) as caught:
        xm.read(text, filename="vm.cfg")
    assert caught.value.line == line
    assert words in caught.value.message
