"""Firmware lint: each check with a document that triggers it and one that does not.

Then the checks inside ``domxml validate``: warnings (exit status unchanged),
``--strict`` (errors, exit status 1), JSON and SARIF output, and libvirt's
firmware test inputs, whose errors the checks foresee.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from firmware_support import read_cases, require_firmware
from lxml import etree
from validate_support import run, schema_home

import domxml
from domxml.firmware.lint import RULES, check
from domxml.validation import validate
from domxml.validation.lint import rule_description, rules

__all__ = ["schema_home"]

CLEAN_EFI = (
    " firmware='efi'",
    "<loader readonly='yes' secure='yes' type='pflash' format='raw'>"
    "/usr/share/OVMF/OVMF_CODE_4M.secboot.fd</loader>"
    "<nvram template='/usr/share/OVMF/OVMF_VARS_4M.ms.fd' templateFormat='raw' format='raw'>"
    "/var/lib/libvirt/qemu/nvram/vm_VARS.fd</nvram>",
    "<acpi/><smm state='on'/>",
)


def document(
    os_attrs: str = "",
    os_inner: str = "",
    features: str = "<acpi/>",
    machine: str = "pc-q35-9.2",
    arch: str = "x86_64",
) -> str:
    return (
        f"<domain type='kvm'>\n  <name>vm</name>\n  <memory>1048576</memory>\n"
        f"  <os{os_attrs}>\n    <type arch='{arch}' machine='{machine}'>hvm</type>\n"
        f"    {os_inner}\n  </os>\n  <features>{features}</features>\n</domain>\n"
    )


def found(xml: str) -> set[str]:
    return {finding.rule for finding in check(etree.fromstring(xml))}


CASES = {
    "firmware-nvram-is-template": (
        document(" firmware='efi'", "<nvram>/usr/share/OVMF/OVMF_VARS_4M.fd</nvram>"),
        document(" firmware='efi'", "<nvram template='/usr/share/OVMF/OVMF_VARS_4M.fd'/>"),
    ),
    "firmware-secure-without-smm": (
        document(
            "",
            "<loader readonly='yes' secure='yes' type='pflash'>"
            "/usr/share/OVMF/OVMF_CODE_4M.secboot.fd</loader>",
        ),
        document(
            "",
            "<loader readonly='yes' secure='yes' type='pflash'>"
            "/usr/share/OVMF/OVMF_CODE_4M.secboot.fd</loader>",
            "<acpi/><smm state='on'/>",
        ),
    ),
    "firmware-secure-non-q35": (
        document(*CLEAN_EFI, machine="pc-i440fx-9.2"),
        document(*CLEAN_EFI, machine="q35"),
    ),
    "firmware-secure-boot-smm-off": (
        document(
            " firmware='efi'",
            "<firmware><feature enabled='yes' name='secure-boot'/></firmware>",
            "<acpi/><smm state='off'/>",
        ),
        document(
            " firmware='efi'",
            "<firmware><feature enabled='no' name='secure-boot'/></firmware>",
            "<acpi/><smm state='off'/>",
        ),
    ),
    "firmware-enrolled-keys-without-secure-boot": (
        document(
            " firmware='efi'",
            "<firmware><feature enabled='yes' name='enrolled-keys'/>"
            "<feature enabled='no' name='secure-boot'/></firmware>",
        ),
        document(
            " firmware='efi'",
            "<firmware><feature enabled='no' name='enrolled-keys'/>"
            "<feature enabled='no' name='secure-boot'/></firmware>",
        ),
    ),
    "firmware-format-mismatch": (
        document(" firmware='efi'", "<loader format='qcow2'/><nvram templateFormat='raw'/>"),
        document(" firmware='efi'", "<loader format='qcow2'/><nvram templateFormat='qcow2'/>"),
    ),
    "firmware-nvram-format-mismatch": (
        document(" firmware='efi'", "<nvram templateFormat='qcow2' format='raw'/>"),
        document(" firmware='efi'", "<nvram templateFormat='qcow2' format='qcow2'/>"),
    ),
    "firmware-image-size-mismatch": (
        document(
            "",
            "<loader readonly='yes' type='pflash'>/usr/share/OVMF/OVMF_CODE_4M.fd</loader>"
            "<nvram template='/usr/share/OVMF/OVMF_VARS.fd'/>",
        ),
        document(
            "",
            "<loader readonly='yes' type='pflash'>/usr/share/OVMF/OVMF_CODE_4M.fd</loader>"
            "<nvram template='/usr/share/OVMF/OVMF_VARS_4M.fd'/>",
        ),
    ),
    "firmware-bios-with-nvram": (
        document(" firmware='bios'", "<nvram>/var/lib/libvirt/qemu/nvram/vm_VARS.fd</nvram>"),
        document(" firmware='bios'"),
    ),
    "firmware-bios-not-stateless": (
        document(" firmware='bios'", "<loader stateless='no'/>"),
        document(" firmware='bios'", "<loader stateless='yes'/>"),
    ),
    "firmware-stateless-with-nvram": (
        document(
            " firmware='efi'",
            "<loader stateless='yes'/><nvram>/var/lib/libvirt/qemu/nvram/vm_VARS.fd</nvram>",
        ),
        document(" firmware='efi'", "<loader stateless='yes'/>"),
    ),
    "firmware-features-without-autoselection": (
        document(
            "",
            "<firmware><feature enabled='no' name='enrolled-keys'/></firmware>"
            "<loader readonly='yes' type='pflash'>/usr/share/OVMF/OVMF_CODE_4M.fd</loader>",
        ),
        document(
            " firmware='efi'", "<firmware><feature enabled='no' name='enrolled-keys'/></firmware>"
        ),
    ),
    "firmware-loader-without-path": (
        document("", "<loader readonly='yes' type='pflash'/>"),
        document(" firmware='efi'", "<loader readonly='yes' type='pflash'/>"),
    ),
    "firmware-writable-pflash": (
        document("", "<loader type='pflash'>/usr/share/OVMF/OVMF_CODE_4M.fd</loader>"),
        document("", "<loader type='pflash'>/var/lib/libvirt/images/vm_CODE.fd</loader>"),
    ),
    "firmware-rw-autoselection": (
        document(" firmware='efi'", "<loader readonly='no'/>"),
        document(" firmware='efi'", "<loader readonly='yes'/>"),
    ),
    "firmware-uefi-without-acpi": (
        document(" firmware='efi'", features=""),
        document(" firmware='bios'", features=""),
    ),
    "firmware-acpi-without-uefi": (
        document(arch="aarch64", machine="virt"),
        document(" firmware='efi'", arch="aarch64", machine="virt"),
    ),
}


def test_every_rule_is_tested() -> None:
    assert set(CASES) == set(RULES)
    # rules() lists the semantic rules too (docs/lint.md).
    assert RULES.items() <= rules().items()
    assert rule_description("firmware-uefi-without-acpi") == RULES["firmware-uefi-without-acpi"]
    assert rule_description("missing-element") is None


@pytest.mark.parametrize("rule", sorted(CASES))
def test_rule(rule: str) -> None:
    bad, good = CASES[rule]
    assert rule in found(bad)
    assert rule not in found(good)
    # Each good document is valid XML for the models too.
    assert domxml.parse(good) is not None


def test_a_clean_uefi_domain_has_no_finding() -> None:
    assert found(document(*CLEAN_EFI)) == set()
    assert found(document()) == set()  # the built-in firmware
    assert found("<network><name>n</name></network>") == set()
    assert found("<domain type='kvm'><name>vm</name></domain>") == set()


def test_findings_point_at_the_node() -> None:
    xml = document(" firmware='efi'", "<loader readonly='no'/>")
    (finding,) = check(etree.fromstring(xml))
    assert finding.element.tag == "loader" and finding.attribute == "readonly"
    assert finding.hint == "remove readonly='no'"


def test_libvirts_error_cases_are_foreseen() -> None:
    """Every firmware case libvirt rejects at define time draws a lint finding."""
    data = require_firmware() / "cases"
    expected = {
        "firmware-auto-bios-not-stateless": "firmware-bios-not-stateless",
        "firmware-auto-bios-nvram": "firmware-bios-with-nvram",
        "firmware-auto-efi-enrolled-keys-no-secboot": "firmware-enrolled-keys-without-secure-boot",
        "firmware-auto-efi-rw": "firmware-rw-autoselection",
        "firmware-auto-efi-rw-pflash": "firmware-rw-autoselection",
        "firmware-manual-bios-not-stateless": "firmware-bios-not-stateless",
        "firmware-manual-efi-features": "firmware-features-without-autoselection",
        "firmware-manual-efi-loader-no-path": "firmware-loader-without-path",
        "firmware-manual-efi-noacpi-q35": "firmware-uefi-without-acpi",
        "firmware-manual-efi-nvram-stateless": "firmware-stateless-with-nvram",
        "firmware-manual-efi-nvram-template-stateless": "firmware-stateless-with-nvram",
        "firmware-manual-noefi-acpi-aarch64": "firmware-acpi-without-uefi",
    }
    for case in read_cases():
        if case.kind != "error" or case.case not in expected:
            continue
        root = etree.parse(str(data / case.input)).getroot()
        assert expected[case.case] in {f.rule for f in check(root)}, case.case


# -- in domxml validate ----------------------------------------------------------------------


@pytest.fixture()
def flawed(tmp_path: Path) -> Path:
    path = tmp_path / "vm.xml"
    path.write_text(document(" firmware='efi'", "<loader readonly='no'/>"), encoding="utf-8")
    return path


def test_validate_reports_warnings(schema_home: Path, flawed: Path) -> None:
    result = run("validate", "--libvirt", "11.3.0", str(flawed))
    assert result.code == 0
    assert f"{flawed}:6:13: warning: readonly='no' asks automatic selection" in result.out
    assert "[firmware-rw-autoselection]" in result.out
    assert result.out.endswith("1 valid, 0 invalid; 1 warning\n")
    report = domxml.validate(str(flawed), "11.3.0")
    assert report.ok and report.errors == ()
    assert [(w.rule, w.level, w.path) for w in report.warnings] == [
        ("firmware-rw-autoselection", "warning", "/domain/os/loader/@readonly")
    ]


def test_strict_makes_them_errors(schema_home: Path, flawed: Path) -> None:
    result = run("validate", "--strict", "--libvirt", "11.3.0", str(flawed))
    assert result.code == 1
    assert ": error: readonly='no' asks automatic selection" in result.out
    for check_strictly in (validate, domxml.validate):
        report = check_strictly(str(flawed), "11.3.0", strict=True)
        assert not report.ok and report.warnings == ()
        assert [e.rule for e in report.errors] == ["firmware-rw-autoselection"]


def test_warnings_in_json_and_sarif(schema_home: Path, flawed: Path) -> None:
    document_ = run("validate", "--format", "json", "--libvirt", "11.3.0", str(flawed)).json()
    (item,) = document_["files"]
    assert item["valid"] is True and item["errors"] == []
    assert item["warnings"][0]["rule"] == "firmware-rw-autoselection"
    log = run("validate", "--format", "sarif", "--libvirt", "11.3.0", str(flawed)).json()
    (result,) = log["runs"][0]["results"]
    assert result["level"] == "warning"
    (rule,) = log["runs"][0]["tool"]["driver"]["rules"]
    assert rule["defaultConfiguration"] == {"level": "warning"}
    assert rule["shortDescription"]["text"] == RULES["firmware-rw-autoselection"]


def test_quiet_clean_documents_stay_quiet(schema_home: Path, tmp_path: Path) -> None:
    clean = tmp_path / "clean.xml"
    clean.write_text(document(*CLEAN_EFI, machine="q35"), encoding="utf-8")
    assert run("validate", "-q", "--strict", "--libvirt", "11.3.0", str(clean)).code == 0
