"""QEMU firmware descriptors: reading them, the search path, precedence, masking, order.

libvirt's own precedence test (qemufirmwaretest) over its test tree gives
the order below; hand-made trees check each rule on its own; Debian's real
``ovmf`` descriptors are listed with ``domxml firmware list``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from firmware_support import libvirt_root, require_debian_ovmf
from validate_support import run

from domxml import firmware
from domxml.errors import DescriptorError, FirmwareError
from domxml.firmware import (
    DeviceType,
    Feature,
    FlashMapping,
    FlashMode,
    InterfaceType,
    MemoryMapping,
    parse_descriptor,
)
from domxml.firmware.match import machine_matches

__all__ = ["libvirt_root"]

SPLIT = {
    "description": "a split image",
    "interface-types": ["uefi"],
    "mapping": {
        "device": "flash",
        "executable": {"filename": "/fw/CODE.fd", "format": "raw"},
        "nvram-template": {"filename": "/fw/VARS.fd", "format": "raw"},
    },
    "targets": [{"architecture": "x86_64", "machines": ["pc-q35-*"]}],
    "features": ["acpi-s3", "secure-boot", "requires-smm", "shiny-new-thing"],
    "tags": ["a tag"],
}


def write(directory: Path, name: str, content: object) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / name
    path.write_text(content if isinstance(content, str) else json.dumps(content))
    return path


# -- reading one descriptor ----------------------------------------------------------------


def test_split_flash_descriptor() -> None:
    descriptor = parse_descriptor(json.dumps(SPLIT))
    assert descriptor.interface_types == (InterfaceType.UEFI,)
    mapping = descriptor.mapping
    assert isinstance(mapping, FlashMapping)
    assert mapping.device is DeviceType.FLASH
    assert mapping.mode is FlashMode.SPLIT  # the historical default
    assert (mapping.executable.filename, mapping.executable.format) == ("/fw/CODE.fd", "raw")
    assert descriptor.nvram_template is not None
    assert descriptor.nvram_template.filename == "/fw/VARS.fd"
    assert descriptor.features == (Feature.ACPI_S3, Feature.SECURE_BOOT, Feature.REQUIRES_SMM)
    assert descriptor.unknown_features == ("shiny-new-thing",)  # set aside, as libvirt does
    assert (descriptor.description, descriptor.tags) == ("a split image", ("a tag",))
    assert descriptor.supports("x86_64") and not descriptor.supports("aarch64")


def test_memory_and_stateless_descriptors() -> None:
    memory = parse_descriptor(
        json.dumps(
            {
                "interface-types": ["bios"],
                "mapping": {"device": "memory", "filename": "/bios.bin"},
                "targets": [{"architecture": "i386", "machines": ["pc-*"]}],
                "features": [],
            }
        )
    )
    assert isinstance(memory.mapping, MemoryMapping)
    assert memory.executable == "/bios.bin" and memory.nvram_template is None
    assert memory.targets[0].arch == "i686"  # QEMU's i386 is libvirt's i686
    stateless = dict(
        SPLIT,
        mapping={
            "device": "flash",
            "mode": "stateless",
            "executable": {"filename": "/s.fd", "format": "raw"},
        },
    )
    mapping = parse_descriptor(json.dumps(stateless)).mapping
    assert isinstance(mapping, FlashMapping)
    assert mapping.mode is FlashMode.STATELESS and mapping.nvram_template is None


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"interface-types": None}, "failed to get interface-types from 'x.json'"),
        ({"interface-types": ["efi"]}, "unknown interface type: 'efi'"),
        ({"mapping": None}, "missing mapping in 'x.json'"),
        ({"mapping": {"filename": "/a"}}, "missing device type in 'x.json'"),
        ({"mapping": {"device": "rom"}}, "unknown device type in 'x.json'"),
        ({"mapping": {"device": "memory"}}, "missing 'filename' in 'x.json'"),
        (
            {"mapping": {"device": "flash", "mode": "both", "executable": {}}},
            "Firmware flash mode value 'both' unexpected",
        ),
        ({"mapping": {"device": "flash"}}, "missing 'executable' in 'x.json'"),
        (
            {"mapping": {"device": "flash", "executable": {"filename": "/a", "format": "raw"}}},
            "missing 'nvram-template' in 'x.json'",
        ),
        (
            {"mapping": {"device": "flash", "mode": "combined", "executable": {"filename": "/a"}}},
            "missing 'format' in 'x.json'",
        ),
        ({"targets": None}, "failed to get targets from 'x.json'"),
        ({"targets": [{"machines": []}]}, "missing 'architecture' in 'x.json'"),
        ({"targets": [{"architecture": "z80", "machines": []}]}, "unknown architecture 'z80'"),
        ({"targets": [{"architecture": "x86_64"}]}, "missing 'machines' in 'x.json'"),
        ({"features": None}, "failed to get features from 'x.json'"),
    ],
)
def test_descriptor_refused_in_libvirts_words(change: dict[str, object], message: str) -> None:
    document = {key: value for key, value in {**SPLIT, **change}.items() if value is not None}
    with pytest.raises(DescriptorError) as caught:
        parse_descriptor(json.dumps(document), "x.json")
    assert caught.value.message == message
    assert caught.value.filename == "x.json"
    assert isinstance(caught.value, FirmwareError)


def test_not_json() -> None:
    with pytest.raises(DescriptorError) as caught:
        parse_descriptor("../../../usr/share/qemu/firmware/91-bios.json", "x.json")
    assert caught.value.message == "unable to parse json file 'x.json'"


@pytest.mark.parametrize(
    ("glob", "machine", "matches"),
    [
        ("pc-q35-*", "pc-q35-9.2", True),
        ("pc-q35-*", "pc-q35-", True),
        ("pc-q35-*", "pc-i440fx-9.2", False),
        ("virt", "virt", True),
        ("virt", "virt-9.2", False),
        ("virt-?.?", "virt-9.2", True),
        ("pc-[iq]*", "pc-q35-9.2", False),  # only * and ? are special
        ("pc-[iq]*", "pc-[iq]35", True),
    ],
)
def test_machine_globs(glob: str, machine: str, matches: bool) -> None:
    assert machine_matches(glob, machine) is matches


# -- the search path ---------------------------------------------------------------------


def test_libvirts_precedence_order(libvirt_root: Path) -> None:
    """The order of libvirt's qemufirmwaretest, plus the two descriptors added since."""
    catalog = firmware.load_catalog(libvirt_root)
    assert [entry.path for entry in catalog.used] == [
        "/etc/qemu/firmware/20-bios.json",
        "/usr/share/qemu/firmware/30-edk2-ovmf-4m-qcow2-x64-sb-enrolled.json",
        "/usr/share/qemu/firmware/31-edk2-ovmf-2m-raw-x64-sb-enrolled.json",
        "/usr/share/qemu/firmware/40-edk2-ovmf-4m-qcow2-x64-sb.json",
        "/usr/share/qemu/firmware/41-edk2-ovmf-2m-raw-x64-sb.json",
        "/usr/share/qemu/firmware/50-edk2-aarch64-qcow2.json",
        "/usr/share/qemu/firmware/50-edk2-loongarch64.json",
        "/usr/share/qemu/firmware/50-edk2-ovmf-4m-qcow2-x64-nosb.json",
        "/usr/share/qemu/firmware/50-edk2-ovmf-x64-microvm.json",
        "/usr/share/qemu/firmware/50-edk2-riscv-qcow2.json",
        "/usr/share/qemu/firmware/51-edk2-aarch64-raw.json",
        "/usr/share/qemu/firmware/51-edk2-ovmf-2m-raw-x64-nosb.json",
        "/usr/share/qemu/firmware/52-edk2-aarch64-verbose-qcow2.json",
        "/usr/share/qemu/firmware/53-edk2-aarch64-verbose-raw.json",
        "/etc/qemu/firmware/59-combined.json",
        "/usr/share/qemu/firmware/60-edk2-ovmf-x64-amdsev.json",
        "/usr/share/qemu/firmware/60-edk2-ovmf-x64-inteltdx.json",
        "/usr/share/qemu/firmware/90-combined.json",
        "/usr/share/qemu/firmware/91-bios.json",
    ]
    masked = {entry.path: entry.hidden for entry in catalog.masked}
    assert masked == {
        "/etc/qemu/firmware/92-masked.json": ("/usr/share/qemu/firmware/92-masked.json",)
    }
    assert [(entry.path, entry.error) for entry in catalog.invalid] == [
        (
            "/usr/share/qemu/firmware/93-invalid.json",
            "failed to get interface-types from '/usr/share/qemu/firmware/93-invalid.json'",
        )
    ]


def test_the_system_daemon_ignores_the_users_directory(libvirt_root: Path) -> None:
    system = firmware.load_catalog(libvirt_root)
    session = firmware.load_catalog(libvirt_root, session=True, config_home="/home/user/.config")
    assert "/home/user/.config/qemu/firmware" not in system.dirs
    assert session.dirs[0] == "/home/user/.config/qemu/firmware"
    user = [entry for entry in session.files if entry.path.startswith("/home/")]
    assert [(entry.name, entry.status, entry.hidden) for entry in user] == [
        ("10-bios.json", "masked", ())  # empty, and no other 10-bios.json: it masks nothing
    ]


def test_override_mask_and_order(tmp_path: Path) -> None:
    usr = tmp_path / "usr/share/qemu/firmware"
    etc = tmp_path / "etc/qemu/firmware"
    home = tmp_path / "home/me/.config/qemu/firmware"
    write(usr, "50-vendor.json", SPLIT)
    write(usr, "60-masked.json", SPLIT)
    write(usr, "70-overridden.json", SPLIT)
    write(usr, ".hidden.json", SPLIT)
    write(usr, "README", "not a descriptor")  # any name counts, as in libvirt
    (usr / "80-a-directory").mkdir()
    write(etc, "60-masked.json", "")
    write(etc, "70-overridden.json", dict(SPLIT, description="the admin's"))
    write(etc, "10-admin.json", dict(SPLIT, description="first by name"))
    write(home, "55-mine.json", dict(SPLIT, description="the user's"))
    catalog = firmware.load_catalog(tmp_path, session=True, config_home="/home/me/.config")
    assert [(e.path, e.status) for e in catalog.files] == [
        ("/etc/qemu/firmware/10-admin.json", "used"),
        ("/usr/share/qemu/firmware/50-vendor.json", "used"),
        ("/home/me/.config/qemu/firmware/55-mine.json", "used"),
        ("/etc/qemu/firmware/60-masked.json", "masked"),
        ("/etc/qemu/firmware/70-overridden.json", "used"),
        ("/usr/share/qemu/firmware/README", "invalid"),
    ]
    overriding = catalog.files[4]
    assert overriding.hidden == ("/usr/share/qemu/firmware/70-overridden.json",)
    assert overriding.descriptor is not None and overriding.descriptor.description == "the admin's"
    assert catalog.files[3].hidden == ("/usr/share/qemu/firmware/60-masked.json",)


def test_dangling_link_is_reported_not_fatal(tmp_path: Path) -> None:
    usr = tmp_path / "usr/share/qemu/firmware"
    write(usr, "50-ok.json", SPLIT)
    (usr / "40-gone.json").symlink_to(tmp_path / "nowhere.json")
    catalog = firmware.load_catalog(tmp_path)
    assert [entry.name for entry in catalog.used] == ["50-ok.json"]
    assert catalog.problems and catalog.problems[0].startswith(
        "/usr/share/qemu/firmware/40-gone.json:"
    )


def test_missing_directories_give_an_empty_catalog(tmp_path: Path) -> None:
    catalog = firmware.load_catalog(tmp_path)
    assert catalog.files == () and catalog.used == []
    assert run("firmware", "list", "--root", str(tmp_path)).out.endswith(
        "no firmware descriptor found\n"
    )


# -- domxml firmware list -----------------------------------------------------------------


def test_list_text(libvirt_root: Path) -> None:
    result = run("firmware", "list", "--root", str(libvirt_root), "--arch", "aarch64")
    assert result.code == 0
    assert "1. /usr/share/qemu/firmware/50-edk2-aarch64-qcow2.json" in result.out
    assert (
        "flash (split): /usr/share/edk2/aarch64/QEMU_EFI-silent-pflash.qcow2 [qcow2]" in result.out
    )
    assert "x86_64" not in result.out.split("not used:")[0]
    assert (
        "/etc/qemu/firmware/92-masked.json: masks /usr/share/qemu/firmware/92-masked.json"
        in result.out
    )
    assert "93-invalid.json: invalid: failed to get interface-types" in result.out


def test_list_json(libvirt_root: Path) -> None:
    result = run(
        "firmware", "list", "--root", str(libvirt_root), "--format", "json",
        "--arch", "x86_64", "--machine", "pc-i440fx-9.2",
    )  # fmt: skip
    document = result.json()
    used = [item for item in document["files"] if item["status"] == "used"]
    assert [item["path"].rsplit("/", 1)[1] for item in used] == [
        "20-bios.json",
        "50-edk2-ovmf-4m-qcow2-x64-nosb.json",
        "51-edk2-ovmf-2m-raw-x64-nosb.json",
        "91-bios.json",
    ]
    nosb = used[1]["descriptor"]
    assert nosb["mapping"]["nvram-template"] == {
        "filename": "/usr/share/edk2/ovmf/OVMF_VARS_4M.qcow2",
        "format": "qcow2",
    }
    assert used[1]["warnings"] == []


def test_list_flags_inconsistent_features(tmp_path: Path) -> None:
    write(
        tmp_path / "usr/share/qemu/firmware", "50-odd.json", dict(SPLIT, features=["enrolled-keys"])
    )
    result = run("firmware", "list", "--root", str(tmp_path))
    assert "warning: invalid set of features: enrolled-keys without secure-boot" in result.out


def test_list_debian_ovmf() -> None:
    """Debian's ovmf package: every descriptor readable, every image it names installed."""
    require_debian_ovmf()
    result = run("firmware", "list", "--format", "json")
    assert result.code == 0
    files = result.json()["files"]
    debian = [item for item in files if item["path"].startswith("/usr/share/qemu/firmware/")]
    assert debian and all(item["status"] == "used" for item in debian)
    # The images of the ovmf package (x86_64). Debian 12's qemu-efi-aarch64
    # ships a descriptor (40-edk2-aarch64-secure-enrolled.json) naming an
    # AAVMF_CODE.secboot.fd it does not ship: a packaging bug, not ours.
    for item in debian:
        if "/OVMF/" not in item["descriptor"]["mapping"]["executable"]["filename"]:
            continue
        mapping = item["descriptor"]["mapping"]
        assert Path(mapping["executable"]["filename"]).is_file()
        assert Path(mapping["nvram-template"]["filename"]).is_file()
    names = [item["path"] for item in files if item["status"] == "used"]
    assert names == sorted(names, key=lambda path: path.rsplit("/", 1)[1])
    text = run("firmware", "list").out
    assert "interfaces: uefi" in text and "/usr/share/OVMF/" in text


def test_firmware_needs_an_action() -> None:
    assert run("firmware").code == 2
