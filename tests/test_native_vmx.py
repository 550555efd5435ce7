"""VMware ``.vmx`` ↔ domain XML against libvirt's ``vmx2xmltest`` and ``xml2vmxtest``.

Each direction runs every case of libvirt's test program, with its
settings (the made-up datastores of ``testParseVMXFileName``, the virtual
hardware version of each ``xml2vmx`` case), prints how many give
libvirt's expected output and why the others do not, and fails below 95%.
"""

from __future__ import annotations

import re

import pytest
from native_support import (
    ROUND_TRIP,
    Tally,
    compare_keys,
    compare_xml,
    native_dir,
    round_trip_losses,
    vmx_format_file_name,
    vmx_parse_file_name,
    vmx_read_cases,
    vmx_write_cases,
)

import domxml
from domxml.errors import NativeConfigError
from domxml.models.domain import Domain
from domxml.native import NativeWarning, vmx

#: vmx2xmltest.c gives this one case a datacenter path.
DATACENTER_PATHS = {"datacenterpath": "folder1/folder2/datacenter1"}


def _read(name: str) -> tuple[Domain, list[NativeWarning]]:
    data = (native_dir() / "vmx2xmldata" / f"{name}.vmx").read_bytes()
    return vmx.read(
        data,
        parse_file_name=vmx_parse_file_name,
        datacenter_path=DATACENTER_PATHS.get(name),
        filename=f"{name}.vmx",
    )


def test_vmx_to_xml_equals_libvirt() -> None:
    tally = Tally(".vmx → XML")
    for name, must_fail in vmx_read_cases():
        if must_fail:
            continue
        expected = (native_dir() / "vmx2xmldata" / f"{name}.xml").read_text(encoding="utf-8")
        try:
            domain, _ = _read(name)
        except domxml.DomxmlError as error:
            tally.record(name, f"    refused: {error}")
            continue
        tally.record(name, compare_xml(expected, domain, name))
    tally.check()


def test_vmx_files_the_test_program_does_not_list() -> None:
    """Pairs in vmx2xmldata/ that vmx2xmltest.c does not run (ethernet-vds-no-params)."""
    listed = {name for name, _ in vmx_read_cases()}
    folder = native_dir() / "vmx2xmldata"
    extra = sorted(
        p.stem
        for p in folder.glob("*.vmx")
        if p.stem not in listed and p.with_suffix(".xml").exists()
    )
    tally = Tally(".vmx → XML, files not in vmx2xmltest.c")
    for name in extra:
        domain, _ = _read(name)
        tally.record(name, compare_xml((folder / f"{name}.xml").read_text("utf-8"), domain, name))
    if tally.total:
        tally.check(threshold=1.0)


def test_vmx_must_fail_cases_fail_with_the_line() -> None:
    cases = [name for name, must_fail in vmx_read_cases() if must_fail]
    assert cases, "vmx2xmltest.c names no must-fail case"
    for name in cases:
        with pytest.raises(NativeConfigError) as caught:
            _read(name)
        error = caught.value
        print(f"{name}: {error}")
        assert error.line is not None, f"{name}: no line number in {error}"
        assert error.filename == f"{name}.vmx"
        # the message names the key at fault
        assert re.search(r"'\w+\d*(:\d+)?\.\w+'", error.message), error.message


def test_xml_to_vmx_equals_libvirt() -> None:
    tally = Tally("XML → .vmx")
    for source, out, version in vmx_write_cases():
        folder = native_dir() / "xml2vmxdata"
        domain = domxml.parse(folder / f"xml2vmx-{source}.xml")
        expected = (folder / f"xml2vmx-{out}.vmx").read_text(encoding="utf-8")
        assert isinstance(domain, Domain)
        try:
            text, _ = vmx.write(
                domain, virtual_hw_version=version, format_file_name=vmx_format_file_name
            )
        except domxml.DomxmlError as error:
            tally.record(source, f"    refused: {error}")
            continue
        tally.record(source, compare_keys(expected, text, "vmx"))
    tally.check()


def test_vmx_round_trip_keeps_what_maps() -> None:
    """.vmx → XML → .vmx: read again, the file gives the same domain."""
    tally = Tally(".vmx → XML → .vmx", ROUND_TRIP)
    for name, must_fail in vmx_read_cases():
        if must_fail:
            continue
        data = (native_dir() / "vmx2xmldata" / f"{name}.vmx").read_bytes()
        found = re.search(rb'virtualHW\.version\s*=\s*"(\d+)"', data, re.IGNORECASE)
        assert found is not None, name
        version = int(found.group(1))
        encoding = re.search(rb'\.encoding\s*=\s*"([^"]+)"', data)
        text = data.decode(encoding.group(1).decode() if encoding else "utf-8")

        def read(source: str) -> tuple[Domain, list[object]]:
            return vmx.read(source, parse_file_name=vmx_parse_file_name)  # type: ignore[return-value]

        def write(domain: Domain, version: int = version) -> tuple[str, list[object]]:
            return vmx.write(  # type: ignore[return-value]
                domain, virtual_hw_version=version, format_file_name=vmx_format_file_name
            )

        losses = round_trip_losses(text, "vmx", read, write)
        tally.record(name, "\n".join(f"    {loss}" for loss in losses) if losses else None)
    tally.check(threshold=1.0)


def test_vmx_warns_of_every_key_it_does_not_map() -> None:
    domain, warnings = vmx.read(
        'config.version = "8"\n'
        'virtualHW.version = "4"\n'
        'displayName = "vm"\n'
        'tools.syncTime = "TRUE"\n'
        'ide0:0.present = "true"\n'
        'ide0:0.clientDevice = "true"\n'
        'ide0:0.deviceType = "cdrom-raw"\n'
    )
    assert domain.name == "vm"
    by_key = {w.key: w for w in warnings}
    assert by_key["tools.syncTime"].line == 4
    assert "client device" in by_key["ide0:0.clientDevice"].message
    assert "ide0:0.deviceType" not in by_key  # read, and part of what was left out


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ('config.version = "8"\nvirtualHW.version = 4\n', 2, "numbers are not allowed"),
        ('config.version = "8"\nvirtualHW.version = "4\n', 2, "unterminated string"),
        ('config.version = "8"\n= "x"\n', 2, "expecting a name"),
        ('config.version = "7"\nvirtualHW.version = "4"\n', 1, "config.version"),
        ('config.version = "8"\nvirtualHW.version = "4"\nmemsize = "33"\n', 3, "multiple of 4"),
    ],
)
def test_vmx_errors_name_the_line(text: str, line: int, words: str) -> None:
    with pytest.raises(NativeConfigError) as caught:
        vmx.read(text, filename="vm.vmx")
    assert caught.value.line == line
    assert words in str(caught.value)
    assert str(caught.value).startswith(f"vm.vmx:{line}: ")


def test_datastore_file_names_map_both_ways() -> None:
    parse, format_ = vmx.datastore_file_names("ds1", "vm")
    assert parse("/vmfs/volumes/ds2/other/disk.vmdk", False) == "[ds2] other/disk.vmdk"
    assert parse("disk.vmdk", False) == "[ds1] vm/disk.vmdk"
    assert parse("/dev/cdrom", True) == "/dev/cdrom"
    assert format_("[ds2] other/disk.vmdk") == "/vmfs/volumes/ds2/other/disk.vmdk"
    with pytest.raises(ValueError):
        format_("relative/disk.vmdk")
