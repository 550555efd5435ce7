"""Integration: plan, apply and remove against a real libvirtd with the QEMU driver.

The daemon is started for these tests and stopped after (``libvirtd.py``).
Every object is named ``domxml-it-...`` and removed by the tests; the pool
lives in a temporary directory.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from libvirtd import clear, libvirtd  # noqa: F401  (a fixture)
from removals import CASES, Case, removal_cycle

import domxml
from domxml.apply import InvalidInputError, Ref, apply, connect, plan, remove
from domxml.apply.connection import libvirt_module
from domxml.apply.execute import CREATED, STILL_RUNNING, UPDATED
from domxml.apply.plan import CREATE, UNCHANGED, UPDATE
from domxml.apply.record import NAMESPACE, digest, find
from domxml.cli import main

PREFIX = "domxml-it-"
NVRAM_DIR = Path("/var/lib/libvirt/qemu/nvram")


def _domain(name: str, memory_mib: int = 64, disk: str | None = None) -> str:
    disk_xml = (
        f"<disk type='volume' device='disk'><driver name='qemu' type='qcow2'/>"
        f"<source pool='{PREFIX}pool' volume='{disk}'/><target dev='vda' bus='virtio'/></disk>"
        if disk
        else ""
    )
    return (
        f"<domain type='kvm'><name>{name}</name><memory unit='MiB'>{memory_mib}</memory>"
        "<os><type arch='x86_64'>hvm</type></os>"
        f"<devices>{disk_xml}</devices></domain>"
    )


UEFI = f"""<domain type='kvm'>
  <name>{PREFIX}uefi</name>
  <memory unit='MiB'>64</memory>
  <os firmware='efi'>
    <type arch='x86_64' machine='q35'>hvm</type>
    <!-- no Secure Boot: it needs SMM, which nested KVM may lack -->
    <firmware><feature enabled='no' name='secure-boot'/></firmware>
  </os>
  <features><acpi/></features>
</domain>
"""

NETWORK = f"""<network>
  <name>{PREFIX}net</name>
  <forward mode='open'/>
  <bridge name='domxmlit0'/>
  <dns enable='no'/>
  <ip address='192.168.233.1' netmask='255.255.255.0'/>
</network>
"""


@pytest.fixture(scope="module")
def conn(libvirtd: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:  # noqa: F811
    """A connection to the daemon; removes every ``domxml-it-`` object before and after."""
    connection = connect(libvirtd)
    clear(connection, PREFIX)
    yield connection
    clear(connection, PREFIX)
    connection.close()


@pytest.fixture(scope="module")
def pool_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pool") / "images"


def _inactive(conn: Any, name: str) -> Any:
    """A domain's persistent definition, as a model."""
    flags = libvirt_module().VIR_DOMAIN_XML_INACTIVE
    return domxml.parse(conn.lookupByName(name).XMLDesc(flags))


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


def test_domain_applied_started_changed_and_unchanged(conn: Any, tmp_path: Path) -> None:
    name = f"{PREFIX}small"
    first = _write(tmp_path, "small.xml", _domain(name))
    result = apply(conn, [first], start=True)
    (outcome,) = result.outcomes
    assert outcome.action == CREATED and "started" in outcome.notes
    assert outcome.drift == []
    assert conn.lookupByName(name).isActive()
    # The last-applied record, in the persistent definition's <metadata>.
    assert outcome.record is not None and find(_inactive(conn, name)) == outcome.record
    assert outcome.record.desired == digest(first.read_text())

    # A changed version: the plan shows exactly that field.
    changed = _write(tmp_path, "small-96.xml", _domain(name, memory_mib=96))
    (step,) = plan(conn, [changed]).steps
    assert step.action == UPDATE
    assert [(c.path, c.actual, c.desired) for c in step.changes] == [
        ("/domain/memory", "65536 KiB", "96 MiB")
    ]
    uuid = conn.lookupByName(name).UUIDString()
    (outcome,) = apply(conn, [changed]).outcomes
    assert outcome.action == UPDATED
    assert conn.lookupByName(name).UUIDString() == uuid  # kept on update
    assert STILL_RUNNING in outcome.notes
    # Written into the running domain's persistent definition (defined again).
    assert outcome.record is not None and find(_inactive(conn, name)) == outcome.record

    # Applied again: unchanged, nothing defined, the record as it was.
    again = apply(conn, [changed], start=True)
    assert [o.action for o in again.outcomes] == [UNCHANGED]
    assert not again.changed
    assert find(_inactive(conn, name)) == outcome.record

    removed = remove(conn, [f"domain:{name}"], force=True)
    assert [r.action for r in removed] == ["removed"]


def test_uefi_domain_removed_with_and_without_nvram(conn: Any, tmp_path: Path) -> None:
    name = f"{PREFIX}uefi"
    nvram = NVRAM_DIR / f"{name}_VARS.fd"
    document = _write(tmp_path, "uefi.xml", UEFI)
    for choice in ("keep", "remove"):
        apply(conn, [document], start=True)  # the NVRAM file is made at the first start
        assert nvram.is_file()
        assert plan(conn, [document]).steps[0].action == UNCHANGED
        (removal,) = remove(conn, [f"domain:{name}"], force=True, nvram=choice)
        assert removal.notes == ["stopped", "NVRAM kept" if choice == "keep" else "NVRAM removed"]
        assert nvram.is_file() == (choice == "keep")
    assert not nvram.exists()


def test_network_defined_and_started(conn: Any, tmp_path: Path) -> None:
    document = _write(tmp_path, "net.xml", NETWORK)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(["apply", str(document), "--start", "-c", "qemu:///system"])
    assert code == 0, out.getvalue()
    assert f"network {PREFIX}net: created, started" in out.getvalue()
    assert conn.networkLookupByName(f"{PREFIX}net").isActive()
    assert plan(conn, [document]).steps[0].action == UNCHANGED
    # A network's record is written by defining it again (no virNetworkSetMetadata in 9.0.0).
    inactive = conn.networkLookupByName(f"{PREFIX}net").XMLDesc(
        libvirt_module().VIR_NETWORK_XML_INACTIVE
    )
    assert find(domxml.parse(inactive)) is not None
    assert not apply(conn, [document]).changed
    remove(conn, [f"network:{PREFIX}net"])


def test_pool_volume_and_snapshot(conn: Any, tmp_path: Path, pool_dir: Path) -> None:
    pool = _write(
        tmp_path,
        "pool.xml",
        f"<pool type='dir'><name>{PREFIX}pool</name>"
        f"<target><path>{pool_dir}</path></target></pool>",
    )
    volume = _write(
        tmp_path,
        "volume.xml",
        "<volume><name>disk.qcow2</name><capacity unit='MiB'>64</capacity>"
        "<target><format type='qcow2'/></target></volume>",
    )
    domain = _write(tmp_path, "disk.xml", _domain(f"{PREFIX}disk", disk="disk.qcow2"))
    snapshot = _write(
        tmp_path,
        "snapshot.xml",
        "<domainsnapshot><name>first</name><description>before anything</description>"
        "</domainsnapshot>",
    )
    # A volume needs an active pool: the pool is built (its directory made) and started.
    storage = apply(conn, [pool, volume], start=True)
    assert [(o.action, o.notes) for o in storage.outcomes] == [
        (CREATED, ["started"]),
        (CREATED, []),
    ]
    # The snapshot of the stopped domain: an internal one, in the qcow2 volume.
    guest = apply(conn, [domain, snapshot])
    assert [o.action for o in guest.outcomes] == [CREATED] * 2
    documents = [pool, volume, domain, snapshot]
    vol = conn.storagePoolLookupByName(f"{PREFIX}pool").storageVolLookupByName("disk.qcow2")
    assert "<format type='qcow2'/>" in vol.XMLDesc(0)
    assert (pool_dir / "disk.qcow2").is_file()
    assert not conn.lookupByName(f"{PREFIX}disk").isActive()

    again = apply(conn, documents)
    assert [o.action for o in again.outcomes] == [UNCHANGED] * 4
    snapshots = conn.lookupByName(f"{PREFIX}disk").listAllSnapshots(0)
    assert [s.getName() for s in snapshots] == ["first"]

    removed = remove(
        conn,
        [Ref("snapshot", "first", f"{PREFIX}disk"), f"domain:{PREFIX}disk", f"pool:{PREFIX}pool"],
        delete_volumes=True,
    )
    assert [r.action for r in removed] == ["removed"] * 3
    assert not (pool_dir / "disk.qcow2").exists()


def test_invalid_input_rejected_before_anything_is_defined(conn: Any, tmp_path: Path) -> None:
    network = _write(tmp_path, "net.xml", NETWORK.replace(f"{PREFIX}net", f"{PREFIX}net2"))
    broken = _write(
        tmp_path,
        "broken.xml",
        _domain(f"{PREFIX}broken").replace("<devices>", "<devices><graphics typo='vnc'/>"),
    )
    before = (
        sorted(d.name() for d in conn.listAllDomains(0)),
        sorted(n.name() for n in conn.listAllNetworks(0)),
    )
    with pytest.raises(InvalidInputError) as raised:
        apply(conn, [network, broken], start=True)
    assert "broken.xml" in str(raised.value) and "nothing was changed" in str(raised.value)
    after = (
        sorted(d.name() for d in conn.listAllDomains(0)),
        sorted(n.name() for n in conn.listAllNetworks(0)),
    )
    assert after == before
    assert plan(conn, [network], validate=False).steps[0].action == CREATE
    assert domxml.parse(network).name == f"{PREFIX}net2"  # type: ignore[attr-defined]


#: A q35 domain with a place for each removal case's element.
REMOVAL_BASE = (
    f"<domain type='kvm'><name>{PREFIX}three-way</name><memory unit='MiB'>64</memory>"
    "<os><type arch='x86_64' machine='q35'>hvm</type></os><features><acpi/></features>"
    "<cpu mode='custom' match='exact'><model fallback='allow'>qemu64</model></cpu>"
    "<devices/></domain>"
)


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_a_removed_element_is_removed(conn: Any, case: Case) -> None:
    try:
        removal_cycle(conn, REMOVAL_BASE, f"{PREFIX}three-way", case)
    finally:
        remove(conn, [f"domain:{PREFIX}three-way"], force=True)


#: A domain as people write them: libvirt fills in much (addresses, controllers,
#: serial targets, a console, PS/2 inputs, audio...).
RICH = f"""<domain type='kvm'>
  <name>{PREFIX}rich</name>
  <memory unit='MiB'>64</memory>
  <vcpu>2</vcpu>
  <os><type arch='x86_64' machine='q35'>hvm</type><boot dev='hd'/></os>
  <features><acpi/><apic/><vmport state='off'/></features>
  <clock offset='utc'><timer name='rtc' tickpolicy='catchup'/></clock>
  <pm><suspend-to-mem enabled='no'/></pm>
  <devices>
    <disk type='file' device='cdrom'><target dev='sda' bus='sata'/><readonly/></disk>
    <controller type='scsi' model='virtio-scsi'/>
    <interface type='user'><model type='virtio'/></interface>
    <serial type='pty'/>
    <console type='pty'/>
    <channel type='unix'><target type='virtio' name='org.qemu.guest_agent.0'/></channel>
    <input type='tablet' bus='usb'/>
    <graphics type='vnc'/>
    <video><model type='virtio'/></video>
    <sound model='ich9'/>
    <watchdog model='i6300esb'/>
    <rng model='virtio'><backend model='random'>/dev/urandom</backend></rng>
    <memballoon model='virtio'/>
  </devices>
</domain>
"""


def test_an_applied_domain_plans_as_nothing_and_one_field_as_one(conn: Any, tmp_path: Path) -> None:
    document = _write(tmp_path, "rich.xml", RICH)
    (outcome,) = apply(conn, [document], start=True).outcomes
    assert (outcome.action, outcome.drift) == (CREATED, [])
    (step,) = plan(conn, [document]).steps
    assert (step.action, step.changes, step.not_kept, step.notes) == (UNCHANGED, [], [], [])
    # The same without the record: libvirt's additions are still no change.
    assert domxml.diff(domxml.parse(RICH), _inactive(conn, f"{PREFIX}rich")) == []

    changed = _write(tmp_path, "rich-2.xml", RICH.replace("<vcpu>2</vcpu>", "<vcpu>1</vcpu>"))
    (step,) = plan(conn, [changed]).steps
    assert step.action == UPDATE
    assert [str(c) for c in step.changes] == ["~ /domain/vcpu/text(): 2 -> 1"]
    (outcome,) = apply(conn, [changed]).outcomes
    assert (outcome.action, outcome.drift, outcome.notes) == (UPDATED, [], [STILL_RUNNING])
    (step,) = plan(conn, [changed]).steps
    assert (step.action, step.changes, step.not_kept) == (UNCHANGED, [], [])
    remove(conn, [f"domain:{PREFIX}rich"], force=True)


def test_a_cleared_record_is_written_again(conn: Any, tmp_path: Path) -> None:
    name = f"{PREFIX}cleared"
    document = _write(tmp_path, "cleared.xml", _domain(name))
    apply(conn, [document])
    # What `virsh metadata NAME URI --remove --config` does (docs/apply.md).
    libvirt = libvirt_module()
    conn.lookupByName(name).setMetadata(
        libvirt.VIR_DOMAIN_METADATA_ELEMENT, None, None, NAMESPACE, libvirt.VIR_DOMAIN_AFFECT_CONFIG
    )
    assert find(_inactive(conn, name)) is None
    (step,) = plan(conn, [document]).steps
    # libvirt keeps the empty <metadata>: no change; the plan is two-way.
    assert (step.action, step.changes) == (UNCHANGED, [])
    assert step.notes and step.notes[0].startswith("no last-applied document:")
    (outcome,) = apply(conn, [document]).outcomes
    assert (outcome.action, outcome.notes) == (UNCHANGED, ["last-applied record written"])
    assert find(_inactive(conn, name)) == outcome.record
    remove(conn, [f"domain:{name}"])


FIRMWARE_CASES = {
    "autoselection": "<os firmware='efi'><type arch='x86_64' machine='q35'>hvm</type>"
    "<firmware><feature enabled='no' name='secure-boot'/></firmware></os>",
    "manual": "<os><type arch='x86_64' machine='q35'>hvm</type>"
    "<loader readonly='yes' type='pflash'>/usr/share/OVMF/OVMF_CODE_4M.fd</loader></os>",
}


def _firmware_part(domain: Any) -> list[str]:
    """What firmware resolution decides: <os>'s firmware, loader, nvram and features."""
    os_ = domain.os
    found = [f"firmware={os_.firmware}"]
    for part in (os_.loader, os_.nvram, os_.firmware_info):
        found.append(domxml.to_xml(part, style="libvirt").strip() if part is not None else "-")
    return found


@pytest.mark.parametrize("case", sorted(FIRMWARE_CASES))
def test_firmware_resolved_as_the_daemon_keeps_it(conn: Any, case: str) -> None:
    from domxml.apply.connection import libvirt_version
    from domxml.firmware import resolve

    name = f"{PREFIX}fw-{case}"
    document = (
        f"<domain type='kvm'><name>{name}</name><memory unit='MiB'>64</memory>"
        f"{FIRMWARE_CASES[case]}<features><acpi/></features></domain>"
    )
    version = libvirt_version(conn)
    resolved = resolve(domxml.parse(document), libvirt=version, abi_update=True)
    report = domxml.validate(domxml.to_xml(resolved), version)
    assert report.ok, [str(e) for e in report.errors]
    conn.defineXML(document)
    try:
        assert _firmware_part(resolved) == _firmware_part(_inactive(conn, name))
    finally:
        remove(conn, [f"domain:{name}"], nvram="remove")
