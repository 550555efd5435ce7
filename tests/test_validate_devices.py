"""Single domain devices and hosts' interfaces: detected, parsed and validated.

A lone ``<disk>``, ``<interface>``... (as ``virsh attach-device`` takes
it) is the kind ``domaindevice``. domxml's own grammars check it with
their ``device.rng``; a libvirt schema set, which has no schema of single
devices, with a grammar made from the set's domain schema, errors at the
device's own lines. A root ``<interface>`` is a host's when its content
says so (``domxml.validation.kinds.host_interface``), else a device.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree
from validate_support import column_of, line_of, run, schema_home

import domxml
from domxml.binding import root_models
from domxml.binding.spec import spec_of
from domxml.models import HostInterface
from domxml.models.domain.devices import Devices, Disk, Interface
from domxml.validation.devices import device_grammar, device_roots
from domxml.validation.kinds import (
    DEVICE,
    DEVICE_ROOTS,
    KINDS,
    host_interface,
    kind_named,
    kind_of,
)

__all__ = ["schema_home"]

DISK = """<disk type='file' device='disk'>
  <driver name='qemu' type='qcow2'/>
  <source file='/var/lib/libvirt/images/data.qcow2'/>
  <target dev='vdb' buss='virtio'/>
</disk>
"""
NIC = """<interface type='network'>
  <mac address='52:54:00:39:5f:04'/>
  <source network='default'/>
  <model type='virtio'/>
</interface>
"""
HOST_BRIDGE = """<interface type='bridge' name='br0'>
  <start mode='onboot'/>
  <bridge stp='off'>
    <interface type='ethernet' name='eth0'/>
  </bridge>
</interface>
"""


def test_the_device_roots_are_the_elements_of_devices() -> None:
    tags = [f.local for f in spec_of(Devices).elem_list if f.model is not None]
    assert sorted(DEVICE_ROOTS) == sorted(tag for tag in tags if tag != "emulator")
    models = root_models()
    for tag in DEVICE_ROOTS:
        assert tag in models, f"<{tag}> is not registered as a root"
        assert models[tag] is spec_of(Devices).elems[tag].model


@pytest.mark.parametrize(
    ("document", "kind"),
    [
        (NIC, "domaindevice"),
        (HOST_BRIDGE, "interface"),
        ("<interface type='bridge'><source bridge='br0'/></interface>", "domaindevice"),
        ("<interface type='ethernet'><target dev='tap0'/></interface>", "domaindevice"),
        # No name, yet a host's by its content (and invalid for lack of a name).
        ("<interface type='ethernet'><start mode='onboot'/></interface>", "interface"),
        ("<interface type='bridge'><bridge/></interface>", "interface"),
        ("<interface type='ethernet'><protocol family='ipv4'/></interface>", "interface"),
        ("<interface type='vlan'><vlan tag='42'/></interface>", "interface"),
        ("<interface type='bond'/>", "interface"),
        (DISK, "domaindevice"),
        ("<memory model='dimm'/>", "domaindevice"),
        ("<device><name>computer</name></device>", "device"),
        ("<domain/>", "domain"),
    ],
)
def test_the_kind_is_told_by_root_and_content(document: str, kind: str) -> None:
    found = kind_of(etree.fromstring(document))
    assert found is not None and found.name == kind


def test_the_same_rule_picks_the_model() -> None:
    assert isinstance(domxml.parse(NIC), Interface)
    assert isinstance(domxml.parse(HOST_BRIDGE), HostInterface)
    host = domxml.parse("<interface type='ethernet'><start mode='onboot'/></interface>")
    assert isinstance(host, HostInterface)
    assert isinstance(domxml.from_json('{"interface": {"type": "network"}}'), Interface)
    data = '{"interface": {"type": "ethernet", "protocols": [{"family": "ipv4"}]}}'
    assert isinstance(domxml.from_json(data), HostInterface)
    assert host_interface({"type": "ethernet"}, ["start"])
    assert not host_interface({"type": "ethernet"}, ["mac", "target", "mtu", "link", "vlan"])


def test_a_device_round_trips_and_converts() -> None:
    disk = domxml.parse(DISK.replace("buss", "bus"))
    assert isinstance(disk, Disk)
    assert domxml.to_xml(disk) == DISK.replace("buss", "bus")
    assert domxml.from_json(domxml.to_json(disk)) == disk
    assert domxml.untyped(disk) == []


def test_private_data_is_typed_and_kept() -> None:
    text = """<disk device='disk'>
  <driver type='qcow2'/>
  <source file='/a.qcow2'>
    <privateData>
      <nodenames>
        <nodename type='storage' name='libvirt-1-storage'/>
      </nodenames>
    </privateData>
  </source>
</disk>
"""
    disk = domxml.parse(text)
    assert disk.source.private_data.nodenames.nodenames[0].name == "libvirt-1-storage"
    assert domxml.untyped(disk) == []
    assert domxml.to_xml(disk) == text


def test_a_lone_device_with_domxmls_grammar(tmp_path: Path) -> None:
    document = tmp_path / "disk.xml"
    document.write_text(DISK)
    nic = tmp_path / "nic.xml"
    nic.write_text(NIC)
    result = run("validate", "--schemas", "domxml", str(document), str(nic))
    assert result.code == 1
    line, column = line_of(DISK, "buss"), column_of(DISK, "buss")
    assert result.out.splitlines()[0] == (
        f"{document}:{line}:{column}: error: attribute `buss` is not allowed on <target>;"
        " did you mean `bus`? [attribute-not-allowed]"
    )
    assert "2 files checked against domxml's own grammar: 1 valid, 1 invalid" in result.out


def test_a_lone_device_with_libvirts_schemas(schema_home: Path, tmp_path: Path) -> None:
    document = tmp_path / "disk.xml"
    document.write_text(DISK)
    result = run("validate", "--libvirt", "11.3.0", "--format", "json", str(document))
    assert result.code == 1, result.err
    (report,) = result.json()["files"]
    assert report["kind"] == "domaindevice"
    (error,) = report["errors"]
    assert (error["line"], error["column"]) == (line_of(DISK, "buss"), column_of(DISK, "buss"))
    assert error["path"] == "/disk/target/@buss"
    fixed = tmp_path / "fixed.xml"
    fixed.write_text(DISK.replace("buss", "bus"))
    nic = tmp_path / "nic.xml"
    nic.write_text(NIC)
    result = run("validate", "--libvirt", "9.0.0", str(fixed), str(nic))
    assert result.code == 0, result.out
    assert "2 files checked against libvirt 9.0.0's schemas" in result.out


def test_forcing_the_kind(schema_home: Path, tmp_path: Path) -> None:
    """``--type interface`` checks a device's ``<interface>`` as a host's, and the reverse."""
    nic = tmp_path / "nic.xml"
    nic.write_text(NIC)
    result = run("validate", "--libvirt", "11.3.0", "--type", "interface", str(nic))
    assert result.code == 1
    bridge = tmp_path / "bridge.xml"
    bridge.write_text(HOST_BRIDGE)
    result = run("validate", "--libvirt", "11.3.0", "--type", "domaindevice", str(bridge))
    assert result.code == 1
    assert run("validate", "--libvirt", "11.3.0", str(nic), str(bridge)).code == 0
    assert kind_named("domain-device") is DEVICE


def test_a_libvirt_sets_device_grammar_follows_its_domain_schema(schema_home: Path) -> None:
    sets = schema_home / "domxml" / "schemas"
    older, newer = device_roots(sets / "9.0.0"), device_roots(sets / "11.3.0")
    assert "disk" in older and "emulator" not in older
    assert set(newer) - set(older) == {"crypto", "pstore"}
    assert device_grammar(sets / "nonexistent") is None
    listed = run("schemas", "list")
    assert listed.code == 0
    assert all(" 18 " in line for line in listed.out.splitlines()[1:3]), listed.out


def test_validate_help_names_every_kind() -> None:
    from domxml.cli.validate import _KINDS

    listed = [name.split(" (")[0].strip() for name in _KINDS.split(", ")]
    # "device (a node device)" and the single device's "(... <interface>...)" split too.
    assert {kind.name for kind in KINDS} <= set(listed)
