"""The Python API's errors: enumerated fields, paths of write errors, validate(model), ''."""

from __future__ import annotations

from pathlib import Path

import pytest
from validate_support import schema_home

import domxml
from domxml.binding import write_model
from domxml.models.domain import DiskBus, DiskTarget

DOMAIN = """<domain type='kvm'>
  <name>web01</name>
  <memory unit='KiB'>1048576</memory>
  <devices>
    <disk type='file' device='disk'>
      <source file='/a.img'/>
      <target dev='vda' bus='virtio'/>
    </disk>
  </devices>
</domain>
"""


def test_an_enum_field_takes_the_string_of_a_member() -> None:
    target = DiskTarget(dev="sda", bus="sata")  # type: ignore[arg-type]
    assert target.bus is DiskBus.SATA
    target.bus = "usb"  # type: ignore[assignment]
    assert target.bus is DiskBus.USB
    out: list[str] = []
    write_model(target, out, "", True)
    assert "".join(out) == "<target dev='sda' bus='usb'/>"


@pytest.mark.parametrize("wrong", ["sata2", 3, DiskBus])
def test_an_enum_field_refuses_anything_else_at_assignment(wrong: object) -> None:
    target = DiskTarget(dev="sda")
    with pytest.raises(domxml.ModelError) as caught:
        target.bus = wrong  # type: ignore[assignment]
    message = str(caught.value)
    assert message.startswith(f"DiskTarget.bus: {wrong!r} is not a DiskBus; allowed: ide, ")
    assert "sata" in message and "virtio" in message
    assert caught.value.path == "target/@bus"
    assert target.bus is None  # unchanged


def test_a_parsed_enum_field_set_by_its_string_is_written() -> None:
    dom = domxml.parse(DOMAIN)
    dom.devices.disks[0].target.bus = "sata"  # type: ignore[assignment]
    assert "<target dev='vda' bus='sata'/>" in domxml.to_xml(dom)


def test_a_value_that_cannot_be_written_names_its_path() -> None:
    dom = domxml.parse(DOMAIN)
    dom.devices.disks[0].target.dev = 5  # type: ignore[assignment]
    with pytest.raises(domxml.ModelError) as caught:
        domxml.to_xml(dom)
    assert caught.value.path == "/domain/devices/disk/target/@dev"
    assert "DiskTarget.dev" in str(caught.value)


def test_a_character_xml_cannot_hold_names_its_path() -> None:
    dom = domxml.parse(DOMAIN)
    dom.name = "web\x01"
    with pytest.raises(domxml.ModelError) as caught:
        domxml.to_xml(dom)
    assert caught.value.path == "/domain/name"


__all__ = ["schema_home"]  # a fixture


def test_validate_takes_a_model(schema_home: Path) -> None:
    dom = domxml.parse(DOMAIN)
    assert domxml.validate(dom).ok
    dom.devices.disks[0].target.dev = ""
    report = domxml.validate(dom)
    assert not report.ok
    assert any("/disk" in (e.path or "") for e in report.errors)


@pytest.mark.parametrize("empty", ["", "   \n"])
def test_an_empty_string_is_a_clear_parse_error(empty: str) -> None:
    with pytest.raises(domxml.ParseError, match="empty document"):
        domxml.parse(empty)
