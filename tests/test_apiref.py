"""The API reference (docs/reference/) is the one the models' declarations generate."""

from __future__ import annotations

import re
from pathlib import Path

from domxml.binding.reach import reach
from domxml.models import Domain, DomainSnapshot, Network, StoragePool, StorageVolume
from domxml.tools.apiref import generate, main

REFERENCE = Path(__file__).resolve().parent.parent / "docs" / "reference"


def test_committed_pages_equal_generated_ones() -> None:
    pages = generate()
    committed = {p.name for p in REFERENCE.glob("*.md")}
    assert committed == set(pages), "run: python -m domxml.tools.apiref"
    stale = [name for name, text in pages.items() if (REFERENCE / name).read_text() != text]
    assert stale == [], "stale pages; run: python -m domxml.tools.apiref"


def test_every_class_and_enumeration_has_a_section_and_links_resolve() -> None:
    pages = generate()
    found = reach([Domain, Network, StoragePool, StorageVolume, DomainSnapshot])
    anchors = {
        (name, a) for name, text in pages.items() for a in re.findall(r'<a id="([^"]+)">', text)
    }
    assert len(anchors) == len(found.classes) + len(found.enums)
    for name, text in pages.items():
        for page, anchor in re.findall(r"\]\(([a-z-]*\.md)?#([^)]+)\)", text):
            assert (page or name, anchor) in anchors, f"{name}: broken link {page}#{anchor}"


def test_a_field_row_says_xml_name_type_values_and_libvirt_section() -> None:
    devices = generate()["domain-devices.md"]
    assert (
        "| `cache` | `cache` attribute | [`CacheMode`](domain.md#cachemode) |" in devices
        or "| `cache` | `cache` attribute | [`CacheMode`](#cachemode) |" in devices
    )
    assert "libvirt: [formatdomain.html#network-interfaces]" in devices
    assert (
        "| `trust_guest_rx_filters` | `trustGuestRxFilters` attribute | bool | `yes`, `no` |"
        in (devices)
    )


def test_check_mode_reports_a_stale_page(tmp_path: Path) -> None:
    assert main(["--out", str(tmp_path)]) == 0
    assert main(["--out", str(tmp_path), "--check"]) == 0
    (tmp_path / "network.md").write_text("old\n")
    assert main(["--out", str(tmp_path), "--check"]) == 1
