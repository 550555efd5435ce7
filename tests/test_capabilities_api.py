"""Capabilities as an API: the examples of ``docs/capabilities.md``, and the questions' edges.

The page's ``>>>`` examples run with ``doctest``, on the two documents the
page ends with (which must be valid for libvirt's schemas and written back
in libvirt's layout). Then the questions on corpus documents: libvirt's own
domain capabilities for QEMU, and its host capabilities.
"""

from __future__ import annotations

import doctest
import re
from pathlib import Path

import pytest
from corpus import require_schema_dir
from kinds_support import entries
from libvirt_support import require_libvirt
from lxml import etree

import domxml
from domxml.models import Capabilities, DomainCapabilities
from domxml.models.domain.cpu import CpuMode

DOC = Path(__file__).resolve().parent.parent / "docs" / "capabilities.md"
XML_BLOCKS = re.compile(r"^```xml\n(.*?)^```", re.M | re.S)


def _documents() -> tuple[str, str]:
    capabilities, domcaps = XML_BLOCKS.findall(DOC.read_text(encoding="utf-8"))
    return capabilities, domcaps


def test_the_pages_examples_run() -> None:
    capabilities, domcaps = _documents()
    result = doctest.testfile(
        str(DOC),
        module_relative=False,
        globs={"CAPABILITIES_XML": capabilities, "DOMCAPS_XML": domcaps},
        optionflags=doctest.ELLIPSIS,
        raise_on_error=False,
        verbose=False,
    )
    assert result.attempted > 20
    assert result.failed == 0


@pytest.mark.parametrize(
    ("which", "schema"), [(0, "capability.rng"), (1, "domaincaps.rng")], ids=["caps", "domcaps"]
)
def test_the_pages_documents_are_libvirts(which: int, schema: str) -> None:
    text = _documents()[which]
    rng = etree.RelaxNG(etree.parse(str(require_schema_dir() / schema)))
    assert rng.validate(etree.fromstring(text.encode())), rng.error_log.last_error
    model = domxml.parse(text)
    assert domxml.untyped(model) == []
    assert domxml.to_xml(model, style="libvirt") == text


def _domcaps(name: str) -> DomainCapabilities:
    (entry,) = [e for e in entries("domaincaps") if e.path.endswith("/" + name)]
    model = domxml.parse(entry.file)
    assert isinstance(model, DomainCapabilities)
    return model


def test_questions_on_libvirts_qemu_domain_capabilities() -> None:
    caps = _domcaps("qemu_10.0.0-q35.x86_64.xml")
    assert caps.firmware_types() == ["bios", "efi"]
    assert caps.cpu_modes() == [
        CpuMode.HOST_PASSTHROUGH,
        CpuMode.MAXIMUM,
        CpuMode.HOST_MODEL,
        CpuMode.CUSTOM,
    ]
    assert "EPYC-Rome" in caps.cpu_models(usable_only=False)
    usable = caps.cpu_models()
    assert usable and set(usable) < set(caps.cpu_models(usable_only=False))
    assert caps.cpu is not None
    custom = caps.cpu.mode("custom")
    assert custom is not None and custom.blockers_of("Broadwell") == [
        "erms",
        "hle",
        "invpcid",
        "pcid",
        "rtm",
    ]
    assert caps.device_values("disk", "bus") == ["fdc", "scsi", "virtio", "usb", "sata"]
    assert caps.device_values("disk", "nonexistent") == []
    assert caps.supports_device("tpm") and not caps.supports_device("nonexistent")
    assert "sev" not in caps.supported_features()


def test_questions_where_libvirt_says_nothing() -> None:
    empty = _domcaps("empty.xml")
    assert empty.firmware_types() == []
    assert empty.loaders() == []
    assert empty.cpu_modes() == []  # listed, none supported
    assert empty.host_model() is None
    assert empty.cpu_models() == []
    assert empty.device("disk") is None
    assert empty.supported_features() == []


def test_questions_on_libvirts_host_capabilities() -> None:
    (entry,) = [e for e in entries("capability") if e.path.endswith("/caps-qemu-kvm.xml")]
    caps = domxml.parse(entry.file)
    assert isinstance(caps, Capabilities)
    assert [a.value for a in caps.archs()][:2] == ["i686", "x86_64"]
    assert caps.machine_types("x86_64") == ["pc-0.11", "pc", "pc-0.10", "isapc"]
    assert caps.machine_types("x86_64", "kvm", canonical=True) == ["pc-0.11", "pc-0.10", "isapc"]
    assert caps.emulator("x86_64", "kvm") == "/usr/bin/qemu-system-x86_64"
    assert caps.domain_types("sparc") == [caps.domain_types("x86_64")[0]]
    assert [g.os_type.value for g in caps.guests_for("x86_64") if g.os_type] == ["hvm", "xen"]
    assert caps.guests_for("x86_64", "exe") == []


def test_the_apply_layer_parses_a_connections_capabilities() -> None:
    require_libvirt()
    import domxml.apply

    conn = domxml.apply.connect("test:///default")
    try:
        caps = domxml.apply.host_capabilities(conn)
        assert isinstance(caps, Capabilities)
        assert caps.archs()
        with pytest.raises(domxml.apply.ApplyError, match="domain capabilities"):
            domxml.apply.domain_capabilities(conn)  # the test driver has none
    finally:
        conn.close()
