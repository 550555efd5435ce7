"""The recipes against ``virt-install --print-xml`` for the same intent (Debian's ``virtinst``).

Each recipe's options go to virt-install (``domxml.tools.virtinstall``),
run against the real libvirtd, and its installed guest's document is
compared with the builder's: the same devices, in the same numbers, models
and buses, and the same platform choices, except the differences
docs/building.md lists with their reasons. virt-install defines a storage
pool for the images' directory, named ``domxml-build-vi``; it is removed.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from typing import Any

import pytest
from corpus import REPO, in_ci
from libvirtd import libvirtd  # noqa: F401  (a fixture)

from domxml.build.recipes import RECIPES
from domxml.tools.virtinstall import compare, image_files

POOL = "domxml-build-vi"

#: What differs from virt-install, per recipe; docs/building.md says why.
SMM = "features: virt-install 'acpi apic', domxml 'acpi apic smm'"
EXPECTED: dict[str, list[str]] = {
    "web01": [SMM],
    "win11": [
        "features: virt-install 'acpi apic hyperv vmport', domxml 'acpi apic hyperv vmport smm'"
    ],
    "arm64-virt": ["cpu: virt-install 'custom', domxml 'maximum'"],
    "arm64-install": ["cpu: virt-install 'custom', domxml 'maximum'"],
}


@pytest.fixture(scope="module")
def images(libvirtd: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:  # noqa: F811
    """The recipes' images (empty ones) in a directory virt-install makes a pool of."""
    for program in ("virt-install", "qemu-img"):
        if shutil.which(program) is None:
            reason = f"{program} is not installed (Debian: virtinst, qemu-utils)"
            if in_ci():
                pytest.fail(reason)
            pytest.skip(reason)
    directory = tmp_path_factory.mktemp("vi") / POOL
    directory.mkdir()
    for recipe in RECIPES:
        for name in image_files(recipe):
            path = directory / name
            if name.endswith(".qcow2"):
                subprocess.run(
                    ["qemu-img", "create", "-q", "-f", "qcow2", str(path), "1G"], check=True
                )
            else:
                path.touch()
    yield str(directory), libvirtd
    from domxml.apply import connect

    conn = connect(libvirtd)
    try:
        for pool in conn.listAllStoragePools(0):
            if pool.name() == POOL:
                if pool.isActive():
                    pool.destroy()
                pool.undefine()
    finally:
        conn.close()


@pytest.mark.parametrize("recipe", RECIPES, ids=[r.name for r in RECIPES])
def test_same_devices_and_choices_as_virt_install(images: tuple[str, str], recipe: Any) -> None:
    directory, uri = images
    lines = compare(recipe, directory, uri)
    if lines is None:
        assert recipe.name == "block-disk"  # no logical volume here
        return
    expected = set(EXPECTED.get(recipe.name, []))
    if recipe.kwargs.get("arch") == "aarch64" and not _arm_uefi(uri):
        # Without Arm UEFI firmware virt-install writes a BIOS guest (which
        # Arm's virt machine cannot boot) and so no TPM; the builder writes
        # UEFI, and with the host's capabilities refuses (test_build_recipes).
        expected |= {
            "device tpm: virt-install 0, domxml 1",
            "firmware: virt-install 'bios', domxml 'efi'",
        }
    assert set(lines) == expected
    assert len(lines) == len(expected)


def _arm_uefi(uri: str) -> bool:
    from domxml.apply import connect
    from domxml.build import from_connection

    conn = connect(uri)
    try:
        host = from_connection(conn, arch="aarch64", machine="virt", domain_type="qemu")
    finally:
        conn.close()
    return host.firmwares is None or "efi" in host.firmwares


def test_every_expected_difference_is_documented() -> None:
    page = (REPO / "docs" / "building.md").read_text(encoding="utf-8")
    section = page[page.index("## Compared with virt-install") :]
    for needle in ("<smm state='on'/>", "`maximum`", "UUID, MAC addresses", "`version='2.0'`"):
        assert needle in section
