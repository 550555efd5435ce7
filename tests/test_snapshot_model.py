"""The domain snapshot model, outside the domain it embeds.

Against libvirt's corpus: every snapshot document comes back with the
same content, everything outside the embedded ``<domain>`` and
``<inactiveDomain>`` is typed, and what libvirt's formatter wrote comes
back byte for byte in libvirt's style. Then snapshots built in Python.
"""

from __future__ import annotations

import re
import textwrap

import pytest
from corpus import CorpusEntry, corpus_files, is_well_formed, show_diff

import domxml
from domxml.binding import write_document
from domxml.models.domain import (
    Domain,
    DomainType,
    HostTransport,
    MetadataCache,
    NetworkProtocol,
    Size,
    SourceHost,
    StartupPolicy,
    StorageFormat,
    StorageType,
)
from domxml.models.domain.storage_source import GlusterDiskSource
from domxml.models.snapshot import (
    BlockSnapshotDisk,
    Cookie,
    DomainSnapshot,
    FileSnapshotDisk,
    NetworkSnapshotDisk,
    Parent,
    SnapshotBlockSource,
    SnapshotDisk,
    SnapshotDiskDriver,
    SnapshotDisks,
    SnapshotFileSource,
    SnapshotLocation,
    SnapshotMemory,
    SnapshotState,
)

# The embedded domains are the domain model's business; what the
# hypervisor driver puts in <cookie> is its private data, kept as written
# and reported as untyped by design.
NOT_SNAPSHOT_MODEL = re.compile(
    r"^/domainsnapshot/((domain|inactiveDomain)(\[\d+\])?([/@\[]|$)|cookie/[^@])"
)


def _read(entry: CorpusEntry) -> bytes:
    data = entry.file.read_bytes()
    if not is_well_formed(data):
        pytest.skip("not well-formed")
    return data


# The canonical round trip of every file is tests/test_corpus_roundtrip.py's.
@pytest.mark.parametrize("entry", corpus_files("domainsnapshot"))
def test_typed_outside_the_domain(entry: CorpusEntry) -> None:
    _read(entry)
    snap = domxml.parse(entry.file)
    assert isinstance(snap, DomainSnapshot)
    outside = [loc for loc in domxml.untyped(snap) if not NOT_SNAPSHOT_MODEL.match(loc)]
    assert outside == [], f"{entry.path}: untyped:\n  " + "\n  ".join(outside)


def _formatter_written(family: str) -> list[object]:
    """The corpus parameters of the files libvirt's formatter wrote."""
    params = corpus_files(family)
    return [p for p in params if p.values[0] is None or p.values[0].formatter_written]


@pytest.mark.parametrize("entry", _formatter_written("domainsnapshot"))
def test_snapshot_elements_are_written_as_libvirt_does(entry: CorpusEntry) -> None:
    data = _read(entry).decode("utf-8")
    snap = domxml.parse(entry.file)
    assert isinstance(snap, DomainSnapshot)
    if domxml.untyped(snap) == []:
        # Nothing is left untyped: the whole document is libvirt's.
        written = domxml.to_xml(snap, style="libvirt")
        assert written == data, f"{entry.path}: differs from libvirt\n" + show_diff(
            data, written, fromfile=entry.path, tofile='to_xml(parse(f), style="libvirt")'
        )
    for name, part in (
        ("parent", snap.parent),
        ("memory", snap.memory),
        ("disks", snap.disks),
        ("revertDisks", snap.revert_disks),
    ):
        if part is None:
            continue
        written = _libvirt_lines(part, name)
        assert written in data, f"{entry.path}: <{name}> differs from libvirt's\n" + show_diff(
            data, written, fromfile=entry.path, tofile=f'to_xml(<{name}>, style="libvirt")'
        )


def _libvirt_lines(model: domxml.Model, name: str) -> str:
    """``model`` written in libvirt's style as element ``name``, indented as in a snapshot."""
    text = domxml.to_xml(model, style="libvirt")
    default = type(model).__domxml__.tag
    if name != default:
        # One model serves <disks> and <revertDisks>.
        text = re.sub(rf"^<{default}\b", f"<{name}", text)
        text = re.sub(rf"</{default}>\n$", f"</{name}>\n", text)
    return textwrap.indent(text, "  ")


# --- reading -----------------------------------------------------------------

REDEFINE = """\
<domainsnapshot>
  <name>before-upgrade</name>
  <description>Before the upgrade</description>
  <state>disk-snapshot</state>
  <parent>
    <name>fresh-install</name>
  </parent>
  <creationTime>1272917631</creationTime>
  <memory snapshot='no'/>
  <disks>
    <disk name='vda' snapshot='external' type='file'>
      <driver type='qcow2'>
        <metadata_cache>
          <max_size unit='bytes'>1234</max_size>
        </metadata_cache>
      </driver>
      <source file='/var/lib/libvirt/images/web.before-upgrade.qcow2'/>
    </disk>
    <disk name='vdb' snapshot='external' type='network'>
      <source protocol='rbd' name='pool/web-data.before-upgrade'>
        <host name='ceph1' port='6789'/>
        <host name='ceph2' port='6789' transport='rdma'/>
      </source>
    </disk>
    <disk name='sda' snapshot='no'/>
  </disks>
  <domain type='kvm'>
    <name>web</name>
    <uuid>5f0c8d2e-7b4a-4c61-9e3f-1a2b3c4d5e6f</uuid>
    <memory unit='GiB'>2</memory>
    <os>
      <type arch='x86_64' machine='q35'>hvm</type>
    </os>
  </domain>
  <inactiveDomain type='kvm'>
    <name>web</name>
    <uuid>5f0c8d2e-7b4a-4c61-9e3f-1a2b3c4d5e6f</uuid>
    <memory unit='GiB'>4</memory>
    <os>
      <type arch='x86_64' machine='q35'>hvm</type>
    </os>
  </inactiveDomain>
  <cookie>
    <cpu mode='custom' match='exact' check='full'>
      <model fallback='forbid'>qemu64</model>
    </cpu>
    <slirpHelper/>
  </cookie>
  <active>1</active>
</domainsnapshot>
"""


def test_reading_a_redefined_snapshot() -> None:
    snap = domxml.parse(REDEFINE)
    assert isinstance(snap, DomainSnapshot)
    assert snap.state is SnapshotState.DISK_SNAPSHOT
    assert snap.parent == Parent(name="fresh-install")
    assert snap.creation_time == 1272917631
    assert snap.memory == SnapshotMemory(snapshot=SnapshotLocation.NO)
    assert snap.active is True
    assert snap.disks is not None
    vda, vdb, sda = snap.disks.disks
    assert vda.type is StorageType.FILE
    assert vda.driver is not None and vda.driver.type is StorageFormat.QCOW2
    assert vda.driver.metadata_cache == MetadataCache(max_size=Size(unit="bytes", value=1234))
    assert vda.source == SnapshotFileSource(file="/var/lib/libvirt/images/web.before-upgrade.qcow2")
    assert vdb.source is not None and vdb.source.protocol is NetworkProtocol.RBD
    assert [host.transport for host in vdb.source.hosts] == [None, HostTransport.RDMA]
    assert sda.snapshot is SnapshotLocation.NO and sda.source is None
    assert isinstance(snap.domain, Domain) and isinstance(snap.inactive_domain, Domain)
    assert snap.domain.type is DomainType.KVM
    assert snap.domain.memory is not None and snap.domain.memory.to_kib() == 2 * 1024**2
    assert snap.inactive_domain.memory is not None
    assert snap.inactive_domain.memory.value == 4
    # The hypervisor's cookie is open content: held as lxml elements.
    assert snap.cookie is not None
    assert [element.tag for element in snap.cookie.elements] == ["cpu", "slirpHelper"]
    assert domxml.untyped(snap) == []
    assert write_document(snap, verbatim=False) == REDEFINE
    assert domxml.to_xml(snap, style="libvirt") == REDEFINE


def test_editing_the_inactive_domain_keeps_its_element_name() -> None:
    snap = domxml.parse(REDEFINE)
    assert isinstance(snap, DomainSnapshot)
    assert snap.inactive_domain is not None and snap.inactive_domain.memory is not None
    snap.inactive_domain.memory.value = 8
    assert domxml.to_xml(snap) == REDEFINE.replace(
        "<memory unit='GiB'>4</memory>", "<memory unit='GiB'>8</memory>"
    )


def test_a_value_outside_an_enumeration_is_kept_and_reported() -> None:
    text = "<domainsnapshot>\n  <state>hibernating</state>\n</domainsnapshot>\n"
    snap = domxml.parse(text)
    assert isinstance(snap, DomainSnapshot)
    assert snap.state is None
    assert domxml.untyped(snap) == ["/domainsnapshot/state"]
    assert write_document(snap, verbatim=False) == text


# --- building ------------------------------------------------------------------

BUILT = """\
<domainsnapshot>
  <name>before-upgrade</name>
  <description>Before the upgrade to Debian 13</description>
  <memory snapshot='external' file='/var/lib/libvirt/qemu/snapshot/web.mem'/>
  <disks>
    <disk name='vda' snapshot='external' type='file'>
      <driver type='qcow2'/>
      <source file='/var/lib/libvirt/images/web.before-upgrade.qcow2' startupPolicy='optional'/>
    </disk>
    <disk name='vdb' snapshot='external' type='block'>
      <source dev='/dev/vg0/web-data-snap'/>
    </disk>
    <disk name='sda' snapshot='no'/>
  </disks>
</domainsnapshot>
"""


def test_snapshot_built_in_python() -> None:
    snap = DomainSnapshot(
        name="before-upgrade",
        description="Before the upgrade to Debian 13",
        memory=SnapshotMemory(
            snapshot=SnapshotLocation.EXTERNAL, file="/var/lib/libvirt/qemu/snapshot/web.mem"
        ),
        disks=SnapshotDisks(
            disks=[
                FileSnapshotDisk(
                    name="vda",
                    snapshot=SnapshotLocation.EXTERNAL,
                    driver=SnapshotDiskDriver(type=StorageFormat.QCOW2),
                    source=SnapshotFileSource(
                        file="/var/lib/libvirt/images/web.before-upgrade.qcow2",
                        startup_policy=StartupPolicy.OPTIONAL,
                    ),
                ),
                BlockSnapshotDisk(
                    name="vdb",
                    snapshot=SnapshotLocation.EXTERNAL,
                    source=SnapshotBlockSource(dev="/dev/vg0/web-data-snap"),
                ),
                SnapshotDisk(name="sda", snapshot=SnapshotLocation.NO),
            ]
        ),
    )
    assert domxml.to_xml(snap) == BUILT
    assert domxml.to_xml(snap, style="libvirt") == BUILT
    assert domxml.parse(BUILT) == snap


def test_snapshot_with_domain_built_in_python() -> None:
    snap = DomainSnapshot(
        name="s1",
        state=SnapshotState.SHUTOFF,
        creation_time=1700000000,
        domain=Domain(type=DomainType.QEMU, name="vm", uuid="0e2b1e4c-5f0e-4a57-8c57-4f3a3b2c1d0e"),
        inactive_domain=Domain(type=DomainType.QEMU, name="vm"),
        cookie=Cookie(),
        active=False,
    )
    assert domxml.to_xml(snap) == (
        "<domainsnapshot>\n"
        "  <name>s1</name>\n"
        "  <state>shutoff</state>\n"
        "  <creationTime>1700000000</creationTime>\n"
        "  <domain type='qemu'>\n"
        "    <name>vm</name>\n"
        "    <uuid>0e2b1e4c-5f0e-4a57-8c57-4f3a3b2c1d0e</uuid>\n"
        "  </domain>\n"
        "  <inactiveDomain type='qemu'>\n"
        "    <name>vm</name>\n"
        "  </inactiveDomain>\n"
        "  <cookie/>\n"
        "  <active>0</active>\n"
        "</domainsnapshot>\n"
    )


def test_network_disk_snapshot_built_in_python() -> None:
    disk = NetworkSnapshotDisk(
        name="vdc",
        snapshot=SnapshotLocation.EXTERNAL,
        source=GlusterDiskSource(
            name="volume/web.snap", hosts=[SourceHost(name="gluster1", port=24007)]
        ),
    )
    assert domxml.to_xml(disk) == (
        "<disk name='vdc' snapshot='external' type='network'>\n"
        "  <source protocol='gluster' name='volume/web.snap'>\n"
        "    <host name='gluster1' port='24007'/>\n"
        "  </source>\n"
        "</disk>\n"
    )
