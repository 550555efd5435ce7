"""LXC container configurations → domain XML against libvirt's ``lxcconf2xmltest``.

Every case (each in LXC 3.0 keys and the older ones), with the UUID
libvirt's test puts in place of the random one, counted and printed with
the reason of each mismatch; at least 95% must equal libvirt's output, and
the must-fail cases must fail naming the line. libvirt has no LXC writer:
there is no XML → LXC direction and so no round trip.
"""

from __future__ import annotations

import pytest
from native_support import LXC_TEST_UUID, Tally, compare_xml, lxc_cases, native_dir

import domxml
from domxml.errors import NativeConfigError
from domxml.models.domain import RamFilesystem
from domxml.native import lxc


def test_lxc_to_xml_equals_libvirt() -> None:
    tally = Tally("LXC → XML")
    folder = native_dir() / "lxcconf2xmldata"
    for config, xml, must_fail in lxc_cases():
        if must_fail:
            continue
        try:
            domain, _ = lxc.read((folder / config).read_text(encoding="utf-8"), filename=config)
        except domxml.DomxmlError as error:
            tally.record(config, f"    refused: {error}")
            continue
        domain.uuid = LXC_TEST_UUID
        tally.record(
            config, compare_xml((folder / xml).read_text(encoding="utf-8"), domain, config)
        )
    tally.check()


def test_lxc_must_fail_cases_fail_with_the_line() -> None:
    folder = native_dir() / "lxcconf2xmldata"
    cases = [config for config, _, must_fail in lxc_cases() if must_fail]
    assert cases, "lxcconf2xmltest.c names no must-fail case"
    for config in cases:
        with pytest.raises(NativeConfigError) as caught:
            lxc.read((folder / config).read_text(encoding="utf-8"), filename=config)
        print(f"{config}: {caught.value}")
        assert caught.value.line is not None
        assert "lxc.mount" in caught.value.message


def test_lxc_reads_old_and_new_keys_alike() -> None:
    old, _ = lxc.read("lxc.utsname = c1\nlxc.network.type = veth\nlxc.network.link = br0\n")
    new, _ = lxc.read("lxc.uts.name = c1\nlxc.net.0.type = veth\nlxc.net.0.link = br0\n")
    old.uuid = new.uuid
    assert domxml.to_xml(old) == domxml.to_xml(new)


def test_lxc_warns_of_every_key_it_does_not_map() -> None:
    domain, warnings = lxc.read(
        "lxc.uts.name = c1\n"
        "lxc.apparmor.profile = unconfined\n"
        "lxc.mount.entry = tmpfs run tmpfs size=8m 0 0\n"
        "lxc.net.0.type = veth\n"
        "lxc.net.0.mtu = 1400\n"
    )
    assert [(w.key, w.line) for w in warnings] == [
        ("lxc.apparmor.profile", 2),
        ("lxc.net.0.mtu", 5),
    ]
    assert domain.devices is not None
    (ram,) = domain.devices.filesystems
    assert isinstance(ram, RamFilesystem)
    assert ram.source is not None and ram.source.usage == 8192


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("lxc.uts.name = c1\nlxc.mount.entry = tmpfs run tmpfs nodev 0 0\n", 2, "size="),
        ("lxc.uts.name = c1\nlxc.tty.max = many\n", 2, "lxc.tty.max"),
        ("lxc.uts.name = c1\nlxc.net.0.type = veth\nlxc.net.0.ipv4.address = 10.0.0.1\n", 3, "IP"),
        ("lxc.uts.name = c1\n= x\n", 2, "expecting a name"),
    ],
)
def test_lxc_errors_name_the_line(text: str, line: int, words: str) -> None:
    with pytest.raises(NativeConfigError) as caught:
        lxc.read(text, filename="config")
    assert caught.value.line == line
    assert words in caught.value.message
