"""The twenty recipes of ``domxml.build.recipes``: valid, lint-free, defined, same from the CLI.

Each recipe's document is validated against libvirt 9.0.0's, 11.3.0's and
12.9.0's schemas (beside the corpus, see ``corpus.data_dir``) with lint
findings as errors, defined and undefined on libvirt's test driver and on a
real libvirtd with the QEMU driver (``libvirtd.py``), as built and with that
host's domain capabilities, and ``domxml new`` with the recipe's options
writes the same document. Every object is named ``domxml-build-...`` and
removed.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Iterator
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from typing import Any

import pytest
from corpus import data_dir, in_ci
from libvirt_support import test_conn  # noqa: F401  (a fixture)
from libvirtd import clear, libvirtd  # noqa: F401  (a fixture)

import domxml
from domxml.build import HostSupportError, from_connection
from domxml.build.recipes import RECIPES, Recipe
from domxml.cli import main

VERSIONS = ("9.0.0", "11.3.0", "12.9.0")
IDS = [r.name for r in RECIPES]


def _run(*argv: str, stdin: str | None = None) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    saved = sys.stdin
    try:
        if stdin is not None:
            sys.stdin = io.TextIOWrapper(io.BytesIO(stdin.encode()))
        with redirect_stdout(out), redirect_stderr(err):
            code = main(list(argv))
    finally:
        sys.stdin = saved
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def documents() -> dict[str, str]:
    """Each recipe's document, by recipe name."""
    return {r.name: domxml.to_xml(r.build()) for r in RECIPES}


@pytest.fixture(scope="module")
def schema_sets(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Exactly the three schema sets, by ``$DOMXML_SCHEMA_PATH``."""
    dirs = [data_dir().parent / version / "schemas" for version in VERSIONS]
    missing = [str(d) for d in dirs if not (d / "domain.rng").is_file()]
    if missing:
        reason = f"libvirt schemas not found: {', '.join(missing)}"
        if in_ci():
            pytest.fail(reason)
        pytest.skip(reason)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DOMXML_SCHEMA_PATH", ":".join(str(d) for d in dirs))
        patch.setenv("DOMXML_SYSTEM_SCHEMAS", "")
        patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg-cache")))
        yield


def test_twenty_recipes_cover_the_intents(documents: dict[str, str]) -> None:
    assert len(RECIPES) == 20 and len(set(IDS)) == 20
    assert all(r.domain_name.startswith("domxml-build-") for r in RECIPES)
    every = "\n".join(documents.values())
    for needle in (
        "<clock offset='localtime'>",  # Windows
        "<clock offset='utc'>",  # Linux
        "<os>",  # BIOS
        "<os firmware='efi'>",  # UEFI
        "<feature enabled='yes' name='secure-boot'/>",
        "<feature enabled='no' name='secure-boot'/>",
        "<interface type='bridge'>",
        "<interface type='network'>",
        "<interface type='direct'>",
        "bus='virtio'/>",
        "bus='sata'/>",
        "bus='scsi'/>",
        "<disk type='file' device='cdrom'>",
        "-seed.iso'/>",  # a cloud-init seed
        "<graphics type='vnc'",
        "<graphics type='spice'",
        "<type arch='aarch64' machine='virt'>hvm</type>",
        "<tpm model='tpm-crb'>",
    ):
        assert needle in every, needle
    headless = [n for n, xml in documents.items() if "<graphics" not in xml]
    assert len(headless) >= 5


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("recipe", RECIPES, ids=IDS)
def test_valid_and_lint_free(
    schema_sets: None, documents: dict[str, str], recipe: Recipe, version: str
) -> None:
    report = domxml.validate(documents[recipe.name], version, strict=True)
    assert report.libvirt == version
    assert report.ok, [(e.path, e.message) for e in report.errors]
    assert not report.warnings


@pytest.mark.parametrize("recipe", RECIPES, ids=IDS)
def test_domxml_new_writes_the_same_document(documents: dict[str, str], recipe: Recipe) -> None:
    code, out, err = _run(*recipe.command())
    assert code == 0, err
    assert out == documents[recipe.name]


def test_domxml_new_yaml_is_the_same_domain(documents: dict[str, str]) -> None:
    recipe = RECIPES[2]
    code, out, err = _run(*recipe.command(), "--format", "yaml")
    assert code == 0, err
    assert domxml.to_xml(domxml.from_yaml(out)) == documents[recipe.name]


def test_domxml_new_usage_errors() -> None:
    code, _, err = _run("new", "--name", "x", "--disk", "/a.qcow2,speed=9")
    assert code == 2 and "unknown option 'speed'" in err
    code, _, err = _run("new", "--name", "x", "--network", "wifi=yes")
    assert code == 2 and "give bridge=, network= or type=direct" in err
    code, _, err = _run("new", "--name", "x", "--osinfo", "win11", "--boot", "bios")
    assert code == 2 and "UEFI only" in err


@pytest.mark.parametrize("recipe", RECIPES, ids=IDS)
def test_defined_by_the_test_driver(
    test_conn: Any,  # noqa: F811
    documents: dict[str, str],
    recipe: Recipe,
) -> None:
    dom = test_conn.defineXML(documents[recipe.name])
    try:
        assert dom.name() == recipe.domain_name
    finally:
        dom.undefine()


@pytest.fixture(scope="module")
def qemu(libvirtd: str) -> Iterator[Any]:  # noqa: F811
    """A connection to the real daemon; removes every ``domxml-build-`` object before and after."""
    from domxml.apply import connect

    conn = connect(libvirtd)
    clear(conn, "domxml-build-")
    yield conn
    clear(conn, "domxml-build-")
    conn.close()


def _define_and_undefine(conn: Any, xml: str, name: str) -> str:
    """Define ``xml``; the definition libvirt keeps; then undefine it (and its NVRAM)."""
    from domxml.apply.connection import libvirt_module

    libvirt = libvirt_module()
    dom = conn.defineXML(xml)
    try:
        assert dom.name() == name
        kept: str = dom.XMLDesc(libvirt.VIR_DOMAIN_XML_INACTIVE)
    finally:
        dom.undefineFlags(libvirt.VIR_DOMAIN_UNDEFINE_NVRAM)
    return kept


@pytest.mark.parametrize("recipe", RECIPES, ids=IDS)
def test_defined_by_libvirtd(qemu: Any, documents: dict[str, str], recipe: Recipe) -> None:
    kept = _define_and_undefine(qemu, documents[recipe.name], recipe.domain_name)
    # libvirt expands the machine alias and keeps what the builder chose.
    assert "machine='pc-q35-" in kept or "machine='pc-i440fx-" in kept or "machine='virt-" in kept


def _host_args(recipe: Recipe) -> dict[str, Any]:
    arch = recipe.kwargs.get("arch")
    return {
        "arch": arch,
        "machine": recipe.kwargs.get("machine", "virt" if arch == "aarch64" else "q35"),
        "domain_type": recipe.kwargs.get("domain_type"),
    }


@pytest.mark.parametrize("recipe", RECIPES, ids=IDS)
def test_built_for_the_hosts_capabilities_and_defined(qemu: Any, recipe: Recipe) -> None:
    host = from_connection(qemu, **_host_args(recipe))
    if host.firmwares is not None and "efi" not in host.firmwares and host.arch == "aarch64":
        # This host has no UEFI firmware for Arm (Debian: qemu-efi-aarch64):
        # the guest could be defined but never start, so the builder refuses.
        with pytest.raises(HostSupportError, match="no UEFI firmware for aarch64"):
            recipe.build(host=host)
        return
    dom = recipe.build(host=host)
    xml = domxml.to_xml(dom)
    assert dom.os is not None and dom.os.type is not None
    # The host's own name for its machine, unless the recipe names one.
    assert dom.os.type.machine == recipe.kwargs.get("machine", host.machine)
    assert dom.devices is not None and dom.devices.emulator == host.emulator
    _define_and_undefine(qemu, xml, recipe.domain_name)


def test_new_piped_to_apply(qemu: Any) -> None:
    """``domxml new ... | domxml apply -``: created, then nothing to do."""
    recipe = RECIPES[2]
    uri = qemu.getURI()
    code, document, err = _run(*recipe.command(), "-c", uri)
    assert code == 0, err
    try:
        code, out, err = _run("apply", "-", "-c", uri, stdin=document)
        assert code == 0, err
        assert f"domain {recipe.domain_name}: created" in out, out
        code, out, err = _run("plan", "-", "-c", uri, stdin=document)
        assert code == 0, err
        assert "unchanged" in out, out
    finally:
        code, _, err = _run(
            "remove", f"domain:{recipe.domain_name}", "-c", uri, "--force", "--nvram", "remove"
        )
        assert code == 0, err


def test_new_written_to_a_file_then_applied(qemu: Any, tmp_path: Path) -> None:
    recipe = RECIPES[0]
    path = tmp_path / "vm.xml"
    code, _, err = _run(*recipe.command(), "-o", str(path))
    assert code == 0, err
    uri = qemu.getURI()
    try:
        code, out, err = _run("apply", str(path), "-c", uri)
        assert code == 0, err
        assert f"domain {recipe.domain_name}: created" in out, out
    finally:
        code, _, err = _run(
            "remove", f"domain:{recipe.domain_name}", "-c", uri, "--force", "--nvram", "remove"
        )
        assert code == 0, err


def test_what_the_host_cannot_run_is_refused_by_domxml_new(qemu: Any) -> None:
    uri = qemu.getURI()
    code, out, err = _run("new", "--name", "x", "--arch", "riscv64", "--machine", "virt", "-c", uri)
    assert code == 1 and out == ""
    assert "unable to find any emulator to serve 'riscv64'" in err
