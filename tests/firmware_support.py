"""Set-up shared by the ``test_firmware*`` files: libvirt's firmware cases and descriptors.

libvirt's firmware test data is read from ``../shared/libvirt/11.3.0/firmware``
(or from ``$DOMXML_TESTDATA/firmware``), never copied into the repository.
Its descriptor tree stands for a host: ``usr/share/qemu/firmware``,
``etc/qemu/firmware`` (overrides; an empty file masks) and the user's
``home/user/.config/qemu/firmware``. Two files of ``etc/qemu/firmware`` are
symbolic links in libvirt's sources, stored in the test data as plain files
holding the link's target: :func:`restored_root` builds a tree of links to
the test data with those two made links again, so that the search path sees
what libvirt's tests see. Nothing is copied.

Debian's real descriptors (package ``ovmf``, installed by
``scripts/bootstrap.sh``) are in ``/usr/share/qemu/firmware``.
"""

from __future__ import annotations

import csv
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from corpus import MISSING_MARKER, data_dir, in_ci
from lxml import etree

#: libvirt's firmware test directories, as in its qemufirmwaretest.
TREE_DIRS = ("usr/share/qemu/firmware", "etc/qemu/firmware", "home/user/.config/qemu/firmware")

#: qemu.conf's documented ``nvram`` list, standing for the one libvirt's tests set.
LEGACY_PAIRS = (
    ("/usr/share/OVMF/OVMF_CODE.fd", "/usr/share/OVMF/OVMF_VARS.fd"),
    ("/usr/share/OVMF/OVMF_CODE.secboot.fd", "/usr/share/OVMF/OVMF_VARS.fd"),
    ("/usr/share/AAVMF/AAVMF_CODE.fd", "/usr/share/AAVMF/AAVMF_VARS.fd"),
    ("/usr/share/AAVMF/AAVMF32_CODE.fd", "/usr/share/AAVMF/AAVMF32_VARS.fd"),
)

DEBIAN_DIR = Path("/usr/share/qemu/firmware")


def firmware_dir() -> Path:
    """Where libvirt's firmware test data should be."""
    return data_dir() / "firmware"


def missing_reason() -> str | None:
    """Why the firmware test data cannot be read, or ``None``."""
    cases = firmware_dir() / "cases.tsv"
    if cases.is_file():
        return None
    return f"libvirt firmware test data not found: {cases} does not exist"


def _skip_or_fail(reason: str) -> None:
    if in_ci():
        pytest.fail(reason)
    pytest.skip(reason)


def require_firmware() -> Path:
    """The firmware test data directory; skip (fail under CI) when missing."""
    reason = missing_reason()
    if reason is not None:
        _skip_or_fail(reason)
    return firmware_dir()


def require_debian_ovmf() -> Path:
    """Debian's descriptor directory; skip (fail under CI) when ``ovmf`` is not installed."""
    if not any(DEBIAN_DIR.glob("*x86_64*.json")):
        _skip_or_fail(f"no x86_64 firmware descriptor in {DEBIAN_DIR}: install Debian's ovmf")
    return DEBIAN_DIR


@dataclass(frozen=True)
class Case:
    """One row of ``cases.tsv``."""

    case: str
    input: str
    expected: str
    arch: str
    mode: str
    kind: str

    @property
    def id(self) -> str:
        return f"{self.case}-{self.mode}-{self.kind}"


def read_cases() -> list[Case]:
    """Every case of ``cases.tsv``, in order."""
    with open(firmware_dir() / "cases.tsv", encoding="utf-8", newline="") as stream:
        return [Case(**row) for row in csv.DictReader(stream, delimiter="\t")]


def case_params() -> list[Any]:
    """``pytest.param`` per case (a skipped stand-in when the data is missing)."""
    reason = missing_reason()
    if reason is not None:
        mark = getattr(pytest.mark, MISSING_MARKER)(reason=reason)
        return [pytest.param(None, id="firmware-data-missing", marks=mark)]
    return [pytest.param(case, id=case.id) for case in read_cases()]


def restored_root(dest: Path) -> Path:
    """A descriptor tree at ``dest``: links to the test data, libvirt's links restored."""
    source = require_firmware() / "descriptors"
    for sub in TREE_DIRS:
        (dest / sub).mkdir(parents=True, exist_ok=True)
        for path in sorted((source / sub).iterdir()):
            target = path
            data = path.read_bytes()
            if data and not data.lstrip().startswith(b"{"):
                # A link stored as a file holding its (relative) target.
                linked = (path.parent / data.decode().strip()).resolve()
                if linked.is_file():
                    target = linked
            os.symlink(target, dest / sub / path.name)
    return dest


@pytest.fixture(scope="session")
def libvirt_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """libvirt's test descriptor tree, links restored."""
    require_firmware()
    return restored_root(tmp_path_factory.mktemp("firmware-root"))


def firmware_parts(xml: str | bytes) -> dict[str, str | None]:
    """The firmware selection's result in a domain document, canonicalised.

    ``<os firmware=...>``, ``<os><firmware>``, ``<loader>``, ``<nvram>`` and
    ``<features><smm>``: what the issue's acceptance compares.
    """
    data = xml.encode() if isinstance(xml, str) else xml
    root = etree.fromstring(data, etree.XMLParser(remove_blank_text=True))
    os_ = root.find("os")
    parts: dict[str, str | None] = {"os/@firmware": None}
    if os_ is not None:
        parts["os/@firmware"] = os_.get("firmware")
    for name in ("os/firmware", "os/loader", "os/nvram", "features/smm"):
        el = root.find(name)
        parts[name] = None if el is None else etree.tostring(el, method="c14n").decode()
    return parts
