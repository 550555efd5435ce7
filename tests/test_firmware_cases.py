"""libvirt's own firmware test cases, resolved offline: all 80 of ``cases.tsv``.

Each case is a domain, the architecture and mode libvirt's test used
(``latest``: a definition re-read; ``abi-update``: a domain being defined),
and what libvirt 11.3.0's QEMU driver made of it on its fake host (the
descriptor tree in ``firmware/descriptors``): a domain document, of which
the firmware selection's result is compared (``<os firmware>``,
``<firmware>`` features, ``<loader>``, ``<nvram>``, ``<features><smm>``;
the rest is other defaults libvirt filled in), or an error, compared word
for word.

Two error cases are decided outside firmware selection, by the QEMU
driver's ACPI checks (``firmware-manual-efi-noacpi-q35``,
``firmware-manual-noefi-acpi-aarch64``); ``domxml.firmware`` makes those
checks too. The legacy-path cases use qemu.conf's ``nvram`` list, which
libvirt's tests set: :data:`firmware_support.LEGACY_PAIRS`.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus import show_diff
from firmware_support import (
    LEGACY_PAIRS,
    Case,
    case_params,
    firmware_parts,
    libvirt_root,
    read_cases,
    require_firmware,
)

import domxml
from domxml import firmware
from domxml.firmware.search import Catalog
from domxml.models.domain import Domain

__all__ = ["libvirt_root"]


@pytest.fixture(scope="module")
def catalog(libvirt_root: Path) -> Catalog:
    return firmware.load_catalog(libvirt_root)


def outcome(case: Case, catalog: Catalog) -> str | None:
    """``None`` when libvirt's result is reproduced, else what differs."""
    data = require_firmware() / "cases"
    domain = domxml.parse(data / case.input)
    assert isinstance(domain, Domain)
    result = firmware.preview(
        domain,
        catalog=catalog,
        arch=case.arch,
        abi_update=case.mode == "abi-update",
        legacy=LEGACY_PAIRS,
    )
    expected = (data / case.expected).read_text(encoding="utf-8")
    if case.kind == "error":
        if result.error is None:
            return f"no error; libvirt says: {expected.strip()}"
        if result.error.message != expected.strip():
            return f"error {result.error.message!r}; libvirt says {expected.strip()!r}"
        return None
    if result.domain is None:
        return f"rejected: {result.error}"
    actual = firmware_parts(domxml.to_xml(result.domain, style="libvirt"))
    wanted = firmware_parts(expected)
    if actual == wanted:
        return None
    return "\n".join(
        f"{key}:\n{show_diff(wanted[key] or '', actual[key] or '')}"
        for key in wanted
        if actual[key] != wanted[key]
    )


@pytest.mark.parametrize("case", case_params())
def test_case(case: Case | None, catalog: Catalog) -> None:
    if case is None:
        require_firmware()
        return
    problem = outcome(case, catalog)
    assert problem is None, f"{case.input} ({case.arch}, {case.mode}):\n{problem}"


def test_all_cases_count(catalog: Catalog, capsys: pytest.CaptureFixture[str]) -> None:
    require_firmware()
    cases = read_cases()
    failed = [case.id for case in cases if outcome(case, catalog) is not None]
    with capsys.disabled():
        print(f"\nlibvirt firmware cases reproduced: {len(cases) - len(failed)}/{len(cases)}")
    assert len(cases) == 80
    assert failed == []


def test_output_cases_keep_the_rest_of_the_domain(catalog: Catalog) -> None:
    """Resolution touches the firmware only: the input's other parts come back as they were."""
    data = require_firmware() / "cases"
    domain = domxml.parse(data / "firmware-auto-efi.xml")
    assert isinstance(domain, Domain)
    resolved = firmware.resolve(domain, catalog=catalog, abi_update=True)
    assert resolved is not domain and domain.os is not None and domain.os.loader is None
    assert resolved.devices == domain.devices
    assert resolved.memory == domain.memory
