"""Firmware lint: mistakes in ``<loader>``, ``<nvram>`` and friends that schemas let through.

A domain can be valid for libvirt's schema and still be refused when it is
defined (``UEFI requires ACPI on this architecture``), never find a
firmware, or work while quietly doing harm (every guest writing its UEFI
variables into the one shared ``OVMF_VARS.fd``). :func:`check` finds these
in a parsed document; ``domxml validate`` reports them as warnings (errors
with ``--strict``), each with a rule id from :data:`RULES`.

The checks read the document alone, not the host's firmware descriptors, so
that they give the same answer everywhere.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from lxml import etree

__all__ = ["FIRMWARE_DIRS", "REFUSED", "RULES", "Finding", "check"]

RULES: dict[str, str] = {
    "firmware-nvram-is-template": "The NVRAM store is a shared firmware file, not the guest's own",
    "firmware-secure-without-smm": "A secure loader needs SMM: <smm state='on'/>",
    "firmware-secure-non-q35": "A secure loader works with q35 machine types only",
    "firmware-secure-boot-smm-off": "Secure Boot firmware needs SMM, which the domain turns off",
    "firmware-enrolled-keys-without-secure-boot": "enrolled-keys cannot be on with secure-boot off",
    "firmware-format-mismatch": "The loader and its NVRAM template have different formats",
    "firmware-nvram-format-mismatch": "The NVRAM store and its template have different formats",
    "firmware-image-size-mismatch": "The loader and its NVRAM template differ in flash size",
    "firmware-bios-with-nvram": "BIOS firmware has no NVRAM store",
    "firmware-bios-not-stateless": "stateless='no' (an NVRAM store) needs UEFI pflash firmware",
    "firmware-stateless-with-nvram": "A stateless loader takes no NVRAM store nor template",
    "firmware-features-without-autoselection": "Firmware features need <os firmware='...'>",
    "firmware-loader-without-path": "A manual <loader> needs the path of the image",
    "firmware-writable-pflash": "A shared firmware image mapped read/write",
    "firmware-rw-autoselection": "Automatic selection does not pick read/write firmware",
    "firmware-uefi-without-acpi": "UEFI needs ACPI on x86: <acpi/>",
    "firmware-acpi-without-uefi": "ACPI needs UEFI on aarch64",
}
"""Every firmware check, by id, with a one-line explanation."""

#: The checks whose finding libvirt refuses when the domain is defined, whatever
#: the host: ``domxml validate`` reports them as errors, the others as warnings.
REFUSED = frozenset(
    {
        "firmware-secure-non-q35",
        "firmware-enrolled-keys-without-secure-boot",
        "firmware-bios-not-stateless",
        "firmware-stateless-with-nvram",
        # Not firmware-features-without-autoselection: libvirt refuses it in a
        # new definition but keeps a domain it already has (it drops the features).
        "firmware-loader-without-path",
        "firmware-uefi-without-acpi",
        "firmware-acpi-without-uefi",
    }
)

#: Directories where distributions install firmware images and templates.
FIRMWARE_DIRS = (
    "/usr/share/OVMF/",
    "/usr/share/ovmf/",
    "/usr/share/edk2/",
    "/usr/share/edk2-ovmf/",
    "/usr/share/AAVMF/",
    "/usr/share/qemu-efi-aarch64/",
    "/usr/share/qemu/",
    "/usr/share/seabios/",
    "/usr/lib/ovmf/",
)

_X86 = ("i686", "x86_64")
#: A 4 MiB flash build's file name (``OVMF_CODE_4M.fd``); compiled by ``re`` on
#: first use, by the few domains that name both firmware files.
_4M = r"(^|[^0-9])4[mM]([^0-9a-zA-Z]|$)"


class Finding(NamedTuple):
    """One firmware mistake, at an element (and attribute) of the document."""

    rule: str
    """A key of :data:`RULES`."""
    message: str
    element: etree._Element
    attribute: str | None = None
    hint: str = ""
    level: str = "warning"
    """``error`` where libvirt refuses the definition outright (see :data:`REFUSED`)."""


def _in_firmware_dir(path: str) -> bool:
    return path.startswith(FIRMWARE_DIRS)


def _text(el: etree._Element | None) -> str:
    return (el.text or "").strip() if el is not None else ""


class _Os:
    """The firmware-related parts of a ``<domain>`` tree."""

    def __init__(self, root: etree._Element, os_: etree._Element) -> None:
        # Each attribute is read once here: the checks read them many times.
        self.os = os_
        self.firmware = os_.get("firmware")
        children = _first_children(os_)
        self.loader = children.get("loader")
        self.nvram = children.get("nvram")
        os_type = children.get("type")
        self.arch = os_type.get("arch") if os_type is not None else None
        self.machine = os_type.get("machine") if os_type is not None else None
        # The first child of a name, as find() gives it (its path machinery
        # costs twice as much).
        features = next(root.iterchildren("features"), None)
        self.smm = next(features.iterchildren("smm"), None) if features is not None else None
        self.acpi = features is not None and next(features.iterchildren("acpi"), None) is not None
        self.features: dict[str, tuple[bool, etree._Element]] = {}
        firmware = os_.iterchildren("firmware") if "firmware" in children else ()
        for feature in (f for element in firmware for f in element.iterchildren("feature")):
            name, enabled = feature.get("name"), feature.get("enabled")
            if name and enabled in ("yes", "no"):
                self.features[name] = (enabled == "yes", feature)
        self.loader_path = _text(self.loader)
        self.nvram_path = self._nvram_path()
        self.template = (self.nvram.get("template") or "") if self.nvram is not None else ""
        self.uefi = self.firmware == "efi" or self.loader_attr("type") == "pflash"
        self.smm_off = self.smm is not None and self.smm.get("state") == "off"

    def loader_attr(self, name: str) -> str | None:
        return self.loader.get(name) if self.loader is not None else None

    def _nvram_path(self) -> str:
        if self.nvram is None:
            return ""
        source = next(self.nvram.iterchildren("source"), None)
        if source is not None and source.get("file"):
            return source.get("file") or ""
        return _text(self.nvram)


def _first_children(el: etree._Element) -> dict[object, etree._Element]:
    """The children of ``el`` by tag, the first of each (the one ``find`` gives)."""
    found: dict[object, etree._Element] = {}
    for child in el:
        found.setdefault(child.tag, child)
    return found


#: Elements of <os> that make a domain's firmware worth checking.
_FIRMWARE_ELEMENTS = ("loader", "nvram", "firmware")


def _firmware_os(root: etree._Element) -> etree._Element | None:
    """The domain's ``<os>``, if it says anything about firmware (every rule reads it).

    Most domains write nothing about firmware; then only the aarch64 ACPI
    rule can apply. ``domxml validate`` runs this on every domain, right
    after libxml2 validated it; there a loop over a few children costs less
    than a compiled XPath, whose context is set up at every call, or than
    ``find()``'s path machinery.
    """
    # iterchildren("os") skips the other children in C, without making an
    # element object of each (name, uuid, memory... come before <os>).
    for os_ in root.iterchildren("os"):
        if os_.get("firmware") is not None:
            return os_
        for item in os_:
            tag = item.tag
            if tag in _FIRMWARE_ELEMENTS or (tag == "type" and item.get("arch") == "aarch64"):
                return os_
        return None
    return None


def check(root: etree._Element) -> list[Finding]:
    """The firmware mistakes in a ``<domain>`` document (nothing for other roots)."""
    if root.tag != "domain":
        return []
    os_ = _firmware_os(root)
    if os_ is None:
        return []
    found: list[Finding] = []
    facts = _Os(root, os_)
    for rule in _CHECKS:
        found.extend(rule(facts))
    # Only libvirt's QEMU driver makes these refusals; other drivers (bhyve,
    # VMware...) have their own firmware handling.
    if root.get("type") not in ("qemu", "kvm", "hvf"):
        return found
    return [_leveled(finding, facts) for finding in found]


def _leveled(finding: Finding, os_: _Os) -> Finding:
    """The finding as an error where libvirt's QEMU driver refuses the definition."""
    refused = finding.rule in REFUSED or (
        # <os firmware='bios'> with <nvram>: refused; a manual BIOS loader's
        # <nvram> is only unused.
        finding.rule == "firmware-bios-with-nvram" and os_.firmware == "bios"
    )
    return finding._replace(level="error") if refused else finding


def _nvram_is_template(os_: _Os) -> list[Finding]:
    path = os_.nvram_path
    if os_.nvram is None or not path:
        return []
    shared = path == os_.template or path == os_.loader_path or _in_firmware_dir(path)
    if not shared:
        return []
    return [
        Finding(
            "firmware-nvram-is-template",
            f"<nvram> is {path}, a firmware file shared by every domain: the guest would write"
            " its UEFI variables into it (or fail to, the file being read-only)",
            os_.nvram,
            hint="give the domain its own store (/var/lib/libvirt/qemu/nvram/NAME_VARS.fd),"
            " with the shared file as template='...', or drop the path and let libvirt"
            " create one",
        )
    ]


def _secure_without_smm(os_: _Os) -> list[Finding]:
    if os_.loader_attr("secure") != "yes":
        return []
    # With automatic selection libvirt turns SMM on itself, unless told not to.
    if os_.smm_off or (os_.smm is None and os_.firmware is None):
        assert os_.loader is not None
        return [
            Finding(
                "firmware-secure-without-smm",
                "the loader restricts flash writes to SMM (secure='yes') but SMM is "
                + ("off" if os_.smm_off else "not enabled"),
                os_.loader,
                "secure",
                "add <smm state='on'/> to <features>",
            )
        ]
    return []


def _secure_non_q35(os_: _Os) -> list[Finding]:
    machine = os_.machine or ""
    if os_.loader_attr("secure") != "yes" or os_.arch not in _X86 or not machine:
        return []
    if machine == "q35" or machine.startswith("pc-q35"):
        return []
    assert os_.loader is not None
    return [
        Finding(
            "firmware-secure-non-q35",
            f"secure='yes' needs a q35 machine type, not {machine!r}: libvirt refuses the domain",
            os_.loader,
            "secure",
            "use machine='q35' (or a pc-q35-* version)",
        )
    ]


def _secure_boot_smm_off(os_: _Os) -> list[Finding]:
    if not os_.smm_off or os_.firmware != "efi" or os_.arch not in _X86:
        return []
    wanted = [
        name
        for name in ("secure-boot", "enrolled-keys")
        if name in os_.features and os_.features[name][0]
    ]
    if not wanted:
        return []
    assert os_.smm is not None
    return [
        Finding(
            "firmware-secure-boot-smm-off",
            f"firmware feature '{wanted[0]}' asks for Secure Boot firmware, which needs SMM,"
            " but <smm state='off'/> turns it off: libvirt will find no firmware",
            os_.smm,
            "state",
            "remove <smm state='off'/>, or the Secure Boot features",
        )
    ]


def _enrolled_keys_without_secure_boot(os_: _Os) -> list[Finding]:
    keys = os_.features.get("enrolled-keys")
    secure_boot = os_.features.get("secure-boot")
    if keys is None or secure_boot is None or not keys[0] or secure_boot[0]:
        return []
    return [
        Finding(
            "firmware-enrolled-keys-without-secure-boot",
            "firmware feature 'enrolled-keys' cannot be enabled when firmware feature"
            " 'secure-boot' is disabled",
            keys[1],
            "enabled",
            "enrolled keys are Secure Boot keys: enable secure-boot, or disable enrolled-keys",
        )
    ]


def _format_mismatch(os_: _Os) -> list[Finding]:
    found = []
    loader_format = os_.loader_attr("format")
    template_format = os_.nvram.get("templateFormat") if os_.nvram is not None else None
    nvram_format = os_.nvram.get("format") if os_.nvram is not None else None
    if loader_format and template_format and loader_format != template_format:
        assert os_.nvram is not None
        found.append(
            Finding(
                "firmware-format-mismatch",
                f"the loader is {loader_format} but its NVRAM template {template_format}:"
                " firmware builds ship both halves in one format",
                os_.nvram,
                "templateFormat",
                "use the template built with this loader (the same descriptor lists both)",
            )
        )
    if template_format and nvram_format and template_format != nvram_format:
        assert os_.nvram is not None
        found.append(
            Finding(
                "firmware-nvram-format-mismatch",
                f"the NVRAM store is declared {nvram_format} but is copied from a"
                f" {template_format} template, byte for byte",
                os_.nvram,
                "format",
                f"declare format='{template_format}', or use a {nvram_format} template",
            )
        )
    return found


def _image_size_mismatch(os_: _Os) -> list[Finding]:
    code = os_.loader_path.rsplit("/", 1)[-1]
    variables = os_.template.rsplit("/", 1)[-1]
    if not code or not variables or os_.nvram is None:
        return []
    if bool(re.search(_4M, code)) == bool(re.search(_4M, variables)):
        return []
    big, small = (code, variables) if re.search(_4M, code) else (variables, code)
    return [
        Finding(
            "firmware-image-size-mismatch",
            f"{big} is a 4 MiB flash build and {small} a 2 MiB one: the pair does not boot",
            os_.nvram,
            "template",
            "take the code and the variables template from the same build (one descriptor)",
        )
    ]


def _bios_with_nvram(os_: _Os) -> list[Finding]:
    bios = os_.firmware == "bios" or (
        os_.firmware is None and os_.loader_attr("type") in ("rom", None) and os_.loader_path
    )
    if not bios or os_.nvram is None:
        return []
    return [
        Finding(
            "firmware-bios-with-nvram",
            "BIOS firmware keeps no UEFI variables: <nvram> is refused"
            + (" (firmware type 'bios' does not support nvram)" if os_.firmware else " or unused"),
            os_.nvram,
            hint="remove <nvram>, or use UEFI firmware",
        )
    ]


def _bios_not_stateless(os_: _Os) -> list[Finding]:
    if os_.loader_attr("stateless") != "no" or os_.uefi:
        return []
    assert os_.loader is not None
    message = (
        "Only EFI firmware permits NVRAM"
        if os_.firmware
        else "Only pflash loader type permits NVRAM"
    )
    return [
        Finding(
            "firmware-bios-not-stateless",
            f"stateless='no' asks for an NVRAM store: {message}",
            os_.loader,
            "stateless",
            "remove stateless='no'",
        )
    ]


def _stateless_with_nvram(os_: _Os) -> list[Finding]:
    if os_.loader_attr("stateless") != "yes" or os_.nvram is None:
        return []
    what = "NVRAM template" if os_.template else "NVRAM"
    return [
        Finding(
            "firmware-stateless-with-nvram",
            f"{what} is not permitted when loader is stateless",
            os_.nvram,
            hint="remove <nvram>, or stateless='yes'",
        )
    ]


def _features_without_autoselection(os_: _Os) -> list[Finding]:
    if os_.firmware is not None or not os_.features:
        return []
    first = next(iter(os_.features.values()))[1]
    return [
        Finding(
            "firmware-features-without-autoselection",
            "cannot use feature-based firmware autoselection when firmware autoselection is"
            " disabled: libvirt refuses this when the domain is defined",
            first,
            hint="add firmware='efi' to <os>, or remove <firmware>",
        )
    ]


def _loader_without_path(os_: _Os) -> list[Finding]:
    if os_.firmware is not None or os_.loader is None or os_.loader_path:
        return []
    return [
        Finding(
            "firmware-loader-without-path",
            "no loader path specified and firmware auto selection disabled",
            os_.loader,
            hint="give the firmware image's path, or add firmware='efi' to <os>",
        )
    ]


def _writable_pflash(os_: _Os) -> list[Finding]:
    path = os_.loader_path
    if os_.firmware is not None or os_.loader_attr("type") != "pflash" or not path:
        return []
    if os_.loader_attr("readonly") == "yes" or not _in_firmware_dir(path):
        return []
    assert os_.loader is not None
    how = "readonly='no'" if os_.loader_attr("readonly") == "no" else "no readonly='yes'"
    return [
        Finding(
            "firmware-writable-pflash",
            f"the loader {path} is a shared firmware image mapped read/write ({how}):"
            " the guest can change it for every domain that uses it",
            os_.loader,
            "readonly" if os_.loader_attr("readonly") else None,
            "add readonly='yes' (and an <nvram> store), or copy the image for this domain",
        )
    ]


def _rw_autoselection(os_: _Os) -> list[Finding]:
    if os_.firmware != "efi" or os_.loader_attr("readonly") != "no":
        return []
    assert os_.loader is not None
    return [
        Finding(
            "firmware-rw-autoselection",
            "readonly='no' asks automatic selection for a combined (read/write) image, which"
            " libvirt 11.3 never picks: 'Unable to find 'efi' firmware'",
            os_.loader,
            "readonly",
            "remove readonly='no'",
        )
    ]


def _uefi_without_acpi(os_: _Os) -> list[Finding]:
    if os_.arch not in _X86 or not os_.uefi or os_.acpi:
        return []
    return [
        Finding(
            "firmware-uefi-without-acpi",
            "UEFI requires ACPI on this architecture: libvirt refuses the domain",
            os_.loader if os_.loader is not None else os_.os,
            hint="add <acpi/> to <features>",
        )
    ]


def _acpi_without_uefi(os_: _Os) -> list[Finding]:
    if os_.arch != "aarch64" or not os_.acpi or os_.uefi:
        return []
    return [
        Finding(
            "firmware-acpi-without-uefi",
            "ACPI requires UEFI on this architecture: libvirt refuses the domain",
            os_.os,
            hint="add firmware='efi' to <os>, or remove <acpi/>",
        )
    ]


_CHECKS = (
    _nvram_is_template,
    _secure_without_smm,
    _secure_non_q35,
    _secure_boot_smm_off,
    _enrolled_keys_without_secure_boot,
    _format_mismatch,
    _image_size_mismatch,
    _bios_with_nvram,
    _bios_not_stateless,
    _stateless_with_nvram,
    _features_without_autoselection,
    _loader_without_path,
    _writable_pflash,
    _rw_autoselection,
    _uefi_without_acpi,
    _acpi_without_uefi,
)
