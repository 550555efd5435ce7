"""Storage devices: ``<disk>``, ``<controller>``, ``<lease>`` and ``<filesystem>``.

Against libvirt's corpus: each of these elements, bound alone to its model,
is fully typed, comes back with the same content and, where libvirt's
formatter wrote the file, byte for byte in libvirt's style; a table checks
typed values read from named files. Then single-device documents (as
``virsh attach-device`` takes them), and disks edited and built in Python.
"""

from __future__ import annotations

import re

import pytest
from corpus import CorpusEntry, corpus_files, data_dir
from element_checks import check_elements_alone

import domxml
from domxml.binding import write_document
from domxml.models.domain import Domain, Size
from domxml.models.domain.devices import AddressType, DriveAddress, PciAddress
from domxml.models.domain.devices.common import DeviceBoot
from domxml.models.domain.devices.controller import (
    Controller,
    ControllerModel,
    ControllerType,
    PciModelName,
)
from domxml.models.domain.devices.disk import (
    BackingStore,
    CacheMode,
    DiscardMode,
    Disk,
    DiskBus,
    DiskDevice,
    DiskDriver,
    DiskTarget,
    ErrorPolicy,
    FileBackingStore,
    FileDisk,
    IoMode,
    MirrorJob,
    MirrorReady,
    NetworkDisk,
    Transient,
    TrayState,
)
from domxml.models.domain.devices.filesystem import (
    AccessMode,
    Filesystem,
    FilesystemDriverType,
    FilesystemType,
    MountFilesystem,
    SandboxMode,
)
from domxml.models.domain.devices.lease import Lease, LeaseTarget
from domxml.models.domain.storage_source import (
    BlockDiskSource,
    DiskFormat,
    FileDiskSource,
    NetworkProtocol,
    StorageFormat,
    StorageType,
)
from domxml.models.storage.common import Flag

# Each device element of <devices> this module covers, and its model.
DEVICES: dict[str, type[domxml.Model]] = {
    "disk": Disk,
    "controller": Controller,
    "lease": Lease,
    "filesystem": Filesystem,
}
DEVICE_PATHS = " | ".join(f"//devices/{tag}" for tag in DEVICES)


@pytest.mark.parametrize("entry", corpus_files("domain"))
def test_devices_are_typed_and_written_as_libvirt_does(entry: CorpusEntry) -> None:
    check_elements_alone(entry, DEVICES, DEVICE_PATHS)


# --- typed values read from named corpus files ---------------------------------

_STEP = re.compile(r"(\w+)(?:\[(\d+)\])?")


def _value(model: object, path: str) -> object:
    """Follow ``path`` (``devices.disks[1].driver.queues``) from ``model``."""
    for name, index in _STEP.findall(path):
        model = getattr(model, name)
        if index:
            assert isinstance(model, list)
            model = model[int(index)]
    return model


VALUES = [
    ("qemuxmlconfdata/iothreads-disk.x86_64-latest.xml", "disks[0].driver.iothread", 1),
    ("qemuxmlconfdata/iothreads-disk.x86_64-latest.xml", "disks[1].driver.queues", 4),
    (
        "qemuxmlconfdata/iothreads-disk.x86_64-latest.xml",
        "disks[1].driver.iothreads.iothreads[1].queues[1].id",
        2,
    ),
    ("qemuxmlconfdata/iothreads-disk.x86_64-latest.xml", "disks[1].driver.type", StorageFormat.RAW),
    ("qemuxmlconfdata/disk-rotation.x86_64-latest.xml", "disks[1].target.rotation_rate", 1),
    ("qemuxmlconfdata/disk-rotation.x86_64-latest.xml", "disks[2].target.bus", DiskBus.IDE),
    (
        "qemuxmlconfdata/disk-transient.x86_64-latest.xml",
        "disks[0].transient",
        Transient(share_backing=True),
    ),
    (
        "qemuxmlconfdata/blkdeviotune-max-length.x86_64-latest.xml",
        "disks[0].iotune.total_bytes_sec_max_length",
        3,
    ),
    (
        "qemuxmlconfdata/blkdeviotune-max-length.x86_64-latest.xml",
        "disks[1].iotune.write_iops_sec_max_length",
        9,
    ),
    ("qemuxmlconfdata/disk-backing-chains-index.xml", "disks[0].source.index", 2),
    (
        "qemuxmlconfdata/disk-backing-chains-index.xml",
        "disks[1].backing_store.backing_store.format.type",
        StorageFormat.VMDK,
    ),
    (
        "qemuxmlconfdata/disk-backing-chains-index.xml",
        "disks[1].backing_store.backing_store.backing_store.backing_store"
        ".backing_store.backing_store.source.file",
        "/tmp/Fedora-17-x86_64-Live-KDE.iso",
    ),
    ("qemuxmlconfdata/disk-mirror.xml", "disks[0].mirror.job", MirrorJob.COPY),
    ("qemuxmlconfdata/disk-mirror.xml", "disks[0].mirror.ready", MirrorReady.YES),
    ("qemuxmlconfdata/disk-mirror.xml", "disks[3].mirror.ready", MirrorReady.ABORT),
    ("qemuxmlconfdata/disk-mirror.xml", "disks[3].mirror.file_format", StorageFormat.QCOW2),
    ("qemuxmlconfdata/disk-mirror.xml", "disks[3].mirror.backing_store.index", 2),
    ("qemuxmlconfdata/disk-mirror.xml", "disks[1].device", DiskDevice.CDROM),
    (
        "qemuxmlconfdata/pcihole64-q35.x86_64-latest.xml",
        "controllers[0].model",
        ControllerModel.PCIE_ROOT,
    ),
    (
        "qemuxmlconfdata/pcihole64-q35.x86_64-latest.xml",
        "controllers[0].pcihole64",
        Size(unit="KiB", value=1048576),
    ),
    (
        "qemuxmlconfdata/pcihole64-q35.x86_64-latest.xml",
        "controllers[1].pci_model.name",
        PciModelName.PCIE_ROOT_PORT,
    ),
    ("qemuxmlconfdata/pcihole64-q35.x86_64-latest.xml", "controllers[1].target.port", 0x10),
    ("qemuxmlconfdata/usb1-usb2.x86_64-latest.xml", "controllers[3].master.startport", 2),
    ("qemuxmlconfdata/usb1-usb2.x86_64-latest.xml", "controllers[3].index", 1),
    ("libxlxml2domconfigdata/max-gntframes-hvm.xml", "controllers[0].type", ControllerType.XENBUS),
    ("libxlxml2domconfigdata/max-gntframes-hvm.xml", "controllers[0].max_grant_frames", 64),
    (
        "qemuxmlconfdata/lease.x86_64-latest.xml",
        "leases[0]",
        Lease(
            lockspace="somearea",
            key="thequickbrownfoxjumpedoverthelazydog",
            target=LeaseTarget(path="/some/lease/path", offset=1024),
        ),
    ),
    ("qemuxmlconfdata/virtio-9p-createmode.x86_64-latest.xml", "filesystems[2].fmode", 0o640),
    ("qemuxmlconfdata/virtio-9p-createmode.x86_64-latest.xml", "filesystems[2].dmode", 0o750),
    (
        "qemuxmlconfdata/virtio-9p-createmode.x86_64-latest.xml",
        "filesystems[0].accessmode",
        AccessMode.MAPPED,
    ),
    (
        "qemuxmlconfdata/vhost-user-fs-fd-openfiles.x86_64-latest.xml",
        "filesystems[0].driver.type",
        FilesystemDriverType.VIRTIOFS,
    ),
    (
        "qemuxmlconfdata/vhost-user-fs-fd-openfiles.x86_64-latest.xml",
        "filesystems[0].binary.openfiles.max",
        122333,
    ),
    (
        "qemuxmlconfdata/vhost-user-fs-fd-openfiles.x86_64-latest.xml",
        "filesystems[0].binary.sandbox.mode",
        SandboxMode.CHROOT,
    ),
    (
        "qemuxmlconfdata/vhost-user-fs-fd-openfiles.x86_64-latest.xml",
        "filesystems[0].idmap.gids[0].target",
        100000,
    ),
    ("lxcxml2xmloutdata/lxc-filesystem-ram.xml", "filesystems[0].type", FilesystemType.BIND),
    ("lxcxml2xmloutdata/lxc-filesystem-ram.xml", "filesystems[1].type", FilesystemType.RAM),
    ("lxcxml2xmloutdata/lxc-filesystem-ram.xml", "filesystems[2].source.usage", 1024),
    ("lxcxml2xmloutdata/lxc-filesystem-ram.xml", "filesystems[2].source.units", "KiB"),
]


@pytest.mark.parametrize(
    ("name", "path", "expected"), VALUES, ids=[f"{n}:{p}" for n, p, _ in VALUES]
)
def test_typed_values_from_the_corpus(name: str, path: str, expected: object) -> None:
    file = data_dir() / "corpus" / "domain" / name
    if not file.is_file():
        pytest.skip(f"corpus file missing: {file}")
    dom = domxml.parse(file)
    assert isinstance(dom, Domain) and dom.devices is not None
    value = _value(dom.devices, path)
    assert value == expected
    assert type(value) is type(expected)


def test_an_empty_backing_store_ends_the_chain() -> None:
    file = data_dir() / "corpus" / "domain" / "qemuxmlconfdata" / "disk-mirror.xml"
    if not file.is_file():
        pytest.skip(f"corpus file missing: {file}")
    dom = domxml.parse(file)
    assert isinstance(dom, Domain) and dom.devices is not None
    disk = dom.devices.disks[0]
    assert disk.backing_store == BackingStore()  # <backingStore/>: no backing image
    assert disk.mirror is not None
    assert disk.mirror.source == BlockDiskSource(dev="/dev/HostVG/QEMUGuest1Copy")


# --- single-device documents ---------------------------------------------------

DISK = """\
<disk type='file' device='disk'>
  <driver name='qemu' type='qcow2' cache='none' discard='unmap'/>
  <source file='/var/lib/libvirt/images/web.qcow2'/>
  <backingStore type='file'>
    <format type='qcow2'/>
    <source file='/var/lib/libvirt/images/base.qcow2'/>
    <backingStore/>
  </backingStore>
  <target dev='vda' bus='virtio'/>
  <serial>web-root</serial>
  <boot order='1'/>
  <address type='pci' domain='0x0000' bus='0x00' slot='0x04' function='0x0'/>
</disk>
"""

CDROM = """\
<disk type='network' device='cdrom'>
  <driver name='qemu' type='raw'/>
  <source protocol='https' name='/isos/install.iso'>
    <host name='mirror.example.org' port='443'/>
  </source>
  <target dev='sdb' bus='sata' tray='open'/>
  <readonly/>
  <address type='drive' controller='0' bus='0' target='0' unit='1'/>
</disk>
"""

CONTROLLER = """\
<controller type='pci' index='1' model='pcie-root-port'>
  <model name='pcie-root-port'/>
  <target chassis='1' port='0x10'/>
  <address type='pci' domain='0x0000' bus='0x00' slot='0x02' function='0x0' multifunction='on'/>
</controller>
"""

LEASE = """\
<lease>
  <lockspace>somearea</lockspace>
  <key>vm-web</key>
  <target path='/var/lib/libvirt/sanlock/leases' offset='1048576'/>
</lease>
"""

FILESYSTEM = """\
<filesystem type='mount' accessmode='passthrough'>
  <driver type='virtiofs' queue='1024'/>
  <binary path='/usr/libexec/virtiofsd' xattr='on'>
    <cache mode='always'/>
    <lock posix='on' flock='off'/>
  </binary>
  <source dir='/srv/share'/>
  <target dir='share'/>
  <readonly/>
</filesystem>
"""


@pytest.mark.parametrize(
    ("text", "cls"),
    [
        (DISK, FileDisk),
        (CDROM, NetworkDisk),
        (CONTROLLER, Controller),
        (LEASE, Lease),
        (FILESYSTEM, MountFilesystem),
    ],
    ids=["disk", "cdrom", "controller", "lease", "filesystem"],
)
def test_a_single_device_document_parses_and_comes_back(text: str, cls: type[domxml.Model]) -> None:
    device = domxml.parse(text)
    assert type(device) is cls
    assert domxml.untyped(device) == []
    assert domxml.to_xml(device) == text
    assert write_document(device, verbatim=False) == text
    assert domxml.to_xml(device, style="libvirt") == text


def test_a_single_disk_document_reads_typed_values() -> None:
    disk = domxml.parse(DISK)
    assert isinstance(disk, Disk)
    assert disk.type is StorageType.FILE and disk.device is DiskDevice.DISK
    assert disk.driver == DiskDriver(
        name="qemu", type=StorageFormat.QCOW2, cache=CacheMode.NONE, discard=DiscardMode.UNMAP
    )
    assert disk.backing_store == FileBackingStore(
        format=DiskFormat(type=StorageFormat.QCOW2),
        source=FileDiskSource(file="/var/lib/libvirt/images/base.qcow2"),
        backing_store=BackingStore(),
    )
    assert disk.serial == "web-root"
    assert disk.boot == DeviceBoot(order=1)
    assert disk.address == PciAddress(type=AddressType.PCI, domain=0, bus=0, slot=4, function=0)

    cdrom = domxml.parse(CDROM)
    assert isinstance(cdrom, Disk) and cdrom.source is not None and cdrom.target is not None
    assert cdrom.source.protocol is NetworkProtocol.HTTPS
    assert cdrom.target.tray is TrayState.OPEN
    assert cdrom.readonly == Flag()


# --- edited and built in Python ------------------------------------------------


def test_editing_a_disk_keeps_its_layout_and_puts_new_elements_in_libvirts_place() -> None:
    disk = domxml.parse(DISK)
    assert isinstance(disk, Disk) and disk.driver is not None and disk.source is not None
    disk.driver.cache = CacheMode.WRITEBACK
    disk.driver.error_policy = ErrorPolicy.STOP
    disk.source.file = "/var/lib/libvirt/images/web2.qcow2"
    disk.readonly = Flag()
    disk.boot = None
    assert isinstance(disk.address, PciAddress)
    disk.address.slot = 5
    # error_policy goes before discard, where libvirt's formatter writes it.
    assert domxml.to_xml(disk) == (
        "<disk type='file' device='disk'>\n"
        "  <driver name='qemu' type='qcow2' cache='writeback' error_policy='stop'"
        " discard='unmap'/>\n"
        "  <source file='/var/lib/libvirt/images/web2.qcow2'/>\n"
        "  <backingStore type='file'>\n"
        "    <format type='qcow2'/>\n"
        "    <source file='/var/lib/libvirt/images/base.qcow2'/>\n"
        "    <backingStore/>\n"
        "  </backingStore>\n"
        "  <target dev='vda' bus='virtio'/>\n"
        "  <readonly/>\n"
        "  <serial>web-root</serial>\n"
        "  <address type='pci' domain='0x0000' bus='0x00' slot='0x05' function='0x0'/>\n"
        "</disk>\n"
    )


def test_a_disk_added_to_a_parsed_domain_goes_after_the_last_disk() -> None:
    file = data_dir() / "corpus" / "domain" / "qemuxmlconfdata" / "disk-rotation.x86_64-latest.xml"
    if not file.is_file():
        pytest.skip(f"corpus file missing: {file}")
    dom = domxml.parse(file)
    assert isinstance(dom, Domain) and dom.devices is not None
    dom.devices.disks.append(
        FileDisk(
            device=DiskDevice.DISK,
            source=FileDiskSource(file="/var/lib/libvirt/images/extra.img"),
            target=DiskTarget(dev="sdc", bus=DiskBus.SCSI),
            address=DriveAddress(type=AddressType.DRIVE, controller=0, bus=0, target=0, unit=2),
        )
    )
    text = domxml.to_xml(dom)
    added = (
        "    <disk type='file' device='disk'>\n"
        "      <source file='/var/lib/libvirt/images/extra.img'/>\n"
        "      <target dev='sdc' bus='scsi'/>\n"
        "      <address type='drive' controller='0' bus='0' target='0' unit='2'/>\n"
        "    </disk>\n"
        "    <controller type='usb'"
    )
    assert added in text
    assert text.replace(added, "    <controller type='usb'") == file.read_text()


VIRTIO_QCOW2 = """\
<disk type='file' device='disk'>
  <driver name='qemu' type='qcow2' cache='none' io='native' discard='unmap'/>
  <source file='/var/lib/libvirt/images/db.qcow2'/>
  <target dev='vdb' bus='virtio'/>
  <address type='pci' domain='0x0000' bus='0x00' slot='0x05' function='0x0'/>
</disk>
"""


def _virtio_qcow2_disk() -> Disk:
    # Keyword order differs from libvirt's on purpose: the output does not.
    return FileDisk(
        address=PciAddress(type=AddressType.PCI, domain=0, bus=0, slot=5, function=0),
        target=DiskTarget(bus=DiskBus.VIRTIO, dev="vdb"),
        source=FileDiskSource(file="/var/lib/libvirt/images/db.qcow2"),
        driver=DiskDriver(
            discard=DiscardMode.UNMAP,
            io=IoMode.NATIVE,
            cache=CacheMode.NONE,
            type=StorageFormat.QCOW2,
            name="qemu",
        ),
        device=DiskDevice.DISK,
    )


@pytest.mark.parametrize("style", ["parsed", "libvirt"])
def test_a_virtio_qcow2_disk_built_in_python(style: str) -> None:
    assert domxml.to_xml(_virtio_qcow2_disk(), style=style) == VIRTIO_QCOW2


def test_a_built_disk_reads_back_equal() -> None:
    assert domxml.parse(VIRTIO_QCOW2) == _virtio_qcow2_disk()
