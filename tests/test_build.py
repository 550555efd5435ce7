"""``domxml.build``: the choices vm() makes from intent, OS and host, and what it refuses."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from corpus import data_dir, in_ci
from libvirt_support import test_conn  # noqa: F401  (a fixture)

import domxml
from domxml.build import (
    BUILTIN,
    DEFAULTS,
    BuildError,
    HostCaps,
    HostSupportError,
    OsInfo,
    bridge,
    cdrom,
    direct,
    disk,
    lookup,
    network,
    seed,
    vm,
)
from domxml.models.domain import (
    BridgeInterface,
    DirectInterface,
    Disk,
    DiskBus,
    DiskTarget,
    Domain,
    FileDisk,
    FileDiskSource,
    NetworkInterface,
    NetworkSource,
)

IMG = "/var/lib/libvirt/images/vm.qcow2"
LINUX = BUILTIN["debian12"]
WINDOWS = BUILTIN["win10"]


def _xml(dom: Domain) -> str:
    return domxml.to_xml(dom)


def _devices(dom: Domain) -> dict[str, list[str]]:
    """Each device element's tag, type/model and bus, as compact words."""
    from lxml import etree

    root = etree.fromstring(_xml(dom).encode())
    words: dict[str, list[str]] = {}
    devices = root.find("devices")
    assert devices is not None
    for node in devices:
        what = node.get("type") or node.get("model") or ""
        model = node.find("model")
        if node.tag in ("video", "interface") and model is not None:
            what = model.get("type", "")
        if node.tag == "controller":
            what = f"{node.get('type')}/{node.get('model')}"
        if node.tag == "disk":
            target = node.find("target")
            assert target is not None
            what = f"{node.get('device')}/{target.get('bus')}/{target.get('dev')}"
        if node.tag == "channel":
            target = node.find("target")
            assert target is not None
            what = target.get("name", "")
        words.setdefault(node.tag, []).append(what)
    return words


def test_the_issue_example_is_complete() -> None:
    dom = vm(
        "web01",
        memory="4 GiB",
        vcpus=2,
        disks=[disk(IMG, size="20 GiB")],
        nics=[bridge("br0")],
        firmware="efi",
        secure_boot=True,
        os=LINUX,
    )
    devices = _devices(dom)
    assert devices["disk"] == ["disk/virtio/vda"]
    assert devices["interface"] == ["virtio"]
    assert devices["controller"] == ["usb/qemu-xhci", "pci/pcie-root"] + ["pci/pcie-root-port"] * 14
    assert devices["console"] == ["pty"]
    assert devices["channel"] == ["org.qemu.guest_agent.0"]
    assert devices["rng"] == ["virtio"] and devices["memballoon"] == ["virtio"]
    assert devices["tpm"] == ["tpm-crb"]
    assert "graphics" not in devices and "video" not in devices and "input" not in devices
    xml = _xml(dom)
    assert "<os firmware='efi'>" in xml and "machine='q35'" in xml
    assert "<feature enabled='yes' name='secure-boot'/>" in xml
    assert "<smm state='on'/>" in xml
    assert "<cpu mode='host-passthrough'/>" in xml
    assert "<memory unit='GiB'>4</memory>" in xml


@pytest.mark.parametrize(
    ("graphics", "os", "expected"),
    [
        ("vnc", LINUX, {"graphics": ["vnc"], "video": ["virtio"], "input": ["tablet"]}),
        ("spice", WINDOWS, {"graphics": ["spice"], "video": ["qxl"], "sound": ["ich9"]}),
        ("vnc", WINDOWS, {"graphics": ["vnc"], "video": ["vga"], "input": ["tablet"]}),
    ],
)
def test_a_graphical_guest_gets_display_video_and_tablet(
    graphics: str, os: OsInfo, expected: dict[str, list[str]]
) -> None:
    devices = _devices(vm("g", os=os, graphics=graphics))
    for tag, words in expected.items():
        assert devices[tag] == words, tag


def test_spice_brings_its_agent_channel_and_usb_redirection() -> None:
    dom = vm("g", os=LINUX, graphics="spice")
    assert "<vmport state='off'/>" in _xml(dom)
    devices = _devices(dom)
    assert devices["channel"] == ["org.qemu.guest_agent.0", "com.redhat.spice.0"]
    assert devices["redirdev"] == ["spicevmc", "spicevmc"]


def test_uefi_without_virtio_gpu_gets_bochs() -> None:
    os = replace(LINUX, virtio=LINUX.virtio - {"gpu"})
    assert _devices(vm("g", os=os, graphics="vnc", firmware="efi"))["video"] == ["bochs"]


def test_windows_gets_emulated_devices_hyperv_and_local_time() -> None:
    dom = vm("w", os=WINDOWS, disks=[disk(IMG), cdrom("/x.iso")], nics=[network()])
    devices = _devices(dom)
    assert devices["disk"] == ["disk/sata/sda", "cdrom/sata/sdb"]
    assert devices["interface"] == ["e1000e"]
    assert "channel" not in devices and "rng" not in devices and "memballoon" not in devices
    xml = _xml(dom)
    assert "<relaxed state='on'/>" in xml and "retries='8191'" in xml
    assert "<vmport" not in xml  # with SPICE only
    assert "<libosinfo:os id='http://microsoft.com/win/10'/>" in xml.replace('"', "'")
    assert "<clock offset='localtime'>" in xml and "name='hypervclock' present='yes'" in xml
    assert "<boot dev='hd'/>\n    <boot dev='cdrom'/>" in xml


def test_windows_11_needs_uefi_and_a_tpm() -> None:
    win11 = BUILTIN["win11"]
    assert "<os firmware='efi'>" in _xml(vm("w", os=win11))
    with pytest.raises(BuildError, match="UEFI only"):
        vm("w", os=win11, firmware="bios")
    with pytest.raises(BuildError, match="needs a TPM"):
        vm("w", os=win11, tpm=False)


def test_disk_buses_and_target_names() -> None:
    dom = vm(
        "d",
        os=LINUX,
        disks=[
            disk(IMG),
            disk("/dev/vg0/data"),
            disk(IMG, bus="scsi"),
            disk(IMG, bus="sata"),
            seed("/seed.iso"),
        ],
    )
    devices = _devices(dom)
    assert devices["disk"] == [
        "disk/virtio/vda",
        "disk/virtio/vdb",
        "disk/scsi/sda",
        "disk/sata/sdb",
        "cdrom/sata/sdc",
    ]
    assert "scsi/virtio-scsi" in devices["controller"]
    xml = _xml(dom)
    assert "<disk type='block' device='disk'>" in xml and "<source dev='/dev/vg0/data'/>" in xml
    assert "<driver name='qemu' type='raw'/>" in xml and "<readonly/>" in xml


def test_a_bare_file_name_is_in_the_image_directory() -> None:
    dom = vm("b", os=LINUX, disks=[disk("b.qcow2")])
    assert "<source file='/var/lib/libvirt/images/b.qcow2'/>" in _xml(dom)
    moved = replace(DEFAULTS, image_dir="/srv/vms")
    assert "<source file='/srv/vms/b.qcow2'/>" in _xml(
        vm("b", os=LINUX, disks=[disk("b.qcow2")], defaults=moved)
    )


def test_typed_models_pass_through_and_keep_their_target() -> None:
    own = FileDisk(
        source=FileDiskSource(file=IMG), target=DiskTarget(dev="vda", bus=DiskBus.VIRTIO)
    )
    nic = NetworkInterface(source=NetworkSource(network="lan"))
    dom = vm("t", os=LINUX, disks=[own, disk(IMG)], nics=[nic])
    assert dom.devices is not None
    assert dom.devices.disks[0] is own and dom.devices.interfaces[0] is nic
    assert isinstance(dom.devices.disks[1], Disk) and dom.devices.disks[1].target is not None
    assert dom.devices.disks[1].target.dev == "vdb"


def test_nic_kinds() -> None:
    dom = vm("n", os=LINUX, nics=[bridge("br0"), network("lan"), direct("eth0", mode="vepa")])
    assert dom.devices is not None
    kinds = [type(n) for n in dom.devices.interfaces]
    assert kinds == [BridgeInterface, NetworkInterface, DirectInterface]
    assert "<source dev='eth0' mode='vepa'/>" in _xml(dom)


def test_aarch64_virt() -> None:
    dom = vm("a", os=LINUX, arch="aarch64", domain_type="qemu", disks=[disk(IMG), cdrom()])
    xml = _xml(dom)
    assert "<type arch='aarch64' machine='virt'>hvm</type>" in xml
    assert "<os firmware='efi'>" in xml and "<cpu mode='maximum'/>" in xml
    assert "<apic/>" not in xml and "<pm>" not in xml and "<timer" not in xml
    assert _devices(dom)["disk"] == ["disk/virtio/vda", "cdrom/scsi/sda"]
    with pytest.raises(BuildError, match="UEFI only"):
        vm("a", os=LINUX, arch="aarch64", firmware="bios")


def test_legacy_pc_machine_has_no_pcie_ports() -> None:
    devices = _devices(vm("p", os=LINUX, machine="pc", disks=[cdrom("/x.iso")]))
    assert devices["controller"] == ["usb/qemu-xhci"]
    assert devices["disk"] == ["cdrom/ide/hda"]


def test_defaults_are_overridable() -> None:
    small = replace(DEFAULTS, pcie_root_ports=2, memory_mib=512, rng_device="/dev/random")
    dom = vm("s", os=BUILTIN["generic"], defaults=small)
    devices = _devices(dom)
    assert devices["controller"].count("pci/pcie-root-port") == 2
    assert "<memory unit='MiB'>512</memory>" in _xml(dom)
    assert "/dev/random</backend>" in _xml(dom)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: vm("x", memory="four GiB"), "not a size"),
        (lambda: vm("x", firmware="coreboot"), "not a firmware"),
        (lambda: vm("x", firmware="bios", secure_boot=True), "Secure Boot needs UEFI"),
        (lambda: vm("x", graphics="sdl"), "not a graphics kind"),
        (lambda: vm("x", disks=[disk(IMG, bus="floppy")]), "not a disk bus"),
        (lambda: vm("x", disks=[disk(IMG, cache="fast")]), "not a cache mode"),
        (lambda: vm("x", nics=[direct("eth0", mode="sideways")]), "not a macvtap mode"),
        (lambda: vm("x", vcpus=0), "at least 1"),
        (lambda: vm("x", os="debian99"), "unknown operating system 'debian99'"),
    ],
)
def test_what_cannot_be_built_is_a_build_error(call: Callable[[], object], message: str) -> None:
    with pytest.raises(BuildError, match=message):
        call()


# --- the operating system's facts ---------------------------------------------------


def test_builtin_table_without_a_database(tmp_path: Path) -> None:
    info = lookup("win11", db=tmp_path)
    assert info.source == "built-in" and info.is_windows and info.needs_tpm


def test_libosinfo_database_entries_and_inheritance(tmp_path: Path) -> None:
    os_dir = tmp_path / "os" / "example.org"
    os_dir.mkdir(parents=True)
    (os_dir / "base.xml").write_text(
        """<libosinfo version="0.0.1"><os id="http://example.org/base/1">
  <short-id>base1</short-id><family>linux</family>
  <devices><device id="http://pcisig.com/pci/1af4/1041"/>
  <device id="http://pcisig.com/pci/1af4/1042"/></devices>
  <resources arch="all"><recommended><ram>3221225472</ram></recommended></resources>
</os></libosinfo>"""
    )
    (os_dir / "child.xml").write_text(
        """<libosinfo version="0.0.1"><os id="http://example.org/child/2">
  <short-id>child2</short-id><derives-from id="http://example.org/base/1"/>
  <firmware arch="x86_64" type="bios" supported="false"/>
</os></libosinfo>"""
    )
    info = lookup("child2", db=tmp_path)
    assert info.source == "osinfo-db" and info.id == "http://example.org/child/2"
    assert info.virtio == {"net", "block"}
    assert info.memory_mib == 3072 and info.firmware_required == "efi"
    devices = _devices(vm("c", os=info, disks=[disk(IMG)], nics=[network()]))
    assert devices["disk"] == ["disk/virtio/vda"] and devices["interface"] == ["virtio"]
    assert "rng" not in devices and "channel" not in devices


def test_installed_osinfo_db_is_read() -> None:
    if not Path("/usr/share/osinfo/os/microsoft.com/win-10.xml").is_file():
        if in_ci():
            pytest.fail("libosinfo's database is not installed (Debian: osinfo-db)")
        pytest.skip("libosinfo's database is not installed (Debian: osinfo-db)")
    info = lookup("win10", db="/usr/share/osinfo")
    assert info.source == "osinfo-db" and info.is_windows and info.virtio == frozenset()
    assert lookup("debian11", db="/usr/share/osinfo").virtio >= {"net", "block", "rng"}


# --- the host's capabilities --------------------------------------------------------


def _caps(name: str) -> HostCaps:
    path = data_dir() / "corpus" / "domaincaps" / "domaincapsdata" / name
    if not path.is_file():
        if in_ci():
            pytest.fail(f"domain capabilities sample missing: {path}")
        pytest.skip(f"domain capabilities sample missing: {path}")
    return HostCaps.from_file(path)


def _edited(caps_name: str, old: str, new: str) -> HostCaps:
    path = data_dir() / "corpus" / "domaincaps" / "domaincapsdata" / caps_name
    _caps(caps_name)
    text = path.read_text()
    assert old in text
    return HostCaps(text.replace(old, new), source="edited")


def test_host_capabilities_decide_machine_emulator_cpu_and_models() -> None:
    host = _caps("qemu_10.0.0-q35.x86_64.xml")
    assert host.machine == "pc-q35-10.0" and host.domain_type == "kvm"
    assert "efi" in host.firmwares and host.secure_boot
    dom = vm("h", os=LINUX, firmware="efi", secure_boot=True, graphics="spice", host=host)
    xml = _xml(dom)
    assert "machine='pc-q35-10.0'" in xml
    assert "<emulator>/usr/bin/qemu-system-x86_64</emulator>" in xml
    assert "<cpu mode='host-passthrough'/>" in xml


def test_tcg_capabilities_give_the_maximum_cpu() -> None:
    host = _caps("qemu_10.0.0-tcg.x86_64.xml")
    assert "host-passthrough" not in host.cpu_modes
    xml = _xml(vm("t", os=LINUX, host=host))
    assert "<domain type='qemu'>" in xml and "<cpu mode='maximum'/>" in xml


def test_aarch64_capabilities() -> None:
    host = _caps("qemu_8.2.0-virt.aarch64.xml")
    xml = _xml(vm("a", os=LINUX, host=host))
    assert "arch='aarch64' machine='virt-8.2'" in xml and "qemu-system-aarch64" in xml
    with pytest.raises(HostSupportError, match="no Secure Boot firmware"):
        vm("a", os=LINUX, secure_boot=True, host=host)
    with pytest.raises(HostSupportError, match="for aarch64, not x86_64"):
        vm("a", os=LINUX, arch="x86_64", host=host)


@pytest.mark.parametrize(
    ("old", "new", "kwargs", "message"),
    [
        (
            "<value>spice</value>",
            "",
            {"graphics": "spice"},
            "cannot run graphics 'spice'",
        ),
        ("<value>emulator</value>", "", {"os": BUILTIN["win11"]}, "cannot emulate a TPM"),
        ("<value>sata</value>", "", {"disks": [disk(IMG, bus="sata")]}, "disk bus 'sata'"),
        (
            "<mode name='host-passthrough' supported='yes'>",
            "<mode name='host-passthrough' supported='no'>",
            {},
            "CPU mode 'host-passthrough'",
        ),
        ("<vcpu max='4096'/>", "<vcpu max='2'/>", {"vcpus": 4}, "at most 2 vCPUs"),
    ],
)
def test_what_the_host_cannot_run_is_refused(
    old: str, new: str, kwargs: dict[str, object], message: str
) -> None:
    host = _edited("qemu_10.0.0-q35.x86_64.xml", old, new)
    args: dict[str, object] = {"os": LINUX, **kwargs}
    with pytest.raises(HostSupportError, match=message):
        vm("x", host=host, **args)  # type: ignore[arg-type]


def test_uefi_on_a_host_without_it_is_refused() -> None:
    _caps("qemu_10.0.0-q35.x86_64.xml")
    path = data_dir() / "corpus" / "domaincaps" / "domaincapsdata" / "qemu_10.0.0-q35.x86_64.xml"
    text = path.read_text()
    start, end = text.index("<os supported='yes'>"), text.index("</os>") + len("</os>")
    host = HostCaps(text[:start] + "<os supported='no'/>" + text[end:], source="no-uefi")
    assert not host.firmwares and not host.loaders
    with pytest.raises(HostSupportError, match="no UEFI firmware"):
        vm("x", os=LINUX, firmware="efi", host=host)
    vm("x", os=LINUX, firmware="bios", host=host)  # BIOS needs no descriptor


def test_a_firmware_list_without_efi_is_believed_over_loader_paths() -> None:
    # libvirt lists its built-in (x86) loader paths for an architecture it
    # has no firmware descriptor for; the empty firmware list says the truth.
    host = _edited(
        "qemu_8.2.0-virt.aarch64.xml",
        "<enum name='firmware'>\n      <value>efi</value>\n    </enum>",
        "<enum name='firmware'/>",
    )
    assert host.firmwares == set() and host.loaders
    with pytest.raises(HostSupportError, match="no UEFI firmware for aarch64"):
        vm("a", os=LINUX, host=host)


def test_host_capabilities_that_are_not_capabilities() -> None:
    with pytest.raises(BuildError, match="not <domainCapabilities>"):
        HostCaps("<capabilities/>")
    with pytest.raises(BuildError, match="not XML"):
        HostCaps("<domainCapabilities>")


def test_a_disk_with_a_size_gives_the_volume_to_create() -> None:
    from domxml.build import volume

    vol = volume(disk("/var/lib/libvirt/images/web01.qcow2", size="20 GiB"))
    assert vol.name == "web01.qcow2"
    assert vol.capacity is not None and vol.capacity.value == 20 * 2**30
    assert "<format type='qcow2'/>" in domxml.to_xml(vol)
    assert volume(disk("/x/data.img", size=1)).capacity is not None
    with pytest.raises(BuildError, match="give size="):
        volume(disk(IMG))
    with pytest.raises(BuildError, match="block device"):
        volume(disk("/dev/vg0/lv", size=1))


def test_the_volume_is_created_in_a_pool(test_conn: Any) -> None:  # noqa: F811
    from domxml.apply import apply
    from domxml.build import volume

    vol = volume(disk("/default-pool/domxml-build-vol.qcow2", size="1 GiB"))
    (outcome,) = apply(test_conn, [vol], pool="default-pool").outcomes
    try:
        assert outcome.action == "created"
        made = test_conn.storagePoolLookupByName("default-pool").storageVolLookupByName(
            "domxml-build-vol.qcow2"
        )
        assert made.info()[1] == 2**30
    finally:
        test_conn.storagePoolLookupByName("default-pool").storageVolLookupByName(
            "domxml-build-vol.qcow2"
        ).delete(0)
